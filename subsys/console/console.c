/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * printk and the console backend. Output before a backend registers is
 * dropped (nothing can show it); one printk call is written under a lock
 * so lines from different CPUs never interleave.
 *
 * Two kinds of writers share the console: printk (the hypervisor) and the
 * VMs' emulated UARTs (console_write_tagged). The console remembers which
 * writer left its line unfinished and ends that line before anyone else
 * writes, so a line only ever holds one writer's text. A backspace moves
 * the cursor back over its writer's own text only (a shell erasing a typed
 * character); anywhere else (over a tag, another writer's text) it is
 * shown escaped.
 */

#include <monadic/console.h>
#include <monadic/hal/cpu.h>
#include <monadic/printk.h>
#include <monadic/mmu_state.h>
#include <monadic/spinlock.h>
#include <stdatomic.h>
#include <stdbool.h>

static const struct console_backend *backend;
static struct spinlock console_lock = SPINLOCK_INIT;
/* 1 + the index of the CPU holding console_lock, 0 while it is free: a CPU
 * that faults while printing can tell that the lock is its own. A CPU
 * compares it only with its own index and sees its own last write to it:
 * relaxed is enough. */
static atomic_uint lock_owner;

/* The writer whose last piece did not end its line (NULL: at a line start).
 * printk is one writer, identified by the address of printk_source. */
static const void *open_line;
static const char printk_source;
/* Columns of open_line's text on the current line (after its tag), at
 * most what the terminal shows: a UTF-8 sequence counts one, a tab one,
 * a wide character one. */
static size_t open_columns;

#define BACKSPACE '\b'
#define UTF8_CONTINUATION(c) (((uint8_t)(c) & 0xc0U) == 0x80U)

void console_register(const struct console_backend *b)
{
	backend = b;
}

void console_write(const char *s, size_t len)
{
	if (backend != NULL)
		backend->write(s, len);
}

int console_getc(void)
{
	if (backend == NULL || backend->getc == NULL)
		return -1;
	return backend->getc();
}

uint32_t console_rx_intid(void)
{
	return backend != NULL && backend->rx_interrupt != NULL ? backend->rx_intid : 0;
}

void console_rx_interrupt(bool on)
{
	if (backend != NULL && backend->rx_interrupt != NULL)
		backend->rx_interrupt(on);
}

/* Under the console lock: write a writer's piece, ending another writer's
 * open line first; 'tag' (may be NULL) starts each new line. */
static void write_piece(const void *source, const char *tag, const char *s, size_t len)
{
	if (len == 0)
		return;
	if (open_line != source) {
		if (open_line != NULL)
			console_write("\n", 1);
		if (tag != NULL) {
			size_t tag_len = 0;

			while (tag[tag_len] != '\0')
				tag_len++;
			console_write("[", 1);
			console_write(tag, tag_len);
			console_write("] ", 2);
		}
		open_columns = 0;
	}
	size_t run = 0;  /* start of the bytes not yet written */

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n') {
			open_columns = 0;
		} else if (s[i] != BACKSPACE) {
			open_columns += !UTF8_CONTINUATION(s[i]);
		} else {
			if (i > run)
				console_write(s + run, i - run);
			run = i + 1;
			if (open_columns > 0) {
				console_write(&s[i], 1);
				open_columns--;
			} else {
				console_write("\\x08", 4);  /* not erasable in turn */
			}
		}
	}
	if (len > run)
		console_write(s + run, len - run);
	open_line = s[len - 1] == '\n' ? NULL : source;
}

static void lock(void)
{
	spin_lock(&console_lock);
	atomic_store_explicit(&lock_owner, hal_cpu_index() + 1, memory_order_relaxed);
}

static void unlock(void)
{
	atomic_store_explicit(&lock_owner, 0, memory_order_relaxed);
	spin_unlock(&console_lock);
}

void console_recover(void)
{
	if (mmu_is_on() &&
	    atomic_load_explicit(&lock_owner, memory_order_relaxed) == hal_cpu_index() + 1)
		unlock();
}

/* VMs run only once the MMU is on, so the lock is always usable here. */
void console_write_tagged(const void *source, const char *tag, const char *s, size_t len)
{
	lock();
	write_piece(source, tag, s, len);
	unlock();
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
		lock();
	if (n > 0)
		write_piece(&printk_source, NULL, line, (size_t)n);
	if (locked)
		unlock();
}
