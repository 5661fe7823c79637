/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The emulated redistributors of a VM (IHI 0069 12.10, 12.11), one per
 * vCPU, 128 KiB apart: an RD_base frame (identification, GICR_TYPER with
 * the vCPU's affinity, the GICR_WAKER handshake) and an SGI_base frame
 * (the vCPU's SGIs and PPIs). Any vCPU may access any redistributor.
 * With a virtual ITS the RD_base frame has the LPI registers too
 * (GICR_CTLR.EnableLPIs, GICR_PROPBASER, GICR_PENDBASER; vgic_lpi.c);
 * without one they read as zero.
 */

#include <monadic/regs/gicv3.h>
#include <monadic/errno.h>
#include <monadic/vm/vm.h>

#include "vgic_internal.h"

#define HALF_BITS 32

/* Affinity_Value = the vCPU's MPIDR (0.0.0.<index>), Processor_Number =
 * the index, Last on the final redistributor of the region. */
static uint64_t typer(const struct vm *vm, const struct vcpu *rd)
{
	uint64_t v = (uint64_t)rd->index << GICR_TYPER_AFF_SHIFT |
		     (uint64_t)rd->index << GICR_TYPER_PROC_NUM_SHIFT;

	if (rd->index == vm->cfg->num_vcpus - 1)
		v |= GICR_TYPER_LAST;
	if (vm->cfg->its_ipa != 0)
		v |= GICR_TYPER_PLPIS;
	return v;
}

#ifdef CONFIG_VITS
#define PROPBASER_WRITABLE (GICR_BASER_ATTRS_MASK | GICR_PROPBASER_ADDR_MASK | \
			    GICR_PROPBASER_IDBITS_MASK)
#define PENDBASER_WRITABLE (GICR_BASER_ATTRS_MASK | GICR_PENDBASER_ADDR_MASK)

/* GICR_CTLR.EnableLPIs on: the LPIs sent to the vCPU take their
 * configuration from its table; off: none is delivered. The table
 * registers are fixed while LPIs are on (changing them is UNPREDICTABLE). */
static void lpi_access(struct vm *vm, struct vcpu *rd, uint64_t off, struct mmio_access *a,
		       uint32_t *kick)
{
	struct vgic_vcpu *v = &rd->vgic;

	if (off == GICR_CTLR) {
		bool on = (a->value & GICR_CTLR_ENABLE_LPIS) != 0;

		if (!a->write) {
			a->value = v->lpis_enabled ? GICR_CTLR_ENABLE_LPIS : 0;
		} else if (on != v->lpis_enabled) {
			v->lpis_enabled = on;
			vgic_lpi_reload_vcpu(vm, rd);
			*kick |= 1U << rd->index;
		}
		return;
	}
	vgic_reg64(off == GICR_PROPBASER ? &v->propbaser : &v->pendbaser,
		   v->lpis_enabled ? 0 : off == GICR_PROPBASER ? PROPBASER_WRITABLE
							       : PENDBASER_WRITABLE, a);
}

static bool is_lpi_register(uint64_t off)
{
	return off == GICR_CTLR || (off & ~7ULL) == GICR_PROPBASER ||
	       (off & ~7ULL) == GICR_PENDBASER;
}
#endif

/* Linux clears ProcessorSleep and waits for ChildrenAsleep to clear (and
 * the reverse before a CPU powers down): the children follow at once. */
static uint32_t waker(const struct vcpu *rd)
{
	return rd->vgic.asleep ? GICR_WAKER_PROCESSOR_SLEEP | GICR_WAKER_CHILDREN_ASLEEP : 0;
}

static void rd_frame_access(struct vm *vm, struct vcpu *rd, struct mmio_access *a,
			    uint32_t *kick)
{
	uint64_t off = a->offset % GICR_FRAME_SIZE;

#ifdef CONFIG_VITS
	if (vm->cfg->its_ipa != 0 && is_lpi_register(off)) {
		lpi_access(vm, rd, off & ~7ULL, a, kick);
		return;
	}
#else
	(void)kick;
#endif
	if (a->write) {
		if (off == GICR_WAKER)
			rd->vgic.asleep = (a->value & GICR_WAKER_PROCESSOR_SLEEP) != 0;
		return;
	}
	switch (off) {
	case GICR_IIDR:
		a->value = vgic_iidr();
		break;
	case GICR_TYPER:
		a->value = a->size == sizeof(uint64_t) ? typer(vm, rd) : (uint32_t)typer(vm, rd);
		break;
	case GICR_TYPER + sizeof(uint32_t):
		a->value = typer(vm, rd) >> HALF_BITS;
		break;
	case GICR_WAKER:
		a->value = waker(rd);
		break;
	case GICR_PIDR2:
		a->value = vgic_pidr2();
		break;
	default:
		break;  /* CTLR, STATUSR, LPI registers: RAZ */
	}
}

static bool dword_ok(uint64_t frame_off)
{
	return frame_off == GICR_TYPER || frame_off == GICR_PROPBASER ||
	       frame_off == GICR_PENDBASER;
}

int vgic_redist_mmio(struct vcpu *vcpu, struct mmio_access *access, void *priv)
{
	struct vm *vm = priv;
	uint64_t index = access->offset / GICR_STRIDE;
	uint64_t frame_off = access->offset % GICR_FRAME_SIZE;
	bool sgi_frame = access->offset % GICR_STRIDE >= GICR_SGI_OFFSET;
	struct vcpu *rd;
	uint32_t kick = 0;

	(void)vcpu;  /* the frame says whose redistributor it is */
	if (index >= vm->cfg->num_vcpus ||
	    !vgic_access_ok(access, sgi_frame && vgic_bank_byte_ok(frame_off),
			    !sgi_frame && dword_ok(frame_off)))
		return -MHV_EINVAL;
	rd = &vm->vcpus[index];
	if (!access->write)
		access->value = 0;

	spin_lock(&vm->vgic.lock);
	if (!sgi_frame)
		rd_frame_access(vm, rd, access, &kick);
	else
		vgic_bank_access(vm, rd, frame_off, access, &kick);
	if (access->write)
		vgic_changed(vm);
	spin_unlock(&vm->vgic.lock);

	vgic_kick(vm, kick);
	return 0;
}
