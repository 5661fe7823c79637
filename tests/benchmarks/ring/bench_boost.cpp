// SPDX-License-Identifier: BSD-2-Clause-Patent
// Contender: boost::lockfree::spsc_queue, run-time capacity (as every other
// contender here). "Bulk" is its push(array, n) / pop(array, n), which move
// up to n items (burst semantics).
#include <cstdlib>

#include <boost/lockfree/spsc_queue.hpp>

#include "bench.h"

typedef boost::lockfree::spsc_queue<uint64_t> q_t;

static q_t *q_create(uint32_t cap)
{
	return new q_t(cap);
}

static void q_destroy(q_t *q)
{
	delete q;
}

static inline bool q_push(q_t *q, uint64_t v)
{
	return q->push(v);
}

static inline bool q_pop(q_t *q, uint64_t *v)
{
	return q->pop(*v);
}

static inline uint32_t q_push_n(q_t *q, const uint64_t *v, uint32_t n)
{
	return (uint32_t)q->push(v, n);
}

static inline uint32_t q_pop_n(q_t *q, uint64_t *v, uint32_t n)
{
	return (uint32_t)q->pop(v, n);
}

#define BENCH_OPS bench_boost
#define BENCH_NAME "boost"
#define BENCH_BULK_HOW "push(array, n)/pop(array, n) (up to n)"
#include "bench_loops.h"
