/*
 * page.c: slotted data pages — checksum, verification, record slots.
 * Layout and invariants are described in page.h.
 */
#include "page/page.h"

#include <stdlib.h>
#include <string.h>

#include "util/crc32c.h"

/* Free-space invariant: (bytes of live records incl. their length prefix)
 * + frag == cbPage - data_lo.  pg_check_structure relies on it. */

bool pg_size_valid(uint32_t cb)
{
    return cb == 4096 || cb == 8192 || cb == 16384 || cb == 32768;
}

uint32_t pg_checksum(const void *page, uint32_t cb)
{
    return crc32c(0, (const uint8_t *)page + 4, cb - 4);
}

void pg_seal(void *page, uint32_t cb)
{
    pg_header(page)->checksum = pg_checksum(page, cb);
}

JET_ERR pg_verify(const void *page, uint32_t cb, uint32_t pgno)
{
    const pg_hdr *h = pg_header_c(page);
    if (h->checksum != pg_checksum(page, cb)) {
        const uint64_t *w = page;
        size_t n = cb / sizeof *w;
        size_t i = 0;
        while (i < n && w[i] == 0)
            i++;
        return i == n ? JET_errPageNotInitialized : JET_errReadVerifyFailure;
    }
    if (h->pgno != pgno)
        return JET_errReadPgnoVerifyFailure;
    return JET_errSuccess;
}

void pg_init(void *page, uint32_t cb, uint32_t pgno, uint32_t objid, uint32_t flags)
{
    memset(page, 0, cb);
    pg_hdr *h = pg_header(page);
    h->pgno = pgno;
    h->objid = objid;
    h->flags = flags;
    /* data_lo is a u16: a 32 KiB page's end (32768) still fits. */
    h->data_lo = (uint16_t)cb;
}

/* Little-endian u16 at p. */
static uint16_t rd16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}
static void wr16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static uint8_t *slots(void *page)
{
    return (uint8_t *)page + PG_HDR_SIZE;
}

uint16_t pg_nslots(const void *page)
{
    return pg_header_c(page)->nslots;
}

void pg_get(const void *page, uint16_t i, const uint8_t **data, uint16_t *len)
{
    const uint8_t *base = page;
    uint16_t off = rd16(base + PG_HDR_SIZE + 2u * i);
    *len = rd16(base + off);
    *data = base + off + 2;
}

/* Bytes between the end of the slot array and the lowest record. */
static uint32_t contiguous_free(const void *page)
{
    const pg_hdr *h = pg_header_c(page);
    return (uint32_t)h->data_lo - (PG_HDR_SIZE + 2u * h->nslots);
}

bool pg_fits(const void *page, uint32_t cb, uint32_t len)
{
    (void)cb;
    return len <= 0xffff && contiguous_free(page) + pg_header_c(page)->frag >= 4u + len;
}

uint32_t pg_max_record(uint32_t cb)
{
    return cb - PG_HDR_SIZE - 4u;
}

/* Repack all records at the end of the page so frag becomes contiguous. */
static void compact(void *page, uint32_t cb)
{
    pg_hdr *h = pg_header(page);
    uint8_t *copy = malloc(cb);
    if (copy == NULL)
        abort();   /* a page-sized scratch buffer; nothing sensible to do */
    memcpy(copy, page, cb);
    uint32_t lo = cb;
    for (uint16_t i = 0; i < h->nslots; i++) {
        const uint8_t *data;
        uint16_t len;
        pg_get(copy, i, &data, &len);
        lo -= 2u + len;
        memcpy((uint8_t *)page + lo, data - 2, 2u + len);
        wr16(slots(page) + 2u * i, (uint16_t)lo);
    }
    h->data_lo = (uint16_t)lo;
    h->frag = 0;
    free(copy);
}

/* Put a record's bytes at the bottom of the data area; returns its offset. */
static uint16_t place(void *page, uint32_t cb, const void *data, uint16_t len)
{
    pg_hdr *h = pg_header(page);
    if (contiguous_free(page) < 4u + len)
        compact(page, cb);
    uint32_t off = (uint32_t)h->data_lo - 2u - len;
    wr16((uint8_t *)page + off, len);
    memcpy((uint8_t *)page + off + 2, data, len);
    h->data_lo = (uint16_t)off;
    return (uint16_t)off;
}

void pg_insert(void *page, uint32_t cb, uint16_t i, const void *data, uint16_t len)
{
    pg_hdr *h = pg_header(page);
    uint16_t off = place(page, cb, data, len);
    uint8_t *s = slots(page);
    memmove(s + 2u * (i + 1u), s + 2u * i, 2u * (uint32_t)(h->nslots - i));
    wr16(s + 2u * i, off);
    h->nslots++;
}

void pg_delete(void *page, uint32_t cb, uint16_t i)
{
    (void)cb;
    pg_hdr *h = pg_header(page);
    const uint8_t *data;
    uint16_t len;
    pg_get(page, i, &data, &len);
    h->frag = (uint16_t)(h->frag + 2u + len);
    uint8_t *s = slots(page);
    memmove(s + 2u * i, s + 2u * (i + 1u), 2u * (uint32_t)(h->nslots - i - 1u));
    h->nslots--;
    wr16(s + 2u * h->nslots, 0);
}

bool pg_fits_replace(const void *page, uint32_t cb, uint16_t i, uint32_t len)
{
    (void)cb;
    const uint8_t *data;
    uint16_t old;
    pg_get(page, i, &data, &old);
    if (len <= old)
        return true;
    return len <= 0xffff && contiguous_free(page) + pg_header_c(page)->frag + old >= len;
}

void pg_replace(void *page, uint32_t cb, uint16_t i, const void *data, uint16_t len)
{
    pg_hdr *h = pg_header(page);
    const uint8_t *cur;
    uint16_t old;
    pg_get(page, i, &cur, &old);
    if (len <= old) {
        uint8_t *rec = (uint8_t *)cur - 2;
        memmove(rec + 2, data, len);
        wr16(rec, len);
        h->frag = (uint16_t)(h->frag + (old - len));
        return;
    }
    /* Free the old copy first so compaction can reuse its space; the
     * caller's data may point into this page, so keep a copy of it. */
    uint8_t *tmp = malloc(len);
    if (tmp == NULL)
        abort();
    memcpy(tmp, data, len);
    h->frag = (uint16_t)(h->frag + 2u + old);
    uint16_t off;
    if (contiguous_free(page) < 4u + len) {
        /* Compaction must not keep the old copy alive: take slot i out of
         * the array while it runs, then put it back at the same index. */
        uint8_t *s = slots(page);
        memmove(s + 2u * i, s + 2u * (i + 1u), 2u * (uint32_t)(h->nslots - i - 1u));
        h->nslots--;
        compact(page, cb);
        off = place(page, cb, tmp, len);
        memmove(s + 2u * (i + 1u), s + 2u * i, 2u * (uint32_t)(h->nslots - i));
        h->nslots++;
    } else {
        off = place(page, cb, tmp, len);
    }
    wr16(slots(page) + 2u * i, off);
    free(tmp);
}

uint32_t pg_used_bytes(const void *page, uint32_t cb)
{
    const pg_hdr *h = pg_header_c(page);
    return cb - h->data_lo - h->frag + 2u * h->nslots;
}

JET_ERR pg_check_structure(const void *page, uint32_t cb)
{
    const pg_hdr *h = pg_header_c(page);
    if (h->data_lo > cb || (uint32_t)h->data_lo < PG_HDR_SIZE + 2u * h->nslots)
        return JET_errDatabaseCorrupted;
    uint32_t live = 0;
    const uint8_t *base = page;
    for (uint16_t i = 0; i < h->nslots; i++) {
        uint32_t off = rd16(base + PG_HDR_SIZE + 2u * i);
        if (off < h->data_lo || off + 2u > cb)
            return JET_errDatabaseCorrupted;
        uint32_t len = rd16(base + off);
        if (off + 2u + len > cb)
            return JET_errDatabaseCorrupted;
        live += 2u + len;
    }
    if (live + h->frag != cb - h->data_lo)
        return JET_errDatabaseCorrupted;
    return JET_errSuccess;
}
