/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* Saving and restoring a vCPU's EL1 system and FP/SIMD registers. */
#ifndef ARCH_VM_SYSREG_SR_H
#define ARCH_VM_SYSREG_SR_H

#include <arch/vcpu_ctx.h>

void el1_sysregs_save(struct el1_sysregs *r);
void el1_sysregs_restore(const struct el1_sysregs *r);

/* fpsimd.S: V0-V31, FPSR, FPCR. */
void fpsimd_save(struct fpsimd_state *s);
void fpsimd_restore(const struct fpsimd_state *s);

#endif
