# SPDX-License-Identifier: BSD-2-Clause-Patent
#
# Zephyr-style helpers for the hypervisor build. Every subsystem, driver and
# arch folder is a static library whose sources are added only when their
# Kconfig symbol is on. All libraries see the same interface target
# (mhv_interface: include paths, autoconf.h, CPU flags) and are linked whole
# into the final image.

# The library's name is its folder relative to the tree, '/' -> '__'
# (subsys/dataplane -> subsys__dataplane), so names never clash.
macro(mhv_library)
  file(RELATIVE_PATH _mhv_rel ${MONADIC_BASE} ${CMAKE_CURRENT_SOURCE_DIR})
  string(REPLACE "/" "__" _mhv_name ${_mhv_rel})
  mhv_library_named(${_mhv_name})
endmacro()

macro(mhv_library_named name)
  set(MHV_CURRENT_LIBRARY ${name})
  add_library(${name} STATIC)
  target_link_libraries(${name} PUBLIC mhv_interface)
  set_property(GLOBAL APPEND PROPERTY MHV_LIBS ${name})
endmacro()

function(mhv_library_sources)
  target_sources(${MHV_CURRENT_LIBRARY} PRIVATE ${ARGN})
endfunction()

function(mhv_library_sources_ifdef feature)
  if(${feature})
    target_sources(${MHV_CURRENT_LIBRARY} PRIVATE ${ARGN})
  endif()
endfunction()

function(mhv_library_include_directories)
  target_include_directories(${MHV_CURRENT_LIBRARY} PRIVATE ${ARGN})
endfunction()

function(mhv_library_compile_options)
  target_compile_options(${MHV_CURRENT_LIBRARY} PRIVATE ${ARGN})
endfunction()

# Sources shared by the whole image (e.g. arch code every library needs).
function(mhv_include_directories)
  target_include_directories(mhv_interface INTERFACE ${ARGN})
endfunction()

macro(add_subdirectory_ifdef feature dir)
  if(${feature})
    add_subdirectory(${dir})
  endif()
endmacro()
