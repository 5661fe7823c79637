/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * SMMUv3 structure encodings field by field (IHI 0070 5.2 STE, 5.4 CD,
 * 4 commands, 7.3 events), each value extracted back from its bit range,
 * and the whole words of STE and CD against constants summed by hand from
 * the spec's field positions (so two swapped field macros fail).
 */
#include <monadic/mm/stage2.h>

#include "smmu_enc.h"
#include "smmu_s1.h"
#include "unit.h"

#define F(w, h, l) SMMU_GET(h, l, w)

static void test_ste_s1(void)
{
	uint64_t ste[STE_DWORDS];

	for (int i = 0; i < STE_DWORDS; i++)
		ste[i] = ~0ull;   /* every word must be rewritten */
	smmu_ste_s1(ste, 0x12345fc0ull);
	CHECK_INT(ste[0] & 1, 1, "S1 STE: V");
	CHECK_INT(F(ste[0], 3, 1), 0x5, "S1 STE: Config = S1 translate, S2 bypass");
	CHECK_INT(F(ste[0], 5, 4), 0, "S1 STE: S1Fmt linear");
	CHECK_INT(F(ste[0], 51, 6) << 6, 0x12345fc0ull, "S1 STE: S1ContextPtr");
	CHECK_INT(F(ste[0], 63, 59), 0, "S1 STE: S1CDMax 0");
	CHECK_INT(F(ste[1], 3, 2), 1, "S1 STE: S1CIR WBWA");
	CHECK_INT(F(ste[1], 5, 4), 1, "S1 STE: S1COR WBWA");
	CHECK_INT(F(ste[1], 7, 6), 3, "S1 STE: S1CSH ISH");
	CHECK_INT(F(ste[1], 27, 27), 0, "S1 STE: S1STALLD 0 (QEMU refuses stalls)");
	CHECK_INT(F(ste[1], 31, 30), 0, "S1 STE: STRW NS-EL1");
	CHECK_INT(F(ste[1], 45, 44), 1, "S1 STE: SHCFG incoming");
	CHECK_INT(ste[2] | ste[3] | ste[4] | ste[5] | ste[6] | ste[7], 0, "S1 STE: words 2..7 zero");
	/* S1ContextPtr[51:6] 0x12345fc0 | Config[3:1] 0b101 (0xa) | V[0] */
	CHECK_HEX(ste[0], 0x0000000012345fcbull, "S1 STE: word 0 whole");
	/* SHCFG[45:44] 0b01 | STRW[31:30] 0 | S1CSH[7:6] 0b11 (0xc0) |
	 * S1COR[5:4] 0b01 (0x10) | S1CIR[3:2] 0b01 (0x4) */
	CHECK_HEX(ste[1], 0x00001000000000d4ull, "S1 STE: word 1 whole");
}

static void test_ste_s2(void)
{
	uint64_t ste[STE_DWORDS], vtcr;

	CHECK_INT(s2_vtcr(40, 44, false, &vtcr), 0, "vtcr 40/44");
	smmu_ste_s2(ste, 0x4a002000ull, 0x1234, vtcr, 4);
	CHECK_INT(F(ste[0], 3, 1), 0x6, "S2 STE: Config = S1 bypass, S2 translate");
	CHECK_INT(ste[0] & 1, 1, "S2 STE: V");
	CHECK_INT(F(ste[2], 15, 0), 0x1234, "S2 STE: S2VMID");
	CHECK_INT(F(ste[2], 37, 32), 24, "S2 STE: S2T0SZ = 64 - 40");
	CHECK_INT(F(ste[2], 39, 38), 1, "S2 STE: S2SL0 = 1 (start at level 1)");
	CHECK_INT(F(ste[2], 41, 40), 1, "S2 STE: S2IR0 WBWA");
	CHECK_INT(F(ste[2], 43, 42), 1, "S2 STE: S2OR0 WBWA");
	CHECK_INT(F(ste[2], 45, 44), 3, "S2 STE: S2SH0 ISH");
	CHECK_INT(F(ste[2], 47, 46), 0, "S2 STE: S2TG 4 KiB");
	CHECK_INT(F(ste[2], 50, 48), 4, "S2 STE: S2PS 44 bits");
	CHECK_INT(F(ste[2], 51, 51), 1, "S2 STE: S2AA64");
	CHECK_INT(F(ste[2], 58, 58), 1, "S2 STE: S2R");
	CHECK_INT(ste[3], 0x4a002000ull, "S2 STE: S2TTB");
	/* Config[3:1] 0b110 (0xc) | V[0] */
	CHECK_INT(ste[0], 0xdull, "S2 STE: word 0 whole");
	/* S2R[58] 0x0400000000000000 | S2AA64[51] 0x0008000000000000 |
	 * S2PS[50:48] 4 0x0004000000000000 | S2TG[47:46] 0 |
	 * S2SH0[45:44] 3 0x300000000000 | S2OR0[43:42] 1 0x40000000000 |
	 * S2IR0[41:40] 1 0x10000000000 | S2SL0[39:38] 1 0x4000000000 |
	 * S2T0SZ[37:32] 24 0x1800000000 | S2VMID[15:0] 0x1234 */
	CHECK_HEX(ste[2], 0x040c355800001234ull, "S2 STE: word 2 whole");
	CHECK_INT(smmu_l1std(0x4a010000ull, 9), 0x4a010009ull, "L1STD: L2Ptr | Span 9");
}

static void test_cd(void)
{
	uint64_t cd[CD_DWORDS];

	smmu_cd_s1(cd, 0x4b000000ull, 40, 4, 7, S1_MAIR_VALUE);
	CHECK_INT(F(cd[0], 5, 0), 24, "CD: T0SZ");
	CHECK_INT(F(cd[0], 7, 6), 0, "CD: TG0 4 KiB");
	CHECK_INT(F(cd[0], 9, 8), 1, "CD: IR0");
	CHECK_INT(F(cd[0], 11, 10), 1, "CD: OR0");
	CHECK_INT(F(cd[0], 13, 12), 3, "CD: SH0");
	CHECK_INT(F(cd[0], 14, 14), 0, "CD: EPD0 clear (TTB0 walks)");
	CHECK_INT(F(cd[0], 30, 30), 1, "CD: EPD1 (no TTB1)");
	CHECK_INT(F(cd[0], 31, 31), 1, "CD: V");
	CHECK_INT(F(cd[0], 34, 32), 4, "CD: IPS");
	CHECK_INT(F(cd[0], 41, 41), 1, "CD: AA64");
	CHECK_INT(F(cd[0], 42, 42) | F(cd[0], 43, 43), 0, "CD: no HD/HA (QEMU refuses them)");
	CHECK_INT(F(cd[0], 44, 44), 0, "CD: S clear (no stall)");
	CHECK_INT(F(cd[0], 45, 45), 1, "CD: R (record faults)");
	CHECK_INT(F(cd[0], 46, 46), 1, "CD: A (abort faults)");
	CHECK_INT(F(cd[0], 47, 47), 1, "CD: ASET");
	CHECK_INT(F(cd[0], 63, 48), 7, "CD: ASID");
	CHECK_INT(cd[1], 0x4b000000ull, "CD: TTB0");
	/* ASID[63:48] 7 0x0007000000000000 | ASET[47] A[46] R[45] 0xe00000000000 |
	 * AA64[41] 0x20000000000 | IPS[34:32] 4 0x400000000 | V[31] 0x80000000 |
	 * EPD1[30] 0x40000000 | SH0[13:12] 3 0x3000 | OR0[11:10] 1 0x400 |
	 * IR0[9:8] 1 0x100 | TG0[7:6] 0 | T0SZ[5:0] 24 0x18 */
	CHECK_HEX(cd[0], 0x0007e204c0003518ull, "CD: word 0 whole");
	CHECK_INT(cd[2], 0, "CD: TTB1 0");
	CHECK_INT(cd[3], 0x000444ffull, "CD: MAIR attr0 ff, attr1 44, attr2 04, attr3 00");
}

static void test_cmds(void)
{
	uint64_t c[CMD_DWORDS];

	smmu_cmd_cfgi_ste(c, 0x8, true);
	CHECK_INT(c[0], 0x0000000800000003ull, "CFGI_STE: op 0x03, SID 8");
	CHECK_INT(c[1], 1, "CFGI_STE: Leaf");
	smmu_cmd_cfgi_ste(c, 0xffff, false);
	CHECK_INT(F(c[0], 63, 32), 0xffff, "CFGI_STE: SID 0xffff");
	CHECK_INT(c[1], 0, "CFGI_STE: not leaf (L1 descriptor too)");
	smmu_cmd_cfgi_all(c);
	CHECK_INT(c[0], 0x04, "CFGI_ALL: op 0x04");
	CHECK_INT(c[1], 31, "CFGI_ALL: Range 31");
	smmu_cmd_tlbi_nh_asid(c, 0xabcd);
	CHECK_INT(c[0], 0xabcd000000000011ull, "TLBI_NH_ASID: ASID [63:48]");
	smmu_cmd_tlbi_s12_vmall(c, 0x55);
	CHECK_INT(c[0], 0x0000005500000028ull, "TLBI_S12_VMALL: VMID [47:32]");
	smmu_cmd_op(c, CMD_OP_TLBI_NSNH_ALL);
	CHECK_INT(c[0], 0x30, "TLBI_NSNH_ALL");
	smmu_cmd_op(c, CMD_OP_TLBI_EL2_ALL);
	CHECK_INT(c[0], 0x20, "TLBI_EL2_ALL");
	smmu_cmd_sync(c);
	CHECK_INT(c[0], 0x46, "CMD_SYNC: CS none");
	CHECK_INT(c[1], 0, "CMD_SYNC: no MSI");
}

static void test_events(void)
{
	/* F_TRANSLATION, SID 0x8, SSV with SSID 3, write, stage 1, addr. */
	uint64_t e1[EVT_DWORDS] = { 0x0000000800003810ull, 0, 0x80002000ull, 0 };
	/* C_BAD_STE: dword 2 is not an address. */
	uint64_t e2[EVT_DWORDS] = { 0x0000010000000004ull, 0, 0xdeadull, 0 };
	/* F_PERMISSION, read, stage 2. */
	uint64_t e3[EVT_DWORDS] = { 0x0000000900000013ull, (1ull << 35) | (1ull << 39), 0x1000, 0 };
	struct smmu_event e;

	smmu_event_decode(e1, &e);
	CHECK_INT(e.type, EVT_F_TRANSLATION, "event type");
	CHECK_STR(smmu_event_name(e.type), "F_TRANSLATION", "event name");
	CHECK_INT(e.sid, 8, "event StreamID");
	CHECK_INT(e.ssv, 1, "event SSV");
	CHECK_INT(e.ssid, 3, "event SubstreamID");
	CHECK_INT(e.has_addr && e.addr == 0x80002000ull, 1, "event InputAddr");
	CHECK_INT(e.read, 0, "event write");
	smmu_event_decode(e2, &e);
	CHECK_STR(smmu_event_name(e.type), "C_BAD_STE", "C_BAD_STE name");
	CHECK_INT(e.sid, 0x100, "C_BAD_STE StreamID");
	CHECK_INT(e.has_addr, 0, "C_BAD_STE has no address");
	CHECK_INT(e.ssv, 0, "no SSV");
	smmu_event_decode(e3, &e);
	CHECK_STR(smmu_event_name(e.type), "F_PERMISSION", "F_PERMISSION name");
	CHECK_INT(e.read && e.stage2, 1, "F_PERMISSION read at stage 2");
	CHECK_STR(smmu_event_name(EVT_C_BAD_STREAMID), "C_BAD_STREAMID", "C_BAD_STREAMID name");
	CHECK_STR(smmu_event_name(EVT_F_STREAM_DISABLED), "F_STREAM_DISABLED", "F_STREAM_DISABLED name");
	CHECK_STR(smmu_event_name(0xee), "UNKNOWN", "unknown type");
	CHECK_STR(smmu_gerror_name(GERROR_SFM_ERR), "SFM_ERR", "GERROR SFM_ERR");
	CHECK_STR(smmu_gerror_name(1), "", "GERROR bit 1 reserved");
	CHECK_STR(smmu_gerror_name(40), "", "GERROR bit out of range");
}

int main(void)
{
	test_ste_s1();
	test_ste_s2();
	test_cd();
	test_cmds();
	test_events();
	return unit_done();
}
