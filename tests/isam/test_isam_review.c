/*
 * test_isam_review.c: through esent.h, behaviour checked in review of the
 * explicit-NULL marker, rollback of cursor levels, RetrieveFromIndex,
 * JetComputeStats, AddColumn(autoincrement), long values of deleted
 * columns and JetEscrowUpdate — two of them found wrong: choosing the
 * current index again inside a transaction, and
 * JET_bitSetRevertToDefaultValue with a value.
 */
#include "isam_tu.h"

#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "inst/inst.h"
#include "isam/isam_check.h"

static tu_env env;

static int setup(void **state)
{
    (void)state;
    tu_open(&env, "isam_review");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_close(&env);
    return 0;
}

/* The integrity check finds nothing wrong. */
static void check_clean(void)
{
    sess *s;
    assert_jet_ok(sess_acquire(env.ses, &s));
    db *d;
    assert_jet_ok(db_pin_opened(s, env.dbid, &d));
    isam_ck_report r;
    JET_ERR err = isam_check_database(s, d, NULL, &r);
    for (size_t i = 0; i < r.ndetails; i++)
        print_message("problem: %s\n", r.details[i].msg);
    assert_jet_ok(err);
    assert_int_equal(r.corrupt, 0);
    isam_check_report_free(&r);
    db_unpin(d);
    sess_release(s);
}

static const int32_t d42 = 42;
static const tu_col cols[] = {
    {"k", JET_coltypLong, 0, 0, 0, NULL, 0},
    {"v", JET_coltypLong, 0, 0, 0, &d42, 4},
    {"s", JET_coltypText, 0, JET_bitColumnTagged | JET_bitColumnMultiValued, 0, NULL, 0},
};
static const tu_idx idx[] = {
    {"pk", "+k\0", sizeof "+k\0", JET_bitIndexPrimary, 0, NULL, 0},
    {"iv", "+v\0", sizeof "+v\0", 0, 0, NULL, 0},
    {"is", "+s\0", sizeof "+s\0", 0, 0, NULL, 0},
};
static JET_COLUMNID c[3];

static JET_TABLEID make(int nrows)
{
    JET_TABLEID t;
    tu_table(&env, "t", cols, 3, idx, 3, &t, c);
    for (int i = 1; i <= nrows; i++) {
        assert_jet_ok(JetPrepareUpdate(env.ses, t, JET_prepInsert));
        tu_set_long(env.ses, t, c[0], i);
        assert_jet_ok(JetUpdate(env.ses, t, NULL, 0, NULL));
    }
    assert_jet_ok(JetCloseTable(env.ses, t));
    return tu_open_table(&env, env.ses, "t", JET_bitTableDenyRead);
}

/* Choosing the current secondary index again inside a transaction does not
 * make it "chosen at that level": ESE leaves the cursor's index alone, so a
 * rollback keeps it. */
static void test_same_index_kept_over_rollback(void **state)
{
    (void)state;
    JET_TABLEID t = make(2);
    char name[JET_cbNameMost + 1];
    assert_jet_ok(JetSetCurrentIndexA(env.ses, t, "iv"));
    assert_jet_ok(JetBeginTransaction(env.ses));
    assert_jet_ok(JetSetCurrentIndexA(env.ses, t, "iv"));
    assert_jet_ok(JetRollback(env.ses, 0));
    assert_jet_ok(JetGetCurrentIndexA(env.ses, t, name, sizeof name));
    assert_string_equal(name, "iv");
    /* a different index chosen in the level goes back to the primary */
    assert_jet_ok(JetBeginTransaction(env.ses));
    assert_jet_ok(JetSetCurrentIndexA(env.ses, t, "is"));
    assert_jet_ok(JetRollback(env.ses, 0));
    assert_jet_ok(JetGetCurrentIndexA(env.ses, t, name, sizeof name));
    assert_string_equal(name, "pk");
    assert_jet_ok(JetCloseTable(env.ses, t));
}


static void ins_mv(JET_SESID s, JET_TABLEID t, int32_t k, const char *const *vals, int n)
{
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
    tu_set_long(s, t, c[0], k);
    for (int i = 0; i < n; i++) {
        JET_SETINFO si = {sizeof si, 0, 0};
        assert_jet_ok(JetSetColumn(s, t, c[2], vals[i], (uint32_t)strlen(vals[i]), 0, &si));
    }
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
}

/* RetrieveFromIndex | RetrieveTag on a multi-valued index: each entry's value
 * and its itagSequence. */
static void test_from_index_tag(void **state)
{
    (void)state;
    JET_TABLEID t = make(0);
    const char *v1[] = {"b", "a", "c"};
    ins_mv(env.ses, t, 1, v1, 3);
    assert_jet_ok(JetSetCurrentIndexA(env.ses, t, "is"));
    const char *want[] = {"a", "b", "c"};
    const uint32_t wtag[] = {2, 1, 3};
    int n = 0;
    for (JET_ERR e = JetMove(env.ses, t, JET_MoveFirst, 0); e == JET_errSuccess;
         e = JetMove(env.ses, t, JET_MoveNext, 0), n++) {
        char buf[8];
        uint32_t act = 0;
        JET_RETINFO ri = {sizeof ri, 0, 1, 0};
        assert_jet_ok(JetRetrieveColumn(env.ses, t, c[2], buf, sizeof buf, &act,
                                        JET_bitRetrieveFromIndex | JET_bitRetrieveTag, &ri));
        assert_int_equal(act, 1);
        assert_memory_equal(buf, want[n], 1);
        assert_int_equal(ri.itagSequence, wtag[n]);
    }
    assert_int_equal(n, 3);
    assert_jet_ok(JetCloseTable(env.ses, t));
}

/* InsertCopy of a record holding a long value of a deleted column, then
 * deleting both: no long value is left behind or freed twice. */
static void test_lv_of_deleted_column(void **state)
{
    (void)state;
    JET_TABLEID t = make(0);
    JET_COLUMNDEF lvdef = {sizeof(JET_COLUMNDEF), 0, JET_coltypLongBinary, 0, 0, 0, 0, 0, 0};
    JET_COLUMNID lv;
    assert_jet_ok(JetAddColumnA(env.ses, t, "lv", &lvdef, NULL, 0, &lv));
    static uint8_t big[20000];
    memset(big, 7, sizeof big);
    assert_jet_ok(JetPrepareUpdate(env.ses, t, JET_prepInsert));
    tu_set_long(env.ses, t, c[0], 1);
    assert_jet_ok(JetSetColumn(env.ses, t, lv, big, sizeof big, 0, NULL));
    assert_jet_ok(JetUpdate(env.ses, t, NULL, 0, NULL));
    assert_true(tu_lv_rows(&env, "t") > 0);
    assert_jet_ok(JetDeleteColumnA(env.ses, t, "lv"));
    assert_jet_ok(JetMove(env.ses, t, JET_MoveFirst, 0));
    assert_jet_ok(JetPrepareUpdate(env.ses, t, JET_prepInsertCopy));
    tu_set_long(env.ses, t, c[0], 2);
    assert_jet_ok(JetUpdate(env.ses, t, NULL, 0, NULL));
    assert_int_equal(tu_count(env.ses, t), 2);
    assert_jet_ok(JetMove(env.ses, t, JET_MoveFirst, 0));
    assert_jet_ok(JetDelete(env.ses, t));
    assert_jet_ok(JetMove(env.ses, t, JET_MoveFirst, 0));
    assert_jet_ok(JetDelete(env.ses, t));
    assert_int_equal(tu_lv_rows(&env, "t"), 0);
    check_clean();
    assert_jet_ok(JetCloseTable(env.ses, t));
}

/* JetComputeStats: what the info levels report, rolled back with its
 * transaction, dropped with the index, and clean for the integrity check. */
static void test_compute_stats(void **state)
{
    (void)state;
    JET_TABLEID t = make(5);
    const char *v1[] = {"x", "y"};
    ins_mv(env.ses, t, 10, v1, 2);
    ins_mv(env.ses, t, 11, v1, 2);
    assert_jet_ok(JetComputeStats(env.ses, t));
    JET_OBJECTINFO oi;
    assert_jet_ok(JetGetTableInfoA(env.ses, t, &oi, sizeof oi, JET_TblInfo));
    assert_int_equal(oi.cRecord, 7);
    JET_INDEXLIST il = {0};
    il.cbStruct = sizeof il;
    assert_jet_ok(JetGetTableIndexInfoA(env.ses, t, "is", &il, sizeof il, JET_IdxInfo));
    assert_jet_ok(JetMove(env.ses, il.tableid, JET_MoveFirst, 0));
    uint32_t centry = 0, ckey = 0, act;
    assert_jet_ok(JetRetrieveColumn(env.ses, il.tableid, il.columnidcEntry, &centry, 4, &act, 0,
                                    NULL));
    assert_jet_ok(JetRetrieveColumn(env.ses, il.tableid, il.columnidcKey, &ckey, 4, &act, 0,
                                    NULL));
    assert_int_equal(centry, 4 + 5);   /* NULL entries of the 5 rows without s */
    assert_int_equal(ckey, 3);
    assert_jet_ok(JetCloseTable(env.ses, il.tableid));
    /* in a transaction that rolls back: the stats go back too */
    assert_jet_ok(JetBeginTransaction(env.ses));
    ins_mv(env.ses, t, 12, v1, 2);
    assert_jet_ok(JetComputeStats(env.ses, t));
    assert_jet_ok(JetGetTableInfoA(env.ses, t, &oi, sizeof oi, JET_TblInfo));
    assert_int_equal(oi.cRecord, 8);
    assert_jet_ok(JetRollback(env.ses, 0));
    assert_jet_ok(JetGetTableInfoA(env.ses, t, &oi, sizeof oi, JET_TblInfo));
    assert_int_equal(oi.cRecord, 7);
    check_clean();
    assert_jet_ok(JetDeleteIndexA(env.ses, t, "is"));
    check_clean();
    assert_jet_ok(JetCloseTable(env.ses, t));
}

static const JET_COLUMNDEF aidef = {sizeof(JET_COLUMNDEF), 0, JET_coltypLong, 0, 0, 0, 0, 0,
                                    JET_bitColumnAutoincrement};

/* AddColumn of an autoincrement column rolled back, then added again: the
 * rows are numbered once more from 1 and an insert continues after them. */
static void test_autoinc_add_after_rollback(void **state)
{
    (void)state;
    JET_TABLEID t = make(3);
    JET_COLUMNID ai;
    assert_jet_ok(JetBeginTransaction(env.ses));
    assert_jet_ok(JetAddColumnA(env.ses, t, "ai", &aidef, NULL, 0, &ai));
    assert_jet_ok(JetRollback(env.ses, 0));
    assert_jet_ok(JetAddColumnA(env.ses, t, "ai2", &aidef, NULL, 0, &ai));
    assert_jet_ok(JetPrepareUpdate(env.ses, t, JET_prepInsert));
    tu_set_long(env.ses, t, c[0], 100);
    assert_jet_ok(JetUpdate(env.ses, t, NULL, 0, NULL));
    assert_jet_ok(JetSetCurrentIndexA(env.ses, t, "pk"));
    int32_t want = 1;
    for (JET_ERR m = JetMove(env.ses, t, JET_MoveFirst, 0); m == JET_errSuccess;
         m = JetMove(env.ses, t, JET_MoveNext, 0))
        assert_int_equal(tu_get_long(env.ses, t, ai), want++);
    assert_int_equal(want, 5);
    assert_jet_ok(JetCloseTable(env.ses, t));
}

/* JET_bitSetRevertToDefaultValue only changes what a NULL set does (ESE:
 * the bit is stripped before a value is written): with data, the data is
 * set, on tagged and long-value columns alike. */
static void test_revert_bit_with_data_sets_it(void **state)
{
    (void)state;
    static const tu_col rc[] = {
        {"k", JET_coltypLong, 0, 0, 0, NULL, 0},
        {"tg", JET_coltypText, 0, JET_bitColumnTagged, 0, "td", 2},
        {"lv", JET_coltypLongText, 0, 0, 0, "ld", 2},
    };
    static const tu_idx ri[] = {{"pk", "+k\0", sizeof "+k\0", JET_bitIndexPrimary, 0, NULL, 0}};
    JET_TABLEID t;
    JET_COLUMNID id[3];
    tu_table(&env, "r", rc, 3, ri, 1, &t, id);
    assert_jet_ok(JetPrepareUpdate(env.ses, t, JET_prepInsert));
    tu_set_long(env.ses, t, id[0], 1);
    assert_jet_ok(JetSetColumn(env.ses, t, id[1], "x", 1, JET_bitSetRevertToDefaultValue, NULL));
    assert_jet_ok(JetSetColumn(env.ses, t, id[2], "y", 1, JET_bitSetRevertToDefaultValue, NULL));
    assert_jet_ok(JetUpdate(env.ses, t, NULL, 0, NULL));
    assert_jet_ok(JetMove(env.ses, t, JET_MoveFirst, 0));
    char buf[8];
    assert_jet_ok(tu_get_str(env.ses, t, id[1], buf, sizeof buf));
    assert_string_equal(buf, "x");
    assert_jet_ok(tu_get_str(env.ses, t, id[2], buf, sizeof buf));
    assert_string_equal(buf, "y");
    /* a NULL set with the bit still brings the default back */
    assert_jet_ok(JetPrepareUpdate(env.ses, t, JET_prepReplace));
    assert_jet_ok(JetSetColumn(env.ses, t, id[1], NULL, 0, JET_bitSetRevertToDefaultValue, NULL));
    assert_jet_ok(JetUpdate(env.ses, t, NULL, 0, NULL));
    assert_jet_ok(tu_get_str(env.ses, t, id[1], buf, sizeof buf));
    assert_string_equal(buf, "td");
    assert_jet_ok(JetCloseTable(env.ses, t));
}

/* JetEscrowUpdate of a record the session inserted / replaced in the same
 * transaction. */
static void test_escrow_own_change(void **state)
{
    (void)state;
    static const int32_t z = 0;
    static const tu_col ec[] = {
        {"k", JET_coltypLong, 0, 0, 0, NULL, 0},
        {"n", JET_coltypLong, 0, JET_bitColumnEscrowUpdate, 0, &z, 4},
        {"note", JET_coltypText, 0, 0, 0, NULL, 0},
    };
    static const tu_idx ei[] = {{"pk", "+k\0", sizeof "+k\0", JET_bitIndexPrimary, 0, NULL, 0}};
    JET_TABLEID t;
    JET_COLUMNID id[3];
    tu_table(&env, "e", ec, 3, ei, 1, &t, id);
    int32_t d = 5, old = -1;
    uint32_t act;
    assert_jet_ok(JetBeginTransaction(env.ses));
    assert_jet_ok(JetPrepareUpdate(env.ses, t, JET_prepInsert));
    tu_set_long(env.ses, t, id[0], 1);
    assert_jet_ok(JetUpdate(env.ses, t, NULL, 0, NULL));
    assert_jet_ok(JetMove(env.ses, t, JET_MoveFirst, 0));
    JET_ERR e = JetEscrowUpdate(env.ses, t, id[1], &d, 4, &old, 4, &act, 0);
    assert_jet_ok(e);
    assert_int_equal(old, 0);
    assert_jet_ok(JetCommitTransaction(env.ses, 0));
    assert_jet_ok(JetBeginTransaction(env.ses));
    assert_jet_ok(JetPrepareUpdate(env.ses, t, JET_prepReplace));
    tu_set_str(env.ses, t, id[2], "x");
    assert_jet_ok(JetUpdate(env.ses, t, NULL, 0, NULL));
    e = JetEscrowUpdate(env.ses, t, id[1], &d, 4, &old, 4, &act, 0);
    assert_jet_ok(e);
    assert_int_equal(old, 5);
    assert_jet_ok(JetCommitTransaction(env.ses, 0));
    assert_int_equal(tu_get_long(env.ses, t, id[1]), 10);
    assert_jet_ok(JetCloseTable(env.ses, t));
}

/* A table created and filled inside a transaction that rolls back, with
 * cursors (a second one, its duplicate, a temporary table) opened there:
 * the rollback closes them all and the name is free again. */
static void test_rollback_closes_cursors(void **state)
{
    (void)state;
    assert_jet_ok(JetBeginTransaction(env.ses));
    assert_jet_ok(JetBeginTransaction(env.ses));
    JET_TABLEID t, t2, dup, tt;
    tu_table(&env, "t", cols, 3, idx, 3, &t, c);
    for (int i = 1; i <= 50; i++) {
        assert_jet_ok(JetPrepareUpdate(env.ses, t, JET_prepInsert));
        tu_set_long(env.ses, t, c[0], i);
        assert_jet_ok(JetUpdate(env.ses, t, NULL, 0, NULL));
    }
    t2 = tu_open_table(&env, env.ses, "t", 0);
    assert_jet_ok(JetSetCurrentIndexA(env.ses, t2, "iv"));
    assert_jet_ok(JetMove(env.ses, t2, JET_MoveFirst, 0));
    assert_jet_ok(JetDupCursor(env.ses, t2, &dup, 0));
    JET_COLUMNDEF cd = {sizeof cd, 0, JET_coltypLong, 0, 0, 0, 0, 0, JET_bitColumnTTKey};
    JET_COLUMNID tc;
    assert_jet_ok(JetOpenTempTable(env.ses, &cd, 1, JET_bitTTIndexed, &tt, &tc));
    assert_jet_ok(JetPrepareUpdate(env.ses, t2, JET_prepReplace));
    assert_jet_ok(JetCommitTransaction(env.ses, 0));
    assert_jet_ok(JetRollback(env.ses, 0));
    assert_jet(JET_errInvalidTableId, JetMove(env.ses, t, JET_MoveFirst, 0));
    assert_jet(JET_errInvalidTableId, JetMove(env.ses, t2, JET_MoveFirst, 0));
    assert_jet(JET_errInvalidTableId, JetMove(env.ses, dup, JET_MoveFirst, 0));
    assert_jet(JET_errInvalidTableId, JetMove(env.ses, tt, JET_MoveFirst, 0));
    assert_jet(JET_errInvalidTableId, JetCloseTable(env.ses, t2));
    JET_TABLEID x;
    assert_jet(JET_errObjectNotFound, tu_try_open_table(&env, env.ses, "t", 0, &x));
    /* the same name again, outside any transaction */
    tu_table(&env, "t", cols, 3, idx, 3, &t, c);
    assert_int_equal(tu_count(env.ses, t), 0);
    assert_jet_ok(JetCloseTable(env.ses, t));
    check_clean();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_same_index_kept_over_rollback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_from_index_tag, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lv_of_deleted_column, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compute_stats, setup, teardown),
        cmocka_unit_test_setup_teardown(test_autoinc_add_after_rollback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_revert_bit_with_data_sets_it, setup, teardown),
        cmocka_unit_test_setup_teardown(test_escrow_own_change, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rollback_closes_cursors, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
