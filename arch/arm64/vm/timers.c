/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The EL1 generic timers a vCPU owns (Arm ARM D11.2). Both are the
 * guest's own, live in the pCPU's registers: the virtual timer counts
 * against the VM's CNTVOFF_EL2, the physical one against the physical
 * counter (CNTHCTL_EL2.EL1PCEN lets it through untrapped; the hypervisor
 * uses no timer of its own). Their outputs are level-sensitive PPIs the
 * hypervisor forwards HW-linked; this file tells the vGIC whether a line
 * is still high, so an interrupt the guest has not taken yet disappears
 * when the guest disables, masks or reprograms its timer, as the GIC's
 * pending state follows a level-sensitive line.
 */

#include <arch/sysreg.h>
#include <monadic/hal/vcpu.h>
#include <monadic/irq.h>
#include <monadic/regs/timer.h>

static bool output_asserted(uint64_t ctl)
{
	return (ctl & (CNT_CTL_ENABLE | CNT_CTL_IMASK | CNT_CTL_ISTATUS)) ==
	       (CNT_CTL_ENABLE | CNT_CTL_ISTATUS);
}

bool hal_vcpu_line_asserted(uint32_t ppi)
{
	switch (ppi) {
	case IRQ_PPI_VTIMER:
		return output_asserted(read_sysreg(CNTV_CTL_EL0));
	case IRQ_PPI_PTIMER:
		return output_asserted(read_sysreg(CNTP_CTL_EL0));
	default:
		return true;  /* not a line this layer can see: keep what was latched */
	}
}

void hal_vcpu_put(struct vcpu *vcpu)
{
	(void)vcpu;
	/* A timer left armed by a vCPU that no longer runs would raise its
	 * PPI at a pCPU with nobody to give it to, again after every
	 * deactivation. */
	write_sysreg(0, CNTV_CTL_EL0);
	write_sysreg(0, CNTP_CTL_EL0);
	isb();
}
