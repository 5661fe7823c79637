/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * PSCI client (Arm DEN 0022, PSCI 1.0+) over HVC.
 */
#ifndef MONADIC_GUEST_PSCI_H
#define MONADIC_GUEST_PSCI_H

#include <stdint.h>

/* Function IDs (DEN 0022 table 5.1): 32-bit where the call has no address
 * argument, 64-bit otherwise. */
#define PSCI_VERSION 0x84000000U
#define PSCI_CPU_OFF 0x84000002U
#define PSCI_CPU_ON_64 0xC4000003U
#define PSCI_AFFINITY_INFO_64 0xC4000004U
#define PSCI_SYSTEM_OFF 0x84000008U
#define PSCI_SYSTEM_RESET 0x84000009U
#define PSCI_FEATURES 0x8400000AU

/* Return codes (DEN 0022 5.2.2). */
#define PSCI_RET_SUCCESS 0
#define PSCI_RET_NOT_SUPPORTED (-1)
#define PSCI_RET_INVALID_PARAMETERS (-2)
#define PSCI_RET_DENIED (-3)
#define PSCI_RET_ALREADY_ON (-4)
#define PSCI_RET_ON_PENDING (-5)
#define PSCI_RET_INTERNAL_FAILURE (-6)
#define PSCI_RET_NOT_PRESENT (-7)
#define PSCI_RET_DISABLED (-8)
#define PSCI_RET_INVALID_ADDRESS (-9)

/* AFFINITY_INFO results. */
#define PSCI_AFF_ON 0
#define PSCI_AFF_OFF 1
#define PSCI_AFF_ON_PENDING 2

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

/* CPU_OFF on the calling CPU; returns only on failure (the error code). */
int32_t guest_psci_cpu_off(void);

_Noreturn void guest_psci_system_off(void);
_Noreturn void guest_psci_system_reset(void);

#endif
