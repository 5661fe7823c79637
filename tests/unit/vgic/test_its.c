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

#include "its_guest.h"

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
	its_guest_cwriter = 0;
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
	((uint64_t *)&its_guest_ram[CMDQ_OFF])[0] = ITS_CMD_MAPD | (uint64_t)NVME << 32;
	write64(ITS + GITS_CWRITER, its_guest_cwriter | GITS_CWRITER_RETRY);
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
