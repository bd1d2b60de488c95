/*
 * test_cache.c: the buffer cache over an in-memory fake database file.
 *
 * The fake file is an array of pages: read_page copies and verifies
 * (pg_verify), write_page checks the seal and the WAL rule (the page's
 * dbtime, which these tests set to the LSN of its change, must already be
 * covered by flush_log) and stores the page.  Violations seen on worker
 * threads are counted, not asserted, and checked by the main thread.
 */
#include "testutil.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cache/cache.h"
#include "os/os.h"
#include "page/page.h"

#define MT_THREADS_FAIL 8

/* Where the tests keep a counter inside a page: just after the header, in
 * space no record uses (nslots stays 0). */
#define CTR_OFF PG_HDR_SIZE

typedef struct fake_file fake_file;
typedef void (*fake_hook)(fake_file *ff, uint32_t pgno);

struct fake_file {
    pthread_mutex_t mu;
    uint32_t cb;
    uint32_t npages;
    uint8_t *pages;        /* npages * cb; all zeros = never written */
    cache_lsn flushed;     /* highest LSN flush_log made durable */
    unsigned reads, writes, syncs, log_flushes;
    unsigned bad_seal, wal_violations;
    JET_ERR write_fail;    /* returned by write_page while non-zero */
    fake_hook on_write;    /* called (without mu) before storing a write */
    unsigned read_delay_ms; /* sleep in read_page, so that readers pile up */
    cache_file *cf;
};

static JET_ERR fake_read(void *ctx, uint32_t pgno, void *buf)
{
    fake_file *ff = ctx;
    pthread_mutex_lock(&ff->mu);
    ff->reads++;
    if (pgno >= ff->npages) {
        pthread_mutex_unlock(&ff->mu);
        return JET_errFileIOBeyondEOF;
    }
    memcpy(buf, ff->pages + (size_t)pgno * ff->cb, ff->cb);
    unsigned delay = ff->read_delay_ms;
    pthread_mutex_unlock(&ff->mu);
    if (delay)
        os_sleep_ms(delay);
    return pg_verify(buf, ff->cb, pgno);
}

static JET_ERR fake_write(void *ctx, uint32_t pgno, const void *buf)
{
    fake_file *ff = ctx;
    if (ff->on_write != NULL)
        ff->on_write(ff, pgno);
    pthread_mutex_lock(&ff->mu);
    if (ff->write_fail < 0) {
        JET_ERR err = ff->write_fail;
        pthread_mutex_unlock(&ff->mu);
        return err;
    }
    ff->writes++;
    if (pg_verify(buf, ff->cb, pgno) != JET_errSuccess)
        ff->bad_seal++;
    if (pg_header_c(buf)->dbtime > ff->flushed)
        ff->wal_violations++;
    if (pgno < ff->npages)
        memcpy(ff->pages + (size_t)pgno * ff->cb, buf, ff->cb);
    pthread_mutex_unlock(&ff->mu);
    return JET_errSuccess;
}

static JET_ERR fake_flush_log(void *ctx, cache_lsn lsn)
{
    fake_file *ff = ctx;
    pthread_mutex_lock(&ff->mu);
    ff->log_flushes++;
    if (lsn > ff->flushed)
        ff->flushed = lsn;
    pthread_mutex_unlock(&ff->mu);
    return JET_errSuccess;
}

static JET_ERR fake_sync(void *ctx)
{
    fake_file *ff = ctx;
    pthread_mutex_lock(&ff->mu);
    ff->syncs++;
    pthread_mutex_unlock(&ff->mu);
    return JET_errSuccess;
}

static const cache_file_ops fake_ops = {
    .read_page = fake_read,
    .write_page = fake_write,
    .flush_log = fake_flush_log,
    .sync = fake_sync,
};

/* Put a formatted, sealed page with counter value ctr into the fake. */
static void fake_format(fake_file *ff, uint32_t pgno, uint64_t ctr)
{
    uint8_t *p = ff->pages + (size_t)pgno * ff->cb;
    pg_init(p, ff->cb, pgno, 1, PG_F_LEAF);
    memcpy(p + CTR_OFF, &ctr, sizeof ctr);
    pg_seal(p, ff->cb);
}

/* A fake of npages formatted pages (formatted = npages) registered with
 * the cache. */
static fake_file *fake_new(uint32_t cb, uint32_t npages, uint32_t formatted)
{
    fake_file *ff = calloc(1, sizeof *ff);
    assert_non_null(ff);
    pthread_mutex_init(&ff->mu, NULL);
    ff->cb = cb;
    ff->npages = npages;
    ff->pages = calloc(npages, cb);
    assert_non_null(ff->pages);
    for (uint32_t i = 0; i < formatted; i++)
        fake_format(ff, i, 0);
    assert_jet_ok(cache_file_open(&fake_ops, ff, cb, &ff->cf));
    return ff;
}

static void fake_free(fake_file *ff)
{
    cache_file_close(ff->cf);
    pthread_mutex_destroy(&ff->mu);
    free(ff->pages);
    free(ff);
}

static uint64_t ctr_get(const void *page)
{
    uint64_t v;
    memcpy(&v, (const uint8_t *)page + CTR_OFF, sizeof v);
    return v;
}

static void ctr_set(void *page, uint64_t v)
{
    memcpy((uint8_t *)page + CTR_OFF, &v, sizeof v);
}

/* Counter stored in the fake file (what reached "disk"). */
static uint64_t fake_ctr(fake_file *ff, uint32_t pgno)
{
    return ctr_get(ff->pages + (size_t)pgno * ff->cb);
}

/* Change an X-latched page as a logged update at lsn would. */
static void change(bf *b, cache_lsn lsn, uint64_t ctr)
{
    ctr_set(bf_page(b), ctr);
    pg_header(bf_page(b))->dbtime = lsn;
    bf_dirty(b, lsn);
}

static cache_stats stats(void)
{
    cache_stats st;
    cache_get_stats(&st);
    return st;
}

/* ---- basic lookups ------------------------------------------------------ */

static void test_hit_miss(void **state)
{
    (void)state;
    cache_set_budget(16, 64);
    fake_file *ff = fake_new(8192, 8, 8);
    cache_stats a = stats();
    bf *b1, *b2;
    assert_jet_ok(cache_get(ff->cf, 3, CACHE_S, 0, &b1));
    assert_int_equal(bf_pgno(b1), 3);
    assert_int_equal(pg_header(bf_page(b1))->pgno, 3);
    /* A second S latch on the same page is granted while the first is held. */
    assert_jet_ok(cache_get(ff->cf, 3, CACHE_S, 0, &b2));
    assert_ptr_equal(b1, b2);
    cache_release(b2);
    cache_release(b1);
    assert_jet_ok(cache_get(ff->cf, 3, CACHE_X, 0, &b1));
    cache_release(b1);
    cache_stats z = stats();
    assert_int_equal(z.misses - a.misses, 1);
    assert_int_equal(z.reads - a.reads, 1);
    assert_int_equal(z.hits - a.hits, 2);
    assert_int_equal(ff->reads, 1);
    assert_int_equal(z.resident, 1);

    /* Bad arguments. */
    assert_jet(JET_errInvalidParameter, cache_get(NULL, 0, CACHE_S, 0, &b1));
    assert_jet(JET_errInvalidParameter, cache_get(ff->cf, 0, (cache_latch)3, 0, &b1));
    cache_file *cf;
    assert_jet(JET_errInvalidParameter, cache_file_open(&fake_ops, ff, 1000, &cf));

    fake_free(ff);
    assert_int_equal(stats().resident, 0);
}

static void test_new_page(void **state)
{
    (void)state;
    cache_set_budget(16, 64);
    fake_file *ff = fake_new(4096, 16, 0);
    cache_stats a = stats();
    bf *b;
    /* CACHE_NEW latches X whatever is asked, and does not read. */
    assert_jet_ok(cache_get(ff->cf, 5, CACHE_S, CACHE_NEW, &b));
    const uint8_t *p = bf_page(b);
    for (uint32_t i = 0; i < 4096; i++)
        assert_int_equal(p[i], 0);
    pg_init(bf_page(b), 4096, 5, 7, PG_F_LEAF);
    change(b, 10, 42);
    cache_release(b);
    assert_int_equal(stats().reads - a.reads, 0);
    assert_int_equal(ff->reads, 0);
    assert_int_equal(stats().dirty - a.dirty, 1);

    /* Recreating a cached page zero-fills the cached frame too. */
    assert_jet_ok(cache_get(ff->cf, 5, CACHE_X, CACHE_NEW, &b));
    assert_int_equal(ctr_get(bf_page(b)), 0);
    pg_init(bf_page(b), 4096, 5, 7, PG_F_LEAF);
    change(b, 11, 43);
    cache_release(b);

    assert_jet_ok(cache_flush_file(ff->cf));
    assert_jet_ok(pg_verify(ff->pages + 5 * 4096, 4096, 5));
    assert_int_equal(fake_ctr(ff, 5), 43);
    assert_int_equal(ff->bad_seal, 0);
    fake_free(ff);
}

/* ---- dirty pages, flush, WAL --------------------------------------------- */

static void test_dirty_flush_wal(void **state)
{
    (void)state;
    cache_set_budget(16, 64);
    fake_file *ff = fake_new(8192, 8, 8);
    cache_stats a = stats();
    for (uint32_t i = 0; i < 3; i++) {
        bf *b;
        assert_jet_ok(cache_get(ff->cf, i, CACHE_X, 0, &b));
        change(b, 10 * (i + 1), 100 + i);
        cache_release(b);
    }
    assert_int_equal(stats().dirty - a.dirty, 3);
    assert_int_equal(ff->writes, 0);
    assert_int_equal(cache_oldest_dirty_lsn(ff->cf), 10);

    assert_jet_ok(cache_flush_file(ff->cf));
    assert_int_equal(ff->writes, 3);
    assert_int_equal(ff->syncs, 1);
    assert_true(ff->flushed >= 30);
    assert_int_equal(ff->wal_violations, 0);
    assert_int_equal(ff->bad_seal, 0);
    for (uint32_t i = 0; i < 3; i++)
        assert_int_equal(fake_ctr(ff, i), 100 + i);
    assert_int_equal(stats().dirty, a.dirty);
    assert_int_equal(cache_oldest_dirty_lsn(ff->cf), 0);
    assert_int_equal(stats().writes - a.writes, 3);

    /* Nothing dirty: nothing written, still synced. */
    assert_jet_ok(cache_flush_file(ff->cf));
    assert_int_equal(ff->writes, 3);
    assert_int_equal(ff->syncs, 2);
    fake_free(ff);
}

/* With a log flush that lags, every write must be preceded by a flush
 * covering the page's last change (not its first). */
static void test_wal_last_lsn(void **state)
{
    (void)state;
    cache_set_budget(16, 64);
    fake_file *ff = fake_new(8192, 4, 4);
    bf *b;
    assert_jet_ok(cache_get(ff->cf, 1, CACHE_X, 0, &b));
    change(b, 5, 1);
    change(b, 900, 2);   /* two changes: WAL bound is the later */
    cache_release(b);
    assert_int_equal(cache_oldest_dirty_lsn(ff->cf), 5);
    assert_jet_ok(cache_flush_file(ff->cf));
    assert_int_equal(ff->flushed, 900);
    assert_int_equal(ff->wal_violations, 0);
    fake_free(ff);
}

/* ---- eviction ------------------------------------------------------------- */

static void test_evict_dirty_small_budget(void **state)
{
    (void)state;
    cache_set_budget(4, 4);
    fake_file *ff = fake_new(8192, 40, 0);
    cache_stats a = stats();
    for (uint32_t i = 0; i < 40; i++) {
        bf *b;
        assert_jet_ok(cache_get(ff->cf, i, CACHE_X, CACHE_NEW, &b));
        pg_init(bf_page(b), 8192, i, 1, PG_F_LEAF);
        change(b, i + 1, 1000 + i);
        cache_release(b);
        assert_true(stats().resident <= 4);
    }
    cache_stats z = stats();
    assert_true(z.writes - a.writes >= 36);
    assert_true(z.evictions - a.evictions >= 36);
    assert_int_equal(ff->wal_violations, 0);
    assert_int_equal(ff->bad_seal, 0);
    /* Every page comes back, from the cache or re-read from the fake. */
    for (uint32_t i = 0; i < 40; i++) {
        bf *b;
        assert_jet_ok(cache_get(ff->cf, i, CACHE_S, 0, &b));
        assert_int_equal(ctr_get(bf_page(b)), 1000 + i);
        cache_release(b);
        assert_true(stats().resident <= 4);
    }
    assert_true(ff->reads >= 36);
    assert_jet_ok(cache_flush_file(ff->cf));
    for (uint32_t i = 0; i < 40; i++)
        assert_int_equal(fake_ctr(ff, i), 1000 + i);
    fake_free(ff);
}

/* More latches held than the budget has frames: cache_get allocates above
 * the budget, and the cache shrinks back once they are released. */
static void test_over_budget_when_all_latched(void **state)
{
    (void)state;
    cache_set_budget(4, 4);
    fake_file *ff = fake_new(8192, 64, 64);
    bf *held[10];
    for (uint32_t i = 0; i < 10; i++)
        assert_jet_ok(cache_get(ff->cf, i, CACHE_X, 0, &held[i]));
    assert_int_equal(stats().resident, 10);
    /* Half of them dirty: those cannot be dropped at release. */
    for (uint32_t i = 0; i < 10; i++) {
        if (i % 2)
            change(held[i], i + 1, i);
        cache_release(held[i]);
    }
    assert_true(stats().resident <= 5 + 4);
    /* Further traffic writes the dirty ones and converges to the budget. */
    for (uint32_t i = 20; i < 40; i++) {
        bf *b;
        assert_jet_ok(cache_get(ff->cf, i, CACHE_S, 0, &b));
        cache_release(b);
    }
    assert_true(stats().resident <= 4);
    assert_int_equal(ff->wal_violations, 0);
    for (uint32_t i = 1; i < 10; i += 2)
        assert_int_equal(fake_ctr(ff, i), i);
    fake_free(ff);
}

/* Load 10x the budget; resident never exceeds the budget (+ slack). */
static void test_budget_10x(void **state)
{
    (void)state;
    const uint32_t budget = 16, n = 160;
    cache_set_budget(budget, budget);
    fake_file *ff = fake_new(4096, n, 0);
    uint64_t peak = 0;
    for (uint32_t i = 0; i < n; i++) {
        bf *b;
        assert_jet_ok(cache_get(ff->cf, i, CACHE_X, CACHE_NEW, &b));
        pg_init(bf_page(b), 4096, i, 1, PG_F_LEAF);
        change(b, i + 1, i * 3);
        cache_release(b);
        cache_stats st = stats();
        if (st.resident > peak)
            peak = st.resident;
        assert_true(st.bytes <= st.budget_bytes);
    }
    unsigned seed = 7;
    for (uint32_t k = 0; k < 4 * n; k++) {
        uint32_t i = (uint32_t)(rand_r(&seed) % n);
        bf *b;
        assert_jet_ok(cache_get(ff->cf, i, (k % 3) ? CACHE_S : CACHE_X, 0, &b));
        assert_int_equal(ctr_get(bf_page(b)), (uint64_t)i * 3);
        cache_release(b);
        cache_stats st = stats();
        if (st.resident > peak)
            peak = st.resident;
    }
    assert_true(peak <= budget + 2);
    assert_int_equal(stats().budget_pages, budget);
    assert_int_equal(ff->wal_violations, 0);
    fake_free(ff);
    assert_int_equal(stats().resident, 0);
}

/* Files of different page sizes: the budget counts pages of the largest. */
static void test_mixed_page_sizes(void **state)
{
    (void)state;
    cache_set_budget(4, 4);
    fake_file *small = fake_new(4096, 40, 40);
    assert_int_equal(stats().budget_bytes, 4 * 4096);
    fake_file *big = fake_new(16384, 10, 10);
    assert_int_equal(stats().budget_bytes, 4 * 16384);
    for (uint32_t i = 0; i < 40; i++) {
        bf *b;
        assert_jet_ok(cache_get(small->cf, i, CACHE_S, 0, &b));
        cache_release(b);
    }
    assert_int_equal(stats().resident, 16);   /* 16 small pages = 4 big ones */
    for (uint32_t i = 0; i < 10; i++) {
        bf *b;
        assert_jet_ok(cache_get(big->cf, i, CACHE_S, 0, &b));
        assert_int_equal(pg_header(bf_page(b))->pgno, i);
        cache_release(b);
        assert_true(stats().bytes <= 4 * 16384);
    }
    fake_free(big);
    /* Only 4 KiB pages left: the budget shrinks to 4 of them. */
    cache_stats st = stats();
    assert_int_equal(st.budget_bytes, 4 * 4096);
    assert_true(st.bytes <= st.budget_bytes);
    fake_free(small);
}

/* ---- errors --------------------------------------------------------------- */

static void test_read_error_and_retry(void **state)
{
    (void)state;
    cache_set_budget(16, 64);
    fake_file *ff = fake_new(8192, 8, 6);
    cache_stats a = stats();
    ff->pages[(size_t)4 * 8192 + 100] ^= 0x5a;   /* torn page */
    bf *b = (bf *)&b;
    assert_jet(JET_errReadVerifyFailure, cache_get(ff->cf, 4, CACHE_S, 0, &b));
    assert_null(b);
    assert_int_equal(stats().resident, a.resident);
    /* The failed read left nothing behind: the next get reads again. */
    assert_jet(JET_errReadVerifyFailure, cache_get(ff->cf, 4, CACHE_X, 0, &b));
    assert_int_equal(ff->reads, 2);
    fake_format(ff, 4, 77);
    assert_jet_ok(cache_get(ff->cf, 4, CACHE_S, 0, &b));
    assert_int_equal(ctr_get(bf_page(b)), 77);
    cache_release(b);
    assert_int_equal(ff->reads, 3);

    /* Never-written page and a page stored at the wrong place. */
    assert_jet(JET_errPageNotInitialized, cache_get(ff->cf, 7, CACHE_S, 0, &b));
    memcpy(ff->pages + (size_t)6 * 8192, ff->pages + (size_t)1 * 8192, 8192);
    assert_jet(JET_errReadPgnoVerifyFailure, cache_get(ff->cf, 6, CACHE_S, 0, &b));
    assert_int_equal(stats().resident, a.resident + 1);
    fake_free(ff);
}

static void test_write_error_keeps_dirty(void **state)
{
    (void)state;
    cache_set_budget(16, 64);
    fake_file *ff = fake_new(8192, 8, 8);
    cache_stats a = stats();
    bf *b;
    assert_jet_ok(cache_get(ff->cf, 2, CACHE_X, 0, &b));
    change(b, 5, 55);
    cache_release(b);
    ff->write_fail = JET_errDiskFull;
    assert_jet(JET_errDiskFull, cache_flush_file(ff->cf));
    assert_jet(JET_errDiskFull, cache_flush_below(ff->cf, 100));
    assert_int_equal(stats().dirty - a.dirty, 1);
    assert_int_equal(cache_oldest_dirty_lsn(ff->cf), 5);
    assert_int_equal(fake_ctr(ff, 2), 0);
    ff->write_fail = 0;
    assert_jet_ok(cache_flush_file(ff->cf));
    assert_int_equal(stats().dirty, a.dirty);
    assert_int_equal(cache_oldest_dirty_lsn(ff->cf), 0);
    assert_int_equal(fake_ctr(ff, 2), 55);
    fake_free(ff);
}

/* An eviction whose write fails reports the error to cache_get and keeps
 * the page dirty; once writes work again, eviction proceeds. */
static void test_evict_write_error(void **state)
{
    (void)state;
    cache_set_budget(2, 2);
    fake_file *ff = fake_new(8192, 8, 8);
    for (uint32_t i = 0; i < 2; i++) {
        bf *b;
        assert_jet_ok(cache_get(ff->cf, i, CACHE_X, 0, &b));
        change(b, i + 1, 10 + i);
        cache_release(b);
    }
    cache_stats a = stats();
    ff->write_fail = JET_errDiskFull;
    bf *b;
    assert_jet(JET_errDiskFull, cache_get(ff->cf, 5, CACHE_S, 0, &b));
    assert_int_equal(stats().dirty, a.dirty);
    assert_int_equal(cache_oldest_dirty_lsn(ff->cf), 1);
    assert_int_equal(stats().resident, 2);
    ff->write_fail = 0;
    assert_jet_ok(cache_get(ff->cf, 5, CACHE_S, 0, &b));
    cache_release(b);
    assert_true(stats().dirty < a.dirty);
    assert_jet_ok(cache_flush_file(ff->cf));
    assert_int_equal(fake_ctr(ff, 0), 10);
    assert_int_equal(fake_ctr(ff, 1), 11);
    assert_int_equal(ff->wal_violations, 0);
    fake_free(ff);
}

/* Threads waiting for a read that fails do not keep the failed frame:
 * each gets the error (after its own retry), and nothing stays cached. */
typedef struct fail_ctx {
    fake_file *ff;
    atomic_uint got_error, other;
} fail_ctx;

static void *fail_worker(void *p)
{
    fail_ctx *c = p;
    bf *b;
    JET_ERR err = cache_get(c->ff->cf, 2, CACHE_S, 0, &b);
    if (err == JET_errReadVerifyFailure && b == NULL)
        atomic_fetch_add(&c->got_error, 1);
    else
        atomic_fetch_add(&c->other, 1);
    return NULL;
}

static void test_concurrent_read_error(void **state)
{
    (void)state;
    cache_set_budget(16, 64);
    fail_ctx c = { .ff = fake_new(8192, 4, 4) };
    cache_stats a = stats();
    c.ff->pages[(size_t)2 * 8192 + 300] ^= 1;
    c.ff->read_delay_ms = 20;
    pthread_t th[MT_THREADS_FAIL];
    for (int i = 0; i < MT_THREADS_FAIL; i++)
        assert_int_equal(pthread_create(&th[i], NULL, fail_worker, &c), 0);
    for (int i = 0; i < MT_THREADS_FAIL; i++)
        pthread_join(th[i], NULL);
    assert_int_equal(atomic_load(&c.got_error), MT_THREADS_FAIL);
    assert_int_equal(atomic_load(&c.other), 0);
    assert_int_equal(stats().resident, a.resident);
    /* Repaired: one read, and the page is cached again. */
    c.ff->read_delay_ms = 0;
    fake_format(c.ff, 2, 5);
    bf *b;
    assert_jet_ok(cache_get(c.ff->cf, 2, CACHE_S, 0, &b));
    assert_int_equal(ctr_get(bf_page(b)), 5);
    cache_release(b);
    assert_int_equal(stats().resident, a.resident + 1);
    fake_free(c.ff);
}

/* ---- closing while another file's miss writes one of our pages ----------- */

static atomic_int close_phase;   /* 1: write started, 2: write finished */

static void slow_write_hook(fake_file *ff, uint32_t pgno)
{
    (void)ff;
    (void)pgno;
    atomic_store(&close_phase, 1);
    os_sleep_ms(100);
    atomic_store(&close_phase, 2);
}

static void *evicting_get(void *p)
{
    fake_file *other = p;
    bf *b;
    if (cache_get(other->cf, 0, CACHE_S, 0, &b) == JET_errSuccess)
        cache_release(b);
    return NULL;
}

static void test_close_waits_for_eviction_write(void **state)
{
    (void)state;
    cache_set_budget(1, 1);
    fake_file *victim = fake_new(8192, 4, 4);
    fake_file *other = fake_new(8192, 4, 4);
    bf *b;
    assert_jet_ok(cache_get(victim->cf, 1, CACHE_X, 0, &b));
    change(b, 7, 70);
    cache_release(b);
    atomic_store(&close_phase, 0);
    victim->on_write = slow_write_hook;
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, evicting_get, other), 0);
    while (atomic_load(&close_phase) == 0)
        os_sleep_ms(1);
    /* The eviction write is in flight: close must wait for it. */
    cache_file_close(victim->cf);
    assert_int_equal(atomic_load(&close_phase), 2);
    victim->cf = NULL;
    pthread_join(th, NULL);
    assert_int_equal(fake_ctr(victim, 1), 70);
    assert_int_equal(victim->wal_violations, 0);
    fake_free(victim);
    fake_free(other);
    assert_int_equal(stats().resident, 0);
}

/* ---- checkpoint support --------------------------------------------------- */

static void test_oldest_dirty_and_flush_below(void **state)
{
    (void)state;
    cache_set_budget(16, 64);
    fake_file *ff = fake_new(8192, 8, 8);
    bf *b;
    assert_int_equal(cache_oldest_dirty_lsn(ff->cf), 0);
    assert_jet_ok(cache_get(ff->cf, 1, CACHE_X, 0, &b));
    change(b, 100, 1);
    cache_release(b);
    assert_jet_ok(cache_get(ff->cf, 2, CACHE_X, 0, &b));
    change(b, 200, 2);
    cache_release(b);
    assert_jet_ok(cache_get(ff->cf, 3, CACHE_X, 0, &b));
    change(b, 300, 3);
    cache_release(b);
    /* Page 1 changed again: its first-dirtied LSN stays 100. */
    assert_jet_ok(cache_get(ff->cf, 1, CACHE_X, 0, &b));
    change(b, 400, 4);
    cache_release(b);
    assert_int_equal(cache_oldest_dirty_lsn(ff->cf), 100);

    assert_jet_ok(cache_flush_below(ff->cf, 250));
    assert_int_equal(ff->writes, 2);
    assert_int_equal(ff->syncs, 1);
    assert_int_equal(ff->flushed, 400);   /* page 1's last change */
    assert_int_equal(fake_ctr(ff, 1), 4);
    assert_int_equal(fake_ctr(ff, 2), 2);
    assert_int_equal(fake_ctr(ff, 3), 0);
    assert_int_equal(cache_oldest_dirty_lsn(ff->cf), 300);

    assert_jet_ok(cache_flush_below(ff->cf, 300));   /* strictly below */
    assert_int_equal(ff->writes, 2);
    assert_jet_ok(cache_flush_below(ff->cf, 301));
    assert_int_equal(ff->writes, 3);
    assert_int_equal(cache_oldest_dirty_lsn(ff->cf), 0);
    assert_int_equal(ff->wal_violations, 0);
    fake_free(ff);
}

/* write_page hook: change the page being written, as another session
 * would while the cache writes a copy of it. */
static void redirty_hook(fake_file *ff, uint32_t pgno)
{
    ff->on_write = NULL;
    bf *b;
    if (cache_get(ff->cf, pgno, CACHE_X, 0, &b) == JET_errSuccess) {
        change(b, 500, 99);
        cache_release(b);
    }
}

/* A change during the write of a page's copy keeps the page dirty, now
 * since that change's LSN. */
static void test_redirty_during_write(void **state)
{
    (void)state;
    cache_set_budget(16, 64);
    fake_file *ff = fake_new(8192, 8, 8);
    bf *b;
    assert_jet_ok(cache_get(ff->cf, 3, CACHE_X, 0, &b));
    change(b, 50, 1);
    cache_release(b);
    ff->on_write = redirty_hook;
    assert_jet_ok(cache_flush_file(ff->cf));
    assert_int_equal(fake_ctr(ff, 3), 1);          /* the copy, before the change */
    assert_int_equal(cache_oldest_dirty_lsn(ff->cf), 500);
    assert_jet_ok(cache_flush_file(ff->cf));
    assert_int_equal(fake_ctr(ff, 3), 99);
    assert_int_equal(cache_oldest_dirty_lsn(ff->cf), 0);
    assert_int_equal(ff->wal_violations, 0);
    fake_free(ff);
}

/* Closing a file drops its dirty pages (documented: flush first). */
static void test_close_drops_dirty(void **state)
{
    (void)state;
    cache_set_budget(16, 64);
    cache_stats a = stats();
    fake_file *ff = fake_new(8192, 8, 8);
    bf *b;
    assert_jet_ok(cache_get(ff->cf, 3, CACHE_X, 0, &b));
    change(b, 50, 1);
    cache_release(b);
    assert_int_equal(stats().dirty, a.dirty + 1);
    fake_free(ff);
    assert_int_equal(stats().dirty, a.dirty);
    assert_int_equal(stats().resident, a.resident);
}

/* ---- many threads ----------------------------------------------------------- */

#define MT_THREADS 8
#define MT_PAGES 24
#define MT_ITERS 4000

typedef struct mt_ctx {
    fake_file *ff;
    atomic_uint_fast64_t lsn;
    atomic_uint errors;      /* unexpected return codes */
    atomic_uint torn;        /* an S holder saw the page change */
    atomic_bool stop;
    uint64_t tally[MT_THREADS][MT_PAGES];
} mt_ctx;

typedef struct mt_arg {
    mt_ctx *ctx;
    int id;
} mt_arg;

/* Increment the counter of an X-latched page, logged at a fresh LSN. */
static void mt_bump(mt_ctx *c, bf *b)
{
    cache_lsn lsn = atomic_fetch_add(&c->lsn, 1) + 1;
    change(b, lsn, ctr_get(bf_page(b)) + 1);
}

static void *mt_worker(void *p)
{
    mt_arg *arg = p;
    mt_ctx *c = arg->ctx;
    unsigned seed = (unsigned)arg->id * 7919u + 1;
    for (int it = 0; it < MT_ITERS; it++) {
        uint32_t pg = (uint32_t)(rand_r(&seed) % MT_PAGES);
        unsigned kind = (unsigned)rand_r(&seed) % 8;
        bf *b, *b2;
        if (kind < 3) {
            /* Reader: the page must not change under an S latch. */
            if (cache_get(c->ff->cf, pg, CACHE_S, 0, &b) != JET_errSuccess) {
                atomic_fetch_add(&c->errors, 1);
                continue;
            }
            uint64_t v1 = ctr_get(bf_page(b));
            if (pg_header(bf_page(b))->pgno != pg)
                atomic_fetch_add(&c->torn, 1);
            uint64_t v2 = ctr_get(bf_page(b));
            if (v1 != v2)
                atomic_fetch_add(&c->torn, 1);
            cache_release(b);
        } else if (kind < 6) {
            if (cache_get(c->ff->cf, pg, CACHE_X, 0, &b) != JET_errSuccess) {
                atomic_fetch_add(&c->errors, 1);
                continue;
            }
            mt_bump(c, b);
            c->tally[arg->id][pg]++;
            cache_release(b);
        } else {
            /* Two latches at once, in page order (as a B-tree would). */
            uint32_t pg2 = (uint32_t)(rand_r(&seed) % MT_PAGES);
            if (pg2 == pg)
                continue;
            uint32_t lo = pg < pg2 ? pg : pg2, hi = pg < pg2 ? pg2 : pg;
            if (cache_get(c->ff->cf, lo, kind == 6 ? CACHE_S : CACHE_X, 0, &b) != JET_errSuccess) {
                atomic_fetch_add(&c->errors, 1);
                continue;
            }
            if (cache_get(c->ff->cf, hi, CACHE_X, 0, &b2) != JET_errSuccess) {
                atomic_fetch_add(&c->errors, 1);
                cache_release(b);
                continue;
            }
            mt_bump(c, b2);
            c->tally[arg->id][hi]++;
            if (kind == 7) {
                mt_bump(c, b);
                c->tally[arg->id][lo]++;
            }
            cache_release(b2);
            cache_release(b);
        }
    }
    return NULL;
}

/* Checkpoint thread: keep advancing the checkpoint while workers run. */
static void *mt_checkpointer(void *p)
{
    mt_ctx *c = p;
    while (!atomic_load(&c->stop)) {
        cache_lsn oldest = cache_oldest_dirty_lsn(c->ff->cf);
        JET_ERR err = oldest ? cache_flush_below(c->ff->cf, oldest + 50)
                             : JET_errSuccess;
        if (err < 0)
            atomic_fetch_add(&c->errors, 1);
        cache_stats st;
        cache_get_stats(&st);
    }
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    /* Fewer frames than pages and than latches that may be held at once:
     * reads, dirty evictions and above-budget growth all happen. */
    cache_set_budget(8, 8);
    mt_ctx *c = calloc(1, sizeof *c);
    assert_non_null(c);
    c->ff = fake_new(4096, MT_PAGES, MT_PAGES);
    cache_stats a = stats();
    pthread_t th[MT_THREADS], ck;
    mt_arg args[MT_THREADS];
    assert_int_equal(pthread_create(&ck, NULL, mt_checkpointer, c), 0);
    for (int i = 0; i < MT_THREADS; i++) {
        args[i].ctx = c;
        args[i].id = i;
        assert_int_equal(pthread_create(&th[i], NULL, mt_worker, &args[i]), 0);
    }
    for (int i = 0; i < MT_THREADS; i++)
        pthread_join(th[i], NULL);
    atomic_store(&c->stop, true);
    pthread_join(ck, NULL);

    cache_stats z = stats();
    print_message("threads: %llu hits, %llu misses, %llu writes, %llu evictions\n",
                  (unsigned long long)(z.hits - a.hits), (unsigned long long)(z.misses - a.misses),
                  (unsigned long long)(z.writes - a.writes),
                  (unsigned long long)(z.evictions - a.evictions));
    /* The budget really was too small: pages went out and came back. */
    assert_true(z.evictions - a.evictions > 0);
    assert_true(z.reads - a.reads > 0);
    assert_int_equal(atomic_load(&c->errors), 0);
    assert_int_equal(atomic_load(&c->torn), 0);
    uint64_t want[MT_PAGES] = { 0 };
    for (int t = 0; t < MT_THREADS; t++)
        for (int p = 0; p < MT_PAGES; p++)
            want[p] += c->tally[t][p];
    for (uint32_t p = 0; p < MT_PAGES; p++) {
        bf *b;
        assert_jet_ok(cache_get(c->ff->cf, p, CACHE_S, 0, &b));
        assert_int_equal(ctr_get(bf_page(b)), want[p]);
        cache_release(b);
    }
    assert_jet_ok(cache_flush_file(c->ff->cf));
    for (uint32_t p = 0; p < MT_PAGES; p++)
        assert_int_equal(fake_ctr(c->ff, p), want[p]);
    assert_int_equal(c->ff->wal_violations, 0);
    assert_int_equal(c->ff->bad_seal, 0);
    assert_int_equal(cache_oldest_dirty_lsn(c->ff->cf), 0);
    assert_true(stats().resident <= 8);
    fake_free(c->ff);
    free(c);
}

/* Many threads missing on the same pages at once: each page is read once
 * per residency, never twice concurrently. */
typedef struct same_ctx {
    fake_file *ff;
    atomic_uint errors;
} same_ctx;

static void *same_worker(void *p)
{
    same_ctx *c = p;
    for (uint32_t pg = 0; pg < 64; pg++) {
        bf *b;
        if (cache_get(c->ff->cf, pg, CACHE_S, 0, &b) != JET_errSuccess) {
            atomic_fetch_add(&c->errors, 1);
            continue;
        }
        if (pg_header(bf_page(b))->pgno != pg)
            atomic_fetch_add(&c->errors, 1);
        cache_release(b);
    }
    return NULL;
}

static void test_concurrent_miss_reads_once(void **state)
{
    (void)state;
    cache_set_budget(128, 128);
    same_ctx c = { .ff = fake_new(4096, 64, 64) };
    pthread_t th[MT_THREADS];
    for (int i = 0; i < MT_THREADS; i++)
        assert_int_equal(pthread_create(&th[i], NULL, same_worker, &c), 0);
    for (int i = 0; i < MT_THREADS; i++)
        pthread_join(th[i], NULL);
    assert_int_equal(atomic_load(&c.errors), 0);
    assert_int_equal(c.ff->reads, 64);   /* budget holds them all: one read each */
    fake_free(c.ff);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hit_miss),
        cmocka_unit_test(test_new_page),
        cmocka_unit_test(test_dirty_flush_wal),
        cmocka_unit_test(test_wal_last_lsn),
        cmocka_unit_test(test_evict_dirty_small_budget),
        cmocka_unit_test(test_over_budget_when_all_latched),
        cmocka_unit_test(test_budget_10x),
        cmocka_unit_test(test_mixed_page_sizes),
        cmocka_unit_test(test_read_error_and_retry),
        cmocka_unit_test(test_write_error_keeps_dirty),
        cmocka_unit_test(test_evict_write_error),
        cmocka_unit_test(test_concurrent_read_error),
        cmocka_unit_test(test_close_waits_for_eviction_write),
        cmocka_unit_test(test_oldest_dirty_and_flush_below),
        cmocka_unit_test(test_redirty_during_write),
        cmocka_unit_test(test_close_drops_dirty),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_concurrent_miss_reads_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
