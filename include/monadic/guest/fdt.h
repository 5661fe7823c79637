/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * A tiny flattened-devicetree reader (devicetree spec v0.4, chapter 5):
 * enough for /memory, /cpus and /chosen. Reads only aligned 32-bit words
 * and bytes, so it works with the MMU off.
 */
#ifndef MONADIC_GUEST_FDT_H
#define MONADIC_GUEST_FDT_H

#include <stdbool.h>
#include <stdint.h>

/* True if `fdt` starts with a version-17 compatible FDT header. */
bool guest_fdt_valid(const void *fdt);

/*
 * The value of property `prop` of the node at `path` ("/chosen",
 * "/memory"); a path component without '@' matches any unit address.
 * NULL if absent; *len gets the value's size in bytes.
 */
const void *guest_fdt_prop(const void *fdt, const char *path, const char *prop,
			   uint32_t *len);

/* Number of direct children of `path` whose name is `base` or base@... */
unsigned int guest_fdt_count_children(const void *fdt, const char *path, const char *base);

/* Big-endian cell i of a property value. */
uint32_t guest_fdt_cell(const void *value, unsigned int i);

#endif
