/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* Small helpers shared by all code. */
#ifndef MONADIC_UTIL_H
#define MONADIC_UTIL_H

/*
 * IS_ENABLED(CONFIG_X): 1 if autoconf.h defines CONFIG_X to 1, else 0, as
 * an expression usable in C (the Linux/Zephyr idiom): the placeholder
 * turns "1" into an extra argument that shifts the 1 into place.
 */
#define IS_ENABLED(option) MHV_IS_ENABLED1(option)
#define MHV_IS_ENABLED1(x) MHV_IS_ENABLED2(MHV_PLACEHOLDER_##x)
#define MHV_PLACEHOLDER_1 0,
#define MHV_IS_ENABLED2(arg) MHV_IS_ENABLED3(arg 1, 0)
#define MHV_IS_ENABLED3(ignored, val, ...) val

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
