/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Zero-copy API, any slot size. Include ring.h.
 *
 *   producer: n = mhv_ring_reserve(p, want, &slots);  write slots[0..n)
 *             mhv_ring_commit(p, n);                  publish them
 *   consumer: n = mhv_ring_peek(c, want, &slots);     read slots[0..n)
 *             mhv_ring_release(c, n);                 give them back
 *
 * reserve/peek return up to "want" slots that are contiguous in memory
 * (a window stops at the end of the slot array; call again after the
 * commit/release for the part after the wrap), or a negative mhv_ring_err.
 * Slot i of the window is at (char *)slots + i * slot_size. Nothing is
 * published until commit/release, whose n must not exceed what the last
 * reserve/peek returned.
 *
 * With an untrusted producer, the slots a consumer peeks stay writable by
 * that producer while it reads them: read each field once into private
 * memory before validating it (no double fetch).
 */
#ifndef MONADIC_DATAPLANE_RING_ZC_H
#define MONADIC_DATAPLANE_RING_ZC_H

#include <monadic/dataplane/ring_core.h>

static inline int mhv_ring__window(struct mhv_ring_side *s, uint32_t want, void **slots)
{
	uint32_t contiguous = mhv_ring__contiguous(s);
	int k = mhv_ring__grant(s, want < contiguous ? want : contiguous, false);

	*slots = mhv_ring__slot(s, s->own);
	return k;
}

static inline int mhv_ring_reserve(struct mhv_ring_producer *p, uint32_t want, void **slots)
{
	return mhv_ring__window(&p->side, want, slots);
}

static inline void mhv_ring_commit(struct mhv_ring_producer *p, uint32_t n)
{
	mhv_ring__publish(&p->side, n);
}

static inline int mhv_ring_peek(struct mhv_ring_consumer *c, uint32_t want,
				const void **slots)
{
	void *at;
	int k = mhv_ring__window(&c->side, want, &at);

	*slots = at;
	return k;
}

static inline void mhv_ring_release(struct mhv_ring_consumer *c, uint32_t n)
{
	mhv_ring__publish(&c->side, n);
}

#endif /* MONADIC_DATAPLANE_RING_ZC_H */
