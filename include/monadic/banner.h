/* SPDX-License-Identifier: BSD-2-Clause-Patent */
#ifndef MONADIC_BANNER_H
#define MONADIC_BANNER_H

#include <stdint.h>

/* The boot banner: version, board, every CPU decoded, features, RAM, and
 * the time from reset (counter at 0) to here. */
void banner_print(uint64_t boot_ticks);

#endif
