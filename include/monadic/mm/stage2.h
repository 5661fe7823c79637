/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Stage-2 translation: one IPA -> PA address space per VM.
 *
 * Tables come from a caller-provided pool of 4 KB pages (no allocator),
 * mappings use the fewest descriptors (1 GB / 2 MB blocks, 4 KB pages),
 * and every change that can leave a stale TLB entry is followed by TLB
 * maintenance through <monadic/hal/tlb.h>. Design notes: docs/stage2.md.
 *
 * Concurrency: the functions do not lock. One CPU at a time may change a
 * space (and the pool it draws from); the guest may run meanwhile, which
 * is why blocks are split break-before-make.
 *
 * Addresses of table pages are taken as physical addresses as they are
 * (EL2 runs identity-mapped); see s2_pool_pa() in subsys/mm.
 *
 * All int-returning functions return 0 or a negative MHV_E* code.
 */
#ifndef MONADIC_MM_STAGE2_H
#define MONADIC_MM_STAGE2_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <monadic/errno.h>
#include <monadic/noinit.h>
#include <monadic/mm/stage2_desc.h>

/* ---- Table pool -------------------------------------------------------- */

/* One 4 KB translation table; an array of these is naturally page-aligned. */
typedef struct s2_table {
	_Alignas(S2_GRANULE_SIZE) uint64_t desc[S2_PTRS_PER_TABLE];
} s2_table_t;

/* Static storage for a pool: S2_POOL_DEFINE(vm0_tables, CONFIG_MM_STAGE2_POOL_PAGES);
 * not zeroed at boot: s2_pool_alloc clears each table it hands out. */
#define S2_POOL_DEFINE(name, npages) static s2_table_t name[(npages)] MHV_NOINIT

struct s2_pool {
	s2_table_t *pages;
	uint32_t npages;
	uint32_t next;      /* pages[next..npages) have never been handed out */
	uint32_t free_head; /* freed pages, linked through their first entry */
	uint32_t nfree;
};

/* pages: 4 KB-aligned, npages in 1..UINT32_MAX-1. */
int s2_pool_init(struct s2_pool *pool, s2_table_t *pages, size_t npages);
/* Pages still available to s2_map / s2_unmap (table splits) / s2_init. */
size_t s2_pool_free_pages(const struct s2_pool *pool);

/* ---- Attributes -------------------------------------------------------- */

/*
 * Portable attributes of a mapping: access permissions plus one memory
 * type. Translated into S2AP, XN, MemAttr, SH and AF by s2_map.
 */
typedef uint32_t s2_attr_t;

#define S2_ATTR_R           (1u << 0)   /* guest may read */
#define S2_ATTR_W           (1u << 1)   /* guest may write */
#define S2_ATTR_X           (1u << 2)   /* guest may execute (Normal memory only) */
#define S2_ATTR_PERM_MASK   (S2_ATTR_R | S2_ATTR_W | S2_ATTR_X)

#define S2_ATTR_MEM_SHIFT   4
#define S2_ATTR_MEM_MASK    (7u << S2_ATTR_MEM_SHIFT)
/* Normal, inner+outer Write-Back, Inner Shareable: RAM. */
#define S2_ATTR_MEM_NORMAL        (0u << S2_ATTR_MEM_SHIFT)
/* Normal, inner+outer Non-cacheable, Inner Shareable. */
#define S2_ATTR_MEM_NORMAL_NC     (1u << S2_ATTR_MEM_SHIFT)
/* Device-nGnRE: passthrough MMIO (PCIe BARs, UARTs). */
#define S2_ATTR_MEM_DEVICE_nGnRE  (2u << S2_ATTR_MEM_SHIFT)
/* Device-nGnRnE: strongly ordered MMIO, where asked for. */
#define S2_ATTR_MEM_DEVICE_nGnRnE (3u << S2_ATTR_MEM_SHIFT)

#define S2_ATTRS_RAM     (S2_ATTR_MEM_NORMAL | S2_ATTR_R | S2_ATTR_W | S2_ATTR_X)
#define S2_ATTRS_RAM_NX  (S2_ATTR_MEM_NORMAL | S2_ATTR_R | S2_ATTR_W)
#define S2_ATTRS_ROM     (S2_ATTR_MEM_NORMAL | S2_ATTR_R | S2_ATTR_X)
#define S2_ATTRS_MMIO    (S2_ATTR_MEM_DEVICE_nGnRE | S2_ATTR_R | S2_ATTR_W)

/*
 * Valid: no unknown bits, a known memory type, and no execute permission
 * on Device memory (instruction fetches from Device memory are never
 * wanted; every Device mapping is execute-never).
 */
bool s2_attr_valid(s2_attr_t attrs);
/* Leaf descriptor attribute bits (MemAttr, S2AP, SH, AF, XN) for attrs. */
uint64_t s2_attr_to_desc(s2_attr_t attrs);
/* Inverse of s2_attr_to_desc; -MHV_EIO for encodings this code never writes. */
int s2_desc_to_attr(uint64_t desc, s2_attr_t *attrs);

/* ---- Address space ----------------------------------------------------- */

#define S2_IPA_BITS_MIN 32
#define S2_IPA_BITS_MAX 48

struct s2_space {
	s2_table_t *root;       /* root_tables concatenated tables */
	struct s2_pool *pool;
	uint64_t ipa_size;      /* 2^ipa_bits */
	uint16_t vmid;
	uint8_t ipa_bits;
	uint8_t start_level;    /* initial lookup level, 0..2 */
	uint8_t root_tables;    /* 1..16 */
	bool ready;
};

/*
 * Initial lookup level and number of concatenated root tables for an IPA
 * size: the fewest levels, concatenating up to 16 tables at the root
 * (39 bits -> level 1 x1, 40 -> level 1 x2, 43 -> level 1 x16,
 * 44..48 -> level 0 x1, 32..34 -> level 2 x4..x16).
 */
int s2_geometry(unsigned int ipa_bits, unsigned int *start_level,
		unsigned int *root_tables);

/*
 * VTCR_EL2 for ipa_bits of IPA and a pa_bits physical range (one of 32,
 * 36, 40, 42, 44, 48, as ID_AA64MMFR0_EL1.PARange reports): T0SZ, SL0 from
 * s2_geometry, Write-Back Write-Allocate Inner Shareable walks, 4 KB
 * granule, PS, and VS if vmid16. ipa_bits may not exceed pa_bits.
 */
int s2_vtcr(unsigned int ipa_bits, unsigned int pa_bits, bool vmid16,
	    uint64_t *vtcr);

/* Empty space: allocates and clears the root from pool (8 KB-aligned for 40 bits). */
int s2_init(struct s2_space *space, uint16_t vmid, unsigned int ipa_bits,
	    struct s2_pool *pool);
/* Unmaps everything, flushes the VMID and returns every table to the pool. */
void s2_destroy(struct s2_space *space);

/* VTTBR_EL2 for this space: root address (BADDR) | VMID << 48. */
uint64_t s2_vttbr(const struct s2_space *space);

/*
 * Maps [ipa, ipa + size) to [pa, pa + size). ipa, pa and size must be
 * 4 KB-aligned, size non-zero; the range must be unmapped. Picks 1 GB,
 * 2 MB and 4 KB descriptors by the alignment of ipa and pa and the
 * remaining size, which gives the fewest descriptors.
 * Errors: -MHV_EINVAL, -MHV_ERANGE, -MHV_EEXIST (nothing changed), and
 * -MHV_ENOMEM (pool exhausted; everything done by this call is undone).
 */
int s2_map(struct s2_space *space, uint64_t ipa, uint64_t pa, uint64_t size,
	   s2_attr_t attrs);

/*
 * Unmaps whatever is mapped in [ipa, ipa + size) (holes are fine), splitting
 * blocks that straddle either end, frees tables that became empty and
 * flushes the TLBs. -MHV_ENOMEM when a split needs a table the pool lacks:
 * then nothing is unmapped (splits already made map the same addresses).
 */
int s2_unmap(struct s2_space *space, uint64_t ipa, uint64_t size);

/* One leaf descriptor and what it maps. */
struct s2_leaf {
	uint64_t ipa;       /* first IPA the descriptor maps */
	uint64_t pa;        /* first PA it maps to */
	uint64_t size;      /* 1 GB, 2 MB or 4 KB */
	uint64_t desc;      /* the raw descriptor */
	unsigned int level; /* 1, 2 or 3 */
	s2_attr_t attrs;
};

/*
 * Software table walk: the leaf that maps ipa. -MHV_ENOENT where the
 * hardware would take a stage-2 translation fault, -MHV_ERANGE beyond the
 * IPA size, -MHV_EIO on a descriptor this code never writes.
 */
int s2_walk(const struct s2_space *space, uint64_t ipa, struct s2_leaf *leaf);
/* s2_walk reduced to the output address and the attributes (either may be NULL). */
int s2_translate(const struct s2_space *space, uint64_t ipa, uint64_t *pa,
		 s2_attr_t *attrs);

/*
 * Calls fn for every leaf in IPA order; a non-zero return from fn stops
 * the walk and is returned. Used to mirror a VM's map (SMMU stage 1).
 */
typedef int (*s2_leaf_fn)(void *ctx, const struct s2_leaf *leaf);
int s2_for_each_leaf(const struct s2_space *space, s2_leaf_fn fn, void *ctx);

#endif /* MONADIC_MM_STAGE2_H */
