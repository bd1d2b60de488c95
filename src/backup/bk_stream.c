/*
 * bk_stream.c: the streaming (external) backup calls as the API sees them —
 * each one takes the instance's backup lock, applies the early checks of
 * ese-backup-semantics.md §3 in ESE's order (no backup → JET_errNoBackup,
 * stop requested → JET_errBackupAbortByServer, sequence errors) and hands
 * the work to bk_file.c, bk_log.c or bk_state.c.
 *
 * A JetBackup in progress owns its backup: streaming calls from outside
 * other than Begin (JET_errBackupInProgress) are refused with
 * JET_errBackupInProgress instead of driving it (ESE lets them interfere).
 */
#include "backup/bk_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/err.h"

/*
 * bk_enter --
 *     Lock the backup state; JET_errNoBackup when no backup runs.
 */
static JET_ERR bk_enter(inst *in, struct bk_state **out)
{
    struct bk_state *bk = bk_state_get(in);
    if (bk == NULL)
        return JET_errOutOfMemory;
    pthread_mutex_lock(&bk->mu);
    JET_ERR err = JET_errSuccess;
    if (!atomic_load(&bk->active))
        err = JET_errNoBackup;
    else if (bk->internal)
        err = JET_errBackupInProgress;
    if (err < 0) {
        pthread_mutex_unlock(&bk->mu);
        return err;
    }
    *out = bk;
    return JET_errSuccess;
}

/* Leave what bk_enter entered. */
static void bk_leave(struct bk_state *bk)
{
    pthread_mutex_unlock(&bk->mu);
}

/*
 * bk_begin --
 *     JetBeginExternalBackupInstance.
 */
JET_ERR bk_begin(inst *in, JET_GRBIT grbit)
{
    struct bk_state *bk = bk_state_get(in);
    if (bk == NULL)
        return JET_errOutOfMemory;
    pthread_mutex_lock(&bk->mu);
    JET_ERR err = bk_begin_locked(in, bk, grbit, false);
    pthread_mutex_unlock(&bk->mu);
    return err;
}

/*
 * bk_get_attach_info --
 *     JetGetAttachInfoInstance: the logged databases, in dbid order.
 */
JET_ERR bk_get_attach_info(inst *in, char ***names, size_t *count)
{
    struct bk_state *bk;
    *names = NULL;
    *count = 0;
    CALL(bk_enter(in, &bk));
    JET_ERR err = bk_check_stop(in);
    if (err >= 0 && !bk->full)
        err = JET_errInvalidBackupSequence;
    if (err < 0) {
        bk_leave(bk);
        return err;
    }
    char **list = calloc(bk->ndbs + 1, sizeof *list);
    size_t n = 0;
    for (size_t i = 0; list != NULL && i < bk->ndbs; i++) {
        if (!bk->dbs[i].d->logged)
            continue;
        list[n] = strdup(bk->dbs[i].d->path);
        if (list[n] == NULL) {
            bk_list_free(list, n);
            list = NULL;
            break;
        }
        n++;
    }
    if (list == NULL) {
        /* Failures past the early checks cancel the backup (ESE). */
        bk_end_locked(in, bk, BK_END_ERROR, JET_errOutOfMemory, false);
        bk_leave(bk);
        return JET_errOutOfMemory;
    }
    bk_leave(bk);
    *names = list;
    *count = n;
    return JET_errSuccess;
}

/*
 * bk_open_file --
 *     JetOpenFileInstance.
 */
JET_ERR bk_open_file(inst *in, const char *name, JET_HANDLE *hf, uint64_t *size)
{
    struct bk_state *bk;
    CALL(bk_enter(in, &bk));
    JET_ERR err = bk_open_locked(in, bk, name, size);
    bk_leave(bk);
    if (err >= 0)
        *hf = 0;
    return err;
}

/*
 * bk_read_file --
 *     JetReadFileInstance.
 */
JET_ERR bk_read_file(inst *in, JET_HANDLE hf, void *pv, uint32_t cb, uint32_t *got)
{
    struct bk_state *bk;
    *got = 0;
    CALL(bk_enter(in, &bk));
    JET_ERR err = bk_check_stop(in);
    if (err >= 0 && hf != 0)
        err = JET_errInvalidParameter;
    if (err >= 0)
        err = bk_read_locked(in, bk, pv, cb, got);
    bk_leave(bk);
    return err;
}

/*
 * bk_close_file --
 *     JetCloseFileInstance (works after a stop request).
 */
JET_ERR bk_close_file(inst *in, JET_HANDLE hf)
{
    struct bk_state *bk;
    CALL(bk_enter(in, &bk));
    JET_ERR err = hf != 0 ? JET_errInvalidParameter : bk_close_locked(in, bk);
    bk_leave(bk);
    return err;
}

/*
 * bk_get_log_info --
 *     JetGetLogInfoInstance(2) / JetGetTruncateLogInfoInstance.
 */
JET_ERR bk_get_log_info(inst *in, bool truncate, char ***names, size_t *count, bk_log_info *info)
{
    struct bk_state *bk;
    *names = NULL;
    *count = 0;
    CALL(bk_enter(in, &bk));
    JET_ERR err = bk_check_stop(in);
    if (err >= 0 && bk->h_open)
        err = JET_errInvalidBackupSequence;
    /* Roll/range failures do not cancel the backup (ESE); the caller ends
     * it with Abort. */
    if (err >= 0)
        err = bk_prepare_logs_locked(in, bk);
    if (err >= 0) {
        err = bk_log_list_locked(in, bk, truncate, names, count);
        if (err < 0)
            bk_end_locked(in, bk, BK_END_ERROR, err, false);
    }
    if (err >= 0 && info != NULL) {
        memset(info, 0, sizeof *info);
        info->gen_low = bk->copy_mic;
        info->gen_high = bk->copy_mac - 1;
        memcpy(info->base, in->base_name, 3);
    }
    bk_leave(bk);
    return err;
}

/*
 * bk_truncate_log --
 *     JetTruncateLogInstance.
 */
JET_ERR bk_truncate_log(inst *in)
{
    struct bk_state *bk;
    CALL(bk_enter(in, &bk));
    JET_ERR err = bk_truncate_locked(in, bk);
    bk_leave(bk);
    return err;
}

/*
 * bk_end --
 *     JetEndExternalBackupInstance2: success once a backup was running,
 *     whatever the outcome (ESE); only a normal end updates headers.
 */
JET_ERR bk_end(inst *in, JET_GRBIT grbit)
{
    bool normal = (grbit & JET_bitBackupEndNormal) != 0;
    bool abort = (grbit & JET_bitBackupEndAbort) != 0;
    if (normal == abort)
        return JET_errInvalidParameter;
    struct bk_state *bk = bk_state_get(in);
    if (bk == NULL)
        return JET_errOutOfMemory;
    pthread_mutex_lock(&bk->mu);
    if (!atomic_load(&bk->active)) {
        pthread_mutex_unlock(&bk->mu);
        pthread_mutex_lock(&in->mu);
        in->stop_backup = false;
        pthread_mutex_unlock(&in->mu);
        return JET_errNoBackup;
    }
    if (bk->internal) {
        pthread_mutex_unlock(&bk->mu);
        return JET_errBackupInProgress;
    }
    bk_outcome how = BK_END_OK;
    if (abort)
        how = BK_END_BY_CLIENT;
    else if (bk_check_stop(in) < 0)
        how = BK_END_BY_SERVER;
    else if (bk->phase == BK_PHASE_DB || !bk->rolled)
        /* A full backup whose logs were never listed, or an incremental
         * that never rolled, holds nothing restorable (ESE records the
         * latter with a bogus range; we treat both as abandoned). */
        how = BK_END_BY_CLIENT;
    bk_end_locked(in, bk, how, JET_errSuccess, (grbit & JET_bitBackupTruncateDone) != 0);
    pthread_mutex_unlock(&bk->mu);
    return JET_errSuccess;
}
