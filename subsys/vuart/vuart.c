/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The PL011 each VM with an emulated console sees at its console address
 * (Arm DDI 0183G, chapter 3). The transmitter never waits: a character
 * written to UARTDR leaves at once (into the VM's output line), so the
 * transmit FIFO always reads empty and idle. The receiver is a 32-entry
 * FIFO the console multiplexer fills (vuart_input).
 *
 * Interrupts (TRM 3.4): the receive interrupt is raised when a character
 * arrives (the trigger level is one character, as in QEMU's model) and
 * drops when the FIFO is emptied or by UARTICR; the transmit interrupt is
 * raised at reset and by every write to UARTDR (the FIFO drains through
 * its trigger level at once) and drops by UARTICR; the overrun interrupt
 * is raised when a character finds the FIFO full. The VM's interrupt is
 * injected whenever a bit of UARTMIS rises.
 */

#include <monadic/regs/pl011.h>
#include <monadic/vgic.h>
#include <monadic/vm/mmio.h>
#include <monadic/vm/vm.h>
#include <monadic/vuart.h>
#include <stdbool.h>

#include "console_mux.h"
#include "vuart_internal.h"

static const uint8_t periph_id[UARTID_COUNT] = PL011_PERIPH_ID;
static const uint8_t pcell_id[UARTID_COUNT] = PL011_PCELL_ID;

static uint32_t masked_status(const struct vuart *vu)
{
	return vu->ris & vu->imsc;
}

static uint32_t flags(const struct vuart *vu)
{
	uint32_t fr = UARTFR_TXFE;

	if (vu->rx_count == 0)
		fr |= UARTFR_RXFE;
	if (vu->rx_count == VUART_RX_FIFO_SIZE)
		fr |= UARTFR_RXFF;
	return fr;
}

/* UARTDR read: the oldest character, or 0 from an empty FIFO. */
static uint32_t rx_pop(struct vuart *vu)
{
	if (vu->rx_count == 0)
		return 0;

	uint32_t c = vu->rx[vu->rx_head];

	vu->rx_head = (vu->rx_head + 1) % VUART_RX_FIFO_SIZE;
	if (--vu->rx_count == 0)
		vu->ris &= ~UARTINT_RX;
	return c;
}

static uint32_t id_byte(const uint8_t id[UARTID_COUNT], uint64_t base, uint64_t off)
{
	return id[(off - base) / UARTREG_ALIGN];
}

static bool in_ids(uint64_t base, uint64_t off)
{
	return off >= base && off < base + UARTID_COUNT * UARTREG_ALIGN;
}

static uint32_t reg_read(struct vuart *vu, uint64_t off)
{
	switch (off) {
	case UARTDR:
		return rx_pop(vu);
	case UARTRSR:
		return vu->rsr;
	case UARTFR:
		return flags(vu);
	case UARTILPR:
		return vu->ilpr;
	case UARTIBRD:
		return vu->ibrd;
	case UARTFBRD:
		return vu->fbrd;
	case UARTLCR_H:
		return vu->lcr_h;
	case UARTCR:
		return vu->cr;
	case UARTIFLS:
		return vu->ifls;
	case UARTIMSC:
		return vu->imsc;
	case UARTRIS:
		return vu->ris;
	case UARTMIS:
		return masked_status(vu);
	case UARTDMACR:
		return vu->dmacr;
	default:
		break;
	}
	if (in_ids(UARTPERIPHID0, off))
		return id_byte(periph_id, UARTPERIPHID0, off);
	if (in_ids(UARTPCELLID0, off))
		return id_byte(pcell_id, UARTPCELLID0, off);
	return 0;   /* UARTICR (write-only) and reserved offsets read as zero */
}

static void reg_write(struct vm *vm, struct vuart *vu, uint64_t off, uint32_t v)
{
	switch (off) {
	case UARTDR:
		vuart_line_put(&vu->line, vm->cfg->name, (char)(v & UARTDR_DATA));
		vu->ris |= UARTINT_TX;
		break;
	case UARTRSR:           /* UARTECR: any write clears the errors */
		vu->rsr = 0;
		break;
	case UARTILPR:
		vu->ilpr = v & UARTILPR_MASK;
		break;
	case UARTIBRD:
		vu->ibrd = v & UARTIBRD_MASK;
		break;
	case UARTFBRD:
		vu->fbrd = v & UARTFBRD_MASK;
		break;
	case UARTLCR_H:
		vu->lcr_h = v & UARTLCR_H_MASK;
		break;
	case UARTCR:
		vu->cr = v & UARTCR_MASK;
		break;
	case UARTIFLS:
		vu->ifls = v & UARTIFLS_MASK;
		break;
	case UARTIMSC:
		vu->imsc = v & UARTINT_ALL;
		break;
	case UARTICR:
		vu->ris &= ~v;
		break;
	case UARTDMACR:         /* stored; there is no DMA to do */
		vu->dmacr = v & UARTDMACR_MASK;
		break;
	default:                /* read-only and reserved offsets ignore writes */
		break;
	}
}

static void raise_irq(struct vm *vm)
{
	vgic_inject(vm, NULL, vm->cfg->console_irq, 0);
}

/*
 * Bytes, halfwords and words at a register's (word-aligned) offset: the
 * registers are at most 16 bits wide and the APB bridge in front of them
 * passes any of these sizes, and Linux uses all three (earlycon writes
 * UARTDR with byte stores, amba-pl011 reads and writes 16 bits, or 32 with
 * reg-io-width = 4, and the AMBA bus reads the IDs as words). A narrow
 * write sets the whole register: the APB has no byte strobes.
 */
static bool access_ok(const struct mmio_access *a)
{
	bool size_ok = a->size == 1 || a->size == 2 || a->size == 4;

	return size_ok && a->offset % UARTREG_ALIGN == 0;
}

/* Reading a character, or unmasking the receive interrupts. */
static bool asks_for_input(const struct mmio_access *a)
{
	if (a->write)
		return a->offset == UARTIMSC && (a->value & (UARTINT_RX | UARTINT_RT)) != 0;
	return a->offset == UARTDR;
}

static int vuart_mmio(struct vcpu *vcpu, struct mmio_access *a, void *priv)
{
	struct vm *vm = priv;
	struct vuart *vu = &vm->vuart;

	(void)vcpu;
	if (!access_ok(a))
		return -1;

	spin_lock(&vu->lock);
	uint32_t before = masked_status(vu);

	if (a->write) {
		reg_write(vm, vu, a->offset, (uint32_t)a->value);
	} else {
		uint64_t mask = (1ULL << (a->size * 8)) - 1;

		a->value = reg_read(vu, a->offset) & mask;
	}
	bool rise = (masked_status(vu) & ~before) != 0;

	spin_unlock(&vu->lock);
	if (rise)
		raise_irq(vm);
	if (asks_for_input(a))
		console_mux_asked(vm);
	/* A character taken makes room for one the multiplexer had to
	 * leave in the real UART. */
	if (!a->write && a->offset == UARTDR)
		console_mux_poll();
	return 0;
}

void vuart_input(struct vm *vm, char c)
{
	struct vuart *vu = &vm->vuart;

	spin_lock(&vu->lock);
	uint32_t before = masked_status(vu);

	if (vu->rx_count == VUART_RX_FIFO_SIZE) {
		/* TRM 3.3.2: the new character is lost, the FIFO kept */
		vu->rsr |= UARTRSR_OE;
		vu->ris |= UARTINT_OE;
	} else {
		vu->rx[(vu->rx_head + vu->rx_count) % VUART_RX_FIFO_SIZE] = (uint8_t)c;
		vu->rx_count++;
		vu->ris |= UARTINT_RX;
	}
	bool rise = (masked_status(vu) & ~before) != 0;

	spin_unlock(&vu->lock);
	if (rise)
		raise_irq(vm);
}

unsigned int vuart_rx_room(struct vm *vm)
{
	struct vuart *vu = &vm->vuart;

	spin_lock(&vu->lock);
	unsigned int room = VUART_RX_FIFO_SIZE - vu->rx_count;

	spin_unlock(&vu->lock);
	return room;
}

static void reset(struct vuart *vu)
{
	vu->ilpr = vu->ibrd = vu->fbrd = vu->lcr_h = vu->dmacr = 0;
	vu->cr = UARTCR_RESET;
	vu->ifls = UARTIFLS_RESET;
	vu->imsc = 0;
	vu->ris = UARTINT_TX;   /* the transmit FIFO starts empty */
	vu->rsr = 0;
	vu->rx_head = vu->rx_count = 0;
	vu->line.len = 0;
	vu->line.held = 0;
}

bool vuart_region(struct vm *vm, struct mmio_region *region)
{
	if (vm->cfg->console != VM_CONSOLE_EMULATED)
		return false;
	*region = (struct mmio_region){
		.base = vm->cfg->console_ipa,
		.size = PL011_MMIO_SIZE,
		.handler = vuart_mmio,
		.priv = vm,
		.name = "pl011",
	};
	return true;
}

void vuart_vm_init(struct vm *vm)
{
	reset(&vm->vuart);
	console_mux_add_vm(vm);
}
