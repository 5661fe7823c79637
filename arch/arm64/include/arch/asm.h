/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* Assembler macros shared by the arm64 .S files. */
#ifndef ARCH_ASM_H
#define ARCH_ASM_H

#ifdef __ASSEMBLER__
/* PC-relative address of a symbol anywhere in +-4 GiB (adrp + add). */
.macro adr_l reg, sym
	adrp	\reg, \sym
	add	\reg, \reg, :lo12:\sym
.endm
#endif

#endif
