/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * A fake PCI topology behind pci_cfg_read32/write32: functions with
 * config space in memory, BARs that keep only their writable address
 * bits (PCIe Base 5.0, 7.5.1.2.1), a command register without the RW1C
 * status half, and bridges that forward config cycles to the functions
 * below them only once their secondary bus number is programmed.
 */
#ifndef TESTS_PCI_FAKE_ECAM_H
#define TESTS_PCI_FAKE_ECAM_H

#include <stdbool.h>
#include <stdint.h>

#define FAKE_MAX_FNS 20
#define FAKE_NO_PARENT (-1)

struct fake_fn {
	int parent;            /* index of the bridge it sits behind, or FAKE_NO_PARENT */
	uint8_t dev, fn;
	uint32_t cfg[1024];
	uint64_t bar_size[6];  /* 0: not implemented (reads 0) */
	uint32_t bar_flags[6]; /* read-only low bits of each BAR */
	bool bar_upper[6];     /* upper half of a 64-bit BAR */
};

extern struct fake_fn fake_fns[FAKE_MAX_FNS];
extern int fake_nfns;
extern unsigned int fake_stray_writes;  /* writes to absent functions */
/* Called after each sized write (pci_cfg_write), if set: a device's reaction. */
extern void (*fake_on_write)(uint16_t bdf, uint32_t off, unsigned int size, uint32_t val);

/* Adds a function; returns its index. */
int fake_add(int parent, uint8_t dev, uint8_t fn, uint16_t vendor, uint16_t device,
	     uint32_t class_code, uint8_t header_type);
/* Memory BAR i of size (32- or 64-bit, flags = prefetch etc. in bits [3:0]). */
void fake_bar_mem(int f, unsigned int i, uint64_t size, bool is64, bool prefetch);
/* I/O BAR i of size. */
void fake_bar_io(int f, unsigned int i, uint32_t size);
/* Bus number a function currently answers on, or -1 if unreachable. */
int fake_bus_of(int f);

#endif
