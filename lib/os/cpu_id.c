/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* MIDR and ID register decoding (Arm ARM D19: MIDR_EL1, ID_AA64*_EL1). */

#include <monadic/cpu_id.h>
#include <monadic/printk.h>
#include <stdint.h>

static unsigned int field(uint64_t reg, unsigned int shift)
{
	return (unsigned int)((reg >> shift) & 0xf);
}

#define ISAR0_ATOMIC_SHIFT 20
#define ISAR0_ATOMIC_LSE 2
#define PFR0_SVE_SHIFT 32
#define PFR1_BT_SHIFT 0
#define ISAR1_APA_SHIFT 4
#define ISAR1_API_SHIFT 8
#define ISAR1_GPA_SHIFT 24
#define ISAR1_GPI_SHIFT 28
#define ISAR2_APA3_SHIFT 12
#define MMFR1_VH_SHIFT 8
#define MMFR0_PARANGE_SHIFT 0

void cpu_features_decode(const struct hal_cpu_regs *r, struct cpu_features *out)
{
	static const unsigned int pa_bits[] = { 32, 36, 40, 42, 44, 48, 52 };
	unsigned int parange = field(r->id_aa64mmfr0, MMFR0_PARANGE_SHIFT);

	out->lse = field(r->id_aa64isar0, ISAR0_ATOMIC_SHIFT) >= ISAR0_ATOMIC_LSE;
	out->sve = field(r->id_aa64pfr0, PFR0_SVE_SHIFT) != 0;
	out->pauth = field(r->id_aa64isar1, ISAR1_APA_SHIFT) != 0 ||
		     field(r->id_aa64isar1, ISAR1_API_SHIFT) != 0 ||
		     field(r->id_aa64isar1, ISAR1_GPA_SHIFT) != 0 ||
		     field(r->id_aa64isar1, ISAR1_GPI_SHIFT) != 0 ||
		     field(r->id_aa64isar2, ISAR2_APA3_SHIFT) != 0;
	out->bti = field(r->id_aa64pfr1, PFR1_BT_SHIFT) != 0;
	out->vhe = field(r->id_aa64mmfr1, MMFR1_VH_SHIFT) != 0;
	out->pa_bits = parange < sizeof(pa_bits) / sizeof(pa_bits[0]) ? pa_bits[parange] : 0;
}

int cpu_features_describe(const struct cpu_features *f, char *buf, size_t size)
{
	return mhv_snprintf(buf, size, "%s%s%s%s%s%s",
			    f->lse ? "LSE " : "", f->sve ? "SVE " : "",
			    f->pauth ? "PAuth " : "", f->bti ? "BTI " : "",
			    f->vhe ? "VHE " : "",
			    (f->lse || f->sve || f->pauth || f->bti || f->vhe) ? "" : "none ");
}

#define MIDR_IMPLEMENTER(m) ((unsigned int)(((m) >> 24) & 0xff))
#define MIDR_VARIANT(m) ((unsigned int)(((m) >> 20) & 0xf))
#define MIDR_PARTNUM(m) ((unsigned int)(((m) >> 4) & 0xfff))
#define MIDR_REVISION(m) ((unsigned int)((m) & 0xf))

#define IMPL_ARM 0x41

struct part {
	unsigned int implementer;
	unsigned int partnum;
	const char *name;
};

/* Part numbers from each core's Technical Reference Manual (MIDR_EL1). */
static const struct part parts[] = {
	{ IMPL_ARM, 0xd0c, "Arm Neoverse N1" },
	{ IMPL_ARM, 0xd40, "Arm Neoverse V1" },
	{ IMPL_ARM, 0xd4f, "Arm Neoverse V2" },
	{ IMPL_ARM, 0xd49, "Arm Neoverse N2" },
	{ IMPL_ARM, 0xd84, "Arm Neoverse V3" },
	{ IMPL_ARM, 0xd8e, "Arm Neoverse N3" },
	{ IMPL_ARM, 0xd07, "Arm Cortex-A57" },
	{ IMPL_ARM, 0xd08, "Arm Cortex-A72" },
	{ IMPL_ARM, 0xd03, "Arm Cortex-A53" },
};

int cpu_midr_describe(uint64_t midr, char *buf, size_t size)
{
	unsigned int impl = MIDR_IMPLEMENTER(midr), part = MIDR_PARTNUM(midr);

	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		if (parts[i].implementer == impl && parts[i].partnum == part)
			return mhv_snprintf(buf, size, "%s r%up%u", parts[i].name,
					    MIDR_VARIANT(midr), MIDR_REVISION(midr));
	}
	if (impl == 0)  /* 0 is reserved for software use: QEMU's 'max' model */
		return mhv_snprintf(buf, size, "software model (QEMU 'max'), part 0x%03x", part);
	return mhv_snprintf(buf, size, "implementer 0x%02x part 0x%03x r%up%u", impl, part,
			    MIDR_VARIANT(midr), MIDR_REVISION(midr));
}
