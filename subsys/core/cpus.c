/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* The CPU table: see monadic/cpus.h. */

#include <monadic/cpus.h>
#include <monadic/devicetree.h>
#include <stdatomic.h>
#include <stddef.h>

#if DT_NUM_CPUS > CONFIG_NR_CPUS
#error "the devicetree lists more CPUs than CONFIG_NR_CPUS: raise CONFIG_NR_CPUS"
#endif
#if DT_NUM_CPUS == 0
#error "the devicetree lists no CPU in /cpus"
#endif

#define CPU_MPIDR(node) DT_REG_ADDR(node),
const uint64_t mhv_cpu_mpidr[] = { DT_FOREACH_CPU(CPU_MPIDR) };
const unsigned int mhv_cpu_count = DT_NUM_CPUS;

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
