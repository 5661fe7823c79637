/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* The portable side of VM exits: what the architecture decoded
 * (monadic/vm/exit.h), handled. */

#include <monadic/hal/vcpu.h>
#ifdef CONFIG_SMMUV3
#include <monadic/iommu.h>
#endif
#include <monadic/irq.h>
#include <monadic/printk.h>
#include <monadic/vgic_exit.h>
#include <monadic/vm/exit.h>
#include <monadic/vm/vm.h>

#include "vm_internal.h"

static void count(struct vcpu *vcpu, unsigned int cls)
{
	atomic_fetch_add_explicit(&vcpu->vm->stats.exits[cls % VM_EXIT_CLASSES], 1,
				  memory_order_relaxed);
}

/* The service a function ID belongs to (SMCCC, DEN 0028, "Owning Entity
 * Number", bits [29:24]): the Arm architecture's calls and PSCI (a
 * standard secure service) are psci.c's, the standard hypervisor service
 * range is Monadic's own. Going by it first keeps each call to one
 * lookup. */
#define SMCCC_OWNER(fn) (((fn) >> 24) & 0x3fU)
#define SMCCC_OWNER_ARCH 0U
#define SMCCC_OWNER_STANDARD_SECURE 4U
#define SMCCC_OWNER_STANDARD_HYP 6U

/* An SMCCC call: function ID in register 0, arguments in 1..3, results
 * back in 0..3. */
static void exit_smccc(struct vcpu *vcpu)
{
	uint32_t fn = (uint32_t)hal_vcpu_get_reg(vcpu, 0);
	bool done;

	switch (SMCCC_OWNER(fn)) {
	case SMCCC_OWNER_ARCH:
	case SMCCC_OWNER_STANDARD_SECURE:
		done = psci_call(vcpu, fn);
		break;
	case SMCCC_OWNER_STANDARD_HYP:
		done = hypercall(vcpu, fn);
		break;
	default:
		done = false;
		break;
	}
	if (!done)
		hal_vcpu_set_reg(vcpu, 0, (uint64_t)(int64_t)SMCCC_RET_NOT_SUPPORTED);
}

/* The region holding all of the access, its offset there set. */
static const struct mmio_region *find_region(const struct vm *vm, struct mmio_access *a)
{
	for (const struct mmio_region *r = vm->mmio; r < vm->mmio + vm->num_mmio; r++) {
		uint64_t offset = a->ipa - r->base;

		if (a->ipa >= r->base && offset < r->size) {
			if (offset + a->size > r->size)
				return NULL;
			a->offset = offset;
			return r;
		}
	}
	return NULL;
}

/* The load's shape is read back from the record after the handler, so
 * only the vCPU and the record live across the call. */
static void exit_mmio(struct vcpu *vcpu, struct vm_mmio *m)
{
	struct mmio_access *a = &m->access;
	const struct mmio_region *r = find_region(vcpu->vm, a);

	atomic_fetch_add_explicit(&vcpu->vm->stats.mmio, 1, memory_order_relaxed);
	/* Nothing there, or the handler refuses: the guest gets the abort,
	 * nobody else notices. */
	if (r == NULL || r->handler(vcpu, a, r->priv) != 0) {
		hal_vcpu_inject_abort(vcpu, false, a->ipa);
		return;
	}
	if (!a->write) {
		/* The loaded bytes, zero- or sign-extended to 64 bits; a W
		 * register's upper half is zero (a zero-extended load of up
		 * to 4 bytes leaves it so, an 8-byte one is never to a W
		 * register). */
		unsigned int shift = 64 - 8 * a->size;
		uint64_t v = a->value << shift;

		if (!m->sign_extend) {
			v >>= shift;
		} else {
			v = (uint64_t)((int64_t)v >> shift);
			if (!m->wide)
				v &= 0xffffffffULL;
		}
		hal_vcpu_set_reg(vcpu, m->reg, v);
	}
	hal_vcpu_skip_instruction(vcpu);
}

#ifdef CONFIG_GICV3
/* An interrupt acknowledged and its priority dropped (EOImode 1,
 * docs/vgic.md): who deactivates it. Out of line: the timers' path in
 * front of it needs no stack frame. */
static __attribute__((noinline)) void handle_other_irq(uint32_t intid)
{
	switch (intid) {
#ifdef CONFIG_VGIC
	case IRQ_PPI_VTIMER:
	case IRQ_PPI_PTIMER:  /* a timer of a vCPU no longer running */
#endif
	case IRQ_SGI_KICK:
	case IRQ_PPI_MAINTENANCE:
		irq_deactivate(intid);  /* the re-entry path looks at the state */
		break;
	default:
#if defined(CONFIG_VUART) && defined(CONFIG_GICV3)
		if (vm_console_input_irq(intid))
			break;
#endif
#ifdef CONFIG_SMMUV3
		if (smmu_irq(intid)) {
			irq_deactivate(intid);
			break;
		}
#endif
		vm_irq_passthrough(intid);
		break;
	}
}

static inline void handle_irq(struct vcpu *vcpu, uint32_t intid)
{
#ifdef CONFIG_VGIC
	/* The vCPU's own timers, HW-linked: the guest's deactivation
	 * deactivates the physical one. */
	if ((intid == IRQ_PPI_VTIMER || intid == IRQ_PPI_PTIMER) && vcpu != NULL) {
		vgic_inject_local(vcpu, intid, intid);
		return;
	}
#else
	(void)vcpu;
#endif
	handle_other_irq(intid);
}
#endif

void vm_take_irq(struct vcpu *vcpu)
{
#ifdef CONFIG_GICV3
	/* One per wake-up: another one still pending ends the next wait at
	 * once. */
	uint32_t intid = irq_ack();

	if (intid == IRQ_SPURIOUS)
		return;
	irq_eoi(intid);
	handle_irq(vcpu, intid);
#else
	(void)vcpu;
#endif
}

#ifdef CONFIG_VGIC
/* Not an exit: a physical interrupt woke a wait. */
static void take_irq(struct vcpu *vcpu)
{
	vm_take_irq(vcpu);
#ifdef CONFIG_VUART
	console_mux_tick();
#endif
}
#endif

/* The architecture acknowledged it and dropped its priority already. */
static void exit_irq(struct vcpu *vcpu, uint32_t intid)
{
	atomic_fetch_add_explicit(&vcpu->vm->stats.irq_exits, 1, memory_order_relaxed);
#ifdef CONFIG_GICV3
	if (intid != IRQ_SPURIOUS)
		handle_irq(vcpu, intid);
#else
	(void)intid;
#endif
#ifdef CONFIG_VUART
	console_mux_tick();
#endif
}

void vm_exit_wfi(struct vcpu *vcpu)
{
#ifdef CONFIG_VGIC
	/* Sleep until an interrupt for this vCPU is pending; physical
	 * interrupts (its timer, a kick, a GICv4 doorbell) wake the WFI and
	 * are handled here. */
	bool vlpi = vgic_wait_begin(vcpu);

	while (!vlpi && !vgic_vcpu_pending(vcpu) && atomic_load(&vcpu->power) == VCPU_ON &&
	       atomic_load(&vcpu->vm->state) == VM_STATE_RUNNING) {
		hal_cpu_wait_interrupt();
		take_irq(vcpu);
	}
	vgic_wait_end(vcpu);
#else
	(void)vcpu;  /* no virtual interrupts: the guest just continues */
#endif
}

/* A trap the hypervisor can't handle: report it and stop the VM. Out of
 * line, so its buffer does not weigh on every exit's stack frame. */
static __attribute__((noinline, cold)) void exit_fatal(struct vcpu *vcpu, const char *why)
{
	char what[192];

	hal_vcpu_describe_exit(vcpu, what, sizeof(what));
	printk("VM %s vCPU%u: %s: %s\n", vcpu->vm->cfg->name, vcpu->index, why, what);
	vm_stop(vcpu->vm, VM_STATE_CRASHED);
}

/*
 * Every exit, on the guest entry's stack frame (hal_vcpu_run), begins
 * with what the guest did with the list registers read back and ends, if
 * the vCPU still runs, with pending virtual interrupts loaded into them
 * before it enters again. Each kind's handler has both inlined: the
 * architecture calls it straight from its decode.
 */
static inline void exit_begin(struct vcpu *vcpu, unsigned int cls)
{
	count(vcpu, cls);
#ifdef CONFIG_VGIC
	vgic_sync(vcpu);
#endif
}

static inline bool exit_end(struct vcpu *vcpu)
{
	if (!vcpu_runs(vcpu))
		return false;
#ifdef CONFIG_VGIC
	vgic_flush(vcpu);
#endif
	return true;
}

static bool on_handled(struct vcpu *vcpu, unsigned int cls)
{
	exit_begin(vcpu, cls);
	return exit_end(vcpu);
}

static bool on_smccc(struct vcpu *vcpu, unsigned int cls)
{
	exit_begin(vcpu, cls);
	exit_smccc(vcpu);
	return exit_end(vcpu);
}

static bool on_wfi(struct vcpu *vcpu, unsigned int cls)
{
	exit_begin(vcpu, cls);
	vm_exit_wfi(vcpu);
	return exit_end(vcpu);
}

static bool on_mmio(struct vcpu *vcpu, struct vm_mmio *mmio, unsigned int cls)
{
	exit_begin(vcpu, cls);
	exit_mmio(vcpu, mmio);
	return exit_end(vcpu);
}

static bool on_sgi(struct vcpu *vcpu, uint64_t value, unsigned int cls)
{
	exit_begin(vcpu, cls);
#ifdef CONFIG_VGIC
	vgic_sgi1r_write(vcpu, value);
#else
	(void)value;
#endif
	return exit_end(vcpu);
}

/* Not counted by class: the statistics count interrupt exits apart. */
static bool on_irq(struct vcpu *vcpu, uint32_t intid)
{
#ifdef CONFIG_VGIC
	vgic_sync(vcpu);
#endif
	exit_irq(vcpu, intid);
	return exit_end(vcpu);
}

static bool on_fatal(struct vcpu *vcpu, const char *why, unsigned int cls)
{
	exit_begin(vcpu, cls);
	exit_fatal(vcpu, why);
	return exit_end(vcpu);
}

const struct vm_exit_ops vm_exit_ops = {
	.handled = on_handled,
	.smccc = on_smccc,
	.wait = on_wfi,
	.mmio = on_mmio,
	.sgi = on_sgi,
	.irq = on_irq,
	.fatal = on_fatal,
};
