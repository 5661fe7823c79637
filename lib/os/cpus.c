/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* The devicetree's CPUs: see monadic/cpus.h. */

#include <monadic/cpus.h>
#include <monadic/devicetree.h>
#include <stddef.h>

#if DT_NUM_CPUS > CONFIG_NR_CPUS
#error "the devicetree lists more CPUs than CONFIG_NR_CPUS: raise CONFIG_NR_CPUS"
#endif
#if DT_NUM_CPUS == 0
#error "the devicetree lists no CPU in /cpus"
#endif

#define CPU_MPIDR(node) DT_REG_ADDR(node),
const uint64_t mhv_cpu_mpidr[] = { DT_FOREACH_CPU(CPU_MPIDR) };
const unsigned int mhv_cpu_count = DT_NUM_CPUS;
