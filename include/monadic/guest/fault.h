/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Synchronous exceptions at EL1. An unexpected one is reported (ESR, its
 * class, FAR, ELR) as a FAIL line and the guest powers off. A test that
 * *wants* a fault arms an expectation first:
 *
 *     guest_fault_expect();
 *     (void)*(volatile uint32_t *)bad;
 *     if (guest_fault_caught(&f)) ... f.esr, f.far ...
 *
 * The next synchronous exception on this CPU is then recorded instead of
 * reported, and execution resumes after the faulting instruction; for an
 * instruction abort (a call through a bad pointer) it resumes at the
 * return address in x30, as if the call had returned.
 */
#ifndef MONADIC_GUEST_FAULT_H
#define MONADIC_GUEST_FAULT_H

#include <stdbool.h>
#include <stdint.h>

#include <monadic/regs/esr.h>   /* ESR_EL1 has ESR_EL2's layout */

struct guest_fault {
	uint64_t esr;
	uint64_t far;
	uint64_t elr;
};

/* Arm: the next synchronous exception on this CPU is expected. */
void guest_fault_expect(void);

/* Disarm; true (and *out filled) if an exception was caught since the
 * matching guest_fault_expect(). */
bool guest_fault_caught(struct guest_fault *out);

/* Probe an address; true if the access faulted (fault in *f). A read
 * that faulted leaves 0 in *val. */
bool guest_probe_read32(uintptr_t addr, uint32_t *val, struct guest_fault *f);
bool guest_probe_write32(uintptr_t addr, uint32_t val, struct guest_fault *f);
/* Branch-and-link to addr; true if the instruction fetch faulted. */
bool guest_probe_exec(uintptr_t addr, struct guest_fault *f);

/* True if f is an abort of the expected kind at addr: a data abort
 * (write selects WnR) or instruction abort with a translation fault or
 * an external abort, and FAR == addr unless FAR is marked not valid. */
bool guest_fault_is_abort_at(const struct guest_fault *f, uintptr_t addr,
			     bool instruction, bool write);

#endif
