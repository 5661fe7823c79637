/* SPDX-License-Identifier: BSD-2-Clause-Patent */
#define _POSIX_C_SOURCE 200809L  /* rand_r, clock_gettime */
/*
 * The reset rendezvous against running vCPUs (subsys/vm/vcpu_power.c).
 * Each pCPU is a thread running what vm_cpu_loop does: take a CPU_ON,
 * run the guest while the vCPU is on, park. A running "guest" writes its
 * slot of the image (plain stores), starts a sibling (CPU_ON), turns
 * itself off (CPU_OFF) or resets the VM (SYSTEM_RESET), which rewrites
 * every slot (plain stores again). If a reset ever wrote while a guest
 * still ran, ThreadSanitizer reports the race, and the reset's own look
 * at who is in a guest counts it. Several vCPUs reset at once too: one
 * reset wins, the others are powered off.
 */
#include <monadic/hal/cpu.h>
#include <monadic/vm/vm.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "unit.h"
#include "vm_internal.h"

#define NVCPUS 4
#define RESETS 200
#define CHOICES 64            /* per guest step: 1 in 64 each of the actions below */
#define TEST_TIMEOUT_S 120

static struct vm vm;
static struct vm_config cfg;
static uint64_t image[NVCPUS];          /* plain: the guests' and the resets' */
static atomic_uint in_guest[NVCPUS];
static atomic_uint starts[NVCPUS];
static atomic_uint resets_done, resets_lost, violations, stops;
static atomic_bool done;

/* ---- what the pCPUs' hardware and the rest of the VM core would do ---- */

void vcpu_kick(struct vcpu *v)
{
	(void)v;  /* the threads spin: nothing to wake */
}

/* Slow on purpose (10 s of real time per counter second): the timeout of
 * the rendezvous is not what this tests, a loaded host's scheduling is. */
uint64_t hal_counter_ticks(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return ((uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec) / 10u;
}

uint64_t hal_counter_freq(void)
{
	return 1000000000u;
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

void vm_stop(struct vm *v, enum vm_state why)
{
	(void)v;
	(void)why;
	atomic_fetch_add(&stops, 1);
	atomic_store(&done, true);
}

/* ---- the test --------------------------------------------------------- */

/* psci.c's SYSTEM_RESET, less what the rendezvous does not order. */
static void system_reset(struct vcpu *caller)
{
	if (!vm_quiesce_for_reset(caller)) {
		atomic_fetch_add(&resets_lost, 1);
		return;
	}
	for (unsigned int i = 0; i < NVCPUS; i++) {
		if (&vm.vcpus[i] != caller && atomic_load(&in_guest[i]))
			atomic_fetch_add(&violations, 1);
	}
	for (unsigned int i = 0; i < NVCPUS; i++)
		image[i] = 0;
	atomic_store(&caller->power, VCPU_OFF);
	atomic_store(&vm.resetting, false);
	atomic_fetch_add(&resets_done, 1);
	vcpu_power_on(&vm.vcpus[0], 0, 0);
}

/* A reset is made only while another vCPU runs too: it has someone to
 * stop, and that one may be resetting as well. */
static bool others_in_guests(const struct vcpu *v)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < NVCPUS; i++)
		n += i != v->index && atomic_load(&in_guest[i]);
	return n >= 2;
}

/* vCPU 0 starts the others as it boots. */
static void run_guest(struct vcpu *v, unsigned int *seed)
{
	for (unsigned int i = 1; v->index == 0 && i < NVCPUS; i++)
		(void)vcpu_cpu_on(&vm.vcpus[i], 0, 0);
	while (atomic_load(&v->power) == VCPU_ON && !atomic_load(&done)) {
		image[v->index]++;
		switch (rand_r(seed) % CHOICES) {
		case 0:
			(void)vcpu_cpu_on(&vm.vcpus[(v->index + 1) % NVCPUS], 0, 0);
			break;
		case 1:
			if (atomic_load(&resets_done) < RESETS && others_in_guests(v))
				system_reset(v);
			break;
		case 2:
			if (v->index != 0 && rand_r(seed) % CHOICES == 0)
				atomic_store(&v->power, VCPU_OFF);  /* CPU_OFF */
			break;
		default:
			break;
		}
	}
}

static void *pcpu(void *arg)
{
	struct vcpu *v = arg;
	unsigned int seed = v->index + 1;

	while (!atomic_load(&done)) {
		if (!vcpu_claim_power_on(v)) {
			sched_yield();
			continue;
		}
		atomic_store(&in_guest[v->index], 1);
		atomic_fetch_add(&starts[v->index], 1);
		run_guest(v, &seed);
		atomic_store(&in_guest[v->index], 0);
		vcpu_park(v);
	}
	return NULL;
}

int main(void)
{
	pthread_t threads[NVCPUS];
	time_t start = time(NULL);

	cfg.name = "power";
	cfg.num_vcpus = NVCPUS;
	vm.cfg = &cfg;
	atomic_init(&vm.state, VM_STATE_RUNNING);
	atomic_init(&vm.resetting, false);
	for (unsigned int i = 0; i < NVCPUS; i++) {
		vm.vcpus[i].vm = &vm;
		vm.vcpus[i].index = i;
		atomic_init(&vm.vcpus[i].power, VCPU_OFF);
		atomic_init(&vm.vcpus[i].parked, true);
	}
	vcpu_power_on(&vm.vcpus[0], 0, 0);
	for (unsigned int i = 0; i < NVCPUS; i++)
		pthread_create(&threads[i], NULL, pcpu, &vm.vcpus[i]);
	while (atomic_load(&resets_done) < RESETS && !atomic_load(&done) &&
	       time(NULL) - start < TEST_TIMEOUT_S)
		sched_yield();
	atomic_store(&done, true);
	for (unsigned int i = 0; i < NVCPUS; i++)
		pthread_join(threads[i], NULL);

	printf("%u resets, %u calls that found one under way; starts:", atomic_load(&resets_done),
	       atomic_load(&resets_lost));
	for (unsigned int i = 0; i < NVCPUS; i++)
		printf(" %u", atomic_load(&starts[i]));
	printf("\n");
	CHECK_INT(atomic_load(&resets_done), RESETS, "every reset went through");
	CHECK_INT(atomic_load(&violations), 0, "no reset found another vCPU in its guest");
	CHECK_INT(atomic_load(&stops), 0, "no vCPU failed to leave in time");
	CHECK(atomic_load(&resets_lost) > 0, "resets at the same time happened (and lost)");
	return unit_done();
}
