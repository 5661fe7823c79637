/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Interrupt state lookup, routing and injection: which vCPU an interrupt
 * belongs to, making it pending (from devices, the timer, or another vCPU's
 * SGI) and making that vCPU notice.
 */

#include <monadic/hal/cpu.h>
#include <monadic/hal/gic.h>
#include <monadic/irq.h>
#include <monadic/regs/gicv3.h>
#include <monadic/vm/vm.h>

#include "vgic_internal.h"

struct vgic_irq *vgic_irq_get(struct vm *vm, struct vcpu *vcpu, uint32_t intid)
{
	if (intid < VGIC_NR_PRIVATE)
		return vcpu ? &vcpu->vgic.private_irqs[intid] : NULL;
	if (intid < VGIC_NR_INTIDS)
		return &vm->vgic.spis[intid - VGIC_SPI_BASE];
#ifdef CONFIG_VITS
	if (vgic_is_lpi(intid))
		return &vm->vgic.lpis[intid - GIC_LPI_BASE];
#endif
	return NULL;
}

/* A vCPU's MPIDR is 0.0.0.<index>. 1-of-N routing (IRM) may pick any
 * participating PE: vCPU 0, which is always there. */
int vgic_spi_target(const struct vm *vm, uint32_t intid)
{
	uint64_t route = vm->vgic.irouter[intid - VGIC_SPI_BASE];
	uint64_t aff0 = route & GICD_IROUTER_AFF0_MASK;

	if (route & GICD_IROUTER_IRM)
		return 0;
	if ((route & GICD_IROUTER_AFF_MASK) != aff0 || aff0 >= vm->cfg->num_vcpus)
		return VGIC_NO_TARGET;
	return (int)aff0;
}

void vgic_irq_track(struct vm *vm, struct vcpu *vcpu, uint32_t intid,
		    const struct vgic_irq *irq)
{
	bool live = (irq->flags & (VGIC_IRQ_PENDING | VGIC_IRQ_ACTIVE)) != 0;

	if (intid < VGIC_NR_PRIVATE) {
		uint32_t bit = 1U << intid;
		uint32_t now = live ? vcpu->vgic.live | bit : vcpu->vgic.live & ~bit;

		__atomic_store_n(&vcpu->vgic.live, now, __ATOMIC_RELAXED);  /* vgic_sync peeks */
		return;
	}
	uint64_t *bitmap = vm->vgic.spi_live;
	uint32_t i = intid - VGIC_SPI_BASE;

#ifdef CONFIG_VITS
	if (vgic_is_lpi(intid)) {
		bitmap = vm->vgic.lpi_live;
		i = intid - GIC_LPI_BASE;
	}
#endif
	uint64_t *word = &bitmap[i / 64];
	uint64_t bit = 1ULL << (i % 64);

	*word = live ? *word | bit : *word & ~bit;
}

bool vgic_irq_deliverable(const struct vm *vm, const struct vgic_irq *irq)
{
	const uint8_t both = VGIC_IRQ_PENDING | VGIC_IRQ_ENABLED;

	return vm->vgic.enabled && (irq->flags & both) == both;
}

uint32_t vgic_irq_vcpu_mask(const struct vm *vm, const struct vcpu *vcpu, uint32_t intid)
{
	int target;

	if (intid < VGIC_NR_PRIVATE)
		return 1U << vcpu->index;
#ifdef CONFIG_VITS
	if (vgic_is_lpi(intid)) {
		uint8_t v = vm->vgic.lpi_vcpu[intid - GIC_LPI_BASE];

		return v == VITS_NO_VCPU ? 0 : 1U << v;
	}
#endif
	target = vgic_spi_target(vm, intid);
	return target == VGIC_NO_TARGET ? 0 : 1U << target;
}

void vgic_kick(struct vm *vm, uint32_t mask)
{
	if (mask == 0)
		return;  /* most register accesses and injections: nobody to tell */

	unsigned int self = hal_cpu_index();
	bool sent = false;

	for (unsigned int i = 0; i < vm->cfg->num_vcpus; i++) {
		unsigned int pcpu = vm->vcpus[i].pcpu;

		if (!(mask & (1U << i)) || pcpu == self)
			continue;  /* this pCPU flushes before it enters its guest */
		irq_send_sgi(IRQ_SGI_KICK, pcpu);
		sent = true;
	}
	/* The SGI ends a WFI or a guest's run; a pCPU waiting in WFE with
	 * interrupts masked needs the event as well. */
	if (sent)
		hal_cpu_send_event();
}

void vgic_inject(struct vm *vm, struct vcpu *vcpu, uint32_t intid, uint32_t hw_intid)
{
	struct vgic_irq *irq;
	uint32_t kick = 0;

	spin_lock(&vm->vgic.lock);
	irq = vgic_irq_get(vm, vcpu, intid);
	if (irq) {
		irq->hw_intid = (uint16_t)(hw_intid & ICH_LR_PINTID_MASK);
		if (hw_intid != 0 && intid < VGIC_NR_PRIVATE)
			vcpu->vgic.hw_lines |= 1U << intid;
		/* Latched, for the next flush of the vCPU it goes to. */
		vgic_changed(vm);
		irq->flags |= VGIC_IRQ_PENDING;
		vgic_irq_track(vm, vcpu, intid, irq);
		if (vgic_irq_deliverable(vm, irq))
			kick = vgic_irq_vcpu_mask(vm, vcpu, intid);
	}
	spin_unlock(&vm->vgic.lock);
	vgic_kick(vm, kick);
}

/* ICC_SGI1R_EL1 from a guest: vCPU MPIDRs are 0.0.0.<index> with index <
 * 16, so a target list with Aff3..Aff1 or RS other than 0 names nobody. */
void vgic_sgi1r_write(struct vcpu *vcpu, uint64_t value)
{
	struct vm *vm = vcpu->vm;
	uint32_t intid = (uint32_t)(value >> ICC_SGI1R_INTID_SHIFT & ICC_SGI1R_INTID_MASK);
	uint32_t all = (1U << vm->cfg->num_vcpus) - 1;
	uint64_t cluster = (value >> ICC_SGI1R_AFF1_SHIFT & ICC_SGI1R_AFF_MASK) |
			   (value >> ICC_SGI1R_AFF2_SHIFT & ICC_SGI1R_AFF_MASK) |
			   (value >> ICC_SGI1R_AFF3_SHIFT & ICC_SGI1R_AFF_MASK) |
			   (value >> ICC_SGI1R_RS_SHIFT & ICC_SGI1R_RS_MASK);
	uint32_t targets;

	if (value & ICC_SGI1R_IRM)
		targets = all & ~(1U << vcpu->index);
	else if (cluster != 0)
		targets = 0;
	else
		targets = (uint32_t)(value & ICC_SGI1R_TARGETS_MASK) & all;

	for (unsigned int i = 0; i < vm->cfg->num_vcpus; i++) {
		if (!(targets & (1U << i)))
			continue;
		if (i == vcpu->index)
			vgic_inject_local(vcpu, intid, 0);
		else
			vgic_inject(vm, &vm->vcpus[i], intid, 0);
	}
}
