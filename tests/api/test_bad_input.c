/*
 * test_bad_input.c: bad input for every exported function of the
 * foundation (instances, sessions, system parameters, events): NULL
 * pointers, bogus and stale handles (including a handle of the other kind),
 * unknown grbits, wrong parameter types, out-of-range values, malformed
 * UTF-32 (W) and UTF-16 (W_u16) strings.  Each case checks the JET_err code
 * AND that nothing changed: no instance was created or freed, no mode was
 * chosen, an instance is still in the state it was in and still usable, a
 * parameter keeps its value, no session leaked, a session keeps working.
 *
 * The table in docs of the review (and the existing tests in
 * test_instance.c, test_session.c, test_param_api.c, test_os_fault.c) say
 * which test covers which cell.
 *
 * Every test leaves the process with no instance and no mode.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "api/api_w16.h"
#include "jetdb.h"

static char *g_dir;

/* Malformed wide strings: UTF-32 (wchar_t on Linux) and UTF-16 (_u16). */
static const wchar_t bad32_lone_high[] = { L'a', (wchar_t)0xD800, 0 };
static const wchar_t bad32_lone_low[] = { (wchar_t)0xDFFF, 0 };
static const wchar_t bad32_too_big[] = { (wchar_t)0x110000, 0 };
static const wchar_t bad32_negative[] = { (wchar_t)-1, 0 };
static const wchar_t *const bad32[] = { bad32_lone_high, bad32_lone_low, bad32_too_big,
                                        bad32_negative };
#define N_BAD32 (sizeof bad32 / sizeof bad32[0])

static const uint16_t bad16_high_at_end[] = { 'a', 0xD800, 0 };
static const uint16_t bad16_lone_low[] = { 0xDC00, 'b', 0 };
static const uint16_t bad16_high_then_char[] = { 0xDBFF, 'c', 0 };
static const uint16_t bad16_two_highs[] = { 0xD800, 0xD800, 0xDC00, 0 };
static const uint16_t *const bad16[] = { bad16_high_at_end, bad16_lone_low,
                                         bad16_high_then_char, bad16_two_highs };
#define N_BAD16 (sizeof bad16 / sizeof bad16[0])
#define W16(p) ((JET_PCWSTR)(const void *)(p))
/* the same for the non-const WCHAR * fields of JET_RSTMAP_W */
#define WMUT(p) ((WCHAR *)(uintptr_t)(p))

/* Handles that name nothing. */
static const JET_INSTANCE garbage_instances[] = { 1, 0x12345, 0xdeadbeef,
                                                  (JET_INSTANCE)0x7fff00000001ULL };

/* ---- helpers ------------------------------------------------------------ */

static uint32_t instance_count(void)
{
    uint32_t n = 0;
    JET_INSTANCE_INFO_A *info = NULL;
    assert_jet_ok(JetGetInstanceInfoA(&n, &info));
    assert_jet_ok(JetFreeBuffer((char *)info));
    return n;
}

/* The process has no mode: a global-init parameter may still change. */
static void assert_no_mode(void)
{
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramMaxInstances, 17, NULL));
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramMaxInstances, 16, NULL));
}

/* Nothing at all exists: no instance, no mode. */
static void assert_pristine(void)
{
    assert_int_equal(instance_count(), 0);
    assert_no_mode();
}

static int setup(void **state)
{
    (void)state;
    g_dir = tu_mkdtemp("badin");
    JetDbSetEventCallback(NULL, NULL, JETDB_bitEventNoSyslog);
    return chdir(g_dir);
}

static int teardown(void **state)
{
    (void)state;
    assert_pristine();
    if (chdir("/") != 0)
        return -1;
    tu_rmtree(g_dir);
    free(g_dir);
    return 0;
}

/* An instance whose files live in <g_dir>/<sub>/, created, not initialised. */
static JET_INSTANCE make_instance(const char *name, const char *sub)
{
    JET_INSTANCE inst = 0;
    assert_jet_ok(JetCreateInstanceA(&inst, name));
    char folder[4200];
    snprintf(folder, sizeof folder, "%s/%s/", g_dir, sub);
    assert_jet_ok(JetSetSystemParameterA(&inst, 0, JET_paramSystemPath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(&inst, 0, JET_paramLogFilePath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(&inst, 0, JET_paramTempPath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(&inst, 0, JET_paramCreatePathIfNotExist, 1, NULL));
    return inst;
}

static JET_INSTANCE make_running(const char *name, const char *sub)
{
    JET_INSTANCE inst = make_instance(name, sub);
    assert_jet_ok(JetInit(&inst));
    return inst;
}

/* The instance is initialised, not stopped, and sessions work. */
static void assert_running(JET_INSTANCE inst)
{
    JET_SESID ses = 0;
    assert_jet_ok(JetBeginSessionA(inst, &ses, NULL, NULL));
    uint32_t v = 0;
    assert_jet_ok(JetGetVersion(ses, &v));
    assert_jet_ok(JetEndSession(ses, 0));
}

/* The instance exists but was never initialised. */
static void assert_created(JET_INSTANCE inst)
{
    JET_SESID ses = 0x55;
    assert_jet(JET_errNotInitialized, JetBeginSessionA(inst, &ses, NULL, NULL));
    assert_int_equal(ses, 0x55);
    uint32_t n = 0;
    JET_INSTANCE_INFO_A *info = NULL;
    assert_jet_ok(JetGetInstanceInfoA(&n, &info));
    int found = 0;
    for (uint32_t i = 0; i < n; i++)
        found += info[i].hInstanceId == inst;
    JetFreeBuffer((char *)info);
    assert_int_equal(found, 1);
}

static JET_API_PTR get_num(JET_INSTANCE inst, uint32_t id)
{
    JET_API_PTR v = 0xdeadbeef;
    assert_jet_ok(JetGetSystemParameterA(inst, 0, id, &v, NULL, 0));
    return v;
}

static const char *get_str(JET_INSTANCE inst, uint32_t id)
{
    static char buf[4200];
    assert_jet_ok(JetGetSystemParameterA(inst, 0, id, NULL, buf, sizeof buf));
    return buf;
}

/* ---- handle kinds ------------------------------------------------------- */

/*
 * A session handle passed as an instance handle (or the reverse) must be
 * refused, whatever generation counters the two tables have reached.
 * Regression: both kinds were (generation << bits) | (slot + 1) with 16 and
 * 20 bits, so instance generation 16*g in slot k equalled session
 * generation g in slot k: JetTerm(sesid) terminated an instance and
 * JetGetVersion(instance) worked.  This walks the instance generations past
 * the value of a live session handle and checks every step.  It must run
 * first in this program (fresh counters).
 */
static void test_handle_kinds_not_interchangeable(void **state)
{
    (void)state;
    JET_INSTANCE run = make_running("kinds", "kinds");        /* instance slot 0 */
    JET_SESID s1 = 0, s2 = 0;
    assert_jet_ok(JetBeginSessionA(run, &s1, NULL, NULL));    /* session slot 0 */
    assert_jet_ok(JetBeginSessionA(run, &s2, NULL, NULL));    /* session slot 1 */

    int steps = 0;
    for (;;) {
        JET_INSTANCE probe = 0;
        assert_jet_ok(JetCreateInstanceA(&probe, "probe"));   /* instance slot 1 */
        uint32_t v = 0;
        JET_SESID out = 0;
        /* the instance handle is no session ... */
        assert_jet(JET_errInvalidSesid, JetGetVersion((JET_SESID)probe, &v));
        assert_jet(JET_errInvalidSesid, JetDupSession((JET_SESID)probe, &out));
        /* ... and the session handles are no instances */
        assert_jet(JET_errInvalidInstance, JetBeginSessionA((JET_INSTANCE)s2, &out, NULL, NULL));
        assert_jet(JET_errInvalidInstance, JetStopServiceInstance2((JET_INSTANCE)s2, 0x2));
        assert_jet(JET_errInvalidInstance, JetTerm((JET_INSTANCE)s1));
        assert_jet_ok(JetTerm(probe));
        steps++;
        if (probe > (JET_INSTANCE)s2)
            break;
        assert_true(steps < 100000);
    }
    /* nothing was terminated or ended by the wrong-kind calls */
    uint32_t v = 0;
    assert_jet_ok(JetGetVersion(s1, &v));
    assert_jet_ok(JetGetVersion(s2, &v));
    assert_int_equal(instance_count(), 1);
    assert_running(run);
    assert_jet_ok(JetEndSession(s1, 0));
    assert_jet_ok(JetEndSession(s2, 0));
    assert_jet_ok(JetTerm(run));
}

/* ---- JetCreateInstance(A/W), JetCreateInstance2(A/W), _u16 ---------------- */

static void test_create_instance_null_and_grbits(void **state)
{
    (void)state;
    /* NULL pinstance: every form */
    assert_jet(JET_errInvalidParameter, JetCreateInstanceA(NULL, "a"));
    assert_jet(JET_errInvalidParameter, JetCreateInstanceW(NULL, L"a"));
    assert_jet(JET_errInvalidParameter, JetCreateInstanceW_u16(NULL, W16(u"a")));
    assert_jet(JET_errInvalidParameter, JetCreateInstance2A(NULL, "a", "d", 0));
    assert_jet(JET_errInvalidParameter, JetCreateInstance2W(NULL, L"a", L"d", 0));
    assert_jet(JET_errInvalidParameter, JetCreateInstance2W_u16(NULL, W16(u"a"), NULL, 0));
    assert_pristine();

    /* unknown (reserved) grbits: refused, *pinstance untouched */
    const JET_GRBIT grbits[] = { 0x1, 0x10, 0x80000000u, 0xffffffffu };
    for (size_t i = 0; i < sizeof grbits / sizeof grbits[0]; i++) {
        JET_INSTANCE inst = 0x4242;
        assert_jet(JET_errInvalidGrbit, JetCreateInstance2A(&inst, "g", NULL, grbits[i]));
        assert_int_equal(inst, 0x4242);
        assert_jet(JET_errInvalidGrbit, JetCreateInstance2W(&inst, L"g", NULL, grbits[i]));
        assert_jet(JET_errInvalidGrbit,
                   JetCreateInstance2W_u16(&inst, W16(u"g"), NULL, grbits[i]));
        assert_int_equal(inst, 0x4242);
    }
    assert_pristine();
}

static void test_create_instance_bad_wide_strings(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_BAD32; i++) {
        JET_INSTANCE inst = 0x4242;
        assert_jet(JET_errInvalidParameter, JetCreateInstanceW(&inst, bad32[i]));
        assert_jet(JET_errInvalidParameter, JetCreateInstance2W(&inst, bad32[i], L"d", 0));
        assert_jet(JET_errInvalidParameter, JetCreateInstance2W(&inst, L"n", bad32[i], 0));
        assert_int_equal(inst, 0x4242);
    }
    for (size_t i = 0; i < N_BAD16; i++) {
        JET_INSTANCE inst = 0x4242;
        assert_jet(JET_errInvalidParameter, JetCreateInstanceW_u16(&inst, W16(bad16[i])));
        assert_jet(JET_errInvalidParameter,
                   JetCreateInstance2W_u16(&inst, W16(bad16[i]), NULL, 0));
        assert_jet(JET_errInvalidParameter,
                   JetCreateInstance2W_u16(&inst, W16(u"n"), W16(bad16[i]), 0));
        assert_int_equal(inst, 0x4242);
    }
    /* no instance, no mode: legacy mode can still be chosen */
    assert_pristine();
    assert_jet_ok(JetInit(NULL));
    assert_jet_ok(JetTerm(0));
}

static void test_create_instance_conflicts_change_nothing(void **state)
{
    (void)state;
    JET_INSTANCE a = make_running("caf\xc3\xa9", "a");
    JET_INSTANCE dup = 0;
    /* the same name through every form */
    assert_jet(JET_errInstanceNameInUse, JetCreateInstanceA(&dup, "caf\xc3\xa9"));
    assert_int_equal(dup, JET_instanceNil);
    dup = 0;
    assert_jet(JET_errInstanceNameInUse, JetCreateInstanceW(&dup, L"caf\u00e9"));
    assert_int_equal(dup, JET_instanceNil);
    dup = 0;
    assert_jet(JET_errInstanceNameInUse, JetCreateInstanceW_u16(&dup, W16(u"caf\u00e9")));
    assert_int_equal(dup, JET_instanceNil);
    dup = 0;
    assert_jet(JET_errInstanceNameInUse, JetCreateInstance2A(&dup, "caf\xc3\xa9", "x", 0));
    assert_int_equal(instance_count(), 1);
    assert_running(a);
    assert_jet_ok(JetTerm(a));

    /* legacy mode refuses every create form; the legacy instance lives on */
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramCreatePathIfNotExist, 1, NULL));
    JET_INSTANCE legacy = 0;
    assert_jet_ok(JetInit(&legacy));
    dup = 0;
    assert_jet(JET_errRunningInOneInstanceMode, JetCreateInstanceA(&dup, "x"));
    assert_int_equal(dup, JET_instanceNil);
    assert_jet(JET_errRunningInOneInstanceMode, JetCreateInstanceW(&dup, L"x"));
    assert_jet(JET_errRunningInOneInstanceMode, JetCreateInstance2W_u16(&dup, NULL, NULL, 0));
    assert_int_equal(instance_count(), 1);
    assert_running(legacy);
    assert_jet_ok(JetTerm(legacy));
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramCreatePathIfNotExist, 0, NULL));
}

/* ---- JetInit, JetInit2, JetInit3(A/W), _u16 ------------------------------ */

typedef JET_ERR (*init_fn)(JET_INSTANCE *pinstance, JET_GRBIT grbit);
static JET_ERR init2(JET_INSTANCE *p, JET_GRBIT g) { return JetInit2(p, g); }
static JET_ERR init3a(JET_INSTANCE *p, JET_GRBIT g) { return JetInit3A(p, NULL, g); }
static JET_ERR init3w(JET_INSTANCE *p, JET_GRBIT g) { return JetInit3W(p, NULL, g); }
static JET_ERR init3w16(JET_INSTANCE *p, JET_GRBIT g) { return JetInit3W_u16(p, NULL, g); }
static const init_fn init_forms[] = { init2, init3a, init3w, init3w16 };
#define N_INIT_FORMS (sizeof init_forms / sizeof init_forms[0])

static void test_init_unknown_grbits(void **state)
{
    (void)state;
    const JET_GRBIT grbits[] = { 0x1, 0x80000000u, 0xffffffffu };
    /* no mode: nothing is allocated, no mode is chosen */
    for (size_t f = 0; f < N_INIT_FORMS; f++) {
        for (size_t g = 0; g < sizeof grbits / sizeof grbits[0]; g++) {
            assert_jet(JET_errInvalidGrbit, init_forms[f](NULL, grbits[g]));
            JET_INSTANCE zero = 0;
            assert_jet(JET_errInvalidGrbit, init_forms[f](&zero, grbits[g]));
            assert_int_equal(zero, 0);
        }
    }
    assert_pristine();

    /* a created instance stays created */
    JET_INSTANCE inst = make_instance("g", "g");
    const JET_INSTANCE copy = inst;
    for (size_t f = 0; f < N_INIT_FORMS; f++) {
        for (size_t g = 0; g < sizeof grbits / sizeof grbits[0]; g++) {
            assert_jet(JET_errInvalidGrbit, init_forms[f](&inst, grbits[g]));
            assert_int_equal(inst, copy);
        }
    }
    assert_created(inst);
    assert_false(tu_exists("g"));           /* no folder was made */
    /* a valid grbit still works afterwards */
    assert_jet_ok(JetInit2(&inst, JET_bitReplayIgnoreMissingDB));
    assert_running(inst);
    /* a running instance stays running */
    for (size_t f = 0; f < N_INIT_FORMS; f++)
        assert_jet(JET_errInvalidGrbit, init_forms[f](&inst, 0x40000000u));
    assert_running(inst);
    assert_jet_ok(JetTerm(inst));
}

static void test_init_bad_rstinfo(void **state)
{
    (void)state;
    JET_INSTANCE inst = make_instance("r", "r");
    const JET_INSTANCE copy = inst;
    JET_RSTMAP_A amap = { "a.edb", "b.edb" };
    JET_RSTMAP_A anull = { NULL, "b.edb" };
    JET_RSTINFO_A a;
    memset(&a, 0, sizeof a);

    a.cbStruct = 0;                                     /* wrong size */
    assert_jet(JET_errInvalidParameter, JetInit3A(&inst, &a, 0));
    a.cbStruct = sizeof a + 8;
    assert_jet(JET_errInvalidParameter, JetInit3A(&inst, &a, 0));
    a.cbStruct = sizeof a;
    a.crstmap = 1;                                      /* count, no map */
    assert_jet(JET_errInvalidParameter, JetInit3A(&inst, &a, 0));
    a.rgrstmap = &amap;
    a.crstmap = 0;                                      /* map, no count */
    assert_jet(JET_errInvalidParameter, JetInit3A(&inst, &a, 0));
    a.crstmap = -1;                                     /* negative count */
    assert_jet(JET_errInvalidParameter, JetInit3A(&inst, &a, 0));
    a.rgrstmap = &anull;                                /* no database name */
    a.crstmap = 1;
    assert_jet(JET_errInvalidParameter, JetInit3A(&inst, &a, 0));
    assert_int_equal(inst, copy);

    JET_RSTMAP_W wmap = { L"a.edb", L"b.edb" };
    JET_RSTMAP_W wnull = { NULL, L"b.edb" };
    JET_RSTINFO_W w;
    memset(&w, 0, sizeof w);
    w.cbStruct = sizeof w - 1;
    assert_jet(JET_errInvalidParameter, JetInit3W(&inst, &w, 0));
    assert_jet(JET_errInvalidParameter, JetInit3W_u16(&inst, &w, 0));
    w.cbStruct = sizeof w;
    w.crstmap = 2;
    assert_jet(JET_errInvalidParameter, JetInit3W(&inst, &w, 0));
    assert_jet(JET_errInvalidParameter, JetInit3W_u16(&inst, &w, 0));
    w.rgrstmap = &wmap;
    w.crstmap = 0;
    assert_jet(JET_errInvalidParameter, JetInit3W(&inst, &w, 0));
    w.crstmap = -3;
    assert_jet(JET_errInvalidParameter, JetInit3W(&inst, &w, 0));
    w.rgrstmap = &wnull;
    w.crstmap = 1;
    assert_jet(JET_errInvalidParameter, JetInit3W(&inst, &w, 0));
    assert_jet(JET_errInvalidParameter, JetInit3W_u16(&inst, &w, 0));

    /* malformed names in the restore map */
    for (size_t i = 0; i < N_BAD32; i++) {
        JET_RSTMAP_W m1 = { WMUT(bad32[i]), L"b.edb" }, m2 = { L"a.edb", WMUT(bad32[i]) };
        w.rgrstmap = &m1;
        assert_jet(JET_errInvalidParameter, JetInit3W(&inst, &w, 0));
        w.rgrstmap = &m2;
        assert_jet(JET_errInvalidParameter, JetInit3W(&inst, &w, 0));
    }
    for (size_t i = 0; i < N_BAD16; i++) {
        JET_RSTMAP_W m1 = { WMUT(bad16[i]), WMUT(u"b.edb") };
        JET_RSTMAP_W m2 = { WMUT(u"a.edb"), WMUT(bad16[i]) };
        w.rgrstmap = &m1;
        assert_jet(JET_errInvalidParameter, JetInit3W_u16(&inst, &w, 0));
        w.rgrstmap = &m2;
        assert_jet(JET_errInvalidParameter, JetInit3W_u16(&inst, &w, 0));
    }
    assert_int_equal(inst, copy);
    assert_created(inst);
    assert_false(tu_exists("r"));
    /* the same instance initialises fine with good arguments */
    a.rgrstmap = &amap;
    a.crstmap = 1;
    assert_jet_ok(JetInit3A(&inst, &a, 0));
    assert_int_equal(inst, copy);
    assert_running(inst);
    assert_jet_ok(JetTerm(inst));

    /* no mode: a bad JET_RSTINFO chooses no mode and allocates nothing */
    a.cbStruct = 1;
    assert_jet(JET_errInvalidParameter, JetInit3A(NULL, &a, 0));
    w.cbStruct = 1;
    assert_jet(JET_errInvalidParameter, JetInit3W(NULL, &w, 0));
    assert_jet(JET_errInvalidParameter, JetInit3W_u16(NULL, &w, 0));
}

static void test_init_bad_handles(void **state)
{
    (void)state;
    JET_INSTANCE created = make_instance("c", "c");
    JET_INSTANCE running = make_running("r", "r");
    /* multi-instance mode: a handle that names nothing */
    for (size_t i = 0; i < sizeof garbage_instances / sizeof garbage_instances[0]; i++) {
        JET_INSTANCE bogus = garbage_instances[i];
        assert_jet(JET_errInvalidParameter, JetInit(&bogus));
        assert_int_equal(bogus, garbage_instances[i]);
        assert_jet(JET_errInvalidParameter, JetInit3W(&bogus, NULL, 0));
        assert_int_equal(bogus, garbage_instances[i]);
    }
    /* a stale handle */
    JET_INSTANCE gone = make_instance("gone", "gone");
    const JET_INSTANCE stale = gone;
    assert_jet_ok(JetTerm(gone));
    gone = stale;
    assert_jet(JET_errInvalidParameter, JetInit(&gone));
    assert_int_equal(gone, stale);
    /* a session handle is not an instance */
    JET_SESID ses = 0;
    assert_jet_ok(JetBeginSessionA(running, &ses, NULL, NULL));
    JET_INSTANCE as_inst = (JET_INSTANCE)ses;
    assert_jet(JET_errInvalidParameter, JetInit(&as_inst));
    assert_int_equal(as_inst, (JET_INSTANCE)ses);
    assert_jet_ok(JetEndSession(ses, 0));
    /* NULL: a legacy call in multi-instance mode */
    assert_jet(JET_errRunningInMultiInstanceMode, JetInit(NULL));
    assert_jet(JET_errRunningInMultiInstanceMode, JetInit2(NULL, 0));
    assert_jet(JET_errRunningInMultiInstanceMode, JetInit3W(NULL, NULL, 0));
    /* initialised already */
    JET_INSTANCE again = running;
    assert_jet(JET_errAlreadyInitialized, JetInit(&again));
    assert_int_equal(again, running);

    assert_int_equal(instance_count(), 2);
    assert_created(created);
    assert_running(running);
    assert_jet_ok(JetTerm(created));
    assert_jet_ok(JetTerm(running));

    /* legacy mode: a second JetInit, whatever it names, is refused */
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramCreatePathIfNotExist, 1, NULL));
    JET_INSTANCE legacy = 0;
    assert_jet_ok(JetInit(&legacy));
    JET_INSTANCE other = 0;
    assert_jet(JET_errAlreadyInitialized, JetInit(&other));
    assert_jet(JET_errAlreadyInitialized, JetInit(NULL));
    other = 0xdeadbeef;
    assert_jet(JET_errAlreadyInitialized, JetInit(&other));
    assert_int_equal(instance_count(), 1);
    assert_running(legacy);
    assert_jet_ok(JetTerm(legacy));
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramCreatePathIfNotExist, 0, NULL));
}

/* ---- JetTerm, JetTerm2 ------------------------------------------------------ */

static void test_term_bad_input(void **state)
{
    (void)state;
    /* no mode */
    assert_jet(JET_errInvalidParameter, JetTerm(0));
    assert_jet(JET_errInvalidParameter, JetTerm2(JET_instanceNil, 0));
    for (size_t i = 0; i < sizeof garbage_instances / sizeof garbage_instances[0]; i++) {
        assert_jet(JET_errInvalidInstance, JetTerm(garbage_instances[i]));
        assert_jet(JET_errInvalidInstance, JetTerm2(garbage_instances[i], JET_bitTermComplete));
    }
    assert_pristine();

    JET_INSTANCE created = make_instance("c", "c");
    JET_INSTANCE running = make_running("r", "r");
    /* unknown grbits: nothing happens to either instance */
    const JET_GRBIT grbits[] = { 0x10, 0x100, 0x80000000u, 0xfffffff0u };
    for (size_t g = 0; g < sizeof grbits / sizeof grbits[0]; g++) {
        assert_jet(JET_errInvalidGrbit, JetTerm2(running, grbits[g]));
        assert_jet(JET_errInvalidGrbit, JetTerm2(running, grbits[g] | JET_bitTermDirty));
        assert_jet(JET_errInvalidGrbit, JetTerm2(created, grbits[g]));
    }
    /* multi-instance mode: 0 / nil / garbage / a session handle */
    assert_jet(JET_errInvalidParameter, JetTerm(0));
    assert_jet(JET_errInvalidParameter, JetTerm(JET_instanceNil));
    assert_jet(JET_errInvalidParameter, JetTerm2(0, JET_bitTermAbrupt));
    for (size_t i = 0; i < sizeof garbage_instances / sizeof garbage_instances[0]; i++)
        assert_jet(JET_errInvalidInstance, JetTerm(garbage_instances[i]));
    JET_SESID ses = 0;
    assert_jet_ok(JetBeginSessionA(running, &ses, NULL, NULL));
    assert_jet(JET_errInvalidInstance, JetTerm((JET_INSTANCE)ses));
    assert_jet_ok(JetEndSession(ses, 0));
    assert_int_equal(instance_count(), 2);
    assert_created(created);
    assert_running(running);

    /* stale handles */
    const JET_INSTANCE stale = created;
    assert_jet_ok(JetTerm(created));
    assert_jet(JET_errInvalidInstance, JetTerm(stale));
    assert_jet(JET_errInvalidInstance, JetTerm2(stale, JET_bitTermDirty));
    assert_running(running);
    assert_jet_ok(JetTerm2(running, JET_bitTermComplete));
    assert_jet(JET_errInvalidInstance, JetTerm(running));

    /* legacy mode: a garbage handle is refused, the instance lives on */
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramCreatePathIfNotExist, 1, NULL));
    JET_INSTANCE legacy = 0;
    assert_jet_ok(JetInit(&legacy));
    assert_jet(JET_errInvalidInstance, JetTerm(0xdeadbeef));
    assert_jet(JET_errInvalidGrbit, JetTerm2(0, 0x20));
    assert_running(legacy);
    assert_jet_ok(JetTerm2(0, JET_bitTermComplete));  /* legacy: the handle is ignored */
    assert_jet(JET_errInvalidInstance, JetTerm(legacy));   /* stale */
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramCreatePathIfNotExist, 0, NULL));
}

/* ---- JetStopService, JetStopServiceInstance, JetStopServiceInstance2 ------- */

static void test_stop_service_bad_input(void **state)
{
    (void)state;
    /* no mode */
    assert_jet(JET_errInvalidParameter, JetStopService());
    assert_jet(JET_errInvalidParameter, JetStopServiceInstance(0));
    assert_jet(JET_errInvalidParameter, JetStopServiceInstance2(0, 0));
    assert_jet(JET_errInvalidInstance, JetStopServiceInstance(0xdeadbeef));
    assert_jet(JET_errInvalidInstance, JetStopServiceInstance2(0xdeadbeef, 0x2));
    assert_pristine();

    JET_INSTANCE created = make_instance("c", "c");
    JET_INSTANCE running = make_running("r", "r");
    /* the legacy form in multi-instance mode */
    assert_jet(JET_errRunningInMultiInstanceMode, JetStopService());
    /* 0 / nil / garbage / stale / a session handle */
    assert_jet(JET_errInvalidParameter, JetStopServiceInstance(0));
    assert_jet(JET_errInvalidParameter, JetStopServiceInstance(JET_instanceNil));
    assert_jet(JET_errInvalidParameter, JetStopServiceInstance2(JET_instanceNil, 0));
    for (size_t i = 0; i < sizeof garbage_instances / sizeof garbage_instances[0]; i++) {
        assert_jet(JET_errInvalidInstance, JetStopServiceInstance(garbage_instances[i]));
        assert_jet(JET_errInvalidInstance, JetStopServiceInstance2(garbage_instances[i], 0));
    }
    JET_INSTANCE gone = make_instance("gone", "gone");
    assert_jet_ok(JetTerm(gone));
    assert_jet(JET_errInvalidInstance, JetStopServiceInstance(gone));
    assert_jet(JET_errInvalidInstance, JetStopServiceInstance2(gone, 0));
    JET_SESID ses = 0;
    assert_jet_ok(JetBeginSessionA(running, &ses, NULL, NULL));
    assert_jet(JET_errInvalidInstance, JetStopServiceInstance((JET_INSTANCE)ses));
    assert_jet(JET_errInvalidInstance, JetStopServiceInstance2((JET_INSTANCE)ses, 0));

    /* unknown grbits, alone or with valid ones, with or without Resume */
    const JET_GRBIT grbits[] = { 0x1, 0x10, 0x100, 0x40000000u, 0x2 | 0x1,
                                 JET_bitStopServiceResume | 0x1,
                                 JET_bitStopServiceResume | 0x10, 0xffffffffu };
    for (size_t g = 0; g < sizeof grbits / sizeof grbits[0]; g++) {
        assert_jet(JET_errInvalidGrbit, JetStopServiceInstance2(running, grbits[g]));
        assert_jet(JET_errInvalidGrbit, JetStopServiceInstance2(created, grbits[g]));
    }
    /* a full stop of an instance that was never initialised is refused ... */
    assert_jet(JET_errNotInitialized, JetStopServiceInstance2(created, JET_bitStopServiceAll));
    /* ... and none of the above stopped anything */
    uint32_t v = 0;
    assert_jet_ok(JetGetVersion(ses, &v));
    assert_jet_ok(JetEndSession(ses, 0));
    assert_running(running);
    assert_jet_ok(JetSetSystemParameterA(&created, 0, JET_paramCheckpointDepthMax, 1 << 20,
                                         NULL));
    assert_jet_ok(JetInit(&created));
    assert_running(created);
    assert_jet_ok(JetTerm(created));
    assert_jet_ok(JetTerm(running));
}

/* ---- JetStopBackupInstance / JetStopBackup (also exported here) ------------ */

static void test_stop_backup_bad_input(void **state)
{
    (void)state;
    assert_jet(JET_errInvalidParameter, JetStopBackup());
    assert_jet(JET_errInvalidParameter, JetStopBackupInstance(0));
    assert_jet(JET_errInvalidParameter, JetStopBackupInstance(0xdeadbeef));
    assert_pristine();
    JET_INSTANCE running = make_running("r", "r");
    assert_jet(JET_errRunningInMultiInstanceMode, JetStopBackup());
    assert_jet(JET_errInvalidParameter, JetStopBackupInstance(JET_instanceNil));
    JET_SESID ses = 0;
    assert_jet_ok(JetBeginSessionA(running, &ses, NULL, NULL));
    assert_jet(JET_errInvalidParameter, JetStopBackupInstance((JET_INSTANCE)ses));
    assert_jet_ok(JetEndSession(ses, 0));
    assert_running(running);
    assert_jet_ok(JetTerm(running));
}

/* ---- JetGetInstanceInfo(A/W), _u16, JetFreeBuffer ---------------------------- */

static void test_instance_info_bad_input(void **state)
{
    (void)state;
    JET_INSTANCE inst = make_instance("info", "info");
    uint32_t n = 77;
    JET_INSTANCE_INFO_A *a = (JET_INSTANCE_INFO_A *)(uintptr_t)0x1;
    JET_INSTANCE_INFO_W *w = (JET_INSTANCE_INFO_W *)(uintptr_t)0x1;
    assert_jet(JET_errInvalidParameter, JetGetInstanceInfoA(NULL, NULL));
    assert_jet(JET_errInvalidParameter, JetGetInstanceInfoA(&n, NULL));
    assert_jet(JET_errInvalidParameter, JetGetInstanceInfoA(NULL, &a));
    assert_jet(JET_errInvalidParameter, JetGetInstanceInfoW(NULL, NULL));
    assert_jet(JET_errInvalidParameter, JetGetInstanceInfoW(&n, NULL));
    assert_jet(JET_errInvalidParameter, JetGetInstanceInfoW(NULL, &w));
    assert_jet(JET_errInvalidParameter, JetGetInstanceInfoW_u16(NULL, NULL));
    assert_jet(JET_errInvalidParameter, JetGetInstanceInfoW_u16(&n, NULL));
    assert_jet(JET_errInvalidParameter, JetGetInstanceInfoW_u16(NULL, &w));
    /* outputs untouched */
    assert_int_equal(n, 77);
    assert_ptr_equal(a, (void *)(uintptr_t)0x1);
    assert_ptr_equal(w, (void *)(uintptr_t)0x1);
    /* JetFreeBuffer accepts NULL */
    assert_jet_ok(JetFreeBuffer(NULL));
    assert_created(inst);
    assert_jet_ok(JetTerm(inst));
}

/* ---- JetBeginSession(A/W), _u16 --------------------------------------------- */

typedef JET_ERR (*begin_fn)(JET_INSTANCE, JET_SESID *);
static JET_ERR begin_a(JET_INSTANCE i, JET_SESID *p) { return JetBeginSessionA(i, p, "u", "p"); }
static JET_ERR begin_w(JET_INSTANCE i, JET_SESID *p) { return JetBeginSessionW(i, p, L"u", L"p"); }
static JET_ERR begin_w16(JET_INSTANCE i, JET_SESID *p)
{
    return JetBeginSessionW_u16(i, p, W16(u"u"), W16(u"p"));
}
static const begin_fn begin_forms[] = { begin_a, begin_w, begin_w16 };
#define N_BEGIN_FORMS (sizeof begin_forms / sizeof begin_forms[0])

static void test_begin_session_bad_input(void **state)
{
    (void)state;
    /* no mode */
    for (size_t f = 0; f < N_BEGIN_FORMS; f++) {
        JET_SESID ses = 0x99;
        assert_jet(JET_errInvalidParameter, begin_forms[f](0, &ses));
        assert_jet(JET_errInvalidInstance, begin_forms[f](0xdeadbeef, &ses));
        assert_int_equal(ses, 0x99);
    }
    assert_pristine();

    /* one session allowed: a leaked session would make the final begin fail */
    JET_INSTANCE inst = make_instance("s", "s");
    assert_jet_ok(JetSetSystemParameterA(&inst, 0, JET_paramMaxSessions, 1, NULL));
    JET_INSTANCE created = make_instance("c", "c");
    JET_INSTANCE gone = make_instance("gone", "gone");
    assert_jet_ok(JetTerm(gone));
    assert_jet_ok(JetInit(&inst));

    for (size_t f = 0; f < N_BEGIN_FORMS; f++) {
        JET_SESID ses = 0x99;
        assert_jet(JET_errInvalidParameter, begin_forms[f](inst, NULL));
        assert_jet(JET_errInvalidParameter, begin_forms[f](0, &ses));
        assert_jet(JET_errInvalidParameter, begin_forms[f](JET_instanceNil, &ses));
        for (size_t i = 0; i < sizeof garbage_instances / sizeof garbage_instances[0]; i++)
            assert_jet(JET_errInvalidInstance, begin_forms[f](garbage_instances[i], &ses));
        assert_jet(JET_errInvalidInstance, begin_forms[f](gone, &ses));
        assert_jet(JET_errNotInitialized, begin_forms[f](created, &ses));
        assert_int_equal(ses, 0x99);
    }
    /* malformed user names / passwords */
    for (size_t i = 0; i < N_BAD32; i++) {
        JET_SESID ses = 0x99;
        assert_jet(JET_errInvalidParameter, JetBeginSessionW(inst, &ses, bad32[i], NULL));
        assert_jet(JET_errInvalidParameter, JetBeginSessionW(inst, &ses, L"u", bad32[i]));
        assert_int_equal(ses, 0x99);
    }
    for (size_t i = 0; i < N_BAD16; i++) {
        JET_SESID ses = 0x99;
        assert_jet(JET_errInvalidParameter,
                   JetBeginSessionW_u16(inst, &ses, W16(bad16[i]), NULL));
        assert_jet(JET_errInvalidParameter,
                   JetBeginSessionW_u16(inst, &ses, NULL, W16(bad16[i])));
        assert_int_equal(ses, 0x99);
    }
    /* no session leaked: the single allowed one can be begun, a second not */
    JET_SESID ses = 0, more = 0;
    assert_jet_ok(JetBeginSessionA(inst, &ses, NULL, NULL));
    assert_jet(JET_errOutOfSessions, JetBeginSessionA(inst, &more, NULL, NULL));
    /* a session handle is not an instance */
    assert_jet(JET_errInvalidInstance, JetBeginSessionA((JET_INSTANCE)ses, &more, NULL, NULL));
    assert_jet_ok(JetEndSession(ses, 0));
    assert_created(created);
    assert_jet_ok(JetTerm(created));
    assert_jet_ok(JetTerm(inst));
}

/* ---- JetEndSession, JetDupSession, JetSetSessionContext,
 *      JetResetSessionContext, JetGetVersion ------------------------------------ */

/* Every session call with a sesid that names no session. */
static void expect_invalid_sesid(JET_SESID bogus)
{
    uint32_t v = 0x1234;
    JET_SESID out = 0x99;
    assert_jet(JET_errInvalidSesid, JetEndSession(bogus, 0));
    assert_jet(JET_errInvalidSesid, JetDupSession(bogus, &out));
    assert_jet(JET_errInvalidSesid, JetSetSessionContext(bogus, 7));
    assert_jet(JET_errInvalidSesid, JetResetSessionContext(bogus));
    assert_jet(JET_errInvalidSesid, JetGetVersion(bogus, &v));
    assert_int_equal(v, 0x1234);
    assert_int_equal(out, 0x99);
}

static void test_session_calls_bad_input(void **state)
{
    (void)state;
    /* no instance at all */
    expect_invalid_sesid(0);
    expect_invalid_sesid(JET_sesidNil);
    expect_invalid_sesid(0x100001);
    assert_pristine();

    JET_INSTANCE inst = make_instance("s", "s");
    assert_jet_ok(JetSetSystemParameterA(&inst, 0, JET_paramMaxSessions, 2, NULL));
    assert_jet_ok(JetInit(&inst));
    JET_SESID ses = 0;
    assert_jet_ok(JetBeginSessionA(inst, &ses, NULL, NULL));

    const JET_SESID bogus[] = { 0, JET_sesidNil, 1, 0x12345, 0xdeadbeef, ses ^ 0x1,
                                ses + ((JET_SESID)1 << 40), (JET_SESID)inst,
                                (JET_SESID)&ses };
    for (size_t i = 0; i < sizeof bogus / sizeof bogus[0]; i++)
        expect_invalid_sesid(bogus[i]);

    /* JetEndSession: unknown grbits, the session survives */
    const JET_GRBIT grbits[] = { 0x1, 0x2, 0x80000000u, 0xffffffffu };
    for (size_t g = 0; g < sizeof grbits / sizeof grbits[0]; g++)
        assert_jet(JET_errInvalidGrbit, JetEndSession(ses, grbits[g]));
    /* JetDupSession: NULL out, no session made (one slot left, checked below) */
    assert_jet(JET_errInvalidParameter, JetDupSession(ses, NULL));
    /* JetGetVersion: NULL out */
    assert_jet(JET_errInvalidParameter, JetGetVersion(ses, NULL));
    /* JetSetSessionContext: the reserved values set nothing */
    assert_jet(JET_errInvalidParameter, JetSetSessionContext(ses, 0));
    assert_jet(JET_errInvalidParameter, JetSetSessionContext(ses, ~(JET_API_PTR)0));
    assert_jet(JET_errSessionContextNotSetByThisThread, JetResetSessionContext(ses));
    /* JetResetSessionContext with no context set: still no context */
    assert_jet(JET_errSessionContextNotSetByThisThread, JetResetSessionContext(ses));

    /* nothing changed: the session works, has no context, one slot is free */
    uint32_t v = 0;
    assert_jet_ok(JetGetVersion(ses, &v));
    JET_SESID dup = 0, third = 0;
    assert_jet_ok(JetDupSession(ses, &dup));
    assert_jet(JET_errOutOfSessions, JetDupSession(ses, &third));
    assert_jet(JET_errOutOfSessions, JetBeginSessionA(inst, &third, NULL, NULL));
    assert_jet_ok(JetEndSession(dup, 0));
    /* a context set after the failed attempts works normally */
    assert_jet_ok(JetSetSessionContext(ses, 0x10));
    assert_jet(JET_errSessionContextAlreadySet, JetSetSessionContext(ses, 0x11));
    assert_jet(JET_errInvalidParameter, JetSetSessionContext(ses, 0));   /* checked first */
    assert_jet_ok(JetResetSessionContext(ses));

    /* stale: an ended session, and the session of a terminated instance */
    const JET_SESID ended = dup;
    expect_invalid_sesid(ended);
    assert_jet_ok(JetEndSession(ses, 0));
    expect_invalid_sesid(ses);
    JET_SESID orphan = 0;
    assert_jet_ok(JetBeginSessionA(inst, &orphan, NULL, NULL));
    assert_jet_ok(JetTerm(inst));
    expect_invalid_sesid(orphan);
}

/* ---- JetSetSystemParameter(A/W), JetGetSystemParameter(A/W), _u16 -------- */

static void test_param_bad_input_through_instance(void **state)
{
    (void)state;
    JET_INSTANCE inst = make_instance("p", "p");
    char folder[4200];
    snprintf(folder, sizeof folder, "%s", get_str(inst, JET_paramSystemPath));
    const JET_API_PTR depth = get_num(inst, JET_paramCheckpointDepthMax);
    const JET_API_PTR gdepth = get_num(0, JET_paramCheckpointDepthMax);

    /* unknown ids, every form */
    const uint32_t bad_ids[] = { 185, JET_paramMaxValueInvalid, 222, 100000, 0xffffffffu };
    for (size_t i = 0; i < sizeof bad_ids / sizeof bad_ids[0]; i++) {
        JET_API_PTR v = 5;
        char buf[8] = "x";
        wchar_t wbuf[8] = L"x";
        assert_jet(JET_errInvalidParameter,
                   JetSetSystemParameterA(&inst, 0, bad_ids[i], 1, "s"));
        assert_jet(JET_errInvalidParameter,
                   JetSetSystemParameterW(&inst, 0, bad_ids[i], 1, L"s"));
        assert_jet(JET_errInvalidParameter,
                   JetSetSystemParameterW_u16(&inst, 0, bad_ids[i], 1, W16(u"s")));
        assert_jet(JET_errInvalidParameter,
                   JetGetSystemParameterA(inst, 0, bad_ids[i], &v, buf, sizeof buf));
        assert_jet(JET_errInvalidParameter,
                   JetGetSystemParameterW(inst, 0, bad_ids[i], &v, wbuf, sizeof wbuf));
        assert_jet(JET_errInvalidParameter,
                   JetGetSystemParameterW_u16(inst, 0, bad_ids[i], &v, wbuf, sizeof wbuf));
        assert_int_equal(v, 5);
    }

    /* out of range, every set form: neither the instance nor the global
     * value changes */
    assert_jet(JET_errInvalidParameter,
               JetSetSystemParameterA(&inst, 0, JET_paramLogFileSize, 32769, NULL));
    assert_jet(JET_errInvalidParameter,
               JetSetSystemParameterW(&inst, 0, JET_paramLogFileSize, 32769, NULL));
    assert_jet(JET_errInvalidParameter,
               JetSetSystemParameterW_u16(&inst, 0, JET_paramLogFileSize, 0, NULL));
    assert_jet(JET_errInvalidParameter,
               JetSetSystemParameterA(&inst, 0, JET_paramMaxSessions, (JET_API_PTR)-1, NULL));
    assert_jet(JET_errInvalidParameter,
               JetSetSystemParameterA(&inst, 0, JET_paramBaseName, 0, "toolong"));
    assert_jet(JET_errInvalidParameter,
               JetSetSystemParameterW(&inst, 0, JET_paramBaseName, 0, L"toolong"));
    assert_jet(JET_errInvalidParameter,
               JetSetSystemParameterW_u16(&inst, 0, JET_paramBaseName, 0, W16(u"toolong")));
    assert_int_equal(get_num(inst, JET_paramLogFileSize), 5120);
    assert_int_equal(get_num(0, JET_paramLogFileSize), 5120);
    assert_int_equal(get_num(inst, JET_paramMaxSessions), 16);
    assert_string_equal(get_str(inst, JET_paramBaseName), "edb");

    /* wrong type: a folder given through lParam only (no string) */
    assert_jet(JET_errInvalidPath,
               JetSetSystemParameterA(&inst, 0, JET_paramSystemPath, (JET_API_PTR)folder, NULL));
    assert_jet(JET_errInvalidPath,
               JetSetSystemParameterW(&inst, 0, JET_paramSystemPath, (JET_API_PTR)folder, NULL));
    assert_string_equal(get_str(inst, JET_paramSystemPath), folder);
    /* wrong buffers on get: integer without plParam, string without buffer */
    char sbuf[64];
    uint16_t u16buf[64];
    wchar_t wbuf[64];
    assert_jet(JET_errInvalidParameter,
               JetGetSystemParameterA(inst, 0, JET_paramCheckpointDepthMax, NULL, sbuf,
                                      sizeof sbuf));
    assert_jet(JET_errInvalidParameter,
               JetGetSystemParameterW(inst, 0, JET_paramCheckpointDepthMax, NULL, wbuf,
                                      sizeof wbuf));
    assert_jet(JET_errInvalidParameter,
               JetGetSystemParameterW_u16(inst, 0, JET_paramCheckpointDepthMax, NULL,
                                          (JET_PWSTR)(void *)u16buf, sizeof u16buf));
    JET_API_PTR v = 0;
    assert_jet(JET_errInvalidParameter,
               JetGetSystemParameterW_u16(inst, 0, JET_paramBaseName, &v, NULL, 64));
    assert_jet(JET_errInvalidParameter,
               JetGetSystemParameterW_u16(inst, 0, JET_paramBaseName, &v,
                                          (JET_PWSTR)(void *)u16buf, 0));
    assert_jet(JET_errInvalidParameter,
               JetGetSystemParameterW(inst, 0, JET_paramBaseName, &v, wbuf, 0));

    /* malformed strings: nothing set, on the instance or globally */
    for (size_t i = 0; i < N_BAD32; i++) {
        assert_jet(JET_errInvalidParameter,
                   JetSetSystemParameterW(&inst, 0, JET_paramSystemPath, 0, bad32[i]));
        assert_jet(JET_errInvalidParameter,
                   JetSetSystemParameterW(NULL, 0, JET_paramEventSource, 0, bad32[i]));
    }
    for (size_t i = 0; i < N_BAD16; i++) {
        assert_jet(JET_errInvalidParameter,
                   JetSetSystemParameterW_u16(&inst, 0, JET_paramSystemPath, 0, W16(bad16[i])));
        assert_jet(JET_errInvalidParameter,
                   JetSetSystemParameterW_u16(NULL, 0, JET_paramEventSource, 0,
                                              W16(bad16[i])));
    }
    assert_string_equal(get_str(inst, JET_paramSystemPath), folder);
    assert_string_equal(get_str(0, JET_paramEventSource), "");

    /* bogus instances and sessions (multi-instance mode), every form */
    JET_INSTANCE gone = make_instance("gone", "gone");
    assert_jet_ok(JetTerm(gone));
    const JET_INSTANCE bad_inst[] = { gone, 0xdeadbeef, 0x12345 };
    for (size_t i = 0; i < sizeof bad_inst / sizeof bad_inst[0]; i++) {
        JET_INSTANCE b = bad_inst[i];
        assert_jet(JET_errInvalidInstance,
                   JetSetSystemParameterA(&b, 0, JET_paramCheckpointDepthMax, 1 << 20, NULL));
        assert_jet(JET_errInvalidInstance,
                   JetSetSystemParameterW(&b, 0, JET_paramEventSource, 0, L"x"));
        assert_jet(JET_errInvalidInstance,
                   JetSetSystemParameterW_u16(&b, 0, JET_paramEventSource, 0, W16(u"x")));
        assert_jet(JET_errInvalidInstance,
                   JetGetSystemParameterW(b, 0, JET_paramEventSource, NULL, wbuf, sizeof wbuf));
        assert_jet(JET_errInvalidInstance,
                   JetGetSystemParameterW_u16(b, 0, JET_paramCheckpointDepthMax, &v, NULL, 0));
        assert_int_equal(b, bad_inst[i]);
    }
    const JET_SESID bad_ses[] = { 0x12345, 0xdeadbeef, (JET_SESID)inst };
    for (size_t i = 0; i < sizeof bad_ses / sizeof bad_ses[0]; i++) {
        assert_jet(JET_errInvalidSesid,
                   JetSetSystemParameterW(NULL, bad_ses[i], JET_paramCheckpointDepthMax,
                                          1 << 20, NULL));
        assert_jet(JET_errInvalidSesid,
                   JetSetSystemParameterW_u16(&inst, bad_ses[i], JET_paramEventSource, 0,
                                              W16(u"x")));
        assert_jet(JET_errInvalidSesid,
                   JetGetSystemParameterW(0, bad_ses[i], JET_paramCheckpointDepthMax, &v,
                                          NULL, 0));
        assert_jet(JET_errInvalidSesid,
                   JetGetSystemParameterW_u16(inst, bad_ses[i], JET_paramEventSource, NULL,
                                              (JET_PWSTR)(void *)u16buf, sizeof u16buf));
    }
    assert_int_equal(get_num(inst, JET_paramCheckpointDepthMax), depth);
    assert_int_equal(get_num(0, JET_paramCheckpointDepthMax), gdepth);
    assert_string_equal(get_str(inst, JET_paramEventSource), "");
    assert_string_equal(get_str(0, JET_paramEventSource), "");

    /* the instance itself is untouched: it initialises in its folder */
    assert_jet_ok(JetInit(&inst));
    assert_true(tu_exists("p"));
    assert_running(inst);
    assert_jet_ok(JetTerm(inst));
}

/* ---- JetEnableMultiInstance(A/W), _u16 -------------------------------------- */

static void test_enable_multi_bad_wide(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_BAD16; i++) {
        JET_SETSYSPARAM_W set[] = {
            { JET_paramMaxInstances, 3, NULL, 111 },
            { JET_paramEventSource, 0, W16(bad16[i]), 111 },
        };
        uint32_t ok = 99;
        assert_jet(JET_errInvalidParameter, JetEnableMultiInstanceW_u16(set, 2, &ok));
        assert_int_equal(ok, 0);
    }
    for (size_t i = 0; i < N_BAD32; i++) {
        JET_SETSYSPARAM_W set[] = {
            { JET_paramMaxInstances, 3, NULL, 111 },
            { JET_paramSystemPath, 0, bad32[i], 111 },
        };
        uint32_t ok = 99;
        assert_jet(JET_errInvalidParameter, JetEnableMultiInstanceW(set, 2, &ok));
        assert_int_equal(ok, 0);
    }
    /* nothing was applied and no mode was chosen */
    assert_int_equal(get_num(0, JET_paramMaxInstances), 16);
    assert_string_equal(get_str(0, JET_paramEventSource), "");
    assert_pristine();
    assert_jet_ok(JetInit(NULL));     /* legacy mode still possible */
    assert_jet_ok(JetTerm(0));
}

/* ---- JetDbSetEventCallback ---------------------------------------------------- */

static int g_events;

static void count_event(const JETDB_EVENT *ev, void *ctx)
{
    (void)ev;
    assert_ptr_equal(ctx, &g_events);
    g_events++;
}

static void test_event_callback_bad_input(void **state)
{
    (void)state;
    assert_jet_ok(JetDbSetEventCallback(count_event, &g_events, JETDB_bitEventNoSyslog));
    /* refused calls keep the installed callback */
    assert_jet(JET_errInvalidGrbit, JetDbSetEventCallback(NULL, NULL, 0x2));
    assert_jet(JET_errInvalidGrbit, JetDbSetEventCallback(count_event, NULL, 0xffffffffu));
    assert_jet(JET_errInvalidParameter, JetDbSetEventCallback(NULL, &g_events, 0));
    g_events = 0;
    JET_INSTANCE inst = make_running("ev", "ev");
    assert_jet_ok(JetTerm(inst));
    assert_true(g_events >= 3);          /* 102, 105, 103 */
    assert_jet_ok(JetDbSetEventCallback(NULL, NULL, JETDB_bitEventNoSyslog));
    g_events = 0;
    inst = make_running("ev", "ev");
    assert_jet_ok(JetTerm(inst));
    assert_int_equal(g_events, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* first: it relies on fresh handle generation counters */
        cmocka_unit_test_setup_teardown(test_handle_kinds_not_interchangeable, setup, teardown),
        cmocka_unit_test_setup_teardown(test_create_instance_null_and_grbits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_create_instance_bad_wide_strings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_create_instance_conflicts_change_nothing, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_init_unknown_grbits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_init_bad_rstinfo, setup, teardown),
        cmocka_unit_test_setup_teardown(test_init_bad_handles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_term_bad_input, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stop_service_bad_input, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stop_backup_bad_input, setup, teardown),
        cmocka_unit_test_setup_teardown(test_instance_info_bad_input, setup, teardown),
        cmocka_unit_test_setup_teardown(test_begin_session_bad_input, setup, teardown),
        cmocka_unit_test_setup_teardown(test_session_calls_bad_input, setup, teardown),
        cmocka_unit_test_setup_teardown(test_param_bad_input_through_instance, setup, teardown),
        cmocka_unit_test_setup_teardown(test_enable_multi_bad_wide, setup, teardown),
        cmocka_unit_test_setup_teardown(test_event_callback_bad_input, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
