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

#endif
