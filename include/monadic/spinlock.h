/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * A test-and-test-and-set spinlock on C11 atomics (acquire on lock,
 * release on unlock). For short, rarely contended sections such as a
 * console line; compiled to LSE SWP/LDADD where the core has them.
 * Atomics need cacheable memory: use only once the MMU is on.
 */
#ifndef MONADIC_SPINLOCK_H
#define MONADIC_SPINLOCK_H

#include <stdatomic.h>
#include <stdbool.h>

struct spinlock {
	atomic_bool locked;
};

#define SPINLOCK_INIT { false }

static inline void spin_lock(struct spinlock *l)
{
	for (;;) {
		if (!atomic_exchange_explicit(&l->locked, true, memory_order_acquire))
			return;
		while (atomic_load_explicit(&l->locked, memory_order_relaxed))
			;
	}
}

static inline void spin_unlock(struct spinlock *l)
{
	atomic_store_explicit(&l->locked, false, memory_order_release);
}

#endif
