/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Polled PL011 (ARM DDI 0183): output waits while the transmit FIFO is
 * full, then writes the data register; input reads it while the receive
 * FIFO is not empty. No initialization: firmware (QEMU) or the
 * hypervisor's emulated UART has it ready.
 */
#include <monadic/printk.h>
#include "lock.h"

#include <monadic/guest/console.h>
#include <monadic/guest/cpu.h>
#include <monadic/regs/pl011.h>
#include <stdint.h>


static struct guest_bakery console_bakery;
/* Lock depth per CPU: the console lock is recursive on one CPU so a
 * report can hold it around several printf calls. */
static volatile uint32_t console_depth[GUEST_MAX_CPUS];

static volatile uint32_t *pl011_reg(unsigned int off)
{
	return (volatile uint32_t *)(GUEST_PL011_BASE + off);
}

static void pl011_putc(char c)
{
	while (*pl011_reg(UARTFR) & UARTFR_TXFF)
		;
	*pl011_reg(UARTDR) = (uint32_t)(unsigned char)c;
}

int guest_getc(void)
{
	if (*pl011_reg(UARTFR) & UARTFR_RXFE)
		return -1;
	return (int)(*pl011_reg(UARTDR) & UARTDR_DATA);
}

void guest_console_lock(void)
{
	unsigned int cpu = guest_cpu_index();

	if (console_depth[cpu]++ == 0)
		guest_bakery_lock(&console_bakery, cpu);
}

void guest_console_unlock(void)
{
	unsigned int cpu = guest_cpu_index();

	if (--console_depth[cpu] == 0)
		guest_bakery_unlock(&console_bakery, cpu);
}

void guest_putc(char c)
{
	guest_console_lock();
	if (c == '\n')
		pl011_putc('\r');
	pl011_putc(c);
	guest_console_unlock();
}

void guest_puts(const char *s)
{
	guest_console_lock();
	while (*s)
		guest_putc(*s++);
	guest_console_unlock();
}

/* The hypervisor's formatter (subsys/console/format.c) serves guests too.
 * One call's output is written whole, under the console lock; a line is
 * at most GUEST_PRINTF_MAX bytes. */
#define GUEST_PRINTF_MAX 256

void guest_vprintf(const char *fmt, va_list ap)
{
	char line[GUEST_PRINTF_MAX];

	mhv_vsnprintf(line, sizeof(line), fmt, ap);
	guest_puts(line);
}

void guest_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	guest_vprintf(fmt, ap);
	va_end(ap);
}
