/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The emulated PL011 each VM gets at its usual address (subsys/vuart),
 * and the console multiplexer: the VMs' output lines tagged with their
 * names on the one real UART, input to the VM that has the focus (switched
 * with Ctrl-A three times, as in Xen).
 */
#ifndef MONADIC_VUART_H
#define MONADIC_VUART_H

#include <stdint.h>

struct vm;

/* Per-VM state: defined in monadic/vuart_state.h, embedded in struct vm. */
#include <monadic/vuart_state.h>

/* Register the VM's emulated PL011 (cfg->console_ipa, cfg->console_irq). */
int vuart_vm_init(struct vm *vm);

/* A character typed for this VM (from the console multiplexer). */
void vuart_input(struct vm *vm, char c);

/* Poll the real UART and route input (called by idle pCPUs and on exits). */
void console_mux_poll(void);

#endif
