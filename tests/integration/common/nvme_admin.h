/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Just enough of an NVMe host (NVM Express Base Specification 2.0, 3.1
 * "Controller Properties", 4.2 / 4.6 queue entries, 5.17 Identify) to make
 * the controller DMA: admin queues, one Identify Controller command.
 *
 * Shared by the hypervisor's own PCIe test (tests/integration/pcie) and the
 * passthrough test guest (tests/integration/guests/nvme_guest.c): plain C
 * with 32-bit register accesses only, so it also runs with the MMU off.
 */
#ifndef NVME_ADMIN_H
#define NVME_ADMIN_H

#include <stdbool.h>
#include <stdint.h>

/* QEMU's NVMe function: PCI vendor ID (Red Hat) and the serial number the
 * boards give it (boards/common/qemu-virt.cmake). */
#define NVME_QEMU_VENDOR 0x1b36u
#define NVME_QEMU_SERIAL "monadic0"

/*
 * The caller's clock, for the timeouts: a free-running counter and its
 * frequency in Hz. Each image that links this file defines both (the
 * hypervisor from its HAL, a guest from its virtual counter), so the code
 * depends on neither.
 */
uint64_t nvme_clock_ticks(void);
uint64_t nvme_clock_freq(void);

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
/* True if the Identify Controller data names this PCI vendor and serial
 * number (ASCII, space padded in the data). */
bool nvme_identify_matches(const volatile void *data, uint16_t vendor, const char *serial);

#endif
