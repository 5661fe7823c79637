/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * LPIs and the Interrupt Translation Service: the ITS frames, the
 * redistributor's LPI registers and the command queue's 32-byte commands.
 * One source for the physical ITS driver (drivers/irqchip), the virtual
 * ITS guests see (subsys/vgic) and the guest SDK.
 *
 * Arm GIC Architecture Specification GICv3 and GICv4 (IHI 0069):
 * 5.1 "LPIs" (the configuration and pending tables), 5.3 "ITS commands"
 * (5.3.1 layouts), 12.19 "The ITS register descriptions" (GITS_*),
 * 12.11.{19,20,29,30} GICR_PROPBASER / GICR_PENDBASER, and 9 "GICv4"
 * for the virtual LPI commands.
 */
#ifndef MONADIC_REGS_GICV3_ITS_H
#define MONADIC_REGS_GICV3_ITS_H

#include <monadic/regs/gicv3.h>

/* INTIDs 8192 and up are LPIs (IHI 0069 2.2). */
#define GIC_LPI_BASE 8192U

/* ITS control frame, offsets from GITS_base. */
#define GITS_CTLR 0x0000
#define GITS_IIDR 0x0004
#define GITS_TYPER 0x0008         /* 64-bit */
#define GITS_CBASER 0x0080        /* 64-bit */
#define GITS_CWRITER 0x0088       /* 64-bit */
#define GITS_CREADR 0x0090        /* 64-bit */
#define GITS_BASER(n) (0x0100 + 8 * (n))   /* 64-bit, n = 0..7 */
#define GITS_BASER_COUNT 8
#define GITS_PIDR2 0xffe8
#define GITS_FRAME_SIZE 0x10000
/* The translation frame follows the control frame. */
#define GITS_TRANSLATER (GITS_FRAME_SIZE + 0x0040)
#define GITS_SIZE (2 * GITS_FRAME_SIZE)

/* GITS_CTLR. */
#define GITS_CTLR_ENABLED GIC_BIT(0)
#define GITS_CTLR_QUIESCENT GIC_BIT(31)

/* GITS_TYPER. */
#define GITS_TYPER_PHYSICAL GIC_BIT64(0)
#define GITS_TYPER_VIRTUAL GIC_BIT64(1)            /* GICv4 */
#define GITS_TYPER_ITT_ENTRY_SIZE_SHIFT 4          /* bytes - 1, [7:4] */
#define GITS_TYPER_IDBITS_SHIFT 8                  /* EventID bits - 1, [12:8] */
#define GITS_TYPER_DEVBITS_SHIFT 13                /* DeviceID bits - 1, [17:13] */
#define GITS_TYPER_BITS_MASK 0x1fULL
#define GITS_TYPER_SEIS GIC_BIT64(18)
#define GITS_TYPER_PTA GIC_BIT64(19)               /* RDbase: 1 address, 0 processor number */
#define GITS_TYPER_HCC_SHIFT 24                    /* collections held in the ITS, [31:24] */
#define GITS_TYPER_CIDBITS_SHIFT 32                /* collection ID bits - 1, [35:32] (CIL=1) */
#define GITS_TYPER_CIDBITS_MASK 0xfULL
#define GITS_TYPER_CIL GIC_BIT64(36)
#define GITS_TYPER_VMAPP GIC_BIT64(40)             /* GICv4.1 command formats */

/* GITS_CBASER: the command queue (4 KiB pages). */
#define GITS_CBASER_VALID GIC_BIT64(63)
#define GITS_CBASER_SIZE_MASK 0xffULL              /* 4 KiB pages - 1 */
#define GITS_CBASER_ADDR_MASK 0x000ffffffffff000ULL  /* [51:12] */

/* GITS_CWRITER / GITS_CREADR: byte offsets of 32-byte commands. */
#define GITS_CMDQ_OFFSET_MASK 0x000fffe0ULL        /* [19:5] */
#define GITS_CWRITER_RETRY GIC_BIT64(0)
#define GITS_CREADR_STALLED GIC_BIT64(0)

/* GITS_BASER<n>. */
#define GITS_BASER_VALID GIC_BIT64(63)
#define GITS_BASER_INDIRECT GIC_BIT64(62)
#define GITS_BASER_TYPE_SHIFT 56                   /* [58:56] */
#define GITS_BASER_TYPE_MASK 0x7ULL
#define GITS_BASER_TYPE_NONE 0ULL
#define GITS_BASER_TYPE_DEVICE 1ULL
#define GITS_BASER_TYPE_VPE 2ULL                   /* GICv4 */
#define GITS_BASER_TYPE_COLLECTION 4ULL
#define GITS_BASER_ENTRY_SIZE_SHIFT 48             /* bytes - 1, [52:48] */
#define GITS_BASER_ENTRY_SIZE_MASK 0x1fULL
#define GITS_BASER_PAGE_SIZE_SHIFT 8               /* [9:8]: 0 4K, 1 16K, 2 64K */
#define GITS_BASER_PAGE_SIZE_MASK 0x3ULL
#define GITS_BASER_SIZE_MASK 0xffULL               /* pages - 1 */
#define GITS_BASER_ADDR_MASK 0x0000fffffffff000ULL  /* [47:12] (4K/16K pages) */

/* Cacheability and shareability of GITS_CBASER and GITS_BASER<n>.
 * Shareability is at [11:10] in GICR_PROPBASER / GICR_PENDBASER too, but
 * their cacheability fields sit elsewhere (GICR_BASER_*_CACHE_SHIFT). */
#define GIC_BASER_INNER_CACHE_SHIFT 59             /* [61:59] */
#define GIC_BASER_OUTER_CACHE_SHIFT 53             /* [55:53] */
#define GIC_BASER_CACHE_MASK 0x7ULL
#define GIC_BASER_CACHE_RAWAWB 7ULL                /* Normal, inner WB read/write-allocate */
#define GIC_BASER_SHAREABILITY_SHIFT 10            /* [11:10] */
#define GIC_BASER_SHAREABILITY_MASK 0x3ULL
#define GIC_BASER_INNER_SHAREABLE 1ULL
#define GIC_BASER_ATTRS_MASK (GIC_BASER_CACHE_MASK << GIC_BASER_INNER_CACHE_SHIFT | \
			      GIC_BASER_CACHE_MASK << GIC_BASER_OUTER_CACHE_SHIFT | \
			      GIC_BASER_SHAREABILITY_MASK << GIC_BASER_SHAREABILITY_SHIFT)

/* GICR_TYPER / GICR_CTLR, LPI parts. */
#define GICR_TYPER_PLPIS GIC_BIT64(0)
#define GICR_CTLR_ENABLE_LPIS GIC_BIT(0)
/* GICD_TYPER.LPIS: the distributor supports LPIs; num_LPIs [15:11]:
 * 2^(num_LPIs + 1) of them from 8192 (0: as many as IDbits allow). */
#define GICD_TYPER_LPIS GIC_BIT(17)
#define GICD_TYPER_NUM_LPIS_SHIFT 11

/* GICR_PROPBASER / GICR_PENDBASER cacheability (shareability as above). */
#define GICR_BASER_INNER_CACHE_SHIFT 7             /* [9:7] */
#define GICR_BASER_OUTER_CACHE_SHIFT 56            /* [58:56] */
#define GICR_BASER_ATTRS_MASK (GIC_BASER_CACHE_MASK << GICR_BASER_INNER_CACHE_SHIFT | \
			       GIC_BASER_CACHE_MASK << GICR_BASER_OUTER_CACHE_SHIFT | \
			       GIC_BASER_SHAREABILITY_MASK << GIC_BASER_SHAREABILITY_SHIFT)

/* GICv4: the VLPI frame, third of a redistributor's four (9.11). */
#define GICR_VLPI_OFFSET (2 * GICR_FRAME_SIZE)
#define GICR_VPROPBASER 0x0070    /* 64-bit, in the VLPI frame */
#define GICR_VPENDBASER 0x0078    /* 64-bit, in the VLPI frame */
#define GICR_VPENDBASER_VALID GIC_BIT64(63)
#define GICR_VPENDBASER_IDAI GIC_BIT64(62)
#define GICR_VPENDBASER_PENDING_LAST GIC_BIT64(61)
#define GICR_VPENDBASER_DIRTY GIC_BIT64(60)

/* GICR_PROPBASER: the LPI configuration table. */
#define GICR_PROPBASER_IDBITS_MASK 0x1fULL         /* INTID bits - 1 */
#define GICR_PROPBASER_ADDR_MASK 0x000ffffffffff000ULL  /* [51:12] */
/* GICR_PENDBASER: the LPI pending table (64 KiB aligned). */
#define GICR_PENDBASER_PTZ GIC_BIT64(62)
#define GICR_PENDBASER_ADDR_MASK 0x000fffffffff0000ULL  /* [51:16] */

/* One byte per LPI in the configuration table (5.1.1). */
#define LPI_PROP_ENABLE 0x01U
#define LPI_PROP_PRIORITY_MASK 0xfcU
#define LPI_PROP_RES1 0x02U        /* Linux writes it; the spec says RES1 for GICv3 */

/* Commands: 32 bytes, four little-endian doublewords (5.3.1). The
 * command number is DW0 [7:0]. */
#define ITS_CMD_SIZE 32U
#define ITS_CMD_DWORDS 4U
#define ITS_CMD_MOVI 0x01U
#define ITS_CMD_INT 0x03U
#define ITS_CMD_CLEAR 0x04U
#define ITS_CMD_SYNC 0x05U
#define ITS_CMD_MAPD 0x08U
#define ITS_CMD_MAPC 0x09U
#define ITS_CMD_MAPTI 0x0aU
#define ITS_CMD_MAPI 0x0bU
#define ITS_CMD_INV 0x0cU
#define ITS_CMD_INVALL 0x0dU
#define ITS_CMD_MOVALL 0x0eU
#define ITS_CMD_DISCARD 0x0fU
/* GICv4.0 virtual LPI commands. */
#define ITS_CMD_VMOVI 0x21U
#define ITS_CMD_VMOVP 0x22U
#define ITS_CMD_VSYNC 0x25U
#define ITS_CMD_VMAPP 0x29U
#define ITS_CMD_VMAPTI 0x2aU
#define ITS_CMD_VMAPI 0x2bU
#define ITS_CMD_VINVALL 0x2dU

/* Field positions (doubleword, shift, width in bits). */
#define ITS_CMD_OPCODE_MASK 0xffULL                /* DW0 [7:0] */
#define ITS_CMD_DEVID_SHIFT 32                     /* DW0 [63:32] DeviceID */
#define ITS_CMD_EVENTID_MASK 0xffffffffULL         /* DW1 [31:0] EventID */
#define ITS_CMD_PINTID_SHIFT 32                    /* DW1 [63:32] pINTID (MAPTI) */
#define ITS_CMD_SIZE_MASK 0x1fULL                  /* DW1 [4:0] MAPD: EventID bits - 1 */
#define ITS_CMD_ICID_MASK 0xffffULL                /* DW2 [15:0] ICID */
#define ITS_CMD_ITT_ADDR_MASK 0x000fffffffffff00ULL  /* DW2 [51:8] MAPD ITT_addr */
#define ITS_CMD_VALID GIC_BIT64(63)                /* DW2 MAPD / MAPC, DW2 VMAPP */
#define ITS_CMD_RDBASE_SHIFT 16                    /* DW2 [50:16] MAPC / SYNC RDbase */
#define ITS_CMD_RDBASE_MASK 0x7ffffffffULL
#define ITS_CMD_RDBASE_MOVALL_DW 3                 /* MOVALL: RDbase2 in DW3 */
/* GICv4.0 fields. */
#define ITS_CMD_VPEID_SHIFT 32                     /* DW1 [47:32] vPEID (every virtual command) */
#define ITS_CMD_VPEID_MASK 0xffffULL
#define ITS_CMD_VINTID_MASK 0xffffffffULL          /* VMAPTI DW2 [31:0] vINTID */
#define ITS_CMD_DB_PINTID_SHIFT 32                 /* VMAPTI DW2 [63:32] doorbell pINTID (1023: none) */
#define ITS_CMD_VPT_ADDR_MASK 0x000fffffffff0000ULL  /* VMAPP DW3 [51:16] */
#define ITS_CMD_VPT_SIZE_MASK 0x1fULL              /* VMAPP DW3 [4:0] */

#endif /* MONADIC_REGS_GICV3_ITS_H */
