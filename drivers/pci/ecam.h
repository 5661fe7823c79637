/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* The ECAM host bridge of the devicetree (the node labelled 'pcie'). */
#ifndef DRIVERS_PCI_ECAM_H
#define DRIVERS_PCI_ECAM_H

#include <monadic/devicetree.h>

#include "pci_regs.h"

#define PCIE_NODE DT_NODELABEL(pcie)
#define ECAM_BASE DT_REG_ADDR(PCIE_NODE)
#define BUS_FIRST DT_PROP_BY_IDX(PCIE_NODE, bus_range, 0)
/* The last bus both 'bus-range' and the size of 'reg' allow. */
#define BUS_LAST_RANGE DT_PROP_BY_IDX(PCIE_NODE, bus_range, 1)
#define BUS_LAST_REG (BUS_FIRST + (DT_REG_SIZE(PCIE_NODE) >> ECAM_BUS_SHIFT) - 1)
#define BUS_LAST (BUS_LAST_RANGE < BUS_LAST_REG ? BUS_LAST_RANGE : BUS_LAST_REG)

#endif /* DRIVERS_PCI_ECAM_H */
