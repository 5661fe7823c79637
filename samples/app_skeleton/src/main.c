/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* Runs at EL2 once Monadic is up, before the VMs start. */

#include <monadic/printk.h>

int main(void)
{
	printk("app_skeleton: starting my_vm\n");
	return 0;
}
