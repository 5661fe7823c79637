/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Ping sends MESSAGES sequence numbers through "to_pong" in zero-copy mode
 * (reserve a slot, write it in place, commit); pong reads each in place
 * (peek, release), answers with value + 1 through "to_ping"; ping checks
 * every answer. Both print the count and a checksum of what they received.
 * The channels' addresses and geometry come from the guest's DTB.
 *
 * Built with CORRUPT_PEER, pong turns hostile half way: it writes an
 * impossible producer index into the ring ping reads. Ping must notice
 * (MHV_RING_ECORRUPT) and never touch memory outside the ring: it has no
 * other mapping of the region, so a stray access would fault it.
 */

#include <monadic/dataplane/ring.h>
#include <monadic/guest/sdk.h>

#define MESSAGES 100000U

struct channel {
	void *mem;
	uint32_t size, slot_size, capacity;
};

static bool find_channel(const char *path, struct channel *ch)
{
	uint32_t len;
	const void *reg = guest_fdt_prop(guest_info.dtb, path, "reg", &len);
	const void *slot = guest_fdt_prop(guest_info.dtb, path, "slot-size", &len);
	const void *cap = guest_fdt_prop(guest_info.dtb, path, "capacity", &len);

	if (reg == NULL || slot == NULL || cap == NULL)
		return false;
	ch->mem = (void *)(uintptr_t)(((uint64_t)guest_fdt_cell(reg, 0) << 32) |
				      guest_fdt_cell(reg, 1));
	ch->size = guest_fdt_cell(reg, 3);
	ch->slot_size = guest_fdt_cell(slot, 0);
	ch->capacity = guest_fdt_cell(cap, 0);
	return true;
}

/* Zero-copy send of one 8-byte value: the ring's slot is written in place. */
static void send(struct mhv_ring_producer *p, uint64_t v)
{
	void *slot;

	while (mhv_ring_reserve(p, 1, &slot) < 1)
		mhv_ring_producer_wait(p, 1);
	*(volatile uint64_t *)slot = v;
	mhv_ring_commit(p, 1);
}

/* One value, or a negative MHV_RING_E* (a peer that corrupted the ring). */
static int receive(struct mhv_ring_consumer *c, uint64_t *v)
{
	const void *slot;
	int k;

	while ((k = mhv_ring_peek(c, 1, &slot)) < 1) {
		if (k < 0 || (k = mhv_ring_consumer_wait(c, 1)) < 0)
			return k;
	}
	*v = *(const volatile uint64_t *)slot;  /* read once: the peer can't change what we check */
	mhv_ring_release(c, 1);
	return 0;
}

#ifdef CORRUPT_PEER
/* A hostile producer: claim far more items than the ring can hold. */
static void corrupt(struct channel *out)
{
	struct mhv_ring_hdr *h = out->mem;

	atomic_store_explicit(&h->prod, atomic_load(&h->cons) + 16 * out->capacity,
			      memory_order_release);
	guest_printf("pong: wrote an impossible producer index; stopping\n");
}
#endif

/* FNV-1a over the received values, printed by both sides. */
static uint64_t fnv(uint64_t h, uint64_t v)
{
	for (int i = 0; i < 8; i++) {
		h ^= (v >> (8 * i)) & 0xff;
		h *= 0x100000001b3ULL;
	}
	return h;
}

int main(void)
{
#ifdef ROLE_PING
	const char *out_path = "/to_pong", *in_path = "/to_ping", *me = "ping";
#else
	const char *out_path = "/to_ping", *in_path = "/to_pong", *me = "pong";
#endif
	struct channel out, in;
	struct mhv_ring_producer p;
	struct mhv_ring_consumer c;
	uint64_t sum = 0xcbf29ce484222325ULL;
	uint32_t good = 0;

	if (!guest_check(find_channel(out_path, &out) && find_channel(in_path, &in),
			 "channels in the DTB", "no %s / %s node", out_path, in_path))
		return 1;
	guest_check(mhv_ring_producer_attach(&p, out.mem, out.size, out.slot_size,
					     out.capacity) == 0, "attach producer", "%s", out_path);
	guest_check(mhv_ring_consumer_attach(&c, in.mem, in.size, in.slot_size,
					     in.capacity) == 0, "attach consumer", "%s", in_path);
	guest_printf("%s: %u-slot rings at %p (out) and %p (in)\n", me, out.capacity,
		     out.mem, in.mem);
	uint64_t start = guest_counter();

	for (uint32_t i = 0; i < MESSAGES; i++) {
		uint64_t v;
#ifdef ROLE_PING
		send(&p, i);
		int rc = receive(&c, &v);

		if (rc < 0) {
			guest_check(rc == MHV_RING_ECORRUPT, "corrupted ring detected",
				    "error %d after %u messages", rc, i);
			guest_printf("ping: peer corrupted the ring after %u messages; no access "
				     "outside it\n", i);
			return 0;
		}
		good += v == (uint64_t)i + 1;
#else
		if (receive(&c, &v) < 0)
			return 1;
		good += v == i;
#ifdef CORRUPT_PEER
		if (i == MESSAGES / 2) {
			corrupt(&out);
			return 0;
		}
#endif
		send(&p, v + 1);
#endif
		sum = fnv(sum, v);
	}
	uint64_t ticks = guest_counter() - start;

	guest_printf("%s: %u messages each way, checksum 0x%016llx, %llu round trips/s\n", me,
		     MESSAGES, (unsigned long long)sum,
		     (unsigned long long)(MESSAGES * guest_timer_freq() / (ticks ? ticks : 1)));
	guest_check(good == MESSAGES, "every message in order", "%u of %u", good, MESSAGES);
	return 0;
}
