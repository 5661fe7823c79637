/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* Recorders of the faked host ITS and console (fake_its.c). */
#ifndef VGIC_FAKE_ITS_H
#define VGIC_FAKE_ITS_H

#include <monadic/its.h>

struct fake_its_state {
	unsigned int lpis_left;      /* its_lpi_alloc fails at 0 */
	uint32_t next_lpi;           /* the next host LPI is GIC_LPI_BASE + this */
	int lpis_live;
	unsigned int device_maps, device_unmaps, event_maps, event_unmaps, event_moves;
	uint32_t last_devid, last_eventid, last_lpi;
	unsigned int last_event_bits, last_pcpu;
};

extern struct fake_its_state fake_its;
extern char fake_console[256];   /* the last printk */

void fake_its_reset(void);

#ifdef CONFIG_GICV4
/* The GICv4 calls (its.h), recorded; vPEs as bitmasks of pCPUs. */
struct fake_v4_state {
	unsigned int vpes_started, parked, vinvalls;
	bool pending_last;            /* what its_vpe_park answers */
	const uint8_t *vprop;
	unsigned int vmaps, vmoves;
	uint32_t last_vintid, last_doorbell;
	uint8_t last_command;
};
extern struct fake_v4_state fake_v4;
#endif

#endif
