/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The performance monitors, debug and trace as a guest sees them
 * (MDCR_EL2, Arm ARM D19). The guest gets every event counter and the
 * cycle counter of its pCPU, but none may count while the PE is at EL2:
 * what the hypervisor does is not the guest's to measure.
 *
 * - Event counters: HPMD (PMUv3p1) prohibits counting at EL2.
 * - The cycle counter: HCCD (PMUv3p5) stops it at EL2. Before PMUv3p5
 *   only PMCR_EL0.DP would, and that is the guest's to clear; there every
 *   PMU access traps (TPM) and is done here, with the filters' NSH bit
 *   (count at EL2) cleared: nothing is counted at EL2 then either.
 * - Statistical profiling and trace filtering, where present, trap to
 *   EL2 (TPMS with the profiling buffer owned by EL2, TTRF) and the guest
 *   gets an undefined instruction: it could sample EL2 otherwise.
 * - Debug registers (breakpoints, watchpoints, the OS lock) stay the
 *   guest's, untrapped: its vCPU is alone on the pCPU, and with TDE clear
 *   the debug exceptions they raise target EL1, which cannot be taken
 *   from EL2, so they never fire in the hypervisor.
 */

#include <arch/esr.h>
#include <arch/sysreg.h>
#include <monadic/hal/vcpu.h>
#include <monadic/vm/vm.h>

#include "pmu.h"
#include "sys_iss.h"

#define MDCR_EL2_HPMN_MASK 0x1fUL
#define MDCR_EL2_TPM BIT(6)
#define MDCR_EL2_TPMS BIT(14)
#define MDCR_EL2_HPMD BIT(17)
#define MDCR_EL2_TTRF BIT(19)
#define MDCR_EL2_HCCD BIT(23)

/* ID_AA64DFR0_EL1 fields. */
#define DFR0_PMUVER_SHIFT 8
#define DFR0_PMSVER_SHIFT 32
#define DFR0_TRACEFILT_SHIFT 40
#define DFR0_FIELD_MASK 0xfUL
#define PMUVER_V3P1 4
#define PMUVER_V3P5 6
#define PMUVER_IMPDEF 0xf

#define PMCR_N_SHIFT 11
#define PMCR_N_MASK 0x1fUL
/* PMEVTYPER<n>_EL0 / PMCCFILTR_EL0.NSH: count at EL2. */
#define PMEVTYPER_NSH BIT(27)
#define PMSELR_SEL_MASK 0x1fUL
#define PMSELR_CYCLES 31

static unsigned int dfr0_field(unsigned int shift)
{
	return (unsigned int)((read_sysreg(ID_AA64DFR0_EL1) >> shift) & DFR0_FIELD_MASK);
}

static unsigned int pmu_version(void)
{
	unsigned int v = dfr0_field(DFR0_PMUVER_SHIFT);

	return v == PMUVER_IMPDEF ? 0 : v;
}

static unsigned int event_counters(void)
{
	return (unsigned int)((read_sysreg(PMCR_EL0) >> PMCR_N_SHIFT) & PMCR_N_MASK);
}

uint64_t pmu_mdcr_el2(void)
{
	unsigned int pmu = pmu_version();
	uint64_t mdcr = 0;

	if (pmu != 0) {
		mdcr |= event_counters() & MDCR_EL2_HPMN_MASK;
		if (pmu >= PMUVER_V3P1)
			mdcr |= MDCR_EL2_HPMD;
		mdcr |= pmu >= PMUVER_V3P5 ? MDCR_EL2_HCCD : MDCR_EL2_TPM;
	}
	if (dfr0_field(DFR0_PMSVER_SHIFT) != 0)
		mdcr |= MDCR_EL2_TPMS;  /* E2PB 0: the profiling buffer is EL2's */
	if (dfr0_field(DFR0_TRACEFILT_SHIFT) != 0)
		mdcr |= MDCR_EL2_TTRF;
	return mdcr;
}

/* The registers a trapped access may name (Op0 3, CRn 9 or 14). MRS and
 * MSR take the register as an immediate, hence one case each; event
 * counter n goes through PMSELR_EL0 and PMXEV*_EL0. */
#define REG_PMCR SYS_ISS(3, 3, 9, 12, 0)
#define REG_PMCNTENSET SYS_ISS(3, 3, 9, 12, 1)
#define REG_PMCNTENCLR SYS_ISS(3, 3, 9, 12, 2)
#define REG_PMOVSCLR SYS_ISS(3, 3, 9, 12, 3)
#define REG_PMSWINC SYS_ISS(3, 3, 9, 12, 4)
#define REG_PMSELR SYS_ISS(3, 3, 9, 12, 5)
#define REG_PMCEID0 SYS_ISS(3, 3, 9, 12, 6)
#define REG_PMCEID1 SYS_ISS(3, 3, 9, 12, 7)
#define REG_PMCCNTR SYS_ISS(3, 3, 9, 13, 0)
#define REG_PMXEVTYPER SYS_ISS(3, 3, 9, 13, 1)
#define REG_PMXEVCNTR SYS_ISS(3, 3, 9, 13, 2)
#define REG_PMUSERENR SYS_ISS(3, 3, 9, 14, 0)
#define REG_PMOVSSET SYS_ISS(3, 3, 9, 14, 3)
#define REG_PMINTENSET SYS_ISS(3, 0, 9, 14, 1)
#define REG_PMINTENCLR SYS_ISS(3, 0, 9, 14, 2)
#define REG_PMCCFILTR SYS_ISS(3, 3, 14, 15, 7)
/* PMEVCNTR<n>_EL0: CRn 14, CRm 0b10:n[4:3], Op2 n[2:0]; PMEVTYPER<n>_EL0
 * the same with CRm 0b11:n[4:3]. */
#define REG_PMEV_MASK SYS_ISS(3, 7, 15, 12, 0)  /* all but CRm[1:0] and Op2 */
#define REG_PMEVCNTR_BASE SYS_ISS(3, 3, 14, 8, 0)
#define REG_PMEVTYPER_BASE SYS_ISS(3, 3, 14, 12, 0)
#define PMEV_N(iss) ((unsigned int)((((iss) >> 1) & 3) << 3 | (((iss) >> 17) & 7)))
#define PMEV_IS(iss, base) (((iss) & REG_PMEV_MASK) == (base))

/* Access one of the fixed registers at EL2; false if 'reg' is none, or
 * the direction is not one it has. */
#define RW(name, r) \
	case r: \
		if (read) \
			*v = read_sysreg(name); \
		else \
			write_sysreg(*v, name); \
		return true
#define RO(name, r) \
	case r: \
		if (!read) \
			return false; \
		*v = read_sysreg(name); \
		return true

static bool fixed_access(uint64_t reg, bool read, uint64_t *v)
{
	switch (reg) {
	RW(PMCR_EL0, REG_PMCR);
	RW(PMCNTENSET_EL0, REG_PMCNTENSET);
	RW(PMCNTENCLR_EL0, REG_PMCNTENCLR);
	RW(PMOVSCLR_EL0, REG_PMOVSCLR);
	RW(PMSELR_EL0, REG_PMSELR);
	RO(PMCEID0_EL0, REG_PMCEID0);
	RO(PMCEID1_EL0, REG_PMCEID1);
	RW(PMCCNTR_EL0, REG_PMCCNTR);
	RW(PMUSERENR_EL0, REG_PMUSERENR);
	RW(PMOVSSET_EL0, REG_PMOVSSET);
	RW(PMINTENSET_EL1, REG_PMINTENSET);
	RW(PMINTENCLR_EL1, REG_PMINTENCLR);
	RW(PMCCFILTR_EL0, REG_PMCCFILTR);
	RW(PMXEVTYPER_EL0, REG_PMXEVTYPER);
	RW(PMXEVCNTR_EL0, REG_PMXEVCNTR);
	case REG_PMSWINC:
		if (read)
			return false;
		write_sysreg(*v, PMSWINC_EL0);
		return true;
	default:
		return false;
	}
}

/* Event counter n through the selector, which is put back as the guest
 * left it. */
static bool selected_access(uint64_t reg, unsigned int n, bool read, uint64_t *v)
{
	uint64_t sel = read_sysreg(PMSELR_EL0);
	bool ok;

	write_sysreg(n, PMSELR_EL0);
	isb();
	ok = fixed_access(reg, read, v);
	write_sysreg(sel, PMSELR_EL0);
	isb();
	return ok;
}

/* A register that says where a counter counts (PMXEVTYPER_EL0 reaches
 * PMCCFILTR_EL0 when the selector is 31). */
static bool filter_register(uint64_t reg)
{
	return reg == REG_PMCCFILTR || reg == REG_PMXEVTYPER;
}

#define NO_SELECT (-1)

/* The fixed register a trapped one is reached through, and the selector
 * value that reaches event counter n (NO_SELECT: the register is accessed
 * as it is); false for a counter the PE does not have (UNDEFINED, as on
 * hardware). PMEVTYPER31 is PMCCFILTR. */
static bool resolve(uint64_t *reg, int *select)
{
	unsigned int counters = event_counters();
	unsigned int n;

	*select = NO_SELECT;
	if (PMEV_IS(*reg, REG_PMEVCNTR_BASE) || PMEV_IS(*reg, REG_PMEVTYPER_BASE)) {
		bool type = PMEV_IS(*reg, REG_PMEVTYPER_BASE);

		n = PMEV_N(*reg);
		if (type && n == PMSELR_CYCLES) {
			*reg = REG_PMCCFILTR;
			return true;
		}
		*reg = type ? REG_PMXEVTYPER : REG_PMXEVCNTR;
		*select = (int)n;
		return n < counters;
	}
	/* The guest's own selector picks what PMXEV* reach. */
	n = (unsigned int)(read_sysreg(PMSELR_EL0) & PMSELR_SEL_MASK);
	if (*reg == REG_PMXEVCNTR)
		return n < counters;
	if (*reg == REG_PMXEVTYPER)
		return n < counters || n == PMSELR_CYCLES;
	return true;
}

bool pmu_trapped_access(struct vcpu *vcpu, uint64_t iss)
{
	uint64_t reg = iss & SYS_ISS_REG_MASK;
	bool read = (iss & SYS_ISS_READ) != 0;
	unsigned int rt = (unsigned int)((iss >> SYS_ISS_RT_SHIFT) & 0x1f);
	uint64_t v = read ? 0 : hal_vcpu_get_reg(vcpu, rt);
	int select;
	bool ok;

	if (pmu_version() == 0 || !(read_sysreg(MDCR_EL2) & MDCR_EL2_TPM))
		return false;
	if (!resolve(&reg, &select))
		return false;
	if (!read && filter_register(reg))
		v &= ~PMEVTYPER_NSH;  /* never count at EL2 */
	ok = select != NO_SELECT ? selected_access(reg, (unsigned int)select, read, &v)
				 : fixed_access(reg, read, &v);
	if (!ok)
		return false;
	if (read)
		hal_vcpu_set_reg(vcpu, rt, v);
	hal_vcpu_skip_instruction(vcpu);
	return true;
}
