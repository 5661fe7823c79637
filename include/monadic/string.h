/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* The few <string.h> functions a freestanding image needs (gcc may also
 * emit calls to them for struct copies and zeroing). Never on a hot path. */
#ifndef MONADIC_STRING_H
#define MONADIC_STRING_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);

#endif
