/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Faults at EL2 on purpose. Each kind checks one promise of the boot:
 *   data_abort  an address nothing maps (translation fault)
 *   write_text  a store into the image's own code (W^X: permission fault)
 *   exec_data   a branch into writable data (W^X: instruction abort)
 *   brk         a breakpoint instruction
 *   in_console  a fault while this CPU holds the console lock (a bad tag
 *               pointer, read under the lock): the report must still print
 * The report must name the class, decode the syndrome and stop the CPU.
 */

#include <monadic/console.h>
#include <monadic/printk.h>
#include <stdint.h>

/* 128 GiB: inside the 39-bit EL2 address space, but no RAM or device is there. */
#define UNMAPPED_ADDRESS 0x2000000000UL

int main(void)
{
	printk("el2_fault: about to fault on purpose\n");
#if defined(FAULT_data_abort)
	*(volatile uint64_t *)UNMAPPED_ADDRESS = 0xdead;
#elif defined(FAULT_write_text)
	*(volatile uint32_t *)(uintptr_t)&main = 0;
#elif defined(FAULT_exec_data)
	static uint32_t data_word = 0xd65f03c0;  /* the encoding of 'ret' */

	((void (*)(void))(uintptr_t)&data_word)();
#elif defined(FAULT_brk)
	__asm__ volatile("brk #0x42");
#elif defined(FAULT_in_console)
	console_write_tagged(&main, (const char *)UNMAPPED_ADDRESS, "x\n", 2);
#else
#error "set FAULT to data_abort, write_text, exec_data, brk or in_console"
#endif
	printk("el2_fault: still running: the fault was not taken\n");
	return 1;
}
