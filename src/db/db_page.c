/*
 * db_page.c: data pages of a database file — verified reads (with ESE's
 * corruption events), sealed writes, file growth by
 * JET_paramDbExtensionSize, and the space page's format.
 *
 * The allocator's state lives in data pages, not in the header, so that
 * src/store can change it through the cache with logged page changes like
 * any other page:
 *   space page (pgno 1), slot 0 = db_space_rec
 *   a free page: PG_F_FREE, header.next = next free page (0 = end).
 * Here only the creation of the space page (before the database is in the
 * cache) and its decoding live.
 */
#include "db/db.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event/event.h"
#include "inst/inst.h"
#include "inst/param.h"
#include "os/os.h"
#include "page/page.h"
#include "util/err.h"
#include "util/util.h"

/* ESE event ids (jetmsg.mc) for pages that fail verification on read. */
#define EV_DB_PAGE_CHECKSUM_MISMATCH 474u
#define EV_DB_PAGE_NUMBER_MISMATCH 475u
#define EV_DB_PAGE_DATA_MISSING 476u


/* File offset of data page pgno. */
static uint64_t page_offset(uint32_t pgno, uint32_t cb)
{
    return ((uint64_t)pgno - 1 + DB_HDR_PAGES) * cb;
}

/* Report a page that failed verification (ESE's insertion strings:
 * %4 file, %5 offset, %6 bytes, %7 error, %8/%9 expected/actual, %10 pgno). */
static void report_bad_page(db *d, uint32_t pgno, const void *buf, JET_ERR err)
{
    ev_source src;
    char name[256], source[260];
    memset(&src, 0, sizeof src);
    if (d->owner != NULL) {
        inst_event_source(d->owner, &src, name, sizeof name);
        par_str(d->owner, JET_paramEventSource, source, sizeof source);
        src.source = source;
    }
    char off[32], bytes[16], code[16], expected[24], actual[24], pg[16];
    snprintf(off, sizeof off, "%" PRIu64, page_offset(pgno, d->page_size));
    snprintf(bytes, sizeof bytes, "%u", d->page_size);
    snprintf(code, sizeof code, "%d", (int)err);
    snprintf(pg, sizeof pg, "%u", pgno);
    const pg_hdr *ph = pg_header_c(buf);
    uint32_t id;
    if (err == JET_errReadPgnoVerifyFailure) {
        id = EV_DB_PAGE_NUMBER_MISMATCH;
        snprintf(expected, sizeof expected, "%u", pgno);
        snprintf(actual, sizeof actual, "%u", ph->pgno);
    } else if (err == JET_errPageNotInitialized) {
        id = EV_DB_PAGE_DATA_MISSING;
        snprintf(expected, sizeof expected, "%u", pgno);
        actual[0] = '\0';
    } else {
        id = EV_DB_PAGE_CHECKSUM_MISMATCH;
        snprintf(expected, sizeof expected, "0x%08x", ph->checksum);
        snprintf(actual, sizeof actual, "0x%08x", pg_checksum(buf, d->page_size));
    }
    const char *strings[] = { d->path, off, bytes, code, expected, actual, pg };
    uint32_t n = id == EV_DB_PAGE_DATA_MISSING ? 5 : 7;
    if (id == EV_DB_PAGE_DATA_MISSING)
        strings[4] = pg;
    ev_emit(&src, EV_CAT_DATABASE_CORRUPTION, id, JETDB_EVENT_ERROR, JET_EventLoggingLevelMin,
            n, strings);
}

JET_ERR db_read_page(db *d, uint32_t pgno, void *buf)
{
    if (pgno == 0)
        return JET_errInvalidParameter;
    CALL(os_pread(d->file, buf, d->page_size, page_offset(pgno, d->page_size)));
    JET_ERR err = pg_verify(buf, d->page_size, pgno);
    if (err >= 0)
        err = pg_check_structure(buf, d->page_size);
    if (err < 0) {
        if (err != JET_errDatabaseCorrupted)
            report_bad_page(d, pgno, buf, err);
        return err;
    }
    atomic_fetch_add_explicit(&d->pages_read, 1, memory_order_relaxed);
    return JET_errSuccess;
}

JET_ERR db_write_page(db *d, uint32_t pgno, void *buf)
{
    if (d->read_only)
        return JET_errDatabaseFileReadOnly;
    if (pgno == 0 || pg_header(buf)->pgno != pgno)
        return JET_errInvalidParameter;
    pg_seal(buf, d->page_size);
    CALL(os_pwrite(d->file, buf, d->page_size, page_offset(pgno, d->page_size)));
    atomic_fetch_add_explicit(&d->pages_written, 1, memory_order_relaxed);
    return JET_errSuccess;
}

JET_ERR db_write_pages(db *d, uint32_t pgno, uint32_t n, const void *buf)
{
    if (d->read_only)
        return JET_errDatabaseFileReadOnly;
    if (pgno == 0 || n == 0 || n - 1 > UINT32_MAX - pgno)
        return JET_errInvalidParameter;
    const uint8_t *p = buf;
    for (uint32_t i = 0; i < n; i++)
        if (pg_header_c(p + (size_t)i * d->page_size)->pgno != pgno + i)
            return JET_errInvalidParameter;
    CALL(os_pwrite(d->file, buf, (size_t)n * d->page_size, page_offset(pgno, d->page_size)));
    atomic_fetch_add_explicit(&d->pages_written, n, memory_order_relaxed);
    return JET_errSuccess;
}

JET_ERR db_flush(db *d)
{
    return d->read_only ? JET_errSuccess : os_fdatasync(d->file);
}

/* Grow the file to hold at least min_pages more pages; caller holds d->mu. */
static JET_ERR extend_locked(db *d, uint32_t min_pages)
{
    uint64_t ext = par_num(d->owner, JET_paramDbExtensionSize);
    if (ext < min_pages)
        ext = min_pages;
    uint64_t target = (uint64_t)d->pgno_file_last + ext;
    if (d->cpg_max != 0 && target > d->cpg_max) {
        /* Take what is left under the limit when that is enough. */
        if ((uint64_t)d->pgno_file_last + min_pages > d->cpg_max)
            return JET_errOutOfDatabaseSpace;
        target = d->cpg_max;
    }
    if (target > UINT32_MAX - DB_HDR_PAGES)
        return JET_errOutOfDatabaseSpace;
    uint64_t from = page_offset(d->pgno_file_last + 1, d->page_size);
    uint64_t to = page_offset((uint32_t)target + 1, d->page_size);
    CALL(os_preallocate(d->file, from, to - from));
    /* The new size is metadata: fsync, not fdatasync, so that the blocks
     * and the length survive a crash together. */
    CALL(os_fsync(d->file));
    d->pgno_file_last = (uint32_t)target;
    return JET_errSuccess;
}

JET_ERR db_extend(db *d, uint32_t min_pages)
{
    if (d->read_only)
        return JET_errDatabaseFileReadOnly;
    pthread_mutex_lock(&d->mu);
    JET_ERR err = extend_locked(d, min_pages ? min_pages : 1);
    pthread_mutex_unlock(&d->mu);
    return err;
}

uint64_t db_next_dbtime(db *d)
{
    return atomic_fetch_add(&d->dbtime, 1);
}

/* An aligned page buffer. */
static void *page_alloc(uint32_t cb)
{
    return aligned_alloc(4096, cb);
}

JET_ERR db_space_decode(const void *page, db_space_rec *sr)
{
    const pg_hdr *ph = pg_header_c(page);
    if (!(ph->flags & PG_F_SPACE) || pg_nslots(page) < 1)
        return JET_errDatabaseCorrupted;
    const uint8_t *data;
    uint16_t len;
    pg_get(page, 0, &data, &len);
    if (len != sizeof *sr)
        return JET_errDatabaseCorrupted;
    memcpy(sr, data, sizeof *sr);
    if (sr->format != DB_SPACE_FORMAT || sr->hwm < DB_PGNO_SPACE)
        return JET_errDatabaseCorrupted;
    return JET_errSuccess;
}

JET_ERR db_space_init(db *d)
{
    void *page = page_alloc(d->page_size);
    if (page == NULL)
        return JET_errOutOfMemory;
    pg_init(page, d->page_size, DB_PGNO_SPACE, 1, PG_F_SPACE | PG_F_ROOT);
    db_space_rec sr = { DB_SPACE_FORMAT, DB_PGNO_SPACE, 0, 0 };
    pg_insert(page, d->page_size, 0, &sr, (uint16_t)sizeof sr);
    pg_header(page)->dbtime = db_next_dbtime(d);
    JET_ERR err = db_write_page(d, DB_PGNO_SPACE, page);
    free(page);
    return err;
}

JET_ERR db_space_info(db *d, uint32_t *owned, uint32_t *available)
{
    void *sp = page_alloc(d->page_size);
    if (sp == NULL)
        return JET_errOutOfMemory;
    db_space_rec sr;
    JET_ERR err = db_read_page(d, DB_PGNO_SPACE, sp);
    if (err >= 0)
        err = db_space_decode(sp, &sr);
    if (err >= 0)
        db_space_counts(d, &sr, owned, available);
    free(sp);
    return err;
}

void db_space_counts(db *d, const db_space_rec *sr, uint32_t *owned, uint32_t *available)
{
    pthread_mutex_lock(&d->mu);
    uint32_t last = d->pgno_file_last;
    pthread_mutex_unlock(&d->mu);
    *owned = last;
    *available = (last > sr->hwm ? last - sr->hwm : 0) + sr->free_count;
}

JET_ERR db_write_header_locked(db *d)
{
    d->hdr.dbtime = atomic_load(&d->dbtime);
    d->hdr.pgno_last = d->pgno_file_last;
    JET_ERR err = db_hdr_write(d->file, &d->hdr);
    if (err >= 0)
        atomic_fetch_add_explicit(&d->header_writes, 1, memory_order_relaxed);
    return err;
}
