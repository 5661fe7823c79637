/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * A VM's virtual ITS (subsys/vgic/vits_*.c, docs/its.md), embedded in its
 * vGIC state. The translation tables the guest hands the ITS (device,
 * collection, ITT) stay unused guest memory: the state is kept here, and
 * each mapping of the VM's real functions is shadowed in the host ITS.
 */
#ifndef MONADIC_VITS_STATE_H
#define MONADIC_VITS_STATE_H

#include <monadic/spinlock.h>
#include <stdbool.h>
#include <stdint.h>

#define VITS_MAX_DEVICES 4          /* = VM_MAX_PCI_FUNCTIONS */
#define VITS_NR_COLLECTIONS 16      /* GITS_TYPER.CIL = 1, CIDbits = 3 */
#define VITS_NO_VCPU 0xffU
#define VITS_BASERS 2               /* GITS_BASER0: devices, GITS_BASER1: collections */

/* One EventID of a device: the guest's LPI and collection, and the host
 * LPI the real ITS raises for it (0: the event is not mapped). */
struct vits_event {
	uint16_t vintid;
	uint8_t icid;
	bool vlpi;            /* GICv4: mapped to a vLPI in the real ITS */
	uint32_t host_lpi;
};

/* A function the VM owns, by its real DeviceID. */
struct vits_device {
	uint32_t devid;
	uint8_t event_bits;   /* MAPD Size + 1; 0: not mapped */
	struct vits_event events[CONFIG_VITS_EVENTS_PER_DEVICE];
};

struct vits {
	struct spinlock lock;    /* one command queue reader at a time; taken before the vGIC's */
	bool enabled;            /* GITS_CTLR.Enabled */
	bool v4;                 /* events become vLPIs (GICv4, vits_v4.c) */
	uint64_t cbaser;
	uint64_t cwriter;
	uint64_t creadr;         /* offset, and GITS_CREADR_STALLED */
	uint64_t baser[VITS_BASERS];
	uint8_t collection_vcpu[VITS_NR_COLLECTIONS];   /* VITS_NO_VCPU: not mapped */
	struct vits_device devices[VITS_MAX_DEVICES];
	unsigned int num_devices;
};

#endif /* MONADIC_VITS_STATE_H */
