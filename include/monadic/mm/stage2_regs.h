/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Fields of VTCR_EL2 and VTTBR_EL2 used by stage-2 translation, from the
 * register descriptions in the Arm ARM (DDI 0487) chapter D19/D23 "AArch64
 * System Register Descriptions" and the rules of chapter D8 (start level
 * and concatenation, "Stage 2 translation" / "VTCR_EL2.SL0").
 */
#ifndef MONADIC_MM_STAGE2_REGS_H
#define MONADIC_MM_STAGE2_REGS_H

#include <monadic/mm/stage2_desc.h>

/* ---- VTCR_EL2 ---------------------------------------------------------- */

/* T0SZ [5:0]: the IPA space is 2^(64 - T0SZ) bytes. */
#define VTCR_EL2_T0SZ_SHIFT   0
#define VTCR_EL2_T0SZ_MASK    S2_GENMASK(5, 0)
#define VTCR_EL2_T0SZ(bits)   ((uint64_t)(64u - (bits)) << VTCR_EL2_T0SZ_SHIFT)

/* SL0 [7:6], 4 KB granule: initial lookup level = 2 - SL0 (0b11 needs FEAT_TTST). */
#define VTCR_EL2_SL0_SHIFT    6
#define VTCR_EL2_SL0_MASK     S2_GENMASK(7, 6)
#define VTCR_EL2_SL0_4K_BASE  2u
#define VTCR_EL2_SL0_4K(lvl)  ((uint64_t)(VTCR_EL2_SL0_4K_BASE - (lvl)) << VTCR_EL2_SL0_SHIFT)

/* IRGN0 [9:8] / ORGN0 [11:10]: cacheability of the table walks. */
#define VTCR_EL2_IRGN0_SHIFT  8
#define VTCR_EL2_IRGN0_MASK   S2_GENMASK(9, 8)
#define VTCR_EL2_ORGN0_SHIFT  10
#define VTCR_EL2_ORGN0_MASK   S2_GENMASK(11, 10)
#define VTCR_EL2_RGN_NC       0u  /* Non-cacheable */
#define VTCR_EL2_RGN_WBWA     1u  /* Write-Back, Read-Allocate, Write-Allocate */
#define VTCR_EL2_RGN_WT       2u  /* Write-Through, Read-Allocate, no Write-Allocate */
#define VTCR_EL2_RGN_WBNWA    3u  /* Write-Back, Read-Allocate, no Write-Allocate */

/* SH0 [13:12]: shareability of the table walks. */
#define VTCR_EL2_SH0_SHIFT    12
#define VTCR_EL2_SH0_MASK     S2_GENMASK(13, 12)
#define VTCR_EL2_SH_NON       0u
#define VTCR_EL2_SH_OUTER     2u
#define VTCR_EL2_SH_INNER     3u

/* TG0 [15:14]: granule. */
#define VTCR_EL2_TG0_SHIFT    14
#define VTCR_EL2_TG0_MASK     S2_GENMASK(15, 14)
#define VTCR_EL2_TG0_4K       0u
#define VTCR_EL2_TG0_64K      1u
#define VTCR_EL2_TG0_16K      2u

/* PS [18:16]: physical (output) address size. */
#define VTCR_EL2_PS_SHIFT     16
#define VTCR_EL2_PS_MASK      S2_GENMASK(18, 16)
#define VTCR_EL2_PS_32        0u
#define VTCR_EL2_PS_36        1u
#define VTCR_EL2_PS_40        2u
#define VTCR_EL2_PS_42        3u
#define VTCR_EL2_PS_44        4u
#define VTCR_EL2_PS_48        5u

/* VS [19]: 16-bit VMIDs (FEAT_VMID16). */
#define VTCR_EL2_VS           S2_BIT(19)

/* Bit [31] is RES1. */
#define VTCR_EL2_RES1         S2_BIT(31)

/* ---- VTTBR_EL2 --------------------------------------------------------- */

/*
 * BADDR [47:1] holds the root table address, which must be aligned to the
 * size of the (possibly concatenated) root; CnP [0] stays 0; VMID [63:48]
 * (only [55:48] when VTCR_EL2.VS == 0).
 */
#define VTTBR_EL2_BADDR_MASK  S2_GENMASK(47, 1)
#define VTTBR_EL2_VMID_SHIFT  48
#define VTTBR_EL2_VMID_MASK   S2_GENMASK(63, 48)
#define VTTBR_EL2_CNP         S2_BIT(0)

#endif /* MONADIC_MM_STAGE2_REGS_H */
