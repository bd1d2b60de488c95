/*
 * backup.h: online backup of an instance — ESE's streaming ("external")
 * backup state machine, log-range computation and truncation, database
 * streaming, the database headers' backup info, and JetBackup's staged
 * copy into a folder built on top of that machinery.
 *
 * Layering: src/backup sits above src/db, src/log and src/inst; src/api
 * calls it for the Jet*Backup* entry points.  Two small hooks reach it from
 * below (see each caller's comment): the database layer brackets attaching,
 * creating and detaching with bk_tach_enter() / bk_tach_leave(), and
 * JetTerm calls bk_term_in_progress() and bk_term().
 *
 * Every function taking an inst expects the caller to have passed the
 * instance API gate (src/inst/gate.c), except the two JetTerm hooks, which
 * run inside JetTerm after every API call has left the instance.
 * Strings are UTF-8; lists come back as malloc'd arrays of malloc'd
 * strings, freed with bk_list_free (src/api formats them for A/W callers).
 */
#ifndef JETDB_BACKUP_BACKUP_H
#define JETDB_BACKUP_BACKUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "esent.h"

struct inst;
struct bk_state;

/* ---- hooks for the layers below and JetTerm --------------------------- */

/* Attach, create and detach call bk_tach_enter first: JET_errBackupInProgress
 * while a backup of the instance runs (ESE refuses them for the backup's
 * duration), JET_errOutOfMemory if the backup state cannot be created.  On
 * success the operation counts as in flight until its bk_tach_leave, and a
 * backup that begins meanwhile waits for it to end (as ESE does), so an
 * attachment never changes while a backup runs. */
JET_ERR bk_tach_enter(struct inst *in);
void bk_tach_leave(struct inst *in);
/* true while a backup (streaming or JetBackup) runs on the instance. */
bool bk_term_in_progress(struct inst *in);
/* JetTerm: end a running streaming backup as "stopped by the server"
 * (event 226, no header update), finish the removal of stopped backups'
 * staging folders (bk_trash.c) and free the instance's backup state.
 * Called after every API call has left the instance. */
void bk_term(struct inst *in);

/* ---- the streaming (external) backup API ------------------------------- */

/* JetBeginExternalBackupInstance(grbit). */
JET_ERR bk_begin(struct inst *in, JET_GRBIT grbit);
/* JetGetAttachInfoInstance: absolute paths of the databases to back up. */
JET_ERR bk_get_attach_info(struct inst *in, char ***names, size_t *count);
/* JetOpenFileInstance: *size = the stream's length in bytes. */
JET_ERR bk_open_file(struct inst *in, const char *name, JET_HANDLE *hf, uint64_t *size);
/* JetReadFileInstance. */
JET_ERR bk_read_file(struct inst *in, JET_HANDLE hf, void *pv, uint32_t cb, uint32_t *got);
/* JetCloseFileInstance. */
JET_ERR bk_close_file(struct inst *in, JET_HANDLE hf);

/* What JetGetLogInfoInstance2 reports besides the list. */
typedef struct bk_log_info {
    uint32_t gen_low;           /* CopyMic */
    uint32_t gen_high;          /* CopyMac - 1 */
    char base[4];               /* the 3-character base name */
} bk_log_info;
/* JetGetLogInfoInstance(2) (truncate = false: logs to copy) and
 * JetGetTruncateLogInfoInstance (truncate = true: logs truncation deletes).
 * The first of them rolls the log and fixes the ranges. */
JET_ERR bk_get_log_info(struct inst *in, bool truncate, char ***names, size_t *count,
                        bk_log_info *info);
/* JetTruncateLogInstance. */
JET_ERR bk_truncate_log(struct inst *in);
/* JetEndExternalBackupInstance2(grbit). */
JET_ERR bk_end(struct inst *in, JET_GRBIT grbit);

/* Free a list returned above (NULL accepted). */
void bk_list_free(char **names, size_t count);

/* ---- JetBackup ----------------------------------------------------------- */

/* JetBackupInstance after argument conversion: path NULL or "" = truncate
 * the logs crash recovery no longer needs, copy nothing. */
JET_ERR bk_backup(struct inst *in, const char *path, JET_GRBIT grbit, JET_PFNSTATUS pfn);

/* ---- statistics (tests, diagnosis) ---------------------------------------- */

/* Counters of an instance's backups since JetInit. */
typedef struct bk_stats {
    uint64_t backups_done;      /* backups that ended normally */
    uint64_t backups_aborted;   /* ended by the caller, the server or an error */
    uint64_t pages_copied;      /* database pages streamed */
    uint64_t pages_reread;      /* page reads retried after a failed check */
    uint64_t log_bytes;         /* log bytes streamed */
    uint32_t last_copy_low;     /* CopyMic .. CopyMac-1 of the last backup */
    uint32_t last_copy_high;
    uint32_t last_del_low;      /* DelMic .. DelMac-1 of the last truncation */
    uint32_t last_del_high;
    uint32_t logs_deleted;      /* archived logs truncation deleted (total) */
    uint32_t trash_pending;     /* stopped backups' folders queued or being removed now */
    uint64_t trash_removed;     /* ... removed in the background */
    uint64_t trash_failed;      /* ... whose removal failed (the next backup retries) */
} bk_stats;
void bk_get_stats(struct inst *in, bk_stats *st);

/* ---- test seam ------------------------------------------------------------ */

/* NULL except in tests: JetBackup calls it right after its files were
 * moved into place, before truncation (tests stop a backup there). */
extern void (*bk_test_promoted)(struct inst *in);

#endif
