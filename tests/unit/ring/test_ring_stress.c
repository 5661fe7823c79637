/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Two threads push a numbered sequence through one ring, each side mixing
 * every operation (single, bulk, burst, zero-copy) and blocking in the
 * wait functions when the ring is full or empty. A side that found nothing
 * waits for a whole batch, not one item: otherwise the two threads fall
 * into lockstep, one cross-core round trip per item, and under TSan on a
 * "far" vCPU placement the run takes minutes instead of seconds. The consumer checks that
 * every item arrives exactly once and in order. The indices start just
 * below 2^32 so the run crosses the wrap. Built under ThreadSanitizer, it
 * also proves the acquire/release pairs order every slot access.
 *
 * Usage: test_ring_stress [items]   (default 10^8; env RING_STRESS_ITEMS
 * overrides both, for a quick local run)
 */
#include <pthread.h>
#include <stdlib.h>

#include <monadic/dataplane/ring.h>

#include "unit.h"
#include "ring_fixture.h"

#define CAP 1024u
#define MAX_BATCH 64u

struct stress {
	struct ring_fixture f;
	uint64_t items;
	_Atomic int failed;
	_Atomic uint64_t errors; /* both threads count here */
	uint64_t received, mismatches; /* consumer only */
};

/* Per-thread xorshift: which operation, and how many items. */
static uint32_t next_rand(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return (uint32_t)(*s >> 16);
}

static uint32_t batch_of(uint64_t *rnd, uint64_t left)
{
	uint32_t n = next_rand(rnd) % MAX_BATCH + 1;

	return left < n ? (uint32_t)left : n;
}

/* Moves up to n items from "next"; returns how many, or < 0. */
static int produce(struct mhv_ring_producer *p, uint32_t op, uint64_t next, uint32_t n)
{
	uint64_t buf[MAX_BATCH];
	void *w;
	int k;

	for (uint32_t i = 0; i < n; i++)
		buf[i] = next + i;
	switch (op) {
	case 0:
		return mhv_ring_enqueue_u64(p, next);
	case 1:
		return mhv_ring_enqueue_bulk_u64(p, buf, n);
	case 2:
		return mhv_ring_enqueue_burst_u64(p, buf, n);
	default:
		k = mhv_ring_reserve(p, n, &w);
		for (int i = 0; i < k; i++)
			((uint64_t *)w)[i] = next + (uint64_t)i;
		if (k > 0)
			mhv_ring_commit(p, (uint32_t)k);
		return k;
	}
}

static void *producer_main(void *arg)
{
	struct stress *st = arg;
	struct mhv_ring_producer *p = &st->f.p;
	uint64_t rnd = 0x1234567, next = 0;

	while (next < st->items && !atomic_load_explicit(&st->failed, memory_order_relaxed)) {
		uint32_t op = next_rand(&rnd) % 4;
		uint32_t n = batch_of(&rnd, st->items - next);
		int k = produce(p, op, next, n);

		if (k == 0)
			k = mhv_ring_producer_wait(p, n) < 0 ? -1 : 0;
		if (k < 0) {
			atomic_fetch_add(&st->errors, 1);
			atomic_store(&st->failed, 1);
		}
		next += k > 0 ? (uint64_t)k : 0;
	}
	return NULL;
}

static int consume(struct mhv_ring_consumer *c, uint32_t op, uint64_t *buf, uint32_t n)
{
	const void *r;
	int k;

	switch (op) {
	case 0:
		return mhv_ring_dequeue_u64(c, buf);
	case 1:
		return mhv_ring_dequeue_bulk_u64(c, buf, n);
	case 2:
		return mhv_ring_dequeue_burst_u64(c, buf, n);
	default:
		k = mhv_ring_peek(c, n, &r);
		for (int i = 0; i < k; i++)
			buf[i] = ((const uint64_t *)r)[i];
		if (k > 0)
			mhv_ring_release(c, (uint32_t)k);
		return k;
	}
}

static void *consumer_main(void *arg)
{
	struct stress *st = arg;
	struct mhv_ring_consumer *c = &st->f.c;
	uint64_t rnd = 0x7654321, buf[MAX_BATCH];

	while (st->received < st->items && !atomic_load_explicit(&st->failed, memory_order_relaxed)) {
		uint32_t op = next_rand(&rnd) % 4;
		uint32_t n = batch_of(&rnd, st->items - st->received);
		int k = consume(c, op, buf, n);

		if (k == 0)
			k = mhv_ring_consumer_wait(c, n) < 0 ? -1 : 0;
		if (k < 0) {
			atomic_fetch_add(&st->errors, 1);
			atomic_store(&st->failed, 1);
		}
		for (int i = 0; i < k; i++)
			st->mismatches += buf[i] != st->received++;
		if (st->mismatches)
			atomic_store(&st->failed, 1);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	static struct stress st;
	const char *env = getenv("RING_STRESS_ITEMS");
	pthread_t prod, cons;

	st.items = strtoull(env ? env : argc > 1 ? argv[1] : "100000000", NULL, 0);
	printf("-- %llu items, capacity %u, indices from 2^32 - %llu\n",
	       (unsigned long long)st.items, CAP, (unsigned long long)(st.items / 2));
	ring_fixture_open(&st.f, 8, CAP, (uint32_t)(0 - (uint32_t)(st.items / 2)));
	if (pthread_create(&cons, NULL, consumer_main, &st) != 0 ||
	    pthread_create(&prod, NULL, producer_main, &st) != 0) {
		perror("pthread_create");
		return EXIT_FAILURE;
	}
	pthread_join(prod, NULL);
	pthread_join(cons, NULL);
	CHECK_INT(st.received, st.items, "items received");
	CHECK_INT(st.mismatches, 0, "items out of order, lost or duplicated");
	CHECK_INT(atomic_load(&st.errors), 0, "ring errors");
	CHECK_INT(atomic_load(&st.f.hdr->cons), (uint32_t)(st.items - st.items / 2), "consumer index after the run");
	ring_fixture_close(&st.f);
	return unit_done();
}
