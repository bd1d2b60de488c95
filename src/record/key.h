/*
 * key.h: normalised keys — the byte strings that index trees compare with
 * memcmp, so that every column type sorts as ESE sorts it: signed integers
 * numerically, floats numerically, DateTime as time, GUIDs as ESE does,
 * binary bytewise, ANSI text case-insensitively, Unicode text through ICU
 * collation sort keys honouring the index's LCID and LCMapString flags.
 * The bytes of every segment (prefix byte for NULL / zero-length / data,
 * descending segments complemented, terminators of variable-length
 * segments) are documented in docs/formats-keys.md.
 */
#ifndef JETDB_RECORD_KEY_H
#define JETDB_RECORD_KEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "esent.h"

/* One key segment as an index defines it. */
typedef struct key_seg {
    JET_COLTYP coltyp;
    uint16_t cp;             /* 1252 or 1200 for Text / LongText */
    bool descending;
    uint32_t lcid;           /* the index's locale (Unicode text) */
    uint32_t map_flags;      /* the index's LCMapString flags (Unicode text) */
} key_seg;

/* How the segment's value is normalised. */
enum {
    KEY_NORM_NULL = 0x01,        /* the value is NULL (data ignored) */
    KEY_NORM_OPEN_END = 0x02,    /* a prefix for a substring limit: no
                                    terminator after a text/binary value */
};

/* Append the normalised form of one segment value to key[*len..cap):
 * *len grows by the bytes written.  When the key would exceed cap, the
 * bytes that fit are written, *len = cap and KEY_TRUNCATED (a positive,
 * warning-like value) is returned.  Unicode text that is not valid
 * UTF-16LE → JET_errInvalidParameter. */
#define KEY_TRUNCATED 1
JET_ERR key_append(uint8_t *key, size_t cap, size_t *len, const key_seg *seg,
                   const void *data, size_t cb, unsigned flags);

/* Check an index's Unicode settings (JET_UNICODEINDEX): a known LCID and
 * only supported LCMapString flags → 0; else JET_errInvalidLanguageId /
 * JET_errInvalidLCMapStringFlags. */
JET_ERR key_check_unicode(uint32_t lcid, uint32_t map_flags);

/* Release cached ICU collators (process exit / tests). */
void key_shutdown(void);

#endif
