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
 * handler(run, esr); an IRQ's is run's second word, called as
 * handler(run). Each says whether to enter again or to return from
 * __guest_enter. An exit thus neither restores nor saves the hypervisor's
 * callee-saved registers: the C code below the frame keeps them itself.
 *
 * An IRQ exit (guest_exit_irq) saves and restores only what that C code
 * may clobber (x0..x18, x29, x30: AAPCS64), not x19..x28, PC nor PSTATE:
 * taking a physical interrupt reads or writes no guest register, and the
 * C code keeps x19..x28 as it keeps the hypervisor's. When its handler
 * says not to enter again, the context lacks those: a vCPU leaving
 * __guest_enter is entered again only after a reset (CPU_ON, SYSTEM_RESET:
 * vcpu_loop.c's wait_power_on), which writes them all.
 * EL1 system registers are not touched: one vCPU per pCPU keeps them live.
 */

#include <arch/asm.h>
#include <arch/vcpu_ctx.h>

#define FRAME_SIZE 112   /* x29, x30, x19..x28, the context pointer, run */
#define FRAME_CTX 96
#define FRAME_RUN 104

/* x2..x18 to or from the context at \ctx ('op' for one register, 'opp'
 * for a pair): with x0, x1, x29 and x30, what a C call may clobber. */
.macro scratch op, opp, ctx
	\opp	x2, x3, [\ctx, #2 * 8]
	\opp	x4, x5, [\ctx, #4 * 8]
	\opp	x6, x7, [\ctx, #6 * 8]
	\opp	x8, x9, [\ctx, #8 * 8]
	\opp	x10, x11, [\ctx, #10 * 8]
	\opp	x12, x13, [\ctx, #12 * 8]
	\opp	x14, x15, [\ctx, #14 * 8]
	\opp	x16, x17, [\ctx, #16 * 8]
	\op	x18, [\ctx, #18 * 8]
.endm

/* x19..x28, which C code keeps. */
.macro kept opp, ctx
	\opp	x19, x20, [\ctx, #19 * 8]
	\opp	x21, x22, [\ctx, #21 * 8]
	\opp	x23, x24, [\ctx, #23 * 8]
	\opp	x25, x26, [\ctx, #25 * 8]
	\opp	x27, x28, [\ctx, #27 * 8]
.endm

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
	scratch ldr, ldp, x0
	kept ldp, x0
	ldp	x29, x30, [x0, #29 * 8]
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
	scratch str, stp, x1
	kept stp, x1
	stp	x29, x30, [x1, #29 * 8]
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
	b	guest_leave

	/* An IRQ (see above); the guest's x0/x1 are on the stack. */
	.globl guest_exit_irq
guest_exit_irq:
	ldr	x1, [sp, #16 + FRAME_CTX]
	scratch str, stp, x1
	stp	x29, x30, [x1, #29 * 8]
	ldp	x2, x3, [sp], #16
	stp	x2, x3, [x1]

	mov	x29, sp
	ldr	x0, [sp, #FRAME_RUN]
	ldr	x2, [x0, #8]   /* run->irq(run) */
	blr	x2
	ldr	x1, [sp, #FRAME_CTX]
	cbz	w0, guest_leave
	scratch ldr, ldp, x1
	ldp	x29, x30, [x1, #29 * 8]
	ldp	x0, x1, [x1]
	eret
	dsb	nsh
	isb

guest_leave:
	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	x29, x30, [sp], #FRAME_SIZE
	ret
