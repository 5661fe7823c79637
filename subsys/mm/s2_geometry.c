/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Shape of a stage-2 walk for a given IPA size, 4 KB granule.
 *
 * A table at level l resolves 9 address bits above S2_LEVEL_SHIFT(l); the
 * initial lookup level may also concatenate up to 16 tables and so resolve
 * up to 4 more (Arm ARM D8, "Concatenated translation tables for the
 * initial stage 2 lookup"). The fewest levels are used, as Linux KVM does:
 *
 *   IPA bits   start level   root tables   VTCR_EL2.SL0
 *   32..34     2             4..16         0b00
 *   35..38     1             1 (partial)   0b01
 *   39         1             1             0b01
 *   40..43     1             2..16         0b01
 *   44..48     0             1 (partial)   0b10
 *
 * Each start level stays within the T0SZ range the Arm ARM allows for it
 * with a 4 KB granule (level 0: T0SZ 16..24, level 1: 21..33, level 2:
 * 30..39), and level 0 is only used for IPAs of 44 bits or more, which
 * need a PA range of at least 44 bits (s2_vtcr refuses ipa_bits > pa_bits).
 */
#include "s2_internal.h"

int s2_geometry(unsigned int ipa_bits, unsigned int *start_level,
		unsigned int *root_tables)
{
	unsigned int level;

	if (ipa_bits < S2_IPA_BITS_MIN || ipa_bits > S2_IPA_BITS_MAX)
		return -MHV_EINVAL;
	/* Deepest (largest-numbered) level whose root can resolve the rest. */
	for (level = S2_MAX_LEVEL - 1; level > S2_MIN_LEVEL; level--) {
		if (ipa_bits <= S2_LEVEL_SHIFT(level) + S2_TABLE_SHIFT + S2_CONCAT_SHIFT)
			break;
	}
	if (start_level != NULL)
		*start_level = level;
	if (root_tables != NULL) {
		unsigned int root_bits = ipa_bits - S2_LEVEL_SHIFT(level);

		*root_tables = root_bits > S2_TABLE_SHIFT ?
			       1u << (root_bits - S2_TABLE_SHIFT) : 1u;
	}
	return 0;
}
