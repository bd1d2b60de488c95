/*
 * bt_harness.c: the tests' tree environment — see bt_harness.h.
 */
#include "bt_harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache/cache.h"
#include "page/page.h"

#ifndef BT_TEST_REAL_CACHE
long fake_cache_latched(void);
void fake_cache_image(cache_file *cf, uint32_t pgno, void *buf);
#endif

/* Abort on a broken invariant of the harness itself. */
static void die(const char *what, uint32_t pgno)
{
    fprintf(stderr, "harness: %s (page %u)\n", what, pgno);
    abort();
}

static JET_ERR h_alloc(void *ctx, uint32_t *pgno)
{
    h_env *h = ctx;
    pthread_mutex_lock(&h->mu);
    if (h->fail_alloc_in > 0 && --h->fail_alloc_in == 0) {
        pthread_mutex_unlock(&h->mu);
        return JET_errOutOfDatabaseSpace;
    }
    uint32_t p;
    if (h->nfree) {
        p = h->freelist[--h->nfree];
    } else {
        p = ++h->hwm;
        if (p >= h->capisfree) {
            size_t cap = h->capisfree ? h->capisfree * 2 : 1024;
            h->isfree = realloc(h->isfree, cap);
            memset(h->isfree + h->capisfree, 0, cap - h->capisfree);
            h->capisfree = cap;
        }
    }
    h->isfree[p] = 0;
    h->allocs++;
    pthread_mutex_unlock(&h->mu);
    *pgno = p;
    return JET_errSuccess;
}

static JET_ERR h_freepg(void *ctx, uint32_t pgno)
{
    h_env *h = ctx;
    pthread_mutex_lock(&h->mu);
    if (pgno == 0 || pgno > h->hwm || h->isfree[pgno])
        die("bad or double free", pgno);
    h->isfree[pgno] = 1;
    if (h->nfree == h->capfree) {
        h->capfree = h->capfree ? h->capfree * 2 : 256;
        h->freelist = realloc(h->freelist, sizeof *h->freelist * h->capfree);
    }
    h->freelist[h->nfree++] = pgno;
    h->frees++;
    pthread_mutex_unlock(&h->mu);
    return JET_errSuccess;
}

static uint64_t h_dbtime(void *ctx)
{
    h_env *h = ctx;
    return atomic_fetch_add(&h->dbtime, 1) + 1;
}

static JET_ERR h_log(void *ctx, const void *rec, size_t len, uint64_t *lsn)
{
    h_env *h = ctx;
    pthread_mutex_lock(&h->mu);
    if (h->nrecs == h->caprecs) {
        h->caprecs = h->caprecs ? h->caprecs * 2 : 1024;
        h->recs = realloc(h->recs, sizeof *h->recs * h->caprecs);
        h->lens = realloc(h->lens, sizeof *h->lens * h->caprecs);
    }
    if (h->keep_log) {
        h->recs[h->nrecs] = malloc(len);
        memcpy(h->recs[h->nrecs], rec, len);
    } else {
        h->recs[h->nrecs] = NULL;
    }
    h->lens[h->nrecs] = len;
    *lsn = ++h->nrecs;
    pthread_mutex_unlock(&h->mu);
    return JET_errSuccess;
}

void h_fill(uint8_t *buf, size_t len, uint32_t seed)
{
    uint32_t x = seed * 2654435761u + 12345u;
    for (size_t i = 0; i < len; i++) {
        x = x * 1103515245u + 12345u;
        buf[i] = (uint8_t)(x >> 16);
    }
}

#ifdef BT_TEST_REAL_CACHE
/* The "file" behind the real cache: sealed page images in memory. */
struct h_store {
    pthread_mutex_t mu;
    uint32_t ps;
    uint8_t **pages;
    uint32_t cap;
};

static JET_ERR st_read(void *ctx, uint32_t pgno, void *buf)
{
    h_store *s = ctx;
    pthread_mutex_lock(&s->mu);
    if (pgno < s->cap && s->pages[pgno])
        memcpy(buf, s->pages[pgno], s->ps);
    else
        memset(buf, 0, s->ps);
    pthread_mutex_unlock(&s->mu);
    JET_ERR err = pg_verify(buf, s->ps, pgno);
    return err < 0 ? err : pg_check_structure(buf, s->ps);
}

static JET_ERR st_write(void *ctx, uint32_t pgno, const void *buf)
{
    h_store *s = ctx;
    pthread_mutex_lock(&s->mu);
    if (pgno >= s->cap) {
        uint32_t cap = s->cap ? s->cap : 64;
        while (cap <= pgno)
            cap *= 2;
        s->pages = realloc(s->pages, sizeof *s->pages * cap);
        memset(s->pages + s->cap, 0, sizeof *s->pages * (cap - s->cap));
        s->cap = cap;
    }
    if (s->pages[pgno] == NULL)
        s->pages[pgno] = malloc(s->ps);
    memcpy(s->pages[pgno], buf, s->ps);
    pthread_mutex_unlock(&s->mu);
    return JET_errSuccess;
}

static JET_ERR st_sync(void *ctx)
{
    (void)ctx;
    return JET_errSuccess;
}

static const cache_file_ops st_ops = { st_read, st_write, NULL, st_sync };
#endif

h_env *h_new(uint32_t ps)
{
    h_env *h = calloc(1, sizeof *h);
    pthread_mutex_init(&h->mu, NULL);
    h->keep_log = true;
    h->env.page_size = ps;
    h->env.dbid = 1;
    h->env.ctx = h;
    h->env.alloc_page = h_alloc;
    h->env.free_page = h_freepg;
    h->env.next_dbtime = h_dbtime;
    h->env.log_record = h_log;
    JET_ERR err;
#ifdef BT_TEST_REAL_CACHE
    h->store = calloc(1, sizeof *h->store);
    pthread_mutex_init(&h->store->mu, NULL);
    h->store->ps = ps;
    cache_set_budget(16, 384);   /* small: evictions, writes and re-reads happen */
    err = cache_file_open(&st_ops, h->store, ps, &h->env.cf);
#else
    err = cache_file_open(NULL, NULL, ps, &h->env.cf);
#endif
    if (err < 0)
        die("cache_file_open failed", 0);
    return h;
}

void h_free(h_env *h)
{
    cache_file_close(h->env.cf);
    for (size_t i = 0; i < h->nrecs; i++)
        free(h->recs[i]);
    free(h->recs);
    free(h->lens);
    free(h->freelist);
    free(h->isfree);
#ifdef BT_TEST_REAL_CACHE
    for (uint32_t i = 0; i < h->store->cap; i++)
        free(h->store->pages[i]);
    free(h->store->pages);
    pthread_mutex_destroy(&h->store->mu);
    free(h->store);
#endif
    pthread_mutex_destroy(&h->mu);
    free(h);
}

uint8_t *h_image(h_env *h, uint32_t *npages)
{
    uint32_t ps = h->env.page_size, n = h->hwm + 1;
    uint8_t *img = calloc(n, ps);
#ifdef BT_TEST_REAL_CACHE
    if (cache_flush_file(h->env.cf) < 0)
        die("flush failed", 0);
    pthread_mutex_lock(&h->store->mu);
    for (uint32_t p = 1; p < n; p++)
        if (p < h->store->cap && h->store->pages[p])
            memcpy(img + (size_t)p * ps, h->store->pages[p], ps);
    pthread_mutex_unlock(&h->store->mu);
#else
    for (uint32_t p = 1; p < n; p++)
        fake_cache_image(h->env.cf, p, img + (size_t)p * ps);
#endif
    *npages = n;
    return img;
}

long h_latched(void)
{
#ifdef BT_TEST_REAL_CACHE
    return 0;
#else
    return fake_cache_latched();
#endif
}
