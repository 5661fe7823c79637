/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Geometry, VTCR_EL2 and VTTBR_EL2 values.
 *
 * Expected register values are assembled here from the named fields, and
 * a few are also checked against constants derived by hand from the Arm ARM
 * VTCR_EL2 description:
 *
 *   40-bit IPA, 40-bit PA, 8-bit VMID:
 *     T0SZ  = 64 - 40 = 24        -> bits [5:0]   = 0b011000       0x18
 *     SL0   = 1 (start level 1)   -> bits [7:6]   = 0b01           0x40
 *     IRGN0 = ORGN0 = 1 (WBWA)    -> bits [11:8]  = 0b0101        0x500
 *     SH0   = 3 (Inner)           -> bits [13:12] = 0b11         0x3000
 *     TG0   = 0 (4 KB)            -> bits [15:14] = 0b00
 *     PS    = 2 (40 bits)         -> bits [18:16] = 0b010       0x20000
 *     RES1 bit 31                                            0x80000000
 *     total                                                  0x80023558
 *   (the same 0x23558 the original Monadic boot.S wrote, plus RES1).
 *   48-bit IPA, 48-bit PA, 16-bit VMID: T0SZ 16 (0x10), SL0 2 (0x80),
 *     0x3500, PS 5 (0x50000), VS (0x80000), RES1         -> 0x800D3590
 *   39-bit IPA, 40-bit PA: T0SZ 25 (0x19), SL0 1 (0x40)  -> 0x80023559
 *   44-bit IPA, 44-bit PA: T0SZ 20 (0x14), SL0 2 (0x80), PS 4 -> 0x80043594
 */
#include <inttypes.h>
#include <stdio.h>

#include <monadic/mm/stage2.h>
#include <monadic/mm/stage2_regs.h>

#include "unit.h"
#include "fake_tlb.h"
#include "s2_test.h"

struct geo { unsigned int bits, level, tables; };

/* Hand-derived: fewest levels, up to 16 concatenated root tables. */
static const struct geo geos[] = {
	{ 32, 2, 4 }, { 33, 2, 8 }, { 34, 2, 16 },
	{ 35, 1, 1 }, { 36, 1, 1 }, { 38, 1, 1 }, { 39, 1, 1 },
	{ 40, 1, 2 }, { 41, 1, 4 }, { 42, 1, 8 }, { 43, 1, 16 },
	{ 44, 0, 1 }, { 45, 0, 1 }, { 47, 0, 1 }, { 48, 0, 1 },
};

static void test_geometry(void)
{
	for (size_t i = 0; i < sizeof(geos) / sizeof(geos[0]); i++) {
		unsigned int level = 99, tables = 99;
		int err = s2_geometry(geos[i].bits, &level, &tables);

		CHECK(err == 0 && level == geos[i].level && tables == geos[i].tables,
		      "geometry %u-bit IPA: start level %u (want %u), %u root tables (want %u)",
		      geos[i].bits, level, geos[i].level, tables, geos[i].tables);
	}
	CHECK(s2_geometry(31, NULL, NULL) == -MHV_EINVAL, "geometry 31-bit IPA refused");
	CHECK(s2_geometry(49, NULL, NULL) == -MHV_EINVAL, "geometry 49-bit IPA refused");
}

static uint64_t field(uint64_t v, uint64_t mask, unsigned int shift)
{
	return (v & mask) >> shift;
}

static void test_vtcr_fields(unsigned int ipa, unsigned int pa, bool vs,
			     uint64_t ps_want, unsigned int sl0_want)
{
	uint64_t v = 0;
	int err = s2_vtcr(ipa, pa, vs, &v);

	CHECK(err == 0 &&
	      field(v, VTCR_EL2_T0SZ_MASK, VTCR_EL2_T0SZ_SHIFT) == 64u - ipa &&
	      field(v, VTCR_EL2_SL0_MASK, VTCR_EL2_SL0_SHIFT) == sl0_want &&
	      field(v, VTCR_EL2_IRGN0_MASK, VTCR_EL2_IRGN0_SHIFT) == VTCR_EL2_RGN_WBWA &&
	      field(v, VTCR_EL2_ORGN0_MASK, VTCR_EL2_ORGN0_SHIFT) == VTCR_EL2_RGN_WBWA &&
	      field(v, VTCR_EL2_SH0_MASK, VTCR_EL2_SH0_SHIFT) == VTCR_EL2_SH_INNER &&
	      field(v, VTCR_EL2_TG0_MASK, VTCR_EL2_TG0_SHIFT) == VTCR_EL2_TG0_4K &&
	      field(v, VTCR_EL2_PS_MASK, VTCR_EL2_PS_SHIFT) == ps_want &&
	      ((v & VTCR_EL2_VS) != 0) == vs && (v & VTCR_EL2_RES1) != 0,
	      "VTCR_EL2 fields ipa=%u pa=%u vs=%d: 0x%" PRIx64, ipa, pa, vs, v);
}

static void test_vtcr(void)
{
	static const struct { unsigned int ipa, pa; bool vs; uint64_t want; } hand[] = {
		{ 40, 40, false, UINT64_C(0x80023558) },
		{ 48, 48, true,  UINT64_C(0x800D3590) },
		{ 39, 40, false, UINT64_C(0x80023559) },
		{ 44, 44, false, UINT64_C(0x80043594) },
	};
	uint64_t v;

	test_vtcr_fields(40, 40, false, VTCR_EL2_PS_40, 1);
	test_vtcr_fields(39, 48, false, VTCR_EL2_PS_48, 1);
	test_vtcr_fields(44, 48, true, VTCR_EL2_PS_48, 2);
	test_vtcr_fields(48, 48, true, VTCR_EL2_PS_48, 2);
	test_vtcr_fields(32, 32, false, VTCR_EL2_PS_32, 0);
	test_vtcr_fields(36, 36, false, VTCR_EL2_PS_36, 1);
	test_vtcr_fields(42, 42, false, VTCR_EL2_PS_42, 1);
	for (size_t i = 0; i < sizeof(hand) / sizeof(hand[0]); i++) {
		v = 0;
		CHECK(s2_vtcr(hand[i].ipa, hand[i].pa, hand[i].vs, &v) == 0 && v == hand[i].want,
		      "VTCR_EL2 ipa=%u pa=%u = 0x%" PRIx64 " (hand-derived 0x%" PRIx64 ")",
		      hand[i].ipa, hand[i].pa, v, hand[i].want);
	}
	CHECK(s2_vtcr(44, 40, false, &v) == -MHV_EINVAL, "VTCR_EL2 refuses IPA 44 > PA 40");
	CHECK(s2_vtcr(40, 39, false, &v) == -MHV_EINVAL, "VTCR_EL2 refuses PA 39 (no PS encoding)");
	CHECK(s2_vtcr(48, 52, false, &v) == -MHV_EINVAL, "VTCR_EL2 refuses PA 52 (needs LPA2)");
	CHECK(s2_vtcr(31, 32, false, &v) == -MHV_EINVAL, "VTCR_EL2 refuses IPA 31");
	CHECK(s2_vtcr(40, 40, false, NULL) == -MHV_EINVAL, "VTCR_EL2 refuses NULL output");
}

static void test_vttbr(unsigned int bits, unsigned int skew, uint16_t vmid)
{
	struct test_pool tp;
	struct s2_space s;
	unsigned int level, tables;
	uint64_t v, baddr, root_bytes;
	int err;

	test_pool_new(&tp, 32, skew);
	s2_geometry(bits, &level, &tables);
	err = s2_init(&s, vmid, bits, &tp.pool);
	v = s2_vttbr(&s);
	baddr = v & VTTBR_EL2_BADDR_MASK;
	root_bytes = (uint64_t)tables * SZ_4K;
	CHECK(err == 0 && s.start_level == level && s.root_tables == tables,
	      "s2_init %u-bit: level %u, %u root tables", bits, s.start_level, s.root_tables);
	CHECK(field(v, VTTBR_EL2_VMID_MASK, VTTBR_EL2_VMID_SHIFT) == vmid &&
	      baddr == (uint64_t)(uintptr_t)s.root && (v & VTTBR_EL2_CNP) == 0,
	      "VTTBR_EL2 %u-bit = 0x%" PRIx64 ": VMID %u, BADDR = root", bits, v, vmid);
	CHECK(baddr % root_bytes == 0,
	      "VTTBR_EL2 %u-bit BADDR 0x%" PRIx64 " aligned to the %" PRIu64 " KB root (pool skew %u)",
	      bits, baddr, root_bytes / 1024, skew);
	CHECK(s2_pool_free_pages(&tp.pool) == 32 - tables,
	      "pool after %u-bit root: %zu free", bits, s2_pool_free_pages(&tp.pool));
	s2_destroy(&s);
	CHECK(s2_pool_free_pages(&tp.pool) == 32 && s2_vttbr(&s) == 0,
	      "s2_destroy %u-bit returns every page", bits);
	test_pool_free(&tp);
}

int main(void)
{
	test_geometry();
	test_vtcr();
	test_vttbr(39, 0, 1);
	test_vttbr(40, 1, 0x5a);     /* odd skew: root must skip a page */
	test_vttbr(40, 0, 0xff);
	test_vttbr(43, 3, 0xbeef);   /* 16 tables, 64 KB-aligned */
	test_vttbr(44, 0, 7);
	test_vttbr(48, 5, 0xffff);
	test_vttbr(32, 2, 2);
	return unit_done();
}
