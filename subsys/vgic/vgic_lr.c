/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The virtual CPU interface through the list registers (IHI 0069 chapter 6
 * "Virtual Interrupt Handling and Prioritization"; ICH_LR<n>_EL2).
 *
 * Before each entry, vgic_flush loads the vCPU's interrupts into the list
 * registers: first the active ones (the guest's EOI/deactivation must find
 * them there), then the pending and enabled ones, highest priority first.
 * When more are waiting than there are list registers, ICH_HCR_EL2.UIE asks
 * for a maintenance interrupt once the guest has consumed them, so the
 * next exit loads the rest. After each exit, vgic_sync reads the list
 * registers back: what the guest acknowledged, deactivated or has still
 * pending, and frees them. ICH_VMCR_EL2 and the active priority registers
 * stay in the hardware: one vCPU per pCPU.
 */

#include <monadic/hal/gic.h>
#include <monadic/hal/vcpu.h>
#include <monadic/read_once.h>
#include <monadic/vgic_exit.h>
#include <monadic/vm/vm.h>

#include "vgic_internal.h"

/* Order of loading: active first, then by priority (lower value first);
 * INTIDs are scanned upwards, so ties go to the lower INTID. */
#define ORDER_PENDING_ONLY 0x100U

struct lr_pick {
	uint32_t intid;
	uint32_t order;
};

/* 'state': ICH_LR_STATE_* bits. */
static uint64_t lr_value(uint32_t intid, const struct vgic_irq *irq, uint64_t state)
{
	uint64_t lr = (intid & ICH_LR_VINTID_MASK) | ICH_LR_GROUP1 |
		      (uint64_t)irq->priority << ICH_LR_PRIORITY_SHIFT |
		      state << ICH_LR_STATE_SHIFT;

	if (irq->hw_intid)
		lr |= ICH_LR_HW | ((uint64_t)irq->hw_intid & ICH_LR_PINTID_MASK) << ICH_LR_PINTID_SHIFT;
	return lr;
}

static uint64_t lr_encode(uint32_t intid, const struct vgic_irq *irq, bool pending)
{
	return lr_value(intid, irq,
			(pending ? ICH_LR_STATE_PENDING : 0) |
				((irq->flags & VGIC_IRQ_ACTIVE) ? ICH_LR_STATE_ACTIVE : 0));
}

/* The guest will see it pending: it is pending, enabled and the
 * distributor forwards. A HW-linked interrupt that is still active is not
 * made pending+active: its pending state comes back from the physical
 * side only after the guest deactivates it (as in KVM). */
static bool lr_pending(const struct vm *vm, const struct vgic_irq *irq)
{
	return vgic_irq_deliverable(vm, irq) &&
	       !(irq->hw_intid && (irq->flags & VGIC_IRQ_ACTIVE));
}

/*
 * The list registers back into the software state, and freed. ICH_ELRSR_EL2
 * names those the guest is done with (acknowledged and deactivated): they
 * are neither read back nor cleared (an invalid LR is ignored). The
 * generation moves when something could now want a list register: an
 * interrupt still live (pending in its LR, active, or latched again
 * meanwhile), or an SPI (another vCPU may take it now). A private
 * interrupt the guest is done with changes no choice: the next flush
 * keeps the last one.
 */
static void sync_locked(struct vcpu *vcpu)
{
	struct vgic_vcpu *v = &vcpu->vgic;
	uint32_t done = v->lrs_used != 0 ? hal_gic_read_elrsr() : 0;
	bool rechoose = false;

	for (unsigned int n = 0; n < v->lrs_used; n++) {
		uint32_t intid = v->lr_intid[n];
		struct vgic_irq *irq = vgic_irq_get(vcpu->vm, vcpu, intid);
		bool was_live = (irq->flags & (VGIC_IRQ_PENDING | VGIC_IRQ_ACTIVE)) != 0;
		uint64_t state = 0;

		if (!(done & (1U << n))) {
			state = hal_gic_read_lr(n) >> ICH_LR_STATE_SHIFT & ICH_LR_STATE_MASK;
			hal_gic_write_lr(n, 0);
		}
		/* Pending in the LR: not yet acknowledged; merge with a new
		 * injection latched meanwhile. Not active any more: the guest
		 * deactivated it (for HW=1 the physical one too). */
		if (state & ICH_LR_STATE_PENDING)
			irq->flags |= VGIC_IRQ_PENDING;
		if (state & ICH_LR_STATE_ACTIVE)
			irq->flags |= VGIC_IRQ_ACTIVE;
		else
			irq->flags &= (uint8_t)~VGIC_IRQ_ACTIVE;
		irq->flags &= (uint8_t)~VGIC_IRQ_IN_LR;

		bool live = (irq->flags & (VGIC_IRQ_PENDING | VGIC_IRQ_ACTIVE)) != 0;

		if (live != was_live)
			vgic_irq_track(vcpu->vm, vcpu, intid, irq);
		rechoose |= live || intid >= VGIC_NR_PRIVATE;
	}
	v->lrs_used = 0;
	if (rechoose)
		vgic_changed(vcpu->vm);
}

/*
 * A level-sensitive interrupt's pending state follows its line until the
 * guest acknowledges it (IHI 0069 4.1.1). The vCPU's own devices (its
 * timers) change their line without an exit, so after each one, an
 * interrupt of theirs that is latched but not taken is dropped if the
 * line has gone low meanwhile: disabled, masked or reprogrammed. Its
 * physical twin was left active for the guest's deactivation, which will
 * not come now: it is deactivated here, so the timer can fire again.
 */
static void resample_lines(struct vcpu *vcpu)
{
	for (uint32_t lines = vcpu->vgic.hw_lines & vcpu->vgic.live; lines != 0; lines &= lines - 1) {
		uint32_t intid = (uint32_t)__builtin_ctz(lines);
		struct vgic_irq *irq = &vcpu->vgic.private_irqs[intid];

		if ((irq->flags & (VGIC_IRQ_PENDING | VGIC_IRQ_ACTIVE)) != VGIC_IRQ_PENDING ||
		    hal_vcpu_line_asserted(intid))
			continue;
		irq->flags &= (uint8_t)~VGIC_IRQ_PENDING;
		vgic_irq_track(vcpu->vm, vcpu, intid, irq);
		vgic_changed(vcpu->vm);
		hal_gic_deactivate(irq->hw_intid);
	}
}

/* The list registers read back under the lock, the timers' lines
 * re-sampled: what vgic_sync (monadic/vgic_exit.h) does not do itself. */
void vgic_sync_slow(struct vcpu *vcpu)
{
	struct vm *vm = vcpu->vm;

	spin_lock(&vm->vgic.lock);
	sync_locked(vcpu);
	resample_lines(vcpu);
	spin_unlock(&vm->vgic.lock);
}

/* Insert into the list sorted by order, keeping at most 'cap'; returns
 * false when something did not fit (it or the one pushed out). */
static bool pick_insert(struct lr_pick *picks, unsigned int *n, unsigned int cap,
			uint32_t intid, uint32_t order)
{
	unsigned int i = *n;
	bool fits = true;

	if (i == cap) {
		if (cap == 0 || order >= picks[cap - 1].order)
			return false;
		i = cap - 1;  /* the last one is pushed out */
		fits = false;
	} else {
		(*n)++;
	}
	for (; i > 0 && picks[i - 1].order > order; i--)
		picks[i] = picks[i - 1];
	picks[i].intid = intid;
	picks[i].order = order;
	return fits;
}

static bool wants_lr(const struct vm *vm, const struct vgic_irq *irq)
{
	return !(irq->flags & VGIC_IRQ_IN_LR) &&
	       ((irq->flags & VGIC_IRQ_ACTIVE) || vgic_irq_deliverable(vm, irq));
}

static uint32_t lr_order(const struct vgic_irq *irq)
{
	return ((irq->flags & VGIC_IRQ_ACTIVE) ? 0 : ORDER_PENDING_ONLY) | irq->priority;
}

/* Calls fn for each live interrupt (pending or active) of the vCPU: its
 * SGIs and PPIs, and the VM's SPIs routed to it; stops when fn returns
 * false. Costs what is live, however many SPIs the VM has. */
typedef bool (*live_fn)(struct vcpu *vcpu, uint32_t intid, struct vgic_irq *irq, void *arg);

static void for_each_live(struct vcpu *vcpu, live_fn fn, void *arg)
{
	struct vm *vm = vcpu->vm;

	for (uint32_t bits = vcpu->vgic.live; bits != 0; bits &= bits - 1) {
		uint32_t intid = (uint32_t)__builtin_ctz(bits);

		if (!fn(vcpu, intid, &vcpu->vgic.private_irqs[intid], arg))
			return;
	}
	for (uint32_t w = 0; w < sizeof(vm->vgic.spi_live) / sizeof(vm->vgic.spi_live[0]); w++) {
		for (uint64_t bits = vm->vgic.spi_live[w]; bits != 0; bits &= bits - 1) {
			uint32_t intid = VGIC_SPI_BASE + w * 64 + (uint32_t)__builtin_ctzll(bits);

			if (vgic_spi_target(vm, intid) != (int)vcpu->index)
				continue;
			if (!fn(vcpu, intid, &vm->vgic.spis[intid - VGIC_SPI_BASE], arg))
				return;
		}
	}
#ifdef CONFIG_VITS
	for (uint32_t w = 0; w < VGIC_NR_LPIS / 64; w++) {
		for (uint64_t bits = vm->vgic.lpi_live[w]; bits != 0; bits &= bits - 1) {
			uint32_t i = w * 64 + (uint32_t)__builtin_ctzll(bits);

			if (vm->vgic.lpi_vcpu[i] != vcpu->index)
				continue;
			if (!fn(vcpu, GIC_LPI_BASE + i, &vm->vgic.lpis[i], arg))
				return;
		}
	}
#endif
}

struct collection {
	struct lr_pick *picks;
	unsigned int n;
	bool all_fit;
};

static bool collect_one(struct vcpu *vcpu, uint32_t intid, struct vgic_irq *irq, void *arg)
{
	struct collection *c = arg;

	if (wants_lr(vcpu->vm, irq) &&
	    !pick_insert(c->picks, &c->n, vcpu->vgic.nr_lrs, intid, lr_order(irq)))
		c->all_fit = false;
	return true;
}

/* The vCPU's interrupts that want a list register, best first; false if
 * some were left out. */
static bool collect(struct vcpu *vcpu, struct lr_pick *picks, unsigned int *n)
{
	struct collection c = { picks, 0, true };

	for_each_live(vcpu, collect_one, &c);
	*n = c.n;
	return c.all_fit;
}

/* ICH_HCR_EL2 is written only when it changes: most entries keep it. */
static void write_hcr(struct vgic_vcpu *v, uint32_t hcr)
{
	if (v->hcr != hcr) {
		v->hcr = hcr;
		hal_gic_write_hcr(hcr);
	}
}

/* The list registers chosen afresh (monadic/vgic_exit.h has the common
 * case). */
void vgic_flush_slow(struct vcpu *vcpu)
{
	struct vm *vm = vcpu->vm;
	struct vgic_vcpu *v = &vcpu->vgic;
	struct lr_pick picks[VGIC_MAX_LRS];
	unsigned int n = 0;
	uint16_t private = 0;
	bool all_fit;

	spin_lock(&vm->vgic.lock);
	sync_locked(vcpu);  /* no-op after vgic_sync; makes a flush on its own safe */
	v->flushed_gen = vgic_gen(vm);
	all_fit = collect(vcpu, picks, &n);
	for (unsigned int i = 0; i < n; i++) {
		struct vgic_irq *irq = vgic_irq_get(vm, vcpu, picks[i].intid);
		bool pending = lr_pending(vm, irq);

		hal_gic_write_lr(i, lr_encode(picks[i].intid, irq, pending));
		v->lr_intid[i] = (uint16_t)picks[i].intid;
		if (picks[i].intid >= VGIC_NR_PRIVATE)
			irq->flags |= VGIC_IRQ_IN_LR;
		else if (pending && !(irq->flags & VGIC_IRQ_ACTIVE))
			private |= (uint16_t)(1U << i);
		if (pending) {
			irq->flags &= (uint8_t)~VGIC_IRQ_PENDING;
			vgic_irq_track(vm, vcpu, picks[i].intid, irq);
		}
	}
	v->lrs_used = (uint8_t)n;
	v->lrs_private = private;
	write_hcr(v, ICH_HCR_EN | (all_fit ? 0 : ICH_HCR_UIE));
	spin_unlock(&vm->vgic.lock);
}

static bool in_lr(const struct vgic_vcpu *v, uint32_t intid)
{
	for (unsigned int n = 0; n < v->lrs_used; n++) {
		if (v->lr_intid[n] == intid)
			return true;
	}
	return false;
}

/*
 * Whether an injection of 'vcpu''s INTID 'intid' can be made pending
 * straight in a free list register, on the pCPU running 'vcpu', between
 * its exit and its entry (vgic_inject_local): the choice of its last
 * vgic_flush still stands, so no other vCPU and no flush need know:
 * nothing else latched, no generation change, no kick. Private, enabled,
 * idle interrupts already linked to 'hw_intid' only.
 *
 * Without the lock, on the vCPU's own pCPU: every change under the lock
 * moves the generation, so a change this races with is seen by the next
 * vgic_flush, whose slow path reads the list register back and chooses
 * again. Until then the interrupt is in a list register as if the last
 * flush had loaded it (the known limit of interrupts held in a running
 * vCPU's list registers).
 */
static bool lr_loadable(const struct vcpu *vcpu, uint32_t intid, uint32_t hw_intid)
{
	if (intid >= VGIC_NR_PRIVATE)
		return false;  /* an SPI: 'vcpu' is not its target */

	const struct vm *vm = vcpu->vm;
	const struct vgic_vcpu *v = &vcpu->vgic;
	const struct vgic_irq *irq = &v->private_irqs[intid];

	/* The last choice must still stand with nothing left out (no UIE),
	 * so this one joining it is what vgic_flush would choose; loads in
	 * no order, as in vgic_flush. The HW link is set under the lock, at
	 * the first injection (with the timer's line: hw_lines). */
	return v->flushed_gen == READ_ONCE(vm->vgic.gen) && v->hcr == ICH_HCR_EN &&
	       v->lrs_used != v->nr_lrs && irq->hw_intid == (hw_intid & ICH_LR_PINTID_MASK) &&
	       (READ_ONCE(irq->flags) & (VGIC_IRQ_ENABLED | VGIC_IRQ_PENDING | VGIC_IRQ_ACTIVE)) ==
		       VGIC_IRQ_ENABLED &&
	       READ_ONCE(vm->vgic.enabled) && !in_lr(v, intid);
}

static bool find_deliverable(struct vcpu *vcpu, uint32_t intid, struct vgic_irq *irq, void *arg)
{
	bool *found = arg;

	(void)intid;
	*found = (irq->flags & VGIC_IRQ_PENDING) && vgic_irq_deliverable(vcpu->vm, irq);
	return !*found;
}

/* The timer's path, once per expiry: the list register written last,
 * so that neither path needs a stack frame. */
void vgic_inject_local(struct vcpu *vcpu, uint32_t intid, uint32_t hw_intid)
{
	struct vgic_vcpu *v = &vcpu->vgic;
	unsigned int n = v->lrs_used;

	if (!lr_loadable(vcpu, intid, hw_intid)) {
		vgic_inject(vcpu->vm, vcpu, intid, hw_intid);
		return;
	}
	v->lr_intid[n] = (uint16_t)intid;
	v->lrs_private |= (uint16_t)(1U << n);
	v->lrs_used = (uint8_t)(n + 1);
	hal_gic_write_lr(n, lr_value(intid, &v->private_irqs[intid], ICH_LR_STATE_PENDING));  /* idle */
}

/* Loaded since the last exit (vgic_inject_local), still pending: the guest
 * takes it once it unmasks. */
static bool lr_holds_pending(const struct vgic_vcpu *v)
{
	for (unsigned int n = 0; n < v->lrs_used; n++) {
		if (hal_gic_read_lr(n) >> ICH_LR_STATE_SHIFT & ICH_LR_STATE_PENDING)
			return true;
	}
	return false;
}

bool vgic_vcpu_pending(struct vcpu *vcpu)
{
	struct vm *vm = vcpu->vm;
	bool pending = false;

	spin_lock(&vm->vgic.lock);
	for_each_live(vcpu, find_deliverable, &pending);
	pending = pending || lr_holds_pending(&vcpu->vgic);
#ifdef CONFIG_VITS_GICV4
	pending = pending || __atomic_load_n(&vcpu->vgic.doorbell, __ATOMIC_RELAXED);
#endif
	spin_unlock(&vm->vgic.lock);
	return pending;
}
