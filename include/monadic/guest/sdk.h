/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* The whole guest SDK. */
#ifndef MONADIC_GUEST_SDK_H
#define MONADIC_GUEST_SDK_H

#include <monadic/guest/console.h>
#include <monadic/guest/cpu.h>
#include <monadic/guest/fault.h>
#include <monadic/guest/fdt.h>
#include <monadic/guest/gic.h>
#include <monadic/guest/hypercall.h>
#include <monadic/guest/its.h>
#include <monadic/guest/psci.h>
#include <monadic/guest/smccc.h>
#include <monadic/guest/sysreg.h>
#include <monadic/guest/test.h>
#include <monadic/guest/timer.h>

#endif
