/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* Lamport's bakery lock (CACM 17(8), 1974), see lock.h for why. */
#include "lock.h"

#include <monadic/guest/sysreg.h>

/* Does (number a, cpu i) go before (number b, cpu j)? */
static int before(uint32_t a, unsigned int i, uint32_t b, unsigned int j)
{
	return a < b || (a == b && i < j);
}

void guest_bakery_lock(struct guest_bakery *b, unsigned int cpu)
{
	uint32_t max = 0;

	b->choosing[cpu] = 1;
	guest_dmb();
	for (unsigned int j = 0; j < GUEST_MAX_CPUS; j++) {
		uint32_t n = b->number[j];

		if (n > max)
			max = n;
	}
	b->number[cpu] = max + 1;
	guest_dmb();
	b->choosing[cpu] = 0;
	guest_dmb();
	for (unsigned int j = 0; j < GUEST_MAX_CPUS; j++) {
		if (j == cpu)
			continue;
		while (b->choosing[j])
			;
		guest_dmb();
		for (;;) {
			uint32_t n = b->number[j];

			if (n == 0 || !before(n, j, b->number[cpu], cpu))
				break;
		}
	}
	guest_dmb();
}

void guest_bakery_unlock(struct guest_bakery *b, unsigned int cpu)
{
	guest_dmb();
	b->number[cpu] = 0;
}
