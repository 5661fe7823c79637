/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* Whether the EL2 MMU is on yet (monadic/mmu_state.h). A flag, not
 * SCTLR_EL2.M: printk asks before we know we are at EL2. Apart from the
 * table building (boot/mmu.c) so the console can ask without depending
 * on the boot layer. */

#include <arch/mmu.h>
#include <monadic/mmu_state.h>

static bool mmu_on;

void mmu_mark_on(void)
{
	mmu_on = true;
}

bool mmu_is_on(void)
{
	return mmu_on;
}
