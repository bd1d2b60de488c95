/*
 * test_unicode_map.c - built with -DJET_UNICODE: the plain names of A/W
 * functions and structures must resolve to the W forms, and the name
 * limits must be the Unicode ones.  Runs without the library: functions
 * are only looked at (_Generic, stringizing), never called.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#if !defined(JET_UNICODE)
#error "test_unicode_map.c must be compiled with -DJET_UNICODE"
#endif

#include "esent.h"
#include "esent_expected.h"

_Static_assert(JET_cbNameMost == 128, "JET_cbNameMost with JET_UNICODE");
_Static_assert(JET_cbFullNameMost == 510, "JET_cbFullNameMost with JET_UNICODE");

/* plain structure names are the W structures */
_Static_assert(_Generic((JET_RSTMAP *)0, JET_RSTMAP_W *: 1, default: 0), "JET_RSTMAP");
_Static_assert(_Generic((JET_RSTINFO *)0, JET_RSTINFO_W *: 1, default: 0), "JET_RSTINFO");
_Static_assert(_Generic((JET_INSTANCE_INFO *)0, JET_INSTANCE_INFO_W *: 1, default: 0),
               "JET_INSTANCE_INFO");
_Static_assert(_Generic((JET_LOGINFO *)0, JET_LOGINFO_W *: 1, default: 0), "JET_LOGINFO");
_Static_assert(_Generic((JET_SETSYSPARAM *)0, JET_SETSYSPARAM_W *: 1, default: 0),
               "JET_SETSYSPARAM");
_Static_assert(_Generic((JET_COLUMNCREATE *)0, JET_COLUMNCREATE_W *: 1, default: 0),
               "JET_COLUMNCREATE");
_Static_assert(_Generic((JET_TABLECREATE4 *)0, JET_TABLECREATE4_W *: 1, default: 0),
               "JET_TABLECREATE4");
_Static_assert(_Generic((JET_INDEXCREATE3 *)0, JET_INDEXCREATE3_W *: 1, default: 0),
               "JET_INDEXCREATE3");
_Static_assert(_Generic((JET_COLUMNBASE *)0, JET_COLUMNBASE_W *: 1, default: 0),
               "JET_COLUMNBASE");

/* plain function names are the W functions, with W parameter types */
_Static_assert(_Generic(&JetInit3, JET_ERR (*)(JET_INSTANCE *, JET_RSTINFO_W *, JET_GRBIT): 1,
                        default: 0), "JetInit3");
_Static_assert(_Generic(&JetBeginSession,
                        JET_ERR (*)(JET_INSTANCE, JET_SESID *, JET_PCWSTR, JET_PCWSTR): 1,
                        default: 0), "JetBeginSession");
_Static_assert(_Generic(&JetSetSystemParameter,
                        JET_ERR (*)(JET_INSTANCE *, JET_SESID, uint32_t, JET_API_PTR,
                                    JET_PCWSTR): 1,
                        default: 0), "JetSetSystemParameter");
_Static_assert(_Generic(&JetGetInstanceInfo,
                        JET_ERR (*)(uint32_t *, JET_INSTANCE_INFO_W **): 1, default: 0),
               "JetGetInstanceInfo");
_Static_assert(_Generic(&JetGetErrorInfo,
                        JET_ERR (*)(void *, void *, uint32_t, uint32_t, JET_GRBIT): 1,
                        default: 0), "JetGetErrorInfo");

#define STR2(x) #x
#define STR(x) STR2(x)

static void test_unicode_limits(void **state)
{
    (void)state;
    assert_int_equal(JET_cbNameMost, 128);
    assert_int_equal(JET_cbFullNameMost, 510);
}

static void test_function_names_map_to_w(void **state)
{
    (void)state;
    assert_string_equal(STR(JetInit3), "JetInit3W");
    assert_string_equal(STR(JetBeginSession), "JetBeginSessionW");
    assert_string_equal(STR(JetBackupInstance), "JetBackupInstanceW");
    assert_string_equal(STR(JetGetErrorInfo), "JetGetErrorInfoW");
    size_t n = 0;
    for (const jet_expected_map *m = jet_expected_function_map; m->plain; m++, n++) {
        size_t len = strlen(m->plain);
        if (strlen(m->expanded) != len + 1 || strncmp(m->expanded, m->plain, len) != 0 ||
            m->expanded[len] != 'W')
            print_error("%s expands to %s\n", m->plain, m->expanded);
        assert_int_equal(strlen(m->expanded), len + 1);
        assert_memory_equal(m->expanded, m->plain, len);
        assert_int_equal(m->expanded[len], 'W');
    }
    assert_int_equal(n, JET_EXPECTED_AW_FUNCTIONS);
}

static void test_struct_names_map_to_w(void **state)
{
    (void)state;
    size_t n = 0;
    for (const jet_expected_struct_map *m = jet_expected_struct_map_table; m->plain; m++, n++) {
        if (m->variant != 'W')
            print_error("%s is not the W structure\n", m->plain);
        assert_int_equal(m->variant, 'W');
    }
    assert_int_equal(n, JET_EXPECTED_AW_STRUCTS);
    /* the W structures take wide strings */
    JET_RSTMAP map;
    WCHAR name[] = L"db.edb";
    map.szDatabaseName = name;
    map.szNewDatabaseName = NULL;
    assert_int_equal(map.szDatabaseName[0], L'd');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unicode_limits),
        cmocka_unit_test(test_function_names_map_to_w),
        cmocka_unit_test(test_struct_names_map_to_w),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
