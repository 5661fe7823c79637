/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * GICv3 for a guest (Arm IHI 0069H). Registers are reached with aligned
 * 32-bit accesses only (64-bit for GICD_IROUTER), the widths every GICv3
 * implementation and Monadic's vGIC accept.
 */
#include <monadic/guest/cpu.h>
#include <monadic/guest/gic.h>
#include <monadic/guest/sysreg.h>
#include <monadic/regs/gicv3.h>
#include <monadic/regs/gicv3_its.h>
#include <stddef.h>

/* Field geometry shared by the distributor and redistributor arrays. */
#define BITS_PER_REG GIC_INTIDS_PER_REG
#define PRIO_PER_REG 4U
#define PRIO_SHIFT 8U
#define PRIO_MASK 0xffU
#define CFG_PER_REG (32U / GIC_ICFGR_FIELD_BITS)

struct handler {
	guest_irq_fn fn;
	void *arg;
};

/* What an INTID nobody connected runs: nothing (it is acknowledged and
 * ended all the same). Every handler slot holds a function, so the
 * dispatch calls without a check. */
static void unconnected(unsigned int intid, void *arg)
{
	(void)intid;
	(void)arg;
}

#define NO_HANDLER { .fn = unconnected }
static struct handler handlers[GUEST_IRQ_MAX] = { [0 ... GUEST_IRQ_MAX - 1] = NO_HANDLER };
/* One handler for every LPI: they are numbered by the guest at run time. */
static struct handler lpi_handler = NO_HANDLER;
static const struct handler none = NO_HANDLER;

static volatile uint32_t *gicd(uint32_t off)
{
	return (volatile uint32_t *)(GUEST_GICD_BASE + off);
}

static uintptr_t gicr_base(unsigned int cpu)
{
	return GUEST_GICR_BASE + cpu * GICR_STRIDE;
}

static volatile uint32_t *gicr(unsigned int cpu, uint32_t off)
{
	return (volatile uint32_t *)(gicr_base(cpu) + off);
}

static volatile uint32_t *gicr_sgi(unsigned int cpu, uint32_t off)
{
	return (volatile uint32_t *)(gicr_base(cpu) + GICR_SGI_OFFSET + off);
}

/* The register holding `intid`'s field of `per_reg` fields per register. */
static volatile uint32_t *field_reg(unsigned int intid, uint32_t dist_off, uint32_t sgi_off,
				    unsigned int per_reg)
{
	if (intid < GIC_SPI_BASE)
		return gicr_sgi(guest_cpu_index(), sgi_off + (intid / per_reg) * 4U);
	return gicd(dist_off + (intid / per_reg) * 4U);
}

static void rmw(volatile uint32_t *reg, uint32_t mask, uint32_t val)
{
	*reg = (*reg & ~mask) | val;
}

static void gicd_wait_rwp(void)
{
	while (*gicd(GICD_CTLR) & GICD_CTLR_RWP)
		;
}

void guest_gic_init(void)
{
	unsigned int cpu = guest_cpu_index();

	if (cpu == 0) {
		/* Affinity routing first (it changes the register layout),
		 * then Group 1; each write completes before the next. */
		*gicd(GICD_CTLR) = GICD_CTLR_ARE_NS;
		gicd_wait_rwp();
		*gicd(GICD_CTLR) = GICD_CTLR_ARE_NS | GICD_CTLR_ENABLE_G1;
		gicd_wait_rwp();
	}

	/* Wake this CPU's redistributor (IHI 0069H 11.1). */
	rmw(gicr(cpu, GICR_WAKER), GICR_WAKER_PROCESSOR_SLEEP, 0);
	while (*gicr(cpu, GICR_WAKER) & GICR_WAKER_CHILDREN_ASLEEP)
		;

	guest_write_sysreg(icc_sre_el1, guest_read_sysreg(icc_sre_el1) | ICC_SRE_EL1_SRE);
	guest_isb();
	guest_write_sysreg(icc_pmr_el1, ICC_PMR_ALL);
	guest_write_sysreg(icc_bpr1_el1, 0);
	/* EOImode 0: writing EOIR both drops priority and deactivates. */
	guest_write_sysreg(icc_ctlr_el1, guest_read_sysreg(icc_ctlr_el1) & ~ICC_CTLR_EOIMODE);
	guest_write_sysreg(icc_igrpen1_el1, ICC_IGRPEN1_ENABLE);
	guest_isb();
}

void guest_irq_connect(unsigned int intid, guest_irq_fn fn, void *arg)
{
	if (intid >= GUEST_IRQ_MAX)
		return;
	handlers[intid].arg = arg;
	handlers[intid].fn = fn ? fn : unconnected;
	guest_dmb();
}

void guest_lpi_connect(guest_irq_fn fn, void *arg)
{
	lpi_handler.arg = arg;
	lpi_handler.fn = fn ? fn : unconnected;
	guest_dmb();
}

/* The handler for `intid` (unconnected when nobody connected one). */
static const struct handler *handler_of(unsigned int intid)
{
	if (intid < GUEST_IRQ_MAX)
		return &handlers[intid];
	return intid >= GIC_LPI_BASE ? &lpi_handler : &none;
}

void guest_irq_route(unsigned int intid, unsigned int cpu)
{
	if (intid < GIC_SPI_BASE)
		return;
	volatile uint64_t *r = (volatile uint64_t *)(GUEST_GICD_BASE + GICD_IROUTER + 8U * intid);

	*r = guest_cpu_mpidr(cpu) & GICD_IROUTER_AFF0_MASK;
}

void guest_irq_enable(unsigned int intid, uint8_t prio, bool edge)
{
	unsigned int bit = intid % BITS_PER_REG;
	unsigned int prio_shift = (intid % PRIO_PER_REG) * PRIO_SHIFT;
	unsigned int cfg_shift = (intid % CFG_PER_REG) * GIC_ICFGR_FIELD_BITS;

	/* Group 1, so it is signalled as an IRQ. */
	rmw(field_reg(intid, GICD_IGROUPR, GICR_IGROUPR0, BITS_PER_REG), 1U << bit, 1U << bit);
	rmw(field_reg(intid, GICD_IPRIORITYR, GICR_IPRIORITYR0, PRIO_PER_REG),
	    PRIO_MASK << prio_shift, (uint32_t)prio << prio_shift);
	if (intid >= GIC_SGI_COUNT)
		rmw(field_reg(intid, GICD_ICFGR, GICR_ICFGR0, CFG_PER_REG),
		    GIC_ICFGR_EDGE << cfg_shift, edge ? GIC_ICFGR_EDGE << cfg_shift : 0);
	guest_irq_route(intid, guest_cpu_index());
	/* ISENABLER is write-1-to-set: no read-modify-write. */
	*field_reg(intid, GICD_ISENABLER, GICR_ISENABLER0, BITS_PER_REG) = 1U << bit;
	guest_dsb();
}

void guest_irq_disable(unsigned int intid)
{
	*field_reg(intid, GICD_ICENABLER, GICR_ICENABLER0, BITS_PER_REG) =
		1U << (intid % BITS_PER_REG);
	if (intid < GIC_SPI_BASE) {
		while (*gicr(guest_cpu_index(), GICR_CTLR) & GICR_CTLR_RWP)
			;
	} else {
		gicd_wait_rwp();
	}
}

bool guest_irq_pending(unsigned int intid)
{
	return (*field_reg(intid, GICD_ISPENDR, GICR_ISPENDR0, BITS_PER_REG) >>
		(intid % BITS_PER_REG)) & 1U;
}

void guest_sgi_send(unsigned int intid, unsigned int cpu)
{
	uint64_t mpidr = guest_cpu_mpidr(cpu);
	/* TargetList is a bitmap of Aff0 values 0..15 within Aff3.Aff2.Aff1
	 * (RangeSelector 0): enough for GUEST_MAX_CPUS. */
	uint64_t v = (1ULL << ((mpidr & MPIDR_AFF_FIELD_MASK) % ICC_SGI1R_TARGETS_PER_RS)) |
		     (((mpidr >> MPIDR_AFF1_SHIFT) & MPIDR_AFF_FIELD_MASK) << ICC_SGI1R_AFF1_SHIFT) |
		     ((uint64_t)(intid % GIC_SGI_COUNT) << ICC_SGI1R_INTID_SHIFT) |
		     (((mpidr >> MPIDR_AFF2_SHIFT) & MPIDR_AFF_FIELD_MASK) << ICC_SGI1R_AFF2_SHIFT) |
		     (((mpidr >> MPIDR_AFF3_SHIFT) & MPIDR_AFF_FIELD_MASK) << ICC_SGI1R_AFF3_SHIFT);

	/* Stores before the SGI must be visible to its handler. */
	guest_dsb();
	guest_write_sysreg(icc_sgi1r_el1, v);
	guest_isb();
}

void guest_irq_dispatch(void)
{
	for (;;) {
		uint64_t iar = guest_read_sysreg(icc_iar1_el1);
		unsigned int intid = (unsigned int)(iar & ICC_IAR1_INTID_MASK);

		if (intid == GIC_INTID_SPURIOUS)
			return;
		const struct handler *h = handler_of(intid);

		h->fn(intid, h->arg);
		guest_write_sysreg(icc_eoir1_el1, iar);
		guest_isb();
	}
}
