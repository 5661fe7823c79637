/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * VM output on the real console: whole lines tagged with the VM's name,
 * never mixed with another VM's or the hypervisor's, unfinished lines
 * shown after the timeout.
 */
#include <monadic/printk.h>
#include <monadic/vuart.h>
#include <string.h>
#include <unit.h>

#include "fakes.h"
#include "vuart_internal.h"

static struct vm linux_vm, rtos_vm;
static struct vm_config linux_cfg, rtos_cfg;

static void test_whole_lines(void)
{
	guest_puts(&linux_vm, "Booting Linux on physical CPU 0x0\r\n");
	CHECK_STR(console_take(), "[linux] Booting Linux on physical CPU 0x0\n",
		  "a line is tagged, the guest's \\r dropped");

	guest_puts(&linux_vm, "half a ");
	CHECK_STR(console_take(), "", "nothing shown before the newline");
	guest_puts(&linux_vm, "line\n");
	CHECK_STR(console_take(), "[linux] half a line\n", "pieces written apart make one line");
}

static void test_two_vms(void)
{
	/* The guests' writes interleave byte by byte; their lines do not. */
	const char *a = "from linux\n", *b = "from rtos\n";

	while (*a != '\0' || *b != '\0') {
		if (*a != '\0')
			guest_write(&linux_vm, 0, 1, (uint8_t)*a++);
		if (*b != '\0')
			guest_write(&rtos_vm, 0, 1, (uint8_t)*b++);
	}
	CHECK_STR(console_take(), "[rtos] from rtos\n[linux] from linux\n",
		  "interleaved writes from two VMs: two whole lines");

	guest_puts(&linux_vm, "linux starts, ");
	printk("hypervisor line\n");
	guest_puts(&linux_vm, "linux ends\n");
	CHECK_STR(console_take(), "hypervisor line\n[linux] linux starts, linux ends\n",
		  "a hypervisor line in the middle does not split the VM's line");
}

/* A line still being written is not cut however long it takes, as long
 * as no pause reaches the timeout (a busy host's stalled vCPU, a FIFO's
 * worth at a time): another VM's line can't land in the middle of it. */
static void test_slow_line(void)
{
	fake_ticks = 1000;
	for (int i = 0; i < 4; i++) {
		guest_puts(&linux_vm, "PAS");
		fake_ticks += CONFIG_VUART_FLUSH_MS - 1;
		console_mux_poll();
	}
	CHECK_STR(console_take(), "", "a line written slowly but steadily is held");
	guest_puts(&linux_vm, "S\n");
	CHECK_STR(console_take(), "[linux] PASPASPASPASS\n", "... and goes out whole");
}

/* The mux reads the time, then takes each VM's lock: a character written
 * in between is newer than that time, and its line is not stale (an
 * unsigned difference would wrap and cut it: lines split mid-word under
 * load in CI). */
static void test_written_after_the_poll_read_the_time(void)
{
	fake_ticks = 5000;
	guest_puts(&linux_vm, "half");
	vuart_flush_stale(&linux_vm, 4999);
	CHECK_STR(console_take(), "", "a line written after 'now' was read is held");
	guest_puts(&linux_vm, " and half\n");
	CHECK_STR(console_take(), "[linux] half and half\n", "... and goes out whole");
}

/* What a VM writes, then the console's poll once the line has waited
 * long enough to be shown unfinished. */
static void puts_then_wait(struct vm *vm, const char *s)
{
	guest_puts(vm, s);
	fake_ticks += CONFIG_VUART_FLUSH_MS;
	console_mux_poll();
}

static void test_timeout(void)
{
	fake_ticks = 1000;
	guest_puts(&linux_vm, "login: ");
	console_mux_poll();
	CHECK_STR(console_take(), "", "a fresh unfinished line waits");

	fake_ticks += CONFIG_VUART_FLUSH_MS;
	console_mux_poll();
	CHECK_STR(console_take(), "[linux] login: ", "after the timeout the prompt is shown");

	puts_then_wait(&linux_vm, "r");
	CHECK_STR(console_take(), "r", "the echo continues the open line untagged");

	guest_puts(&rtos_vm, "tick\n");
	CHECK_STR(console_take(), "\n[rtos] tick\n", "another VM's line ends the open one first");

	guest_puts(&linux_vm, "oot\n");
	CHECK_STR(console_take(), "[linux] oot\n", "the continuation is tagged again");

	puts_then_wait(&linux_vm, "# ");
	printk("hv\n");
	CHECK_STR(console_take(), "[linux] # \nhv\n", "printk ends an open VM line first");

	printk("hv ");
	guest_puts(&linux_vm, "vm\n");
	printk("line\n");
	CHECK_STR(console_take(), "hv \n[linux] vm\nline\n",
		  "a VM line ends an unfinished printk line first");
}

static void test_long_line(void)
{
	char want[2 * VUART_LINE_SIZE + 16] = "[linux] ";
	size_t n = 8;

	for (int i = 0; i < VUART_LINE_SIZE + 10; i++) {
		char c = (char)('a' + i % 26);

		guest_write(&linux_vm, 0, 1, (uint8_t)c);
		want[n++] = c;
	}
	CHECK_INT(strlen(console_take()), 8 + VUART_LINE_SIZE,
		  "a full buffer goes out without waiting for the newline");
	guest_puts(&linux_vm, "\n");
	console_take();

	for (int i = 0; i < VUART_LINE_SIZE + 10; i++)
		guest_write(&linux_vm, 0, 1, (uint8_t)want[8 + i]);
	guest_puts(&linux_vm, "\n");
	want[n++] = '\n';
	want[n] = '\0';
	CHECK_STR(console_take(), want, "a line longer than the buffer stays one tagged line");
}

/* What a terminal would act on is shown escaped: a VM can't erase its
 * tag, redraw the screen or forge another VM's line. */
static void test_controls_escaped(void)
{
	guest_puts(&linux_vm, "\x1b[2K\r[rtos] forged\r\n");
	CHECK_STR(console_take(), "[linux] \\x1b[2K\\x0d[rtos] forged\n",
		  "ESC and a lone CR escaped, the CR of CR LF dropped");
	guest_puts(&linux_vm, "tab\there\b\x7f\x07\r\r\n");
	CHECK_STR(console_take(), "[linux] tab\there\b\\x7f\\x07\n",
		  "tab and BS over its own text kept; DEL, BEL escaped; CR CR LF is one line end");
	guest_puts(&linux_vm, "caf\xc3\xa9 \xc2\xb0 \xc2\x9b" "2J \xc2\n");
	CHECK_STR(console_take(), "[linux] caf\xc3\xa9 \xc2\xb0 \\xc2\\x9b" "2J \xc2\n",
		  "UTF-8 kept, the C1 CSI (U+009B) escaped");

	fake_ticks = 1000;
	puts_then_wait(&linux_vm, "50%\r");
	CHECK_STR(console_take(), "[linux] 50%\\x0d", "a CR nothing followed: shown after the timeout");
	guest_puts(&linux_vm, "\n");
	console_take();
}

/* A shell erasing what was typed echoes "\b \b": the cursor may go back
 * over the VM's own text on the line, never into its tag or over what
 * another writer wrote. */
static void test_backspace(void)
{
	fake_ticks = 2000;
	puts_then_wait(&linux_vm, "~ # ab");  /* the prompt and the typing are shown */
	puts_then_wait(&linux_vm, "\b \b");
	CHECK_STR(console_take(), "[linux] ~ # ab\b \b", "a typed character erased");
	guest_puts(&linux_vm, "\n");
	console_take();

	guest_puts(&linux_vm, "\b\bx\b\b\n");
	CHECK_STR(console_take(), "[linux] \\x08\\x08x\b\\x08\n",
		  "at the line's start escaped; back over its own character, not further");
	guest_puts(&linux_vm, "\xc3\xa9\b\b\n");
	CHECK_STR(console_take(), "[linux] \xc3\xa9\b\\x08\n",
		  "a two-byte character is one column");

	puts_then_wait(&linux_vm, "abc");
	guest_puts(&rtos_vm, "up\n");
	guest_puts(&linux_vm, "\b\n");
	CHECK_STR(console_take(), "[linux] abc\n[rtos] up\n[linux] \\x08\n",
		  "on a line another writer began, escaped");
}

int main(void)
{
	fake_vm(&linux_vm, &linux_cfg, "linux", VM_CONSOLE_EMULATED, 33);
	fake_vm(&rtos_vm, &rtos_cfg, "rtos", VM_CONSOLE_EMULATED, 34);
	fake_vuart_attach(&linux_vm);
	fake_vuart_attach(&rtos_vm);
	console_take();

	test_whole_lines();
	test_two_vms();
	test_slow_line();
	test_written_after_the_poll_read_the_time();
	test_timeout();
	test_long_line();
	test_controls_escaped();
	test_backspace();
	return unit_done();
}
