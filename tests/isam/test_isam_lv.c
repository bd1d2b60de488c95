/*
 * test_isam_lv.c: long values — intrinsic and separated values, appends,
 * overwrites and size changes at offsets, reads at ibLongValue, values
 * kept in the copy buffer until JetUpdate, copies (JET_prepInsertCopy),
 * multi-valued long values, and chunks freed on replace and delete.
 */
#include "isam_tu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tu_env env;
static JET_TABLEID tab;
static JET_COLUMNID c[3];

static const tu_col cols[] = {
    {"k", JET_coltypLong, 0, 0, 0, NULL, 0},
    {"blob", JET_coltypLongBinary, 0, 0, 0, NULL, 0},
    {"text", JET_coltypLongText, 0, JET_bitColumnMultiValued, 0, NULL, 0},
};
static const tu_idx idx[] = {{"pk", "+k\0", sizeof "+k\0", JET_bitIndexPrimary, 0, NULL, 0}};

static int setup(void **state)
{
    (void)state;
    tu_open(&env, "isam_lv");
    tu_table(&env, "lv", cols, 3, idx, 1, &tab, c);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    JetCloseTable(env.ses, tab);
    tu_close(&env);
    return 0;
}

static uint8_t pattern(uint64_t i, uint32_t seed)
{
    return (uint8_t)((i * 131u + seed) ^ (i >> 9));
}

static void fill(uint8_t *p, size_t n, uint64_t from, uint32_t seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = pattern(from + i, seed);
}

/* Read the whole blob of the current record and compare with expect. */
static void check_blob(const uint8_t *expect, size_t n)
{
    uint8_t *got = malloc(n + 16);
    uint32_t actual = 0;
    JET_ERR err = JetRetrieveColumn(env.ses, tab, c[1], got, (uint32_t)n + 16, &actual, 0, NULL);
    assert_jet_ok(err);
    assert_int_equal(actual, n);
    assert_memory_equal(got, expect, n);
    free(got);
}

static void seek_key(int32_t k)
{
    tu_seek_long(env.ses, tab, k, JET_bitSeekEQ, JET_errSuccess);
}

static void test_big_values(void **state)
{
    (void)state;
    JET_SESID s = env.ses;
    const size_t n = 300000;
    uint8_t *v = malloc(n);
    fill(v, n, 0, 1);

    /* one set, then appends of odd sizes */
    assert_jet_ok(JetPrepareUpdate(s, tab, JET_prepInsert));
    tu_set_long(s, tab, c[0], 1);
    assert_jet_ok(JetSetColumn(s, tab, c[1], v, 1000, 0, NULL));
    size_t at = 1000;
    while (at < n) {
        size_t chunk = n - at < 12345 ? n - at : 12345;
        assert_jet_ok(JetSetColumn(s, tab, c[1], v + at, (uint32_t)chunk, JET_bitSetAppendLV, NULL));
        at += chunk;
    }
    /* the copy buffer already has it all */
    uint8_t part[100];
    JET_RETINFO ri = {sizeof ri, 250000, 1, 0};
    uint32_t actual;
    assert_jet(JET_wrnBufferTruncated,
               JetRetrieveColumn(s, tab, c[1], part, sizeof part, &actual, JET_bitRetrieveCopy, &ri));
    assert_int_equal(actual, n - 250000);
    assert_memory_equal(part, v + 250000, sizeof part);
    assert_jet_ok(JetUpdate(s, tab, NULL, 0, NULL));
    seek_key(1);
    check_blob(v, n);
    assert_int_equal(tu_lv_rows(&env, "lv"), (n + 8191) / 8192);
    /* read at offsets, across chunk boundaries */
    for (uint32_t off = 0; off < n; off += 8191) {
        ri.ibLongValue = off;
        uint8_t b[300];
        assert_true(JetRetrieveColumn(s, tab, c[1], b, sizeof b, &actual, 0, &ri) >= 0);
        size_t expect = n - off < sizeof b ? n - off : sizeof b;
        assert_int_equal(actual, n - off);
        assert_memory_equal(b, v + off, expect);
    }
    ri.ibLongValue = (uint32_t)n + 5;
    assert_jet_ok(JetRetrieveColumn(s, tab, c[1], part, sizeof part, &actual, 0, &ri));
    assert_int_equal(actual, 0);

    /* overwrite in the middle (a replace, in place) */
    uint8_t patch[20000];
    fill(patch, sizeof patch, 0, 7);
    assert_jet_ok(JetPrepareUpdate(s, tab, JET_prepReplace));
    JET_SETINFO si = {sizeof si, 100000, 1};
    assert_jet_ok(JetSetColumn(s, tab, c[1], patch, sizeof patch, JET_bitSetOverwriteLV, &si));
    assert_jet_ok(JetUpdate(s, tab, NULL, 0, NULL));
    memcpy(v + 100000, patch, sizeof patch);
    check_blob(v, n);
    /* overwrite past the end: no such chunk */
    assert_jet_ok(JetPrepareUpdate(s, tab, JET_prepReplace));
    si.ibLongValue = (uint32_t)n + 1;
    assert_jet(JET_errColumnNoChunk,
               JetSetColumn(s, tab, c[1], patch, 10, JET_bitSetOverwriteLV, &si));
    /* overwrite that extends the value */
    si.ibLongValue = (uint32_t)n - 10;
    assert_jet_ok(JetSetColumn(s, tab, c[1], patch, 100, JET_bitSetOverwriteLV, &si));
    assert_jet_ok(JetUpdate(s, tab, NULL, 0, NULL));
    v = realloc(v, n + 90);
    memcpy(v + n - 10, patch, 100);
    check_blob(v, n + 90);

    /* shrink, then grow: the new bytes are zeros */
    assert_jet_ok(JetPrepareUpdate(s, tab, JET_prepReplace));
    assert_jet_ok(JetSetColumn(s, tab, c[1], NULL, 50000, JET_bitSetSizeLV, NULL));
    assert_jet_ok(JetSetColumn(s, tab, c[1], NULL, 70000, JET_bitSetSizeLV, NULL));
    assert_jet_ok(JetUpdate(s, tab, NULL, 0, NULL));
    memset(v + 50000, 0, 20000);
    check_blob(v, 70000);
    /* overwrite + size: truncates at the end of the written bytes */
    assert_jet_ok(JetPrepareUpdate(s, tab, JET_prepReplace));
    si.ibLongValue = 10;
    assert_jet_ok(JetSetColumn(s, tab, c[1], patch, 30, JET_bitSetOverwriteLV | JET_bitSetSizeLV,
                               &si));
    assert_jet_ok(JetUpdate(s, tab, NULL, 0, NULL));
    memcpy(v + 10, patch, 30);
    check_blob(v, 40);
    /* a small value stays in the record; growing it moves it out */
    assert_jet_ok(JetPrepareUpdate(s, tab, JET_prepReplace));
    assert_jet_ok(JetSetColumn(s, tab, c[1], "small", 5, 0, NULL));
    assert_jet_ok(JetUpdate(s, tab, NULL, 0, NULL));
    check_blob((const uint8_t *)"small", 5);
    assert_jet_ok(JetPrepareUpdate(s, tab, JET_prepReplace));
    for (int i = 0; i < 400; i++)
        assert_jet_ok(JetSetColumn(s, tab, c[1], "0123456789", 10, JET_bitSetAppendLV, NULL));
    assert_jet_ok(JetUpdate(s, tab, NULL, 0, NULL));
    uint32_t total = 0;
    assert_jet(JET_wrnBufferTruncated, JetRetrieveColumn(s, tab, c[1], part, 1, &total, 0, NULL));
    assert_int_equal(total, 4005);
    /* set to NULL */
    assert_jet_ok(JetPrepareUpdate(s, tab, JET_prepReplace));
    assert_jet_ok(JetSetColumn(s, tab, c[1], NULL, 0, 0, NULL));
    assert_jet_ok(JetUpdate(s, tab, NULL, 0, NULL));
    assert_jet(JET_wrnColumnNull, JetRetrieveColumn(s, tab, c[1], part, 10, &total, 0, NULL));
    assert_int_equal(tu_lv_rows(&env, "lv"), 0);     /* the chunks went with the value */
    free(v);
}

static void test_copy_and_delete(void **state)
{
    (void)state;
    JET_SESID s = env.ses;
    const size_t n = 50000;
    uint8_t *v = malloc(n);
    fill(v, n, 0, 3);
    assert_jet_ok(JetPrepareUpdate(s, tab, JET_prepInsert));
    tu_set_long(s, tab, c[0], 10);
    assert_jet_ok(JetSetColumn(s, tab, c[1], v, (uint32_t)n, 0, NULL));
    /* multi-valued long text: one separated, one intrinsic */
    JET_SETINFO si = {sizeof si, 0, 0};
    assert_jet_ok(JetSetColumn(s, tab, c[2], v, 20000, 0, &si));
    si.itagSequence = 0;
    assert_jet_ok(JetSetColumn(s, tab, c[2], "short", 5, 0, &si));
    assert_jet_ok(JetUpdate(s, tab, NULL, 0, NULL));

    /* JET_prepInsertCopy: the copy owns its own long values */
    seek_key(10);
    assert_jet_ok(JetPrepareUpdate(s, tab, JET_prepInsertCopy));
    tu_set_long(s, tab, c[0], 11);
    uint8_t tail[5] = {1, 2, 3, 4, 5};
    assert_jet_ok(JetSetColumn(s, tab, c[1], tail, 5, JET_bitSetAppendLV, NULL));
    assert_jet_ok(JetUpdate(s, tab, NULL, 0, NULL));
    seek_key(10);
    check_blob(v, n);
    seek_key(11);
    uint8_t *w = malloc(n + 5);
    memcpy(w, v, n);
    memcpy(w + n, tail, 5);
    check_blob(w, n + 5);
    JET_RETINFO ri = {sizeof ri, 0, 1, 0};
    uint32_t actual;
    uint8_t buf[100];
    assert_jet(JET_wrnBufferTruncated,
               JetRetrieveColumn(s, tab, c[2], buf, sizeof buf, &actual, 0, &ri));
    assert_int_equal(actual, 20000);
    ri.itagSequence = 2;
    assert_jet_ok(JetRetrieveColumn(s, tab, c[2], buf, sizeof buf, &actual, 0, &ri));
    assert_int_equal(actual, 5);
    /* each record owns its chunks: 7 + 3 for key 10, 7 + 3 for key 11 */
    assert_int_equal(tu_lv_rows(&env, "lv"), 20);
    /* delete the original; the copy keeps its data */
    seek_key(10);
    assert_jet_ok(JetDelete(s, tab));
    assert_int_equal(tu_lv_rows(&env, "lv"), 10);
    seek_key(11);
    check_blob(w, n + 5);
    /* a cancelled update leaves nothing behind */
    assert_jet_ok(JetPrepareUpdate(s, tab, JET_prepReplace));
    assert_jet_ok(JetSetColumn(s, tab, c[1], v, 100, JET_bitSetAppendLV, NULL));
    assert_jet_ok(JetPrepareUpdate(s, tab, JET_prepCancel));
    check_blob(w, n + 5);
    /* a failing update (duplicate key) changes nothing */
    assert_jet_ok(JetPrepareUpdate(s, tab, JET_prepInsert));
    tu_set_long(s, tab, c[0], 11);
    assert_jet_ok(JetSetColumn(s, tab, c[1], v, (uint32_t)n, 0, NULL));
    assert_jet(JET_errKeyDuplicate, JetUpdate(s, tab, NULL, 0, NULL));
    assert_jet_ok(JetPrepareUpdate(s, tab, JET_prepCancel));
    seek_key(11);
    check_blob(w, n + 5);
    assert_jet_ok(JetDelete(s, tab));
    assert_int_equal(tu_count(s, tab), 0);
    assert_int_equal(tu_lv_rows(&env, "lv"), 0);
    free(v);
    free(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_big_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_copy_and_delete, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
