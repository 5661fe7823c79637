/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* The VMs are all in the devicetree; nothing to do before they start. */

int main(void)
{
	return 0;
}
