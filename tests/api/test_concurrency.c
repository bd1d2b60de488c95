/*
 * test_concurrency.c: instances, sessions, system parameters and
 * stop-service driven from several threads at once.
 *
 * - test_discard_is_idempotent: white-box regression for inst_discard
 *   dropping the instance table's pin twice when two callers race to
 *   discard one instance (two JetTerm on a created instance, or JetTerm and
 *   a failing JetInit) — a use-after-free.
 * - test_concurrent_term_of_created_instance: the same race through the
 *   public API (ASan/TSan builds catch the old double free).
 * - test_stress: worker threads create / initialise / terminate a few named
 *   instances, use legacy JetInit(&0) / JetTerm(0), begin / dup / end
 *   sessions with contexts, set / get parameters, stop the service and
 *   back-ups, list instances, all on handles that other threads may have
 *   made stale.  Every call must return one of the codes the API documents
 *   for that situation; at the end no instance and no mode are left.  Runs
 *   for a fixed wall-clock time (fast enough under TSan and ASan).
 * - test_init_racing_failed_init: a JetInit that reaches an instance while
 *   another JetInit on it is failing and freeing it must not report success.
 */
#include "testutil.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <errno.h>

#include "inst/inst.h"
#include "jetdb.h"

static char *g_dir;

static uint32_t instance_count(void)
{
    uint32_t n = 0;
    JET_INSTANCE_INFO_A *info = NULL;
    assert_jet_ok(JetGetInstanceInfoA(&n, &info));
    assert_jet_ok(JetFreeBuffer((char *)info));
    return n;
}

static void assert_no_mode(void)
{
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramMaxInstances, 17, NULL));
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramMaxInstances, 16, NULL));
}

static int setup(void **state)
{
    (void)state;
    g_dir = tu_mkdtemp("conc");
    JetDbSetEventCallback(NULL, NULL, JETDB_bitEventNoSyslog);
    return chdir(g_dir);
}

static int teardown(void **state)
{
    (void)state;
    assert_int_equal(instance_count(), 0);
    assert_no_mode();
    if (chdir("/") != 0)
        return -1;
    tu_rmtree(g_dir);
    free(g_dir);
    return 0;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- inst_discard ---------------------------------------------------------- */

static void test_discard_is_idempotent(void **state)
{
    (void)state;
    JET_INSTANCE h = 0;
    assert_jet_ok(JetCreateInstanceA(&h, "discard"));
    inst *a = NULL, *b = NULL;
    assert_jet_ok(inst_acquire(h, true, &a));
    assert_jet_ok(inst_acquire(h, true, &b));
    assert_ptr_equal(a, b);
    assert_int_equal(atomic_load(&a->refs), 3);      /* table + two pins */
    inst_discard(a);
    assert_int_equal(atomic_load(&a->refs), 2);      /* the table's pin went */
    inst_discard(b);                                 /* a second discard ... */
    assert_int_equal(atomic_load(&a->refs), 2);      /* ... drops nothing more */
    assert_int_equal(instance_count(), 0);
    inst_release(a);
    inst_release(b);
    assert_jet(JET_errInvalidInstance, JetTerm(h));
}

/* ---- several JetTerm on one created instance ------------------------------- */

#define TERM_THREADS 4

struct term_race {
    pthread_barrier_t go;
    _Atomic JET_INSTANCE inst;
    JET_ERR err[TERM_THREADS];
    int rounds;
};

struct term_arg {
    struct term_race *race;
    int index;
};

static void *term_racer(void *p)
{
    struct term_arg *a = p;
    for (int r = 0; r < a->race->rounds; r++) {
        pthread_barrier_wait(&a->race->go);       /* the instance is ready */
        a->race->err[a->index] = JetTerm(atomic_load(&a->race->inst));
        pthread_barrier_wait(&a->race->go);       /* all terms returned */
    }
    return NULL;
}

static void test_concurrent_term_of_created_instance(void **state)
{
    (void)state;
    struct term_race race;
    memset(&race, 0, sizeof race);
    race.rounds = 300;
    pthread_barrier_init(&race.go, NULL, TERM_THREADS + 1);
    pthread_t t[TERM_THREADS];
    struct term_arg args[TERM_THREADS];
    for (int i = 0; i < TERM_THREADS; i++) {
        args[i].race = &race;
        args[i].index = i;
        assert_int_equal(pthread_create(&t[i], NULL, term_racer, &args[i]), 0);
    }
    for (int r = 0; r < race.rounds; r++) {
        JET_INSTANCE h = 0;
        assert_jet_ok(JetCreateInstanceA(&h, "racy"));
        atomic_store(&race.inst, h);
        pthread_barrier_wait(&race.go);
        pthread_barrier_wait(&race.go);
        int ok = 0;
        for (int i = 0; i < TERM_THREADS; i++) {
            JET_ERR e = race.err[i];
            /* JetTerm of a created instance frees it; the others find it
             * gone (or, see the report on life.c, also "succeed") */
            assert_true(e == JET_errSuccess || e == JET_errInvalidInstance ||
                        e == JET_errTermInProgress);
            ok += e == JET_errSuccess;
        }
        assert_true(ok >= 1);
        /* exactly one may free it */
        assert_int_equal(ok, 1);
        assert_int_equal(instance_count(), 0);
    }
    for (int i = 0; i < TERM_THREADS; i++)
        pthread_join(t[i], NULL);
    pthread_barrier_destroy(&race.go);
}

/* ---- the stress test ------------------------------------------------------- */

#define WORKERS 4
#define NAMED 3
#define LEGACY NAMED                       /* slot of the unnamed/legacy instance */
#define STRESS_SECONDS 2.0

static _Atomic JET_INSTANCE g_slot[NAMED + 1];
static atomic_long g_unexpected;
static atomic_long g_ops;
static atomic_long g_init_ok, g_term_ok, g_sess_ok, g_param_ok, g_create_ok;
static pthread_mutex_t g_msg_mu = PTHREAD_MUTEX_INITIALIZER;
static char g_msg[256];
static atomic_int g_stop;

/* Record a result that is not in the allowed list (terminated by 1). */
static void check(const char *what, JET_ERR err, ...)
{
    va_list ap;
    va_start(ap, err);
    for (;;) {
        int allowed = va_arg(ap, int);
        if (allowed == 1)
            break;
        if (allowed == err) {
            va_end(ap);
            atomic_fetch_add(&g_ops, 1);
            return;
        }
    }
    va_end(ap);
    if (atomic_fetch_add(&g_unexpected, 1) == 0) {
        pthread_mutex_lock(&g_msg_mu);
        snprintf(g_msg, sizeof g_msg, "%s returned %d", what, (int)err);
        pthread_mutex_unlock(&g_msg_mu);
    }
}

#define END 1
#define OK JET_errSuccess

static uint32_t rnd(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return (uint32_t)(*s >> 11);
}

static void op_create(int k)
{
    char name[8], folder[4200];
    snprintf(name, sizeof name, "c%d", k);
    JET_INSTANCE h = 0;
    JET_ERR err = JetCreateInstanceA(&h, name);
    check("JetCreateInstance", err, OK, JET_errInstanceNameInUse,
          JET_errRunningInOneInstanceMode, END);
    if (err != OK)
        return;
    atomic_fetch_add(&g_create_ok, 1);
    snprintf(folder, sizeof folder, "%s/%s/", g_dir, name);
    /* nobody else knows the handle yet: these must all work */
    check("set SystemPath", JetSetSystemParameterA(&h, 0, JET_paramSystemPath, 0, folder), OK,
          END);
    check("set LogFilePath", JetSetSystemParameterA(&h, 0, JET_paramLogFilePath, 0, folder),
          OK, END);
    check("set TempPath", JetSetSystemParameterA(&h, 0, JET_paramTempPath, 0, folder), OK, END);
    check("set CreatePath",
          JetSetSystemParameterA(&h, 0, JET_paramCreatePathIfNotExist, 1, NULL), OK, END);
    /* whatever the slot held named an instance that is gone (the name was
     * free), so it is stale: replace it */
    atomic_exchange(&g_slot[k], h);
}

static void op_init(int k)
{
    JET_INSTANCE h = atomic_load(&g_slot[k]);
    if (h == 0)
        return;
    JET_INSTANCE copy = h;
    JET_ERR err = JetInit(&copy);
    /* InvalidParameter: stale handle in multi-instance mode; AlreadyInitialized:
     * running, or legacy mode; NotInitialized: another JetInit is running;
     * TermInProgress: a JetTerm is running.  With no mode at all a stale
     * handle means "allocate" and gives a legacy instance. */
    check("JetInit(&h)", err, OK, JET_errAlreadyInitialized, JET_errInvalidParameter,
          JET_errNotInitialized, JET_errTermInProgress, END);
    if (err == OK) {
        atomic_fetch_add(&g_init_ok, 1);
        if (copy != h)
            atomic_exchange(&g_slot[LEGACY], copy);    /* a new legacy instance */
    } else if (copy == 0) {
        /* a failed JetInit freed the instance */
        atomic_compare_exchange_strong(&g_slot[k], &h, 0);
    }
}

static void op_term(int k, uint32_t r)
{
    JET_INSTANCE h = atomic_load(&g_slot[k]);
    if (h == 0)
        return;
    static const JET_GRBIT grbits[] = { 0, JET_bitTermComplete, JET_bitTermAbrupt,
                                        JET_bitTermStopBackup, JET_bitTermDirty };
    JET_GRBIT g = grbits[r % 5];
    JET_ERR err = (r & 8) ? JetTerm(h) : JetTerm2(h, g);
    check("JetTerm(h)", err, OK, JET_errDirtyShutdown, JET_errInvalidInstance,
          JET_errTermInProgress, JET_errNotInitialized, END);
    if (err == OK || err == JET_errDirtyShutdown) {
        atomic_fetch_add(&g_term_ok, 1);
        atomic_compare_exchange_strong(&g_slot[k], &h, 0);
    }
}

static void op_session(int k, uint32_t r)
{
    JET_INSTANCE h = atomic_load(&g_slot[k]);
    if (h == 0)
        return;
    JET_SESID s = 0;
    JET_ERR err = JetBeginSessionA(h, &s, "u", NULL);
    check("JetBeginSession", err, OK, JET_errInvalidInstance, JET_errNotInitialized,
          JET_errTermInProgress, JET_errClientRequestToStopJetService, END);
    if (err != OK)
        return;
    atomic_fetch_add(&g_sess_ok, 1);
    uint32_t v;
    check("JetGetVersion", JetGetVersion(s, &v), OK, JET_errInvalidSesid, JET_errTermInProgress,
          JET_errClientRequestToStopJetService, END);
    err = JetSetSessionContext(s, 0x100 + r % 64);
    check("JetSetSessionContext", err, OK, JET_errInvalidSesid, JET_errTermInProgress,
          JET_errClientRequestToStopJetService, END);
    if (err == OK) {
        JET_API_PTR got = 0;
        check("get via session",
              JetGetSystemParameterA(0, s, JET_paramCheckpointDepthMax, &got, NULL, 0), OK,
              JET_errInvalidSesid, JET_errTermInProgress, JET_errClientRequestToStopJetService,
              /* legacy mode ignores the session and names the one instance,
               * which may be a new one starting up */
              JET_errInitInProgress, END);
        check("JetResetSessionContext", JetResetSessionContext(s), OK, JET_errInvalidSesid,
              JET_errTermInProgress, END);
    }
    JET_SESID d = 0;
    err = JetDupSession(s, &d);
    check("JetDupSession", err, OK, JET_errInvalidSesid, JET_errTermInProgress,
          JET_errClientRequestToStopJetService, END);
    if (err == OK)
        check("JetEndSession(dup)", JetEndSession(d, 0), OK, JET_errInvalidSesid,
              JET_errTermInProgress, END);
    check("JetEndSession", JetEndSession(s, 0), OK, JET_errInvalidSesid, JET_errTermInProgress,
          END);
}

static void op_param(int k, uint32_t r)
{
    JET_INSTANCE h = atomic_load(&g_slot[k]);
    if (h == 0)
        return;
    JET_INSTANCE copy = h;
    JET_ERR err = JetSetSystemParameterA(&copy, 0, JET_paramCheckpointDepthMax,
                                         (JET_API_PTR)(1 << 20) + r % 1000, NULL);
    check("set CheckpointDepthMax", err, OK, JET_errInvalidInstance,
          JET_errClientRequestToStopJetService, JET_errTermInProgress, JET_errInitInProgress,
          END);
    atomic_fetch_add(&g_param_ok, err == OK);
    check("set LogFileSize",
          JetSetSystemParameterA(&copy, 0, JET_paramLogFileSize, 1024 + (r & 1) * 1024, NULL),
          OK, JET_errAlreadyInitialized, JET_errInvalidInstance,
          JET_errClientRequestToStopJetService, JET_errTermInProgress, JET_errInitInProgress,
          END);
    JET_API_PTR v = 0;
    check("get CheckpointDepthMax",
          JetGetSystemParameterA(h, 0, JET_paramCheckpointDepthMax, &v, NULL, 0), OK,
          JET_errInvalidInstance, JET_errClientRequestToStopJetService, JET_errTermInProgress,
          JET_errInitInProgress, END);
    char buf[64];
    check("get BaseName", JetGetSystemParameterA(h, 0, JET_paramBaseName, NULL, buf, sizeof buf),
          OK, JET_errInvalidInstance, JET_errClientRequestToStopJetService,
          JET_errTermInProgress, JET_errInitInProgress, END);
    if (copy != h)
        check("pinstance changed by a set", JET_errInvalidParameter, END);
}

static void op_global(uint32_t r)
{
    /* global-init: settable only while the process has no mode */
    check("set MaxInstances",
          JetSetSystemParameterA(NULL, 0, JET_paramMaxInstances, 15 + (r & 1), NULL), OK,
          JET_errAlreadyInitialized, END);
    check("set CacheSizeMax",
          JetSetSystemParameterA(NULL, 0, JET_paramCacheSizeMax, 1000 + r % 100, NULL), OK, END);
    JET_API_PTR v = 0;
    check("get MaxInstances", JetGetSystemParameterA(0, 0, JET_paramMaxInstances, &v, NULL, 0),
          OK, END);
    uint32_t n = 0;
    JET_INSTANCE_INFO_A *info = NULL;
    check("JetGetInstanceInfo", JetGetInstanceInfoA(&n, &info), OK, END);
    if (n > NAMED + 1)
        check("instance count", (JET_ERR)n, END);
    check("JetFreeBuffer", JetFreeBuffer((char *)info), OK, END);
}

static void op_stop(int k, uint32_t r)
{
    JET_INSTANCE h = atomic_load(&g_slot[k]);
    if (h == 0)
        return;
    switch (r % 4) {
    case 0:
        check("JetStopServiceInstance", JetStopServiceInstance(h), OK, JET_errInvalidInstance,
              END);
        break;
    case 1: {
        static const JET_GRBIT g[] = { JET_bitStopServiceAll, JET_bitStopServiceBackgroundUserTasks,
                                       JET_bitStopServiceQuiesceCaches, JET_bitStopServiceResume,
                                       JET_bitStopServiceResume |
                                           JET_bitStopServiceQuiesceCaches };
        check("JetStopServiceInstance2", JetStopServiceInstance2(h, g[(r >> 2) % 5]), OK,
              JET_errInvalidInstance, JET_errNotInitialized,
              JET_errClientRequestToStopJetService, END);
        break;
    }
    case 2:
        check("JetStopBackupInstance", JetStopBackupInstance(h), OK, JET_errInvalidParameter,
              END);
        break;
    default:
        check("JetStopService", JetStopService(), OK, JET_errInvalidParameter,
              JET_errRunningInMultiInstanceMode, END);
        break;
    }
}

static void op_legacy(uint32_t r)
{
    if (r & 1) {
        /* *pinstance == 0: legacy mode when no mode is set, an unnamed
         * instance in multi-instance mode */
        JET_INSTANCE h = 0;
        JET_ERR err = JetInit(&h);
        check("JetInit(&0)", err, OK, JET_errAlreadyInitialized, JET_errInstanceNameInUse, END);
        if (err == OK) {
            atomic_fetch_add(&g_init_ok, 1);
            atomic_exchange(&g_slot[LEGACY], h);
        }
    } else {
        JET_ERR err = JetTerm(0);
        /* legacy mode: the one instance; otherwise 0 names nothing */
        check("JetTerm(0)", err, OK, JET_errInvalidParameter, JET_errTermInProgress,
              JET_errNotInitialized, END);
    }
}

static void *worker(void *p)
{
    uint64_t seed = 0x9e3779b97f4a7c15ULL * (uint64_t)((intptr_t)p + 1);
    while (!atomic_load(&g_stop)) {
        uint32_t r = rnd(&seed);
        int k = (int)(r % (NAMED + 1));           /* includes the legacy slot */
        int named = (int)(r % NAMED);
        switch ((r >> 8) % 16) {
        case 0:
        case 1:
            op_create(named);
            break;
        case 2:
        case 3:
            op_init(named);
            break;
        case 4:
        case 5:
            op_term(k, r >> 12);
            break;
        case 6:
        case 7:
        case 8:
            op_session(k, r >> 12);
            break;
        case 9:
        case 10:
            op_param(k, r >> 12);
            break;
        case 11:
            op_global(r >> 12);
            break;
        case 12:
            op_stop(k, r >> 12);
            break;
        case 13:
            op_legacy(r >> 12);
            break;
        default:
            op_init(named);
            op_session(named, r >> 12);
            break;
        }
    }
    return NULL;
}

static void test_stress(void **state)
{
    (void)state;
    /* the legacy/unnamed instance works in the test folder itself */
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramCreatePathIfNotExist, 1, NULL));
    pthread_t t[WORKERS];
    atomic_store(&g_stop, 0);
    for (intptr_t i = 0; i < WORKERS; i++)
        assert_int_equal(pthread_create(&t[i], NULL, worker, (void *)i), 0);
    double end = now_s() + STRESS_SECONDS;
    while (now_s() < end)
        usleep(10000);
    atomic_store(&g_stop, 1);
    for (int i = 0; i < WORKERS; i++)
        pthread_join(t[i], NULL);

    /* clean up what the workers left running */
    for (int k = 0; k <= NAMED; k++) {
        JET_INSTANCE h = atomic_exchange(&g_slot[k], 0);
        if (h != 0)
            check("final JetTerm", JetTerm(h), OK, JET_errInvalidInstance, END);
    }
    check("final JetTerm(0)", JetTerm(0), OK, JET_errInvalidParameter, END);

    if (atomic_load(&g_unexpected) != 0)
        print_error("first unexpected result: %s\n", g_msg);
    print_message("ops %ld: create %ld, init %ld, term %ld, sessions %ld, params %ld\n",
                  atomic_load(&g_ops), atomic_load(&g_create_ok), atomic_load(&g_init_ok),
                  atomic_load(&g_term_ok), atomic_load(&g_sess_ok), atomic_load(&g_param_ok));
    assert_int_equal(atomic_load(&g_unexpected), 0);
    /* it did real work */
    assert_true(atomic_load(&g_create_ok) > 10);
    assert_true(atomic_load(&g_init_ok) > 10);
    assert_true(atomic_load(&g_term_ok) > 10);
    assert_true(atomic_load(&g_sess_ok) > 10);
    /* nothing is left: no instance, no mode */
    assert_int_equal(instance_count(), 0);
    assert_no_mode();
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramCreatePathIfNotExist, 0, NULL));
}

/* ---- JetInit racing a failing JetInit (known bug in life.c) ---------------- */

struct fail_race {
    JET_INSTANCE inst;
    pthread_mutex_t mu;
    pthread_cond_t cond;
    int fired;       /* event 104 seen */
    int done;        /* the racing JetInit returned */
    JET_ERR err;
};
static struct fail_race g_fr;

static void *racing_init(void *p)
{
    (void)p;
    JET_INSTANCE h = g_fr.inst;
    JET_ERR err = JetInit(&h);
    pthread_mutex_lock(&g_fr.mu);
    g_fr.err = err;
    g_fr.done = 1;
    pthread_cond_broadcast(&g_fr.cond);
    pthread_mutex_unlock(&g_fr.mu);
    return NULL;
}

/* On the failing JetInit's "stopped with error" event (emitted while it is
 * cleaning up), let another thread JetInit the same handle and wait for it. */
static void on_event(const JETDB_EVENT *ev, void *ctx)
{
    (void)ctx;
    if (ev->eventId != 104 || g_fr.fired)
        return;
    g_fr.fired = 1;
    pthread_t t;
    if (pthread_create(&t, NULL, racing_init, NULL) != 0)
        return;
    pthread_join(t, NULL);
}

static void test_init_racing_failed_init(void **state)
{
    (void)state;
    memset(&g_fr, 0, sizeof g_fr);
    pthread_mutex_init(&g_fr.mu, NULL);
    pthread_cond_init(&g_fr.cond, NULL);
    JET_INSTANCE h = 0;
    assert_jet_ok(JetCreateInstanceA(&h, "failing"));
    char folder[4200];
    snprintf(folder, sizeof folder, "%s/failing/", g_dir);
    assert_jet_ok(JetSetSystemParameterA(&h, 0, JET_paramSystemPath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(&h, 0, JET_paramLogFilePath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(&h, 0, JET_paramTempPath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(&h, 0, JET_paramCreatePathIfNotExist, 1, NULL));
    g_fr.inst = h;
    assert_jet_ok(JetDbSetEventCallback(on_event, NULL, JETDB_bitEventNoSyslog));
    assert_jet_ok(JetDbFaultArm(JETDB_faultopMkdir, 1, EIO, 0, "failing"));
    JET_INSTANCE copy = h;
    JET_ERR first = JetInit(&copy);
    JetDbFaultDisarmAll();
    JetDbSetEventCallback(NULL, NULL, JETDB_bitEventNoSyslog);
    assert_true(first < 0);
    assert_int_equal(copy, 0);
    assert_true(g_fr.fired && g_fr.done);
    /* The failing JetInit frees the instance (ESE).  The racing JetInit must
     * not report an initialised instance that no longer exists. */
    if (g_fr.err == JET_errSuccess) {
        JET_SESID s = 0;
        JET_ERR e = JetBeginSessionA(h, &s, NULL, NULL);
        if (e == JET_errSuccess)
            JetEndSession(s, 0);
        JetTerm(h);
        assert_jet_ok(e);
    } else {
        assert_true(g_fr.err == JET_errNotInitialized || g_fr.err == JET_errInvalidParameter);
    }
    JetTerm(h);
    pthread_cond_destroy(&g_fr.cond);
    pthread_mutex_destroy(&g_fr.mu);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_discard_is_idempotent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_concurrent_term_of_created_instance, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_stress, setup, teardown),
        cmocka_unit_test_setup_teardown(test_init_racing_failed_init, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
