/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Ring set-up, out of the hot path: formatting a region and joining it as
 * one side, with every check a region shared with an untrusted peer needs.
 */
#include <monadic/dataplane/ring.h>

/* The checks common to init and attach: alignment first (the header's
 * atomics and the line isolation depend on it), then the geometry. */
static int ring_check_geometry(const void *mem, size_t mem_size, uint32_t slot_size,
			       uint32_t capacity)
{
	if (mem == NULL || (uintptr_t)mem % MHV_RING_CACHE_LINE != 0)
		return MHV_RING_EALIGN;
	if (!MHV_RING_CAPACITY_OK(capacity))
		return MHV_RING_ECAPACITY;
	if (!MHV_RING_SLOT_SIZE_OK(slot_size))
		return MHV_RING_ESLOT;
	if (MHV_RING_MEM_SIZE(slot_size, capacity) > (uint64_t)mem_size)
		return MHV_RING_ENOMEM;
	return 0;
}

int mhv_ring_init(void *mem, size_t mem_size, uint32_t slot_size, uint32_t capacity)
{
	struct mhv_ring_hdr *hdr = mem;
	int err = ring_check_geometry(mem, mem_size, slot_size, capacity);

	if (err != 0)
		return err;
	hdr->capacity = capacity;
	hdr->slot_size = slot_size;
	atomic_store_explicit(&hdr->prod, 0, memory_order_relaxed);
	atomic_store_explicit(&hdr->cons, 0, memory_order_relaxed);
	/* Release: an attach that sees the magic (acquire) sees the rest. */
	atomic_store_explicit(&hdr->magic, MHV_RING_MAGIC, memory_order_release);
	return 0;
}

/*
 * Joins one side. The header is read once, field by field, and only
 * compared with what the caller expects; the handle is built from the
 * caller's own values, so nothing the peer writes later can change the
 * geometry this side uses.
 */
static int ring_attach(struct mhv_ring_side *s, void *mem, size_t mem_size, uint32_t slot_size,
		       uint32_t capacity, bool producer)
{
	struct mhv_ring_hdr *hdr = mem;
	int err = ring_check_geometry(mem, mem_size, slot_size, capacity);

	if (err != 0)
		return err;
	if (atomic_load_explicit(&hdr->magic, memory_order_acquire) != MHV_RING_MAGIC ||
	    hdr->capacity != capacity || hdr->slot_size != slot_size)
		return MHV_RING_EMISMATCH;

	s->own_idx = producer ? &hdr->prod : &hdr->cons;
	s->peer_idx = producer ? &hdr->cons : &hdr->prod;
	s->slots = (unsigned char *)mem + sizeof(*hdr);
	s->mask = capacity - 1;
	s->slot_size = slot_size;
	s->bias = producer ? capacity : 0;
	/* Resume where this side left off (e.g. after its VM restarted); the
	 * peer could have written this value too, hence the check below. */
	s->own = atomic_load_explicit(s->own_idx, memory_order_relaxed);
	s->limit = s->own;
	err = mhv_ring__refresh(s);
	return err < 0 ? err : 0;
}

int mhv_ring_producer_attach(struct mhv_ring_producer *p, void *mem, size_t mem_size,
			     uint32_t slot_size, uint32_t capacity)
{
	return ring_attach(&p->side, mem, mem_size, slot_size, capacity, true);
}

int mhv_ring_consumer_attach(struct mhv_ring_consumer *c, void *mem, size_t mem_size,
			     uint32_t slot_size, uint32_t capacity)
{
	return ring_attach(&c->side, mem, mem_size, slot_size, capacity, false);
}
