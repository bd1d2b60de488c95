/*
 * test_isam_txn.c: records under transactions through the public API —
 * rollback undoes rows, index entries and long values; snapshots hide
 * other sessions' uncommitted and later-committed changes; the second
 * writer of a record gets JET_errWriteConflict (JET_prepReplace,
 * JetGetLock, JetDelete); JET_prepReplaceNoLock detects a change made
 * since it was prepared; a failed JetUpdate inside a transaction leaves
 * the transaction's earlier work alone; JetEndSession closes cursors.
 */
#include "isam_tu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tu_env env;
static JET_TABLEID tab;
static JET_COLUMNID c[3];

static const tu_col cols[] = {
    {"k", JET_coltypLong, 0, 0, 0, NULL, 0},
    {"v", JET_coltypLong, 0, 0, 0, NULL, 0},
    {"blob", JET_coltypLongBinary, 0, 0, 0, NULL, 0},
};
static const tu_idx idx[] = {
    {"pk", "+k\0", sizeof "+k\0", JET_bitIndexPrimary, 0, NULL, 0},
    {"byv", "+v\0", sizeof "+v\0", JET_bitIndexUnique, 0, NULL, 0},
};

static int setup(void **state)
{
    (void)state;
    tu_open(&env, "isam_txn");
    tu_table(&env, "t", cols, 3, idx, 2, &tab, c);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    JetCloseTable(env.ses, tab);
    tu_close(&env);
    return 0;
}

static void put(JET_SESID s, JET_TABLEID t, int32_t k, int32_t v, size_t blob)
{
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
    tu_set_long(s, t, c[0], k);
    tu_set_long(s, t, c[1], v);
    if (blob > 0) {
        uint8_t *b = malloc(blob);
        memset(b, (int)k, blob);
        assert_jet_ok(JetSetColumn(s, t, c[2], b, (uint32_t)blob, 0, NULL));
        free(b);
    }
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
}

static bool has(JET_SESID s, JET_TABLEID t, int32_t k)
{
    assert_jet_ok(JetMakeKey(s, t, &k, 4, JET_bitNewKey));
    JET_ERR err = JetSeek(s, t, JET_bitSeekEQ);
    assert_true(err == JET_errSuccess || err == JET_errRecordNotFound);
    return err == JET_errSuccess;
}

static void test_rollback(void **state)
{
    (void)state;
    JET_SESID s = env.ses;
    put(s, tab, 1, 100, 0);
    assert_jet_ok(JetBeginTransaction(s));
    put(s, tab, 2, 200, 40000);
    tu_seek_long(s, tab, 1, JET_bitSeekEQ, JET_errSuccess);
    assert_jet_ok(JetPrepareUpdate(s, tab, JET_prepReplace));
    tu_set_long(s, tab, c[1], 150);
    assert_jet_ok(JetUpdate(s, tab, NULL, 0, NULL));
    assert_int_equal(tu_count(s, tab), 2);
    assert_jet_ok(JetRollback(s, 0));
    assert_int_equal(tu_count(s, tab), 1);
    assert_true(!has(s, tab, 2));
    assert_true(has(s, tab, 1));
    assert_int_equal(tu_get_long(s, tab, c[1]), 100);
    assert_jet_ok(JetSetCurrentIndexA(s, tab, "byv"));
    assert_int_equal(tu_count(s, tab), 1);
    tu_seek_long(s, tab, 100, JET_bitSeekEQ, JET_errSuccess);
    tu_seek_long(s, tab, 150, JET_bitSeekEQ, JET_errRecordNotFound);
    assert_jet_ok(JetSetCurrentIndexA(s, tab, NULL));
    /* the value 200 is free again */
    put(s, tab, 3, 200, 0);

    /* a failed update inside a transaction keeps what came before */
    assert_jet_ok(JetBeginTransaction(s));
    put(s, tab, 4, 400, 0);
    assert_jet_ok(JetPrepareUpdate(s, tab, JET_prepInsert));
    tu_set_long(s, tab, c[0], 5);
    tu_set_long(s, tab, c[1], 400);     /* unique violation */
    assert_jet(JET_errKeyDuplicate, JetUpdate(s, tab, NULL, 0, NULL));
    assert_jet_ok(JetPrepareUpdate(s, tab, JET_prepCancel));
    assert_true(has(s, tab, 4));
    assert_true(!has(s, tab, 5));
    assert_jet_ok(JetCommitTransaction(s, 0));
    assert_true(has(s, tab, 4));
}

static void test_isolation(void **state)
{
    (void)state;
    JET_SESID a = env.ses;
    JET_SESID b = tu_session(&env);
    JET_TABLEID tb = tu_open_table(&env, b, "t", 0);
    put(a, tab, 1, 10, 0);

    /* b's snapshot starts before a's transaction commits */
    assert_jet_ok(JetBeginTransaction(b));
    assert_true(has(b, tb, 1));
    assert_jet_ok(JetBeginTransaction(a));
    put(a, tab, 2, 20, 30000);
    tu_seek_long(a, tab, 1, JET_bitSeekEQ, JET_errSuccess);
    assert_jet_ok(JetPrepareUpdate(a, tab, JET_prepReplace));
    tu_set_long(a, tab, c[1], 11);
    assert_jet_ok(JetUpdate(a, tab, NULL, 0, NULL));

    /* uncommitted: b does not see it */
    assert_true(!has(b, tb, 2));
    tu_seek_long(b, tb, 1, JET_bitSeekEQ, JET_errSuccess);
    assert_int_equal(tu_get_long(b, tb, c[1]), 10);
    /* the second writer of record 1 conflicts */
    assert_jet(JET_errWriteConflict, JetPrepareUpdate(b, tb, JET_prepReplace));
    assert_jet(JET_errWriteConflict, JetGetLock(b, tb, JET_bitWriteLock));
    assert_jet(JET_errWriteConflict, JetDelete(b, tb));
    assert_jet_ok(JetCommitTransaction(a, 0));

    /* committed after b's snapshot: still invisible to b's transaction */
    assert_true(!has(b, tb, 2));
    tu_seek_long(b, tb, 1, JET_bitSeekEQ, JET_errSuccess);
    assert_int_equal(tu_get_long(b, tb, c[1]), 10);
    assert_jet_ok(JetSetCurrentIndexA(b, tb, "byv"));
    assert_int_equal(tu_count(b, tb), 1);
    assert_jet_ok(JetSetCurrentIndexA(b, tb, NULL));
    assert_jet_ok(JetCommitTransaction(b, 0));
    /* outside a transaction b sees the latest committed state */
    assert_true(has(b, tb, 2));
    uint8_t buf[10];
    uint32_t actual;
    assert_jet(JET_wrnBufferTruncated, JetRetrieveColumn(b, tb, c[2], buf, sizeof buf, &actual, 0,
                                                         NULL));
    assert_int_equal(actual, 30000);
    assert_int_equal(buf[0], 2);

    /* JetGetLock needs a transaction */
    assert_jet(JET_errNotInTransaction, JetGetLock(b, tb, JET_bitReadLock));
    assert_jet_ok(JetBeginTransaction(b));
    assert_jet(JET_errInvalidGrbit, JetGetLock(b, tb, JET_bitReadLock | JET_bitWriteLock));
    assert_jet_ok(JetGetLock(b, tb, JET_bitWriteLock));
    assert_jet_ok(JetBeginTransaction(a));
    tu_seek_long(a, tab, 2, JET_bitSeekEQ, JET_errSuccess);
    assert_jet(JET_errWriteConflict, JetPrepareUpdate(a, tab, JET_prepReplace));
    assert_jet_ok(JetRollback(a, 0));
    assert_jet_ok(JetCommitTransaction(b, 0));

    /* JET_prepReplaceNoLock: a change committed meanwhile is a conflict */
    tu_seek_long(a, tab, 1, JET_bitSeekEQ, JET_errSuccess);
    assert_jet_ok(JetPrepareUpdate(a, tab, JET_prepReplaceNoLock));
    tu_set_long(a, tab, c[1], 12);
    tu_seek_long(b, tb, 1, JET_bitSeekEQ, JET_errSuccess);
    assert_jet_ok(JetPrepareUpdate(b, tb, JET_prepReplace));
    tu_set_long(b, tb, c[1], 13);
    assert_jet_ok(JetUpdate(b, tb, NULL, 0, NULL));
    assert_jet(JET_errWriteConflict, JetUpdate(a, tab, NULL, 0, NULL));
    assert_jet_ok(JetPrepareUpdate(a, tab, JET_prepCancel));

    /* ending a session closes its cursors */
    assert_jet_ok(JetEndSession(b, 0));
    assert_jet(JET_errInvalidSesid, JetCloseTable(b, tb));
    assert_jet(JET_errInvalidTableId, JetCloseTable(a, tb));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_rollback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_isolation, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
