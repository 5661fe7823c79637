/* SPDX-License-Identifier: BSD-2-Clause-Patent */
int main(void)
{
	return 0;
}
