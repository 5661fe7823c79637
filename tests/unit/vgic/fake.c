/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* The fakes of fake.h: HAL, irq_send_sgi, the VM and its MMIO table. */

#include "fake.h"

#include <monadic/hal/cpu.h>
#include <monadic/hal/gic.h>
#include <monadic/hal/vcpu.h>
#include <monadic/irq.h>
#include <string.h>

uint64_t fake_lr[FAKE_MAX_LRS];
unsigned int fake_num_lrs;
uint64_t fake_hcr;
unsigned int fake_cpu;
unsigned int fake_events;
uint32_t fake_lines_low;
uint32_t fake_deactivated[FAKE_MAX_SGIS];
unsigned int fake_num_deactivated;
uint32_t fake_cleared_active[FAKE_MAX_SGIS];
unsigned int fake_num_cleared_active;
unsigned int fake_virtual_if_resets;
struct fake_sgi fake_sgis[FAKE_MAX_SGIS];
unsigned int fake_num_sgis;
struct vm fake_vm;
struct vm_config fake_cfg;

unsigned int hal_gic_num_lrs(void)
{
	return fake_num_lrs;
}

uint64_t hal_gic_read_lr(unsigned int n)
{
	return n < FAKE_MAX_LRS ? fake_lr[n] : 0;
}

void hal_gic_write_lr(unsigned int n, uint64_t value)
{
	if (n < FAKE_MAX_LRS)
		fake_lr[n] = value;
}

uint32_t hal_gic_read_elrsr(void)
{
	uint32_t empty = 0;

	for (unsigned int n = 0; n < fake_num_lrs && n < FAKE_MAX_LRS; n++) {
		if ((fake_lr[n] >> ICH_LR_STATE_SHIFT & ICH_LR_STATE_MASK) == 0)
			empty |= 1U << n;
	}
	return empty;
}

void hal_gic_write_hcr(uint64_t value)
{
	fake_hcr = value;
}

void hal_gic_deactivate(uint32_t intid)
{
	if (fake_num_deactivated < FAKE_MAX_SGIS)
		fake_deactivated[fake_num_deactivated++] = intid;
}

void hal_gic_reset_virtual_if(void)
{
	memset(fake_lr, 0, sizeof(fake_lr));
	fake_hcr = 0;
	fake_virtual_if_resets++;
}

void irq_clear_active_spi(uint32_t intid)
{
	if (fake_num_cleared_active < FAKE_MAX_SGIS)
		fake_cleared_active[fake_num_cleared_active++] = intid;
}

bool hal_vcpu_line_asserted(uint32_t ppi)
{
	return ppi >= 32 || !(fake_lines_low & (1U << ppi));
}

unsigned int hal_cpu_index(void)
{
	return fake_cpu;
}

void hal_cpu_send_event(void)
{
	fake_events++;
}

void irq_send_sgi(uint32_t intid, unsigned int pcpu)
{
	if (fake_num_sgis < FAKE_MAX_SGIS)
		fake_sgis[fake_num_sgis++] = (struct fake_sgi){ intid, pcpu };
}

static int register_region(struct vm *vm, const struct mmio_region *region)
{
	if (vm->num_mmio >= VM_MAX_MMIO_REGIONS)
		return -1;
	vm->mmio[vm->num_mmio++] = *region;
	return 0;
}

int fake_setup(unsigned int num_vcpus, unsigned int first_pcpu, unsigned int num_lrs)
{
	int rc;

	memset(fake_lr, 0, sizeof(fake_lr));
	fake_num_lrs = num_lrs;
	fake_hcr = 0;
	fake_cpu = first_pcpu;
	fake_events = 0;
	fake_num_sgis = 0;
	fake_lines_low = 0;
	fake_num_deactivated = 0;
	fake_num_cleared_active = 0;
	fake_virtual_if_resets = 0;
	memset(&fake_vm, 0, sizeof(fake_vm));
	memset(&fake_cfg, 0, sizeof(fake_cfg));
	fake_cfg.name = "test";
	fake_cfg.num_vcpus = num_vcpus;
	fake_cfg.gicd_ipa = FAKE_GICD_IPA;
	fake_cfg.gicr_ipa = FAKE_GICR_IPA;
	fake_vm.cfg = &fake_cfg;
	for (unsigned int i = 0; i < num_vcpus && i < VM_MAX_VCPUS; i++) {
		fake_vm.vcpus[i].vm = &fake_vm;
		fake_vm.vcpus[i].index = i;
		fake_vm.vcpus[i].pcpu = first_pcpu + i;
	}
	rc = vgic_vm_init(&fake_vm);
	if (rc == 0) {
		struct mmio_region gicd, gicr;

		vgic_regions(&fake_vm, &gicd, &gicr);
		rc = register_region(&fake_vm, &gicd) || register_region(&fake_vm, &gicr);
	}
	for (unsigned int i = 0; rc == 0 && i < num_vcpus; i++)
		vgic_vcpu_init(&fake_vm.vcpus[i]);
	return rc;
}

int fake_mmio(uint64_t ipa, unsigned int size, bool write, uint64_t *value)
{
	for (unsigned int i = 0; i < fake_vm.num_mmio; i++) {
		const struct mmio_region *r = &fake_vm.mmio[i];

		if (ipa >= r->base && ipa < r->base + r->size) {
			struct mmio_access a = {
				.ipa = ipa,
				.offset = ipa - r->base,
				.value = write ? *value : 0xdeadbeefULL,  /* reads must set it */
				.size = size,
				.write = write,
			};
			int rc = r->handler(&fake_vm.vcpus[0], &a, r->priv);

			if (!write)
				*value = a.value;
			return rc;
		}
	}
	return -100;
}

uint64_t fake_read32(uint64_t ipa)
{
	uint64_t v = 0;

	return fake_mmio(ipa, 4, false, &v) == 0 ? v : (uint64_t)-1;
}

void fake_write32(uint64_t ipa, uint32_t value)
{
	uint64_t v = value;

	fake_mmio(ipa, 4, true, &v);
}
