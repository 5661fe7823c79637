/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * PSCI (Arm DEN 0022) numbers, shared by the hypervisor as a PSCI client
 * of the firmware, the hypervisor as the PSCI implementation for guests,
 * and the guest SDK.
 */
#ifndef MONADIC_PSCI_H
#define MONADIC_PSCI_H

/* Function IDs (DEN 0022 table 5.1): the SMC32 form; calls that take an
 * address also have an SMC64 form, PSCI_FN64_BIT set. */
#define PSCI_VERSION 0x84000000U
#define PSCI_CPU_SUSPEND 0x84000001U
#define PSCI_CPU_OFF 0x84000002U
#define PSCI_CPU_ON 0x84000003U
#define PSCI_AFFINITY_INFO 0x84000004U
#define PSCI_MIGRATE_INFO_TYPE 0x84000006U
#define PSCI_SYSTEM_OFF 0x84000008U
#define PSCI_SYSTEM_RESET 0x84000009U
#define PSCI_FEATURES 0x8400000AU
#define PSCI_FN64_BIT 0x40000000U
#define PSCI_CPU_ON_64 (PSCI_CPU_ON | PSCI_FN64_BIT)
#define PSCI_AFFINITY_INFO_64 (PSCI_AFFINITY_INFO | PSCI_FN64_BIT)

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

/* MIGRATE_INFO_TYPE: no trusted OS that would need migrating. */
#define PSCI_MIGRATE_NOT_REQUIRED 2

/* CPU_SUSPEND power_state, original format (DEN 0022 5.4.2): StateID,
 * StateType (1: powerdown), PowerLevel; the other bits are reserved. */
#define PSCI_POWER_STATE_ID_MASK 0xffffU
#define PSCI_POWER_STATE_POWERDOWN (1U << 16)
#define PSCI_POWER_STATE_LEVEL_SHIFT 24
#define PSCI_POWER_STATE_LEVEL_MASK 3U

#define PSCI_VERSION_1_0 0x00010000

#endif
