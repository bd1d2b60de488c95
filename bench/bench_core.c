/*
 * bench_core.c: the storage-core benchmark of issue 3 (point 7).
 *
 * Side by side in one run, on the same rows (bench.h) and the same disk:
 *   1. durable single-row commits/s with 1, 4 and 16 threads (jetdb: group
 *      commit; SQLite: WAL, synchronous=FULL, one connection per thread);
 *   2. bulk load MB/s: rows in a pseudo-random key order, transactions of
 *      --batch rows committed lazily, the last one durably;
 *   3. random point reads/s over the loaded rows after a full scan warmed
 *      the caches (1 thread and one per core);
 * each printed as "jetdb X, sqlite Y, ratio X/Y"; and
 *   4. peak resident memory of a child process that loads a database several
 *      times larger than jetdb's cache budget and reads it randomly, for two
 *      database sizes: VmHWM (and getrusage ru_maxrss) against the budget.
 *
 * Options (each also an environment variable BENCH_<NAME>, e.g. BENCH_ROWS):
 *   --dir DIR            work folder (a fresh sub-folder is made inside; must
 *                        be on a real disk, not tmpfs)       [./bench-data]
 *   --seconds S          duration of each durable-commit run          [3]
 *   --threads LIST       thread counts of the durable runs       [1,4,16]
 *   --rows N             rows of the bulk load / read data set   [500000]
 *   --batch N            rows per bulk-load transaction           [10000]
 *   --reads N            point reads per read run (all threads) [1000000]
 *   --read-threads LIST  thread counts of the read runs     [1,<nproc>]
 *   --cache-mib M        page cache of each engine (runs 1-3)      [1024]
 *   --rss-budget-mib M   jetdb cache budget of the memory runs        [16]
 *   --rss-sizes LIST     row data (MiB) of the memory runs         [32,64]
 *   --rss-reads N        random reads of each memory run         [300000]
 *   --phases LIST        any of durable,bulk,read,rss       [all of them]
 *   --jet-log-buffers N  jetdb JET_paramLogBuffers, 512-byte units [default]
 *   --jet-log-file-kib N jetdb JET_paramLogFileSize, KiB           [default]
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
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAXLIST 8
/* The documented bound on memory above the cache budget (bench/README.md). */
#define RSS_OVERHEAD_MIB 16.0
#define RSS_OVERHEAD_TXT "16 MiB"

typedef struct opts {
    char dir[900];
    double seconds;
    unsigned threads[MAXLIST], nthreads;
    uint64_t rows, batch, reads;
    unsigned read_threads[MAXLIST], nread_threads;
    uint64_t cache_mib;
    uint64_t rss_budget_mib;
    uint64_t rss_sizes[MAXLIST];
    unsigned nrss_sizes;
    uint64_t rss_reads;
    bool do_durable, do_bulk, do_read, do_rss;
    bool keep;
} opts;

static opts O;

/* ---- options -------------------------------------------------------------- */

static unsigned parse_list(const char *s, uint64_t *out)
{
    unsigned n = 0;
    while (*s && n < MAXLIST) {
        char *end;
        errno = 0;
        unsigned long long v = strtoull(s, &end, 10);
        if (end == s || errno != 0 || v == 0)
            bench_die("bad number list: %s", s);
        out[n++] = v;
        s = *end == ',' ? end + 1 : end;
        if (*end != ',' && *end != '\0')
            bench_die("bad number list: %s", s);
    }
    return n;
}

static void set_uints(unsigned *dst, unsigned *n, const char *s)
{
    uint64_t v[MAXLIST];
    *n = parse_list(s, v);
    for (unsigned i = 0; i < *n; i++)
        dst[i] = (unsigned)v[i];
}

static uint64_t parse_u64(const char *s)
{
    uint64_t v[MAXLIST];
    if (parse_list(s, v) != 1)
        bench_die("bad number: %s", s);
    return v[0];
}

static void set_phases(const char *s)
{
    O.do_durable = strstr(s, "durable") != NULL;
    O.do_bulk = strstr(s, "bulk") != NULL;
    O.do_read = strstr(s, "read") != NULL;
    O.do_rss = strstr(s, "rss") != NULL;
    if (O.do_read)
        O.do_bulk = true;   /* reads need the loaded rows */
}

/* Apply one option (name without dashes, as in the environment). */
static void set_opt(const char *name, const char *val)
{
    if (strcmp(name, "dir") == 0)
        snprintf(O.dir, sizeof O.dir, "%s", val);
    else if (strcmp(name, "seconds") == 0)
        O.seconds = atof(val);
    else if (strcmp(name, "threads") == 0)
        set_uints(O.threads, &O.nthreads, val);
    else if (strcmp(name, "rows") == 0)
        O.rows = parse_u64(val);
    else if (strcmp(name, "batch") == 0)
        O.batch = parse_u64(val);
    else if (strcmp(name, "reads") == 0)
        O.reads = parse_u64(val);
    else if (strcmp(name, "read-threads") == 0)
        set_uints(O.read_threads, &O.nread_threads, val);
    else if (strcmp(name, "cache-mib") == 0)
        O.cache_mib = parse_u64(val);
    else if (strcmp(name, "rss-budget-mib") == 0)
        O.rss_budget_mib = parse_u64(val);
    else if (strcmp(name, "rss-sizes") == 0)
        O.nrss_sizes = parse_list(val, O.rss_sizes);
    else if (strcmp(name, "rss-reads") == 0)
        O.rss_reads = parse_u64(val);
    else if (strcmp(name, "phases") == 0)
        set_phases(val);
    else if (strcmp(name, "jet-log-buffers") == 0)
        bench_jet_log_buffers = (unsigned long)parse_u64(val);
    else if (strcmp(name, "jet-log-file-kib") == 0)
        bench_jet_log_file_kib = (unsigned long)parse_u64(val);
    else
        bench_die("unknown option --%s (see the comment at the top of bench_core.c)", name);
}

static void parse_opts(int argc, char **argv)
{
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    snprintf(O.dir, sizeof O.dir, "./bench-data");
    O.seconds = 3;
    O.threads[0] = 1, O.threads[1] = 4, O.threads[2] = 16, O.nthreads = 3;
    O.rows = 500000;
    O.batch = 10000;
    O.reads = 1000000;
    O.read_threads[0] = 1, O.nread_threads = 1;
    if (ncpu > 1)
        O.read_threads[O.nread_threads++] = (unsigned)ncpu;
    O.cache_mib = 1024;
    O.rss_budget_mib = 16;
    O.rss_sizes[0] = 32, O.rss_sizes[1] = 64, O.nrss_sizes = 2;
    O.rss_reads = 300000;
    O.do_durable = O.do_bulk = O.do_read = O.do_rss = true;

    static const char *const names[] = { "dir", "seconds", "threads", "rows", "batch",
                                         "reads", "read-threads", "cache-mib",
                                         "rss-budget-mib", "rss-sizes", "rss-reads", "phases",
                                         "jet-log-buffers", "jet-log-file-kib" };
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
        if (strcmp(argv[i], "--keep") == 0) {
            O.keep = true;
        } else if (strncmp(argv[i], "--", 2) == 0 && i + 1 < argc) {
            set_opt(argv[i] + 2, argv[i + 1]);
            i++;
        } else {
            bench_die("bad argument %s (see the comment at the top of bench_core.c)", argv[i]);
        }
    }
    if (O.batch == 0 || O.rows == 0)
        bench_die("rows and batch must be positive");
}

/* ---- folders --------------------------------------------------------------- */

static char g_root[1000];

static void make_dir(const char *path)
{
    if (mkdir(path, 0755) != 0 && errno != EEXIST)
        bench_die("mkdir %s: %s", path, strerror(errno));
}

static void rmtree(const char *path)
{
    if (O.keep)
        return;
    char cmd[1100];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    if (system(cmd) != 0)
        fprintf(stderr, "bench_core: could not remove %s\n", path);
}

static uint64_t du_bytes(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (uint64_t)st.st_size : 0;
}

/* ---- results ------------------------------------------------------------- */

typedef struct result {
    char what[96];
    double jet, sq;
    char unit[16];
    char note[320];
} result;

static result g_res[32];
static unsigned g_nres;

static result *add_result(const char *what, const char *unit)
{
    if (g_nres == sizeof g_res / sizeof g_res[0])
        bench_die("too many results");
    result *r = &g_res[g_nres++];
    memset(r, 0, sizeof *r);
    snprintf(r->what, sizeof r->what, "%s", what);
    snprintf(r->unit, sizeof r->unit, "%s", unit);
    return r;
}

static void check(int rc, const bench_engine *e, const char *phase)
{
    if (rc != 0)
        bench_die("%s: %s failed (see the message above)", e->name, phase);
}

/* ---- 1. durable single-row commits ----------------------------------------- */

typedef struct dur_arg {
    const bench_engine *e;
    unsigned run, tid;
    atomic_bool *stop;
    pthread_barrier_t *bar;
    uint64_t commits;
    int rc;
} dur_arg;

static void *dur_worker(void *p)
{
    dur_arg *a = p;
    void *ctx = NULL;
    a->rc = a->e->thread_open(&ctx);
    pthread_barrier_wait(a->bar);
    uint8_t key[BENCH_KLEN], val[BENCH_VLEN];
    uint64_t n = 0;
    while (a->rc == 0 && !atomic_load(a->stop)) {
        bench_dur_key(a->run, a->tid, n, key);
        bench_value(((uint64_t)a->run << 40) | ((uint64_t)a->tid << 32) | n, val);
        a->rc = a->e->commit_one(ctx, key, val);
        if (a->rc == 0)
            n++;
    }
    a->commits = n;
    if (ctx != NULL)
        a->e->thread_close(ctx);
    return NULL;
}

/* One slice of `seconds`: *commits and *secs are added to. */
static void run_durable(const bench_engine *e, unsigned run, unsigned nthreads, double seconds,
                        uint64_t *commits, double *secs_total)
{
    pthread_t th[64];
    dur_arg args[64];
    atomic_bool stop = false;
    pthread_barrier_t bar;
    if (nthreads > 64)
        bench_die("at most 64 threads");
    pthread_barrier_init(&bar, NULL, nthreads + 1);
    for (unsigned i = 0; i < nthreads; i++) {
        args[i] = (dur_arg){ e, run, i, &stop, &bar, 0, 0 };
        if (pthread_create(&th[i], NULL, dur_worker, &args[i]) != 0)
            bench_die("pthread_create");
    }
    pthread_barrier_wait(&bar);
    double t0 = bench_now();
    usleep((useconds_t)(seconds * 1e6));
    atomic_store(&stop, true);
    uint64_t total = 0;
    int rc = 0;
    for (unsigned i = 0; i < nthreads; i++) {
        pthread_join(th[i], NULL);
        total += args[i].commits;
        if (args[i].rc != 0)
            rc = args[i].rc;
    }
    double secs = bench_now() - t0;
    pthread_barrier_destroy(&bar);
    check(rc, e, "durable commits");
    *commits += total;
    *secs_total += secs;
}

/* Each engine runs DUR_SLICES slices of seconds / DUR_SLICES, alternating
 * (jetdb, sqlite, jetdb, sqlite): the disk's flush latency drifts on
 * virtual machines, and alternating gives both engines the same drift. */
#define DUR_SLICES 2

static void phase_durable(void)
{
    unsigned run = 0;
    for (unsigned i = 0; i < O.nthreads; i++) {
        unsigned n = O.threads[i];
        bench_jet_stats a, b, x, y;
        memset(&a, 0, sizeof a);
        memset(&b, 0, sizeof b);
        uint64_t jn = 0, sn = 0;
        double js = 0, ss = 0;
        for (unsigned s = 0; s < DUR_SLICES; s++) {
            bench_jet_get_stats(&x);
            run_durable(&bench_jet, ++run, n, O.seconds / DUR_SLICES, &jn, &js);
            bench_jet_get_stats(&y);
            b.log_flushes += y.log_flushes - x.log_flushes;
            b.log_flush_waits += y.log_flush_waits - x.log_flush_waits;
            b.log_bytes += y.log_bytes - x.log_bytes;
            b.log_rolls += y.log_rolls - x.log_rolls;
            b.cache_writes += y.cache_writes - x.cache_writes;
            run_durable(&bench_sqlite, ++run, n, O.seconds / DUR_SLICES, &sn, &ss);
        }
        double jet = (double)jn / js, sq = (double)sn / ss;
        char what[96];
        snprintf(what, sizeof what, "durable commits/s, %u thread%s", n, n == 1 ? "" : "s");
        result *r = add_result(what, "");
        r->jet = jet, r->sq = sq;
        double commits = (double)jn;
        uint64_t fl = b.log_flushes - a.log_flushes;
        snprintf(r->note, sizeof r->note,
                 "jetdb: %llu commits, %llu log flushes (write+fdatasync) = %.2f commits/flush, "
                 "%.0f log bytes written per commit, %llu log rolls, %llu page writes",
                 (unsigned long long)jn, (unsigned long long)fl,
                 fl ? commits / (double)fl : 0.0, (double)(b.log_bytes - a.log_bytes) / commits,
                 (unsigned long long)b.log_rolls, (unsigned long long)b.cache_writes);
        fprintf(stderr, "  %s: jetdb %.0f, sqlite %.0f\n", what, jet, sq);
    }
}

/* ---- 2. bulk load -------------------------------------------------------- */

/* Row loaded at position i: a fixed permutation of [0, rows). */
static uint64_t bulk_row(uint64_t i, uint64_t rows)
{
    return (i * 2654435761ull) % rows;   /* a prime above any row count here */
}

static double cpu_now(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
}

static double run_bulk(const bench_engine *e, uint64_t rows, uint64_t batch, double *wall,
                       double *cpu)
{
    void *ctx;
    check(e->thread_open(&ctx), e, "thread open");
    uint8_t key[BENCH_KLEN], val[BENCH_VLEN];
    double t0 = bench_now(), c0 = cpu_now();
    for (uint64_t i = 0; i < rows;) {
        uint64_t end = i + batch < rows ? i + batch : rows;
        check(e->bulk_begin(ctx, end == rows), e, "bulk begin");
        for (; i < end; i++) {
            uint64_t row = bulk_row(i, rows);
            bench_key(row, key);
            bench_value(row, val);
            check(e->bulk_put(ctx, key, val), e, "bulk insert");
        }
        check(e->bulk_commit(ctx, i == rows), e, "bulk commit");
    }
    double secs = bench_now() - t0;
    *wall = secs;
    *cpu = cpu_now() - c0;
    e->thread_close(ctx);
    return (double)rows * BENCH_ROW_BYTES / 1e6 / secs;
}

static void phase_bulk(void)
{
    bench_jet_stats a, b;
    bench_jet_get_stats(&a);
    double jw, jc, sw, sc;
    double jet = run_bulk(&bench_jet, O.rows, O.batch, &jw, &jc);
    bench_jet_get_stats(&b);
    fprintf(stderr, "  bulk load: jetdb %.1f MB/s\n", jet);
    double sq = run_bulk(&bench_sqlite, O.rows, O.batch, &sw, &sc);
    fprintf(stderr, "  bulk load: sqlite %.1f MB/s\n", sq);
    char what[96];
    snprintf(what, sizeof what, "bulk load MB/s (%llu rows, random order)",
             (unsigned long long)O.rows);
    result *r = add_result(what, "");
    r->jet = jet, r->sq = sq;
    snprintf(r->note, sizeof r->note,
             "wall/CPU s: jetdb %.1f/%.1f, sqlite %.1f/%.1f; jetdb: %.1f log bytes per row byte, "
             "%llu log flushes, %llu page writes, %llu log rolls",
             jw, jc, sw, sc,
             (double)(b.log_bytes - a.log_bytes) / ((double)O.rows * BENCH_ROW_BYTES),
             (unsigned long long)(b.log_flushes - a.log_flushes),
             (unsigned long long)(b.cache_writes - a.cache_writes),
             (unsigned long long)(b.log_rolls - a.log_rolls));
}

/* ---- 3. random point reads ------------------------------------------------ */

typedef struct read_arg {
    const bench_engine *e;
    unsigned tid;
    uint64_t reads, rows;
    pthread_barrier_t *bar;
    int rc;
    uint64_t scanned;
} read_arg;

static int verify(const bench_engine *e, uint64_t row, const uint8_t *got, size_t vlen, int rc)
{
    uint8_t want[BENCH_VLEN];
    if (rc == 1) {
        fprintf(stderr, "%s: row %llu not found\n", e->name, (unsigned long long)row);
        return -1;
    }
    bench_value(row, want);
    if (vlen != BENCH_VLEN || memcmp(got, want, BENCH_VLEN) != 0) {
        fprintf(stderr, "%s: row %llu has a wrong value (%zu bytes)\n", e->name,
                (unsigned long long)row, vlen);
        return -1;
    }
    return 0;
}

static void *read_worker(void *p)
{
    read_arg *a = p;
    void *ctx = NULL;
    a->rc = a->e->thread_open(&ctx);
    /* Warm this thread's cache (SQLite's cache is per connection). */
    if (a->rc == 0)
        a->rc = a->e->scan(ctx, &a->scanned);
    pthread_barrier_wait(a->bar);
    uint64_t rng = 0x1234567ull + a->tid * 0x9e3779b97f4a7c15ull;
    uint8_t key[BENCH_KLEN], val[BENCH_VLEN];
    for (uint64_t i = 0; a->rc == 0 && i < a->reads; i++) {
        uint64_t row = bench_splitmix(&rng) % a->rows;
        size_t vlen = 0;
        bench_key(row, key);
        int rc = a->e->get(ctx, key, val, &vlen);
        if (rc < 0)
            a->rc = rc;
        else
            a->rc = verify(a->e, row, val, vlen, rc);
    }
    pthread_barrier_wait(a->bar);
    if (ctx != NULL)
        a->e->thread_close(ctx);
    return NULL;
}

static double run_reads(const bench_engine *e, unsigned nthreads)
{
    pthread_t th[64];
    read_arg args[64];
    pthread_barrier_t bar;
    pthread_barrier_init(&bar, NULL, nthreads + 1);
    for (unsigned i = 0; i < nthreads; i++) {
        args[i] = (read_arg){ e, i, O.reads / nthreads, O.rows, &bar, 0, 0 };
        if (pthread_create(&th[i], NULL, read_worker, &args[i]) != 0)
            bench_die("pthread_create");
    }
    pthread_barrier_wait(&bar);   /* every thread warmed */
    double t0 = bench_now();
    pthread_barrier_wait(&bar);   /* every thread done */
    double secs = bench_now() - t0;
    int rc = 0;
    for (unsigned i = 0; i < nthreads; i++) {
        pthread_join(th[i], NULL);
        if (args[i].rc != 0)
            rc = args[i].rc;
        else if (args[i].scanned != O.rows)
            bench_die("%s: the warm-up scan saw %llu rows, %llu were loaded", e->name,
                      (unsigned long long)args[i].scanned, (unsigned long long)O.rows);
    }
    pthread_barrier_destroy(&bar);
    check(rc, e, "point reads");
    return (double)(O.reads / nthreads * nthreads) / secs;
}

static void phase_read(void)
{
    for (unsigned i = 0; i < O.nread_threads; i++) {
        unsigned n = O.read_threads[i];
        if (n > 64)
            bench_die("at most 64 threads");
        bench_jet_stats a, b;
        bench_jet_get_stats(&a);
        double jet = run_reads(&bench_jet, n);
        bench_jet_get_stats(&b);
        double sq = run_reads(&bench_sqlite, n);
        char what[96];
        snprintf(what, sizeof what, "random point reads/s, warm cache, %u thread%s", n,
                 n == 1 ? "" : "s");
        result *r = add_result(what, "");
        r->jet = jet, r->sq = sq;
        snprintf(r->note, sizeof r->note, "jetdb cache during the run: %llu misses",
                 (unsigned long long)(b.cache_misses - a.cache_misses));
        fprintf(stderr, "  %s: jetdb %.0f, sqlite %.0f\n", what, jet, sq);
    }
}

/* ---- 4. peak resident memory against the cache budget ----------------------- */

typedef struct rss_report {
    int ok;
    uint64_t rows, budget_bytes;
    uint64_t baseline_kib;        /* VmRSS before JetInit */
    uint64_t hwm_load_kib;        /* VmHWM after the load */
    uint64_t hwm_kib;             /* VmHWM at the end */
    uint64_t maxrss_kib;          /* getrusage ru_maxrss at the end */
    uint64_t db_bytes, log_bytes;
    double load_secs, read_secs;
    bench_jet_stats js;
} rss_report;

/* The child: load rows with a budget of budget_bytes, read randomly, report. */
static void rss_child(const char *dir, uint64_t rows, uint64_t budget_bytes, int fd)
{
    rss_report rep;
    memset(&rep, 0, sizeof rep);
    rep.rows = rows;
    rep.budget_bytes = budget_bytes;
    rep.baseline_kib = bench_vm_kib("VmRSS");
    const bench_engine *e = &bench_jet;
    check(e->open(dir, budget_bytes), e, "open");
    void *ctx;
    check(e->thread_open(&ctx), e, "thread open");
    uint8_t key[BENCH_KLEN], val[BENCH_VLEN];
    double t0 = bench_now();
    for (uint64_t i = 0; i < rows;) {
        uint64_t end = i + O.batch < rows ? i + O.batch : rows;
        check(e->bulk_begin(ctx, end == rows), e, "bulk begin");
        for (; i < end; i++) {
            uint64_t row = bulk_row(i, rows);
            bench_key(row, key);
            bench_value(row, val);
            check(e->bulk_put(ctx, key, val), e, "bulk insert");
        }
        check(e->bulk_commit(ctx, i == rows), e, "bulk commit");
    }
    rep.load_secs = bench_now() - t0;
    rep.hwm_load_kib = bench_vm_kib("VmHWM");
    uint64_t rng = 42;
    t0 = bench_now();
    for (uint64_t i = 0; i < O.rss_reads; i++) {
        uint64_t row = bench_splitmix(&rng) % rows;
        size_t vlen = 0;
        bench_key(row, key);
        int rc = e->get(ctx, key, val, &vlen);
        if (rc < 0 || verify(e, row, val, vlen, rc) != 0)
            bench_die("jetdb: random read in the memory run failed");
    }
    rep.read_secs = bench_now() - t0;
    e->thread_close(ctx);
    bench_jet_get_stats(&rep.js);
    rep.hwm_kib = bench_vm_kib("VmHWM");
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    rep.maxrss_kib = (uint64_t)ru.ru_maxrss;
    rep.log_bytes = rep.js.log_bytes;
    char path[1100];
    snprintf(path, sizeof path, "%s/bench.edb", dir);
    rep.db_bytes = du_bytes(path);
    check(e->close(), e, "close");
    rep.ok = 1;
    if (write(fd, &rep, sizeof rep) != (ssize_t)sizeof rep)
        _exit(3);
    _exit(0);
}

static rss_report g_rss[MAXLIST];

/* Runs before anything else, while this process is small and has no thread:
 * each child starts from a clean copy of it. */
static void phase_rss(void)
{
    uint64_t budget = O.rss_budget_mib << 20;
    for (unsigned i = 0; i < O.nrss_sizes; i++) {
        uint64_t rows = (O.rss_sizes[i] << 20) / BENCH_ROW_BYTES;
        char dir[1100];
        snprintf(dir, sizeof dir, "%s/rss%u", g_root, i);
        make_dir(dir);
        fprintf(stderr, "  memory run: %llu MiB of rows (%llu rows), budget %llu MiB...\n",
                (unsigned long long)O.rss_sizes[i], (unsigned long long)rows,
                (unsigned long long)O.rss_budget_mib);
        int fds[2];
        if (pipe(fds) != 0)
            bench_die("pipe: %s", strerror(errno));
        fflush(NULL);
        pid_t pid = fork();
        if (pid < 0)
            bench_die("fork: %s", strerror(errno));
        if (pid == 0) {
            close(fds[0]);
            rss_child(dir, rows, budget, fds[1]);
        }
        close(fds[1]);
        rss_report rep;
        memset(&rep, 0, sizeof rep);
        ssize_t got = read(fds[0], &rep, sizeof rep);
        close(fds[0]);
        int status = 0;
        waitpid(pid, &status, 0);
        if (got != (ssize_t)sizeof rep || !rep.ok || !WIFEXITED(status) ||
            WEXITSTATUS(status) != 0)
            bench_die("memory run %u failed (child status 0x%x, see above)", i, status);
        g_rss[i] = rep;
        rmtree(dir);
    }
}

static double mib(uint64_t bytes)
{
    return (double)bytes / 1048576.0;
}

/* ---- report ------------------------------------------------------------------ */

static void print_report(void)
{
    printf("\n== jetdb storage core vs SQLite %s ==\n", sqlite3_libversion());
    printf("rows: %u-byte key + %u-byte value; page size 4 KiB both; cache %llu MiB each "
           "(runs 1-3); data in %s\n",
           BENCH_KLEN, BENCH_VLEN, (unsigned long long)O.cache_mib, g_root);
    printf("jetdb log: JET_paramLogBuffers %s, JET_paramLogFileSize %s; durable runs %.1f s per "
           "engine and thread count; bulk transactions of %llu rows\n",
           bench_jet_log_buffers ? "set" : "default", bench_jet_log_file_kib ? "set" : "default",
           O.seconds, (unsigned long long)O.batch);
    if (bench_jet_log_buffers || bench_jet_log_file_kib)
        printf("    (LogBuffers %lu, LogFileSize %lu KiB; 0 = default)\n", bench_jet_log_buffers,
               bench_jet_log_file_kib);
    for (unsigned i = 0; i < g_nres; i++) {
        result *r = &g_res[i];
        int dj = r->jet < 100 ? 1 : 0, ds = r->sq < 100 ? 1 : 0;
        printf("%s: jetdb %.*f, sqlite %.*f, ratio %.2fx\n", r->what, dj, r->jet, ds, r->sq,
               r->sq > 0 ? r->jet / r->sq : 0.0);
        if (r->note[0])
            printf("    (%s)\n", r->note);
    }
    for (unsigned i = 0; i < O.nrss_sizes && O.do_rss; i++) {
        rss_report *p = &g_rss[i];
        double budget = mib(p->budget_bytes), hwm = (double)p->hwm_kib / 1024.0;
        printf("peak RSS, budget %.0f MiB, %llu MiB of rows (%llu rows, database file %.0f MiB, "
               "%.1fx the budget): VmHWM %.1f MiB (ru_maxrss %.1f MiB), overhead %.1f MiB "
               "over the budget; %s\n",
               budget, (unsigned long long)O.rss_sizes[i], (unsigned long long)p->rows,
               mib(p->db_bytes), (double)p->db_bytes / (double)p->budget_bytes, hwm,
               (double)p->maxrss_kib / 1024.0, hwm - budget,
               hwm <= budget + RSS_OVERHEAD_MIB ? "within budget + " RSS_OVERHEAD_TXT
                                                  : "OVER budget + " RSS_OVERHEAD_TXT);
        printf("    (process before JetInit %.1f MiB; VmHWM after the load %.1f MiB; cache "
               "at the end: %llu frames, %.1f MiB of pages, budget %.1f MiB; load %.1f MB/s, "
               "%.0f uncached random reads/s, %llu cache misses)\n",
               (double)p->baseline_kib / 1024.0, (double)p->hwm_load_kib / 1024.0,
               (unsigned long long)p->js.cache_resident, mib(p->js.cache_bytes),
               mib(p->js.cache_budget_bytes),
               (double)p->rows * BENCH_ROW_BYTES / 1e6 / p->load_secs,
               (double)O.rss_reads / p->read_secs, (unsigned long long)p->js.cache_misses);
    }
    fflush(stdout);
}

int main(int argc, char **argv)
{
    parse_opts(argc, argv);
    make_dir(O.dir);
    snprintf(g_root, sizeof g_root, "%s/run-%ld", O.dir, (long)getpid());
    make_dir(g_root);
    char real[PATH_MAX];
    if (realpath(g_root, real) != NULL)
        snprintf(g_root, sizeof g_root, "%s", real);

    double t0 = bench_now();
    if (O.do_rss) {
        fprintf(stderr, "peak memory runs (child processes)\n");
        phase_rss();
    }
    if (O.do_durable || O.do_bulk) {
        char jd[1100], sd[1100];
        snprintf(jd, sizeof jd, "%s/jetdb", g_root);
        snprintf(sd, sizeof sd, "%s/sqlite", g_root);
        make_dir(jd);
        make_dir(sd);
        uint64_t cache = O.cache_mib << 20;
        check(bench_jet.open(jd, cache), &bench_jet, "open");
        check(bench_sqlite.open(sd, cache), &bench_sqlite, "open");
        if (O.do_durable) {
            fprintf(stderr, "durable commits (%.0f s per run)\n", O.seconds);
            phase_durable();
        }
        if (O.do_bulk) {
            fprintf(stderr, "bulk load\n");
            phase_bulk();
        }
        if (O.do_read) {
            fprintf(stderr, "random point reads\n");
            phase_read();
        }
        check(bench_jet.close(), &bench_jet, "close");
        check(bench_sqlite.close(), &bench_sqlite, "close");
    }
    print_report();
    printf("(total %.0f s)\n", bench_now() - t0);
    rmtree(g_root);
    return 0;
}
