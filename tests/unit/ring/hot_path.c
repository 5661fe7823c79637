/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The ring's hot-path operations as out-of-line functions, so that
 * check_disasm.py can compile them for each arm64 core and read the
 * instructions each one really uses. Not linked into any test binary.
 */
#include <monadic/dataplane/ring.h>

int hp_enqueue_u64(struct mhv_ring_producer *p, uint64_t v)
{
	return mhv_ring_enqueue_u64(p, v);
}

int hp_enqueue_bulk_u64(struct mhv_ring_producer *p, const uint64_t *v, uint32_t n)
{
	return mhv_ring_enqueue_bulk_u64(p, v, n);
}

int hp_enqueue_burst_u64(struct mhv_ring_producer *p, const uint64_t *v, uint32_t n)
{
	return mhv_ring_enqueue_burst_u64(p, v, n);
}

int hp_dequeue_u64(struct mhv_ring_consumer *c, uint64_t *v)
{
	return mhv_ring_dequeue_u64(c, v);
}

int hp_dequeue_bulk_u64(struct mhv_ring_consumer *c, uint64_t *v, uint32_t n)
{
	return mhv_ring_dequeue_bulk_u64(c, v, n);
}

int hp_dequeue_burst_u64(struct mhv_ring_consumer *c, uint64_t *v, uint32_t n)
{
	return mhv_ring_dequeue_burst_u64(c, v, n);
}

int hp_reserve(struct mhv_ring_producer *p, uint32_t n, void **slots)
{
	return mhv_ring_reserve(p, n, slots);
}

void hp_commit(struct mhv_ring_producer *p, uint32_t n)
{
	mhv_ring_commit(p, n);
}

int hp_peek(struct mhv_ring_consumer *c, uint32_t n, const void **slots)
{
	return mhv_ring_peek(c, n, slots);
}

void hp_release(struct mhv_ring_consumer *c, uint32_t n)
{
	mhv_ring_release(c, n);
}

int hp_consumer_wait(struct mhv_ring_consumer *c, uint32_t n)
{
	return mhv_ring_consumer_wait(c, n);
}
