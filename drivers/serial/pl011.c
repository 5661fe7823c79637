/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Arm PrimeCell UART (PL011), Technical Reference Manual DDI 0183, as the
 * console backend for the node the devicetree chooses as monadic,console:
 * output, and input for the console multiplexer (subsys/vuart), polled
 * when its receive interrupt says characters wait.
 * Works with the MMU off (the EL2 identity map later maps it Device-nGnRE
 * at the same address).
 */

#include <monadic/console.h>
#include <monadic/devicetree.h>
#include <monadic/init.h>
#include <monadic/regs/pl011.h>
#include <stdint.h>

#define CONSOLE_NODE DT_CHOSEN(monadic_console)

#define BAUD_RATE 115200U

/* The devicetree's interrupt is an SPI (type 0), numbered from INTID 32. */
#define SPI_INTID_BASE 32U

static volatile uint32_t *reg(uintptr_t off)
{
	return (volatile uint32_t *)(uintptr_t)(DT_REG_ADDR(CONSOLE_NODE) + off);
}

static void pl011_putc(char c)
{
	while (*reg(UARTFR) & UARTFR_TXFF)
		;
	*reg(UARTDR) = (uint32_t)(unsigned char)c;
}

static void pl011_write(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			pl011_putc('\r');
		pl011_putc(s[i]);
	}
}

/* The receive FIFO's next character. The error bits above it (TRM 3.3.1)
 * are dropped: a framing or parity error still yields the best guess of
 * the character, which is all a console user can use. */
static int pl011_getc(void)
{
	if (*reg(UARTFR) & UARTFR_RXFE)
		return -1;
	return (int)(*reg(UARTDR) & UARTDR_DATA);
}

/* An SPI to say characters wait, where the devicetree gives one. */
#define HAS_RX_SPI (DT_NUM_IRQS(CONSOLE_NODE) > 0 && DT_IRQ_BY_IDX(CONSOLE_NODE, 0, type) == 0)

#if HAS_RX_SPI
static void pl011_rx_interrupt(bool on)
{
	*reg(UARTIMSC) = on ? UARTINT_RX | UARTINT_RT : 0;
}
#endif

static const struct console_backend pl011_console = {
	.name = "pl011",
	.write = pl011_write,
	.getc = pl011_getc,
#if HAS_RX_SPI
	.rx_intid = SPI_INTID_BASE + DT_IRQ_BY_IDX(CONSOLE_NODE, 0, irq),
	.rx_interrupt = pl011_rx_interrupt,
#endif
};

/*
 * Firmware usually leaves the UART running; program it only if it is off.
 * Divisor = clock / (16 * baud) as a 16.6 fixed-point value (TRM 3.3.6).
 */
static int pl011_console_init(void)
{
	if (!(*reg(UARTCR) & UARTCR_UARTEN)) {
		uint32_t div64 = (uint32_t)((DT_PROP(CONSOLE_NODE, clock_frequency) * 4ULL +
					     BAUD_RATE / 2) / BAUD_RATE);

		*reg(UARTIBRD) = div64 >> 6;
		*reg(UARTFBRD) = div64 & 0x3f;
		*reg(UARTLCR_H) = UARTLCR_H_WLEN_8 | UARTLCR_H_FEN;
		*reg(UARTCR) = UARTCR_UARTEN | UARTCR_TXE | UARTCR_RXE;
	}
	console_register(&pl011_console);
	return 0;
}

MHV_INIT(pl011_console_init, INIT_EARLY, 10);
