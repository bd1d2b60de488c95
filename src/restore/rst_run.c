/*
 * rst_run.c: the restore procedure (ese-backup-semantics.md §5.2, §5.8)
 * on an instance whose folders are resolved and whose log stream is locked:
 * checks, copies, then hard recovery — the backup set's logs read in place
 * from the backup folder, then the instance's own logs from the generation
 * after the backup set up to its current log (roll forward), undo of what
 * never committed, databases left clean with no backup history (§5.6).
 *
 * Order matters for what a failure leaves behind: every log check and the
 * database checks of headers, trailers and range run before the first byte
 * is written; databases are copied under a temporary name, their pages
 * verified on the way, and renamed over their destinations only when every
 * copy is done; the log folder is touched (opened for appending, or started
 * with the generation after the backup set) only after that.
 */
#include "restore/rst_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inst/param.h"
#include "os/os.h"
#include "recovery/recovery.h"
#include "store/store.h"
#include "util/err.h"
#include "util/logtime.h"

/* The restore database a path named by the logs (or by the restore's own
 * attach list) stands for; NULL when the backup does not hold it. */
static rst_db *db_for_path(rst_job *j, const char *path)
{
    for (size_t i = 0; i < j->ndbs; i++) {
        if (strcmp(j->dbs[i].dst, path) == 0 ||
            (j->dbs[i].from != NULL && strcmp(j->dbs[i].from, path) == 0))
            return &j->dbs[i];
    }
    char *g = NULL;
    if (rst_generic_of(path, &g) < 0)
        return NULL;
    rst_db *found = NULL;
    for (size_t i = 0; i < j->ndbs && found == NULL; i++)
        if (strcmp(j->dbs[i].generic, g) == 0)
            found = &j->dbs[i];
    free(g);
    return found;
}

/* Recovery's open callback: only databases of the backup are replayed, at
 * their restored location; every other one is skipped as missing. */
static JET_ERR open_db(void *ctx, const char *path, uint16_t dbid, uint64_t hint, void **store)
{
    (void)hint;
    rst_job *j = ctx;
    rst_db *r = db_for_path(j, path);
    if (r == NULL)
        return JET_errFileNotFound;
    db *d;
    CALL(db_open_for_redo(j->in, r->dst, dbid, &d));
    st_db *s;
    JET_ERR err = st_db_open(d, j->in->log, &j->in->op_lock, dbid, false, &s);
    if (err < 0) {
        JET_LGPOS none;
        memset(&none, 0, sizeof none);
        (void)db_close_after_redo(d, 0, false, &none);
        return err;
    }
    r->replayed = false;
    *store = s;
    return JET_errSuccess;
}

/* Recovery's close callback: a database that recovered cleanly loses its
 * backup history (§5.6) with the clean header. */
static JET_ERR close_db(void *ctx, void *store, uint64_t max_dbtime, bool ok)
{
    rst_job *j = ctx;
    st_db *s = store;
    db *d = s->d;
    rst_db *r = db_for_path(j, d->path);
    JET_ERR err = st_db_close(s, ok);
    if (ok && err >= 0) {
        JET_BKINFO zero;
        memset(&zero, 0, sizeof zero);
        pthread_mutex_lock(&d->mu);
        for (int k = 0; k < DB_BK_COUNT; k++)
            db_hdr_set_bkinfo(&d->hdr, (enum db_bk_slot)k, &zero, DB_BKTYPE_NORMAL);
        pthread_mutex_unlock(&d->mu);
    }
    JET_LGPOS pos;
    log_lsn_to_lgpos(log_end_lsn(j->in->log), &pos);
    KEEP(err, db_close_after_redo(d, max_dbtime, ok && err >= 0, &pos));
    if (r != NULL)
        r->replayed = ok && err >= 0;
    return err;
}

/* Progress: one unit per replayed generation. */
static void on_gen(void *ctx, uint32_t gen)
{
    (void)gen;
    rst_progress(ctx, 1);
}

/* The log configuration of the instance (as JetInit builds it), with the
 * backup's base name and name style. */
static void log_cfg(rst_job *j, log_config *cfg)
{
    inst_log_config(j->in, cfg);
    cfg->base = j->base;
    cfg->legacy_names = j->legacy;
    /* A restore deletes no log: its log folder may be the backup folder. */
    cfg->circular = false;
    /* Into a running target: the stream continues here with generation
     * T + 1; what precedes it lives in the target's and backup's folders. */
    if (j->target)
        cfg->gen_first = j->T + 1;
}

/* Open the stream in the log folder for appending; an empty folder first
 * gets the generation after the backup set (read in place, not copied), or
 * after the last log the replay reads from the log folder's archived logs
 * or from a running target's. */
static JET_ERR open_log(rst_job *j)
{
    JET_ERR err = JET_errSuccess;
    char name[LOG_NAME_MAX];
    char *ckpt = NULL;
    if (!j->l_stream) {
        /* A checkpoint without logs belongs to no stream that still exists. */
        CALL(log_name_checkpoint(j->base, j->legacy, name, sizeof name));
        CALL(os_path_join(j->in->system_path, name, &ckpt));
        if (os_exists(ckpt))
            err = os_unlink_durable(ckpt);
        free(ckpt);
        CALL(err);
        CALL(log_create_successor(j->in->log_path, j->base, j->legacy,
                                  j->l_archived ? &j->l_last : &j->hi_info));
    }
    log_config cfg;
    log_cfg(j, &cfg);
    log_t *log;
    log_open_result res;
    CALL(log_open(&cfg, &log, &res));
    if (!signature_equal(&res.sign_log, &j->hi_info.hdr.sign_log)) {
        (void)log_close(log, false);
        return JET_errBadLogSignature;
    }
    j->in->log = log;
    return JET_errSuccess;
}

/* Into a running target: the restore's log folder keeps only the logs it
 * wrote, for the application to move into the target (ESE deletes its
 * reserve logs there); the prepared next log and the reserved logs go. */
static JET_ERR remove_spares(rst_job *j)
{
    char name[LOG_NAME_MAX];
    char *path = NULL;
    JET_ERR err = JET_errSuccess;
    for (unsigned k = 0; k <= 9 && err >= 0; k++) {
        if (k == 0)
            err = log_name_tmp(j->base, j->legacy, name, sizeof name);
        else
            err = log_name_reserve(j->base, k, name, sizeof name);
        if (err >= 0)
            err = os_path_join(j->in->log_path, name, &path);
        if (err >= 0 && os_exists(path))
            err = os_unlink_durable(path);
        free(path);
        path = NULL;
    }
    return err;
}

/* Hard recovery over the backup set and the log folder. */
static JET_ERR hard_recover(rst_job *j)
{
    /* Databases attached before the backup set begins are opened up front
     * at their backup-time dbid; the others are opened by their
     * create/attach record during replay. */
    log_checkpoint cp;
    memset(&cp, 0, sizeof cp);
    log_lsn first = log_lsn_make(j->lo, 0);
    for (size_t i = 0; i < j->ndbs && cp.nattach < LOG_ATTACH_MAX; i++) {
        rst_db *d = &j->dbs[i];
        log_lsn at = log_lgpos_to_lsn(&d->hdr.lgpos_attach);
        if (at >= first || d->hdr.dbid == 0)
            continue;
        log_attach *a = &cp.attach[cp.nattach++];
        a->dbid = (uint8_t)d->hdr.dbid;
        snprintf(a->path, sizeof a->path, "%s", d->dst);
        a->sign_db = d->hdr.sign_db;
        a->lsn_attach = at;
    }
    /* A running target's folder is read up to T only: its current log is
     * still being written. */
    rec_folder f[2] = {
        { j->R, j->lo, j->hi, JET_errLogCorruptDuringHardRestore },
        { j->L, j->hi + 1, j->target ? j->T : 0, JET_errLogCorruptDuringHardRecovery },
    };
    /* With the backup folder as log folder, one stretch reads everything. */
    size_t nf = strcmp(j->R, j->L) == 0 ? 1 : 2;
    if (nf == 1)
        f[0].gen_hi = j->target ? j->T : 0;
    else if (j->target && j->T == j->hi)
        nf = 1;   /* the target logged nothing after the backup set */
    rec_ops ops = { j, open_db, close_db };
    rec_stats st;
    CALL(rec_hard_recover(j->in->log, j->base, j->legacy, f, nf, &cp, &ops, on_gen, j, &st));
    for (size_t i = 0; i < j->ndbs; i++) {
        if (!j->dbs[i].replayed)
            return JET_errRequiredLogFilesMissing;   /* never met by the replay */
    }
    /* Nothing before the end of the log is needed any more. */
    log_checkpoint fresh;
    memset(&fresh, 0, sizeof fresh);
    fresh.lsn = log_end_lsn(j->in->log);
    CALL(log_set_checkpoint(j->in->log, fresh.lsn));
    return log_checkpoint_write(j->in->log, &fresh);
}

JET_ERR rst_run(rst_job *j, const char *src)
{
    JET_ERR err = JET_errSuccess;
    if (!j->external)
        CALL(rst_find_logs(j, src));
    j->L = j->target ? j->tgt_log : j->in->log_path;
    CALL(rst_check_backup_logs(j));
    CALL(rst_check_live_logs(j));
    if (j->target)
        CALL(rst_check_out_folder(j));
    if (!j->external)
        CALL(rst_find_dbs(j));
    for (size_t i = 0; i < j->ndbs; i++)
        CALL(rst_check_db(j, &j->dbs[i], j->external ? j->dbs[i].dst : j->dbs[i].src));
    if (!j->external)
        CALL(rst_resolve_targets(j));

    const char *s[] = { j->R, j->L };
    rst_event(j, RST_EV_START, JETDB_EVENT_INFORMATION, 2, s);
    uint32_t top = j->l_stream && j->l_cur > j->hi ? j->l_cur : j->hi;
    if (j->l_archived && j->l_last.hdr.gen + 1 > top)
        top = j->l_last.hdr.gen + 1;   /* the new current log after them */
    uint64_t gens = (uint64_t)top - j->lo + 1;
    uint64_t per_copy = j->ndbs ? gens / 10 / j->ndbs : 0;
    if (per_copy == 0)
        per_copy = 1;
    j->units_total = gens + per_copy * j->ndbs;
    rst_status(j, JET_sntBegin, 0);

    /* Every copy is made (and its pages verified) before the first one
     * replaces its destination: a damaged page in any copy leaves every
     * destination as it was. */
    for (size_t i = 0; i < j->ndbs && err >= 0; i++) {
        if (j->external)
            err = rst_prepare_in_place(j, &j->dbs[i]);
        else
            err = rst_copy_db(j, &j->dbs[i]);
        if (err >= 0)
            rst_progress(j, per_copy);
    }
    for (size_t i = 0; i < j->ndbs && err >= 0 && !j->external; i++)
        err = rst_install_db(&j->dbs[i]);
    if (err < 0) {
        rst_remove_copies(j);
        return err;
    }
    CALL(open_log(j));
    inst_set_cache_budget(j->in);
    err = hard_recover(j);
    /* A clean close writes TERM and the checkpoint: JetInit finds a clean
     * stream; after a failure the log is closed as after a crash. */
    KEEP(err, log_close(j->in->log, err >= 0));
    j->in->log = NULL;
    CALL(err);
    if (j->target)
        CALL(remove_spares(j));
    j->units_done = j->units_total;
    rst_status(j, JET_sntComplete, 100);
    return JET_errSuccess;
}
