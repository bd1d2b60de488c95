/*
 * bench_restore.c: the restore benchmark of issue 6 (point 5).
 *
 *   (a) restore of a full backup vs `cp` + `sync` of the same files:
 *       JetRestoreInstance of a JetBackupInstance folder (database copy of
 *       --db-mib MiB + the backup's logs) into a fresh folder, against
 *       `cp -r <backup>/. <fresh folder> && sync`; printed as a ratio
 *       (cp time / restore time; above 1 means the restore is faster).
 *   (b) log replay throughput: after the full backup --inc-log-mib MiB of
 *       log are written in --inc-steps steps, each followed by an
 *       incremental backup into the same folder; the whole chain is then
 *       restored into a fresh folder and the replay is timed from the end
 *       of the database copy (the first JET_sntProgress) to JET_sntComplete.
 *       MiB/s = bytes of the backup set's log files / that time.
 *
 * Data goes in through the storage core's internal API (as bench_core and
 * tests/core do; there is no table API yet): one B-tree, values of
 * --value-kib KiB (long values), keys in ascending order, transactions of
 * --batch rows committed lazily, the last one durably.
 *
 * Options (each also BENCH_<NAME> in the environment, e.g. BENCH_DB_MIB):
 *   --dir DIR           work folder (a fresh run-<pid> inside)   [./bench-data]
 *   --db-mib N          row data of the full backup's database        [256]
 *   --inc-log-mib N     log written after the full backup (b)        [128]
 *   --inc-steps N       incremental backups over that log              [4]
 *   --value-kib N       value size of a row, KiB                      [64]
 *   --batch N           rows per lazy transaction                     [16]
 *   --runs N            timed repetitions of each side of (a)          [2]
 *   --cache-mib N       JET_paramCacheSizeMax in MiB (0: jetdb's default,
 *                       a quarter of physical memory)                  [0]
 *   --phases LIST       any of full,replay                   [full,replay]
 *   --keep              keep the data folder
 *   --restore-from DIR  only restore the backup folder DIR (--runs times) into
 *                       fresh folders: for profiling (perf record) a kept run
 *   --cp                with --restore-from: also time cp + sync of DIR before
 *                       each restore and print the ratio of each pair
 *   --flush-mib N       replay's background write-back every N MiB of log
 *                       (0: jetdb's default, 64; a huge N turns it off)
 *
 * Figures: every run of (a) is a pair (cp + sync, then restore) whose ratio
 * is computed; the median of those ratios is the headline (the machine is
 * shared and its disk's speed drifts, so one pair's sides are comparable,
 * different pairs much less).  (b) prints the median of the runs' MiB/s.
 */
#include "bench.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "btree/btree.h"
#include "cache/cache.h"
#include "db/db.h"
#include "esent.h"
#include "inst/inst.h"
#include "jetdb.h"
#include "log/log.h"
#include "recovery/recovery.h"
#include "store/store.h"
#include "txn/txn.h"
#include "util/errtext.h"

#define PAGE 4096u

static struct {
    char dir[900];
    uint64_t db_mib, inc_log_mib, inc_steps, value_kib, batch, runs, cache_mib, flush_mib;
    bool do_full, do_replay, keep, cp;
    char restore_from[900];
} O = { "./bench-data", 256, 128, 4, 64, 16, 2, 0, 0, true, true, false, false, "" };

static char g_run[1000], g_live[1100], g_bk[1100];

/* ---- helpers ------------------------------------------------------------ */

static void jcheck(const char *op, JET_ERR err)
{
    if (err < 0) {
        const char *n = errtext_name(err);
        bench_die("jetdb: %s failed: %d (%s)", op, (int)err, n ? n : "?");
    }
}

static void sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void sh(const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    int rc = system(cmd);
    if (rc != 0)
        bench_die("command failed (%d): %s", rc, cmd);
}

/* Bytes of the regular files of a folder whose name ends with suffix
 * (NULL: every file). */
static uint64_t folder_bytes(const char *dir, const char *suffix)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return 0;
    uint64_t total = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char p[2200];
        struct stat st;
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        if (stat(p, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        size_t n = strlen(e->d_name), s = suffix ? strlen(suffix) : 0;
        if (suffix != NULL && (n < s || strcmp(e->d_name + n - s, suffix) != 0))
            continue;
        total += (uint64_t)st.st_size;
    }
    closedir(d);
    return total;
}

static double mib(uint64_t b)
{
    return (double)b / (1024.0 * 1024.0);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Median of n values (sorts them). */
static double median(double *v, size_t n)
{
    if (n == 0)
        return 0;
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The values as "a / b / c". */
static void print_list(const char *fmt, const double *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            printf(" / ");
        printf(fmt, v[i]);
    }
}

/* ---- the live instance ---------------------------------------------------- */

static struct {
    JET_INSTANCE inst;
    JET_SESID ses;
    JET_DBID dbid;
    db *d;
    st_db *st;
    struct log *log;
    bt_tree *t;
    uint32_t objid;
    uint64_t next_row;
} L;

static void folder_instance(JET_INSTANCE *pi, const char *name, const char *dir)
{
    char folder[1200];
    snprintf(folder, sizeof folder, "%s/", dir);
    jcheck("JetCreateInstance", JetCreateInstanceA(pi, name));
    jcheck("SystemPath", JetSetSystemParameterA(pi, 0, JET_paramSystemPath, 0, folder));
    jcheck("LogFilePath", JetSetSystemParameterA(pi, 0, JET_paramLogFilePath, 0, folder));
    jcheck("TempPath", JetSetSystemParameterA(pi, 0, JET_paramTempPath, 0, folder));
    jcheck("CreatePathIfNotExist",
           JetSetSystemParameterA(pi, 0, JET_paramCreatePathIfNotExist, 1, NULL));
}

static void live_open(bool create)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/bench.edb", g_live);
    folder_instance(&L.inst, "live", g_live);
    jcheck("JetInit", JetInit(&L.inst));
    jcheck("JetBeginSession", JetBeginSessionA(L.inst, &L.ses, NULL, NULL));
    if (create) {
        jcheck("JetCreateDatabase", JetCreateDatabaseA(L.ses, path, NULL, &L.dbid, 0));
    } else {
        jcheck("JetAttachDatabase", JetAttachDatabaseA(L.ses, path, 0));
        jcheck("JetOpenDatabase", JetOpenDatabaseA(L.ses, path, NULL, &L.dbid, 0));
    }
    sess *s;
    jcheck("sess_acquire", sess_acquire(L.ses, &s));
    JET_ERR err = db_pin_opened(s, L.dbid, &L.d);
    L.log = s->owner->log;
    sess_release(s);
    jcheck("db_pin_opened", err);
    L.st = L.d->store;
    if (create) {
        txn *x;
        jcheck("txn_begin", txn_begin(L.log, &x));
        jcheck("st_tree_create", st_tree_create(L.st, txn_id(x), &L.objid));
        jcheck("txn_commit", txn_commit(x, false, NULL));
    }
    jcheck("st_tree_open", st_tree_open(L.st, L.objid, &L.t));
}

static void live_close(void)
{
    db_unpin(L.d);
    L.d = NULL;
    jcheck("JetCloseDatabase", JetCloseDatabase(L.ses, L.dbid, 0));
    jcheck("JetEndSession", JetEndSession(L.ses, 0));
    jcheck("JetTerm", JetTerm2(L.inst, 0));
}

/* Insert rows until `bytes` of values went in; lazy commits, last durable. */
static void load(uint64_t bytes)
{
    size_t vlen = (size_t)O.value_kib * 1024u;
    uint8_t *val = malloc(vlen);
    if (val == NULL)
        bench_die("out of memory");
    uint64_t rows = (bytes + vlen - 1) / vlen;
    uint64_t seed = 0x1234567u;
    for (uint64_t i = 0; i < rows;) {
        txn *x;
        jcheck("txn_begin", txn_begin(L.log, &x));
        uint64_t n = rows - i < O.batch ? rows - i : O.batch;
        for (uint64_t k = 0; k < n; k++, i++) {
            uint8_t key[BENCH_KLEN];
            bench_key(L.next_row++, key);
            for (size_t b = 0; b + 8 <= vlen; b += 8) {
                uint64_t r = bench_splitmix(&seed);
                memcpy(val + b, &r, 8);
            }
            jcheck("bt_insert", bt_insert(L.t, txn_id(x), key, BENCH_KLEN, val, vlen));
        }
        jcheck("txn_commit", txn_commit(x, i < rows, NULL));
    }
    free(val);
}

/* ---- restores --------------------------------------------------------- */

/* Status callback: the time of the first JET_sntProgress (the database
 * copies are done: each is 1/11 of the units, the first notification) and
 * of JET_sntComplete. */
static double g_t_start, g_t_progress, g_t_complete;
/* CPU seconds (user + system, every thread of the process) at those two
 * moments: the replay's CPU time does not depend on how busy the machine
 * is, its wall time does. */
static double g_cpu_progress, g_cpu_complete;

static double cpu_now(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

static JET_ERR JET_API status_cb(JET_SESID sesid, JET_SNP snp, JET_SNT snt, void *pv)
{
    (void)sesid;
    (void)pv;
    if (snp != JET_snpRestore)
        return JET_errSuccess;
    if (snt == JET_sntProgress && g_t_progress == 0) {
        g_t_progress = bench_now();
        g_cpu_progress = cpu_now();
    }
    if (snt == JET_sntComplete) {
        g_t_complete = bench_now();
        g_cpu_complete = cpu_now();
    }
    return JET_errSuccess;
}

/* Pages the cache wrote during the last restore_into, and in how many
 * write calls. */
static uint64_t g_pages_written, g_write_ios;

/* Restore src into the fresh folder dst (instance folder + destination);
 * returns the wall time of JetRestoreInstance. */
static double restore_into(const char *src, const char *dst)
{
    sh("rm -rf '%s' && sync", dst);
    JET_INSTANCE ri = 0;
    folder_instance(&ri, "rst", dst);
    g_t_progress = g_t_complete = 0;
    cache_stats a, z;
    cache_get_stats(&a);
    double t0 = g_t_start = bench_now();
    jcheck("JetRestoreInstance", JetRestoreInstanceA(ri, src, dst, status_cb));
    double t = bench_now() - t0;
    cache_get_stats(&z);
    g_pages_written = z.writes - a.writes;
    g_write_ios = z.write_ios - a.write_ios;
    jcheck("JetTerm(restore)", JetTerm(ri));
    return t;
}

/* cp -r src/. dst && sync; returns the wall time. */
static double cp_sync(const char *src, const char *dst)
{
    sh("rm -rf '%s' && sync", dst);
    double t0 = bench_now();
    sh("mkdir -p '%s' && cp -r '%s/.' '%s/' && sync", dst, src, dst);
    return bench_now() - t0;
}

/* Check a restored folder: attach, count rows, compare with the expected. */
static void check_restored(const char *dir, uint64_t rows)
{
    JET_INSTANCE ci = 0;
    JET_SESID ses;
    JET_DBID dbid;
    char path[1200];
    snprintf(path, sizeof path, "%s/bench.edb", dir);
    folder_instance(&ci, "chk", dir);
    jcheck("JetInit(check)", JetInit(&ci));
    jcheck("JetBeginSession", JetBeginSessionA(ci, &ses, NULL, NULL));
    jcheck("JetAttachDatabase", JetAttachDatabaseA(ses, path, 0));
    jcheck("JetOpenDatabase", JetOpenDatabaseA(ses, path, NULL, &dbid, 0));
    sess *s;
    db *d;
    jcheck("sess_acquire", sess_acquire(ses, &s));
    JET_ERR err = db_pin_opened(s, dbid, &d);
    sess_release(s);
    jcheck("db_pin_opened", err);
    bt_tree *t;
    jcheck("st_tree_open", st_tree_open(d->store, L.objid, &t));
    bt_cursor *c;
    uint64_t n = 0;
    jcheck("bt_cursor_open", bt_cursor_open(t, &c));
    err = bt_cursor_first(c);
    while (err >= 0) {
        n++;
        err = bt_cursor_next(c);
    }
    bt_cursor_close(c);
    if (err != JET_errNoCurrentRecord)
        jcheck("scan", err);
    db_unpin(d);
    jcheck("JetCloseDatabase", JetCloseDatabase(ses, dbid, 0));
    jcheck("JetEndSession", JetEndSession(ses, 0));
    jcheck("JetTerm(check)", JetTerm2(ci, 0));
    if (n != rows)
        bench_die("restored %s holds %llu rows, expected %llu", dir, (unsigned long long)n,
                  (unsigned long long)rows);
}

/* ---- options ---------------------------------------------------------- */

static uint64_t num(const char *name, const char *v)
{
    char *end;
    errno = 0;
    unsigned long long x = strtoull(v, &end, 10);
    if (end == v || *end != '\0' || errno != 0)
        bench_die("bad value for %s: %s", name, v);
    return x;
}

static void phases(const char *v)
{
    O.do_full = strstr(v, "full") != NULL;
    O.do_replay = strstr(v, "replay") != NULL;
    if (!O.do_full && !O.do_replay)
        bench_die("--phases: full and/or replay");
}

static void parse(int argc, char **argv)
{
    static const struct {
        const char *opt, *env;
        uint64_t *p;
    } nums[] = {
        { "--db-mib", "BENCH_DB_MIB", &O.db_mib },
        { "--inc-log-mib", "BENCH_INC_LOG_MIB", &O.inc_log_mib },
        { "--inc-steps", "BENCH_INC_STEPS", &O.inc_steps },
        { "--value-kib", "BENCH_VALUE_KIB", &O.value_kib },
        { "--batch", "BENCH_BATCH", &O.batch },
        { "--runs", "BENCH_RUNS", &O.runs },
        { "--cache-mib", "BENCH_CACHE_MIB", &O.cache_mib },
        { "--flush-mib", "BENCH_FLUSH_MIB", &O.flush_mib },
    };
    for (size_t k = 0; k < sizeof nums / sizeof nums[0]; k++) {
        const char *e = getenv(nums[k].env);
        if (e != NULL && *e)
            *nums[k].p = num(nums[k].env, e);
    }
    const char *e = getenv("BENCH_DIR");
    if (e != NULL && *e)
        snprintf(O.dir, sizeof O.dir, "%s", e);
    if ((e = getenv("BENCH_PHASES")) != NULL && *e)
        phases(e);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool done = false;
        for (size_t k = 0; k < sizeof nums / sizeof nums[0] && !done; k++) {
            if (strcmp(a, nums[k].opt) == 0) {
                if (i + 1 >= argc)
                    bench_die("%s needs a value", a);
                *nums[k].p = num(a, argv[++i]);
                done = true;
            }
        }
        if (done)
            continue;
        if (strcmp(a, "--dir") == 0 && i + 1 < argc)
            snprintf(O.dir, sizeof O.dir, "%s", argv[++i]);
        else if (strcmp(a, "--phases") == 0 && i + 1 < argc)
            phases(argv[++i]);
        else if (strcmp(a, "--restore-from") == 0 && i + 1 < argc)
            snprintf(O.restore_from, sizeof O.restore_from, "%s", argv[++i]);
        else if (strcmp(a, "--keep") == 0)
            O.keep = true;
        else if (strcmp(a, "--cp") == 0)
            O.cp = true;
        else
            bench_die("unknown option %s (see bench/bench_restore.c)", a);
    }
    if (O.db_mib == 0 || O.value_kib == 0 || O.batch == 0 || O.runs == 0 || O.inc_steps == 0)
        bench_die("sizes, --batch, --runs and --inc-steps must be > 0");
}

/* ---- main ----------------------------------------------------------------- */

int main(int argc, char **argv)
{
    parse(argc, argv);
    setvbuf(stdout, NULL, _IOLBF, 0);
    snprintf(g_run, sizeof g_run, "%s/run-%d", O.dir, (int)getpid());
    snprintf(g_live, sizeof g_live, "%s/live", g_run);
    snprintf(g_bk, sizeof g_bk, "%s/bk", g_run);
    sh("mkdir -p '%s'", g_live);
    JetDbSetEventCallback(NULL, NULL, JETDB_bitEventNoSyslog);
    jcheck("DatabasePageSize",
           JetSetSystemParameterA(NULL, 0, JET_paramDatabasePageSize, PAGE, NULL));
    if (O.cache_mib != 0)
        jcheck("CacheSizeMax",
               JetSetSystemParameterA(NULL, 0, JET_paramCacheSizeMax,
                                      (JET_API_PTR)((O.cache_mib << 20) / PAGE), NULL));
    if (O.flush_mib != 0)
        rec_set_flush_interval(O.flush_mib > (1ull << 40) ? UINT64_MAX : O.flush_mib << 20);
    if (O.restore_from[0] != '\0') {
        uint64_t logs = folder_bytes(O.restore_from, ".log");
        uint64_t total = folder_bytes(O.restore_from, NULL);
        char rst[1200], cpd[1200];
        snprintf(rst, sizeof rst, "%s/rst-only", g_run);
        snprintf(cpd, sizeof cpd, "%s/cp-only", g_run);
        double *ratio = calloc(O.runs, sizeof *ratio), *speed = calloc(O.runs, sizeof *speed);
        if (ratio == NULL || speed == NULL)
            bench_die("out of memory");
        sh("mkdir -p '%s' && cat '%s'/* > /dev/null", g_run, O.restore_from);
        for (uint64_t r = 0; r < O.runs; r++) {
            double c = O.cp ? cp_sync(O.restore_from, cpd) : 0;
            if (O.cp)
                sh("rm -rf '%s'", cpd);
            double t = restore_into(O.restore_from, rst);
            double replay = g_t_complete - g_t_progress;
            ratio[r] = c / t;
            speed[r] = mib(logs) / replay;
            printf("restore of %s: %.2f s (copy %.2f s, replay + close %.2f s = %.0f MiB/s of "
                   "%.1f MiB of log, CPU %.2f s; %llu pages written in %llu I/Os)",
                   O.restore_from, t, g_t_progress - g_t_start, replay, speed[r], mib(logs),
                   g_cpu_complete - g_cpu_progress, (unsigned long long)g_pages_written,
                   (unsigned long long)g_write_ios);
            if (O.cp)
                printf("; cp + sync of %.1f MiB %.2f s, ratio %.2fx", mib(total), c, ratio[r]);
            printf("\n");
        }
        if (O.cp) {
            printf("median ratio cp+sync / restore of %llu runs: %.2fx (",
                   (unsigned long long)O.runs, median(ratio, O.runs));
            print_list("%.2f", ratio, O.runs);
            printf(")\n");
        }
        printf("median replay speed of %llu runs: %.0f MiB/s (", (unsigned long long)O.runs,
               median(speed, O.runs));
        print_list("%.0f", speed, O.runs);
        printf(")\n");
        free(ratio);
        free(speed);
        sh("rm -rf '%s'", g_run);
        return 0;
    }
    printf("restore benchmark: database %llu MiB of rows (values of %llu KiB), then %llu MiB of "
           "log in %llu incremental backups; data in %s\n",
           (unsigned long long)O.db_mib, (unsigned long long)O.value_kib,
           (unsigned long long)O.inc_log_mib, (unsigned long long)O.inc_steps, g_run);

    /* The database and its full backup. */
    double t0 = bench_now();
    live_open(true);
    load(O.db_mib << 20);
    double t_load = bench_now() - t0;
    t0 = bench_now();
    jcheck("JetBackupInstance(full)", JetBackupInstanceA(L.inst, g_bk, 0, NULL));
    double t_backup = bench_now() - t0;
    uint64_t rows_full = L.next_row;
    live_close();
    uint64_t db_bytes = folder_bytes(g_bk, ".edb");
    uint64_t full_log = folder_bytes(g_bk, ".log");
    printf("load: %llu rows in %.1f s (%.1f MiB/s); full backup %.1f s: database copy %.1f MiB, "
           "%.1f MiB of logs\n",
           (unsigned long long)rows_full, t_load, (double)O.db_mib / t_load, t_backup,
           mib(db_bytes), mib(full_log));

    if (O.do_full) {
        char rst[1200], cpd[1200];
        snprintf(rst, sizeof rst, "%s/rst-full", g_run);
        snprintf(cpd, sizeof cpd, "%s/cp-full", g_run);
        uint64_t total = folder_bytes(g_bk, NULL);
        /* Both sides read the backup from the page cache (warm it). */
        sh("cat '%s'/* > /dev/null", g_bk);
        double best_r = 1e30, best_c = 1e30;
        double *ratio = calloc(O.runs, sizeof *ratio);
        if (ratio == NULL)
            bench_die("out of memory");
        for (uint64_t r = 0; r < O.runs; r++) {
            double c = cp_sync(g_bk, cpd);
            double t = restore_into(g_bk, rst);
            ratio[r] = c / t;
            printf("  run %llu: cp + sync %.2f s, restore %.2f s (copy %.2f s, replay + close "
                   "%.2f s), ratio %.2fx\n",
                   (unsigned long long)r + 1, c, t, g_t_progress - g_t_start,
                   g_t_complete - g_t_progress, ratio[r]);
            if (c < best_c)
                best_c = c;
            if (t < best_r)
                best_r = t;
        }
        check_restored(rst, rows_full);
        sh("rm -rf '%s' '%s'", cpd, rst);
        printf("restore of a full backup (%.1f MiB: database %.1f MiB + logs), best of %llu: "
               "restore %.2f s (%.0f MiB/s), cp + sync %.2f s (%.0f MiB/s), ratio %.2fx\n",
               mib(total), mib(db_bytes), (unsigned long long)O.runs, best_r,
               mib(total) / best_r, best_c, mib(total) / best_c, best_c / best_r);
        printf("restore of a full backup: median of the %llu runs' ratios (cp + sync / restore) "
               "%.2fx (", (unsigned long long)O.runs, median(ratio, O.runs));
        print_list("%.2f", ratio, O.runs);
        printf(")\n");
        free(ratio);
    }

    if (O.do_replay) {
        live_open(false);
        t0 = bench_now();
        uint64_t step = (O.inc_log_mib << 20) / O.inc_steps;
        for (uint64_t k = 0; k < O.inc_steps; k++) {
            /* Values are logged once (long-value pages) plus a little per row. */
            load(step);
            jcheck("JetBackupInstance(incremental)",
                   JetBackupInstanceA(L.inst, g_bk, JET_bitBackupIncremental, NULL));
        }
        double t_inc = bench_now() - t0;
        uint64_t rows_all = L.next_row;
        live_close();
        uint64_t log_bytes = folder_bytes(g_bk, ".log");
        printf("incremental phase: %llu rows, %llu incremental backups in %.1f s; backup set: "
               "%.1f MiB of logs (%.1f MiB after the full backup)\n",
               (unsigned long long)(rows_all - rows_full), (unsigned long long)O.inc_steps,
               t_inc, mib(log_bytes), mib(log_bytes - full_log));
        char rst[1200];
        snprintf(rst, sizeof rst, "%s/rst-chain", g_run);
        sh("cat '%s'/* > /dev/null", g_bk);
        double best = 1e30, best_total = 0;
        double *speed = calloc(O.runs, sizeof *speed);
        if (speed == NULL)
            bench_die("out of memory");
        for (uint64_t r = 0; r < O.runs; r++) {
            double t = restore_into(g_bk, rst);
            double replay = g_t_complete - g_t_progress;
            speed[r] = mib(log_bytes) / replay;
            printf("  run %llu: restore %.2f s, replay + close %.2f s (%.0f MiB/s of log, CPU %.2f "
                   "s; %llu pages written in %llu I/Os)\n",
                   (unsigned long long)r + 1, t, replay, mib(log_bytes) / replay,
                   g_cpu_complete - g_cpu_progress, (unsigned long long)g_pages_written,
                   (unsigned long long)g_write_ios);
            if (replay < best) {
                best = replay;
                best_total = t;
            }
        }
        check_restored(rst, rows_all);
        sh("rm -rf '%s'", rst);
        printf("log replay, full backup + %.0f MiB of incremental logs (%.1f MiB of log), best "
               "of %llu: %.2f s = %.0f MiB/s of log (whole restore %.2f s)\n",
               mib(log_bytes - full_log), mib(log_bytes), (unsigned long long)O.runs, best,
               mib(log_bytes) / best, best_total);
        printf("log replay: median of the %llu runs %.0f MiB/s of log (",
               (unsigned long long)O.runs, median(speed, O.runs));
        print_list("%.0f", speed, O.runs);
        printf(")\n");
        free(speed);
    }
    if (!O.keep)
        sh("rm -rf '%s'", g_run);
    return 0;
}
