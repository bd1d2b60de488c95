/*
 * test_db_pages.c: runs of adjacent pages written with one I/O —
 * db_write_pages (argument checks, nothing written on a refusal, the pages
 * land where they belong) and the store's write_pages callback under the
 * cache: a torn run write is retried whole at once, a persistent failure
 * fails the flush and leaves the run dirty for the next one, and every
 * row reads back after a clean restart and after a crash.
 */
#include "core_util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache/cache.h"
#include "page/page.h"

static char *g_dir;

static int setup(void **state)
{
    (void)state;
    g_dir = tu_mkdtemp("dbpages");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    JetDbFaultDisarmAll();
    tu_rmtree(g_dir);
    free(g_dir);
    return 0;
}

/* Pages pgno .. pgno + n - 1 formatted (objid tags the content), sealed. */
static uint8_t *make_pages(uint32_t ps, uint32_t pgno, uint32_t n, uint32_t objid)
{
    uint8_t *buf = calloc(n, ps);
    assert_non_null(buf);
    for (uint32_t i = 0; i < n; i++) {
        pg_init(buf + (size_t)i * ps, ps, pgno + i, objid, 0);
        pg_seal(buf + (size_t)i * ps, ps);
    }
    return buf;
}

/* Pages pgno.. on disk are exactly want's. */
static void expect_pages(db *d, uint32_t pgno, uint32_t n, const uint8_t *want)
{
    uint32_t ps = d->page_size;
    uint8_t *page = malloc(ps);
    assert_non_null(page);
    for (uint32_t i = 0; i < n; i++) {
        assert_jet_ok(db_read_page(d, pgno + i, page));
        assert_memory_equal(page, want + (size_t)i * ps, ps);
    }
    free(page);
}

static void test_write_pages(void **state)
{
    (void)state;
    core_env e;
    char dir[600];
    snprintf(dir, sizeof dir, "%s/direct", g_dir);
    core_open(&e, dir, true);
    db *d = e.d;
    uint32_t ps = d->page_size;
    pthread_mutex_lock(&d->mu);
    uint32_t first = d->pgno_file_last + 1;
    pthread_mutex_unlock(&d->mu);
    assert_jet_ok(db_extend(d, 8));

    uint8_t *a = make_pages(ps, first, 5, 101);
    assert_jet_ok(db_write_pages(d, first, 5, a));
    expect_pages(d, first, 5, a);

    /* Refused, nothing written: a page of the run that is not the page
     * its place asks for, no page, page 0, a run past the last number. */
    uint8_t *b = make_pages(ps, first, 5, 202);
    pg_header(b + 3 * (size_t)ps)->pgno = first + 4;
    pg_seal(b + 3 * (size_t)ps, ps);
    assert_jet(JET_errInvalidParameter, db_write_pages(d, first, 5, b));
    assert_jet(JET_errInvalidParameter, db_write_pages(d, first, 0, b));
    assert_jet(JET_errInvalidParameter, db_write_pages(d, 0, 1, b));
    assert_jet(JET_errInvalidParameter, db_write_pages(d, UINT32_MAX, 2, b));
    expect_pages(d, first, 5, a);

    /* A run in the middle of written pages replaces exactly its pages. */
    uint8_t *c = make_pages(ps, first + 1, 3, 303);
    assert_jet_ok(db_write_pages(d, first + 1, 3, c));
    expect_pages(d, first, 1, a);
    expect_pages(d, first + 1, 3, c);
    expect_pages(d, first + 4, 1, a + 4 * (size_t)ps);
    free(a);
    free(b);
    free(c);
    core_close(&e, 0);
}

/* Rows [from, from + n) in one committed transaction. */
static void insert(core_env *e, uint32_t objid, uint64_t from, uint64_t n)
{
    bt_tree *t;
    assert_jet_ok(st_tree_open(e->st, objid, &t));
    txn *x;
    assert_jet_ok(txn_begin(e->log, &x));
    assert_jet_ok(core_insert_rows(t, txn_id(x), from, n));
    assert_jet_ok(txn_commit(x, false, NULL));
}

static void check_rows(core_env *e, uint32_t objid, uint64_t n)
{
    bt_tree *t;
    assert_jet_ok(st_tree_open(e->st, objid, &t));
    for (uint64_t i = 0; i < n + 10; i++)
        assert_int_equal(core_row_state(t, i), i < n ? 1 : 0);
}

static void test_store_runs(void **state)
{
    (void)state;
    core_env e;
    char dir[600];
    snprintf(dir, sizeof dir, "%s/store", g_dir);
    core_open(&e, dir, true);
    txn *x;
    uint32_t objid;
    assert_jet_ok(txn_begin(e.log, &x));
    assert_jet_ok(st_tree_create(e.st, txn_id(x), &objid));
    assert_jet_ok(txn_commit(x, false, NULL));
    insert(&e, objid, 0, 4000);

    /* The first run write is torn (half of it stored, then EIO): the
     * store writes the run again at once and the flush succeeds. */
    cache_stats s0, s1;
    cache_get_stats(&s0);
    assert_jet_ok(JetDbFaultArm(JETDB_faultopWrite, 1, EIO, JETDB_bitFaultShortWrite, "core.edb"));
    assert_jet_ok(cache_flush_file(e.st->cf));
    assert_int_equal(JetDbFaultFired(JETDB_faultopWrite), 1);
    JetDbFaultDisarm(JETDB_faultopWrite);
    cache_get_stats(&s1);
    /* Adjacent dirty pages went out as runs: fewer I/Os than pages. */
    assert_true(s1.writes - s0.writes > s1.write_ios - s0.write_ios);
    check_rows(&e, objid, 4000);

    /* Every write fails: the flush fails and the pages stay dirty; once
     * the disk is back, the next flush writes them. */
    insert(&e, objid, 4000, 3000);
    assert_jet_ok(JetDbFaultArm(JETDB_faultopWrite, 1, EIO,
                                JETDB_bitFaultPersistent | JETDB_bitFaultShortWrite, "core.edb"));
    assert_true(cache_flush_file(e.st->cf) < 0);
    assert_true(JetDbFaultFired(JETDB_faultopWrite) >= 2);   /* the write and its retry */
    JetDbFaultDisarm(JETDB_faultopWrite);
    assert_true(cache_oldest_dirty_lsn(e.st->cf) != 0);
    assert_jet_ok(cache_flush_file(e.st->cf));
    assert_true(cache_oldest_dirty_lsn(e.st->cf) == 0);
    core_close(&e, 0);

    /* A clean restart: every page read back verifies, every row is there. */
    core_open(&e, dir, false);
    check_rows(&e, objid, 7000);
    /* A crash with torn run writes retried: recovery finds whole pages. */
    insert(&e, objid, 7000, 2000);
    assert_jet_ok(JetDbFaultArm(JETDB_faultopWrite, 1, EIO, JETDB_bitFaultShortWrite, "core.edb"));
    assert_jet_ok(cache_flush_file(e.st->cf));
    JetDbFaultDisarm(JETDB_faultopWrite);
    insert(&e, objid, 9000, 500);
    core_close(&e, JET_bitTermDirty);
    core_open(&e, dir, false);
    check_rows(&e, objid, 9500);
    core_close(&e, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_write_pages),
        cmocka_unit_test(test_store_runs),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
