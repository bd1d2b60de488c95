/*
 * btree.h: B+trees over cached pages, with every page change logged.
 *
 * A tree is (cache file, root pgno, objid).  The root pgno never changes:
 * a root split copies the root's content into a new child and turns the
 * root into an internal page; a shrink copies the only child back.
 *
 * Keys are byte strings of 0..BT_KEY_MAX bytes compared with memcmp, a
 * shorter key sorting first on a common prefix.  Values are 0..BT_VALUE_MAX
 * bytes; a value too large to sit in its leaf lives in a chain of
 * long-value pages referenced from the leaf.
 *
 * Logging: each modifying call is one atomic "operation" that changes one
 * or more pages; every changed page yields one PAGE log record (byte-range
 * redo + optional logical undo).  See docs/formats-btree.md for the exact
 * bytes and for what recovery must do with them.
 *
 * Concurrency: one bt_tree object per tree per process, shared by every
 * session that uses the tree (the layer above keeps it, like ESE's FCB).
 * It carries a readers/writer lock: readers (gets, cursor moves and reads)
 * share it, modifying calls take it exclusively.  Cursors hold no lock and
 * no latch between calls.  The env callbacks must be thread-safe.
 */
#ifndef JETDB_BTREE_BTREE_H
#define JETDB_BTREE_BTREE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cache/cache.h"
#include "log/log.h"
#include "esent.h"

#define BT_KEY_MAX 2000u                 /* longest key, bytes */
#define BT_VALUE_MAX 0x7fffffffu         /* longest value: 2 GiB - 1 */

/* What the layer above gives a tree: where its pages live and how to get
 * pages, database times and log space.  Copied by bt_open. */
typedef struct bt_env {
    cache_file *cf;
    uint32_t page_size;
    uint16_t dbid;
    void *ctx;
    /* Allocate / free a page of the database (the db layer logs its own
     * space changes).  A freed page is never handed out again before
     * free_page was called for it. */
    JET_ERR (*alloc_page)(void *ctx, uint32_t *pgno);
    JET_ERR (*free_page)(void *ctx, uint32_t pgno);
    /* Next database time: strictly increasing per database, never 0. */
    uint64_t (*next_dbtime)(void *ctx);
    /* Append one log record (bytes built here) and return its LSN; NULL
     * when the database is not logged (bf_dirty then gets LSN 0). */
    JET_ERR (*log_record)(void *ctx, const void *rec, size_t len, uint64_t *lsn);
    /* Bracket the moment an operation's records are appended and its pages
     * dirtied (may be NULL): the checkpointer excludes these windows so it
     * never sees a logged change whose page is not dirty yet. */
    void (*op_enter)(void *ctx);
    void (*op_leave)(void *ctx);
} bt_env;

typedef struct bt_tree bt_tree;
typedef struct bt_cursor bt_cursor;

/* ---- trees ---------------------------------------------------------- */

/* Allocate and format an empty root leaf for object objid (logged). */
JET_ERR bt_create(const bt_env *env, uint32_t objid, uint64_t txid, uint32_t *root);
/* Open the shared handle of an existing tree (no I/O). */
JET_ERR bt_open(const bt_env *env, uint32_t root, uint32_t objid, bt_tree **out);
/* Release a handle; no cursor of it may remain open. */
void bt_close(bt_tree *t);
uint32_t bt_root(const bt_tree *t);
uint32_t bt_objid(const bt_tree *t);
/* Counters the layer above keeps per tree (src/txn's version store:
 * BT_CLIENT_N of them, zero at bt_open); the B-tree only holds them. */
#define BT_CLIENT_N 2u
_Atomic uint64_t *bt_client(bt_tree *t);
/* Free every page of the tree (root included) and close the handle; the
 * caller guarantees nobody else uses the tree any more.  Not undoable. */
JET_ERR bt_destroy(bt_tree *t, uint64_t txid);

/* ---- single-record operations (txid 0 = not transactional) ---------- */

/* Insert a new key; JET_errKeyDuplicate when it exists. */
JET_ERR bt_insert(bt_tree *t, uint64_t txid, const void *key, size_t klen,
                  const void *val, size_t vlen);
/* Replace the value of an existing key; JET_errRecordNotFound if missing. */
JET_ERR bt_replace(bt_tree *t, uint64_t txid, const void *key, size_t klen,
                   const void *val, size_t vlen);
/* Delete a key; JET_errRecordNotFound if missing. */
JET_ERR bt_delete(bt_tree *t, uint64_t txid, const void *key, size_t klen);
/* Exact lookup: copies up to cb bytes of the value starting at offset
 * `off` into buf; *actual (may be NULL) = the value's total length.
 * JET_wrnBufferTruncated when the rest of the value did not fit;
 * JET_errRecordNotFound when the key is missing. */
JET_ERR bt_get(bt_tree *t, const void *key, size_t klen, uint64_t off, void *buf,
               size_t cb, size_t *actual);

/* ---- cursors -------------------------------------------------------- */

typedef enum bt_seek {
    BT_SEEK_EQ = 1,   /* the key itself */
    BT_SEEK_GE,       /* smallest key >= */
    BT_SEEK_GT,       /* smallest key >  */
    BT_SEEK_LE,       /* largest key <=  */
    BT_SEEK_LT,       /* largest key <   */
} bt_seek;

/* A new cursor is positioned before the first record. */
JET_ERR bt_cursor_open(bt_tree *t, bt_cursor **out);
void bt_cursor_close(bt_cursor *c);
/* Position on a key; JET_errRecordNotFound (cursor unpositioned) if none. */
JET_ERR bt_cursor_seek(bt_cursor *c, bt_seek op, const void *key, size_t klen);
/* Position on the first / last record; JET_errNoCurrentRecord when empty. */
JET_ERR bt_cursor_first(bt_cursor *c);
JET_ERR bt_cursor_last(bt_cursor *c);
/* Move by one record.  At an end: JET_errNoCurrentRecord and the cursor
 * sits after the last (before the first) record, so the opposite move
 * returns to the last (first) one.  From an unpositioned cursor:
 * JET_errNoCurrentRecord.  If the current record was deleted meanwhile,
 * next/prev move to its neighbours by key. */
JET_ERR bt_cursor_next(bt_cursor *c);
JET_ERR bt_cursor_prev(bt_cursor *c);
/* Copy the current key (up to cb bytes) into buf, *actual = its length;
 * JET_wrnBufferTruncated if cut; JET_errNoCurrentRecord when not on a
 * record; JET_errRecordDeleted when the record was deleted meanwhile. */
JET_ERR bt_cursor_key(bt_cursor *c, void *buf, size_t cb, size_t *actual);
/* Copy up to cb bytes of the current value starting at byte off;
 * *actual = the value's total length.  Errors as bt_cursor_key. */
JET_ERR bt_cursor_value(bt_cursor *c, uint64_t off, void *buf, size_t cb, size_t *actual);
/* The key the cursor stands on, as it saved it (no page is read: the
 * record may have gone since).  *key stays valid until the cursor moves.
 * JET_errNoCurrentRecord when not on a record. */
JET_ERR bt_cursor_saved_key(const bt_cursor *c, const uint8_t **key, size_t *klen);
/* Bytes of a value a cursor keeps when it lands on a record. */
#define BT_CURSOR_CAPTURE 1032u
/* The value of the record as the last seek / first / last / next / prev
 * found it (no page is read: it may have changed since): its first *got
 * bytes (at most BT_CURSOR_CAPTURE; 0 for a long value) and its length. */
JET_ERR bt_cursor_landed_value(const bt_cursor *c, const uint8_t **val, size_t *got,
                               size_t *total);

/* ---- verification --------------------------------------------------- */

typedef struct bt_check_stats {
    uint64_t records;       /* leaf records */
    uint64_t leaf_pages, internal_pages, lv_pages, lv_values;
    uint64_t key_bytes, value_bytes;
    uint32_t depth;         /* levels, 1 = root is a leaf */
    char why[160];          /* first problem found, "" when none */
} bt_check_stats;

/* Walk the whole tree (under the shared lock): page types and objids, key
 * order in and across pages, separators, sibling links, uniform depth, no
 * page reachable twice, long-value chains.  JET_errDatabaseCorrupted with
 * st->why set on the first problem.  st may be NULL. */
JET_ERR bt_check(bt_tree *t, bt_check_stats *st);

/* ---- log records ---------------------------------------------------- */

/* Record type of a B-tree page change: the log's LOG_REC_PAGE. */
#define BT_LOGREC_PAGE LOG_REC_PAGE

/* Record flags (common header byte 5). */
enum {
    BT_LOGF_FIRST = 0x01,   /* first record of an operation */
    BT_LOGF_LAST = 0x02,    /* last record: the operation is complete */
    BT_LOGF_CLR = 0x04,     /* compensation (undo of an undo): never undone */
    BT_LOGF_NEWPAGE = 0x08, /* page (re)formatted: ranges apply to a zero page */
};

#define BT_LOGREC_HDR LOG_REC_HDR_SIZE   /* the log's common header (log_rec_hdr) */
#define BT_LOGREC_BODY 40u  /* pgno, objid, opid, dbtime before/after, undo_len, nranges */

/* A decoded PAGE record; pointers point into the record bytes. */
typedef struct bt_logrec {
    uint32_t len;
    uint8_t type, flags;
    uint16_t dbid;
    uint64_t txid;
    uint32_t pgno, objid;
    uint64_t opid;          /* dbtime_after of the operation's first record */
    uint64_t dbtime_before, dbtime_after;
    uint32_t undo_len;
    uint16_t nranges;
    const uint8_t *undo;    /* undo_len bytes, or NULL */
    const uint8_t *ranges;  /* nranges x { u16 off, u16 len, bytes } */
    size_t ranges_len;
} bt_logrec;

/* Decode and validate a PAGE record (lengths, range bounds for page_size;
 * page_size 0 skips the range-bound check).  JET_errLogCorrupted if bad. */
JET_ERR bt_logrec_decode(const void *rec, size_t len, uint32_t page_size, bt_logrec *out);

/* Build a PAGE record from a page's before and after images (before NULL =
 * a zero page, for formatting); *out is malloc'd, *outlen its length. */
JET_ERR bt_logrec_encode(const bt_env *env, uint64_t txid, uint8_t flags, uint32_t pgno,
                         uint32_t objid, uint64_t opid, uint64_t dbtime_before,
                         uint64_t dbtime_after, const void *before, const void *after,
                         const void *undo, uint32_t undo_len, uint8_t **out, size_t *outlen);

/* Redo one PAGE record on page pgno (page_size bytes, possibly all zeros
 * when never written).  Applies it only when the page's dbtime equals
 * dbtime_before (or, for NEWPAGE records, when the page is older than
 * dbtime_after); *applied says whether it did.  A page already at or past
 * dbtime_after is left alone; an older page → JET_errDbTimeTooOld; one in
 * between → JET_errDbTimeTooNew. */
JET_ERR bt_redo_page(void *page, uint32_t page_size, uint32_t pgno, const void *rec,
                     size_t len, bool *applied);

/* ---- logical undo --------------------------------------------------- */

/* Undo payload operations (first byte of a record's undo bytes). */
enum {
    BT_UNDO_INSERT = 1,     /* the key was inserted: delete it */
    BT_UNDO_DELETE = 2,     /* the key was deleted: insert key + old value */
    BT_UNDO_REPLACE = 3,    /* the value was replaced: put the old one back */
};

/* Find the open tree of an object, for undo. */
typedef JET_ERR (*bt_tree_lookup_fn)(void *ctx, uint32_t objid, bt_tree **out);

/* Roll back one logged change: decode the undo payload of a non-CLR
 * record and run the compensating operation (logged as CLR records, under
 * txid).  The caller applies a transaction's payloads newest first. */
JET_ERR bt_undo_apply(bt_tree_lookup_fn lookup, void *ctx, const void *undo, size_t len,
                      uint64_t txid);

#endif
