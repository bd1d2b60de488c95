/*
 * cat_rows.c: the byte format of catalog rows (docs/formats-catalog.md)
 * and access to the catalog tree of a database.  Values are little-endian
 * and start with CAT_ROW_FORMAT; every decoder checks lengths and ranges
 * and answers JET_errCatalogCorrupted for anything it cannot trust.
 */
#include <stdlib.h>
#include <string.h>

#include "catalog/cat_int.h"
#include "db/db.h"
#include "record/record.h"
#include "store/store.h"
#include "util/err.h"

/* ---- little-endian writer / reader -------------------------------------------- */

typedef struct wbuf {
    uint8_t *p;
    size_t len, cap;
    bool oom;
} wbuf;

static void w_bytes(wbuf *w, const void *src, size_t n)
{
    if (w->oom)
        return;
    if (w->len + n > w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 128;
        while (cap < w->len + n)
            cap *= 2;
        uint8_t *np = realloc(w->p, cap);
        if (np == NULL) {
            w->oom = true;
            return;
        }
        w->p = np;
        w->cap = cap;
    }
    if (n > 0)
        memcpy(w->p + w->len, src, n);
    w->len += n;
}

static void w_u8(wbuf *w, uint32_t v)
{
    uint8_t b = (uint8_t)v;
    w_bytes(w, &b, 1);
}

static void w_u16(wbuf *w, uint32_t v)
{
    uint8_t b[2] = { (uint8_t)v, (uint8_t)(v >> 8) };
    w_bytes(w, b, 2);
}

static void w_u32(wbuf *w, uint32_t v)
{
    uint8_t b[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };
    w_bytes(w, b, 4);
}

static void w_u64(wbuf *w, uint64_t v)
{
    w_u32(w, (uint32_t)v);
    w_u32(w, (uint32_t)(v >> 32));
}

static JET_ERR w_done(wbuf *w, uint8_t **out, size_t *len)
{
    if (w->oom) {
        free(w->p);
        return JET_errOutOfMemory;
    }
    *out = w->p;
    *len = w->len;
    return JET_errSuccess;
}

typedef struct rbuf {
    const uint8_t *p;
    size_t len, off;
    bool bad;
} rbuf;

static const uint8_t *r_take(rbuf *r, size_t n)
{
    if (r->bad || r->len - r->off < n) {
        r->bad = true;
        return NULL;
    }
    const uint8_t *p = r->p + r->off;
    r->off += n;
    return p;
}

static uint32_t r_u8(rbuf *r)
{
    const uint8_t *p = r_take(r, 1);
    return p ? p[0] : 0;
}

static uint32_t r_u16(rbuf *r)
{
    const uint8_t *p = r_take(r, 2);
    return p ? (uint32_t)p[0] | (uint32_t)p[1] << 8 : 0;
}

static uint32_t r_u32(rbuf *r)
{
    const uint8_t *p = r_take(r, 4);
    return p ? (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
                   (uint32_t)p[3] << 24
             : 0;
}

static uint64_t r_u64(rbuf *r)
{
    uint64_t lo = r_u32(r);
    uint64_t hi = r_u32(r);
    return lo | hi << 32;
}

/* A stored name: 1..CAT_NAME_MAX bytes, no NUL. */
static void r_name(rbuf *r, size_t n, char out[CAT_NAME_MAX + 1])
{
    if (n == 0 || n > CAT_NAME_MAX) {
        r->bad = true;
        out[0] = '\0';
        return;
    }
    const uint8_t *p = r_take(r, n);
    if (p == NULL || memchr(p, 0, n) != NULL) {
        r->bad = true;
        out[0] = '\0';
        return;
    }
    memcpy(out, p, n);
    out[n] = '\0';
}

static JET_ERR r_start(rbuf *r, const uint8_t *v, size_t len)
{
    r->p = v;
    r->len = len;
    r->off = 0;
    r->bad = false;
    return r_u8(r) == CAT_ROW_FORMAT && !r->bad ? JET_errSuccess : JET_errCatalogCorrupted;
}

static JET_ERR r_end(const rbuf *r)
{
    return !r->bad && r->off == r->len ? JET_errSuccess : JET_errCatalogCorrupted;
}

/* ---- table rows ----------------------------------------------------------------- */

JET_ERR cat_trow_encode(const cat_trow *t, uint8_t **out, size_t *len)
{
    wbuf w = { 0 };
    size_t nl = strlen(t->name);
    w_u8(&w, CAT_ROW_FORMAT);
    w_u8(&w, (uint32_t)nl);
    w_u16(&w, 0);
    w_u32(&w, t->objid);
    w_u32(&w, t->lv_objid);
    w_u32(&w, t->pages);
    w_u32(&w, t->density);
    w_u32(&w, t->flags);
    w_u64(&w, t->version);
    w_u32(&w, t->fixed_last);
    w_u32(&w, t->var_last);
    w_u32(&w, t->tagged_last);
    w_bytes(&w, t->name, nl);
    return w_done(&w, out, len);
}

JET_ERR cat_trow_decode(const uint8_t *v, size_t len, cat_trow *t)
{
    rbuf r;
    CALL(r_start(&r, v, len));
    memset(t, 0, sizeof *t);
    size_t nl = r_u8(&r);
    (void)r_u16(&r);
    t->objid = r_u32(&r);
    t->lv_objid = r_u32(&r);
    t->pages = r_u32(&r);
    t->density = r_u32(&r);
    t->flags = r_u32(&r);
    t->version = r_u64(&r);
    t->fixed_last = r_u32(&r);
    t->var_last = r_u32(&r);
    t->tagged_last = r_u32(&r);
    r_name(&r, nl, t->name);
    CALL(r_end(&r));
    /* The counters start one below their class (nothing handed out yet). */
    if (t->fixed_last > REC_FIXED_LAST || t->var_last < REC_VAR_FIRST - 1 ||
        t->var_last > REC_VAR_LAST || t->tagged_last < REC_TAGGED_FIRST - 1 ||
        t->tagged_last > REC_TAGGED_LAST || t->objid <= 2 || t->lv_objid <= 2)
        return JET_errCatalogCorrupted;
    return JET_errSuccess;
}

/* ---- column rows ---------------------------------------------------------------- */

JET_ERR cat_crow_encode(const cat_column *c, uint8_t **out, size_t *len)
{
    wbuf w = { 0 };
    size_t nl = strlen(c->name);
    w_u8(&w, CAT_ROW_FORMAT);
    w_u8(&w, (uint32_t)nl);
    w_u16(&w, c->def.cp);
    w_u32(&w, c->def.colid);
    w_u32(&w, c->def.coltyp);
    w_u32(&w, c->def.cbMax);
    w_u32(&w, c->def.grbit);
    w_u32(&w, c->dflt != NULL ? c->cbdflt : 0);
    w_u8(&w, c->dflt != NULL ? 1 : 0);
    w_bytes(&w, c->name, nl);
    if (c->dflt != NULL)
        w_bytes(&w, c->dflt, c->cbdflt);
    return w_done(&w, out, len);
}

JET_ERR cat_crow_decode(const uint8_t *v, size_t len, cat_column *c)
{
    rbuf r;
    CALL(r_start(&r, v, len));
    memset(c, 0, sizeof *c);
    size_t nl = r_u8(&r);
    c->def.cp = (uint16_t)r_u16(&r);
    c->def.colid = r_u32(&r);
    c->def.coltyp = (JET_COLTYP)r_u32(&r);
    c->def.cbMax = r_u32(&r);
    c->def.grbit = r_u32(&r);
    uint32_t cbdflt = r_u32(&r);
    uint32_t has = r_u8(&r);
    r_name(&r, nl, c->name);
    const uint8_t *dv = has ? r_take(&r, cbdflt) : NULL;
    CALL(r_end(&r));
    if (c->def.colid < REC_FIXED_FIRST || c->def.colid > REC_TAGGED_LAST ||
        c->def.coltyp == JET_coltypNil || c->def.coltyp >= JET_coltypMax || has > 1 ||
        (!has && cbdflt != 0))
        return JET_errCatalogCorrupted;
    if (has) {
        c->dflt = malloc(cbdflt ? cbdflt : 1);
        if (c->dflt == NULL)
            return JET_errOutOfMemory;
        if (cbdflt)
            memcpy(c->dflt, dv, cbdflt);
        c->cbdflt = cbdflt;
    }
    return JET_errSuccess;
}

/* ---- index rows ----------------------------------------------------------------- */

enum {
    IROW_PRIMARY = 0x01,
    IROW_UNIQUE = 0x02,
};

JET_ERR cat_irow_encode(const cat_index *ix, uint8_t **out, size_t *len)
{
    wbuf w = { 0 };
    size_t nl = strlen(ix->name);
    w_u8(&w, CAT_ROW_FORMAT);
    w_u8(&w, (uint32_t)nl);
    w_u8(&w, ix->nseg);
    w_u8(&w, ix->ncond);
    w_u32(&w, ix->objid);
    w_u32(&w, ix->grbit);
    w_u8(&w, (ix->primary ? IROW_PRIMARY : 0u) | (ix->unique ? IROW_UNIQUE : 0u));
    w_u8(&w, 0);
    w_u16(&w, 0);
    w_u32(&w, ix->lcid);
    w_u32(&w, ix->map_flags);
    w_u32(&w, ix->cbKeyMost);
    w_u32(&w, ix->cbVarSegMac);
    w_u32(&w, ix->density);
    for (uint32_t i = 0; i < ix->nseg; i++) {
        w_u32(&w, ix->seg[i].colid);
        w_u8(&w, ix->seg[i].seg.descending ? 1 : 0);
    }
    for (uint32_t i = 0; i < ix->ncond; i++) {
        w_u32(&w, ix->cond[i].colid);
        w_u32(&w, ix->cond[i].grbit);
    }
    w_bytes(&w, ix->name, nl);
    return w_done(&w, out, len);
}

JET_ERR cat_irow_decode(const uint8_t *v, size_t len, cat_index *ix)
{
    rbuf r;
    CALL(r_start(&r, v, len));
    memset(ix, 0, sizeof *ix);
    size_t nl = r_u8(&r);
    ix->nseg = r_u8(&r);
    ix->ncond = r_u8(&r);
    if (ix->nseg == 0 || ix->nseg > JET_ccolKeyMost || ix->ncond > JET_ccolKeyMost)
        return JET_errCatalogCorrupted;
    ix->objid = r_u32(&r);
    ix->grbit = r_u32(&r);
    uint32_t fl = r_u8(&r);
    (void)r_u8(&r);
    (void)r_u16(&r);
    ix->primary = (fl & IROW_PRIMARY) != 0;
    ix->unique = (fl & IROW_UNIQUE) != 0;
    ix->lcid = r_u32(&r);
    ix->map_flags = r_u32(&r);
    ix->cbKeyMost = r_u32(&r);
    ix->cbVarSegMac = r_u32(&r);
    ix->density = r_u32(&r);
    for (uint32_t i = 0; i < ix->nseg; i++) {
        ix->seg[i].colid = r_u32(&r);
        uint32_t desc = r_u8(&r);
        if (desc > 1)
            r.bad = true;
        ix->seg[i].seg.descending = desc != 0;
    }
    for (uint32_t i = 0; i < ix->ncond; i++) {
        ix->cond[i].colid = r_u32(&r);
        ix->cond[i].grbit = r_u32(&r);
        if (ix->cond[i].grbit != JET_bitIndexColumnMustBeNull &&
            ix->cond[i].grbit != JET_bitIndexColumnMustBeNonNull)
            r.bad = true;
    }
    r_name(&r, nl, ix->name);
    CALL(r_end(&r));
    if (fl & ~(uint32_t)(IROW_PRIMARY | IROW_UNIQUE) || ix->cbKeyMost == 0 ||
        ix->cbKeyMost > JET_cbKeyMostMost || ix->cbVarSegMac > ix->cbKeyMost)
        return JET_errCatalogCorrupted;
    return JET_errSuccess;
}

/* ---- the tree ------------------------------------------------------------------- */

JET_ERR cat_tree(struct db *d, bool create, bt_tree **out)
{
    if (d == NULL || d->store == NULL)
        return JET_errInvalidDatabaseId;
    JET_ERR err = st_tree_open(d->store, ST_CAT_OBJID, out);
    if (err != JET_errObjectNotFound || !create)
        return err;
    /* The first DDL of a database makes its catalog; outside any
     * transaction, like the directory: an empty catalog is no change. */
    err = st_tree_create_fixed(d->store, 0, ST_CAT_OBJID);
    if (err < 0 && err != JET_errKeyDuplicate)
        return err;
    return st_tree_open(d->store, ST_CAT_OBJID, out);
}

JET_ERR cat_row_get(vtx *x, bt_tree *t, const cat_key *k, uint8_t **val, size_t *len)
{
    uint8_t small[256];
    size_t actual = 0;
    JET_ERR err = vt_get(x, t, k->b, k->len, 0, small, sizeof small, &actual);
    if (err < 0)
        return err;
    uint8_t *buf = malloc(actual ? actual : 1);
    if (buf == NULL)
        return JET_errOutOfMemory;
    if (actual <= sizeof small) {
        memcpy(buf, small, actual);
        *val = buf;
        *len = actual;
        return JET_errSuccess;
    }
    /* Outside a transaction a commit may change the row between two reads:
     * read again until the length holds still. */
    for (int tries = 0; tries < 8; tries++) {
        size_t again = 0;
        err = vt_get(x, t, k->b, k->len, 0, buf, actual, &again);
        if (err < 0)
            break;
        if (again == actual) {
            *val = buf;
            *len = actual;
            return JET_errSuccess;
        }
        uint8_t *nb = realloc(buf, again ? again : 1);
        if (nb == NULL) {
            err = JET_errOutOfMemory;
            break;
        }
        buf = nb;
        actual = again;
        err = JET_errCatalogCorrupted;
    }
    free(buf);
    return err;
}
