/*
 * key_int.h: what key.c (the segment formats) shares with key_icu.c (the
 * Unicode collation through ICU).  The bytes are in docs/formats-keys.md.
 */
#ifndef JETDB_RECORD_KEY_INT_H
#define JETDB_RECORD_KEY_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "record/key.h"

/* Segment prefix bytes (ESE's): they order NULL, zero-length and data. */
#define KEY_PREFIX_NULL 0x00u
#define KEY_PREFIX_ZERO_LENGTH 0x40u
#define KEY_PREFIX_DATA 0x7fu
#define KEY_PREFIX_NULL_HIGH 0xc0u
#define KEY_TEXT_TERMINATOR 0x00u        /* ends a code page 1252 text segment */
#define KEY_SORTKEY_TERMINATOR 0x00u     /* ends a Unicode sort key */
#define KEY_SORTKEY_LEVEL_SEP 0x01u      /* ends the primary weights of a sort key */
#define KEY_BINARY_CHUNK 8u              /* binary data bytes per chunk */
#define KEY_BINARY_MORE 9u               /* chunk count byte: more chunks follow */

/* Where a segment's bytes go: bounded by cap, complemented for a
 * descending segment, remembering whether anything did not fit. */
typedef struct key_sink {
    uint8_t *p;
    size_t cap, len;
    uint8_t mask;                        /* 0x00, or 0xFF for descending */
    bool trunc;
} key_sink;

static inline void key_put(key_sink *s, uint8_t b)
{
    if (s->len < s->cap)
        s->p[s->len++] = (uint8_t)(b ^ s->mask);
    else
        s->trunc = true;
}

/* Append the sort key of UTF-16LE text (cb bytes) as collated for lcid
 * and the LCMapString flags, after the data prefix byte the caller wrote;
 * open_end keeps only the primary weights and no terminator. */
JET_ERR key_unicode(key_sink *s, uint32_t lcid, uint32_t map_flags, const uint8_t *data, size_t cb,
                    bool open_end);

#endif
