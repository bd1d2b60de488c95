/*
 * test_session.c: sessions through the public API — begin/end/dup, the
 * JET_paramMaxSessions quota, bogus and stale session ids, session
 * contexts, JetGetVersion, and the one-thread-at-a-time rule checked with
 * real threads (JET_errSessionSharingViolation), plus JetTerm waiting for
 * calls in flight (JET_errTermInProgress for newcomers).
 */
#include "testutil.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "inst/inst.h"
#include "jetdb.h"

static char *g_dir;
static JET_INSTANCE g_inst;

static int setup(void **state)
{
    (void)state;
    g_dir = tu_mkdtemp("sess");
    JetDbSetEventCallback(NULL, NULL, JETDB_bitEventNoSyslog);
    if (chdir(g_dir) != 0)
        return -1;
    g_inst = 0;
    if (JetCreateInstanceA(&g_inst, "sessions") < 0)
        return -1;
    return JetInit(&g_inst) < 0 ? -1 : 0;
}

static int teardown(void **state)
{
    (void)state;
    JET_ERR err = JetTerm(g_inst);
    if (chdir("/") != 0)
        return -1;
    tu_rmtree(g_dir);
    free(g_dir);
    return err == JET_errSuccess ? 0 : -1;
}

static void test_begin_end(void **state)
{
    (void)state;
    JET_SESID ses = 0, dup = 0;
    assert_jet(JET_errInvalidParameter, JetBeginSessionA(g_inst, NULL, NULL, NULL));
    assert_jet_ok(JetBeginSessionA(g_inst, &ses, "user", "password"));
    assert_true(ses != 0 && ses != JET_sesidNil);
    assert_jet(JET_errInvalidParameter, JetDupSession(ses, NULL));
    assert_jet_ok(JetDupSession(ses, &dup));
    assert_true(dup != ses);
    assert_jet(JET_errInvalidGrbit, JetEndSession(ses, 0x1));
    assert_jet_ok(JetEndSession(ses, 0));
    /* The duplicate lives on; the ended one is stale. */
    uint32_t v;
    assert_jet_ok(JetGetVersion(dup, &v));
    assert_jet(JET_errInvalidSesid, JetGetVersion(ses, &v));
    assert_jet(JET_errInvalidSesid, JetEndSession(ses, 0));
    assert_jet_ok(JetEndSession(dup, 0));
}

static void test_wide_begin(void **state)
{
    (void)state;
    JET_SESID ses = 0;
    assert_jet_ok(JetBeginSessionW(g_inst, &ses, L"\u00fcser", L"pw"));
    assert_jet_ok(JetEndSession(ses, 0));
    /* Invalid UTF-32 (a lone surrogate) is refused. */
    const wchar_t bad[] = { 0xD800, 0 };
    assert_jet(JET_errInvalidParameter, JetBeginSessionW(g_inst, &ses, bad, NULL));
}

static void test_bogus_session_ids(void **state)
{
    (void)state;
    uint32_t v;
    JET_SESID out;
    const JET_SESID bogus[] = { 0, JET_sesidNil, 1, 0x12345678, (JET_SESID)&v };
    for (size_t i = 0; i < sizeof bogus / sizeof bogus[0]; i++) {
        assert_jet(JET_errInvalidSesid, JetEndSession(bogus[i], 0));
        assert_jet(JET_errInvalidSesid, JetDupSession(bogus[i], &out));
        assert_jet(JET_errInvalidSesid, JetGetVersion(bogus[i], &v));
        assert_jet(JET_errInvalidSesid, JetSetSessionContext(bogus[i], 1));
        assert_jet(JET_errInvalidSesid, JetResetSessionContext(bogus[i]));
    }
}

static void test_bogus_instance(void **state)
{
    (void)state;
    JET_SESID ses;
    assert_jet(JET_errInvalidInstance, JetBeginSessionA((JET_INSTANCE)0xfeed, &ses, NULL, NULL));
    assert_jet(JET_errInvalidParameter, JetBeginSessionA(0, &ses, NULL, NULL));
    assert_jet(JET_errInvalidParameter, JetBeginSessionA(JET_instanceNil, &ses, NULL, NULL));
}

static void test_max_sessions(void **state)
{
    (void)state;
    /* JET_paramMaxSessions defaults to 16 per instance. */
    JET_SESID ses[17];
    for (int i = 0; i < 16; i++)
        assert_jet_ok(JetBeginSessionA(g_inst, &ses[i], NULL, NULL));
    assert_jet(JET_errOutOfSessions, JetBeginSessionA(g_inst, &ses[16], NULL, NULL));
    assert_jet(JET_errOutOfSessions, JetDupSession(ses[0], &ses[16]));
    assert_jet_ok(JetEndSession(ses[3], 0));
    assert_jet_ok(JetBeginSessionA(g_inst, &ses[3], NULL, NULL));
    for (int i = 0; i < 16; i++)
        assert_jet_ok(JetEndSession(ses[i], 0));
}

static void test_version(void **state)
{
    (void)state;
    JET_SESID ses;
    assert_jet_ok(JetBeginSessionA(g_inst, &ses, NULL, NULL));
    uint32_t v = 0;
    assert_jet(JET_errInvalidParameter, JetGetVersion(ses, NULL));
    assert_jet_ok(JetGetVersion(ses, &v));
    assert_int_equal(v >> 28, 10);           /* ESENT 10.0 layout */
    assert_int_equal((v >> 24) & 0xf, 0);
    assert_true(((v >> 8) & 0xffff) > 0);
    assert_jet_ok(JetEndSession(ses, 0));
}

/* ---- contexts --------------------------------------------------------- */

struct ctx_arg {
    JET_SESID ses;
    JET_ERR err;
    JET_ERR reset_err;
    pthread_barrier_t set_done, may_reset;
};

static void *reset_from_other_thread(void *p)
{
    struct ctx_arg *a = p;
    a->err = JetResetSessionContext(a->ses);
    return NULL;
}

/* Sets the context, lets the main thread probe, then resets it itself. */
static void *set_then_reset(void *p)
{
    struct ctx_arg *a = p;
    a->err = JetSetSessionContext(a->ses, 0x77);
    pthread_barrier_wait(&a->set_done);
    pthread_barrier_wait(&a->may_reset);
    a->reset_err = JetResetSessionContext(a->ses);
    return NULL;
}

static void test_session_context(void **state)
{
    (void)state;
    JET_SESID ses;
    assert_jet_ok(JetBeginSessionA(g_inst, &ses, NULL, NULL));
    assert_jet(JET_errInvalidParameter, JetSetSessionContext(ses, 0));
    assert_jet(JET_errInvalidParameter, JetSetSessionContext(ses, (JET_API_PTR)~(JET_API_PTR)0));
    assert_jet(JET_errSessionContextNotSetByThisThread, JetResetSessionContext(ses));
    assert_jet_ok(JetSetSessionContext(ses, 0x42));
    assert_jet(JET_errSessionContextAlreadySet, JetSetSessionContext(ses, 0x42));
    assert_jet(JET_errSessionContextAlreadySet, JetSetSessionContext(ses, 0x43));

    struct ctx_arg a;
    memset(&a, 0, sizeof a);
    a.ses = ses;
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, reset_from_other_thread, &a), 0);
    pthread_join(t, NULL);
    assert_jet(JET_errSessionContextNotSetByThisThread, a.err);
    assert_jet(JET_errSessionInUse, JetEndSession(ses, 0));
    assert_jet_ok(JetResetSessionContext(ses));

    /* Handing the session to another thread: it sets the context; only it
     * may reset it, and the session cannot be ended meanwhile. */
    pthread_barrier_init(&a.set_done, NULL, 2);
    pthread_barrier_init(&a.may_reset, NULL, 2);
    assert_int_equal(pthread_create(&t, NULL, set_then_reset, &a), 0);
    pthread_barrier_wait(&a.set_done);
    assert_jet_ok(a.err);
    assert_jet(JET_errSessionContextNotSetByThisThread, JetResetSessionContext(ses));
    assert_jet(JET_errSessionInUse, JetEndSession(ses, 0));
    pthread_barrier_wait(&a.may_reset);
    pthread_join(t, NULL);
    assert_jet_ok(a.reset_err);
    pthread_barrier_destroy(&a.set_done);
    pthread_barrier_destroy(&a.may_reset);
    assert_jet_ok(JetEndSession(ses, 0));
}

/* ---- one thread at a time ---------------------------------------------- */

struct holder {
    JET_SESID ses;
    pthread_mutex_t mu;
    pthread_cond_t cond;
    int inside;      /* the holder thread is inside the engine */
    int release;     /* the main thread lets it leave */
    JET_ERR err;
};

/* Stand for a thread that is in the middle of a Jet call on the session:
 * it enters the session gate exactly as an API does and stays there. */
static void *hold_session(void *p)
{
    struct holder *h = p;
    sess *s;
    h->err = sess_gate_enter(h->ses, 0, &s);
    pthread_mutex_lock(&h->mu);
    h->inside = 1;
    pthread_cond_broadcast(&h->cond);
    while (!h->release)
        pthread_cond_wait(&h->cond, &h->mu);
    pthread_mutex_unlock(&h->mu);
    if (h->err >= 0)
        sess_gate_leave(s);
    return NULL;
}

static void start_holder(struct holder *h, pthread_t *t)
{
    pthread_mutex_init(&h->mu, NULL);
    pthread_cond_init(&h->cond, NULL);
    h->inside = h->release = 0;
    assert_int_equal(pthread_create(t, NULL, hold_session, h), 0);
    pthread_mutex_lock(&h->mu);
    while (!h->inside)
        pthread_cond_wait(&h->cond, &h->mu);
    pthread_mutex_unlock(&h->mu);
    assert_jet_ok(h->err);
}

static void stop_holder(struct holder *h, pthread_t t)
{
    pthread_mutex_lock(&h->mu);
    h->release = 1;
    pthread_cond_broadcast(&h->cond);
    pthread_mutex_unlock(&h->mu);
    pthread_join(t, NULL);
    pthread_cond_destroy(&h->cond);
    pthread_mutex_destroy(&h->mu);
}

static void test_sharing_violation(void **state)
{
    (void)state;
    struct holder h;
    pthread_t t;
    assert_jet_ok(JetBeginSessionA(g_inst, &h.ses, NULL, NULL));
    start_holder(&h, &t);
    uint32_t v;
    JET_SESID other;
    assert_jet(JET_errSessionSharingViolation, JetGetVersion(h.ses, &v));
    assert_jet(JET_errSessionSharingViolation, JetDupSession(h.ses, &other));
    assert_jet(JET_errSessionSharingViolation, JetEndSession(h.ses, 0));
    assert_jet(JET_errSessionSharingViolation, JetSetSessionContext(h.ses, 3));
    stop_holder(&h, t);
    /* Used one after the other, threads may share a session. */
    assert_jet_ok(JetGetVersion(h.ses, &v));
    assert_jet_ok(JetEndSession(h.ses, 0));
}

/* Many threads hammering one session: every call either works or reports
 * the violation — never anything else, never a crash or a race. */
struct hammer {
    JET_SESID ses;
    atomic_int ok, violations, other;
};

static void *hammer_session(void *p)
{
    struct hammer *hm = p;
    for (int i = 0; i < 20000; i++) {
        uint32_t v;
        JET_ERR err = JetGetVersion(hm->ses, &v);
        if (err == JET_errSuccess)
            atomic_fetch_add(&hm->ok, 1);
        else if (err == JET_errSessionSharingViolation)
            atomic_fetch_add(&hm->violations, 1);
        else
            atomic_fetch_add(&hm->other, 1);
    }
    return NULL;
}

static void test_sharing_threads_hammer(void **state)
{
    (void)state;
    struct hammer hm;
    memset(&hm, 0, sizeof hm);
    assert_jet_ok(JetBeginSessionA(g_inst, &hm.ses, NULL, NULL));
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&t[i], NULL, hammer_session, &hm), 0);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    assert_int_equal(atomic_load(&hm.other), 0);
    assert_int_equal(atomic_load(&hm.ok) + atomic_load(&hm.violations), 80000);
    assert_true(atomic_load(&hm.ok) > 0);
    assert_jet_ok(JetEndSession(hm.ses, 0));
}

/* ---- JetTerm and calls in flight --------------------------------------- */

struct term_arg {
    JET_INSTANCE inst;
    JET_ERR err;
    atomic_int done;
};

static void *term_thread(void *p)
{
    struct term_arg *a = p;
    a->err = JetTerm(a->inst);
    atomic_store(&a->done, 1);
    return NULL;
}

static void test_term_waits_for_calls_in_flight(void **state)
{
    (void)state;
    struct holder h;
    pthread_t holder_t, term_t;
    assert_jet_ok(JetBeginSessionA(g_inst, &h.ses, NULL, NULL));
    JET_SESID idle;
    assert_jet_ok(JetBeginSessionA(g_inst, &idle, NULL, NULL));
    start_holder(&h, &holder_t);

    struct term_arg a = { g_inst, 1, 0 };
    assert_int_equal(pthread_create(&term_t, NULL, term_thread, &a), 0);
    /* Wait until the termination has begun: new calls are refused. */
    JET_ERR err = JET_errSuccess;
    for (int i = 0; i < 5000 && err != JET_errTermInProgress; i++) {
        uint32_t v;
        err = JetGetVersion(idle, &v);
        if (err != JET_errTermInProgress)
            usleep(1000);
    }
    assert_jet(JET_errTermInProgress, err);
    JET_SESID ses;
    assert_jet(JET_errTermInProgress, JetBeginSessionA(g_inst, &ses, NULL, NULL));
    assert_jet(JET_errTermInProgress, JetTerm(g_inst));
    usleep(20000);
    assert_int_equal(atomic_load(&a.done), 0);   /* still waiting for the holder */
    stop_holder(&h, holder_t);
    pthread_join(term_t, NULL);
    assert_jet_ok(a.err);
    /* Both sessions ended with the instance. */
    uint32_t v;
    assert_jet(JET_errInvalidSesid, JetGetVersion(idle, &v));
    assert_jet(JET_errInvalidSesid, JetGetVersion(h.ses, &v));
    /* Give the teardown an instance to terminate. */
    assert_jet_ok(JetCreateInstanceA(&g_inst, "again"));
}

/* Session objects are reused after JetEndSession (src/inst/sess.c): an
 * ended session's handle stays dead when its object and slot serve a new
 * session, also while other threads begin and end sessions and look stale
 * handles up without a lock. */
static void test_reused_session_objects(void **state)
{
    (void)state;
    JET_SESID a = 0, b = 0;
    uint32_t v = 0;
    assert_jet_ok(JetBeginSessionA(g_inst, &a, NULL, NULL));
    assert_jet_ok(JetEndSession(a, 0));
    assert_jet_ok(JetBeginSessionA(g_inst, &b, NULL, NULL));
    assert_true(b != a);
    assert_jet(JET_errInvalidSesid, JetGetVersion(a, &v));
    assert_jet(JET_errInvalidSesid, JetEndSession(a, 0));
    assert_jet_ok(JetGetVersion(b, &v));
    assert_jet_ok(JetEndSession(b, 0));
}

#define CHURN_STALE 16
static JET_SESID g_stale[CHURN_STALE];
static atomic_int g_churn_stop;
static atomic_int g_churn_bad;

static void *churn_lookups(void *arg)
{
    (void)arg;
    uint32_t v;
    while (!atomic_load(&g_churn_stop))
        for (int i = 0; i < CHURN_STALE; i++)
            if (JetGetVersion(g_stale[i], &v) != JET_errInvalidSesid)
                atomic_fetch_add(&g_churn_bad, 1);
    return NULL;
}

static void test_stale_lookups_while_churning(void **state)
{
    (void)state;
    for (int i = 0; i < CHURN_STALE; i++) {
        assert_jet_ok(JetBeginSessionA(g_inst, &g_stale[i], NULL, NULL));
        assert_jet_ok(JetEndSession(g_stale[i], 0));
    }
    atomic_store(&g_churn_stop, 0);
    atomic_store(&g_churn_bad, 0);
    pthread_t th[2];
    for (int t = 0; t < 2; t++)
        assert_int_equal(pthread_create(&th[t], NULL, churn_lookups, NULL), 0);
    for (int round = 0; round < 2000; round++) {
        JET_SESID s[4];
        uint32_t v;
        for (int i = 0; i < 4; i++)
            assert_jet_ok(JetBeginSessionA(g_inst, &s[i], NULL, NULL));
        for (int i = 0; i < 4; i++) {
            assert_jet_ok(JetGetVersion(s[i], &v));
            assert_jet_ok(JetEndSession(s[i], 0));
        }
    }
    atomic_store(&g_churn_stop, 1);
    for (int t = 0; t < 2; t++)
        assert_int_equal(pthread_join(th[t], NULL), 0);
    assert_int_equal(atomic_load(&g_churn_bad), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_begin_end, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wide_begin, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bogus_session_ids, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bogus_instance, setup, teardown),
        cmocka_unit_test_setup_teardown(test_max_sessions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_version, setup, teardown),
        cmocka_unit_test_setup_teardown(test_session_context, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sharing_violation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sharing_threads_hammer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_term_waits_for_calls_in_flight, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reused_session_objects, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stale_lookups_while_churning, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
