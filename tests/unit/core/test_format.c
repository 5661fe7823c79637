/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* mhv_snprintf against what C's snprintf prints for the same format. */

#include <monadic/printk.h>
#include <stdint.h>
#include <stdio.h>
#include <unit.h>

#define SAME(fmt, ...) do {                                              \
	char ours[64], libc[64];                                         \
	int n = mhv_snprintf(ours, sizeof(ours), fmt, __VA_ARGS__);      \
	int m = snprintf(libc, sizeof(libc), fmt, __VA_ARGS__);          \
	CHECK_STR(ours, libc, "format \"" fmt "\"");                     \
	CHECK_INT(n, m, "length of \"" fmt "\"");                        \
} while (0)

int main(void)
{
	SAME("%d", 0);
	SAME("%d", -2147483647 - 1);
	SAME("%u", 4294967295U);
	SAME("%lld", (long long)INT64_MIN);
	SAME("%llu", (unsigned long long)UINT64_MAX);
	SAME("%x", 0xdeadbeefU);
	SAME("%X", 0xabcU);
	SAME("%016llx", 0x96000045ULL);
	SAME("%08x|%-8x|%8x", 0x1fU, 0x2fU, 0x3fU);
	SAME("%-5d|%5d|%05d", 42, -42, -42);
	SAME("%s and %s", "this", "that");
	SAME("[%10s][%-10s]", "right", "left");
	SAME("%c%c%%", 'o', 'k');
	SAME("x%-2d y%-2d", 5, 30);
	SAME("%*d", 6, 123);
	SAME("%zu", (size_t)123456789);
	SAME("%lu", 18446744073709551615UL);

	char small[8];
	int n = mhv_snprintf(small, sizeof(small), "%s", "truncated text");

	CHECK_STR(small, "truncat", "output is truncated and NUL-terminated");
	CHECK_INT(n, 14, "return value is the untruncated length");
	n = mhv_snprintf(NULL, 0, "%d", 12345);
	CHECK_INT(n, 5, "size 0 only measures");
	const char *volatile no_string = NULL;  /* volatile: gcc may not see it is NULL */

	mhv_snprintf(small, sizeof(small), "%s", no_string);
	CHECK_STR(small, "(null)", "NULL string");
	mhv_snprintf(small, sizeof(small), "%p", (void *)0x1000);
	CHECK_STR(small, "0x1000", "pointer");
	return unit_done();
}
