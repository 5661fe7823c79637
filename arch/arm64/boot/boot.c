/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The boot CPU's first C code (from start.S, MMU off, BSS zeroed):
 * early console, sanity checks, the EL2 identity map, MMU on, then the
 * portable core (mhv_main).
 */

#include <arch/mmu.h>
#include <arch/sysreg.h>
#include <monadic/cpu_id.h>
#include <monadic/cpus.h>
#include <monadic/hal/cpu.h>
#include <monadic/init.h>
#include <monadic/mhv.h>
#include <monadic/printk.h>

/* start.S: where secondary CPUs enter. */
extern char secondary_start[];

/* Per-CPU stacks, indexed by devicetree CPU index (start.S). */
uint8_t mhv_stacks[CONFIG_NR_CPUS][CONFIG_STACK_SIZE] __attribute__((aligned(16)));

void boot_primary(unsigned int index);
void boot_wrong_el(unsigned long el);

/* Features the image was compiled to use must exist, or the first
 * instruction that uses them would fault with a less helpful report. */
static int check_compiled_features(void)
{
	struct hal_cpu_regs regs;
	struct cpu_features f;

	hal_cpu_read_regs(&regs);
	cpu_features_decode(&regs, &f);
#ifdef CONFIG_ARM64_LSE_ATOMICS
	if (!f.lse) {
		printk("FATAL: built with LSE atomics (CONFIG_ARM64_LSE_ATOMICS) but this CPU "
		       "(MIDR 0x%llx) has none: rebuild with it off\n",
		       (unsigned long long)regs.midr);
		return -1;
	}
#endif
	return 0;
}

void boot_primary(unsigned int index)
{
	uint64_t boot_ticks = hal_counter_ticks();

	init_run_level(INIT_EARLY);
	if ((read_sysreg(MPIDR_EL1) & MPIDR_AFF_MASK) != mhv_cpu_mpidr[index]) {
		printk("FATAL: the boot CPU (MPIDR 0x%llx) is not in the devicetree's /cpus\n",
		       (unsigned long long)(read_sysreg(MPIDR_EL1) & MPIDR_AFF_MASK));
		hal_cpu_halt();
	}
	if (check_compiled_features() != 0 || mmu_build_tables() != 0)
		hal_cpu_halt();
	mmu_enable_primary();
	mmu_mark_on();
	hal_set_secondary_entry((uintptr_t)secondary_start);
	mhv_main(boot_ticks);
}

void boot_wrong_el(unsigned long el)
{
	init_run_level(INIT_EARLY);
	printk("\nFATAL: Monadic must be entered at EL2, but this CPU is at EL%lu.\n", el);
	printk("A hypervisor needs the virtualization extensions: on QEMU use "
	       "-machine virt,virtualization=on; on hardware, boot it from EL2 firmware.\n");
	printk("Stopping.\n");
	hal_cpu_halt();
}
