/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The guest's CPUs and machine, as the SDK found them at boot.
 *
 * Boot contract: vCPU 0 enters the image's first byte at EL1h, MMU off,
 * x0 = the DTB's IPA. A guest's main() runs on vCPU 0; when it returns
 * the SDK prints the test summary and calls PSCI SYSTEM_OFF.
 */
#ifndef MONADIC_GUEST_CPU_H
#define MONADIC_GUEST_CPU_H

#define GUEST_MAX_CPUS 8
#define GUEST_STACK_SIZE 8192

/* The virt machine's RAM; its size comes from the DTB's /memory when the
 * guest has one, else GUEST_DEFAULT_RAM_SIZE. */
#define GUEST_RAM_BASE 0x40000000UL
#define GUEST_DEFAULT_RAM_SIZE (64UL << 20)

/* The rest is C (start.S needs only the sizes above). */
#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stdint.h>

struct guest_info {
	const void *dtb;          /* NULL if x0 did not point at a valid FDT */
	uint64_t ram_base;
	uint64_t ram_size;
	unsigned int num_cpus;    /* /cpus children, 1 without a DTB */
	const char *bootargs;     /* /chosen bootargs, "" if none */
	uint64_t image_start;     /* where the image runs (it is position independent) */
	uint64_t image_end;       /* end of BSS and stacks */
};

extern struct guest_info guest_info;

int main(void);

/* This CPU's number: MPIDR_EL1.Aff0 (the contract gives vCPU n Aff0 = n). */
static inline unsigned int guest_cpu_index(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, tpidr_el1" : "=r"(v));
	return (unsigned int)v;
}

/* The MPIDR value PSCI wants for vCPU n. */
static inline uint64_t guest_cpu_mpidr(unsigned int cpu)
{
	return cpu;
}

typedef void (*guest_cpu_fn)(void *arg);

/*
 * Start vCPU `cpu` (PSCI CPU_ON) in the SDK's secondary entry: it gets
 * its own stack, the SDK's vectors and calls fn(arg); when fn returns the
 * CPU turns itself off (PSCI CPU_OFF). Returns the PSCI result.
 */
int32_t guest_cpu_start(unsigned int cpu, guest_cpu_fn fn, void *arg);

/* The IPA of the SDK's secondary entry point (for raw CPU_ON tests). */
uint64_t guest_secondary_entry_ipa(void);

#endif /* __ASSEMBLER__ */
#endif
