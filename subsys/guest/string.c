/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The four functions gcc may call even in freestanding code (gcc manual,
 * "Standards": memcpy, memmove, memset, memcmp). Byte loops: the MMU is
 * off, so only naturally aligned accesses are allowed, and these are not
 * hot. The file is built with -fno-tree-loop-distribute-patterns so gcc
 * does not turn the loops back into calls to themselves.
 */
#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d < s)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (size_t i = 0; i < n; i++) {
		if (x[i] != y[i])
			return x[i] - y[i];
	}
	return 0;
}
