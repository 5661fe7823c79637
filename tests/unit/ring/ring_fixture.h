/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * A ring in a heap block of exactly MHV_RING_MEM_SIZE() bytes, so that
 * AddressSanitizer flags any access past the region, with both indices
 * starting at a chosen value (to test the 2^32 wrap without 2^32 items).
 */
#ifndef RING_TEST_FIXTURE_H
#define RING_TEST_FIXTURE_H

#include <monadic/dataplane/ring.h>
#include <stdio.h>
#include <stdlib.h>

#include "unit.h"

struct ring_fixture {
	void *mem;
	size_t size;
	struct mhv_ring_hdr *hdr;
	struct mhv_ring_producer p;
	struct mhv_ring_consumer c;
};

static inline void ring_fixture_open(struct ring_fixture *f, uint32_t slot, uint32_t cap,
				     uint32_t start)
{
	f->size = MHV_RING_MEM_SIZE(slot, cap);
	f->mem = aligned_alloc(MHV_RING_CACHE_LINE, f->size);
	if (f->mem == NULL) {
		perror("aligned_alloc");
		exit(EXIT_FAILURE);
	}
	f->hdr = f->mem;
	CHECK_INT(mhv_ring_init(f->mem, f->size, slot, cap), 0, "fixture init");
	atomic_store(&f->hdr->prod, start);
	atomic_store(&f->hdr->cons, start);
	CHECK_INT(mhv_ring_producer_attach(&f->p, f->mem, f->size, slot, cap), 0, "fixture producer attach");
	CHECK_INT(mhv_ring_consumer_attach(&f->c, f->mem, f->size, slot, cap), 0, "fixture consumer attach");
}

static inline void ring_fixture_close(struct ring_fixture *f)
{
	free(f->mem);
}

#endif /* RING_TEST_FIXTURE_H */
