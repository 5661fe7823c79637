/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* Per-VM emulated PL011 state (owned by subsys/vuart). */
#ifndef MONADIC_VUART_STATE_H
#define MONADIC_VUART_STATE_H

#include <stdint.h>

struct vuart {
	uint32_t cr;
};

#endif
