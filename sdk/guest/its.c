/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * LPIs and the ITS command queue (IHI 0069 5.1, 5.3, 12.11.29-30, 12.19).
 * 64-bit registers are accessed 64 bits wide, as IHI 0069 12.1.3 allows
 * for them. Every table attribute is left 0 (Device-nGnRnE, non-
 * shareable): what the guest's own accesses are with its MMU off.
 */
#include <monadic/guest/gic.h>
#include <monadic/guest/its.h>
#include <monadic/guest/sysreg.h>
#include <monadic/guest/timer.h>

#define KICK_TIMEOUT_US 1000000U

static volatile uint64_t *gicr64(unsigned int cpu, uint32_t off)
{
	return (volatile uint64_t *)(GUEST_GICR_BASE + cpu * GICR_STRIDE + off);
}

void guest_lpi_enable(unsigned int cpu, const void *prop, unsigned int id_bits, void *pend)
{
	volatile uint32_t *ctlr = (volatile uint32_t *)gicr64(cpu, GICR_CTLR);

	/* Both tables are only read once EnableLPIs is set (12.11.2). */
	guest_dsb();
	*gicr64(cpu, GICR_PROPBASER) = ((uintptr_t)prop & GICR_PROPBASER_ADDR_MASK) |
				       ((id_bits - 1U) & GICR_PROPBASER_IDBITS_MASK);
	*gicr64(cpu, GICR_PENDBASER) = ((uintptr_t)pend & GICR_PENDBASER_ADDR_MASK) |
				       GICR_PENDBASER_PTZ;
	*ctlr |= GICR_CTLR_ENABLE_LPIS;
	guest_dsb();
}

void guest_lpi_config(uint8_t *prop, unsigned int intid, uint8_t prio, bool enable)
{
	prop[intid - GIC_LPI_BASE] = (uint8_t)((prio & LPI_PROP_PRIORITY_MASK) | LPI_PROP_RES1 |
					       (enable ? LPI_PROP_ENABLE : 0U));
	guest_dsb();
}

uint64_t guest_its_read(const struct guest_its *its, uint32_t off)
{
	return *(volatile uint64_t *)(its->base + off);
}

void guest_its_write(const struct guest_its *its, uint32_t off, uint64_t val)
{
	*(volatile uint64_t *)(its->base + off) = val;
}

void guest_its_restart(struct guest_its *its)
{
	volatile uint32_t *ctlr = (volatile uint32_t *)(its->base + GITS_CTLR);

	/* CBASER may only change while the ITS is disabled and quiescent
	 * (12.19.4). */
	*ctlr &= ~GITS_CTLR_ENABLED;
	while (!(*ctlr & GITS_CTLR_QUIESCENT))
		;
	guest_its_write(its, GITS_CBASER, GITS_CBASER_VALID |
			((uintptr_t)its->queue & GITS_CBASER_ADDR_MASK) |
			((its->queue_size / GUEST_ITS_PAGE - 1U) & GITS_CBASER_SIZE_MASK));
	its->cwriter = 0;
	guest_its_write(its, GITS_CWRITER, 0);
	*ctlr |= GITS_CTLR_ENABLED;
	guest_dsb();
}

uint32_t guest_its_queue(struct guest_its *its, const struct guest_its_cmd *cmd)
{
	uint32_t at = its->cwriter;
	volatile uint64_t *slot = its->queue + at / sizeof(uint64_t);

	for (unsigned int i = 0; i < ITS_CMD_DWORDS; i++)
		slot[i] = cmd->dw[i];
	its->cwriter = (at + ITS_CMD_SIZE) % its->queue_size;
	return at;
}

bool guest_its_kick(struct guest_its *its, bool retry)
{
	uint64_t end = guest_counter() + guest_us_to_ticks(KICK_TIMEOUT_US);

	/* The commands must be in memory before the ITS is told (5.3.2). */
	guest_dsb();
	guest_its_write(its, GITS_CWRITER, its->cwriter | (retry ? GITS_CWRITER_RETRY : 0));
	for (;;) {
		uint64_t creadr = guest_its_read(its, GITS_CREADR);

		if (creadr & GITS_CREADR_STALLED)
			return false;
		if ((creadr & GITS_CMDQ_OFFSET_MASK) == its->cwriter)
			return true;
		if (guest_counter() > end)
			return false;
	}
}

bool guest_its_send(struct guest_its *its, const struct guest_its_cmd *cmd)
{
	guest_its_queue(its, cmd);
	return guest_its_kick(its, false);
}

/* Command fields (5.3.1): DeviceID in DW0 beside the command number,
 * EventID in DW1, ICID in DW2. */
static struct guest_its_cmd device_cmd(uint8_t opcode, uint32_t devid, uint32_t event)
{
	return (struct guest_its_cmd){ .dw = {
		opcode | (uint64_t)devid << ITS_CMD_DEVID_SHIFT,
		event & ITS_CMD_EVENTID_MASK,
	} };
}

static uint64_t rdbase_field(uint64_t rdbase)
{
	return (rdbase & ITS_CMD_RDBASE_MASK) << ITS_CMD_RDBASE_SHIFT;
}

struct guest_its_cmd guest_its_mapd(uint32_t devid, unsigned int event_bits, uint64_t itt,
				    bool valid)
{
	struct guest_its_cmd c = device_cmd(ITS_CMD_MAPD, devid, 0);

	c.dw[1] = (event_bits - 1U) & ITS_CMD_SIZE_MASK;
	c.dw[2] = (itt & ITS_CMD_ITT_ADDR_MASK) | (valid ? ITS_CMD_VALID : 0);
	return c;
}

struct guest_its_cmd guest_its_mapc(uint32_t icid, uint64_t rdbase, bool valid)
{
	return (struct guest_its_cmd){ .dw = {
		ITS_CMD_MAPC, 0,
		(icid & ITS_CMD_ICID_MASK) | rdbase_field(rdbase) | (valid ? ITS_CMD_VALID : 0),
	} };
}

struct guest_its_cmd guest_its_mapti(uint32_t devid, uint32_t event, uint32_t intid,
				     uint32_t icid)
{
	struct guest_its_cmd c = device_cmd(ITS_CMD_MAPTI, devid, event);

	c.dw[1] |= (uint64_t)intid << ITS_CMD_PINTID_SHIFT;
	c.dw[2] = icid & ITS_CMD_ICID_MASK;
	return c;
}

struct guest_its_cmd guest_its_movi(uint32_t devid, uint32_t event, uint32_t icid)
{
	struct guest_its_cmd c = device_cmd(ITS_CMD_MOVI, devid, event);

	c.dw[2] = icid & ITS_CMD_ICID_MASK;
	return c;
}

struct guest_its_cmd guest_its_event(uint8_t opcode, uint32_t devid, uint32_t event)
{
	return device_cmd(opcode, devid, event);
}

struct guest_its_cmd guest_its_sync(uint64_t rdbase)
{
	return (struct guest_its_cmd){ .dw = { ITS_CMD_SYNC, 0, rdbase_field(rdbase) } };
}
