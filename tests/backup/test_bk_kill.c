/*
 * test_bk_kill.c: SIGKILL of the process during JetBackupInstance.
 *
 * A child process opens the instance, starts writer threads committing
 * durably (each acknowledged commit is published in shared memory), runs
 * one JetBackupInstance (atomic or not, full or incremental) and is killed
 * with SIGKILL after a delay spread over the backup's measured duration
 * (measured first, per mode, under the same load), sometimes after the
 * backup returned.  The parent then checks, before touching the instance:
 *
 *  - atomic (one folder A kept across rounds): A holds only temp/, new/ and
 *    old/; either new/ is exactly the previous backup (same files, same
 *    bytes — every file verified when it was recorded), or (full) new/ is a
 *    complete new backup (the copy's every page passes pg_verify, the logs
 *    from the copy's genLow on pass log_verify_file and chain, the .pat
 *    marker is there), or (incremental) new/ is the previous backup, byte
 *    for byte, plus logs that continue its chain (docs/backup.md: logs are
 *    added oldest first); or new/ is absent and old/ is exactly the previous
 *    backup (the kill fell between the renames "new → old" and "temp →
 *    new").  old/ next to new/ is allowed (the final removal was cut short;
 *    new/ is complete) and the next backup removes it.
 *  - non-atomic (a fresh folder per round): outside temp/, either nothing,
 *    or the complete backup (full: copy + chained logs + .pat; incremental:
 *    chained logs).  The one documented exception is the promotion window
 *    (docs/backup.md, "Non-atomic backups are not crash-proof during
 *    promotion"): a subset of the backup's files, each verifying, and no
 *    .pat marker, recognisable because temp/ still holds the rest.
 *  - a leftover temp/ is allowed; the next backup into the folder (run by
 *    the parent after recovery) must remove it, and also an old/ next to
 *    new/.
 *  - truncation: when no new complete backup is in place, no log was
 *    deleted (the lowest archived generation is unchanged); otherwise only
 *    generations the new backup holds were deleted.  The remaining
 *    archived logs verify and chain.
 *  - recovery: JetInit succeeds and every acknowledged commit is there.
 * Then the parent runs the same kind of backup into the same folder, which
 * must succeed, clean up and produce a complete backup.
 *
 * 12 rounds by default after 8 calibration rounds (about 10 s), 200 with
 * JETDB_LONG_TESTS=1; JETDB_TEST_SEED=<n> repeats a run's kill moments.
 */
#include "bk_tu.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "log/log.h"
#include "os/os.h"
#include "util/crc32c.h"

#define WRITERS 3
#define ROWS_PER_COMMIT 4
#define PRELOAD_ROWS 24000u     /* ~30 MiB of 1000-byte values */
#define PRELOAD_VLEN 1000u

enum { M_ATOMIC_FULL, M_ATOMIC_INC, M_FULL, M_INC, M_COUNT };
static const char *const g_mode_name[M_COUNT] = { "atomic full", "atomic incremental",
                                                  "non-atomic full", "non-atomic incremental" };
static const JET_GRBIT g_mode_grbit[M_COUNT] = {
    JET_bitBackupAtomic, JET_bitBackupAtomic | JET_bitBackupIncremental, 0,
    JET_bitBackupIncremental
};

/* Child progress, as seen by the parent. */
enum { PH_START, PH_OPEN, PH_BACKUP, PH_BEGIN, PH_PROGRESS, PH_COMPLETE, PH_RETURNED, PH_N };
static const char *const g_phase_name[PH_N] = { "before JetInit", "open", "backup called",
                                                "status Begin", "copying", "status Complete",
                                                "backup returned" };

struct shm {
    atomic_ullong acked[WRITERS];   /* commits acknowledged, per writer */
    atomic_int phase;
    atomic_int pct;
    atomic_int backup_err;
    atomic_int child_err;
    atomic_int stop;                /* writers stop (setup only) */
    _Atomic double t_backup;        /* CLOCK_MONOTONIC when JetBackupInstance was called */
    _Atomic double t_returned;      /* ... and when it returned */
};

static struct shm *g_shm;
static char *g_dir;          /* the instance's folder */
static char g_atomic[700];   /* the atomic backup folder, kept across rounds */
static unsigned g_round;     /* round number (keys, folder names) */
static bool g_long;

/* ---- folder snapshots ------------------------------------------------------ */

typedef struct fent {
    char name[64];
    uint64_t size;
    uint32_t crc;
} fent;

typedef struct snap {
    fent e[256];
    size_t n;
} snap;

static uint32_t file_crc(const char *path, uint64_t *size)
{
    os_file *f;
    assert_jet_ok(os_open(path, OS_OPEN_READ, &f));
    assert_jet_ok(os_path_size(path, size));
    static uint8_t buf[1 << 20];
    uint32_t c = 0;
    for (uint64_t off = 0; off < *size;) {
        uint32_t n = *size - off > sizeof buf ? (uint32_t)sizeof buf : (uint32_t)(*size - off);
        assert_jet_ok(os_pread(f, buf, n, off));
        c = crc32c(c, buf, n);
        off += n;
    }
    (void)os_close(f);
    return c;
}

static int fent_cmp(const void *a, const void *b)
{
    return strcmp(((const fent *)a)->name, ((const fent *)b)->name);
}

static void snap_dir(const char *dir, snap *s)
{
    char **names = NULL;
    size_t n = 0;
    memset(s, 0, sizeof *s);
    if (!os_is_dir(dir))
        return;
    assert_jet_ok(os_list_dir(dir, &names, &n));
    assert_true(n <= 256);
    for (size_t i = 0; i < n; i++) {
        char path[1100];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        assert_false(os_is_dir(path));
        fent *f = &s->e[s->n++];
        snprintf(f->name, sizeof f->name, "%s", names[i]);
        f->crc = file_crc(path, &f->size);
    }
    os_list_free(names, n);
    qsort(s->e, s->n, sizeof s->e[0], fent_cmp);
}

static bool snap_equal(const snap *a, const snap *b)
{
    if (a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->e[i].name, b->e[i].name) != 0 || a->e[i].size != b->e[i].size ||
            a->e[i].crc != b->e[i].crc)
            return false;
    return true;
}

static const fent *snap_find(const snap *s, const char *name)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->e[i].name, name) == 0)
            return &s->e[i];
    return NULL;
}

/* Generation of an archived log name "edb<hex>.log" (0 otherwise). */
static uint32_t log_gen_of(const char *name)
{
    size_t n = strlen(name);
    if (n < 9 || strncmp(name, "edb", 3) != 0 || strcmp(name + n - 4, ".log") != 0)
        return 0;
    uint32_t g = 0;
    for (size_t i = 3; i < n - 4; i++) {
        char ch = name[i];
        int v = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
        if (v < 0)
            return 0;
        g = g * 16u + (uint32_t)v;
    }
    return g;
}

/* Every file of a backup folder verifies; returns the log range (lo..hi,
 * 0 when none), which must be contiguous and chained; *has_db / *has_pat. */
static void check_backup_files(const char *dir, const snap *s, uint32_t *lo, uint32_t *hi,
                               bool *has_db, bool *has_pat)
{
    *lo = *hi = 0;
    *has_db = *has_pat = false;
    size_t nlogs = 0;
    for (size_t i = 0; i < s->n; i++) {
        const char *nm = s->e[i].name;
        uint32_t g = log_gen_of(nm);
        if (g != 0) {
            nlogs++;
            if (*lo == 0 || g < *lo)
                *lo = g;
            if (g > *hi)
                *hi = g;
        } else if (strcmp(nm, "core.edb") == 0) {
            char p[1100];
            snprintf(p, sizeof p, "%s/%s", dir, nm);
            bkt_check_db_copy(p);
            *has_db = true;
        } else if (strcmp(nm, "core.pat") == 0) {
            assert_int_equal(s->e[i].size, 0);
            *has_pat = true;
        } else {
            fail_msg("unexpected file %s in %s", nm, dir);
        }
    }
    if (nlogs != 0) {
        if (nlogs != *hi - *lo + 1)
            fail_msg("%s: logs %X..%X are not contiguous (%zu files)", dir, *lo, *hi, nlogs);
        bkt_check_logs(dir, *lo, *hi);
    }
}

/* A complete full backup in dir (its snapshot s): the copy verifies, its
 * logs start at the copy's genLow and reach at least its genHigh, and the
 * .pat marker is there.  Returns the highest generation. */
static uint32_t check_full(const char *dir, const snap *s)
{
    uint32_t lo, hi;
    bool hasdb, pat;
    check_backup_files(dir, s, &lo, &hi, &hasdb, &pat);
    if (!hasdb || !pat || lo == 0)
        fail_msg("%s is not a complete full backup (db %d, pat %d, logs %X..%X)", dir, hasdb, pat,
                 lo, hi);
    char p[1100];
    snprintf(p, sizeof p, "%s/core.edb", dir);
    JET_DBINFOMISC4 m;
    bkt_misc(p, &m);
    assert_int_equal(m.bkinfoFullCur.genLow, lo);
    return hi;
}

/* ---- the workload ---------------------------------------------------------- */

static uint64_t writer_key(unsigned round, unsigned tid, uint64_t n)
{
    return 1000000000ull + (uint64_t)round * 10000000ull + (uint64_t)tid * 1000000ull +
           n * ROWS_PER_COMMIT;
}

struct warg {
    core_env *c;
    unsigned tid;
};

/* Durable commits of ROWS_PER_COMMIT rows; each acknowledged one is
 * published before the next begins. */
static void *writer(void *p)
{
    struct warg *w = p;
    bt_tree *t;
    if (st_tree_open(w->c->st, ST_CAT_OBJID + 1, &t) < 0)
        return (void *)1;
    for (uint64_t n = 0; !atomic_load(&g_shm->stop); n++) {
        txn *x;
        if (txn_begin(w->c->log, &x) < 0)
            return (void *)2;
        if (core_insert_rows(t, txn_id(x), writer_key(g_round, w->tid, n), ROWS_PER_COMMIT) < 0)
            return (void *)3;
        if (txn_commit(x, false, NULL) < 0)
            return (void *)4;
        atomic_store(&g_shm->acked[w->tid], n + 1);
    }
    return NULL;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static JET_ERR JET_API on_status(JET_SESID s, JET_SNP snp, JET_SNT snt, void *arg)
{
    (void)s;
    if (snp != JET_snpBackup)
        return JET_errSuccess;
    if (snt == JET_sntBegin) {
        atomic_store(&g_shm->phase, PH_BEGIN);
    } else if (snt == JET_sntProgress) {
        atomic_store(&g_shm->phase, PH_PROGRESS);
        atomic_store(&g_shm->pct, (int)((JET_SNPROG *)arg)->cunitDone);
    } else if (snt == JET_sntComplete) {
        atomic_store(&g_shm->phase, PH_COMPLETE);
    }
    return JET_errSuccess;
}

static void start_writers(core_env *c, pthread_t *th, struct warg *args)
{
    for (unsigned i = 0; i < WRITERS; i++) {
        atomic_store(&g_shm->acked[i], 0);
        args[i].c = c;
        args[i].tid = i;
        if (pthread_create(&th[i], NULL, writer, &args[i]) != 0)
            abort();
    }
}

/* The child: open, write, back up, go on writing until killed.  No cmocka
 * asserts here: errors go to shared memory and the exit status. */
static void child_main(const char *dest, JET_GRBIT grbit)
{
    core_env c;
    JET_ERR err = core_try_open(&c, g_dir, false);
    if (err < 0) {
        atomic_store(&g_shm->child_err, err);
        _exit(2);
    }
    atomic_store(&g_shm->phase, PH_OPEN);
    pthread_t th[WRITERS];
    struct warg args[WRITERS];
    start_writers(&c, th, args);
    os_sleep_ms(15);
    atomic_store(&g_shm->t_backup, now_s());
    atomic_store(&g_shm->phase, PH_BACKUP);
    err = JetBackupInstanceA(c.inst, dest, grbit, on_status);
    atomic_store(&g_shm->t_returned, now_s());
    atomic_store(&g_shm->backup_err, err);
    atomic_store(&g_shm->phase, PH_RETURNED);
    for (;;)
        pause();
}

/* ---- setup: the database, a first backup, the backups' durations ------------- */

static double g_dur[M_COUNT];
static snap g_prev;            /* A/new after the last completed atomic backup */

static void fresh_dest(char *out, size_t cb, const char *tag)
{
    static unsigned seq;
    snprintf(out, cb, "%s/%s%u", g_dir, tag, seq++);
}

static int group_setup(void **state)
{
    (void)state;
    const char *l = getenv("JETDB_LONG_TESTS");
    g_long = l != NULL && *l && strcmp(l, "0") != 0;
    g_shm = mmap(NULL, sizeof *g_shm, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    assert_true(g_shm != MAP_FAILED);
    memset(g_shm, 0, sizeof *g_shm);
    g_dir = tu_mkdtemp("bkkill");
    snprintf(g_atomic, sizeof g_atomic, "%s/atomic", g_dir);

    bkt e;
    bkt_open(&e, g_dir, true);
    /* Preload: large values so that the copy takes a measurable time. */
    bt_tree *t;
    assert_jet_ok(st_tree_open(e.c.st, e.objid, &t));
    uint8_t *val = malloc(PRELOAD_VLEN);
    double t0 = now_s();
    for (uint32_t i = 0; i < PRELOAD_ROWS;) {
        txn *x;
        assert_jet_ok(txn_begin(e.c.log, &x));
        for (uint32_t k = 0; k < 500 && i < PRELOAD_ROWS; k++, i++) {
            char key[16];
            core_key(i, key);
            for (uint32_t j = 0; j < PRELOAD_VLEN; j++)
                val[j] = (uint8_t)(i * 31u + j);
            assert_jet_ok(bt_insert(t, txn_id(x), key, 11, val, PRELOAD_VLEN));
        }
        assert_jet_ok(txn_commit(x, i < PRELOAD_ROWS, NULL));
    }
    free(val);
    double load_s = now_s() - t0;

    /* The first atomic full backup (the "previous" one of round 0). */
    assert_jet_ok(JetBackupInstanceA(e.c.inst, g_atomic, JET_bitBackupAtomic, NULL));
    char nd[800];
    snprintf(nd, sizeof nd, "%s/new", g_atomic);
    snap_dir(nd, &g_prev);
    check_full(nd, &g_prev);
    uint64_t sz = 0;
    assert_jet_ok(os_path_size(e.c.dbpath, &sz));
    print_message("database %.1f MiB (preload %.1f s)\n", (double)sz / 1048576.0, load_s);
    bkt_close(&e);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    tu_rmtree(g_dir);
    free(g_dir);
    munmap(g_shm, sizeof *g_shm);
    return 0;
}

/* ---- the check after a kill ------------------------------------------------- */

enum { ST_PREV, ST_PREV_IN_OLD, ST_NEW, ST_INC_GROWN, ST_PROMO_PARTIAL, ST_N };
static const char *const g_state_name[ST_N] = {
    "previous state", "previous backup in old/", "new complete backup",
    "previous backup + chained logs", "non-atomic promotion window"
};

/* Classify the atomic folder; *hi = highest generation of a new backup. */
static int check_atomic(int mode, uint32_t *new_hi, bool *had_temp)
{
    char nd[800], od[800], td[800];
    snprintf(nd, sizeof nd, "%s/new", g_atomic);
    snprintf(od, sizeof od, "%s/old", g_atomic);
    snprintf(td, sizeof td, "%s/temp", g_atomic);
    char **names = NULL;
    size_t n = 0;
    assert_jet_ok(os_list_dir(g_atomic, &names, &n));
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], "new") != 0 && strcmp(names[i], "old") != 0 &&
            strcmp(names[i], "temp") != 0)
            fail_msg("unexpected %s in the atomic folder", names[i]);
    os_list_free(names, n);
    *had_temp = os_is_dir(td);
    *new_hi = 0;
    snap s;
    if (!os_is_dir(nd)) {
        /* Only between "new → old" and "temp → new" of a full backup. */
        assert_int_equal(mode, M_ATOMIC_FULL);
        snap_dir(od, &s);
        if (!snap_equal(&s, &g_prev))
            fail_msg("new/ is missing and old/ is not the previous backup");
        return ST_PREV_IN_OLD;
    }
    snap_dir(nd, &s);
    int st;
    if (snap_equal(&s, &g_prev)) {
        st = ST_PREV;
    } else if (mode == M_ATOMIC_FULL) {
        *new_hi = check_full(nd, &s);
        st = ST_NEW;
    } else {
        assert_int_equal(mode, M_ATOMIC_INC);
        /* Every previous file unchanged, the extra ones logs continuing the
         * chain (check_full checks the chain from the copy's genLow). */
        for (size_t i = 0; i < g_prev.n; i++) {
            const fent *f = snap_find(&s, g_prev.e[i].name);
            if (f == NULL || f->size != g_prev.e[i].size || f->crc != g_prev.e[i].crc)
                fail_msg("atomic incremental: %s of the previous backup changed or vanished",
                         g_prev.e[i].name);
        }
        for (size_t i = 0; i < s.n; i++)
            if (snap_find(&g_prev, s.e[i].name) == NULL && log_gen_of(s.e[i].name) == 0)
                fail_msg("atomic incremental added %s", s.e[i].name);
        *new_hi = check_full(nd, &s);
        st = ST_INC_GROWN;
    }
    if (os_is_dir(od)) {
        /* The final removal of old/ was cut short: new/ must be complete
         * (checked above); the next backup removes old/. */
        assert_true(st == ST_PREV || st == ST_NEW || st == ST_INC_GROWN);
    }
    return st;
}

/* Classify a non-atomic folder (fresh this round). */
static int check_plain(const char *dest, int mode, uint32_t *new_hi, bool *had_temp)
{
    char td[800];
    snprintf(td, sizeof td, "%s/temp", dest);
    *had_temp = os_is_dir(td);
    *new_hi = 0;
    if (!os_is_dir(dest))
        return ST_PREV;   /* the kill came before the folder was made */
    snap s;
    /* snap_dir refuses folders inside: list the files only. */
    memset(&s, 0, sizeof s);
    {
        char **nm = NULL;
        size_t k = 0;
        assert_jet_ok(os_list_dir(dest, &nm, &k));
        for (size_t i = 0; i < k; i++) {
            if (strcmp(nm[i], "temp") == 0)
                continue;
            char path[1100];
            snprintf(path, sizeof path, "%s/%s", dest, nm[i]);
            fent *f = &s.e[s.n++];
            snprintf(f->name, sizeof f->name, "%s", nm[i]);
            f->crc = file_crc(path, &f->size);
        }
        os_list_free(nm, k);
    }
    if (s.n == 0)
        return ST_PREV;
    uint32_t lo, hi;
    bool hasdb, pat;
    check_backup_files(dest, &s, &lo, &hi, &hasdb, &pat);
    *new_hi = hi;
    /* temp/ still holding files = promotion was under way. */
    size_t left = *had_temp ? bkt_count_entries(td) : 0;
    if (mode == M_FULL) {
        if (pat) {
            assert_int_equal(left, 0);
            check_full(dest, &s);
            return ST_NEW;
        }
        if (left == 0)
            fail_msg("non-atomic full: partial backup without files left in temp/");
        return ST_PROMO_PARTIAL;
    }
    assert_false(hasdb);
    assert_false(pat);
    return left == 0 ? ST_NEW : ST_PROMO_PARTIAL;
}

/* Every acknowledged commit of the round is there; nothing after. */
static void check_rows(core_env *c, unsigned round)
{
    bt_tree *t;
    assert_jet_ok(st_tree_open(c->st, ST_CAT_OBJID + 1, &t));
    for (unsigned w = 0; w < WRITERS; w++) {
        uint64_t acked = atomic_load(&g_shm->acked[w]);
        for (uint64_t n = 0; n < acked; n++)
            for (unsigned r = 0; r < ROWS_PER_COMMIT; r++)
                if (core_row_state(t, writer_key(round, w, n) + r) != 1)
                    fail_msg("round %u: writer %u's acknowledged commit %llu lost", round, w,
                             (unsigned long long)n);
        /* The commit in flight is all or nothing; the next never began. */
        int first = core_row_state(t, writer_key(round, w, acked));
        for (unsigned r = 1; r < ROWS_PER_COMMIT; r++)
            assert_int_equal(core_row_state(t, writer_key(round, w, acked) + r), first);
        assert_int_equal(core_row_state(t, writer_key(round, w, acked + 1)), 0);
    }
}

static JET_ERR backup_now(core_env *c, const char *dest, int mode)
{
    return JetBackupInstanceA(c->inst, dest, g_mode_grbit[mode], NULL);
}

/* After recovery: the same kind of backup into the same folder succeeds and
 * leaves a clean, complete backup; g_prev follows the atomic folder. */
static void follow_up(core_env *c, int mode, const char *dest, int st, bool truncated,
                      unsigned *n_missing)
{
    char d[700];
    snprintf(d, sizeof d, "%s", dest);
    bool atomic = mode == M_ATOMIC_FULL || mode == M_ATOMIC_INC;
    /* A non-atomic folder that holds files refuses a full backup (and an
     * incremental there would mix two backups): use a fresh one. */
    if (!atomic && st != ST_PREV)
        fresh_dest(d, sizeof d, "again");
    JET_ERR err = backup_now(c, d, mode);
    if (err == JET_errMissingFileToBackup && (mode == M_ATOMIC_INC || mode == M_INC)) {
        /* Truncation was cut short before the header update: the header's
         * last backup ends below the lowest log left.  Only possible when
         * the kill deleted logs; a full backup starts a new chain. */
        if (!truncated)
            fail_msg("incremental after the kill: JET_errMissingFileToBackup, no log deleted");
        (*n_missing)++;
        mode = mode == M_ATOMIC_INC ? M_ATOMIC_FULL : M_FULL;
        if (!atomic)
            fresh_dest(d, sizeof d, "again");
        err = backup_now(c, d, mode);
    }
    if (err < 0)
        fail_msg("backup after the kill (%s into %s): %d", g_mode_name[mode], d, (int)err);
    char td[800];
    snprintf(td, sizeof td, "%s/temp", d);
    assert_false(os_exists(td));   /* the leftover staging folder is gone */
    snap s;
    if (atomic) {
        char od[800], nd[800];
        snprintf(od, sizeof od, "%s/old", d);
        snprintf(nd, sizeof nd, "%s/new", d);
        assert_false(os_exists(od));
        snap_dir(nd, &s);
        check_full(nd, &s);
        g_prev = s;
    } else {
        snap_dir(d, &s);
        uint32_t lo, hi;
        bool hasdb, pat;
        if (mode == M_FULL) {
            check_full(d, &s);
        } else {
            check_backup_files(d, &s, &lo, &hi, &hasdb, &pat);
            assert_true(lo != 0 && !hasdb && !pat);
        }
    }
}

typedef struct tally {
    unsigned phase[PH_N], state[ST_N];
    unsigned temp, trunc, missing;
} tally;

/*
 * One round: a child backs up in `mode` under load and is killed `delay`
 * seconds after it called JetBackupInstance (delay < 0: once the backup
 * returned — a calibration round, which measures the duration); then every
 * check of the file comment.  Returns the backup's duration (calibration)
 * or the kill's moment.
 */
static double run_round(unsigned round, int mode, double delay, tally *ty)
{
    char dest[700];
    if (mode == M_ATOMIC_FULL || mode == M_ATOMIC_INC)
        snprintf(dest, sizeof dest, "%s", g_atomic);
    else
        fresh_dest(dest, sizeof dest, "plain");
    uint32_t lo0, hi0;
    bkt_gen_range(g_dir, &lo0, &hi0);

    g_round = round;
    atomic_store(&g_shm->phase, PH_START);
    atomic_store(&g_shm->pct, 0);
    atomic_store(&g_shm->backup_err, 0);
    atomic_store(&g_shm->child_err, 0);
    atomic_store(&g_shm->stop, 0);
    for (unsigned i = 0; i < WRITERS; i++)
        atomic_store(&g_shm->acked[i], 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        child_main(dest, g_mode_grbit[mode]);
    double w0 = now_s();
    while (atomic_load(&g_shm->phase) < PH_BACKUP && now_s() - w0 < 20 &&
           waitpid(pid, NULL, WNOHANG) == 0)
        os_sleep_ms(1);
    assert_true(atomic_load(&g_shm->phase) >= PH_BACKUP);
    double t0 = atomic_load(&g_shm->t_backup);
    if (delay < 0) {
        while (atomic_load(&g_shm->phase) < PH_RETURNED && now_s() - t0 < 60)
            os_sleep_ms(1);
        assert_int_equal(atomic_load(&g_shm->phase), PH_RETURNED);
        os_sleep_ms(5);   /* a few more commits after the backup */
    } else {
        double rest = t0 + delay - now_s();
        if (rest > 0) {
            struct timespec ts = { (time_t)rest, (long)((rest - (double)(time_t)rest) * 1e9) };
            nanosleep(&ts, NULL);
        }
    }
    kill(pid, SIGKILL);
    double at = now_s() - t0;
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    assert_int_equal(atomic_load(&g_shm->child_err), 0);
    int ph = atomic_load(&g_shm->phase);
    if (ph == PH_RETURNED && atomic_load(&g_shm->backup_err) < 0)
        fail_msg("round %u: the child's backup failed: %d", round,
                 atomic_load(&g_shm->backup_err));
    double dur = ph == PH_RETURNED ? atomic_load(&g_shm->t_returned) - t0 : 0;
    ty->phase[ph]++;

    /* The destination, before anything touches it. */
    uint32_t new_hi = 0;
    bool had_temp = false;
    int st = mode == M_ATOMIC_FULL || mode == M_ATOMIC_INC
                 ? check_atomic(mode, &new_hi, &had_temp)
                 : check_plain(dest, mode, &new_hi, &had_temp);
    ty->state[st]++;
    ty->temp += had_temp;
    if (ph == PH_RETURNED)
        assert_true(st == ST_NEW || st == ST_INC_GROWN);
    /* Truncation: nothing deleted unless a new backup is in place, and
     * then only what it holds. */
    uint32_t lo1, hi1;
    bkt_gen_range(g_dir, &lo1, &hi1);
    bool in_place = st == ST_NEW || st == ST_INC_GROWN;
    if (!in_place && lo1 != lo0)
        fail_msg("round %u (%s): logs %X..%X deleted without a new backup in place", round,
                 g_mode_name[mode], lo0, lo1 - 1);
    if (in_place && (lo1 < lo0 || lo1 > new_hi + 1))
        fail_msg("round %u: lowest log %X, backup ends at %X", round, lo1, new_hi);
    ty->trunc += lo1 != lo0;
    bkt_check_logs(g_dir, lo1, hi1);

    /* Recovery with every acknowledged commit, then the next backup. */
    core_env c;
    assert_jet_ok(core_try_open(&c, g_dir, false));
    check_rows(&c, round);
    follow_up(&c, mode, dest, st, lo1 != lo0, &ty->missing);
    core_close(&c, 0);

    char phb[64];
    if (ph == PH_PROGRESS)
        snprintf(phb, sizeof phb, "copying, %d%%", atomic_load(&g_shm->pct));
    else
        snprintf(phb, sizeof phb, "%s", g_phase_name[ph]);
    uint64_t acked = 0;
    for (unsigned i = 0; i < WRITERS; i++)
        acked += atomic_load(&g_shm->acked[i]);
    if (delay < 0)
        print_message("calibration %-22s backup took %4.0f ms, %llu commits acknowledged; %s; "
                      "logs %X..%X -> %X..%X\n",
                      g_mode_name[mode], dur * 1e3, (unsigned long long)acked,
                      g_state_name[st], lo0, hi0, lo1, hi1);
    else
        print_message("round %2u: %-22s killed at %4.0f ms of %4.0f (%s): %s%s; %llu commits "
                      "acknowledged; logs %X..%X -> %X..%X\n",
                      round, g_mode_name[mode], at * 1e3, g_dur[mode] * 1e3, phb,
                      g_state_name[st], had_temp ? " + temp/" : "", (unsigned long long)acked,
                      lo0, hi0, lo1, hi1);
    return delay < 0 ? dur : at;
}

static void test_kill_during_backup(void **state)
{
    (void)state;
    unsigned rounds = g_long ? 200 : 12;
    const char *sd = getenv("JETDB_TEST_SEED");
    unsigned seed = sd != NULL ? (unsigned)strtoul(sd, NULL, 10)
                               : (unsigned)time(NULL) ^ (unsigned)getpid();
    tally ty;
    memset(&ty, 0, sizeof ty);
    print_message("seed %u (JETDB_TEST_SEED), %u rounds\n", seed, rounds);
    unsigned round = 0;
    /* Calibration: each kind of backup twice (the first full ones also copy
     * the preload's logs), under the same load, killed after it returned
     * (checked like any other round); the second duration is used. */
    for (int pass = 0; pass < 2; pass++)
        for (int m = 0; m < M_COUNT; m++)
            g_dur[m] = run_round(round++, m, -1, &ty);
    unsigned per_mode[M_COUNT] = { 0 };
    for (unsigned r = 0; r < rounds; r++) {
        int mode = (int)(r % M_COUNT);
        unsigned k = per_mode[mode]++;
        unsigned of = (rounds + M_COUNT - 1 - (unsigned)mode) / M_COUNT;
        /* Stratified over [0, 1.1 x duration]: each mode's kills cover the
         * whole backup, the last one sometimes after it returned. */
        double u = (double)rand_r(&seed) / RAND_MAX;
        run_round(round++, mode, g_dur[mode] * 1.1 * ((double)k + u) / (double)of, &ty);
    }
    print_message("kill moments:");
    for (int i = 0; i < PH_N; i++)
        print_message(" %s %u;", g_phase_name[i], ty.phase[i]);
    print_message("\ndestination states:");
    for (int i = 0; i < ST_N; i++)
        print_message(" %s %u;", g_state_name[i], ty.state[i]);
    print_message("\nleftover temp/ %u (each removed by the next backup), rounds with logs "
                  "deleted %u, incrementals refused after a cut truncation %u\n",
                  ty.temp, ty.trunc, ty.missing);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kill_during_backup),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
