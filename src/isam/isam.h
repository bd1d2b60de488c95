/*
 * isam.h: what the ISAM layer (cursors, records, updates, seeks, temporary
 * tables: src/isam) offers the other layers.  The Jet* table-level entry
 * points live in src/api/api_isam.c and call src/isam.
 *
 * A cursor (JET_TABLEID) belongs to one session and one opened database;
 * it pins its cat_table and refreshes it when DDL publishes a newer
 * version.
 */
#ifndef JETDB_ISAM_ISAM_H
#define JETDB_ISAM_ISAM_H

#include <stdbool.h>
#include <stdint.h>

#include "catalog/catalog.h"
#include "esent.h"

struct db;
struct sess;
struct vtx;

/* Open a cursor on table t of database d (pinned by the caller: a database
 * s opened, or the instance's temporary database); the cursor takes its
 * own pins of d and t.  grbit: JetOpenTable's (JET_bitTableReadOnly,
 * Updatable, DenyRead, DenyWrite, ...).  Positioned on the primary (or
 * sequential) index, before the first record. */
JET_ERR isam_cursor_open(struct sess *s, struct db *d, cat_table *t, JET_GRBIT grbit,
                         JET_TABLEID *out);
/* The table behind a cursor of session s (both pinned: release with
 * cat_table_release and db_unpin) and its database: for DDL calls that take a tableid
 * (JetAddColumn, JetCreateIndex, JetGetTableColumnInfo, ...).
 * JET_errInvalidTableId when tableid is not a cursor of s. */
JET_ERR isam_cursor_table(struct sess *s, JET_TABLEID tableid, struct db **d,
                          cat_table **t);
/* The JetOpenTable grbit cursor tableid of session s was opened with
 * (JET_bitTableDenyRead, ReadOnly, PermitDDL, ...; a cursor JetCreateTable*
 * returned counts as JET_bitTableDenyRead): DDL calls check exclusivity
 * (JET_errExclusiveTableLockRequired), updatability (JET_errPermissionDenied)
 * and FixedDDL overrides with it (src/api/api_ddl.c).
 * JET_errInvalidTableId when tableid is not a cursor of s. */
JET_ERR isam_cursor_grbit(struct sess *s, JET_TABLEID tableid, JET_GRBIT *grbit);
/* Whether a cursor other than `except` (0 = none) of any session has
 * table objid of database d open (JetDeleteTable: JET_errTableInUse). */
bool isam_table_in_use(struct db *d, uint32_t objid, JET_TABLEID except);
/* JetEndSession / JetTerm: close the session's cursors (before its
 * transaction is rolled back and its databases closed). */
void isam_session_end(struct sess *s);

/* The transaction level of session s went down (after JetCommitTransaction,
 * or an implicit transaction that opened a cursor committed): what was
 * opened, chosen or prepared at a deeper level now belongs to the current
 * one, as ESE moves its cursors' levels down on commit. */
void isam_txn_end(struct sess *s);
/* JetRollback of session s has ended one or more levels: cursors opened
 * at a level deeper than the current one are closed (their handles become
 * JET_errInvalidTableId), updates prepared there are cancelled, and a
 * secondary index chosen there is given up for the primary index, as ESE
 * does.  Cursors opened before stay open. */
void isam_txn_rollback(struct sess *s);
/* Whether a cursor of any session has index iobjid of table tobjid in d
 * as its current index (JetDeleteIndex: JET_errIndexInUse). */
bool isam_index_in_use(struct db *d, uint32_t tobjid, uint32_t iobjid);

/* JetCloseDatabase: db_close, and when that was the session's last open
 * of the database, close the session's cursors on it, as ESE does. */
JET_ERR isam_db_close(struct sess *s, JET_DBID dbid, JET_GRBIT grbit);

/* The JET_INDEXID of index ix of t (-1 = the primary or sequential index),
 * for JetGetTableIndexInfo(JET_IdxInfoIndexId); JetSetCurrentIndex4 takes
 * it back and checks it. */
void isam_indexid_make(const cat_table *t, int ix, JET_INDEXID *out);

/* JetAddColumn of autoincrement column colid (just added under the
 * session's current transaction) on a table that has records: number them
 * 1, 2, ... through cursor tableid in the order of its current index, as
 * ESE does (every index entry is one step; the next insert continues after
 * the largest value).  The cursor is left after the last record. */
JET_ERR isam_autoinc_fill(struct sess *s, JET_TABLEID tableid, JET_COLUMNID colid);

/* JetComputeStats: the entries, distinct keys and leaf pages of one tree
 * of table t as x sees it — secondary index ix, or the data tree (the
 * primary index) when ix is NULL or primary. */
JET_ERR isam_tree_stats(struct vtx *x, struct db *d, const cat_table *t, const cat_index *ix,
                        uint32_t *items, uint32_t *keys, uint32_t *pages);

/* Fill a new secondary index ix of table t from the rows visible to x
 * (JetCreateIndex on a table with records): JET_errKeyDuplicate for a
 * unique index with duplicate keys. */
JET_ERR isam_index_build(struct vtx *x, struct db *d, const cat_table *t,
                         const cat_index *ix);

#endif
