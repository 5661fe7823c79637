/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* NVMe admin queue programming (NVM Express Base Specification 2.0). */

#include <monadic/string.h>

#include "nvme_admin.h"

#define NVME_CAP 0x00
#define NVME_CAP_DSTRD_SHIFT 32
#define NVME_CAP_DSTRD_MASK 0xfull
#define NVME_CC 0x14
#define NVME_CC_EN (1u << 0)
#define NVME_CC_IOSQES_SHIFT 16   /* 2^6 = 64-byte submission entries */
#define NVME_CC_IOCQES_SHIFT 20   /* 2^4 = 16-byte completion entries */
#define NVME_SQES_LOG2 6u
#define NVME_CQES_LOG2 4u
#define NVME_CSTS 0x1c
#define NVME_CSTS_RDY (1u << 0)
#define NVME_CSTS_CFS (1u << 1)
#define NVME_AQA 0x24
#define NVME_AQA_ACQS_SHIFT 16
#define NVME_ASQ 0x28
#define NVME_ACQ 0x30
#define NVME_DOORBELL 0x1000       /* SQ0 tail; others at (4 << CAP.DSTRD) strides */
#define NVME_ADMIN_ENTRIES 2u      /* the smallest legal admin queue */

#define NVME_SQE_DWORDS 16
#define NVME_SQE_PRP1 6            /* dwords 6-7 */
#define NVME_SQE_CDW10 10
#define NVME_OPC_IDENTIFY 0x06u
#define NVME_CID_SHIFT 16
#define NVME_CID 0x4d48u           /* 'MH' */
#define NVME_CNS_CONTROLLER 0x01u
#define NVME_CQE_DW3 3
#define NVME_CQE_PHASE (1u << 16)
#define NVME_CQE_STATUS_SHIFT 17

/* Identify Controller data (NVMe Base 2.0, Figure 275): PCI vendor ID at
 * byte 0 (little endian), serial number at bytes 4..23. */
#define NVME_ID_VID 0
#define NVME_ID_SN 4
#define NVME_ID_SN_LEN 20

/* Controller state changes within CAP.TO (up to 127.5 s); QEMU takes
 * microseconds, so 2 s of counter time is plenty. */
#define NVME_TIMEOUT_MS 2000u

static volatile uint32_t *reg32(uintptr_t bar0, uint32_t off)
{
	return (volatile uint32_t *)(bar0 + off);
}

static void write64(uintptr_t bar0, uint32_t off, uint64_t v)
{
	*reg32(bar0, off) = (uint32_t)v;
	*reg32(bar0, off + 4) = (uint32_t)(v >> 32);
}

static uint64_t deadline(void)
{
	return nvme_clock_ticks() + nvme_clock_freq() / 1000 * NVME_TIMEOUT_MS;
}

static bool wait_rdy(uintptr_t bar0, uint32_t want)
{
	uint64_t end = deadline();

	while ((*reg32(bar0, NVME_CSTS) & NVME_CSTS_RDY) != want)
		if (nvme_clock_ticks() > end)
			return false;
	return true;
}

bool nvme_disable(uintptr_t bar0)
{
	*reg32(bar0, NVME_CC) = 0;
	return wait_rdy(bar0, 0);
}

bool nvme_fatal(uintptr_t bar0)
{
	return (*reg32(bar0, NVME_CSTS) & NVME_CSTS_CFS) != 0;
}

bool nvme_submit_identify(uintptr_t bar0, const struct nvme_dma *dma, void *sq_cpu)
{
	uint32_t *sqe = sq_cpu;
	uint64_t cap = *reg32(bar0, NVME_CAP) | (uint64_t)*reg32(bar0, NVME_CAP + 4) << 32;
	uint32_t dstrd = (uint32_t)((cap >> NVME_CAP_DSTRD_SHIFT) & NVME_CAP_DSTRD_MASK);

	memset(sqe, 0, NVME_SQE_DWORDS * sizeof(uint32_t));
	sqe[0] = NVME_OPC_IDENTIFY | NVME_CID << NVME_CID_SHIFT;
	sqe[NVME_SQE_PRP1] = (uint32_t)dma->data;
	sqe[NVME_SQE_PRP1 + 1] = (uint32_t)(dma->data >> 32);
	sqe[NVME_SQE_CDW10] = NVME_CNS_CONTROLLER;

	*reg32(bar0, NVME_AQA) = (NVME_ADMIN_ENTRIES - 1) << NVME_AQA_ACQS_SHIFT |
				 (NVME_ADMIN_ENTRIES - 1);
	write64(bar0, NVME_ASQ, dma->sq);
	write64(bar0, NVME_ACQ, dma->cq);
	*reg32(bar0, NVME_CC) = NVME_SQES_LOG2 << NVME_CC_IOSQES_SHIFT |
				NVME_CQES_LOG2 << NVME_CC_IOCQES_SHIFT | NVME_CC_EN;
	if (!wait_rdy(bar0, NVME_CSTS_RDY))
		return false;
	/* The entry must reach memory before the doorbell reaches the device. */
	__asm__ volatile("dsb st" ::: "memory");
	*reg32(bar0, NVME_DOORBELL + 0 * (4u << dstrd)) = 1;   /* SQ0 tail = 1 */
	return true;
}

bool nvme_wait_completion(uintptr_t bar0, const volatile void *cq_cpu, uint16_t *status)
{
	const volatile uint32_t *cqe = cq_cpu;
	uint64_t end = deadline();

	/* The first pass through a queue posts entries with phase 1. */
	while (!(cqe[NVME_CQE_DW3] & NVME_CQE_PHASE)) {
		if (nvme_clock_ticks() > end || nvme_fatal(bar0))
			return false;
	}
	*status = (uint16_t)(cqe[NVME_CQE_DW3] >> NVME_CQE_STATUS_SHIFT);
	return true;
}

bool nvme_identify_matches(const volatile void *data, uint16_t vendor, const char *serial)
{
	const volatile uint8_t *id = data;
	unsigned int i;

	if ((id[NVME_ID_VID] | id[NVME_ID_VID + 1] << 8) != vendor)
		return false;
	for (i = 0; i < NVME_ID_SN_LEN && serial[i]; i++)
		if (id[NVME_ID_SN + i] != (uint8_t)serial[i])
			return false;
	return i == NVME_ID_SN_LEN || id[NVME_ID_SN + i] == ' ';
}
