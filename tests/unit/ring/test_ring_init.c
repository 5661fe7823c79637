/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Formatting and attaching: every bad geometry is refused with its own
 * error code, and attach only joins a region formatted with the geometry
 * the caller expects.
 */
#include <string.h>

#include <monadic/dataplane/ring.h>

#include "unit.h"

#define SLOT 8u
#define CAP 64u

/* Compile-time checked storage: MHV_RING_DEFINE(bad, 8, 100) fails to build. */
static MHV_RING_DEFINE(static_ring, SLOT, CAP);

/* Room for CAP slots of twice SLOT, so a slot-size mismatch is not a size error. */
static _Alignas(MHV_RING_CACHE_LINE) unsigned char mem[MHV_RING_MEM_SIZE(2 * SLOT, CAP)];

static void test_bad_geometry(void)
{
	size_t size = MHV_RING_MEM_SIZE(SLOT, CAP);

	CHECK_INT(mhv_ring_init(mem, sizeof(mem), SLOT, 0), MHV_RING_ECAPACITY, "capacity 0");
	CHECK_INT(mhv_ring_init(mem, sizeof(mem), SLOT, 3), MHV_RING_ECAPACITY, "capacity 3");
	CHECK_INT(mhv_ring_init(mem, sizeof(mem), SLOT, 96), MHV_RING_ECAPACITY, "capacity 96");
	CHECK_INT(mhv_ring_init(mem, sizeof(mem), SLOT, 1u << 31), MHV_RING_ECAPACITY, "capacity 2^31");
	CHECK_INT(mhv_ring_init(mem, sizeof(mem), SLOT, 1u << 30), MHV_RING_ENOMEM, "capacity 2^30 too big for memory");
	CHECK_INT(mhv_ring_init(mem, size - 1, SLOT, CAP), MHV_RING_ENOMEM, "memory one byte short");
	CHECK_INT(mhv_ring_init(mem, sizeof(struct mhv_ring_hdr),
							      SLOT, 1), MHV_RING_ENOMEM, "memory holds only the header");
	CHECK_INT(mhv_ring_init(mem, sizeof(mem), 0, CAP), MHV_RING_ESLOT, "slot size 0");
	CHECK_INT(mhv_ring_init(mem, sizeof(mem), 12, CAP), MHV_RING_ESLOT, "slot size 12");
	CHECK_INT(mhv_ring_init(NULL, sizeof(mem), SLOT, CAP), MHV_RING_EALIGN, "NULL memory");
	CHECK_INT(mhv_ring_init(mem + 8, sizeof(mem) - 8, SLOT, CAP), MHV_RING_EALIGN, "misaligned memory");
	CHECK_INT(mhv_ring_init(mem, size, SLOT, CAP), 0, "exact memory size");
	CHECK_INT(mhv_ring_init(mem, sizeof(mem), 24, 2), 0, "slot size 24");
	CHECK_INT(mhv_ring_init(mem, sizeof(mem), SLOT, 1), 0, "capacity 1");
}

static void test_static_ring(void)
{
	struct mhv_ring_producer p;
	struct mhv_ring_consumer c;

	CHECK_INT(sizeof(static_ring), MHV_RING_MEM_SIZE(SLOT, CAP), "MHV_RING_DEFINE size");
	CHECK_INT(mhv_ring_init(static_ring, sizeof(static_ring), SLOT, CAP), 0, "init static ring");
	CHECK_INT(mhv_ring_producer_attach(&p, static_ring, sizeof(static_ring),
							     SLOT, CAP), 0, "producer attach");
	CHECK_INT(mhv_ring_consumer_attach(&c, static_ring, sizeof(static_ring),
							     SLOT, CAP), 0, "consumer attach");
	CHECK_INT(mhv_ring_producer_wait(&p, CAP), CAP, "producer sees all slots free");
	CHECK_INT(mhv_ring_dequeue_burst_u64(&c, NULL, 0), 0, "consumer sees nothing queued");
}

static void test_attach_mismatch(void)
{
	struct mhv_ring_consumer c;

	memset(mem, 0, sizeof(mem));
	CHECK_INT(mhv_ring_consumer_attach(&c, mem, sizeof(mem), SLOT, CAP), MHV_RING_EMISMATCH, "attach to unformatted memory");
	CHECK_INT(mhv_ring_init(mem, sizeof(mem), SLOT, CAP), 0, "init");
	CHECK_INT(mhv_ring_consumer_attach(&c, mem, sizeof(mem), SLOT, CAP / 2), MHV_RING_EMISMATCH, "attach expecting another capacity");
	CHECK_INT(mhv_ring_consumer_attach(&c, mem, sizeof(mem), 2 * SLOT, CAP), MHV_RING_EMISMATCH, "attach expecting another slot size");
	CHECK_INT(mhv_ring_consumer_attach(&c, mem, MHV_RING_MEM_SIZE(SLOT, CAP) - 8, SLOT, CAP), MHV_RING_ENOMEM, "attach with too little memory");
	CHECK_INT(mhv_ring_consumer_attach(&c, mem, sizeof(mem), SLOT, 5), MHV_RING_ECAPACITY, "attach with a bad capacity");
	CHECK_INT(mhv_ring_consumer_attach(&c, mem, sizeof(mem), SLOT, CAP), 0, "attach matching geometry");
}

int main(void)
{
	test_bad_geometry();
	test_static_ring();
	test_attach_mismatch();
	return unit_done();
}
