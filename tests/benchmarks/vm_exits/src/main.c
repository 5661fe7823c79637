/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* The benchmark guest is the VM of app.overlay; nothing to do here. */

int main(void)
{
	return 0;
}
