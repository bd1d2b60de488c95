/*
 * test_isam_nulls.c: explicit NULL under a default, through esent.h.  A
 * column with a default reads the default while it was never set, and
 * NULL (JET_wrnColumnNull) once JetSetColumn set it to NULL — fixed,
 * variable, tagged, multi-valued and long-value columns alike — in
 * JetRetrieveColumn(s), JetEnumerateColumns and in index entries;
 * JET_bitSetRevertToDefaultValue brings the default back; replace and
 * JetPrepareUpdate(InsertCopy) keep explicit NULLs; NotNULL columns;
 * JetAddColumn with a default on a table with rows; everything survives
 * JetTerm / JetInit and passes the integrity check.
 */
#include "isam_tu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "inst/inst.h"
#include "isam/isam_check.h"

static tu_env env;

static int setup(void **state)
{
    (void)state;
    tu_open(&env, "isam_nulls");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_close(&env);
    return 0;
}

/* ---- the table ---------------------------------------------------------------- */

enum { K, FX, VR, TG, MV, LV, NN, PL, NCOLS };
static const int32_t d_fx = 42, d_mv = 7, d_nn = 5;
static const tu_col cols[NCOLS] = {
    {"k", JET_coltypLong, 0, 0, 0, NULL, 0},
    {"fx", JET_coltypLong, 0, 0, 0, &d_fx, 4},
    {"vr", JET_coltypText, 0, 0, 0, "dv", 2},
    {"tg", JET_coltypText, 0, JET_bitColumnTagged, 0, "td", 2},
    {"mv", JET_coltypLong, 0, JET_bitColumnTagged | JET_bitColumnMultiValued, 0, &d_mv, 4},
    {"lv", JET_coltypLongText, 0, 0, 0, "lvd", 3},
    {"nn", JET_coltypLong, 0, JET_bitColumnNotNULL, 0, &d_nn, 4},
    {"pl", JET_coltypLong, 0, 0, 0, NULL, 0},
};
static const tu_idx idx[] = {
    {"pk", "+k\0", sizeof "+k\0", JET_bitIndexPrimary, 0, NULL, 0},
    {"ifx", "+fx\0", sizeof "+fx\0", 0, 0, NULL, 0},
    {"ifxk", "+fx\0+k\0", sizeof "+fx\0+k\0", JET_bitIndexIgnoreAnyNull, 0, NULL, 0},
    {"ivr", "+vr\0", sizeof "+vr\0", 0, 0, NULL, 0},
    {"itg", "+tg\0", sizeof "+tg\0", 0, 0, NULL, 0},
    {"imv", "+mv\0", sizeof "+mv\0", 0, 0, NULL, 0},
    {"icond", "+k\0", sizeof "+k\0", 0, 0, "fx", JET_bitIndexColumnMustBeNonNull},
};
#define NIDX (sizeof idx / sizeof idx[0])
static JET_COLUMNID c[NCOLS];

static JET_TABLEID make_table(void)
{
    JET_TABLEID t;
    tu_table(&env, "nulls", cols, NCOLS, idx, NIDX, &t, c);
    return t;
}

static void seek_k(JET_SESID s, JET_TABLEID t, int32_t k)
{
    assert_jet_ok(JetSetCurrentIndexA(s, t, "pk"));
    tu_seek_long(s, t, k, JET_bitSeekEQ, JET_errSuccess);
}

/* Insert row k; set_nulls: set every defaulted column to NULL. */
static void insert_row(JET_SESID s, JET_TABLEID t, int32_t k, bool set_nulls)
{
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
    tu_set_long(s, t, c[K], k);
    if (set_nulls) {
        for (int i = FX; i <= LV; i++)
            assert_jet_ok(JetSetColumn(s, t, c[i], NULL, 0, 0, NULL));
        assert_jet_ok(JetSetColumn(s, t, c[PL], NULL, 0, 0, NULL));
    }
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
}

static void expect_null(JET_SESID s, JET_TABLEID t, JET_COLUMNID col, JET_GRBIT grbit)
{
    char buf[16];
    uint32_t actual = 99;
    assert_jet(JET_wrnColumnNull, JetRetrieveColumn(s, t, col, buf, sizeof buf, &actual, grbit,
                                                    NULL));
    assert_int_equal(actual, 0);
}

static void expect_long(JET_SESID s, JET_TABLEID t, JET_COLUMNID col, JET_GRBIT grbit,
                        int32_t want)
{
    int32_t v = 0;
    uint32_t actual = 0;
    assert_jet_ok(JetRetrieveColumn(s, t, col, &v, sizeof v, &actual, grbit, NULL));
    assert_int_equal(actual, 4);
    assert_int_equal(v, want);
}

static void expect_str(JET_SESID s, JET_TABLEID t, JET_COLUMNID col, JET_GRBIT grbit,
                       const char *want)
{
    char buf[32];
    uint32_t actual = 0;
    assert_jet_ok(JetRetrieveColumn(s, t, col, buf, sizeof buf, &actual, grbit, NULL));
    assert_int_equal(actual, strlen(want));
    assert_memory_equal(buf, want, actual);
}

/* Values of a column (JetRetrieveColumns with itagSequence 0). */
static uint32_t count_values(JET_SESID s, JET_TABLEID t, JET_COLUMNID col, JET_GRBIT grbit)
{
    JET_RETRIEVECOLUMN rc;
    memset(&rc, 0, sizeof rc);
    rc.columnid = col;
    rc.grbit = grbit;
    rc.itagSequence = 0;
    assert_jet_ok(JetRetrieveColumns(s, t, &rc, 1));
    return rc.itagSequence;
}

/* The k of every entry of index name, in index order; returns the count. */
static size_t walk(JET_SESID s, JET_TABLEID t, const char *name, int32_t *ks, size_t max)
{
    assert_jet_ok(JetSetCurrentIndexA(s, t, name));
    size_t n = 0;
    JET_ERR err = JetMove(s, t, JET_MoveFirst, 0);
    while (err == JET_errSuccess) {
        assert_true(n < max);
        int32_t k = 0;
        assert_jet_ok(JetRetrieveColumn(s, t, c[K], &k, 4, NULL, 0, NULL));
        ks[n++] = k;
        err = JetMove(s, t, JET_MoveNext, 0);
    }
    assert_jet(JET_errNoCurrentRecord, err);
    return n;
}

static void expect_walk(JET_SESID s, JET_TABLEID t, const char *name, const int32_t *want,
                        size_t n)
{
    int32_t got[32];
    size_t m = walk(s, t, name, got, 32);
    if (m != n) {
        char msg[200];
        size_t o = (size_t)snprintf(msg, sizeof msg, "index %s:", name);
        for (size_t i = 0; i < m && o < sizeof msg - 12; i++)
            o += (size_t)snprintf(msg + o, sizeof msg - o, " %d", got[i]);
        fail_msg("%s (want %zu entries)", msg, n);
    }
    for (size_t i = 0; i < n; i++)
        assert_int_equal(got[i], want[i]);
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
    assert_true(r.records > 0);
    isam_check_report_free(&r);
    db_unpin(d);
    sess_release(s);
}

/* JetTerm and JetInit again: a new instance over the same folder. */
static void restart(void)
{
    assert_jet_ok(JetEndSession(env.ses, 0));
    assert_jet_ok(JetTerm(env.inst));
    char folder[600];
    snprintf(folder, sizeof folder, "%s/", env.dir);
    assert_jet_ok(JetCreateInstanceA(&env.inst, "isam_nulls"));
    assert_jet_ok(JetSetSystemParameterA(&env.inst, 0, JET_paramSystemPath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(&env.inst, 0, JET_paramLogFilePath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(&env.inst, 0, JET_paramTempPath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(&env.inst, 0, JET_paramMaxSessions, 16, NULL));
    assert_jet_ok(JetInit(&env.inst));
    assert_jet_ok(JetBeginSessionA(env.inst, &env.ses, NULL, NULL));
    assert_jet_ok(JetAttachDatabaseA(env.ses, env.dbpath, 0));
    assert_jet_ok(JetOpenDatabaseA(env.ses, env.dbpath, NULL, &env.dbid, 0));
}

/* Row 1 never set (defaults), 2 set to NULL, 3 with values, 4 set to NULL
 * through JetSetColumns (pvData NULL, or cbData 0). */
static void fill(JET_SESID s, JET_TABLEID t)
{
    insert_row(s, t, 1, false);
    insert_row(s, t, 2, true);
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
    tu_set_long(s, t, c[K], 3);
    tu_set_long(s, t, c[FX], 10);
    tu_set_str(s, t, c[VR], "a");
    tu_set_str(s, t, c[TG], "b");
    JET_SETINFO si = {.cbStruct = sizeof si, .itagSequence = 0};
    for (int32_t v = 1; v <= 2; v++)
        assert_jet_ok(JetSetColumn(s, t, c[MV], &v, 4, 0, &si));
    tu_set_str(s, t, c[LV], "c");
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));

    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
    int32_t k = 4, any = 99;
    JET_SETCOLUMN sc[6];
    memset(sc, 0, sizeof sc);
    sc[0] = (JET_SETCOLUMN){.columnid = c[K], .pvData = &k, .cbData = 4, .itagSequence = 1};
    for (int i = 1; i < 6; i++) {
        sc[i].columnid = c[FX + i - 1];
        sc[i].itagSequence = 1;
        /* cbData 0 means NULL whatever pvData is */
        sc[i].pvData = i % 2 ? &any : NULL;
    }
    assert_jet_ok(JetSetColumns(s, t, sc, 6));
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
}

/* What fill() stored, seen through every reader. */
static void verify_fill(JET_SESID s, JET_TABLEID t)
{
    /* Row 1: the defaults. */
    seek_k(s, t, 1);
    expect_long(s, t, c[FX], 0, 42);
    expect_str(s, t, c[VR], 0, "dv");
    expect_str(s, t, c[TG], 0, "td");
    expect_long(s, t, c[MV], 0, 7);
    expect_str(s, t, c[LV], 0, "lvd");
    expect_long(s, t, c[NN], 0, 5);
    expect_null(s, t, c[PL], 0);
    assert_int_equal(count_values(s, t, c[MV], 0), 1);
    assert_int_equal(count_values(s, t, c[TG], 0), 1);
    /* JET_bitRetrieveIgnoreDefault: nothing stored */
    expect_null(s, t, c[FX], JET_bitRetrieveIgnoreDefault);
    expect_null(s, t, c[TG], JET_bitRetrieveIgnoreDefault);
    assert_int_equal(count_values(s, t, c[MV], JET_bitRetrieveIgnoreDefault), 0);

    /* Rows 2 and 4: explicit NULLs, whatever the grbits. */
    for (int32_t k = 2; k <= 4; k += 2) {
        seek_k(s, t, k);
        for (int i = FX; i <= LV; i++) {
            expect_null(s, t, c[i], 0);
            expect_null(s, t, c[i], JET_bitRetrieveIgnoreDefault);
            assert_int_equal(count_values(s, t, c[i], 0), 0);
        }
        expect_long(s, t, c[NN], 0, 5);
        expect_null(s, t, c[PL], 0);
        /* JetRetrieveColumns reports each NULL on its own */
        JET_RETRIEVECOLUMN rc[3];
        int32_t a = -1, b = -1;
        memset(rc, 0, sizeof rc);
        rc[0] = (JET_RETRIEVECOLUMN){.columnid = c[FX], .pvData = &a, .cbData = 4,
                                     .itagSequence = 1};
        rc[1] = (JET_RETRIEVECOLUMN){.columnid = c[NN], .pvData = &b, .cbData = 4,
                                     .itagSequence = 1};
        rc[2] = (JET_RETRIEVECOLUMN){.columnid = c[MV], .pvData = &a, .cbData = 4,
                                     .itagSequence = 1};
        assert_true(JetRetrieveColumns(s, t, rc, 3) >= 0);
        assert_jet(JET_wrnColumnNull, rc[0].err);
        assert_jet_ok(rc[1].err);
        assert_int_equal(b, 5);
        assert_jet(JET_wrnColumnNull, rc[2].err);
    }

    /* Row 3: the values. */
    seek_k(s, t, 3);
    expect_long(s, t, c[FX], 0, 10);
    expect_str(s, t, c[VR], 0, "a");
    expect_str(s, t, c[TG], 0, "b");
    assert_int_equal(count_values(s, t, c[MV], 0), 2);
    expect_str(s, t, c[LV], 0, "c");

    /* Index entries: a default is a value, an explicit NULL is NULL
     * (sorted first); IgnoreAnyNull and the NonNull condition leave the
     * NULL rows out. */
    static const int32_t nulls_first[] = {2, 4, 3, 1};
    expect_walk(s, t, "ifx", nulls_first, 4);
    expect_walk(s, t, "ivr", nulls_first, 4);
    expect_walk(s, t, "itg", nulls_first, 4);
    static const int32_t mv_order[] = {2, 4, 3, 3, 1};
    expect_walk(s, t, "imv", mv_order, 5);
    static const int32_t non_null[] = {3, 1};
    expect_walk(s, t, "ifxk", non_null, 2);
    static const int32_t cond[] = {1, 3};
    expect_walk(s, t, "icond", cond, 2);
    /* a seek on the default finds row 1 */
    assert_jet_ok(JetSetCurrentIndexA(s, t, "ifx"));
    tu_seek_long(s, t, 42, JET_bitSeekEQ, JET_errSuccess);
    expect_long(s, t, c[K], 0, 1);
    tu_seek_long(s, t, 43, JET_bitSeekEQ, JET_errRecordNotFound);
    assert_jet_ok(JetSetCurrentIndexA(s, t, "pk"));
}

/* ---- tests -------------------------------------------------------------------- */

static void test_retrieve_and_index(void **state)
{
    (void)state;
    JET_TABLEID t = make_table();
    JET_SESID s = env.ses;

    /* In the copy buffer: the default until set, NULL after. */
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
    expect_long(s, t, c[FX], JET_bitRetrieveCopy, 42);
    expect_str(s, t, c[TG], JET_bitRetrieveCopy, "td");
    assert_jet_ok(JetSetColumn(s, t, c[FX], NULL, 0, 0, NULL));
    assert_jet_ok(JetSetColumn(s, t, c[TG], NULL, 0, 0, NULL));
    expect_null(s, t, c[FX], JET_bitRetrieveCopy);
    expect_null(s, t, c[TG], JET_bitRetrieveCopy);
    /* setting NULL again changes nothing; a value replaces the NULL */
    assert_jet_ok(JetSetColumn(s, t, c[TG], NULL, 0, 0, NULL));
    expect_null(s, t, c[TG], JET_bitRetrieveCopy);
    tu_set_long(s, t, c[FX], 11);
    expect_long(s, t, c[FX], JET_bitRetrieveCopy, 11);
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepCancel));

    fill(s, t);
    verify_fill(s, t);
    check_clean();

    /* Survives JetTerm / JetInit. */
    assert_jet_ok(JetCloseTable(s, t));
    restart();
    s = env.ses;
    t = tu_open_table(&env, s, "nulls", 0);
    verify_fill(s, t);
    check_clean();
    assert_jet_ok(JetCloseTable(s, t));
}

static void test_enumerate(void **state)
{
    (void)state;
    JET_TABLEID t = make_table();
    JET_SESID s = env.ses;
    fill(s, t);
    uint32_t n;
    JET_ENUMCOLUMN *ec;

    /* Row 1: the defaults are listed unless ignored. */
    seek_k(s, t, 1);
    assert_jet_ok(JetEnumerateColumns(s, t, 0, NULL, &n, &ec, tu_realloc, NULL, 0, 0));
    assert_int_equal(n, 7);
    assert_int_equal(ec[1].columnid, c[FX]);
    assert_int_equal(ec[1].rgEnumColumnValue[0].cbData, 4);
    assert_memory_equal(ec[1].rgEnumColumnValue[0].pvData, &d_fx, 4);
    tu_free_enum(n, ec);
    assert_jet_ok(JetEnumerateColumns(s, t, 0, NULL, &n, &ec, tu_realloc, NULL, 0,
                                      JET_bitEnumerateIgnoreDefault));
    assert_int_equal(n, 1);
    assert_int_equal(ec[0].columnid, c[K]);
    tu_free_enum(n, ec);

    /* Row 2: explicit NULLs are not listed; asked for, they are NULL. */
    seek_k(s, t, 2);
    assert_jet_ok(JetEnumerateColumns(s, t, 0, NULL, &n, &ec, tu_realloc, NULL, 0, 0));
    assert_int_equal(n, 2);
    assert_int_equal(ec[0].columnid, c[K]);
    assert_int_equal(ec[1].columnid, c[NN]);
    tu_free_enum(n, ec);
    assert_jet_ok(JetEnumerateColumns(s, t, 0, NULL, &n, &ec, tu_realloc, NULL, 0,
                                      JET_bitEnumerateTaggedOnly));
    assert_int_equal(n, 0);
    tu_free_enum(n, ec);
    JET_ENUMCOLUMNID ids[3] = {{.columnid = c[FX]}, {.columnid = c[MV]}, {.columnid = c[NN]}};
    assert_jet_ok(JetEnumerateColumns(s, t, 3, ids, &n, &ec, tu_realloc, NULL, 0, 0));
    assert_int_equal(n, 3);
    assert_jet(JET_wrnColumnNull, ec[0].err);
    assert_jet(JET_wrnColumnNull, ec[1].err);
    assert_jet_ok(ec[2].err);
    tu_free_enum(n, ec);
    uint32_t tags[1] = {1};
    JET_ENUMCOLUMNID one = {.columnid = c[TG], .ctagSequence = 1, .rgtagSequence = tags};
    assert_jet_ok(JetEnumerateColumns(s, t, 1, &one, &n, &ec, tu_realloc, NULL, 0, 0));
    assert_int_equal(n, 1);
    assert_jet_ok(ec[0].err);
    assert_int_equal(ec[0].cEnumColumnValue, 1);
    assert_jet(JET_wrnColumnNull, ec[0].rgEnumColumnValue[0].err);
    tu_free_enum(n, ec);

    /* The copy buffer of a prepared update (JET_bitEnumerateCopy). */
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepReplace));
    tu_set_long(s, t, c[FX], 3);
    assert_jet_ok(JetEnumerateColumns(s, t, 0, NULL, &n, &ec, tu_realloc, NULL, 0,
                                      JET_bitEnumerateCopy));
    assert_int_equal(n, 3);
    assert_int_equal(ec[1].columnid, c[FX]);
    tu_free_enum(n, ec);
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepCancel));
    assert_jet_ok(JetCloseTable(s, t));
}

static void test_replace_revert_copy(void **state)
{
    (void)state;
    JET_TABLEID t = make_table();
    JET_SESID s = env.ses;
    fill(s, t);

    /* Replace: the default of row 1 becomes NULL, the index follows. */
    seek_k(s, t, 1);
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepReplace));
    for (int i = FX; i <= LV; i++)
        assert_jet_ok(JetSetColumn(s, t, c[i], NULL, 0, 0, NULL));
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
    seek_k(s, t, 1);
    for (int i = FX; i <= LV; i++)
        expect_null(s, t, c[i], 0);
    static const int32_t after_null[] = {1, 2, 4, 3};
    expect_walk(s, t, "ifx", after_null, 4);
    expect_walk(s, t, "itg", after_null, 4);
    static const int32_t mv_null[] = {1, 2, 4, 3, 3};
    expect_walk(s, t, "imv", mv_null, 5);

    /* JET_bitSetRevertToDefaultValue: the default shows again (fixed,
     * variable, tagged, long values); the index entries come back. */
    seek_k(s, t, 1);
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepReplace));
    for (int i = FX; i <= LV; i++)
        assert_jet_ok(JetSetColumn(s, t, c[i], NULL, 0, JET_bitSetRevertToDefaultValue, NULL));
    expect_long(s, t, c[FX], JET_bitRetrieveCopy, 42);
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
    seek_k(s, t, 1);
    expect_long(s, t, c[FX], 0, 42);
    expect_str(s, t, c[VR], 0, "dv");
    expect_str(s, t, c[TG], 0, "td");
    expect_long(s, t, c[MV], 0, 7);
    expect_str(s, t, c[LV], 0, "lvd");
    static const int32_t nulls_first[] = {2, 4, 3, 1};
    expect_walk(s, t, "ifx", nulls_first, 4);
    expect_walk(s, t, "itg", nulls_first, 4);
    /* Revert drops values too (row 3's): the defaults show. */
    seek_k(s, t, 3);
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepReplace));
    assert_jet_ok(JetSetColumn(s, t, c[MV], NULL, 0, JET_bitSetRevertToDefaultValue, NULL));
    assert_jet_ok(JetSetColumn(s, t, c[FX], NULL, 0, JET_bitSetRevertToDefaultValue, NULL));
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
    seek_k(s, t, 3);
    assert_int_equal(count_values(s, t, c[MV], 0), 1);
    expect_long(s, t, c[MV], 0, 7);
    expect_long(s, t, c[FX], 0, 42);
    expect_null(s, t, c[FX], JET_bitRetrieveIgnoreDefault);

    /* Multi-valued: deleting values one by one; the last one leaves the
     * column NULL, not at its default. */
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepReplace));
    JET_SETINFO si = {.cbStruct = sizeof si, .itagSequence = 0};
    for (int32_t v = 8; v <= 9; v++)
        assert_jet_ok(JetSetColumn(s, t, c[MV], &v, 4, 0, &si));
    assert_int_equal(count_values(s, t, c[MV], JET_bitRetrieveCopy), 2);
    assert_jet_ok(JetSetColumn(s, t, c[MV], NULL, 0, 0, NULL));        /* itag 1 */
    assert_int_equal(count_values(s, t, c[MV], JET_bitRetrieveCopy), 1);
    expect_long(s, t, c[MV], JET_bitRetrieveCopy, 9);
    assert_jet_ok(JetSetColumn(s, t, c[MV], NULL, 0, 0, NULL));
    assert_int_equal(count_values(s, t, c[MV], JET_bitRetrieveCopy), 0);
    expect_null(s, t, c[MV], JET_bitRetrieveCopy);
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
    seek_k(s, t, 3);
    expect_null(s, t, c[MV], 0);

    /* ESE's itag rule: NULL marks a column without values only at itag 1
     * (itag 0 or 2 leave the default). */
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
    tu_set_long(s, t, c[K], 5);
    si.itagSequence = 0;
    assert_jet_ok(JetSetColumn(s, t, c[MV], NULL, 0, 0, &si));
    si.itagSequence = 2;
    assert_jet_ok(JetSetColumn(s, t, c[TG], NULL, 0, 0, &si));
    assert_jet_ok(JetSetColumn(s, t, c[LV], NULL, 0, 0, &si));
    expect_long(s, t, c[MV], JET_bitRetrieveCopy, 7);
    expect_str(s, t, c[TG], JET_bitRetrieveCopy, "td");
    expect_str(s, t, c[LV], JET_bitRetrieveCopy, "lvd");
    /* zero-length values are values, not NULL */
    assert_jet_ok(JetSetColumn(s, t, c[VR], NULL, 0, JET_bitSetZeroLength, NULL));
    assert_jet_ok(JetSetColumn(s, t, c[LV], NULL, 0, JET_bitSetZeroLength, NULL));
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
    seek_k(s, t, 5);
    expect_long(s, t, c[MV], 0, 7);
    expect_str(s, t, c[VR], 0, "");
    expect_str(s, t, c[LV], 0, "");

    /* A long value resized to 0 (JET_bitSetSizeLV, cbData the size) is
     * NULL too. */
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepReplace));
    assert_jet_ok(JetSetColumn(s, t, c[LV], NULL, 0, JET_bitSetSizeLV, NULL));
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
    seek_k(s, t, 5);
    expect_null(s, t, c[LV], 0);

    /* InsertCopy keeps explicit NULLs (and the defaults of unset columns). */
    seek_k(s, t, 2);
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsertCopy));
    tu_set_long(s, t, c[K], 6);
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
    seek_k(s, t, 6);
    for (int i = FX; i <= LV; i++)
        expect_null(s, t, c[i], 0);
    expect_long(s, t, c[NN], 0, 5);
    seek_k(s, t, 1);
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsertCopy));
    tu_set_long(s, t, c[K], 7);
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
    seek_k(s, t, 7);
    expect_long(s, t, c[FX], 0, 42);
    expect_str(s, t, c[TG], 0, "td");
    static const int32_t ifx_order[] = {2, 4, 6, 1, 3, 5, 7};
    expect_walk(s, t, "ifx", ifx_order, 7);
    check_clean();
    assert_jet_ok(JetCloseTable(s, t));
}

static void test_not_null(void **state)
{
    (void)state;
    JET_TABLEID t = make_table();
    JET_SESID s = env.ses;
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
    tu_set_long(s, t, c[K], 1);
    /* NULL is refused at once (ESE), whatever itag or long-value op */
    assert_jet(JET_errNullInvalid, JetSetColumn(s, t, c[NN], NULL, 0, 0, NULL));
    int32_t v = 9;
    assert_jet(JET_errNullInvalid, JetSetColumn(s, t, c[NN], &v, 0, 0, NULL));
    /* never set: its default satisfies NotNULL */
    expect_long(s, t, c[NN], JET_bitRetrieveCopy, 5);
    tu_set_long(s, t, c[NN], 9);
    /* reverting brings the default back, which is not NULL */
    assert_jet_ok(JetSetColumn(s, t, c[NN], NULL, 0, JET_bitSetRevertToDefaultValue, NULL));
    expect_long(s, t, c[NN], JET_bitRetrieveCopy, 5);
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
    seek_k(s, t, 1);
    expect_long(s, t, c[NN], 0, 5);
    assert_jet_ok(JetCloseTable(s, t));

    /* A NotNULL column without a default reverted to "never set" is NULL:
     * JetUpdate refuses the record. */
    static const tu_col c2[] = {
        {"k", JET_coltypLong, 0, 0, 0, NULL, 0},
        {"must", JET_coltypLong, 0, JET_bitColumnNotNULL, 0, NULL, 0},
        {"mustt", JET_coltypText, 0, JET_bitColumnTagged | JET_bitColumnNotNULL, 0, "x", 1},
    };
    static const tu_idx i2[] = {{"pk", "+k\0", sizeof "+k\0", JET_bitIndexPrimary, 0, NULL, 0}};
    JET_COLUMNID id2[3];
    tu_table(&env, "nn2", c2, 3, i2, 1, &t, id2);
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
    tu_set_long(s, t, id2[0], 1);
    tu_set_long(s, t, id2[1], 1);
    assert_jet(JET_errNullInvalid, JetSetColumn(s, t, id2[2], NULL, 0, 0, NULL));
    assert_jet_ok(JetSetColumn(s, t, id2[1], NULL, 0, JET_bitSetRevertToDefaultValue, NULL));
    assert_jet(JET_errNullInvalid, JetUpdate(s, t, NULL, 0, NULL));
    tu_set_long(s, t, id2[1], 2);
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
    seek_k(s, t, 1);
    expect_str(s, t, id2[2], 0, "x");
    assert_jet_ok(JetCloseTable(s, t));
}

static void test_add_column(void **state)
{
    (void)state;
    JET_TABLEID t = make_table();
    JET_SESID s = env.ses;
    fill(s, t);

    /* Columns added with a default: the rows already there read it. */
    JET_COLUMNDEF def;
    memset(&def, 0, sizeof def);
    def.cbStruct = sizeof def;
    def.coltyp = JET_coltypLong;
    int32_t dflt = 77;
    JET_COLUMNID nf, nt;
    assert_jet_ok(JetAddColumnA(s, t, "newfx", &def, &dflt, sizeof dflt, &nf));
    def.coltyp = JET_coltypText;
    def.cp = 1252;
    def.grbit = JET_bitColumnTagged;
    assert_jet_ok(JetAddColumnA(s, t, "newtg", &def, "nt", 2, &nt));
    for (int32_t k = 1; k <= 4; k++) {
        seek_k(s, t, k);
        expect_long(s, t, nf, 0, 77);
        expect_str(s, t, nt, 0, "nt");
        expect_null(s, t, nf, JET_bitRetrieveIgnoreDefault);
    }
    /* and can be set to NULL */
    seek_k(s, t, 2);
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepReplace));
    assert_jet_ok(JetSetColumn(s, t, nf, NULL, 0, 0, NULL));
    assert_jet_ok(JetSetColumn(s, t, nt, NULL, 0, 0, NULL));
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
    /* an index on the new column sees default and NULL */
    JET_INDEXCREATE_A ic;
    memset(&ic, 0, sizeof ic);
    ic.cbStruct = sizeof ic;
    ic.szIndexName = "inf";
    ic.szKey = "+newfx\0";
    ic.cbKey = sizeof "+newfx\0";
    assert_jet_ok(JetCreateIndex2A(s, t, &ic, 1));
    static const int32_t order[] = {2, 1, 3, 4};
    expect_walk(s, t, "inf", order, 4);

    assert_jet_ok(JetCloseTable(s, t));
    restart();
    s = env.ses;
    t = tu_open_table(&env, s, "nulls", 0);
    seek_k(s, t, 2);
    expect_null(s, t, nf, 0);
    expect_null(s, t, nt, 0);
    seek_k(s, t, 3);
    expect_long(s, t, nf, 0, 77);
    expect_str(s, t, nt, 0, "nt");
    expect_walk(s, t, "inf", order, 4);
    verify_fill(s, t);
    check_clean();

    /* Deleting a column whose NULL some records mark leaves a clean
     * database. */
    assert_jet_ok(JetCloseTable(s, t));
    assert_jet_ok(JetOpenTableA(s, env.dbid, "nulls", NULL, 0, JET_bitTableDenyRead, &t));
    assert_jet_ok(JetDeleteIndexA(s, t, "inf"));
    assert_jet_ok(JetDeleteColumnA(s, t, "newfx"));
    assert_jet_ok(JetDeleteColumnA(s, t, "newtg"));
    assert_jet_ok(JetCloseTable(s, t));
    check_clean();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_retrieve_and_index, setup, teardown),
        cmocka_unit_test_setup_teardown(test_enumerate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_replace_revert_copy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_null, setup, teardown),
        cmocka_unit_test_setup_teardown(test_add_column, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
