# SPDX-License-Identifier: BSD-2-Clause-Patent
#
# Flags every hypervisor library gets, through the mhv_interface target.

include(${MONADIC_BASE}/cmake/arm64_cpus.cmake)
mhv_arm64_cpu_flags(cpu_flags ${CONFIG_MHV_CPU_CORE})
if(NOT CONFIG_ARM64_LSE_ATOMICS)
  # Turn LSE off on the -mcpu/-march flag itself: +nolse.
  list(GET cpu_flags 0 first)
  list(REMOVE_AT cpu_flags 0)
  list(INSERT cpu_flags 0 "${first}+nolse")
endif()

add_library(mhv_interface INTERFACE)
target_include_directories(mhv_interface INTERFACE
  ${MONADIC_BASE}/include
  ${MONADIC_BASE}/arch/arm64/include
  ${CMAKE_BINARY_DIR}/include)
target_compile_options(mhv_interface INTERFACE
  ${cpu_flags}
  # EL2 code never touches FP/SIMD (guests own those registers) and runs
  # parts of boot with the MMU off, where unaligned accesses fault.
  -mgeneral-regs-only -mstrict-align
  # Atomics inline (LSE or LL/SC), never calls into libgcc's helpers.
  -mno-outline-atomics
  -ffreestanding -fno-common -fno-pie -fno-stack-protector -fno-plt
  # memcpy/memset are ours (lib/os/string.c): gcc must not turn
  # their loops into calls to themselves.
  -fno-tree-loop-distribute-patterns
  -ffunction-sections -fdata-sections
  -O2 -g -Wall -Wextra -Werror
  $<$<COMPILE_LANGUAGE:C>:-std=gnu11>
  -imacros ${AUTOCONF_H})
target_compile_definitions(mhv_interface INTERFACE
  MHV_VERSION_STRING="${MHV_VERSION}")
