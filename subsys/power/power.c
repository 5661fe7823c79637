/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* Powering the machine off (monadic/mhv.h): PSCI SYSTEM_OFF to firmware.
 * Below the VM core and the boot sequence, which both end with it. */

#include <monadic/hal/cpu.h>
#include <monadic/hal/firmware.h>
#include <monadic/mhv.h>
#include <monadic/printk.h>

_Noreturn void mhv_power_off(void)
{
	int64_t rc = hal_firmware_psci(PSCI_SYSTEM_OFF, 0, 0, 0);

	/* SYSTEM_OFF does not return; if it does, say so and stop here. */
	printk("PSCI SYSTEM_OFF returned %lld: halting CPU%u\n", (long long)rc,
	       hal_cpu_index());
	hal_cpu_halt();
}
