/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Shared-memory layout of a dataplane SPSC ring: what both parties (two VMs,
 * a VM and the hypervisor, or two host threads) see. Only this struct and
 * the slot array behind it live in the shared region; each side's working
 * state lives in its own private handle (ring.h), so a peer can scribble
 * over this region without reaching anything but it.
 *
 *   offset   0  line 0  geometry: magic, capacity, slot size   (init only)
 *   offset  64  line 1  consumer index                          (consumer)
 *   offset 128  line 2  producer index                          (producer)
 *   offset 192  slots   capacity * slot_size bytes              (producer)
 *
 * Each index has a line of its own so that the producer's stores never
 * invalidate the line the consumer writes, and vice versa (no false
 * sharing between the two writers). The order matters too: spatial
 * prefetchers fetch 128-byte-aligned pairs of lines (Intel's "adjacent
 * cache line prefetch", and similar pair prefetching on other cores), so
 * each pair holds lines with one writer: the consumer index with the
 * read-only geometry, the producer index with the first slots.
 */
#ifndef MONADIC_DATAPLANE_RING_LAYOUT_H
#define MONADIC_DATAPLANE_RING_LAYOUT_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

/* Line size of every Neoverse core Monadic targets (and of x86 hosts). */
#define MHV_RING_CACHE_LINE 64u

/* "MHVR": init stores it last, attach refuses a region without it. */
#define MHV_RING_MAGIC 0x4d485652u

/*
 * Indices are free-running 32-bit counters: a slot is index & (capacity-1)
 * and the fill level is the unsigned difference producer - consumer, which
 * stays exact across the 2^32 wrap as long as it is unambiguous, i.e.
 * capacity <= 2^31. 2^30 also keeps every count representable as an int,
 * the return type of the ring operations.
 */
#define MHV_RING_CAPACITY_MAX (1u << 30)

/* Slots are whole 8-byte words so that every slot is 8-byte aligned. */
#define MHV_RING_SLOT_ALIGN 8u

struct mhv_ring_hdr {
	_Atomic uint32_t magic;
	uint32_t capacity;
	uint32_t slot_size;
	/* Written by the consumer only. */
	_Alignas(MHV_RING_CACHE_LINE) _Atomic uint32_t cons;
	/* Written by the producer only. */
	_Alignas(MHV_RING_CACHE_LINE) _Atomic uint32_t prod;
};

_Static_assert(offsetof(struct mhv_ring_hdr, cons) == 1 * MHV_RING_CACHE_LINE,
	       "consumer index must start line 1");
_Static_assert(offsetof(struct mhv_ring_hdr, prod) == 2 * MHV_RING_CACHE_LINE,
	       "producer index must start line 2");
_Static_assert(sizeof(struct mhv_ring_hdr) == 3 * MHV_RING_CACHE_LINE,
	       "slots must start on the line after the producer index");

/* Geometry rules, shared by mhv_ring_init() and the compile-time checks. */
#define MHV_RING_CAPACITY_OK(cap) \
	((cap) != 0 && ((cap) & ((cap) - 1)) == 0 && (cap) <= MHV_RING_CAPACITY_MAX)
#define MHV_RING_SLOT_SIZE_OK(slot) \
	((slot) != 0 && (slot) % MHV_RING_SLOT_ALIGN == 0)

/* Bytes a ring needs. 64-bit arithmetic: 2^30 slots * 2^32 bytes fits. */
#define MHV_RING_MEM_SIZE(slot, cap) \
	((uint64_t)sizeof(struct mhv_ring_hdr) + (uint64_t)(slot) * (uint64_t)(cap))

/*
 * Compile-time check of a constant geometry against a constant region size
 * (e.g. a shared-memory channel's size from devicetree): a bad ring fails
 * the build instead of mhv_ring_init() failing at boot.
 */
#define MHV_RING_STATIC_ASSERT(mem_size, slot, cap)                            \
	_Static_assert(MHV_RING_CAPACITY_OK(cap),                              \
		       "ring capacity must be a power of two in [1, 2^30]");   \
	_Static_assert(MHV_RING_SLOT_SIZE_OK(slot),                            \
		       "ring slot size must be a non-zero multiple of 8");     \
	_Static_assert(MHV_RING_MEM_SIZE(slot, cap) <= (uint64_t)(mem_size),   \
		       "ring does not fit in its memory")

/*
 * Storage for a ring of constant geometry, checked at compile time:
 *     static MHV_RING_DEFINE(tx_ring, 8, 1024);
 *     mhv_ring_init(tx_ring, sizeof(tx_ring), 8, 1024);
 * Declared as uint64_t words, the type the 8-byte fast path accesses.
 */
#define MHV_RING_DEFINE(name, slot, cap)                                       \
	_Alignas(MHV_RING_CACHE_LINE) uint64_t                                 \
		name[MHV_RING_MEM_SIZE(slot, cap) / sizeof(uint64_t)];         \
	MHV_RING_STATIC_ASSERT(sizeof(name), slot, cap)

#endif /* MONADIC_DATAPLANE_RING_LAYOUT_H */
