/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* PSCI and Monadic hypercalls over HVC (SMCCC fast calls). */
#include <monadic/guest/hypercall.h>
#include <monadic/guest/psci.h>
#include <monadic/guest/smccc.h>
#include <monadic/guest/sysreg.h>

struct guest_smccc_res guest_hvc(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	register uint64_t x0 __asm__("x0") = fn;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x3 __asm__("x3") = a3;

	/* SMCCC 1.1+: x4..x17 are not preserved by the callee. */
	__asm__ volatile("hvc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
			 :
			 : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12",
			   "x13", "x14", "x15", "x16", "x17", "memory");
	return (struct guest_smccc_res){ .a0 = (int64_t)x0, .a1 = x1, .a2 = x2, .a3 = x3 };
}

static int32_t psci_call(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	return (int32_t)guest_hvc(fn, a1, a2, a3).a0;
}

int32_t guest_psci_version(void)
{
	return psci_call(PSCI_VERSION, 0, 0, 0);
}

int32_t guest_psci_features(uint32_t fn)
{
	return psci_call(PSCI_FEATURES, fn, 0, 0);
}

int32_t guest_psci_cpu_on_raw(uint64_t mpidr, uint64_t entry, uint64_t context)
{
	return psci_call(PSCI_CPU_ON_64, mpidr, entry, context);
}

int32_t guest_psci_cpu_suspend(uint32_t power_state, uint64_t entry, uint64_t context)
{
	return psci_call(PSCI_CPU_SUSPEND | PSCI_FN64_BIT, power_state, entry, context);
}

int32_t guest_psci_affinity_info(uint64_t mpidr)
{
	return psci_call(PSCI_AFFINITY_INFO_64, mpidr, PSCI_AFF_LEVEL_CPU, 0);
}

int32_t guest_psci_cpu_off(void)
{
	return psci_call(PSCI_CPU_OFF, 0, 0, 0);
}

_Noreturn void guest_psci_system_off(void)
{
	psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	for (;;)
		guest_wfi();
}

_Noreturn void guest_psci_system_reset(void)
{
	psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);
	for (;;)
		guest_wfi();
}

int64_t guest_mhv_version(void)
{
	return guest_hvc(MHV_HC64(MHV_HC_VERSION), 0, 0, 0).a0;
}
