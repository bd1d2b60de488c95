/*
 * test_btree_log.c: the B-tree's log records — redo of a whole run onto
 * empty pages gives the live pages byte for byte, replay is idempotent, a
 * missing record or a page from the wrong time is detected; logical undo
 * of a transaction restores the tree; operation framing (FIRST/LAST, one
 * opid); a failing operation leaves nothing behind.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bt_harness.h"
#include "bt_model.h"
#include "page/page.h"

static bt_tree *new_tree(h_env **hp, uint32_t ps, uint32_t objid)
{
    h_env *h = h_new(ps);
    uint32_t root;
    assert_jet_ok(bt_create(&h->env, objid, 0, &root));
    bt_tree *t;
    assert_jet_ok(bt_open(&h->env, root, objid, &t));
    *hp = h;
    return t;
}

static void check_ok(bt_tree *t)
{
    bt_check_stats st;
    JET_ERR err = bt_check(t, &st);
    if (err < 0)
        fail_msg("bt_check: %s", st.why);
}

/* Replay records [0, n) (skipping `skip`, -1 = none) onto img; returns
 * the first error and counts applied records. */
static JET_ERR replay(h_env *h, uint8_t *img, uint32_t npages, long skip, size_t *applied,
                      size_t *failed_at)
{
    uint32_t ps = h->env.page_size;
    *applied = 0;
    for (size_t i = 0; i < h->nrecs; i++) {
        if ((long)i == skip)
            continue;
        bt_logrec lr;
        assert_jet_ok(bt_logrec_decode(h->recs[i], h->lens[i], ps, &lr));
        assert_true(lr.pgno < npages);
        bool ap;
        JET_ERR err = bt_redo_page(img + (size_t)lr.pgno * ps, ps, lr.pgno, h->recs[i],
                                   h->lens[i], &ap);
        if (err < 0) {
            *failed_at = i;
            return err;
        }
        *applied += ap;
    }
    return JET_errSuccess;
}

/* Pages equal but for the checksum word (sealed by the cache on write). */
static void assert_same_pages(const uint8_t *a, const uint8_t *b, uint32_t npages, uint32_t ps)
{
    for (uint32_t p = 1; p < npages; p++) {
        const uint8_t *x = a + (size_t)p * ps, *y = b + (size_t)p * ps;
        if (memcmp(x + 4, y + 4, ps - 4) != 0)
            fail_msg("page %u differs after redo", p);
    }
}

/* Every operation: FIRST on its first record, LAST on its last, one opid,
 * records contiguous (single-threaded run). */
static void check_framing(h_env *h)
{
    bool open = false;
    uint64_t opid = 0;
    for (size_t i = 0; i < h->nrecs; i++) {
        bt_logrec lr;
        assert_jet_ok(bt_logrec_decode(h->recs[i], h->lens[i], h->env.page_size, &lr));
        assert_int_equal(lr.type, BT_LOGREC_PAGE);
        assert_int_equal(lr.dbid, h->env.dbid);
        if (lr.flags & BT_LOGF_FIRST) {
            assert_false(open);
            open = true;
            opid = lr.opid;
            assert_int_equal(lr.opid, lr.dbtime_after);
        } else {
            assert_true(open);
            assert_int_equal(lr.undo_len, 0);   /* undo rides on the first record */
        }
        assert_int_equal(lr.opid, opid);
        if (lr.flags & BT_LOGF_NEWPAGE)
            assert_int_equal(lr.dbtime_before, 0);
        if (lr.flags & BT_LOGF_LAST)
            open = false;
    }
    assert_false(open);
}

static void test_redo(void **state)
{
    (void)state;
    static const uint32_t sizes[] = { 4096, 32768 };
    for (unsigned s = 0; s < 2; s++) {
        uint32_t ps = sizes[s];
        h_env *h;
        bt_tree *t = new_tree(&h, ps, 7);
        model m = { NULL, 0, 0 };
        m_workload(t, &m, 20000, 3 + s, 0, 0, 3 * ps);
        /* empty it partly so merges and frees are in the log too */
        for (size_t i = 0; i < m.n; i += 2) {
            assert_jet_ok(bt_delete(t, 0, m.v[i].key, m.v[i].klen));
            m_delete(&m, i);
        }
        m_assert_tree(t, &m, true);
        check_framing(h);
        uint32_t npages;
        uint8_t *live = h_image(h, &npages);
        uint8_t *img = calloc(npages, ps);
        size_t applied, at = 0;
        assert_jet_ok(replay(h, img, npages, -1, &applied, &at));
        assert_int_equal(applied, h->nrecs);
        assert_same_pages(live, img, npages, ps);
        /* idempotent: a second replay changes nothing */
        assert_jet_ok(replay(h, img, npages, -1, &applied, &at));
        assert_int_equal(applied, 0);
        assert_same_pages(live, img, npages, ps);
        /* a record lost in the middle: the next change to that page sees
         * a page that is too old */
        long skip = -1;
        size_t next_same = 0;
        for (size_t i = h->nrecs / 2; i < h->nrecs && skip < 0; i++) {
            bt_logrec a;
            bt_logrec_decode(h->recs[i], h->lens[i], ps, &a);
            for (size_t j = i + 1; j < h->nrecs; j++) {
                bt_logrec b;
                bt_logrec_decode(h->recs[j], h->lens[j], ps, &b);
                if (b.pgno == a.pgno) {
                    if (!(b.flags & BT_LOGF_NEWPAGE)) {
                        skip = (long)i;
                        next_same = j;
                    }
                    break;
                }
            }
        }
        assert_true(skip >= 0);
        memset(img, 0, (size_t)npages * ps);
        assert_jet(JET_errDbTimeTooOld, replay(h, img, npages, skip, &applied, &at));
        assert_int_equal(at, next_same);
        /* a page from between two of its records: too new */
        bt_logrec b;
        bt_logrec_decode(h->recs[next_same], h->lens[next_same], ps, &b);
        uint8_t *page = img + (size_t)b.pgno * ps;
        bool ap;
        if (b.dbtime_after > b.dbtime_before + 1) {
            pg_header(page)->dbtime = b.dbtime_before + 1;
            assert_jet(JET_errDbTimeTooNew, bt_redo_page(page, ps, b.pgno, h->recs[next_same],
                                                         h->lens[next_same], &ap));
        }
        /* a damaged record is refused */
        uint8_t *bad = malloc(h->lens[next_same]);
        memcpy(bad, h->recs[next_same], h->lens[next_same]);
        bad[0] ^= 1;
        assert_jet(JET_errLogCorrupted, bt_redo_page(page, ps, b.pgno, bad, h->lens[next_same],
                                                     &ap));
        free(bad);
        free(live);
        free(img);
        m_free(&m);
        bt_close(t);
        h_free(h);
    }
}

/* Lookup of the tree by objid, for undo. */
static JET_ERR lookup(void *ctx, uint32_t objid, bt_tree **out)
{
    bt_tree *t = ctx;
    if (objid != bt_objid(t))
        return JET_errObjectNotFound;
    *out = t;
    return JET_errSuccess;
}

static void test_undo(void **state)
{
    (void)state;
    h_env *h;
    bt_tree *t = new_tree(&h, 4096, 9);
    model m = { NULL, 0, 0 };
    m_workload(t, &m, 8000, 5, 0, 0, 20000);
    model before = m_copy(&m);
    size_t start = h->nrecs;
    const uint64_t tx = 77;
    m_workload(t, &m, 6000, 6, tx, 0, 20000);
    /* include long values in the rolled-back work */
    uint8_t *val = malloc(300000);
    h_fill(val, 300000, 1);
    if (m.n) {
        assert_jet_ok(bt_replace(t, tx, m.v[0].key, m.v[0].klen, val, 300000));
        assert_jet_ok(bt_delete(t, tx, m.v[m.n - 1].key, m.v[m.n - 1].klen));
    }
    assert_jet_ok(bt_insert(t, tx, "zz-long", 7, val, 300000));
    free(val);
    check_ok(t);
    size_t end = h->nrecs, nundo = 0;
    for (size_t i = end; i-- > start;) {
        bt_logrec lr;
        assert_jet_ok(bt_logrec_decode(h->recs[i], h->lens[i], 4096, &lr));
        if (lr.txid != tx || (lr.flags & BT_LOGF_CLR) || lr.undo_len == 0)
            continue;
        assert_true(lr.flags & BT_LOGF_FIRST);
        assert_jet_ok(bt_undo_apply(lookup, t, lr.undo, lr.undo_len, tx));
        nundo++;
    }
    assert_true(nundo > 1000);
    m_assert_tree(t, &before, true);
    /* compensations are flagged CLR and carry no undo */
    for (size_t i = end; i < h->nrecs; i++) {
        bt_logrec lr;
        assert_jet_ok(bt_logrec_decode(h->recs[i], h->lens[i], 4096, &lr));
        if (lr.txid == tx && !(lr.flags & BT_LOGF_NEWPAGE) && (lr.flags & BT_LOGF_FIRST) &&
            lr.undo_len)
            fail_msg("record %zu after rollback carries undo", i);
    }
    /* and the whole log, compensations included, still redoes exactly */
    check_framing(h);
    uint32_t npages;
    uint8_t *live = h_image(h, &npages);
    uint8_t *img = calloc(npages, 4096);
    size_t applied, at;
    assert_jet_ok(replay(h, img, npages, -1, &applied, &at));
    assert_same_pages(live, img, npages, 4096);
    free(live);
    free(img);
    /* a malformed payload is refused */
    uint8_t junk[12] = { 9 };
    assert_jet(JET_errLogCorrupted, bt_undo_apply(lookup, t, junk, sizeof junk, tx));
    m_free(&m);
    m_free(&before);
    bt_close(t);
    h_free(h);
}

/* An operation that fails half-way (no page for a split) changes nothing,
 * logs nothing complete, holds no latch and leaks no page. */
static void test_failed_op(void **state)
{
    (void)state;
    h_env *h;
    bt_tree *t = new_tree(&h, 4096, 3);
    model m = { NULL, 0, 0 };
    uint8_t key[1500];
    memset(key, 'q', sizeof key);
    unsigned failures = 0;
    for (uint32_t i = 0; i < 400; i++) {
        snprintf((char *)key + 1490, 10, "%09u", (i * 7919u) % 100000u);
        size_t pos;
        if (m_find(&m, key, sizeof key, &pos))
            continue;
        uint64_t used = h->allocs - h->frees;
        size_t nrecs = h->nrecs;
        h->fail_alloc_in = 1 + (long)(i % 3);
        JET_ERR err = bt_insert(t, 0, key, sizeof key, "v", 1);
        h->fail_alloc_in = 0;
        assert_int_equal(h_latched(), 0);
        if (err < 0) {
            assert_jet(JET_errOutOfDatabaseSpace, err);
            failures++;
            assert_int_equal(h->allocs - h->frees, used);
            /* nothing complete reached the log */
            for (size_t r = nrecs; r < h->nrecs; r++) {
                bt_logrec lr;
                assert_jet_ok(bt_logrec_decode(h->recs[r], h->lens[r], 4096, &lr));
                assert_false(lr.flags & BT_LOGF_LAST);
            }
            assert_jet_ok(bt_insert(t, 0, key, sizeof key, "v", 1));
        }
        m_insert(&m, pos, key, sizeof key, 0, 0);
        if (i % 50 == 0)
            check_ok(t);
    }
    assert_true(failures > 10);
    check_ok(t);
    assert_int_equal(m.n, 400);
    m_free(&m);
    bt_close(t);
    h_free(h);
}

/* Encoder and decoder agree; hostile lengths are refused. */
static void test_record_codec(void **state)
{
    (void)state;
    bt_env env = { .page_size = 4096, .dbid = 3 };
    uint8_t *a = calloc(1, 4096), *b = calloc(1, 4096);
    pg_init(a, 4096, 5, 11, PG_F_LEAF);
    memcpy(b, a, 4096);
    pg_header(b)->dbtime = 100;
    pg_insert(b, 4096, 0, "hello", 5);
    uint8_t *rec;
    size_t len;
    assert_jet_ok(bt_logrec_encode(&env, 12, BT_LOGF_FIRST | BT_LOGF_LAST, 5, 11, 100, 0, 100,
                                   a, b, "undo", 4, &rec, &len));
    bt_logrec lr;
    assert_jet_ok(bt_logrec_decode(rec, len, 4096, &lr));
    assert_int_equal(lr.txid, 12);
    assert_int_equal(lr.dbid, 3);
    assert_int_equal(lr.pgno, 5);
    assert_int_equal(lr.objid, 11);
    assert_int_equal(lr.undo_len, 4);
    assert_memory_equal(lr.undo, "undo", 4);
    assert_true(lr.nranges >= 2);   /* header fields, then the record at the end */
    /* apply onto a: becomes b */
    bool ap;
    assert_jet_ok(bt_redo_page(a, 4096, 5, rec, len, &ap));
    assert_true(ap);
    assert_memory_equal(a, b, 4096);
    assert_jet(JET_errInvalidParameter, bt_redo_page(a, 4096, 6, rec, len, &ap));
    /* truncations at every length are refused, never read past the end */
    for (size_t l = 0; l < len; l++) {
        uint8_t *cut = malloc(l + 1);
        memcpy(cut, rec, l);
        if (l >= 4) {
            cut[0] = (uint8_t)l;
            cut[1] = (uint8_t)(l >> 8);
            cut[2] = cut[3] = 0;
        }
        assert_jet(JET_errLogCorrupted, bt_logrec_decode(cut, l, 4096, &lr));
        free(cut);
    }
    free(rec);
    free(a);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_record_codec),
        cmocka_unit_test(test_redo),
        cmocka_unit_test(test_undo),
        cmocka_unit_test(test_failed_op),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
