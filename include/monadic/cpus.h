/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The physical CPUs the devicetree lists (/cpus, status okay), by index:
 * their MPIDR, whether they came online and what they reported.
 */
#ifndef MONADIC_CPUS_H
#define MONADIC_CPUS_H

#include <monadic/hal/cpu.h>
#include <stdbool.h>
#include <stdint.h>

struct cpu_info {
	struct hal_cpu_regs regs;  /* read by the CPU itself when it came up */
	bool online;
};

/* MPIDR affinity of CPU i, from the devicetree (also read by the boot
 * assembly to find its own index). */
extern const uint64_t mhv_cpu_mpidr[];
extern const unsigned int mhv_cpu_count;

/* The calling CPU records its registers and marks itself online. */
void cpu_mark_online(void);
const struct cpu_info *cpu_get(unsigned int index);
unsigned int cpus_online(void);

#endif
