/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * s2_map: install leaves for a new, unmapped range.
 *
 * At each step the largest descriptor whose size divides both the IPA and
 * the PA and fits in what is left is used: a 1 GB block (level 1), a 2 MB
 * block (level 2) or a 4 KB page (level 3). Because the sizes are powers of
 * two that divide one another, this greedy choice gives the fewest
 * descriptors for the range.
 *
 * Only invalid entries are written, so no break-before-make and no TLB
 * invalidation are needed (the TLBs hold no faulting entries); a new table
 * is cleared and published before the descriptor that links it.
 */
#include <monadic/hal/tlb.h>

#include "s2_internal.h"

/* 0 if nothing in [start, end) is mapped, -MHV_EEXIST if something is. */
static int range_unmapped(const struct s2_space *space, s2_table_t *table,
			  unsigned int level, uint64_t start, uint64_t end)
{
	for (uint64_t a = start, next; a < end; a = next) {
		uint64_t desc = s2_desc_read(s2_slot(space, table, level, a));
		s2_table_t *child;
		int err;

		next = s2_entry_end(a, level, end);
		if (!s2_desc_valid(desc))
			continue;
		if (!s2_desc_is_table(desc, level))
			return s2_desc_is_leaf(desc, level) ? -MHV_EEXIST : -MHV_EIO;
		child = s2_next_table(space, desc);
		if (child == NULL)
			return -MHV_EIO;
		err = range_unmapped(space, child, level + 1, a, next);
		if (err)
			return err;
	}
	return 0;
}

/* Level of the largest leaf that fits at ipa -> pa with size bytes left. */
static unsigned int leaf_level(const struct s2_space *space, uint64_t ipa,
			       uint64_t pa, uint64_t size)
{
	unsigned int level = space->start_level > S2_BLOCK_MIN_LEVEL ?
			     space->start_level : S2_BLOCK_MIN_LEVEL;

	for (; level < S2_MAX_LEVEL; level++) {
		if (((ipa | pa) & s2_level_mask(level)) == 0 &&
		    size >= S2_LEVEL_SIZE(level))
			break;
	}
	return level;
}

/* The table linked from slot, creating it if the slot is invalid. */
static int table_get(struct s2_space *space, uint64_t *slot, unsigned int level,
		     s2_table_t **table)
{
	uint64_t desc = s2_desc_read(slot);

	if (!s2_desc_valid(desc)) {
		s2_table_t *t = s2_pool_alloc(space->pool);

		if (t == NULL)
			return -MHV_ENOMEM;
		hal_s2_table_sync();  /* cleared table visible before it is linked */
		desc = s2_pool_pa(t) | S2_PTE_TYPE_TABLE | S2_PTE_VALID;
		s2_desc_write(slot, desc);
		*table = t;
		return 0;
	}
	if (!s2_desc_is_table(desc, level))
		return -MHV_EIO;  /* range_unmapped() ruled leaves out */
	*table = s2_next_table(space, desc);
	return *table == NULL ? -MHV_EIO : 0;
}

static int install_leaf(struct s2_space *space, uint64_t ipa,
			unsigned int leaf_lvl, uint64_t desc)
{
	s2_table_t *table = NULL;
	uint64_t *slot;

	for (unsigned int level = space->start_level; level < leaf_lvl; level++) {
		int err = table_get(space, s2_slot(space, table, level, ipa),
				    level, &table);

		if (err)
			return err;
	}
	slot = s2_slot(space, table, leaf_lvl, ipa);
	if (s2_desc_valid(s2_desc_read(slot)))
		return -MHV_EIO;
	s2_desc_write(slot, desc);
	return 0;
}

static int check_output(uint64_t pa, uint64_t size)
{
	if ((pa & (S2_GRANULE_SIZE - 1)) != 0)
		return -MHV_EINVAL;
	if (pa >= S2_BIT(S2_OA_BITS) || size > S2_BIT(S2_OA_BITS) - pa)
		return -MHV_ERANGE;
	return 0;
}

int s2_map(struct s2_space *space, uint64_t ipa, uint64_t pa, uint64_t size,
	   s2_attr_t attrs)
{
	uint64_t leaf_attrs;
	int err;

	err = s2_check_range(space, ipa, size);
	if (!err)
		err = check_output(pa, size);
	if (!err && !s2_attr_valid(attrs))
		err = -MHV_EINVAL;
	if (!err)
		err = range_unmapped(space, NULL, space->start_level, ipa, ipa + size);
	if (err)
		return err;

	leaf_attrs = s2_attr_to_desc(attrs);
	for (uint64_t off = 0; off < size; ) {
		unsigned int level = leaf_level(space, ipa + off, pa + off, size - off);
		uint64_t type = level == S2_MAX_LEVEL ? S2_PTE_TYPE_PAGE : S2_PTE_TYPE_BLOCK;

		err = install_leaf(space, ipa + off, level,
				   (pa + off) | leaf_attrs | type | S2_PTE_VALID);
		if (err) {
			/* The range was unmapped on entry: unmapping restores it. */
			(void)s2_unmap_clear(space, ipa, ipa + size);
			return err;
		}
		off += S2_LEVEL_SIZE(level);
	}
	hal_s2_table_sync();  /* new leaves visible to the walkers */
	return 0;
}
