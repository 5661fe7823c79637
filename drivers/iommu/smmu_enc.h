/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Encoders and decoders of the SMMUv3's in-memory structures (STEs,
 * context descriptors, commands, event records): portable, so
 * tests/unit/smmu checks every field on the host.
 */
#ifndef DRIVERS_IOMMU_SMMU_ENC_H
#define DRIVERS_IOMMU_SMMU_ENC_H

#include <stdbool.h>
#include <stdint.h>

#include "smmuv3_regs.h"

/* Stage-1 STE: translate through the single context descriptor at cd_pa. */
void smmu_ste_s1(uint64_t ste[STE_DWORDS], uint64_t cd_pa);
/* Stage-2 STE sharing a VM's stage-2 tables: root and VMID as in VTTBR_EL2,
 * the walk parameters as in VTCR_EL2 (same field values), output size
 * encoding ps (clamped by the caller to SMMU_IDR5.OAS). */
void smmu_ste_s2(uint64_t ste[STE_DWORDS], uint64_t root_pa, uint16_t vmid,
		 uint64_t vtcr, unsigned int ps);
/* Level-1 stream table descriptor for an L2 table of 2^(span - 1) STEs. */
uint64_t smmu_l1std(uint64_t l2_pa, unsigned int span);

/* AArch64 context descriptor: 4 KiB granule, TTB0 only, ia_bits of input
 * address, output size encoding ips, the MAIR value of smmu_s1.h. */
void smmu_cd_s1(uint64_t cd[CD_DWORDS], uint64_t ttb0, unsigned int ia_bits,
		unsigned int ips, uint16_t asid, uint64_t mair);

/* leaf: the STE only; otherwise also a level-1 descriptor that changed. */
void smmu_cmd_cfgi_ste(uint64_t cmd[CMD_DWORDS], uint32_t sid, bool leaf);
void smmu_cmd_cfgi_all(uint64_t cmd[CMD_DWORDS]);
void smmu_cmd_tlbi_nh_asid(uint64_t cmd[CMD_DWORDS], uint16_t asid);
void smmu_cmd_tlbi_s12_vmall(uint64_t cmd[CMD_DWORDS], uint16_t vmid);
/* Opcode-only commands (TLBI_NSNH_ALL, TLBI_EL2_ALL). */
void smmu_cmd_op(uint64_t cmd[CMD_DWORDS], unsigned int op);
void smmu_cmd_sync(uint64_t cmd[CMD_DWORDS]);

struct smmu_event {
	unsigned int type;
	uint32_t sid;
	uint32_t ssid;
	bool ssv;
	bool has_addr;   /* the record type carries InputAddr */
	uint64_t addr;
	bool read;       /* RnW */
	bool stage2;     /* the fault was at stage 2 */
};

void smmu_event_decode(const uint64_t evt[EVT_DWORDS], struct smmu_event *e);
/* "F_TRANSLATION", "C_BAD_STE", ...; "UNKNOWN" otherwise. */
const char *smmu_event_name(unsigned int type);
/* Name of SMMU_GERROR bit n, "" if reserved. */
const char *smmu_gerror_name(unsigned int bit);

#endif /* DRIVERS_IOMMU_SMMU_ENC_H */
