/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Depth-first enumeration from the host's first bus, as the PCI Firmware
 * Specification 3.3 expects of firmware without an OS handing it numbers:
 * each bridge gets the next free bus as its secondary bus, a subordinate
 * bus that covers everything found below it, and a memory window (1 MiB
 * granular) around the BARs placed below it. PCI Express Base
 * Specification 5.0, 7.5.1.3 "Type 1 Configuration Space Header".
 */

#include <monadic/errno.h>

#include "pci_internal.h"
#include "pci_regs.h"

static struct pci_function pci_table[CONFIG_PCIE_MAX_FUNCTIONS];
static size_t pci_count;

static int scan_bus(struct pci_host *host, uint8_t bus);

static void bridge_set_buses(uint16_t bdf, uint8_t primary, uint8_t secondary,
			     uint8_t subordinate)
{
	uint32_t v = pci_cfg_read32(bdf, PCI_BUS_NUMBERS);

	/* Keep the secondary latency timer in [31:24]. */
	v &= ~((1u << (PCI_SUBORDINATE_SHIFT + 8)) - 1);
	v |= primary | (uint32_t)secondary << PCI_SECONDARY_SHIFT |
	     (uint32_t)subordinate << PCI_SUBORDINATE_SHIFT;
	pci_cfg_write32(bdf, PCI_BUS_NUMBERS, v);
}

/* Forwards [start, end) downstream; an empty range closes the window. */
static uint32_t bridge_mem_window(uint64_t start, uint64_t end)
{
	if (end <= start)
		return PCI_WINDOW_OFF;
	return (uint32_t)((start >> PCI_WINDOW_ADDR_SHIFT) & PCI_WINDOW_FIELD_MASK) |
	       (uint32_t)(((end - 1) >> PCI_WINDOW_ADDR_SHIFT) & PCI_WINDOW_FIELD_MASK)
			<< PCI_WINDOW_LIMIT_SHIFT;
}

static int scan_bridge(struct pci_host *host, struct pci_function *f)
{
	uint8_t bus = (uint8_t)PCI_BDF_BUS(f->bdf);
	uint64_t start, end;
	int rc;

	if (host->last_bus >= host->bus_end)
		return -MHV_ERANGE;   /* no bus number left: the bridge stays closed */
	f->secondary_bus = ++host->last_bus;
	/* Subordinate = end of range while scanning, so every config cycle
	 * to a bus below can reach it; narrowed once the subtree is known. */
	bridge_set_buses(f->bdf, bus, f->secondary_bus, host->bus_end);
	pci_window_align(host, PCI_WINDOW_ALIGN);
	start = host->next;
	rc = scan_bus(host, f->secondary_bus);
	pci_window_align(host, PCI_WINDOW_ALIGN);
	end = host->next;
	f->subordinate_bus = host->last_bus;
	bridge_set_buses(f->bdf, bus, f->secondary_bus, f->subordinate_bus);
	/* Only the non-prefetchable memory window is used; close the others
	 * (base above limit). The secondary status half is RW1C: write 0. */
	pci_cfg_write32(f->bdf, PCI_IO_BASE_LIMIT, PCI_IO_WINDOW_OFF);
	pci_cfg_write32(f->bdf, PCI_PREF_BASE_LIMIT, PCI_WINDOW_OFF);
	pci_cfg_write32(f->bdf, PCI_PREF_BASE_UPPER, 0);
	pci_cfg_write32(f->bdf, PCI_PREF_LIMIT_UPPER, 0);
	pci_cfg_write32(f->bdf, PCI_MEMORY_BASE_LIMIT, bridge_mem_window(start, end));
	if (end > start) {
		/* Forward memory cycles down and the devices' DMA up. */
		uint32_t cmd = pci_cfg_read32(f->bdf, PCI_COMMAND) & PCI_COMMAND_MASK;
		pci_cfg_write32(f->bdf, PCI_COMMAND,
				cmd | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
	}
	return rc;
}

/* Records one present function; returns its header type byte. */
static int probe_function(struct pci_host *host, uint16_t bdf, uint32_t id)
{
	uint32_t hdr = (pci_cfg_read32(bdf, PCI_HEADER_DWORD) >> PCI_HEADER_TYPE_SHIFT) & 0xffu;
	struct pci_function *f;

	if (pci_count >= CONFIG_PCIE_MAX_FUNCTIONS) {
		host->table_full = true;
		return (int)hdr;
	}
	f = &pci_table[pci_count++];
	*f = (struct pci_function){
		.bdf = bdf,
		.vendor_id = (uint16_t)id,
		.device_id = (uint16_t)(id >> 16),
		.class_code = pci_cfg_read32(bdf, PCI_CLASS_REVISION) >> PCI_CLASS_SHIFT,
		.header_type = (uint8_t)(hdr & PCI_HEADER_TYPE_LAYOUT),
	};
	if (f->header_type == PCI_HEADER_TYPE_NORMAL) {
		pci_bars_probe(host, f, PCI_BARS_TYPE0);
	} else if (f->header_type == PCI_HEADER_TYPE_BRIDGE) {
		pci_bars_probe(host, f, PCI_BARS_TYPE1);
		(void)scan_bridge(host, f);
	}
	return (int)hdr;
}

static int scan_bus(struct pci_host *host, uint8_t bus)
{
	for (unsigned int dev = 0; dev < PCI_MAX_DEVICES; dev++) {
		for (unsigned int fn = 0; fn < PCI_MAX_FUNCTIONS; fn++) {
			uint16_t bdf = PCI_BDF(bus, dev, fn);
			uint32_t id = pci_cfg_read32(bdf, PCI_VENDOR_ID);
			int hdr;

			if ((id & PCI_VENDOR_NONE) == PCI_VENDOR_NONE) {
				if (fn == 0)
					break;   /* no function 0: no device */
				continue;
			}
			hdr = probe_function(host, bdf, id);
			if (fn == 0 && !((unsigned int)hdr & PCI_HEADER_TYPE_MULTIFN))
				break;
		}
	}
	return host->table_full ? -MHV_ENOMEM : 0;
}

int pci_enumerate(struct pci_host *host)
{
	pci_count = 0;
	host->table_full = false;
	host->last_bus = host->bus_start;
	host->next = host->windows[host->alloc].pci_base;
	return scan_bus(host, host->bus_start);
}

const struct pci_function *pci_find(uint8_t bus, uint8_t dev, uint8_t fn)
{
	uint16_t bdf = PCI_BDF(bus, dev, fn);

	for (size_t i = 0; i < pci_count; i++)
		if (pci_table[i].bdf == bdf)
			return &pci_table[i];
	return NULL;
}

size_t pci_function_count(void)
{
	return pci_count;
}

const struct pci_function *pci_function_at(size_t i)
{
	return i < pci_count ? &pci_table[i] : NULL;
}
