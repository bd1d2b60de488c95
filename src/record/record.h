/*
 * record.h: the byte format of an ISAM record (the value of a row in a
 * table's data tree) — fixed, variable and tagged columns, multi-valued
 * tagged columns, and separated long values (the record then holds a
 * reference the ISAM layer stores in the table's long-value tree).
 *
 * Column ids follow ESE: fixed 1..127, variable 128..255, tagged
 * 256..65535.  The codec knows nothing about defaults, escrow or
 * autoincrement (src/isam applies those); it stores what it is given and
 * validates structure.  It does record which columns were explicitly set
 * to NULL (REC_SET_NULL_MARK), so the ISAM layer can tell "NULL" from
 * "never set" (where a default shows).  The exact bytes are in docs/formats-record.md.
 */
#ifndef JETDB_RECORD_RECORD_H
#define JETDB_RECORD_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "esent.h"

#define REC_FIXED_FIRST 1u
#define REC_FIXED_LAST 127u
#define REC_VAR_FIRST 128u
#define REC_VAR_LAST 255u
#define REC_TAGGED_FIRST 256u
#define REC_TAGGED_LAST 65535u
#define REC_LEN_MAX 65535u           /* no record is longer (its offsets are 16-bit) */

/* What the codec needs to know about a column (src/catalog embeds it). */
typedef struct rec_coldef {
    JET_COLUMNID colid;
    JET_COLTYP coltyp;
    uint32_t cbMax;          /* 0 = type maximum */
    JET_GRBIT grbit;         /* JET_bitColumn* */
    uint16_t cp;             /* 1252 or 1200 for text, else 0 */
} rec_coldef;

/* Fixed size of a coltyp's value (0 for Binary/Text/LongBinary/LongText). */
uint32_t rec_fixed_size(JET_COLTYP coltyp);

/* A record under construction (the copy buffer of JetPrepareUpdate). */
typedef struct rec_buf {
    uint8_t *data;
    size_t len, cap;
    uint8_t *spare;          /* a previous buffer kept for the next rebuild */
    size_t sparecap;
} rec_buf;

void rec_buf_init(rec_buf *r);                 /* an empty record (every column NULL);
                                                  no allocation until the first set */
void rec_buf_clear(rec_buf *r);                /* the empty record again, keeping the
                                                  buffers for later sets */
JET_ERR rec_buf_load(rec_buf *r, const void *rec, size_t len);   /* copy + rec_check; r must be
                                                  initialised; unchanged on error */
void rec_buf_free(rec_buf *r);

/* Value flags (stored with each tagged value). */
enum {
    REC_VAL_SEPARATED = 0x01,    /* the bytes are a long-value reference (src/isam) */
};

/* Flags of rec_set that are not stored with a value. */
enum {
    /* With data NULL: the column keeps an explicit-NULL marker once it has
     * no value left (the ISAM layer asks for it when the column has a
     * default, so that the default no longer shows).  Without it, a NULL
     * set removes the column's marker. */
    REC_SET_NULL_MARK = 0x100,
};

/* Set value number itag (1-based) of column c.  itag 0 appends a new value
 * to a multi-valued column (for other columns 0 means 1).  data NULL with
 * cb 0 deletes the value (NULL; later values of a multi-valued column move
 * down by one); data non-NULL with cb 0 stores a zero-length value.
 * Fixed columns require cb == rec_fixed_size.  JET_errRecordTooBig when the
 * record would exceed max_len bytes; JET_errColumnIllegalNull /
 * JET_errInvalidBufferSize / JET_errMultiValuedColumnMustBeTagged as ESE
 * for malformed requests.  flags: REC_VAL_*.
 *
 * Precisely (ESE's rules, docs/formats-record.md §2):
 * - "multi-valued" means every tagged column (ESE lets any tagged column
 *   hold several values; JET_bitColumnMultiValued only matters to
 *   indexes).  On a tagged column: non-NULL with itag 0 or itag > count
 *   appends (the first value of an empty column whatever itag); non-NULL
 *   with 1 <= itag <= count replaces; NULL with 1 <= itag <= count deletes,
 *   otherwise does nothing.  Fixed and variable columns ignore itag.
 * - Fixed Text/Binary columns (JET_bitColumnFixed) take up to cbMax (255
 *   when 0) bytes and are padded (spaces / U+0020 / zeros); longer →
 *   JET_errInvalidBufferSize.  Bit values are stored as 0x00 / 0xFF.
 * - Variable columns: longer than cbMax (255 when 0) → cut to cbMax and
 *   JET_wrnColumnMaxTruncated (a warning: the value is set).
 * - Tagged: cb > cbMax (cbMax > 0; 255 for non-long Text/Binary) →
 *   JET_errColumnTooBig; a fixed-size type needs its size or 0 bytes.
 *   REC_VAL_SEPARATED only on LongText/LongBinary (its bytes are a
 *   reference: no size rule); elsewhere JET_errInvalidParameter.
 * - Column id 0 or > 65535 → JET_errBadColumnId; a definition that cannot
 *   exist (long type not tagged, fixed-size type in 128..255, cbMax > 255
 *   for a fixed/variable column, unknown coltyp) → JET_errInvalidParameter.
 * - max_len is capped at REC_LEN_MAX.  On any error r is unchanged.
 *
 * Explicit-NULL markers (docs/formats-record.md §1.4): a column "set to
 * NULL" is told apart from one never set.  A marked column has no value.
 * - Any non-NULL value removes the column's marker.
 * - Fixed / variable column, data NULL: the column becomes NULL; with
 *   REC_SET_NULL_MARK it is marked, without it unmarked.
 * - Tagged column, data NULL, with REC_SET_NULL_MARK: with values, the
 *   usual delete — removing the last value leaves the marker; without
 *   values, itag 1 marks the column and any other itag changes nothing.
 *   Without REC_SET_NULL_MARK: with values, the usual delete (the last
 *   one leaves no marker); without values, the marker goes (any itag).
 * A marker takes 4 bytes: adding one can fail with JET_errRecordTooBig. */
JET_ERR rec_set(rec_buf *r, const rec_coldef *c, uint32_t itag, const void *data, size_t cb,
                unsigned flags, size_t max_len);

/* Get value number itag (1-based; 0 is treated as 1) of column c from a
 * stored record: *data points into rec (NULL when the value is NULL),
 * *cb its length, *flags its REC_VAL_* flags (flags may be NULL).  Returns
 * JET_wrnColumnNull when there is no such value (a fixed or variable
 * column has only itag 1; a fixed Text/Binary column reads back at its
 * full padded width).  Never reads outside [rec, rec+len): a damaged
 * record → JET_errDatabaseCorrupted, as is a fixed slot whose width
 * disagrees with c.  len 0 is the empty record. */
JET_ERR rec_get(const void *rec, size_t len, const rec_coldef *c, uint32_t itag,
                const void **data, size_t *cb, unsigned *flags);
/* Number of non-NULL values of c (0 or 1 for a fixed or variable column;
 * 0 for a damaged record). */
uint32_t rec_count(const void *rec, size_t len, const rec_coldef *c);
/* The next column id > after that has at least one value in the record
 * (every kind: fixed, variable, tagged; a marked column has none); 0 when
 * none (or damaged). */
JET_COLUMNID rec_next_present(const void *rec, size_t len, JET_COLUMNID after);
/* Whether column colid carries an explicit-NULL marker (it was set to
 * NULL, so a default does not apply); false for a damaged record. */
bool rec_null_marked(const void *rec, size_t len, JET_COLUMNID colid);
/* The next column id > after that carries an explicit-NULL marker; 0 when
 * none (or damaged). */
JET_COLUMNID rec_next_null_marked(const void *rec, size_t len, JET_COLUMNID after);
/* Structural check of a stored record: JET_errDatabaseCorrupted if bad. */
JET_ERR rec_check(const void *rec, size_t len);

#endif
