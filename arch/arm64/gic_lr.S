/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * hal_gic_read_lr(n) and hal_gic_write_lr(n, value): ICH_LR<n>_EL2
 * (IHI 0069 12.5). The register's number is part of the instruction's
 * encoding, so each is a computed branch into 16 entries of two
 * instructions (the access, the return): five instructions per access,
 * where a C switch's jump table took ten, on the timer's every expiry.
 * n is taken modulo 16, the most ICH_VTR_EL2.ListRegs allows; callers
 * stay below the pCPU's own count.
 */

/* To entry w0 (mod 16) of the table of 8-byte entries that follows. */
.macro lr_entry
	and	w0, w0, #15
	adr	x2, 1f
	add	x2, x2, x0, lsl #3
	br	x2
1:
.endm

	.text
	.globl hal_gic_read_lr
hal_gic_read_lr:
	lr_entry
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	mrs	x0, ICH_LR\n\()_EL2
	ret
	.endr

	.globl hal_gic_write_lr
hal_gic_write_lr:
	lr_entry
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	msr	ICH_LR\n\()_EL2, x1
	ret
	.endr
