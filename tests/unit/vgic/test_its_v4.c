/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The virtual ITS on a GICv4 (vits_v4.c, docs/its.md "GICv4"): the same
 * guest commands as test_its.c become VMAPTI/VMOVI/INV/INT/DISCARD of the
 * real ITS, the guest's LPI configuration lands in the VM's vLPI table,
 * nothing goes through list registers, and a waiting vCPU parks its vPE
 * and is woken by its doorbell.
 */

#include "fake.h"
#include "fake_its.h"
#include "its_guest.h"
#include "unit.h"

#include <monadic/regs/gicv3_its.h>

static void test_events_become_vlpis(void)
{
	setup();
	CHECK(fake_vm.vgic.its.v4, "the VM uses GICv4");
	CHECK_INT(fake_v4.vpes_started, 1U << 1 | 1U << 2, "vPEs of pCPUs 1 and 2 started");
	set_config(LPI0, 0xa0 | LPI_PROP_ENABLE);
	mapd(NVME, 4);
	mapc(0, 0);
	mapc(1, 1);
	mapti(NVME, 3, LPI0, 0);
	CHECK_INT(fake_v4.vmaps, 1, "MAPTI -> VMAPTI");
	CHECK_INT(fake_its.last_pcpu, 1, "... to vCPU 0's vPE (pCPU 1)");
	CHECK_INT(fake_v4.last_vintid, LPI0, "... vINTID 8192");
	CHECK_INT(fake_v4.last_doorbell, GIC_LPI_BASE, "... ringing vCPU 0's doorbell");
	CHECK_INT(fake_v4.last_command, ITS_CMD_INV, "... and an INV");
	CHECK_INT(fake_its.event_maps, 0, "no host LPI for the event");
	CHECK_HEX(fake_v4.vprop[0], 0xa0 | LPI_PROP_RES1 | LPI_PROP_ENABLE,
		  "the guest's priority and enable in the vLPI table");

	event_cmd(ITS_CMD_INT, NVME, 3, 0);
	CHECK_INT(fake_v4.last_command, ITS_CMD_INT, "INT goes to the real ITS");
	CHECK_INT(lr0_of(0), 0, "... not through a list register");

	event_cmd(ITS_CMD_MOVI, NVME, 3, 1);
	CHECK_INT(fake_v4.vmoves, 1, "MOVI -> VMOVI");
	CHECK_INT(fake_its.last_pcpu, 2, "... to vCPU 1's vPE");
	CHECK_INT(fake_v4.last_doorbell, GIC_LPI_BASE + 1, "... and its doorbell");

	set_config(LPI0, 0x40);
	event_cmd(ITS_CMD_INV, NVME, 3, 0);
	CHECK_HEX(fake_v4.vprop[0], 0x40 | LPI_PROP_RES1, "INV: disabled, priority 0x40");
	CHECK_INT(fake_v4.last_command, ITS_CMD_INV, "... and the real INV");

	set_config(LPI0, 0x40 | LPI_PROP_ENABLE);
	fake_write32(RD(1, GICR_CTLR), 0);
	CHECK(fake_v4.vinvalls & 1U << 2, "EnableLPIs off on vCPU 1: VINVALL of its vPE");
	CHECK_HEX(fake_v4.vprop[0], 0x40 | LPI_PROP_RES1, "... its LPIs disabled in the table");

	event_cmd(ITS_CMD_DISCARD, NVME, 3, 0);
	CHECK_INT(fake_v4.last_command, ITS_CMD_DISCARD, "DISCARD goes to the real ITS");
}

static void test_wait_parks_the_vpe(void)
{
	struct vcpu *v = &fake_vm.vcpus[0];
	struct vm *to = &fake_vm;

	setup();
	fake_v4.pending_last = true;
	CHECK(vgic_wait_begin(v), "a vLPI already pending: the wait ends at once");
	vgic_wait_end(v);
	CHECK_INT(fake_v4.parked, 0, "... and the vPE is resident again");

	fake_v4.pending_last = false;
	CHECK(!vgic_wait_begin(v), "nothing pending: the vCPU waits");
	CHECK_INT(fake_v4.parked, 1U << 1, "... its vPE parked");
	CHECK(!vgic_vcpu_pending(v), "... with nothing to take");
	CHECK(vgic_host_lpi(GIC_LPI_BASE, &to), "its doorbell is the VM's");
	CHECK(to == NULL, "... a wake-up, not an interrupt to inject");
	CHECK(vgic_vcpu_pending(v), "the doorbell ends the wait");
	vgic_wait_end(v);
	CHECK_INT(fake_v4.parked, 0, "resident again");
	CHECK(!vgic_vcpu_pending(v), "the doorbell is consumed");
}

int main(void)
{
	test_events_become_vlpis();
	test_wait_parks_the_vpe();
	return unit_done();
}
