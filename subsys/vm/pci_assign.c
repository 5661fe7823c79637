/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * PCI functions given to a VM (the VM node's 'devices' naming a child of
 * the PCIe host): the guest's own driver talks to the device, the
 * hypervisor is not on the data path.
 *
 *  - BARs: mapped Device-nGnRE into the VM's Stage-2 at the address the
 *    hypervisor placed them (IPA = PA, the guest DTB's PCI ranges are 1:1).
 *  - Config space: the VM's ECAM window (its bus 0) traps; each access is
 *    filtered by vpci.c, and functions not assigned to the VM read all 1s
 *    as absent functions do.
 *  - DMA: the function's StreamID is attached to the VM in the SMMU, so
 *    the addresses the guest programs are IPAs, and nothing else is
 *    reachable. Without an SMMU the VM is not started.
 *  - INTx: the SPI the function's pin raises is routed to the VM
 *    (irq_route.c) and injected HW-linked.
 *  - MSI/MSI-X, with a virtual ITS (docs/its.md): the SMMU maps the
 *    guest's doorbell page to the real ITS for the function's DMA.
 */

#include <monadic/iommu.h>
#include <monadic/its.h>
#include <monadic/regs/gicv3_its.h>
#include <monadic/errno.h>
#include <monadic/pci.h>
#include <monadic/printk.h>
#include <monadic/vm/vm.h>

#include "vm_internal.h"

#define PAGE_SIZE 0x1000ull
#define ECAM_DEVFN_SHIFT 12
#define ECAM_REG_MASK 0xfffu
#define INTX_PINS 4

static uint32_t host_cfg_read(void *ctx, uint16_t bdf, uint32_t off, unsigned int size)
{
	(void)ctx;
	return pci_cfg_read(bdf, off, size);
}

static void host_cfg_write(void *ctx, uint16_t bdf, uint32_t off, unsigned int size,
			   uint32_t val)
{
	(void)ctx;
	pci_cfg_write(bdf, off, size, val);
}

static const struct vpci_ops host_cfg = { .read = host_cfg_read, .write = host_cfg_write };

static const struct pci_function *host_function(uint16_t bdf)
{
	return pci_find((uint8_t)PCI_BDF_BUS(bdf), (uint8_t)PCI_BDF_DEV(bdf),
			(uint8_t)PCI_BDF_FN(bdf));
}

static struct vpci_function *function_at(struct vm *vm, unsigned int devfn)
{
	for (unsigned int i = 0; i < vm->cfg->num_pci_functions; i++) {
		if (vm->vpci[i].guest_devfn == devfn)
			return &vm->vpci[i];
	}
	return NULL;
}

static void report_refusal(const struct vm *vm, const struct vpci_function *vf, uint32_t reg,
			   uint32_t val, enum vpci_write_result why)
{
	unsigned int devfn = vf->guest_devfn;

	if (why == VPCI_WRITE_BAR_REFUSED)
		LOG_WRN("VM %s: PCI 00:%02x.%u BAR%u write 0x%08x refused: the BAR stays where "
			"the VM was given it", vm->cfg->name, devfn >> 3, devfn & 7u,
			(reg - 0x10u) / 4u, val);
	else if (why == VPCI_WRITE_IO_REFUSED)
		LOG_WRN("VM %s: PCI 00:%02x.%u command 0x%04x: I/O decoding refused",
			vm->cfg->name, devfn >> 3, devfn & 7u, val & PCI_COMMAND_MASK);
}

/* An access to the VM's ECAM window (one bus: offset = devfn << 12 | reg). */
static int ecam_access(struct vcpu *vcpu, struct mmio_access *a, void *priv)
{
	struct vm *vm = vcpu->vm;
	uint32_t reg = (uint32_t)(a->offset & ECAM_REG_MASK);
	struct vpci_function *vf = function_at(vm, (unsigned int)(a->offset >> ECAM_DEVFN_SHIFT));

	(void)priv;
	if (a->size > 4 || (reg & (a->size - 1u)) != 0)
		return -1;   /* config space takes naturally aligned 8/16/32-bit accesses */
	if (vf == NULL) {
		if (!a->write)
			a->value = PCI_CFG_ABSENT(a->size);
		return 0;    /* no function there, as far as this VM can tell */
	}
	if (!a->write) {
		a->value = vpci_read(vf, reg, a->size);
		return 0;
	}
	enum vpci_write_result r = vpci_write(vf, reg, a->size, (uint32_t)a->value);

	if (r != VPCI_WRITE_DONE)
		report_refusal(vm, vf, reg, (uint32_t)a->value, r);
	return 0;
}

static int map_bars(struct vm *vm, const struct vm_pci_function *pf,
		    const struct pci_function *f)
{
	for (unsigned int b = 0; b < PCI_MAX_BARS; b++) {
		const struct pci_bar *bar = &f->bar[b];
		/* The host gives every BAR a page of its own (drivers/pci/bar.c). */
		uint64_t size = (bar->size + PAGE_SIZE - 1u) & ~(PAGE_SIZE - 1u);

		if (bar->size == 0 || bar->cpu_addr == 0)
			continue;
		int rc = vm_map(vm, pf->name, bar->cpu_addr, bar->cpu_addr, size, S2_ATTRS_MMIO);

		if (rc != 0)
			return rc;
	}
	return 0;
}

/* A level-triggered INTx line can't be split between VMs: whoever
 * deactivates it would decide for the other. */
static int check_intx_unshared(const struct vm *vm, const struct vm_pci_function *pf,
			       uint32_t intx)
{
	const struct vm *other = intx != 0 ? vm_irq_owner(intx) : NULL;

	if (other == NULL || other == vm)
		return 0;
	LOG_ERR("VM %s: %s raises INTID %u, which VM %s's device raises too: INTx can't be "
		"shared between VMs (place the functions so their pins don't share a line)",
		vm->cfg->name, pf->name, intx, other->cfg->name);
	return -MHV_EEXIST;
}

static void log_assignment(const struct vm *vm, const struct vm_pci_function *pf,
			   const struct pci_function *f, uint32_t intx)
{
	const struct pci_bar *bar0 = &f->bar[0];

	LOG_INF("VM %s: PCI %02x:%02x.%u [%04x:%04x] assigned as 00:%02x.%u: BAR0 0x%llx "
		"(%llu KiB), INTx INTID %u, StreamID 0x%x", vm->cfg->name,
		PCI_BDF_BUS(f->bdf), PCI_BDF_DEV(f->bdf), PCI_BDF_FN(f->bdf), f->vendor_id,
		f->device_id, pf->guest_devfn >> 3, pf->guest_devfn & 7u,
		(unsigned long long)bar0->cpu_addr, (unsigned long long)(bar0->size >> 10), intx,
		pf->stream_id);
}

int vm_pci_assign(struct vm *vm)
{
	const struct vm_config *cfg = vm->cfg;

	if (cfg->num_pci_functions == 0)
		return 0;
	for (unsigned int i = 0; i < cfg->num_pci_functions; i++) {
		const struct vm_pci_function *pf = &cfg->pci_functions[i];
		const struct pci_function *f = host_function(pf->bdf);
		uint32_t pin;
		int rc;

		if (f == NULL || f->header_type != PCI_HEADER_TYPE_NORMAL) {
			LOG_ERR("VM %s: %s: no PCI endpoint at %02x:%02x.%u", cfg->name, pf->name,
				PCI_BDF_BUS(pf->bdf), PCI_BDF_DEV(pf->bdf), PCI_BDF_FN(pf->bdf));
			return -MHV_ENOENT;
		}
		rc = map_bars(vm, pf, f);
		if (rc != 0)
			return rc;
		vpci_function_init(&vm->vpci[i], f, pf->guest_devfn, &host_cfg, cfg->its_ipa != 0);
		pin = pci_cfg_read(f->bdf, PCI_INTERRUPT_PIN, 1);
		vm->pci_intx[i] = pin >= 1 && pin <= INTX_PINS ? pf->intx_irqs[pin - 1] : 0;
		rc = check_intx_unshared(vm, pf, vm->pci_intx[i]);
		if (rc != 0)
			return rc;
		log_assignment(vm, pf, f, vm->pci_intx[i]);
	}
	const struct mmio_region ecam = { .base = cfg->pci_ecam_ipa, .size = cfg->pci_ecam_size,
					  .handler = ecam_access, .name = "pci-ecam" };

	return vm_register_mmio(vm, &ecam);
}

#ifdef CONFIG_VITS
/* The function's MSIs go to the guest's GITS_TRANSLATER: for its DMA
 * (only: the guest's CPU must not reach the real ITS) that page is the
 * real ITS's translation page. */
static int map_msi_doorbell(const struct vm *vm, const struct vm_pci_function *pf)
{
	int rc;

	if (vm->cfg->its_ipa == 0)
		return 0;
	if (!its_available()) {
		LOG_ERR("VM %s: %s: the host ITS is not working, so its MSIs can't be delivered",
			vm->cfg->name, pf->name);
		return -MHV_ENOENT;
	}
	rc = smmu_map_doorbell(pf->stream_id, vm->cfg->its_ipa + GITS_FRAME_SIZE,
			       its_doorbell_pa() & ~(PAGE_SIZE - 1u));
	if (rc != 0)
		LOG_ERR("VM %s: %s: the ITS doorbell can't be mapped for StreamID 0x%x (%d)",
			vm->cfg->name, pf->name, pf->stream_id, rc);
	return rc;
}
#endif

int vm_pci_attach_dma(struct vm *vm)
{
	const struct vm_config *cfg = vm->cfg;

	for (unsigned int i = 0; i < cfg->num_pci_functions; i++) {
		const struct vm_pci_function *pf = &cfg->pci_functions[i];
		int rc = smmu_ready() ? smmu_attach_stream(pf->stream_id, &vm->s2, cfg->vmid)
				      : -MHV_ENOENT;

		if (rc != 0) {
			LOG_ERR("VM %s: %s: StreamID 0x%x can't be attached (%d): refusing to give "
				"the VM a device whose DMA would not be confined", cfg->name,
				pf->name, pf->stream_id, rc);
			return rc;
		}
#ifdef CONFIG_VITS
		rc = map_msi_doorbell(vm, pf);
		if (rc != 0)
			return rc;
#endif
	}
	return 0;
}

void vm_pci_quiesce(struct vm *vm)
{
	for (unsigned int i = 0; i < vm->cfg->num_pci_functions; i++) {
		struct vpci_function *vf = &vm->vpci[i];
		const struct pci_function *f = host_function(vf->bdf);
		uint32_t cmd = pci_cfg_read(vf->bdf, PCI_COMMAND, 2);

		/* No more DMA or MMIO decoding until the (next) guest enables them. */
		pci_cfg_write(vf->bdf, PCI_COMMAND, 2,
			      cmd & ~(uint32_t)(PCI_COMMAND_MASTER | PCI_COMMAND_MEMORY));
		/* And nothing the guest programmed into the device survives it
		 * (no FLR, -MHV_ENOENT: quiesced only, as before). */
		int rc = pci_function_flr(vf->bdf);
		const char *outcome = rc == 0 ? "reset (FLR)" :
				      rc == -MHV_EIO ? "still silent 1 s after its FLR" : NULL;

		if (outcome != NULL)
			printk("VM %s: PCI %02x:%02x.%u %s\n", vm->cfg->name, PCI_BDF_BUS(vf->bdf),
			       PCI_BDF_DEV(vf->bdf), PCI_BDF_FN(vf->bdf), outcome);
		if (f != NULL)
			vpci_function_init(vf, f, vf->guest_devfn, &host_cfg, vm->cfg->its_ipa != 0);
	}
}
