/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Per-VM and per-vCPU vGIC state (owned by subsys/vgic), embedded in
 * struct vm / struct vcpu so nothing is allocated. One lock per VM, in
 * struct vgic_dist, guards all of it: the distributor's SPIs and every
 * vCPU's SGIs, PPIs and list-register bookkeeping.
 */
#ifndef MONADIC_VGIC_STATE_H
#define MONADIC_VGIC_STATE_H

#include <monadic/spinlock.h>
#include <stdbool.h>
#include <stdint.h>

#define VGIC_NR_PRIVATE 32   /* SGIs 0-15, PPIs 16-31 */
#ifdef CONFIG_VGIC_NR_SPIS
#define VGIC_NR_SPIS CONFIG_VGIC_NR_SPIS
#else
/* vGIC configured out: struct vm still embeds the state, keep it small. */
#define VGIC_NR_SPIS 32
#endif
#define VGIC_MAX_LRS 16      /* ICH_VTR_EL2.ListRegs allows at most 16 */
#ifdef CONFIG_VITS
#define VGIC_NR_LPIS CONFIG_VITS_NR_LPIS
#include <monadic/vits_state.h>
#endif

/* One virtual interrupt. */
struct vgic_irq {
	uint16_t hw_intid;   /* linked physical INTID (list register HW bit); 0: none */
	uint8_t priority;    /* as the guest wrote IPRIORITYR, implemented bits only */
	uint8_t flags;       /* VGIC_IRQ_* (subsys/vgic/vgic_internal.h) */
};

struct vgic_dist {
	struct spinlock lock;
	bool enabled;                        /* GICD_CTLR.EnableGrp1 */
	uint32_t gen;                        /* bumped by every change of interrupt state */
	/* The arrays last: the offsets of the fields every exit reads stay
	 * the same whatever CONFIG_VGIC_NR_SPIS is. */
	struct vgic_irq spis[VGIC_NR_SPIS];  /* INTID 32 + i */
	uint64_t irouter[VGIC_NR_SPIS];      /* GICD_IROUTER<32 + i> */
	/* SPIs pending or active (bit i: INTID 32 + i): what the list
	 * registers are chosen from, so choosing costs what is live, not
	 * how many SPIs the VM has. */
	uint64_t spi_live[(VGIC_NR_SPIS + 63) / 64];
#ifdef CONFIG_VITS
	/* LPIs (INTID 8192 + i): edge-triggered, enabled and prioritised by
	 * the guest's configuration table, sent to lpi_vcpu[i] (the vCPU of
	 * the collection its event is mapped to). */
	struct vgic_irq lpis[VGIC_NR_LPIS];
	uint8_t lpi_vcpu[VGIC_NR_LPIS];
	bool lpi_config_on[VGIC_NR_LPIS];   /* the configuration table's enable bit */
	uint64_t lpi_live[VGIC_NR_LPIS / 64];
	struct vits its;
#endif
};

struct vgic_vcpu {
	struct vgic_irq private_irqs[VGIC_NR_PRIVATE];
	uint16_t lr_intid[VGIC_MAX_LRS];  /* what list register n holds */
	uint8_t lrs_used;                 /* list registers 0..lrs_used-1 are loaded */
	/* Bit n: list register n holds a private interrupt loaded pending
	 * only, which needs no more than freeing once the guest is done. */
	uint16_t lrs_private;
	uint8_t nr_lrs;                   /* list registers the pCPU implements */
	bool asleep;                      /* GICR_WAKER.ProcessorSleep */
	uint32_t hw_lines;                /* private INTIDs ever injected HW-linked (its timers) */
	uint32_t live;                    /* private INTIDs pending or active (as spi_live) */
	uint32_t flushed_gen;             /* vgic_dist.gen when the LRs were last chosen */
	uint32_t hcr;                     /* ICH_HCR_EL2 as last written (pCPU's own) */
	/* LPIs (with a virtual ITS): GICR_CTLR.EnableLPIs, GICR_PROPBASER,
	 * GICR_PENDBASER of the vCPU's redistributor. */
	bool lpis_enabled;
	uint64_t propbaser;
	uint64_t pendbaser;
	/* GICv4: the vPE is parked while the vCPU waits at EL2, and its
	 * doorbell rang (set from the doorbell's host LPI). */
	bool parked;
	bool doorbell;
	/* Set by a VM reset (vgic_vm_reset) until the vCPU's own pCPU has
	 * cleared its virtual CPU interface (vgic_vcpu_start); stale_hw: the
	 * physical PPIs (bit n: INTID n) left active for a deactivation by
	 * the guest that was reset. */
	bool reset_pending;
	uint32_t stale_hw;
};

#endif
