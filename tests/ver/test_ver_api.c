/*
 * test_ver_api.c: the Jet* transaction functions as an application calls
 * them — argument and state errors, levels, commit options and commit
 * ids, thread ownership, and what JetEndSession / JetTerm do with open
 * transactions.
 */
#include "ver_util.h"

#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include "log/log.h"
#include "txn/ver_int.h"

static char *g_dir;
static ver_env g_env;

static int setup(void **state)
{
    (void)state;
    g_dir = tu_mkdtemp("verapi");
    ve_open(&g_env, g_dir, true, 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ve_close(&g_env, 0);
    tu_rmtree(g_dir);
    free(g_dir);
    return 0;
}

static void test_arguments(void **state)
{
    (void)state;
    JET_SESID ses = g_env.ses[0];
    assert_jet(JET_errInvalidSesid, JetBeginTransaction(0));
    assert_jet(JET_errInvalidSesid, JetBeginTransaction(JET_sesidNil));
    assert_jet(JET_errInvalidSesid, JetBeginTransaction2(12345, 0));
    assert_jet(JET_errInvalidSesid, JetCommitTransaction(0, 0));
    assert_jet(JET_errInvalidSesid, JetRollback(0, 0));
    assert_jet(JET_errInvalidSesid, JetCommitTransaction2(0, 0, 0, NULL));
    assert_jet(JET_errInvalidSesid, JetBeginTransaction3(0, 1, 0));

    assert_jet(JET_errInvalidGrbit, JetBeginTransaction2(ses, 0x2));
    assert_jet(JET_errInvalidGrbit, JetBeginTransaction3(ses, 7, 0x100));
    assert_int_equal(vtx_level(g_env.s[0]), 0);
    assert_jet(JET_errNotInTransaction, JetCommitTransaction(ses, 0));
    assert_jet(JET_errNotInTransaction, JetCommitTransaction(ses, JET_bitCommitLazyFlush));
    assert_jet(JET_errNotInTransaction, JetRollback(ses, 0));
    assert_jet(JET_errNotInTransaction, JetRollback(ses, JET_bitRollbackAll));
    assert_jet(JET_errInvalidGrbit, JetCommitTransaction(ses, 0x4));
    assert_jet(JET_errInvalidGrbit, JetCommitTransaction(ses, 0x40));
    assert_jet(JET_errInvalidGrbit,
               JetCommitTransaction(ses, JET_bitWaitLastLevel0Commit | JET_bitCommitLazyFlush));
    assert_jet(JET_errInvalidGrbit,
               JetCommitTransaction(ses, JET_bitWaitAllLevel0Commit | JET_bitForceNewLog));
    assert_jet(JET_errInvalidGrbit, JetRollback(ses, 0x2));
    /* The wait forms work outside a transaction. */
    assert_jet_ok(JetCommitTransaction(ses, JET_bitWaitLastLevel0Commit));
    assert_jet_ok(JetCommitTransaction(ses, JET_bitWaitAllLevel0Commit));

    assert_jet_ok(JetBeginTransaction(ses));
    assert_jet(JET_errInvalidGrbit, JetRollback(ses, 0x4));
    assert_jet(JET_errInvalidGrbit, JetCommitTransaction(ses, 0x40));
    assert_int_equal(vtx_level(g_env.s[0]), 1);   /* nothing changed */
    assert_jet_ok(JetCommitTransaction(ses, 0));
    assert_int_equal(vtx_level(g_env.s[0]), 0);
}

static void test_levels(void **state)
{
    (void)state;
    JET_SESID ses = g_env.ses[0];
    assert_jet_ok(JetBeginTransaction(ses));
    assert_jet_ok(JetBeginTransaction2(ses, 0));
    assert_jet_ok(JetBeginTransaction3(ses, 42, 0));
    for (int i = 3; i < 7; i++)
        assert_jet_ok(JetBeginTransaction(ses));
    assert_int_equal(vtx_level(g_env.s[0]), 7);
    assert_jet(JET_errTransTooDeep, JetBeginTransaction(ses));
    assert_jet(JET_errTransTooDeep, JetBeginTransaction2(ses, JET_bitTransactionReadOnly));
    assert_jet_ok(JetCommitTransaction(ses, JET_bitCommitLazyFlush));   /* ignored inside */
    assert_jet_ok(JetRollback(ses, 0));
    assert_int_equal(vtx_level(g_env.s[0]), 5);
    assert_jet_ok(JetRollback(ses, JET_bitRollbackAll));
    assert_int_equal(vtx_level(g_env.s[0]), 0);
    assert_jet(JET_errNotInTransaction, JetRollback(ses, JET_bitRollbackAll));

    /* Changes made under the API's transactions follow the levels. */
    assert_jet_ok(JetBeginTransaction(ses));
    assert_jet_ok(ve_ins(vtx_current(g_env.s[0]), g_env.t, "l1", "x"));
    assert_jet_ok(JetBeginTransaction(ses));
    assert_jet_ok(ve_ins(vtx_current(g_env.s[0]), g_env.t, "l2", "y"));
    assert_jet_ok(JetRollback(ses, 0));
    assert_jet_ok(JetCommitTransaction(ses, 0));
    ve_expect(NULL, g_env.t, "l1", "x");
    ve_expect(NULL, g_env.t, "l2", NULL);

    /* A read-only transaction reads but cannot write. */
    assert_jet_ok(JetBeginTransaction2(ses, JET_bitTransactionReadOnly));
    ve_expect(vtx_current(g_env.s[0]), g_env.t, "l1", "x");
    assert_jet(JET_errTransReadOnly, ve_ins(vtx_current(g_env.s[0]), g_env.t, "l3", "z"));
    assert_jet_ok(JetBeginTransaction(ses));   /* nested: still read-only */
    assert_jet(JET_errTransReadOnly, ve_rep(vtx_current(g_env.s[0]), g_env.t, "l1", "z"));
    assert_jet_ok(JetRollback(ses, JET_bitRollbackAll));
}

static void test_commit_options(void **state)
{
    (void)state;
    JET_SESID ses = g_env.ses[0];
    struct log *log = g_env.e.log;
    JET_COMMIT_ID id;

    /* A read-only commit logs nothing. */
    assert_jet_ok(JetBeginTransaction(ses));
    memset(&id, 0xff, sizeof id);
    assert_jet_ok(JetCommitTransaction2(ses, 0, 0, &id));
    assert_int_equal(id.commitId, 0);
    JET_SIGNATURE sig;
    log_signature(log, &sig);
    assert_memory_equal(&id.signLog, &sig, sizeof sig);

    /* A lazy commit is not durable until asked. */
    assert_jet_ok(JetBeginTransaction(ses));
    assert_jet_ok(ve_ins(vtx_current(g_env.s[0]), g_env.t, "o1", "lazy"));
    assert_jet_ok(JetCommitTransaction2(ses, JET_bitCommitLazyFlush, 0, &id));
    assert_true(id.commitId > 0);
    uint64_t gen = (uint64_t)id.commitId >> 32;
    assert_int_equal(gen, log_generation(log));
    uint64_t commit_lsn = g_env.s[0]->vtx->last_commit_lsn;
    assert_true(commit_lsn > 0);
    assert_jet_ok(JetCommitTransaction(ses, JET_bitWaitLastLevel0Commit));
    assert_true(log_flushed_lsn(log) > commit_lsn);

    /* Durable within a bound: the background flush does it. */
    assert_jet_ok(JetBeginTransaction(ses));
    assert_jet_ok(ve_ins(vtx_current(g_env.s[0]), g_env.t, "o2", "soon"));
    assert_jet(JET_errInvalidParameter, JetCommitTransaction2(ses, 0, 50, &id));
    assert_int_equal(vtx_level(g_env.s[0]), 1);
    assert_jet_ok(JetCommitTransaction2(ses, JET_bitCommitLazyFlush, 50, &id));
    commit_lsn = g_env.s[0]->vtx->last_commit_lsn;
    for (int i = 0; i < 200 && log_flushed_lsn(log) <= commit_lsn; i++)
        usleep(10000);
    assert_true(log_flushed_lsn(log) > commit_lsn);

    /* A new log generation, asked for on its own (commits nothing). */
    uint32_t before = log_generation(log);
    assert_jet_ok(JetBeginTransaction(ses));
    assert_jet_ok(ve_ins(vtx_current(g_env.s[0]), g_env.t, "o3", "roll"));
    assert_jet(JET_errInvalidGrbit,
               JetCommitTransaction(ses, JET_bitForceNewLog | JET_bitCommitLazyFlush));
    assert_jet_ok(JetCommitTransaction(ses, JET_bitForceNewLog));
    assert_int_equal(log_generation(log), before + 1);
    assert_int_equal(vtx_level(g_env.s[0]), 1);
    assert_jet_ok(JetCommitTransaction(ses, 0x20));   /* ESE's redo-callback bit: ignored */
    assert_jet_ok(JetCommitTransaction(ses, JET_bitForceNewLog));   /* at level 0 too */
    assert_int_equal(log_generation(log), before + 2);

    ve_expect(NULL, g_env.t, "o3", "roll");

    /* JET_paramCommitDefault supplies the options of a plain commit. */
    JET_INSTANCE in = g_env.e.inst;
    assert_jet_ok(JetSetSystemParameterA(&in, 0, JET_paramCommitDefault,
                                         JET_bitCommitLazyFlush, NULL));
    assert_jet_ok(JetBeginTransaction(ses));
    assert_jet_ok(ve_ins(vtx_current(g_env.s[0]), g_env.t, "o4", "lazy"));
    assert_jet_ok(JetCommitTransaction(ses, 0));
    commit_lsn = g_env.s[0]->vtx->last_commit_lsn;
    assert_true(log_flushed_lsn(log) <= commit_lsn);
    assert_jet_ok(JetCommitTransaction(ses, JET_bitWaitAllLevel0Commit));
    assert_true(log_flushed_lsn(log) > commit_lsn);
    assert_jet_ok(JetSetSystemParameterA(&in, 0, JET_paramCommitDefault, 0, NULL));
}

/* ---- threads ------------------------------------------------------------------ */

struct targ {
    JET_SESID ses;
    JET_ERR err;
    JET_API_PTR ctx;
};

static void *nested_begin(void *p)
{
    struct targ *a = p;
    if (a->ctx != 0)
        (void)JetSetSessionContext(a->ses, a->ctx);
    a->err = JetBeginTransaction(a->ses);
    if (a->ctx != 0)
        (void)JetResetSessionContext(a->ses);
    return NULL;
}

static void *other_commit(void *p)
{
    struct targ *a = p;
    a->err = JetCommitTransaction(a->ses, 0);
    return NULL;
}

static void *other_rollback(void *p)
{
    struct targ *a = p;
    a->err = JetRollback(a->ses, 0);
    return NULL;
}

static void test_thread_ownership(void **state)
{
    (void)state;
    JET_SESID ses = g_env.ses[1];
    assert_jet_ok(JetBeginTransaction(ses));
    /* Another thread may not open a savepoint in it. */
    struct targ a = { ses, 0, 0 };
    pthread_t th;
    pthread_create(&th, NULL, nested_begin, &a);
    pthread_join(th, NULL);
    assert_jet(JET_errSessionSharingViolation, a.err);
    assert_int_equal(vtx_level(g_env.s[1]), 1);
    a = (struct targ){ ses, 0, 0 };
    pthread_create(&th, NULL, other_commit, &a);
    pthread_join(th, NULL);
    assert_jet(JET_errSessionSharingViolation, a.err);
    a = (struct targ){ ses, 0, 0 };
    pthread_create(&th, NULL, other_rollback, &a);
    pthread_join(th, NULL);
    assert_jet(JET_errSessionSharingViolation, a.err);
    assert_int_equal(vtx_level(g_env.s[1]), 1);
    assert_jet_ok(JetBeginTransaction(ses));   /* the owner may */
    assert_jet_ok(JetRollback(ses, JET_bitRollbackAll));

    /* Under a session context the transaction moves with the context. */
    assert_jet_ok(JetSetSessionContext(ses, 0x1234));
    assert_jet_ok(JetBeginTransaction(ses));
    assert_jet_ok(JetResetSessionContext(ses));
    a = (struct targ){ ses, 0, 0x1234 };
    pthread_create(&th, NULL, nested_begin, &a);
    pthread_join(th, NULL);
    assert_jet_ok(a.err);
    assert_int_equal(vtx_level(g_env.s[1]), 2);
    a = (struct targ){ ses, 0, 0x9999 };           /* another context: no */
    pthread_create(&th, NULL, nested_begin, &a);
    pthread_join(th, NULL);
    assert_jet(JET_errSessionSharingViolation, a.err);
    /* Without the context this thread is a stranger too. */
    assert_jet(JET_errSessionSharingViolation, JetRollback(ses, JET_bitRollbackAll));
    assert_jet_ok(JetSetSessionContext(ses, 0x1234));
    assert_jet_ok(JetRollback(ses, JET_bitRollbackAll));
    assert_jet_ok(JetResetSessionContext(ses));
    assert_int_equal(vtx_level(g_env.s[1]), 0);
}

static void test_stop_service(void **state)
{
    (void)state;
    JET_SESID ses = g_env.ses[1];
    assert_jet_ok(JetBeginTransaction(ses));
    assert_jet_ok(ve_ins(vtx_current(g_env.s[1]), g_env.t, "p1", "x"));
    assert_jet_ok(JetStopServiceInstance(g_env.e.inst));
    assert_jet(JET_errClientRequestToStopJetService, JetBeginTransaction(ses));
    assert_jet(JET_errClientRequestToStopJetService, JetCommitTransaction(ses, 0));
    assert_jet_ok(JetRollback(ses, 0));            /* rollback still works */
    ve_expect(NULL, g_env.t, "p1", NULL);
}

/* ---- sessions and instances ending with open transactions ------------------------ */

static void test_end_session(void **state)
{
    (void)state;
    JET_SESID extra;
    assert_jet_ok(JetBeginSessionA(g_env.e.inst, &extra, NULL, NULL));
    sess *s;
    assert_jet_ok(sess_acquire(extra, &s));
    assert_jet_ok(JetBeginTransaction(extra));
    assert_jet_ok(ve_ins(vtx_current(s), g_env.t, "q1", "x"));
    assert_jet_ok(JetBeginTransaction(extra));
    assert_jet_ok(ve_ins(vtx_current(s), g_env.t, "q2", "y"));
    assert_jet_ok(JetEndSession(extra, 0));
    sess_release(s);
    ve_expect(NULL, g_env.t, "q1", NULL);
    ve_expect(NULL, g_env.t, "q2", NULL);
    assert_int_equal(ve_raw(g_env.t, "q1"), 0);
    assert_int_equal(vs_active_count(g_env.in->vs), 0);
}

static void test_term_with_transaction(void **state)
{
    (void)state;
    char *dir = tu_mkdtemp("verterm");
    ver_env v;
    ve_open(&v, dir, true, 0);
    uint32_t objid = v.objid;
    JET_SESID ses = v.ses[1];
    assert_jet_ok(JetBeginTransaction(ses));
    assert_jet_ok(ve_ins(vtx_current(v.s[1]), v.t, "t1", "x"));
    /* A clean or abrupt termination refuses; the instance keeps running. */
    assert_jet(JET_errTooManyActiveUsers, JetTerm(v.e.inst));
    assert_jet(JET_errTooManyActiveUsers, JetTerm2(v.e.inst, JET_bitTermComplete));
    assert_jet_ok(JetBeginTransaction(ses));
    assert_jet_ok(JetCommitTransaction(ses, 0));
    assert_jet_ok(JetCommitTransaction(ses, 0));
    ve_expect(NULL, v.t, "t1", "x");
    /* Read-only transactions count too. */
    assert_jet_ok(JetBeginTransaction(ses));
    assert_jet(JET_errTooManyActiveUsers, JetTerm2(v.e.inst, JET_bitTermAbrupt));
    assert_jet_ok(JetRollback(ses, 0));
    ve_close(&v, 0);

    /* A dirty termination throws open transactions away; recovery undoes
     * what reached the log. */
    ve_open(&v, dir, false, objid);
    ve_expect(NULL, v.t, "t1", "x");
    assert_jet_ok(JetBeginTransaction(v.ses[1]));
    assert_jet_ok(ve_rep(vtx_current(v.s[1]), v.t, "t1", "changed"));
    assert_jet_ok(ve_ins(vtx_current(v.s[1]), v.t, "t2", "y"));
    assert_jet_ok(JetCommitTransaction(v.ses[0], JET_bitWaitAllLevel0Commit));   /* in the log */
    ve_close(&v, JET_bitTermDirty);
    ve_open(&v, dir, false, objid);
    ve_expect(NULL, v.t, "t1", "x");
    ve_expect(NULL, v.t, "t2", NULL);
    ve_close(&v, 0);
    tu_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_arguments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_levels, setup, teardown),
        cmocka_unit_test_setup_teardown(test_commit_options, setup, teardown),
        cmocka_unit_test_setup_teardown(test_thread_ownership, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stop_service, setup, teardown),
        cmocka_unit_test_setup_teardown(test_end_session, setup, teardown),
        cmocka_unit_test(test_term_with_transaction),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
