/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * What the vectors call for everything but an IRQ (which has its own
 * entry, to the GIC dispatcher): a synchronous exception a test armed for
 * is recorded and skipped, anything else is reported as a FAIL line and
 * the guest powers off.
 */
#include "internal.h"

#include <monadic/guest/console.h>
#include <monadic/guest/cpu.h>
#include <monadic/guest/fault.h>
#include <monadic/guest/sysreg.h>
#include <monadic/guest/test.h>

#define A64_INSN_SIZE 4U
#define LR 30

struct fault_state {
	volatile uint32_t armed;
	volatile uint32_t caught;
	struct guest_fault rec;
};

static struct fault_state fault_state[GUEST_MAX_CPUS];

static const char *const vector_names[] = {
	[VEC_SYNC] = "synchronous",
	[VEC_IRQ] = "IRQ",
	[VEC_FIQ] = "FIQ",
	[VEC_SERROR] = "SError",
	[VEC_SP0] = "exception on SP_EL0",
	[VEC_LOWER] = "exception from EL0",
};

void guest_fault_expect(void)
{
	struct fault_state *s = &fault_state[guest_cpu_index()];

	s->caught = 0;
	s->armed = 1;
	/* The access under test must come after the arming. */
	guest_dsb();
}

bool guest_fault_caught(struct guest_fault *out)
{
	struct fault_state *s = &fault_state[guest_cpu_index()];

	guest_dsb();
	s->armed = 0;
	if (s->caught && out)
		*out = s->rec;
	return s->caught;
}

int guest_fault_take(struct guest_frame *frame, uint64_t esr, uint64_t far)
{
	struct fault_state *s = &fault_state[guest_cpu_index()];

	if (!s->armed)
		return 0;
	s->rec = (struct guest_fault){ .esr = esr, .far = far, .elr = frame->elr };
	s->armed = 0;
	s->caught = 1;
	/* An instruction abort's ELR is the bad target itself: resume at
	 * the caller, as if the branch-and-link had returned. */
	if (ESR_EC(esr) == ESR_EC_IABT_CUR)
		frame->elr = frame->x[LR];
	else
		frame->elr += A64_INSN_SIZE;
	return 1;
}

static _Noreturn void report(const struct guest_frame *frame, unsigned int kind,
			     uint64_t esr, uint64_t far)
{
	guest_check(false, "unexpected exception",
		    "%s on CPU%u: ESR 0x%016llx (EC 0x%02llx) FAR 0x%016llx ELR 0x%016llx "
		    "SPSR 0x%08llx LR 0x%016llx",
		    kind < sizeof(vector_names) / sizeof(vector_names[0]) ? vector_names[kind] : "?",
		    guest_cpu_index(), (unsigned long long)esr,
		    (unsigned long long)ESR_EC(esr), (unsigned long long)far,
		    (unsigned long long)frame->elr, (unsigned long long)frame->spsr,
		    (unsigned long long)frame->x[LR]);
	guest_test_finish();
}

void guest_exception(struct guest_frame *frame, unsigned int kind)
{
	uint64_t esr = guest_read_sysreg(esr_el1);
	uint64_t far = guest_read_sysreg(far_el1);

	if (kind == VEC_SYNC && guest_fault_take(frame, esr, far))
		return;
	report(frame, kind, esr, far);
}

bool guest_probe_read32(uintptr_t addr, uint32_t *val, struct guest_fault *f)
{
	uint32_t v = 0;

	guest_fault_expect();
	__asm__ volatile("ldr %w0, [%1]" : "+r"(v) : "r"(addr) : "memory");
	bool faulted = guest_fault_caught(f);

	*val = v;
	return faulted;
}

bool guest_probe_write32(uintptr_t addr, uint32_t val, struct guest_fault *f)
{
	guest_fault_expect();
	__asm__ volatile("str %w0, [%1]" : : "r"(val), "r"(addr) : "memory");
	return guest_fault_caught(f);
}

bool guest_probe_exec(uintptr_t addr, struct guest_fault *f)
{
	guest_fault_expect();
	/* If the fetch does not fault, whatever is there runs as a
	 * function: everything the AAPCS lets a callee change is clobbered. */
	__asm__ volatile("blr %0"
			 :
			 : "r"(addr)
			 : "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10",
			   "x11", "x12", "x13", "x14", "x15", "x16", "x17", "x18", "x30",
			   "cc", "memory");
	return guest_fault_caught(f);
}

bool guest_fault_is_abort_at(const struct guest_fault *f, uintptr_t addr,
			     bool instruction, bool write)
{
	uint64_t fsc = f->esr & ESR_ISS_FSC_MASK;
	bool translation = fsc >= ESR_FSC_TRANS_L0 && fsc <= ESR_FSC_TRANS_L3;

	if (ESR_EC(f->esr) != (instruction ? ESR_EC_IABT_CUR : ESR_EC_DABT_CUR))
		return false;
	if (!translation && fsc != ESR_FSC_SYNC_EXTERNAL)
		return false;
	if (!instruction && !!(f->esr & ESR_ISS_DABT_WNR) != write)
		return false;
	return (f->esr & ESR_ISS_ABT_FNV) || f->far == addr;
}
