/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* The VMs and the function they share out are all in the devicetree. */

int main(void)
{
	return 0;
}
