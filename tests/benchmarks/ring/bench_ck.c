/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Contender: Concurrency Kit ck_ring, SPSC functions. ck_ring has no
 * bulk API: "bulk" is a loop of single enqueues/dequeues. Holds
 * capacity - 1 items.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <ck_ring.h>

#include "bench.h"

typedef struct {
	struct ck_ring ring; /* ck pads its producer and consumer counters */
	struct ck_ring_buffer *buf;
} q_t;

static q_t *q_create(uint32_t cap)
{
	q_t *q = aligned_alloc(64, sizeof(*q));

	q->buf = aligned_alloc(64, cap * sizeof(*q->buf));
	memset(q->buf, 0, cap * sizeof(*q->buf));
	ck_ring_init(&q->ring, cap);
	return q;
}

static void q_destroy(q_t *q)
{
	free(q->buf);
	free(q);
}

static inline bool q_push(q_t *q, uint64_t v)
{
	return ck_ring_enqueue_spsc(&q->ring, q->buf, (const void *)(uintptr_t)v);
}

static inline bool q_pop(q_t *q, uint64_t *v)
{
	return ck_ring_dequeue_spsc(&q->ring, q->buf, v);
}

static inline uint32_t q_push_n(q_t *q, const uint64_t *v, uint32_t n)
{
	uint32_t k = 0;

	while (k < n && q_push(q, v[k]))
		k++;
	return k;
}

static inline uint32_t q_pop_n(q_t *q, uint64_t *v, uint32_t n)
{
	uint32_t k = 0;

	while (k < n && q_pop(q, &v[k]))
		k++;
	return k;
}

#define BENCH_OPS bench_ck
#define BENCH_NAME "ck"
#define BENCH_BULK_HOW "no bulk API: loop of ck_ring_enqueue/dequeue_spsc"
#include "bench_loops.h"
