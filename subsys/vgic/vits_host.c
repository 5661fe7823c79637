/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The host side of a virtual ITS: each event a VM maps on one of its real
 * functions is mapped in the real ITS too, to a host LPI of its own routed
 * to the pCPU of the vCPU the guest chose. The device's MSI write (to the
 * guest's GITS_TRANSLATER address, which the SMMU sends to the real one)
 * raises that host LPI there, and vgic_host_lpi turns it into the guest's
 * LPI: one exit on the pCPU that runs the target vCPU, no IPI.
 */

#include <monadic/errno.h>
#include <monadic/its.h>
#include <monadic/printk.h>

#include "vgic_internal.h"
#include "vits_internal.h"

/* Whose LPI each host LPI is. Written under the owning VM's vITS lock,
 * read locklessly on the interrupt path: the VM pointer is published
 * after the INTID and withdrawn before the host LPI is reused. */
struct host_lpi_owner {
	struct vm *vm;
	uint16_t vintid;      /* 0: the GICv4 doorbell of vCPU 'vcpu' */
	uint8_t vcpu;
};

static struct host_lpi_owner owners[CONFIG_GICV3_ITS_NR_LPIS];

static struct host_lpi_owner *owner_of(uint32_t host_lpi)
{
	uint32_t i = host_lpi - GIC_LPI_BASE;

	return host_lpi >= GIC_LPI_BASE && i < CONFIG_GICV3_ITS_NR_LPIS ? &owners[i] : NULL;
}

/* EventID bits of the host's table: the guest's, capped at what a VM may
 * use per device (events beyond are refused before they get here). */
static unsigned int host_event_bits(unsigned int guest_bits)
{
	unsigned int bits = 0;

	while ((1U << bits) < CONFIG_VITS_EVENTS_PER_DEVICE)
		bits++;
	return guest_bits < bits ? guest_bits : bits;
}

int vits_host_map_device(struct vm *vm, struct vits_device *dev, unsigned int event_bits,
			 struct vits_error *err)
{
	int rc = its_map_device(dev->devid, host_event_bits(event_bits));

	(void)vm;
	if (rc != 0)
		return vits_refuse(err, "the host ITS can't map DeviceID 0x%x (error %d)",
				   dev->devid, rc);
	return 0;
}

void vits_host_unmap_device(struct vits_device *dev)
{
	(void)its_unmap_device(dev->devid);
}

int vits_host_map_event(struct vm *vm, struct vits_device *dev, uint32_t eventid,
			uint32_t vintid, unsigned int vcpu, struct vits_error *err)
{
	struct host_lpi_owner *owner;
	uint32_t lpi;
	int rc;

#ifdef CONFIG_VITS_GICV4
	if (vm->vgic.its.v4)
		return vits_v4_map_event(vm, dev, eventid, vintid, vcpu, err);
#endif
	rc = its_lpi_alloc(&lpi);
	if (rc != 0)
		return vits_refuse(err, "the host has no LPI left for DeviceID 0x%x EventID %u",
				   dev->devid, eventid);
	owner = owner_of(lpi);
	if (owner == NULL) {
		its_lpi_free(lpi);
		return vits_refuse(err, "host LPI %u outside the owner table", lpi);
	}
	owner->vintid = (uint16_t)vintid;
	__atomic_store_n(&owner->vm, vm, __ATOMIC_RELEASE);
	rc = its_map_event(dev->devid, eventid, lpi, vm->vcpus[vcpu].pcpu);
	if (rc != 0) {
		__atomic_store_n(&owner->vm, NULL, __ATOMIC_RELEASE);
		its_lpi_free(lpi);
		return vits_refuse(err, "the host ITS can't map DeviceID 0x%x EventID %u (error %d)",
				   dev->devid, eventid, rc);
	}
	dev->events[eventid].host_lpi = lpi;
	return 0;
}

void vits_host_unmap_event(struct vits_device *dev, uint32_t eventid)
{
	struct vits_event *ev = &dev->events[eventid];
	struct host_lpi_owner *owner = owner_of(ev->host_lpi);

#ifdef CONFIG_VITS_GICV4
	if (ev->vlpi) {
		vits_v4_event_command(dev, eventid, ITS_CMD_DISCARD);
		ev->vlpi = false;
		return;
	}
#endif
	if (owner == NULL)
		return;
	(void)its_unmap_event(dev->devid, eventid);
	__atomic_store_n(&owner->vm, NULL, __ATOMIC_RELEASE);
	its_lpi_free(ev->host_lpi);
	ev->host_lpi = 0;
}

void vits_host_move_event(const struct vm *vm, struct vits_device *dev, uint32_t eventid,
			  unsigned int vcpu)
{
#ifdef CONFIG_VITS_GICV4
	if (dev->events[eventid].vlpi)
		vits_v4_move_event(vm, dev, eventid, vcpu);
#endif
	if (dev->events[eventid].host_lpi != 0)
		(void)its_move_event(dev->devid, eventid, vm->vcpus[vcpu].pcpu);
}

void vits_host_own_doorbell(uint32_t lpi, struct vm *vm, unsigned int vcpu)
{
	struct host_lpi_owner *owner = owner_of(lpi);

	if (owner == NULL)
		return;
	owner->vintid = 0;
	owner->vcpu = (uint8_t)vcpu;
	__atomic_store_n(&owner->vm, vm, __ATOMIC_RELEASE);
}

bool vgic_host_lpi(uint32_t intid, struct vm **delivered_to)
{
	struct host_lpi_owner *owner = owner_of(intid);
	struct vm *vm = owner != NULL ? __atomic_load_n(&owner->vm, __ATOMIC_ACQUIRE) : NULL;

	*delivered_to = NULL;
	if (vm == NULL)
		return false;
	if (owner->vintid == 0) {   /* a doorbell: the parked vCPU's wait is over */
		__atomic_store_n(&vm->vcpus[owner->vcpu].vgic.doorbell, true, __ATOMIC_RELAXED);
	} else {
		vgic_inject(vm, NULL, owner->vintid, 0);
		*delivered_to = vm;
	}
	return true;
}
