/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * See monadic/string.h. Shared by the hypervisor and the guest SDK (the
 * functions gcc may call even in freestanding code). Built with
 * -fno-tree-loop-distribute-patterns so gcc does not turn the loops back
 * into calls to themselves. memcpy moves 8 bytes at a time when both sides
 * are aligned (the hypervisor loads tens of megabytes of Linux Image);
 * only aligned accesses, so it also works with the MMU off.
 */

#include <monadic/string.h>
#include <stdint.h>

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if ((((uintptr_t)d | (uintptr_t)s) & 7) == 0) {
		for (; n >= 8; n -= 8, d += 8, s += 8)
			*(uint64_t *)(void *)d = *(const uint64_t *)(const void *)s;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)  /* overlapping, destination above: copy backwards */
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

	for (; n--; x++, y++) {
		if (*x != *y)
			return *x - *y;
	}
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n] != '\0')
		n++;
	return n;
}
