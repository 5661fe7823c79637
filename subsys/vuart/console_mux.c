/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The console multiplexer: one real UART, several VMs with an emulated
 * console. Output needs no routing (each VM's lines are tagged, see
 * vuart_line.c); input goes to the VM that has the focus. Typing Ctrl-A
 * three times in a row moves the focus to the next VM, as Xen's console
 * does; one or two Ctrl-A followed by anything else reach the VM as typed.
 * The focus starts at the first VM and follows, once, the first VM that
 * asks for input (enables its receive interrupt or reads its data
 * register), unless the user has switched already.
 *
 * Input is read from the real UART only while the focused VM's receive
 * FIFO has room for what the next key may deliver: the rest waits in the
 * real UART (whose flow control, or overrun, is then the sender's), so a
 * paste longer than the FIFO is not cut by the emulation.
 *
 * The poll runs on whichever pCPU calls it (idle loops, VM exits); a
 * try-lock lets one pCPU at a time do it, the others return at once.
 */

#include <monadic/console.h>
#include <monadic/hal/cpu.h>
#include <monadic/printk.h>
#include <monadic/spinlock.h>
#include <monadic/vm/vm.h>
#include <monadic/vuart.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "console_mux.h"
#include "vuart_internal.h"

#define CTRL_A '\x01'
#define SWITCH_PRESSES 3

/* The VMs in the order they were added, linked through vuart.mux_next;
 * appended under add_lock, read without it (release/acquire). */
static _Atomic(struct vm *) first;
static struct vm *last;
static struct spinlock add_lock = SPINLOCK_INIT;

/* Held by the pCPU that polls; it alone touches focus, ctrl_a_count,
 * rx_interrupt_on and focus_settled. */
static atomic_bool polling;
static struct vm *focus;
static unsigned int ctrl_a_count;
static bool rx_interrupt_on;
/* The focus starts at the first VM, and moves once, by itself, to the
 * first VM that asks for input (if another), unless the user chose first. */
static bool focus_settled;
static _Atomic(struct vm *) first_asker;

static struct vm *first_vm(void)
{
	return atomic_load_explicit(&first, memory_order_acquire);
}

static struct vm *next_vm(struct vm *vm)
{
	return atomic_load_explicit(&vm->vuart.mux_next, memory_order_acquire);
}

static void announce(const struct vm *vm)
{
	printk("*** console focus: %s (Ctrl-A x3 to switch) ***\n", vm->cfg->name);
}

void console_mux_add_vm(struct vm *vm)
{
	atomic_store_explicit(&vm->vuart.mux_next, NULL, memory_order_relaxed);
	spin_lock(&add_lock);
	if (last == NULL) {
		atomic_store_explicit(&first, vm, memory_order_release);
		announce(vm);
	} else {
		atomic_store_explicit(&last->vuart.mux_next, vm, memory_order_release);
	}
	last = vm;
	spin_unlock(&add_lock);
}

static void switch_focus(void)
{
	struct vm *next = next_vm(focus);

	focus = next != NULL ? next : first_vm();
	focus_settled = true;
	announce(focus);
}

/* A Linux beside a bare-metal VM listed first: the keyboard goes to the
 * one with a shell without the user having to switch. */
static void follow_first_asker(void)
{
	struct vm *asker = atomic_load_explicit(&first_asker, memory_order_acquire);

	if (focus_settled || asker == NULL)
		return;
	focus_settled = true;
	if (asker != focus) {
		focus = asker;
		announce(focus);
	}
}

void console_mux_asked(struct vm *vm)
{
	struct vm *none = NULL;

	if (atomic_load_explicit(&first_asker, memory_order_relaxed) != NULL ||
	    !atomic_compare_exchange_strong(&first_asker, &none, vm))
		return;
	console_mux_poll();
}

static void route(char c)
{
	if (c == CTRL_A) {
		if (++ctrl_a_count == SWITCH_PRESSES) {
			ctrl_a_count = 0;
			switch_focus();
		}
		return;
	}
	/* Fewer than three in a row: they were meant for the VM. */
	for (; ctrl_a_count > 0; ctrl_a_count--)
		vuart_input(focus, CTRL_A);
	vuart_input(focus, c);
}

/* Set once the real UART's receive interrupt brings input (console_input.c
 * in the VM core): exits then need not poll the UART. */
static atomic_bool input_by_interrupt;

void console_mux_input_by_interrupt(void)
{
	atomic_store_explicit(&input_by_interrupt, true, memory_order_relaxed);
}

/* Out of line: inlined, it gave console_mux_tick a frame on every IRQ
 * exit, where it returns at once. */
static __attribute__((noinline)) void flush_stale_lines(void)
{
	uint64_t now = hal_counter_ticks();

	for (struct vm *vm = first_vm(); vm != NULL; vm = next_vm(vm))
		vuart_flush_stale(vm, now);
}

void console_mux_tick(void)
{
	if (first_vm() == NULL)
		return;  /* no emulated console: nothing to poll or show */
	if (!atomic_load_explicit(&input_by_interrupt, memory_order_relaxed)) {
		console_mux_poll();
		return;
	}
	flush_stale_lines();
}

bool console_mux_has_vms(void)
{
	return first_vm() != NULL;
}

void console_mux_poll(void)
{
	if (atomic_exchange_explicit(&polling, true, memory_order_acquire))
		return;

	if (focus == NULL)
		focus = first_vm();
	if (focus != NULL) {
		follow_first_asker();
		int c;

		/* A key delivers the held Ctrl-As and itself: read one only
		 * while the FIFO has room for all of them. Every key but
		 * Ctrl-A fills the FIFO, which bounds the loop. */
		while (vuart_rx_room(focus) > ctrl_a_count && (c = console_getc()) >= 0)
			route((char)c);
		/* Characters left waiting would keep the receive interrupt
		 * up: off until the guest makes room (its UARTDR reads poll). */
		bool room = vuart_rx_room(focus) > ctrl_a_count;

		if (room != rx_interrupt_on) {
			console_rx_interrupt(room);
			rx_interrupt_on = room;
		}

		flush_stale_lines();
	}
	atomic_store_explicit(&polling, false, memory_order_release);
}
