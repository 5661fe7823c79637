/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/* The stream table and the attached streams (smmu_stream.c). */
#ifndef DRIVERS_IOMMU_SMMU_STREAM_H
#define DRIVERS_IOMMU_SMMU_STREAM_H

#include <stdbool.h>

/* Clears the table (every StreamID blocked) and programs STRTAB_BASE*;
 * sets smmu_dev.sid_bits. SMMUEN must be 0. */
void smmu_stream_table_init(void);
bool smmu_stream_table_2level(void);

#endif /* DRIVERS_IOMMU_SMMU_STREAM_H */
