/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * A VM's console output, held until the VM ends its line and then written
 * to the real console as one tagged piece ("[name] text\n"), so that lines
 * from several VMs and from the hypervisor never mix. A line that stays
 * unfinished (a prompt, echoed typing) or outgrows the buffer goes out in
 * pieces; the console continues it untagged while nobody else writes.
 * Bytes a terminal would act on are shown escaped ("\x1b"), so a VM can
 * neither erase its tag nor draw another VM's line; a backspace is left to
 * the console, which lets it erase the VM's own text only.
 */

#include <monadic/console.h>
#include <monadic/hal/cpu.h>
#include <monadic/printk.h>
#include <monadic/vm/vm.h>

#include "vuart_internal.h"

static void flush(struct vuart_line *line, const char *tag)
{
	/* The line itself identifies the writer to the console. */
	console_write_tagged(line, tag, line->buf, line->len);
	line->len = 0;
}

static void append(struct vuart_line *line, const char *tag, const char *s, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		line->buf[line->len++] = s[i];
		if (s[i] == '\n' || line->len == sizeof(line->buf))
			flush(line, tag);
	}
}

/* "\xHH": what a byte the console must not interpret looks like. */
static void append_escaped(struct vuart_line *line, const char *tag, uint8_t c)
{
	char text[sizeof("\\xHH")];
	int n = mhv_snprintf(text, sizeof(text), "\\x%02x", c);

	append(line, tag, text, (uint32_t)n);
}

/* Tab, newline, backspace (console.c decides) and printable bytes are
 * shown as written; the other C0 controls and DEL are escaped: none may
 * move the cursor, erase the tag or start a terminal sequence. Bytes from 0x80 are left to UTF-8,
 * except the C1 controls (U+0080..U+009F, UTF-8 0xc2 0x80..0x9f, CSI
 * among them), which are escaped too. */
static bool shown_as_written(uint8_t c)
{
	return c == '\t' || c == '\n' || c == '\b' || (c >= 0x20 && c != 0x7f);
}

#define CR 0x0dU
#define UTF8_C1_LEAD 0xc2U
#define UTF8_C1_FIRST 0x80U
#define UTF8_C1_LAST 0x9fU

static void put_byte(struct vuart_line *line, const char *tag, uint8_t c)
{
	if (shown_as_written(c)) {
		char ch = (char)c;

		append(line, tag, &ch, 1);
	} else {
		append_escaped(line, tag, c);
	}
}

/* A held byte whose follower did not give it another meaning. */
static void release_held(struct vuart_line *line, const char *tag)
{
	uint8_t held = line->held;

	line->held = 0;
	if (held != 0)
		put_byte(line, tag, held);
}

void vuart_line_put(struct vuart_line *line, const char *tag, char ch)
{
	uint8_t c = (uint8_t)ch;

	/* Stale is measured from the last character: a line still being
	 * written (a FIFO's worth at a time, a busy host's stalled vCPU) is
	 * not cut, only one the VM has stopped writing (a prompt). */
	line->since = hal_counter_ticks();
	/* Guests end lines with "\r\n" (Linux's uart_console_write does; a
	 * tty turns a program's "\r\n" into "\r\r\n"); the console's backend
	 * adds its own '\r', so a run of them before '\n' goes. */
	if (line->held == CR && c == CR)
		return;
	if (line->held == CR && c == '\n')
		line->held = 0;
	else if (line->held == UTF8_C1_LEAD && c >= UTF8_C1_FIRST && c <= UTF8_C1_LAST) {
		line->held = 0;
		append_escaped(line, tag, UTF8_C1_LEAD);
		append_escaped(line, tag, c);
		return;
	}
	release_held(line, tag);
	if (c == CR || c == UTF8_C1_LEAD)
		line->held = c;
	else
		put_byte(line, tag, c);
}

static void flush_stale(struct vuart_line *line, const char *tag, uint64_t now)
{
	uint64_t timeout = hal_counter_freq() * CONFIG_VUART_FLUSH_MS / 1000;

	/* 'now' was read before the lock: the VM may have written since,
	 * which makes its line the freshest there is, not a wrapped-around
	 * stale one. */
	if ((line->len > 0 || line->held != 0) && now > line->since &&
	    now - line->since >= timeout) {
		release_held(line, tag);  /* no follower came: it meant itself */
		if (line->len > 0)
			flush(line, tag);
	}
}

void vuart_flush_stale(struct vm *vm, uint64_t now)
{
	struct vuart *vu = &vm->vuart;

	spin_lock(&vu->lock);
	flush_stale(&vu->line, vm->cfg->name, now);
	spin_unlock(&vu->lock);
}
