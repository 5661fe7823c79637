/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* What the SDK's files share and guests do not see. */
#ifndef GUEST_INTERNAL_H
#define GUEST_INTERNAL_H

#include "guest_asm.h"

#include <stddef.h>
#include <stdint.h>

/* Saved by vectors.S; offsets in guest_asm.h. */
struct guest_frame {
	uint64_t x[31];
	uint64_t elr;
	uint64_t spsr;
	uint64_t pad;    /* keeps SP 16-byte aligned */
};

_Static_assert(sizeof(struct guest_frame) == FRAME_SIZE, "FRAME_SIZE");
_Static_assert(offsetof(struct guest_frame, x[30]) == FRAME_X30, "FRAME_X30");
_Static_assert(offsetof(struct guest_frame, elr) == FRAME_ELR, "FRAME_ELR");
_Static_assert(offsetof(struct guest_frame, spsr) == FRAME_SPSR, "FRAME_SPSR");

/* Called from vectors.S. */
void guest_exception(struct guest_frame *frame, unsigned int kind);

/* exception.c: true if an armed expectation took this synchronous
 * exception (the frame then resumes past it). */
int guest_fault_take(struct guest_frame *frame, uint64_t esr, uint64_t far);

/* Called from start.S. */
_Noreturn void guest_boot(const void *dtb);
_Noreturn void guest_secondary_main(unsigned int cpu);
extern char guest_secondary_entry[];
extern char __guest_image_start[], __guest_image_end[];

#endif
