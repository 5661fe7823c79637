/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * A peer that writes garbage into the shared header must never make this
 * side read or write outside the region, nor hand out more than a ring's
 * worth of slots. Impossible indices are reported as MHV_RING_ECORRUPT and
 * nothing is read. The region is a heap block of exactly its size, so
 * AddressSanitizer catches any access past it.
 */
#include <string.h>

#include <monadic/dataplane/ring.h>

#include "unit.h"
#include "ring_fixture.h"

#define CAP 16u
#define SENTINEL 0x5a5a5a5a5a5a5a5aull

static void test_consumer_sees_corrupt_producer(void)
{
	struct ring_fixture f;
	uint64_t out[4] = { SENTINEL, SENTINEL, SENTINEL, SENTINEL };
	const void *r = NULL;

	printf("-- producer index corrupted: consumer refuses to read\n");
	ring_fixture_open(&f, 8, CAP, 1000);
	atomic_store(&f.hdr->prod, 1000 + CAP + 1); /* claims 17 items in a 16-slot ring */
	CHECK_INT(mhv_ring_dequeue_u64(&f.c, out), MHV_RING_ECORRUPT, "dequeue");
	CHECK_INT(mhv_ring_dequeue_bulk_u64(&f.c, out, 4), MHV_RING_ECORRUPT, "dequeue bulk");
	CHECK_INT(mhv_ring_dequeue_burst_u64(&f.c, out, 4), MHV_RING_ECORRUPT, "dequeue burst");
	CHECK_INT(mhv_ring_peek(&f.c, 4, &r), MHV_RING_ECORRUPT, "peek");
	CHECK_INT(mhv_ring_consumer_wait(&f.c, 1), MHV_RING_ECORRUPT, "wait");
	CHECK_INT(out[0] == SENTINEL && out[3] == SENTINEL, 1, "nothing was read into the buffer");
	CHECK_INT(atomic_load(&f.hdr->cons), 1000, "consumer index not moved");

	atomic_store(&f.hdr->prod, 999); /* behind the consumer: -1 items */
	CHECK_INT(mhv_ring_dequeue_u64(&f.c, out), MHV_RING_ECORRUPT, "producer index moved backwards");
	atomic_store(&f.hdr->prod, 1000 + (1u << 31)); /* half the index space away */
	CHECK_INT(mhv_ring_dequeue_u64(&f.c, out), MHV_RING_ECORRUPT, "producer index 2^31 ahead");

	atomic_store(&f.hdr->prod, 1000 + CAP); /* exactly full: valid */
	CHECK_INT(mhv_ring_dequeue_burst_u64(&f.c, out, 4), 4, "valid again: full ring readable");
	ring_fixture_close(&f);
}

static void test_producer_sees_corrupt_consumer(void)
{
	struct ring_fixture f;
	void *w;

	printf("-- consumer index corrupted: producer refuses to write\n");
	ring_fixture_open(&f, 8, CAP, 0);
	for (uint32_t i = 0; i < CAP; i++)
		mhv_ring_enqueue_u64(&f.p, i);
	atomic_store(&f.hdr->cons, CAP + 1); /* consumed more than was produced */
	CHECK_INT(mhv_ring_enqueue_u64(&f.p, 1), MHV_RING_ECORRUPT, "enqueue");
	CHECK_INT(mhv_ring_reserve(&f.p, 1, &w), MHV_RING_ECORRUPT, "reserve");
	CHECK_INT(mhv_ring_producer_wait(&f.p, 1), MHV_RING_ECORRUPT, "wait");
	atomic_store(&f.hdr->cons, UINT32_MAX); /* one behind zero: 17 in flight */
	CHECK_INT(mhv_ring_enqueue_u64(&f.p, 1), MHV_RING_ECORRUPT, "consumer index more than a ring behind");
	CHECK_INT(atomic_load(&f.hdr->prod), CAP, "producer index not moved");
	ring_fixture_close(&f);
}

/* What a peer writes to this side's own index or to the geometry after
 * attach is never read back. */
static void test_peer_overwrites_own_state(void)
{
	struct ring_fixture f;
	uint64_t v = 0;
	int bad = 0;

	printf("-- peer overwrites the consumer's index and the geometry\n");
	ring_fixture_open(&f, 8, CAP, 0);
	for (uint32_t i = 0; i < 4; i++)
		mhv_ring_enqueue_u64(&f.p, i);
	f.hdr->capacity = 1u << 30;
	f.hdr->slot_size = 4096;
	atomic_store(&f.hdr->cons, 3);
	for (uint32_t i = 0; i < 4; i++) {
		bad += mhv_ring_dequeue_u64(&f.c, &v) != 1;
		bad += v != i;
	}
	CHECK_INT(bad, 0, "consumer still reads 0..3 in order");
	CHECK_INT(atomic_load(&f.hdr->cons), 4, "its release overwrote the forged index");
	ring_fixture_close(&f);
}

static void test_attach_to_corrupt_ring(void)
{
	struct ring_fixture f;
	struct mhv_ring_consumer c;
	struct mhv_ring_producer p;

	printf("-- attach to a ring whose indices are already inconsistent\n");
	ring_fixture_open(&f, 8, CAP, 0);
	atomic_store(&f.hdr->prod, 5 * CAP);
	CHECK_INT(mhv_ring_consumer_attach(&c, f.mem, f.size, 8, CAP), MHV_RING_ECORRUPT, "consumer attach");
	CHECK_INT(mhv_ring_producer_attach(&p, f.mem, f.size, 8, CAP), MHV_RING_ECORRUPT, "producer attach");
	ring_fixture_close(&f);
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)rng_state;
}

/* A hostile producer: random indices, often near-valid, and a random
 * header. Whatever it writes, every count stays within the ring and every
 * window within the region. */
static void test_hostile_fuzz(void)
{
	enum { ROUNDS = 200000, SLOT = 8 };
	struct ring_fixture f;
	uint64_t out[CAP * 3];
	uint32_t corrupt = 0, moved = 0, out_of_bounds = 0;

	printf("-- hostile producer, %d random rounds\n", ROUNDS);
	ring_fixture_open(&f, SLOT, CAP, 0);
	for (int i = 0; i < ROUNDS; i++) {
		/* Mostly near the consumer's real position, so that valid and
		 * just-invalid values both occur; sometimes anything. */
		uint32_t cons = f.c.side.own;
		uint32_t prod = rng() % 4 == 0 ? rng() : cons + rng() % (2 * CAP + 2) - CAP / 2;
		const void *r;
		int k;

		atomic_store(&f.hdr->prod, prod);
		f.hdr->capacity = rng();
		if (rng() % 8 == 0)
			atomic_store(&f.hdr->cons, rng());
		if (rng() % 2) {
			k = mhv_ring_peek(&f.c, rng() % (3 * CAP), &r);
			if (k > 0) {
				const unsigned char *lo = (const unsigned char *)f.mem;
				const unsigned char *end = (const unsigned char *)r + (size_t)k * SLOT;

				out_of_bounds += (const unsigned char *)r < lo + sizeof(*f.hdr) ||
						 end > lo + f.size;
				mhv_ring_release(&f.c, (uint32_t)k);
			}
		} else {
			/* Reads 8 bytes per item; ASan checks each is inside. */
			k = mhv_ring_dequeue_burst_u64(&f.c, out, rng() % (3 * CAP));
		}
		corrupt += k == MHV_RING_ECORRUPT;
		moved += k > 0 ? (uint32_t)k : 0;
		out_of_bounds += k > (int)CAP;
	}
	printf("      %u rounds refused as corrupt, %u items accepted\n", corrupt, moved);
	CHECK_INT(out_of_bounds, 0, "windows or counts outside the ring");
	CHECK(corrupt > ROUNDS / 10, "%s", "some rounds were corrupt");
	CHECK(moved > 0, "%s", "some rounds were valid");
	ring_fixture_close(&f);
}

int main(void)
{
	test_consumer_sees_corrupt_producer();
	test_producer_sees_corrupt_consumer();
	test_peer_overwrites_own_state();
	test_attach_to_corrupt_ring();
	test_hostile_fuzz();
	return unit_done();
}
