/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The ITS command queue (IHI 0069 5.3 "ITS commands", 12.19 GITS_CBASER,
 * GITS_CWRITER, GITS_CREADR): a 4 KiB ring of 32-byte commands. Each
 * batch ends with a SYNC for the calling CPU's redistributor and is
 * waited for, so the ring is empty between batches and a caller knows
 * its commands took effect when its_send returns.
 */

#include <monadic/errno.h>
#include <monadic/hal/cpu.h>
#include <monadic/printk.h>

#include "gicv3.h"
#include "its_internal.h"

#define CMDQ_SIZE 4096U
#define CMDQ_SLOTS (CMDQ_SIZE / ITS_CMD_SIZE)
/* How long a batch may take before we say so (QEMU and hardware take
 * microseconds). */
#define CMDQ_TIMEOUT_MS 100

static _Alignas(CMDQ_SIZE) its_cmd_t cmdq[CMDQ_SLOTS];

static volatile uint64_t *its_reg64(uintptr_t off)
{
	return gic_reg64(its_dev.base, off);
}

void its_queue_init(void)
{
	/* Size 0: one 4 KiB page. */
	its_dev.coherent &= gic_table_base_write(its_reg64(GITS_CBASER), GITS_CBASER_VALID |
						 ((uintptr_t)cmdq & GITS_CBASER_ADDR_MASK), false);
	*its_reg64(GITS_CWRITER) = 0;
	its_dev.cwriter = 0;
}

static void put(const its_cmd_t cmd)
{
	uint64_t *slot = cmdq[its_dev.cwriter / ITS_CMD_SIZE];

	for (unsigned int i = 0; i < ITS_CMD_DWORDS; i++)
		slot[i] = cmd[i];
	its_dev.cwriter = (its_dev.cwriter + ITS_CMD_SIZE) % CMDQ_SIZE;
}

static void report(uint32_t offset, const char *what)
{
	struct its_cmd_fields f;

	its_cmd_decode(cmdq[offset / ITS_CMD_SIZE], &f);
	printk("ITS: %s (DeviceID 0x%x EventID 0x%x ICID %u) at 0x%x %s\n",
	       its_cmd_name(f.opcode), f.devid, f.eventid, f.icid, offset, what);
}

/* A stalled command (GITS_TYPER.SEIS = 0 ITSs stall on errors) is
 * replaced by a SYNC and retried, so the queue moves on. */
static void unstall(uint32_t offset)
{
	its_cmd_t sync;

	its_cmd_sync(sync, its_rdbase(hal_cpu_index()));
	for (unsigned int i = 0; i < ITS_CMD_DWORDS; i++)
		cmdq[offset / ITS_CMD_SIZE][i] = sync[i];
	gic_table_publish(cmdq, sizeof(cmdq), its_dev.coherent);
	*its_reg64(GITS_CWRITER) = its_dev.cwriter | GITS_CWRITER_RETRY;
}

static int wait_idle(void)
{
	uint64_t deadline = hal_counter_deadline_ms(CMDQ_TIMEOUT_MS);
	bool stalled = false;

	for (;;) {
		uint64_t creadr = *its_reg64(GITS_CREADR);
		uint32_t offset = (uint32_t)(creadr & GITS_CMDQ_OFFSET_MASK);

		if (offset == its_dev.cwriter && !(creadr & GITS_CREADR_STALLED))
			return stalled ? -MHV_EIO : 0;
		if ((creadr & GITS_CREADR_STALLED) && !stalled) {
			report(offset, "stalled the command queue: skipped");
			unstall(offset);
			stalled = true;
		}
		if (hal_counter_ticks() > deadline) {
			report(offset, "not done after 100 ms: the ITS is stuck");
			return -MHV_EIO;
		}
	}
}

int its_send(const its_cmd_t *cmds, unsigned int n)
{
	its_cmd_t sync;
	int rc = wait_idle();   /* only after a batch that timed out */

	if (rc != 0)
		return rc;
	if (n + 1 >= CMDQ_SLOTS)
		return -MHV_EINVAL;
	for (unsigned int i = 0; i < n; i++)
		put(cmds[i]);
	its_cmd_sync(sync, its_rdbase(hal_cpu_index()));
	put(sync);
	gic_table_publish(cmdq, sizeof(cmdq), its_dev.coherent);
	*its_reg64(GITS_CWRITER) = its_dev.cwriter;
	return wait_idle();
}
