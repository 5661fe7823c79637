/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * VMs and vCPUs. Every VM is described at build time (the app overlay's
 * monadic,vm nodes -> a generated const struct vm_config); the runtime
 * state lives in static struct vm / struct vcpu: no allocation.
 *
 * Static partitioning: each vCPU is pinned to one pCPU, each pCPU runs at
 * most one vCPU.
 */
#ifndef MONADIC_VM_VM_H
#define MONADIC_VM_VM_H

#include <monadic/hal/vcpu.h>
#include <monadic/mm/stage2.h>
#include <monadic/spinlock.h>
#include <monadic/vgic.h>
#include <monadic/vm/exit.h>
#include <monadic/vm/mmio.h>
#include <monadic/vm/vpci.h>
#include <monadic/vuart.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#define VM_MAX_VCPUS 8
#define VM_MAX_DEVICES 8
#define VM_MAX_DEVICE_IRQS 4

/* A physical device region passed through to the VM (Stage-2 mapped). */
struct vm_device {
	const char *name;     /* the devicetree node path */
	uint64_t ipa;
	uint64_t pa;
	uint64_t size;
	bool strongly_ordered;             /* Device-nGnRnE instead of nGnRE */
	uint32_t irqs[VM_MAX_DEVICE_IRQS]; /* physical SPI INTIDs, same number in the guest */
	unsigned int num_irqs;
};

/* A PCI function assigned to the VM (a child of the PCIe host node named
 * in the VM's 'devices'): its BARs are mapped, its config space filtered
 * (monadic/vm/vpci.h), its DMA translated by the SMMU. */
#define VM_MAX_PCI_FUNCTIONS 4
struct vm_pci_function {
	const char *name;          /* the devicetree node path */
	uint16_t bdf;              /* the real function: bus, device, function */
	uint8_t guest_devfn;       /* where the VM sees it on its bus 0 */
	uint32_t stream_id;        /* from the host's iommu-map */
	uint32_t intx_irqs[4];     /* physical INTIDs its INTA..INTD raise (interrupt-map) */
	uint32_t its_devid;        /* its DeviceID at the ITS (the host's msi-map) */
};

/* A shared-memory channel as one of its two VMs sees it (monadic,channel). */
struct vm_channel {
	const char *name;
	uint64_t ipa;             /* the same in both VMs */
	uint64_t pa;
	uint64_t size;
	uint32_t slot_size;
	uint32_t capacity;        /* ring slots: the largest power of two that fits */
	bool producer;            /* this VM's end */
	bool doorbell_hypercall;  /* MHV_HC_DOORBELL raises doorbell_irq in the consumer */
	uint32_t doorbell_irq;    /* the consumer's INTID */
	uint16_t peer;            /* index of the other VM in vm_configs[] */
};

enum vm_console {
	VM_CONSOLE_EMULATED,      /* an emulated PL011 at console_ipa, output tagged */
	VM_CONSOLE_PASSTHROUGH,   /* the real UART, mapped (one VM at most) */
	VM_CONSOLE_NONE,
};

/* What the build generated from a monadic,vm node. */
struct vm_config {
	const char *name;
	uint16_t vmid;
	uint64_t ram_ipa;
	uint64_t ram_pa;           /* picked by the build from the board's RAM */
	uint64_t ram_size;
	const uint8_t *image;      /* embedded in the hypervisor image */
	uint64_t image_size;
	uint64_t image_ipa;        /* where the image is copied */
	uint64_t entry_ipa;        /* where vCPU 0 starts */
	const uint8_t *dtb;        /* the guest DTB the build made for this VM */
	uint64_t dtb_size;
	uint64_t dtb_ipa;          /* passed in x0 at entry */
	const uint8_t *initrd;     /* optional: described in the DTB's /chosen */
	uint64_t initrd_size;
	uint64_t initrd_ipa;
	unsigned int num_vcpus;
	bool stop_on_reset;        /* SYSTEM_RESET stops the VM instead of restarting it */
	uint8_t pcpus[VM_MAX_VCPUS];   /* devicetree CPU index of each vCPU */
	enum vm_console console;
	uint64_t console_ipa;      /* emulated PL011 base */
	uint32_t console_irq;      /* its SPI INTID */
	uint64_t gicd_ipa;         /* guest-visible GIC distributor */
	uint64_t gicr_ipa;         /* guest-visible redistributors, 128 KiB per vCPU */
	uint64_t its_ipa;          /* the virtual ITS (docs/its.md); 0: none */
	const struct vm_device *devices;
	unsigned int num_devices;
	const struct vm_channel *channels;
	unsigned int num_channels;
	const struct vm_pci_function *pci_functions;
	unsigned int num_pci_functions;
	uint64_t pci_ecam_ipa;     /* the VM's (emulated) ECAM window: its bus 0 */
	uint64_t pci_ecam_size;
	uint64_t stats_ipa;        /* read-only exit counters (monadic,vm-stats); 0: none */
};

enum vcpu_power {
	VCPU_OFF,
	VCPU_ON_PENDING,   /* CPU_ON accepted, the pCPU has not started it yet */
	VCPU_ON,
};

enum vm_state {
	VM_STATE_RUNNING,
	VM_STATE_OFF,      /* SYSTEM_OFF, or all vCPUs off */
	VM_STATE_CRASHED,  /* stopped by the hypervisor after a fault it can't reflect */
};

/* Exits by class (arm64: ESR exception class), plus interrupts: for trap
 * statistics. */
struct vm_stats {
	atomic_ulong exits[VM_EXIT_CLASSES];
	atomic_ulong irq_exits;
	atomic_ulong device_irqs;  /* passed-through devices' interrupts taken at EL2 (INTx, MSIs) */
	atomic_ulong mmio;
	atomic_ulong resets;       /* restarts by the VM's own SYSTEM_RESET */
};

struct vm;
struct vcpu_ctx;

struct vcpu {
	/* First, as vm.state: every exit's run check loads both, and GCC
	 * does an atomic load from a base register only. */
	atomic_int power;          /* enum vcpu_power */
	struct vcpu_ctx *ctx;      /* its registers: the architecture's (hal_vcpu_init) */
	struct vm *vm;
	unsigned int index;        /* vCPU number in the VM (its MPIDR Aff0) */
	unsigned int pcpu;         /* the pCPU it is pinned to */
	uint64_t on_entry;         /* CPU_ON: entry point and context ID */
	uint64_t on_context;
	/* Its pCPU is out of the guest, waiting to be powered on (or idle):
	 * what a VM's reset waits for (vm_quiesce_for_reset). */
	atomic_bool parked;
	struct vgic_vcpu vgic;
};

/* Guest general register n (x0..x30 on arm64; 31 reads as zero): the
 * first HAL_VCPU_NR_REGS words of its context (monadic/hal/vcpu.h). */
static inline uint64_t hal_vcpu_get_reg(const struct vcpu *vcpu, unsigned int n)
{
	return n < HAL_VCPU_NR_REGS ? ((const uint64_t *)(const void *)vcpu->ctx)[n] : 0;
}

static inline void hal_vcpu_set_reg(struct vcpu *vcpu, unsigned int n, uint64_t value)
{
	if (n < HAL_VCPU_NR_REGS)
		((uint64_t *)(void *)vcpu->ctx)[n] = value;
}

/* Step over the trapped instruction: the PC follows the registers. */
static inline void hal_vcpu_skip_instruction(struct vcpu *vcpu)
{
	((uint64_t *)(void *)vcpu->ctx)[HAL_VCPU_NR_REGS] += HAL_VCPU_INSN_SIZE;
}

struct vm {
	atomic_int state;          /* enum vm_state; first, as vcpu.power */
	const struct vm_config *cfg;
	struct s2_space s2;
	struct s2_pool pool;
	uint64_t vtcr;             /* VTCR_EL2 for this VM's stage 2 */
	struct spinlock lock;      /* PSCI state changes */
	atomic_bool resetting;     /* a SYSTEM_RESET is under way (one at a time) */
	uint64_t cntvoff;          /* virtual counter offset: the VM's time starts at 0 */
	struct vcpu vcpus[VM_MAX_VCPUS];
	struct mmio_region mmio[VM_MAX_MMIO_REGIONS];
	unsigned int num_mmio;
	struct vuart vuart;
	struct vm_stats stats;
	struct vpci_function vpci[VM_MAX_PCI_FUNCTIONS]; /* assigned functions' config space */
	uint32_t pci_intx[VM_MAX_PCI_FUNCTIONS];         /* the INTID each one raises, 0: none */
	/* Last: its size follows CONFIG_VGIC_NR_SPIS, the offsets above do not. */
	struct vgic_dist vgic;
};

/* The generated table (monadic/vm_config_generated.c). */
extern const struct vm_config vm_configs[];
extern const unsigned int vm_count;

/* Where EL2 reaches 'size' bytes of the VM's RAM at 'ipa' (RAM is
 * identity-mapped at EL2); NULL unless all of them are RAM. */
static inline void *vm_ram_ptr(const struct vm *vm, uint64_t ipa, uint64_t size)
{
	const struct vm_config *c = vm->cfg;

	if (ipa < c->ram_ipa || size > c->ram_size || ipa - c->ram_ipa > c->ram_size - size)
		return NULL;
	return (void *)(uintptr_t)(c->ram_pa + (ipa - c->ram_ipa));
}

/* Register an emulated MMIO region; -1 if the table is full. */
int vm_register_mmio(struct vm *vm, const struct mmio_region *region);

/* The vCPU (if any) pinned to a pCPU. */
struct vcpu *vcpu_for_pcpu(unsigned int pcpu);

/* Stop a whole VM (SYSTEM_OFF, or a fault it can't take): its vCPUs exit
 * at their next trap or at the kick sent to their pCPUs. */
void vm_stop(struct vm *vm, enum vm_state why);

/* Create the VMs and power on their first vCPUs (boot CPU, after main()). */
void vm_start(void);

/* Called by every pCPU once the hypervisor is up: runs the vCPU pinned to
 * it, or idles. The last VM to stop powers the machine off. */
_Noreturn void vm_cpu_loop(unsigned int pcpu);

#endif
