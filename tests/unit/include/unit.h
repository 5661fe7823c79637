/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The check harness of every host unit test (unit.c is linked into each by
 * mhv_host_test): one line per check, "ok" or "FAIL file:line" with what
 * was got and wanted, and unit_done() for the exit status. A test that
 * made no check at all fails too: it can't have shown anything.
 *
 *     CHECK_INT(got, want, "what");           integers, both printed on failure
 *     CHECK_HEX(got, want, "what");           64-bit words (descriptors), printed in hex
 *     CHECK_STR(got, want, "what");           C strings
 *     CHECK(cond, "what %d", n);              anything else, printf-style
 */
#ifndef UNIT_H
#define UNIT_H

#include <stdbool.h>
#include <stdint.h>

#define CHECK_INT(got, want, what) \
	unit_check_int(__FILE__, __LINE__, (long long)(got), (long long)(want), (what))
#define CHECK_HEX(got, want, what) \
	unit_check_hex(__FILE__, __LINE__, (uint64_t)(got), (uint64_t)(want), (what))
#define CHECK_STR(got, want, what) unit_check_str(__FILE__, __LINE__, (got), (want), (what))
#define CHECK(cond, ...) unit_check(__FILE__, __LINE__, (cond), __VA_ARGS__)

bool unit_check_int(const char *file, int line, long long got, long long want, const char *what);
bool unit_check_hex(const char *file, int line, uint64_t got, uint64_t want, const char *what);
bool unit_check_str(const char *file, int line, const char *got, const char *want,
		    const char *what);
bool unit_check(const char *file, int line, bool ok, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Prints "N checks, M failed"; the process exit status. */
int unit_done(void);

#endif
