/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* The emulated redistributors: one RD + SGI frame pair per vCPU. */

#include "fake.h"
#include "unit.h"

#include <monadic/regs/gicv3.h>

#define RD(vcpu, off) (FAKE_GICR_IPA + (uint64_t)(vcpu) * 0x20000 + (off))
#define SGI(vcpu, off) (RD(vcpu, 0x10000) + (off))

static void test_typer(void)
{
	uint64_t v = 0;

	fake_setup(3, 0, 4);
	CHECK_INT(fake_mmio(RD(0, GICR_TYPER), 8, false, &v), 0, "GICR_TYPER 64-bit read");
	CHECK_INT(v, 0, "vCPU 0: affinity 0.0.0.0, Processor_Number 0, not last");
	fake_mmio(RD(1, GICR_TYPER), 8, false, &v);
	CHECK_INT(v, 1ULL << 32 | 1 << 8, "vCPU 1: Aff0 1, Processor_Number 1");
	fake_mmio(RD(2, GICR_TYPER), 8, false, &v);
	CHECK_INT(v, 2ULL << 32 | 2 << 8 | GICR_TYPER_LAST, "vCPU 2: Last");
	CHECK_INT(fake_read32(RD(2, GICR_TYPER)), 2 << 8 | GICR_TYPER_LAST, "TYPER low half");
	CHECK_INT(fake_read32(RD(2, GICR_TYPER + 4)), 2, "TYPER high half: affinity");
	CHECK_INT(fake_mmio(RD(3, GICR_TYPER), 8, false, &v), -100, "no 4th redistributor");
	CHECK_INT(fake_read32(RD(1, GICR_PIDR2)) >> 4 & 0xf, 3, "GICR_PIDR2.ArchRev");
	CHECK_INT(fake_read32(RD(1, GICR_IIDR)), 0x4d00043b, "GICR_IIDR");
	CHECK_INT(fake_read32(RD(1, GICR_CTLR)), 0, "GICR_CTLR: no LPIs, RWP 0");
}

static void test_waker(void)
{
	fake_setup(2, 0, 4);
	CHECK_INT(fake_read32(RD(1, GICR_WAKER)),
		  GICR_WAKER_PROCESSOR_SLEEP | GICR_WAKER_CHILDREN_ASLEEP, "asleep at reset");
	fake_write32(RD(1, GICR_WAKER), 0);
	CHECK_INT(fake_read32(RD(1, GICR_WAKER)), 0, "awake: ChildrenAsleep follows");
	CHECK_INT(fake_read32(RD(0, GICR_WAKER)),
		  GICR_WAKER_PROCESSOR_SLEEP | GICR_WAKER_CHILDREN_ASLEEP, "vCPU 0 still asleep");
	fake_write32(RD(1, GICR_WAKER), GICR_WAKER_PROCESSOR_SLEEP);
	CHECK_INT(fake_read32(RD(1, GICR_WAKER)),
		  GICR_WAKER_PROCESSOR_SLEEP | GICR_WAKER_CHILDREN_ASLEEP, "back to sleep");
}

static void test_sgi_frame(void)
{
	uint64_t v = 0;

	fake_setup(2, 0, 4);
	CHECK_INT(fake_read32(SGI(0, GICR_ISENABLER0)), 0xffff, "SGIs enabled at reset, PPIs not");
	CHECK_INT(fake_read32(SGI(0, GICD_ICFGR)), 0xaaaaaaaa, "ICFGR0: SGIs edge");
	fake_write32(SGI(0, GICD_ICFGR), 0);
	CHECK_INT(fake_read32(SGI(0, GICD_ICFGR)), 0xaaaaaaaa, "ICFGR0 read-only");
	fake_write32(SGI(0, GICD_ICFGR + 4), 0xffffffff);
	CHECK_INT(fake_read32(SGI(0, GICD_ICFGR + 4)), 0, "ICFGR1: PPIs level, read-only");

	fake_write32(SGI(1, GICR_ISENABLER0), 1U << 27);
	CHECK_INT(fake_read32(SGI(1, GICR_ISENABLER0)), 0xffff | 1U << 27, "vCPU 1 enables PPI 27");
	CHECK_INT(fake_read32(SGI(0, GICR_ISENABLER0)), 0xffff, "vCPU 0 unaffected");
	fake_write32(SGI(1, GICR_ICENABLER0), 0xffff);
	CHECK_INT(fake_read32(SGI(1, GICR_ISENABLER0)), 1U << 27, "ICENABLER0 disables SGIs");
	fake_write32(SGI(1, GICD_ISPENDR), 1U << 20);
	CHECK_INT(fake_read32(SGI(1, GICD_ICPENDR)), 1U << 20, "ISPENDR0/ICPENDR0");
	fake_write32(SGI(1, GICD_ICPENDR), 1U << 20);
	CHECK_INT(fake_read32(SGI(1, GICD_ISPENDR)), 0, "pending cleared");
	fake_write32(SGI(1, GICD_ISACTIVER), 1U << 3);
	CHECK_INT(fake_read32(SGI(1, GICD_ICACTIVER)), 1U << 3, "ISACTIVER0/ICACTIVER0");
	fake_write32(SGI(1, GICD_IPRIORITYR + 24), 0xa0a0a0a0);
	CHECK_INT(fake_read32(SGI(1, GICD_IPRIORITYR + 24)), 0xa0a0a0a0, "IPRIORITYR6");
	v = 0x80;
	CHECK_INT(fake_mmio(SGI(1, GICD_IPRIORITYR + 27), 1, true, &v), 0, "byte priority write");
	CHECK_INT(fake_vm.vcpus[1].vgic.private_irqs[27].priority, 0x80, "PPI 27 priority");
	CHECK_INT(fake_read32(SGI(1, GICD_IGROUPR)), 0xffffffff, "IGROUPR0 RAO");
	CHECK_INT(fake_read32(SGI(1, GICD_ISENABLER + 4)), 0, "no ISENABLER1 in the SGI frame");
}

static void test_bad_accesses(void)
{
	uint64_t v = 0;

	fake_setup(2, 0, 4);
	CHECK_INT(fake_mmio(RD(0, GICR_WAKER), 8, false, &v) < 0, 1, "doubleword WAKER refused");
	CHECK_INT(fake_mmio(RD(0, GICR_WAKER), 1, false, &v) < 0, 1, "byte WAKER refused");
	CHECK_INT(fake_mmio(RD(0, GICR_IPRIORITYR0), 1, false, &v) < 0, 1,
		  "byte access in the RD frame refused");
	CHECK_INT(fake_mmio(SGI(0, GICR_TYPER), 8, false, &v) < 0, 1,
		  "doubleword in the SGI frame refused");
	CHECK_INT(fake_mmio(RD(0, GICR_TYPER + 4), 8, false, &v) < 0, 1, "misaligned TYPER");
	CHECK_INT(fake_mmio(RD(0, GICR_PROPBASER), 8, false, &v), 0, "PROPBASER: RAZ");
	CHECK_INT(v, 0, "PROPBASER reads 0");
}

int main(void)
{
	test_typer();
	test_waker();
	test_sgi_frame();
	test_bad_accesses();
	return unit_done();
}
