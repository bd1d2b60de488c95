/*
 * test_isam_fast.c: the ISAM read fast paths must see exactly what the
 * slow ones would.  A cursor steps with its B-tree hint, keeps what it
 * landed on and reuses it for JetRetrieveColumn while nothing was written
 * to the tree; reads skip the version store's locks while no row of the
 * tree has versions; cursors refresh their schema from a catalog stamp.
 * Each test changes the data under a positioned cursor (other sessions,
 * other cursors of the same session, transactions and rollbacks, DDL) and
 * checks what the cursor then reads; the last one races readers against
 * writers whose changes are never committed.
 */
#include "isam_tu.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tu_env env;
static JET_COLUMNID cols[2];

static const tu_col tcols[] = {
    {"id", JET_coltypLong, 0, JET_bitColumnNotNULL, 0, NULL, 0},
    {"v", JET_coltypLong, 0, 0, 0, NULL, 0},
};
static const tu_idx tidx[] = {
    {"pk", "+id\0", sizeof "+id\0", JET_bitIndexPrimary, 0, NULL, 0},
    {"byv", "+v\0", sizeof "+v\0", 0, 0, NULL, 0},
};

/* Table t with rows id = 0, 2, 4, ... (n of them), v = id * 10. */
static JET_TABLEID make_table(int32_t n)
{
    JET_TABLEID t;
    tu_table(&env, "t", tcols, 2, tidx, 2, &t, cols);
    JET_SESID s = env.ses;
    assert_jet_ok(JetBeginTransaction(s));
    for (int32_t i = 0; i < n; i++) {
        assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
        tu_set_long(s, t, cols[0], 2 * i);
        tu_set_long(s, t, cols[1], 20 * i);
        assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
    }
    assert_jet_ok(JetCommitTransaction(s, 0));
    return t;
}

static void set_v(JET_SESID s, JET_TABLEID t, int32_t id, int32_t v)
{
    tu_seek_long(s, t, id, JET_bitSeekEQ, JET_errSuccess);
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepReplace));
    tu_set_long(s, t, cols[1], v);
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
}

/* A positioned cursor re-reads its record after other sessions' and its
 * own session's changes; a transaction keeps its snapshot. */
static void test_retrieve_after_changes(void **state)
{
    (void)state;
    tu_open(&env, "isam_fast1");
    JET_TABLEID t = make_table(20);
    JET_SESID s = env.ses, s2 = tu_session(&env);
    JET_TABLEID t2 = tu_open_table(&env, s2, "t", 0);
    JET_TABLEID o = tu_open_table(&env, s, "t", 0);    /* same session, other cursor */

    tu_seek_long(s, t, 10, JET_bitSeekEQ, JET_errSuccess);
    assert_int_equal(tu_get_long(s, t, cols[1]), 100);
    assert_int_equal(tu_get_long(s, t, cols[1]), 100);

    /* another session commits a change of the row under the cursor */
    set_v(s2, t2, 10, 101);
    assert_int_equal(tu_get_long(s, t, cols[1]), 101);

    /* another cursor of the same session */
    set_v(s, o, 10, 102);
    assert_int_equal(tu_get_long(s, t, cols[1]), 102);

    /* uncommitted elsewhere: invisible; committed after our snapshot:
     * invisible until our transaction ends */
    assert_jet_ok(JetBeginTransaction(s2));
    set_v(s2, t2, 10, 103);
    assert_int_equal(tu_get_long(s, t, cols[1]), 102);
    assert_jet_ok(JetBeginTransaction(s));
    assert_int_equal(tu_get_long(s, t, cols[1]), 102);
    assert_jet_ok(JetCommitTransaction(s2, 0));
    assert_int_equal(tu_get_long(s, t, cols[1]), 102);
    assert_jet_ok(JetMove(s, t, JET_MoveNext, 0));
    assert_jet_ok(JetMove(s, t, JET_MovePrevious, 0));
    assert_int_equal(tu_get_long(s, t, cols[0]), 10);
    assert_int_equal(tu_get_long(s, t, cols[1]), 102);
    assert_jet_ok(JetCommitTransaction(s, 0));
    assert_int_equal(tu_get_long(s, t, cols[1]), 103);

    /* own uncommitted change through another cursor, then rolled back */
    assert_jet_ok(JetBeginTransaction(s));
    set_v(s, o, 10, 104);
    assert_int_equal(tu_get_long(s, t, cols[1]), 104);
    assert_jet_ok(JetRollback(s, 0));
    assert_int_equal(tu_get_long(s, t, cols[1]), 103);

    /* the row deleted under the cursor (by another session) */
    tu_seek_long(s2, t2, 10, JET_bitSeekEQ, JET_errSuccess);
    assert_jet_ok(JetDelete(s2, t2));
    int32_t v;
    assert_jet(JET_errRecordDeleted, JetRetrieveColumn(s, t, cols[1], &v, 4, NULL, 0, NULL));
    assert_jet_ok(JetMove(s, t, JET_MoveNext, 0));
    assert_int_equal(tu_get_long(s, t, cols[0]), 12);

    /* the same through a secondary index */
    assert_jet_ok(JetSetCurrentIndexA(s, t, "byv"));
    tu_seek_long(s, t, 120, JET_bitSeekEQ, JET_errSuccess);
    assert_int_equal(tu_get_long(s, t, cols[0]), 12);
    set_v(s2, t2, 12, 121);       /* moves the row away in byv */
    assert_jet(JET_errRecordDeleted, JetRetrieveColumn(s, t, cols[1], &v, 4, NULL, 0, NULL));
    assert_jet_ok(JetMove(s, t, JET_MoveNext, 0));
    assert_int_equal(tu_get_long(s, t, cols[1]), 121);
    assert_jet_ok(JetMove(s, t, JET_MoveNext, 0));
    assert_int_equal(tu_get_long(s, t, cols[1]), 140);

    assert_jet_ok(JetCloseTable(s, o));
    assert_jet_ok(JetCloseTable(s2, t2));
    assert_jet_ok(JetEndSession(s2, 0));
    assert_jet_ok(JetCloseTable(s, t));
    tu_close(&env);
}

/* Moves step from the cursor's entry (hint) and must skip what the
 * transaction cannot see and see what its snapshot holds. */
static void test_moves_and_visibility(void **state)
{
    (void)state;
    tu_open(&env, "isam_fast2");
    JET_TABLEID t = make_table(10);               /* ids 0..18 even */
    JET_SESID s = env.ses, s2 = tu_session(&env);
    JET_TABLEID t2 = tu_open_table(&env, s2, "t", 0);

    tu_seek_long(s, t, 4, JET_bitSeekEQ, JET_errSuccess);
    /* an uncommitted insert right after the cursor: skipped */
    assert_jet_ok(JetBeginTransaction(s2));
    assert_jet_ok(JetPrepareUpdate(s2, t2, JET_prepInsert));
    tu_set_long(s2, t2, cols[0], 5);
    tu_set_long(s2, t2, cols[1], 50);
    assert_jet_ok(JetUpdate(s2, t2, NULL, 0, NULL));
    assert_jet_ok(JetMove(s, t, JET_MoveNext, 0));
    assert_int_equal(tu_get_long(s, t, cols[0]), 6);
    assert_jet_ok(JetMove(s, t, JET_MovePrevious, 0));
    assert_int_equal(tu_get_long(s, t, cols[0]), 4);
    assert_jet_ok(JetCommitTransaction(s2, 0));
    assert_jet_ok(JetMove(s, t, JET_MoveNext, 0));
    assert_int_equal(tu_get_long(s, t, cols[0]), 5);

    /* a snapshot keeps a row another session deletes */
    assert_jet_ok(JetBeginTransaction(s));
    tu_seek_long(s2, t2, 6, JET_bitSeekEQ, JET_errSuccess);
    assert_jet_ok(JetDelete(s2, t2));
    assert_jet_ok(JetMove(s, t, JET_MoveNext, 0));
    assert_int_equal(tu_get_long(s, t, cols[0]), 6);
    assert_int_equal(tu_get_long(s, t, cols[1]), 60);
    assert_jet_ok(JetCommitTransaction(s, 0));
    assert_jet(JET_errRecordDeleted, JetMove(s, t, 0, 0));
    assert_jet_ok(JetMove(s, t, JET_MoveNext, 0));
    assert_int_equal(tu_get_long(s, t, cols[0]), 8);
    assert_jet_ok(JetMove(s, t, JET_MovePrevious, 0));
    assert_int_equal(tu_get_long(s, t, cols[0]), 5);

    /* a full walk both ways after all that */
    int32_t expect[] = {0, 2, 4, 5, 8, 10, 12, 14, 16, 18};
    assert_jet_ok(JetMove(s, t, JET_MoveFirst, 0));
    for (size_t i = 0; i < 10; i++) {
        assert_int_equal(tu_get_long(s, t, cols[0]), expect[i]);
        assert_jet(i < 9 ? JET_errSuccess : JET_errNoCurrentRecord,
                   JetMove(s, t, JET_MoveNext, 0));
    }
    for (size_t i = 10; i-- > 0;) {
        assert_jet_ok(JetMove(s, t, JET_MovePrevious, 0));
        assert_int_equal(tu_get_long(s, t, cols[0]), expect[i]);
    }
    assert_jet(JET_errNoCurrentRecord, JetMove(s, t, JET_MovePrevious, 0));

    assert_jet_ok(JetCloseTable(s2, t2));
    assert_jet_ok(JetEndSession(s2, 0));
    assert_jet_ok(JetCloseTable(s, t));
    tu_close(&env);
}

/* Cursors notice DDL through their catalog stamp: a new column and a new
 * index reach an open cursor of another session. */
static void test_schema_refresh(void **state)
{
    (void)state;
    tu_open(&env, "isam_fast3");
    JET_TABLEID t = make_table(5);
    JET_SESID s = env.ses, s2 = tu_session(&env);
    JET_TABLEID t2 = tu_open_table(&env, s2, "t", 0);
    assert_jet_ok(JetSetCurrentIndexA(s2, t2, "byv"));
    assert_jet_ok(JetMove(s2, t2, JET_MoveFirst, 0));
    assert_int_equal(tu_get_long(s2, t2, cols[1]), 0);

    JET_COLUMNDEF def = {sizeof def, 0, JET_coltypLong, 0, 0, 0, 0, 0, 0};
    JET_COLUMNID cnew;
    int32_t dflt = 7, v = 0;
    assert_jet(JET_errColumnNotFound,
               JetRetrieveColumn(s2, t2, 999, &v, sizeof v, NULL, 0, NULL));
    assert_jet_ok(JetAddColumnA(s, t, "extra", &def, &dflt, sizeof dflt, &cnew));
    assert_jet_ok(JetMove(s2, t2, JET_MoveNext, 0));
    assert_jet_ok(JetRetrieveColumn(s2, t2, cnew, &v, sizeof v, NULL, 0, NULL));
    assert_int_equal(v, 7);
    assert_int_equal(tu_get_long(s2, t2, cols[1]), 20);

    /* an index made while the cursor is open (inside a transaction of
     * the DDL session: invisible to s2 until it commits) */
    assert_jet_ok(JetBeginTransaction(s));
    char key[] = "-v\0";
    JET_INDEXCREATE_A ic = {.cbStruct = sizeof ic, .szIndexName = "down", .szKey = key,
                            .cbKey = sizeof key, .ulDensity = 100};
    assert_jet_ok(JetCreateIndex2A(s, t, &ic, 1));
    assert_jet(JET_errIndexNotFound, JetSetCurrentIndexA(s2, t2, "down"));
    assert_jet_ok(JetCommitTransaction(s, 0));
    assert_jet_ok(JetSetCurrentIndexA(s2, t2, "down"));
    assert_jet_ok(JetMove(s2, t2, JET_MoveFirst, 0));
    assert_int_equal(tu_get_long(s2, t2, cols[1]), 80);
    assert_jet_ok(JetMove(s2, t2, JET_MoveNext, 0));
    assert_int_equal(tu_get_long(s2, t2, cols[1]), 60);

    assert_jet_ok(JetCloseTable(s2, t2));
    assert_jet_ok(JetEndSession(s2, 0));
    assert_jet_ok(JetCloseTable(s, t));
    tu_close(&env);
}

/* ---- readers racing writers that never commit ---------------------------------- */

#define RACE_ROWS 200
#ifndef RACE_READERS
#define RACE_READERS 3
#endif
#define RACE_ROUNDS 300
#define DIRTY (-1)

static atomic_int race_stop;

typedef struct racer {
    JET_SESID ses;
    JET_ERR err;
    int id;
    long checks;
} racer;

/* Writer: rows' v set to DIRTY (and some rows deleted, some inserted) in
 * transactions that are always rolled back, and committed changes that
 * keep v == id * 10 (a re-write of the same value: versions, no change). */
static void *race_writer(void *arg)
{
    racer *r = arg;
    JET_SESID s = r->ses;
    JET_TABLEID t;
    r->err = tu_try_open_table(&env, s, "t", 0, &t);
    uint32_t seed = 12345;
    for (int round = 0; round < RACE_ROUNDS && r->err >= 0; round++) {
        JET_ERR err = JetBeginTransaction(s);
        for (int k = 0; k < 5 && err >= 0; k++) {
            seed = seed * 1103515245u + 12345u;
            int32_t id = 2 * (int32_t)((seed >> 8) % RACE_ROWS);
            int32_t v = DIRTY;
            err = JetMakeKey(s, t, &id, 4, JET_bitNewKey);
            if (err >= 0)
                err = JetSeek(s, t, JET_bitSeekEQ);
            if (err >= 0 && k == 4) {
                err = JetDelete(s, t);
            } else if (err >= 0) {
                err = JetPrepareUpdate(s, t, JET_prepReplace);
                if (err >= 0)
                    err = JetSetColumn(s, t, cols[1], &v, 4, 0, NULL);
                if (err >= 0)
                    err = JetUpdate(s, t, NULL, 0, NULL);
            }
            if (err >= 0 && k == 3) {
                int32_t odd = id + 1;
                err = JetPrepareUpdate(s, t, JET_prepInsert);
                if (err >= 0)
                    err = JetSetColumn(s, t, cols[0], &odd, 4, 0, NULL);
                if (err >= 0)
                    err = JetSetColumn(s, t, cols[1], &v, 4, 0, NULL);
                if (err >= 0)
                    err = JetUpdate(s, t, NULL, 0, NULL);
            }
        }
        JET_ERR e2 = JetRollback(s, 0);
        if (err >= 0)
            err = e2;
        if (err >= 0 && round % 3 == 0) {
            /* a committed re-write of the same value */
            seed = seed * 1103515245u + 12345u;
            int32_t id = 2 * (int32_t)((seed >> 8) % RACE_ROWS), v = id * 10;
            err = JetBeginTransaction(s);
            if (err >= 0)
                err = JetMakeKey(s, t, &id, 4, JET_bitNewKey);
            if (err >= 0)
                err = JetSeek(s, t, JET_bitSeekEQ);
            if (err >= 0)
                err = JetPrepareUpdate(s, t, JET_prepReplace);
            if (err >= 0)
                err = JetSetColumn(s, t, cols[1], &v, 4, 0, NULL);
            if (err >= 0)
                err = JetUpdate(s, t, NULL, 0, NULL);
            if (err >= 0)
                err = JetCommitTransaction(s, 0);
            else
                (void)JetRollback(s, 0);
        }
        r->err = err;
    }
    atomic_store(&race_stop, 1);
    JetCloseTable(s, t);
    return NULL;
}

/* Reader: point lookups, scans and index walks, inside and outside
 * transactions; every row seen must be a committed one. */
static void *race_reader(void *arg)
{
    racer *r = arg;
    JET_SESID s = r->ses;
    JET_TABLEID t;
    r->err = tu_try_open_table(&env, s, "t", JET_bitTableReadOnly, &t);
    uint32_t seed = 777u * (uint32_t)(r->id + 1);
    while (r->err >= 0 && !atomic_load(&race_stop)) {
        seed = seed * 1103515245u + 12345u;
        bool txn = (seed >> 3) & 1;
        bool byv = ((seed >> 5) & 3) == 0;
        JET_ERR err = txn ? JetBeginTransaction(s) : JET_errSuccess;
        if (err >= 0)
            err = JetSetCurrentIndexA(s, t, byv ? "byv" : "pk");
        int32_t id = 2 * (int32_t)((seed >> 8) % RACE_ROWS), key = byv ? id * 10 : id;
        if (err >= 0)
            err = JetMakeKey(s, t, &key, 4, JET_bitNewKey);
        if (err >= 0)
            err = JetSeek(s, t, JET_bitSeekGE);
        if (err == JET_wrnSeekNotEqual || err == JET_errRecordNotFound)
            err = JET_errSuccess;
        for (int n = 0; n < 20 && err >= 0; n++) {
            int32_t got[2] = {0, 0}, again = 0;
            err = JetRetrieveColumn(s, t, cols[0], &got[0], 4, NULL, 0, NULL);
            if (err >= 0)
                err = JetRetrieveColumn(s, t, cols[1], &got[1], 4, NULL, 0, NULL);
            if (err >= 0)
                err = JetRetrieveColumn(s, t, cols[1], &again, 4, NULL, 0, NULL);
            if (err == JET_errNoCurrentRecord || err == JET_errRecordDeleted) {
                err = JET_errSuccess;  /* off the end, or (outside a transaction) gone */
                break;
            }
            if (err >= 0) {
                r->checks++;
                if (got[1] == DIRTY || (got[0] & 1) || got[1] != got[0] * 10) {
                    fprintf(stderr, "reader %d saw id %d v %d\n", r->id, got[0], got[1]);
                    err = JET_errInternalError;
                } else if (txn && again != got[1]) {
                    err = JET_errInternalError;   /* not repeatable in a snapshot */
                }
            }
            if (err >= 0) {
                err = JetMove(s, t, JET_MoveNext, 0);
                if (err == JET_errNoCurrentRecord) {
                    err = JET_errSuccess;
                    break;
                }
            }
        }
        if (txn) {
            JET_ERR e2 = JetCommitTransaction(s, 0);
            if (err >= 0)
                err = e2;
        }
        r->err = err;
    }
    JetCloseTable(s, t);
    return NULL;
}

static void test_readers_vs_uncommitted(void **state)
{
    (void)state;
    tu_open(&env, "isam_fast4");
    JET_TABLEID t = make_table(RACE_ROWS);
    assert_jet_ok(JetCloseTable(env.ses, t));
    atomic_store(&race_stop, 0);
    racer rs[RACE_READERS + 1];
    pthread_t th[RACE_READERS + 1];
    for (int i = 0; i <= RACE_READERS; i++) {
        rs[i] = (racer){.ses = tu_session(&env), .err = 0, .id = i, .checks = 0};
        assert_int_equal(pthread_create(&th[i], NULL, i == 0 ? race_writer : race_reader, &rs[i]),
                         0);
    }
    long checks = 0;
    for (int i = 0; i <= RACE_READERS; i++) {
        pthread_join(th[i], NULL);
        if (rs[i].err < 0)
            fail_msg("%s %d: %ld", i == 0 ? "writer" : "reader", i, (long)rs[i].err);
        checks += rs[i].checks;
        assert_jet_ok(JetEndSession(rs[i].ses, 0));
    }
    assert_true(RACE_READERS == 0 || checks > 0);
    /* nothing of the rolled-back work is left */
    t = tu_open_table(&env, env.ses, "t", 0);
    assert_int_equal(tu_count(env.ses, t), RACE_ROWS);
    assert_jet_ok(JetMove(env.ses, t, JET_MoveFirst, 0));
    for (int32_t i = 0; i < RACE_ROWS; i++) {
        assert_int_equal(tu_get_long(env.ses, t, cols[0]), 2 * i);
        assert_int_equal(tu_get_long(env.ses, t, cols[1]), 20 * i);
        assert_jet(i + 1 < RACE_ROWS ? JET_errSuccess : JET_errNoCurrentRecord,
                   JetMove(env.ses, t, JET_MoveNext, 0));
    }
    assert_jet_ok(JetCloseTable(env.ses, t));
    tu_close(&env);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_retrieve_after_changes),
        cmocka_unit_test(test_moves_and_visibility),
        cmocka_unit_test(test_schema_refresh),
        cmocka_unit_test(test_readers_vs_uncommitted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
