/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * <monadic/its.h>: devices, their interrupt translation tables (a pool of
 * 256-byte pieces; IHI 0069 5.3.8 MAPD wants ITT_addr 256-byte aligned)
 * and the events mapped to host LPIs (MAPTI, MOVI, DISCARD, INV).
 *
 * Every argument is checked against what the driver recorded before a
 * command is queued: an ITS may ignore a bad command (QEMU does) or stall
 * on it, and neither tells the caller what was wrong.
 */

#include <monadic/errno.h>
#include <monadic/cpus.h>
#include <monadic/its.h>
#include <monadic/noinit.h>
#include <monadic/printk.h>
#include <monadic/string.h>

#include "its_internal.h"

#define ITT_CHUNK 256U
#define ITT_CHUNKS (CONFIG_GICV3_ITS_ITT_POOL_KB * 1024U / ITT_CHUNK)

/* Cleared when handed out (its_map_device). */
static _Alignas(ITT_CHUNK) uint8_t itt_pool[ITT_CHUNKS][ITT_CHUNK] MHV_NOINIT;
static bool itt_used[ITT_CHUNKS];

struct its_device {
	bool used;
	uint32_t devid;
	unsigned int event_bits;
	unsigned int itt_first, itt_chunks;
};


static struct its_device devices[CONFIG_GICV3_ITS_MAX_DEVICES];
static struct its_event lpi_events[CONFIG_GICV3_ITS_NR_LPIS];

static struct its_device *device_of(uint32_t devid)
{
	for (unsigned int i = 0; i < CONFIG_GICV3_ITS_MAX_DEVICES; i++)
		if (devices[i].used && devices[i].devid == devid)
			return &devices[i];
	return NULL;
}

/* The host LPI (devid, eventid) is mapped to, or 0. */
static uint32_t lpi_of(uint32_t devid, uint32_t eventid)
{
	for (uint32_t n = 0; n < CONFIG_GICV3_ITS_NR_LPIS; n++)
		if (lpi_events[n].mapped && lpi_events[n].devid == devid &&
		    lpi_events[n].eventid == eventid)
			return GIC_LPI_BASE + n;
	return 0;
}

static struct its_event *event_of_lpi(uint32_t lpi)
{
	return &lpi_events[lpi - GIC_LPI_BASE];
}

/* First fit of 'n' free pieces in a row; ITT_CHUNKS if none. */
static unsigned int itt_alloc(unsigned int n)
{
	for (unsigned int first = 0; first + n <= ITT_CHUNKS; first++) {
		unsigned int i = 0;

		while (i < n && !itt_used[first + i])
			i++;
		if (i == n) {
			for (i = 0; i < n; i++)
				itt_used[first + i] = true;
			return first;
		}
		first += i;
	}
	return ITT_CHUNKS;
}

static void itt_free(unsigned int first, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		itt_used[first + i] = false;
}

int its_check_ready(const char *fn)
{
	if (its_dev.ready)
		return 0;
	printk("ITS: %s: no ITS in use\n", fn);
	return -MHV_ENOENT;
}

static bool pcpu_usable(unsigned int pcpu)
{
	return pcpu < mhv_cpu_count && cpu_get(pcpu)->online && gic_lpi_cpu_enabled(pcpu);
}

static int map_device_locked(uint32_t devid, unsigned int event_bits)
{
	size_t bytes = ((size_t)its_dev.itt_entry_size << event_bits);
	unsigned int chunks = (unsigned int)((bytes + ITT_CHUNK - 1) / ITT_CHUNK);
	struct its_device *d = NULL;
	its_cmd_t cmd;
	int rc;

	if (device_of(devid) != NULL) {
		printk("ITS: its_map_device: DeviceID 0x%x is already mapped\n", devid);
		return -MHV_EEXIST;
	}
	for (unsigned int i = 0; i < CONFIG_GICV3_ITS_MAX_DEVICES && d == NULL; i++)
		if (!devices[i].used)
			d = &devices[i];
	unsigned int first = d != NULL ? itt_alloc(chunks) : ITT_CHUNKS;

	if (first == ITT_CHUNKS) {
		printk("ITS: its_map_device: DeviceID 0x%x: no %s left for %u events\n", devid,
		       d == NULL ? "device slot (CONFIG_GICV3_ITS_MAX_DEVICES)" :
				   "ITT space (CONFIG_GICV3_ITS_ITT_POOL_KB)", 1U << event_bits);
		return -MHV_ENOMEM;
	}
	/* A stale valid entry would translate an event nobody mapped. */
	memset(itt_pool[first], 0, (size_t)chunks * ITT_CHUNK);
	gic_table_publish(itt_pool[first], (size_t)chunks * ITT_CHUNK, its_dev.coherent);
	its_cmd_mapd(cmd, devid, event_bits, (uintptr_t)itt_pool[first], true);
	rc = its_send(&cmd, 1);
	if (rc != 0) {
		itt_free(first, chunks);
		return rc;
	}
	*d = (struct its_device){ .used = true, .devid = devid, .event_bits = event_bits,
				  .itt_first = first, .itt_chunks = chunks };
	return 0;
}

int its_map_device(uint32_t devid, unsigned int event_bits)
{
	int rc = its_check_ready("its_map_device");

	if (rc != 0)
		return rc;
	if (devid >= its_dev.nr_devids) {
		printk("ITS: its_map_device: DeviceID 0x%x is beyond the %u DeviceIDs the ITS "
		       "covers (%u DeviceID bits, CONFIG_GICV3_ITS_DEVICE_TABLE_KB)\n", devid,
		       its_dev.nr_devids, its_dev.dev_bits);
		return -MHV_EINVAL;
	}
	if (event_bits == 0 || event_bits > its_dev.event_bits) {
		printk("ITS: its_map_device: DeviceID 0x%x: %u EventID bits, the ITS has 1..%u\n",
		       devid, event_bits, its_dev.event_bits);
		return -MHV_EINVAL;
	}
	spin_lock(&its_dev.lock);
	rc = map_device_locked(devid, event_bits);
	spin_unlock(&its_dev.lock);
	return rc;
}

int its_unmap_device(uint32_t devid)
{
	struct its_device *d;
	its_cmd_t cmd;
	int rc = its_check_ready("its_unmap_device");

	if (rc != 0)
		return rc;
	spin_lock(&its_dev.lock);
	d = device_of(devid);
	if (d == NULL) {
		spin_unlock(&its_dev.lock);
		printk("ITS: its_unmap_device: DeviceID 0x%x is not mapped\n", devid);
		return -MHV_ENOENT;
	}
	/* MAPD V=0 drops the device's translations: its LPIs go quiet. */
	for (uint32_t n = 0; n < CONFIG_GICV3_ITS_NR_LPIS; n++) {
		if (lpi_events[n].mapped && lpi_events[n].devid == devid) {
			gic_lpi_set_enabled(GIC_LPI_BASE + n, false);
			lpi_events[n].mapped = false;
		}
	}
	its_cmd_mapd(cmd, devid, d->event_bits, 0, false);
	rc = its_send(&cmd, 1);
	/* Even a failed MAPD leaves nothing of ours the ITS may still use
	 * once it was quiesced; keep the table if the command did not run. */
	if (rc == 0) {
		itt_free(d->itt_first, d->itt_chunks);
		d->used = false;
	}
	spin_unlock(&its_dev.lock);
	return rc;
}

/* The event's checks, shared by the calls that name an event. */
int its_check_event(const char *fn, uint32_t devid, uint32_t eventid)
{
	const struct its_device *d = device_of(devid);

	if (d == NULL) {
		printk("ITS: %s: DeviceID 0x%x is not mapped\n", fn, devid);
		return -MHV_ENOENT;
	}
	if (eventid >> d->event_bits) {
		printk("ITS: %s: DeviceID 0x%x EventID 0x%x is beyond the %u events it was mapped with\n",
		       fn, devid, eventid, 1U << d->event_bits);
		return -MHV_EINVAL;
	}
	return 0;
}

int its_check_pcpu(const char *fn, unsigned int pcpu)
{
	if (pcpu_usable(pcpu))
		return 0;
	printk("ITS: %s: CPU %u is not online with LPIs enabled\n", fn, pcpu);
	return -MHV_EINVAL;
}

static int map_event_locked(uint32_t devid, uint32_t eventid, uint32_t lpi, unsigned int pcpu)
{
	its_cmd_t cmds[2];
	int rc = its_check_event("its_map_event", devid, eventid);

	if (rc == 0)
		rc = its_check_pcpu("its_map_event", pcpu);
	if (rc != 0)
		return rc;
	if (!gic_lpi_allocated(lpi)) {
		printk("ITS: its_map_event: INTID %u is not an allocated host LPI\n", lpi);
		return -MHV_EINVAL;
	}
	if (event_of_lpi(lpi)->mapped || lpi_of(devid, eventid) != 0) {
		printk("ITS: its_map_event: LPI %u or DeviceID 0x%x EventID 0x%x is already mapped\n",
		       lpi, devid, eventid);
		return -MHV_EEXIST;
	}
	gic_lpi_set_enabled(lpi, true);
	its_cmd_mapti(cmds[0], devid, eventid, lpi, (uint16_t)pcpu);
	its_cmd_event(cmds[1], ITS_CMD_INV, devid, eventid);
	rc = its_send(cmds, 2);
	if (rc != 0) {
		gic_lpi_set_enabled(lpi, false);
		return rc;
	}
	*event_of_lpi(lpi) = (struct its_event){ .mapped = true, .devid = devid, .eventid = eventid };
	return 0;
}

int its_map_event(uint32_t devid, uint32_t eventid, uint32_t lpi, unsigned int pcpu)
{
	int rc = its_check_ready("its_map_event");

	if (rc != 0)
		return rc;
	spin_lock(&its_dev.lock);
	rc = map_event_locked(devid, eventid, lpi, pcpu);
	spin_unlock(&its_dev.lock);
	return rc;
}

/* The host LPI (devid, eventid) is mapped to, after check_event. */
static int mapped_lpi(const char *fn, uint32_t devid, uint32_t eventid, uint32_t *lpi)
{
	int rc = its_check_event(fn, devid, eventid);

	if (rc != 0)
		return rc;
	*lpi = lpi_of(devid, eventid);
	if (*lpi != 0)
		return 0;
	printk("ITS: %s: DeviceID 0x%x EventID 0x%x is not mapped\n", fn, devid, eventid);
	return -MHV_ENOENT;
}

int its_unmap_event(uint32_t devid, uint32_t eventid)
{
	its_cmd_t cmd;
	uint32_t lpi;
	int rc = its_check_ready("its_unmap_event");

	if (rc != 0)
		return rc;
	spin_lock(&its_dev.lock);
	rc = mapped_lpi("its_unmap_event", devid, eventid, &lpi);
	if (rc == 0) {
		its_cmd_event(cmd, ITS_CMD_DISCARD, devid, eventid);
		rc = its_send(&cmd, 1);
		gic_lpi_set_enabled(lpi, false);
		event_of_lpi(lpi)->mapped = false;
	}
	spin_unlock(&its_dev.lock);
	return rc;
}

int its_move_event(uint32_t devid, uint32_t eventid, unsigned int pcpu)
{
	its_cmd_t cmd;
	uint32_t lpi;
	int rc = its_check_ready("its_move_event");

	if (rc == 0)
		rc = its_check_pcpu("its_move_event", pcpu);
	if (rc != 0)
		return rc;
	spin_lock(&its_dev.lock);
	rc = mapped_lpi("its_move_event", devid, eventid, &lpi);
	if (rc == 0) {
		its_cmd_movi(cmd, devid, eventid, (uint16_t)pcpu);
		rc = its_send(&cmd, 1);
	}
	spin_unlock(&its_dev.lock);
	return rc;
}

void its_lpi_enable(uint32_t lpi, bool enabled)
{
	const struct its_event *e;
	its_cmd_t cmd;

	if (!gic_lpi_allocated(lpi) || !its_dev.ready)
		return;
	e = event_of_lpi(lpi);
	spin_lock(&its_dev.lock);
	gic_lpi_set_enabled(lpi, enabled);
	/* The redistributor may hold the old byte: INV makes it read it. */
	if (e->mapped) {
		its_cmd_event(cmd, ITS_CMD_INV, e->devid, e->eventid);
		its_send(&cmd, 1);
	}
	spin_unlock(&its_dev.lock);
}
