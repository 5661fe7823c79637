/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Decoding the Exception Syndrome Register (Arm ARM D19 ESR_EL2 and
 * D17.2 "Exception classes"). Pure functions of the register value, so the
 * host unit tests check them.
 */
#ifndef ARCH_ESR_H
#define ARCH_ESR_H

#include <stddef.h>
#include <stdint.h>

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
#define ESR_FSC_SYNC_EXTERNAL 0x10UL
/* WFx ISS: TI[0] = 1 for WFE. */
#define ESR_ISS_WFX_WFE 1UL

unsigned int esr_ec(uint64_t esr);
const char *esr_class_name(unsigned int ec);

/* The fault status code of an abort: "translation fault, level 2". */
const char *esr_fsc_name(unsigned int fsc);
int esr_fsc_level(unsigned int fsc);  /* -1 when the code has no level */

/* One line for a human: class, then the ISS decoded where we know it. */
int esr_describe(uint64_t esr, char *buf, size_t size);

/* "Synchronous, current EL with SP_ELx" for vector index 0..15. */
const char *exception_vector_name(unsigned long kind);

#endif
