/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * PSCI 1.0 for guests (Arm DEN 0022), per VM: a VM powering off or
 * resetting touches only its own vCPUs. Also the SMCCC version/feature
 * queries (DEN 0028) guests make before using PSCI.
 */

#include <monadic/hal/vcpu.h>
#include <monadic/printk.h>
#include <monadic/psci.h>
#include <monadic/vm/exit.h>
#include <monadic/vm/vm.h>

#include "vm_internal.h"

#define SMCCC_VERSION 0x80000000U
#define SMCCC_ARCH_FEATURES 0x80000001U
#define SMCCC_VERSION_1_1 0x00010001

#define MPIDR_AFF_MASK 0xff00ffffffULL

static void ret(struct vcpu *v, int64_t value)
{
	hal_vcpu_set_reg(v, 0, (uint64_t)value);
}

/* The vCPU with this MPIDR in the caller's VM: Aff0 is the vCPU index. */
static struct vcpu *vcpu_by_mpidr(struct vm *vm, uint64_t mpidr)
{
	mpidr &= MPIDR_AFF_MASK;
	if (mpidr >= vm->cfg->num_vcpus)
		return NULL;
	return &vm->vcpus[mpidr];
}

/* An entry point a vCPU can start at: an instruction in the VM's RAM. */
static bool entry_ok(const struct vm *vm, uint64_t entry)
{
	return entry >= vm->cfg->ram_ipa && entry - vm->cfg->ram_ipa < vm->cfg->ram_size &&
	       (entry & 3) == 0;
}

static int64_t cpu_on(struct vcpu *caller, uint64_t mpidr, uint64_t entry, uint64_t context)
{
	struct vm *vm = caller->vm;
	struct vcpu *target = vcpu_by_mpidr(vm, mpidr);

	if (target == NULL)
		return PSCI_RET_INVALID_PARAMETERS;
	if (!entry_ok(vm, entry))
		return PSCI_RET_INVALID_ADDRESS;
	switch (vcpu_cpu_on(target, entry, context)) {
	case VCPU_CPU_ON_STARTED:
		return PSCI_RET_SUCCESS;
	case VCPU_CPU_ON_ALREADY_ON:
		return PSCI_RET_ALREADY_ON;
	default:
		return PSCI_RET_INTERNAL_FAILURE;
	}
}

static int64_t affinity_info(struct vcpu *caller, uint64_t mpidr, uint64_t level)
{
	struct vcpu *target = vcpu_by_mpidr(caller->vm, mpidr);

	if (target == NULL || level != 0)
		return PSCI_RET_INVALID_PARAMETERS;
	switch (atomic_load(&target->power)) {
	case VCPU_ON:
		return PSCI_AFF_ON;
	case VCPU_ON_PENDING:
		return PSCI_AFF_ON_PENDING;
	default:
		return PSCI_AFF_OFF;
	}
}

/*
 * CPU_SUSPEND's power_state in the original format (PSCI_FEATURES says
 * so: bit 1 clear): StateID [15:0], StateType [16] (1: powerdown),
 * PowerLevel [25:24], the rest reserved (DEN 0022 5.4.2). A VM's vCPUs
 * form one cluster, so levels 0 (core) and 1 (cluster) exist; it defines
 * one state per level and type, StateID 0 (its devicetree lists no idle
 * states, so no guest has reason to ask for others).
 */
#define POWER_STATE_VALID_BITS                                      \
	(PSCI_POWER_STATE_ID_MASK | PSCI_POWER_STATE_POWERDOWN |     \
	 PSCI_POWER_STATE_LEVEL_MASK << PSCI_POWER_STATE_LEVEL_SHIFT)
#define POWER_LEVEL_CLUSTER 1U

static int64_t cpu_suspend(struct vcpu *v, uint32_t power_state, uint64_t entry)
{
	unsigned int level = (unsigned int)(power_state >> PSCI_POWER_STATE_LEVEL_SHIFT &
					    PSCI_POWER_STATE_LEVEL_MASK);

	if ((power_state & ~POWER_STATE_VALID_BITS) != 0 ||
	    (power_state & PSCI_POWER_STATE_ID_MASK) != 0 || level > POWER_LEVEL_CLUSTER)
		return PSCI_RET_INVALID_PARAMETERS;
	if ((power_state & PSCI_POWER_STATE_POWERDOWN) && !entry_ok(v->vm, entry))
		return PSCI_RET_INVALID_ADDRESS;
	/* Every state is entered as a standby, woken by an interrupt: a
	 * powerdown request may be granted a shallower state, and then the
	 * call returns SUCCESS and the vCPU keeps its context. */
	vm_exit_wfi(v);
	return PSCI_RET_SUCCESS;
}

/* SYSTEM_RESET: the VM starts over from its image, the others carry on. */
static void system_reset(struct vcpu *caller)
{
	struct vm *vm = caller->vm;

	if (vm->cfg->stop_on_reset) {
		printk("VM %s asked for a reset (SYSTEM_RESET, e.g. after a kernel panic): "
		       "stopping it (reset-action = stop)\n", vm->cfg->name);
		vm_stop(vm, VM_STATE_CRASHED);
		return;
	}
	if (!vm_quiesce_for_reset(caller))
		return;
	printk("VM %s reset\n", vm->cfg->name);
#ifdef CONFIG_PCI_PASSTHROUGH
	/* No DMA into the RAM being reloaded; the rebooted guest finds its
	 * functions as at boot. */
	vm_pci_quiesce(vm);
#endif
#ifdef CONFIG_VGIC
	vgic_vm_reset(vm);
#endif
	vm_load_images(vm);
	atomic_fetch_add(&vm->stats.resets, 1);
	atomic_store(&caller->power, VCPU_OFF);
	atomic_store(&vm->resetting, false);
	vcpu_power_on(&vm->vcpus[0], vm->cfg->entry_ipa, vm->cfg->dtb_ipa);
}

static bool is_supported(uint32_t fn)
{
	switch (fn & ~PSCI_FN64_BIT) {
	case PSCI_VERSION: case PSCI_CPU_SUSPEND: case PSCI_CPU_OFF: case PSCI_CPU_ON:
	case PSCI_AFFINITY_INFO: case PSCI_MIGRATE_INFO_TYPE: case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET: case PSCI_FEATURES: case SMCCC_VERSION:
		return true;
	default:
		return false;
	}
}

bool psci_call(struct vcpu *v, uint32_t fn)
{
	uint64_t a1 = hal_vcpu_get_reg(v, 1), a2 = hal_vcpu_get_reg(v, 2);
	uint64_t a3 = hal_vcpu_get_reg(v, 3);

	if (!(fn & PSCI_FN64_BIT)) {  /* SMC32 calls: only the low halves count */
		a1 &= 0xffffffffULL;
		a2 &= 0xffffffffULL;
		a3 &= 0xffffffffULL;
	}
	switch (fn & ~PSCI_FN64_BIT) {
	case PSCI_VERSION:
		ret(v, PSCI_VERSION_1_0);
		return true;
	case PSCI_FEATURES:
		ret(v, is_supported((uint32_t)a1) ? PSCI_RET_SUCCESS : PSCI_RET_NOT_SUPPORTED);
		return true;
	case PSCI_CPU_SUSPEND:
		ret(v, cpu_suspend(v, (uint32_t)a1, a2));  /* power_state is 32 bits */
		return true;
	case PSCI_CPU_OFF:
		atomic_store(&v->power, VCPU_OFF);
		return true;
	case PSCI_CPU_ON:
		ret(v, cpu_on(v, a1, a2, a3));
		return true;
	case PSCI_AFFINITY_INFO:
		ret(v, affinity_info(v, a1, a2));
		return true;
	case PSCI_MIGRATE_INFO_TYPE:
		ret(v, PSCI_MIGRATE_NOT_REQUIRED);
		return true;
	case PSCI_SYSTEM_OFF:
		vm_stop(v->vm, VM_STATE_OFF);
		return true;
	case PSCI_SYSTEM_RESET:
		system_reset(v);
		return true;
	case SMCCC_VERSION:
		ret(v, SMCCC_VERSION_1_1);
		return true;
	case SMCCC_ARCH_FEATURES:
		ret(v, (uint32_t)a1 == SMCCC_VERSION ? PSCI_RET_SUCCESS : PSCI_RET_NOT_SUPPORTED);
		return true;
	default:
		return false;
	}
}
