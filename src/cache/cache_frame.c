/*
 * cache_frame.c: where frames come from and where they go — allocation
 * within the budget, clock (second chance) eviction with write-back of
 * dirty victims, growth above the budget when every frame is in use, and
 * shrinking back (trim) when frames unlatch.
 *
 * All of it runs under cache_g.mu, except the write of a dirty victim
 * (with the dirty pages adjacent to it, as one run), which drops every
 * mutex for the I/O (cache_write_run).
 */
#include "cache/cache_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/err.h"

/* Eviction writes that may fail in one cache_frame_obtain before it gives
 * up and reports the write error to the cache_get that needed a frame. */
#define CACHE_WRITE_TRIES 3
/* Frames a trim looks at while obtaining a frame over budget: enough to
 * converge, little enough to keep cache_get's latency flat. */
#define CACHE_TRIM_STEPS 64u

/* A fresh frame of size bytes in frames[] (cache_g.mu held), or NULL. */
static bf *cache_frame_new(uint32_t size)
{
    if (cache_g.nframes == cache_g.cap) {
        uint32_t cap = cache_g.cap ? cache_g.cap * 2 : 64;
        if (cap <= cache_g.cap)
            return NULL;
        bf **frames = realloc(cache_g.frames, (size_t)cap * sizeof *frames);
        if (frames == NULL)
            return NULL;
        cache_g.frames = frames;
        cache_g.cap = cap;
    }
    bf *b = calloc(1, sizeof *b);
    void *page = malloc(size);
    if (b == NULL || page == NULL) {
        free(b);
        free(page);
        return NULL;
    }
    b->page = page;
    b->size = size;
    b->index = cache_g.nframes;
    cache_g.frames[cache_g.nframes++] = b;
    cache_g.bytes += size;
    cache_budget_update();
    return b;
}

/* Forget a frame nobody can reach any more and free it (cache_g.mu held). */
void cache_frame_free(bf *b)
{
    uint32_t i = b->index;
    bf *last = cache_g.frames[--cache_g.nframes];
    cache_g.frames[i] = last;
    last->index = i;
    cache_g.bytes -= b->size;
    cache_budget_update();
    free(b->page);
    free(b);
}

/* Whether an unpinned frame can be dropped without losing anything
 * (its stripe mutex held). */
static bool cache_frame_clean_idle(const bf *b)
{
    return b->pins == 0 && b->latch == 0 &&
           !(b->flags & (BF_DIRTY | BF_WRITING | BF_READING | BF_ORPHAN));
}

/*
 * Advance the clock hand over at most max_steps frames (cache_g.mu held).
 * Returns a clean, unreferenced, unpinned frame already out of the hash
 * (cf NULL), or NULL.  With dirty != NULL, the first unreferenced dirty
 * frame met is instead pinned, S-latched and marked BF_WRITING into
 * *dirty: the latch is taken here, under the stripe mutex, because the
 * evicting thread may hold latches on other pages and must never wait for
 * one (that could deadlock against the latch order of its caller).
 */
static bf *cache_clock_scan(uint64_t max_steps, bf **dirty)
{
    for (uint64_t step = 0; step < max_steps && cache_g.nframes > 0; step++) {
        if (cache_g.hand >= cache_g.nframes)
            cache_g.hand = 0;
        bf *b = cache_g.frames[cache_g.hand++];
        if (b->cf == NULL)
            continue;
        cache_stripe *s = cache_stripe_of(b->cf, b->pgno);
        pthread_mutex_lock(&s->mu);
        if (b->pins || b->latch || (b->flags & (BF_ORPHAN | BF_READING | BF_WRITING))) {
            pthread_mutex_unlock(&s->mu);
            continue;
        }
        if (b->flags & BF_REF) {
            b->flags &= ~(uint32_t)BF_REF;   /* second chance */
            pthread_mutex_unlock(&s->mu);
            continue;
        }
        if (b->flags & BF_DIRTY) {
            if (dirty != NULL) {
                b->pins++;
                b->latch = 1;
                b->flags = (b->flags | BF_WRITING) & ~(uint32_t)BF_REDIRTIED;
                pthread_mutex_unlock(&s->mu);
                *dirty = b;
                return NULL;
            }
            pthread_mutex_unlock(&s->mu);
            continue;
        }
        cache_hash_remove(s, b);
        b->cf = NULL;
        b->flags = 0;
        pthread_mutex_unlock(&s->mu);
        atomic_fetch_add_explicit(&cache_g.evictions, 1, memory_order_relaxed);
        return b;
    }
    return NULL;
}

/* Evict clean unpinned frames while over budget (cache_g.mu held). */
static void cache_trim_steps(uint64_t max_steps)
{
    while (cache_g.bytes > cache_g.budget_bytes) {
        bf *b = cache_clock_scan(max_steps, NULL);
        if (b == NULL)
            return;
        cache_frame_free(b);
    }
}

/* Evict clean unpinned frames while over budget (cache_g.mu held); dirty
 * ones are left to eviction, which writes them. */
void cache_trim(void)
{
    cache_trim_steps(2ull * cache_g.nframes);
}

/* After writing the dirty victim b (pinned by us), unpin it and take it as
 * the victim when nothing happened to it meanwhile (cache_g.mu held).
 * Taking it directly matters: otherwise a cache full of dirty pages would
 * write a whole clock revolution before meeting a clean frame. */
static bf *cache_take_written(bf *b, JET_ERR werr)
{
    cache_stripe *s = cache_stripe_of(b->cf, b->pgno);
    pthread_mutex_lock(&s->mu);
    b->pins--;
    if (werr < 0)
        b->flags |= BF_REF;   /* let the clock try other frames first */
    if (cache_frame_clean_idle(b) && !(b->flags & BF_REF)) {
        cache_hash_remove(s, b);
        b->cf = NULL;
        b->flags = 0;
        pthread_mutex_unlock(&s->mu);
        atomic_fetch_add_explicit(&cache_g.evictions, 1, memory_order_relaxed);
        return b;
    }
    cache_wake(s, b);
    pthread_mutex_unlock(&s->mu);
    return NULL;
}

/*
 * Gather the run a dirty victim is written with (cache_g.mu held): the
 * victim, then the dirty pages right after it and right before it that can
 * be claimed at once (cache_try_claim: never waiting, so an evicting thread
 * that holds latches cannot deadlock) and whose last change needs no more
 * log than the victim's (at most the victim's LSN, or known durable):
 * writing a neighbour early must not force a log flush the victim did not
 * need.  Neighbours are written and stay cached, clean, for the clock to
 * take cheaply later.  Returns the run's length; run[*vi] is the victim.
 */
static uint32_t cache_gather_run(bf *victim, bf **run, uint32_t *vi)
{
    cache_file *cf = victim->cf;
    /* Without write_pages the neighbours would cost one write each on this
     * thread: the victim goes alone. */
    uint32_t max = cf->write_pages != NULL ? cache_run_max(cf) : 1;
    cache_lsn bound = cache_durable_lsn(cf);
    if (victim->last_lsn > bound)
        bound = victim->last_lsn;
    uint32_t after = 0, before = 0;
    bf *back[CACHE_RUN_MAX];
    for (uint32_t p = victim->pgno; 1 + after < max && p < UINT32_MAX; after++) {
        bf *b = cache_try_claim(cf, ++p, 0, bound);
        if (b == NULL)
            break;
        run[1 + after] = b;   /* shifted below once `before` is known */
    }
    for (uint32_t p = victim->pgno; 1 + after + before < max && p > 0; before++) {
        bf *b = cache_try_claim(cf, --p, 0, bound);
        if (b == NULL)
            break;
        back[before] = b;
    }
    /* run = back[before-1] .. back[0], victim, the pages after it. */
    memmove(run + before + 1, run + 1, (size_t)after * sizeof *run);
    run[before] = victim;
    for (uint32_t i = 0; i < before; i++)
        run[before - 1 - i] = back[i];
    *vi = before;
    return before + 1 + after;
}

/* Give a victim's buffer the wanted size (cache_g.mu held); on failure
 * the frame is freed. */
static bool cache_frame_resize(bf *b, uint32_t size)
{
    if (b->size == size)
        return true;
    void *page = malloc(size);
    if (page == NULL) {
        cache_frame_free(b);
        return false;
    }
    free(b->page);
    cache_g.bytes = cache_g.bytes - b->size + size;
    b->page = page;
    b->size = size;
    cache_budget_update();
    return true;
}

/*
 * Get a frame of size bytes: a new one while within the budget, else the
 * clock's victim (writing dirty victims first, WAL obeyed by the write);
 * when every frame is pinned, latched or being read or written, a new one
 * above the budget — cache_get must make progress even if callers hold
 * more latches than the budget has frames — which release and later
 * obtains give back (cache_frame_unpin_locked, cache_trim_steps).
 * Returns the frame detached (cf NULL) with cache_g.mu HELD, or NULL with
 * *err and no mutex held.
 */
bf *cache_frame_obtain(uint32_t size, JET_ERR *err)
{
    int failures = 0;
    pthread_mutex_lock(&cache_g.mu);
    for (;;) {
        bf *b;
        bf *dirty = NULL;
        if (cache_g.bytes + size <= cache_g.budget_bytes) {
            b = cache_frame_new(size);
        } else {
            b = cache_clock_scan(2ull * cache_g.nframes, &dirty);
            if (b == NULL && dirty != NULL) {
                bf *run[CACHE_RUN_MAX];
                uint32_t vi;
                uint32_t n = cache_gather_run(dirty, run, &vi);
                pthread_mutex_unlock(&cache_g.mu);
                JET_ERR werr = cache_write_run(run, n);
                /* The neighbours' pins go now (unpinning may take
                 * cache_g.mu); the victim's below. */
                for (uint32_t i = 0; i < n; i++) {
                    if (i == vi)
                        continue;
                    cache_stripe *ns = cache_stripe_of(run[i]->cf, run[i]->pgno);
                    pthread_mutex_lock(&ns->mu);
                    cache_frame_unpin_locked(ns, run[i]);
                }
                pthread_mutex_lock(&cache_g.mu);
                b = cache_take_written(dirty, werr);
                if (b == NULL) {
                    if (werr < 0 && ++failures >= CACHE_WRITE_TRIES) {
                        pthread_mutex_unlock(&cache_g.mu);
                        *err = werr;
                        return NULL;
                    }
                    continue;
                }
            }
            if (b == NULL) {
                b = cache_frame_new(size);   /* all in use: above budget */
            } else {
                if (!cache_frame_resize(b, size)) {
                    pthread_mutex_unlock(&cache_g.mu);
                    *err = JET_errOutOfMemory;
                    return NULL;
                }
                /* Above budget — the victim was smaller than the page
                 * wanted, or an earlier squeeze left excess frames that
                 * were dirty when released: shed a few clean frames on the
                 * way so the cache converges back to the budget. */
                if (cache_g.bytes > cache_g.budget_bytes)
                    cache_trim_steps(CACHE_TRIM_STEPS);
            }
        }
        if (b == NULL) {
            pthread_mutex_unlock(&cache_g.mu);
            *err = JET_errOutOfMemory;
            return NULL;
        }
        return b;
    }
}

/* Drop one pin (stripe mutex of b held, released on return). */
void cache_frame_unpin_locked(cache_stripe *s, bf *b)
{
    if (b->pins == 1 &&
        ((b->flags & BF_ORPHAN) || atomic_load_explicit(&cache_g.over, memory_order_relaxed))) {
        /* We may free the frame, which needs cache_g.mu, taken before the
         * stripe mutex; our pin keeps b alive while we switch. */
        pthread_mutex_unlock(&s->mu);
        pthread_mutex_lock(&cache_g.mu);
        pthread_mutex_lock(&s->mu);
        b->pins--;
        if (b->pins == 0 && (b->flags & BF_ORPHAN)) {
            /* Out of the hash and skipped by the clock: nobody else can
             * reach it now that the last pin is gone. */
            pthread_mutex_unlock(&s->mu);
            b->cf = NULL;
            cache_frame_free(b);
            pthread_mutex_unlock(&cache_g.mu);
            return;
        }
        if (cache_g.bytes > cache_g.budget_bytes && cache_frame_clean_idle(b) && b->waiters == 0) {
            cache_hash_remove(s, b);
            b->cf = NULL;
            b->flags = 0;
            pthread_mutex_unlock(&s->mu);
            cache_frame_free(b);
            atomic_fetch_add_explicit(&cache_g.evictions, 1, memory_order_relaxed);
            pthread_mutex_unlock(&cache_g.mu);
            return;
        }
        cache_wake(s, b);
        pthread_mutex_unlock(&s->mu);
        pthread_mutex_unlock(&cache_g.mu);
        return;
    }
    b->pins--;
    cache_wake(s, b);
    pthread_mutex_unlock(&s->mu);
}
