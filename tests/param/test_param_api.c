/*
 * test_param_api.c: JetSetSystemParameter / JetGetSystemParameter /
 * JetEnableMultiInstance through the public API, as an application uses
 * them: scopes (global vs instance), handle resolution in each process
 * mode, locks after JetCreateInstance and JetInit, the instance gate,
 * A / W / _u16 strings and buffers, JET_paramErrorToString,
 * JET_paramUnicodeIndexDefault, and bad input for every function — each
 * failure is checked to change nothing by reading the value back.
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

static JET_API_PTR get_num(JET_INSTANCE inst, uint32_t id)
{
    JET_API_PTR v = 0xdeadbeef;
    assert_jet_ok(JetGetSystemParameterA(inst, 0, id, &v, NULL, 0));
    return v;
}

static const char *get_str(JET_INSTANCE inst, uint32_t id)
{
    static char buf[1024];
    assert_jet_ok(JetGetSystemParameterA(inst, 0, id, NULL, buf, sizeof buf));
    return buf;
}

static uint32_t instance_count(void)
{
    uint32_t n = 0;
    JET_INSTANCE_INFO_A *info = NULL;
    assert_jet_ok(JetGetInstanceInfoA(&n, &info));
    JetFreeBuffer((char *)info);
    return n;
}

/* Leave multi-instance mode chosen by JetEnableMultiInstance without an
 * instance: the mode resets when the last instance goes away. */
static void drop_mode(void)
{
    JET_INSTANCE i = 0;
    if (JetCreateInstanceA(&i, "drop-mode") >= 0)
        assert_jet_ok(JetTerm(i));
}

static int setup(void **state)
{
    (void)state;
    g_dir = tu_mkdtemp("parapi");
    JetDbSetEventCallback(NULL, NULL, JETDB_bitEventNoSyslog);
    /* ESENT defaults for every global value (allowed while no mode is set) */
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramConfiguration, JET_configDefault,
                                         NULL));
    return chdir(g_dir);
}

static int teardown(void **state)
{
    (void)state;
    assert_int_equal(instance_count(), 0);
    /* no mode: a global-init parameter can be set again */
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramMaxInstances, 17, NULL));
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramMaxInstances, 16, NULL));
    if (chdir("/") != 0)
        return -1;
    tu_rmtree(g_dir);
    free(g_dir);
    return 0;
}

/* An instance whose files live in <g_dir>/<sub>. */
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

/* ---- no mode ------------------------------------------------------------ */

static void test_no_mode_uses_global(void **state)
{
    (void)state;
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramMaxCursors, 321, NULL));
    assert_int_equal(get_num(0, JET_paramMaxCursors), 321);
    /* ESE ignores instance and session arguments while no mode is set */
    JET_INSTANCE bogus = 0x123456;
    assert_jet_ok(JetSetSystemParameterA(&bogus, 0x777, JET_paramMaxCursors, 322, NULL));
    assert_int_equal(get_num(bogus, JET_paramMaxCursors), 322);
    assert_int_equal(get_num(JET_instanceNil, JET_paramMaxCursors), 322);
    JET_API_PTR v = 0;
    assert_jet_ok(JetGetSystemParameterA(0x999, 0x888, JET_paramMaxCursors, &v, NULL, 0));
    assert_int_equal(v, 322);
    /* setting a parameter does not choose a mode */
    JET_INSTANCE i = 0;
    assert_jet_ok(JetCreateInstanceA(&i, "after"));
    assert_int_equal(get_num(i, JET_paramMaxCursors), 322);   /* copied */
    assert_jet_ok(JetTerm(i));
}

static void test_bad_ids_and_values(void **state)
{
    (void)state;
    JET_API_PTR v = 5;
    char buf[32];
    assert_jet(JET_errInvalidParameter, JetSetSystemParameterA(NULL, 0, 185, 1, NULL));
    assert_jet(JET_errInvalidParameter,
               JetSetSystemParameterA(NULL, 0, JET_paramMaxValueInvalid, 1, NULL));
    assert_jet(JET_errInvalidParameter, JetSetSystemParameterA(NULL, 0, 100000, 1, NULL));
    assert_jet(JET_errInvalidParameter, JetGetSystemParameterA(0, 0, 100000, &v, buf, 32));
    assert_jet(JET_errInvalidParameter, JetGetSystemParameterA(0, 0, 221, &v, buf, 32));
    assert_int_equal(v, 5);
    /* out of range: refused, nothing changes */
    assert_jet(JET_errInvalidParameter,
               JetSetSystemParameterA(NULL, 0, JET_paramLogFileSize, 32769, NULL));
    assert_int_equal(get_num(0, JET_paramLogFileSize), 5120);
    assert_jet(JET_errInvalidParameter,
               JetSetSystemParameterA(NULL, 0, JET_paramBaseName, 0, "toolong"));
    assert_string_equal(get_str(0, JET_paramBaseName), "edb");
    /* read-only */
    assert_jet(JET_errInvalidParameter,
               JetSetSystemParameterA(NULL, 0, JET_paramKeyMost, 500, NULL));
    assert_int_equal(get_num(0, JET_paramKeyMost), 1000);
    /* wrong buffers on get */
    assert_jet(JET_errInvalidParameter,
               JetGetSystemParameterA(0, 0, JET_paramMaxSessions, NULL, buf, sizeof buf));
    assert_jet(JET_errInvalidParameter,
               JetGetSystemParameterA(0, 0, JET_paramBaseName, &v, NULL, 32));
    assert_jet(JET_errInvalidParameter,
               JetGetSystemParameterA(0, 0, JET_paramBaseName, &v, buf, 0));
    assert_jet(JET_errBufferTooSmall,
               JetGetSystemParameterA(0, 0, JET_paramBaseName, NULL, buf, 3));
    assert_string_equal(buf, "ed");
    assert_jet_ok(JetGetSystemParameterA(0, 0, JET_paramBaseName, NULL, buf, 4));
    assert_string_equal(buf, "edb");
}

/* ---- scopes (multi-instance mode) ----------------------------------------- */

static void test_instance_and_global_scope(void **state)
{
    (void)state;
    JET_INSTANCE a = 0, b = 0, c = 0;
    assert_jet_ok(JetCreateInstanceA(&a, "a"));
    /* an instance-scope value of one instance */
    assert_jet_ok(JetSetSystemParameterA(&a, 0, JET_paramMaxCursors, 500, NULL));
    assert_int_equal(get_num(a, JET_paramMaxCursors), 500);
    assert_int_equal(get_num(0, JET_paramMaxCursors), 1024);          /* global default */
    assert_int_equal(get_num(JET_instanceNil, JET_paramMaxCursors), 1024);
    assert_jet_ok(JetCreateInstanceA(&b, "b"));
    assert_int_equal(get_num(b, JET_paramMaxCursors), 1024);
    /* the global default is what later instances copy */
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramMaxCursors, 700, NULL));
    JET_INSTANCE nil = JET_instanceNil;
    assert_jet_ok(JetSetSystemParameterA(&nil, 0, JET_paramEventSource, 0, "global-src"));
    assert_jet_ok(JetCreateInstanceA(&c, "c"));
    assert_int_equal(get_num(c, JET_paramMaxCursors), 700);
    assert_string_equal(get_str(c, JET_paramEventSource), "global-src");
    assert_int_equal(get_num(a, JET_paramMaxCursors), 500);
    assert_int_equal(get_num(b, JET_paramMaxCursors), 1024);
    assert_string_equal(get_str(b, JET_paramEventSource), "");
    /* a global-scope parameter set through an instance is the global value */
    assert_jet_ok(JetSetSystemParameterA(&b, 0, JET_paramCacheSizeMax, 4321, NULL));
    assert_int_equal(get_num(0, JET_paramCacheSizeMax), 4321);
    assert_int_equal(get_num(a, JET_paramCacheSizeMax), 4321);
    assert_jet_ok(JetTerm(a));
    assert_jet_ok(JetTerm(b));
    assert_jet_ok(JetTerm(c));
}

static void test_bogus_handles_multi(void **state)
{
    (void)state;
    JET_INSTANCE a = 0;
    assert_jet_ok(JetCreateInstanceA(&a, "a"));
    JET_INSTANCE bogus = a + 0x10000000;
    JET_API_PTR v = 0;
    assert_jet(JET_errInvalidInstance,
               JetSetSystemParameterA(&bogus, 0, JET_paramMaxCursors, 9, NULL));
    assert_jet(JET_errInvalidInstance,
               JetGetSystemParameterA(bogus, 0, JET_paramMaxCursors, &v, NULL, 0));
    assert_jet(JET_errInvalidSesid,
               JetSetSystemParameterA(NULL, 0x4242, JET_paramMaxCursors, 9, NULL));
    assert_jet(JET_errInvalidSesid,
               JetGetSystemParameterA(0, 0x4242, JET_paramMaxCursors, &v, NULL, 0));
    /* the session is looked at before the instance */
    assert_jet(JET_errInvalidSesid,
               JetSetSystemParameterA(&a, 0x4242, JET_paramMaxCursors, 9, NULL));
    assert_int_equal(get_num(a, JET_paramMaxCursors), 1024);
    assert_int_equal(get_num(0, JET_paramMaxCursors), 1024);
    /* a stale handle */
    assert_jet_ok(JetTerm(a));
    JET_INSTANCE b = 0;
    assert_jet_ok(JetCreateInstanceA(&b, "b"));
    assert_jet(JET_errInvalidInstance,
               JetGetSystemParameterA(a, 0, JET_paramMaxCursors, &v, NULL, 0));
    assert_jet_ok(JetTerm(b));
}

/* ---- locks ----------------------------------------------------------------- */

static void test_global_init_lock(void **state)
{
    (void)state;
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramDatabasePageSize, 8192, NULL));
    JET_INSTANCE a = 0;
    assert_jet_ok(JetCreateInstanceA(&a, "a"));
    /* once the process has a mode, global-init parameters are read-only */
    assert_jet(JET_errAlreadyInitialized,
               JetSetSystemParameterA(NULL, 0, JET_paramDatabasePageSize, 16384, NULL));
    assert_jet(JET_errAlreadyInitialized,
               JetSetSystemParameterA(&a, 0, JET_paramMaxInstances, 5, NULL));
    assert_jet(JET_errAlreadyInitialized,
               JetSetSystemParameterA(NULL, 0, JET_paramTableClass1Name, 0, "x"));
    /* the lock is checked before the value (ESE) */
    assert_jet(JET_errAlreadyInitialized,
               JetSetSystemParameterA(NULL, 0, JET_paramDatabasePageSize, 3, NULL));
    /* setting the current value again succeeds */
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramDatabasePageSize, 8192, NULL));
    assert_int_equal(get_num(0, JET_paramDatabasePageSize), 8192);
    assert_int_equal(get_num(0, JET_paramMaxInstances), 16);
    /* JET_paramConfiguration is refused globally as well */
    assert_jet(JET_errAlreadyInitialized,
               JetSetSystemParameterA(NULL, 0, JET_paramConfiguration, 1, NULL));
    /* not locked: global parameters without the lock */
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramCacheSizeMax, 999, NULL));
    assert_jet_ok(JetTerm(a));
    /* no instance left: no mode, unlocked again */
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramDatabasePageSize, 4096, NULL));
}

static void test_jetinit_lock(void **state)
{
    (void)state;
    JET_INSTANCE a = make_instance("a", "a");
    assert_jet_ok(JetSetSystemParameterA(&a, 0, JET_paramLogFileSize, 1024, NULL));
    assert_jet_ok(JetInit(&a));
    assert_jet(JET_errAlreadyInitialized,
               JetSetSystemParameterA(&a, 0, JET_paramLogFileSize, 2048, NULL));
    assert_jet(JET_errAlreadyInitialized,
               JetSetSystemParameterA(&a, 0, JET_paramSystemPath, 0, "elsewhere"));
    assert_jet(JET_errAlreadyInitialized,
               JetSetSystemParameterA(&a, 0, JET_paramBaseName, 0, "abc"));
    assert_jet(JET_errAlreadyInitialized,
               JetSetSystemParameterA(&a, 0, JET_paramConfiguration, 1, NULL));
    assert_int_equal(get_num(a, JET_paramLogFileSize), 1024);
    assert_string_equal(get_str(a, JET_paramBaseName), "edb");
    /* unchanged value: success; unlocked parameters: still settable */
    assert_jet_ok(JetSetSystemParameterA(&a, 0, JET_paramLogFileSize, 1024, NULL));
    assert_jet_ok(JetSetSystemParameterA(&a, 0, JET_paramCheckpointDepthMax, 1 << 20, NULL));
    assert_int_equal(get_num(a, JET_paramCheckpointDepthMax), 1 << 20);
    /* the global default of a locked instance parameter is still settable */
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramLogFileSize, 2048, NULL));
    assert_int_equal(get_num(0, JET_paramLogFileSize), 2048);
    assert_int_equal(get_num(a, JET_paramLogFileSize), 1024);

    /* a session names its instance */
    JET_SESID s = 0;
    assert_jet_ok(JetBeginSessionA(a, &s, NULL, NULL));
    assert_jet_ok(JetSetSystemParameterA(NULL, s, JET_paramCheckpointDepthMax, 1 << 21, NULL));
    JET_API_PTR v = 0;
    assert_jet_ok(JetGetSystemParameterA(0, s, JET_paramCheckpointDepthMax, &v, NULL, 0));
    assert_int_equal(v, 1 << 21);
    assert_int_equal(get_num(0, JET_paramCheckpointDepthMax), 20971520);
    assert_jet(JET_errAlreadyInitialized,
               JetSetSystemParameterA(NULL, s, JET_paramLogFileSize, 4096, NULL));
    assert_jet_ok(JetEndSession(s, 0));

    /* JetEnableMultiInstance once an instance runs: the mode is already
     * multi-instance, nothing global-init was set, so "already set" */
    uint32_t ok = 99;
    assert_jet(JET_errSystemParamsAlreadySet, JetEnableMultiInstanceA(NULL, 0, &ok));
    assert_int_equal(ok, 0);
    JET_SETSYSPARAM_A pg[] = { { JET_paramDatabasePageSize, 4096, NULL, 0 } };
    assert_jet(JET_errSystemParameterConflict, JetEnableMultiInstanceA(pg, 1, &ok));
    assert_int_equal(ok, 0);

    /* the gate: after JetStopServiceInstance the instance refuses */
    assert_jet_ok(JetStopServiceInstance(a));
    assert_jet(JET_errClientRequestToStopJetService,
               JetSetSystemParameterA(&a, 0, JET_paramCheckpointDepthMax, 1 << 22, NULL));
    assert_jet(JET_errClientRequestToStopJetService,
               JetGetSystemParameterA(a, 0, JET_paramCheckpointDepthMax, &v, NULL, 0));
    /* the global value is still reachable */
    assert_int_equal(get_num(0, JET_paramLogFileSize), 2048);
    assert_jet_ok(JetTerm(a));
}

static void test_single_instance_mode(void **state)
{
    (void)state;
    JET_INSTANCE i = 0;
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramCreatePathIfNotExist, 1, NULL));
    assert_jet_ok(JetInit(&i));              /* legacy mode */
    /* instance-scope parameters address the one instance, whatever the
     * handle says */
    JET_INSTANCE bogus = 0x5555;
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramCheckpointDepthMax, 12345, NULL));
    assert_int_equal(get_num(0, JET_paramCheckpointDepthMax), 12345);
    assert_int_equal(get_num(bogus, JET_paramCheckpointDepthMax), 12345);
    assert_jet_ok(JetSetSystemParameterA(&bogus, 0x77, JET_paramCheckpointDepthMax, 54321, NULL));
    assert_int_equal(get_num(i, JET_paramCheckpointDepthMax), 54321);
    assert_jet(JET_errAlreadyInitialized,
               JetSetSystemParameterA(NULL, 0, JET_paramLogFileSize, 1024, NULL));
    /* global-scope ones the global value */
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramCacheSizeMax, 777, NULL));
    assert_int_equal(get_num(0, JET_paramCacheSizeMax), 777);
    /* JetEnableMultiInstance is refused in this mode */
    uint32_t ok = 9;
    assert_jet(JET_errRunningInOneInstanceMode, JetEnableMultiInstanceA(NULL, 0, &ok));
    assert_int_equal(ok, 0);
    assert_jet_ok(JetTerm(i));
    /* the values went to the instance, not to the global store */
    assert_int_equal(get_num(0, JET_paramCheckpointDepthMax), 20971520);
    assert_int_equal(get_num(0, JET_paramLogFileSize), 5120);
}

/* ---- strings: A, W, _u16 ------------------------------------------------------ */

static void test_wide_strings(void **state)
{
    (void)state;
    assert_jet_ok(JetSetSystemParameterW(NULL, 0, JET_paramEventSource, 0, L"w\u00e9-source"));
    assert_string_equal(get_str(0, JET_paramEventSource), "w\xc3\xa9-source");
    wchar_t wbuf[32];
    assert_jet_ok(JetGetSystemParameterW(0, 0, JET_paramEventSource, NULL, wbuf, sizeof wbuf));
    assert_true(wcscmp(wbuf, L"w\u00e9-source") == 0);
    /* cbMax counts bytes: 4 wchar_t hold 3 characters and the NUL */
    assert_jet(JET_errBufferTooSmall,
               JetGetSystemParameterW(0, 0, JET_paramEventSource, NULL, wbuf, 4 * sizeof(wchar_t)));
    assert_true(wcscmp(wbuf, L"w\u00e9-") == 0);
    assert_jet(JET_errInvalidParameter,
               JetGetSystemParameterW(0, 0, JET_paramEventSource, NULL, NULL, 64));
    assert_jet(JET_errInvalidParameter,
               JetGetSystemParameterW(0, 0, JET_paramEventSource, NULL, wbuf, 0));
    /* a malformed wide string is refused and changes nothing */
    const wchar_t bad[] = { L'a', (wchar_t)0xD800, 0 };
    assert_jet(JET_errInvalidParameter,
               JetSetSystemParameterW(NULL, 0, JET_paramEventSource, 0, bad));
    assert_string_equal(get_str(0, JET_paramEventSource), "w\xc3\xa9-source");
    /* integers through W */
    assert_jet_ok(JetSetSystemParameterW(NULL, 0, JET_paramMaxCursors, 42, NULL));
    JET_API_PTR v = 0;
    assert_jet_ok(JetGetSystemParameterW(0, 0, JET_paramMaxCursors, &v, NULL, 0));
    assert_int_equal(v, 42);

    /* the UTF-16 twins (what -fshort-wchar programs reach) */
    const uint16_t u16[] = { 'u', '1', '6', 0xD83D, 0xDE00, 0 };   /* "u16" + U+1F600 */
    assert_jet_ok(JetSetSystemParameterW_u16(NULL, 0, JET_paramEventSource, 0,
                                             (JET_PCWSTR)(const void *)u16));
    assert_string_equal(get_str(0, JET_paramEventSource), "u16\xf0\x9f\x98\x80");
    uint16_t out[8];
    assert_jet_ok(JetGetSystemParameterW_u16(0, 0, JET_paramEventSource, NULL,
                                             (JET_PWSTR)(void *)out, sizeof out));
    assert_memory_equal(out, u16, sizeof u16);
    /* too small: whole characters only (no half surrogate pair) */
    memset(out, 0xff, sizeof out);
    assert_jet(JET_errBufferTooSmall,
               JetGetSystemParameterW_u16(0, 0, JET_paramEventSource, NULL,
                                          (JET_PWSTR)(void *)out, 5 * sizeof(uint16_t)));
    assert_int_equal(out[3], 0);
    assert_int_equal(out[2], '6');
}

static void test_error_to_string_api(void **state)
{
    (void)state;
    char buf[128];
    JET_API_PTR e = (JET_API_PTR)(uint32_t)JET_errFileNotFound;
    assert_jet_ok(JetGetSystemParameterA(0, 0, JET_paramErrorToString, &e, buf, sizeof buf));
    assert_string_equal(buf, "JET_errFileNotFound, The file was not found");
    wchar_t wbuf[128];
    assert_jet_ok(JetGetSystemParameterW(0, 0, JET_paramErrorToString, &e, wbuf, sizeof wbuf));
    assert_true(wcscmp(wbuf, L"JET_errFileNotFound, The file was not found") == 0);
    assert_jet(JET_errBufferTooSmall,
               JetGetSystemParameterA(0, 0, JET_paramErrorToString, &e, buf, 8));
    assert_jet(JET_errInvalidParameter,
               JetGetSystemParameterA(0, 0, JET_paramErrorToString, NULL, buf, sizeof buf));
    assert_jet(JET_errInvalidParameter,
               JetGetSystemParameterA(0, 0, JET_paramErrorToString, &e, NULL, 0));
    assert_jet(JET_errInvalidParameter,
               JetSetSystemParameterA(NULL, 0, JET_paramErrorToString, 0, "x"));
    /* works through an instance too (global-scope parameter) */
    JET_INSTANCE a = 0;
    assert_jet_ok(JetCreateInstanceA(&a, "a"));
    e = (JET_API_PTR)1004;      /* JET_wrnColumnNull */
    assert_jet_ok(JetGetSystemParameterA(a, 0, JET_paramErrorToString, &e, buf, sizeof buf));
    assert_true(strncmp(buf, "JET_wrnColumnNull, ", 19) == 0);
    assert_jet_ok(JetTerm(a));
}

static void test_unicode_index_default_api(void **state)
{
    (void)state;
    JET_UNICODEINDEX de = { 0x0407, 0x00000001 };
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramUnicodeIndexDefault,
                                         (JET_API_PTR)&de, NULL));
    JET_INSTANCE a = 0;
    assert_jet_ok(JetCreateInstanceA(&a, "a"));
    JET_UNICODEINDEX ui = { 0, 0 };
    assert_jet_ok(JetGetSystemParameterA(a, 0, JET_paramUnicodeIndexDefault,
                                         (JET_API_PTR *)&ui, NULL, sizeof ui));
    assert_int_equal(ui.lcid, 0x0407);         /* copied from the global default */
    assert_int_equal(ui.dwMapFlags, 0x00000401);
    JET_UNICODEINDEX ja = { 0x0411, 0x00030001 };
    assert_jet_ok(JetSetSystemParameterA(&a, 0, JET_paramUnicodeIndexDefault,
                                         (JET_API_PTR)&ja, NULL));
    assert_jet_ok(JetGetSystemParameterA(a, 0, JET_paramUnicodeIndexDefault,
                                         (JET_API_PTR *)&ui, NULL, sizeof ui));
    assert_int_equal(ui.lcid, 0x0411);
    assert_jet_ok(JetGetSystemParameterA(0, 0, JET_paramUnicodeIndexDefault,
                                         (JET_API_PTR *)&ui, NULL, sizeof ui));
    assert_int_equal(ui.lcid, 0x0407);
    assert_jet(JET_errBufferTooSmall,
               JetGetSystemParameterA(a, 0, JET_paramUnicodeIndexDefault,
                                      (JET_API_PTR *)&ui, NULL, 4));
    JET_UNICODEINDEX bad = { 0x12345, 0x1 };
    assert_jet(JET_errInvalidParameter,
               JetSetSystemParameterA(&a, 0, JET_paramUnicodeIndexDefault,
                                      (JET_API_PTR)&bad, NULL));
    assert_jet_ok(JetTerm(a));
}

static void test_enable_advanced_api(void **state)
{
    (void)state;
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramEnableAdvanced, 0, NULL));
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramMaxCursors, 5, NULL));
    assert_int_equal(get_num(0, JET_paramMaxCursors), 1024);
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramEnableAdvanced, 1, NULL));
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramMaxCursors, 5, NULL));
    assert_int_equal(get_num(0, JET_paramMaxCursors), 5);
}

/* ---- JetEnableMultiInstance ------------------------------------------------------ */

static void test_enable_multi_success(void **state)
{
    (void)state;
    JET_SETSYSPARAM_A set[] = {
        { JET_paramMaxInstances, 5, NULL, -1 },
        { JET_paramDatabasePageSize, 8192, NULL, -1 },
        { JET_paramEventSource, 0, "multi", -1 },
    };
    uint32_t ok = 99;
    assert_jet_ok(JetEnableMultiInstanceA(set, 3, &ok));
    assert_int_equal(ok, 3);
    for (int k = 0; k < 3; k++)
        assert_int_equal(set[k].err, JET_errSuccess);
    assert_int_equal(get_num(0, JET_paramMaxInstances), 5);
    assert_int_equal(get_num(0, JET_paramDatabasePageSize), 8192);
    assert_string_equal(get_str(0, JET_paramEventSource), "multi");
    /* multi-instance mode now: global-init locked, legacy JetInit refused */
    assert_jet(JET_errAlreadyInitialized,
               JetSetSystemParameterA(NULL, 0, JET_paramMaxInstances, 6, NULL));
    assert_jet(JET_errRunningInMultiInstanceMode, JetInit(NULL));

    /* a second call with the same global-init values: "already set" */
    JET_SETSYSPARAM_A same[] = {
        { JET_paramMaxInstances, 5, NULL, -1 },
        { JET_paramDatabasePageSize, 8192, NULL, -1 },
    };
    ok = 99;
    assert_jet(JET_errSystemParamsAlreadySet, JetEnableMultiInstanceA(same, 2, &ok));
    assert_int_equal(ok, 2);
    assert_jet(JET_errSystemParamsAlreadySet, JetEnableMultiInstanceA(set, 3, &ok));
    /* a different value, or a global-init value left out: conflict */
    JET_SETSYSPARAM_A other[] = {
        { JET_paramMaxInstances, 5, NULL, -1 },
        { JET_paramDatabasePageSize, 16384, NULL, -1 },
    };
    assert_jet(JET_errSystemParameterConflict, JetEnableMultiInstanceA(other, 2, &ok));
    assert_int_equal(ok, 1);
    assert_int_equal(other[1].err, JET_errSystemParameterConflict);
    JET_SETSYSPARAM_A fewer[] = { { JET_paramMaxInstances, 5, NULL, -1 } };
    assert_jet(JET_errSystemParameterConflict, JetEnableMultiInstanceA(fewer, 1, &ok));
    JET_SETSYSPARAM_A unset[] = { { JET_paramMaxInstances, 5, NULL, -1 },
                                  { JET_paramDatabasePageSize, 8192, NULL, -1 },
                                  { JET_paramOutstandingIOMax, 1024, NULL, -1 } };
    assert_jet(JET_errSystemParameterConflict, JetEnableMultiInstanceA(unset, 3, &ok));
    assert_int_equal(ok, 2);
    /* an empty second call leaves out what the first one set */
    assert_jet(JET_errSystemParameterConflict, JetEnableMultiInstanceA(NULL, 0, NULL));
    drop_mode();
}

static void test_enable_multi_stops_at_first_failure(void **state)
{
    (void)state;
    JET_SETSYSPARAM_A set[] = {
        { JET_paramMaxInstances, 7, NULL, 111 },
        { JET_paramLogFileSize, 1, NULL, 111 },     /* out of range */
        { JET_paramCircularLog, 1, NULL, 111 },
    };
    uint32_t ok = 99;
    assert_jet(JET_errInvalidParameter, JetEnableMultiInstanceA(set, 3, &ok));
    assert_int_equal(ok, 1);
    assert_int_equal(set[0].err, JET_errSuccess);
    assert_int_equal(set[1].err, JET_errInvalidParameter);
    assert_int_equal(set[2].err, 111);              /* not reached */
    /* the entries before the failure stay set (ESE does not undo them) */
    assert_int_equal(get_num(0, JET_paramMaxInstances), 7);
    assert_int_equal(get_num(0, JET_paramCircularLog), 0);
    /* no mode was chosen: a global-init value can still change */
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramMaxInstances, 16, NULL));
}

static void test_enable_multi_bad_args(void **state)
{
    (void)state;
    uint32_t ok = 99;
    JET_SETSYSPARAM_A one[] = { { JET_paramMaxInstances, 5, NULL, 0 } };
    /* A form: array and count must agree; pcsetsucceed untouched */
    assert_jet(JET_errInvalidParameter, JetEnableMultiInstanceA(NULL, 1, &ok));
    assert_jet(JET_errInvalidParameter, JetEnableMultiInstanceA(one, 0, &ok));
    assert_int_equal(ok, 99);
    /* W form: only a count without an array; *pcsetsucceed = 0 */
    assert_jet(JET_errInvalidParameter, JetEnableMultiInstanceW(NULL, 2, &ok));
    assert_int_equal(ok, 0);
    assert_jet(JET_errInvalidParameter, JetEnableMultiInstanceW_u16(NULL, 2, &ok));
    /* unknown id in the array */
    JET_SETSYSPARAM_A bad[] = { { 9999, 0, NULL, 0 } };
    assert_jet(JET_errInvalidParameter, JetEnableMultiInstanceA(bad, 1, &ok));
    assert_int_equal(ok, 0);
    assert_int_equal(bad[0].err, JET_errInvalidParameter);
    assert_int_equal(get_num(0, JET_paramMaxInstances), 16);
    /* an empty call just enters multi-instance mode; pcsetsucceed optional */
    assert_jet_ok(JetEnableMultiInstanceA(NULL, 0, NULL));
    assert_jet(JET_errRunningInMultiInstanceMode, JetInit(NULL));
    drop_mode();
}

static void test_enable_multi_wide(void **state)
{
    (void)state;
    JET_SETSYSPARAM_W set[] = {
        { JET_paramEventSource, 0, L"w-multi", -1 },
        { JET_paramMaxInstances, 4, NULL, -1 },
    };
    uint32_t ok = 0;
    assert_jet_ok(JetEnableMultiInstanceW(set, 2, &ok));
    assert_int_equal(ok, 2);
    assert_string_equal(get_str(0, JET_paramEventSource), "w-multi");
    drop_mode();

    const uint16_t u16[] = { 'u', '-', 'm', 0 };
    JET_SETSYSPARAM_W set16[] = {
        { JET_paramEventSource, 0, (const WCHAR *)(const void *)u16, -1 },
    };
    assert_jet_ok(JetEnableMultiInstanceW_u16(set16, 1, &ok));
    assert_int_equal(ok, 1);
    assert_string_equal(get_str(0, JET_paramEventSource), "u-m");
    drop_mode();

    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramMaxInstances, 16, NULL));
    const wchar_t bad[] = { (wchar_t)0x110000, 0 };
    JET_SETSYSPARAM_W setbad[] = {
        { JET_paramMaxInstances, 3, NULL, -1 },
        { JET_paramEventSource, 0, bad, -1 },
    };
    assert_jet(JET_errInvalidParameter, JetEnableMultiInstanceW(setbad, 2, &ok));
    assert_int_equal(ok, 0);
    assert_int_equal(get_num(0, JET_paramMaxInstances), 16);   /* nothing applied */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_no_mode_uses_global, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_ids_and_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_instance_and_global_scope, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bogus_handles_multi, setup, teardown),
        cmocka_unit_test_setup_teardown(test_global_init_lock, setup, teardown),
        cmocka_unit_test_setup_teardown(test_jetinit_lock, setup, teardown),
        cmocka_unit_test_setup_teardown(test_single_instance_mode, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wide_strings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_error_to_string_api, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unicode_index_default_api, setup, teardown),
        cmocka_unit_test_setup_teardown(test_enable_advanced_api, setup, teardown),
        cmocka_unit_test_setup_teardown(test_enable_multi_success, setup, teardown),
        cmocka_unit_test_setup_teardown(test_enable_multi_stops_at_first_failure, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_enable_multi_bad_args, setup, teardown),
        cmocka_unit_test_setup_teardown(test_enable_multi_wide, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
