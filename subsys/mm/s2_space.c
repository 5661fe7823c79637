/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Life of a VM's stage-2 address space: root allocation, VTTBR_EL2 value,
 * teardown, and the argument checks shared by map and unmap.
 */
#include <monadic/hal/tlb.h>
#include <monadic/mm/stage2_regs.h>

#include "s2_internal.h"

int s2_init(struct s2_space *space, uint16_t vmid, unsigned int ipa_bits,
	    struct s2_pool *pool)
{
	unsigned int level, tables;
	int err;

	if (space == NULL || pool == NULL || pool->pages == NULL)
		return -MHV_EINVAL;
	space->ready = false;
	err = s2_geometry(ipa_bits, &level, &tables);
	if (err)
		return err;
	/* A concatenated root is one aligned block of tables (VTTBR_EL2.BADDR). */
	space->root = s2_pool_alloc_root(pool, tables);
	if (space->root == NULL)
		return -MHV_ENOMEM;
	space->pool = pool;
	space->ipa_size = UINT64_C(1) << ipa_bits;
	space->vmid = vmid;
	space->ipa_bits = (uint8_t)ipa_bits;
	space->start_level = (uint8_t)level;
	space->root_tables = (uint8_t)tables;
	space->ready = true;
	hal_s2_table_sync();  /* the cleared root before VTTBR_EL2 points at it */
	return 0;
}

void s2_destroy(struct s2_space *space)
{
	if (space == NULL || !space->ready)
		return;
	/* The whole space: no block straddles its ends, nothing to split. */
	(void)s2_unmap_clear(space, 0, space->ipa_size);
	hal_s2_tlb_flush_vmid(s2_vttbr(space));
	for (unsigned int i = 0; i < space->root_tables; i++)
		s2_pool_free(space->pool, &space->root[i]);
	space->ready = false;
	space->root = NULL;
}

uint64_t s2_vttbr(const struct s2_space *space)
{
	if (space == NULL || !space->ready)
		return 0;
	return (s2_pool_pa(space->root) & VTTBR_EL2_BADDR_MASK) |
	       ((uint64_t)space->vmid << VTTBR_EL2_VMID_SHIFT);
}

int s2_check_range(const struct s2_space *space, uint64_t ipa, uint64_t size)
{
	if (space == NULL || !space->ready)
		return -MHV_EINVAL;
	if (size == 0 || ((ipa | size) & (S2_GRANULE_SIZE - 1)) != 0)
		return -MHV_EINVAL;
	if (ipa >= space->ipa_size || size > space->ipa_size - ipa)
		return -MHV_ERANGE;
	return 0;
}
