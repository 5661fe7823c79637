/* SPDX-License-Identifier: BSD-2-Clause-Patent */
/*
 * READ_ONCE(x): a load the compiler does once, as written, of a word
 * another CPU may write: single-copy atomic when naturally aligned (Arm
 * ARM B2.2.1), in no order with other accesses, like a relaxed atomic
 * load. It keeps the offset addressing modes, where GCC builds a relaxed
 * __atomic_load_n from a base register only: the exit paths read several
 * such words, each an instruction shorter this way. Not for _Atomic
 * objects (the volatile access of one is an atomic, ordered load).
 */
#ifndef MONADIC_READ_ONCE_H
#define MONADIC_READ_ONCE_H

#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))

#endif
