/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * VMSAv8-64 stage-2 translation table descriptors, 4 KB granule.
 *
 * Every field below is named after the Arm ARM (DDI 0487), chapter D8
 * "The AArch64 Virtual Memory System Architecture":
 *   - "Translation table descriptor formats" (table / block / page layout,
 *     output address bits [47:12], no level-0 block with a 4 KB granule
 *     unless FEAT_LPA2),
 *   - "Stage 2 memory region attributes" (MemAttr[3:0] when FEAT_S2FWB is
 *     not used, i.e. HCR_EL2.FWB == 0),
 *   - "Stage 2 data access permissions" (S2AP[1:0]),
 *   - "Stage 2 instruction execution permissions" (XN[1:0], FEAT_XNX),
 *   - "The Access flag" (AF), "The Contiguous bit", shareability SH[1:0].
 * Stage-2 table descriptors carry no hierarchical attributes: their
 * bits [63:59] are RES0 (unlike stage 1's APTable/XNTable).
 *
 * Naming follows Linux's KVM_PTE_LEAF_ATTR_*: _LO_ fields sit in the lower
 * attributes [11:2], _HI_ fields in the upper attributes [63:50].
 */
#ifndef MONADIC_MM_STAGE2_DESC_H
#define MONADIC_MM_STAGE2_DESC_H

#include <stdint.h>

#define S2_BIT(n)        (UINT64_C(1) << (n))
/* Bits h..l set, h >= l, both in 0..63. */
#define S2_GENMASK(h, l) ((~UINT64_C(0) >> (63 - (h))) & (~UINT64_C(0) << (l)))

/* ---- Geometry of the 4 KB granule ------------------------------------- */

#define S2_GRANULE_SHIFT   12   /* 4 KB pages */
#define S2_GRANULE_SIZE    (UINT64_C(1) << S2_GRANULE_SHIFT)
#define S2_TABLE_SHIFT     9    /* address bits resolved per level */
#define S2_PTRS_PER_TABLE  (1u << S2_TABLE_SHIFT)  /* 512 eight-byte entries */
#define S2_MIN_LEVEL       0
#define S2_MAX_LEVEL       3    /* the page level */
#define S2_LEVELS          (S2_MAX_LEVEL + 1)
/* Lowest level that may hold a block: no level-0 blocks without FEAT_LPA2. */
#define S2_BLOCK_MIN_LEVEL 1

/* Address bits below the entries of level l: 39, 30, 21, 12. */
#define S2_LEVEL_SHIFT(l) \
	(S2_GRANULE_SHIFT + S2_TABLE_SHIFT * (unsigned)(S2_MAX_LEVEL - (l)))
/* Bytes one entry at level l maps: 512 GB, 1 GB, 2 MB, 4 KB. */
#define S2_LEVEL_SIZE(l)  (UINT64_C(1) << S2_LEVEL_SHIFT(l))

/*
 * Up to 16 tables may be concatenated at the initial lookup level of a
 * stage-2 walk, resolving 4 extra address bits there ("Concatenated
 * translation tables for the initial stage 2 lookup" in D8).
 */
#define S2_CONCAT_SHIFT      4
#define S2_MAX_CONCAT_TABLES (1u << S2_CONCAT_SHIFT)

/* Output addresses: 48 bits with a 4 KB granule (52 needs FEAT_LPA2). */
#define S2_OA_BITS 48

/* ---- Descriptor type, bits [1:0] -------------------------------------- */

#define S2_PTE_VALID      S2_BIT(0)
#define S2_PTE_TYPE       S2_BIT(1)
#define S2_PTE_TYPE_BLOCK 0              /* levels 1-2: 0b01 is a block */
#define S2_PTE_TYPE_TABLE S2_BIT(1)      /* levels 0-2: 0b11 is a table */
#define S2_PTE_TYPE_PAGE  S2_BIT(1)      /* level 3: 0b11 is a page, 0b01 reserved */

/* Next-level table address / output address, bits [47:12]. */
#define S2_PTE_ADDR_MASK  S2_GENMASK(S2_OA_BITS - 1, S2_GRANULE_SHIFT)

/* ---- Lower leaf attributes, bits [11:2] ------------------------------- */

#define S2_PTE_LEAF_ATTR_LO_MASK          S2_GENMASK(11, 2)

#define S2_PTE_LEAF_ATTR_LO_MEMATTR_SHIFT 2
#define S2_PTE_LEAF_ATTR_LO_MEMATTR_MASK  S2_GENMASK(5, 2)

/* S2AP[1:0], bits [7:6]: S2AP[0] grants reads, S2AP[1] grants writes. */
#define S2_PTE_LEAF_ATTR_LO_S2AP_R        S2_BIT(6)
#define S2_PTE_LEAF_ATTR_LO_S2AP_W        S2_BIT(7)

/* SH[1:0], bits [9:8]. */
#define S2_PTE_LEAF_ATTR_LO_SH_SHIFT      8
#define S2_PTE_LEAF_ATTR_LO_SH_MASK       S2_GENMASK(9, 8)
#define S2_SH_NON                         0u   /* 0b00 Non-shareable */
#define S2_SH_OUTER                       2u   /* 0b10 Outer Shareable */
#define S2_SH_INNER                       3u   /* 0b11 Inner Shareable */

/* AF, bit [10]: clear means an Access flag fault on first use. */
#define S2_PTE_LEAF_ATTR_LO_AF            S2_BIT(10)

/* ---- Upper leaf attributes, bits [63:50] ------------------------------ */

#define S2_PTE_LEAF_ATTR_HI_MASK          S2_GENMASK(63, 50)

/* Contiguous hint, bit [52] (not set by this code; see docs/stage2.md). */
#define S2_PTE_LEAF_ATTR_HI_CONT          S2_BIT(52)

/*
 * XN[1:0], bits [54:53]. Without FEAT_XNX only bit [54] exists (XN) and
 * bit [53] is RES0; the encoding 0b10 means "not executable at EL1 or EL0"
 * in both cases, so it is the only non-zero value written here.
 */
#define S2_PTE_LEAF_ATTR_HI_XN_SHIFT      53
#define S2_PTE_LEAF_ATTR_HI_XN_MASK       S2_GENMASK(54, 53)
#define S2_XN_NONE                        0u   /* 0b00 executable at EL1 and EL0 */
#define S2_XN_ALL                         2u   /* 0b10 execute-never at EL1 and EL0 */

/* ---- MemAttr[3:0] encodings (HCR_EL2.FWB == 0) ------------------------ */

/*
 * MemAttr[3:2] is the outer attribute, or 0b00 for Device memory.
 * For Normal memory MemAttr[1:0] is the inner attribute; for Device memory
 * it selects the Device type.
 */
#define S2_MEMATTR_OUTER_SHIFT   2
#define S2_MEMATTR_DEVICE        0u   /* MemAttr[3:2] = 0b00: Device */
#define S2_MEMATTR_NC            1u   /* 0b01 Non-cacheable */
#define S2_MEMATTR_WT            2u   /* 0b10 Write-Through */
#define S2_MEMATTR_WB            3u   /* 0b11 Write-Back */
#define S2_MEMATTR_DEV_nGnRnE    0u   /* MemAttr[1:0] when Device */
#define S2_MEMATTR_DEV_nGnRE     1u
#define S2_MEMATTR_DEV_nGRE      2u
#define S2_MEMATTR_DEV_GRE       3u

#define S2_MEMATTR(outer, inner) (((outer) << S2_MEMATTR_OUTER_SHIFT) | (inner))

#define S2_MEMATTR_NORMAL_WB      S2_MEMATTR(S2_MEMATTR_WB, S2_MEMATTR_WB)
#define S2_MEMATTR_NORMAL_NC      S2_MEMATTR(S2_MEMATTR_NC, S2_MEMATTR_NC)
#define S2_MEMATTR_DEVICE_nGnRE   S2_MEMATTR(S2_MEMATTR_DEVICE, S2_MEMATTR_DEV_nGnRE)
#define S2_MEMATTR_DEVICE_nGnRnE  S2_MEMATTR(S2_MEMATTR_DEVICE, S2_MEMATTR_DEV_nGnRnE)

#endif /* MONADIC_MM_STAGE2_DESC_H */
