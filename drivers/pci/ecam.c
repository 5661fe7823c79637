/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Config space through the ECAM window of the pci-host-ecam-generic node,
 * PCI Express Base Specification 5.0, 7.2.2: each function owns 4 KiB at
 * base + (bus - first bus) << 20 | device << 15 | function << 12. The
 * devicetree 'reg' starts at the first bus of 'bus-range' (the convention
 * of the Linux pci-host-generic binding). The window is mapped
 * Device-nGnRE at EL2 like every okay node's registers; accesses are
 * single 32-bit loads and stores, which every ECAM must accept.
 */

#include "pci_internal.h"
#include "pci_regs.h"

#include "ecam.h"

static volatile uint32_t *ecam_reg(uint16_t bdf, uint32_t off)
{
	/* Wraps to a huge value below the first bus. */
	unsigned int rel = PCI_BDF_BUS(bdf) - (unsigned int)BUS_FIRST;

	if (rel > (unsigned int)(BUS_LAST - BUS_FIRST) || off >= ECAM_CFG_SIZE || (off & 3u))
		return NULL;
	return (volatile uint32_t *)(uintptr_t)(ECAM_BASE +
		((uint64_t)rel << ECAM_BUS_SHIFT) +
		((uint64_t)(bdf & 0xffu) << ECAM_DEVFN_SHIFT) + off);
}

uint32_t pci_cfg_read32(uint16_t bdf, uint32_t off)
{
	volatile uint32_t *r = ecam_reg(bdf, off);

	/* What a read of an absent function returns (7.2.2). */
	return r ? *r : UINT32_MAX;
}

void pci_cfg_write32(uint16_t bdf, uint32_t off, uint32_t val)
{
	volatile uint32_t *r = ecam_reg(bdf, off);

	if (r)
		*r = val;
}
