/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* Bringing up the secondary CPUs (subsys/smp). */
#ifndef MONADIC_SMP_H
#define MONADIC_SMP_H

/* PSCI CPU_ON every other devicetree CPU and wait (bounded by
 * CONFIG_SECONDARY_BOOT_TIMEOUT_MS) until each is online; a CPU that fails
 * to start or to report is named on the console. Returns the number of
 * CPUs online. */
unsigned int smp_start_secondaries(void);

/* "DENIED", "ALREADY_ON", ... for a PSCI return code. */
const char *psci_error_name(long long rc);

#endif
