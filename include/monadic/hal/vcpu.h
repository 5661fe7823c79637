/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * What the VM core needs from the architecture to run a vCPU. The arch
 * decodes each trap (on arm64: the ESR exception class and syndrome) and
 * calls the portable handlers of monadic/vm/exit.h.
 */
#ifndef MONADIC_HAL_VCPU_H
#define MONADIC_HAL_VCPU_H

#include <stdbool.h>
#include <stdint.h>

struct vm;
struct vcpu;

/* Give the vCPU its architectural state (struct vcpu.ctx), once, when
 * its VM is created. 0, or negative when there is no room. */
int hal_vcpu_init(struct vcpu *vcpu);

/* The architecture's context (struct vcpu.ctx) begins with the guest's
 * HAL_VCPU_NR_REGS general registers (arm64: x0..x30), 64 bits each, and
 * its PC, so that hal_vcpu_get_reg/set_reg and hal_vcpu_skip_instruction
 * (monadic/vm/vm.h) are inline on the exit paths instead of a call into
 * the architecture each. A trapped instruction is HAL_VCPU_INSN_SIZE
 * bytes (AArch64: every instruction). */
#define HAL_VCPU_NR_REGS 31
#define HAL_VCPU_INSN_SIZE 4

/* Architectural reset: all state cleared, MMU off, entry at 'entry' with
 * the boot protocol's first argument 'arg0' (arm64: x0). */
void hal_vcpu_reset(struct vcpu *vcpu, uint64_t entry, uint64_t arg0);

/* Load the vCPU and its VM's translation onto this pCPU (once after a
 * reset: one vCPU per pCPU, so the state stays in the registers). */
void hal_vcpu_load(struct vcpu *vcpu);

/* The pCPU stops running the vCPU (it was turned off, or its VM
 * stopped): quiesce what would go on without it (its timers). */
void hal_vcpu_put(struct vcpu *vcpu);

/* Whether the output of the vCPU's own device behind a HW-linked private
 * interrupt (arm64: its EL1 timers, PPIs 27 and 30) is asserted now; true
 * for any other INTID. Reads the running vCPU's registers: call on its
 * pCPU. */
bool hal_vcpu_line_asserted(uint32_t ppi);

/* Enter the guest; each trap goes, by its kind, to one of 'ops'
 * (monadic/vm/exit.h), which handles it and says whether to enter again.
 * The exits are handled on the entry's stack frame, without unwinding to
 * the caller (no callee-saved registers saved per exit); hal_vcpu_run
 * returns once a handler says false. */
struct vm_exit_ops;
void hal_vcpu_run(struct vcpu *vcpu, const struct vm_exit_ops *ops);

/* Reflect a synchronous external abort into the guest at 'addr': the
 * guest's own exception vector sees a fault. */
void hal_vcpu_inject_abort(struct vcpu *vcpu, bool instruction, uint64_t addr);

/* Wait (low power) until an interrupt is pending at this pCPU. */
void hal_cpu_wait_interrupt(void);

/* A one-word name of an exit class (the index of vm.stats.exits; arm64:
 * the ESR exception class), or NULL for a class without one. */
const char *hal_vcpu_exit_class_key(unsigned int cls);

/* A one-line description of the vCPU's last exit (for reports). */
int hal_vcpu_describe_exit(const struct vcpu *vcpu, char *buf, unsigned long size);

#endif
