/* SPDX-License-Identifier: BSD-2-Clause-Patent */
#include <stdarg.h>
#include <stdio.h>

#include "check.h"

static unsigned int total, failed;

bool check_line(const char *file, int line, bool ok, const char *fmt, ...)
{
	va_list ap;

	total++;
	if (ok) {
		printf("PASS  ");
	} else {
		failed++;
		printf("FAIL  %s:%d  ", file, line);
	}
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	return ok;
}

int check_done(const char *suite)
{
	printf("%s: %u checks, %u failed\n", suite, total, failed);
	return failed == 0 && total > 0 ? 0 : 1;
}
