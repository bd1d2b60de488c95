/*
 * isam_int.h: the ISAM layer's private structures — cursors, the shared
 * per-table state, pending long values of a prepared update — and the
 * helpers the files of src/isam share.  See README.md and docs/isam.md.
 */
#ifndef JETDB_ISAM_INT_H
#define JETDB_ISAM_INT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "btree/btree.h"
#include "catalog/catalog.h"
#include "isam/isam.h"
#include "record/key.h"
#include "record/record.h"
#include "txn/ver.h"

struct db;
struct sess;

/* ---- limits and formats (docs/isam.md) ------------------------------------- */

#define ISAM_KEY_MAX BT_KEY_MAX          /* longest normalised key we build */
#define ISAM_SEQ_KEY_LEN 8u              /* implicit key: 64-bit big-endian counter */
#define ISAM_LV_CHUNK 8192u              /* bytes of a long-value chunk */
#define ISAM_LV_INTRINSIC_MAX 1023u      /* longer long values are separated */
#define ISAM_LV_REF_LEN 16u              /* separated reference: lvid LE64, size LE64 */
#define ISAM_LV_PENDING 0x8000000000000000ull   /* lvid bit: an update's pending value */
#define ISAM_LV_KEY_LEN 12u              /* long-value tree key: lvid BE64, chunk BE32 */

/* ---- the shared state of one table (per database and data-tree objid) ---- */

typedef struct isam_autoinc {
    JET_COLUMNID colid;
    bool init;
    int64_t next;
} isam_autoinc;

typedef struct isam_tstate {
    struct isam_tstate *next;     /* registry list (g_ts_mu) */
    struct db *d;
    uint32_t objid;
    int cursors;                  /* open cursors (g_ts_mu) */
    int deny_read, deny_write;    /* cursors holding these locks (g_ts_mu) */
    struct sess *deny_owner;      /* session holding them */
    pthread_mutex_t mu;           /* guards the counters below */
    bool seq_init;
    uint64_t seq_next;            /* next implicit key */
    bool lv_init;
    uint64_t lv_next;             /* next long-value id */
    isam_autoinc *ai;
    size_t nai;
} isam_tstate;

/* ---- pending long values of a prepared update ---------------------------- */

typedef struct isam_chunk {
    uint32_t idx;
    uint8_t *data;                /* ISAM_LV_CHUNK bytes, the chunk's logical content */
} isam_chunk;

typedef struct isam_plv {
    bool used;
    uint64_t base;                /* separated value it started from (0 = none) */
    uint64_t base_size;           /* size of that value */
    uint64_t base_valid;          /* base bytes still meaningful (after shrinks) */
    uint64_t size;                /* current logical size */
    isam_chunk *ch;               /* modified chunks, sorted by idx */
    size_t nch, capch;
} isam_plv;

/* ---- cursors ---------------------------------------------------------------- */

typedef enum isam_pos {
    POS_BEFORE = 0,               /* before the first entry */
    POS_AFTER,                    /* after the last entry */
    POS_ON,                       /* on entry `ekey` (it may have been deleted) */
    POS_BETWEEN,                  /* where `ekey` would be (failed SeekEQ) */
    POS_FIRST,                    /* deferred move to the first entry */
} isam_pos;

typedef enum isam_prep {
    PREP_NONE = 0,
    PREP_INSERT,
    PREP_REPLACE,
    PREP_INSERT_COPY,             /* also InsertCopyDeleteOriginal / ReplaceOriginal */
} isam_prep;

typedef struct isam_cursor {
    JET_TABLEID handle;
    uint32_t slot;
    atomic_int refs;              /* table entry + calls in flight */
    struct sess *s;
    vtx *xo;                      /* transaction forced on every call (index build) */
    struct db *d;                 /* pinned */
    cat_table *t;                 /* pinned, refreshed by isam_refresh */
    cat_stamp tstamp;             /* catalog state when t was last checked */
    isam_tstate *ts;
    JET_GRBIT grbit;              /* JetOpenTable's */
    bool readonly;
    /* Transaction levels (JetRollback closes what a rolled-back level
     * opened, as ESE does): the level the cursor was opened at, the one its
     * current secondary index was chosen at, the one its update was
     * prepared at; a commit lowers them to the new level (isam_txn_end). */
    uint32_t level_open, ix_level, prep_level;
    bool leveled;                 /* counted in cursor.c's g_leveled */
    /* Object id of the current secondary index (0 = primary / sequential),
     * read by other sessions' JetDeleteIndex (JET_errIndexInUse). */
    _Atomic uint32_t cur_iobjid;

    int ix;                       /* current index (t->idx), -1 = primary / sequential */
    char ixname[CAT_NAME_MAX + 1];/* its name ("" = primary) for refreshes */
    bt_tree *data;                /* the table's data tree */
    bt_tree *itree;               /* the current index's tree (== data for primary) */
    bt_tree *lvtree;              /* long values, opened on first use */
    vt_cursor *vc;                /* cursor on itree */

    isam_pos pos;
    uint8_t *ekey;                /* current entry's stored key */
    size_t eklen, ekcap;
    uint8_t *bm;                  /* current record's primary bookmark */
    size_t bmlen, bmcap;
    uint8_t *rec;                 /* the current record as last read (isam_current_rec) */
    size_t reccap;
    uint32_t itag;                /* itagSequence SetCurrentIndex3/4 asked for */

    /* search key of JetMakeKey */
    uint8_t skey[ISAM_KEY_MAX + 1];
    size_t sklen;
    uint32_t skseg;               /* segments given so far */
    bool skmade, sklimit;         /* a key exists; a limit option completed it */

    /* index range */
    bool range, rupper, rincl;
    uint8_t *rkey;
    size_t rklen, rkcap;

    /* prepared update */
    isam_prep prep;
    bool delete_original;         /* JET_prepInsertCopyDeleteOriginal */
    rec_buf rb;                   /* the copy buffer */
    uint8_t *ubm;                 /* bookmark of the record being replaced */
    size_t ubmlen;
    uint8_t *orig;                /* its record as prepared (NoLock checks) */
    size_t origlen;
    bool nolock;
    isam_plv *plv;                /* pending long values (ids = index + 1) */
    size_t nplv;
} isam_cursor;

/* ---- cursor.c ------------------------------------------------------------- */

/* Look up a cursor of session s: pinned (isam_cursor_put).  Refreshes the
 * schema when DDL published a newer version.  JET_errInvalidTableId. */
JET_ERR isam_cursor_get(struct sess *s, JET_TABLEID id, isam_cursor **out);
void isam_cursor_put(isam_cursor *c);
/* Close (remove from the table and free once unpinned). */
JET_ERR isam_cursor_close(isam_cursor *c);
/* JetDupCursor. */
JET_ERR isam_cursor_dup(isam_cursor *c, JET_GRBIT grbit, JET_TABLEID *out);
/* The long-value tree of the cursor's table. */
JET_ERR isam_lvtree(isam_cursor *c, bt_tree **out);
/* Select the current index: ix -1 = primary.  Resets key, range, position. */
JET_ERR isam_set_index_ptr(isam_cursor *c, int ix);
/* Another session holds a JET_bitTableDenyWrite cursor on the table. */
bool isam_write_denied(const isam_cursor *c);
/* The tree of a secondary index. */
JET_ERR isam_index_tree(isam_cursor *c, const cat_index *ix, bt_tree **out);
/* The record size limit of the cursor's database. */
size_t isam_rec_max(const isam_cursor *c);
/* A primary index that allows duplicate keys (temporary tables without
 * JET_bitTTUnique): its data-tree keys carry an 8-byte sequence suffix. */
bool isam_primary_dups(const cat_table *t);
/* Current transaction of the cursor's session (NULL outside one). */
vtx *isam_x(const isam_cursor *c);
/* Next implicit key / long-value id / autoincrement value of a table. */
JET_ERR isam_next_seq(isam_cursor *c, uint64_t *out);
JET_ERR isam_next_lvid(isam_cursor *c, uint64_t *out);
JET_ERR isam_next_autoinc(isam_cursor *c, const cat_column *col, int64_t *out);
/* Free a cursor's prepared-update state. */
void isam_prep_reset(isam_cursor *c);
/* A level field of c (level_open, ix_level, prep_level) may have become
 * non-zero: keep the count that lets commits and rollbacks skip the walk. */
void isam_cursor_note_level(isam_cursor *c);

/* ---- rec.c: column values with defaults and long values ----------------- */

/* One value of column col in record rec (len bytes): data/cb point into rec
 * or into the default; separated values come back with *sep set and the
 * lvid/size decoded.  JET_wrnColumnNull when there is none.  itag 0 is 1.
 * use_default: an absent value (itag 1 of a record without the column)
 * yields the column's default — unless the column was explicitly set to
 * NULL (the record's explicit-NULL marker, record.h). */
typedef struct isam_val {
    const void *data;
    size_t cb;
    bool sep;
    uint64_t lvid, lvsize;
    bool is_default;
} isam_val;
JET_ERR isam_get_val(const void *rec, size_t len, const cat_column *col, uint32_t itag,
                     bool use_default, isam_val *v);
/* Number of values (defaults counted as one when use_default). */
uint32_t isam_count_vals(const void *rec, size_t len, const cat_column *col, bool use_default);
bool isam_is_lv(JET_COLTYP coltyp);
/* Read cb bytes of a value from offset off (intrinsic, separated or
 * pending); *total = its full size.  JET_wrnBufferTruncated never. */
JET_ERR isam_read_val(isam_cursor *c, const isam_val *v, uint64_t off, void *buf, size_t cb,
                      uint64_t *total);

/* ---- lv.c ------------------------------------------------------------------- */

void isam_lv_ref_encode(uint8_t ref[ISAM_LV_REF_LEN], uint64_t lvid, uint64_t size);
void isam_lv_ref_decode(const uint8_t ref[ISAM_LV_REF_LEN], uint64_t *lvid, uint64_t *size);
/* Read bytes [off, off+cb) of separated value lvid (of `size` bytes). */
JET_ERR isam_lv_read(isam_cursor *c, uint64_t lvid, uint64_t size, uint64_t off, void *buf,
                     size_t cb);
/* Delete every chunk of a separated value. */
JET_ERR isam_lv_delete(isam_cursor *c, vtx *x, uint64_t lvid, uint64_t size);
/* Pending values: new one (base 0) or starting from a separated value. */
JET_ERR isam_plv_new(isam_cursor *c, uint64_t base, uint64_t base_size, uint64_t *pid);
isam_plv *isam_plv_of(isam_cursor *c, uint64_t pid);
JET_ERR isam_plv_read(isam_cursor *c, isam_plv *p, uint64_t off, void *buf, size_t cb);
JET_ERR isam_plv_write(isam_cursor *c, isam_plv *p, uint64_t off, const void *data, size_t cb);
JET_ERR isam_plv_resize(isam_cursor *c, isam_plv *p, uint64_t size);
void isam_plv_free_all(isam_cursor *c);
/* Write a pending value: in place over its base (in_place) or as a new
 * separated value; *lvid receives its id. */
JET_ERR isam_plv_flush(isam_cursor *c, vtx *x, isam_plv *p, bool in_place, uint64_t *lvid);
/* Copy a separated value into a new one (JET_prepInsertCopy). */
JET_ERR isam_lv_copy(isam_cursor *c, vtx *x, uint64_t lvid, uint64_t size, uint64_t *out);

/* ---- keys.c: index keys of records ---------------------------------------- */

/* The keys one record produces in index ix (NULL = the primary index of a
 * table that has one): a list of normalised keys, deduplicated.  An index
 * that ignores the record yields none. */
typedef struct isam_keys {
    uint8_t **k;
    size_t *len;
    size_t n, cap;
    bool truncated;               /* some key was cut at cbKeyMost */
} isam_keys;
void isam_keys_free(isam_keys *ks);
JET_ERR isam_record_keys(isam_cursor *c, const cat_index *ix, const void *rec, size_t len,
                         isam_keys *out);
/* The value number (itagSequence) of column colid that made the current
 * entry of cursor c in index ix, given the entry's record: the first key
 * combination whose stored entry is c's current one (ESE's KeySequence).
 * JET_errSecondaryIndexCorrupted when none is. */
JET_ERR isam_entry_itag(isam_cursor *c, const cat_index *ix, const void *rec, size_t len,
                        JET_COLUMNID colid, uint32_t *itag);
/* The primary bookmark of a record: primary key (must be exactly one) or
 * JET_errNullKeyDisallowed etc.; the implicit key is not derived here. */
JET_ERR isam_primary_key(isam_cursor *c, const void *rec, size_t len, uint8_t *key,
                         size_t *klen);
/* The key_append flags an index's options imply (SortNullsHigh, DotNetGuid). */
unsigned isam_key_flags(const cat_index *ix);
/* Stored index entry of secondary key k for a record with bookmark bm. */
JET_ERR isam_entry_key(const cat_index *ix, const uint8_t *k, size_t klen, const uint8_t *bm,
                       size_t bmlen, uint8_t *out, size_t *outlen);
/* Length of the secondary-key part of a stored entry (key klen, value bmlen). */
size_t isam_entry_seclen(const cat_index *ix, size_t klen, size_t bmlen);

/* ---- update.c -------------------------------------------------------------- */

/* Insert / remove every secondary index entry of a record. */
JET_ERR isam_index_insert_all(isam_cursor *c, vtx *x, const void *rec, size_t len,
                              const uint8_t *bm, size_t bmlen);

/* ---- nav.c ---------------------------------------------------------------- */

/* Resolve a deferred move-first; then require a current record:
 * JET_errNoCurrentRecord / JET_errRecordDeleted.  Loads the record into
 * *rec (malloc'd) when rec is not NULL. */
JET_ERR isam_current(isam_cursor *c, uint8_t **rec, size_t *len);
/* The same with the record read into the cursor's own buffer (rec NULL:
 * existence only): *rec stays valid until the next call on the cursor. */
JET_ERR isam_current_rec(isam_cursor *c, const uint8_t **rec, size_t *len);
/* Forget the position (before first). */
void isam_pos_reset(isam_cursor *c, isam_pos pos);
/* Set the position on a stored entry key. */
JET_ERR isam_pos_set(isam_cursor *c, const void *ekey, size_t eklen);
/* Position on entry number itag (1-based) of record bm in the current index. */
JET_ERR isam_goto_record_entry(isam_cursor *c, const uint8_t *bm, size_t bmlen, uint32_t itag);
/* The record of a bookmark as x sees it (malloc'd). */
JET_ERR isam_load_record(isam_cursor *c, const void *bm, size_t bmlen, uint8_t **rec,
                         size_t *len);

/* Navigation entry points (nav.c). */
JET_ERR isam_move(isam_cursor *c, int32_t rows, JET_GRBIT grbit);
JET_ERR isam_make_key(isam_cursor *c, const void *data, uint32_t cb, JET_GRBIT grbit);
JET_ERR isam_retrieve_key(isam_cursor *c, void *buf, uint32_t cb, uint32_t *actual,
                          JET_GRBIT grbit);
JET_ERR isam_seek(isam_cursor *c, JET_GRBIT grbit);
JET_ERR isam_set_index_range(isam_cursor *c, JET_GRBIT grbit);
JET_ERR isam_set_current_index(isam_cursor *c, const char *name, const JET_INDEXID *id,
                               JET_GRBIT grbit, uint32_t itag);
JET_ERR isam_get_current_index(isam_cursor *c, char *buf, uint32_t cb);
JET_ERR isam_get_bookmark(isam_cursor *c, void *buf, uint32_t cb, uint32_t *actual);
JET_ERR isam_goto_bookmark(isam_cursor *c, const void *bm, uint32_t cb);
JET_ERR isam_get_secondary_bookmark(isam_cursor *c, void *sk, uint32_t cbsk,
                                    uint32_t *sk_actual, void *pk, uint32_t cbpk,
                                    uint32_t *pk_actual);
JET_ERR isam_goto_secondary_bookmark(isam_cursor *c, const void *sk, uint32_t cbsk,
                                     const void *pk, uint32_t cbpk, JET_GRBIT grbit);
JET_ERR isam_get_record_position(isam_cursor *c, JET_RECPOS *rp, uint32_t cb);
JET_ERR isam_goto_position(isam_cursor *c, const JET_RECPOS *rp);
JET_ERR isam_index_record_count(isam_cursor *c, uint32_t *pcrec, uint32_t max);
JET_ERR isam_cursor_info(isam_cursor *c);

/* Updates (update.c). */
JET_ERR isam_prepare(isam_cursor *c, uint32_t prep);
JET_ERR isam_set_column(isam_cursor *c, JET_COLUMNID colid, const void *data, uint32_t cb,
                        JET_GRBIT grbit, uint32_t itag, uint32_t ib);
JET_ERR isam_update(isam_cursor *c, void *bm, uint32_t cbbm, uint32_t *actual, JET_GRBIT grbit);
JET_ERR isam_delete(isam_cursor *c);
JET_ERR isam_get_lock(isam_cursor *c, JET_GRBIT grbit);
JET_ERR isam_escrow_update(isam_cursor *c, JET_COLUMNID colid, const void *delta, uint32_t cb,
                           void *old, uint32_t cbold, uint32_t *oldactual, JET_GRBIT grbit);

/* Retrieval (retrieve.c). */
JET_ERR isam_retrieve_column(isam_cursor *c, JET_COLUMNID colid, void *buf, uint32_t cb,
                             uint32_t *actual, JET_GRBIT grbit, uint32_t ib, uint32_t *itag,
                             JET_COLUMNID *next_tagged);
JET_ERR isam_count_column(isam_cursor *c, JET_COLUMNID colid, JET_GRBIT grbit, uint32_t *n);
JET_ERR isam_enumerate_columns(isam_cursor *c, uint32_t cid, const JET_ENUMCOLUMNID *ids,
                               uint32_t *pcenum, JET_ENUMCOLUMN **penum,
                               JET_PFNREALLOC pfn, void *ctx, uint32_t cbmost, JET_GRBIT grbit);

/* JET_INDEXID of index ix (-1 = primary) and back (cursor.c). */
JET_ERR isam_indexid_find(const cat_table *t, const JET_INDEXID *id, int *ix);

/* ---- small helpers --------------------------------------------------------- */

JET_ERR isam_buf_set(uint8_t **buf, size_t *cap, size_t *len, const void *src, size_t n);
static inline void isam_put_be64(uint8_t *p, uint64_t v)
{
    for (int i = 7; i >= 0; i--) {
        p[i] = (uint8_t)v;
        v >>= 8;
    }
}
static inline uint64_t isam_get_be64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = (v << 8) | p[i];
    return v;
}

#endif
