/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The EL1 virtual timer: polled expiry, then a periodic interrupt at
 * TICK_HZ counted for MEASURE_US of counter time; the rate must be within
 * TOLERANCE_PCT of TICK_HZ.
 */
#include <monadic/guest/sdk.h>

#define TICK_HZ 100U
#define MEASURE_US 500000U
#define US_PER_S 1000000U
#define TOLERANCE_PCT 10U
/* The polled-expiry deadline: long enough that a TCG vCPU thread preempted
 * on a busy host between arming and the first read does not see it expired. */
#define POLL_US 200000U
#define POLL_TIMEOUT_US 2000000U

static uint64_t period;
static volatile uint32_t ticks;
static volatile uint32_t last_intid;

/* Move the compare value one period on: that also drops the level. */
static void tick(unsigned int intid, void *arg)
{
	(void)arg;
	last_intid = intid;
	ticks = ticks + 1;
	guest_timer_set_cval(guest_read_sysreg(cntv_cval_el0) + period);
}

static void check_polled(void)
{
	guest_timer_set_ctl(CNTV_CTL_IMASK);
	guest_timer_set_tval((uint32_t)guest_us_to_ticks(POLL_US));
	guest_timer_set_ctl(CNTV_CTL_ENABLE | CNTV_CTL_IMASK);
	bool early = guest_timer_ctl() & CNTV_CTL_ISTATUS;
	uint64_t end = guest_counter() + guest_us_to_ticks(POLL_TIMEOUT_US);

	while (!(guest_timer_ctl() & CNTV_CTL_ISTATUS) && guest_counter() < end)
		;
	bool fired = guest_timer_ctl() & CNTV_CTL_ISTATUS;

	guest_timer_set_ctl(0);
	guest_check(!early && fired, "timer polled expiry",
		    "ISTATUS %s", early ? "set before the deadline" : "never set");
}

int main(void)
{
	uint64_t freq = guest_timer_freq();

	guest_check(freq != 0, "cntfrq set", "CNTFRQ_EL0 is 0");
	if (!freq)
		return 0;
	guest_printf("counter frequency %lu Hz\n", (unsigned long)freq);

	uint64_t a = guest_counter(), b = guest_counter();

	guest_check(b >= a, "counter monotonic", "0x%lx then 0x%lx", (unsigned long)a,
		    (unsigned long)b);
	check_polled();

	guest_gic_init();
	guest_irq_connect(GUEST_VTIMER_INTID, tick, NULL);
	guest_irq_enable(GUEST_VTIMER_INTID, GIC_PRIO_DEFAULT, false);
	period = freq / TICK_HZ;

	uint64_t start = guest_counter();

	guest_timer_set_cval(start + period);
	guest_timer_set_ctl(CNTV_CTL_ENABLE);
	guest_irq_unmask();
	uint64_t end = start + guest_us_to_ticks(MEASURE_US);

	/* Spin until the first tick (so a timer that never fires fails the
	 * check instead of hanging in WFI), then wait in WFI: the
	 * hypervisor must wake the vCPU for its virtual timer. */
	while (guest_counter() < end) {
		if (ticks)
			guest_wfi();
	}
	guest_irq_mask();
	guest_timer_set_ctl(0);
	guest_irq_disable(GUEST_VTIMER_INTID);

	uint32_t want = TICK_HZ * (MEASURE_US / 1000U) / (US_PER_S / 1000U);
	uint32_t slack = want * TOLERANCE_PCT / 100U;
	uint32_t got = ticks;

	guest_printf("%u timer interrupts in %u ms (want %u +- %u)\n", got,
		     MEASURE_US / 1000U, want, slack);
	guest_check(got > 0 && last_intid == GUEST_VTIMER_INTID, "timer irq intid",
		    "%u interrupts, last INTID %u", got, last_intid);
	guest_check(got + slack >= want && got <= want + slack, "timer irq rate",
		    "%u interrupts in %u ms, want %u +- %u", got, MEASURE_US / 1000U, want,
		    slack);
	return 0;
}
