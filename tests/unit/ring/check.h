/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Minimal check reporting for the ring tests: one line per check, a failed
 * check names its file and line, and check_exit() turns failures into the
 * process status ctest reads.
 */
#ifndef RING_TEST_CHECK_H
#define RING_TEST_CHECK_H

#include <stdio.h>
#include <stdlib.h>

static int check_failures;

static inline void check_eq(const char *file, int line, const char *what, long long got,
			    long long want)
{
	if (got == want) {
		printf("ok    %s (= %lld)\n", what, got);
		return;
	}
	printf("FAIL  %s: got %lld, want %lld  [%s:%d]\n", what, got, want, file, line);
	check_failures++;
}

#define CHECK_EQ(what, got, want) \
	check_eq(__FILE__, __LINE__, (what), (long long)(got), (long long)(want))
#define CHECK(what, cond) CHECK_EQ((what), !!(cond), 1)

static inline int check_exit(void)
{
	printf("%s: %d check(s) failed\n", check_failures ? "FAILED" : "PASSED", check_failures);
	return check_failures ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif /* RING_TEST_CHECK_H */
