/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* State shared by the SMMUv3 driver's files. */
#ifndef DRIVERS_IOMMU_SMMUV3_H
#define DRIVERS_IOMMU_SMMUV3_H

#include <monadic/spinlock.h>
#include <stdbool.h>
#include <stdint.h>

struct smmu_queue {
	void *base;
	unsigned int log2size;  /* entries = 2^log2size */
	unsigned int entry_size;
	uint32_t prod_off, cons_off;  /* register offsets */
	uint32_t shadow;        /* our index (PROD for the cmdq, CONS for the evtq) */
};

struct smmu {
	uintptr_t base;
	uint32_t idr0, idr1, idr5;
	unsigned int sid_bits;  /* StreamIDs the stream table covers */
	unsigned int oas;       /* IDR5.OAS encoding */
	bool ready;
	struct smmu_queue cmdq, evtq;
	struct spinlock lock;   /* command queue, stream table, slots */
};

extern struct smmu smmu_dev;

uint32_t smmu_read32(uint32_t off);
void smmu_write32(uint32_t off, uint32_t val);
void smmu_write64(uint32_t off, uint64_t val);

/* Stores earlier memory writes before a later register write (DSB ST):
 * the SMMU must see a queue entry or table before the doorbell. */
void smmu_wmb(void);
/* Orders a register read before later memory reads (DSB LD): an event
 * record is read only after PROD said it is there. */
void smmu_rmb(void);

/* Queues commands (caller holds the lock); smmu_cmdq_sync adds CMD_SYNC
 * and waits until the SMMU consumed everything: 0, or -MHV_EIO on a
 * command error or timeout (the error is reported). */
int smmu_cmdq_issue(const uint64_t *cmd);
int smmu_cmdq_sync(void);

#endif /* DRIVERS_IOMMU_SMMUV3_H */
