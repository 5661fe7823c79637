/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * A VM's console output, held until the VM ends its line and then written
 * to the real console as one tagged piece ("[name] text\n"), so that lines
 * from several VMs and from the hypervisor never mix. A line that stays
 * unfinished (a prompt, echoed typing) or outgrows the buffer goes out in
 * pieces; the console continues it untagged while nobody else writes.
 */

#include <monadic/console.h>
#include <monadic/hal/cpu.h>
#include <monadic/vm/vm.h>

#include "vuart_internal.h"

static void flush(struct vuart_line *line, const char *tag)
{
	/* The line itself identifies the writer to the console. */
	console_write_tagged(line, tag, line->buf, line->len);
	line->len = 0;
}

void vuart_line_put(struct vuart_line *line, const char *tag, char c)
{
	/* Guests end lines with "\r\n" (Linux's uart_console_write does);
	 * the console's backend adds its own '\r', so the guest's go. */
	if (c == '\r')
		return;
	/* Stale is measured from the last character: a line still being
	 * written (a FIFO's worth at a time, a busy host's stalled vCPU) is
	 * not cut, only one the VM has stopped writing (a prompt). */
	line->since = hal_counter_ticks();
	line->buf[line->len++] = c;
	if (c == '\n' || line->len == sizeof(line->buf))
		flush(line, tag);
}

static void flush_stale(struct vuart_line *line, const char *tag, uint64_t now)
{
	uint64_t timeout = hal_counter_freq() * CONFIG_VUART_FLUSH_MS / 1000;

	if (line->len > 0 && now - line->since >= timeout)
		flush(line, tag);
}

void vuart_flush_stale(struct vm *vm, uint64_t now)
{
	struct vuart *vu = &vm->vuart;

	spin_lock(&vu->lock);
	flush_stale(&vu->line, vm->cfg->name, now);
	spin_unlock(&vu->lock);
}
