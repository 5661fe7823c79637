/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * <monadic/irq.h> on the GICv3: acknowledge, priority drop and
 * deactivation through the CPU interface, enables in the calling CPU's
 * redistributor (SGIs, PPIs) or the distributor (SPIs), SPI routing by
 * GICD_IROUTER<n>, SGIs by ICC_SGI1R_EL1 (IHI 0069 12.2, 12.9, 12.11).
 */

#include <monadic/cpus.h>
#include <monadic/hal/gic.h>
#include <monadic/irq.h>
#include <monadic/regs/gicv3_its.h>

#include "gicv3.h"
#ifdef CONFIG_GICV3_ITS
#include "its_internal.h"
#endif

uint32_t irq_ack(void)
{
	return hal_gic_ack();
}

void irq_eoi(uint32_t intid)
{
	hal_gic_eoi(intid);
}

void irq_deactivate(uint32_t intid)
{
	/* An LPI stops being active at its priority drop (IHI 0069 5.1). */
	if (intid < GIC_LPI_BASE)
		hal_gic_deactivate(intid);
}

/* The ITS's INV has taken effect on return (its_send waits for SYNC).
 * Without the ITS no LPI can be delivered, so there is nothing to do. */
static void irq_lpi_enable(uint32_t intid, bool enabled)
{
#ifdef CONFIG_GICV3_ITS
	its_lpi_enable(intid, enabled);
#else
	(void)intid;
	(void)enabled;
#endif
}

static uint32_t intid_bit(uint32_t intid)
{
	return 1U << (intid % GIC_INTIDS_PER_REG);
}

static uintptr_t intid_reg(uint32_t intid)
{
	return intid / GIC_INTIDS_PER_REG * sizeof(uint32_t);
}

/* ISENABLER/ICENABLER are write-one-to-set/clear: no read-modify-write,
 * so no lock is needed between CPUs. */
void irq_enable(uint32_t intid)
{
	if (intid >= GIC_LPI_BASE)
		irq_lpi_enable(intid, true);
	else if (intid < GIC_NR_PRIVATE)
		*gic_reg32(gic_sgi_frame(), GICR_ISENABLER0) = intid_bit(intid);
	else
		*gic_reg32(GICD_BASE, GICD_ISENABLER + intid_reg(intid)) = intid_bit(intid);
}

/* The disable has taken effect on return (RWP): no new delivery after. */
void irq_disable(uint32_t intid)
{
	if (intid >= GIC_LPI_BASE) {
		irq_lpi_enable(intid, false);
	} else if (intid < GIC_NR_PRIVATE) {
		*gic_reg32(gic_sgi_frame(), GICR_ICENABLER0) = intid_bit(intid);
		gicr_wait_rwp();
	} else {
		*gic_reg32(GICD_BASE, GICD_ICENABLER + intid_reg(intid)) = intid_bit(intid);
		gicd_wait_rwp();
	}
}

/* Write-one-to-clear, like the enables. */
void irq_clear_active_spi(uint32_t intid)
{
	if (intid >= GIC_NR_PRIVATE && intid < GIC_LPI_BASE)
		*gic_reg32(GICD_BASE, GICD_ICACTIVER + intid_reg(intid)) = intid_bit(intid);
}

void irq_set_edge(uint32_t intid)
{
	unsigned int per_reg = GIC_INTIDS_PER_REG / GIC_ICFGR_FIELD_BITS;
	volatile uint32_t *cfg = gic_reg32(GICD_BASE, GICD_ICFGR + intid / per_reg * sizeof(uint32_t));

	/* Int_config bit [1] of the INTID's 2-bit field: 1 = edge. */
	*cfg |= 2u << (intid % per_reg * GIC_ICFGR_FIELD_BITS);
}

void irq_route_spi(uint32_t intid, unsigned int pcpu)
{
	*gic_reg64(GICD_BASE, GICD_IROUTER + intid * sizeof(uint64_t)) =
		mhv_cpu_mpidr[pcpu] & GICD_IROUTER_AFF_MASK;
}

/* TargetList names Aff0 values RS*16 .. RS*16+15 of one Aff3.Aff2.Aff1
 * cluster (ICC_SGI1R_EL1; RS above 0 needs ICC_CTLR_EL1.RSS). */
void irq_send_sgi(uint32_t intid, unsigned int pcpu)
{
	uint64_t mpidr = mhv_cpu_mpidr[pcpu];
	uint32_t aff0 = MPIDR_AFF0(mpidr);

	hal_gic_send_sgi1r((uint64_t)MPIDR_AFF3(mpidr) << ICC_SGI1R_AFF3_SHIFT |
			   (uint64_t)(aff0 / ICC_SGI1R_TARGETS_PER_RS) << ICC_SGI1R_RS_SHIFT |
			   (uint64_t)MPIDR_AFF2(mpidr) << ICC_SGI1R_AFF2_SHIFT |
			   (uint64_t)(intid & ICC_SGI1R_INTID_MASK) << ICC_SGI1R_INTID_SHIFT |
			   (uint64_t)MPIDR_AFF1(mpidr) << ICC_SGI1R_AFF1_SHIFT |
			   1ULL << (aff0 % ICC_SGI1R_TARGETS_PER_RS));
}
