/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * What the hypervisor-level device tests (tests/integration/pcie, its)
 * share: the PASS/FAIL lines their testcase.yaml match, and the clock
 * nvme_admin.c asks for, from the hypervisor's counter.
 */
#ifndef EL2_CHECK_H
#define EL2_CHECK_H

#include <stdbool.h>
#include <stdint.h>

/* "PASS: what" or "FAIL: what"; a failure is counted. */
void check(bool ok, const char *what);
int check_failures(void);

/* Turns a function's bus mastering (its DMA and MSIs) on or off. */
void pci_bus_master(uint16_t bdf, bool on);

#endif
