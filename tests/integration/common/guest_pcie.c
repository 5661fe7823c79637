/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* A guest's PCIe host bridge, from its DTB (guest_pcie.h). */
#include <monadic/guest/sdk.h>
#include <monadic/pci.h>

#include "guest_pcie.h"

/* ECAM (PCIe Base 5.0, 7.2.2): device [19:15], function [14:12]. */
#define ECAM_DEV_SHIFT 15

/* /pcie ranges: 3 PCI address cells, 2 CPU address cells, 2 size cells. */
#define RANGE_CELLS 7
#define RANGE_SPACE_MASK 0x03000000u
#define RANGE_SPACE_MEM32 0x02000000u

static uint64_t cells64(const void *prop, unsigned int i)
{
	return (uint64_t)guest_fdt_cell(prop, i) << 32 | guest_fdt_cell(prop, i + 1);
}

bool guest_pcie_find(struct guest_pcie *host)
{
	uint32_t len = 0;
	const void *reg = guest_info.dtb ? guest_fdt_prop(guest_info.dtb, "/pcie", "reg", &len)
				       : NULL;

	*host = (struct guest_pcie){ 0 };
	if (!guest_check(reg && len >= 4 * sizeof(uint32_t), "pcie node in the DTB",
			 "no /pcie reg (%u bytes)", len))
		return false;
	host->ecam = (uintptr_t)cells64(reg, 0);
	const void *ranges = guest_fdt_prop(guest_info.dtb, "/pcie", "ranges", &len);

	for (unsigned int i = 0; ranges && (i + 1) * RANGE_CELLS * 4 <= len; i++) {
		unsigned int c = i * RANGE_CELLS;

		if ((guest_fdt_cell(ranges, c) & RANGE_SPACE_MASK) == RANGE_SPACE_MEM32) {
			host->win_pci = cells64(ranges, c + 1);
			host->win_cpu = cells64(ranges, c + 3);
			host->win_size = cells64(ranges, c + 5);
		}
	}
	guest_printf("ECAM at 0x%lx, 32-bit window PCI 0x%lx at CPU 0x%lx + 0x%lx\n",
		     (unsigned long)host->ecam, (unsigned long)host->win_pci,
		     (unsigned long)host->win_cpu, (unsigned long)host->win_size);
	return guest_check(host->win_size != 0, "pcie 32-bit memory window in the DTB",
			   "no 32-bit memory range in /pcie ranges");
}

volatile uint32_t *guest_pcie_cfg(const struct guest_pcie *host, unsigned int dev,
				  uint32_t off)
{
	return (volatile uint32_t *)(host->ecam + ((uintptr_t)dev << ECAM_DEV_SHIFT) + off);
}

uint32_t guest_pcie_next_cap(const struct guest_pcie *host, unsigned int dev, uint32_t ptr)
{
	uint32_t next;

	if (ptr)
		next = *guest_pcie_cfg(host, dev, ptr) >> CAP_NEXT_SHIFT;
	else if (*guest_pcie_cfg(host, dev, PCI_COMMAND) & CFG_STATUS_CAP_LIST)
		next = *guest_pcie_cfg(host, dev, CFG_CAP_PTR);
	else
		return 0;
	return next & CAP_PTR_MASK;
}

uint32_t guest_pcie_find_cap(const struct guest_pcie *host, unsigned int dev, uint8_t id)
{
	uint32_t ptr = guest_pcie_next_cap(host, dev, 0);

	for (unsigned int n = 0; ptr >= CFG_HEADER_END && n < CAP_MAX; n++) {
		if ((uint8_t)*guest_pcie_cfg(host, dev, ptr) == id)
			return ptr;
		ptr = guest_pcie_next_cap(host, dev, ptr);
	}
	return 0;
}

uintptr_t guest_pcie_bar0(const struct guest_pcie *host, unsigned int dev)
{
	uint64_t addr = (uint64_t)*guest_pcie_cfg(host, dev, CFG_BAR1) << 32 |
			(*guest_pcie_cfg(host, dev, CFG_BAR0) & ~BAR_FLAGS);

	return (uintptr_t)(addr - host->win_pci + host->win_cpu);
}
