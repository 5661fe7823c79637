/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The Exception Syndrome Register's fields (Arm ARM D19 ESR_ELx, D17.2
 * "Exception classes"): one map for the hypervisor's trap decoding (ESR_EL2)
 * and the guest SDK's fault handling (ESR_EL1), which share the layout.
 */
#ifndef MONADIC_REGS_ESR_H
#define MONADIC_REGS_ESR_H

#define ESR_EC_SHIFT 26
#define ESR_EC_MASK 0x3fUL
#define ESR_EC(esr) (((esr) >> ESR_EC_SHIFT) & ESR_EC_MASK)
#define ESR_IL (1UL << 25)             /* a 32-bit instruction */
#define ESR_ISS_MASK 0x1ffffffUL

/* Exception classes (ESR_ELx.EC). */
#define ESR_EC_UNKNOWN 0x00
#define ESR_EC_WFX 0x01
#define ESR_EC_FP_ASIMD 0x07
#define ESR_EC_PAC 0x09
#define ESR_EC_BTI 0x0d
#define ESR_EC_ILLEGAL 0x0e
#define ESR_EC_SVC64 0x15
#define ESR_EC_HVC64 0x16
#define ESR_EC_SMC64 0x17
#define ESR_EC_SYS64 0x18
#define ESR_EC_SVE 0x19
#define ESR_EC_FPAC 0x1c
#define ESR_EC_IABT_LOW 0x20
#define ESR_EC_IABT_CUR 0x21
#define ESR_EC_PC_ALIGN 0x22
#define ESR_EC_DABT_LOW 0x24
#define ESR_EC_DABT_CUR 0x25
#define ESR_EC_SP_ALIGN 0x26
#define ESR_EC_SERROR 0x2f
#define ESR_EC_BRK64 0x3c

/* Data/instruction abort ISS fields. */
#define ESR_ISS_DABT_ISV (1UL << 24)
#define ESR_ISS_DABT_WNR (1UL << 6)
#define ESR_ISS_ABT_S1PTW (1UL << 7)
#define ESR_ISS_ABT_EA (1UL << 9)
#define ESR_ISS_ABT_FNV (1UL << 10)
#define ESR_ISS_FSC_MASK 0x3fUL
#define ESR_ISS_DABT_SAS_SHIFT 22
#define ESR_ISS_DABT_SSE (1UL << 21)
#define ESR_ISS_DABT_SRT_SHIFT 16
#define ESR_ISS_DABT_SF (1UL << 15)
/* Fault status codes (ISS.DFSC / IFSC). */
#define ESR_FSC_TRANS_L0 0x04UL      /* translation fault, levels 0..3 = 0x04..0x07 */
#define ESR_FSC_TRANS_L3 0x07UL
#define ESR_FSC_SYNC_EXTERNAL 0x10UL
/* WFx ISS: TI[0] = 1 for WFE. */
#define ESR_ISS_WFX_WFE 1UL

#endif
