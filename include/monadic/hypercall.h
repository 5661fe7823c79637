/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Monadic's hypercalls: SMCCC fast calls in the vendor-specific hypervisor
 * service range (owning entity 6, DEN 0028 6.2), through HVC. Function IDs
 * 0xC600_0000 + n (SMC64 convention) or 0x8600_0000 + n (SMC32). Results
 * in x0 (negative: an SMCCC error), more in x1..x3. Shared by the
 * hypervisor and the guest SDK. See docs/hypercalls.md.
 */
#ifndef MONADIC_HYPERCALL_H
#define MONADIC_HYPERCALL_H

#define MHV_HC_BASE_64 0xC6000000U
#define MHV_HC_BASE_32 0x86000000U
#define MHV_HC_NUMBER_MASK 0xffffU

/* x0 = (major << 16) | minor of the hypervisor. The numbers n below are
 * the low 16 bits of the function ID. */
#define MHV_HC_VERSION 0
/* Print this VM's exit counts by class on the console; x0 = 0. */
#define MHV_HC_TRAP_STATS 1
/* x0 = total exits of this VM so far (for tests and benchmarks). */
#define MHV_HC_EXIT_COUNT 2
/* Ring the doorbell of channel x1 (its channel-index in this VM's DTB):
 * raises the channel's doorbell interrupt in the consumer VM. x0 = 0, or
 * INVALID_PARAMETER (-2) for a channel this VM does not produce into. */
#define MHV_HC_DOORBELL 3

#define MHV_VERSION_MAJOR 0
#define MHV_VERSION_MINOR 1
#define MHV_VERSION_WORD ((MHV_VERSION_MAJOR << 16) + MHV_VERSION_MINOR)

#endif
