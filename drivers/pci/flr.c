/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Function Level Reset (PCI Express Base 5.0, 6.6.2) of an enumerated
 * function, for when the VM it was given stops or resets: the device
 * forgets what the guest programmed into it (queues, DMA addresses, its
 * MSI-X table), so nothing of it reaches the next guest. The sequence is
 * the specification's, as Linux's pcie_flr follows it: bus mastering is
 * already off, so Transactions Pending is given time to clear; Initiate
 * Function Level Reset; 100 ms for the function to complete it; then it
 * must answer configuration reads again.
 */

#include <monadic/errno.h>
#include <monadic/hal/cpu.h>
#include <monadic/pci.h>

#include "pci_regs.h"

#define PCI_STATUS 0x06
#define PCI_STATUS_CAP_LIST (1u << 4)
#define PCI_CAPABILITY_LIST 0x34
#define PCI_CAP_PTR_MASK 0xfcu
#define PCI_CAP_ID_EXP 0x10
#define PCI_CAPS_MAX 48           /* a list longer than fits in 256 bytes loops */
#define PCI_EXP_DEVCAP 0x04
#define PCI_EXP_DEVCAP_FLR (1u << 28)
#define PCI_EXP_DEVCTL 0x08
#define PCI_EXP_DEVCTL_BCR_FLR (1u << 15)
#define PCI_EXP_DEVSTA 0x0a
#define PCI_EXP_DEVSTA_TRPND (1u << 5)

#define PENDING_MS 100u           /* for outstanding transactions to complete */
#define FLR_MS 100u               /* 6.6.2: before the function is accessed */
#define READY_MS 1000u            /* for it to answer configuration reads */

static uint8_t pcie_cap(uint16_t bdf)
{
	if (!(pci_cfg_read(bdf, PCI_STATUS, 2) & PCI_STATUS_CAP_LIST))
		return 0;
	uint8_t ptr = (uint8_t)(pci_cfg_read(bdf, PCI_CAPABILITY_LIST, 1) & PCI_CAP_PTR_MASK);

	for (unsigned int n = 0; n < PCI_CAPS_MAX && ptr != 0; n++) {
		if (pci_cfg_read(bdf, ptr, 1) == PCI_CAP_ID_EXP)
			return ptr;
		ptr = (uint8_t)(pci_cfg_read(bdf, ptr + 1u, 1) & PCI_CAP_PTR_MASK);
	}
	return 0;
}

static bool transactions_pending(uint16_t bdf, uint8_t cap)
{
	return (pci_cfg_read(bdf, cap + PCI_EXP_DEVSTA, 2) & PCI_EXP_DEVSTA_TRPND) != 0;
}

static bool answers(uint16_t bdf)
{
	return (pci_cfg_read32(bdf, PCI_VENDOR_ID) & PCI_VENDOR_NONE) != PCI_VENDOR_NONE;
}

/* The PCI Express capability of a function with FLR, or 0. */
static uint8_t flr_cap(uint16_t bdf)
{
	uint8_t cap = pcie_cap(bdf);

	return cap != 0 && (pci_cfg_read32(bdf, cap + PCI_EXP_DEVCAP) & PCI_EXP_DEVCAP_FLR) ? cap : 0;
}

bool pci_flr_capable(uint16_t bdf)
{
	return flr_cap(bdf) != 0;
}

int pci_function_flr(uint16_t bdf)
{
	uint8_t cap = flr_cap(bdf);

	if (cap == 0)
		return -MHV_ENOENT;
	uint64_t end = hal_counter_deadline_ms(PENDING_MS);

	/* Still pending after the wait: the reset discards them (6.6.2). */
	while (transactions_pending(bdf, cap) && hal_counter_ticks() < end)
		;
	pci_cfg_write(bdf, cap + PCI_EXP_DEVCTL, 2,
		      pci_cfg_read(bdf, cap + PCI_EXP_DEVCTL, 2) | PCI_EXP_DEVCTL_BCR_FLR);
	end = hal_counter_deadline_ms(FLR_MS);
	while (hal_counter_ticks() < end)
		;
	end = hal_counter_deadline_ms(READY_MS);
	while (!answers(bdf)) {
		if (hal_counter_ticks() >= end)
			return -MHV_EIO;
	}
	return 0;
}
