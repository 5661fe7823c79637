/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* Per-VM and per-vCPU vGIC state (owned by subsys/vgic). */
#ifndef MONADIC_VGIC_STATE_H
#define MONADIC_VGIC_STATE_H

#include <stdint.h>

struct vgic_dist {
	uint32_t ctlr;
};

struct vgic_vcpu {
	uint32_t pending_ppi_sgi;
};

#endif
