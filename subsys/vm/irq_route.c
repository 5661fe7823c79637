/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Physical SPIs of passed-through devices: routed at VM creation to the
 * pCPU of the owner's vCPU 0 (where Linux and RTOSes route SPIs by
 * default), and forwarded as HW-linked virtual interrupts when they fire.
 * Their MSIs arrive as host LPIs, which the virtual ITS maps
 * (subsys/vgic/vits_host.c).
 */

#include <monadic/irq.h>
#include <monadic/printk.h>
#include <monadic/regs/gicv3_its.h>
#include <monadic/vm/vm.h>

#include "vm_internal.h"

#ifdef CONFIG_GICV3
static void route(const struct vm *vm, uint32_t intid)
{
	irq_route_spi(intid, vm->vcpus[0].pcpu);
	irq_enable(intid);
}

void vm_route_device_irqs(struct vm *vm)
{
	for (unsigned int i = 0; i < vm->cfg->num_devices; i++) {
		const struct vm_device *d = &vm->cfg->devices[i];

		for (unsigned int j = 0; j < d->num_irqs; j++)
			route(vm, d->irqs[j]);
	}
	for (unsigned int i = 0; i < vm->cfg->num_pci_functions; i++) {
		if (vm->pci_intx[i] != 0)
			route(vm, vm->pci_intx[i]);
	}
}
#endif

static bool raises(const struct vm *vm, uint32_t intid)
{
	for (unsigned int j = 0; j < vm->cfg->num_devices; j++) {
		const struct vm_device *d = &vm->cfg->devices[j];

		for (unsigned int k = 0; k < d->num_irqs; k++) {
			if (d->irqs[k] == intid)
				return true;
		}
	}
	for (unsigned int j = 0; j < vm->cfg->num_pci_functions; j++) {
		if (vm->pci_intx[j] == intid)
			return true;
	}
	return false;
}

struct vm *vm_irq_owner(uint32_t intid)
{
	for (unsigned int i = 0; i < vm_count; i++) {
		if (vms[i].cfg != NULL && raises(&vms[i], intid))
			return &vms[i];
	}
	return NULL;
}

#ifdef CONFIG_GICV3
void vm_irq_passthrough(uint32_t intid)
{
	struct vm *owner;

#ifdef CONFIG_VITS
	/* A host LPI: a VM's MSI, or a GICv4 doorbell (no active state to
	 * undo). */
	if (intid >= GIC_LPI_BASE) {
		if (!vgic_host_lpi(intid, &owner))
			LOG_WRN("host LPI %u is mapped for no VM: dropped", intid);
		else if (owner != NULL)
			atomic_fetch_add_explicit(&owner->stats.device_irqs, 1, memory_order_relaxed);
		return;
	}
#endif
	owner = vm_irq_owner(intid);

#ifdef CONFIG_VGIC
	if (owner != NULL && atomic_load(&owner->state) == VM_STATE_RUNNING) {
		atomic_fetch_add_explicit(&owner->stats.device_irqs, 1, memory_order_relaxed);
		vgic_inject(owner, NULL, intid, intid);
		return;
	}
#endif
	/* Nobody takes it: deactivate, and keep it off so it can't storm. */
	irq_deactivate(intid);
	irq_disable(intid);
	LOG_WRN("physical interrupt %u has no running owner: disabled", intid);
	(void)owner;
}
#endif
