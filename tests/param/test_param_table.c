/*
 * test_param_table.c: the static tables — every public JET_param of the
 * reference is in param_table.c under its id with a sane definition, and
 * every public JET_err/JET_wrn of esent.h has a name and description in
 * errtext.c that agrees with the header's value.
 */
#include "testutil.h"

#include <string.h>

#include "inst/param.h"
#include "util/errtext.h"

/* ---- parameters ---------------------------------------------------------- */

static void test_public_params_present(void **state)
{
    (void)state;
    size_t n = 0;
#define PARAM_NAME(pname, pid)                                                 \
    do {                                                                       \
        const par_def *d = par_def_of(pid);                                    \
        assert_non_null(d);                                                    \
        assert_string_equal(d->name, #pname);                                  \
        assert_true(d->flags & PAR_F_PUBLIC);                                  \
        assert_int_not_equal(d->type, PAR_ILLEGAL);                            \
        n++;                                                                   \
    } while (0);
#define PARAM_DEFINED(name, id)
#include "param_names.inc"
#undef PARAM_DEFINED
#undef PARAM_NAME
    assert_int_equal(n, 131);
}

/* Where esent.h defines the name, its value is the table's id. */
static void test_header_ids_match(void **state)
{
    (void)state;
    size_t n = 0;
#define PARAM_NAME(name, id)
#define PARAM_DEFINED(name, id)                                                \
    do {                                                                       \
        assert_int_equal((name), (id));                                        \
        n++;                                                                   \
    } while (0);
#include "param_names.inc"
#undef PARAM_DEFINED
#undef PARAM_NAME
    assert_true(n >= 120);   /* the default JET_VERSION hides the 0x0A01 ones */
    assert_int_equal(JET_paramSystemPath, 0);
    assert_int_equal(JET_paramErrorToString, 70);
    assert_int_equal(JET_paramUnicodeIndexDefault, 72);
    assert_int_equal(JET_paramConfiguration, 129);
    assert_int_equal(JET_paramEnableBlockCacheDetach, 220);
    assert_int_equal(JET_paramMaxValueInvalid, 221);
}

static void test_table_consistency(void **state)
{
    (void)state;
    size_t illegal = 0;
    for (uint32_t id = 0; id < PAR_COUNT; id++) {
        const par_def *d = par_def_of(id);
        assert_non_null(d);
        assert_int_equal(d->id, id);
        assert_non_null(d->name);
        assert_true(strncmp(d->name, "JET_param", 9) == 0);
        if (d->type == PAR_ILLEGAL) {
            illegal++;
            continue;
        }
        assert_true(d->lo <= d->hi);
        bool is_str = d->type == PAR_STRING || d->type == PAR_FOLDER || d->type == PAR_PATH;
        if (is_str) {
            assert_non_null(d->sdef);
        } else if (!(d->flags & PAR_F_READONLY) && d->type != PAR_SPECIAL && id != 38 &&
                   id != 41 && id != 79) {
            /* the defaults of settable numbers are in range (ESE asserts it);
             * 21 (PageReadAheadMax, ignored) is ESE's one exception */
            if (id != 21) {
                assert_true(d->def >= d->lo && d->def <= d->hi);
                assert_true(d->def_small >= d->lo && d->def_small <= d->hi);
            }
        }
        /* nothing is both global and JetInit-locked, nor instance-scope and
         * global-init-locked (the lock code relies on it) */
        if (d->flags & PAR_F_GLOBAL)
            assert_false(d->flags & PAR_F_LOCK_INIT);
        else
            assert_false(d->flags & PAR_F_LOCK_GINIT);
    }
    assert_int_equal(illegal, 2);   /* 185 and 221 */
    assert_int_equal(par_def_of(185)->type, PAR_ILLEGAL);
    assert_int_equal(par_def_of(221)->type, PAR_ILLEGAL);
}

static void test_scopes_and_locks(void **state)
{
    (void)state;
    struct {
        uint32_t id;
        uint16_t flags;
    } cases[] = {
        { JET_paramSystemPath, PAR_F_LOCK_INIT },
        { JET_paramMaxSessions, PAR_F_LOCK_INIT | PAR_F_ADVANCED },
        { JET_paramDatabasePageSize, PAR_F_GLOBAL | PAR_F_LOCK_GINIT },
        { JET_paramMaxInstances, PAR_F_GLOBAL | PAR_F_LOCK_GINIT },
        { JET_paramCacheSizeMax, PAR_F_GLOBAL | PAR_F_ADVANCED },
        { JET_paramCreatePathIfNotExist, 0 },
        { JET_paramErrorToString, PAR_F_GLOBAL | PAR_F_READONLY },
        { JET_paramMaxColtyp, PAR_F_GLOBAL | PAR_F_READONLY },
    };
    const uint16_t mask = PAR_F_GLOBAL | PAR_F_LOCK_INIT | PAR_F_LOCK_GINIT | PAR_F_ADVANCED |
                          PAR_F_READONLY;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(par_def_of(cases[i].id)->flags & mask, cases[i].flags);
    assert_int_equal(par_def_of(JET_paramSystemPath)->type, PAR_FOLDER);
    assert_int_equal(par_def_of(JET_paramTempPath)->type, PAR_PATH);
    assert_int_equal(par_def_of(JET_paramDatabasePageSize)->type, PAR_BLOCKSIZE);
    assert_int_equal(par_def_of(JET_paramRuntimeCallback)->type, PAR_POINTER);
    assert_true(par_def_of(JET_paramLogFileSize)->flags & PAR_F_ACTED);
    assert_false(par_def_of(JET_paramMaxCursors)->flags & PAR_F_ACTED);
}

/* ---- error texts ------------------------------------------------------------- */

static void test_every_public_error_named(void **state)
{
    (void)state;
    size_t n = 0;
    JET_ERR v;
#define ERR_NAME(name)                                                          \
    do {                                                                        \
        assert_jet_ok(errtext_from_name(#name, &v));                            \
        assert_int_equal(v, (name));                                            \
        const char *nm, *desc;                                                  \
        assert_true(errtext_lookup((name), &nm, &desc));                        \
        assert_true(strlen(desc) > 5);                                          \
        n++;                                                                    \
    } while (0);
#include "err_names.inc"
#undef ERR_NAME
    assert_true(n >= 420);
}

static void test_errtext_table(void **state)
{
    (void)state;
    assert_int_equal(errtext_count(), 424);
    for (size_t i = 1; i < errtext_count(); i++)
        assert_true(errtext_entry_at(i - 1)->err < errtext_entry_at(i)->err);
    assert_null(errtext_entry_at(errtext_count()));
    assert_string_equal(errtext_name(JET_errDiskFull), "JET_errDiskFull");
    assert_string_equal(errtext_name(JET_wrnSeekNotEqual), "JET_wrnSeekNotEqual");
    assert_string_equal(errtext_name(JET_errNullInvalid), "JET_errNullInvalid");
    assert_string_equal(errtext_name(-9999), ERRTEXT_UNKNOWN);
    const char *nm = NULL, *desc = NULL;
    assert_false(errtext_lookup(12345, &nm, &desc));
    assert_string_equal(nm, "Unknown Error");
    assert_string_equal(desc, "Unknown Error");
    assert_false(errtext_lookup(12345, NULL, NULL));

    JET_ERR v = 0;
    assert_jet_ok(errtext_from_name("jet_errdiskfull", &v));
    assert_int_equal(v, JET_errDiskFull);
    assert_jet_ok(errtext_from_name("JET_errDatabaseInconsistent", &v));
    assert_int_equal(v, JET_errDatabaseDirtyShutdown);
    assert_jet(JET_errInvalidParameter, errtext_from_name("JET_errNoSuchThing", &v));
    assert_jet(JET_errInvalidParameter, errtext_from_name(NULL, &v));

    char buf[64];
    size_t len = errtext_format(JET_errInvalidParameter, buf, sizeof buf);
    assert_string_equal(buf, "JET_errInvalidParameter, Invalid API parameter");
    assert_int_equal(len, strlen(buf));
    assert_int_equal(errtext_format(JET_errInvalidParameter, buf, 8), len);
    assert_string_equal(buf, "JET_err");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_public_params_present),
        cmocka_unit_test(test_header_ids_match),
        cmocka_unit_test(test_table_consistency),
        cmocka_unit_test(test_scopes_and_locks),
        cmocka_unit_test(test_every_public_error_named),
        cmocka_unit_test(test_errtext_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
