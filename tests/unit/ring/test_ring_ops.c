/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Single-threaded behaviour of every operation: empty, full, order,
 * all-or-nothing vs. burst, zero-copy windows, and the 32-bit index wrap.
 */
#include <monadic/dataplane/ring.h>

#include "unit.h"
#include "ring_fixture.h"

#define CAP 8u
#define NEAR_WRAP (UINT32_MAX - 2u) /* the indices cross 2^32 after 3 items */

static void test_empty_full(uint32_t start)
{
	struct ring_fixture f;
	uint64_t v = 0;

	printf("-- empty/full, indices from %u\n", start);
	ring_fixture_open(&f, 8, CAP, start);
	CHECK_INT(mhv_ring_dequeue_u64(&f.c, &v), 0, "dequeue from empty");
	for (uint32_t i = 0; i < CAP; i++)
		CHECK_INT(mhv_ring_enqueue_u64(&f.p, 100 + i), 1, "enqueue into free slot");
	CHECK_INT(mhv_ring_enqueue_u64(&f.p, 999), 0, "enqueue into full");
	CHECK_INT(mhv_ring_dequeue_u64(&f.c, &v), 1, "dequeue first");
	CHECK_INT(v, 100, "first value");
	CHECK_INT(mhv_ring_enqueue_u64(&f.p, 108), 1, "enqueue after one freed");
	CHECK_INT(mhv_ring_enqueue_u64(&f.p, 999), 0, "full again");
	for (uint32_t i = 1; i <= CAP; i++) {
		CHECK_INT(mhv_ring_dequeue_u64(&f.c, &v), 1, "dequeue in order");
		CHECK_INT(v, 100 + i, "value in order");
	}
	CHECK_INT(mhv_ring_dequeue_u64(&f.c, &v), 0, "empty again");
	CHECK_INT(atomic_load(&f.hdr->prod), start + CAP + 1, "producer index published");
	CHECK_INT(atomic_load(&f.hdr->cons), start + CAP + 1, "consumer index published");
	ring_fixture_close(&f);
}

/* Many laps, so that every slot boundary and the index wrap are crossed
 * with batches of every size. */
static void test_wraparound(uint32_t start)
{
	struct ring_fixture f;
	uint64_t in[CAP], out[CAP], next_in = 0, next_out = 0;
	int bad = 0;

	printf("-- wraparound, indices from %u\n", start);
	ring_fixture_open(&f, 8, CAP, start);
	for (uint32_t lap = 0; lap < 64; lap++) {
		uint32_t n = lap % CAP + 1;

		for (uint32_t i = 0; i < n; i++)
			in[i] = next_in++;
		bad += mhv_ring_enqueue_bulk_u64(&f.p, in, n) != (int)n;
		bad += mhv_ring_dequeue_bulk_u64(&f.c, out, n) != (int)n;
		for (uint32_t i = 0; i < n; i++)
			bad += out[i] != next_out++;
	}
	CHECK_INT(bad, 0, "64 laps of bulk batches 1..8, mismatches");
	CHECK_INT(next_out, 288, "items through");
	CHECK_INT(atomic_load(&f.hdr->prod), start + 288, "producer index");
	ring_fixture_close(&f);
}

static void test_bulk_vs_burst(void)
{
	struct ring_fixture f;
	uint64_t in[CAP + 4], out[CAP + 4];

	printf("-- bulk (all-or-nothing) vs. burst (up to n)\n");
	for (uint32_t i = 0; i < CAP + 4; i++)
		in[i] = i;
	ring_fixture_open(&f, 8, CAP, NEAR_WRAP);
	CHECK_INT(mhv_ring_enqueue_bulk_u64(&f.p, in, 5), 5, "bulk 5 into 8 free");
	CHECK_INT(mhv_ring_enqueue_bulk_u64(&f.p, in + 5, 4), 0, "bulk 4 into 3 free: nothing");
	CHECK_INT(mhv_ring_enqueue_burst_u64(&f.p, in + 5, 4), 3, "burst 4 into 3 free: 3");
	CHECK_INT(mhv_ring_enqueue_burst_u64(&f.p, in, 4), 0, "burst into full");
	CHECK_INT(mhv_ring_dequeue_bulk_u64(&f.c, out, 9), 0, "bulk 9 of 8 queued: nothing");
	CHECK_INT(mhv_ring_dequeue_bulk_u64(&f.c, out, 6), 6, "bulk 6 of 8 queued");
	CHECK_INT(mhv_ring_dequeue_burst_u64(&f.c, out + 6, 12), 2, "burst 12 of 2 queued: 2");
	for (uint32_t i = 0; i < CAP; i++)
		CHECK_INT(out[i], i, "item in order");
	CHECK_INT(mhv_ring_dequeue_burst_u64(&f.c, out, 4), 0, "burst from empty");
	CHECK_INT(mhv_ring_enqueue_bulk_u64(&f.p, in, CAP + 1), 0, "bulk larger than the ring");
	CHECK_INT(mhv_ring_enqueue_burst_u64(&f.p, in, CAP + 4), CAP, "burst larger than the ring");
	ring_fixture_close(&f);
}

struct desc {
	uint64_t addr;
	uint32_t len;
	uint32_t flags;
	uint64_t cookie;
};

/* Zero-copy with 24-byte slots: windows stop at the end of the array and
 * nothing is visible before commit. */
static void test_zero_copy(void)
{
	struct ring_fixture f;
	void *w;
	const void *r;
	const struct desc *d;

	printf("-- zero-copy reserve/commit/peek/release, 24-byte slots\n");
	ring_fixture_open(&f, sizeof(struct desc), CAP, 5); /* slot 5 of 8 */
	CHECK_INT(mhv_ring_reserve(&f.p, 6, &w), 3, "reserve 6 from slot 5: window stops at the end");
	CHECK(w == (unsigned char *)f.mem + sizeof(struct mhv_ring_hdr) + 5 * sizeof(struct desc), "%s", "window is slot 5");
	for (uint32_t i = 0; i < 2; i++)
		((struct desc *)w)[i] = (struct desc){ .addr = 0x1000 * i, .len = i, .cookie = i };
	CHECK_INT(mhv_ring_peek(&f.c, 4, &r), 0, "peek before commit sees nothing");
	mhv_ring_commit(&f.p, 2);
	CHECK_INT(mhv_ring_peek(&f.c, 4, &r), 2, "peek after commit of 2");
	d = r;
	CHECK_INT(d[0].addr, 0, "slot 0 in place");
	CHECK_INT(d[1].addr, 0x1000, "slot 1 in place");
	CHECK(r == w, "%s", "peek window is where the producer wrote");
	mhv_ring_release(&f.c, 1);
	CHECK_INT(mhv_ring_peek(&f.c, 4, &r), 1, "peek after release of 1");
	CHECK_INT(((const struct desc *)r)->cookie, 1, "remaining slot");
	CHECK_INT(mhv_ring_reserve(&f.p, 8, &w), 1, "reserve 1 at the last slot");
	mhv_ring_commit(&f.p, 1);
	CHECK_INT(mhv_ring_reserve(&f.p, 8, &w), 6, "reserve after the wrap starts at slot 0");
	CHECK(w == (unsigned char *)f.mem + sizeof(struct mhv_ring_hdr), "%s", "wrapped window is slot 0");
	mhv_ring_commit(&f.p, 6);
	CHECK_INT(mhv_ring_reserve(&f.p, 1, &w), 0, "reserve on a full ring");
	mhv_ring_release(&f.c, 1);
	CHECK_INT(mhv_ring_peek(&f.c, 8, &r), 1, "peek up to the end");
	mhv_ring_release(&f.c, 1);
	CHECK_INT(mhv_ring_peek(&f.c, 8, &r), 6, "peek after the wrap");
	mhv_ring_release(&f.c, 6);
	CHECK_INT(mhv_ring_peek(&f.c, 8, &r), 0, "empty");
	ring_fixture_close(&f);
}

int main(void)
{
	test_empty_full(0);
	test_empty_full(NEAR_WRAP);
	test_wraparound(0);
	test_wraparound(NEAR_WRAP);
	test_bulk_vs_burst();
	test_zero_copy();
	return unit_done();
}
