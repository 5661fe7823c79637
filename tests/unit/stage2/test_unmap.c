/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * s2_unmap: block splitting, break-before-make, TLB flushes, table
 * freeing, remapping, and running out of tables in the middle of a split.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include <monadic/mm/stage2.h>

#include "unit.h"
#include "fake_tlb.h"
#include "s2_test.h"

static const struct s2_space *watched;
static unsigned long bbm_flushes, bbm_violations;

/* At every IPA flush the flushed IPA must already be unmapped (BBM). */
static void bbm_hook(const struct fake_call *call)
{
	if (call->op != FAKE_FLUSH_IPA || watched == NULL)
		return;
	bbm_flushes++;
	if (call->vttbr != s2_vttbr(watched) ||
	    s2_translate(watched, call->ipa, NULL, NULL) != -MHV_ENOENT)
		bbm_violations++;
}

static void watch(const struct s2_space *s)
{
	fake_tlb_reset();
	watched = s;
	bbm_flushes = bbm_violations = 0;
	fake_tlb.hook = bbm_hook;
}

/* Pages of [ipa, ipa+size) with a stride: mapped to pa + off, or faulting. */
static uint64_t bad_pages(const struct s2_space *s, uint64_t ipa, uint64_t size,
			  uint64_t pa, bool mapped, uint64_t stride)
{
	uint64_t bad = 0;

	for (uint64_t off = 0; off < size; off += stride) {
		uint64_t out = 0;
		int err = s2_translate(s, ipa + off, &out, NULL);

		if (mapped ? (err != 0 || out != pa + off) : err != -MHV_ENOENT)
			bad++;
	}
	return bad;
}

struct leaf_list { struct s2_leaf leaf[4096]; size_t n; };

static int collect(void *ctx, const struct s2_leaf *leaf)
{
	struct leaf_list *l = ctx;

	if (l->n < sizeof(l->leaf) / sizeof(l->leaf[0]))
		l->leaf[l->n++] = *leaf;
	return 0;
}

/* Every leaf mapped in [ipa, ipa+size) before the unmap got a flush. */
static size_t unflushed(const struct s2_space *s, const struct leaf_list *before,
			uint64_t ipa, uint64_t size, size_t from)
{
	size_t missing = 0;

	for (size_t i = 0; i < before->n; i++) {
		const struct s2_leaf *l = &before->leaf[i];

		if (l->ipa + l->size <= ipa || l->ipa >= ipa + size)
			continue;
		if (!fake_tlb_covers(from, s2_vttbr(s), l->ipa, l->size))
			missing++;
	}
	return missing;
}

static void test_split_page_from_1g(unsigned int bits)
{
	static struct leaf_list before;
	struct test_pool tp;
	struct s2_space s;
	struct scan scan;
	const uint64_t ipa = 4 * SZ_1G, pa = 9 * SZ_1G, hole = ipa + 3 * SZ_2M + 2 * SZ_4K;
	size_t free0;
	s2_attr_t attrs = 0;
	uint64_t out;

	test_pool_new(&tp, 32, 0);
	s2_init(&s, 9, bits, &tp.pool);
	s2_map(&s, ipa, pa, SZ_1G, S2_ATTRS_RAM_NX);
	free0 = s2_pool_free_pages(&tp.pool);
	before.n = 0;
	s2_for_each_leaf(&s, collect, &before);
	watch(&s);
	CHECK(s2_unmap(&s, hole, SZ_4K) == 0, "%u-bit: unmap one page inside a 1 GB block", bits);
	scan_space(&s, &scan);
	CHECK(scan.leaves[1] == 0 && scan.leaves[2] == 511 && scan.leaves[3] == 511,
	      "%u-bit: 1 GB split into 511 x 2 MB + 511 x 4 KB (L1 %" PRIu64 " L2 %" PRIu64 " L3 %" PRIu64 ")",
	      bits, scan.leaves[1], scan.leaves[2], scan.leaves[3]);
	CHECK(s2_pool_free_pages(&tp.pool) == free0 - 2 && scan_leaked(&s, &scan) == 0,
	      "%u-bit: the split used exactly 2 tables", bits);
	CHECK(s2_translate(&s, hole, NULL, NULL) == -MHV_ENOENT &&
	      s2_translate(&s, hole + SZ_4K - 1, NULL, NULL) == -MHV_ENOENT,
	      "%u-bit: the unmapped page faults", bits);
	CHECK(bad_pages(&s, ipa, hole - ipa, pa, true, SZ_4K) == 0 &&
	      bad_pages(&s, hole + SZ_4K, ipa + SZ_1G - hole - SZ_4K, pa + (hole + SZ_4K - ipa), true, SZ_4K) == 0,
	      "%u-bit: all other 262143 pages still map to the same PA", bits);
	CHECK(s2_translate(&s, hole + SZ_4K, &out, &attrs) == 0 && attrs == S2_ATTRS_RAM_NX &&
	      s2_translate(&s, ipa + 400 * SZ_2M, &out, &attrs) == 0 && attrs == S2_ATTRS_RAM_NX,
	      "%u-bit: split entries keep the attributes", bits);
	CHECK(unflushed(&s, &before, hole, SZ_4K, 0) == 0 && fake_tlb.ipa_flushes == 3,
	      "%u-bit: flushes: 1 GB block, 2 MB block, the page (%zu IPA flushes)",
	      bits, fake_tlb.ipa_flushes);
	CHECK(bbm_flushes == 3 && bbm_violations == 0,
	      "%u-bit: break-before-make: every flushed IPA was unmapped at flush time", bits);
	s2_destroy(&s);
	CHECK(s2_pool_free_pages(&tp.pool) == 32, "%u-bit: destroy returns every page", bits);
	test_pool_free(&tp);
}

static void test_split_2m_only(void)
{
	struct test_pool tp;
	struct s2_space s;
	struct scan scan;
	const uint64_t ipa = SZ_1G, pa = 2 * SZ_1G;

	test_pool_new(&tp, 32, 0);
	s2_init(&s, 9, 40, &tp.pool);
	s2_map(&s, ipa, pa, SZ_1G, S2_ATTRS_RAM);
	watch(&s);
	CHECK(s2_unmap(&s, ipa + 10 * SZ_2M, 2 * SZ_2M) == 0, "unmap 4 MB (2 MB-aligned) inside 1 GB");
	scan_space(&s, &scan);
	CHECK(scan.leaves[1] == 0 && scan.leaves[2] == 510 && scan.leaves[3] == 0 && scan.tables == 1,
	      "2 MB-aligned unmap splits only to level 2: 510 x 2 MB, 1 table");
	CHECK(bad_pages(&s, ipa + 10 * SZ_2M, 2 * SZ_2M, 0, false, SZ_4K) == 0 &&
	      bad_pages(&s, ipa, 10 * SZ_2M, pa, true, SZ_4K) == 0 &&
	      bad_pages(&s, ipa + 12 * SZ_2M, SZ_1G - 12 * SZ_2M, pa + 12 * SZ_2M, true, SZ_4K) == 0,
	      "hole faults, the rest maps (every page)");
	CHECK(bbm_violations == 0, "break-before-make held");
	s2_destroy(&s);
	test_pool_free(&tp);
}

static void test_straddle_two_blocks(void)
{
	static struct leaf_list before;
	struct test_pool tp;
	struct s2_space s;
	struct scan scan;
	const uint64_t ipa = SZ_1G, pa = 6 * SZ_1G;
	const uint64_t u = 2 * SZ_1G - SZ_2M - SZ_4K, usz = SZ_2M + 2 * SZ_4K;

	test_pool_new(&tp, 32, 0);
	s2_init(&s, 4, 48, &tp.pool);
	s2_map(&s, ipa, pa, 2 * SZ_1G, S2_ATTRS_RAM);
	before.n = 0;
	s2_for_each_leaf(&s, collect, &before);
	watch(&s);
	CHECK(s2_unmap(&s, u, usz) == 0, "48-bit: unmap straddling two 1 GB blocks");
	scan_space(&s, &scan);
	/* first block: 510 x 2M + 511 x 4K; second: 511 x 2M + 511 x 4K */
	CHECK(scan.leaves[1] == 0 && scan.leaves[2] == 510 + 511 && scan.leaves[3] == 511 + 511,
	      "48-bit: both ends split (L2 %" PRIu64 ", L3 %" PRIu64 ")", scan.leaves[2], scan.leaves[3]);
	CHECK(bad_pages(&s, u, usz, 0, false, SZ_4K) == 0 &&
	      bad_pages(&s, ipa, u - ipa, pa, true, SZ_4K) == 0 &&
	      bad_pages(&s, u + usz, ipa + 2 * SZ_1G - u - usz, pa + (u + usz - ipa), true, SZ_4K) == 0,
	      "48-bit: the range faults, every other page maps");
	CHECK(unflushed(&s, &before, u, usz, 0) == 0 && bbm_violations == 0,
	      "48-bit: both blocks flushed, break-before-make held");
	s2_destroy(&s);
	test_pool_free(&tp);
}

static void test_unmap_all_and_hole(void)
{
	struct test_pool tp;
	struct s2_space s;
	struct scan scan;
	size_t free0;

	test_pool_new(&tp, 64, 0);
	s2_init(&s, 2, 40, &tp.pool);
	free0 = s2_pool_free_pages(&tp.pool);
	s2_map(&s, SZ_1G - 5 * SZ_4K, 3 * SZ_1G - 5 * SZ_4K, SZ_1G + SZ_2M + 9 * SZ_4K, S2_ATTRS_RAM);
	s2_map(&s, 600 * SZ_1G + 3 * SZ_4K, 8 * SZ_1G, 40 * SZ_4K, S2_ATTRS_MMIO);
	watch(&s);
	CHECK(s2_unmap(&s, 700 * SZ_1G, SZ_1G) == 0 && fake_tlb.n == 0,
	      "unmap of a hole succeeds and touches nothing (no flush)");
	CHECK(s2_unmap(&s, 0, UINT64_C(1) << 40) == 0, "unmap of the whole 40-bit space");
	scan_space(&s, &scan);
	CHECK(scan.tables == 0 && scan.leaves[1] + scan.leaves[2] + scan.leaves[3] == 0 &&
	      s2_pool_free_pages(&tp.pool) == free0,
	      "every table freed: pool back to %zu free pages", free0);
	CHECK(fake_tlb.vmid_flushes == 1 && bbm_violations == 0,
	      "many removed entries: one VMID-wide flush instead (%zu)", fake_tlb.vmid_flushes);
	CHECK(fake_tlb_first_flush(0) < fake_tlb.n, "the flush was recorded");
	s2_destroy(&s);
	test_pool_free(&tp);
}

static void test_remap(void)
{
	static struct leaf_list before;
	struct test_pool tp;
	struct s2_space s;
	const uint64_t ipa = 0x40000000, size = 3 * SZ_4K;
	uint64_t out = 0;
	size_t after_unmap;
	int err;

	test_pool_new(&tp, 16, 0);
	s2_init(&s, 5, 39, &tp.pool);
	s2_map(&s, ipa, 0x80000000, size, S2_ATTRS_RAM);
	before.n = 0;
	s2_for_each_leaf(&s, collect, &before);
	watch(&s);
	CHECK(s2_map(&s, ipa, 0x90000000, size, S2_ATTRS_RAM) == -MHV_EEXIST,
	      "remap without unmap is refused");
	err = s2_unmap(&s, ipa, size);
	CHECK(err == 0 && unflushed(&s, &before, ipa, size, 0) == 0,
	      "unmap flushed each of the 3 pages (%zu IPA flushes)", fake_tlb.ipa_flushes);
	after_unmap = fake_tlb.n;
	CHECK(s2_map(&s, ipa, 0x90000000, size, S2_ATTRS_RAM_NX) == 0 &&
	      s2_translate(&s, ipa + SZ_4K + 12, &out, NULL) == 0 && out == 0x90000000 + SZ_4K + 12,
	      "remap after unmap maps the new PA");
	CHECK(fake_tlb_first_flush(0) < after_unmap &&
	      fake_tlb_first_flush(after_unmap) == fake_tlb.n,
	      "the flushes came between unmap and remap; the remap itself flushed nothing");
	s2_destroy(&s);
	test_pool_free(&tp);
}

static void test_split_enomem(void)
{
	struct test_pool tp;
	struct s2_space s;
	struct scan scan;
	const uint64_t ipa = 2 * SZ_1G, pa = 4 * SZ_1G, hole = ipa + 5 * SZ_2M + SZ_4K;

	/* 39 bits: 1 root table; the 1 GB block needs no table. */
	test_pool_new(&tp, 1, 0);
	s2_init(&s, 6, 39, &tp.pool);
	CHECK(s2_map(&s, ipa, pa, SZ_1G, S2_ATTRS_RAM) == 0 && s2_pool_free_pages(&tp.pool) == 0,
	      "1 GB block with an exhausted pool");
	watch(&s);
	CHECK(s2_unmap(&s, hole, SZ_4K) == -MHV_ENOMEM, "split without tables: -MHV_ENOMEM");
	CHECK(bad_pages(&s, ipa, SZ_1G, pa, true, SZ_4K) == 0 && fake_tlb.n == 0,
	      "nothing unmapped, nothing touched");
	s2_destroy(&s);
	test_pool_free(&tp);

	/* One spare table: the 1 GB split works, the 2 MB split does not. */
	test_pool_new(&tp, 2, 0);
	s2_init(&s, 6, 39, &tp.pool);
	s2_map(&s, ipa, pa, SZ_1G, S2_ATTRS_RAM);
	watch(&s);
	CHECK(s2_unmap(&s, hole, SZ_4K) == -MHV_ENOMEM, "half-possible split: -MHV_ENOMEM");
	scan_space(&s, &scan);
	CHECK(scan.leaves[2] == 512 && scan.leaves[3] == 0 && scan.bad == 0,
	      "the 1 GB block is now 512 x 2 MB (a refinement)");
	CHECK(bad_pages(&s, ipa, SZ_1G, pa, true, SZ_4K) == 0 && bbm_violations == 0,
	      "every page still maps to the same PA");
	s2_destroy(&s);
	test_pool_free(&tp);
}

int main(void)
{
	test_split_page_from_1g(39);
	test_split_page_from_1g(40);
	test_split_page_from_1g(44);
	test_split_page_from_1g(48);
	test_split_2m_only();
	test_straddle_two_blocks();
	test_unmap_all_and_hole();
	test_remap();
	test_split_enomem();
	return unit_done();
}
