/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* ITS command encoding (IHI 0069 5.3.1): field positions from
 * <monadic/regs/gicv3_its.h>, one place for every command. */

#include "its_cmd.h"

#define DW_DEVID 0
#define DW_EVENT 1
#define DW_TARGET 2

static void cmd_start(its_cmd_t cmd, uint8_t opcode, uint32_t devid)
{
	cmd[0] = opcode | (uint64_t)devid << ITS_CMD_DEVID_SHIFT;
	cmd[1] = 0;
	cmd[2] = 0;
	cmd[3] = 0;
}

static uint64_t rdbase_field(uint64_t rdbase)
{
	return (rdbase & ITS_CMD_RDBASE_MASK) << ITS_CMD_RDBASE_SHIFT;
}

void its_cmd_mapd(its_cmd_t cmd, uint32_t devid, unsigned int event_bits, uint64_t itt_pa,
		  bool valid)
{
	cmd_start(cmd, ITS_CMD_MAPD, devid);
	cmd[DW_EVENT] = (event_bits - 1) & ITS_CMD_SIZE_MASK;
	cmd[DW_TARGET] = (itt_pa & ITS_CMD_ITT_ADDR_MASK) | (valid ? ITS_CMD_VALID : 0);
}

void its_cmd_mapc(its_cmd_t cmd, uint16_t icid, uint64_t rdbase, bool valid)
{
	cmd_start(cmd, ITS_CMD_MAPC, 0);
	cmd[DW_TARGET] = icid | rdbase_field(rdbase) | (valid ? ITS_CMD_VALID : 0);
}

void its_cmd_event(its_cmd_t cmd, uint8_t opcode, uint32_t devid, uint32_t eventid)
{
	cmd_start(cmd, opcode, devid);
	cmd[DW_EVENT] = eventid;
}

void its_cmd_mapti(its_cmd_t cmd, uint32_t devid, uint32_t eventid, uint32_t pintid,
		   uint16_t icid)
{
	its_cmd_event(cmd, ITS_CMD_MAPTI, devid, eventid);
	cmd[DW_EVENT] |= (uint64_t)pintid << ITS_CMD_PINTID_SHIFT;
	cmd[DW_TARGET] = icid;
}

void its_cmd_movi(its_cmd_t cmd, uint32_t devid, uint32_t eventid, uint16_t icid)
{
	its_cmd_event(cmd, ITS_CMD_MOVI, devid, eventid);
	cmd[DW_TARGET] = icid;
}

void its_cmd_invall(its_cmd_t cmd, uint16_t icid)
{
	cmd_start(cmd, ITS_CMD_INVALL, 0);
	cmd[DW_TARGET] = icid;
}

void its_cmd_sync(its_cmd_t cmd, uint64_t rdbase)
{
	cmd_start(cmd, ITS_CMD_SYNC, 0);
	cmd[DW_TARGET] = rdbase_field(rdbase);
}

static uint64_t vpeid_field(uint16_t vpeid)
{
	return (uint64_t)vpeid << ITS_CMD_VPEID_SHIFT;
}

void its_cmd_vmapp(its_cmd_t cmd, uint16_t vpeid, uint64_t rdbase, uint64_t vpt_pa,
		   unsigned int vpt_bits, bool valid)
{
	cmd_start(cmd, ITS_CMD_VMAPP, 0);
	cmd[DW_EVENT] = vpeid_field(vpeid);
	cmd[DW_TARGET] = rdbase_field(rdbase) | (valid ? ITS_CMD_VALID : 0);
	cmd[3] = (vpt_pa & ITS_CMD_VPT_ADDR_MASK) | ((vpt_bits - 1) & ITS_CMD_VPT_SIZE_MASK);
}

void its_cmd_vmapti(its_cmd_t cmd, uint32_t devid, uint32_t eventid, uint16_t vpeid,
		    uint32_t vintid, uint32_t doorbell)
{
	its_cmd_event(cmd, ITS_CMD_VMAPTI, devid, eventid);
	cmd[DW_EVENT] |= vpeid_field(vpeid);
	cmd[DW_TARGET] = vintid | (uint64_t)doorbell << ITS_CMD_DB_PINTID_SHIFT;
}

/* VMOVI's D bit (DW2 [0]) says the doorbell field is valid. */
#define VMOVI_DOORBELL_VALID 1ULL

void its_cmd_vmovi(its_cmd_t cmd, uint32_t devid, uint32_t eventid, uint16_t vpeid,
		   uint32_t doorbell)
{
	its_cmd_event(cmd, ITS_CMD_VMOVI, devid, eventid);
	cmd[DW_EVENT] |= vpeid_field(vpeid);
	if (doorbell != ITS_NO_DOORBELL)
		cmd[DW_TARGET] = VMOVI_DOORBELL_VALID | (uint64_t)doorbell << ITS_CMD_DB_PINTID_SHIFT;
}

void its_cmd_vpe(its_cmd_t cmd, uint8_t opcode, uint16_t vpeid)
{
	cmd_start(cmd, opcode, 0);
	cmd[DW_EVENT] = vpeid_field(vpeid);
}

void its_cmd_decode(const its_cmd_t cmd, struct its_cmd_fields *f)
{
	f->opcode = (uint8_t)(cmd[DW_DEVID] & ITS_CMD_OPCODE_MASK);
	f->devid = (uint32_t)(cmd[DW_DEVID] >> ITS_CMD_DEVID_SHIFT);
	f->eventid = (uint32_t)(cmd[DW_EVENT] & ITS_CMD_EVENTID_MASK);
	f->pintid = (uint32_t)(cmd[DW_EVENT] >> ITS_CMD_PINTID_SHIFT);
	f->event_bits = (unsigned int)(cmd[DW_EVENT] & ITS_CMD_SIZE_MASK) + 1;
	f->itt_pa = cmd[DW_TARGET] & ITS_CMD_ITT_ADDR_MASK;
	f->icid = (uint16_t)(cmd[DW_TARGET] & ITS_CMD_ICID_MASK);
	f->rdbase = (cmd[DW_TARGET] >> ITS_CMD_RDBASE_SHIFT) & ITS_CMD_RDBASE_MASK;
	f->valid = (cmd[DW_TARGET] & ITS_CMD_VALID) != 0;
}

const char *its_cmd_name(uint8_t opcode)
{
	switch (opcode) {
	case ITS_CMD_MOVI: return "MOVI";
	case ITS_CMD_INT: return "INT";
	case ITS_CMD_CLEAR: return "CLEAR";
	case ITS_CMD_SYNC: return "SYNC";
	case ITS_CMD_MAPD: return "MAPD";
	case ITS_CMD_MAPC: return "MAPC";
	case ITS_CMD_MAPTI: return "MAPTI";
	case ITS_CMD_MAPI: return "MAPI";
	case ITS_CMD_INV: return "INV";
	case ITS_CMD_INVALL: return "INVALL";
	case ITS_CMD_MOVALL: return "MOVALL";
	case ITS_CMD_DISCARD: return "DISCARD";
	case ITS_CMD_VMAPP: return "VMAPP";
	case ITS_CMD_VMAPTI: return "VMAPTI";
	case ITS_CMD_VMOVI: return "VMOVI";
	case ITS_CMD_VSYNC: return "VSYNC";
	case ITS_CMD_VINVALL: return "VINVALL";
	default: return "unknown";
	}
}
