/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The EL2 exception vector table (Arm ARM D1.10.2: 16 entries of 0x80
 * bytes, 2 KiB aligned).
 *  - From EL2 itself (entries 0-7) every exception is unexpected: the
 *    entry saves the general registers and the syndrome into a struct
 *    exception_frame and calls el2_exception(frame, kind), which reports
 *    and stops the CPU.
 *  - From a guest (entries 8-15) it is a VM exit: x0/x1 are pushed and
 *    guest_exit (vm/guest_entry.S) saves the guest's state and calls the
 *    exit's handler, x0 its index in the handlers' table.
 */

#include <arch/asm.h>
#include <arch/exception_frame.h>
#include <arch/vcpu_ctx.h>

.macro ventry kind
	.balign	0x80
	sub	sp, sp, #EXC_FRAME_SIZE
	stp	x0, x1, [sp, #EXC_FRAME_X0]
	mov	x1, #\kind
	b	exception_common
.endm

/* x0 = the exit's entry in guest_exit's table (arch/vcpu_ctx.h): a
 * synchronous exception from AArch64 goes by its class, ESR_EL2.EC. */
.macro gentry kind
	.balign	0x80
	stp	x0, x1, [sp, #-16]!
	.if \kind == EXIT_VECTOR_SYNC
	mrs	x0, ESR_EL2
	ubfx	x0, x0, #26, #6
	b	guest_exit
	.elseif \kind == EXIT_VECTOR_IRQ
	b	guest_exit_irq    /* saves less: guest_entry.S */
	.else
	mov	x0, #EXIT_BY_VECTOR(\kind)
	b	guest_exit
	.endif
.endm

	.section .text.vectors, "ax"
	.balign	0x800
	.globl	vectors_el2
vectors_el2:
	/* Current EL with SP_EL0, then SP_ELx, lower EL AArch64, lower EL AArch32;
	 * each: synchronous, IRQ, FIQ, SError. */
	ventry 0
	ventry 1
	ventry 2
	ventry 3
	ventry 4
	ventry 5
	ventry 6
	ventry 7
	gentry 8
	gentry 9
	gentry 10
	gentry 11
	gentry 12
	gentry 13
	gentry 14
	gentry 15

exception_common:
	stp	x2, x3, [sp, #EXC_FRAME_X0 + 2 * 8]
	stp	x4, x5, [sp, #EXC_FRAME_X0 + 4 * 8]
	stp	x6, x7, [sp, #EXC_FRAME_X0 + 6 * 8]
	stp	x8, x9, [sp, #EXC_FRAME_X0 + 8 * 8]
	stp	x10, x11, [sp, #EXC_FRAME_X0 + 10 * 8]
	stp	x12, x13, [sp, #EXC_FRAME_X0 + 12 * 8]
	stp	x14, x15, [sp, #EXC_FRAME_X0 + 14 * 8]
	stp	x16, x17, [sp, #EXC_FRAME_X0 + 16 * 8]
	stp	x18, x19, [sp, #EXC_FRAME_X0 + 18 * 8]
	stp	x20, x21, [sp, #EXC_FRAME_X0 + 20 * 8]
	stp	x22, x23, [sp, #EXC_FRAME_X0 + 22 * 8]
	stp	x24, x25, [sp, #EXC_FRAME_X0 + 24 * 8]
	stp	x26, x27, [sp, #EXC_FRAME_X0 + 26 * 8]
	stp	x28, x29, [sp, #EXC_FRAME_X0 + 28 * 8]
	add	x2, sp, #EXC_FRAME_SIZE
	stp	x30, x2, [sp, #EXC_FRAME_X0 + 30 * 8]	/* x30 and the SP at the exception */
	mrs	x2, ELR_EL2
	mrs	x3, SPSR_EL2
	stp	x2, x3, [sp, #EXC_FRAME_ELR]
	mrs	x2, ESR_EL2
	mrs	x3, FAR_EL2
	stp	x2, x3, [sp, #EXC_FRAME_ESR]
	mov	x0, sp
	bl	el2_exception
	b	halt
