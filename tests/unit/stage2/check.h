/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Minimal check harness: one line per check, "PASS" or "FAIL file:line",
 * and a summary; the test exits non-zero if any check failed.
 */
#ifndef TESTS_STAGE2_CHECK_H
#define TESTS_STAGE2_CHECK_H

#include <stdbool.h>

#define CHECK(cond, ...) check_line(__FILE__, __LINE__, (cond), __VA_ARGS__)

bool check_line(const char *file, int line, bool ok, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Prints the summary; returns the process exit status. */
int check_done(const char *suite);

#endif /* TESTS_STAGE2_CHECK_H */
