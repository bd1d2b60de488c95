/*
 * rec_int.h: the parsed layout of a record, shared by the reader
 * (rec_get.c) and the writer (rec_set.c).  The byte format is in
 * docs/formats-record.md; in short:
 *
 *   header   u8 nfixed, u8 nvar, u16 ntag
 *   fixed    nfixed width bytes, the null bitmap, the slots
 *   variable nvar u16 end offsets (bit 15 = NULL), the data
 *   tagged   ntag (u16 colid, u16 end offset) entries, the column blobs
 *   blob     u16 nvals, nvals u16 end offsets, nvals flag bytes, the values
 *
 * A directory entry with an empty blob is an explicit-NULL marker: the
 * column (of any kind, so colid may be below 256) was set to NULL.
 *
 * Integers are little-endian.  A zero-length byte string is the empty
 * record (every column NULL), like a header of zero counts.
 */
#ifndef JETDB_RECORD_REC_INT_H
#define JETDB_RECORD_REC_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "record/record.h"

#define REC_HDR_SIZE 4u
#define REC_VAR_NULL 0x8000u         /* bit 15 of a variable end offset */
#define REC_VAR_OFF_MASK 0x7fffu
#define REC_TAG_ENTRY 4u             /* u16 colid + u16 end offset */
#define REC_VAR_MAX JET_cbColumnMost /* a variable column holds 255 bytes at most */
#define REC_FIXED_COUNT (REC_FIXED_LAST - REC_FIXED_FIRST + 1u)
#define REC_VAR_COUNT (REC_VAR_LAST - REC_VAR_FIRST + 1u)

/* Section offsets of one record; every offset is within [0, len]. */
typedef struct rec_view {
    const uint8_t *p;
    size_t len;
    unsigned nfixed, nvar, ntag;     /* ntag: directory entries, markers included */
    size_t widths;                   /* nfixed width bytes */
    size_t bitmap;                   /* (nfixed + 7) / 8 bytes */
    size_t fixdata;                  /* the fixed slots */
    size_t fixlen;                   /* sum of the widths */
    size_t vartab;                   /* nvar u16 */
    size_t vardata;
    size_t varlen;                   /* end offset of the last variable column */
    size_t tagdir;                   /* ntag entries */
    size_t tagdata;
    size_t taglen;                   /* end offset of the last tagged column */
} rec_view;

/* One tagged column's blob, parsed. */
typedef struct rec_blob {
    const uint8_t *p;
    size_t len;
    unsigned nvals;
    size_t ends;                     /* nvals u16 */
    size_t flags;                    /* nvals u8 */
    size_t data;                     /* value bytes start */
} rec_blob;

static inline unsigned rec_rd16(const uint8_t *p)
{
    return (unsigned)p[0] | ((unsigned)p[1] << 8);
}

static inline void rec_wr16(uint8_t *p, size_t v)
{
    p[0] = (uint8_t)(v & 0xffu);
    p[1] = (uint8_t)((v >> 8) & 0xffu);
}

/* Locate the sections of rec[0..len).  Checks only what is needed to
 * make every offset safe (sizes add up, the record ends where the last
 * tagged column ends); rec_check does the full check.  Returns false
 * when the bytes cannot be a record. */
bool rec_view_parse(const void *rec, size_t len, rec_view *v);

/* Full structural check of a located record (every table ordered, every
 * blob well formed, canonical null bits). */
bool rec_view_check(const rec_view *v);

/* Index of the first tagged entry with colid >= colid (ntag when none). */
unsigned rec_tag_find(const rec_view *v, unsigned colid);
unsigned rec_tag_colid(const rec_view *v, unsigned i);
/* Start and end (relative to v->tagdata) of tagged entry i; false if
 * the offsets are out of order or out of range. */
bool rec_tag_span(const rec_view *v, unsigned i, size_t *start, size_t *end);

/* Whether column colid has an explicit-NULL marker (an entry with an
 * empty blob) in v's directory. */
bool rec_view_marked(const rec_view *v, unsigned colid);

/* Parse a tagged column's blob; false when malformed. */
bool rec_blob_parse(const uint8_t *p, size_t len, rec_blob *b);
/* Value i (0-based) of a parsed blob; false when its offsets are bad. */
bool rec_blob_value(const rec_blob *b, unsigned i, size_t *off, size_t *cb, unsigned *flags);

/* Byte width of fixed column slot colid (1-based) in v; 0 = no slot. */
unsigned rec_fixed_width(const rec_view *v, unsigned colid);
bool rec_fixed_isnull(const rec_view *v, unsigned colid);
/* Offset (from the record start) of fixed slot colid. */
size_t rec_fixed_offset(const rec_view *v, unsigned colid);

#endif
