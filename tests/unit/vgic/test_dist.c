/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* The emulated distributor's registers, as a guest reads and writes them. */

#include "fake.h"
#include "unit.h"

#include <monadic/regs/gicv3.h>

#define D(off) (FAKE_GICD_IPA + (off))

static void test_registration(void)
{
	CHECK_INT(fake_setup(2, 0, 4), 0, "vgic_vm_init with 2 vCPUs");
	CHECK_INT(fake_vm.num_mmio, 2, "two regions registered");
	CHECK_INT(fake_vm.mmio[0].base, FAKE_GICD_IPA, "GICD region base");
	CHECK_INT(fake_vm.mmio[0].size, 0x10000, "GICD region is 64 KiB");
	CHECK_INT(fake_vm.mmio[1].base, FAKE_GICR_IPA, "GICR region base");
	CHECK_INT(fake_vm.mmio[1].size, 2 * 0x20000, "GICR region is 128 KiB per vCPU");
	CHECK_INT(fake_setup(0, 0, 4) < 0, 1, "0 vCPUs refused");
	CHECK_INT(fake_setup(VM_MAX_VCPUS + 1, 0, 4) < 0, 1, "too many vCPUs refused");
}

static void test_id_registers(void)
{
	fake_setup(2, 0, 4);
	/* 96 SPIs + 32 = 128 INTIDs: ITLinesNumber 3; IDbits 15; no LPIs/MBIS. */
	CHECK_INT(fake_read32(D(GICD_TYPER)), 3 | 15U << 19, "GICD_TYPER");
	CHECK_INT(fake_read32(D(GICD_TYPER2)), 0, "GICD_TYPER2 is 0");
	CHECK_INT(fake_read32(D(GICD_PIDR2)) >> 4 & 0xf, 3, "GICD_PIDR2.ArchRev = GICv3");
	CHECK_INT(fake_read32(D(GICD_IIDR)), 0x4d00043b, "GICD_IIDR");
	CHECK_INT(fake_read32(D(0x5000)), 0, "unimplemented offset RAZ");
	fake_write32(D(0x5000), 0xffffffff);
	CHECK_INT(fake_read32(D(0x5000)), 0, "unimplemented offset WI");
}

static void test_ctlr(void)
{
	fake_setup(2, 0, 4);
	CHECK_INT(fake_read32(D(GICD_CTLR)), GICD_CTLR_ARE_NS | GICD_CTLR_DS,
		  "GICD_CTLR at reset: ARE and DS set, disabled");
	fake_write32(D(GICD_CTLR), GICD_CTLR_ENABLE_G1 | GICD_CTLR_ARE_NS | 1);
	CHECK_INT(fake_read32(D(GICD_CTLR)), GICD_CTLR_ARE_NS | GICD_CTLR_DS | GICD_CTLR_ENABLE_G1,
		  "EnableGrp1 sticks, EnableGrp0 RAZ");
	CHECK_INT(fake_vm.vgic.enabled, 1, "distributor enabled");
	fake_write32(D(GICD_CTLR), 0);
	CHECK_INT(fake_read32(D(GICD_CTLR)), GICD_CTLR_ARE_NS | GICD_CTLR_DS,
		  "ARE cannot be cleared");
}

static void test_enable_pending_active(void)
{
	fake_setup(2, 0, 4);
	/* Register 1 covers INTIDs 32..63. */
	fake_write32(D(GICD_ISENABLER + 4), 0x5);
	CHECK_INT(fake_read32(D(GICD_ISENABLER + 4)), 0x5, "ISENABLER1 sets INTIDs 32, 34");
	CHECK_INT(fake_read32(D(GICD_ICENABLER + 4)), 0x5, "ICENABLER1 reads the same state");
	fake_write32(D(GICD_ISENABLER + 4), 0x2);
	CHECK_INT(fake_read32(D(GICD_ISENABLER + 4)), 0x7, "writing 1 sets, 0 leaves alone");
	fake_write32(D(GICD_ICENABLER + 4), 0x1);
	CHECK_INT(fake_read32(D(GICD_ISENABLER + 4)), 0x6, "ICENABLER clears only its ones");

	fake_write32(D(GICD_ISPENDR + 4), 0x80000000);
	CHECK_INT(fake_read32(D(GICD_ISPENDR + 4)), 0x80000000, "ISPENDR1 sets INTID 63");
	CHECK_INT(fake_vm.vgic.spis[63 - 32].flags & 0x02, 0x02, "INTID 63 pending in state");
	fake_write32(D(GICD_ICPENDR + 4), 0x80000000);
	CHECK_INT(fake_read32(D(GICD_ISPENDR + 4)), 0, "ICPENDR1 clears it");
	fake_write32(D(GICD_ISPENDR + 8), 0x80000000);
	CHECK_INT(fake_read32(D(GICD_ISPENDR + 8)), 0x80000000, "ISPENDR2: INTID 95, the last SPI");

	fake_write32(D(GICD_ISACTIVER + 4), 0x100);
	CHECK_INT(fake_read32(D(GICD_ICACTIVER + 4)), 0x100, "ISACTIVER/ICACTIVER: INTID 40");
	fake_write32(D(GICD_ICACTIVER + 4), 0x100);
	CHECK_INT(fake_read32(D(GICD_ISACTIVER + 4)), 0, "ICACTIVER clears");

	fake_write32(D(GICD_ISENABLER), 0xffffffff);
	CHECK_INT(fake_read32(D(GICD_ISENABLER)), 0, "SGI/PPI bits in the distributor RAZ/WI (ARE)");
	fake_write32(D(GICD_ISENABLER + 16), 0xffffffff);
	CHECK_INT(fake_read32(D(GICD_ISENABLER + 16)), 0, "beyond the last SPI: RAZ/WI");
	CHECK_INT(fake_read32(D(GICD_IGROUPR + 4)), 0xffffffff, "IGROUPR1: all Group 1 (RAO)");
	fake_write32(D(GICD_IGROUPR + 4), 0);
	CHECK_INT(fake_read32(D(GICD_IGROUPR + 4)), 0xffffffff, "IGROUPR1: WI");
	CHECK_INT(fake_read32(D(GICD_IGROUPR)), 0, "IGROUPR0 in the distributor: RAZ");
}

static void test_priority_config(void)
{
	uint64_t v = 0xa0;

	fake_setup(2, 0, 4);
	CHECK_INT(fake_mmio(D(GICD_IPRIORITYR + 33), 1, true, &v), 0, "IPRIORITYR byte write");
	v = 0;
	CHECK_INT(fake_mmio(D(GICD_IPRIORITYR + 33), 1, false, &v), 0, "IPRIORITYR byte read");
	CHECK_INT(v, 0xa0, "priority of INTID 33");
	CHECK_INT(fake_read32(D(GICD_IPRIORITYR + 32)), 0xa000, "seen in the word of 32..35");
	fake_write32(D(GICD_IPRIORITYR + 36), 0x10203fff);
	CHECK_INT(fake_read32(D(GICD_IPRIORITYR + 36)), 0x102038f8,
		  "word write: 4 priorities, 5 implemented bits each");
	fake_write32(D(GICD_IPRIORITYR), 0xffffffff);
	CHECK_INT(fake_read32(D(GICD_IPRIORITYR)), 0, "SGI priorities in the distributor RAZ/WI");

	CHECK_INT(fake_read32(D(GICD_ICFGR + 8)), 0, "SPIs level at reset");
	fake_write32(D(GICD_ICFGR + 8), 0x3 << 2);
	CHECK_INT(fake_read32(D(GICD_ICFGR + 8)), 0x2 << 2, "ICFGR2: INTID 33 edge, bit 0 RES0");
	CHECK_INT(fake_vm.vgic.spis[1].flags & 0x08, 0x08, "INTID 33 is edge in state");
}

static void test_irouter(void)
{
	uint64_t v = 0x0000000001ULL;

	fake_setup(2, 0, 4);
	CHECK_INT(fake_mmio(D(GICD_IROUTER + 8 * 40), 8, true, &v), 0, "IROUTER 64-bit write");
	v = 0;
	fake_mmio(D(GICD_IROUTER + 8 * 40), 8, false, &v);
	CHECK_INT(v, 1, "IROUTER40 reads back Aff0 = 1");
	v = 0xff00ffffffULL | 1ULL << 31 | 0xff00000000000000ULL;
	fake_mmio(D(GICD_IROUTER + 8 * 41), 8, true, &v);
	v = 0;
	fake_mmio(D(GICD_IROUTER + 8 * 41), 8, false, &v);
	CHECK_INT(v, 0xff80ffffffULL, "IROUTER keeps Aff3..0 and IRM, drops RES0 bits");
	fake_write32(D(GICD_IROUTER + 8 * 42 + 4), 0x7);
	CHECK_INT(fake_read32(D(GICD_IROUTER + 8 * 42 + 4)), 0x7, "IROUTER high half by word");
	CHECK_INT(fake_read32(D(GICD_IROUTER + 8 * 42)), 0, "low half untouched");
	v = 0x12345;
	fake_mmio(D(GICD_IROUTER + 8 * 5), 8, true, &v);
	v = 1;
	fake_mmio(D(GICD_IROUTER + 8 * 5), 8, false, &v);
	CHECK_INT(v, 0, "IROUTER of a PPI: RAZ/WI");
}

static void test_bad_accesses(void)
{
	uint64_t v = 0;

	fake_setup(2, 0, 4);
	CHECK_INT(fake_mmio(D(GICD_CTLR), 2, false, &v) < 0, 1, "halfword access refused");
	CHECK_INT(fake_mmio(D(GICD_CTLR), 1, false, &v) < 0, 1, "byte access to CTLR refused");
	CHECK_INT(fake_mmio(D(GICD_CTLR), 8, false, &v) < 0, 1, "doubleword access to CTLR refused");
	CHECK_INT(fake_mmio(D(GICD_ISENABLER + 2), 4, false, &v) < 0, 1, "misaligned word refused");
	CHECK_INT(fake_mmio(D(GICD_IROUTER + 8 * 40 + 4), 8, false, &v) < 0, 1,
		  "misaligned doubleword refused");
	CHECK_INT(fake_mmio(D(GICD_IPRIORITYR + 2), 4, false, &v) < 0, 1,
		  "misaligned IPRIORITYR word refused");
	CHECK_INT(fake_mmio(D(GICD_ITARGETSR + 33), 1, false, &v), 0, "ITARGETSR byte: RAZ");
	CHECK_INT(v, 0, "ITARGETSR reads 0");
}

int main(void)
{
	test_registration();
	test_id_registers();
	test_ctlr();
	test_enable_pending_active();
	test_priority_config();
	test_irouter();
	test_bad_accesses();
	return unit_done();
}
