/*
 * restore.h: restore from a backup — JetRestore / JetRestore2 /
 * JetRestoreInstance (a backup folder written by JetBackup) and
 * JetExternalRestore(2) (files an application placed itself), with hard
 * recovery: the backup set's logs and then the instance's own logs are
 * replayed over the restored databases (ese-backup-semantics.md §5).
 *
 * Layering: src/restore sits above src/recovery, src/db, src/log and
 * src/inst; src/api calls it after argument conversion (strings are UTF-8).
 * The procedure and its checks are described in docs/restore.md.
 */
#ifndef JETDB_RESTORE_RESTORE_H
#define JETDB_RESTORE_RESTORE_H

#include <stddef.h>
#include <stdint.h>

#include "esent.h"

/* JetRestoreInstance: instance 0 / JET_instanceNil = a temporary instance
 * named "Restore"; else a created, not yet initialised instance.  dest NULL =
 * the databases go back to their original paths. */
JET_ERR rst_restore_instance(JET_INSTANCE instance, const char *src, const char *dest,
                             JET_PFNSTATUS pfn);
/* JetRestore / JetRestore2: single-instance mode (set when none is chosen),
 * its one instance when it exists, else a temporary one. */
JET_ERR rst_restore_legacy(const char *src, const char *dest, JET_PFNSTATUS pfn);

/* One JET_RSTMAP entry: the path the logs record, and where the restored
 * file lies now. */
typedef struct rst_map {
    const char *from;
    const char *to;
} rst_map;

/* JetExternalRestore(2) after conversion. */
typedef struct rst_ext_args {
    const char *ckpt_path;      /* szCheckpointFilePath: system folder of the restore */
    const char *log_path;       /* szLogPath: where new logs go, and later logs come from */
    const rst_map *map;
    size_t nmap;
    const char *backup_path;    /* szBackupLogPath: the backup set's logs */
    uint32_t gen_low, gen_high; /* 0 = the range found in backup_path */
    const char *base;           /* JET_LOGINFO's base name; NULL = JET_paramBaseName */
    const char *target_name;    /* JetExternalRestore2's target instance (or NULL) */
    const char *target_log;     /* target instance's log folder (or NULL) */
    const char *target_ckpt;    /* target instance's checkpoint folder (or NULL) */
    JET_PFNSTATUS pfn;
} rst_ext_args;
JET_ERR rst_external(const rst_ext_args *a);

#endif
