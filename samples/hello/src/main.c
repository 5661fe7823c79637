/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Hello: the hypervisor boots, every CPU of the devicetree comes online at
 * EL2, and this app checks that each one reported in.
 */

#include <monadic/cpus.h>
#include <monadic/mhv.h>
#include <monadic/printk.h>

int main(void)
{
	unsigned int at_el2 = 0;

	for (unsigned int i = 0; i < mhv_cpu_count; i++) {
		const struct cpu_info *c = cpu_get(i);

		if (c->online && c->regs.current_el == 2)
			at_el2++;
	}
	printk("Hello from Monadic on %s\n", mhv_board_target);
	printk("All-CPUs check: %u of %u CPUs online at EL2: %s\n", at_el2, mhv_cpu_count,
	       at_el2 == mhv_cpu_count ? "PASS" : "FAIL");
	return at_el2 == mhv_cpu_count ? 0 : 1;
}
