/*
 * test_instance.c: instances through the public API — the process-wide
 * single/multi-instance mode, JetCreateInstance*, JetInit*, JetTerm*,
 * folders and the log-stream lock, JetStopService*, JetStopBackup*,
 * JetGetInstanceInfo*, and bad input for each.
 *
 * Every test leaves the process with no instance, so the mode is "none"
 * again for the next one (checked in the teardown).
 */
#include "testutil.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <wchar.h>

#include "jetdb.h"

static char *g_dir;   /* a fresh folder per test, also the process's cwd */

static int setup(void **state)
{
    (void)state;
    g_dir = tu_mkdtemp("inst");
    JetDbSetEventCallback(NULL, NULL, JETDB_bitEventNoSyslog);
    return chdir(g_dir);
}

static int teardown(void **state)
{
    (void)state;
    uint32_t n = 99;
    JET_INSTANCE_INFO_A *info = NULL;
    assert_jet_ok(JetGetInstanceInfoA(&n, &info));
    assert_int_equal(n, 0);   /* the test must not leak instances */
    assert_null(info);
    if (chdir("/") != 0)
        return -1;
    tu_rmtree(g_dir);
    free(g_dir);
    return 0;
}

/* Set a string parameter of an instance (or the global default). */
static void set_str(JET_INSTANCE *pinst, uint32_t id, const char *value)
{
    assert_jet_ok(JetSetSystemParameterA(pinst, 0, id, 0, value));
}

/* Create + configure an instance whose files live in <g_dir>/<sub>. */
static JET_INSTANCE make_instance(const char *name, const char *sub)
{
    JET_INSTANCE inst = 0;
    assert_jet_ok(JetCreateInstanceA(&inst, name));
    char *path = tu_path(g_dir, sub);
    char folder[4200];
    snprintf(folder, sizeof folder, "%s/", path);
    set_str(&inst, JET_paramSystemPath, folder);
    set_str(&inst, JET_paramLogFilePath, folder);
    set_str(&inst, JET_paramTempPath, folder);
    assert_jet_ok(JetSetSystemParameterA(&inst, 0, JET_paramCreatePathIfNotExist, 1, NULL));
    free(path);
    return inst;
}

static uint32_t instance_count(void)
{
    uint32_t n = 0;
    JET_INSTANCE_INFO_A *info = NULL;
    assert_jet_ok(JetGetInstanceInfoA(&n, &info));
    JetFreeBuffer((char *)info);
    return n;
}

/* ---- modes ------------------------------------------------------------ */

static void test_multi_mode_is_chosen_by_create(void **state)
{
    (void)state;
    JET_INSTANCE inst = 0;
    assert_jet_ok(JetCreateInstanceA(&inst, "one"));
    assert_true(inst != 0 && inst != JET_instanceNil);
    /* Legacy forms are refused now. */
    assert_jet(JET_errRunningInMultiInstanceMode, JetInit(NULL));
    assert_jet(JET_errRunningInMultiInstanceMode, JetStopService());
    assert_jet(JET_errRunningInMultiInstanceMode, JetStopBackup());
    assert_jet_ok(JetTerm(inst));
    /* The last instance gone, the process may choose legacy mode. */
    assert_jet_ok(JetInit(NULL));
    assert_jet_ok(JetTerm(0));
}

static void test_legacy_mode(void **state)
{
    (void)state;
    assert_jet(JET_errInvalidParameter, JetStopService());   /* no mode yet */
    assert_jet(JET_errInvalidParameter, JetStopBackup());
    JET_INSTANCE inst = 0;
    assert_jet_ok(JetInit(&inst));
    assert_true(inst != 0 && inst != JET_instanceNil);
    JET_INSTANCE other = 0;
    assert_jet(JET_errRunningInOneInstanceMode, JetCreateInstanceA(&other, "x"));
    assert_int_equal(other, JET_instanceNil);
    assert_jet(JET_errAlreadyInitialized, JetInit(NULL));
    assert_jet(JET_errAlreadyInitialized, JetInit(&inst));
    /* Legacy mode ignores the handle an instance API is given. */
    JET_SESID ses = 0;
    assert_jet_ok(JetBeginSessionA(0, &ses, NULL, NULL));
    assert_jet_ok(JetEndSession(ses, 0));
    assert_jet_ok(JetStopBackup());
    assert_jet_ok(JetTerm(JET_instanceNil));
    assert_int_equal(instance_count(), 0);
}

/* ---- JetCreateInstance ------------------------------------------------ */

static void test_create_instance_bad_input(void **state)
{
    (void)state;
    assert_jet(JET_errInvalidParameter, JetCreateInstanceA(NULL, "a"));
    assert_jet(JET_errInvalidParameter, JetCreateInstance2A(NULL, "a", "b", 0));
    JET_INSTANCE inst = 0;
    assert_jet(JET_errInvalidGrbit, JetCreateInstance2A(&inst, "a", "b", 0x10));
    assert_int_equal(instance_count(), 0);
    /* Nothing chose a mode: legacy JetInit still works. */
    assert_jet_ok(JetInit(NULL));
    assert_jet_ok(JetTerm(0));
}

static void test_create_instance_names(void **state)
{
    (void)state;
    JET_INSTANCE a = 0, b = 0, c = 0, d = 0;
    assert_jet_ok(JetCreateInstance2A(&a, "alpha", "Alpha display", 0));
    assert_jet(JET_errInstanceNameInUse, JetCreateInstanceA(&b, "alpha"));
    assert_int_equal(b, JET_instanceNil);
    assert_jet_ok(JetCreateInstanceA(&b, NULL));
    /* Only one instance may have the NULL name; "" is a different name. */
    assert_jet(JET_errInstanceNameInUse, JetCreateInstanceA(&c, NULL));
    assert_jet_ok(JetCreateInstanceA(&c, ""));
    assert_jet_ok(JetCreateInstanceA(&d, "Alpha"));
    assert_int_equal(instance_count(), 4);
    assert_jet_ok(JetTerm(a));
    assert_jet_ok(JetTerm(b));
    assert_jet_ok(JetTerm(c));
    assert_jet_ok(JetTerm(d));
}

static void test_create_instance_limit(void **state)
{
    (void)state;
    JET_INSTANCE inst[17];
    char name[16];
    for (int i = 0; i < 16; i++) {   /* JET_paramMaxInstances defaults to 16 */
        snprintf(name, sizeof name, "i%d", i);
        assert_jet_ok(JetCreateInstanceA(&inst[i], name));
    }
    assert_jet(JET_errTooManyInstances, JetCreateInstanceA(&inst[16], "i16"));
    /* The limit is checked before the name. */
    assert_jet(JET_errTooManyInstances, JetCreateInstanceA(&inst[16], "i0"));
    for (int i = 0; i < 16; i++)
        assert_jet_ok(JetTerm(inst[i]));
}

static void test_create_instance_wide(void **state)
{
    (void)state;
    JET_INSTANCE inst = 0, dup = 0;
    assert_jet_ok(JetCreateInstance2W(&inst, L"caf\u00e9 \U0001F600", L"disp", 0));
    assert_jet(JET_errInstanceNameInUse, JetCreateInstanceA(&dup, "caf\xc3\xa9 \xf0\x9f\x98\x80"));
    uint32_t n = 0;
    JET_INSTANCE_INFO_W *w = NULL;
    assert_jet_ok(JetGetInstanceInfoW(&n, &w));
    assert_int_equal(n, 1);
    assert_int_equal(w[0].hInstanceId, inst);
    assert_int_equal(wcscmp(w[0].szInstanceName, L"caf\u00e9 \U0001F600"), 0);
    assert_jet_ok(JetFreeBuffer((char *)w));
    assert_jet_ok(JetTerm(inst));
}

/* ---- JetInit ---------------------------------------------------------- */

static void test_init_multi(void **state)
{
    (void)state;
    JET_INSTANCE inst = make_instance("m", "m");
    JET_INSTANCE copy = inst;
    assert_jet_ok(JetInit(&inst));
    assert_int_equal(inst, copy);
    assert_true(tu_exists("m"));   /* JET_paramCreatePathIfNotExist */
    assert_jet(JET_errAlreadyInitialized, JetInit(&inst));
    /* An unknown handle is not an instance. */
    JET_INSTANCE bogus = inst ^ 0x10000;
    assert_jet(JET_errInvalidParameter, JetInit(&bogus));
    /* NULL means "a new instance" and in multi-instance mode needs a handle back. */
    assert_jet(JET_errRunningInMultiInstanceMode, JetInit(NULL));
    assert_jet_ok(JetTerm(inst));
}

static void test_init_zero_handle_allocates(void **state)
{
    (void)state;
    JET_INSTANCE named = make_instance("n", "n");
    /* *pinstance == 0 in multi-instance mode: a new unnamed instance,
     * with the global parameters (cwd paths). */
    JET_INSTANCE fresh = 0;
    assert_jet_ok(JetInit(&fresh));
    assert_true(fresh != 0 && fresh != named);
    assert_int_equal(instance_count(), 2);
    assert_jet_ok(JetTerm(fresh));
    assert_jet_ok(JetTerm(named));
}

static void test_init_bad_input(void **state)
{
    (void)state;
    JET_INSTANCE inst = make_instance("b", "b");
    assert_jet(JET_errInvalidGrbit, JetInit2(&inst, 0x80000000u));
    JET_RSTINFO_A ri;
    memset(&ri, 0, sizeof ri);
    ri.cbStruct = sizeof ri - 1;
    assert_jet(JET_errInvalidParameter, JetInit3A(&inst, &ri, 0));
    ri.cbStruct = sizeof ri;
    ri.crstmap = 1;   /* a count without a map */
    assert_jet(JET_errInvalidParameter, JetInit3A(&inst, &ri, 0));
    /* Argument errors change nothing: the instance is still there, created. */
    assert_int_equal(instance_count(), 1);
    JET_SESID ses;
    assert_jet(JET_errNotInitialized, JetBeginSessionA(inst, &ses, NULL, NULL));
    ri.crstmap = 0;
    assert_jet_ok(JetInit3A(&inst, &ri, JET_bitReplayIgnoreMissingDB));
    assert_jet_ok(JetTerm(inst));
}

static void test_init_missing_folder_frees_instance(void **state)
{
    (void)state;
    JET_INSTANCE inst = 0;
    assert_jet_ok(JetCreateInstanceA(&inst, "missing"));
    set_str(&inst, JET_paramLogFilePath, "no/such/folder/");
    assert_jet(JET_errInvalidPath, JetInit(&inst));
    assert_int_equal(inst, 0);   /* ESE frees an instance whose JetInit failed */
    assert_int_equal(instance_count(), 0);
    assert_false(tu_exists("no"));

    /* A file where the folder should be is refused even with CreatePath. */
    FILE *f = fopen("afile", "w");
    assert_non_null(f);
    fclose(f);
    assert_jet_ok(JetCreateInstanceA(&inst, "file"));
    set_str(&inst, JET_paramSystemPath, "afile/");
    assert_jet_ok(JetSetSystemParameterA(&inst, 0, JET_paramCreatePathIfNotExist, 1, NULL));
    assert_jet(JET_errInvalidPath, JetInit(&inst));
    assert_int_equal(instance_count(), 0);
}

static void test_init_wide(void **state)
{
    (void)state;
    JET_INSTANCE inst = make_instance("w", "w");
    JET_RSTMAP_W map = { L"a.edb", L"b.edb" };
    JET_RSTINFO_W ri;
    memset(&ri, 0, sizeof ri);
    ri.cbStruct = sizeof ri;
    ri.rgrstmap = &map;
    ri.crstmap = 1;
    assert_jet_ok(JetInit3W(&inst, &ri, 0));
    assert_jet_ok(JetTerm(inst));
}

static void test_paths_in_use(void **state)
{
    (void)state;
    JET_INSTANCE a = make_instance("a", "shared");
    assert_jet_ok(JetInit(&a));
    JET_INSTANCE b = make_instance("b", "other");
    char *shared = tu_path(g_dir, "shared/");
    set_str(&b, JET_paramLogFilePath, shared);
    assert_jet(JET_errLogFilePathInUse, JetInit(&b));
    b = make_instance("b", "other");
    set_str(&b, JET_paramSystemPath, shared);
    assert_jet(JET_errSystemPathInUse, JetInit(&b));
    b = make_instance("b", "other");
    set_str(&b, JET_paramTempPath, shared);
    assert_jet(JET_errTempPathInUse, JetInit(&b));
    free(shared);
    assert_jet_ok(JetTerm(a));
}

/* A second process cannot open the log stream an instance holds. */
static void test_log_stream_locked_across_processes(void **state)
{
    (void)state;
    int ready[2], done[2];
    assert_int_equal(pipe(ready), 0);
    assert_int_equal(pipe(done), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        JET_INSTANCE inst = make_instance("child", "locked");
        char c = JetInit(&inst) == JET_errSuccess ? 'y' : 'n';
        if (write(ready[1], &c, 1) != 1 || read(done[0], &c, 1) != 1)
            _exit(2);
        _exit(JetTerm(inst) == JET_errSuccess ? 0 : 1);
    }
    char c = 0;
    assert_int_equal(read(ready[0], &c, 1), 1);
    assert_int_equal(c, 'y');
    JET_INSTANCE inst = make_instance("parent", "locked");
    assert_jet(JET_errFileAccessDenied, JetInit(&inst));
    assert_int_equal(write(done[1], "x", 1), 1);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    /* With the child gone the lock is free again. */
    inst = make_instance("parent", "locked");
    assert_jet_ok(JetInit(&inst));
    assert_jet_ok(JetTerm(inst));
    close(ready[0]);
    close(ready[1]);
    close(done[0]);
    close(done[1]);
}

/* ---- JetTerm ---------------------------------------------------------- */

static void test_term(void **state)
{
    (void)state;
    JET_INSTANCE inst = make_instance("t", "t");
    assert_jet_ok(JetInit(&inst));
    assert_jet(JET_errInvalidGrbit, JetTerm2(inst, 0x100));
    /* The bad call changed nothing. */
    JET_SESID ses;
    assert_jet_ok(JetBeginSessionA(inst, &ses, NULL, NULL));
    /* Open sessions are ended implicitly by a clean termination. */
    assert_jet_ok(JetTerm2(inst, JET_bitTermComplete));
    assert_jet(JET_errInvalidSesid, JetEndSession(ses, 0));
    /* The handle is stale now. */
    assert_jet(JET_errInvalidInstance, JetTerm(inst));
    assert_jet(JET_errInvalidInstance, JetBeginSessionA(inst, &ses, NULL, NULL));
}

static void test_term_bad_handles(void **state)
{
    (void)state;
    assert_jet(JET_errInvalidParameter, JetTerm(0));          /* no mode */
    JET_INSTANCE inst = make_instance("h", "h");
    assert_jet(JET_errInvalidParameter, JetTerm(0));          /* multi: 0 */
    assert_jet(JET_errInvalidParameter, JetTerm(JET_instanceNil));
    assert_jet(JET_errInvalidInstance, JetTerm(inst + 0x10000));
    assert_jet(JET_errInvalidInstance, JetTerm((JET_INSTANCE)0xdeadbeef));
    /* Never initialised: termination just frees it. */
    assert_jet_ok(JetTerm2(inst, 0));
}

static void test_term_dirty(void **state)
{
    (void)state;
    JET_INSTANCE inst = make_instance("d", "d");
    assert_jet_ok(JetInit(&inst));
    assert_jet(JET_errDirtyShutdown, JetTerm2(inst, JET_bitTermDirty));
    assert_int_equal(instance_count(), 0);
}

/* ---- JetGetInstanceInfo / JetFreeBuffer -------------------------------- */

static void test_instance_info(void **state)
{
    (void)state;
    assert_jet(JET_errInvalidParameter, JetGetInstanceInfoA(NULL, NULL));
    uint32_t n = 7;
    assert_jet(JET_errInvalidParameter, JetGetInstanceInfoA(&n, NULL));
    JET_INSTANCE_INFO_W *w = NULL;
    assert_jet(JET_errInvalidParameter, JetGetInstanceInfoW(NULL, &w));

    JET_INSTANCE a = make_instance("first", "a");
    JET_INSTANCE b = 0;
    assert_jet_ok(JetCreateInstanceA(&b, NULL));
    assert_jet_ok(JetInit(&a));
    JET_INSTANCE_INFO_A *info = NULL;
    assert_jet_ok(JetGetInstanceInfoA(&n, &info));
    assert_int_equal(n, 2);   /* created and running instances alike */
    assert_int_equal(info[0].hInstanceId, a);
    assert_string_equal(info[0].szInstanceName, "first");
    assert_int_equal(info[0].cDatabases, 0);
    assert_null(info[0].szDatabaseFileName);
    assert_int_equal(info[1].hInstanceId, b);
    assert_null(info[1].szInstanceName);
    assert_jet_ok(JetFreeBuffer((char *)info));
    assert_jet_ok(JetFreeBuffer(NULL));
    assert_jet_ok(JetTerm(a));
    assert_jet_ok(JetTerm(b));
}

/* ---- JetStopService* --------------------------------------------------- */

static void test_stop_service_instance2(void **state)
{
    (void)state;
    JET_INSTANCE inst = make_instance("s", "s");
    assert_jet(JET_errNotInitialized, JetStopServiceInstance2(inst, JET_bitStopServiceAll));
    assert_jet_ok(JetInit(&inst));
    assert_jet(JET_errInvalidGrbit, JetStopServiceInstance2(inst, 0x8));
    assert_jet(JET_errInvalidGrbit, JetStopServiceInstance2(inst, 0x100));
    assert_jet(JET_errInvalidInstance, JetStopServiceInstance2(inst + 0x10000, 0));
    /* Resumable stops leave the gate open. */
    assert_jet_ok(JetStopServiceInstance2(inst, JET_bitStopServiceBackgroundUserTasks));
    assert_jet_ok(JetStopServiceInstance2(inst, JET_bitStopServiceQuiesceCaches));
    JET_SESID ses;
    assert_jet_ok(JetBeginSessionA(inst, &ses, NULL, NULL));
    assert_jet_ok(JetStopServiceInstance2(inst, JET_bitStopServiceResume));
    assert_jet_ok(JetStopServiceInstance2(
        inst, JET_bitStopServiceResume | JET_bitStopServiceQuiesceCaches));
    /* A full stop closes the gate and cannot be resumed. */
    assert_jet_ok(JetStopServiceInstance2(inst, JET_bitStopServiceAll));
    assert_jet(JET_errClientRequestToStopJetService,
               JetStopServiceInstance2(inst, JET_bitStopServiceResume));
    JET_SESID other;
    assert_jet(JET_errClientRequestToStopJetService, JetBeginSessionA(inst, &other, NULL, NULL));
    uint32_t ver;
    assert_jet(JET_errClientRequestToStopJetService, JetGetVersion(ses, &ver));
    assert_jet(JET_errClientRequestToStopJetService, JetDupSession(ses, &other));
    assert_jet(JET_errClientRequestToStopJetService, JetSetSessionContext(ses, 5));
    /* ... but a session can still be wound down. */
    assert_jet(JET_errSessionContextNotSetByThisThread, JetResetSessionContext(ses));
    assert_jet_ok(JetEndSession(ses, 0));
    assert_jet_ok(JetTerm(inst));
}

static void test_stop_service_old_forms(void **state)
{
    (void)state;
    JET_INSTANCE inst = make_instance("o", "o");
    assert_jet_ok(JetInit(&inst));
    assert_jet(JET_errInvalidInstance, JetStopServiceInstance(inst ^ 0x70000));
    assert_jet_ok(JetStopServiceInstance(inst));
    JET_SESID ses;
    assert_jet(JET_errClientRequestToStopJetService, JetBeginSessionA(inst, &ses, NULL, NULL));
    assert_jet_ok(JetTerm(inst));

    assert_jet_ok(JetInit(NULL));   /* legacy */
    assert_jet_ok(JetStopService());
    assert_jet(JET_errClientRequestToStopJetService, JetBeginSessionA(0, &ses, NULL, NULL));
    assert_jet_ok(JetTerm(0));
}

/* ---- JetStopBackup* ---------------------------------------------------- */

static void test_stop_backup(void **state)
{
    (void)state;
    assert_jet(JET_errInvalidParameter, JetStopBackupInstance(0));
    JET_INSTANCE inst = make_instance("sb", "sb");
    /* Not a running instance yet. */
    assert_jet(JET_errInvalidParameter, JetStopBackupInstance(inst));
    assert_jet_ok(JetInit(&inst));
    assert_jet(JET_errInvalidParameter, JetStopBackupInstance((JET_INSTANCE)0x1234567));
    assert_jet(JET_errInvalidParameter, JetStopBackupInstance(JET_instanceNil));
    assert_jet_ok(JetStopBackupInstance(inst));
    assert_jet_ok(JetStopBackupInstance(inst));   /* idempotent */
    /* It does not stop the service. */
    JET_SESID ses;
    assert_jet_ok(JetBeginSessionA(inst, &ses, NULL, NULL));
    assert_jet_ok(JetEndSession(ses, 0));
    assert_jet_ok(JetTerm(inst));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_multi_mode_is_chosen_by_create, setup, teardown),
        cmocka_unit_test_setup_teardown(test_legacy_mode, setup, teardown),
        cmocka_unit_test_setup_teardown(test_create_instance_bad_input, setup, teardown),
        cmocka_unit_test_setup_teardown(test_create_instance_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_create_instance_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_create_instance_wide, setup, teardown),
        cmocka_unit_test_setup_teardown(test_init_multi, setup, teardown),
        cmocka_unit_test_setup_teardown(test_init_zero_handle_allocates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_init_bad_input, setup, teardown),
        cmocka_unit_test_setup_teardown(test_init_missing_folder_frees_instance, setup, teardown),
        cmocka_unit_test_setup_teardown(test_init_wide, setup, teardown),
        cmocka_unit_test_setup_teardown(test_paths_in_use, setup, teardown),
        cmocka_unit_test_setup_teardown(test_log_stream_locked_across_processes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_term, setup, teardown),
        cmocka_unit_test_setup_teardown(test_term_bad_handles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_term_dirty, setup, teardown),
        cmocka_unit_test_setup_teardown(test_instance_info, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stop_service_instance2, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stop_service_old_forms, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stop_backup, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
