/*
 * test_param_short_wchar.c: built with -fshort-wchar, so the W calls below
 * bind to the UTF-16 entry points (JetSetSystemParameterW_u16, ...) through
 * esent.h's JET_WSYM labels, exactly as an application built that way.
 * (No libc wide-string function is used: glibc's assume a 32-bit wchar_t.)
 */
#include "testutil.h"

#include <string.h>

#include "jetdb.h"

_Static_assert(sizeof(wchar_t) == 2, "this test must be built with -fshort-wchar");

static void test_set_get_utf16(void **state)
{
    (void)state;
    assert_jet_ok(JetSetSystemParameterW(NULL, 0, JET_paramEventSource, 0, L"s\u00e9w"));
    char a[16];
    assert_jet_ok(JetGetSystemParameterA(0, 0, JET_paramEventSource, NULL, a, sizeof a));
    assert_string_equal(a, "s\xc3\xa9w");
    wchar_t w[8];
    assert_jet_ok(JetGetSystemParameterW(0, 0, JET_paramEventSource, NULL, w, sizeof w));
    assert_memory_equal(w, L"s\u00e9w", 4 * sizeof(wchar_t));
    assert_jet(JET_errBufferTooSmall,
               JetGetSystemParameterW(0, 0, JET_paramEventSource, NULL, w, 3 * sizeof(wchar_t)));
    assert_memory_equal(w, L"s\u00e9", 3 * sizeof(wchar_t));

    JET_API_PTR e = (JET_API_PTR)(uint32_t)JET_errOutOfMemory;
    wchar_t msg[64];
    assert_jet_ok(JetGetSystemParameterW(0, 0, JET_paramErrorToString, &e, msg, sizeof msg));
    assert_memory_equal(msg, L"JET_errOutOfMemory, Out of memory", 34 * sizeof(wchar_t));
}

static void test_enable_multi_utf16(void **state)
{
    (void)state;
    JET_SETSYSPARAM_W set[] = { { JET_paramEventSource, 0, L"sixteen", -1 } };
    uint32_t ok = 0;
    assert_jet_ok(JetEnableMultiInstanceW(set, 1, &ok));
    assert_int_equal(ok, 1);
    char a[16];
    assert_jet_ok(JetGetSystemParameterA(0, 0, JET_paramEventSource, NULL, a, sizeof a));
    assert_string_equal(a, "sixteen");
    JET_INSTANCE i = 0;
    assert_jet_ok(JetCreateInstanceA(&i, "u16"));
    assert_jet_ok(JetTerm(i));        /* last instance gone: no mode again */
}

int main(void)
{
    JetDbSetEventCallback(NULL, NULL, JETDB_bitEventNoSyslog);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_set_get_utf16),
        cmocka_unit_test(test_enable_multi_utf16),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
