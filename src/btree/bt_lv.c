/*
 * bt_lv.c: long values — a value too large for its leaf is stored in a
 * chain of PG_F_LONGVALUE pages (objid of the tree, linked by the header's
 * next field, each holding one record of up to bt_lv_chunk bytes) and the
 * leaf keeps {total length, first page}.
 *
 * A chain is written back to front (each page knows its successor when it
 * is formatted) and every page is its own logged operation: the chain is
 * unreachable until the leaf that references it commits, so the worst a
 * crash can do is leak it.  Reading byte off walks the chain from its
 * start; a later long-value tree (ESE's LID‖offset keys) can replace the
 * walk without changing this interface.
 */
#include "btree/bt_int.h"

#include <stdlib.h>

uint32_t bt_lv_chunk(uint32_t page_size)
{
    return pg_max_record(page_size);
}

JET_ERR bt_lv_write(bt_tree *t, uint64_t txid, const void *val, size_t vlen, uint32_t *first)
{
    uint32_t ps = t->env.page_size, chunk = bt_lv_chunk(ps);
    size_t npages = (vlen + chunk - 1) / chunk;
    uint32_t next = 0;
    JET_ERR err = JET_errSuccess;
    for (size_t i = npages; i-- > 0;) {
        size_t off = i * chunk;
        size_t len = vlen - off < chunk ? vlen - off : chunk;
        bt_op op;
        bt_op_begin(&op, t, txid, 0);
        uint32_t pgno;
        uint8_t *page;
        err = bt_op_new(&op, PG_F_LONGVALUE, &pgno, &page);
        if (err < 0) {
            bt_op_abort(&op);
            break;
        }
        pg_insert(page, ps, 0, (const uint8_t *)val + off, (uint16_t)len);
        pg_header(page)->next = next;
        err = bt_op_commit(&op);
        if (err < 0)
            break;
        next = pgno;
    }
    if (err < 0) {
        if (next)
            KEEP(err, bt_lv_free(t, txid, next));
        return err;
    }
    *first = next;
    return JET_errSuccess;
}

/* S-latch a chain page and check it is one. */
static JET_ERR lv_page(bt_tree *t, uint32_t pgno, bf **out)
{
    bf *b;
    CALL(cache_get(t->env.cf, pgno, CACHE_S, 0, &b));
    const void *page = bf_page(b);
    const pg_hdr *h = pg_header_c(page);
    if (h->pgno != pgno || h->objid != t->objid || h->flags != PG_F_LONGVALUE ||
        pg_nslots(page) != 1 || pg_check_structure(page, t->env.page_size) < 0) {
        cache_release(b);
        return JET_errDatabaseCorrupted;
    }
    *out = b;
    return JET_errSuccess;
}

JET_ERR bt_lv_read(bt_tree *t, uint32_t first, uint32_t total, uint64_t off, void *buf,
                   size_t len)
{
    uint32_t chunk = bt_lv_chunk(t->env.page_size);
    uint64_t pos = 0;        /* value offset of the current page's first byte */
    uint32_t pgno = first;
    uint8_t *out = buf;
    if (off > total || len > total - off)
        return JET_errInvalidParameter;
    while (len > 0) {
        if (pgno == 0)
            return JET_errDatabaseCorrupted;
        bf *b;
        CALL(lv_page(t, pgno, &b));
        const uint8_t *d;
        uint16_t dl;
        pg_get(bf_page(b), 0, &d, &dl);
        uint32_t next = pg_header_c(bf_page(b))->next;
        /* Every page but the last is full: a short one inside the chain
         * would shift every later offset. */
        if (dl != chunk && pos + dl != total) {
            cache_release(b);
            return JET_errDatabaseCorrupted;
        }
        if (off < pos + dl) {
            size_t from = (size_t)(off - pos);
            size_t n = dl - from < len ? dl - from : len;
            memcpy(out, d + from, n);
            out += n;
            off += n;
            len -= n;
        }
        cache_release(b);
        pos += dl;
        pgno = next;
    }
    return JET_errSuccess;
}

JET_ERR bt_lv_free(bt_tree *t, uint64_t txid, uint32_t first)
{
    uint32_t pgno = first;
    while (pgno) {
        bt_op op;
        bt_op_begin(&op, t, txid, 0);
        uint8_t *page;
        JET_ERR err = bt_op_get(&op, pgno, &page);
        if (err >= 0 && (pg_header(page)->flags != PG_F_LONGVALUE ||
                         pg_header(page)->objid != t->objid))
            err = JET_errDatabaseCorrupted;
        uint32_t next = err >= 0 ? pg_header(page)->next : 0;
        if (err >= 0)
            err = bt_op_free(&op, pgno);
        if (err < 0) {
            bt_op_abort(&op);
            return err;
        }
        CALL(bt_op_commit(&op));
        pgno = next;
    }
    return JET_errSuccess;
}
