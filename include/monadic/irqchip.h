/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The GICv3 driver's per-CPU entry point, and the register map it shares
 * with the vGIC and the guest SDK (monadic/regs/gicv3.h).
 */
#ifndef MONADIC_IRQCHIP_H
#define MONADIC_IRQCHIP_H

#include <monadic/regs/gicv3.h>

/*
 * Per-CPU GIC set-up: this CPU's redistributor (woken, SGIs/PPIs group 1,
 * the maintenance, virtual timer and kick interrupts enabled) and its CPU
 * interface (system registers, EOImode 1, the virtual interface reset).
 * Every CPU calls it once, after the INIT_PRE_SMP hook set up the
 * distributor; that hook already calls it for the boot CPU.
 */
void gic_cpu_init(void);

#endif
