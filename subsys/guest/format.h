/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* The SDK's printf engine: formats into a sink one character at a time. */
#ifndef GUEST_FORMAT_H
#define GUEST_FORMAT_H

#include <stdarg.h>

typedef void (*guest_sink)(char c, void *ctx);

/* Returns the number of characters produced. */
int guest_format(guest_sink sink, void *ctx, const char *fmt, va_list ap);

#endif
