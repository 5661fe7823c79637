/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * hal_dcache_clean_range(start, size): clean to the Point of Coherency, so
 * a guest that starts with its MMU and caches off reads what the
 * hypervisor wrote (its image, its DTB) from memory; then invalidate the
 * instruction caches so no stale instruction is fetched.
 */
	.text
	.globl hal_dcache_clean_range
hal_dcache_clean_range:
	add	x1, x0, x1
	mrs	x3, CTR_EL0
	ubfx	x3, x3, #16, #4		/* DminLine: log2(words per line) */
	mov	x2, #4
	lsl	x2, x2, x3
	sub	x3, x2, #1
	bic	x0, x0, x3
1:	dc	cvac, x0
	add	x0, x0, x2
	cmp	x0, x1
	b.lo	1b
	dsb	ish
	ic	ialluis
	dsb	ish
	isb
	ret
