/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* What the vGIC's files share. All of it runs with the VM's vgic lock held,
 * except vgic_kick. */
#ifndef SUBSYS_VGIC_INTERNAL_H
#define SUBSYS_VGIC_INTERNAL_H

#include <monadic/regs/gicv3_its.h>
#include <monadic/vgic.h>
#include <monadic/vm/mmio.h>
#include <monadic/vm/vm.h>
#include <stdbool.h>
#include <stdint.h>

/* struct vgic_irq.flags */
#define VGIC_IRQ_ENABLED 0x01U
#define VGIC_IRQ_PENDING 0x02U   /* latched, not (yet) in a list register */
#define VGIC_IRQ_ACTIVE 0x04U
#define VGIC_IRQ_EDGE 0x08U      /* ICFGR: edge-triggered */
#define VGIC_IRQ_IN_LR 0x10U     /* a list register holds it (SPIs, LPIs: a private
                                    * interrupt's are its vCPU's lr_intid) */

#define VGIC_SPI_BASE 32U
#define VGIC_NR_INTIDS (VGIC_SPI_BASE + VGIC_NR_SPIS)

#ifdef CONFIG_VITS
/* An LPI INTID the VM has (8192 up, CONFIG_VITS_NR_LPIS of them). */
static inline bool vgic_is_lpi(uint32_t intid)
{
	return intid >= GIC_LPI_BASE && intid - GIC_LPI_BASE < VGIC_NR_LPIS;
}
_Static_assert(VGIC_NR_LPIS >= 64 && (VGIC_NR_LPIS & (VGIC_NR_LPIS - 1)) == 0,
	       "CONFIG_VITS_NR_LPIS must be a power of two, 64 at least");
#endif

/* Priority bits kept: the five the virtual CPU interface always has
 * (ICH_VTR_EL2.PRIbits >= 4); lower bits read as zero, as on a GIC that
 * implements five. */
#define VGIC_PRIORITY_MASK 0xf8U

/* The vCPU index GICD_IROUTER sends an SPI to, or -1 when it names no
 * vCPU of the VM (then the SPI stays pending, undelivered). */
#define VGIC_NO_TARGET (-1)

/*
 * An interrupt of the VM: INTID 0..31 of 'vcpu' (NULL: none), or an SPI.
 * NULL for an INTID the VM does not have.
 */
struct vgic_irq *vgic_irq_get(struct vm *vm, struct vcpu *vcpu, uint32_t intid);
int vgic_spi_target(const struct vm *vm, uint32_t intid);
/* Any change of interrupt state bumps the VM's generation (under the
 * lock); a flush compares it, without the lock, with what it last saw. */
static inline void vgic_changed(struct vm *vm)
{
	__atomic_store_n(&vm->vgic.gen, vm->vgic.gen + 1, __ATOMIC_RELEASE);
}

static inline uint32_t vgic_gen(struct vm *vm)
{
	return __atomic_load_n(&vm->vgic.gen, __ATOMIC_ACQUIRE);
}

/* After a change of irq->flags: keep the live bitmaps (interrupts with a
 * pending or active state) in step. 'vcpu' owns a private INTID. */
void vgic_irq_track(struct vm *vm, struct vcpu *vcpu, uint32_t intid,
		    const struct vgic_irq *irq);

/* Whether it could be taken now: pending, enabled, distributor on. */
bool vgic_irq_deliverable(const struct vm *vm, const struct vgic_irq *irq);
/* The vCPUs (bitmask of indexes) an interrupt of 'vcpu'/'intid' concerns. */
uint32_t vgic_irq_vcpu_mask(const struct vm *vm, const struct vcpu *vcpu, uint32_t intid);

/* Make the vCPUs in 'mask' look at their interrupts: an SGI to the pCPUs
 * other than the caller's (it exits the guest, or ends a WFI), an event
 * for those waiting in WFE. Call without the lock. */
void vgic_kick(struct vm *vm, uint32_t mask);

/* The registers laid out identically in the distributor (SPIs) and the
 * redistributor's SGI frame (SGIs, PPIs): IGROUPR, I[SC]ENABLER,
 * I[SC]PENDR, I[SC]ACTIVER, IPRIORITYR, ICFGR. 'vcpu' is the
 * redistributor's vCPU, NULL for the distributor. Returns false when
 * 'offset' is not one of them; *kick collects vCPUs to kick. */
bool vgic_bank_access(struct vm *vm, struct vcpu *vcpu, uint64_t offset,
		      struct mmio_access *access, uint32_t *kick);
/* Whether byte accesses are allowed at this offset of a bank. */
bool vgic_bank_byte_ok(uint64_t offset);

/* MMIO handlers (priv: the struct vm). */
int vgic_dist_mmio(struct vcpu *vcpu, struct mmio_access *access, void *priv);
int vgic_redist_mmio(struct vcpu *vcpu, struct mmio_access *access, void *priv);

/* Access shape check: naturally aligned, 4 bytes, or 1 / 8 where allowed. */
bool vgic_access_ok(const struct mmio_access *access, bool byte_ok, bool dword_ok);

#ifdef CONFIG_VITS
/* LPIs (vgic_lpi.c), with the lock held. Reload reads the LPI's
 * configuration byte from the table its vCPU's GICR_PROPBASER names.
 * Retarget sends it to vCPU 'vcpu' (VITS_NO_VCPU: unmapped, its pending
 * state dropped); it and set_pending return the vCPUs to kick. */
void vgic_lpi_reload(struct vm *vm, uint32_t intid);
void vgic_lpi_reload_vcpu(struct vm *vm, const struct vcpu *vcpu);
uint32_t vgic_lpi_retarget(struct vm *vm, uint32_t intid, uint8_t vcpu);
uint32_t vgic_lpi_set_pending(struct vm *vm, uint32_t intid, bool pending);
void vgic_lpi_reset(struct vm *vm);
#endif

/* A 64-bit register, accessed whole or by 32-bit half: a read returns
 * the part accessed, a write changes the 'writable' bits of that part. */
void vgic_reg64(uint64_t *reg, uint64_t writable, struct mmio_access *a);

/* Identification values both frames report. */
uint32_t vgic_iidr(void);
uint32_t vgic_pidr2(void);

#endif
