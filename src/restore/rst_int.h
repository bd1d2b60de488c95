/*
 * rst_int.h: the state of one restore and the calls shared by the files of
 * src/restore (rst_inst.c: instances, events, status; rst_logs.c: the log
 * checks; rst_db.c: the database checks and copies; rst_run.c: the
 * procedure and hard recovery).
 */
#ifndef JETDB_RESTORE_RST_INT_H
#define JETDB_RESTORE_RST_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"
#include "inst/inst.h"
#include "log/log.h"
#include "restore/restore.h"

/* ESE's event ids (jetmsg.mc), category Logging/Recovery. */
enum rst_event_id {
    RST_EV_START = 204,             /* restoring: backup folder, log folder */
    RST_EV_STOP = 205,              /* stopped restoring */
    RST_EV_FILE_NOT_FOUND = 426,    /* a file or folder was not found */
    RST_EV_PATCH_MISMATCH = 430,    /* database and its patch (trailer) differ */
    RST_EV_START_TOO_HIGH = 431,    /* restored logs start too high */
    RST_EV_END_TOO_LOW = 432,       /* restored logs end too low */
    RST_EV_NOT_CONTIGUOUS = 434,    /* backup-set logs do not chain */
    RST_EV_LOG_MISSING = 435,       /* backup-set log missing */
    RST_EV_CURRENT_MISSING = 450,   /* gap after the backup set */
    RST_EV_FAILED = 454,            /* restore failed with an error */
    RST_EV_EXIST_BAD_SIGN = 457,    /* a log-folder log of another stream */
    RST_EV_EXIST_NOT_CONTIG = 458,  /* log-folder logs do not chain */
    RST_EV_CORRUPT_RESTORE = 463,   /* damage in a backup-set log */
    RST_EV_CORRUPT_RECOVERY = 464,  /* damage in a later log */
};

/* The trailer page of a streamed database copy (docs/backup.md). */
#define RST_TRAILER_MAGIC 0x544B424Au   /* "JBKT" */
typedef struct rst_trailer {
    uint32_t version, page_size, pgno_last;
    JET_BKINFO bk;
    JET_SIGNATURE sign_db, sign_log;
    uint32_t gen_min_required, gen_max_required, gen_max_committed;
    JET_LOGTIME logtime_gen_max_required, logtime_gen_max_create;
    uint64_t dbtime;
} rst_trailer;

/* One database of the restore. */
typedef struct rst_db {
    char *src;          /* its copy in the backup folder (NULL: external, at dst) */
    char *generic;      /* file name without folder and extension (ESE's generic name) */
    char *from;         /* external: the path the logs record (else NULL) */
    char *dst;          /* the file redo works on */
    char *tmp;          /* its copy being made (dst + ".restoring"), until
                         * renamed over dst; NULL when there is none */
    db_hdr hdr;         /* header of the copy */
    rst_trailer tr;
    bool have_tr;       /* the copy ends with a trailer page */
    uint32_t data_pages;
    bool replayed;      /* hard recovery closed it cleanly */
} rst_db;

/* One restore. */
typedef struct rst_job {
    inst *in;
    bool external;
    char *R;            /* folder of the backup set's logs */
    char *L;            /* where the later logs come from: the instance's log
                         * folder, or a running target instance's */
    bool target;        /* JetExternalRestore2 into a running target instance:
                         * later logs are read from its folder up to gen T, the
                         * new logs go to the restore's own log folder */
    uint32_t T;
    char *tgt_log;      /* the target's log folder (owned; L points to it) */
    char *dest;         /* JetRestore2's destination folder, or NULL */
    char base[8];
    unsigned legacy;
    uint32_t lo, hi;    /* the backup set's generations */
    log_file_info hi_info;  /* the last backup-set log (chains the log folder) */
    log_file_hdr lo_hdr;
    bool l_stream;      /* the log folder holds a current log */
    uint32_t l_cur;     /* its generation */
    bool l_archived;    /* no current log, but archived logs past hi: the
                         * stream goes on after the last of them, l_last */
    log_file_info l_last;
    rst_db *dbs;
    size_t ndbs;
    JET_PFNSTATUS pfn;
    uint64_t units_total, units_done;
    uint32_t pct;
} rst_job;

/* ---- rst_inst.c ---------------------------------------------------------- */
void rst_event(rst_job *j, uint32_t id, uint32_t type, uint32_t n, const char *const *s);
/* JET_snpRestore notification (sntBegin / sntComplete). */
void rst_status(rst_job *j, JET_SNT snt, uint32_t pct);
/* Count done units; a JET_sntProgress when the percentage grows. */
void rst_progress(rst_job *j, uint64_t units);

/* ---- rst_logs.c ---------------------------------------------------------- */
/* Find the backup set in folder src (or its new/ or old/ subfolder): j->R,
 * j->lo, j->hi.  JET_errFileNotFound when there is none. */
JET_ERR rst_find_logs(rst_job *j, const char *src);
/* §5.4 phase A: every backup-set log present, readable, same stream,
 * contiguous, every segment verifying. */
JET_ERR rst_check_backup_logs(rst_job *j);
/* §5.4 phases B and C: the log folder's logs continue the backup set. */
JET_ERR rst_check_live_logs(rst_job *j);
/* A running target: the restore's own log folder, where the stream goes on
 * with generation T + 1, holds no current log and no archived log past T
 * (JET_errExistingLogFileIsNotContiguous, event 458). */
JET_ERR rst_check_out_folder(rst_job *j);
/* Path of generation gen in folder (archived name). */
JET_ERR rst_log_path(rst_job *j, const char *folder, uint32_t gen, char **out);

/* ---- rst_db.c ------------------------------------------------------------ */
/* JetRestore: the databases the backup folder names with .pat markers. */
JET_ERR rst_find_dbs(rst_job *j);
/* §5.5 on the copy at path (header, trailer, signatures, range; every page
 * too for an external restore — a copy's pages are checked by rst_copy_db). */
JET_ERR rst_check_db(rst_job *j, rst_db *d, const char *path);
/* JetRestore: where each database goes (dest folder or original path). */
JET_ERR rst_resolve_targets(rst_job *j);
/* Copy d->src (without its trailer) to d->tmp (d->dst + ".restoring") with
 * the restore's header, verifying every page as it is copied; complete and
 * durable on success.  On failure d->tmp may remain: rst_remove_copies. */
JET_ERR rst_copy_db(rst_job *j, rst_db *d);
/* Rename the finished copy d->tmp over d->dst (durably). */
JET_ERR rst_install_db(rst_db *d);
/* Remove the copies not installed (after a failure). */
void rst_remove_copies(rst_job *j);
/* External: give the file in place the restore's header, drop its trailer. */
JET_ERR rst_prepare_in_place(rst_job *j, rst_db *d);
void rst_dbs_free(rst_job *j);
/* ESE's generic name of a database file: no folder, no extension. */
JET_ERR rst_generic_of(const char *path, char **out);

/* ---- rst_run.c ----------------------------------------------------------- */
/* The procedure on a prepared instance (paths resolved, lock held). */
JET_ERR rst_run(rst_job *j, const char *src);

#endif
