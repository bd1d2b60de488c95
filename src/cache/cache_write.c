/*
 * cache_write.c: write-back — writing runs of adjacent dirty frames (WAL
 * first, from sealed private copies, one I/O per run when the file gives
 * write_pages), flushing a file's dirty pages (cache_flush_file), the
 * checkpoint's view of them (cache_oldest_dirty_lsn, cache_flush_below).
 *
 * A frame has at most one write in flight (BF_WRITING).  The writer holds
 * the S latch only while copying the page, so changes continue during the
 * I/O; a change made meanwhile sets BF_REDIRTIED, and the page stays dirty
 * (since that change's LSN) after the write.  A failed write leaves the
 * page dirty with its original first LSN: it is retried by the next flush
 * or eviction, never dropped.  A run written with one write_pages call
 * succeeds or fails as a whole: after an error every page of it stays
 * dirty, whatever part of it may have reached the file.
 */
#include "cache/cache_int.h"

#include <stdlib.h>
#include <string.h>

#include "page/page.h"
#include "util/err.h"

/* Longest run: as many pages as fit in 256 KiB (64 pages of 4 KiB, 8 of
 * 32 KiB), the copy buffer a write allocates at most. */
#define CACHE_RUN_BYTES (256u * 1024u)

uint32_t cache_run_max(const cache_file *cf)
{
    uint32_t n = CACHE_RUN_BYTES / cf->page_size;
    return n > CACHE_RUN_MAX ? CACHE_RUN_MAX : n < 1 ? 1 : n;
}

/* Claim b for writing (stripe mutex held): pin, S latch, BF_WRITING.  The
 * caller checked that b is dirty, not being written, and that its S latch
 * can be taken without waiting. */
static void cache_claim_locked(bf *b)
{
    b->pins++;
    b->latch++;
    b->flags = (b->flags | BF_WRITING) & ~(uint32_t)BF_REDIRTIED;
}

/* Whether b, found in its stripe (mutex held), can join a run now: dirty,
 * first dirtied below `below` (0: any), last changed at or before max_lsn,
 * no write in flight, and an S latch grantable at once (not X-latched, no
 * X request waiting). */
static bool cache_claimable_now(const bf *b, cache_lsn below, cache_lsn max_lsn)
{
    return (b->flags & BF_DIRTY) && !(b->flags & BF_WRITING) && b->latch >= 0 &&
           b->xwait == 0 && (below == 0 || b->first_lsn < below) && b->last_lsn <= max_lsn;
}

bf *cache_try_claim(cache_file *cf, uint32_t pgno, cache_lsn below, cache_lsn max_lsn)
{
    cache_stripe *s = cache_stripe_of(cf, pgno);
    pthread_mutex_lock(&s->mu);
    bf *b = cache_lookup(s, cf, pgno);
    if (b != NULL && cache_claimable_now(b, below, max_lsn))
        cache_claim_locked(b);
    else
        b = NULL;
    pthread_mutex_unlock(&s->mu);
    return b;
}

cache_lsn cache_durable_lsn(cache_file *cf)
{
    return atomic_load_explicit(&cf->durable, memory_order_relaxed);
}

void cache_log_durable(cache_file *cf, cache_lsn lsn)
{
    if (cf == NULL)
        return;
    cache_lsn cur = atomic_load_explicit(&cf->durable, memory_order_relaxed);
    while (lsn > cur &&
           !atomic_compare_exchange_weak_explicit(&cf->durable, &cur, lsn, memory_order_relaxed,
                                                  memory_order_relaxed))
        ;
}

/* Finish the write of claimed frame b (no mutex held): on success it is
 * clean, or dirty since the change made during the write; on failure it
 * keeps its first LSN.  The pin stays (the caller's). */
static void cache_write_done(bf *b, bool ok)
{
    cache_file *cf = b->cf;
    cache_stripe *s = cache_stripe_of(cf, b->pgno);
    pthread_mutex_lock(&s->mu);
    if (ok) {
        pthread_mutex_lock(&cf->mu);
        if (b->flags & BF_REDIRTIED) {
            b->first_lsn = b->redirty_lsn;
        } else {
            b->flags &= ~(uint32_t)BF_DIRTY;
            cache_dirty_unlink(cf, b);
            atomic_fetch_sub_explicit(&cache_g.dirty, 1, memory_order_relaxed);
        }
        pthread_mutex_unlock(&cf->mu);
    }
    b->flags &= ~(uint32_t)(BF_WRITING | BF_REDIRTIED);
    cache_wake(s, b);
    pthread_mutex_unlock(&s->mu);
}

/*
 * Write claimed frames of pages pgno, pgno+1, ... (n of them, same file,
 * each pinned, S-latched and BF_WRITING by the caller; no mutex held).
 * Copy each page under its S latch and drop the latch, make the log
 * durable up to the highest LSN of the copies (WAL for every page of the
 * run), seal each copy, then write: one write_pages call (a single page
 * too), or write_page page by page when the file has no write_pages (a run
 * still saves a copy buffer and a log-flush check per page).  Returns the
 * first error; the pins stay.
 */
JET_ERR cache_write_run(bf *const *frames, uint32_t n)
{
    JET_ERR err = JET_errSuccess;
    cache_file *cf = frames[0]->cf;
    uint32_t cb = cf->page_size;
    /* Which pages reached the file (write_pages: all or none). */
    bool ok[CACHE_RUN_MAX] = { false };
    /* Zeroed so that no path can hand uninitialised bytes to a write. */
    uint8_t *buf = calloc(n, cb);
    cache_lsn lsn = 0;
    for (uint32_t i = 0; i < n; i++) {
        bf *b = frames[i];
        /* Under our S latch nothing changes the page or its last LSN. */
        if (b->last_lsn > lsn)
            lsn = b->last_lsn;
        if (buf != NULL)
            memcpy(buf + (size_t)i * cb, b->page, cb);
        cache_stripe *s = cache_stripe_of(cf, b->pgno);
        pthread_mutex_lock(&s->mu);
        b->latch--;
        cache_wake(s, b);
        pthread_mutex_unlock(&s->mu);
    }
    if (buf == NULL)
        CHECK(JET_errOutOfMemory);
    for (uint32_t i = 0; i < n; i++)
        pg_seal(buf + (size_t)i * cb, cb);
    /* WAL: the log must be durable up to the run's highest LSN.  A run
     * whose changes are all known durable (an earlier flush_log, or
     * cache_log_durable) needs no call. */
    if (lsn != 0 && cf->ops.flush_log != NULL && lsn > cache_durable_lsn(cf)) {
        CHECK(cf->ops.flush_log(cf->ctx, lsn));
        cache_log_durable(cf, lsn);
    }
    if (cf->write_pages != NULL) {
        CHECK(cf->write_pages(cf->ctx, frames[0]->pgno, n, buf));
        for (uint32_t i = 0; i < n; i++)
            ok[i] = true;
        atomic_fetch_add_explicit(&cache_g.write_ios, 1, memory_order_relaxed);
        atomic_fetch_add_explicit(&cache_g.writes, n, memory_order_relaxed);
    } else {
        /* Page by page: each page that was written is clean, a failed one
         * stays dirty, and the others are still tried (first error wins). */
        for (uint32_t i = 0; i < n; i++) {
            JET_ERR e = cf->ops.write_page(cf->ctx, frames[i]->pgno, buf + (size_t)i * cb);
            atomic_fetch_add_explicit(&cache_g.write_ios, 1, memory_order_relaxed);
            if (e >= 0) {
                ok[i] = true;
                atomic_fetch_add_explicit(&cache_g.writes, 1, memory_order_relaxed);
            }
            KEEP(err, e);
        }
    }

done:
    for (uint32_t i = 0; i < n; i++)
        cache_write_done(frames[i], ok[i]);
    free(buf);
    return err;
}

/* Write a pinned frame whose S latch the caller took together with
 * BF_WRITING (no mutex held). */
JET_ERR cache_write_frame(bf *b)
{
    return cache_write_run(&b, 1);
}

/* Claim page pgno of cf for writing if it is dirty (and, with below != 0,
 * first dirtied before below), waiting for its X latch and for a write
 * already in flight.  The caller holds no latch of cf.  NULL: nothing to
 * write. */
static bf *cache_claim_wait(cache_file *cf, uint32_t pgno, cache_lsn below)
{
    cache_stripe *s = cache_stripe_of(cf, pgno);
    pthread_mutex_lock(&s->mu);
    bf *b = cache_lookup(s, cf, pgno);
    if (b == NULL || !(b->flags & BF_DIRTY)) {
        pthread_mutex_unlock(&s->mu);
        return NULL;
    }
    b->pins++;
    if ((b->flags & BF_WRITING) || b->latch < 0) {
        b->waiters++;
        while ((b->flags & BF_WRITING) || b->latch < 0)
            pthread_cond_wait(&s->cv, &s->mu);
        b->waiters--;
    }
    /* Someone else's write may have cleaned it while we waited. */
    if (!(b->flags & BF_DIRTY) || (below != 0 && b->first_lsn >= below)) {
        cache_frame_unpin_locked(s, b);
        return NULL;
    }
    b->latch++;
    b->flags = (b->flags | BF_WRITING) & ~(uint32_t)BF_REDIRTIED;
    pthread_mutex_unlock(&s->mu);
    return b;
}

/* Drop the pins of written frames (no mutex held). */
static void cache_unpin_all(bf *const *frames, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        cache_stripe *s = cache_stripe_of(frames[i]->cf, frames[i]->pgno);
        pthread_mutex_lock(&s->mu);
        cache_frame_unpin_locked(s, frames[i]);
    }
}

/* Order page numbers for qsort (ascending: sequential I/O when possible). */
static int cache_pgno_cmp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Write the file's pages dirty now (first dirtied before below, when
 * below != 0), lowest page first, in runs of adjacent pages, then sync.
 * The page numbers are collected first, because the writes cannot run
 * under cf->mu.  A run starts with a page claimed even if that means
 * waiting for its latch or for a write in flight; the pages after it join
 * only if they can be claimed at once (a flusher never waits while it
 * holds claims, so two flushers cannot wait for each other), else the run
 * ends there and the next one starts with that page. */
static JET_ERR cache_flush(cache_file *cf, cache_lsn below)
{
    JET_ERR err = JET_errSuccess;
    uint32_t *pgnos = NULL;
    size_t n = 0;
    pthread_mutex_lock(&cf->mu);
    if (cf->ndirty > 0) {
        pgnos = malloc((size_t)cf->ndirty * sizeof *pgnos);
        if (pgnos == NULL) {
            pthread_mutex_unlock(&cf->mu);
            return JET_errOutOfMemory;
        }
        for (bf *b = cf->dirty_head; b != NULL; b = b->dnext)
            if (below == 0 || b->first_lsn < below)
                pgnos[n++] = b->pgno;
    }
    pthread_mutex_unlock(&cf->mu);
    if (n > 1)
        qsort(pgnos, n, sizeof *pgnos, cache_pgno_cmp);
    uint32_t max = cache_run_max(cf);
    bf *run[CACHE_RUN_MAX];
    /* Keep going after a failed write: the others still get written, the
     * failed pages stay dirty, and the first error is reported. */
    for (size_t i = 0; i < n;) {
        run[0] = cache_claim_wait(cf, pgnos[i++], below);
        if (run[0] == NULL)
            continue;
        uint32_t k = 1;
        while (k < max && i < n && pgnos[i] == run[0]->pgno + k) {
            bf *b = cache_try_claim(cf, pgnos[i], below, UINT64_MAX);
            if (b == NULL)
                break;   /* busy: it starts the next run (or is clean) */
            run[k++] = b;
            i++;
        }
        KEEP(err, cache_write_run(run, k));
        cache_unpin_all(run, k);
    }
    free(pgnos);
    if (cf->ops.sync != NULL)
        KEEP(err, cf->ops.sync(cf->ctx));
    return err;
}

/* Write every dirty page of the file (WAL first), then sync the file. */
JET_ERR cache_flush_file(cache_file *cf)
{
    if (cf == NULL)
        return JET_errInvalidParameter;
    return cache_flush(cf, 0);
}

/* Write dirty pages first dirtied below lsn, then sync (checkpoint). */
JET_ERR cache_flush_below(cache_file *cf, cache_lsn lsn)
{
    if (cf == NULL)
        return JET_errInvalidParameter;
    if (lsn == 0)
        return JET_errSuccess;   /* nothing is below the first LSN */
    return cache_flush(cf, lsn);
}

/* Smallest first-dirtied LSN over the file's dirty pages (0 = none). */
cache_lsn cache_oldest_dirty_lsn(cache_file *cf)
{
    cache_lsn oldest = 0;
    pthread_mutex_lock(&cf->mu);
    for (bf *b = cf->dirty_head; b != NULL; b = b->dnext)
        if (oldest == 0 || (b->first_lsn != 0 && b->first_lsn < oldest))
            oldest = b->first_lsn;
    pthread_mutex_unlock(&cf->mu);
    return oldest;
}
