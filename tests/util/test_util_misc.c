/*
 * test_util_misc.c: checked size arithmetic and the bounded string copy.
 */
#include "testutil.h"

#include "util/util.h"

#include <string.h>

/* Overflow detection of the size and u64 helpers. */
static void test_checked_arithmetic(void **state)
{
    (void)state;
    size_t s = 0;
    uint64_t u = 0;

    assert_true(util_size_add(2, 3, &s));
    assert_int_equal(5, s);
    assert_false(util_size_add(SIZE_MAX, 1, &s));
    assert_true(util_size_add(SIZE_MAX - 1, 1, &s));
    assert_int_equal(SIZE_MAX, s);
    assert_true(util_size_mul(1000, 1000, &s));
    assert_int_equal(1000000, s);
    assert_false(util_size_mul(SIZE_MAX / 2 + 1, 2, &s));
    assert_true(util_size_mul(0, SIZE_MAX, &s));
    assert_int_equal(0, s);

    assert_true(util_u64_add(UINT64_MAX - 5, 5, &u));
    assert_false(util_u64_add(UINT64_MAX - 5, 6, &u));
    assert_true(util_u64_mul((uint64_t)1 << 31, 32768, &u));
    assert_int_equal((uint64_t)1 << 46, u);
    assert_false(util_u64_mul((uint64_t)1 << 32, (uint64_t)1 << 32, &u));
}

/* Bounded copy: fit, truncation report, UTF-8-safe cut. */
static void test_str_copy(void **state)
{
    (void)state;
    char buf[8];
    size_t need = 0;

    assert_jet_ok(util_str_copy(buf, sizeof buf, "edb", &need));
    assert_string_equal("edb", buf);
    assert_int_equal(4, need);
    /* Exactly full. */
    assert_jet_ok(util_str_copy(buf, sizeof buf, "1234567", &need));
    assert_string_equal("1234567", buf);
    assert_int_equal(8, need);
    /* One too long: truncated, terminated, reported. */
    assert_jet(JET_wrnBufferTruncated, util_str_copy(buf, sizeof buf, "12345678", &need));
    assert_string_equal("1234567", buf);
    assert_int_equal(9, need);
    /* No room at all: nothing written. */
    buf[0] = 'X';
    assert_jet(JET_wrnBufferTruncated, util_str_copy(buf, 0, "a", &need));
    assert_int_equal('X', buf[0]);
    assert_int_equal(2, need);
    assert_jet(JET_wrnBufferTruncated, util_str_copy(buf, 1, "a", NULL));
    assert_string_equal("", buf);
    assert_jet_ok(util_str_copy(buf, 1, "", NULL));
    assert_jet(JET_wrnBufferTruncated, util_str_copy(NULL, 0, "", &need));
    assert_int_equal(1, need);
    assert_jet(JET_errInvalidParameter, util_str_copy(NULL, 4, "a", NULL));
    assert_jet(JET_errInvalidParameter, util_str_copy(buf, 4, NULL, NULL));

    /* A cut never splits a UTF-8 sequence: "ab€" is 61 62 E2 82 AC. */
    const char *euro = "ab\xE2\x82\xAC";
    for (size_t cb = 3; cb <= 5; cb++) {
        assert_jet(JET_wrnBufferTruncated, util_str_copy(buf, cb, euro, &need));
        assert_string_equal("ab", buf);
        assert_int_equal(6, need);
    }
    assert_jet_ok(util_str_copy(buf, 6, euro, NULL));
    assert_string_equal(euro, buf);
    /* "é" alone into 2 bytes: only the terminator fits. */
    assert_jet(JET_wrnBufferTruncated, util_str_copy(buf, 2, "\xC3\xA9", NULL));
    assert_string_equal("", buf);
}

/* Run the helper tests. */
int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_checked_arithmetic),
        cmocka_unit_test(test_str_copy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
