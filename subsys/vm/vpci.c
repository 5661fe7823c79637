/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The filtered configuration space of an assigned PCI function
 * (monadic/vm/vpci.h). Each byte of the 256-byte header + capability area
 * has one rule; an access is split by those rules, so a 32-bit write that
 * covers the command and the status register applies the command filter
 * to its low half and passes the status half (RW1C) through unchanged.
 *
 * PCI Express Base Specification 5.0, 7.5.1 (headers), 7.5.1.2.1 (BARs),
 * 7.7.1 / 7.7.2 (MSI, MSI-X capabilities), 6.6.2 (Function Level Reset).
 */

#include <monadic/vm/vpci.h>

/* At most 48 capabilities fit between 0x40 and 0x100 (4 bytes each). */
#define CAP_WALK_MAX 48
#define CAP_PTR_MASK 0xfcu

enum byte_rule {
	RULE_DEVICE,    /* read from the device, writes pass */
	RULE_READONLY,  /* read from the device, writes dropped */
	RULE_ZERO,      /* reads 0, writes dropped */
	RULE_BAR,       /* the virtual BAR registers */
	RULE_COMMAND,   /* filtered command register */
	RULE_INT_LINE,  /* the VM's scratch byte */
	RULE_CAPS,      /* capability area: depends on whose capability it is */
};

static enum byte_rule rule_of(uint32_t reg)
{
	if (reg >= PCI_CFG_SPACE_SIZE)
		return RULE_ZERO;
	if (reg >= PCI_STD_HEADER_END)
		return RULE_CAPS;
	if (reg == PCI_COMMAND || reg == PCI_COMMAND + 1)
		return RULE_COMMAND;
	if (reg == PCI_STATUS || reg == PCI_STATUS + 1 || reg == PCI_CACHE_LINE_SIZE ||
	    reg == PCI_LATENCY_TIMER)
		return RULE_DEVICE;
	if (reg == PCI_BIST || (reg >= PCI_ROM_ADDRESS && reg < PCI_ROM_ADDRESS + 4))
		return RULE_ZERO;
	if (reg >= 0x10 && reg < 0x10 + 4 * PCI_MAX_BARS)
		return RULE_BAR;
	if (reg == PCI_INTERRUPT_LINE)
		return RULE_INT_LINE;
	return RULE_READONLY;
}

static uint8_t dev_read8(const struct vpci_function *vf, uint32_t reg)
{
	return (uint8_t)vf->ops->read(vf->ops->ctx, vf->bdf, reg, 1);
}

static bool cap_hidden(const struct vpci_function *vf, uint8_t id)
{
	for (unsigned int i = 0; i < vf->num_hidden; i++) {
		if (vf->hidden_caps[i] == id)
			return true;
	}
	return false;
}

/* The first capability at or after 'ptr' in the device's list that the VM
 * may see: what a pointer to 'ptr' becomes. */
static uint8_t visible_from(const struct vpci_function *vf, uint8_t ptr)
{
	for (unsigned int n = 0; n < CAP_WALK_MAX && ptr >= PCI_STD_HEADER_END; n++) {
		if (!cap_hidden(vf, dev_read8(vf, ptr)))
			return ptr;
		ptr = dev_read8(vf, ptr + 1u) & CAP_PTR_MASK;
	}
	return 0;
}

/* The capability that contains 'reg' (the closest start at or below it),
 * or 0 when 'reg' lies in no capability. */
static uint8_t cap_owning(const struct vpci_function *vf, uint32_t reg)
{
	uint8_t ptr = dev_read8(vf, PCI_CAPABILITY_LIST) & CAP_PTR_MASK;
	uint8_t best = 0;

	for (unsigned int n = 0; n < CAP_WALK_MAX && ptr >= PCI_STD_HEADER_END; n++) {
		if (ptr <= reg && ptr > best)
			best = ptr;
		ptr = dev_read8(vf, ptr + 1u) & CAP_PTR_MASK;
	}
	return best;
}

/* Whose capability an access lies in. Capabilities start on dwords (their
 * pointers' low two bits are reserved) and an access never crosses a
 * dword, so one walk of the list serves every byte of the access. */
struct cap_view {
	uint8_t owner;   /* 0: not inside any capability */
	bool hidden;
};

static struct cap_view cap_of(const struct vpci_function *vf, uint32_t base)
{
	struct cap_view v = { 0, false };

	if (base >= PCI_STD_HEADER_END && base < PCI_CFG_SPACE_SIZE) {
		v.owner = cap_owning(vf, base);
		v.hidden = v.owner != 0 && cap_hidden(vf, dev_read8(vf, v.owner));
	}
	return v;
}

static uint32_t bar_value(const struct vpci_function *vf, unsigned int i)
{
	return vf->bar[i] | vf->bar_flags[i];
}

/* A register the function implements as (half of) a memory BAR. */
static bool bar_exists(const struct vpci_function *vf, unsigned int i)
{
	return vf->bar_mask[i] != 0 || vf->bar_flags[i] != 0;
}

static uint8_t read_byte(const struct vpci_function *vf, uint32_t reg, uint8_t device,
			 const struct cap_view *caps)
{
	switch (rule_of(reg)) {
	case RULE_ZERO:
		return 0;
	case RULE_BAR:
		return (uint8_t)(bar_value(vf, (reg - 0x10) / 4) >> (8 * (reg & 3u)));
	case RULE_INT_LINE:
		return vf->int_line;
	case RULE_CAPS:
		/* The next pointer of a capability the VM sees skips hidden ones. */
		return caps->owner != 0 && !caps->hidden && reg == caps->owner + 1u
			       ? visible_from(vf, device & CAP_PTR_MASK) : device;
	default:
		return reg == PCI_CAPABILITY_LIST ? visible_from(vf, device & CAP_PTR_MASK)
						  : device;
	}
}

uint32_t vpci_read(struct vpci_function *vf, uint32_t off, unsigned int size)
{
	uint32_t base = off & ~3u;
	uint32_t device = off < PCI_CFG_SPACE_SIZE ? vf->ops->read(vf->ops->ctx, vf->bdf, base, 4)
						   : 0;
	struct cap_view caps = cap_of(vf, base);
	uint32_t out = 0;

	for (unsigned int b = 0; b < size; b++) {
		uint32_t reg = off + b;

		out |= (uint32_t)read_byte(vf, reg, (uint8_t)(device >> (8 * (reg & 3u))), &caps)
		       << (8 * b);
	}
	return out;
}

/* Writes the bytes of [off, off + size) whose bit is set in 'pass' to the
 * device, with the largest naturally aligned accesses that hold only them. */
static void write_through(const struct vpci_function *vf, uint32_t off, unsigned int size,
			  uint32_t val, unsigned int pass)
{
	unsigned int half = size / 2;

	if (pass == 0)
		return;
	if (pass == (1u << size) - 1u) {
		vf->ops->write(vf->ops->ctx, vf->bdf, off, size, val);
		return;
	}
	write_through(vf, off, half, val & ((1u << (8 * half)) - 1u), pass & ((1u << half) - 1u));
	write_through(vf, off + half, half, val >> (8 * half), pass >> half);
}

static enum vpci_write_result bar_write(struct vpci_function *vf, unsigned int i,
					uint32_t dword)
{
	uint32_t addr = dword & vf->bar_mask[i];

	if (!bar_exists(vf, i))
		return VPCI_WRITE_DONE;   /* no BAR here: the register reads 0 */
	/* All 1s is the sizing probe; the assigned address puts it back. */
	if (addr == vf->bar_mask[i] || addr == vf->bar_assigned[i]) {
		vf->bar[i] = addr;
		return VPCI_WRITE_DONE;
	}
	return VPCI_WRITE_BAR_REFUSED;
}

/*
 * The VM never writes the real BARs, so after anything that reset the
 * function (an FLR through the PCIe capability, D3hot -> D0 without
 * No_Soft_Reset, the device's own reset) they read 0 and the device
 * decodes nothing where the VM's Stage-2 maps it. A reset also clears the
 * command register, so the VM must enable memory decoding again before it
 * can use the function: that write puts the assigned addresses back first.
 */
static void restore_bars(const struct vpci_function *vf)
{
	for (unsigned int i = 0; i < PCI_MAX_BARS; i++) {
		uint32_t reg = 0x10 + 4 * i;

		if (bar_exists(vf, i) &&
		    (vf->ops->read(vf->ops->ctx, vf->bdf, reg, 4) & vf->bar_mask[i]) !=
			    vf->bar_assigned[i])
			vf->ops->write(vf->ops->ctx, vf->bdf, reg, 4, vf->bar_assigned[i]);
	}
}

enum vpci_write_result vpci_write(struct vpci_function *vf, uint32_t off, unsigned int size,
				  uint32_t val)
{
	enum vpci_write_result result = VPCI_WRITE_DONE;
	struct cap_view caps = cap_of(vf, off & ~3u);
	unsigned int pass = 0;

	for (unsigned int b = 0; b < size; b++) {
		uint32_t reg = off + b;
		uint8_t byte = (uint8_t)(val >> (8 * b));

		switch (rule_of(reg)) {
		case RULE_DEVICE:
			pass |= 1u << b;
			break;
		case RULE_INT_LINE:
			vf->int_line = byte;
			break;
		case RULE_CAPS:
			if (caps.owner != 0 && !caps.hidden)
				pass |= 1u << b;
			break;
		case RULE_COMMAND: {
			unsigned int shift = 8 * (reg - PCI_COMMAND);
			uint32_t allowed = (VPCI_COMMAND_GUEST >> shift) & 0xffu;
			uint8_t now = dev_read8(vf, reg);

			if (((uint32_t)byte << shift) & PCI_COMMAND_IO)
				result = VPCI_WRITE_IO_REFUSED;
			if (((uint32_t)byte << shift) & PCI_COMMAND_MEMORY)
				restore_bars(vf);
			byte = (uint8_t)((now & ~allowed) | (byte & allowed));
			val = (val & ~(0xffu << (8 * b))) | ((uint32_t)byte << (8 * b));
			pass |= 1u << b;
			break;
		}
		case RULE_BAR:
			if ((reg & 3u) == 3u || b == size - 1u) {
				/* The BAR's dword, with this access's bytes merged in. */
				unsigned int i = (reg - 0x10) / 4;
				uint32_t first = (reg & ~3u) > off ? (reg & ~3u) : off;
				uint32_t dword = bar_value(vf, i);

				for (uint32_t r = first; r <= reg; r++) {
					unsigned int s = 8 * (r & 3u);

					dword = (dword & ~(0xffu << s)) |
						(((val >> (8 * (r - off))) & 0xffu) << s);
				}
				if (bar_write(vf, i, dword) == VPCI_WRITE_BAR_REFUSED)
					result = VPCI_WRITE_BAR_REFUSED;
			}
			break;
		default:
			break;
		}
	}
	write_through(vf, off, size, val, pass);
	return result;
}

void vpci_function_init(struct vpci_function *vf, const struct pci_function *f,
			uint8_t guest_devfn, const struct vpci_ops *ops, bool msi)
{
	*vf = (struct vpci_function){ .bdf = f->bdf, .guest_devfn = guest_devfn, .ops = ops,
				      .hidden_caps = { PCI_CAP_ID_MSI, PCI_CAP_ID_MSIX },
				      .num_hidden = msi ? 0 : 2 };
	for (unsigned int i = 0; i < PCI_MAX_BARS; i++) {
		const struct pci_bar *b = &f->bar[i];
		uint32_t flags;

		if (b->size == 0 || b->cpu_addr == 0)
			continue;   /* I/O, unimplemented, or never placed: reads 0 */
		flags = (b->is64 ? VPCI_BAR_TYPE_64 : 0u) | (b->prefetchable ? VPCI_BAR_PREFETCH : 0u);
		vf->bar_flags[i] = flags;
		vf->bar_mask[i] = (uint32_t)~(b->size - 1u) & ~VPCI_BAR_FLAGS;
		vf->bar_assigned[i] = (uint32_t)b->cpu_addr & vf->bar_mask[i];
		vf->bar[i] = vf->bar_assigned[i];
		if (b->is64 && i + 1 < PCI_MAX_BARS) {
			i++;
			vf->bar_mask[i] = (uint32_t)(~(b->size - 1u) >> 32);
			vf->bar_assigned[i] = (uint32_t)(b->cpu_addr >> 32) & vf->bar_mask[i];
			vf->bar[i] = vf->bar_assigned[i];
		}
	}
}
