/* SPDX-License-Identifier: BSD-2-Clause-Patent */
#include <monadic/hal/tlb.h>

#include "fake_tlb.h"

struct fake_tlb fake_tlb;

static void record(enum fake_op op, uint64_t vttbr, uint64_t ipa, int level)
{
	struct fake_call call = { op, vttbr, ipa, level };

	if (fake_tlb.n < FAKE_LOG_MAX)
		fake_tlb.log[fake_tlb.n++] = call;
	else
		fake_tlb.lost++;
	if (op != FAKE_SYNC && fake_tlb.hook != NULL)
		fake_tlb.hook(&call);
}

void fake_tlb_reset(void)
{
	fake_tlb.n = 0;
	fake_tlb.lost = 0;
	fake_tlb.syncs = fake_tlb.ipa_flushes = fake_tlb.vmid_flushes = 0;
	fake_tlb.hook = NULL;
}

void hal_s2_table_sync(void)
{
	fake_tlb.syncs++;
	record(FAKE_SYNC, 0, 0, 0);
}

void hal_s2_tlb_flush_ipa(uint64_t vttbr, uint64_t ipa, int level)
{
	fake_tlb.ipa_flushes++;
	record(FAKE_FLUSH_IPA, vttbr, ipa, level);
}

void hal_s2_tlb_flush_vmid(uint64_t vttbr)
{
	fake_tlb.vmid_flushes++;
	record(FAKE_FLUSH_VMID, vttbr, 0, 0);
}

bool fake_tlb_covers(size_t from, uint64_t vttbr, uint64_t ipa, uint64_t size)
{
	for (size_t i = from; i < fake_tlb.n; i++) {
		const struct fake_call *c = &fake_tlb.log[i];

		if (c->vttbr != vttbr)
			continue;
		if (c->op == FAKE_FLUSH_VMID)
			return true;
		if (c->op == FAKE_FLUSH_IPA && c->ipa >= ipa && c->ipa - ipa < size)
			return true;
	}
	return false;
}

size_t fake_tlb_first_flush(size_t from)
{
	for (size_t i = from; i < fake_tlb.n; i++)
		if (fake_tlb.log[i].op != FAKE_SYNC)
			return i;
	return fake_tlb.n;
}
