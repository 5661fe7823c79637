/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* Contender: Monadic's dataplane ring, 8-byte slots. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <monadic/dataplane/ring.h>

#include "bench.h"

typedef struct {
	struct mhv_ring_producer p; /* each handle on its own line */
	struct mhv_ring_consumer c;
	void *mem;
} q_t;

static q_t *q_create(uint32_t cap)
{
	size_t size = MHV_RING_MEM_SIZE(8, cap);
	q_t *q = aligned_alloc(MHV_RING_CACHE_LINE, sizeof(*q));

	q->mem = aligned_alloc(MHV_RING_CACHE_LINE, size);
	memset(q->mem, 0, size); /* fault the pages in, as for every contender */
	if (mhv_ring_init(q->mem, size, 8, cap) != 0 ||
	    mhv_ring_producer_attach(&q->p, q->mem, size, 8, cap) != 0 ||
	    mhv_ring_consumer_attach(&q->c, q->mem, size, 8, cap) != 0)
		abort();
	return q;
}

static void q_destroy(q_t *q)
{
	free(q->mem);
	free(q);
}

static inline bool q_push(q_t *q, uint64_t v)
{
	return mhv_ring_enqueue_u64(&q->p, v) > 0;
}

static inline bool q_pop(q_t *q, uint64_t *v)
{
	return mhv_ring_dequeue_u64(&q->c, v) > 0;
}

static inline uint32_t q_push_n(q_t *q, const uint64_t *v, uint32_t n)
{
	int k = mhv_ring_enqueue_bulk_u64(&q->p, v, n);

	return k > 0 ? (uint32_t)k : 0;
}

static inline uint32_t q_pop_n(q_t *q, uint64_t *v, uint32_t n)
{
	int k = mhv_ring_dequeue_bulk_u64(&q->c, v, n);

	return k > 0 ? (uint32_t)k : 0;
}

#define BENCH_OPS bench_monadic
#define BENCH_NAME "monadic"
#define BENCH_BULK_HOW "enqueue/dequeue_bulk_u64 (all-or-nothing)"
#include "bench_loops.h"
