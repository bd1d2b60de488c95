/*
 * lv.c: column values as the ISAM layer sees them (defaults applied,
 * separated long values decoded) and long values: chunks of a table's
 * long-value tree keyed by (lvid, chunk number), read and written through
 * the versioned-tree API; pending long values of a prepared update are an
 * overlay of modified chunks over the value they started from, written by
 * JetUpdate.  Formats: docs/isam.md.
 */
#include "isam/isam_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/err.h"

/* ---- values -------------------------------------------------------------------- */

bool isam_is_lv(JET_COLTYP coltyp)
{
    return coltyp == JET_coltypLongBinary || coltyp == JET_coltypLongText;
}

void isam_lv_ref_encode(uint8_t ref[ISAM_LV_REF_LEN], uint64_t lvid, uint64_t size)
{
    for (int i = 0; i < 8; i++) {
        ref[i] = (uint8_t)(lvid >> (8 * i));
        ref[8 + i] = (uint8_t)(size >> (8 * i));
    }
}

void isam_lv_ref_decode(const uint8_t ref[ISAM_LV_REF_LEN], uint64_t *lvid, uint64_t *size)
{
    uint64_t a = 0, b = 0;
    for (int i = 7; i >= 0; i--) {
        a = (a << 8) | ref[i];
        b = (b << 8) | ref[8 + i];
    }
    *lvid = a;
    *size = b;
}

JET_ERR isam_get_val(const void *rec, size_t len, const cat_column *col, uint32_t itag,
                     bool use_default, isam_val *v)
{
    memset(v, 0, sizeof *v);
    if (itag == 0)
        itag = 1;
    const void *data = NULL;
    size_t cb = 0;
    unsigned flags = 0;
    JET_ERR err = JET_wrnColumnNull;
    if (rec != NULL)
        CALL(err = rec_get(rec, len, &col->def, itag, &data, &cb, &flags));
    if (err == JET_wrnColumnNull) {
        /* The default stands in for a column never set, not for one set
         * to NULL (the record's explicit-NULL marker). */
        if (use_default && itag == 1 && col->dflt != NULL &&
            (rec == NULL || (rec_count(rec, len, &col->def) == 0 &&
                             !rec_null_marked(rec, len, col->def.colid)))) {
            v->data = col->dflt;
            v->cb = col->cbdflt;
            v->is_default = true;
            return JET_errSuccess;
        }
        return JET_wrnColumnNull;
    }
    v->data = data;
    v->cb = cb;
    if (flags & REC_VAL_SEPARATED) {
        if (cb != ISAM_LV_REF_LEN)
            return JET_errLVCorrupted;
        v->sep = true;
        isam_lv_ref_decode(data, &v->lvid, &v->lvsize);
    }
    return JET_errSuccess;
}

uint32_t isam_count_vals(const void *rec, size_t len, const cat_column *col, bool use_default)
{
    uint32_t n = rec != NULL ? rec_count(rec, len, &col->def) : 0;
    if (n == 0 && use_default && col->dflt != NULL &&
        (rec == NULL || !rec_null_marked(rec, len, col->def.colid)))
        n = 1;
    return n;
}

JET_ERR isam_read_val(isam_cursor *c, const isam_val *v, uint64_t off, void *buf, size_t cb,
                      uint64_t *total)
{
    if (!v->sep) {
        *total = v->cb;
        if (off < v->cb) {
            size_t n = v->cb - (size_t)off < cb ? v->cb - (size_t)off : cb;
            if (n > 0)
                memcpy(buf, (const uint8_t *)v->data + off, n);
        }
        return JET_errSuccess;
    }
    *total = v->lvsize;
    if (off >= v->lvsize || cb == 0)
        return JET_errSuccess;
    size_t n = v->lvsize - off < cb ? (size_t)(v->lvsize - off) : cb;
    if (v->lvid & ISAM_LV_PENDING) {
        isam_plv *p = isam_plv_of(c, v->lvid);
        if (p == NULL)
            return JET_errLVCorrupted;
        return isam_plv_read(c, p, off, buf, n);
    }
    return isam_lv_read(c, v->lvid, v->lvsize, off, buf, n);
}

/* ---- separated long values ---------------------------------------------------- */

static void lv_key(uint8_t key[ISAM_LV_KEY_LEN], uint64_t lvid, uint32_t chunk)
{
    isam_put_be64(key, lvid);
    key[8] = (uint8_t)(chunk >> 24);
    key[9] = (uint8_t)(chunk >> 16);
    key[10] = (uint8_t)(chunk >> 8);
    key[11] = (uint8_t)chunk;
}

static uint32_t nchunks(uint64_t size)
{
    return (uint32_t)((size + ISAM_LV_CHUNK - 1) / ISAM_LV_CHUNK);
}

/* Length of chunk i of a value of `size` bytes. */
static size_t chunk_len(uint64_t size, uint32_t i)
{
    uint64_t start = (uint64_t)i * ISAM_LV_CHUNK;
    if (start >= size)
        return 0;
    return size - start < ISAM_LV_CHUNK ? (size_t)(size - start) : ISAM_LV_CHUNK;
}

JET_ERR isam_lv_read(isam_cursor *c, uint64_t lvid, uint64_t size, uint64_t off, void *buf,
                     size_t cb)
{
    bt_tree *lv;
    CALL(isam_lvtree(c, &lv));
    vtx *x = isam_x(c);
    uint8_t *out = buf;
    while (cb > 0 && off < size) {
        uint32_t i = (uint32_t)(off / ISAM_LV_CHUNK);
        size_t in = (size_t)(off % ISAM_LV_CHUNK);
        size_t n = chunk_len(size, i) - in;
        if (n > cb)
            n = cb;
        uint8_t key[ISAM_LV_KEY_LEN];
        lv_key(key, lvid, i);
        size_t actual = 0;
        JET_ERR err = vt_get(x, lv, key, sizeof key, in, out, n, &actual);
        if (err == JET_errRecordNotFound || (err >= 0 && actual < in + n))
            return JET_errLVCorrupted;
        if (err < 0)
            return err;
        out += n;
        off += n;
        cb -= n;
    }
    return JET_errSuccess;
}

JET_ERR isam_lv_delete(isam_cursor *c, vtx *x, uint64_t lvid, uint64_t size)
{
    bt_tree *lv;
    CALL(isam_lvtree(c, &lv));
    uint32_t n = nchunks(size);
    for (uint32_t i = 0; i < n; i++) {
        uint8_t key[ISAM_LV_KEY_LEN];
        lv_key(key, lvid, i);
        JET_ERR err = vt_delete(x, lv, key, sizeof key);
        if (err < 0 && err != JET_errRecordNotFound)
            return err;
    }
    return JET_errSuccess;
}

JET_ERR isam_lv_copy(isam_cursor *c, vtx *x, uint64_t lvid, uint64_t size, uint64_t *out)
{
    bt_tree *lv;
    CALL(isam_lvtree(c, &lv));
    uint64_t nid;
    CALL(isam_next_lvid(c, &nid));
    uint8_t *buf = malloc(ISAM_LV_CHUNK);
    if (buf == NULL)
        return JET_errOutOfMemory;
    JET_ERR err = JET_errSuccess;
    uint32_t n = nchunks(size);
    for (uint32_t i = 0; i < n && err >= 0; i++) {
        size_t len = chunk_len(size, i);
        err = isam_lv_read(c, lvid, size, (uint64_t)i * ISAM_LV_CHUNK, buf, len);
        if (err >= 0) {
            uint8_t key[ISAM_LV_KEY_LEN];
            lv_key(key, nid, i);
            err = vt_insert(x, lv, key, sizeof key, buf, len);
        }
    }
    free(buf);
    if (err >= 0)
        *out = nid;
    return err;
}

/* ---- pending long values -------------------------------------------------------- */

isam_plv *isam_plv_of(isam_cursor *c, uint64_t pid)
{
    if (!(pid & ISAM_LV_PENDING))
        return NULL;
    uint64_t i = pid & ~ISAM_LV_PENDING;
    if (i == 0 || i > c->nplv || !c->plv[i - 1].used)
        return NULL;
    return &c->plv[i - 1];
}

JET_ERR isam_plv_new(isam_cursor *c, uint64_t base, uint64_t base_size, uint64_t *pid)
{
    isam_plv *n = realloc(c->plv, (c->nplv + 1) * sizeof *n);
    if (n == NULL)
        return JET_errOutOfMemory;
    c->plv = n;
    isam_plv *p = &c->plv[c->nplv++];
    memset(p, 0, sizeof *p);
    p->used = true;
    p->base = base;
    p->base_size = p->base_valid = p->size = base_size;
    *pid = ISAM_LV_PENDING | c->nplv;
    return JET_errSuccess;
}

static void plv_clear(isam_plv *p)
{
    for (size_t i = 0; i < p->nch; i++)
        free(p->ch[i].data);
    free(p->ch);
    memset(p, 0, sizeof *p);
}

void isam_plv_free_all(isam_cursor *c)
{
    for (size_t i = 0; i < c->nplv; i++)
        plv_clear(&c->plv[i]);
    free(c->plv);
    c->plv = NULL;
    c->nplv = 0;
}

/* The overlay chunk idx, or NULL; *at = its insertion point. */
static isam_chunk *find_chunk(isam_plv *p, uint32_t idx, size_t *at)
{
    size_t lo = 0, hi = p->nch;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (p->ch[mid].idx < idx)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (at != NULL)
        *at = lo;
    return lo < p->nch && p->ch[lo].idx == idx ? &p->ch[lo] : NULL;
}

/* The logical content of chunk idx (ISAM_LV_CHUNK bytes, zeros past the
 * value's end and past the base's still-valid prefix). */
static JET_ERR chunk_content(isam_cursor *c, isam_plv *p, uint32_t idx, uint8_t *out)
{
    isam_chunk *ch = find_chunk(p, idx, NULL);
    if (ch != NULL) {
        memcpy(out, ch->data, ISAM_LV_CHUNK);
        return JET_errSuccess;
    }
    memset(out, 0, ISAM_LV_CHUNK);
    uint64_t start = (uint64_t)idx * ISAM_LV_CHUNK;
    uint64_t valid = p->base_valid < p->size ? p->base_valid : p->size;
    if (p->base != 0 && start < valid) {
        uint64_t n = valid - start < ISAM_LV_CHUNK ? valid - start : ISAM_LV_CHUNK;
        CALL(isam_lv_read(c, p->base, p->base_size, start, out, (size_t)n));
    }
    return JET_errSuccess;
}

JET_ERR isam_plv_read(isam_cursor *c, isam_plv *p, uint64_t off, void *buf, size_t cb)
{
    uint8_t *out = buf;
    uint8_t *tmp = NULL;
    while (cb > 0 && off < p->size) {
        uint32_t idx = (uint32_t)(off / ISAM_LV_CHUNK);
        size_t in = (size_t)(off % ISAM_LV_CHUNK);
        size_t n = ISAM_LV_CHUNK - in;
        if (n > cb)
            n = cb;
        if (n > p->size - off)
            n = (size_t)(p->size - off);
        isam_chunk *ch = find_chunk(p, idx, NULL);
        if (ch != NULL) {
            memcpy(out, ch->data + in, n);
        } else {
            if (tmp == NULL && (tmp = malloc(ISAM_LV_CHUNK)) == NULL)
                return JET_errOutOfMemory;
            JET_ERR err = chunk_content(c, p, idx, tmp);
            if (err < 0) {
                free(tmp);
                return err;
            }
            memcpy(out, tmp + in, n);
        }
        out += n;
        off += n;
        cb -= n;
    }
    free(tmp);
    return JET_errSuccess;
}

/* Make chunk idx part of the overlay (materialised). */
static JET_ERR own_chunk(isam_cursor *c, isam_plv *p, uint32_t idx, isam_chunk **out)
{
    size_t at;
    isam_chunk *ch = find_chunk(p, idx, &at);
    if (ch != NULL) {
        *out = ch;
        return JET_errSuccess;
    }
    uint8_t *data = malloc(ISAM_LV_CHUNK);
    if (data == NULL)
        return JET_errOutOfMemory;
    JET_ERR err = chunk_content(c, p, idx, data);
    if (err < 0) {
        free(data);
        return err;
    }
    if (p->nch == p->capch) {
        size_t cap = p->capch ? p->capch * 2 : 8;
        isam_chunk *n = realloc(p->ch, cap * sizeof *n);
        if (n == NULL) {
            free(data);
            return JET_errOutOfMemory;
        }
        p->ch = n;
        p->capch = cap;
    }
    memmove(p->ch + at + 1, p->ch + at, (p->nch - at) * sizeof *p->ch);
    p->ch[at].idx = idx;
    p->ch[at].data = data;
    p->nch++;
    *out = &p->ch[at];
    return JET_errSuccess;
}

JET_ERR isam_plv_write(isam_cursor *c, isam_plv *p, uint64_t off, const void *data, size_t cb)
{
    const uint8_t *in = data;
    while (cb > 0) {
        uint32_t idx = (uint32_t)(off / ISAM_LV_CHUNK);
        size_t at = (size_t)(off % ISAM_LV_CHUNK);
        size_t n = ISAM_LV_CHUNK - at;
        if (n > cb)
            n = cb;
        isam_chunk *ch;
        CALL(own_chunk(c, p, idx, &ch));
        memcpy(ch->data + at, in, n);
        in += n;
        off += n;
        cb -= n;
        if (off > p->size)
            p->size = off;
    }
    return JET_errSuccess;
}

JET_ERR isam_plv_resize(isam_cursor *c, isam_plv *p, uint64_t size)
{
    (void)c;
    if (size < p->size) {
        /* Drop whole chunks past the end; zero the tail of the last one so
         * that a later growth reads zeros there. */
        size_t keep = 0;
        for (size_t i = 0; i < p->nch; i++) {
            uint64_t start = (uint64_t)p->ch[i].idx * ISAM_LV_CHUNK;
            if (start >= size) {
                free(p->ch[i].data);
                continue;
            }
            if (start + ISAM_LV_CHUNK > size)
                memset(p->ch[i].data + (size - start), 0,
                       (size_t)(start + ISAM_LV_CHUNK - size));
            p->ch[keep++] = p->ch[i];
        }
        p->nch = keep;
        if (p->base_valid > size)
            p->base_valid = size;
    }
    p->size = size;
    return JET_errSuccess;
}

JET_ERR isam_plv_flush(isam_cursor *c, vtx *x, isam_plv *p, bool in_place, uint64_t *lvid)
{
    bt_tree *lv;
    CALL(isam_lvtree(c, &lv));
    uint64_t id = p->base;
    if (!in_place || p->base == 0) {
        in_place = false;
        CALL(isam_next_lvid(c, &id));
    }
    uint8_t *buf = malloc(ISAM_LV_CHUNK);
    if (buf == NULL)
        return JET_errOutOfMemory;
    JET_ERR err = JET_errSuccess;
    uint32_t n = nchunks(p->size), nbase = in_place ? nchunks(p->base_size) : 0;
    for (uint32_t i = 0; i < n && err >= 0; i++) {
        size_t len = chunk_len(p->size, i);
        uint64_t end = (uint64_t)i * ISAM_LV_CHUNK + len;
        /* A chunk of the base that nothing touched keeps its bytes. */
        if (in_place && find_chunk(p, i, NULL) == NULL && end <= p->base_valid &&
            chunk_len(p->base_size, i) == len)
            continue;
        err = chunk_content(c, p, i, buf);
        if (err < 0)
            break;
        uint8_t key[ISAM_LV_KEY_LEN];
        lv_key(key, id, i);
        if (in_place && i < nbase)
            err = vt_replace(x, lv, key, sizeof key, buf, len);
        else
            err = vt_insert(x, lv, key, sizeof key, buf, len);
    }
    for (uint32_t i = n; i < nbase && err >= 0; i++) {
        uint8_t key[ISAM_LV_KEY_LEN];
        lv_key(key, id, i);
        err = vt_delete(x, lv, key, sizeof key);
    }
    free(buf);
    if (err >= 0)
        *lvid = id;
    return err;
}
