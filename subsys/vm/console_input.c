/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Keys typed on the real console reach the focused VM (console_mux_poll)
 * as soon as they arrive: the UART's receive interrupt is routed to the
 * boot pCPU, which polls when it fires, whatever that pCPU is doing (in a
 * guest, or idle in WFI). A guest that only polls its emulated UART,
 * never taking an interrupt exit, still gets its input; so does one that
 * sleeps until its UART interrupts it.
 */

#include <monadic/console.h>
#include <monadic/hal/cpu.h>
#include <monadic/irq.h>
#include <monadic/vm/vm.h>
#include <monadic/vuart.h>

#include "vm_internal.h"

/* A VM that owns the real UART reads its input itself. */
static bool uart_passed_through(void)
{
	for (unsigned int i = 0; i < vm_count; i++) {
		if (vm_configs[i].console == VM_CONSOLE_PASSTHROUGH)
			return true;
	}
	return false;
}

static uint32_t input_intid;

void vm_console_input_start(void)
{
	uint32_t intid = console_rx_intid();

	if (intid == 0 || uart_passed_through() || !console_mux_has_vms())
		return;
	input_intid = intid;
	irq_route_spi(intid, hal_cpu_index());
	irq_enable(intid);
	console_mux_input_by_interrupt();
	console_mux_poll();  /* switches the UART's receive interrupt on */
}

bool vm_console_input_irq(uint32_t intid)
{
	if (input_intid == 0 || intid != input_intid)
		return false;
	console_mux_poll();
	irq_deactivate(intid);
	return true;
}
