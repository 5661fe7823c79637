/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The PL011 programmer's model: register offsets, bits and reset values
 * from the PrimeCell UART (PL011) Technical Reference Manual, Arm DDI
 * 0183G, chapter 3 (Table 3-1 and 3.3.x). One map for the console driver
 * (drivers/serial), the emulation guests see (subsys/vuart) and the guest
 * SDK's console.
 */
#ifndef MONADIC_REGS_PL011_H
#define MONADIC_REGS_PL011_H

/* The register block the guest sees: one 4 KiB page (TRM 3.2). */
#define PL011_MMIO_SIZE 0x1000U

/* Offsets (TRM Table 3-1). Every register sits at a word-aligned offset. */
#define UARTDR 0x000
#define UARTRSR 0x004          /* read: UARTRSR; write: UARTECR */
#define UARTFR 0x018
#define UARTILPR 0x020
#define UARTIBRD 0x024
#define UARTFBRD 0x028
#define UARTLCR_H 0x02c
#define UARTCR 0x030
#define UARTIFLS 0x034
#define UARTIMSC 0x038
#define UARTRIS 0x03c
#define UARTMIS 0x040
#define UARTICR 0x044
#define UARTDMACR 0x048
#define UARTPERIPHID0 0xfe0    /* PeriphID0-3, then PCellID0-3, a word each */
#define UARTPCELLID0 0xff0
#define UARTID_COUNT 4
#define UARTREG_ALIGN 4U

/* UARTDR (TRM 3.3.1): the character in bits 7:0. */
#define UARTDR_DATA 0xffU

/* UARTRSR/UARTECR (TRM 3.3.2): overrun error. */
#define UARTRSR_OE (1U << 3)

/* UARTFR (TRM 3.3.3). */
#define UARTFR_BUSY (1U << 3)
#define UARTFR_RXFE (1U << 4)
#define UARTFR_TXFF (1U << 5)
#define UARTFR_RXFF (1U << 6)
#define UARTFR_TXFE (1U << 7)

/* UARTLCR_H (TRM 3.3.7): 8-bit words, FIFOs on. */
#define UARTLCR_H_FEN (1U << 4)
#define UARTLCR_H_WLEN_8 (3U << 5)

/* UARTCR (TRM 3.3.8). */
#define UARTCR_UARTEN (1U << 0)
#define UARTCR_TXE (1U << 8)
#define UARTCR_RXE (1U << 9)

/* Widths of the plain storage registers (TRM 3.3.4-3.3.9, 3.3.14). */
#define UARTILPR_MASK 0xffU
#define UARTIBRD_MASK 0xffffU
#define UARTFBRD_MASK 0x3fU
#define UARTLCR_H_MASK 0xffU
#define UARTCR_MASK 0xffffU
#define UARTIFLS_MASK 0x3fU
#define UARTDMACR_MASK 0x7U

/* Reset values (TRM Table 3-1): TXE|RXE set, UARTEN clear; both FIFO
 * trigger levels at 1/2. */
#define UARTCR_RESET 0x0300U
#define UARTIFLS_RESET 0x12U

/* UARTIMSC/RIS/MIS/ICR share one bit layout (TRM 3.3.10-3.3.13). */
#define UARTINT_RX (1U << 4)
#define UARTINT_TX (1U << 5)
#define UARTINT_RT (1U << 6)
#define UARTINT_OE (1U << 10)
#define UARTINT_ALL 0x7ffU

/* Identification (TRM 3.3.15, 3.3.16): an Arm (designer 0x41) PL011
 * (part 0x011) revision r1p5 (3), and the PrimeCell ID 0xB105F00D that
 * Linux's AMBA bus reads before it matches a driver. */
#define PL011_PERIPH_ID { 0x11, 0x10, 0x34, 0x00 }
#define PL011_PCELL_ID { 0x0d, 0xf0, 0x05, 0xb1 }

#endif
