/*
 * cache.c: the process-wide buffer cache's global state — lazy
 * initialisation, the memory budget, statistics, and the registration of
 * database files (cache_file_open / cache_file_close).
 *
 * Lookups and latches live in cache_get.c, frame allocation and clock
 * eviction in cache_frame.c, write-back and flushes in cache_write.c; the
 * structures and the lock order are described in cache_int.h.
 */
#include "cache/cache_int.h"

#include <stdlib.h>

#include "page/page.h"
#include "util/err.h"
#include "util/util.h"

/* Budget used until the instance layer calls cache_set_budget (JetInit
 * always does): 8192 pages, 64 MiB of 8 KiB pages. */
#define CACHE_DEFAULT_MAX_PAGES 8192u
#define CACHE_DEFAULT_MIN_PAGES 16u

_Static_assert(sizeof(bf) <= 96, "frame header stays small: it is paid per resident page");

cache_global cache_g;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;

/* pthread_once body: mutexes, condition variables, first hash tables. */
static void cache_init_global(void)
{
    pthread_mutex_init(&cache_g.mu, NULL);
    for (uint32_t i = 0; i < CACHE_NSTRIPES; i++) {
        cache_stripe *s = &cache_g.stripes[i];
        pthread_mutex_init(&s->mu, NULL);
        pthread_cond_init(&s->cv, NULL);
        s->buckets = s->initial;
        s->nbuckets = CACHE_STRIPE_BUCKETS0;
    }
    cache_g.max_pages = CACHE_DEFAULT_MAX_PAGES;
    cache_g.min_pages = CACHE_DEFAULT_MIN_PAGES;
    cache_budget_update();
}

/* Initialise the global cache once (every entry point that can run first
 * calls it; pthread_once makes the race between first callers safe). */
void cache_init(void)
{
    pthread_once(&cache_once, cache_init_global);
}

/* Index of a page size in files_by_size (sizes were validated at open). */
static unsigned cache_size_slot(uint32_t cb)
{
    return cb <= 4096 ? 0u : cb <= 8192 ? 1u : cb <= 16384 ? 2u : 3u;
}

/* Recompute budget_bytes and the over flag (cache_g.mu held).  The budget
 * counts pages of the largest page size any open file uses, so a budget of
 * N pages never holds more than N such pages and proportionally more of
 * smaller ones: memory, not a page count, is what the budget protects. */
void cache_budget_update(void)
{
    uint32_t largest = PG_SIZE_MIN;
    for (unsigned i = 0; i < 4; i++)
        if (cache_g.files_by_size[i])
            largest = PG_SIZE_MIN << i;
    uint64_t bytes;
    if (!util_u64_mul(cache_g.max_pages, largest, &bytes))
        bytes = UINT64_MAX;
    cache_g.budget_bytes = bytes;
    atomic_store_explicit(&cache_g.over, cache_g.bytes > bytes, memory_order_relaxed);
}

/* Set the budget (pages of the largest page size in use).  Lowering it
 * evicts clean unlatched frames at once; dirty ones go as eviction writes
 * them.  Frames are allocated on demand, so min only bounds max from
 * below: the cache never holds memory it has not needed. */
void cache_set_budget(uint64_t min_pages, uint64_t max_pages)
{
    cache_init();
    if (max_pages == 0)
        max_pages = 1;
    if (min_pages > max_pages)
        min_pages = max_pages;
    pthread_mutex_lock(&cache_g.mu);
    cache_g.min_pages = min_pages;
    cache_g.max_pages = max_pages;
    cache_budget_update();
    cache_trim();
    pthread_mutex_unlock(&cache_g.mu);
}

/* Copy the counters; resident and bytes are a consistent snapshot, the
 * event counters are each exact but not mutually atomic. */
void cache_get_stats(cache_stats *st)
{
    cache_init();
    st->hits = atomic_load_explicit(&cache_g.hits, memory_order_relaxed);
    st->misses = atomic_load_explicit(&cache_g.misses, memory_order_relaxed);
    st->reads = atomic_load_explicit(&cache_g.reads, memory_order_relaxed);
    st->writes = atomic_load_explicit(&cache_g.writes, memory_order_relaxed);
    st->evictions = atomic_load_explicit(&cache_g.evictions, memory_order_relaxed);
    st->write_ios = atomic_load_explicit(&cache_g.write_ios, memory_order_relaxed);
    int64_t dirty = atomic_load_explicit(&cache_g.dirty, memory_order_relaxed);
    st->dirty = dirty > 0 ? (uint64_t)dirty : 0;
    pthread_mutex_lock(&cache_g.mu);
    st->resident = cache_g.nframes;
    st->budget_pages = cache_g.max_pages;
    st->bytes = cache_g.bytes;
    st->budget_bytes = cache_g.budget_bytes;
    pthread_mutex_unlock(&cache_g.mu);
}

/* Register a database file with the cache. */
JET_ERR cache_file_open(const cache_file_ops *ops, void *ctx, uint32_t page_size,
                        cache_file **out)
{
    if (out == NULL || ops == NULL || ops->read_page == NULL || ops->write_page == NULL ||
        !pg_size_valid(page_size))
        return JET_errInvalidParameter;
    *out = NULL;
    cache_init();
    cache_file *cf = calloc(1, sizeof *cf);
    if (cf == NULL)
        return JET_errOutOfMemory;
    cf->ops = *ops;
    cf->ctx = ctx;
    cf->page_size = page_size;
    pthread_mutex_init(&cf->mu, NULL);
    pthread_mutex_lock(&cache_g.mu);
    cache_g.files_by_size[cache_size_slot(page_size)]++;
    cache_budget_update();
    pthread_mutex_unlock(&cache_g.mu);
    *out = cf;
    return JET_errSuccess;
}

/* Give cf a write_pages callback (before the file is used). */
void cache_file_set_write_pages(cache_file *cf, cache_write_pages_fn fn)
{
    if (cf != NULL)
        cf->write_pages = fn;
}

/* Drop every frame of cf (dirty ones included) and forget it.  No page of
 * cf may be latched; a frame pinned by another thread's eviction write is
 * waited for, since that writer still uses cf's callbacks. */
void cache_file_close(cache_file *cf)
{
    if (cf == NULL)
        return;
    for (;;) {
        bf *busy = NULL;
        pthread_mutex_lock(&cache_g.mu);
        /* Downwards, because cache_frame_free moves the last frame into
         * the freed slot, and that one has been looked at already. */
        for (uint32_t i = cache_g.nframes; i-- > 0;) {
            bf *b = cache_g.frames[i];
            if (b->cf != cf)
                continue;
            cache_stripe *s = cache_stripe_of(cf, b->pgno);
            pthread_mutex_lock(&s->mu);
            if (b->pins) {
                /* Our own pin keeps b alive while we wait without
                 * cache_g.mu (the unpinner may need it). */
                b->pins++;
                busy = b;
                pthread_mutex_unlock(&s->mu);
                break;
            }
            if (!(b->flags & BF_ORPHAN))
                cache_hash_remove(s, b);
            if (b->flags & BF_DIRTY) {
                pthread_mutex_lock(&cf->mu);
                cache_dirty_unlink(cf, b);
                pthread_mutex_unlock(&cf->mu);
                atomic_fetch_sub_explicit(&cache_g.dirty, 1, memory_order_relaxed);
            }
            b->cf = NULL;
            b->flags = 0;
            pthread_mutex_unlock(&s->mu);
            cache_frame_free(b);
        }
        if (busy == NULL) {
            cache_g.files_by_size[cache_size_slot(cf->page_size)]--;
            cache_budget_update();
            cache_trim();
            pthread_mutex_unlock(&cache_g.mu);
            break;
        }
        pthread_mutex_unlock(&cache_g.mu);
        cache_stripe *s = cache_stripe_of(cf, busy->pgno);
        pthread_mutex_lock(&s->mu);
        busy->waiters++;
        while (busy->pins > 1)
            pthread_cond_wait(&s->cv, &s->mu);
        busy->waiters--;
        /* Back to 0 pins: the next pass frees it. */
        busy->pins--;
        pthread_mutex_unlock(&s->mu);
    }
    pthread_mutex_destroy(&cf->mu);
    free(cf);
}
