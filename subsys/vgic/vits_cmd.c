/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The virtual ITS's commands (IHI 0069 5.3, layouts in 5.3.1). Each is
 * checked completely before it changes anything: a refused command leaves
 * the VM's interrupts as they were and says why (docs/its.md, "Bad
 * commands"). Only the host ITS running out of room (its LPIs or
 * translation tables) can refuse a MAPD/MAPTI after the old mapping it
 * replaces is gone. A VM only ever names its own functions' DeviceIDs, its own
 * LPI range and its own vCPUs, so nothing it sends reaches another VM.
 */

#include <monadic/printk.h>
#include <stdarg.h>

#include "vgic_internal.h"
#include "vits_internal.h"

#define DW0 0
#define DW1 1
#define DW2 2

static const char *const names[] = {
	[ITS_CMD_MOVI] = "MOVI", [ITS_CMD_INT] = "INT", [ITS_CMD_CLEAR] = "CLEAR",
	[ITS_CMD_SYNC] = "SYNC", [ITS_CMD_MAPD] = "MAPD", [ITS_CMD_MAPC] = "MAPC",
	[ITS_CMD_MAPTI] = "MAPTI", [ITS_CMD_MAPI] = "MAPI", [ITS_CMD_INV] = "INV",
	[ITS_CMD_INVALL] = "INVALL", [ITS_CMD_MOVALL] = "MOVALL", [ITS_CMD_DISCARD] = "DISCARD",
};

const char *vits_cmd_name(uint8_t opcode)
{
	return opcode < sizeof(names) / sizeof(names[0]) ? names[opcode] : NULL;
}

/* The fields every command that names an event carries. */
struct cmd_fields {
	uint32_t devid;
	uint32_t eventid;
	uint32_t icid;
};

static struct cmd_fields fields_of(const uint64_t cmd[ITS_CMD_DWORDS])
{
	return (struct cmd_fields){
		.devid = (uint32_t)(cmd[DW0] >> ITS_CMD_DEVID_SHIFT),
		.eventid = (uint32_t)(cmd[DW1] & ITS_CMD_EVENTID_MASK),
		.icid = (uint32_t)(cmd[DW2] & ITS_CMD_ICID_MASK),
	};
}

int vits_refuse(struct vits_error *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	mhv_vsnprintf(err->why, sizeof(err->why), fmt, ap);
	va_end(ap);
	return -1;
}

static struct vits_device *device(struct vm *vm, uint32_t devid, struct vits_error *err)
{
	struct vits *its = &vm->vgic.its;

	for (unsigned int i = 0; i < its->num_devices; i++) {
		if (its->devices[i].devid == devid)
			return &its->devices[i];
	}
	vits_refuse(err, "DeviceID 0x%x is not assigned to this VM", devid);
	return NULL;
}

/* The device's event, which must be within what MAPD gave it. */
static struct vits_event *event(struct vm *vm, const struct cmd_fields *f, bool mapped,
				struct vits_device **dev, struct vits_error *err)
{
	struct vits_event *ev;

	*dev = device(vm, f->devid, err);
	if (*dev == NULL)
		return NULL;
	if ((*dev)->event_bits == 0) {
		vits_refuse(err, "DeviceID 0x%x is not mapped (MAPD)", f->devid);
		return NULL;
	}
	if (f->eventid >> (*dev)->event_bits != 0) {
		vits_refuse(err, "EventID %u out of range (the device was mapped with %u)", f->eventid,
		       1U << (*dev)->event_bits);
		return NULL;
	}
	if (f->eventid >= CONFIG_VITS_EVENTS_PER_DEVICE) {
		vits_refuse(err, "EventID %u beyond the %u a VM may use per device", f->eventid,
		       CONFIG_VITS_EVENTS_PER_DEVICE);
		return NULL;
	}
	ev = &(*dev)->events[f->eventid];
	if (mapped && ev->vintid == 0) {
		vits_refuse(err, "EventID %u of DeviceID 0x%x is not mapped", f->eventid, f->devid);
		return NULL;
	}
	return ev;
}

static bool collection_ok(uint32_t icid, struct vits_error *err)
{
	if (icid < VITS_NR_COLLECTIONS)
		return true;
	vits_refuse(err, "collection %u out of range (0-%u)", icid, VITS_NR_COLLECTIONS - 1);
	return false;
}

/* A mapped collection's vCPU, or VITS_NO_VCPU with err set. */
static uint8_t collection_vcpu(const struct vm *vm, uint32_t icid, struct vits_error *err)
{
	uint8_t v;

	if (!collection_ok(icid, err))
		return VITS_NO_VCPU;
	v = vm->vgic.its.collection_vcpu[icid];
	if (v == VITS_NO_VCPU)
		vits_refuse(err, "collection %u is not mapped (MAPC)", icid);
	return v;
}

/* RDbase with GITS_TYPER.PTA = 0: a redistributor's processor number,
 * which is the vCPU index. */
static bool rdbase_ok(const struct vm *vm, uint64_t rdbase, struct vits_error *err)
{
	if (rdbase < vm->cfg->num_vcpus)
		return true;
	vits_refuse(err, "RDbase %llu names no vCPU of this VM (it has %u)",
	       (unsigned long long)rdbase, vm->cfg->num_vcpus);
	return false;
}

static uint64_t rdbase_of(uint64_t dw)
{
	return dw >> ITS_CMD_RDBASE_SHIFT & ITS_CMD_RDBASE_MASK;
}

/* Unmaps an event on both sides (DISCARD, MAPD over a mapped device). */
static uint32_t drop_event(struct vm *vm, struct vits_device *dev, uint32_t eventid)
{
	struct vits_event *ev = &dev->events[eventid];
	uint32_t kick;

	vits_host_unmap_event(dev, eventid);
	spin_lock(&vm->vgic.lock);
	kick = vgic_lpi_retarget(vm, ev->vintid, VITS_NO_VCPU);
	spin_unlock(&vm->vgic.lock);
	*ev = (struct vits_event){ 0 };
	return kick;
}

static void drop_device_events(struct vm *vm, struct vits_device *dev)
{
	for (uint32_t e = 0; e < CONFIG_VITS_EVENTS_PER_DEVICE; e++) {
		if (dev->events[e].vintid != 0)
			(void)drop_event(vm, dev, e);
	}
}

static int cmd_mapd(struct vm *vm, const uint64_t cmd[ITS_CMD_DWORDS], struct vits_error *err)
{
	struct cmd_fields f = fields_of(cmd);
	struct vits_device *dev = device(vm, f.devid, err);
	unsigned int bits = (unsigned int)(cmd[DW1] & ITS_CMD_SIZE_MASK) + 1;
	bool valid = (cmd[DW2] & ITS_CMD_VALID) != 0;

	if (dev == NULL)
		return -1;
	if (valid && bits > VITS_EVENTID_BITS)
		return vits_refuse(err, "Size %u above the ITS's %u EventID bits", bits - 1,
			      VITS_EVENTID_BITS);
	/* A new table replaces the old one and its mappings (5.3.8). */
	drop_device_events(vm, dev);
	if (dev->event_bits != 0)
		vits_host_unmap_device(dev);
	dev->event_bits = 0;
	if (!valid)
		return 0;
	if (vits_host_map_device(vm, dev, bits, err) != 0)
		return -1;
	dev->event_bits = (uint8_t)bits;
	return 0;
}

static int cmd_mapc(struct vm *vm, const uint64_t cmd[ITS_CMD_DWORDS], struct vits_error *err,
		    uint32_t *kick)
{
	struct vits *its = &vm->vgic.its;
	uint32_t icid = (uint32_t)(cmd[DW2] & ITS_CMD_ICID_MASK);
	bool valid = (cmd[DW2] & ITS_CMD_VALID) != 0;
	uint64_t rdbase = rdbase_of(cmd[DW2]);
	uint8_t vcpu = valid ? (uint8_t)rdbase : VITS_NO_VCPU;

	if (!collection_ok(icid, err) || (valid && !rdbase_ok(vm, rdbase, err)))
		return -1;
	its->collection_vcpu[icid] = vcpu;
	/* The collection's events follow it, on both sides. */
	for (unsigned int d = 0; d < its->num_devices; d++) {
		struct vits_device *dev = &its->devices[d];

		for (uint32_t e = 0; e < CONFIG_VITS_EVENTS_PER_DEVICE; e++) {
			struct vits_event *ev = &dev->events[e];

			if (ev->vintid == 0 || ev->icid != icid)
				continue;
			if (valid)
				vits_host_move_event(vm, dev, e, vcpu);
			spin_lock(&vm->vgic.lock);
			*kick |= vgic_lpi_retarget(vm, ev->vintid, vcpu);
			spin_unlock(&vm->vgic.lock);
		}
	}
	return 0;
}

/* MAPTI and MAPI (where the LPI is the EventID). */
static int cmd_mapti(struct vm *vm, const uint64_t cmd[ITS_CMD_DWORDS], bool mapi,
		     struct vits_error *err, uint32_t *kick)
{
	struct cmd_fields f = fields_of(cmd);
	uint32_t vintid = mapi ? f.eventid : (uint32_t)(cmd[DW1] >> ITS_CMD_PINTID_SHIFT);
	struct vits_device *dev;
	struct vits_event *ev = event(vm, &f, false, &dev, err);
	uint8_t vcpu;

	if (ev == NULL || !collection_ok(f.icid, err))
		return -1;
	if (!vgic_is_lpi(vintid))
		return vits_refuse(err, "LPI %u out of the VM's range (%u-%u)", vintid, GIC_LPI_BASE,
			      GIC_LPI_BASE + VGIC_NR_LPIS - 1);
	if (ev->vintid != 0)
		*kick |= drop_event(vm, dev, f.eventid);
	/* An unmapped collection gets its events once MAPC maps it; until
	 * then their MSIs land on vCPU 0's pCPU and stay pending. */
	vcpu = vm->vgic.its.collection_vcpu[f.icid];
	if (vits_host_map_event(vm, dev, f.eventid, vintid, vcpu == VITS_NO_VCPU ? 0 : vcpu,
				err) != 0)
		return -1;
	ev->vintid = (uint16_t)vintid;
	ev->icid = (uint8_t)f.icid;
	spin_lock(&vm->vgic.lock);
	*kick |= vgic_lpi_retarget(vm, vintid, vcpu);
	spin_unlock(&vm->vgic.lock);
	return 0;
}

static int cmd_movi(struct vm *vm, const uint64_t cmd[ITS_CMD_DWORDS], struct vits_error *err,
		    uint32_t *kick)
{
	struct cmd_fields f = fields_of(cmd);
	struct vits_device *dev;
	struct vits_event *ev = event(vm, &f, true, &dev, err);
	uint8_t vcpu;

	if (ev == NULL)
		return -1;
	vcpu = collection_vcpu(vm, f.icid, err);
	if (vcpu == VITS_NO_VCPU)
		return -1;
	vits_host_move_event(vm, dev, f.eventid, vcpu);
	ev->icid = (uint8_t)f.icid;
	spin_lock(&vm->vgic.lock);
	*kick |= vgic_lpi_retarget(vm, ev->vintid, vcpu);  /* a pending state moves along */
	spin_unlock(&vm->vgic.lock);
	return 0;
}

/* INT, CLEAR, INV and DISCARD: one mapped event, its collection mapped. */
static int cmd_event(struct vm *vm, const uint64_t cmd[ITS_CMD_DWORDS], uint8_t op,
		     struct vits_error *err, uint32_t *kick)
{
	struct cmd_fields f = fields_of(cmd);
	struct vits_device *dev;
	struct vits_event *ev = event(vm, &f, true, &dev, err);

	if (ev == NULL)
		return -1;
	if (op == ITS_CMD_DISCARD) {
		*kick |= drop_event(vm, dev, f.eventid);
		return 0;
	}
	if (collection_vcpu(vm, ev->icid, err) == VITS_NO_VCPU)
		return -1;
	spin_lock(&vm->vgic.lock);
	if (op == ITS_CMD_INV)
		vgic_lpi_reload(vm, ev->vintid);
	else if (!ev->vlpi)
		*kick |= vgic_lpi_set_pending(vm, ev->vintid, op == ITS_CMD_INT);
	spin_unlock(&vm->vgic.lock);
#ifdef CONFIG_VITS_GICV4
	/* A vLPI's pending state and configuration are the GIC's. */
	if (ev->vlpi)
		vits_v4_event_command(dev, f.eventid, op);
#endif
	return 0;
}

static int cmd_invall(struct vm *vm, const uint64_t cmd[ITS_CMD_DWORDS], struct vits_error *err)
{
	uint8_t vcpu = collection_vcpu(vm, (uint32_t)(cmd[DW2] & ITS_CMD_ICID_MASK), err);

	if (vcpu == VITS_NO_VCPU)
		return -1;
	spin_lock(&vm->vgic.lock);
	vgic_lpi_reload_vcpu(vm, &vm->vcpus[vcpu]);
	spin_unlock(&vm->vgic.lock);
	return 0;
}

/* MOVALL: what is pending for one redistributor goes to another. */
static int cmd_movall(struct vm *vm, const uint64_t cmd[ITS_CMD_DWORDS], struct vits_error *err,
		      uint32_t *kick)
{
	uint64_t from = rdbase_of(cmd[DW2]);
	uint64_t to = rdbase_of(cmd[ITS_CMD_RDBASE_MOVALL_DW]);

	if (!rdbase_ok(vm, from, err) || !rdbase_ok(vm, to, err))
		return -1;
	spin_lock(&vm->vgic.lock);
	for (uint32_t i = 0; i < VGIC_NR_LPIS; i++) {
		if (vm->vgic.lpi_vcpu[i] == from)
			*kick |= vgic_lpi_retarget(vm, GIC_LPI_BASE + i, (uint8_t)to);
	}
	spin_unlock(&vm->vgic.lock);
	return 0;
}

int vits_execute(struct vm *vm, const uint64_t cmd[ITS_CMD_DWORDS], struct vits_error *err,
		 uint32_t *kick)
{
	uint8_t op = (uint8_t)(cmd[DW0] & ITS_CMD_OPCODE_MASK);

	switch (op) {
	case ITS_CMD_MAPD:
		return cmd_mapd(vm, cmd, err);
	case ITS_CMD_MAPC:
		return cmd_mapc(vm, cmd, err, kick);
	case ITS_CMD_MAPTI:
	case ITS_CMD_MAPI:
		return cmd_mapti(vm, cmd, op == ITS_CMD_MAPI, err, kick);
	case ITS_CMD_MOVI:
		return cmd_movi(vm, cmd, err, kick);
	case ITS_CMD_INT:
	case ITS_CMD_CLEAR:
	case ITS_CMD_INV:
	case ITS_CMD_DISCARD:
		return cmd_event(vm, cmd, op, err, kick);
	case ITS_CMD_INVALL:
		return cmd_invall(vm, cmd, err);
	case ITS_CMD_MOVALL:
		return cmd_movall(vm, cmd, err, kick);
	case ITS_CMD_SYNC:
		/* Commands take effect as they run: nothing to wait for. */
		return rdbase_ok(vm, rdbase_of(cmd[DW2]), err) ? 0 : -1;
	default:
		return vits_refuse(err, "unknown command");
	}
}
