/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The ITS's 32-byte commands (IHI 0069 5.3.1 layouts; 5.3.x one section
 * per command): encoders for what the physical driver sends and one
 * decoder for reports and tests. Portable: tests/unit/its checks every
 * field on the host.
 */
#ifndef DRIVERS_IRQCHIP_ITS_CMD_H
#define DRIVERS_IRQCHIP_ITS_CMD_H

#include <monadic/regs/gicv3_its.h>
#include <stdbool.h>
#include <stdint.h>

typedef uint64_t its_cmd_t[ITS_CMD_DWORDS];

/* 'rdbase' is the RDbase field as GITS_TYPER.PTA says: the target
 * redistributor's processor number (PTA = 0) or its RD_base PA >> 16
 * (PTA = 1). */
void its_cmd_mapd(its_cmd_t cmd, uint32_t devid, unsigned int event_bits, uint64_t itt_pa,
		  bool valid);
void its_cmd_mapc(its_cmd_t cmd, uint16_t icid, uint64_t rdbase, bool valid);
void its_cmd_mapti(its_cmd_t cmd, uint32_t devid, uint32_t eventid, uint32_t pintid,
		   uint16_t icid);
void its_cmd_movi(its_cmd_t cmd, uint32_t devid, uint32_t eventid, uint16_t icid);
/* DISCARD, INV, INT, CLEAR: a DeviceID and an EventID only. */
void its_cmd_event(its_cmd_t cmd, uint8_t opcode, uint32_t devid, uint32_t eventid);
void its_cmd_invall(its_cmd_t cmd, uint16_t icid);
void its_cmd_sync(its_cmd_t cmd, uint64_t rdbase);

/* GICv4.0 (IHI 0069 9.x "GICv4 ITS commands"). vPEID 16 bits; a doorbell
 * of 1023 means none. */
#define ITS_NO_DOORBELL 1023U
void its_cmd_vmapp(its_cmd_t cmd, uint16_t vpeid, uint64_t rdbase, uint64_t vpt_pa,
		   unsigned int vpt_bits, bool valid);
void its_cmd_vmapti(its_cmd_t cmd, uint32_t devid, uint32_t eventid, uint16_t vpeid,
		    uint32_t vintid, uint32_t doorbell);
void its_cmd_vmovi(its_cmd_t cmd, uint32_t devid, uint32_t eventid, uint16_t vpeid,
		   uint32_t doorbell);
/* VSYNC and VINVALL: a vPEID only. */
void its_cmd_vpe(its_cmd_t cmd, uint8_t opcode, uint16_t vpeid);

/* Every field a command of this section can carry; the ones its opcode
 * does not have read as they are in the words (0 when encoded here). */
struct its_cmd_fields {
	uint8_t opcode;
	uint32_t devid;
	uint32_t eventid;
	uint32_t pintid;
	unsigned int event_bits;  /* MAPD: Size + 1 */
	uint64_t itt_pa;          /* MAPD */
	uint16_t icid;
	uint64_t rdbase;          /* MAPC, SYNC */
	bool valid;               /* MAPD, MAPC */
};

void its_cmd_decode(const its_cmd_t cmd, struct its_cmd_fields *f);
/* "MAPD", "SYNC", ... ; "unknown" otherwise. */
const char *its_cmd_name(uint8_t opcode);

#endif /* DRIVERS_IRQCHIP_ITS_CMD_H */
