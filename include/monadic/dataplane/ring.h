/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Dataplane ring: a lock-free single-producer single-consumer queue of
 * fixed-size slots in caller-provided (possibly inter-VM shared) memory.
 * Portable C11, freestanding: usable at EL2, in bare-metal guests and on
 * the host. Design and memory-ordering argument: docs/dataplane.md.
 *
 *   ring_layout.h  the shared-memory layout and compile-time checks
 *   ring_core.h    handles, init/attach, the index protocol, waiting
 *   ring_u64.h     copying single/bulk/burst API for 8-byte slots
 *   ring_zc.h      zero-copy reserve/commit, peek/release
 */
#ifndef MONADIC_DATAPLANE_RING_H
#define MONADIC_DATAPLANE_RING_H

#include <monadic/dataplane/ring_core.h>
#include <monadic/dataplane/ring_u64.h>
#include <monadic/dataplane/ring_zc.h>

#endif /* MONADIC_DATAPLANE_RING_H */
