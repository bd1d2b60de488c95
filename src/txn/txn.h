/*
 * txn.h: transactions of the storage core.
 *
 * A transaction is identified by the LSN of its BEGIN record (unique for
 * the life of the log stream, so recovery can match records to it).  Every
 * page record a B-tree operation logs under a transaction reaches
 * txn_note_record, which keeps the record's logical undo payload; rollback
 * applies those payloads newest first as compensating operations (logged
 * as CLR records, never undone again), then logs ROLLBACK.  Commit logs
 * COMMIT and, unless lazy, waits until the log is durable up to it (group
 * commit lets concurrent commits share one flush).
 *
 * Savepoints are partial rollbacks (txn_rollback_to); nesting, snapshots
 * and conflicts are the version store's (ver.h), built on these atomic,
 * durable units of change.
 */
#ifndef JETDB_TXN_TXN_H
#define JETDB_TXN_TXN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "btree/btree.h"
#include "esent.h"

struct log;

typedef struct txn txn;

/* Begin a transaction (logs BEGIN when a log is given). */
JET_ERR txn_begin(struct log *log, txn **out);
/* The id to pass to B-tree calls. */
uint64_t txn_id(const txn *t);
/* Commit; lazy = JET_bitCommitLazyFlush (do not wait for the disk).  The
 * transaction is freed whatever the outcome; on a failed flush the commit
 * record may or may not survive a crash, and the error says so. */
JET_ERR txn_commit(txn *t, bool lazy, uint64_t *commit_lsn);
/* txn_commit calling appended(ctx) once the COMMIT record is appended (or
 * its append failed, or nothing is logged), before waiting for the disk:
 * a caller that must keep others from logging before its COMMIT (the
 * version store's escrow deltas) releases its locks there. */
JET_ERR txn_commit_ex(txn *t, bool lazy, uint64_t *commit_lsn, void (*appended)(void *ctx),
                      void *ctx);
/* Roll back every change (compensations are logged), log ROLLBACK, free.
 * When it fails (logged transactions) the caller's handle is gone all the
 * same, but the transaction stays registered as open: its remaining
 * changes are undone only by the next recovery, so no checkpoint may pass
 * its BEGIN and the instance must not terminate cleanly (see
 * txn_oldest_begin) until txn_forget_failed drops it. */
JET_ERR txn_rollback(txn *t, bt_tree_lookup_fn lookup);
/* Undo entries noted so far (a savepoint's mark). */
size_t txn_undo_count(txn *t);
/* Partial rollback (savepoints): apply the undo entries noted after `mark`
 * (txn_undo_count at the savepoint), newest first, as logged compensations
 * (CLR records: recovery drops one entry per compensation, so a crash
 * later undoes exactly what remains).  Logs no ROLLBACK; the transaction
 * stays open.  On failure the entries not yet undone stay in place. */
JET_ERR txn_rollback_to(txn *t, size_t mark, bt_tree_lookup_fn lookup);
/* Free the transactions of `log` whose rollback failed (the log is being
 * closed without a clean shutdown, or recovery gave up). */
void txn_forget_failed(struct log *log);

/* The hook the storage layer calls for every page record it logged to
 * `log`: db_ctx is what bt_undo_apply's lookup receives for that database. */
JET_ERR txn_note_record(struct log *log, void *db_ctx, const void *rec, size_t len,
                        uint64_t lsn);

/* The BEGIN LSN of the oldest open transaction of a log stream (0 when
 * none): a checkpoint must not pass it, or recovery would miss the
 * transaction's start and could not undo it. */
uint64_t txn_oldest_begin(struct log *log);

/* ---- recovery's view ---------------------------------------------------- */

/* Re-create a transaction found open in the log (recovery): it gets the
 * given id and no undo yet; feed it with txn_note_record. */
JET_ERR txn_adopt(struct log *log, uint64_t txid, txn **out);
/* Forget one undo entry (a CLR showed it was already compensated). */
void txn_drop_last_undo(txn *t);
/* Look up an active transaction of a log stream by id (NULL when none);
 * ids are LSNs, so they are unique only within one stream. */
txn *txn_find(struct log *log, uint64_t txid);
/* Drop a transaction without logging anything (its fate is in the log). */
void txn_forget(txn *t);

#endif
