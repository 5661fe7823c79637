/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Turning the EL2 MMU on (Arm ARM D8.11 "Enabling the MMU" and the
 * cache maintenance rules of D7.5): program MAIR, TCR, TTBR0, invalidate
 * stale TLB entries, then set SCTLR_EL2.M/C/I with an ISB on each side.
 */

#include <arch/asm.h>
#include <arch/mmu.h>

	.text

/* x0..x1 = [start, end): invalidate data cache lines to PoC by VA. */
dcache_inval_range:
	mrs	x3, CTR_EL0
	ubfx	x3, x3, #16, #4		/* DminLine: log2(words) */
	mov	x2, #4
	lsl	x2, x2, x3		/* line size in bytes */
	sub	x3, x2, #1
	bic	x0, x0, x3
1:	dc	ivac, x0
	add	x0, x0, x2
	cmp	x0, x1
	b.lo	1b
	dsb	sy
	ret

/* Load mmu_boot_params into the registers and switch on. */
mmu_switch_on:
	adr_l	x0, mmu_boot_params
	ldr	x1, [x0, #MMU_PARAM_MAIR]
	msr	MAIR_EL2, x1
	ldr	x1, [x0, #MMU_PARAM_TCR]
	msr	TCR_EL2, x1
	ldr	x1, [x0, #MMU_PARAM_TTBR0]
	msr	TTBR0_EL2, x1
	isb
	tlbi	alle2
	dsb	ish
	isb
	ldr	x1, [x0, #MMU_PARAM_SCTLR]
	msr	SCTLR_EL2, x1
	isb
	ic	iallu
	dsb	ish
	isb
	ret

	.globl mmu_enable_primary
mmu_enable_primary:
	stp	x29, x30, [sp, #-16]!
	/* Everything written with caches off (tables, BSS, this stack) went to
	 * memory; drop any stale line that would shadow it once cacheable. */
	adr_l	x0, __image_start
	adr_l	x1, __image_end
	bl	dcache_inval_range
	bl	mmu_switch_on
	/* Secondaries read the parameters with their caches off. */
	adr_l	x0, mmu_boot_params
	mov	x1, #32
	bl	hal_dcache_clean_range
	ldp	x29, x30, [sp], #16
	ret

	.globl mmu_enable_secondary
mmu_enable_secondary:
	b	mmu_switch_on
