/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The console: one backend (a UART driver) registers itself. Output comes
 * from printk (the hypervisor) and from console_write_tagged (the VMs'
 * emulated UARTs, subsys/vuart); input is polled by the console
 * multiplexer.
 */
#ifndef MONADIC_CONSOLE_H
#define MONADIC_CONSOLE_H

#include <stddef.h>

struct console_backend {
	const char *name;
	void (*write)(const char *s, size_t len);
	/* The next received character (0..255), or -1 when none is waiting. */
	int (*getc)(void);
};

void console_register(const struct console_backend *backend);
void console_write(const char *s, size_t len);

/* A character typed on the console, or -1 (none, or no input side). */
int console_getc(void);

/*
 * A piece of a tagged source's output (a VM's console), written under the
 * console lock: a new line starts with "[tag] ". A piece that does not end
 * in '\n' leaves its line open and the source's next piece continues it
 * untagged, unless other output came in between: whoever writes next ends
 * an open line of another source first, so lines never interleave.
 * 'source' identifies the writer; the pieces hold no other '\n'.
 */
void console_write_tagged(const void *source, const char *tag, const char *s, size_t len);

#endif
