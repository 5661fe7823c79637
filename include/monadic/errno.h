/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Error codes of the whole hypervisor. Functions return 0 or a negative
 * code (-MHV_EINVAL, ...); the values follow the usual errno numbering.
 * What each means for Stage-2 (subsys/mm) is noted; other users keep the
 * general sense.
 */
#ifndef MONADIC_ERRNO_H
#define MONADIC_ERRNO_H

#define MHV_ENOENT 2   /* nothing there (Stage-2: no mapping at this address) */
#define MHV_EIO 5      /* the hardware or a table holds what this code never wrote */
#define MHV_ENOMEM 12  /* a fixed pool or table is full */
#define MHV_EEXIST 17  /* already there (Stage-2: the range overlaps a mapping) */
#define MHV_EINVAL 22  /* bad argument: alignment, size 0, attributes, NULL */
#define MHV_ERANGE 34  /* out of range (Stage-2: beyond the IPA space or output range) */

#endif /* MONADIC_ERRNO_H */
