/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * DMA isolation through the Arm SMMUv3 (drivers/iommu). After boot every
 * StreamID is blocked: a device's DMA is terminated and reported until
 * its StreamID (for PCIe: the requester ID, bus << 8 | devfn) is attached
 * to a VM, and then translates that VM's IPAs exactly as the VM's stage 2
 * does. Design notes: docs/pcie.md.
 */
#ifndef MONADIC_IOMMU_H
#define MONADIC_IOMMU_H

#include <stdbool.h>
#include <stdint.h>

struct s2_space;

/* An SMMU is in the devicetree and was enabled at boot. */
bool smmu_ready(void);

/*
 * The stream's DMA addresses become IPAs of the VM whose stage-2 space is
 * 'space': stage 2 of the SMMU walks the VM's own tables where the SMMU
 * has stage 2, otherwise a stage-1 copy of the VM's map made now (so a
 * later change to the VM's stage 2 needs a detach + attach). 0 or a
 * negative MHV_E* code: -MHV_ENOENT no SMMU, -MHV_ERANGE StreamID beyond
 * the stream table, -MHV_EEXIST already attached, -MHV_ENOMEM out of
 * stream slots or table pages, -MHV_EIO the SMMU reported a command error.
 */
int smmu_attach_stream(uint32_t sid, const struct s2_space *space, uint16_t vmid);

/*
 * Maps one 4 KiB page, device memory, writable, at 'iova' to 'pa' for an
 * attached stream only (not for the VM's CPUs): the MSI doorbell, the
 * real GITS_TRANSLATER page at the address the guest programs into its
 * device. Gone at detach. 0, or: -MHV_ENOENT no SMMU or the stream is not
 * attached, -MHV_EINVAL unaligned, beyond the VM's IPA size, or the
 * stream uses the SMMU's stage 2 (the STE walks the VM's own stage-2
 * tables, where the page would be the guest CPUs' too: not supported),
 * -MHV_EEXIST the address is mapped already, -MHV_ENOMEM no table page
 * left, -MHV_EIO a command error. Each failure is also said on the
 * console.
 */
int smmu_map_doorbell(uint32_t sid, uint64_t iova, uint64_t pa);

/* Blocks the stream again (its DMA terminates and is reported). */
int smmu_detach_stream(uint32_t sid);

/*
 * Reports (console) every event the SMMU queued and any global error;
 * returns how many events were reported. Call it from idle or VM exits.
 */
unsigned int smmu_poll_events(void);

/*
 * For the interrupt path: if 'intid' is the SMMU's event-queue or
 * global-error interrupt (edge, routed to the boot CPU), report what it
 * signals and return true (the caller deactivates it).
 */
bool smmu_irq(uint32_t intid);

#endif /* MONADIC_IOMMU_H */
