/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* Nothing to do before the VMs start: the devicetree describes them. */

int main(void)
{
	return 0;
}
