/*
 * bk_log.c: the log side of a backup — the "prepare logs" roll, the copy
 * range CopyMic..CopyMac-1 and the truncation range DelMic..DelMac-1
 * (ese-backup-semantics.md §2.5), the lists JetGetLogInfo and
 * JetGetTruncateLogInfo return, and truncation itself (§3.9), including the
 * path-less JetBackup that only truncates.
 *
 * Why the ranges are safe: the copy range starts at the checkpoint that was
 * on disk when a full backup began (every page the backup reads is at least
 * that new) and ends with the generation that was current when the log was
 * rolled after the databases had been read (every change a copied page can
 * hold is in a generation before the roll).  Truncation never goes past the
 * checkpoint on disk (crash recovery needs everything after it) nor past a
 * database that this backup did not copy completely (its previous backup
 * still needs the logs after it).
 */
#include "backup/bk_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inst/param.h"
#include "os/os.h"
#include "util/err.h"
#include "util/logtime.h"

/* The instance's JET_paramLegacyFileNames bits. */
static unsigned bk_legacy(inst *in)
{
    return (unsigned)par_num(in, JET_paramLegacyFileNames);
}

/*
 * bk_log_path --
 *     Full path of the archived log of generation gen.
 */
JET_ERR bk_log_path(inst *in, uint32_t gen, char **out)
{
    char name[LOG_NAME_MAX];
    CALL(log_name_archived(in->base_name, bk_legacy(in), gen, name, sizeof name));
    return os_path_join(in->log_path, name, out);
}

/*
 * bk_checkpoint_gen --
 *     Generation of the checkpoint in the file on disk (ESE reads the file,
 *     not memory: only what is durable may decide what a backup needs).
 */
JET_ERR bk_checkpoint_gen(inst *in, uint32_t *gen)
{
    log_checkpoint cp;
    CALL(log_checkpoint_read(in->system_path, in->base_name, bk_legacy(in), &cp));
    *gen = log_lsn_gen(cp.lsn);
    return JET_errSuccess;
}

/* Lowest archived generation in the log folder (0 when none). */
static JET_ERR bk_lowest_gen(inst *in, uint32_t *lo)
{
    uint32_t hi;
    return log_gen_range(in->log_path, in->base_name, bk_legacy(in), lo, &hi);
}

/* Archived file name (no folder) of gen, for events. */
static void bk_gen_name(inst *in, uint32_t gen, char *buf, size_t cb)
{
    if (log_name_archived(in->base_name, bk_legacy(in), gen, buf, cb) < 0)
        snprintf(buf, cb, "%u", gen);
}

/*
 * bk_prepare_logs_locked --
 *     Roll once per backup and compute the ranges.
 */
JET_ERR bk_prepare_logs_locked(inst *in, struct bk_state *bk)
{
    if (bk->rolled)
        return JET_errSuccess;
    logtime_now(&bk->time_inc);
    /* The roll closes the generation that holds every change a page read
     * so far can contain; the new generation starts with our record. */
    CALL(log_roll(in->log));
    CALL(bk_log_record(in, BK_REC_PREPARE_LOGS, 0, NULL, &bk->lsn_inc));
    bk->copy_mac = log_lsn_gen(bk->lsn_inc);
    bk->rolled = true;
    bk->phase = BK_PHASE_LOGS;

    uint32_t lowest;
    CALL(bk_lowest_gen(in, &lowest));
    if (lowest == 0)
        return JET_errFileNotFound;
    if (!bk->full)
        bk->copy_mic = lowest;
    uint32_t ckpt;
    CALL(bk_checkpoint_gen(in, &ckpt));
    bk->del_mic = lowest;
    bk->del_mac = ckpt < bk->copy_mac ? ckpt : bk->copy_mac;

    for (size_t i = 0; i < bk->ndbs; i++) {
        bk_dbent *e = &bk->dbs[i];
        JET_BKINFO full, inc;
        uint32_t type;
        pthread_mutex_lock(&e->d->mu);
        db_hdr_get_bkinfo(&e->d->hdr, DB_BK_FULL_PREV, &full, &type);
        db_hdr_get_bkinfo(&e->d->hdr, DB_BK_INC_PREV, &inc, &type);
        pthread_mutex_unlock(&e->d->mu);
        if (bk->full) {
            /* A database this backup did not copy keeps the logs its own
             * previous full backup still needs. */
            if (e->d->logged && !(e->in_session && e->copied) && full.genHigh < bk->del_mac)
                bk->del_mac = full.genHigh;
        } else {
            uint32_t high = full.genHigh > inc.genHigh ? full.genHigh : inc.genHigh;
            if (lowest > high + 1) {
                char name[LOG_NAME_MAX];
                bk_gen_name(in, high + 1, name, sizeof name);
                const char *s[] = { name };
                bk_event(in, BK_EV_FILE_MISSING, JETDB_EVENT_ERROR, 1, s);
                return JET_errMissingFileToBackup;
            }
        }
    }
    if (bk->del_mic > bk->del_mac)
        bk->del_mic = bk->del_mac;

    if (bk->copy_mac > bk->copy_mic) {
        bk->gen_copied = calloc(bk->copy_mac - bk->copy_mic, 1);
        if (bk->gen_copied == NULL)
            return JET_errOutOfMemory;
    }
    char first[LOG_NAME_MAX], last[LOG_NAME_MAX];
    bk_gen_name(in, bk->copy_mic, first, sizeof first);
    bk_gen_name(in, bk->copy_mac - 1, last, sizeof last);
    const char *s[] = { first, last };
    bk_event(in, BK_EV_LOGS_BEGIN, JETDB_EVENT_INFORMATION, 2, s);
    return JET_errSuccess;
}

/*
 * bk_log_list_locked --
 *     Full paths of generations lo..hi-1 of the copy or truncation range.
 */
JET_ERR bk_log_list_locked(inst *in, struct bk_state *bk, bool truncate, char ***names,
                           size_t *count)
{
    uint32_t lo = truncate ? bk->del_mic : bk->copy_mic;
    uint32_t hi = truncate ? bk->del_mac : bk->copy_mac;
    size_t n = hi > lo ? hi - lo : 0;
    *names = NULL;
    *count = 0;
    char **list = calloc(n + 1, sizeof *list);
    if (list == NULL)
        return JET_errOutOfMemory;
    for (size_t i = 0; i < n; i++) {
        JET_ERR err = bk_log_path(in, lo + (uint32_t)i, &list[i]);
        if (err < 0) {
            bk_list_free(list, n);
            return err;
        }
    }
    *names = list;
    *count = n;
    return JET_errSuccess;
}

/*
 * bk_delete_range --
 *     Delete archived logs lo..hi-1 (events 224/225/227).
 */
static JET_ERR bk_delete_range(inst *in, bk_stats *st, uint32_t lo, uint32_t hi)
{
    if (lo >= hi) {
        bk_event(in, BK_EV_NOTHING_TO_TRUNCATE, JETDB_EVENT_INFORMATION, 0, NULL);
        return JET_errSuccess;
    }
    char first[LOG_NAME_MAX], last[LOG_NAME_MAX];
    bk_gen_name(in, lo, first, sizeof first);
    bk_gen_name(in, hi - 1, last, sizeof last);
    const char *s[] = { first, last };
    bk_event(in, BK_EV_TRUNCATED, JETDB_EVENT_INFORMATION, 2, s);
    /* log_delete_below deletes oldest first, each durably, and stops at the
     * first failure: a crash or an error leaves a contiguous stream. */
    uint32_t deleted = 0;
    JET_ERR err = log_delete_below(in->log, hi, &deleted);
    st->logs_deleted += deleted;
    st->last_del_low = lo;
    st->last_del_high = hi - 1;
    if (err >= 0 && deleted < hi - lo) {
        char num[16];
        snprintf(num, sizeof num, "%u", (hi - lo) - deleted);
        const char *m[] = { num };
        bk_event(in, BK_EV_TRUNC_MISSING, JETDB_EVENT_WARNING, 1, m);
    }
    return err;
}

/*
 * bk_truncate_locked --
 *     JetTruncateLog (§3.9): only after every log of the copy range was
 *     read completely.
 */
JET_ERR bk_truncate_locked(inst *in, struct bk_state *bk)
{
    CALL(bk_check_stop(in));
    return bk_truncate_now_locked(in, bk);
}

/*
 * bk_truncate_now_locked --
 *     The truncation proper, without the stop check: JetBackup's, after
 *     promotion (a stop that comes after the backup is in place no longer
 *     fails it, see bk_backup_run).
 */
JET_ERR bk_truncate_now_locked(inst *in, struct bk_state *bk)
{
    if (bk->h_open || bk->copy_mic == 0 || bk->copy_mac == 0 || !bk->rolled)
        return JET_errInvalidBackupSequence;
    bk->phase = BK_PHASE_LOGS;
    /* ESE compares a sum of generation numbers (a log read twice can stand
     * in for one never read); we keep one flag per generation instead. */
    for (uint32_t g = bk->copy_mic; g < bk->copy_mac; g++) {
        if (bk->gen_copied == NULL || !bk->gen_copied[g - bk->copy_mic]) {
            bk_event(in, BK_EV_LOGS_NOT_COPIED, JETDB_EVENT_WARNING, 0, NULL);
            return JET_errLogFileNotCopied;
        }
    }
    bk->logs_truncated = true;
    JET_BKINFO range;
    memset(&range, 0, sizeof range);
    range.genLow = bk->del_mic;
    range.genHigh = bk->del_mac;
    CALL(bk_log_record(in, BK_REC_TRUNCATE, 0, &range, NULL));
    return bk_delete_range(in, &bk->stats, bk->del_mic, bk->del_mac);
}

/*
 * bk_truncate_only --
 *     JetBackup without a path: delete what crash recovery no longer needs.
 */
JET_ERR bk_truncate_only(inst *in)
{
    struct bk_state *bk = bk_state_get(in);
    if (bk == NULL)
        return JET_errOutOfMemory;
    JET_ERR err = JET_errSuccess;
    pthread_mutex_lock(&bk->mu);
    if (atomic_load(&bk->active)) {
        err = JET_errBackupInProgress;
        goto done;
    }
    uint32_t ckpt, lowest;
    CHECK(bk_checkpoint_gen(in, &ckpt));
    CHECK(bk_lowest_gen(in, &lowest));
    if (lowest == 0)
        lowest = ckpt;
    JET_BKINFO range;
    memset(&range, 0, sizeof range);
    range.genLow = lowest;
    range.genHigh = ckpt;
    CHECK(bk_log_record(in, BK_REC_TRUNCATE, 0, &range, NULL));
    CHECK(bk_delete_range(in, &bk->stats, lowest, ckpt));
done:
    pthread_mutex_unlock(&bk->mu);
    return err;
}
