/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The PMU a guest gets: its own event and cycle counters work, and none
 * of them counts while the hypervisor runs (EL2), whatever the guest's
 * filters ask: counting only at EL2 across a few thousand hypercalls
 * must leave them at zero.
 */
#include <monadic/guest/sdk.h>

#define DFR0_PMUVER_SHIFT 8
#define DFR0_PMUVER_MASK 0xfULL
#define PMUVER_IMPDEF 0xfULL

#define PMCR_E (1ULL << 0)       /* enable */
#define PMCR_P (1ULL << 1)       /* reset the event counters */
#define PMCR_C (1ULL << 2)       /* reset the cycle counter */
#define PMCR_LC (1ULL << 6)      /* 64-bit cycle counter; DP (bit 5) stays clear */
#define PMCR_N_SHIFT 11
#define PMCR_N_MASK 0x1fULL

/* PMEVTYPER<n>_EL0 / PMCCFILTR_EL0 filters. */
#define FILTER_NO_EL1 (1ULL << 31)   /* P */
#define FILTER_NO_EL0 (1ULL << 30)   /* U */
#define FILTER_EL2 (1ULL << 27)      /* NSH */
#define EVENT_CPU_CYCLES 0x11ULL
#define CNTEN_COUNTER0 (1ULL << 0)
#define CNTEN_CYCLES (1ULL << 31)

#define HYPERCALLS 2000U
#define GUEST_WORK_US 2000U

struct counts {
	uint64_t event0;
	uint64_t cycles;
};

static void start(uint64_t filter)
{
	guest_write_sysreg(pmcr_el0, 0);
	guest_isb();
	guest_write_sysreg(pmevtyper0_el0, filter | EVENT_CPU_CYCLES);
	guest_write_sysreg(pmccfiltr_el0, filter);
	guest_write_sysreg(pmcntenset_el0, CNTEN_COUNTER0 | CNTEN_CYCLES);
	guest_write_sysreg(pmcr_el0, PMCR_E | PMCR_P | PMCR_C | PMCR_LC);
	guest_isb();
}

static struct counts stop(void)
{
	guest_write_sysreg(pmcr_el0, 0);
	guest_isb();
	return (struct counts){ guest_read_sysreg(pmevcntr0_el0), guest_read_sysreg(pmccntr_el0) };
}

int main(void)
{
	uint64_t pmuver = (guest_read_sysreg(id_aa64dfr0_el1) >> DFR0_PMUVER_SHIFT) &
			  DFR0_PMUVER_MASK;

	if (pmuver == 0 || pmuver == PMUVER_IMPDEF) {
		guest_skip("pmu", "no PMUv3 on this CPU");
		return 0;
	}
	unsigned int counters = (unsigned int)((guest_read_sysreg(pmcr_el0) >> PMCR_N_SHIFT) &
					       PMCR_N_MASK);

	guest_printf("pmu_guest: PMUVer %lu, %u event counters\n", (unsigned long)pmuver, counters);
	if (!guest_check(counters > 0, "pmu event counters", "PMCR_EL0.N is 0"))
		return 0;

	start(FILTER_NO_EL1 | FILTER_NO_EL0 | FILTER_EL2);
	for (unsigned int i = 0; i < HYPERCALLS; i++)
		guest_mhv_version();
	struct counts at_el2 = stop();

	guest_check(at_el2.event0 == 0, "pmu counts no hypervisor events",
		    "CPU_CYCLES at EL2 over %u hypercalls: %lu", HYPERCALLS,
		    (unsigned long)at_el2.event0);
	guest_check(at_el2.cycles == 0, "pmu counts no hypervisor cycles",
		    "PMCCNTR at EL2 over %u hypercalls: %lu", HYPERCALLS,
		    (unsigned long)at_el2.cycles);

	start(FILTER_NO_EL0);
	guest_udelay(GUEST_WORK_US);
	struct counts own = stop();

	guest_check(own.event0 > 0 && own.cycles > 0, "pmu counts the guest's own cycles",
		    "event counter %lu, cycle counter %lu", (unsigned long)own.event0,
		    (unsigned long)own.cycles);
	return 0;
}
