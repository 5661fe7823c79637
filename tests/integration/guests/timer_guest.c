/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The EL1 timers as on hardware:
 * - the virtual timer's polled expiry;
 * - an interrupt latched while the guest masks IRQs is gone once the
 *   guest disables or reprograms the timer (a level-sensitive PPI follows
 *   its line until taken), also when the guest enables it at the GIC
 *   only afterwards, and the timer still fires after that;
 * - the EL1 physical timer: polled expiry and its interrupt, PPI 30;
 * - a periodic virtual timer interrupt at TICK_HZ counted for MEASURE_US
 *   of counter time; the rate must be within TOLERANCE_PCT of TICK_HZ;
 * - the interrupted code's registers as they were: x2..x28 hold patterns
 *   across KEPT_TICKS interrupts (each an IRQ exit, which saves only what
 *   the hypervisor's C code may clobber, and the SDK's IRQ entry, which
 *   does the same).
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
/* How long an interrupt that must not come is given to come. */
#define QUIET_US 20000U
/* How long the physical timer is armed for, and given to fire. */
#define PTIMER_US 1000U
#define PTIMER_TIMEOUT_US 2000000U

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

static volatile uint32_t stray_ticks;
static volatile uint32_t ptimer_ticks;

static void count_stray(unsigned int intid, void *arg)
{
	(void)intid;
	(void)arg;
	stray_ticks = stray_ticks + 1;
	guest_timer_set_ctl(0);
}

/* Expire the virtual timer while IRQs are masked at PSTATE, and wait
 * until the GIC holds its interrupt pending (each look is a trap, after
 * which the hypervisor has had its say). */
static bool latch_expired_timer(void)
{
	uint64_t end = guest_counter() + guest_us_to_ticks(POLL_TIMEOUT_US);

	guest_timer_set_cval(guest_counter());
	guest_timer_set_ctl(CNTV_CTL_ENABLE);
	while (!guest_irq_pending(GUEST_VTIMER_INTID) && guest_counter() < end)
		;
	return guest_irq_pending(GUEST_VTIMER_INTID);
}

/* Unmask IRQs for QUIET_US: how many timer interrupts came. */
static uint32_t stray_after_unmask(void)
{
	stray_ticks = 0;
	guest_irq_unmask();
	guest_udelay(QUIET_US);
	guest_irq_mask();
	return stray_ticks;
}

static void check_latched_then_disabled(void)
{
	guest_irq_connect(GUEST_VTIMER_INTID, count_stray, NULL);
	guest_irq_enable(GUEST_VTIMER_INTID, GIC_PRIO_DEFAULT, false);
	bool latched = latch_expired_timer();

	guest_timer_set_ctl(0);
	bool still = guest_irq_pending(GUEST_VTIMER_INTID);
	uint32_t stray = stray_after_unmask();

	guest_check(latched && !still && stray == 0, "vtimer disabled before taken: not pending",
		    "latched %d, pending after CNTV_CTL=0 %d, %u interrupts after unmask",
		    latched, still, stray);
}

static void check_latched_then_enabled(void)
{
	guest_irq_disable(GUEST_VTIMER_INTID);
	bool latched = latch_expired_timer();

	/* Reprogrammed into the future: the line drops, the timer stays on. */
	guest_timer_set_cval(guest_counter() + guest_us_to_ticks(POLL_TIMEOUT_US * 10U));
	guest_irq_enable(GUEST_VTIMER_INTID, GIC_PRIO_DEFAULT, false);
	bool still = guest_irq_pending(GUEST_VTIMER_INTID);
	uint32_t stray = stray_after_unmask();

	guest_timer_set_ctl(0);
	guest_check(latched && !still && stray == 0, "vtimer re-enabled: no stale interrupt",
		    "latched %d, pending after reprogramming %d, %u interrupts after unmask",
		    latched, still, stray);
}

static void check_fires_again(void)
{
	stray_ticks = 0;
	guest_timer_set_tval((uint32_t)guest_us_to_ticks(PTIMER_US));
	guest_timer_set_ctl(CNTV_CTL_ENABLE);
	guest_irq_unmask();
	bool fired = guest_wait_flag(&stray_ticks, PTIMER_TIMEOUT_US);

	guest_irq_mask();
	guest_timer_set_ctl(0);
	guest_irq_disable(GUEST_VTIMER_INTID);
	guest_check(fired, "vtimer fires after dropped interrupts",
		    "no interrupt within %u us", PTIMER_TIMEOUT_US);
}

static void on_ptimer(unsigned int intid, void *arg)
{
	(void)arg;
	last_intid = intid;
	ptimer_ticks = ptimer_ticks + 1;
	guest_ptimer_set_ctl(0);
}

static void check_ptimer(void)
{
	uint64_t end = guest_counter() + guest_us_to_ticks(PTIMER_TIMEOUT_US);

	guest_ptimer_set_tval((uint32_t)guest_us_to_ticks(PTIMER_US));
	guest_ptimer_set_ctl(CNTV_CTL_ENABLE | CNTV_CTL_IMASK);
	while (!(guest_ptimer_ctl() & CNTV_CTL_ISTATUS) && guest_counter() < end)
		;
	guest_check(guest_ptimer_ctl() & CNTV_CTL_ISTATUS, "ptimer polled expiry",
		    "CNTP_CTL_EL0 0x%lx after %u us", (unsigned long)guest_ptimer_ctl(),
		    PTIMER_TIMEOUT_US);

	guest_irq_connect(GUEST_PTIMER_INTID, on_ptimer, NULL);
	guest_irq_enable(GUEST_PTIMER_INTID, GIC_PRIO_DEFAULT, false);
	guest_ptimer_set_tval((uint32_t)guest_us_to_ticks(PTIMER_US));
	guest_ptimer_set_ctl(CNTV_CTL_ENABLE);
	guest_irq_unmask();
	bool fired = guest_wait_flag(&ptimer_ticks, PTIMER_TIMEOUT_US);

	guest_irq_mask();
	guest_ptimer_set_ctl(0);
	guest_irq_disable(GUEST_PTIMER_INTID);
	guest_check(fired && last_intid == GUEST_PTIMER_INTID, "ptimer interrupt",
		    "%u interrupts, last INTID %u", ptimer_ticks, last_intid);
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

#define KEPT_TICKS 10U

/* Read and written by the assembly below, at offsets 0, 8, 16, 24. */
struct kept {
	/* cppcheck-suppress unusedStructMember ; read by the assembly */
	uint64_t base;                  /* register n holds base + n */
	/* cppcheck-suppress unusedStructMember ; read by the assembly */
	const volatile uint32_t *ticks;
	/* cppcheck-suppress unusedStructMember ; read by the assembly */
	uint32_t until;                 /* spin until *ticks reaches it */
	uint64_t wrong;                 /* registers found changed */
};
_Static_assert(__builtin_offsetof(struct kept, ticks) == 8 &&
		       __builtin_offsetof(struct kept, until) == 16 &&
		       __builtin_offsetof(struct kept, wrong) == 24,
	       "the assembly's offsets");

/* x2..x28 loaded with their patterns, then a spin (x1 and x29 as scratch,
 * x0 the record) with IRQs unmasked until enough ticks came, then each
 * compared. x29 and x30 are kept on the stack: the compiler owns the
 * frame pointer. */
static uint64_t registers_changed_by_interrupts(struct kept *k)
{
	register struct kept *x0 __asm__("x0") = k;

	__asm__ volatile(
		"stp	x29, x30, [sp, #-16]!\n"
		"ldr	x1, [x0]\n"
		".irp	n, 2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28\n"
		"add	x\\n, x1, #\\n\n"
		".endr\n"
		"msr	daifclr, #2\n"
		"1:	ldr	x1, [x0, #8]\n"
		"ldr	w1, [x1]\n"
		"ldr	w29, [x0, #16]\n"
		"cmp	w1, w29\n"
		"b.lo	1b\n"
		"msr	daifset, #2\n"
		"mov	x29, #0\n"
		".irp	n, 2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28\n"
		"ldr	x1, [x0]\n"
		"add	x1, x1, #\\n\n"
		"cmp	x\\n, x1\n"
		"cinc	x29, x29, ne\n"
		".endr\n"
		"str	x29, [x0, #24]\n"
		"ldp	x29, x30, [sp], #16\n"
		:
		: "r"(x0)
		: "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13",
		  "x14", "x15", "x16", "x17", "x18", "x19", "x20", "x21", "x22", "x23", "x24", "x25",
		  "x26", "x27", "x28", "memory", "cc");
	return k->wrong;
}

static void check_registers_kept(void)
{
	struct kept k = { .base = 0x5eed0000c0de0000ULL, .ticks = &ticks, .until = ticks + KEPT_TICKS };

	guest_timer_set_cval(guest_counter() + period);
	guest_timer_set_ctl(CNTV_CTL_ENABLE);
	guest_irq_enable(GUEST_VTIMER_INTID, GIC_PRIO_DEFAULT, false);
	uint64_t wrong = registers_changed_by_interrupts(&k);

	guest_timer_set_ctl(0);
	guest_irq_disable(GUEST_VTIMER_INTID);
	guest_check(wrong == 0, "registers kept across timer interrupts",
		    "%lu of x2..x28 changed across %u interrupts", (unsigned long)wrong, KEPT_TICKS);
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
	check_latched_then_disabled();
	check_latched_then_enabled();
	check_fires_again();
	check_ptimer();

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
	check_registers_kept();
	return 0;
}
