/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Command and event queues, IHI 0070 3.5 "Command and Event queues": a
 * circular buffer of 2^n entries whose PROD and CONS registers hold an
 * index plus a wrap bit (bit n); the queue is empty when both are equal
 * and full when only the wrap bits differ. Global errors, 7.5.
 */

#include <monadic/errno.h>
#include <monadic/printk.h>

#include "smmu_enc.h"
#include "smmuv3.h"

/* MMIO reads of CONS while the SMMU works through the queue; far more
 * than QEMU or hardware needs for a few commands. */
#define SMMU_POLL_LIMIT 1000000u

struct smmu smmu_dev;

uint32_t smmu_read32(uint32_t off)
{
	return *(volatile uint32_t *)(smmu_dev.base + off);
}

void smmu_write32(uint32_t off, uint32_t val)
{
	*(volatile uint32_t *)(smmu_dev.base + off) = val;
}

void smmu_write64(uint32_t off, uint64_t val)
{
	*(volatile uint64_t *)(smmu_dev.base + off) = val;
}

void smmu_wmb(void)
{
	__asm__ volatile("dsb st" ::: "memory");
}

void smmu_rmb(void)
{
	__asm__ volatile("dsb ld" ::: "memory");
}

/* Index with wrap bit: the low log2size + 1 bits. */
static uint32_t q_mask(const struct smmu_queue *q)
{
	return (2u << q->log2size) - 1;
}

static bool q_full(const struct smmu_queue *q, uint32_t prod, uint32_t cons)
{
	return ((prod ^ cons) & q_mask(q)) == (1u << q->log2size);
}

static void *q_entry(const struct smmu_queue *q, uint32_t index)
{
	return (char *)q->base + (index & ((1u << q->log2size) - 1)) * q->entry_size;
}

/* A command error stops the queue at the bad command (7.1): report it,
 * replace the command by CMD_SYNC (always valid) and acknowledge, so the
 * queue moves on. */
static int cmdq_error(uint32_t gerror_active)
{
	static const char *const errs[] = {
		[CMDQ_ERR_NONE] = "none", [CMDQ_ERR_ILL] = "CERROR_ILL",
		[CMDQ_ERR_ABT] = "CERROR_ABT", [CMDQ_ERR_ATC_INV_SYNC] = "CERROR_ATC_INV_SYNC",
	};
	uint32_t cons = smmu_read32(SMMU_CMDQ_CONS);
	unsigned int err = (unsigned int)SMMU_GET(CMDQ_CONS_ERR_H, CMDQ_CONS_ERR_L, cons);
	uint64_t *cmd = q_entry(&smmu_dev.cmdq, cons);

	printk("SMMU: command 0x%02llx at CONS %u failed: %s\n",
	       (unsigned long long)SMMU_GET(CMD0_OP_H, CMD0_OP_L, cmd[0]),
	       (unsigned int)(cons & q_mask(&smmu_dev.cmdq)),
	       err < sizeof(errs) / sizeof(errs[0]) ? errs[err] : "reserved");
	smmu_cmd_sync(cmd);
	smmu_wmb();
	smmu_write32(SMMU_GERRORN, smmu_read32(SMMU_GERRORN) ^ gerror_active);
	return -MHV_EIO;
}

static uint32_t gerror_active(void)
{
	return smmu_read32(SMMU_GERROR) ^ smmu_read32(SMMU_GERRORN);
}

int smmu_cmdq_issue(const uint64_t *cmd)
{
	struct smmu_queue *q = &smmu_dev.cmdq;
	uint64_t *slot;
	unsigned int n = 0;

	while (q_full(q, q->shadow, smmu_read32(q->cons_off))) {
		if (++n == SMMU_POLL_LIMIT) {
			printk("SMMU: command queue stuck full\n");
			return -MHV_EIO;
		}
	}
	slot = q_entry(q, q->shadow);
	slot[0] = cmd[0];
	slot[1] = cmd[1];
	q->shadow = (q->shadow + 1) & q_mask(q);
	smmu_wmb();
	smmu_write32(q->prod_off, q->shadow);
	return 0;
}

int smmu_cmdq_sync(void)
{
	struct smmu_queue *q = &smmu_dev.cmdq;
	uint64_t cmd[CMD_DWORDS];
	int rc;

	smmu_cmd_sync(cmd);
	rc = smmu_cmdq_issue(cmd);
	if (rc != 0)
		return rc;
	/* CMD_SYNC completes once every earlier command has (4.7.3); with
	 * CS = none, CONS passing it is the completion. */
	for (unsigned int n = 0; n < SMMU_POLL_LIMIT; n++) {
		uint32_t gerr = gerror_active() & (1u << GERROR_CMDQ_ERR);

		if (gerr)
			return cmdq_error(gerr);
		if ((smmu_read32(q->cons_off) & q_mask(q)) == q->shadow)
			return 0;
	}
	printk("SMMU: CMD_SYNC did not complete\n");
	return -MHV_EIO;
}

static void report_gerror(void)
{
	uint32_t active = gerror_active();
	char line[160];
	int n;

	/* CMDQ_ERR is handled (and acknowledged) where commands are waited on. */
	active &= ~(1u << GERROR_CMDQ_ERR);
	if (active == 0)
		return;
	n = mhv_snprintf(line, sizeof(line), "SMMU global error:");
	for (unsigned int b = 0; b < GERROR_BITS && n < (int)sizeof(line); b++)
		if (active & (1u << b))
			n += mhv_snprintf(line + n, sizeof(line) - (size_t)n, " %s",
					  smmu_gerror_name(b));
	/* QEMU raises it when the event queue is full (real SMMUs set the
	 * queue's overflow flag instead): either way, records were dropped. */
	if ((active & (1u << GERROR_EVTQ_ABT_ERR)) && n < (int)sizeof(line))
		mhv_snprintf(line + n, sizeof(line) - (size_t)n, " (events were lost)");
	printk("%s\n", line);
	smmu_write32(SMMU_GERRORN, smmu_read32(SMMU_GERRORN) ^ active);
}

/*
 * Consecutive events of one stream that repeat an address, or walk up
 * through addresses in equal steps (QEMU records one event per 4-byte
 * beat of a refused transfer), are one run: one line with the range and a
 * count. A misbehaving device must not be able to flood the console.
 */
#define RUN_MAX_STRIDE 0x1000u

struct event_run {
	struct smmu_event first;
	uint64_t last_addr;
	uint64_t stride;       /* 0: the same address repeated */
	unsigned int count;
};

static void report_run(const struct event_run *r)
{
	const struct smmu_event *e = &r->first;
	char line[192];
	int n;

	n = mhv_snprintf(line, sizeof(line), "SMMU event %s (0x%02x) StreamID 0x%x",
			 smmu_event_name(e->type), e->type, e->sid);
	if (e->ssv && n < (int)sizeof(line))
		n += mhv_snprintf(line + n, sizeof(line) - (size_t)n, " SubstreamID 0x%x", e->ssid);
	if (e->has_addr && n < (int)sizeof(line))
		n += mhv_snprintf(line + n, sizeof(line) - (size_t)n, " %s addr 0x%llx",
				  e->read ? "read" : "write", (unsigned long long)e->addr);
	if (e->has_addr && r->last_addr != e->addr && n < (int)sizeof(line))
		n += mhv_snprintf(line + n, sizeof(line) - (size_t)n, "-0x%llx",
				  (unsigned long long)r->last_addr);
	if (e->has_addr && e->stage2 && n < (int)sizeof(line))
		n += mhv_snprintf(line + n, sizeof(line) - (size_t)n, " (stage 2)");
	if (r->count > 1 && n < (int)sizeof(line))
		mhv_snprintf(line + n, sizeof(line) - (size_t)n, " (x%u)", r->count);
	printk("%s\n", line);
}

static bool run_extends(const struct event_run *r, const struct smmu_event *e)
{
	const struct smmu_event *a = &r->first;
	uint64_t step = e->addr - r->last_addr;

	if (a->type != e->type || a->sid != e->sid || a->ssv != e->ssv || a->ssid != e->ssid ||
	    a->read != e->read || a->has_addr != e->has_addr || a->stage2 != e->stage2)
		return false;
	if (!e->has_addr)
		return true;
	if (r->count == 1)
		return e->addr >= r->last_addr && step <= RUN_MAX_STRIDE;
	return step == r->stride;
}

/*
 * The queue's slots are handed back (CONS) before each slow console line:
 * a device still faulting meanwhile finds room instead of a full queue
 * that would drop its events.
 */
unsigned int smmu_poll_events(void)
{
	struct smmu_queue *q = &smmu_dev.evtq;
	unsigned int count = 0;
	struct event_run run = { .count = 0 };
	struct smmu_event e;
	uint32_t prod;

	if (!smmu_dev.ready)
		return 0;
	spin_lock(&smmu_dev.lock);
	prod = smmu_read32(q->prod_off);
	smmu_rmb();
	while ((q->shadow & q_mask(q)) != (prod & q_mask(q))) {
		smmu_event_decode(q_entry(q, q->shadow), &e);
		q->shadow = (q->shadow & Q_OVF) | ((q->shadow + 1) & q_mask(q));
		count++;
		if (run.count > 0 && run_extends(&run, &e)) {
			run.stride = e.addr - run.last_addr;
			run.last_addr = e.addr;
			run.count++;
			continue;
		}
		if (run.count > 0) {
			smmu_write32(q->cons_off, q->shadow);
			report_run(&run);
		}
		run = (struct event_run){ .first = e, .last_addr = e.addr, .count = 1 };
	}
	/* Overflow (7.4): OVFLG differs from our OVACKFLG; copy it back. */
	bool overflowed = ((prod ^ q->shadow) & Q_OVF) != 0;

	q->shadow ^= overflowed ? Q_OVF : 0;
	smmu_write32(q->cons_off, q->shadow);
	if (run.count > 0)
		report_run(&run);
	if (overflowed)
		printk("SMMU: event queue overflowed: events were lost\n");
	report_gerror();
	spin_unlock(&smmu_dev.lock);
	return count;
}
