/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Copying API for rings of 8-byte slots (slot_size 8): the fast path for
 * descriptors, offsets, pointers, doorbell values. Include ring.h.
 *
 * These index the slots as a uint64_t array, so they must only be used on
 * rings attached with slot_size 8. (Used on a larger slot size they stay
 * inside the first capacity * 8 bytes of the slot array: wrong, never
 * out of bounds.)
 *
 *   ..._bulk   all n or nothing: returns n or 0
 *   ..._burst  up to n:          returns 0..n
 *   single     returns 1 or 0
 * and any of them a negative mhv_ring_err (MHV_RING_ECORRUPT).
 */
#ifndef MONADIC_DATAPLANE_RING_U64_H
#define MONADIC_DATAPLANE_RING_U64_H

#include <monadic/dataplane/ring_core.h>

static inline void mhv_ring__copy_u64(uint64_t *dst, const uint64_t *src, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		dst[i] = src[i];
}

/*
 * The k >= 1 slots from "own": first those up to the end of the array,
 * then the rest from its start. Returns the first part's length, written
 * as min(k - 1, mask - i) + 1 so that for k == 1 it folds to 1.
 */
static inline uint32_t mhv_ring__span_u64(const struct mhv_ring_side *s, uint32_t k,
					  uint64_t **at)
{
	uint32_t i = s->own & s->mask;
	uint32_t after = s->mask - i;

	*at = (uint64_t *)(void *)s->slots + i;
	return (k - 1 < after ? k - 1 : after) + 1;
}

static inline int mhv_ring__enqueue_u64(struct mhv_ring_producer *p, const uint64_t *src,
					uint32_t n, bool all)
{
	struct mhv_ring_side *s = &p->side;
	int k = mhv_ring__grant(s, n, all);

	if (k > 0) {
		uint64_t *at;
		uint32_t first = mhv_ring__span_u64(s, (uint32_t)k, &at);

		mhv_ring__copy_u64(at, src, first);
		mhv_ring__copy_u64((uint64_t *)s->slots, src + first, (uint32_t)k - first);
		mhv_ring__publish(s, (uint32_t)k);
	}
	return k;
}

static inline int mhv_ring__dequeue_u64(struct mhv_ring_consumer *c, uint64_t *dst,
					uint32_t n, bool all)
{
	struct mhv_ring_side *s = &c->side;
	int k = mhv_ring__grant(s, n, all);

	if (k > 0) {
		uint64_t *at;
		uint32_t first = mhv_ring__span_u64(s, (uint32_t)k, &at);

		mhv_ring__copy_u64(dst, at, first);
		mhv_ring__copy_u64(dst + first, (const uint64_t *)s->slots, (uint32_t)k - first);
		mhv_ring__publish(s, (uint32_t)k);
	}
	return k;
}

static inline int mhv_ring_enqueue_u64(struct mhv_ring_producer *p, uint64_t v)
{
	return mhv_ring__enqueue_u64(p, &v, 1, true);
}

static inline int mhv_ring_enqueue_bulk_u64(struct mhv_ring_producer *p, const uint64_t *v,
					    uint32_t n)
{
	return mhv_ring__enqueue_u64(p, v, n, true);
}

static inline int mhv_ring_enqueue_burst_u64(struct mhv_ring_producer *p, const uint64_t *v,
					     uint32_t n)
{
	return mhv_ring__enqueue_u64(p, v, n, false);
}

static inline int mhv_ring_dequeue_u64(struct mhv_ring_consumer *c, uint64_t *v)
{
	return mhv_ring__dequeue_u64(c, v, 1, true);
}

static inline int mhv_ring_dequeue_bulk_u64(struct mhv_ring_consumer *c, uint64_t *v,
					    uint32_t n)
{
	return mhv_ring__dequeue_u64(c, v, n, true);
}

static inline int mhv_ring_dequeue_burst_u64(struct mhv_ring_consumer *c, uint64_t *v,
					     uint32_t n)
{
	return mhv_ring__dequeue_u64(c, v, n, false);
}

#endif /* MONADIC_DATAPLANE_RING_U64_H */
