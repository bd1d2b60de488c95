/*
 * page.h: the layout of a database data page and its checksum.
 *
 * Every data page starts with a 40-byte header (little-endian):
 *
 *   off size field
 *     0   4  checksum   CRC32C of bytes [4, cbPage)
 *     4   4  pgno       the page's own number (misplaced pages are detected)
 *     8   8  dbtime     database time of the page's last change (redo rule)
 *    16   4  objid      the tree (object) the page belongs to, 0 = none
 *    20   4  flags      PG_F_*
 *    24   4  prev       previous sibling page (0 = none)
 *    28   4  next       next sibling page (0 = none)
 *    32   2  nslots     entries in the slot array
 *    34   2  data_lo    lowest byte used by record data (records grow down)
 *    36   2  frag       bytes inside [data_lo, cbPage) freed but not compacted
 *    38   2  reserved   0
 *
 * After the header comes the slot array (nslots little-endian u16 record
 * offsets, in key order); record data fills the page from its end
 * downwards.  Each record is a u16 length followed by that many bytes.
 * A page of all zero bytes was never written (JET_errPageNotInitialized).
 */
#ifndef JETDB_PAGE_PAGE_H
#define JETDB_PAGE_PAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "esent.h"

#define PG_HDR_SIZE 40u
#define PG_SIZE_MIN 4096u
#define PG_SIZE_MAX 32768u

/* Page flags. */
enum {
    PG_F_LEAF = 0x0001,      /* B-tree leaf */
    PG_F_ROOT = 0x0002,      /* B-tree root */
    PG_F_INTERNAL = 0x0004,  /* B-tree internal (branch) page */
    PG_F_LONGVALUE = 0x0008, /* long-value / overflow chain page */
    PG_F_SPACE = 0x0010,     /* space-management page */
    PG_F_FREE = 0x0020,      /* on the free list */
};

/* Decoded header (the in-memory view; pages are little-endian on disk and
 * jetdb only builds on little-endian hosts, checked below). */
typedef struct pg_hdr {
    uint32_t checksum;
    uint32_t pgno;
    uint64_t dbtime;
    uint32_t objid;
    uint32_t flags;
    uint32_t prev;
    uint32_t next;
    uint16_t nslots;
    uint16_t data_lo;
    uint16_t frag;
    uint16_t reserved;
} pg_hdr;

_Static_assert(sizeof(pg_hdr) == PG_HDR_SIZE, "page header is 40 bytes");
#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "jetdb's on-disk formats assume a little-endian host"
#endif

/* True for 4/8/16/32 KiB. */
bool pg_size_valid(uint32_t cb);

/* The header of a page, as a pointer into the page (pages are at least
 * 8-byte aligned in every buffer jetdb allocates). */
static inline pg_hdr *pg_header(void *page)
{
    return (pg_hdr *)page;
}
static inline const pg_hdr *pg_header_c(const void *page)
{
    return (const pg_hdr *)page;
}

/* Compute / store / check the checksum. */
uint32_t pg_checksum(const void *page, uint32_t cb);
void pg_seal(void *page, uint32_t cb);
/* Verify a page read from disk as page `pgno`: JET_errPageNotInitialized
 * (all zeros), JET_errReadVerifyFailure (checksum), or
 * JET_errReadPgnoVerifyFailure (a valid page stored at the wrong place). */
JET_ERR pg_verify(const void *page, uint32_t cb, uint32_t pgno);

/* Format an empty page. */
void pg_init(void *page, uint32_t cb, uint32_t pgno, uint32_t objid, uint32_t flags);

/* Record access.  Slots are 0-based; callers keep i < nslots. */
uint16_t pg_nslots(const void *page);
void pg_get(const void *page, uint16_t i, const uint8_t **data, uint16_t *len);
/* Free bytes available for one more record of len bytes (counts the slot
 * and length prefix, and space compaction would recover). */
bool pg_fits(const void *page, uint32_t cb, uint32_t len);
/* Largest record a fresh page can hold. */
uint32_t pg_max_record(uint32_t cb);
/* Insert a record at slot i (shifting later slots); caller checked pg_fits. */
void pg_insert(void *page, uint32_t cb, uint16_t i, const void *data, uint16_t len);
/* Remove slot i. */
void pg_delete(void *page, uint32_t cb, uint16_t i);
/* Replace slot i's record; caller checked it fits (pg_fits_replace). */
bool pg_fits_replace(const void *page, uint32_t cb, uint16_t i, uint32_t len);
void pg_replace(void *page, uint32_t cb, uint16_t i, const void *data, uint16_t len);
/* Bytes of record space in use (for split decisions and statistics). */
uint32_t pg_used_bytes(const void *page, uint32_t cb);
/* Structural check of a page (slot offsets and lengths inside the page,
 * no overlaps); JET_errDatabaseCorrupted when broken.  Used after
 * pg_verify on every read so that a page with a valid checksum but
 * impossible contents is never trusted. */
JET_ERR pg_check_structure(const void *page, uint32_t cb);

#endif
