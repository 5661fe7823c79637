/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * The first guest: it boots, says hello, and checks what every later
 * guest relies on: the DTB, PSCI over HVC and Monadic's hypercalls.
 */
#include <monadic/guest/sdk.h>
#include <monadic/regs/gicv3.h>

#ifndef GUEST_NAME
#define GUEST_NAME "hello_guest"
#endif

/* A vendor-hypervisor ID Monadic does not define. */
#define MHV_HC_UNKNOWN MHV_HC64(0xfffeU)
#define NAME_KEY "name="
#define NAME_MAX 32

/* The guest's name: "name=<x>" in /chosen bootargs, else GUEST_NAME. */
static const char *guest_name(char *buf, unsigned int size)
{
	const char *p = guest_info.bootargs;

	for (; *p; p++) {
		const char *k = NAME_KEY;
		const char *q = p;

		while (*k && *q == *k) {
			k++;
			q++;
		}
		if (*k || (p != guest_info.bootargs && p[-1] != ' '))
			continue;
		unsigned int n = 0;

		while (q[n] && q[n] != ' ' && n + 1 < size) {
			buf[n] = q[n];
			n++;
		}
		buf[n] = '\0';
		return buf;
	}
	return GUEST_NAME;
}

/* SPIs 32..35's and 36..39's priorities: two registers side by side. */
#define PRIO_SPI32 ((volatile uint32_t *)(GUEST_GICD_BASE + GICD_IPRIORITYR + 32U))
#define PRIO_SPI36 ((volatile uint32_t *)(GUEST_GICD_BASE + GICD_IPRIORITYR + 36U))
#define PRIO_LOW 0x40404040U
#define PRIO_HIGH 0xa0a0a0a0U

/* An emulated register read carries that register's bits alone: reading
 * SPI 36..39's priorities right after writing other bits to SPI 32..35's
 * must not return any of those (the vGIC builds a priority read by
 * OR-ing each field into the access's value). */
static void check_emulated_read(void)
{
	uint32_t saved32 = *PRIO_SPI32, saved36 = *PRIO_SPI36;

	*PRIO_SPI36 = PRIO_LOW;
	*PRIO_SPI32 = PRIO_HIGH;
	uint32_t got = *PRIO_SPI36;

	guest_check(got == PRIO_LOW, "emulated read returns its register alone",
		    "GICD_IPRIORITYR(36) read 0x%08x after writing 0x%08x, then 0x%08x to (32)",
		    got, PRIO_LOW, PRIO_HIGH);
	*PRIO_SPI32 = saved32;
	*PRIO_SPI36 = saved36;
}

int main(void)
{
	char name[NAME_MAX];

	guest_printf("Hello from guest %s\n", guest_name(name, sizeof(name)));
	guest_printf("image %p..%p, DTB %p, RAM 0x%lx + 0x%lx, %u CPUs, bootargs \"%s\"\n",
		     (void *)guest_info.image_start, (void *)guest_info.image_end,
		     guest_info.dtb, (unsigned long)guest_info.ram_base,
		     (unsigned long)guest_info.ram_size, guest_info.num_cpus,
		     guest_info.bootargs);

	guest_check(guest_info.dtb != NULL, "dtb in x0", "x0 did not point at an FDT");
	guest_check(guest_info.image_start >= guest_info.ram_base &&
		    guest_info.image_end <= guest_info.ram_base + guest_info.ram_size,
		    "image inside RAM", "image %p..%p, RAM 0x%lx + 0x%lx",
		    (void *)guest_info.image_start, (void *)guest_info.image_end,
		    (unsigned long)guest_info.ram_base, (unsigned long)guest_info.ram_size);

	int32_t v = guest_psci_version();

	guest_printf("PSCI %u.%u\n", PSCI_VERSION_MAJOR(v), PSCI_VERSION_MINOR(v));
	guest_check(v >= 0 && PSCI_VERSION_MAJOR(v) >= 1, "psci version >= 1.0",
		    "PSCI_VERSION returned 0x%x", (unsigned int)v);
	int32_t f = guest_psci_features(PSCI_CPU_ON_64);

	guest_check(f == PSCI_RET_SUCCESS, "psci features cpu_on", "returned %d", (int)f);
	f = guest_psci_features(PSCI_SYSTEM_OFF);
	guest_check(f == PSCI_RET_SUCCESS, "psci features system_off", "returned %d", (int)f);

	int64_t hv = guest_mhv_version();

#ifdef GUEST_UNDER_MONADIC
	guest_check(hv >= 0, "mhv hc version", "MHV_HC_VERSION returned %ld", (long)hv);
	guest_printf("Monadic %u.%u\n", (unsigned int)(hv >> MHV_VERSION_MAJOR_SHIFT),
		     (unsigned int)(hv & MHV_VERSION_MINOR_MASK));
#else
	(void)hv;
	guest_skip("mhv hc version", "not under Monadic");
#endif

	struct guest_smccc_res r = guest_hvc(MHV_HC_UNKNOWN, 0, 0, 0);

	guest_check(r.a0 == SMCCC_RET_NOT_SUPPORTED, "unknown hypercall not supported",
		    "0x%x returned %ld", MHV_HC_UNKNOWN, (long)r.a0);
	r = guest_hvc(MHV_HC32(0xfffeU), 0, 0, 0);
	guest_check(r.a0 == SMCCC_RET_NOT_SUPPORTED, "unknown hypercall smc32 not supported",
		    "0x%x returned %ld", MHV_HC32(0xfffeU), (long)r.a0);
	check_emulated_read();
	return 0;
}
