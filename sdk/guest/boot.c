/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * C side of start-up: what the machine looks like (from the DTB when
 * there is one), main() on CPU 0, the SDK's secondary entry for the
 * others.
 */
#include "internal.h"

#include <monadic/guest/console.h>
#include <monadic/guest/cpu.h>
#include <monadic/guest/fdt.h>
#include <monadic/guest/psci.h>
#include <monadic/guest/sysreg.h>
#include <monadic/guest/test.h>

/* #address-cells / #size-cells of the root when the DTB omits them
 * (devicetree spec 2.3.5). */
#define FDT_DEFAULT_ADDR_CELLS 2U
#define FDT_DEFAULT_SIZE_CELLS 1U

struct guest_info guest_info;

/* What each secondary runs; written before its CPU_ON, which orders it. */
static guest_cpu_fn secondary_fn[GUEST_MAX_CPUS];
static void *secondary_arg[GUEST_MAX_CPUS];

static unsigned int root_cells(const void *dtb, const char *name, unsigned int dflt)
{
	uint32_t len;
	const void *v = guest_fdt_prop(dtb, "/", name, &len);

	return (v && len == 4) ? guest_fdt_cell(v, 0) : dflt;
}

static uint64_t read_cells(const void *v, unsigned int first, unsigned int n)
{
	uint64_t r = 0;

	for (unsigned int i = 0; i < n; i++)
		r = (r << 32) | guest_fdt_cell(v, first + i);
	return r;
}

static void read_dtb(const void *dtb)
{
	uint32_t len;
	const void *v;

	guest_info.ram_base = GUEST_RAM_BASE;
	guest_info.ram_size = GUEST_DEFAULT_RAM_SIZE;
	guest_info.num_cpus = 1;
	guest_info.bootargs = "";
	if (!guest_fdt_valid(dtb))
		return;
	guest_info.dtb = dtb;

	unsigned int ac = root_cells(dtb, "#address-cells", FDT_DEFAULT_ADDR_CELLS);
	unsigned int sc = root_cells(dtb, "#size-cells", FDT_DEFAULT_SIZE_CELLS);

	v = guest_fdt_prop(dtb, "/memory", "reg", &len);
	if (v && ac <= 2 && sc <= 2 && len >= 4 * (ac + sc)) {
		guest_info.ram_base = read_cells(v, 0, ac);
		guest_info.ram_size = read_cells(v, ac, sc);
	}
	unsigned int n = guest_fdt_count_children(dtb, "/cpus", "cpu");

	if (n)
		guest_info.num_cpus = n;
	v = guest_fdt_prop(dtb, "/chosen", "bootargs", &len);
	if (v && len)
		guest_info.bootargs = v;
}

_Noreturn void guest_boot(const void *dtb)
{
	guest_info.image_start = (uint64_t)(uintptr_t)__guest_image_start;
	guest_info.image_end = (uint64_t)(uintptr_t)__guest_image_end;
	read_dtb(dtb);
	main();
	guest_test_finish();
}

_Noreturn void guest_secondary_main(unsigned int cpu)
{
	secondary_fn[cpu](secondary_arg[cpu]);
	/* What fn stored must be visible before another CPU sees this one
	 * off (AFFINITY_INFO). */
	guest_dsb();
	int32_t ret = guest_psci_cpu_off();

	guest_check(false, "secondary CPU_OFF", "CPU%u: CPU_OFF returned %d", cpu, (int)ret);
	for (;;)
		guest_wfi();
}

uint64_t guest_secondary_entry_ipa(void)
{
	/* PC-relative: the address the image runs at, which is the IPA
	 * because the MMU is off. */
	return (uint64_t)(uintptr_t)guest_secondary_entry;
}

int32_t guest_cpu_start(unsigned int cpu, guest_cpu_fn fn, void *arg)
{
	if (cpu >= GUEST_MAX_CPUS)
		return PSCI_RET_INVALID_PARAMETERS;
	secondary_fn[cpu] = fn;
	secondary_arg[cpu] = arg;
	guest_dsb();
	return guest_psci_cpu_on_raw(guest_cpu_mpidr(cpu), guest_secondary_entry_ipa(), cpu);
}
