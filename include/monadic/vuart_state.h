/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Per-VM emulated PL011 state (owned by subsys/vuart), embedded in struct
 * vm: the registers the guest programs, the receive FIFO the console
 * multiplexer fills, and the output line being assembled for the console.
 */
#ifndef MONADIC_VUART_STATE_H
#define MONADIC_VUART_STATE_H

#include <monadic/spinlock.h>
#include <stdatomic.h>
#include <stdint.h>

struct vm;

/* Depth of the receive FIFO. Revision r1p5 of the PL011 (PeriphID2
 * revision field 3) doubled the FIFOs to 32 entries (Arm DDI 0183G,
 * Appendix A); Linux's driver derives its FIFO size from that field. */
#define VUART_RX_FIFO_SIZE 32
/* Output is buffered up to a newline; a longer line goes out in pieces. */
#define VUART_LINE_SIZE 256

struct vuart_line {
	char buf[VUART_LINE_SIZE];
	uint32_t len;
	uint64_t since;            /* counter ticks when the last character arrived */
	uint8_t held;              /* a byte whose meaning the next one decides, or 0 */
};

struct vuart {
	struct spinlock lock;      /* the guest's vCPUs and the multiplexer */
	/* Stored as written; they do not change how the emulation behaves. */
	uint32_t ilpr, ibrd, fbrd, lcr_h, cr, ifls, dmacr;
	uint32_t imsc;             /* interrupt mask */
	uint32_t ris;              /* raw interrupt status (latched bits) */
	uint32_t rsr;              /* receive errors: overrun only */
	uint8_t rx[VUART_RX_FIFO_SIZE];
	uint32_t rx_head, rx_count;
	struct vuart_line line;
	_Atomic(struct vm *) mux_next;  /* next VM with an emulated console */
};

#endif
