/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* Delays and bounded waits on the virtual counter. */
#include <monadic/guest/timer.h>

#define US_PER_S 1000000ULL

uint64_t guest_us_to_ticks(uint64_t us)
{
	uint64_t f = guest_timer_freq();

	/* Split to avoid overflowing us * f for long waits. */
	return (us / US_PER_S) * f + (us % US_PER_S) * f / US_PER_S;
}

void guest_udelay(uint64_t us)
{
	uint64_t end = guest_counter() + guest_us_to_ticks(us);

	while (guest_counter() < end)
		;
}

bool guest_wait_flag(const volatile uint32_t *flag, uint64_t us)
{
	uint64_t end = guest_counter() + guest_us_to_ticks(us);

	while (!*flag) {
		if (guest_counter() >= end)
			return *flag != 0;
	}
	return true;
}
