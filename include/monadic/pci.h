/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * PCI Express behind an ECAM host bridge (drivers/pci). At boot every
 * function reachable from the host's first bus is enumerated, its memory
 * BARs are sized and, when the firmware left them unassigned, placed in the
 * host's 32-bit memory window. The table built then is read-only: a VM is
 * given a function's BARs at the CPU addresses recorded here.
 *
 * PCI Express Base Specification 5.0, 7.2.2 "PCI Express Enhanced
 * Configuration Access Mechanism (ECAM)" and 7.5.1 "PCI-Compatible
 * Configuration Registers". Design notes: docs/pcie.md.
 */
#ifndef MONADIC_PCI_H
#define MONADIC_PCI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Requester ID / routing ID: bus[15:8], device[7:3], function[2:0]. */
#define PCI_BDF(bus, dev, fn) \
	((uint16_t)((((bus) & 0xffu) << 8) | (((dev) & 0x1fu) << 3) | ((fn) & 0x7u)))
#define PCI_BDF_BUS(bdf) (((bdf) >> 8) & 0xffu)
#define PCI_BDF_DEV(bdf) (((bdf) >> 3) & 0x1fu)
#define PCI_BDF_FN(bdf) ((bdf) & 0x7u)

#define PCI_MAX_BARS 6

/* Command register (7.5.1.1.3), low half of the dword at 0x04; the high
 * half is the status register, whose error bits are RW1C (write 0 there). */
#define PCI_COMMAND 0x04
#define PCI_COMMAND_IO (1u << 0)
#define PCI_COMMAND_MEMORY (1u << 1)
#define PCI_COMMAND_MASTER (1u << 2)   /* the function may issue DMA */
#define PCI_COMMAND_MASK 0xffffu

/* One memory BAR (I/O BARs are not recorded: nothing here uses port I/O). */
struct pci_bar {
	uint64_t cpu_addr; /* where the CPU reaches it (0: not assigned) */
	uint64_t pci_addr; /* what the BAR register holds */
	uint64_t size;     /* power of two; 0: BAR unimplemented or I/O */
	bool is64;         /* occupies this BAR and the next */
	bool prefetchable;
};

struct pci_function {
	uint16_t bdf;
	uint16_t vendor_id;
	uint16_t device_id;
	uint32_t class_code;  /* base class [23:16], sub-class [15:8], prog-if [7:0] */
	uint8_t header_type;  /* PCI_HEADER_TYPE_NORMAL or PCI_HEADER_TYPE_BRIDGE */
	uint8_t secondary_bus; /* bridges only */
	uint8_t subordinate_bus;
	struct pci_bar bar[PCI_MAX_BARS];
};

#define PCI_HEADER_TYPE_NORMAL 0
#define PCI_HEADER_TYPE_BRIDGE 1

/* What a config read of an absent function returns (7.2.2): all 1s. */
#define PCI_CFG_ABSENT(size) ((size) >= 4u ? UINT32_MAX : (1u << (8u * (size))) - 1u)

/* Config space access for a function of the host's bus range; off must be
 * 4-byte aligned and below 4096. Reads of an absent function return all 1s. */
uint32_t pci_cfg_read32(uint16_t bdf, uint32_t off);
void pci_cfg_write32(uint16_t bdf, uint32_t off, uint32_t val);
/* The same with an access size of 1, 2 or 4 bytes (off aligned to it). */
uint32_t pci_cfg_read(uint16_t bdf, uint32_t off, unsigned int size);
void pci_cfg_write(uint16_t bdf, uint32_t off, unsigned int size, uint32_t val);

/* The enumerated function at bus:dev.fn, or NULL. */
const struct pci_function *pci_find(uint8_t bus, uint8_t dev, uint8_t fn);
/* Iteration: pci_function_count() entries, in enumeration (depth-first) order. */
size_t pci_function_count(void);
const struct pci_function *pci_function_at(size_t i);

/* Function Level Reset (drivers/pci/flr.c), with bus mastering already
 * off: whether the function has one (a PCI Express capability with
 * Device Capabilities' FLR bit), and the reset itself, which takes at
 * least 100 ms. 0 done, -MHV_ENOENT no FLR, -MHV_EIO the function did not
 * answer configuration reads within 1 s after it. Its BARs and command
 * register read 0 after: whoever enables memory decoding restores them. */
bool pci_flr_capable(uint16_t bdf);
int pci_function_flr(uint16_t bdf);

/* Short class name for logs ("NVMe", "PCI bridge"); "" if unknown. */
const char *pci_class_name(uint32_t class_code);

#endif /* MONADIC_PCI_H */
