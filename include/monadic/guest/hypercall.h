/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Monadic's own hypercalls: SMCCC fast calls in the vendor-specific
 * hypervisor service range (owner 6), n = 0..0xffff. Both calling widths
 * are accepted; 64-bit is the native one. An ID Monadic does not know
 * returns SMCCC_RET_NOT_SUPPORTED.
 *
 * This header has no dependencies beyond <stdint.h> so the hypervisor can
 * share the numbers.
 */
#ifndef MONADIC_GUEST_HYPERCALL_H
#define MONADIC_GUEST_HYPERCALL_H

#include <monadic/guest/smccc.h>
#include <monadic/hypercall.h>   /* the call numbers, shared with the hypervisor */

#define MHV_HC64(n) SMCCC_FAST_ID(1, SMCCC_OWNER_VENDOR_HYP, (n))  /* 0xC6000000 + n */
#define MHV_HC32(n) SMCCC_FAST_ID(0, SMCCC_OWNER_VENDOR_HYP, (n))  /* 0x86000000 + n */

/* x0 = (major << MHV_VERSION_MAJOR_SHIFT) | minor, never negative. */
#define MHV_VERSION_MAJOR_SHIFT 16
#define MHV_VERSION_MINOR_MASK 0xffffU

/* The hypervisor's version, or SMCCC_RET_NOT_SUPPORTED when not under
 * Monadic (e.g. on bare QEMU). */
int64_t guest_mhv_version(void);

#endif
