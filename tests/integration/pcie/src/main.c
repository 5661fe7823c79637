/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The hypervisor drives the NVMe function itself (no guest needed):
 *
 *  1. blocked: StreamID 0x8 (its requester ID) is not attached; an
 *     Identify command makes the controller fetch its submission queue.
 *     The SMMU must refuse the read and report the stream, and no byte of
 *     the memory the command names may change.
 *  2. translated: the stream is attached to a small stage-2 space that
 *     maps IPA 0x8000_0000 onto buffers elsewhere in RAM. The same command,
 *     given IPAs, must complete with the Identify data at the buffers' PAs,
 *     while the RAM at PA 0x8000_0000 (where an untranslated DMA would
 *     land) stays as it was.
 *  3. detached: the stream is blocked again, now by its invalid STE.
 */

#include <monadic/hal/cpu.h>
#include <monadic/iommu.h>
#include <monadic/mm/stage2.h>
#include <monadic/pci.h>
#include <monadic/printk.h>
#include <monadic/string.h>

#include "el2_check.h"
#include "nvme_admin.h"

#define NVME_BUS 0
#define NVME_DEV 1
#define NVME_FN 0
#define NVME_CLASS 0x010802u
#define PAGE 4096u
#define FILL 0xa5u

/* The test VM: 3 pages at IPA 0x8000_0000 (sq, cq, data), which is also
 * a RAM PA on QEMU virt, unused by this app. */
#define VM_IPA 0x80000000ull
#define VM_VMID 1
#define VM_IPA_BITS 40
#define VM_POOL_PAGES 8

enum { Q_SQ, Q_CQ, Q_DATA, Q_PAGES };

static _Alignas(PAGE) uint8_t blocked_mem[Q_PAGES][PAGE];
static _Alignas(PAGE) uint8_t vm_mem[Q_PAGES][PAGE];
S2_POOL_DEFINE(vm_tables, VM_POOL_PAGES);
static struct s2_pool vm_pool;
static struct s2_space vm_space;


static bool all_bytes(const uint8_t *p, size_t n, uint8_t v)
{
	for (size_t i = 0; i < n; i++)
		if (((const volatile uint8_t *)p)[i] != v)
			return false;
	return true;
}

static void test_blocked(const struct pci_function *f, uintptr_t bar0)
{
	struct nvme_dma dma = {
		.sq = (uintptr_t)blocked_mem[Q_SQ], .cq = (uintptr_t)blocked_mem[Q_CQ],
		.data = (uintptr_t)blocked_mem[Q_DATA],
	};
	uint16_t status;
	unsigned int events;

	/* Phase 0 everywhere: a posted completion would set the phase bit. */
	memset(blocked_mem[Q_CQ], 0, PAGE);
	memset(blocked_mem[Q_DATA], FILL, PAGE);
	pci_bus_master(f->bdf, true);
	check(nvme_submit_identify(bar0, &dma, blocked_mem[Q_SQ]), "NVMe enabled, Identify submitted");
	check(!nvme_wait_completion(bar0, blocked_mem[Q_CQ], &status),
	      "blocked: no completion posted");
	check(nvme_fatal(bar0), "blocked: controller reports its queue fetch failed (CSTS.CFS)");
	events = smmu_poll_events();
	check(events > 0, "blocked: the SMMU reported the refused DMA");
	check(all_bytes(blocked_mem[Q_CQ], PAGE, 0) && all_bytes(blocked_mem[Q_DATA], PAGE, FILL),
	      "blocked: completion queue and data buffer unchanged");
	nvme_disable(bar0);
}

static int vm_setup(void)
{
	int rc = s2_pool_init(&vm_pool, vm_tables, VM_POOL_PAGES);

	if (rc == 0)
		rc = s2_init(&vm_space, VM_VMID, VM_IPA_BITS, &vm_pool);
	if (rc == 0)
		rc = s2_map(&vm_space, VM_IPA, (uintptr_t)vm_mem, sizeof(vm_mem), S2_ATTRS_RAM_NX);
	return rc;
}

static void test_translated(const struct pci_function *f, uintptr_t bar0)
{
	struct nvme_dma dma = {
		.sq = VM_IPA + Q_SQ * PAGE, .cq = VM_IPA + Q_CQ * PAGE, .data = VM_IPA + Q_DATA * PAGE,
	};
	static uint8_t untranslated[Q_PAGES * PAGE];
	const uint8_t *ipa_as_pa = (const uint8_t *)(uintptr_t)VM_IPA;
	uint16_t status = 0xffff;
	int rc;

	memcpy(untranslated, ipa_as_pa, sizeof(untranslated));
	memset(vm_mem, 0, sizeof(vm_mem));
	rc = vm_setup();
	check(rc == 0, "stage-2 space: IPA 0x80000000 -> the test buffers");
	rc = rc ? rc : smmu_attach_stream(f->bdf, &vm_space, VM_VMID);
	printk("smmu_attach_stream(0x%x, vmid %d) = %d; buffers at PA 0x%llx\n", f->bdf,
	       VM_VMID, rc, (unsigned long long)(uintptr_t)vm_mem);
	check(rc == 0, "StreamID attached to the VM");
	check(nvme_submit_identify(bar0, &dma, vm_mem[Q_SQ]), "Identify submitted with IPAs");
	check(nvme_wait_completion(bar0, vm_mem[Q_CQ], &status) && status == 0,
	      "translated: Identify completed with success");
	check(nvme_identify_matches(vm_mem[Q_DATA], NVME_QEMU_VENDOR, NVME_QEMU_SERIAL),
	      "translated: Identify data (VID 1b36, SN monadic0) landed at the PA behind the IPA");
	check(memcmp(untranslated, ipa_as_pa, sizeof(untranslated)) == 0,
	      "translated: RAM at PA == IPA untouched");
	check(smmu_poll_events() == 0, "translated: no SMMU event");
	nvme_disable(bar0);
	pci_bus_master(f->bdf, false);
	check(smmu_detach_stream(f->bdf) == 0, "StreamID detached (blocked again)");
	s2_destroy(&vm_space);
}

int main(void)
{
	const struct pci_function *f = pci_find(NVME_BUS, NVME_DEV, NVME_FN);
	uintptr_t bar0;

	check(f != NULL && f->class_code == NVME_CLASS, "NVMe function at 00:01.0");
	check(smmu_ready(), "SMMU enabled");
	if (check_failures())
		return 1;
	bar0 = (uintptr_t)f->bar[0].cpu_addr;
	check(bar0 != 0 && f->bar[0].size >= 0x2000, "BAR0 assigned");
	if (check_failures())
		return 1;
	test_blocked(f, bar0);
	test_translated(f, bar0);
	test_blocked(f, bar0);
	pci_bus_master(f->bdf, false);
	printk("pcie: %s\n", check_failures() ? "some checks failed" : "all checks passed");
	return check_failures();
}
