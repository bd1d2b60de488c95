/*
 * test_rst_w16.c: the restore W functions from a program built with
 * -fshort-wchar (esent.h binds them to the `_u16` twins): UTF-16 paths
 * reach the engine intact (a missing backup folder is reported as such),
 * and JET_LOGINFO_W's cbSize is the UTF-16 structure's.
 */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "jetdb.h"

static void test_w16(void **state)
{
    (void)state;
    char *dir = tu_mkdtemp("rstw16");
    JetDbSetEventCallback(NULL, NULL, JETDB_bitEventNoSyslog);
    _Static_assert(sizeof(WCHAR) == 2, "built with -fshort-wchar");
    WCHAR src[600], dst[600];
    size_t n = strlen(dir);
    for (size_t i = 0; i <= n; i++)
        src[i] = dst[i] = (WCHAR)dir[i];
    /* An empty folder holds no backup set. */
    JET_INSTANCE ji = 0;
    assert_jet_ok(JetCreateInstanceW(&ji, L"w16"));
    assert_jet_ok(JetSetSystemParameterW(&ji, 0, JET_paramLogFilePath, 0, dst));
    assert_jet_ok(JetSetSystemParameterW(&ji, 0, JET_paramSystemPath, 0, dst));
    assert_jet_ok(JetSetSystemParameterW(&ji, 0, JET_paramTempPath, 0, L"/tmp/"));
    assert_jet(JET_errFileNotFound, JetRestoreInstanceW(ji, src, dst, NULL));
    assert_jet_ok(JetTerm(ji));
    JET_LOGINFO_W li;
    memset(&li, 0, sizeof li);
    li.cbSize = sizeof li;
    assert_int_equal(sizeof li, 20);
    assert_jet(JET_errFileNotFound,
               JetExternalRestore2W(src, src, NULL, 0, src, &li, NULL, NULL, NULL, NULL));
    li.cbSize = 28;   /* the UTF-32 structure's size */
    assert_jet(JET_errInvalidParameter,
               JetExternalRestore2W(src, src, NULL, 0, src, &li, NULL, NULL, NULL, NULL));
    tu_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = { cmocka_unit_test(test_w16) };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
