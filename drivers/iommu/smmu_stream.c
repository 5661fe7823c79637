/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Stream table and stream attachment, IHI 0070 3.3.2 "Stream table" and
 * 3.21 "Structure access rules and update procedures".
 *
 * Two-level where the SMMU allows it (IDR0.ST_LEVEL): a level-1 table of
 * descriptors, each covering 2^STRTAB_SPLIT StreamIDs (one PCI bus), and
 * level-2 tables of STEs taken from a static pool when a stream of that
 * bus is first attached. A descriptor with Span = 0 blocks its whole
 * range. Linear otherwise: one pool table holds the STEs of StreamIDs
 * 0..2^STRTAB_SPLIT - 1.
 */

#include <monadic/iommu.h>
#include <monadic/errno.h>
#include <monadic/noinit.h>
#include <monadic/printk.h>
#include <monadic/mm/stage2.h>
#include <monadic/mm/stage2_regs.h>

#include "smmu_enc.h"
#include "smmu_s1.h"
#include "smmu_stream.h"
#include "smmuv3.h"

#define STRTAB_SPLIT 8u   /* one level-2 table per PCI bus number */
#define L2_STES (1u << STRTAB_SPLIT)
#define L2_SIZE (L2_STES * STE_SIZE)
#define L1_ENTRIES (1u << (CONFIG_SMMUV3_MAX_SID_BITS - STRTAB_SPLIT))
#define L1_SIZE (L1_ENTRIES * 8u)
#define L1_ALIGN (L1_SIZE > 64u ? L1_SIZE : 64u)
#define OAS_48 5u         /* IDR5.OAS / PS encoding of 48 bits */
#define VMID8_MAX 0xffu

_Static_assert(CONFIG_SMMUV3_MAX_SID_BITS >= STRTAB_SPLIT, "SMMUV3_MAX_SID_BITS < split");

/* Level-2 tables (and the linear table) are aligned to their size. */
/* Cleared when put to use (stream_table_init, l2_for). */
static _Alignas(L2_SIZE) uint64_t l2_tables[CONFIG_SMMUV3_L2_TABLES][L2_STES][STE_DWORDS] MHV_NOINIT;
static _Alignas(L1_ALIGN) uint64_t l1_table[L1_ENTRIES] MHV_NOINIT;
static unsigned int l2_used;
static bool two_level;

/* Context descriptors and stage-1 mirrors of attached streams. */
struct stream_slot {
	bool used;
	bool stage2;
	uint32_t sid;
	uint16_t vmid;
	uint16_t asid;
	struct smmu_s1 s1;
};
static _Alignas(CD_SIZE) uint64_t cds[CONFIG_SMMUV3_MAX_STREAMS][CD_DWORDS] MHV_NOINIT;  /* cleared per slot */
static struct stream_slot slots[CONFIG_SMMUV3_MAX_STREAMS];
S2_POOL_DEFINE(s1_pages, CONFIG_SMMUV3_S1_POOL_PAGES);
static struct smmu_pt_pool s1_pool;

static void zero(uint64_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = 0;
}

bool smmu_stream_table_2level(void)
{
	return two_level;
}

void smmu_stream_table_init(void)
{
	unsigned int sidsize = (unsigned int)SMMU_GET(IDR1_SIDSIZE_H, IDR1_SIDSIZE_L,
						      smmu_dev.idr1);
	uint64_t cfg;

	smmu_pt_pool_init(&s1_pool, s1_pages, CONFIG_SMMUV3_S1_POOL_PAGES);
	two_level = SMMU_GET(IDR0_ST_LEVEL_H, IDR0_ST_LEVEL_L, smmu_dev.idr0) ==
		    IDR0_ST_LEVEL_2LVL && sidsize > STRTAB_SPLIT;
	if (two_level) {
		smmu_dev.sid_bits = sidsize < CONFIG_SMMUV3_MAX_SID_BITS ?
				    sidsize : CONFIG_SMMUV3_MAX_SID_BITS;
		zero(l1_table, L1_ENTRIES);
		l2_used = 0;
		cfg = SMMU_FIELD(17, STRTAB_CFG_FMT_L, STRTAB_CFG_FMT_2LVL) |
		      SMMU_FIELD(10, STRTAB_CFG_SPLIT_L, STRTAB_SPLIT);
		smmu_write64(SMMU_STRTAB_BASE, STRTAB_BASE_RA |
			     ((uintptr_t)l1_table & STRTAB_BASE_ADDR_MASK));
	} else {
		/* StreamIDs beyond the table get C_BAD_STREAMID (CR2.RECINVSID). */
		smmu_dev.sid_bits = sidsize < STRTAB_SPLIT ? sidsize : STRTAB_SPLIT;
		zero(&l2_tables[0][0][0], L2_STES * STE_DWORDS);
		l2_used = 1;
		cfg = SMMU_FIELD(17, STRTAB_CFG_FMT_L, STRTAB_CFG_FMT_LINEAR);
		smmu_write64(SMMU_STRTAB_BASE, STRTAB_BASE_RA |
			     ((uintptr_t)l2_tables[0] & STRTAB_BASE_ADDR_MASK));
	}
	smmu_wmb();
	smmu_write32(SMMU_STRTAB_BASE_CFG, (uint32_t)(cfg |
		     SMMU_FIELD(5, STRTAB_CFG_LOG2SIZE_L, smmu_dev.sid_bits)));
}

/* The STE of sid; with 'create', a level-2 table is installed for it. */
static volatile uint64_t *ste_of(uint32_t sid, bool create)
{
	volatile uint64_t *l1;
	uint64_t (*l2)[STE_DWORDS];

	if (!two_level)
		return l2_tables[0][sid];
	l1 = &l1_table[sid >> STRTAB_SPLIT];
	if (SMMU_GET(L1STD_SPAN_H, L1STD_SPAN_L, *l1) == 0) {
		if (!create || l2_used == CONFIG_SMMUV3_L2_TABLES)
			return NULL;
		l2 = l2_tables[l2_used++];
		zero(&l2[0][0], L2_STES * STE_DWORDS);
		smmu_wmb();
		/* Span = SPLIT + 1: the table holds 2^SPLIT STEs (5.1.2). */
		*l1 = smmu_l1std((uintptr_t)l2, STRTAB_SPLIT + 1);
	}
	l2 = (uint64_t (*)[STE_DWORDS])(uintptr_t)(*l1 & L1STD_L2PTR_MASK);
	return l2[sid & (L2_STES - 1)];
}

static struct stream_slot *slot_of(uint32_t sid)
{
	for (unsigned int i = 0; i < CONFIG_SMMUV3_MAX_STREAMS; i++)
		if (slots[i].used && slots[i].sid == sid)
			return &slots[i];
	return NULL;
}

/* Stage 2 of the SMMU walks the VM's own tables. */
static int build_s2(const struct stream_slot *s, const struct s2_space *space,
		    uint64_t ste[STE_DWORDS])
{
	unsigned int ps = smmu_dev.oas < OAS_48 ? smmu_dev.oas : OAS_48;
	static const unsigned int ps_bits[] = { 32, 36, 40, 42, 44, 48 };
	uint64_t vtcr;
	int rc;

	if (!(smmu_dev.idr0 & IDR0_VMID16) && s->vmid > VMID8_MAX)
		return -MHV_EINVAL;
	rc = s2_vtcr(space->ipa_bits, ps_bits[ps], false, &vtcr);
	if (rc != 0)
		return rc;
	smmu_ste_s2(ste, s2_vttbr(space) & VTTBR_EL2_BADDR_MASK, s->vmid, vtcr, ps);
	return 0;
}

/* Stage 1 mirrors the VM's map through the slot's context descriptor. */
static int build_s1(struct stream_slot *s, const struct s2_space *space,
		    uint64_t ste[STE_DWORDS])
{
	unsigned int ips = smmu_dev.oas < OAS_48 ? smmu_dev.oas : OAS_48;
	uint64_t *cd = cds[s - slots];
	int rc = smmu_s1_mirror(&s->s1, &s1_pool, space);

	if (rc != 0)
		return rc;
	smmu_cd_s1(cd, (uintptr_t)s->s1.root, space->ipa_bits, ips, s->asid, S1_MAIR_VALUE);
	smmu_ste_s1(ste, (uintptr_t)cd);
	return 0;
}

/* Invalidates what the SMMU cached for the stream and its translations. */
static int stream_invalidate(const struct stream_slot *s, bool leaf)
{
	uint64_t cmd[CMD_DWORDS];
	int rc;

	smmu_cmd_cfgi_ste(cmd, s->sid, leaf);
	rc = smmu_cmdq_issue(cmd);
	if (s->stage2)
		smmu_cmd_tlbi_s12_vmall(cmd, s->vmid);
	else
		smmu_cmd_tlbi_nh_asid(cmd, s->asid);
	if (rc == 0)
		rc = smmu_cmdq_issue(cmd);
	return rc == 0 ? smmu_cmdq_sync() : rc;
}

static int attach_locked(uint32_t sid, const struct s2_space *space, uint16_t vmid)
{
	uint64_t ste[STE_DWORDS];
	volatile uint64_t *live;
	struct stream_slot *s = NULL;
	int rc;

	if (sid >= (1u << smmu_dev.sid_bits))
		return -MHV_ERANGE;
	if (slot_of(sid) != NULL)
		return -MHV_EEXIST;
	for (unsigned int i = 0; i < CONFIG_SMMUV3_MAX_STREAMS && s == NULL; i++)
		if (!slots[i].used)
			s = &slots[i];
	live = s ? ste_of(sid, true) : NULL;
	if (live == NULL)
		return -MHV_ENOMEM;
	*s = (struct stream_slot){
		.sid = sid, .vmid = vmid, .asid = (uint16_t)(s - slots + 1),
		.stage2 = (smmu_dev.idr0 & IDR0_S2P) != 0,
	};
	rc = s->stage2 ? build_s2(s, space, ste) : build_s1(s, space, ste);
	if (rc != 0)
		return rc;
	s->used = true;
	/* The STE is invalid now: fill words 1..7, then make it valid with
	 * one 64-bit store (3.21.3 "Configuration structure update"). */
	for (unsigned int i = 1; i < STE_DWORDS; i++)
		live[i] = ste[i];
	smmu_wmb();
	live[0] = ste[0];
	smmu_wmb();
	return stream_invalidate(s, false);
}

int smmu_attach_stream(uint32_t sid, const struct s2_space *space, uint16_t vmid)
{
	int rc;

	if (!smmu_dev.ready)
		return -MHV_ENOENT;
	if (space == NULL || !space->ready)
		return -MHV_EINVAL;
	spin_lock(&smmu_dev.lock);
	rc = attach_locked(sid, space, vmid);
	spin_unlock(&smmu_dev.lock);
	return rc;
}

int smmu_detach_stream(uint32_t sid)
{
	struct stream_slot *s;
	volatile uint64_t *live;
	int rc;

	if (!smmu_dev.ready)
		return -MHV_ENOENT;
	spin_lock(&smmu_dev.lock);
	s = slot_of(sid);
	if (s == NULL) {
		spin_unlock(&smmu_dev.lock);
		return -MHV_ENOENT;
	}
	live = ste_of(sid, false);
	live[0] = 0;   /* V = 0: blocked (and reported) from here on */
	smmu_wmb();
	/* Only once the SMMU dropped the STE, the CD and the TLB entries may
	 * the tables they point to be reused. */
	rc = stream_invalidate(s, true);
	if (!s->stage2) {
		smmu_s1_destroy(&s->s1);
		zero(cds[s - slots], CD_DWORDS);
	}
	s->used = false;
	spin_unlock(&smmu_dev.lock);
	return rc;
}

/*
 * The MSI doorbell: a page the device may write and the VM's CPUs can't
 * reach, so it exists only in the stream's own stage-1 mirror. An STE
 * that walks the VM's stage-2 tables (S2P) has no such private place:
 * adding the page there would hand the real ITS to the guest's CPUs.
 */
static int map_doorbell_locked(uint32_t sid, uint64_t iova, uint64_t pa)
{
	struct stream_slot *s = slot_of(sid);
	uint64_t cmd[CMD_DWORDS];
	int rc;

	if (s == NULL) {
		printk("SMMU: doorbell for StreamID 0x%x: the stream is not attached\n", sid);
		return -MHV_ENOENT;
	}
	if (s->stage2) {
		printk("SMMU: doorbell for StreamID 0x%x: the stream shares the VM's stage 2, "
		       "where the page would be the guest CPUs' too: not supported\n", sid);
		return -MHV_EINVAL;
	}
	rc = smmu_s1_map_page(&s->s1, iova, pa, S2_ATTRS_MMIO);
	if (rc != 0) {
		printk("SMMU: doorbell for StreamID 0x%x at 0x%llx: %s\n", sid,
		       (unsigned long long)iova,
		       rc == -MHV_EEXIST ? "the address is already mapped" :
		       rc == -MHV_ENOMEM ? "no table page left (CONFIG_SMMUV3_S1_POOL_PAGES)" :
					   "unaligned or beyond the VM's IPA size");
		return rc;
	}
	smmu_wmb();
	smmu_cmd_tlbi_nh_asid(cmd, s->asid);
	rc = smmu_cmdq_issue(cmd);
	return rc == 0 ? smmu_cmdq_sync() : rc;
}

int smmu_map_doorbell(uint32_t sid, uint64_t iova, uint64_t pa)
{
	int rc;

	if (!smmu_dev.ready)
		return -MHV_ENOENT;
	spin_lock(&smmu_dev.lock);
	rc = map_doorbell_locked(sid, iova, pa);
	spin_unlock(&smmu_dev.lock);
	return rc;
}
