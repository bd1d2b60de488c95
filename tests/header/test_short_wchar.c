/*
 * test_short_wchar.c - compiled to object files only (never linked), once
 * with -fshort-wchar (JET_TEST_WCHAR_SIZE=2) and once with the default
 * 32-bit wchar_t (JET_TEST_WCHAR_SIZE=4).  check_symbols.cmake then reads
 * the undefined symbols with nm: with a 16-bit wchar_t every W function
 * must bind to <Name>_u16 and nothing else may be renamed; with the
 * default wchar_t the plain names must be used.
 *
 * With a 16-bit wchar_t the W structures also get the Windows x64 layout,
 * which the static assertions of esent_expected.h check.
 */
#include <stddef.h>
#include <stdint.h>

#include "esent.h"
#include "jetdb.h"
#include "esent_expected.h"

#if !defined(JET_TEST_WCHAR_SIZE)
#error "define JET_TEST_WCHAR_SIZE (2 or 4)"
#endif
_Static_assert(sizeof(wchar_t) == JET_TEST_WCHAR_SIZE, "wchar_t size");
_Static_assert(sizeof(WCHAR) == JET_TEST_WCHAR_SIZE, "WCHAR size");

#if JET_TEST_WCHAR_SIZE == 2
/* the layouts of Windows x64 (UTF-16 WCHAR) */
_Static_assert(sizeof(JET_COLUMNBASE_W) == 1052, "JET_COLUMNBASE_W");
_Static_assert(offsetof(JET_COLUMNBASE_W, szBaseColumnName) == 540, "JET_COLUMNBASE_W");
_Static_assert(sizeof(JET_LOGINFO_W) == 20, "JET_LOGINFO_W");
_Static_assert(sizeof(JET_ERRINFOBASIC_W) == 152, "JET_ERRINFOBASIC_W");
#endif

/* the address of every public function, so that each one appears as an
 * undefined symbol in the object file */
typedef void (*jet_test_fn)(void);
#define JET_TEST_FN(name) (jet_test_fn)name,
extern jet_test_fn const jet_test_all_functions[];
jet_test_fn const jet_test_all_functions[] = {
#include "esent_functions.inc"
    NULL
};

/* and two plain calls */
int jet_test_short_wchar_calls(void);
int jet_test_short_wchar_calls(void)
{
    JET_INSTANCE inst = 0;
    JET_SESID sesid = 0;
    JET_ERR err = JetInit3W(&inst, NULL, 0);
    if (err >= 0)
        err = JetBeginSessionW(inst, &sesid, L"user", L"");
    if (err >= 0)
        err = JetInit3A(&inst, NULL, 0);
    return (int)err;
}
