/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Guest entry. The image is position independent (static PIE): whoever
 * loads it (Monadic at the VM's image IPA, QEMU -kernel at RAM + 0x80000)
 * jumps to its first byte with x0 = DTB, EL1h, MMU off. The image first
 * applies its own R_AARCH64_RELATIVE relocations for where it landed, so
 * initialized pointers are right wherever that is.
 *
 * It starts with an arm64 Linux Image header (Documentation/arch/arm64/
 * booting.rst) so loaders that boot kernels (QEMU -kernel) treat it as
 * one: load it 2 MiB-aligned + text_offset and pass the DTB in x0.
 */
#include "guest_asm.h"

	.section .text.head, "ax"
	.globl _start
_start:
	b	guest_primary_entry              /* code0 */
	.long	0                              /* code1 */
	.quad	IMAGE_TEXT_OFFSET              /* text_offset */
	/* image_size comes here: guest.ld emits it (a link-time constant
	 * written from the assembler would be a dynamic relocation) */
	.section .text.head.rest, "ax"
	.quad	IMAGE_FLAGS                    /* flags */
	.quad	0, 0, 0                        /* res2..res4 */
	.ascii	"ARM\x64"                      /* magic */
	.long	0                              /* res5 (no PE header) */

	.text
guest_primary_entry:
	msr	daifset, #DAIF_ALL
	mov	x19, x0                         /* DTB, preserved across the setup */
	bl	guest_cpu_setup
	mov	x0, #0
	msr	tpidr_el1, x0

	/* delta = where the image runs - where it was linked */
	adrp	x9, _start
	add	x9, x9, :lo12:_start
	adrp	x10, guest_link_base
	ldr	x10, [x10, :lo12:guest_link_base]  /* link address: relocated below, read before */
	sub	x9, x9, x10
	cbz	x9, 2f
	adrp	x11, __rela_start
	add	x11, x11, :lo12:__rela_start
	adrp	x12, __rela_end
	add	x12, x12, :lo12:__rela_end
1:	cmp	x11, x12
	b.hs	2f
	ldp	x13, x14, [x11], #16            /* r_offset, r_info */
	ldr	x15, [x11], #8                  /* r_addend */
	cmp	w14, #R_AARCH64_RELATIVE
	b.ne	guest_bad_reloc                 /* a static PIE has no other kind */
	add	x15, x15, x9
	str	x15, [x13, x9]
	b	1b

2:	/* BSS (the stacks are not in it: nothing here uses one yet) */
	adrp	x0, __bss_start
	add	x0, x0, :lo12:__bss_start
	adrp	x1, __bss_end
	add	x1, x1, :lo12:__bss_end
3:	cmp	x0, x1
	b.hs	4f
	stp	xzr, xzr, [x0], #16
	b	3b

4:	mov	x0, #0
	bl	guest_set_stack
	mov	x0, x19
	bl	guest_boot                      /* does not return */
	b	guest_halt

/* PSCI CPU_ON lands here: x0 = context ID = the CPU's index. */
	.globl guest_secondary_entry
guest_secondary_entry:
	msr	daifset, #DAIF_ALL
	mov	x19, x0
	bl	guest_cpu_setup
	msr	tpidr_el1, x19
	mov	x0, x19
	bl	guest_set_stack
	mov	x0, x19
	bl	guest_secondary_main            /* does not return */
	b	guest_halt

/* Known EL1 state: MMU and D-cache off, I-cache on, little endian, SP
 * alignment checks on, SIMD/FP trapped (guests build with
 * -mgeneral-regs-only), the SDK's vectors. Leaf: touches x0, x1 only. */
guest_cpu_setup:
	ldr	x0, =SCTLR_EL1_BOOT
	msr	sctlr_el1, x0
	msr	cpacr_el1, xzr
	adrp	x0, guest_vectors
	add	x0, x0, :lo12:guest_vectors
	msr	vbar_el1, x0
	isb
	ret

/* SP = top of CPU x0's stack. Leaf. */
guest_set_stack:
	cmp	x0, #GUEST_MAX_CPUS
	b.hs	guest_halt
	adrp	x1, guest_stacks
	add	x1, x1, :lo12:guest_stacks
	add	x0, x0, #1
	mov	x2, #GUEST_STACK_SIZE
	madd	x1, x0, x2, x1
	mov	sp, x1
	ret

guest_bad_reloc:
guest_halt:
	wfi
	b	guest_halt

	.section .data.guest_link_base, "aw"
	.balign	8
guest_link_base:
	.quad	_start

	.section .stacks, "aw", %nobits
	.balign	16
guest_stacks:
	.space	GUEST_MAX_CPUS * GUEST_STACK_SIZE
