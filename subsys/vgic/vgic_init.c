/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Reset state and MMIO regions of a VM's vGIC. Reset values follow
 * what Linux expects and KVM provides: everything disabled, inactive, not
 * pending, priority 0, SPIs level-sensitive and routed to vCPU 0, except
 * the SGIs, which are edge-triggered and enabled (Linux enables them
 * itself, other guests rely on it), and each redistributor asleep until
 * its CPU wakes it.
 */

#include <monadic/hal/gic.h>
#include <monadic/regs/gicv3.h>
#include <monadic/errno.h>
#include <monadic/irq.h>
#include <monadic/vm/vm.h>

#include "vgic_internal.h"
#ifdef CONFIG_VITS
#include "vits_internal.h"
#endif

void vgic_regions(struct vm *vm, struct mmio_region *gicd, struct mmio_region *gicr)
{
	const struct vm_config *cfg = vm->cfg;

	*gicd = (struct mmio_region){
		.base = cfg->gicd_ipa,
		.size = GICD_FRAME_SIZE,
		.handler = vgic_dist_mmio,
		.priv = vm,
		.name = "vgic-gicd",
	};
	*gicr = (struct mmio_region){
		.base = cfg->gicr_ipa,
		.size = (uint64_t)cfg->num_vcpus * GICR_STRIDE,
		.handler = vgic_redist_mmio,
		.priv = vm,
		.name = "vgic-gicr",
	};
}

static void dist_reset(struct vgic_dist *d)
{
	d->enabled = false;
	for (unsigned int i = 0; i < VGIC_NR_SPIS; i++) {
		d->spis[i] = (struct vgic_irq){ 0 };
		d->irouter[i] = 0;
	}
	for (unsigned int i = 0; i < sizeof(d->spi_live) / sizeof(d->spi_live[0]); i++)
		d->spi_live[i] = 0;
}

int vgic_vm_init(struct vm *vm)
{
	struct vgic_dist *d = &vm->vgic;

	if (vm->cfg->num_vcpus == 0 || vm->cfg->num_vcpus > VM_MAX_VCPUS)
		return -MHV_EINVAL;
	d->lock = (struct spinlock)SPINLOCK_INIT;
	dist_reset(d);
#ifdef CONFIG_VITS
	vgic_lpi_reset(vm);
	vits_init(vm);
#endif
	return 0;
}

/* vcpu->vm and vcpu->index are set. Runs on any pCPU: the list registers
 * of the vCPU's own pCPU were cleared by its gic_cpu_init. */
void vgic_vcpu_init(struct vcpu *vcpu)
{
	struct vgic_vcpu *v = &vcpu->vgic;
	unsigned int lrs = hal_gic_num_lrs();

	for (unsigned int i = 0; i < VGIC_NR_PRIVATE; i++) {
		uint8_t sgi = i < GIC_NR_SGIS ? VGIC_IRQ_ENABLED | VGIC_IRQ_EDGE : 0;

		v->private_irqs[i] = (struct vgic_irq){ .flags = sgi };
	}
	v->lrs_used = 0;
	v->lrs_private = 0;
	v->hcr = 0;  /* as gic_cpu_init left ICH_HCR_EL2 */
	v->live = 0;
	v->hw_lines = 0;
	v->nr_lrs = (uint8_t)(lrs < VGIC_MAX_LRS ? lrs : VGIC_MAX_LRS);
	v->asleep = true;
	v->lpis_enabled = false;
	v->propbaser = 0;
	v->pendbaser = 0;
}

/* A HW-linked interrupt the guest holds (pending in software or in a list
 * register, or active): its physical twin is active, waiting for the
 * guest's deactivation. */
static bool holds_physical(const struct vgic_irq *irq)
{
	return irq->hw_intid != 0 && (irq->flags & (VGIC_IRQ_PENDING | VGIC_IRQ_ACTIVE)) != 0;
}

void vgic_vm_reset(struct vm *vm)
{
	struct vgic_dist *d = &vm->vgic;

#ifdef CONFIG_VITS
	vgic_its_reset(vm);
#endif
	spin_lock(&d->lock);
	for (unsigned int i = 0; i < VGIC_NR_SPIS; i++) {
		if (holds_physical(&d->spis[i]))
			irq_clear_active_spi(d->spis[i].hw_intid);
	}
	dist_reset(d);
	for (unsigned int n = 0; n < vm->cfg->num_vcpus; n++) {
		struct vcpu *vcpu = &vm->vcpus[n];
		uint32_t stale = 0;

		/* Private physical twins are PPIs of the vCPU's own pCPU. */
		for (unsigned int i = 0; i < VGIC_NR_PRIVATE; i++) {
			const struct vgic_irq *irq = &vcpu->vgic.private_irqs[i];

			if (holds_physical(irq) && irq->hw_intid < VGIC_NR_PRIVATE)
				stale |= 1U << irq->hw_intid;
		}
		vgic_vcpu_init(vcpu);
		vcpu->vgic.stale_hw = stale;
		vcpu->vgic.reset_pending = true;
	}
	vgic_changed(vm);
	spin_unlock(&d->lock);
}

void vgic_vcpu_start(struct vcpu *vcpu)
{
	struct vgic_vcpu *v = &vcpu->vgic;

	if (!v->reset_pending)
		return;
	for (uint32_t stale = v->stale_hw; stale != 0; stale &= stale - 1)
		hal_gic_deactivate((uint32_t)__builtin_ctz(stale));
	hal_gic_reset_virtual_if();
	v->stale_hw = 0;
	v->reset_pending = false;
}
