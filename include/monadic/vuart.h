/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The emulated PL011 each VM gets at its usual address (subsys/vuart),
 * and the console multiplexer: the VMs' output lines tagged with their
 * names on the one real UART, input to the VM that has the focus (switched
 * with Ctrl-A three times, as in Xen).
 */
#ifndef MONADIC_VUART_H
#define MONADIC_VUART_H

#include <stdbool.h>
#include <stdint.h>

struct vm;

/* Per-VM state: defined in monadic/vuart_state.h, embedded in struct vm. */
#include <monadic/vuart_state.h>

/* The MMIO region of the VM's emulated PL011 (cfg->console_ipa), for the
 * VM core to register; false if the VM has no emulated console. */
struct mmio_region;
bool vuart_region(struct vm *vm, struct mmio_region *region);

/* Once its region is registered: reset the VM's PL011 and give the VM
 * its place in the console multiplexer (in VM order). */
void vuart_vm_init(struct vm *vm);

/* A character typed for this VM (from the console multiplexer). */
void vuart_input(struct vm *vm, char c);

/* Poll the real UART and route input (on its receive interrupt, when a
 * guest reads its emulated UARTDR, and on exits where the UART has no
 * receive interrupt: console_mux_tick); switches the real
 * UART's receive interrupt off while the focused VM has no room, on
 * again once it has. */
void console_mux_poll(void);

/* On every interrupt exit: show the lines VMs left unfinished for long
 * enough, and poll the real UART unless its receive interrupt brings the
 * input (console_mux_input_by_interrupt). */
void console_mux_tick(void);
void console_mux_input_by_interrupt(void);

/* Whether any VM has an emulated console (input has somewhere to go). */
bool console_mux_has_vms(void);

#endif
