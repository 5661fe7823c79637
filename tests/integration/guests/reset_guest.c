/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * PSCI SYSTEM_RESET that restarts the VM (reset-action "restart", the
 * default), on two vCPUs, three boots long. The boot count is kept in
 * RAM the image does not cover, which a reset leaves alone.
 *
 * Boot 1: vCPU 1 stores to a variable of the image without pause. vCPU 0
 * leaves its GIC programmed (an SPI enabled, prioritised, routed to vCPU 1,
 * which never takes it, and pending; an SGI disabled and pending; its
 * redistributor awake), takes a virtual
 * timer interrupt and resets from inside the handler, never ending the
 * interrupt: what a kernel that panics in an interrupt handler does.
 *
 * Boot 2: the image is as built (vCPU 1 had stopped before it was loaded
 * again), vCPU 1 is off, the GIC reads as at reset, the virtual timer
 * interrupts again (the hypervisor released its physical interrupt and
 * the old guest's active priority), CPU_ON works. Then both vCPUs call
 * SYSTEM_RESET at the same moment.
 *
 * Boot 3: that was one reset, not two (the count is 3), and the test ends.
 */
#include <monadic/guest/sdk.h>
#include <monadic/regs/gicv3.h>

#define BOOT_MAGIC 0x52455354U          /* "REST" */
#define CANARY_BUILT 0x0b0a7ed0U
#define CANARY_SCRIBBLED 0x5c71bb1eU
#define TEST_SPI 40U
#define TEST_SPI_PRIO 0x80U
#define TEST_SGI 3U
#define SECONDARY 1U
#define START_TIMEOUT_US 1000000U
#define TIMER_TIMEOUT_US 1000000U
#define TIMER_US 1000U

/* Just past the image's stacks, on a page of its own: below the DTB,
 * which QEMU puts in the middle of RAM and Monadic at its end. */
#define RECORD_GAP 0x10000UL
struct boot_record {
	volatile uint32_t magic;
	volatile uint32_t boots;
};

static volatile uint32_t canary = CANARY_BUILT;
static volatile uint32_t secondary_alive;
static volatile uint32_t go;
static volatile uint32_t timer_fired;

static struct boot_record *boot_record(void)
{
	return (struct boot_record *)(uintptr_t)((guest_info.image_end + 2 * RECORD_GAP - 1) &
						 ~(RECORD_GAP - 1));
}

static volatile uint32_t *gicd(uint32_t off)
{
	return (volatile uint32_t *)(GUEST_GICD_BASE + off);
}

static volatile uint32_t *gicr(uint32_t off)
{
	return (volatile uint32_t *)(GUEST_GICR_BASE + off);  /* vCPU 0's */
}

static uint32_t spi_bit(void)
{
	return 1U << (TEST_SPI % 32U);
}

static uint32_t spi_reg(void)
{
	return TEST_SPI / 32U * 4U;
}

static void scribble(void *arg)
{
	(void)arg;
	secondary_alive = 1;
	for (;;)
		canary = CANARY_SCRIBBLED;
}

static void reset_in_handler(unsigned int intid, void *arg)
{
	(void)intid;
	(void)arg;
	guest_psci_system_reset();
}

/* Boot 1: leave state behind everywhere, then reset mid-interrupt. */
static void first_boot(void)
{
	guest_check(guest_cpu_start(SECONDARY, scribble, NULL) == PSCI_RET_SUCCESS &&
		    guest_wait_flag(&secondary_alive, START_TIMEOUT_US),
		    "boot 1: vCPU 1 stores to the image", "it did not start");
	guest_gic_init();
	*gicd(GICD_IPRIORITYR + TEST_SPI) = TEST_SPI_PRIO;
	*(volatile uint64_t *)(GUEST_GICD_BASE + GICD_IROUTER + 8U * TEST_SPI) = SECONDARY;
	*gicd(GICD_ISPENDR + spi_reg()) = spi_bit();
	*gicd(GICD_ISENABLER + spi_reg()) = spi_bit();
	*gicr(GICR_SGI_OFFSET + GICR_ICENABLER0) = 1U << TEST_SGI;
	guest_sgi_send(TEST_SGI, 0);
	guest_printf("boot 1: GIC programmed, resetting from the timer's interrupt handler\n");
	guest_irq_connect(GUEST_VTIMER_INTID, reset_in_handler, NULL);
	guest_irq_enable(GUEST_VTIMER_INTID, GIC_PRIO_DEFAULT, false);
	guest_timer_set_tval((uint32_t)guest_us_to_ticks(TIMER_US));
	guest_timer_set_ctl(CNTV_CTL_ENABLE);
	guest_irq_unmask();
	for (;;)
		guest_wfi();
}

static void check_gic_as_at_reset(void)
{
	uint32_t ctlr = *gicd(GICD_CTLR);
	uint32_t enabled = *gicd(GICD_ISENABLER + spi_reg()) & spi_bit();
	uint32_t pending = *gicd(GICD_ISPENDR + spi_reg()) & spi_bit();
	uint32_t prio = *gicd(GICD_IPRIORITYR + TEST_SPI) & 0xffU;
	uint64_t route = *(volatile uint64_t *)(GUEST_GICD_BASE + GICD_IROUTER + 8U * TEST_SPI);
	uint32_t sgi_pending = *gicr(GICR_SGI_OFFSET + GICR_ISPENDR0) & 0xffffU;
	uint32_t waker = *gicr(GICR_WAKER);

	guest_check(!(ctlr & GICD_CTLR_ENABLE_G1) && !enabled && !pending && prio == 0 &&
		    route == 0,
		    "boot 2: distributor as at reset",
		    "GICD_CTLR 0x%x, SPI %u enabled %u pending %u priority 0x%x route 0x%lx", ctlr,
		    TEST_SPI, enabled != 0, pending != 0, prio, (unsigned long)route);
	/* (Whether SGIs are enabled at reset is the implementation's choice:
	 * QEMU's GIC has them disabled, Monadic's vGIC enabled, as KVM's.) */
	guest_check(sgi_pending == 0 && (waker & GICR_WAKER_PROCESSOR_SLEEP),
		    "boot 2: redistributor as at reset", "SGIs pending 0x%x, GICR_WAKER 0x%x",
		    sgi_pending, waker);
}

static void count_timer(unsigned int intid, void *arg)
{
	(void)intid;
	(void)arg;
	guest_timer_set_ctl(0);
	timer_fired = 1;
}

static void check_timer_interrupts(void)
{
	guest_gic_init();
	guest_irq_connect(GUEST_VTIMER_INTID, count_timer, NULL);
	guest_irq_enable(GUEST_VTIMER_INTID, GIC_PRIO_DEFAULT, false);
	guest_timer_set_tval((uint32_t)guest_us_to_ticks(TIMER_US));
	guest_timer_set_ctl(CNTV_CTL_ENABLE);
	guest_irq_unmask();
	bool fired = guest_wait_flag(&timer_fired, TIMER_TIMEOUT_US);

	guest_irq_mask();
	guest_check(fired, "boot 2: the virtual timer interrupts again",
		    "no interrupt in %u us (CNTV_CTL 0x%lx)", TIMER_TIMEOUT_US,
		    (unsigned long)guest_timer_ctl());
}

static void reset_on_go(void *arg)
{
	(void)arg;
	secondary_alive = 1;
	while (!go)
		;
	guest_psci_system_reset();
}

/* Boot 2: everything as at the first boot; then two resets at once. */
static void second_boot(void)
{
	guest_check(canary == CANARY_BUILT, "boot 2: the image as built",
		    "a variable of the image holds 0x%x, built as 0x%x", canary, CANARY_BUILT);
	int32_t aff = guest_psci_affinity_info(guest_cpu_mpidr(SECONDARY));

	guest_check(aff == PSCI_AFF_OFF, "boot 2: vCPU 1 off", "AFFINITY_INFO returned %d",
		    (int)aff);
	check_gic_as_at_reset();
	check_timer_interrupts();
	guest_check(guest_cpu_start(SECONDARY, reset_on_go, NULL) == PSCI_RET_SUCCESS &&
		    guest_wait_flag(&secondary_alive, START_TIMEOUT_US),
		    "boot 2: cpu_on after the reset", "vCPU 1 did not start");
	guest_printf("boot 2: both vCPUs reset at once\n");
	go = 1;
	guest_psci_system_reset();
}

int main(void)
{
	struct boot_record *r = boot_record();

	if (r->magic != BOOT_MAGIC) {
		r->magic = BOOT_MAGIC;
		r->boots = 0;
	}
	r->boots = r->boots + 1;
	guest_printf("boot %u\n", r->boots);
	if (r->boots == 1)
		first_boot();
	if (r->boots == 2)
		second_boot();
	guest_check(r->boots == 3, "boot 3: two resets at once made one",
		    "this is boot %u", r->boots);
	r->magic = 0;
	return 0;
}
