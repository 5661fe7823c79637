/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * System register access and the fields Monadic uses, named as in the Arm
 * ARM (DDI 0487, chapter D19 "AArch64 System Register Descriptions").
 * Register values are built from these fields, never written as literals.
 */
#ifndef ARCH_SYSREG_H
#define ARCH_SYSREG_H

/* The assembler has no C casts or suffixes: same macros, plain integers. */
#ifdef __ASSEMBLER__
#define BIT(n) (1 << (n))
#define FIELD(val, shift) ((val) << (shift))
#else
#define BIT(n) (1UL << (n))
#define FIELD(val, shift) ((unsigned long)(val) << (shift))
#endif

#ifndef __ASSEMBLER__
#include <stdint.h>

#define read_sysreg(reg) ({                                   \
	uint64_t __val;                                       \
	__asm__ volatile("mrs %0, " #reg : "=r"(__val));      \
	__val;                                                \
})

#define write_sysreg(val, reg) \
	__asm__ volatile("msr " #reg ", %x0" : : "rZ"((uint64_t)(val)))

#define isb() __asm__ volatile("isb" : : : "memory")
#define dsb(opt) __asm__ volatile("dsb " #opt : : : "memory")
#define wfe() __asm__ volatile("wfe" : : : "memory")
#define sev() __asm__ volatile("sev" : : : "memory")
#define wfi() __asm__ volatile("wfi" : : : "memory")
#endif

/* CurrentEL (D19.2): EL in bits [3:2]. */
#define CURRENTEL_EL_SHIFT 2
#define CURRENTEL_EL2 FIELD(2, CURRENTEL_EL_SHIFT)

/* MPIDR_EL1: the affinity fields identify a core. */
#ifdef __ASSEMBLER__
#define MPIDR_AFF_MASK 0xff00ffffff
#else
#define MPIDR_AFF_MASK 0xff00ffffffUL
#endif

/* SCTLR_EL2 (non-VHE layout). */
#define SCTLR_EL2_M BIT(0)     /* stage 1 MMU enable */
#define SCTLR_EL2_A BIT(1)     /* alignment check */
#define SCTLR_EL2_C BIT(2)     /* data cacheability */
#define SCTLR_EL2_SA BIT(3)    /* SP alignment check */
#define SCTLR_EL2_I BIT(12)    /* instruction cacheability */
#define SCTLR_EL2_WXN BIT(19)  /* writable implies execute-never */
#define SCTLR_EL2_EE BIT(25)   /* big-endian data: kept 0 */
/* RES1 bits when HCR_EL2.E2H == 0: 4, 5, 11, 16, 18, 22, 23, 28, 29. */
#define SCTLR_EL2_RES1 (BIT(4) | BIT(5) | BIT(11) | BIT(16) | BIT(18) | \
			BIT(22) | BIT(23) | BIT(28) | BIT(29))

/* HCR_EL2 (D19 HCR_EL2): what a guest's EL1 may do and what traps. */
#define HCR_EL2_VM BIT(0)      /* stage-2 translation on */
#define HCR_EL2_SWIO BIT(1)    /* set/way invalidate -> clean+invalidate */
#define HCR_EL2_PTW BIT(2)     /* stage-1 walks to device memory fault */
#define HCR_EL2_FMO BIT(3)     /* FIQs to EL2, virtual FIQs to the guest */
#define HCR_EL2_IMO BIT(4)     /* IRQs to EL2, virtual IRQs to the guest */
#define HCR_EL2_AMO BIT(5)     /* SErrors to EL2 */
#define HCR_EL2_FB BIT(9)      /* TLB/cache maintenance broadcast inner shareable */
#define HCR_EL2_BSU_IS FIELD(1, 10)  /* barriers upgraded to inner shareable */
#define HCR_EL2_TWI BIT(13)    /* trap WFI */
#define HCR_EL2_TSC BIT(19)    /* trap SMC */
#define HCR_EL2_RW BIT(31)     /* EL1 is AArch64 */
#define HCR_EL2_APK BIT(40)    /* don't trap PAuth key registers (FEAT_PAuth) */
#define HCR_EL2_API BIT(41)    /* don't trap PAuth instructions (FEAT_PAuth) */

/* CPTR_EL2 (non-VHE): RES1 bits, and the SVE trap (RES1 without SVE). */
#define CPTR_EL2_RES1 (FIELD(0xff, 0) | BIT(9) | BIT(12) | BIT(13))
#define CPTR_EL2_TZ BIT(8)

/* CNTHCTL_EL2 (non-VHE): EL1 access to the physical counter and timer. */
#define CNTHCTL_EL2_EL1PCTEN BIT(0)
#define CNTHCTL_EL2_EL1PCEN BIT(1)

/* SCTLR_EL1 reset value for a guest: the RES1 bits of Armv8.0 (MMU off). */
#define SCTLR_EL1_RES1 (BIT(11) | BIT(20) | BIT(22) | BIT(23) | BIT(28) | BIT(29))

/* SPSR_EL2 for entering a guest at EL1h with DAIF masked. */
#define PSR_MODE_EL0T 0x0
#define PSR_MODE_EL1T 0x4
#define PSR_MODE_EL1H 0x5
#define PSR_MODE_MASK 0xf
#define PSR_DAIF_MASKED FIELD(0xf, 6)

/* VMPIDR_EL2: bit 31 is RES1 (the Multiprocessing Extensions format). */
#define MPIDR_RES1 BIT(31)

/* HPFAR_EL2.FIPA holds IPA[55:12] in bits [43:4]. */
#define HPFAR_FIPA_SHIFT 4
#define HPFAR_FIPA_MASK 0xfffffffffff0UL

/* TCR_EL2 (non-VHE layout). */
#define TCR_EL2_T0SZ_SHIFT 0
#define TCR_EL2_IRGN0_WBWA FIELD(1, 8)
#define TCR_EL2_ORGN0_WBWA FIELD(1, 10)
#define TCR_EL2_SH0_INNER FIELD(3, 12)
#define TCR_EL2_TG0_4K FIELD(0, 14)
#define TCR_EL2_PS_SHIFT 16
#define TCR_EL2_RES1 (BIT(23) | BIT(31))

/* MAIR_EL2 attribute encodings (D19 MAIR_ELx) and our index for each. */
#define MAIR_ATTR_DEVICE_nGnRnE 0x00UL
#define MAIR_ATTR_DEVICE_nGnRE 0x04UL
#define MAIR_ATTR_NORMAL_WB 0xffUL     /* inner/outer WB, R+W allocate */
#define MAIR_ATTR_NORMAL_NC 0x44UL
#define MT_DEVICE_nGnRnE 0
#define MT_DEVICE_nGnRE 1
#define MT_NORMAL 2
#define MT_NORMAL_NC 3
#define MAIR_EL2_VALUE (FIELD(MAIR_ATTR_DEVICE_nGnRnE, 8 * MT_DEVICE_nGnRnE) | \
			FIELD(MAIR_ATTR_DEVICE_nGnRE, 8 * MT_DEVICE_nGnRE) |   \
			FIELD(MAIR_ATTR_NORMAL_WB, 8 * MT_NORMAL) |            \
			FIELD(MAIR_ATTR_NORMAL_NC, 8 * MT_NORMAL_NC))

/* ID_AA64MMFR0_EL1.PARange [3:0]. */
#define ID_AA64MMFR0_PARANGE_MASK 0xfUL
#define ID_AA64MMFR0_PARANGE_48 5

/* DAIF bits for msr daifset. */
#define DAIF_ALL 0xf


#endif
