/*
 * bench_sqlite.c: SQLite under the benchmark (Debian's libsqlite3).
 *
 * One database file bench.sqlite in the benchmark folder, WAL mode, page
 * size 4 KiB (the default), tables
 *     kv(k BLOB PRIMARY KEY, v BLOB NOT NULL) WITHOUT ROWID
 *     durable(k BLOB PRIMARY KEY, v BLOB NOT NULL) WITHOUT ROWID
 * (WITHOUT ROWID = one B-tree clustered on the key, like jetdb's trees).
 * One connection per thread (SQLITE_OPEN_NOMUTEX: a connection is used by
 * one thread only), each with synchronous=FULL, a 60 s busy timeout and a
 * page cache of the same size as jetdb's (cache_size = -KiB, per
 * connection: SQLite has no shared page cache by default).  Statements are
 * prepared once per connection.
 *
 * Bulk load: BEGIN, inserts, COMMIT; lazy batches commit with
 * synchronous=NORMAL (WAL not synced at commit — SQLite's equivalent of
 * JET_bitCommitLazyFlush), the last one with synchronous=FULL (its WAL
 * sync makes every earlier batch durable too).
 */
#include "bench.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char g_path[1100];
static uint64_t g_cache_kib;
static sqlite3 *g_admin;   /* kept open for the whole run */

static int sfail(sqlite3 *db, const char *op, int rc)
{
    fprintf(stderr, "sqlite: %s failed: %d (%s)\n", op, rc,
            db != NULL ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    return -1;
}

static int exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        fprintf(stderr, "sqlite: \"%s\" failed: %d (%s)\n", sql, rc, msg ? msg : "");
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

static int connect(sqlite3 **out)
{
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(g_path, &db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             NULL);
    if (rc != SQLITE_OK) {
        sfail(db, "sqlite3_open_v2", rc);
        sqlite3_close(db);
        return -1;
    }
    sqlite3_busy_timeout(db, 60000);
    char sql[128];
    snprintf(sql, sizeof sql, "PRAGMA cache_size=-%llu", (unsigned long long)g_cache_kib);
    if (exec(db, "PRAGMA synchronous=FULL") < 0 || exec(db, sql) < 0) {
        sqlite3_close(db);
        return -1;
    }
    *out = db;
    return 0;
}

static int sq_open(const char *dir, uint64_t cache_bytes)
{
    snprintf(g_path, sizeof g_path, "%s/bench.sqlite", dir);
    g_cache_kib = cache_bytes / 1024;
    if (connect(&g_admin) < 0)
        return -1;
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(g_admin, "PRAGMA journal_mode=WAL", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return sfail(g_admin, "prepare journal_mode", rc);
    rc = sqlite3_step(st);
    const char *mode = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
    bool wal = mode != NULL && strcmp(mode, "wal") == 0;
    sqlite3_finalize(st);
    if (!wal) {
        fprintf(stderr, "sqlite: could not switch to WAL mode\n");
        return -1;
    }
    if (exec(g_admin, "CREATE TABLE kv(k BLOB PRIMARY KEY, v BLOB NOT NULL) WITHOUT ROWID") < 0 ||
        exec(g_admin,
             "CREATE TABLE durable(k BLOB PRIMARY KEY, v BLOB NOT NULL) WITHOUT ROWID") < 0)
        return -1;
    return 0;
}

static int sq_close(void)
{
    int rc = sqlite3_close(g_admin);
    g_admin = NULL;
    if (rc != SQLITE_OK)
        return sfail(NULL, "sqlite3_close", rc);
    return 0;
}

typedef struct sq_thread {
    sqlite3 *db;
    sqlite3_stmt *ins_dur, *ins_kv, *get, *scan;
} sq_thread;

static void sq_thread_close(void *ctx)
{
    sq_thread *t = ctx;
    if (t == NULL)
        return;
    sqlite3_finalize(t->ins_dur);
    sqlite3_finalize(t->ins_kv);
    sqlite3_finalize(t->get);
    sqlite3_finalize(t->scan);
    sqlite3_close(t->db);
    free(t);
}

static int sq_thread_open(void **ctx)
{
    sq_thread *t = calloc(1, sizeof *t);
    if (t == NULL)
        return -1;
    if (connect(&t->db) < 0) {
        free(t);
        return -1;
    }
    static const char *const sql[4] = {
        "INSERT INTO durable(k, v) VALUES(?1, ?2)",
        "INSERT INTO kv(k, v) VALUES(?1, ?2)",
        "SELECT v FROM kv WHERE k = ?1",
        "SELECT k, v FROM kv",
    };
    sqlite3_stmt **dst[4] = { &t->ins_dur, &t->ins_kv, &t->get, &t->scan };
    for (int i = 0; i < 4; i++) {
        int rc = sqlite3_prepare_v2(t->db, sql[i], -1, dst[i], NULL);
        if (rc != SQLITE_OK) {
            sfail(t->db, sql[i], rc);
            sq_thread_close(t);
            return -1;
        }
    }
    *ctx = t;
    return 0;
}

/* Run an INSERT statement with key and value bound. */
static int insert(sqlite3 *db, sqlite3_stmt *st, const uint8_t *key, const uint8_t *val)
{
    sqlite3_bind_blob(st, 1, key, BENCH_KLEN, SQLITE_STATIC);
    sqlite3_bind_blob(st, 2, val, BENCH_VLEN, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sfail(db, "INSERT", rc);
    return 0;
}

static int sq_commit_one(void *ctx, const uint8_t *key, const uint8_t *val)
{
    sq_thread *t = ctx;
    return insert(t->db, t->ins_dur, key, val);   /* autocommit: one durable transaction */
}

/* SQLite refuses to change the safety level inside a transaction: it is
 * chosen here for the coming commit. */
static int sq_bulk_begin(void *ctx, bool durable)
{
    sq_thread *t = ctx;
    if (exec(t->db, durable ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL") < 0)
        return -1;
    return exec(t->db, "BEGIN");
}

static int sq_bulk_put(void *ctx, const uint8_t *key, const uint8_t *val)
{
    sq_thread *t = ctx;
    return insert(t->db, t->ins_kv, key, val);
}

static int sq_bulk_commit(void *ctx, bool durable)
{
    sq_thread *t = ctx;
    if (exec(t->db, "COMMIT") < 0)
        return -1;
    return durable ? 0 : exec(t->db, "PRAGMA synchronous=FULL");
}

static int sq_scan(void *ctx, uint64_t *rows)
{
    sq_thread *t = ctx;
    uint64_t n = 0;
    int rc;
    while ((rc = sqlite3_step(t->scan)) == SQLITE_ROW) {
        if (sqlite3_column_bytes(t->scan, 1) != (int)BENCH_VLEN ||
            sqlite3_column_blob(t->scan, 1) == NULL) {
            sqlite3_reset(t->scan);
            fprintf(stderr, "sqlite: scan: bad value\n");
            return -1;
        }
        n++;
    }
    sqlite3_reset(t->scan);
    if (rc != SQLITE_DONE)
        return sfail(t->db, "scan", rc);
    *rows = n;
    return 0;
}

static int sq_get(void *ctx, const uint8_t *key, uint8_t *val, size_t *vlen)
{
    sq_thread *t = ctx;
    sqlite3_bind_blob(t->get, 1, key, BENCH_KLEN, SQLITE_STATIC);
    int rc = sqlite3_step(t->get);
    int ret = 0;
    if (rc == SQLITE_ROW) {
        const void *p = sqlite3_column_blob(t->get, 0);
        int n = sqlite3_column_bytes(t->get, 0);
        *vlen = (size_t)n;
        memcpy(val, p, n < (int)BENCH_VLEN ? (size_t)n : BENCH_VLEN);
    } else if (rc == SQLITE_DONE) {
        ret = 1;
    } else {
        ret = sfail(t->db, "SELECT", rc);
    }
    sqlite3_reset(t->get);
    return ret;
}

const bench_engine bench_sqlite = {
    .name = "sqlite",
    .open = sq_open,
    .close = sq_close,
    .thread_open = sq_thread_open,
    .thread_close = sq_thread_close,
    .commit_one = sq_commit_one,
    .bulk_begin = sq_bulk_begin,
    .bulk_put = sq_bulk_put,
    .bulk_commit = sq_bulk_commit,
    .scan = sq_scan,
    .get = sq_get,
};
