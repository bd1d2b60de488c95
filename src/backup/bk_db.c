/*
 * bk_db.c: the stream of one database (ese-backup-semantics.md §1.6, §3.4,
 * §3.5): page 0 = a snapshot of the header taken at open with the
 * current-full marks, page 1 = the same bytes (the shadow), then data pages
 * 1..pgnoLast as they are on disk, then one trailer page.
 *
 * Reading without tearing: pages are read from the file, never from the
 * cache, while the cache may be writing the same pages.  A read that races
 * with a write can return a mix of old and new bytes; such a page fails its
 * checksum, so every page is verified and a failing page is read again
 * (with a short, growing pause) until it verifies.  Any version of a page
 * that verifies is good enough: replaying the logs from CopyMic brings it
 * forward.  A page that never verifies is corruption: JET_errReadVerifyFailure
 * (with the database layer's corruption event).  All-zero pages (allocated
 * file space never written) are accepted, as in ESE.
 */
#include "backup/bk_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os/os.h"
#include "page/page.h"
#include "util/crc32c.h"
#include "util/err.h"

/* Extra attempts for a page that fails verification (ESE: 16). */
#define BK_READ_RETRIES 8u
/* Pause before retry k is k times this (ESE: 100 ms; a racing write-back
 * finishes in far less, and a long pause only delays reporting real damage). */
#define BK_RETRY_PAUSE_MS 5u
/* Largest run of pages read with one pread. */
#define BK_RUN_PAGES 256u

/* Trailer page layout (docs/backup.md); little-endian. */
#define BK_TRAILER_MAGIC 0x544B424Au    /* "JBKT" */
#define BK_TRAILER_VERSION 1u

/* Little-endian stores into the trailer. */
static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}
static void put64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/*
 * bk_db_open --
 *     Snapshot the header and the page count of database entry ent.
 */
JET_ERR bk_db_open(inst *in, struct bk_state *bk, int ent, uint64_t *size)
{
    (void)in;
    db *d = bk->dbs[ent].d;
    db_hdr h;
    pthread_mutex_lock(&d->mu);
    h = d->hdr;
    uint32_t pgno_last = d->pgno_file_last;
    uint32_t ps = d->page_size;
    pthread_mutex_unlock(&d->mu);

    /* The copy carries the marks of this backup in bkinfoFullCur; genHigh
     * stays 0 until restore knows where the logs end (ESE's snapshot). */
    JET_BKINFO cur;
    memset(&cur, 0, sizeof cur);
    log_lsn_to_lgpos(bk->mark_full, &cur.lgposMark);
    cur.logtimeMark = bk->time_full;
    cur.genLow = bk->copy_mic;
    db_hdr_set_bkinfo(&h, DB_BK_FULL_CUR, &cur, DB_BKTYPE_NORMAL);
    h.pgno_last = pgno_last;
    uint8_t *page = aligned_alloc(4096, ps);
    char *path = strdup(d->path);
    if (page == NULL || path == NULL) {
        free(page);
        free(path);
        return JET_errOutOfMemory;
    }
    db_hdr_encode(&h, page, ps);

    memset(&bk->h, 0, sizeof bk->h);
    bk->h.kind = BK_H_DB;
    bk->h.ent = ent;
    bk->h.path = path;
    bk->h.page_size = ps;
    bk->h.pgno_last = pgno_last;
    bk->h.hdr_page = page;
    bk->h.size = ((uint64_t)pgno_last + DB_HDR_PAGES + 1) * ps;
    *size = bk->h.size;
    return JET_errSuccess;
}

/* true when every byte of the page is zero. */
static bool page_is_zero(const uint8_t *p, uint32_t cb)
{
    for (uint32_t i = 0; i < cb; i++)
        if (p[i] != 0)
            return false;
    return true;
}

/* Checks of one page as it came from disk (zero pages are fine). */
static JET_ERR page_check(const uint8_t *p, uint32_t cb, uint32_t pgno)
{
    JET_ERR err = pg_verify(p, cb, pgno);
    if (err == JET_errPageNotInitialized && page_is_zero(p, cb))
        return JET_errSuccess;
    if (err >= 0)
        err = pg_check_structure(p, cb);
    return err;
}

/*
 * bk_page_retry --
 *     Re-read one page that failed its checks until it verifies.
 */
static JET_ERR bk_page_retry(inst *in, struct bk_state *bk, db *d, uint32_t pgno, uint8_t *p)
{
    uint32_t ps = d->page_size;
    uint64_t off = ((uint64_t)pgno - 1 + DB_HDR_PAGES) * ps;
    JET_ERR err = JET_errReadVerifyFailure;
    for (uint32_t k = 1; k <= BK_READ_RETRIES; k++) {
        os_sleep_ms(k * BK_RETRY_PAUSE_MS);
        if (bk->internal)
            CALL(bk_check_interrupt(in));
        bk->stats.pages_reread++;
        if (k < BK_READ_RETRIES) {
            CALL(os_pread(d->file, p, ps, off));
            err = page_check(p, ps, pgno);
        } else {
            /* The last attempt goes through the database layer so that the
             * corruption is reported with its usual event. */
            err = db_read_page(d, pgno, p);
            if (err == JET_errPageNotInitialized && page_is_zero(p, ps))
                err = JET_errSuccess;
        }
        if (err >= 0) {
            bk->h.retried = true;
            return JET_errSuccess;
        }
    }
    return err;
}

/*
 * bk_read_run --
 *     Read and verify data pages first..first+count-1 into buf.
 */
static JET_ERR bk_read_run(inst *in, struct bk_state *bk, db *d, uint32_t first, uint32_t count,
                           uint8_t *buf)
{
    uint32_t ps = d->page_size;
    uint64_t off = ((uint64_t)first - 1 + DB_HDR_PAGES) * ps;
    CALL(os_pread(d->file, buf, (size_t)count * ps, off));
    for (uint32_t i = 0; i < count; i++) {
        /* JetBackup looks for a stop request between pages so that it
         * notices one within milliseconds, not after a whole run. */
        if (bk->internal && (i & 63u) == 0)
            CALL(bk_check_interrupt(in));
        uint8_t *p = buf + (size_t)i * ps;
        if (page_check(p, ps, first + i) < 0)
            CALL(bk_page_retry(in, bk, d, first + i, p));
    }
    bk->stats.pages_copied += count;
    return JET_errSuccess;
}

/*
 * bk_trailer --
 *     Build the trailer page (ESE's PATCHHDR role) in p.
 */
static void bk_trailer(inst *in, struct bk_state *bk, bk_dbent *e, uint8_t *p, uint32_t ps)
{
    db *d = e->d;
    pthread_mutex_lock(&d->mu);
    db_hdr h = d->hdr;
    pthread_mutex_unlock(&d->mu);
    uint32_t high = log_generation(in->log);
    if (h.gen_max_committed > high)
        high = h.gen_max_committed;
    e->trailer_gen_high = high;

    JET_BKINFO b;
    memset(&b, 0, sizeof b);
    log_lsn_to_lgpos(bk->mark_full, &b.lgposMark);
    b.logtimeMark = bk->time_full;
    b.genLow = bk->copy_mic;
    b.genHigh = high;

    memset(p, 0, ps);
    put32(p + 4, BK_TRAILER_MAGIC);
    put32(p + 8, BK_TRAILER_VERSION);
    put32(p + 12, ps);
    put32(p + 16, bk->h.pgno_last);
    memcpy(p + 24, &b, sizeof b);                   /* 24 bytes, packed */
    memcpy(p + 48, &h.sign_db, sizeof h.sign_db);   /* 28 */
    memcpy(p + 76, &h.sign_log, sizeof h.sign_log); /* 28 */
    put32(p + 104, h.gen_min_required);
    put32(p + 108, h.gen_max_required);
    put32(p + 112, h.gen_max_committed);
    memcpy(p + 116, &h.logtime_gen_max_required, 8);
    memcpy(p + 124, &h.logtime_gen_max_create, 8);
    put64(p + 132, h.dbtime);
    put32(p, crc32c(0, p + 4, ps - 4));
}

/*
 * bk_db_read --
 *     Next whole pages of the stream: header, shadow, data pages, trailer.
 */
JET_ERR bk_db_read(inst *in, struct bk_state *bk, uint8_t *buf, uint32_t cb, uint32_t *got)
{
    bk_handle *h = &bk->h;
    bk_dbent *e = &bk->dbs[h->ent];
    uint32_t ps = h->page_size;
    uint64_t total = (uint64_t)h->pgno_last + DB_HDR_PAGES + 1;
    uint64_t k = h->off / ps;
    uint32_t want = cb / ps, out = 0;
    *got = 0;
    while (out < want && k < total) {
        uint8_t *p = buf + (size_t)out * ps;
        if (k < DB_HDR_PAGES) {
            memcpy(p, h->hdr_page, ps);
            k++;
            out++;
        } else if (k <= h->pgno_last + 1u) {
            uint32_t pgno = (uint32_t)(k - 1);
            uint32_t run = want - out;
            if (run > h->pgno_last - pgno + 1)
                run = h->pgno_last - pgno + 1;
            if (run > BK_RUN_PAGES)
                run = BK_RUN_PAGES;
            CALL(bk_read_run(in, bk, e->d, pgno, run, p));
            k += run;
            out += run;
        } else {
            bk_trailer(in, bk, e, p, ps);
            k++;
            out++;
        }
        /* Progress is kept per call so that a failing read can be retried
         * from where it stopped by a JetBackup that is not cancelled. */
        h->off = k * ps;
        *got = out * ps;
    }
    return JET_errSuccess;
}
