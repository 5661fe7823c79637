/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* The EL2 identity map (mmu.c) and the switch that turns it on (mmu_enable.S). */
#ifndef ARCH_MMU_H
#define ARCH_MMU_H

#define MMU_PARAM_TTBR0 0
#define MMU_PARAM_TCR 8
#define MMU_PARAM_MAIR 16
#define MMU_PARAM_SCTLR 24

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Register values every CPU loads to turn its MMU on. */
struct mmu_boot_params {
	uint64_t ttbr0;
	uint64_t tcr;
	uint64_t mair;
	uint64_t sctlr;
};

_Static_assert(__builtin_offsetof(struct mmu_boot_params, sctlr) == MMU_PARAM_SCTLR, "layout");

extern struct mmu_boot_params mmu_boot_params;

/* Build the tables (MMU off, boot CPU). 0, or -1 after printing why. */
int mmu_build_tables(void);
/* Record that the boot CPU's MMU is on (cacheable memory, atomics usable). */
void mmu_mark_on(void);

/* Turn the MMU and caches on with mmu_boot_params (assembly). The boot CPU
 * also invalidates the image's lines so no stale line hides what it wrote
 * with caches off, and publishes the parameters for secondaries. */
void mmu_enable_primary(void);
void mmu_enable_secondary(void);
#endif

#endif
