/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* The VM: an EL1 guest built with the guest SDK (docs/guest-sdk.md). When
 * main() returns the SDK powers the VM off; the last VM off ends the run. */

#include <monadic/guest/sdk.h>

int main(void)
{
	guest_printf("Hello from my_vm, bootargs '%s'\n", guest_info.bootargs);
	return 0;
}
