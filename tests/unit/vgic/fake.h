/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The world the vGIC sees, faked for host tests: list registers and
 * ICH_HCR_EL2 in memory, a settable current pCPU, recorders for the kick
 * SGIs, events and registered MMIO regions, and a VM of N vCPUs.
 */
#ifndef VGIC_FAKE_H
#define VGIC_FAKE_H

#include <monadic/vgic_exit.h>
#include <monadic/vm/vm.h>
#include <stdint.h>

#define FAKE_MAX_LRS 16
#define FAKE_MAX_SGIS 32

/* HAL state. */
extern uint64_t fake_lr[FAKE_MAX_LRS];
extern unsigned int fake_num_lrs;
extern uint64_t fake_hcr;
extern unsigned int fake_cpu;         /* what hal_cpu_index() returns */
extern unsigned int fake_events;      /* hal_cpu_send_event() calls */
extern uint32_t fake_lines_low;       /* PPIs whose line hal_vcpu_line_asserted() calls low */
extern uint32_t fake_deactivated[FAKE_MAX_SGIS];  /* hal_gic_deactivate() INTIDs, in order */
extern unsigned int fake_num_deactivated;
extern uint32_t fake_cleared_active[FAKE_MAX_SGIS];  /* irq_clear_active_spi() INTIDs */
extern unsigned int fake_num_cleared_active;
extern unsigned int fake_virtual_if_resets;  /* hal_gic_reset_virtual_if() calls */

/* irq_send_sgi() calls, in order. */
struct fake_sgi {
	uint32_t intid;
	unsigned int pcpu;
};
extern struct fake_sgi fake_sgis[FAKE_MAX_SGIS];
extern unsigned int fake_num_sgis;

/* The VM under test: vCPU i on pCPU 'first_pcpu + i'. Its regions are
 * vm->mmio[0] (GICD) and vm->mmio[1] (GICR), registered as the VM core does. */
extern struct vm fake_vm;
extern struct vm_config fake_cfg;

#define FAKE_GICD_IPA 0x08000000ULL
#define FAKE_GICR_IPA 0x080a0000ULL

/* Reset everything and build the VM: vgic_vm_init + vgic_vcpu_init, and
 * the vGIC's regions registered. */
int fake_setup(unsigned int num_vcpus, unsigned int first_pcpu, unsigned int num_lrs);

/* A guest access through the registered region covering 'ipa', as the VM
 * core would make it; returns the handler's result (or -100: no region). */
int fake_mmio(uint64_t ipa, unsigned int size, bool write, uint64_t *value);
/* Shorthands for 32-bit accesses that must succeed (-1 read on failure). */
uint64_t fake_read32(uint64_t ipa);
void fake_write32(uint64_t ipa, uint32_t value);

#endif
