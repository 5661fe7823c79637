/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* The boot banner (see monadic/banner.h). */

#include <monadic/banner.h>
#include <monadic/cpu_id.h>
#include <monadic/cpus.h>
#include <monadic/devicetree.h>
#include <monadic/hal/cpu.h>
#include <monadic/mhv.h>
#include <monadic/printk.h>

extern char __image_start[], __image_end[];

static void print_cpus(void)
{
	for (unsigned int i = 0; i < mhv_cpu_count; i++) {
		const struct cpu_info *c = cpu_get(i);
		char name[80];

		if (!c->online) {
			printk("CPU%u: MPIDR 0x%llx offline\n", i,
			       (unsigned long long)mhv_cpu_mpidr[i]);
			continue;
		}
		cpu_midr_describe(c->regs.midr, name, sizeof(name));
		printk("CPU%u: MPIDR 0x%llx MIDR 0x%08llx %s, EL%llu\n", i,
		       (unsigned long long)(c->regs.mpidr & 0xff00ffffffULL),
		       (unsigned long long)c->regs.midr, name,
		       (unsigned long long)c->regs.current_el);
	}
}

/* What the SoC's Kconfig promises, printed beside what the CPU reports. */
static const struct cpu_features soc_features = {
#ifdef CONFIG_CPU_HAS_LSE
	.lse = true,
#endif
#ifdef CONFIG_CPU_HAS_SVE
	.sve = true,
#endif
#ifdef CONFIG_CPU_HAS_PAUTH
	.pauth = true,
#endif
#ifdef CONFIG_CPU_HAS_BTI
	.bti = true,
#endif
};

static void print_features(const struct cpu_info *boot)
{
	struct cpu_features f;
	char have[64], soc[64];

	cpu_features_decode(&boot->regs, &f);
	cpu_features_describe(&f, have, sizeof(have));
	cpu_features_describe(&soc_features, soc, sizeof(soc));
	printk("Features: %s(ID_AA64*), PA %u bits\n", have, f.pa_bits);
	printk("SoC %s per Kconfig: %s\n", CONFIG_MHV_CPU_CORE, soc);
	if ((soc_features.lse && !f.lse) || (soc_features.sve && !f.sve) ||
	    (soc_features.pauth && !f.pauth) || (soc_features.bti && !f.bti))
		printk("<wrn> this CPU lacks features its SoC's Kconfig selects\n");
}

void banner_print(uint64_t boot_ticks)
{
	uint64_t ram = DT_REG_ADDR(DT_CHOSEN(monadic_ram));
	uint64_t ram_size = DT_REG_SIZE(DT_CHOSEN(monadic_ram));
	uint64_t now = hal_counter_ticks(), freq = hal_counter_freq();

	printk("\n*** Monadic hypervisor %s ***\n", mhv_version);
	printk("Board: %s (%s)\n", mhv_board_target, mhv_board_model);
	print_cpus();
	print_features(cpu_get(hal_cpu_index()));
	printk("CPUs online: %u/%u\n", cpus_online(), mhv_cpu_count);
	printk("RAM: %llu MiB at 0x%llx; hypervisor image 0x%llx-0x%llx (%llu KiB)\n",
	       (unsigned long long)(ram_size >> 20), (unsigned long long)ram,
	       (unsigned long long)(uintptr_t)__image_start,
	       (unsigned long long)(uintptr_t)__image_end,
	       (unsigned long long)(((uintptr_t)__image_end - (uintptr_t)__image_start) >> 10));
	printk("Boot: entry at %llu us, banner at %llu us after reset (system counter)\n",
	       (unsigned long long)(boot_ticks * 1000000 / freq),
	       (unsigned long long)(now * 1000000 / freq));
}
