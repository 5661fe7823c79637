/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The GICv3 CPU interface as the portable code needs it: the physical
 * interface (ICC_*_EL1/EL2, for drivers/irqchip) and the virtual interface
 * control (ICH_*_EL2 list registers, for subsys/vgic). arch/arm64/gic_hw.c
 * implements it; host unit tests supply a fake with list registers in
 * memory. The field layouts below are architectural, so the encoding of a
 * list register stays in portable, testable code.
 *
 * GIC architecture specification (IHI 0069) 12.2 "The AArch64 System
 * register interface" (ICC_*) and 12.5 "AArch64 virtualization control
 * System registers" (ICH_*); Arm ARM (DDI 0487) D19 has the same layouts.
 */
#ifndef MONADIC_HAL_GIC_H
#define MONADIC_HAL_GIC_H

#include <monadic/regs/gicv3.h>
#include <stdint.h>

/* ICH_LR<n>_EL2: one virtual interrupt per list register. */
#define ICH_LR_VINTID_MASK 0xffffffffULL      /* vINTID [31:0] */
#define ICH_LR_PINTID_SHIFT 32                /* pINTID [44:32], when HW=1 */
#define ICH_LR_PINTID_MASK 0x1fffULL
#define ICH_LR_PRIORITY_SHIFT 48              /* Priority [55:48] */
#define ICH_LR_PRIORITY_MASK 0xffULL
#define ICH_LR_GROUP1 (1ULL << 60)            /* Group: 1 = Group 1 */
#define ICH_LR_HW (1ULL << 61)                /* deactivation reaches pINTID */
#define ICH_LR_STATE_SHIFT 62                 /* State [63:62] */
#define ICH_LR_STATE_PENDING 1ULL
#define ICH_LR_STATE_ACTIVE 2ULL
#define ICH_LR_STATE_MASK 3ULL

/* ICH_HCR_EL2. */
#define ICH_HCR_EN (1ULL << 0)   /* virtual CPU interface enable */
#define ICH_HCR_UIE (1ULL << 1)  /* maintenance IRQ when <= 1 LR is valid */

/* ICH_VTR_EL2: ListRegs [4:0] = number of list registers - 1. */
#define ICH_VTR_LISTREGS_MASK 0x1fULL

/* Physical CPU interface. Each write is complete (synchronized) on return. */
uint32_t hal_gic_ack(void);                   /* read ICC_IAR1_EL1 */
void hal_gic_eoi(uint32_t intid);             /* write ICC_EOIR1_EL1 */
void hal_gic_deactivate(uint32_t intid);      /* write ICC_DIR_EL1 */
/* Write ICC_SGI1R_EL1, after making earlier stores visible to the
 * target PEs (they will look at memory this CPU just wrote). */
void hal_gic_send_sgi1r(uint64_t value);
uint64_t hal_gic_read_sre_el2(void);
void hal_gic_write_sre_el2(uint64_t value);
void hal_gic_write_pmr(uint64_t value);       /* ICC_PMR_EL1 */
uint64_t hal_gic_read_ctlr(void);             /* ICC_CTLR_EL1 */
void hal_gic_write_ctlr(uint64_t value);
void hal_gic_write_igrpen1(uint64_t value);   /* ICC_IGRPEN1_EL1 */

/* Virtual interface control of the calling pCPU. */
unsigned int hal_gic_num_lrs(void);           /* from ICH_VTR_EL2 */
uint64_t hal_gic_read_lr(unsigned int n);     /* ICH_LR<n>_EL2 */
void hal_gic_write_lr(unsigned int n, uint64_t value);
/* ICH_ELRSR_EL2: bit n set when list register n holds no valid interrupt
 * (the guest has acknowledged and deactivated what it held). Inline
 * where the architecture has it so (arm64); host tests fake it. */
#ifdef CONFIG_ARM64
#include <arch/gic_virt.h>
#else
uint32_t hal_gic_read_elrsr(void);
#endif
void hal_gic_write_hcr(uint64_t value);       /* ICH_HCR_EL2 */
/* Clear what resets to UNKNOWN (list registers, active priorities,
 * ICH_VMCR_EL2, ICH_HCR_EL2) before a guest ever runs on this pCPU. */
void hal_gic_reset_virtual_if(void);

#endif
