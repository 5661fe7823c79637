/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* The hypervisor's top level: what the arch boot code calls, what apps see. */
#ifndef MONADIC_MHV_H
#define MONADIC_MHV_H

#include <stdint.h>

/* Identity of this image (subsys/core/image_info.c). */
extern const char mhv_version[];
extern const char mhv_board_target[];
extern const char mhv_board_model[];

/* Boot CPU, MMU on: bring everything up, run the app's main(), then idle
 * or power off (CONFIG_SHUTDOWN_ON_IDLE). */
_Noreturn void mhv_main(uint64_t boot_ticks);

/* A secondary CPU, MMU on. */
_Noreturn void mhv_secondary_main(unsigned int index);

/* The application's entry point (samples/<app>/src/main.c). */
int main(void);

/* PSCI SYSTEM_OFF to the firmware: QEMU exits. */
_Noreturn void mhv_power_off(void);

#endif
