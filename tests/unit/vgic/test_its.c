/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The virtual ITS (docs/its.md): its registers, the commands a guest
 * writes into its RAM, the LPIs they make, what the host ITS is asked to
 * do, and every bad command stalling the queue with the console saying
 * why while nothing else changes. Expected values are derived by hand
 * from IHI 0069 12.19 and 5.3.
 */

#include "fake.h"
#include "fake_its.h"
#include "unit.h"

#include <monadic/regs/gicv3_its.h>
#include <string.h>

#define ITS 0x08080000ULL
#define RAM_IPA 0x40000000ULL
#define CMDQ_OFF 0x10000U
#define PROP_OFF 0x20000U
#define PEND_OFF 0x30000U
#define RD(vcpu, off) (FAKE_GICR_IPA + (uint64_t)(vcpu) * 0x20000 + (off))
#define NVME 0x8U
#define LPI0 8192U

static _Alignas(65536) uint8_t ram[0x40000];
static const struct vm_pci_function nvme = { .name = "nvme", .bdf = 0x8, .guest_devfn = 0x8,
					     .stream_id = 0x8, .its_devid = NVME };
static uint64_t cwriter;

static void write64(uint64_t ipa, uint64_t v)
{
	CHECK_INT(fake_mmio(ipa, 8, true, &v), 0, "64-bit register write");
}

static uint64_t read64(uint64_t ipa)
{
	uint64_t v = 0;

	CHECK_INT(fake_mmio(ipa, 8, false, &v), 0, "64-bit register read");
	return v;
}

/* A VM of 2 vCPUs (pCPUs 1, 2) owning the NVMe, LPIs on, ITS enabled,
 * its queue one page at RAM + CMDQ_OFF. */
static void setup(void)
{
	struct mmio_region its;

	fake_setup(2, 1, 4);
	fake_its_reset();
	fake_its.lpis_left = 8;
	memset(ram, 0, sizeof(ram));
	fake_cfg.its_ipa = ITS;
	fake_cfg.ram_ipa = RAM_IPA;
	fake_cfg.ram_pa = (uintptr_t)ram;
	fake_cfg.ram_size = sizeof(ram);
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
	cwriter = 0;
}

/* Appends one command and moves GITS_CWRITER past it. */
static void command(uint64_t dw0, uint64_t dw1, uint64_t dw2, uint64_t dw3)
{
	uint64_t *slot = (uint64_t *)&ram[CMDQ_OFF + cwriter];

	slot[0] = dw0;
	slot[1] = dw1;
	slot[2] = dw2;
	slot[3] = dw3;
	cwriter = (cwriter + 32) % 0x1000;
	write64(ITS + GITS_CWRITER, cwriter);
}

static void mapd(uint32_t devid, unsigned int size)
{
	command(ITS_CMD_MAPD | (uint64_t)devid << 32, size, ITS_CMD_VALID | (RAM_IPA + 0x8000), 0);
}

static void mapc(uint32_t icid, uint64_t rdbase)
{
	command(ITS_CMD_MAPC, 0, ITS_CMD_VALID | rdbase << 16 | icid, 0);
}

static void mapti(uint32_t devid, uint32_t eventid, uint32_t lpi, uint32_t icid)
{
	command(ITS_CMD_MAPTI | (uint64_t)devid << 32, (uint64_t)lpi << 32 | eventid, icid, 0);
}

static void event_cmd(uint8_t op, uint32_t devid, uint32_t eventid, uint32_t icid)
{
	command(op | (uint64_t)devid << 32, eventid, icid, 0);
}

static void set_config(uint32_t lpi, uint8_t byte)
{
	ram[PROP_OFF + lpi - LPI0] = byte;
}

/* The vINTID in the vCPU's first list register after a flush, 0 if none. */
static uint32_t lr0_of(unsigned int vcpu)
{
	uint32_t got;

	vgic_flush(&fake_vm.vcpus[vcpu]);
	got = fake_vm.vcpus[vcpu].vgic.lrs_used ? (uint32_t)(fake_lr[0] & 0xffffffffU) : 0;
	memset(fake_lr, 0, sizeof(fake_lr));   /* the guest took it and EOIed it */
	vgic_sync(&fake_vm.vcpus[vcpu]);
	return got;
}

static void check_stall(uint64_t at, const char *line)
{
	CHECK_HEX(read64(ITS + GITS_CREADR), at | GITS_CREADR_STALLED, "CREADR stalled at the command");
	CHECK_STR(fake_console, line, "the console says why");
}

/* Recovery as on hardware: disable, rewrite CBASER (CREADR = 0) and
 * CWRITER, enable. */
static void restart_queue(void)
{
	fake_write32(ITS + GITS_CTLR, 0);
	write64(ITS + GITS_CBASER, GITS_CBASER_VALID | (RAM_IPA + CMDQ_OFF));
	cwriter = 0;
	write64(ITS + GITS_CWRITER, 0);
	fake_write32(ITS + GITS_CTLR, GITS_CTLR_ENABLED);
	CHECK_HEX(read64(ITS + GITS_CREADR), 0, "CBASER written: CREADR 0, not stalled");
	fake_console[0] = '\0';
}

static void test_registers(void)
{
	setup();
	/* Physical, ITT entries of 8 bytes, 16 EventID bits, 16 DeviceID bits,
	 * CIL with 4 collection ID bits: 1 | 7 << 4 | 15 << 8 | 15 << 13 | 3 << 32 | 1 << 36. */
	CHECK_HEX(read64(ITS + GITS_TYPER), 0x130001ef71ULL, "GITS_TYPER");
	CHECK_HEX(fake_read32(ITS + GITS_TYPER + 4), 0x13, "GITS_TYPER high half");
	CHECK_HEX(read64(ITS + GITS_BASER(0)), 0x0107000000000000ULL, "BASER0: devices, 8 bytes");
	CHECK_HEX(read64(ITS + GITS_BASER(1)), 0x0407000000000000ULL, "BASER1: collections");
	CHECK_HEX(read64(ITS + GITS_BASER(2)), 0, "BASER2: none");
	write64(ITS + GITS_BASER(0), GITS_BASER_VALID | 0x41230000ULL | 7ULL << 56 | 2ULL << 8 | 3);
	CHECK_HEX(read64(ITS + GITS_BASER(0)), GITS_BASER_VALID | 0x0107000041230000ULL | 2ULL << 8 | 3,
		  "BASER0 keeps address, page size, size; type and entry size fixed");
	CHECK_HEX(fake_read32(ITS + GITS_PIDR2), 0x30, "GITS_PIDR2: GICv3");
	CHECK_HEX(fake_read32(ITS + GITS_CTLR), GITS_CTLR_ENABLED | GITS_CTLR_QUIESCENT, "GITS_CTLR");
	CHECK_HEX(fake_read32(FAKE_GICD_IPA + GICD_TYPER) & 0x3f800, GICD_TYPER_LPIS | 7 << 11,
		  "GICD_TYPER: LPIS, num_LPIs 7 (2^8 = 256 LPIs)");
	CHECK_HEX(read64(RD(1, GICR_TYPER)) & GICR_TYPER_PLPIS, GICR_TYPER_PLPIS, "GICR_TYPER.PLPIS");
	CHECK_HEX(read64(RD(1, GICR_PROPBASER)), (RAM_IPA + PROP_OFF) | 15, "GICR_PROPBASER");
	write64(RD(1, GICR_PROPBASER), 0);
	CHECK_HEX(read64(RD(1, GICR_PROPBASER)), (RAM_IPA + PROP_OFF) | 15,
		  "PROPBASER fixed while LPIs are on");
	CHECK_HEX(fake_read32(RD(1, GICR_CTLR)), GICR_CTLR_ENABLE_LPIS, "GICR_CTLR.EnableLPIs");
	CHECK_INT(fake_mmio(ITS + GITS_TRANSLATER, 4, true, &(uint64_t){ 0 }), 0,
		  "a CPU write to GITS_TRANSLATER is ignored");
}

static void test_map_and_deliver(void)
{
	setup();
	set_config(LPI0, 0xa0 | LPI_PROP_ENABLE);
	mapd(NVME, 4);                        /* 5 EventID bits */
	mapc(0, 0);
	mapc(1, 1);
	mapti(NVME, 3, LPI0, 0);
	CHECK_HEX(read64(ITS + GITS_CREADR), 4 * 32, "four commands consumed");
	CHECK_INT(fake_its.device_maps, 1, "host MAPD");
	CHECK_INT(fake_its.last_event_bits, 5, "... with 5 EventID bits");
	CHECK_INT(fake_its.event_maps, 1, "host MAPTI");
	CHECK_INT(fake_its.last_eventid, 3, "... of EventID 3");
	CHECK_INT(fake_its.last_pcpu, 1, "... to vCPU 0's pCPU");
	CHECK_INT(lr0_of(0), 0, "nothing pending yet");

	event_cmd(ITS_CMD_INT, NVME, 3, 0);
	vgic_flush(&fake_vm.vcpus[0]);
	CHECK_HEX(fake_lr[0], 1ULL << 62 | 1ULL << 60 | 0xa0ULL << 48 | LPI0,
		  "INT: LPI 8192 pending in a list register, group 1, priority 0xa0");
	memset(fake_lr, 0, sizeof(fake_lr));
	vgic_sync(&fake_vm.vcpus[0]);

	struct vm *to = NULL;

	CHECK(vgic_host_lpi(fake_its.last_lpi, &to), "the device's host LPI is the VM's");
	CHECK(to == &fake_vm, "... delivered to it");
	CHECK_INT(lr0_of(0), LPI0, "host LPI -> LPI 8192 on vCPU 0");
	CHECK(!vgic_host_lpi(fake_its.last_lpi + 1, &to), "an unmapped host LPI is nobody's");

	event_cmd(ITS_CMD_MOVI, NVME, 3, 1);
	CHECK_INT(fake_its.event_moves, 1, "host MOVI");
	CHECK_INT(fake_its.last_pcpu, 2, "... to vCPU 1's pCPU");
	fake_num_sgis = 0;
	event_cmd(ITS_CMD_INT, NVME, 3, 0);
	CHECK_INT(fake_num_sgis, 1, "INT after MOVI kicks vCPU 1's pCPU");
	CHECK_INT(fake_sgis[0].pcpu, 2, "... pCPU 2");
	CHECK_INT(lr0_of(0), 0, "vCPU 0 has nothing");
	CHECK_INT(lr0_of(1), LPI0, "vCPU 1 takes LPI 8192");

	event_cmd(ITS_CMD_INT, NVME, 3, 0);
	event_cmd(ITS_CMD_CLEAR, NVME, 3, 0);
	CHECK_INT(lr0_of(1), 0, "CLEAR drops the pending state");

	set_config(LPI0, 0xa0);               /* disabled */
	event_cmd(ITS_CMD_INV, NVME, 3, 0);
	event_cmd(ITS_CMD_INT, NVME, 3, 0);
	CHECK_INT(lr0_of(1), 0, "disabled in the configuration table: stays pending");
	set_config(LPI0, 0x40 | LPI_PROP_ENABLE);
	command(ITS_CMD_INVALL, 0, 1, 0);
	vgic_flush(&fake_vm.vcpus[1]);
	CHECK_HEX(fake_lr[0] >> 48 & 0xff, 0x40, "INVALL: enabled, new priority 0x40");
	memset(fake_lr, 0, sizeof(fake_lr));
	vgic_sync(&fake_vm.vcpus[1]);

	event_cmd(ITS_CMD_DISCARD, NVME, 3, 0);
	CHECK_INT(fake_its.event_unmaps, 1, "host DISCARD");
	CHECK_INT(fake_its.lpis_live, 0, "host LPI freed");
	CHECK(!vgic_host_lpi(fake_its.last_lpi, &(struct vm *){ NULL }),
	      "its host LPI is nobody's now");
	command(ITS_CMD_SYNC, 0, 1ULL << 16, 0);
	CHECK_INT(read64(ITS + GITS_CREADR) & GITS_CREADR_STALLED, 0, "SYNC to vCPU 1");
}

static void test_bad_commands(void)
{
	setup();
	mapd(0x10, 4);
	check_stall(0, "VM test: vITS MAPD at 0x0: DeviceID 0x10 is not assigned to this VM: "
		       "command queue stalled\n");
	CHECK_INT(fake_its.device_maps, 0, "nothing sent to the host ITS");
	mapd(NVME, 4);
	CHECK_HEX(read64(ITS + GITS_CREADR), GITS_CREADR_STALLED, "a stalled queue stays stalled");

	/* Retry after the guest fixed the command in place. */
	((uint64_t *)&ram[CMDQ_OFF])[0] = ITS_CMD_MAPD | (uint64_t)NVME << 32;
	write64(ITS + GITS_CWRITER, cwriter | GITS_CWRITER_RETRY);
	CHECK_HEX(read64(ITS + GITS_CREADR), 64, "Retry: both MAPDs ran");
	CHECK_INT(fake_its.device_maps, 2, "... and reached the host");

	mapc(0, 0);
	mapti(NVME, 32, LPI0, 0);
	check_stall(96, "VM test: vITS MAPTI at 0x60: EventID 32 out of range (the device was "
			"mapped with 32): command queue stalled\n");
	restart_queue();
	mapc(16, 0);
	check_stall(0, "VM test: vITS MAPC at 0x0: collection 16 out of range (0-15): command "
		       "queue stalled\n");
	restart_queue();
	mapc(1, 5);
	check_stall(0, "VM test: vITS MAPC at 0x0: RDbase 5 names no vCPU of this VM (it has 2): "
		       "command queue stalled\n");
	restart_queue();
	mapti(NVME, 1, LPI0 + 256, 0);
	check_stall(0, "VM test: vITS MAPTI at 0x0: LPI 8448 out of the VM's range (8192-8447): "
		       "command queue stalled\n");
	restart_queue();
	event_cmd(ITS_CMD_INT, NVME, 7, 0);
	check_stall(0, "VM test: vITS INT at 0x0: EventID 7 of DeviceID 0x8 is not mapped: "
		       "command queue stalled\n");
	restart_queue();
	command(0x42, 0, 0, 0);
	check_stall(0, "VM test: vITS command 0x42 at 0x0: unknown command: command queue "
		       "stalled\n");
	CHECK_INT(fake_its.event_maps, 0, "no bad command reached the host ITS");

	/* A queue outside the VM's RAM. */
	fake_write32(ITS + GITS_CTLR, 0);
	write64(ITS + GITS_CBASER, GITS_CBASER_VALID | 0x80000000ULL);
	write64(ITS + GITS_CWRITER, 0);
	fake_write32(ITS + GITS_CTLR, GITS_CTLR_ENABLED);
	write64(ITS + GITS_CWRITER, 32);
	check_stall(0, "VM test: vITS command queue at 0x0: 0x80000000-0x80000fff is not in "
		       "the VM's RAM: command queue stalled\n");
	restart_queue();
	mapti(NVME, 1, LPI0 + 1, 0);
	CHECK_INT(read64(ITS + GITS_CREADR), 32, "after all that, the queue works");
	CHECK_INT(fake_its.event_maps, 1, "... and maps");
}

static void test_reset_unmaps_host(void)
{
	setup();
	mapd(NVME, 4);
	mapc(0, 0);
	mapti(NVME, 0, LPI0, 0);
	mapti(NVME, 1, LPI0 + 1, 0);
	CHECK_INT(fake_its.lpis_live, 2, "two host LPIs");
	vgic_its_reset(&fake_vm);
	CHECK_INT(fake_its.lpis_live, 0, "reset frees them");
	CHECK_INT(fake_its.device_unmaps, 1, "... and unmaps the device");
	CHECK_HEX(fake_read32(ITS + GITS_CTLR), GITS_CTLR_QUIESCENT, "ITS disabled again");
}

int main(void)
{
	test_registers();
	test_map_and_deliver();
	test_bad_commands();
	test_reset_unmaps_host();
	return unit_done();
}
