/*
 * test_record_codec.c: the record codec (src/record/record.h) — every kind
 * of column round-trips, multi-valued insert / replace / delete in the
 * middle, ESE's validation errors, record size limits, explicit-NULL
 * markers, and a long random run against a simple model of the record.
 */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "record/record.h"
#include "util/err.h"

static rec_coldef col(JET_COLUMNID colid, JET_COLTYP coltyp, uint32_t cbMax, JET_GRBIT grbit)
{
    rec_coldef c = {.colid = colid, .coltyp = coltyp, .cbMax = cbMax, .grbit = grbit};
    if (coltyp == JET_coltypText || coltyp == JET_coltypLongText)
        c.cp = 1252;
    return c;
}

/* Get value itag and compare it with the expected bytes. */
static void expect(const rec_buf *r, const rec_coldef *c, uint32_t itag, const void *want, size_t cb)
{
    const void *data;
    size_t n;
    unsigned flags;
    assert_jet_ok(rec_get(r->data, r->len, c, itag, &data, &n, &flags));
    assert_int_equal(n, cb);
    if (cb > 0)
        assert_memory_equal(data, want, cb);
}

static void expect_null(const rec_buf *r, const rec_coldef *c, uint32_t itag)
{
    const void *data = (const void *)1;
    size_t n = 99;
    assert_jet(JET_wrnColumnNull, rec_get(r->data, r->len, c, itag, &data, &n, NULL));
    assert_null(data);
    assert_int_equal(n, 0);
}

static void test_empty(void **state)
{
    (void)state;
    rec_buf r;
    rec_buf_init(&r);
    assert_jet_ok(rec_check(NULL, 0));
    assert_jet_ok(rec_check(r.data, r.len));
    rec_coldef f = col(1, JET_coltypLong, 0, 0), v = col(130, JET_coltypBinary, 0, 0),
               t = col(300, JET_coltypLongText, 0, 0);
    expect_null(&r, &f, 1);
    expect_null(&r, &v, 1);
    expect_null(&r, &t, 1);
    assert_int_equal(rec_count(r.data, r.len, &t), 0);
    assert_int_equal(rec_next_present(r.data, r.len, 0), 0);
    /* A header of zero counts is the empty record too. */
    uint8_t hdr[4] = {0};
    assert_jet_ok(rec_check(hdr, sizeof hdr));
    /* Shorter than a header, or counts out of range: corrupted. */
    assert_jet(JET_errDatabaseCorrupted, rec_check(hdr, 3));
    uint8_t bad[4] = {128, 0, 0, 0};
    assert_jet(JET_errDatabaseCorrupted, rec_check(bad, 4));
    rec_buf_free(&r);
}

static void test_fixed_types(void **state)
{
    (void)state;
    static const JET_COLTYP types[] = {
        JET_coltypBit,        JET_coltypUnsignedByte, JET_coltypShort,    JET_coltypUnsignedShort,
        JET_coltypLong,       JET_coltypUnsignedLong, JET_coltypLongLong, JET_coltypUnsignedLongLong,
        JET_coltypCurrency,   JET_coltypIEEESingle,   JET_coltypIEEEDouble, JET_coltypDateTime,
        JET_coltypGUID,
    };
    rec_buf r;
    rec_buf_init(&r);
    uint8_t val[16];
    /* Set them in reverse colid order so slots get created in the middle. */
    for (size_t k = JET_ARRAY_LEN(types); k > 0; k--) {
        size_t i = k - 1;
        rec_coldef c = col((JET_COLUMNID)(i * 3 + 2), types[i], 0, 0);
        uint32_t size = rec_fixed_size(types[i]);
        assert_true(size > 0);
        for (uint32_t j = 0; j < size; j++)
            val[j] = (uint8_t)(i * 16 + j + 1);
        assert_jet_ok(rec_set(&r, &c, 1, val, size, 0, 4000));
        assert_jet_ok(rec_check(r.data, r.len));
        /* A wrong size is refused. */
        assert_jet(JET_errInvalidBufferSize, rec_set(&r, &c, 1, val, size + 1, 0, 4000));
        assert_jet(JET_errInvalidBufferSize, rec_set(&r, &c, 1, val, 0, 0, 4000));
    }
    for (size_t i = 0; i < JET_ARRAY_LEN(types); i++) {
        rec_coldef c = col((JET_COLUMNID)(i * 3 + 2), types[i], 0, 0);
        uint32_t size = rec_fixed_size(types[i]);
        for (uint32_t j = 0; j < size; j++)
            val[j] = (uint8_t)(i * 16 + j + 1);
        if (types[i] == JET_coltypBit)
            val[0] = 0xff;                   /* ESE stores a set Bit as 0xFF */
        expect(&r, &c, 1, val, size);
        expect_null(&r, &c, 2);
        assert_int_equal(rec_count(r.data, r.len, &c), 1);
        /* Columns never set in between are NULL. */
        rec_coldef gap = col((JET_COLUMNID)(i * 3 + 3), JET_coltypLong, 0, 0);
        expect_null(&r, &gap, 1);
    }
    /* NULL keeps the slot, another value reuses it. */
    rec_coldef c = col(8, JET_coltypShort, 0, 0);
    size_t len = r.len;
    assert_jet_ok(rec_set(&r, &c, 1, NULL, 0, 0, 4000));
    expect_null(&r, &c, 1);
    assert_int_equal(r.len, len);
    int16_t s = -2;
    assert_jet_ok(rec_set(&r, &c, 1, &s, 2, 0, 4000));
    expect(&r, &c, 1, &s, 2);
    assert_int_equal(r.len, len);
    /* Bit 0 stays 0x00. */
    rec_coldef b = col(2, JET_coltypBit, 0, 0);
    uint8_t zero = 0;
    assert_jet_ok(rec_set(&r, &b, 1, &zero, 1, 0, 4000));
    expect(&r, &b, 1, &zero, 1);
    /* A schema that disagrees with the slot width is detected. */
    rec_coldef wrong = col(5, JET_coltypLong, 0, 0);
    const void *d;
    size_t n;
    assert_jet(JET_errDatabaseCorrupted, rec_get(r.data, r.len, &wrong, 1, &d, &n, NULL));
    rec_buf_free(&r);
}

static void test_fixed_text_binary(void **state)
{
    (void)state;
    rec_buf r;
    rec_buf_init(&r);
    rec_coldef t = col(1, JET_coltypText, 8, JET_bitColumnFixed);
    rec_coldef u = col(2, JET_coltypText, 6, JET_bitColumnFixed);
    u.cp = 1200;
    rec_coldef b = col(3, JET_coltypBinary, 5, JET_bitColumnFixed);
    rec_coldef big = col(4, JET_coltypBinary, 0, JET_bitColumnFixed);
    assert_jet_ok(rec_set(&r, &t, 1, "abc", 3, 0, 4000));
    assert_jet_ok(rec_set(&r, &u, 1, "a\0", 2, 0, 4000));
    assert_jet_ok(rec_set(&r, &b, 1, "\x01\x02", 2, 0, 4000));
    assert_jet_ok(rec_set(&r, &big, 1, "x", 1, 0, 4000));
    /* Padded to cbMax: ANSI with spaces, Unicode with U+0020, binary with zeros. */
    expect(&r, &t, 1, "abc     ", 8);
    expect(&r, &u, 1, "a\0 \0 \0", 6);
    expect(&r, &b, 1, "\x01\x02\0\0\0", 5);
    const void *d;
    size_t n;
    assert_jet_ok(rec_get(r.data, r.len, &big, 1, &d, &n, NULL));
    assert_int_equal(n, 255);                /* cbMax 0 = 255 */
    /* Longer than cbMax: ESE's JET_errInvalidBufferSize for fixed columns. */
    assert_jet(JET_errInvalidBufferSize, rec_set(&r, &t, 1, "123456789", 9, 0, 4000));
    expect(&r, &t, 1, "abc     ", 8);
    rec_buf_free(&r);
}

static void test_variable(void **state)
{
    (void)state;
    rec_buf r;
    rec_buf_init(&r);
    rec_coldef a = col(128, JET_coltypText, 10, 0);
    rec_coldef b = col(140, JET_coltypBinary, 0, 0);
    rec_coldef c = col(255, JET_coltypBinary, 0, 0);
    rec_coldef mid = col(135, JET_coltypText, 0, 0);
    assert_jet_ok(rec_set(&r, &b, 1, "bbbb", 4, 0, 4000));
    assert_jet_ok(rec_set(&r, &a, 1, "aa", 2, 0, 4000));
    assert_jet_ok(rec_set(&r, &c, 1, "", 0, 0, 4000));   /* zero-length, not NULL */
    assert_jet_ok(rec_check(r.data, r.len));
    expect(&r, &a, 1, "aa", 2);
    expect(&r, &b, 1, "bbbb", 4);
    expect(&r, &c, 1, "", 0);
    expect_null(&r, &mid, 1);
    assert_int_equal(rec_count(r.data, r.len, &c), 1);
    /* Longer than cbMax: kept to cbMax with JET_wrnColumnMaxTruncated. */
    assert_jet(JET_wrnColumnMaxTruncated, rec_set(&r, &a, 1, "0123456789AB", 12, 0, 4000));
    expect(&r, &a, 1, "0123456789", 10);
    /* Grow and shrink in the middle. */
    assert_jet_ok(rec_set(&r, &mid, 1, "middle", 6, 0, 4000));
    assert_jet_ok(rec_set(&r, &b, 1, "B", 1, 0, 4000));
    expect(&r, &a, 1, "0123456789", 10);
    expect(&r, &mid, 1, "middle", 6);
    expect(&r, &b, 1, "B", 1);
    expect(&r, &c, 1, "", 0);
    /* NULL the last ones: the table is trimmed. */
    size_t before = r.len;
    assert_jet_ok(rec_set(&r, &c, 1, NULL, 0, 0, 4000));
    assert_true(r.len < before);
    assert_jet_ok(rec_set(&r, &b, 1, NULL, 0, 0, 4000));
    expect_null(&r, &b, 1);
    expect_null(&r, &c, 1);
    expect(&r, &mid, 1, "middle", 6);
    assert_jet_ok(rec_check(r.data, r.len));
    /* The itag of a variable column is ignored when setting. */
    assert_jet_ok(rec_set(&r, &mid, 7, "x", 1, 0, 4000));
    expect(&r, &mid, 1, "x", 1);
    expect_null(&r, &mid, 2);
    rec_buf_free(&r);
}

static void test_tagged_multivalue(void **state)
{
    (void)state;
    rec_buf r;
    rec_buf_init(&r);
    rec_coldef mv = col(300, JET_coltypBinary, 0, JET_bitColumnTagged | JET_bitColumnMultiValued);
    rec_coldef other = col(256, JET_coltypLong, 0, JET_bitColumnTagged);
    rec_coldef last = col(65535, JET_coltypText, 0, JET_bitColumnTagged);

    /* The first value goes in whatever the itag. */
    assert_jet_ok(rec_set(&r, &mv, 5, "one", 3, 0, 4000));
    assert_jet_ok(rec_set(&r, &mv, 0, "two", 3, 0, 4000));
    assert_jet_ok(rec_set(&r, &mv, 0, "three", 5, 0, 4000));
    assert_jet_ok(rec_set(&r, &mv, 9, "four", 4, 0, 4000));   /* past the end: appended */
    assert_jet_ok(rec_set(&r, &mv, 0, "", 0, 0, 4000));        /* a zero-length value */
    int32_t l = 42;
    assert_jet_ok(rec_set(&r, &other, 1, &l, 4, 0, 4000));
    assert_jet_ok(rec_set(&r, &last, 1, "z", 1, 0, 4000));
    assert_jet_ok(rec_check(r.data, r.len));
    assert_int_equal(rec_count(r.data, r.len, &mv), 5);
    expect(&r, &mv, 1, "one", 3);
    expect(&r, &mv, 0, "one", 3);            /* itag 0 reads value 1 */
    expect(&r, &mv, 2, "two", 3);
    expect(&r, &mv, 3, "three", 5);
    expect(&r, &mv, 4, "four", 4);
    expect(&r, &mv, 5, "", 0);
    expect_null(&r, &mv, 6);

    /* Replace in the middle (longer, then shorter). */
    assert_jet_ok(rec_set(&r, &mv, 2, "TWO-LONGER", 10, 0, 4000));
    expect(&r, &mv, 2, "TWO-LONGER", 10);
    assert_jet_ok(rec_set(&r, &mv, 3, "3", 1, 0, 4000));
    expect(&r, &mv, 1, "one", 3);
    expect(&r, &mv, 3, "3", 1);
    expect(&r, &mv, 4, "four", 4);

    /* Delete in the middle: later values move down. */
    assert_jet_ok(rec_set(&r, &mv, 2, NULL, 0, 0, 4000));
    assert_int_equal(rec_count(r.data, r.len, &mv), 4);
    expect(&r, &mv, 1, "one", 3);
    expect(&r, &mv, 2, "3", 1);
    expect(&r, &mv, 3, "four", 4);
    expect(&r, &mv, 4, "", 0);
    /* Deleting past the end or with itag 0 changes nothing. */
    size_t len = r.len;
    assert_jet_ok(rec_set(&r, &mv, 9, NULL, 0, 0, 4000));
    assert_jet_ok(rec_set(&r, &mv, 0, NULL, 0, 0, 4000));
    assert_int_equal(r.len, len);
    assert_int_equal(rec_count(r.data, r.len, &mv), 4);

    /* Columns around it untouched. */
    expect(&r, &other, 1, &l, 4);
    expect(&r, &last, 1, "z", 1);
    assert_int_equal(rec_next_present(r.data, r.len, 0), 256);
    assert_int_equal(rec_next_present(r.data, r.len, 256), 300);
    assert_int_equal(rec_next_present(r.data, r.len, 300), 65535);
    assert_int_equal(rec_next_present(r.data, r.len, 65535), 0);

    /* Delete every value: the column disappears. */
    for (int i = 0; i < 4; i++)
        assert_jet_ok(rec_set(&r, &mv, 1, NULL, 0, 0, 4000));
    expect_null(&r, &mv, 1);
    assert_int_equal(rec_count(r.data, r.len, &mv), 0);
    assert_int_equal(rec_next_present(r.data, r.len, 256), 65535);
    assert_jet_ok(rec_check(r.data, r.len));

    /* ESE: any tagged column can hold several values (itag 0 appends). */
    assert_jet_ok(rec_set(&r, &other, 0, &l, 4, 0, 4000));
    assert_int_equal(rec_count(r.data, r.len, &other), 2);
    rec_buf_free(&r);
}

static void test_separated_and_long(void **state)
{
    (void)state;
    rec_buf r;
    rec_buf_init(&r);
    rec_coldef lv = col(260, JET_coltypLongBinary, 0, JET_bitColumnTagged | JET_bitColumnMultiValued);
    uint8_t ref[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    uint8_t big[1000];
    memset(big, 0x5a, sizeof big);
    assert_jet_ok(rec_set(&r, &lv, 1, big, sizeof big, 0, 4000));
    assert_jet_ok(rec_set(&r, &lv, 0, ref, sizeof ref, REC_VAL_SEPARATED, 4000));
    const void *d;
    size_t n;
    unsigned flags = 99;
    assert_jet_ok(rec_get(r.data, r.len, &lv, 1, &d, &n, &flags));
    assert_int_equal(n, sizeof big);
    assert_int_equal(flags, 0);
    assert_jet_ok(rec_get(r.data, r.len, &lv, 2, &d, &n, &flags));
    assert_int_equal(n, sizeof ref);
    assert_int_equal(flags, REC_VAL_SEPARATED);
    assert_memory_equal(d, ref, sizeof ref);
    /* Replacing drops the flag unless it is given again. */
    assert_jet_ok(rec_set(&r, &lv, 2, "x", 1, 0, 4000));
    assert_jet_ok(rec_get(r.data, r.len, &lv, 2, &d, &n, &flags));
    assert_int_equal(flags, 0);
    /* cbMax of a long column: JET_errColumnTooBig. */
    rec_coldef capped = col(261, JET_coltypLongText, 10, JET_bitColumnTagged);
    assert_jet(JET_errColumnTooBig, rec_set(&r, &capped, 1, "0123456789A", 11, 0, 4000));
    assert_jet_ok(rec_set(&r, &capped, 1, "0123456789", 10, 0, 4000));
    /* A separated reference is not checked against cbMax (it is not the value). */
    assert_jet_ok(rec_set(&r, &capped, 0, big, 20, REC_VAL_SEPARATED, 4000));
    /* Tagged non-long Text/Binary: 255 bytes at most, or cbMax. */
    rec_coldef tb = col(262, JET_coltypBinary, 0, JET_bitColumnTagged);
    assert_jet(JET_errColumnTooBig, rec_set(&r, &tb, 1, big, 256, 0, 4000));
    assert_jet_ok(rec_set(&r, &tb, 1, big, 255, 0, 4000));
    rec_coldef tb5 = col(263, JET_coltypText, 5, JET_bitColumnTagged);
    assert_jet(JET_errColumnTooBig, rec_set(&r, &tb5, 1, "abcdef", 6, 0, 4000));
    /* Tagged fixed-size types: exact size, though zero-length is allowed. */
    rec_coldef tl = col(264, JET_coltypLong, 0, JET_bitColumnTagged);
    assert_jet(JET_errInvalidBufferSize, rec_set(&r, &tl, 1, "abc", 3, 0, 4000));
    assert_jet_ok(rec_set(&r, &tl, 1, "", 0, 0, 4000));
    expect(&r, &tl, 1, "", 0);
    /* REC_VAL_SEPARATED only for long columns. */
    assert_jet(JET_errInvalidParameter, rec_set(&r, &tl, 1, "abcd", 4, REC_VAL_SEPARATED, 4000));
    assert_jet_ok(rec_check(r.data, r.len));
    rec_buf_free(&r);
}

static void test_errors(void **state)
{
    (void)state;
    rec_buf r;
    rec_buf_init(&r);
    int32_t v = 1;
    rec_coldef c0 = col(0, JET_coltypLong, 0, 0);
    rec_coldef cbig = col(65536, JET_coltypLong, 0, 0);
    assert_jet(JET_errBadColumnId, rec_set(&r, &c0, 1, &v, 4, 0, 4000));
    assert_jet(JET_errBadColumnId, rec_set(&r, &cbig, 1, &v, 4, 0, 4000));
    const void *d;
    size_t n;
    assert_jet(JET_errBadColumnId, rec_get(r.data, r.len, &c0, 1, &d, &n, NULL));
    rec_coldef mvfixed = col(3, JET_coltypLong, 0, JET_bitColumnMultiValued);
    rec_coldef mvvar = col(200, JET_coltypBinary, 0, JET_bitColumnMultiValued);
    assert_jet(JET_errMultiValuedColumnMustBeTagged, rec_set(&r, &mvfixed, 1, &v, 4, 0, 4000));
    assert_jet(JET_errMultiValuedColumnMustBeTagged, rec_set(&r, &mvvar, 1, &v, 4, 0, 4000));
    rec_coldef notnull = col(4, JET_coltypLong, 0, JET_bitColumnNotNULL);
    assert_jet(JET_errColumnIllegalNull, rec_set(&r, &notnull, 1, NULL, 0, 0, 4000));
    rec_coldef notnull_t = col(400, JET_coltypLongText, 0, JET_bitColumnNotNULL);
    assert_jet(JET_errColumnIllegalNull, rec_set(&r, &notnull_t, 1, NULL, 0, 0, 4000));
    /* Impossible definitions. */
    rec_coldef longfixed = col(5, JET_coltypLongText, 0, 0);
    rec_coldef longvar = col(129, JET_coltypLongBinary, 0, 0);
    rec_coldef intvar = col(130, JET_coltypLong, 0, 0);
    rec_coldef badtyp = col(300, 13, 0, 0);
    rec_coldef badtyp2 = col(300, 19, 0, 0);
    assert_jet(JET_errInvalidParameter, rec_set(&r, &longfixed, 1, "a", 1, 0, 4000));
    assert_jet(JET_errInvalidParameter, rec_set(&r, &longvar, 1, "a", 1, 0, 4000));
    assert_jet(JET_errInvalidParameter, rec_set(&r, &intvar, 1, &v, 4, 0, 4000));
    assert_jet(JET_errInvalidParameter, rec_set(&r, &badtyp, 1, "a", 1, 0, 4000));
    assert_jet(JET_errInvalidParameter, rec_set(&r, &badtyp2, 1, "a", 1, 0, 4000));
    rec_coldef ok = col(6, JET_coltypLong, 0, 0);
    assert_jet(JET_errInvalidParameter, rec_set(&r, &ok, 1, NULL, 4, 0, 4000));
    assert_jet(JET_errInvalidParameter, rec_set(&r, &ok, 1, &v, 4, 0x80, 4000));
    assert_jet(JET_errInvalidParameter, rec_set(NULL, &ok, 1, &v, 4, 0, 4000));
    assert_jet(JET_errInvalidParameter, rec_get(r.data, r.len, &ok, 1, NULL, &n, NULL));
    /* Nothing changed by any of it. */
    assert_int_equal(r.len, 0);
    /* A damaged buffer is refused by rec_set. */
    uint8_t junk[3] = {1, 2, 3};
    rec_buf bad = {.data = junk, .len = 3, .cap = 3};
    assert_jet(JET_errDatabaseCorrupted, rec_set(&bad, &ok, 1, &v, 4, 0, 4000));
    rec_buf_free(&r);
}

static void test_size_limits(void **state)
{
    (void)state;
    rec_buf r;
    rec_buf_init(&r);
    rec_coldef t = col(256, JET_coltypLongBinary, 0, JET_bitColumnTagged);
    uint8_t buf[400];
    memset(buf, 7, sizeof buf);
    /* header 4 + directory 4 + blob (2 + 3 + n) = 13 + n */
    assert_jet(JET_errRecordTooBig, rec_set(&r, &t, 1, buf, 100, 0, 112));
    assert_int_equal(r.len, 0);
    assert_jet_ok(rec_set(&r, &t, 1, buf, 100, 0, 113));
    assert_int_equal(r.len, 113);
    /* A failed change leaves the record as it was. */
    uint8_t copy[113];
    memcpy(copy, r.data, 113);
    assert_jet(JET_errRecordTooBig, rec_set(&r, &t, 0, buf, 10, 0, 120));
    assert_jet(JET_errRecordTooBig, rec_set(&r, &t, 1, buf, 101, 0, 113));
    rec_coldef f = col(1, JET_coltypLongLong, 0, 0);
    int64_t x = 5;
    assert_jet(JET_errRecordTooBig, rec_set(&r, &f, 1, &x, 8, 0, 113));
    rec_coldef v = col(128, JET_coltypBinary, 0, 0);
    assert_jet(JET_errRecordTooBig, rec_set(&r, &v, 1, "a", 1, 0, 113));
    assert_int_equal(r.len, 113);
    assert_memory_equal(r.data, copy, 113);
    /* Shrinking always fits. */
    assert_jet_ok(rec_set(&r, &t, 1, buf, 50, 0, 63));
    assert_int_equal(r.len, 63);
    /* max_len beyond REC_LEN_MAX is capped there. */
    rec_buf_free(&r);
    rec_buf_init(&r);
    uint8_t *huge = calloc(1, 70000);
    assert_non_null(huge);
    assert_jet(JET_errRecordTooBig, rec_set(&r, &t, 1, huge, 66000, 0, 1000000));
    assert_jet_ok(rec_set(&r, &t, 1, huge, 60000, 0, 1000000));
    assert_jet_ok(rec_check(r.data, r.len));
    free(huge);
    rec_buf_free(&r);
}

static void test_load(void **state)
{
    (void)state;
    rec_buf src, dst;
    rec_buf_init(&src);
    rec_buf_init(&dst);
    rec_coldef a = col(1, JET_coltypLong, 0, 0), b = col(129, JET_coltypText, 0, 0),
               c = col(999, JET_coltypLongText, 0, JET_bitColumnTagged);
    int32_t v = 7;
    assert_jet_ok(rec_set(&src, &a, 1, &v, 4, 0, 4000));
    assert_jet_ok(rec_set(&src, &b, 1, "hello", 5, 0, 4000));
    assert_jet_ok(rec_set(&src, &c, 1, "tagged", 6, 0, 4000));
    assert_jet_ok(rec_buf_load(&dst, src.data, src.len));
    assert_int_equal(dst.len, src.len);
    assert_memory_equal(dst.data, src.data, src.len);
    expect(&dst, &b, 1, "hello", 5);
    /* A damaged record is refused and dst is left alone. */
    uint8_t *bad = malloc(src.len);
    memcpy(bad, src.data, src.len);
    bad[src.len - 1] ^= 0xff;
    bad[2] = 9;                              /* ntag */
    assert_jet(JET_errDatabaseCorrupted, rec_buf_load(&dst, bad, src.len));
    assert_memory_equal(dst.data, src.data, src.len);
    free(bad);
    rec_buf_free(&src);
    rec_buf_free(&dst);
}

/* ---- explicit-NULL markers -------------------------------------------------- */

static void expect_marks(const rec_buf *r, const JET_COLUMNID *want, size_t n)
{
    JET_COLUMNID at = 0;
    for (size_t i = 0; i < n; i++) {
        at = rec_next_null_marked(r->data, r->len, at);
        assert_int_equal(at, want[i]);
        assert_true(rec_null_marked(r->data, r->len, at));
    }
    assert_int_equal(rec_next_null_marked(r->data, r->len, at), 0);
}

static void test_null_markers(void **state)
{
    (void)state;
    rec_buf r;
    rec_buf_init(&r);
    rec_coldef f = col(1, JET_coltypLong, 0, 0), f2 = col(3, JET_coltypShort, 0, 0),
               v = col(130, JET_coltypBinary, 0, 0),
               t = col(300, JET_coltypText, 0, JET_bitColumnTagged | JET_bitColumnMultiValued),
               u = col(301, JET_coltypLongText, 0, JET_bitColumnTagged);
    int32_t x = 5;

    /* A marker is a directory entry with an empty blob: 4 bytes, no slot. */
    assert_jet_ok(rec_set(&r, &f, 1, NULL, 0, REC_SET_NULL_MARK, 4000));
    static const uint8_t one[] = {0, 0, 1, 0, 1, 0, 0, 0};
    assert_int_equal(r.len, sizeof one);
    assert_memory_equal(r.data, one, sizeof one);
    assert_jet_ok(rec_check(r.data, r.len));
    expect_null(&r, &f, 1);
    assert_int_equal(rec_count(r.data, r.len, &f), 0);
    assert_int_equal(rec_next_present(r.data, r.len, 0), 0);
    assert_true(rec_null_marked(r.data, r.len, 1));
    assert_false(rec_null_marked(r.data, r.len, 3));

    /* Every kind; a tagged column without values is marked only by itag 1. */
    assert_jet_ok(rec_set(&r, &v, 1, NULL, 0, REC_SET_NULL_MARK, 4000));
    assert_jet_ok(rec_set(&r, &t, 1, NULL, 0, REC_SET_NULL_MARK, 4000));
    assert_jet_ok(rec_set(&r, &u, 0, NULL, 0, REC_SET_NULL_MARK, 4000));
    assert_jet_ok(rec_set(&r, &u, 2, NULL, 0, REC_SET_NULL_MARK, 4000));
    static const JET_COLUMNID m1[] = {1, 130, 300};
    expect_marks(&r, m1, 3);
    assert_jet_ok(rec_check(r.data, r.len));
    assert_int_equal(rec_next_present(r.data, r.len, 0), 0);
    /* marking again changes nothing, nor does NULL at another itag */
    size_t len = r.len;
    assert_jet_ok(rec_set(&r, &t, 1, NULL, 0, REC_SET_NULL_MARK, 4000));
    assert_jet_ok(rec_set(&r, &t, 0, NULL, 0, REC_SET_NULL_MARK, 4000));
    assert_jet_ok(rec_set(&r, &f, 1, NULL, 0, REC_SET_NULL_MARK, 4000));
    assert_int_equal(r.len, len);

    /* A value removes the marker. */
    assert_jet_ok(rec_set(&r, &f, 1, &x, 4, REC_SET_NULL_MARK, 4000));   /* flag ignored */
    expect(&r, &f, 1, &x, 4);
    assert_jet_ok(rec_set(&r, &t, 3, "ab", 2, 0, 4000));
    expect(&r, &t, 1, "ab", 2);
    assert_jet_ok(rec_set(&r, &v, 1, "xyz", 3, 0, 4000));
    expect(&r, &v, 1, "xyz", 3);
    expect_marks(&r, NULL, 0);
    assert_int_equal(rec_next_present(r.data, r.len, 0), 1);
    assert_jet_ok(rec_check(r.data, r.len));

    /* Deleting values: the last one leaves the marker. */
    assert_jet_ok(rec_set(&r, &t, 0, "cd", 2, 0, 4000));
    assert_jet_ok(rec_set(&r, &t, 5, NULL, 0, REC_SET_NULL_MARK, 4000));  /* out of range */
    assert_int_equal(rec_count(r.data, r.len, &t), 2);
    assert_false(rec_null_marked(r.data, r.len, 300));
    assert_jet_ok(rec_set(&r, &t, 1, NULL, 0, REC_SET_NULL_MARK, 4000));
    expect(&r, &t, 1, "cd", 2);
    assert_false(rec_null_marked(r.data, r.len, 300));
    assert_jet_ok(rec_set(&r, &t, 1, NULL, 0, REC_SET_NULL_MARK, 4000));
    assert_int_equal(rec_count(r.data, r.len, &t), 0);
    assert_true(rec_null_marked(r.data, r.len, 300));
    /* A fixed slot stays (NULL); a variable column's entry is trimmed. */
    assert_jet_ok(rec_set(&r, &f, 1, NULL, 0, REC_SET_NULL_MARK, 4000));
    assert_jet_ok(rec_set(&r, &v, 1, NULL, 0, REC_SET_NULL_MARK, 4000));
    assert_int_equal(r.data[0], 1);          /* nfixed */
    assert_int_equal(r.data[1], 0);          /* nvar */
    expect_marks(&r, m1, 3);
    expect_null(&r, &f, 1);
    expect_null(&r, &v, 1);
    assert_jet_ok(rec_check(r.data, r.len));

    /* NULL without the flag removes a marker (whatever itag). */
    assert_jet_ok(rec_set(&r, &t, 0, NULL, 0, 0, 4000));
    assert_jet_ok(rec_set(&r, &f, 1, NULL, 0, 0, 4000));
    static const JET_COLUMNID m2[] = {130};
    expect_marks(&r, m2, 1);
    assert_jet_ok(rec_set(&r, &v, 1, NULL, 0, 0, 4000));
    expect_marks(&r, NULL, 0);
    assert_jet_ok(rec_check(r.data, r.len));

    /* NotNULL and unknown flags. */
    rec_coldef nn = col(4, JET_coltypLong, 0, JET_bitColumnNotNULL);
    assert_jet(JET_errColumnIllegalNull, rec_set(&r, &nn, 1, NULL, 0, REC_SET_NULL_MARK, 4000));
    assert_jet(JET_errInvalidParameter, rec_set(&r, &f, 1, NULL, 0, 0x200, 4000));
    rec_buf_free(&r);

    /* Sizes: adding a marker can be too big (nothing changes); a value
     * that replaces a marker gets its 4 bytes. */
    rec_buf_init(&r);
    assert_jet_ok(rec_set(&r, &f2, 1, NULL, 0, REC_SET_NULL_MARK, 4000));
    assert_int_equal(r.len, 8);
    uint8_t copy[8];
    memcpy(copy, r.data, 8);
    assert_jet(JET_errRecordTooBig, rec_set(&r, &f, 1, NULL, 0, REC_SET_NULL_MARK, 11));
    assert_jet(JET_errRecordTooBig, rec_set(&r, &t, 1, NULL, 0, REC_SET_NULL_MARK, 11));
    assert_int_equal(r.len, 8);
    assert_memory_equal(r.data, copy, 8);
    int16_t sh = 3;
    /* header 4 + width 3 + bitmap 1 + the slots 2 (no room for both) */
    assert_jet_ok(rec_set(&r, &f2, 1, &sh, 2, 0, 4 + 3 + 1 + 2));
    expect(&r, &f2, 1, &sh, 2);
    expect_marks(&r, NULL, 0);
    /* a variable value cut at cbMax still warns */
    rec_coldef vs = col(131, JET_coltypBinary, 2, 0);
    assert_jet_ok(rec_set(&r, &vs, 1, NULL, 0, REC_SET_NULL_MARK, 4000));
    assert_jet(JET_wrnColumnMaxTruncated, rec_set(&r, &vs, 1, "abc", 3, 0, 4000));
    expect(&r, &vs, 1, "ab", 2);
    assert_false(rec_null_marked(r.data, r.len, 131));
    rec_buf_free(&r);

    /* A record without markers (every record written before they existed):
     * a fixed column set to NULL keeps its slot and null bit — not marked. */
    static const uint8_t old[] = {1, 0, 0, 0, 4, 0x01, 0, 0, 0, 0};
    assert_jet_ok(rec_check(old, sizeof old));
    assert_false(rec_null_marked(old, sizeof old, 1));
    assert_int_equal(rec_next_null_marked(old, sizeof old, 0), 0);

    /* What rec_check refuses. */
    static const uint8_t zero_id[] = {0, 0, 1, 0, 0, 0, 0, 0};
    assert_jet(JET_errDatabaseCorrupted, rec_check(zero_id, sizeof zero_id));
    static const uint8_t with_value[] = {1, 0, 1, 0, 4, 0x00, 5, 0, 0, 0, 1, 0, 0, 0};
    assert_jet(JET_errDatabaseCorrupted, rec_check(with_value, sizeof with_value));
    static const uint8_t null_slot[] = {1, 0, 1, 0, 4, 0x01, 0, 0, 0, 0, 1, 0, 0, 0};
    assert_jet_ok(rec_check(null_slot, sizeof null_slot));
    assert_true(rec_null_marked(null_slot, sizeof null_slot, 1));
    /* a fixed or variable column's entry must be empty */
    static const uint8_t blob_low[] = {0, 0, 1, 0, 130, 0, 7, 0, 1, 0, 2, 0, 0, 'x', 'y'};
    assert_jet(JET_errDatabaseCorrupted, rec_check(blob_low, sizeof blob_low));
    static const uint8_t unsorted[] = {0, 0, 2, 0, 44, 1, 0, 0, 1, 0, 0, 0};
    assert_jet(JET_errDatabaseCorrupted, rec_check(unsorted, sizeof unsorted));
    assert_int_equal(rec_next_null_marked(unsorted, sizeof unsorted, 300), 0);
    static const uint8_t sorted[] = {0, 0, 2, 0, 1, 0, 0, 0, 44, 1, 0, 0};
    assert_jet_ok(rec_check(sorted, sizeof sorted));
    assert_true(rec_null_marked(sorted, sizeof sorted, 300));
    /* a damaged record has no markers */
    assert_false(rec_null_marked(sorted, sizeof sorted - 1, 300));
}

/* ---- a random run against a model --------------------------------------- */

#define MAXVALS 6
struct mcol {
    rec_coldef def;
    unsigned n;                              /* values (0 = NULL) */
    bool marked;                             /* explicit-NULL marker */
    size_t len[MAXVALS];
    uint8_t val[MAXVALS][300];
    unsigned flags[MAXVALS];
};

static void model_check(const rec_buf *r, struct mcol *m, size_t nm)
{
    assert_jet_ok(rec_check(r->data, r->len));
    JET_COLUMNID want_next = 0;
    for (size_t i = 0; i < nm; i++) {
        struct mcol *c = &m[i];
        assert_int_equal(rec_count(r->data, r->len, &c->def), c->n);
        assert_int_equal(rec_null_marked(r->data, r->len, c->def.colid), c->marked);
        for (unsigned j = 0; j < c->n; j++) {
            const void *d;
            size_t n;
            unsigned flags;
            assert_jet_ok(rec_get(r->data, r->len, &c->def, j + 1, &d, &n, &flags));
            assert_int_equal(n, c->len[j]);
            assert_memory_equal(d, c->val[j], n);
            assert_int_equal(flags, c->flags[j]);
        }
        expect_null(r, &c->def, c->n + 1);
    }
    /* rec_next_present walks exactly the non-NULL columns, in order. */
    JET_COLUMNID at = 0;
    for (;;) {
        JET_COLUMNID next = rec_next_present(r->data, r->len, at);
        want_next = 0;
        for (size_t i = 0; i < nm; i++) {
            if (m[i].n > 0 && m[i].def.colid > at && (want_next == 0 || m[i].def.colid < want_next))
                want_next = m[i].def.colid;
        }
        assert_int_equal(next, want_next);
        if (next == 0)
            break;
        at = next;
    }
    /* and rec_next_null_marked the marked ones */
    at = 0;
    for (;;) {
        JET_COLUMNID next = rec_next_null_marked(r->data, r->len, at);
        want_next = 0;
        for (size_t i = 0; i < nm; i++) {
            if (m[i].marked && m[i].def.colid > at && (want_next == 0 || m[i].def.colid < want_next))
                want_next = m[i].def.colid;
        }
        assert_int_equal(next, want_next);
        if (next == 0)
            break;
        at = next;
    }
}

static void test_model(void **state)
{
    (void)state;
    static const JET_COLUMNID fixed_ids[] = {1, 2, 7, 8, 9, 30, 64, 127};
    static const JET_COLTYP fixed_types[] = {JET_coltypLong,     JET_coltypBit,      JET_coltypGUID,
                                             JET_coltypCurrency, JET_coltypShort,    JET_coltypIEEEDouble,
                                             JET_coltypText,     JET_coltypBinary};
    static const JET_COLUMNID var_ids[] = {128, 129, 150, 200, 254, 255};
    static const JET_COLUMNID tag_ids[] = {256, 257, 1000, 4000, 65534, 65535};
    struct mcol *m = calloc(32, sizeof *m);
    assert_non_null(m);
    size_t nm = 0;
    for (size_t i = 0; i < JET_ARRAY_LEN(fixed_ids); i++)
        m[nm++].def = col(fixed_ids[i], fixed_types[i], fixed_types[i] == JET_coltypText ? 12 : 9,
                          JET_bitColumnFixed);
    for (size_t i = 0; i < JET_ARRAY_LEN(var_ids); i++)
        m[nm++].def = col(var_ids[i], i % 2 ? JET_coltypText : JET_coltypBinary, i == 0 ? 20 : 0, 0);
    for (size_t i = 0; i < JET_ARRAY_LEN(tag_ids); i++)
        m[nm++].def = col(tag_ids[i], i % 2 ? JET_coltypLongText : JET_coltypLongBinary, 0,
                          JET_bitColumnTagged | JET_bitColumnMultiValued);

    srand(12345);
    rec_buf r;
    rec_buf_init(&r);
    for (int step = 0; step < 20000; step++) {
        struct mcol *c = &m[(size_t)rand() % nm];
        JET_COLUMNID id = c->def.colid;
        uint8_t buf[300];
        bool set_null = rand() % 4 == 0;
        size_t cb;
        uint32_t width = rec_fixed_size(c->def.coltyp);
        if (id <= REC_FIXED_LAST)
            cb = width ? width : (size_t)(rand() % (int)(c->def.cbMax + 1));
        else if (id <= REC_VAR_LAST)
            cb = (size_t)(rand() % 40);
        else
            cb = (size_t)(rand() % (rand() % 8 == 0 ? 300 : 30));
        for (size_t i = 0; i < cb; i++)
            buf[i] = (uint8_t)rand();
        unsigned flags = (id > REC_VAR_LAST && rand() % 5 == 0) ? REC_VAL_SEPARATED : 0;
        uint32_t itag = (uint32_t)(rand() % (MAXVALS + 2));
        if (id > REC_VAR_LAST && !set_null && c->n == MAXVALS && (itag == 0 || itag > c->n))
            itag = 1;                        /* keep the model small */

        bool markf = set_null && rand() % 2 == 0;
        JET_ERR err = rec_set(&r, &c->def, itag, set_null ? NULL : buf, set_null ? 0 : cb,
                              markf ? (unsigned)REC_SET_NULL_MARK : flags, REC_LEN_MAX);
        assert_true(err >= 0);
        /* Apply the same change to the model. */
        if (!set_null)
            c->marked = false;
        if (id <= REC_VAR_LAST) {
            if (set_null) {
                c->n = 0;
                c->marked = markf;
            } else {
                c->n = 1;
                size_t keep = cb;
                if (id > REC_FIXED_LAST) {
                    size_t limit = c->def.cbMax ? c->def.cbMax : 255;
                    if (keep > limit) {
                        assert_jet(JET_wrnColumnMaxTruncated, err);
                        keep = limit;
                    }
                }
                memcpy(c->val[0], buf, keep);
                c->len[0] = keep;
                if (id <= REC_FIXED_LAST) {
                    size_t w = width ? width : c->def.cbMax;
                    memset(c->val[0] + keep, c->def.coltyp == JET_coltypText ? ' ' : 0, w - keep);
                    if (c->def.coltyp == JET_coltypBit)
                        c->val[0][0] = buf[0] ? 0xff : 0x00;
                    c->len[0] = w;
                }
                c->flags[0] = 0;
            }
        } else if (set_null) {
            if (itag >= 1 && itag <= c->n) {
                for (unsigned j = itag - 1; j + 1 < c->n; j++) {
                    memcpy(c->val[j], c->val[j + 1], c->len[j + 1]);
                    c->len[j] = c->len[j + 1];
                    c->flags[j] = c->flags[j + 1];
                }
                c->n--;
                c->marked = c->n == 0 && markf;
            } else if (c->n == 0) {
                c->marked = markf && (c->marked || itag == 1);
            }
        } else {
            unsigned at = (c->n == 0 || itag == 0 || itag > c->n) ? c->n++ : itag - 1;
            memcpy(c->val[at], buf, cb);
            c->len[at] = cb;
            c->flags[at] = flags;
        }
        if (step % 7 == 0 || step > 19900)
            model_check(&r, m, nm);
    }
    model_check(&r, m, nm);
    rec_buf_free(&r);
    free(m);
}

/* A cleared buffer is the empty record and is filled again without
 * keeping anything of its former content; a rebuild that fails leaves the
 * record as it was, spare buffer or not. */
static void test_clear_reuse(void **state)
{
    (void)state;
    rec_coldef f = col(1, JET_coltypLongLong, 0, 0), v = col(128, JET_coltypBinary, 0, 0),
               t = col(256, JET_coltypLongBinary, 0, 0);
    rec_buf r;
    rec_buf_init(&r);
    uint8_t big[200];
    for (int round = 0; round < 50; round++) {
        int64_t id = round;
        memset(big, round, sizeof big);
        size_t vlen = (size_t)(round % 3 == 0 ? 7 : 100);
        assert_jet_ok(rec_set(&r, &f, 1, &id, sizeof id, 0, REC_LEN_MAX));
        assert_jet_ok(rec_set(&r, &v, 1, big, vlen, 0, REC_LEN_MAX));
        if (round % 2 == 0)
            assert_jet_ok(rec_set(&r, &t, 0, big, sizeof big, 0, REC_LEN_MAX));
        assert_jet_ok(rec_check(r.data, r.len));
        expect(&r, &f, 1, &id, sizeof id);
        expect(&r, &v, 1, big, vlen);
        if (round % 2 == 0)
            expect(&r, &t, 1, big, sizeof big);
        else
            expect_null(&r, &t, 1);
        /* Too big: refused, nothing changed. */
        uint8_t *copy = malloc(r.len);
        assert_non_null(copy);
        memcpy(copy, r.data, r.len);
        size_t len = r.len;
        assert_jet(JET_errRecordTooBig, rec_set(&r, &t, 0, big, sizeof big, 0, r.len + 10));
        assert_int_equal(r.len, len);
        assert_memory_equal(r.data, copy, len);
        free(copy);
        rec_buf_clear(&r);
        assert_int_equal(r.len, 0);
        expect_null(&r, &f, 1);
        expect_null(&r, &v, 1);
        expect_null(&r, &t, 1);
        assert_int_equal(rec_next_present(r.data, r.len, 0), 0);
    }
    rec_buf_free(&r);
    assert_null(r.data);
    assert_null(r.spare);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clear_reuse),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_fixed_types),
        cmocka_unit_test(test_fixed_text_binary),
        cmocka_unit_test(test_variable),
        cmocka_unit_test(test_tagged_multivalue),
        cmocka_unit_test(test_separated_and_long),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_size_limits),
        cmocka_unit_test(test_load),
        cmocka_unit_test(test_null_markers),
        cmocka_unit_test(test_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
