/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Just enough of an NVMe host (NVM Express Base Specification 2.0, 3.1
 * "Controller Properties", 4.2 / 4.6 queue entries, 5.17 Identify) to make
 * the controller DMA: admin queues, one Identify Controller command.
 */
#ifndef NVME_ADMIN_H
#define NVME_ADMIN_H

#include <stdbool.h>
#include <stdint.h>

/* DMA addresses as the device sees them (IPAs once translated). */
struct nvme_dma {
	uint64_t sq;    /* admin submission queue, 4 KiB aligned */
	uint64_t cq;    /* admin completion queue, 4 KiB aligned */
	uint64_t data;  /* Identify data, 4 KiB */
};

/* Disables the controller (CC.EN = 0) and waits for CSTS.RDY = 0. */
bool nvme_disable(uintptr_t bar0);
/*
 * Programs the admin queues at 'dma', enables the controller and submits
 * Identify Controller; sq_cpu is where the CPU writes the submission
 * queue entry. Returns false if the controller does not become ready.
 */
bool nvme_submit_identify(uintptr_t bar0, const struct nvme_dma *dma, void *sq_cpu);
/* CSTS.CFS: the controller hit a fatal error (e.g. its DMA was refused). */
bool nvme_fatal(uintptr_t bar0);
/* Polls the completion at cq_cpu (phase bit); true once it is posted. */
bool nvme_wait_completion(uintptr_t bar0, const volatile void *cq_cpu, uint16_t *status);

#endif
