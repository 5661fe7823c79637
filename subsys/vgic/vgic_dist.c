/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The emulated distributor of a VM (IHI 0069 12.9), as a single security
 * state GIC with affinity routing always on (GICD_CTLR.DS and ARE read as
 * one, like KVM's): Group 1 only, VGIC_NR_SPIS SPIs routed by
 * GICD_IROUTER<n>, LPIs when the VM has a virtual ITS (GICD_TYPER.LPIS;
 * their registers are the redistributors'), no message-based SPIs.
 * Registers it does not implement read as zero and ignore writes.
 */

#include <monadic/regs/gicv3.h>
#include <monadic/regs/gicv3_its.h>
#include <monadic/errno.h>
#include <monadic/vm/vm.h>

#include "vgic_internal.h"

_Static_assert(VGIC_NR_SPIS % GIC_INTIDS_PER_REG == 0 && VGIC_NR_INTIDS <= GIC_MAX_SPI_INTID + 1,
	       "CONFIG_VGIC_NR_SPIS must be a multiple of 32, 960 at most");

/* GICD_TYPER: ITLinesNumber covers the SPIs; IDbits = 16 bits, the
 * vINTID width of the virtual CPU interface the guest sees. */
#define VGIC_TYPER_IDBITS 15U
#define VGIC_TYPER (((VGIC_NR_INTIDS / GIC_INTIDS_PER_REG) - 1) | \
		    VGIC_TYPER_IDBITS << GICD_TYPER_IDBITS_SHIFT)

#define IROUTER_WRITABLE (GICD_IROUTER_AFF_MASK | GICD_IROUTER_IRM)

static bool is_irouter(uint64_t offset)
{
	return offset >= GICD_IROUTER && offset < GIC_IROUTER_BANK_END;
}

/* The GICv2 target bytes are RES0 with ARE, but stay byte-accessible. */
static bool byte_ok(uint64_t offset)
{
	return vgic_bank_byte_ok(offset) ||
	       (offset >= GICD_ITARGETSR && offset < GICD_ITARGETSR + GIC_PRIORITY_BANK_SIZE);
}

/* Whole register or one 32-bit half, then the new route takes effect:
 * a pending SPI is kicked to its new vCPU. */
static void irouter_access(struct vm *vm, struct mmio_access *a, uint32_t *kick)
{
	uint32_t intid = (uint32_t)((a->offset - GICD_IROUTER) / sizeof(uint64_t));

	if (intid < VGIC_SPI_BASE || intid >= VGIC_NR_INTIDS)
		return;  /* no such SPI: RAZ/WI */
	vgic_reg64(&vm->vgic.irouter[intid - VGIC_SPI_BASE], IROUTER_WRITABLE, a);
	if (a->write && vgic_irq_deliverable(vm, vgic_irq_get(vm, NULL, intid)))
		*kick |= vgic_irq_vcpu_mask(vm, NULL, intid);
}

static void ctlr_write(struct vm *vm, uint64_t value, uint32_t *kick)
{
	bool was = vm->vgic.enabled;

	vm->vgic.enabled = (value & GICD_CTLR_ENABLE_G1) != 0;
	if (!was && vm->vgic.enabled)
		*kick = (1U << vm->cfg->num_vcpus) - 1;  /* pending SPIs may now go */
}

/* With a virtual ITS: LPIs, and how many (a power of two, Kconfig). */
static uint32_t lpi_typer(const struct vm *vm)
{
#ifdef CONFIG_VITS
	uint32_t bits = 0;

	while ((2U << bits) < VGIC_NR_LPIS)
		bits++;
	if (vm->cfg->its_ipa != 0)
		return GICD_TYPER_LPIS | bits << GICD_TYPER_NUM_LPIS_SHIFT;
#endif
	(void)vm;
	return 0;
}

/* Inline: the lock-free word reads are the hot distributor accesses. */
static inline __attribute__((always_inline)) uint64_t misc_read(const struct vm *vm,
								uint64_t offset)
{
	switch (offset) {
	case GICD_CTLR:
		return GICD_CTLR_ARE_NS | GICD_CTLR_DS |
		       (vm->vgic.enabled ? GICD_CTLR_ENABLE_G1 : 0);
	case GICD_TYPER:
		return VGIC_TYPER | lpi_typer(vm);
	case GICD_IIDR:
		return vgic_iidr();
	case GICD_PIDR2:
		return vgic_pidr2();
	default:
		return 0;  /* TYPER2, STATUSR, SGIR, ... */
	}
}

/* The registers that are not per interrupt; only GICD_CTLR is writable. */
static void misc_access(struct vm *vm, struct mmio_access *a, uint32_t *kick)
{
	if (!a->write)
		a->value = misc_read(vm, a->offset);
	else if (a->offset == GICD_CTLR)
		ctlr_write(vm, a->value, kick);
}

/* Everything but the hot word reads: out of line, so that those need no
 * stack frame. */
static __attribute__((noinline)) int dist_mmio_locked(struct vm *vm, struct mmio_access *access)
{
	uint64_t off = access->offset;
	uint32_t kick = 0;

	if (!vgic_access_ok(access, byte_ok(off), is_irouter(off)))
		return -MHV_EINVAL;
	if (!access->write)
		access->value = 0;

	spin_lock(&vm->vgic.lock);
	if (is_irouter(off))
		irouter_access(vm, access, &kick);
	else if (!vgic_bank_access(vm, NULL, off, access, &kick))
		misc_access(vm, access, &kick);
	if (access->write)
		vgic_changed(vm);
	spin_unlock(&vm->vgic.lock);

	vgic_kick(vm, kick);
	return 0;
}

int vgic_dist_mmio(struct vcpu *vcpu, struct mmio_access *access, void *priv)
{
	struct vm *vm = priv;
	uint64_t off = access->offset;

	(void)vcpu;  /* one distributor for all vCPUs */
	/* A word read below the first per-INTID bank (CTLR, TYPER, IIDR,
	 * ...): constants and one flag, read without the lock. */
	if (!access->write && access->size == sizeof(uint32_t) && off < GICD_IGROUPR &&
	    off % sizeof(uint32_t) == 0) {
		access->value = misc_read(vm, off);
		return 0;
	}
	return dist_mmio_locked(vm, access);
}
