/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* The guest side of the vITS host tests (its_guest.h). */

#include "its_guest.h"

#include "fake.h"
#include "fake_its.h"
#include "unit.h"

#include <string.h>

_Alignas(65536) uint8_t its_guest_ram[0x40000];
static const struct vm_pci_function nvme = { .name = "nvme", .bdf = 0x8, .guest_devfn = 0x8,
					     .stream_id = 0x8, .its_devid = NVME };
uint64_t its_guest_cwriter;

void write64(uint64_t ipa, uint64_t v)
{
	CHECK_INT(fake_mmio(ipa, 8, true, &v), 0, "64-bit register write");
}

uint64_t read64(uint64_t ipa)
{
	uint64_t v = 0;

	CHECK_INT(fake_mmio(ipa, 8, false, &v), 0, "64-bit register read");
	return v;
}

void setup(void)
{
	struct mmio_region its;

	fake_setup(2, 1, 4);
	fake_its_reset();
	fake_its.lpis_left = 8;
	memset(its_guest_ram, 0, sizeof(its_guest_ram));
	fake_cfg.its_ipa = ITS;
	fake_cfg.vmid = 1;   /* VMIDs start at 1 (gen_vms.py) */
	fake_cfg.ram_ipa = RAM_IPA;
	fake_cfg.ram_pa = (uintptr_t)its_guest_ram;
	fake_cfg.ram_size = sizeof(its_guest_ram);
	fake_cfg.pci_functions = &nvme;
	fake_cfg.num_pci_functions = 1;
	vgic_vm_init(&fake_vm);
	for (unsigned int i = 0; i < 2; i++)
		vgic_vcpu_init(&fake_vm.vcpus[i]);
	CHECK(vgic_its_region(&fake_vm, &its), "the VM has an ITS region");
	fake_vm.mmio[fake_vm.num_mmio++] = its;

	fake_write32(FAKE_GICD_IPA + GICD_CTLR, GICD_CTLR_ENABLE_G1);
	for (unsigned int v = 0; v < 2; v++) {
		write64(RD(v, GICR_PROPBASER), (RAM_IPA + PROP_OFF) | 15);   /* 16 ID bits */
		write64(RD(v, GICR_PENDBASER), RAM_IPA + PEND_OFF);
		fake_write32(RD(v, GICR_CTLR), GICR_CTLR_ENABLE_LPIS);
	}
	write64(ITS + GITS_CBASER, GITS_CBASER_VALID | (RAM_IPA + CMDQ_OFF));  /* 1 page */
	fake_write32(ITS + GITS_CTLR, GITS_CTLR_ENABLED);
	its_guest_cwriter = 0;
}

void command(uint64_t dw0, uint64_t dw1, uint64_t dw2, uint64_t dw3)
{
	uint64_t *slot = (uint64_t *)&its_guest_ram[CMDQ_OFF + its_guest_cwriter];

	slot[0] = dw0;
	slot[1] = dw1;
	slot[2] = dw2;
	slot[3] = dw3;
	its_guest_cwriter = (its_guest_cwriter + 32) % 0x1000;
	write64(ITS + GITS_CWRITER, its_guest_cwriter);
}

void mapd(uint32_t devid, unsigned int size)
{
	command(ITS_CMD_MAPD | (uint64_t)devid << 32, size, ITS_CMD_VALID | (RAM_IPA + 0x8000), 0);
}

void mapc(uint32_t icid, uint64_t rdbase)
{
	command(ITS_CMD_MAPC, 0, ITS_CMD_VALID | rdbase << 16 | icid, 0);
}

void mapti(uint32_t devid, uint32_t eventid, uint32_t lpi, uint32_t icid)
{
	command(ITS_CMD_MAPTI | (uint64_t)devid << 32, (uint64_t)lpi << 32 | eventid, icid, 0);
}

void event_cmd(uint8_t op, uint32_t devid, uint32_t eventid, uint32_t icid)
{
	command(op | (uint64_t)devid << 32, eventid, icid, 0);
}

void set_config(uint32_t lpi, uint8_t byte)
{
	its_guest_ram[PROP_OFF + lpi - LPI0] = byte;
}

uint32_t lr0_of(unsigned int vcpu)
{
	uint32_t got;

	vgic_flush(&fake_vm.vcpus[vcpu]);
	got = fake_vm.vcpus[vcpu].vgic.lrs_used ? (uint32_t)(fake_lr[0] & 0xffffffffU) : 0;
	memset(fake_lr, 0, sizeof(fake_lr));   /* the guest took it and EOIed it */
	vgic_sync(&fake_vm.vcpus[vcpu]);
	return got;
}

