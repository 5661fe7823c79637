/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* Secondary CPU bring-up through the firmware's PSCI CPU_ON (DEN 0022 5.6). */

#include <monadic/cpus.h>
#include <monadic/devicetree.h>
#include <monadic/hal/cpu.h>
#include <monadic/hal/firmware.h>
#include <monadic/printk.h>
#include <monadic/smp.h>

/* At EL2 the firmware is reached by SMC only: HVC would trap to ourselves. */
#define PSCI_CONDUIT_OK_smc 1
#if !DT_CAT(PSCI_CONDUIT_OK_, DT_STRING_TOKEN(DT_NODELABEL(psci), method))
#error "the board's psci node must say method = \"smc\": Monadic runs at EL2"
#endif

const char *psci_error_name(long long rc)
{
	switch (rc) {
	case PSCI_RET_SUCCESS: return "SUCCESS";
	case PSCI_RET_NOT_SUPPORTED: return "NOT_SUPPORTED";
	case PSCI_RET_INVALID_PARAMETERS: return "INVALID_PARAMETERS";
	case PSCI_RET_DENIED: return "DENIED";
	case PSCI_RET_ALREADY_ON: return "ALREADY_ON";
	case PSCI_RET_ON_PENDING: return "ON_PENDING";
	case PSCI_RET_INTERNAL_FAILURE: return "INTERNAL_FAILURE";
	case PSCI_RET_NOT_PRESENT: return "NOT_PRESENT";
	case PSCI_RET_DISABLED: return "DISABLED";
	case PSCI_RET_INVALID_ADDRESS: return "INVALID_ADDRESS";
	default: return "unknown PSCI error";
	}
}

unsigned int smp_start_secondaries(void)
{
	unsigned int self = hal_cpu_index(), expected = 1;

	for (unsigned int i = 0; i < mhv_cpu_count; i++) {
		if (i == self)
			continue;
		int64_t rc = hal_firmware_psci(PSCI_CPU_ON_64, mhv_cpu_mpidr[i],
					       hal_secondary_entry(), i);

		if (rc != PSCI_RET_SUCCESS) {
			LOG_ERR("CPU%u (MPIDR 0x%llx): PSCI CPU_ON failed: %s", i,
				(unsigned long long)mhv_cpu_mpidr[i], psci_error_name(rc));
			continue;
		}
		expected++;
	}

	uint64_t deadline = hal_counter_deadline_ms(CONFIG_SECONDARY_BOOT_TIMEOUT_MS);

	while (cpus_online() < expected && hal_counter_ticks() < deadline)
		;  /* each secondary SEVs; polling keeps the timeout exact */
	for (unsigned int i = 0; i < mhv_cpu_count; i++) {
		if (!cpu_get(i)->online)
			LOG_ERR("CPU%u (MPIDR 0x%llx) did not come online within %d ms", i,
				(unsigned long long)mhv_cpu_mpidr[i],
				CONFIG_SECONDARY_BOOT_TIMEOUT_MS);
	}
	return cpus_online();
}
