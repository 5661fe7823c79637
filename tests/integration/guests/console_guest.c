/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The console as a guest sees it, on a quiet machine:
 * - it writes a line that tries to erase its own tag and pass for another
 *   VM's (ESC [2K, CR, "[other] ..."): the scenario checks the real
 *   console shows those bytes escaped;
 * - it asks for a line and reads it by polling its UART only (IRQs
 *   masked, no GIC, no timer): the keys must reach it although it never
 *   takes an interrupt exit.
 */
#include <monadic/guest/sdk.h>

#define INPUT_TIMEOUT_US 20000000U
#define WANT "hello"

static unsigned int read_line(char *buf, unsigned int size)
{
	uint64_t end = guest_counter() + guest_us_to_ticks(INPUT_TIMEOUT_US);
	unsigned int n = 0;

	while (n + 1 < size && guest_counter() < end) {
		int c = guest_getc();

		if (c < 0)
			continue;
		if (c == '\r' || c == '\n')
			break;
		buf[n++] = (char)c;
	}
	buf[n] = '\0';
	return n;
}

static bool same(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

int main(void)
{
	char line[32];

	guest_puts("\x1b[2K\r[other] forged line\r\n");
	guest_printf("console_guest: type a line\n");
	read_line(line, sizeof(line));
	guest_check(same(line, WANT), "polled input", "read \"%s\" in %u s, want \"" WANT "\"",
		    line, INPUT_TIMEOUT_US / 1000000U);
	return 0;
}
