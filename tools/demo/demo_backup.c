/*
 * demo_backup.c: the README's main job (./demo.sh) — jetdb's online backup
 * and restore, end to end, on an embedded default (every folder under one
 * temporary folder):
 *
 *   1. create an instance and a database (live/), preload it;
 *   2. start writer threads, each committing durable transactions of a few
 *      rows (every row says which thread, transaction and row it is);
 *   3. take a full backup with JetBackupInstance while they write (backup/);
 *   4. more writes, then an incremental backup (JetBackupInstance with
 *      JET_bitBackupIncremental), still while they write;
 *   5. stop the writers, terminate the instance;
 *   6. restore the backup folder into a new folder with JetRestoreInstance
 *      (restored/);
 *   7. check the backup with `jetutil verify-backup` and the restored
 *      database's header with `jetutil /mh`;
 *   8. attach the restored database and read every row: each row committed
 *      before the incremental backup began must be there, with its value;
 *      no transaction may be half present (per thread, the transactions
 *      present are exactly a prefix of the ones it committed).
 *
 * API: everything goes through the public API (esent.h: instances,
 * sessions, JetCreateDatabase / JetAttachDatabase, JetBackupInstance,
 * JetRestoreInstance, JetTerm) EXCEPT the writes and reads of rows: jetdb
 * has no table-level ISAM API yet (JetCreateTable, JetSetColumn, ...), so
 * rows are written and read through the storage core's internal API on the
 * store of the opened database (st_tree_create, txn_begin, bt_insert,
 * txn_commit, bt_cursor_*), exactly as tests/core does.  This program
 * therefore links the static library (jetdb_static), which exposes those
 * hidden functions; it switches to tables and columns once the ISAM layer
 * lands.
 *
 * Usage: demo_backup [--dir DIR] [--keep] [--small] [--threads N]
 *                    [--seconds S] [--preload-mb N] [--jetutil PATH]
 * Exit status 0 when every check passed, 1 otherwise.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "esent.h"
#include "jetdb.h"

/* The storage core's internal API (see the header comment). */
#include "btree/btree.h"
#include "db/db.h"
#include "inst/inst.h"
#include "store/store.h"
#include "txn/txn.h"

#define MAX_WRITERS 32
#define PRELOAD_ID 99          /* the "thread" number of preloaded rows */
#define KEY_LEN 15             /* "w" + 2 digits thread + 9 digits txn + 3 digits row */
#define KEY_BUF 48
#define VAL_LEN 100
#define PRELOAD_TXN_ROWS 500u   /* < 1000: the row number has 3 digits */

/* ---- options ------------------------------------------------------------------ */

static struct {
    char dir[512];
    bool keep, user_dir;
    unsigned threads;
    unsigned rows_per_txn;
    double seconds;            /* length of each write phase */
    unsigned preload_mb;
    unsigned log_kb;           /* JET_paramLogFileSize */
    char jetutil[1024];
} opt = {"", false, false, 4, 10, 2.0, 32, 1024, ""};

static void usage(FILE *f)
{
    fprintf(f,
            "Usage: demo_backup [--dir DIR] [--keep] [--small] [--threads N] [--seconds S]\n"
            "                   [--preload-mb N] [--rows-per-txn N] [--jetutil PATH]\n"
            "Runs jetdb's online backup + restore scenario in DIR (default: a new folder\n"
            "under $TMPDIR or /tmp); its live/, backup/ and restored/ folders are removed at\n"
            "the end unless --keep.  --small: a quick run\n"
            "(3 threads, 0.4 s phases, 2 MiB preload) for the test suite.\n");
}

/* ---- small helpers -------------------------------------------------------------- */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_s(double s)
{
    struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

static bool g_failed;

/* A failed check: print it, remember it. */
static void failf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void failf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "demo: FAILED: ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    g_failed = true;
}

/* Abort on an API error (the scenario cannot go on). */
#define CHECK(expr)                                                                     \
    do {                                                                                \
        JET_ERR check_err_ = (expr);                                                    \
        if (check_err_ < 0) {                                                           \
            fprintf(stderr, "demo: %s failed with error %d (line %d)\n", #expr,        \
                    (int)check_err_, __LINE__);                                         \
            exit(1);                                                                    \
        }                                                                               \
    } while (0)

static double mib(uint64_t b)
{
    return (double)b / (1024.0 * 1024.0);
}

/* Total size of the regular files under a folder (recursive). */
static uint64_t g_du;
static int du_cb(const char *p, const struct stat *st, int type, struct FTW *f)
{
    (void)p;
    (void)f;
    if (type == FTW_F)
        g_du += (uint64_t)st->st_size;
    return 0;
}
static uint64_t dir_bytes(const char *dir)
{
    g_du = 0;
    (void)nftw(dir, du_cb, 16, FTW_PHYS);
    return g_du;
}

/* Number of files in a folder whose name ends with suffix. */
static unsigned count_files(const char *dir, const char *suffix)
{
    unsigned n = 0;
    DIR *d = opendir(dir);
    if (d == NULL)
        return 0;
    struct dirent *e;
    size_t sl = strlen(suffix);
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (l > sl && strcmp(e->d_name + l - sl, suffix) == 0)
            n++;
    }
    closedir(d);
    return n;
}

static int rm_cb(const char *p, const struct stat *st, int type, struct FTW *f)
{
    (void)st;
    (void)f;
    return type == FTW_DP ? rmdir(p) : unlink(p);
}

/* A folder with a trailing '/' (the engine's folder parameters). */
static void folder(char *buf, size_t cb, const char *a, const char *b)
{
    snprintf(buf, cb, "%s/%s/", a, b);
}

/* Run argv, capture stdout+stderr (malloc'd, NUL-terminated); returns the
 * exit status (-1 when it could not run). */
static int run_capture(char *const argv[], char **out)
{
    *out = NULL;
    int pfd[2];
    if (pipe(pfd) != 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        dup2(pfd[1], STDOUT_FILENO);
        dup2(pfd[1], STDERR_FILENO);
        close(pfd[0]);
        close(pfd[1]);
        execv(argv[0], argv);
        fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(pfd[1]);
    size_t len = 0, cap = 65536;
    char *buf = malloc(cap);
    for (;;) {
        if (buf != NULL && len + 4096 >= cap) {
            char *nb = realloc(buf, cap * 2);
            if (nb == NULL) {
                free(buf);
                buf = NULL;
            } else {
                buf = nb;
                cap *= 2;
            }
        }
        char tmp[4096];
        ssize_t r = read(pfd[0], buf ? buf + len : tmp, 4096);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        if (buf != NULL)
            len += (size_t)r;
    }
    close(pfd[0]);
    if (buf != NULL)
        buf[len] = '\0';
    *out = buf;
    int st;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The value after "label: " on the first line whose label (after leading
 * blanks) is exactly label; copied into val. */
static bool field(const char *text, const char *label, char *val, size_t cb)
{
    size_t ll = strlen(label);
    for (const char *p = text; p != NULL && *p != '\0';) {
        const char *s = p;
        while (*s == ' ')
            s++;
        const char *eol = strchr(p, '\n');
        if (strncmp(s, label, ll) == 0 && s[ll] == ':') {
            const char *v = s + ll + 1;
            while (*v == ' ')
                v++;
            size_t n = eol ? (size_t)(eol - v) : strlen(v);
            if (n >= cb)
                n = cb - 1;
            memcpy(val, v, n);
            val[n] = '\0';
            return true;
        }
        p = eol ? eol + 1 : NULL;
    }
    return false;
}

/* ---- rows --------------------------------------------------------------------------- */

static void make_key(unsigned thread, uint64_t txn_no, unsigned row, char key[KEY_BUF])
{
    snprintf(key, KEY_BUF, "w%02u%09llu%03u", thread % 100,
             (unsigned long long)(txn_no % 1000000000ull), row % 1000);
}

/* The value of a row: readable, and derived from its key only. */
static void make_value(const char *key, char val[VAL_LEN])
{
    uint64_t h = 1469598103934665603ull;
    for (int i = 0; i < KEY_LEN; i++)
        h = (h ^ (uint8_t)key[i]) * 1099511628211ull;
    int n = snprintf(val, VAL_LEN, "row %.15s committed by a demo writer; ", key);
    for (int i = n; i < VAL_LEN; i++) {
        val[i] = (char)('a' + (h % 26));
        h = h * 6364136223846793005ull + 1442695040888963407ull;
    }
}

/* ---- the live instance ------------------------------------------------------------------ */

typedef struct live {
    JET_INSTANCE inst;
    JET_SESID ses;
    JET_DBID dbid;
    db *d;
    st_db *st;
    struct log *log;
    uint32_t objid;
    char dbpath[700];
} live;

/* Set the parameters of an instance whose folders are all dir/ and start
 * nothing yet. */
static void instance_params(JET_INSTANCE *in, const char *dir)
{
    CHECK(JetSetSystemParameterA(in, 0, JET_paramSystemPath, 0, dir));
    CHECK(JetSetSystemParameterA(in, 0, JET_paramLogFilePath, 0, dir));
    CHECK(JetSetSystemParameterA(in, 0, JET_paramTempPath, 0, dir));
    CHECK(JetSetSystemParameterA(in, 0, JET_paramCreatePathIfNotExist, 1, NULL));
    CHECK(JetSetSystemParameterA(in, 0, JET_paramMaxSessions, 64, NULL));
    CHECK(JetSetSystemParameterA(in, 0, JET_paramLogFileSize, opt.log_kb, NULL));
}

/* The store of an opened database (internal API). */
static void pin_store(live *l)
{
    sess *s;
    CHECK(sess_acquire(l->ses, &s));
    JET_ERR err = db_pin_opened(s, l->dbid, &l->d);
    l->log = s->owner->log;
    sess_release(s);
    CHECK(err);
    l->st = l->d->store;
    if (l->st == NULL) {
        fprintf(stderr, "demo: the database has no store\n");
        exit(1);
    }
}

/* Start an instance on dir and create (or attach + open) dir/demo.edb. */
static void live_open(live *l, const char *dir, const char *name, bool create)
{
    memset(l, 0, sizeof *l);
    snprintf(l->dbpath, sizeof l->dbpath, "%sdemo.edb", dir);
    CHECK(JetCreateInstanceA(&l->inst, name));
    instance_params(&l->inst, dir);
    CHECK(JetInit(&l->inst));
    CHECK(JetBeginSessionA(l->inst, &l->ses, NULL, NULL));
    if (create) {
        CHECK(JetCreateDatabaseA(l->ses, l->dbpath, NULL, &l->dbid, 0));
    } else {
        CHECK(JetAttachDatabaseA(l->ses, l->dbpath, 0));
        CHECK(JetOpenDatabaseA(l->ses, l->dbpath, NULL, &l->dbid, 0));
    }
    pin_store(l);
}

static void live_close(live *l)
{
    db_unpin(l->d);
    l->d = NULL;
    l->st = NULL;
    CHECK(JetCloseDatabase(l->ses, l->dbid, 0));
    CHECK(JetEndSession(l->ses, 0));
    CHECK(JetTerm(l->inst));
}

/* One transaction: rows [0, nrows) of (thread, txn); durable commit. */
static JET_ERR write_txn(live *l, bt_tree *t, unsigned thread, uint64_t txn_no, unsigned nrows,
                         bool lazy)
{
    txn *x;
    JET_ERR err = txn_begin(l->log, &x);
    if (err < 0)
        return err;
    for (unsigned r = 0; r < nrows && err >= 0; r++) {
        char key[KEY_BUF], val[VAL_LEN];
        make_key(thread, txn_no, r, key);
        make_value(key, val);
        err = bt_insert(t, txn_id(x), key, KEY_LEN, val, VAL_LEN);
    }
    if (err < 0) {
        (void)txn_rollback(x, st_undo_lookup);
        return err;
    }
    return txn_commit(x, lazy, NULL);
}

/* ---- writers ------------------------------------------------------------------------- */

static live g_live;
static atomic_int g_stop;
static atomic_ullong g_committed[MAX_WRITERS];   /* transactions acknowledged */
static atomic_int g_writer_err;

static void *writer(void *arg)
{
    unsigned id = (unsigned)(uintptr_t)arg;
    bt_tree *t;
    JET_ERR err = st_tree_open(g_live.st, g_live.objid, &t);
    for (uint64_t n = 0; err >= 0 && !atomic_load(&g_stop); n++) {
        err = write_txn(&g_live, t, id, n, opt.rows_per_txn, false);
        if (err >= 0)
            atomic_store(&g_committed[id], n + 1);   /* durable: commit returned */
    }
    if (err < 0)
        atomic_store(&g_writer_err, err);
    return NULL;
}

static uint64_t committed_total(void)
{
    uint64_t s = 0;
    for (unsigned i = 0; i < opt.threads; i++)
        s += atomic_load(&g_committed[i]);
    return s;
}

/* ---- the check of the restored database ----------------------------------------------------- */

typedef struct thread_rows {
    uint64_t ntxn;             /* transactions tracked (array size) */
    uint16_t *rows;            /* rows found per transaction */
    uint64_t beyond;           /* rows of transactions past ntxn */
} thread_rows;

/* Read every row of the restored database; check values and transactions. */
static void check_restored(const char *dir, const uint64_t *before_incr, const uint64_t *final,
                           uint64_t preload_txns, uint64_t *present_txn, uint64_t *later_txn,
                           uint64_t *rows_read)
{
    live l;
    live_open(&l, dir, "demo-check", false);
    l.objid = g_live.objid;
    bt_tree *t;
    CHECK(st_tree_open(l.st, l.objid, &t));
    thread_rows tr[MAX_WRITERS + 1];
    memset(tr, 0, sizeof tr);
    for (unsigned i = 0; i <= opt.threads; i++) {
        tr[i].ntxn = i < opt.threads ? final[i] + 1 : preload_txns;
        tr[i].rows = calloc(tr[i].ntxn + 1, sizeof *tr[i].rows);
        if (tr[i].rows == NULL)
            exit(1);
    }
    bt_cursor *c;
    CHECK(bt_cursor_open(t, &c));
    JET_ERR err = bt_cursor_first(c);
    uint64_t n = 0, bad = 0;
    while (err >= 0) {
        char key[KEY_BUF], val[VAL_LEN + 8], want[VAL_LEN];
        size_t kl = 0, vl = 0;
        CHECK(bt_cursor_key(c, key, sizeof key, &kl));
        CHECK(bt_cursor_value(c, 0, val, sizeof val, &vl));
        n++;
        unsigned th = 0, row = 0;
        unsigned long long tx = 0;
        key[kl < sizeof key ? kl : sizeof key - 1] = '\0';
        if (kl != KEY_LEN || sscanf(key, "w%2u%9llu%3u", &th, &tx, &row) != 3 ||
            (th >= opt.threads && th != PRELOAD_ID)) {
            if (bad++ < 5)
                failf("unexpected key '%s' in the restored database", key);
        } else {
            make_value(key, want);
            if (vl != VAL_LEN || memcmp(val, want, VAL_LEN) != 0) {
                if (bad++ < 5)
                    failf("row %s has a wrong value", key);
            }
            thread_rows *r = &tr[th == PRELOAD_ID ? opt.threads : th];
            if (tx < r->ntxn)
                r->rows[tx]++;
            else
                r->beyond++;
        }
        err = bt_cursor_next(c);
    }
    if (err != JET_errNoCurrentRecord)
        failf("reading the restored database: error %d", (int)err);
    bt_cursor_close(c);
    *rows_read = n;
    *present_txn = 0;
    *later_txn = 0;
    for (unsigned i = 0; i <= opt.threads; i++) {
        thread_rows *r = &tr[i];
        bool preload = i == opt.threads;
        unsigned want_rows = preload ? PRELOAD_TXN_ROWS : opt.rows_per_txn;
        uint64_t must = preload ? preload_txns : before_incr[i];
        uint64_t prefix = 0;
        while (prefix < r->ntxn && r->rows[prefix] != 0)
            prefix++;
        unsigned reported = 0;
        for (uint64_t x = 0; x < r->ntxn && reported < 5; x++) {
            if (r->rows[x] != 0 && r->rows[x] != want_rows)
                reported++, failf("thread %u transaction %llu is half present: %u of its %u rows", i,
                      (unsigned long long)x, r->rows[x], want_rows);
            else if (x >= prefix && r->rows[x] != 0)
                reported++, failf("thread %u: transaction %llu is present but %llu is not", i,
                      (unsigned long long)x, (unsigned long long)prefix);
        }
        if (r->beyond != 0)
            failf("thread %u: rows of transactions it never committed", i);
        if (prefix < must)
            failf("%s: only %llu of the %llu transactions committed before the incremental "
                  "backup began are present",
                  preload ? "preload" : "writer", (unsigned long long)prefix,
                  (unsigned long long)must);
        if (!preload && prefix > final[i])
            failf("writer %u: more transactions than it committed", i);
        *present_txn += prefix;
        if (prefix > must)
            *later_txn += prefix - must;
        free(r->rows);
    }
    if (bad > 5)
        failf("%llu bad rows in all", (unsigned long long)bad);
    live_close(&l);
}

/* ---- main ----------------------------------------------------------------------------------- */

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--keep") == 0) {
            opt.keep = true;
        } else if (strcmp(a, "--small") == 0) {
            opt.threads = 3;
            opt.seconds = 0.4;
            opt.preload_mb = 2;
            opt.log_kb = 256;
        } else if (v != NULL && strcmp(a, "--dir") == 0) {
            snprintf(opt.dir, sizeof opt.dir, "%s", v);
            opt.user_dir = true;
            i++;
        } else if (v != NULL && strcmp(a, "--threads") == 0) {
            opt.threads = (unsigned)atoi(v);
            i++;
        } else if (v != NULL && strcmp(a, "--seconds") == 0) {
            opt.seconds = atof(v);
            i++;
        } else if (v != NULL && strcmp(a, "--preload-mb") == 0) {
            opt.preload_mb = (unsigned)atoi(v);
            i++;
        } else if (v != NULL && strcmp(a, "--rows-per-txn") == 0) {
            opt.rows_per_txn = (unsigned)atoi(v);
            i++;
        } else if (v != NULL && strcmp(a, "--jetutil") == 0) {
            snprintf(opt.jetutil, sizeof opt.jetutil, "%s", v);
            i++;
        } else {
            usage(stderr);
            return 2;
        }
    }
    if (opt.threads < 1 || opt.threads > MAX_WRITERS || opt.rows_per_txn < 1 ||
        opt.rows_per_txn > 999 || opt.seconds <= 0) {
        usage(stderr);
        return 2;
    }
    /* jetutil: next to this program's build folder by default. */
    if (opt.jetutil[0] == '\0') {
        char self[900];
        ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
        if (n > 0) {
            self[n] = '\0';
            snprintf(opt.jetutil, sizeof opt.jetutil, "%s/../jetutil/jetutil", dirname(self));
        }
    }
    if (access(opt.jetutil, X_OK) != 0) {
        fprintf(stderr, "demo: jetutil not found at '%s' (use --jetutil PATH)\n", opt.jetutil);
        return 2;
    }
    if (!opt.user_dir) {
        const char *tmp = getenv("TMPDIR");
        snprintf(opt.dir, sizeof opt.dir, "%s/jetdb-demo.XXXXXX", tmp && *tmp ? tmp : "/tmp");
        if (mkdtemp(opt.dir) == NULL) {
            fprintf(stderr, "demo: cannot create a folder in %s: %s\n", opt.dir, strerror(errno));
            return 1;
        }
    } else if (mkdir(opt.dir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "demo: cannot create %s: %s\n", opt.dir, strerror(errno));
        return 1;
    }
    char live_dir[600], bk_dir[600], rst_dir[600], rst_folder[600];
    folder(live_dir, sizeof live_dir, opt.dir, "live");
    snprintf(bk_dir, sizeof bk_dir, "%s/backup", opt.dir);
    snprintf(rst_dir, sizeof rst_dir, "%s/restored", opt.dir);
    folder(rst_folder, sizeof rst_folder, opt.dir, "restored");
    if (count_files(bk_dir, "") != 0 || count_files(rst_dir, "") != 0 ||
        count_files(live_dir, "") != 0) {
        fprintf(stderr, "demo: %s already holds a demo run: use another --dir\n", opt.dir);
        return 1;
    }
    JetDbSetEventCallback(NULL, NULL, JETDB_bitEventNoSyslog);
    printf("jetdb demo: online backup and restore, in %s\n", opt.dir);

    /* 1. Instance, database, preload. */
    double t0 = now_s();
    live_open(&g_live, live_dir, "demo", true);
    {
        txn *x;
        CHECK(txn_begin(g_live.log, &x));
        CHECK(st_tree_create(g_live.st, txn_id(x), &g_live.objid));
        CHECK(txn_commit(x, false, NULL));
    }
    uint64_t preload_rows = (uint64_t)opt.preload_mb * 1024 * 1024 / (KEY_LEN + VAL_LEN + 20);
    uint64_t preload_txns = (preload_rows + PRELOAD_TXN_ROWS - 1) / PRELOAD_TXN_ROWS;
    {
        bt_tree *t;
        CHECK(st_tree_open(g_live.st, g_live.objid, &t));
        for (uint64_t x = 0; x < preload_txns; x++)
            CHECK(write_txn(&g_live, t, PRELOAD_ID, x, PRELOAD_TXN_ROWS, x + 1 < preload_txns));
    }
    double t_load = now_s() - t0;
    struct stat ls;
    printf("  create   live/demo.edb: %llu rows preloaded in %.2f s (database %.1f MiB)\n",
           (unsigned long long)(preload_txns * PRELOAD_TXN_ROWS), t_load,
           mib(stat(g_live.dbpath, &ls) == 0 ? (uint64_t)ls.st_size : 0));

    /* 2. Writers. */
    pthread_t th[MAX_WRITERS];
    atomic_store(&g_stop, 0);
    double tw0 = now_s();
    for (unsigned i = 0; i < opt.threads; i++)
        if (pthread_create(&th[i], NULL, writer, (void *)(uintptr_t)i) != 0) {
            fprintf(stderr, "demo: pthread_create failed\n");
            return 1;
        }
    printf("  write    %u writer threads commit durable transactions of %u rows each\n",
           opt.threads, opt.rows_per_txn);
    sleep_s(opt.seconds);

    /* 3. Full backup while they write. */
    uint64_t c_full0 = committed_total();
    double tb0 = now_s();
    CHECK(JetBackupInstanceA(g_live.inst, bk_dir, 0, NULL));
    double t_full = now_s() - tb0;
    uint64_t c_full1 = committed_total();
    uint64_t full_bytes = dir_bytes(bk_dir);
    unsigned full_logs = count_files(bk_dir, ".log");
    printf("  full     JetBackupInstance -> backup/ while they write: %.1f MiB (1 database + "
           "%u logs) in %.2f s, %.0f MiB/s; %llu commits meanwhile\n",
           mib(full_bytes), full_logs, t_full, t_full > 0 ? mib(full_bytes) / t_full : 0.0,
           (unsigned long long)(c_full1 - c_full0));

    /* 4. More writes, then the incremental (the snapshot of what is
     * acknowledged is taken before it begins). */
    sleep_s(opt.seconds);
    uint64_t before_incr[MAX_WRITERS];
    for (unsigned i = 0; i < opt.threads; i++)
        before_incr[i] = atomic_load(&g_committed[i]);
    uint64_t c_inc0 = committed_total();
    printf("  more     %.1f s more writes: %llu transactions committed so far\n", opt.seconds,
           (unsigned long long)c_inc0);
    double ti0 = now_s();
    CHECK(JetBackupInstanceA(g_live.inst, bk_dir, JET_bitBackupIncremental, NULL));
    double t_inc = now_s() - ti0;
    uint64_t c_inc1 = committed_total();
    uint64_t inc_bytes = dir_bytes(bk_dir) - full_bytes;
    unsigned inc_logs = count_files(bk_dir, ".log") - full_logs;
    printf("  incr     incremental JetBackupInstance -> backup/: %u logs, %.1f MiB in %.2f s; "
           "%llu commits meanwhile\n",
           inc_logs, mib(inc_bytes), t_inc, (unsigned long long)(c_inc1 - c_inc0));

    /* 5. Stop. */
    sleep_s(opt.seconds / 4);
    atomic_store(&g_stop, 1);
    for (unsigned i = 0; i < opt.threads; i++)
        pthread_join(th[i], NULL);
    double t_writes = now_s() - tw0;
    if (atomic_load(&g_writer_err) < 0) {
        fprintf(stderr, "demo: a writer failed with error %d\n", atomic_load(&g_writer_err));
        return 1;
    }
    uint64_t final[MAX_WRITERS];
    for (unsigned i = 0; i < opt.threads; i++)
        final[i] = atomic_load(&g_committed[i]);
    uint64_t total = committed_total();
    live_close(&g_live);
    printf("  stop     writers stopped: %llu transactions (%llu rows) in %.1f s, %.0f "
           "commits/s; instance terminated\n",
           (unsigned long long)total, (unsigned long long)(total * opt.rows_per_txn), t_writes,
           (double)total / t_writes);

    /* 6. Restore into a new folder (public API). */
    JET_INSTANCE ri = 0;
    CHECK(JetCreateInstanceA(&ri, "demo-restore"));
    instance_params(&ri, rst_folder);
    uint64_t bk_bytes = dir_bytes(bk_dir);
    double tr0 = now_s();
    CHECK(JetRestoreInstanceA(ri, bk_dir, rst_dir, NULL));
    double t_rst = now_s() - tr0;
    CHECK(JetTerm(ri));
    char rdb[700];
    snprintf(rdb, sizeof rdb, "%s/demo.edb", rst_dir);
    struct stat rs;
    uint64_t rdb_bytes = stat(rdb, &rs) == 0 ? (uint64_t)rs.st_size : 0;
    printf("  restore  JetRestoreInstance backup/ -> restored/: %.1f MiB in %.2f s, %.0f MiB/s "
           "(database %.1f MiB)\n",
           mib(bk_bytes), t_rst, t_rst > 0 ? mib(bk_bytes) / t_rst : 0.0, mib(rdb_bytes));

    /* 7. jetutil verify-backup and /mh. */
    char *out = NULL, v1[256], v2[256], v3[256];
    char *vb_argv[] = {opt.jetutil, "verify-backup", bk_dir, "--no-progress", NULL};
    int rc = run_capture(vb_argv, &out);
    if (rc != 0 || out == NULL || strstr(out, "The backup is complete and consistent") == NULL) {
        failf("jetutil verify-backup %s: exit %d\n%s", bk_dir, rc, out ? out : "");
    } else {
        char v4[256];
        bool a = field(out, "bytes checked", v1, sizeof v1);
        bool b = field(out, "MiB/s", v2, sizeof v2);
        bool c = field(out, "last generation", v3, sizeof v3);
        bool d = field(out, "first generation", v4, sizeof v4);
        printf("  verify   jetutil verify-backup backup/: complete and consistent; %.1f MiB "
               "checked at %.0f MiB/s, logs %s-%s\n",
               a ? mib(strtoull(v1, NULL, 10)) : 0.0, b ? atof(v2) : 0.0, d ? v4 : "?",
               c ? v3 : "?");
    }
    free(out);
    char *mh_argv[] = {opt.jetutil, "/mh", rdb, NULL};
    rc = run_capture(mh_argv, &out);
    if (rc != 0 || out == NULL || !field(out, "State", v1, sizeof v1) ||
        strcmp(v1, "Clean Shutdown") != 0) {
        failf("jetutil /mh %s: exit %d\n%s", rdb, rc, out ? out : "");
    } else {
        if (!field(out, "Last Consistent", v2, sizeof v2))
            snprintf(v2, sizeof v2, "?");
        printf("  header   jetutil /mh restored/demo.edb: State: %s, Last Consistent: %s\n", v1,
               v2);
    }
    free(out);

    /* 8. The rows. */
    uint64_t present = 0, later = 0, rows = 0;
    uint64_t must = 0;
    for (unsigned i = 0; i < opt.threads; i++)
        must += before_incr[i];
    check_restored(rst_folder, before_incr, final, preload_txns, &present, &later, &rows);
    if (!g_failed)
        printf("  check    %llu rows read back: all %llu transactions committed before the "
               "incremental began are present (and %llu later ones), none half present, every "
               "value intact\n",
               (unsigned long long)rows, (unsigned long long)must, (unsigned long long)later);

    double t_all = now_s() - t0;
    if (opt.keep) {
        printf("  files    kept: %s/{live,backup,restored} (try: jetutil verify-backup %s)\n",
               opt.dir, bk_dir);
    } else if (opt.user_dir) {
        /* Only what the demo created: the folder given may hold other files. */
        (void)nftw(live_dir, rm_cb, 16, FTW_DEPTH | FTW_PHYS);
        (void)nftw(bk_dir, rm_cb, 16, FTW_DEPTH | FTW_PHYS);
        (void)nftw(rst_dir, rm_cb, 16, FTW_DEPTH | FTW_PHYS);
    } else {
        (void)nftw(opt.dir, rm_cb, 16, FTW_DEPTH | FTW_PHYS);
    }
    if (g_failed)
        printf("demo: FAILED (see above)\n");
    else
        printf("demo: OK in %.1f s%s\n", t_all,
               opt.keep ? "" : "; folders removed (--keep keeps them)");
    return g_failed ? 1 : 0;
}
