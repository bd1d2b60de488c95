/*
 * fake_cache.c: an in-memory stand-in for the buffer cache (cache.h), so
 * the B-tree tests do not depend on src/cache.  Every page ever touched
 * stays resident; latches are a mutex + condition variable per frame
 * (S yields to a waiting X), like the real cache's, so that TSan checks
 * data races through them without reading the B-tree's deliberate
 * out-of-order latching (made safe by the tree lock) as lock-order
 * inversions; bf_dirty checks that the page is X-latched and keeps LSNs.  A page got with CACHE_NEW is filled with
 * garbage first, to catch code that trusts a new page's old content.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bt_harness.h"
#include "cache/cache.h"

struct bf {
    cache_file *cf;
    uint32_t pgno;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int latch;          /* -1 X, > 0 number of S holders */
    int xwait;
    atomic_int xheld;
    uint64_t first_lsn, last_lsn;
    bool dirty;
    uint8_t *page;
};

struct cache_file {
    uint32_t ps;
    pthread_mutex_t mu;
    bf **pages;
    uint32_t cap;
};

static atomic_long latched;

JET_ERR cache_file_open(const cache_file_ops *ops, void *ctx, uint32_t page_size,
                        cache_file **out)
{
    (void)ops;
    (void)ctx;
    cache_file *cf = calloc(1, sizeof *cf);
    cf->ps = page_size;
    pthread_mutex_init(&cf->mu, NULL);
    *out = cf;
    return JET_errSuccess;
}

void cache_file_close(cache_file *cf)
{
    for (uint32_t i = 0; i < cf->cap; i++) {
        if (cf->pages[i]) {
            pthread_mutex_destroy(&cf->pages[i]->mu);
            pthread_cond_destroy(&cf->pages[i]->cv);
            free(cf->pages[i]->page);
            free(cf->pages[i]);
        }
    }
    free(cf->pages);
    pthread_mutex_destroy(&cf->mu);
    free(cf);
}

/* The frame of pgno, created on first use. */
static bf *frame(cache_file *cf, uint32_t pgno)
{
    pthread_mutex_lock(&cf->mu);
    if (pgno >= cf->cap) {
        uint32_t cap = cf->cap ? cf->cap : 64;
        while (cap <= pgno)
            cap *= 2;
        cf->pages = realloc(cf->pages, sizeof *cf->pages * cap);
        memset(cf->pages + cf->cap, 0, sizeof *cf->pages * (cap - cf->cap));
        cf->cap = cap;
    }
    bf *b = cf->pages[pgno];
    if (b == NULL) {
        b = calloc(1, sizeof *b);
        b->cf = cf;
        b->pgno = pgno;
        pthread_mutex_init(&b->mu, NULL);
        pthread_cond_init(&b->cv, NULL);
        b->page = aligned_alloc(64, cf->ps);
        memset(b->page, 0, cf->ps);
        cf->pages[pgno] = b;
    }
    pthread_mutex_unlock(&cf->mu);
    return b;
}

JET_ERR cache_get(cache_file *cf, uint32_t pgno, cache_latch latch, unsigned flags, bf **out)
{
    if (pgno == 0) {
        fprintf(stderr, "fake cache: get of page 0\n");
        abort();
    }
    bf *b = frame(cf, pgno);
    pthread_mutex_lock(&b->mu);
    if (latch == CACHE_X) {
        b->xwait++;
        while (b->latch != 0)
            pthread_cond_wait(&b->cv, &b->mu);
        b->xwait--;
        b->latch = -1;
        atomic_store(&b->xheld, 1);
    } else {
        while (b->latch < 0 || b->xwait > 0)
            pthread_cond_wait(&b->cv, &b->mu);
        b->latch++;
    }
    pthread_mutex_unlock(&b->mu);
    if (latch == CACHE_X && (flags & CACHE_NEW))
        memset(b->page, 0xA5, cf->ps);
    atomic_fetch_add(&latched, 1);
    *out = b;
    return JET_errSuccess;
}

void cache_release(bf *b)
{
    atomic_fetch_sub(&latched, 1);
    pthread_mutex_lock(&b->mu);
    if (b->latch < 0) {
        atomic_store(&b->xheld, 0);
        b->latch = 0;
    } else {
        b->latch--;
    }
    pthread_cond_broadcast(&b->cv);
    pthread_mutex_unlock(&b->mu);
}

void *bf_page(bf *b)
{
    return b->page;
}

uint32_t bf_pgno(const bf *b)
{
    return b->pgno;
}

void bf_dirty(bf *b, cache_lsn lsn)
{
    if (!atomic_load(&b->xheld)) {
        fprintf(stderr, "fake cache: bf_dirty without X latch on %u\n", b->pgno);
        abort();
    }
    if (!b->dirty) {
        b->dirty = true;
        b->first_lsn = lsn;
    }
    if (lsn < b->last_lsn) {
        fprintf(stderr, "fake cache: LSN going back on %u\n", b->pgno);
        abort();
    }
    b->last_lsn = lsn;
}

JET_ERR cache_flush_file(cache_file *cf)
{
    (void)cf;
    return JET_errSuccess;
}

cache_lsn cache_oldest_dirty_lsn(cache_file *cf)
{
    (void)cf;
    return 0;
}

JET_ERR cache_flush_below(cache_file *cf, cache_lsn lsn)
{
    (void)cf;
    (void)lsn;
    return JET_errSuccess;
}

void cache_get_stats(cache_stats *st)
{
    memset(st, 0, sizeof *st);
}

void cache_set_budget(uint64_t min_pages, uint64_t max_pages)
{
    (void)min_pages;
    (void)max_pages;
}

/* ---- test-only access --------------------------------------------------- */

long fake_cache_latched(void)
{
    return atomic_load(&latched);
}

void fake_cache_image(cache_file *cf, uint32_t pgno, void *buf)
{
    bf *b;
    cache_get(cf, pgno, CACHE_S, 0, &b);
    memcpy(buf, b->page, cf->ps);
    cache_release(b);
}
