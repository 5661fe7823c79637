/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The physical acknowledge and priority drop (ICC_IAR1_EL1, ICC_EOIR1_EL1,
 * IHI 0069 12.2) as inline system-register accesses, for the HAL's
 * hal_gic_ack/hal_gic_eoi (gic_hw.c) and for the guest exit's decode
 * (vm/vcpu.c): the interrupt that ended a guest's run is taken there
 * without calls across two libraries.
 */
#ifndef ARCH_GIC_H
#define ARCH_GIC_H

#include <arch/sysreg.h>
#include <monadic/regs/gicv3.h>
#include <stdint.h>

static inline uint32_t gic_ack(void)
{
	uint32_t intid = (uint32_t)(read_sysreg(ICC_IAR1_EL1) & ICC_IAR1_INTID_MASK);

	/* The acknowledge must complete before the handler touches the
	 * device that raised the interrupt. */
	dsb(sy);
	return intid;
}

static inline void gic_eoi(uint32_t intid)
{
	write_sysreg(intid, ICC_EOIR1_EL1);
	isb();
}

#endif
