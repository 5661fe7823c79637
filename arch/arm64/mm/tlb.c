/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Stage-2 TLB maintenance for arm64 (the HAL of <monadic/hal/tlb.h>).
 *
 * Arm ARM (DDI 0487) D8 "TLB maintenance instructions", "Ordering and
 * completion of TLB maintenance instructions" and "Using break-before-make
 * when updating translation table entries"; C5 "TLBI IPAS2E1IS",
 * "TLBI VMALLE1IS", "TLBI VMALLS12E1IS". The sequence follows Linux KVM's
 * __kvm_tlb_flush_vmid_ipa (arch/arm64/kvm/hyp/nvhe/tlb.c).
 *
 * Assumes the non-VHE configuration (HCR_EL2.E2H == 0): with E2H == 1 and
 * TGE == 1, TLBI VMALLE1IS would target the EL2&0 regime instead.
 */
#include <stdint.h>

#include <arch/sysreg.h>
#include <monadic/hal/tlb.h>
#include <monadic/mm/stage2_desc.h>

/* TLBI IPAS2E1IS operand: IPA[47:12] in bits [35:0], TTL in bits [47:44]. */
#define TLBI_IPA_MASK       S2_GENMASK(35, 0)
#define TLBI_TTL_SHIFT      44
#define TLBI_TTL_TG_SHIFT   2    /* TTL[3:2]: translation granule */
#define TLBI_TTL_TG_4K      1u   /* 0b01: 4 KB */

static inline uint64_t daif_save_mask(void)
{
	uint64_t daif = read_sysreg(daif);

	__asm__ volatile("msr daifset, %0" : : "i"(DAIF_ALL) : "memory");
	return daif;
}

/*
 * TLBI by IPA and TLBI VMALL* act on the VMID in VTTBR_EL2, so the target
 * VM's VTTBR is loaded for the duration of the maintenance. Interrupts
 * stay masked so nothing runs with the borrowed VMID.
 */
struct vmid_ctx {
	uint64_t daif;
	uint64_t vttbr;
};

static void vmid_enter(struct vmid_ctx *ctx, uint64_t vttbr)
{
	ctx->daif = daif_save_mask();
	ctx->vttbr = read_sysreg(vttbr_el2);
	write_sysreg(vttbr, vttbr_el2);
	/* A system register write is seen by later instructions only after a
	 * context synchronization event: the TLBIs must use the new VMID. */
	isb();
}

static void vmid_exit(const struct vmid_ctx *ctx)
{
	write_sysreg(ctx->vttbr, vttbr_el2);
	isb();  /* the restored VMID is in effect before anything else runs */
	write_sysreg(ctx->daif, daif);
}

void hal_s2_table_sync(void)
{
	/* Completes the table stores for the walkers of every PE in the
	 * Inner Shareable domain (walks are coherent: VTCR_EL2 makes them
	 * Inner Shareable, Write-Back cacheable). */
	dsb(ishst);
}

static uint64_t tlbi_ipa_operand(uint64_t ipa, int level)
{
	uint64_t op = (ipa >> S2_GRANULE_SHIFT) & TLBI_IPA_MASK;

#ifdef CONFIG_MM_STAGE2_TLBI_TTL
	/* FEAT_TTL: the level of the leaf lets the PE skip other levels. */
	if (level >= S2_BLOCK_MIN_LEVEL && level <= S2_MAX_LEVEL)
		op |= (((uint64_t)TLBI_TTL_TG_4K << TLBI_TTL_TG_SHIFT) |
		       (uint64_t)level) << TLBI_TTL_SHIFT;
#else
	(void)level;
#endif
	return op;
}

void hal_s2_tlb_flush_ipa(uint64_t vttbr, uint64_t ipa, int level)
{
	struct vmid_ctx ctx;
	uint64_t op = tlbi_ipa_operand(ipa, level);

	/* The invalidated descriptor must be written before the TLBI, or a
	 * walk after the TLBI could reload the old entry. */
	dsb(ishst);
	vmid_enter(&ctx, vttbr);
	__asm__ volatile("tlbi ipas2e1is, %0" : : "r"(op) : "memory");
	/* Stage-2 invalidation must complete before the stage-1 one: otherwise
	 * a walk on another PE could refill a combined S1+S2 entry from the old
	 * stage-2 entry after the stage-1 invalidation has passed. */
	dsb(ish);
	/* Combined S1+S2 entries are tagged by VA, not IPA: without the VA the
	 * only way to drop them is all stage-1 entries of this VMID. */
	__asm__ volatile("tlbi vmalle1is" : : : "memory");
	dsb(ish);  /* wait for the invalidation to complete on every PE */
	isb();      /* and for this PE's pipeline to see the result */
	vmid_exit(&ctx);
}

void hal_s2_tlb_flush_vmid(uint64_t vttbr)
{
	struct vmid_ctx ctx;

	dsb(ishst);  /* table writes before the TLBI, as above */
	vmid_enter(&ctx, vttbr);
	/* Stage 1 and stage 2 entries of the VMID, every PE in the domain. */
	__asm__ volatile("tlbi vmalls12e1is" : : : "memory");
	dsb(ish);
	isb();
	vmid_exit(&ctx);
}
