/*
 * test_cat_api.c: the schema API as applications call it — table creation
 * in every form, cursors from JetCreateTable/JetOpenTable, column and
 * index DDL on tables with and without rows, every error code with a check
 * that nothing changed, DDL inside transactions, W and W_u16 forms.
 */
#include "cat_tu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <pthread.h>
#include <stdatomic.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "api/api_w16.h"
#include "util/err.h"

static char *g_dir;

static int setup(void **state)
{
    (void)state;
    g_dir = tu_mkdtemp("catapi");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_rmtree(g_dir);
    free(g_dir);
    return 0;
}

static void fresh(cat_env *e, const char *name)
{
    char *dir = tu_path(g_dir, name);
    tu_rmtree(dir);
    ct_open(e, dir, true);
    free(dir);
}

/* Insert one row with a Long column and a Text column. */
static void insert_row(cat_env *e, JET_TABLEID t, JET_COLUMNID cl, int32_t v, JET_COLUMNID ct,
                       const char *s)
{
    assert_jet_ok(JetPrepareUpdate(e->ses, t, JET_prepInsert));
    assert_jet_ok(JetSetColumn(e->ses, t, cl, &v, sizeof v, 0, NULL));
    if (s != NULL)
        assert_jet_ok(JetSetColumn(e->ses, t, ct, s, (uint32_t)strlen(s), 0, NULL));
    assert_jet_ok(JetUpdate(e->ses, t, NULL, 0, NULL));
}

/* Rows a cursor sees from its current position to the end. */
static int count_rows(cat_env *e, JET_TABLEID t)
{
    int n = 0;
    JET_ERR err = JetMove(e->ses, t, JET_MoveFirst, 0);
    while (err >= 0) {
        n++;
        err = JetMove(e->ses, t, JET_MoveNext, 0);
    }
    assert_jet(JET_errNoCurrentRecord, err);
    return n;
}

static void test_create_open_delete(void **state)
{
    (void)state;
    cat_env e;
    fresh(&e, "basic");
    JET_TABLEID t = JET_tableidNil;
    assert_jet_ok(JetCreateTableA(e.ses, e.dbid, "T1", 4, 90, &t));
    assert_true(t != JET_tableidNil);
    /* The creator holds it exclusively. */
    JET_SESID other;
    assert_jet_ok(JetBeginSessionA(e.inst, &other, NULL, NULL));
    JET_DBID odb;
    assert_jet_ok(JetOpenDatabaseA(other, e.dbpath, NULL, &odb, 0));
    JET_TABLEID t2;
    assert_jet(JET_errTableLocked, JetOpenTableA(other, odb, "T1", NULL, 0, 0, &t2));
    assert_jet(JET_errTableInUse, JetDeleteTableA(e.ses, e.dbid, "T1"));
    assert_jet_ok(JetCloseTable(e.ses, t));
    assert_jet_ok(JetOpenTableA(other, odb, "t1", NULL, 0, JET_bitTableDenyRead, &t2));
    assert_jet(JET_errTableLocked, JetOpenTableA(e.ses, e.dbid, "T1", NULL, 0, 0, &t));
    assert_jet_ok(JetCloseTable(other, t2));
    assert_jet_ok(JetOpenTableA(other, odb, "T1", NULL, 0, 0, &t2));
    assert_jet(JET_errTableInUse, JetOpenTableA(e.ses, e.dbid, "T1", NULL, 0, JET_bitTableDenyRead, &t));
    assert_jet(JET_errTableInUse, JetDeleteTableA(e.ses, e.dbid, "T1"));
    assert_jet_ok(JetCloseTable(other, t2));
    assert_jet_ok(JetEndSession(other, 0));

    /* Argument checks. */
    assert_jet(JET_errInvalidParameter, JetCreateTableA(e.ses, e.dbid, "T2", 0, 0, NULL));
    assert_jet(JET_errInvalidName, JetCreateTableA(e.ses, e.dbid, "a.b", 0, 0, &t));
    assert_true(t == JET_tableidNil);
    assert_jet(JET_errInvalidName, JetCreateTableA(e.ses, e.dbid, NULL, 0, 0, &t));
    assert_jet(JET_errDensityInvalid, JetCreateTableA(e.ses, e.dbid, "T2", 0, 19, &t));
    assert_jet(JET_errTableDuplicate, JetCreateTableA(e.ses, e.dbid, "t1", 0, 0, &t));
    assert_jet(JET_errInvalidDatabaseId, JetCreateTableA(e.ses, 999, "T2", 0, 0, &t));
    assert_jet(JET_errInvalidSesid, JetCreateTableA(0, e.dbid, "T2", 0, 0, &t));
    assert_jet(JET_errObjectNotFound, JetOpenTableA(e.ses, e.dbid, "nope", NULL, 0, 0, &t));
    assert_true(t == JET_tableidNil);
    assert_jet(JET_errInvalidGrbit, JetOpenTableA(e.ses, e.dbid, "T1", NULL, 0, 0x40000000u, &t));
    assert_jet(JET_errInvalidParameter, JetOpenTableA(e.ses, e.dbid, "T1", NULL, 0, 0, NULL));
    assert_jet(JET_errObjectNotFound, JetDeleteTableA(e.ses, e.dbid, "nope"));
    assert_jet(JET_errInvalidName, JetDeleteTableA(e.ses, e.dbid, "[x]"));

    /* Rename, then delete. */
    assert_jet(JET_errInvalidParameter, JetRenameTableA(e.ses, e.dbid, NULL, "X"));
    assert_jet(JET_errObjectNotFound, JetRenameTableA(e.ses, e.dbid, "nope", "X"));
    assert_jet_ok(JetCreateTableA(e.ses, e.dbid, "T2", 0, 0, &t));
    assert_jet_ok(JetCloseTable(e.ses, t));
    assert_jet(JET_errTableDuplicate, JetRenameTableA(e.ses, e.dbid, "T1", "T2"));
    assert_jet_ok(JetRenameTableA(e.ses, e.dbid, "T1", "Renamed"));
    assert_jet(JET_errObjectNotFound, JetOpenTableA(e.ses, e.dbid, "T1", NULL, 0, 0, &t));
    assert_jet_ok(JetOpenTableA(e.ses, e.dbid, "Renamed", NULL, 0, 0, &t));
    assert_jet_ok(JetCloseTable(e.ses, t));
    assert_jet_ok(JetDeleteTableA(e.ses, e.dbid, "Renamed"));
    assert_jet(JET_errObjectNotFound, JetOpenTableA(e.ses, e.dbid, "Renamed", NULL, 0, 0, &t));
    ct_close(&e, 0);
}

/* JetCreateTableColumnIndex fills columnids, errs, cCreated and tableid. */
static void test_create_table_column_index(void **state)
{
    (void)state;
    cat_env e;
    fresh(&e, "tci");
    int32_t dflt = 5;
    JET_COLUMNCREATE_A cols[] = {
        { sizeof(JET_COLUMNCREATE_A), "id", JET_coltypLong, 0, JET_bitColumnAutoincrement, NULL, 0, 0, 0, 0 },
        { sizeof(JET_COLUMNCREATE_A), "name", JET_coltypText, 80, JET_bitColumnNotNULL, NULL, 0, 1200, 0, 0 },
        { sizeof(JET_COLUMNCREATE_A), "n", JET_coltypLong, 0, 0, &dflt, 4, 0, 0, 0 },
        { sizeof(JET_COLUMNCREATE_A), "tags", JET_coltypText, 0, JET_bitColumnTagged | JET_bitColumnMultiValued, NULL, 0, 0, 0, 0 },
        { sizeof(JET_COLUMNCREATE_A), "blob", JET_coltypLongBinary, 0, 0, NULL, 0, 0, 0, 0 },
    };
    JET_CONDITIONALCOLUMN_A cond = { sizeof cond, "n", JET_bitIndexColumnMustBeNonNull };
    JET_UNICODEINDEX ui = { 0x0407, 0 };
    JET_INDEXCREATE_A idx[3];
    memset(idx, 0, sizeof idx);
    idx[0] = (JET_INDEXCREATE_A){ .cbStruct = sizeof idx[0], .szIndexName = "pk",
                                  .szKey = "+id\0", .cbKey = 5, .grbit = JET_bitIndexPrimary };
    idx[1] = (JET_INDEXCREATE_A){ .cbStruct = sizeof idx[1], .szIndexName = "byname",
                                  .szKey = "-name\0+n\0", .cbKey = 10,
                                  .grbit = JET_bitIndexUnicode | JET_bitIndexIgnoreNull,
                                  .pidxunicode = &ui, .rgconditionalcolumn = &cond,
                                  .cConditionalColumn = 1 };
    idx[2] = (JET_INDEXCREATE_A){ .cbStruct = sizeof idx[2], .szIndexName = "tags",
                                  .szKey = "+tags\0", .cbKey = 7, .grbit = 0,
                                  .ulDensity = 60 };
    JET_TABLECREATE_A tc = { sizeof tc, "People", NULL, 0, 0, cols, 5, idx, 3, 0, 0, 0 };
    assert_jet_ok(JetCreateTableColumnIndexA(e.ses, e.dbid, &tc));
    assert_int_equal(tc.cCreated, 9);
    assert_true(tc.tableid != 0 && tc.tableid != JET_tableidNil);
    assert_int_equal(cols[0].columnid, 1);
    assert_int_equal(cols[1].columnid, 128);
    assert_int_equal(cols[2].columnid, 2);
    assert_int_equal(cols[3].columnid, 256);
    assert_int_equal(cols[4].columnid, 257);
    for (int i = 0; i < 5; i++)
        assert_jet_ok(cols[i].err);
    for (int i = 0; i < 3; i++)
        assert_jet_ok(idx[i].err);
    /* The returned cursor is usable: insert through it. */
    int32_t v = 0;
    assert_jet_ok(JetPrepareUpdate(e.ses, tc.tableid, JET_prepInsert));
    assert_jet_ok(JetSetColumn(e.ses, tc.tableid, 128, "A\0l\0", 4, 0, NULL));
    assert_jet_ok(JetUpdate(e.ses, tc.tableid, NULL, 0, NULL));
    assert_jet_ok(JetMove(e.ses, tc.tableid, JET_MoveFirst, 0));
    uint32_t got = 0;
    assert_jet_ok(JetRetrieveColumn(e.ses, tc.tableid, 2, &v, sizeof v, &got, 0, NULL));
    assert_int_equal(v, 5);   /* the default */
    assert_jet_ok(JetCloseTable(e.ses, tc.tableid));

    /* Errors are reported per item; nothing stays. */
    cols[2].coltyp = JET_coltypNil;
    tc.szTableName = "People2";
    assert_jet(JET_errInvalidColumnType, JetCreateTableColumnIndexA(e.ses, e.dbid, &tc));
    assert_int_equal(tc.cCreated, 3);
    assert_jet(JET_errInvalidColumnType, cols[2].err);
    assert_true(tc.tableid == JET_tableidNil);
    cols[2].coltyp = JET_coltypLong;
    idx[1].szKey = "+nothere\0";
    idx[1].cbKey = 10;
    assert_jet(JET_errColumnNotFound, JetCreateTableColumnIndexA(e.ses, e.dbid, &tc));
    assert_jet(JET_errColumnNotFound, idx[1].err);
    assert_int_equal(tc.cCreated, 7);
    idx[1].szKey = "-name\0+n\0";
    idx[2].cbStruct = 7;
    assert_jet(JET_errInvalidCreateIndex, JetCreateTableColumnIndexA(e.ses, e.dbid, &tc));
    idx[2].cbStruct = sizeof idx[2];
    cols[1].cbStruct = 3;
    cols[1].err = 12345;
    assert_jet(JET_errInvalidParameter, JetCreateTableColumnIndexA(e.ses, e.dbid, &tc));
    assert_int_equal(cols[1].err, 12345);   /* ESE leaves it alone */
    assert_int_equal(tc.cCreated, 2);
    cols[1].cbStruct = sizeof cols[1];
    tc.cbStruct = 12;
    assert_jet(JET_errInvalidParameter, JetCreateTableColumnIndexA(e.ses, e.dbid, &tc));
    tc.cbStruct = sizeof tc;
    JET_TABLEID t;
    assert_jet(JET_errObjectNotFound, JetOpenTableA(e.ses, e.dbid, "People2", NULL, 0, 0, &t));

    /* A template (FixedDDL) table: no more DDL after creation, except through
     * a JET_bitTablePermitDDL cursor. */
    JET_TABLECREATE2_A t2 = { sizeof t2, "Fixed", NULL, 0, 0, cols, 2, NULL, 0, NULL, 0,
                              JET_bitTableCreateFixedDDL, 0, 0 };
    assert_jet_ok(JetCreateTableColumnIndex2A(e.ses, e.dbid, &t2));
    JET_COLUMNDEF cd = { sizeof cd, 0, JET_coltypLong, 0, 0, 0, 0, 0, 0 };
    JET_COLUMNID cid;
    assert_jet_ok(JetAddColumnA(e.ses, t2.tableid, "x", &cd, NULL, 0, &cid));   /* still permitted */
    assert_jet_ok(JetCloseTable(e.ses, t2.tableid));
    assert_jet_ok(JetOpenTableA(e.ses, e.dbid, "Fixed", NULL, 0, 0, &t));
    assert_jet(JET_errFixedDDL, JetAddColumnA(e.ses, t, "y", &cd, NULL, 0, &cid));
    assert_jet(JET_errFixedDDL, JetDeleteColumnA(e.ses, t, "x"));
    assert_jet(JET_errFixedDDL, JetCreateIndexA(e.ses, t, "i", 0, "+x\0", 4, 0));
    assert_jet_ok(JetCloseTable(e.ses, t));
    assert_jet_ok(JetOpenTableA(e.ses, e.dbid, "Fixed", NULL, 0,
                                JET_bitTableDenyRead | JET_bitTablePermitDDL, &t));
    assert_jet_ok(JetAddColumnA(e.ses, t, "y", &cd, NULL, 0, &cid));
    assert_jet_ok(JetCloseTable(e.ses, t));

    /* Versions 3 and 4 with their index structures. */
    JET_INDEXCREATE2_A i2 = { .cbStruct = sizeof i2, .szIndexName = "p", .szKey = "+id\0",
                              .cbKey = 5, .grbit = JET_bitIndexPrimary };
    JET_TABLECREATE3_A t3 = { sizeof t3, "V3", NULL, 0, 0, cols, 2, &i2, 1, NULL, 0, 0,
                              NULL, NULL, 0, 0, 0 };
    assert_jet_ok(JetCreateTableColumnIndex3A(e.ses, e.dbid, &t3));
    assert_int_equal(t3.cCreated, 4);
    assert_jet_ok(JetCloseTable(e.ses, t3.tableid));
    WCHAR loc[] = L"fr-FR";
    JET_UNICODEINDEX2 u2 = { loc, 0 };
    JET_INDEXCREATE3_A i3 = { .cbStruct = sizeof i3, .szIndexName = "n", .szKey = "+name\0",
                              .cbKey = 7, .grbit = JET_bitIndexUnicode, .pidxunicode = &u2 };
    JET_TABLECREATE4_A t4 = { sizeof t4, "V4", NULL, 0, 0, cols, 2, &i3, 1, NULL, 0, 0,
                              NULL, NULL, 0, 0, 0 };
    assert_jet_ok(JetCreateTableColumnIndex4A(e.ses, e.dbid, &t4));
    assert_jet_ok(JetCloseTable(e.ses, t4.tableid));
    uint32_t lcid = 0;
    assert_jet_ok(JetGetIndexInfoA(e.ses, e.dbid, "V4", "n", &lcid, sizeof lcid, JET_IdxInfoLCID));
    assert_int_equal(lcid, 0x040C);
    /* The pointer and the grbit must agree in JET_INDEXCREATE3. */
    i3.grbit = 0;
    t4.szTableName = "V4b";
    assert_jet(JET_errInvalidParameter, JetCreateTableColumnIndex4A(e.ses, e.dbid, &t4));
    WCHAR bad[] = L"xx-YY";
    u2.szLocaleName = bad;
    i3.grbit = JET_bitIndexUnicode;
    assert_jet(JET_errInvalidLanguageId, JetCreateTableColumnIndex4A(e.ses, e.dbid, &t4));
    /* Callbacks cannot be resolved. */
    t2.szTableName = "CB";
    t2.szCallback = "mod!fn";
    t2.grbit = 0;
    assert_jet(JET_errCallbackNotResolved, JetCreateTableColumnIndex2A(e.ses, e.dbid, &t2));
    ct_close(&e, 0);
}

/* AddColumn / DeleteColumn / RenameColumn / defaults through a cursor. */
static void test_columns_api(void **state)
{
    (void)state;
    cat_env e;
    fresh(&e, "cols");
    JET_TABLEID t;
    assert_jet_ok(JetCreateTableA(e.ses, e.dbid, "C", 0, 0, &t));
    JET_COLUMNDEF cd = { sizeof cd, 0, JET_coltypLong, 0, 0, 0, 0, 0, 0 };
    JET_COLUMNID id = 0;
    assert_jet_ok(JetAddColumnA(e.ses, t, "a", &cd, NULL, 0, &id));
    assert_int_equal(id, 1);
    cd.coltyp = JET_coltypText;
    cd.cbMax = 1000;
    assert_jet(JET_wrnColumnMaxTruncated, JetAddColumnA(e.ses, t, "b", &cd, NULL, 0, &id));
    assert_int_equal(id, 128);
    assert_jet(JET_wrnColumnMaxTruncated, JetAddColumnA(e.ses, t, "c", &cd, "xy", 2, NULL));

    /* Error codes; the table keeps its three columns. */
    id = 77;
    assert_jet(JET_errColumnDuplicate, JetAddColumnA(e.ses, t, "A", &cd, NULL, 0, &id));
    assert_int_equal(id, 77);
    assert_jet(JET_errInvalidName, JetAddColumnA(e.ses, t, "!", &cd, NULL, 0, &id));
    assert_jet(JET_errInvalidParameter, JetAddColumnA(e.ses, t, "d", NULL, NULL, 0, &id));
    JET_COLUMNDEF small = cd;
    small.cbStruct = 4;
    assert_jet(JET_errInvalidParameter, JetAddColumnA(e.ses, t, "d", &small, NULL, 0, &id));
    cd.coltyp = 99;
    assert_jet(JET_errInvalidColumnType, JetAddColumnA(e.ses, t, "d", &cd, NULL, 0, &id));
    cd.coltyp = JET_coltypText;
    cd.cp = 850;
    assert_jet(JET_errInvalidCodePage, JetAddColumnA(e.ses, t, "d", &cd, NULL, 0, &id));
    cd.cp = 0;
    cd.cbMax = 4;
    assert_jet(JET_errDefaultValueTooBig, JetAddColumnA(e.ses, t, "d", &cd, "12345", 5, &id));
    cd.grbit = JET_bitColumnMultiValued;
    assert_jet(JET_errMultiValuedColumnMustBeTagged, JetAddColumnA(e.ses, t, "d", &cd, NULL, 0, &id));
    cd.grbit = 0;
    assert_jet(JET_errInvalidTableId, JetAddColumnA(e.ses, 12345, "d", &cd, NULL, 0, &id));
    JET_COLUMNLIST cl;
    assert_jet_ok(JetGetTableColumnInfoA(e.ses, t, NULL, &cl, sizeof cl, JET_ColInfoList));
    assert_int_equal(cl.cRecord, 3);
    assert_jet_ok(JetCloseTable(e.ses, cl.tableid));

    /* Escrow and autoincrement need the table to ourselves (we have it). */
    int32_t zero = 0;
    cd = (JET_COLUMNDEF){ sizeof cd, 0, JET_coltypLong, 0, 0, 0, 0, 0, JET_bitColumnEscrowUpdate };
    assert_jet_ok(JetAddColumnA(e.ses, t, "esc", &cd, &zero, 4, &id));
    assert_jet_ok(JetCloseTable(e.ses, t));
    assert_jet_ok(JetOpenTableA(e.ses, e.dbid, "C", NULL, 0, 0, &t));
    cd.grbit = JET_bitColumnAutoincrement;
    assert_jet(JET_errExclusiveTableLockRequired, JetAddColumnA(e.ses, t, "ai", &cd, NULL, 0, &id));
    /* A read-only cursor cannot change the schema. */
    JET_TABLEID ro;
    assert_jet_ok(JetOpenTableA(e.ses, e.dbid, "C", NULL, 0, JET_bitTableReadOnly, &ro));
    cd.grbit = 0;
    assert_jet(JET_errPermissionDenied, JetAddColumnA(e.ses, ro, "r", &cd, NULL, 0, &id));
    assert_jet(JET_errPermissionDenied, JetDeleteColumnA(e.ses, ro, "a"));
    assert_jet(JET_errPermissionDenied, JetCreateIndexA(e.ses, ro, "i", 0, "+a\0", 4, 0));
    assert_jet(JET_errPermissionDenied, JetDeleteIndexA(e.ses, ro, "i"));
    assert_jet_ok(JetCloseTable(e.ses, ro));

    /* Rows, then delete a column: the others keep their values. */
    insert_row(&e, t, 1, 42, 128, "hello");
    assert_jet(JET_errColumnNotFound, JetDeleteColumnA(e.ses, t, "zz"));
    assert_jet(JET_errInvalidGrbit, JetDeleteColumn2A(e.ses, t, "b", 2));
    assert_jet_ok(JetCreateIndexA(e.ses, t, "ia", 0, "+a\0", 4, 0));
    assert_jet(JET_errColumnInUse, JetDeleteColumnA(e.ses, t, "a"));
    assert_jet_ok(JetDeleteColumn2A(e.ses, t, "b", JET_bitDeleteColumnIgnoreTemplateColumns));
    assert_jet_ok(JetMove(e.ses, t, JET_MoveFirst, 0));
    int32_t v = 0;
    uint32_t got;
    assert_jet_ok(JetRetrieveColumn(e.ses, t, 1, &v, sizeof v, &got, 0, NULL));
    assert_int_equal(v, 42);
    /* A new column never reuses the deleted id. */
    cd = (JET_COLUMNDEF){ sizeof cd, 0, JET_coltypText, 0, 0, 0, 0, 0, 0 };
    assert_jet_ok(JetAddColumnA(e.ses, t, "b2", &cd, NULL, 0, &id));
    assert_int_equal(id, 130);

    /* Rename: only outside a transaction. */
    assert_jet(JET_errInvalidParameter, JetRenameColumnA(e.ses, t, NULL, "x", 0));
    assert_jet(JET_errInvalidGrbit, JetRenameColumnA(e.ses, t, "a", "x", 1));
    assert_jet(JET_errColumnNotFound, JetRenameColumnA(e.ses, t, "zz", "x", 0));
    assert_jet(JET_errColumnDuplicate, JetRenameColumnA(e.ses, t, "a", "C", 0));
    assert_jet_ok(JetBeginTransaction(e.ses));
    assert_jet(JET_errInTransaction, JetRenameColumnA(e.ses, t, "a", "x", 0));
    assert_jet_ok(JetCommitTransaction(e.ses, 0));
    assert_jet_ok(JetRenameColumnA(e.ses, t, "a", "alpha", 0));
    JET_COLUMNDEF info;
    assert_jet_ok(JetGetTableColumnInfoA(e.ses, t, "ALPHA", &info, sizeof info, JET_ColInfo));
    assert_int_equal(info.columnid, 1);
    assert_jet_ok(JetCloseTable(e.ses, t));

    /* Default values: the table must not be open. */
    int32_t seven = 7;
    assert_jet_ok(JetOpenTableA(e.ses, e.dbid, "C", NULL, 0, 0, &t));
    assert_jet(JET_errTableInUse, JetSetColumnDefaultValueA(e.ses, e.dbid, "C", "esc", &seven, 4, 0));
    assert_jet_ok(JetCloseTable(e.ses, t));
    assert_jet(JET_errNullInvalid, JetSetColumnDefaultValueA(e.ses, e.dbid, "C", "esc", NULL, 0, 0));
    assert_jet(JET_errColumnNotFound, JetSetColumnDefaultValueA(e.ses, e.dbid, "C", "nope", &seven, 4, 0));
    assert_jet(JET_errObjectNotFound, JetSetColumnDefaultValueA(e.ses, e.dbid, "nope", "esc", &seven, 4, 0));
    assert_jet(JET_errColumnInUse, JetSetColumnDefaultValueA(e.ses, e.dbid, "C", "alpha", &seven, 4, 0));
    assert_jet_ok(JetSetColumnDefaultValueA(e.ses, e.dbid, "C", "esc", &seven, 4, 0));
    assert_jet_ok(JetGetColumnInfoA(e.ses, e.dbid, "C", "esc", &info, sizeof info, JET_ColInfo));
    assert_int_equal(info.grbit, JET_bitColumnFixed | JET_bitColumnEscrowUpdate);
    ct_close(&e, 0);
}

/* Indexes created on tables with rows are filled; a unique one over
 * duplicates fails and leaves nothing. */
static void test_indexes_api(void **state)
{
    (void)state;
    cat_env e;
    fresh(&e, "idx");
    JET_COLUMNCREATE_A cols[] = {
        { sizeof(JET_COLUMNCREATE_A), "k", JET_coltypLong, 0, 0, NULL, 0, 0, 0, 0 },
        { sizeof(JET_COLUMNCREATE_A), "s", JET_coltypText, 0, 0, NULL, 0, 0, 0, 0 },
    };
    JET_TABLECREATE_A tc = { sizeof tc, "R", NULL, 0, 0, cols, 2, NULL, 0, 0, 0, 0 };
    assert_jet_ok(JetCreateTableColumnIndexA(e.ses, e.dbid, &tc));
    JET_TABLEID t = tc.tableid;
    const char *words[] = { "pear", "apple", "fig", "apple", "kiwi" };
    for (int i = 0; i < 5; i++)
        insert_row(&e, t, 1, i, 128, words[i]);

    assert_jet(JET_errTableNotEmpty, JetCreateIndexA(e.ses, t, "pk", JET_bitIndexPrimary, "+k\0", 4, 0));
    assert_jet(JET_errKeyDuplicate, JetCreateIndexA(e.ses, t, "us", JET_bitIndexUnique, "+s\0", 4, 0));
    assert_jet(JET_errIndexNotFound, JetSetCurrentIndexA(e.ses, t, "us"));
    assert_jet_ok(JetCreateIndexA(e.ses, t, "bys", 0, "+s\0-k\0", 7, 0));
    assert_jet_ok(JetSetCurrentIndexA(e.ses, t, "bys"));
    assert_int_equal(count_rows(&e, t), 5);
    assert_jet_ok(JetMove(e.ses, t, JET_MoveFirst, 0));
    char buf[16];
    uint32_t got;
    int32_t k;
    assert_jet_ok(JetRetrieveColumn(e.ses, t, 128, buf, sizeof buf, &got, 0, NULL));
    assert_int_equal(got, 5);
    assert_memory_equal(buf, "apple", 5);
    assert_jet_ok(JetRetrieveColumn(e.ses, t, 1, &k, sizeof k, &got, 0, NULL));
    assert_int_equal(k, 3);   /* descending k within "apple" */
    assert_jet_ok(JetSetCurrentIndexA(e.ses, t, NULL));

    /* Errors. */
    assert_jet(JET_errIndexDuplicate, JetCreateIndexA(e.ses, t, "BYS", 0, "+k\0", 4, 0));
    assert_jet(JET_errIndexInvalidDef, JetCreateIndexA(e.ses, t, "x", 0, "k\0", 3, 0));
    assert_jet(JET_errInvalidParameter, JetCreateIndexA(e.ses, t, "x", 0, "+k\0", 0, 0));
    assert_jet(JET_errColumnNotFound, JetCreateIndexA(e.ses, t, "x", 0, "+zz\0", 5, 0));
    assert_jet(JET_errInvalidName, JetCreateIndexA(e.ses, t, "x.y", 0, "+k\0", 4, 0));
    assert_jet(JET_errDensityInvalid, JetCreateIndexA(e.ses, t, "x", 0, "+k\0", 4, 101));
    assert_jet(JET_errIndexNotFound, JetDeleteIndexA(e.ses, t, "nope"));
    /* Several indexes at once: level 0 and an exclusive cursor. */
    JET_INDEXCREATE_A two[2];
    memset(two, 0, sizeof two);
    two[0] = (JET_INDEXCREATE_A){ .cbStruct = sizeof two[0], .szIndexName = "ik",
                                  .szKey = "-k\0", .cbKey = 4 };
    two[1] = (JET_INDEXCREATE_A){ .cbStruct = sizeof two[1], .szIndexName = "is",
                                  .szKey = "+s\0", .cbKey = 4 };
    assert_jet_ok(JetBeginTransaction(e.ses));
    assert_jet(JET_errInTransaction, JetCreateIndex2A(e.ses, t, two, 2));
    assert_jet_ok(JetRollback(e.ses, 0));
    assert_jet_ok(JetCreateIndex2A(e.ses, t, two, 2));   /* the creator's cursor is exclusive */
    assert_jet_ok(JetCloseTable(e.ses, t));
    assert_jet_ok(JetOpenTableA(e.ses, e.dbid, "R", NULL, 0, 0, &t));
    two[0].szIndexName = "ik2";
    two[1].szIndexName = "is2";
    assert_jet(JET_errExclusiveTableLockRequired, JetCreateIndex2A(e.ses, t, two, 2));
    assert_jet_ok(JetSetCurrentIndexA(e.ses, t, "ik"));
    assert_jet_ok(JetMove(e.ses, t, JET_MoveFirst, 0));
    assert_jet_ok(JetRetrieveColumn(e.ses, t, 1, &k, sizeof k, &got, 0, NULL));
    assert_int_equal(k, 4);
    assert_jet_ok(JetSetCurrentIndexA(e.ses, t, NULL));
    assert_jet_ok(JetDeleteIndexA(e.ses, t, "is"));
    assert_jet(JET_errIndexNotFound, JetSetCurrentIndexA(e.ses, t, "is"));
    JET_INDEXLIST il;
    assert_jet_ok(JetGetTableIndexInfoA(e.ses, t, NULL, &il, sizeof il, JET_IdxInfoList));
    assert_int_equal(il.cRecord, 3);   /* bys (2 segments) + ik */
    assert_jet_ok(JetCloseTable(e.ses, il.tableid));
    assert_jet_ok(JetCloseTable(e.ses, t));
    ct_close(&e, 0);
}

/* DDL is transactional through the API as well. */
static void test_transactions_api(void **state)
{
    (void)state;
    cat_env e;
    fresh(&e, "txn");
    JET_TABLEID t;
    assert_jet_ok(JetBeginTransaction(e.ses));
    assert_jet_ok(JetCreateTableA(e.ses, e.dbid, "Tx", 0, 0, &t));
    JET_COLUMNDEF cd = { sizeof cd, 0, JET_coltypLong, 0, 0, 0, 0, 0, 0 };
    assert_jet_ok(JetAddColumnA(e.ses, t, "a", &cd, NULL, 0, NULL));
    assert_jet_ok(JetCloseTable(e.ses, t));
    assert_jet_ok(JetRollback(e.ses, 0));
    assert_jet(JET_errObjectNotFound, JetOpenTableA(e.ses, e.dbid, "Tx", NULL, 0, 0, &t));

    assert_jet_ok(JetBeginTransaction(e.ses));
    assert_jet_ok(JetCreateTableA(e.ses, e.dbid, "Tx", 0, 0, &t));
    assert_jet_ok(JetAddColumnA(e.ses, t, "a", &cd, NULL, 0, NULL));
    assert_jet_ok(JetCloseTable(e.ses, t));
    /* Another session does not see it before the commit. */
    JET_SESID other;
    JET_DBID odb;
    assert_jet_ok(JetBeginSessionA(e.inst, &other, NULL, NULL));
    assert_jet_ok(JetOpenDatabaseA(other, e.dbpath, NULL, &odb, 0));
    JET_TABLEID ot;
    assert_jet(JET_errObjectNotFound, JetOpenTableA(other, odb, "Tx", NULL, 0, 0, &ot));
    assert_jet_ok(JetCommitTransaction(e.ses, 0));
    assert_jet_ok(JetOpenTableA(other, odb, "Tx", NULL, 0, 0, &ot));
    JET_COLUMNDEF info;
    assert_jet_ok(JetGetTableColumnInfoA(other, ot, "a", &info, sizeof info, JET_ColInfo));
    assert_jet_ok(JetCloseTable(other, ot));
    assert_jet_ok(JetEndSession(other, 0));

    /* Delete rolled back. */
    assert_jet_ok(JetBeginTransaction(e.ses));
    assert_jet_ok(JetDeleteTableA(e.ses, e.dbid, "Tx"));
    assert_jet_ok(JetRollback(e.ses, 0));
    assert_jet_ok(JetOpenTableA(e.ses, e.dbid, "Tx", NULL, 0, 0, &t));
    assert_jet_ok(JetCloseTable(e.ses, t));
    ct_close(&e, 0);
}

/* The W forms (wchar_t) and the UTF-16 twins. */
static void test_wide(void **state)
{
    (void)state;
    cat_env e;
    fresh(&e, "wide");
    JET_TABLEID t;
    assert_jet_ok(JetCreateTableW(e.ses, e.dbid, L"Wide", 0, 0, &t));
    JET_COLUMNDEF cd = { sizeof cd, 0, JET_coltypLong, 0, 0, 0, 0, 0, 0 };
    JET_COLUMNID id;
    assert_jet_ok(JetAddColumnW(e.ses, t, L"w\u00e9", &cd, NULL, 0, &id));
    assert_jet_ok(JetCreateIndexW(e.ses, t, L"ix", 0, L"+w\u00e9\0", 5 * sizeof(WCHAR), 0));
    uint16_t col16[] = { 'u', '1', '6', 0 };
    assert_jet_ok(JetAddColumnW_u16(e.ses, t, (JET_PCWSTR)col16, &cd, NULL, 0, &id));
    uint16_t key16[] = { '-', 'u', '1', '6', 0, 0 };
    uint16_t ix16[] = { 'i', 'x', '2', 0 };
    assert_jet_ok(JetCreateIndexW_u16(e.ses, t, (JET_PCWSTR)ix16, 0, (const WCHAR *)key16,
                                      sizeof key16, 0));
    assert_jet_ok(JetCloseTable(e.ses, t));
    JET_COLUMNDEF info;
    assert_jet_ok(JetGetColumnInfoA(e.ses, e.dbid, "Wide", "w\xc3\xa9", &info, sizeof info, JET_ColInfo));
    assert_int_equal(info.columnid, 1);
    assert_jet_ok(JetGetColumnInfoW(e.ses, e.dbid, L"Wide", L"u16", &info, sizeof info, JET_ColInfo));
    assert_int_equal(info.columnid, 2);
    uint16_t tab16[] = { 'W', 'i', 'd', 'e', 0 };
    assert_jet_ok(JetOpenTableW_u16(e.ses, e.dbid, (JET_PCWSTR)tab16, NULL, 0, 0, &t));
    assert_jet_ok(JetSetCurrentIndexA(e.ses, t, "ix2"));
    assert_jet_ok(JetCloseTable(e.ses, t));
    uint16_t lone[] = { 0xD800, 'x', 0 };
    assert_jet(JET_errInvalidParameter, JetOpenTableW_u16(e.ses, e.dbid, (JET_PCWSTR)lone, NULL, 0, 0, &t));
    assert_jet_ok(JetRenameTableW(e.ses, e.dbid, L"Wide", L"Wider"));
    assert_jet_ok(JetDeleteTableW_u16(e.ses, e.dbid, (JET_PCWSTR)(uint16_t[]){ 'W', 'i', 'd', 'e', 'r', 0 }));
    ct_close(&e, 0);
}

/* Through the public calls: committed DDL (with rows and an index built
 * over them) survives a clean restart and SIGKILL; DDL of an open
 * transaction is gone after recovery. */
static void test_restart_crash_api(void **state)
{
    (void)state;
    char *dir = tu_path(g_dir, "crashapi");
    tu_rmtree(dir);
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        cat_env e;
        if (ct_try_open(&e, dir, true) < 0)
            _exit(2);
        JET_TABLEID t;
        JET_COLUMNDEF cd = { sizeof cd, 0, JET_coltypLong, 0, 0, 0, 0, 0, 0 };
        JET_COLUMNID ca, cb;
        if (JetCreateTableA(e.ses, e.dbid, "Kept", 0, 0, &t) < 0 ||
            JetAddColumnA(e.ses, t, "a", &cd, NULL, 0, &ca) < 0)
            _exit(3);
        cd.coltyp = JET_coltypText;
        if (JetAddColumnA(e.ses, t, "b", &cd, NULL, 0, &cb) < 0)
            _exit(4);
        for (int32_t i = 0; i < 50; i++) {
            char txt[16];
            snprintf(txt, sizeof txt, "r%02d", 49 - i);
            if (JetPrepareUpdate(e.ses, t, JET_prepInsert) < 0 ||
                JetSetColumn(e.ses, t, ca, &i, sizeof i, 0, NULL) < 0 ||
                JetSetColumn(e.ses, t, cb, txt, (uint32_t)strlen(txt), 0, NULL) < 0 ||
                JetUpdate(e.ses, t, NULL, 0, NULL) < 0)
                _exit(5);
        }
        if (JetCreateIndexA(e.ses, t, "byB", 0, "+b\0", 4, 100) < 0)
            _exit(6);
        if (JetCloseTable(e.ses, t) < 0)
            _exit(7);
        /* Open DDL at the kill. */
        if (JetBeginTransaction(e.ses) < 0 || JetCreateTableA(e.ses, e.dbid, "Lost", 0, 0, &t) < 0 ||
            JetCloseTable(e.ses, t) < 0)
            _exit(8);
        if (JetOpenTableA(e.ses, e.dbid, "Kept", NULL, 0, 0, &t) < 0 || JetDeleteIndexA(e.ses, t, "byB") < 0 ||
            JetDeleteColumnA(e.ses, t, "a") < 0 || JetCloseTable(e.ses, t) < 0)
            _exit(9);
        char ok = 1;
        if (write(fds[1], &ok, 1) != 1)
            _exit(10);
        for (;;)
            pause();
    }
    close(fds[1]);
    char ok = 0;
    ssize_t r = read(fds[0], &ok, 1);
    close(fds[0]);
    kill(pid, SIGKILL);
    int status;
    waitpid(pid, &status, 0);
    if (r != 1)
        fail_msg("child stopped early: status %d", WIFEXITED(status) ? WEXITSTATUS(status) : -1);

    for (int round = 0; round < 2; round++) {
        cat_env e;
        ct_open(&e, dir, false);
        JET_TABLEID t;
        assert_jet(JET_errObjectNotFound, JetOpenTableA(e.ses, e.dbid, "Lost", NULL, 0, 0, &t));
        assert_jet_ok(JetOpenTableA(e.ses, e.dbid, "Kept", NULL, 0, 0, &t));
        JET_COLUMNDEF info;
        assert_jet_ok(JetGetTableColumnInfoA(e.ses, t, "a", &info, sizeof info, JET_ColInfo));
        assert_jet_ok(JetSetCurrentIndexA(e.ses, t, "byB"));
        assert_int_equal(count_rows(&e, t), 50);
        /* The index orders by b: the first row is "r00", a = 49. */
        assert_jet_ok(JetMove(e.ses, t, JET_MoveFirst, 0));
        int32_t a = -1;
        uint32_t got;
        assert_jet_ok(JetRetrieveColumn(e.ses, t, info.columnid, &a, sizeof a, &got, 0, NULL));
        assert_int_equal(a, 49);
        assert_jet_ok(JetCloseTable(e.ses, t));
        ct_close(&e, 0);   /* second round: after a clean restart */
    }
    free(dir);
}

/* Sessions on other threads open the table and read its schema while one
 * session keeps changing it: every reader sees a whole schema (the column
 * count only grows, each column it lists can be looked up). */
typedef struct reader_arg {
    cat_env *e;
    atomic_int *stop;
    int failures, reads;
} reader_arg;

static void *reader(void *p)
{
    reader_arg *a = p;
    JET_SESID ses;
    JET_DBID dbid;
    if (JetBeginSessionA(a->e->inst, &ses, NULL, NULL) < 0 ||
        JetOpenDatabaseA(ses, a->e->dbpath, NULL, &dbid, 0) < 0) {
        a->failures++;
        return NULL;
    }
    uint32_t last = 0;
    while (!atomic_load(a->stop)) {
        JET_TABLEID t;
        if (JetOpenTableA(ses, dbid, "Busy", NULL, 0, 0, &t) < 0) {
            a->failures++;
            break;
        }
        JET_COLUMNLIST cl;
        if (JetGetTableColumnInfoA(ses, t, NULL, &cl, sizeof cl, JET_ColInfoListSortColumnid) < 0) {
            a->failures++;
        } else {
            if (cl.cRecord < last)
                a->failures++;
            last = cl.cRecord;
            JET_ERR err = JetMove(ses, cl.tableid, JET_MoveFirst, 0);
            for (; err >= 0; err = JetMove(ses, cl.tableid, JET_MoveNext, 0)) {
                JET_COLUMNID id = 0;
                uint32_t got;
                JET_COLUMNDEF cd;
                if (JetRetrieveColumn(ses, cl.tableid, cl.columnidcolumnid, &id, sizeof id, &got, 0,
                                      NULL) < 0 ||
                    JetGetTableColumnInfoA(ses, t, (const char *)&id, &cd, sizeof cd,
                                           JET_ColInfoByColid) < 0)
                    a->failures++;
            }
            (void)JetCloseTable(ses, cl.tableid);
        }
        (void)JetCloseTable(ses, t);
        a->reads++;
    }
    (void)JetCloseDatabase(ses, dbid, 0);
    (void)JetEndSession(ses, 0);
    return NULL;
}

static void test_concurrent_schema(void **state)
{
    (void)state;
    cat_env e;
    fresh(&e, "concurrent");
    JET_TABLEID t;
    assert_jet_ok(JetCreateTableA(e.ses, e.dbid, "Busy", 0, 0, &t));
    assert_jet_ok(JetCloseTable(e.ses, t));
    atomic_int stop = 0;
    reader_arg args[3];
    pthread_t th[3];
    for (int i = 0; i < 3; i++) {
        args[i] = (reader_arg){ &e, &stop, 0, 0 };
        assert_int_equal(pthread_create(&th[i], NULL, reader, &args[i]), 0);
    }
    for (int i = 0; i < 40; i++) {
        char name[16];
        snprintf(name, sizeof name, "c%d", i);
        JET_COLUMNDEF cd = { sizeof cd, 0, i % 2 ? JET_coltypLong : JET_coltypText, 0, 0, 0, 0, 0, 0 };
        assert_jet_ok(JetOpenTableA(e.ses, e.dbid, "Busy", NULL, 0, 0, &t));
        assert_jet_ok(JetAddColumnA(e.ses, t, name, &cd, NULL, 0, NULL));
        if (i % 10 == 9) {
            char key[20];
            int n = snprintf(key, sizeof key, "+%s", name);
            key[n + 1] = '\0';
            assert_jet_ok(JetCreateIndexA(e.ses, t, name, 0, key, (uint32_t)n + 2, 100));
        }
        assert_jet_ok(JetCloseTable(e.ses, t));
    }
    atomic_store(&stop, 1);
    int reads = 0;
    for (int i = 0; i < 3; i++) {
        assert_int_equal(pthread_join(th[i], NULL), 0);
        assert_int_equal(args[i].failures, 0);
        reads += args[i].reads;
    }
    assert_true(reads > 0);
    ct_close(&e, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create_open_delete),
        cmocka_unit_test(test_create_table_column_index),
        cmocka_unit_test(test_columns_api),
        cmocka_unit_test(test_indexes_api),
        cmocka_unit_test(test_transactions_api),
        cmocka_unit_test(test_wide),
        cmocka_unit_test(test_restart_crash_api),
        cmocka_unit_test(test_concurrent_schema),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
