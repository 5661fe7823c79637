/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* The console: one output backend (a UART driver) registers itself. */
#ifndef MONADIC_CONSOLE_H
#define MONADIC_CONSOLE_H

#include <stddef.h>

struct console_backend {
	const char *name;
	void (*write)(const char *s, size_t len);
};

void console_register(const struct console_backend *backend);
void console_write(const char *s, size_t len);

#endif
