/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The physical ITS and the host's LPIs (drivers/irqchip, CONFIG_GICV3_ITS):
 * how the VM core turns a passed-through device's MSIs into interrupts
 * the hypervisor takes. The VM core shadows what a guest asks of its
 * virtual ITS (subsys/vgic) with these calls: the device writes its MSI to
 * the real GITS_TRANSLATER (the SMMU maps it at the guest's doorbell
 * address), the real ITS turns (DeviceID, EventID) into a host LPI routed
 * to the pCPU of the vCPU the guest chose, and the VM core injects the
 * guest's LPI there.
 *
 * Every call may come from any pCPU; the command queue is locked inside.
 * Host LPIs need only a priority drop (irq_eoi): they have no active state.
 * Every argument is checked before anything is sent to the ITS; a refused
 * call returns a negative MHV_E* code and says why on the console:
 * -MHV_ENOENT no ITS in use, or the DeviceID / event is not mapped;
 * -MHV_EINVAL out of range (DeviceID, EventID, LPI, CPU); -MHV_EEXIST
 * mapped already; -MHV_EIO the ITS stalled or did not finish (reported
 * with the command). Design notes: docs/its.md, "The host side".
 */
#ifndef MONADIC_ITS_H
#define MONADIC_ITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An ITS was found in the devicetree and initialised, and every online
 * CPU's redistributor has LPIs enabled. */
bool its_available(void);

/* Physical address of GITS_TRANSLATER, what devices write MSIs to. */
uint64_t its_doorbell_pa(void);

/* A free host LPI INTID (>= GIC_LPI_BASE), disabled. -MHV_ENOMEM when
 * none is left. */
int its_lpi_alloc(uint32_t *intid);
/* Only once no event is mapped to it (its_unmap_event). */
void its_lpi_free(uint32_t intid);

/* MAPD with V=1: an interrupt translation table for 2^event_bits events
 * of DeviceID devid (from a static pool). -MHV_EINVAL beyond the ITS's
 * DeviceID or EventID bits, -MHV_ENOMEM when the pool is empty. */
int its_map_device(uint32_t devid, unsigned int event_bits);
/* MAPD with V=0 (its events' LPIs are disabled and unmapped with it);
 * the table returns to the pool. */
int its_unmap_device(uint32_t devid);

/* MAPTI of (devid, eventid) to 'lpi' (from its_lpi_alloc, not mapped yet)
 * on pCPU 'pcpu''s collection, the LPI enabled (configuration table, INV)
 * and the commands synchronised. */
int its_map_event(uint32_t devid, uint32_t eventid, uint32_t lpi, unsigned int pcpu);
/* DISCARD (a pending state is dropped) and the LPI disabled. */
int its_unmap_event(uint32_t devid, uint32_t eventid);
/* MOVI to another pCPU's collection; a pending LPI moves with it. */
int its_move_event(uint32_t devid, uint32_t eventid, unsigned int pcpu);

#ifdef CONFIG_GICV4
/*
 * GICv4.0 direct injection (drivers/irqchip/gicv4_vpe.c): the vPE of a
 * vCPU is its pCPU ('pcpu' below is the vPEID). vINTIDs run from 8192 to
 * 2^ITS_VINTID_BITS - 1; 'vprop' is the VM's configuration table for
 * them, one byte each from 8192, 4 KiB aligned, written by the caller
 * (its_vprop_publish after a change, then an INV or VINVALL).
 */
#define ITS_VINTID_BITS 14U
#define ITS_VPROP_SIZE ((1U << ITS_VINTID_BITS) - 8192U)

/* The ITS and every redistributor do GICv4.0. */
bool its_vlpi_available(void);
/* VMAPP of the pCPU's vPE (once), and resident there with 'vprop'. */
int its_vpe_start(unsigned int pcpu, const uint8_t *vprop);
/* The vPE leaves its redistributor (its vCPU waits at EL2): whether a
 * vLPI was pending; from now on its events ring their doorbells. */
bool its_vpe_park(unsigned int pcpu);
/* Resident again. */
void its_vpe_resume(unsigned int pcpu);
/* VMAPTI of (devid, eventid) to vINTID on the vPE, ringing 'doorbell' (a
 * host LPI from its_doorbell_alloc) while the vPE is not resident. */
int its_vmap_event(uint32_t devid, uint32_t eventid, unsigned int pcpu, uint32_t vintid,
		   uint32_t doorbell);
/* VMOVI to another vPE and its doorbell. */
int its_vmove_event(uint32_t devid, uint32_t eventid, unsigned int pcpu, uint32_t doorbell);
/* INT, CLEAR, INV or DISCARD (which unmaps it) of a virtual event. */
int its_vevent_command(uint8_t opcode, uint32_t devid, uint32_t eventid);
/* VINVALL: the vPE re-reads the configuration of all its vLPIs. */
int its_vinvall(unsigned int pcpu);
void its_vprop_publish(const void *vprop, size_t size);
/* A host LPI, enabled (and the pCPU's redistributor told), for the
 * doorbell of the pCPU's vPE. */
int its_doorbell_alloc(uint32_t *lpi, unsigned int pcpu);
#endif

#endif /* MONADIC_ITS_H */
