/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The portable core of the PCI driver: enumeration and BAR placement
 * written against pci_cfg_read32/write32 only, so tests/unit/pci runs it
 * over a fake config space.
 */
#ifndef DRIVERS_PCI_INTERNAL_H
#define DRIVERS_PCI_INTERNAL_H

#include <monadic/pci.h>

/* A host memory window (a 'ranges' entry): PCI addresses [pci_base,
 * pci_base + size) appear at the CPU at cpu_base. */
struct pci_window {
	uint64_t pci_base;
	uint64_t cpu_base;
	uint64_t size;
};

#define PCI_MAX_WINDOWS 4

struct pci_host {
	uint8_t bus_start, bus_end;
	/* Bump allocator over windows[alloc]: next free PCI address. */
	unsigned int nwindows;
	unsigned int alloc;
	uint64_t next;
	struct pci_window windows[PCI_MAX_WINDOWS];
	uint8_t last_bus;   /* highest bus number handed out so far */
	bool table_full;    /* some function did not fit the table */
};

/* Size of a memory BAR from what it reads back after all 1s were written
 * (both halves of a 64-bit BAR; flag bits are ignored): its lowest
 * writable address bit. 0 when no address bit sticks: not implemented. */
uint64_t pci_bar_size(uint64_t readback);

/* Next naturally aligned block of 'size' bytes in the allocation window;
 * -MHV_ENOMEM when it does not fit. */
int pci_window_alloc(struct pci_host *host, uint64_t size, uint64_t *pci_addr);
/* Moves the allocator up to the next multiple of align. */
void pci_window_align(struct pci_host *host, uint64_t align);
/* CPU address of a PCI memory address, 0 if no window holds it. */
uint64_t pci_window_to_cpu(const struct pci_host *host, uint64_t pci_addr);

/* Sizes the first nbars BARs of f, assigns unassigned ones, and sets
 * memory decoding if it assigned any. Leaves every other bit as found. */
void pci_bars_probe(struct pci_host *host, struct pci_function *f, unsigned int nbars);

/* Rebuilds the function table from bus host->bus_start down. */
int pci_enumerate(struct pci_host *host);

#endif /* DRIVERS_PCI_INTERNAL_H */
