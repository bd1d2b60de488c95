/*
 * test_isam_gaps.c: ESE behaviours of the ISAM layer that used to be
 * listed as differences, through esent.h —
 *   - JetRollback closes the cursors (tables, duplicates, temporary tables,
 *     JetCreateTable's cursor) its levels opened, cancels updates prepared
 *     there and gives up secondary indexes chosen there; commits hand such
 *     cursors to the parent level; cursors opened before stay open;
 *   - JetDeleteIndex → JET_errIndexInUse while a cursor (of any session,
 *     the caller's included) has the index as its current index;
 *   - JetSeek with a partial key on a non-unique index (ESE's comparison);
 *   - JetRetrieveColumn(s) with JET_bitRetrieveFromIndex,
 *     JET_bitRetrieveFromPrimaryBookmark, JET_bitRetrieveTag, and the
 *     columnid-0 scan with defaults / JET_bitRetrieveIgnoreDefault /
 *     JET_bitRetrieveNull;
 *   - JetComputeStats and the statistics JetGetTableInfo, JetGetObjectInfo
 *     and the index lists report;
 *   - JetAddColumn of an autoincrement column on a table with records.
 */
#include "isam_tu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "db/db.h"
#include "inst/inst.h"
#include "isam/isam_check.h"

static tu_env env;

static void put2(JET_SESID s, JET_TABLEID t, const JET_COLUMNID *c, int32_t a, int32_t b)
{
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
    tu_set_long(s, t, c[0], a);
    tu_set_long(s, t, c[1], b);
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
}

static void current_index(JET_SESID s, JET_TABLEID t, const char *expect)
{
    char name[JET_cbNameMost + 1];
    assert_jet_ok(JetGetCurrentIndexA(s, t, name, sizeof name));
    assert_string_equal(name, expect);
}

/* ---- JetRollback closes what its levels opened --------------------------------------- */

static const tu_col kv_cols[] = {
    {"k", JET_coltypLong, 0, 0, 0, NULL, 0},
    {"v", JET_coltypLong, 0, 0, 0, NULL, 0},
};
static const tu_idx kv_idx[] = {
    {"pk", "+k\0", sizeof "+k\0", JET_bitIndexPrimary, 0, NULL, 0},
    {"byv", "+v\0", sizeof "+v\0", 0, 0, NULL, 0},
};

static void test_rollback_closes_cursors(void **state)
{
    (void)state;
    JET_SESID s = env.ses;
    JET_TABLEID t0;
    JET_COLUMNID c[2];
    tu_table(&env, "rb", kv_cols, 2, kv_idx, 2, &t0, c);
    put2(s, t0, c, 1, 10);

    /* cursors of every kind opened inside the transaction */
    assert_jet_ok(JetBeginTransaction(s));
    JET_TABLEID t1 = tu_open_table(&env, s, "rb", 0);
    JET_TABLEID dup;
    assert_jet_ok(JetDupCursor(s, t0, &dup, 0));
    JET_COLUMNDEF cd = { sizeof cd, 0, JET_coltypLong, 0, 0, 0, 0, 0, JET_bitColumnTTKey };
    JET_COLUMNID tc;
    JET_TABLEID tmp;
    assert_jet_ok(JetOpenTempTable(s, &cd, 1, 0, &tmp, &tc));
    assert_jet_ok(JetMove(s, t1, JET_MoveFirst, 0));
    assert_jet_ok(JetRollback(s, 0));
    assert_jet(JET_errInvalidTableId, JetMove(s, t1, JET_MoveFirst, 0));
    assert_jet(JET_errInvalidTableId, JetMove(s, dup, JET_MoveFirst, 0));
    assert_jet(JET_errInvalidTableId, JetMove(s, tmp, JET_MoveFirst, 0));
    assert_jet(JET_errInvalidTableId, JetCloseTable(s, t1));
    /* the cursor opened before the transaction is untouched */
    assert_jet_ok(JetMove(s, t0, JET_MoveFirst, 0));
    assert_int_equal(tu_get_long(s, t0, c[1]), 10);

    /* nested levels: a commit hands the cursor to the parent level */
    assert_jet_ok(JetBeginTransaction(s));
    assert_jet_ok(JetBeginTransaction(s));
    JET_TABLEID ta = tu_open_table(&env, s, "rb", 0);
    assert_jet_ok(JetCommitTransaction(s, 0));       /* ta now belongs to level 1 */
    assert_jet_ok(JetBeginTransaction(s));
    JET_TABLEID tb = tu_open_table(&env, s, "rb", 0);
    assert_jet_ok(JetRollback(s, 0));                /* level 2 → 1: tb only */
    assert_jet(JET_errInvalidTableId, JetMove(s, tb, JET_MoveFirst, 0));
    assert_jet_ok(JetMove(s, ta, JET_MoveFirst, 0));
    assert_jet_ok(JetRollback(s, 0));                /* level 1 → 0: ta too */
    assert_jet(JET_errInvalidTableId, JetMove(s, ta, JET_MoveFirst, 0));

    /* JET_bitRollbackAll ends every level */
    assert_jet_ok(JetBeginTransaction(s));
    ta = tu_open_table(&env, s, "rb", 0);
    assert_jet_ok(JetBeginTransaction(s));
    tb = tu_open_table(&env, s, "rb", 0);
    assert_jet_ok(JetRollback(s, JET_bitRollbackAll));
    assert_jet(JET_errInvalidTableId, JetMove(s, ta, JET_MoveFirst, 0));
    assert_jet(JET_errInvalidTableId, JetMove(s, tb, JET_MoveFirst, 0));

    /* committed to level 0: the cursor stays through later rollbacks */
    assert_jet_ok(JetBeginTransaction(s));
    ta = tu_open_table(&env, s, "rb", 0);
    assert_jet_ok(JetCommitTransaction(s, 0));
    assert_jet_ok(JetBeginTransaction(s));
    assert_jet_ok(JetRollback(s, 0));
    assert_jet_ok(JetMove(s, ta, JET_MoveFirst, 0));
    assert_jet_ok(JetCloseTable(s, ta));

    /* another session's rollback leaves this session's cursors alone */
    JET_SESID s2 = tu_session(&env);
    assert_jet_ok(JetBeginTransaction(s));
    ta = tu_open_table(&env, s, "rb", 0);
    assert_jet_ok(JetBeginTransaction(s2));
    assert_jet_ok(JetRollback(s2, 0));
    assert_jet_ok(JetMove(s, ta, JET_MoveFirst, 0));
    assert_jet_ok(JetCommitTransaction(s, 0));
    assert_jet_ok(JetCloseTable(s, ta));
    assert_jet_ok(JetEndSession(s2, 0));
    assert_jet_ok(JetCloseTable(s, t0));
}

static void test_rollback_ddl_cursor(void **state)
{
    (void)state;
    JET_SESID s = env.ses;
    /* JetCreateTable in a transaction that rolls back: table and cursor go */
    JET_TABLEID t;
    assert_jet_ok(JetBeginTransaction(s));
    assert_jet_ok(JetCreateTableA(s, env.dbid, "made", 0, 0, &t));
    assert_jet_ok(JetRollback(s, 0));
    assert_jet(JET_errInvalidTableId, JetCloseTable(s, t));
    JET_TABLEID o;
    assert_jet(JET_errObjectNotFound, tu_try_open_table(&env, s, "made", 0, &o));

    /* created outside a transaction: the cursor survives a later rollback
     * (it belongs to level 0, not to the DDL's own transaction) */
    assert_jet_ok(JetCreateTableA(s, env.dbid, "made", 0, 0, &t));
    assert_jet_ok(JetBeginTransaction(s));
    assert_jet_ok(JetRollback(s, 0));
    JET_COLUMNDEF cd = { sizeof cd, 0, JET_coltypLong, 0, 0, 0, 0, 0, 0 };
    JET_COLUMNID col;
    assert_jet_ok(JetAddColumnA(s, t, "x", &cd, NULL, 0, &col));
    assert_jet_ok(JetCloseTable(s, t));

    /* created in a committed inner level, rolled back with the outer one */
    assert_jet_ok(JetBeginTransaction(s));
    assert_jet_ok(JetBeginTransaction(s));
    assert_jet_ok(JetCreateTableA(s, env.dbid, "made2", 0, 0, &t));
    assert_jet_ok(JetCommitTransaction(s, 0));
    assert_jet(JET_errNoCurrentRecord, JetMove(s, t, JET_MoveFirst, 0));
    assert_jet_ok(JetRollback(s, 0));
    assert_jet(JET_errInvalidTableId, JetCloseTable(s, t));
}

static void test_rollback_update_and_index(void **state)
{
    (void)state;
    JET_SESID s = env.ses;
    JET_TABLEID t;
    JET_COLUMNID c[2];
    tu_table(&env, "ru", kv_cols, 2, kv_idx, 2, &t, c);
    put2(s, t, c, 1, 10);

    /* an update prepared in a rolled-back level is cancelled */
    assert_jet_ok(JetBeginTransaction(s));
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
    tu_set_long(s, t, c[0], 2);
    assert_jet_ok(JetRollback(s, 0));
    assert_jet(JET_errUpdateNotPrepared, JetUpdate(s, t, NULL, 0, NULL));

    /* one prepared before the transaction is not */
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
    tu_set_long(s, t, c[0], 3);
    tu_set_long(s, t, c[1], 30);
    assert_jet_ok(JetBeginTransaction(s));
    assert_jet_ok(JetRollback(s, 0));
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
    assert_int_equal(tu_count(s, t), 2);

    /* prepared in an inner level that committed: cancelled by the outer rollback */
    assert_jet_ok(JetBeginTransaction(s));
    assert_jet_ok(JetBeginTransaction(s));
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
    assert_jet_ok(JetCommitTransaction(s, 0));
    assert_jet_ok(JetRollback(s, 0));
    assert_jet(JET_errUpdateNotPrepared, JetUpdate(s, t, NULL, 0, NULL));

    /* a secondary index chosen in a rolled-back level is given up */
    assert_jet_ok(JetBeginTransaction(s));
    assert_jet_ok(JetSetCurrentIndexA(s, t, "byv"));
    current_index(s, t, "byv");
    assert_jet_ok(JetRollback(s, 0));
    current_index(s, t, "pk");
    /* ... one chosen before the transaction stays */
    assert_jet_ok(JetSetCurrentIndexA(s, t, "byv"));
    assert_jet_ok(JetBeginTransaction(s));
    assert_jet_ok(JetRollback(s, 0));
    current_index(s, t, "byv");
    assert_jet_ok(JetCloseTable(s, t));
}

/* ---- JET_errIndexInUse ----------------------------------------------------------------- */

static void test_index_in_use(void **state)
{
    (void)state;
    JET_SESID s = env.ses;
    JET_TABLEID t;
    JET_COLUMNID c[2];
    tu_table(&env, "iu", kv_cols, 2, kv_idx, 2, &t, c);
    put2(s, t, c, 1, 10);
    static const tu_idx other = {"byv2", "-v\0", sizeof "-v\0", 0, 0, NULL, 0};
    assert_jet_ok(tu_add_index(&env, "iu", &other));

    /* the caller's own cursor */
    assert_jet_ok(JetSetCurrentIndexA(s, t, "byv"));
    assert_jet(JET_errIndexInUse, JetDeleteIndexA(s, t, "byv"));
    assert_int_equal(tu_count(s, t), 1);                  /* nothing changed */

    /* another session's cursor */
    JET_SESID s2 = tu_session(&env);
    JET_TABLEID t2 = tu_open_table(&env, s2, "iu", 0);
    assert_jet_ok(JetSetCurrentIndexA(s2, t2, "byv2"));
    assert_jet(JET_errIndexInUse, JetDeleteIndexA(s, t, "byv2"));
    /* the other errors come first, as in ESE */
    assert_jet(JET_errIndexNotFound, JetDeleteIndexA(s, t, "nope"));
    assert_jet(JET_errIndexMustStay, JetDeleteIndexA(s, t, "pk"));
    /* once no cursor has it as its current index, it goes */
    assert_jet_ok(JetSetCurrentIndexA(s2, t2, NULL));
    assert_jet_ok(JetDeleteIndexA(s, t, "byv2"));
    assert_jet_ok(JetSetCurrentIndexA(s, t, "pk"));
    assert_jet_ok(JetDeleteIndexA(s, t, "byv"));
    assert_jet(JET_errIndexNotFound, JetSetCurrentIndexA(s, t, "byv"));
    /* a closed cursor no longer counts */
    assert_jet_ok(JetCloseTable(s2, t2));
    assert_jet_ok(tu_add_index(&env, "iu", &other));
    t2 = tu_open_table(&env, s2, "iu", 0);
    assert_jet_ok(JetSetCurrentIndexA(s2, t2, "byv2"));
    assert_jet(JET_errIndexInUse, JetDeleteIndexA(s, t, "byv2"));
    assert_jet_ok(JetCloseTable(s2, t2));
    assert_jet_ok(JetDeleteIndexA(s, t, "byv2"));
    assert_jet_ok(JetEndSession(s2, 0));
    assert_jet_ok(JetCloseTable(s, t));
}

/* ---- JetSeek with a partial key ---------------------------------------------------------- */

static const tu_idx ab_idx[] = {
    {"pk", "+id\0", sizeof "+id\0", JET_bitIndexPrimary, 0, NULL, 0},
    {"ab", "+a\0+b\0", sizeof "+a\0+b\0", 0, 0, NULL, 0},
};
static const tu_col ab_cols[] = {
    {"a", JET_coltypLong, 0, 0, 0, NULL, 0},
    {"b", JET_coltypLong, 0, 0, 0, NULL, 0},
    {"id", JET_coltypLong, 0, 0, 0, NULL, 0},
};

static void at(JET_SESID s, JET_TABLEID t, const JET_COLUMNID *c, int32_t a, int32_t b)
{
    assert_int_equal(tu_get_long(s, t, c[0]), a);
    assert_int_equal(tu_get_long(s, t, c[1]), b);
}

static JET_ERR seek_a(JET_SESID s, JET_TABLEID t, int32_t a, JET_GRBIT limit, JET_GRBIT op)
{
    assert_jet_ok(JetMakeKey(s, t, &a, sizeof a, JET_bitNewKey | limit));
    return JetSeek(s, t, op);
}

static void test_seek_partial_key(void **state)
{
    (void)state;
    JET_SESID s = env.ses;
    JET_TABLEID t;
    JET_COLUMNID c[3];
    tu_table(&env, "sk", ab_cols, 3, ab_idx, 2, &t, c);
    static const int32_t rows[][2] = { {1, 1}, {1, 2}, {1, 2}, {2, 1}, {2, 2}, {3, 1} };
    for (int32_t i = 0; i < 6; i++) {
        assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
        tu_set_long(s, t, c[0], rows[i][0]);
        tu_set_long(s, t, c[1], rows[i][1]);
        tu_set_long(s, t, c[2], i);
        assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
    }
    assert_jet_ok(JetSetCurrentIndexA(s, t, "ab"));

    /* A partial key sorts before every key it begins: SeekGT lands on the
     * first entry with that prefix (ESE compares exactly), SeekGE too but
     * with JET_wrnSeekNotEqual, SeekEQ finds nothing. */
    assert_jet_ok(seek_a(s, t, 1, 0, JET_bitSeekGT));
    at(s, t, c, 1, 1);
    assert_jet(JET_wrnSeekNotEqual, seek_a(s, t, 2, 0, JET_bitSeekGE));
    at(s, t, c, 2, 1);
    assert_jet(JET_errRecordNotFound, seek_a(s, t, 2, 0, JET_bitSeekEQ));
    /* ... SeekLT and SeekLE land before the prefix */
    assert_jet_ok(seek_a(s, t, 2, 0, JET_bitSeekLT));
    at(s, t, c, 1, 2);
    assert_jet(JET_wrnSeekNotEqual, seek_a(s, t, 2, 0, JET_bitSeekLE));
    at(s, t, c, 1, 2);
    assert_jet(JET_errRecordNotFound, seek_a(s, t, 1, 0, JET_bitSeekLT));

    /* With an end limit the key sorts after its prefix: GT skips it all. */
    assert_jet_ok(seek_a(s, t, 1, JET_bitFullColumnEndLimit, JET_bitSeekGT));
    at(s, t, c, 2, 1);
    assert_jet(JET_errRecordNotFound, seek_a(s, t, 3, JET_bitFullColumnEndLimit, JET_bitSeekGT));
    /* ... and LT with a start limit lands before it */
    assert_jet_ok(seek_a(s, t, 2, JET_bitFullColumnStartLimit, JET_bitSeekLT));
    at(s, t, c, 1, 2);

    /* A complete key: GT skips every entry of that key (duplicates too). */
    int32_t a = 1, b = 2;
    assert_jet_ok(JetMakeKey(s, t, &a, 4, JET_bitNewKey));
    assert_jet_ok(JetMakeKey(s, t, &b, 4, 0));
    assert_jet_ok(JetSeek(s, t, JET_bitSeekGT));
    at(s, t, c, 2, 1);
    assert_jet_ok(JetMakeKey(s, t, &a, 4, JET_bitNewKey));
    assert_jet_ok(JetMakeKey(s, t, &b, 4, 0));
    assert_jet_ok(JetSeek(s, t, JET_bitSeekLT));
    at(s, t, c, 1, 1);
    assert_jet_ok(JetCloseTable(s, t));
}

/* ---- RetrieveFromIndex / FromPrimaryBookmark / RetrieveTag -------------------------------- */

static const tu_col rf_cols[] = {
    {"id", JET_coltypLong, 0, 0, 0, NULL, 0},
    {"name", JET_coltypText, 64, 0, 0, NULL, 0},
    {"tags", JET_coltypText, 64, JET_bitColumnTagged | JET_bitColumnMultiValued, 0, NULL, 0},
    {"n", JET_coltypLong, 0, 0, 0, NULL, 0},
    {"other", JET_coltypLong, 0, 0, 0, NULL, 0},
};
static const tu_idx rf_idx[] = {
    {"pk", "+id\0", sizeof "+id\0", JET_bitIndexPrimary, 0, NULL, 0},
    {"byname", "+name\0", sizeof "+name\0", 0, 0, NULL, 0},
    {"bytag", "+tags\0", sizeof "+tags\0", 0, 0, NULL, 0},
    {"byn", "+n\0", sizeof "+n\0", 0, 0, NULL, 0},
};

static JET_ERR get_text(JET_SESID s, JET_TABLEID t, JET_COLUMNID c, JET_GRBIT grbit,
                        JET_RETINFO *ri, char *buf, size_t cb)
{
    uint32_t actual = 0;
    JET_ERR err = JetRetrieveColumn(s, t, c, buf, (uint32_t)cb - 1, &actual, grbit, ri);
    buf[actual < cb - 1 ? actual : cb - 1] = '\0';
    return err;
}

static void test_retrieve_from_index(void **state)
{
    (void)state;
    JET_SESID s = env.ses;
    JET_TABLEID t;
    JET_COLUMNID c[5];
    tu_table(&env, "rf", rf_cols, 5, rf_idx, 4, &t, c);
    /* id 1: tags "red", "blue", "green"; id 2: "amber" */
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
    tu_set_long(s, t, c[0], 1);
    tu_set_str(s, t, c[1], "Hello World");
    static const char *tags[] = { "red", "blue", "green" };
    for (int i = 0; i < 3; i++) {
        JET_SETINFO si = { sizeof si, 0, 0 };
        assert_jet_ok(JetSetColumn(s, t, c[2], tags[i], (uint32_t)strlen(tags[i]), 0, &si));
    }
    tu_set_long(s, t, c[3], 7);
    tu_set_long(s, t, c[4], 70);
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
    tu_set_long(s, t, c[0], 2);
    tu_set_str(s, t, c[1], "zed");
    tu_set_str(s, t, c[2], "amber");
    tu_set_long(s, t, c[3], 8);
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));

    char buf[64];
    JET_RETINFO ri = { sizeof ri, 0, 1, 0 };

    /* On the multi-valued index every entry gives back its own value, and
     * RetrieveTag tells which one it is. */
    assert_jet_ok(JetSetCurrentIndexA(s, t, "bytag"));
    static const char *order[] = { "amber", "blue", "green", "red" };
    static const uint32_t itags[] = { 1, 2, 3, 1 };
    assert_jet_ok(JetMove(s, t, JET_MoveFirst, 0));
    for (int i = 0; i < 4; i++) {
        ri.itagSequence = 1;
        assert_jet_ok(get_text(s, t, c[2], JET_bitRetrieveFromIndex | JET_bitRetrieveTag, &ri,
                               buf, sizeof buf));
        assert_string_equal(buf, order[i]);
        assert_int_equal(ri.itagSequence, itags[i]);
        /* without RetrieveTag the itagSequence given is not touched */
        ri.itagSequence = 1;
        assert_jet_ok(get_text(s, t, c[2], JET_bitRetrieveFromIndex, &ri, buf, sizeof buf));
        assert_string_equal(buf, order[i]);
        assert_int_equal(ri.itagSequence, 1);
        if (i < 3)
            assert_jet_ok(JetMove(s, t, JET_MoveNext, 0));
    }
    /* ... and the record itself still says value 1 */
    assert_jet_ok(tu_get_str(s, t, c[2], buf, sizeof buf));
    assert_string_equal(buf, "red");
    /* a column the index does not have */
    assert_jet(JET_errColumnNotFound,
               JetRetrieveColumn(s, t, c[3], buf, 4, NULL, JET_bitRetrieveFromIndex, NULL));
    /* the primary key behind the entry */
    int32_t v = 0;
    assert_jet_ok(JetRetrieveColumn(s, t, c[0], &v, 4, NULL,
                                    JET_bitRetrieveFromPrimaryBookmark, NULL));
    assert_int_equal(v, 1);
    assert_jet(JET_errColumnNotFound,
               JetRetrieveColumn(s, t, c[3], &v, 4, NULL,
                                 JET_bitRetrieveFromPrimaryBookmark, NULL));
    /* columnid 0 and the two sources together are refused */
    assert_jet(JET_errBadColumnId,
               JetRetrieveColumn(s, t, 0, buf, 4, NULL, JET_bitRetrieveFromIndex, NULL));
    assert_jet(JET_errInvalidGrbit,
               JetRetrieveColumn(s, t, c[0], &v, 4, NULL,
                                 JET_bitRetrieveFromIndex | JET_bitRetrieveFromPrimaryBookmark,
                                 NULL));

    /* JetRetrieveColumns: the same, itagSequence comes back in the array */
    JET_RETRIEVECOLUMN rc[2];
    char b0[16], b1[16];
    memset(rc, 0, sizeof rc);
    assert_jet_ok(JetMove(s, t, JET_MoveLast, 0));      /* "red", value 1 */
    assert_jet_ok(JetMove(s, t, JET_MovePrevious, 0));  /* "green", value 3 */
    rc[0].columnid = c[2];
    rc[0].pvData = b0;
    rc[0].cbData = sizeof b0;
    rc[0].grbit = JET_bitRetrieveFromIndex | JET_bitRetrieveTag;
    rc[0].itagSequence = 1;
    rc[1].columnid = c[0];
    rc[1].pvData = b1;
    rc[1].cbData = sizeof b1;
    rc[1].grbit = JET_bitRetrieveFromPrimaryBookmark;
    rc[1].itagSequence = 1;
    assert_jet_ok(JetRetrieveColumns(s, t, rc, 2));
    assert_jet_ok(rc[0].err);
    assert_int_equal(rc[0].cbActual, 5);
    assert_memory_equal(b0, "green", 5);
    assert_int_equal(rc[0].itagSequence, 3);
    assert_int_equal(rc[1].cbActual, 4);
    memcpy(&v, b1, 4);
    assert_int_equal(v, 1);

    /* A text key cannot be turned back into the value: the record gives it
     * (case kept) */
    assert_jet_ok(JetSetCurrentIndexA(s, t, "byname"));
    assert_jet_ok(JetMove(s, t, JET_MoveFirst, 0));
    assert_jet_ok(get_text(s, t, c[1], JET_bitRetrieveFromIndex, NULL, buf, sizeof buf));
    assert_string_equal(buf, "Hello World");
    assert_jet(JET_errColumnNotFound,
               JetRetrieveColumn(s, t, c[2], buf, 4, NULL, JET_bitRetrieveFromIndex, NULL));

    /* On the primary index: its key columns only */
    assert_jet_ok(JetSetCurrentIndexA(s, t, NULL));
    assert_jet_ok(JetMove(s, t, JET_MoveLast, 0));
    assert_jet_ok(JetRetrieveColumn(s, t, c[0], &v, 4, NULL, JET_bitRetrieveFromIndex, NULL));
    assert_int_equal(v, 2);
    assert_jet(JET_errColumnNotFound,
               JetRetrieveColumn(s, t, c[3], &v, 4, NULL, JET_bitRetrieveFromIndex, NULL));
    /* a fixed column of a secondary index */
    assert_jet_ok(JetSetCurrentIndexA(s, t, "byn"));
    assert_jet_ok(JetMove(s, t, JET_MoveFirst, 0));
    assert_jet_ok(JetRetrieveColumn(s, t, c[3], &v, 4, NULL, JET_bitRetrieveFromIndex, NULL));
    assert_int_equal(v, 7);
    /* not on a record */
    assert_jet_ok(JetMove(s, t, JET_MoveLast, 0));
    assert_jet(JET_errNoCurrentRecord, JetMove(s, t, JET_MoveNext, 0));
    assert_jet(JET_errNoCurrentRecord,
               JetRetrieveColumn(s, t, c[3], &v, 4, NULL, JET_bitRetrieveFromIndex, NULL));
    assert_jet_ok(JetCloseTable(s, t));

    /* A table without a primary index reads the record for any column. */
    JET_TABLEID q;
    assert_jet_ok(JetCreateTableA(s, env.dbid, "seq", 0, 0, &q));
    JET_COLUMNDEF cd = { sizeof cd, 0, JET_coltypLong, 0, 0, 0, 0, 0, 0 };
    JET_COLUMNID qc;
    assert_jet_ok(JetAddColumnA(s, q, "x", &cd, NULL, 0, &qc));
    assert_jet_ok(JetPrepareUpdate(s, q, JET_prepInsert));
    tu_set_long(s, q, qc, 42);
    assert_jet_ok(JetUpdate(s, q, NULL, 0, NULL));
    assert_jet_ok(JetMove(s, q, JET_MoveFirst, 0));
    v = 0;
    assert_jet_ok(JetRetrieveColumn(s, q, qc, &v, 4, NULL, JET_bitRetrieveFromIndex, NULL));
    assert_int_equal(v, 42);
    assert_jet_ok(JetCloseTable(s, q));
}

/* columnid 0: defaults count (unless ignored), in column id order. */
static void test_scan_with_defaults(void **state)
{
    (void)state;
    JET_SESID s = env.ses;
    static const tu_col cols[] = {
        {"id", JET_coltypLong, 0, 0, 0, NULL, 0},
        {"d", JET_coltypText, 16, JET_bitColumnTagged, 0, "dflt", 4},
        {"m", JET_coltypText, 16, JET_bitColumnTagged | JET_bitColumnMultiValued, 0, NULL, 0},
    };
    static const tu_idx idx[] = {
        {"pk", "+id\0", sizeof "+id\0", JET_bitIndexPrimary, 0, NULL, 0},
    };
    JET_TABLEID t;
    JET_COLUMNID c[3];
    tu_table(&env, "sd", cols, 3, idx, 1, &t, c);
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
    tu_set_long(s, t, c[0], 1);
    JET_SETINFO si = { sizeof si, 0, 0 };
    assert_jet_ok(JetSetColumn(s, t, c[2], "x", 1, 0, &si));
    assert_jet_ok(JetSetColumn(s, t, c[2], "y", 1, 0, &si));
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
    assert_jet_ok(JetMove(s, t, JET_MoveFirst, 0));

    char buf[16];
    static const struct {
        JET_GRBIT grbit;
        uint32_t itag;
        const char *val;
        int col;
        uint32_t outtag;
    } want[] = {
        { 0, 1, "dflt", 1, 1 },
        { 0, 2, "x", 2, 1 },
        { 0, 3, "y", 2, 2 },
        { JET_bitRetrieveNull, 1, "dflt", 1, 1 },   /* nothing is explicitly NULL yet */
        { JET_bitRetrieveIgnoreDefault, 1, "x", 2, 1 },
        { JET_bitRetrieveIgnoreDefault, 2, "y", 2, 2 },
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        JET_RETINFO ri = { sizeof ri, 0, want[i].itag, 0 };
        assert_jet_ok(get_text(s, t, 0, want[i].grbit, &ri, buf, sizeof buf));
        assert_string_equal(buf, want[i].val);
        assert_int_equal(ri.columnidNextTagged, c[want[i].col]);
        assert_int_equal(ri.itagSequence, want[i].outtag);
    }
    JET_RETINFO ri = { sizeof ri, 0, 4, 0 };
    assert_jet(JET_wrnColumnNull, get_text(s, t, 0, 0, &ri, buf, sizeof buf));
    ri.itagSequence = 3;
    assert_jet(JET_wrnColumnNull,
               get_text(s, t, 0, JET_bitRetrieveIgnoreDefault, &ri, buf, sizeof buf));

    /* Set to NULL over its default: skipped by the scan, unless
     * JET_bitRetrieveNull asks for it (JET_wrnColumnSetNull, no data). */
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepReplace));
    assert_jet_ok(JetSetColumn(s, t, c[1], NULL, 0, 0, NULL));
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
    ri.itagSequence = 1;
    assert_jet_ok(get_text(s, t, 0, 0, &ri, buf, sizeof buf));
    assert_string_equal(buf, "x");
    assert_int_equal(ri.columnidNextTagged, c[2]);
    uint32_t actual = 99;
    ri.itagSequence = 1;
    assert_jet(JET_wrnColumnSetNull,
               JetRetrieveColumn(s, t, 0, buf, sizeof buf, &actual, JET_bitRetrieveNull, &ri));
    assert_int_equal(actual, 0);
    assert_int_equal(ri.columnidNextTagged, c[1]);
    assert_int_equal(ri.itagSequence, 1);
    ri.itagSequence = 2;
    assert_jet_ok(get_text(s, t, 0, JET_bitRetrieveNull, &ri, buf, sizeof buf));
    assert_string_equal(buf, "x");
    assert_jet_ok(JetCloseTable(s, t));
}

/* ---- statistics ---------------------------------------------------------------------------- */

static JET_OBJECTINFO table_info(JET_SESID s, JET_TABLEID t)
{
    JET_OBJECTINFO oi;
    memset(&oi, 0xCC, sizeof oi);
    assert_jet_ok(JetGetTableInfoA(s, t, &oi, sizeof oi, JET_TblInfo));
    return oi;
}

static JET_OBJECTINFO object_info(JET_SESID s, const char *name, uint32_t level)
{
    JET_OBJECTINFO oi;
    memset(&oi, 0xCC, sizeof oi);
    assert_jet_ok(JetGetObjectInfoA(s, env.dbid, JET_objtypTable, NULL, name, &oi, sizeof oi,
                                    level));
    return oi;
}

/* cKey / cEntry / cPage of index `name` in JetGetTableIndexInfo's list. */
static void index_stats(JET_SESID s, JET_TABLEID t, const char *name, uint32_t *keys,
                        uint32_t *entries, uint32_t *pages)
{
    JET_INDEXLIST il;
    assert_jet_ok(JetGetTableIndexInfoA(s, t, name, &il, sizeof il, JET_IdxInfoList));
    assert_true(il.cRecord >= 1);
    assert_jet_ok(JetMove(s, il.tableid, JET_MoveFirst, 0));
    assert_jet_ok(JetRetrieveColumn(s, il.tableid, il.columnidcKey, keys, 4, NULL, 0, NULL));
    assert_jet_ok(JetRetrieveColumn(s, il.tableid, il.columnidcEntry, entries, 4, NULL, 0,
                                    NULL));
    assert_jet_ok(JetRetrieveColumn(s, il.tableid, il.columnidcPage, pages, 4, NULL, 0, NULL));
    assert_jet_ok(JetCloseTable(s, il.tableid));
}

/* cRecord / cPage of table `name` in JetGetObjectInfo's list. */
static void list_stats(JET_SESID s, const char *name, uint32_t level, uint32_t *rec,
                       uint32_t *pages)
{
    JET_OBJECTLIST ol;
    assert_jet_ok(JetGetObjectInfoA(s, env.dbid, JET_objtypTable, NULL, NULL, &ol, sizeof ol,
                                    level));
    bool found = false;
    JET_ERR err = JetMove(s, ol.tableid, JET_MoveFirst, 0);
    while (err == JET_errSuccess && !found) {
        char nm[JET_cbNameMost + 1];
        uint32_t n = 0;
        assert_jet_ok(JetRetrieveColumn(s, ol.tableid, ol.columnidobjectname, nm,
                                        JET_cbNameMost, &n, 0, NULL));
        nm[n] = '\0';
        if (strcmp(nm, name) == 0) {
            found = true;
            assert_jet_ok(JetRetrieveColumn(s, ol.tableid, ol.columnidcRecord, rec, 4, NULL, 0,
                                            NULL));
            assert_jet_ok(JetRetrieveColumn(s, ol.tableid, ol.columnidcPage, pages, 4, NULL, 0,
                                            NULL));
        }
        err = JetMove(s, ol.tableid, JET_MoveNext, 0);
    }
    assert_true(found);
    assert_jet_ok(JetCloseTable(s, ol.tableid));
}

static void test_compute_stats(void **state)
{
    (void)state;
    JET_SESID s = env.ses;
    JET_TABLEID t;
    JET_COLUMNID c[2];
    tu_table(&env, "st", kv_cols, 2, kv_idx, 2, &t, c);
    for (int32_t i = 0; i < 300; i++)
        put2(s, t, c, i, i % 10);   /* byv: 300 entries, 10 keys */

    /* never computed: ESE reports zeros */
    JET_OBJECTINFO oi = table_info(s, t);
    assert_int_equal(oi.cRecord, 0);
    assert_int_equal(oi.cPage, 0);
    assert_int_equal(oi.objtyp, JET_objtypTable);

    assert_jet_ok(JetComputeStats(s, t));
    oi = table_info(s, t);
    assert_int_equal(oi.cRecord, 300);
    assert_true(oi.cPage >= 1);
    uint32_t pages = oi.cPage;
    oi = object_info(s, "st", JET_ObjInfo);
    assert_int_equal(oi.cRecord, 300);
    assert_int_equal(oi.cPage, pages);
    oi = object_info(s, "st", JET_ObjInfoNoStats);
    assert_int_equal(oi.cRecord, 0);
    assert_int_equal(oi.cPage, 0);
    uint32_t rec = 0, pg = 0;
    list_stats(s, "st", JET_ObjInfoList, &rec, &pg);
    assert_int_equal(rec, 300);
    assert_int_equal(pg, pages);
    list_stats(s, "st", JET_ObjInfoListNoStats, &rec, &pg);
    assert_int_equal(rec, 0);
    assert_int_equal(pg, 0);
    uint32_t keys, entries, ipages;
    index_stats(s, t, "byv", &keys, &entries, &ipages);
    assert_int_equal(keys, 10);
    assert_int_equal(entries, 300);
    assert_true(ipages >= 1);
    index_stats(s, t, "pk", &keys, &entries, &ipages);
    assert_int_equal(keys, 300);
    assert_int_equal(entries, 300);
    assert_int_equal(ipages, pages);

    /* the figures are those of the last computation */
    for (int32_t i = 300; i < 350; i++)
        put2(s, t, c, i, 99);
    assert_int_equal(table_info(s, t).cRecord, 300);
    /* a computation rolled back leaves the earlier figures */
    assert_jet_ok(JetBeginTransaction(s));
    assert_jet_ok(JetComputeStats(s, t));
    assert_int_equal(table_info(s, t).cRecord, 350);
    assert_jet_ok(JetRollback(s, 0));
    assert_int_equal(table_info(s, t).cRecord, 300);
    assert_jet_ok(JetComputeStats(s, t));
    assert_int_equal(table_info(s, t).cRecord, 350);
    index_stats(s, t, "byv", &keys, &entries, &ipages);
    assert_int_equal(keys, 11);
    assert_int_equal(entries, 350);

    /* another session reads the committed figures */
    JET_SESID s2 = tu_session(&env);
    JET_TABLEID t2 = tu_open_table(&env, s2, "st", JET_bitTableReadOnly);
    assert_int_equal(table_info(s2, t2).cRecord, 350);
    /* a read-only cursor may compute them too (ESE) */
    assert_jet_ok(JetComputeStats(s2, t2));
    assert_jet_ok(JetCloseTable(s2, t2));
    assert_jet_ok(JetEndSession(s2, 0));

    /* errors */
    assert_jet(JET_errInvalidTableId, JetComputeStats(s, (JET_TABLEID)0x12345));
    JET_COLUMNDEF cd = { sizeof cd, 0, JET_coltypLong, 0, 0, 0, 0, 0, JET_bitColumnTTKey };
    JET_COLUMNID tc;
    JET_TABLEID tmp;
    assert_jet_ok(JetOpenTempTable(s, &cd, 1, 0, &tmp, &tc));
    assert_jet(JET_errIllegalOperation, JetComputeStats(s, tmp));
    assert_jet_ok(JetCloseTable(s, tmp));

    /* the statistics rows are catalog rows the integrity check accepts,
     * and they go with their index and table */
    assert_jet_ok(JetSetCurrentIndexA(s, t, NULL));
    assert_jet_ok(JetDeleteIndexA(s, t, "byv"));
    assert_jet_ok(JetCloseTable(s, t));
    sess *in;
    db *d;
    assert_jet_ok(sess_acquire(s, &in));
    assert_jet_ok(db_pin_opened(in, env.dbid, &d));
    isam_ck_report r;
    assert_jet_ok(isam_check_database(in, d, NULL, &r));
    assert_int_equal(r.corrupt, 0);
    isam_check_report_free(&r);
    db_unpin(d);
    sess_release(in);
    assert_jet_ok(JetDeleteTableA(s, env.dbid, "st"));
    assert_jet_ok(sess_acquire(s, &in));
    assert_jet_ok(db_pin_opened(in, env.dbid, &d));
    assert_jet_ok(isam_check_database(in, d, NULL, &r));
    assert_int_equal(r.corrupt, 0);
    isam_check_report_free(&r);
    db_unpin(d);
    sess_release(in);
}

/* ---- autoincrement column added to a table with records ----------------------------------- */

static int32_t get_autoinc(JET_SESID s, JET_TABLEID t, JET_COLUMNID col)
{
    int32_t v = -1;
    uint32_t n = 0;
    assert_jet_ok(JetRetrieveColumn(s, t, col, &v, 4, &n, 0, NULL));
    assert_int_equal(n, 4);
    return v;
}

static void test_add_autoinc(void **state)
{
    (void)state;
    JET_SESID s = env.ses;
    JET_TABLEID t;
    JET_COLUMNID c[2];
    tu_table(&env, "ai", kv_cols, 2, kv_idx, 2, &t, c);
    put2(s, t, c, 30, 1);
    put2(s, t, c, 10, 3);
    put2(s, t, c, 20, 2);

    JET_COLUMNDEF cd = { sizeof cd, 0, JET_coltypLong, 0, 0, 0, 0, 0,
                         JET_bitColumnAutoincrement };
    JET_COLUMNID ai;
    /* the table must be held exclusively (ESE) */
    assert_jet(JET_errExclusiveTableLockRequired, JetAddColumnA(s, t, "ai", &cd, NULL, 0, &ai));
    assert_jet_ok(JetCloseTable(s, t));
    t = tu_open_table(&env, s, "ai", JET_bitTableDenyRead);

    /* rolled back: the column and the numbers go */
    assert_jet_ok(JetBeginTransaction(s));
    assert_jet_ok(JetAddColumnA(s, t, "ai", &cd, NULL, 0, &ai));
    assert_jet_ok(JetMove(s, t, JET_MoveFirst, 0));
    assert_int_equal(get_autoinc(s, t, ai), 1);
    assert_jet_ok(JetRollback(s, 0));
    assert_jet(JET_errColumnNotFound,
               JetRetrieveColumn(s, t, ai, NULL, 0, NULL, 0, NULL));

    /* the records are numbered in the order of the cursor's current index */
    assert_jet_ok(JetSetCurrentIndexA(s, t, "byv"));
    assert_jet_ok(JetAddColumnA(s, t, "ai", &cd, NULL, 0, &ai));
    /* ESE walked the cursor past the last record */
    assert_jet(JET_errNoCurrentRecord, JetMove(s, t, JET_MoveNext, 0));
    assert_jet_ok(JetSetCurrentIndexA(s, t, "pk"));
    static const int32_t want[][2] = { {10, 3}, {20, 2}, {30, 1} };   /* byv: 1,2,3 → k 30,20,10 */
    assert_jet_ok(JetMove(s, t, JET_MoveFirst, 0));
    for (int i = 0; i < 3; i++) {
        assert_int_equal(tu_get_long(s, t, c[0]), want[i][0]);
        assert_int_equal(get_autoinc(s, t, ai), want[i][1]);
        if (i < 2)
            assert_jet_ok(JetMove(s, t, JET_MoveNext, 0));
    }
    /* the next record continues after them */
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
    tu_set_long(s, t, c[0], 40);
    tu_set_long(s, t, c[1], 4);
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
    tu_seek_long(s, t, 40, JET_bitSeekEQ, JET_errSuccess);
    assert_int_equal(get_autoinc(s, t, ai), 4);
    assert_jet_ok(JetCloseTable(s, t));

    /* a Currency autoincrement, primary-key order, on a fresh table */
    JET_TABLEID u;
    JET_COLUMNID uc[2];
    tu_table(&env, "ai2", kv_cols, 2, kv_idx, 2, &u, uc);
    put2(s, u, uc, 2, 0);
    put2(s, u, uc, 1, 0);
    assert_jet_ok(JetCloseTable(s, u));
    u = tu_open_table(&env, s, "ai2", JET_bitTableDenyRead);
    JET_COLUMNDEF cc = { sizeof cc, 0, JET_coltypCurrency, 0, 0, 0, 0, 0,
                         JET_bitColumnAutoincrement };
    JET_COLUMNID ac;
    assert_jet_ok(JetAddColumnA(s, u, "ac", &cc, NULL, 0, &ac));
    int64_t w = 0;
    tu_seek_long(s, u, 1, JET_bitSeekEQ, JET_errSuccess);
    assert_jet_ok(JetRetrieveColumn(s, u, ac, &w, 8, NULL, 0, NULL));
    assert_int_equal(w, 1);
    tu_seek_long(s, u, 2, JET_bitSeekEQ, JET_errSuccess);
    assert_jet_ok(JetRetrieveColumn(s, u, ac, &w, 8, NULL, 0, NULL));
    assert_int_equal(w, 2);
    assert_jet_ok(JetCloseTable(s, u));

    /* an empty table: the first record gets 1 */
    JET_TABLEID e;
    assert_jet_ok(JetCreateTableA(s, env.dbid, "ai3", 0, 0, &e));
    JET_COLUMNDEF xd = { sizeof xd, 0, JET_coltypLong, 0, 0, 0, 0, 0, 0 };
    JET_COLUMNID x, ea;
    assert_jet_ok(JetAddColumnA(s, e, "x", &xd, NULL, 0, &x));
    assert_jet_ok(JetAddColumnA(s, e, "ea", &cd, NULL, 0, &ea));
    assert_jet_ok(JetPrepareUpdate(s, e, JET_prepInsert));
    tu_set_long(s, e, x, 5);
    assert_jet_ok(JetUpdate(s, e, NULL, 0, NULL));
    assert_jet_ok(JetMove(s, e, JET_MoveFirst, 0));
    assert_int_equal(get_autoinc(s, e, ea), 1);
    assert_jet_ok(JetCloseTable(s, e));
}

static int setup(void **state)
{
    (void)state;
    tu_open(&env, "isam_gaps");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_close(&env);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_rollback_closes_cursors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rollback_ddl_cursor, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rollback_update_and_index, setup, teardown),
        cmocka_unit_test_setup_teardown(test_index_in_use, setup, teardown),
        cmocka_unit_test_setup_teardown(test_seek_partial_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_retrieve_from_index, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scan_with_defaults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compute_stats, setup, teardown),
        cmocka_unit_test_setup_teardown(test_add_autoinc, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
