/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Every exception taken to EL2 that nothing handles: a decoded report on
 * the console, then this CPU stops (the others carry on). Never a silent
 * hang.
 */

#include <arch/esr.h>
#include <arch/exception_frame.h>
#include <monadic/console.h>
#include <monadic/hal/cpu.h>
#include <monadic/printk.h>

void el2_exception(struct exception_frame *f, unsigned long kind)
{
	char what[128];

	console_recover();
	esr_describe(f->esr, what, sizeof(what));
	printk("\n*** EL2 EXCEPTION on CPU%u: %s ***\n", hal_cpu_index(),
	       exception_vector_name(kind));
	printk("  ESR  0x%016llx  %s\n", (unsigned long long)f->esr, what);
	printk("  FAR  0x%016llx\n", (unsigned long long)f->far);
	printk("  ELR  0x%016llx  SPSR 0x%016llx  SP 0x%016llx\n",
	       (unsigned long long)f->elr, (unsigned long long)f->spsr,
	       (unsigned long long)f->sp);
	for (int i = 0; i < 30; i += 2)
		printk("  x%-2d  0x%016llx  x%-2d  0x%016llx\n", i,
		       (unsigned long long)f->x[i], i + 1, (unsigned long long)f->x[i + 1]);
	printk("  x30  0x%016llx\n", (unsigned long long)f->x[30]);
	printk("*** CPU%u stopped ***\n", hal_cpu_index());
	hal_cpu_halt();
}
