/*
 * test_bk_stop.c: stopping a running JetBackupInstance in the middle of a
 * large file copy, and what it leaves behind.
 *
 * The status callback holds the backup inside its database copy (it is
 * called after a buffer was handed to the writer, before the next one is
 * read) while another thread calls JetStopBackupInstance, so every run
 * stops at the same kind of moment; no test measures time (the latency is
 * measured by bench/bench_backup.c, "stop" phase).  Checked: the backup
 * returns JET_errBackupAbortByServer with event 226; at its return the
 * destination's visible content is what it was (only the hidden trash
 * folder may exist, docs/backup.md "Stop and termination"); no log is
 * truncated and no header changes; the trash is gone once the background
 * removal ends, when JetTerm returns, and after the next backup into the
 * same folder has prepared it; that next backup succeeds.  Also: trash and
 * staging folders left by a crash are cleaned by the next backup; a
 * failing background removal is retried by the next backup; a stop that
 * comes after the files were moved into place no longer fails the backup;
 * a backup that begins while an attach, create or detach is in flight
 * waits for it.  JETDB_LONG_TESTS=1 adds stops at random moments of the
 * backup of a ~300 MiB database.
 */
#include "bk_tu.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os/os.h"

static char *g_dir;
static char g_dest[600];

static int setup(void **state)
{
    (void)state;
    g_dir = tu_mkdtemp("bkstop");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    JetDbFaultDisarmAll();
    tu_rmtree(g_dir);
    free(g_dir);
    return 0;
}

/* Rows of 16 KiB values, so that the database holds mib MiB of data. */
static void write_big(bkt *e, uint64_t mib)
{
    enum { VLEN = 16384 };
    static uint8_t val[VLEN];
    bt_tree *bt;
    assert_jet_ok(st_tree_open(e->c.st, e->objid, &bt));
    uint64_t rows = mib * 64, per = 512;
    for (uint64_t done = 0; done < rows;) {
        txn *t;
        assert_jet_ok(txn_begin(e->c.log, &t));
        for (uint64_t k = 0; k < per && done < rows; k++, done++) {
            char key[16];
            uint64_t r = e->next_row++;
            core_key(r, key);
            for (size_t i = 0; i < VLEN; i += 8)
                memcpy(val + i, &r, 8);
            val[0] = (uint8_t)done;
            assert_jet_ok(bt_insert(bt, txn_id(t), key, 11, val, VLEN));
        }
        assert_jet_ok(txn_commit(t, done < rows, NULL));
    }
}

/* Fresh environment with a database of about mib MiB; g_dest = <dir>/dest. */
static void env(bkt *e, uint64_t mib)
{
    tu_rmtree(g_dir);
    assert_int_equal(os_mkdir_p(g_dir), 0);
    bkt_open(e, g_dir, true);
    write_big(e, mib);
    snprintf(g_dest, sizeof g_dest, "%s/dest", g_dir);
}

/* Entries of a folder that are not trash folders, and trash folders. */
static void count_entries(const char *dir, size_t *visible, size_t *trash)
{
    *visible = *trash = 0;
    if (!os_is_dir(dir))
        return;
    char **names = NULL;
    size_t n = 0;
    assert_jet_ok(os_list_dir(dir, &names, &n));
    for (size_t i = 0; i < n; i++) {
        if (strncmp(names[i], ".jetdb-trash-", 13) == 0)
            (*trash)++;
        else
            (*visible)++;
    }
    os_list_free(names, n);
}

/* Names and sizes of a folder's files, as one string. */
static void listing(const char *dir, char *out, size_t cb)
{
    char **names = NULL;
    size_t n = 0, at = 0;
    out[0] = '\0';
    if (!os_is_dir(dir))
        return;
    assert_jet_ok(os_list_dir(dir, &names, &n));
    for (size_t i = 0; i < n && at < cb; i++) {
        char p[1200];
        uint64_t sz = 0;
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        (void)os_path_size(p, &sz);
        at += (size_t)snprintf(out + at, cb - at, "%s:%llu;", names[i], (unsigned long long)sz);
    }
    os_list_free(names, n);
}

/* Wait until the instance's background removal has nothing left. */
static void wait_trash(bkt *e)
{
    for (;;) {
        bk_stats st;
        bk_get_stats(e->in, &st);
        if (st.trash_pending == 0)
            return;
        os_sleep_ms(1);
    }
}

/* ---- a backup held in its database copy ------------------------------------- */

static struct {
    JET_INSTANCE inst;
    JET_GRBIT grbit;
    unsigned stop_at;           /* progress call that holds the backup (1-based) */
    atomic_uint calls;
    atomic_int held;            /* the callback holds the backup */
    atomic_int go;              /* the stop was issued: let it continue */
    atomic_int staged_db;       /* temp/core.edb existed while held */
    atomic_int staged_logs;     /* a log was already staged while held */
    JET_ERR err;
    uint64_t stop_ns;           /* when the stop was issued */
    uint64_t ret_ns;            /* when the backup returned */
} g_bk;

static JET_ERR hold_cb(JET_SESID sesid, JET_SNP snp, JET_SNT snt, void *pv)
{
    (void)sesid;
    (void)snp;
    (void)pv;
    if (snt != JET_sntProgress || atomic_fetch_add(&g_bk.calls, 1u) + 1 != g_bk.stop_at)
        return JET_errSuccess;
    char temp[700], p[800];
    snprintf(temp, sizeof temp, "%s/temp", g_dest);
    snprintf(p, sizeof p, "%s/core.edb", temp);
    atomic_store(&g_bk.staged_db, os_exists(p));
    uint32_t lo = 0, hi = 0;
    if (os_is_dir(temp))
        assert_jet_ok(log_gen_range(temp, "edb", 3, &lo, &hi));
    atomic_store(&g_bk.staged_logs, lo != 0);
    atomic_store(&g_bk.held, 1);
    while (!atomic_load(&g_bk.go))
        os_sleep_ms(1);
    return JET_errSuccess;
}

static void *hold_thread(void *arg)
{
    (void)arg;
    g_bk.err = JetBackupInstanceA(g_bk.inst, g_dest, g_bk.grbit, hold_cb);
    g_bk.ret_ns = os_time_mono_ns();
    return NULL;
}

/* Run a backup, stop it from this thread at progress call stop_at; returns
 * the stop -> return time (printed, never asserted). */
static uint64_t stop_backup_at(bkt *e, JET_GRBIT grbit, unsigned stop_at)
{
    memset(&g_bk, 0, sizeof g_bk);
    g_bk.inst = e->c.inst;
    g_bk.grbit = grbit;
    g_bk.stop_at = stop_at;
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, hold_thread, NULL), 0);
    while (!atomic_load(&g_bk.held))
        os_sleep_ms(1);
    g_bk.stop_ns = os_time_mono_ns();
    assert_jet_ok(JetStopBackupInstance(e->c.inst));
    atomic_store(&g_bk.go, 1);
    pthread_join(th, NULL);
    assert_jet(JET_errBackupAbortByServer, g_bk.err);
    return g_bk.ret_ns - g_bk.stop_ns;
}

/* Stop a full backup in the middle of its database copy: nothing visible is
 * left, nothing truncated, the trash goes away, a new backup succeeds. */
static void stop_mid_copy(bool atomic)
{
    bkt e;
    env(&e, 8);
    JET_GRBIT g = atomic ? JET_bitBackupAtomic : 0;
    char newdir[700], before[8192], after[8192];
    snprintf(newdir, sizeof newdir, "%s/new", g_dest);
    if (atomic) {
        assert_jet_ok(JetBackupInstanceA(e.c.inst, g_dest, g, NULL));
        bkt_write(&e, 500);
    }
    listing(newdir, before, sizeof before);
    uint32_t lo0, hi0, lo, hi;
    bkt_gen_range(g_dir, &lo0, &hi0);
    JET_DBINFOMISC4 m0, m;
    bkt_misc(e.c.dbpath, &m0);
    bk_stats s0, s;
    bk_get_stats(e.in, &s0);

    bkt_events_start();
    uint64_t ns = stop_backup_at(&e, g, 2);
    print_message("stop -> return: %.2f ms\n", (double)ns / 1e6);
    /* It was held inside the database copy. */
    assert_true(atomic_load(&g_bk.staged_db));
    assert_false(atomic_load(&g_bk.staged_logs));
    assert_true(bkt_event_seen(226));
    assert_false(bkt_event_seen(213));

    /* At the return: nothing visible changed (the hidden trash folder may
     * still be there while it is removed). */
    size_t vis, trash;
    count_entries(g_dest, &vis, &trash);
    assert_int_equal(vis, atomic ? 1u : 0u);
    assert_true(trash <= 1);
    listing(newdir, after, sizeof after);
    assert_string_equal(after, before);
    bkt_gen_range(g_dir, &lo, &hi);
    assert_int_equal(lo, lo0);
    bkt_misc(e.c.dbpath, &m);
    assert_memory_equal(&m.bkinfoFullPrev, &m0.bkinfoFullPrev, sizeof m.bkinfoFullPrev);

    /* Once the background removal ends, nothing of it is left. */
    wait_trash(&e);
    count_entries(g_dest, &vis, &trash);
    assert_int_equal(vis, atomic ? 1u : 0u);
    assert_int_equal(trash, 0);
    bk_get_stats(e.in, &s);
    assert_int_equal(s.trash_removed, s0.trash_removed + 1);
    assert_int_equal(s.trash_failed, s0.trash_failed);
    assert_int_equal(s.backups_aborted, s0.backups_aborted + 1);

    /* A stop right before a new backup, whose preparation then waits for
     * the removal: the new backup succeeds and no trash remains. */
    (void)stop_backup_at(&e, g, 2);
    assert_jet_ok(JetBackupInstanceA(e.c.inst, g_dest, g, NULL));
    count_entries(g_dest, &vis, &trash);
    assert_int_equal(trash, 0);
    const char *folder = atomic ? newdir : g_dest;
    assert_true(bkt_has(folder, "core.edb"));
    assert_true(bkt_has(folder, "core.pat"));
    assert_false(bkt_has(g_dest, "temp"));
    char copy[800];
    snprintf(copy, sizeof copy, "%s/core.edb", folder);
    bkt_check_db_copy(copy);
    if (!atomic) {
        /* Non-atomic: P must be empty for a full backup; the trash of a
         * stop does not count (it is removed first). */
        tu_rmtree(g_dest);
        (void)stop_backup_at(&e, g, 2);
        assert_jet_ok(JetBackupInstanceA(e.c.inst, g_dest, g, NULL));
        count_entries(g_dest, &vis, &trash);
        assert_int_equal(trash, 0);
    }
    bkt_events_stop();
    bkt_close(&e);
}

static void test_stop_mid_copy(void **state)
{
    (void)state;
    stop_mid_copy(false);
}

static void test_stop_mid_copy_atomic(void **state)
{
    (void)state;
    stop_mid_copy(true);
}

/* JetTerm right after a stop: when it returns, nothing is left. */
static void test_stop_then_term(void **state)
{
    (void)state;
    bkt e;
    env(&e, 8);
    (void)stop_backup_at(&e, 0, 3);
    bkt_close(&e);
    size_t vis, trash;
    count_entries(g_dest, &vis, &trash);
    assert_int_equal(vis, 0);
    assert_int_equal(trash, 0);
}

/* JetTerm while the backup is held: JET_errTermInProgress, same cleanup. */
static void *term_thread(void *arg)
{
    bkt *e = arg;
    while (!atomic_load(&g_bk.held))
        os_sleep_ms(1);
    db_unpin(e->c.d);
    assert_jet_ok(JetTerm(e->c.inst));
    return NULL;
}

static void test_term_mid_copy(void **state)
{
    (void)state;
    bkt e;
    env(&e, 8);
    memset(&g_bk, 0, sizeof g_bk);
    g_bk.inst = e.c.inst;
    g_bk.stop_at = 2;
    pthread_t bt, tt;
    assert_int_equal(pthread_create(&bt, NULL, hold_thread, NULL), 0);
    assert_int_equal(pthread_create(&tt, NULL, term_thread, &e), 0);
    /* JetTerm waits for the backup call to leave; the callback lets it go
     * once termination has begun (the instance refuses new calls). */
    for (;;) {
        JET_ERR err = JetBackupInstanceA(e.c.inst, NULL, 0, NULL);
        if (err == JET_errTermInProgress || err == JET_errNotInitialized ||
            err == JET_errInvalidParameter)
            break;
        os_sleep_ms(1);
    }
    atomic_store(&g_bk.go, 1);
    pthread_join(bt, NULL);
    pthread_join(tt, NULL);
    assert_jet(JET_errTermInProgress, g_bk.err);
    size_t vis, trash;
    count_entries(g_dest, &vis, &trash);
    assert_int_equal(vis, 0);
    assert_int_equal(trash, 0);
}

/* What a crash leaves (a staging folder, trash folders with files in
 * them) is removed by the next backup into the folder, atomic or not. */
static void make_leftovers(const char *dest)
{
    char p[800];
    const char *dirs[] = { "temp", ".jetdb-trash-1-0", ".jetdb-trash-99999-7" };
    for (size_t i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s/%s/sub", dest, dirs[i]);
        assert_int_equal(os_mkdir_p(p), 0);
        snprintf(p, sizeof p, "%s/%s/core.edb", dest, dirs[i]);
        os_file *f;
        assert_jet_ok(os_open(p, OS_OPEN_RDWR | OS_OPEN_CREATE, &f));
        assert_jet_ok(os_pwrite(f, "partial", 7, 0));
        assert_jet_ok(os_close(f));
    }
}

static void test_crash_leftovers(void **state)
{
    (void)state;
    bkt e;
    env(&e, 1);
    size_t vis, trash;
    assert_int_equal(os_mkdir_p(g_dest), 0);
    make_leftovers(g_dest);
    assert_jet_ok(JetBackupInstanceA(e.c.inst, g_dest, 0, NULL));
    count_entries(g_dest, &vis, &trash);
    assert_int_equal(trash, 0);
    assert_false(bkt_has(g_dest, "temp"));
    assert_true(bkt_has(g_dest, "core.edb"));

    snprintf(g_dest, sizeof g_dest, "%s/atomic", g_dir);
    assert_jet_ok(JetBackupInstanceA(e.c.inst, g_dest, JET_bitBackupAtomic, NULL));
    make_leftovers(g_dest);
    bkt_write(&e, 300);
    assert_jet_ok(JetBackupInstanceA(e.c.inst, g_dest,
                                     JET_bitBackupAtomic | JET_bitBackupIncremental, NULL));
    count_entries(g_dest, &vis, &trash);
    assert_int_equal(vis, 1);
    assert_int_equal(trash, 0);
    bkt_close(&e);
}

/* The background removal fails: the trash stays, the next backup cannot
 * clear it (JET_errDeleteBackupFileFail, nothing else changes) until the
 * fault is gone, then it removes it and succeeds. */
static void test_trash_removal_fails(void **state)
{
    (void)state;
    bkt e;
    env(&e, 6);
    bk_stats s0, s;
    bk_get_stats(e.in, &s0);
    assert_jet_ok(JetDbFaultArm(JETDB_faultopUnlink, 1, EIO, JETDB_bitFaultPersistent,
                                ".jetdb-trash-"));
    (void)stop_backup_at(&e, 0, 2);
    wait_trash(&e);
    bk_get_stats(e.in, &s);
    assert_int_equal(s.trash_failed, s0.trash_failed + 1);
    size_t vis, trash;
    count_entries(g_dest, &vis, &trash);
    assert_int_equal(vis, 0);
    assert_int_equal(trash, 1);
    assert_jet(JET_errDeleteBackupFileFail, JetBackupInstanceA(e.c.inst, g_dest, 0, NULL));
    count_entries(g_dest, &vis, &trash);
    assert_int_equal(vis, 0);
    JetDbFaultDisarmAll();
    assert_jet_ok(JetBackupInstanceA(e.c.inst, g_dest, 0, NULL));
    count_entries(g_dest, &vis, &trash);
    assert_int_equal(trash, 0);
    assert_true(bkt_has(g_dest, "core.edb"));
    bkt_close(&e);
}

/* A stop that comes once the files are in place no longer fails the
 * backup: it completes (truncation, headers) and returns success, and the
 * stop is forgotten. */
static JET_INSTANCE g_promoted_inst;
static void stop_when_promoted(struct inst *in)
{
    (void)in;
    assert_jet_ok(JetStopBackupInstance(g_promoted_inst));
}

static void test_stop_after_promotion(void **state)
{
    (void)state;
    bkt e;
    env(&e, 1);
    for (int atomic = 0; atomic < 2; atomic++) {
        char d[700];
        snprintf(d, sizeof d, "%s/p%d", g_dir, atomic);
        JET_GRBIT g = atomic ? JET_bitBackupAtomic : 0;
        bkt_write(&e, 600);
        g_promoted_inst = e.c.inst;
        bk_test_promoted = stop_when_promoted;
        bkt_events_start();
        JET_ERR err = JetBackupInstanceA(e.c.inst, d, g, NULL);
        bk_test_promoted = NULL;
        assert_jet_ok(err);
        assert_true(bkt_event_seen(224) || bkt_event_seen(225));   /* truncation ran */
        assert_true(bkt_event_seen(213));                           /* normal end */
        assert_false(bkt_event_seen(226));
        bkt_events_stop();
        char folder[800];
        snprintf(folder, sizeof folder, atomic ? "%s/new" : "%s", d);
        uint32_t blo, bhi;
        bkt_gen_range(folder, &blo, &bhi);
        bkt_check_logs(folder, blo, bhi);
        JET_DBINFOMISC4 m;
        bkt_misc(e.c.dbpath, &m);
        assert_int_equal(m.bkinfoFullPrev.genHigh, bhi);
        /* The stop was forgotten: the next backup runs normally. */
        char d2[700];
        snprintf(d2, sizeof d2, "%s/q%d", g_dir, atomic);
        assert_jet_ok(JetBackupInstanceA(e.c.inst, d2, g, NULL));
    }
    bkt_close(&e);
}

/* ---- attach / create / detach in flight when a backup begins --------------- */

static struct {
    JET_INSTANCE inst;
    uint32_t event;             /* act on this event id (once) */
    atomic_int fired;
    atomic_int released;        /* the attach/detach's callback returned */
    atomic_int begin_saw;       /* released, as seen by the backup's Begin (-1: none) */
    pthread_t th;
    JET_ERR err;
} g_tach;

static JET_ERR tach_begin_cb(JET_SESID sesid, JET_SNP snp, JET_SNT snt, void *pv)
{
    (void)sesid;
    (void)snp;
    (void)pv;
    if (snt == JET_sntBegin)
        atomic_store(&g_tach.begin_saw, atomic_load(&g_tach.released));
    return JET_errSuccess;
}

static void *tach_backup_thread(void *arg)
{
    (void)arg;
    g_tach.err = JetBackupInstanceA(g_tach.inst, g_dest, 0, tach_begin_cb);
    return NULL;
}

/* Called on the attaching (detaching, creating) thread, inside the
 * operation: start a backup then, and give it every chance to begin too
 * early before the operation goes on. */
static void tach_event(const JETDB_EVENT *ev, void *ctx)
{
    (void)ctx;
    if (ev->eventId != g_tach.event || atomic_exchange(&g_tach.fired, 1))
        return;
    assert_int_equal(pthread_create(&g_tach.th, NULL, tach_backup_thread, NULL), 0);
    os_sleep_ms(50);
    atomic_store(&g_tach.released, 1);
}

static void tach_arm(bkt *e, uint32_t event, const char *dest)
{
    memset(&g_tach, 0, sizeof g_tach);
    g_tach.inst = e->c.inst;
    g_tach.event = event;
    atomic_store(&g_tach.begin_saw, -1);
    snprintf(g_dest, sizeof g_dest, "%s/%s", g_dir, dest);
    assert_jet_ok(JetDbSetEventCallback(tach_event, NULL, JETDB_bitEventNoSyslog));
}

static void tach_check(void)
{
    assert_int_equal(atomic_load(&g_tach.fired), 1);
    pthread_join(g_tach.th, NULL);
    assert_jet_ok(JetDbSetEventCallback(NULL, NULL, JETDB_bitEventNoSyslog));
    assert_jet_ok(g_tach.err);
    /* The backup began only after the operation had ended. */
    assert_int_equal(atomic_load(&g_tach.begin_saw), 1);
}

static void test_backup_waits_for_tach(void **state)
{
    (void)state;
    bkt e;
    env(&e, 1);
    char other[700];
    snprintf(other, sizeof other, "%s/other.edb", g_dir);
    JET_DBID dbid;

    /* Create (event 325): the new database is part of the backup. */
    tach_arm(&e, 325, "b-create");
    assert_jet_ok(JetCreateDatabaseA(e.c.ses, other, NULL, &dbid, 0));
    tach_check();
    assert_true(bkt_has(g_dest, "other.edb"));
    assert_jet_ok(JetCloseDatabase(e.c.ses, dbid, 0));

    /* Detach (event 327): it is not. */
    tach_arm(&e, 327, "b-detach");
    assert_jet_ok(JetDetachDatabaseA(e.c.ses, other));
    tach_check();
    assert_false(bkt_has(g_dest, "other.edb"));
    assert_true(bkt_has(g_dest, "core.edb"));

    /* Attach (event 326): it is again. */
    tach_arm(&e, 326, "b-attach");
    assert_jet_ok(JetAttachDatabaseA(e.c.ses, other, 0));
    tach_check();
    assert_true(bkt_has(g_dest, "other.edb"));
    char copy[800];
    snprintf(copy, sizeof copy, "%s/other.edb", g_dest);
    bkt_check_db_copy(copy);

    /* While the backup runs they are still refused. */
    assert_jet_ok(JetBeginExternalBackupInstance(e.c.inst, 0));
    assert_jet(JET_errBackupInProgress, JetDetachDatabaseA(e.c.ses, other));
    assert_jet_ok(JetEndExternalBackupInstance2(e.c.inst, JET_bitBackupEndAbort));
    assert_jet_ok(JetDetachDatabaseA(e.c.ses, other));
    bkt_close(&e);
}

/* ---- JETDB_LONG_TESTS: stops at random moments of a big backup ---------- */

static void test_long_random_stops(void **state)
{
    (void)state;
    const char *l = getenv("JETDB_LONG_TESTS");
    if (l == NULL || l[0] == '\0' || strcmp(l, "0") == 0) {
        print_message("JETDB_LONG_TESTS is not set: skipped\n");
        skip();
    }
    bkt e;
    env(&e, 300);
    uint64_t seed = 12345;
    for (int i = 0; i < 8; i++) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        /* The database is ~45% of what a full backup copies here: stop in
         * its copy or in the logs'. */
        unsigned at = 1 + (unsigned)((seed >> 33) % 90);
        JET_GRBIT g = (i & 1) ? JET_bitBackupAtomic : 0;
        uint64_t ns = stop_backup_at(&e, g, at);
        size_t vis, trash;
        count_entries(g_dest, &vis, &trash);
        assert_int_equal(vis, 0);
        wait_trash(&e);
        uint64_t gone = os_time_mono_ns() - g_bk.stop_ns;
        count_entries(g_dest, &vis, &trash);
        assert_int_equal(vis + trash, 0);
        print_message("stop at progress call %u (%s): returned after %.2f ms, trash gone "
                      "%.0f ms after the stop\n", at, g ? "atomic" : "non-atomic",
                      (double)ns / 1e6, (double)gone / 1e6);
    }
    assert_jet_ok(JetBackupInstanceA(e.c.inst, g_dest, JET_bitBackupAtomic, NULL));
    bkt_close(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stop_mid_copy),
        cmocka_unit_test(test_stop_mid_copy_atomic),
        cmocka_unit_test(test_stop_then_term),
        cmocka_unit_test(test_term_mid_copy),
        cmocka_unit_test(test_crash_leftovers),
        cmocka_unit_test(test_trash_removal_fails),
        cmocka_unit_test(test_stop_after_promotion),
        cmocka_unit_test(test_backup_waits_for_tach),
        cmocka_unit_test(test_long_random_stops),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
