/*
 * test_isam_index.c: secondary index maintenance — every index checked
 * against a model after random inserts, replaces and deletes (entry counts
 * per index, and every entry's key equal to the key JetMakeKey builds from
 * its record), unique indexes, multi-valued columns, IgnoreNull /
 * IgnoreAnyNull / IgnoreFirstNull / DisallowNull, conditional columns, key
 * truncation, and tables without a primary index.
 */
#include "isam_tu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static tu_env env;

static int setup(void **state)
{
    (void)state;
    tu_open(&env, "isam_index");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_close(&env);
    return 0;
}

/* ---- the model --------------------------------------------------------------------- */

#define NROWS 120
typedef struct row {
    bool live;
    bool a_null, b_null;
    char a[16];
    int32_t b;
    int nm;
    char m[3][8];
    bool cnd;
} row;
static row model[NROWS];

enum { K, A, B, M, CND };
static const tu_col mcols[] = {
    {"k", JET_coltypLong, 0, 0, 0, NULL, 0},
    {"a", JET_coltypText, 0, 0, 0, NULL, 0},
    {"b", JET_coltypLong, 0, 0, 0, NULL, 0},
    {"m", JET_coltypText, 0, JET_bitColumnTagged | JET_bitColumnMultiValued, 0, NULL, 0},
    {"cnd", JET_coltypBit, 0, 0, 0, NULL, 0},
};
static const tu_idx midx[] = {
    {"pk", "+k\0", sizeof "+k\0", JET_bitIndexPrimary, 0, NULL, 0},
    {"ia", "+a\0", sizeof "+a\0", 0, 0, NULL, 0},
    {"ib_desc", "-b\0+a\0", sizeof "-b\0+a\0", 0, 0, NULL, 0},
    {"im", "+m\0", sizeof "+m\0", 0, 0, NULL, 0},
    {"iany", "+a\0+b\0", sizeof "+a\0+b\0", JET_bitIndexIgnoreAnyNull, 0, NULL, 0},
    {"ifirst", "+a\0+b\0", sizeof "+a\0+b\0", JET_bitIndexIgnoreFirstNull, 0, NULL, 0},
    {"inull", "+a\0+b\0", sizeof "+a\0+b\0", JET_bitIndexIgnoreNull, 0, NULL, 0},
    {"icond", "+b\0", sizeof "+b\0", 0, 0, "cnd", JET_bitIndexColumnMustBeNonNull},
};
#define NIDX (sizeof midx / sizeof midx[0])

static JET_TABLEID mt;
static JET_COLUMNID mc[5];

/* Entries index i should have for the live rows of the model. */
static uint32_t expected_entries(size_t i)
{
    uint32_t n = 0;
    for (int r = 0; r < NROWS; r++) {
        const row *w = &model[r];
        if (!w->live)
            continue;
        const char *name = midx[i].name;
        if (strcmp(name, "pk") == 0 || strcmp(name, "ia") == 0 || strcmp(name, "ib_desc") == 0)
            n++;
        else if (strcmp(name, "im") == 0) {
            /* one entry per distinct value; NULL counts as one */
            int distinct = 0;
            for (int j = 0; j < w->nm; j++) {
                bool dup = false;
                for (int q = 0; q < j; q++)
                    dup |= strcasecmp(w->m[q], w->m[j]) == 0;
                distinct += !dup;
            }
            n += w->nm == 0 ? 1 : (uint32_t)distinct;
        } else if (strcmp(name, "iany") == 0)
            n += !w->a_null && !w->b_null;
        else if (strcmp(name, "ifirst") == 0)
            n += !w->a_null;
        else if (strcmp(name, "inull") == 0)
            n += !(w->a_null && w->b_null);
        else if (strcmp(name, "icond") == 0)
            n += w->cnd;
    }
    return n;
}

/* Build, with JetMakeKey, the key of the current entry of index i from the
 * record's own values (non-multi-valued indexes) and compare with the key
 * the entry has. */
static void check_entry_key(JET_SESID s, size_t i)
{
    const char *key = midx[i].key;
    bool first = true;
    while (*key != '\0') {
        const char *col = key + 1;
        int ci = strcmp(col, "a") == 0 ? A : strcmp(col, "b") == 0 ? B : K;
        uint8_t v[64];
        uint32_t actual = 0;
        JET_ERR err = JetRetrieveColumn(s, mt, mc[ci], v, sizeof v, &actual, 0, NULL);
        assert_true(err == JET_errSuccess || err == JET_wrnColumnNull);
        assert_jet_ok(JetMakeKey(s, mt, v, err == JET_wrnColumnNull ? 0 : actual,
                                 first ? JET_bitNewKey : 0));
        first = false;
        key += strlen(key) + 1;
    }
    uint8_t k1[300], k2[300];
    uint32_t n1 = 0, n2 = 0;
    assert_jet_ok(JetRetrieveKey(s, mt, k1, sizeof k1, &n1, JET_bitRetrieveCopy));
    assert_jet_ok(JetRetrieveKey(s, mt, k2, sizeof k2, &n2, 0));
    assert_int_equal(n1, n2);
    assert_memory_equal(k1, k2, n1);
}

static void check_all_indexes(void)
{
    JET_SESID s = env.ses;
    for (size_t i = 0; i < NIDX; i++) {
        assert_jet_ok(JetSetCurrentIndexA(s, mt, midx[i].name));
        uint32_t n = 0;
        uint8_t prev[300];
        uint32_t prevlen = 0;
        JET_ERR err = JetMove(s, mt, JET_MoveFirst, 0);
        while (err == JET_errSuccess) {
            n++;
            uint8_t k[300];
            uint32_t klen;
            assert_jet_ok(JetRetrieveKey(s, mt, k, sizeof k, &klen, 0));
            /* keys never decrease */
            uint32_t m = klen < prevlen ? klen : prevlen;
            int cmp = memcmp(prev, k, m);
            assert_true(cmp < 0 || (cmp == 0 && prevlen <= klen));
            memcpy(prev, k, klen);
            prevlen = klen;
            if (strcmp(midx[i].name, "im") != 0)
                check_entry_key(s, i);
            err = JetMove(s, mt, JET_MoveNext, 0);
        }
        assert_jet(JET_errNoCurrentRecord, err);
        if (n != expected_entries(i))
            fail_msg("index %s: %u entries, expected %u", midx[i].name, n, expected_entries(i));
        if (n > 0) {
            uint32_t cnt = 0;
            assert_jet_ok(JetMove(s, mt, JET_MoveFirst, 0));
            assert_jet_ok(JetIndexRecordCount(s, mt, &cnt, 0));
            assert_int_equal(cnt, n);
        }
    }
    assert_jet_ok(JetSetCurrentIndexA(s, mt, NULL));
}

static void random_row(row *w, unsigned *seed)
{
    w->a_null = rand_r(seed) % 5 == 0;
    w->b_null = rand_r(seed) % 5 == 0;
    snprintf(w->a, sizeof w->a, "a%03d", rand_r(seed) % 40);
    w->b = rand_r(seed) % 1000 - 500;
    w->nm = rand_r(seed) % 4;
    static const char *words[] = {"x", "Y", "z", "y", "w"};
    for (int j = 0; j < w->nm; j++)
        snprintf(w->m[j], sizeof w->m[j], "%s", words[rand_r(seed) % 5]);
    w->cnd = rand_r(seed) % 2;
}

static void write_row(JET_SESID s, int k, const row *w, bool insert)
{
    assert_jet_ok(JetPrepareUpdate(s, mt, insert ? JET_prepInsert : JET_prepReplace));
    if (insert)
        tu_set_long(s, mt, mc[K], k);
    assert_jet_ok(JetSetColumn(s, mt, mc[A], w->a_null ? NULL : w->a,
                               w->a_null ? 0 : (uint32_t)strlen(w->a), 0, NULL));
    assert_jet_ok(JetSetColumn(s, mt, mc[B], w->b_null ? NULL : &w->b, w->b_null ? 0 : 4, 0,
                               NULL));
    /* replace the multi-values: delete them all, then append */
    JET_SETINFO si = {sizeof si, 0, 1};
    for (int j = 0; j < 4; j++)
        assert_jet_ok(JetSetColumn(s, mt, mc[M], NULL, 0, 0, &si));
    for (int j = 0; j < w->nm; j++) {
        si.itagSequence = 0;
        assert_jet_ok(JetSetColumn(s, mt, mc[M], w->m[j], (uint32_t)strlen(w->m[j]), 0, &si));
    }
    uint8_t bit = 1;
    assert_jet_ok(JetSetColumn(s, mt, mc[CND], w->cnd ? &bit : NULL, w->cnd ? 1 : 0, 0, NULL));
    assert_jet_ok(JetUpdate(s, mt, NULL, 0, NULL));
}

static void test_maintenance(void **state)
{
    (void)state;
    JET_SESID s = env.ses;
    memset(model, 0, sizeof model);
    tu_table(&env, "m", mcols, 5, midx, NIDX, &mt, mc);
    unsigned seed = 12345;
    for (int round = 0; round < 4; round++) {
        for (int op = 0; op < 80; op++) {
            int k = rand_r(&seed) % NROWS;
            row *w = &model[k];
            if (!w->live) {
                random_row(w, &seed);
                write_row(s, k, w, true);
                w->live = true;
            } else if (rand_r(&seed) % 3 == 0) {
                tu_seek_long(s, mt, k, JET_bitSeekEQ, JET_errSuccess);
                assert_jet_ok(JetDelete(s, mt));
                w->live = false;
            } else {
                tu_seek_long(s, mt, k, JET_bitSeekEQ, JET_errSuccess);
                random_row(w, &seed);
                write_row(s, k, w, false);
            }
        }
        check_all_indexes();
    }
    assert_jet_ok(JetCloseTable(s, mt));
}

/* ---- unique indexes, DisallowNull, truncation ------------------------------------- */

static void test_unique_and_limits(void **state)
{
    (void)state;
    static const tu_col cols[] = {
        {"k", JET_coltypLong, 0, 0, 0, NULL, 0},
        {"u", JET_coltypLong, 0, 0, 0, NULL, 0},
        {"lt", JET_coltypLongText, 0, 0, 0, NULL, 0},
        {"dn", JET_coltypLong, 0, 0, 0, NULL, 0},
    };
    static const tu_idx idx[] = {
        {"pk", "+k\0", sizeof "+k\0", JET_bitIndexPrimary, 0, NULL, 0},
        {"iu", "+u\0", sizeof "+u\0", JET_bitIndexUnique | JET_bitIndexIgnoreNull, 0, NULL, 0},
        {"ilt", "+lt\0", sizeof "+lt\0", JET_bitIndexIgnoreNull, 0, NULL, 0},
        {"idn", "+dn\0", sizeof "+dn\0", JET_bitIndexDisallowNull, 0, NULL, 0},
    };
    JET_TABLEID t;
    JET_COLUMNID c[4];
    tu_table(&env, "u", cols, 4, idx, 4, &t, c);
    JET_SESID s = env.ses;
    char big[1000];
    memset(big, 'q', sizeof big);
    for (int k = 1; k <= 3; k++) {
        assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
        tu_set_long(s, t, c[0], k);
        tu_set_long(s, t, c[1], k * 10);
        tu_set_long(s, t, c[3], k);
        big[999] = (char)('a' + k);   /* differ only past the key limit */
        assert_jet_ok(JetSetColumn(s, t, c[2], big, sizeof big, 0, NULL));
        assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
    }
    /* unique violation: nothing changes */
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
    tu_set_long(s, t, c[0], 4);
    tu_set_long(s, t, c[1], 20);
    tu_set_long(s, t, c[3], 4);
    assert_jet(JET_errKeyDuplicate, JetUpdate(s, t, NULL, 0, NULL));
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepCancel));
    assert_int_equal(tu_count(s, t), 3);
    tu_seek_long(s, t, 4, JET_bitSeekEQ, JET_errRecordNotFound);
    /* on replace too, and the record stays as it was */
    tu_seek_long(s, t, 1, JET_bitSeekEQ, JET_errSuccess);
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepReplace));
    tu_set_long(s, t, c[1], 30);
    assert_jet(JET_errKeyDuplicate, JetUpdate(s, t, NULL, 0, NULL));
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepCancel));
    assert_int_equal(tu_get_long(s, t, c[1]), 10);
    /* primary key changes are refused */
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepReplace));
    tu_set_long(s, t, c[0], 99);
    assert_jet(JET_errRecordPrimaryChanged, JetUpdate(s, t, NULL, 0, NULL));
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepCancel));
    /* NULL in a DisallowNull index */
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepReplace));
    assert_jet_ok(JetSetColumn(s, t, c[3], NULL, 0, 0, NULL));
    assert_jet(JET_errNullKeyDisallowed, JetUpdate(s, t, NULL, 0, NULL));
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepCancel));
    /* NULLs in a unique IgnoreNull index do not collide */
    for (int k = 5; k <= 6; k++) {
        assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
        tu_set_long(s, t, c[0], k);
        tu_set_long(s, t, c[3], k);
        assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
    }
    /* truncated keys: three entries with equal keys, all there */
    assert_jet_ok(JetSetCurrentIndexA(s, t, "ilt"));
    assert_int_equal(tu_count(s, t), 3);
    uint8_t k1[400];
    uint32_t n1;
    assert_jet_ok(JetMove(s, t, JET_MoveFirst, 0));
    assert_jet_ok(JetRetrieveKey(s, t, k1, sizeof k1, &n1, 0));
    assert_int_equal(n1, JET_cbKeyMost);
    /* iu skips the NULL rows */
    assert_jet_ok(JetSetCurrentIndexA(s, t, "iu"));
    assert_int_equal(tu_count(s, t), 3);
    assert_jet_ok(JetCloseTable(s, t));
}

/* ---- an index created on a table with rows ---------------------------------------- */

static void test_index_build(void **state)
{
    (void)state;
    static const tu_col cols[] = {
        {"k", JET_coltypLong, 0, 0, 0, NULL, 0},
        {"v", JET_coltypLong, 0, 0, 0, NULL, 0},
        {"m", JET_coltypLong, 0, JET_bitColumnTagged | JET_bitColumnMultiValued, 0, NULL, 0},
    };
    static const tu_idx idx[] = {{"pk", "+k\0", sizeof "+k\0", JET_bitIndexPrimary, 0, NULL, 0}};
    JET_TABLEID t;
    JET_COLUMNID c[3];
    tu_table(&env, "build", cols, 3, idx, 1, &t, c);
    JET_SESID s = env.ses;
    for (int32_t k = 1; k <= 50; k++) {
        assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
        tu_set_long(s, t, c[0], k);
        tu_set_long(s, t, c[1], k % 10);
        JET_SETINFO si = {sizeof si, 0, 0};
        for (int32_t j = 0; j < k % 3; j++) {
            int32_t mv = k * 100 + j;
            si.itagSequence = 0;
            assert_jet_ok(JetSetColumn(s, t, c[2], &mv, 4, 0, &si));
        }
        assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
    }
    /* a unique index over duplicate values cannot be built */
    static const tu_idx bad = {"uv", "+v\0", sizeof "+v\0", JET_bitIndexUnique, 0, NULL, 0};
    assert_jet(JET_errKeyDuplicate, tu_add_index(&env, "build", &bad));
    static const tu_idx good = {"bym", "+m\0", sizeof "+m\0", JET_bitIndexIgnoreAnyNull, 0,
                                NULL, 0};
    assert_jet_ok(tu_add_index(&env, "build", &good));
    static const tu_idx byv = {"byv", "-v\0", sizeof "-v\0", 0, 0, NULL, 0};
    assert_jet_ok(tu_add_index(&env, "build", &byv));
    /* the open cursor sees the new indexes (schema refresh) */
    assert_jet(JET_errIndexNotFound, JetSetCurrentIndexA(s, t, "uv"));
    assert_jet_ok(JetSetCurrentIndexA(s, t, "bym"));
    /* rows with k % 3 == 1 have one value, == 2 two values */
    uint32_t expect = 0;
    for (int32_t k = 1; k <= 50; k++)
        expect += (uint32_t)(k % 3);
    assert_int_equal(tu_count(s, t), expect);
    assert_jet_ok(JetSetCurrentIndexA(s, t, "byv"));
    assert_int_equal(tu_count(s, t), 50);
    assert_jet_ok(JetMove(s, t, JET_MoveFirst, 0));
    assert_int_equal(tu_get_long(s, t, c[1]), 9);
    /* and keeps them up to date */
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
    tu_set_long(s, t, c[0], 51);
    tu_set_long(s, t, c[1], 99);
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
    assert_jet_ok(JetMove(s, t, JET_MoveFirst, 0));
    assert_int_equal(tu_get_long(s, t, c[1]), 99);
    assert_jet_ok(JetCloseTable(s, t));
}

/* ---- NULL ordering ------------------------------------------------------------------- */

static void test_nulls_order(void **state)
{
    (void)state;
    static const tu_col cols[] = {
        {"k", JET_coltypLong, 0, 0, 0, NULL, 0},
        {"v", JET_coltypLong, 0, 0, 0, NULL, 0},
    };
    static const tu_idx idx[] = {
        {"pk", "+k\0", sizeof "+k\0", JET_bitIndexPrimary, 0, NULL, 0},
        {"low", "+v\0", sizeof "+v\0", 0, 0, NULL, 0},
        {"high", "+v\0", sizeof "+v\0", JET_bitIndexSortNullsHigh, 0, NULL, 0},
    };
    JET_TABLEID t;
    JET_COLUMNID c[2];
    tu_table(&env, "nulls", cols, 2, idx, 3, &t, c);
    JET_SESID s = env.ses;
    for (int32_t k = 1; k <= 3; k++) {
        assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
        tu_set_long(s, t, c[0], k);
        if (k != 2)
            tu_set_long(s, t, c[1], -k);
        assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
    }
    assert_jet_ok(JetSetCurrentIndexA(s, t, "low"));
    assert_int_equal(tu_get_long(s, t, c[0]), 2);     /* NULL first */
    assert_jet_ok(JetSetCurrentIndexA(s, t, "high"));
    assert_int_equal(tu_get_long(s, t, c[0]), 3);     /* -3 first, NULL last */
    assert_jet_ok(JetMove(s, t, JET_MoveLast, 0));
    assert_int_equal(tu_get_long(s, t, c[0]), 2);
    /* a NULL search key finds the NULL entry */
    assert_jet_ok(JetMakeKey(s, t, NULL, 0, JET_bitNewKey));
    assert_jet_ok(JetSeek(s, t, JET_bitSeekEQ));
    assert_int_equal(tu_get_long(s, t, c[0]), 2);
    assert_jet_ok(JetCloseTable(s, t));
}

/* ---- no primary index --------------------------------------------------------------- */

static void test_sequential(void **state)
{
    (void)state;
    static const tu_col cols[] = {{"v", JET_coltypLong, 0, 0, 0, NULL, 0}};
    JET_TABLEID t;
    JET_COLUMNID c[1];
    tu_table(&env, "seq", cols, 1, NULL, 0, &t, c);
    JET_SESID s = env.ses;
    uint8_t bm[5][16];
    uint32_t bml[5];
    for (int i = 0; i < 5; i++) {
        assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
        tu_set_long(s, t, c[0], 100 + i);
        assert_jet_ok(JetUpdate(s, t, bm[i], sizeof bm[i], &bml[i]));
        assert_int_equal(bml[i], 8);
    }
    /* records come back in insertion order */
    assert_jet_ok(JetMove(s, t, JET_MoveFirst, 0));
    for (int i = 0; i < 5; i++) {
        assert_int_equal(tu_get_long(s, t, c[0]), 100 + i);
        JetMove(s, t, JET_MoveNext, 0);
    }
    assert_jet_ok(JetGotoBookmark(s, t, bm[3], bml[3]));
    assert_int_equal(tu_get_long(s, t, c[0]), 103);
    /* no key to make on the sequential index */
    int32_t v = 1;
    assert_jet(JET_errNoCurrentIndex, JetMakeKey(s, t, &v, 4, JET_bitNewKey));
    /* delete the last one, reopen: the counter goes on past the largest key */
    assert_jet_ok(JetGotoBookmark(s, t, bm[4], bml[4]));
    assert_jet_ok(JetDelete(s, t));
    assert_jet_ok(JetCloseTable(s, t));
    t = tu_open_table(&env, s, "seq", 0);
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
    tu_set_long(s, t, c[0], 999);
    uint8_t nb[16];
    uint32_t nl;
    assert_jet_ok(JetUpdate(s, t, nb, sizeof nb, &nl));
    assert_true(memcmp(nb, bm[3], 8) > 0);
    assert_jet_ok(JetMove(s, t, JET_MoveLast, 0));
    assert_int_equal(tu_get_long(s, t, c[0]), 999);
    /* a buffer too small for the bookmark: nothing inserted */
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
    assert_jet(JET_errBufferTooSmall, JetUpdate(s, t, nb, 4, &nl));
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepCancel));
    assert_int_equal(tu_count(s, t), 5);
    assert_jet_ok(JetCloseTable(s, t));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_maintenance, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unique_and_limits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_index_build, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nulls_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sequential, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
