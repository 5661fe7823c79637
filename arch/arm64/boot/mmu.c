/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The hypervisor's own EL2 stage-1 translation: an identity map built once
 * at boot from the devicetree, with the MMU still off.
 *
 * 4 KiB granule, 39-bit VA (T0SZ = 25) so the walk starts at level 1
 * (Arm ARM D8.2 "Translation table walk"): level 1 entries cover 1 GiB,
 * level 2 entries 2 MiB, level 3 entries 4 KiB. That reaches the PCIe ECAM
 * of QEMU virt at 256 GiB.
 *   - RAM (chosen monadic,ram): Normal write-back, read-write, execute-never,
 *     2 MiB blocks;
 *   - the image itself with W^X (4 KiB pages at section edges, 2 MiB
 *     blocks inside): .text read-only executable,
 *     .rodata read-only, .data/.bss read-write (SCTLR_EL2.WXN also enforces
 *     that writable is never executable);
 *   - every okay device node's registers: Device-nGnRE, execute-never,
 *     rounded out to 2 MiB blocks.
 * Everything else faults, which the exception report then names.
 */

#include <arch/mmu.h>
#include <arch/sysreg.h>
#include <monadic/devicetree.h>
#include <monadic/mmu_state.h>
#include <monadic/noinit.h>
#include <monadic/printk.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define ENTRIES 512
#define L1_SHIFT 30
#define L2_SHIFT 21
#define L1_SIZE (1UL << L1_SHIFT)
#define L2_SIZE (1UL << L2_SHIFT)
#define VA_BITS 39

/* Descriptor fields (Arm ARM D8.3 "Translation table descriptor formats"). */
#define DESC_VALID BIT(0)
#define DESC_TABLE BIT(1)          /* at levels 1 and 2: next-level table */
#define DESC_PAGE BIT(1)           /* at level 3: a page */
#define DESC_ATTRINDX(i) FIELD(i, 2)
#define DESC_AP_RO BIT(7)          /* AP[2]: read-only */
#define DESC_AP1_RES1 BIT(6)       /* AP[1] is RES1 in the EL2 (non-VHE) regime */
#define DESC_SH_INNER FIELD(3, 8)
#define DESC_AF BIT(10)
#define DESC_XN BIT(54)
#define DESC_ADDR_MASK 0x0000fffffffff000UL

#define PROT_DEVICE (DESC_ATTRINDX(MT_DEVICE_nGnRE) | DESC_AP1_RES1 | DESC_AF | DESC_XN)
#define PROT_RAM_RW (DESC_ATTRINDX(MT_NORMAL) | DESC_AP1_RES1 | DESC_SH_INNER | \
		     DESC_AF | DESC_XN)
#define PROT_TEXT (DESC_ATTRINDX(MT_NORMAL) | DESC_AP1_RES1 | DESC_SH_INNER | \
		   DESC_AF | DESC_AP_RO)
#define PROT_RODATA (PROT_TEXT | DESC_XN)

extern char __image_start[], __text_end[], __rodata_end[], __image_end[];

/* pt_alloc clears each table it hands out. */
static uint64_t pt_pool[CONFIG_EL2_PT_PAGES][ENTRIES] __attribute__((aligned(PAGE_SIZE))) MHV_NOINIT;
static unsigned int pt_used;
static bool pt_exhausted;

/* Read by secondaries with their MMU and caches still off. */
struct mmu_boot_params mmu_boot_params;

static uint64_t *pt_alloc(void)
{
	if (pt_used == CONFIG_EL2_PT_PAGES) {
		pt_exhausted = true;
		return NULL;
	}
	uint64_t *t = pt_pool[pt_used++];

	for (int i = 0; i < ENTRIES; i++)
		t[i] = 0;
	return t;
}

/* The next-level table of entry idx, created (and linked) on demand. */
static uint64_t *next_table(uint64_t *table, unsigned int idx)
{
	if (table[idx] & DESC_VALID)
		return (uint64_t *)(uintptr_t)(table[idx] & DESC_ADDR_MASK);
	uint64_t *t = pt_alloc();

	if (t != NULL)
		table[idx] = (uintptr_t)t | DESC_TABLE | DESC_VALID;
	return t;
}

static uint64_t *l2_table_for(uint64_t *l1, uint64_t addr)
{
	return next_table(l1, (unsigned int)(addr >> L1_SHIFT) % ENTRIES);
}

/* 2 MiB blocks over [start, end), rounded out. An existing block or table
 * (a region already mapped) is left as it is. */
static void map_blocks(uint64_t *l1, uint64_t start, uint64_t end, uint64_t prot)
{
	for (uint64_t a = start & ~(L2_SIZE - 1); a < end; a += L2_SIZE) {
		uint64_t *l2 = l2_table_for(l1, a);

		if (l2 == NULL)
			return;
		unsigned int i = (unsigned int)(a >> L2_SHIFT) % ENTRIES;

		if (!(l2[i] & DESC_VALID))
			l2[i] = a | prot | DESC_VALID;
	}
}

/*
 * [start, end) (page aligned) with one permission: 2 MiB blocks where a
 * whole aligned block fits (the embedded guest images are megabytes),
 * 4 KiB pages at the edges. The image is mapped first, so no entry here
 * is ever a block already.
 */
static void map_range(uint64_t *l1, uint64_t start, uint64_t end, uint64_t prot)
{
	uint64_t a = start;

	while (a < end) {
		uint64_t *l2 = l2_table_for(l1, a);

		if (l2 == NULL)
			return;
		unsigned int i2 = (unsigned int)(a >> L2_SHIFT) % ENTRIES;

		if ((a & (L2_SIZE - 1)) == 0 && end - a >= L2_SIZE && !(l2[i2] & DESC_VALID)) {
			l2[i2] = a | prot | DESC_VALID;
			a += L2_SIZE;
			continue;
		}
		uint64_t *l3 = next_table(l2, i2);

		if (l3 == NULL)
			return;
		l3[(a >> PAGE_SHIFT) % ENTRIES] = a | prot | DESC_PAGE | DESC_VALID;
		a += PAGE_SIZE;
	}
}

#define MAP_DEVICE_REG(addr, size) map_blocks(l1, (addr), (addr) + (size), PROT_DEVICE);

static uint64_t tcr_value(void)
{
	uint64_t parange = read_sysreg(ID_AA64MMFR0_EL1) & ID_AA64MMFR0_PARANGE_MASK;

	/* PS takes the same encoding as PARange: the whole physical space, but
	 * at most 48 bits: 52-bit output addresses with a 4 KiB granule need
	 * TCR_EL2.DS (FEAT_LPA2), which this table format does not use. */
	if (parange > ID_AA64MMFR0_PARANGE_48)
		parange = ID_AA64MMFR0_PARANGE_48;
	return TCR_EL2_RES1 | FIELD(64 - VA_BITS, TCR_EL2_T0SZ_SHIFT) |
	       TCR_EL2_IRGN0_WBWA | TCR_EL2_ORGN0_WBWA | TCR_EL2_SH0_INNER |
	       TCR_EL2_TG0_4K | FIELD(parange, TCR_EL2_PS_SHIFT);
}

int mmu_build_tables(void)
{
	uint64_t *l1 = pt_alloc();
	uint64_t text = (uintptr_t)__image_start, text_end = (uintptr_t)__text_end;
	uint64_t ro_end = (uintptr_t)__rodata_end, image_end = (uintptr_t)__image_end;
	uint64_t ram = DT_REG_ADDR(DT_CHOSEN(monadic_ram));
	uint64_t ram_end = ram + DT_REG_SIZE(DT_CHOSEN(monadic_ram));

	if (l1 == NULL)
		return -1;
	/* The image first, in pages, so the RAM blocks leave its range alone. */
	map_range(l1, text, text_end, PROT_TEXT);
	map_range(l1, text_end, ro_end, PROT_RODATA);
	map_range(l1, ro_end, (image_end + L2_SIZE - 1) & ~(L2_SIZE - 1), PROT_RAM_RW);
	map_blocks(l1, ram, ram_end, PROT_RAM_RW);
	DT_FOREACH_OKAY_MMIO(MAP_DEVICE_REG)
	if (pt_exhausted) {
		printk("FATAL: EL2 page-table pool exhausted (%d pages): raise CONFIG_EL2_PT_PAGES\n",
		       CONFIG_EL2_PT_PAGES);
		return -1;
	}
	mmu_boot_params.ttbr0 = (uintptr_t)l1;
	mmu_boot_params.tcr = tcr_value();
	mmu_boot_params.mair = MAIR_EL2_VALUE;
	mmu_boot_params.sctlr = SCTLR_EL2_RES1 | SCTLR_EL2_M | SCTLR_EL2_C | SCTLR_EL2_SA |
				SCTLR_EL2_I | SCTLR_EL2_WXN;
	return 0;
}
