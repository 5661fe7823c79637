/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * PSCI client (Arm DEN 0022, PSCI 1.0+) over HVC.
 */
#ifndef MONADIC_GUEST_PSCI_H
#define MONADIC_GUEST_PSCI_H

#include <monadic/psci.h>   /* the numbers, shared with the hypervisor */
#include <stdint.h>

/* PSCI_VERSION: major in bits [31:16], minor in [15:0]. */
#define PSCI_VERSION_MAJOR_SHIFT 16
#define PSCI_VERSION_MINOR_MASK 0xffffU
#define PSCI_VERSION_MAJOR(v) ((uint32_t)(v) >> PSCI_VERSION_MAJOR_SHIFT)
#define PSCI_VERSION_MINOR(v) ((uint32_t)(v) & PSCI_VERSION_MINOR_MASK)

/* AFFINITY_INFO lowest_affinity_level: the CPU itself. */
#define PSCI_AFF_LEVEL_CPU 0

int32_t guest_psci_version(void);
int32_t guest_psci_features(uint32_t fn);

/* Raw CPU_ON: entry is an IPA the target starts at (EL1, MMU off), with
 * context in its x0. */
int32_t guest_psci_cpu_on_raw(uint64_t mpidr, uint64_t entry, uint64_t context);
int32_t guest_psci_affinity_info(uint64_t mpidr);
/* CPU_SUSPEND (64-bit); power_state in the original format: StateID
 * [15:0], PSCI_POWER_STATE_POWERDOWN, level << PSCI_POWER_STATE_LEVEL_SHIFT.
 * A standby returns SUCCESS once an interrupt is pending, even one masked
 * at PSTATE; a powerdown resumes at entry with context in x0. */
int32_t guest_psci_cpu_suspend(uint32_t power_state, uint64_t entry, uint64_t context);

/* CPU_OFF on the calling CPU; returns only on failure (the error code). */
int32_t guest_psci_cpu_off(void);

_Noreturn void guest_psci_system_off(void);
_Noreturn void guest_psci_system_reset(void);

#endif
