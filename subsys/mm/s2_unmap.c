/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * s2_unmap: remove a range, splitting blocks that straddle its ends.
 *
 * Phase 1 splits, at each end of the range, every block that straddles
 * it into a table of the next level that maps exactly the same addresses.
 * A split only refines the map, so running out of tables half-way leaves
 * the translation unchanged and nothing needs undoing.
 * Phase 2 clears the leaves inside the range, frees tables that became
 * empty, then invalidates the TLBs; freed tables return to the pool only
 * after that invalidation, since a walk cache may still point at them.
 *
 * Replacing a valid block by a table needs break-before-make (Arm ARM D8,
 * "Using break-before-make when updating translation table entries"):
 * write an invalid entry, invalidate the TLBs for it, then write the table.
 * A guest access in between takes a stage-2 fault and retries.
 */
#include <monadic/hal/tlb.h>

#include "s2_internal.h"

/* Up to this many removed entries are invalidated one IPA at a time. */
#define S2_FLUSH_BATCH 8

struct s2_flush {
	uint64_t ipa[S2_FLUSH_BATCH];
	int level[S2_FLUSH_BATCH];
	unsigned int n;
	bool all;         /* too many: invalidate the whole VMID */
	uint32_t freed;   /* tables to release after the invalidation */
};

static void flush_add(struct s2_flush *f, uint64_t ipa, int level)
{
	if (f->all)
		return;
	if (f->n == S2_FLUSH_BATCH) {
		f->all = true;
		return;
	}
	f->ipa[f->n] = ipa;
	f->level[f->n] = level;
	f->n++;
}

static void flush_finish(struct s2_space *space, struct s2_flush *f)
{
	uint64_t vttbr = s2_vttbr(space);

	if (f->all) {
		hal_s2_tlb_flush_vmid(vttbr);
	} else {
		for (unsigned int i = 0; i < f->n; i++)
			hal_s2_tlb_flush_ipa(vttbr, f->ipa[i], f->level[i]);
	}
	s2_pool_release(space->pool, f->freed);
}

static bool table_empty(const s2_table_t *table)
{
	for (unsigned int i = 0; i < S2_PTRS_PER_TABLE; i++)
		if (s2_desc_valid(s2_desc_read(&table->desc[i])))
			return false;
	return true;
}

static int clear_range(struct s2_space *space, s2_table_t *table,
		       unsigned int level, uint64_t start, uint64_t end,
		       struct s2_flush *f)
{
	for (uint64_t a = start, next; a < end; a = next) {
		uint64_t *slot = s2_slot(space, table, level, a);
		uint64_t desc = s2_desc_read(slot);
		uint64_t base = a & ~s2_level_mask(level);

		next = s2_entry_end(a, level, end);
		if (!s2_desc_valid(desc))
			continue;
		if (s2_desc_is_table(desc, level)) {
			s2_table_t *child = s2_next_table(space, desc);
			int err;

			if (child == NULL)
				return -MHV_EIO;
			err = clear_range(space, child, level + 1, a, next, f);
			if (err)
				return err;
			if (table_empty(child)) {
				s2_desc_write(slot, 0);
				flush_add(f, base, HAL_TLB_LEVEL_ANY);
				s2_pool_defer(space->pool, &f->freed, child);
			}
			continue;
		}
		/* A leaf must lie wholly inside: phase 1 split the ends. */
		if (!s2_desc_is_leaf(desc, level) || a != base ||
		    next != base + S2_LEVEL_SIZE(level))
			return -MHV_EIO;
		s2_desc_write(slot, 0);
		flush_add(f, base, (int)level);
	}
	return 0;
}

int s2_unmap_clear(struct s2_space *space, uint64_t start, uint64_t end)
{
	struct s2_flush f = { .n = 0, .all = false, .freed = S2_POOL_NONE };
	int err = clear_range(space, NULL, space->start_level, start, end, &f);

	flush_finish(space, &f);
	return err;
}

/* Replaces the block at slot by a table mapping the same range (BBM). */
static int split_block(struct s2_space *space, uint64_t *slot,
		       unsigned int level, uint64_t base, uint64_t desc)
{
	unsigned int child_level = level + 1;
	uint64_t child_size = S2_LEVEL_SIZE(child_level);
	uint64_t attrs = desc & (S2_PTE_LEAF_ATTR_LO_MASK | S2_PTE_LEAF_ATTR_HI_MASK);
	uint64_t oa = desc & S2_PTE_ADDR_MASK;
	uint64_t type = child_level == S2_MAX_LEVEL ? S2_PTE_TYPE_PAGE : S2_PTE_TYPE_BLOCK;
	s2_table_t *table = s2_pool_alloc(space->pool);

	if (table == NULL)
		return -MHV_ENOMEM;
	for (unsigned int i = 0; i < S2_PTRS_PER_TABLE; i++)
		table->desc[i] = (oa + i * child_size) | attrs | type | S2_PTE_VALID;
	hal_s2_table_sync();                  /* the new table is complete... */
	s2_desc_write(slot, 0);               /* break */
	hal_s2_tlb_flush_ipa(s2_vttbr(space), base, (int)level);
	s2_desc_write(slot, s2_pool_pa(table) | S2_PTE_TYPE_TABLE | S2_PTE_VALID);
	hal_s2_table_sync();                  /* make */
	return 0;
}

/* Splits blocks until addr is a boundary between entries at every level. */
static int split_at(struct s2_space *space, uint64_t addr)
{
	s2_table_t *table = NULL;

	if (addr == 0 || addr >= space->ipa_size)
		return 0;
	for (unsigned int level = space->start_level; level < S2_MAX_LEVEL; level++) {
		uint64_t *slot = s2_slot(space, table, level, addr);
		uint64_t desc = s2_desc_read(slot);

		/* addr starts an entry here, so no entry here or below straddles it. */
		if ((addr & s2_level_mask(level)) == 0 || !s2_desc_valid(desc))
			return 0;
		if (!s2_desc_is_table(desc, level)) {
			int err;

			if (!s2_desc_is_leaf(desc, level))
				return -MHV_EIO;
			err = split_block(space, slot, level,
					  addr & ~s2_level_mask(level), desc);
			if (err)
				return err;
			desc = s2_desc_read(slot);
		}
		table = s2_next_table(space, desc);
		if (table == NULL)
			return -MHV_EIO;
	}
	return 0;
}

int s2_unmap(struct s2_space *space, uint64_t ipa, uint64_t size)
{
	int err = s2_check_range(space, ipa, size);

	if (!err)
		err = split_at(space, ipa);
	if (!err)
		err = split_at(space, ipa + size);
	if (err)
		return err;
	return s2_unmap_clear(space, ipa, ipa + size);
}
