/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * A guest touching what it must not: each access has to fault inside the
 * guest (a synchronous data or instruction abort taken to its own EL1
 * vector), never reach anything, and the guest carries on.
 *
 *   - a hole in the virt machine map (0x0A00_4000: after the virtio-mmio
 *     slots, before the platform bus): unmapped natively and under Monadic
 *   - the first byte past the guest's RAM (from the DTB)
 *   - FAULT_GUEST_EXTRA_ADDRS, a comma-separated list given at build time:
 *     under Monadic, another VM's memory or the hypervisor's, as IPAs
 */
#include <monadic/guest/sdk.h>

#define MAP_HOLE 0x0A004000UL
/* Natively: another hole of the virt map (between virtio-mmio and the
 * platform bus at 0x0C00_0000). */
#ifndef FAULT_GUEST_EXTRA_ADDRS
#define FAULT_GUEST_EXTRA_ADDRS 0x0B000000UL
#endif
#define POISON 0x5a5a5a5aU
#define CHECK_NAME 64

static const uintptr_t extra_addrs[] = { FAULT_GUEST_EXTRA_ADDRS };

static void describe(char *buf, unsigned int size, const struct guest_fault *f, bool faulted)
{
	if (!faulted)
		guest_snprintf(buf, size, "no fault");
	else
		guest_snprintf(buf, size, "ESR 0x%08lx (EC 0x%02lx FSC 0x%02lx) FAR 0x%lx",
			       (unsigned long)f->esr, (unsigned long)ESR_EC(f->esr),
			       (unsigned long)(f->esr & ESR_ISS_FSC_MASK), (unsigned long)f->far);
}

static void check_data(const char *what, uintptr_t addr)
{
	char name[CHECK_NAME], detail[CHECK_NAME * 2];
	struct guest_fault f = { 0 };
	uint32_t v;
	bool faulted = guest_probe_read32(addr, &v, &f);

	describe(detail, sizeof(detail), &f, faulted);
	guest_snprintf(name, sizeof(name), "read %s 0x%lx faults", what, (unsigned long)addr);
	guest_check(faulted && guest_fault_is_abort_at(&f, addr, false, false), name,
		    "%s, read 0x%x", detail, v);

	f = (struct guest_fault){ 0 };
	faulted = guest_probe_write32(addr, POISON, &f);
	describe(detail, sizeof(detail), &f, faulted);
	guest_snprintf(name, sizeof(name), "write %s 0x%lx faults", what, (unsigned long)addr);
	guest_check(faulted && guest_fault_is_abort_at(&f, addr, false, true), name, "%s", detail);
}

static void check_exec(const char *what, uintptr_t addr)
{
	char name[CHECK_NAME], detail[CHECK_NAME * 2];
	struct guest_fault f = { 0 };
	bool faulted = guest_probe_exec(addr, &f);

	describe(detail, sizeof(detail), &f, faulted);
	guest_snprintf(name, sizeof(name), "exec %s 0x%lx faults", what, (unsigned long)addr);
	guest_check(faulted && guest_fault_is_abort_at(&f, addr, true, false), name, "%s", detail);
}

/* The guest's own memory must still work after all that. */
static void check_alive(void)
{
	static volatile uint32_t cell;

	cell = POISON;
	guest_check(cell == POISON, "own memory still works", "read back 0x%x", cell);
}

int main(void)
{
	uintptr_t ram_end = (uintptr_t)(guest_info.ram_base + guest_info.ram_size);

	check_data("map hole", MAP_HOLE);
	check_exec("map hole", MAP_HOLE);
	check_data("past ram", ram_end);
	for (unsigned int i = 0; i < sizeof(extra_addrs) / sizeof(extra_addrs[0]); i++)
		check_data("extra", extra_addrs[i]);
	check_alive();
	return 0;
}
