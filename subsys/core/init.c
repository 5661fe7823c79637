/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* Running the MHV_INIT hooks of a boot phase, in priority order. */

#include <monadic/init.h>
#include <monadic/printk.h>

/* Boundaries the linker script puts around each phase's sorted sections. */
extern const struct init_entry __init_level0[], __init_level1[], __init_level2[],
	__init_end[];

void init_run_level(int level)
{
	static const struct init_entry *const bounds[INIT_NUM_LEVELS + 1] = {
		__init_level0, __init_level1, __init_level2, __init_end,
	};

	for (const struct init_entry *e = bounds[level]; e < bounds[level + 1]; e++) {
		int rc = e->fn();

		if (rc != 0)
			LOG_ERR("init: %s failed (%d)", e->name, rc);
	}
}
