/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The boot sequence once the boot CPU has its MMU on:
 *   PRE_SMP hooks -> secondaries online -> POST_SMP hooks -> banner
 *   -> the application's main() -> idle, or power off when configured.
 */

#include <monadic/banner.h>
#include <monadic/cpus.h>
#include <monadic/hal/cpu.h>
#include <monadic/init.h>
#include <monadic/mhv.h>
#include <monadic/printk.h>
#include <monadic/smp.h>
#ifdef CONFIG_VM
#include <monadic/vm/vm.h>
#endif
#ifdef CONFIG_GICV3
#include <monadic/irqchip.h>
#endif
#include <stdatomic.h>

/* Set once the VMs exist: every pCPU then runs its vCPU (vm_cpu_loop). */
static atomic_bool vms_ready;

_Noreturn void mhv_main(uint64_t boot_ticks)
{
	cpu_mark_online();
	init_run_level(INIT_PRE_SMP);
#ifdef CONFIG_SMP
	smp_start_secondaries();
#endif
	init_run_level(INIT_POST_SMP);
	banner_print(boot_ticks);

	int rc = main();

#ifdef CONFIG_VM
	if (vm_count > 0) {
		vm_start();
		atomic_store_explicit(&vms_ready, true, memory_order_release);
		hal_cpu_send_event();
		vm_cpu_loop(hal_cpu_index());
	}
#endif
#ifdef CONFIG_SHUTDOWN_ON_IDLE
	printk("main() returned %d; nothing left to run: powering off\n", rc);
	mhv_power_off();
#else
	printk("main() returned %d; nothing left to run: CPUs idle (QEMU: Ctrl-] x)\n", rc);
	hal_cpu_halt();
#endif
}

_Noreturn void mhv_secondary_main(unsigned int index)
{
#ifdef CONFIG_GICV3
	gic_cpu_init();
#endif
	cpu_mark_online();
	while (!atomic_load_explicit(&vms_ready, memory_order_acquire))
		hal_cpu_wait_event();
#ifdef CONFIG_VM
	vm_cpu_loop(index);
#else
	(void)index;
	hal_cpu_halt();
#endif
}
