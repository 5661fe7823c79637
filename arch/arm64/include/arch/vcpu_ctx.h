/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * A vCPU's architectural state on arm64: what guest_entry.S saves on every
 * exit (general registers, PC, PSTATE, the syndrome), and the EL1 system
 * and FP/SIMD state (sysreg_sr.c), which only needs saving when a pCPU
 * switches vCPUs: with one vCPU pinned per pCPU it stays in the registers
 * across exits, which keeps traps short.
 */
#ifndef ARCH_VCPU_CTX_H
#define ARCH_VCPU_CTX_H

/* Offsets used by guest_entry.S. */
#define CTX_X0 0
#define CTX_PC (31 * 8)
#define CTX_PSTATE (32 * 8)
#define CTX_ESR (33 * 8)

/* guest_exit calls the exit's handler from a table of EXIT_TABLE_SIZE
 * (vcpu.c): a synchronous exit from AArch64 (vector 8) by its exception
 * class (ESR_EL2.EC, 0-63), the other vectors (9-15: IRQ, FIQ, SError,
 * then the four from AArch32) after those, at 64 + vector - 9. */
#define EXIT_VECTOR_SYNC 8
#define EXIT_VECTOR_IRQ 9
#define EXIT_VECTOR_FIQ 10
#define EXIT_VECTOR_SERROR 11
#define EXIT_BY_VECTOR(v) (64 + (v) - 9)
#define EXIT_TABLE_SIZE EXIT_BY_VECTOR(16)

#ifndef __ASSEMBLER__
#include <monadic/hal/vcpu.h>
#include <stdint.h>

/* EL1 system registers, in the order sysreg_sr.c saves them. */
struct el1_sysregs {
	uint64_t sp_el0, sp_el1, elr_el1, spsr_el1;
	uint64_t sctlr, tcr, ttbr0, ttbr1, mair, amair, vbar, contextidr;
	uint64_t tpidr_el0, tpidrro_el0, tpidr_el1, cpacr, esr, far;
	uint64_t afsr0, afsr1, par, cntkctl, csselr, mdscr;
	uint64_t cntv_ctl, cntv_cval, cntp_ctl, cntp_cval;
};

struct fpsimd_state {
	__uint128_t v[32];
	uint64_t fpsr, fpcr;
};

struct vcpu_ctx {
	uint64_t x[31];
	uint64_t pc;          /* ELR_EL2 */
	uint64_t pstate;      /* SPSR_EL2 */
	uint64_t esr;         /* of the last exit */
	uint64_t far;         /* of the last abort or unhandled exit */
	struct el1_sysregs el1;
	struct fpsimd_state fp __attribute__((aligned(16)));
	uint64_t vmpidr;
};

/* The VM core reads and writes the general registers inline (monadic/vm/vm.h). */
_Static_assert(__builtin_offsetof(struct vcpu_ctx, x) == CTX_X0 && CTX_X0 == 0 &&
		       sizeof(((struct vcpu_ctx *)0)->x) == HAL_VCPU_NR_REGS * sizeof(uint64_t),
		       "general registers first");
_Static_assert(__builtin_offsetof(struct vcpu_ctx, pc) == CTX_PC && CTX_PC == HAL_VCPU_NR_REGS * 8,
	       "the PC after the general registers");
_Static_assert(__builtin_offsetof(struct vcpu_ctx, esr) == CTX_ESR, "esr");
#endif

#endif
