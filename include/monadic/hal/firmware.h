/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Calls into the platform firmware beneath the hypervisor: PSCI (Arm DEN
 * 0022) through the conduit the devicetree's psci node names. On QEMU virt
 * with virtualization=on that is SMC, answered by QEMU itself.
 */
#ifndef MONADIC_HAL_FIRMWARE_H
#define MONADIC_HAL_FIRMWARE_H

#include <monadic/psci.h>
#include <stdint.h>

/* One PSCI call: function ID and three arguments, result in x0. */
int64_t hal_firmware_psci(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3);

#endif
