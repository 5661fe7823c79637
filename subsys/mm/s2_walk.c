/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Software stage-2 table walk (Arm ARM D8 "Translation process"): what the
 * hardware would do for one IPA, plus an in-order walk of every leaf.
 * Used by the tests, to decode guest stage-2 faults, and to mirror a VM's
 * IPA map (SMMU stage 1 where the SMMU lacks stage 2).
 */
#include "s2_internal.h"

uint64_t *s2_slot(const struct s2_space *space, s2_table_t *table,
		  unsigned int level, uint64_t addr)
{
	uint64_t index = addr >> S2_LEVEL_SHIFT(level);

	/* Concatenated root tables are indexed as one table (index < 512 * n). */
	if (level == space->start_level)
		return &space->root[index >> S2_TABLE_SHIFT]
				   .desc[index & (S2_PTRS_PER_TABLE - 1)];
	return &table->desc[index & (S2_PTRS_PER_TABLE - 1)];
}

s2_table_t *s2_next_table(const struct s2_space *space, uint64_t desc)
{
	return s2_pool_table(space->pool, desc & S2_PTE_ADDR_MASK);
}

static int leaf_fill(uint64_t desc, unsigned int level, uint64_t addr,
		     struct s2_leaf *leaf)
{
	uint64_t mask = s2_level_mask(level);

	if (!s2_desc_is_leaf(desc, level))
		return -MHV_EIO;
	leaf->ipa = addr & ~mask;
	leaf->pa = desc & S2_PTE_ADDR_MASK & ~mask;
	leaf->size = S2_LEVEL_SIZE(level);
	leaf->desc = desc;
	leaf->level = level;
	return s2_desc_to_attr(desc, &leaf->attrs);
}

int s2_walk(const struct s2_space *space, uint64_t ipa, struct s2_leaf *leaf)
{
	s2_table_t *table = NULL;

	if (space == NULL || !space->ready || leaf == NULL)
		return -MHV_EINVAL;
	if (ipa >= space->ipa_size)
		return -MHV_ERANGE;
	for (unsigned int level = space->start_level; level <= S2_MAX_LEVEL; level++) {
		uint64_t desc = s2_desc_read(s2_slot(space, table, level, ipa));

		if (!s2_desc_valid(desc))
			return -MHV_ENOENT;
		if (!s2_desc_is_table(desc, level))
			return leaf_fill(desc, level, ipa, leaf);
		table = s2_next_table(space, desc);
		if (table == NULL)
			return -MHV_EIO;
	}
	return -MHV_EIO;  /* not reached: level 3 holds no tables */
}

int s2_translate(const struct s2_space *space, uint64_t ipa, uint64_t *pa,
		 s2_attr_t *attrs)
{
	struct s2_leaf leaf;
	int err = s2_walk(space, ipa, &leaf);

	if (err)
		return err;
	if (pa != NULL)
		*pa = leaf.pa + (ipa - leaf.ipa);
	if (attrs != NULL)
		*attrs = leaf.attrs;
	return 0;
}

static int each_leaf(const struct s2_space *space, s2_table_t *table,
		     unsigned int level, uint64_t start, uint64_t end,
		     s2_leaf_fn fn, void *ctx)
{
	for (uint64_t a = start, next; a < end; a = next) {
		uint64_t desc = s2_desc_read(s2_slot(space, table, level, a));
		struct s2_leaf leaf;
		int err;

		next = s2_entry_end(a, level, end);
		if (!s2_desc_valid(desc))
			continue;
		if (s2_desc_is_table(desc, level)) {
			s2_table_t *child = s2_next_table(space, desc);

			if (child == NULL)
				return -MHV_EIO;
			err = each_leaf(space, child, level + 1, a, next, fn, ctx);
		} else {
			err = leaf_fill(desc, level, a, &leaf);
			if (!err)
				err = fn(ctx, &leaf);
		}
		if (err)
			return err;
	}
	return 0;
}

int s2_for_each_leaf(const struct s2_space *space, s2_leaf_fn fn, void *ctx)
{
	if (space == NULL || !space->ready || fn == NULL)
		return -MHV_EINVAL;
	return each_leaf(space, NULL, space->start_level, 0, space->ipa_size,
			 fn, ctx);
}
