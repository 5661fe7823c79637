/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * GICv3 distributor set-up at EL2 (IHI 0069 12.9). GICD_IROUTER<n> is
 * used only with affinity routing on, so GICD_CTLR.ARE_NS is set before
 * the routes are written (as Linux's irq-gic-v3.c does). Runs once, on the
 * boot CPU, before the secondaries start.
 */

#include <monadic/cpus.h>
#include <monadic/hal/cpu.h>
#include <monadic/init.h>
#include <monadic/printk.h>

#include "gicv3.h"
#ifdef CONFIG_GICV3_ITS
#include "its_internal.h"
#endif

/* How long the GIC may take before we say so. */
#define WAIT_TIMEOUT_MS 100

#define ICFGR_INTIDS_PER_REG (GIC_INTIDS_PER_REG / GIC_ICFGR_FIELD_BITS)

void gic_wait_clear(const volatile uint32_t *reg, uint32_t bits, const char *what)
{
	uint64_t deadline = hal_counter_deadline_ms(WAIT_TIMEOUT_MS);

	while (*reg & bits) {
		if (hal_counter_ticks() > deadline) {
			printk("gicv3: %s still set after 100 ms\n", what);
			return;
		}
	}
}

void gicd_wait_rwp(void)
{
	gic_wait_clear(gic_reg32(GICD_BASE, GICD_CTLR), GICD_CTLR_RWP, "GICD_CTLR.RWP");
}

static unsigned int gicd_num_intids(void)
{
	unsigned int n = ((*gic_reg32(GICD_BASE, GICD_TYPER) & GICD_TYPER_ITLINES_MASK) + 1) *
			 GIC_INTIDS_PER_REG;

	return n > GIC_MAX_SPI_INTID + 1 ? GIC_MAX_SPI_INTID + 1 : n;
}

/* Every SPI: Group 1 Non-secure, disabled, not pending or active, default
 * priority, level-sensitive (the devices QEMU virt and SBSA servers give
 * guests signal by level). */
static void gicd_reset_spis(unsigned int nr)
{
	for (unsigned int i = GIC_NR_PRIVATE; i < nr; i += GIC_INTIDS_PER_REG) {
		uintptr_t bits = i / GIC_INTIDS_PER_REG * sizeof(uint32_t);

		*gic_reg32(GICD_BASE, GICD_IGROUPR + bits) = ~0U;
		*gic_reg32(GICD_BASE, GICD_IGRPMODR + bits) = 0;
		*gic_reg32(GICD_BASE, GICD_ICENABLER + bits) = ~0U;
		*gic_reg32(GICD_BASE, GICD_ICPENDR + bits) = ~0U;
		*gic_reg32(GICD_BASE, GICD_ICACTIVER + bits) = ~0U;
	}
	for (unsigned int i = GIC_NR_PRIVATE; i < nr; i++)
		*(volatile uint8_t *)(GICD_BASE + GICD_IPRIORITYR + i) = GIC_DEFAULT_PRIORITY;
	for (unsigned int i = GIC_NR_PRIVATE; i < nr; i += ICFGR_INTIDS_PER_REG)
		*gic_reg32(GICD_BASE, GICD_ICFGR + i / ICFGR_INTIDS_PER_REG * sizeof(uint32_t)) = 0;
}

static int gicd_init(void)
{
	unsigned int nr = gicd_num_intids();
	uint64_t boot_aff = mhv_cpu_mpidr[hal_cpu_index()] & GICD_IROUTER_AFF_MASK;

	*gic_reg32(GICD_BASE, GICD_CTLR) = 0;
	gicd_wait_rwp();
	gicd_reset_spis(nr);
	gicd_wait_rwp();

	*gic_reg32(GICD_BASE, GICD_CTLR) = GICD_CTLR_ARE_NS | GICD_CTLR_ENABLE_G1;
	gicd_wait_rwp();
	/* Until irq_route_spi says otherwise, SPIs go to the boot CPU. */
	for (unsigned int i = GIC_NR_PRIVATE; i < nr; i++)
		*gic_reg64(GICD_BASE, GICD_IROUTER + i * sizeof(uint64_t)) = boot_aff;

#ifdef CONFIG_GICV3_ITS
	gic_lpi_init();   /* the shared LPI table, before any CPU enables LPIs */
#endif
	gic_cpu_init();
	return 0;
}

MHV_INIT(gicd_init, INIT_PRE_SMP, 10);
