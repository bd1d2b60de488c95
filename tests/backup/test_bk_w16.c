/*
 * test_bk_w16.c: built with -fshort-wchar — the backup W functions bind to
 * their UTF-16 twins (JetFooW_u16): paths in, lists and JET_LOGINFO_W out.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jetdb.h"

_Static_assert(sizeof(wchar_t) == 2, "this test must be built with -fshort-wchar");

/* ASCII to UTF-16 (the test's paths are ASCII). */
static void widen(const char *s, wchar_t *w, size_t n)
{
    size_t i = 0;
    for (; s[i] && i + 1 < n; i++)
        w[i] = (wchar_t)s[i];
    w[i] = 0;
}

static void test_w16_backup(void **state)
{
    (void)state;
    char *dir = tu_mkdtemp("bkw16");
    char folder[600], db[700], dest[700];
    snprintf(folder, sizeof folder, "%s/", dir);
    snprintf(db, sizeof db, "%s/w.edb", dir);
    snprintf(dest, sizeof dest, "%s/dest", dir);
    JetDbSetEventCallback(NULL, NULL, JETDB_bitEventNoSyslog);
    JET_INSTANCE inst = 0;
    assert_jet_ok(JetCreateInstanceA(&inst, "w16"));
    assert_jet_ok(JetSetSystemParameterA(&inst, 0, JET_paramSystemPath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(&inst, 0, JET_paramLogFilePath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(&inst, 0, JET_paramTempPath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(&inst, 0, JET_paramCreatePathIfNotExist, 1, NULL));
    assert_jet_ok(JetInit(&inst));
    JET_SESID ses;
    JET_DBID dbid;
    assert_jet_ok(JetBeginSessionA(inst, &ses, NULL, NULL));
    assert_jet_ok(JetCreateDatabaseA(ses, db, NULL, &dbid, 0));

    wchar_t wdb[700], wdest[700], list[2048];
    widen(db, wdb, 700);
    widen(dest, wdest, 700);
    uint32_t cb = 0, lo, hi;
    JET_HANDLE hf;
    assert_jet_ok(JetBeginExternalBackupInstance(inst, 0));
    assert_jet_ok(JetGetAttachInfoInstanceW(inst, list, sizeof list, &cb));
    assert_int_equal(cb, (strlen(db) + 2) * 2);
    assert_int_equal(memcmp(list, wdb, (strlen(db) + 1) * 2), 0);
    assert_jet_ok(JetOpenFileInstanceW(inst, wdb, &hf, &lo, &hi));
    assert_jet_ok(JetCloseFileInstance(inst, hf));
    JET_LOGINFO_W li;
    memset(&li, 0, sizeof li);
    assert_int_equal(sizeof li, 20);   /* Windows' layout */
    assert_jet_ok(JetGetLogInfoInstance2W(inst, list, sizeof list, &cb, &li));
    assert_true(li.ulGenHigh >= li.ulGenLow);
    assert_int_equal(li.szBaseName[0], 'e');
    assert_int_equal(li.szBaseName[3], 0);
    assert_int_equal(list[0], '/');
    assert_jet_ok(JetGetTruncateLogInfoInstanceW(inst, list, sizeof list, &cb));
    assert_jet_ok(JetEndExternalBackupInstance2(inst, JET_bitBackupEndAbort));

    assert_jet_ok(JetBackupInstanceW(inst, wdest, 0, NULL));
    char copy[800];
    snprintf(copy, sizeof copy, "%s/w.edb", dest);
    assert_true(tu_exists(copy));
    assert_jet_ok(JetCloseDatabase(ses, dbid, 0));
    assert_jet_ok(JetEndSession(ses, 0));
    assert_jet_ok(JetTerm(inst));
    tu_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_w16_backup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
