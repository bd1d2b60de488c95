/*
 * cache.h: the buffer cache — database pages in memory.
 *
 * One cache serves the whole process (ESE's JET_paramCacheSizeMax and
 * CacheSizeMin are global); each open database file registers with it as a
 * cache_file, giving the callbacks that read and write its pages and that
 * make the log durable up to an LSN.
 *
 * Rules the cache enforces:
 *  - WAL: a dirty page is written only after log_flush(page_lsn) succeeded,
 *    where page_lsn is the LSN of the last log record that changed it.
 *  - Every page read is verified by the file's read callback (checksum,
 *    page number, structure); a failed read leaves nothing in the cache.
 *  - Every page written is sealed (checksum) by the cache just before the
 *    write callback, from a private copy, so writers can keep latching and
 *    changing the page while it is being written.
 *  - Write-back goes in runs of adjacent dirty pages (flushes lowest page
 *    first; eviction writes the victim's dirty neighbours with it), one
 *    write_pages call per run when the file provides it; the log is made
 *    durable up to the highest LSN of the run's pages first.
 *  - Budget: at most JET_paramCacheSizeMax pages (global parameter, in
 *    pages of the largest page size in use) are resident; eviction uses a
 *    clock and never evicts a latched/pinned page; evicting a dirty page
 *    writes it first (obeying WAL).  The budget is enforced in bytes:
 *    max_pages * (largest page size of the open files), so files with
 *    smaller pages get proportionally more frames.  When every frame is
 *    latched, pinned or in I/O, cache_get allocates above the budget
 *    rather than fail or wait; the excess is given back as frames are
 *    released (clean ones at once, dirty ones as eviction writes them).
 *  - Checkpoint: cache_oldest_dirty_lsn() is the smallest "first dirtied
 *    at" LSN over the file's dirty pages: everything before it is on disk.
 *
 * Latches: a page is held with a shared (S) or exclusive (X) latch while a
 * caller reads or changes it; no torn reads are possible because changes
 * happen only under X.  Callers latch pages in a consistent order (B-tree:
 * top-down, left-to-right) to avoid deadlocks.  Latches are not recursive
 * (a thread asking again for a page it holds may deadlock), and a waiting
 * X request holds back new S requests so writers are not starved.
 *
 * Re-entrancy: a cache_get that must evict may write a dirty page of ANY
 * registered file, i.e. call that file's flush_log and write_page on the
 * caller's thread.  Callers of cache_get must therefore not hold a lock
 * those callbacks take (e.g. the log buffer's mutex).  The flush functions
 * wait for X latches on the file's pages, so their caller must hold no
 * latch of that file.
 */
#ifndef JETDB_CACHE_CACHE_H
#define JETDB_CACHE_CACHE_H

#include <stdbool.h>
#include <stdint.h>

#include "esent.h"

typedef uint64_t cache_lsn;   /* same encoding as log_lsn (src/log) */

/* Callbacks a database file gives the cache. */
typedef struct cache_file_ops {
    /* Read page pgno into buf (cb = page size) and verify it. */
    JET_ERR (*read_page)(void *ctx, uint32_t pgno, void *buf);
    /* Write page pgno from buf (already sealed). */
    JET_ERR (*write_page)(void *ctx, uint32_t pgno, const void *buf);
    /* Make the log durable up to and including lsn (WAL rule); may be NULL
     * when the database is not logged (recovery off). */
    JET_ERR (*flush_log)(void *ctx, cache_lsn lsn);
    /* Make written pages durable (fdatasync of the file). */
    JET_ERR (*sync)(void *ctx);
} cache_file_ops;

/* Optional callback of a file (cache_file_set_write_pages): write the n
 * pages pgno, pgno + 1, ... stored one after the other in buf (n * page
 * size bytes, each already sealed), as one I/O.  For the cache it
 * succeeds or fails as a whole: after an error every page of the run
 * stays dirty (whatever part of it reached the file is rewritten by the
 * next flush). */
typedef JET_ERR (*cache_write_pages_fn)(void *ctx, uint32_t pgno, uint32_t n, const void *buf);

typedef struct cache_file cache_file;
typedef struct bf bf;        /* a cached page (buffer frame) */

typedef enum cache_latch {
    CACHE_S = 1,             /* shared: read */
    CACHE_X = 2,             /* exclusive: change */
} cache_latch;

/* Flags of cache_get. */
enum {
    CACHE_NEW = 0x1,         /* the page is being created: do not read it;
                                the caller formats it (pg_init) */
    CACHE_NOREAD = 0x2,      /* the caller knows the file does not hold the
                                page (past its end): a miss zero-fills the
                                frame instead of reading; a hit returns the
                                cached page unchanged */
};

/* Register / unregister a database file.  Unregistering requires that no
 * page of the file is latched; dirty pages are dropped (call
 * cache_flush_file first to keep them). */
JET_ERR cache_file_open(const cache_file_ops *ops, void *ctx, uint32_t page_size,
                        cache_file **out);
void cache_file_close(cache_file *cf);
/* Give the file a write_pages callback (see cache_write_pages_fn), right
 * after cache_file_open and before the file is used: every write then goes
 * through it (runs of one page too).  Without one, runs are written with
 * write_page page by page. */
void cache_file_set_write_pages(cache_file *cf, cache_write_pages_fn fn);

/* Get page pgno latched in the given mode (reads it on a miss).  Blocks
 * until the latch is granted.  Concurrent misses on one page share one
 * read.  A read error (e.g. JET_errReadVerifyFailure from read_page) is
 * returned and leaves no frame behind: the next get reads again.  With
 * CACHE_NEW the page is not read but zero-filled (also when it was
 * cached) and returned X-latched whatever `latch` says.  With CACHE_NOREAD
 * a miss is zero-filled instead of read (a hit is returned as cached). */
JET_ERR cache_get(cache_file *cf, uint32_t pgno, cache_latch latch, unsigned flags, bf **out);
/* Release the latch (and the pin) of a frame; b is not to be used after. */
void cache_release(bf *b);
/* Release an X-latched frame and drop its page from the cache, so that the
 * next get reads it from the file — unless it is dirty or being written
 * (then it is only released).  true when dropped.  For a caller that
 * zero-filled a page with CACHE_NOREAD and learnt the file may hold it. */
bool cache_discard(bf *b);
/* The page bytes (page_size of them) of a latched frame. */
void *bf_page(bf *b);
uint32_t bf_pgno(const bf *b);
/* Record that the X-latched page was changed by the log record at lsn
 * (0 when the database is not logged): marks it dirty, keeps the first
 * dirtying LSN for the checkpoint and the last one for WAL. */
void bf_dirty(bf *b, cache_lsn lsn);

/* Write every dirty page of the file (WAL first), then sync the file.
 * A failed write is reported (first error wins) after the other pages were
 * written and the file synced; the failed page (with write_pages: every
 * page of the failed run) stays dirty. */
JET_ERR cache_flush_file(cache_file *cf);
/* Tell the cache the file's log is durable up to lsn (recovery: the records
 * it replays come from log files on disk).  Write-back then skips flush_log
 * for pages whose last change is at or before it, and eviction may write
 * such pages along with a victim.  The cache also learns this from each
 * successful flush_log.  Never lower it below what is really durable. */
void cache_log_durable(cache_file *cf, cache_lsn lsn);
/* Smallest first-dirtied LSN over the file's dirty pages (0 = none dirty). */
cache_lsn cache_oldest_dirty_lsn(cache_file *cf);
/* Write dirty pages whose first-dirtied LSN is below lsn (checkpoint
 * advance), then sync the file. */
JET_ERR cache_flush_below(cache_file *cf, cache_lsn lsn);

/* Statistics, for tests and benchmarks.  Counters (hits .. evictions,
 * write_ios) are process-wide and only grow; the others are current values.
 * writes = pages written; write_ios = write_page / write_pages calls made
 * (writes / write_ios = pages per I/O); resident = frames allocated (may
 * briefly exceed the budget, see above); bytes = their page buffers;
 * budget_bytes = the byte budget in force. */
typedef struct cache_stats {
    uint64_t hits, misses, reads, writes, evictions, resident, dirty, budget_pages;
    uint64_t bytes, budget_bytes;
    uint64_t write_ios;
} cache_stats;
void cache_get_stats(cache_stats *st);
/* Set the budget from JET_paramCacheSizeMax / CacheSizeMin (the instance
 * layer calls it when the parameters change and at JetInit; the cache
 * reads no parameter itself).  Units: pages of the largest page size in
 * use.  max 0 counts as 1; min is clamped to max.  Frames are allocated
 * on demand, so min only records the floor.  Until the first call the
 * budget is 8192 pages. */
void cache_set_budget(uint64_t min_pages, uint64_t max_pages);

#endif
