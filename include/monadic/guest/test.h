/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Test reporting: exactly one line per check,
 *     PASS: <name>
 *     FAIL: <name> (<detail>)
 *     SKIP: <name> (<reason>)
 * and, when main() returns (or guest_test_finish() is called), one summary
 *     DONE: <passed> passed, <failed> failed, <skipped> skipped
 * followed by PSCI SYSTEM_OFF.
 */
#ifndef MONADIC_GUEST_TEST_H
#define MONADIC_GUEST_TEST_H

#include <stdbool.h>

/* Report one check; `fmt` describes the failure and is only formatted
 * when ok is false. Returns ok. Safe on any CPU. */
__attribute__((format(printf, 3, 4)))
bool guest_check(bool ok, const char *name, const char *fmt, ...);

/* A check that cannot run here (e.g. it only holds under Monadic). */
void guest_skip(const char *name, const char *reason);

/* Summary line, then SYSTEM_OFF. */
_Noreturn void guest_test_finish(void);

#endif
