/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The measurement loops, written once and instantiated per contender.
 * Before including this, a contender defines:
 *   q_t                                   its queue type
 *   q_t *q_create(uint32_t cap); void q_destroy(q_t *);
 *   bool q_push(q_t *, uint64_t);         single item, false when full
 *   bool q_pop(q_t *, uint64_t *);        single item, false when empty
 *   uint32_t q_push_n(q_t *, const uint64_t *, uint32_t n)   0..n pushed
 *   uint32_t q_pop_n(q_t *, uint64_t *, uint32_t n)          0..n popped
 *   BENCH_OPS, BENCH_NAME, BENCH_BULK_HOW
 * Every contender retries the same way: a plain spin, no pause, no backoff.
 */

static void loop_produce(void *vq, uint64_t items, uint32_t batch)
{
	q_t *q = (q_t *)vq;
	uint64_t buf[BENCH_MAX_BATCH];

	if (batch == 1) {
		for (uint64_t i = 0; i < items; i++)
			while (!q_push(q, i))
				;
		return;
	}
	for (uint64_t i = 0; i < items; i += batch) {
		uint32_t sent = 0;

		for (uint32_t k = 0; k < batch; k++)
			buf[k] = i + k;
		while (sent < batch)
			sent += q_push_n(q, buf + sent, batch - sent);
	}
}

static uint64_t loop_consume(void *vq, uint64_t items, uint32_t batch)
{
	q_t *q = (q_t *)vq;
	uint64_t buf[BENCH_MAX_BATCH], expect = 0, bad = 0;

	if (batch == 1) {
		for (; expect < items; expect++) {
			uint64_t v;

			while (!q_pop(q, &v))
				;
			bad += v != expect;
		}
		return bad;
	}
	while (expect < items) {
		uint32_t n = q_pop_n(q, buf, batch);

		for (uint32_t k = 0; k < n; k++)
			bad += buf[k] != expect++;
	}
	return bad;
}

static uint64_t loop_ping(void *vto, void *vfrom, uint64_t rounds, uint64_t *ticks)
{
	q_t *to = (q_t *)vto, *from = (q_t *)vfrom;
	uint64_t bad = 0;

	for (uint64_t r = 0; r < rounds; r++) {
		uint64_t t0 = bench_ticks(), v;

		while (!q_push(to, r))
			;
		while (!q_pop(from, &v))
			;
		ticks[r] = bench_ticks() - t0;
		bad += v != r;
	}
	return bad;
}

static void loop_pong(void *vfrom, void *vto, uint64_t rounds)
{
	q_t *from = (q_t *)vfrom, *to = (q_t *)vto;

	for (uint64_t r = 0; r < rounds; r++) {
		uint64_t v;

		while (!q_pop(from, &v))
			;
		while (!q_push(to, v))
			;
	}
}

static void *loop_create(uint32_t cap)
{
	return q_create(cap);
}

static void loop_destroy(void *q)
{
	q_destroy((q_t *)q);
}

#ifdef __cplusplus
extern "C"
#endif
const struct bench_ops BENCH_OPS = {
	BENCH_NAME, BENCH_BULK_HOW, loop_create, loop_destroy,
	loop_produce, loop_consume, loop_ping, loop_pong,
};
