/*
 * test_param_store.c: the parameter layer below the API (src/inst/param.c):
 * defaults, every type's rules, ranges, read-only and illegal ids, the
 * custom parameters (ErrorToString, UnicodeIndexDefault, CommitDefault,
 * Configuration), EnableAdvanced, store copies, par_force, and concurrent
 * readers and writers.
 *
 * These tests use the global store and standalone stores directly; no
 * instance exists, so the process mode stays "none" throughout.
 */
#include "testutil.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "inst/inst.h"
#include "inst/param.h"
#include "util/err.h"

static char *g_dir;

/* Every test starts from ESENT's defaults: JET_paramConfiguration with
 * JET_configDefault resets all global values, as in ESE. */
static int setup(void **state)
{
    (void)state;
    assert_non_null(par_global());
    assert_jet_ok(par_set(NULL, JET_paramConfiguration, JET_configDefault, NULL));
    g_dir = tu_mkdtemp("param");
    return chdir(g_dir);
}

static int teardown(void **state)
{
    (void)state;
    assert_int_equal(inst_get_mode(), INST_MODE_NONE);
    if (chdir("/") != 0)
        return -1;
    tu_rmtree(g_dir);
    free(g_dir);
    return 0;
}

static JET_API_PTR num(uint32_t id)
{
    JET_API_PTR v = 0xdeadbeef;
    assert_jet_ok(par_get(NULL, id, &v, NULL, 0, NULL));
    assert_int_equal(v, par_num(NULL, id));
    return v;
}

static const char *str(uint32_t id)
{
    static char buf[1024];
    assert_jet_ok(par_get(NULL, id, NULL, buf, sizeof buf, NULL));
    return buf;
}

/* ---- defaults ----------------------------------------------------------- */

static void test_defaults_esent(void **state)
{
    (void)state;
    assert_string_equal(str(JET_paramSystemPath), "./");
    assert_string_equal(str(JET_paramLogFilePath), "./");
    assert_string_equal(str(JET_paramTempPath), "tmp.edb");
    assert_string_equal(str(JET_paramBaseName), "edb");
    assert_string_equal(str(JET_paramRecovery), "on");
    assert_string_equal(str(JET_paramEventSource), "");
    assert_string_equal(str(JET_paramTableClass1Name), "TableClass1");
    assert_string_equal(str(JET_paramTableClass15Name), "TableClass15");
    assert_int_equal(num(JET_paramMaxSessions), 16);
    assert_int_equal(num(JET_paramMaxOpenTables), 300);
    assert_int_equal(num(JET_paramMaxCursors), 1024);
    assert_int_equal(num(JET_paramMaxVerPages), 64);
    assert_int_equal(num(JET_paramLogFileSize), 5120);
    assert_int_equal(num(JET_paramLogBuffers), 126);
    assert_int_equal(num(JET_paramCircularLog), 0);
    assert_int_equal(num(JET_paramDbExtensionSize), 256);
    assert_int_equal(num(JET_paramCacheSizeMax), 2000000000);
    assert_int_equal(num(JET_paramCheckpointDepthMax), 20971520);
    assert_int_equal(num(JET_paramEventLoggingLevel), JET_EventLoggingLevelMax);
    assert_int_equal(num(JET_paramNoInformationEvent), 0);
    assert_int_equal(num(JET_paramDatabasePageSize), 4096);
    assert_int_equal(num(JET_paramVerPageSize), 32768);
    assert_int_equal(num(JET_paramMaxInstances), 16);
    assert_int_equal(num(JET_paramLegacyFileNames), 3);
    assert_int_equal(num(JET_paramEnablePersistedCallbacks), 0);
    assert_int_equal(num(JET_paramConfiguration), JET_configDefault);
    assert_int_equal(num(JET_paramEnableAdvanced), 1);
    assert_int_equal(num(JET_paramEnableOnlineDefrag), JET_OnlineDefragAll);
    assert_int_equal(num(JET_paramExceptionAction), JET_ExceptionFailFast);
    assert_int_equal(num(JET_paramCreatePathIfNotExist), 0);
    assert_int_equal(num(JET_paramRuntimeCallback), 0);
    assert_int_equal(num(JET_paramIOPriority), 0);
    assert_int_equal(num(JET_paramHungIOThreshold), 30000);
    assert_int_equal(num(JET_paramMaxCoalesceReadSize), 524288);
    assert_int_equal(num(JET_paramCachePriority), 100);
    assert_int_equal(num(JET_paramMaxColtyp), JET_coltypMax);
    assert_int_equal(num(JET_paramKeyMost), 1000);
    assert_int_equal(num(JET_paramLVChunkSizeMost), 4014);
    assert_true(par_is_default(NULL, JET_paramMaxSessions));
}

/* A value read before the global store exists is the table default, and
 * par_str always terminates its buffer. */
static void test_par_str_truncates(void **state)
{
    (void)state;
    char buf[3];
    assert_int_equal(par_str(NULL, JET_paramTableClass1Name, buf, sizeof buf), 11);
    assert_string_equal(buf, "Ta");
    assert_int_equal(par_str(NULL, JET_paramMaxSessions, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
    assert_int_equal(par_num(NULL, JET_paramSystemPath), 0);
    assert_int_equal(par_num(NULL, 9999), 0);
}

/* ---- ids ------------------------------------------------------------------ */

static void test_unknown_and_illegal_ids(void **state)
{
    (void)state;
    JET_API_PTR v = 7;
    char buf[16] = "x";
    uint32_t bad[] = { 185, JET_paramMaxValueInvalid, 222, 4096, 0xFFFFFFFFu };
    for (size_t i = 0; i < JET_ARRAY_LEN(bad); i++) {
        assert_jet(JET_errInvalidParameter, par_set(NULL, bad[i], 1, "x"));
        assert_jet(JET_errInvalidParameter, par_get(NULL, bad[i], &v, buf, sizeof buf, NULL));
        assert_jet(JET_errInvalidParameter, par_force(NULL, bad[i], 1, NULL));
    }
    assert_int_equal(v, 7);
    assert_null(par_def_of(PAR_COUNT));
    assert_non_null(par_def_of(PAR_COUNT - 1));
}

static void test_read_only(void **state)
{
    (void)state;
    uint32_t ro[] = { JET_paramMaxColtyp, JET_paramKeyMost, JET_paramLVChunkSizeMost,
                      JET_paramErrorToString, 37 /* PrintFunction */, 42, 43, 213 };
    for (size_t i = 0; i < JET_ARRAY_LEN(ro); i++)
        assert_jet(JET_errInvalidParameter, par_set(NULL, ro[i], 5, NULL));
    assert_int_equal(num(JET_paramMaxColtyp), JET_coltypMax);
    /* RecordSizeMost (internal): page data minus the reserved tag */
    assert_int_equal(num(213), 4096 - 44);
}

/* ---- integers ------------------------------------------------------------- */

static void test_integer_ranges(void **state)
{
    (void)state;
    assert_jet_ok(par_set(NULL, JET_paramMaxSessions, 30000, NULL));
    assert_int_equal(num(JET_paramMaxSessions), 30000);
    assert_jet(JET_errInvalidParameter, par_set(NULL, JET_paramMaxSessions, 30001, NULL));
    assert_int_equal(num(JET_paramMaxSessions), 30000);   /* unchanged */
    assert_jet_ok(par_set(NULL, JET_paramMaxSessions, 0, NULL));
    assert_int_equal(num(JET_paramMaxSessions), 0);
    assert_false(par_is_default(NULL, JET_paramMaxSessions));

    assert_jet(JET_errInvalidParameter, par_set(NULL, JET_paramLogFileSize, 63, NULL));
    assert_jet(JET_errInvalidParameter, par_set(NULL, JET_paramLogFileSize, 32769, NULL));
    assert_jet_ok(par_set(NULL, JET_paramLogFileSize, 64, NULL));
    assert_jet_ok(par_set(NULL, JET_paramLogFileSize, 32768, NULL));
    assert_int_equal(num(JET_paramLogFileSize), 32768);

    assert_jet(JET_errInvalidParameter, par_set(NULL, JET_paramMaxVerPages, 0, NULL));
    assert_jet(JET_errInvalidParameter,
               par_set(NULL, JET_paramEventLoggingLevel, JET_EventLoggingLevelMax + 1, NULL));
    assert_jet(JET_errInvalidParameter, par_set(NULL, JET_paramMaxInstances, 0, NULL));
    assert_jet(JET_errInvalidParameter, par_set(NULL, JET_paramMaxInstances, 10241, NULL));
    assert_jet(JET_errInvalidParameter, par_set(NULL, JET_paramIOPriority, 8, NULL));
    assert_jet(JET_errInvalidParameter, par_set(NULL, JET_paramEnableIndexChecking, 3, NULL));
    /* "-1" ranges are unlimited */
    assert_jet_ok(par_set(NULL, JET_paramCheckpointDepthMax, UINTPTR_MAX, NULL));
    assert_int_equal(num(JET_paramCheckpointDepthMax), UINTPTR_MAX);
    /* the string argument of an integer parameter is ignored */
    assert_jet_ok(par_set(NULL, JET_paramMaxCursors, 77, "123"));
    assert_int_equal(num(JET_paramMaxCursors), 77);
}

static void test_boolean_normalised(void **state)
{
    (void)state;
    assert_jet_ok(par_set(NULL, JET_paramCircularLog, 42, NULL));
    assert_int_equal(num(JET_paramCircularLog), 1);
    assert_jet_ok(par_set(NULL, JET_paramCircularLog, 0, NULL));
    assert_int_equal(num(JET_paramCircularLog), 0);
}

static void test_block_size(void **state)
{
    (void)state;
    assert_jet(JET_errInvalidParameter, par_set(NULL, JET_paramDatabasePageSize, 2048, NULL));
    assert_jet(JET_errInvalidParameter, par_set(NULL, JET_paramDatabasePageSize, 65536, NULL));
    assert_jet(JET_errInvalidParameter, par_set(NULL, JET_paramDatabasePageSize, 12288, NULL));
    assert_int_equal(num(JET_paramDatabasePageSize), 4096);
    uint32_t sizes[] = { 4096, 8192, 16384, 32768 };
    JET_API_PTR key_most[] = { 1000, 2000, 2000, 2000 };
    JET_API_PTR lv_chunk[] = { 4014, 8110, 4050, 8150 };
    for (size_t i = 0; i < JET_ARRAY_LEN(sizes); i++) {
        assert_jet_ok(par_set(NULL, JET_paramDatabasePageSize, sizes[i], NULL));
        assert_int_equal(num(JET_paramDatabasePageSize), sizes[i]);
        assert_int_equal(num(JET_paramKeyMost), key_most[i]);
        assert_int_equal(num(JET_paramLVChunkSizeMost), lv_chunk[i]);
    }
    assert_jet(JET_errInvalidParameter, par_set(NULL, JET_paramVerPageSize, 512, NULL));
    assert_jet(JET_errInvalidParameter, par_set(NULL, JET_paramVerPageSize, 3000, NULL));
    assert_jet_ok(par_set(NULL, JET_paramVerPageSize, 1024, NULL));
}

static void test_pointer_and_grbit(void **state)
{
    (void)state;
    int x;
    assert_jet_ok(par_set(NULL, JET_paramRuntimeCallback, (JET_API_PTR)&x, NULL));
    assert_int_equal(num(JET_paramRuntimeCallback), (JET_API_PTR)&x);
    assert_jet(JET_errInvalidParameter,
               par_set(NULL, JET_paramEnableOnlineDefrag, 0x10000, NULL));
    assert_jet_ok(par_set(NULL, JET_paramEnableOnlineDefrag, JET_OnlineDefragDatabases, NULL));
    assert_int_equal(num(JET_paramEnableOnlineDefrag), JET_OnlineDefragDatabases);
    assert_jet(JET_errInvalidParameter, par_set(NULL, JET_paramLegacyFileNames, 256, NULL));
}

/* ---- strings --------------------------------------------------------------- */

static void test_string_lengths(void **state)
{
    (void)state;
    assert_jet(JET_errInvalidParameter, par_set(NULL, JET_paramBaseName, 0, "ab"));
    assert_jet(JET_errInvalidParameter, par_set(NULL, JET_paramBaseName, 0, "abcd"));
    assert_jet(JET_errInvalidParameter, par_set(NULL, JET_paramBaseName, 0, NULL));
    assert_string_equal(str(JET_paramBaseName), "edb");
    assert_jet_ok(par_set(NULL, JET_paramBaseName, 0, "abc"));
    assert_string_equal(str(JET_paramBaseName), "abc");
    /* lengths count characters, not bytes: three 2-byte characters */
    assert_jet_ok(par_set(NULL, JET_paramBaseName, 0, "\xc3\xa9\xc3\xa8\xc3\xaa"));
    assert_string_equal(str(JET_paramBaseName), "\xc3\xa9\xc3\xa8\xc3\xaa");

    char name[66];
    memset(name, 'n', 64);
    name[64] = '\0';
    assert_jet_ok(par_set(NULL, JET_paramTableClass3Name, 0, name));
    name[64] = 'n';
    name[65] = '\0';
    assert_jet(JET_errInvalidParameter, par_set(NULL, JET_paramTableClass3Name, 0, name));
    assert_jet(JET_errInvalidParameter, par_set(NULL, JET_paramTableClass3Name, 0, ""));
    assert_int_equal(strlen(str(JET_paramTableClass3Name)), 64);

    /* NULL is the empty string where 0 characters are allowed */
    assert_jet_ok(par_set(NULL, JET_paramEventSource, 0, "src"));
    assert_jet_ok(par_set(NULL, JET_paramEventSource, 0, NULL));
    assert_string_equal(str(JET_paramEventSource), "");
}

static void test_string_get_buffers(void **state)
{
    (void)state;
    char buf[8];
    size_t need = 0;
    JET_API_PTR v = 0;
    assert_jet_ok(par_set(NULL, JET_paramRecovery, 0, "repair"));
    assert_jet(JET_errInvalidParameter, par_get(NULL, JET_paramRecovery, &v, NULL, 8, &need));
    assert_int_equal(need, 7);
    assert_jet(JET_errInvalidParameter, par_get(NULL, JET_paramRecovery, &v, buf, 0, NULL));
    assert_jet(JET_errBufferTooSmall, par_get(NULL, JET_paramRecovery, NULL, buf, 4, &need));
    assert_string_equal(buf, "rep");   /* truncated, terminated */
    assert_int_equal(need, 7);
    assert_jet(JET_errBufferTooSmall, par_get(NULL, JET_paramRecovery, NULL, buf, 6, NULL));
    assert_jet_ok(par_get(NULL, JET_paramRecovery, NULL, buf, 7, NULL));
    assert_string_equal(buf, "repair");
    /* a cut never splits a UTF-8 sequence */
    assert_jet_ok(par_set(NULL, JET_paramEventSource, 0, "a\xc3\xa9z"));
    assert_jet(JET_errBufferTooSmall, par_get(NULL, JET_paramEventSource, NULL, buf, 3, NULL));
    assert_string_equal(buf, "a");
    /* integer parameters need plParam */
    assert_jet(JET_errInvalidParameter, par_get(NULL, JET_paramMaxSessions, NULL, buf, 8, NULL));
}

static void test_folder_and_path(void **state)
{
    (void)state;
    char cwd[4096], want[4200];
    assert_non_null(getcwd(cwd, sizeof cwd));

    assert_jet_ok(par_set(NULL, JET_paramSystemPath, 0, "logs"));
    snprintf(want, sizeof want, "%s/logs/", cwd);
    assert_string_equal(str(JET_paramSystemPath), want);
    assert_jet_ok(par_set(NULL, JET_paramLogFilePath, 0, "a/./b/../c//"));
    snprintf(want, sizeof want, "%s/a/c/", cwd);
    assert_string_equal(str(JET_paramLogFilePath), want);
    assert_jet_ok(par_set(NULL, JET_paramLogFilePath, 0, "/x/y"));
    assert_string_equal(str(JET_paramLogFilePath), "/x/y/");
    assert_jet(JET_errInvalidPath, par_set(NULL, JET_paramLogFilePath, 0, ""));
    assert_jet(JET_errInvalidPath, par_set(NULL, JET_paramLogFilePath, 0, NULL));
    assert_string_equal(str(JET_paramLogFilePath), "/x/y/");

    /* a bare file name stays as given; anything with a folder is made
     * absolute; a final '/' is kept */
    assert_jet_ok(par_set(NULL, JET_paramTempPath, 0, "my.edb"));
    assert_string_equal(str(JET_paramTempPath), "my.edb");
    assert_jet_ok(par_set(NULL, JET_paramTempPath, 0, "t/my.edb"));
    snprintf(want, sizeof want, "%s/t/my.edb", cwd);
    assert_string_equal(str(JET_paramTempPath), want);
    assert_jet_ok(par_set(NULL, JET_paramTempPath, 0, "t/"));
    snprintf(want, sizeof want, "%s/t/", cwd);
    assert_string_equal(str(JET_paramTempPath), want);

    /* raw length first, then the absolute length */
    char longp[300];
    memset(longp, 'p', 247);
    longp[247] = '\0';
    assert_jet(JET_errInvalidParameter, par_set(NULL, JET_paramSystemPath, 0, longp));
    size_t room = 246 - strlen(cwd) - 1;   /* "<cwd>/" + name + "/" must be <= 246 */
    memset(longp, 'q', room);
    longp[room] = '\0';
    assert_jet(JET_errInvalidParameter, par_set(NULL, JET_paramSystemPath, 0, longp));
    longp[room - 1] = '\0';
    assert_jet_ok(par_set(NULL, JET_paramSystemPath, 0, longp));
    assert_int_equal(strlen(str(JET_paramSystemPath)), 246);
}

/* ---- ESE's "unchanged value" rule and EnableAdvanced ----------------------------- */

static void test_enable_advanced_ignores(void **state)
{
    (void)state;
    assert_jet_ok(par_set(NULL, JET_paramEnableAdvanced, 0, NULL));
    /* advanced parameters: success, nothing changes, even out of range */
    assert_jet_ok(par_set(NULL, JET_paramMaxSessions, 99, NULL));
    assert_jet_ok(par_set(NULL, JET_paramMaxSessions, 99999, NULL));
    assert_int_equal(num(JET_paramMaxSessions), 16);
    /* non-advanced parameters still work and are still checked */
    assert_jet_ok(par_set(NULL, JET_paramLogFileSize, 1024, NULL));
    assert_int_equal(num(JET_paramLogFileSize), 1024);
    assert_jet(JET_errInvalidParameter, par_set(NULL, JET_paramLogFileSize, 1, NULL));
    /* engine-internal sets are not filtered */
    assert_jet_ok(par_force(NULL, JET_paramMaxSessions, 99, NULL));
    assert_int_equal(num(JET_paramMaxSessions), 99);
    assert_jet_ok(par_set(NULL, JET_paramEnableAdvanced, 1, NULL));
    assert_jet_ok(par_set(NULL, JET_paramMaxSessions, 100, NULL));
    assert_int_equal(num(JET_paramMaxSessions), 100);
}

/* ---- custom parameters ------------------------------------------------------ */

static void test_error_to_string(void **state)
{
    (void)state;
    char buf[256];
    JET_API_PTR e = (JET_API_PTR)(uint32_t)JET_errDiskFull;
    assert_jet_ok(par_get(NULL, JET_paramErrorToString, &e, buf, sizeof buf, NULL));
    assert_string_equal(buf, "JET_errDiskFull, The disk is full");
    e = (JET_API_PTR)JET_wrnColumnNull;
    assert_jet_ok(par_get(NULL, JET_paramErrorToString, &e, buf, sizeof buf, NULL));
    assert_true(strncmp(buf, "JET_wrnColumnNull, ", 19) == 0);
    e = 0;
    assert_jet_ok(par_get(NULL, JET_paramErrorToString, &e, buf, sizeof buf, NULL));
    assert_true(strncmp(buf, "JET_errSuccess, ", 16) == 0);
    e = (JET_API_PTR)(uint32_t)-4242;
    assert_jet_ok(par_get(NULL, JET_paramErrorToString, &e, buf, sizeof buf, NULL));
    assert_string_equal(buf, "Unknown Error, Unknown Error");
    /* only the low 32 bits hold the JET_ERR */
    e = ((JET_API_PTR)1 << 40) | (uint32_t)JET_errInvalidParameter;
    assert_jet_ok(par_get(NULL, JET_paramErrorToString, &e, buf, sizeof buf, NULL));
    assert_true(strncmp(buf, "JET_errInvalidParameter, ", 25) == 0);

    size_t need = 0;
    assert_jet(JET_errBufferTooSmall, par_get(NULL, JET_paramErrorToString, &e, buf, 10, &need));
    assert_string_equal(buf, "JET_errIn");
    assert_int_equal(need, strlen("JET_errInvalidParameter, ") + strlen("Invalid API parameter") + 1);
    assert_jet(JET_errInvalidParameter, par_get(NULL, JET_paramErrorToString, NULL, buf, 64, NULL));
    assert_jet(JET_errInvalidParameter, par_get(NULL, JET_paramErrorToString, &e, NULL, 64, NULL));
    assert_jet(JET_errInvalidParameter, par_get(NULL, JET_paramErrorToString, &e, buf, 0, NULL));
    assert_jet(JET_errInvalidParameter, par_set(NULL, JET_paramErrorToString, 0, NULL));
}

static void test_unicode_index_default(void **state)
{
    (void)state;
    JET_UNICODEINDEX ui = { 0, 0 };
    assert_jet_ok(par_get(NULL, JET_paramUnicodeIndexDefault, (JET_API_PTR *)&ui, NULL,
                          sizeof ui, NULL));
    assert_int_equal(ui.lcid, 0x409);
    assert_int_equal(ui.dwMapFlags, 0x00030401);
    assert_jet(JET_errBufferTooSmall, par_get(NULL, JET_paramUnicodeIndexDefault,
                                              (JET_API_PTR *)&ui, NULL, sizeof ui - 1, NULL));
    assert_jet(JET_errInvalidParameter,
               par_get(NULL, JET_paramUnicodeIndexDefault, NULL, NULL, sizeof ui, NULL));

    JET_UNICODEINDEX fr = { 0x040C, 0x00000001 /* NORM_IGNORECASE */ };
    assert_jet_ok(par_set(NULL, JET_paramUnicodeIndexDefault, (JET_API_PTR)&fr, NULL));
    assert_jet_ok(par_get(NULL, JET_paramUnicodeIndexDefault, (JET_API_PTR *)&ui, NULL,
                          sizeof ui, NULL));
    assert_int_equal(ui.lcid, 0x040C);
    assert_int_equal(ui.dwMapFlags, 0x00000401);    /* LCMAP_SORTKEY is added */

    JET_UNICODEINDEX bad_lcid = { 0x7777, 0x1 };
    JET_UNICODEINDEX bad_flags = { 0x0409, 0x00100000 };
    JET_UNICODEINDEX upper = { 0x0409, 0x00000200 /* LCMAP_UPPERCASE */ };
    assert_jet(JET_errInvalidParameter,
               par_set(NULL, JET_paramUnicodeIndexDefault, (JET_API_PTR)&bad_lcid, NULL));
    assert_jet(JET_errInvalidParameter,
               par_set(NULL, JET_paramUnicodeIndexDefault, (JET_API_PTR)&bad_flags, NULL));
    assert_jet(JET_errInvalidParameter,
               par_set(NULL, JET_paramUnicodeIndexDefault, (JET_API_PTR)&upper, NULL));
    assert_jet_ok(par_get(NULL, JET_paramUnicodeIndexDefault, (JET_API_PTR *)&ui, NULL,
                          sizeof ui, NULL));
    assert_int_equal(ui.lcid, 0x040C);              /* unchanged by the failures */

    /* NULL goes back to the default */
    assert_jet_ok(par_set(NULL, JET_paramUnicodeIndexDefault, 0, NULL));
    assert_jet_ok(par_get(NULL, JET_paramUnicodeIndexDefault, (JET_API_PTR *)&ui, NULL,
                          sizeof ui, NULL));
    assert_int_equal(ui.lcid, 0x409);
    assert_int_equal(ui.dwMapFlags, 0x00030401);
}

static void test_commit_default_mask(void **state)
{
    (void)state;
    assert_jet_ok(par_set(NULL, JET_paramCommitDefault, JET_bitCommitLazyFlush, NULL));
    assert_int_equal(num(JET_paramCommitDefault), JET_bitCommitLazyFlush);
    assert_jet(JET_errInvalidParameter, par_set(NULL, JET_paramCommitDefault, 0x4, NULL));
    assert_jet(JET_errInvalidParameter, par_set(NULL, JET_paramCommitDefault, 0x100, NULL));
    assert_int_equal(num(JET_paramCommitDefault), JET_bitCommitLazyFlush);
}

static void test_ignored_and_internal(void **state)
{
    (void)state;
    /* DBA doubles (121..123): accepted and ignored both ways */
    double d = 1.5;
    assert_jet_ok(par_set(NULL, 121, (JET_API_PTR)&d, NULL));
    assert_jet_ok(par_get(NULL, 122, (JET_API_PTR *)&d, NULL, sizeof d, NULL));
    /* TransactionLevel and RecoveryCurrentLogfile need engine state */
    JET_API_PTR v;
    assert_jet(JET_errInvalidParameter, par_get(NULL, 38, &v, NULL, 0, NULL));
    assert_jet(JET_errInvalidParameter, par_set(NULL, 38, 1, NULL));
    assert_jet(JET_errInvalidParameter, par_get(NULL, 79, &v, NULL, 0, NULL));
    /* an ESE-ignored public parameter still stores and returns its value */
    assert_jet_ok(par_set(NULL, JET_paramDeleteOldLogs, 1, NULL));
    assert_int_equal(num(JET_paramDeleteOldLogs), 1);
    assert_jet_ok(par_set(NULL, JET_paramConfigStoreSpec, 0, "reg:x"));
    assert_string_equal(str(JET_paramConfigStoreSpec), "reg:x");
}

/* ---- JET_paramConfiguration ------------------------------------------------- */

static void test_configuration_reset_and_sets(void **state)
{
    (void)state;
    assert_jet_ok(par_set(NULL, JET_paramMaxSessions, 5, NULL));
    assert_jet_ok(par_set(NULL, JET_paramBaseName, 0, "xyz"));
    JET_UNICODEINDEX fr = { 0x040C, 0x1 };
    assert_jet_ok(par_set(NULL, JET_paramUnicodeIndexDefault, (JET_API_PTR)&fr, NULL));

    /* LowMemory on top of Default: the bracketed (small) defaults */
    assert_jet_ok(par_set(NULL, JET_paramConfiguration,
                          JET_configDefault | JET_configLowMemory, NULL));
    assert_int_equal(num(JET_paramConfiguration), JET_configDefault | JET_configLowMemory);
    assert_int_equal(num(JET_paramMaxSessions), 30000);
    assert_int_equal(num(JET_paramLogFileSize), 64);
    assert_int_equal(num(JET_paramCacheSizeMax), 16);
    assert_int_equal(num(JET_paramNoInformationEvent), 1);
    assert_int_equal(num(JET_paramVerPageSize), 8192);
    assert_string_equal(str(JET_paramBaseName), "edb");
    assert_true(par_is_default(NULL, JET_paramMaxSessions));
    JET_UNICODEINDEX ui;
    assert_jet_ok(par_get(NULL, JET_paramUnicodeIndexDefault, (JET_API_PTR *)&ui, NULL,
                          sizeof ui, NULL));
    assert_int_equal(ui.lcid, 0x409);

    /* cumulative bits without Default keep what is there */
    assert_jet_ok(par_set(NULL, JET_paramConfiguration, JET_configRunSilent, NULL));
    assert_int_equal(num(JET_paramEventLoggingLevel), 0);
    assert_int_equal(num(JET_paramDisablePerfmon), 1);
    assert_int_equal(num(JET_paramMaxSessions), 30000);
    assert_int_equal(num(JET_paramConfiguration),
                     JET_configDefault | JET_configLowMemory | JET_configRunSilent);

    /* Default alone is the normal column again */
    assert_jet_ok(par_set(NULL, JET_paramConfiguration, JET_configDefault, NULL));
    assert_int_equal(num(JET_paramMaxSessions), 16);
    assert_int_equal(num(JET_paramLogFileSize), 5120);
    assert_int_equal(num(JET_paramEventLoggingLevel), 100);

    /* legacy 0: small defaults, quotas removed, value stays 0 */
    assert_jet_ok(par_set(NULL, JET_paramConfiguration, 0, NULL));
    assert_int_equal(num(JET_paramConfiguration), 0);
    assert_int_equal(num(JET_paramMaxOpenTables), 2147483647);
    assert_int_equal(num(JET_paramLogFileSize), 64);

    /* override sets with unit conversions */
    assert_jet_ok(par_set(NULL, JET_paramConfiguration,
                          JET_configDefault | JET_configMediumDiskFootprint |
                              JET_configDynamicMediumMemory | JET_configSSDProfileIO,
                          NULL));
    assert_int_equal(num(JET_paramDbExtensionSize), 512 * 1024 / 4096);
    assert_int_equal(num(JET_paramLogFileSize), 512);
    assert_int_equal(num(JET_paramCircularLog), 1);
    assert_int_equal(num(JET_paramCacheSizeMax), 5 * 1024 * 1024 / 4096);
    assert_int_equal(num(JET_paramCacheSizeMin), 128 * 1024 / 4096);
    assert_int_equal(num(JET_paramStartFlushThreshold), 1280 * 2 / 100);
    assert_int_equal(num(JET_paramOutstandingIOMax), 16);  /* SSD after DynamicMedium */
    assert_int_equal(num(JET_paramMaxInstances), 1);

    assert_jet(JET_errInvalidParameter, par_set(NULL, JET_paramConfiguration, 0x800, NULL));
    assert_jet_ok(par_set(NULL, JET_paramConfiguration, JET_configDefault, NULL));
    assert_int_equal(num(JET_paramMaxInstances), 16);
}

/* ---- stores -------------------------------------------------------------------- */

static void test_store_copy(void **state)
{
    (void)state;
    struct par_store *a = NULL, *b = NULL;
    assert_jet_ok(par_set(NULL, JET_paramMaxCursors, 55, NULL));
    assert_jet_ok(par_set(NULL, JET_paramEventSource, 0, "copied"));
    /* a new store from NULL has ESENT's defaults, not the global values */
    assert_jet_ok(par_store_new(NULL, &a));
    assert_ptr_not_equal(a, par_global());
    /* a copy of the global store has its values */
    assert_jet_ok(par_store_new(par_global(), &b));
    inst fake;
    memset(&fake, 0, sizeof fake);
    pthread_mutex_init(&fake.mu, NULL);
    fake.params = b;
    assert_int_equal(par_num(&fake, JET_paramMaxCursors), 55);
    char buf[32];
    par_str(&fake, JET_paramEventSource, buf, sizeof buf);
    assert_string_equal(buf, "copied");
    /* the copy is independent */
    assert_jet_ok(par_set(&fake, JET_paramMaxCursors, 66, NULL));
    assert_int_equal(par_num(&fake, JET_paramMaxCursors), 66);
    assert_int_equal(num(JET_paramMaxCursors), 55);
    /* a global-scope id through an instance changes the global value */
    assert_jet_ok(par_set(&fake, JET_paramCacheSizeMax, 1234, NULL));
    assert_int_equal(num(JET_paramCacheSizeMax), 1234);
    fake.params = a;
    assert_int_equal(par_num(&fake, JET_paramMaxCursors), 1024);
    assert_int_equal(par_num(&fake, JET_paramCacheSizeMax), 1234);
    par_store_free(a);
    par_store_free(b);
    par_store_free(NULL);
    pthread_mutex_destroy(&fake.mu);
}

/* Instance locks, with a stand-in instance in each state. */
static void test_instance_lock(void **state)
{
    (void)state;
    struct par_store *ps = NULL;
    assert_jet_ok(par_store_new(par_global(), &ps));
    inst fake;
    memset(&fake, 0, sizeof fake);
    pthread_mutex_init(&fake.mu, NULL);
    fake.params = ps;
    fake.state = INST_RUNNING;
    assert_jet(JET_errAlreadyInitialized, par_set(&fake, JET_paramLogFileSize, 128, NULL));
    assert_jet(JET_errAlreadyInitialized, par_set(&fake, JET_paramSystemPath, 0, "x"));
    /* the lock comes before the range check, as in ESE */
    assert_jet(JET_errAlreadyInitialized, par_set(&fake, JET_paramLogFileSize, 1, NULL));
    /* an unchanged value succeeds even though the parameter is locked */
    assert_jet_ok(par_set(&fake, JET_paramLogFileSize, 5120, NULL));
    /* not locked: still settable */
    assert_jet_ok(par_set(&fake, JET_paramCreatePathIfNotExist, 1, NULL));
    assert_jet_ok(par_set(&fake, JET_paramCheckpointDepthMax, 1 << 20, NULL));
    assert_jet(JET_errAlreadyInitialized, par_set(&fake, JET_paramConfiguration, 1, NULL));
    /* UnicodeIndexDefault has no lock in ESE's custom setter */
    JET_UNICODEINDEX de = { 0x0407, 0x1 };
    assert_jet_ok(par_set(&fake, JET_paramUnicodeIndexDefault, (JET_API_PTR)&de, NULL));
    /* the engine itself may still change it */
    assert_jet_ok(par_force(&fake, JET_paramLogFileSize, 128, NULL));
    assert_int_equal(par_num(&fake, JET_paramLogFileSize), 128);
    fake.state = INST_CREATED;
    assert_jet_ok(par_set(&fake, JET_paramLogFileSize, 256, NULL));
    assert_int_equal(par_num(&fake, JET_paramLogFileSize), 256);
    /* a configuration on an instance leaves global-scope values alone */
    assert_jet_ok(par_set(NULL, JET_paramCacheSizeMax, 777, NULL));
    assert_jet_ok(par_set(&fake, JET_paramConfiguration,
                          JET_configDefault | JET_configLowMemory, NULL));
    assert_int_equal(par_num(&fake, JET_paramLogFileSize), 64);
    assert_int_equal(num(JET_paramCacheSizeMax), 777);
    assert_int_equal(num(JET_paramLogFileSize), 5120);
    par_store_free(ps);
    pthread_mutex_destroy(&fake.mu);
}

/* ---- JetEnableMultiInstance's engine part (no mode, so no instance) ----------- */

static void test_enable_multi_bad_array(void **state)
{
    (void)state;
    size_t ok = 9;
    assert_jet(JET_errInvalidParameter, par_enable_multi(NULL, 2, &ok));
    assert_int_equal(ok, 0);
    assert_int_equal(inst_get_mode(), INST_MODE_NONE);
}

/* ---- concurrency ------------------------------------------------------------------ */

static void *writer(void *arg)
{
    (void)arg;
    for (int i = 0; i < 2000; i++) {
        (void)par_set(NULL, JET_paramMaxCursors, (JET_API_PTR)(i % 100 + 1), NULL);
        (void)par_set(NULL, JET_paramEventSource, 0, (i & 1) ? "odd-source" : "even");
    }
    return NULL;
}

static void *reader(void *arg)
{
    (void)arg;
    char buf[64];
    for (int i = 0; i < 2000; i++) {
        JET_API_PTR v = par_num(NULL, JET_paramMaxCursors);
        assert_true(v >= 1 && v <= 1024);
        par_str(NULL, JET_paramEventSource, buf, sizeof buf);
        assert_true(strcmp(buf, "odd-source") == 0 || strcmp(buf, "even") == 0 ||
                    strcmp(buf, "") == 0);
    }
    return NULL;
}

static void test_concurrent_readers_writers(void **state)
{
    (void)state;
    pthread_t t[4];
    assert_int_equal(pthread_create(&t[0], NULL, writer, NULL), 0);
    assert_int_equal(pthread_create(&t[1], NULL, writer, NULL), 0);
    assert_int_equal(pthread_create(&t[2], NULL, reader, NULL), 0);
    assert_int_equal(pthread_create(&t[3], NULL, reader, NULL), 0);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_defaults_esent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_par_str_truncates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_and_illegal_ids, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_integer_ranges, setup, teardown),
        cmocka_unit_test_setup_teardown(test_boolean_normalised, setup, teardown),
        cmocka_unit_test_setup_teardown(test_block_size, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pointer_and_grbit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_string_lengths, setup, teardown),
        cmocka_unit_test_setup_teardown(test_string_get_buffers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_folder_and_path, setup, teardown),
        cmocka_unit_test_setup_teardown(test_enable_advanced_ignores, setup, teardown),
        cmocka_unit_test_setup_teardown(test_error_to_string, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unicode_index_default, setup, teardown),
        cmocka_unit_test_setup_teardown(test_commit_default_mask, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ignored_and_internal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_configuration_reset_and_sets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store_copy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_instance_lock, setup, teardown),
        cmocka_unit_test_setup_teardown(test_enable_multi_bad_array, setup, teardown),
        cmocka_unit_test_setup_teardown(test_concurrent_readers_writers, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
