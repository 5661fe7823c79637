/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Several pCPUs at once (ThreadSanitizer): two guests write lines and read
 * typed input while two pCPUs poll the console. Every line must come out
 * whole, every typed character reach the guest once, in order.
 */
#include <monadic/vuart.h>
#include <pthread.h>
#include <string.h>
#include <unit.h>

#include "fakes.h"

#define LINES 300
#define LINE "0123456789abcdefghijklmnopqrstuvwxyz\n"
#define TYPED 200
#define POLLS 20000

static struct vm vms[2];
static struct vm_config cfgs[2];
static char got[TYPED + 1];

static void *guest(void *arg)
{
	struct vm *vm = arg;
	size_t n = 0;

	for (int i = 0; i < LINES; i++) {
		guest_puts(vm, LINE);
		/* The focused guest also reads what is typed (UARTFR.RXFE clear). */
		while (vm == &vms[0] && n < TYPED && !(reg32(vm, 0x018) & 0x10))
			got[n++] = (char)reg32(vm, 0x000);
	}
	while (vm == &vms[0] && n < TYPED) {
		if (!(reg32(vm, 0x018) & 0x10))
			got[n++] = (char)reg32(vm, 0x000);
		else
			console_mux_poll();
	}
	return NULL;
}

static void *poller(void *arg)
{
	(void)arg;
	for (int i = 0; i < POLLS; i++)
		console_mux_poll();
	return NULL;
}

int main(void)
{
	char typed[TYPED];
	pthread_t t[4];

	fake_vm(&vms[0], &cfgs[0], "a", VM_CONSOLE_EMULATED, 40);
	fake_vm(&vms[1], &cfgs[1], "b", VM_CONSOLE_EMULATED, 41);
	fake_vuart_attach(&vms[0]);
	fake_vuart_attach(&vms[1]);
	console_take();
	for (int i = 0; i < TYPED; i++)
		typed[i] = (char)('A' + i % 26);
	console_type(typed, TYPED);

	pthread_create(&t[0], NULL, guest, &vms[0]);
	pthread_create(&t[1], NULL, guest, &vms[1]);
	pthread_create(&t[2], NULL, poller, NULL);
	pthread_create(&t[3], NULL, poller, NULL);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);

	const char *out = console_take();
	int whole = 0, broken = 0;

	for (const char *p = out; *p != '\0';) {
		const char *nl = strchr(p, '\n');

		if (nl == NULL) {
			broken++;
			break;
		}

		size_t len = (size_t)(nl - p) + 1;

		if ((len == 4 + sizeof(LINE) - 1) &&
		    (strncmp(p, "[a] ", 4) == 0 || strncmp(p, "[b] ", 4) == 0) &&
		    strncmp(p + 4, LINE, sizeof(LINE) - 1) == 0)
			whole++;
		else
			broken++;
		p = nl + 1;
	}
	CHECK_INT(whole, 2 * LINES, "every line out whole");
	CHECK_INT(broken, 0, "no mixed or split line");
	CHECK_INT(memcmp(got, typed, TYPED), 0, "typed input reached the focused guest in order");
	return unit_done();
}
