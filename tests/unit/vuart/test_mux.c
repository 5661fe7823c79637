/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Console input: routed to the focused VM, Ctrl-A three times moves the
 * focus to the next VM with an emulated console, fewer pass through.
 */
#include <monadic/vuart.h>
#include <string.h>
#include <unit.h>

#include "fakes.h"

#define DR 0x000
#define FR 0x018
#define FR_RXFE 0x10
#define FR_RXFF 0x40
#define IMSC 0x038
#define IMSC_RX 0x10
#define IMSC_RT 0x40

static struct vm vms[4];
static struct vm_config cfgs[4];

/* What the VM's guest reads from its UART, as a string. */
static const char *received(struct vm *vm)
{
	static char buf[64];
	size_t n = 0;

	while (n < sizeof(buf) - 1 && !(reg32(vm, FR) & FR_RXFE))
		buf[n++] = (char)reg32(vm, DR);
	buf[n] = '\0';
	return buf;
}

static void type(const char *s)
{
	console_type(s, strlen(s));
	console_mux_poll();
}

static void test_routing(void)
{
	struct vm *a = &vms[0], *d = &vms[3];

	type("ls\n");
	CHECK_STR(received(a), "ls\n", "input goes to the first emulated VM");
	CHECK_STR(received(d), "", "and to no other");

	type("\x01x");
	CHECK_STR(received(a), "\x01x", "a lone Ctrl-A and the next key both pass through");
	type("\x01\x01y");
	CHECK_STR(received(a), "\x01\x01y", "two Ctrl-A pass through too");
	type("\x01");
	CHECK_STR(received(a), "", "a trailing Ctrl-A waits for the next key");
	type("z");
	CHECK_STR(received(a), "\x01z", "then both arrive");
	CHECK_STR(console_take(), "", "no focus message for any of these");
}

static void test_focus_follows_first_asker(void)
{
	struct vm *a = &vms[0], *d = &vms[3];

	guest_write(d, IMSC, 4, IMSC_RX | IMSC_RT);
	CHECK_STR(console_take(), "*** console focus: d (Ctrl-A x3 to switch) ***\n",
		  "d enabled its receive interrupt first: the focus moves to it");
	guest_write(a, IMSC, 4, IMSC_RX);
	reg32(a, DR);
	CHECK_STR(console_take(), "", "only once: a asking later keeps it on d");
	type("\x01\x01\x01");
	CHECK_STR(console_take(), "*** console focus: a (Ctrl-A x3 to switch) ***\n",
		  "the user still switches as before");
	guest_write(a, IMSC, 4, 0);
}

static void test_switch(void)
{
	struct vm *a = &vms[0], *d = &vms[3];

	type("\x01\x01\x01");
	CHECK_STR(console_take(), "*** console focus: d (Ctrl-A x3 to switch) ***\n",
		  "Ctrl-A x3 skips the VMs without an emulated console");
	type("pwd\n");
	CHECK_STR(received(d), "pwd\n", "input now goes to d");
	CHECK_STR(received(a), "", "not to a");

	type("\x01\x01\x01q");
	CHECK_STR(console_take(), "*** console focus: a (Ctrl-A x3 to switch) ***\n",
		  "from the last VM the focus wraps to the first");
	CHECK_STR(received(a), "q", "the key after the switch goes to the new focus");
	CHECK_STR(received(d), "", "and the switch sent nothing to d");

	type("\x01\x01\x01\x01\x01\x01");
	CHECK_STR(console_take(),
		  "*** console focus: d (Ctrl-A x3 to switch) ***\n"
		  "*** console focus: a (Ctrl-A x3 to switch) ***\n",
		  "six Ctrl-A switch twice");
}

static void test_rx_interrupt(void)
{
	struct vm *a = &vms[0];

	guest_write(a, 0x038, 4, 0x10);     /* UARTIMSC.RXIM */
	unsigned int n = injections;

	type("k");
	CHECK_INT(injections, n + 1, "typed input raises the focused VM's RX interrupt");
	CHECK_INT(inject_intid, 40, "its console_irq");
	CHECK_STR(received(a), "k", "with the character");
}

static void test_paste(void)
{
	struct vm *a = &vms[0];
	char paste[41];

	for (int i = 0; i < 40; i++)
		paste[i] = (char)('A' + i % 26);
	paste[40] = '\0';

	CHECK_INT(fake_rx_interrupt_on, 1, "the real UART's receive interrupt is on");
	type(paste);
	CHECK_INT(reg32(a, FR) & FR_RXFF, FR_RXFF, "a 40-key paste: the first 32 fill the FIFO");
	CHECK_INT(fake_rx_interrupt_on, 0, "the rest wait in the real UART, its interrupt off");
	CHECK_STR(received(a), paste, "the guest's reads make room: it gets all 40, in order");
	CHECK_INT(reg32(a, 0x004), 0, "nothing was lost to an overrun");
	CHECK_INT(fake_rx_interrupt_on, 1, "room again: the interrupt back on");

	type("\x01\x01");
	for (int i = 0; i < 31; i++)
		vuart_input(a, '.');
	type("w");
	CHECK_INT(fake_rx_interrupt_on, 0,
		  "two held Ctrl-A and a key do not fit in one free entry: left unread");
	CHECK_STR(received(a), "...............................\x01\x01w",
		  "then delivered together, after the rest");
}

/* With the receive interrupt bringing input, an exit's tick leaves the
 * real UART alone; the interrupt's poll delivers. Last: it can't be
 * undone. */
static void test_tick_leaves_input_to_the_interrupt(void)
{
	struct vm *a = &vms[0];

	console_type("k", 1);
	console_mux_tick();
	CHECK_STR(received(a), "k", "no receive interrupt yet: the tick polls");

	console_mux_input_by_interrupt();
	console_type("z", 1);
	console_mux_tick();
	CHECK_INT(reg32(a, FR) & FR_RXFE, FR_RXFE, "input by interrupt: the tick does not poll");
	console_mux_poll();
	CHECK_STR(received(a), "z", "the interrupt's poll delivers it");
}

int main(void)
{
	fake_vm(&vms[0], &cfgs[0], "a", VM_CONSOLE_EMULATED, 40);
	fake_vm(&vms[1], &cfgs[1], "b", VM_CONSOLE_PASSTHROUGH, 41);
	fake_vm(&vms[2], &cfgs[2], "c", VM_CONSOLE_NONE, 42);
	fake_vm(&vms[3], &cfgs[3], "d", VM_CONSOLE_EMULATED, 43);
	console_mux_poll();     /* no VM yet: nothing to do */
	for (int i = 0; i < 4; i++)
		fake_vuart_attach(&vms[i]);
	CHECK_STR(console_take(), "*** console focus: a (Ctrl-A x3 to switch) ***\n",
		  "the focus starts at the first VM with an emulated console");

	test_focus_follows_first_asker();
	test_routing();
	test_switch();
	test_rx_interrupt();
	test_paste();
	test_tick_leaves_input_to_the_interrupt();
	return unit_done();
}
