/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Why a vCPU stopped running, as the architecture hands it to the VM core.
 * hal_vcpu_run() enters the guest and sends each trap, by its kind, to one
 * of the VM core's struct vm_exit_ops (subsys/vm/exits.c), so the
 * architecture layer calls nothing above it and no exit is decoded into a
 * record and dispatched twice. What only the architecture can do (inject a
 * fault into the guest, emulate a register of its own) it has done before
 * calling 'handled'.
 */
#ifndef MONADIC_VM_EXIT_H
#define MONADIC_VM_EXIT_H

#include <monadic/vm/mmio.h>
#include <stdbool.h>
#include <stdint.h>

struct vcpu;

/* A trap's class for the statistics: hal_vcpu_exit_class_key names it. */
#define VM_EXIT_CLASSES 64

/* A load or store to emulate. 'reg' is the transfer register; a load's
 * value is written back to it, sign-extended when 'sign_extend', to 64
 * bits when 'wide'. */
struct vm_mmio {
	struct mmio_access access;
	unsigned int reg;
	bool sign_extend;
	bool wide;
};

/*
 * Each is called on the guest entry's stack frame, with the guest's
 * registers saved, and returns whether to enter the guest again. 'cls' is
 * the trap's class (< VM_EXIT_CLASSES) for the statistics.
 */
struct vm_exit_ops {
	/* Nothing left to do but the bookkeeping of an exit. */
	bool (*handled)(struct vcpu *vcpu, unsigned int cls);
	/* HVC, or SMC trapped: function ID in register 0. */
	bool (*smccc)(struct vcpu *vcpu, unsigned int cls);
	/* WFI: sleep until the vCPU has an interrupt. */
	bool (*wait)(struct vcpu *vcpu, unsigned int cls);
	bool (*mmio)(struct vcpu *vcpu, struct vm_mmio *mmio, unsigned int cls);
	/* The guest wrote its SGI register (arm64: ICC_SGI1R_EL1). */
	bool (*sgi)(struct vcpu *vcpu, uint64_t value, unsigned int cls);
	/* A physical interrupt, acknowledged and its priority dropped
	 * already (EOImode 1, docs/vgic.md); 1023 (IRQ_SPURIOUS) when there
	 * was none. */
	bool (*irq)(struct vcpu *vcpu, uint32_t intid);
	/* Nothing can handle it: the VM stops. */
	bool (*fatal)(struct vcpu *vcpu, const char *why, unsigned int cls);
};

#endif
