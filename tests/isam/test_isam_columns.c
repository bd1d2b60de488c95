/*
 * test_isam_columns.c: column semantics through the public API — every
 * column type, fixed / variable / tagged, multi-valued columns and their
 * itagSequence rules, defaults, NotNULL, autoincrement, version and escrow
 * columns, Unicode text, JetRetrieveColumns, JetEnumerateColumns.
 */
#include "isam_tu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tu_env env;

static int setup(void **state)
{
    (void)state;
    tu_open(&env, "isam_cols");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_close(&env);
    return 0;
}

/* ---- every type --------------------------------------------------------------- */

static void test_every_type(void **state)
{
    (void)state;
    static const tu_col cols[] = {
        {"k", JET_coltypLong, 0, 0, 0, NULL, 0},
        {"bit", JET_coltypBit, 0, 0, 0, NULL, 0},
        {"ub", JET_coltypUnsignedByte, 0, 0, 0, NULL, 0},
        {"sh", JET_coltypShort, 0, 0, 0, NULL, 0},
        {"lg", JET_coltypLong, 0, 0, 0, NULL, 0},
        {"cur", JET_coltypCurrency, 0, 0, 0, NULL, 0},
        {"fl", JET_coltypIEEESingle, 0, 0, 0, NULL, 0},
        {"db", JET_coltypIEEEDouble, 0, 0, 0, NULL, 0},
        {"dt", JET_coltypDateTime, 0, 0, 0, NULL, 0},
        {"bin", JET_coltypBinary, 0, 0, 0, NULL, 0},
        {"txt", JET_coltypText, 0, 0, 0, NULL, 0},
        {"lbin", JET_coltypLongBinary, 0, 0, 0, NULL, 0},
        {"ltxt", JET_coltypLongText, 0, 0, 1200, NULL, 0},
        {"ul", JET_coltypUnsignedLong, 0, 0, 0, NULL, 0},
        {"ll", JET_coltypLongLong, 0, 0, 0, NULL, 0},
        {"guid", JET_coltypGUID, 0, 0, 0, NULL, 0},
        {"us", JET_coltypUnsignedShort, 0, 0, 0, NULL, 0},
        {"tag", JET_coltypLong, 0, JET_bitColumnTagged, 0, NULL, 0},
    };
    static const tu_idx idx[] = {{"pk", "+k\0", sizeof "+k\0", JET_bitIndexPrimary, 0, NULL, 0}};
    JET_TABLEID t;
    JET_COLUMNID c[18];
    tu_table(&env, "types", cols, 18, idx, 1, &t, c);
    JET_SESID s = env.ses;

    uint8_t bitv = 1, ub = 200;
    int16_t sh = -1234;
    int32_t lg = -7, k = 1;
    int64_t cur = 123456789012345LL, ll = -5;
    float fl = 1.5f;
    double db = -2.25, dt = 45000.5;
    uint32_t ul = 4000000000u;
    uint16_t us = 65000;
    uint8_t guid[16];
    for (int i = 0; i < 16; i++)
        guid[i] = (uint8_t)(i * 7);
    const uint16_t wtext[] = {'h', 0xE9, 'l', 'l', 'o'};
    struct {
        int col;
        const void *p;
        uint32_t cb;
    } vals[] = {
        {0, &k, 4},     {1, &bitv, 1},   {2, &ub, 1},      {3, &sh, 2},   {4, &lg, 4},
        {5, &cur, 8},   {6, &fl, 4},     {7, &db, 8},      {8, &dt, 8},   {9, "\x01\x02\x00\x03", 4},
        {10, "text", 4}, {11, "\xff\xfe", 2}, {12, wtext, sizeof wtext}, {13, &ul, 4},
        {14, &ll, 8},   {15, guid, 16},  {16, &us, 2},     {17, &lg, 4},
    };
    size_t n = sizeof vals / sizeof vals[0];
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
    for (size_t i = 0; i < n; i++)
        assert_jet_ok(JetSetColumn(s, t, c[vals[i].col], vals[i].p, vals[i].cb, 0, NULL));
    /* the copy buffer answers before the update */
    int32_t got = 0;
    assert_jet_ok(JetRetrieveColumn(s, t, c[4], &got, 4, NULL, JET_bitRetrieveCopy, NULL));
    assert_int_equal(got, -7);
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));

    assert_jet_ok(JetMove(s, t, JET_MoveFirst, 0));
    for (size_t i = 0; i < n; i++) {
        uint8_t buf[64];
        uint32_t actual = 0;
        JET_ERR err = JetRetrieveColumn(s, t, c[vals[i].col], buf, sizeof buf, &actual, 0, NULL);
        assert_jet_ok(err);
        assert_int_equal(actual, vals[i].cb);
        if (vals[i].col == 1)
            assert_int_equal(buf[0], 0xFF);      /* Bit is stored as 0xFF */
        else
            assert_memory_equal(buf, vals[i].p, vals[i].cb);
    }
    /* wrong sizes for fixed types */
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepReplace));
    assert_jet(JET_errInvalidBufferSize, JetSetColumn(s, t, c[4], &sh, 2, 0, NULL));
    /* text longer than 255 */
    char big[300];
    memset(big, 'x', sizeof big);
    assert_jet(JET_wrnColumnMaxTruncated, JetSetColumn(s, t, c[9], big, 300, 0, NULL));
    uint32_t cut = 0;
    assert_jet_ok(JetRetrieveColumn(s, t, c[9], big, sizeof big, &cut, JET_bitRetrieveCopy, NULL));
    assert_int_equal(cut, 255);
    /* zero-length versus NULL */
    assert_jet_ok(JetSetColumn(s, t, c[10], NULL, 0, JET_bitSetZeroLength, NULL));
    assert_jet_ok(JetSetColumn(s, t, c[9], NULL, 0, 0, NULL));
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
    uint32_t actual = 99;
    char tb[8];
    assert_jet_ok(JetRetrieveColumn(s, t, c[10], tb, sizeof tb, &actual, 0, NULL));
    assert_int_equal(actual, 0);
    assert_jet(JET_wrnColumnNull, JetRetrieveColumn(s, t, c[9], tb, sizeof tb, &actual, 0, NULL));
    assert_int_equal(actual, 0);
    /* truncated retrieval reports the real size */
    assert_jet(JET_wrnBufferTruncated, JetRetrieveColumn(s, t, c[7], tb, 3, &actual, 0, NULL));
    assert_int_equal(actual, 8);
    /* unknown column */
    assert_jet(JET_errColumnNotFound, JetRetrieveColumn(s, t, 9999, tb, 8, &actual, 0, NULL));
    assert_jet_ok(JetCloseTable(s, t));
}

/* ---- multi-valued columns ------------------------------------------------------- */

static void test_multivalue(void **state)
{
    (void)state;
    static const tu_col cols[] = {
        {"k", JET_coltypLong, 0, 0, 0, NULL, 0},
        {"tags", JET_coltypText, 0, JET_bitColumnTagged | JET_bitColumnMultiValued, 0, NULL, 0},
    };
    static const tu_idx idx[] = {{"pk", "+k\0", sizeof "+k\0", JET_bitIndexPrimary, 0, NULL, 0}};
    JET_TABLEID t;
    JET_COLUMNID c[2];
    tu_table(&env, "mv", cols, 2, idx, 1, &t, c);
    JET_SESID s = env.ses;
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
    tu_set_long(s, t, c[0], 1);
    JET_SETINFO si = {sizeof si, 0, 0};
    const char *words[] = {"red", "green", "blue"};
    for (int i = 0; i < 3; i++) {
        si.itagSequence = 0;   /* append */
        assert_jet_ok(JetSetColumn(s, t, c[1], words[i], (uint32_t)strlen(words[i]), 0, &si));
    }
    /* JET_bitSetUniqueMultiValues refuses a duplicate */
    si.itagSequence = 0;
    assert_jet(JET_errMultiValuedDuplicate,
               JetSetColumn(s, t, c[1], "green", 5, JET_bitSetUniqueMultiValues, &si));
    assert_jet(JET_errMultiValuedDuplicate,
               JetSetColumn(s, t, c[1], "GREEN", 5, JET_bitSetUniqueNormalizedMultiValues, &si));
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
    assert_jet_ok(JetMove(s, t, JET_MoveFirst, 0));

    /* itagSequence 0 in JetRetrieveColumns counts the values */
    JET_RETRIEVECOLUMN rc[4];
    char b[4][16];
    memset(rc, 0, sizeof rc);
    for (int i = 0; i < 4; i++) {
        rc[i].columnid = c[1];
        rc[i].pvData = b[i];
        rc[i].cbData = sizeof b[i];
        rc[i].itagSequence = (uint32_t)i;
    }
    assert_jet_ok(JetRetrieveColumns(s, t, rc, 4));
    assert_int_equal(rc[0].itagSequence, 3);
    assert_jet_ok(rc[1].err);
    assert_int_equal(rc[1].cbActual, 3);
    assert_memory_equal(b[1], "red", 3);
    assert_memory_equal(b[3], "blue", 4);
    /* JetRetrieveColumn itagSequence 0 on a tagged column */
    JET_RETINFO ri = {sizeof ri, 0, 0, 0};
    assert_jet(JET_errBadItagSequence, JetRetrieveColumn(s, t, c[1], b[0], 16, NULL, 0, &ri));
    ri.itagSequence = 4;
    assert_jet(JET_wrnColumnNull, JetRetrieveColumn(s, t, c[1], b[0], 16, NULL, 0, &ri));
    /* columnid 0 walks every tagged value */
    ri.itagSequence = 2;
    uint32_t actual;
    assert_jet_ok(JetRetrieveColumn(s, t, 0, b[0], 16, &actual, 0, &ri));
    assert_int_equal(ri.columnidNextTagged, c[1]);
    assert_int_equal(actual, 5);
    assert_memory_equal(b[0], "green", 5);
    ri.itagSequence = 0;
    assert_jet(JET_errBadItagSequence, JetRetrieveColumn(s, t, 0, b[0], 16, &actual, 0, &ri));

    /* delete value 2: later values move down; replace value 1 */
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepReplace));
    si.itagSequence = 2;
    assert_jet_ok(JetSetColumn(s, t, c[1], NULL, 0, 0, &si));
    si.itagSequence = 1;
    assert_jet_ok(JetSetColumn(s, t, c[1], "pink", 4, 0, &si));
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
    ri.itagSequence = 2;
    assert_jet_ok(JetRetrieveColumn(s, t, c[1], b[0], 16, &actual, 0, &ri));
    assert_memory_equal(b[0], "blue", 4);
    ri.itagSequence = 1;
    assert_jet_ok(JetRetrieveColumn(s, t, c[1], b[0], 16, &actual, 0, &ri));
    assert_memory_equal(b[0], "pink", 4);

    /* JetEnumerateColumns */
    uint32_t ncol = 0;
    JET_ENUMCOLUMN *ec = NULL;
    assert_jet_ok(JetEnumerateColumns(s, t, 0, NULL, &ncol, &ec, tu_realloc, NULL, 0, 0));
    assert_int_equal(ncol, 2);
    assert_int_equal(ec[0].columnid, c[0]);
    assert_int_equal(ec[1].columnid, c[1]);
    assert_int_equal(ec[1].cEnumColumnValue, 2);
    assert_int_equal(ec[1].rgEnumColumnValue[1].cbData, 4);
    assert_memory_equal(ec[1].rgEnumColumnValue[1].pvData, "blue", 4);
    tu_free_enum(ncol, ec);
    assert_jet_ok(JetEnumerateColumns(s, t, 0, NULL, &ncol, &ec, tu_realloc, NULL, 0,
                                      JET_bitEnumerateCompressOutput));
    assert_jet(JET_wrnColumnSingleValue, ec[0].err);
    assert_int_equal(ec[0].cbData, 4);
    tu_free_enum(ncol, ec);
    assert_jet_ok(JetCloseTable(s, t));
}

/* ---- defaults, NotNULL, autoincrement, version, escrow -------------------------- */

static void test_special_columns(void **state)
{
    (void)state;
    static const int32_t dflt = 42, zero = 0;
    static const tu_col cols[] = {
        {"id", JET_coltypLong, 0, JET_bitColumnAutoincrement, 0, NULL, 0},
        {"must", JET_coltypText, 0, JET_bitColumnNotNULL, 0, NULL, 0},
        {"d", JET_coltypLong, 0, 0, 0, &dflt, 4},
        {"ver", JET_coltypLong, 0, JET_bitColumnVersion, 0, NULL, 0},
        {"cnt", JET_coltypLong, 0, JET_bitColumnEscrowUpdate, 0, &zero, 4},
        {"dtag", JET_coltypText, 0, JET_bitColumnTagged, 0, "dv", 2},
    };
    static const tu_idx idx[] = {{"pk", "+id\0", sizeof "+id\0", JET_bitIndexPrimary, 0, NULL, 0}};
    JET_TABLEID t;
    JET_COLUMNID c[6];
    tu_table(&env, "special", cols, 6, idx, 1, &t, c);
    JET_SESID s = env.ses;

    /* NotNULL */
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
    assert_jet(JET_errNullInvalid, JetUpdate(s, t, NULL, 0, NULL));
    /* autoincrement is assigned at prepare and cannot be set */
    int32_t id = 0;
    assert_jet_ok(JetRetrieveColumn(s, t, c[0], &id, 4, NULL, JET_bitRetrieveCopy, NULL));
    assert_int_equal(id, 1);
    int32_t v = 5;
    assert_jet(JET_errInvalidColumnType, JetSetColumn(s, t, c[0], &v, 4, 0, NULL));
    tu_set_str(s, t, c[1], "x");
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
    tu_set_str(s, t, c[1], "y");
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));

    assert_jet_ok(JetMove(s, t, JET_MoveLast, 0));
    assert_int_equal(tu_get_long(s, t, c[0]), 2);
    /* defaults show through */
    assert_int_equal(tu_get_long(s, t, c[2]), 42);
    char b[8];
    assert_jet_ok(tu_get_str(s, t, c[5], b, sizeof b));
    assert_string_equal(b, "dv");
    uint32_t actual;
    assert_jet(JET_wrnColumnNull, JetRetrieveColumn(s, t, c[2], &v, 4, &actual,
                                                    JET_bitRetrieveIgnoreDefault, NULL));
    /* version: 0 at insert, +1 per replace */
    assert_int_equal(tu_get_long(s, t, c[3]), 0);
    for (int i = 1; i <= 3; i++) {
        assert_jet_ok(JetPrepareUpdate(s, t, JET_prepReplace));
        assert_jet(JET_errInvalidColumnType, JetSetColumn(s, t, c[3], &v, 4, 0, NULL));
        tu_set_long(s, t, c[2], 100 + i);
        assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
        assert_int_equal(tu_get_long(s, t, c[3]), i);
    }
    /* revert to the default */
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepReplace));
    assert_jet_ok(JetSetColumn(s, t, c[2], NULL, 0, JET_bitSetRevertToDefaultValue, NULL));
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
    assert_int_equal(tu_get_long(s, t, c[2]), 42);

    /* escrow needs a transaction */
    int32_t delta = 5, old = -1;
    assert_jet(JET_errNotInTransaction,
               JetEscrowUpdate(s, t, c[4], &delta, 4, &old, 4, &actual, 0));
    assert_jet_ok(JetBeginTransaction(s));
    assert_jet_ok(JetEscrowUpdate(s, t, c[4], &delta, 4, &old, 4, &actual, 0));
    assert_int_equal(old, 0);
    assert_jet_ok(JetEscrowUpdate(s, t, c[4], &delta, 4, &old, 4, &actual, 0));
    assert_int_equal(old, 5);
    assert_jet(JET_errInvalidOperation, JetEscrowUpdate(s, t, c[2], &delta, 4, NULL, 0, NULL, 0));
    assert_jet(JET_errInvalidBufferSize, JetEscrowUpdate(s, t, c[4], &delta, 2, NULL, 0, NULL, 0));
    assert_jet_ok(JetCommitTransaction(s, 0));
    assert_int_equal(tu_get_long(s, t, c[4]), 10);

    /* autoincrement continues from the largest value after a reopen */
    assert_jet_ok(JetCloseTable(s, t));
    t = tu_open_table(&env, s, "special", 0);
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
    assert_jet_ok(JetRetrieveColumn(s, t, c[0], &id, 4, NULL, JET_bitRetrieveCopy, NULL));
    assert_int_equal(id, 3);
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepCancel));
    assert_jet(JET_errUpdateNotPrepared, JetPrepareUpdate(s, t, JET_prepCancel));
    assert_jet_ok(JetCloseTable(s, t));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_every_type, setup, teardown),
        cmocka_unit_test_setup_teardown(test_multivalue, setup, teardown),
        cmocka_unit_test_setup_teardown(test_special_columns, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
