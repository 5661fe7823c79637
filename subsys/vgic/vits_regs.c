/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The virtual ITS's registers (IHI 0069 12.19) and its command queue.
 * The guest writes commands into its RAM and moves GITS_CWRITER; the
 * commands run at once, on the writing vCPU, so GITS_CREADR has caught up
 * when the write returns (Linux's wait loop sees it on its first read).
 * A refused command stalls the queue (GITS_CREADR.Stalled) and the
 * console says why.
 */

#include <monadic/errno.h>
#include <monadic/printk.h>
#include <monadic/string.h>

#include "vgic_internal.h"
#include "vits_internal.h"

#define QUEUE_PAGE 0x1000ULL
#define ITT_ENTRY_BYTES 8U
#define TABLE_ENTRY_BYTES 8U

static const uint64_t typer =
	GITS_TYPER_PHYSICAL |
	(uint64_t)(ITT_ENTRY_BYTES - 1) << GITS_TYPER_ITT_ENTRY_SIZE_SHIFT |
	(uint64_t)(VITS_EVENTID_BITS - 1) << GITS_TYPER_IDBITS_SHIFT |
	(uint64_t)(VITS_DEVID_BITS - 1) << GITS_TYPER_DEVBITS_SHIFT |
	(uint64_t)(VITS_CIDBITS - 1) << GITS_TYPER_CIDBITS_SHIFT | GITS_TYPER_CIL;

/* What the guest may write: addresses, sizes, attributes. Type and entry
 * size of the BASERs are fixed; Indirect is accepted, as the tables are
 * never read. */
#define CBASER_WRITABLE (GITS_CBASER_VALID | GIC_BASER_ATTRS_MASK | GITS_CBASER_ADDR_MASK | \
			 GITS_CBASER_SIZE_MASK)
#define BASER_WRITABLE (GITS_BASER_VALID | GITS_BASER_INDIRECT | GIC_BASER_ATTRS_MASK | \
			GITS_BASER_ADDR_MASK | \
			GITS_BASER_PAGE_SIZE_MASK << GITS_BASER_PAGE_SIZE_SHIFT | \
			GITS_BASER_SIZE_MASK)

static uint64_t baser_fixed(unsigned int n)
{
	uint64_t type = n == 0 ? GITS_BASER_TYPE_DEVICE : GITS_BASER_TYPE_COLLECTION;

	return type << GITS_BASER_TYPE_SHIFT |
	       (uint64_t)(TABLE_ENTRY_BYTES - 1) << GITS_BASER_ENTRY_SIZE_SHIFT;
}

void vits_init(struct vm *vm)
{
	struct vits *its = &vm->vgic.its;
	const struct vm_config *cfg = vm->cfg;

	memset(its, 0, sizeof(*its));
	its->lock = (struct spinlock)SPINLOCK_INIT;
	memset(its->collection_vcpu, VITS_NO_VCPU, sizeof(its->collection_vcpu));
	for (unsigned int n = 0; n < VITS_BASERS; n++)
		its->baser[n] = baser_fixed(n);
	if (cfg->its_ipa == 0)
		return;
	for (unsigned int i = 0; i < cfg->num_pci_functions && i < VITS_MAX_DEVICES; i++)
		its->devices[its->num_devices++].devid = cfg->pci_functions[i].its_devid;
#ifdef CONFIG_VITS_GICV4
	its->v4 = vits_v4_start(vm);
#endif
}

void vgic_its_reset(struct vm *vm)
{
	struct vits *its = &vm->vgic.its;

	spin_lock(&its->lock);
	for (unsigned int d = 0; d < its->num_devices; d++) {
		struct vits_device *dev = &its->devices[d];

		for (uint32_t e = 0; e < CONFIG_VITS_EVENTS_PER_DEVICE; e++)
			vits_host_unmap_event(dev, e);
		if (dev->event_bits != 0)
			vits_host_unmap_device(dev);
	}
	spin_unlock(&its->lock);
	vits_init(vm);
	spin_lock(&vm->vgic.lock);
	vgic_lpi_reset(vm);
	vgic_changed(vm);
	spin_unlock(&vm->vgic.lock);
}

/* Stops the queue at GITS_CREADR; 'cmd' NULL: the queue itself is wrong. */
static void stall(struct vits *its, const struct vm *vm, const uint64_t *cmd,
		  const struct vits_error *err)
{
	uint8_t op = cmd != NULL ? (uint8_t)(cmd[0] & ITS_CMD_OPCODE_MASK) : 0;
	const char *name = cmd != NULL ? vits_cmd_name(op) : "command queue";
	char unknown[16];

	if (name == NULL) {
		mhv_snprintf(unknown, sizeof(unknown), "command 0x%02x", op);
		name = unknown;
	}
	its->creadr |= GITS_CREADR_STALLED;
	printk("VM %s: vITS %s at 0x%llx: %s: command queue stalled\n", vm->cfg->name, name,
	       (unsigned long long)(its->creadr & GITS_CMDQ_OFFSET_MASK), err->why);
}

/* Runs the commands from GITS_CREADR up to GITS_CWRITER; returns the
 * vCPUs to kick. Lock held. */
static uint32_t run_queue(struct vm *vm)
{
	struct vits *its = &vm->vgic.its;
	uint64_t size = ((its->cbaser & GITS_CBASER_SIZE_MASK) + 1) * QUEUE_PAGE;
	uint64_t base = its->cbaser & GITS_CBASER_ADDR_MASK;
	const volatile uint64_t *queue;
	struct vits_error err;
	uint32_t kick = 0;

	if (!its->enabled || !(its->cbaser & GITS_CBASER_VALID) ||
	    (its->creadr & GITS_CREADR_STALLED) || its->creadr == its->cwriter)
		return 0;
	queue = vm_ram_ptr(vm, base, size);
	while (its->creadr != its->cwriter) {
		uint64_t cmd[ITS_CMD_DWORDS] = { 0 };

		if (queue == NULL) {
			vits_refuse(&err, "0x%llx-0x%llx is not in the VM's RAM",
				    (unsigned long long)base, (unsigned long long)(base + size - 1));
			stall(its, vm, NULL, &err);
			return kick;
		}
		if (its->cwriter >= size) {
			vits_refuse(&err, "GITS_CWRITER 0x%llx beyond its %llu KiB",
				    (unsigned long long)its->cwriter,
				    (unsigned long long)(size >> 10));
			stall(its, vm, NULL, &err);
			return kick;
		}
		for (unsigned int i = 0; i < ITS_CMD_DWORDS; i++)
			cmd[i] = queue[its->creadr / sizeof(uint64_t) + i];
		if (vits_execute(vm, cmd, &err, &kick) != 0) {
			stall(its, vm, cmd, &err);
			return kick;
		}
		its->creadr = (its->creadr + ITS_CMD_SIZE) % size;
	}
	return kick;
}

static uint64_t reg64_base(uint64_t offset)
{
	return offset & ~(uint64_t)(sizeof(uint64_t) - 1);
}

/* Returns true when the access may have made commands runnable. */
static bool control_access(struct vm *vm, struct mmio_access *a)
{
	struct vits *its = &vm->vgic.its;
	uint64_t off = reg64_base(a->offset);
	uint64_t ro;

	switch (off) {
	case GITS_CTLR:
		if (a->offset != GITS_CTLR)
			break;  /* GITS_IIDR: read-only */
		if (a->write)
			its->enabled = (a->value & GITS_CTLR_ENABLED) != 0;
		else
			a->value = (its->enabled ? GITS_CTLR_ENABLED : 0) | GITS_CTLR_QUIESCENT;
		return a->write;
	case GITS_TYPER:
		ro = typer;
		vgic_reg64(&ro, 0, a);
		return false;
	case GITS_CBASER:
		if (a->write && its->enabled)
			return false;  /* UNPREDICTABLE while enabled: ignored */
		vgic_reg64(&its->cbaser, CBASER_WRITABLE, a);
		if (a->write)
			its->creadr = 0;
		return false;
	case GITS_CWRITER:
		if (a->write && (a->value & GITS_CWRITER_RETRY))
			its->creadr &= ~GITS_CREADR_STALLED;
		vgic_reg64(&its->cwriter, GITS_CMDQ_OFFSET_MASK, a);
		return a->write;
	case GITS_CREADR:
		ro = its->creadr;
		vgic_reg64(&ro, 0, a);
		return false;
	default:
		if (off >= GITS_BASER(0) && off < GITS_BASER(VITS_BASERS))
			vgic_reg64(&its->baser[(off - GITS_BASER(0)) / sizeof(uint64_t)], BASER_WRITABLE, a);
		return false;
	}
	if (!a->write && a->offset == GITS_IIDR)
		a->value = vgic_iidr();
	return false;
}

static bool dword_ok(uint64_t offset)
{
	return offset == GITS_TYPER || offset == GITS_CBASER || offset == GITS_CWRITER ||
	       offset == GITS_CREADR ||
	       (offset >= GITS_BASER(0) && offset < GITS_BASER(GITS_BASER_COUNT));
}

static int vits_mmio(struct vcpu *vcpu, struct mmio_access *access, void *priv)
{
	struct vm *vm = priv;
	struct vits *its = &vm->vgic.its;
	uint32_t kick = 0;

	(void)vcpu;
	if (!vgic_access_ok(access, false, dword_ok(access->offset)))
		return -MHV_EINVAL;
	if (!access->write)
		access->value = 0;
	/* The translation frame: devices reach the real one through the
	 * SMMU; a CPU's writes carry no DeviceID, so they are ignored. */
	if (access->offset >= GITS_FRAME_SIZE)
		return 0;
	if (!access->write && access->offset == GITS_PIDR2) {
		access->value = vgic_pidr2();
		return 0;
	}
	spin_lock(&its->lock);
	if (control_access(vm, access))
		kick = run_queue(vm);
	spin_unlock(&its->lock);
	vgic_kick(vm, kick);
	return 0;
}

bool vgic_its_region(struct vm *vm, struct mmio_region *region)
{
	if (vm->cfg->its_ipa == 0)
		return false;
	*region = (struct mmio_region){
		.base = vm->cfg->its_ipa,
		.size = GITS_SIZE,
		.handler = vits_mmio,
		.priv = vm,
		.name = "vgic-its",
	};
	return true;
}
