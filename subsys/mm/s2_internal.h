/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Helpers shared by the stage-2 files: descriptor access, table lookup,
 * pool internals and the TLB-flush batch of an unmap.
 */
#ifndef SUBSYS_MM_S2_INTERNAL_H
#define SUBSYS_MM_S2_INTERNAL_H

#include <monadic/mm/stage2.h>

/* ---- Descriptors ------------------------------------------------------- */

/*
 * Descriptors are read and written with single 64-bit volatile accesses:
 * the hardware walker may read an entry at any time, so a write must never
 * be split, merged or moved by the compiler (single-copy atomicity of
 * aligned 64-bit accesses, Arm ARM B2 "Memory model").
 */
static inline uint64_t s2_desc_read(const uint64_t *slot)
{
	return *(const volatile uint64_t *)slot;
}

static inline void s2_desc_write(uint64_t *slot, uint64_t desc)
{
	*(volatile uint64_t *)slot = desc;
}

static inline bool s2_desc_valid(uint64_t desc)
{
	return (desc & S2_PTE_VALID) != 0;
}

/* A valid descriptor that points to a next-level table. */
static inline bool s2_desc_is_table(uint64_t desc, unsigned int level)
{
	return level < S2_MAX_LEVEL && s2_desc_valid(desc) &&
	       (desc & S2_PTE_TYPE) == S2_PTE_TYPE_TABLE;
}

/* A valid descriptor whose encoding is a leaf allowed at this level. */
static inline bool s2_desc_is_leaf(uint64_t desc, unsigned int level)
{
	if (!s2_desc_valid(desc))
		return false;
	if (level == S2_MAX_LEVEL)
		return (desc & S2_PTE_TYPE) == S2_PTE_TYPE_PAGE;
	return level >= S2_BLOCK_MIN_LEVEL &&
	       (desc & S2_PTE_TYPE) == S2_PTE_TYPE_BLOCK;
}

static inline uint64_t s2_level_mask(unsigned int level)
{
	return S2_LEVEL_SIZE(level) - 1;
}

/* Start of the entry after the one at level that holds addr, capped at end. */
static inline uint64_t s2_entry_end(uint64_t addr, unsigned int level, uint64_t end)
{
	uint64_t next = (addr & ~s2_level_mask(level)) + S2_LEVEL_SIZE(level);

	return next < end ? next : end;
}

/* ---- Pool internals ---------------------------------------------------- */

/* A cleared table, or NULL when the pool is exhausted. */
s2_table_t *s2_pool_alloc(struct s2_pool *pool);
/* n cleared, contiguous tables aligned to n * 4 KB (a concatenated root). */
s2_table_t *s2_pool_alloc_root(struct s2_pool *pool, unsigned int n);
/* Returns an unreachable, TLB-clean table to the pool. */
void s2_pool_free(struct s2_pool *pool, s2_table_t *table);
/* Physical address of a pool page (identity: EL2 runs with VA == PA). */
uint64_t s2_pool_pa(const s2_table_t *table);
/* The pool page at pa, or NULL if pa is not the start of one of its pages. */
s2_table_t *s2_pool_table(const struct s2_pool *pool, uint64_t pa);
/*
 * Pages waiting for a TLB flush before they go back to the pool: a list
 * linked through entry 0, encoded with the valid bit clear.
 */
void s2_pool_defer(const struct s2_pool *pool, uint32_t *list, s2_table_t *table);
void s2_pool_release(struct s2_pool *pool, uint32_t list);
#define S2_POOL_NONE UINT32_MAX

/* ---- Table walk -------------------------------------------------------- */

/* The slot for addr in table (at level); the root when level is the start level. */
uint64_t *s2_slot(const struct s2_space *space, s2_table_t *table,
		  unsigned int level, uint64_t addr);
/* The table a table descriptor points to, NULL if not a pool page (corrupt). */
s2_table_t *s2_next_table(const struct s2_space *space, uint64_t desc);

/* Checks common to map and unmap: space ready, alignment, size, IPA range. */
int s2_check_range(const struct s2_space *space, uint64_t ipa, uint64_t size);

/* ---- Unmap engine (s2_unmap.c) ---------------------------------------- */

/*
 * Clears every leaf in [start, end), frees emptied tables and flushes.
 * Leaves must not straddle start or end (split first); used by s2_unmap,
 * by s2_map's rollback and by s2_destroy. Never allocates.
 */
int s2_unmap_clear(struct s2_space *space, uint64_t start, uint64_t end);

#endif /* SUBSYS_MM_S2_INTERNAL_H */
