/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * A vCPU's power state between the vCPUs and pCPUs that change it: CPU_ON
 * hands a start to the vCPU's pCPU (OFF -> ON_PENDING), which takes it
 * (-> ON) and, when the vCPU stops running, parks; a VM's reset turns the
 * others off and waits until each has parked, so nothing of the VM runs
 * while its image is reloaded. Portable: tests/unit/vm runs it on threads
 * under ThreadSanitizer.
 */

#include <monadic/hal/cpu.h>
#include <monadic/printk.h>
#include <monadic/vm/vm.h>

#include "vm_internal.h"

void vcpu_power_on(struct vcpu *v, uint64_t entry, uint64_t arg0)
{
	v->on_entry = entry;
	v->on_context = arg0;
	atomic_store_explicit(&v->power, VCPU_ON_PENDING, memory_order_release);
	vcpu_kick(v);
}

enum vcpu_cpu_on vcpu_cpu_on(struct vcpu *target, uint64_t entry, uint64_t arg0)
{
	struct vm *vm = target->vm;
	enum vcpu_cpu_on rc = VCPU_CPU_ON_STARTED;

	/* One caller wins; the others find the target on, even before it
	 * runs (ON_PENDING is for firmware whose CPU_ON completes
	 * asynchronously; here it is decided under the lock). */
	spin_lock(&vm->lock);
	if (atomic_load(&vm->resetting))
		rc = VCPU_CPU_ON_RESETTING;
	else if (atomic_load(&target->power) == VCPU_OFF)
		vcpu_power_on(target, entry, arg0);
	else
		rc = VCPU_CPU_ON_ALREADY_ON;
	spin_unlock(&vm->lock);
	return rc;
}

/* 'parked' is cleared before the ON_PENDING -> ON exchange and set again
 * if that failed, so a reset that reads 'parked' set after turning the
 * vCPU off knows it will not start (all sequentially consistent). */
bool vcpu_claim_power_on(struct vcpu *v)
{
	int expected = VCPU_ON_PENDING;

	if (atomic_load(&v->power) != VCPU_ON_PENDING)
		return false;
	atomic_store(&v->parked, false);
	if (atomic_compare_exchange_strong(&v->power, &expected, VCPU_ON))
		return true;
	atomic_store(&v->parked, true);
	return false;
}

void vcpu_park(struct vcpu *v)
{
	atomic_store(&v->parked, true);
}

void vcpus_turn_off(struct vm *vm, const struct vcpu *except)
{
	for (unsigned int i = 0; i < vm->cfg->num_vcpus; i++) {
		if (&vm->vcpus[i] != except) {
			atomic_store(&vm->vcpus[i].power, VCPU_OFF);
			vcpu_kick(&vm->vcpus[i]);
		}
	}
}

/* How long a vCPU turned off may take to leave its guest: an exit takes
 * microseconds, so only a hypervisor bug keeps one at EL2 for this long. */
#define LEAVE_TIMEOUT_MS 1000U

bool vm_quiesce_for_reset(struct vcpu *caller)
{
	struct vm *vm = caller->vm;
	bool none_under_way = false;

	spin_lock(&vm->lock);  /* no CPU_ON between the check and the stores */
	if (!atomic_compare_exchange_strong(&vm->resetting, &none_under_way, true)) {
		atomic_store(&caller->power, VCPU_OFF);
		spin_unlock(&vm->lock);
		return false;
	}
	vcpus_turn_off(vm, caller);
	spin_unlock(&vm->lock);

	uint64_t deadline = hal_counter_deadline_ms(LEAVE_TIMEOUT_MS);

	for (unsigned int i = 0; i < vm->cfg->num_vcpus; i++) {
		struct vcpu *v = &vm->vcpus[i];

		while (v != caller && !atomic_load(&v->parked)) {
			if (hal_counter_ticks() > deadline) {
				printk("VM %s vCPU%u still in its guest 1 s after the VM's reset began\n",
				       vm->cfg->name, v->index);
				vm_stop(vm, VM_STATE_CRASHED);
				return false;
			}
		}
	}
	return true;
}
