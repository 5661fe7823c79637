/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Init hooks, as Zephyr's SYS_INIT: a driver or subsystem registers a
 * function for a boot phase and a priority (two digits, 00..99, lower first: the linker sorts the names) without the
 * core knowing about it. Entries live in linker sections the linker script
 * sorts by name.
 */
#ifndef MONADIC_INIT_H
#define MONADIC_INIT_H

/* Boot phases, in order. */
#define INIT_EARLY 0     /* MMU still off: the console, nothing that uses atomics */
#define INIT_PRE_SMP 1   /* MMU on, boot CPU only: interrupt controller, timers */
#define INIT_POST_SMP 2  /* every CPU online: subsystems that use them */
#define INIT_NUM_LEVELS 3

struct init_entry {
	int (*fn)(void);
	const char *name;
};

#define MHV_INIT_SECTION(level, prio) ".mhv_init_" #level "_" #prio
#define MHV_INIT(fn, level, prio)                                           \
	static const struct init_entry __mhv_init_##fn                      \
	__attribute__((used, section(MHV_INIT_SECTION(level, prio)))) = {   \
		fn, #fn                                                     \
	}

/* Run every hook of a phase; a hook returning non-zero is reported. */
void init_run_level(int level);

#endif
