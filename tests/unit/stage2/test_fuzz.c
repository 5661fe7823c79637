/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Property test: random sequences of map / unmap / translate on a small
 * IPA window, compared with a reference model (a sorted list of ranges).
 * Run with a roomy pool and with a tight one, where maps and splits fail
 * with -MHV_ENOMEM and must leave the translation exactly as it was.
 * After every batch: each leaf agrees with the model, the mapped byte
 * count matches, no table leaks, break-before-make held at every flush.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <monadic/mm/stage2.h>

#include "unit.h"
#include "fake_tlb.h"
#include "s2_test.h"

#define MODEL_MAX 8192

struct mrange { uint64_t ipa, pa, size; s2_attr_t attrs; };

struct model {
	struct mrange r[MODEL_MAX];
	size_t n;
};

static bool model_overlaps(const struct model *m, uint64_t ipa, uint64_t size)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->r[i].ipa < ipa + size && ipa < m->r[i].ipa + m->r[i].size)
			return true;
	return false;
}

static int cmp_range(const void *a, const void *b)
{
	const struct mrange *x = a, *y = b;

	return x->ipa < y->ipa ? -1 : x->ipa > y->ipa;
}

static void model_add(struct model *m, struct mrange r)
{
	if (m->n == MODEL_MAX) {
		fprintf(stderr, "model full\n");
		abort();
	}
	m->r[m->n++] = r;
	qsort(m->r, m->n, sizeof(m->r[0]), cmp_range);
}

static void model_remove(struct model *m, uint64_t ipa, uint64_t size)
{
	struct model *out = malloc(sizeof(*out));
	uint64_t end = ipa + size;

	out->n = 0;
	for (size_t i = 0; i < m->n; i++) {
		struct mrange r = m->r[i];
		uint64_t rend = r.ipa + r.size;

		if (rend <= ipa || r.ipa >= end) {
			out->r[out->n++] = r;
			continue;
		}
		if (r.ipa < ipa)
			out->r[out->n++] = (struct mrange){ r.ipa, r.pa, ipa - r.ipa, r.attrs };
		if (rend > end)
			out->r[out->n++] = (struct mrange){ end, r.pa + (end - r.ipa), rend - end, r.attrs };
	}
	memcpy(m, out, sizeof(*m));
	free(out);
}

static const struct mrange *model_find(const struct model *m, uint64_t ipa)
{
	for (size_t i = 0; i < m->n; i++)
		if (ipa >= m->r[i].ipa && ipa - m->r[i].ipa < m->r[i].size)
			return &m->r[i];
	return NULL;
}

static uint64_t model_bytes(const struct model *m)
{
	uint64_t b = 0;

	for (size_t i = 0; i < m->n; i++)
		b += m->r[i].size;
	return b;
}

/* ---- comparing the tables with the model ------------------------------ */

struct cmp_ctx { const struct model *m; uint64_t bytes, bad; };

static int cmp_leaf(void *ctx, const struct s2_leaf *leaf)
{
	struct cmp_ctx *c = ctx;
	const struct mrange *r = model_find(c->m, leaf->ipa);

	c->bytes += leaf->size;
	if (r == NULL || leaf->ipa + leaf->size > r->ipa + r->size ||
	    leaf->pa != r->pa + (leaf->ipa - r->ipa) ||
	    leaf_mismatch(leaf, leaf->ipa, leaf->pa, r->attrs) != NULL)
		c->bad++;
	return 0;
}

static const struct s2_space *watched;
static unsigned long bbm_bad;

static void bbm_hook(const struct fake_call *call)
{
	if (call->op == FAKE_FLUSH_IPA &&
	    s2_translate(watched, call->ipa, NULL, NULL) != -MHV_ENOENT)
		bbm_bad++;
}

/* ---- random operations ------------------------------------------------ */

static uint64_t rand_size(uint64_t *rng)
{
	switch (rng_below(rng, 6)) {
	case 0: return (1 + rng_below(rng, 8)) * SZ_4K;
	case 1: return (1 + rng_below(rng, 600)) * SZ_4K;
	case 2: return (1 + rng_below(rng, 4)) * SZ_2M;
	case 3: return (1 + rng_below(rng, 300)) * SZ_2M + rng_below(rng, 3) * SZ_4K;
	case 4: return SZ_1G;
	default: return (1 + rng_below(rng, 2)) * SZ_1G + rng_below(rng, 2) * SZ_2M;
	}
}

static uint64_t rand_addr(uint64_t *rng, uint64_t base, uint64_t window)
{
	static const uint64_t align[] = { SZ_4K, SZ_2M, SZ_1G };
	uint64_t a = align[rng_below(rng, 3)];

	return base + rng_below(rng, window / a) * a;
}

struct stats { unsigned long maps, map_ok, eexist, enomem, unmaps, unmap_ok, unmap_enomem, xlates; };

static void run(uint64_t seed, unsigned int bits, uint64_t base, size_t pool_pages,
		unsigned long ops, const char *name)
{
	static struct model m;
	uint64_t rng = seed ^ (bits * UINT64_C(0x100000001)) ^ pool_pages;
	const uint64_t window = 16 * SZ_1G;
	struct test_pool tp;
	struct s2_space s;
	struct stats st = { 0 };
	unsigned long mismatches = 0, consistency_bad = 0, checks = 0;
	size_t free0;

	m.n = 0;
	fake_tlb_reset();
	test_pool_new(&tp, pool_pages, 0);
	s2_init(&s, 11, bits, &tp.pool);
	free0 = s2_pool_free_pages(&tp.pool);
	watched = &s;
	bbm_bad = 0;
	fake_tlb.hook = bbm_hook;

	for (unsigned long op = 0; op < ops; op++) {
		uint64_t r = rng_below(&rng, 100);

		if (r < 45) {
			struct mrange mr;
			uint64_t pa_base = rng_below(&rng, 1024) * SZ_1G;
			int err;

			mr.ipa = rand_addr(&rng, base, window);
			mr.size = rand_size(&rng);
			if (mr.ipa + mr.size > base + window)
				mr.size = base + window - mr.ipa;
			/* PA congruent mod 1 GB, 2 MB or 4 KB */
			mr.pa = pa_base + (mr.ipa % SZ_1G) +
				(uint64_t[]){ 0, SZ_2M, SZ_4K }[rng_below(&rng, 3)] * rng_below(&rng, 2);
			mr.attrs = random_attrs(&rng);
			st.maps++;
			err = s2_map(&s, mr.ipa, mr.pa, mr.size, mr.attrs);
			if (model_overlaps(&m, mr.ipa, mr.size)) {
				mismatches += err != -MHV_EEXIST;
				st.eexist += err == -MHV_EEXIST;
			} else if (err == -MHV_ENOMEM) {
				st.enomem++;
				/* nothing of the range may be left mapped */
				for (int k = 0; k < 8; k++)
					mismatches += s2_translate(&s, mr.ipa + rng_below(&rng, mr.size / SZ_4K) * SZ_4K,
								   NULL, NULL) != -MHV_ENOENT;
			} else {
				mismatches += err != 0;
				if (err == 0) {
					st.map_ok++;
					model_add(&m, mr);
				}
			}
		} else if (r < 70) {
			uint64_t ipa = rand_addr(&rng, base, window);
			uint64_t size = rand_size(&rng);
			int err;

			if (ipa + size > base + window)
				size = base + window - ipa;
			st.unmaps++;
			err = s2_unmap(&s, ipa, size);
			if (err == 0) {
				st.unmap_ok++;
				model_remove(&m, ipa, size);
			} else if (err == -MHV_ENOMEM) {
				st.unmap_enomem++;   /* translation must be unchanged: checked below */
			} else {
				mismatches++;
			}
		} else {
			uint64_t ipa = base + rng_below(&rng, window);
			const struct mrange *mr = model_find(&m, ipa);
			uint64_t pa = 0;
			s2_attr_t attrs = 0;
			int err = s2_translate(&s, ipa, &pa, &attrs);

			st.xlates++;
			if (mr == NULL)
				mismatches += err != -MHV_ENOENT;
			else
				mismatches += err != 0 || pa != mr->pa + (ipa - mr->ipa) || attrs != mr->attrs;
		}

		if (op % 256 == 255 || op + 1 == ops) {
			struct cmp_ctx c = { &m, 0, 0 };
			struct scan scan;

			checks++;
			s2_for_each_leaf(&s, cmp_leaf, &c);
			scan_space(&s, &scan);
			if (c.bad || c.bytes != model_bytes(&m) || scan.bad || scan_leaked(&s, &scan) != 0)
				consistency_bad++;
		}
	}
	printf("  %s: %lu maps (%lu ok, %lu overlap, %lu ENOMEM), %lu unmaps (%lu ok, %lu ENOMEM), "
	       "%lu translates, %zu model ranges, %zu IPA + %zu VMID flushes\n",
	       name, st.maps, st.map_ok, st.eexist, st.enomem, st.unmaps, st.unmap_ok,
	       st.unmap_enomem, st.xlates, m.n, fake_tlb.ipa_flushes, fake_tlb.vmid_flushes);
	CHECK(mismatches == 0, "%s: %lu ops agree with the reference model (%lu mismatches)",
	      name, ops, mismatches);
	CHECK(consistency_bad == 0, "%s: %lu full comparisons: leaves == model, no stray "
	      "descriptor, no leaked table (%lu bad)", name, checks, consistency_bad);
	CHECK(bbm_bad == 0, "%s: break-before-make held at every IPA flush", name);
	CHECK(st.map_ok > 0 && st.eexist > 0 && st.unmap_ok > 0,
	      "%s: the sequence exercised successful maps, overlaps and unmaps", name);
	if (pool_pages < 64)
		CHECK(st.enomem > 0 && st.unmap_enomem > 0,
		      "%s: the tight pool made maps and splits fail", name);

	{
		int err = s2_unmap(&s, base, window);
		size_t free1 = s2_pool_free_pages(&tp.pool);

		CHECK(err == 0 && free1 == free0,
		      "%s: unmapping the window frees every table (%zu of %zu free)", name, free1, free0);
	}
	s2_destroy(&s);
	test_pool_free(&tp);
	fake_tlb_reset();
}

int main(void)
{
	uint64_t seed = test_seed(UINT64_C(0xf022));

	run(seed, 40, 500 * SZ_1G, 4096, 20000, "40-bit roomy");
	run(seed, 39, 0, 4096, 20000, "39-bit roomy");
	run(seed, 48, (UINT64_C(1) << 47) - 8 * SZ_1G, 4096, 20000, "48-bit roomy (straddles a level-0 entry)");
	run(seed, 40, 510 * SZ_1G, 12, 20000, "40-bit tight pool (10 tables)");
	run(seed, 44, 4 * SZ_1G, 10, 20000, "44-bit tight pool (9 tables)");
	return unit_done();
}
