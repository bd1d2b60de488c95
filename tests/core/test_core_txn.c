/*
 * test_core_txn.c: the storage core end to end in one process —
 * transactions over B-trees (commit, rollback), durability across a clean
 * termination, crash-like (dirty) termination followed by recovery that
 * keeps committed and removes uncommitted work, redo idempotence (a
 * second recovery changes nothing), and log generations rolling under load.
 */
#include "core_util.h"

#include <stdlib.h>
#include <string.h>

#include "log/log.h"

static char *g_dir;

static int setup(void **state)
{
    (void)state;
    g_dir = tu_mkdtemp("core");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_rmtree(g_dir);
    free(g_dir);
    return 0;
}

/* Open tree objid of the environment's database. */
static bt_tree *tree(core_env *e, uint32_t objid)
{
    bt_tree *t;
    assert_jet_ok(st_tree_open(e->st, objid, &t));
    return t;
}

static void test_commit_rollback(void **state)
{
    (void)state;
    core_env e;
    core_open(&e, g_dir, true);
    txn *t;
    assert_jet_ok(txn_begin(e.log, &t));
    uint32_t objid;
    assert_jet_ok(st_tree_create(e.st, txn_id(t), &objid));
    assert_jet_ok(core_insert_rows(tree(&e, objid), txn_id(t), 0, 500));
    assert_jet_ok(txn_commit(t, false, NULL));

    /* A rolled-back transaction leaves no trace: inserts, replaces and
     * deletes all come back. */
    assert_jet_ok(txn_begin(e.log, &t));
    bt_tree *bt = tree(&e, objid);
    assert_jet_ok(core_insert_rows(bt, txn_id(t), 500, 300));
    for (uint64_t i = 0; i < 100; i++) {
        char key[16];
        core_key(i, key);
        assert_jet_ok(bt_delete(bt, txn_id(t), key, 11));
        core_key(i + 100, key);
        assert_jet_ok(bt_replace(bt, txn_id(t), key, 11, "changed", 7));
    }
    assert_jet_ok(core_rollback(t));
    for (uint64_t i = 0; i < 800; i++)
        assert_int_equal(core_row_state(bt, i), i < 500 ? 1 : 0);
    bt_check_stats cs;
    assert_jet_ok(bt_check(bt, &cs));
    assert_int_equal(cs.records, 500);
    core_close(&e, 0);

    /* Clean restart: everything committed is there. */
    core_open(&e, g_dir, false);
    bt = tree(&e, objid);
    for (uint64_t i = 0; i < 800; i++)
        assert_int_equal(core_row_state(bt, i), i < 500 ? 1 : 0);
    core_close(&e, 0);
}

static void test_dirty_term_recovers(void **state)
{
    (void)state;
    core_env e;
    core_open(&e, g_dir, true);
    txn *t;
    assert_jet_ok(txn_begin(e.log, &t));
    uint32_t objid;
    assert_jet_ok(st_tree_create(e.st, txn_id(t), &objid));
    assert_jet_ok(txn_commit(t, false, NULL));
    bt_tree *bt = tree(&e, objid);
    /* Committed (durably), committed lazily then made durable, and one
     * left open as a crash would leave it. */
    assert_jet_ok(txn_begin(e.log, &t));
    assert_jet_ok(core_insert_rows(bt, txn_id(t), 0, 1000));
    assert_jet_ok(txn_commit(t, false, NULL));
    assert_jet_ok(txn_begin(e.log, &t));
    assert_jet_ok(core_insert_rows(bt, txn_id(t), 1000, 200));
    assert_jet_ok(txn_commit(t, true, NULL));
    assert_jet_ok(txn_begin(e.log, &t));
    assert_jet_ok(core_insert_rows(bt, txn_id(t), 2000, 300));
    char key[16];
    core_key(5, key);
    assert_jet_ok(bt_delete(bt, txn_id(t), key, 11));
    assert_jet_ok(log_flush(e.log, LOG_LSN_ALL));   /* its records reach the log... */
    txn_forget(t);                                  /* ...but it never commits */
    core_close(&e, JET_bitTermDirty);

    /* The database is dirty: attach refuses it until recovery ran, which
     * the next JetInit does. */
    for (int round = 0; round < 2; round++) {
        core_open(&e, g_dir, false);
        bt = tree(&e, objid);
        for (uint64_t i = 0; i < 2300; i++)
            assert_int_equal(core_row_state(bt, i), i < 1200 ? 1 : 0);
        bt_check_stats cs;
        assert_jet_ok(bt_check(bt, &cs));
        assert_int_equal(cs.records, 1200);
        /* Crash again right away: recovering twice changes nothing. */
        core_close(&e, JET_bitTermDirty);
    }
}

static void test_many_generations(void **state)
{
    (void)state;
    core_env e;
    core_open(&e, g_dir, true);
    txn *t;
    assert_jet_ok(txn_begin(e.log, &t));
    uint32_t objid;
    assert_jet_ok(st_tree_create(e.st, txn_id(t), &objid));
    assert_jet_ok(txn_commit(t, false, NULL));
    bt_tree *bt = tree(&e, objid);
    uint32_t gen0 = log_generation(e.log);
    for (uint64_t b = 0; b < 40; b++) {
        assert_jet_ok(txn_begin(e.log, &t));
        assert_jet_ok(core_insert_rows(bt, txn_id(t), b * 250, 250));
        assert_jet_ok(txn_commit(t, b % 3 != 0, NULL));
    }
    assert_true(log_generation(e.log) > gen0 + 3);
    assert_jet_ok(log_flush(e.log, LOG_LSN_ALL));
    core_close(&e, JET_bitTermDirty);
    core_open(&e, g_dir, false);
    bt = tree(&e, objid);
    for (uint64_t i = 0; i < 10000; i += 7)
        assert_int_equal(core_row_state(bt, i), 1);
    bt_check_stats cs;
    assert_jet_ok(bt_check(bt, &cs));
    assert_int_equal(cs.records, 10000);
    core_close(&e, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_commit_rollback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dirty_term_recovers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_many_generations, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
