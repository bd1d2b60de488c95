/*
 * test_btree.c: the B-tree's operations against a model — basic calls,
 * 100k random operations, maximum keys, long values with ranged reads,
 * splits at every level with root growth and shrink, free-space reuse
 * under churn, and cursor behaviour across concurrent-looking changes.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bt_harness.h"
#include "bt_model.h"
#include "page/page.h"

/* ThreadSanitizer makes the random workloads ~50x slower: the build scales
 * them down there (the same code paths still run). */
#ifndef BT_TEST_SCALE
#define BT_TEST_SCALE 1
#endif

/* A new tree in a new environment. */
static bt_tree *new_tree(h_env **hp, uint32_t ps)
{
    h_env *h = h_new(ps);
    uint32_t root;
    assert_jet_ok(bt_create(&h->env, 42, 0, &root));
    bt_tree *t;
    assert_jet_ok(bt_open(&h->env, root, 42, &t));
    *hp = h;
    return t;
}

static void check_ok(bt_tree *t, bt_check_stats *st)
{
    bt_check_stats local;
    if (st == NULL)
        st = &local;
    JET_ERR err = bt_check(t, st);
    if (err < 0)
        fail_msg("bt_check: %s", st->why);
}

static void test_basic(void **state)
{
    (void)state;
    h_env *h;
    bt_tree *t = new_tree(&h, 4096);
    uint8_t buf[64];
    size_t actual;
    assert_jet(JET_errRecordNotFound, bt_get(t, "a", 1, 0, buf, sizeof buf, NULL));
    assert_jet_ok(bt_insert(t, 0, "b", 1, "bee", 3));
    assert_jet_ok(bt_insert(t, 0, "a", 1, "ay", 2));
    assert_jet_ok(bt_insert(t, 0, "", 0, "empty", 5));
    assert_jet_ok(bt_insert(t, 0, "ab", 2, NULL, 0));
    assert_jet(JET_errKeyDuplicate, bt_insert(t, 0, "a", 1, "x", 1));
    assert_jet_ok(bt_get(t, "a", 1, 0, buf, sizeof buf, &actual));
    assert_int_equal(actual, 2);
    assert_memory_equal(buf, "ay", 2);
    assert_jet_ok(bt_get(t, "", 0, 0, buf, sizeof buf, &actual));
    assert_int_equal(actual, 5);
    assert_jet_ok(bt_get(t, "ab", 2, 0, buf, sizeof buf, &actual));
    assert_int_equal(actual, 0);
    /* truncation and ranged reads of an inline value */
    assert_jet(JET_wrnBufferTruncated, bt_get(t, "b", 1, 0, buf, 2, &actual));
    assert_int_equal(actual, 3);
    assert_jet_ok(bt_get(t, "b", 1, 1, buf, 2, &actual));
    assert_memory_equal(buf, "ee", 2);
    assert_jet_ok(bt_replace(t, 0, "b", 1, "bumblebee", 9));
    assert_jet_ok(bt_get(t, "b", 1, 0, buf, sizeof buf, &actual));
    assert_int_equal(actual, 9);
    assert_jet(JET_errRecordNotFound, bt_replace(t, 0, "c", 1, "x", 1));
    assert_jet(JET_errRecordNotFound, bt_delete(t, 0, "c", 1));
    assert_jet_ok(bt_delete(t, 0, "a", 1));
    assert_jet(JET_errRecordNotFound, bt_get(t, "a", 1, 0, buf, sizeof buf, NULL));
    uint8_t big[BT_KEY_MAX + 1] = { 0 };
    assert_jet(JET_errKeyTooBig, bt_insert(t, 0, big, BT_KEY_MAX + 1, "x", 1));
    assert_jet_ok(bt_insert(t, 0, big, BT_KEY_MAX, "x", 1));
    bt_check_stats st;
    check_ok(t, &st);
    assert_int_equal(st.records, 4);
    assert_int_equal(st.depth, 1);
    assert_int_equal(h_latched(), 0);
    bt_close(t);
    h_free(h);
}

/* 100k random operations on 4 KiB pages (the tightest fit for maximum
 * keys), checked against the model every 5000 operations. */
static void test_random_4k(void **state)
{
    (void)state;
    h_env *h;
    bt_tree *t = new_tree(&h, 4096);
    h->keep_log = false;
    model m = { NULL, 0, 0 };
    m_workload(t, &m, 100000 / BT_TEST_SCALE, 1, 0, 5000, 70000);
    m_assert_tree(t, &m, true);
    bt_check_stats st;
    check_ok(t, &st);
    printf("# 4k: %llu records, depth %u, %llu leaves, %llu internal, %llu lv pages\n",
           (unsigned long long)st.records, st.depth, (unsigned long long)st.leaf_pages,
           (unsigned long long)st.internal_pages, (unsigned long long)st.lv_pages);
    cache_stats cs;
    cache_get_stats(&cs);
    printf("# cache: %llu reads, %llu writes, %llu evictions\n", (unsigned long long)cs.reads,
           (unsigned long long)cs.writes, (unsigned long long)cs.evictions);
    m_free(&m);
    bt_close(t);
    h_free(h);
}

static void test_random_other_sizes(void **state)
{
    (void)state;
    static const uint32_t sizes[] = { 8192, 16384, 32768 };
    for (unsigned i = 0; i < 3; i++) {
        h_env *h;
        bt_tree *t = new_tree(&h, sizes[i]);
        h->keep_log = false;
        model m = { NULL, 0, 0 };
        m_workload(t, &m, 20000 / BT_TEST_SCALE, 10 + i, 0, 5000, 200000);
        m_assert_tree(t, &m, true);
        m_free(&m);
        bt_close(t);
        h_free(h);
    }
}

/* Keys of 2000 bytes fill 4 KiB pages two by two: every insert splits. */
static void test_max_keys(void **state)
{
    (void)state;
    h_env *h;
    bt_tree *t = new_tree(&h, 4096);
    model m = { NULL, 0, 0 };
    uint8_t key[BT_KEY_MAX], val[8];
    for (uint32_t i = 0; i < 300; i++) {
        uint32_t k = (i * 7919u) % 300;
        memset(key, 'k', sizeof key);
        snprintf((char *)key + BT_KEY_MAX - 8, 8, "%07u", k);   /* differ at the end */
        uint32_t vlen = i % 9;
        h_fill(val, vlen, k);
        assert_jet_ok(bt_insert(t, 0, key, BT_KEY_MAX, val, vlen));
        size_t pos;
        assert_false(m_find(&m, key, BT_KEY_MAX, &pos));
        m_insert(&m, pos, key, BT_KEY_MAX, k, vlen);
    }
    bt_check_stats st;
    check_ok(t, &st);
    assert_true(st.depth >= 4);
    m_assert_tree(t, &m, true);
    while (m.n) {
        size_t i = (m.n * 31u) % m.n;
        assert_jet_ok(bt_delete(t, 0, m.v[i].key, m.v[i].klen));
        m_delete(&m, i);
        if (m.n % 37 == 0)
            m_assert_tree(t, &m, false);
    }
    check_ok(t, &st);
    assert_int_equal(st.depth, 1);
    assert_int_equal(h->allocs - h->frees, 1);   /* only the root is left */
    m_free(&m);
    bt_close(t);
    h_free(h);
}

/* Long values of 1 MiB and more: ranged reads, replace long <-> short,
 * delete; every chain page goes back to the allocator. */
static void test_long_values(void **state)
{
    (void)state;
    h_env *h;
    bt_tree *t = new_tree(&h, 4096);
    h->keep_log = false;
    const uint32_t big = (1u << 20) + 12345;
    uint8_t *val = malloc(big), *got = malloc(big);
    for (uint32_t k = 0; k < 4; k++) {
        char key[8];
        snprintf(key, sizeof key, "lv%u", k);
        h_fill(val, big - k * 1000, k);
        assert_jet_ok(bt_insert(t, 0, key, strlen(key), val, big - k * 1000));
    }
    bt_check_stats st;
    check_ok(t, &st);
    assert_int_equal(st.lv_values, 4);
    h_fill(val, big - 2000, 2);
    size_t actual;
    /* whole value, then ranges at odd places (page boundaries included) */
    assert_jet_ok(bt_get(t, "lv2", 3, 0, got, big, &actual));
    assert_int_equal(actual, big - 2000);
    assert_memory_equal(got, val, actual);
    uint64_t seed = 7;
    for (int i = 0; i < 200; i++) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        uint64_t off = (seed >> 20) % (big - 2000);
        size_t len = (size_t)((seed >> 8) % 20000);
        JET_ERR err = bt_get(t, "lv2", 3, off, got, len, &actual);
        size_t avail = (size_t)(big - 2000 - off);
        assert_jet(len < avail ? JET_wrnBufferTruncated : JET_errSuccess, err);
        assert_memory_equal(got, val + off, len < avail ? len : avail);
    }
    /* reading past the end copies nothing */
    assert_jet_ok(bt_get(t, "lv2", 3, big, got, 10, &actual));
    /* cursor ranged read */
    bt_cursor *c;
    assert_jet_ok(bt_cursor_open(t, &c));
    assert_jet_ok(bt_cursor_seek(c, BT_SEEK_EQ, "lv2", 3));
    assert_jet(JET_wrnBufferTruncated, bt_cursor_value(c, 4092, got, 5000, &actual));
    assert_memory_equal(got, val + 4092, 5000);
    bt_cursor_close(c);
    uint64_t before = h->allocs - h->frees;
    /* long -> short -> long, and delete */
    assert_jet_ok(bt_replace(t, 0, "lv1", 3, "tiny", 4));
    assert_true(h->allocs - h->frees < before - 200);
    h_fill(val, big, 99);
    assert_jet_ok(bt_replace(t, 0, "lv1", 3, val, big));
    assert_jet_ok(bt_get(t, "lv1", 3, 0, got, big, &actual));
    assert_memory_equal(got, val, big);
    for (uint32_t k = 0; k < 4; k++) {
        char key[8];
        snprintf(key, sizeof key, "lv%u", k);
        assert_jet_ok(bt_delete(t, 0, key, strlen(key)));
    }
    check_ok(t, &st);
    assert_int_equal(st.lv_pages, 0);
    assert_int_equal(h->allocs - h->frees, 1);
    free(val);
    free(got);
    bt_close(t);
    h_free(h);
}

/* Grow to several levels with mid-size keys, then shrink back to a root
 * leaf, checking structure all along. */
static void test_levels(void **state)
{
    (void)state;
    h_env *h;
    bt_tree *t = new_tree(&h, 4096);
    h->keep_log = false;
    model m = { NULL, 0, 0 };
    uint8_t key[610];
    uint32_t depth_max = 0;
    for (uint32_t i = 0; i < 6000; i++) {
        uint32_t k = (i * 2654435761u) % 1000003u;
        memset(key, 'x', sizeof key);
        uint32_t klen = 300 + k % 300;
        /* the distinguishing digits at the end make separators long, so
         * internal pages fill up too */
        snprintf((char *)key + klen - 10, 11, "%010u", k);
        size_t pos;
        if (m_find(&m, key, klen, &pos))
            continue;
        assert_jet_ok(bt_insert(t, 0, key, klen, &k, sizeof k));
        m_insert(&m, pos, key, klen, 0, 0);
        if (i % 500 == 0) {
            bt_check_stats st;
            check_ok(t, &st);
            depth_max = st.depth > depth_max ? st.depth : depth_max;
        }
    }
    bt_check_stats st;
    check_ok(t, &st);
    assert_true(st.depth >= 4);
    /* delete in an order that empties whole pages and merges others */
    for (size_t step = 0; m.n; step++) {
        size_t i = step % 3 == 0 ? 0 : (step * 7919u) % m.n;
        assert_jet_ok(bt_delete(t, 0, m.v[i].key, m.v[i].klen));
        m_delete(&m, i);
        if (step % 400 == 0)
            check_ok(t, NULL);
    }
    check_ok(t, &st);
    assert_int_equal(st.depth, 1);
    assert_int_equal(st.records, 0);
    assert_int_equal(h->allocs - h->frees, 1);
    m_free(&m);
    bt_close(t);
    h_free(h);
}

/* Insert/delete churn must reuse freed pages: the file stops growing. */
static void test_reuse(void **state)
{
    (void)state;
    h_env *h;
    bt_tree *t = new_tree(&h, 4096);
    h->keep_log = false;
    uint8_t val[3000];
    uint32_t hwm_first = 0;
    for (int round = 0; round < 8; round++) {
        for (uint32_t i = 0; i < 3000; i++) {
            uint32_t k = __builtin_bswap32(i * 2654435761u);
            uint32_t vlen = (i % 10 == 0) ? 3000 : 40;   /* some long values */
            h_fill(val, vlen, k);
            assert_jet_ok(bt_insert(t, 0, &k, sizeof k, val, vlen));
        }
        for (uint32_t i = 0; i < 3000; i++) {
            uint32_t k = __builtin_bswap32(i * 2654435761u);
            assert_jet_ok(bt_delete(t, 0, &k, sizeof k));
        }
        check_ok(t, NULL);
        if (round == 0)
            hwm_first = h->hwm;
    }
    assert_true(h->hwm <= hwm_first + hwm_first / 10);
    assert_int_equal(h->allocs - h->frees, 1);
    bt_close(t);
    h_free(h);
}

/* Cursor ends, deleted current records, and a cursor that keeps its place
 * while the tree splits and merges around it. */
static void test_cursor(void **state)
{
    (void)state;
    h_env *h;
    bt_tree *t = new_tree(&h, 4096);
    h->keep_log = false;
    bt_cursor *c;
    uint8_t key[16];
    size_t kl;
    assert_jet_ok(bt_cursor_open(t, &c));
    assert_jet(JET_errNoCurrentRecord, bt_cursor_next(c));
    assert_jet(JET_errNoCurrentRecord, bt_cursor_prev(c));
    assert_jet(JET_errNoCurrentRecord, bt_cursor_first(c));
    assert_jet(JET_errRecordNotFound, bt_cursor_seek(c, BT_SEEK_GE, "", 0));
    assert_jet(JET_errNoCurrentRecord, bt_cursor_key(c, key, sizeof key, &kl));
    /* keys 0000..1998, even numbers */
    for (int i = 0; i < 2000; i += 2) {
        snprintf((char *)key, sizeof key, "%04d", i);
        assert_jet_ok(bt_insert(t, 0, key, 4, key, 4));
    }
    assert_jet_ok(bt_cursor_seek(c, BT_SEEK_GE, "0501", 4));
    assert_jet_ok(bt_cursor_key(c, key, sizeof key, &kl));
    assert_memory_equal(key, "0502", 4);
    /* the current record disappears: reads say so, moves go by key */
    assert_jet_ok(bt_delete(t, 0, "0502", 4));
    assert_jet(JET_errRecordDeleted, bt_cursor_key(c, key, sizeof key, &kl));
    assert_jet_ok(bt_cursor_next(c));
    assert_jet_ok(bt_cursor_key(c, key, sizeof key, &kl));
    assert_memory_equal(key, "0504", 4);
    assert_jet_ok(bt_delete(t, 0, "0504", 4));
    assert_jet_ok(bt_cursor_prev(c));
    assert_jet_ok(bt_cursor_key(c, key, sizeof key, &kl));
    assert_memory_equal(key, "0500", 4);
    /* heavy changes around the cursor: inserting the odd keys splits every
     * leaf; the cursor then walks them all in order */
    for (int i = 1; i < 2000; i += 2) {
        snprintf((char *)key, sizeof key, "%04d", i);
        assert_jet_ok(bt_insert(t, 0, key, 4, key, 4));
    }
    for (int want = 501; want < 2000; want++) {
        if (want == 502 || want == 504)
            continue;
        assert_jet_ok(bt_cursor_next(c));
        assert_jet_ok(bt_cursor_key(c, key, sizeof key, &kl));
        char w[16];
        snprintf(w, sizeof w, "%04d", want);
        assert_memory_equal(key, w, 4);
        if (want % 100 == 0) {
            /* delete a block ahead of the cursor (merges and frees) */
            for (int d = want + 1; d < want + 40 && d < 2000; d++) {
                snprintf((char *)key, sizeof key, "%04d", d);
                assert_jet_ok(bt_delete(t, 0, key, 4));
            }
            want += 39;
        }
    }
    assert_jet(JET_errNoCurrentRecord, bt_cursor_next(c));
    assert_jet(JET_errNoCurrentRecord, bt_cursor_next(c));
    assert_jet_ok(bt_cursor_prev(c));
    assert_jet_ok(bt_cursor_key(c, key, sizeof key, &kl));
    assert_memory_equal(key, "1999", 4);
    assert_jet_ok(bt_cursor_first(c));
    assert_jet(JET_errNoCurrentRecord, bt_cursor_prev(c));
    assert_jet_ok(bt_cursor_next(c));
    assert_jet_ok(bt_cursor_key(c, key, sizeof key, &kl));
    assert_memory_equal(key, "0000", 4);
    assert_jet(JET_errRecordNotFound, bt_cursor_seek(c, BT_SEEK_LT, "0000", 4));
    assert_jet_ok(bt_cursor_seek(c, BT_SEEK_LE, "9", 1));
    assert_jet_ok(bt_cursor_key(c, key, sizeof key, &kl));
    assert_memory_equal(key, "1999", 4);
    assert_jet(JET_wrnBufferTruncated, bt_cursor_key(c, key, 2, &kl));
    assert_int_equal(kl, 4);
    bt_cursor_close(c);
    check_ok(t, NULL);
    assert_int_equal(h_latched(), 0);
    bt_close(t);
    h_free(h);
}

/* bt_check notices damage. */
static void test_check_detects(void **state)
{
    (void)state;
    h_env *h;
    bt_tree *t = new_tree(&h, 4096);
    h->keep_log = false;
    for (uint32_t i = 0; i < 500; i++) {
        uint32_t k = __builtin_bswap32(i);
        assert_jet_ok(bt_insert(t, 0, &k, 4, "0123456789012345678901234567890123456789", 40));
    }
    bt_check_stats st;
    check_ok(t, &st);
    assert_true(st.depth >= 2);
    /* break a leaf's sibling link behind the tree's back */
    bf *b;
    uint32_t leaf = 0;
    for (uint32_t p = 1; p <= h->hwm && !leaf; p++) {
        assert_jet_ok(cache_get(h->env.cf, p, CACHE_S, 0, &b));
        const pg_hdr *ph = bf_page(b);
        if ((ph->flags & PG_F_LEAF) && ph->next)
            leaf = p;
        cache_release(b);
    }
    assert_jet_ok(cache_get(h->env.cf, leaf, CACHE_X, 0, &b));
    pg_hdr *ph = bf_page(b);
    uint32_t saved = ph->next;
    ph->next = leaf;
    cache_release(b);
    assert_jet(JET_errDatabaseCorrupted, bt_check(t, &st));
    assert_true(strlen(st.why) > 0);
    assert_jet_ok(cache_get(h->env.cf, leaf, CACHE_X, 0, &b));
    ((pg_hdr *)bf_page(b))->next = saved;
    cache_release(b);
    check_ok(t, NULL);
    bt_close(t);
    h_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic),
        cmocka_unit_test(test_cursor),
        cmocka_unit_test(test_max_keys),
        cmocka_unit_test(test_long_values),
        cmocka_unit_test(test_levels),
        cmocka_unit_test(test_reuse),
        cmocka_unit_test(test_check_detects),
        cmocka_unit_test(test_random_4k),
        cmocka_unit_test(test_random_other_sizes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
