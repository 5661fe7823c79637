/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* The VMs and their channels are all in app.overlay. */

int main(void)
{
	return 0;
}
