/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * A VM that only guards its memory: it fills MEMWATCH_SIZE bytes at
 * RAM + MEMWATCH_OFFSET with a pattern and re-reads them every
 * MEMWATCH_PERIOD_MS for MEMWATCH_SECONDS, printing a heartbeat each
 * second. It is the victim in tests/integration/pcie_vm: another VM points
 * its passed-through device's DMA at this RAM's physical address, and not
 * one word here may change.
 */
#include <monadic/guest/sdk.h>

#ifndef MEMWATCH_OFFSET
#define MEMWATCH_OFFSET 0x100000UL
#endif
#ifndef MEMWATCH_SIZE
#define MEMWATCH_SIZE 0x10000UL
#endif
#ifndef MEMWATCH_SECONDS
#define MEMWATCH_SECONDS 10U
#endif
#define MEMWATCH_PERIOD_MS 100U
#define US_PER_MS 1000U
#define MS_PER_S 1000U
/* The DTB sits in the last 2 MiB of RAM (scripts/dts/gen_vms.py). */
#define DTB_RESERVE 0x200000UL

/* Word i of the pattern: different everywhere, and never 0 (what an
 * Identify buffer mostly holds). */
static uint32_t pattern(uint32_t i)
{
	return (i * 0x9e3779b9u) ^ 0xa5c3e10fu;
}

/* Index of the first word that differs, or n if none does. */
static uint32_t first_changed(const volatile uint32_t *buf, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (buf[i] != pattern(i))
			return i;
	return n;
}

int main(void)
{
	uintptr_t start = (uintptr_t)(guest_info.ram_base + MEMWATCH_OFFSET);
	volatile uint32_t *buf = (volatile uint32_t *)start;
	uint32_t n = (uint32_t)(MEMWATCH_SIZE / sizeof(uint32_t)), bad = n;

	if (!guest_check(start >= guest_info.image_end &&
			 start + MEMWATCH_SIZE <= guest_info.ram_base + guest_info.ram_size -
						  DTB_RESERVE,
			 "watched buffer in free RAM", "0x%lx + 0x%lx, image ends at 0x%lx",
			 (unsigned long)start, (unsigned long)MEMWATCH_SIZE,
			 (unsigned long)guest_info.image_end))
		return 0;
	for (uint32_t i = 0; i < n; i++)
		buf[i] = pattern(i);
	guest_printf("watching 0x%lx + 0x%lx for %u s\n", (unsigned long)start,
		     (unsigned long)MEMWATCH_SIZE, (unsigned int)MEMWATCH_SECONDS);

	uint64_t period = guest_us_to_ticks(MEMWATCH_PERIOD_MS * US_PER_MS);
	unsigned int rounds = MEMWATCH_SECONDS * MS_PER_S / MEMWATCH_PERIOD_MS;
	uint64_t next = guest_counter();

	for (unsigned int r = 1; r <= rounds && bad == n; r++) {
		next += period;
		while (guest_counter() < next)
			;
		bad = first_changed(buf, n);
		if (r % (MS_PER_S / MEMWATCH_PERIOD_MS) == 0)
			guest_printf("heartbeat %u s: %s\n", r * MEMWATCH_PERIOD_MS / MS_PER_S,
				     bad == n ? "pattern intact" : "pattern changed");
	}
	guest_check(bad == n, "memory unchanged",
		    "word at 0x%lx reads 0x%08x, wrote 0x%08x", (unsigned long)(start + 4 * bad),
		    bad < n ? buf[bad] : 0, pattern(bad));
	return 0;
}
