/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* Constants shared by the SDK's assembly files. */
#ifndef GUEST_ASM_H
#define GUEST_ASM_H

#include <monadic/guest/cpu.h>

/* DAIFSet immediate: D, A, I, F. */
#define DAIF_ALL 0xf

/* ELF: the only dynamic relocation a static PIE carries. */
#define R_AARCH64_RELATIVE 1027

/* Image header: the customary 512 KiB text_offset; flags bit 3 = "may be
 * placed anywhere in physical memory", page size bits [2:1] = 0
 * (unspecified), bit 0 = 0 (little endian). */
#define IMAGE_TEXT_OFFSET 0x80000
#define IMAGE_FLAGS_PHYS_ANY (1 << 3)
#define IMAGE_FLAGS IMAGE_FLAGS_PHYS_ANY

/* SCTLR_EL1 (Arm ARM D17.2.118): the RES1 bits of Armv8.0 (11, 20, 22,
 * 23, 28, 29), I (12), SA (3), SA0 (4); M, C, A = 0. */
#define SCTLR_EL1_RES1 ((1 << 11) | (1 << 20) | (1 << 22) | (1 << 23) | (1 << 28) | (1 << 29))
#define SCTLR_EL1_I (1 << 12)
#define SCTLR_EL1_SA (1 << 3)
#define SCTLR_EL1_SA0 (1 << 4)
#define SCTLR_EL1_BOOT (SCTLR_EL1_RES1 | SCTLR_EL1_I | SCTLR_EL1_SA | SCTLR_EL1_SA0)

/* The exception frame (struct guest_frame in exception.h). */
#define FRAME_X30 240
#define FRAME_ELR 248
#define FRAME_SPSR 256
#define FRAME_SIZE 272

/* The IRQ entry's frame: x0..x17 as above, then x18 and x30, ELR and
 * SPSR (vectors.S). */
#define IRQ_FRAME_X18 144
#define IRQ_FRAME_ELR 160
#define IRQ_FRAME_SIZE 176

/* Vector kinds passed to guest_exception() (enum guest_vector). */
#define VEC_SYNC 0
#define VEC_IRQ 1
#define VEC_FIQ 2
#define VEC_SERROR 3
#define VEC_SP0 4     /* taken with SP_EL0: the SDK never runs on it */
#define VEC_LOWER 5   /* from EL0: the SDK has no EL0 */

#endif
