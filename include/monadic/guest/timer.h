/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The EL1 virtual timer and counter (Arm ARM D11.2). Its interrupt is PPI
 * GUEST_VTIMER_INTID, level-sensitive: it stays asserted until the
 * compare value moves past the counter or the timer is masked/disabled.
 * The EL1 physical timer works the same way against the physical counter,
 * with PPI GUEST_PTIMER_INTID.
 */
#ifndef MONADIC_GUEST_TIMER_H
#define MONADIC_GUEST_TIMER_H

#include <monadic/guest/sysreg.h>
#include <monadic/regs/timer.h>
#include <stdbool.h>
#include <stdint.h>

#define GUEST_VTIMER_INTID 27U
#define GUEST_PTIMER_INTID 30U

/* CNTV_CTL_EL0 fields (CNTP_CTL_EL0 has the same): the shared map. */
#define CNTV_CTL_ENABLE CNT_CTL_ENABLE
#define CNTV_CTL_IMASK CNT_CTL_IMASK
#define CNTV_CTL_ISTATUS CNT_CTL_ISTATUS

static inline uint64_t guest_timer_freq(void)
{
	return guest_read_sysreg(cntfrq_el0);
}

/* The ISB keeps the read from being taken early (Arm ARM D11.2.2). */
static inline uint64_t guest_counter(void)
{
	guest_isb();
	return guest_read_sysreg(cntvct_el0);
}

static inline void guest_timer_set_cval(uint64_t cval)
{
	guest_write_sysreg(cntv_cval_el0, cval);
}

static inline void guest_timer_set_tval(uint32_t ticks)
{
	guest_write_sysreg(cntv_tval_el0, ticks);
}

static inline void guest_timer_set_ctl(uint64_t ctl)
{
	guest_write_sysreg(cntv_ctl_el0, ctl);
	guest_isb();
}

static inline uint64_t guest_timer_ctl(void)
{
	return guest_read_sysreg(cntv_ctl_el0);
}

static inline void guest_ptimer_set_tval(uint32_t ticks)
{
	guest_write_sysreg(cntp_tval_el0, ticks);
}

static inline void guest_ptimer_set_ctl(uint64_t ctl)
{
	guest_write_sysreg(cntp_ctl_el0, ctl);
	guest_isb();
}

static inline uint64_t guest_ptimer_ctl(void)
{
	return guest_read_sysreg(cntp_ctl_el0);
}

/* Counter ticks in `us` microseconds. */
uint64_t guest_us_to_ticks(uint64_t us);

/* Busy-wait (no interrupts needed). */
void guest_udelay(uint64_t us);

/* Spin until *flag != 0 or `us` pass; true if the flag was seen. */
bool guest_wait_flag(const volatile uint32_t *flag, uint64_t us);

#endif
