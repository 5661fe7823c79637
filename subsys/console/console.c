/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * printk and the console backend. Output before a backend registers is
 * dropped (nothing can show it); one printk call is written under a lock
 * so lines from different CPUs never interleave.
 */

#include <monadic/console.h>
#include <monadic/printk.h>
#include <monadic/mmu_state.h>
#include <monadic/spinlock.h>

static const struct console_backend *backend;
static struct spinlock console_lock = SPINLOCK_INIT;

void console_register(const struct console_backend *b)
{
	backend = b;
}

void console_write(const char *s, size_t len)
{
	if (backend != NULL)
		backend->write(s, len);
}

void printk(const char *fmt, ...)
{
	char line[256];
	va_list ap;

	va_start(ap, fmt);
	int n = mhv_vsnprintf(line, sizeof(line), fmt, ap);

	va_end(ap);
	if (n >= (int)sizeof(line))
		n = sizeof(line) - 1;

	/* Before the MMU is on there is one CPU and no cacheable memory for
	 * the lock's atomics. */
	bool locked = mmu_is_on();

	if (locked)
		spin_lock(&console_lock);
	console_write(line, (size_t)n);
	if (locked)
		spin_unlock(&console_lock);
}
