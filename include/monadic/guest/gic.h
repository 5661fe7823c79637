/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * GICv3 (Arm IHI 0069): the distributor and redistributors by MMIO at the
 * virt machine's addresses, the CPU interface through ICC_* system
 * registers. Every interrupt the SDK enables is Group 1 (non-secure), so
 * it arrives as an IRQ, never an FIQ.
 */
#ifndef MONADIC_GUEST_GIC_H
#define MONADIC_GUEST_GIC_H

#include <stdbool.h>
#include <stdint.h>

#define GUEST_GICD_BASE 0x08000000UL
#define GUEST_GICR_BASE 0x080A0000UL

/* INTID ranges (IHI 0069 2.2.1). */
#define GIC_SGI_COUNT 16U
#define GIC_PPI_BASE 16U
#define GIC_SPI_BASE 32U
#define GIC_INTID_SPURIOUS 1023U

/* Handlers exist for INTIDs below this (SGIs, PPIs, the first SPIs). */
#define GUEST_IRQ_MAX 128U

#define GIC_PRIO_DEFAULT 0xa0U

typedef void (*guest_irq_fn)(unsigned int intid, void *arg);

/*
 * Bring up the GIC for the calling CPU: on CPU 0 also the distributor
 * (affinity routing, Group 1 enabled). Then this CPU's redistributor is
 * woken and its CPU interface enabled (priority mask open, EOImode 0).
 * PSTATE.I stays masked: call guest_irq_unmask() when ready.
 */
void guest_gic_init(void);

/* Handler for `intid`, called with the interrupt acknowledged; the SDK
 * EOIs it after the handler returns. */
void guest_irq_connect(unsigned int intid, guest_irq_fn fn, void *arg);

/* Handler for every LPI (INTID >= 8192, see guest/its.h), called like the
 * others with the INTID acknowledged and EOIed after it returns. */
void guest_lpi_connect(guest_irq_fn fn, void *arg);

/*
 * Enable an interrupt at `prio` (lower is more urgent). SGIs/PPIs are
 * enabled in the calling CPU's redistributor; SPIs in the distributor,
 * routed to the calling CPU. `edge` picks edge- over level-triggered
 * (PPIs and SPIs; SGIs are always edge).
 */
void guest_irq_enable(unsigned int intid, uint8_t prio, bool edge);
void guest_irq_disable(unsigned int intid);

/* Route an SPI to vCPU `cpu` (GICD_IROUTER, Aff0 = cpu). */
/* Whether the GIC holds `intid` pending (this CPU's, for SGIs and PPIs):
 * GICD_ISPENDR / GICR_ISPENDR0. */
bool guest_irq_pending(unsigned int intid);

void guest_irq_route(unsigned int intid, unsigned int cpu);

/* Send SGI `intid` (0..15) to vCPU `cpu` through ICC_SGI1R_EL1. */
void guest_sgi_send(unsigned int intid, unsigned int cpu);

/* Called by the SDK's IRQ vector: acknowledge, dispatch, EOI until
 * nothing is pending. */
void guest_irq_dispatch(void);

#endif
