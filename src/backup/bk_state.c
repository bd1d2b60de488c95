/*
 * bk_state.c: the per-instance backup state machine (ESE's BACKUP_CONTEXT)
 * — lazy creation, begin and end (normal, abort by the caller, stop by the
 * server, cancellation by an error), the stop and termination checks, the
 * backup log records and events, and the hooks the database layer and
 * JetTerm call (attach/detach in flight are counted so that a begin waits
 * for them).
 *
 * The begin and end steps follow ese-backup-semantics.md §3.2 and §3.10; the
 * other streaming calls live in bk_stream.c (dispatch), bk_file.c (the file
 * handle), bk_db.c (database streams) and bk_log.c (ranges, truncation).
 */
#include "backup/bk_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event/event.h"
#include "inst/param.h"
#include "os/os.h"
#include "util/err.h"
#include "util/logtime.h"

/*
 * bk_state_get --
 *     The instance's backup state, created on first use.
 */
struct bk_state *bk_state_get(inst *in)
{
    pthread_mutex_lock(&in->mu);
    struct bk_state *bk = in->bk;
    if (bk == NULL) {
        bk = calloc(1, sizeof *bk);
        if (bk != NULL) {
            pthread_mutex_init(&bk->mu, NULL);
            atomic_init(&bk->active, false);
            pthread_mutex_init(&bk->tach_mu, NULL);
            pthread_cond_init(&bk->tach_cv, NULL);
            bk_trash_init(&bk->trash);
            in->bk = bk;
        }
    }
    pthread_mutex_unlock(&in->mu);
    return bk;
}

/*
 * bk_peek --
 *     The backup state if it exists (never creates it).
 */
static struct bk_state *bk_peek(inst *in)
{
    pthread_mutex_lock(&in->mu);
    struct bk_state *bk = in->bk;
    pthread_mutex_unlock(&in->mu);
    return bk;
}

/*
 * bk_check_stop --
 *     JET_errBackupAbortByServer once JetStopBackup(Instance) was called.
 */
JET_ERR bk_check_stop(inst *in)
{
    pthread_mutex_lock(&in->mu);
    bool stop = in->stop_backup;
    pthread_mutex_unlock(&in->mu);
    return stop ? JET_errBackupAbortByServer : JET_errSuccess;
}

/*
 * bk_check_interrupt --
 *     JetBackup's check between page reads: stop request or JetTerm.
 */
JET_ERR bk_check_interrupt(inst *in)
{
    pthread_mutex_lock(&in->mu);
    bool stop = in->stop_backup, term = in->state == INST_TERMINATING;
    pthread_mutex_unlock(&in->mu);
    if (stop)
        return JET_errBackupAbortByServer;
    return term ? JET_errTermInProgress : JET_errSuccess;
}

/*
 * bk_clear_stop --
 *     Forget a stop request (begin and end do, as ESE does).
 */
static void bk_clear_stop(inst *in)
{
    pthread_mutex_lock(&in->mu);
    in->stop_backup = false;
    pthread_mutex_unlock(&in->mu);
}

/*
 * bk_event --
 *     Emit a Logging/Recovery event of the instance.
 */
void bk_event(inst *in, uint32_t id, uint32_t type, uint32_t n, const char *const *strings)
{
    ev_emit(&in->ev, EV_CAT_LOGGING_RECOVERY, id, type, JET_EventLoggingLevelMin, n, strings);
}

/*
 * bk_event_err --
 *     Emit an event whose strings are an error number and optionally a path.
 */
void bk_event_err(inst *in, uint32_t id, JET_ERR err, const char *path)
{
    char num[16];
    snprintf(num, sizeof num, "%d", (int)err);
    const char *s[] = { num, path };
    uint32_t type = id == BK_EV_HDR_UPDATE_FAIL ? JETDB_EVENT_WARNING : JETDB_EVENT_ERROR;
    bk_event(in, id, type, path != NULL ? 2 : 1, s);
}

/* Bytes of a backup record: common header, phase block, JET_BKINFO. */
#define BK_REC_SIZE (LOG_REC_HDR_SIZE + 8u + (uint32_t)sizeof(JET_BKINFO))

/*
 * bk_log_record --
 *     Append a LOG_REC_BACKUP record (phase in the header's flags).
 */
JET_ERR bk_log_record(inst *in, uint8_t phase, uint16_t dbid, const JET_BKINFO *bk, log_lsn *lsn)
{
    if (in->log == NULL)
        return JET_errLoggingDisabled;
    uint8_t rec[BK_REC_SIZE];
    memset(rec, 0, sizeof rec);
    log_rec_hdr h;
    log_rec_init(&h, LOG_REC_BACKUP, BK_REC_SIZE, dbid, 0);
    h.flags = phase;
    memcpy(rec, &h, LOG_REC_HDR_SIZE);
    rec[LOG_REC_HDR_SIZE] = phase;
    if (bk != NULL)
        memcpy(rec + LOG_REC_HDR_SIZE + 8, bk, sizeof *bk);
    return log_append(in->log, rec, sizeof rec, lsn);
}

/*
 * bk_handle_release --
 *     Close the open handle and free what it holds.
 */
void bk_handle_release(struct bk_state *bk)
{
    if (!bk->h_open)
        return;
    (void)os_close(bk->h.f);
    free(bk->h.path);
    free(bk->h.hdr_page);
    memset(&bk->h, 0, sizeof bk->h);
    bk->h_open = false;
}

/*
 * bk_reset --
 *     Return to Idle: release the handle, the pinned databases and the
 *     paused circular deletion.
 */
static void bk_reset(inst *in, struct bk_state *bk)
{
    bk_handle_release(bk);
    for (size_t i = 0; i < bk->ndbs; i++)
        db_unpin(bk->dbs[i].d);
    memset(bk->dbs, 0, sizeof bk->dbs);
    bk->ndbs = 0;
    free(bk->gen_copied);
    bk->gen_copied = NULL;
    if (bk->paused && in->log != NULL)
        log_resume_deletion(in->log);
    bk->paused = false;
    bk->phase = BK_IDLE;
    bk->rolled = false;
    bk->logs_truncated = false;
    bk->internal = false;
    bk->full = false;
    atomic_store(&bk->active, false);
}

/*
 * bk_begin_locked --
 *     Start a backup (§3.2); on any failure nothing is left running.
 */
JET_ERR bk_begin_locked(inst *in, struct bk_state *bk, JET_GRBIT grbit, bool internal)
{
    JET_ERR err = JET_errSuccess;
    if (in->log == NULL)
        return JET_errLoggingDisabled;
    if (grbit & ~(JET_GRBIT)JET_bitBackupIncremental)
        return JET_errInvalidGrbit;
    bool inc = (grbit & JET_bitBackupIncremental) != 0;
    if (inc && par_num(in, JET_paramCircularLog) != 0)
        return JET_errInvalidBackup;
    if (atomic_load(&bk->active))
        return JET_errBackupInProgress;

    /* From here on attach/detach/create refuse (bk_tach_enter); those that
     * passed that check earlier are waited for, as ESE waits, so the set of
     * databases listed below cannot change until the end.  (They never
     * need bk->mu, so waiting with it held cannot deadlock.)  A previous
     * JetStopBackup is forgotten, as in ESE. */
    pthread_mutex_lock(&bk->tach_mu);
    atomic_store(&bk->active, true);
    while (bk->tach_inflight > 0)
        pthread_cond_wait(&bk->tach_cv, &bk->tach_mu);
    pthread_mutex_unlock(&bk->tach_mu);
    bk_clear_stop(in);
    bk->full = !inc;
    bk->internal = internal;
    bk->copy_mic = bk->copy_mac = bk->del_mic = bk->del_mac = 0;
    bk->mark_full = bk->lsn_inc = 0;
    memset(&bk->time_full, 0, sizeof bk->time_full);
    memset(&bk->time_inc, 0, sizeof bk->time_inc);

    /* Read-only attachments are never backed up (their headers cannot take
     * the backup info); every other attached database is considered. */
    db **list = NULL;
    size_t n = 0;
    CHECK(db_list_attached(in, &list, &n));
    for (size_t i = 0; i < n; i++) {
        db *d = list[i];
        list[i] = NULL;
        if (d->read_only) {
            db_unpin(d);
            continue;
        }
        bk_dbent *e = &bk->dbs[bk->ndbs++];
        memset(e, 0, sizeof *e);
        e->d = d;
        e->in_session = inc && d->logged;
    }
    db_list_free(list, n);

    if (inc) {
        /* Every attached database needs a previous truncating streaming full
         * backup; ESE does not skip unlogged ones here, neither do we. */
        for (size_t i = 0; i < bk->ndbs; i++) {
            db *d = bk->dbs[i].d;
            JET_BKINFO b;
            uint32_t type;
            pthread_mutex_lock(&d->mu);
            db_hdr_get_bkinfo(&d->hdr, DB_BK_FULL_PREV, &b, &type);
            pthread_mutex_unlock(&d->mu);
            if (b.genLow == 0 || type != DB_BKTYPE_NORMAL) {
                const char *s[] = { d->path };
                bk_event(in, BK_EV_NO_FULL, JETDB_EVENT_ERROR, 1, s);
                err = JET_errMissingFullBackup;
                goto done;
            }
        }
    } else {
        bk->mark_full = log_end_lsn(in->log);
        logtime_now(&bk->time_full);
        CHECK(bk_checkpoint_gen(in, &bk->copy_mic));
    }
    bk_event(in, inc ? BK_EV_INC_BEGIN : BK_EV_FULL_BEGIN, JETDB_EVENT_INFORMATION, 0, NULL);
    /* ESE ignores a failure of this record; we let a log that can no longer
     * write (JET_errLogWriteFail, JET_errLogDiskFull) refuse the backup,
     * which is how those two begin errors are detected. */
    CHECK(bk_log_record(in, BK_REC_BEGIN, 0, NULL, NULL));
    log_pause_deletion(in->log);
    bk->paused = true;
    bk->phase = inc ? BK_PHASE_LOGS : BK_PHASE_DB;
    return JET_errSuccess;
done:
    bk_reset(in, bk);
    return err;
}

/*
 * bk_end_locked --
 *     End the running backup (§3.10 steps 4-10).
 */
void bk_end_locked(inst *in, struct bk_state *bk, bk_outcome how, JET_ERR err, bool truncate_done)
{
    bk_handle_release(bk);
    if (how == BK_END_OK) {
        bk_hdr_update_all(in, bk, truncate_done || bk->logs_truncated);
        bk->stats.backups_done++;
    } else {
        (void)bk_log_record(in, BK_REC_ABORT, 0, NULL, NULL);
        bk->stats.backups_aborted++;
    }
    switch (how) {
    case BK_END_OK:
        bk_event(in, BK_EV_DONE, JETDB_EVENT_INFORMATION, 0, NULL);
        break;
    case BK_END_BY_CLIENT:
        bk_event(in, BK_EV_STOP_CLIENT, JETDB_EVENT_WARNING, 0, NULL);
        break;
    case BK_END_BY_SERVER:
        bk_event(in, BK_EV_STOP_SERVER, JETDB_EVENT_WARNING, 0, NULL);
        break;
    case BK_END_ERROR:
        bk_event_err(in, BK_EV_ERROR, err, NULL);
        break;
    }
    (void)bk_log_record(in, BK_REC_STOP, 0, NULL, NULL);
    bk->stats.last_copy_low = bk->copy_mic;
    bk->stats.last_copy_high = bk->copy_mac > 0 ? bk->copy_mac - 1 : 0;
    bk_clear_stop(in);
    bk_reset(in, bk);
}

/*
 * bk_tach_enter --
 *     Hook of db_create/db_attach/db_detach: refuse while a backup runs,
 *     else count the operation in flight.
 */
JET_ERR bk_tach_enter(inst *in)
{
    struct bk_state *bk = bk_state_get(in);
    if (bk == NULL)
        return JET_errOutOfMemory;
    JET_ERR err = JET_errSuccess;
    pthread_mutex_lock(&bk->tach_mu);
    if (atomic_load(&bk->active))
        err = JET_errBackupInProgress;
    else
        bk->tach_inflight++;
    pthread_mutex_unlock(&bk->tach_mu);
    return err;
}

/*
 * bk_tach_leave --
 *     The attach/create/detach admitted by bk_tach_enter has ended.
 */
void bk_tach_leave(inst *in)
{
    struct bk_state *bk = bk_peek(in);
    if (bk == NULL)
        return;
    pthread_mutex_lock(&bk->tach_mu);
    if (bk->tach_inflight > 0 && --bk->tach_inflight == 0)
        pthread_cond_broadcast(&bk->tach_cv);
    pthread_mutex_unlock(&bk->tach_mu);
}

/*
 * bk_term_in_progress --
 *     Hook of JetTerm2: does a backup run?
 */
bool bk_term_in_progress(inst *in)
{
    struct bk_state *bk = bk_peek(in);
    return bk != NULL && atomic_load(&bk->active);
}

/*
 * bk_term --
 *     Hook of JetTerm: stop a streaming backup left running, free the state.
 */
void bk_term(inst *in)
{
    pthread_mutex_lock(&in->mu);
    struct bk_state *bk = in->bk;
    in->bk = NULL;
    pthread_mutex_unlock(&in->mu);
    if (bk == NULL)
        return;
    pthread_mutex_lock(&bk->mu);
    if (atomic_load(&bk->active))
        bk_end_locked(in, bk, BK_END_BY_SERVER, JET_errSuccess, false);
    pthread_mutex_unlock(&bk->mu);
    /* "Nothing left behind" holds when JetTerm returns: the folders of
     * stopped backups still queued are removed before the thread ends. */
    bk_trash_shutdown(&bk->trash);
    pthread_cond_destroy(&bk->tach_cv);
    pthread_mutex_destroy(&bk->tach_mu);
    pthread_mutex_destroy(&bk->mu);
    free(bk);
}

/*
 * bk_get_stats --
 *     Copy the instance's backup counters.
 */
void bk_get_stats(inst *in, bk_stats *st)
{
    memset(st, 0, sizeof *st);
    struct bk_state *bk = bk_peek(in);
    if (bk == NULL)
        return;
    pthread_mutex_lock(&bk->mu);
    *st = bk->stats;
    pthread_mutex_unlock(&bk->mu);
    pthread_mutex_lock(&bk->trash.mu);
    st->trash_removed = bk->trash.removed;
    st->trash_failed = bk->trash.failed;
    pthread_mutex_unlock(&bk->trash.mu);
    st->trash_pending = bk_trash_pending(&bk->trash);
}

/*
 * bk_list_free --
 *     Free a list of names.
 */
void bk_list_free(char **names, size_t count)
{
    if (names == NULL)
        return;
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
}
