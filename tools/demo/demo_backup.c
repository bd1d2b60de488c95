/*
 * demo_backup.c: the README's main job (./demo.sh) — jetdb's online backup
 * and restore of a table, end to end, through the public API only (esent.h;
 * jetdb.h for the event callback).  Every folder is under one temporary
 * folder:
 *
 *   1. create an instance and a database (live/) with one table, "orders":
 *        id      LongLong  primary key (writer * 1,000,000,000 + seq)
 *        writer  Long      the writer that inserted the row (0: preload)
 *        seq     Long      the row's number in its writer's sequence
 *        amount  Currency
 *        note    Text
 *        payload LongBinary, on one row in eight (100 B - 16 KiB, most of
 *                them long enough to be stored apart from the row)
 *      and a secondary index by_writer on (writer, seq); preload it;
 *   2. start writer threads, each with its own session, inserting rows in
 *      transactions with durable commits; after each commit the writer
 *      reports how many of its rows are committed.  A row's columns are a
 *      function of (writer, seq) only, so the check can recompute them;
 *   3. take a full backup with JetBackupInstance while they write (backup/);
 *   4. more writes, then an incremental backup (JetBackupInstance with
 *      JET_bitBackupIncremental), still while they write;
 *   5. stop the writers, JetTerm;
 *   6. restore the backup folder into a new folder with JetRestoreInstance
 *      (restored/);
 *   7. check the backup with `jetutil verify-backup`, the restored
 *      database's header with `jetutil /mh` and its B-trees with
 *      `jetutil /g` (skipped silently when a /g that does not know about
 *      tables fails on it);
 *   8. attach and open the restored database and read it back with
 *      JetMove / JetSeek / JetRetrieveColumn: every row committed before the
 *      incremental backup began is present and byte-identical to what was
 *      written; no row that was never committed appears, and no transaction
 *      is half present (per writer, the rows present are exactly a prefix of
 *      its sequence ending at a transaction boundary); the index by_writer
 *      has exactly one entry per row, in (writer, seq) order, its range for
 *      each writer holds that writer's rows, and seeks on both indexes find
 *      what they must (and not the first row never committed).
 *
 * The incremental backup contains what was committed before the log roll it
 * makes when it starts listing logs, so rows acknowledged before the call
 * began must be there; rows committed while it ran may or may not be (they
 * are counted as "later").
 *
 * Usage: demo_backup [--dir DIR] [--keep] [--small] [--threads N]
 *                    [--seconds S] [--preload-mb N] [--rows-per-txn N]
 *                    [--jetutil PATH]
 * Exit status 0 when every check passed, 1 otherwise (2: bad usage).
 */
#include <ctype.h>
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

#define MAX_WRITERS 32              /* writer threads; writer 0 is the preload */
#define ID_STRIDE 1000000000LL      /* id = writer * ID_STRIDE + seq */
#define MAX_SEQ 999999999u
#define NOTE_MAX 255                /* the note column's cbMax */
#define PAYLOAD_MAX 16384           /* the largest payload */
#define PRELOAD_TXN_ROWS 500u
#define TABLE "orders"
#define INDEX2 "by_writer"

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
            "Runs jetdb's online backup + restore scenario on a table in DIR (default: a\n"
            "new folder under $TMPDIR or /tmp); its live/, backup/ and restored/ folders\n"
            "are removed at the end unless --keep.  Defaults: 4 writer threads, 2 s write\n"
            "phases, 32 MiB preload, 10 rows per transaction.  --small: a quick run\n"
            "(3 threads, 0.4 s phases, 2 MiB preload) for the test suite.\n"
            "Exit status: 0 when every check passed, 1 otherwise, 2 for bad usage.\n");
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

static atomic_bool g_failed;
static atomic_uint g_fail_lines;

/* A failed check: print it (the first 20), remember it. */
static void failf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void failf(const char *fmt, ...)
{
    atomic_store(&g_failed, true);
    if (atomic_fetch_add(&g_fail_lines, 1) >= 20)
        return;
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "demo: FAILED: ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
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
 * blanks) is exactly label and whose value is not empty; copied into val. */
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
            if (n == 0) {
                p = eol ? eol + 1 : NULL;
                continue;
            }
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

/* Does text contain word, ignoring case? */
static bool contains_nocase(const char *text, const char *word)
{
    size_t wl = strlen(word);
    for (const char *p = text; *p != '\0'; p++) {
        size_t i = 0;
        while (i < wl && p[i] != '\0' &&
               tolower((unsigned char)p[i]) == tolower((unsigned char)word[i]))
            i++;
        if (i == wl)
            return true;
    }
    return false;
}

/* ---- rows: every column is a function of (writer, seq) ------------------------------- */

typedef struct row {
    int64_t id;
    int32_t writer, seq;
    int64_t amount;            /* currency: 1/10000 units */
    char note[NOTE_MAX];
    uint32_t cb_note;
    uint32_t cb_payload;       /* 0: the payload column is NULL */
    uint64_t payload_seed;
} row;

static uint64_t mix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

static void make_row(unsigned writer, uint32_t seq, row *r)
{
    uint64_t h = mix64((uint64_t)writer << 32 | seq);
    r->id = (int64_t)writer * ID_STRIDE + (int64_t)seq;
    r->writer = (int32_t)writer;
    r->seq = (int32_t)seq;
    r->amount = ((int64_t)(h % 2000000u) - 200000) * 100;   /* -2000.00 .. 17999.99 */
    int n = snprintf(r->note, sizeof r->note, "order %lld from writer %u, #%u: ",
                     (long long)r->id, writer, seq);
    unsigned extra = (unsigned)((h >> 21) % 80u);
    uint64_t g = h;
    for (unsigned i = 0; i < extra; i++) {
        g = g * 6364136223846793005ull + 1442695040888963407ull;
        r->note[n + (int)i] = (char)('a' + (g >> 59) % 26u);
    }
    r->cb_note = (uint32_t)n + extra;
    r->cb_payload = (h >> 40) % 8u == 0 ? 100u + (uint32_t)((h >> 43) % (PAYLOAD_MAX - 99u)) : 0;
    r->payload_seed = mix64(h) | 1;
}

static void make_payload(const row *r, uint8_t *buf)
{
    uint64_t x = r->payload_seed;
    for (uint32_t i = 0; i < r->cb_payload; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        buf[i] = (uint8_t)(x >> 24);
    }
}

static uint64_t row_bytes(const row *r)
{
    return 8 + 4 + 4 + 8 + r->cb_note + r->cb_payload;
}

/* ---- schema ------------------------------------------------------------------------- */

typedef struct cols {
    JET_COLUMNID id, writer, seq, amount, note, payload;
} cols;

static void create_table(JET_SESID ses, JET_DBID dbid, cols *c)
{
    JET_COLUMNCREATE_A cc[] = {
        {sizeof(JET_COLUMNCREATE_A), "id", JET_coltypLongLong, 0, JET_bitColumnNotNULL, NULL,
         0, 0, 0, 0},
        {sizeof(JET_COLUMNCREATE_A), "writer", JET_coltypLong, 0, JET_bitColumnNotNULL, NULL,
         0, 0, 0, 0},
        {sizeof(JET_COLUMNCREATE_A), "seq", JET_coltypLong, 0, JET_bitColumnNotNULL, NULL, 0,
         0, 0, 0},
        {sizeof(JET_COLUMNCREATE_A), "amount", JET_coltypCurrency, 0, 0, NULL, 0, 0, 0, 0},
        {sizeof(JET_COLUMNCREATE_A), "note", JET_coltypText, NOTE_MAX, 0, NULL, 0, 1252, 0, 0},
        {sizeof(JET_COLUMNCREATE_A), "payload", JET_coltypLongBinary, 0, 0, NULL, 0, 0, 0, 0},
    };
    char pk[] = "+id\0";
    char by_writer[] = "+writer\0+seq\0";
    JET_INDEXCREATE_A ix[] = {
        {.cbStruct = sizeof(JET_INDEXCREATE_A), .szIndexName = "primary", .szKey = pk,
         .cbKey = sizeof pk, .grbit = JET_bitIndexPrimary, .ulDensity = 90},
        {.cbStruct = sizeof(JET_INDEXCREATE_A), .szIndexName = INDEX2, .szKey = by_writer,
         .cbKey = sizeof by_writer, .grbit = 0, .ulDensity = 90},
    };
    JET_TABLECREATE_A tc = {sizeof(JET_TABLECREATE_A), TABLE, NULL, 16, 90, cc,
                            sizeof cc / sizeof cc[0], ix, sizeof ix / sizeof ix[0], 0, 0, 0};
    CHECK(JetCreateTableColumnIndexA(ses, dbid, &tc));
    for (size_t i = 0; i < sizeof cc / sizeof cc[0]; i++)
        CHECK(cc[i].err);
    c->id = cc[0].columnid;
    c->writer = cc[1].columnid;
    c->seq = cc[2].columnid;
    c->amount = cc[3].columnid;
    c->note = cc[4].columnid;
    c->payload = cc[5].columnid;
    CHECK(JetCloseTable(ses, tc.tableid));
}

/* A column's id from the catalog, checking its type. */
static JET_COLUMNID column(JET_SESID ses, JET_TABLEID t, const char *name, JET_COLTYP want)
{
    JET_COLUMNDEF def;
    memset(&def, 0, sizeof def);
    def.cbStruct = sizeof def;
    CHECK(JetGetTableColumnInfoA(ses, t, name, &def, sizeof def, JET_ColInfo));
    if (def.coltyp != want)
        failf("column %s has type %lu, not %lu", name, (unsigned long)def.coltyp,
              (unsigned long)want);
    return def.columnid;
}

static void lookup_columns(JET_SESID ses, JET_TABLEID t, cols *c)
{
    c->id = column(ses, t, "id", JET_coltypLongLong);
    c->writer = column(ses, t, "writer", JET_coltypLong);
    c->seq = column(ses, t, "seq", JET_coltypLong);
    c->amount = column(ses, t, "amount", JET_coltypCurrency);
    c->note = column(ses, t, "note", JET_coltypText);
    c->payload = column(ses, t, "payload", JET_coltypLongBinary);
}

/* ---- writes ------------------------------------------------------------------------- */

static cols g_cols;

/* One transaction: rows seq0 .. seq0+nrows-1 of writer; durable commit
 * unless lazy.  Adds the rows' bytes to *bytes once committed. */
static JET_ERR write_txn(JET_SESID ses, JET_TABLEID t, unsigned writer, uint32_t seq0,
                         unsigned nrows, bool lazy, uint8_t *payload, uint64_t *bytes)
{
    JET_ERR err = JetBeginTransaction(ses);
    if (err < 0)
        return err;
    uint64_t b = 0;
    for (unsigned i = 0; i < nrows && err >= 0; i++) {
        row r;
        make_row(writer, seq0 + i, &r);
        err = JetPrepareUpdate(ses, t, JET_prepInsert);
        if (err >= 0)
            err = JetSetColumn(ses, t, g_cols.id, &r.id, sizeof r.id, 0, NULL);
        if (err >= 0)
            err = JetSetColumn(ses, t, g_cols.writer, &r.writer, sizeof r.writer, 0, NULL);
        if (err >= 0)
            err = JetSetColumn(ses, t, g_cols.seq, &r.seq, sizeof r.seq, 0, NULL);
        if (err >= 0)
            err = JetSetColumn(ses, t, g_cols.amount, &r.amount, sizeof r.amount, 0, NULL);
        if (err >= 0)
            err = JetSetColumn(ses, t, g_cols.note, r.note, r.cb_note, 0, NULL);
        if (err >= 0 && r.cb_payload != 0) {
            make_payload(&r, payload);
            err = JetSetColumn(ses, t, g_cols.payload, payload, r.cb_payload, 0, NULL);
        }
        if (err >= 0)
            err = JetUpdate(ses, t, NULL, 0, NULL);
        b += row_bytes(&r);
    }
    if (err >= 0)
        err = JetCommitTransaction(ses, lazy ? JET_bitCommitLazyFlush : 0);
    if (err < 0) {
        (void)JetPrepareUpdate(ses, t, JET_prepCancel);
        (void)JetRollback(ses, 0);
        return err;
    }
    *bytes += b;
    return JET_errSuccess;
}

static JET_INSTANCE g_inst;
static char g_dbpath[700];
static atomic_int g_stop;
static atomic_ullong g_committed[MAX_WRITERS + 1];   /* rows acknowledged, per writer */
static atomic_ullong g_txns[MAX_WRITERS + 1];
static atomic_ullong g_bytes[MAX_WRITERS + 1];
static atomic_int g_writer_err;

/* A writer thread: its own session, database handle and cursor. */
static void *writer(void *arg)
{
    unsigned w = (unsigned)(uintptr_t)arg;
    JET_SESID ses = 0;
    JET_DBID dbid = 0;
    JET_TABLEID t = 0;
    uint8_t *payload = malloc(PAYLOAD_MAX);
    JET_ERR err = payload == NULL ? JET_errOutOfMemory : JET_errSuccess;
    if (err >= 0)
        err = JetBeginSessionA(g_inst, &ses, NULL, NULL);
    if (err >= 0)
        err = JetOpenDatabaseA(ses, g_dbpath, NULL, &dbid, 0);
    if (err >= 0)
        err = JetOpenTableA(ses, dbid, TABLE, NULL, 0, 0, &t);
    uint32_t seq = 0;
    while (err >= 0 && !atomic_load(&g_stop) && seq + opt.rows_per_txn <= MAX_SEQ) {
        uint64_t b = 0;
        err = write_txn(ses, t, w, seq, opt.rows_per_txn, false, payload, &b);
        if (err >= 0) {
            /* Durable: the commit returned, so these rows must survive. */
            seq += opt.rows_per_txn;
            atomic_store(&g_committed[w], seq);
            atomic_fetch_add(&g_txns[w], 1);
            atomic_fetch_add(&g_bytes[w], b);
        }
    }
    if (err < 0)
        atomic_store(&g_writer_err, err);
    if (t != 0)
        (void)JetCloseTable(ses, t);
    if (dbid != 0)
        (void)JetCloseDatabase(ses, dbid, 0);
    if (ses != 0)
        (void)JetEndSession(ses, 0);
    free(payload);
    return NULL;
}

static uint64_t sum(atomic_ullong *a)
{
    uint64_t s = 0;
    for (unsigned i = 1; i <= opt.threads; i++)
        s += atomic_load(&a[i]);
    return s;
}

/* Set the parameters of an instance whose folders are all dir/. */
static void instance_params(JET_INSTANCE *in, const char *dir)
{
    CHECK(JetSetSystemParameterA(in, 0, JET_paramSystemPath, 0, dir));
    CHECK(JetSetSystemParameterA(in, 0, JET_paramLogFilePath, 0, dir));
    CHECK(JetSetSystemParameterA(in, 0, JET_paramTempPath, 0, dir));
    CHECK(JetSetSystemParameterA(in, 0, JET_paramCreatePathIfNotExist, 1, NULL));
    CHECK(JetSetSystemParameterA(in, 0, JET_paramMaxSessions, 64, NULL));
    CHECK(JetSetSystemParameterA(in, 0, JET_paramLogFileSize, opt.log_kb, NULL));
}

/* ---- the check of the restored database --------------------------------------------- */

typedef struct check_result {
    uint64_t rows, bytes, must, later, index_entries, seeks;
    double seconds;
} check_result;

/* Retrieve a fixed-size column; false (and a failure) when it is not there
 * with exactly cb bytes. */
static bool get_fixed(JET_SESID ses, JET_TABLEID t, JET_COLUMNID c, void *buf, uint32_t cb,
                      JET_GRBIT grbit, const char *what)
{
    uint32_t got = 0;
    JET_ERR err = JetRetrieveColumn(ses, t, c, buf, cb, &got, grbit, NULL);
    if (err != JET_errSuccess || got != cb) {
        failf("retrieving %s: error %d, %u bytes", what, (int)err, (unsigned)got);
        return false;
    }
    return true;
}

/* Compare the current record with the row it must be. */
static bool row_matches(JET_SESID ses, JET_TABLEID t, const cols *c, const row *r, uint8_t *buf,
                        uint8_t *want)
{
    int32_t w = 0, s = 0;
    int64_t amount = 0;
    if (!get_fixed(ses, t, c->writer, &w, sizeof w, 0, "writer") ||
        !get_fixed(ses, t, c->seq, &s, sizeof s, 0, "seq") ||
        !get_fixed(ses, t, c->amount, &amount, sizeof amount, 0, "amount"))
        return false;
    if (w != r->writer || s != r->seq || amount != r->amount)
        return false;
    uint32_t got = 0;
    JET_ERR err = JetRetrieveColumn(ses, t, c->note, buf, NOTE_MAX, &got, 0, NULL);
    if (err != JET_errSuccess || got != r->cb_note || memcmp(buf, r->note, got) != 0)
        return false;
    err = JetRetrieveColumn(ses, t, c->payload, buf, PAYLOAD_MAX, &got, 0, NULL);
    if (r->cb_payload == 0)
        return err == JET_wrnColumnNull && got == 0;
    if (err != JET_errSuccess || got != r->cb_payload)
        return false;
    make_payload(r, want);
    return memcmp(buf, want, got) == 0;
}

/* Seek on the current index with the given key columns; returns the seek's
 * error (the cursor is on the record found when it is >= 0). */
static JET_ERR seek_eq(JET_SESID ses, JET_TABLEID t, const void *k1, uint32_t cb1, const void *k2,
                       uint32_t cb2)
{
    CHECK(JetMakeKey(ses, t, k1, cb1, JET_bitNewKey));
    if (k2 != NULL)
        CHECK(JetMakeKey(ses, t, k2, cb2, 0));
    return JetSeek(ses, t, JET_bitSeekEQ);
}

/* The rows a writer must have (must), may have at most (max), and the size
 * of its transactions. */
typedef struct expect {
    uint64_t must, max;
    unsigned txn_rows;
} expect;

static void check_restored(const char *dir, const expect *ex, check_result *res)
{
    double t0 = now_s();
    memset(res, 0, sizeof *res);
    char path[700];
    snprintf(path, sizeof path, "%sdemo.edb", dir);
    JET_INSTANCE in = 0;
    JET_SESID ses = 0;
    JET_DBID dbid = 0;
    JET_TABLEID t = 0;
    CHECK(JetCreateInstanceA(&in, "demo-check"));
    instance_params(&in, dir);
    CHECK(JetInit(&in));
    CHECK(JetBeginSessionA(in, &ses, NULL, NULL));
    CHECK(JetAttachDatabaseA(ses, path, 0));
    CHECK(JetOpenDatabaseA(ses, path, NULL, &dbid, 0));
    CHECK(JetOpenTableA(ses, dbid, TABLE, NULL, 0, JET_bitTableReadOnly, &t));
    cols c;
    lookup_columns(ses, t, &c);
    uint8_t *buf = malloc(PAYLOAD_MAX), *want = malloc(PAYLOAD_MAX);
    if (buf == NULL || want == NULL)
        exit(1);
    uint64_t present[MAX_WRITERS + 1];
    memset(present, 0, sizeof present);
    CHECK(JetBeginTransaction(ses));

    /* Every row, in primary-key order: (writer, seq) ascending. */
    uint64_t bad = 0;
    CHECK(JetSetCurrentIndexA(ses, t, NULL));
    JET_ERR err = JetMove(ses, t, JET_MoveFirst, 0);
    while (err >= 0) {
        int64_t id = -1;
        if (get_fixed(ses, t, c.id, &id, sizeof id, 0, "id")) {
            int64_t w = id / ID_STRIDE, s = id % ID_STRIDE;
            if (id < 0 || w > (int64_t)opt.threads) {
                failf("row id %lld was never written", (long long)id);
            } else if ((uint64_t)s >= ex[w].max) {
                failf("row %lld (writer %lld, #%lld) was never committed", (long long)id,
                      (long long)w, (long long)s);
            } else {
                if ((uint64_t)s != present[w])
                    failf("writer %lld: rows #%llu..#%lld are missing", (long long)w,
                          (unsigned long long)present[w], (long long)s - 1);
                present[w] = (uint64_t)s + 1;
                row r;
                make_row((unsigned)w, (uint32_t)s, &r);
                if (!row_matches(ses, t, &c, &r, buf, want)) {
                    if (bad++ < 5)
                        failf("row %lld differs from what writer %lld wrote", (long long)id,
                              (long long)w);
                }
                res->bytes += row_bytes(&r);
            }
        }
        res->rows++;
        err = JetMove(ses, t, JET_MoveNext, 0);
    }
    if (err != JET_errNoCurrentRecord)
        failf("reading the restored table: error %d", (int)err);
    if (bad > 5)
        failf("%llu rows differ in all", (unsigned long long)bad);
    for (unsigned w = 0; w <= opt.threads; w++) {
        uint64_t k = present[w];
        if (k < ex[w].must)
            failf("writer %u: %llu of the %llu rows committed before the incremental backup "
                  "began are present",
                  w, (unsigned long long)k, (unsigned long long)ex[w].must);
        if (k % ex[w].txn_rows != 0)
            failf("writer %u: a transaction is half present (%llu rows, transactions of %u)", w,
                  (unsigned long long)k, ex[w].txn_rows);
        res->must += ex[w].must;
        if (k > ex[w].must)
            res->later += k - ex[w].must;
    }

    /* The secondary index: entries in (writer, seq) order, each leading to
     * a row; since id = writer * ID_STRIDE + seq, the ids met must strictly
     * increase, and as many entries as rows then means one entry per row. */
    CHECK(JetSetCurrentIndexA(ses, t, INDEX2));
    err = JetMove(ses, t, JET_MoveFirst, 0);
    int64_t prev = -1;
    while (err >= 0) {
        int64_t id = 0;
        if (get_fixed(ses, t, c.id, &id, sizeof id, 0, "id")) {
            if (id <= prev)
                failf("index " INDEX2 ": the entry of row %lld comes after that of row %lld",
                      (long long)id, (long long)prev);
            prev = id;
        }
        res->index_entries++;
        err = JetMove(ses, t, JET_MoveNext, 0);
    }
    if (err != JET_errNoCurrentRecord)
        failf("walking index " INDEX2 ": error %d", (int)err);
    if (res->index_entries != res->rows)
        failf("index " INDEX2 " has %llu entries for %llu rows",
              (unsigned long long)res->index_entries, (unsigned long long)res->rows);

    /* Seeks, per writer: on by_writer, its range holds exactly its rows and
     * a few of them are found by (writer, seq); on the primary index, its
     * last row is found and the next one is not there. */
    for (unsigned w = 0; w <= opt.threads; w++) {
        int32_t w32 = (int32_t)w;
        uint64_t k = present[w];
        CHECK(JetSetCurrentIndexA(ses, t, INDEX2));
        CHECK(JetMakeKey(ses, t, &w32, sizeof w32, JET_bitNewKey));
        err = JetSeek(ses, t, JET_bitSeekGE);
        res->seeks++;
        uint32_t n = 0;
        if (err >= 0) {
            CHECK(JetMakeKey(ses, t, &w32, sizeof w32, JET_bitNewKey | JET_bitFullColumnEndLimit));
            err = JetSetIndexRange(ses, t, JET_bitRangeInclusive | JET_bitRangeUpperLimit);
            if (err >= 0)
                CHECK(JetIndexRecordCount(ses, t, &n, 0));
        }
        if ((err < 0 && err != JET_errRecordNotFound && err != JET_errNoCurrentRecord) ||
            n != k)
            failf("index " INDEX2 ": the range of writer %u holds %u entries, not %llu (error "
                  "%d)",
                  w, n, (unsigned long long)k, (int)err);
        for (unsigned i = 0; i < 4 && k > 0; i++) {
            int32_t s = (int32_t)(i == 0 ? k - 1 : mix64(w * 4u + i) % k);
            int64_t id = 0;
            err = seek_eq(ses, t, &w32, sizeof w32, &s, sizeof s);
            res->seeks++;
            if (err != JET_errSuccess || !get_fixed(ses, t, c.id, &id, sizeof id, 0, "id") ||
                id != (int64_t)w * ID_STRIDE + s)
                failf("index " INDEX2 ": seek (%u, %d): error %d, row %lld", w, s, (int)err,
                      (long long)id);
        }
        CHECK(JetSetCurrentIndexA(ses, t, NULL));
        if (k > 0) {
            int64_t id = (int64_t)w * ID_STRIDE + (int64_t)k - 1, got = 0;
            row r;
            make_row(w, (uint32_t)(k - 1), &r);
            err = seek_eq(ses, t, &id, sizeof id, NULL, 0);
            res->seeks++;
            if (err != JET_errSuccess || !get_fixed(ses, t, c.id, &got, sizeof got, 0, "id") ||
                got != id || !row_matches(ses, t, &c, &r, buf, want))
                failf("primary index: seek of row %lld: error %d", (long long)id, (int)err);
        }
        int64_t next = (int64_t)w * ID_STRIDE + (int64_t)k;
        err = seek_eq(ses, t, &next, sizeof next, NULL, 0);
        res->seeks++;
        if (err != JET_errRecordNotFound)
            failf("primary index: seek of row %lld (not written or not committed): error %d",
                  (long long)next, (int)err);
    }

    CHECK(JetCommitTransaction(ses, 0));
    free(buf);
    free(want);
    CHECK(JetCloseTable(ses, t));
    CHECK(JetCloseDatabase(ses, dbid, 0));
    CHECK(JetDetachDatabaseA(ses, path));
    CHECK(JetEndSession(ses, 0));
    CHECK(JetTerm(in));
    res->seconds = now_s() - t0;
}

/* ---- jetutil ---------------------------------------------------------------------------- */

static void run_verify_backup(const char *bk_dir)
{
    char *out = NULL, v1[256], v2[256], v3[256], v4[256];
    char *argv[] = {opt.jetutil, "verify-backup", (char *)bk_dir, "--no-progress", NULL};
    int rc = run_capture(argv, &out);
    if (rc != 0 || out == NULL || strstr(out, "The backup is complete and consistent") == NULL) {
        failf("jetutil verify-backup %s: exit %d\n%s", bk_dir, rc, out ? out : "");
    } else {
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
}

static void run_mh(const char *rdb)
{
    char *out = NULL, v1[256], v2[256];
    char *argv[] = {opt.jetutil, "/mh", (char *)rdb, NULL};
    int rc = run_capture(argv, &out);
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
}

/* jetutil /g: an integrity check of the restored database (its B-trees and,
 * with a /g that knows tables, the table's records, indexes and long
 * values).  A failure counts unless /g shows no sign of knowing tables
 * (neither its help nor its report mentions one): a /g that only knows
 * B-trees and cannot cope with a database holding tables is skipped
 * without a word. */
static void run_integrity(const char *rdb)
{
    char *out = NULL;
    char *argv[] = {opt.jetutil, "/g", (char *)rdb, NULL};
    double t0 = now_s();
    int rc = run_capture(argv, &out);
    double t = now_s() - t0;
    if (rc == 0 && out != NULL && strstr(out, "Integrity check successful") != NULL) {
        /* The counts this /g reports, among those known. */
        static const char *const labels[][2] = {
            {"Trees", "B-trees"},       {"Tables", "table(s)"},
            {"Records", "records"},     {"Index entries", "index entries"},
            {"Long values", "long values"},
        };
        char what[600] = "", v[64];
        size_t n = 0;
        for (size_t i = 0; i < sizeof labels / sizeof labels[0] && n < sizeof what; i++)
            if (field(out, labels[i][0], v, sizeof v))
                n += (size_t)snprintf(what + n, sizeof what - n, "%s%s %s", n ? ", " : "", v,
                                      labels[i][1]);
        printf("  trees    jetutil /g restored/demo.edb: integrity check successful%s%s in "
               "%.2f s\n",
               n ? ": " : "", what, t);
        free(out);
        return;
    }
    char *help = NULL;
    char *help_argv[] = {opt.jetutil, "/g", "--help", NULL};
    int hrc = run_capture(help_argv, &help);
    bool knows_tables = (out != NULL && contains_nocase(out, "table")) ||
                        (hrc == 0 && help != NULL && contains_nocase(help, "table"));
    if (knows_tables)
        failf("jetutil /g %s: exit %d\n%s", rdb, rc, out ? out : "");
    free(help);
    free(out);
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
        opt.rows_per_txn > 999 || opt.seconds <= 0 || opt.seconds > 3600 ||
        opt.preload_mb > 4096) {
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
    printf("jetdb demo: online backup and restore of a table, in %s\n", opt.dir);

    /* 1. Instance, database, table, preload (writer 0). */
    double t0 = now_s();
    JET_SESID ses = 0;
    JET_DBID dbid = 0;
    snprintf(g_dbpath, sizeof g_dbpath, "%sdemo.edb", live_dir);
    CHECK(JetCreateInstanceA(&g_inst, "demo"));
    instance_params(&g_inst, live_dir);
    CHECK(JetInit(&g_inst));
    CHECK(JetBeginSessionA(g_inst, &ses, NULL, NULL));
    CHECK(JetCreateDatabaseA(ses, g_dbpath, NULL, &dbid, 0));
    create_table(ses, dbid, &g_cols);
    uint64_t preload_rows = 0, preload_bytes = 0;
    {
        JET_TABLEID t;
        CHECK(JetOpenTableA(ses, dbid, TABLE, NULL, 0, 0, &t));
        uint8_t *payload = malloc(PAYLOAD_MAX);
        if (payload == NULL)
            return 1;
        /* Whole transactions of PRELOAD_TXN_ROWS rows up to the size asked
         * for; lazy commits, the last one durable. */
        uint64_t goal = (uint64_t)opt.preload_mb * 1024 * 1024, ntxn = 0;
        for (uint64_t b = 0; b < goal; ntxn++)
            for (unsigned i = 0; i < PRELOAD_TXN_ROWS; i++) {
                row r;
                make_row(0, (uint32_t)(ntxn * PRELOAD_TXN_ROWS + i), &r);
                b += row_bytes(&r);
            }
        for (uint64_t x = 0; x < ntxn; x++) {
            CHECK(write_txn(ses, t, 0, (uint32_t)preload_rows, PRELOAD_TXN_ROWS, x + 1 < ntxn,
                            payload, &preload_bytes));
            preload_rows += PRELOAD_TXN_ROWS;
        }
        free(payload);
        CHECK(JetCloseTable(ses, t));
    }
    double t_load = now_s() - t0;
    struct stat ls;
    printf("  create   live/demo.edb, table " TABLE " (id LongLong primary key, writer Long, "
           "seq Long,\n"
           "           amount Currency, note Text, payload LongBinary; index " INDEX2
           " on writer+seq)\n"
           "           preloaded with %llu rows (%.1f MiB of columns) in %.2f s; database "
           "%.1f MiB\n",
           (unsigned long long)preload_rows, mib(preload_bytes), t_load,
           mib(stat(g_dbpath, &ls) == 0 ? (uint64_t)ls.st_size : 0));

    /* 2. Writers. */
    pthread_t th[MAX_WRITERS + 1];
    atomic_store(&g_stop, 0);
    double tw0 = now_s();
    for (unsigned i = 1; i <= opt.threads; i++)
        if (pthread_create(&th[i], NULL, writer, (void *)(uintptr_t)i) != 0) {
            fprintf(stderr, "demo: pthread_create failed\n");
            return 1;
        }
    printf("  write    %u writer threads, one session each, insert rows in transactions of %u "
           "with durable commits\n",
           opt.threads, opt.rows_per_txn);
    sleep_s(opt.seconds);

    /* 3. Full backup while they write. */
    uint64_t c_full0 = sum(g_committed);
    double tb0 = now_s();
    CHECK(JetBackupInstanceA(g_inst, bk_dir, 0, NULL));
    double t_full = now_s() - tb0;
    uint64_t c_full1 = sum(g_committed);
    uint64_t full_bytes = dir_bytes(bk_dir);
    unsigned full_logs = count_files(bk_dir, ".log");
    printf("  full     JetBackupInstance -> backup/ while they write: %.1f MiB (1 database + "
           "%u logs) in %.2f s, %.0f MiB/s; %llu rows committed meanwhile\n",
           mib(full_bytes), full_logs, t_full, t_full > 0 ? mib(full_bytes) / t_full : 0.0,
           (unsigned long long)(c_full1 - c_full0));

    /* 4. More writes, then the incremental: what each writer has reported
     * committed before the call begins must be in the backup. */
    sleep_s(opt.seconds);
    uint64_t before_incr[MAX_WRITERS + 1];
    for (unsigned i = 1; i <= opt.threads; i++)
        before_incr[i] = atomic_load(&g_committed[i]);
    uint64_t c_inc0 = sum(g_committed);
    printf("  more     %.1f s more writes: %llu rows committed so far\n", opt.seconds,
           (unsigned long long)c_inc0);
    double ti0 = now_s();
    CHECK(JetBackupInstanceA(g_inst, bk_dir, JET_bitBackupIncremental, NULL));
    double t_inc = now_s() - ti0;
    uint64_t c_inc1 = sum(g_committed);
    uint64_t inc_bytes = dir_bytes(bk_dir) - full_bytes;
    unsigned inc_logs = count_files(bk_dir, ".log") - full_logs;
    printf("  incr     incremental JetBackupInstance -> backup/: %u logs, %.1f MiB in %.2f s; "
           "%llu rows committed meanwhile\n",
           inc_logs, mib(inc_bytes), t_inc, (unsigned long long)(c_inc1 - c_inc0));

    /* 5. Stop the writers, terminate. */
    sleep_s(opt.seconds / 4);
    atomic_store(&g_stop, 1);
    for (unsigned i = 1; i <= opt.threads; i++)
        pthread_join(th[i], NULL);
    double t_writes = now_s() - tw0;
    if (atomic_load(&g_writer_err) < 0) {
        fprintf(stderr, "demo: a writer failed with error %d\n", atomic_load(&g_writer_err));
        return 1;
    }
    uint64_t total = sum(g_committed), txns = sum(g_txns), wbytes = sum(g_bytes);
    CHECK(JetCloseDatabase(ses, dbid, 0));
    CHECK(JetEndSession(ses, 0));
    CHECK(JetTerm(g_inst));
    printf("  stop     writers stopped: %llu rows (%.1f MiB) in %llu transactions in %.1f s, "
           "%.0f commits/s; JetTerm\n",
           (unsigned long long)total, mib(wbytes), (unsigned long long)txns, t_writes,
           (double)txns / t_writes);

    /* 6. Restore into a new folder. */
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

    /* 7. jetutil. */
    run_verify_backup(bk_dir);
    run_mh(rdb);
    run_integrity(rdb);

    /* 8. The rows, through the table API. */
    expect ex[MAX_WRITERS + 1];
    ex[0] = (expect){preload_rows, preload_rows, PRELOAD_TXN_ROWS};
    for (unsigned i = 1; i <= opt.threads; i++)
        ex[i] = (expect){before_incr[i], atomic_load(&g_committed[i]), opt.rows_per_txn};
    check_result cr;
    check_restored(rst_folder, ex, &cr);
    if (!atomic_load(&g_failed))
        printf("  check    %llu rows (%.1f MiB) read back with JetMove + JetRetrieveColumn in "
               "%.2f s:\n"
               "           all %llu rows committed before the incremental began are there, "
               "byte-identical\n"
               "           (and %llu committed during it); none half a transaction, none "
               "never committed;\n"
               "           index " INDEX2 ": %llu entries, one per row; %llu seeks found what "
               "they must\n",
               (unsigned long long)cr.rows, mib(cr.bytes), cr.seconds,
               (unsigned long long)cr.must, (unsigned long long)cr.later,
               (unsigned long long)cr.index_entries, (unsigned long long)cr.seeks);

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
    if (atomic_load(&g_failed))
        printf("demo: FAILED (see above)\n");
    else
        printf("demo: OK in %.1f s%s\n", t_all,
               opt.keep ? "" : "; folders removed (--keep keeps them)");
    return atomic_load(&g_failed) ? 1 : 0;
}
