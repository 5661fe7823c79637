/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * Error codes of the memory-management subsystem. Functions return 0 or a
 * negative code (-MHV_EINVAL, ...). The values follow the usual errno
 * numbering so that a later tree-wide <monadic/errno.h> can define the same
 * names with the same values; each definition is guarded for that reason.
 */
#ifndef MONADIC_MM_ERRNO_H
#define MONADIC_MM_ERRNO_H

#ifndef MHV_ENOENT
#define MHV_ENOENT 2   /* no mapping at this address (a translation fault) */
#endif
#ifndef MHV_EIO
#define MHV_EIO 5      /* a table holds a descriptor this code never writes */
#endif
#ifndef MHV_ENOMEM
#define MHV_ENOMEM 12  /* the table pool is exhausted */
#endif
#ifndef MHV_EEXIST
#define MHV_EEXIST 17  /* the range overlaps an existing mapping */
#endif
#ifndef MHV_EINVAL
#define MHV_EINVAL 22  /* bad argument: alignment, size 0, attributes, NULL */
#endif
#ifndef MHV_ERANGE
#define MHV_ERANGE 34  /* address beyond the IPA space or the output range */
#endif

#endif /* MONADIC_MM_ERRNO_H */
