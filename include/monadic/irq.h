/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Physical interrupts at EL2 (drivers/irqchip/gicv3_*.c). The hypervisor
 * runs with interrupts masked; they are taken as VM exits while a guest
 * runs, or noticed after WFI when a pCPU idles.
 */
#ifndef MONADIC_IRQ_H
#define MONADIC_IRQ_H

#include <stdbool.h>
#include <stdint.h>

#define IRQ_SPURIOUS 1023

/* Physical INTIDs the hypervisor itself uses. */
#define IRQ_SGI_KICK 1          /* "look at your vCPU's state" between pCPUs */
#define IRQ_PPI_VTIMER 27       /* EL1 virtual timer (virt DT: PPI 11) */
#define IRQ_PPI_PTIMER 30       /* EL1 physical timer (virt DT: PPI 14) */
#define IRQ_PPI_MAINTENANCE 25  /* GIC virtual interface maintenance (PPI 9) */

/* Acknowledge the highest priority pending interrupt (ICC_IAR1_EL1);
 * IRQ_SPURIOUS if none. */
uint32_t irq_ack(void);
/* Priority drop (ICC_EOIR1_EL1; EOImode 1: deactivation is separate). */
void irq_eoi(uint32_t intid);
/* Deactivate (ICC_DIR_EL1), for interrupts not handed to a guest with HW=1.
 * Nothing for an LPI: it has no active state, irq_eoi was all it needed. */
void irq_deactivate(uint32_t intid);
/* Clear an SPI's active state through the distributor (GICD_ICACTIVER),
 * from any CPU: for one whose deactivation was left to a guest that will
 * never do it (its VM is being reset). */
void irq_clear_active_spi(uint32_t intid);

/* SGIs and PPIs of the calling CPU, SPIs, and host LPIs (their
 * configuration byte, reloaded through the ITS: any CPU, not while
 * holding an ITS call). A disable has taken effect on return. */
void irq_enable(uint32_t intid);
void irq_disable(uint32_t intid);
/* Make an SPI edge-triggered (SPIs start level-sensitive). Only while it
 * is disabled, and not concurrently with another CPU's call (boot time):
 * the configuration register is shared by 16 SPIs. LPIs are always edge. */
void irq_set_edge(uint32_t intid);
/* Route an SPI to a pCPU (devicetree CPU index). An LPI's route is its
 * ITS collection (its_map_event / its_move_event in <monadic/its.h>). */
void irq_route_spi(uint32_t intid, unsigned int pcpu);
/* Send SGI 'intid' to a pCPU (devicetree CPU index). */
void irq_send_sgi(uint32_t intid, unsigned int pcpu);

#endif
