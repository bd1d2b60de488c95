/*
 * test_isam_basic.c: records through the public API — insert, retrieve,
 * replace, delete; the primary and secondary indexes kept in step; seeks
 * with every operator; moves; bookmarks; a table without primary index.
 */
#include "isam_tu.h"

#include <stdio.h>
#include <string.h>

static tu_env env;

enum { C_ID, C_NAME, C_QTY, C_NOTE };
static const tu_col cols[] = {
    {"id", JET_coltypLong, 0, JET_bitColumnNotNULL, 0, NULL, 0},
    {"name", JET_coltypText, 64, 0, 0, NULL, 0},
    {"qty", JET_coltypLong, 0, 0, 0, NULL, 0},
    {"note", JET_coltypLongText, 0, 0, 0, NULL, 0},
};
static const tu_idx idx[] = {
    {"primary", "+id\0", sizeof "+id\0", JET_bitIndexPrimary, 0, NULL, 0},
    {"byname", "+name\0", sizeof "+name\0", 0, 0, NULL, 0},
    {"byqty", "-qty\0+name\0", sizeof "-qty\0+name\0", 0, 0, NULL, 0},
};

static JET_TABLEID tab;
static JET_COLUMNID cid[4];

static int setup(void **state)
{
    (void)state;
    tu_open(&env, "isam_basic");
    tu_table(&env, "items", cols, 4, idx, 3, &tab, cid);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    JetCloseTable(env.ses, tab);
    tu_close(&env);
    return 0;
}

static void insert(int32_t id, const char *name, int32_t qty)
{
    JET_SESID s = env.ses;
    assert_jet_ok(JetPrepareUpdate(s, tab, JET_prepInsert));
    tu_set_long(s, tab, cid[C_ID], id);
    if (name != NULL)
        tu_set_str(s, tab, cid[C_NAME], name);
    tu_set_long(s, tab, cid[C_QTY], qty);
    assert_jet_ok(JetUpdate(s, tab, NULL, 0, NULL));
}

static void test_insert_retrieve(void **state)
{
    (void)state;
    JET_SESID s = env.ses;
    insert(3, "cherry", 30);
    insert(1, "apple", 10);
    insert(2, "banana", 20);
    assert_int_equal(tu_count(s, tab), 3);
    assert_jet_ok(JetMove(s, tab, JET_MoveFirst, 0));
    assert_int_equal(tu_get_long(s, tab, cid[C_ID]), 1);
    char buf[64];
    assert_jet_ok(tu_get_str(s, tab, cid[C_NAME], buf, sizeof buf));
    assert_string_equal(buf, "apple");
    assert_jet(JET_wrnColumnNull, tu_get_str(s, tab, cid[C_NOTE], buf, sizeof buf));
    assert_jet_ok(JetMove(s, tab, JET_MoveNext, 0));
    assert_int_equal(tu_get_long(s, tab, cid[C_ID]), 2);
    assert_jet_ok(JetMove(s, tab, JET_MoveLast, 0));
    assert_int_equal(tu_get_long(s, tab, cid[C_ID]), 3);
    assert_jet(JET_errNoCurrentRecord, JetMove(s, tab, JET_MoveNext, 0));
    assert_jet_ok(JetMove(s, tab, JET_MovePrevious, 0));
    assert_int_equal(tu_get_long(s, tab, cid[C_ID]), 3);

    /* duplicate primary key */
    assert_jet_ok(JetPrepareUpdate(s, tab, JET_prepInsert));
    tu_set_long(s, tab, cid[C_ID], 2);
    assert_jet(JET_errKeyDuplicate, JetUpdate(s, tab, NULL, 0, NULL));
    assert_jet_ok(JetPrepareUpdate(s, tab, JET_prepCancel));
    assert_int_equal(tu_count(s, tab), 3);

    /* secondary index order */
    assert_jet_ok(JetSetCurrentIndexA(s, tab, "byqty"));
    assert_int_equal(tu_get_long(s, tab, cid[C_ID]), 3);   /* deferred first: qty 30 */
    assert_jet_ok(JetMove(s, tab, JET_MoveNext, 0));
    assert_int_equal(tu_get_long(s, tab, cid[C_ID]), 2);
    assert_int_equal(tu_count(s, tab), 3);
    char name[32];
    assert_jet_ok(JetGetCurrentIndexA(s, tab, name, sizeof name));
    assert_string_equal(name, "byqty");

    /* seek on the secondary index */
    assert_jet_ok(JetSetCurrentIndexA(s, tab, "byname"));
    assert_jet_ok(JetMakeKey(s, tab, "banana", 6, JET_bitNewKey));
    assert_jet_ok(JetSeek(s, tab, JET_bitSeekEQ));
    assert_int_equal(tu_get_long(s, tab, cid[C_ID]), 2);
    assert_jet_ok(JetMakeKey(s, tab, "b", 1, JET_bitNewKey));
    assert_jet(JET_wrnSeekNotEqual, JetSeek(s, tab, JET_bitSeekGE));
    assert_int_equal(tu_get_long(s, tab, cid[C_ID]), 2);
    assert_jet_ok(JetMakeKey(s, tab, "b", 1, JET_bitNewKey));
    assert_jet(JET_errRecordNotFound, JetSeek(s, tab, JET_bitSeekEQ));
    assert_jet(JET_errKeyNotMade, JetSeek(s, tab, JET_bitSeekEQ));

    /* replace changes the secondary key; the cursor follows the record */
    assert_jet_ok(JetMakeKey(s, tab, "banana", 6, JET_bitNewKey));
    assert_jet_ok(JetSeek(s, tab, JET_bitSeekEQ));
    assert_jet_ok(JetPrepareUpdate(s, tab, JET_prepReplace));
    tu_set_str(s, tab, cid[C_NAME], "zucchini");
    assert_jet_ok(JetUpdate(s, tab, NULL, 0, NULL));
    assert_int_equal(tu_get_long(s, tab, cid[C_ID]), 2);
    assert_jet(JET_errNoCurrentRecord, JetMove(s, tab, JET_MoveNext, 0));
    assert_jet_ok(JetMakeKey(s, tab, "banana", 6, JET_bitNewKey));
    assert_jet(JET_errRecordNotFound, JetSeek(s, tab, JET_bitSeekEQ));

    /* delete: the cursor stays on the deleted position */
    assert_jet_ok(JetMakeKey(s, tab, "apple", 5, JET_bitNewKey));
    assert_jet_ok(JetSeek(s, tab, JET_bitSeekEQ));
    assert_jet_ok(JetDelete(s, tab));
    int32_t v;
    assert_jet(JET_errRecordDeleted, JetRetrieveColumn(s, tab, cid[C_ID], &v, 4, NULL, 0, NULL));
    assert_jet_ok(JetMove(s, tab, JET_MoveNext, 0));
    assert_int_equal(tu_get_long(s, tab, cid[C_ID]), 3);
    assert_int_equal(tu_count(s, tab), 2);
    assert_jet_ok(JetSetCurrentIndexA(s, tab, NULL));
    assert_int_equal(tu_count(s, tab), 2);
    assert_jet_ok(JetSetCurrentIndexA(s, tab, "byqty"));
    assert_int_equal(tu_count(s, tab), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_insert_retrieve, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
