/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Bad inputs are refused with the right code and change nothing; pool
 * exhaustion during s2_map is reported and rolled back.
 */
#include <inttypes.h>
#include <stdio.h>

#include <monadic/mm/stage2.h>

#include "unit.h"
#include "fake_tlb.h"
#include "s2_test.h"

struct map_case {
	const char *what;
	uint64_t ipa, pa, size;
	s2_attr_t attrs;
	int want;
};

static void test_bad_maps(void)
{
	const uint64_t top = UINT64_C(1) << 40;
	const struct map_case cases[] = {
		{ "unaligned IPA",  0x1000800, 0x80000000, SZ_4K, S2_ATTRS_RAM, -MHV_EINVAL },
		{ "unaligned PA",   0x1000000, 0x80000010, SZ_4K, S2_ATTRS_RAM, -MHV_EINVAL },
		{ "unaligned size", 0x1000000, 0x80000000, SZ_4K + 1, S2_ATTRS_RAM, -MHV_EINVAL },
		{ "size 0",         0x1000000, 0x80000000, 0, S2_ATTRS_RAM, -MHV_EINVAL },
		{ "IPA at 2^40",    top, 0x80000000, SZ_4K, S2_ATTRS_RAM, -MHV_ERANGE },
		{ "IPA range past 2^40", top - SZ_4K, 0x80000000, 2 * SZ_4K, S2_ATTRS_RAM, -MHV_ERANGE },
		{ "IPA range wraps 2^64", top - SZ_4K, 0, UINT64_MAX - SZ_4K + 1, S2_ATTRS_RAM, -MHV_ERANGE },
		{ "PA past 2^48",   0x1000000, UINT64_C(1) << 48, SZ_4K, S2_ATTRS_RAM, -MHV_ERANGE },
		{ "PA range past 2^48", 0x1000000, (UINT64_C(1) << 48) - SZ_4K, 2 * SZ_4K, S2_ATTRS_RAM, -MHV_ERANGE },
		{ "executable Device-nGnRE", 0x1000000, 0x9000000, SZ_4K,
		  S2_ATTR_MEM_DEVICE_nGnRE | S2_ATTR_R | S2_ATTR_X, -MHV_EINVAL },
		{ "executable Device-nGnRnE", 0x1000000, 0x9000000, SZ_4K,
		  S2_ATTR_MEM_DEVICE_nGnRnE | S2_ATTR_X, -MHV_EINVAL },
		{ "unknown memory type", 0x1000000, 0x9000000, SZ_4K, (5u << S2_ATTR_MEM_SHIFT) | S2_ATTR_R, -MHV_EINVAL },
		{ "unknown attribute bit", 0x1000000, 0x9000000, SZ_4K, S2_ATTRS_RAM | (1u << 3), -MHV_EINVAL },
		{ "high attribute bit", 0x1000000, 0x9000000, SZ_4K, S2_ATTRS_RAM | (1u << 31), -MHV_EINVAL },
		/* existing: [1 GB, 2 GB) block, [4 GB + 8 KB, +12 KB) pages */
		{ "overlap: same 1 GB", SZ_1G, 0, SZ_1G, S2_ATTRS_RAM, -MHV_EEXIST },
		{ "overlap: one page inside a block", SZ_1G + 5 * SZ_2M, 0, SZ_4K, S2_ATTRS_RAM, -MHV_EEXIST },
		{ "overlap: last page of a block", 2 * SZ_1G - SZ_4K, 0, SZ_2M, S2_ATTRS_RAM, -MHV_EEXIST },
		{ "overlap: range containing pages", 4 * SZ_1G, 0, SZ_2M, S2_ATTRS_RAM, -MHV_EEXIST },
		{ "overlap: last page of range", 4 * SZ_1G + SZ_4K, 0, 2 * SZ_4K, S2_ATTRS_RAM, -MHV_EEXIST },
		{ "overlap: spanning both", 0, 0, 8 * SZ_1G, S2_ATTRS_RAM, -MHV_EEXIST },
	};
	struct test_pool tp;
	struct s2_space s;
	struct scan before, after;
	size_t free0, calls0;

	test_pool_new(&tp, 32, 0);
	s2_init(&s, 1, 40, &tp.pool);
	s2_map(&s, SZ_1G, 5 * SZ_1G, SZ_1G, S2_ATTRS_RAM);
	s2_map(&s, 4 * SZ_1G + 2 * SZ_4K, 0x70000000, 3 * SZ_4K, S2_ATTRS_MMIO);
	scan_space(&s, &before);
	free0 = s2_pool_free_pages(&tp.pool);
	fake_tlb_reset();
	calls0 = fake_tlb.n;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int err = s2_map(&s, cases[i].ipa, cases[i].pa, cases[i].size, cases[i].attrs);

		CHECK(err == cases[i].want, "s2_map %s -> %d (want %d)", cases[i].what, err, cases[i].want);
	}
	scan_space(&s, &after);
	CHECK(after.leaves[1] == before.leaves[1] && after.leaves[3] == before.leaves[3] &&
	      after.tables == before.tables && s2_pool_free_pages(&tp.pool) == free0 &&
	      fake_tlb.n == calls0,
	      "refused maps changed no descriptor, no table, no TLB");
	CHECK(s2_map(&s, SZ_1G - SZ_4K, 0, SZ_4K, S2_ATTRS_RAM) == 0 &&
	      s2_map(&s, 2 * SZ_1G, 0, SZ_4K, S2_ATTRS_RAM) == 0 &&
	      s2_map(&s, 4 * SZ_1G + SZ_4K, 0, SZ_4K, S2_ATTRS_RAM) == 0 &&
	      s2_map(&s, 4 * SZ_1G + 5 * SZ_4K, 0, SZ_4K, S2_ATTRS_RAM) == 0,
	      "pages touching existing ranges on either side are accepted");
	CHECK(s2_map(&s, 8 * SZ_1G, 0, SZ_4K, S2_ATTR_MEM_DEVICE_nGnRE) == 0 &&
	      s2_map(&s, 8 * SZ_1G + SZ_4K, 0, SZ_4K, S2_ATTR_MEM_NORMAL_NC | S2_ATTR_W) == 0,
	      "no-access Device and write-only Normal-NC are valid");

	CHECK(s2_unmap(&s, SZ_1G + 1, SZ_4K) == -MHV_EINVAL, "s2_unmap unaligned IPA -> -MHV_EINVAL");
	CHECK(s2_unmap(&s, SZ_1G, 100) == -MHV_EINVAL, "s2_unmap unaligned size -> -MHV_EINVAL");
	CHECK(s2_unmap(&s, SZ_1G, 0) == -MHV_EINVAL, "s2_unmap size 0 -> -MHV_EINVAL");
	CHECK(s2_unmap(&s, UINT64_C(1) << 40, SZ_4K) == -MHV_ERANGE, "s2_unmap beyond IPA -> -MHV_ERANGE");
	CHECK(s2_unmap(&s, SZ_1G, UINT64_MAX - SZ_4K + 1) == -MHV_ERANGE, "s2_unmap wrapping -> -MHV_ERANGE");
	CHECK(s2_translate(&s, UINT64_MAX, NULL, NULL) == -MHV_ERANGE, "s2_translate 2^64-1 -> -MHV_ERANGE");
	CHECK(s2_translate(&s, 3 * SZ_1G, NULL, NULL) == -MHV_ENOENT, "s2_translate unmapped -> -MHV_ENOENT");
	s2_destroy(&s);

	CHECK(s2_map(&s, 0, 0, SZ_4K, S2_ATTRS_RAM) == -MHV_EINVAL, "s2_map on a destroyed space -> -MHV_EINVAL");
	CHECK(s2_map(NULL, 0, 0, SZ_4K, S2_ATTRS_RAM) == -MHV_EINVAL, "s2_map NULL space -> -MHV_EINVAL");
	CHECK(s2_unmap(NULL, 0, SZ_4K) == -MHV_EINVAL, "s2_unmap NULL space -> -MHV_EINVAL");
	CHECK(s2_translate(NULL, 0, NULL, NULL) == -MHV_EINVAL, "s2_translate NULL space -> -MHV_EINVAL");
	CHECK(s2_for_each_leaf(&s, NULL, NULL) == -MHV_EINVAL, "s2_for_each_leaf NULL fn -> -MHV_EINVAL");
	CHECK(s2_vttbr(NULL) == 0, "s2_vttbr NULL -> 0");
	s2_destroy(NULL);
	test_pool_free(&tp);
}

static void test_bad_init(void)
{
	struct test_pool tp;
	struct s2_pool pool;
	struct s2_space s;

	test_pool_new(&tp, 4, 0);
	CHECK(s2_init(&s, 1, 31, &tp.pool) == -MHV_EINVAL, "s2_init 31-bit IPA -> -MHV_EINVAL");
	CHECK(s2_init(&s, 1, 49, &tp.pool) == -MHV_EINVAL, "s2_init 49-bit IPA -> -MHV_EINVAL");
	CHECK(s2_init(&s, 1, 40, NULL) == -MHV_EINVAL, "s2_init NULL pool -> -MHV_EINVAL");
	CHECK(s2_init(NULL, 1, 40, &tp.pool) == -MHV_EINVAL, "s2_init NULL space -> -MHV_EINVAL");
	CHECK(s2_init(&s, 1, 43, &tp.pool) == -MHV_ENOMEM && !s.ready,
	      "s2_init 43-bit (16 root tables) from a 4-page pool -> -MHV_ENOMEM");
	CHECK(s2_pool_init(&pool, (s2_table_t *)((char *)tp.pages + 8), 2) == -MHV_EINVAL,
	      "s2_pool_init misaligned pages -> -MHV_EINVAL");
	CHECK(s2_pool_init(&pool, tp.pages, 0) == -MHV_EINVAL, "s2_pool_init 0 pages -> -MHV_EINVAL");
	CHECK(s2_pool_init(NULL, tp.pages, 1) == -MHV_EINVAL, "s2_pool_init NULL -> -MHV_EINVAL");
	test_pool_free(&tp);
}

/* s2_map runs out of tables half-way: -MHV_ENOMEM and nothing of it stays. */
static void test_map_enomem(unsigned int bits)
{
	struct test_pool tp;
	struct s2_space s;
	struct scan before, after;
	size_t free0;
	unsigned int tables;
	const uint64_t ipa = 16 * SZ_1G, pa = 0x8000000000 + SZ_4K;  /* 4 KB-congruent only */
	uint64_t faults = 0;

	s2_geometry(bits, NULL, &tables);
	test_pool_new(&tp, tables + 8, 0);
	s2_init(&s, 1, bits, &tp.pool);
	s2_map(&s, SZ_1G, SZ_1G, SZ_2M + SZ_4K, S2_ATTRS_RAM);   /* something that must survive */
	scan_space(&s, &before);
	free0 = s2_pool_free_pages(&tp.pool);
	fake_tlb_reset();
	/* 64 MB of pages needs 32 level-3 tables: far more than the pool has. */
	CHECK(s2_map(&s, ipa, pa, 64 * SZ_2M, S2_ATTRS_RAM) == -MHV_ENOMEM,
	      "%u-bit: mapping past the pool's capacity -> -MHV_ENOMEM", bits);
	scan_space(&s, &after);
	for (uint64_t off = 0; off < 64 * SZ_2M; off += SZ_4K)
		faults += s2_translate(&s, ipa + off, NULL, NULL) == -MHV_ENOENT;
	CHECK(faults == 64 * SZ_2M / SZ_4K, "%u-bit: every page of the failed range faults", bits);
	CHECK(after.leaves[2] == before.leaves[2] && after.leaves[3] == before.leaves[3] &&
	      after.tables == before.tables && after.bad == 0 && scan_leaked(&s, &after) == 0 &&
	      s2_pool_free_pages(&tp.pool) == free0,
	      "%u-bit: rolled back: same descriptors, tables and free pages (%zu)", bits, free0);
	CHECK(fake_tlb.vmid_flushes + fake_tlb.ipa_flushes > 0,
	      "%u-bit: the rollback flushed the TLBs", bits);
	CHECK(s2_map(&s, ipa, pa, 4 * SZ_2M, S2_ATTRS_RAM) == 0,
	      "%u-bit: a map that fits still works afterwards", bits);
	s2_destroy(&s);
	CHECK(s2_pool_free_pages(&tp.pool) == tables + 8, "%u-bit: destroy returns every page", bits);
	test_pool_free(&tp);
}

int main(void)
{
	test_bad_maps();
	test_bad_init();
	test_map_enomem(39);
	test_map_enomem(40);
	test_map_enomem(44);
	test_map_enomem(48);
	return unit_done();
}
