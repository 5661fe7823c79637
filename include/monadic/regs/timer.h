/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The generic timers' control register (Arm ARM D19 CNTV_CTL_EL0 and
 * CNTP_CTL_EL0, the same layout): one map for the hypervisor, which reads
 * a vCPU's timer line from it, and the guest SDK.
 */
#ifndef MONADIC_REGS_TIMER_H
#define MONADIC_REGS_TIMER_H

#define CNT_CTL_ENABLE (1ULL << 0)
#define CNT_CTL_IMASK (1ULL << 1)     /* the output is masked */
#define CNT_CTL_ISTATUS (1ULL << 2)   /* the condition is met */

#endif
