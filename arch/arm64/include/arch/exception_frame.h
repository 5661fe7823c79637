/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* The register frame vectors.S saves; offsets shared by C and assembly. */
#ifndef ARCH_EXCEPTION_FRAME_H
#define ARCH_EXCEPTION_FRAME_H

#define EXC_FRAME_X0 0
#define EXC_FRAME_ELR (32 * 8)   /* after x0..x30 and sp */
#define EXC_FRAME_ESR (34 * 8)
#define EXC_FRAME_SIZE (36 * 8)  /* a multiple of 16: SP stays aligned */

#ifndef __ASSEMBLER__
#include <stdint.h>

struct exception_frame {
	uint64_t x[31];
	uint64_t sp;
	uint64_t elr;
	uint64_t spsr;
	uint64_t esr;
	uint64_t far;
};

_Static_assert(sizeof(struct exception_frame) == EXC_FRAME_SIZE, "frame layout");
_Static_assert(__builtin_offsetof(struct exception_frame, elr) == EXC_FRAME_ELR, "elr");
_Static_assert(__builtin_offsetof(struct exception_frame, esr) == EXC_FRAME_ESR, "esr");

/* Called by the vectors; 'kind' is the vector index 0..15. */
void el2_exception(struct exception_frame *frame, unsigned long kind);
#endif

#endif
