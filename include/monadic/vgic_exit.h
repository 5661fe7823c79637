/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The vGIC around every guest run (subsys/vgic/vgic_lr.c), on the vCPU's
 * own pCPU: vgic_sync right after an exit, vgic_flush right before an
 * entry. Their common case is a few loads and compares, inline in each
 * exit handler; the rest is out of line, under the VM's lock.
 */
#ifndef MONADIC_VGIC_EXIT_H
#define MONADIC_VGIC_EXIT_H

#include <monadic/hal/gic.h>
#include <monadic/read_once.h>
#include <monadic/vm/vm.h>

void vgic_sync_slow(struct vcpu *vcpu);
void vgic_flush_slow(struct vcpu *vcpu);

/*
 * After an exit: take the list registers' state back (what the guest
 * acknowledged, deactivated, still has pending). Most exits find none
 * loaded and no timer interrupt waiting to be re-sampled. After an
 * injection, the list registers commonly held private interrupts loaded
 * pending only (lrs_private), which the guest is done with
 * (ICH_ELRSR_EL2): their state needs no change (the load cleared the
 * pending bit), so freeing the list registers is all, without the lock.
 * An injection latched meanwhile (under the lock) moved the generation
 * itself; an active bit another vCPU set (ISACTIVER) makes the next flush
 * load the interrupt active, as the write asked. lrs_used and
 * lrs_private are this pCPU's own; the timers' live bits change only here
 * or on this pCPU's injections.
 */
static inline void vgic_sync(struct vcpu *vcpu)
{
	struct vgic_vcpu *v = &vcpu->vgic;
	bool resample = (READ_ONCE(v->live) & v->hw_lines) != 0;

	if (__builtin_expect(v->lrs_used == 0, 1)) {
		if (resample)
			vgic_sync_slow(vcpu);
		return;
	}
	if (resample || (((1U << v->lrs_used) - 1) & ~(hal_gic_read_elrsr() & v->lrs_private)))
		vgic_sync_slow(vcpu);
	else
		v->lrs_used = 0;
}

/*
 * Before an entry: load pending interrupts into list registers (and ask
 * for a maintenance interrupt when they do not all fit). Most entries:
 * nothing changed since the last choice (the VM's generation), and that
 * one left nobody out (no UIE); the list registers hold it, or what
 * vgic_inject_local added in step. Another pCPU changes the state under
 * the lock and then kicks this one, so a change this misses makes the
 * guest exit again at once. In no order (READ_ONCE): the common case
 * reads no state the generation guards, the slow path takes the lock.
 */
static inline void vgic_flush(struct vcpu *vcpu)
{
	struct vgic_vcpu *v = &vcpu->vgic;

	if (v->flushed_gen != READ_ONCE(vcpu->vm->vgic.gen) ||
	    v->hcr != ICH_HCR_EN)
		vgic_flush_slow(vcpu);
}

#endif
