/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * PSCI CPU power management and SGIs between two vCPUs: CPU_ON of vCPU 1,
 * an SGI ping-pong, AFFINITY_INFO through its life cycle, CPU_ON errors,
 * CPU_OFF and a second CPU_ON of the same vCPU.
 *
 * Every shared variable has a single writer, so no atomic read-modify-
 * write is needed (the MMU is off: see lock.h in the SDK).
 */
#include <monadic/guest/sdk.h>

#define SECONDARY 1U
#define PING_SGI 1U            /* CPU0 -> CPU1 */
#define PONG_SGI 2U            /* CPU1 -> CPU0 */
#define ROUND_TRIPS 100U
#define START_TIMEOUT_US 1000000U
/* Generous: a TCG vCPU thread can be descheduled for a long time on a busy
 * host; a lost SGI still fails the check, just later. */
#define PONG_TIMEOUT_US 2000000U
#define OFF_TIMEOUT_US 1000000U
#define NO_SUCH_MPIDR 0x7fU
/* An IPA outside the VM's RAM (and, on virt, below all of it). */
#define OUTSIDE_RAM_ENTRY 0x1000U

struct secondary_state {
	volatile uint32_t alive;       /* written by CPU1 */
	volatile uint32_t pings;       /* written by CPU1's SGI handler */
	volatile uint32_t stop;        /* written by CPU0 */
	volatile uint32_t pongs;       /* written by CPU0's SGI handler */
	volatile uint32_t runs;        /* written by CPU1: how often it started */
};

static struct secondary_state st;

static void on_ping(unsigned int intid, void *arg)
{
	(void)intid;
	(void)arg;
	st.pings = st.pings + 1;
	guest_sgi_send(PONG_SGI, 0);
}

static void on_pong(unsigned int intid, void *arg)
{
	(void)intid;
	(void)arg;
	st.pongs = st.pongs + 1;
}

static void secondary(void *arg)
{
	(void)arg;
	st.runs = st.runs + 1;
	guest_printf("smp_guest: CPU%u running (start %u)\n", guest_cpu_index(), st.runs);
	guest_gic_init();
	guest_irq_connect(PING_SGI, on_ping, NULL);
	guest_irq_enable(PING_SGI, GIC_PRIO_DEFAULT, true);
	guest_dsb();
	st.alive = 1;
	guest_irq_unmask();
	while (!st.stop)
		guest_wfi();
	guest_irq_mask();
	/* Returning makes the SDK call CPU_OFF. */
}

static void second_life(void *arg)
{
	(void)arg;
	st.runs = st.runs + 1;
	guest_printf("smp_guest: CPU%u running (start %u)\n", guest_cpu_index(), st.runs);
}

static bool wait_aff(uint32_t want, uint64_t us)
{
	uint64_t end = guest_counter() + guest_us_to_ticks(us);

	while (guest_psci_affinity_info(guest_cpu_mpidr(SECONDARY)) != (int32_t)want) {
		if (guest_counter() >= end)
			return false;
	}
	return true;
}

static void ping_pong(void)
{
	unsigned int done = 0;

	guest_irq_connect(PONG_SGI, on_pong, NULL);
	guest_irq_enable(PONG_SGI, GIC_PRIO_DEFAULT, true);
	guest_irq_unmask();
	for (; done < ROUND_TRIPS; done++) {
		uint32_t before = st.pongs;
		uint64_t end = guest_counter() + guest_us_to_ticks(PONG_TIMEOUT_US);

		guest_sgi_send(PING_SGI, SECONDARY);
		/* Spin, not WFI: a lost SGI must fail the check, not hang. */
		while (st.pongs == before && guest_counter() < end)
			;
		if (st.pongs == before)
			break;
	}
	guest_irq_mask();
	guest_check(done == ROUND_TRIPS && st.pings == ROUND_TRIPS, "sgi ping-pong",
		    "%u of %u round trips, CPU1 saw %u pings", done, ROUND_TRIPS, st.pings);
}

static void check_cpu_on_errors(void)
{
	int32_t r = guest_psci_cpu_on_raw(NO_SUCH_MPIDR, guest_secondary_entry_ipa(), 0);

	guest_check(r == PSCI_RET_INVALID_PARAMETERS, "cpu_on unknown mpidr",
		    "CPU_ON(0x%x) returned %d", NO_SUCH_MPIDR, (int)r);
#ifdef GUEST_UNDER_MONADIC
	r = guest_psci_cpu_on_raw(guest_cpu_mpidr(SECONDARY), OUTSIDE_RAM_ENTRY, 0);
	guest_check(r == PSCI_RET_INVALID_ADDRESS, "cpu_on entry outside ram",
		    "CPU_ON(entry 0x%x) returned %d", OUTSIDE_RAM_ENTRY, (int)r);
#else
	/* QEMU's PSCI does not check the address: it would start the CPU
	 * there. */
	guest_skip("cpu_on entry outside ram", "not under Monadic");
#endif
}

int main(void)
{
	guest_check(guest_info.num_cpus >= 2, "two cpus", "the DTB lists %u", guest_info.num_cpus);
	if (guest_info.num_cpus < 2)
		return 0;
	guest_gic_init();

	int32_t r = guest_psci_affinity_info(guest_cpu_mpidr(SECONDARY));

	guest_check(r == PSCI_AFF_OFF, "affinity_info off before start", "returned %d", (int)r);
	check_cpu_on_errors();

	r = guest_cpu_start(SECONDARY, secondary, NULL);
	guest_check(r == PSCI_RET_SUCCESS, "cpu_on", "returned %d", (int)r);
	if (!guest_check(guest_wait_flag(&st.alive, START_TIMEOUT_US), "secondary started",
			 "CPU1 not up after %u us", START_TIMEOUT_US))
		return 0;

	r = guest_psci_affinity_info(guest_cpu_mpidr(SECONDARY));
	guest_check(r == PSCI_AFF_ON, "affinity_info on", "returned %d", (int)r);
	r = guest_cpu_start(SECONDARY, secondary, NULL);
	guest_check(r == PSCI_RET_ALREADY_ON, "cpu_on already on", "returned %d", (int)r);

	ping_pong();

	st.stop = 1;
	guest_sgi_send(PING_SGI, SECONDARY);   /* wake it from WFI */
	guest_check(wait_aff(PSCI_AFF_OFF, OFF_TIMEOUT_US), "cpu_off",
		    "CPU1 not off after %u us", OFF_TIMEOUT_US);

	uint32_t runs = st.runs;

	r = guest_cpu_start(SECONDARY, second_life, NULL);
	guest_check(r == PSCI_RET_SUCCESS && wait_aff(PSCI_AFF_OFF, OFF_TIMEOUT_US) &&
		    st.runs == runs + 1, "cpu_on again after cpu_off",
		    "CPU_ON returned %d, CPU1 started %u times", (int)r, st.runs);
	return 0;
}
