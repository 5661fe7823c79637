/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * ITS command encodings (IHI 0069 5.3.1) word by word, against constants
 * summed by hand from the spec's field positions (so two swapped field
 * macros fail), and decoded back field by field.
 */
#include "its_cmd.h"
#include "unit.h"

/* Every word must be written, whatever was in the slot before. */
#define DIRTY { ~0ULL, ~0ULL, ~0ULL, ~0ULL }

/* The four words against the hand-summed values. */
static void check_words(const its_cmd_t cmd, const uint64_t want[ITS_CMD_DWORDS], const char *what)
{
	for (unsigned int i = 0; i < ITS_CMD_DWORDS; i++)
		CHECK(cmd[i] == want[i], "%s DW%u: got 0x%016llx want 0x%016llx", what, i,
		      (unsigned long long)cmd[i], (unsigned long long)want[i]);
}

static void test_mapd(void)
{
	its_cmd_t cmd = DIRTY;
	struct its_cmd_fields f;

	its_cmd_mapd(cmd, 0x8, 5, 0x40123400ULL, true);
	/* DW0: DeviceID [63:32] 0x8 | opcode [7:0] 0x08; DW1: Size [4:0] =
	 * EventID bits - 1 = 4; DW2: V [63] | ITT_addr [51:8] 0x40123400 */
	check_words(cmd, (const uint64_t[]){ 0x0000000800000008ULL, 0x4ULL,
					     0x8000000040123400ULL, 0 }, "MAPD");
	its_cmd_decode(cmd, &f);
	CHECK_INT(f.opcode, ITS_CMD_MAPD, "MAPD decode: opcode");
	CHECK_INT(f.devid, 0x8, "MAPD decode: DeviceID");
	CHECK_INT(f.event_bits, 5, "MAPD decode: event bits");
	CHECK_HEX(f.itt_pa, 0x40123400ULL, "MAPD decode: ITT address");
	CHECK_INT(f.valid, 1, "MAPD decode: V");

	/* V = 0, Size 15, ITT_addr keeps only [51:8] */
	its_cmd_mapd(cmd, 0xffff, 16, 0xfffffffff00ULL | 0xffULL, false);
	check_words(cmd, (const uint64_t[]){ 0x0000ffff00000008ULL, 0xfULL,
					     0x00000fffffffff00ULL, 0 }, "MAPD V=0");
	CHECK_STR(its_cmd_name(ITS_CMD_MAPD), "MAPD", "name MAPD");
}

static void test_mapc(void)
{
	its_cmd_t cmd = DIRTY;
	struct its_cmd_fields f;

	its_cmd_mapc(cmd, 3, 2, true);
	/* DW2: V [63] | RDbase [50:16] 2 (processor number) | ICID [15:0] 3 */
	check_words(cmd, (const uint64_t[]){ 0x9ULL, 0, 0x8000000000020003ULL, 0 }, "MAPC");
	its_cmd_decode(cmd, &f);
	CHECK_INT(f.icid, 3, "MAPC decode: ICID");
	CHECK_INT(f.rdbase, 2, "MAPC decode: RDbase");
	CHECK_INT(f.valid, 1, "MAPC decode: V");
	/* PTA = 1: RD_base 0x080c0000 >> 16 */
	its_cmd_mapc(cmd, 1, 0x080c0000ULL >> 16, true);
	CHECK_HEX(cmd[2], 0x80000000080c0001ULL, "MAPC DW2: RDbase as an address");
}

static void test_mapti_movi(void)
{
	its_cmd_t cmd = DIRTY;
	struct its_cmd_fields f;

	its_cmd_mapti(cmd, 0x8, 0x1f, 8192, 1);
	/* DW0: DeviceID 0x8 | opcode 0x0a; DW1: pINTID [63:32] 0x2000 |
	 * EventID [31:0] 0x1f; DW2: ICID 1 */
	check_words(cmd, (const uint64_t[]){ 0x000000080000000aULL, 0x000020000000001fULL,
					     0x1ULL, 0 }, "MAPTI");
	its_cmd_decode(cmd, &f);
	CHECK_INT(f.eventid, 0x1f, "MAPTI decode: EventID");
	CHECK_INT(f.pintid, 8192, "MAPTI decode: pINTID");
	CHECK_INT(f.icid, 1, "MAPTI decode: ICID");

	its_cmd_movi(cmd, 0x10, 2, 3);
	check_words(cmd, (const uint64_t[]){ 0x0000001000000001ULL, 0x2ULL, 0x3ULL, 0 }, "MOVI");
	CHECK_STR(its_cmd_name(ITS_CMD_MOVI), "MOVI", "name MOVI");
}

static void test_event_only(void)
{
	its_cmd_t cmd = DIRTY;

	its_cmd_event(cmd, ITS_CMD_DISCARD, 0x8, 0xffffffffU);
	check_words(cmd, (const uint64_t[]){ 0x000000080000000fULL, 0x00000000ffffffffULL, 0, 0 },
		    "DISCARD");
	its_cmd_event(cmd, ITS_CMD_INV, 0x100, 7);
	check_words(cmd, (const uint64_t[]){ 0x000001000000000cULL, 0x7ULL, 0, 0 }, "INV");
	CHECK_STR(its_cmd_name(ITS_CMD_INV), "INV", "name INV");
}

static void test_sync_invall(void)
{
	its_cmd_t cmd = DIRTY;
	struct its_cmd_fields f;

	its_cmd_sync(cmd, 0x080a0000ULL >> 16);
	/* DW2: RDbase [50:16] 0x80a */
	check_words(cmd, (const uint64_t[]){ 0x5ULL, 0, 0x00000000080a0000ULL, 0 }, "SYNC");
	its_cmd_decode(cmd, &f);
	CHECK_INT(f.rdbase, 0x80a, "SYNC decode: RDbase");
	CHECK_INT(f.valid, 0, "SYNC decode: no V");

	its_cmd_invall(cmd, 2);
	check_words(cmd, (const uint64_t[]){ 0xdULL, 0, 0x2ULL, 0 }, "INVALL");
	CHECK_STR(its_cmd_name(0x42), "unknown", "name of an unknown opcode");
}

/* GICv4.0 commands (IHI 0069 9.x): vPEID at DW1 [47:32]. */
static void test_gicv4(void)
{
	its_cmd_t cmd = DIRTY;

	its_cmd_vmapp(cmd, 3, 2, 0x41230000ULL, 14, true);
	/* DW0: opcode 0x29; DW1: vPEID 3 << 32; DW2: V | RDbase 2 << 16;
	 * DW3: VPT_addr [51:16] 0x41230000 | VPT_size [4:0] 13 */
	check_words(cmd, (const uint64_t[]){ 0x29ULL, 0x0000000300000000ULL,
					     0x8000000000020000ULL, 0x000000004123000dULL },
		    "VMAPP");
	its_cmd_vmapti(cmd, 0x8, 5, 1, 8200, 8300);
	/* DW0: DeviceID 8 | 0x2a; DW1: vPEID 1 << 32 | EventID 5;
	 * DW2: doorbell 8300 (0x206c) << 32 | vINTID 8200 (0x2008) */
	check_words(cmd, (const uint64_t[]){ 0x000000080000002aULL, 0x0000000100000005ULL,
					     0x0000206c00002008ULL, 0 }, "VMAPTI");
	its_cmd_vmovi(cmd, 0x8, 5, 2, 8301);
	/* DW2: doorbell 8301 (0x206d) << 32 | D [0] */
	check_words(cmd, (const uint64_t[]){ 0x0000000800000021ULL, 0x0000000200000005ULL,
					     0x0000206d00000001ULL, 0 }, "VMOVI");
	its_cmd_vmovi(cmd, 0x8, 5, 2, ITS_NO_DOORBELL);
	CHECK_HEX(cmd[2], 0, "VMOVI without a doorbell: D = 0");
	its_cmd_vpe(cmd, ITS_CMD_VSYNC, 7);
	check_words(cmd, (const uint64_t[]){ 0x25ULL, 0x0000000700000000ULL, 0, 0 }, "VSYNC");
	CHECK_STR(its_cmd_name(ITS_CMD_VMAPTI), "VMAPTI", "VMAPTI's name");
}

int main(void)
{
	test_mapd();
	test_mapc();
	test_mapti_movi();
	test_event_only();
	test_sync_invall();
	test_gicv4();
	return unit_done();
}
