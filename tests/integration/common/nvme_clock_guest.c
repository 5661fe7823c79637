/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* nvme_admin.c's clock in a test guest: the virtual counter. */
#include <monadic/guest/timer.h>

#include "nvme_admin.h"

uint64_t nvme_clock_ticks(void)
{
	return guest_counter();
}

uint64_t nvme_clock_freq(void)
{
	return guest_timer_freq();
}
