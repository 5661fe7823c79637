/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Calls into the platform firmware beneath the hypervisor: PSCI (Arm DEN
 * 0022) through the conduit the devicetree's psci node names. On QEMU virt
 * with virtualization=on that is SMC, answered by QEMU itself.
 */
#ifndef MONADIC_HAL_FIRMWARE_H
#define MONADIC_HAL_FIRMWARE_H

#include <stdint.h>

/* PSCI return codes (DEN 0022, 5.2.2). */
#define PSCI_RET_SUCCESS 0
#define PSCI_RET_NOT_SUPPORTED (-1)
#define PSCI_RET_INVALID_PARAMS (-2)
#define PSCI_RET_DENIED (-3)
#define PSCI_RET_ALREADY_ON (-4)
#define PSCI_RET_ON_PENDING (-5)
#define PSCI_RET_INTERNAL_FAILURE (-6)
#define PSCI_RET_NOT_PRESENT (-7)
#define PSCI_RET_DISABLED (-8)
#define PSCI_RET_INVALID_ADDRESS (-9)

/* PSCI function IDs (SMC64 where the call takes addresses). */
#define PSCI_0_2_FN_PSCI_VERSION 0x84000000U
#define PSCI_0_2_FN64_CPU_ON 0xC4000003U
#define PSCI_0_2_FN_SYSTEM_OFF 0x84000008U

/* One PSCI call: function ID and three arguments, result in x0. */
int64_t hal_firmware_psci(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3);

#endif
