/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* The CPU HAL (monadic/hal/cpu.h) for arm64. */

#include <arch/sysreg.h>
#include <monadic/hal/cpu.h>

void hal_cpu_read_regs(struct hal_cpu_regs *out)
{
	out->midr = read_sysreg(MIDR_EL1);
	out->mpidr = read_sysreg(MPIDR_EL1);
	out->current_el = read_sysreg(CurrentEL) >> CURRENTEL_EL_SHIFT;
	out->id_aa64pfr0 = read_sysreg(ID_AA64PFR0_EL1);
	out->id_aa64pfr1 = read_sysreg(ID_AA64PFR1_EL1);
	out->id_aa64isar0 = read_sysreg(ID_AA64ISAR0_EL1);
	out->id_aa64isar1 = read_sysreg(ID_AA64ISAR1_EL1);
	out->id_aa64isar2 = read_sysreg(S3_0_C0_C6_2);  /* ID_AA64ISAR2_EL1: RAZ before v8.7 */
	out->id_aa64mmfr0 = read_sysreg(ID_AA64MMFR0_EL1);
	out->id_aa64mmfr1 = read_sysreg(ID_AA64MMFR1_EL1);
}

unsigned int hal_cpu_index(void)
{
	return (unsigned int)read_sysreg(TPIDR_EL2);
}

void hal_cpu_wait_event(void)
{
	wfe();
}

void hal_cpu_send_event(void)
{
	dsb(ish);  /* the store that signals must be visible before the event */
	sev();
}

_Noreturn void hal_cpu_halt(void)
{
	__asm__ volatile("msr DAIFSet, %0" : : "i"(DAIF_ALL));
	for (;;)
		wfi();
}

uint64_t hal_counter_ticks(void)
{
	isb();  /* don't let the read float above earlier code */
	return read_sysreg(CNTPCT_EL0);
}

uint64_t hal_counter_freq(void)
{
	return read_sysreg(CNTFRQ_EL0);
}

static uintptr_t secondary_entry;

void hal_set_secondary_entry(uintptr_t entry)
{
	secondary_entry = entry;
}

uintptr_t hal_secondary_entry(void)
{
	return secondary_entry;
}
