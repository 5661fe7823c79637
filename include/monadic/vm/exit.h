/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Why a vCPU stopped running, as the architecture hands it to the VM core.
 * hal_vcpu_run() enters the guest and decodes each trap into a struct
 * vm_exit; what only the architecture can do (inject a fault into the
 * guest, emulate a register of its own) it has done already. The VM core
 * (subsys/vm/exits.c) dispatches the rest through the callback it gave
 * hal_vcpu_run, so the architecture layer calls nothing above it.
 */
#ifndef MONADIC_VM_EXIT_H
#define MONADIC_VM_EXIT_H

#include <monadic/vm/mmio.h>
#include <stdbool.h>
#include <stdint.h>

enum vm_exit_kind {
	VM_EXIT_HANDLED,    /* nothing left to do: enter again */
	VM_EXIT_SMCCC,      /* HVC, or SMC trapped: function ID in register 0 */
	VM_EXIT_WFI,        /* sleep until the vCPU has an interrupt */
	VM_EXIT_MMIO,       /* a load/store to emulate: mmio */
	VM_EXIT_SGI,        /* the guest wrote its SGI register: sgi */
	VM_EXIT_IRQ,        /* a physical interrupt arrived: intid */
	VM_EXIT_FATAL,      /* nothing can handle it: the VM stops (why) */
};

/* A trap's class for the statistics: hal_vcpu_exit_class_key names it. */
#define VM_EXIT_CLASSES 64

struct vm_exit {
	enum vm_exit_kind kind;
	unsigned int cls;   /* the trap's class (< VM_EXIT_CLASSES); none for IRQ */
	union {
		/* 'reg' is the transfer register; a read's value is written
		 * back to it, sign-extended when 'sign_extend', to 64 bits
		 * when 'wide'. */
		struct {
			struct mmio_access access;
			unsigned int reg;
			bool sign_extend;
			bool wide;
		} mmio;
		uint64_t sgi;       /* the value written (arm64: ICC_SGI1R_EL1) */
		/* IRQ: acknowledged and its priority dropped already (EOImode
		 * 1, docs/vgic.md); 1023 (IRQ_SPURIOUS) when there was none. */
		uint32_t intid;
		const char *why;    /* FATAL: what it was */
	};
};

#endif
