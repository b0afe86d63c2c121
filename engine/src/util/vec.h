/*
 * vec.h: growing arrays. A vector is three fields in its owner's struct
 * (T *items; size_t count, cap;) grown with PARITY_VEC_RESERVE before each
 * append. No generic container: the owner frees its items.
 */
#ifndef PARITY_UTIL_VEC_H
#define PARITY_UTIL_VEC_H

#include <stddef.h>

/** Make room for `need` elements of `elem` bytes; 0 or PARITY_ENOMEM/ELIMIT. */
int parity_vec_reserve(void **items, size_t *cap, size_t need, size_t elem);

#define PARITY_VEC_RESERVE(items, count, cap, extra)                                              \
    parity_vec_reserve((void **)&(items), &(cap), (count) + (extra), sizeof(*(items)))

#endif
