/*
 * bench_isam.c: table-level throughput of jetdb (through esent.h only)
 * beside SQLite and LMDB on the same data in the same run.
 *
 *   bench_isam [--rows N] [--ops N] [--threads 1,4] [--dir DIR] [--engines LIST]
 *
 * --engines jetdb (or jetdb,LMDB ...) runs only those engines, e.g. to
 * profile jetdb alone; ratios are printed only when both engines ran.
 *
 * Data: rows (id, payload) with a 64-bit id and 100 incompressible bytes.
 *   jetdb:  table "t", columns id (LongLong, primary index) and payload
 *           (Binary); durable commits (the default).
 *   SQLite: WITHOUT ROWID-free "CREATE TABLE t(id INTEGER PRIMARY KEY,
 *           payload BLOB)", WAL, synchronous=FULL.
 *   LMDB:   one database, 8-byte big-endian keys, default (synced) commits.
 * Workloads, each with 1 and then 4 threads (threads work on disjoint ids):
 *   insert  rows in transactions of 1000, each commit durable
 *   lookup  random point reads (one per transaction / outside one)
 *   scan    random start, 100 rows forward
 *   update  random rows' payload replaced, transactions of 100, durable
 * Prints operations per second per engine and jetdb's ratio to each peer.
 */

#include <errno.h>
#include <esent.h>
#include <lmdb.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PAYLOAD 100u
#define BATCH_INSERT 1000u
#define BATCH_UPDATE 100u
#define SCAN_ROWS 100u
#define MAX_THREADS 16

static uint64_t g_rows = 200000;      /* rows loaded by the insert phase */
static uint64_t g_ops = 100000;       /* lookups / scans / updates per phase */
static char g_dir[3000];

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "bench_isam: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(1);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t mix(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static void payload(uint64_t id, uint64_t gen, uint8_t out[PAYLOAD])
{
    uint64_t s = id * 31 + gen;
    for (unsigned i = 0; i < PAYLOAD; i += 8) {
        uint64_t v = mix(&s);
        memcpy(out + i, &v, PAYLOAD - i < 8 ? PAYLOAD - i : 8);
    }
}

/* ---- engines --------------------------------------------------------------- */

typedef struct engine {
    const char *name;
    void (*open)(const char *dir);
    void (*close)(void);
    void *(*thread_open)(void);
    void (*thread_close)(void *ctx);
    void (*begin)(void *ctx);
    void (*commit)(void *ctx);
    void (*insert)(void *ctx, uint64_t id, const uint8_t *p);
    void (*update)(void *ctx, uint64_t id, const uint8_t *p);
    /* 1 when found (payload copied into p). */
    int (*lookup)(void *ctx, uint64_t id, uint8_t *p);
    /* Rows read (<= n) starting at the first id >= id. */
    unsigned (*scan)(void *ctx, uint64_t id, unsigned n);
} engine;

/* jetdb */
static JET_INSTANCE j_inst;
static char j_dbpath[3100];
static JET_COLUMNID j_col_id, j_col_payload;

#define JCALL(expr)                                                                      \
    do {                                                                                 \
        JET_ERR e_ = (expr);                                                             \
        if (e_ < 0)                                                                      \
            die("jetdb: %s failed with %d", #expr, (int)e_);                             \
    } while (0)

typedef struct jctx {
    JET_SESID ses;
    JET_DBID db;
    JET_TABLEID t;
} jctx;

static void j_open(const char *dir)
{
    char path[3100];
    snprintf(path, sizeof(path), "%s/", dir);
    JCALL(JetCreateInstanceA(&j_inst, "bench"));
    JCALL(JetSetSystemParameterA(&j_inst, 0, JET_paramLogFilePath, 0, path));
    JCALL(JetSetSystemParameterA(&j_inst, 0, JET_paramSystemPath, 0, path));
    JCALL(JetSetSystemParameterA(&j_inst, 0, JET_paramTempPath, 0, path));
    JCALL(JetSetSystemParameterA(&j_inst, 0, JET_paramCacheSizeMax, 16384, NULL));
    JCALL(JetSetSystemParameterA(&j_inst, 0, JET_paramMaxVerPages, 65536, NULL));
    JCALL(JetInit(&j_inst));
    JET_SESID ses;
    JET_DBID db;
    JCALL(JetBeginSessionA(j_inst, &ses, NULL, NULL));
    snprintf(j_dbpath, sizeof(j_dbpath), "%s/bench.edb", dir);
    JCALL(JetCreateDatabaseA(ses, j_dbpath, NULL, &db, 0));
    JET_COLUMNCREATE_A cols[2] = {
        {sizeof(JET_COLUMNCREATE_A), "id", JET_coltypLongLong, 0, JET_bitColumnNotNULL, NULL,
         0, 0, 0, 0},
        {sizeof(JET_COLUMNCREATE_A), "payload", JET_coltypBinary, 255, 0, NULL, 0, 0, 0, 0},
    };
    char key[] = "+id\0";
    JET_INDEXCREATE_A idx = {.cbStruct = sizeof(JET_INDEXCREATE_A), .szIndexName = "pk",
                             .szKey = key, .cbKey = sizeof(key), .grbit = JET_bitIndexPrimary,
                             .ulDensity = 100};
    JET_TABLECREATE_A tc = {sizeof(JET_TABLECREATE_A), "t", NULL, 16, 100, cols, 2, &idx, 1,
                            0, 0, 0};
    JCALL(JetCreateTableColumnIndexA(ses, db, &tc));
    j_col_id = cols[0].columnid;
    j_col_payload = cols[1].columnid;
    JCALL(JetCloseTable(ses, tc.tableid));
    JCALL(JetCloseDatabase(ses, db, 0));
    JCALL(JetEndSession(ses, 0));
}

static void j_close(void)
{
    JCALL(JetTerm(j_inst));
}

static void *j_thread_open(void)
{
    jctx *c = calloc(1, sizeof *c);
    if (c == NULL)
        die("out of memory");
    JCALL(JetBeginSessionA(j_inst, &c->ses, NULL, NULL));
    JCALL(JetOpenDatabaseA(c->ses, j_dbpath, NULL, &c->db, 0));
    JCALL(JetOpenTableA(c->ses, c->db, "t", NULL, 0, JET_bitTableUpdatable, &c->t));
    return c;
}

static void j_thread_close(void *p)
{
    jctx *c = p;
    JCALL(JetCloseTable(c->ses, c->t));
    JCALL(JetCloseDatabase(c->ses, c->db, 0));
    JCALL(JetEndSession(c->ses, 0));
    free(c);
}

static void j_begin(void *p)
{
    JCALL(JetBeginTransaction(((jctx *)p)->ses));
}

static void j_commit(void *p)
{
    JCALL(JetCommitTransaction(((jctx *)p)->ses, 0));
}

static void j_insert(void *p, uint64_t id, const uint8_t *pl)
{
    jctx *c = p;
    int64_t v = (int64_t)id;
    JCALL(JetPrepareUpdate(c->ses, c->t, JET_prepInsert));
    JCALL(JetSetColumn(c->ses, c->t, j_col_id, &v, sizeof(v), 0, NULL));
    JCALL(JetSetColumn(c->ses, c->t, j_col_payload, pl, PAYLOAD, 0, NULL));
    JCALL(JetUpdate(c->ses, c->t, NULL, 0, NULL));
}

static JET_ERR j_seek(jctx *c, uint64_t id, JET_GRBIT how)
{
    int64_t v = (int64_t)id;
    JCALL(JetMakeKey(c->ses, c->t, &v, sizeof(v), JET_bitNewKey));
    return JetSeek(c->ses, c->t, how);
}

static void j_update(void *p, uint64_t id, const uint8_t *pl)
{
    jctx *c = p;
    JCALL(j_seek(c, id, JET_bitSeekEQ));
    JCALL(JetPrepareUpdate(c->ses, c->t, JET_prepReplace));
    JCALL(JetSetColumn(c->ses, c->t, j_col_payload, pl, PAYLOAD, 0, NULL));
    JCALL(JetUpdate(c->ses, c->t, NULL, 0, NULL));
}

static int j_lookup(void *p, uint64_t id, uint8_t *pl)
{
    jctx *c = p;
    JET_ERR err = j_seek(c, id, JET_bitSeekEQ);
    if (err == JET_errRecordNotFound)
        return 0;
    JCALL(err);
    uint32_t got = 0;
    JCALL(JetRetrieveColumn(c->ses, c->t, j_col_payload, pl, PAYLOAD, &got, 0, NULL));
    return got == PAYLOAD;
}

static unsigned j_scan(void *p, uint64_t id, unsigned n)
{
    jctx *c = p;
    JET_ERR err = j_seek(c, id, JET_bitSeekGE);
    unsigned got = 0;
    while (err >= 0 && got < n) {
        uint8_t pl[PAYLOAD];
        uint32_t cb = 0;
        JCALL(JetRetrieveColumn(c->ses, c->t, j_col_payload, pl, PAYLOAD, &cb, 0, NULL));
        got++;
        err = JetMove(c->ses, c->t, JET_MoveNext, 0);
    }
    return got;
}

static const engine eng_jet = {"jetdb", j_open, j_close, j_thread_open, j_thread_close,
                               j_begin, j_commit, j_insert, j_update, j_lookup, j_scan};

/* SQLite */
static char s_path[3100];

typedef struct sctx {
    sqlite3 *db;
    sqlite3_stmt *ins, *upd, *get, *scan, *begin, *commit;
} sctx;

static void s_exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        die("sqlite: %s: %s", sql, msg ? msg : "?");
}

static void s_open(const char *dir)
{
    snprintf(s_path, sizeof(s_path), "%s/bench.sqlite", dir);
    sqlite3 *db;
    if (sqlite3_open(s_path, &db) != SQLITE_OK)
        die("sqlite: open %s", s_path);
    s_exec(db, "PRAGMA journal_mode=WAL");
    s_exec(db, "CREATE TABLE t(id INTEGER PRIMARY KEY, payload BLOB)");
    sqlite3_close(db);
}

static void s_close(void)
{
}

static sqlite3_stmt *s_prep(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        die("sqlite: prepare %s: %s", sql, sqlite3_errmsg(db));
    return st;
}

static void *s_thread_open(void)
{
    sctx *c = calloc(1, sizeof *c);
    if (c == NULL || sqlite3_open(s_path, &c->db) != SQLITE_OK)
        die("sqlite: open");
    sqlite3_busy_timeout(c->db, 60000);
    s_exec(c->db, "PRAGMA synchronous=FULL");
    s_exec(c->db, "PRAGMA cache_size=-65536");
    c->ins = s_prep(c->db, "INSERT INTO t VALUES(?, ?)");
    c->upd = s_prep(c->db, "UPDATE t SET payload=? WHERE id=?");
    c->get = s_prep(c->db, "SELECT payload FROM t WHERE id=?");
    c->scan = s_prep(c->db, "SELECT payload FROM t WHERE id>=? ORDER BY id LIMIT ?");
    c->begin = s_prep(c->db, "BEGIN IMMEDIATE");
    c->commit = s_prep(c->db, "COMMIT");
    return c;
}

static void s_thread_close(void *p)
{
    sctx *c = p;
    sqlite3_stmt *all[] = {c->ins, c->upd, c->get, c->scan, c->begin, c->commit};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        sqlite3_finalize(all[i]);
    sqlite3_close(c->db);
    free(c);
}

static void s_step_done(sqlite3 *db, sqlite3_stmt *st)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_BUSY)
        usleep(100);
    if (rc != SQLITE_DONE)
        die("sqlite: step: %s", sqlite3_errmsg(db));
    sqlite3_reset(st);
}

static void s_begin(void *p)
{
    sctx *c = p;
    s_step_done(c->db, c->begin);
}

static void s_commit(void *p)
{
    sctx *c = p;
    s_step_done(c->db, c->commit);
}

static void s_insert(void *p, uint64_t id, const uint8_t *pl)
{
    sctx *c = p;
    sqlite3_bind_int64(c->ins, 1, (sqlite3_int64)id);
    sqlite3_bind_blob(c->ins, 2, pl, PAYLOAD, SQLITE_STATIC);
    s_step_done(c->db, c->ins);
}

static void s_update(void *p, uint64_t id, const uint8_t *pl)
{
    sctx *c = p;
    sqlite3_bind_blob(c->upd, 1, pl, PAYLOAD, SQLITE_STATIC);
    sqlite3_bind_int64(c->upd, 2, (sqlite3_int64)id);
    s_step_done(c->db, c->upd);
}

static int s_lookup(void *p, uint64_t id, uint8_t *pl)
{
    sctx *c = p;
    sqlite3_bind_int64(c->get, 1, (sqlite3_int64)id);
    int rc = sqlite3_step(c->get);
    int found = 0;
    if (rc == SQLITE_ROW) {
        int n = sqlite3_column_bytes(c->get, 0);
        memcpy(pl, sqlite3_column_blob(c->get, 0), n < (int)PAYLOAD ? (size_t)n : PAYLOAD);
        found = n == (int)PAYLOAD;
    } else if (rc != SQLITE_DONE) {
        die("sqlite: lookup: %s", sqlite3_errmsg(c->db));
    }
    sqlite3_reset(c->get);
    return found;
}

static unsigned s_scan(void *p, uint64_t id, unsigned n)
{
    sctx *c = p;
    sqlite3_bind_int64(c->scan, 1, (sqlite3_int64)id);
    sqlite3_bind_int(c->scan, 2, (int)n);
    unsigned got = 0;
    uint8_t pl[PAYLOAD];
    int rc;
    while ((rc = sqlite3_step(c->scan)) == SQLITE_ROW) {
        memcpy(pl, sqlite3_column_blob(c->scan, 0), PAYLOAD);
        got++;
    }
    if (rc != SQLITE_DONE)
        die("sqlite: scan: %s", sqlite3_errmsg(c->db));
    sqlite3_reset(c->scan);
    return got;
}

static const engine eng_sqlite = {"SQLite", s_open, s_close, s_thread_open, s_thread_close,
                                  s_begin, s_commit, s_insert, s_update, s_lookup, s_scan};

/* LMDB */
static MDB_env *l_env;
static MDB_dbi l_dbi;

typedef struct lctx {
    MDB_txn *txn;       /* the open write transaction, or NULL */
    MDB_txn *rtxn;      /* a reset read transaction, renewed per read */
} lctx;

#define LCALL(expr)                                                                      \
    do {                                                                                 \
        int rc_ = (expr);                                                                \
        if (rc_ != 0)                                                                    \
            die("lmdb: %s: %s", #expr, mdb_strerror(rc_));                               \
    } while (0)

static void l_open(const char *dir)
{
    char path[3100];
    snprintf(path, sizeof(path), "%s/lmdb", dir);
    if (mkdir(path, 0755) != 0 && errno != EEXIST)
        die("mkdir %s", path);
    LCALL(mdb_env_create(&l_env));
    LCALL(mdb_env_set_mapsize(l_env, (size_t)8 << 30));
    LCALL(mdb_env_set_maxreaders(l_env, 64));
    LCALL(mdb_env_open(l_env, path, 0, 0644));
    MDB_txn *txn;
    LCALL(mdb_txn_begin(l_env, NULL, 0, &txn));
    LCALL(mdb_dbi_open(txn, NULL, 0, &l_dbi));
    LCALL(mdb_txn_commit(txn));
}

static void l_close(void)
{
    mdb_env_close(l_env);
}

static void *l_thread_open(void)
{
    lctx *c = calloc(1, sizeof *c);
    if (c == NULL)
        die("out of memory");
    LCALL(mdb_txn_begin(l_env, NULL, MDB_RDONLY, &c->rtxn));
    mdb_txn_reset(c->rtxn);
    return c;
}

static void l_thread_close(void *p)
{
    lctx *c = p;
    mdb_txn_abort(c->rtxn);
    free(c);
}

static void l_begin(void *p)
{
    lctx *c = p;
    LCALL(mdb_txn_begin(l_env, NULL, 0, &c->txn));
}

static void l_commit(void *p)
{
    lctx *c = p;
    LCALL(mdb_txn_commit(c->txn));
    c->txn = NULL;
}

static void l_key(uint64_t id, uint8_t k[8])
{
    for (int i = 7; i >= 0; i--, id >>= 8)
        k[i] = (uint8_t)id;
}

static void l_put(void *p, uint64_t id, const uint8_t *pl, unsigned flags)
{
    lctx *c = p;
    uint8_t k[8];
    l_key(id, k);
    MDB_val key = {8, k}, val = {PAYLOAD, (void *)pl};
    LCALL(mdb_put(c->txn, l_dbi, &key, &val, flags));
}

static void l_insert(void *p, uint64_t id, const uint8_t *pl)
{
    l_put(p, id, pl, MDB_NOOVERWRITE);
}

static void l_update(void *p, uint64_t id, const uint8_t *pl)
{
    l_put(p, id, pl, 0);
}

static int l_lookup(void *p, uint64_t id, uint8_t *pl)
{
    lctx *c = p;
    LCALL(mdb_txn_renew(c->rtxn));
    uint8_t k[8];
    l_key(id, k);
    MDB_val key = {8, k}, val;
    int rc = mdb_get(c->rtxn, l_dbi, &key, &val);
    int found = 0;
    if (rc == 0) {
        memcpy(pl, val.mv_data, val.mv_size < PAYLOAD ? val.mv_size : PAYLOAD);
        found = val.mv_size == PAYLOAD;
    } else if (rc != MDB_NOTFOUND) {
        die("lmdb: get: %s", mdb_strerror(rc));
    }
    mdb_txn_reset(c->rtxn);
    return found;
}

static unsigned l_scan(void *p, uint64_t id, unsigned n)
{
    lctx *c = p;
    LCALL(mdb_txn_renew(c->rtxn));
    MDB_cursor *cur;
    LCALL(mdb_cursor_open(c->rtxn, l_dbi, &cur));
    uint8_t k[8];
    l_key(id, k);
    MDB_val key = {8, k}, val;
    unsigned got = 0;
    uint8_t pl[PAYLOAD];
    int rc = mdb_cursor_get(cur, &key, &val, MDB_SET_RANGE);
    while (rc == 0 && got < n) {
        memcpy(pl, val.mv_data, PAYLOAD);
        got++;
        rc = mdb_cursor_get(cur, &key, &val, MDB_NEXT);
    }
    if (rc != 0 && rc != MDB_NOTFOUND)
        die("lmdb: scan: %s", mdb_strerror(rc));
    mdb_cursor_close(cur);
    mdb_txn_reset(c->rtxn);
    return got;
}

static const engine eng_lmdb = {"LMDB", l_open, l_close, l_thread_open, l_thread_close,
                                l_begin, l_commit, l_insert, l_update, l_lookup, l_scan};

/* ---- workloads --------------------------------------------------------------- */

enum { W_INSERT, W_LOOKUP, W_SCAN, W_UPDATE, W_COUNT };
static const char *const w_names[W_COUNT] = {"insert", "lookup", "scan", "update"};

typedef struct job {
    const engine *e;
    void *ctx;
    int work;
    unsigned thread, nthreads;
    uint64_t first, count;    /* insert: rows first..first+count (strided) */
    uint64_t ops;             /* other phases: operations of this thread */
    uint64_t done;            /* rows / operations done */
} job;

static pthread_mutex_t lmdb_writer = PTHREAD_MUTEX_INITIALIZER;

static void *run_job(void *p)
{
    job *j = p;
    const engine *e = j->e;
    bool serial_writer = e == &eng_lmdb;    /* LMDB: one writer at a time (its rule) */
    uint8_t pl[PAYLOAD];
    uint64_t seed = 1234567 + j->thread * 7919 + (uint64_t)j->work * 104729;
    if (j->work == W_INSERT || j->work == W_UPDATE) {
        uint64_t n = j->work == W_INSERT ? j->count : j->ops;
        unsigned batch = j->work == W_INSERT ? BATCH_INSERT : BATCH_UPDATE;
        for (uint64_t i = 0; i < n;) {
            if (serial_writer)
                pthread_mutex_lock(&lmdb_writer);
            e->begin(j->ctx);
            for (unsigned b = 0; b < batch && i < n; b++, i++) {
                uint64_t id;
                if (j->work == W_INSERT) {
                    id = (j->first + i) * j->nthreads + j->thread;
                    payload(id, 0, pl);
                    e->insert(j->ctx, id, pl);
                } else {
                    /* ids of this thread only: no two threads touch a row */
                    id = (mix(&seed) % (g_rows / j->nthreads)) * j->nthreads + j->thread;
                    payload(id, i + 1, pl);
                    e->update(j->ctx, id, pl);
                }
            }
            e->commit(j->ctx);
            if (serial_writer)
                pthread_mutex_unlock(&lmdb_writer);
        }
        j->done = n;
    } else {
        for (uint64_t i = 0; i < j->ops; i++) {
            uint64_t id = mix(&seed) % g_rows;
            if (j->work == W_LOOKUP) {
                if (!e->lookup(j->ctx, id, pl))
                    die("%s: row %llu missing", e->name, (unsigned long long)id);
            } else {
                e->scan(j->ctx, id, SCAN_ROWS);
            }
        }
        j->done = j->ops;
    }
    return NULL;
}

/* ops/s of one phase with n threads (each thread with its own context). */
static double phase(const engine *e, void **ctx, int work, unsigned n)
{
    job jobs[MAX_THREADS];
    pthread_t th[MAX_THREADS];
    for (unsigned t = 0; t < n; t++) {
        jobs[t] = (job){.e = e, .ctx = ctx[t], .work = work, .thread = t, .nthreads = n,
                        .first = 0, .count = g_rows / n, .ops = g_ops / n};
    }
    double t0 = now();
    for (unsigned t = 0; t < n; t++)
        if (pthread_create(&th[t], NULL, run_job, &jobs[t]) != 0)
            die("pthread_create");
    uint64_t total = 0;
    for (unsigned t = 0; t < n; t++) {
        pthread_join(th[t], NULL);
        total += jobs[t].done;
    }
    return (double)total / (now() - t0);
}

/* Every phase for one engine and thread count; fresh store each time. */
static void run_engine(const engine *e, unsigned n, double out[W_COUNT])
{
    char dir[3100];
    snprintf(dir, sizeof(dir), "%s/%s-%u", g_dir, e->name, n);
    char cmd[3300];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s' && mkdir -p '%s'", dir, dir);
    if (system(cmd) != 0)
        die("cannot prepare %s", dir);
    e->open(dir);
    void *ctx[MAX_THREADS];
    for (unsigned t = 0; t < n; t++)
        ctx[t] = e->thread_open();
    for (int w = 0; w < W_COUNT; w++)
        out[w] = phase(e, ctx, w, n);
    for (unsigned t = 0; t < n; t++)
        e->thread_close(ctx[t]);
    e->close();
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        die("cannot remove %s", dir);
}

int main(int argc, char **argv)
{
    unsigned threads[4] = {1, 4};
    unsigned nthr = 2;
    const char *only = NULL;
    snprintf(g_dir, sizeof(g_dir), "%s", "bench-isam-data");
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--rows") && i + 1 < argc)
            g_rows = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--ops") && i + 1 < argc)
            g_ops = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--dir") && i + 1 < argc)
            snprintf(g_dir, sizeof(g_dir), "%s", argv[++i]);
        else if (!strcmp(argv[i], "--engines") && i + 1 < argc)
            only = argv[++i];
        else if (!strcmp(argv[i], "--threads") && i + 1 < argc) {
            nthr = 0;
            for (char *s = strtok(argv[++i], ","); s != NULL && nthr < 4; s = strtok(NULL, ","))
                threads[nthr++] = (unsigned)atoi(s);
        } else {
            fprintf(stderr, "usage: bench_isam [--rows N] [--ops N] [--threads 1,4] [--dir DIR]\n"
                            "                  [--engines jetdb,SQLite,LMDB]\n");
            return 2;
        }
    }
    for (unsigned i = 0; i < nthr; i++)
        if (threads[i] < 1 || threads[i] > MAX_THREADS)
            die("threads must be 1..%d", MAX_THREADS);
    if (mkdir(g_dir, 0755) != 0 && errno != EEXIST)
        die("mkdir %s", g_dir);
    printf("bench_isam: %llu rows of %u bytes, %llu operations per phase, data in %s\n",
           (unsigned long long)g_rows, PAYLOAD, (unsigned long long)g_ops, g_dir);
    const engine *engines[3] = {&eng_jet, &eng_sqlite, &eng_lmdb};
    bool run[3];
    for (int e = 0; e < 3; e++) {
        run[e] = true;
        if (only != NULL) {
            size_t n = strlen(engines[e]->name);
            const char *p = only;
            run[e] = false;
            while ((p = strstr(p, engines[e]->name)) != NULL) {
                if ((p == only || p[-1] == ',') && (p[n] == '\0' || p[n] == ','))
                    run[e] = true;
                p += n;
            }
        }
    }
    for (unsigned ti = 0; ti < nthr; ti++) {
        unsigned n = threads[ti];
        double r[3][W_COUNT] = {{0}};
        for (int e = 0; e < 3; e++)
            if (run[e])
                run_engine(engines[e], n, r[e]);
        printf("\n%u thread%s          jetdb/s      SQLite/s        LMDB/s   vs SQLite  vs LMDB\n",
               n, n == 1 ? " " : "s");
        for (int w = 0; w < W_COUNT; w++) {
            printf("  %-8s %14.0f %13.0f %13.0f", w_names[w], r[0][w], r[1][w], r[2][w]);
            if (run[0] && run[1])
                printf(" %10.2fx", r[0][w] / r[1][w]);
            else
                printf(" %11s", "-");
            if (run[0] && run[2])
                printf(" %8.2fx", r[0][w] / r[2][w]);
            else
                printf(" %9s", "-");
            printf("\n");
        }
    }
    return 0;
}
