/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The VM's view of an assigned function: a config space in memory shaped
 * like QEMU's NVMe (64-bit BAR0 of 16 KiB, MSI-X -> PM -> PCIe capability
 * list) stands in for the device; every device access is recorded so the
 * tests can say what reached it.
 */

#include <monadic/vm/vpci.h>
#include <stdio.h>
#include <string.h>

#include "unit.h"

#define BAR0_ADDR 0x10000000u
#define BAR0_SIZE 0x4000u

static uint8_t cfg[4096];
static unsigned int device_writes;
static uint32_t last_write_off;
static unsigned int last_write_size;

static uint32_t fake_read(void *ctx, uint16_t bdf, uint32_t off, unsigned int size)
{
	uint32_t v = 0;

	(void)ctx;
	(void)bdf;
	for (unsigned int i = 0; i < size; i++)
		v |= (uint32_t)cfg[off + i] << (8 * i);
	return v;
}

static void fake_write(void *ctx, uint16_t bdf, uint32_t off, unsigned int size, uint32_t val)
{
	(void)ctx;
	(void)bdf;
	device_writes++;
	last_write_off = off;
	last_write_size = size;
	for (unsigned int i = 0; i < size; i++)
		cfg[off + i] = (uint8_t)(val >> (8 * i));
}

static const struct vpci_ops ops = { .read = fake_read, .write = fake_write };

static void put32(uint32_t off, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		cfg[off + i] = (uint8_t)(v >> (8 * i));
}

static void cap(uint8_t at, uint8_t id, uint8_t next)
{
	cfg[at] = id;
	cfg[at + 1] = next;
}

static void setup_msi(struct vpci_function *vf, bool msi)
{
	struct pci_function f = {
		.bdf = PCI_BDF(0, 1, 0), .vendor_id = 0x1b36, .device_id = 0x0010,
		.bar = { [0] = { .cpu_addr = BAR0_ADDR, .pci_addr = BAR0_ADDR, .size = BAR0_SIZE,
				 .is64 = true } },
	};

	memset(cfg, 0, sizeof(cfg));
	put32(0x00, 0x00101b36);
	put32(0x04, 0x00100000);            /* status: capability list */
	put32(0x08, 0x01080202);            /* class 010802, revision 2 */
	put32(0x10, BAR0_ADDR | 0x4);       /* 64-bit memory BAR */
	put32(0x30, 0xfffe0001);            /* a ROM the VM must not see */
	cfg[0x34] = 0x40;
	cfg[0x3d] = 1;                      /* INTA */
	cap(0x40, PCI_CAP_ID_MSIX, 0x60);
	put32(0x44, 0x12345678);
	cap(0x60, 0x01, 0x80);              /* power management */
	cap(0x80, 0x10, 0x00);              /* PCI Express */
	put32(0x100, 0x00010001);           /* AER, extended space */
	vpci_function_init(vf, &f, 0x08, &ops, msi);
	device_writes = 0;
}

/* A VM without a virtual ITS: MSI and MSI-X hidden. */
static void setup(struct vpci_function *vf)
{
	setup_msi(vf, false);
}

static void test_identity_and_hidden_regions(void)
{
	struct vpci_function vf;

	setup(&vf);
	CHECK_INT(vpci_read(&vf, 0x00, 4), 0x00101b36, "vendor/device read through");
	CHECK_INT(vpci_read(&vf, 0x0a, 2), 0x0108, "class read through (16-bit)");
	CHECK_INT(vpci_read(&vf, 0x30, 4), 0, "expansion ROM hidden");
	CHECK_INT(vpci_read(&vf, 0x100, 4), 0, "extended config space reads 0");
	CHECK_INT(vpci_read(&vf, 0x3d, 1), 1, "interrupt pin read through");
	CHECK_INT(vpci_write(&vf, 0x3c, 1, 0x24), VPCI_WRITE_DONE, "interrupt line write");
	CHECK_INT(vpci_read(&vf, 0x3c, 1), 0x24, "interrupt line is the VM's byte");
	CHECK_INT(device_writes, 0, "interrupt line never reaches the device");
	vpci_write(&vf, 0x00, 4, 0);
	vpci_write(&vf, 0x100, 4, 0);
	vpci_write(&vf, 0x30, 4, 0xffffffff);
	CHECK_INT(device_writes, 0, "IDs, ROM and extended space ignore writes");
}

static void test_bars(void)
{
	struct vpci_function vf;

	setup(&vf);
	CHECK_INT(vpci_read(&vf, 0x10, 4), BAR0_ADDR | 0x4, "BAR0: assigned address, 64-bit");
	CHECK_INT(vpci_read(&vf, 0x14, 4), 0, "BAR1: upper half 0");
	CHECK_INT(vpci_read(&vf, 0x18, 4), 0, "BAR2: not implemented");
	/* Linux's sizing: all 1s, read, restore. */
	CHECK_INT(vpci_write(&vf, 0x10, 4, 0xffffffff), VPCI_WRITE_DONE, "BAR0 sizing write");
	CHECK_INT(vpci_read(&vf, 0x10, 4), (uint32_t)~(BAR0_SIZE - 1) | 0x4, "BAR0 size mask");
	vpci_write(&vf, 0x14, 4, 0xffffffff);
	CHECK_INT(vpci_read(&vf, 0x14, 4), 0xffffffff, "BAR1 size mask (below 4 GiB)");
	CHECK_INT(vpci_write(&vf, 0x10, 4, BAR0_ADDR | 0x4), VPCI_WRITE_DONE, "BAR0 restored");
	CHECK_INT(vpci_write(&vf, 0x14, 4, 0), VPCI_WRITE_DONE, "BAR1 restored");
	CHECK_INT(vpci_read(&vf, 0x10, 4), BAR0_ADDR | 0x4, "BAR0 back at its address");
	/* Moving it is refused and changes nothing. */
	CHECK_INT(vpci_write(&vf, 0x10, 4, 0x20000000), VPCI_WRITE_BAR_REFUSED, "BAR0 move refused");
	CHECK_INT(vpci_read(&vf, 0x10, 4), BAR0_ADDR | 0x4, "BAR0 unchanged after refusal");
	CHECK_INT(vpci_write(&vf, 0x14, 4, 0x1), VPCI_WRITE_BAR_REFUSED, "BAR1 move above 4 GiB refused");
	CHECK_INT(vpci_write(&vf, 0x12, 2, 0x2000), VPCI_WRITE_BAR_REFUSED,
		  "BAR0 16-bit move refused");
	CHECK_INT(vpci_write(&vf, 0x18, 4, 0x30000000), VPCI_WRITE_DONE, "empty BAR2 write ignored");
	CHECK_INT(vpci_read(&vf, 0x18, 4), 0, "empty BAR2 still 0");
	CHECK_INT(device_writes, 0, "the real BARs are never written");
	CHECK_INT(fake_read(NULL, 0, 0x10, 4), BAR0_ADDR | 0x4, "device BAR0 untouched");
}

static void test_command(void)
{
	struct vpci_function vf;

	setup(&vf);
	CHECK_INT(vpci_write(&vf, 0x04, 2, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER),
		  VPCI_WRITE_DONE, "memory + bus master accepted");
	CHECK_INT(cfg[0x04], PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER, "device command set");
	CHECK_INT(vpci_write(&vf, 0x04, 2, PCI_COMMAND_IO | PCI_COMMAND_MEMORY),
		  VPCI_WRITE_IO_REFUSED, "I/O decoding refused");
	CHECK_INT(vpci_read(&vf, 0x04, 2), PCI_COMMAND_MEMORY, "I/O bit stays 0, memory kept");
	/* A 32-bit write over command + status: the status half goes through
	 * as written (RW1C), the command half filtered, in one access. */
	cfg[0x07] = 0x80;                       /* a detected parity error */
	device_writes = 0;
	vpci_write(&vf, 0x04, 4, 0x80000000u | PCI_COMMAND_IO | PCI_COMMAND_MASTER);
	CHECK_INT(device_writes, 1, "command+status: one device access");
	CHECK_INT(last_write_size, 4, "... of 32 bits");
	CHECK_INT(cfg[0x04], PCI_COMMAND_MASTER, "command filtered");
	CHECK_INT(cfg[0x07], 0x80, "status byte written as the VM wrote it");
	/* A 32-bit write over cache line / latency / header / BIST: only the
	 * first two reach the device, as one 16-bit access. */
	device_writes = 0;
	vpci_write(&vf, 0x0c, 4, 0xffff1008);
	CHECK_INT(device_writes, 1, "0x0c dword: one device access");
	CHECK_INT(last_write_off, 0x0c, "... at 0x0c");
	CHECK_INT(last_write_size, 2, "... of 16 bits");
	CHECK_INT(cfg[0x0f], 0, "BIST not started");
}

/* After a reset the real BARs read 0: the VM's restore of its (virtual)
 * BARs can't bring them back, enabling memory decoding does, first. */
static void test_reset_restores_bars(void)
{
	struct vpci_function vf;

	setup(&vf);
	put32(0x10, 0x4);                   /* FLR: address 0, type bits stay */
	put32(0x14, 0);
	cfg[0x04] = 0;
	vpci_write(&vf, 0x10, 4, BAR0_ADDR | 0x4);
	vpci_write(&vf, 0x14, 4, 0);
	CHECK_INT(device_writes, 0, "the VM's BAR restore stays virtual");
	vpci_write(&vf, 0x04, 2, PCI_COMMAND_INTX_DISABLE);
	CHECK_INT(device_writes, 1, "a command write without memory decoding: no BAR write");
	CHECK_INT(vpci_write(&vf, 0x04, 2, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER),
		  VPCI_WRITE_DONE, "memory decoding enabled after the reset");
	CHECK_INT(fake_read(NULL, 0, 0x10, 4) & ~VPCI_BAR_FLAGS, BAR0_ADDR,
		  "device BAR0 back at its assigned address");
	CHECK_INT(device_writes, 3, "one BAR write (the upper half was right), then the command");
	CHECK_INT(last_write_off, 0x04, "... the command last, so decoding starts at the address");
	vpci_write(&vf, 0x04, 2, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
	CHECK_INT(device_writes, 4, "BARs already right: only the command is written");
}

static void test_capabilities(void)
{
	struct vpci_function vf;

	setup(&vf);
	CHECK_INT(vpci_read(&vf, 0x34, 1), 0x60, "capability list skips MSI-X");
	CHECK_INT(vpci_read(&vf, 0x34, 4) & 0xff, 0x60, "... also in a 32-bit read");
	CHECK_INT(vpci_read(&vf, 0x60, 2), 0x8001, "PM capability, next PCIe");
	CHECK_INT(vpci_read(&vf, 0x80, 2), 0x0010, "PCIe capability ends the list");
	vpci_write(&vf, 0x42, 2, 0x8000);   /* MSI-X enable */
	CHECK_INT(device_writes, 0, "MSI-X control write dropped");
	vpci_write(&vf, 0x64, 2, 0x0003);   /* PM control: D3hot */
	CHECK_INT(device_writes, 1, "PM control write reaches the device");
	/* MSI-X last: the pointer to it from PM must end the list. */
	cap(0x60, 0x01, 0x40);
	cap(0x40, PCI_CAP_ID_MSIX, 0x00);
	cfg[0x34] = 0x80;
	cap(0x80, 0x10, 0x60);
	CHECK_INT(vpci_read(&vf, 0x61, 1), 0x00, "pointer to a hidden last capability is 0");
	CHECK_INT(vpci_read(&vf, 0x81, 1), 0x60, "visible next pointer unchanged");
	/* A looping list (a broken device) still terminates. */
	cap(0x60, PCI_CAP_ID_MSI, 0x80);
	cap(0x80, PCI_CAP_ID_MSIX, 0x60);
	CHECK_INT(vpci_read(&vf, 0x34, 1), 0, "a list of hidden capabilities in a loop reads 0");
}

/* With a virtual ITS the guest sees and programs MSI-X itself. */
static void test_msix_visible_with_vits(void)
{
	struct vpci_function vf;

	setup_msi(&vf, true);
	CHECK_INT(vpci_read(&vf, 0x34, 1), 0x40, "capability list starts at MSI-X");
	CHECK_INT(vpci_read(&vf, 0x40, 2), 0x6011, "MSI-X capability, next PM");
	CHECK_INT(vpci_read(&vf, 0x44, 4), 0x12345678, "MSI-X table offset read through");
	vpci_write(&vf, 0x42, 2, 0x8000);   /* MSI-X enable */
	CHECK_INT(device_writes, 1, "MSI-X control write reaches the device");
	CHECK_INT(last_write_off, 0x42, "... at the message control");
}

int main(void)
{
	test_identity_and_hidden_regions();
	test_bars();
	test_command();
	test_reset_restores_bars();
	test_capabilities();
	test_msix_visible_with_vits();
	return unit_done();
}
