/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Stage-1 tables that mirror a VM's stage-2 map, for an SMMU without
 * stage 2 (QEMU 7.2): the device's DMA addresses are the VM's IPAs, and
 * each stage-2 leaf becomes a stage-1 leaf of the same size mapping the
 * same IPA to the same PA. VMSAv8-64 stage 1, 4 KiB granule (Arm ARM
 * DDI 0487 D8.3 "Translation table descriptor formats").
 */
#ifndef DRIVERS_IOMMU_SMMU_S1_H
#define DRIVERS_IOMMU_SMMU_S1_H

#include <monadic/mm/stage2.h>

#include "smmuv3_regs.h"

/* Stage-1 descriptor fields (D8.3.1, D8.3.2). */
#define S1_PTE_VALID SMMU_BIT(0)
#define S1_PTE_TABLE SMMU_BIT(1)     /* levels 0-2: table; level 3: page */
#define S1_PTE_ATTRINDX_L 2
#define S1_PTE_ATTRINDX_H 4
#define S1_PTE_AP_EL0 SMMU_BIT(6)    /* AP[1]: unprivileged accesses allowed */
#define S1_PTE_AP_RO SMMU_BIT(7)     /* AP[2]: read-only */
#define S1_PTE_SH_L 8
#define S1_PTE_SH_H 9
#define S1_PTE_SH_ISH 3u
#define S1_PTE_AF SMMU_BIT(10)
#define S1_PTE_PXN SMMU_BIT(53)
#define S1_PTE_UXN SMMU_BIT(54)
#define S1_PTE_ADDR_MASK SMMU_GENMASK(47, 12)

/* MAIR indexes the mirror uses, and the MAIR value holding them (D19
 * MAIR_ELx: 0xff Normal WB RW-allocate, 0x44 Normal NC, 0x04 Device-nGnRE,
 * 0x00 Device-nGnRnE). */
#define S1_MAIR_NORMAL_WB 0u
#define S1_MAIR_NORMAL_NC 1u
#define S1_MAIR_DEVICE_nGnRE 2u
#define S1_MAIR_DEVICE_nGnRnE 3u
#define S1_MAIR_ATTR_BITS 8
#define S1_MAIR_VALUE (UINT64_C(0xff) << (S1_MAIR_NORMAL_WB * S1_MAIR_ATTR_BITS) | \
		       UINT64_C(0x44) << (S1_MAIR_NORMAL_NC * S1_MAIR_ATTR_BITS) | \
		       UINT64_C(0x04) << (S1_MAIR_DEVICE_nGnRE * S1_MAIR_ATTR_BITS) | \
		       UINT64_C(0x00) << (S1_MAIR_DEVICE_nGnRnE * S1_MAIR_ATTR_BITS))

#define S1_NO_PAGE UINT32_MAX

/* Table pages for mirrors: a free list over a static array. */
struct smmu_pt_pool {
	s2_table_t *pages;
	uint32_t npages;
	uint32_t next;       /* pages[next..) never handed out */
	uint32_t free_head;  /* freed pages, linked through desc[0]; S1_NO_PAGE ends */
};

struct smmu_s1 {
	struct smmu_pt_pool *pool;
	s2_table_t *root;
	unsigned int ia_bits;      /* input (IPA) size */
	unsigned int start_level;
};

void smmu_pt_pool_init(struct smmu_pt_pool *pool, s2_table_t *pages, uint32_t npages);
size_t smmu_pt_pool_free(const struct smmu_pt_pool *pool);

/* Initial lookup level for ia_bits of input with a 4 KiB granule and no
 * concatenation (stage 1 has none): 40..48 -> 0, 31..39 -> 1, 25..30 -> 2. */
unsigned int smmu_s1_start_level(unsigned int ia_bits);

/* Stage-1 leaf attributes for a stage-2 leaf's attributes. */
uint64_t smmu_s1_attrs(s2_attr_t attrs);

/* Builds the mirror of space (input size = its IPA size). -MHV_ENOMEM
 * when the pool runs out (everything taken is returned). */
int smmu_s1_mirror(struct smmu_s1 *s1, struct smmu_pt_pool *pool,
		   const struct s2_space *space);
/* Adds one 4 KiB page va -> pa (stage-2 attributes, as a leaf of the
 * mirror would have) to a built mirror: -MHV_EINVAL unaligned or beyond
 * its input size, -MHV_EEXIST if va is already mapped, -MHV_ENOMEM out
 * of pages. The caller invalidates the SMMU's TLB for it. */
int smmu_s1_map_page(struct smmu_s1 *s1, uint64_t va, uint64_t pa, s2_attr_t attrs);
/* Returns every table to the pool. */
void smmu_s1_destroy(struct smmu_s1 *s1);

#endif /* DRIVERS_IOMMU_SMMU_S1_H */
