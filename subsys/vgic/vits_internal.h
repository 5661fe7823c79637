/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* What the virtual ITS's files share (docs/its.md). */
#ifndef SUBSYS_VGIC_VITS_INTERNAL_H
#define SUBSYS_VGIC_VITS_INTERNAL_H

#include <monadic/regs/gicv3_its.h>
#include <monadic/vm/vm.h>
#include <stddef.h>
#include <stdint.h>

/* The guest-visible ITS: 16-bit DeviceIDs and EventIDs, 16 collections. */
#define VITS_DEVID_BITS 16U
#define VITS_EVENTID_BITS 16U
#define VITS_CIDBITS 4U

/* Why a command was refused, for the console line that reports the stall. */
struct vits_error {
	char why[112];
};

/* Fills err (printf-style); returns -1, for "return vits_refuse(...)". */
int vits_refuse(struct vits_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Carries out one 32-byte command (vits_cmd.c), with the vITS lock held
 * (the vGIC lock is taken inside). 0 when done; otherwise the command
 * changed nothing in the VM's interrupt state and err says why. *kick
 * collects the vCPUs to kick.
 */
int vits_execute(struct vm *vm, const uint64_t cmd[ITS_CMD_DWORDS], struct vits_error *err,
		 uint32_t *kick);
/* The command's name for reports ("MAPD"); NULL for an unknown one. */
const char *vits_cmd_name(uint8_t opcode);

/*
 * The host ITS shadow of the VM's real functions (vits_host.c). Device
 * maps and unmaps follow MAPD; event maps follow MAPTI/MAPI and send the
 * device's MSI, as a host LPI, to the pCPU of vCPU 'vcpu'. 0 or a negative
 * error, described in err.
 */
int vits_host_map_device(struct vm *vm, struct vits_device *dev, unsigned int event_bits,
			 struct vits_error *err);
void vits_host_unmap_device(struct vits_device *dev);
int vits_host_map_event(struct vm *vm, struct vits_device *dev, uint32_t eventid,
			uint32_t vintid, unsigned int vcpu, struct vits_error *err);
void vits_host_unmap_event(struct vits_device *dev, uint32_t eventid);
void vits_host_move_event(const struct vm *vm, struct vits_device *dev, uint32_t eventid,
			  unsigned int vcpu);

/* A host LPI that is vCPU 'vcpu''s GICv4 doorbell (vits_host.c). */
void vits_host_own_doorbell(uint32_t lpi, struct vm *vm, unsigned int vcpu);

#ifdef CONFIG_VITS_GICV4
/* GICv4 (vits_v4.c): start the VM's vPEs (false: the VM uses list
 * registers); the vLPI's configuration byte; VINVALL for a vCPU;
 * the host side of MAPTI, MOVI and of INT/CLEAR/INV/DISCARD. */
bool vits_v4_start(struct vm *vm);
void vits_v4_config(struct vm *vm, uint32_t vintid, uint8_t config);
void vits_v4_invall(const struct vm *vm, unsigned int vcpu);
int vits_v4_map_event(struct vm *vm, struct vits_device *dev, uint32_t eventid,
		      uint32_t vintid, unsigned int vcpu, struct vits_error *err);
void vits_v4_move_event(const struct vm *vm, struct vits_device *dev, uint32_t eventid,
			unsigned int vcpu);
void vits_v4_event_command(const struct vits_device *dev, uint32_t eventid, uint8_t opcode);
#endif

/* Reset state; the VM's functions by DeviceID (vits_regs.c). */
void vits_init(struct vm *vm);

#endif /* SUBSYS_VGIC_VITS_INTERNAL_H */
