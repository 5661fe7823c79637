/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Decoding the Exception Syndrome Register (Arm ARM D19 ESR_EL2 and
 * D17.2 "Exception classes"). Pure functions of the register value, so the
 * host unit tests check them.
 */
#ifndef ARCH_ESR_H
#define ARCH_ESR_H

#include <monadic/regs/esr.h>
#include <stddef.h>
#include <stdint.h>

static inline unsigned int esr_ec(uint64_t esr)
{
	return (unsigned int)((esr >> ESR_EC_SHIFT) & ESR_EC_MASK);
}

const char *esr_class_name(unsigned int ec);

/* The fault status code of an abort: "translation fault, level 2". */
const char *esr_fsc_name(unsigned int fsc);
int esr_fsc_level(unsigned int fsc);  /* -1 when the code has no level */

/* One line for a human: class, then the ISS decoded where we know it. */
int esr_describe(uint64_t esr, char *buf, size_t size);

/* "Synchronous, current EL with SP_ELx" for vector index 0..15. */
const char *exception_vector_name(unsigned long kind);

#endif
