/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * How a ring side waits for its peer to move an index, chosen by Kconfig
 * (subsys/dataplane/Kconfig). Two operations:
 *
 *   mhv_wait_while_eq_u32(p, old)  return once *p has been seen != old
 *                                  (it may also return early; callers
 *                                  re-check with their own acquire load)
 *   mhv_wait_notify()              called by a side right after it
 *                                  publishes its index
 *
 * In the hypervisor the CONFIG_DATAPLANE_WAIT_* macros come from autoconf.h;
 * on the host none is defined and the portable strategy is used.
 *
 * The loads here are relaxed: they only detect the change. Ordering of the
 * slot accesses comes from the caller's acquire load that follows.
 * C11 7.17.3p16 asks that atomic stores become visible to atomic loads
 * "within a reasonable amount of time", so these loops terminate.
 */
#ifndef MONADIC_DATAPLANE_WAIT_H
#define MONADIC_DATAPLANE_WAIT_H

#include <stdatomic.h>
#include <stdint.h>

#if defined(CONFIG_DATAPLANE_WAIT_WFE)

#include <monadic/dataplane/wait_arm64.h>

#else

#if defined(CONFIG_DATAPLANE_WAIT_SPIN)
/* Dedicated cores: poll flat out, lowest wake-up latency. */
#define MHV_WAIT_RELAX() ((void)0)
#elif defined(__x86_64__) || defined(__i386__)
/* PAUSE: stops the spin from flooding the pipeline with speculative loads
 * and from starving an SMT sibling (Intel SDM vol. 2, PAUSE). */
#define MHV_WAIT_RELAX() __builtin_ia32_pause()
#elif defined(__aarch64__)
/* YIELD: the Arm hint for "this is a spin-wait loop". */
#define MHV_WAIT_RELAX() __asm__ __volatile__("yield" ::: "memory")
#else
#define MHV_WAIT_RELAX() ((void)0)
#endif

static inline void mhv_wait_while_eq_u32(const _Atomic uint32_t *p, uint32_t old)
{
	while (atomic_load_explicit(p, memory_order_relaxed) == old)
		MHV_WAIT_RELAX();
}

/* A polling peer needs no wake-up. */
static inline void mhv_wait_notify(void)
{
}

#endif

#endif /* MONADIC_DATAPLANE_WAIT_H */
