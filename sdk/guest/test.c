/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* One line per check, a summary, power off. */
#include <monadic/guest/console.h>
#include <monadic/guest/psci.h>
#include <monadic/guest/test.h>
#include <stdarg.h>

/* Updated only under the console lock, which serializes the CPUs. */
static unsigned int passed, failed, skipped;

bool guest_check(bool ok, const char *name, const char *fmt, ...)
{
	guest_console_lock();
	if (ok) {
		passed++;
		guest_printf("PASS: %s\n", name);
	} else {
		va_list ap;

		failed++;
		guest_printf("FAIL: %s (", name);
		va_start(ap, fmt);
		guest_vprintf(fmt, ap);
		va_end(ap);
		guest_puts(")\n");
	}
	guest_console_unlock();
	return ok;
}

void guest_skip(const char *name, const char *reason)
{
	guest_console_lock();
	skipped++;
	guest_printf("SKIP: %s (%s)\n", name, reason);
	guest_console_unlock();
}

_Noreturn void guest_test_finish(void)
{
	guest_printf("DONE: %u passed, %u failed, %u skipped\n", passed, failed, skipped);
	guest_psci_system_off();
}
