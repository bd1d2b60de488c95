/*
 * ver.h: ISAM transactions (nested levels) and versioned trees — the
 * version store that gives every transaction a snapshot of committed data
 * as of its begin, its own changes on top, and JET_errWriteConflict for the
 * second writer of a row (never blocking).
 *
 * Every tree the ISAM layer uses (tables' data trees, secondary indexes,
 * long-value trees, the catalog) is accessed ONLY through vt_* calls: the
 * stored B-tree value is one flag byte (VT_ROW_DELETED) followed by the
 * caller's bytes, and the flag is private to this module.  A deleted row
 * stays in the tree, flagged, until no snapshot can see it any more
 * (version cleanup then removes it physically); after a crash a flagged row
 * without versions is simply invisible and may be overwritten by an insert.
 *
 * A transaction (vtx) belongs to one session.  Level 0 = not in a
 * transaction.  vtx_begin raises the level (1..7, JET_errTransTooDeep past
 * 7); the storage transaction (src/txn, BEGIN record) starts lazily at the
 * first change; the snapshot is taken at level 0 → 1.  Commit of an inner
 * level merges it into its parent; commit of level 1 commits durably (or
 * lazily) and makes the changes visible; rollback of a level undoes exactly
 * the changes made since that level began (logged compensations), and
 * drops their versions.
 *
 * Reads: x == NULL means "outside a transaction": the latest committed
 * state at the moment of the call (ESE's behaviour for reads outside a
 * transaction).  A row is visible to x when its newest version is x's own
 * change, or was committed at or before x's snapshot; otherwise the before
 * image of the newest version x may see is returned (or "no row").
 *
 * Writers: the conflict check, the tree change and the new version happen
 * under the row's shard lock, so a second writer always finds the first
 * one's version.  A transaction keeps one version per row and level (the
 * before image of the row as the level found it); it is charged to
 * JET_paramMaxVerPages (JET_errVersionStoreOutOfMemory when full, after a
 * cleanup attempt).  Before images are kept whole in memory: a layer that
 * stores large values should split them into rows of a few KiB.
 *
 * Rollback: the storage transaction's logged compensations undo the
 * changes of logged databases (txn_rollback / txn_rollback_to); changes of
 * unlogged trees (JET_paramRecovery off, unlogged databases) are undone
 * from the before images.  A rollback that fails ends the transaction and
 * leaves all its versions in place until JetTerm (readers keep seeing the
 * before images, writers get JET_errWriteConflict); recovery finishes the
 * undo.
 *
 * Lock order: a row's version-store shard, then the tree (inside bt_*).
 */
#ifndef JETDB_TXN_VER_H
#define JETDB_TXN_VER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "btree/btree.h"
#include "esent.h"

struct inst;
struct sess;

#define VT_LEVEL_MAX 7u              /* JET_errTransTooDeep past this */
#define VT_LEVEL_INTERNAL_MAX 10u    /* vtx_auto_begin's savepoints may go this deep (ESE) */
#define VT_ROW_DELETED 0x01u         /* flag byte of a stored row (private) */

typedef struct vs vs;                /* an instance's version store */
typedef struct vtx vtx;              /* a session's transaction */

/* ---- the version store of an instance (JetInit / JetTerm) -------------- */

/* max_ver_pages: JET_paramMaxVerPages, in units of the instance's
 * JET_paramVerPageSize (VS_PAGE_SIZE when in is NULL). */
#define VS_PAGE_SIZE 16384u
JET_ERR vs_create(struct inst *in, uint64_t max_ver_pages, vs **out);
/* Every transaction must have ended.  Frees all versions (flagged rows not
 * cleaned up yet stay in their trees, invisible: call vs_cleanup first for
 * a clean shutdown). */
void vs_destroy(vs *v);
/* Remove versions (and physically delete flagged rows) that no snapshot
 * can see any more.  Called after commits; safe from any thread. */
void vs_cleanup(vs *v);

/* Transactions (sessions at level >= 1) open now (JetTerm refuses to stop
 * cleanly while there are any: JET_errTooManyActiveUsers). */
uint32_t vs_active_count(vs *v);
/* A dirty termination (JET_bitTermDirty) is under way: from now on
 * vtx_session_end drops open transactions without logging anything (the
 * next recovery undoes them), as ESE throws them away. */
void vs_set_dirty_term(vs *v);
/* A database is being detached (src/db, before its st_db is closed):
 * flagged rows of its trees whose deletion every snapshot sees are removed,
 * and every version of its trees is forgotten.  JET_errDatabaseInUse (and
 * nothing changed) while a transaction has uncommitted changes there.
 * `store` is the database's struct st_db. */
struct st_db;
JET_ERR vs_db_detach(vs *v, struct st_db *store);
/* Forget every version of tree t (it is about to be destroyed and nobody
 * can reach it any more); its flagged rows go with the tree.  st_tree_drop
 * does it by itself (st_tree_drop_hook); call it before any other way of
 * freeing a tree handle. */
void vs_tree_forget(vs *v, bt_tree *t);

/* Counters (tests, diagnostics). */
typedef struct vs_stats {
    uint64_t bytes_used, bytes_max;   /* charged to JET_paramMaxVerPages */
    uint64_t rows, versions;          /* rows with versions, live versions */
    uint64_t commits_pending;         /* committed transactions awaiting cleanup */
    uint64_t rows_removed;            /* flagged rows physically deleted by cleanup */
    uint32_t active;                  /* open transactions */
} vs_stats;
void vs_get_stats(vs *v, vs_stats *st);

/* ---- transactions of a session ------------------------------------------ */

/* JetBeginTransaction(2/3): raise the session's level.  grbit:
 * JET_bitTransactionReadOnly (honoured at level 0 only: writes then fail
 * with JET_errTransReadOnly).  A nested begin from another thread than the
 * one (or the session context) that began level 0 →
 * JET_errSessionSharingViolation. */
JET_ERR vtx_begin(struct sess *s, JET_GRBIT grbit);
/* JetCommitTransaction(2): grbit JET_bitCommitLazyFlush / WaitLastLevel0Commit /
 * WaitAllLevel0Commit / ForceNewLog (the caller validated the bits).  The
 * two Wait bits only flush the log and ForceNewLog only starts a new log
 * generation (any level, also level 0); they commit nothing.
 * JET_errNotInTransaction at level 0. */
JET_ERR vtx_commit(struct sess *s, JET_GRBIT grbit);
/* vtx_commit with JetCommitTransaction2's extras: cmsec_durable > 0 makes
 * a lazy commit durable within that many milliseconds (JET_errInvalidParameter
 * for a commit that is not lazy); *id (may be NULL) receives the log
 * signature and the commit record's position (lGeneration << 32 | isec << 16
 * | ib; 0 when nothing was logged).  The instance's JET_paramCommitDefault
 * lazy bit is added to every commit, as ESE adds the session's default.
 * A commit or rollback by a thread (or session context) other than the one
 * that began level 0 → JET_errSessionSharingViolation. */
JET_ERR vtx_commit2(struct sess *s, JET_GRBIT grbit, uint32_t cmsec_durable,
                    JET_COMMIT_ID *id);
/* JetRollback: one level, or all with JET_bitRollbackAll.
 * JET_errNotInTransaction at level 0. */
JET_ERR vtx_rollback(struct sess *s, JET_GRBIT grbit);
/* Current level (0 = none) and transaction (NULL at level 0). */
uint32_t vtx_level(struct sess *s);
vtx *vtx_current(struct sess *s);
/* The storage transaction id of x for tree-level work outside the vt_*
 * calls (st_tree_create under a DDL transaction), beginning the storage
 * transaction if needed.  JET_errNotInTransaction when x is NULL. */
JET_ERR vtx_txid(vtx *x, uint64_t *txid);
/* JetEndSession / JetTerm: roll back whatever the session left open. */
void vtx_session_end(struct sess *s);

/* An operation that must be atomic but may be called outside a
 * transaction (JetUpdate, JetDelete, DDL): begins a level-1 transaction
 * when the session has none.  vtx_auto_end commits it when err >= 0 and
 * rolls it back otherwise; returns the (possibly new) error.  When the
 * session already is in a transaction, a savepoint level is used so that a
 * failing operation leaves the caller's transaction as it was. */
JET_ERR vtx_auto_begin(struct sess *s, vtx **x);
JET_ERR vtx_auto_end(struct sess *s, vtx *x, JET_ERR err);

/* Work to do when the current level's changes become permanent or are
 * undone (DDL: free a dropped table's trees, drop a cached schema): once
 * x's level-0 transaction has committed and no snapshot older than the
 * commit remains, fn(ctx, true) runs (from whichever thread cleans up);
 * if the level the call was made at (or an outer one) rolls back instead,
 * fn(ctx, false) runs during that rollback.  fn must not call vt_* or
 * vtx_* functions.  JET_errNotInTransaction when x is NULL. */
JET_ERR vtx_defer(vtx *x, void (*fn)(void *ctx, bool committed), void *ctx);

/* ---- versioned rows -------------------------------------------------------- */

/* Every write needs a transaction (JET_errNotInTransaction for NULL) that
 * is not read-only (JET_errTransReadOnly); the conflict check comes first.
 * Values may be up to BT_VALUE_MAX - 1 bytes (one byte is the flag).
 *
 * Insert a row.  JET_errWriteConflict when another transaction's
 * uncommitted (or, for x, not yet visible) change owns the key;
 * JET_errKeyDuplicate when a row visible to x has the key.  A flagged row
 * (deleted, committed, visible as deleted to x) is overwritten. */
JET_ERR vt_insert(vtx *x, bt_tree *t, const void *key, size_t klen, const void *val,
                  size_t vlen);
/* Replace / delete the row visible to x: JET_errRecordNotFound when x
 * sees none, else JET_errWriteConflict as above.  A delete flags the row
 * (VT_ROW_DELETED) and keeps its bytes until cleanup; a row x inserted at
 * the same level is removed at once. */
JET_ERR vt_replace(vtx *x, bt_tree *t, const void *key, size_t klen, const void *val,
                   size_t vlen);
JET_ERR vt_delete(vtx *x, bt_tree *t, const void *key, size_t klen);
/* Claim a row for x without changing it (JetGetLock write lock,
 * JET_prepReplace): later writers, read locks and deltas of others get
 * JET_errWriteConflict until x ends (and, like any change, those whose
 * snapshot predates x's commit); other transactions' read locks and
 * deltas on the row make it conflict.
 * JET_errRecordNotFound when x sees no row.  Logs nothing. */
JET_ERR vt_lock(vtx *x, bt_tree *t, const void *key, size_t klen);
/* Read lock (JetGetLock JET_bitReadLock): keeps other transactions' writes
 * (changes, write locks, deltas) out until x ends, and is shared with
 * other transactions' read locks.  A write lock or change of x itself on
 * a row it read-locked needs no other transaction to hold a read lock
 * there.  Read-only transactions may take it.  JET_errRecordNotFound when
 * x sees no row; JET_errWriteConflict under ESE's rules (ver_row.c).
 * Logs nothing. */
JET_ERR vt_read_lock(vtx *x, bt_tree *t, const void *key, size_t klen);

/* Escrow update (JetEscrowUpdate): add delta to a 4- or 8-byte
 * little-endian integer of the row x sees.  Concurrent deltas of several
 * transactions on one row do not conflict (ESE): each is kept as a version
 * and reaches the tree only when its transaction commits (the commit adds
 * it to the tree's current value, logged under the transaction); a reader
 * sees the committed value as of its snapshot plus its own deltas; a
 * rollback drops the rolled-back levels' deltas.  A change, write lock or
 * read lock of another transaction on the row conflicts with a delta (and
 * the other way round), as does a delta of the other width.
 *
 * locate(ctx, val, len, &off, &width) is called under the row's lock with
 * x's view of the row (the caller's bytes) and says where the integer is
 * (width 4 or 8); it must not call vt_* or vtx_*.  It may return an error
 * or a warning: vt_delta then returns it and changes nothing.
 * VT_DELTA_NO_ROLLBACK (JET_bitEscrowNoRollback): the delta goes into the
 * tree at once as a change of no transaction (no version: everyone sees
 * it, no rollback undoes it; a crash before the log is flushed may lose
 * it).  *out: the integer as stored before this delta, versions ignored
 * (committed value plus every transaction's pending deltas: ESE's pvOld),
 * x's view of it after this delta, and whether another open transaction
 * has versions of the row.  JET_errRecordNotFound when x sees no row. */
#define VT_DELTA_NO_ROLLBACK 0x1u
typedef JET_ERR (*vt_locate_fn)(void *ctx, const uint8_t *val, size_t len, uint32_t *off,
                                uint32_t *width);
typedef struct vt_escrow {
    int64_t stored;        /* before the delta, as stored (ESE's pvOld) */
    int64_t seen;          /* after the delta, as x sees it */
    bool shared;           /* another transaction has versions of the row */
} vt_escrow;
JET_ERR vt_delta(vtx *x, bt_tree *t, const void *key, size_t klen, vt_locate_fn locate,
                 void *ctx, int64_t delta, unsigned flags, vt_escrow *out);

/* Read the row visible to x (x NULL: latest committed): bytes from offset
 * off, *actual = its full length; JET_wrnBufferTruncated; JET_errRecordNotFound. */
JET_ERR vt_get(vtx *x, bt_tree *t, const void *key, size_t klen, uint64_t off, void *buf,
               size_t cb, size_t *actual);

/* A stamp of tree t for callers that cache what they read from it: 0
 * while some row of t has versions; otherwise non-zero, and the same
 * non-zero stamp later means no write touched t in between, so every
 * transaction still reads exactly what any reader read of t then. */
uint64_t vt_tree_stamp(bt_tree *t);

/* Cursors over the rows visible to the transaction passed to each call
 * (the session's transaction may begin or end while a cursor is open).
 * Same positioning contract as bt_cursor_* (btree.h), skipping rows x
 * cannot see. */
typedef struct vt_cursor vt_cursor;
JET_ERR vt_cursor_open(bt_tree *t, vt_cursor **out);
void vt_cursor_close(vt_cursor *c);
JET_ERR vt_cursor_seek(vtx *x, vt_cursor *c, bt_seek op, const void *key, size_t klen);
JET_ERR vt_cursor_first(vtx *x, vt_cursor *c);
JET_ERR vt_cursor_last(vtx *x, vt_cursor *c);
JET_ERR vt_cursor_next(vtx *x, vt_cursor *c);
JET_ERR vt_cursor_prev(vtx *x, vt_cursor *c);
/* Key / value of the current row as x sees it; JET_errNoCurrentRecord when
 * unpositioned; JET_errRecordDeleted when the row is no longer visible. */
JET_ERR vt_cursor_key(vtx *x, vt_cursor *c, void *buf, size_t cb, size_t *actual);
JET_ERR vt_cursor_value(vtx *x, vt_cursor *c, uint64_t off, void *buf, size_t cb,
                        size_t *actual);
/* Bytes of a value vt_cursor_landed keeps. */
#define VT_CURSOR_VAL 1024u
/* What the last successful seek / first / last / next / prev landed on, as
 * x saw it at that moment (no new check, no page read): the key, and the
 * first *vgot bytes (at most VT_CURSOR_VAL) of the value whose full length
 * is *vfull.  Pointers stay valid until the cursor is used again.
 * JET_errNoCurrentRecord when the last positioning failed. */
JET_ERR vt_cursor_landed(const vt_cursor *c, const uint8_t **key, size_t *klen,
                         const uint8_t **val, size_t *vgot, size_t *vfull);
/* Whether the cursor stands on exactly this key (cheap: no page read). */
bool vt_cursor_is_on(const vt_cursor *c, const void *key, size_t klen);
/* The whole value the cursor landed on, when that is still what any
 * transaction reads of the row now: the landing found no row of the tree
 * with versions and no write of the tree happened since (vt_tree_stamp
 * unchanged).  Then *val (valid until the cursor is used again) and *len
 * are set and true comes back; false: read it (vt_cursor_value). */
bool vt_cursor_fresh_value(const vt_cursor *c, const uint8_t **val, size_t *len);

#endif
