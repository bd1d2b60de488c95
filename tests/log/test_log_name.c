/*
 * test_log_name.c: log file names both ways (5/8 digits, legacy bits, case,
 * garbage), generation range discovery, LSN <-> JET_LGPOS.
 */
#include "log_tu.h"

static void check_name(JET_ERR (*fn)(const char *, unsigned, char *, size_t), unsigned legacy,
                       const char *expect)
{
    char buf[LOG_NAME_MAX];
    assert_jet_ok(fn("edb", legacy, buf, sizeof buf));
    assert_string_equal(buf, expect);
}

static void test_names(void **state)
{
    (void)state;
    char buf[LOG_NAME_MAX];
    const unsigned esent = LOG_LEGACY_ESE98 | LOG_LEGACY_8DOT3;

    assert_jet_ok(log_name_archived("edb", esent, 0xA, buf, sizeof buf));
    assert_string_equal(buf, "edb0000A.log");
    assert_jet_ok(log_name_archived("edb", esent, 0xFFFFF, buf, sizeof buf));
    assert_string_equal(buf, "edbFFFFF.log");
    assert_jet_ok(log_name_archived("edb", esent, 0x100000, buf, sizeof buf));
    assert_string_equal(buf, "edb00100000.log");
    assert_jet_ok(log_name_archived("edb", LOG_LEGACY_ESE98, 0xA, buf, sizeof buf));
    assert_string_equal(buf, "edb0000000A.log");
    assert_jet_ok(log_name_archived("E00", 0, 0xABC, buf, sizeof buf));
    assert_string_equal(buf, "E0000000ABC.jtx");
    assert_jet_ok(log_name_archived("edb", LOG_LEGACY_8DOT3, 0x1f, buf, sizeof buf));
    assert_string_equal(buf, "edb0001F.jtx");
    assert_jet(JET_errInvalidParameter, log_name_archived("edb", esent, 0, buf, sizeof buf));
    assert_jet(JET_errInvalidParameter, log_name_archived("edb", esent, 1, buf, 8));

    check_name(log_name_current, esent, "edb.log");
    check_name(log_name_current, 0, "edb.jtx");
    check_name(log_name_tmp, esent, "edbtmp.log");
    check_name(log_name_tmp, 0, "edbtmp.jtx");
    check_name(log_name_checkpoint, esent, "edb.chk");
    check_name(log_name_checkpoint, LOG_LEGACY_8DOT3, "edb.jcp");
    assert_jet_ok(log_name_reserve("edb", 1, buf, sizeof buf));
    assert_string_equal(buf, "edbres00001.jrs");
    assert_jet_ok(log_name_reserve("edb", 2, buf, sizeof buf));
    assert_string_equal(buf, "edbres00002.jrs");
}

static void test_parse(void **state)
{
    (void)state;
    const unsigned esent = LOG_LEGACY_ESE98 | LOG_LEGACY_8DOT3;
    uint32_t g = 0;

    assert_jet_ok(log_name_parse("edb0000A.log", "edb", esent, &g));
    assert_int_equal(g, 10);
    assert_jet_ok(log_name_parse("edb0000a.log", "edb", esent, &g));
    assert_int_equal(g, 10);
    assert_jet_ok(log_name_parse("EDB0000A.LOG", "edb", esent, &g));
    assert_int_equal(g, 10);
    assert_jet_ok(log_name_parse("edb0000000A.log", "edb", esent, &g));
    assert_int_equal(g, 10);
    assert_jet_ok(log_name_parse("edb00100000.log", "edb", esent, &g));
    assert_int_equal(g, 0x100000);
    assert_jet_ok(log_name_parse("edbFFFFFFFF.jtx", "edb", 0, &g));
    assert_int_equal(g, 0xFFFFFFFFu);
    assert_jet_ok(log_name_parse("E01000ff.Jtx", "e01", 0, &g));
    assert_int_equal(g, 0xFF);

    /* Round trip for both widths. */
    for (uint32_t gen = 1; gen < 0x300000; gen = gen * 3 + 7) {
        char buf[LOG_NAME_MAX];
        for (unsigned legacy = 0; legacy < 4; legacy++) {
            assert_jet_ok(log_name_archived("abc", legacy, gen, buf, sizeof buf));
            assert_jet_ok(log_name_parse(buf, "abc", legacy, &g));
            assert_int_equal(g, gen);
        }
    }

    static const char *const bad[] = {
        "edb.log", "edbtmp.log", "edb000A.log", "edb000000A.log", "edb0000G.log",
        "edb0000A.jtx", "abc0000A.log", "edb00000.log", "edb0000A.log.bak", "edb0000A",
        "edbres00001.jrs", "edb.chk", "", "edb 000A.log", "edb+0000A.log", "ed0000A.log",
        "edb0x00A.log",
    };
    for (size_t i = 0; i < JET_ARRAY_LEN(bad); i++)
        assert_jet(JET_errInvalidParameter, log_name_parse(bad[i], "edb", esent, &g));
    assert_jet(JET_errInvalidParameter, log_name_parse("edb0000A.log", "edb", 0, &g));
}

static void touch(const char *dir, const char *name)
{
    char *p = tu_path(dir, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fclose(f);
    free(p);
}

static void test_range(void **state)
{
    (void)state;
    char *dir = tu_mkdtemp("logrange");
    uint32_t lo = 99, hi = 99;
    const unsigned esent = LOG_LEGACY_ESE98 | LOG_LEGACY_8DOT3;

    assert_jet_ok(log_gen_range(dir, "edb", esent, &lo, &hi));
    assert_int_equal(lo, 0);
    assert_int_equal(hi, 0);

    touch(dir, "edb.log");
    touch(dir, "edbtmp.log");
    touch(dir, "edbres00001.jrs");
    touch(dir, "edb.chk");
    touch(dir, "junk.txt");
    touch(dir, "xyz00002.log");
    assert_jet_ok(log_gen_range(dir, "edb", esent, &lo, &hi));
    assert_int_equal(lo, 0);
    assert_int_equal(hi, 0);

    touch(dir, "edb00003.log");
    touch(dir, "EDB0000a.LOG");
    touch(dir, "edb00000004.log");
    touch(dir, "edb0000000B.jtx");     /* other extension: not ours */
    assert_jet_ok(log_gen_range(dir, "edb", esent, &lo, &hi));
    assert_int_equal(lo, 3);
    assert_int_equal(hi, 10);

    /* Without the 8.3 bit a 5-digit name is a configuration mismatch. */
    assert_jet(JET_errLogGenerationMismatch, log_gen_range(dir, "edb", LOG_LEGACY_ESE98, &lo, &hi));
    /* The .jtx world sees only its own file. */
    assert_jet_ok(log_gen_range(dir, "edb", 0, &lo, &hi));
    assert_int_equal(lo, 11);
    assert_int_equal(hi, 11);

    char *missing = tu_path(dir, "nope");
    assert_true(log_gen_range(missing, "edb", esent, &lo, &hi) < 0);
    free(missing);
    tu_rmtree(dir);
    free(dir);
}

static void test_lgpos(void **state)
{
    (void)state;
    JET_LGPOS p;
    log_lsn l = log_lsn_make(0x1234, 5 * 4096 + 77);
    log_lsn_to_lgpos(l, &p);
    assert_int_equal(p.lGeneration, 0x1234);
    assert_int_equal(p.isec, 5);
    assert_int_equal(p.ib, 77);
    assert_true(log_lgpos_to_lsn(&p) == l);
    assert_int_equal(log_lsn_gen(l), 0x1234);
    assert_int_equal(log_lsn_off(l), 5 * 4096 + 77);
    /* LSN order is JET_LGPOS order. */
    log_lsn a = log_lsn_make(2, 4096 * 15 + 4095), b = log_lsn_make(3, 4096 + 32);
    assert_true(a < b);
    p.lGeneration = -1;
    assert_true(log_lgpos_to_lsn(&p) == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_range),
        cmocka_unit_test(test_lgpos),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
