/*
 * test_isam_errors.c: bad input to the cursor and record API — bad or
 * stale handles, another session's cursor, NULL pointers, wrong structure
 * sizes, unknown grbits and prep values, calls out of order, read-only
 * cursors — each answered with ESE's error and nothing changed.
 */
#include "isam_tu.h"

#include <stdio.h>
#include <string.h>

static tu_env env;
static JET_TABLEID tab;
static JET_COLUMNID c[2];

static const tu_col cols[] = {
    {"k", JET_coltypLong, 0, 0, 0, NULL, 0},
    {"v", JET_coltypText, 0, 0, 0, NULL, 0},
};
static const tu_idx idx[] = {{"pk", "+k\0", sizeof "+k\0", JET_bitIndexPrimary, 0, NULL, 0}};

static int setup(void **state)
{
    (void)state;
    tu_open(&env, "isam_err");
    tu_table(&env, "e", cols, 2, idx, 1, &tab, c);
    assert_jet_ok(JetPrepareUpdate(env.ses, tab, JET_prepInsert));
    tu_set_long(env.ses, tab, c[0], 1);
    tu_set_str(env.ses, tab, c[1], "one");
    assert_jet_ok(JetUpdate(env.ses, tab, NULL, 0, NULL));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    JetCloseTable(env.ses, tab);
    tu_close(&env);
    return 0;
}

static void test_handles(void **state)
{
    (void)state;
    JET_SESID s = env.ses;
    JET_TABLEID bad[] = {0, JET_tableidNil, 12345, (JET_TABLEID)env.ses, tab ^ 0x1000000};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_jet(JET_errInvalidTableId, JetMove(s, bad[i], JET_MoveFirst, 0));
        assert_jet(JET_errInvalidTableId, JetCloseTable(s, bad[i]));
        assert_jet(JET_errInvalidTableId, JetPrepareUpdate(s, bad[i], JET_prepInsert));
        int32_t v;
        assert_jet(JET_errInvalidTableId, JetRetrieveColumn(s, bad[i], c[0], &v, 4, NULL, 0, NULL));
    }
    assert_jet(JET_errInvalidSesid, JetMove(0, tab, JET_MoveFirst, 0));
    assert_jet(JET_errInvalidSesid, JetMove(JET_sesidNil, tab, JET_MoveFirst, 0));
    /* a cursor belongs to its session */
    JET_SESID other = tu_session(&env);
    assert_jet(JET_errInvalidTableId, JetMove(other, tab, JET_MoveFirst, 0));
    assert_jet(JET_errInvalidTableId, JetCloseTable(other, tab));
    /* a closed cursor is gone for good */
    JET_TABLEID t2 = tu_open_table(&env, other, "e", 0);
    assert_jet_ok(JetCloseTable(other, t2));
    assert_jet(JET_errInvalidTableId, JetMove(other, t2, JET_MoveFirst, 0));
    /* the session's last JetCloseDatabase closes its cursors there */
    JET_DBID again;
    assert_jet_ok(JetOpenDatabaseA(other, env.dbpath, NULL, &again, 0));
    t2 = tu_open_table(&env, other, "e", 0);
    assert_jet_ok(JetCloseDatabase(other, env.dbid, 0));
    assert_jet_ok(JetMove(other, t2, JET_MoveFirst, 0));     /* still open once */
    assert_jet_ok(JetCloseDatabase(other, env.dbid, 0));
    assert_jet(JET_errInvalidTableId, JetMove(other, t2, JET_MoveFirst, 0));
    assert_jet_ok(JetEndSession(other, 0));
    assert_int_equal(tu_count(s, tab), 1);
}

static void test_arguments(void **state)
{
    (void)state;
    JET_SESID s = env.ses;
    assert_jet_ok(JetMove(s, tab, JET_MoveFirst, 0));
    int32_t v = 2;
    /* prep values and order */
    assert_jet(JET_errInvalidParameter, JetPrepareUpdate(s, tab, 1));
    assert_jet(JET_errInvalidParameter, JetPrepareUpdate(s, tab, 77));
    assert_jet(JET_errUpdateNotPrepared, JetSetColumn(s, tab, c[0], &v, 4, 0, NULL));
    assert_jet(JET_errUpdateNotPrepared, JetUpdate(s, tab, NULL, 0, NULL));
    assert_jet_ok(JetPrepareUpdate(s, tab, JET_prepInsert));
    assert_jet(JET_errAlreadyPrepared, JetPrepareUpdate(s, tab, JET_prepReplace));
    JET_SETINFO si = {sizeof si - 1, 0, 1};
    assert_jet(JET_errInvalidParameter, JetSetColumn(s, tab, c[0], &v, 4, 0, &si));
    assert_jet(JET_errInvalidGrbit, JetSetColumn(s, tab, c[0], &v, 4, 0x80000000u, NULL));
    assert_jet(JET_errColumnNotFound, JetSetColumn(s, tab, 4242, &v, 4, 0, NULL));
    assert_jet(JET_errInvalidGrbit, JetSetColumn(s, tab, c[1], "x", 1,
                                                 JET_bitSetUniqueMultiValues | JET_bitSetAppendLV,
                                                 NULL));
    assert_jet(JET_errInvalidParameter, JetSetColumns(s, tab, NULL, 2));
    JET_SETCOLUMN sc[2] = {{c[0], &v, 4, 0, 0, 1, 0}, {4242, &v, 4, 0, 0, 1, 0}};
    assert_jet(JET_errColumnNotFound, JetSetColumns(s, tab, sc, 2));
    assert_jet_ok(sc[0].err);
    assert_jet(JET_errColumnNotFound, sc[1].err);
    assert_jet(JET_errInvalidGrbit, JetUpdate2(s, tab, NULL, 0, NULL, 0x100));
    assert_jet_ok(JetPrepareUpdate(s, tab, JET_prepCancel));
    /* retrieval */
    JET_RETINFO ri = {sizeof ri - 1, 0, 1, 0};
    assert_jet(JET_errInvalidParameter, JetRetrieveColumn(s, tab, c[0], &v, 4, NULL, 0, &ri));
    assert_jet(JET_errInvalidGrbit, JetRetrieveColumn(s, tab, c[0], &v, 4, NULL, 0x40000000u, NULL));
    assert_jet(JET_errInvalidGrbit,
               JetRetrieveColumn(s, tab, c[0], &v, 4, NULL,
                                 JET_bitRetrieveFromIndex | JET_bitRetrieveFromPrimaryBookmark,
                                 NULL));
    assert_jet(JET_errInvalidParameter, JetRetrieveColumns(s, tab, NULL, 1));
    assert_jet(JET_errInvalidGrbit, JetRetrieveKey(s, tab, &v, 4, NULL, 0x10));
    uint32_t n;
    JET_ENUMCOLUMN *ec;
    assert_jet(JET_errInvalidParameter,
               JetEnumerateColumns(s, tab, 0, NULL, &n, &ec, NULL, NULL, 0, 0));
    assert_jet(JET_errInvalidGrbit,
               JetEnumerateColumns(s, tab, 0, NULL, &n, &ec, tu_realloc, NULL, 0, 0x40000000u));
    /* navigation */
    assert_jet(JET_errInvalidParameter, JetMakeKey(s, tab, NULL, 4, JET_bitNewKey));
    assert_jet(JET_errInvalidGrbit, JetMakeKey(s, tab, &v, 4, 0x40000000u));
    assert_jet(JET_errKeyNotMade, JetMakeKey(s, tab, &v, 4, 0));
    assert_jet(JET_errInvalidGrbit, JetSetIndexRange(s, tab, 0x100));
    assert_jet(JET_errInvalidParameter, JetGetRecordPosition(s, tab, NULL, sizeof(JET_RECPOS)));
    assert_jet(JET_errInvalidParameter, JetGotoPosition(s, tab, NULL));
    assert_jet(JET_errInvalidParameter, JetIndexRecordCount(s, tab, NULL, 0));
    assert_jet(JET_errInvalidParameter, JetDupCursor(s, tab, NULL, 0));
    assert_jet(JET_errInvalidParameter, JetGetCursorInfo(s, tab, NULL, 0, 1));
    assert_jet(JET_errInvalidParameter, JetGetCurrentIndexA(s, tab, NULL, 10));
    assert_jet(JET_errInvalidGrbit, JetGetSecondaryIndexBookmark(s, tab, NULL, 0, NULL, NULL, 0,
                                                                 NULL, 1));
    assert_jet(JET_errInvalidGrbit,
               JetGotoSecondaryIndexBookmark(s, tab, &v, 4, &v, 4, 0x10));
    JET_INDEXID bogus;
    memset(&bogus, 0x5a, sizeof bogus);
    bogus.cbStruct = sizeof bogus;
    assert_jet(JET_errInvalidIndexId, JetSetCurrentIndex4A(s, tab, NULL, &bogus, 0, 1));
    bogus.cbStruct = 3;
    assert_jet(JET_errInvalidIndexId, JetSetCurrentIndex4A(s, tab, NULL, &bogus, 0, 1));
    assert_jet(JET_errInvalidGrbit, JetEscrowUpdate(s, tab, c[0], &v, 4, NULL, 0, NULL, 0x10));
    assert_jet(JET_errInvalidParameter, JetEscrowUpdate(s, tab, c[0], NULL, 4, NULL, 0, NULL, 0));
    /* nothing changed */
    assert_int_equal(tu_count(s, tab), 1);
    assert_jet_ok(JetMove(s, tab, JET_MoveFirst, 0));
    assert_int_equal(tu_get_long(s, tab, c[0]), 1);
}

static void test_readonly(void **state)
{
    (void)state;
    JET_SESID s = env.ses;
    JET_TABLEID ro = tu_open_table(&env, s, "e", JET_bitTableReadOnly);
    assert_jet_ok(JetMove(s, ro, JET_MoveFirst, 0));
    assert_jet(JET_errPermissionDenied, JetPrepareUpdate(s, ro, JET_prepInsert));
    assert_jet(JET_errPermissionDenied, JetPrepareUpdate(s, ro, JET_prepReplace));
    assert_jet(JET_errPermissionDenied, JetDelete(s, ro));
    assert_jet(JET_errPermissionDenied, JetSetColumn(s, ro, c[0], "x", 1, 0, NULL));
    assert_jet_ok(JetBeginTransaction(s));
    assert_jet(JET_errPermissionDenied, JetGetLock(s, ro, JET_bitWriteLock));
    assert_jet_ok(JetGetLock(s, ro, JET_bitReadLock));
    assert_jet_ok(JetCommitTransaction(s, 0));
    /* a duplicate of a read-only cursor is read-only too */
    JET_TABLEID d;
    assert_jet_ok(JetDupCursor(s, ro, &d, 0));
    assert_jet(JET_errPermissionDenied, JetPrepareUpdate(s, d, JET_prepInsert));
    assert_jet_ok(JetCloseTable(s, d));
    assert_jet_ok(JetCloseTable(s, ro));
    /* exclusive opens */
    JET_SESID other = tu_session(&env);
    JET_TABLEID ex = tu_open_table(&env, s, "e", JET_bitTableDenyRead);
    JET_TABLEID o2;
    assert_jet(JET_errTableLocked, tu_try_open_table(&env, other, "e", 0, &o2));
    assert_jet_ok(JetCloseTable(s, ex));
    /* DenyRead while another session has the table open */
    o2 = tu_open_table(&env, other, "e", 0);
    assert_jet(JET_errTableInUse, tu_try_open_table(&env, s, "e", JET_bitTableDenyRead, &ex));
    /* DenyWrite: the other session still reads, but cannot write */
    assert_jet_ok(JetCloseTable(other, o2));
    ex = tu_open_table(&env, s, "e", JET_bitTableDenyWrite);
    o2 = tu_open_table(&env, other, "e", JET_bitTableReadOnly);
    assert_jet_ok(JetMove(other, o2, JET_MoveFirst, 0));
    assert_jet_ok(JetCloseTable(other, o2));
    assert_jet(JET_errTableLocked, tu_try_open_table(&env, other, "e", 0, &o2));
    assert_jet_ok(JetCloseTable(s, ex));
    assert_jet_ok(JetEndSession(other, 0));
    assert_int_equal(tu_count(s, tab), 1);
}

static void test_empty_table(void **state)
{
    (void)state;
    JET_SESID s = env.ses;
    assert_jet_ok(JetMove(s, tab, JET_MoveFirst, 0));
    assert_jet_ok(JetDelete(s, tab));
    assert_jet(JET_errNoCurrentRecord, JetMove(s, tab, JET_MoveFirst, 0));
    assert_jet(JET_errNoCurrentRecord, JetMove(s, tab, JET_MoveLast, 0));
    assert_jet(JET_errNoCurrentRecord, JetMove(s, tab, JET_MoveNext, 0));
    assert_jet(JET_errNoCurrentRecord, JetDelete(s, tab));
    assert_jet(JET_errNoCurrentRecord, JetPrepareUpdate(s, tab, JET_prepReplace));
    uint8_t bm[16];
    uint32_t n;
    assert_jet(JET_errNoCurrentRecord, JetGetBookmark(s, tab, bm, sizeof bm, &n));
    JET_RECPOS rp = {sizeof rp, 0, 0, 1};
    assert_jet(JET_errNoCurrentRecord, JetGotoPosition(s, tab, &rp));
    assert_jet_ok(JetIndexRecordCount(s, tab, &n, 0));
    assert_int_equal(n, 0);
    tu_seek_long(s, tab, 1, JET_bitSeekGE, JET_errRecordNotFound);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_handles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_arguments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_readonly, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_table, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
