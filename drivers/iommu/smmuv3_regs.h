/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Arm System Memory Management Unit Architecture Specification, SMMU
 * architecture version 3 (IHI 0070, E.a): chapter 6 "Memory map and
 * registers" (offsets and fields), 5.2 "Stream Table Entry", 5.4 "Context
 * Descriptor", 4 "Commands" and 7.3 "Event records".
 */
#ifndef DRIVERS_IOMMU_SMMUV3_REGS_H
#define DRIVERS_IOMMU_SMMUV3_REGS_H

#include <stdint.h>

#define SMMU_BIT(n) (UINT64_C(1) << (n))
#define SMMU_GENMASK(h, l) ((~UINT64_C(0) >> (63 - (h))) & (~UINT64_C(0) << (l)))
/* Value v placed in field [h:l] / extracted from it. */
#define SMMU_FIELD(h, l, v) (((uint64_t)(v) << (l)) & SMMU_GENMASK(h, l))
#define SMMU_GET(h, l, r) (((uint64_t)(r) & SMMU_GENMASK(h, l)) >> (l))

/* ---- Registers, page 0 (6.3) ------------------------------------------ */
#define SMMU_IDR0 0x00
#define SMMU_IDR1 0x04
#define SMMU_IDR5 0x14
#define SMMU_CR0 0x20
#define SMMU_CR0ACK 0x24
#define SMMU_CR1 0x28
#define SMMU_CR2 0x2c
#define SMMU_GBPA 0x44
#define SMMU_IRQ_CTRL 0x50
#define SMMU_IRQ_CTRLACK 0x54
#define IRQ_CTRL_GERROR_IRQEN (1u << 0)   /* 6.3.20 */
#define IRQ_CTRL_EVENTQ_IRQEN (1u << 2)
#define SMMU_GERROR 0x60
#define SMMU_GERRORN 0x64
#define SMMU_STRTAB_BASE 0x80
#define SMMU_STRTAB_BASE_CFG 0x88
#define SMMU_CMDQ_BASE 0x90
#define SMMU_CMDQ_PROD 0x98
#define SMMU_CMDQ_CONS 0x9c
#define SMMU_EVENTQ_BASE 0xa0
/* Page 1 (6.3: "SMMU_EVENTQ_PROD, offset 0x100A8"). */
#define SMMU_EVENTQ_PROD 0x100a8
#define SMMU_EVENTQ_CONS 0x100ac

/* SMMU_IDR0 (6.3.1). */
#define IDR0_S2P SMMU_BIT(0)
#define IDR0_S1P SMMU_BIT(1)
#define IDR0_TTF_H 3
#define IDR0_TTF_L 2
#define IDR0_TTF_AARCH64 0x2u      /* bit 1 of TTF: AArch64 tables */
#define IDR0_COHACC SMMU_BIT(4)
#define IDR0_HYP SMMU_BIT(9)
#define IDR0_ASID16 SMMU_BIT(12)
#define IDR0_VMID16 SMMU_BIT(18)
#define IDR0_ST_LEVEL_H 28
#define IDR0_ST_LEVEL_L 27
#define IDR0_ST_LEVEL_LINEAR 0u
#define IDR0_ST_LEVEL_2LVL 1u

/* SMMU_IDR1 (6.3.2). */
#define IDR1_SIDSIZE_H 5
#define IDR1_SIDSIZE_L 0
#define IDR1_SSIDSIZE_H 10
#define IDR1_SSIDSIZE_L 6
#define IDR1_EVENTQS_H 20
#define IDR1_EVENTQS_L 16
#define IDR1_CMDQS_H 25
#define IDR1_CMDQS_L 21

/* SMMU_IDR5 (6.3.6): OAS encodes like VTCR_EL2.PS (0..6 = 32..52 bits). */
#define IDR5_OAS_H 2
#define IDR5_OAS_L 0
#define IDR5_GRAN4K SMMU_BIT(4)

/* SMMU_CR0 (6.3.9) and SMMU_CR0ACK. */
#define CR0_SMMUEN SMMU_BIT(0)
#define CR0_EVTQEN SMMU_BIT(2)
#define CR0_CMDQEN SMMU_BIT(3)

/* SMMU_CR1 (6.3.11): cacheability and shareability of table and queue
 * accesses. */
#define CR1_QUEUE_IC_L 0
#define CR1_QUEUE_OC_L 2
#define CR1_QUEUE_SH_L 4
#define CR1_TABLE_IC_L 6
#define CR1_TABLE_OC_L 8
#define CR1_TABLE_SH_L 10
#define CR1_CACHE_WB 1u     /* Write-Back cacheable */
#define CR1_SH_ISH 3u       /* Inner Shareable */

/* SMMU_CR2 (6.3.12). */
#define CR2_RECINVSID SMMU_BIT(1)  /* record C_BAD_STREAMID */
#define CR2_PTM SMMU_BIT(2)        /* ignore broadcast TLB maintenance */

/* SMMU_GBPA (6.3.14): what passes while SMMUEN = 0. */
#define GBPA_UPDATE SMMU_BIT(31)
#define GBPA_ABORT SMMU_BIT(20)

/* SMMU_GERROR (6.3.18): each bit is active while it differs from GERRORN. */
#define GERROR_CMDQ_ERR 0
#define GERROR_EVTQ_ABT_ERR 2
#define GERROR_PRIQ_ABT_ERR 3
#define GERROR_MSI_CMDQ_ABT_ERR 4
#define GERROR_MSI_EVTQ_ABT_ERR 5
#define GERROR_MSI_PRIQ_ABT_ERR 6
#define GERROR_MSI_GERROR_ABT_ERR 7
#define GERROR_SFM_ERR 8
#define GERROR_CMDQP_ERR 9
#define GERROR_BITS 10

/* SMMU_STRTAB_BASE (6.3.23) and _CFG (6.3.24). */
#define STRTAB_BASE_RA SMMU_BIT(62)
#define STRTAB_BASE_ADDR_MASK SMMU_GENMASK(51, 6)
#define STRTAB_CFG_LOG2SIZE_L 0
#define STRTAB_CFG_SPLIT_L 6
#define STRTAB_CFG_FMT_L 16
#define STRTAB_CFG_FMT_LINEAR 0u
#define STRTAB_CFG_FMT_2LVL 1u

/* Queue base registers (6.3.25, 6.3.28) and PROD/CONS indexes. */
#define Q_BASE_RA SMMU_BIT(62)           /* read-allocate hint */
#define Q_BASE_ADDR_MASK SMMU_GENMASK(51, 5)
#define Q_BASE_LOG2SIZE_H 4
#define Q_BASE_LOG2SIZE_L 0
#define Q_OVF SMMU_BIT(31)               /* EVENTQ_PROD.OVFLG / CONS.OVACKFLG */
#define CMDQ_CONS_ERR_H 30
#define CMDQ_CONS_ERR_L 24
#define CMDQ_ERR_NONE 0u
#define CMDQ_ERR_ILL 1u
#define CMDQ_ERR_ABT 2u
#define CMDQ_ERR_ATC_INV_SYNC 3u

/* ---- Stream table (5.2) -------------------------------------------------- */
#define STE_DWORDS 8
#define STE_SIZE 64
/* Level-1 descriptor (5.1.2 / 6.3.24): Span [4:0], L2Ptr [51:6]. */
#define L1STD_SPAN_H 4
#define L1STD_SPAN_L 0
#define L1STD_L2PTR_MASK SMMU_GENMASK(51, 6)

/* Word 0. */
#define STE0_V SMMU_BIT(0)
#define STE0_CONFIG_H 3
#define STE0_CONFIG_L 1
#define STE_CONFIG_ABORT 0x0u
#define STE_CONFIG_BYPASS 0x4u
#define STE_CONFIG_S1 0x5u          /* stage 1 translate, stage 2 bypass */
#define STE_CONFIG_S2 0x6u          /* stage 1 bypass, stage 2 translate */
#define STE0_S1FMT_H 5
#define STE0_S1FMT_L 4
#define STE0_S1CTXPTR_MASK SMMU_GENMASK(51, 6)
#define STE0_S1CDMAX_H 63
#define STE0_S1CDMAX_L 59
/* Word 1. */
#define STE1_S1CIR_H 3
#define STE1_S1CIR_L 2
#define STE1_S1COR_H 5
#define STE1_S1COR_L 4
#define STE1_S1CSH_H 7
#define STE1_S1CSH_L 6
#define STE1_STRW_H 31
#define STE1_STRW_L 30
#define STE_STRW_NSEL1 0u
#define STE1_SHCFG_H 45
#define STE1_SHCFG_L 44
#define STE_SHCFG_INCOMING 1u
/* Word 2. */
#define STE2_S2VMID_H 15
#define STE2_S2VMID_L 0
#define STE2_S2T0SZ_H 37
#define STE2_S2T0SZ_L 32
#define STE2_S2SL0_H 39
#define STE2_S2SL0_L 38
#define STE2_S2IR0_H 41
#define STE2_S2IR0_L 40
#define STE2_S2OR0_H 43
#define STE2_S2OR0_L 42
#define STE2_S2SH0_H 45
#define STE2_S2SH0_L 44
#define STE2_S2TG_H 47
#define STE2_S2TG_L 46
#define STE2_S2PS_H 50
#define STE2_S2PS_L 48
#define STE2_S2AA64 SMMU_BIT(51)
#define STE2_S2PTW SMMU_BIT(54)
#define STE2_S2R SMMU_BIT(58)
/* Word 3. */
#define STE3_S2TTB_MASK SMMU_GENMASK(51, 4)

/* ---- Context descriptor (5.4) ------------------------------------------ */
#define CD_DWORDS 8
#define CD_SIZE 64
#define CD0_T0SZ_H 5
#define CD0_T0SZ_L 0
#define CD0_TG0_H 7
#define CD0_TG0_L 6
#define CD_TG0_4K 0u
#define CD0_IR0_H 9
#define CD0_IR0_L 8
#define CD0_OR0_H 11
#define CD0_OR0_L 10
#define CD_RGN_WBWA 1u
#define CD0_SH0_H 13
#define CD0_SH0_L 12
#define CD_SH_ISH 3u
#define CD0_EPD0 SMMU_BIT(14)
#define CD0_EPD1 SMMU_BIT(30)
#define CD0_V SMMU_BIT(31)
#define CD0_IPS_H 34
#define CD0_IPS_L 32
#define CD0_AA64 SMMU_BIT(41)
#define CD0_R SMMU_BIT(45)     /* record faults */
#define CD0_A SMMU_BIT(46)     /* abort (terminate) faulting transactions */
#define CD0_ASET SMMU_BIT(47)  /* ASID not shared with the PEs' broadcasts */
#define CD0_ASID_H 63
#define CD0_ASID_L 48
#define CD1_TTB0_MASK SMMU_GENMASK(51, 4)
#define CD_MAIR_DWORD 3

/* ---- Commands (4.1, 4.3-4.7) -------------------------------------------- */
#define CMD_DWORDS 2
#define CMD_SIZE 16
#define CMD0_OP_H 7
#define CMD0_OP_L 0
#define CMD_OP_CFGI_STE 0x03
#define CMD_OP_CFGI_ALL 0x04       /* CFGI_STE_RANGE with Range = 31 */
#define CMD_OP_TLBI_NH_ASID 0x11
#define CMD_OP_TLBI_EL2_ALL 0x20
#define CMD_OP_TLBI_S12_VMALL 0x28
#define CMD_OP_TLBI_NSNH_ALL 0x30
#define CMD_OP_SYNC 0x46
#define CMD0_SID_H 63
#define CMD0_SID_L 32
#define CMD1_LEAF SMMU_BIT(0)
#define CMD1_RANGE_H 4
#define CMD1_RANGE_L 0
#define CMD_RANGE_ALL 31u
#define CMD0_VMID_H 47
#define CMD0_VMID_L 32
#define CMD0_ASID_H 63
#define CMD0_ASID_L 48
#define CMD0_SYNC_CS_H 13
#define CMD0_SYNC_CS_L 12
#define CMD_SYNC_CS_NONE 0u   /* completion seen by polling CMDQ_CONS */

/* ---- Event records (7.3) ------------------------------------------------- */
#define EVT_DWORDS 4
#define EVT_SIZE 32
#define EVT0_TYPE_H 7
#define EVT0_TYPE_L 0
#define EVT0_SSV SMMU_BIT(11)
#define EVT0_SSID_H 31
#define EVT0_SSID_L 12
#define EVT0_SID_H 63
#define EVT0_SID_L 32
#define EVT1_PNU SMMU_BIT(33)
#define EVT1_IND SMMU_BIT(34)
#define EVT1_RNW SMMU_BIT(35)
#define EVT1_S2 SMMU_BIT(39)
#define EVT2_INPUT_ADDR 2        /* dword holding InputAddr */

#define EVT_F_UUT 0x01
#define EVT_C_BAD_STREAMID 0x02
#define EVT_F_STE_FETCH 0x03
#define EVT_C_BAD_STE 0x04
#define EVT_F_BAD_ATS_TREQ 0x05
#define EVT_F_STREAM_DISABLED 0x06
#define EVT_F_TRANSL_FORBIDDEN 0x07
#define EVT_C_BAD_SUBSTREAMID 0x08
#define EVT_F_CD_FETCH 0x09
#define EVT_C_BAD_CD 0x0a
#define EVT_F_WALK_EABT 0x0b
#define EVT_F_TRANSLATION 0x10
#define EVT_F_ADDR_SIZE 0x11
#define EVT_F_ACCESS 0x12
#define EVT_F_PERMISSION 0x13
#define EVT_F_TLB_CONFLICT 0x20
#define EVT_F_CFG_CONFLICT 0x21
#define EVT_E_PAGE_REQUEST 0x24
#define EVT_F_VMS_FETCH 0x25

#endif /* DRIVERS_IOMMU_SMMUV3_REGS_H */
