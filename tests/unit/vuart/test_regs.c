/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The emulated PL011's registers as a guest driver sees them: identity,
 * flags, the receive FIFO, the interrupt logic, access sizes.
 */
#include <monadic/vuart.h>
#include <unit.h>

#include "fakes.h"

/* Offsets and bits as a guest driver spells them (Arm DDI 0183G, 3.2-3.3). */
#define DR 0x000
#define RSR 0x004
#define FR 0x018
#define IBRD 0x024
#define LCR_H 0x02c
#define CR 0x030
#define IFLS 0x034
#define IMSC 0x038
#define RIS 0x03c
#define MIS 0x040
#define ICR 0x044
#define DMACR 0x048
#define FR_BUSY 0x08
#define FR_RXFE 0x10
#define FR_TXFF 0x20
#define FR_RXFF 0x40
#define FR_TXFE 0x80
#define INT_RX 0x10
#define INT_TX 0x20
#define INT_OE 0x400
#define FIFO_DEPTH 32
#define SPI 33

static struct vm vm;
static struct vm_config cfg;

static void test_registration(void)
{
	struct vm other;
	struct vm_config other_cfg;

	struct mmio_region region;

	fake_vm(&other, &other_cfg, "pt", VM_CONSOLE_PASSTHROUGH, SPI);
	CHECK_INT(vuart_region(&other, &region), 0, "passthrough console: no region");

	fake_vm(&vm, &cfg, "guest", VM_CONSOLE_EMULATED, SPI);
	console_take();
	CHECK_INT(vuart_region(&vm, &region), 1, "emulated console: a region");
	CHECK_INT(region.base, 0x9000000, "region at console_ipa");
	CHECK_INT(region.size, 0x1000, "region is 4 KiB");
	fake_vuart_attach(&vm);
	CHECK_STR(console_take(), "*** console focus: guest (Ctrl-A x3 to switch) ***\n",
		  "the first emulated console announces the focus");
}

static void test_ids(void)
{
	static const uint32_t want[8] = { 0x11, 0x10, 0x34, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
	uint32_t pid = 0, cid = 0;

	for (int i = 0; i < 4; i++) {
		CHECK_INT(reg32(&vm, 0xfe0 + 4 * i), want[i], "UARTPeriphID byte");
		CHECK_INT(reg32(&vm, 0xff0 + 4 * i), want[4 + i], "UARTPCellID byte");
		pid |= reg32(&vm, 0xfe0 + 4 * i) << (8 * i);
		cid |= reg32(&vm, 0xff0 + 4 * i) << (8 * i);
	}
	/* What Linux's amba bus assembles and matches against amba-pl011's
	 * id table ({ 0x00041011, 0x000fffff }). */
	CHECK_INT(pid & 0x000fffff, 0x00041011, "periph ID matches amba-pl011");
	CHECK_INT(pid >> 20 & 0xf, 3, "revision field 3 (r1p5: 32-entry FIFOs)");
	CHECK_INT(cid, 0xb105f00d, "PrimeCell ID");
}

static void test_reset_values(void)
{
	CHECK_INT(reg32(&vm, CR), 0x300, "UARTCR reset: TXE|RXE");
	CHECK_INT(reg32(&vm, IFLS), 0x12, "UARTIFLS reset: 1/2 levels");
	CHECK_INT(reg32(&vm, IMSC), 0, "UARTIMSC reset: all masked");
	CHECK_INT(reg32(&vm, RIS), INT_TX, "UARTRIS reset: transmit FIFO empty");
	CHECK_INT(reg32(&vm, MIS), 0, "UARTMIS reset: nothing");
}

static void test_stored_registers(void)
{
	CHECK_INT(guest_write(&vm, IBRD, 4, 0x12345), 0, "write UARTIBRD");
	CHECK_INT(reg32(&vm, IBRD), 0x2345, "UARTIBRD keeps its 16 bits");
	CHECK_INT(guest_write(&vm, LCR_H, 2, 0x70), 0, "halfword write UARTLCR_H");
	CHECK_INT(reg32(&vm, LCR_H), 0x70, "UARTLCR_H stored");
	CHECK_INT(guest_write(&vm, DMACR, 4, 0x7), 0, "write UARTDMACR");
	CHECK_INT(reg32(&vm, DMACR), 0x7, "UARTDMACR stored (no DMA done)");
	CHECK_INT(guest_write(&vm, FR, 4, 0), 0, "write to read-only UARTFR is ignored");
	CHECK_INT(guest_write(&vm, 0x100, 4, 0x55), 0, "write to a reserved offset is ignored");
	CHECK_INT(reg32(&vm, 0x100), 0, "reserved offset reads as zero");
}

static void test_flags(void)
{
	CHECK_INT(reg32(&vm, FR), FR_TXFE | FR_RXFE, "empty: TXFE|RXFE, not BUSY or TXFF");
	vuart_input(&vm, 'x');
	CHECK_INT(reg32(&vm, FR), FR_TXFE, "one character: RXFE clear");
	for (int i = 1; i < FIFO_DEPTH; i++)
		vuart_input(&vm, 'x');
	CHECK_INT(reg32(&vm, FR), FR_TXFE | FR_RXFF, "32 characters: RXFF");
	guest_puts(&vm, "output never waits");
	CHECK_INT(reg32(&vm, FR) & (FR_TXFF | FR_BUSY), 0, "after output: not TXFF, not BUSY");

	CHECK_INT(reg32(&vm, RSR), 0, "no overrun yet");
	vuart_input(&vm, 'y');
	CHECK_INT(reg32(&vm, RSR), 0x8, "a character into a full FIFO: UARTRSR.OE");
	CHECK_INT(reg32(&vm, RIS) & INT_OE, INT_OE, "and OERIS");
	CHECK_INT(guest_write(&vm, RSR, 4, 0), 0, "UARTECR write");
	CHECK_INT(reg32(&vm, RSR), 0, "UARTECR clears the errors");
	CHECK_INT(guest_write(&vm, ICR, 4, INT_OE), 0, "UARTICR.OEIC");
	CHECK_INT(reg32(&vm, RIS) & INT_OE, 0, "clears OERIS");

	for (int i = 0; i < FIFO_DEPTH; i++)
		(void)reg32(&vm, DR);
	CHECK_INT(reg32(&vm, FR), FR_TXFE | FR_RXFE, "drained: RXFE again");
	CHECK_INT(reg32(&vm, DR), 0, "reading an empty FIFO gives 0");
	console_take();
}

static void test_rx_order(void)
{
	const char *s = "hello";

	for (const char *p = s; *p != '\0'; p++)
		vuart_input(&vm, *p);

	char got[8] = { 0 };

	for (int i = 0; i < 5; i++) {
		uint64_t v = 0;

		guest_read(&vm, DR, i % 2 ? 2 : 1, &v);   /* bytes and halfwords */
		got[i] = (char)v;
	}
	CHECK_STR(got, "hello", "UARTDR returns characters in arrival order");

	/* Wrap around the ring. */
	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < 20; i++)
			vuart_input(&vm, (char)('a' + i));
		int ok = 1;

		for (int i = 0; i < 20; i++)
			ok &= reg32(&vm, DR) == (uint32_t)('a' + i);
		CHECK_INT(ok, 1, "order kept across the ring's wrap");
	}
}

static void test_rx_interrupt(void)
{
	guest_write(&vm, ICR, 4, 0x7ff);
	unsigned int n = injections;

	vuart_input(&vm, '1');
	CHECK_INT(injections, n, "RXIM clear: data arrives, no interrupt");
	CHECK_INT(reg32(&vm, RIS) & INT_RX, INT_RX, "but RXRIS is set");
	CHECK_INT(reg32(&vm, MIS), 0, "and UARTMIS shows nothing");

	guest_write(&vm, IMSC, 4, INT_RX);
	CHECK_INT(injections, n + 1, "unmasking RX with data waiting raises the interrupt");
	CHECK_INT(inject_intid, SPI, "the VM's console_irq");
	CHECK_INT(inject_vm == &vm, 1, "into this VM");
	CHECK_INT(reg32(&vm, MIS), INT_RX, "UARTMIS.RXMIS");

	vuart_input(&vm, '2');
	CHECK_INT(injections, n + 1, "more data while RXMIS is set: no second interrupt");

	(void)reg32(&vm, DR);
	CHECK_INT(reg32(&vm, MIS), INT_RX, "one character left: RXMIS stays");
	(void)reg32(&vm, DR);
	CHECK_INT(reg32(&vm, MIS), 0, "FIFO drained: RXMIS drops");

	vuart_input(&vm, '3');
	CHECK_INT(injections, n + 2, "RXIM set and data arrives: interrupt");

	guest_write(&vm, ICR, 4, INT_RX);
	CHECK_INT(reg32(&vm, MIS), 0, "UARTICR.RXIC clears RXMIS with data left");
	CHECK_INT(reg32(&vm, FR) & FR_RXFE, 0, "the data stays");
	vuart_input(&vm, '4');
	CHECK_INT(injections, n + 3, "a new character raises it again");
	(void)reg32(&vm, DR);
	(void)reg32(&vm, DR);
	guest_write(&vm, IMSC, 4, 0);
}

static void test_tx_interrupt(void)
{
	unsigned int n = injections;

	/* Linux's pl011_start_tx_pio: fill the FIFO until TXFF (never), so
	 * TXIM is only set when it has more to send; the interrupt must come
	 * and keep coming while TXIM stays set. */
	guest_write(&vm, ICR, 4, INT_TX);
	CHECK_INT(reg32(&vm, RIS) & INT_TX, 0, "UARTICR.TXIC clears TXRIS");
	guest_write(&vm, IMSC, 4, INT_TX);
	CHECK_INT(injections, n, "TXIM set with TXRIS clear: nothing yet");
	guest_write(&vm, DR, 1, 'a');
	CHECK_INT(injections, n + 1, "a write drains at once: TX interrupt");
	CHECK_INT(reg32(&vm, MIS), INT_TX, "UARTMIS.TXMIS");
	guest_write(&vm, DR, 1, 'b');
	CHECK_INT(injections, n + 1, "TXMIS already set: no second interrupt");
	guest_write(&vm, IMSC, 4, 0);
	CHECK_INT(reg32(&vm, RIS) & INT_TX, INT_TX, "TXRIS stays asserted after writes");
	guest_write(&vm, IMSC, 4, INT_TX);
	CHECK_INT(injections, n + 2, "re-enabling TXIM: the empty FIFO interrupts at once");
	guest_write(&vm, IMSC, 4, 0);
	console_take();
}

static void test_access_sizes(void)
{
	uint64_t v = 0;

	CHECK_INT(guest_read(&vm, FR, 1, &v), 0, "byte read of UARTFR");
	CHECK_INT(guest_read(&vm, FR, 2, &v), 0, "halfword read of UARTFR");
	CHECK_INT(guest_read(&vm, 0xfe8, 1, &v), 0, "byte read of an ID register");
	CHECK_INT(v, 0x34, "gives its value");
	CHECK_INT(guest_write(&vm, DR, 1, 'z'), 0, "byte write of UARTDR (earlycon)");
	CHECK_INT(guest_read(&vm, FR, 8, &v) < 0, 1, "doubleword access refused");
	CHECK_INT(guest_write(&vm, DR, 8, 'z') < 0, 1, "doubleword write refused");
	CHECK_INT(guest_read(&vm, FR + 1, 1, &v) < 0, 1, "byte inside a register refused");
	CHECK_INT(guest_read(&vm, FR + 2, 2, &v) < 0, 1, "upper halfword refused");
	CHECK_INT(guest_read(&vm, FR, 3, &v) < 0, 1, "odd size refused");
	console_take();
}

int main(void)
{
	test_registration();
	test_ids();
	test_reset_values();
	test_stored_registers();
	test_flags();
	test_rx_order();
	test_rx_interrupt();
	test_tx_interrupt();
	test_access_sizes();
	return unit_done();
}
