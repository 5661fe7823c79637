/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The stage-1 mirror of a stage-2 space. Stage-2 leaves are 1 GiB, 2 MiB
 * or 4 KiB with IPA and PA aligned to their size, which are exactly the
 * stage-1 block and page sizes at levels 1, 2 and 3 with a 4 KiB granule,
 * so each one becomes one stage-1 leaf at the same level.
 *
 * The tables are private to the SMMU and filled before the STE that makes
 * them reachable is published (smmuv3.c), so plain stores suffice here.
 */

#include <monadic/errno.h>

#include "smmu_s1.h"

#define LEVEL_SHIFT(l) (S2_GRANULE_SHIFT + S2_TABLE_SHIFT * (S2_MAX_LEVEL - (l)))
#define INDEX_MASK (S2_PTRS_PER_TABLE - 1u)

void smmu_pt_pool_init(struct smmu_pt_pool *pool, s2_table_t *pages, uint32_t npages)
{
	pool->pages = pages;
	pool->npages = npages;
	pool->next = 0;
	pool->free_head = S1_NO_PAGE;
}

size_t smmu_pt_pool_free(const struct smmu_pt_pool *pool)
{
	size_t n = pool->npages - pool->next;

	for (uint32_t i = pool->free_head; i != S1_NO_PAGE; i = (uint32_t)pool->pages[i].desc[0])
		n++;
	return n;
}

static s2_table_t *pt_alloc(struct smmu_pt_pool *pool)
{
	s2_table_t *t;

	if (pool->free_head != S1_NO_PAGE) {
		t = &pool->pages[pool->free_head];
		pool->free_head = (uint32_t)t->desc[0];
	} else if (pool->next < pool->npages) {
		t = &pool->pages[pool->next++];
	} else {
		return NULL;
	}
	for (unsigned int i = 0; i < S2_PTRS_PER_TABLE; i++)
		t->desc[i] = 0;
	return t;
}

static void pt_free(struct smmu_pt_pool *pool, s2_table_t *t)
{
	t->desc[0] = pool->free_head;
	pool->free_head = (uint32_t)(t - pool->pages);
}

unsigned int smmu_s1_start_level(unsigned int ia_bits)
{
	unsigned int level = S2_MAX_LEVEL;

	while (level > 0 && ia_bits > LEVEL_SHIFT(level) + S2_TABLE_SHIFT)
		level--;
	return level;
}

uint64_t smmu_s1_attrs(s2_attr_t attrs)
{
	uint64_t d = S1_PTE_AF | S1_PTE_AP_EL0;
	unsigned int idx;

	switch (attrs & S2_ATTR_MEM_MASK) {
	case S2_ATTR_MEM_NORMAL_NC: idx = S1_MAIR_NORMAL_NC; break;
	case S2_ATTR_MEM_DEVICE_nGnRE: idx = S1_MAIR_DEVICE_nGnRE; break;
	case S2_ATTR_MEM_DEVICE_nGnRnE: idx = S1_MAIR_DEVICE_nGnRnE; break;
	default: idx = S1_MAIR_NORMAL_WB; break;
	}
	d |= SMMU_FIELD(S1_PTE_ATTRINDX_H, S1_PTE_ATTRINDX_L, idx) |
	     SMMU_FIELD(S1_PTE_SH_H, S1_PTE_SH_L, S1_PTE_SH_ISH);
	if (!(attrs & S2_ATTR_W))
		d |= S1_PTE_AP_RO;
	/* A device never fetches instructions it may execute. */
	d |= S1_PTE_PXN | S1_PTE_UXN;
	return d;
}

/* The entry at 'level' for va, creating tables above it: -MHV_EEXIST
 * if a block above already maps va, -MHV_ENOMEM out of pages. */
static int s1_slot(struct smmu_s1 *s1, uint64_t va, unsigned int level, uint64_t **slot)
{
	s2_table_t *t = s1->root;

	for (unsigned int l = s1->start_level; l < level; l++) {
		uint64_t *e = &t->desc[(va >> LEVEL_SHIFT(l)) & INDEX_MASK];

		if (!(*e & S1_PTE_VALID)) {
			s2_table_t *n = pt_alloc(s1->pool);

			if (n == NULL)
				return -MHV_ENOMEM;
			*e = ((uintptr_t)n & S1_PTE_ADDR_MASK) | S1_PTE_TABLE | S1_PTE_VALID;
		} else if (!(*e & S1_PTE_TABLE)) {
			return -MHV_EEXIST;
		}
		t = (s2_table_t *)(uintptr_t)(*e & S1_PTE_ADDR_MASK);
	}
	*slot = &t->desc[(va >> LEVEL_SHIFT(level)) & INDEX_MASK];
	return 0;
}

/* One stage-1 leaf for a stage-2 leaf; -MHV_EEXIST where va is mapped. */
static int set_leaf(struct smmu_s1 *s1, const struct s2_leaf *leaf)
{
	uint64_t *slot;
	int rc;

	if (leaf->level < s1->start_level || leaf->level > S2_MAX_LEVEL)
		return -MHV_EINVAL;
	rc = s1_slot(s1, leaf->ipa, leaf->level, &slot);
	if (rc == 0 && (*slot & S1_PTE_VALID))
		rc = -MHV_EEXIST;
	if (rc != 0)
		return rc;
	*slot = (leaf->pa & S1_PTE_ADDR_MASK) | smmu_s1_attrs(leaf->attrs) | S1_PTE_VALID |
		(leaf->level == S2_MAX_LEVEL ? S1_PTE_TABLE : 0);
	return 0;
}

static int mirror_leaf(void *ctx, const struct s2_leaf *leaf)
{
	/* No-access leaves stay unmapped: DMA to them must fault. */
	if (!(leaf->attrs & (S2_ATTR_R | S2_ATTR_W)))
		return 0;
	return set_leaf(ctx, leaf);
}

int smmu_s1_map_page(struct smmu_s1 *s1, uint64_t va, uint64_t pa, s2_attr_t attrs)
{
	const struct s2_leaf leaf = {
		.ipa = va, .pa = pa, .size = S2_GRANULE_SIZE, .level = S2_MAX_LEVEL, .attrs = attrs,
	};

	if (s1->root == NULL || (va | pa) & (S2_GRANULE_SIZE - 1) || va >> s1->ia_bits)
		return -MHV_EINVAL;
	return set_leaf(s1, &leaf);
}

static void free_tables(struct smmu_pt_pool *pool, s2_table_t *t, unsigned int level)
{
	if (level < S2_MAX_LEVEL) {
		for (unsigned int i = 0; i < S2_PTRS_PER_TABLE; i++) {
			uint64_t d = t->desc[i];

			if ((d & (S1_PTE_VALID | S1_PTE_TABLE)) == (S1_PTE_VALID | S1_PTE_TABLE))
				free_tables(pool, (s2_table_t *)(uintptr_t)(d & S1_PTE_ADDR_MASK),
					    level + 1);
		}
	}
	pt_free(pool, t);
}

void smmu_s1_destroy(struct smmu_s1 *s1)
{
	if (s1->root != NULL)
		free_tables(s1->pool, s1->root, s1->start_level);
	s1->root = NULL;
}

int smmu_s1_mirror(struct smmu_s1 *s1, struct smmu_pt_pool *pool,
		   const struct s2_space *space)
{
	int rc;

	s1->pool = pool;
	s1->ia_bits = space->ipa_bits;
	s1->start_level = smmu_s1_start_level(space->ipa_bits);
	s1->root = pt_alloc(pool);
	if (s1->root == NULL)
		return -MHV_ENOMEM;
	rc = s2_for_each_leaf(space, mirror_leaf, s1);
	if (rc != 0)
		smmu_s1_destroy(s1);
	return rc;
}
