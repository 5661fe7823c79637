/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * LPIs and the GICv3 Interrupt Translation Service for a guest (IHI 0069:
 * 5.1 LPIs, 5.3 ITS commands, 12.19 ITS registers). The guest owns every
 * table: the LPI configuration and pending tables, the ITS's device and
 * collection tables, the command queue and each device's ITT, all in its
 * RAM (the MMU is off, so plain stores reach memory; a dsb orders them
 * before the register write that makes the GIC look).
 *
 * Handlers: guest_lpi_connect() in gic.h.
 */
#ifndef MONADIC_GUEST_ITS_H
#define MONADIC_GUEST_ITS_H

#include <monadic/regs/gicv3_its.h>
#include <stdbool.h>
#include <stdint.h>

/* Where the virt machine (and Monadic's contract, docs/its.md) puts it. */
#define GUEST_GITS_BASE 0x08080000UL

/* Alignments the tables need (IHI 0069 12.11.29, 5.3.10, 12.19). */
#define GUEST_LPI_PEND_ALIGN 0x10000U
#define GUEST_ITS_PAGE 0x1000U
#define GUEST_ITT_ALIGN 256U

/*
 * LPIs on vCPU `cpu`'s redistributor: the configuration table `prop`
 * covering INTIDs below 2^id_bits (one byte per LPI, shared by every
 * redistributor), the pending table `pend` (2^id_bits bits, zeroed,
 * GUEST_LPI_PEND_ALIGN aligned), then GICR_CTLR.EnableLPIs.
 */
void guest_lpi_enable(unsigned int cpu, const void *prop, unsigned int id_bits, void *pend);

/* LPI `intid`'s byte in the configuration table (5.1.1): priority and
 * enable. The GIC reads it again on INV (guest_its_event(ITS_CMD_INV)). */
void guest_lpi_config(uint8_t *prop, unsigned int intid, uint8_t prio, bool enable);

/* One ITS command, four little-endian doublewords (5.3.1). */
struct guest_its_cmd {
	uint64_t dw[ITS_CMD_DWORDS];
};

/* The guest's side of an ITS: its frame and its command queue. */
struct guest_its {
	uintptr_t base;              /* GITS_CTLR's address */
	volatile uint64_t *queue;    /* GUEST_ITS_PAGE aligned */
	uint32_t queue_size;         /* bytes, a multiple of GUEST_ITS_PAGE */
	uint32_t cwriter;            /* where the next command goes */
};

uint64_t guest_its_read(const struct guest_its *its, uint32_t off);
void guest_its_write(const struct guest_its *its, uint32_t off, uint64_t val);

/*
 * Disable the ITS, point GITS_CBASER at its->queue (which resets
 * GITS_CREADR, 12.19.4), set GITS_CWRITER to 0 and enable it again: how
 * a queue starts, and how a stalled one is abandoned.
 */
void guest_its_restart(struct guest_its *its);

/*
 * Write `cmd` at GITS_CWRITER, advance it and wait for the ITS to read
 * it. True when GITS_CREADR reached GITS_CWRITER; false when the queue
 * stalled (GITS_CREADR.Stalled) or did not move within a second.
 */
bool guest_its_send(struct guest_its *its, const struct guest_its_cmd *cmd);

/* Queue `cmd` without telling the ITS; returns its byte offset. */
uint32_t guest_its_queue(struct guest_its *its, const struct guest_its_cmd *cmd);
/* Tell the ITS about everything queued (GITS_CWRITER, with `retry`
 * GITS_CWRITER.Retry) and wait as guest_its_send() does. */
bool guest_its_kick(struct guest_its *its, bool retry);

/* The commands (5.3). `rdbase` is the target redistributor as
 * GITS_TYPER.PTA says: its processor number when PTA = 0. */
struct guest_its_cmd guest_its_mapd(uint32_t devid, unsigned int event_bits, uint64_t itt,
				    bool valid);
struct guest_its_cmd guest_its_mapc(uint32_t icid, uint64_t rdbase, bool valid);
struct guest_its_cmd guest_its_mapti(uint32_t devid, uint32_t event, uint32_t intid,
				     uint32_t icid);
struct guest_its_cmd guest_its_movi(uint32_t devid, uint32_t event, uint32_t icid);
/* INT, CLEAR, DISCARD and INV: a DeviceID and an EventID. */
struct guest_its_cmd guest_its_event(uint8_t opcode, uint32_t devid, uint32_t event);
struct guest_its_cmd guest_its_sync(uint64_t rdbase);

#endif
