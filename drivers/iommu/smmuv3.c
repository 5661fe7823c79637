/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Arm SMMUv3 bring-up, IHI 0070 3.3 / 6.3: discovery through SMMU_IDR*,
 * then the initialisation order the spec's register descriptions require
 * (tables and queues programmed while their enables are clear; each CR0
 * change confirmed through CR0ACK), with every StreamID blocked.
 *
 * Blocked means an invalid STE (V = 0) or no level-2 table at all: the
 * SMMU terminates the transaction and records C_BAD_STE or C_BAD_STREAMID
 * naming the stream (5.2, 7.3.2/7.3.4). An STE with Config = abort would
 * also terminate but silently (no event); a hypervisor wants to hear of
 * every DMA a device attempts outside its VM.
 */

#include <monadic/devicetree.h>
#include <monadic/init.h>
#include <monadic/iommu.h>
#include <monadic/irq.h>
#include <monadic/errno.h>
#include <monadic/printk.h>

#include "smmu_enc.h"
#include "smmu_stream.h"
#include "smmuv3.h"

#if DT_NUM_INST_STATUS_OKAY(arm_smmu_v3) > 0

#define SMMU_ADDR_OF(node) DT_REG_ADDR(node),
static const uintptr_t smmu_bases[] = { DT_FOREACH_STATUS_OKAY(arm_smmu_v3, SMMU_ADDR_OF) };
/* Wired interrupts, in the binding's order eventq, priq, cmdq-sync, gerror
 * (dts/bindings/arm,smmu-v3.yaml): SPI numbers, INTID = SPI + 32. */
#define SMMU_SPI_BASE 32u
#define SMMU_EVTQ_INTID_OF(node) DT_IRQ_BY_IDX(node, 0, irq) + SMMU_SPI_BASE,
#define SMMU_GERROR_INTID_OF(node) DT_IRQ_BY_IDX(node, 3, irq) + SMMU_SPI_BASE,
static const uint32_t smmu_evtq_intid[] = { DT_FOREACH_STATUS_OKAY(arm_smmu_v3, SMMU_EVTQ_INTID_OF) };
static const uint32_t smmu_gerror_intid[] = {
	DT_FOREACH_STATUS_OKAY(arm_smmu_v3, SMMU_GERROR_INTID_OF) };

/* 256 commands (4 KiB) and 2048 events (64 KiB), or fewer if the SMMU
 * has smaller queues (IDR1.CMDQS / EVENTQS). A refused page-sized
 * transfer is 1024 events on QEMU (one per 4-byte beat): it fits, with
 * room for what follows while the first events are being reported. */
#define CMDQ_LOG2 8u
#define EVTQ_LOG2 11u
static _Alignas(CMD_SIZE << CMDQ_LOG2) uint64_t cmdq_mem[(CMD_SIZE << CMDQ_LOG2) / 8];
static _Alignas(EVT_SIZE << EVTQ_LOG2) uint64_t evtq_mem[(EVT_SIZE << EVTQ_LOG2) / 8];

#define CR0ACK_POLL_LIMIT 1000000u

static const char *const oas_names[] = { "32", "36", "40", "42", "44", "48", "52" };

static int cr0_set(uint32_t val)
{
	smmu_write32(SMMU_CR0, val);
	for (unsigned int n = 0; n < CR0ACK_POLL_LIMIT; n++)
		if (smmu_read32(SMMU_CR0ACK) == val)
			return 0;
	printk("SMMU: CR0ACK did not follow CR0 = 0x%x\n", val);
	return -MHV_EIO;
}

static void log_features(void)
{
	uint32_t idr0 = smmu_dev.idr0, idr1 = smmu_dev.idr1;

	printk("SMMUv3 at 0x%llx: %s, %s, %s stream table, SID %u bits, SSID %u bits, "
	       "cmdq 2^%u, evtq 2^%u, OAS %s bits%s%s%s\n",
	       (unsigned long long)smmu_dev.base,
	       idr0 & IDR0_S1P ? "S1P" : "no S1P", idr0 & IDR0_S2P ? "S2P" : "no S2P",
	       SMMU_GET(IDR0_ST_LEVEL_H, IDR0_ST_LEVEL_L, idr0) == IDR0_ST_LEVEL_2LVL ?
			"2-level" : "linear",
	       (unsigned int)SMMU_GET(IDR1_SIDSIZE_H, IDR1_SIDSIZE_L, idr1),
	       (unsigned int)SMMU_GET(IDR1_SSIDSIZE_H, IDR1_SSIDSIZE_L, idr1),
	       (unsigned int)SMMU_GET(IDR1_CMDQS_H, IDR1_CMDQS_L, idr1),
	       (unsigned int)SMMU_GET(IDR1_EVENTQS_H, IDR1_EVENTQS_L, idr1),
	       smmu_dev.oas < sizeof(oas_names) / sizeof(oas_names[0]) ?
			oas_names[smmu_dev.oas] : "?",
	       idr0 & IDR0_COHACC ? ", coherent walk" : ", non-coherent walk",
	       idr0 & IDR0_HYP ? ", HYP" : "", idr0 & IDR0_VMID16 ? ", VMID16" : "");
}

/* What this driver needs; the rest of the spec's options are not used. */
static int check_features(void)
{
	uint32_t idr0 = smmu_dev.idr0;

	if (!(idr0 & (IDR0_S1P | IDR0_S2P)))
		return printk("SMMU: neither stage 1 nor stage 2: not used\n"), -MHV_EINVAL;
	if (!(SMMU_GET(IDR0_TTF_H, IDR0_TTF_L, idr0) & IDR0_TTF_AARCH64) ||
	    !(smmu_dev.idr5 & IDR5_GRAN4K))
		return printk("SMMU: no AArch64 4 KiB tables: not used\n"), -MHV_EINVAL;
	/* Tables and queues are written with plain cached stores. */
	if (!(idr0 & IDR0_COHACC))
		return printk("SMMU: non-coherent table walks are not supported\n"), -MHV_EINVAL;
	return 0;
}

static void queues_init(void)
{
	unsigned int cmdqs = (unsigned int)SMMU_GET(IDR1_CMDQS_H, IDR1_CMDQS_L, smmu_dev.idr1);
	unsigned int evtqs = (unsigned int)SMMU_GET(IDR1_EVENTQS_H, IDR1_EVENTQS_L, smmu_dev.idr1);

	smmu_dev.cmdq = (struct smmu_queue){
		.base = cmdq_mem, .entry_size = CMD_SIZE,
		.log2size = cmdqs < CMDQ_LOG2 ? cmdqs : CMDQ_LOG2,
		.prod_off = SMMU_CMDQ_PROD, .cons_off = SMMU_CMDQ_CONS,
	};
	smmu_dev.evtq = (struct smmu_queue){
		.base = evtq_mem, .entry_size = EVT_SIZE,
		.log2size = evtqs < EVTQ_LOG2 ? evtqs : EVTQ_LOG2,
		.prod_off = SMMU_EVENTQ_PROD, .cons_off = SMMU_EVENTQ_CONS,
	};
	smmu_write64(SMMU_CMDQ_BASE, Q_BASE_RA | ((uintptr_t)cmdq_mem & Q_BASE_ADDR_MASK) |
		     SMMU_FIELD(Q_BASE_LOG2SIZE_H, Q_BASE_LOG2SIZE_L, smmu_dev.cmdq.log2size));
	smmu_write32(SMMU_CMDQ_PROD, 0);
	smmu_write32(SMMU_CMDQ_CONS, 0);
	smmu_write64(SMMU_EVENTQ_BASE, ((uintptr_t)evtq_mem & Q_BASE_ADDR_MASK) |
		     SMMU_FIELD(Q_BASE_LOG2SIZE_H, Q_BASE_LOG2SIZE_L, smmu_dev.evtq.log2size));
	smmu_write32(SMMU_EVENTQ_PROD, 0);
	smmu_write32(SMMU_EVENTQ_CONS, 0);
}

/* Drops whatever the SMMU may have cached from before (firmware, a
 * previous boot): configuration, then TLBs of every regime we can name. */
static int invalidate_all(void)
{
	uint64_t cmd[CMD_DWORDS];
	int rc;

	smmu_cmd_cfgi_all(cmd);
	rc = smmu_cmdq_issue(cmd);
	if (rc == 0)
		rc = smmu_cmdq_sync();
	/* EL2 TLB commands exist only with IDR0.HYP (4.4.2): else CERROR_ILL. */
	if (rc == 0 && (smmu_dev.idr0 & IDR0_HYP)) {
		smmu_cmd_op(cmd, CMD_OP_TLBI_EL2_ALL);
		rc = smmu_cmdq_issue(cmd);
	}
	if (rc == 0) {
		smmu_cmd_op(cmd, CMD_OP_TLBI_NSNH_ALL);
		rc = smmu_cmdq_issue(cmd);
	}
	return rc == 0 ? smmu_cmdq_sync() : rc;
}

/*
 * Events and global errors raise their wired SPIs (edge, IHI 0070 3.18),
 * routed to the boot CPU: a VM exit there reports them (smmu_irq). PRI and
 * CMD_SYNC interrupts stay off (no PRI queue; syncs are polled).
 */
static int irqs_enable(void)
{
	const uint32_t intids[] = { smmu_evtq_intid[0], smmu_gerror_intid[0] };
	uint32_t want = IRQ_CTRL_EVENTQ_IRQEN | IRQ_CTRL_GERROR_IRQEN;

	for (unsigned int i = 0; i < sizeof(intids) / sizeof(intids[0]); i++) {
		uint32_t intid = intids[i];

		irq_set_edge(intid);
		irq_route_spi(intid, 0);
		irq_enable(intid);
	}
	smmu_write32(SMMU_IRQ_CTRL, want);
	for (unsigned int n = 0; n < CR0ACK_POLL_LIMIT; n++) {
		if (smmu_read32(SMMU_IRQ_CTRLACK) == want)
			return 0;
	}
	printk("SMMU: IRQ_CTRL not acknowledged\n");
	return -MHV_EIO;
}

bool smmu_irq(uint32_t intid)
{
	if (!smmu_dev.ready || (intid != smmu_evtq_intid[0] && intid != smmu_gerror_intid[0]))
		return false;
	smmu_poll_events();
	return true;
}

static int smmu_reset(void)
{
	uint32_t cr0 = 0;
	int rc;

	/* Disable first (firmware may have left it on): the tables and
	 * queues may only be programmed while SMMUEN/CMDQEN/EVTQEN are 0.
	 * Meanwhile GBPA aborts, so nothing bypasses translation. */
	rc = cr0_set(0);
	if (rc != 0)
		return rc;
	smmu_write32(SMMU_GBPA, GBPA_UPDATE | GBPA_ABORT);
	for (unsigned int n = 0; n < CR0ACK_POLL_LIMIT && (smmu_read32(SMMU_GBPA) & GBPA_UPDATE); n++)
		;
	smmu_write32(SMMU_CR1,
		     SMMU_FIELD(CR1_TABLE_SH_L + 1, CR1_TABLE_SH_L, CR1_SH_ISH) |
		     SMMU_FIELD(CR1_TABLE_OC_L + 1, CR1_TABLE_OC_L, CR1_CACHE_WB) |
		     SMMU_FIELD(CR1_TABLE_IC_L + 1, CR1_TABLE_IC_L, CR1_CACHE_WB) |
		     SMMU_FIELD(CR1_QUEUE_SH_L + 1, CR1_QUEUE_SH_L, CR1_SH_ISH) |
		     SMMU_FIELD(CR1_QUEUE_OC_L + 1, CR1_QUEUE_OC_L, CR1_CACHE_WB) |
		     SMMU_FIELD(CR1_QUEUE_IC_L + 1, CR1_QUEUE_IC_L, CR1_CACHE_WB));
	/* Record bad StreamIDs; our ASIDs are the SMMU's own (no broadcast TLBI). */
	smmu_write32(SMMU_CR2, CR2_RECINVSID | CR2_PTM);
	smmu_stream_table_init();
	queues_init();
	cr0 |= CR0_CMDQEN;
	rc = cr0_set(cr0);
	if (rc == 0)
		rc = invalidate_all();
	if (rc != 0)
		return rc;
	cr0 |= CR0_EVTQEN;
	rc = cr0_set(cr0);
	if (rc != 0)
		return rc;
	smmu_write32(SMMU_GERRORN, smmu_read32(SMMU_GERROR));
	rc = irqs_enable();
	if (rc != 0)
		return rc;
	cr0 |= CR0_SMMUEN;
	return cr0_set(cr0);
}

static int smmu_init(void)
{
	int rc;

	if (sizeof(smmu_bases) / sizeof(smmu_bases[0]) > 1)
		printk("SMMU: %u SMMUv3 nodes; only the first is driven\n",
		       (unsigned int)(sizeof(smmu_bases) / sizeof(smmu_bases[0])));
	smmu_dev.base = smmu_bases[0];
	smmu_dev.idr0 = smmu_read32(SMMU_IDR0);
	smmu_dev.idr1 = smmu_read32(SMMU_IDR1);
	smmu_dev.idr5 = smmu_read32(SMMU_IDR5);
	smmu_dev.oas = (unsigned int)SMMU_GET(IDR5_OAS_H, IDR5_OAS_L, smmu_dev.idr5);
	log_features();
	rc = check_features();
	if (rc == 0)
		rc = smmu_reset();
	if (rc != 0) {
		printk("SMMU: not enabled: device DMA is not isolated\n");
		return rc;
	}
	smmu_dev.ready = true;
	printk("SMMU enabled, %u StreamIDs abort by default (%s stream table)\n",
	       1u << smmu_dev.sid_bits, smmu_stream_table_2level() ? "2-level" : "linear");
	return 0;
}

#else

bool smmu_irq(uint32_t intid)
{
	(void)intid;
	return false;
}

static int smmu_init(void)
{
	printk("SMMU: no SMMUv3 in the devicetree: device DMA is not isolated\n");
	return 0;
}

#endif

bool smmu_ready(void)
{
	return smmu_dev.ready;
}

/* Before PCI enumeration (INIT_PRE_SMP 50), so no function is set up
 * while its DMA could bypass the SMMU. */
MHV_INIT(smmu_init, INIT_PRE_SMP, 40);
