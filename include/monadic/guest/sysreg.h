/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * System register access for EL1 guests: one accessor pair, as Linux's
 * read_sysreg()/write_sysreg(). Names go through the assembler, so the
 * generic S3_<op1>_C<n>_C<m>_<op2> spelling works for registers the
 * assembler does not know by name.
 */
#ifndef MONADIC_GUEST_SYSREG_H
#define MONADIC_GUEST_SYSREG_H

#include <stdint.h>

#define guest_read_sysreg(reg) ({ \
	uint64_t _v; \
	__asm__ volatile("mrs %0, " #reg : "=r"(_v)); \
	_v; \
})

#define guest_write_sysreg(reg, val) do { \
	uint64_t _v = (uint64_t)(val); \
	__asm__ volatile("msr " #reg ", %0" : : "r"(_v) : "memory"); \
} while (0)

static inline void guest_isb(void)
{
	__asm__ volatile("isb" : : : "memory");
}

/*
 * Full-system barrier: guest memory runs with the MMU off, i.e. as
 * Device-nGnRnE, so the inner-shareable variants are not enough to order
 * it against other observers (Arm ARM B2.3.7).
 */
static inline void guest_dmb(void)
{
	__asm__ volatile("dmb sy" : : : "memory");
}

static inline void guest_dsb(void)
{
	__asm__ volatile("dsb sy" : : : "memory");
}

static inline void guest_wfi(void)
{
	__asm__ volatile("wfi" : : : "memory");
}

/* PSTATE.I: IRQs (DAIFSet/DAIFClr immediate bit 1). */
static inline void guest_irq_unmask(void)
{
	__asm__ volatile("msr daifclr, #2" : : : "memory");
}

static inline void guest_irq_mask(void)
{
	__asm__ volatile("msr daifset, #2" : : : "memory");
}

/* MPIDR_EL1 affinity fields (Arm ARM D17.2.101). */
#define MPIDR_AFF_FIELD_MASK 0xffULL  /* each of Aff0..Aff3 is 8 bits */
#define MPIDR_AFF1_SHIFT 8
#define MPIDR_AFF2_SHIFT 16
#define MPIDR_AFF3_SHIFT 32

#endif
