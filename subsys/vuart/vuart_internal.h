/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* Between the files of subsys/vuart: the emulation, its output lines and
 * the console multiplexer. */
#ifndef VUART_INTERNAL_H
#define VUART_INTERNAL_H

#include <monadic/vuart_state.h>
#include <stdint.h>

struct vm;

/* vuart_line.c. One byte the guest wrote to UARTDR; the line goes to the
 * console, tagged with 'tag', at a newline or when the buffer is full.
 * Caller holds the vuart's lock. */
void vuart_line_put(struct vuart_line *line, const char *tag, char c);

/* vuart_line.c. Show the VM's unfinished line if it has waited
 * CONFIG_VUART_FLUSH_MS or more by 'now' (counter ticks). Takes the
 * vuart's lock. */
void vuart_flush_stale(struct vm *vm, uint64_t now);

/* vuart.c. Free entries in the VM's receive FIFO. Only vuart_input fills
 * it, so the room can only grow until the caller's next vuart_input. */
unsigned int vuart_rx_room(struct vm *vm);

#endif
