/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* The check harness (unit.h): counters shared by every file of a test. */

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "unit.h"

static unsigned int checks, failures;

static bool record(const char *file, int line, bool ok)
{
	checks++;
	if (ok) {
		printf("ok    ");
	} else {
		failures++;
		printf("FAIL  %s:%d  ", file, line);
	}
	return ok;
}

bool unit_check_int(const char *file, int line, long long got, long long want, const char *what)
{
	bool ok = record(file, line, got == want);

	if (ok)
		printf("%s\n", what);
	else
		printf("%s: got %lld, want %lld\n", what, got, want);
	return ok;
}

bool unit_check_hex(const char *file, int line, uint64_t got, uint64_t want, const char *what)
{
	bool ok = record(file, line, got == want);

	if (ok)
		printf("%s\n", what);
	else
		printf("%s: got 0x%016" PRIx64 ", want 0x%016" PRIx64 "\n", what, got, want);
	return ok;
}

bool unit_check_str(const char *file, int line, const char *got, const char *want,
		    const char *what)
{
	bool ok = record(file, line, strcmp(got, want) == 0);

	if (ok)
		printf("%s\n", what);
	else
		printf("%s\n      got:  \"%s\"\n      want: \"%s\"\n", what, got, want);
	return ok;
}

bool unit_check(const char *file, int line, bool ok, const char *fmt, ...)
{
	va_list ap;

	record(file, line, ok);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	return ok;
}

int unit_done(void)
{
	printf("%u checks, %u failed\n", checks, failures);
	return failures == 0 && checks > 0 ? 0 : 1;
}
