/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * s2_map: thousands of random non-overlapping ranges per IPA size; every
 * range translates exactly (every page of small ranges, every 2 MB / 1 GB
 * boundary and random pages of large ones), the gaps fault, the descriptor
 * count per level equals the minimal count computed by formula, and every
 * walked descriptor carries exactly the expected attribute bits.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include <monadic/mm/stage2.h>

#include "unit.h"
#include "fake_tlb.h"
#include "s2_test.h"

struct range {
	uint64_t ipa, pa, size;
	s2_attr_t attrs;
};

static uint64_t pages(uint64_t *rng, uint64_t max)
{
	return (1 + rng_below(rng, max)) * SZ_4K;
}

/* dense: small IPA spaces, where thousands of ranges must still fit. */
static uint64_t random_size(uint64_t *rng, bool dense)
{
	uint64_t r = rng_below(rng, 100);

	if (dense && r >= 90)
		r = rng_below(rng, 100) < 20 ? 99 : rng_below(rng, 90);

	if (r < 40)
		return pages(rng, 64);
	if (r < 65)
		return pages(rng, 2048);                         /* up to 8 MB */
	if (r < 90)
		return rng_below(rng, 40) * SZ_2M + rng_below(rng, 3) * pages(rng, 512);
	return (1 + rng_below(rng, 3)) * SZ_1G + rng_below(rng, 600) * SZ_2M +
	       rng_below(rng, 2) * pages(rng, 512);
}

static uint64_t random_gap(uint64_t *rng, bool dense)
{
	uint64_t r = rng_below(rng, dense ? 96 : 100);

	if (r < 50)
		return pages(rng, 16);
	if (r < 80)
		return pages(rng, 1024);
	if (r < 95)
		return pages(rng, SZ_1G / SZ_4K);
	return pages(rng, 64 * (SZ_1G / SZ_4K));
}

/* A PA for ipa: congruent mod 1 GB, mod 2 MB only, or mod 4 KB only. */
static uint64_t random_pa(uint64_t *rng, uint64_t ipa, uint64_t size)
{
	uint64_t limit = (UINT64_C(1) << S2_OA_BITS) - size - SZ_1G;
	uint64_t base = rng_below(rng, limit / SZ_1G) * SZ_1G;
	uint64_t r = rng_below(rng, 3);

	if (r == 0 || size > 64 * SZ_2M)   /* big ranges: keep table use sane */
		return base + ipa % SZ_1G;
	if (r == 1)
		return base + (ipa + SZ_2M * (1 + rng_below(rng, 511))) % SZ_1G;
	return base + (ipa + SZ_4K * (1 + rng_below(rng, 511))) % SZ_1G;
}

static size_t gen_ranges(uint64_t *rng, const struct s2_space *s, struct range *r,
			 size_t max)
{
	uint64_t cur = rng_below(rng, s->ipa_size / 64 / SZ_4K) * SZ_4K;
	bool dense = s->ipa_size < (UINT64_C(1) << 44);
	size_t n = 0;

	while (n < max) {
		uint64_t size = random_size(rng, dense);
		/* 1 GB alignment wastes 512 MB on average: rarer when dense */
		uint64_t pick = rng_below(rng, dense ? 40 : 3);
		uint64_t align = pick == 0 ? SZ_1G : pick % 2 ? SZ_2M : SZ_4K;

		if (size == 0)
			continue;
		cur += random_gap(rng, dense);
		cur = (cur + align - 1) / align * align;
		if (cur >= s->ipa_size || size > s->ipa_size - cur ||
		    s->ipa_size - cur - size < SZ_4K)
			break;
		r[n].ipa = cur;
		r[n].size = size;
		r[n].pa = random_pa(rng, cur, size);
		r[n].attrs = random_attrs(rng);
		cur += size;
		n++;
	}
	return n;
}

static size_t pool_bound(const struct range *r, size_t n)
{
	size_t t = 32;

	for (size_t i = 0; i < n; i++)
		t += r[i].size / SZ_2M + r[i].size / SZ_1G + r[i].size / SZ_512G + 6;
	return t;
}

/* One probe: translate + walk agree with the range. Returns a reason or NULL. */
static const char *probe(const struct s2_space *s, const struct range *r, uint64_t off)
{
	struct s2_leaf leaf;
	uint64_t pa = 0;
	s2_attr_t attrs = 0;
	uint64_t in_page = off % SZ_4K;

	if (s2_translate(s, r->ipa + off, &pa, &attrs) != 0)
		return "no translation";
	if (pa != r->pa + off || attrs != r->attrs)
		return "translate result";
	if (s2_walk(s, r->ipa + off - in_page, &leaf) != 0)
		return "walk failed";
	return leaf_mismatch(&leaf, r->ipa + off - in_page, r->pa + off - in_page, r->attrs);
}

static uint64_t check_range(const struct s2_space *s, const struct range *r,
			    uint64_t *rng, uint64_t *probes, const char **why)
{
	uint64_t npages = r->size / SZ_4K;
	uint64_t first_bad = UINT64_MAX;
	const char *reason;

#define PROBE(off) do { \
		(*probes)++; \
		reason = probe(s, r, (off)); \
		if (reason != NULL && first_bad == UINT64_MAX) { first_bad = (off); *why = reason; } \
	} while (0)

	if (npages <= 1024) {
		for (uint64_t p = 0; p < npages; p++)
			PROBE(p * SZ_4K + (p * 8) % SZ_4K);
		return first_bad;
	}
	PROBE(0);
	PROBE(r->size - SZ_4K);
	PROBE(r->size - 8);
	/* Every 2 MB boundary inside the range, and the pages around it. */
	for (uint64_t b = (r->ipa + SZ_2M - 1) / SZ_2M * SZ_2M; b < r->ipa + r->size; b += SZ_2M) {
		PROBE(b - r->ipa);
		if (b - r->ipa >= SZ_4K)
			PROBE(b - r->ipa - SZ_4K);
	}
	for (int i = 0; i < 32; i++)
		PROBE(rng_below(rng, r->size));
#undef PROBE
	return first_bad;
}

struct counts { uint64_t n[S2_LEVELS]; uint64_t bytes; };

static int count_leaf(void *ctx, const struct s2_leaf *leaf)
{
	struct counts *c = ctx;

	c->n[leaf->level]++;
	c->bytes += leaf->size;
	return 0;
}

static void run_random(unsigned int bits, uint64_t seed, size_t max_ranges)
{
	uint64_t rng = seed ^ bits;
	struct range *r = calloc(max_ranges, sizeof(*r));
	struct test_pool tp;
	struct s2_space s;
	struct scan scan;
	struct counts via_api = { { 0 }, 0 };
	uint64_t want[S2_LEVELS] = { 0 }, one[S2_LEVELS], bytes = 0, probes = 0;
	size_t n, failed_maps = 0, bad_ranges = 0, bad_gaps = 0;
	const char *why = "";
	uint64_t bad_ipa = 0;
	struct s2_space tmp = { .ipa_size = UINT64_C(1) << bits };

	fake_tlb_reset();
	/* Generate against a throw-away space of the right size. */
	n = gen_ranges(&rng, &tmp, r, max_ranges);
	test_pool_new(&tp, pool_bound(r, n), 0);
	CHECK(s2_init(&s, 3, bits, &tp.pool) == 0, "%u-bit: s2_init", bits);

	for (size_t i = 0; i < n; i++) {
		int err = s2_map(&s, r[i].ipa, r[i].pa, r[i].size, r[i].attrs);

		if (err) {
			if (failed_maps++ == 0)
				printf("  map %zu [0x%" PRIx64 "+0x%" PRIx64 "] -> %d\n",
				       i, r[i].ipa, r[i].size, err);
			continue;
		}
		expected_leaves(&s, r[i].ipa, r[i].pa, r[i].size, one);
		for (int l = 0; l < S2_LEVELS; l++)
			want[l] += one[l];
		bytes += r[i].size;
	}
	CHECK(failed_maps == 0, "%u-bit: %zu random ranges mapped (%" PRIu64 " MB)",
	      bits, n, bytes >> 20);

	for (size_t i = 0; i < n; i++) {
		uint64_t bad = check_range(&s, &r[i], &rng, &probes, &why);

		if (bad != UINT64_MAX && bad_ranges++ == 0)
			bad_ipa = r[i].ipa + bad;
	}
	CHECK(bad_ranges == 0, "%u-bit: %" PRIu64 " probes translate exactly with exact descriptors "
	      "(%zu bad ranges, first at 0x%" PRIx64 ": %s)", bits, probes, bad_ranges, bad_ipa,
	      bad_ranges ? why : "-");

	for (size_t i = 0; i < n; i++) {
		uint64_t before = r[i].ipa - SZ_4K, after = r[i].ipa + r[i].size;
		uint64_t mid = i + 1 < n ? after + (r[i + 1].ipa - after) / 2 / SZ_4K * SZ_4K : after;

		if (s2_translate(&s, before, NULL, NULL) != -MHV_ENOENT ||
		    s2_translate(&s, after, NULL, NULL) != -MHV_ENOENT ||
		    s2_translate(&s, mid, NULL, NULL) != -MHV_ENOENT)
			bad_gaps++;
	}
	CHECK(bad_gaps == 0, "%u-bit: IPAs before, after and between %zu ranges fault (%zu bad)",
	      bits, n, bad_gaps);
	CHECK(s2_translate(&s, s.ipa_size, NULL, NULL) == -MHV_ERANGE,
	      "%u-bit: IPA 2^%u is out of range", bits, bits);

	scan_space(&s, &scan);
	s2_for_each_leaf(&s, count_leaf, &via_api);
	CHECK(scan.leaves[1] == want[1] && scan.leaves[2] == want[2] && scan.leaves[3] == want[3] &&
	      scan.leaves[0] == 0,
	      "%u-bit: descriptors are minimal: L1 %" PRIu64 "/%" PRIu64 ", L2 %" PRIu64 "/%" PRIu64
	      ", L3 %" PRIu64 "/%" PRIu64, bits, scan.leaves[1], want[1], scan.leaves[2], want[2],
	      scan.leaves[3], want[3]);
	CHECK(via_api.n[1] == scan.leaves[1] && via_api.n[2] == scan.leaves[2] &&
	      via_api.n[3] == scan.leaves[3] && via_api.bytes == bytes && scan.mapped_bytes == bytes,
	      "%u-bit: s2_for_each_leaf agrees with the raw scan (%" PRIu64 " bytes)", bits, bytes);
	CHECK(scan.bad == 0 && scan_leaked(&s, &scan) == 0,
	      "%u-bit: no stray descriptors (%" PRIu64 "), %" PRIu64 " tables, none leaked (%ld)",
	      bits, scan.bad, scan.tables, scan_leaked(&s, &scan));
	CHECK(fake_tlb.ipa_flushes == 0 && fake_tlb.vmid_flushes == 0 && fake_tlb.syncs > 0,
	      "%u-bit: maps into empty entries need no TLB flush (%zu syncs)", bits, fake_tlb.syncs);

	s2_destroy(&s);
	CHECK(s2_pool_free_pages(&tp.pool) == tp.pool.npages,
	      "%u-bit: s2_destroy returns all %u pages", bits, tp.pool.npages);
	test_pool_free(&tp);
	free(r);
	fake_tlb_reset();
}

/* Hand-computed layouts: the greedy choice is the minimal one. */
static void test_hand_layouts(void)
{
	static const struct {
		uint64_t ipa, pa, size, l1, l2, l3;
		const char *what;
	} cases[] = {
		/* 1 page up to 1 GB, a 1 GB block, a 2 MB block, 1 page */
		{ SZ_1G - SZ_4K, 5 * SZ_1G - SZ_4K, SZ_4K + SZ_1G + SZ_2M + SZ_4K, 1, 1, 2,
		  "1G-4K..: page + 1G + 2M + page" },
		/* PA only 2 MB-congruent: the 1 GB block becomes 512 x 2 MB */
		{ SZ_1G, 7 * SZ_1G + SZ_2M, SZ_1G, 0, 512, 0, "1G at 2M-congruent PA: 512 x 2M" },
		/* PA only 4 KB-congruent: 4 MB becomes 1024 pages */
		{ 2 * SZ_1G, 9 * SZ_1G + SZ_4K, 2 * SZ_2M, 0, 0, 1024, "4M at 4K-congruent PA: pages" },
		/* 2 MB - 4 KB unaligned start: 1 page then 2 MB blocks */
		{ 3 * SZ_1G + SZ_2M - SZ_4K, 3 * SZ_1G + SZ_2M - SZ_4K, SZ_4K + 3 * SZ_2M, 0, 3, 1,
		  "page + 3 x 2M" },
		/* 3 GB on 1 GB alignment */
		{ 8 * SZ_1G, 16 * SZ_1G, 3 * SZ_1G, 3, 0, 0, "3 x 1G" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct test_pool tp;
		struct s2_space s;
		struct scan scan;
		uint64_t formula[S2_LEVELS];

		test_pool_new(&tp, 64, 0);
		s2_init(&s, 1, 40, &tp.pool);
		expected_leaves(&s, cases[i].ipa, cases[i].pa, cases[i].size, formula);
		CHECK(s2_map(&s, cases[i].ipa, cases[i].pa, cases[i].size, S2_ATTRS_RAM) == 0,
		      "hand layout %s: mapped", cases[i].what);
		scan_space(&s, &scan);
		CHECK(scan.leaves[1] == cases[i].l1 && scan.leaves[2] == cases[i].l2 &&
		      scan.leaves[3] == cases[i].l3 && formula[1] == cases[i].l1 &&
		      formula[2] == cases[i].l2 && formula[3] == cases[i].l3,
		      "hand layout %s: L1 %" PRIu64 " L2 %" PRIu64 " L3 %" PRIu64,
		      cases[i].what, scan.leaves[1], scan.leaves[2], scan.leaves[3]);
		s2_destroy(&s);
		test_pool_free(&tp);
	}
}

static int raw_is(uint64_t d, uint64_t type)
{
	return (d & S2_PTE_VALID) && (d & S2_PTE_TYPE) == type;
}

/* The concatenated / level-0 roots are indexed as the Arm ARM says. */
static void test_root_layout(void)
{
	struct test_pool tp;
	struct s2_space s;
	uint64_t pa;

	test_pool_new(&tp, 64, 1);
	s2_init(&s, 1, 40, &tp.pool);
	/* IPA 512 GB + 1 GB: second concatenated table, entry 1, a 1 GB block. */
	CHECK(s2_map(&s, SZ_512G + SZ_1G, 3 * SZ_1G, SZ_1G, S2_ATTRS_RAM) == 0 &&
	      raw_is(s.root[1].desc[1], S2_PTE_TYPE_BLOCK) &&
	      (s.root[1].desc[1] & S2_PTE_ADDR_MASK) == 3 * SZ_1G && s.root[0].desc[1] == 0,
	      "40-bit: IPA 513 GB is a block in the second root table, entry 1");
	/* Last 2 MB of the IPA space: root table 1, entry 511 -> L2 table entry 511. */
	CHECK(s2_map(&s, (UINT64_C(1) << 40) - SZ_2M, SZ_2M, SZ_2M, S2_ATTRS_MMIO) == 0 &&
	      raw_is(s.root[1].desc[511], S2_PTE_TYPE_TABLE) &&
	      s2_translate(&s, (UINT64_C(1) << 40) - 1, &pa, NULL) == 0 && pa == 2 * SZ_2M - 1,
	      "40-bit: last byte of the IPA space maps through root table 1, entry 511");
	s2_destroy(&s);

	s2_init(&s, 1, 44, &tp.pool);
	/* 44 bits start at level 0 with 32 entries: IPA 2^43 is entry 16. */
	CHECK(s2_map(&s, UINT64_C(1) << 43, SZ_1G, SZ_1G, S2_ATTRS_RAM) == 0 &&
	      raw_is(s.root[0].desc[16], S2_PTE_TYPE_TABLE),
	      "44-bit: IPA 8 TB is root (level 0) entry 16, a table");
	s2_destroy(&s);

	s2_init(&s, 1, 39, &tp.pool);
	CHECK(s2_map(&s, 511 * SZ_1G, 0, SZ_1G, S2_ATTRS_RAM) == 0 &&
	      raw_is(s.root[0].desc[511], S2_PTE_TYPE_BLOCK),
	      "39-bit: IPA 511 GB is a 1 GB block in root entry 511");
	s2_destroy(&s);

	s2_init(&s, 1, 32, &tp.pool);
	/* 32 bits: start level 2, 4 concatenated tables; no 1 GB blocks exist. */
	CHECK(s2_map(&s, 3 * SZ_1G, 3 * SZ_1G, SZ_1G, S2_ATTRS_RAM) == 0 &&
	      raw_is(s.root[3].desc[0], S2_PTE_TYPE_BLOCK) && raw_is(s.root[3].desc[511], S2_PTE_TYPE_BLOCK),
	      "32-bit: 1 GB at 3 GB is 512 x 2 MB in the fourth root table");
	s2_destroy(&s);
	CHECK(s2_pool_free_pages(&tp.pool) == 64, "root layout tests return every page");
	test_pool_free(&tp);
}

int main(void)
{
	uint64_t seed = test_seed(UINT64_C(0x5eed2024));
	static const unsigned int sizes[] = { 39, 40, 44, 48, 35, 32 };

	test_hand_layouts();
	test_root_layout();
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		run_random(sizes[i], seed, sizes[i] <= 35 ? 300 : 2000);
	return unit_done();
}
