/*
 * bench_backup.c: the online-backup benchmark of issue 5 (point 6).
 *
 * Side by side in one run, on the same disk:
 *   a. a full backup (JetBackupInstance: every page and log verified,
 *      fsync'd, staged and promoted) of a database of --db-mib MiB, against
 *      `cp` + `sync` of the same files (the database file and the log files
 *      in the log folder) and against SQLite's online backup API
 *      (sqlite3_backup_init/step(-1)/finish into a new file, synchronous=FULL)
 *      of a SQLite database holding the same rows;
 *   b. foreground durable commits/s and p99 commit latency of --threads
 *      threads without a backup, and while full backups of that database run
 *      back to back, with the backup's write pacing on and off
 *      (JETDB_BACKUP_PACING=0, read by src/backup at every JetBackup), plus
 *      the backup's own speed in both modes;
 *   c. incremental backup time against the log bytes written since the
 *      previous backup (--inc-mib), on the big database and on a small one
 *      (--small-db-mib): the time must follow the log, not the database;
 *   d. the time from JetStopBackupInstance to the return of the full backup
 *      it stops (--stops trials at random moments, without and with durable
 *      commits running; median and p99), and until the stopped backup's
 *      files are gone from the destination (they are removed in the
 *      background after the return, src/backup/bk_trash.c).
 * Everything is printed as one table with ratios.
 *
 * Rows: a 16-byte key (bench_key) and a --value-kib KiB value of splitmix64
 * output (incompressible), loaded in key order, lazily committed in batches
 * of about 8 MiB, the last batch durably; the same rows go into SQLite
 * (WAL, then checkpointed into the main file before the backups).
 *
 * Options (each also BENCH_<NAME> in the environment):
 *   --dir DIR            work folder (not tmpfs)                [./bench-data]
 *   --db-mib N           row data of the big database                 [1024]
 *   --small-db-mib N     row data of the small database (c)             [16]
 *   --value-kib N        value size                                     [16]
 *   --seconds S          each durable configuration's time (b)          [8]
 *   --threads N          durable-commit threads (b)                      [4]
 *   --inc-mib LIST       log MiB before each incremental (c)    [32,64,128]
 *   --stops N            stop trials (d), each without and with load   [12]
 *   --phases LIST        any of full,durable,inc,stop        [all of them]
 *   --keep               keep the data folder
 */
#include "bench.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "btree/btree.h"
#include "esent.h"
#include "log/log.h"
#include "txn/txn.h"
#include "store/store.h"

#define MAXLIST 8

static struct {
    char dir[900];
    uint64_t db_mib, small_db_mib, value_kib, threads, stops;
    double seconds;
    uint64_t inc_mib[MAXLIST];
    unsigned ninc;
    bool do_full, do_durable, do_inc, do_stop, keep;
} O;

static char g_root[1000];

/* ---- options ---------------------------------------------------------------- */

static unsigned parse_list(const char *s, uint64_t *out)
{
    unsigned n = 0;
    while (*s && n < MAXLIST) {
        char *end;
        errno = 0;
        unsigned long long v = strtoull(s, &end, 10);
        if (end == s || errno != 0 || v == 0 || (*end != ',' && *end != '\0'))
            bench_die("bad number list: %s", s);
        out[n++] = v;
        s = *end == ',' ? end + 1 : end;
    }
    return n;
}

static uint64_t parse_u64(const char *s)
{
    uint64_t v[MAXLIST];
    if (parse_list(s, v) != 1)
        bench_die("bad number: %s", s);
    return v[0];
}

static void set_opt(const char *name, const char *val)
{
    if (strcmp(name, "dir") == 0)
        snprintf(O.dir, sizeof O.dir, "%s", val);
    else if (strcmp(name, "db-mib") == 0)
        O.db_mib = parse_u64(val);
    else if (strcmp(name, "small-db-mib") == 0)
        O.small_db_mib = parse_u64(val);
    else if (strcmp(name, "value-kib") == 0)
        O.value_kib = parse_u64(val);
    else if (strcmp(name, "seconds") == 0)
        O.seconds = atof(val);
    else if (strcmp(name, "threads") == 0)
        O.threads = parse_u64(val);
    else if (strcmp(name, "inc-mib") == 0)
        O.ninc = parse_list(val, O.inc_mib);
    else if (strcmp(name, "stops") == 0)
        O.stops = parse_u64(val);
    else if (strcmp(name, "phases") == 0) {
        O.do_full = strstr(val, "full") != NULL;
        O.do_durable = strstr(val, "durable") != NULL;
        O.do_inc = strstr(val, "inc") != NULL;
        O.do_stop = strstr(val, "stop") != NULL;
    } else
        bench_die("unknown option --%s (see the comment at the top of bench_backup.c)", name);
}

static void parse_opts(int argc, char **argv)
{
    snprintf(O.dir, sizeof O.dir, "./bench-data");
    O.db_mib = 1024;
    O.small_db_mib = 16;
    O.value_kib = 16;
    O.seconds = 8;
    O.threads = 4;
    O.inc_mib[0] = 32, O.inc_mib[1] = 64, O.inc_mib[2] = 128, O.ninc = 3;
    O.stops = 12;
    O.do_full = O.do_durable = O.do_inc = O.do_stop = true;
    static const char *const names[] = { "dir", "db-mib", "small-db-mib", "value-kib", "seconds",
                                         "threads", "inc-mib", "stops", "phases" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char env[64];
        snprintf(env, sizeof env, "BENCH_%s", names[i]);
        for (char *p = env; *p; p++)
            *p = *p == '-' ? '_' : (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
        const char *v = getenv(env);
        if (v != NULL && *v)
            set_opt(names[i], v);
    }
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--keep") == 0)
            O.keep = true;
        else if (strncmp(argv[i], "--", 2) == 0 && i + 1 < argc) {
            set_opt(argv[i] + 2, argv[i + 1]);
            i++;
        } else
            bench_die("bad argument %s", argv[i]);
    }
    if (O.threads == 0 || O.threads > 64)
        bench_die("--threads must be 1..64");
}

/* ---- files ------------------------------------------------------------------- */

static void make_dir(const char *path)
{
    if (mkdir(path, 0755) != 0 && errno != EEXIST)
        bench_die("mkdir %s: %s", path, strerror(errno));
}

static void sh(const char *cmd)
{
    if (system(cmd) != 0)
        bench_die("command failed: %s", cmd);
}

static void rmtree(const char *path)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    sh(cmd);
}

static uint64_t file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (uint64_t)st.st_size : 0;
}

/* Bytes of the regular files under a folder (du -sb). */
static uint64_t tree_bytes(const char *path)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "du -sb '%s' 2>/dev/null", path);
    FILE *p = popen(cmd, "r");
    unsigned long long v = 0;
    if (p == NULL || fscanf(p, "%llu", &v) != 1)
        v = 0;
    if (p != NULL)
        pclose(p);
    return v;
}

static double mib(uint64_t b)
{
    return (double)b / 1048576.0;
}

/* ---- results ------------------------------------------------------------------ */

typedef struct row {
    char what[120];
    char a[48], b[48];
    double ratio;     /* < 0: none */
    char note[240];
} row;

static row g_rows[48];
static unsigned g_nrows;

static row *add_row(const char *what, double ratio)
{
    if (g_nrows == sizeof g_rows / sizeof g_rows[0])
        bench_die("too many results");
    row *r = &g_rows[g_nrows++];
    memset(r, 0, sizeof *r);
    snprintf(r->what, sizeof r->what, "%s", what);
    r->ratio = ratio;
    return r;
}

/* ---- jetdb ------------------------------------------------------------------- */

static bench_jet_handles H;

static void jcheck(JET_ERR err, const char *what)
{
    if (err < 0)
        bench_die("jetdb: %s failed: %d", what, (int)err);
}

static void fill_value(uint64_t seed, uint8_t *v, size_t n)
{
    uint64_t st = seed * 0x2545f4914f6cdd1dull + 7;
    for (size_t i = 0; i < n; i += 8) {
        uint64_t r = bench_splitmix(&st);
        memcpy(v + i, &r, n - i < 8 ? n - i : 8);
    }
}

/* Load rows [0, rows) in key order: lazy batches of ~8 MiB, the last durable. */
static double jet_load(uint64_t rows, size_t vlen)
{
    uint8_t key[BENCH_KLEN];
    uint8_t *val = malloc(vlen);
    uint64_t per = (8u << 20) / vlen + 1;
    double t0 = bench_now();
    for (uint64_t i = 0; i < rows;) {
        txn *x;
        jcheck(txn_begin(H.log, &x), "txn_begin");
        for (uint64_t k = 0; k < per && i < rows; k++, i++) {
            bench_key(i, key);
            fill_value(i, val, vlen);
            jcheck(bt_insert(H.kv, txn_id(x), key, BENCH_KLEN, val, vlen), "bt_insert");
        }
        jcheck(txn_commit(x, i < rows, NULL), "txn_commit");
    }
    free(val);
    return bench_now() - t0;
}

/* Overwrite random rows until `bytes` of log were written; durable at the end. */
static uint64_t jet_make_log(uint64_t rows, size_t vlen, uint64_t bytes, uint64_t *rng)
{
    bench_jet_stats a, b;
    bench_jet_get_stats(&a);
    uint8_t key[BENCH_KLEN];
    uint8_t *val = malloc(vlen);
    for (;;) {
        txn *x;
        jcheck(txn_begin(H.log, &x), "txn_begin");
        for (int k = 0; k < 64; k++) {
            uint64_t r = bench_splitmix(rng) % rows;
            bench_key(r, key);
            fill_value(r ^ *rng, val, vlen);
            jcheck(bt_replace(H.kv, txn_id(x), key, BENCH_KLEN, val, vlen), "bt_replace");
        }
        bench_jet_get_stats(&b);
        bool last = b.log_bytes - a.log_bytes >= bytes;
        jcheck(txn_commit(x, !last, NULL), "txn_commit");
        if (last)
            break;
    }
    free(val);
    bench_jet_get_stats(&b);
    return b.log_bytes - a.log_bytes;
}

static JET_ERR jet_backup(const char *dest, JET_GRBIT grbit)
{
    return JetBackupInstanceA((JET_INSTANCE)H.inst, dest, grbit, NULL);
}

static void set_pacing(bool on)
{
    if (on)
        unsetenv("JETDB_BACKUP_PACING");
    else
        setenv("JETDB_BACKUP_PACING", "0", 1);
}

/* ---- SQLite ------------------------------------------------------------------ */

static void sq_exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        bench_die("sqlite: %s: %s", sql, msg ? msg : "?");
}

static sqlite3 *sq_open_path(const char *path)
{
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK)
        bench_die("sqlite: open %s: %s", path, sqlite3_errmsg(db));
    sqlite3_busy_timeout(db, 60000);
    return db;
}

static double sq_load(const char *path, uint64_t rows, size_t vlen)
{
    sqlite3 *db = sq_open_path(path);
    sq_exec(db, "PRAGMA journal_mode=WAL");
    sq_exec(db, "PRAGMA synchronous=NORMAL");
    sq_exec(db, "CREATE TABLE kv(k BLOB PRIMARY KEY, v BLOB NOT NULL) WITHOUT ROWID");
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "INSERT INTO kv(k, v) VALUES(?1, ?2)", -1, &st, NULL) != SQLITE_OK)
        bench_die("sqlite: prepare: %s", sqlite3_errmsg(db));
    uint8_t key[BENCH_KLEN];
    uint8_t *val = malloc(vlen);
    uint64_t per = (8u << 20) / vlen + 1;
    double t0 = bench_now();
    for (uint64_t i = 0; i < rows;) {
        if (i + per >= rows)
            sq_exec(db, "PRAGMA synchronous=FULL");
        sq_exec(db, "BEGIN");
        for (uint64_t k = 0; k < per && i < rows; k++, i++) {
            bench_key(i, key);
            fill_value(i, val, vlen);
            sqlite3_bind_blob(st, 1, key, BENCH_KLEN, SQLITE_STATIC);
            sqlite3_bind_blob(st, 2, val, (int)vlen, SQLITE_STATIC);
            if (sqlite3_step(st) != SQLITE_DONE)
                bench_die("sqlite: insert: %s", sqlite3_errmsg(db));
            sqlite3_reset(st);
        }
        sq_exec(db, "COMMIT");
    }
    double secs = bench_now() - t0;
    sqlite3_finalize(st);
    /* Everything into the main file, so that the backup reads one file. */
    sq_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
    sqlite3_close(db);
    free(val);
    return secs;
}

/* sqlite3_backup of src into a new file dst (synchronous=FULL: durable). */
static double sq_backup(const char *src, const char *dst)
{
    unlink(dst);
    sqlite3 *s = sq_open_path(src), *d = sq_open_path(dst);
    sq_exec(d, "PRAGMA synchronous=FULL");
    double t0 = bench_now();
    sqlite3_backup *b = sqlite3_backup_init(d, "main", s, "main");
    if (b == NULL)
        bench_die("sqlite3_backup_init: %s", sqlite3_errmsg(d));
    int rc = sqlite3_backup_step(b, -1);
    if (rc != SQLITE_DONE)
        bench_die("sqlite3_backup_step: %d", rc);
    if (sqlite3_backup_finish(b) != SQLITE_OK)
        bench_die("sqlite3_backup_finish: %s", sqlite3_errmsg(d));
    double secs = bench_now() - t0;
    sqlite3_close(d);
    sqlite3_close(s);
    return secs;
}

/* ---- a. full backup vs cp + sync vs sqlite3_backup ----------------------------- */

static char g_jdir[1100], g_sqpath[1100];
static uint64_t g_load_rows;

static void phase_full(void)
{
    char dest[1200], cpdir[1200], sqdst[1200], cmd[4000];
    double jet = 1e9, cp = 1e9, sq = 1e9;
    uint64_t jbytes = 0, cbytes = 0;
    for (int trial = 0; trial < 2; trial++) {
        /* cp + sync of the database file and every log file there now. */
        snprintf(cpdir, sizeof cpdir, "%s/cp", g_root);
        rmtree(cpdir);
        make_dir(cpdir);
        sh("sync");
        snprintf(cmd, sizeof cmd, "cp '%s' '%s'/edb*.log '%s'/ && sync", H.dbpath, g_jdir, cpdir);
        double t0 = bench_now();
        sh(cmd);
        double c = bench_now() - t0;
        cbytes = tree_bytes(cpdir);
        rmtree(cpdir);
        if (c < cp)
            cp = c;

        snprintf(dest, sizeof dest, "%s/full%d", g_root, trial);
        sh("sync");
        t0 = bench_now();
        jcheck(jet_backup(dest, 0), "JetBackupInstance (full)");
        double j = bench_now() - t0;
        jbytes = tree_bytes(dest);
        rmtree(dest);
        if (j < jet)
            jet = j;

        snprintf(sqdst, sizeof sqdst, "%s/sqlite-backup.db", g_root);
        sh("sync");
        double s = sq_backup(g_sqpath, sqdst);
        unlink(sqdst);
        if (s < sq)
            sq = s;
        fprintf(stderr, "  trial %d: jetdb %.2f s, cp+sync %.2f s, sqlite3_backup %.2f s\n", trial,
                j, c, s);
    }
    uint64_t sqbytes = file_size(g_sqpath);
    char what[120];
    snprintf(what, sizeof what, "full backup of %.0f MiB of rows: jetdb vs cp+sync (MB/s)",
             (double)O.db_mib);
    row *r = add_row(what, cp / jet);
    snprintf(r->a, sizeof r->a, "%.0f (%.2f s)", (double)jbytes / 1e6 / jet, jet);
    snprintf(r->b, sizeof r->b, "%.0f (%.2f s)", (double)cbytes / 1e6 / cp, cp);
    snprintf(r->note, sizeof r->note,
             "jetdb: %.0f MiB written (database %.0f MiB + logs), every page and log verified; "
             "cp: %.0f MiB (database + all log files); best of 2 each",
             mib(jbytes), mib(file_size(H.dbpath)), mib(cbytes));
    r = add_row("full backup: jetdb vs SQLite sqlite3_backup (time)", sq / jet);
    snprintf(r->a, sizeof r->a, "%.2f s", jet);
    snprintf(r->b, sizeof r->b, "%.2f s", sq);
    snprintf(r->note, sizeof r->note,
             "same rows; SQLite file %.0f MiB, backup_step(-1) into a new file, "
             "synchronous=FULL, no verification; ratio = SQLite time / jetdb time",
             mib(sqbytes));
}

/* ---- b. durable commits during back-to-back full backups ---------------------- */

typedef struct dur_arg {
    unsigned tid, run;
    atomic_bool *stop;
    float *lat;          /* microseconds */
    uint64_t n, cap;
} dur_arg;

static void *dur_worker(void *p)
{
    dur_arg *a = p;
    uint8_t key[BENCH_KLEN], val[BENCH_VLEN];
    while (!atomic_load(a->stop)) {
        bench_dur_key(a->run, a->tid, a->n, key);
        bench_value(a->n, val);
        double t0 = bench_now();
        txn *x;
        jcheck(txn_begin(H.log, &x), "txn_begin");
        jcheck(bt_insert(H.dur, txn_id(x), key, BENCH_KLEN, val, BENCH_VLEN), "bt_insert");
        jcheck(txn_commit(x, false, NULL), "txn_commit(durable)");
        if (a->n < a->cap)
            a->lat[a->n] = (float)((bench_now() - t0) * 1e6);
        a->n++;
    }
    return NULL;
}

typedef struct bk_loop {
    atomic_bool *stop;
    char dest[1200];
    unsigned done;
    double secs;         /* of the completed backups */
} bk_loop;

static void *backup_loop(void *p)
{
    bk_loop *b = p;
    while (!atomic_load(b->stop)) {
        double t0 = bench_now();
        JET_ERR err = jet_backup(b->dest, JET_bitBackupAtomic);
        if (err == JET_errBackupAbortByServer)
            break;
        jcheck(err, "JetBackupInstance (back to back)");
        b->done++;
        b->secs += bench_now() - t0;
    }
    return NULL;
}

static int cmp_float(const void *x, const void *y)
{
    float a = *(const float *)x, b = *(const float *)y;
    return a < b ? -1 : a > b;
}

typedef struct dur_res {
    uint64_t commits;
    double secs;
    float *lat;
    uint64_t nlat, caplat;
    unsigned backups;
    double backup_secs;
} dur_res;

/* Entries of a folder other than "new" (0 when it does not exist). */
static unsigned foreign_entries(const char *dir)
{
    char cmd[1300];
    snprintf(cmd, sizeof cmd, "ls -A '%s' 2>/dev/null | grep -vx new | wc -l", dir);
    FILE *p = popen(cmd, "r");
    unsigned v = 0;
    if (p == NULL || fscanf(p, "%u", &v) != 1)
        v = 0;
    if (p != NULL)
        pclose(p);
    return v;
}

/* mode 0: no backup; 1: paced backups; 2: unpaced backups. */
static void dur_slice(int mode, double seconds, unsigned run, dur_res *res)
{
    pthread_t th[64], bt;
    dur_arg args[64];
    atomic_bool stop = false;
    bk_loop bl;
    memset(&bl, 0, sizeof bl);
    bl.stop = &stop;
    snprintf(bl.dest, sizeof bl.dest, "%s/b2b", g_root);
    if (mode != 0) {
        set_pacing(mode == 1);
        if (pthread_create(&bt, NULL, backup_loop, &bl) != 0)
            bench_die("pthread_create");
        usleep(200000);   /* the first backup is under way */
    }
    double t0 = bench_now();
    for (unsigned i = 0; i < O.threads; i++) {
        args[i] = (dur_arg){ i, run, &stop, NULL, 0, 2000000 };
        args[i].lat = malloc(args[i].cap * sizeof(float));
        if (pthread_create(&th[i], NULL, dur_worker, &args[i]) != 0)
            bench_die("pthread_create");
    }
    usleep((useconds_t)(seconds * 1e6));
    atomic_store(&stop, true);
    for (unsigned i = 0; i < O.threads; i++)
        pthread_join(th[i], NULL);
    res->secs += bench_now() - t0;
    if (mode != 0) {
        /* The running backup is stopped (it does not count). */
        jcheck(JetStopBackupInstance((JET_INSTANCE)H.inst), "JetStopBackupInstance");
        pthread_join(bt, NULL);
        set_pacing(true);
        /* The stopped backup's files are removed in the background: let
         * that finish before the next slice measures anything. */
        while (foreign_entries(bl.dest) != 0)
            usleep(2000);
        res->backups += bl.done;
        res->backup_secs += bl.secs;
    }
    for (unsigned i = 0; i < O.threads; i++) {
        uint64_t n = args[i].n < args[i].cap ? args[i].n : args[i].cap;
        res->commits += args[i].n;
        if (res->nlat + n > res->caplat) {
            res->caplat = (res->nlat + n) * 2;
            res->lat = realloc(res->lat, res->caplat * sizeof(float));
        }
        memcpy(res->lat + res->nlat, args[i].lat, n * sizeof(float));
        res->nlat += n;
        free(args[i].lat);
    }
}

static double p99(dur_res *r)
{
    if (r->nlat == 0)
        return 0;
    qsort(r->lat, r->nlat, sizeof(float), cmp_float);
    return r->lat[(size_t)((double)(r->nlat - 1) * 0.99)];
}

static void phase_durable(void)
{
    dur_res res[3];
    memset(res, 0, sizeof res);
    unsigned run = 0;
    /* Two alternating slices per configuration (the VM's flush latency drifts). */
    for (int slice = 0; slice < 2; slice++)
        for (int m = 0; m < 3; m++) {
            dur_slice(m, O.seconds / 2, ++run, &res[m]);
            fprintf(stderr, "  durable slice %d, %s: %.0f commits/s so far\n", slice,
                    m == 0 ? "no backup" : m == 1 ? "paced backups" : "unpaced backups",
                    (double)res[m].commits / res[m].secs);
        }
    double rate[3], lat99[3];
    for (int m = 0; m < 3; m++) {
        rate[m] = (double)res[m].commits / res[m].secs;
        lat99[m] = p99(&res[m]);
    }
    double dbmb = (double)file_size(H.dbpath) / 1e6;
    for (int m = 1; m < 3; m++) {
        char what[120];
        snprintf(what, sizeof what, "durable commits/s, %llu threads, during back-to-back "
                 "full backups (%s) vs none",
                 (unsigned long long)O.threads, m == 1 ? "paced" : "UNPACED");
        row *r = add_row(what, rate[m] / rate[0]);
        snprintf(r->a, sizeof r->a, "%.0f", rate[m]);
        snprintf(r->b, sizeof r->b, "%.0f", rate[0]);
        snprintf(r->note, sizeof r->note,
                 "%u backups completed in the slices, %.0f MB/s each (database %.0f MB)",
                 res[m].backups,
                 res[m].backups ? dbmb * res[m].backups / res[m].backup_secs : 0.0, dbmb);
        snprintf(what, sizeof what, "p99 commit latency (ms) during backups (%s) vs none",
                 m == 1 ? "paced" : "UNPACED");
        r = add_row(what, lat99[m] / lat99[0]);
        snprintf(r->a, sizeof r->a, "%.2f", lat99[m] / 1e3);
        snprintf(r->b, sizeof r->b, "%.2f", lat99[0] / 1e3);
        snprintf(r->note, sizeof r->note, "ratio = with / without (goal <= 1.5x); %.1f s per "
                 "configuration in 2 alternating slices", O.seconds);
    }
    double bk_paced = res[1].backups ? dbmb * res[1].backups / res[1].backup_secs : 0;
    double bk_unpaced = res[2].backups ? dbmb * res[2].backups / res[2].backup_secs : 0;
    row *r = add_row("backup speed under the commit load (MB/s of database): paced vs unpaced",
                     bk_unpaced > 0 ? bk_paced / bk_unpaced : -1);
    snprintf(r->a, sizeof r->a, "%.0f", bk_paced);
    snprintf(r->b, sizeof r->b, "%.0f", bk_unpaced);
    for (int m = 0; m < 3; m++)
        free(res[m].lat);
}

/* ---- c. incremental backup time vs log bytes ------------------------------------ */

static void inc_series(const char *label, uint64_t rows, double *secs_out)
{
    char dest[1200];
    snprintf(dest, sizeof dest, "%s/inc-%s", g_root, label);
    rmtree(dest);
    jcheck(jet_backup(dest, JET_bitBackupAtomic), "JetBackupInstance (full before inc)");
    uint64_t rng = 99;
    size_t vlen = O.value_kib << 10;
    for (unsigned i = 0; i < O.ninc; i++) {
        uint64_t lb = jet_make_log(rows, vlen, O.inc_mib[i] << 20, &rng);
        uint64_t before = tree_bytes(dest);
        sh("sync");
        double t0 = bench_now();
        jcheck(jet_backup(dest, JET_bitBackupAtomic | JET_bitBackupIncremental),
               "JetBackupInstance (incremental)");
        double s = bench_now() - t0;
        uint64_t copied = tree_bytes(dest) - before;
        secs_out[i] = s;
        char what[120];
        snprintf(what, sizeof what, "incremental backup after %llu MiB of log, %s database",
                 (unsigned long long)O.inc_mib[i], label);
        row *r = add_row(what, -1);
        snprintf(r->a, sizeof r->a, "%.2f s", s);
        snprintf(r->b, sizeof r->b, "%.0f MB/s", (double)copied / 1e6 / s);
        snprintf(r->note, sizeof r->note,
                 "%.0f MiB of log written, %.0f MiB copied; database file %.0f MiB",
                 mib(lb), mib(copied), mib(file_size(H.dbpath)));
        fprintf(stderr, "  incremental, %s, %llu MiB: %.2f s\n", label,
                (unsigned long long)O.inc_mib[i], s);
    }
    rmtree(dest);
}

/* ---- d. JetStopBackupInstance to the backup's return --------------------------- */

typedef struct stop_arg {
    char dest[1200];
    JET_GRBIT grbit;
    JET_ERR err;
    _Atomic double t_ret;
} stop_arg;

static void *stop_backup_thread(void *p)
{
    stop_arg *a = p;
    a->err = jet_backup(a->dest, a->grbit);
    atomic_store(&a->t_ret, bench_now());
    return NULL;
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

/* Nearest-rank percentile of a sorted array. */
static double pct(const double *v, unsigned n, double p)
{
    if (n == 0)
        return 0;
    unsigned k = (unsigned)(p / 100.0 * n + 0.999999);
    if (k < 1)
        k = 1;
    if (k > n)
        k = n;
    return v[k - 1];
}

/*
 * stop_series --
 *     O.stops trials: a full backup (even trials: non-atomic into a fresh
 *     folder; odd ones: atomic into a folder that holds a complete backup,
 *     which must survive) is stopped at 10-80 % of the time a reference
 *     backup took (taken first, under the same load); the
 *     latency is JetStopBackupInstance -> JetBackupInstance returns.  Then
 *     the destination is polled until the stopped backup's files are gone
 *     (the background removal), which is timed too.  With `load`, --threads
 *     threads commit durably meanwhile (the backup's pacing is active).
 */
static void stop_series(bool load)
{
    double full_secs;
    double lat[64], gone[64];
    unsigned n = 0, finished = 0, changed = 0;
    uint64_t rng = load ? 777 : 4242;
    char atomic_dest[1200], newdir[1300], list0[4000] = "", list1[4000] = "";
    snprintf(atomic_dest, sizeof atomic_dest, "%s/stop-atomic", g_root);
    snprintf(newdir, sizeof newdir, "%s/new", atomic_dest);
    pthread_t th[64];
    dur_arg args[64];
    atomic_bool stop_load = false;
    if (load)
        for (unsigned i = 0; i < O.threads; i++) {
            args[i] = (dur_arg){ i, 90 + i, &stop_load, NULL, 0, 0 };
            if (pthread_create(&th[i], NULL, dur_worker, &args[i]) != 0)
                bench_die("pthread_create");
        }
    /* The kept backup; its duration (under the same load) scales the stop
     * moments. */
    rmtree(atomic_dest);
    double t_ref = bench_now();
    jcheck(jet_backup(atomic_dest, JET_bitBackupAtomic), "JetBackupInstance (atomic, before stops)");
    full_secs = bench_now() - t_ref;
    fprintf(stderr, "  reference atomic full backup%s: %.2f s\n", load ? " under load" : "",
            full_secs);
    char cmd[1400];
    snprintf(cmd, sizeof cmd, "cd '%s' && ls -l --time-style=+%%s . | tr '\\n' ' '", newdir);
    FILE *p = popen(cmd, "r");
    if (p == NULL || fgets(list0, sizeof list0, p) == NULL)
        bench_die("listing %s", newdir);
    pclose(p);

    for (uint64_t i = 0; i < O.stops && n < 64; i++) {
        stop_arg a;
        memset(&a, 0, sizeof a);
        bool atomic = (i & 1) != 0;
        if (atomic) {
            snprintf(a.dest, sizeof a.dest, "%s", atomic_dest);
            a.grbit = JET_bitBackupAtomic;
        } else {
            snprintf(a.dest, sizeof a.dest, "%s/stop%llu", g_root, (unsigned long long)i);
        }
        pthread_t bt;
        if (pthread_create(&bt, NULL, stop_backup_thread, &a) != 0)
            bench_die("pthread_create");
        double frac = 0.1 + 0.7 * (double)(bench_splitmix(&rng) % 1000) / 1000.0;
        usleep((useconds_t)(frac * full_secs * 1e6));
        double t0 = bench_now();
        jcheck(JetStopBackupInstance((JET_INSTANCE)H.inst), "JetStopBackupInstance");
        pthread_join(bt, NULL);
        if (a.err != JET_errBackupAbortByServer) {
            jcheck(a.err, "JetBackupInstance (stop trial)");
            fprintf(stderr, "  stop trial %llu: the backup finished before the stop\n",
                    (unsigned long long)i);
            finished++;
            if (atomic) {   /* a new complete backup: the reference changes */
                p = popen(cmd, "r");
                if (p == NULL || fgets(list0, sizeof list0, p) == NULL)
                    bench_die("listing %s", newdir);
                pclose(p);
            } else {
                rmtree(a.dest);
            }
            continue;
        }
        double d = atomic_load(&a.t_ret) - t0;
        /* The stopped backup's files go away (in the background). */
        double g;
        for (;;) {
            g = bench_now() - t0;
            if (foreign_entries(a.dest) == 0)
                break;
            if (g > 60)
                bench_die("the stopped backup left files in %s", a.dest);
            usleep(2000);
        }
        if (atomic) {
            p = popen(cmd, "r");
            if (p == NULL || fgets(list1, sizeof list1, p) == NULL)
                bench_die("listing %s", newdir);
            pclose(p);
            if (strcmp(list0, list1) != 0) {
                fprintf(stderr, "  stop trial %llu: the stopped backup CHANGED the previous one "
                        "in %s\n", (unsigned long long)i, newdir);
                changed++;
                snprintf(list0, sizeof list0, "%s", list1);
            }
        } else {
            rmtree(a.dest);
        }
        fprintf(stderr, "  stop trial %llu (%s, at %.0f%%): returned after %.1f ms, "
                "files gone after %.1f ms\n", (unsigned long long)i,
                atomic ? "atomic" : "non-atomic", frac * 100, d * 1e3, g * 1e3);
        lat[n] = d;
        gone[n] = g;
        n++;
    }
    if (load) {
        atomic_store(&stop_load, true);
        for (unsigned i = 0; i < O.threads; i++)
            pthread_join(th[i], NULL);
    }
    rmtree(atomic_dest);
    qsort(lat, n, sizeof lat[0], cmp_double);
    qsort(gone, n, sizeof gone[0], cmp_double);
    char what[120];
    snprintf(what, sizeof what, "JetStopBackupInstance -> full backup returns (ms)%s",
             load ? ", under commit load" : "");
    row *r = add_row(what, -1);
    snprintf(r->a, sizeof r->a, "median %.1f", pct(lat, n, 50) * 1e3);
    snprintf(r->b, sizeof r->b, "p99 %.1f", pct(lat, n, 99) * 1e3);
    snprintf(r->note, sizeof r->note,
             "%u trials stopped at 10-80%% of a full backup (%u finished first), half atomic "
             "over a kept backup (changed by the stop: %u); goal < 100 ms; max %.1f ms%s", n,
             finished, changed, n ? lat[n - 1] * 1e3 : 0.0,
             load ? "; durable commits of --threads threads meanwhile" : "");
    snprintf(what, sizeof what, "  stop -> the stopped backup's files are gone (ms)%s",
             load ? ", under commit load" : "");
    r = add_row(what, -1);
    snprintf(r->a, sizeof r->a, "median %.1f", pct(gone, n, 50) * 1e3);
    snprintf(r->b, sizeof r->b, "p99 %.1f", pct(gone, n, 99) * 1e3);
    snprintf(r->note, sizeof r->note, "destination polled every 2 ms");
}

static void phase_stop(void)
{
    stop_series(false);
    stop_series(true);
}

/* ---- report and main ----------------------------------------------------------------- */

static void print_report(void)
{
    printf("\n== jetdb online backup (SQLite %s beside it) ==\n", sqlite3_libversion());
    printf("rows: %u-byte key + %llu KiB value, key order; page size 4 KiB; data in %s\n",
           BENCH_KLEN, (unsigned long long)O.value_kib, g_root);
    printf("%-82s | %-18s | %-18s | %s\n", "figure", "jetdb / with", "other / without",
           "ratio");
    for (unsigned i = 0; i < g_nrows; i++) {
        row *r = &g_rows[i];
        char ratio[32] = "";
        if (r->ratio >= 0)
            snprintf(ratio, sizeof ratio, "%.2fx", r->ratio);
        printf("%-82s | %-18s | %-18s | %s\n", r->what, r->a, r->b, ratio);
        if (r->note[0])
            printf("    (%s)\n", r->note);
    }
    fflush(stdout);
}

int main(int argc, char **argv)
{
    parse_opts(argc, argv);
    make_dir(O.dir);
    snprintf(g_root, sizeof g_root, "%s/backup-%ld", O.dir, (long)getpid());
    make_dir(g_root);
    char real[PATH_MAX];
    if (realpath(g_root, real) != NULL)
        snprintf(g_root, sizeof g_root, "%s", real);
    double t_start = bench_now();
    size_t vlen = O.value_kib << 10;
    double inc_small[MAXLIST] = { 0 }, inc_big[MAXLIST] = { 0 };

    /* c, small database first (its own instance). */
    if (O.do_inc) {
        snprintf(g_jdir, sizeof g_jdir, "%s/small", g_root);
        make_dir(g_jdir);
        if (bench_jet.open(g_jdir, 256ull << 20) != 0)
            bench_die("jetdb open");
        bench_jet_get_handles(&H);
        uint64_t rows = (O.small_db_mib << 20) / vlen;
        jet_load(rows, vlen);
        fprintf(stderr, "incremental backups, small database\n");
        inc_series("small", rows, inc_small);
        if (bench_jet.close() != 0)
            bench_die("jetdb close");
        rmtree(g_jdir);
    }

    snprintf(g_jdir, sizeof g_jdir, "%s/jetdb", g_root);
    make_dir(g_jdir);
    if (bench_jet.open(g_jdir, 1024ull << 20) != 0)
        bench_die("jetdb open");
    bench_jet_get_handles(&H);
    g_load_rows = (O.db_mib << 20) / vlen;
    fprintf(stderr, "loading %llu rows (%llu MiB) into jetdb...\n", (unsigned long long)g_load_rows,
            (unsigned long long)O.db_mib);
    double jl = jet_load(g_load_rows, vlen);
    fprintf(stderr, "  jetdb load: %.1f s, %.1f MB/s\n", jl, (double)(O.db_mib << 20) / 1e6 / jl);
    /* The first full backup: truncates the load's logs, as in production. */
    char first[1200];
    snprintf(first, sizeof first, "%s/first", g_root);
    double t0 = bench_now();
    jcheck(jet_backup(first, 0), "JetBackupInstance (first full)");
    double full_secs = bench_now() - t0;
    rmtree(first);
    row *lr = add_row("bulk load (MB/s of row data)", -1);
    snprintf(lr->a, sizeof lr->a, "%.1f (%.0f s)", (double)(O.db_mib << 20) / 1e6 / jl, jl);
    snprintf(lr->note, sizeof lr->note, "database file %.0f MiB; first full backup %.2f s",
             mib(file_size(H.dbpath)), full_secs);

    if (O.do_full) {
        snprintf(g_sqpath, sizeof g_sqpath, "%s/sqlite.db", g_root);
        fprintf(stderr, "loading the same rows into SQLite...\n");
        double sl = sq_load(g_sqpath, g_load_rows, vlen);
        snprintf(lr->b, sizeof lr->b, "%.1f (%.0f s)", (double)(O.db_mib << 20) / 1e6 / sl, sl);
        fprintf(stderr, "full backups\n");
        phase_full();
        unlink(g_sqpath);
    }
    if (O.do_durable) {
        fprintf(stderr, "durable commits during back-to-back backups\n");
        phase_durable();
        char b2b[1200];
        snprintf(b2b, sizeof b2b, "%s/b2b", g_root);
        rmtree(b2b);
    }
    if (O.do_inc) {
        fprintf(stderr, "incremental backups, big database\n");
        inc_series("big", g_load_rows, inc_big);
        for (unsigned i = 0; i < O.ninc; i++) {
            char what[120];
            snprintf(what, sizeof what,
                     "incremental time after %llu MiB of log: big / small database",
                     (unsigned long long)O.inc_mib[i]);
            row *r = add_row(what, inc_small[i] > 0 ? inc_big[i] / inc_small[i] : -1);
            snprintf(r->a, sizeof r->a, "%.2f s", inc_big[i]);
            snprintf(r->b, sizeof r->b, "%.2f s", inc_small[i]);
            snprintf(r->note, sizeof r->note, "databases of %llu vs %llu MiB of rows; "
                     "about 1.0x = does not grow with the database",
                     (unsigned long long)O.db_mib, (unsigned long long)O.small_db_mib);
        }
    }
    if (O.do_stop) {
        fprintf(stderr, "stop trials\n");
        phase_stop();
    }
    if (bench_jet.close() != 0)
        bench_die("jetdb close");
    print_report();
    printf("(total %.0f s)\n", bench_now() - t_start);
    if (!O.keep)
        rmtree(g_root);
    return 0;
}
