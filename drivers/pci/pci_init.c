/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Boot-time enumeration: the host's memory windows from the devicetree
 * 'ranges' (PCI Bus Binding to IEEE Std 1275-1994, 2.2.1.1: phys.hi
 * bits [25:24] give the space, bit 30 'prefetchable'), then every function
 * found, one log line each.
 */

#include <monadic/init.h>
#include <monadic/printk.h>

#include "ecam.h"
#include "pci_internal.h"

/* One 'ranges' entry: child address (3 cells), parent address, size. */
#define RANGE_CHILD_CELLS 3
#define RANGE_PARENT_CELLS 2  /* the root's #address-cells on every arm64 board */
#define RANGE_SIZE_CELLS 2
#define RANGE_CELLS (RANGE_CHILD_CELLS + RANGE_PARENT_CELLS + RANGE_SIZE_CELLS)
#define RANGE_SPACE_SHIFT 24
#define RANGE_SPACE_MASK 0x3u
#define RANGE_SPACE_MEM32 0x2u
#define RANGE_SPACE_MEM64 0x3u

_Static_assert(DT_PROP(PCIE_NODE, _address_cells) == RANGE_CHILD_CELLS &&
	       DT_PROP(PCIE_NODE, _size_cells) == RANGE_SIZE_CELLS,
	       "pcie node: expected #address-cells = 3, #size-cells = 2");
_Static_assert(DT_PROP_LEN(PCIE_NODE, ranges) % RANGE_CELLS == 0,
	       "pcie node: 'ranges' is not a list of (3 + 2 + 2)-cell entries");

static const uint32_t pcie_ranges[] = DT_PROP(PCIE_NODE, ranges);

static struct pci_host pcie_host;

static uint64_t cells64(const uint32_t *c)
{
	return (uint64_t)c[0] << 32 | c[1];
}

/* Memory windows in DT order; BARs are placed in the first 32-bit one,
 * which every EL2 address space and every guest can reach. */
static void host_from_dt(struct pci_host *host)
{
	host->bus_start = BUS_FIRST;
	host->bus_end = BUS_LAST;
	host->nwindows = 0;
	host->alloc = PCI_MAX_WINDOWS;
	for (size_t i = 0; i + RANGE_CELLS <= sizeof(pcie_ranges) / sizeof(pcie_ranges[0]);
	     i += RANGE_CELLS) {
		const uint32_t *r = &pcie_ranges[i];
		uint32_t space = (r[0] >> RANGE_SPACE_SHIFT) & RANGE_SPACE_MASK;

		if ((space != RANGE_SPACE_MEM32 && space != RANGE_SPACE_MEM64) ||
		    host->nwindows == PCI_MAX_WINDOWS)
			continue;
		if (space == RANGE_SPACE_MEM32 && host->alloc == PCI_MAX_WINDOWS)
			host->alloc = host->nwindows;
		host->windows[host->nwindows++] = (struct pci_window){
			.pci_base = cells64(&r[1]),
			.cpu_base = cells64(&r[RANGE_CHILD_CELLS]),
			.size = cells64(&r[RANGE_CHILD_CELLS + RANGE_PARENT_CELLS]),
		};
	}
}

/* "16 KiB", "1 MiB": BAR sizes are powers of two. */
static int format_size(char *buf, size_t len, uint64_t size)
{
	static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	unsigned int u = 0;

	while (u + 1 < sizeof(units) / sizeof(units[0]) && size >= 1024 && size % 1024 == 0) {
		size /= 1024;
		u++;
	}
	return mhv_snprintf(buf, len, "%llu %s", (unsigned long long)size, units[u]);
}

static void pci_log_function(const struct pci_function *f)
{
	char line[256], size[16];
	int n;

	n = mhv_snprintf(line, sizeof(line), "PCI 0000:%02x:%02x.%x [%04x:%04x] class %06x %s",
			 PCI_BDF_BUS(f->bdf), PCI_BDF_DEV(f->bdf), PCI_BDF_FN(f->bdf),
			 f->vendor_id, f->device_id, f->class_code, pci_class_name(f->class_code));
	if (f->header_type == PCI_HEADER_TYPE_BRIDGE && n < (int)sizeof(line))
		n += mhv_snprintf(line + n, sizeof(line) - (size_t)n, ", buses %02x-%02x",
				  f->secondary_bus, f->subordinate_bus);
	for (unsigned int i = 0; i < PCI_MAX_BARS && n < (int)sizeof(line); i++) {
		const struct pci_bar *b = &f->bar[i];

		if (b->size == 0)
			continue;
		format_size(size, sizeof(size), b->size);
		if (b->cpu_addr)
			n += mhv_snprintf(line + n, sizeof(line) - (size_t)n,
					  ", BAR%u 0x%llx (%s, %s%s)", i,
					  (unsigned long long)b->cpu_addr, size,
					  b->is64 ? "64-bit" : "32-bit",
					  b->prefetchable ? ", prefetchable" : "");
		else
			n += mhv_snprintf(line + n, sizeof(line) - (size_t)n,
					  ", BAR%u unassigned (%s: window full)", i, size);
	}
	printk("%s\n", line);
}

static int pci_init(void)
{
	int rc;

	host_from_dt(&pcie_host);
	if (pcie_host.alloc == PCI_MAX_WINDOWS) {
		printk("PCI: %s has no 32-bit memory window in 'ranges'\n",
		       DT_NODE_PATH(PCIE_NODE));
		return -1;
	}
	rc = pci_enumerate(&pcie_host);
	for (size_t i = 0; i < pci_function_count(); i++)
		pci_log_function(pci_function_at(i));
	if (rc != 0)
		printk("PCI: more functions than CONFIG_PCIE_MAX_FUNCTIONS (%d); the rest are untouched\n",
		       CONFIG_PCIE_MAX_FUNCTIONS);
	return rc;
}

MHV_INIT(pci_init, INIT_PRE_SMP, 50);
