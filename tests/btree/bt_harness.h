/*
 * bt_harness.h: what the B-tree tests share — an environment for a tree
 * (page allocator with a free list, dbtime counter, in-memory log that
 * keeps every record) over either the fake cache (fake_cache.c) or the
 * real one (BT_TEST_REAL_CACHE, pages stored in memory behind it).
 */
#ifndef JETDB_TESTS_BT_HARNESS_H
#define JETDB_TESTS_BT_HARNESS_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "btree/btree.h"

typedef struct h_store h_store;

typedef struct h_env {
    bt_env env;
    pthread_mutex_t mu;
    uint32_t hwm;              /* highest page number handed out */
    uint32_t *freelist;
    size_t nfree, capfree;
    uint8_t *isfree;           /* by pgno, sized capisfree */
    size_t capisfree;
    uint64_t allocs, frees;
    long fail_alloc_in;        /* > 0: the Nth allocation from now fails */
    _Atomic uint64_t dbtime;
    bool keep_log;
    uint8_t **recs;
    size_t *lens;
    size_t nrecs, caprecs;
    h_store *store;            /* real cache only */
} h_env;

/* A fresh environment (and cache file) for pages of ps bytes. */
h_env *h_new(uint32_t ps);
void h_free(h_env *h);
/* Images of pages 0..hwm (page p at offset p*ps), malloc'd; *npages = hwm+1. */
uint8_t *h_image(h_env *h, uint32_t *npages);
/* Latches currently held (fake cache; 0 with the real one). */
long h_latched(void);

/* Deterministic value bytes for (seed, length). */
void h_fill(uint8_t *buf, size_t len, uint32_t seed);

#endif
