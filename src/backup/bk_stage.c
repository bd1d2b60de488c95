/*
 * bk_stage.c: JetBackup's backup folder — preparation (the folder checks of
 * ese-backup-semantics.md §2.2), the staging folder `<P>/temp/` every
 * backup is written into, and promotion of a complete, fsync'd staging
 * folder into place (or its removal on failure).
 *
 * Promotion, by mode:
 *   full, atomic:        P/new → P/old (if P/new exists), P/temp → P/new,
 *                        then P/old is removed.  Each rename is durable.
 *   incremental, atomic: each staged log is renamed into P/new.
 *   non-atomic:          each staged file is renamed into P.
 * A failure during promotion undoes what was done (renames back, removes
 * files that did not exist before), so the destination holds nothing new.
 * Crash safety (atomic): at every instant P/new holds a complete backup, or
 * P/new is absent and P/old holds the previous complete one; preparation
 * renames such an orphaned P/old back to P/new before anything else.
 *
 * A stopped backup's P/temp is renamed to a hidden trash folder in P and
 * removed in the background (bk_trash.c); preparation waits for and
 * removes any such folder of P before anything else.
 */
#include "backup/bk_stage.h"
#include "backup/bk_sink.h"

#include <stdlib.h>
#include <string.h>

#include "inst/inst.h"
#include "inst/param.h"
#include "os/os.h"
#include "util/err.h"

#define BK_DIR_TEMP "temp"
#define BK_DIR_NEW "new"
#define BK_DIR_OLD "old"

/*
 * bk_remove_tree --
 *     Remove a folder and everything in it (missing is fine).  An entry
 *     that vanishes under us (another remover of the same trash folder,
 *     e.g. another instance's backup into the same destination) is fine
 *     too: a step counts as failed only if its entry is still there.
 */
JET_ERR bk_remove_tree(const char *path)
{
    if (!os_exists(path))
        return JET_errSuccess;
    JET_ERR err;
    if (!os_is_dir(path)) {
        err = os_unlink(path);
        return err < 0 && os_exists(path) ? err : JET_errSuccess;
    }
    char **names = NULL;
    size_t n = 0;
    err = os_list_dir(path, &names, &n);
    if (err < 0)
        return os_exists(path) ? err : JET_errSuccess;
    for (size_t i = 0; i < n; i++) {
        char *child = NULL;
        err = os_path_join(path, names[i], &child);
        if (err >= 0)
            err = bk_remove_tree(child);
        free(child);
        if (err < 0) {
            os_list_free(names, n);
            return err;
        }
    }
    os_list_free(names, n);
    err = os_rmdir(path);
    if (err < 0 && os_exists(path))
        return err;
    char *parent = NULL;
    if (os_path_parent(path, &parent) >= 0)
        (void)os_fsync_dir(parent);
    free(parent);
    return JET_errSuccess;
}

/* true when folder holds an entry called name. */
static bool has_entry(const char *folder, const char *name)
{
    char *p = NULL;
    if (os_path_join(folder, name, &p) < 0)
        return false;
    bool yes = os_exists(p);
    free(p);
    return yes;
}

/*
 * bk_stage_prepare --
 *     Check and prepare the backup folder; create P/temp.
 */
JET_ERR bk_stage_prepare(inst *in, bk_trash *trash, bk_stage *st, const char *path, bool full,
                         bool atomic)
{
    JET_ERR err = JET_errSuccess;
    memset(st, 0, sizeof *st);
    st->full = full;
    st->atomic = atomic;
    st->trash = trash;
    CALL(os_path_absolute(path, &st->root));
    CALL(os_path_join(st->root, BK_DIR_TEMP, &st->temp));
    CALL(os_path_join(st->root, BK_DIR_NEW, &st->newdir));
    CALL(os_path_join(st->root, BK_DIR_OLD, &st->olddir));
    if (!os_is_dir(st->root)) {
        if (os_exists(st->root) || par_num(in, JET_paramCreatePathIfNotExist) == 0)
            return JET_errInvalidPath;
        CALL(os_mkdir_p(st->root));
    }
    /* Leftovers of stopped attempts (their trash folders, being removed in
     * the background or left by a crash) and of an attempt that crashed
     * (its staging folder). */
    CALL(bk_trash_clear(trash, in, st->root));
    if (bk_remove_tree(st->temp) < 0)
        return JET_errDeleteBackupFileFail;

    if (atomic) {
        /* A crash between "new → old" and "temp → new" left the previous
         * backup in old/: make it the current one again. */
        if (!os_is_dir(st->newdir) && os_is_dir(st->olddir))
            CALL(os_rename_durable(st->olddir, st->newdir));
        /* new/ and old/ both: a crash cut the final removal of old/ short
         * (new/ only ever appears complete, by the rename of temp/), and
         * old/ may be half removed.  Remove it now, so that an incremental
         * does not leave it there until the next full backup. */
        else if (os_is_dir(st->newdir) && os_is_dir(st->olddir) &&
                 bk_remove_tree(st->olddir) < 0)
            return JET_errDeleteBackupFileFail;
        if (!full && !os_is_dir(st->newdir))
            return JET_errMissingFullBackup;   /* nothing to add the logs to */
    } else if (full) {
        char **names = NULL;
        size_t n = 0;
        CALL(os_list_dir(st->root, &names, &n));
        os_list_free(names, n);
        if (n != 0)
            return JET_errBackupDirectoryNotEmpty;
    } else if (has_entry(st->root, BK_DIR_NEW) || has_entry(st->root, BK_DIR_OLD)) {
        return JET_errBackupDirectoryNotEmpty;
    }
    err = os_mkdir(st->temp);
    if (err < 0)
        return JET_errMakeBackupDirectoryFail;
    st->temp_made = true;
    return os_fsync_dir(st->root);
}

/*
 * bk_stage_file --
 *     Path of a file inside the staging folder, malloc'd.
 */
JET_ERR bk_stage_file(const bk_stage *st, const char *name, char **out)
{
    return os_path_join(st->temp, name, out);
}

/*
 * bk_promote_files --
 *     Rename each staged file into target, remembering the new names.
 */
static JET_ERR bk_promote_files(bk_stage *st, const char *target, char *const *names, size_t n)
{
    st->moved = calloc(n + 1, sizeof *st->moved);
    if (st->moved == NULL)
        return JET_errOutOfMemory;
    for (size_t i = 0; i < n; i++) {
        char *src = NULL, *dst = NULL;
        JET_ERR err = os_path_join(st->temp, names[i], &src);
        if (err >= 0)
            err = os_path_join(target, names[i], &dst);
        bool existed = err >= 0 && os_exists(dst);
        if (err >= 0)
            err = os_rename_durable(src, dst);
        free(src);
        /* A rename that happened but whose folder fsync failed still put a
         * file there: the undo must take it away again. */
        if (dst != NULL && !existed && (err >= 0 || os_exists(dst)))
            st->moved[st->nmoved++] = dst;
        else
            free(dst);
        if (err < 0)
            return err;
    }
    return JET_errSuccess;
}

/*
 * bk_stage_promote --
 *     Move the complete staging folder into place (undone on failure).
 */
JET_ERR bk_stage_promote(bk_stage *st, char *const *names, size_t n)
{
    JET_ERR err = JET_errSuccess;
    CALL(os_fsync_dir(st->temp));
    if (st->atomic && st->full) {
        if (os_is_dir(st->newdir)) {
            CHECK(bk_remove_tree(st->olddir));
            CHECK(os_rename_durable(st->newdir, st->olddir));
        }
        CHECK(os_rename_durable(st->temp, st->newdir));
        st->temp_made = false;
        /* The new backup is in place; an old/ that cannot be removed now is
         * removed by the next preparation. */
        (void)bk_remove_tree(st->olddir);
        return JET_errSuccess;
    }
    CHECK(bk_promote_files(st, st->atomic ? st->newdir : st->root, names, n));
    return JET_errSuccess;
done:
    if (st->atomic && st->full) {
        /* Put the previous backup back in new/ and the new one back in
         * temp/ (which cleanup removes). */
        if (!os_is_dir(st->temp) && os_is_dir(st->newdir))
            (void)os_rename_durable(st->newdir, st->temp);
        if (!os_is_dir(st->newdir) && os_is_dir(st->olddir))
            (void)os_rename_durable(st->olddir, st->newdir);
        st->temp_made = os_is_dir(st->temp);
    } else {
        for (size_t i = 0; i < st->nmoved; i++)
            (void)os_unlink_durable(st->moved[i]);
    }
    return err;
}

/*
 * bk_stage_cleanup --
 *     Remove the staging folder (if still there) and free the paths.
 */
void bk_stage_cleanup(bk_stage *st, bool quick, struct bk_sink *sink)
{
    /* quick: the caller must return promptly (a stop); the folder's removal
     * takes time that grows with what was copied, the rename does not. */
    if (quick && st->temp != NULL && st->temp_made && st->trash != NULL &&
        bk_trash_move(st->trash, st->root, st->temp, sink) >= 0) {
        st->temp_made = false;
        sink = NULL;
    }
    if (sink != NULL)
        bk_sink_join_free(sink);
    if (st->temp != NULL && st->temp_made)
        (void)bk_remove_tree(st->temp);
    for (size_t i = 0; i < st->nmoved; i++)
        free(st->moved[i]);
    free(st->moved);
    free(st->root);
    free(st->temp);
    free(st->newdir);
    free(st->olddir);
    memset(st, 0, sizeof *st);
}
