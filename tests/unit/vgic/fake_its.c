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
#ifdef CONFIG_GICV4
	memset(&fake_v4, 0, sizeof(fake_v4));
#endif
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

/* The event a call named, and the pCPU it sends it to. */
static void record_event(uint32_t devid, uint32_t eventid, unsigned int pcpu)
{
	fake_its.last_devid = devid;
	fake_its.last_eventid = eventid;
	fake_its.last_pcpu = pcpu;
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
	record_event(devid, eventid, pcpu);
	fake_its.last_lpi = lpi;
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
	record_event(devid, eventid, pcpu);
	return 0;
}

#ifdef CONFIG_GICV4
struct fake_v4_state fake_v4;

bool its_vlpi_available(void)
{
	return true;
}

int its_vpe_start(unsigned int pcpu, const uint8_t *vprop)
{
	fake_v4.vpes_started |= 1U << pcpu;
	fake_v4.vprop = vprop;
	return 0;
}

bool its_vpe_park(unsigned int pcpu)
{
	fake_v4.parked |= 1U << pcpu;
	return fake_v4.pending_last;
}

void its_vpe_resume(unsigned int pcpu)
{
	fake_v4.parked &= ~(1U << pcpu);
}

int its_vmap_event(uint32_t devid, uint32_t eventid, unsigned int pcpu, uint32_t vintid,
		   uint32_t doorbell)
{
	fake_v4.vmaps++;
	record_event(devid, eventid, pcpu);
	fake_v4.last_vintid = vintid;
	fake_v4.last_doorbell = doorbell;
	return 0;
}

int its_vmove_event(uint32_t devid, uint32_t eventid, unsigned int pcpu, uint32_t doorbell)
{
	fake_v4.vmoves++;
	record_event(devid, eventid, pcpu);
	fake_v4.last_doorbell = doorbell;
	return 0;
}

int its_vevent_command(uint8_t opcode, uint32_t devid, uint32_t eventid)
{
	fake_v4.last_command = opcode;
	fake_its.last_devid = devid;
	fake_its.last_eventid = eventid;
	return 0;
}

int its_vinvall(unsigned int pcpu)
{
	fake_v4.vinvalls |= 1U << pcpu;
	return 0;
}

void its_vprop_publish(const void *vprop, size_t size)
{
	(void)vprop;
	(void)size;
}

int its_doorbell_alloc(uint32_t *lpi, unsigned int pcpu)
{
	(void)pcpu;
	return its_lpi_alloc(lpi);
}
#endif
