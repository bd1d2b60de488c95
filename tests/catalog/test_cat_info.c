/*
 * test_cat_info.c: the schema information calls at every level jetdb
 * answers (single structures and the temporary result tables of the list
 * levels, read back through the cursor API), and temporary tables.
 */
#include "cat_tu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "api/api_w16.h"
#include "isam/isam.h"
#include "store/store.h"
#include "util/err.h"

static char *g_dir;

static int setup(void **state)
{
    (void)state;
    g_dir = tu_mkdtemp("catinfo");
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

static uint32_t ret_u32(cat_env *e, JET_TABLEID t, JET_COLUMNID c)
{
    uint32_t v = 0xDEADBEEF, got = 0;
    JET_ERR err = JetRetrieveColumn(e->ses, t, c, &v, sizeof v, &got, 0, NULL);
    if (err == JET_wrnColumnNull)
        return 0xFFFFFFFFu;
    assert_jet_ok(err);
    assert_int_equal(got, 4);
    return v;
}

static uint16_t ret_u16(cat_env *e, JET_TABLEID t, JET_COLUMNID c)
{
    uint16_t v = 0;
    uint32_t got = 0;
    assert_jet_ok(JetRetrieveColumn(e->ses, t, c, &v, sizeof v, &got, 0, NULL));
    assert_int_equal(got, 2);
    return v;
}

/* A Text column as a NUL-terminated string (empty when NULL). */
static void ret_text(cat_env *e, JET_TABLEID t, JET_COLUMNID c, char *buf, size_t cb)
{
    uint32_t got = 0;
    JET_ERR err = JetRetrieveColumn(e->ses, t, c, buf, (uint32_t)cb - 1, &got, 0, NULL);
    if (err == JET_wrnColumnNull)
        got = 0;
    else
        assert_jet_ok(err);
    buf[got] = '\0';
}

/* Rows of a cursor from the first one. */
static int count_rows_or(cat_env *e, JET_TABLEID t)
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

/* The table every info test looks at. */
static void make_table(cat_env *e)
{
    int16_t dflt = 3;
    JET_COLUMNCREATE_A cols[] = {
        { sizeof(JET_COLUMNCREATE_A), "Zeta", JET_coltypLong, 0, JET_bitColumnNotNULL, NULL, 0, 0, 0, 0 },
        { sizeof(JET_COLUMNCREATE_A), "alpha", JET_coltypText, 40, 0, NULL, 0, 1200, 0, 0 },
        { sizeof(JET_COLUMNCREATE_A), "Mid", JET_coltypShort, 0, 0, &dflt, 2, 0, 0, 0 },
        { sizeof(JET_COLUMNCREATE_A), "memo", JET_coltypLongText, 0, JET_bitColumnMultiValued, NULL, 0, 0, 0, 0 },
    };
    JET_CONDITIONALCOLUMN_A cond = { sizeof cond, "Mid", JET_bitIndexColumnMustBeNull };
    JET_INDEXCREATE_A idx[3];
    memset(idx, 0, sizeof idx);
    idx[0] = (JET_INDEXCREATE_A){ .cbStruct = sizeof idx[0], .szIndexName = "primary",
                                  .szKey = "+Zeta\0", .cbKey = 7, .grbit = JET_bitIndexPrimary,
                                  .ulDensity = 90 };
    idx[1] = (JET_INDEXCREATE_A){ .cbStruct = sizeof idx[1], .szIndexName = "Names",
                                  .szKey = "-alpha\0+Mid\0", .cbKey = 13,
                                  .grbit = JET_bitIndexIgnoreAnyNull | JET_bitIndexKeyMost,
                                  .cbVarSegMac = 100, .rgconditionalcolumn = &cond,
                                  .cConditionalColumn = 1, .cbKeyMost = 500 };
    idx[2] = (JET_INDEXCREATE_A){ .cbStruct = sizeof idx[2], .szIndexName = "byMemo",
                                  .szKey = "+memo\0", .cbKey = 7, .grbit = JET_bitIndexUnique };
    JET_TABLECREATE_A tc = { sizeof tc, "Info", NULL, 3, 85, cols, 4, idx, 3, 0, 0, 0 };
    assert_jet_ok(JetCreateTableColumnIndexA(e->ses, e->dbid, &tc));
    assert_jet_ok(JetCloseTable(e->ses, tc.tableid));
}

static void test_column_info(void **state)
{
    (void)state;
    cat_env e;
    fresh(&e, "colinfo");
    make_table(&e);
    JET_TABLEID t;
    assert_jet_ok(JetOpenTableA(e.ses, e.dbid, "Info", NULL, 0, 0, &t));

    JET_COLUMNDEF cd;
    assert_jet_ok(JetGetTableColumnInfoA(e.ses, t, "ALPHA", &cd, sizeof cd, JET_ColInfo));
    assert_int_equal(cd.cbStruct, sizeof cd);
    assert_int_equal(cd.columnid, 128);
    assert_int_equal(cd.coltyp, JET_coltypText);
    assert_int_equal(cd.cp, 1200);
    assert_int_equal(cd.cbMax, 40);
    assert_int_equal(cd.wCountry, 1);
    assert_int_equal(cd.langid, 0x409);
    assert_int_equal(cd.grbit, JET_bitColumnUpdatable);
    JET_COLUMNID byid = 1;
    assert_jet_ok(JetGetTableColumnInfoA(e.ses, t, (const char *)&byid, &cd, sizeof cd,
                                         JET_ColInfoByColid));
    assert_int_equal(cd.columnid, 1);
    assert_int_equal(cd.grbit, JET_bitColumnFixed | JET_bitColumnNotNULL | JET_bitColumnUpdatable);
    assert_jet(JET_errColumnNotFound, JetGetTableColumnInfoA(e.ses, t, "nope", &cd, sizeof cd, JET_ColInfo));
    assert_jet(JET_errColumnNotFound, JetGetTableColumnInfoA(e.ses, t, "", &cd, sizeof cd, JET_ColInfo));
    assert_jet(JET_errInvalidName, JetGetTableColumnInfoA(e.ses, t, "a.b", &cd, sizeof cd, JET_ColInfo));
    assert_jet(JET_errInvalidParameter, JetGetTableColumnInfoA(e.ses, t, "Mid", &cd, sizeof cd - 1, JET_ColInfo));
    assert_jet(JET_errInvalidParameter, JetGetTableColumnInfoA(e.ses, t, "Mid", &cd, sizeof cd, 99));
    assert_jet(JET_errInvalidParameter, JetGetTableColumnInfoA(e.ses, t, "Mid", &cd, sizeof cd, JET_ColInfoSysTabCursor));
    byid = 999;
    assert_jet(JET_errColumnNotFound, JetGetTableColumnInfoA(e.ses, t, (const char *)&byid, &cd, sizeof cd, JET_ColInfoByColid));

    /* By database and table name: the cursor ESE uses is not updatable. */
    assert_jet_ok(JetGetColumnInfoA(e.ses, e.dbid, "info", "memo", &cd, sizeof cd, JET_ColInfo));
    assert_int_equal(cd.columnid, 256);
    assert_int_equal(cd.grbit, JET_bitColumnTagged | JET_bitColumnMultiValued);
    assert_int_equal(cd.cp, 1252);
    assert_jet(JET_errObjectNotFound, JetGetColumnInfoA(e.ses, e.dbid, "nope", "memo", &cd, sizeof cd, JET_ColInfo));
    assert_jet(JET_errInvalidParameter, JetGetColumnInfoA(e.ses, e.dbid, NULL, "memo", &cd, sizeof cd, JET_ColInfo));

    JET_COLUMNBASE_A cb;
    assert_jet_ok(JetGetTableColumnInfoA(e.ses, t, "mid", &cb, sizeof cb, JET_ColInfoBase));
    assert_int_equal(cb.cbStruct, sizeof cb);
    assert_int_equal(cb.columnid, 2);
    assert_int_equal(cb.cbMax, 2);
    assert_string_equal(cb.szBaseTableName, "Info");
    assert_string_equal(cb.szBaseColumnName, "Mid");
    assert_jet(JET_errInvalidParameter, JetGetTableColumnInfoA(e.ses, t, "mid", &cb, sizeof cb - 1, JET_ColInfoBase));
    JET_COLUMNBASE_W cw;
    assert_jet_ok(JetGetTableColumnInfoW(e.ses, t, L"Zeta", &cw, sizeof cw, JET_ColInfoBase));
    assert_int_equal(cw.columnid, 1);
    assert_true(wcscmp(cw.szBaseTableName, L"Info") == 0);
    assert_true(wcscmp(cw.szBaseColumnName, L"Zeta") == 0);

    /* The list: by name (case-insensitive), with every column filled. */
    JET_COLUMNLIST cl;
    assert_jet(JET_errInvalidParameter, JetGetTableColumnInfoA(e.ses, t, NULL, &cl, sizeof cl - 1, JET_ColInfoList));
    assert_jet_ok(JetGetTableColumnInfoA(e.ses, t, NULL, &cl, sizeof cl, JET_ColInfoList));
    assert_int_equal(cl.cbStruct, sizeof cl);
    assert_int_equal(cl.cRecord, 4);
    assert_int_equal(cl.columnidDefinitionName, cl.columnidcolumnname);
    static const char *order[] = { "alpha", "memo", "Mid", "Zeta" };
    static const JET_COLUMNID ids[] = { 128, 256, 2, 1 };
    for (int i = 0; i < 4; i++) {
        if (i > 0)
            assert_jet_ok(JetMove(e.ses, cl.tableid, JET_MoveNext, 0));
        char name[80];
        ret_text(&e, cl.tableid, cl.columnidcolumnname, name, sizeof name);
        assert_string_equal(name, order[i]);
        assert_int_equal(ret_u32(&e, cl.tableid, cl.columnidcolumnid), ids[i]);
        ret_text(&e, cl.tableid, cl.columnidBaseTableName, name, sizeof name);
        assert_string_equal(name, "Info");
        ret_text(&e, cl.tableid, cl.columnidBaseColumnName, name, sizeof name);
        assert_string_equal(name, order[i]);
        assert_int_equal(ret_u16(&e, cl.tableid, cl.columnidCountry), 1);
        assert_int_equal(ret_u16(&e, cl.tableid, cl.columnidLangid), 0x409);
        assert_int_equal(ret_u32(&e, cl.tableid, cl.columnidPresentationOrder), 0xFFFFFFFFu);
    }
    assert_jet(JET_errNoCurrentRecord, JetMove(e.ses, cl.tableid, JET_MoveNext, 0));
    assert_jet_ok(JetMove(e.ses, cl.tableid, JET_MoveFirst, 0));
    assert_jet_ok(JetMove(e.ses, cl.tableid, 2, 0));   /* Mid */
    assert_int_equal(ret_u32(&e, cl.tableid, cl.columnidcoltyp), JET_coltypShort);
    assert_int_equal(ret_u32(&e, cl.tableid, cl.columnidcbMax), 2);
    assert_int_equal(ret_u32(&e, cl.tableid, cl.columnidgrbit), JET_bitColumnFixed);
    int16_t dv = 0;
    uint32_t got;
    assert_jet_ok(JetRetrieveColumn(e.ses, cl.tableid, cl.columnidDefault, &dv, sizeof dv, &got, 0, NULL));
    assert_int_equal(got, 2);
    assert_int_equal(dv, 3);
    assert_jet_ok(JetCloseTable(e.ses, cl.tableid));

    /* Sorted by column id; minimal information. */
    assert_jet_ok(JetGetTableColumnInfoA(e.ses, t, NULL, &cl, sizeof cl, JET_ColInfoListSortColumnid));
    static const JET_COLUMNID idorder[] = { 1, 2, 128, 256 };
    assert_jet_ok(JetMove(e.ses, cl.tableid, JET_MoveFirst, 0));
    for (int i = 0; i < 4; i++) {
        if (i > 0)
            assert_jet_ok(JetMove(e.ses, cl.tableid, JET_MoveNext, 0));
        assert_int_equal(ret_u32(&e, cl.tableid, cl.columnidPresentationOrder), idorder[i]);
        assert_int_equal(ret_u32(&e, cl.tableid, cl.columnidcolumnid), idorder[i]);
    }
    assert_jet_ok(JetCloseTable(e.ses, cl.tableid));
    assert_jet_ok(JetGetTableColumnInfoA(e.ses, t, NULL, &cl, sizeof cl,
                                         JET_ColInfoList | JET_ColInfoGrbitMinimalInfo));
    assert_jet_ok(JetMove(e.ses, cl.tableid, JET_MoveFirst, 0));
    assert_int_equal(ret_u32(&e, cl.tableid, cl.columnidcolumnid), 128);
    assert_int_equal(ret_u32(&e, cl.tableid, cl.columnidcoltyp), 0xFFFFFFFFu);   /* not filled */
    assert_jet_ok(JetCloseTable(e.ses, cl.tableid));
    assert_jet_ok(JetGetTableColumnInfoA(e.ses, t, NULL, &cl, sizeof cl, JET_ColInfoListCompact));
    assert_int_equal(count_rows_or(&e, cl.tableid), 4);
    assert_jet_ok(JetCloseTable(e.ses, cl.tableid));

    /* W: names in the result table are UTF-16. */
    assert_jet_ok(JetGetTableColumnInfoW(e.ses, t, NULL, &cl, sizeof cl, JET_ColInfoList));
    assert_jet_ok(JetMove(e.ses, cl.tableid, JET_MoveFirst, 0));
    char raw[64];
    assert_jet_ok(JetRetrieveColumn(e.ses, cl.tableid, cl.columnidcolumnname, raw, sizeof raw, &got, 0, NULL));
    assert_int_equal(got, 10);
    assert_memory_equal(raw, "a\0l\0p\0h\0a\0", 10);
    assert_jet_ok(JetCloseTable(e.ses, cl.tableid));
    assert_jet_ok(JetCloseTable(e.ses, t));
    ct_close(&e, 0);
}

static void test_index_info(void **state)
{
    (void)state;
    cat_env e;
    fresh(&e, "idxinfo");
    make_table(&e);
    JET_TABLEID t;
    assert_jet_ok(JetOpenTableA(e.ses, e.dbid, "Info", NULL, 0, 0, &t));

    JET_INDEXLIST il;
    assert_jet(JET_wrnBufferTruncated, JetGetTableIndexInfoA(e.ses, t, NULL, &il, 10, JET_IdxInfoList));
    assert_jet_ok(JetGetTableIndexInfoA(e.ses, t, NULL, &il, sizeof il, JET_IdxInfoList));
    assert_int_equal(il.cbStruct, sizeof il);
    assert_int_equal(il.cRecord, 4);   /* byMemo, Names (2), primary */
    struct {
        const char *name;
        uint32_t icol, colid, grbitcol, ccol;
    } want[] = { { "byMemo", 0, 256, JET_bitKeyAscending, 1 },
                 { "Names", 0, 128, JET_bitKeyDescending, 2 },
                 { "Names", 1, 2, JET_bitKeyAscending, 2 },
                 { "primary", 0, 1, JET_bitKeyAscending, 1 } };
    assert_jet_ok(JetMove(e.ses, il.tableid, JET_MoveFirst, 0));
    for (int i = 0; i < 4; i++) {
        if (i > 0)
            assert_jet_ok(JetMove(e.ses, il.tableid, JET_MoveNext, 0));
        char name[80];
        ret_text(&e, il.tableid, il.columnidindexname, name, sizeof name);
        assert_string_equal(name, want[i].name);
        assert_int_equal(ret_u32(&e, il.tableid, il.columnidiColumn), want[i].icol);
        assert_int_equal(ret_u32(&e, il.tableid, il.columnidcolumnid), want[i].colid);
        assert_int_equal(ret_u32(&e, il.tableid, il.columnidgrbitColumn), want[i].grbitcol);
        assert_int_equal(ret_u32(&e, il.tableid, il.columnidcColumn), want[i].ccol);
        assert_int_equal(ret_u32(&e, il.tableid, il.columnidLCMapFlags), 0x00030401);
        assert_int_equal(ret_u16(&e, il.tableid, il.columnidLangid), 0x409);
    }
    assert_jet_ok(JetMove(e.ses, il.tableid, JET_MoveFirst, 0));
    assert_jet_ok(JetMove(e.ses, il.tableid, 1, 0));
    assert_int_equal(ret_u32(&e, il.tableid, il.columnidgrbitIndex),
                     JET_bitIndexIgnoreNull | JET_bitIndexIgnoreFirstNull |
                     JET_bitIndexIgnoreAnyNull | JET_bitIndexKeyMost);
    assert_int_equal(ret_u32(&e, il.tableid, il.columnidcoltyp), JET_coltypText);
    assert_int_equal(ret_u16(&e, il.tableid, il.columnidCp), 1200);
    char cname[80];
    ret_text(&e, il.tableid, il.columnidcolumnname, cname, sizeof cname);
    assert_string_equal(cname, "alpha");
    assert_jet_ok(JetCloseTable(e.ses, il.tableid));
    /* One index by name; the old, shorter JET_INDEXLIST. */
    assert_jet_ok(JetGetTableIndexInfoA(e.ses, t, "names", &il, sizeof il - 4, JET_IdxInfo));
    assert_int_equal(il.cbStruct, sizeof il - 4);
    assert_int_equal(il.cRecord, 2);
    assert_jet_ok(JetCloseTable(e.ses, il.tableid));
    assert_jet(JET_errIndexNotFound, JetGetTableIndexInfoA(e.ses, t, "nope", &il, sizeof il, JET_IdxInfo));

    uint32_t u = 0;
    uint16_t w = 0;
    int32_t n = 0;
    assert_jet_ok(JetGetTableIndexInfoA(e.ses, t, "primary", &u, sizeof u, JET_IdxInfoSpaceAlloc));
    assert_int_equal(u, 90);
    assert_jet_ok(JetGetTableIndexInfoA(e.ses, t, "Names", &u, sizeof u, JET_IdxInfoSpaceAlloc));
    assert_int_equal(u, 90);   /* the table's, which the primary index set */
    assert_jet_ok(JetGetTableIndexInfoA(e.ses, t, "Names", &u, sizeof u, JET_IdxInfoLCID));
    assert_int_equal(u, 0x409);
    assert_jet_ok(JetGetTableIndexInfoA(e.ses, t, "Names", &w, sizeof w, JET_IdxInfoLCID));
    assert_int_equal(w, 0x409);
    assert_jet_ok(JetGetTableIndexInfoA(e.ses, t, NULL, &n, sizeof n, JET_IdxInfoCount));
    assert_int_equal(n, 3);
    assert_jet_ok(JetGetTableIndexInfoA(e.ses, t, "Names", &w, sizeof w, JET_IdxInfoVarSegMac));
    assert_int_equal(w, 100);
    assert_jet_ok(JetGetTableIndexInfoA(e.ses, t, "Names", &w, sizeof w, JET_IdxInfoKeyMost));
    assert_int_equal(w, 500);
    assert_jet_ok(JetGetTableIndexInfoA(e.ses, t, "byMemo", &w, sizeof w, JET_IdxInfoVarSegMac));
    assert_int_equal(w, 255);
    assert_jet_ok(JetGetIndexInfoA(e.ses, e.dbid, "Info", "byMemo", &w, sizeof w, JET_IdxInfoKeyMost));
    assert_int_equal(w, 255);
    JET_INDEXID iid;
    assert_jet_ok(JetGetTableIndexInfoA(e.ses, t, "Names", &iid, sizeof iid, JET_IdxInfoIndexId));
    assert_jet_ok(JetSetCurrentIndex4A(e.ses, t, "Names", &iid, 0, 1));
    wchar_t loc[16];
    assert_jet_ok(JetGetTableIndexInfoW(e.ses, t, L"Names", loc, sizeof loc, JET_IdxInfoLocaleName));
    assert_true(wcscmp(loc, L"en-US") == 0);
    assert_jet(JET_errInvalidParameter, JetGetTableIndexInfoA(e.ses, t, "Names", &u, sizeof u, JET_IdxInfoOLC));
    assert_jet(JET_errIndexNotFound, JetGetTableIndexInfoA(e.ses, t, "nope", &u, sizeof u, JET_IdxInfoSpaceAlloc));

    /* JET_IdxInfoCreateIndex gives what recreates the index elsewhere. */
    union {
        JET_INDEXCREATE_A ic;
        char raw[1024];
    } buf;
    assert_jet(JET_errBufferTooSmall, JetGetTableIndexInfoA(e.ses, t, "Names", &buf, 40, JET_IdxInfoCreateIndex));
    assert_jet_ok(JetGetTableIndexInfoA(e.ses, t, "Names", &buf, sizeof buf, JET_IdxInfoCreateIndex));
    assert_int_equal(buf.ic.cbStruct, sizeof(JET_INDEXCREATE_A));
    assert_string_equal(buf.ic.szIndexName, "Names");
    assert_int_equal(buf.ic.cbKey, 13);   /* with both terminating NULs */
    assert_memory_equal(buf.ic.szKey, "-alpha\0+Mid\0\0", 13);
    assert_int_equal(buf.ic.cConditionalColumn, 1);
    assert_string_equal(buf.ic.rgconditionalcolumn[0].szColumnName, "Mid");
    assert_int_equal(buf.ic.cbKeyMost, 500);
    assert_int_equal(buf.ic.cbVarSegMac, 100);
    assert_true(buf.ic.grbit & JET_bitIndexUnicode);
    assert_int_equal(buf.ic.pidxunicode->lcid, 0x409);
    assert_jet_ok(JetCloseTable(e.ses, t));
    JET_TABLEID t2;
    assert_jet_ok(JetCreateTableA(e.ses, e.dbid, "Copy", 0, 0, &t2));
    JET_COLUMNDEF cd = { sizeof cd, 0, JET_coltypText, 0, 0, 1200, 0, 40, 0 };
    assert_jet_ok(JetAddColumnA(e.ses, t2, "alpha", &cd, NULL, 0, NULL));
    cd.coltyp = JET_coltypShort;
    assert_jet_ok(JetAddColumnA(e.ses, t2, "Mid", &cd, NULL, 0, NULL));
    assert_jet_ok(JetCreateIndex2A(e.ses, t2, &buf.ic, 1));
    assert_jet_ok(JetGetTableIndexInfoA(e.ses, t2, "Names", &w, sizeof w, JET_IdxInfoKeyMost));
    assert_int_equal(w, 500);
    /* The W form of the structure, and the third version. */
    union {
        JET_INDEXCREATE3_W ic;
        char raw[2048];
    } wb;
    assert_jet_ok(JetGetTableIndexInfoW(e.ses, t2, L"Names", &wb, sizeof wb, JET_IdxInfoCreateIndex3));
    assert_true(wcscmp(wb.ic.szIndexName, L"Names") == 0);
    assert_true(wcscmp(wb.ic.pidxunicode->szLocaleName, L"en-US") == 0);
    assert_jet_ok(JetCloseTable(e.ses, t2));
    ct_close(&e, 0);
}

static void test_table_object_info(void **state)
{
    (void)state;
    cat_env e;
    fresh(&e, "tblinfo");
    make_table(&e);
    JET_TABLEID t;
    assert_jet_ok(JetOpenTableA(e.ses, e.dbid, "Info", NULL, 0, 0, &t));
    JET_OBJECTINFO oi;
    assert_jet(JET_errBufferTooSmall, JetGetTableInfoA(e.ses, t, &oi, sizeof oi - 1, JET_TblInfo));
    assert_jet_ok(JetGetTableInfoA(e.ses, t, &oi, sizeof oi, JET_TblInfo));
    assert_int_equal(oi.cbStruct, sizeof oi);
    assert_int_equal(oi.objtyp, JET_objtypTable);
    assert_int_equal(oi.grbit, JET_bitTableInfoBookmark | JET_bitTableInfoRollback |
                                   JET_bitTableInfoUpdatable);
    assert_int_equal(oi.flags, 0);
    char name[80];
    assert_jet_ok(JetGetTableInfoA(e.ses, t, name, sizeof name, JET_TblInfoName));
    assert_string_equal(name, "Info");
    assert_jet(JET_errBufferTooSmall, JetGetTableInfoA(e.ses, t, name, 4, JET_TblInfoName));
    wchar_t wname[80];
    assert_jet_ok(JetGetTableInfoW(e.ses, t, wname, sizeof wname, JET_TblInfoName));
    assert_true(wcscmp(wname, L"Info") == 0);
    JET_DBID dbid = 0;
    assert_jet_ok(JetGetTableInfoA(e.ses, t, &dbid, sizeof dbid, JET_TblInfoDbid));
    assert_int_equal(dbid, e.dbid);
    assert_jet(JET_errBufferTooSmall, JetGetTableInfoA(e.ses, t, name, 64, JET_TblInfoTemplateTableName));
    assert_jet_ok(JetGetTableInfoA(e.ses, t, name, sizeof name, JET_TblInfoTemplateTableName));
    assert_string_equal(name, "");
    uint32_t pd[2];
    assert_jet_ok(JetGetTableInfoA(e.ses, t, pd, sizeof pd, JET_TblInfoSpaceAlloc));
    assert_int_equal(pd[0], 3);
    assert_int_equal(pd[1], 90);   /* the primary index's density wins */
    uint32_t owned = 0;
    assert_jet_ok(JetGetTableInfoA(e.ses, t, &owned, sizeof owned, JET_TblInfoSpaceOwned));
    assert_true(owned >= 4);   /* data, long values, two secondary indexes */
    assert_jet_ok(JetGetTableInfoA(e.ses, t, pd, sizeof pd, JET_TblInfoSpaceUsage));
    assert_int_equal(pd[0], owned);
    assert_jet(-1034, JetGetTableInfoA(e.ses, t, pd, sizeof pd, JET_TblInfoRvt));
    assert_jet(JET_errFeatureNotAvailable, JetGetTableInfoA(e.ses, t, pd, sizeof pd, JET_TblInfoOLC));
    assert_jet(JET_errInvalidParameter, JetGetTableInfoA(e.ses, t, pd, sizeof pd, 99));
    assert_jet_ok(JetCloseTable(e.ses, t));
    assert_jet_ok(JetOpenTableA(e.ses, e.dbid, "Info", NULL, 0, JET_bitTableReadOnly, &t));
    assert_jet_ok(JetGetTableInfoA(e.ses, t, &oi, sizeof oi, JET_TblInfo));
    assert_int_equal(oi.grbit, JET_bitTableInfoBookmark | JET_bitTableInfoRollback);
    assert_jet_ok(JetCloseTable(e.ses, t));

    /* Objects. */
    JET_TABLECREATE_A fixed = { sizeof fixed, "Aaa", NULL, 0, 0, NULL, 0, NULL, 0,
                                JET_bitTableCreateFixedDDL, 0, 0 };
    assert_jet_ok(JetCreateTableColumnIndexA(e.ses, e.dbid, &fixed));
    assert_jet_ok(JetCloseTable(e.ses, fixed.tableid));
    assert_jet_ok(JetGetObjectInfoA(e.ses, e.dbid, JET_objtypTable, "Tables", "aaa", &oi, sizeof oi, JET_ObjInfo));
    assert_int_equal(oi.flags, JET_bitObjectTableFixedDDL);
    assert_jet_ok(JetGetObjectInfoA(e.ses, e.dbid, JET_objtypTable, NULL, "Info", &oi, sizeof oi, JET_ObjInfoNoStats));
    assert_int_equal(oi.flags, 0);
    assert_jet(JET_errObjectNotFound, JetGetObjectInfoA(e.ses, e.dbid, JET_objtypTable, "Other", "Info", &oi, sizeof oi, JET_ObjInfo));
    assert_jet(JET_errObjectNotFound, JetGetObjectInfoA(e.ses, e.dbid, JET_objtypTable, NULL, "nope", &oi, sizeof oi, JET_ObjInfo));
    assert_jet(JET_errBufferTooSmall, JetGetObjectInfoA(e.ses, e.dbid, JET_objtypTable, NULL, "Info", &oi, 8, JET_ObjInfo));
    assert_jet(JET_errInvalidParameter, JetGetObjectInfoA(e.ses, e.dbid, JET_objtypTable, NULL, NULL, &oi, sizeof oi, JET_ObjInfoSysTabCursor));
    JET_OBJECTLIST ol;
    assert_jet_ok(JetGetObjectInfoA(e.ses, e.dbid, JET_objtypNil, NULL, NULL, &ol, sizeof ol, JET_ObjInfoList));
    assert_int_equal(ol.cbStruct, sizeof ol);
    assert_int_equal(ol.cRecord, 2);
    assert_jet_ok(JetMove(e.ses, ol.tableid, JET_MoveFirst, 0));
    ret_text(&e, ol.tableid, ol.columnidobjectname, name, sizeof name);
    assert_string_equal(name, "Aaa");
    ret_text(&e, ol.tableid, ol.columnidcontainername, name, sizeof name);
    assert_string_equal(name, "Tables");
    assert_int_equal(ret_u32(&e, ol.tableid, ol.columnidobjtyp), JET_objtypTable);
    assert_int_equal(ret_u32(&e, ol.tableid, ol.columnidflags), JET_bitObjectTableFixedDDL);
    assert_int_equal(ret_u32(&e, ol.tableid, ol.columnidgrbit),
                     JET_bitTableInfoBookmark | JET_bitTableInfoRollback | JET_bitTableInfoUpdatable);
    assert_jet_ok(JetMove(e.ses, ol.tableid, JET_MoveNext, 0));
    ret_text(&e, ol.tableid, ol.columnidobjectname, name, sizeof name);
    assert_string_equal(name, "Info");
    assert_jet(JET_errNoCurrentRecord, JetMove(e.ses, ol.tableid, JET_MoveNext, 0));
    assert_jet_ok(JetCloseTable(e.ses, ol.tableid));
    /* Other object types: an empty list. */
    assert_jet_ok(JetGetObjectInfoA(e.ses, e.dbid, 5, NULL, NULL, &ol, sizeof ol, JET_ObjInfoListNoStats));
    assert_int_equal(ol.cRecord, 0);
    assert_jet_ok(JetCloseTable(e.ses, ol.tableid));
    assert_jet_ok(JetGetObjectInfoW(e.ses, e.dbid, JET_objtypTable, L"Tables", NULL, &ol, sizeof ol, JET_ObjInfoList));
    assert_int_equal(ol.cRecord, 2);
    assert_jet_ok(JetCloseTable(e.ses, ol.tableid));
    ct_close(&e, 0);
}

static void test_temp_tables(void **state)
{
    (void)state;
    cat_env e;
    fresh(&e, "temp");
    JET_COLUMNDEF defs[] = {
        { sizeof(JET_COLUMNDEF), 0, JET_coltypText, 0, 0, 0, 0, 0, 0 },
        { sizeof(JET_COLUMNDEF), 0, JET_coltypLong, 0, 0, 0, 0, 0, JET_bitColumnTTKey | JET_bitColumnTTDescending },
        { sizeof(JET_COLUMNDEF), 0, JET_coltypLongBinary, 0, 0, 0, 0, 0, 0 },
    };
    JET_COLUMNID ids[3];
    JET_TABLEID tt;
    assert_jet_ok(JetOpenTempTable(e.ses, defs, 3, JET_bitTTIndexed | JET_bitTTUpdatable | JET_bitTTScrollable, &tt, ids));
    assert_int_equal(ids[0], 128);
    assert_int_equal(ids[1], 1);
    assert_int_equal(ids[2], 256);
    for (int32_t i = 0; i < 10; i++) {
        assert_jet_ok(JetPrepareUpdate(e.ses, tt, JET_prepInsert));
        assert_jet_ok(JetSetColumn(e.ses, tt, ids[1], &i, sizeof i, 0, NULL));
        assert_jet_ok(JetSetColumn(e.ses, tt, ids[0], "row", 3, 0, NULL));
        assert_jet_ok(JetUpdate(e.ses, tt, NULL, 0, NULL));
    }
    /* Unique keys: a duplicate is refused. */
    int32_t dup = 4;
    assert_jet_ok(JetPrepareUpdate(e.ses, tt, JET_prepInsert));
    assert_jet_ok(JetSetColumn(e.ses, tt, ids[1], &dup, sizeof dup, 0, NULL));
    assert_jet(JET_errKeyDuplicate, JetUpdate(e.ses, tt, NULL, 0, NULL));
    assert_jet_ok(JetPrepareUpdate(e.ses, tt, JET_prepCancel));
    /* Descending key order. */
    assert_jet_ok(JetMove(e.ses, tt, JET_MoveFirst, 0));
    int32_t v;
    uint32_t got;
    assert_jet_ok(JetRetrieveColumn(e.ses, tt, ids[1], &v, sizeof v, &got, 0, NULL));
    assert_int_equal(v, 9);
    assert_jet_ok(JetMakeKey(e.ses, tt, &dup, sizeof dup, JET_bitNewKey));
    assert_jet_ok(JetSeek(e.ses, tt, JET_bitSeekEQ));
    assert_jet_ok(JetRetrieveColumn(e.ses, tt, ids[1], &v, sizeof v, &got, 0, NULL));
    assert_int_equal(v, 4);
    /* Schema calls do not apply to temporary tables. */
    JET_COLUMNDEF cd = { sizeof cd, 0, JET_coltypLong, 0, 0, 0, 0, 0, 0 };
    assert_jet(JET_errInvalidParameter, JetAddColumnA(e.ses, tt, "x", &cd, NULL, 0, NULL));
    assert_jet(JET_errInvalidParameter, JetCreateIndexA(e.ses, tt, "x", 0, "+x\0", 4, 0));
    assert_jet(JET_errIllegalOperation, JetGetTableColumnInfoA(e.ses, tt, NULL, &cd, sizeof cd, JET_ColInfo));
    JET_OBJECTINFO oi;
    assert_jet(JET_errObjectNotFound, JetGetTableInfoA(e.ses, tt, &oi, sizeof oi, JET_TblInfo));
    char name[80];
    assert_jet(JET_errInvalidOperation, JetGetTableInfoA(e.ses, tt, name, sizeof name, JET_TblInfoName));
    /* Its trees go with the cursor. */
    sess *s;
    db *d;
    cat_table *t;
    assert_jet_ok(sess_acquire(e.ses, &s));
    assert_jet_ok(isam_cursor_table(s, tt, &d, &t));
    uint32_t objid = t->objid, lv = t->lv_objid;
    bt_tree *bt;
    assert_jet_ok(st_tree_open(d->store, objid, &bt));
    cat_table_release(t);
    assert_jet_ok(JetCloseTable(e.ses, tt));
    assert_jet(JET_errObjectNotFound, st_tree_open(d->store, objid, &bt));
    assert_jet(JET_errObjectNotFound, st_tree_open(d->store, lv, &bt));
    char *tmp = tu_path(e.dir, "tmp.edb");
    assert_true(tu_exists(tmp));
    db_unpin(d);
    sess_release(s);

    /* No key: insertion order; forward-only without JET_bitTTUnique keeps
     * duplicates. */
    JET_COLUMNDEF nokey[] = { { sizeof(JET_COLUMNDEF), 0, JET_coltypLong, 0, 0, 0, 0, 0, 0 } };
    assert_jet_ok(JetOpenTempTable2(e.ses, nokey, 1, 0x409, JET_bitTTUpdatable, &tt, ids));
    for (int32_t i = 3; i > 0; i--) {
        assert_jet_ok(JetPrepareUpdate(e.ses, tt, JET_prepInsert));
        assert_jet_ok(JetSetColumn(e.ses, tt, ids[0], &i, sizeof i, 0, NULL));
        assert_jet_ok(JetUpdate(e.ses, tt, NULL, 0, NULL));
    }
    assert_jet_ok(JetMove(e.ses, tt, JET_MoveFirst, 0));
    assert_jet_ok(JetRetrieveColumn(e.ses, tt, ids[0], &v, sizeof v, &got, 0, NULL));
    assert_int_equal(v, 3);
    assert_jet_ok(JetCloseTable(e.ses, tt));
    nokey[0].grbit = JET_bitColumnTTKey;
    assert_jet(JET_errCannotMaterializeForwardOnlySort,
               JetOpenTempTable(e.ses, nokey, 1, JET_bitTTForwardOnly | JET_bitTTIndexed, &tt, ids));
    assert_jet_ok(JetOpenTempTable(e.ses, nokey, 1, JET_bitTTForwardOnly, &tt, ids));
    for (int i = 0; i < 2; i++) {
        int32_t same = 8;
        assert_jet_ok(JetPrepareUpdate(e.ses, tt, JET_prepInsert));
        assert_jet_ok(JetSetColumn(e.ses, tt, ids[0], &same, sizeof same, 0, NULL));
        assert_jet_ok(JetUpdate(e.ses, tt, NULL, 0, NULL));
    }
    assert_int_equal(count_rows_or(&e, tt), 2);
    assert_jet_ok(JetCloseTable(e.ses, tt));

    /* The other forms and their checks. */
    JET_UNICODEINDEX ui = { 0x40C, 0 };
    assert_jet_ok(JetOpenTempTable3(e.ses, defs, 3, &ui, 0, &tt, ids));
    assert_jet_ok(JetCloseTable(e.ses, tt));
    JET_OPENTEMPORARYTABLE ot = { sizeof ot, defs, 3, NULL, 0, ids, 1000, 100, 0 };
    assert_jet_ok(JetOpenTemporaryTable(e.ses, &ot));
    assert_jet_ok(JetCloseTable(e.ses, ot.tableid));
    ot.cbKeyMost = 100;
    assert_jet(JET_errInvalidParameter, JetOpenTemporaryTable(e.ses, &ot));
    ot.cbKeyMost = 0;
    ot.cbVarSegMac = 300;
    assert_jet(JET_errInvalidParameter, JetOpenTemporaryTable(e.ses, &ot));
    ot.cbVarSegMac = 0;
    ot.cbStruct = 4;
    assert_jet(JET_errInvalidParameter, JetOpenTemporaryTable(e.ses, &ot));
    wchar_t fr[] = L"fr-FR";
    JET_UNICODEINDEX2 u2 = { fr, 0 };
    JET_OPENTEMPORARYTABLE2 ot2 = { sizeof ot2, defs, 3, &u2, 0, ids, 0, 0, 0 };
    assert_jet_ok(JetOpenTemporaryTable2(e.ses, &ot2));
    assert_jet_ok(JetCloseTable(e.ses, ot2.tableid));
    wchar_t bad[] = L"zz-ZZ";
    u2.szLocaleName = bad;
    assert_jet(JET_errInvalidLanguageId, JetOpenTemporaryTable2(e.ses, &ot2));
    JET_COLUMNDEF badcp = { sizeof(JET_COLUMNDEF), 0, JET_coltypText, 0, 0, 437, 0, 0, 0 };
    assert_jet(JET_errInvalidCodePage, JetOpenTempTable(e.ses, &badcp, 1, 0, &tt, ids));
    assert_jet(JET_errInvalidGrbit, JetOpenTempTable(e.ses, defs, 3, 0x80000, &tt, ids));
    assert_jet(JET_errInvalidParameter, JetOpenTempTable(e.ses, defs, 3, 0, NULL, ids));
    assert_jet(JET_errInvalidParameter, JetOpenTempTable(e.ses, defs, 3, 0, &tt, NULL));
    ct_close(&e, 0);
    /* The temporary database is gone with the instance. */
    assert_false(tu_exists(tmp));
    free(tmp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_column_info),
        cmocka_unit_test(test_index_info),
        cmocka_unit_test(test_table_object_info),
        cmocka_unit_test(test_temp_tables),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
