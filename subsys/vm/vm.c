/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Building the VMs from their static descriptions: Stage-2 tables (RAM,
 * passed-through devices, the console), the guest image and DTB copied
 * into the VM's RAM, the vGIC and the emulated console, and vCPU 0 powered
 * on at the image's entry with x0 = the DTB.
 */

#include <monadic/cpu_id.h>
#ifdef CONFIG_DATAPLANE
#include <monadic/dataplane/ring.h>
#endif
#include <monadic/devicetree.h>
#include <monadic/hal/cache.h>
#include <monadic/hal/cpu.h>
#include <monadic/hal/vcpu.h>
#include <monadic/printk.h>
#include <monadic/string.h>
#include <monadic/vm/vm.h>

#include "vm_internal.h"

struct vm vms[CONFIG_MAX_VMS];

S2_POOL_DEFINE(vm_tables_0, CONFIG_MM_STAGE2_POOL_PAGES * CONFIG_MAX_VMS);

/* Largest PA size a stage-2 walk may output: the CPU's, at most 48 bits
 * (52-bit output needs FEAT_LPA2 descriptors). */
static unsigned int pa_bits(void)
{
	struct hal_cpu_regs regs;
	struct cpu_features f;

	hal_cpu_read_regs(&regs);
	cpu_features_decode(&regs, &f);
	return f.pa_bits > 48 ? 48 : f.pa_bits;
}

int vm_register_mmio(struct vm *vm, const struct mmio_region *region)
{
	if (vm->num_mmio == VM_MAX_MMIO_REGIONS)
		return -1;
	vm->mmio[vm->num_mmio++] = *region;
	return 0;
}

int vm_map(struct vm *vm, const char *what, uint64_t ipa, uint64_t pa, uint64_t size,
	       s2_attr_t attrs)
{
	int rc = s2_map(&vm->s2, ipa, pa, size, attrs);

	if (rc != 0)
		LOG_ERR("VM %s: mapping %s (IPA 0x%llx, %llu KiB) failed: %d", vm->cfg->name,
			what, (unsigned long long)ipa, (unsigned long long)(size >> 10), rc);
	return rc;
}

static int map_stage2(struct vm *vm)
{
	const struct vm_config *cfg = vm->cfg;
	int rc = vm_map(vm, "RAM", cfg->ram_ipa, cfg->ram_pa, cfg->ram_size, S2_ATTRS_RAM);

	for (unsigned int i = 0; rc == 0 && i < cfg->num_devices; i++) {
		const struct vm_device *d = &cfg->devices[i];
		s2_attr_t attrs = (d->strongly_ordered ? S2_ATTR_MEM_DEVICE_nGnRnE
						       : S2_ATTR_MEM_DEVICE_nGnRE) |
				  S2_ATTR_R | S2_ATTR_W;

		rc = vm_map(vm, d->name, d->ipa, d->pa, d->size, attrs);
	}
	for (unsigned int i = 0; rc == 0 && i < cfg->num_channels; i++) {
		const struct vm_channel *ch = &cfg->channels[i];

		rc = vm_map(vm, ch->name, ch->ipa, ch->pa, ch->size, S2_ATTRS_RAM_NX);
	}
	if (rc == 0 && cfg->console == VM_CONSOLE_PASSTHROUGH)
		rc = vm_map(vm, "console UART", cfg->console_ipa,
			 DT_REG_ADDR(DT_CHOSEN(monadic_console)), 0x1000, S2_ATTRS_MMIO);
	return rc;
}

/* The producer's side lays out the ring header in the shared region, so
 * both guests find an empty ring of the geometry their DTB announces. */
static int init_channels(const struct vm_config *cfg)
{
	for (unsigned int i = 0; i < cfg->num_channels; i++) {
		const struct vm_channel *ch = &cfg->channels[i];

		if (!ch->producer)
			continue;
#ifdef CONFIG_DATAPLANE
		int rc = mhv_ring_init((void *)(uintptr_t)ch->pa, ch->size, ch->slot_size,
				       ch->capacity);

		if (rc != 0) {
			LOG_ERR("channel %s: ring init failed (%d)", ch->name, rc);
			return rc;
		}
		hal_dcache_clean_range((uintptr_t)ch->pa, ch->size);
#else
		LOG_ERR("channel %s needs CONFIG_DATAPLANE", ch->name);
		return -1;
#endif
	}
	return 0;
}

/* Copy the image and the DTB into the VM's RAM (through the hypervisor's
 * identity map of all RAM) and make them visible with caches off. */
void vm_load_images(struct vm *vm)
{
	const struct vm_config *cfg = vm->cfg;
	uintptr_t image = (uintptr_t)vm_ram_ptr(vm, cfg->image_ipa, cfg->image_size);
	uintptr_t dtb = (uintptr_t)vm_ram_ptr(vm, cfg->dtb_ipa, cfg->dtb_size);

	memcpy((void *)image, cfg->image, cfg->image_size);
	memcpy((void *)dtb, cfg->dtb, cfg->dtb_size);
	hal_dcache_clean_range(image, cfg->image_size);
	hal_dcache_clean_range(dtb, cfg->dtb_size);
	if (cfg->initrd != NULL) {
		uintptr_t initrd = (uintptr_t)vm_ram_ptr(vm, cfg->initrd_ipa, cfg->initrd_size);

		memcpy((void *)initrd, cfg->initrd, cfg->initrd_size);
		hal_dcache_clean_range(initrd, cfg->initrd_size);
	}
}

#ifdef CONFIG_VGIC
static int attach_vgic(struct vm *vm)
{
	struct mmio_region gicd, gicr;
	int rc = vgic_vm_init(vm);

	if (rc != 0)
		return rc;
	for (unsigned int i = 0; i < vm->cfg->num_vcpus; i++)
		vgic_vcpu_init(&vm->vcpus[i]);
	vgic_regions(vm, &gicd, &gicr);
	rc = vm_register_mmio(vm, &gicd);
	if (rc == 0)
		rc = vm_register_mmio(vm, &gicr);
#ifdef CONFIG_VITS
	struct mmio_region its;

	if (rc == 0 && vgic_its_region(vm, &its))
		rc = vm_register_mmio(vm, &its);
#endif
	return rc;
}
#endif

#ifdef CONFIG_VUART
static int attach_vuart(struct vm *vm)
{
	struct mmio_region uart;
	int rc;

	if (!vuart_region(vm, &uart))
		return 0;
	rc = vm_register_mmio(vm, &uart);
	if (rc == 0)
		vuart_vm_init(vm);
	return rc;
}
#endif

/* The emulated devices every VM has: the vGIC and (optionally) a PL011.
 * They are registered here, so their libraries need nothing of the VM
 * core's. */
static int attach_emulated_devices(struct vm *vm)
{
	int rc = 0;

#ifdef CONFIG_VGIC
	rc = attach_vgic(vm);
#endif
#ifdef CONFIG_VUART
	if (rc == 0)
		rc = attach_vuart(vm);
#endif
	if (rc == 0 && vm->cfg->stats_ipa != 0)
		rc = vm_stats_page_init(vm);
	(void)vm;
	return rc;
}

static int vm_init(struct vm *vm, const struct vm_config *cfg)
{
	int rc;

	vm->cfg = cfg;
	atomic_init(&vm->state, VM_STATE_RUNNING);
	atomic_init(&vm->resetting, false);
	rc = s2_pool_init(&vm->pool, vm_tables_0 + (size_t)(vm - vms) * CONFIG_MM_STAGE2_POOL_PAGES,
			  CONFIG_MM_STAGE2_POOL_PAGES);
	if (rc == 0)
		rc = s2_init(&vm->s2, cfg->vmid, CONFIG_MM_STAGE2_IPA_BITS, &vm->pool);
	if (rc == 0)
		rc = s2_vtcr(CONFIG_MM_STAGE2_IPA_BITS, pa_bits(), false, &vm->vtcr);
	if (rc == 0)
		rc = map_stage2(vm);
#ifdef CONFIG_PCI_PASSTHROUGH
	if (rc == 0)
		rc = vm_pci_assign(vm);
	/* Last: on an SMMU without stage 2 the DMA map is a copy of the
	 * Stage-2 map as it is now. */
	if (rc == 0)
		rc = vm_pci_attach_dma(vm);
#endif
	if (rc == 0)
		rc = init_channels(cfg);
	if (rc != 0)
		return rc;
	vm_load_images(vm);
	for (unsigned int i = 0; i < cfg->num_vcpus; i++) {
		struct vcpu *v = &vm->vcpus[i];

		v->vm = vm;
		v->index = i;
		v->pcpu = cfg->pcpus[i];
		atomic_init(&v->power, VCPU_OFF);
		atomic_init(&v->parked, true);
		if (hal_vcpu_init(v) != 0)
			return -MHV_ENOMEM;
	}
	rc = attach_emulated_devices(vm);
	if (rc != 0)
		return rc;
#ifdef CONFIG_GICV3
	vm_route_device_irqs(vm);
#endif
	/* The VM's virtual counter starts at zero now. */
	vm->cntvoff = hal_counter_ticks();
	vcpu_power_on(&vm->vcpus[0], cfg->entry_ipa, cfg->dtb_ipa);
	LOG_INF("VM %s: %u vCPU(s), %llu MiB at PA 0x%llx (IPA 0x%llx), entry 0x%llx",
		cfg->name, cfg->num_vcpus, (unsigned long long)(cfg->ram_size >> 20),
		(unsigned long long)cfg->ram_pa, (unsigned long long)cfg->ram_ipa,
		(unsigned long long)cfg->entry_ipa);
	return 0;
}

unsigned int vm_init_all(void)
{
	unsigned int ok = 0;

	for (unsigned int i = 0; i < vm_count; i++) {
		if (vm_init(&vms[i], &vm_configs[i]) == 0) {
			ok++;
			continue;
		}
		LOG_ERR("VM %s could not be created: it will not run", vm_configs[i].name);
		atomic_store(&vms[i].state, VM_STATE_CRASHED);
	}
	return ok;
}

struct vcpu *vcpu_for_pcpu(unsigned int pcpu)
{
	for (unsigned int i = 0; i < vm_count; i++) {
		for (unsigned int j = 0; j < vms[i].cfg->num_vcpus; j++) {
			if (vms[i].vcpus[j].vm != NULL && vms[i].vcpus[j].pcpu == pcpu)
				return &vms[i].vcpus[j];
		}
	}
	return NULL;
}
