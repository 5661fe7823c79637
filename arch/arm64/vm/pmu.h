/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* The guest's PMU, debug and trace controls (pmu.c). */
#ifndef ARM64_VM_PMU_H
#define ARM64_VM_PMU_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;

/* MDCR_EL2 for a vCPU on this pCPU. */
uint64_t pmu_mdcr_el2(void);

/* A trapped MSR/MRS (its ISS): if it is a PMU register, do the access
 * for the guest (or give it an undefined instruction) and return true. */
bool pmu_trapped_access(struct vcpu *vcpu, uint64_t iss);

#endif
