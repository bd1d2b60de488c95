/*
 * test_core_recrash.c: a crash during recovery recovers again.
 *
 * A database is left by a dirty termination with a long log to replay
 * (a transaction open from the start holds the checkpoint back), committed
 * work, and two transactions that never committed (inserts, deletes of
 * committed rows).  That folder is the snapshot every round starts from:
 *  - SIGKILL: a child process runs JetInit (recovery) and is killed after
 *    a delay spread over the measured duration of a recovery; sometimes a
 *    second child is killed the same way on what the first left; then the
 *    parent recovers and checks every row and the tree;
 *  - I/O faults inside the recovering JetInit (JetDbFaultArmSpec, the
 *    JETDB_FAULT syntax): the k-th write or fsync of the recovery fails, so
 *    redo, undo or the final flush stops half way; JetInit must return an
 *    error, and the next JetInit recovers and the data is right.
 *
 * JETDB_LONG_TESTS=1 runs many more rounds.
 */
#include "core_util.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "log/log.h"

#define NCOMMIT 150     /* committed transactions */
#define ROWS 6
#define OPEN_A 5000     /* "transaction numbers" of the uncommitted ones (5000 + i) */
#define OPEN_B 6000
#define LONG_TXN 7000   /* committed last, open from the start */

static char *g_snap;    /* a copy of the crashed folder every round starts from */
static char *g_work;    /* where the crash happened, and every round runs */
static uint32_t g_objid;
static double g_recovery_s;
static bool g_long;

static void row_key(unsigned tx, unsigned r, char key[16])
{
    snprintf(key, 16, "t%04ur%02u", tx, r);
}

static size_t row_value(unsigned tx, unsigned r, uint8_t *val)
{
    size_t len = 300 + (tx * 131u + r * 71u) % 900u;
    for (size_t j = 0; j < len; j++)
        val[j] = (uint8_t)(tx * 7u + r * 13u + j);
    return len;
}

static void insert_rows(bt_tree *t, uint64_t txid, unsigned tx)
{
    for (unsigned r = 0; r < ROWS; r++) {
        char key[16];
        uint8_t val[1400];
        row_key(tx, r, key);
        size_t len = row_value(tx, r, val);
        assert_jet_ok(bt_insert(t, txid, key, 8, val, len));
    }
}

static void delete_rows(bt_tree *t, uint64_t txid, unsigned tx)
{
    for (unsigned r = 0; r < ROWS; r++) {
        char key[16];
        row_key(tx, r, key);
        assert_jet_ok(bt_delete(t, txid, key, 8));
    }
}

/* All rows of tx present with their values (1), all absent (0). */
static int txn_state(bt_tree *t, unsigned tx)
{
    int n = 0;
    for (unsigned r = 0; r < ROWS; r++) {
        char key[16];
        uint8_t want[1400], got[1400];
        row_key(tx, r, key);
        size_t len = row_value(tx, r, want), actual = 0;
        JET_ERR err = bt_get(t, key, 8, 0, got, sizeof got, &actual);
        if (err == JET_errRecordNotFound)
            continue;
        assert_jet_ok(err);
        assert_int_equal(actual, len);
        assert_memory_equal(got, want, len);
        n++;
    }
    if (n != 0 && n != ROWS)
        fail_msg("transaction %u is half present (%d rows)", tx, n);
    return n == ROWS;
}

/* ---- folders ---------------------------------------------------------------- */

static void copy_file(const char *from, const char *to)
{
    int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(in >= 0 && out >= 0);
    char buf[65536];
    ssize_t n;
    while ((n = read(in, buf, sizeof buf)) > 0)
        assert_int_equal(write(out, buf, (size_t)n), n);
    assert_int_equal(n, 0);
    close(in);
    close(out);
}

/* Copy every file of folder from into folder to (created when missing). */
static void copy_dir(const char *from, const char *to)
{
    (void)mkdir(to, 0755);
    DIR *d = opendir(from);
    assert_non_null(d);
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        char a[1024], b[1024];
        snprintf(a, sizeof a, "%s/%s", from, de->d_name);
        snprintf(b, sizeof b, "%s/%s", to, de->d_name);
        copy_file(a, b);
    }
    closedir(d);
}

/* The crashed folder, fresh from the snapshot.  Log records and the
 * checkpoint name the database by its absolute path, so every round works
 * in the same folder g_work (the caller removes it when done). */
static char *snapshot_copy(void)
{
    tu_rmtree(g_work);
    copy_dir(g_snap, g_work);
    return strdup(g_work);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- the crashed database ---------------------------------------------------- */

static int group_setup(void **state)
{
    (void)state;
    const char *l = getenv("JETDB_LONG_TESTS");
    g_long = l != NULL && *l == '1';
    g_snap = tu_mkdtemp("recrash-snap");
    g_work = tu_mkdtemp("recrash");
    core_env e;
    core_open(&e, g_work, true);
    txn *x, *lx, *a, *b;
    assert_jet_ok(txn_begin(e.log, &x));
    assert_jet_ok(st_tree_create(e.st, txn_id(x), &g_objid));
    assert_jet_ok(txn_commit(x, false, NULL));
    bt_tree *t;
    assert_jet_ok(st_tree_open(e.st, g_objid, &t));
    /* Open from the start: the checkpoint cannot pass its BEGIN, so
     * recovery replays the whole log. */
    assert_jet_ok(txn_begin(e.log, &lx));
    insert_rows(t, txn_id(lx), LONG_TXN);
    for (unsigned i = 0; i < NCOMMIT; i++) {
        assert_jet_ok(txn_begin(e.log, &x));
        insert_rows(t, txn_id(x), i);
        /* Every tenth also deletes the rows of the one before. */
        if (i % 10 == 9)
            delete_rows(t, txn_id(x), i - 1);
        assert_jet_ok(txn_commit(x, i % 4 == 0, NULL));
    }
    assert_jet_ok(txn_commit(lx, false, NULL));
    /* Never committed: inserts, and deletes of committed rows. */
    assert_jet_ok(txn_begin(e.log, &a));
    assert_jet_ok(txn_begin(e.log, &b));
    for (unsigned i = 0; i < 20; i++) {
        insert_rows(t, txn_id(a), OPEN_A + i);
        if (i % 10 != 8)
            delete_rows(t, txn_id(b), i);
    }
    insert_rows(t, txn_id(b), OPEN_B);
    assert_jet_ok(log_flush(e.log, LOG_LSN_ALL));
    txn_forget(a);
    txn_forget(b);
    core_close(&e, JET_bitTermDirty);
    copy_dir(g_work, g_snap);

    /* How long does a recovery take? */
    char *dir = snapshot_copy();
    double t0 = now_s();
    core_open(&e, dir, false);
    g_recovery_s = now_s() - t0;
    core_close(&e, 0);
    tu_rmtree(dir);
    free(dir);
    print_message("recovery of the snapshot: %.3f s\n", g_recovery_s);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    tu_rmtree(g_snap);
    free(g_snap);
    tu_rmtree(g_work);
    free(g_work);
    return 0;
}

/* Recover dir (JetInit must succeed) and check every row and the tree. */
static void verify(const char *dir, const char *ctx)
{
    core_env e;
    JET_ERR err = core_try_open(&e, dir, false);
    if (err < 0)
        fail_msg("%s: JetInit + attach: %d", ctx, (int)err);
    bt_tree *t;
    assert_jet_ok(st_tree_open(e.st, g_objid, &t));
    uint64_t rows = 0;
    for (unsigned i = 0; i < NCOMMIT; i++) {
        int want = !(i % 10 == 8);   /* deleted by the next, committed */
        int s = txn_state(t, i);
        if (s != want)
            fail_msg("%s: committed transaction %u is %s", ctx, i, s ? "present" : "absent");
        rows += (uint64_t)s * ROWS;
    }
    assert_int_equal(txn_state(t, LONG_TXN), 1);
    rows += ROWS;
    for (unsigned i = 0; i < 20; i++)
        if (txn_state(t, OPEN_A + i) != 0)
            fail_msg("%s: uncommitted insert %u survived", ctx, i);
    assert_int_equal(txn_state(t, OPEN_B), 0);
    bt_check_stats cs;
    err = bt_check(t, &cs);
    if (err < 0)
        fail_msg("%s: bt_check %d: %s", ctx, (int)err, cs.why);
    assert_int_equal(cs.records, rows);
    core_close(&e, 0);
}

/* ---- SIGKILL during JetInit -------------------------------------------------- */

/* Run JetInit in a child and kill it after delay_us; true when the kill
 * landed before the child finished. */
static bool recover_and_kill(const char *dir, useconds_t delay_us)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        core_env e;
        JET_ERR err = core_try_open(&e, dir, false);
        _exit(err < 0 ? 2 : 0);   /* no JetTerm: a crash right after */
    }
    /* Sleep in small steps so that a child done early is reaped early. */
    int status;
    pid_t got = 0;
    double end = now_s() + delay_us / 1e6;
    while ((got = waitpid(pid, &status, WNOHANG)) == 0 && now_s() < end)
        usleep(200);
    if (got == 0) {
        kill(pid, SIGKILL);
        got = waitpid(pid, &status, 0);
    }
    assert_int_equal(got, pid);
    if (WIFEXITED(status))
        assert_int_equal(WEXITSTATUS(status), 0);
    return WIFSIGNALED(status);
}

static void test_sigkill_during_recovery(void **state)
{
    (void)state;
    int rounds = g_long ? 300 : 24;
    unsigned seed = (unsigned)time(NULL);
    srand(seed);
    /* How long a child takes from fork to the end of JetInit (warm files):
     * the longest of three undisturbed runs. */
    double child_s = 0;
    for (int i = 0; i < 3; i++) {
        char *dir = snapshot_copy();
        double t0 = now_s();
        assert_false(recover_and_kill(dir, 5000000));
        double d = now_s() - t0;
        if (d > child_s)
            child_s = d;
        free(dir);
    }
    print_message("recovery in a child: %.3f s\n", child_s);
    /* Spread the kills over it. */
    double span_us = child_s * 1.1e6;
    int killed = 0, twice = 0;
    for (int round = 0; round < rounds; round++) {
        char *dir = snapshot_copy();
        useconds_t d1 = (useconds_t)(span_us * (round + (double)rand() / RAND_MAX) / rounds);
        bool k1 = recover_and_kill(dir, d1);
        killed += k1;
        if (round % 3 == 1) {
            /* Crash again during the recovery of the crashed recovery. */
            useconds_t d2 = (useconds_t)(span_us * rand() / RAND_MAX);
            twice += k1 && recover_and_kill(dir, d2);
        }
        char ctx[96];
        snprintf(ctx, sizeof ctx, "round %d (seed %u, kill after %u us)", round, seed, d1);
        verify(dir, ctx);
        tu_rmtree(dir);
        free(dir);
    }
    print_message("%d rounds: %d recoveries killed, %d killed twice\n", rounds, killed, twice);
    assert_true(killed > 0);
}

/* ---- I/O faults inside the recovering JetInit ---------------------------------- */

/* Recover a copy with the spec armed; JetInit must fail when the fault
 * fired; then recovery without faults must succeed. */
static void fault_round(const char *opname, JETDB_FAULT_OP op, uint64_t k, const char *how,
                        unsigned *failed)
{
    char *dir = snapshot_copy();
    char spec[1200];
    snprintf(spec, sizeof spec, "%s:%llu:%s:%s/", opname, (unsigned long long)k, how, dir);
    assert_jet_ok(JetDbFaultArmSpec(spec));
    core_env e;
    JET_ERR err = core_try_open(&e, dir, false);
    uint64_t fired = JetDbFaultFired(op);
    JetDbFaultDisarmAll();
    if (err >= 0) {
        /* The fault came after recovery (attach, open) or never. */
        core_close(&e, JET_bitTermDirty);
    } else {
        *failed += 1;
        if (e.inst != 0)
            (void)JetTerm2(e.inst, JET_bitTermDirty);
    }
    /* A fault may be harmless (pre-creating the next log, an eviction
     * write retried): then JetInit succeeds, and verify() below shows the
     * data is right all the same. */
    (void)fired;
    char ctx[1300];
    snprintf(ctx, sizeof ctx, "after %s (JetInit %d)", spec, (int)err);
    verify(dir, ctx);
    tu_rmtree(dir);
    free(dir);
}

static void fault_sweep(const char *opname, JETDB_FAULT_OP op, const char *how)
{
    /* Count the calls of one undisturbed recovery (JetInit alone). */
    char *dir = snapshot_copy();
    char filter[1100];
    snprintf(filter, sizeof filter, "%s/", dir);
    assert_jet_ok(JetDbFaultArm(op, 0, 0, 0, filter));
    core_env e;
    assert_jet_ok(core_try_open(&e, dir, false));
    uint64_t total = JetDbFaultCount(op);
    JetDbFaultDisarmAll();
    core_close(&e, 0);
    tu_rmtree(dir);
    free(dir);
    assert_true(total > 0);
    uint64_t n = g_long || total <= 12 ? total : 12;
    unsigned failed = 0;
    for (uint64_t j = 0; j < n; j++) {
        uint64_t k = n == total ? j + 1 : 1 + j * (total - 1) / (n - 1);
        fault_round(opname, op, k, how, &failed);
    }
    print_message("%s %s: %llu calls in a recovery + attach, %llu failed one by one, "
                  "%u JetInit/attach failed, all recovered after\n",
                  opname, how, (unsigned long long)total, (unsigned long long)n, failed);
    assert_true(failed > 0);
}

static void test_faults_during_recovery(void **state)
{
    (void)state;
    fault_sweep("write", JETDB_faultopWrite, "EIO");
    fault_sweep("write", JETDB_faultopWrite, "ENOSPC:persist");
    fault_sweep("write", JETDB_faultopWrite, "EIO:short");
    fault_sweep("fsync", JETDB_faultopFsync, "EIO");
    fault_sweep("read", JETDB_faultopRead, "EIO");
    fault_sweep("open", JETDB_faultopOpen, "EIO");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_faults_during_recovery),
        cmocka_unit_test(test_sigkill_during_recovery),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
