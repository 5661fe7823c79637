/* SPDX-License-Identifier: BSD-2-Clause-Patent */
#ifndef MONADIC_HAL_CACHE_H
#define MONADIC_HAL_CACHE_H

#include <stdint.h>

/* Make [start, start+size) visible to an observer with caches off (a guest
 * booting with its MMU off, a non-coherent device): clean to the Point of
 * Coherency, then invalidate the instruction caches. */
void hal_dcache_clean_range(uintptr_t start, uint64_t size);

#endif
