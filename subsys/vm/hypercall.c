/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* Monadic's own hypercalls (monadic/hypercall.h, docs/hypercalls.md). */

#include <monadic/hal/vcpu.h>
#include <monadic/hypercall.h>
#include <monadic/vm/vm.h>

#include "vm_internal.h"

#define SMCCC_FAST_64 0x40000000U

#define SMCCC_RET_INVALID_PARAMETER (-2)

static int64_t doorbell(struct vcpu *v, uint64_t index)
{
	const struct vm_config *cfg = v->vm->cfg;

	if (index >= cfg->num_channels || !cfg->channels[index].producer ||
	    !cfg->channels[index].doorbell_hypercall)
		return SMCCC_RET_INVALID_PARAMETER;
#ifdef CONFIG_VGIC
	const struct vm_channel *ch = &cfg->channels[index];

	vgic_inject(&vms[ch->peer], NULL, ch->doorbell_irq, 0);
#endif
	return SMCCC_RET_SUCCESS;
}

/* The calls that call out, out of line: the version query, the cheapest
 * call a guest makes, then needs no stack frame. */
static __attribute__((noinline)) bool service(struct vcpu *v, uint32_t nr)
{
	switch (nr) {
	case MHV_HC_TRAP_STATS:
		vm_print_stats(v->vm);
		hal_vcpu_set_reg(v, 0, SMCCC_RET_SUCCESS);
		return true;
	case MHV_HC_EXIT_COUNT:
		hal_vcpu_set_reg(v, 0, vm_exit_total(v->vm));
		return true;
	case MHV_HC_DOORBELL:
		hal_vcpu_set_reg(v, 0, (uint64_t)doorbell(v, hal_vcpu_get_reg(v, 1)));
		return true;
	default:
		return false;  /* NOT_SUPPORTED */
	}
}

bool hypercall(struct vcpu *v, uint32_t fn)
{
	if ((fn & ~SMCCC_FAST_64 & ~MHV_HC_NUMBER_MASK) != MHV_HC_BASE_32)
		return false;
	if ((fn & MHV_HC_NUMBER_MASK) == MHV_HC_VERSION) {
		hal_vcpu_set_reg(v, 0, MHV_VERSION_WORD);
		return true;
	}
	return service(v, fn & MHV_HC_NUMBER_MASK);
}
