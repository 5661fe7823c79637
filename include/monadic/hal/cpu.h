/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * What the portable core needs from the CPU. arch/<arch>/ implements it;
 * the core never includes an arch header.
 */
#ifndef MONADIC_HAL_CPU_H
#define MONADIC_HAL_CPU_H

#include <stdint.h>

/* The identification registers of the calling CPU, read raw: decoding is
 * portable (monadic/cpu_id.h) so it can be unit-tested on the host. */
struct hal_cpu_regs {
	uint64_t midr;
	uint64_t mpidr;
	uint64_t current_el;     /* the exception level number, 0..3 */
	uint64_t id_aa64pfr0;
	uint64_t id_aa64pfr1;
	uint64_t id_aa64isar0;
	uint64_t id_aa64isar1;
	uint64_t id_aa64isar2;
	uint64_t id_aa64mmfr0;
	uint64_t id_aa64mmfr1;
};

void hal_cpu_read_regs(struct hal_cpu_regs *out);

/* Index of the calling CPU in the devicetree's /cpus (0..DT_NUM_CPUS-1). */
unsigned int hal_cpu_index(void);

/* Sleep until an event (SEV, an exclusive monitor clear, an interrupt). */
void hal_cpu_wait_event(void);
void hal_cpu_send_event(void);

/* Mask interrupts and stop the calling CPU for good. */
_Noreturn void hal_cpu_halt(void);

/* The system counter: ticks since reset and its frequency (Hz). */
uint64_t hal_counter_ticks(void);
uint64_t hal_counter_freq(void);

/* The counter's value 'ms' milliseconds from now: a bounded wait's end. */
static inline uint64_t hal_counter_deadline_ms(uint64_t ms)
{
	return hal_counter_ticks() + hal_counter_freq() * ms / 1000u;
}

/* Where a secondary CPU starts (physical address, for PSCI CPU_ON): the
 * boot path, which owns the entry code, says so before mhv_main. */
void hal_set_secondary_entry(uintptr_t entry);
uintptr_t hal_secondary_entry(void);

#endif
