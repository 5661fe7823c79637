/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Decoding a CPU's identification registers (MIDR_EL1, ID_AA64*_EL1) into
 * names and features. Pure functions, unit-tested on the host.
 */
#ifndef MONADIC_CPU_ID_H
#define MONADIC_CPU_ID_H

#include <monadic/hal/cpu.h>
#include <stdbool.h>
#include <stddef.h>

struct cpu_features {
	bool lse;        /* FEAT_LSE: ID_AA64ISAR0_EL1.Atomic >= 2 */
	bool sve;        /* FEAT_SVE: ID_AA64PFR0_EL1.SVE != 0 */
	bool pauth;      /* FEAT_PAuth: ISAR1.APA/API/GPA/GPI or ISAR2.APA3 != 0 */
	bool bti;        /* FEAT_BTI: ID_AA64PFR1_EL1.BT != 0 */
	bool vhe;        /* FEAT_VHE: ID_AA64MMFR1_EL1.VH != 0 */
	unsigned int pa_bits;  /* ID_AA64MMFR0_EL1.PARange decoded */
};

void cpu_features_decode(const struct hal_cpu_regs *regs, struct cpu_features *out);

/* "LSE SVE PAuth BTI VHE" (only those present; "none" if none). */
int cpu_features_describe(const struct cpu_features *f, char *buf, size_t size);

/* "Arm Neoverse N1 r4p1" from MIDR_EL1; unknown parts are named by their
 * implementer and part number. */
int cpu_midr_describe(uint64_t midr, char *buf, size_t size);

#endif
