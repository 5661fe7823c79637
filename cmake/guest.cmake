# SPDX-License-Identifier: BSD-2-Clause-Patent
#
# Bare-metal EL1 guest images, linked with the guest SDK (sdk/guest).
#
#   include(${MONADIC_BASE}/cmake/guest.cmake)     # find_package(Monadic) does not
#   mhv_add_guest(<name> SOURCES <files...> [LINK_ADDRESS <addr>]
#                 [DEFINES <defs...>] [INCLUDES <dirs...>])
#
# builds <name>.elf and the raw image <name>.bin in the current binary
# directory. <name> is a custom target (part of ALL) carrying
#   MHV_GUEST_BIN  the .bin path, for embedding into the hypervisor image
#   MHV_GUEST_ELF  the .elf path, for symbols (gdb, addr2line)
# DEFINES and INCLUDES apply to the guest's own sources only.
#
# Guests never use the hypervisor's mhv_interface flags: they get their own
# (mhv_guest_interface). The image is a static PIE that relocates itself at
# start-up, so it runs wherever it is loaded; LINK_ADDRESS (default the
# virt RAM base, where Monadic loads images unless told otherwise) only
# sets the addresses in the .elf.
#
# Needs C and ASM enabled and CMAKE_C_COMPILER an aarch64 gcc (the
# hypervisor build already has both; tests/integration/guests is a
# standalone project that sets them).

include_guard(GLOBAL)

get_filename_component(MHV_GUEST_BASE ${CMAKE_CURRENT_LIST_DIR}/.. ABSOLUTE)
set(MHV_GUEST_DEFAULT_LINK_ADDRESS 0x40000000)
set(MHV_GUEST_LINKER_SCRIPT ${MHV_GUEST_BASE}/sdk/guest/guest.ld)

# Baseline Armv8.0-A: a guest image runs on every board's core. The MMU
# is off, so every access must be naturally aligned (-mstrict-align).
# -mgeneral-regs-only: the SDK leaves SIMD/FP trapped, which asks nothing
# of the hypervisor's FP context switching. Atomics are inline and never
# libgcc helpers; loops are not turned into memset/memcpy calls (the SDK's
# own memset would call itself).
add_library(mhv_guest_interface INTERFACE)
target_include_directories(mhv_guest_interface INTERFACE ${MHV_GUEST_BASE}/include)
target_compile_options(mhv_guest_interface INTERFACE
  -march=armv8-a -mgeneral-regs-only -mstrict-align -mno-outline-atomics
  -ffreestanding -fpie -fno-plt -fno-common -fno-stack-protector
  -fno-tree-loop-distribute-patterns -ffunction-sections -fdata-sections
  -O2 -g -Wall -Wextra -Werror
  $<$<COMPILE_LANGUAGE:C>:-std=gnu11>)
target_link_options(mhv_guest_interface INTERFACE
  -nostdlib -static-pie -Wl,--no-dynamic-linker -Wl,-z,text
  # Relocated words also hold their link-time value (ld's default; never
  # --no-apply-dynamic-relocs): start.S reads the link address that way.
  -Wl,--gc-sections -Wl,--build-id=none -Wl,--no-warn-rwx-segments
  -Wl,-T,${MHV_GUEST_LINKER_SCRIPT})

add_subdirectory(${MHV_GUEST_BASE}/sdk/guest ${CMAKE_BINARY_DIR}/guest_sdk)

function(mhv_add_guest name)
  cmake_parse_arguments(PARSE_ARGV 1 G "" "LINK_ADDRESS" "SOURCES;DEFINES;INCLUDES")
  if(G_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "mhv_add_guest(${name}): unknown arguments: ${G_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT G_SOURCES)
    message(FATAL_ERROR "mhv_add_guest(${name}): no SOURCES")
  endif()
  if(NOT G_LINK_ADDRESS)
    set(G_LINK_ADDRESS ${MHV_GUEST_DEFAULT_LINK_ADDRESS})
  endif()

  set(elf ${CMAKE_CURRENT_BINARY_DIR}/${name}.elf)
  set(bin ${CMAKE_CURRENT_BINARY_DIR}/${name}.bin)
  add_executable(${name}.elf ${G_SOURCES} $<TARGET_OBJECTS:mhv_guest_sdk>)
  set_target_properties(${name}.elf PROPERTIES OUTPUT_NAME ${name}.elf SUFFIX ""
    RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}
    LINK_DEPENDS ${MHV_GUEST_LINKER_SCRIPT})
  target_link_libraries(${name}.elf PRIVATE mhv_guest_interface)
  target_compile_definitions(${name}.elf PRIVATE ${G_DEFINES})
  target_include_directories(${name}.elf PRIVATE ${G_INCLUDES})
  target_link_options(${name}.elf PRIVATE
    -Wl,--defsym=GUEST_LINK_ADDRESS=${G_LINK_ADDRESS}
    -Wl,-Map=${CMAKE_CURRENT_BINARY_DIR}/${name}.map)

  add_custom_command(OUTPUT ${bin}
    COMMAND ${CMAKE_OBJCOPY} -O binary ${elf} ${bin}
    DEPENDS ${name}.elf
    COMMENT "Guest image ${name}.bin" VERBATIM)
  add_custom_target(${name} ALL DEPENDS ${bin})
  set_target_properties(${name} PROPERTIES MHV_GUEST_BIN ${bin} MHV_GUEST_ELF ${elf})
  # cmake/vms.cmake makes the VM tables wait for every guest image, and
  # lets VMs name only the images guests make.
  set_property(GLOBAL APPEND PROPERTY MHV_GUEST_TARGETS ${name})
  set_property(GLOBAL APPEND PROPERTY MHV_GUEST_IMAGES ${bin})
endfunction()
