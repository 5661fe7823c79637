/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Emulated MMIO: a guest load or store that hits no Stage-2 mapping traps
 * to EL2 (data abort with a valid syndrome); the VM core decodes it into a
 * struct mmio_access and hands it to the region that covers the IPA
 * (vGIC distributor/redistributors, the emulated PL011, ...). A handler
 * returning non-zero, or no region covering the IPA, makes the guest take a
 * synchronous external abort: the guest sees a fault, nothing else does.
 */
#ifndef MONADIC_VM_MMIO_H
#define MONADIC_VM_MMIO_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;

struct mmio_access {
	uint64_t ipa;        /* the address the guest accessed */
	uint64_t offset;     /* ipa - region base */
	/* write: the data (zero-extended); read: every bit set by the
	 * handler (the record is reused from exit to exit, so a bit left
	 * alone is the previous access's: vm.hello's "emulated read returns
	 * its register alone" catches that) */
	uint64_t value;
	unsigned int size;   /* 1, 2, 4 or 8 bytes */
	bool write;
};

/* 0 when emulated; negative to fault the guest. */
typedef int (*mmio_handler_t)(struct vcpu *vcpu, struct mmio_access *access, void *priv);

struct mmio_region {
	uint64_t base;
	uint64_t size;
	mmio_handler_t handler;
	void *priv;
	const char *name;    /* for trap statistics and reports */
};

#define VM_MAX_MMIO_REGIONS 16

#endif
