/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * hal_firmware_psci(fn, a1, a2, a3): an SMC Calling Convention call
 * (Arm DEN 0028) to the firmware at EL3, or to QEMU standing in for it.
 * At EL2 only SMC reaches it (HVC would trap to ourselves); the devicetree's
 * psci node must say method = "smc", which boot checks.
 */
	.text
	.globl hal_firmware_psci
hal_firmware_psci:
	smc	#0
	ret
