# SPDX-License-Identifier: BSD-2-Clause-Patent
#
# mhv_debian_linux_guest(<name> INIT <init script> [FILES <src:dest>...])
#
# Debian's arm64 cloud kernel and busybox-static (scripts/debian_guest.py,
# fetched with apt into a cache outside the tree: $MHV_CACHE_DIR, else
# ~/.cache/monadic/debian-arm64) become build/guest/Image and
# build/guest/initrd.gz, which a VM node names as "build:guest/Image" and
# "build:guest/initrd.gz". The versions are printed and kept in
# build/guest/versions.txt.

function(mhv_debian_linux_guest name)
  cmake_parse_arguments(G "" "INIT" "FILES" ${ARGN})
  if(DEFINED ENV{MHV_CACHE_DIR})
    set(cache $ENV{MHV_CACHE_DIR}/debian-arm64)
  else()
    set(cache $ENV{HOME}/.cache/monadic/debian-arm64)
  endif()
  set(facts ${CMAKE_BINARY_DIR}/guest/debian.cmake)
  file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/guest)
  execute_process(
    COMMAND ${MHV_PYTHON} ${MONADIC_BASE}/scripts/debian_guest.py fetch
            --cache ${cache} --cmake ${facts}
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the Debian guest kernel could not be fetched (above)")
  endif()
  include(${facts})
  file(WRITE ${CMAKE_BINARY_DIR}/guest/versions.txt
       "${DEBIAN_KERNEL_PACKAGE} ${DEBIAN_KERNEL_VERSION}\nbusybox-static ${DEBIAN_BUSYBOX_VERSION}\n")
  set(image ${CMAKE_BINARY_DIR}/guest/Image)
  configure_file(${DEBIAN_KERNEL_IMAGE} ${image} COPYONLY)

  set(files)
  foreach(f ${G_FILES})
    list(APPEND files --file ${f})
  endforeach()
  set(initrd ${CMAKE_BINARY_DIR}/guest/initrd.gz)
  add_custom_command(
    OUTPUT ${initrd}
    COMMAND ${MHV_PYTHON} ${MONADIC_BASE}/scripts/debian_guest.py initramfs
            --busybox ${DEBIAN_BUSYBOX} --init ${G_INIT} ${files} --out ${initrd}
    DEPENDS ${G_INIT} ${MONADIC_BASE}/scripts/debian_guest.py
    COMMENT "Building the ${name} initramfs (busybox ${DEBIAN_BUSYBOX_VERSION})" VERBATIM)
  add_custom_target(${name}_initramfs DEPENDS ${initrd})
  set_property(GLOBAL APPEND PROPERTY MHV_GUEST_TARGETS ${name}_initramfs)
  set_property(GLOBAL APPEND PROPERTY MHV_GUEST_IMAGES ${image} ${initrd})
endfunction()
