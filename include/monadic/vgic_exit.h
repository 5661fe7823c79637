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
#include <monadic/vm/vm.h>

void vgic_sync_slow(struct vcpu *vcpu);
void vgic_flush_slow(struct vcpu *vcpu);

/*
 * After an exit: take the list registers' state back (what the guest
 * acknowledged, deactivated, still has pending). Most exits: no list
 * register was loaded, or only private interrupts loaded pending, which
 * the guest is done with (ICH_ELRSR_EL2): their state needs no change
 * (the load cleared the pending bit), so freeing the list registers is
 * all, without the lock; and no timer interrupt waits to be re-sampled.
 * lrs_used and lrs_private are this pCPU's own; the timers' live bits
 * change only here or on this pCPU's injections.
 */
static inline void vgic_sync(struct vcpu *vcpu)
{
	struct vgic_vcpu *v = &vcpu->vgic;

	if (__atomic_load_n(&v->live, __ATOMIC_RELAXED) & v->hw_lines) {
		vgic_sync_slow(vcpu);
	} else if (v->lrs_used != 0) {
		uint32_t used = (1U << v->lrs_used) - 1;

		if (used & ~(hal_gic_read_elrsr() & v->lrs_private))
			vgic_sync_slow(vcpu);
		else
			v->lrs_used = 0;
	}
}

/*
 * Before an entry: load pending interrupts into list registers (and ask
 * for a maintenance interrupt when they do not all fit). Most entries:
 * nothing changed since the last choice (the VM's generation), and that
 * one left nobody out (no UIE); the list registers hold it, or what
 * vgic_inject_local added in step. Another pCPU changes the state under
 * the lock and then kicks this one, so a change this misses makes the
 * guest exit again at once.
 */
static inline void vgic_flush(struct vcpu *vcpu)
{
	struct vgic_vcpu *v = &vcpu->vgic;

	if (v->flushed_gen != __atomic_load_n(&vcpu->vm->vgic.gen, __ATOMIC_ACQUIRE) ||
	    v->hcr != ICH_HCR_EN)
		vgic_flush_slow(vcpu);
}

#endif
