/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Config space through the ECAM window of the pci-host-ecam-generic node,
 * PCI Express Base Specification 5.0, 7.2.2: each function owns 4 KiB at
 * base + (bus - first bus) << 20 | device << 15 | function << 12. The
 * devicetree 'reg' starts at the first bus of 'bus-range' (the convention
 * of the Linux pci-host-generic binding). The window is mapped
 * Device-nGnRE at EL2 like every okay node's registers. The hypervisor's
 * own accesses are single 32-bit loads and stores, which every ECAM must
 * accept; a VM's filtered config accesses keep their 8/16-bit size
 * (pci_cfg_read/pci_cfg_write), so a byte written to the command register
 * never rewrites the RW1C status bits beside it.
 */

#include "pci_internal.h"
#include "pci_regs.h"

#include "ecam.h"

/* The register's address, or 0 outside the window or when misaligned. */
static uintptr_t ecam_reg(uint16_t bdf, uint32_t off, unsigned int size)
{
	/* Wraps to a huge value below the first bus. */
	unsigned int rel = PCI_BDF_BUS(bdf) - (unsigned int)BUS_FIRST;

	if (rel > (unsigned int)(BUS_LAST - BUS_FIRST) || off >= ECAM_CFG_SIZE ||
	    (size != 1 && size != 2 && size != 4) || (off & (size - 1u)))
		return 0;
	return (uintptr_t)(ECAM_BASE + ((uint64_t)rel << ECAM_BUS_SHIFT) +
			   ((uint64_t)(bdf & 0xffu) << ECAM_DEVFN_SHIFT) + off);
}

uint32_t pci_cfg_read(uint16_t bdf, uint32_t off, unsigned int size)
{
	uintptr_t r = ecam_reg(bdf, off, size);

	if (r == 0)
		return PCI_CFG_ABSENT(size);
	if (size == 1)
		return *(volatile uint8_t *)r;
	if (size == 2)
		return *(volatile uint16_t *)r;
	return *(volatile uint32_t *)r;
}

void pci_cfg_write(uint16_t bdf, uint32_t off, unsigned int size, uint32_t val)
{
	uintptr_t r = ecam_reg(bdf, off, size);

	if (r == 0)
		return;
	if (size == 1)
		*(volatile uint8_t *)r = (uint8_t)val;
	else if (size == 2)
		*(volatile uint16_t *)r = (uint16_t)val;
	else
		*(volatile uint32_t *)r = val;
}

uint32_t pci_cfg_read32(uint16_t bdf, uint32_t off)
{
	return pci_cfg_read(bdf, off, 4);
}

void pci_cfg_write32(uint16_t bdf, uint32_t off, uint32_t val)
{
	pci_cfg_write(bdf, off, 4, val);
}
