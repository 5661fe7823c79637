/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * What subsys/vuart needs from the rest of the hypervisor, faked for the
 * host: the VM core's MMIO registration (records the region), the vGIC
 * (records injections), a console backend (captures output, serves typed
 * input), the CPU index (always 0), the counter (a settable clock, 1 tick
 * = 1 ms) and the MMU state.
 */
#ifndef VUART_TEST_FAKES_H
#define VUART_TEST_FAKES_H

#include <monadic/vm/vm.h>
#include <stdint.h>

/* A VM as the build would describe it; its PL011 is not attached yet. */
void fake_vm(struct vm *vm, struct vm_config *cfg, const char *name,
	     enum vm_console console, uint32_t irq);

/* What the VM core does for an emulated console: register the PL011's
 * region (vm->mmio[0]) and vuart_vm_init(); nothing for the others. */
void fake_vuart_attach(struct vm *vm);

/* A guest access through the PL011's registered handler. */
int guest_read(struct vm *vm, uint64_t offset, unsigned int size, uint64_t *value);
int guest_write(struct vm *vm, uint64_t offset, unsigned int size, uint64_t value);
/* Word read that must succeed. */
uint32_t reg32(struct vm *vm, uint64_t offset);
/* A string written to UARTDR one byte at a time. */
void guest_puts(struct vm *vm, const char *s);

/* vgic_inject() calls so far, and the last one's arguments. */
extern unsigned int injections;
extern struct vm *inject_vm;
extern uint32_t inject_intid;

/* Everything the console backend printed since the last call, then clear. */
const char *console_take(void);

/* Characters the console backend will return from getc, in order. */
void console_type(const char *s, size_t len);
/* The backend's receive interrupt, as the multiplexer last switched it. */
extern bool fake_rx_interrupt_on;

/* The counter, in milliseconds. */
extern uint64_t fake_ticks;

#endif
