/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * A read-only page of the VM's own exit counters (devicetree node
 * "monadic,vm-stats"), so a guest's user space can measure how often a
 * workload made its VM exit to EL2: Linux reads it through /dev/mem
 * (busybox devmem), bare-metal guests with a load. Each read is itself
 * one emulated-MMIO exit, which the reader subtracts. Layout
 * (docs/hypercalls.md): 64-bit little-endian counters.
 *
 *   0x000  u32 magic "MHVS"
 *   0x008  all exits (every class + interrupts)
 *   0x010  interrupt exits
 *   0x018  emulated MMIO accesses
 *   0x020  device interrupts taken on the VM's pCPUs (passed-through INTx,
 *          MSIs as host LPIs, GICv4 doorbells; not vLPIs, which never exit)
 *   0x028  restarts by the VM's own SYSTEM_RESET
 *   0x100  + 8 * EC: exits of ESR exception class EC (0..63)
 */

#include <monadic/vm/vm.h>

#include "vm_internal.h"

#define STATS_PAGE_SIZE 0x1000u
#define STATS_MAGIC 0x5356484dull   /* "MHVS" read as a little-endian u32 */
#define STATS_TOTAL 0x008u
#define STATS_IRQ 0x010u
#define STATS_MMIO 0x018u
#define STATS_DEVICE_IRQS 0x020u
#define STATS_RESETS 0x028u
#define STATS_BY_CLASS 0x100u

static uint64_t counter(const struct vm *vm, uint64_t off)
{
	switch (off) {
	case 0:
		return STATS_MAGIC;
	case STATS_TOTAL:
		return vm_exit_total(vm);
	case STATS_IRQ:
		return atomic_load(&vm->stats.irq_exits);
	case STATS_MMIO:
		return atomic_load(&vm->stats.mmio);
	case STATS_DEVICE_IRQS:
		return atomic_load(&vm->stats.device_irqs);
	case STATS_RESETS:
		return atomic_load(&vm->stats.resets);
	default:
		if (off >= STATS_BY_CLASS && off < STATS_BY_CLASS + 8u * VM_EXIT_CLASSES)
			return atomic_load(&vm->stats.exits[(off - STATS_BY_CLASS) / 8u]);
		return 0;
	}
}

static int stats_access(struct vcpu *vcpu, struct mmio_access *a, void *priv)
{
	(void)priv;
	if (a->write || (a->offset & (a->size - 1u)) != 0)
		return -1;   /* read-only, naturally aligned: anything else faults the guest */
	a->value = counter(vcpu->vm, a->offset & ~7ull) >> (8u * (a->offset & 7u));
	return 0;
}

int vm_stats_page_init(struct vm *vm)
{
	const struct mmio_region page = { .base = vm->cfg->stats_ipa, .size = STATS_PAGE_SIZE,
					  .handler = stats_access, .name = "vm-stats" };

	return vm_register_mmio(vm, &page);
}
