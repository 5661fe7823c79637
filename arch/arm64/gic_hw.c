/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The GIC HAL (monadic/hal/gic.h) for arm64: the GICv3 CPU interface
 * system registers, physical (ICC_*) and virtualization control (ICH_*).
 *
 * GIC architecture specification (IHI 0069) 12.2 and 12.5; the barriers
 * follow its "Observability of the effects of accesses to the GIC
 * registers" rules and Linux's drivers/irqchip/irq-gic-v3.c.
 */

#include <arch/gic.h>
#include <arch/sysreg.h>
#include <monadic/hal/gic.h>

/* ICH_VTR_EL2.PREbits [28:26]: preemption bits - 1; 5, 6 or 7 bits need
 * 1, 2 or 4 active priority registers per group. */
#define ICH_VTR_PREBITS_SHIFT 26
#define ICH_VTR_PREBITS_MASK 7U
#define ICH_APR_MIN_PREBITS 5

uint32_t hal_gic_ack(void)
{
	return gic_ack();
}

void hal_gic_eoi(uint32_t intid)
{
	gic_eoi(intid);
}

void hal_gic_deactivate(uint32_t intid)
{
	write_sysreg(intid, ICC_DIR_EL1);
	isb();
}

void hal_gic_send_sgi1r(uint64_t value)
{
	/* A sysreg write is not ordered after memory stores: the target
	 * reads the state this CPU stored before the SGI reaches it. */
	dsb(ishst);
	write_sysreg(value, ICC_SGI1R_EL1);
	isb();
}

uint64_t hal_gic_read_sre_el2(void)
{
	return read_sysreg(ICC_SRE_EL2);
}

void hal_gic_write_sre_el2(uint64_t value)
{
	write_sysreg(value, ICC_SRE_EL2);
	isb();  /* the other ICC registers are usable only after this */
}

void hal_gic_write_pmr(uint64_t value)
{
	write_sysreg(value, ICC_PMR_EL1);
	isb();
}

uint64_t hal_gic_read_ctlr(void)
{
	return read_sysreg(ICC_CTLR_EL1);
}

void hal_gic_write_ctlr(uint64_t value)
{
	write_sysreg(value, ICC_CTLR_EL1);
	isb();
}

void hal_gic_write_igrpen1(uint64_t value)
{
	write_sysreg(value, ICC_IGRPEN1_EL1);
	isb();
}

unsigned int hal_gic_num_lrs(void)
{
	return (unsigned int)(read_sysreg(ICH_VTR_EL2) & ICH_VTR_LISTREGS_MASK) + 1;
}

/* hal_gic_read_lr and hal_gic_write_lr: gic_lr.S; hal_gic_read_elrsr:
 * inline (arch/gic_virt.h). */

void hal_gic_write_hcr(uint64_t value)
{
	/* Taken into account at the ERET into the guest, a context
	 * synchronization event: no ISB needed here. */
	write_sysreg(value, ICH_HCR_EL2);
}

static void clear_active_priorities(void)
{
	unsigned int prebits = (unsigned int)(read_sysreg(ICH_VTR_EL2) >> ICH_VTR_PREBITS_SHIFT &
					      ICH_VTR_PREBITS_MASK) + 1;

	write_sysreg(0, ICH_AP0R0_EL2);
	write_sysreg(0, ICH_AP1R0_EL2);
	if (prebits > ICH_APR_MIN_PREBITS) {
		write_sysreg(0, ICH_AP0R1_EL2);
		write_sysreg(0, ICH_AP1R1_EL2);
	}
	if (prebits > ICH_APR_MIN_PREBITS + 1) {
		write_sysreg(0, ICH_AP0R2_EL2);
		write_sysreg(0, ICH_AP1R2_EL2);
		write_sysreg(0, ICH_AP0R3_EL2);
		write_sysreg(0, ICH_AP1R3_EL2);
	}
}

void hal_gic_reset_virtual_if(void)
{
	unsigned int lrs = hal_gic_num_lrs();

	write_sysreg(0, ICH_HCR_EL2);
	write_sysreg(0, ICH_VMCR_EL2);
	for (unsigned int n = 0; n < lrs; n++)
		hal_gic_write_lr(n, 0);
	clear_active_priorities();
	isb();
}
