/*
 * bt_model.c: the tests' model of a tree — see bt_model.h.
 */
#include "bt_model.h"

#include <stdlib.h>
#include <string.h>

#include "bt_harness.h"
#include "testutil.h"

bool m_find(const model *m, const void *key, size_t klen, size_t *pos)
{
    size_t lo = 0, hi = m->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const ment *e = &m->v[mid];
        size_t n = e->klen < klen ? e->klen : klen;
        int c = n ? memcmp(e->key, key, n) : 0;
        if (c == 0)
            c = e->klen < klen ? -1 : e->klen > klen ? 1 : 0;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *pos = lo;
    if (lo == m->n)
        return false;
    const ment *e = &m->v[lo];
    return e->klen == klen && (klen == 0 || memcmp(e->key, key, klen) == 0);
}

void m_insert(model *m, size_t pos, const void *key, size_t klen, uint32_t vseed, uint32_t vlen)
{
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 256;
        m->v = realloc(m->v, sizeof *m->v * m->cap);
    }
    memmove(&m->v[pos + 1], &m->v[pos], sizeof *m->v * (m->n - pos));
    ment *e = &m->v[pos];
    e->key = malloc(klen ? klen : 1);
    if (klen)
        memcpy(e->key, key, klen);
    e->klen = (uint16_t)klen;
    e->vseed = vseed;
    e->vlen = vlen;
    m->n++;
}

void m_delete(model *m, size_t pos)
{
    free(m->v[pos].key);
    memmove(&m->v[pos], &m->v[pos + 1], sizeof *m->v * (m->n - pos - 1));
    m->n--;
}

void m_free(model *m)
{
    for (size_t i = 0; i < m->n; i++)
        free(m->v[i].key);
    free(m->v);
    memset(m, 0, sizeof *m);
}

model m_copy(const model *m)
{
    model c = { NULL, 0, 0 };
    for (size_t i = 0; i < m->n; i++)
        m_insert(&c, i, m->v[i].key, m->v[i].klen, m->v[i].vseed, m->v[i].vlen);
    return c;
}

void m_assert_value(bt_tree *t, const void *key, size_t klen, uint32_t vseed, uint32_t vlen)
{
    uint8_t *want = malloc(vlen ? vlen : 1), *got = malloc(vlen ? vlen : 1);
    h_fill(want, vlen, vseed);
    size_t actual = 0;
    assert_jet_ok(bt_get(t, key, klen, 0, got, vlen, &actual));
    assert_int_equal(actual, vlen);
    assert_memory_equal(want, got, vlen);
    free(want);
    free(got);
}

/* Assert the cursor stands on model entry e (value checked when asked). */
static void assert_cursor_on(bt_cursor *c, const ment *e, bool check_values)
{
    uint8_t key[BT_KEY_MAX];
    size_t kl = 0;
    assert_jet_ok(bt_cursor_key(c, key, sizeof key, &kl));
    assert_int_equal(kl, e->klen);
    assert_memory_equal(key, e->key, kl);
    if (!check_values)
        return;
    uint8_t *want = malloc(e->vlen + 1), *got = malloc(e->vlen + 1);
    h_fill(want, e->vlen, e->vseed);
    size_t vl = 0;
    assert_jet_ok(bt_cursor_value(c, 0, got, e->vlen, &vl));
    assert_int_equal(vl, e->vlen);
    assert_memory_equal(want, got, e->vlen);
    free(want);
    free(got);
}

void m_assert_tree(bt_tree *t, const model *m, bool check_values)
{
    bt_cursor *c;
    assert_jet_ok(bt_cursor_open(t, &c));
    for (size_t i = 0; i < m->n; i++) {
        assert_jet_ok(bt_cursor_next(c));
        assert_cursor_on(c, &m->v[i], check_values);
    }
    assert_jet(JET_errNoCurrentRecord, bt_cursor_next(c));
    for (size_t i = m->n; i-- > 0;) {
        assert_jet_ok(bt_cursor_prev(c));
        assert_cursor_on(c, &m->v[i], false);
    }
    assert_jet(JET_errNoCurrentRecord, bt_cursor_prev(c));
    bt_cursor_close(c);
    bt_check_stats st;
    JET_ERR err = bt_check(t, &st);
    if (err < 0)
        fail_msg("bt_check: %s", st.why);
    assert_int_equal(st.records, m->n);
}

/* xorshift: the tests' own random numbers, reproducible by seed. */
static uint32_t rnd(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return (uint32_t)(*s >> 11);
}

/* A random key: mostly short over a small alphabet (many shared prefixes
 * and repeats), sometimes long, rarely the maximum. */
static size_t rand_key(uint64_t *s, uint8_t *key)
{
    uint32_t r = rnd(s) % 100;
    size_t len;
    if (r < 85) {
        len = 1 + rnd(s) % 12;
        for (size_t i = 0; i < len; i++)
            key[i] = (uint8_t)('a' + rnd(s) % 8);
        return len;
    }
    len = r < 97 ? 13 + rnd(s) % 190 : (rnd(s) % 3 ? 1000 + rnd(s) % 1000 : BT_KEY_MAX);
    for (size_t i = 0; i < len; i++)
        key[i] = (uint8_t)rnd(s);
    return len;
}

static uint32_t rand_vlen(uint64_t *s, uint32_t max_vlen)
{
    uint32_t r = rnd(s) % 100, v;
    if (r < 60)
        v = rnd(s) % 65;
    else if (r < 90)
        v = 65 + rnd(s) % 540;
    else if (r < 99)
        v = 600 + rnd(s) % 3400;
    else
        v = rnd(s) % (max_vlen + 1);
    return v < max_vlen ? v : max_vlen;
}

/* Compare a seek's outcome with the model and step a little from there. */
static void check_seek(bt_tree *t, const model *m, uint64_t *s, const uint8_t *key, size_t klen)
{
    bt_seek op = (bt_seek)(BT_SEEK_EQ + (int)(rnd(s) % 5));
    size_t pos;
    bool found = m_find(m, key, klen, &pos);
    long want;   /* model index, -1 = none */
    switch (op) {
    case BT_SEEK_EQ: want = found ? (long)pos : -1; break;
    case BT_SEEK_GE: want = pos < m->n ? (long)pos : -1; break;
    case BT_SEEK_GT: {
        size_t p = found ? pos + 1 : pos;
        want = p < m->n ? (long)p : -1;
        break;
    }
    case BT_SEEK_LE: want = found ? (long)pos : (long)pos - 1; break;
    default: want = (long)pos - 1; break;
    }
    bt_cursor *c;
    assert_jet_ok(bt_cursor_open(t, &c));
    JET_ERR err = bt_cursor_seek(c, op, key, klen);
    if (want < 0) {
        assert_jet(JET_errRecordNotFound, err);
        bt_cursor_close(c);
        return;
    }
    assert_jet_ok(err);
    int dir = rnd(s) % 2 ? 1 : -1;
    for (int step = 0; step < 4; step++) {
        uint8_t got[BT_KEY_MAX];
        size_t gl;
        const ment *e = &m->v[want];
        assert_jet_ok(bt_cursor_key(c, got, sizeof got, &gl));
        assert_int_equal(gl, e->klen);
        assert_memory_equal(got, e->key, gl);
        want += dir;
        err = dir > 0 ? bt_cursor_next(c) : bt_cursor_prev(c);
        if (want < 0 || (size_t)want >= m->n) {
            assert_jet(JET_errNoCurrentRecord, err);
            break;
        }
        assert_jet_ok(err);
    }
    bt_cursor_close(c);
}

void m_workload(bt_tree *t, model *m, unsigned nops, unsigned seed, uint64_t txid,
                unsigned check_every, uint32_t max_vlen)
{
    uint64_t s = 0x9E3779B97F4A7C15ull ^ seed;
    uint8_t key[BT_KEY_MAX];
    uint8_t *val = malloc(max_vlen + 1);
    for (unsigned i = 0; i < nops; i++) {
        uint32_t r = rnd(&s) % 100;
        size_t klen, pos;
        if (m->n && (r < 50 ? r >= 35 : rnd(&s) % 10 != 0)) {
            /* an existing key */
            const ment *e = &m->v[rnd(&s) % m->n];
            klen = e->klen;
            memcpy(key, e->key, klen);
        } else {
            klen = rand_key(&s, key);
        }
        bool found = m_find(m, key, klen, &pos);
        uint32_t vseed = rnd(&s), vlen = rand_vlen(&s, max_vlen);
        if (r < 50) {
            h_fill(val, vlen, vseed);
            JET_ERR err = bt_insert(t, txid, key, klen, val, vlen);
            if (found) {
                assert_jet(JET_errKeyDuplicate, err);
            } else {
                assert_jet_ok(err);
                m_insert(m, pos, key, klen, vseed, vlen);
            }
        } else if (r < 70) {
            h_fill(val, vlen, vseed);
            JET_ERR err = bt_replace(t, txid, key, klen, val, vlen);
            if (!found) {
                assert_jet(JET_errRecordNotFound, err);
            } else {
                assert_jet_ok(err);
                m->v[pos].vseed = vseed;
                m->v[pos].vlen = vlen;
            }
        } else if (r < 88) {
            JET_ERR err = bt_delete(t, txid, key, klen);
            if (!found) {
                assert_jet(JET_errRecordNotFound, err);
            } else {
                assert_jet_ok(err);
                m_delete(m, pos);
            }
        } else if (r < 94) {
            if (found)
                m_assert_value(t, key, klen, m->v[pos].vseed, m->v[pos].vlen);
            else
                assert_jet(JET_errRecordNotFound, bt_get(t, key, klen, 0, val, 1, NULL));
        } else {
            check_seek(t, m, &s, key, klen);
        }
        assert_int_equal(h_latched(), 0);
        if (check_every && (i + 1) % check_every == 0)
            m_assert_tree(t, m, false);
    }
    free(val);
}
