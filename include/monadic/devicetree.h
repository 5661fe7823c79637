/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Devicetree facts for C, as Zephyr's <zephyr/devicetree.h>: the macros of
 * the generated header, reached through node identifiers. Every address a
 * driver uses comes from here, so no address is typed twice.
 *
 *   DT_NODELABEL(uart0)                  node with label 'uart0'
 *   DT_CHOSEN(monadic_console)           node /chosen/monadic,console points to
 *   DT_REG_ADDR(node), DT_REG_SIZE(node) first reg entry (CPU address)
 *   DT_REG_ADDR_BY_IDX(node, i)          i-th reg entry
 *   DT_IRQ_BY_IDX(node, i, cell)         a cell of the i-th interrupt (type, irq, flags)
 *   DT_PROP(node, prop)                  a property typed by its binding
 *   DT_NODE_PATH(node)                   "/serial@9000000"
 *   DT_FOREACH_STATUS_OKAY(compat, fn)   fn(node) per okay node of a compatible
 *   DT_FOREACH_CPU(fn), DT_NUM_CPUS      the okay CPUs of /cpus
 */
#ifndef MONADIC_DEVICETREE_H
#define MONADIC_DEVICETREE_H

#include <generated/devicetree_generated.h>

/* Arguments are expanded first (a node id may be a macro call), then all
 * pieces are pasted at once so no intermediate name gets expanded. */
#define DT_CAT(a, b) DT_CAT_(a, b)
#define DT_CAT_(a, b) a##b
#define DT_CAT3(a, b, c) DT_CAT3_(a, b, c)
#define DT_CAT3_(a, b, c) a##b##c
#define DT_CAT4(a, b, c, d) DT_CAT4_(a, b, c, d)
#define DT_CAT4_(a, b, c, d) a##b##c##d
#define DT_CAT6(a, b, c, d, e, f) DT_CAT6_(a, b, c, d, e, f)
#define DT_CAT6_(a, b, c, d, e, f) a##b##c##d##e##f

#define DT_NODELABEL(label) DT_CAT(DT_N_NODELABEL_, label)
#define DT_CHOSEN(prop) DT_CAT(DT_CHOSEN_, prop)
#define DT_HAS_CHOSEN(prop) defined(DT_CAT3(DT_CHOSEN_, prop, _EXISTS))

#define DT_NODE_PATH(node) DT_CAT(node, _PATH)
#define DT_NODE_HAS_STATUS_OKAY(node) DT_CAT(node, _STATUS_OKAY)

#define DT_REG_ADDR_BY_IDX(node, i) DT_CAT4(node, _REG_IDX_, i, _VAL_ADDRESS)
#define DT_REG_SIZE_BY_IDX(node, i) DT_CAT4(node, _REG_IDX_, i, _VAL_SIZE)
#define DT_REG_ADDR(node) DT_REG_ADDR_BY_IDX(node, 0)
#define DT_REG_SIZE(node) DT_REG_SIZE_BY_IDX(node, 0)
#define DT_NUM_REGS(node) DT_CAT(node, _REG_NUM)

#define DT_NUM_IRQS(node) DT_CAT(node, _IRQ_NUM)
#define DT_IRQ_BY_IDX(node, i, cell) DT_CAT6(node, _IRQ_IDX_, i, _VAL_, cell, )

#define DT_PROP(node, prop) DT_CAT3(node, _P_, prop)
#define DT_PROP_LEN(node, prop) DT_CAT4(node, _P_, prop, _LEN)
#define DT_PROP_BY_IDX(node, prop, i) DT_CAT6(node, _P_, prop, _IDX_, i, )
#define DT_STRING_TOKEN(node, prop) DT_CAT4(node, _P_, prop, _TOKEN)

#define DT_FOREACH_STATUS_OKAY(compat, fn) DT_CAT3(DT_COMPAT_, compat, _FOREACH_OKAY)(fn)
#define DT_NUM_INST_STATUS_OKAY(compat) DT_CAT3(DT_COMPAT_, compat, _NUM_OKAY)

#endif
