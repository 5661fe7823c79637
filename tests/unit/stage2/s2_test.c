/* SPDX-License-Identifier: BSD-2-Clause-Patent */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "s2_test.h"

uint64_t rng_next(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

uint64_t rng_below(uint64_t *state, uint64_t n)
{
	return rng_next(state) % n;
}

uint64_t test_seed(uint64_t fallback)
{
	const char *env = getenv("S2_SEED");
	uint64_t seed = env != NULL ? strtoull(env, NULL, 0) : fallback;

	printf("seed 0x%" PRIx64 " (set S2_SEED to replay)\n", seed);
	return seed;
}

void test_pool_new(struct test_pool *tp, size_t npages, unsigned int skew)
{
	const size_t align = 16 * SZ_4K;
	/* aligned_alloc wants a multiple of the alignment */
	size_t bytes = (npages + 16 + 15) / 16 * 16 * SZ_4K;

	tp->pages = aligned_alloc(align, bytes);
	if (tp->pages == NULL) {
		fprintf(stderr, "out of memory for %zu pages\n", npages);
		abort();
	}
	memset(tp->pages, 0xA5, bytes);  /* the library must clear what it uses */
	if (s2_pool_init(&tp->pool, tp->pages + skew, npages) != 0) {
		fprintf(stderr, "s2_pool_init failed\n");
		abort();
	}
}

void test_pool_free(struct test_pool *tp)
{
	free(tp->pages);
	tp->pages = NULL;
}

/* ---- raw scan: descriptor constants only, no library walk code ---------- */

static bool in_pool(const struct s2_pool *pool, uint64_t pa)
{
	uint64_t base = (uint64_t)(uintptr_t)pool->pages;

	return pa >= base && pa < base + (uint64_t)pool->npages * SZ_4K &&
	       (pa - base) % SZ_4K == 0;
}

static void scan_table(const struct s2_space *space, const uint64_t *entries,
		       size_t n, unsigned int level, struct scan *out)
{
	for (size_t i = 0; i < n; i++) {
		uint64_t d = entries[i];
		bool table = (d & S2_PTE_TYPE) != 0 && level < S2_MAX_LEVEL;

		if (!(d & S2_PTE_VALID))
			continue;
		if (table) {
			uint64_t next = d & S2_PTE_ADDR_MASK;

			if (!in_pool(space->pool, next) ||
			    (d & ~(S2_PTE_ADDR_MASK | S2_PTE_TYPE | S2_PTE_VALID)) != 0) {
				out->bad++;
				continue;
			}
			out->tables++;
			scan_table(space, (const uint64_t *)(uintptr_t)next,
				   S2_PTRS_PER_TABLE, level + 1, out);
		} else if (level >= S2_BLOCK_MIN_LEVEL && level <= S2_MAX_LEVEL &&
			   ((d & S2_PTE_TYPE) != 0) == (level == S2_MAX_LEVEL)) {
			out->leaves[level]++;
			out->mapped_bytes += S2_LEVEL_SIZE(level);
		} else {
			out->bad++;
		}
	}
}

void scan_space(const struct s2_space *space, struct scan *out)
{
	size_t root_entries = (size_t)(space->ipa_size >> S2_LEVEL_SHIFT(space->start_level));
	/* The concatenated root is contiguous: one array of root_entries. */
	const uint64_t *root = (const uint64_t *)(const void *)space->root;

	memset(out, 0, sizeof(*out));
	scan_table(space, root, root_entries, space->start_level, out);
	/* Entries of the root past the IPA size must be invalid. */
	for (size_t i = root_entries; i < (size_t)space->root_tables * S2_PTRS_PER_TABLE; i++)
		if (root[i] & S2_PTE_VALID)
			out->bad++;
}

long scan_leaked(const struct s2_space *space, const struct scan *scan)
{
	long in_use = (long)space->pool->npages - (long)s2_pool_free_pages(space->pool);

	return in_use - (long)space->root_tables - (long)scan->tables;
}

/* ---- expectations ----------------------------------------------------- */

static uint64_t round_up(uint64_t x, uint64_t a) { return (x + a - 1) / a * a; }
static uint64_t round_down(uint64_t x, uint64_t a) { return x / a * a; }

/* Blocks of size blk wholly inside [a, b), and the pieces left around them. */
static uint64_t middle(uint64_t a, uint64_t b, uint64_t blk, uint64_t *lo, uint64_t *hi)
{
	uint64_t s = round_up(a, blk), e = round_down(b, blk);

	if (s >= e || e > b) {
		*lo = *hi = b;   /* no block: the whole range is the left piece */
		return 0;
	}
	*lo = s;
	*hi = e;
	return (e - s) / blk;
}

static void count_2m_4k(bool use_2m, uint64_t a, uint64_t b, uint64_t c[S2_LEVELS])
{
	uint64_t lo, hi, n2 = 0;

	if (a >= b)
		return;
	if (use_2m)
		n2 = middle(a, b, SZ_2M, &lo, &hi);
	c[2] += n2;
	c[3] += ((b - a) - n2 * SZ_2M) / SZ_4K;
}

void expected_leaves(const struct s2_space *space, uint64_t ipa, uint64_t pa,
		     uint64_t size, uint64_t c[S2_LEVELS])
{
	bool use_1g = space->start_level <= 1 && ((ipa ^ pa) % SZ_1G) == 0;
	bool use_2m = ((ipa ^ pa) % SZ_2M) == 0;
	uint64_t a = ipa, b = ipa + size, lo, hi, n1 = 0;

	memset(c, 0, sizeof(uint64_t) * S2_LEVELS);
	if (use_1g)
		n1 = middle(a, b, SZ_1G, &lo, &hi);
	if (n1 == 0) {
		count_2m_4k(use_2m, a, b, c);
		return;
	}
	c[1] = n1;
	count_2m_4k(use_2m, a, lo, c);
	count_2m_4k(use_2m, hi, b, c);
}

uint64_t expected_attr_bits(s2_attr_t attrs)
{
	uint64_t memattr;
	uint64_t bits;

	switch (attrs & S2_ATTR_MEM_MASK) {
	case S2_ATTR_MEM_NORMAL:        memattr = S2_MEMATTR(S2_MEMATTR_WB, S2_MEMATTR_WB); break;
	case S2_ATTR_MEM_NORMAL_NC:     memattr = S2_MEMATTR(S2_MEMATTR_NC, S2_MEMATTR_NC); break;
	case S2_ATTR_MEM_DEVICE_nGnRE:  memattr = S2_MEMATTR(S2_MEMATTR_DEVICE, S2_MEMATTR_DEV_nGnRE); break;
	default:                        memattr = S2_MEMATTR(S2_MEMATTR_DEVICE, S2_MEMATTR_DEV_nGnRnE); break;
	}
	bits = memattr << S2_PTE_LEAF_ATTR_LO_MEMATTR_SHIFT |
	       S2_PTE_LEAF_ATTR_LO_AF |
	       (uint64_t)S2_SH_INNER << S2_PTE_LEAF_ATTR_LO_SH_SHIFT;
	if (attrs & S2_ATTR_R)
		bits |= S2_PTE_LEAF_ATTR_LO_S2AP_R;
	if (attrs & S2_ATTR_W)
		bits |= S2_PTE_LEAF_ATTR_LO_S2AP_W;
	if (!(attrs & S2_ATTR_X))
		bits |= (uint64_t)S2_XN_ALL << S2_PTE_LEAF_ATTR_HI_XN_SHIFT;
	return bits;
}

const char *leaf_mismatch(const struct s2_leaf *leaf, uint64_t ipa,
			  uint64_t pa, s2_attr_t attrs)
{
	uint64_t type = leaf->level == S2_MAX_LEVEL ? S2_PTE_TYPE_PAGE : S2_PTE_TYPE_BLOCK;
	uint64_t want = (leaf->pa & S2_PTE_ADDR_MASK) | expected_attr_bits(attrs) |
			type | S2_PTE_VALID;

	if (leaf->level < 1 || leaf->level > 3 || leaf->size != S2_LEVEL_SIZE(leaf->level))
		return "level/size";
	if (ipa < leaf->ipa || ipa - leaf->ipa >= leaf->size || leaf->ipa % leaf->size)
		return "leaf does not cover the IPA";
	if (leaf->pa + (ipa - leaf->ipa) != pa || leaf->pa % leaf->size)
		return "output address";
	if (leaf->attrs != attrs)
		return "decoded attributes";
	if (leaf->desc != want)
		return "descriptor bits";
	return NULL;
}

s2_attr_t random_attrs(uint64_t *rng)
{
	static const s2_attr_t choices[] = {
		S2_ATTRS_RAM, S2_ATTRS_RAM_NX, S2_ATTRS_ROM, S2_ATTRS_MMIO,
		S2_ATTR_MEM_DEVICE_nGnRnE | S2_ATTR_R | S2_ATTR_W,
		S2_ATTR_MEM_DEVICE_nGnRE | S2_ATTR_R,
		S2_ATTR_MEM_DEVICE_nGnRE | S2_ATTR_W,
		S2_ATTR_MEM_DEVICE_nGnRE,
		S2_ATTR_MEM_NORMAL_NC | S2_ATTR_R | S2_ATTR_W,
		S2_ATTR_MEM_NORMAL | S2_ATTR_X,
		S2_ATTR_MEM_NORMAL,
	};

	return choices[rng_below(rng, sizeof(choices) / sizeof(choices[0]))];
}
