/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * BAR sizing arithmetic, the window allocator, and enumeration of a fake
 * topology: endpoints, a multi-function device with a gap, an I/O BAR, a
 * firmware-placed BAR, and two nested bridges.
 */
#include <monadic/errno.h>
#include <monadic/pci.h>

#include "fake_ecam.h"
#include "pci_internal.h"
#include "pci_regs.h"
#include "unit.h"

#define MIB (1ull << 20)
#define WIN_PCI 0x10000000ull
#define WIN_CPU 0x110000000ull   /* CPU sees the window elsewhere: translation is tested */
#define WIN_SIZE 0x2eff0000ull
#define FW_BAR 0x20000000ull      /* a BAR the "firmware" placed */

static void test_bar_size(void)
{
	CHECK_INT(pci_bar_size(0xfffff000u), 4096, "32-bit 4 KiB");
	CHECK_INT(pci_bar_size(0xfff00008u), MIB, "32-bit 1 MiB, prefetch flag ignored");
	CHECK_INT(pci_bar_size(0xffffffffffffc004ull), 16384, "64-bit 16 KiB, type flags ignored");
	CHECK_INT(pci_bar_size(0xfffffff000000000ull), 1ull << 36, "64-bit 64 GiB (upper half only)");
	CHECK_INT(pci_bar_size(0x0000000cu), 0, "no address bit sticks: not implemented");
	CHECK_INT(pci_bar_size(0), 0, "all zero: not implemented");
}

static struct pci_host host_new(void)
{
	struct pci_host h = { .bus_start = 0, .bus_end = 0xff, .nwindows = 1, .alloc = 0 };

	h.windows[0] = (struct pci_window){ WIN_PCI, WIN_CPU, WIN_SIZE };
	h.next = WIN_PCI;
	return h;
}

static void test_alloc(void)
{
	struct pci_host h = host_new();
	uint64_t a = 0;

	h.next = WIN_PCI + 0x100;
	CHECK_INT(pci_window_alloc(&h, 4096, &a), 0, "alloc 4 KiB");
	CHECK_INT(a, WIN_PCI + 0x1000, "4 KiB block aligned up to 4 KiB");
	CHECK_INT(pci_window_alloc(&h, MIB, &a), 0, "alloc 1 MiB");
	CHECK_INT(a, WIN_PCI + MIB, "1 MiB block aligned to 1 MiB");
	CHECK_INT(pci_window_alloc(&h, 16, &a), 0, "alloc 16 B");
	CHECK_INT(a, WIN_PCI + 2 * MIB, "16 B right after");
	CHECK_INT(pci_window_alloc(&h, 24, &a), -MHV_EINVAL, "not a power of two");
	CHECK_INT(pci_window_alloc(&h, 1ull << 30, &a), -MHV_ENOMEM,
		  "1 GiB aligned block does not fit a 752 MiB window");
	CHECK_INT(pci_window_alloc(&h, 512 * MIB, &a), -MHV_ENOMEM,
		  "512 MiB aligned at 0x20000000 would end past 0x3eff0000");
	CHECK_INT(pci_window_alloc(&h, 256 * MIB, &a), 0, "256 MiB fits at 0x20000000");
	CHECK_INT(a, 0x20000000, "256 MiB aligned");
	CHECK_INT(pci_window_to_cpu(&h, WIN_PCI + 0x40), WIN_CPU + 0x40, "PCI -> CPU address");
	CHECK_INT(pci_window_to_cpu(&h, WIN_PCI + WIN_SIZE), 0, "outside every window");
}

static uint32_t cfg(int f, uint32_t off)
{
	return fake_fns[f].cfg[off / 4];
}

static const struct pci_function *found(int f)
{
	return pci_find((uint8_t)fake_bus_of(f), fake_fns[f].dev, fake_fns[f].fn);
}

/* Every assigned BAR: aligned, inside the window, no overlap with another. */
static void check_bars_disjoint(void)
{
	uint64_t lo[64], hi[64];
	int n = 0, bad = 0;

	for (size_t i = 0; i < pci_function_count(); i++)
		for (int b = 0; b < PCI_MAX_BARS; b++) {
			const struct pci_bar *bar = &pci_function_at(i)->bar[b];

			if (bar->size == 0 || bar->pci_addr == FW_BAR)
				continue;
			bad += (bar->pci_addr & (bar->size - 1)) != 0;
			bad += bar->pci_addr < WIN_PCI || bar->pci_addr + bar->size > WIN_PCI + WIN_SIZE;
			bad += bar->cpu_addr != bar->pci_addr - WIN_PCI + WIN_CPU;
			for (int j = 0; j < n; j++)
				bad += bar->pci_addr < hi[j] && lo[j] < bar->pci_addr + bar->size;
			lo[n] = bar->pci_addr;
			hi[n++] = bar->pci_addr + bar->size;
		}
	CHECK_INT(n, 8, "assigned BARs");
	CHECK_INT(bad, 0, "aligned, in the window, translated, disjoint");
}

static void test_enumerate(void)
{
	struct pci_host h = host_new();
	int hostbr, nvme, mf0, mf3, br, dev1, br2, dev2, fw;
	const struct pci_function *p;

	hostbr = fake_add(FAKE_NO_PARENT, 0, 0, 0x1b36, 0x0008, 0x060000, 0);
	nvme = fake_add(FAKE_NO_PARENT, 1, 0, 0x1b36, 0x0010, 0x010802, 0);
	fake_bar_mem(nvme, 0, 16384, true, false);
	mf0 = fake_add(FAKE_NO_PARENT, 2, 0, 0x8086, 0x1234, 0x020000, PCI_HEADER_TYPE_MULTIFN);
	fake_bar_mem(mf0, 0, 4096, false, false);
	fake_bar_io(mf0, 1, 32);
	fake_fns[mf0].cfg[PCI_BAR0 / 4 + 1] = 0x1001;   /* firmware-set I/O address */
	fake_bar_mem(mf0, 2, MIB, false, true);
	mf3 = fake_add(FAKE_NO_PARENT, 2, 3, 0x8086, 0x1235, 0x0c0500, 0);
	fake_bar_mem(mf3, 0, 256, false, false);
	br = fake_add(FAKE_NO_PARENT, 3, 0, 0x1b36, 0x000c, 0x060400, PCI_HEADER_TYPE_BRIDGE);
	fake_bar_mem(br, 0, 4096, false, false);
	dev1 = fake_add(br, 0, 0, 0x1af4, 0x1041, 0x020000, 0);
	fake_bar_mem(dev1, 0, 8192, true, false);
	fake_bar_mem(dev1, 2, 2 * MIB, true, true);
	br2 = fake_add(br, 1, 0, 0x1b36, 0x000c, 0x060400, PCI_HEADER_TYPE_BRIDGE);
	dev2 = fake_add(br2, 0, 0, 0x1af4, 0x1042, 0x010000, 0);
	fake_bar_mem(dev2, 0, 4096, false, false);
	fw = fake_add(FAKE_NO_PARENT, 4, 0, 0x1234, 0x5678, 0x030000, 0);
	fake_bar_mem(fw, 0, 4096, false, false);
	fake_fns[fw].cfg[PCI_BAR0 / 4] = (uint32_t)FW_BAR;
	fake_fns[fw].cfg[PCI_COMMAND / 4] = 0x0400;   /* INTx disabled, decoding off */

	CHECK_INT(pci_enumerate(&h), 0, "enumerate");
	CHECK_INT(pci_function_count(), 9, "functions found");
	CHECK_INT(fake_stray_writes, 0, "no write to an absent function");
	CHECK_INT(pci_find(0, 2, 1) == NULL, 1, "00:02.1 absent");
	CHECK_INT(pci_find(0, 5, 0) == NULL, 1, "00:05.0 absent");

	p = found(hostbr);
	CHECK_INT(p != NULL && p->class_code == 0x060000, 1, "host bridge");
	CHECK_STR(pci_class_name(p->class_code), "Host bridge", "host bridge name");
	CHECK_INT(cfg(hostbr, PCI_COMMAND), 0, "no BAR: command untouched");

	p = found(nvme);
	CHECK_INT(p->vendor_id, 0x1b36, "NVMe vendor");
	CHECK_INT(p->device_id, 0x0010, "NVMe device");
	CHECK_STR(pci_class_name(p->class_code), "NVMe", "NVMe class name");
	CHECK_INT(p->bar[0].size, 16384, "NVMe BAR0 size");
	CHECK_INT(p->bar[0].is64, 1, "NVMe BAR0 64-bit");
	CHECK_INT(p->bar[1].size, 0, "BAR1 is BAR0's upper half");
	CHECK_INT(cfg(nvme, PCI_BAR0) & ~0xfu, (uint32_t)p->bar[0].pci_addr, "BAR0 register holds it");
	CHECK_INT(cfg(nvme, PCI_BAR0 + 4), 0, "upper half 0 (32-bit window)");
	CHECK_INT(cfg(nvme, PCI_COMMAND), PCI_COMMAND_MEMORY, "memory decoding on, no bus master");

	p = found(mf0);
	CHECK_INT(p->bar[1].size, 0, "I/O BAR not recorded");
	CHECK_INT(cfg(mf0, PCI_BAR0 + 4), 0x1001, "I/O BAR left as the firmware set it");
	CHECK_INT(p->bar[2].size, MIB, "prefetchable 1 MiB BAR");
	CHECK_INT(p->bar[2].prefetchable, 1, "prefetchable flag");
	CHECK_INT(found(mf3) != NULL && found(mf3)->bar[0].size == 256, 1,
		  "function 3 of a multi-function device, 256 B BAR");

	p = found(br);
	CHECK_INT(p->header_type, PCI_HEADER_TYPE_BRIDGE, "bridge header");
	CHECK_INT(cfg(br, PCI_BUS_NUMBERS) & 0xffffff, 0x020100, "bridge: primary 0, secondary 1, subordinate 2");
	CHECK_INT(cfg(br2, PCI_BUS_NUMBERS) & 0xffffff, 0x020201, "nested: primary 1, secondary 2, subordinate 2");
	CHECK_INT(fake_bus_of(dev2), 2, "device behind both bridges on bus 2");
	CHECK_INT(found(dev2) != NULL, 1, "02:00.0 found");
	{
		uint32_t w = cfg(br, PCI_MEMORY_BASE_LIMIT);
		uint64_t base = (uint64_t)(w & 0xfff0) << 16, limit = ((uint64_t)(w >> 16 & 0xfff0) << 16) | 0xfffff;
		const struct pci_function *d1 = found(dev1), *d2 = found(dev2);

		CHECK_INT(base <= d1->bar[0].pci_addr && d1->bar[2].pci_addr + d1->bar[2].size - 1 <= limit &&
			  base <= d2->bar[0].pci_addr && d2->bar[0].pci_addr + 4095 <= limit, 1,
			  "bridge memory window covers every BAR below it");
		CHECK_INT(found(br)->bar[0].pci_addr < base || found(br)->bar[0].pci_addr > limit, 1,
			  "the bridge's own BAR is outside its window");
	}
	CHECK_INT(cfg(br, PCI_PREF_BASE_LIMIT), PCI_WINDOW_OFF, "prefetchable window closed");
	CHECK_INT(cfg(br, PCI_IO_BASE_LIMIT), PCI_IO_WINDOW_OFF, "I/O window closed");
	CHECK_INT(cfg(br, PCI_COMMAND), PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER, "bridge forwards memory and DMA");

	p = found(fw);
	CHECK_INT(p->bar[0].pci_addr, FW_BAR, "firmware-placed BAR kept");
	CHECK_INT(cfg(fw, PCI_BAR0), (uint32_t)FW_BAR, "its register restored after sizing");
	CHECK_INT(cfg(fw, PCI_COMMAND), 0x0400, "its command register as the firmware left it");
	check_bars_disjoint();
}

static void test_table_full(void)
{
	struct pci_host h = host_new();

	fake_nfns = 0;
	for (int d = 0; d < 17; d++)
		fake_add(FAKE_NO_PARENT, (uint8_t)d, 0, 0x1234, (uint16_t)d, 0x020000, 0);
	CHECK_INT(pci_enumerate(&h), -MHV_ENOMEM, "17 functions, table of 16");
	CHECK_INT(pci_function_count(), 16, "table full");
}

int main(void)
{
	test_bar_size();
	test_alloc();
	test_enumerate();
	test_table_full();
	return unit_done();
}
