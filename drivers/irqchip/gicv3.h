/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* What the GICv3 driver's files share: the frames and the RWP waits. */
#ifndef DRIVERS_IRQCHIP_GICV3_H
#define DRIVERS_IRQCHIP_GICV3_H

#include <monadic/devicetree.h>
#include <monadic/irqchip.h>
#include <stdint.h>

#define GIC_NODE DT_NODELABEL(gic)
#define GICD_BASE ((uintptr_t)DT_REG_ADDR_BY_IDX(GIC_NODE, 0))
#define GICR_REGION_BASE ((uintptr_t)DT_REG_ADDR_BY_IDX(GIC_NODE, 1))
#define GICR_REGION_SIZE ((uintptr_t)DT_REG_SIZE_BY_IDX(GIC_NODE, 1))

/* Priority the hypervisor gives every interrupt: the middle of the range,
 * below the PMR of 0xff so all are signalled. */
#define GIC_DEFAULT_PRIORITY 0xa0U

static inline volatile uint32_t *gic_reg32(uintptr_t base, uintptr_t off)
{
	return (volatile uint32_t *)(base + off);
}

static inline volatile uint64_t *gic_reg64(uintptr_t base, uintptr_t off)
{
	return (volatile uint64_t *)(base + off);
}

/* CPU 'cpu''s RD_base frame (0 until its gic_cpu_init). */
uintptr_t gic_rd_frame(unsigned int cpu);
/* The calling CPU's SGI_base frame (set by gic_cpu_init). */
uintptr_t gic_sgi_frame(void);

/* Wait until the GIC clears 'bits' of a register; report it by name if
 * that takes more than 100 ms (the GIC is then broken or asleep). */
void gic_wait_clear(const volatile uint32_t *reg, uint32_t bits, const char *what);

/* Wait until writes to GICD_CTLR / GICD_ICENABLER<n> (or this CPU's
 * GICR_CTLR / GICR_ICENABLER0) have taken effect (RWP reads 0). */
void gicd_wait_rwp(void);
void gicr_wait_rwp(void);

#endif
