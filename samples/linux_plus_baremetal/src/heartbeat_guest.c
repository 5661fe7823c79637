/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * A bare-metal guest that prints "heartbeat <n>" every 500 ms for as many
 * beats as its bootargs say (beats=N, default 20), then powers its VM off.
 * Beside Linux it shows the other VM keeps running whatever Linux does.
 */

#include <monadic/guest/sdk.h>

#define DEFAULT_BEATS 20U
#define BEAT_US 500000U

static unsigned int beats_from_bootargs(const char *args)
{
	static const char key[] = "beats=";

	for (const char *p = args; *p != '\0'; p++) {
		unsigned int i = 0, n = 0;

		while (key[i] != '\0' && p[i] == key[i])
			i++;
		if (key[i] != '\0')
			continue;
		for (p += i; *p >= '0' && *p <= '9'; p++)
			n = n * 10 + (unsigned int)(*p - '0');
		return n;
	}
	return DEFAULT_BEATS;
}

int main(void)
{
	unsigned int beats = beats_from_bootargs(guest_info.bootargs);

	for (unsigned int i = 1; i <= beats; i++) {
		guest_udelay(BEAT_US);
		guest_printf("heartbeat %u of %u\n", i, beats);
	}
	return 0;
}
