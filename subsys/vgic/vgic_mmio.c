/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * What the distributor and redistributor frames have in common: the
 * access shapes the GIC accepts (IHI 0069 12.1 "GIC memory-mapped
 * register access": 32-bit registers by word, IPRIORITYR also by byte,
 * 64-bit registers by doubleword or word halves, always naturally
 * aligned) and the identification registers.
 */

#include <monadic/regs/gicv3.h>

#include "vgic_internal.h"

/* GICD_IIDR / GICR_IIDR: Implementer 0x43b (JEP106 code of Arm, as KVM
 * reports it), ProductID 'M' for Monadic, revision and variant 0. */
#define VGIC_IIDR_IMPLEMENTER 0x43bU
#define VGIC_IIDR_PRODUCT 'M'

bool vgic_access_ok(const struct mmio_access *access, bool byte_ok, bool dword_ok)
{
	bool size_ok = access->size == sizeof(uint32_t) ||
		       (access->size == 1 && byte_ok) ||
		       (access->size == sizeof(uint64_t) && dword_ok);

	return size_ok && access->offset % access->size == 0;
}

uint32_t vgic_iidr(void)
{
	return (uint32_t)VGIC_IIDR_PRODUCT << GIC_IIDR_PRODUCT_SHIFT | VGIC_IIDR_IMPLEMENTER;
}

uint32_t vgic_pidr2(void)
{
	return GIC_PIDR2_ARCHREV_GICV3 << GIC_PIDR2_ARCHREV_SHIFT;
}

void vgic_reg64(uint64_t *reg, uint64_t writable, struct mmio_access *a)
{
	unsigned int shift = (a->offset % sizeof(uint64_t)) ? 32 : 0;
	uint64_t mask = a->size == sizeof(uint64_t) ? ~0ULL : 0xffffffffULL << shift;

	if (!a->write) {
		a->value = (*reg & mask) >> shift;
		return;
	}
	*reg = (*reg & ~(mask & writable)) | ((a->value << shift) & mask & writable);
}
