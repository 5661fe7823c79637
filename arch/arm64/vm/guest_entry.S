/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Entering and leaving a guest.
 *
 * __guest_enter(ctx, run) keeps the hypervisor's callee-saved registers,
 * the context pointer and 'run' in a frame on its own stack, loads the
 * guest's general registers, PC and PSTATE, and ERETs. Any exception from
 * the guest lands in the lower-EL vectors (vectors.S), which push x0/x1
 * and come to guest_exit with the exit's index in the handlers' table in
 * x0: SP_EL2 is still the frame the entry left, so the context is found
 * there and the guest's registers, PC, PSTATE and syndrome are saved into
 * it. The exit is handled right there, on that frame: run's first word is
 * the table of exit handlers (vcpu.c's, handed down as data: this file is
 * in the library below it), and the handler is called as
 * handler(run, esr); it says whether to enter again or to return from
 * __guest_enter. An exit thus neither restores nor saves the hypervisor's
 * callee-saved registers: the C code below the frame keeps them itself.
 * EL1 system registers are not touched: one vCPU per pCPU keeps them live.
 */

#include <arch/asm.h>
#include <arch/vcpu_ctx.h>

#define FRAME_SIZE 112   /* x29, x30, x19..x28, the context pointer, run */
#define FRAME_CTX 96
#define FRAME_RUN 104

	.text
	.globl __guest_enter
__guest_enter:
	stp	x29, x30, [sp, #-FRAME_SIZE]!
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	stp	x0, x1, [sp, #FRAME_CTX]

	/* x0 = the context. */
guest_load:
	ldp	x1, x2, [x0, #CTX_PC]
	msr	ELR_EL2, x1
	msr	SPSR_EL2, x2
	ldp	x2, x3, [x0, #2 * 8]
	ldp	x4, x5, [x0, #4 * 8]
	ldp	x6, x7, [x0, #6 * 8]
	ldp	x8, x9, [x0, #8 * 8]
	ldp	x10, x11, [x0, #10 * 8]
	ldp	x12, x13, [x0, #12 * 8]
	ldp	x14, x15, [x0, #14 * 8]
	ldp	x16, x17, [x0, #16 * 8]
	ldp	x18, x19, [x0, #18 * 8]
	ldp	x20, x21, [x0, #20 * 8]
	ldp	x22, x23, [x0, #22 * 8]
	ldp	x24, x25, [x0, #24 * 8]
	ldp	x26, x27, [x0, #26 * 8]
	ldp	x28, x29, [x0, #28 * 8]
	ldr	x30, [x0, #30 * 8]
	ldp	x0, x1, [x0]
	eret
	/* No speculation past the ERET (FEAT_SB's 'sb' is not on every core). */
	dsb	nsh
	isb

	/* x0 = the exit's index in the handlers' table (vectors.S); the
	 * guest's x0/x1 are on the stack. */
	.globl guest_exit
guest_exit:
	ldr	x1, [sp, #16 + FRAME_CTX]
	stp	x2, x3, [x1, #2 * 8]
	stp	x4, x5, [x1, #4 * 8]
	stp	x6, x7, [x1, #6 * 8]
	stp	x8, x9, [x1, #8 * 8]
	stp	x10, x11, [x1, #10 * 8]
	stp	x12, x13, [x1, #12 * 8]
	stp	x14, x15, [x1, #14 * 8]
	stp	x16, x17, [x1, #16 * 8]
	stp	x18, x19, [x1, #18 * 8]
	stp	x20, x21, [x1, #20 * 8]
	stp	x22, x23, [x1, #22 * 8]
	stp	x24, x25, [x1, #24 * 8]
	stp	x26, x27, [x1, #26 * 8]
	stp	x28, x29, [x1, #28 * 8]
	str	x30, [x1, #30 * 8]
	ldp	x2, x3, [sp], #16
	stp	x2, x3, [x1]
	mrs	x2, ELR_EL2
	mrs	x3, SPSR_EL2
	stp	x2, x3, [x1, #CTX_PC]
	/* FAR and HPFAR are read by the aborts' handlers only. */
	mrs	x2, ESR_EL2
	str	x2, [x1, #CTX_ESR]

	/* The frame record chains to __guest_enter's caller (backtraces). */
	mov	x29, sp
	ldr	x3, [sp, #FRAME_RUN]
	ldr	x4, [x3]
	ldr	x4, [x4, x0, lsl #3]
	mov	x1, x2
	mov	x0, x3
	blr	x4
	mov	w1, w0
	ldr	x0, [sp, #FRAME_CTX]
	cbnz	w1, guest_load

	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	x29, x30, [sp], #FRAME_SIZE
	ret
