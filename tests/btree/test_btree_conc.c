/*
 * test_btree_conc.c: 4 writer threads on disjoint key ranges and 4 reader
 * threads seeking and scanning at the same time.  Readers check that keys
 * come in order and that every value they read is whole (each value
 * carries the seed it was generated from); at the end the tree must equal
 * the union of the writers' models.  Meant to run under TSan too.
 */
#include "testutil.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bt_harness.h"
#include "bt_model.h"

#define NWRITERS 4
#define NREADERS 4
#define OPS_PER_WRITER 6000
#define VMAX 12000

static bt_tree *tree;
static atomic_int writers_left;
static atomic_long reads_done;

typedef struct wctx {
    int id;
    model m;
    int failed;
} wctx;

static uint32_t xs(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return (uint32_t)(*s >> 11);
}

/* A value that can vouch for itself: 4 bytes of seed, then h_fill. */
static void make_value(uint8_t *buf, uint32_t len, uint32_t seed)
{
    memcpy(buf, &seed, 4);
    h_fill(buf + 4, len - 4, seed);
}

static bool value_whole(const uint8_t *buf, size_t len)
{
    if (len < 4)
        return false;
    uint32_t seed;
    memcpy(&seed, buf, 4);
    uint8_t *want = malloc(len);
    h_fill(want, len - 4, seed);
    bool ok = memcmp(want, buf + 4, len - 4) == 0;
    free(want);
    return ok;
}

static void *writer(void *arg)
{
    wctx *w = arg;
    uint64_t s = 0x1234567ull + (uint64_t)w->id * 977;
    uint8_t *val = malloc(VMAX);
    for (int i = 0; i < OPS_PER_WRITER && !w->failed; i++) {
        uint8_t key[9];
        key[0] = (uint8_t)('A' + w->id);
        uint32_t k = xs(&s) % 3000;
        snprintf((char *)key + 1, 8, "%06u", k);
        size_t pos;
        bool found = m_find(&w->m, key, 7, &pos);
        uint32_t r = xs(&s) % 10, seed = xs(&s);
        uint32_t vlen = 4 + (xs(&s) % 20 == 0 ? xs(&s) % (VMAX - 4) : xs(&s) % 200);
        make_value(val, vlen, seed);
        JET_ERR err;
        if (!found && r < 7) {
            err = bt_insert(tree, 0, key, 7, val, vlen);
            if (err >= 0)
                m_insert(&w->m, pos, key, 7, seed, vlen);
        } else if (found && r < 6) {
            err = bt_replace(tree, 0, key, 7, val, vlen);
            if (err >= 0) {
                w->m.v[pos].vseed = seed;
                w->m.v[pos].vlen = vlen;
            }
        } else if (found) {
            err = bt_delete(tree, 0, key, 7);
            if (err >= 0)
                m_delete(&w->m, pos);
        } else {
            err = bt_delete(tree, 0, key, 7) == JET_errRecordNotFound ? 0 : -1;
        }
        if (err < 0)
            w->failed = 1;
    }
    free(val);
    atomic_fetch_sub(&writers_left, 1);
    return NULL;
}

static void *reader(void *arg)
{
    int id = *(int *)arg;
    uint64_t s = 0xabcdefull + (uint64_t)id * 31;
    uint8_t *val = malloc(VMAX);
    long bad = 0;
    bt_cursor *c;
    if (bt_cursor_open(tree, &c) < 0)
        return (void *)1;
    while (atomic_load(&writers_left) > 0 && !bad) {
        uint8_t key[9], prev[BT_KEY_MAX], cur[BT_KEY_MAX];
        key[0] = (uint8_t)('A' + xs(&s) % NWRITERS);
        snprintf((char *)key + 1, 8, "%06u", xs(&s) % 3000);
        if (xs(&s) % 4 == 0) {
            size_t vl;
            JET_ERR err = bt_get(tree, key, 7, 0, val, VMAX, &vl);
            if (err == JET_errSuccess && !value_whole(val, vl))
                bad = 1;
            else if (err < 0 && err != JET_errRecordNotFound)
                bad = 2;
            atomic_fetch_add(&reads_done, 1);
            continue;
        }
        bool fwd = xs(&s) % 2;
        JET_ERR err = bt_cursor_seek(c, fwd ? BT_SEEK_GE : BT_SEEK_LE, key, 7);
        size_t pl = 0;
        bool have_prev = false;
        for (int step = 0; err >= 0 && step < 60; step++) {
            size_t kl, vl;
            err = bt_cursor_key(c, cur, sizeof cur, &kl);
            if (err == JET_errSuccess) {
                if (have_prev) {
                    int cmp = memcmp(prev, cur, pl < kl ? pl : kl);
                    if (cmp == 0)
                        cmp = pl < kl ? -1 : pl > kl ? 1 : 0;
                    if (fwd ? cmp >= 0 : cmp <= 0) {
                        fprintf(stderr, "order: fwd %d step %d prev %.*s cur %.*s\n", fwd,
                                step, (int)pl, (const char *)prev, (int)kl, (const char *)cur);
                        bad = 3;
                    }
                }
                memcpy(prev, cur, kl);
                pl = kl;
                have_prev = true;
                JET_ERR e2 = bt_cursor_value(c, 0, val, VMAX, &vl);
                if (e2 == JET_errSuccess && !value_whole(val, vl))
                    bad = 4;
                else if (e2 < 0 && e2 != JET_errRecordDeleted)
                    bad = 5;
            } else if (err != JET_errRecordDeleted) {
                bad = 6;
            }
            err = fwd ? bt_cursor_next(c) : bt_cursor_prev(c);
            atomic_fetch_add(&reads_done, 1);
        }
        if (err < 0 && err != JET_errNoCurrentRecord && err != JET_errRecordNotFound)
            bad = 7;
    }
    bt_cursor_close(c);
    free(val);
    return (void *)bad;
}

static void test_concurrent(void **state)
{
    (void)state;
    h_env *h = h_new(4096);
    h->keep_log = false;
    uint32_t root;
    assert_jet_ok(bt_create(&h->env, 5, 0, &root));
    assert_jet_ok(bt_open(&h->env, root, 5, &tree));
    static wctx w[NWRITERS];
    pthread_t wt[NWRITERS], rt[NREADERS];
    int rid[NREADERS];
    atomic_store(&writers_left, NWRITERS);
    for (int i = 0; i < NWRITERS; i++) {
        memset(&w[i], 0, sizeof w[i]);
        w[i].id = i;
        assert_int_equal(pthread_create(&wt[i], NULL, writer, &w[i]), 0);
    }
    for (int i = 0; i < NREADERS; i++) {
        rid[i] = i;
        assert_int_equal(pthread_create(&rt[i], NULL, reader, &rid[i]), 0);
    }
    for (int i = 0; i < NWRITERS; i++)
        pthread_join(wt[i], NULL);
    for (int i = 0; i < NREADERS; i++) {
        void *ret;
        pthread_join(rt[i], &ret);
        if (ret != NULL)
            fail_msg("reader %d saw a problem (%ld)", i, (long)ret);
    }
    model all = { NULL, 0, 0 };
    for (int i = 0; i < NWRITERS; i++) {
        assert_int_equal(w[i].failed, 0);
        for (size_t j = 0; j < w[i].m.n; j++)
            m_insert(&all, all.n, w[i].m.v[j].key, w[i].m.v[j].klen, w[i].m.v[j].vseed,
                     w[i].m.v[j].vlen);
        m_free(&w[i].m);
    }
    printf("# %zu records at the end, %ld reads during the run\n", all.n,
           atomic_load(&reads_done));
    /* values were generated with make_value, not h_fill: check by hand */
    uint8_t *val = malloc(VMAX), *want = malloc(VMAX);
    for (size_t i = 0; i < all.n; i++) {
        size_t vl;
        assert_jet_ok(bt_get(tree, all.v[i].key, all.v[i].klen, 0, val, VMAX, &vl));
        assert_int_equal(vl, all.v[i].vlen);
        make_value(want, all.v[i].vlen, all.v[i].vseed);
        assert_memory_equal(val, want, vl);
    }
    free(val);
    free(want);
    m_assert_tree(tree, &all, false);
    assert_int_equal(h_latched(), 0);
    m_free(&all);
    bt_close(tree);
    h_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_concurrent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
