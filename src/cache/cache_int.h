/*
 * cache_int.h: the buffer cache's private structures, shared by the files
 * of src/cache/ (cache.c: global state, budget, files; cache_frame.c:
 * frame allocation, clock eviction, trimming; cache_get.c: lookup and
 * latches; cache_write.c: write-back and flushes).
 *
 * Locks, in the only order they may be taken:
 *   1. cache_g.mu        frames[], clock hand, bytes, budget, page sizes
 *   2. stripe->mu        that stripe's hash chains and the state of every
 *                        frame whose (cf, pgno) hashes to it
 *   3. cf->mu            the file's dirty list and each listed frame's
 *                        first_lsn
 * A thread never waits for a page latch while holding any of these
 * mutexes except the stripe mutex it waits on (pthread_cond_wait), and
 * never does I/O while holding any of them.
 */
#ifndef JETDB_CACHE_CACHE_INT_H
#define JETDB_CACHE_CACHE_INT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "cache/cache.h"

/* Stripes of the hash table: 64 independent mutexes keep lookups on
 * different pages from serialising on one lock. */
#define CACHE_NSTRIPES 64u
#define CACHE_STRIPE_SHIFT 58u       /* top 6 bits of the hash pick the stripe */
#define CACHE_STRIPE_BUCKETS0 16u    /* buckets a stripe starts with */

/* Frame state bits (bf.flags; stripe mutex). */
enum {
    BF_VALID = 0x01,     /* page bytes are the page (read, or NEW) */
    BF_READING = 0x02,   /* first fill in flight; the filler holds X */
    BF_DIRTY = 0x04,     /* changed since last written; on cf's dirty list */
    BF_WRITING = 0x08,   /* a write of a copy is in flight (one at a time) */
    BF_REDIRTIED = 0x10, /* dirtied again after the in-flight copy was taken */
    BF_ORPHAN = 0x20,    /* its read failed: out of the hash, freed by the
                            last unpin; nobody else can find it */
    BF_REF = 0x40,       /* clock's second-chance bit, set on every get */
};

/*
 * A buffer frame: 96 bytes of header plus the page buffer, and 8 bytes of
 * frames[] and about 8 of hash buckets per frame.  Nothing is kept per
 * page that is not resident, so memory is bounded by the frames alone.
 */
struct bf {
    cache_file *cf;         /* identity; changes only under cache_g.mu and
                               the stripe mutex, never while pinned */
    bf *hnext;              /* hash chain (stripe mutex) */
    bf *dnext, *dprev;      /* cf's dirty list (cf->mu) */
    void *page;             /* size bytes, at least 16-byte aligned */
    cache_lsn first_lsn;    /* LSN that first dirtied it since last written
                               (stripe mutex and cf->mu to change) */
    cache_lsn last_lsn;     /* LSN of its latest change: the WAL bound */
    cache_lsn redirty_lsn;  /* first LSN dirtying it while a write was in
                               flight; becomes first_lsn if that write wins */
    uint32_t pgno;          /* identity, with cf */
    uint32_t size;          /* bytes of page (the file's page size) */
    uint32_t index;         /* position in cache_g.frames (cache_g.mu) */
    uint32_t pins;          /* holders, waiters, writers: > 0 = not evictable */
    int32_t latch;          /* 0 free, > 0 S holders, -1 X */
    uint16_t waiters;       /* threads in cond_wait on this frame */
    uint16_t xwait;         /* of which waiting for X (S then yields) */
    uint32_t flags;         /* BF_* */
};

/* One stripe of the page table, with the condition variable every waiter
 * on one of its frames sleeps on. */
typedef struct cache_stripe {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bf **buckets;           /* nbuckets chains (power of two) */
    uint32_t nbuckets;
    uint32_t count;         /* frames hashed here */
    bf *initial[CACHE_STRIPE_BUCKETS0]; /* first table: never fails to exist */
} __attribute__((aligned(64))) cache_stripe;

/* A registered database file. */
struct cache_file {
    cache_file_ops ops;     /* copied at open */
    cache_write_pages_fn write_pages; /* NULL: runs are written page by page */
    void *ctx;
    uint32_t page_size;
    pthread_mutex_t mu;     /* dirty list */
    bf *dirty_head;         /* frames with BF_DIRTY, most recently dirtied first */
    uint64_t ndirty;
    _Atomic cache_lsn durable; /* the log is known durable up to here (a
                               successful flush_log, or cache_log_durable) */
};

/* The process-wide cache. */
typedef struct cache_global {
    pthread_mutex_t mu;
    bf **frames;            /* every frame (the clock's ring) */
    uint32_t nframes, cap;
    uint32_t hand;          /* clock hand: next index to look at */
    uint64_t bytes;         /* sum of frames' page sizes */
    uint64_t budget_bytes;  /* max_pages * largest page size in use */
    uint64_t min_pages, max_pages;
    uint32_t files_by_size[4]; /* open files of 4, 8, 16, 32 KiB pages */
    atomic_bool over;       /* bytes > budget_bytes: release trims */
    atomic_uint_fast64_t hits, misses, reads, writes, evictions, write_ios;
    atomic_int_fast64_t dirty;
    cache_stripe stripes[CACHE_NSTRIPES];
} cache_global;

extern cache_global cache_g;

/* Initialise the global cache once (pthread_once). */
void cache_init(void);

/* Hash of a page identity (a 64-bit mix: consecutive pgnos spread). */
static inline uint64_t cache_hash(const cache_file *cf, uint32_t pgno)
{
    uint64_t h = (uint64_t)(uintptr_t)cf ^ ((uint64_t)pgno * 0x9E3779B97F4A7C15ull);
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return h;
}

/* The stripe owning page (cf, pgno). */
static inline cache_stripe *cache_stripe_of(const cache_file *cf, uint32_t pgno)
{
    return &cache_g.stripes[cache_hash(cf, pgno) >> CACHE_STRIPE_SHIFT];
}

/* Wake the frame's waiters, if any (stripe mutex held). */
static inline void cache_wake(cache_stripe *s, const bf *b)
{
    if (b->waiters)
        pthread_cond_broadcast(&s->cv);
}

/* Put b at the head of cf's dirty list (cf->mu held). */
static inline void cache_dirty_link(cache_file *cf, bf *b)
{
    b->dprev = NULL;
    b->dnext = cf->dirty_head;
    if (cf->dirty_head)
        cf->dirty_head->dprev = b;
    cf->dirty_head = b;
    cf->ndirty++;
}

/* Take b off cf's dirty list (cf->mu held). */
static inline void cache_dirty_unlink(cache_file *cf, bf *b)
{
    if (b->dprev)
        b->dprev->dnext = b->dnext;
    else
        cf->dirty_head = b->dnext;
    if (b->dnext)
        b->dnext->dprev = b->dprev;
    b->dnext = b->dprev = NULL;
    cf->ndirty--;
}

/* Recompute budget_bytes and the over flag (cache_g.mu held). */
void cache_budget_update(void);

/* --- cache_get.c --- */
/* Find (cf, pgno) in its stripe (stripe mutex held). */
bf *cache_lookup(cache_stripe *s, const cache_file *cf, uint32_t pgno);
/* Unlink b from its stripe's hash (stripe mutex held). */
void cache_hash_remove(cache_stripe *s, bf *b);

/* --- cache_frame.c --- */
/* Get a frame of `size` bytes, evicting (and writing) as needed; returns
 * it detached (cf NULL) with cache_g.mu HELD, or NULL and *err. */
bf *cache_frame_obtain(uint32_t size, JET_ERR *err);
/* Forget a detached frame and free it (cache_g.mu held). */
void cache_frame_free(bf *b);
/* Drop one pin (stripe mutex of b held; released on return): the last
 * pin of an orphan frees it, and while over budget the last pin of a clean
 * frame evicts it, so the cache shrinks back as frames unlatch. */
void cache_frame_unpin_locked(cache_stripe *s, bf *b);
/* Evict clean unpinned frames while over budget (cache_g.mu held). */
void cache_trim(void);

/* --- cache_write.c --- */
/* Most pages one write-back run holds (whatever the page size). */
#define CACHE_RUN_MAX 64u
/* Most pages of one run of cf: as many as fit in the run buffer (256 KiB),
 * at most CACHE_RUN_MAX. */
uint32_t cache_run_max(const cache_file *cf);
/* Claim page pgno of cf for writing if that needs no wait: it is cached,
 * dirty (first dirtied below `below`, 0 = any; last changed at or before
 * max_lsn), not being written, and its S latch is free to take.  Returns
 * it pinned, S-latched and BF_WRITING, else NULL.  Takes its stripe mutex
 * (cache_g.mu may be held). */
bf *cache_try_claim(cache_file *cf, uint32_t pgno, cache_lsn below, cache_lsn max_lsn);
/* The LSN up to which cf's log is known durable (0: nothing known). */
cache_lsn cache_durable_lsn(cache_file *cf);
/* Write claimed frames (pinned, S-latched, BF_WRITING) of the adjacent
 * pages frames[0]->pgno, +1, ... of one file (no mutex held): copy each
 * and drop its latch, WAL up to the highest LSN, seal, write (one
 * write_pages call, or page by page).  Written pages become clean, failed
 * ones stay dirty; the pins stay with the caller.  First error returned. */
JET_ERR cache_write_run(bf *const *frames, uint32_t n);
/* cache_write_run of one frame. */
JET_ERR cache_write_frame(bf *b);

#endif
