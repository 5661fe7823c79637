/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * SMC Calling Convention (Arm DEN 0028) through HVC: the conduit the
 * guest DTB's /psci node names. Fast calls only: x0 = function ID,
 * x1..x3 arguments; x0..x3 come back.
 */
#ifndef MONADIC_GUEST_SMCCC_H
#define MONADIC_GUEST_SMCCC_H

#include <stdint.h>

/* Function ID fields (SMCCC 2.5). */
#define SMCCC_FAST_CALL (1U << 31)
#define SMCCC_SMC64 (1U << 30)
#define SMCCC_OWNER_SHIFT 24
#define SMCCC_OWNER_STD 4U          /* standard secure service: PSCI */
#define SMCCC_OWNER_VENDOR_HYP 6U   /* vendor-specific hypervisor service */

#define SMCCC_FAST_ID(is64, owner, n) \
	(SMCCC_FAST_CALL | ((is64) ? SMCCC_SMC64 : 0U) | \
	 ((uint32_t)(owner) << SMCCC_OWNER_SHIFT) | (uint32_t)(n))

/* Any call the callee does not implement returns this in x0. */
#define SMCCC_RET_NOT_SUPPORTED (-1L)

struct guest_smccc_res {
	int64_t a0;
	uint64_t a1;
	uint64_t a2;
	uint64_t a3;
};

/* HVC #0 with x0..x3; x4..x17 may be clobbered by the callee (SMCCC). */
struct guest_smccc_res guest_hvc(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3);

#endif
