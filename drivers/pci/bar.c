/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * BAR sizing and placement, PCI Express Base Specification 5.0, 7.5.1.2.1
 * "Base Address Register": software writes all 1s, reads back which
 * address bits stick (the size is the lowest one), and restores the
 * register. Decoding is off meanwhile so the transient all-1s address
 * never claims a cycle.
 */

#include <monadic/errno.h>

#include "pci_internal.h"
#include "pci_regs.h"

uint64_t pci_bar_size(uint64_t readback)
{
	uint64_t mask = readback & ~(uint64_t)PCI_BAR_MEM_FLAGS;

	if (mask == 0)
		return 0;
	/* The writable address bits are [63:log2(size)]: the lowest set bit. */
	return mask & -mask;
}

void pci_window_align(struct pci_host *host, uint64_t align)
{
	host->next = (host->next + align - 1) & ~(align - 1);
}

int pci_window_alloc(struct pci_host *host, uint64_t size, uint64_t *pci_addr)
{
	const struct pci_window *w;
	uint64_t addr;

	if (host->alloc >= host->nwindows || size == 0 || (size & (size - 1)) != 0)
		return -MHV_EINVAL;
	w = &host->windows[host->alloc];
	/* A BAR decodes addr[63:log2(size)], so it must be aligned to its size;
	 * small BARs get a page of their own, so a VM given one function's BAR
	 * through its Stage-2 (4 KiB pages) sees no other function's. */
	if (size < PCI_BAR_MIN_ALIGN)
		size = PCI_BAR_MIN_ALIGN;
	addr = (host->next + size - 1) & ~(size - 1);
	if (addr < host->next || addr - w->pci_base > w->size ||
	    size > w->size - (addr - w->pci_base))
		return -MHV_ENOMEM;
	host->next = addr + size;
	*pci_addr = addr;
	return 0;
}

uint64_t pci_window_to_cpu(const struct pci_host *host, uint64_t pci_addr)
{
	for (unsigned int i = 0; i < host->nwindows; i++) {
		const struct pci_window *w = &host->windows[i];

		if (pci_addr >= w->pci_base && pci_addr - w->pci_base < w->size)
			return pci_addr - w->pci_base + w->cpu_base;
	}
	return 0;
}

/* Writes all 1s, reads back, restores: what the register decodes. */
static uint32_t bar_probe_one(uint16_t bdf, uint32_t off, uint32_t orig)
{
	uint32_t readback;

	pci_cfg_write32(bdf, off, PCI_BAR_ALL_ONES);
	readback = pci_cfg_read32(bdf, off);
	pci_cfg_write32(bdf, off, orig);
	return readback;
}

/* Sizes BAR i (and i + 1 for a 64-bit one); returns how many it spans. */
static unsigned int bar_probe(struct pci_host *host, struct pci_function *f,
			      unsigned int i, unsigned int nbars, bool *assigned)
{
	uint32_t off = PCI_BAR0 + i * PCI_BAR_STRIDE;
	uint32_t lo = pci_cfg_read32(f->bdf, off), hi = 0, type;
	uint64_t readback, addr;
	struct pci_bar *bar = &f->bar[i];

	if (lo & PCI_BAR_SPACE_IO)
		return 1;
	type = (lo >> PCI_BAR_MEM_TYPE_SHIFT) & PCI_BAR_MEM_TYPE_MASK;
	if (type != PCI_BAR_MEM_TYPE_32 && type != PCI_BAR_MEM_TYPE_64)
		return 1;       /* reserved encoding: leave it alone */
	bar->is64 = type == PCI_BAR_MEM_TYPE_64;
	if (bar->is64 && i + 1 >= nbars) {
		bar->is64 = false;   /* a 64-bit BAR cannot start in the last slot */
		return 1;
	}
	bar->prefetchable = (lo & PCI_BAR_MEM_PREFETCH) != 0;
	readback = bar_probe_one(f->bdf, off, lo);
	if (bar->is64) {
		hi = pci_cfg_read32(f->bdf, off + PCI_BAR_STRIDE);
		readback |= (uint64_t)bar_probe_one(f->bdf, off + PCI_BAR_STRIDE, hi) << 32;
	}
	bar->size = pci_bar_size(readback);
	if (bar->size == 0)
		return bar->is64 ? 2 : 1;
	addr = ((uint64_t)hi << 32) | (lo & ~(uint32_t)PCI_BAR_MEM_FLAGS);
	/* Address 0 is what reset leaves: no firmware placed this BAR. */
	if (addr == 0 && pci_window_alloc(host, bar->size, &addr) == 0) {
		pci_cfg_write32(f->bdf, off, (uint32_t)addr | (lo & PCI_BAR_MEM_FLAGS));
		if (bar->is64)
			pci_cfg_write32(f->bdf, off + PCI_BAR_STRIDE, (uint32_t)(addr >> 32));
		*assigned = true;
	}
	bar->pci_addr = addr;
	bar->cpu_addr = addr ? pci_window_to_cpu(host, addr) : 0;
	return bar->is64 ? 2 : 1;
}

void pci_bars_probe(struct pci_host *host, struct pci_function *f, unsigned int nbars)
{
	uint32_t cmd = pci_cfg_read32(f->bdf, PCI_COMMAND) & PCI_COMMAND_MASK;
	bool assigned = false;

	/* The status half is written as 0: its error bits are RW1C. */
	pci_cfg_write32(f->bdf, PCI_COMMAND, cmd & ~(PCI_COMMAND_MEMORY | PCI_COMMAND_IO));
	for (unsigned int i = 0; i < nbars;)
		i += bar_probe(host, f, i, nbars, &assigned);
	if (assigned)
		cmd |= PCI_COMMAND_MEMORY;
	pci_cfg_write32(f->bdf, PCI_COMMAND, cmd);
}
