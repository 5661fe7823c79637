/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * What the commands do to LPIs (IHI 0069 5.3): INT makes the event's LPI
 * pending on its collection's vCPU (5.3.11), MOVI moves it to another
 * collection (5.3.19), INV makes the configuration table's enable bit and
 * priority count (5.3.14), CLEAR drops a pending state (5.3.4). A pending
 * LPI that is disabled stays pending until enabled (5.1.1), and an LPI's
 * priority is its configuration byte's, against the priority mask.
 */
#include "its_guest.h"

/* Between PRIO_URGENT and PRIO_NORMAL: masks one, lets the other in. */
#define PMR_BETWEEN 0x90u

static void check_int_and_movi(void)
{
	unsigned int lpi = TEST_LPI(EV_MSIX);
	uint32_t on0 = lpi_count(0, lpi), on1 = lpi_count(1, lpi);

	lpi_set(EV_MSIX, PRIO_NORMAL, true);
	guest_check(lpi_fire(EV_MSIX) && lpi_arrives(0, lpi, on0) && lpi_count(1, lpi) == on1,
		    "INT -> LPI 8192 taken on vCPU 0 (ICC_IAR1_EL1, EOI)",
		    "vCPU 0 took it %u times, vCPU 1 %u", lpi_count(0, lpi) - on0,
		    lpi_count(1, lpi) - on1);
	guest_check(lpi_last_prio(0, lpi) == PRIO_NORMAL,
		    "LPI 8192 runs at its configuration priority 0xa0",
		    "ICC_RPR_EL1 0x%02x in the handler", lpi_last_prio(0, lpi));

	struct guest_its_cmd to1 = guest_its_movi(NVME_DEVID, EV_MSIX, 1);
	struct guest_its_cmd to0 = guest_its_movi(NVME_DEVID, EV_MSIX, 0);

	on0 = lpi_count(0, lpi);
	guest_check(its_run(&to1) && lpi_fire(EV_MSIX) && lpi_arrives(1, lpi, on1) &&
		    lpi_count(0, lpi) == on0,
		    "MOVI to collection 1, INT -> LPI 8192 taken on vCPU 1",
		    "vCPU 1 took it %u times, vCPU 0 %u", lpi_count(1, lpi) - on1,
		    lpi_count(0, lpi) - on0);
	guest_check(its_run(&to0), "MOVI back to collection 0", "stalled");
}

static void check_disabled_and_clear(void)
{
	unsigned int lpi = TEST_LPI(EV_PENDING);
	uint32_t before = lpi_count(0, lpi), total = lpi_total(lpi);
	struct guest_its_cmd clear = guest_its_event(ITS_CMD_CLEAR, NVME_DEVID, EV_PENDING);

	guest_check(lpi_fire(EV_PENDING) && lpi_absent(lpi, total),
		    "INT of a disabled LPI: not taken", "LPI 8193 taken while disabled");
	guest_check(lpi_set(EV_PENDING, PRIO_NORMAL, true) && lpi_arrives(0, lpi, before),
		    "the pending LPI is taken once enabled (configuration table + INV)",
		    "LPI 8193 not taken after INV");

	lpi_set(EV_PENDING, PRIO_NORMAL, false);
	total = lpi_total(lpi);
	bool fired = lpi_fire(EV_PENDING) && lpi_absent(lpi, total);
	bool cleared = its_run(&clear);

	guest_check(fired && cleared && lpi_set(EV_PENDING, PRIO_NORMAL, true) &&
		    lpi_absent(lpi, total), "CLEAR of a pending disabled LPI: not taken once enabled",
		    "INT held %d, CLEAR ran %d, taken after enabling", fired, cleared);
	before = lpi_count(0, lpi);
	guest_check(lpi_fire(EV_PENDING) && lpi_arrives(0, lpi, before),
		    "after CLEAR, INT of the enabled LPI is taken", "LPI 8193 not taken");
}

/* PMR between the two priorities: the urgent LPI is taken, the normal
 * one waits; raising its priority in the table and INV lets it in. */
static void check_priorities(void)
{
	unsigned int normal = TEST_LPI(EV_MSIX), urgent = TEST_LPI(EV_URGENT);
	uint32_t n0 = lpi_count(0, normal), u0 = lpi_count(0, urgent), n = lpi_total(normal);

	lpi_set(EV_URGENT, PRIO_URGENT, true);
	guest_write_sysreg(icc_pmr_el1, PMR_BETWEEN);
	guest_isb();
	bool held = lpi_fire(EV_MSIX) && lpi_absent(normal, n);
	bool urgent_in = lpi_fire(EV_URGENT) && lpi_arrives(0, urgent, u0);

	guest_check(held && urgent_in && lpi_last_prio(0, urgent) == PRIO_URGENT,
		    "priority mask 0x90: LPI 8192 (0xa0) held, LPI 8195 (0x80) taken at 0x80",
		    "8192 held %d, 8195 taken %d at ICC_RPR_EL1 0x%02x", held, urgent_in,
		    lpi_last_prio(0, urgent));
	guest_check(lpi_set(EV_MSIX, PRIO_URGENT, true) && lpi_arrives(0, normal, n0) &&
		    lpi_last_prio(0, normal) == PRIO_URGENT,
		    "priority 0x80 written to the table + INV: the held LPI 8192 is taken",
		    "taken %u times, ICC_RPR_EL1 0x%02x", lpi_count(0, normal) - n0,
		    lpi_last_prio(0, normal));
	guest_write_sysreg(icc_pmr_el1, ICC_PMR_ALL);
	guest_isb();
	lpi_set(EV_MSIX, PRIO_NORMAL, true);
}

void check_lpi_commands(void)
{
	check_int_and_movi();
	check_disabled_and_clear();
	check_priorities();
}
