/*
 * bench_jet.c: jetdb under the benchmark, driven through the storage
 * core's internal API (the same one tests/core uses; the table-level ISAM
 * API does not exist yet).
 *
 * An instance whose system, log and temp paths are the benchmark folder,
 * JetInit, JetCreateDatabase, then two B-trees created under one durable
 * transaction: "kv" (bulk load, point reads) and "durable" (single-row
 * commits).  Page size 4 KiB (SQLite's default too); every other
 * parameter keeps jetdb's default (5 MiB log files, JET_paramLogBuffers
 * 126 = 63 KiB of log buffer, no circular logging).
 */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "btree/btree.h"
#include "cache/cache.h"
#include "db/db.h"
#include "esent.h"
#include "inst/inst.h"
#include "jetdb.h"
#include "log/log.h"
#include "store/store.h"
#include "txn/txn.h"
#include "util/errtext.h"

#define JET_PAGE 4096u

static struct {
    JET_INSTANCE inst;
    JET_SESID ses;
    JET_DBID dbid;
    db *d;
    st_db *st;
    struct log *log;
    bt_tree *kv, *dur;
    char dbpath[1100];
} J;

unsigned long bench_jet_log_buffers, bench_jet_log_file_kib;

static int jfail(const char *op, JET_ERR err)
{
    const char *name = errtext_name(err);
    fprintf(stderr, "jetdb: %s failed: %d (%s)\n", op, (int)err, name ? name : "?");
    return -1;
}

#define JCALL(op, expr)                   \
    do {                                  \
        JET_ERR e_ = (expr);              \
        if (e_ < 0)                       \
            return jfail(op, e_);         \
    } while (0)

static int jet_open(const char *dir, uint64_t cache_bytes)
{
    char folder[1024], path[1100];
    snprintf(folder, sizeof folder, "%s/", dir);
    snprintf(path, sizeof path, "%s/bench.edb", dir);
    snprintf(J.dbpath, sizeof J.dbpath, "%s", path);
    JetDbSetEventCallback(NULL, NULL, JETDB_bitEventNoSyslog);
    uint64_t pages = cache_bytes / JET_PAGE;
    JCALL("JetSetSystemParameter(DatabasePageSize)",
          JetSetSystemParameterA(NULL, 0, JET_paramDatabasePageSize, JET_PAGE, NULL));
    JCALL("JetSetSystemParameter(CacheSizeMax)",
          JetSetSystemParameterA(NULL, 0, JET_paramCacheSizeMax, (JET_API_PTR)pages, NULL));
    JCALL("JetCreateInstance", JetCreateInstanceA(&J.inst, "bench"));
    JCALL("JetSetSystemParameter(SystemPath)",
          JetSetSystemParameterA(&J.inst, 0, JET_paramSystemPath, 0, folder));
    JCALL("JetSetSystemParameter(LogFilePath)",
          JetSetSystemParameterA(&J.inst, 0, JET_paramLogFilePath, 0, folder));
    JCALL("JetSetSystemParameter(TempPath)",
          JetSetSystemParameterA(&J.inst, 0, JET_paramTempPath, 0, folder));
    JCALL("JetSetSystemParameter(CreatePathIfNotExist)",
          JetSetSystemParameterA(&J.inst, 0, JET_paramCreatePathIfNotExist, 1, NULL));
    if (bench_jet_log_buffers)
        JCALL("JetSetSystemParameter(LogBuffers)",
              JetSetSystemParameterA(&J.inst, 0, JET_paramLogBuffers,
                                     (JET_API_PTR)bench_jet_log_buffers, NULL));
    if (bench_jet_log_file_kib)
        JCALL("JetSetSystemParameter(LogFileSize)",
              JetSetSystemParameterA(&J.inst, 0, JET_paramLogFileSize,
                                     (JET_API_PTR)bench_jet_log_file_kib, NULL));
    JCALL("JetInit", JetInit(&J.inst));
    JCALL("JetBeginSession", JetBeginSessionA(J.inst, &J.ses, NULL, NULL));
    JCALL("JetCreateDatabase", JetCreateDatabaseA(J.ses, path, NULL, &J.dbid, 0));
    sess *s;
    JCALL("sess_acquire", sess_acquire(J.ses, &s));
    JET_ERR err = db_pin_opened(s, J.dbid, &J.d);
    J.log = s->owner->log;
    sess_release(s);
    JCALL("db_pin_opened", err);
    J.st = J.d->store;
    if (J.st == NULL || J.log == NULL)
        return jfail("store/log lookup", JET_errInternalError);

    txn *x;
    uint32_t kv, dur;
    JCALL("txn_begin", txn_begin(J.log, &x));
    JCALL("st_tree_create(kv)", st_tree_create(J.st, txn_id(x), &kv));
    JCALL("st_tree_create(durable)", st_tree_create(J.st, txn_id(x), &dur));
    JCALL("txn_commit", txn_commit(x, false, NULL));
    JCALL("st_tree_open(kv)", st_tree_open(J.st, kv, &J.kv));
    JCALL("st_tree_open(durable)", st_tree_open(J.st, dur, &J.dur));
    return 0;
}

static int jet_close(void)
{
    db_unpin(J.d);
    J.d = NULL;
    J.st = NULL;
    JCALL("JetCloseDatabase", JetCloseDatabase(J.ses, J.dbid, 0));
    JCALL("JetEndSession", JetEndSession(J.ses, 0));
    JCALL("JetTerm", JetTerm2(J.inst, 0));
    return 0;
}

typedef struct jet_thread {
    txn *x;              /* the open bulk transaction */
} jet_thread;

static int jet_thread_open(void **ctx)
{
    jet_thread *t = calloc(1, sizeof *t);
    if (t == NULL)
        return jfail("calloc", JET_errOutOfMemory);
    *ctx = t;
    return 0;
}

static void jet_thread_close(void *ctx)
{
    free(ctx);
}

static int jet_commit_one(void *ctx, const uint8_t *key, const uint8_t *val)
{
    (void)ctx;
    txn *x;
    JCALL("txn_begin", txn_begin(J.log, &x));
    JET_ERR err = bt_insert(J.dur, txn_id(x), key, BENCH_KLEN, val, BENCH_VLEN);
    if (err < 0) {
        txn_rollback(x, st_undo_lookup);
        return jfail("bt_insert(durable)", err);
    }
    JCALL("txn_commit(durable)", txn_commit(x, false, NULL));
    return 0;
}

static int jet_bulk_begin(void *ctx, bool durable)
{
    (void)durable;
    jet_thread *t = ctx;
    JCALL("txn_begin", txn_begin(J.log, &t->x));
    return 0;
}

static int jet_bulk_put(void *ctx, const uint8_t *key, const uint8_t *val)
{
    jet_thread *t = ctx;
    JCALL("bt_insert(kv)", bt_insert(J.kv, txn_id(t->x), key, BENCH_KLEN, val, BENCH_VLEN));
    return 0;
}

static int jet_bulk_commit(void *ctx, bool durable)
{
    jet_thread *t = ctx;
    txn *x = t->x;
    t->x = NULL;
    JCALL(durable ? "txn_commit(durable)" : "txn_commit(lazy)", txn_commit(x, !durable, NULL));
    return 0;
}

static int jet_scan(void *ctx, uint64_t *rows)
{
    (void)ctx;
    bt_cursor *c;
    uint8_t val[BENCH_VLEN];
    uint64_t n = 0;
    JCALL("bt_cursor_open", bt_cursor_open(J.kv, &c));
    JET_ERR err = bt_cursor_first(c);
    while (err >= 0) {
        size_t actual = 0;
        err = bt_cursor_value(c, 0, val, sizeof val, &actual);
        if (err < 0)
            break;
        if (actual != BENCH_VLEN) {
            bt_cursor_close(c);
            fprintf(stderr, "jetdb: scan: value of %zu bytes\n", actual);
            return -1;
        }
        n++;
        err = bt_cursor_next(c);
    }
    bt_cursor_close(c);
    if (err != JET_errNoCurrentRecord)
        return jfail("bt_cursor scan", err);
    *rows = n;
    return 0;
}

static int jet_get(void *ctx, const uint8_t *key, uint8_t *val, size_t *vlen)
{
    (void)ctx;
    JET_ERR err = bt_get(J.kv, key, BENCH_KLEN, 0, val, BENCH_VLEN, vlen);
    if (err == JET_errRecordNotFound)
        return 1;
    JCALL("bt_get(kv)", err);
    return 0;
}

void bench_jet_get_stats(bench_jet_stats *out)
{
    memset(out, 0, sizeof *out);
    if (J.log != NULL) {
        log_stats ls;
        log_get_stats(J.log, &ls);
        out->log_flushes = ls.flushes;
        out->log_flush_waits = ls.flush_waits;
        out->log_bytes = ls.bytes_written;
        out->log_appends = ls.appends;
        out->log_rolls = ls.rolls;
    }
    cache_stats cs;
    cache_get_stats(&cs);
    out->cache_hits = cs.hits;
    out->cache_misses = cs.misses;
    out->cache_reads = cs.reads;
    out->cache_writes = cs.writes;
    out->cache_evictions = cs.evictions;
    out->cache_resident = cs.resident;
    out->cache_bytes = cs.bytes;
    out->cache_budget_bytes = cs.budget_bytes;
}

void bench_jet_get_handles(bench_jet_handles *h)
{
    h->inst = (uintptr_t)J.inst;
    h->log = J.log;
    h->kv = J.kv;
    h->dur = J.dur;
    h->dbpath = J.dbpath;
}

const bench_engine bench_jet = {
    .name = "jetdb",
    .open = jet_open,
    .close = jet_close,
    .thread_open = jet_thread_open,
    .thread_close = jet_thread_close,
    .commit_one = jet_commit_one,
    .bulk_begin = jet_bulk_begin,
    .bulk_put = jet_bulk_put,
    .bulk_commit = jet_bulk_commit,
    .scan = jet_scan,
    .get = jet_get,
};
