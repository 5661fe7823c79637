/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * MIDR and ID register decoding, with the values QEMU 7.2 reports for its
 * neoverse-n1 and max models (read from a Monadic boot) and hand-built
 * edge cases.
 */

#include <monadic/cpu_id.h>
#include <unit.h>

static const char *midr(uint64_t v)
{
	static char buf[96];

	cpu_midr_describe(v, buf, sizeof(buf));
	return buf;
}

static const char *features(const struct hal_cpu_regs *r, unsigned int *pa)
{
	static char buf[64];
	struct cpu_features f;

	cpu_features_decode(r, &f);
	cpu_features_describe(&f, buf, sizeof(buf));
	*pa = f.pa_bits;
	return buf;
}

int main(void)
{
	unsigned int pa;

	CHECK_STR(midr(0x414fd0c1), "Arm Neoverse N1 r4p1", "MIDR Neoverse N1 r4p1");
	CHECK_STR(midr(0x411fd402), "Arm Neoverse V1 r1p2", "MIDR Neoverse V1 r1p2");
	CHECK_STR(midr(0x410fd4f0), "Arm Neoverse V2 r0p0", "MIDR Neoverse V2");
	CHECK_STR(midr(0x410fd490), "Arm Neoverse N2 r0p0", "MIDR Neoverse N2");
	CHECK_STR(midr(0x000f0510), "software model (QEMU 'max'), part 0x051",
		  "MIDR of QEMU's max model");
	CHECK_STR(midr(0x510f8000), "implementer 0x51 part 0x800 r0p0", "unknown implementer");

	/* Neoverse N1: LSE (Atomic=2), no SVE/PAuth/BTI, VHE, PARange 44 bits. */
	struct hal_cpu_regs n1 = {
		.id_aa64isar0 = 0x0000100010211120ULL,
		.id_aa64pfr0 = 0x1100000010112222ULL,
		.id_aa64mmfr0 = 0x0000000000101124ULL,  /* hand-set PARange = 4 */
		.id_aa64mmfr1 = 0x0000000010212122ULL,
	};
	CHECK_STR(features(&n1, &pa), "LSE VHE ", "Neoverse N1 features");
	CHECK_INT(pa, 44, "PARange 4 is 44 bits");

	/* Everything on: SVE (PFR0[35:32]), PAuth API (ISAR1[11:8]), BTI (PFR1[3:0]). */
	struct hal_cpu_regs all = n1;

	all.id_aa64pfr0 |= 1ULL << 32;
	all.id_aa64isar1 = 1ULL << 8;
	all.id_aa64pfr1 = 1;
	all.id_aa64mmfr0 = 6;
	CHECK_STR(features(&all, &pa), "LSE SVE PAuth BTI VHE ", "all five features");
	CHECK_INT(pa, 52, "PARange 6 is 52 bits");

	/* PAuth through QARMA3 only (ID_AA64ISAR2_EL1.APA3, Armv8.6). */
	struct hal_cpu_regs qarma3 = { .id_aa64isar2 = 1ULL << 12 };
	CHECK_STR(features(&qarma3, &pa), "PAuth ", "PAuth via ISAR2.APA3");
	CHECK_INT(pa, 32, "PARange 0 is 32 bits");

	/* LSE needs Atomic >= 2: 1 is reserved, not LSE. */
	struct hal_cpu_regs none = { .id_aa64isar0 = 1ULL << 20, .id_aa64mmfr0 = 0xf };
	CHECK_STR(features(&none, &pa), "none ", "no features");
	CHECK_INT(pa, 0, "reserved PARange decodes to 0");
	return unit_done();
}
