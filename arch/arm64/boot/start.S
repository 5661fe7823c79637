/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Entry of the hypervisor image.
 *
 * The boot CPU arrives at _start from the loader (QEMU -kernel, firmware)
 * with the MMU off. Secondaries arrive at secondary_start from PSCI CPU_ON
 * with their DT index in x0 (the context ID we passed). Both:
 *   - find their per-CPU stack and keep their index in TPIDR_EL2,
 *   - install the EL2 vectors,
 * then the boot CPU zeroes BSS and continues in C (boot_primary), which
 * builds the page tables and turns the MMU on; a secondary turns the MMU on
 * with those same tables before it touches any data.
 */

#include <arch/asm.h>
#include <arch/sysreg.h>

	.section .text.boot, "ax"
	.globl _start
_start:
	/* Our index from MPIDR, then our stack: needed before any C. */
	bl	cpu_index_from_mpidr
	mov	x19, x0
	bl	set_stack

	/* Anything but EL2 is a configuration error worth a clear message
	 * (and no EL2 register may be touched before this check). */
	mrs	x0, CurrentEL
	cmp	x0, #CURRENTEL_EL2
	b.ne	wrong_el
	msr	TPIDR_EL2, x19

	adr_l	x0, vectors_el2
	msr	VBAR_EL2, x0
	isb

	/* HCR_EL2: EL1 is AArch64; nothing trapped until a VM runs. */
	mov	x0, #HCR_EL2_RW
	msr	HCR_EL2, x0

	adr_l	x0, __bss_start
	adr_l	x1, __bss_end
1:	cmp	x0, x1
	b.hs	2f
	stp	xzr, xzr, [x0], #16
	b	1b
2:
	mov	x0, x19
	bl	boot_primary
	b	halt

wrong_el:
	lsr	x0, x0, #CURRENTEL_EL_SHIFT
	bl	boot_wrong_el
	b	halt

	.globl secondary_start
secondary_start:
	mov	x19, x0
	bl	set_stack
	msr	TPIDR_EL2, x19
	adr_l	x0, vectors_el2
	msr	VBAR_EL2, x0
	mov	x0, #HCR_EL2_RW
	msr	HCR_EL2, x0
	bl	mmu_enable_secondary
	mov	x0, x19
	bl	mhv_secondary_main
	b	halt

/* x19 = CPU index: SP = the top of its stack. */
set_stack:
	adr_l	x1, mhv_stacks
	mov	x2, #CONFIG_STACK_SIZE
	madd	x1, x19, x2, x1
	add	sp, x1, x2
	ret

/*
 * x0 = the DT index of this CPU: its MPIDR affinity looked up in
 * mhv_cpu_mpidr[] (generated from /cpus). An unknown MPIDR gets index 0 and
 * is reported by boot_primary.
 */
cpu_index_from_mpidr:
	mrs	x1, MPIDR_EL1
	ldr	x2, =MPIDR_AFF_MASK
	and	x1, x1, x2
	adr_l	x3, mhv_cpu_mpidr
	adr_l	x4, mhv_cpu_count
	ldr	w4, [x4]
	mov	x0, #0
1:	cmp	x0, x4
	b.hs	2f
	ldr	x5, [x3, x0, lsl #3]
	cmp	x5, x1
	b.eq	3f
	add	x0, x0, #1
	b	1b
2:	mov	x0, #0
3:	ret

	.globl halt
halt:
	msr	DAIFSet, #DAIF_ALL
1:	wfi
	b	1b

	.ltorg
