/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* A guest driving the virtual ITS, for the vITS host tests (test_its.c,
 * test_its_v4.c): its RAM, its command queue and the commands. */
#ifndef VGIC_ITS_GUEST_H
#define VGIC_ITS_GUEST_H

#include <monadic/regs/gicv3_its.h>
#include <stdint.h>

#define ITS 0x08080000ULL
#define RAM_IPA 0x40000000ULL
#define CMDQ_OFF 0x10000U
#define PROP_OFF 0x20000U
#define PEND_OFF 0x30000U
#define RD(vcpu, off) (FAKE_GICR_IPA + (uint64_t)(vcpu) * 0x20000 + (off))
#define NVME 0x8U
#define LPI0 8192U

extern uint8_t its_guest_ram[0x40000];
extern uint64_t its_guest_cwriter;

void write64(uint64_t ipa, uint64_t v);
uint64_t read64(uint64_t ipa);
/* A VM of 2 vCPUs (pCPUs 1, 2) owning the NVMe, LPIs on, ITS enabled,
 * its queue one page at RAM + CMDQ_OFF. */
void setup(void);
/* Appends one command and moves GITS_CWRITER past it. */
void command(uint64_t dw0, uint64_t dw1, uint64_t dw2, uint64_t dw3);
void mapd(uint32_t devid, unsigned int size);
void mapc(uint32_t icid, uint64_t rdbase);
void mapti(uint32_t devid, uint32_t eventid, uint32_t lpi, uint32_t icid);
void event_cmd(uint8_t op, uint32_t devid, uint32_t eventid, uint32_t icid);
/* The LPI's byte in the guest's configuration table. */
void set_config(uint32_t lpi, uint8_t byte);
/* The vINTID in the vCPU's first list register after a flush, 0 if none. */
uint32_t lr0_of(unsigned int vcpu);

#endif
