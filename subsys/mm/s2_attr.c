/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Portable attributes <-> stage-2 leaf descriptor bits (Arm ARM D8,
 * "Stage 2 memory region attributes", "Stage 2 data access permissions",
 * "Stage 2 instruction execution permissions", "The Access flag").
 *
 * Every leaf gets AF = 1: this code does not use hardware or software
 * access-flag management, and AF = 0 would fault on the first access.
 * SH is Inner Shareable for every type; for Device memory the field is
 * ignored and the access treated as Outer Shareable, as Linux KVM also
 * relies on.
 */
#include "s2_internal.h"

struct memtype {
	s2_attr_t attr;
	uint64_t memattr;
};

static const struct memtype memtypes[] = {
	{ S2_ATTR_MEM_NORMAL,        S2_MEMATTR_NORMAL_WB },
	{ S2_ATTR_MEM_NORMAL_NC,     S2_MEMATTR_NORMAL_NC },
	{ S2_ATTR_MEM_DEVICE_nGnRE,  S2_MEMATTR_DEVICE_nGnRE },
	{ S2_ATTR_MEM_DEVICE_nGnRnE, S2_MEMATTR_DEVICE_nGnRnE },
};

#define N_MEMTYPES (sizeof(memtypes) / sizeof(memtypes[0]))

static const struct memtype *memtype_of_attr(s2_attr_t attrs)
{
	for (size_t i = 0; i < N_MEMTYPES; i++)
		if (memtypes[i].attr == (attrs & S2_ATTR_MEM_MASK))
			return &memtypes[i];
	return NULL;
}

static const struct memtype *memtype_of_desc(uint64_t desc)
{
	uint64_t memattr = (desc & S2_PTE_LEAF_ATTR_LO_MEMATTR_MASK) >>
			   S2_PTE_LEAF_ATTR_LO_MEMATTR_SHIFT;

	for (size_t i = 0; i < N_MEMTYPES; i++)
		if (memtypes[i].memattr == memattr)
			return &memtypes[i];
	return NULL;
}

static bool is_device(s2_attr_t attrs)
{
	s2_attr_t mem = attrs & S2_ATTR_MEM_MASK;

	return mem == S2_ATTR_MEM_DEVICE_nGnRE || mem == S2_ATTR_MEM_DEVICE_nGnRnE;
}

bool s2_attr_valid(s2_attr_t attrs)
{
	if ((attrs & ~(S2_ATTR_PERM_MASK | S2_ATTR_MEM_MASK)) != 0)
		return false;
	if (memtype_of_attr(attrs) == NULL)
		return false;
	return !(is_device(attrs) && (attrs & S2_ATTR_X));
}

uint64_t s2_attr_to_desc(s2_attr_t attrs)
{
	const struct memtype *mt = memtype_of_attr(attrs);
	uint64_t desc = S2_PTE_LEAF_ATTR_LO_AF |
			((uint64_t)S2_SH_INNER << S2_PTE_LEAF_ATTR_LO_SH_SHIFT);

	if (mt != NULL)
		desc |= mt->memattr << S2_PTE_LEAF_ATTR_LO_MEMATTR_SHIFT;
	if (attrs & S2_ATTR_R)
		desc |= S2_PTE_LEAF_ATTR_LO_S2AP_R;
	if (attrs & S2_ATTR_W)
		desc |= S2_PTE_LEAF_ATTR_LO_S2AP_W;
	if (!(attrs & S2_ATTR_X))
		desc |= (uint64_t)S2_XN_ALL << S2_PTE_LEAF_ATTR_HI_XN_SHIFT;
	return desc;
}

int s2_desc_to_attr(uint64_t desc, s2_attr_t *attrs)
{
	const struct memtype *mt = memtype_of_desc(desc);
	uint64_t xn = (desc & S2_PTE_LEAF_ATTR_HI_XN_MASK) >>
		      S2_PTE_LEAF_ATTR_HI_XN_SHIFT;
	s2_attr_t a;

	if (mt == NULL || (xn != S2_XN_NONE && xn != S2_XN_ALL))
		return -MHV_EIO;
	a = mt->attr;
	if (desc & S2_PTE_LEAF_ATTR_LO_S2AP_R)
		a |= S2_ATTR_R;
	if (desc & S2_PTE_LEAF_ATTR_LO_S2AP_W)
		a |= S2_ATTR_W;
	if (xn == S2_XN_NONE)
		a |= S2_ATTR_X;
	*attrs = a;
	return 0;
}
