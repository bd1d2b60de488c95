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

/* Windows' LCMapString flags (their numeric values are Windows facts;
 * JET_UNICODEINDEX.dwMapFlags carries them). */
#define KEY_NORM_IGNORECASE 0x00000001u
#define KEY_NORM_IGNORENONSPACE 0x00000002u
#define KEY_NORM_IGNORESYMBOLS 0x00000004u
#define KEY_SORT_DIGITSASNUMBERS 0x00000008u
#define KEY_LINGUISTIC_IGNORECASE 0x00000010u
#define KEY_LINGUISTIC_IGNOREDIACRITIC 0x00000020u
#define KEY_LCMAP_SORTKEY 0x00000400u
#define KEY_LCMAP_BYTEREV 0x00000800u
#define KEY_SORT_STRINGSORT 0x00001000u
#define KEY_NORM_IGNOREKANATYPE 0x00010000u
#define KEY_NORM_IGNOREWIDTH 0x00020000u
#define KEY_NORM_LINGUISTIC_CASING 0x08000000u

/* ESE's defaults for Unicode indexes: en-US, and
 * LCMAP_SORTKEY | NORM_IGNORECASE | NORM_IGNOREKANATYPE | NORM_IGNOREWIDTH. */
#define KEY_LCID_DEFAULT 0x0409u
#define KEY_MAP_FLAGS_DEFAULT                                                  \
    (KEY_LCMAP_SORTKEY | KEY_NORM_IGNORECASE | KEY_NORM_IGNOREKANATYPE | KEY_NORM_IGNOREWIDTH)

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
                                    terminator after a text/binary value
                                    (Unicode text: primary weights only) */
    KEY_NORM_NULLS_HIGH = 0x04,  /* JET_bitIndexSortNullsHigh: a NULL sorts
                                    after every value (prefix 0xC0) */
    KEY_NORM_DOTNET_GUID = 0x08, /* JET_bitIndexDotNetGuid: GUIDs in .NET's
                                    Guid.CompareTo order */
};

/* Append the normalised form of one segment value to key[*len..cap):
 * *len grows by the bytes written.  When the key would exceed cap, the
 * bytes that fit are written, *len = cap and KEY_TRUNCATED (a positive,
 * warning-like value) is returned.  Values are as stored (little-endian
 * numbers).  Data with cb 0 (flags without KEY_NORM_NULL) is a zero-length
 * Text/Binary value, or NULL for a fixed-size type (as ESE).  A fixed-size
 * type with any other cb → JET_errInvalidBufferSize; unknown coltyp or
 * flags → JET_errInvalidParameter; Unicode text (cp 1200): a bad LCID or
 * map flags → as key_check_unicode; an odd trailing byte is ignored and
 * unpaired surrogates sort as code points (ESE's LCMapString accepts
 * them too), so any bytes normalise.  On an error *len is unchanged. */
#define KEY_TRUNCATED 1
JET_ERR key_append(uint8_t *key, size_t cap, size_t *len, const key_seg *seg,
                   const void *data, size_t cb, unsigned flags);

/* Check an index's Unicode settings (JET_UNICODEINDEX): a known LCID and
 * only supported LCMapString flags → 0; else JET_errInvalidLanguageId /
 * JET_errInvalidLCMapStringFlags.  As in ESE, LCMAP_SORTKEY is implied
 * (store map_flags | KEY_LCMAP_SORTKEY) and the other accepted flags are
 * LCMAP_BYTEREV, NORM_IGNORECASE, NORM_IGNORENONSPACE, NORM_IGNORESYMBOLS,
 * LINGUISTIC_IGNORECASE, LINGUISTIC_IGNOREDIACRITIC, SORT_DIGITSASNUMBERS,
 * NORM_IGNOREKANATYPE, NORM_IGNOREWIDTH, NORM_LINGUISTIC_CASING and
 * SORT_STRINGSORT.  LCID 0 is invalid; LOCALE_USER_DEFAULT (0x400) and
 * LOCALE_SYSTEM_DEFAULT (0x800) mean KEY_LCID_DEFAULT. */
JET_ERR key_check_unicode(uint32_t lcid, uint32_t map_flags);

/* The version of the collation behind a Unicode index's keys: ICU's
 * collator version (ucol_getVersion, 4 bytes packed big-endian).  The
 * catalog can store it with the index and notice when a new ICU changes
 * the order, as ESE records the NLS sort version.  Errors as
 * key_check_unicode; NULL version → JET_errInvalidParameter. */
JET_ERR key_sort_version(uint32_t lcid, uint32_t map_flags, uint32_t *version);

/* Release cached ICU collators (process exit / tests).  No other thread
 * may be inside key_append at the time. */
void key_shutdown(void);

#endif
