/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * VTCR_EL2 from named fields (Arm ARM D19/D23 "VTCR_EL2, Virtualization
 * Translation Control Register"). Table walks are Inner Shareable and
 * Write-Back Write-Allocate in both cache levels, which keeps them coherent
 * with the CPU's own stores to the tables (no cache maintenance needed).
 */
#include <monadic/mm/stage2_regs.h>

#include "s2_internal.h"

static int ps_field(unsigned int pa_bits, uint64_t *ps)
{
	switch (pa_bits) {
	case 32: *ps = VTCR_EL2_PS_32; return 0;
	case 36: *ps = VTCR_EL2_PS_36; return 0;
	case 40: *ps = VTCR_EL2_PS_40; return 0;
	case 42: *ps = VTCR_EL2_PS_42; return 0;
	case 44: *ps = VTCR_EL2_PS_44; return 0;
	case 48: *ps = VTCR_EL2_PS_48; return 0;
	default: return -MHV_EINVAL;  /* 52 bits needs FEAT_LPA2 / 64 KB granule */
	}
}

int s2_vtcr(unsigned int ipa_bits, unsigned int pa_bits, bool vmid16,
	    uint64_t *vtcr)
{
	unsigned int level;
	uint64_t ps;
	int err;

	if (vtcr == NULL)
		return -MHV_EINVAL;
	err = ps_field(pa_bits, &ps);
	if (err)
		return err;
	err = s2_geometry(ipa_bits, &level, NULL);
	if (err)
		return err;
	/* An IPA space wider than the PA range faults at level 0 (D8). */
	if (ipa_bits > pa_bits)
		return -MHV_EINVAL;

	*vtcr = VTCR_EL2_RES1 |
		VTCR_EL2_T0SZ(ipa_bits) |
		VTCR_EL2_SL0_4K(level) |
		((uint64_t)VTCR_EL2_RGN_WBWA << VTCR_EL2_IRGN0_SHIFT) |
		((uint64_t)VTCR_EL2_RGN_WBWA << VTCR_EL2_ORGN0_SHIFT) |
		/* TG0 = 4 KB is the encoding 0, named all the same. */
		/* cppcheck-suppress badBitmaskCheck */
		((uint64_t)VTCR_EL2_SH_INNER << VTCR_EL2_SH0_SHIFT) |
		((uint64_t)VTCR_EL2_TG0_4K << VTCR_EL2_TG0_SHIFT) |
		(ps << VTCR_EL2_PS_SHIFT) |
		(vmid16 ? VTCR_EL2_VS : 0);
	return 0;
}
