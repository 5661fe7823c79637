/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Contender: DPDK rte_ring, single-producer/single-consumer mode, placed
 * in our own aligned memory with rte_ring_init (no EAL needed). Holds
 * capacity - 1 items (DPDK keeps one slot free unless RING_F_EXACT_SZ).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <rte_ring.h>

#include "bench.h"

typedef struct rte_ring q_t;

static q_t *q_create(uint32_t cap)
{
	ssize_t size = rte_ring_get_memsize(cap);
	q_t *q;

	if (size < 0)
		abort();
	q = aligned_alloc(RTE_CACHE_LINE_SIZE, (size_t)size);
	memset(q, 0, (size_t)size);
	if (rte_ring_init(q, "bench", cap, RING_F_SP_ENQ | RING_F_SC_DEQ) != 0)
		abort();
	return q;
}

static void q_destroy(q_t *q)
{
	free(q);
}

static inline bool q_push(q_t *q, uint64_t v)
{
	return rte_ring_sp_enqueue(q, (void *)(uintptr_t)v) == 0;
}

static inline bool q_pop(q_t *q, uint64_t *v)
{
	return rte_ring_sc_dequeue(q, (void **)v) == 0;
}

static inline uint32_t q_push_n(q_t *q, const uint64_t *v, uint32_t n)
{
	return rte_ring_sp_enqueue_bulk(q, (void *const *)v, n, NULL);
}

static inline uint32_t q_pop_n(q_t *q, uint64_t *v, uint32_t n)
{
	return rte_ring_sc_dequeue_bulk(q, (void **)v, n, NULL);
}

#define BENCH_OPS bench_dpdk
#define BENCH_NAME "dpdk"
#define BENCH_BULK_HOW "rte_ring_sp_enqueue_bulk/sc_dequeue_bulk (all-or-nothing)"
#include "bench_loops.h"
