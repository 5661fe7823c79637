/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The configuration space a VM sees of a PCI function assigned to it
 * (subsys/vm/vpci.c). The VM's ECAM window is emulated: every access
 * traps, and this filter decides what reaches the real function.
 *
 *  - IDs, class, status, header, capabilities: read from the device.
 *  - BARs: virtual registers. They read the address the hypervisor gave
 *    the BAR (mapped 1:1 into the VM's Stage-2), answer the sizing
 *    sequence (write all 1s, read the size mask), and accept only the
 *    assigned address back: moving a BAR is refused, so the device can
 *    never be made to decode outside what the VM was given. The real BAR
 *    is never written.
 *  - Command: memory decoding, bus mastering (DMA is fenced by the SMMU),
 *    parity/SERR reporting and INTx disable are the guest's; I/O decoding
 *    is refused (no I/O BAR is given to a VM).
 *  - MSI and MSI-X capabilities: the guest's when the VM has a virtual
 *    ITS (docs/its.md: the messages it programs reach the ITS through
 *    the SMMU, as the VM's DeviceID). Otherwise they are unlinked from the
 *    capability list and writes into them are dropped: interrupts are
 *    INTx through the vGIC.
 *  - Expansion ROM, BIST and the extended config space (0x100 up) read as
 *    0 and ignore writes; Interrupt Line is a scratch byte of the VM.
 *
 * Portable: the physical accesses go through struct vpci_ops, so the host
 * tests run it against a config space in memory.
 */
#ifndef MONADIC_VM_VPCI_H
#define MONADIC_VM_VPCI_H

#include <monadic/pci.h>
#include <stdbool.h>
#include <stdint.h>

/* Config accesses of the real function: off aligned to size (1, 2, 4). */
struct vpci_ops {
	uint32_t (*read)(void *ctx, uint16_t bdf, uint32_t off, unsigned int size);
	void (*write)(void *ctx, uint16_t bdf, uint32_t off, unsigned int size, uint32_t val);
	void *ctx;
};

struct vpci_function {
	uint16_t bdf;                      /* the real function */
	uint8_t guest_devfn;               /* where the VM sees it on its bus 0 */
	uint8_t int_line;                  /* the VM's scratch Interrupt Line */
	uint8_t hidden_caps[4];            /* capability IDs unlinked (MSI, MSI-X without a vITS) */
	unsigned int num_hidden;
	uint32_t bar[PCI_MAX_BARS];        /* what the VM last wrote (address bits) */
	uint32_t bar_assigned[PCI_MAX_BARS]; /* the assigned address bits */
	uint32_t bar_mask[PCI_MAX_BARS];   /* writable address bits; 0: not a BAR */
	uint32_t bar_flags[PCI_MAX_BARS];  /* type bits of the low half, 0 for a high half */
	const struct vpci_ops *ops;
};

enum vpci_write_result {
	VPCI_WRITE_DONE,          /* applied, or dropped where writes mean nothing */
	VPCI_WRITE_BAR_REFUSED,   /* a BAR moved elsewhere: kept as it was */
	VPCI_WRITE_IO_REFUSED,    /* the command register asked for I/O decoding */
};

/* Builds the virtual registers from the function as the host enumerated
 * it; 'msi': the MSI and MSI-X capabilities stay visible. */
void vpci_function_init(struct vpci_function *vf, const struct pci_function *f,
			uint8_t guest_devfn, const struct vpci_ops *ops, bool msi);

/* A guest access at 'off' (any size 1/2/4 that does not cross a dword). */
uint32_t vpci_read(struct vpci_function *vf, uint32_t off, unsigned int size);
enum vpci_write_result vpci_write(struct vpci_function *vf, uint32_t off, unsigned int size,
				  uint32_t val);

/* Config space layout used by the filter. */
#define PCI_STATUS 0x06
#define PCI_CACHE_LINE_SIZE 0x0c
#define PCI_LATENCY_TIMER 0x0d
#define PCI_BIST 0x0f
#define PCI_ROM_ADDRESS 0x30
#define PCI_CAPABILITY_LIST 0x34
#define PCI_INTERRUPT_LINE 0x3c
#define PCI_INTERRUPT_PIN 0x3d
#define PCI_STD_HEADER_END 0x40
#define PCI_CFG_SPACE_SIZE 0x100   /* beyond: PCIe extended space */
#define VPCI_BAR_TYPE_64 0x4u   /* memory BAR, type 64-bit (bits [2:1] = 2) */
#define VPCI_BAR_PREFETCH 0x8u
#define VPCI_BAR_FLAGS 0xfu     /* the low bits of a memory BAR are not address */
#define PCI_CAP_ID_MSI 0x05
#define PCI_CAP_ID_MSIX 0x11
#define PCI_COMMAND_PARITY (1u << 6)
#define PCI_COMMAND_SERR (1u << 8)
#define PCI_COMMAND_INTX_DISABLE (1u << 10)
#define VPCI_COMMAND_GUEST (PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER | PCI_COMMAND_PARITY | \
			    PCI_COMMAND_SERR | PCI_COMMAND_INTX_DISABLE)

#endif /* MONADIC_VM_VPCI_H */
