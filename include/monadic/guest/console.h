/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Guest console: polled PL011 output and input at the virt machine's UART
 * (GUEST_PL011_BASE) and a small printf. Output is serialized between CPUs
 * so lines from two vCPUs never interleave.
 *
 * Conversions: %d %i %u %x %X %c %s %p %%, length l / ll / z, width, '0'
 * (zero pad) and '-' (left justify).
 */
#ifndef MONADIC_GUEST_CONSOLE_H
#define MONADIC_GUEST_CONSOLE_H

#include <stdarg.h>
#include <stddef.h>

#define GUEST_PL011_BASE 0x09000000UL

void guest_putc(char c);
void guest_puts(const char *s);   /* no newline added */
/* The next character received, or -1 when none waits (polled: no
 * interrupt needed). */
int guest_getc(void);

__attribute__((format(printf, 1, 2)))
void guest_printf(const char *fmt, ...);
void guest_vprintf(const char *fmt, va_list ap);

/* Always NUL-terminates (size > 0); returns the length it would have had:
 * the hypervisor's formatter, shared (subsys/console/format.c). */
#include <monadic/printk.h>
#define guest_snprintf mhv_snprintf
#define guest_vsnprintf mhv_vsnprintf

/* Hold the console across several calls (one logical line). Recursive on
 * the same CPU. */
void guest_console_lock(void);
void guest_console_unlock(void);

#endif
