/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* The host ITS (monadic/its.h) and the console, faked for the vITS tests:
 * every call is recorded, LPIs come from a counter, the last console
 * line is kept. */

#include "fake_its.h"

#include <monadic/errno.h>
#include <monadic/printk.h>
#include <monadic/regs/gicv3_its.h>
#include <stdarg.h>
#include <string.h>

struct fake_its_state fake_its;
char fake_console[256];

void fake_its_reset(void)
{
	memset(&fake_its, 0, sizeof(fake_its));
	fake_console[0] = '\0';
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	mhv_vsnprintf(fake_console, sizeof(fake_console), fmt, ap);
	va_end(ap);
}

bool its_available(void)
{
	return true;
}

uint64_t its_doorbell_pa(void)
{
	return 0x08090040;
}

int its_lpi_alloc(uint32_t *intid)
{
	if (fake_its.lpis_left == 0)
		return -MHV_ENOMEM;
	fake_its.lpis_left--;
	*intid = GIC_LPI_BASE + fake_its.next_lpi++;
	fake_its.lpis_live++;
	return 0;
}

void its_lpi_free(uint32_t intid)
{
	(void)intid;
	fake_its.lpis_live--;
}

int its_map_device(uint32_t devid, unsigned int event_bits)
{
	fake_its.device_maps++;
	fake_its.last_devid = devid;
	fake_its.last_event_bits = event_bits;
	return 0;
}

int its_unmap_device(uint32_t devid)
{
	fake_its.device_unmaps++;
	fake_its.last_devid = devid;
	return 0;
}

int its_map_event(uint32_t devid, uint32_t eventid, uint32_t lpi, unsigned int pcpu)
{
	fake_its.event_maps++;
	fake_its.last_devid = devid;
	fake_its.last_eventid = eventid;
	fake_its.last_lpi = lpi;
	fake_its.last_pcpu = pcpu;
	return 0;
}

int its_unmap_event(uint32_t devid, uint32_t eventid)
{
	fake_its.event_unmaps++;
	fake_its.last_devid = devid;
	fake_its.last_eventid = eventid;
	return 0;
}

int its_move_event(uint32_t devid, uint32_t eventid, unsigned int pcpu)
{
	fake_its.event_moves++;
	fake_its.last_devid = devid;
	fake_its.last_eventid = eventid;
	fake_its.last_pcpu = pcpu;
	return 0;
}
