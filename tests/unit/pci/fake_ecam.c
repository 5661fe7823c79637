/* SPDX-License-Identifier: BSD-2-Clause-Patent */
#include <monadic/pci.h>

#include "fake_ecam.h"
#include "pci_regs.h"

struct fake_fn fake_fns[FAKE_MAX_FNS];
int fake_nfns;
unsigned int fake_stray_writes;
void (*fake_on_write)(uint16_t bdf, uint32_t off, unsigned int size, uint32_t val);

int fake_add(int parent, uint8_t dev, uint8_t fn, uint16_t vendor, uint16_t device,
	     uint32_t class_code, uint8_t header_type)
{
	struct fake_fn *f = &fake_fns[fake_nfns];

	*f = (struct fake_fn){ .parent = parent, .dev = dev, .fn = fn };
	f->cfg[PCI_VENDOR_ID / 4] = (uint32_t)device << 16 | vendor;
	f->cfg[PCI_CLASS_REVISION / 4] = class_code << PCI_CLASS_SHIFT | 1;
	f->cfg[PCI_HEADER_DWORD / 4] = (uint32_t)header_type << PCI_HEADER_TYPE_SHIFT;
	return fake_nfns++;
}

void fake_bar_mem(int i_fn, unsigned int i, uint64_t size, bool is64, bool prefetch)
{
	struct fake_fn *f = &fake_fns[i_fn];

	f->bar_size[i] = size;
	f->bar_flags[i] = (is64 ? PCI_BAR_MEM_TYPE_64 << PCI_BAR_MEM_TYPE_SHIFT : 0) |
			  (prefetch ? PCI_BAR_MEM_PREFETCH : 0);
	f->cfg[PCI_BAR0 / 4 + i] = f->bar_flags[i];
	if (is64) {
		f->bar_size[i + 1] = size;
		f->bar_upper[i + 1] = true;
	}
}

void fake_bar_io(int i_fn, unsigned int i, uint32_t size)
{
	struct fake_fn *f = &fake_fns[i_fn];

	f->bar_size[i] = size;
	f->bar_flags[i] = PCI_BAR_SPACE_IO;
	f->cfg[PCI_BAR0 / 4 + i] = PCI_BAR_SPACE_IO;
}

int fake_bus_of(int i)
{
	const struct fake_fn *f = &fake_fns[i];
	int sec;

	if (f->parent == FAKE_NO_PARENT)
		return 0;
	if (fake_bus_of(f->parent) < 0)
		return -1;
	sec = (fake_fns[f->parent].cfg[PCI_BUS_NUMBERS / 4] >> PCI_SECONDARY_SHIFT) & 0xff;
	return sec == 0 ? -1 : sec;
}

static struct fake_fn *lookup(uint16_t bdf)
{
	for (int i = 0; i < fake_nfns; i++)
		if (fake_bus_of(i) == (int)PCI_BDF_BUS(bdf) && fake_fns[i].dev == PCI_BDF_DEV(bdf) &&
		    fake_fns[i].fn == PCI_BDF_FN(bdf))
			return &fake_fns[i];
	return NULL;
}

uint32_t pci_cfg_read32(uint16_t bdf, uint32_t off)
{
	const struct fake_fn *f = lookup(bdf);

	return f ? f->cfg[off / 4] : UINT32_MAX;
}

static unsigned int nbars(const struct fake_fn *f)
{
	return (f->cfg[PCI_HEADER_DWORD / 4] >> PCI_HEADER_TYPE_SHIFT & PCI_HEADER_TYPE_LAYOUT) ==
	       PCI_HEADER_TYPE_BRIDGE ? PCI_BARS_TYPE1 : PCI_BARS_TYPE0;
}

void pci_cfg_write32(uint16_t bdf, uint32_t off, uint32_t val)
{
	struct fake_fn *f = lookup(bdf);
	unsigned int i = (off - PCI_BAR0) / 4;

	if (f == NULL) {
		fake_stray_writes++;
		return;
	}
	if (off >= PCI_BAR0 && i < nbars(f)) {
		uint64_t keep = f->bar_size[i] ? ~(f->bar_size[i] - 1) : 0;

		if (f->bar_upper[i])
			f->cfg[off / 4] = val & (uint32_t)(keep >> 32);
		else
			f->cfg[off / 4] = (val & (uint32_t)keep & ~0xfu) | f->bar_flags[i];
		if (f->bar_size[i] == 0)
			f->cfg[off / 4] = 0;
		return;
	}
	if (off == PCI_COMMAND)
		val &= PCI_COMMAND_MASK;   /* status bits are RW1C: writing 0 changes nothing */
	if (off == PCI_VENDOR_ID || off == PCI_CLASS_REVISION || off == PCI_HEADER_DWORD)
		return;                    /* read-only */
	f->cfg[off / 4] = val;
}

uint32_t pci_cfg_read(uint16_t bdf, uint32_t off, unsigned int size)
{
	uint32_t dword = pci_cfg_read32(bdf, off & ~3u);

	return size >= 4 ? dword : dword >> (8 * (off & 3u)) & ((1u << (8 * size)) - 1u);
}

void pci_cfg_write(uint16_t bdf, uint32_t off, unsigned int size, uint32_t val)
{
	uint32_t shift = 8 * (off & 3u);
	uint32_t mask = size >= 4 ? UINT32_MAX : ((1u << (8 * size)) - 1u) << shift;
	uint32_t dword = (pci_cfg_read32(bdf, off & ~3u) & ~mask) | (val << shift & mask);

	pci_cfg_write32(bdf, off & ~3u, dword);
	if (fake_on_write != NULL)
		fake_on_write(bdf, off, size, val);
}
