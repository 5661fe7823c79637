/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Function Level Reset (drivers/pci/flr.c) of a fake function: found
 * through the capability list, initiated with Device Control's bit, 100 ms
 * of counter time before it is touched again; none without the
 * capability; an error when the function stays silent.
 */
#include <monadic/errno.h>
#include <monadic/hal/cpu.h>
#include <monadic/pci.h>

#include "fake_ecam.h"
#include "pci_regs.h"
#include "unit.h"

#define TICKS_PER_S 1000u        /* the fake counter: 1 ms a tick, 1 tick per read */
#define CAP_PM 0x40
#define CAP_EXP 0x50
#define DEVCAP_FLR (1u << 28)
#define DEVCTL_FLR (1u << 15)
#define DEVSTA_TRPND (1u << 5)
#define BDF PCI_BDF(0, 1, 0)

static uint64_t now;
static uint64_t flr_at;          /* counter when Initiate FLR was written; 0: never */
static unsigned int flrs;
static unsigned int flr_size;    /* of the write that initiated it */
static bool silent_after_flr;

uint64_t hal_counter_ticks(void)
{
	return ++now;
}

uint64_t hal_counter_freq(void)
{
	return TICKS_PER_S;
}

/* The device: an FLR clears its command register (and, if told, makes it
 * stop answering). */
static void device_reacts(uint16_t bdf, uint32_t off, unsigned int size, uint32_t val)
{
	(void)bdf;
	if (off == CAP_EXP + 0x08 && (val & DEVCTL_FLR)) {
		flrs++;
		flr_size = size;
		flr_at = now;
		fake_fns[0].cfg[PCI_COMMAND / 4] = 0;
		if (silent_after_flr)
			fake_fns[0].cfg[PCI_VENDOR_ID / 4] = UINT32_MAX;
	}
}

/* An NVMe-like endpoint: a PM capability, then PCI Express (FLR or not). */
static void setup(bool flr)
{
	fake_nfns = 0;
	fake_add(FAKE_NO_PARENT, 1, 0, 0x1b36, 0x0010, 0x010802, PCI_HEADER_TYPE_NORMAL);
	fake_fns[0].cfg[PCI_COMMAND / 4] = (1u << 4) << 16 | 0x6;  /* status: caps; MEM, MASTER */
	fake_fns[0].cfg[0x34 / 4] = CAP_PM;
	fake_fns[0].cfg[CAP_PM / 4] = CAP_EXP << 8 | 0x01;
	fake_fns[0].cfg[CAP_EXP / 4] = 0x0002u << 16 | 0x10;
	fake_fns[0].cfg[(CAP_EXP + 4) / 4] = flr ? DEVCAP_FLR : 0;
	fake_on_write = device_reacts;
	now = 1000;
	flr_at = 0;
	flrs = 0;
	silent_after_flr = false;
}

static void test_flr(void)
{
	setup(true);
	CHECK_INT(pci_flr_capable(BDF), 1, "FLR found behind the PM capability");
	CHECK_INT(pci_function_flr(BDF), 0, "FLR done");
	CHECK_INT(flrs, 1, "Initiate Function Level Reset written once");
	CHECK(now - flr_at >= 100, "%llu ms between the FLR and the return, want >= 100",
	      (unsigned long long)(now - flr_at));
	CHECK_INT(fake_fns[0].cfg[PCI_COMMAND / 4] & 0xffff, 0, "the device was reset");
	CHECK_INT(flr_size, 2, "by a 16-bit write: Device Status next to it has RW1C bits");
}

static void test_pending_transactions(void)
{
	setup(true);
	fake_fns[0].cfg[(CAP_EXP + 8) / 4] = DEVSTA_TRPND << 16;
	uint64_t start = now;

	CHECK_INT(pci_function_flr(BDF), 0, "FLR done with transactions still pending");
	CHECK(flr_at - start >= 100, "waited %llu ms for them first, want >= 100",
	      (unsigned long long)(flr_at - start));
}

static void test_without_flr(void)
{
	setup(false);
	CHECK_INT(pci_flr_capable(BDF), 0, "no FLR in Device Capabilities");
	CHECK_INT(pci_function_flr(BDF), -MHV_ENOENT, "refused");
	CHECK_INT(flrs, 0, "nothing written");

	setup(true);
	fake_fns[0].cfg[PCI_COMMAND / 4] = 0x6;   /* no capability list */
	CHECK_INT(pci_function_flr(BDF), -MHV_ENOENT, "no capability list: refused");
	CHECK_INT(pci_function_flr(PCI_BDF(0, 2, 0)), -MHV_ENOENT, "an absent function: refused");
}

static void test_silent_after(void)
{
	setup(true);
	silent_after_flr = true;
	CHECK_INT(pci_function_flr(BDF), -MHV_EIO, "still all 1s after the reset: an error");
	CHECK(now - flr_at >= 1100, "given 100 ms + 1 s (%llu ms)", (unsigned long long)(now - flr_at));
}

int main(void)
{
	test_flr();
	test_pending_transactions();
	test_without_flr();
	test_silent_after();
	return unit_done();
}
