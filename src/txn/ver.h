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
#define VT_ROW_DELETED 0x01u         /* flag byte of a stored row (private) */

typedef struct vs vs;                /* an instance's version store */
typedef struct vtx vtx;              /* a session's transaction */

/* ---- the version store of an instance (JetInit / JetTerm) -------------- */

/* max_ver_pages: JET_paramMaxVerPages (units of VS_PAGE_SIZE bytes). */
#define VS_PAGE_SIZE 16384u
JET_ERR vs_create(struct inst *in, uint64_t max_ver_pages, vs **out);
/* Every transaction must have ended.  Frees all versions. */
void vs_destroy(vs *v);
/* Remove versions (and physically delete flagged rows) that no snapshot
 * can see any more.  Called after commits; safe from any thread. */
void vs_cleanup(vs *v);

/* ---- transactions of a session ------------------------------------------ */

/* JetBeginTransaction(2/3): raise the session's level. */
JET_ERR vtx_begin(struct sess *s, JET_GRBIT grbit);
/* JetCommitTransaction(2): grbit JET_bitCommitLazyFlush / WaitLastLevel0Commit /
 * WaitAllLevel0Commit.  JET_errNotInTransaction at level 0. */
JET_ERR vtx_commit(struct sess *s, JET_GRBIT grbit);
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

/* ---- versioned rows -------------------------------------------------------- */

/* Insert a row.  JET_errKeyDuplicate when a row visible to x has the key;
 * JET_errWriteConflict when another transaction's uncommitted (or, for x,
 * not yet visible) change owns the key. */
JET_ERR vt_insert(vtx *x, bt_tree *t, const void *key, size_t klen, const void *val,
                  size_t vlen);
/* Replace / delete the row visible to x: JET_errRecordNotFound when none,
 * JET_errWriteConflict as above. */
JET_ERR vt_replace(vtx *x, bt_tree *t, const void *key, size_t klen, const void *val,
                   size_t vlen);
JET_ERR vt_delete(vtx *x, bt_tree *t, const void *key, size_t klen);
/* Claim a row for x without changing it (JetGetLock write lock,
 * JET_prepReplace): later writers get JET_errWriteConflict until x ends. */
JET_ERR vt_lock(vtx *x, bt_tree *t, const void *key, size_t klen);
/* Read the row visible to x (x NULL: latest committed): bytes from offset
 * off, *actual = its full length; JET_wrnBufferTruncated; JET_errRecordNotFound. */
JET_ERR vt_get(vtx *x, bt_tree *t, const void *key, size_t klen, uint64_t off, void *buf,
               size_t cb, size_t *actual);

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

#endif
