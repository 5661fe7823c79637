/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The console: one backend (a UART driver) registers itself. Output comes
 * from printk (the hypervisor) and from console_write_tagged (the VMs'
 * emulated UARTs, subsys/vuart); input is polled by the console
 * multiplexer.
 */
#ifndef MONADIC_CONSOLE_H
#define MONADIC_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct console_backend {
	const char *name;
	void (*write)(const char *s, size_t len);
	/* The next received character (0..255), or -1 when none is waiting. */
	int (*getc)(void);
	/* The interrupt (INTID) raised while received characters wait, 0 if
	 * none, and its switch: the console multiplexer turns it off while
	 * it has nowhere to put them. */
	uint32_t rx_intid;
	void (*rx_interrupt)(bool on);
};

void console_register(const struct console_backend *backend);
void console_write(const char *s, size_t len);

/* A character typed on the console, or -1 (none, or no input side). */
int console_getc(void);
/* The input interrupt of the backend (0: none) and its switch (no-op
 * without one). */
uint32_t console_rx_intid(void);
void console_rx_interrupt(bool on);

/*
 * A piece of a tagged source's output (a VM's console), written under the
 * console lock: a new line starts with "[tag] ". A piece that does not end
 * in '\n' leaves its line open and the source's next piece continues it
 * untagged, unless other output came in between: whoever writes next ends
 * an open line of another source first, so lines never interleave.
 * 'source' identifies the writer; the pieces hold no other '\n'.
 */
void console_write_tagged(const void *source, const char *tag, const char *s, size_t len);

/*
 * For a CPU about to report an exception it did not expect and stop: if
 * it faulted while holding the console lock (in the middle of a write),
 * the lock is let go, so that its report, and every other CPU's output,
 * still reach the console instead of all of them hanging silently. The
 * interrupted line is ended by whoever writes next.
 */
void console_recover(void);

#endif
