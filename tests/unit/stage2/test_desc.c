/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Whole stage-2 descriptors against constants derived by hand from the
 * Arm ARM (DDI 0487) D8 field positions, not from stage2_desc.h: a macro
 * that names the wrong bit (e.g. S2AP_R and S2AP_W swapped) fails here,
 * where tests built from the same macros would agree with it.
 *
 * Leaf descriptor, 4 KB granule, HCR_EL2.FWB == 0:
 *   [1:0]   0b11 page (level 3), 0b01 block (levels 1-2)
 *   [5:2]   MemAttr[3:0]: Normal outer WB / inner WB 0b1111 (0x3c),
 *           Normal outer NC / inner NC 0b0101 (0x14),
 *           Device-nGnRE 0b0001 (0x04), Device-nGnRnE 0b0000
 *   [7:6]   S2AP[1:0]: 0b01 read-only (0x40), 0b10 write-only (0x80),
 *           0b11 read/write (0xc0)
 *   [9:8]   SH[1:0] 0b11 Inner Shareable (0x300)
 *   [10]    AF (0x400)
 *   [47:12] output address
 *   [54:53] XN[1:0] 0b10 execute-never at EL1 and EL0 (0x0040000000000000)
 * Table descriptor: [1:0] 0b11, [47:12] the next table, nothing else (its
 * [63:59] are RES0 at stage 2).
 */
#include <inttypes.h>

#include <monadic/mm/stage2.h>

#include "unit.h"
#include "fake_tlb.h"
#include "s2_test.h"

struct hand_leaf {
	const char *what;
	uint64_t ipa, pa, size;
	s2_attr_t attrs;
	uint64_t want;  /* the whole descriptor */
};

static const struct hand_leaf leaves[] = {
	/* 0x80001000 | AF 0x400 | SH 0x300 | S2AP RW 0xc0 | WB 0x3c | page 0x3 */
	{ "RAM page RWX", 0x40001000, 0x80001000, SZ_4K, S2_ATTRS_RAM,
	  UINT64_C(0x00000000800017ff) },
	/* XN | 0x80200000 | 0x400 | 0x300 | RW 0xc0 | WB 0x3c | block 0x1 */
	{ "RAM 2 MB block RW-", 0x40200000, 0x80200000, SZ_2M, S2_ATTRS_RAM_NX,
	  UINT64_C(0x00400000802007fd) },
	/* 0x90000000 | 0x400 | 0x300 | RO 0x40 | WB 0x3c | page 0x3 */
	{ "ROM page R-X", 0x50000000, 0x90000000, SZ_4K, S2_ATTRS_ROM,
	  UINT64_C(0x000000009000077f) },
	/* XN | 0x09000000 | 0x400 | 0x300 | RW 0xc0 | nGnRE 0x04 | page 0x3 */
	{ "MMIO page RW-", 0x09000000, 0x09000000, SZ_4K, S2_ATTRS_MMIO,
	  UINT64_C(0x00400000090007c7) },
	/* XN | 0x09001000 | 0x400 | 0x300 | WO 0x80 | nGnRE 0x04 | page 0x3 */
	{ "Device page write-only", 0x09001000, 0x09001000, SZ_4K,
	  S2_ATTR_MEM_DEVICE_nGnRE | S2_ATTR_W, UINT64_C(0x0040000009001787) },
	/* XN | 0x09002000 | 0x400 | 0x300 | RO 0x40 | nGnRnE 0 | page 0x3 */
	{ "Device-nGnRnE page read-only", 0x09002000, 0x09002000, SZ_4K,
	  S2_ATTR_MEM_DEVICE_nGnRnE | S2_ATTR_R, UINT64_C(0x0040000009002743) },
	/* XN | 0xc0000000 | 0x400 | 0x300 | RW 0xc0 | NC 0x14 | block 0x1 */
	{ "Normal-NC 1 GB block RW-", 0xc0000000, 0xc0000000, SZ_1G,
	  S2_ATTR_MEM_NORMAL_NC | S2_ATTR_R | S2_ATTR_W, UINT64_C(0x00400000c00007d5) },
	/* 0x60000000 | 0x400 | 0x300 | no access | WB 0x3c | page 0x3 */
	{ "Normal page no access", 0x60000000, 0x60000000, SZ_4K, S2_ATTR_MEM_NORMAL | S2_ATTR_X,
	  UINT64_C(0x000000006000073f) },
};

#define N_LEAVES (sizeof(leaves) / sizeof(leaves[0]))

static void test_leaves(void)
{
	struct test_pool tp;
	struct s2_space s;

	test_pool_new(&tp, 32, 0);
	CHECK_INT(s2_init(&s, 1, 40, &tp.pool), 0, "s2_init 40-bit");
	for (size_t i = 0; i < N_LEAVES; i++) {
		const struct hand_leaf *h = &leaves[i];
		struct s2_leaf leaf = { 0 };
		uint64_t attr_bits = h->want & ~UINT64_C(0x0000fffffffff003);

		CHECK_INT(s2_map(&s, h->ipa, h->pa, h->size, h->attrs), 0, "map");
		CHECK_INT(s2_walk(&s, h->ipa, &leaf), 0, "walk");
		CHECK_HEX(leaf.desc, h->want, h->what);
		CHECK_HEX(s2_attr_to_desc(h->attrs), attr_bits, "s2_attr_to_desc: its attribute bits");
	}
	s2_destroy(&s);
	test_pool_free(&tp);
}

static void test_table_descriptor(void)
{
	struct test_pool tp;
	struct s2_space s;
	uint64_t d;

	test_pool_new(&tp, 8, 0);
	/* 40-bit IPA: start level 1, two concatenated root tables; IPA 0 is
	 * entry 0 of the first, which must point to a level-2 table. */
	CHECK_INT(s2_init(&s, 1, 40, &tp.pool), 0, "s2_init 40-bit");
	CHECK_INT(s2_map(&s, 0, 0x80000000, SZ_4K, S2_ATTRS_RAM), 0, "map one page");
	d = s.root->desc[0];
	CHECK(d != 0 && (d & ~UINT64_C(0x0000fffffffff000)) == 0x3,
	      "table descriptor 0x%016" PRIx64 ": only [1:0] = 0b11 and the address", d);
	s2_destroy(&s);
	test_pool_free(&tp);
}

int main(void)
{
	test_leaves();
	test_table_descriptor();
	return unit_done();
}
