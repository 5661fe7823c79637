/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * EL1 exception vectors (Arm ARM D1.10.2): 16 entries of 0x80 bytes,
 * 2 KiB aligned; groups: current EL with SP_EL0, current EL with SP_ELx,
 * lower EL AArch64, lower EL AArch32; each sync, IRQ, FIQ, SError.
 * Every entry but the IRQ at EL1 saves a full frame and calls
 * guest_exception(frame, kind); the C side may change the saved ELR (to
 * resume after a caught fault). The IRQ entry saves only what the C
 * dispatcher may clobber (AAPCS64: x0..x18, x30), with ELR and SPSR (a
 * fault caught inside a handler overwrites them), and calls
 * guest_irq_dispatch(): the C code keeps x19..x29 itself, and interrupts
 * stay masked until the ERET. The SDK runs at EL1 on SP_EL1, so that is
 * the only IRQ entry it takes.
 */
#include "guest_asm.h"

.macro ventry kind
	.balign	0x80
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #0]
	mov	x1, #\kind
	b	guest_vector_common
.endm

.macro irqentry
	.balign	0x80
	sub	sp, sp, #IRQ_FRAME_SIZE
	stp	x0, x1, [sp, #0]
	b	guest_irq_entry
.endm

/* x2..x17 at their frame offsets, both frames alike. */
.macro scratch opp
	\opp	x2, x3, [sp, #16]
	\opp	x4, x5, [sp, #32]
	\opp	x6, x7, [sp, #48]
	\opp	x8, x9, [sp, #64]
	\opp	x10, x11, [sp, #80]
	\opp	x12, x13, [sp, #96]
	\opp	x14, x15, [sp, #112]
	\opp	x16, x17, [sp, #128]
.endm

	.section .text.vectors, "ax"
	.balign	0x800
	.globl guest_vectors
guest_vectors:
	ventry	VEC_SP0
	ventry	VEC_SP0
	ventry	VEC_SP0
	ventry	VEC_SP0
	ventry	VEC_SYNC
	irqentry
	ventry	VEC_FIQ
	ventry	VEC_SERROR
	ventry	VEC_LOWER
	ventry	VEC_LOWER
	ventry	VEC_LOWER
	ventry	VEC_LOWER
	ventry	VEC_LOWER
	ventry	VEC_LOWER
	ventry	VEC_LOWER
	ventry	VEC_LOWER

guest_vector_common:
	scratch stp
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	mrs	x2, elr_el1
	stp	x30, x2, [sp, #FRAME_X30]      /* x30, then ELR at FRAME_ELR */
	mrs	x2, spsr_el1
	str	x2, [sp, #FRAME_SPSR]
	mov	x0, sp
	bl	guest_exception
	ldp	x30, x2, [sp, #FRAME_X30]      /* x30, ELR */
	msr	elr_el1, x2
	ldr	x2, [sp, #FRAME_SPSR]
	msr	spsr_el1, x2
	ldp	x0, x1, [sp, #0]
	scratch ldp
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	add	sp, sp, #FRAME_SIZE
	eret

guest_irq_entry:
	scratch stp
	mrs	x0, elr_el1
	mrs	x1, spsr_el1
	stp	x18, x30, [sp, #IRQ_FRAME_X18]
	stp	x0, x1, [sp, #IRQ_FRAME_ELR]
	bl	guest_irq_dispatch
	ldp	x0, x1, [sp, #IRQ_FRAME_ELR]
	msr	elr_el1, x0
	msr	spsr_el1, x1
	ldp	x18, x30, [sp, #IRQ_FRAME_X18]
	scratch ldp
	ldp	x0, x1, [sp, #0]
	add	sp, sp, #IRQ_FRAME_SIZE
	eret
