/*
 * util.h: small helpers every layer uses: overflow-checked size arithmetic
 * and bounded string copies.
 */
#ifndef JETDB_UTIL_UTIL_H
#define JETDB_UTIL_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "esent.h"

/* *sum = a + b; false (and *sum unspecified) when it overflows size_t. */
static inline bool util_size_add(size_t a, size_t b, size_t *sum)
{
    return !__builtin_add_overflow(a, b, sum);
}

/* *prod = a * b; false (and *prod unspecified) when it overflows size_t. */
static inline bool util_size_mul(size_t a, size_t b, size_t *prod)
{
    return !__builtin_mul_overflow(a, b, prod);
}

/* *sum = a + b; false when it overflows 64 bits (file offsets, sizes). */
static inline bool util_u64_add(uint64_t a, uint64_t b, uint64_t *sum)
{
    return !__builtin_add_overflow(a, b, sum);
}

/* *prod = a * b; false when it overflows 64 bits (page number * page size). */
static inline bool util_u64_mul(uint64_t a, uint64_t b, uint64_t *prod)
{
    return !__builtin_mul_overflow(a, b, prod);
}

/* Copy src into dst[cbDst] (always NUL-terminated when cbDst > 0).
 * *pcbNeeded (may be NULL) = strlen(src) + 1.  Returns JET_wrnBufferTruncated
 * when it did not fit; the cut never splits a UTF-8 sequence. */
JET_ERR util_str_copy(char *dst, size_t cbDst, const char *src, size_t *pcbNeeded);

#endif
