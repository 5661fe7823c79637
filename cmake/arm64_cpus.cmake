# SPDX-License-Identifier: BSD-2-Clause-Patent
#
# Compiler flags per Neoverse core, keyed by the core name the SoC Kconfig
# selects (CONFIG_MHV_CPU_CORE). One table, used by the hypervisor build and
# by tests that compile code for every board's core (e.g. the ring
# disassembly check).
#
# gcc 12 (Debian 12) knows -mcpu=neoverse-n1/-v1/-n2 but not neoverse-v2.
# Graviton4 (Neoverse V2) is Armv9.0-A with SVE2; the honest fallback is
# -march=armv9-a (which implies SVE2, LSE, PAuth-capable ISA) tuned for
# Neoverse N2, the closest Armv9 core gcc 12 can tune for. Replace with
# -mcpu=neoverse-v2 once the toolchain has it (gcc >= 13).

set(MHV_ARM64_CORES neoverse-n1 neoverse-v1 neoverse-v2 neoverse-n2)

set(MHV_ARM64_CPU_FLAGS_neoverse-n1 -mcpu=neoverse-n1)
set(MHV_ARM64_CPU_FLAGS_neoverse-v1 -mcpu=neoverse-v1)
set(MHV_ARM64_CPU_FLAGS_neoverse-v2 -march=armv9-a -mtune=neoverse-n2)
set(MHV_ARM64_CPU_FLAGS_neoverse-n2 -mcpu=neoverse-n2)

# mhv_arm64_cpu_flags(<out-var> <core>): the flags for one core, or a fatal
# error naming the known cores.
function(mhv_arm64_cpu_flags out core)
  if(NOT DEFINED MHV_ARM64_CPU_FLAGS_${core})
    message(FATAL_ERROR "unknown arm64 core '${core}'; known: ${MHV_ARM64_CORES}")
  endif()
  set(${out} ${MHV_ARM64_CPU_FLAGS_${core}} PARENT_SCOPE)
endfunction()
