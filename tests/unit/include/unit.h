/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * A minimal check harness for host unit tests: each CHECK prints one line
 * (ok / FAIL with both values) and unit_done() returns the exit status.
 */
#ifndef UNIT_H
#define UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_failures;
static int unit_checks;

#define CHECK_STR(got, want, what) do {                                        \
	const char *g_ = (got), *w_ = (want);                                  \
	unit_checks++;                                                         \
	if (strcmp(g_, w_) == 0) {                                             \
		printf("ok    %s\n", what);                                    \
	} else {                                                               \
		unit_failures++;                                               \
		printf("FAIL  %s\n      got:  \"%s\"\n      want: \"%s\"\n",    \
		       what, g_, w_);                                          \
	}                                                                      \
} while (0)

#define CHECK_INT(got, want, what) do {                                        \
	long long g_ = (long long)(got), w_ = (long long)(want);               \
	unit_checks++;                                                         \
	if (g_ == w_) {                                                        \
		printf("ok    %s\n", what);                                    \
	} else {                                                               \
		unit_failures++;                                               \
		printf("FAIL  %s: got %lld, want %lld\n", what, g_, w_);       \
	}                                                                      \
} while (0)

static inline int unit_done(void)
{
	printf("%d checks, %d failed\n", unit_checks, unit_failures);
	return unit_failures ? 1 : 0;
}

#endif
