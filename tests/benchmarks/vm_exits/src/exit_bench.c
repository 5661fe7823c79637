/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Exit costs seen from a guest. Under QEMU -icount shift=0 every executed
 * instruction (guest or hypervisor) advances virtual time by 1 ns, so the
 * virtual counter measures instructions: ticks * (1e9 / CNTFRQ). Each
 * figure is a loop of N operations minus the same loop without them.
 *   null hypercall      HVC MHV_HC_VERSION: trap, decode, return
 *   emulated MMIO read  a load of GICD_TYPER: data abort, decode, vGIC, return
 *   virtual IRQ         ICC_SGI1R_EL1 write to self until the handler runs:
 *                       trap, inject, list register, guest exception entry
 *   virtual timer       the timer's deadline until its handler runs: the
 *                       physical PPI's exit, injection, list register,
 *                       guest exception entry
 */

#include <monadic/guest/sdk.h>

#define N 20000

static volatile uint32_t irq_seen;
static volatile uint64_t irq_at;

static void on_sgi(unsigned int intid, void *arg)
{
	(void)intid;
	(void)arg;
	irq_at = guest_counter();
	irq_seen = 1;
}

static uint64_t insns(uint64_t ticks)
{
	return ticks * (1000000000ULL / guest_timer_freq());
}

static uint64_t loop_base(void)
{
	uint64_t t = guest_counter();

	for (unsigned int i = 0; i < N; i++)
		__asm__ volatile("" ::: "memory");
	return guest_counter() - t;
}

static uint64_t loop_hvc(void)
{
	uint64_t t = guest_counter();

	for (unsigned int i = 0; i < N; i++)
		guest_hvc(MHV_HC64(MHV_HC_VERSION), 0, 0, 0);
	return guest_counter() - t;
}

static uint64_t loop_mmio(void)
{
	uint64_t t = guest_counter();

	for (unsigned int i = 0; i < N; i++)
		(void)*(volatile uint32_t *)(GUEST_GICD_BASE + GICD_TYPER);
	return guest_counter() - t;
}

/* Ticks from the SGI write to the handler, summed over N deliveries. */
static uint64_t loop_virq(void)
{
	uint64_t sum = 0;

	for (unsigned int i = 0; i < N; i++) {
		irq_seen = 0;
		uint64_t t = guest_counter();

		guest_sgi_send(0, 0);
		while (!irq_seen)
			__asm__ volatile("" ::: "memory");
		sum += irq_at - t;
	}
	return sum;
}

static void on_vtimer(unsigned int intid, void *arg)
{
	(void)intid;
	(void)arg;
	irq_at = guest_counter();
	guest_timer_set_ctl(0);
	irq_seen = 1;
}

/* Ticks from each deadline to the handler, summed over N_TIMER expiries. */
#define N_TIMER 2000
#define TIMER_AHEAD_TICKS 64

static uint64_t loop_vtimer(void)
{
	uint64_t sum = 0;

	for (unsigned int i = 0; i < N_TIMER; i++) {
		uint64_t deadline = guest_counter() + TIMER_AHEAD_TICKS;

		irq_seen = 0;
		guest_timer_set_cval(deadline);
		guest_timer_set_ctl(CNTV_CTL_ENABLE);
		while (!irq_seen)
			__asm__ volatile("" ::: "memory");
		sum += irq_at - deadline;
	}
	return sum;
}

int main(void)
{
	uint64_t base = loop_base();

	guest_printf("BENCH counter %lu Hz, %lu instructions per tick under -icount shift=0\n",
		     (unsigned long)guest_timer_freq(), (unsigned long)insns(1));
	guest_printf("BENCH null_hypercall %lu instructions per round trip (N=%u)\n",
		     (unsigned long)(insns(loop_hvc() - base) / N), N);
	guest_printf("BENCH mmio_read %lu instructions per emulated GICD_TYPER read (N=%u)\n",
		     (unsigned long)(insns(loop_mmio() - base) / N), N);
	guest_gic_init();
	guest_irq_connect(0, on_sgi, NULL);
	guest_irq_enable(0, 0x80, true);
	__asm__ volatile("msr daifclr, #2");
	guest_printf("BENCH virq_latency %lu instructions from SGI write to handler (N=%u)\n",
		     (unsigned long)(insns(loop_virq()) / N), N);
	guest_irq_connect(GUEST_VTIMER_INTID, on_vtimer, NULL);
	guest_irq_enable(GUEST_VTIMER_INTID, 0x80, false);
	guest_printf("BENCH vtimer_latency %lu instructions from the deadline to the handler (N=%u)\n",
		     (unsigned long)(insns(loop_vtimer()) / N_TIMER), N_TIMER);
	guest_hvc(MHV_HC64(MHV_HC_TRAP_STATS), 0, 0, 0);
	return 0;
}
