/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* List registers: what vgic_flush loads and how vgic_sync reads back a
 * guest's acknowledge, EOI and deactivation. */

#include "fake.h"
#include "unit.h"

#include <monadic/hal/gic.h>
#include <monadic/regs/gicv3.h>

#define D(off) (FAKE_GICD_IPA + (off))
#define SGI(vcpu, off) (FAKE_GICR_IPA + (uint64_t)(vcpu) * 0x20000 + 0x10000 + (off))

#define PENDING (ICH_LR_STATE_PENDING << ICH_LR_STATE_SHIFT)
#define ACTIVE (ICH_LR_STATE_ACTIVE << ICH_LR_STATE_SHIFT)

static uint64_t lr(uint32_t intid, uint8_t prio, uint64_t state)
{
	return intid | ICH_LR_GROUP1 | (uint64_t)prio << ICH_LR_PRIORITY_SHIFT | state;
}

static uint64_t lr_hw(uint32_t intid, uint8_t prio, uint64_t state)
{
	return lr(intid, prio, state) | ICH_LR_HW | (uint64_t)intid << ICH_LR_PINTID_SHIFT;
}

static void set_priority(uint32_t intid, uint8_t prio)
{
	uint64_t v = prio;

	fake_mmio(D(GICD_IPRIORITYR + intid), 1, true, &v);
}

static unsigned int flags(uint32_t intid)
{
	return fake_vm.vgic.spis[intid - 32].flags;
}

static void test_flush_order_and_overflow(void)
{
	struct vcpu *v0 = &fake_vm.vcpus[0];
	static const uint8_t prio[6] = { 0x80, 0x40, 0xa0, 0x20, 0x60, 0x10 };

	fake_setup(2, 0, 4);
	fake_write32(D(GICD_CTLR), GICD_CTLR_ENABLE_G1);
	fake_write32(D(GICD_ISENABLER + 4), 0x3f << 8);  /* INTIDs 40..45 */
	CHECK_INT(fake_num_sgis, 1, "enabling the distributor kicked the other vCPU");
	fake_num_sgis = 0;
	for (uint32_t i = 0; i < 6; i++) {
		set_priority(40 + i, prio[i]);
		vgic_inject(&fake_vm, NULL, 40 + i, i == 1 ? 41 : 0);
	}
	CHECK_INT(fake_num_sgis, 0, "SPIs to vCPU 0 on this pCPU: no kick");
	vgic_flush(v0);
	CHECK_INT(fake_lr[0], lr(45, 0x10, PENDING), "LR0: INTID 45, priority 0x10, pending");
	CHECK_INT(fake_lr[1], lr(43, 0x20, PENDING), "LR1: INTID 43");
	CHECK_INT(fake_lr[2], lr_hw(41, 0x40, PENDING), "LR2: INTID 41 with HW bit and pINTID 41");
	CHECK_INT(fake_lr[3], lr(44, 0x60, PENDING), "LR3: INTID 44");
	CHECK_INT(fake_hcr, ICH_HCR_EN | ICH_HCR_UIE, "6 pending, 4 LRs: En and UIE");
	CHECK_INT(v0->vgic.lrs_used, 4, "4 LRs used");
	CHECK_INT(flags(45) & 0x12, 0x10, "loaded: in an LR, no longer latched pending");
	CHECK_INT(flags(40) & 0x02, 0x02, "INTID 40 still pending, waiting");
	CHECK_INT(vgic_vcpu_pending(v0), 1, "the vCPU has pending interrupts");

	/* The guest acknowledges 45, EOIs 43 (priority drop + deactivate),
	 * deactivates the HW-linked 41, leaves 44 pending. */
	fake_lr[0] = lr(45, 0x10, ACTIVE);
	fake_lr[1] = 0;
	fake_lr[2] = lr_hw(41, 0x40, 0);
	vgic_sync(v0);
	CHECK_INT(flags(45) & 0x16, 0x04, "45: active, not pending, out of the LR");
	CHECK_INT(flags(43) & 0x16, 0, "43: done");
	CHECK_INT(flags(41) & 0x16, 0, "41: done (its physical one deactivated by the guest)");
	CHECK_INT(flags(44) & 0x16, 0x02, "44: still pending");
	CHECK_INT((fake_lr[0] | fake_lr[1] | fake_lr[2] | fake_lr[3]) & (ICH_LR_STATE_MASK << ICH_LR_STATE_SHIFT),
		  0, "sync frees the LRs (an invalid one may keep its other fields)");
	CHECK_INT(v0->vgic.lrs_used, 0, "no LR in use after sync");

	vgic_flush(v0);
	CHECK_INT(fake_lr[0], lr(45, 0x10, ACTIVE), "active 45 reloaded first");
	CHECK_INT(fake_lr[1], lr(44, 0x60, PENDING), "then 44");
	CHECK_INT(fake_lr[2], lr(40, 0x80, PENDING), "then 40");
	CHECK_INT(fake_lr[3], lr(42, 0xa0, PENDING), "then 42");
	CHECK_INT(fake_hcr, ICH_HCR_EN, "all fit: no underflow interrupt");
}

static void test_active_first(void)
{
	struct vcpu *v0 = &fake_vm.vcpus[0];

	fake_setup(1, 0, 2);
	fake_write32(D(GICD_CTLR), GICD_CTLR_ENABLE_G1);
	fake_write32(D(GICD_ISENABLER + 4), 0x7);  /* 32, 33, 34 */
	set_priority(32, 0xf0);
	fake_write32(D(GICD_ISACTIVER + 4), 0x1);  /* 32 active, lowest priority */
	vgic_inject(&fake_vm, NULL, 33, 0);
	vgic_inject(&fake_vm, NULL, 34, 0);
	vgic_flush(v0);
	CHECK_INT(fake_lr[0], lr(32, 0xf0, ACTIVE), "an active interrupt always gets an LR");
	CHECK_INT(fake_lr[1], lr(33, 0, PENDING), "then the best pending one");
	CHECK_INT(fake_hcr, ICH_HCR_EN | ICH_HCR_UIE, "34 waits: UIE");

	/* Re-injection while in an LR merges at sync. */
	vgic_inject(&fake_vm, NULL, 33, 0);
	fake_lr[1] = lr(33, 0, ACTIVE);
	vgic_sync(v0);
	CHECK_INT(flags(33) & 0x06, 0x06, "33 active and pending again");
	vgic_flush(v0);
	CHECK_INT(fake_lr[0], lr(33, 0, PENDING | ACTIVE), "pending+active in one LR");
}

/* One vCPU whose virtual timer fired: loaded HW-linked, pending. */
static struct vcpu *vtimer_fired(void)
{
	struct vcpu *v0 = &fake_vm.vcpus[0];

	fake_setup(1, 0, 4);
	fake_write32(D(GICD_CTLR), GICD_CTLR_ENABLE_G1);
	fake_write32(SGI(0, GICR_ISENABLER0), 1U << 27);
	vgic_inject(&fake_vm, v0, 27, 27);
	vgic_flush(v0);
	CHECK_INT(fake_lr[0], lr_hw(27, 0, PENDING), "vtimer: HW bit, pINTID 27, pending");
	return v0;
}

static void test_hw_active_not_pending(void)
{
	struct vcpu *v0 = vtimer_fired();

	fake_lr[0] = lr_hw(27, 0, ACTIVE);  /* the guest acknowledged it */
	vgic_sync(v0);
	vgic_inject(&fake_vm, v0, 27, 27);
	vgic_flush(v0);
	CHECK_INT(fake_lr[0], lr_hw(27, 0, ACTIVE), "HW + active: never pending+active");
	fake_lr[0] = 0;  /* deactivated */
	vgic_sync(v0);
	vgic_flush(v0);
	CHECK_INT(fake_lr[0], lr_hw(27, 0, PENDING), "then delivered as pending");
}

/* The guest disabled or reprogrammed its timer before taking the
 * interrupt: the latched one goes, the physical one is deactivated, and
 * enabling the interrupt later delivers nothing stale. */
static void test_line_dropped_before_taken(void)
{
	struct vcpu *v0 = vtimer_fired();

	fake_lines_low = 1U << 27;  /* the guest wrote CNTV_CTL_EL0 without taking it */
	vgic_sync(v0);
	CHECK_INT(fake_read32(SGI(0, GICD_ISPENDR)) & (1U << 27), 0, "no longer pending");
	CHECK_INT(fake_num_deactivated, 1, "the physical PPI deactivated once");
	CHECK_INT(fake_deactivated[0], 27, "INTID 27");
	vgic_flush(v0);
	CHECK_INT(fake_lr[0], 0, "nothing loaded on the next entry");

	fake_write32(SGI(0, GICR_ICENABLER0), 1U << 27);  /* masked at the GIC */
	fake_lines_low = 0;
	vgic_inject(&fake_vm, v0, 27, 27);
	vgic_sync(v0);
	CHECK_INT(fake_num_deactivated, 1, "line still high: kept");
	fake_lines_low = 1U << 27;
	vgic_sync(v0);
	fake_write32(SGI(0, GICR_ISENABLER0), 1U << 27);
	vgic_flush(v0);
	CHECK_INT(fake_lr[0], 0, "re-enabled after the line dropped: no stale interrupt");
	CHECK_INT(fake_num_deactivated, 2, "and its physical twin deactivated");

	vgic_inject(&fake_vm, v0, 27, 27);
	vgic_flush(v0);
	fake_lr[0] = lr_hw(27, 0, ACTIVE);  /* taken: the guest's deactivation handles it */
	vgic_sync(v0);
	CHECK_INT(fake_num_deactivated, 2, "an acknowledged one is the guest's to deactivate");
	CHECK_INT(v0->vgic.private_irqs[27].flags & 0x06, 0x04, "active, not pending");
}

/*
 * The guest is done (ICH_ELRSR_EL2) with what the list registers held:
 * private interrupts loaded pending are freed on the spot, and the
 * timer's next expiry goes straight into the freed list register without
 * a generation change; an SPI, or an interrupt loaded active, takes the
 * locked way back (its in-LR flag, its active bit cleared), or it could
 * never be loaded again.
 */
#define IN_LR 0x10U
#define ACTIVE_FLAG 0x04U

static void test_done_lrs_freed(void)
{
	struct vcpu *v0 = vtimer_fired();

	fake_lr[0] = 0;  /* acknowledged and deactivated */
	vgic_sync(v0);
	CHECK_INT(v0->vgic.lrs_used, 0, "private, loaded pending, done: freed");
	uint32_t gen = fake_vm.vgic.gen;

	vgic_flush(v0);
	vgic_inject_local(v0, 27, 27);
	CHECK_INT(fake_lr[0], lr_hw(27, 0, PENDING), "the next expiry straight into LR 0");
	CHECK_INT(fake_vm.vgic.gen, gen, "without a generation change");

	fake_setup(1, 0, 4);
	fake_write32(D(GICD_CTLR), GICD_CTLR_ENABLE_G1);
	fake_write32(D(GICD_ISENABLER + 4), 0x1);
	vgic_inject(&fake_vm, NULL, 32, 0);
	vgic_flush(v0);
	CHECK_INT(fake_lr[0], lr(32, 0, PENDING), "SPI 32 loaded");
	fake_lr[0] = 0;
	vgic_sync(v0);
	CHECK_INT(flags(32) & IN_LR, 0, "a done SPI leaves its list register");
	vgic_inject(&fake_vm, NULL, 32, 0);
	vgic_flush(v0);
	CHECK_INT(fake_lr[0], lr(32, 0, PENDING), "and is loaded again");

	fake_setup(1, 0, 4);
	fake_write32(D(GICD_CTLR), GICD_CTLR_ENABLE_G1);
	fake_write32(SGI(0, GICD_ISACTIVER), 1U << 2);  /* the SGI frame's ISACTIVER0 */
	vgic_flush(v0);
	CHECK_INT(fake_lr[0], lr(2, 0, ACTIVE), "SGI 2 loaded active");
	fake_lr[0] = 0;  /* deactivated */
	vgic_sync(v0);
	CHECK_INT(v0->vgic.private_irqs[2].flags & ACTIVE_FLAG, 0, "its active bit cleared");
}

static void test_not_deliverable(void)
{
	struct vcpu *v0 = &fake_vm.vcpus[0];

	fake_setup(1, 0, 4);
	fake_write32(D(GICD_ISENABLER + 4), 0x1);
	vgic_inject(&fake_vm, NULL, 32, 0);
	CHECK_INT(vgic_vcpu_pending(v0), 0, "distributor off: nothing deliverable");
	vgic_flush(v0);
	CHECK_INT(fake_lr[0], 0, "distributor off: no LR");
	CHECK_INT(fake_hcr, ICH_HCR_EN, "En without UIE");
	fake_write32(D(GICD_CTLR), GICD_CTLR_ENABLE_G1);
	vgic_inject(&fake_vm, NULL, 33, 0);  /* not enabled */
	vgic_inject(&fake_vm, NULL, 200, 0); /* no such SPI: ignored */
	vgic_inject(&fake_vm, NULL, 20, 0);  /* a PPI without a vCPU: ignored */
	vgic_flush(v0);
	CHECK_INT(fake_lr[0], lr(32, 0, PENDING), "only the enabled one, once enabled");
	CHECK_INT(fake_lr[1], 0, "disabled 33 stays out");
}

int main(void)
{
	test_flush_order_and_overflow();
	test_active_first();
	test_hw_active_not_pending();
	test_line_dropped_before_taken();
	test_done_lrs_freed();
	test_not_deliverable();
	return unit_done();
}
