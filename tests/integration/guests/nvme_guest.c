/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * A VM given the NVMe function by PCIe passthrough (docs/pcie.md): what it
 * may do with the device, and what the device must not do for it.
 *
 * Config space, the hypervisor's filtered ECAM at /pcie's reg: only the
 * assigned function exists (00:00.0 and 00:02.0 read all 1s and ignore
 * writes); its IDs and class read through; BAR0 reads an address inside
 * the /pcie memory window, sizes as 16 KiB, and cannot be moved; I/O
 * decoding cannot be switched on; the extended space reads 0. MSI-X is in
 * the capability list only when the VM has a virtual ITS
 * (NVME_GUEST_VITS, docs/its.md); without one MSI and MSI-X are hidden.
 *
 * DMA, with the shared admin-queue code (tests/integration/common):
 * Identify Controller into this VM's RAM works, so the SMMU translates its
 * IPAs; the data, completion queue or submission queue placed at
 * NVME_GUEST_FOREIGN_ADDR (another VM's RAM, by physical address, outside
 * this VM's IPA map) must not reach it — the other VM checks that its RAM
 * did not change — and the controller works again afterwards.
 *
 * MMIO: the SMMU's registers, the GIC frames not emulated for this VM and
 * the host's real ECAM must all fault inside the guest; the ITS frame is
 * the emulated vITS when the VM has one, else it faults too.
 */
#include <monadic/guest/sdk.h>
#include <monadic/pci.h>
#include <monadic/string.h>

#include "guest_pcie.h"
#include "nvme_admin.h"

/* The function as the VM sees it: bus 0, device 1, function 0. */
#define NVME_DEV 1
#define NVME_VENDOR_DEVICE (0x0010u << 16 | NVME_QEMU_VENDOR)
#define NVME_CLASS 0x010802u          /* mass storage, NVM, NVMe */
#define NVME_BAR0_SIZE 0x4000u
#define NVME_VS 0x08                  /* controller version register */
#define NVME_VS_MAJOR_SHIFT 16

/* ECAM (PCIe Base 5.0, 7.2.2): device [19:15], function [14:12]. */
#define ECAM_DEV_SHIFT 15

/* Type 0 configuration header (PCIe Base 5.0, 7.5.1); the rest is in
 * guest_pcie.h. */
#define CFG_CLASS 0x08                   /* class code in [31:8] */
#define CFG_CLASS_SHIFT 8
#define CFG_EXT 0x100
#define BAR_TYPE_64 0x4u                 /* memory BAR, bits [2:1] = 2 */
#define BAR_TYPE_MASK 0x7u               /* I/O bit and type */
#define CAP_ID_MSI 0x05
#define CAP_ID_PCIE 0x10
#define CAP_ID_MSIX 0x11

/* Where a BAR move is aimed: inside the window, but not where it is. */
#define MOVED_BAR 0x20000000u

/* The real platform, which the VM must not reach. */
#define HOST_SMMU 0x09050000UL
#define HOST_SMMU_CR0 (HOST_SMMU + 0x20)
#define HOST_GITS_CTLR GUEST_GITS_BASE
#define GUEST_GICR 0x080A0000UL           /* the contract: one 128 KiB frame per vCPU */
#define GICR_FRAME 0x20000UL
#define HOST_ECAM 0x4010000000UL          /* dts/arm64/qemu/virt.dtsi pcie reg */

#define PAGE 4096
#define NAME_LEN 80

enum { Q_SQ, Q_CQ, Q_DATA, Q_PAGES };

/* Admin queues and the Identify buffer: IPAs, as the MMU is off. */
static _Alignas(PAGE) uint8_t queues[Q_PAGES][PAGE];

static struct guest_pcie host;

static volatile uint32_t *cfg(unsigned int dev, uint32_t off)
{
	return guest_pcie_cfg(&host, dev, off);
}

/* A device that is not the VM's: all 1s, and a write changes nothing. */
static void check_absent(unsigned int dev)
{
	char name[NAME_LEN];
	uint32_t id = *cfg(dev, CFG_ID);

	*cfg(dev, PCI_COMMAND) = PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER;
	uint32_t cmd = *cfg(dev, PCI_COMMAND);

	guest_snprintf(name, sizeof(name), "config 00:%02x.0 reads all ones, ignores writes", dev);
	guest_check(id == CFG_ALL_ONES && cmd == CFG_ALL_ONES, name,
		    "ID dword 0x%08x, command dword 0x%08x after a write", id, cmd);
}

static void check_identity(void)
{
	uint32_t id = *cfg(NVME_DEV, CFG_ID);
	uint32_t class = *cfg(NVME_DEV, CFG_CLASS) >> CFG_CLASS_SHIFT;

	guest_check(id == NVME_VENDOR_DEVICE, "config 00:01.0 is the NVMe [1b36:0010]",
		    "ID dword 0x%08x", id);
	guest_check(class == NVME_CLASS, "config 00:01.0 class 010802", "class 0x%06x", class);
}

static void write_command(uint32_t cmd)
{
	/* The status half is RW1C: write 0 there. */
	*cfg(NVME_DEV, PCI_COMMAND) = cmd & PCI_COMMAND_MASK;
}

/*
 * The 64-bit sizing sequence an OS runs with decoding off: all 1s into
 * both halves, read the mask, write the originals back; then a move.
 * Returns where the CPU reaches BAR0 (through the window's ranges entry).
 */
static uintptr_t check_bar0(void)
{
	uint32_t lo = *cfg(NVME_DEV, CFG_BAR0), hi = *cfg(NVME_DEV, CFG_BAR1);
	uint32_t cmd = *cfg(NVME_DEV, PCI_COMMAND);
	uint64_t addr = (uint64_t)hi << 32 | (lo & ~BAR_FLAGS);

	guest_printf("BAR0 0x%08x, BAR1 0x%08x\n", lo, hi);
	guest_check((lo & BAR_TYPE_MASK) == BAR_TYPE_64 && addr >= host.win_pci &&
		    addr + NVME_BAR0_SIZE <= host.win_pci + host.win_size,
		    "BAR0 is a 64-bit memory BAR inside the window",
		    "BAR0 0x%08x BAR1 0x%08x, window 0x%lx + 0x%lx", lo, hi,
		    (unsigned long)host.win_pci, (unsigned long)host.win_size);

	write_command(cmd & ~PCI_COMMAND_MEMORY);
	*cfg(NVME_DEV, CFG_BAR0) = CFG_ALL_ONES;
	*cfg(NVME_DEV, CFG_BAR1) = CFG_ALL_ONES;
	uint32_t mask_lo = *cfg(NVME_DEV, CFG_BAR0), mask_hi = *cfg(NVME_DEV, CFG_BAR1);

	*cfg(NVME_DEV, CFG_BAR0) = lo;
	*cfg(NVME_DEV, CFG_BAR1) = hi;
	write_command(cmd);
	uint64_t size = ~((uint64_t)mask_hi << 32 | (mask_lo & ~BAR_FLAGS)) + 1;
	uint32_t back_lo = *cfg(NVME_DEV, CFG_BAR0), back_hi = *cfg(NVME_DEV, CFG_BAR1);

	guest_check(size == NVME_BAR0_SIZE && back_lo == lo && back_hi == hi,
		    "BAR0 sizing: 16 KiB, then restored",
		    "mask 0x%08x_%08x (size 0x%lx), restored 0x%08x_%08x", mask_hi, mask_lo,
		    (unsigned long)size, back_hi, back_lo);

	/* The hypervisor maps the BAR where it placed it: moving it would make
	 * the device decode where the VM was given nothing. */
	*cfg(NVME_DEV, CFG_BAR0) = MOVED_BAR;
	uint32_t moved = *cfg(NVME_DEV, CFG_BAR0);

	guest_check(moved == lo, "BAR0 move to 0x20000000 refused",
		    "BAR0 reads 0x%08x after the move, was 0x%08x", moved, lo);
	return guest_pcie_bar0(&host, NVME_DEV);
}

static void check_command(void)
{
	write_command(PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
	uint32_t cmd = *cfg(NVME_DEV, PCI_COMMAND);

	guest_check(!(cmd & PCI_COMMAND_IO), "I/O space enable refused", "command 0x%04x",
		    cmd & PCI_COMMAND_MASK);
	guest_check((cmd & (PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER)) ==
		    (PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER), "memory and bus master enabled",
		    "command 0x%04x", cmd & PCI_COMMAND_MASK);
}

/* Walks the capability list: MSI-X is listed exactly when the VM has a
 * virtual ITS to send it to (docs/its.md), else MSI and MSI-X are hidden
 * (interrupts are INTx through the vGIC); PCI Express is always there. */
static void check_capabilities(void)
{
	bool listed = *cfg(NVME_DEV, PCI_COMMAND) & CFG_STATUS_CAP_LIST;
	uint32_t ptr = guest_pcie_next_cap(&host, NVME_DEV, 0);
	bool msi = false, msix = false, pcie = false, sane = true;
	char ids[3 * CAP_MAX + 1] = "";
	unsigned int n = 0;

	for (; ptr && n < CAP_MAX; n++) {
		if (ptr < CFG_HEADER_END) {
			sane = false;
			break;
		}
		uint8_t id = (uint8_t)*cfg(NVME_DEV, ptr);

		msi |= id == CAP_ID_MSI;
		msix |= id == CAP_ID_MSIX;
		pcie |= id == CAP_ID_PCIE;
		guest_snprintf(ids + 3 * n, sizeof(ids) - 3 * n, " %02x", id);
		ptr = guest_pcie_next_cap(&host, NVME_DEV, ptr);
	}
	sane &= ptr == 0;
	guest_printf("capabilities:%s\n", ids);
	guest_check(listed && sane, "capability list well formed",
		    "status CAP_LIST %d, stopped at 0x%x after %u entries", listed, ptr, n);
#ifdef NVME_GUEST_VITS
	guest_check(msix, "MSI-X capability listed", "list:%s", ids);
#else
	guest_check(!msi && !msix, "no MSI/MSI-X capability", "list:%s", ids);
#endif
	guest_check(pcie, "PCI Express capability still listed", "list:%s", ids);
	uint32_t ext = *cfg(NVME_DEV, CFG_EXT);

	guest_check(ext == 0, "extended config space reads 0", "0x100 reads 0x%08x", ext);
}

/* Reads and writes of addr must both fault in the guest. */
static void check_unreachable(const char *what, uintptr_t addr)
{
	struct guest_fault rd = { 0 }, wr = { 0 };
	char name[NAME_LEN];
	uint32_t v = 0;
	bool rd_ok = guest_probe_read32(addr, &v, &rd) &&
		     guest_fault_is_abort_at(&rd, addr, false, false);
	bool wr_ok = guest_probe_write32(addr, 0, &wr) &&
		     guest_fault_is_abort_at(&wr, addr, false, true);

	guest_snprintf(name, sizeof(name), "%s 0x%lx faults (read, write)", what,
		       (unsigned long)addr);
	guest_check(rd_ok && wr_ok, name, "read: ESR 0x%lx FAR 0x%lx value 0x%x; "
		    "write: ESR 0x%lx FAR 0x%lx", (unsigned long)rd.esr, (unsigned long)rd.far,
		    v, (unsigned long)wr.esr, (unsigned long)wr.far);
}

/* The ITS frame: the VM's own vITS (docs/its.md), or nothing at all. */
static void check_its_frame(void)
{
#ifdef NVME_GUEST_VITS
	struct guest_fault f = { 0 };
	uint64_t typer = 0;

	guest_fault_expect();
	typer = *(volatile uint64_t *)(HOST_GITS_CTLR + GITS_TYPER);
	bool faulted = guest_fault_caught(&f);

	guest_check(!faulted && (typer & GITS_TYPER_PHYSICAL) && !(typer & GITS_TYPER_VIRTUAL),
		    "GIC ITS 0x8080000 is the emulated vITS (GITS_TYPER)",
		    "fault %d (ESR 0x%lx), GITS_TYPER 0x%lx", faulted, (unsigned long)f.esr,
		    (unsigned long)typer);
#else
	check_unreachable("GIC ITS", HOST_GITS_CTLR);
#endif
}

/* One Identify Controller run; the CPU writes the command into queues[Q_SQ]
 * and polls queues[Q_CQ] whatever 'dma' says the device should use. */
struct outcome {
	bool done;        /* a completion appeared in queues[Q_CQ] */
	bool fatal;       /* CSTS.CFS */
	uint16_t status;
};

static struct outcome identify(uintptr_t bar0, const struct nvme_dma *dma)
{
	struct outcome o = { .status = 0xffff };

	/* Disabling resets the queues (and a fatal status): the next
	 * completion is the first of a pass, phase 1, in a zeroed queue. */
	nvme_disable(bar0);
	memset(queues[Q_CQ], 0, PAGE);
	memset(queues[Q_DATA], 0, PAGE);
	if (nvme_submit_identify(bar0, dma, queues[Q_SQ]))
		o.done = nvme_wait_completion(bar0, queues[Q_CQ], &o.status);
	o.fatal = nvme_fatal(bar0);
	return o;
}

static struct nvme_dma own_dma(void)
{
	return (struct nvme_dma){
		.sq = (uintptr_t)queues[Q_SQ], .cq = (uintptr_t)queues[Q_CQ],
		.data = (uintptr_t)queues[Q_DATA],
	};
}

static void check_own_identify(uintptr_t bar0, const char *name)
{
	struct nvme_dma dma = own_dma();
	struct outcome o = identify(bar0, &dma);

	guest_check(o.done && o.status == 0 &&
		    nvme_identify_matches(queues[Q_DATA], NVME_QEMU_VENDOR, NVME_QEMU_SERIAL),
		    name, "%s, status 0x%x, CSTS.CFS %d, data starts %02x %02x",
		    o.done ? "completed" : "no completion", o.status, o.fatal, queues[Q_DATA][0],
		    queues[Q_DATA][1]);
}

#ifdef NVME_GUEST_FOREIGN_ADDR
/*
 * Three DMAs into another VM's RAM, each to a page of its own so that each
 * SMMU event names its own address: the Identify data (a write), the
 * completion queue (a write) and the submission queue (a read: stealing
 * that VM's memory as commands). The SMMU must refuse all three; the
 * victim VM proves no byte changed, the hypervisor's log shows the events.
 *
 * QEMU 7.2's controller does not report a failed data write (nvme_tx
 * checks only the residual length, never the DMA result, and completes
 * with success), so for that one the guest can only print the status; a
 * failed queue access it does report, with CSTS.CFS.
 */
static const struct attack {
	unsigned int page;       /* Q_SQ, Q_CQ or Q_DATA: which one goes astray */
	const char *what;
	const char *refused;     /* check name; NULL: not visible to the guest */
	const char *after;
} attacks[] = {
	{ Q_DATA, "Identify data", NULL, "controller works after the foreign data write" },
	{ Q_CQ, "completion queue", "completion queue in another VM's RAM refused (CFS)",
	  "controller works after the refused completion write" },
	{ Q_SQ, "submission queue", "submission queue in another VM's RAM refused (CFS)",
	  "controller works after the refused command fetch" },
};

static void attack(uintptr_t bar0, const struct attack *a, uint64_t target)
{
	struct nvme_dma dma = own_dma();
	uint64_t addr = target + a->page * PAGE;

	if (a->page == Q_SQ)
		dma.sq = addr;
	else if (a->page == Q_CQ)
		dma.cq = addr;
	else
		dma.data = addr;
	struct outcome o = identify(bar0, &dma);

	guest_printf("%s aimed at 0x%lx (another VM's RAM): %s, status 0x%x, CSTS.CFS %d\n",
		     a->what, (unsigned long)addr, o.done ? "completed" : "no completion",
		     o.status, o.fatal);
	if (a->refused)
		guest_check(!o.done && o.fatal, a->refused, "%s, status 0x%x, CSTS.CFS %d",
			    o.done ? "completed" : "no completion", o.status, o.fatal);
	check_own_identify(bar0, a->after);
}

static void check_foreign_dma(uintptr_t bar0)
{
	uint64_t target = NVME_GUEST_FOREIGN_ADDR;

	if (!guest_check(target + Q_PAGES * PAGE <= guest_info.ram_base ||
			 target >= guest_info.ram_base + guest_info.ram_size,
			 "foreign address outside own RAM", "0x%lx is in RAM",
			 (unsigned long)target))
		return;
	for (unsigned int i = 0; i < sizeof(attacks) / sizeof(attacks[0]); i++)
		attack(bar0, &attacks[i], target);
}
#endif

static void check_dma(uintptr_t bar0)
{
	uint32_t vs = *(volatile uint32_t *)(bar0 + NVME_VS);

	guest_check(vs != CFG_ALL_ONES && vs >> NVME_VS_MAJOR_SHIFT >= 1,
		    "NVMe registers at BAR0", "VS reads 0x%08x", vs);
	check_own_identify(bar0, "Identify into own RAM (IPAs translated)");
#ifdef NVME_GUEST_FOREIGN_ADDR
	check_foreign_dma(bar0);
#else
	guest_skip("DMA into another VM's RAM", "no NVME_GUEST_FOREIGN_ADDR");
#endif
	nvme_disable(bar0);
	write_command(PCI_COMMAND_MEMORY);
}

int main(void)
{
	if (!guest_pcie_find(&host))
		return 0;
	check_absent(0);
	check_absent(2);
	check_identity();
	uintptr_t bar0 = check_bar0();

	check_command();
	check_capabilities();

	check_unreachable("SMMU", HOST_SMMU);
	check_unreachable("SMMU_CR0", HOST_SMMU_CR0);
	check_its_frame();
	check_unreachable("GICR past own", GUEST_GICR + guest_info.num_cpus * GICR_FRAME);
	check_unreachable("host ECAM of 00:01.0",
			  HOST_ECAM + ((uintptr_t)NVME_DEV << ECAM_DEV_SHIFT));

	check_dma(bar0);
	return 0;
}
