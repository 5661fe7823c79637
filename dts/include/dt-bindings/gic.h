/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* GICv3 interrupt specifier cells (Linux arm,gic-v3 binding): type, number, flags. */
#ifndef DT_BINDINGS_GIC_H
#define DT_BINDINGS_GIC_H

#define GIC_SPI 0
#define GIC_PPI 1

#define IRQ_TYPE_EDGE_RISING 1
#define IRQ_TYPE_LEVEL_HIGH 4

#endif
