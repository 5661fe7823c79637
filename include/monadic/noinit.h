/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Storage the boot path does not zero: large pools (page tables, SMMU
 * tables) whose allocator clears each piece as it hands it out. Zeroing
 * them with the rest of BSS cost most of the instructions of a boot.
 * Anything read before it is written must not be MHV_NOINIT.
 */
#ifndef MONADIC_NOINIT_H
#define MONADIC_NOINIT_H

#ifdef MHV_HOST_BUILD
#define MHV_NOINIT   /* host tests: ordinary (zeroed) static storage */
#else
#define MHV_NOINIT __attribute__((section(".noinit")))
#endif

#endif
