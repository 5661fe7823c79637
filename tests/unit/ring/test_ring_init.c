/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Formatting and attaching: every bad geometry is refused with its own
 * error code, and attach only joins a region formatted with the geometry
 * the caller expects.
 */
#include <string.h>

#include <monadic/dataplane/ring.h>

#include "check.h"

#define SLOT 8u
#define CAP 64u

/* Compile-time checked storage: MHV_RING_DEFINE(bad, 8, 100) fails to build. */
static MHV_RING_DEFINE(static_ring, SLOT, CAP);

/* Room for CAP slots of twice SLOT, so a slot-size mismatch is not a size error. */
static _Alignas(MHV_RING_CACHE_LINE) unsigned char mem[MHV_RING_MEM_SIZE(2 * SLOT, CAP)];

static void test_bad_geometry(void)
{
	size_t size = MHV_RING_MEM_SIZE(SLOT, CAP);

	CHECK_EQ("capacity 0", mhv_ring_init(mem, sizeof(mem), SLOT, 0), MHV_RING_ECAPACITY);
	CHECK_EQ("capacity 3", mhv_ring_init(mem, sizeof(mem), SLOT, 3), MHV_RING_ECAPACITY);
	CHECK_EQ("capacity 96", mhv_ring_init(mem, sizeof(mem), SLOT, 96), MHV_RING_ECAPACITY);
	CHECK_EQ("capacity 2^31", mhv_ring_init(mem, sizeof(mem), SLOT, 1u << 31),
		 MHV_RING_ECAPACITY);
	CHECK_EQ("capacity 2^30 too big for memory", mhv_ring_init(mem, sizeof(mem), SLOT, 1u << 30),
		 MHV_RING_ENOMEM);
	CHECK_EQ("memory one byte short", mhv_ring_init(mem, size - 1, SLOT, CAP), MHV_RING_ENOMEM);
	CHECK_EQ("memory holds only the header", mhv_ring_init(mem, sizeof(struct mhv_ring_hdr),
							      SLOT, 1), MHV_RING_ENOMEM);
	CHECK_EQ("slot size 0", mhv_ring_init(mem, sizeof(mem), 0, CAP), MHV_RING_ESLOT);
	CHECK_EQ("slot size 12", mhv_ring_init(mem, sizeof(mem), 12, CAP), MHV_RING_ESLOT);
	CHECK_EQ("NULL memory", mhv_ring_init(NULL, sizeof(mem), SLOT, CAP), MHV_RING_EALIGN);
	CHECK_EQ("misaligned memory", mhv_ring_init(mem + 8, sizeof(mem) - 8, SLOT, CAP),
		 MHV_RING_EALIGN);
	CHECK_EQ("exact memory size", mhv_ring_init(mem, size, SLOT, CAP), 0);
	CHECK_EQ("slot size 24", mhv_ring_init(mem, sizeof(mem), 24, 2), 0);
	CHECK_EQ("capacity 1", mhv_ring_init(mem, sizeof(mem), SLOT, 1), 0);
}

static void test_static_ring(void)
{
	struct mhv_ring_producer p;
	struct mhv_ring_consumer c;

	CHECK_EQ("MHV_RING_DEFINE size", sizeof(static_ring), MHV_RING_MEM_SIZE(SLOT, CAP));
	CHECK_EQ("init static ring", mhv_ring_init(static_ring, sizeof(static_ring), SLOT, CAP), 0);
	CHECK_EQ("producer attach", mhv_ring_producer_attach(&p, static_ring, sizeof(static_ring),
							     SLOT, CAP), 0);
	CHECK_EQ("consumer attach", mhv_ring_consumer_attach(&c, static_ring, sizeof(static_ring),
							     SLOT, CAP), 0);
	CHECK_EQ("producer sees all slots free", mhv_ring_producer_wait(&p, CAP), CAP);
	CHECK_EQ("consumer sees nothing queued", mhv_ring_dequeue_burst_u64(&c, NULL, 0), 0);
}

static void test_attach_mismatch(void)
{
	struct mhv_ring_consumer c;

	memset(mem, 0, sizeof(mem));
	CHECK_EQ("attach to unformatted memory",
		 mhv_ring_consumer_attach(&c, mem, sizeof(mem), SLOT, CAP), MHV_RING_EMISMATCH);
	CHECK_EQ("init", mhv_ring_init(mem, sizeof(mem), SLOT, CAP), 0);
	CHECK_EQ("attach expecting another capacity",
		 mhv_ring_consumer_attach(&c, mem, sizeof(mem), SLOT, CAP / 2), MHV_RING_EMISMATCH);
	CHECK_EQ("attach expecting another slot size",
		 mhv_ring_consumer_attach(&c, mem, sizeof(mem), 2 * SLOT, CAP), MHV_RING_EMISMATCH);
	CHECK_EQ("attach with too little memory",
		 mhv_ring_consumer_attach(&c, mem, MHV_RING_MEM_SIZE(SLOT, CAP) - 8, SLOT, CAP),
		 MHV_RING_ENOMEM);
	CHECK_EQ("attach with a bad capacity",
		 mhv_ring_consumer_attach(&c, mem, sizeof(mem), SLOT, 5), MHV_RING_ECAPACITY);
	CHECK_EQ("attach matching geometry",
		 mhv_ring_consumer_attach(&c, mem, sizeof(mem), SLOT, CAP), 0);
}

int main(void)
{
	test_bad_geometry();
	test_static_ring();
	test_attach_mismatch();
	return check_exit();
}
