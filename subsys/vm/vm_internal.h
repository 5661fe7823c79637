/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* Shared inside subsys/vm. */
#ifndef SUBSYS_VM_INTERNAL_H
#define SUBSYS_VM_INTERNAL_H

#include <monadic/vm/exit.h>
#include <monadic/vm/vm.h>

extern struct vm vms[];

/* Build every VM; the number that can run. */
unsigned int vm_init_all(void);
/* Copy the image and DTB into the VM's RAM again (boot and SYSTEM_RESET). */
void vm_load_images(struct vm *vm);

/* vcpu_power.c. Ask for vCPU 'v' to start at 'entry' with 'arg0' (boot,
 * a reset): its pCPU resets it and runs it. */
void vcpu_power_on(struct vcpu *v, uint64_t entry, uint64_t arg0);
/* PSCI CPU_ON's decision: vcpu_power_on if the target is off and no
 * reset of its VM is under way. */
enum vcpu_cpu_on {
	VCPU_CPU_ON_STARTED,
	VCPU_CPU_ON_ALREADY_ON,
	VCPU_CPU_ON_RESETTING,   /* the caller is about to be reset too */
};
enum vcpu_cpu_on vcpu_cpu_on(struct vcpu *target, uint64_t entry, uint64_t arg0);
/* On the vCPU's pCPU: take a pending power-on (ON_PENDING -> ON; false:
 * none, or a reset turned it off first); park once it no longer runs. */
bool vcpu_claim_power_on(struct vcpu *v);
void vcpu_park(struct vcpu *v);
/* Every vCPU of the VM but 'except' (NULL: all) turned off, its pCPU
 * kicked to notice (a VM's stop, a reset's rendezvous). */
void vcpus_turn_off(struct vm *vm, const struct vcpu *except);
/* Make the pCPU that runs 'v' look at it (it may be idle or in the guest). */
void vcpu_kick(struct vcpu *v);
/* SYSTEM_RESET's rendezvous: every other vCPU of the caller's VM turned
 * off and out of its guest (parked), so nothing of the VM runs while it is
 * reset; vm.resetting set. False when the caller is not to reset the VM:
 * another reset is under way (the caller is turned off, the other reset
 * waits for it), or a vCPU did not leave (the VM is stopped). */
bool vm_quiesce_for_reset(struct vcpu *caller);

/* All exits of the VM so far: every class and interrupts. */
uint64_t vm_exit_total(const struct vm *vm);
/* One line: the VM's exits by class (hypercall MHV_HC_TRAP_STATS, VM stop). */
void vm_print_stats(const struct vm *vm);

/* Physical SPIs of passed-through devices (irq_route.c). */
void vm_route_device_irqs(struct vm *vm);
void vm_irq_passthrough(uint32_t intid);
/* Take the highest priority pending physical interrupt at EL2, if any: on
 * a pCPU running 'vcpu', or idle (NULL). */
void vm_take_irq(struct vcpu *vcpu);

/* exits.c: each kind of exit, as hal_vcpu_run decoded it, handled;
 * true with the vCPU ready to re-enter, false when it stopped running. */
extern const struct vm_exit_ops vm_exit_ops;

/* The vCPU is on and its VM running. Relaxed loads (this is every
 * exit's check): whoever changes either kicks the vCPU's pCPU after, so
 * a stale answer costs one more guest run, no more. */
static inline bool vcpu_runs(const struct vcpu *v)
{
	return atomic_load_explicit(&v->power, memory_order_relaxed) == VCPU_ON &&
	       atomic_load_explicit(&v->vm->state, memory_order_relaxed) == VM_STATE_RUNNING;
}
/* WFI (or a standby): sleep until the vCPU has an interrupt, or its VM
 * stops. */
void vm_exit_wfi(struct vcpu *vcpu);

/* console_input.c: route the real console's receive interrupt to this
 * pCPU, when VMs have emulated consoles and none owns the UART; and take
 * it (true if 'intid' was it: the input went to the focused VM). */
void vm_console_input_start(void);
bool vm_console_input_irq(uint32_t intid);
/* The VM whose passed-through device or PCI function raises a physical
 * SPI, or NULL. */
struct vm *vm_irq_owner(uint32_t intid);

/* Map a physical range into the VM's Stage-2, reporting a failure. */
int vm_map(struct vm *vm, const char *what, uint64_t ipa, uint64_t pa, uint64_t size,
	   s2_attr_t attrs);

/* Assigned PCI functions (pci_assign.c): BARs mapped and the filtered ECAM
 * window registered; then, once the Stage-2 map is complete, each
 * function's StreamID attached to the VM; on stop or reset, bus mastering
 * and decoding turned off, the function reset (FLR, where it has one: at
 * least 100 ms) and the virtual config space started afresh. */
int vm_pci_assign(struct vm *vm);
int vm_pci_attach_dma(struct vm *vm);
void vm_pci_quiesce(struct vm *vm);

/* The read-only exit counters page (stats_page.c). */
int vm_stats_page_init(struct vm *vm);

/* SMCCC services. Each returns true if it owns the function ID. */
bool psci_call(struct vcpu *vcpu, uint32_t fn);
bool hypercall(struct vcpu *vcpu, uint32_t fn);

/* SMCCC return codes (DEN 0028). */
#define SMCCC_RET_SUCCESS 0
#define SMCCC_RET_NOT_SUPPORTED (-1)

#endif
