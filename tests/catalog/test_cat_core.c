/*
 * test_cat_core.c: the catalog below the API — names, column and index
 * definitions as ESE validates them, schema versions and the cache,
 * transactions (rollback, savepoints, commit), restart and crash.
 */
#include "cat_tu.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "catalog/cat_int.h"
#include "store/store.h"
#include "util/err.h"

static char *g_dir;

static int setup(void **state)
{
    (void)state;
    g_dir = tu_mkdtemp("catcore");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_rmtree(g_dir);
    free(g_dir);
    return 0;
}

/* A fresh database folder per test. */
static void fresh(cat_env *e, const char *name)
{
    char *dir = tu_path(g_dir, name);
    tu_rmtree(dir);
    ct_open(e, dir, true);
    free(dir);
}

static void test_names(void **state)
{
    (void)state;
    char out[CAT_NAME_MAX + 1];
    assert_jet_ok(cat_check_name("Table1", out));
    assert_string_equal(out, "Table1");
    assert_jet_ok(cat_check_name("with space  ", out));
    assert_string_equal(out, "with space");
    assert_jet_ok(cat_check_name("caf\xc3\xa9", out));   /* extended bytes are fine */
    assert_jet(JET_errInvalidName, cat_check_name(NULL, out));
    assert_jet(JET_errInvalidName, cat_check_name("", out));
    assert_jet(JET_errInvalidName, cat_check_name(" lead", out));
    assert_jet(JET_errInvalidName, cat_check_name("   ", out));
    assert_jet(JET_errInvalidName, cat_check_name("a.b", out));
    assert_jet(JET_errInvalidName, cat_check_name("a!b", out));
    assert_jet(JET_errInvalidName, cat_check_name("a[b", out));
    assert_jet(JET_errInvalidName, cat_check_name("a]b", out));
    assert_jet(JET_errInvalidName, cat_check_name("a\tb", out));
    char n64[65], n65[66];
    memset(n64, 'x', 64);
    n64[64] = '\0';
    memset(n65, 'x', 65);
    n65[65] = '\0';
    assert_jet_ok(cat_check_name(n64, out));
    assert_int_equal(strlen(out), 64);
    assert_jet(JET_errInvalidName, cat_check_name(n65, out));
    assert_int_equal(cat_name_cmp("AbC", "aBc"), 0);
    assert_true(cat_name_cmp("abc", "abd") < 0);
}

/* Every column type, the class each lands in and its normalised cbMax. */
static void test_columns(void **state)
{
    (void)state;
    cat_env e;
    fresh(&e, "columns");
    cat_colspec cols[] = {
        ct_col("bit", JET_coltypBit, 0, 0),
        ct_col("ubyte", JET_coltypUnsignedByte, 0, JET_bitColumnNotNULL),
        ct_col("short", JET_coltypShort, 99, 0),
        ct_col("long", JET_coltypLong, 0, JET_bitColumnAutoincrement),
        ct_col("currency", JET_coltypCurrency, 0, 0),
        ct_col("single", JET_coltypIEEESingle, 0, 0),
        ct_col("double", JET_coltypIEEEDouble, 0, 0),
        ct_col("datetime", JET_coltypDateTime, 0, 0),
        ct_col("binary", JET_coltypBinary, 0, 0),
        ct_col("text", JET_coltypText, 100, 0),
        ct_col("longbinary", JET_coltypLongBinary, 0, JET_bitColumnMultiValued),
        ct_col("longtext", JET_coltypLongText, 5000, JET_bitColumnCompressed),
        ct_col("ulong", JET_coltypUnsignedLong, 0, 0),
        ct_col("longlong", JET_coltypLongLong, 0, 0),
        ct_col("guid", JET_coltypGUID, 0, 0),
        ct_col("ushort", JET_coltypUnsignedShort, 0, 0),
        ct_col("ulonglong", JET_coltypUnsignedLongLong, 0, 0),
        ct_col("fixedtext", JET_coltypText, 10, JET_bitColumnFixed),
        ct_col("taggedlong", JET_coltypLong, 0, JET_bitColumnTagged | JET_bitColumnMultiValued),
        ct_col("bigbinary", JET_coltypBinary, 1000, 0),
        ct_col("version", JET_coltypLong, 0, JET_bitColumnVersion),
        ct_col("escrow", JET_coltypLong, 0, JET_bitColumnEscrowUpdate | JET_bitColumnFinalize),
    };
    int32_t esc = 7;
    cols[21].dflt = &esc;
    cols[21].cbdflt = 4;
    cols[9].cp = 1200;
    cat_tablespec ts = { .name = "T", .cols = cols, .ncols = JET_ARRAY_LEN(cols) };
    cat_table *t;
    assert_jet_ok(ct_create_table(&e, &ts, &t));
    assert_int_equal(ts.created, 1 + JET_ARRAY_LEN(cols));
    static const JET_COLUMNID want[] = { 1, 2, 3, 4, 5, 6, 7, 8, 128, 129, 256, 257, 9, 10,
                                         11, 12, 13, 14, 258, 130, 15, 16 };
    for (size_t i = 0; i < JET_ARRAY_LEN(cols); i++) {
        assert_int_equal(cols[i].colid, want[i]);
        assert_jet_ok(cols[i].err);
    }
    assert_int_equal(t->ncols, JET_ARRAY_LEN(cols));
    const cat_column *c = cat_column_by_name(t, "SHORT");
    assert_non_null(c);
    assert_int_equal(c->def.cbMax, 2);
    assert_int_equal(c->def.grbit, JET_bitColumnFixed);
    c = cat_column_by_id(t, 128);
    assert_string_equal(c->name, "binary");
    assert_int_equal(c->def.cbMax, 255);
    assert_int_equal(c->def.grbit, 0);
    c = cat_column_by_name(t, "text");
    assert_int_equal(c->def.cp, 1200);
    assert_int_equal(c->def.cbMax, 100);
    c = cat_column_by_name(t, "longtext");
    assert_int_equal(c->def.cp, 1252);
    assert_int_equal(c->def.cbMax, 5000);
    assert_int_equal(c->def.grbit, JET_bitColumnTagged | JET_bitColumnCompressed);
    c = cat_column_by_name(t, "bigbinary");
    assert_int_equal(c->def.cbMax, 255);   /* truncated, with a warning */
    c = cat_column_by_name(t, "escrow");
    assert_int_equal(c->cbdflt, 4);
    assert_memory_equal(c->dflt, &esc, 4);
    assert_int_equal(c->def.grbit,
                     JET_bitColumnFixed | JET_bitColumnEscrowUpdate | JET_bitColumnFinalize);
    c = cat_column_by_name(t, "long");
    assert_int_equal(c->def.grbit, JET_bitColumnFixed | JET_bitColumnAutoincrement);
    assert_int_equal(t->primary, -1);
    assert_true(t->objid > 2);
    assert_true(t->lv_objid > 2 && t->lv_objid != t->objid);
    assert_int_equal(t->density, 80);
    cat_table_release(t);

    /* AddColumn continues the id classes; the warning comes back. */
    JET_COLUMNID id;
    cat_colspec add = ct_col("added", JET_coltypText, 300, 0);
    assert_jet(JET_wrnColumnMaxTruncated, ct_add_column(&e, "T", &add, &id));
    assert_int_equal(id, 131);
    add = ct_col("added2", JET_coltypLongText, 0, 0);
    assert_jet_ok(ct_add_column(&e, "t", &add, &id));
    assert_int_equal(id, 259);
    assert_jet_ok(ct_table(&e, "t", &t));
    assert_int_equal(t->ncols, JET_ARRAY_LEN(cols) + 2);
    cat_table_release(t);
    ct_close(&e, 0);
}

/* The same table twice, read both times: the cache gives the same
 * snapshot; a change gives a new one while the old stays usable. */
static void test_versions(void **state)
{
    (void)state;
    cat_env e;
    fresh(&e, "versions");
    cat_colspec cols[] = { ct_col("a", JET_coltypLong, 0, 0) };
    cat_tablespec ts = { .name = "V", .cols = cols, .ncols = 1 };
    assert_jet_ok(ct_create_table(&e, &ts, NULL));
    cat_table *a, *b, *c;
    assert_jet_ok(ct_table(&e, "v", &a));
    assert_jet_ok(ct_table(&e, "V", &b));
    assert_ptr_equal(a, b);
    cat_table_release(b);
    cat_colspec add = ct_col("b", JET_coltypLong, 0, 0);
    assert_jet_ok(ct_add_column(&e, "V", &add, NULL));
    assert_jet_ok(cat_table_current(NULL, e.d, a, &c));
    assert_ptr_not_equal(a, c);
    assert_true(c->version > a->version);
    assert_int_equal(a->ncols, 1);
    assert_int_equal(c->ncols, 2);
    assert_jet_ok(cat_table_current(NULL, e.d, c, &b));
    assert_ptr_equal(b, c);
    cat_table_release(b);
    cat_table_release(c);
    assert_jet_ok(ct_delete_table(&e, "V"));
    assert_jet(JET_errObjectNotFound, cat_table_current(NULL, e.d, a, &c));
    assert_jet(JET_errObjectNotFound, ct_table(&e, "V", &c));
    cat_table_release(a);
    ct_close(&e, 0);
}

/* Column definitions ESE refuses, each with its code, and the table
 * unchanged afterwards. */
static void test_column_errors(void **state)
{
    (void)state;
    cat_env e;
    fresh(&e, "colerr");
    cat_colspec base[] = { ct_col("k", JET_coltypLong, 0, 0),
                           ct_col("v", JET_coltypLong, 0, JET_bitColumnVersion) };
    cat_tablespec ts = { .name = "E", .cols = base, .ncols = 2 };
    assert_jet_ok(ct_create_table(&e, &ts, NULL));
    cat_table *before;
    assert_jet_ok(ct_table(&e, "E", &before));

    struct {
        cat_colspec c;
        JET_ERR want;
    } cases[] = {
        { ct_col("k", JET_coltypLong, 0, 0), JET_errColumnDuplicate },
        { ct_col("K", JET_coltypText, 0, 0), JET_errColumnDuplicate },
        { ct_col("bad.name", JET_coltypLong, 0, 0), JET_errInvalidName },
        { ct_col(NULL, JET_coltypLong, 0, 0), JET_errInvalidName },
        { ct_col("x", JET_coltypNil, 0, 0), JET_errInvalidColumnType },
        { ct_col("x", JET_coltypSLV, 0, 0), JET_errInvalidColumnType },
        { ct_col("x", JET_coltypMax, 0, 0), JET_errInvalidColumnType },
        { ct_col("x", JET_coltypText, 0x80000000u, 0), JET_errInvalidParameter },
        { ct_col("x", JET_coltypLong, 0, JET_bitColumnMultiValued), JET_errMultiValuedColumnMustBeTagged },
        { ct_col("x", JET_coltypLongText, 0, JET_bitColumnFixed), JET_errInvalidGrbit },
        { ct_col("x", JET_coltypLong, 0, JET_bitColumnFixed | JET_bitColumnTagged), JET_errInvalidGrbit },
        { ct_col("x", JET_coltypText, 0, JET_bitColumnCompressed), JET_errColumnCannotBeCompressed },
        { ct_col("x", JET_coltypText, 0, JET_bitColumnVersion), JET_errInvalidGrbit },
        { ct_col("x", JET_coltypLong, 0, JET_bitColumnVersion | JET_bitColumnTagged), JET_errCannotBeTagged },
        { ct_col("x", JET_coltypLong, 0, JET_bitColumnVersion), JET_errColumnRedundant },
        { ct_col("x", JET_coltypShort, 0, JET_bitColumnAutoincrement), JET_errInvalidGrbit },
        { ct_col("x", JET_coltypLong, 0, JET_bitColumnVersion | JET_bitColumnAutoincrement), JET_errInvalidGrbit },
        { ct_col("x", JET_coltypLong, 0, JET_bitColumnEscrowUpdate), JET_errInvalidGrbit },
        { ct_col("x", JET_coltypLong, 0, JET_bitColumnFinalize), JET_errInvalidGrbit },
        { ct_col("x", JET_coltypLong, 0, 0x40000000u), JET_errInvalidGrbit },
    };
    for (size_t i = 0; i < JET_ARRAY_LEN(cases); i++) {
        JET_COLUMNID id = 12345;
        JET_ERR err = ct_add_column(&e, "E", &cases[i].c, &id);
        if (err != cases[i].want)
            fail_msg("case %zu: %d, expected %d", i, (int)err, (int)cases[i].want);
        assert_int_equal(id, 12345);
    }
    /* Codepages and defaults. */
    cat_colspec c = ct_col("x", JET_coltypText, 0, 0);
    c.cp = 437;
    assert_jet(JET_errInvalidCodePage, ct_add_column(&e, "E", &c, NULL));
    char big[300];
    memset(big, 'a', sizeof big);
    c = ct_col("x", JET_coltypText, 10, 0);
    c.dflt = big;
    c.cbdflt = 11;
    assert_jet(JET_errDefaultValueTooBig, ct_add_column(&e, "E", &c, NULL));
    c = ct_col("x", JET_coltypLongBinary, 0, 0);
    c.dflt = big;
    c.cbdflt = 256;
    assert_jet(JET_errDefaultValueTooBig, ct_add_column(&e, "E", &c, NULL));
    c = ct_col("x", JET_coltypLong, 0, 0);
    c.dflt = big;
    c.cbdflt = 2;
    assert_jet(JET_errInvalidBufferSize, ct_add_column(&e, "E", &c, NULL));
    /* Escrow on a table that is not exclusively ours. */
    c = ct_col("x", JET_coltypLong, 0, JET_bitColumnEscrowUpdate);
    c.dflt = big;
    c.cbdflt = 4;
    vtx *x;
    assert_jet_ok(vtx_auto_begin(e.s, &x));
    assert_jet(JET_errExclusiveTableLockRequired, cat_add_column(x, e.d, before, &c, false, NULL));
    assert_jet(JET_errExclusiveTableLockRequired,
               vtx_auto_end(e.s, x, JET_errExclusiveTableLockRequired));
    /* Nothing changed. */
    cat_table *after;
    assert_jet_ok(ct_table(&e, "E", &after));
    assert_ptr_equal(before, after);
    assert_int_equal(after->ncols, 2);
    cat_table_release(after);
    cat_table_release(before);

    /* Column classes run out: 127 fixed columns at most. */
    cat_tablespec t2 = { .name = "Many" };
    assert_jet_ok(ct_create_table(&e, &t2, NULL));
    for (int i = 0; i < 127; i++) {
        char nm[16];
        snprintf(nm, sizeof nm, "f%d", i);
        c = ct_col(nm, JET_coltypBit, 0, 0);
        JET_COLUMNID id;
        assert_jet_ok(ct_add_column(&e, "Many", &c, &id));
        assert_int_equal(id, (JET_COLUMNID)i + 1);
    }
    c = ct_col("onemore", JET_coltypBit, 0, 0);
    assert_jet(JET_errTooManyColumns, ct_add_column(&e, "Many", &c, NULL));
    /* ... but variable ones still fit, and a deleted id is never reused. */
    c = ct_col("var", JET_coltypText, 0, 0);
    JET_COLUMNID id;
    assert_jet_ok(ct_add_column(&e, "Many", &c, &id));
    assert_int_equal(id, 128);
    assert_jet_ok(ct_delete_column(&e, "Many", "var"));
    c = ct_col("var2", JET_coltypText, 0, 0);
    assert_jet_ok(ct_add_column(&e, "Many", &c, &id));
    assert_int_equal(id, 129);
    ct_close(&e, 0);
}

/* Table creation with columns and indexes, reporting per-item errors and
 * the number created as ESE does. */
static void test_create_table_errors(void **state)
{
    (void)state;
    cat_env e;
    fresh(&e, "tcerr");
    cat_colspec cols[] = { ct_col("a", JET_coltypLong, 0, 0), ct_col("b", JET_coltypText, 0, 0),
                           ct_col("a", JET_coltypLong, 0, 0) };
    cat_tablespec ts = { .name = "T", .cols = cols, .ncols = 3 };
    assert_jet(JET_errColumnDuplicate, ct_create_table(&e, &ts, NULL));
    assert_int_equal(ts.created, 4);   /* table + 3 columns counted before the catalog refused */
    cat_table *t;
    assert_jet(JET_errObjectNotFound, ct_table(&e, "T", &t));

    cols[2] = ct_col("c", JET_coltypNil, 0, 0);
    assert_jet(JET_errInvalidColumnType, ct_create_table(&e, &ts, NULL));
    assert_int_equal(ts.created, 3);
    assert_jet(JET_errInvalidColumnType, cols[2].err);
    assert_jet_ok(cols[0].err);
    cols[2] = ct_col("c", JET_coltypLong, 0, 0);
    cols[1].bad_struct = true;
    cols[1].err = 12345;
    assert_jet(JET_errInvalidParameter, ct_create_table(&e, &ts, NULL));
    assert_int_equal(ts.created, 2);
    assert_int_equal(cols[1].err, 12345);   /* untouched, as ESE leaves it */
    cols[1].bad_struct = false;

    cat_idxspec idx[] = { ct_idx("pk", CT_KEY("+a\0\0"), JET_bitIndexPrimary),
                          ct_idx("sk", CT_KEY("-b\0+c\0\0"), 0),
                          ct_idx("pk2", CT_KEY("+c\0\0"), JET_bitIndexPrimary) };
    ts.idx = idx;
    ts.nidx = 3;
    assert_jet(JET_errIndexHasPrimary, ct_create_table(&e, &ts, NULL));
    assert_int_equal(ts.created, 6);
    assert_jet(JET_errIndexHasPrimary, idx[2].err);
    assert_jet_ok(idx[0].err);
    idx[2] = ct_idx("ck", CT_KEY("+zz\0\0"), 0);
    assert_jet(JET_errColumnNotFound, ct_create_table(&e, &ts, NULL));
    assert_jet(JET_errColumnNotFound, idx[2].err);
    idx[2] = ct_idx("SK", CT_KEY("+c\0\0"), 0);
    assert_jet(JET_errIndexDuplicate, ct_create_table(&e, &ts, NULL));
    assert_int_equal(ts.created, 7);
    idx[2].bad_struct = true;
    assert_jet(JET_errInvalidCreateIndex, ct_create_table(&e, &ts, NULL));
    assert_int_equal(ts.created, 6);
    ts.nidx = 2;
    ts.density = 10;
    assert_jet(JET_errDensityInvalid, ct_create_table(&e, &ts, NULL));
    ts.density = 0;
    ts.grbit = 0x100;
    assert_jet(JET_errInvalidGrbit, ct_create_table(&e, &ts, NULL));
    ts.grbit = JET_bitTableCreateNoFixedVarColumnsInDerivedTables;
    assert_jet(JET_errInvalidGrbit, ct_create_table(&e, &ts, NULL));
    ts.grbit = 0;
    ts.cols = NULL;
    assert_jet(JET_errInvalidParameter, ct_create_table(&e, &ts, NULL));
    ts.cols = cols;
    ts.ncols = 0;
    assert_jet(JET_errInvalidCreateIndex, ct_create_table(&e, &(cat_tablespec){ .name = "T", .idx = idx, .nidx = 1 }, NULL));
    ts.ncols = 3;
    assert_jet(JET_errObjectNotFound, ct_table(&e, "T", &t));

    /* Now all good. */
    assert_jet_ok(ct_create_table(&e, &ts, &t));
    assert_int_equal(ts.created, 6);
    assert_int_equal(t->nidx, 2);
    assert_int_equal(t->primary, 0);
    assert_string_equal(t->idx[0].name, "pk");
    assert_int_equal(t->idx[0].objid, t->objid);
    assert_true(t->idx[1].objid != t->objid && t->idx[1].objid > 2);
    assert_int_equal(t->idx[1].nseg, 2);
    assert_true(t->idx[1].seg[0].seg.descending);
    assert_false(t->idx[1].seg[1].seg.descending);
    assert_int_equal(t->idx[1].seg[0].colid, 128);
    assert_int_equal(t->idx[1].seg[0].seg.coltyp, JET_coltypText);
    assert_int_equal(t->idx[1].seg[0].seg.cp, 1252);
    cat_table_release(t);
    cat_tablespec dup = { .name = "t" };
    assert_jet(JET_errTableDuplicate, ct_create_table(&e, &dup, NULL));
    cat_tablespec bad = { .name = "a]" };
    assert_jet(JET_errInvalidName, ct_create_table(&e, &bad, NULL));
    ct_close(&e, 0);
}

/* Index definitions: every option stored, every refusal with ESE's code. */
static void test_indexes(void **state)
{
    (void)state;
    cat_env e;
    fresh(&e, "indexes");
    cat_colspec cols[] = { ct_col("a", JET_coltypLong, 0, 0),
                           ct_col("b", JET_coltypText, 0, 0),
                           ct_col("c", JET_coltypText, 0, 0),
                           ct_col("m", JET_coltypLong, 0, JET_bitColumnTagged | JET_bitColumnMultiValued),
                           ct_col("w", JET_coltypLongText, 0, 0),
                           ct_col("esc", JET_coltypLong, 0, JET_bitColumnEscrowUpdate),
                           ct_col("d", JET_coltypLong, 0, 0) };
    int32_t zero = 0;
    cols[5].dflt = &zero;
    cols[5].cbdflt = 4;
    cols[6].dflt = &zero;
    cols[6].cbdflt = 4;
    cols[2].cp = 1200;
    cat_tablespec ts = { .name = "I", .cols = cols, .ncols = JET_ARRAY_LEN(cols) };
    assert_jet_ok(ct_create_table(&e, &ts, NULL));

    struct {
        cat_idxspec ix;
        JET_ERR want;
    } bad[] = {
        { ct_idx("x", CT_KEY("+zz\0\0"), 0), JET_errColumnNotFound },
        { ct_idx("x", CT_KEY("a\0\0"), 0), JET_errIndexInvalidDef },
        { ct_idx("x", CT_KEY("+a\0"), 0), JET_errIndexInvalidDef },
        { ct_idx("x", CT_KEY("+a\0\0+b\0\0"), 0), JET_errIndexInvalidDef },
        { ct_idx("x", "+a\0\0", 0, 0), JET_errInvalidParameter },
        { ct_idx("x", CT_KEY("+a\0+b\0+a\0+b\0+a\0+b\0+a\0+b\0+a\0+b\0+a\0+b\0+a\0+b\0+a\0+b\0+a\0\0"), 0), JET_errIndexInvalidDef },
        { ct_idx("x", CT_KEY("+esc\0\0"), 0), JET_errCannotIndex },
        { ct_idx("x", CT_KEY("+m\0\0"), JET_bitIndexPrimary), JET_errIndexInvalidDef },
        { ct_idx("x", CT_KEY("+a\0\0"), JET_bitIndexPrimary | JET_bitIndexIgnoreNull), JET_errInvalidGrbit },
        { ct_idx("x", CT_KEY("+a\0\0"), JET_bitIndexCrossProduct | JET_bitIndexNestedTable), JET_errInvalidGrbit },
        { ct_idx("x", CT_KEY("+a\0\0"), JET_bitIndexEmpty), JET_errInvalidGrbit },
        { ct_idx("x", CT_KEY("+d\0\0"), JET_bitIndexEmpty | JET_bitIndexIgnoreAnyNull), JET_errIndexInvalidDef },
        { ct_idx("x", CT_KEY("+a\0\0"), JET_bitIndexUnicode), JET_errIndexInvalidDef },
        { ct_idx("x", CT_KEY("+a\0\0"), JET_bitIndexTupleLimits), JET_errIndexInvalidDef },
        { ct_idx("x", CT_KEY("+a\0\0"), JET_bitIndexKeyMost), JET_errIndexInvalidDef },
        { ct_idx("x", CT_KEY("+b\0\0"), JET_bitIndexTuples | JET_bitIndexUnique), JET_errIndexTuplesNonUniqueOnly },
        { ct_idx("x", CT_KEY("+b\0\0"), JET_bitIndexTuples | JET_bitIndexPrimary), JET_errIndexTuplesSecondaryIndexOnly },
        { ct_idx("x", CT_KEY("+a\0\0"), 0x80000000u), JET_errInvalidGrbit },
        { ct_idx("x.y", CT_KEY("+a\0\0"), 0), JET_errInvalidName },
    };
    for (size_t i = 0; i < JET_ARRAY_LEN(bad); i++) {
        JET_ERR err = ct_create_index(&e, "I", &bad[i].ix);
        if (err != bad[i].want)
            fail_msg("case %zu: %d, expected %d", i, (int)err, (int)bad[i].want);
    }
    cat_idxspec ix = ct_idx("x", CT_KEY("+a\0\0"), 0);
    ix.density = 101;
    assert_jet(JET_errDensityInvalid, ct_create_index(&e, "I", &ix));
    ix = ct_idx("x", CT_KEY("+a\0\0"), JET_bitIndexKeyMost);
    ix.cbKeyMost = 100;
    assert_jet(JET_errIndexInvalidDef, ct_create_index(&e, "I", &ix));
    ix.cbKeyMost = 5000;
    assert_jet(JET_errIndexInvalidDef, ct_create_index(&e, "I", &ix));
    ix = ct_idx("x", CT_KEY("+a\0\0"), 0);
    ix.cbVarSegMac = 300;
    assert_jet(JET_errIndexInvalidDef, ct_create_index(&e, "I", &ix));
    cat_condspec cond[] = { { .name = "zz", .grbit = JET_bitIndexColumnMustBeNull } };
    ix = ct_idx("x", CT_KEY("+a\0\0"), 0);
    ix.cond = cond;
    ix.ncond = 1;
    assert_jet(JET_errColumnNotFound, ct_create_index(&e, "I", &ix));
    cond[0].name = "b";
    cond[0].grbit = 3;
    assert_jet(JET_errInvalidGrbit, ct_create_index(&e, "I", &ix));
    cond[0].grbit = JET_bitIndexColumnMustBeNull;
    cond[0].bad_struct = true;
    assert_jet(JET_errIndexInvalidDef, ct_create_index(&e, "I", &ix));
    cond[0].bad_struct = false;
    ix.grbit = JET_bitIndexPrimary;
    assert_jet(JET_errIndexInvalidDef, ct_create_index(&e, "I", &ix));
    ix = ct_idx("x", CT_KEY("+c\0\0"), JET_bitIndexUnicode);
    ix.unicode = true;
    ix.lcid = 0x12345;
    assert_jet(JET_errInvalidLanguageId, ct_create_index(&e, "I", &ix));
    cat_table *t;
    assert_jet_ok(ct_table(&e, "I", &t));
    assert_int_equal(t->nidx, 0);
    cat_table_release(t);

    /* Good ones. */
    ix = ct_idx("conditional", CT_KEY("-b\0\0"), JET_bitIndexIgnoreAnyNull);
    cond[0].name = "c";
    cond[0].grbit = JET_bitIndexColumnMustBeNonNull;
    ix.cond = cond;
    ix.ncond = 1;
    assert_jet_ok(ct_create_index(&e, "I", &ix));
    ix = ct_idx("unicode", CT_KEY("+c\0-a\0\0"), JET_bitIndexUnicode | JET_bitIndexUnique);
    ix.unicode = true;
    ix.lcid = 0x040C;
    ix.map_flags = 0x1;   /* NORM_IGNORECASE; LCMAP_SORTKEY is implied */
    assert_jet_ok(ct_create_index(&e, "I", &ix));
    ix = ct_idx("keymost", CT_KEY("+w\0\0"), JET_bitIndexKeyMost | JET_bitIndexDisallowNull);
    ix.cbKeyMost = 1000;
    ix.cbVarSegMac = 100;
    assert_jet_ok(ct_create_index(&e, "I", &ix));
    ix = ct_idx("multi", CT_KEY("+m\0\0"), JET_bitIndexIgnoreFirstNull | JET_bitIndexSortNullsHigh);
    ix.density = 50;
    assert_jet_ok(ct_create_index(&e, "I", &ix));
    ix = ct_idx("primary", CT_KEY("+a\0\0"), JET_bitIndexPrimary);
    assert_jet_ok(ct_create_index(&e, "I", &ix));
    ix = ct_idx("primary2", CT_KEY("+b\0\0"), JET_bitIndexPrimary);
    assert_jet(JET_errIndexHasPrimary, ct_create_index(&e, "I", &ix));
    ix = ct_idx("MULTI", CT_KEY("+b\0\0"), 0);
    assert_jet(JET_errIndexDuplicate, ct_create_index(&e, "I", &ix));

    assert_jet_ok(ct_table(&e, "I", &t));
    assert_int_equal(t->nidx, 5);
    assert_int_equal(t->primary, 0);
    assert_string_equal(t->idx[0].name, "primary");
    assert_int_equal(t->idx[0].grbit, JET_bitIndexPrimary | JET_bitIndexUnique);
    assert_true(t->idx[0].unique);
    const cat_index *ci = cat_index_by_name(t, "conditional");
    assert_int_equal(ci->grbit,
                     JET_bitIndexIgnoreNull | JET_bitIndexIgnoreFirstNull | JET_bitIndexIgnoreAnyNull);
    assert_int_equal(ci->ncond, 1);
    assert_int_equal(ci->cond[0].colid, 129);
    assert_int_equal(ci->cond[0].grbit, JET_bitIndexColumnMustBeNonNull);
    assert_int_equal(ci->cbKeyMost, 255);
    assert_int_equal(ci->cbVarSegMac, 0);
    assert_int_equal(ci->lcid, 0x409);
    assert_int_equal(ci->map_flags, 0x00030401);
    assert_int_equal(ci->density, 80);
    ci = cat_index_by_name(t, "unicode");
    assert_int_equal(ci->lcid, 0x40C);
    assert_int_equal(ci->map_flags, 0x401);
    assert_int_equal(ci->seg[0].seg.lcid, 0x40C);
    assert_int_equal(ci->seg[0].seg.cp, 1200);
    assert_true(ci->seg[1].seg.descending);
    assert_true(ci->unique);
    ci = cat_index_by_name(t, "keymost");
    assert_int_equal(ci->cbKeyMost, 1000);
    assert_int_equal(ci->cbVarSegMac, 100);
    assert_int_equal(ci->grbit, JET_bitIndexDisallowNull | JET_bitIndexKeyMost);
    ci = cat_index_by_name(t, "multi");
    assert_int_equal(ci->grbit,
                     JET_bitIndexIgnoreNull | JET_bitIndexIgnoreFirstNull | JET_bitIndexSortNullsHigh);
    assert_int_equal(ci->density, 50);
    cat_table_release(t);

    /* Deleting: the primary stays, a used column stays. */
    assert_jet(JET_errIndexMustStay, ct_delete_index(&e, "I", "primary"));
    assert_jet(JET_errIndexNotFound, ct_delete_index(&e, "I", "nope"));
    assert_jet(JET_errColumnInUse, ct_delete_column(&e, "I", "c"));   /* a condition */
    assert_jet(JET_errColumnInUse, ct_delete_column(&e, "I", "a"));
    assert_jet(JET_errColumnNotFound, ct_delete_column(&e, "I", "nope"));
    assert_jet_ok(ct_delete_index(&e, "I", "CONDITIONAL"));
    assert_jet_ok(ct_delete_index(&e, "I", "unicode"));
    assert_jet_ok(ct_delete_column(&e, "I", "c"));
    assert_jet_ok(ct_table(&e, "I", &t));
    assert_int_equal(t->nidx, 3);
    assert_null(cat_column_by_name(t, "c"));
    cat_table_release(t);
    ct_close(&e, 0);
}

/* DDL is transactional: a rollback takes it back (whole transaction or a
 * savepoint), a commit keeps it. */
static void test_transactions(void **state)
{
    (void)state;
    cat_env e;
    fresh(&e, "txn");
    cat_colspec cols[] = { ct_col("a", JET_coltypLong, 0, 0) };
    cat_tablespec ts = { .name = "Base", .cols = cols, .ncols = 1 };
    assert_jet_ok(ct_create_table(&e, &ts, NULL));
    cat_table *t;

    /* Rolled back: the table, a column, an index are gone. */
    assert_jet_ok(vtx_begin(e.s, 0));
    cat_tablespec t2 = { .name = "Gone", .cols = cols, .ncols = 1 };
    assert_jet_ok(ct_create_table(&e, &t2, NULL));
    cat_colspec add = ct_col("b", JET_coltypText, 0, 0);
    assert_jet_ok(ct_add_column(&e, "Base", &add, NULL));
    cat_idxspec ix = ct_idx("ia", CT_KEY("+a\0\0"), 0);
    assert_jet_ok(ct_create_index(&e, "Base", &ix));
    assert_jet_ok(ct_table(&e, "Gone", &t));   /* visible inside */
    cat_table_release(t);
    assert_jet_ok(vtx_rollback(e.s, 0));
    assert_jet(JET_errObjectNotFound, ct_table(&e, "Gone", &t));
    assert_jet_ok(ct_table(&e, "Base", &t));
    assert_int_equal(t->ncols, 1);
    assert_int_equal(t->nidx, 0);
    cat_table_release(t);

    /* A failing DDL inside a transaction leaves the transaction as it was. */
    assert_jet_ok(vtx_begin(e.s, 0));
    add = ct_col("b", JET_coltypText, 0, 0);
    assert_jet_ok(ct_add_column(&e, "Base", &add, NULL));
    cat_tablespec d2 = { .name = "Base" };
    assert_jet(JET_errTableDuplicate, ct_create_table(&e, &d2, NULL));
    assert_int_equal(vtx_level(e.s), 1);
    /* Nested level rolled back alone. */
    assert_jet_ok(vtx_begin(e.s, 0));
    add = ct_col("c", JET_coltypText, 0, 0);
    assert_jet_ok(ct_add_column(&e, "Base", &add, NULL));
    assert_jet_ok(vtx_rollback(e.s, 0));
    assert_jet_ok(vtx_commit(e.s, 0));
    assert_jet_ok(ct_table(&e, "Base", &t));
    assert_int_equal(t->ncols, 2);
    assert_non_null(cat_column_by_name(t, "b"));
    assert_null(cat_column_by_name(t, "c"));
    cat_table_release(t);

    /* Delete and rename roll back too. */
    assert_jet_ok(vtx_begin(e.s, 0));
    assert_jet_ok(ct_delete_table(&e, "Base"));
    assert_jet(JET_errObjectNotFound, ct_table(&e, "Base", &t));
    assert_jet_ok(vtx_rollback(e.s, 0));
    assert_jet_ok(ct_table(&e, "Base", &t));
    cat_table_release(t);
    vtx *x;
    assert_jet_ok(vtx_begin(e.s, 0));
    x = vtx_current(e.s);
    assert_jet_ok(cat_rename_table(x, e.d, "Base", "Renamed"));
    assert_jet_ok(ct_table(&e, "renamed", &t));
    cat_table_release(t);
    assert_jet_ok(vtx_rollback(e.s, 0));
    assert_jet_ok(ct_table(&e, "Base", &t));
    cat_table_release(t);
    assert_jet(JET_errObjectNotFound, ct_table(&e, "Renamed", &t));
    ct_close(&e, 0);
}

/* Rename, set a default, list tables. */
static void test_rename_default_list(void **state)
{
    (void)state;
    cat_env e;
    fresh(&e, "rename");
    cat_colspec cols[] = { ct_col("a", JET_coltypLong, 0, 0), ct_col("t", JET_coltypText, 20, 0) };
    cat_tablespec ts = { .name = "One", .cols = cols, .ncols = 2 };
    assert_jet_ok(ct_create_table(&e, &ts, NULL));
    ts.name = "two";
    assert_jet_ok(ct_create_table(&e, &ts, NULL));
    ts.name = "Three";
    ts.grbit = JET_bitTableCreateFixedDDL;
    assert_jet_ok(ct_create_table(&e, &ts, NULL));

    vtx *x;
    assert_jet_ok(vtx_auto_begin(e.s, &x));
    assert_jet(JET_errTableDuplicate, cat_rename_table(x, e.d, "One", "TWO"));
    assert_jet(JET_errObjectNotFound, cat_rename_table(x, e.d, "Nope", "Four"));
    assert_jet(JET_errInvalidName, cat_rename_table(x, e.d, "One", "F.our"));
    assert_jet_ok(cat_rename_table(x, e.d, "One", "ONE"));   /* case only */
    assert_jet_ok(cat_rename_table(x, e.d, "two", "Four"));
    cat_table *t;
    assert_jet_ok(cat_table_get(x, e.d, "Four", &t));
    assert_jet(JET_errColumnDuplicate, cat_rename_column(x, e.d, t, "a", "T"));
    assert_jet(JET_errColumnNotFound, cat_rename_column(x, e.d, t, "zz", "y"));
    assert_jet_ok(cat_rename_column(x, e.d, t, "a", "alpha"));
    assert_jet(JET_errNullInvalid, cat_set_default(x, e.d, t, "alpha", NULL, 0));
    int32_t v = 42;
    assert_jet(JET_errInvalidBufferSize, cat_set_default(x, e.d, t, "alpha", &v, 2));
    assert_jet(JET_errColumnNotFound, cat_set_default(x, e.d, t, "a", &v, 4));
    assert_jet_ok(cat_set_default(x, e.d, t, "alpha", &v, 4));
    assert_jet(JET_errColumnTooBig, cat_set_default(x, e.d, t, "t", "0123456789012345678901", 22));
    cat_table_release(t);
    assert_jet_ok(vtx_auto_end(e.s, x, 0));

    assert_jet_ok(ct_table(&e, "four", &t));
    assert_string_equal(t->name, "Four");
    const cat_column *c = cat_column_by_name(t, "ALPHA");
    assert_non_null(c);
    assert_string_equal(c->name, "alpha");
    assert_int_equal(c->cbdflt, 4);
    assert_memory_equal(c->dflt, &v, 4);
    cat_table_release(t);

    cat_tableinfo *list;
    size_t n;
    assert_jet_ok(cat_list_tables(NULL, e.d, &list, &n));
    assert_int_equal(n, 3);
    assert_string_equal(list[0].name, "Four");
    assert_string_equal(list[1].name, "ONE");
    assert_string_equal(list[2].name, "Three");
    assert_int_equal(list[2].flags, JET_bitObjectTableFixedDDL);
    assert_int_equal(list[0].flags, 0);
    free(list);
    ct_close(&e, 0);
}

/* The schema survives a clean restart and a dirty one (log replay). */
static void test_restart(void **state)
{
    (void)state;
    cat_env e;
    char *dir = tu_path(g_dir, "restart");
    tu_rmtree(dir);
    ct_open(&e, dir, true);
    cat_colspec cols[] = { ct_col("a", JET_coltypLong, 0, 0), ct_col("b", JET_coltypLongText, 0, 0) };
    cat_idxspec idx[] = { ct_idx("pk", CT_KEY("+a\0\0"), JET_bitIndexPrimary),
                          ct_idx("sb", CT_KEY("-b\0\0"), JET_bitIndexIgnoreNull) };
    cat_tablespec ts = { .name = "Kept", .cols = cols, .ncols = 2, .idx = idx, .nidx = 2,
                         .pages = 7, .density = 90 };
    assert_jet_ok(ct_create_table(&e, &ts, NULL));
    ct_close(&e, 0);

    ct_open(&e, dir, false);
    cat_table *t;
    assert_jet_ok(ct_table(&e, "Kept", &t));
    assert_int_equal(t->ncols, 2);
    assert_int_equal(t->nidx, 2);
    assert_int_equal(t->pages, 7);
    assert_int_equal(t->density, 90);
    assert_int_equal(t->idx[1].grbit, JET_bitIndexIgnoreNull);
    cat_table_release(t);
    cat_colspec add = ct_col("c", JET_coltypText, 0, 0);
    assert_jet_ok(ct_add_column(&e, "Kept", &add, NULL));
    /* A dirty stop: the log must bring the committed change back. */
    ct_close(&e, JET_bitTermDirty);

    ct_open(&e, dir, false);
    assert_jet_ok(ct_table(&e, "Kept", &t));
    assert_int_equal(t->ncols, 3);
    cat_table_release(t);
    ct_close(&e, 0);
    free(dir);
}

/* SIGKILL after a committed DDL with another DDL still open: recovery
 * keeps the first, undoes the second. */
static void test_crash(void **state)
{
    (void)state;
    char *dir = tu_path(g_dir, "crash");
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
        cat_colspec cols[] = { ct_col("a", JET_coltypLong, 0, 0) };
        cat_tablespec ts = { .name = "Committed", .cols = cols, .ncols = 1 };
        if (ct_create_table(&e, &ts, NULL) < 0)
            _exit(3);
        cat_colspec add = ct_col("b", JET_coltypText, 0, 0);
        if (ct_add_column(&e, "Committed", &add, NULL) < 0)
            _exit(4);
        if (vtx_begin(e.s, 0) < 0)
            _exit(5);
        ts.name = "Uncommitted";
        if (ct_create_table(&e, &ts, NULL) < 0)
            _exit(6);
        add = ct_col("c", JET_coltypText, 0, 0);
        if (ct_add_column(&e, "Committed", &add, NULL) < 0)
            _exit(7);
        if (ct_delete_column(&e, "Committed", "a") < 0)
            _exit(8);
        char ok = 1;
        if (write(fds[1], &ok, 1) != 1)
            _exit(9);
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

    cat_env e;
    ct_open(&e, dir, false);
    cat_table *t;
    assert_jet(JET_errObjectNotFound, ct_table(&e, "Uncommitted", &t));
    assert_jet_ok(ct_table(&e, "Committed", &t));
    assert_int_equal(t->ncols, 2);
    assert_non_null(cat_column_by_name(t, "a"));
    assert_non_null(cat_column_by_name(t, "b"));
    assert_null(cat_column_by_name(t, "c"));
    cat_table_release(t);
    /* The catalog is writable after recovery. */
    cat_colspec add = ct_col("c", JET_coltypText, 0, 0);
    assert_jet_ok(ct_add_column(&e, "Committed", &add, NULL));
    ct_close(&e, 0);
    free(dir);
}

/* Trees of deleted tables and indexes are freed at the next attachment's
 * first DDL, not before. */
static void test_drop_sweep(void **state)
{
    (void)state;
    cat_env e;
    char *dir = tu_path(g_dir, "sweep");
    tu_rmtree(dir);
    ct_open(&e, dir, true);
    cat_colspec cols[] = { ct_col("a", JET_coltypLong, 0, 0) };
    cat_idxspec idx[] = { ct_idx("ia", CT_KEY("+a\0\0"), 0) };
    cat_tablespec ts = { .name = "D", .cols = cols, .ncols = 1, .idx = idx, .nidx = 1 };
    cat_table *t;
    assert_jet_ok(ct_create_table(&e, &ts, &t));
    uint32_t data = t->objid, lv = t->lv_objid, ia = t->idx[0].objid;
    cat_table_release(t);
    ts.name = "Keep";
    assert_jet_ok(ct_create_table(&e, &ts, &t));
    uint32_t keep = t->objid;
    cat_table_release(t);
    assert_jet_ok(ct_delete_table(&e, "D"));
    bt_tree *bt;
    assert_jet_ok(st_tree_open(e.d->store, data, &bt));   /* not yet */
    ct_close(&e, 0);

    ct_open(&e, dir, false);
    assert_jet_ok(st_tree_open(e.d->store, ia, &bt));
    cat_colspec add = ct_col("b", JET_coltypLong, 0, 0);
    assert_jet_ok(ct_add_column(&e, "Keep", &add, NULL));
    assert_jet(JET_errObjectNotFound, st_tree_open(e.d->store, data, &bt));
    assert_jet(JET_errObjectNotFound, st_tree_open(e.d->store, lv, &bt));
    assert_jet(JET_errObjectNotFound, st_tree_open(e.d->store, ia, &bt));
    assert_jet_ok(st_tree_open(e.d->store, keep, &bt));
    /* New trees never take a dropped tree's id. */
    ts.name = "New";
    assert_jet_ok(ct_create_table(&e, &ts, &t));
    assert_true(t->objid > ia && t->objid > keep);
    cat_table_release(t);
    ct_close(&e, 0);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_columns),
        cmocka_unit_test(test_versions),
        cmocka_unit_test(test_column_errors),
        cmocka_unit_test(test_create_table_errors),
        cmocka_unit_test(test_indexes),
        cmocka_unit_test(test_transactions),
        cmocka_unit_test(test_rename_default_list),
        cmocka_unit_test(test_restart),
        cmocka_unit_test(test_crash),
        cmocka_unit_test(test_drop_sweep),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
