/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Commands the vITS must refuse (docs/its.md "Bad commands", issue #11).
 * With GITS_TYPER.SEIS = 0 a command error stalls the queue (IHI 0069
 * 5.3.2, 12.19.5): GITS_CREADR.Stalled = 1 and GITS_CREADR at the bad
 * command; the commands behind it wait. Recovery as on hardware: fix the
 * command and set GITS_CWRITER.Retry (12.19.6), or disable the ITS and
 * write GITS_CBASER again (CREADR back to 0, 12.19.4). The hypervisor
 * names each on its console; the testcase matches those lines.
 */
#include "its_guest.h"

/* A second device table entry's ITT, for the MAPD that must fail. */
static _Alignas(GUEST_ITT_ALIGN) uint8_t other_itt[GUEST_ITT_ALIGN];

#define UNASSIGNED_DEVID 0x10u
#define UNMAPPED_ICID 2u
#define ICID_BEYOND 16u             /* GITS_TYPER.CIDbits 3: ICIDs 0-15 */
#define NO_SUCH_VCPU 5u
#define LPI_BEYOND (GIC_LPI_BASE + 4096u)
#define UNKNOWN_CMD 0xffu
#define NAME_LEN 120

enum recovery { RETRY, RESTART };

struct bad {
	const char *what;
	struct guest_its_cmd cmd;
	enum recovery recovery;
};

static uint32_t creadr(void)
{
	return (uint32_t)guest_its_read(&its, GITS_CREADR);
}

static bool stalled_at(uint32_t at)
{
	uint32_t r = creadr();

	return (r & GITS_CREADR_STALLED) && (r & GITS_CMDQ_OFFSET_MASK) == at;
}

__attribute__((format(printf, 4, 0)))
static void check(bool ok, const char *what, const char *step, const char *fmt, uint32_t v)
{
	char name[NAME_LEN];

	guest_snprintf(name, sizeof(name), "%s: %s", what, step);
	guest_check(ok, name, fmt, v);
}

/* The queue after the bad command is given up: it must work again, and
 * the LPI of an INT sent next arrive. */
static void check_restarted(const char *what, const char *how)
{
	uint32_t before = lpi_count(0, TEST_LPI(EV_MSIX));

	guest_its_restart(&its);
	bool clean = creadr() == 0;

	check(clean && lpi_fire(EV_MSIX) && lpi_arrives(0, TEST_LPI(EV_MSIX), before), what, how,
	      "GITS_CREADR 0x%x", creadr());
}

/*
 * The bad command, then an INT of the MSI-X event behind it: the queue
 * must stall at the first and not run the second. Recovery by Retry (the
 * bad command replaced by a SYNC) runs the INT; by CBASER drops it.
 */
static void check_bad(const struct bad *b)
{
	struct guest_its_cmd fire = guest_its_event(ITS_CMD_INT, NVME_DEVID, EV_MSIX);
	uint32_t before = lpi_count(0, TEST_LPI(EV_MSIX)), total = lpi_total(TEST_LPI(EV_MSIX));
	uint32_t at = guest_its_queue(&its, &b->cmd);

	guest_its_queue(&its, &fire);
	bool ran = guest_its_kick(&its, false);

	check(!ran && stalled_at(at), b->what, "queue stalled at the command",
	      "GITS_CREADR 0x%x", creadr());
	check(lpi_absent(TEST_LPI(EV_MSIX), total), b->what, "the INT behind it waits",
	      "LPI 8192 taken %u times", lpi_total(TEST_LPI(EV_MSIX)) - total);
	if (b->recovery == RESTART) {
		check_restarted(b->what, "recovered by disabling the ITS and writing GITS_CBASER");
		return;
	}
	/* Retry with the command unchanged: the same error again. */
	ran = guest_its_kick(&its, true);
	check(!ran && stalled_at(at), b->what, "Retry of the unchanged command stalls again",
	      "GITS_CREADR 0x%x", creadr());
	struct guest_its_cmd sync = guest_its_sync(rdbase[0]);
	volatile uint64_t *slot = its.queue + at / sizeof(uint64_t);

	for (unsigned int i = 0; i < ITS_CMD_DWORDS; i++)
		slot[i] = sync.dw[i];
	ran = guest_its_kick(&its, true);
	check(ran && !(creadr() & GITS_CREADR_STALLED) &&
	      lpi_arrives(0, TEST_LPI(EV_MSIX), before), b->what,
	      "replaced by SYNC, Retry runs it and the INT behind it", "GITS_CREADR 0x%x",
	      creadr());
}

#ifdef ITS_GUEST_FOREIGN_ADDR
/* GITS_CBASER at an address outside the VM's RAM (another VM's, by
 * physical address): the vITS must not read it as commands. */
static void check_queue_outside_ram(void)
{
	const char *what = "command queue at 0x48100000, outside RAM";
	struct guest_its outside = {
		.base = its.base, .queue = (volatile uint64_t *)ITS_GUEST_FOREIGN_ADDR,
		.queue_size = GUEST_ITS_PAGE,
	};

	guest_its_restart(&outside);
	outside.cwriter = ITS_CMD_SIZE;   /* one command, never written by the guest */
	bool ran = guest_its_kick(&outside, false);

	check(!ran && stalled_at(0), what, "queue stalled at the command", "GITS_CREADR 0x%x",
	      creadr());
	check_restarted(what, "recovered by disabling the ITS and writing GITS_CBASER");
}
#endif

void check_bad_commands(void)
{
	struct guest_its_cmd discard = guest_its_event(ITS_CMD_DISCARD, NVME_DEVID, EV_DISCARD);
	struct guest_its_cmd unknown = { .dw = { UNKNOWN_CMD } };
	const struct bad bad[] = {
		{ "MAPD of DeviceID 0x10 (not the VM's)",
		  guest_its_mapd(UNASSIGNED_DEVID, TEST_EVENT_BITS, (uintptr_t)other_itt, true),
		  RETRY },
		{ "MAPTI of EventID 16 (MAPD gave 16 events)",
		  guest_its_mapti(NVME_DEVID, 1u << TEST_EVENT_BITS, TEST_LPI(NR_TEST_EVENTS), 0),
		  RESTART },
		{ "MAPC of collection 16", guest_its_mapc(ICID_BEYOND, rdbase[0], true), RETRY },
		{ "MAPC to vCPU 5 (the VM has 2)",
		  guest_its_mapc(UNMAPPED_ICID, NO_SUCH_VCPU, true), RESTART },
		{ "MAPTI to LPI 12288 (outside the VM's LPIs)",
		  guest_its_mapti(NVME_DEVID, NR_TEST_EVENTS, LPI_BEYOND, 0), RETRY },
		/* Also proves the refused MAPC above mapped nothing. */
		{ "MOVI to collection 2 (not mapped)",
		  guest_its_movi(NVME_DEVID, EV_MSIX, UNMAPPED_ICID), RESTART },
		{ "INT of a DISCARDed event",
		  guest_its_event(ITS_CMD_INT, NVME_DEVID, EV_DISCARD), RETRY },
		{ "unknown command 0xff", unknown, RESTART },
	};

	guest_check(its_run(&discard), "DISCARD of event 2", "stalled");
	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		check_bad(&bad[i]);
#ifdef ITS_GUEST_FOREIGN_ADDR
	check_queue_outside_ram();
#else
	guest_skip("command queue outside RAM", "no ITS_GUEST_FOREIGN_ADDR");
#endif
}
