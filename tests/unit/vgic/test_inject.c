/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* Injection across pCPUs: SPI routing, the kick SGI, ICC_SGI1R_EL1 from a
 * guest. */

#include "fake.h"
#include "unit.h"

#include <monadic/hal/gic.h>
#include <monadic/irq.h>
#include <monadic/regs/gicv3.h>

#define D(off) (FAKE_GICD_IPA + (off))
#define SGI(vcpu, off) (FAKE_GICR_IPA + (uint64_t)(vcpu) * 0x20000 + 0x10000 + (off))

static uint64_t sgi1r(uint32_t intid, uint32_t targets)
{
	return (uint64_t)intid << ICC_SGI1R_INTID_SHIFT | targets;
}

static unsigned int sgi_pending(unsigned int vcpu, uint32_t intid)
{
	return (fake_vm.vcpus[vcpu].vgic.private_irqs[intid].flags & 0x02) != 0;
}

static void test_kick(void)
{
	fake_setup(2, 4, 4);  /* vCPU 0 on pCPU 4, vCPU 1 on pCPU 5 */
	fake_cpu = 4;
	fake_write32(D(GICD_CTLR), GICD_CTLR_ENABLE_G1);
	fake_write32(SGI(1, GICR_ISENABLER0), 1U << 27);
	fake_num_sgis = 0;
	fake_events = 0;
	vgic_inject(&fake_vm, &fake_vm.vcpus[1], 27, 27);
	CHECK_INT(fake_num_sgis, 1, "inject to a vCPU on another pCPU sends one SGI");
	CHECK_INT(fake_sgis[0].intid, IRQ_SGI_KICK, "the kick SGI");
	CHECK_INT(fake_sgis[0].pcpu, 5, "to vCPU 1's pCPU");
	CHECK_INT(fake_events, 1, "and an event for WFE waiters");
	CHECK_INT(vgic_vcpu_pending(&fake_vm.vcpus[1]), 1, "vCPU 1 has it pending");
	CHECK_INT(vgic_vcpu_pending(&fake_vm.vcpus[0]), 0, "vCPU 0 does not");

	fake_num_sgis = 0;
	fake_write32(SGI(0, GICR_ISENABLER0), 1U << 27);
	vgic_inject(&fake_vm, &fake_vm.vcpus[0], 27, 27);
	CHECK_INT(fake_num_sgis, 0, "inject to the calling pCPU's vCPU: no SGI");
	vgic_inject(&fake_vm, &fake_vm.vcpus[1], 26, 0);
	CHECK_INT(fake_num_sgis, 0, "disabled PPI: pending, but no kick");
}

static void test_spi_routing(void)
{
	uint64_t route = 1;

	fake_setup(2, 0, 4);
	fake_cpu = 0;
	fake_write32(D(GICD_CTLR), GICD_CTLR_ENABLE_G1);
	fake_mmio(D(GICD_IROUTER + 8 * 50), 8, true, &route);
	fake_write32(D(GICD_ISENABLER + 4), 1U << 18);  /* INTID 50 */
	fake_num_sgis = 0;
	vgic_inject(&fake_vm, &fake_vm.vcpus[0], 50, 50);  /* 'vcpu' ignored for SPIs */
	CHECK_INT(fake_num_sgis, 1, "SPI routed to vCPU 1: kick");
	CHECK_INT(fake_sgis[0].pcpu, 1, "on pCPU 1");
	vgic_flush(&fake_vm.vcpus[0]);
	CHECK_INT(fake_lr[0], 0, "vCPU 0 does not load it");
	vgic_flush(&fake_vm.vcpus[1]);
	CHECK_INT(fake_lr[0] & ICH_LR_VINTID_MASK, 50, "vCPU 1 does");
	vgic_sync(&fake_vm.vcpus[1]);

	route = 7;  /* no such vCPU */
	fake_mmio(D(GICD_IROUTER + 8 * 51), 8, true, &route);
	fake_write32(D(GICD_ISENABLER + 4), 1U << 19);
	vgic_inject(&fake_vm, NULL, 51, 0);
	CHECK_INT(vgic_vcpu_pending(&fake_vm.vcpus[0]) + vgic_vcpu_pending(&fake_vm.vcpus[1]), 1,
		  "an SPI routed nowhere reaches no vCPU (only 50 is pending, on vCPU 1)");
	route = GICD_IROUTER_IRM;
	fake_num_sgis = 0;
	fake_mmio(D(GICD_IROUTER + 8 * 51), 8, true, &route);
	CHECK_INT(vgic_vcpu_pending(&fake_vm.vcpus[0]), 1, "1-of-N routing: vCPU 0 takes it");
	CHECK_INT(fake_num_sgis, 0, "vCPU 0 is on this pCPU: no kick");

	/* A pending SPI for vCPU 1, enabled by vCPU 0's write: vCPU 1 kicked. */
	route = 1;
	fake_mmio(D(GICD_IROUTER + 8 * 52), 8, true, &route);
	vgic_inject(&fake_vm, NULL, 52, 0);
	fake_num_sgis = 0;
	fake_write32(D(GICD_ISENABLER + 4), 1U << 20);
	CHECK_INT(fake_num_sgis, 1, "enabling a pending SPI kicks its vCPU");
	CHECK_INT(fake_sgis[0].pcpu, 1, "on pCPU 1");
}

static void test_sgi1r(void)
{
	fake_setup(4, 0, 4);
	fake_cpu = 0;
	fake_write32(D(GICD_CTLR), GICD_CTLR_ENABLE_G1);
	fake_num_sgis = 0;
	vgic_sgi1r_write(&fake_vm.vcpus[0], sgi1r(5, 0x6));
	CHECK_INT(sgi_pending(1, 5) && sgi_pending(2, 5), 1, "TargetList 0b0110: vCPUs 1, 2");
	CHECK_INT(sgi_pending(0, 5) || sgi_pending(3, 5), 0, "not vCPUs 0, 3");
	CHECK_INT(fake_num_sgis, 2, "two kicks");
	CHECK_INT(fake_sgis[0].pcpu == 1 && fake_sgis[1].pcpu == 2, 1, "to pCPUs 1 and 2");

	fake_setup(4, 0, 4);
	fake_cpu = 2;
	fake_write32(D(GICD_CTLR), GICD_CTLR_ENABLE_G1);
	vgic_sgi1r_write(&fake_vm.vcpus[2], sgi1r(3, 0) | ICC_SGI1R_IRM);
	CHECK_INT(sgi_pending(0, 3) + sgi_pending(1, 3) + sgi_pending(3, 3), 3,
		  "IRM: every other vCPU");
	CHECK_INT(sgi_pending(2, 3), 0, "IRM: not the sender");

	fake_setup(4, 0, 4);
	vgic_sgi1r_write(&fake_vm.vcpus[0], sgi1r(1, 0x2) | 1ULL << ICC_SGI1R_AFF1_SHIFT);
	CHECK_INT(sgi_pending(1, 1), 0, "Aff1 = 1 names no vCPU");
	vgic_sgi1r_write(&fake_vm.vcpus[0], sgi1r(1, 0x2) | 1ULL << ICC_SGI1R_RS_SHIFT);
	CHECK_INT(sgi_pending(1, 1), 0, "RS = 1 (Aff0 16..31) names no vCPU");
	vgic_sgi1r_write(&fake_vm.vcpus[0], sgi1r(15, 0xfff0));
	CHECK_INT(sgi_pending(0, 15) + sgi_pending(1, 15) + sgi_pending(2, 15) + sgi_pending(3, 15), 0,
		  "targets beyond the VM's vCPUs are ignored");
	vgic_sgi1r_write(&fake_vm.vcpus[0], sgi1r(15, 0x1));
	CHECK_INT(sgi_pending(0, 15), 1, "a vCPU may target itself");
}

int main(void)
{
	test_kick();
	test_spi_routing();
	test_sgi1r();
	return unit_done();
}
