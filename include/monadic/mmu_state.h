/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* Whether the hypervisor's own MMU (and so cacheable memory) is on yet. */
#ifndef MONADIC_MMU_STATE_H
#define MONADIC_MMU_STATE_H

#include <stdbool.h>

bool mmu_is_on(void);

#endif
