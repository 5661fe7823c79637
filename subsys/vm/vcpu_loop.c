/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * What each pCPU does once the VMs exist: run the vCPU pinned to it while
 * it is on, wait (WFE) while it is off, and leave for good when its VM
 * stops. The last VM to stop powers the machine off, so a test ends when
 * its guests do.
 */

#include <monadic/hal/cpu.h>
#include <monadic/hal/vcpu.h>
#include <monadic/irq.h>
#include <monadic/mhv.h>
#include <monadic/printk.h>
#include <monadic/vgic_exit.h>
#include <monadic/vm/vm.h>

#include "vm_internal.h"

static atomic_uint vms_running;

void vcpu_kick(struct vcpu *v)
{
	hal_cpu_send_event();  /* a pCPU waiting in WFE (no GIC) for its vCPU */
#ifdef CONFIG_GICV3
	if (v->pcpu != hal_cpu_index())
		irq_send_sgi(IRQ_SGI_KICK, v->pcpu);  /* a pCPU in the guest, or in WFI */
#else
	(void)v;  /* without an interrupt controller, the vCPU sees it at its next exit */
#endif
}

uint64_t vm_exit_total(const struct vm *vm)
{
	uint64_t n = atomic_load(&vm->stats.irq_exits);

	for (unsigned int ec = 0; ec < VM_EXIT_CLASSES; ec++)
		n += atomic_load(&vm->stats.exits[ec]);
	return n;
}

/* The VM's exits by class, named, as one line (lines never interleave). */
void vm_print_stats(const struct vm *vm)
{
	char line[512];
	int n = mhv_snprintf(line, sizeof(line), "VM %s exits:", vm->cfg->name);

	for (unsigned int ec = 0; ec < VM_EXIT_CLASSES && n < (int)sizeof(line); ec++) {
		unsigned long count = atomic_load(&vm->stats.exits[ec]);
		const char *key = hal_vcpu_exit_class_key(ec);

		if (count == 0)
			continue;
		if (key != NULL)
			n += mhv_snprintf(line + n, sizeof(line) - (size_t)n, " %s=%lu", key, count);
		else
			n += mhv_snprintf(line + n, sizeof(line) - (size_t)n, " class%u=%lu", ec, count);
	}
	/* MMIO emulations are a part of the data aborts, counted apart. */
	if (n < (int)sizeof(line))
		mhv_snprintf(line + n, sizeof(line) - (size_t)n, " irq=%lu (mmio=%lu)",
			     atomic_load(&vm->stats.irq_exits), atomic_load(&vm->stats.mmio));
	printk("%s\n", line);
}

void vm_stop(struct vm *vm, enum vm_state why)
{
	int expected = VM_STATE_RUNNING;

	if (!atomic_compare_exchange_strong(&vm->state, &expected, (int)why))
		return;  /* already stopped */
	printk("VM %s %s\n", vm->cfg->name, why == VM_STATE_OFF ? "powered off" : "stopped");
	vm_print_stats(vm);
#ifdef CONFIG_PCI_PASSTHROUGH
	vm_pci_quiesce(vm);
#endif
	vcpus_turn_off(vm, NULL);
	if (atomic_fetch_sub(&vms_running, 1) == 1) {
		printk("All VMs have stopped: powering off\n");
		mhv_power_off();
	}
}

/* Sleep until an interrupt (a kick SGI, a device routed here) comes, and
 * serve it. */
static void sleep_until_kicked(void)
{
#ifdef CONFIG_GICV3
	hal_cpu_wait_interrupt();
	vm_take_irq(NULL);
#else
	hal_cpu_wait_event();  /* no kick SGI without a GIC: vcpu_kick's event */
#endif
}

/* Wait until the vCPU is powered on (or its VM stops: false). The pCPU
 * sleeps in WFI: CPU_ON and a VM's stop kick it with an SGI, which stays
 * pending if it comes before the WFI. (A WFE loop would do too, but QEMU
 * runs WFE as a busy loop, taking a host CPU from the running vCPUs.) */
static bool wait_power_on(struct vcpu *v)
{
	for (;;) {
		if (atomic_load(&v->vm->state) != VM_STATE_RUNNING)
			return false;
		if (vcpu_claim_power_on(v)) {
#ifdef CONFIG_VGIC
			vgic_vcpu_start(v);
#endif
			hal_vcpu_reset(v, v->on_entry, v->on_context);
			hal_vcpu_load(v);
			return true;
		}
		sleep_until_kicked();
	}
}

/* A pCPU with no vCPU to run sleeps, but still serves the interrupts the
 * hypervisor routes to it: the SMMU's (boot CPU), a stopped VM's devices. */
static _Noreturn void idle(void)
{
	for (;;) {
		sleep_until_kicked();
	}
}

_Noreturn void vm_cpu_loop(unsigned int pcpu)
{
	struct vcpu *v = vcpu_for_pcpu(pcpu);

	if (v != NULL) {
		while (wait_power_on(v)) {
			if (vcpu_runs(v)) {
#ifdef CONFIG_VGIC
				vgic_flush(v);
#endif
				hal_vcpu_run(v, &vm_exit_ops);
			}
			hal_vcpu_put(v);
			vcpu_park(v);
		}
	}
	idle();
}

void vm_start(void)
{
	atomic_store(&vms_running, vm_init_all());
#if defined(CONFIG_VUART) && defined(CONFIG_GICV3)
	vm_console_input_start();
#endif
	if (atomic_load(&vms_running) == 0) {
		printk("No VM could start: powering off\n");
		mhv_power_off();
	}
}
