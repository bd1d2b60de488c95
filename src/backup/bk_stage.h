/*
 * bk_stage.h: JetBackup's backup folder — preparation, the staging folder
 * `<P>/temp/`, promotion into place and cleanup (bk_stage.c), and the
 * background removal of a stopped backup's staging folder (bk_trash.c).
 */
#ifndef JETDB_BACKUP_BK_STAGE_H
#define JETDB_BACKUP_BK_STAGE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "esent.h"

struct inst;

/* Hidden names a stopped backup's staging folder is renamed to:
 * "<P>/.jetdb-trash-<pid>-<n>". */
#define BK_TRASH_PREFIX ".jetdb-trash-"

struct bk_sink;

/* One folder to remove, after the stopped backup's writer thread (if any)
 * has ended: it may still be finishing a write into that folder. */
typedef struct bk_trash_job {
    char *path;                 /* absolute, malloc'd */
    struct bk_sink *sink;       /* abandoned writer to join first, or NULL */
} bk_trash_job;

/*
 * The instance's queue of trash folders and the thread that removes them
 * (one per instance, started at the first stop, ended by JetTerm after it
 * removed everything queued).  Every field is guarded by mu.
 */
typedef struct bk_trash {
    pthread_mutex_t mu;
    pthread_cond_t work;        /* a folder was queued, or quit was set */
    pthread_cond_t idle;        /* a removal ended */
    bk_trash_job *queue;        /* waiting, oldest first */
    size_t nqueue, cap;
    char *busy;                 /* the folder being removed, or NULL */
    bool started;               /* the thread exists (join it) */
    bool quit;                  /* JetTerm: empty the queue, then end */
    pthread_t th;
    uint64_t removed;           /* folders removed */
    uint64_t failed;            /* removals that failed (left for the next backup) */
} bk_trash;

/* One JetBackup's folders. */
typedef struct bk_stage {
    char *root;         /* P, absolute */
    char *temp;         /* P/temp: where every file is written first */
    char *newdir;       /* P/new (atomic) */
    char *olddir;       /* P/old (atomic) */
    bool full, atomic;
    bool temp_made;     /* P/temp exists and is ours to remove */
    bk_trash *trash;    /* the instance's background removal */
    char **moved;       /* files promotion created (undone on failure) */
    size_t nmoved;
} bk_stage;

/* Check P for the mode (JET_errInvalidPath, JET_errBackupDirectoryNotEmpty,
 * JET_errMissingFullBackup for an atomic incremental without P/new), create
 * it with JET_paramCreatePathIfNotExist, remove what stopped or crashed
 * attempts left (P/temp, trash folders), and create P/temp. */
JET_ERR bk_stage_prepare(struct inst *in, bk_trash *trash, bk_stage *st, const char *path,
                         bool full, bool atomic);
/* Path of a staged file, malloc'd. */
JET_ERR bk_stage_file(const bk_stage *st, const char *name, char **out);
/* Move the staged files (names, in this order) into place; undone on failure. */
JET_ERR bk_stage_promote(bk_stage *st, char *const *names, size_t n);
/* Remove P/temp if it is still there, free everything.  quick (after a
 * stop or JetTerm): rename P/temp to a trash folder and leave its removal
 * to the background thread, so the caller returns at once; if the rename
 * fails it is removed here.  sink: the stopped backup's abandoned writer
 * (or NULL), joined before the folder is removed (by the trash thread in
 * the quick case, else here). */
void bk_stage_cleanup(bk_stage *st, bool quick, struct bk_sink *sink);
/* Remove a folder tree (or a file); a missing one is fine, also when
 * something else removes parts of it at the same time. */
JET_ERR bk_remove_tree(const char *path);

/* ---- bk_trash.c ------------------------------------------------------------ */

void bk_trash_init(bk_trash *t);
/* JetTerm: finish every queued removal, end the thread, free the queue. */
void bk_trash_shutdown(bk_trash *t);
/* Rename dir (a folder inside root) to a fresh trash name in root and
 * queue its removal, after sink's end (sink may be NULL; the queue owns it
 * on success).  If the rename fails nothing changed and the error is
 * returned (the caller keeps sink); if only the queueing fails, the sink
 * is joined and the folder removed here. */
JET_ERR bk_trash_move(bk_trash *t, const char *root, const char *dir, struct bk_sink *sink);
/* Before a backup writes into root: wait until no trash folder of root is
 * queued or being removed (JET_errBackupAbortByServer / JET_errTermInProgress
 * if the backup is stopped meanwhile), then remove every trash folder still
 * in root (left by a crash, a failed removal or another process):
 * JET_errDeleteBackupFileFail if that fails. */
JET_ERR bk_trash_clear(bk_trash *t, struct inst *in, const char *root);
/* Folders queued or being removed now. */
uint32_t bk_trash_pending(bk_trash *t);
/* true for a name bk_trash_move gives. */
bool bk_trash_name(const char *name);

#endif
