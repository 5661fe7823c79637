/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* Shared by the hypervisor-level device tests (el2_check.h). */

#include <monadic/hal/cpu.h>
#include <monadic/pci.h>
#include <monadic/printk.h>

#include "el2_check.h"
#include "nvme_admin.h"

static int failures;

void check(bool ok, const char *what)
{
	printk("%s %s\n", ok ? "PASS:" : "FAIL:", what);
	failures += !ok;
}

int check_failures(void)
{
	return failures;
}

void pci_bus_master(uint16_t bdf, bool on)
{
	uint32_t cmd = pci_cfg_read32(bdf, PCI_COMMAND) & PCI_COMMAND_MASK;

	cmd = on ? cmd | PCI_COMMAND_MASTER : cmd & ~PCI_COMMAND_MASTER;
	pci_cfg_write32(bdf, PCI_COMMAND, cmd);
}

/* nvme_admin.c's clock: the hypervisor's counter. */
uint64_t nvme_clock_ticks(void)
{
	return hal_counter_ticks();
}

uint64_t nvme_clock_freq(void)
{
	return hal_counter_freq();
}
