/*
 * test_cache_batch.c: write-back in runs of adjacent pages (a file with a
 * write_pages callback, cache_file_set_write_pages), and the two calls
 * recovery uses for pages past the end of the file (CACHE_NOREAD,
 * cache_discard).
 *
 * The fake file keeps its pages in memory or, for the fault tests, in a
 * real file written with os_pwrite — one write per run, so the I/O fault
 * hook (JetDbFaultArm) can fail or tear a whole run.  Every write is
 * checked for its seal and for the WAL rule: each page's dbtime (set by
 * these tests to the LSN of its change) must already be covered by
 * flush_log when the write starts.
 */
#include "testutil.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cache/cache.h"
#include "jetdb.h"
#include "os/os.h"
#include "page/page.h"

#define CTR_OFF PG_HDR_SIZE
#define MAX_CALLS 256

typedef struct fake {
    pthread_mutex_t mu;
    uint32_t cb, npages;
    uint8_t *pages;            /* in memory (when f is NULL) */
    os_file *f;                /* or a real file: page p at p * cb */
    cache_lsn flushed;         /* highest LSN flush_log made durable */
    unsigned log_flushes, page_writes, run_writes, syncs;
    unsigned bad_seal, wal_violations;
    JET_ERR fail;              /* returned by every write while < 0 */
    uint32_t fail_pgno;        /* with fail: only writes of this page fail (0: all) */
    uint32_t run_pgno[MAX_CALLS], run_n[MAX_CALLS];   /* write_pages calls */
    cache_file *cf;
} fake;

/* Check one page being written (f->mu held). */
static void fake_check(fake *f, uint32_t pgno, const uint8_t *p)
{
    if (pg_verify(p, f->cb, pgno) != JET_errSuccess)
        f->bad_seal++;
    if (pg_header_c(p)->dbtime > f->flushed)
        f->wal_violations++;
}

static JET_ERR fake_read(void *ctx, uint32_t pgno, void *buf)
{
    fake *f = ctx;
    if (pgno >= f->npages)
        return JET_errFileIOBeyondEOF;
    if (f->f != NULL) {
        JET_ERR err = os_pread(f->f, buf, f->cb, (uint64_t)pgno * f->cb);
        if (err < 0)
            return err;
    } else {
        pthread_mutex_lock(&f->mu);
        memcpy(buf, f->pages + (size_t)pgno * f->cb, f->cb);
        pthread_mutex_unlock(&f->mu);
    }
    return pg_verify(buf, f->cb, pgno);
}

/* Store n pages from pgno (checked first); one os_pwrite for a real file. */
static JET_ERR fake_store(fake *f, uint32_t pgno, uint32_t n, const void *buf, bool run)
{
    pthread_mutex_lock(&f->mu);
    JET_ERR err = f->fail;
    if (f->fail_pgno != 0 && (f->fail_pgno < pgno || f->fail_pgno >= pgno + n))
        err = JET_errSuccess;
    if (err >= 0) {
        for (uint32_t i = 0; i < n; i++)
            fake_check(f, pgno + i, (const uint8_t *)buf + (size_t)i * f->cb);
        if (run && f->run_writes < MAX_CALLS) {
            f->run_pgno[f->run_writes] = pgno;
            f->run_n[f->run_writes] = n;
        }
    }
    pthread_mutex_unlock(&f->mu);
    if (err >= 0 && f->f != NULL)
        err = os_pwrite(f->f, buf, (size_t)n * f->cb, (uint64_t)pgno * f->cb);
    pthread_mutex_lock(&f->mu);
    if (err >= 0 && f->f == NULL && pgno + n <= f->npages)
        memcpy(f->pages + (size_t)pgno * f->cb, buf, (size_t)n * f->cb);
    if (err >= 0) {
        if (run)
            f->run_writes++;
        else
            f->page_writes++;
    }
    pthread_mutex_unlock(&f->mu);
    return err;
}

static JET_ERR fake_write(void *ctx, uint32_t pgno, const void *buf)
{
    return fake_store(ctx, pgno, 1, buf, false);
}

static JET_ERR fake_write_pages(void *ctx, uint32_t pgno, uint32_t n, const void *buf)
{
    return fake_store(ctx, pgno, n, buf, true);
}

static JET_ERR fake_flush_log(void *ctx, cache_lsn lsn)
{
    fake *f = ctx;
    pthread_mutex_lock(&f->mu);
    f->log_flushes++;
    if (lsn > f->flushed)
        f->flushed = lsn;
    pthread_mutex_unlock(&f->mu);
    return JET_errSuccess;
}

static JET_ERR fake_sync(void *ctx)
{
    fake *f = ctx;
    pthread_mutex_lock(&f->mu);
    f->syncs++;
    pthread_mutex_unlock(&f->mu);
    return f->f != NULL ? os_fdatasync(f->f) : JET_errSuccess;
}

static const cache_file_ops fake_ops = {
    .read_page = fake_read,
    .write_page = fake_write,
    .flush_log = fake_flush_log,
    .sync = fake_sync,
};

/* A formatted, sealed page with counter ctr. */
static void format_page(uint8_t *p, uint32_t cb, uint32_t pgno, uint64_t ctr)
{
    pg_init(p, cb, pgno, 1, PG_F_LEAF);
    memcpy(p + CTR_OFF, &ctr, sizeof ctr);
    pg_seal(p, cb);
}

/* A fake of npages formatted pages, in memory or (path != NULL) in a real
 * file; batched = with write_pages. */
static fake *fake_new(uint32_t cb, uint32_t npages, const char *path, bool batched)
{
    fake *f = calloc(1, sizeof *f);
    assert_non_null(f);
    pthread_mutex_init(&f->mu, NULL);
    f->cb = cb;
    f->npages = npages;
    uint8_t *img = calloc(npages, cb);
    assert_non_null(img);
    for (uint32_t i = 0; i < npages; i++)
        format_page(img + (size_t)i * cb, cb, i, 0);
    if (path != NULL) {
        assert_jet_ok(os_open(path, OS_OPEN_RDWR | OS_OPEN_CREATE | OS_OPEN_TRUNC, &f->f));
        assert_jet_ok(os_pwrite(f->f, img, (size_t)npages * cb, 0));
        free(img);
    } else {
        f->pages = img;
    }
    assert_jet_ok(cache_file_open(&fake_ops, f, cb, &f->cf));
    if (batched)
        cache_file_set_write_pages(f->cf, fake_write_pages);
    return f;
}

static void fake_free(fake *f)
{
    cache_file_close(f->cf);
    if (f->f != NULL)
        assert_jet_ok(os_close(f->f));
    pthread_mutex_destroy(&f->mu);
    free(f->pages);
    free(f);
}

static uint64_t ctr_get(const void *page)
{
    uint64_t v;
    memcpy(&v, (const uint8_t *)page + CTR_OFF, sizeof v);
    return v;
}

/* The counter of page pgno as stored (memory or file; 0 if it does not
 * verify). */
static uint64_t stored_ctr(fake *f, uint32_t pgno)
{
    uint8_t *p = aligned_alloc(4096, f->cb);
    assert_non_null(p);
    uint64_t v = 0;
    if (fake_read(f, pgno, p) == JET_errSuccess)
        v = ctr_get(p);
    free(p);
    return v;
}

/* Whether page pgno as stored verifies. */
static bool stored_ok(fake *f, uint32_t pgno)
{
    uint8_t *p = aligned_alloc(4096, f->cb);
    assert_non_null(p);
    bool ok = fake_read(f, pgno, p) == JET_errSuccess;
    free(p);
    return ok;
}

/* Change page pgno as a logged update at lsn would (counter = ctr, also
 * stored at the page's end, so that a torn page never verifies). */
static void change(fake *f, uint32_t pgno, cache_lsn lsn, uint64_t ctr)
{
    bf *b;
    assert_jet_ok(cache_get(f->cf, pgno, CACHE_X, 0, &b));
    memcpy((uint8_t *)bf_page(b) + CTR_OFF, &ctr, sizeof ctr);
    memcpy((uint8_t *)bf_page(b) + f->cb - 16, &ctr, sizeof ctr);
    pg_header(bf_page(b))->dbtime = lsn;
    bf_dirty(b, lsn);
    cache_release(b);
}

static cache_stats stats(void)
{
    cache_stats st;
    cache_get_stats(&st);
    return st;
}

/* ---- flushes ------------------------------------------------------------- */

/* Adjacent dirty pages go out as one write_pages call each run, WAL first
 * (up to the run's highest LSN); a lone page is a run of one. */
static void test_flush_runs(void **state)
{
    (void)state;
    cache_set_budget(64, 256);
    fake *f = fake_new(8192, 16, NULL, true);
    const uint32_t dirty[] = { 1, 2, 3, 5, 7, 8 };
    for (size_t i = 0; i < sizeof dirty / sizeof dirty[0]; i++)
        change(f, dirty[i], 100 - 10 * i, 1000 + dirty[i]);
    cache_stats a = stats();
    assert_jet_ok(cache_flush_file(f->cf));
    cache_stats z = stats();
    assert_int_equal(z.writes - a.writes, 6);
    assert_int_equal(z.write_ios - a.write_ios, 3);
    assert_int_equal(f->run_writes, 3);
    assert_int_equal(f->run_pgno[0], 1);
    assert_int_equal(f->run_n[0], 3);
    assert_int_equal(f->run_pgno[1], 5);
    assert_int_equal(f->run_n[1], 1);
    assert_int_equal(f->run_pgno[2], 7);
    assert_int_equal(f->run_n[2], 2);
    assert_int_equal(f->page_writes, 0);
    assert_int_equal(f->syncs, 1);
    assert_int_equal(f->wal_violations, 0);
    assert_int_equal(f->bad_seal, 0);
    assert_int_equal(f->flushed, 100);     /* page 1's change is the newest */
    for (size_t i = 0; i < sizeof dirty / sizeof dirty[0]; i++)
        assert_int_equal(stored_ctr(f, dirty[i]), 1000 + dirty[i]);
    assert_int_equal(cache_oldest_dirty_lsn(f->cf), 0);
    fake_free(f);
}

/* A long stretch of dirty pages is cut into runs of at most 256 KiB. */
static void test_run_length(void **state)
{
    (void)state;
    cache_set_budget(256, 256);
    fake *f = fake_new(8192, 100, NULL, true);
    for (uint32_t p = 0; p < 100; p++)
        change(f, p, p + 1, 7 + p);
    assert_jet_ok(cache_flush_below(f->cf, 1000));
    assert_int_equal(f->run_writes, 4);   /* 32 + 32 + 32 + 4 pages of 8 KiB */
    for (unsigned i = 0; i < 3; i++)
        assert_int_equal(f->run_n[i], 32);
    assert_int_equal(f->run_n[3], 4);
    assert_int_equal(f->wal_violations, 0);
    for (uint32_t p = 0; p < 100; p++)
        assert_int_equal(stored_ctr(f, p), 7 + p);
    fake_free(f);
}

/* flush_below writes only the pages first dirtied below its LSN: a page
 * dirtied later splits a run; the checkpoint then moves to it. */
static void test_flush_below_runs(void **state)
{
    (void)state;
    cache_set_budget(64, 64);
    fake *f = fake_new(8192, 8, NULL, true);
    change(f, 1, 10, 1);
    change(f, 2, 20, 2);
    change(f, 3, 300, 3);
    change(f, 4, 30, 4);
    change(f, 2, 400, 22);   /* still first dirtied at 20 */
    assert_jet_ok(cache_flush_below(f->cf, 100));
    assert_int_equal(f->run_writes, 2);
    assert_int_equal(f->run_pgno[0], 1);
    assert_int_equal(f->run_n[0], 2);
    assert_int_equal(f->run_pgno[1], 4);
    assert_int_equal(f->run_n[1], 1);
    assert_int_equal(f->flushed, 400);     /* page 2's last change */
    assert_int_equal(stored_ctr(f, 2), 22);
    assert_int_equal(stored_ctr(f, 3), 0);
    assert_int_equal(cache_oldest_dirty_lsn(f->cf), 300);
    assert_int_equal(f->wal_violations, 0);
    fake_free(f);
}

/* A failed run keeps every page of it dirty with its first LSN, reports
 * the error, and the checkpoint (oldest dirty LSN) does not move; the
 * next flush writes them. */
static void test_run_error_keeps_dirty(void **state)
{
    (void)state;
    cache_set_budget(64, 64);
    fake *f = fake_new(8192, 8, NULL, true);
    for (uint32_t p = 2; p <= 5; p++)
        change(f, p, 10 * p, 50 + p);
    cache_stats a = stats();
    const JET_ERR errs[] = { JET_errDiskFull, JET_errDiskIO };
    for (size_t i = 0; i < 2; i++) {
        f->fail = errs[i];
        assert_jet(errs[i], cache_flush_file(f->cf));
        assert_jet(errs[i], cache_flush_below(f->cf, 1000));
        assert_int_equal(stats().dirty, a.dirty);
        assert_int_equal(cache_oldest_dirty_lsn(f->cf), 20);
        for (uint32_t p = 2; p <= 5; p++)
            assert_int_equal(stored_ctr(f, p), 0);
    }
    f->fail = 0;
    assert_jet_ok(cache_flush_file(f->cf));
    assert_int_equal(stats().dirty, a.dirty - 4);
    assert_int_equal(cache_oldest_dirty_lsn(f->cf), 0);
    for (uint32_t p = 2; p <= 5; p++)
        assert_int_equal(stored_ctr(f, p), 50 + p);
    assert_int_equal(f->wal_violations, 0);
    fake_free(f);
}

/* Without write_pages a run is written page by page: a page that fails
 * stays dirty, the others of its run are written and clean, and the
 * checkpoint stops at the failed page. */
static void test_page_by_page_run_error(void **state)
{
    (void)state;
    cache_set_budget(64, 64);
    fake *f = fake_new(8192, 8, NULL, false);
    for (uint32_t p = 1; p <= 4; p++)
        change(f, p, 10 * p, 40 + p);
    cache_stats a = stats();
    f->fail = JET_errDiskIO;
    f->fail_pgno = 3;
    assert_jet(JET_errDiskIO, cache_flush_file(f->cf));
    cache_stats z = stats();
    assert_int_equal(z.write_ios - a.write_ios, 4);
    assert_int_equal(z.writes - a.writes, 3);
    assert_int_equal(f->page_writes, 3);
    assert_int_equal(f->run_writes, 0);
    assert_int_equal(z.dirty, a.dirty - 3);
    assert_int_equal(cache_oldest_dirty_lsn(f->cf), 30);
    assert_int_equal(stored_ctr(f, 2), 42);
    assert_int_equal(stored_ctr(f, 3), 0);
    assert_int_equal(stored_ctr(f, 4), 44);
    f->fail = 0;
    f->fail_pgno = 0;
    assert_jet_ok(cache_flush_file(f->cf));
    assert_int_equal(stored_ctr(f, 3), 43);
    assert_int_equal(cache_oldest_dirty_lsn(f->cf), 0);
    assert_int_equal(f->wal_violations, 0);
    fake_free(f);
}

/* The same through a real file and the I/O fault hook: a run torn by a
 * short write (the first half of its bytes reach the file: page 3 of
 * 2..4 is cut in the middle), ENOSPC and EIO.  Every page stays dirty, the
 * error is reported, the checkpoint stays; once the disk works the next
 * flush rewrites the whole run and every page verifies. */
static void test_run_faults_real_file(void **state)
{
    (void)state;
    char *dir = tu_mkdtemp("cachebatch");
    char *path = tu_path(dir, "pages.db");
    cache_set_budget(64, 64);
    fake *f = fake_new(4096, 8, path, true);
    for (uint32_t p = 2; p <= 4; p++)
        change(f, p, 10 * p, 70 + p);
    cache_stats a = stats();
    struct {
        int err;
        JET_GRBIT grbit;
        JET_ERR want;
    } cases[] = {
        { ENOSPC, JETDB_bitFaultShortWrite, JET_errDiskFull },
        { EIO, JETDB_bitFaultShortWrite, JET_errDiskIO },
        { ENOSPC, 0, JET_errDiskFull },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_jet_ok(JetDbFaultArm(JETDB_faultopWrite, 1, cases[i].err, cases[i].grbit,
                                    "pages.db"));
        assert_jet(cases[i].want, cache_flush_file(f->cf));
        assert_int_equal(JetDbFaultFired(JETDB_faultopWrite), 1);
        JetDbFaultDisarm(JETDB_faultopWrite);
        assert_int_equal(stats().dirty, a.dirty);
        assert_int_equal(cache_oldest_dirty_lsn(f->cf), 20);
        if (cases[i].grbit != 0 && i == 0) {
            /* Torn: pages 2 and the first half of 3 were written. */
            assert_int_equal(stored_ctr(f, 2), 72);
            assert_false(stored_ok(f, 3));
            assert_int_equal(stored_ctr(f, 4), 0);
        }
    }
    assert_jet_ok(cache_flush_file(f->cf));
    assert_int_equal(f->run_writes, 1);
    assert_int_equal(f->run_n[0], 3);
    assert_int_equal(stats().dirty, a.dirty - 3);
    assert_int_equal(cache_oldest_dirty_lsn(f->cf), 0);
    /* Read back from the file, not from the cache. */
    for (uint32_t p = 0; p < 8; p++)
        assert_true(stored_ok(f, p));
    for (uint32_t p = 2; p <= 4; p++)
        assert_int_equal(stored_ctr(f, p), 70 + p);
    assert_int_equal(f->wal_violations, 0);
    assert_int_equal(f->bad_seal, 0);
    fake_free(f);
    tu_rmtree(dir);
    free(path);
    free(dir);
}

/* A page whose X latch is held (or that is being written) is not waited
 * for in the middle of a run: the run ends before it, and the page starts
 * the next run once its latch is released. */
typedef struct latch_ctx {
    fake *f;
    atomic_int phase;   /* 1: X held, 2: release now */
} latch_ctx;

static void *hold_x(void *p)
{
    latch_ctx *c = p;
    bf *b;
    if (cache_get(c->f->cf, 3, CACHE_X, 0, &b) != JET_errSuccess)
        return NULL;
    atomic_store(&c->phase, 1);
    while (atomic_load(&c->phase) != 2)
        os_sleep_ms(1);
    cache_release(b);
    return NULL;
}

static void *flusher(void *p)
{
    latch_ctx *c = p;
    return (void *)(intptr_t)cache_flush_file(c->f->cf);
}

static void test_run_stops_at_latched_page(void **state)
{
    (void)state;
    cache_set_budget(64, 64);
    latch_ctx c = { .f = fake_new(8192, 8, NULL, true) };
    for (uint32_t p = 1; p <= 5; p++)
        change(c.f, p, p, p);
    pthread_t h, fl;
    assert_int_equal(pthread_create(&h, NULL, hold_x, &c), 0);
    while (atomic_load(&c.phase) != 1)
        os_sleep_ms(1);
    assert_int_equal(pthread_create(&fl, NULL, flusher, &c), 0);
    /* The flusher writes 1..2, then waits for page 3's latch. */
    for (int i = 0; i < 2000 && stored_ctr(c.f, 2) != 2; i++)
        os_sleep_ms(1);
    assert_int_equal(stored_ctr(c.f, 2), 2);
    assert_int_equal(stored_ctr(c.f, 3), 0);
    atomic_store(&c.phase, 2);
    void *ret;
    pthread_join(h, NULL);
    pthread_join(fl, &ret);
    assert_int_equal((JET_ERR)(intptr_t)ret, JET_errSuccess);
    assert_int_equal(c.f->run_writes, 2);
    assert_int_equal(c.f->run_pgno[0], 1);
    assert_int_equal(c.f->run_n[0], 2);
    assert_int_equal(c.f->run_pgno[1], 3);
    assert_int_equal(c.f->run_n[1], 3);
    for (uint32_t p = 1; p <= 5; p++)
        assert_int_equal(stored_ctr(c.f, p), p);
    fake_free(c.f);
}

/* ---- eviction -------------------------------------------------------------- */

/* A dirty victim goes out with its dirty neighbours in one write, as long
 * as they need no more log than the victim: pages changed later than the
 * victim stay dirty (no log flush is forced for them), unless the log is
 * known durable past them (cache_log_durable, as recovery says). */
static void test_evict_writes_neighbours(void **state)
{
    (void)state;
    cache_set_budget(4, 4);
    fake *f = fake_new(8192, 64, NULL, true);
    /* Same LSN: the whole stretch goes with whichever page is the victim. */
    for (uint32_t p = 0; p < 4; p++)
        change(f, p, 5, 10 + p);
    cache_stats a = stats();
    bf *b;
    assert_jet_ok(cache_get(f->cf, 40, CACHE_S, 0, &b));
    cache_release(b);
    cache_stats z = stats();
    assert_int_equal(z.writes - a.writes, 4);
    assert_int_equal(z.write_ios - a.write_ios, 1);
    assert_int_equal(f->flushed, 5);
    for (uint32_t p = 0; p < 4; p++)
        assert_int_equal(stored_ctr(f, p), 10 + p);
    fake_free(f);

    /* Ascending LSNs and a lagging log: only pages at or below the
     * victim's LSN join it, and the log is flushed exactly that far. */
    f = fake_new(8192, 64, NULL, true);
    for (uint32_t p = 0; p < 4; p++)
        change(f, 20 + p, 100 + p, 30 + p);
    assert_jet_ok(cache_get(f->cf, 40, CACHE_S, 0, &b));
    cache_release(b);
    cache_lsn fl = f->flushed;
    assert_true(fl >= 100 && fl <= 103);
    for (uint32_t p = 0; p < 4; p++) {
        bool written = 100 + p <= fl;
        assert_int_equal(stored_ctr(f, 20 + p), written ? 30 + p : 0);
    }
    assert_int_equal(f->wal_violations, 0);
    fake_free(f);

    /* Known durable: everything goes, and no log flush is asked for. */
    f = fake_new(8192, 64, NULL, true);
    for (uint32_t p = 0; p < 4; p++)
        change(f, 20 + p, 100 + p, 30 + p);
    cache_log_durable(f->cf, 1000);
    f->flushed = 1000;   /* what the log really has */
    unsigned flushes = f->log_flushes;
    a = stats();
    assert_jet_ok(cache_get(f->cf, 40, CACHE_S, 0, &b));
    cache_release(b);
    z = stats();
    assert_int_equal(z.writes - a.writes, 4);
    assert_int_equal(z.write_ios - a.write_ios, 1);
    assert_int_equal(f->log_flushes, flushes);
    for (uint32_t p = 0; p < 4; p++)
        assert_int_equal(stored_ctr(f, 20 + p), 30 + p);
    fake_free(f);
}

/* An eviction whose run fails keeps all of it dirty and reports the error
 * to cache_get after its tries; then eviction proceeds. */
static void test_evict_run_error(void **state)
{
    (void)state;
    cache_set_budget(3, 3);
    fake *f = fake_new(8192, 16, NULL, true);
    for (uint32_t p = 0; p < 3; p++)
        change(f, p, 9, 60 + p);
    cache_stats a = stats();
    f->fail = JET_errDiskFull;
    bf *b;
    assert_jet(JET_errDiskFull, cache_get(f->cf, 10, CACHE_S, 0, &b));
    assert_int_equal(stats().dirty, a.dirty);
    assert_int_equal(cache_oldest_dirty_lsn(f->cf), 9);
    f->fail = 0;
    assert_jet_ok(cache_get(f->cf, 10, CACHE_S, 0, &b));
    cache_release(b);
    assert_int_equal(stats().dirty, a.dirty - 3);
    for (uint32_t p = 0; p < 3; p++)
        assert_int_equal(stored_ctr(f, p), 60 + p);
    fake_free(f);
}

/* ---- CACHE_NOREAD and cache_discard (recovery's pages past the end) --------- */

static void test_noread_and_discard(void **state)
{
    (void)state;
    cache_set_budget(16, 16);
    fake *f = fake_new(8192, 4, NULL, true);
    cache_stats a = stats();
    /* A miss past the end: zeros, nothing read. */
    bf *b;
    assert_jet_ok(cache_get(f->cf, 9, CACHE_X, CACHE_NOREAD, &b));
    const uint8_t *p = bf_page(b);
    for (uint32_t i = 0; i < f->cb; i++)
        assert_int_equal(p[i], 0);
    assert_int_equal(stats().reads, a.reads);
    /* Dropped: the next get reads (and fails: the fake has no page 9). */
    assert_true(cache_discard(b));
    assert_int_equal(stats().resident, a.resident);
    assert_jet(JET_errFileIOBeyondEOF, cache_get(f->cf, 9, CACHE_S, 0, &b));
    assert_int_equal(stats().reads, a.reads + 1);
    /* A hit is returned as cached, not zeroed. */
    change(f, 2, 5, 77);
    assert_jet_ok(cache_get(f->cf, 2, CACHE_X, CACHE_NOREAD, &b));
    assert_int_equal(ctr_get(bf_page(b)), 77);
    /* A dirty page is only released, never dropped. */
    assert_false(cache_discard(b));
    assert_int_equal(cache_oldest_dirty_lsn(f->cf), 5);
    assert_jet_ok(cache_get(f->cf, 2, CACHE_S, 0, &b));
    assert_int_equal(ctr_get(bf_page(b)), 77);
    cache_release(b);
    /* A clean cached page dropped is read again from the file. */
    assert_jet_ok(cache_flush_file(f->cf));
    assert_jet_ok(cache_get(f->cf, 2, CACHE_X, 0, &b));
    memset((uint8_t *)bf_page(b) + CTR_OFF, 0xEE, 8);   /* not dirtied */
    assert_true(cache_discard(b));
    assert_jet_ok(cache_get(f->cf, 2, CACHE_S, 0, &b));
    assert_int_equal(ctr_get(bf_page(b)), 77);
    cache_release(b);
    fake_free(f);
}

/* ---- many threads ------------------------------------------------------------ */

#define MT_THREADS 6
#define MT_PAGES 48
#define MT_ITERS 3000

typedef struct mt_ctx {
    fake *f;
    atomic_uint_fast64_t lsn;
    atomic_uint errors;
    atomic_bool stop;
    uint64_t tally[MT_THREADS][MT_PAGES];
} mt_ctx;

typedef struct mt_arg {
    mt_ctx *c;
    int id;
} mt_arg;

static void *mt_worker(void *p)
{
    mt_arg *a = p;
    mt_ctx *c = a->c;
    unsigned seed = (unsigned)a->id * 104729u + 3;
    for (int it = 0; it < MT_ITERS; it++) {
        /* Mostly neighbouring pages, so runs form. */
        uint32_t pg = (uint32_t)(rand_r(&seed) % MT_PAGES);
        bf *b;
        cache_latch mode = rand_r(&seed) % 3 == 0 ? CACHE_S : CACHE_X;
        if (cache_get(c->f->cf, pg, mode, 0, &b) != JET_errSuccess) {
            atomic_fetch_add(&c->errors, 1);
            continue;
        }
        if (mode == CACHE_X) {
            cache_lsn lsn = atomic_fetch_add(&c->lsn, 1) + 1;
            uint64_t v = ctr_get(bf_page(b)) + 1;
            memcpy((uint8_t *)bf_page(b) + CTR_OFF, &v, sizeof v);
            pg_header(bf_page(b))->dbtime = lsn;
            bf_dirty(b, lsn);
            c->tally[a->id][pg]++;
        } else if (pg_header(bf_page(b))->pgno != pg) {
            atomic_fetch_add(&c->errors, 1);
        }
        cache_release(b);
    }
    return NULL;
}

static void *mt_flusher(void *p)
{
    mt_ctx *c = p;
    unsigned seed = 17;
    while (!atomic_load(&c->stop)) {
        cache_lsn oldest = cache_oldest_dirty_lsn(c->f->cf);
        JET_ERR err = oldest ? cache_flush_below(c->f->cf, oldest + 40) : JET_errSuccess;
        if (err < 0)
            atomic_fetch_add(&c->errors, 1);
        if (rand_r(&seed) % 4 == 0 && cache_flush_file(c->f->cf) < 0)
            atomic_fetch_add(&c->errors, 1);
    }
    return NULL;
}

/* Writers, readers, two flushers and evictions on a budget smaller than
 * the file, all with runs: no lost update, no torn read, WAL and seals
 * intact (run under TSan too). */
static void test_threads_runs(void **state)
{
    (void)state;
    cache_set_budget(12, 12);
    mt_ctx *c = calloc(1, sizeof *c);
    assert_non_null(c);
    c->f = fake_new(4096, MT_PAGES, NULL, true);
    cache_stats a = stats();
    pthread_t th[MT_THREADS], fl[2];
    mt_arg args[MT_THREADS];
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_create(&fl[i], NULL, mt_flusher, c), 0);
    for (int i = 0; i < MT_THREADS; i++) {
        args[i].c = c;
        args[i].id = i;
        assert_int_equal(pthread_create(&th[i], NULL, mt_worker, &args[i]), 0);
    }
    for (int i = 0; i < MT_THREADS; i++)
        pthread_join(th[i], NULL);
    atomic_store(&c->stop, true);
    for (int i = 0; i < 2; i++)
        pthread_join(fl[i], NULL);
    cache_stats z = stats();
    print_message("runs: %llu pages written in %llu I/Os, %llu evictions\n",
                  (unsigned long long)(z.writes - a.writes),
                  (unsigned long long)(z.write_ios - a.write_ios),
                  (unsigned long long)(z.evictions - a.evictions));
    assert_int_equal(atomic_load(&c->errors), 0);
    assert_true(z.evictions - a.evictions > 0);
    assert_jet_ok(cache_flush_file(c->f->cf));
    for (uint32_t p = 0; p < MT_PAGES; p++) {
        uint64_t want = 0;
        for (int t = 0; t < MT_THREADS; t++)
            want += c->tally[t][p];
        assert_int_equal(stored_ctr(c->f, p), want);
    }
    assert_int_equal(c->f->wal_violations, 0);
    assert_int_equal(c->f->bad_seal, 0);
    assert_int_equal(cache_oldest_dirty_lsn(c->f->cf), 0);
    fake_free(c->f);
    free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flush_runs),
        cmocka_unit_test(test_run_length),
        cmocka_unit_test(test_flush_below_runs),
        cmocka_unit_test(test_run_error_keeps_dirty),
        cmocka_unit_test(test_page_by_page_run_error),
        cmocka_unit_test(test_run_faults_real_file),
        cmocka_unit_test(test_run_stops_at_latched_page),
        cmocka_unit_test(test_evict_writes_neighbours),
        cmocka_unit_test(test_evict_run_error),
        cmocka_unit_test(test_noread_and_discard),
        cmocka_unit_test(test_threads_runs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
