/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The table pool: a caller-provided array of 4 KB pages. Pages are handed
 * out from the never-used tail, or from a free list of returned pages.
 * A free page links to the next through its first entry, shifted so that
 * the valid bit (bit 0) stays clear: even a walker holding a stale pointer
 * to a freed table reads only invalid descriptors.
 */
#include "s2_internal.h"

#define S2_POOL_LINK_SHIFT 1

static void table_clear(s2_table_t *table)
{
	for (unsigned int i = 0; i < S2_PTRS_PER_TABLE; i++)
		table->desc[i] = 0;
}

static void link_set(s2_table_t *table, uint32_t next)
{
	s2_desc_write(&table->desc[0], (uint64_t)next << S2_POOL_LINK_SHIFT);
}

static uint32_t link_get(const s2_table_t *table)
{
	return (uint32_t)(s2_desc_read(&table->desc[0]) >> S2_POOL_LINK_SHIFT);
}

static uint32_t page_index(const struct s2_pool *pool, const s2_table_t *table)
{
	return (uint32_t)(table - pool->pages);
}

static void push_free(struct s2_pool *pool, s2_table_t *table)
{
	link_set(table, pool->free_head);
	pool->free_head = page_index(pool, table);
	pool->nfree++;
}

int s2_pool_init(struct s2_pool *pool, s2_table_t *pages, size_t npages)
{
	if (pool == NULL || pages == NULL || npages == 0 ||
	    npages >= S2_POOL_NONE)
		return -MHV_EINVAL;
	if ((s2_pool_pa(pages) & (S2_GRANULE_SIZE - 1)) != 0)
		return -MHV_EINVAL;
	pool->pages = pages;
	pool->npages = (uint32_t)npages;
	pool->next = 0;
	pool->free_head = S2_POOL_NONE;
	pool->nfree = 0;
	return 0;
}

size_t s2_pool_free_pages(const struct s2_pool *pool)
{
	if (pool == NULL)
		return 0;
	return (size_t)pool->nfree + (pool->npages - pool->next);
}

s2_table_t *s2_pool_alloc(struct s2_pool *pool)
{
	s2_table_t *table;

	if (pool->free_head != S2_POOL_NONE) {
		table = &pool->pages[pool->free_head];
		pool->free_head = link_get(table);
		pool->nfree--;
	} else if (pool->next < pool->npages) {
		table = &pool->pages[pool->next++];
	} else {
		return NULL;
	}
	table_clear(table);
	return table;
}

s2_table_t *s2_pool_alloc_root(struct s2_pool *pool, unsigned int n)
{
	uint64_t align = (uint64_t)n * S2_GRANULE_SIZE;
	s2_table_t *root;

	if (n == 1)
		return s2_pool_alloc(pool);
	/* The root must be aligned to its size (VTTBR_EL2.BADDR): skip pages. */
	while (pool->next < pool->npages &&
	       (s2_pool_pa(&pool->pages[pool->next]) & (align - 1)) != 0)
		push_free(pool, &pool->pages[pool->next++]);
	if (pool->npages - pool->next < n)
		return NULL;
	root = &pool->pages[pool->next];
	pool->next += n;
	for (unsigned int i = 0; i < n; i++)
		table_clear(&root[i]);
	return root;
}

void s2_pool_free(struct s2_pool *pool, s2_table_t *table)
{
	push_free(pool, table);
}

uint64_t s2_pool_pa(const s2_table_t *table)
{
	return (uint64_t)(uintptr_t)table;
}

s2_table_t *s2_pool_table(const struct s2_pool *pool, uint64_t pa)
{
	uint64_t base = s2_pool_pa(pool->pages);
	uint64_t bytes = (uint64_t)pool->npages * S2_GRANULE_SIZE;

	if (pa < base || pa - base >= bytes ||
	    ((pa - base) & (S2_GRANULE_SIZE - 1)) != 0)
		return NULL;
	return &pool->pages[(pa - base) >> S2_GRANULE_SHIFT];
}

void s2_pool_defer(const struct s2_pool *pool, uint32_t *list, s2_table_t *table)
{
	link_set(table, *list);
	*list = page_index(pool, table);
}

void s2_pool_release(struct s2_pool *pool, uint32_t list)
{
	while (list != S2_POOL_NONE) {
		s2_table_t *table = &pool->pages[list];

		list = link_get(table);
		push_free(pool, table);
	}
}
