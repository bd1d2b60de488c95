/*
 * bk_backup.c: JetBackup / JetBackupInstance — a client of the streaming
 * backup machinery that runs inside the engine (ese-backup-semantics.md
 * §2.3, §2.4) with the project's policy decisions:
 *
 *   begin → prepare the folder → status Begin → (full) each database
 *   streamed into P/temp → roll + log list → each log streamed into P/temp
 *   and verified there → (full) zero-length <db>.pat markers → fsync the
 *   files and P/temp → promote → truncate → status Complete → normal end
 *   (header backup info).
 *
 * Every file is written into P/temp and fsync'd, and nothing is promoted
 * before all of them are; truncation comes after promotion.  So any failure
 * before promotion leaves no new file in P and deletes no log; a failure
 * during promotion is undone (bk_stage.c).  Only a failure of truncation
 * itself, after the backup is complete and in place, keeps the backup (the
 * logs already deleted exist nowhere else) and returns the error.
 *
 * Stop (JetStopBackupInstance) and JetTerm are looked at before every
 * buffer, every 64 pages read, every 5 ms while this thread waits for the
 * writer, and a last time before promotion; the stopped backup returns as
 * soon as its staging folder is renamed out of the way, and the trash
 * thread (bk_trash.c) lets the writer end and removes the folder.
 *
 * The destination is written by a writer thread (bk_sink.c), which also
 * paces the writes: each buffer's write-back is started at once and waited
 * for a few buffers later, so dirty data stays bounded (the foreground's
 * commit flushes never queue behind gigabytes of backup data) and the
 * final fsync has little left to do.
 */
#include "backup/bk_int.h"
#include "backup/bk_sink.h"
#include "backup/bk_stage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "inst/param.h"
#include "os/os.h"
#include "util/err.h"

/* Pages per copy buffer (ESE: 256). */
#define BK_COPY_PAGES 256u
/* Progress is reported at least every this many bytes (and every 1%). */
#define BK_PROGRESS_BYTES (64ull << 20)

void (*bk_test_promoted)(struct inst *in);

/* One JetBackup's progress reporting. */
typedef struct bk_job {
    inst *in;
    struct bk_state *bk;
    bk_stage st;
    bk_sink *sink;      /* the destination's writer thread */
    JET_PFNSTATUS pfn;
    uint32_t cbuf;
    uint64_t total;     /* estimated bytes to copy (grows to the truth) */
    uint64_t done;      /* bytes copied */
    uint64_t last_cb;   /* done at the last Progress call */
    uint32_t pct;       /* last percentage reported */
} bk_job;

/*
 * bk_pacing_enabled --
 *     Write pacing is on unless the environment variable
 *     JETDB_BACKUP_PACING is "0" (an internal knob for the benchmark,
 *     bench/bench_backup.c, which measures the pacing's effect; read at the
 *     start of every JetBackup).  Unpaced, the copy leaves its writes to the
 *     kernel's write-back and the final fsync.
 */
static bool bk_pacing_enabled(void)
{
    const char *v = getenv("JETDB_BACKUP_PACING");
    return v == NULL || strcmp(v, "0") != 0;
}

/*
 * bk_status --
 *     Call the status callback (its return value is ignored, as in ESE).
 */
static void bk_status(bk_job *j, JET_SNT snt, uint32_t done)
{
    if (j->pfn == NULL)
        return;
    JET_SNPROG prog;
    prog.cbStruct = (uint32_t)sizeof prog;
    prog.cunitDone = done;
    prog.cunitTotal = 100;
    (void)j->pfn(JET_sesidNil, JET_snpBackup, snt, &prog);
}

/*
 * bk_progress --
 *     Count copied bytes; report each new percent (or every 64 MiB).
 */
static void bk_progress(bk_job *j, uint64_t bytes)
{
    j->done += bytes;
    if (j->done > j->total)
        j->total = j->done;
    uint64_t pct = j->total ? j->done * 100 / j->total : 0;
    if (pct > 99)
        pct = 99;   /* 100 is Complete's */
    if (pct > j->pct || j->done - j->last_cb >= BK_PROGRESS_BYTES) {
        if (pct > j->pct)
            j->pct = (uint32_t)pct;
        j->last_cb = j->done;
        bk_status(j, JET_sntProgress, j->pct);
    }
}

/* A locked call into the streaming machinery. */
static JET_ERR bk_open(bk_job *j, const char *src, uint64_t *size)
{
    pthread_mutex_lock(&j->bk->mu);
    JET_ERR err = bk_open_locked(j->in, j->bk, src, size);
    pthread_mutex_unlock(&j->bk->mu);
    return err;
}

static JET_ERR bk_read(bk_job *j, uint8_t *buf, uint32_t *got)
{
    pthread_mutex_lock(&j->bk->mu);
    JET_ERR err = bk_read_locked(j->in, j->bk, buf, j->cbuf, got);
    pthread_mutex_unlock(&j->bk->mu);
    return err;
}

static void bk_close(bk_job *j)
{
    pthread_mutex_lock(&j->bk->mu);
    if (j->bk->h_open)
        (void)bk_close_locked(j->in, j->bk);
    pthread_mutex_unlock(&j->bk->mu);
}

/*
 * bk_copy --
 *     Stream src through the backup machinery into P/temp/name: this
 *     thread reads, the sink writes, paces and finally fsyncs and closes.
 */
static JET_ERR bk_copy(bk_job *j, const char *src, const char *name)
{
    JET_ERR err = JET_errSuccess;
    char *dst = NULL;
    os_file *f = NULL;
    uint64_t size = 0, off = 0;
    CALL(bk_stage_file(&j->st, name, &dst));
    CHECK(bk_open(j, src, &size));
    /* Create-new: two databases with the same file name collide here. */
    CHECK(os_open(dst, OS_OPEN_RDWR | OS_OPEN_CREATE | OS_OPEN_EXCL, &f));
    for (;;) {
        CHECK(bk_check_interrupt(j->in));
        uint8_t *buf = NULL;
        CHECK(bk_sink_buffer(j->sink, &buf));
        uint32_t got = 0;
        CHECK(bk_read(j, buf, &got));
        if (got == 0)
            break;
        CHECK(bk_sink_write(j->sink, f, got, off));
        off += got;
        bk_progress(j, got);
    }
done:
    if (f != NULL) {
        /* The sink closes f in every case (made durable first on success).
         * After a stop it does so on its own time: nobody waits. */
        bool stopped = err == JET_errBackupAbortByServer || err == JET_errTermInProgress;
        KEEP(err, bk_sink_close(j->sink, f, err >= 0, !stopped));
    }
    bk_close(j);
    free(dst);
    return err;
}

/* File name part of a path. */
static const char *base_of(const char *path)
{
    const char *s = strrchr(path, '/');
    return s != NULL ? s + 1 : path;
}

/*
 * bk_pat_name --
 *     "<db name without extension>.pat" (the restore discovers databases
 *     through these markers).
 */
static JET_ERR bk_pat_name(const char *dbpath, char **out)
{
    const char *b = base_of(dbpath);
    const char *dot = strrchr(b, '.');
    size_t n = dot != NULL && dot != b ? (size_t)(dot - b) : strlen(b);
    char *s = malloc(n + 5);
    if (s == NULL)
        return JET_errOutOfMemory;
    memcpy(s, b, n);
    memcpy(s + n, ".pat", 5);
    *out = s;
    return JET_errSuccess;
}

/*
 * bk_write_marker --
 *     Create a zero-length, fsync'd file in P/temp.
 */
static JET_ERR bk_write_marker(bk_job *j, const char *name)
{
    char *p = NULL;
    os_file *f = NULL;
    JET_ERR err;
    CALL(bk_stage_file(&j->st, name, &p));
    err = os_open(p, OS_OPEN_RDWR | OS_OPEN_CREATE | OS_OPEN_EXCL, &f);
    if (err >= 0)
        err = os_fsync(f);
    if (f != NULL)
        KEEP(err, os_close(f));
    free(p);
    return err;
}

/* Append a copy of s to a name list. */
static JET_ERR list_add(char ***list, size_t *n, const char *s)
{
    char **l = realloc(*list, (*n + 2) * sizeof *l);
    if (l == NULL)
        return JET_errOutOfMemory;
    *list = l;
    l[*n] = strdup(s);
    if (l[*n] == NULL)
        return JET_errOutOfMemory;
    (*n)++;
    l[*n] = NULL;
    return JET_errSuccess;
}

/*
 * bk_estimate --
 *     Bytes a backup will copy, as far as they are known now.
 */
static uint64_t bk_estimate(bk_job *j)
{
    inst *in = j->in;
    struct bk_state *bk = j->bk;
    uint64_t total = 0;
    pthread_mutex_lock(&bk->mu);
    if (bk->full) {
        for (size_t i = 0; i < bk->ndbs; i++) {
            db *d = bk->dbs[i].d;
            if (!d->logged)
                continue;
            pthread_mutex_lock(&d->mu);
            total += ((uint64_t)d->pgno_file_last + DB_HDR_PAGES + 1) * d->page_size;
            pthread_mutex_unlock(&d->mu);
        }
    }
    uint32_t first = bk->copy_mic;
    pthread_mutex_unlock(&bk->mu);
    uint32_t cur = log_generation(in->log);
    if (first == 0)
        first = cur;
    uint64_t log_size = (uint64_t)par_num(in, JET_paramLogFileSize) * 1024u;
    total += (uint64_t)(cur - first + 1) * log_size;
    return total;
}

/*
 * bk_copy_dbs --
 *     Full backup: stream every logged database into P/temp.
 */
static JET_ERR bk_copy_dbs(bk_job *j, char ***files, size_t *nfiles)
{
    /* The set of databases is fixed for the backup (attach and detach are
     * refused), so the entries can be walked without holding the lock. */
    for (size_t i = 0; i < j->bk->ndbs; i++) {
        db *d = j->bk->dbs[i].d;
        if (!d->logged)
            continue;
        CALL(bk_copy(j, d->path, base_of(d->path)));
        CALL(list_add(files, nfiles, base_of(d->path)));
    }
    return JET_errSuccess;
}

/*
 * bk_copy_logs --
 *     Roll, list the logs and stream each into P/temp, verified there too.
 */
static JET_ERR bk_copy_logs(bk_job *j, char ***files, size_t *nfiles)
{
    char **logs = NULL;
    size_t nlogs = 0;
    JET_ERR err;
    pthread_mutex_lock(&j->bk->mu);
    err = bk_prepare_logs_locked(j->in, j->bk);
    if (err >= 0)
        err = bk_log_list_locked(j->in, j->bk, false, &logs, &nlogs);
    pthread_mutex_unlock(&j->bk->mu);
    CALL(err);
    /* Now the exact amount is known. */
    uint64_t rest = 0;
    for (size_t i = 0; i < nlogs; i++) {
        uint64_t sz = 0;
        if (os_path_size(logs[i], &sz) >= 0)
            rest += sz;
    }
    j->total = j->done + rest;
    for (size_t i = 0; i < nlogs && err >= 0; i++) {
        const char *name = base_of(logs[i]);
        err = bk_copy(j, logs[i], name);
        /* What is in the backup folder must verify, not only the source:
         * the second check reads the staged copy (from the page cache). */
        char *staged = NULL;
        if (err >= 0)
            err = bk_stage_file(&j->st, name, &staged);
        if (err >= 0) {
            log_file_info info;
            err = log_verify_file(staged, false, &info);
        }
        free(staged);
        if (err >= 0)
            err = list_add(files, nfiles, name);
    }
    bk_list_free(logs, nlogs);
    return err;
}

/*
 * bk_backup_run --
 *     The backup proper, after begin; the caller ends it on failure.
 */
static JET_ERR bk_backup_run(bk_job *j, const char *path, bool full, bool atomic)
{
    JET_ERR err = JET_errSuccess;
    char **files = NULL;
    size_t nfiles = 0;
    CHECK(bk_stage_prepare(j->in, &j->bk->trash, &j->st, path, full, atomic));
    CHECK(bk_sink_start(j->in, j->cbuf, bk_pacing_enabled(), &j->sink));
    bk_status(j, JET_sntBegin, 0);
    j->total = bk_estimate(j);
    if (full)
        CHECK(bk_copy_dbs(j, &files, &nfiles));
    CHECK(bk_copy_logs(j, &files, &nfiles));
    if (full) {
        for (size_t i = 0; i < j->bk->ndbs; i++) {
            if (!j->bk->dbs[i].d->logged)
                continue;
            char *pat = NULL;
            CHECK(bk_pat_name(j->bk->dbs[i].d->path, &pat));
            err = bk_write_marker(j, pat);
            if (err >= 0)
                err = list_add(&files, &nfiles, pat);
            free(pat);
            CHECK(err);
        }
    }
    /* The last look at the stop flag.  Once promotion has begun the backup
     * is completed: a stop that comes later no longer fails it (ESE's
     * truncation would return JET_errBackupAbortByServer and leave the
     * new backup in place — a failed call that changed the destination). */
    CHECK(bk_check_interrupt(j->in));
    CHECK(bk_stage_promote(&j->st, files, nfiles));
    if (bk_test_promoted != NULL)
        bk_test_promoted(j->in);

    pthread_mutex_lock(&j->bk->mu);
    err = bk_truncate_now_locked(j->in, j->bk);
    pthread_mutex_unlock(&j->bk->mu);
    CHECK(err);
    bk_status(j, JET_sntComplete, 100);
done:
    bk_list_free(files, nfiles);
    return err;
}

/*
 * bk_backup --
 *     JetBackupInstance.
 */
JET_ERR bk_backup(inst *in, const char *path, JET_GRBIT grbit, JET_PFNSTATUS pfn)
{
    if (grbit & ~(JET_GRBIT)(JET_bitBackupIncremental | JET_bitBackupAtomic |
                             JET_bitBackupSnapshot))
        return JET_errInvalidGrbit;
    if (in->log == NULL)
        return JET_errLoggingDisabled;
    if (path == NULL || path[0] == '\0')
        return bk_truncate_only(in);
    bool full = !(grbit & JET_bitBackupIncremental);
    bool atomic = (grbit & JET_bitBackupAtomic) != 0;

    bk_job j;
    memset(&j, 0, sizeof j);
    j.in = in;
    j.pfn = pfn;
    j.bk = bk_state_get(in);
    if (j.bk == NULL)
        return JET_errOutOfMemory;
    uint32_t ps = (uint32_t)par_num(in, JET_paramDatabasePageSize);
    j.cbuf = BK_COPY_PAGES * ps;

    pthread_mutex_lock(&j.bk->mu);
    JET_ERR err = bk_begin_locked(in, j.bk, full ? 0 : JET_bitBackupIncremental, true);
    pthread_mutex_unlock(&j.bk->mu);
    bool quick = false;
    if (err >= 0) {
        err = bk_backup_run(&j, path, full, atomic);
        /* Stopped (or JetTerm): the writer drops what is queued at once. */
        quick = err == JET_errBackupAbortByServer || err == JET_errTermInProgress;
        if (quick && j.sink != NULL)
            bk_sink_abandon(j.sink);
        pthread_mutex_lock(&j.bk->mu);
        /* A log read failure has already cancelled the backup itself. */
        if (atomic_load(&j.bk->active) && j.bk->internal) {
            bk_outcome how = BK_END_OK;
            if (err == JET_errBackupAbortByServer || err == JET_errTermInProgress)
                how = BK_END_BY_SERVER;
            else if (err < 0)
                how = BK_END_ERROR;
            bk_end_locked(in, j.bk, how, err, false);
        }
        pthread_mutex_unlock(&j.bk->mu);
    }
    /* Stopped (or JetTerm): return now; the writer may be blocked in the
     * kernel and the staging folder takes long to remove, so both are left
     * to the trash thread (bk_trash.c).  Otherwise the writer is idle by
     * now: end it, and remove the folder (after a failure) before
     * returning. */
    if (j.sink != NULL && !quick)
        bk_sink_finish(j.sink);
    bk_stage_cleanup(&j.st, quick, quick ? j.sink : NULL);
    return err;
}
