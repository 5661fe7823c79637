/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The virtual GICv3 (subsys/vgic) as the VM core uses it.
 *
 * Each VM gets an emulated distributor and one emulated redistributor per
 * vCPU (MMIO regions at the guest's GICD/GICR addresses, which the VM core
 * registers: vgic_regions), and each vCPU a CPU interface backed by the ICH_* list
 * registers. Interrupt numbers are GIC INTIDs: 0-15 SGIs, 16-31 PPIs,
 * 32.. SPIs.
 */
#ifndef MONADIC_VGIC_H
#define MONADIC_VGIC_H

#include <stdbool.h>
#include <stdint.h>

struct vm;
struct vcpu;

/* Per-VM and per-vCPU state: defined in subsys/vgic/vgic_state.h, embedded in
 * struct vm / struct vcpu so no allocation is needed. */
#include <monadic/vgic_state.h>

/* Reset the VM's distributor and redistributors. 0 or a negative error. */
int vgic_vm_init(struct vm *vm);
/* Their MMIO regions, for the VM core to register (the guest-visible
 * GICD/GICR bases and sizes come from the VM's static description). */
struct mmio_region;
void vgic_regions(struct vm *vm, struct mmio_region *gicd, struct mmio_region *gicr);
void vgic_vcpu_init(struct vcpu *vcpu);

/*
 * A VM's reset (SYSTEM_RESET), every vCPU out of its guest: the
 * distributor, the redistributors and the virtual ITS back to their
 * reset state, the physical SPIs the guest had yet to deactivate
 * deactivated. What lives in each pCPU's own registers (list registers,
 * active priorities, ICH_VMCR_EL2, the timers' PPIs) is cleared by
 * vgic_vcpu_start on that pCPU, before the vCPU next runs: without it, an
 * interrupt the old guest was handling would mask the new one's.
 */
void vgic_vm_reset(struct vm *vm);
void vgic_vcpu_start(struct vcpu *vcpu);

/*
 * Make a virtual interrupt pending. SGIs/PPIs go to 'vcpu'; SPIs go to the
 * vCPU the guest routed them to (GICD_IROUTER) and 'vcpu' is ignored.
 * hw_intid != 0 links it to a physical interrupt (list register HW bit):
 * the guest's deactivation deactivates the physical one (virtual timer,
 * passthrough SPIs). Wakes the target vCPU if it waits in WFI. Safe to
 * call from any pCPU.
 */
void vgic_inject(struct vm *vm, struct vcpu *vcpu, uint32_t intid, uint32_t hw_intid);

/* vgic_inject of a private interrupt of 'vcpu' (its timers, an SGI to
 * itself) on the pCPU running it, between its exit and its entry: straight
 * into a free list register when the last flush's choice still stands,
 * without the lock. */
void vgic_inject_local(struct vcpu *vcpu, uint32_t intid, uint32_t hw_intid);

/* vgic_flush and vgic_sync, around every guest run: monadic/vgic_exit.h. */

/* Whether the vCPU has an interrupt it could take (wakes it from WFI). */
bool vgic_vcpu_pending(struct vcpu *vcpu);

/* The guest wrote ICC_SGI1R_EL1 (trapped): send the SGI to the target vCPUs. */
void vgic_sgi1r_write(struct vcpu *vcpu, uint64_t value);

/*
 * The virtual ITS (CONFIG_VITS, docs/its.md) of a VM whose description
 * has one (vm_config.its_ipa): its MMIO region (false: the VM has none);
 * vgic_its_reset undoes every mapping the guest made, in the host ITS
 * too (SYSTEM_RESET); vgic_host_lpi injects the guest LPI a host LPI
 * stands for, into *delivered_to, or ends a GICv4 wait (a doorbell:
 * *delivered_to = NULL); false: no VM maps it.
 */
bool vgic_its_region(struct vm *vm, struct mmio_region *region);

/*
 * Around a vCPU's wait at EL2 (a trapped WFI): with GICv4 its vPE leaves
 * the redistributor, so a vLPI rings its doorbell (which makes
 * vgic_vcpu_pending true) instead of waiting for a guest that doesn't
 * run. vgic_wait_begin returns whether a vLPI is pending already.
 */
#ifdef CONFIG_VITS_GICV4
bool vgic_wait_begin(struct vcpu *vcpu);
void vgic_wait_end(struct vcpu *vcpu);
#else
static inline bool vgic_wait_begin(struct vcpu *vcpu)
{
	(void)vcpu;
	return false;
}

static inline void vgic_wait_end(struct vcpu *vcpu)
{
	(void)vcpu;
}
#endif
void vgic_its_reset(struct vm *vm);
bool vgic_host_lpi(uint32_t intid, struct vm **delivered_to);

#endif
