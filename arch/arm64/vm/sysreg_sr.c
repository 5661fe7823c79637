/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The EL1 system registers of a vCPU (Arm ARM D19), one list used for both
 * directions so save and restore can't drift apart. With one vCPU per pCPU
 * they are restored once after a reset and saved for reports; a scheduler
 * switching vCPUs would call both on every switch.
 */

#include <arch/sysreg.h>

#include "sysreg_sr.h"

#define EL1_SYSREGS(X)                                        \
	X(sp_el0, SP_EL0) X(sp_el1, SP_EL1) X(elr_el1, ELR_EL1) \
	X(spsr_el1, SPSR_EL1) X(sctlr, SCTLR_EL1) X(tcr, TCR_EL1) \
	X(ttbr0, TTBR0_EL1) X(ttbr1, TTBR1_EL1) X(mair, MAIR_EL1) \
	X(amair, AMAIR_EL1) X(vbar, VBAR_EL1) X(contextidr, CONTEXTIDR_EL1) \
	X(tpidr_el0, TPIDR_EL0) X(tpidrro_el0, TPIDRRO_EL0) X(tpidr_el1, TPIDR_EL1) \
	X(cpacr, CPACR_EL1) X(esr, ESR_EL1) X(far, FAR_EL1) X(afsr0, AFSR0_EL1) \
	X(afsr1, AFSR1_EL1) X(par, PAR_EL1) X(cntkctl, CNTKCTL_EL1) \
	X(csselr, CSSELR_EL1) X(mdscr, MDSCR_EL1) X(cntv_ctl, CNTV_CTL_EL0) \
	X(cntv_cval, CNTV_CVAL_EL0) X(cntp_ctl, CNTP_CTL_EL0) X(cntp_cval, CNTP_CVAL_EL0)

#define SAVE(field, reg) r->field = read_sysreg(reg);
#define RESTORE(field, reg) write_sysreg(r->field, reg);

void el1_sysregs_save(struct el1_sysregs *r)
{
	EL1_SYSREGS(SAVE)
}

void el1_sysregs_restore(const struct el1_sysregs *r)
{
	EL1_SYSREGS(RESTORE)
	isb();
}
