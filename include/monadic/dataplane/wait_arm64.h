/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * WFE wait on the exclusive monitor (CONFIG_DATAPLANE_WAIT_WFE), arm64 only.
 *
 * The waiter arms its exclusive monitor on the peer's index line with a
 * load-exclusive, compares, and sleeps in WFE. Arm ARM (DDI 0487), "Wait
 * for Event mechanism and Send event": the Event Register is set by "an
 * event caused by the clearing of the global monitor for the PE"; and
 * "The Exclusive monitors": a store by another observer to the marked
 * granule clears that monitor. So the peer's plain store-release of its
 * index wakes us with no instruction on its side. If the store lands
 * between our LDXR and WFE, the monitor is already cleared and the event
 * already pending, so WFE returns at once: no lost wake-up.
 *
 * CONFIG_DATAPLANE_WAIT_SEV is for peers whose stores may not clear our
 * monitor (e.g. a non-coherent agent, or memory the monitor does not
 * track): the publisher then also signals SEV. The DSB ISHST before it
 * makes the index store observable before the event is (otherwise the
 * woken waiter may still read the old value and sleep again with no
 * further event to come). This is the only barrier instruction in the
 * dataplane, and only in this configuration.
 */
#ifndef MONADIC_DATAPLANE_WAIT_ARM64_H
#define MONADIC_DATAPLANE_WAIT_ARM64_H

#ifndef __aarch64__
#error "CONFIG_DATAPLANE_WAIT_WFE needs an arm64 target"
#endif

#include <stdatomic.h>
#include <stdint.h>

static inline void mhv_wait_while_eq_u32(const _Atomic uint32_t *p, uint32_t old)
{
	uint32_t cur;

	/*
	 * SEVL makes the first WFE fall through, so the loop is entered at
	 * the load; each later WFE sleeps until the monitor is cleared (or
	 * an interrupt / SEV / event-stream tick arrives).
	 */
	__asm__ __volatile__(
		"	sevl\n"
		"1:	wfe\n"
		"	ldxr	%w[cur], %[p]\n"
		"	cmp	%w[cur], %w[old]\n"
		"	b.eq	1b\n"
		: [cur] "=&r"(cur)
		: [p] "Q"(*(const volatile uint32_t *)p), [old] "r"(old)
		: "cc", "memory");
}

#if defined(CONFIG_DATAPLANE_WAIT_SEV)
static inline void mhv_wait_notify(void)
{
	__asm__ __volatile__("dsb ishst\n\tsev" ::: "memory");
}
#else
/* The index store itself clears the waiter's monitor. */
static inline void mhv_wait_notify(void)
{
}
#endif

#endif /* MONADIC_DATAPLANE_WAIT_ARM64_H */
