/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The physical ITS, driven by the hypervisor itself with the NVMe
 * function (DeviceID 0x8, its requester ID on QEMU virt):
 *
 *  1. bad arguments are refused before anything reaches the ITS
 *     (GITS_CREADR does not move);
 *  2. the stream is attached to a small stage-2 space (as in
 *     tests/integration/pcie) and the ITS's GITS_TRANSLATER page is
 *     mapped for it alone (smmu_map_doorbell): its MSI writes reach the
 *     ITS;
 *  3. MSI-X vector 0 (the admin completion queue's) is pointed at the
 *     doorbell with data = EventID 0, mapped to a host LPI on CPU 0: an
 *     Identify's completion raises the LPI, acknowledged here at EL2;
 *  4. moved to CPU 1 (which idles with interrupts masked), CPU 0 takes
 *     nothing; moved back, the still pending LPI follows (MOVI moves the
 *     pending state, IHI 0069 5.3.14);
 *  5. unmapped, the completion raises nothing.
 */

#include <monadic/hal/cpu.h>
#include <monadic/iommu.h>
#include <monadic/irq.h>
#include <monadic/its.h>
#include <monadic/mm/stage2.h>
#include <monadic/pci.h>
#include <monadic/printk.h>
#include <monadic/regs/gicv3_its.h>
#include <monadic/string.h>
#include <monadic/vm/vpci.h>

#include "el2_check.h"
#include "nvme_admin.h"

#define NVME_DEVID 0x8u      /* RID of 00:01.0 = its DeviceID (msi-map identity) */
#define PAGE 4096u
#define VM_IPA 0x80000000ull
#define VM_VMID 1
#define VM_IPA_BITS 40
#define VM_POOL_PAGES 8
#define WAIT_MS 100u

/* MSI-X capability (PCIe Base 5.0 7.7.2): Message Control in the upper
 * half of its first dword, then Table Offset / BIR; a 16-byte table
 * entry: address low, high, data, vector control (bit 0 masked). */
#define MSIX_CTRL_ENABLE (1u << 31)
#define MSIX_CTRL_FUNCTION_MASK (1u << 30)
#define MSIX_TABLE 4
#define MSIX_BIR_MASK 0x7u
#define MSIX_ENTRY_ADDR_LO 0
#define MSIX_ENTRY_ADDR_HI 4
#define MSIX_ENTRY_DATA 8
#define MSIX_ENTRY_CTRL 12
#define MSIX_ENTRY_MASKED 1u
#define CAP_PTR_MASK 0xfcu

enum { Q_SQ, Q_CQ, Q_DATA, Q_PAGES };

static _Alignas(PAGE) uint8_t vm_mem[Q_PAGES][PAGE];
S2_POOL_DEFINE(vm_tables, VM_POOL_PAGES);
static struct s2_pool vm_pool;
static struct s2_space vm_space;

static uint64_t creadr(void)
{
	return *(volatile uint64_t *)(uintptr_t)(its_doorbell_pa() - GITS_TRANSLATER + GITS_CREADR);
}

/* Acknowledges what CPU 0 is offered for WAIT_MS; true if 'lpi' came. */
static bool take_lpi(uint32_t lpi)
{
	uint64_t end = hal_counter_ticks() + hal_counter_freq() / 1000 * WAIT_MS;
	bool seen = false;

	while (hal_counter_ticks() < end && !seen) {
		uint32_t intid = irq_ack();

		if (intid == IRQ_SPURIOUS)
			continue;
		irq_eoi(intid);
		irq_deactivate(intid);
		seen = intid == lpi;
		if (!seen)
			printk("interrupt %u while waiting for LPI %u\n", intid, lpi);
	}
	return seen;
}

static uint8_t find_cap(uint16_t bdf, uint8_t id)
{
	uint8_t ptr = (uint8_t)pci_cfg_read(bdf, PCI_CAPABILITY_LIST, 1) & CAP_PTR_MASK;

	for (unsigned int hops = 0; ptr != 0 && hops < 48; hops++) {
		uint32_t hdr = pci_cfg_read32(bdf, ptr);

		if ((hdr & 0xffu) == id)
			return ptr;
		ptr = (uint8_t)(hdr >> 8) & CAP_PTR_MASK;
	}
	return 0;
}

/* MSI-X on, entry 0 = (addr, data) unmasked; false without MSI-X. */
static bool msix_setup(const struct pci_function *f, uint64_t addr, uint32_t data)
{
	uint8_t cap = find_cap(f->bdf, PCI_CAP_ID_MSIX);
	uint32_t table, ctrl;
	volatile uint32_t *entry;

	if (cap == 0)
		return false;
	table = pci_cfg_read32(f->bdf, cap + MSIX_TABLE);
	entry = (volatile uint32_t *)(uintptr_t)(f->bar[table & MSIX_BIR_MASK].cpu_addr +
						 (table & ~MSIX_BIR_MASK));
	entry[MSIX_ENTRY_ADDR_LO / 4] = (uint32_t)addr;
	entry[MSIX_ENTRY_ADDR_HI / 4] = (uint32_t)(addr >> 32);
	entry[MSIX_ENTRY_DATA / 4] = data;
	entry[MSIX_ENTRY_CTRL / 4] = 0;   /* unmasked */
	ctrl = pci_cfg_read32(f->bdf, cap);
	pci_cfg_write32(f->bdf, cap, (ctrl | MSIX_CTRL_ENABLE) & ~MSIX_CTRL_FUNCTION_MASK);
	return true;
}

static void msix_disable(const struct pci_function *f)
{
	uint8_t cap = find_cap(f->bdf, PCI_CAP_ID_MSIX);

	if (cap != 0)
		pci_cfg_write32(f->bdf, cap, pci_cfg_read32(f->bdf, cap) & ~MSIX_CTRL_ENABLE);
}

/* A fresh admin queue pair and one Identify: the completion raises
 * vector 0. True once the completion is posted. */
static bool identify(uintptr_t bar0)
{
	const struct nvme_dma dma = {
		.sq = VM_IPA + Q_SQ * PAGE, .cq = VM_IPA + Q_CQ * PAGE, .data = VM_IPA + Q_DATA * PAGE,
	};
	uint16_t status = 0xffff;

	nvme_disable(bar0);
	memset(vm_mem, 0, sizeof(vm_mem));
	return nvme_submit_identify(bar0, &dma, vm_mem[Q_SQ]) &&
	       nvme_wait_completion(bar0, vm_mem[Q_CQ], &status) && status == 0;
}

static void test_bad_arguments(uint32_t lpi)
{
	uint64_t before = creadr();
	bool refused = its_map_device(0x10000, 1) < 0 &&          /* beyond 16 DeviceID bits */
		       its_map_device(NVME_DEVID, 0) < 0 &&        /* no events */
		       its_map_device(NVME_DEVID, 17) < 0 &&       /* beyond 16 EventID bits */
		       its_map_event(0x20, 0, lpi, 0) < 0 &&       /* DeviceID not mapped */
		       its_map_event(NVME_DEVID, 2, lpi, 0) < 0 && /* mapped with 2 events */
		       its_map_event(NVME_DEVID, 0, lpi + 1, 0) < 0 && /* LPI not allocated */
		       its_map_event(NVME_DEVID, 0, lpi, 64) < 0 &&    /* no such CPU */
		       its_move_event(NVME_DEVID, 1, 0) < 0 &&     /* event not mapped */
		       its_unmap_event(0x20, 0) < 0 && its_unmap_device(0x20) < 0;

	check(refused && creadr() == before, "bad arguments refused, nothing sent to the ITS");
}

static int vm_setup(uint16_t bdf)
{
	int rc = s2_pool_init(&vm_pool, vm_tables, VM_POOL_PAGES);

	if (rc == 0)
		rc = s2_init(&vm_space, VM_VMID, VM_IPA_BITS, &vm_pool);
	if (rc == 0)
		rc = s2_map(&vm_space, VM_IPA, (uintptr_t)vm_mem, sizeof(vm_mem), S2_ATTRS_RAM_NX);
	return rc == 0 ? smmu_attach_stream(bdf, &vm_space, VM_VMID) : rc;
}

static void test_lpis(const struct pci_function *f, uintptr_t bar0, uint32_t lpi)
{
	uint64_t doorbell = its_doorbell_pa();
	char what[96];

	check(its_map_event(NVME_DEVID, 0, lpi, 0) == 0, "event 0 of DeviceID 0x8 mapped to the LPI on CPU 0");
	mhv_snprintf(what, sizeof(what), "MSI-X vector 0 -> doorbell 0x%llx, data 0",
		     (unsigned long long)doorbell);
	check(msix_setup(f, doorbell, 0), what);
	pci_bus_master(f->bdf, true);

	check(identify(bar0), "Identify completed");
	mhv_snprintf(what, sizeof(what), "LPI %u taken at EL2 on CPU 0 after the admin completion", lpi);
	check(take_lpi(lpi), what);

	check(its_move_event(NVME_DEVID, 0, 1) == 0, "event moved to CPU 1");
	check(identify(bar0), "Identify completed");
	check(!take_lpi(lpi), "moved to CPU 1: CPU 0 takes nothing");
	check(its_move_event(NVME_DEVID, 0, 0) == 0 && take_lpi(lpi),
	      "moved back to CPU 0: the pending LPI follows");

	check(its_unmap_event(NVME_DEVID, 0) == 0, "event unmapped");
	check(identify(bar0), "Identify completed");
	check(!take_lpi(lpi), "unmapped: no LPI");
	check(smmu_poll_events() == 0, "no SMMU event");
	nvme_disable(bar0);
	msix_disable(f);
	pci_bus_master(f->bdf, false);
}

int main(void)
{
	const struct pci_function *f = pci_find(0, 1, 0);
	uint32_t lpi = 0;
	uintptr_t bar0;

	check(f != NULL && f->bdf == NVME_DEVID, "NVMe function at 00:01.0");
	check(its_available(), "ITS available");
	check(smmu_ready(), "SMMU enabled");
	check(its_lpi_alloc(&lpi) == 0, "host LPI allocated");
	if (check_failures())
		return 1;
	bar0 = (uintptr_t)f->bar[0].cpu_addr;
	check(its_map_device(NVME_DEVID, 1) == 0, "DeviceID 0x8 mapped with 2 events");
	test_bad_arguments(lpi);
	check(vm_setup(f->bdf) == 0, "StreamID 0x8 attached (IPA 0x80000000 -> test buffers)");
	check(smmu_map_doorbell(f->bdf, its_doorbell_pa() & ~(uint64_t)(PAGE - 1),
				its_doorbell_pa() & ~(uint64_t)(PAGE - 1)) == 0,
	      "doorbell page mapped for StreamID 0x8");
	if (check_failures() == 0)
		test_lpis(f, bar0, lpi);
	check(smmu_detach_stream(f->bdf) == 0, "StreamID detached");
	check(its_unmap_device(NVME_DEVID) == 0, "DeviceID 0x8 unmapped");
	its_lpi_free(lpi);
	printk("its: %s\n", check_failures() ? "some checks failed" : "all checks passed");
	return check_failures();
}
