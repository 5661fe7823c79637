/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * PSCI CPU power management and SGIs between vCPUs: CPU_ON of vCPU 1,
 * an SGI ping-pong, AFFINITY_INFO through its life cycle, CPU_ON errors,
 * CPU_OFF and a second CPU_ON of the same vCPU; with four vCPUs, three of
 * them calling CPU_ON on the fourth at once; CPU_SUSPEND's checks of its
 * power_state and a standby woken by an interrupt.
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

/* vCPUs 0..RACERS-1 call CPU_ON on RACE_TARGET at the same moment. */
#define RACERS 3U
#define RACE_TARGET 3U
#define RACE_TIMEOUT_US 2000000U

/* What wakes a CPU_SUSPEND standby: the virtual timer, this soon. */
#define WAKE_US 1000U

struct secondary_state {
	volatile uint32_t alive;       /* written by CPU1 */
	volatile uint32_t pings;       /* written by CPU1's SGI handler */
	volatile uint32_t stop;        /* written by CPU0 */
	volatile uint32_t pongs;       /* written by CPU0's SGI handler */
	volatile uint32_t runs;        /* written by CPU1: how often it started */
};

static struct secondary_state st;

/* Each racer writes only its own slots; the target only its count. */
struct cpu_on_race {
	volatile uint32_t ready[RACERS];
	volatile uint32_t go;                /* written by CPU0 */
	volatile int32_t result[RACERS];
	volatile uint32_t done[RACERS];
	volatile uint32_t target_runs;
};

static struct cpu_on_race race;

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

/* CPU_ON may return before the CPU runs, AFFINITY_INFO saying OFF until
 * it does (natively: QEMU starts it asynchronously), so its start is
 * waited for by its count. */
static bool wait_runs(uint32_t want, uint64_t us)
{
	uint64_t end = guest_counter() + guest_us_to_ticks(us);

	while (st.runs != want) {
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

static bool wait_all(const volatile uint32_t *flags, unsigned int n);

/* On until every racer has its answer: a racer slower than the target's
 * whole life would find it off again and rightly start it anew. */
static void race_target(void *arg)
{
	(void)arg;
	race.target_runs = race.target_runs + 1;
	wait_all(race.done, RACERS);
	/* Returning turns it off. */
}

static void race_cpu_on(unsigned int me)
{
	race.ready[me] = 1;
	while (!race.go)
		;
	race.result[me] = guest_cpu_start(RACE_TARGET, race_target, NULL);
	guest_dsb();
	race.done[me] = 1;
}

static void racer(void *arg)
{
	(void)arg;
	race_cpu_on(guest_cpu_index());
}

static bool wait_all(const volatile uint32_t *flags, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		if (!guest_wait_flag(&flags[i], RACE_TIMEOUT_US))
			return false;
	}
	return true;
}

/* What the callers that did not start the target must hear. */
static bool lost_race(int32_t r)
{
#ifdef GUEST_UNDER_MONADIC
	return r == PSCI_RET_ALREADY_ON;
#else
	/* QEMU's own PSCI answers ON_PENDING while the target starts. */
	return r == PSCI_RET_ALREADY_ON || r == PSCI_RET_ON_PENDING;
#endif
}

static void check_cpu_on_race(void)
{
	unsigned int wins = 0, lost = 0;

	if (guest_info.num_cpus < RACERS + 1) {
		guest_skip("cpu_on race", "fewer than four vCPUs");
		return;
	}
	race.ready[0] = 1;
	for (unsigned int cpu = 1; cpu < RACERS; cpu++)
		guest_cpu_start(cpu, racer, NULL);
	if (!guest_check(wait_all(race.ready, RACERS), "cpu_on racers started",
			 "not all %u racers up after %u us", RACERS, RACE_TIMEOUT_US))
		return;
	guest_dsb();
	race.go = 1;
	race_cpu_on(0);
	if (!guest_check(wait_all(race.done, RACERS), "cpu_on racers done",
			 "not all %u CPU_ON calls returned", RACERS))
		return;
	for (unsigned int i = 0; i < RACERS; i++) {
		wins += race.result[i] == PSCI_RET_SUCCESS;
		lost += lost_race(race.result[i]);
	}
	guest_check(wins == 1 && lost == RACERS - 1, "cpu_on race: one success, others already on",
		    "results %d %d %d", (int)race.result[0], (int)race.result[1], (int)race.result[2]);
	guest_check(guest_wait_flag(&race.target_runs, RACE_TIMEOUT_US) && race.target_runs == 1,
		    "cpu_on race: target started once", "it started %u times", race.target_runs);
}

/* The virtual timer, soon, as the only interrupt enabled at the GIC
 * (CPU1's last pong may still be pending), IRQs masked at PSTATE: a
 * pending interrupt that ends a standby without being taken. */
static void arm_wakeup(void)
{
	guest_irq_disable(PONG_SGI);
	guest_irq_enable(GUEST_VTIMER_INTID, GIC_PRIO_DEFAULT, false);
	guest_timer_set_tval((uint32_t)guest_us_to_ticks(WAKE_US));
	guest_timer_set_ctl(CNTV_CTL_ENABLE);
}

static void check_cpu_suspend(void)
{
	static const struct {
		uint32_t power_state;
		const char *name;
	} bad[] = {
		{ 1U << 30, "cpu_suspend reserved bit" },
		{ 3U << PSCI_POWER_STATE_LEVEL_SHIFT, "cpu_suspend power level 3" },
#ifdef GUEST_UNDER_MONADIC
		{ 5U, "cpu_suspend unknown state id" },
		{ 2U << PSCI_POWER_STATE_LEVEL_SHIFT, "cpu_suspend power level 2" },
#endif
	};
	int32_t r;

	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r = guest_psci_cpu_suspend(bad[i].power_state, 0, 0);
		guest_check(r == PSCI_RET_INVALID_PARAMETERS, bad[i].name,
			    "power_state 0x%x returned %d", bad[i].power_state, (int)r);
	}
#ifdef GUEST_UNDER_MONADIC
	r = guest_psci_cpu_suspend(PSCI_POWER_STATE_POWERDOWN, OUTSIDE_RAM_ENTRY, 0);
	guest_check(r == PSCI_RET_INVALID_ADDRESS, "cpu_suspend powerdown entry outside ram",
		    "returned %d", (int)r);
#endif
	arm_wakeup();
	r = guest_psci_cpu_suspend(0, 0, 0);
	bool woke_by_timer = guest_timer_ctl() & CNTV_CTL_ISTATUS;

	guest_timer_set_ctl(0);
	guest_irq_disable(GUEST_VTIMER_INTID);
	guest_check(r == PSCI_RET_SUCCESS && woke_by_timer, "cpu_suspend standby woken by interrupt",
		    "returned %d, timer expired %d", (int)r, woke_by_timer);
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
	guest_check(r == PSCI_RET_SUCCESS && wait_runs(runs + 1, START_TIMEOUT_US) &&
		    wait_aff(PSCI_AFF_OFF, OFF_TIMEOUT_US), "cpu_on again after cpu_off",
		    "CPU_ON returned %d, CPU1 started %u times", (int)r, st.runs);
	check_cpu_on_race();
	check_cpu_suspend();
	return 0;
}
