/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* ESR_EL2 decoding against syndromes worked out by hand from the Arm ARM. */

#include <arch/esr.h>
#include <unit.h>

static const char *describe(uint64_t esr)
{
	static char buf[160];

	esr_describe(esr, buf, sizeof(buf));
	return buf;
}

int main(void)
{
	/* EC=0x25, IL=1, WnR=1, DFSC=0b000101 (translation, level 1). */
	CHECK_STR(describe(0x96000045),
		  "EC 0x25 Data Abort without a change in EL: translation fault, level 1, write",
		  "EL2 data abort, translation level 1, write");
	/* EC=0x24 from the guest, ISV=1, read, DFSC=0b000111 (translation, level 3). */
	CHECK_STR(describe(0x93c08007),
		  "EC 0x24 Data Abort from a lower EL: translation fault, level 3, read",
		  "guest data abort, level 3, read");
	/* EC=0x21, IFSC=0b001111 (permission, level 3). */
	CHECK_STR(describe(0x8600000f),
		  "EC 0x21 Instruction Abort without a change in EL: permission fault, level 3",
		  "instruction abort, permission level 3");
	/* ISS 0x95: S1PTW (bit 7) set, WnR (bit 6) clear, DFSC=0b010101:
	 * external abort on the level-1 walk of a read. */
	CHECK_STR(describe(0x92000095),
		  "EC 0x24 Data Abort from a lower EL: synchronous external abort on table walk, "
		  "level 1, read, on a stage-1 table walk",
		  "external abort on a stage-1 walk");
	CHECK_STR(describe(0xf2000042), "EC 0x3c BRK instruction (AArch64): immediate 0x42",
		  "BRK #0x42");
	CHECK_STR(describe(0x5a000000), "EC 0x16 HVC (AArch64): immediate 0x0", "HVC #0");
	CHECK_STR(describe(0x02000000), "EC 0x00 Unknown reason", "unknown reason");
	CHECK_STR(describe(0x3ULL << 32 | (0x3aUL << 26)), "EC 0x3a Reserved/unhandled class",
		  "reserved class");
	CHECK_INT(esr_fsc_level(0x21), -1, "alignment fault has no level");
	CHECK_STR(exception_vector_name(9), "IRQ, lower EL (AArch64)", "vector 9 name");
	CHECK_STR(exception_vector_name(16), "unknown vector", "vector out of range");

	char tiny[12];

	esr_describe(0x96000045, tiny, sizeof(tiny));
	CHECK_STR(tiny, "EC 0x25 Dat", "a small buffer is truncated, not overrun");
	return unit_done();
}
