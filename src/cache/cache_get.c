/*
 * cache_get.c: finding pages in the cache and latching them — the page
 * table (striped hash of (cf, pgno) → frame), cache_get / cache_release,
 * and bf_dirty.
 *
 * A miss inserts a frame in state BF_READING, X-latched by the reading
 * thread, before reading: anyone else asking for the page finds that frame
 * and simply waits for its latch, so a page is never read twice at once,
 * and no mutex is held during the read.  A failed read turns the frame
 * into an orphan (out of the hash): its waiters retry from scratch.
 */
#include "cache/cache_int.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"

/* Find (cf, pgno) in its stripe (stripe mutex held). */
bf *cache_lookup(cache_stripe *s, const cache_file *cf, uint32_t pgno)
{
    uint64_t h = cache_hash(cf, pgno);
    for (bf *b = s->buckets[h & (s->nbuckets - 1)]; b != NULL; b = b->hnext)
        if (b->cf == cf && b->pgno == pgno)
            return b;
    return NULL;
}

/* Double a stripe's bucket array (stripe mutex held).  Out of memory only
 * means longer chains, so it is not an error. */
static void cache_hash_grow(cache_stripe *s)
{
    uint32_t n = s->nbuckets * 2;
    bf **nb = calloc(n, sizeof *nb);
    if (nb == NULL)
        return;
    for (uint32_t i = 0; i < s->nbuckets; i++) {
        bf *b = s->buckets[i];
        while (b != NULL) {
            bf *next = b->hnext;
            uint64_t j = cache_hash(b->cf, b->pgno) & (n - 1);
            b->hnext = nb[j];
            nb[j] = b;
            b = next;
        }
    }
    if (s->buckets != s->initial)
        free(s->buckets);
    s->buckets = nb;
    s->nbuckets = n;
}

/* Link b (identity set) into its stripe (stripe mutex held). */
static void cache_hash_insert(cache_stripe *s, bf *b)
{
    if (s->count >= s->nbuckets && s->nbuckets < (1u << 30))
        cache_hash_grow(s);
    uint64_t j = cache_hash(b->cf, b->pgno) & (s->nbuckets - 1);
    b->hnext = s->buckets[j];
    s->buckets[j] = b;
    s->count++;
}

/* Unlink b from its stripe's hash (stripe mutex held; b is in it). */
void cache_hash_remove(cache_stripe *s, bf *b)
{
    bf **pp = &s->buckets[cache_hash(b->cf, b->pgno) & (s->nbuckets - 1)];
    while (*pp != b)
        pp = &(*pp)->hnext;
    *pp = b->hnext;
    b->hnext = NULL;
    s->count--;
}

/* Whether a latch in `mode` can be granted now.  S also yields to waiting
 * X requests so that a stream of readers cannot starve a writer. */
static bool cache_latch_grantable(const bf *b, cache_latch mode)
{
    return mode == CACHE_X ? b->latch == 0 : (b->latch >= 0 && b->xwait == 0);
}

/* Pin a frame found in the hash and wait for its latch (stripe mutex
 * held throughout, except inside cond_wait).  false: the frame became an
 * orphan (its read failed) while we waited; our pin is still held. */
static bool cache_latch_found(cache_stripe *s, bf *b, cache_latch mode)
{
    b->pins++;
    if (!(b->flags & BF_ORPHAN) && !cache_latch_grantable(b, mode)) {
        b->waiters++;
        if (mode == CACHE_X)
            b->xwait++;
        while (!(b->flags & BF_ORPHAN) && !cache_latch_grantable(b, mode))
            pthread_cond_wait(&s->cv, &s->mu);
        b->waiters--;
        if (mode == CACHE_X)
            b->xwait--;
    }
    if (b->flags & BF_ORPHAN)
        return false;
    if (mode == CACHE_X)
        b->latch = -1;
    else
        b->latch++;
    b->flags |= BF_REF;
    return true;
}

/* Hand a latched frame found in the page table to the caller (stripe
 * mutex held, released here). */
static JET_ERR cache_found(cache_stripe *s, bf *b, unsigned flags, bf **out)
{
    pthread_mutex_unlock(&s->mu);
    /* A page being (re)created: the caller formats it from zeros, as on a
     * miss; whatever was cached for that number is obsolete.  Our X latch
     * makes this safe outside the mutex. */
    if (flags & CACHE_NEW)
        memset(b->page, 0, b->size);
    atomic_fetch_add_explicit(&cache_g.hits, 1, memory_order_relaxed);
    *out = b;
    return JET_errSuccess;
}

/* Get page pgno latched in the given mode (reads it on a miss). */
JET_ERR cache_get(cache_file *cf, uint32_t pgno, cache_latch latch, unsigned flags, bf **out)
{
    if (out == NULL)
        return JET_errInvalidParameter;
    *out = NULL;
    if (cf == NULL || (latch != CACHE_S && latch != CACHE_X))
        return JET_errInvalidParameter;
    if (flags & CACHE_NEW)
        latch = CACHE_X;
    cache_stripe *s = cache_stripe_of(cf, pgno);
    for (;;) {
        pthread_mutex_lock(&s->mu);
        bf *b = cache_lookup(s, cf, pgno);
        if (b != NULL) {
            if (cache_latch_found(s, b, latch))
                return cache_found(s, b, flags, out);
            cache_frame_unpin_locked(s, b);
            continue;   /* its read failed: try the read ourselves */
        }
        pthread_mutex_unlock(&s->mu);

        /* Miss: find a frame with no stripe mutex held (eviction takes
         * other stripes' mutexes and may write), then look again, since
         * another thread may have inserted the page meanwhile. */
        JET_ERR err;
        bf *nb = cache_frame_obtain(cf->page_size, &err);
        if (nb == NULL)
            return err;
        pthread_mutex_lock(&s->mu);
        b = cache_lookup(s, cf, pgno);
        if (b != NULL) {
            cache_frame_free(nb);
            pthread_mutex_unlock(&cache_g.mu);
            if (cache_latch_found(s, b, latch))
                return cache_found(s, b, flags, out);
            cache_frame_unpin_locked(s, b);
            continue;
        }
        nb->cf = cf;
        nb->pgno = pgno;
        nb->pins = 1;
        nb->latch = -1;
        nb->flags = BF_READING | BF_REF;
        nb->first_lsn = nb->last_lsn = nb->redirty_lsn = 0;
        nb->waiters = nb->xwait = 0;
        cache_hash_insert(s, nb);
        pthread_mutex_unlock(&cache_g.mu);
        pthread_mutex_unlock(&s->mu);

        atomic_fetch_add_explicit(&cache_g.misses, 1, memory_order_relaxed);
        if (flags & (CACHE_NEW | CACHE_NOREAD)) {
            memset(nb->page, 0, nb->size);
            err = JET_errSuccess;
        } else {
            err = cf->ops.read_page(cf->ctx, pgno, nb->page);
            atomic_fetch_add_explicit(&cache_g.reads, 1, memory_order_relaxed);
        }

        pthread_mutex_lock(&s->mu);
        if (err < 0) {
            /* Leave nothing behind: waiters see the orphan and retry, the
             * last pin frees it. */
            cache_hash_remove(s, nb);
            nb->flags = BF_ORPHAN;
            nb->latch = 0;
            cache_wake(s, nb);
            cache_frame_unpin_locked(s, nb);
            return err;
        }
        nb->flags = (nb->flags & ~(uint32_t)BF_READING) | BF_VALID;
        if (latch == CACHE_S)
            nb->latch = 1;   /* downgrade: waiting readers may share it now */
        cache_wake(s, nb);
        pthread_mutex_unlock(&s->mu);
        *out = nb;
        return err;
    }
}

/* Release the latch (and the pin) of a frame. */
void cache_release(bf *b)
{
    if (b == NULL)
        return;
    cache_stripe *s = cache_stripe_of(b->cf, b->pgno);
    pthread_mutex_lock(&s->mu);
    assert(b->latch != 0 && b->pins > 0);
    if (b->latch < 0)
        b->latch = 0;
    else
        b->latch--;
    cache_frame_unpin_locked(s, b);
}

/* Release an X-latched frame and drop its page, unless it must be
 * written; as a failed read does, waiters see an orphan and retry. */
bool cache_discard(bf *b)
{
    cache_stripe *s = cache_stripe_of(b->cf, b->pgno);
    pthread_mutex_lock(&s->mu);
    assert(b->latch == -1 && b->pins > 0);
    b->latch = 0;
    if (b->flags & (BF_DIRTY | BF_WRITING)) {
        cache_frame_unpin_locked(s, b);
        return false;
    }
    cache_hash_remove(s, b);
    b->flags = BF_ORPHAN;
    cache_wake(s, b);
    cache_frame_unpin_locked(s, b);   /* the last pin frees it */
    return true;
}

/* The page bytes of a latched frame. */
void *bf_page(bf *b)
{
    return b->page;
}

/* The page number of a latched frame. */
uint32_t bf_pgno(const bf *b)
{
    return b->pgno;
}

/* Mark the X-latched page dirty by the log record at lsn. */
void bf_dirty(bf *b, cache_lsn lsn)
{
    cache_file *cf = b->cf;
    cache_stripe *s = cache_stripe_of(cf, b->pgno);
    pthread_mutex_lock(&s->mu);
    assert(b->latch == -1);
    if (lsn > b->last_lsn)
        b->last_lsn = lsn;
    if (!(b->flags & BF_DIRTY)) {
        b->flags |= BF_DIRTY;
        pthread_mutex_lock(&cf->mu);
        b->first_lsn = lsn;
        cache_dirty_link(cf, b);
        pthread_mutex_unlock(&cf->mu);
        atomic_fetch_add_explicit(&cache_g.dirty, 1, memory_order_relaxed);
    } else if ((b->flags & (BF_WRITING | BF_REDIRTIED)) == BF_WRITING) {
        /* The copy in flight predates this change: if that write
         * succeeds, the page is still dirty since lsn, not since the
         * older first_lsn. */
        b->flags |= BF_REDIRTIED;
        b->redirty_lsn = lsn;
    }
    pthread_mutex_unlock(&s->mu);
}
