/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * hal_gic_read_elrsr (monadic/hal/gic.h) inline on arm64: the vGIC reads
 * ICH_ELRSR_EL2 on the first exit after every injection, and a call
 * there would give its caller a stack frame.
 */
#ifndef ARCH_GIC_VIRT_H
#define ARCH_GIC_VIRT_H

#include <arch/sysreg.h>
#include <stdint.h>

static inline uint32_t hal_gic_read_elrsr(void)
{
	return (uint32_t)read_sysreg(ICH_ELRSR_EL2);
}

#endif
