/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* Which CPUs are online, and what they reported: see monadic/cpus.h. */

#include <monadic/cpus.h>
#include <monadic/hal/cpu.h>
#include <stdatomic.h>
#include <stddef.h>

static struct cpu_info cpu_table[CONFIG_NR_CPUS];
static atomic_uint online_count;

void cpu_mark_online(void)
{
	struct cpu_info *self = &cpu_table[hal_cpu_index()];

	hal_cpu_read_regs(&self->regs);
	self->online = true;
	/* Release: whoever sees the count also sees this CPU's record. */
	atomic_fetch_add_explicit(&online_count, 1, memory_order_release);
	hal_cpu_send_event();
}

const struct cpu_info *cpu_get(unsigned int index)
{
	return index < mhv_cpu_count ? &cpu_table[index] : NULL;
}

unsigned int cpus_online(void)
{
	return atomic_load_explicit(&online_count, memory_order_acquire);
}
