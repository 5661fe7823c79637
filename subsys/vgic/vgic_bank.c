/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The per-interrupt registers the distributor (for SPIs) and each
 * redistributor's SGI frame (for that vCPU's SGIs and PPIs) share, at the
 * same offsets (IHI 0069 12.9 GICD_I*R<n>, 12.11 GICR_I*R0): group, enable,
 * pending and active set/clear bits, priority bytes, trigger configuration.
 */

#include <monadic/regs/gicv3.h>
#include <monadic/vm/vm.h>

#include "vgic_internal.h"

/* How a bit register acts. */
enum bit_op {
	BIT_GROUP,  /* IGROUPR: Group 1 only, RAO/WI */
	BIT_SET,    /* write 1 to set the flag */
	BIT_CLEAR,  /* write 1 to clear the flag */
};

struct bit_reg {
	uint32_t offset;
	uint8_t flag;
	uint8_t op;
};

static const struct bit_reg bit_regs[] = {
	{ GICD_IGROUPR, 0, BIT_GROUP },
	{ GICD_ISENABLER, VGIC_IRQ_ENABLED, BIT_SET },
	{ GICD_ICENABLER, VGIC_IRQ_ENABLED, BIT_CLEAR },
	{ GICD_ISPENDR, VGIC_IRQ_PENDING, BIT_SET },
	{ GICD_ICPENDR, VGIC_IRQ_PENDING, BIT_CLEAR },
	{ GICD_ISACTIVER, VGIC_IRQ_ACTIVE, BIT_SET },
	{ GICD_ICACTIVER, VGIC_IRQ_ACTIVE, BIT_CLEAR },
};

#define ICFGR_INTIDS_PER_REG (GIC_INTIDS_PER_REG / GIC_ICFGR_FIELD_BITS)
#define BITS_PER_BYTE 8

static bool in_range(uint64_t offset, uint32_t base, uint32_t size)
{
	return offset >= base && offset < (uint64_t)base + size;
}

bool vgic_bank_byte_ok(uint64_t offset)
{
	return in_range(offset, GICD_IPRIORITYR, GIC_PRIORITY_BANK_SIZE);
}

/* A redistributor has INTIDs 0..31 of its vCPU; the distributor has the
 * SPIs (its view of 0..31 is RAZ/WI with affinity routing on). */
static struct vgic_irq *bank_irq(struct vm *vm, struct vcpu *vcpu, uint32_t intid)
{
	if (vcpu)
		return intid < VGIC_NR_PRIVATE ? &vcpu->vgic.private_irqs[intid] : NULL;
	return intid >= VGIC_SPI_BASE ? vgic_irq_get(vm, NULL, intid) : NULL;
}

static void bits_access(struct vm *vm, struct vcpu *vcpu, const struct bit_reg *r,
			uint32_t first, struct mmio_access *a, uint32_t *kick)
{
	for (uint32_t i = 0; i < GIC_INTIDS_PER_REG; i++) {
		struct vgic_irq *irq = bank_irq(vm, vcpu, first + i);
		bool bit = (a->value >> i) & 1;

		if (!irq)
			continue;
		if (!a->write) {
			if (r->op == BIT_GROUP || (irq->flags & r->flag))
				a->value |= 1ULL << i;
		} else if (bit && r->op == BIT_SET) {
			irq->flags |= r->flag;
			vgic_irq_track(vm, vcpu, first + i, irq);
			if (vgic_irq_deliverable(vm, irq))
				*kick |= vgic_irq_vcpu_mask(vm, vcpu, first + i);
		} else if (bit && r->op == BIT_CLEAR) {
			irq->flags &= (uint8_t)~r->flag;
			vgic_irq_track(vm, vcpu, first + i, irq);
		}
	}
}

static void priority_access(struct vm *vm, struct vcpu *vcpu, uint32_t first,
			    struct mmio_access *a)
{
	for (uint32_t i = 0; i < a->size; i++) {
		struct vgic_irq *irq = bank_irq(vm, vcpu, first + i);
		unsigned int shift = i * BITS_PER_BYTE;

		if (!irq)
			continue;
		if (a->write)
			irq->priority = (uint8_t)(a->value >> shift) & VGIC_PRIORITY_MASK;
		else
			a->value |= (uint64_t)irq->priority << shift;
	}
}

/* SGIs are always edge-triggered; PPIs here are always level (the
 * virtual timer relies on it) and read-only, as KVM has them. SPIs are
 * configurable through bit 1 of each field. */
static void config_access(struct vm *vm, struct vcpu *vcpu, uint32_t first,
			  struct mmio_access *a)
{
	for (uint32_t i = 0; i < ICFGR_INTIDS_PER_REG; i++) {
		struct vgic_irq *irq = bank_irq(vm, vcpu, first + i);
		unsigned int shift = i * GIC_ICFGR_FIELD_BITS;

		if (!irq)
			continue;
		if (!a->write) {
			if (irq->flags & VGIC_IRQ_EDGE)
				a->value |= (uint64_t)GIC_ICFGR_EDGE << shift;
		} else if (first + i >= VGIC_SPI_BASE) {
			if ((a->value >> shift) & GIC_ICFGR_EDGE)
				irq->flags |= VGIC_IRQ_EDGE;
			else
				irq->flags &= (uint8_t)~VGIC_IRQ_EDGE;
		}
	}
}

bool vgic_bank_access(struct vm *vm, struct vcpu *vcpu, uint64_t offset,
		      struct mmio_access *access, uint32_t *kick)
{
	if (offset < GICD_IGROUPR)
		return false;  /* CTLR, TYPER, ...: below the first bank */
	for (unsigned int i = 0; i < sizeof(bit_regs) / sizeof(bit_regs[0]); i++) {
		if (in_range(offset, bit_regs[i].offset, GIC_BITS_BANK_SIZE)) {
			uint32_t first = (uint32_t)(offset - bit_regs[i].offset) * BITS_PER_BYTE;

			bits_access(vm, vcpu, &bit_regs[i], first, access, kick);
			return true;
		}
	}
	if (vgic_bank_byte_ok(offset)) {
		priority_access(vm, vcpu, (uint32_t)(offset - GICD_IPRIORITYR), access);
		return true;
	}
	if (in_range(offset, GICD_ICFGR, GIC_CFG_BANK_SIZE)) {
		uint32_t first = (uint32_t)(offset - GICD_ICFGR) / sizeof(uint32_t) *
				 ICFGR_INTIDS_PER_REG;

		config_access(vm, vcpu, first, access);
		return true;
	}
	return false;
}
