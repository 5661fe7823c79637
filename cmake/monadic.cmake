# SPDX-License-Identifier: BSD-2-Clause-Patent
#
# The build pipeline, in order (each step stops the build with a clear
# message on bad input, before anything is compiled):
#   1. board: resolve BOARD (boards/**/board.yml)
#   2. Kconfig: board defconfig + prj.conf + EXTRA_CONF_FILE + -DCONFIG_X
#   3. devicetree: board .dts + overlays -> cpp -> dtc -> bindings check
#      -> devicetree_generated.h
#   4. the cross toolchain, then project(), then the libraries

# The image links every library whole with $<LINK_LIBRARY:WHOLE_ARCHIVE,...>
# (CMakeLists.txt), new in CMake 3.24. Every app's cmake_minimum_required()
# says so too; this stops an app that asks for less on an older CMake with
# the reason, not with a generator expression CMake does not know.
set(MHV_CMAKE_MINIMUM 3.24)
if(CMAKE_VERSION VERSION_LESS MHV_CMAKE_MINIMUM)
  message(FATAL_ERROR "Monadic needs CMake ${MHV_CMAKE_MINIMUM} or newer; this is "
    "CMake ${CMAKE_VERSION}.\nDebian 12 has 3.25: sudo apt-get install cmake")
endif()

set(APP_DIR ${CMAKE_CURRENT_SOURCE_DIR})
set(MHV_BINARY_DIR ${CMAKE_BINARY_DIR}/monadic)
set(MHV_GENERATED_DIR ${CMAKE_BINARY_DIR}/include/generated)
file(MAKE_DIRECTORY ${MHV_BINARY_DIR} ${MHV_GENERATED_DIR})

file(STRINGS ${MONADIC_BASE}/VERSION MHV_VERSION LIMIT_COUNT 1)

include(${MONADIC_BASE}/cmake/python.cmake)
include(${MONADIC_BASE}/cmake/boards.cmake)
include(${MONADIC_BASE}/cmake/kconfig.cmake)
include(${MONADIC_BASE}/cmake/toolchain.cmake)
include(${MONADIC_BASE}/cmake/dts.cmake)

# compile_commands.json in the build dir, for clangd and other tools, unless
# -DCMAKE_EXPORT_COMPILE_COMMANDS=OFF. CMake itself leaves an empty cache
# entry when nobody chose, so empty means on.
if("${CMAKE_EXPORT_COMPILE_COMMANDS}" STREQUAL "")
  set(CMAKE_EXPORT_COMPILE_COMMANDS ON CACHE BOOL "Write compile_commands.json" FORCE)
endif()

project(Monadic VERSION ${MHV_VERSION} LANGUAGES C ASM)

# Every compile (C and assembly, hence the rule launcher rather than
# <LANG>_COMPILER_LAUNCHER, which has no ASM) goes through fixdep, so an
# object depends on the Kconfig symbols it uses, not on all of autoconf.h.
set_property(GLOBAL PROPERTY RULE_LAUNCH_COMPILE
  "${MHV_PYTHON} ${MONADIC_BASE}/scripts/fixdep.py --deps-dir ${KCONFIG_DEPS_DIR} --autoconf ${AUTOCONF_H} --")

include(${MONADIC_BASE}/cmake/extensions.cmake)
include(${MONADIC_BASE}/cmake/compiler_flags.cmake)

# The application is a library like any subsystem; its main() is called
# once the hypervisor is up.
add_library(app STATIC)
target_link_libraries(app PUBLIC mhv_interface)

include(${BOARD_DIR}/board.cmake)
if(CONFIG_VM)
  include(${MONADIC_BASE}/cmake/vms.cmake)
endif()
add_subdirectory(${MONADIC_BASE} ${CMAKE_BINARY_DIR}/monadic_tree)
include(${MONADIC_BASE}/cmake/targets.cmake)
