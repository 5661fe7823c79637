/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Per-CPU GICv3 set-up: find this CPU's redistributor, wake it, configure
 * its SGIs and PPIs, and bring up the CPU interface (IHI 0069 12.11
 * "GICR_WAKER" for the wake-up handshake, 12.2 for the ICC registers).
 */

#include <monadic/cpus.h>
#include <monadic/hal/cpu.h>
#include <monadic/hal/gic.h>
#include <monadic/irq.h>
#include <monadic/printk.h>

#include "gicv3.h"
#ifdef CONFIG_GICV3_ITS
#include "its_internal.h"
#endif

/* Lowest priority mask: every priority the hypervisor uses is signalled. */
#define ICC_PMR_ALLOW_ALL 0xffU

/* RD_base of each CPU's redistributor, by devicetree CPU index. */
static uintptr_t gicr_rd[DT_NUM_CPUS];

uintptr_t gic_rd_frame(unsigned int cpu)
{
	return gicr_rd[cpu];
}

uintptr_t gic_sgi_frame(void)
{
	return gicr_rd[hal_cpu_index()] + GICR_SGI_OFFSET;
}

void gicr_wait_rwp(void)
{
	gic_wait_clear(gic_reg32(gicr_rd[hal_cpu_index()], GICR_CTLR), GICR_CTLR_RWP,
		       "GICR_CTLR.RWP");
}

/* Walk the redistributor region: each frame says whose it is in
 * GICR_TYPER.Affinity_Value, the last one has GICR_TYPER.Last. */
static uintptr_t gicr_find(uint64_t mpidr)
{
	uint32_t aff = gic_affinity32(mpidr);

	for (uintptr_t rd = GICR_REGION_BASE; rd < GICR_REGION_BASE + GICR_REGION_SIZE;) {
		uint64_t typer = *gic_reg64(rd, GICR_TYPER);

		if ((uint32_t)(typer >> GICR_TYPER_AFF_SHIFT) == aff)
			return rd;
		if (typer & GICR_TYPER_LAST)
			break;
		rd += (typer & GICR_TYPER_VLPIS) ? GICR_STRIDE_VLPI : GICR_STRIDE;
	}
	return 0;
}

/* Clear ProcessorSleep and wait for ChildrenAsleep to follow: until then
 * the redistributor does not forward interrupts to this CPU. */
static void gicr_wake(uintptr_t rd)
{
	volatile uint32_t *waker = gic_reg32(rd, GICR_WAKER);

	*waker &= ~GICR_WAKER_PROCESSOR_SLEEP;
	gic_wait_clear(waker, GICR_WAKER_CHILDREN_ASLEEP, "GICR_WAKER.ChildrenAsleep");
}

/* SGIs and PPIs: Group 1 Non-secure, disabled, inactive, default
 * priority; then the three this CPU takes. */
static void gicr_config_private(uintptr_t sgi)
{
	*gic_reg32(sgi, GICR_IGROUPR0) = ~0U;
	*gic_reg32(sgi, GICR_IGRPMODR0) = 0;
	*gic_reg32(sgi, GICR_ICENABLER0) = ~0U;
	*gic_reg32(sgi, GICR_ICPENDR0) = ~0U;
	*gic_reg32(sgi, GICR_ICACTIVER0) = ~0U;
	gicr_wait_rwp();
	for (unsigned int i = 0; i < GIC_NR_PRIVATE; i++)
		*(volatile uint8_t *)(sgi + GICR_IPRIORITYR0 + i) = GIC_DEFAULT_PRIORITY;
}

static void gic_cpu_if_init(void)
{
	hal_gic_write_sre_el2(hal_gic_read_sre_el2() | ICC_SRE_EL2_SRE | ICC_SRE_EL2_ENABLE);
	hal_gic_write_pmr(ICC_PMR_ALLOW_ALL);
	/* Split priority drop from deactivation: the hypervisor drops the
	 * priority at once, and a HW-linked interrupt stays active until the
	 * guest deactivates its virtual twin. */
	hal_gic_write_ctlr(hal_gic_read_ctlr() | ICC_CTLR_EOIMODE);
	hal_gic_write_igrpen1(ICC_IGRPEN1_ENABLE);
	hal_gic_reset_virtual_if();
}

void gic_cpu_init(void)
{
	unsigned int cpu = hal_cpu_index();
	uintptr_t rd = gicr_find(mhv_cpu_mpidr[cpu]);

	if (!rd) {
		printk("gicv3: no redistributor for CPU %u (MPIDR 0x%llx) in the GICR region\n",
		       cpu, (unsigned long long)mhv_cpu_mpidr[cpu]);
		hal_cpu_halt();
	}
	gicr_rd[cpu] = rd;
	gicr_wake(rd);
	gicr_config_private(rd + GICR_SGI_OFFSET);
	gic_cpu_if_init();
#ifdef CONFIG_GICV3_ITS
	gic_lpi_cpu_init(cpu, rd);
#endif

	irq_enable(IRQ_PPI_MAINTENANCE);
	irq_enable(IRQ_PPI_VTIMER);
	irq_enable(IRQ_PPI_PTIMER);
	irq_enable(IRQ_SGI_KICK);
}
