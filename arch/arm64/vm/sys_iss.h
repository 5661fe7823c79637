/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* The ISS of a trapped MSR/MRS (EC 0x18, Arm ARM D19 ESR_ELx): Op0, Op2,
 * Op1, CRn, Rt, CRm, direction. */
#ifndef ARM64_VM_SYS_ISS_H
#define ARM64_VM_SYS_ISS_H

#include <arch/sysreg.h>

#define SYS_ISS_REG_MASK 0x3ffc1eUL   /* Op0, Op2, Op1, CRn, CRm */
#define SYS_ISS(op0, op1, crn, crm, op2) \
	(FIELD(op0, 20) | FIELD(op2, 17) | FIELD(op1, 14) | FIELD(crn, 10) | FIELD(crm, 1))
#define SYS_ISS_READ BIT(0)
#define SYS_ISS_RT_SHIFT 5

#endif
