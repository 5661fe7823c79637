/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The stage-1 mirror of a stage-2 space, walked back with an independent
 * VMSAv8-64 stage-1 walker (4 KiB granule): every address translates to
 * the PA the stage 2 gives, with matching permissions and memory type,
 * unmapped addresses fault, and destroying returns every page.
 */
#include <monadic/errno.h>
#include <monadic/mm/stage2.h>

#include <stdio.h>

#include "smmu_s1.h"
#include "unit.h"

#define GIB (1ull << 30)
#define MIB (1ull << 20)
#define KIB (1ull << 10)

S2_POOL_DEFINE(s2_pages, 64);
S2_POOL_DEFINE(s1_pages, 32);

/* Stage-1 walk as an SMMU does it: -1 on a translation fault. */
static int s1_walk(const struct smmu_s1 *s1, uint64_t va, uint64_t *pa, uint64_t *desc)
{
	const uint64_t *t = s1->root->desc;

	if (va >> s1->ia_bits)
		return -1;
	for (unsigned int l = s1->start_level; l <= 3; l++) {
		unsigned int shift = 12 + 9 * (3 - l);
		uint64_t d = t[(va >> shift) & 511];

		if (!(d & S1_PTE_VALID))
			return -1;
		if (l < 3 && (d & S1_PTE_TABLE)) {
			t = (const uint64_t *)(uintptr_t)(d & S1_PTE_ADDR_MASK);
			continue;
		}
		if (l == 3 && !(d & S1_PTE_TABLE))
			return -1;   /* reserved at level 3 */
		if (l == 0)
			return -1;   /* no level-0 blocks with 4 KiB */
		*pa = (d & S1_PTE_ADDR_MASK & ~((1ull << shift) - 1)) | (va & ((1ull << shift) - 1));
		*desc = d;
		return 0;
	}
	return -1;
}

struct cmp_ctx {
	const struct smmu_s1 *s1;
	int mismatches;
	int leaves;
};

static int cmp_leaf(void *ctx, const struct s2_leaf *leaf)
{
	struct cmp_ctx *c = ctx;
	uint64_t probes[3] = { leaf->ipa, leaf->ipa + leaf->size / 2 + 8, leaf->ipa + leaf->size - 8 };

	c->leaves++;
	for (int i = 0; i < 3; i++) {
		uint64_t pa = 0, d = 0, want = leaf->pa + (probes[i] - leaf->ipa);

		if (!(leaf->attrs & (S2_ATTR_R | S2_ATTR_W))) {
			c->mismatches += s1_walk(c->s1, probes[i], &pa, &d) == 0;
			continue;
		}
		if (s1_walk(c->s1, probes[i], &pa, &d) != 0 || pa != want ||
		    !!(d & S1_PTE_AP_RO) != !(leaf->attrs & S2_ATTR_W) || !(d & S1_PTE_AF) ||
		    !(d & S1_PTE_UXN) || !(d & S1_PTE_PXN))
			c->mismatches++;
	}
	return 0;
}

static unsigned int attr_index(uint64_t d)
{
	return (unsigned int)SMMU_GET(S1_PTE_ATTRINDX_H, S1_PTE_ATTRINDX_L, d);
}

/*
 * Whole stage-1 leaf attributes against constants summed by hand from the
 * Arm ARM D8 stage-1 block/page descriptor fields, not from smmu_s1.h:
 *   AttrIndx[4:2] (MAIR index: 0 WB, 1 NC, 2 nGnRE, 3 nGnRnE),
 *   AP[2:1] at [7:6]: AP[1] (0x40) unprivileged access, AP[2] (0x80)
 *   read-only; SH[9:8] 0b11 (0x300); AF[10] (0x400); PXN[53]; UXN[54]
 *   (PXN | UXN = 0x0060000000000000).
 */
static void test_leaf_attrs(void)
{
	static const struct { const char *what; s2_attr_t attrs; uint64_t want; } hand[] = {
		{ "RAM RWX", S2_ATTRS_RAM, 0x0060000000000740ull },
		{ "ROM R-X", S2_ATTRS_ROM, 0x00600000000007c0ull },
		{ "MMIO RW", S2_ATTRS_MMIO, 0x0060000000000748ull },
		{ "Normal-NC RW", S2_ATTR_MEM_NORMAL_NC | S2_ATTR_R | S2_ATTR_W, 0x0060000000000744ull },
		{ "Device-nGnRnE R", S2_ATTR_MEM_DEVICE_nGnRnE | S2_ATTR_R, 0x00600000000007ccull },
	};

	for (size_t i = 0; i < sizeof(hand) / sizeof(hand[0]); i++)
		CHECK_HEX(smmu_s1_attrs(hand[i].attrs), hand[i].want, hand[i].what);
}

static void test_levels(void)
{
	CHECK_INT(smmu_s1_start_level(48), 0, "48-bit input: level 0");
	CHECK_INT(smmu_s1_start_level(40), 0, "40-bit input: level 0 (no concatenation at stage 1)");
	CHECK_INT(smmu_s1_start_level(39), 1, "39-bit input: level 1");
	CHECK_INT(smmu_s1_start_level(32), 1, "32-bit input: level 1");
	CHECK_INT(smmu_s1_start_level(30), 2, "30-bit input: level 2");
}

static void test_mirror(unsigned int ipa_bits)
{
	struct s2_pool s2pool;
	struct s2_space space;
	struct smmu_pt_pool pool;
	struct smmu_s1 s1 = { 0 };
	struct cmp_ctx ctx = { .s1 = &s1 };
	uint64_t pa, d;
	char what[96];

	s2_pool_init(&s2pool, s2_pages, 64);
	CHECK_INT(s2_init(&space, 3, ipa_bits, &s2pool), 0, "s2_init");
	/* RAM: 1 GiB block + 2 MiB block + pages (PA != IPA), a read-only
	 * page, MMIO (Device), a no-access page, and a hole. */
	CHECK_INT(s2_map(&space, 0x40000000ull, 0x80000000ull, GIB + 2 * MIB + 8 * KIB, S2_ATTRS_RAM), 0, "map RAM");
	CHECK_INT(s2_map(&space, 0x90000000ull, 0x11000000ull, 4 * KIB, S2_ATTR_MEM_NORMAL | S2_ATTR_R), 0, "map RO");
	CHECK_INT(s2_map(&space, 0x10000000ull, 0x10000000ull, 16 * KIB, S2_ATTRS_MMIO), 0, "map BAR");
	CHECK_INT(s2_map(&space, 0x91000000ull, 0x12000000ull, 4 * KIB, S2_ATTR_MEM_NORMAL), 0, "map no-access");

	smmu_pt_pool_init(&pool, s1_pages, 32);
	CHECK_INT(smmu_s1_mirror(&s1, &pool, &space), 0, "mirror");
	CHECK_INT(s1.ia_bits, ipa_bits, "mirror input size = IPA size");
	CHECK_INT(s2_for_each_leaf(&space, cmp_leaf, &ctx), 0, "walk stage 2");
	snprintf(what, sizeof(what), "%u-bit IPA: every stage-2 leaf translates the same at stage 1", ipa_bits);
	CHECK_INT(ctx.mismatches, 0, what);
	CHECK_INT(ctx.leaves >= 6, 1, "leaves compared");

	CHECK_INT(s1_walk(&s1, 0x40000000ull, &pa, &d), 0, "IPA 0x40000000");
	CHECK_INT(pa, 0x80000000ull, "-> PA 0x80000000 (translated, not identity)");
	/* PA 0x80000000 | the RAM RWX attributes above | 1 GiB block 0b01 */
	CHECK_HEX(d, 0x0060000080000741ull, "RAM 1 GiB block: whole descriptor");
	CHECK_INT(attr_index(d), S1_MAIR_NORMAL_WB, "RAM: Normal WB");
	CHECK_INT(s1_walk(&s1, 0x10000000ull + 0x1004, &pa, &d), 0, "BAR");
	CHECK_INT(attr_index(d), S1_MAIR_DEVICE_nGnRE, "BAR: Device-nGnRE");
	CHECK_INT(s1_walk(&s1, 0x90000000ull, &pa, &d) == 0 && (d & S1_PTE_AP_RO), 1, "RO page read-only");
	/* PA 0x11000000 | the ROM R-X attributes above without X | page 0b11 */
	CHECK_HEX(d, 0x00600000110007c3ull, "RO page: whole descriptor");
	CHECK_INT(s1_walk(&s1, 0x91000000ull, &pa, &d), -1, "no-access page not mirrored");
	CHECK_INT(s1_walk(&s1, 0x20000000ull, &pa, &d), -1, "hole faults");
	CHECK_INT(s1_walk(&s1, 0x40000000ull + GIB + 2 * MIB + 8 * KIB, &pa, &d), -1, "just past RAM faults");
	CHECK_INT(s1_walk(&s1, 1ull << ipa_bits, &pa, &d), -1, "beyond the input size faults");

	smmu_s1_destroy(&s1);
	CHECK_INT(smmu_pt_pool_free(&pool), 32, "destroy returns every page");
	s2_destroy(&space);
}

static void test_exhaustion(void)
{
	struct s2_pool s2pool;
	struct s2_space space;
	struct smmu_pt_pool pool;
	struct smmu_s1 s1 = { 0 };

	s2_pool_init(&s2pool, s2_pages, 64);
	s2_init(&space, 3, 40, &s2pool);
	/* Pages in two different 1 GiB regions need 1 + 1 + 2 + 2 tables. */
	s2_map(&space, 0x40000000ull, 0x80000000ull, 4 * KIB, S2_ATTRS_RAM);
	s2_map(&space, 0x80000000ull, 0x90000000ull, 4 * KIB, S2_ATTRS_RAM);
	smmu_pt_pool_init(&pool, s1_pages, 4);
	CHECK_INT(smmu_s1_mirror(&s1, &pool, &space), -MHV_ENOMEM, "4 pages are too few");
	CHECK_INT(smmu_pt_pool_free(&pool), 4, "failed mirror returned its pages");
	smmu_pt_pool_init(&pool, s1_pages, 6);
	CHECK_INT(smmu_s1_mirror(&s1, &pool, &space), 0, "6 pages suffice");
	CHECK_INT(smmu_pt_pool_free(&pool), 0, "all used");
	smmu_s1_destroy(&s1);
	s2_destroy(&space);
}

/* The MSI doorbell page added to a built mirror: only where nothing is
 * mapped, translated as Device-nGnRE RW, and released with the rest. */
static void test_map_page(void)
{
	struct s2_pool s2pool;
	struct s2_space space;
	struct smmu_pt_pool pool;
	struct smmu_s1 s1 = { 0 };
	uint64_t pa, d;

	s2_pool_init(&s2pool, s2_pages, 64);
	s2_init(&space, 3, 40, &s2pool);
	s2_map(&space, 0x40000000ull, 0x80000000ull, GIB + 4 * KIB, S2_ATTRS_RAM);
	smmu_pt_pool_init(&pool, s1_pages, 32);
	CHECK_INT(smmu_s1_mirror(&s1, &pool, &space), 0, "mirror");
	CHECK_INT(smmu_s1_map_page(&s1, 0x08090000ull, 0x08090000ull, S2_ATTRS_MMIO), 0,
		  "doorbell page in the hole");
	CHECK_INT(s1_walk(&s1, 0x08090040ull, &pa, &d), 0, "doorbell translates");
	CHECK_HEX(pa, 0x08090040ull, "doorbell -> GITS_TRANSLATER");
	/* PA 0x08090000 | the MMIO RW attributes above | page 0b11 */
	CHECK_HEX(d, 0x006000000809074bull, "doorbell: whole descriptor (Device-nGnRE, RW)");
	CHECK_INT(smmu_s1_map_page(&s1, 0x40001000ull, 0x08090000ull, S2_ATTRS_MMIO), -MHV_EEXIST,
		  "inside the 1 GiB RAM block: refused");
	CHECK_INT(smmu_s1_map_page(&s1, 0x80000000ull, 0x08090000ull, S2_ATTRS_MMIO), -MHV_EEXIST,
		  "over a RAM page: refused");
	CHECK_INT(s1_walk(&s1, 0x80000000ull, &pa, &d) == 0 && pa == 0xc0000000ull, 1,
		  "the RAM page is unchanged");
	CHECK_INT(smmu_s1_map_page(&s1, 0x08090040ull, 0x08090000ull, S2_ATTRS_MMIO), -MHV_EINVAL,
		  "unaligned IOVA refused");
	CHECK_INT(smmu_s1_map_page(&s1, 1ull << 40, 0x08090000ull, S2_ATTRS_MMIO), -MHV_EINVAL,
		  "IOVA beyond the input size refused");
	smmu_s1_destroy(&s1);
	CHECK_INT(smmu_pt_pool_free(&pool), 32, "destroy returns the doorbell's tables too");
	s2_destroy(&space);
}

int main(void)
{
	test_leaf_attrs();
	test_levels();
	test_mirror(40);
	test_mirror(39);
	test_mirror(44);
	test_mirror(32);
	test_exhaustion();
	test_map_page();
	return unit_done();
}
