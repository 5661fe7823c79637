/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Single-threaded behaviour of every operation: empty, full, order,
 * all-or-nothing vs. burst, zero-copy windows, and the 32-bit index wrap.
 */
#include <monadic/dataplane/ring.h>

#include "check.h"
#include "ring_fixture.h"

#define CAP 8u
#define NEAR_WRAP (UINT32_MAX - 2u) /* the indices cross 2^32 after 3 items */

static void test_empty_full(uint32_t start)
{
	struct ring_fixture f;
	uint64_t v = 0;

	printf("-- empty/full, indices from %u\n", start);
	ring_fixture_open(&f, 8, CAP, start);
	CHECK_EQ("dequeue from empty", mhv_ring_dequeue_u64(&f.c, &v), 0);
	for (uint32_t i = 0; i < CAP; i++)
		CHECK_EQ("enqueue into free slot", mhv_ring_enqueue_u64(&f.p, 100 + i), 1);
	CHECK_EQ("enqueue into full", mhv_ring_enqueue_u64(&f.p, 999), 0);
	CHECK_EQ("dequeue first", mhv_ring_dequeue_u64(&f.c, &v), 1);
	CHECK_EQ("first value", v, 100);
	CHECK_EQ("enqueue after one freed", mhv_ring_enqueue_u64(&f.p, 108), 1);
	CHECK_EQ("full again", mhv_ring_enqueue_u64(&f.p, 999), 0);
	for (uint32_t i = 1; i <= CAP; i++) {
		CHECK_EQ("dequeue in order", mhv_ring_dequeue_u64(&f.c, &v), 1);
		CHECK_EQ("value in order", v, 100 + i);
	}
	CHECK_EQ("empty again", mhv_ring_dequeue_u64(&f.c, &v), 0);
	CHECK_EQ("producer index published", atomic_load(&f.hdr->prod), start + CAP + 1);
	CHECK_EQ("consumer index published", atomic_load(&f.hdr->cons), start + CAP + 1);
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
	CHECK_EQ("64 laps of bulk batches 1..8, mismatches", bad, 0);
	CHECK_EQ("items through", next_out, 288);
	CHECK_EQ("producer index", atomic_load(&f.hdr->prod), start + 288);
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
	CHECK_EQ("bulk 5 into 8 free", mhv_ring_enqueue_bulk_u64(&f.p, in, 5), 5);
	CHECK_EQ("bulk 4 into 3 free: nothing", mhv_ring_enqueue_bulk_u64(&f.p, in + 5, 4), 0);
	CHECK_EQ("burst 4 into 3 free: 3", mhv_ring_enqueue_burst_u64(&f.p, in + 5, 4), 3);
	CHECK_EQ("burst into full", mhv_ring_enqueue_burst_u64(&f.p, in, 4), 0);
	CHECK_EQ("bulk 9 of 8 queued: nothing", mhv_ring_dequeue_bulk_u64(&f.c, out, 9), 0);
	CHECK_EQ("bulk 6 of 8 queued", mhv_ring_dequeue_bulk_u64(&f.c, out, 6), 6);
	CHECK_EQ("burst 12 of 2 queued: 2", mhv_ring_dequeue_burst_u64(&f.c, out + 6, 12), 2);
	for (uint32_t i = 0; i < CAP; i++)
		CHECK_EQ("item in order", out[i], i);
	CHECK_EQ("burst from empty", mhv_ring_dequeue_burst_u64(&f.c, out, 4), 0);
	CHECK_EQ("bulk larger than the ring", mhv_ring_enqueue_bulk_u64(&f.p, in, CAP + 1), 0);
	CHECK_EQ("burst larger than the ring", mhv_ring_enqueue_burst_u64(&f.p, in, CAP + 4), CAP);
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
	CHECK_EQ("reserve 6 from slot 5: window stops at the end", mhv_ring_reserve(&f.p, 6, &w),
		 3);
	CHECK("window is slot 5",
	      w == (unsigned char *)f.mem + sizeof(struct mhv_ring_hdr) + 5 * sizeof(struct desc));
	for (uint32_t i = 0; i < 2; i++)
		((struct desc *)w)[i] = (struct desc){ .addr = 0x1000 * i, .len = i, .cookie = i };
	CHECK_EQ("peek before commit sees nothing", mhv_ring_peek(&f.c, 4, &r), 0);
	mhv_ring_commit(&f.p, 2);
	CHECK_EQ("peek after commit of 2", mhv_ring_peek(&f.c, 4, &r), 2);
	d = r;
	CHECK_EQ("slot 0 in place", d[0].addr, 0);
	CHECK_EQ("slot 1 in place", d[1].addr, 0x1000);
	CHECK("peek window is where the producer wrote", r == w);
	mhv_ring_release(&f.c, 1);
	CHECK_EQ("peek after release of 1", mhv_ring_peek(&f.c, 4, &r), 1);
	CHECK_EQ("remaining slot", ((const struct desc *)r)->cookie, 1);
	CHECK_EQ("reserve 1 at the last slot", mhv_ring_reserve(&f.p, 8, &w), 1);
	mhv_ring_commit(&f.p, 1);
	CHECK_EQ("reserve after the wrap starts at slot 0", mhv_ring_reserve(&f.p, 8, &w), 6);
	CHECK("wrapped window is slot 0", w == (unsigned char *)f.mem + sizeof(struct mhv_ring_hdr));
	mhv_ring_commit(&f.p, 6);
	CHECK_EQ("reserve on a full ring", mhv_ring_reserve(&f.p, 1, &w), 0);
	mhv_ring_release(&f.c, 1);
	CHECK_EQ("peek up to the end", mhv_ring_peek(&f.c, 8, &r), 1);
	mhv_ring_release(&f.c, 1);
	CHECK_EQ("peek after the wrap", mhv_ring_peek(&f.c, 8, &r), 6);
	mhv_ring_release(&f.c, 6);
	CHECK_EQ("empty", mhv_ring_peek(&f.c, 8, &r), 0);
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
	return check_exit();
}
