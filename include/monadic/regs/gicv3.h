/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The GICv3 register map: the memory-mapped distributor and redistributor
 * frames and the CPU interface's system register fields, one source for
 * the physical driver (drivers/irqchip), the emulation guests see
 * (subsys/vgic) and the guest SDK.
 *
 * Arm Generic Interrupt Controller Architecture Specification, GICv3 and
 * GICv4 (IHI 0069), chapter 12 "Programmers' Model": 12.9 "The GIC
 * Distributor register descriptions" (GICD_*), 12.11 "The GIC
 * Redistributor register descriptions" (GICR_*) and 12.2 "AArch64 GIC
 * System register descriptions" (ICC_*); each block below names the
 * register it describes. Only the non-secure, affinity-routed (ARE=1) view
 * is described.
 */
#ifndef MONADIC_REGS_GICV3_H
#define MONADIC_REGS_GICV3_H

#include <stdint.h>

#define GIC_BIT(n) (1U << (n))
#define GIC_BIT64(n) (1ULL << (n))

/* INTID ranges (IHI 0069 2.2 "INTIDs"). */
#define GIC_NR_SGIS 16
#define GIC_NR_PRIVATE 32        /* SGIs + PPIs, banked per PE */
#define GIC_MAX_SPI_INTID 1019    /* 1020..1023 are special */
#define GIC_INTIDS_PER_REG 32     /* one bit per INTID in the set/clear registers */

/* Distributor frame, offsets from GICD_base. */
#define GICD_CTLR 0x0000
#define GICD_TYPER 0x0004
#define GICD_IIDR 0x0008
#define GICD_TYPER2 0x000c
#define GICD_STATUSR 0x0010
#define GICD_IGROUPR 0x0080
#define GICD_ISENABLER 0x0100
#define GICD_ICENABLER 0x0180
#define GICD_ISPENDR 0x0200
#define GICD_ICPENDR 0x0280
#define GICD_ISACTIVER 0x0300
#define GICD_ICACTIVER 0x0380
#define GICD_IPRIORITYR 0x0400
#define GICD_ITARGETSR 0x0800     /* RES0 with ARE=1, but byte-accessible */
#define GICD_ICFGR 0x0c00
#define GICD_IGRPMODR 0x0d00
#define GICD_IROUTER 0x6000       /* 64-bit, one per INTID; SPIs only */
#define GICD_PIDR2 0xffe8
#define GICD_FRAME_SIZE 0x10000

/* Register bank sizes (bytes) for INTIDs 0..1023. */
#define GIC_BITS_BANK_SIZE 0x80       /* 1 bit per INTID */
#define GIC_PRIORITY_BANK_SIZE 0x400  /* 1 byte per INTID */
#define GIC_CFG_BANK_SIZE 0x100       /* 2 bits per INTID */
#define GIC_IROUTER_BANK_END 0x7fe0   /* last IROUTER (INTID 1019) + 8 */

/* GICD_CTLR, non-secure view / single security state. */
#define GICD_CTLR_ENABLE_G1 GIC_BIT(1)  /* EnableGrp1A (DS=0) / EnableGrp1 (DS=1) */
#define GICD_CTLR_ARE_NS GIC_BIT(4)     /* affinity routing */
#define GICD_CTLR_DS GIC_BIT(6)         /* single security state */
#define GICD_CTLR_RWP GIC_BIT(31)       /* register write pending */

/* GICD_TYPER. */
#define GICD_TYPER_ITLINES_MASK 0x1fU   /* ITLinesNumber: 32*(N+1) INTIDs */
#define GICD_TYPER_IDBITS_SHIFT 19      /* IDbits: INTID bits - 1 */

/* GICD_IIDR / GICR_IIDR: JEP106 implementer, product ID. */
#define GIC_IIDR_PRODUCT_SHIFT 24

/* GICD_PIDR2 / GICR_PIDR2: ArchRev [7:4]. */
#define GIC_PIDR2_ARCHREV_SHIFT 4
#define GIC_PIDR2_ARCHREV_GICV3 3U

/* GICD_IROUTER<n>: Aff3 [39:32], IRM [31], Aff2..Aff0 [23:0]. */
#define GICD_IROUTER_IRM GIC_BIT64(31)  /* 1 of N: any participating PE */
#define GICD_IROUTER_AFF_MASK 0xff00ffffffULL
#define GICD_IROUTER_AFF0_MASK 0xffULL

/* ICFGR: two bits per INTID, bit 1 of each field set = edge. */
#define GIC_ICFGR_FIELD_BITS 2
#define GIC_ICFGR_EDGE 2U

/* Redistributor: an RD_base frame then an SGI_base frame, 64 KiB each
 *; GICv4 adds two VLPI frames (GICR_TYPER.VLPIS). */
#define GICR_FRAME_SIZE 0x10000
#define GICR_STRIDE (2 * GICR_FRAME_SIZE)
#define GICR_STRIDE_VLPI (4 * GICR_FRAME_SIZE)
#define GICR_SGI_OFFSET GICR_FRAME_SIZE

/* RD_base frame. */
#define GICR_CTLR 0x0000
#define GICR_IIDR 0x0004
#define GICR_TYPER 0x0008        /* 64-bit */
#define GICR_STATUSR 0x0010
#define GICR_WAKER 0x0014
#define GICR_PROPBASER 0x0070    /* 64-bit, LPIs */
#define GICR_PENDBASER 0x0078    /* 64-bit, LPIs */
#define GICR_PIDR2 0xffe8

/* GICR_CTLR. */
#define GICR_CTLR_RWP GIC_BIT(3)

/* GICR_TYPER. */
#define GICR_TYPER_VLPIS GIC_BIT64(1)
#define GICR_TYPER_LAST GIC_BIT64(4)
#define GICR_TYPER_PROC_NUM_SHIFT 8   /* Processor_Number [23:8] */
#define GICR_TYPER_AFF_SHIFT 32       /* Affinity_Value: Aff3.Aff2.Aff1.Aff0 */

/* GICR_WAKER. */
#define GICR_WAKER_PROCESSOR_SLEEP GIC_BIT(1)
#define GICR_WAKER_CHILDREN_ASLEEP GIC_BIT(2)

/* SGI_base frame: the same layout as the distributor's first registers,
 * for INTIDs 0..31 of this PE. */
#define GICR_IGROUPR0 GICD_IGROUPR
#define GICR_ISENABLER0 GICD_ISENABLER
#define GICR_ICENABLER0 GICD_ICENABLER
#define GICR_ISPENDR0 GICD_ISPENDR
#define GICR_ICPENDR0 GICD_ICPENDR
#define GICR_ISACTIVER0 GICD_ISACTIVER
#define GICR_ICACTIVER0 GICD_ICACTIVER
#define GICR_IPRIORITYR0 GICD_IPRIORITYR
#define GICR_ICFGR0 GICD_ICFGR
#define GICR_IGRPMODR0 GICD_IGRPMODR

/* MPIDR_EL1 affinity fields (Arm ARM D19 MPIDR_EL1), as GICR_TYPER packs
 * them into 32 bits. */
#define MPIDR_AFF0(m) ((uint32_t)(m) & 0xffU)
#define MPIDR_AFF1(m) ((uint32_t)((m) >> 8) & 0xffU)
#define MPIDR_AFF2(m) ((uint32_t)((m) >> 16) & 0xffU)
#define MPIDR_AFF3(m) ((uint32_t)((m) >> 32) & 0xffU)

static inline uint32_t gic_affinity32(uint64_t mpidr)
{
	return MPIDR_AFF3(mpidr) << 24 | MPIDR_AFF2(mpidr) << 16 |
	       MPIDR_AFF1(mpidr) << 8 | MPIDR_AFF0(mpidr);
}

/* ICC_SGI1R_EL1 (written by the hypervisor, and trapped from guests). */
#define ICC_SGI1R_TARGETS_MASK 0xffffULL     /* TargetList [15:0]: Aff0 = RS*16 + bit */
#define ICC_SGI1R_AFF1_SHIFT 16
#define ICC_SGI1R_INTID_SHIFT 24             /* INTID [27:24] */
#define ICC_SGI1R_INTID_MASK 0xfULL
#define ICC_SGI1R_AFF2_SHIFT 32
#define ICC_SGI1R_IRM (1ULL << 40)           /* all PEs but the sender */
#define ICC_SGI1R_RS_SHIFT 44                /* RS [47:44]: TargetList range */
#define ICC_SGI1R_AFF3_SHIFT 48
#define ICC_SGI1R_AFF_MASK 0xffULL
#define ICC_SGI1R_RS_MASK 0xfULL
#define ICC_SGI1R_TARGETS_PER_RS 16

/* ICC_SRE_EL1 / ICC_SRE_EL2. */
#define ICC_SRE_EL1_SRE (1ULL << 0)     /* EL1 uses the system registers */
#define ICC_SRE_EL2_SRE (1ULL << 0)     /* EL2 uses the system registers */
#define ICC_SRE_EL2_ENABLE (1ULL << 3)  /* EL1 may access ICC_SRE_EL1 */

/* ICC_CTLR_EL1. */
#define ICC_CTLR_EOIMODE (1ULL << 1)    /* EOIR drops priority only; DIR deactivates */

/* ICC_IGRPEN1_EL1. */
#define ICC_IGRPEN1_ENABLE (1ULL << 0)

/* ICC_PMR_EL1: the lowest priority let through (0xff: all of them). */
#define ICC_PMR_ALL 0xffULL

/* ICC_IAR1_EL1: INTID [23:0]. */
#define ICC_IAR1_INTID_MASK 0xffffffULL

#endif
