/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The virtual ITS on a GICv4 (CONFIG_VITS_GICV4, docs/its.md "GICv4"): the
 * events of the VM's functions are mapped to vLPIs of the vPE of the
 * vCPU the guest chose (VMAPTI), so the GIC delivers a device's MSI
 * straight into that vCPU, with no exit. The guest's commands are
 * shadowed as for GICv3 (vits_host.c), its INT and CLEAR become the real
 * ITS's, and the configuration of its LPIs is copied, at INV/INVALL and
 * when a redistributor's EnableLPIs changes, into the table the vPEs read
 * (GICR_VPROPBASER). A vCPU waiting at EL2 parks its vPE; a vLPI then
 * rings the vCPU's doorbell, a host LPI that ends the wait.
 */

#include <monadic/errno.h>
#include <monadic/its.h>
#include <monadic/printk.h>

#include "vgic_internal.h"
#include "vits_internal.h"

_Static_assert(GIC_LPI_BASE + VGIC_NR_LPIS <= 1U << ITS_VINTID_BITS,
	       "the VM's LPIs must be vINTIDs the vPEs' tables cover");

/* Per VM (by VMID - 1), kept across the VM's resets: its vPEs stay mapped. */
struct v4_vm {
	bool started;
	uint32_t doorbell[VM_MAX_VCPUS];
};

static struct v4_vm v4_vms[CONFIG_MAX_VMS];
static _Alignas(4096) uint8_t vprops[CONFIG_MAX_VMS][ITS_VPROP_SIZE];

static struct v4_vm *v4_of(const struct vm *vm)
{
	return &v4_vms[vm->cfg->vmid - 1];
}

static uint8_t *vprop_of(const struct vm *vm)
{
	return vprops[vm->cfg->vmid - 1];
}

bool vits_v4_start(struct vm *vm)
{
	struct v4_vm *v4 = v4_of(vm);
	uint8_t *vprop = vprop_of(vm);

	if (!its_vlpi_available())
		return false;
	/* Every vLPI disabled until the guest's table says otherwise. */
	for (unsigned int i = 0; i < ITS_VPROP_SIZE; i++)
		vprop[i] = LPI_PROP_RES1;
	its_vprop_publish(vprop, ITS_VPROP_SIZE);
	if (v4->started)
		return true;
	for (unsigned int i = 0; i < vm->cfg->num_vcpus; i++) {
		unsigned int pcpu = vm->vcpus[i].pcpu;
		int rc = its_doorbell_alloc(&v4->doorbell[i], pcpu);

		if (rc == 0)
			rc = its_vpe_start(pcpu, vprop);
		if (rc != 0) {
			printk("VM %s: vCPU%u's vPE can't be started on CPU %u (%d): MSIs through "
			       "list registers\n", vm->cfg->name, i, pcpu, rc);
			return false;
		}
		vits_host_own_doorbell(v4->doorbell[i], vm, i);
	}
	v4->started = true;
	printk("VM %s: MSIs as vLPIs by GICv4 direct injection (a vPE per vCPU)\n",
	       vm->cfg->name);
	return true;
}

void vits_v4_config(struct vm *vm, uint32_t vintid, uint8_t config)
{
	uint8_t *byte = &vprop_of(vm)[vintid - GIC_LPI_BASE];

	*byte = config | LPI_PROP_RES1;
	its_vprop_publish(byte, 1);
}

void vits_v4_invall(const struct vm *vm, unsigned int vcpu)
{
	(void)its_vinvall(vm->vcpus[vcpu].pcpu);
}

int vits_v4_map_event(struct vm *vm, struct vits_device *dev, uint32_t eventid,
		      uint32_t vintid, unsigned int vcpu, struct vits_error *err)
{
	int rc = its_vmap_event(dev->devid, eventid, vm->vcpus[vcpu].pcpu, vintid,
				v4_of(vm)->doorbell[vcpu]);

	if (rc == 0)
		rc = its_vevent_command(ITS_CMD_INV, dev->devid, eventid);
	if (rc != 0)
		return vits_refuse(err, "the host ITS can't map DeviceID 0x%x EventID %u to a "
				   "vLPI (error %d)", dev->devid, eventid, rc);
	dev->events[eventid].vlpi = true;
	return 0;
}

void vits_v4_move_event(const struct vm *vm, struct vits_device *dev, uint32_t eventid,
			unsigned int vcpu)
{
	(void)its_vmove_event(dev->devid, eventid, vm->vcpus[vcpu].pcpu,
			      v4_of(vm)->doorbell[vcpu]);
}

void vits_v4_event_command(const struct vits_device *dev, uint32_t eventid, uint8_t opcode)
{
	(void)its_vevent_command(opcode, dev->devid, eventid);
}

bool vgic_wait_begin(struct vcpu *vcpu)
{
	if (!vcpu->vm->vgic.its.v4)
		return false;
	vcpu->vgic.parked = true;
	return its_vpe_park(vcpu->pcpu);
}

void vgic_wait_end(struct vcpu *vcpu)
{
	if (!vcpu->vgic.parked)
		return;
	vcpu->vgic.parked = false;
	__atomic_store_n(&vcpu->vgic.doorbell, false, __ATOMIC_RELAXED);
	its_vpe_resume(vcpu->pcpu);
}
