/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The physical ITS: the 'arm,gic-v3-its' child of the 'gic' node, brought
 * up once every CPU has enabled its LPIs (IHI 0069 12.19 for the GITS_*
 * registers, 5.3 for the commands): the ITS disabled until quiescent,
 * a flat device table and a collection table from static pools
 * (GITS_BASER<n>), the command queue, enabled, and one collection per
 * online CPU: ICID = CPU index, mapped with MAPC to its redistributor.
 */

#include <monadic/cpus.h>
#include <monadic/devicetree.h>
#include <monadic/init.h>
#include <monadic/its.h>
#include <monadic/noinit.h>
#include <monadic/printk.h>
#include <monadic/string.h>

#include "gicv3.h"
#include "its_internal.h"

#define GITS_TYPER_ITT_ENTRY_SIZE_MASK 0xfULL

/* The first okay ITS is driven; one is all the host needs. */
#if DT_NUM_INST_STATUS_OKAY(arm_gic_v3_its) > 0
#define ITS_ADDR_OF(node) DT_REG_ADDR(node),
static const uintptr_t its_bases[] = { DT_FOREACH_STATUS_OKAY(arm_gic_v3_its, ITS_ADDR_OF) };
#define ITS_BASE its_bases[0]
#else
#define ITS_BASE 0
#endif
#define TABLE_PAGE 4096U
#define DEVICE_TABLE_SIZE (CONFIG_GICV3_ITS_DEVICE_TABLE_KB * 1024U)
#define GITS_BASER_PAGES_MAX 256U
#define CTLR_TIMEOUT_MS 100

struct its its_dev = { .lock = SPINLOCK_INIT };

/* Written by the ITS only, after being cleared here. */
static _Alignas(0x10000) uint8_t device_table[DEVICE_TABLE_SIZE] MHV_NOINIT;
/* One page: 4 KiB / 8-byte entries covers 512 collections. */
static _Alignas(TABLE_PAGE) uint8_t collection_table[TABLE_PAGE] MHV_NOINIT;

static bool cpu_usable(unsigned int cpu)
{
	const struct cpu_info *c = cpu_get(cpu);

	return c != NULL && c->online && gic_lpi_cpu_enabled(cpu);
}

bool its_available(void)
{
	if (!its_dev.ready)
		return false;
	for (unsigned int cpu = 0; cpu < mhv_cpu_count; cpu++)
		if (cpu_get(cpu)->online && !gic_lpi_cpu_enabled(cpu))
			return false;
	return true;
}

uint64_t its_doorbell_pa(void)
{
	return its_dev.ready ? its_dev.base + GITS_TRANSLATER : 0;
}

uint64_t its_rdbase(unsigned int cpu)
{
	uintptr_t rd = gic_rd_frame(cpu);

	if (its_dev.typer & GITS_TYPER_PTA)
		return rd >> ITS_CMD_RDBASE_SHIFT;
	return (*gic_reg64(rd, GICR_TYPER) >> GICR_TYPER_PROC_NUM_SHIFT) & ITS_CMD_ICID_MASK;
}

static volatile uint64_t *its_reg64(uintptr_t off)
{
	return gic_reg64(its_dev.base, off);
}

/* BASER and CBASER are writable only while the ITS is disabled, and its
 * caches are consistent only once it is quiescent (12.19.1). */
static bool its_quiesce(void)
{
	volatile uint32_t *ctlr = gic_reg32(its_dev.base, GITS_CTLR);
	uint64_t deadline = hal_counter_deadline_ms(CTLR_TIMEOUT_MS);

	*ctlr &= ~GITS_CTLR_ENABLED;
	while (!(*ctlr & GITS_CTLR_QUIESCENT))
		if (hal_counter_ticks() > deadline)
			return false;
	return true;
}

/* One table: 4 KiB pages (the ITS may insist on bigger ones: then the
 * pool, 64 KiB aligned, is counted in those), 'bytes' of it used. */
static bool baser_setup(unsigned int n, void *table, size_t bytes, const char *what,
			uint32_t *entries)
{
	volatile uint64_t *reg = its_reg64(GITS_BASER(n));
	uint64_t keep = *reg & (GITS_BASER_TYPE_MASK << GITS_BASER_TYPE_SHIFT |
				GITS_BASER_ENTRY_SIZE_MASK << GITS_BASER_ENTRY_SIZE_SHIFT);
	size_t esz = ((*reg >> GITS_BASER_ENTRY_SIZE_SHIFT) & GITS_BASER_ENTRY_SIZE_MASK) + 1;
	size_t pages = bytes / TABLE_PAGE;

	if (pages > GITS_BASER_PAGES_MAX)
		pages = GITS_BASER_PAGES_MAX;
	memset(table, 0, pages * TABLE_PAGE);
	gic_table_publish(table, pages * TABLE_PAGE, false);
	its_dev.coherent &= gic_table_base_write(reg, keep | GITS_BASER_VALID |
						 ((uintptr_t)table & GITS_BASER_ADDR_MASK) |
						 (pages - 1), false);
	if (((*reg >> GITS_BASER_PAGE_SIZE_SHIFT) & GITS_BASER_PAGE_SIZE_MASK) != 0 ||
	    !(*reg & GITS_BASER_VALID)) {
		printk("ITS: the %s table (GITS_BASER%u) does not take 4 KiB pages: ITS not used\n",
		       what, n);
		return false;
	}
	*entries = (uint32_t)(pages * TABLE_PAGE / esz);
	return true;
}

static bool tables_setup(void)
{
	uint32_t collections = 0;

	its_dev.nr_devids = 0;
	for (unsigned int n = 0; n < GITS_BASER_COUNT; n++) {
		uint64_t type = (*its_reg64(GITS_BASER(n)) >> GITS_BASER_TYPE_SHIFT) &
				GITS_BASER_TYPE_MASK;
		bool ok = true;

		if (type == GITS_BASER_TYPE_DEVICE)
			ok = baser_setup(n, device_table, sizeof(device_table), "device",
					 &its_dev.nr_devids);
		else if (type == GITS_BASER_TYPE_COLLECTION)
			ok = baser_setup(n, collection_table, sizeof(collection_table),
					 "collection", &collections);
#ifdef CONFIG_GICV4
		else if (type == GITS_BASER_TYPE_VPE)
			ok = baser_setup(n, its_vpe_table, its_vpe_table_size, "vPE",
					 &its_dev.nr_vpes);
#endif
		if (!ok)
			return false;
	}
	if ((1ULL << its_dev.dev_bits) < its_dev.nr_devids)
		its_dev.nr_devids = 1U << its_dev.dev_bits;
	return true;
}

/* MAPC + INVALL for every online CPU with LPIs: collection = CPU index. */
static int collections_map(void)
{
	its_cmd_t cmds[2];
	int rc = 0;

	for (unsigned int cpu = 0; cpu < mhv_cpu_count && rc == 0; cpu++) {
		if (!cpu_usable(cpu))
			continue;
		its_cmd_mapc(cmds[0], (uint16_t)cpu, its_rdbase(cpu), true);
		its_cmd_invall(cmds[1], (uint16_t)cpu);
		rc = its_send(cmds, 2);
	}
	return rc;
}

static void log_its(void)
{
	unsigned int cpus = 0;

	for (unsigned int cpu = 0; cpu < mhv_cpu_count; cpu++)
		cpus += cpu_usable(cpu);
	printk("ITS at 0x%llx: DeviceID %u bits (table: %u), EventID %u bits, ITT entry %u bytes, "
	       "RDbase %s%s; host LPIs %u-%u on %u CPUs\n",
	       (unsigned long long)its_dev.base, its_dev.dev_bits, its_dev.nr_devids,
	       its_dev.event_bits, its_dev.itt_entry_size,
	       its_dev.typer & GITS_TYPER_PTA ? "address" : "processor number",
	       its_dev.coherent ? "" : ", non-coherent tables (cleaned to PoC)",
	       GIC_LPI_BASE, LPI_END - 1, cpus);
}

static int its_init(void)
{
	if (!gic_lpi_cpu_enabled(hal_cpu_index()))
		return 0;   /* gicv3 said why */
	its_dev.base = ITS_BASE;
	/* cppcheck-suppress knownConditionTrueFalse ; a board without an ITS */
	if (its_dev.base == 0) {
		printk("ITS: no arm,gic-v3-its in the devicetree: no MSIs\n");
		return 0;
	}
	its_dev.typer = *its_reg64(GITS_TYPER);
	its_dev.dev_bits = (unsigned int)((its_dev.typer >> GITS_TYPER_DEVBITS_SHIFT) &
					  GITS_TYPER_BITS_MASK) + 1;
	its_dev.event_bits = (unsigned int)((its_dev.typer >> GITS_TYPER_IDBITS_SHIFT) &
					    GITS_TYPER_BITS_MASK) + 1;
	its_dev.itt_entry_size = (unsigned int)((its_dev.typer >> GITS_TYPER_ITT_ENTRY_SIZE_SHIFT) &
						GITS_TYPER_ITT_ENTRY_SIZE_MASK) + 1;
	its_dev.coherent = true;
	if (!(its_dev.typer & GITS_TYPER_PHYSICAL)) {
		printk("ITS at 0x%llx: no physical LPIs (GITS_TYPER.Physical = 0): not used\n",
		       (unsigned long long)its_dev.base);
		return 0;
	}
	if (!its_quiesce()) {
		printk("ITS: not quiescent 100 ms after being disabled: not used\n");
		return 0;
	}
	if (!tables_setup())
		return 0;
	its_queue_init();
	*gic_reg32(its_dev.base, GITS_CTLR) |= GITS_CTLR_ENABLED;
	spin_lock(&its_dev.lock);
	int rc = collections_map();

	spin_unlock(&its_dev.lock);
	if (rc != 0)
		return rc;
	its_dev.ready = true;
	log_its();
#ifdef CONFIG_GICV4
	its_vlpi_probe();
#endif
	return 0;
}

/* After the secondaries: every online CPU has its LPIs enabled. */
MHV_INIT(its_init, INIT_POST_SMP, 10);
