/*
 * cache_write.c: write-back — writing one frame (WAL first, from a sealed
 * private copy), flushing a file's dirty pages (cache_flush_file), the
 * checkpoint's view of them (cache_oldest_dirty_lsn, cache_flush_below).
 *
 * A frame has at most one write in flight (BF_WRITING).  The writer holds
 * the S latch only while copying the page, so changes continue during the
 * I/O; a change made meanwhile sets BF_REDIRTIED, and the page stays dirty
 * (since that change's LSN) after the write.  A failed write leaves the
 * page dirty with its original first LSN: it is retried by the next flush
 * or eviction, never dropped.
 */
#include "cache/cache_int.h"

#include <stdlib.h>
#include <string.h>

#include "page/page.h"
#include "util/err.h"

/* Write a pinned frame whose S latch the caller took together with
 * BF_WRITING (no mutex held). */
JET_ERR cache_write_frame(bf *b)
{
    JET_ERR err = JET_errSuccess;
    cache_file *cf = b->cf;
    cache_stripe *s = cache_stripe_of(cf, b->pgno);
    /* Under our S latch nothing changes the page or its last LSN. */
    cache_lsn lsn = b->last_lsn;
    void *copy = malloc(b->size);
    if (copy != NULL)
        memcpy(copy, b->page, b->size);
    pthread_mutex_lock(&s->mu);
    b->latch--;
    cache_wake(s, b);
    pthread_mutex_unlock(&s->mu);

    if (copy == NULL)
        CHECK(JET_errOutOfMemory);
    pg_seal(copy, b->size);
    if (lsn != 0 && cf->ops.flush_log != NULL)
        CHECK(cf->ops.flush_log(cf->ctx, lsn));
    CHECK(cf->ops.write_page(cf->ctx, b->pgno, copy));
    atomic_fetch_add_explicit(&cache_g.writes, 1, memory_order_relaxed);

done:
    free(copy);
    pthread_mutex_lock(&s->mu);
    if (err >= 0) {
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
    return err;
}

/* Write page pgno of cf if it is dirty (and, with below != 0, first
 * dirtied before below).  The caller holds no latch of cf: we wait for the
 * page's X latch and for a write already in flight. */
static JET_ERR cache_flush_page(cache_file *cf, uint32_t pgno, cache_lsn below)
{
    cache_stripe *s = cache_stripe_of(cf, pgno);
    pthread_mutex_lock(&s->mu);
    bf *b = cache_lookup(s, cf, pgno);
    if (b == NULL || !(b->flags & BF_DIRTY)) {
        pthread_mutex_unlock(&s->mu);
        return JET_errSuccess;
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
        return JET_errSuccess;
    }
    b->latch++;
    b->flags = (b->flags | BF_WRITING) & ~(uint32_t)BF_REDIRTIED;
    pthread_mutex_unlock(&s->mu);
    JET_ERR err = cache_write_frame(b);
    pthread_mutex_lock(&s->mu);
    cache_frame_unpin_locked(s, b);
    return err;
}

/* Order page numbers for qsort (ascending: sequential I/O when possible). */
static int cache_pgno_cmp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Write the file's pages dirty now (first dirtied before below, when
 * below != 0), lowest page first, then sync.  The page numbers are
 * collected first, because the writes cannot run under cf->mu. */
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
    /* Keep going after a failed write: the others still get written, the
     * failed page stays dirty, and the first error is reported. */
    for (size_t i = 0; i < n; i++)
        KEEP(err, cache_flush_page(cf, pgnos[i], below));
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
