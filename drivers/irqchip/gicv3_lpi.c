/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Host LPIs (IHI 0069 5.1): one configuration table shared by every
 * redistributor (a byte per LPI: priority and enable), one pending table
 * per redistributor (a bit per INTID), GICR_PROPBASER / GICR_PENDBASER
 * and GICR_CTLR.EnableLPIs on each CPU, and the allocator of host LPI
 * INTIDs (its_lpi_alloc / its_lpi_free).
 */

#include <monadic/cpus.h>
#include <monadic/devicetree.h>
#include <monadic/errno.h>
#include <monadic/hal/cache.h>
#include <monadic/its.h>
#include <monadic/noinit.h>
#include <monadic/printk.h>
#include <monadic/string.h>
#include <stdatomic.h>

#include "gicv3.h"
#include "its_internal.h"

/* The configuration table covers INTIDs 8192 .. 2^IDbits - 1, the
 * pending table 0 .. 2^IDbits - 1 (its first 1 KiB, for INTIDs below
 * 8192, is the GIC's own); pending tables are 64 KiB aligned. */
#define PROP_SIZE ((1U << LPI_ID_BITS) - GIC_LPI_BASE)
#define PEND_SIZE ((1U << LPI_ID_BITS) / 8U)
#define PEND_ALIGN 0x10000U
#define PEND_STRIDE (PEND_SIZE > PEND_ALIGN ? PEND_SIZE : PEND_ALIGN)
#define GICD_TYPER_IDBITS_MASK 0x1fU
#define BITMAP_WORD_BITS 64U

/* Every byte is written before use (gic_lpi_init, gic_lpi_cpu_init). */
static _Alignas(4096) uint8_t prop_table[PROP_SIZE] MHV_NOINIT;
static _Alignas(PEND_ALIGN) uint8_t pend_tables[DT_NUM_CPUS][PEND_STRIDE] MHV_NOINIT;
static atomic_bool prop_coherent = true;
static bool lpis_ok;
static bool cpu_lpis[DT_NUM_CPUS];

static uint64_t lpi_used[(CONFIG_GICV3_ITS_NR_LPIS + BITMAP_WORD_BITS - 1) / BITMAP_WORD_BITS];
static struct spinlock lpi_lock = SPINLOCK_INIT;

void gic_table_publish(const void *p, size_t size, bool coherent)
{
	if (coherent)
		__asm__ volatile("dsb ishst" ::: "memory");
	else
		hal_dcache_clean_range((uintptr_t)p, size);
}

bool gic_table_base_write(volatile uint64_t *reg, uint64_t val, bool redist)
{
	val &= redist ? ~GICR_BASER_ATTRS_MASK : ~GIC_BASER_ATTRS_MASK;
	*reg = val | (redist ? GICR_TABLE_ATTRS_WB : GIC_TABLE_ATTRS_WB);
	if ((*reg >> GIC_BASER_SHAREABILITY_SHIFT) & GIC_BASER_SHAREABILITY_MASK)
		return true;
	*reg = val | (redist ? GICR_TABLE_ATTRS_NC : GIC_TABLE_ATTRS_NC);
	return false;
}

bool gic_lpi_init(void)
{
	uint32_t typer = *gic_reg32(GICD_BASE, GICD_TYPER);
	unsigned int id_bits = ((typer >> GICD_TYPER_IDBITS_SHIFT) & GICD_TYPER_IDBITS_MASK) + 1;

	if (!(typer & GICD_TYPER_LPIS)) {
		printk("gicv3: the distributor has no LPIs (GICD_TYPER.LPIS = 0): no ITS\n");
		return false;
	}
	if (id_bits < LPI_ID_BITS) {
		printk("gicv3: %u INTID bits, CONFIG_GICV3_ITS_NR_LPIS=%u needs %u: no LPIs\n",
		       id_bits, CONFIG_GICV3_ITS_NR_LPIS, LPI_ID_BITS);
		return false;
	}
	/* Every LPI disabled, at the priority the hypervisor gives all. */
	memset(prop_table, GIC_DEFAULT_PRIORITY | LPI_PROP_RES1, sizeof(prop_table));
	/* Whether the GIC snoops is known once a redistributor answered:
	 * clean now, so the first one may read it either way. */
	gic_table_publish(prop_table, sizeof(prop_table), false);
	lpis_ok = true;
	return true;
}

void gic_lpi_cpu_init(unsigned int cpu, uintptr_t rd)
{
	volatile uint32_t *ctlr = gic_reg32(rd, GICR_CTLR);
	uint8_t *pend = pend_tables[cpu];
	bool coherent;

	if (!lpis_ok)
		return;
	if (!(*gic_reg64(rd, GICR_TYPER) & GICR_TYPER_PLPIS)) {
		printk("gicv3: CPU %u's redistributor has no physical LPIs\n", cpu);
		return;
	}
	/* Once set, EnableLPIs may be impossible to clear and the tables
	 * can't be moved (12.11.2): a previous boot left it on. */
	if (*ctlr & GICR_CTLR_ENABLE_LPIS) {
		printk("gicv3: CPU %u: LPIs were already enabled (warm reboot?): not used\n", cpu);
		return;
	}
	memset(pend, 0, PEND_SIZE);
	gic_table_publish(pend, PEND_SIZE, false);
	coherent = gic_table_base_write(gic_reg64(rd, GICR_PROPBASER),
					((uintptr_t)prop_table & GICR_PROPBASER_ADDR_MASK) |
					(LPI_ID_BITS - 1), true);
	coherent &= gic_table_base_write(gic_reg64(rd, GICR_PENDBASER),
					 ((uintptr_t)pend & GICR_PENDBASER_ADDR_MASK) |
					 GICR_PENDBASER_PTZ, true);
	/* One redistributor that does not snoop is enough to clean every
	 * configuration change. */
	if (!coherent)
		atomic_store(&prop_coherent, false);
	*ctlr |= GICR_CTLR_ENABLE_LPIS;
	gicr_wait_rwp();
	cpu_lpis[cpu] = true;
}

bool gic_lpi_cpu_enabled(unsigned int cpu)
{
	return cpu < DT_NUM_CPUS && cpu_lpis[cpu];
}

void gic_lpi_set_enabled(uint32_t lpi, bool enabled)
{
	uint8_t *cfg = &prop_table[lpi - GIC_LPI_BASE];

	*cfg = (uint8_t)((*cfg & ~LPI_PROP_ENABLE) | (enabled ? LPI_PROP_ENABLE : 0));
	gic_table_publish(cfg, 1, atomic_load(&prop_coherent));
}

static bool lpi_in_range(uint32_t lpi)
{
	return lpi >= GIC_LPI_BASE && lpi < LPI_END;
}

bool gic_lpi_allocated(uint32_t lpi)
{
	uint32_t n = lpi - GIC_LPI_BASE;

	return lpi_in_range(lpi) &&
	       (lpi_used[n / BITMAP_WORD_BITS] >> (n % BITMAP_WORD_BITS) & 1U);
}

int its_lpi_alloc(uint32_t *intid)
{
	int rc = -MHV_ENOMEM;

	if (!lpis_ok)
		return -MHV_ENOENT;
	spin_lock(&lpi_lock);
	for (uint32_t n = 0; n < CONFIG_GICV3_ITS_NR_LPIS; n++) {
		uint64_t bit = 1ULL << (n % BITMAP_WORD_BITS);

		if (!(lpi_used[n / BITMAP_WORD_BITS] & bit)) {
			lpi_used[n / BITMAP_WORD_BITS] |= bit;
			*intid = GIC_LPI_BASE + n;
			rc = 0;
			break;
		}
	}
	spin_unlock(&lpi_lock);
	return rc;
}

void its_lpi_free(uint32_t intid)
{
	uint32_t n = intid - GIC_LPI_BASE;

	if (!lpi_in_range(intid))
		return;
	spin_lock(&lpi_lock);
	lpi_used[n / BITMAP_WORD_BITS] &= ~(1ULL << (n % BITMAP_WORD_BITS));
	spin_unlock(&lpi_lock);
}
