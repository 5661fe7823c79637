/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The VM's LPIs (IHI 0069 5.1): their enable bit and priority come from
 * the configuration table in the guest's RAM that GICR_PROPBASER names,
 * read when the ITS maps them, at INV/INVALL and when a redistributor's
 * EnableLPIs is set (the GIC may cache the table the same way: software
 * must INV after changing it). An LPI is delivered to the vCPU of the
 * collection its event is mapped to, once that vCPU's redistributor has
 * LPIs enabled. The pending table (GICR_PENDBASER) is not used: pending
 * state is kept here, as for every other interrupt.
 */

#include <monadic/regs/gicv3_its.h>
#include <monadic/vm/vm.h>

#include "vgic_internal.h"
#ifdef CONFIG_VITS_GICV4
#include "vits_internal.h"
#endif

/* The configuration byte of 'intid' in the table 'propbaser' names, or 0
 * (disabled) when the table is too small for it or not in the VM's RAM. */
static uint8_t config_byte(const struct vm *vm, uint64_t propbaser, uint32_t intid)
{
	unsigned int id_bits = (unsigned int)(propbaser & GICR_PROPBASER_IDBITS_MASK) + 1;
	const volatile uint8_t *byte;

	if (id_bits < 32 && intid >= 1U << id_bits)
		return 0;
	byte = vm_ram_ptr(vm, (propbaser & GICR_PROPBASER_ADDR_MASK) + (intid - GIC_LPI_BASE), 1);
	return byte != NULL ? *byte : 0;
}

static void refresh_enable(struct vm *vm, uint32_t i)
{
	struct vgic_irq *irq = &vm->vgic.lpis[i];
	uint8_t v = vm->vgic.lpi_vcpu[i];
	bool on = v != VITS_NO_VCPU && vm->vgic.lpi_config_on[i] && vm->vcpus[v].vgic.lpis_enabled;

	irq->flags = (uint8_t)(on ? irq->flags | VGIC_IRQ_ENABLED : irq->flags & ~VGIC_IRQ_ENABLED);
}

void vgic_lpi_reload(struct vm *vm, uint32_t intid)
{
	uint32_t i = intid - GIC_LPI_BASE;
	uint8_t v = vm->vgic.lpi_vcpu[i];
	uint8_t cfg = v == VITS_NO_VCPU ? 0 : config_byte(vm, vm->vcpus[v].vgic.propbaser, intid);

	vm->vgic.lpis[i].priority = cfg & LPI_PROP_PRIORITY_MASK & VGIC_PRIORITY_MASK;
	vm->vgic.lpi_config_on[i] = (cfg & LPI_PROP_ENABLE) != 0;
	refresh_enable(vm, i);
	vgic_changed(vm);
#ifdef CONFIG_VITS_GICV4
	/* The vPEs' table: the guest's priority, enabled as the LPI is here
	 * (its table, its vCPU's EnableLPIs, a mapped collection). */
	if (vm->vgic.its.v4)
		vits_v4_config(vm, intid, (cfg & LPI_PROP_PRIORITY_MASK) |
			       ((vm->vgic.lpis[i].flags & VGIC_IRQ_ENABLED) ? LPI_PROP_ENABLE : 0));
#endif
}

void vgic_lpi_reload_vcpu(struct vm *vm, const struct vcpu *vcpu)
{
	for (uint32_t i = 0; i < VGIC_NR_LPIS; i++) {
		if (vm->vgic.lpi_vcpu[i] == vcpu->index)
			vgic_lpi_reload(vm, GIC_LPI_BASE + i);
	}
#ifdef CONFIG_VITS_GICV4
	if (vm->vgic.its.v4)
		vits_v4_invall(vm, vcpu->index);
#endif
}

uint32_t vgic_lpi_retarget(struct vm *vm, uint32_t intid, uint8_t vcpu)
{
	uint32_t i = intid - GIC_LPI_BASE;
	struct vgic_irq *irq = &vm->vgic.lpis[i];

	vm->vgic.lpi_vcpu[i] = vcpu;
	if (vcpu == VITS_NO_VCPU) {
		/* Unmapped: nothing can raise it any more (DISCARD). */
		irq->flags &= (uint8_t)~VGIC_IRQ_PENDING;
		vgic_irq_track(vm, NULL, intid, irq);
	}
	vgic_lpi_reload(vm, intid);
	return vgic_irq_deliverable(vm, irq) ? vgic_irq_vcpu_mask(vm, NULL, intid) : 0;
}

uint32_t vgic_lpi_set_pending(struct vm *vm, uint32_t intid, bool pending)
{
	struct vgic_irq *irq = &vm->vgic.lpis[intid - GIC_LPI_BASE];

	irq->flags = (uint8_t)(pending ? irq->flags | VGIC_IRQ_PENDING
				       : irq->flags & ~VGIC_IRQ_PENDING);
	vgic_irq_track(vm, NULL, intid, irq);
	vgic_changed(vm);
	return vgic_irq_deliverable(vm, irq) ? vgic_irq_vcpu_mask(vm, NULL, intid) : 0;
}

void vgic_lpi_reset(struct vm *vm)
{
	for (uint32_t i = 0; i < VGIC_NR_LPIS; i++) {
		vm->vgic.lpis[i] = (struct vgic_irq){ .flags = VGIC_IRQ_EDGE };
		vm->vgic.lpi_vcpu[i] = VITS_NO_VCPU;
		vm->vgic.lpi_config_on[i] = false;
	}
	for (uint32_t w = 0; w < VGIC_NR_LPIS / 64; w++)
		vm->vgic.lpi_live[w] = 0;
}
