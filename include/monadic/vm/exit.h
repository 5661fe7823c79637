/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The portable handlers the architecture calls for each kind of trap.
 * Each returns with the vCPU ready to re-enter, or with its VM stopped.
 */
#ifndef MONADIC_VM_EXIT_H
#define MONADIC_VM_EXIT_H

#include <monadic/vm/mmio.h>
#include <stdbool.h>
#include <stdint.h>

struct vcpu;

/* An SMCCC call (HVC, or SMC trapped by HCR_EL2.TSC): function ID in
 * register 0, arguments in 1..3, results back in 0..3. */
void vm_exit_smccc(struct vcpu *vcpu);

/* A guest load/store to an IPA with no Stage-2 mapping, decoded. 'reg' is
 * the transfer register; for reads the handler's value is written back
 * (sign-extended when 'sign_extend', to 64 bits when 'wide'). */
void vm_exit_mmio(struct vcpu *vcpu, struct mmio_access *access, unsigned int reg,
		  bool sign_extend, bool wide);

/* WFI: sleep until the vCPU has an interrupt (or its VM stops). */
void vm_exit_wfi(struct vcpu *vcpu);

/* A physical interrupt arrived while the guest ran. */
void vm_exit_irq(struct vcpu *vcpu);

/* A trap the hypervisor can't handle: report it and stop the VM. */
void vm_exit_fatal(struct vcpu *vcpu, const char *why);

/* Count an exit of exception class 'ec' (trap statistics). */
void vm_exit_count(struct vcpu *vcpu, unsigned int ec);

#endif
