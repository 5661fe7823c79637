/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The virtual ITS from the guest's side (docs/its.md; IHI 0069 5.1 LPIs,
 * 5.3 ITS commands, 12.19 ITS registers), on two vCPUs with the NVMe
 * function: the devicetree (the ITS node, the msi-map giving DeviceID
 * 0x8), the identification registers, the guest's own tables, the
 * commands (its_lpi_cmds.c), the NVMe's MSI-X as an LPI on the vCPU its
 * collection names (its_msix.c), and the commands that must stall the
 * queue without touching anything else (its_bad_cmds.c).
 */
#include <monadic/string.h>

#include "its_guest.h"

/* GICD_TYPER (IHI 0069 12.9.38): IDbits [23:19], LPIS [17], num_LPIs
 * [15:11] (2^(num_LPIs + 1) LPIs; regs/gicv3_its.h lacks it). */
#define GICD_TYPER_IDBITS_MASK 0x1fU
#define GICD_TYPER_NUM_LPIS_SHIFT 11
#define GICD_TYPER_NUM_LPIS_MASK 0x1fU
#define GICR_TYPER_PROC_NUM_MASK 0xffffULL
#define GIC_PIDR2_ARCHREV_MASK 0xfU

/* The contract (docs/its.md). */
#define VITS_ID_BITS 15U              /* GICD_TYPER.IDbits, GITS_TYPER.IDbits, Devbits */
#define VITS_ITT_ENTRY_BYTES 8U
#define VITS_CID_BITS 3U              /* collections 0-15 */
#define VITS_TABLE_ENTRY_BYTES 8U
#define VITS_FRAME_SIZE GITS_SIZE
#ifndef ITS_GUEST_NR_LPIS
#define ITS_GUEST_NR_LPIS 256U        /* CONFIG_VITS_NR_LPIS */
#endif

/* The guest's tables. The configuration table covers INTIDs below
 * 2^LPI_ID_BITS, more than the VM may use, so a refused MAPTI is refused
 * for the VM's range, not the table's. */
#define LPI_ID_BITS 14U
#define LPI_PROP_BYTES ((1U << LPI_ID_BITS) - GIC_LPI_BASE)
#define LPI_PEND_BYTES GUEST_LPI_PEND_ALIGN
#define DEVICE_TABLE_BYTES ((1U << (VITS_ID_BITS + 1U)) * VITS_TABLE_ENTRY_BYTES)
/* Whole pages of any size the ITS may take (64 KiB at most). */
#define TABLE_ALIGN 0x10000U
#define COLLECTION_TABLE_BYTES TABLE_ALIGN
#define ITT_BYTES ((1U << TEST_EVENT_BITS) * VITS_ITT_ENTRY_BYTES)

_Alignas(GUEST_ITS_PAGE) uint8_t lpi_prop[LPI_PROP_BYTES];
static _Alignas(GUEST_LPI_PEND_ALIGN) uint8_t lpi_pend[NR_TEST_CPUS][LPI_PEND_BYTES];
static _Alignas(TABLE_ALIGN) uint8_t device_table[DEVICE_TABLE_BYTES];
static _Alignas(TABLE_ALIGN) uint8_t collection_table[COLLECTION_TABLE_BYTES];
static _Alignas(GUEST_ITT_ALIGN) uint8_t itt[ITT_BYTES];
static _Alignas(GUEST_ITS_PAGE) uint64_t cmd_queue[GUEST_ITS_PAGE / sizeof(uint64_t)];

struct guest_its its = {
	.base = GUEST_GITS_BASE, .queue = cmd_queue, .queue_size = sizeof(cmd_queue),
};
uint64_t rdbase[NR_TEST_CPUS];
struct guest_pcie host;

/* Written only by the vCPU the index names (its LPI handler). */
static struct {
	volatile uint32_t count[NR_TEST_EVENTS];
	volatile uint32_t prio[NR_TEST_EVENTS];
	volatile uint32_t stray;      /* LPIs the test never mapped */
} seen[NR_TEST_CPUS];

static volatile uint32_t secondary_up, secondary_stop;

static void on_lpi(unsigned int intid, void *arg)
{
	unsigned int cpu = guest_cpu_index();
	unsigned int ev = intid - GIC_LPI_BASE;

	(void)arg;
	if (cpu >= NR_TEST_CPUS)
		return;
	if (ev >= NR_TEST_EVENTS) {
		seen[cpu].stray = seen[cpu].stray + 1;
		return;
	}
	/* Acknowledged: the running priority is this LPI's (IHI 0069 12.2.19). */
	seen[cpu].prio[ev] = (uint32_t)guest_read_sysreg(icc_rpr_el1);
	seen[cpu].count[ev] = seen[cpu].count[ev] + 1;
}

uint32_t lpi_count(unsigned int cpu, unsigned int intid)
{
	return seen[cpu].count[intid - GIC_LPI_BASE];
}

uint8_t lpi_last_prio(unsigned int cpu, unsigned int intid)
{
	return (uint8_t)seen[cpu].prio[intid - GIC_LPI_BASE];
}

bool lpi_arrives(unsigned int cpu, unsigned int intid, uint32_t before)
{
	uint64_t end = guest_counter() + guest_us_to_ticks(LPI_TIMEOUT_US);

	while (lpi_count(cpu, intid) == before) {
		if (guest_counter() > end)
			return false;
	}
	return true;
}

uint32_t lpi_total(unsigned int intid)
{
	uint32_t n = 0;

	for (unsigned int c = 0; c < NR_TEST_CPUS; c++)
		n += lpi_count(c, intid);
	return n;
}

bool lpi_absent(unsigned int intid, uint32_t before)
{
	guest_udelay(LPI_ABSENT_US);
	return lpi_total(intid) == before;
}

bool its_run(const struct guest_its_cmd *cmd)
{
	struct guest_its_cmd sync = guest_its_sync(rdbase[0]);

	return guest_its_send(&its, cmd) && guest_its_send(&its, &sync);
}

bool lpi_set(unsigned int ev, uint8_t prio, bool enable)
{
	struct guest_its_cmd inv = guest_its_event(ITS_CMD_INV, NVME_DEVID, ev);

	guest_lpi_config(lpi_prop, TEST_LPI(ev), prio, enable);
	return its_run(&inv);
}

bool lpi_fire(unsigned int ev)
{
	struct guest_its_cmd cmd = guest_its_event(ITS_CMD_INT, NVME_DEVID, ev);

	return guest_its_send(&its, &cmd);
}

static bool string_is(const void *value, uint32_t len, const char *want)
{
	uint32_t n = (uint32_t)strlen(want) + 1U;

	return value && len >= n && memcmp(value, want, n) == 0;
}

#define ITS_NODE "/interrupt-controller/msi-controller"
#define MSI_MAP_CELLS 4U    /* rid-base, msi-controller phandle, msi-base, length */

/* The ITS node under the GIC, and /pcie's msi-map naming it with the
 * function's real DeviceID (docs/its.md "What the guest sees"). */
static void check_devicetree(void)
{
	const void *dtb = guest_info.dtb;
	uint32_t len = 0, reg_len = 0, ph_len = 0, map_len = 0, ctl_len = 0;
	const void *compat = guest_fdt_prop(dtb, ITS_NODE, "compatible", &len);
	const void *ctl = guest_fdt_prop(dtb, ITS_NODE, "msi-controller", &ctl_len);
	const void *reg = guest_fdt_prop(dtb, ITS_NODE, "reg", &reg_len);
	const void *phandle = guest_fdt_prop(dtb, ITS_NODE, "phandle", &ph_len);
	const void *map = guest_fdt_prop(dtb, "/pcie", "msi-map", &map_len);
	bool reg_ok = reg && reg_len == 4 * sizeof(uint32_t) && guest_fdt_cell(reg, 0) == 0 &&
		      guest_fdt_cell(reg, 1) == GUEST_GITS_BASE && guest_fdt_cell(reg, 2) == 0 &&
		      guest_fdt_cell(reg, 3) == VITS_FRAME_SIZE;

	guest_check(string_is(compat, len, "arm,gic-v3-its") && ctl && reg_ok,
		    "DTB: ITS node arm,gic-v3-its, msi-controller, reg 0x8080000 + 128 KiB",
		    "compatible %s, msi-controller %s, reg %s", compat ? "present" : "missing",
		    ctl ? "present" : "missing", reg_ok ? "ok" : "wrong or missing");

	uint32_t devid = ~0U, target = 0;

	for (uint32_t i = 0; map && (i + 1) * MSI_MAP_CELLS * 4 <= map_len; i++) {
		uint32_t c = i * MSI_MAP_CELLS, base = guest_fdt_cell(map, c);

		if (NVME_RID >= base && NVME_RID - base < guest_fdt_cell(map, c + 3)) {
			target = guest_fdt_cell(map, c + 1);
			devid = guest_fdt_cell(map, c + 2) + (NVME_RID - base);
		}
	}
	guest_check(phandle && ph_len == 4 && target == guest_fdt_cell(phandle, 0) &&
		    devid == NVME_DEVID, "DTB: msi-map gives 00:01.0 DeviceID 0x8 on the ITS",
		    "msi-map %u bytes: DeviceID 0x%x via phandle 0x%x, ITS phandle %s",
		    map_len, devid, target, phandle ? "present" : "missing");
}

static uint64_t gicr_typer(unsigned int cpu)
{
	return *(volatile uint64_t *)(GUEST_GICR_BASE + cpu * GICR_STRIDE + GICR_TYPER);
}

static uint32_t typer_bits(uint64_t typer, unsigned int shift)
{
	return (uint32_t)((typer >> shift) & GITS_TYPER_BITS_MASK) + 1U;
}

/* GICD_TYPER, GICR_TYPER, GITS_TYPER, GITS_BASER<n>, GITS_CTLR and
 * GITS_PIDR2 as docs/its.md (and IHI 0069 12.9.38, 12.11.35, 12.19) say. */
static void check_id_registers(void)
{
	uint32_t typer = *(volatile uint32_t *)(GUEST_GICD_BASE + GICD_TYPER);
	uint32_t idbits = (typer >> GICD_TYPER_IDBITS_SHIFT) & GICD_TYPER_IDBITS_MASK;
	uint32_t num_lpis = (typer >> GICD_TYPER_NUM_LPIS_SHIFT) & GICD_TYPER_NUM_LPIS_MASK;

	guest_check((typer & GICD_TYPER_LPIS) && idbits == VITS_ID_BITS,
		    "GICD_TYPER: LPIS, IDbits 15", "GICD_TYPER 0x%08x", typer);
	/* Without num_LPIs the VM is told every 16-bit INTID is an LPI it
	 * may use (Linux reads it: "hypervisor restricted LPI range"). */
	guest_check(num_lpis && (2U << num_lpis) == ITS_GUEST_NR_LPIS,
		    "GICD_TYPER.num_LPIs: the VM's LPI range", "num_LPIs %u (want 2^(n+1) = %u)",
		    num_lpis, ITS_GUEST_NR_LPIS);
	for (unsigned int cpu = 0; cpu < NR_TEST_CPUS; cpu++) {
		uint64_t r = gicr_typer(cpu);

		rdbase[cpu] = (r >> GICR_TYPER_PROC_NUM_SHIFT) & GICR_TYPER_PROC_NUM_MASK;
		guest_check((r & GICR_TYPER_PLPIS) && rdbase[cpu] == cpu,
			    cpu ? "GICR_TYPER of vCPU 1: PLPIS, Processor_Number 1"
				: "GICR_TYPER of vCPU 0: PLPIS, Processor_Number 0",
			    "GICR_TYPER 0x%lx", (unsigned long)r);
	}

	uint64_t t = guest_its_read(&its, GITS_TYPER);
	uint64_t want = GITS_TYPER_PHYSICAL | GITS_TYPER_CIL |
			(uint64_t)(VITS_ITT_ENTRY_BYTES - 1U) << GITS_TYPER_ITT_ENTRY_SIZE_SHIFT |
			(uint64_t)VITS_ID_BITS << GITS_TYPER_IDBITS_SHIFT |
			(uint64_t)VITS_ID_BITS << GITS_TYPER_DEVBITS_SHIFT |
			(uint64_t)VITS_CID_BITS << GITS_TYPER_CIDBITS_SHIFT;
	uint64_t known = GITS_TYPER_PHYSICAL | GITS_TYPER_VIRTUAL | GITS_TYPER_SEIS |
			 GITS_TYPER_PTA | GITS_TYPER_CIL |
			 0xfULL << GITS_TYPER_ITT_ENTRY_SIZE_SHIFT |
			 GITS_TYPER_BITS_MASK << GITS_TYPER_IDBITS_SHIFT |
			 GITS_TYPER_BITS_MASK << GITS_TYPER_DEVBITS_SHIFT |
			 0xffULL << GITS_TYPER_HCC_SHIFT |
			 GITS_TYPER_CIDBITS_MASK << GITS_TYPER_CIDBITS_SHIFT;

	guest_check((t & known) == want,
		    "GITS_TYPER: Physical, ITT entry 8 bytes, 16-bit EventIDs and DeviceIDs, "
		    "SEIS 0, PTA 0, HCC 0, 16 collections",
		    "GITS_TYPER 0x%lx (want 0x%lx): ITT entry %u, ID %u, Dev %u, CID %u bits",
		    (unsigned long)t, (unsigned long)want,
		    (unsigned int)((t >> GITS_TYPER_ITT_ENTRY_SIZE_SHIFT) & 0xf) + 1U,
		    typer_bits(t, GITS_TYPER_IDBITS_SHIFT), typer_bits(t, GITS_TYPER_DEVBITS_SHIFT),
		    (unsigned int)((t >> GITS_TYPER_CIDBITS_SHIFT) & GITS_TYPER_CIDBITS_MASK) + 1U);

	static const uint64_t types[GITS_BASER_COUNT] = {
		GITS_BASER_TYPE_DEVICE, GITS_BASER_TYPE_COLLECTION,
	};
	bool baser_ok = true;

	for (unsigned int n = 0; n < GITS_BASER_COUNT; n++) {
		uint64_t b = guest_its_read(&its, GITS_BASER(n));
		uint64_t type = (b >> GITS_BASER_TYPE_SHIFT) & GITS_BASER_TYPE_MASK;
		uint64_t esize = ((b >> GITS_BASER_ENTRY_SIZE_SHIFT) & GITS_BASER_ENTRY_SIZE_MASK) + 1;

		if (types[n] ? type != types[n] || esize != VITS_TABLE_ENTRY_BYTES : b != 0) {
			guest_printf("GITS_BASER%u 0x%lx\n", n, (unsigned long)b);
			baser_ok = false;
		}
	}
	guest_check(baser_ok, "GITS_BASER0 device table, GITS_BASER1 collection table "
		    "(8-byte entries), GITS_BASER2-7 read 0", "see the lines above");

	uint32_t ctlr = *(volatile uint32_t *)(its.base + GITS_CTLR);
	uint32_t pidr2 = *(volatile uint32_t *)(its.base + GITS_PIDR2);

	guest_check((ctlr & GITS_CTLR_QUIESCENT) && !(ctlr & GITS_CTLR_ENABLED),
		    "GITS_CTLR: Quiescent, not enabled", "GITS_CTLR 0x%08x", ctlr);
	/* Linux's ITS probe gives up unless ArchRev says GICv3 or GICv4. */
	guest_check(((pidr2 >> GIC_PIDR2_ARCHREV_SHIFT) & GIC_PIDR2_ARCHREV_MASK) ==
		    GIC_PIDR2_ARCHREV_GICV3, "GITS_PIDR2.ArchRev: GICv3", "GITS_PIDR2 0x%08x",
		    pidr2);
}

/* GITS_BASER<n>: Valid, the table's address, its size in pages of the
 * size the ITS takes: Page_Size is read-only in an ITS with only one
 * (12.19.1), so it is read back as Linux does. Type and Entry_Size are
 * read-only. */
static bool set_baser(unsigned int n, const void *table, uint32_t bytes)
{
	static const uint32_t page_bytes[] = { 0x1000, 0x4000, 0x10000, 0x10000 };
	uint64_t ps_mask = GITS_BASER_PAGE_SIZE_MASK << GITS_BASER_PAGE_SIZE_SHIFT;
	uint64_t mask = GITS_BASER_VALID | GITS_BASER_ADDR_MASK | GITS_BASER_SIZE_MASK | ps_mask;

	for (unsigned int try = 0; try < 2; try++) {
		uint64_t old = guest_its_read(&its, GITS_BASER(n));
		uint32_t page = page_bytes[(old & ps_mask) >> GITS_BASER_PAGE_SIZE_SHIFT];

		uint64_t v = GITS_BASER_VALID | ((uintptr_t)table & GITS_BASER_ADDR_MASK) | (old & ps_mask) |
		    ((bytes / page - 1U) & GITS_BASER_SIZE_MASK);
		guest_its_write(&its, GITS_BASER(n), (old & ~mask) | v);
		if ((guest_its_read(&its, GITS_BASER(n)) & mask) == v)
			return true;
	}
	return false;
}

/* vCPU 1: its redistributor's LPIs and CPU interface, then it waits for
 * LPIs until told to stop. */
static void secondary(void *arg)
{
	(void)arg;
	guest_gic_init();
	guest_lpi_enable(1, lpi_prop, LPI_ID_BITS, lpi_pend[1]);
	secondary_up = 1;
	guest_irq_unmask();
	while (!secondary_stop)
		guest_wfi();
	guest_irq_mask();
}

/* The tables in the guest's RAM, both vCPUs' LPIs, the command queue. */
static bool setup(void)
{
	guest_lpi_connect(on_lpi, NULL);
	guest_gic_init();
	for (unsigned int ev = 0; ev < NR_TEST_EVENTS; ev++)
		guest_lpi_config(lpi_prop, TEST_LPI(ev), PRIO_NORMAL, false);
	guest_lpi_enable(0, lpi_prop, LPI_ID_BITS, lpi_pend[0]);

	const volatile uint64_t *gicr0 = (const volatile uint64_t *)GUEST_GICR_BASE;
	uint64_t prop = gicr0[GICR_PROPBASER / 8], pend = gicr0[GICR_PENDBASER / 8];
	uint32_t ctlr = *(volatile uint32_t *)(GUEST_GICR_BASE + GICR_CTLR);

	guest_check((prop & GICR_PROPBASER_ADDR_MASK) == (uintptr_t)lpi_prop &&
		    (prop & GICR_PROPBASER_IDBITS_MASK) == LPI_ID_BITS - 1U &&
		    (pend & GICR_PENDBASER_ADDR_MASK) == (uintptr_t)lpi_pend[0] &&
		    (ctlr & GICR_CTLR_ENABLE_LPIS),
		    "GICR_PROPBASER, GICR_PENDBASER hold the tables, EnableLPIs set",
		    "PROPBASER 0x%lx, PENDBASER 0x%lx, GICR_CTLR 0x%x", (unsigned long)prop,
		    (unsigned long)pend, ctlr);

	int32_t r = guest_cpu_start(1, secondary, NULL);

	if (!guest_check(r == PSCI_RET_SUCCESS && guest_wait_flag(&secondary_up, LPI_TIMEOUT_US),
			 "vCPU 1 up with LPIs enabled", "CPU_ON returned %d", (int)r))
		return false;
	guest_check(set_baser(0, device_table, sizeof(device_table)) &&
		    set_baser(1, collection_table, sizeof(collection_table)),
		    "GITS_BASER0/1 hold the guest's tables", "GITS_BASER0 0x%lx, GITS_BASER1 0x%lx",
		    (unsigned long)guest_its_read(&its, GITS_BASER(0)),
		    (unsigned long)guest_its_read(&its, GITS_BASER(1)));
	guest_its_restart(&its);

	uint64_t cbaser = guest_its_read(&its, GITS_CBASER);
	uint32_t ctl = *(volatile uint32_t *)(its.base + GITS_CTLR);

	guest_check((cbaser & GITS_CBASER_ADDR_MASK) == (uintptr_t)cmd_queue &&
		    (cbaser & GITS_CBASER_VALID) && (ctl & GITS_CTLR_ENABLED) &&
		    guest_its_read(&its, GITS_CREADR) == 0,
		    "GITS_CBASER holds the queue, ITS enabled, GITS_CREADR 0",
		    "CBASER 0x%lx, CTLR 0x%x, CREADR 0x%lx", (unsigned long)cbaser, ctl,
		    (unsigned long)guest_its_read(&its, GITS_CREADR));

	/* Device 0x8 with 16 events, collection n on vCPU n, the events on
	 * collection 0; the LPIs stay disabled until each test wants them. */
	struct guest_its_cmd cmds[3 + NR_TEST_EVENTS] = {
		guest_its_mapd(NVME_DEVID, TEST_EVENT_BITS, (uintptr_t)itt, true),
		guest_its_mapc(0, rdbase[0], true),
		guest_its_mapc(1, rdbase[1], true),
	};
	bool ok = true;

	for (unsigned int ev = 0; ev < NR_TEST_EVENTS; ev++)
		cmds[3 + ev] = guest_its_mapti(NVME_DEVID, ev, TEST_LPI(ev), 0);
	for (unsigned int i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		ok &= its_run(&cmds[i]);
	return guest_check(ok, "MAPD 0x8, MAPC 0 -> vCPU 0, MAPC 1 -> vCPU 1, MAPTI events 0-3 "
			   "-> LPIs 8192-8195", "GITS_CREADR 0x%lx",
			   (unsigned long)guest_its_read(&its, GITS_CREADR));
}

/* The translation frame is for devices: a CPU reads 0 and its writes
 * are ignored (docs/its.md). */
static void check_translater_from_cpu(void)
{
	volatile uint32_t *translater = (volatile uint32_t *)(its.base + GITS_TRANSLATER);
	uint32_t before = lpi_total(TEST_LPI(EV_MSIX));
	uint32_t v = *translater;

	*translater = EV_MSIX;
	guest_check(v == 0 && lpi_absent(TEST_LPI(EV_MSIX), before),
		    "GITS_TRANSLATER from the CPU: reads 0, a write is ignored",
		    "read 0x%x, LPI 8192 taken %u times", v, lpi_total(TEST_LPI(EV_MSIX)) - before);
}

int main(void)
{
	if (!guest_check(guest_info.dtb && guest_info.num_cpus >= NR_TEST_CPUS,
			 "DTB with two vCPUs", "%u vCPUs", guest_info.num_cpus))
		return 0;
	check_devicetree();
	check_id_registers();
	if (!guest_pcie_find(&host) || !setup())
		return 0;
	guest_irq_unmask();
	check_lpi_commands();
	check_translater_from_cpu();
	bool msix = msix_setup();

	if (msix) {
		check_msix(0, "MSI-X vector 0 of the NVMe -> LPI 8192 on vCPU 0");
		struct guest_its_cmd to1 = guest_its_movi(NVME_DEVID, EV_MSIX, 1);
		struct guest_its_cmd to0 = guest_its_movi(NVME_DEVID, EV_MSIX, 0);

		guest_check(its_run(&to1), "MOVI of the MSI-X event to collection 1", "stalled");
		check_msix(1, "after MOVI, MSI-X vector 0 -> LPI 8192 on vCPU 1");
		guest_check(its_run(&to0), "MOVI of the MSI-X event back to collection 0",
			    "stalled");
	}
	check_bad_commands();
	if (msix)
		check_msix(0, "MSI-X still works after the bad commands");
	guest_check(!seen[0].stray && !seen[1].stray, "no LPI the test did not map",
		    "vCPU 0 took %u, vCPU 1 %u", seen[0].stray, seen[1].stray);
	guest_irq_mask();
	secondary_stop = 1;
	return 0;
}
