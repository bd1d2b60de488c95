/*
 * bk_int.h: the per-instance backup state (ESE's BACKUP_CONTEXT) and the
 * internal calls shared by the files of src/backup.
 *
 * State machine (ese-backup-semantics.md §3.11): Idle → (begin) DB phase
 * (full) or LOGS phase (incremental) → (first log-info call: roll, ranges)
 * LOGS → (end) Idle.  One file handle at most.  The stop flag lives in the
 * instance (inst->stop_backup, under inst->mu) because JetStopBackupInstance
 * must work without entering the backup code.
 *
 * Locking: bk->mu guards every field below except `active` (an atomic the
 * hooks read without the lock), the attach/detach count (tach_mu) and the
 * trash queue (its own lock).  Order: bk->mu → inst->mu → db->mu, and
 * bk->mu → tach_mu, bk->mu → trash.mu; the log's own locks are leaves below
 * all of them.  File I/O is done with bk->mu held:
 * a backup's calls are sequential by contract, and holding the lock keeps
 * JetTerm's and another thread's calls from seeing a half-updated state.
 */
#ifndef JETDB_BACKUP_BK_INT_H
#define JETDB_BACKUP_BK_INT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "backup/backup.h"
#include "backup/bk_stage.h"
#include "db/db.h"
#include "inst/inst.h"
#include "log/log.h"

/* ESE's event ids (jetmsg.mc), category Logging/Recovery. */
enum bk_event_id {
    BK_EV_FULL_BEGIN = 210,
    BK_EV_INC_BEGIN = 211,
    BK_EV_DONE = 213,
    BK_EV_ERROR = 214,
    BK_EV_STOP_CLIENT = 215,
    BK_EV_STOP_SERVER = 226,
    BK_EV_DB_ERROR = 217,
    BK_EV_LOG_ERROR = 218,
    BK_EV_HDR_UPDATE_FAIL = 219,
    BK_EV_DB_OPEN = 220,
    BK_EV_DB_CLOSED = 221,
    BK_EV_FILE_PARTIAL = 222,
    BK_EV_LOGS_BEGIN = 223,
    BK_EV_TRUNCATED = 224,
    BK_EV_NOTHING_TO_TRUNCATE = 225,
    BK_EV_TRUNC_MISSING = 227,
    BK_EV_NO_FULL = 206,
    BK_EV_FILE_MISSING = 459,
    BK_EV_READ_RETRIED = 493,
    BK_EV_LOGS_NOT_COPIED = 520,
};

/* Phases of a backup (ESE's m_fBackupStatus). */
typedef enum bk_phase {
    BK_IDLE = 0,        /* no backup */
    BK_PHASE_DB,        /* full backup, databases may be opened */
    BK_PHASE_LOGS,      /* logs and patch files (incremental from the start) */
} bk_phase;

/* What the one file handle streams. */
typedef enum bk_hkind {
    BK_H_NONE = 0,
    BK_H_DB,            /* a database: header, shadow, pages, trailer */
    BK_H_LOG,           /* an archived log, verified before its bytes go out */
    BK_H_PATCH,         /* any other file (ESE's patch file): raw bytes */
} bk_hkind;

/* A database of the instance as the backup sees it. */
typedef struct bk_dbent {
    db *d;              /* pinned while the backup runs */
    bool in_session;    /* full: opened for backup; incremental: every logged db */
    bool copied;        /* full: every byte of its stream was read */
    uint32_t trailer_gen_high;  /* genHigh the trailer recorded */
} bk_dbent;

/* The open file handle. */
typedef struct bk_handle {
    bk_hkind kind;
    int ent;            /* BK_H_DB: index into bk_state.dbs */
    struct os_file *f;  /* BK_H_LOG / BK_H_PATCH */
    char *path;         /* absolute path (events) */
    uint64_t size;      /* bytes the stream holds (reported by open) */
    uint64_t off;       /* bytes returned so far */
    uint32_t gen;       /* BK_H_LOG: its generation */
    bool verified;      /* BK_H_LOG: log_verify_file passed */
    uint32_t page_size; /* BK_H_DB */
    uint32_t pgno_last; /* BK_H_DB: data pages captured at open */
    uint8_t *hdr_page;  /* BK_H_DB: the patched header snapshot (one page) */
    bool retried;       /* BK_H_DB: some read needed a retry (event 493 at close) */
} bk_handle;

struct bk_state {
    pthread_mutex_t mu;
    atomic_bool active;         /* a backup runs (InProgressLocal) */
    /* Attach, create and detach in flight (between bk_tach_enter and
     * bk_tach_leave): a begin sets `active` under tach_mu, then waits on
     * tach_cv until none is left, so none can finish during a backup. */
    pthread_mutex_t tach_mu;
    pthread_cond_t tach_cv;
    uint32_t tach_inflight;
    bk_trash trash;             /* stopped backups' folders being removed */
    bool internal;              /* it is JetBackup's own (external calls are refused) */
    bool full;                  /* full (else incremental) */
    bk_phase phase;
    bool rolled;                /* the "prepare logs" roll happened */
    bool logs_truncated;        /* JetTruncateLog ran during this backup */
    bool paused;                /* circular deletion paused by this backup */
    uint32_t copy_mic, copy_mac;    /* copy generations copy_mic .. copy_mac-1 */
    uint32_t del_mic, del_mac;      /* truncation deletes del_mic .. del_mac-1 */
    log_lsn mark_full;          /* full: log tip at begin */
    JET_LOGTIME time_full;      /* full: begin time */
    log_lsn lsn_inc;            /* position of the "prepare logs" record */
    JET_LOGTIME time_inc;       /* time just before the roll */
    uint8_t *gen_copied;        /* one byte per copy generation: read completely */
    bk_dbent dbs[DB_MAX_USER_DBS];
    size_t ndbs;
    bool h_open;
    bk_handle h;
    bk_stats stats;
};

/* ---- bk_state.c --------------------------------------------------------- */

/* The instance's backup state, created on first use (NULL: out of memory). */
struct bk_state *bk_state_get(inst *in);
/* Early check every streaming call makes after "a backup runs":
 * JET_errBackupAbortByServer once JetStopBackup(Instance) was called. */
JET_ERR bk_check_stop(inst *in);
/* JetBackup's between-pages check: stop → JET_errBackupAbortByServer,
 * JetTerm started → JET_errTermInProgress. */
JET_ERR bk_check_interrupt(inst *in);
/* Emit a Logging/Recovery event of the instance. */
void bk_event(inst *in, uint32_t id, uint32_t type, uint32_t n, const char *const *strings);
/* Same with the error number as the first string and an optional path. */
void bk_event_err(inst *in, uint32_t id, JET_ERR err, const char *path);
/* Append a backup log record (ESE's Backup2) of the given phase. */
JET_ERR bk_log_record(inst *in, uint8_t phase, uint16_t dbid, const JET_BKINFO *bk,
                      log_lsn *lsn);
/* Backup record phases (log_rec_hdr.flags of LOG_REC_BACKUP). */
enum bk_rec_phase {
    BK_REC_BEGIN = 1,
    BK_REC_PREPARE_LOGS = 2,
    BK_REC_TRUNCATE = 3,
    BK_REC_UPDATE = 4,
    BK_REC_ABORT = 5,
    BK_REC_STOP = 6,
};
/* Begin with bk->mu held (internal = JetBackup's own backup). */
JET_ERR bk_begin_locked(inst *in, struct bk_state *bk, JET_GRBIT grbit, bool internal);
/* How an end came about. */
typedef enum bk_outcome {
    BK_END_OK = 0,          /* normal end: headers updated, event 213 */
    BK_END_BY_CLIENT,       /* abort by the caller: event 215 */
    BK_END_BY_SERVER,       /* stop / term: event 226 */
    BK_END_ERROR,           /* cancelled by an error: event 214 */
} bk_outcome;
/* End the running backup with bk->mu held; err is the error of
 * BK_END_ERROR; truncate_done = JET_bitBackupTruncateDone. */
void bk_end_locked(inst *in, struct bk_state *bk, bk_outcome how, JET_ERR err,
                   bool truncate_done);
/* Close the open handle (if any) without events. */
void bk_handle_release(struct bk_state *bk);

/* ---- bk_log.c ------------------------------------------------------------ */

/* Roll the log and fix CopyMic/CopyMac/DelMic/DelMac (once per backup). */
JET_ERR bk_prepare_logs_locked(inst *in, struct bk_state *bk);
/* The list of logs to copy (truncate false) or to delete (true). */
JET_ERR bk_log_list_locked(inst *in, struct bk_state *bk, bool truncate, char ***names,
                           size_t *count);
/* JetTruncateLog's work with bk->mu held. */
JET_ERR bk_truncate_locked(inst *in, struct bk_state *bk);
/* The same without the stop check (JetBackup, once its files are in place). */
JET_ERR bk_truncate_now_locked(inst *in, struct bk_state *bk);
/* Truncation without a backup (JetBackup with no path): delete the
 * archived logs below the checkpoint on disk. */
JET_ERR bk_truncate_only(inst *in);
/* The archived name of gen as a full path, malloc'd. */
JET_ERR bk_log_path(inst *in, uint32_t gen, char **out);
/* The checkpoint generation in the checkpoint file on disk. */
JET_ERR bk_checkpoint_gen(inst *in, uint32_t *gen);

/* ---- bk_file.c (open / read / close of the one handle) -------------------- */

JET_ERR bk_open_locked(inst *in, struct bk_state *bk, const char *name, uint64_t *size);
JET_ERR bk_read_locked(inst *in, struct bk_state *bk, void *pv, uint32_t cb, uint32_t *got);
JET_ERR bk_close_locked(inst *in, struct bk_state *bk);

/* ---- bk_db.c (database streaming) ------------------------------------------ */

/* Open the stream of an attached database (entry ent): snapshot the header,
 * capture pgnoLast; *size = (pgnoLast + 3) * cbPage. */
JET_ERR bk_db_open(inst *in, struct bk_state *bk, int ent, uint64_t *size);
/* Fill buf with the next whole pages of the stream (cb is a multiple of
 * the page size); *got = bytes (0 at the end). */
JET_ERR bk_db_read(inst *in, struct bk_state *bk, uint8_t *buf, uint32_t cb, uint32_t *got);

/* ---- bk_hdr.c (backup info in database headers) ------------------------------ */

/* The normal end's header updates (§3.10 step 5) and the checkpoint's
 * last-backup marks; errors are reported as event 219, never returned. */
void bk_hdr_update_all(inst *in, struct bk_state *bk, bool truncated);

#endif
