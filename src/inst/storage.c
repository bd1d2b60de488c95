/*
 * storage.c: the storage side of an instance's life — at JetInit the log
 * stream is opened (or created), the databases it names are recovered and
 * the checkpointer starts; at JetTerm the databases are detached and the
 * log is closed, cleanly or not.
 *
 * Checkpoint: every page change is logged before the page may be written
 * (the cache enforces it); the checkpoint is the log position before which
 * no record is needed for crash recovery any more.  To advance it the
 * checkpointer notes the end of the log E, writes every page first
 * dirtied before E, persists each database header (its database time must
 * cover every page on disk), and records min(E, oldest open transaction's
 * BEGIN) in the checkpoint file.
 */
#include "inst/inst.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "cache/cache.h"
#include "catalog/catalog.h"
#include "db/db.h"
#include "inst/param.h"
#include "log/log.h"
#include "os/os.h"
#include "recovery/recovery.h"
#include "store/store.h"
#include "txn/txn.h"
#include "txn/ver.h"
#include "util/err.h"

/* How often the checkpointer looks at the log (it also wakes on demand). */
#define CKPT_POLL_MS 200

/* True when JET_paramRecovery says "off" (no log at all). */
static bool recovery_off(inst *in)
{
    char v[32];
    par_str(in, JET_paramRecovery, v, sizeof v);
    return strcasecmp(v, "off") == 0;
}

/* ---- recovery callbacks ---------------------------------------------- */

/* ESE's event 619: soft recovery met a database that is a backup copy. */
#define EV_SOFT_RECOVERY_ON_BACKUP 619

/* A backup copy that no restore has prepared (bkinfoFullCur.genLow set,
 * genHigh not yet: ese-backup-semantics.md §5.5) is not a database crash
 * recovery may replay: the copy must go through a restore (hard recovery),
 * which sets genHigh before its replay. */
static bool unrestored_backup_copy(const db *d)
{
    JET_BKINFO full;
    uint32_t type;
    db_hdr_get_bkinfo(&d->hdr, DB_BK_FULL_CUR, &full, &type);
    return full.genLow != 0 && full.genHigh == 0;
}

/* JET_paramAlternateDatabaseRecoveryPath: when set, soft recovery looks
 * for every database the log names only in that folder, under the file name
 * the log recorded (ESE's relocated database path).  *out is malloc'd, or
 * NULL when the parameter is not set. */
static JET_ERR rec_alt_path(inst *in, const char *path, char **out)
{
    *out = NULL;
    char dir[1024];
    size_t n = par_str(in, JET_paramAlternateDatabaseRecoveryPath, dir, sizeof dir);
    if (n == 0)
        return JET_errSuccess;
    if (n >= sizeof dir)
        return JET_errInvalidPath;
    const char *slash = strrchr(path, '/');
    return os_path_join(dir, slash != NULL ? slash + 1 : path, out);
}

static JET_ERR rec_open(void *ctx, const char *path, uint16_t dbid, uint64_t hint, void **store)
{
    (void)hint;
    inst *in = ctx;
    db *d;
    char *alt;
    CALL(rec_alt_path(in, path, &alt));
    if (alt != NULL)
        path = alt;
    JET_ERR oerr = db_open_for_redo(in, path, dbid, &d);
    if (oerr < 0) {
        free(alt);
        return oerr;
    }
    JET_ERR err = JET_errSuccess;
    if (unrestored_backup_copy(d)) {
        const char *s[] = { path };
        ev_emit(&in->ev, EV_CAT_LOGGING_RECOVERY, EV_SOFT_RECOVERY_ON_BACKUP, JETDB_EVENT_ERROR,
                JET_EventLoggingLevelMin, 1, s);
        err = JET_errSoftRecoveryOnBackupDatabase;
    }
    st_db *s = NULL;
    if (err >= 0)
        err = st_db_open(d, in->log, &in->op_lock, dbid, false, &s);
    if (err < 0) {
        JET_LGPOS none;
        memset(&none, 0, sizeof none);
        (void)db_close_after_redo(d, 0, false, &none);
        free(alt);
        return err;
    }
    *store = s;
    free(alt);
    return JET_errSuccess;
}

static JET_ERR rec_close(void *ctx, void *store, uint64_t max_dbtime, bool ok)
{
    inst *in = ctx;
    st_db *s = store;
    db *d = s->d;
    JET_ERR err = st_db_close(s, ok);
    JET_LGPOS pos;
    log_lsn_to_lgpos(log_end_lsn(in->log), &pos);
    KEEP(err, db_close_after_redo(d, max_dbtime, ok && err >= 0, &pos));
    return err;
}

/* ---- checkpoint ------------------------------------------------------- */

JET_ERR inst_checkpoint(inst *in)
{
    log_t *log = in->log;
    if (log == NULL)
        return JET_errSuccess;
    /* No operation may be between "logged" and "page dirtied" while we
     * read the end of the log: every record before it then has its page
     * dirty in the cache (or already written). */
    pthread_rwlock_wrlock(&in->op_lock);
    log_lsn end = log_end_lsn(log);
    pthread_rwlock_unlock(&in->op_lock);
    uint64_t oldest = txn_oldest_begin(log);

    db **list = NULL;
    size_t n = 0;
    JET_ERR err = db_list_attached(in, &list, &n);
    if (err < 0)
        return err;
    log_checkpoint cp;
    memset(&cp, 0, sizeof cp);
    cp.lsn = oldest != 0 && oldest < end ? oldest : end;
    for (size_t i = 0; i < n && err >= 0; i++) {
        db *d = list[i];
        if (d->store == NULL || d->read_only || !d->logged)
            continue;
        err = cache_flush_below(d->store->cf, end);
        if (err >= 0) {
            /* ESE's required range: recovering this file needs the logs
             * from the checkpoint's generation up to the current one. */
            pthread_mutex_lock(&d->mu);
            d->hdr.gen_min_required = log_lsn_gen(cp.lsn);
            d->hdr.gen_max_required = log_lsn_gen(end);
            d->hdr.gen_max_committed = log_lsn_gen(end);
            err = db_write_header_locked(d);
            pthread_mutex_unlock(&d->mu);
            /* Its fdatasync also covers the pages written meanwhile. */
            if (err < 0)
                st_db_sync_failed(d->store, err);
        }
        if (err >= 0 && cp.nattach < LOG_ATTACH_MAX) {
            log_attach *a = &cp.attach[cp.nattach++];
            a->dbid = (uint8_t)d->hdr.dbid;
            strncpy(a->path, d->path, LOG_ATTACH_PATH_MAX);
            a->sign_db = d->hdr.sign_db;
            a->lsn_attach = log_lgpos_to_lsn(&d->hdr.lgpos_attach);
        }
    }
    db_list_free(list, n);
    if (err < 0)
        return err;
    log_checkpoint prev;
    log_checkpoint_get(log, &prev);
    cp.full_backup_lsn = prev.full_backup_lsn;
    cp.full_backup_time = prev.full_backup_time;
    cp.inc_backup_lsn = prev.inc_backup_lsn;
    cp.inc_backup_time = prev.inc_backup_time;
    CALL(log_set_checkpoint(log, cp.lsn));
    return log_checkpoint_write(log, &cp);
}

/* The checkpointer: advance the checkpoint when the log has grown past
 * JET_paramCheckpointDepthMax bytes beyond it (or, with circular logging,
 * moved to a new generation). */
static void *ckpt_main(void *arg)
{
    inst *in = arg;
    uint32_t gen_done = log_generation(in->log);
    pthread_mutex_lock(&in->mu);
    while (!in->ckpt_stop) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += CKPT_POLL_MS * 1000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&in->ckpt_cond, &in->mu, &ts);
        if (in->ckpt_stop)
            break;
        pthread_mutex_unlock(&in->mu);

        log_checkpoint cp;
        log_checkpoint_get(in->log, &cp);
        log_lsn end = log_end_lsn(in->log);
        uint32_t gen = log_generation(in->log);
        uint64_t depth = (uint64_t)par_num(in, JET_paramCheckpointDepthMax);
        /* Log bytes since the checkpoint (generations are all the same size). */
        uint64_t file = (uint64_t)par_num(in, JET_paramLogFileSize) * 1024u;
        uint64_t behind = (uint64_t)(log_lsn_gen(end) - log_lsn_gen(cp.lsn)) * file +
                          log_lsn_off(end) - log_lsn_off(cp.lsn);
        /* Circular logging can only reuse generations the checkpoint has
         * left behind, so it checkpoints at every roll; otherwise the
         * depth alone decides (ESE's JET_paramCheckpointDepthMax). */
        bool circular = par_num(in, JET_paramCircularLog) != 0;
        if ((circular && gen != gen_done) || behind > depth) {
            /* A failed checkpoint is retried on the next round; the
             * previous checkpoint stays valid meanwhile. */
            if (inst_checkpoint(in) >= 0)
                gen_done = gen;
        }
        pthread_mutex_lock(&in->mu);
    }
    pthread_mutex_unlock(&in->mu);
    return NULL;
}

/* Stop the checkpointer and wait for it. */
static void ckpt_stop(inst *in)
{
    pthread_mutex_lock(&in->mu);
    bool running = in->ckpt_running;
    in->ckpt_stop = true;
    pthread_cond_broadcast(&in->ckpt_cond);
    pthread_mutex_unlock(&in->mu);
    if (running)
        pthread_join(in->ckpt_thread, NULL);
    pthread_mutex_lock(&in->mu);
    in->ckpt_running = false;
    in->ckpt_stop = false;
    pthread_mutex_unlock(&in->mu);
}

/* ---- start / stop ------------------------------------------------------ */

/* Recover the databases of the stream and checkpoint at the end. */
static JET_ERR recover(inst *in, const log_open_result *res, unsigned legacy)
{
    log_checkpoint cp;
    log_checkpoint_get(in->log, &cp);
    rec_ops ops = { in, rec_open, rec_close };
    rec_stats st;
    CALL(rec_soft_recover(in->log, in->log_path, in->base_name, legacy, res->checkpoint, &cp,
                          &ops, &st));
    log_checkpoint fresh;
    memset(&fresh, 0, sizeof fresh);
    fresh.lsn = log_end_lsn(in->log);
    fresh.full_backup_lsn = cp.full_backup_lsn;
    fresh.full_backup_time = cp.full_backup_time;
    fresh.inc_backup_lsn = cp.inc_backup_lsn;
    fresh.inc_backup_time = cp.inc_backup_time;
    CALL(log_set_checkpoint(in->log, fresh.lsn));
    return log_checkpoint_write(in->log, &fresh);
}

/* Give the cache its budget.  ESE's default JET_paramCacheSizeMax
 * (2,000,000,000 pages) means "as much as the machine allows"; jetdb caps
 * it at a quarter of physical memory so the default never overcommits. */
void inst_set_cache_budget(inst *in)
{
    uint64_t page = (uint64_t)par_num(in, JET_paramDatabasePageSize);
    uint64_t max = (uint64_t)par_num(in, JET_paramCacheSizeMax);
    uint64_t min = (uint64_t)par_num(in, JET_paramCacheSizeMin);
    long phys = sysconf(_SC_PHYS_PAGES), psz = sysconf(_SC_PAGESIZE);
    if (phys > 0 && psz > 0 && page > 0) {
        uint64_t cap = (uint64_t)phys * (uint64_t)psz / 4 / page;
        if (max > cap)
            max = cap;
    }
    cache_set_budget(min, max);
}

void inst_log_config(inst *in, struct log_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->log_path = in->log_path;
    cfg->system_path = in->system_path;
    cfg->base = in->base_name;
    cfg->legacy_names = (unsigned)par_num(in, JET_paramLegacyFileNames);
    cfg->file_size_bytes = (uint64_t)par_num(in, JET_paramLogFileSize) * 1024u;
    cfg->page_size = (uint32_t)par_num(in, JET_paramDatabasePageSize);
    cfg->log_buffer_bytes = (size_t)par_num(in, JET_paramLogBuffers) * 512u;
    cfg->circular = par_num(in, JET_paramCircularLog) != 0;
    cfg->ev = &in->ev;
}

JET_ERR inst_storage_start(inst *in, JET_GRBIT grbit)
{
    (void)grbit;
    inst_set_cache_budget(in);
    inst_event_source(in, &in->ev, in->ev_name, sizeof in->ev_name);
    par_str(in, JET_paramEventSource, in->ev_source_name, sizeof in->ev_source_name);
    in->ev.source = in->ev_source_name;

    if (!recovery_off(in)) {
        log_config cfg;
        inst_log_config(in, &cfg);
        log_t *log;
        log_open_result res;
        CALL(log_open(&cfg, &log, &res));
        in->log = log;
        JET_ERR err = recover(in, &res, cfg.legacy_names);
        if (err < 0) {
            (void)log_close(log, false);
            in->log = NULL;
            return err;
        }
        log_rec_hdr h;
        log_rec_init(&h, LOG_REC_INIT, LOG_REC_HDR_SIZE, 0, 0);
        err = log_append(log, &h, sizeof h, NULL);
        if (err < 0) {
            (void)log_close(log, false);
            in->log = NULL;
            return err;
        }
    }
    JET_ERR err = db_set_create(in);
    if (err >= 0)
        err = vs_create(in, (uint64_t)par_num(in, JET_paramMaxVerPages), &in->vs);
    if (err >= 0 && in->log != NULL) {
        pthread_mutex_lock(&in->mu);
        in->ckpt_stop = false;
        in->ckpt_running = pthread_create(&in->ckpt_thread, NULL, ckpt_main, in) == 0;
        if (!in->ckpt_running)
            err = JET_errOutOfThreads;
        pthread_mutex_unlock(&in->mu);
    }
    if (err < 0)
        (void)inst_storage_stop(in, false);
    return err;
}

JET_ERR inst_storage_stop(inst *in, bool clean)
{
    ckpt_stop(in);
    JET_ERR err = JET_errSuccess;
    if (clean && in->log != NULL && txn_oldest_begin(in->log) != 0) {
        /* A transaction is still open (its rollback failed): its changes
         * are in the pages and only recovery can undo them, so a clean
         * shutdown would make them permanent.  Stop as after a crash. */
        err = JET_errInstanceUnavailable;
        clean = false;
    }
    if (in->vs != NULL) {
        /* Every session is gone: a clean stop first removes the flagged
         * rows whose deletion committed (nobody can see them any more). */
        if (clean)
            vs_cleanup(in->vs);
        vs_destroy(in->vs);
        in->vs = NULL;
    }
    /* Catalog hook: the temporary database goes (no version refers to it). */
    cat_temp_db_close(in);
    KEEP(err, db_set_destroy(in, clean));
    if (in->log != NULL) {
        bool ok = clean && err >= 0;
        if (ok)
            KEEP(err, log_set_checkpoint(in->log, log_end_lsn(in->log)));
        txn_forget_failed(in->log);
        KEEP(err, log_close(in->log, ok));
        in->log = NULL;
    }
    return err;
}
