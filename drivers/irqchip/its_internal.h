/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * What the host-LPI and ITS files of the GICv3 driver share
 * (CONFIG_GICV3_ITS): the LPI tables (gicv3_lpi.c), the ITS state and
 * its command queue (gicv3_its.c, its_queue.c), the mapping API
 * (its_map.c).
 */
#ifndef DRIVERS_IRQCHIP_ITS_INTERNAL_H
#define DRIVERS_IRQCHIP_ITS_INTERNAL_H

#include <monadic/regs/gicv3_its.h>
#include <monadic/spinlock.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "its_cmd.h"

/* INTID bits of the host LPIs: the fewest that hold 8192 + NR_LPIS
 * INTIDs, at least 14 (IHI 0069 5.1.1: IDbits below 13 disable LPIs). */
#define LPI_END (GIC_LPI_BASE + CONFIG_GICV3_ITS_NR_LPIS)
#define LPI_ID_BITS (LPI_END <= (1U << 14) ? 14U : LPI_END <= (1U << 15) ? 15U : 16U)

/* GICR_PROPBASER / PENDBASER / GITS_BASER / GITS_CBASER attributes:
 * Normal inner write-back, inner shareable. A GIC that reads the
 * shareability back as 0 does not snoop: the tables are then made
 * inner non-cacheable and every CPU write to them cleaned to the PoC
 * (as Linux's irq-gic-v3-its.c does). */
#define GIC_BASER_CACHE_NC 1ULL
#define GIC_TABLE_ATTRS_WB (GIC_BASER_CACHE_RAWAWB << GIC_BASER_INNER_CACHE_SHIFT | \
			    GIC_BASER_INNER_SHAREABLE << GIC_BASER_SHAREABILITY_SHIFT)
#define GIC_TABLE_ATTRS_NC (GIC_BASER_CACHE_NC << GIC_BASER_INNER_CACHE_SHIFT)
/* The same in the redistributors' table registers (GICR_PROPBASER,
 * GICR_PENDBASER, GICR_VPROPBASER, GICR_VPENDBASER), whose cacheability
 * fields sit lower (InnerCache [9:7], OuterCache [58:56]). */
#define GICR_TABLE_ATTRS_WB (GIC_BASER_CACHE_RAWAWB << GICR_BASER_INNER_CACHE_SHIFT | \
			     GIC_BASER_INNER_SHAREABLE << GIC_BASER_SHAREABILITY_SHIFT)
#define GICR_TABLE_ATTRS_NC (GIC_BASER_CACHE_NC << GICR_BASER_INNER_CACHE_SHIFT)

static inline bool gic_is_lpi(uint32_t intid)
{
	return intid >= GIC_LPI_BASE;
}

/* The GIC reads what the CPU wrote only once it reached the shared
 * domain (coherent) or the PoC (otherwise): call after writing table
 * memory the GIC reads, before the register write or command that
 * makes it look. */
void gic_table_publish(const void *p, size_t size, bool coherent);

/* Writes a base register (GITS_BASER<n>, GITS_CBASER; 'redist': a
 * GICR_*BASER) with 'val' | the write-back attributes; if it reads back
 * non-shareable, again with the non-cacheable ones. Returns whether it is
 * coherent. */
bool gic_table_base_write(volatile uint64_t *reg, uint64_t val, bool redist);

/* gicv3_lpi.c. Boot CPU, before its gic_cpu_init: false (and said why)
 * if the GIC has no LPIs or too few INTID bits. */
bool gic_lpi_init(void);
/* Per CPU, from gic_cpu_init: this CPU's pending table, GICR_PROPBASER,
 * GICR_PENDBASER, EnableLPIs. */
void gic_lpi_cpu_init(unsigned int cpu, uintptr_t rd);
bool gic_lpi_cpu_enabled(unsigned int cpu);
bool gic_lpi_allocated(uint32_t lpi);
/* The LPI's configuration byte (priority, enable), visible to the GIC
 * on return; a redistributor that cached it needs an INV. */
void gic_lpi_set_enabled(uint32_t lpi, bool enabled);

/* The ITS (gicv3_its.c, its_queue.c). */
struct its {
	uintptr_t base;
	uint64_t typer;
	unsigned int dev_bits;        /* DeviceID bits */
	unsigned int event_bits;      /* EventID bits */
	unsigned int itt_entry_size;  /* bytes */
	uint32_t nr_devids;           /* DeviceIDs the device table covers */
	bool coherent;                /* command queue and tables */
	bool ready;
	bool vlpis;                   /* GICv4.0 direct injection usable */
	uint32_t nr_vpes;             /* vPEIDs the vPE table covers */
	uint32_t cwriter;             /* our write offset in the command queue */
	struct spinlock lock;         /* the queue and every mapping record */
};

extern struct its its_dev;

/* RDbase field for CPU 'cpu' (GITS_TYPER.PTA: RD_base >> 16 or the
 * redistributor's processor number). */
uint64_t its_rdbase(unsigned int cpu);

/* Command queue (caller holds its_dev.lock). */
void its_queue_init(void);
/* Queues 'n' commands and a SYNC for the calling CPU's redistributor,
 * and waits (bounded) until the ITS has consumed them: 0, or -MHV_EIO
 * after reporting the command that stalled or timed out. */
int its_send(const its_cmd_t *cmds, unsigned int n);

/* A (DeviceID, EventID) the driver mapped: what a host LPI is the
 * translation of (its_map.c), or a vLPI (gicv4_vpe.c). */
struct its_event {
	bool mapped;
	uint32_t devid;
	uint32_t eventid;
};

/* its_map.c: enable or disable a host LPI (configuration byte, and an
 * INV when an event is mapped to it). */
void its_lpi_enable(uint32_t lpi, bool enabled);
/* Argument checks of the API (its_map.c), each printing why it fails with
 * 'fn' named: an ITS in use; an online CPU with LPIs; a mapped DeviceID
 * and an EventID within what MAPD gave it (caller holds the lock). */
int its_check_ready(const char *fn);
int its_check_pcpu(const char *fn, unsigned int pcpu);
int its_check_event(const char *fn, uint32_t devid, uint32_t eventid);

#ifdef CONFIG_GICV4
/* gicv4_vpe.c: whether the ITS and every redistributor do GICv4.0
 * (decided at ITS init), and the vPE table's pool for GITS_BASER. */
void its_vlpi_probe(void);
extern uint8_t its_vpe_table[];
extern const size_t its_vpe_table_size;
#endif

#endif /* DRIVERS_IRQCHIP_ITS_INTERNAL_H */
