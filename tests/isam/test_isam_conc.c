/*
 * test_isam_conc.c: several sessions on several threads using one table
 * at once — inserts through autoincrement and implicit keys, a secondary
 * index, long values, readers scanning meanwhile, cursors opened and
 * closed concurrently.  Checks every row arrived exactly once.
 */
#include "isam_tu.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WRITERS 4
#define ROWS 80

static tu_env env;
static JET_COLUMNID ca[4], cs[2];

static const tu_col acols[] = {
    {"id", JET_coltypLong, 0, JET_bitColumnAutoincrement, 0, NULL, 0},
    {"writer", JET_coltypLong, 0, 0, 0, NULL, 0},
    {"n", JET_coltypLong, 0, 0, 0, NULL, 0},
    {"blob", JET_coltypLongBinary, 0, 0, 0, NULL, 0},
};
static const tu_idx aidx[] = {
    {"pk", "+id\0", sizeof "+id\0", JET_bitIndexPrimary, 0, NULL, 0},
    {"bywn", "+writer\0+n\0", sizeof "+writer\0+n\0", JET_bitIndexUnique, 0, NULL, 0},
};
static const tu_col scols[] = {
    {"writer", JET_coltypLong, 0, 0, 0, NULL, 0},
    {"n", JET_coltypLong, 0, 0, 0, NULL, 0},
};

typedef struct worker {
    int id;
    JET_SESID ses;
    JET_ERR err;
} worker;

static void *writer(void *arg)
{
    worker *w = arg;
    JET_SESID s = w->ses;
    JET_TABLEID a, q;
    w->err = tu_try_open_table(&env, s, "a", 0, &a);
    if (w->err < 0)
        return NULL;
    w->err = tu_try_open_table(&env, s, "s", 0, &q);
    if (w->err < 0)
        return NULL;
    uint8_t blob[3000];
    memset(blob, w->id, sizeof blob);
    for (int32_t n = 0; n < ROWS && w->err >= 0; n++) {
        JET_ERR err = JetPrepareUpdate(s, a, JET_prepInsert);
        if (err >= 0)
            err = JetSetColumn(s, a, ca[1], &w->id, 4, 0, NULL);
        if (err >= 0)
            err = JetSetColumn(s, a, ca[2], &n, 4, 0, NULL);
        if (err >= 0 && n % 10 == 0)
            err = JetSetColumn(s, a, ca[3], blob, sizeof blob, 0, NULL);
        if (err >= 0)
            err = JetUpdate(s, a, NULL, 0, NULL);
        if (err >= 0)
            err = JetPrepareUpdate(s, q, JET_prepInsert);
        if (err >= 0)
            err = JetSetColumn(s, q, cs[0], &w->id, 4, 0, NULL);
        if (err >= 0)
            err = JetSetColumn(s, q, cs[1], &n, 4, 0, NULL);
        if (err >= 0)
            err = JetUpdate(s, q, NULL, 0, NULL);
        /* a cursor that comes and goes */
        JET_TABLEID tmp;
        if (err >= 0 && n % 25 == 0 && (err = tu_try_open_table(&env, s, "a", 0, &tmp)) >= 0) {
            err = JetMove(s, tmp, JET_MoveLast, 0);
            if (err == JET_errNoCurrentRecord)
                err = JET_errSuccess;
            JET_ERR e2 = JetCloseTable(s, tmp);
            if (err >= 0)
                err = e2;
        }
        w->err = err;
    }
    JetCloseTable(s, q);
    JetCloseTable(s, a);
    return NULL;
}

static void *reader(void *arg)
{
    worker *w = arg;
    JET_SESID s = w->ses;
    JET_TABLEID a;
    w->err = tu_try_open_table(&env, s, "a", JET_bitTableReadOnly, &a);
    if (w->err < 0)
        return NULL;
    w->err = JetSetCurrentIndexA(s, a, "bywn");
    for (int pass = 0; pass < 10 && w->err >= 0; pass++) {
        JET_ERR err = JetMove(s, a, JET_MoveFirst, 0);
        int32_t prevw = -1, prevn = -1;
        while (err == JET_errSuccess) {
            int32_t wr = 0, n = 0;
            err = JetRetrieveColumn(s, a, ca[1], &wr, 4, NULL, 0, NULL);
            if (err >= 0)
                err = JetRetrieveColumn(s, a, ca[2], &n, 4, NULL, 0, NULL);
            if (err >= 0 && (wr < prevw || (wr == prevw && n <= prevn)))
                err = JET_errInternalError;    /* out of order */
            prevw = wr;
            prevn = n;
            if (err >= 0)
                err = JetMove(s, a, JET_MoveNext, 0);
        }
        w->err = err == JET_errNoCurrentRecord ? JET_errSuccess : err;
    }
    JetCloseTable(s, a);
    return NULL;
}

static void test_concurrent_inserts(void **state)
{
    (void)state;
    tu_open(&env, "isam_conc");
    JET_TABLEID a, q;
    tu_table(&env, "a", acols, 4, aidx, 2, &a, ca);
    tu_table(&env, "s", scols, 2, NULL, 0, &q, cs);
    worker w[WRITERS + 2];
    pthread_t th[WRITERS + 2];
    for (int i = 0; i < WRITERS + 2; i++) {
        w[i].id = i;
        w[i].ses = tu_session(&env);
        w[i].err = 0;
        assert_int_equal(pthread_create(&th[i], NULL, i < WRITERS ? writer : reader, &w[i]), 0);
    }
    for (int i = 0; i < WRITERS + 2; i++) {
        pthread_join(th[i], NULL);
        if (w[i].err < 0)
            fail_msg("worker %d: %ld", i, (long)w[i].err);
        assert_jet_ok(JetEndSession(w[i].ses, 0));
    }
    JET_SESID s = env.ses;
    assert_int_equal(tu_count(s, a), WRITERS * ROWS);
    assert_int_equal(tu_count(s, q), WRITERS * ROWS);
    /* ids are 1..N with none twice */
    assert_jet_ok(JetMove(s, a, JET_MoveLast, 0));
    assert_int_equal(tu_get_long(s, a, ca[0]), WRITERS * ROWS);
    /* every (writer, n) once */
    assert_jet_ok(JetSetCurrentIndexA(s, a, "bywn"));
    for (int32_t i = 0; i < WRITERS; i++) {
        int32_t n = ROWS - 1;
        assert_jet_ok(JetMakeKey(s, a, &i, 4, JET_bitNewKey));
        assert_jet_ok(JetMakeKey(s, a, &n, 4, 0));
        assert_jet_ok(JetSeek(s, a, JET_bitSeekEQ));
    }
    assert_jet_ok(JetCloseTable(s, q));
    assert_jet_ok(JetCloseTable(s, a));
    tu_close(&env);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_concurrent_inserts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
