/*
 * test_util_utf.c: UTF-8 <-> UTF-16 / UTF-32 conversion: BMP and non-BMP
 * text, every class of malformed input, buffer sizing, unaligned buffers.
 */
#include "testutil.h"

#include "util/utf.h"

#include <stdlib.h>
#include <string.h>
#include <uchar.h>
#include <wchar.h>

/* "héllo €😀" in the three encodings. */
static const char sample8[] = "h\xC3\xA9llo \xE2\x82\xAC\xF0\x9F\x98\x80";
static const char16_t sample16[] = { 'h', 0xE9, 'l', 'l', 'o', ' ', 0x20AC, 0xD83D, 0xDE00, 0 };
static const char32_t sample32[] = { 'h', 0xE9, 'l', 'l', 'o', ' ', 0x20AC, 0x1F600, 0 };

/* BMP and non-BMP text through UTF-16 and UTF-32 and back. */
static void test_utf_roundtrip(void **state)
{
    (void)state;
    char *s = NULL;

    assert_jet_ok(utf_wide_to_utf8(sample16, 2, &s));
    assert_string_equal(sample8, s);
    free(s);
    assert_jet_ok(utf_wide_to_utf8(sample32, 4, &s));
    assert_string_equal(sample8, s);
    free(s);
    /* Linux wchar_t is UTF-32: L"" literals convert as width 4. */
    assert_int_equal(4, sizeof(wchar_t));
    assert_jet_ok(utf_wide_to_utf8(L"edb\u00FC.log", 4, &s));
    assert_string_equal("edb\xC3\xBC.log", s);
    free(s);

    char16_t w16[16];
    char32_t w32[16];
    size_t need = 0;
    assert_jet_ok(utf_utf8_to_wide(sample8, w16, sizeof w16, 2, &need));
    assert_int_equal(sizeof sample16, need);
    assert_memory_equal(sample16, w16, sizeof sample16);
    assert_jet_ok(utf_utf8_to_wide(sample8, w32, sizeof w32, 4, &need));
    assert_int_equal(sizeof sample32, need);
    assert_memory_equal(sample32, w32, sizeof sample32);

    /* Empty strings. */
    assert_jet_ok(utf_wide_to_utf8(u"", 2, &s));
    assert_string_equal("", s);
    free(s);
    assert_jet_ok(utf_utf8_to_wide("", w16, sizeof w16, 2, &need));
    assert_int_equal(2, need);
    assert_int_equal(0, w16[0]);

    /* Edges of each UTF-8 length and the last code point. */
    const char32_t edges[] = { 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF,
                               0x10000, 0x10FFFF, 0 };
    char *e8 = NULL;
    assert_jet_ok(utf_wide_to_utf8(edges, 4, &e8));
    assert_string_equal("\x7F\xC2\x80\xDF\xBF\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80"
                        "\xEF\xBF\xBF\xF0\x90\x80\x80\xF4\x8F\xBF\xBF", e8);
    char16_t e16[16];
    assert_jet_ok(utf_utf8_to_wide(e8, e16, sizeof e16, 2, &need));
    const char16_t e16_want[] = { 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF,
                                  0xD800, 0xDC00, 0xDBFF, 0xDFFF, 0 };
    assert_int_equal(sizeof e16_want, need);
    assert_memory_equal(e16_want, e16, sizeof e16_want);
    char *back = NULL;
    assert_jet_ok(utf_wide_to_utf8(e16, 2, &back));
    assert_string_equal(e8, back);
    free(back);
    free(e8);
}

/* Lone or misordered surrogates and out-of-range values are refused. */
static void test_utf_invalid_wide(void **state)
{
    (void)state;
    char *s = (char *)"untouched";
    const char16_t lone_high[] = { 'a', 0xD800, 'b', 0 };
    const char16_t high_at_end[] = { 'a', 0xDBFF, 0 };
    const char16_t lone_low[] = { 0xDC00, 'a', 0 };
    const char16_t reversed[] = { 0xDC00, 0xD800, 0 };
    const char16_t two_highs[] = { 0xD800, 0xD800, 0xDC00, 0 };
    const char16_t *bad16[] = { lone_high, high_at_end, lone_low, reversed, two_highs };
    for (size_t i = 0; i < sizeof bad16 / sizeof bad16[0]; i++) {
        s = (char *)"untouched";
        assert_jet(JET_errInvalidParameter, utf_wide_to_utf8(bad16[i], 2, &s));
        assert_null(s);
    }
    const char32_t surrogate[] = { 'a', 0xD800, 0 };
    const char32_t too_big[] = { 0x110000, 0 };
    const char32_t negative[] = { 0xFFFFFFFFu, 0 };
    const char32_t *bad32[] = { surrogate, too_big, negative };
    for (size_t i = 0; i < sizeof bad32 / sizeof bad32[0]; i++)
        assert_jet(JET_errInvalidParameter, utf_wide_to_utf8(bad32[i], 4, &s));

    assert_jet(JET_errInvalidParameter, utf_wide_to_utf8(sample16, 3, &s));
    assert_jet(JET_errInvalidParameter, utf_wide_to_utf8(NULL, 2, &s));
    assert_jet(JET_errInvalidParameter, utf_wide_to_utf8(sample16, 2, NULL));
}

/* Every class of malformed UTF-8 is refused without writing. */
static void test_utf_invalid_utf8(void **state)
{
    (void)state;
    const char *bad[] = {
        "\x80",                 /* stray continuation */
        "ab\xBF",
        "\xC3",                 /* cut short by the end */
        "\xE2\x82",
        "\xF0\x9F\x98",
        "\xC3" "a",             /* lead byte without continuation */
        "\xC0\xAF",             /* overlong '/' */
        "\xC1\xBF",
        "\xE0\x80\xAF",
        "\xF0\x80\x80\xAF",
        "\xED\xA0\x80",         /* encoded surrogate U+D800 */
        "\xED\xBF\xBF",
        "\xF4\x90\x80\x80",     /* U+110000 */
        "\xF8\x88\x80\x80\x80", /* 5-byte form */
        "\xFE", "\xFF",
    };
    char16_t w[16];
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        size_t need = 99;
        w[0] = 0x1234;
        assert_jet(JET_errInvalidParameter, utf_utf8_to_wide(bad[i], w, sizeof w, 2, &need));
        assert_int_equal(0x1234, w[0]);     /* nothing written */
        assert_int_equal(0, need);
        assert_jet(JET_errInvalidParameter, utf_utf8_to_wide(bad[i], w, sizeof w, 4, NULL));
    }
    assert_jet(JET_errInvalidParameter, utf_utf8_to_wide(NULL, w, sizeof w, 2, NULL));
    assert_jet(JET_errInvalidParameter, utf_utf8_to_wide("a", w, sizeof w, 1, NULL));
}

/* Size queries, too-small buffers (untouched), exact fit, unaligned buffers. */
static void test_utf_buffer_sizes(void **state)
{
    (void)state;
    unsigned char buf[64];
    size_t need = 0;

    /* Size query with no buffer. */
    assert_jet(JET_errBufferTooSmall, utf_utf8_to_wide(sample8, NULL, 0, 2, &need));
    assert_int_equal(sizeof sample16, need);
    assert_jet(JET_errBufferTooSmall, utf_utf8_to_wide(sample8, NULL, 0, 4, &need));
    assert_int_equal(sizeof sample32, need);

    /* One byte short: nothing written at all. */
    memset(buf, 0xAA, sizeof buf);
    assert_jet(JET_errBufferTooSmall,
               utf_utf8_to_wide(sample8, buf, sizeof sample16 - 1, 2, &need));
    assert_int_equal(sizeof sample16, need);
    for (size_t i = 0; i < sizeof buf; i++)
        assert_int_equal(0xAA, buf[i]);

    /* Exact fit, into an odd (unaligned) address; bytes after untouched. */
    assert_jet_ok(utf_utf8_to_wide(sample8, buf + 1, sizeof sample32, 4, &need));
    assert_memory_equal(sample32, buf + 1, sizeof sample32);
    assert_int_equal(0xAA, buf[1 + sizeof sample32]);
    assert_int_equal(0xAA, buf[0]);

    /* Unaligned wide input. */
    memcpy(buf + 3, sample16, sizeof sample16);
    char *s = NULL;
    assert_jet_ok(utf_wide_to_utf8(buf + 3, 2, &s));
    assert_string_equal(sample8, s);
    free(s);
}

/* Wide string length in code units. */
static void test_utf_wide_len(void **state)
{
    (void)state;
    assert_int_equal(9, utf_wide_len(sample16, 2));    /* units, not characters */
    assert_int_equal(8, utf_wide_len(sample32, 4));
    assert_int_equal(0, utf_wide_len(u"", 2));
    assert_int_equal(3, utf_wide_len(L"abc", sizeof(wchar_t)));
    assert_int_equal(0, utf_wide_len(NULL, 2));
    assert_int_equal(0, utf_wide_len(sample16, 3));
}

/* Run the UTF conversion tests. */
int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf_roundtrip),
        cmocka_unit_test(test_utf_invalid_wide),
        cmocka_unit_test(test_utf_invalid_utf8),
        cmocka_unit_test(test_utf_buffer_sizes),
        cmocka_unit_test(test_utf_wide_len),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
