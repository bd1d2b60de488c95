/*
 * recovery.h: soft recovery — bringing the databases of a log stream back
 * to a consistent state after a crash (JetInit), and later hard recovery
 * (restore) with the same machinery.
 *
 * Redo replays every record from the checkpoint to the end of the log:
 * page records are grouped by operation and applied only when the
 * operation's LAST record is present (the WAL rule guarantees that no page
 * of an incomplete operation reached the disk), each to a page only when
 * the page is exactly as old as the record expects (dbtime) — so replay is
 * idempotent and a crash during recovery just recovers again.  Redo also
 * rebuilds the undo lists of transactions that have no COMMIT/ROLLBACK.
 * Undo then rolls those transactions back through logged compensations.
 */
#ifndef JETDB_RECOVERY_RECOVERY_H
#define JETDB_RECOVERY_RECOVERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "esent.h"

struct inst;
struct log;

/* What recovery needs from the instance layer: open a database named by a
 * CREATEDB/ATTACHDB record for replay, and release it afterwards. */
typedef struct rec_ops {
    void *ctx;
    /* Open the file at path (UTF-8, absolute) for redo as dbid; returns the
     * storage handle (an st_db) or JET_errFileNotFound when it is gone. */
    JET_ERR (*open_db)(void *ctx, const char *path, uint16_t dbid, uint64_t max_dbtime_hint,
                       void **store);
    /* Flush (ok = true) or drop the database after recovery and close it;
     * max_dbtime is the newest database time redo saw for it. */
    JET_ERR (*close_db)(void *ctx, void *store, uint64_t max_dbtime, bool ok);
} rec_ops;

typedef struct rec_stats {
    uint64_t records, page_records, applied, skipped, ops_dropped;
    uint64_t txns_undone, bytes;
} rec_stats;

/* Replay the log of `log` from `start` to its end, then roll back the
 * transactions left open.  The log must be open for appending (undo logs
 * compensations).  Errors: what the log reader reports (JET_errLogFileCorrupt,
 * JET_errMissingLogFile, ...), JET_errDbTimeTooOld/TooNew for a database
 * that lost writes, or the callbacks' errors. */
/* cp: the checkpoint the replay starts from; its attach table names the
 * databases to open before the first record. */
struct log_checkpoint;
JET_ERR rec_soft_recover(struct log *log, const char *log_path, const char *base,
                         unsigned legacy, uint64_t start, const struct log_checkpoint *cp,
                         const rec_ops *ops, rec_stats *st);

/* ---- the shared replay and hard recovery ------------------------------- */

/* Where redo takes its records from, in LSN order: next() returns *rec =
 * NULL at the end (soft recovery: one folder's reader; hard recovery: the
 * backup set's folder, then the log folder). */
typedef struct rec_source {
    void *ctx;
    JET_ERR (*next)(void *ctx, const void **rec, size_t *len, uint64_t *lsn);
} rec_source;

/* Redo every record src yields (after opening cp's databases, cp may be
 * NULL), then undo the transactions left open; as rec_soft_recover. */
JET_ERR rec_replay(struct log *log, const rec_source *src, const struct log_checkpoint *cp,
                   const rec_ops *ops, rec_stats *st);

/* Bytes of log replayed between two background write-backs of the pages
 * redo dirtied (default 64 MiB; 0 restores the default).  For tests, which
 * replay small logs: a small value makes a writer run during their redo. */
void rec_set_flush_interval(uint64_t bytes);
/* Background write-backs started so far in this process (tests). */
uint64_t rec_background_flushes(void);

/* One stretch of the stream for hard recovery: generations gen_lo..gen_hi
 * (gen_hi 0: to the end of the stream, the folder's current log included;
 * otherwise nothing after gen_hi is opened) read from folder.  Damage
 * inside the stretch (a segment or a record that does not verify) is reported as corrupt_err when it is not 0. */
typedef struct rec_folder {
    const char *path;
    uint32_t gen_lo, gen_hi;
    JET_ERR corrupt_err;
} rec_folder;

/* Hard recovery (restore, src/recovery/rec_hard.c): replay the stretches in
 * order — each must continue the previous one without a gap (same
 * signature, tmPrevGen and accumulated checksum: JET_errBadLogSignature,
 * JET_errInvalidLogSequence, JET_errLogSequenceChecksumMismatch) — then
 * undo.  on_gen (may be NULL) is told each generation as its replay ends. */
JET_ERR rec_hard_recover(struct log *log, const char *base, unsigned legacy,
                         const rec_folder *folders, size_t nfolders,
                         const struct log_checkpoint *cp, const rec_ops *ops,
                         void (*on_gen)(void *ctx, uint32_t gen), void *gen_ctx,
                         rec_stats *st);

#endif
