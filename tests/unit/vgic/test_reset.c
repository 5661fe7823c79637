/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* A VM's reset (vgic_vm_reset, then vgic_vcpu_start on each vCPU's pCPU):
 * every register the guest can read back as after vgic_vm_init, the
 * physical interrupts the old guest held released. */

#include "fake.h"
#include "unit.h"

#include <monadic/hal/gic.h>
#include <monadic/regs/gicv3.h>

#define D(off) (FAKE_GICD_IPA + (off))
#define RD(vcpu, off) (FAKE_GICR_IPA + (uint64_t)(vcpu) * 0x20000 + (off))
#define SGI(vcpu, off) (RD(vcpu, 0x10000) + (off))

#define HW_SPI 40U       /* a passthrough device's line, HW-linked */
#define SOFT_SPI 41U     /* an emulated device's */
#define VTIMER 27U
#define SGI_MASKED 3U

struct regs {
	uint64_t ctlr, enable, pending, active, prio, route;
	uint64_t sgi_enable[2], sgi_pending[2], sgi_active[2], waker[2];
};

static void read_regs(struct regs *r)
{
	r->ctlr = fake_read32(D(GICD_CTLR));
	r->enable = fake_read32(D(GICD_ISENABLER + 4));
	r->pending = fake_read32(D(GICD_ISPENDR + 4));
	r->active = fake_read32(D(GICD_ISACTIVER + 4));
	r->prio = fake_read32(D(GICD_IPRIORITYR + HW_SPI));
	fake_mmio(D(GICD_IROUTER + 8 * HW_SPI), 8, false, &r->route);
	for (unsigned int v = 0; v < 2; v++) {
		r->sgi_enable[v] = fake_read32(SGI(v, GICR_ISENABLER0));
		r->sgi_pending[v] = fake_read32(SGI(v, GICR_ISPENDR0));
		r->sgi_active[v] = fake_read32(SGI(v, GICR_ISACTIVER0));
		r->waker[v] = fake_read32(RD(v, GICR_WAKER));
	}
}

/* What a guest leaves behind: its distributor and redistributors
 * programmed, interrupts pending, the virtual timer acknowledged. */
static void run_a_guest(void)
{
	uint64_t route = 1;
	struct vcpu *v0 = &fake_vm.vcpus[0];

	fake_write32(D(GICD_CTLR), GICD_CTLR_ENABLE_G1);
	fake_write32(D(GICD_IPRIORITYR + HW_SPI), 0x8080U);
	fake_mmio(D(GICD_IROUTER + 8 * HW_SPI), 8, true, &route);
	fake_write32(D(GICD_ISENABLER + 4), 1U << (HW_SPI - 32) | 1U << (SOFT_SPI - 32));
	vgic_inject(&fake_vm, NULL, HW_SPI, HW_SPI);
	vgic_inject(&fake_vm, NULL, SOFT_SPI, 0);
	fake_write32(RD(0, GICR_WAKER), 0);
	fake_write32(SGI(1, GICR_ICENABLER0), 1U << SGI_MASKED);
	vgic_sgi1r_write(v0, (uint64_t)SGI_MASKED << ICC_SGI1R_INTID_SHIFT | 0x2);
	fake_write32(SGI(0, GICR_ISENABLER0), 1U << VTIMER);
	vgic_inject(&fake_vm, v0, VTIMER, VTIMER);
	vgic_flush(v0);
	/* The guest acknowledges it: active in the list register. */
	for (unsigned int n = 0; n < fake_num_lrs; n++) {
		if ((fake_lr[n] & ICH_LR_VINTID_MASK) == VTIMER)
			fake_lr[n] = (fake_lr[n] & ~(ICH_LR_STATE_MASK << ICH_LR_STATE_SHIFT)) |
				     ICH_LR_STATE_ACTIVE << ICH_LR_STATE_SHIFT;
	}
	vgic_sync(v0);
}

static void test_registers_as_at_boot(void)
{
	struct regs boot, guest, reset;

	fake_setup(2, 0, 4);
	read_regs(&boot);
	run_a_guest();
	read_regs(&guest);
	CHECK(guest.enable != boot.enable && guest.pending != boot.pending &&
	      guest.prio != boot.prio && guest.sgi_pending[1] != boot.sgi_pending[1] &&
	      guest.sgi_active[0] != boot.sgi_active[0] && guest.waker[0] != boot.waker[0],
	      "the guest changed what the reset must undo");
	vgic_vm_reset(&fake_vm);
	read_regs(&reset);
	CHECK_HEX(reset.ctlr, boot.ctlr, "GICD_CTLR as at boot");
	CHECK_HEX(reset.enable, boot.enable, "SPI enables as at boot");
	CHECK_HEX(reset.pending, boot.pending, "no SPI pending");
	CHECK_HEX(reset.active, boot.active, "no SPI active");
	CHECK_HEX(reset.prio, boot.prio, "SPI priorities as at boot");
	CHECK_HEX(reset.route, boot.route, "SPI routes as at boot");
	for (unsigned int v = 0; v < 2; v++) {
		CHECK_HEX(reset.sgi_enable[v], boot.sgi_enable[v], "SGIs enabled, PPIs not");
		CHECK_HEX(reset.sgi_pending[v], boot.sgi_pending[v], "no SGI or PPI pending");
		CHECK_HEX(reset.sgi_active[v], boot.sgi_active[v], "no SGI or PPI active");
		CHECK_HEX(reset.waker[v], boot.waker[v], "redistributor asleep");
	}
	CHECK_INT(vgic_vcpu_pending(&fake_vm.vcpus[0]) + vgic_vcpu_pending(&fake_vm.vcpus[1]), 0,
		  "nothing pending for either vCPU");
}

static void test_physical_twins_released(void)
{
	struct vcpu *v0 = &fake_vm.vcpus[0], *v1 = &fake_vm.vcpus[1];

	fake_setup(2, 0, 4);
	run_a_guest();
	fake_num_deactivated = 0;
	vgic_vm_reset(&fake_vm);
	CHECK_INT(fake_num_cleared_active, 1, "one SPI's active state cleared in the distributor");
	CHECK_INT(fake_cleared_active[0], HW_SPI, "the HW-linked one the guest had pending");
	CHECK_INT(fake_num_deactivated, 0, "no PPI deactivated from the resetting pCPU");
	CHECK_HEX(v0->vgic.stale_hw, 1U << VTIMER, "vCPU 0 owes its pCPU the timer's deactivation");
	CHECK_HEX(v1->vgic.stale_hw, 0, "vCPU 1 owes nothing");
	CHECK_INT(v0->vgic.reset_pending && v1->vgic.reset_pending, 1, "both marked for a start");

	fake_cpu = 0;
	fake_lr[0] = 0x1234;  /* whatever the old guest left in the hardware */
	vgic_vcpu_start(v0);
	CHECK_INT(fake_num_deactivated, 1, "vCPU 0's start deactivates one PPI");
	CHECK_INT(fake_deactivated[0], VTIMER, "the virtual timer's");
	CHECK_INT(fake_virtual_if_resets, 1, "and clears its pCPU's virtual CPU interface");
	CHECK_INT(v0->vgic.reset_pending, 0, "once");
	vgic_vcpu_start(v0);
	CHECK_INT(fake_virtual_if_resets + fake_num_deactivated, 2,
		  "a start without a reset before it touches nothing");
}

int main(void)
{
	test_registers_as_at_boot();
	test_physical_twins_released();
	return unit_done();
}
