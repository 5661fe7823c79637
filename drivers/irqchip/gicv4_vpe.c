/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * GICv4.0 direct injection (IHI 0069 chapter 9, CONFIG_GICV4): a device's
 * MSI, translated by the ITS to a vLPI of a vPE, goes straight into the
 * virtual CPU interface of the PE the vPE is resident on, with no exit.
 *
 * Monadic pins each vCPU to a pCPU and runs at most one vCPU per pCPU, so
 * the vPE is the pCPU: vPEID = CPU index, mapped (VMAPP) to that CPU's
 * redistributor with a virtual pending table of its own, and resident
 * there (GICR_VPENDBASER.Valid) for good. It leaves only while its vCPU
 * waits at EL2 (a trapped WFI, its_vpe_park): a vLPI then rings the
 * event's doorbell, a host LPI that wakes the pCPU.
 *
 * The vLPIs' configuration (enable, priority) is the VM's table of one
 * byte per vINTID from 8192, which the caller keeps (the guest's own
 * table is in guest memory the GIC must not be pointed at) and publishes.
 * GICv4.1 (GITS_TYPER.VMAPP) changed the commands and the vPE table; it is
 * not driven here, and such a GIC falls back to list registers.
 */

#include <monadic/cpus.h>
#include <monadic/errno.h>
#include <monadic/hal/cpu.h>
#include <monadic/its.h>
#include <monadic/noinit.h>
#include <monadic/printk.h>
#include <monadic/string.h>

#include "gicv3.h"
#include "its_internal.h"

#define VPT_ALIGN 0x10000U              /* GICR_VPENDBASER / VMAPP: 64 KiB aligned */
#define VPT_SIZE ((1U << ITS_VINTID_BITS) / 8)
#define PARK_TIMEOUT_MS 1               /* for Dirty to clear */

uint8_t its_vpe_table[4096] __attribute__((aligned(4096))) MHV_NOINIT;
const size_t its_vpe_table_size = sizeof(its_vpe_table);

static _Alignas(VPT_ALIGN) uint8_t vpts[DT_NUM_CPUS][VPT_ALIGN] MHV_NOINIT;

struct vpe {
	bool started;
	uint64_t vpropbaser;    /* as written, without attributes */
	bool coherent;
};

static struct vpe vpes[DT_NUM_CPUS];
/* The events translated to vLPIs. */
static struct its_event vevents[CONFIG_GICV3_ITS_NR_LPIS];

void its_vlpi_probe(void)
{
	const char *why = NULL;

	if (!(its_dev.typer & GITS_TYPER_VIRTUAL))
		why = "the ITS has no virtual LPIs (GICv3)";
	else if (its_dev.typer & GITS_TYPER_VMAPP)
		why = "GICv4.1, whose commands Monadic does not drive";
	else if (its_dev.nr_vpes < mhv_cpu_count)
		why = "no vPE table for every CPU";
	for (unsigned int cpu = 0; why == NULL && cpu < mhv_cpu_count; cpu++) {
		if (cpu_get(cpu)->online &&
		    !(*gic_reg64(gic_rd_frame(cpu), GICR_TYPER) & GICR_TYPER_VLPIS))
			why = "a redistributor without virtual LPIs";
	}
	its_dev.vlpis = why == NULL;
	if (why != NULL)
		printk("ITS: no GICv4 direct injection (%s): vLPIs go through list registers\n",
		       why);
	else
		printk("ITS: GICv4.0 direct injection, a vPE per CPU\n");
}

bool its_vlpi_available(void)
{
	return its_dev.ready && its_dev.vlpis;
}

static uintptr_t vlpi_frame(unsigned int pcpu)
{
	return gic_rd_frame(pcpu) + GICR_VLPI_OFFSET;
}

static uint64_t vpendbaser(unsigned int pcpu, bool valid)
{
	const struct vpe *v = &vpes[pcpu];
	uint64_t val = ((uintptr_t)vpts[pcpu] & GICR_PENDBASER_ADDR_MASK) |
		       (v->coherent ? GICR_TABLE_ATTRS_WB : GICR_TABLE_ATTRS_NC);

	/* Resident again: the GIC scans the table (PendingLast), whose
	 * IMPLEMENTATION DEFINED area Monadic never fills (IDAI). */
	return valid ? val | GICR_VPENDBASER_VALID | GICR_VPENDBASER_PENDING_LAST |
		       GICR_VPENDBASER_IDAI : val;
}

void its_vpe_resume(unsigned int pcpu)
{
	uintptr_t frame = vlpi_frame(pcpu);
	struct vpe *v = &vpes[pcpu];

	v->coherent = gic_table_base_write(gic_reg64(frame, GICR_VPROPBASER), v->vpropbaser, true);
	*gic_reg64(frame, GICR_VPENDBASER) = vpendbaser(pcpu, true);
}

bool its_vpe_park(unsigned int pcpu)
{
	volatile uint64_t *reg = gic_reg64(vlpi_frame(pcpu), GICR_VPENDBASER);
	uint64_t deadline = hal_counter_deadline_ms(PARK_TIMEOUT_MS);
	uint64_t val;

	*reg = vpendbaser(pcpu, false);
	while ((val = *reg) & GICR_VPENDBASER_DIRTY) {
		if (hal_counter_ticks() > deadline) {
			printk("ITS: CPU %u's vPE still dirty 1 ms after leaving: taken as pending\n",
			       pcpu);
			return true;
		}
	}
	return (val & GICR_VPENDBASER_PENDING_LAST) != 0;
}

/* Commands for a vPE, and a VSYNC for it, under the lock. */
static int send_virtual(its_cmd_t cmd, unsigned int pcpu)
{
	its_cmd_t cmds[2];

	memcpy(cmds[0], cmd, sizeof(its_cmd_t));
	its_cmd_vpe(cmds[1], ITS_CMD_VSYNC, (uint16_t)pcpu);
	return its_send(cmds, 2);
}

int its_vpe_start(unsigned int pcpu, const uint8_t *vprop)
{
	int rc = its_check_pcpu("its_vpe_start", pcpu);

	if (rc == 0 && !its_vlpi_available())
		rc = -MHV_ENOENT;
	if (rc != 0)
		return rc;
	spin_lock(&its_dev.lock);
	if (!vpes[pcpu].started) {
		its_cmd_t cmd;

		memset(vpts[pcpu], 0, VPT_SIZE);
		gic_table_publish(vpts[pcpu], VPT_SIZE, false);
		its_cmd_vmapp(cmd, (uint16_t)pcpu, its_rdbase(pcpu), (uintptr_t)vpts[pcpu],
			      ITS_VINTID_BITS, true);
		rc = send_virtual(cmd, pcpu);
	}
	if (rc == 0) {
		vpes[pcpu].started = true;
		vpes[pcpu].vpropbaser = ((uintptr_t)vprop & GICR_PROPBASER_ADDR_MASK) |
					(ITS_VINTID_BITS - 1);
		its_vpe_resume(pcpu);
	}
	spin_unlock(&its_dev.lock);
	return rc;
}

void its_vprop_publish(const void *vprop, size_t size)
{
	gic_table_publish(vprop, size, false);
}

static struct its_event *vevent_of(uint32_t devid, uint32_t eventid)
{
	for (unsigned int i = 0; i < CONFIG_GICV3_ITS_NR_LPIS; i++)
		if (vevents[i].mapped && vevents[i].devid == devid && vevents[i].eventid == eventid)
			return &vevents[i];
	return NULL;
}

/* The checks of a call naming a vPE and an event; 'mapped': whether the
 * event must be a virtual one already. */
static int check_vevent(const char *fn, uint32_t devid, uint32_t eventid, bool mapped)
{
	int rc = its_check_event(fn, devid, eventid);

	if (rc != 0)
		return rc;
	if ((vevent_of(devid, eventid) != NULL) == mapped)
		return 0;
	printk("ITS: %s: DeviceID 0x%x EventID 0x%x is %s\n", fn, devid, eventid,
	       mapped ? "not mapped to a vLPI" : "already mapped");
	return mapped ? -MHV_ENOENT : -MHV_EEXIST;
}

/* The checks of a call naming a vPE (and a vINTID): the ITS ready, the
 * pCPU's vPE started. */
static int check_vpe(const char *fn, unsigned int pcpu, uint32_t vintid)
{
	int rc = its_check_ready(fn);

	if (rc != 0)
		return rc;
	if (pcpu >= DT_NUM_CPUS || !vpes[pcpu].started) {
		printk("ITS: %s: CPU %u has no vPE\n", fn, pcpu);
		return -MHV_EINVAL;
	}
	if (vintid < GIC_LPI_BASE || vintid >= 1U << ITS_VINTID_BITS) {
		printk("ITS: %s: vINTID %u outside the vLPIs (8192-%u)\n", fn, vintid,
		       (1U << ITS_VINTID_BITS) - 1);
		return -MHV_EINVAL;
	}
	return 0;
}

int its_vmap_event(uint32_t devid, uint32_t eventid, unsigned int pcpu, uint32_t vintid,
		   uint32_t doorbell)
{
	struct its_event *slot = NULL;
	int rc = check_vpe("its_vmap_event", pcpu, vintid);

	if (rc != 0)
		return rc;
	spin_lock(&its_dev.lock);
	rc = check_vevent("its_vmap_event", devid, eventid, false);
	for (unsigned int i = 0; rc == 0 && slot == NULL && i < CONFIG_GICV3_ITS_NR_LPIS; i++)
		if (!vevents[i].mapped)
			slot = &vevents[i];
	if (rc == 0 && slot == NULL)
		rc = -MHV_ENOMEM;
	if (rc == 0) {
		its_cmd_t cmd;

		its_cmd_vmapti(cmd, devid, eventid, (uint16_t)pcpu, vintid, doorbell);
		rc = send_virtual(cmd, pcpu);
	}
	if (rc == 0)
		*slot = (struct its_event){ .mapped = true, .devid = devid, .eventid = eventid };
	spin_unlock(&its_dev.lock);
	return rc;
}

int its_vmove_event(uint32_t devid, uint32_t eventid, unsigned int pcpu, uint32_t doorbell)
{
	int rc = check_vpe("its_vmove_event", pcpu, GIC_LPI_BASE);

	if (rc != 0)
		return rc;
	spin_lock(&its_dev.lock);
	rc = check_vevent("its_vmove_event", devid, eventid, true);
	if (rc == 0) {
		its_cmd_t cmd;

		its_cmd_vmovi(cmd, devid, eventid, (uint16_t)pcpu, doorbell);
		rc = send_virtual(cmd, pcpu);
	}
	spin_unlock(&its_dev.lock);
	return rc;
}

int its_vevent_command(uint8_t opcode, uint32_t devid, uint32_t eventid)
{
	int rc = its_check_ready("its_vevent_command");

	if (rc != 0)
		return rc;
	if (opcode != ITS_CMD_INT && opcode != ITS_CMD_CLEAR && opcode != ITS_CMD_INV &&
	    opcode != ITS_CMD_DISCARD) {
		printk("ITS: its_vevent_command: %s is not an event command\n",
		       its_cmd_name(opcode));
		return -MHV_EINVAL;
	}
	spin_lock(&its_dev.lock);
	rc = check_vevent("its_vevent_command", devid, eventid, true);
	if (rc == 0) {
		its_cmd_t cmd;

		its_cmd_event(cmd, opcode, devid, eventid);
		rc = its_send(&cmd, 1);
	}
	if (rc == 0 && opcode == ITS_CMD_DISCARD)
		vevent_of(devid, eventid)->mapped = false;
	spin_unlock(&its_dev.lock);
	return rc;
}

int its_vinvall(unsigned int pcpu)
{
	its_cmd_t cmd;
	int rc = check_vpe("its_vinvall", pcpu, GIC_LPI_BASE);

	if (rc != 0)
		return rc;
	spin_lock(&its_dev.lock);
	its_cmd_vpe(cmd, ITS_CMD_VINVALL, (uint16_t)pcpu);
	rc = send_virtual(cmd, pcpu);
	spin_unlock(&its_dev.lock);
	return rc;
}

int its_doorbell_alloc(uint32_t *lpi, unsigned int pcpu)
{
	its_cmd_t cmd;
	int rc = its_check_pcpu("its_doorbell_alloc", pcpu);

	if (rc == 0)
		rc = its_lpi_alloc(lpi);
	if (rc != 0)
		return rc;
	/* The redistributor may cache the LPI's configuration from before
	 * it was enabled (IHI 0069, LPI configuration tables: a change
	 * takes an INV or an INVALL). No event is mapped to a doorbell for
	 * an INV of its own (Linux maps a proxy device's events for that,
	 * or writes GICR_INVLPIR where DirectLPI exists): INVALL of the
	 * collection of the pCPU whose vPE rings it, once, at allocation. */
	gic_lpi_set_enabled(*lpi, true);
	its_cmd_invall(cmd, (uint16_t)pcpu);
	spin_lock(&its_dev.lock);
	rc = its_send(&cmd, 1);
	spin_unlock(&its_dev.lock);
	return rc;
}
