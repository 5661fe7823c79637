/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Polled PL011 output (ARM DDI 0183): wait while the transmit FIFO is
 * full, write the data register. No initialization: firmware (QEMU) or
 * the hypervisor's emulated UART has it ready.
 */
#include "format.h"
#include "lock.h"

#include <monadic/guest/console.h>
#include <monadic/guest/cpu.h>
#include <stdint.h>

#define PL011_DR 0x00U
#define PL011_FR 0x18U
#define PL011_FR_TXFF (1U << 5)

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
	while (*pl011_reg(PL011_FR) & PL011_FR_TXFF)
		;
	*pl011_reg(PL011_DR) = (uint32_t)(unsigned char)c;
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

static void console_sink(char c, void *ctx)
{
	(void)ctx;
	guest_putc(c);
}

void guest_vprintf(const char *fmt, va_list ap)
{
	guest_console_lock();
	guest_format(console_sink, NULL, fmt, ap);
	guest_console_unlock();
}

void guest_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	guest_vprintf(fmt, ap);
	va_end(ap);
}

struct buf_sink {
	char *buf;
	size_t size;
	size_t len;
};

static void buf_put(char c, void *ctx)
{
	struct buf_sink *b = ctx;

	if (b->len + 1 < b->size)
		b->buf[b->len] = c;
	b->len++;
}

int guest_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct buf_sink b = { buf, size, 0 };
	int n = guest_format(buf_put, &b, fmt, ap);

	if (size)
		buf[b.len < size ? b.len : size - 1] = '\0';
	return n;
}

int guest_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = guest_vsnprintf(buf, size, fmt, ap);

	va_end(ap);
	return n;
}
