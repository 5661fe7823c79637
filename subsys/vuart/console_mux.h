/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* The console multiplexer's list of VMs (internal to subsys/vuart). */
#ifndef VUART_CONSOLE_MUX_H
#define VUART_CONSOLE_MUX_H

struct vm;

/*
 * Add a VM with an emulated console (vuart_vm_init does, in VM order). The
 * first one added has the focus at start. Safe against a concurrent
 * console_mux_poll(); a VM is added once and never removed.
 */
void console_mux_add_vm(struct vm *vm);

/* The VM asks for input (it enabled its UART's receive interrupt or read
 * its data register): the first to ask gets the focus, unless the user
 * chose. Any pCPU. */
void console_mux_asked(struct vm *vm);

#endif
