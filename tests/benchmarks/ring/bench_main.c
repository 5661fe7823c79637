/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Ring benchmark harness: every contender, every figure, interleaved in
 * one run, producer and consumer pinned to two different cores.
 *
 * The host's two vCPUs flip between "near" (~100-150 ns per 64-byte line
 * round trip) and "far" (~400-600 ns) placements for minutes at a time. So
 * the contenders of one figure are measured back to back, each bracketed
 * by a raw line ping-pong "floor"; a group whose floors moved by more than
 * 20%, or during which a thread got less than 95% of the wall-clock time on
 * its core (it had company: kernel threads or other processes), is redone
 * (at most MAX_TRIES times). Each figure is the median of the runs, printed
 * with min/max and the median floor it was measured at.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"

#define MAX_TRIES 4
#define MIN_CPU_SHARE 0.95
#define FLOOR_MOVE 0.20
#define FLOOR_ROUNDS 20000u
#define PING_ROUNDS 100000u
#define WARMUP_ROUNDS 2000u

static const struct bench_ops *const contenders[] = {
	&bench_monadic, &bench_boost, &bench_dpdk, &bench_ck,
};
#define NCONT (sizeof(contenders) / sizeof(contenders[0]))

enum figure { SINGLE, BULK, PINGPONG, NFIG };
static const char *const figure_name[NFIG] = {
	"single-item throughput (Mops/s, higher is better)",
	"bulk-of-32 throughput (Mops/s, higher is better)",
	"ping-pong round trip (ns, median, lower is better)",
};
static const uint32_t capacities[] = { 1024, 65536 };
#define NCAP (sizeof(capacities) / sizeof(capacities[0]))

static int cpu_a = 0, cpu_b = 1;
static double ns_per_tick;

static double clock_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static double now_ns(void)
{
	return clock_ns(CLOCK_MONOTONIC);
}

/* ---- two pinned threads, released together ---------------------------- */

struct side {
	void (*fn)(void *arg);
	void *arg;
	int cpu;
	double cpu_share; /* thread CPU time / wall time during fn */
	_Atomic int *gate;
};

static void *side_main(void *v)
{
	struct side *s = v;
	cpu_set_t set;
	double wall, cpu;

	CPU_ZERO(&set);
	CPU_SET(s->cpu, &set);
	if (pthread_setaffinity_np(pthread_self(), sizeof(set), &set) != 0) {
		fprintf(stderr, "cannot pin to cpu %d\n", s->cpu);
		exit(2);
	}
	/* Both threads arrive, then both go. */
	atomic_fetch_sub(s->gate, 1);
	while (atomic_load(s->gate) != 0)
		;
	wall = now_ns();
	cpu = clock_ns(CLOCK_THREAD_CPUTIME_ID);
	s->fn(s->arg);
	s->cpu_share = (clock_ns(CLOCK_THREAD_CPUTIME_ID) - cpu) / (now_ns() - wall);
	return NULL;
}

/* Runs a on cpu_a and b on cpu_b; returns true if both had their core. */
static bool run_pair(void (*a)(void *), void (*b)(void *), void *arg)
{
	_Atomic int gate = 2;
	struct side sa = { a, arg, cpu_a, 0, &gate }, sb = { b, arg, cpu_b, 0, &gate };
	pthread_t ta, tb;

	if (pthread_create(&ta, NULL, side_main, &sa) != 0 ||
	    pthread_create(&tb, NULL, side_main, &sb) != 0) {
		perror("pthread_create");
		exit(2);
	}
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	return sa.cpu_share >= MIN_CPU_SHARE && sb.cpu_share >= MIN_CPU_SHARE;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* Median of samples[skip..n), in ns. */
static double median_ns(uint64_t *samples, uint64_t skip, uint64_t n)
{
	qsort(samples + skip, n - skip, sizeof(*samples), cmp_u64);
	return samples[skip + (n - skip) / 2] * ns_per_tick;
}

static void calibrate_ticks(void)
{
	double t0 = now_ns();
	uint64_t c0 = bench_ticks();

	while (now_ns() - t0 < 100e6)
		;
	ns_per_tick = (now_ns() - t0) / (double)(bench_ticks() - c0);
}

/* ---- the raw floor: one 64-byte line bounced between the cores --------- */

struct floor_job {
	_Alignas(64) _Atomic uint64_t line;
	_Alignas(64) uint64_t ticks[FLOOR_ROUNDS];
};

static void floor_ping(void *v)
{
	struct floor_job *j = v;

	for (uint64_t r = 0; r < FLOOR_ROUNDS; r++) {
		uint64_t t0 = bench_ticks();

		atomic_store_explicit(&j->line, 2 * r + 1, memory_order_release);
		while (atomic_load_explicit(&j->line, memory_order_acquire) != 2 * r + 2)
			;
		j->ticks[r] = bench_ticks() - t0;
	}
}

static void floor_pong(void *v)
{
	struct floor_job *j = v;

	for (uint64_t r = 0; r < FLOOR_ROUNDS; r++) {
		while (atomic_load_explicit(&j->line, memory_order_acquire) != 2 * r + 1)
			;
		atomic_store_explicit(&j->line, 2 * r + 2, memory_order_release);
	}
}

static double line_floor(void)
{
	static struct floor_job j;

	atomic_store(&j.line, 0);
	run_pair(floor_ping, floor_pong, &j);
	return median_ns(j.ticks, WARMUP_ROUNDS, FLOOR_ROUNDS);
}

/* ---- one measurement of one contender ---------------------------------- */

struct job {
	const struct bench_ops *ops;
	void *q[2];
	uint64_t items, bad;
	uint32_t batch;
	double t0, t1;
	uint64_t *ticks;
};

static void tp_produce(void *v)
{
	struct job *j = v;

	j->ops->produce(j->q[0], j->items, j->batch);
}

static void tp_consume(void *v)
{
	struct job *j = v;

	j->t0 = now_ns();
	j->bad = j->ops->consume(j->q[0], j->items, j->batch);
	j->t1 = now_ns();
}

static void pp_ping(void *v)
{
	struct job *j = v;

	j->bad = j->ops->ping(j->q[0], j->q[1], PING_ROUNDS, j->ticks);
}

static void pp_pong(void *v)
{
	struct job *j = v;

	j->ops->pong(j->q[0], j->q[1], PING_ROUNDS);
}

/* Returns the figure; *clean is false if a thread had company. */
static double measure(const struct bench_ops *ops, enum figure fig, uint32_t cap,
		      uint64_t items, bool *clean)
{
	static uint64_t ticks[PING_ROUNDS];
	struct job j = { .ops = ops, .items = items, .ticks = ticks };
	double value;

	j.q[0] = ops->create(cap);
	j.q[1] = ops->create(cap);
	if (fig == PINGPONG) {
		*clean = run_pair(pp_ping, pp_pong, &j);
		value = median_ns(ticks, WARMUP_ROUNDS, PING_ROUNDS);
	} else {
		j.batch = fig == SINGLE ? 1 : BENCH_MAX_BATCH;
		*clean = run_pair(tp_produce, tp_consume, &j);
		value = items / (j.t1 - j.t0) * 1e3;
	}
	ops->destroy(j.q[0]);
	ops->destroy(j.q[1]);
	if (j.bad != 0) {
		fprintf(stderr, "%s: %llu items out of sequence\n", ops->name,
			(unsigned long long)j.bad);
		exit(1);
	}
	return value;
}

/* ---- the interleaved matrix and its report ------------------------------ */

struct cell {
	double value[16], floor[16];
	unsigned redone, unclean;
};

static struct cell cells[NFIG][NCAP][NCONT];

/*
 * One run of one figure for every contender, back to back, with a floor
 * before, between and after them: all contenders of a figure are measured
 * at the same vCPU placement. If any floor differs from another by more
 * than FLOOR_MOVE, or any thread had company, the whole group is redone.
 */
static void run_group(enum figure fig, unsigned c, unsigned run, uint64_t items)
{
	for (unsigned tries = 1;; tries++) {
		double value[NCONT], lo, hi;
		bool clean = true;

		lo = hi = line_floor();
		for (unsigned i = 0; i < NCONT; i++) {
			unsigned k = (i + run + tries) % NCONT; /* nobody always first */
			bool ok;

			value[k] = measure(contenders[k], fig, capacities[c], items, &ok);
			double f = line_floor();

			clean &= ok;
			lo = f < lo ? f : lo;
			hi = f > hi ? f : hi;
		}
		bool steady = hi - lo <= FLOOR_MOVE * lo;

		if ((steady && clean) || tries == MAX_TRIES) {
			for (unsigned k = 0; k < NCONT; k++) {
				struct cell *cell = &cells[fig][c][k];

				cell->value[run] = value[k];
				cell->floor[run] = (lo + hi) / 2;
				cell->redone += tries - 1;
				cell->unclean += !(steady && clean);
			}
			return;
		}
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median_of(const double *v, unsigned n, double *min, double *max)
{
	double s[16];

	memcpy(s, v, n * sizeof(*s));
	qsort(s, n, sizeof(*s), cmp_double);
	*min = s[0];
	*max = s[n - 1];
	return s[n / 2];
}

static void report(unsigned runs)
{
	printf("\n%-8s %-5s %9s  %-19s %8s  %s\n", "", "", "median", "[min - max]", "floor",
	       "redone/unsteady groups");
	for (unsigned f = 0; f < NFIG; f++) {
		for (unsigned c = 0; c < NCAP; c++) {
			double med[NCONT], best_peer = 0;
			unsigned best = 1;

			printf("%s, capacity %u\n", figure_name[f], capacities[c]);
			for (unsigned k = 0; k < NCONT; k++) {
				struct cell *cell = &cells[f][c][k];
				double lo, hi, flo, fhi;
				double fl = median_of(cell->floor, runs, &flo, &fhi);

				med[k] = median_of(cell->value, runs, &lo, &hi);
				printf("  %-8s %9.1f  [%7.1f - %7.1f]  %5.0f ns  %u/%u\n",
				       contenders[k]->name, med[k], lo, hi, fl, cell->redone,
				       cell->unclean);
			}
			for (unsigned k = 1; k < NCONT; k++) {
				bool better = f == PINGPONG ? med[k] < med[best] : med[k] > med[best];

				if (better)
					best = k;
			}
			best_peer = med[best];
			printf("  => monadic / best peer (%s): %.2fx%s\n\n", contenders[best]->name,
			       f == PINGPONG ? best_peer / med[0] : med[0] / best_peer,
			       f == PINGPONG ? "  (latency: best peer ns / monadic ns)" : "");
		}
	}
}

static void usage(const char *argv0)
{
	fprintf(stderr,
		"usage: %s [--quick] [--runs N] [--items N] [--cpus A,B]\n"
		"  --quick    3 runs, 1/5 of the items (a smoke run, not a result)\n"
		"  --runs N   runs per figure (default 5, max 15); the median is reported\n"
		"  --items N  items per single-item run (default 20000000; bulk: 2x)\n"
		"  --cpus A,B the producer's and the consumer's core (default 0,1)\n",
		argv0);
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned runs = 5;
	uint64_t items = 20000000;
	double t_start = now_ns();

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quick")) {
			runs = 3;
			items /= 5;
		} else if (!strcmp(argv[i], "--runs") && i + 1 < argc) {
			runs = (unsigned)atoi(argv[++i]);
		} else if (!strcmp(argv[i], "--items") && i + 1 < argc) {
			items = strtoull(argv[++i], NULL, 0);
		} else if (!strcmp(argv[i], "--cpus") && i + 1 < argc) {
			if (sscanf(argv[++i], "%d,%d", &cpu_a, &cpu_b) != 2)
				usage(argv[0]);
		} else {
			usage(argv[0]);
		}
	}
	if (runs < 1 || runs > 15)
		usage(argv[0]);
	items -= items % BENCH_MAX_BATCH;

	calibrate_ticks();
	printf("ring benchmark: %u runs, %llu items (single) / %llu (bulk), cores %d,%d, "
	       "8-byte items\n", runs, (unsigned long long)items,
	       (unsigned long long)(2 * items), cpu_a, cpu_b);
	for (unsigned k = 0; k < NCONT; k++)
		printf("  %-8s bulk = %s\n", contenders[k]->name, contenders[k]->bulk_how);
	printf("line floor now: %.0f ns\n", line_floor());

	/* Interleaved: every run visits every figure and every contender, in
	 * an order rotated per run so none always goes first. */
	for (unsigned run = 0; run < runs; run++) {
		for (unsigned f = 0; f < NFIG; f++)
			for (unsigned c = 0; c < NCAP; c++)
				run_group((enum figure)f, c, run, f == BULK ? 2 * items : items);
		fprintf(stderr, "run %u/%u done (%.0f s)\n", run + 1, runs,
			(now_ns() - t_start) / 1e9);
	}
	report(runs);
	printf("floor = median raw 64-byte line round trip measured around each run "
	       "(near placement ~100-150 ns, far ~400-600 ns)\n");
	printf("total time %.0f s\n", (now_ns() - t_start) / 1e9);
	return 0;
}
