/* SPDX-License-Identifier: BSD-2-Clause-Patent */
#include "fakes.h"

#include <monadic/console.h>
#include <monadic/hal/cpu.h>
#include <monadic/mmu_state.h>
#include <monadic/vgic.h>
#include <string.h>

/* ---- VM core ------------------------------------------------------------ */

void fake_vm(struct vm *vm, struct vm_config *cfg, const char *name,
	     enum vm_console console, uint32_t irq)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->name = name;
	cfg->console = console;
	cfg->console_ipa = 0x9000000;
	cfg->console_irq = irq;
	memset(vm, 0, sizeof(*vm));
	vm->cfg = cfg;
}

void fake_vuart_attach(struct vm *vm)
{
	struct mmio_region region;

	if (!vuart_region(vm, &region))
		return;
	vm->mmio[vm->num_mmio++] = region;
	vuart_vm_init(vm);
}

static int access(struct vm *vm, uint64_t offset, unsigned int size, bool write,
		  uint64_t *value)
{
	const struct mmio_region *r = &vm->mmio[0];
	struct mmio_access a = {
		.ipa = r->base + offset,
		.offset = offset,
		.value = write ? *value : 0,
		.size = size,
		.write = write,
	};
	int rc = r->handler(NULL, &a, r->priv);

	if (!write)
		*value = a.value;
	return rc;
}

int guest_read(struct vm *vm, uint64_t offset, unsigned int size, uint64_t *value)
{
	return access(vm, offset, size, false, value);
}

int guest_write(struct vm *vm, uint64_t offset, unsigned int size, uint64_t value)
{
	return access(vm, offset, size, true, &value);
}

uint32_t reg32(struct vm *vm, uint64_t offset)
{
	uint64_t v = 0xdeadbeef;

	if (guest_read(vm, offset, 4, &v) != 0)
		return 0xdeadbeef;
	return (uint32_t)v;
}

void guest_puts(struct vm *vm, const char *s)
{
	while (*s != '\0')
		guest_write(vm, 0x000, 1, (uint8_t)*s++);
}

/* ---- vGIC --------------------------------------------------------------- */

unsigned int injections;
struct vm *inject_vm;
uint32_t inject_intid;

void vgic_inject(struct vm *vm, struct vcpu *vcpu, uint32_t intid, uint32_t hw_intid)
{
	(void)vcpu;
	(void)hw_intid;
	injections++;
	inject_vm = vm;
	inject_intid = intid;
}

/* ---- Console backend ---------------------------------------------------- */

static char out[65536];
static size_t out_len;
static char taken[sizeof(out)];
static char in[1024];
static size_t in_len, in_pos;

static void fake_write(const char *s, size_t len)
{
	if (len > sizeof(out) - 1 - out_len)
		len = sizeof(out) - 1 - out_len;
	memcpy(out + out_len, s, len);
	out_len += len;
}

static int fake_getc(void)
{
	return in_pos < in_len ? (unsigned char)in[in_pos++] : -1;
}

bool fake_rx_interrupt_on;

static void fake_rx_interrupt(bool on)
{
	fake_rx_interrupt_on = on;
}

static const struct console_backend fake_backend = {
	.name = "fake",
	.write = fake_write,
	.getc = fake_getc,
	.rx_intid = 33,
	.rx_interrupt = fake_rx_interrupt,
};

/* Registered before main(): the console code sees a backend from the start. */
__attribute__((constructor)) static void fake_console_init(void)
{
	console_register(&fake_backend);
}

const char *console_take(void)
{
	memcpy(taken, out, out_len);
	taken[out_len] = '\0';
	out_len = 0;
	return taken;
}

void console_type(const char *s, size_t len)
{
	if (in_pos == in_len)
		in_pos = in_len = 0;
	if (len > sizeof(in) - in_len)
		len = sizeof(in) - in_len;
	memcpy(in + in_len, s, len);
	in_len += len;
}

/* ---- CPU, counter and MMU ------------------------------------------------ */

unsigned int hal_cpu_index(void)
{
	return 0;
}

uint64_t fake_ticks;

uint64_t hal_counter_ticks(void)
{
	return fake_ticks;
}

uint64_t hal_counter_freq(void)
{
	return 1000;
}

bool mmu_is_on(void)
{
	return true;
}
