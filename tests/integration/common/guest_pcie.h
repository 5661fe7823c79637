/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The PCIe host bridge a test guest is given (docs/pcie.md): found in the
 * DTB as an OS finds it, config space through its ECAM window (PCI Express
 * Base 5.0, 7.2.2), capabilities (7.5.1) and BARs. Shared by the guests
 * that drive a passed-through function (nvme_guest, its_guest).
 */
#ifndef GUEST_PCIE_H
#define GUEST_PCIE_H

#include <stdbool.h>
#include <stdint.h>

/* Type 0 configuration header (PCIe Base 5.0, 7.5.1). */
#define CFG_ID 0x00
#define CFG_STATUS_CAP_LIST (1u << 20)   /* status bit 4, in the dword at 0x04 */
#define CFG_BAR0 0x10
#define CFG_BAR1 0x14
#define CFG_CAP_PTR 0x34
#define CFG_HEADER_END 0x40
#define CFG_ALL_ONES 0xffffffffu
#define BAR_FLAGS 0xfu
#define CAP_PTR_MASK 0xfcu
#define CAP_NEXT_SHIFT 8
#define CAP_MAX 48                       /* (256 - 64) / 4: a longer list loops */

struct guest_pcie {
	uintptr_t ecam;
	uint64_t win_pci, win_cpu, win_size;   /* the 32-bit memory window */
};

/* ECAM and the 32-bit memory window from /pcie's reg and ranges; two
 * checks ("pcie node in the DTB", "pcie 32-bit memory window in the DTB"). */
bool guest_pcie_find(struct guest_pcie *host);

/* Config dword `off` of bus 0, device `dev`, function 0. */
volatile uint32_t *guest_pcie_cfg(const struct guest_pcie *host, unsigned int dev,
				  uint32_t off);

/* The capability after the one at `ptr` (0: the first), 0 at the end; a
 * value below CFG_HEADER_END is a malformed list. */
uint32_t guest_pcie_next_cap(const struct guest_pcie *host, unsigned int dev, uint32_t ptr);

/* Offset of the first capability `id`, 0 if it is not listed. */
uint32_t guest_pcie_find_cap(const struct guest_pcie *host, unsigned int dev, uint8_t id);

/* Where the CPU reaches the 64-bit memory BAR0 (window's ranges entry). */
uintptr_t guest_pcie_bar0(const struct guest_pcie *host, unsigned int dev);

#endif
