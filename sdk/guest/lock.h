/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Lamport's bakery lock. The guest runs with the MMU off, where memory is
 * Device-nGnRnE and exclusives (LDXR/STXR) and LSE atomics are not
 * architecturally guaranteed to work (Arm ARM B2.9.5: exclusives on
 * non-cacheable/Device memory are IMPLEMENTATION DEFINED). The bakery lock
 * needs only single-writer loads and stores with barriers.
 */
#ifndef GUEST_LOCK_H
#define GUEST_LOCK_H

#include <monadic/guest/cpu.h>
#include <stdint.h>

struct guest_bakery {
	volatile uint32_t choosing[GUEST_MAX_CPUS];
	volatile uint32_t number[GUEST_MAX_CPUS];
};

void guest_bakery_lock(struct guest_bakery *b, unsigned int cpu);
void guest_bakery_unlock(struct guest_bakery *b, unsigned int cpu);

#endif
