/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * TLB maintenance and table publication for stage-2 translation: the HAL
 * the portable subsys/mm code calls after it changes tables. arm64 implements
 * it in arch/arm64/mm/tlb.c; the host unit tests supply a recording fake.
 *
 * Arm ARM (DDI 0487) D8 "Translation Lookaside Buffers (TLBs)", "TLB
 * maintenance instructions" and "Using break-before-make when updating
 * translation table entries".
 */
#ifndef MONADIC_HAL_TLB_H
#define MONADIC_HAL_TLB_H

#include <stdint.h>

/* level argument when the level of the removed entry is not a leaf level. */
#define HAL_TLB_LEVEL_ANY (-1)

/*
 * Makes earlier translation table writes visible to the table walkers of
 * every PE in the Inner Shareable domain (arm64: DSB ISHST). Needed before
 * a new table becomes reachable and before a guest runs on new mappings;
 * no TLB invalidation is needed for an entry that was invalid, since the
 * TLBs never hold entries that fault ("Translation Lookaside Buffers").
 */
void hal_s2_table_sync(void);

/*
 * Invalidates, on every PE, the cached stage-2 entries (at every level,
 * walk caches included) for one IPA of the VM whose VTTBR_EL2 value is
 * vttbr, and the combined stage-1+2 entries of that VM. level (1..3) is the
 * level of the removed leaf, usable as a TTL hint, or HAL_TLB_LEVEL_ANY.
 * Publishes earlier table writes first (includes hal_s2_table_sync) and
 * returns once the invalidation is complete.
 */
void hal_s2_tlb_flush_ipa(uint64_t vttbr, uint64_t ipa, int level);

/* Same, for every IPA of the VM (stage 1 and stage 2 entries of the VMID). */
void hal_s2_tlb_flush_vmid(uint64_t vttbr);

#endif /* MONADIC_HAL_TLB_H */
