/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * its_guest: a VM on two vCPUs given the NVMe function and a virtual ITS
 * (docs/its.md). What its parts share: the ITS and LPI tables, the test's
 * DeviceID, events and LPIs, and which vCPU took which LPI.
 */
#ifndef ITS_GUEST_H
#define ITS_GUEST_H

#include <monadic/guest/sdk.h>

#include "guest_pcie.h"

/* The NVMe function, 00:01.0 in the VM, and its DeviceID (msi-map). */
#define NVME_DEV 1u
#define NVME_RID 0x8u
#define NVME_DEVID 0x8u

/* MAPD Size: EventIDs 0..15 for the device. */
#define TEST_EVENT_BITS 4u
/* event n -> LPI TEST_LPI(n), all in the VM's first LPIs. */
enum { EV_MSIX, EV_PENDING, EV_DISCARD, EV_URGENT, NR_TEST_EVENTS };
#define TEST_LPI(ev) (GIC_LPI_BASE + (ev))

#define PRIO_NORMAL 0xa0u
#define PRIO_URGENT 0x80u

#define NR_TEST_CPUS 2u

/* How long an LPI may take to arrive, and how long its absence is
 * watched for. */
#define LPI_TIMEOUT_US 1000000u
#define LPI_ABSENT_US 20000u

extern struct guest_its its;
extern uint8_t lpi_prop[];
/* Each vCPU's redistributor as MAPC and SYNC name it (GITS_TYPER.PTA 0:
 * GICR_TYPER.Processor_Number). */
extern uint64_t rdbase[NR_TEST_CPUS];
extern struct guest_pcie host;

/* How many times vCPU `cpu` took LPI `intid`; the running priority
 * (ICC_RPR_EL1) at the last. */
uint32_t lpi_count(unsigned int cpu, unsigned int intid);
uint8_t lpi_last_prio(unsigned int cpu, unsigned int intid);
/* True once vCPU `cpu` has taken `intid` more than `before` times
 * within LPI_TIMEOUT_US. */
bool lpi_arrives(unsigned int cpu, unsigned int intid, uint32_t before);
/* Both vCPUs' count of `intid`. */
uint32_t lpi_total(unsigned int intid);
/* True if, LPI_ABSENT_US from now, `intid` was still taken only `before`
 * times (a lpi_total() from before the commands that must not send it). */
bool lpi_absent(unsigned int intid, uint32_t before);

/* Sends one command and a SYNC; true if both ran. */
bool its_run(const struct guest_its_cmd *cmd);
/* The LPI's configuration byte, then INV of its event (5.3.14). */
bool lpi_set(unsigned int ev, uint8_t prio, bool enable);
/* INT of event `ev` (5.3.11). */
bool lpi_fire(unsigned int ev);

/* its_lpi_cmds.c: INT, MOVI, CLEAR, INV and the priorities. */
void check_lpi_commands(void);
/* its_bad_cmds.c: commands that stall the queue, and the recovery. */
void check_bad_commands(void);
/* its_msix.c: the NVMe's MSI-X vector 0 as event 0. */
bool msix_setup(void);
void check_msix(unsigned int cpu, const char *name);

#endif
