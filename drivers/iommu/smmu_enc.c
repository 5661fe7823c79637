/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Field-by-field encodings, IHI 0070: 5.2 (STE), 5.4 (CD), 4 (commands),
 * 7.3 (events), 6.3.18 (GERROR). Unnamed fields stay 0, their reset or
 * "use incoming" meaning, unless a comment says otherwise.
 */

#include <monadic/mm/stage2_regs.h>

#include "smmu_enc.h"

/* The walk attributes of the SMMU's own structures and of the tables it
 * walks: Write-Back cacheable, Inner Shareable, which needs SMMU_IDR0.COHACC
 * (the driver refuses an SMMU without it). */
#define WALK_RGN_WBWA 1u
#define WALK_SH_ISH 3u

static void clear(uint64_t *d, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		d[i] = 0;
}

void smmu_ste_s1(uint64_t ste[STE_DWORDS], uint64_t cd_pa)
{
	clear(ste, STE_DWORDS);
	/* S1Fmt 0 and S1CDMax 0: one context descriptor, no SubstreamIDs. */
	ste[0] = STE0_V | SMMU_FIELD(STE0_CONFIG_H, STE0_CONFIG_L, STE_CONFIG_S1) |
		 (cd_pa & STE0_S1CTXPTR_MASK);
	ste[1] = SMMU_FIELD(STE1_S1CIR_H, STE1_S1CIR_L, WALK_RGN_WBWA) |
		 SMMU_FIELD(STE1_S1COR_H, STE1_S1COR_L, WALK_RGN_WBWA) |
		 SMMU_FIELD(STE1_S1CSH_H, STE1_S1CSH_L, WALK_SH_ISH) |
		 SMMU_FIELD(STE1_STRW_H, STE1_STRW_L, STE_STRW_NSEL1) |
		 SMMU_FIELD(STE1_SHCFG_H, STE1_SHCFG_L, STE_SHCFG_INCOMING);
}

void smmu_ste_s2(uint64_t ste[STE_DWORDS], uint64_t root_pa, uint16_t vmid,
		 uint64_t vtcr, unsigned int ps)
{
	clear(ste, STE_DWORDS);
	ste[0] = STE0_V | SMMU_FIELD(STE0_CONFIG_H, STE0_CONFIG_L, STE_CONFIG_S2);
	ste[1] = SMMU_FIELD(STE1_SHCFG_H, STE1_SHCFG_L, STE_SHCFG_INCOMING);
	/* The same walk the CPU does for this VM: VTCR_EL2's fields verbatim.
	 * S2PTW only matters with stage 1 enabled, S2R records faults. */
	ste[2] = SMMU_FIELD(STE2_S2VMID_H, STE2_S2VMID_L, vmid) |
		 SMMU_FIELD(STE2_S2T0SZ_H, STE2_S2T0SZ_L,
			    (vtcr & VTCR_EL2_T0SZ_MASK) >> VTCR_EL2_T0SZ_SHIFT) |
		 SMMU_FIELD(STE2_S2SL0_H, STE2_S2SL0_L,
			    (vtcr & VTCR_EL2_SL0_MASK) >> VTCR_EL2_SL0_SHIFT) |
		 SMMU_FIELD(STE2_S2IR0_H, STE2_S2IR0_L,
			    (vtcr & VTCR_EL2_IRGN0_MASK) >> VTCR_EL2_IRGN0_SHIFT) |
		 SMMU_FIELD(STE2_S2OR0_H, STE2_S2OR0_L,
			    (vtcr & VTCR_EL2_ORGN0_MASK) >> VTCR_EL2_ORGN0_SHIFT) |
		 SMMU_FIELD(STE2_S2SH0_H, STE2_S2SH0_L,
			    (vtcr & VTCR_EL2_SH0_MASK) >> VTCR_EL2_SH0_SHIFT) |
		 SMMU_FIELD(STE2_S2TG_H, STE2_S2TG_L,
			    (vtcr & VTCR_EL2_TG0_MASK) >> VTCR_EL2_TG0_SHIFT) |
		 SMMU_FIELD(STE2_S2PS_H, STE2_S2PS_L, ps) |
		 STE2_S2AA64 | STE2_S2R;
	ste[3] = root_pa & STE3_S2TTB_MASK;
}

uint64_t smmu_l1std(uint64_t l2_pa, unsigned int span)
{
	return SMMU_FIELD(L1STD_SPAN_H, L1STD_SPAN_L, span) | (l2_pa & L1STD_L2PTR_MASK);
}

void smmu_cd_s1(uint64_t cd[CD_DWORDS], uint64_t ttb0, unsigned int ia_bits,
		unsigned int ips, uint16_t asid, uint64_t mair)
{
	clear(cd, CD_DWORDS);
	/* TTB1 unused (EPD1); faults terminate the transaction (A) and are
	 * recorded (R); ASET: the ASID is the SMMU's own, not a PE's. */
	cd[0] = SMMU_FIELD(CD0_T0SZ_H, CD0_T0SZ_L, 64u - ia_bits) |
		SMMU_FIELD(CD0_TG0_H, CD0_TG0_L, CD_TG0_4K) |
		SMMU_FIELD(CD0_IR0_H, CD0_IR0_L, CD_RGN_WBWA) |
		SMMU_FIELD(CD0_OR0_H, CD0_OR0_L, CD_RGN_WBWA) |
		SMMU_FIELD(CD0_SH0_H, CD0_SH0_L, CD_SH_ISH) |
		CD0_EPD1 | CD0_V |
		SMMU_FIELD(CD0_IPS_H, CD0_IPS_L, ips) |
		CD0_AA64 | CD0_R | CD0_A | CD0_ASET |
		SMMU_FIELD(CD0_ASID_H, CD0_ASID_L, asid);
	cd[1] = ttb0 & CD1_TTB0_MASK;
	cd[CD_MAIR_DWORD] = mair;
}

void smmu_cmd_op(uint64_t cmd[CMD_DWORDS], unsigned int op)
{
	cmd[0] = SMMU_FIELD(CMD0_OP_H, CMD0_OP_L, op);
	cmd[1] = 0;
}

void smmu_cmd_cfgi_ste(uint64_t cmd[CMD_DWORDS], uint32_t sid, bool leaf)
{
	smmu_cmd_op(cmd, CMD_OP_CFGI_STE);
	cmd[0] |= SMMU_FIELD(CMD0_SID_H, CMD0_SID_L, sid);
	cmd[1] = leaf ? CMD1_LEAF : 0;
}

void smmu_cmd_cfgi_all(uint64_t cmd[CMD_DWORDS])
{
	smmu_cmd_op(cmd, CMD_OP_CFGI_ALL);
	cmd[1] = SMMU_FIELD(CMD1_RANGE_H, CMD1_RANGE_L, CMD_RANGE_ALL);
}

void smmu_cmd_tlbi_nh_asid(uint64_t cmd[CMD_DWORDS], uint16_t asid)
{
	smmu_cmd_op(cmd, CMD_OP_TLBI_NH_ASID);
	cmd[0] |= SMMU_FIELD(CMD0_ASID_H, CMD0_ASID_L, asid);
}

void smmu_cmd_tlbi_s12_vmall(uint64_t cmd[CMD_DWORDS], uint16_t vmid)
{
	smmu_cmd_op(cmd, CMD_OP_TLBI_S12_VMALL);
	cmd[0] |= SMMU_FIELD(CMD0_VMID_H, CMD0_VMID_L, vmid);
}

void smmu_cmd_sync(uint64_t cmd[CMD_DWORDS])
{
	smmu_cmd_op(cmd, CMD_OP_SYNC);
	cmd[0] |= SMMU_FIELD(CMD0_SYNC_CS_H, CMD0_SYNC_CS_L, CMD_SYNC_CS_NONE);
}

/* Record types whose dword 2 is the faulting InputAddr (7.3.10 - 7.3.15). */
static bool event_has_addr(unsigned int type)
{
	switch (type) {
	case EVT_F_UUT:
	case EVT_F_TRANSL_FORBIDDEN:
	case EVT_F_WALK_EABT:
	case EVT_F_TRANSLATION:
	case EVT_F_ADDR_SIZE:
	case EVT_F_ACCESS:
	case EVT_F_PERMISSION:
	case EVT_F_TLB_CONFLICT:
		return true;
	default:
		return false;
	}
}

void smmu_event_decode(const uint64_t evt[EVT_DWORDS], struct smmu_event *e)
{
	e->type = (unsigned int)SMMU_GET(EVT0_TYPE_H, EVT0_TYPE_L, evt[0]);
	e->sid = (uint32_t)SMMU_GET(EVT0_SID_H, EVT0_SID_L, evt[0]);
	e->ssv = (evt[0] & EVT0_SSV) != 0;
	e->ssid = e->ssv ? (uint32_t)SMMU_GET(EVT0_SSID_H, EVT0_SSID_L, evt[0]) : 0;
	e->has_addr = event_has_addr(e->type);
	e->addr = e->has_addr ? evt[EVT2_INPUT_ADDR] : 0;
	e->read = e->has_addr && (evt[1] & EVT1_RNW) != 0;
	e->stage2 = e->has_addr && (evt[1] & EVT1_S2) != 0;
}

const char *smmu_event_name(unsigned int type)
{
	switch (type) {
	case EVT_F_UUT: return "F_UUT";
	case EVT_C_BAD_STREAMID: return "C_BAD_STREAMID";
	case EVT_F_STE_FETCH: return "F_STE_FETCH";
	case EVT_C_BAD_STE: return "C_BAD_STE";
	case EVT_F_BAD_ATS_TREQ: return "F_BAD_ATS_TREQ";
	case EVT_F_STREAM_DISABLED: return "F_STREAM_DISABLED";
	case EVT_F_TRANSL_FORBIDDEN: return "F_TRANSL_FORBIDDEN";
	case EVT_C_BAD_SUBSTREAMID: return "C_BAD_SUBSTREAMID";
	case EVT_F_CD_FETCH: return "F_CD_FETCH";
	case EVT_C_BAD_CD: return "C_BAD_CD";
	case EVT_F_WALK_EABT: return "F_WALK_EABT";
	case EVT_F_TRANSLATION: return "F_TRANSLATION";
	case EVT_F_ADDR_SIZE: return "F_ADDR_SIZE";
	case EVT_F_ACCESS: return "F_ACCESS";
	case EVT_F_PERMISSION: return "F_PERMISSION";
	case EVT_F_TLB_CONFLICT: return "F_TLB_CONFLICT";
	case EVT_F_CFG_CONFLICT: return "F_CFG_CONFLICT";
	case EVT_E_PAGE_REQUEST: return "E_PAGE_REQUEST";
	case EVT_F_VMS_FETCH: return "F_VMS_FETCH";
	default: return "UNKNOWN";
	}
}

const char *smmu_gerror_name(unsigned int bit)
{
	static const char *const names[GERROR_BITS] = {
		[GERROR_CMDQ_ERR] = "CMDQ_ERR",
		[GERROR_EVTQ_ABT_ERR] = "EVTQ_ABT_ERR",
		[GERROR_PRIQ_ABT_ERR] = "PRIQ_ABT_ERR",
		[GERROR_MSI_CMDQ_ABT_ERR] = "MSI_CMDQ_ABT_ERR",
		[GERROR_MSI_EVTQ_ABT_ERR] = "MSI_EVTQ_ABT_ERR",
		[GERROR_MSI_PRIQ_ABT_ERR] = "MSI_PRIQ_ABT_ERR",
		[GERROR_MSI_GERROR_ABT_ERR] = "MSI_GERROR_ABT_ERR",
		[GERROR_SFM_ERR] = "SFM_ERR",
		[GERROR_CMDQP_ERR] = "CMDQP_ERR",
	};

	return bit < GERROR_BITS && names[bit] ? names[bit] : "";
}
