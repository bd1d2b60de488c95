/*
 * bk_stage.h: JetBackup's backup folder — preparation, the staging folder
 * `<P>/temp/`, promotion into place and cleanup (bk_stage.c).
 */
#ifndef JETDB_BACKUP_BK_STAGE_H
#define JETDB_BACKUP_BK_STAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "esent.h"

struct inst;

/* One JetBackup's folders. */
typedef struct bk_stage {
    char *root;         /* P, absolute */
    char *temp;         /* P/temp: where every file is written first */
    char *newdir;       /* P/new (atomic) */
    char *olddir;       /* P/old (atomic) */
    bool full, atomic;
    bool temp_made;     /* P/temp exists and is ours to remove */
    char **moved;       /* files promotion created (undone on failure) */
    size_t nmoved;
} bk_stage;

/* Check P for the mode (JET_errInvalidPath, JET_errBackupDirectoryNotEmpty,
 * JET_errMissingFullBackup for an atomic incremental without P/new), create
 * it with JET_paramCreatePathIfNotExist, and create P/temp. */
JET_ERR bk_stage_prepare(struct inst *in, bk_stage *st, const char *path, bool full, bool atomic);
/* Path of a staged file, malloc'd. */
JET_ERR bk_stage_file(const bk_stage *st, const char *name, char **out);
/* Move the staged files (names, in this order) into place; undone on failure. */
JET_ERR bk_stage_promote(bk_stage *st, char *const *names, size_t n);
/* Remove P/temp if it is still there, free everything. */
void bk_stage_cleanup(bk_stage *st);
/* Remove a folder tree (or a file); a missing one is fine. */
JET_ERR bk_remove_tree(const char *path);

#endif
