/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Helpers shared by the stage-2 host tests: a seeded PRNG, pools on the
 * heap, an independent raw table scanner and descriptor expectations.
 */
#ifndef TESTS_STAGE2_S2_TEST_H
#define TESTS_STAGE2_S2_TEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <monadic/mm/stage2.h>

#define SZ_4K  (UINT64_C(1) << 12)
#define SZ_2M  (UINT64_C(1) << 21)
#define SZ_1G  (UINT64_C(1) << 30)
#define SZ_512G (UINT64_C(1) << 39)

/* ---- PRNG (splitmix64: seeded, reproducible) --------------------------- */
uint64_t rng_next(uint64_t *state);
/* Uniform in [0, n), n > 0. */
uint64_t rng_below(uint64_t *state, uint64_t n);
/* Seed from the environment (S2_SEED) or the given default; printed. */
uint64_t test_seed(uint64_t fallback);

/* ---- Pools ------------------------------------------------------------- */
struct test_pool {
	struct s2_pool pool;
	s2_table_t *pages;
};
/* Allocates npages aligned pages; skew > 0 offsets the array by skew pages
 * from a 64 KB boundary (to exercise root alignment). Aborts on failure. */
void test_pool_new(struct test_pool *tp, size_t npages, unsigned int skew);
void test_pool_free(struct test_pool *tp);

/* ---- Independent raw scan ---------------------------------------------- */
struct scan {
	uint64_t leaves[S2_LEVELS];   /* leaf descriptors per level */
	uint64_t tables;              /* non-root tables reachable */
	uint64_t bad;                 /* descriptors that should not exist */
	uint64_t mapped_bytes;
};
/* Walks space's tables using only the descriptor constants. */
void scan_space(const struct s2_space *space, struct scan *out);
/* Pages of the pool in use that are not reachable from the root (leaks). */
long scan_leaked(const struct s2_space *space, const struct scan *scan);

/* ---- Expectations ------------------------------------------------------ */
/* Leaves per level the optimal mapping of one range uses (formula, not greedy). */
void expected_leaves(const struct s2_space *space, uint64_t ipa, uint64_t pa,
		     uint64_t size, uint64_t counts[S2_LEVELS]);
/* Descriptor bits expected for attrs, built from the named fields. */
uint64_t expected_attr_bits(s2_attr_t attrs);
/* Full check of a walked leaf descriptor against ipa/pa/attrs; returns a
 * short reason or NULL when it is right. */
const char *leaf_mismatch(const struct s2_leaf *leaf, uint64_t ipa,
			  uint64_t pa, s2_attr_t attrs);

/* A random valid attribute set. */
s2_attr_t random_attrs(uint64_t *rng);

#endif /* TESTS_STAGE2_S2_TEST_H */
