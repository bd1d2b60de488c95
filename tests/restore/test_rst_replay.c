/*
 * test_rst_replay.c: the replay's background write-back (src/recovery:
 * every rec_set_flush_interval bytes of log a writer thread flushes the
 * databases while redo goes on; the file is grown once to the highest page
 * redo touched) and the restore's one-pass verified copy.
 *
 * With the interval at 1 byte a writer runs during the whole redo of these
 * small logs: a restore of a full + incremental chain, roll-forward over
 * the live folder, and soft recovery after a process died with an open
 * transaction must give exactly the same rows as without; a write error in
 * the writer fails the restore, and a second attempt succeeds.  A damaged
 * page found while copying leaves no database and no temporary file.
 */
#include "rst_tu.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jetdb.h"
#include "log/log.h"
#include "os/os.h"
#include "recovery/recovery.h"

static char *g_dir;
static char g_live[600], g_bk[600], g_new[600];

static int setup(void **state)
{
    (void)state;
    g_dir = tu_mkdtemp("rstreplay");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    rec_set_flush_interval(0);
    JetDbFaultDisarmAll();
    tu_rmtree(g_dir);
    free(g_dir);
    return 0;
}

static void fresh(void)
{
    tu_rmtree(g_dir);
    assert_int_equal(os_mkdir_p(g_dir), 0);
    rtu_join(g_live, sizeof g_live, g_dir, "live");
    rtu_join(g_bk, sizeof g_bk, g_dir, "bk");
    rtu_join(g_new, sizeof g_new, g_dir, "new");
    assert_int_equal(os_mkdir_p(g_live), 0);
}

/* A full backup, rows, an incremental backup, more rows: returns the rows
 * at the incremental backup (*all = every committed row). */
static uint64_t make_chain(uint64_t *all)
{
    bkt e;
    bkt_open(&e, g_live, true);
    for (int i = 0; i < 4; i++)
        bkt_write(&e, 400);
    assert_jet_ok(JetBackupInstanceA(e.c.inst, g_bk, 0, NULL));
    for (int i = 0; i < 8; i++)
        bkt_write(&e, 500);
    assert_jet_ok(JetBackupInstanceA(e.c.inst, g_bk, JET_bitBackupIncremental, NULL));
    uint64_t at_inc = e.next_row;
    for (int i = 0; i < 4; i++)
        bkt_write(&e, 300);
    *all = e.next_row;
    bkt_close(&e);
    return at_inc;
}

static void test_restore_with_writer(void **state)
{
    (void)state;
    fresh();
    uint64_t all;
    uint64_t at_inc = make_chain(&all);
    rec_set_flush_interval(1);
    uint64_t before = rec_background_flushes();
    /* Into a fresh folder: exactly the rows of the incremental backup. */
    assert_jet_ok(rtu_restore(g_new, g_bk, g_new, NULL));
    assert_true(rec_background_flushes() > before);
    char dbp[700];
    rtu_join(dbp, sizeof dbp, g_new, "core.edb");
    rtu_check_clean(dbp);
    rtu_check_rows(g_new, at_inc, all + 100);
    /* Into the live folder: roll forward through its logs, every row. */
    before = rec_background_flushes();
    assert_jet_ok(rtu_restore(g_live, g_bk, NULL, NULL));
    assert_true(rec_background_flushes() > before);
    rtu_check_rows(g_live, all, all + 100);
    rec_set_flush_interval(0);
}

/* Soft recovery (JetInit after a process died) with a writer running:
 * every committed row, nothing of the open transaction. */
static void test_soft_recovery_with_writer(void **state)
{
    (void)state;
    fresh();
    uint64_t committed = 0;
    {
        bkt e;
        bkt_open(&e, g_live, true);
        bkt_close(&e);
    }
    for (int round = 0; round < 2; round++) {
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            bkt e;
            bkt_open(&e, g_live, false);
            e.next_row = committed;
            for (int i = 0; i < 10; i++)
                bkt_write(&e, 400);
            bt_tree *bt;
            txn *t;
            if (st_tree_open(e.c.st, e.objid, &bt) < 0 || txn_begin(e.c.log, &t) < 0 ||
                core_insert_rows(bt, txn_id(t), e.next_row, 700) < 0)
                _exit(3);
            /* Make the open transaction's records durable, then die with
             * every dirty page still in the cache. */
            if (log_flush(e.c.log, LOG_LSN_ALL) < 0)
                _exit(4);
            _exit(0);
        }
        int status = 0;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        committed += 10 * 400;
        rec_set_flush_interval(1);
        uint64_t before = rec_background_flushes();
        rtu_check_rows(g_live, committed, committed + 700);
        assert_true(rec_background_flushes() > before);
        rec_set_flush_interval(0);
        /* And once more, now clean. */
        rtu_check_rows(g_live, committed, committed + 700);
    }
}

/* Arm a persistent EIO on writes to the restored database as soon as the
 * copy is done (the first progress notification), so that the replay's
 * writes fail — the background writer's or the final flush's. */
static const char *g_fault_path;
static JET_ERR JET_API arm_after_copy(JET_SESID sesid, JET_SNP snp, JET_SNT snt, void *pv)
{
    (void)sesid;
    (void)pv;
    if (snp == JET_snpRestore && snt == JET_sntProgress && JetDbFaultCount(JETDB_faultopWrite) == 0)
        assert_jet_ok(JetDbFaultArm(JETDB_faultopWrite, 1, EIO, JETDB_bitFaultPersistent,
                                    g_fault_path));
    return JET_errSuccess;
}

static void test_writer_error_fails_restore(void **state)
{
    (void)state;
    fresh();
    uint64_t all;
    uint64_t at_inc = make_chain(&all);
    rec_set_flush_interval(1);
    char dbp[700];
    rtu_join(dbp, sizeof dbp, g_new, "core.edb");
    g_fault_path = dbp;
    /* Counted from 0 again by the arm in the callback. */
    JetDbFaultDisarmAll();
    assert_jet_ok(JetDbFaultArm(JETDB_faultopWrite, 0, 0, 0, "no-such-file"));
    JetDbFaultDisarm(JETDB_faultopWrite);
    JET_ERR err = rtu_restore(g_new, g_bk, g_new, arm_after_copy);
    assert_true(JetDbFaultFired(JETDB_faultopWrite) > 0);
    JetDbFaultDisarmAll();
    assert_true(err < 0);
    /* A second attempt starts over from the copy and succeeds. */
    assert_jet_ok(rtu_restore(g_new, g_bk, g_new, NULL));
    rtu_check_rows(g_new, at_inc, all + 100);
    rec_set_flush_interval(0);
}

/* A damaged page is found while the copy is made: the restore fails with
 * the page's error, no database and no temporary copy remain, nothing was
 * renamed; a restore into the live folder leaves it as it was. */
static void test_damaged_page_found_while_copying(void **state)
{
    (void)state;
    fresh();
    uint64_t all;
    (void)make_chain(&all);
    char bkdb[700];
    rtu_join(bkdb, sizeof bkdb, g_bk, "core.edb");
    JET_DBINFOMISC4 m;
    bkt_misc(bkdb, &m);
    uint64_t size = 0;
    assert_jet_ok(os_path_size(bkdb, &size));
    /* The last data page (before the trailer page). */
    rtu_flip(bkdb, size - 2ull * m.cbPageSize + 100);
    assert_jet(JET_errReadVerifyFailure, rtu_restore(g_new, g_bk, g_new, NULL));
    char p[700];
    rtu_join(p, sizeof p, g_new, "core.edb");
    assert_false(os_exists(p));
    rtu_join(p, sizeof p, g_new, "core.edb.restoring");
    assert_false(os_exists(p));
    /* The live database stays as it was. */
    char livedb[700];
    rtu_join(livedb, sizeof livedb, g_live, "core.edb");
    JET_DBINFOMISC4 before, after;
    bkt_misc(livedb, &before);
    assert_jet(JET_errReadVerifyFailure, rtu_restore(g_live, g_bk, NULL, NULL));
    bkt_misc(livedb, &after);
    assert_memory_equal(&before, &after, sizeof before);
    rtu_join(p, sizeof p, g_live, "core.edb.restoring");
    assert_false(os_exists(p));
    rtu_check_rows(g_live, all, all + 100);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_restore_with_writer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_soft_recovery_with_writer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_writer_error_fails_restore, setup, teardown),
        cmocka_unit_test_setup_teardown(test_damaged_page_found_while_copying, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
