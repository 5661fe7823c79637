/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * A real MSI-X from the passed-through NVMe (PCIe Base 5.0, 7.7.2): table
 * entry 0 aimed at GITS_TRANSLATER with EventID 0 as its data, so the
 * device's write becomes LPI 8192 on the vCPU of the event's collection.
 * The admin completion queue always signals on vector 0 with interrupts
 * on (NVMe Base 2.0, 3.1.4.13), so one Identify makes one MSI.
 */
#include <monadic/pci.h>
#include <monadic/string.h>

#include "its_guest.h"
#include "nvme_admin.h"

#define CAP_ID_MSIX 0x11u
/* The capability's first dword: Message Control in [31:16]. */
#define MSIX_CTRL_SHIFT 16
#define MSIX_CTRL_ENABLE (1u << 15)
#define MSIX_CTRL_FUNCTION_MASK (1u << 14)
#define MSIX_TABLE 0x4                  /* Table Offset / BIR */
#define MSIX_BIR_MASK 0x7u
/* A table entry: address low, high, data, vector control (bit 0: masked). */
#define MSIX_ENTRY_ADDR_LO 0
#define MSIX_ENTRY_ADDR_HI 1
#define MSIX_ENTRY_DATA 2
#define MSIX_ENTRY_CTRL 3

#define PAGE 4096

enum { Q_SQ, Q_CQ, Q_DATA, Q_PAGES };

static _Alignas(PAGE) uint8_t queues[Q_PAGES][PAGE];
static uintptr_t bar0;

bool msix_setup(void)
{
	volatile uint32_t *command = guest_pcie_cfg(&host, NVME_DEV, PCI_COMMAND);
	uint32_t cap = guest_pcie_find_cap(&host, NVME_DEV, CAP_ID_MSIX);

	*command = PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER;
	if (!guest_check(cap != 0, "MSI-X capability of the NVMe listed", "not in the list"))
		return false;
	uint32_t table = *guest_pcie_cfg(&host, NVME_DEV, cap + MSIX_TABLE);

	bar0 = guest_pcie_bar0(&host, NVME_DEV);
	if (!guest_check((table & MSIX_BIR_MASK) == 0, "MSI-X table in BAR0",
			 "Table Offset/BIR 0x%08x", table))
		return false;
	volatile uint32_t *entry = (volatile uint32_t *)(bar0 + (table & ~MSIX_BIR_MASK));

	entry[MSIX_ENTRY_ADDR_LO] = (uint32_t)(GUEST_GITS_BASE + GITS_TRANSLATER);
	entry[MSIX_ENTRY_ADDR_HI] = 0;
	entry[MSIX_ENTRY_DATA] = EV_MSIX;
	entry[MSIX_ENTRY_CTRL] = 0;
	volatile uint32_t *ctrl = guest_pcie_cfg(&host, NVME_DEV, cap);

	*ctrl = (*ctrl & ~(MSIX_CTRL_FUNCTION_MASK << MSIX_CTRL_SHIFT)) |
		MSIX_CTRL_ENABLE << MSIX_CTRL_SHIFT;
	uint32_t now = *ctrl >> MSIX_CTRL_SHIFT;

	return guest_check((now & (MSIX_CTRL_ENABLE | MSIX_CTRL_FUNCTION_MASK)) ==
			   MSIX_CTRL_ENABLE && entry[MSIX_ENTRY_ADDR_LO] ==
			   GUEST_GITS_BASE + GITS_TRANSLATER && entry[MSIX_ENTRY_DATA] == EV_MSIX,
			   "MSI-X entry 0 -> GITS_TRANSLATER 0x8090040, EventID 0; MSI-X enabled",
			   "Message Control 0x%04x, entry 0x%08x data 0x%x", now,
			   entry[MSIX_ENTRY_ADDR_LO], entry[MSIX_ENTRY_DATA]);
}

void check_msix(unsigned int cpu, const char *name)
{
	struct nvme_dma dma = {
		.sq = (uintptr_t)queues[Q_SQ], .cq = (uintptr_t)queues[Q_CQ],
		.data = (uintptr_t)queues[Q_DATA],
	};
	uint32_t before = lpi_count(cpu, TEST_LPI(EV_MSIX));
	uint16_t status = 0xffff;
	bool done = false;

	/* Disabling resets the queues: the next completion is phase 1. */
	nvme_disable(bar0);
	memset(queues, 0, sizeof(queues));
	if (nvme_submit_identify(bar0, &dma, queues[Q_SQ]))
		done = nvme_wait_completion(bar0, queues[Q_CQ], &status);
	bool lpi = lpi_arrives(cpu, TEST_LPI(EV_MSIX), before);

	guest_check(done && status == 0 && lpi, name, "Identify %s, status 0x%x, LPI %s",
		    done ? "completed" : "did not complete", status, lpi ? "taken" : "not taken");
}
