/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* Formatted output: printk to the console, mhv_snprintf into a buffer. */
#ifndef MONADIC_PRINTK_H
#define MONADIC_PRINTK_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Conversions: %d %i %u %x %X %p %s %c %%, flags '-' and '0', a field
 * width (or '*'), length modifiers l, ll, z. Like C's, but never touches
 * floating point (EL2 code is built with -mgeneral-regs-only).
 * Returns the length the full output would have (as C's snprintf).
 */
int mhv_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int mhv_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* One call's output reaches the console whole, even with several CPUs
 * printing: lines never interleave. */
#ifdef CONFIG_CONSOLE
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#else
static inline __attribute__((format(printf, 1, 2))) void printk(const char *fmt, ...)
{
	(void)fmt;
}
#endif

#define LOG_LEVEL_ERR 1
#define LOG_LEVEL_WRN 2
#define LOG_LEVEL_INF 3
#define LOG_LEVEL_DBG 4

#ifndef CONFIG_LOG_LEVEL
#define CONFIG_LOG_LEVEL 0
#endif
#define MHV_LOG(level, tag, fmt, ...) do {                           \
	if (CONFIG_LOG_LEVEL >= (level))                              \
		printk(tag fmt "\n", ##__VA_ARGS__);                  \
} while (0)
#define LOG_ERR(fmt, ...) MHV_LOG(LOG_LEVEL_ERR, "<err> ", fmt, ##__VA_ARGS__)
#define LOG_WRN(fmt, ...) MHV_LOG(LOG_LEVEL_WRN, "<wrn> ", fmt, ##__VA_ARGS__)
#define LOG_INF(fmt, ...) MHV_LOG(LOG_LEVEL_INF, "", fmt, ##__VA_ARGS__)
#define LOG_DBG(fmt, ...) MHV_LOG(LOG_LEVEL_DBG, "<dbg> ", fmt, ##__VA_ARGS__)

#endif
