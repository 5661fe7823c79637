/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Ring handles and the index protocol both sides share. Include ring.h.
 *
 * Each side (producer, consumer) works through a private handle that holds
 * everything it needs on one cache line of its own: where the slots are,
 * the geometry it agreed to at attach, its own index and a cached, already
 * validated copy of the peer's index. Nothing in the hot path is read back
 * from the shared header except the peer's index, and that only when the
 * cached copy says there is not enough room or data.
 *
 * Memory ordering (C11 5.1.2.4, 7.17.3), one release/acquire pair per
 * direction, no fences:
 *  - producer: writes slots, then store-release of the producer index;
 *    consumer: load-acquire of the producer index, then reads slots.
 *    The release synchronizes with the acquire, so every slot write
 *    happens before the reads of that slot.
 *  - consumer: reads slots, then store-release of the consumer index;
 *    producer: load-acquire of the consumer index, then overwrites slots.
 *    So the consumer's reads happen before the producer reuses the slot.
 * On arm64 these compile to STLR and LDAR (LDAPR where the compiler uses
 * RCpc; release-consistency-pc is enough, the protocol never needs a
 * store-release to be ordered before a later load-acquire of another
 * location). Arm ARM (DDI 0487), "Load-Acquire, Store-Release": no DMB/DSB.
 * On x86 (TSO) both are plain MOVs.
 *
 * A stale peer index is always safe: indices only grow, so a stale copy
 * under-reports room or data, never over-reports it.
 */
#ifndef MONADIC_DATAPLANE_RING_CORE_H
#define MONADIC_DATAPLANE_RING_CORE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <monadic/dataplane/ring_layout.h>
#include <monadic/dataplane/wait.h>

#if defined(__GNUC__)
#define MHV_RING_LIKELY(x) __builtin_expect(!!(x), 1)
#define MHV_RING_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define MHV_RING_LIKELY(x) (x)
#define MHV_RING_UNLIKELY(x) (x)
#endif

/*
 * Every ring operation returns an int: >= 0 is a count (of items moved,
 * or available), < 0 is one of these.
 */
enum mhv_ring_err {
	MHV_RING_EALIGN = -1,    /* memory NULL or not 64-byte aligned */
	MHV_RING_ECAPACITY = -2, /* 0, not a power of two, or > 2^30 */
	MHV_RING_ESLOT = -3,     /* slot size 0 or not a multiple of 8 */
	MHV_RING_ENOMEM = -4,    /* memory smaller than MHV_RING_MEM_SIZE() */
	MHV_RING_EMISMATCH = -5, /* attach: not a ring of this geometry */
	MHV_RING_ECORRUPT = -6,  /* the peer's index is impossible */
};

/*
 * One side's view. "own" is this side's index: only this side writes it,
 * so it keeps the authoritative copy here and never loads it from shared
 * memory (a peer overwriting it there changes nothing but what this side
 * then overwrites). "limit" is the peer's index plus "bias", as last read
 * and validated: this side may advance "own" up to "limit".
 *   producer: bias = capacity (it may run one ring ahead of the consumer)
 *   consumer: bias = 0        (it may catch up with the producer)
 * In both cases limit - own is the room or the data available, and a peer
 * index is valid iff that difference is at most the capacity.
 */
struct mhv_ring_side {
	_Alignas(MHV_RING_CACHE_LINE) _Atomic uint32_t *own_idx;
	const _Atomic uint32_t *peer_idx;
	unsigned char *slots;
	uint32_t mask;
	uint32_t slot_size;
	uint32_t bias;
	uint32_t own;
	uint32_t limit;
};

_Static_assert(sizeof(struct mhv_ring_side) == MHV_RING_CACHE_LINE,
	       "a side's state is exactly one cache line");

/* Distinct types so that a consumer can never be passed as a producer. */
struct mhv_ring_producer {
	struct mhv_ring_side side;
};

struct mhv_ring_consumer {
	struct mhv_ring_side side;
};

/*
 * Formats a ring in caller-provided memory (e.g. an inter-VM shared
 * region): mem must be 64-byte aligned and at least
 * MHV_RING_MEM_SIZE(slot_size, capacity) bytes. Both indices start at 0.
 * Must complete before either side attaches. Returns 0 or an error.
 */
int mhv_ring_init(void *mem, size_t mem_size, uint32_t slot_size, uint32_t capacity);

/*
 * Join a ring as its producer or consumer. The memory may be writable by
 * an untrusted peer: the geometry the caller expects (from its own static
 * configuration, never from the peer) must match the header, is checked
 * against mem_size, and is then kept privately in the handle; from then on
 * every slot access is masked with the private capacity and every peer
 * index is validated before use, so a peer that corrupts the header can at
 * worst make operations return MHV_RING_ECORRUPT, never make this side
 * touch memory outside [mem, mem + mem_size). Returns 0 or an error
 * (MHV_RING_ECORRUPT if the indices are already inconsistent).
 */
int mhv_ring_producer_attach(struct mhv_ring_producer *p, void *mem, size_t mem_size,
			     uint32_t slot_size, uint32_t capacity);
int mhv_ring_consumer_attach(struct mhv_ring_consumer *c, void *mem, size_t mem_size,
			     uint32_t slot_size, uint32_t capacity);

/*
 * Re-reads the peer's index. Acquire: pairs with the peer's release in
 * mhv_ring__publish() (see the ordering argument above). The value is read
 * once and validated before it is kept; a corrupt value is not kept, so the
 * side keeps working on the last valid view and reports the corruption.
 */
static inline int mhv_ring__refresh(struct mhv_ring_side *s)
{
	uint32_t limit = atomic_load_explicit(s->peer_idx, memory_order_acquire) + s->bias;
	uint32_t avail = limit - s->own;

	if (MHV_RING_UNLIKELY(avail > s->mask + 1))
		return MHV_RING_ECORRUPT;
	s->limit = limit;
	return (int)avail;
}

/* Room (producer) or data (consumer); touches shared memory only when the
 * cached view shows fewer than n. */
static inline int mhv_ring__avail(struct mhv_ring_side *s, uint32_t n)
{
	uint32_t avail = s->limit - s->own;

	if (MHV_RING_LIKELY(avail >= n))
		return (int)avail;
	return mhv_ring__refresh(s);
}

/* How many of n to move: all n when available, else none (all-or-nothing)
 * or what there is (burst). */
static inline int mhv_ring__grant(struct mhv_ring_side *s, uint32_t n, bool all)
{
	int avail = mhv_ring__avail(s, n);

	if (avail < 0)
		return avail;
	if ((uint32_t)avail >= n)
		return (int)n;
	return all ? 0 : avail;
}

/* Slots from "own" to the end of the array: a zero-copy window never wraps. */
static inline uint32_t mhv_ring__contiguous(const struct mhv_ring_side *s)
{
	return s->mask + 1 - (s->own & s->mask);
}

static inline void *mhv_ring__slot(const struct mhv_ring_side *s, uint32_t idx)
{
	return s->slots + (size_t)(idx & s->mask) * s->slot_size;
}

/* Hands n slots to the peer. Release: see the ordering argument above. */
static inline void mhv_ring__publish(struct mhv_ring_side *s, uint32_t n)
{
	s->own += n;
	atomic_store_explicit(s->own_idx, s->own, memory_order_release);
	mhv_wait_notify();
}

/* Blocks until n are available (n <= capacity) or the peer is corrupt. */
static inline int mhv_ring__wait(struct mhv_ring_side *s, uint32_t n)
{
	for (;;) {
		int avail = mhv_ring__avail(s, n);

		if (avail < 0 || (uint32_t)avail >= n)
			return avail;
		mhv_wait_while_eq_u32(s->peer_idx, s->limit - s->bias);
	}
}

/* Blocks until n slots are free; returns the free count or an error. */
static inline int mhv_ring_producer_wait(struct mhv_ring_producer *p, uint32_t n)
{
	return mhv_ring__wait(&p->side, n);
}

/* Blocks until n items are queued; returns the queued count or an error. */
static inline int mhv_ring_consumer_wait(struct mhv_ring_consumer *c, uint32_t n)
{
	return mhv_ring__wait(&c->side, n);
}

#endif /* MONADIC_DATAPLANE_RING_CORE_H */
