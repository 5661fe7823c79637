/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Configuration space registers, PCI Express Base Specification 5.0:
 * 7.5.1.1 "Type 0/1 Common Configuration Space", 7.5.1.2 "Type 0
 * Configuration Space Header", 7.5.1.3 "Type 1 Configuration Space Header",
 * and 7.2.2 for the ECAM address layout.
 */
#ifndef DRIVERS_PCI_REGS_H
#define DRIVERS_PCI_REGS_H

#include <monadic/pci.h>

/* ECAM (7.2.2, Table 7-1): bus [27:20], device [19:15], function [14:12]. */
#define ECAM_BUS_SHIFT 20
#define ECAM_DEVFN_SHIFT 12   /* device and function together: the BDF's low byte */
#define ECAM_CFG_SIZE 4096u

#define PCI_MAX_DEVICES 32
#define PCI_MAX_FUNCTIONS 8

/* Common header (7.5.1.1). */
#define PCI_VENDOR_ID 0x00       /* [15:0] vendor, [31:16] device */
#define PCI_VENDOR_NONE 0xffffu  /* no function answers */
/* PCI_COMMAND and its bits: <monadic/pci.h>. */
#define PCI_CLASS_REVISION 0x08  /* [7:0] revision, [31:8] class code */
#define PCI_CLASS_SHIFT 8
#define PCI_HEADER_DWORD 0x0c    /* [23:16] header type */
#define PCI_HEADER_TYPE_SHIFT 16
#define PCI_HEADER_TYPE_LAYOUT 0x7fu
#define PCI_HEADER_TYPE_MULTIFN 0x80u

/* Base Address Registers (7.5.1.2.1). */
#define PCI_BAR0 0x10
#define PCI_BAR_STRIDE 4
#define PCI_BARS_TYPE0 6
#define PCI_BARS_TYPE1 2
#define PCI_BAR_SPACE_IO (1u << 0)
#define PCI_BAR_MEM_TYPE_SHIFT 1
#define PCI_BAR_MEM_TYPE_MASK 0x3u
#define PCI_BAR_MEM_TYPE_32 0x0u
#define PCI_BAR_MEM_TYPE_64 0x2u
#define PCI_BAR_MEM_PREFETCH (1u << 3)
#define PCI_BAR_MEM_FLAGS 0xfu   /* low bits that are not address */
#define PCI_BAR_ALL_ONES 0xffffffffu
#define PCI_BAR_MIN_ALIGN 0x1000u  /* a Stage-2 page: BARs never share one */

/* Type 1 header (7.5.1.3). */
#define PCI_BUS_NUMBERS 0x18     /* primary [7:0], secondary [15:8], subordinate [23:16] */
#define PCI_SECONDARY_SHIFT 8
#define PCI_SUBORDINATE_SHIFT 16
#define PCI_IO_BASE_LIMIT 0x1c   /* I/O base [7:0], limit [15:8], secondary status [31:16] */
#define PCI_IO_WINDOW_OFF 0x00f0u /* base 0xf0 > limit 0x00: window closed */
#define PCI_MEMORY_BASE_LIMIT 0x20 /* base [15:4] = addr[31:20], limit [31:20] */
#define PCI_PREF_BASE_LIMIT 0x24
#define PCI_PREF_BASE_UPPER 0x28
#define PCI_PREF_LIMIT_UPPER 0x2c
#define PCI_WINDOW_SHIFT 20      /* bridge windows have 1 MiB granularity */
#define PCI_WINDOW_ALIGN (1ull << PCI_WINDOW_SHIFT)
#define PCI_WINDOW_FIELD_MASK 0xfff0u
#define PCI_WINDOW_ADDR_SHIFT 16 /* addr[31:20] sits at field bits [15:4] */
#define PCI_WINDOW_LIMIT_SHIFT 16
#define PCI_WINDOW_OFF PCI_WINDOW_FIELD_MASK /* base 0xfff0 > limit 0: closed */

#endif /* DRIVERS_PCI_REGS_H */
