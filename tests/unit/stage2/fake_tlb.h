/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Recording fake of <monadic/hal/tlb.h> for host tests: every call is
 * logged in order, and an optional hook runs at each flush so a test can
 * check the tables at that instant (break-before-make).
 */
#ifndef TESTS_STAGE2_FAKE_TLB_H
#define TESTS_STAGE2_FAKE_TLB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum fake_op { FAKE_SYNC, FAKE_FLUSH_IPA, FAKE_FLUSH_VMID };

struct fake_call {
	enum fake_op op;
	uint64_t vttbr;
	uint64_t ipa;
	int level;
};

#define FAKE_LOG_MAX 65536

struct fake_tlb {
	struct fake_call log[FAKE_LOG_MAX];
	size_t n;               /* calls logged (capped at FAKE_LOG_MAX) */
	size_t lost;            /* calls past the cap */
	size_t syncs, ipa_flushes, vmid_flushes;
	void (*hook)(const struct fake_call *call);
};

extern struct fake_tlb fake_tlb;

void fake_tlb_reset(void);
/* A flush logged at index >= from invalidates [ipa, ipa + size) of vttbr. */
bool fake_tlb_covers(size_t from, uint64_t vttbr, uint64_t ipa, uint64_t size);
/* Index of the first flush (IPA or VMID) logged at or after from, or n. */
size_t fake_tlb_first_flush(size_t from);

#endif /* TESTS_STAGE2_FAKE_TLB_H */
