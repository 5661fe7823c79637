/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The hypervisor image layout, generated per board: it is linked at the
 * start of the devicetree's RAM (chosen monadic,ram) and must fit in the
 * CONFIG_HV_RAM_SIZE the hypervisor keeps for itself there. Sections are
 * page aligned so the EL2 map can give each its own permissions (W^X).
 */

#include <monadic/devicetree.h>

#define RAM_BASE DT_REG_ADDR(DT_CHOSEN(monadic_ram))
#define PAGE 4096

OUTPUT_FORMAT("elf64-littleaarch64")
OUTPUT_ARCH(aarch64)
ENTRY(_start)

SECTIONS
{
	. = RAM_BASE;
	__image_start = .;

	.text : {
		KEEP(*(.text.boot))
		KEEP(*(.text.vectors))
		*(.text .text.*)
	}
	. = ALIGN(PAGE);
	__text_end = .;

	.rodata : {
		*(.rodata .rodata.*)
		. = ALIGN(8);
		__init_level0 = .;
		KEEP(*(SORT_BY_NAME(.mhv_init_0_*)))
		__init_level1 = .;
		KEEP(*(SORT_BY_NAME(.mhv_init_1_*)))
		__init_level2 = .;
		KEEP(*(SORT_BY_NAME(.mhv_init_2_*)))
		__init_end = .;
	}
	. = ALIGN(PAGE);
	__rodata_end = .;

	.data : {
		*(.data .data.*)
	}

	.bss (NOLOAD) : ALIGN(16) {
		__bss_start = .;
		*(.bss .bss.* COMMON)
		. = ALIGN(16);
		__bss_end = .;
	}
	/* Not zeroed at boot (monadic/noinit.h): pools cleared piecewise. */
	.noinit (NOLOAD) : ALIGN(PAGE) {
		*(.noinit .noinit.*)
	}
	. = ALIGN(PAGE);
	__image_end = .;

	/DISCARD/ : {
		*(.comment) *(.note .note.*) *(.eh_frame*) *(.interp) *(.dynamic)
	}
}

ASSERT(__image_end - __image_start <= CONFIG_HV_RAM_SIZE,
       "the hypervisor image (with the guest images it embeds) is larger than CONFIG_HV_RAM_SIZE: raise it")
ASSERT(vectors_el2 % 2048 == 0, "VBAR_EL2 needs 2 KiB alignment")
