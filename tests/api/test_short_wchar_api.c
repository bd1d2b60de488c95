/*
 * test_short_wchar_api.c: built with -fshort-wchar (16-bit wchar_t), the
 * way some ported Windows code is built.  Its W calls bind to the library's
 * UTF-16 entry points (JetFooW_u16) and must behave like the UTF-32 ones.
 */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jetdb.h"

_Static_assert(sizeof(wchar_t) == 2, "this test must be built with -fshort-wchar");

static void test_utf16_names(void **state)
{
    (void)state;
    char *dir = tu_mkdtemp("w16");
    assert_int_equal(chdir(dir), 0);
    JetDbSetEventCallback(NULL, NULL, JETDB_bitEventNoSyslog);

    JET_INSTANCE inst = 0;
    /* U+00E9 and U+1F600 (a surrogate pair in UTF-16). */
    assert_jet_ok(JetCreateInstance2W(&inst, L"caf\u00e9 \U0001F600", NULL, 0));
    uint32_t n = 0;
    JET_INSTANCE_INFO_A *a = NULL;
    assert_jet_ok(JetGetInstanceInfoA(&n, &a));
    assert_int_equal(n, 1);
    assert_string_equal(a[0].szInstanceName, "caf\xc3\xa9 \xf0\x9f\x98\x80");
    JetFreeBuffer((char *)a);

    JET_INSTANCE_INFO_W *w = NULL;
    assert_jet_ok(JetGetInstanceInfoW(&n, &w));
    const wchar_t expect[] = L"caf\u00e9 \U0001F600";
    assert_int_equal(memcmp(w[0].szInstanceName, expect, sizeof expect), 0);
    JetFreeBuffer((char *)w);

    assert_jet_ok(JetInit3W(&inst, NULL, 0));
    JET_SESID ses;
    assert_jet_ok(JetBeginSessionW(inst, &ses, L"u", L"p"));
    const wchar_t lone[] = { 0xDC00, 0 };   /* a lone low surrogate */
    JET_SESID bad;
    assert_jet(JET_errInvalidParameter, JetBeginSessionW(inst, &bad, lone, NULL));
    assert_jet_ok(JetEndSession(ses, 0));
    assert_jet_ok(JetTerm(inst));
    assert_int_equal(chdir("/"), 0);
    tu_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf16_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
