/*
 * rec_set.c: changing a record under construction (the copy buffer of an
 * update).  rec_set validates the request the way JetSetColumn does, then
 * rewrites the one section it touches: a value that keeps its size is
 * changed in place, anything else builds the new record in a fresh
 * buffer that replaces the old one only when everything succeeded, so a
 * failed call leaves the record as it was.  Explicit-NULL markers are
 * directory entries with an empty blob (put_entry).
 */
#include <stdlib.h>
#include <string.h>

#include "record/rec_int.h"
#include "util/err.h"

void rec_buf_init(rec_buf *r)
{
    r->data = NULL;
    r->len = 0;
    r->cap = 0;
    r->spare = NULL;
    r->sparecap = 0;
}

void rec_buf_clear(rec_buf *r)
{
    r->len = 0;
}

void rec_buf_free(rec_buf *r)
{
    free(r->data);
    free(r->spare);
    rec_buf_init(r);
}

/* Make room for n bytes in r (contents kept). */
static JET_ERR buf_reserve(rec_buf *r, size_t n)
{
    if (n <= r->cap)
        return JET_errSuccess;
    uint8_t *p = realloc(r->data, n);
    if (p == NULL)
        return JET_errOutOfMemory;
    r->data = p;
    r->cap = n;
    return JET_errSuccess;
}

JET_ERR rec_buf_load(rec_buf *r, const void *rec, size_t len)
{
    if (r == NULL || (rec == NULL && len != 0))
        return JET_errInvalidParameter;
    JET_ERR err = rec_check(rec, len);
    if (err < 0)
        return err;
    err = buf_reserve(r, len);
    if (err < 0)
        return err;
    if (len != 0)
        memcpy(r->data, rec, len);
    r->len = len;
    return JET_errSuccess;
}

/* Records are rebuilt from their current bytes into a second buffer: r's
 * spare when it is large enough (the replaced buffer becomes the spare),
 * so a record buffer that is cleared and filled again allocates nothing.
 * Small buffers are rounded up for the same reason. */
#define BUF_MIN 256u

/* A buffer of at least n bytes for a rebuild (*cap its size); NULL when
 * out of memory.  Give it to buf_replace, or back with buf_unfresh. */
static uint8_t *buf_fresh(rec_buf *r, size_t n, size_t *cap)
{
    if (r->spare != NULL && r->sparecap >= n) {
        uint8_t *b = r->spare;
        *cap = r->sparecap;
        r->spare = NULL;
        r->sparecap = 0;
        return b;
    }
    *cap = n < BUF_MIN ? BUF_MIN : n;
    return malloc(*cap);
}

/* Keep b (cap bytes) as r's spare, or free it (the larger one stays). */
static void buf_unfresh(rec_buf *r, uint8_t *b, size_t cap)
{
    if (b == NULL)
        return;
    if (r->spare == NULL || r->sparecap < cap) {
        free(r->spare);
        r->spare = b;
        r->sparecap = cap;
    } else {
        free(b);
    }
}

/* Install a freshly built record (n bytes in nb, a buffer of cap bytes from
 * buf_fresh) into r. */
static void buf_replace(rec_buf *r, uint8_t *nb, size_t n, size_t cap)
{
    buf_unfresh(r, r->data, r->cap);
    r->data = nb;
    r->len = n;
    r->cap = cap;
}

/* ---- validating a request ------------------------------------------------ */

enum col_kind { KIND_FIXED, KIND_VAR, KIND_TAGGED };

static bool coltyp_known(JET_COLTYP t)
{
    return (t >= JET_coltypBit && t <= JET_coltypLongText) ||
           (t >= JET_coltypUnsignedLong && t <= JET_coltypUnsignedLongLong);
}

static bool coltyp_long(JET_COLTYP t)
{
    return t == JET_coltypLongText || t == JET_coltypLongBinary;
}

static bool coltyp_varsize(JET_COLTYP t)
{
    return t == JET_coltypText || t == JET_coltypBinary;
}

/* Classify column c and derive its size rule: for a fixed column the
 * slot width, for a variable or tagged non-long Text/Binary column the
 * most bytes a value may have. */
static JET_ERR col_classify(const rec_coldef *c, enum col_kind *kind, uint32_t *limit)
{
    if (c->colid < REC_FIXED_FIRST || c->colid > REC_TAGGED_LAST)
        return JET_errBadColumnId;
    *kind = c->colid <= REC_FIXED_LAST ? KIND_FIXED : c->colid <= REC_VAR_LAST ? KIND_VAR : KIND_TAGGED;
    if ((c->grbit & JET_bitColumnMultiValued) && *kind != KIND_TAGGED)
        return JET_errMultiValuedColumnMustBeTagged;
    if (!coltyp_known(c->coltyp))
        return JET_errInvalidParameter;
    uint32_t size = rec_fixed_size(c->coltyp);
    switch (*kind) {
    case KIND_FIXED:
        if (coltyp_long(c->coltyp) || c->cbMax > JET_cbColumnMost)
            return JET_errInvalidParameter;
        *limit = size != 0 ? size : c->cbMax != 0 ? c->cbMax : JET_cbColumnMost;
        break;
    case KIND_VAR:
        if (!coltyp_varsize(c->coltyp) || c->cbMax > JET_cbColumnMost)
            return JET_errInvalidParameter;
        *limit = c->cbMax != 0 ? c->cbMax : JET_cbColumnMost;
        break;
    case KIND_TAGGED:
        /* Non-long Text/Binary values are 255 bytes at most (ESE's
         * JET_cbColumnMost); long values only obey cbMax. */
        if (coltyp_varsize(c->coltyp))
            *limit = c->cbMax != 0 && c->cbMax < JET_cbColumnMost ? c->cbMax : JET_cbColumnMost;
        else
            *limit = c->cbMax;
        break;
    }
    return JET_errSuccess;
}

/* Write value bytes as stored: Bit values are normalised to 0x00 / 0xFF
 * (as ESE stores them). */
static void put_value(uint8_t *dst, const rec_coldef *c, const void *data, size_t cb)
{
    if (cb == 0)
        return;
    if (c->coltyp == JET_coltypBit)
        dst[0] = ((const uint8_t *)data)[0] ? 0xff : 0x00;
    else
        memcpy(dst, data, cb);
}

/* ---- fixed columns ------------------------------------------------------- */

/* Fill a fixed slot: the value, then ESE's padding for a fixed Text
 * (spaces, U+0020 for Unicode) or Binary (zeros) column. */
static void fill_slot(uint8_t *slot, unsigned width, const rec_coldef *c, const void *data, size_t cb)
{
    put_value(slot, c, data, cb);
    for (size_t j = cb; j < width; j++) {
        if (c->coltyp != JET_coltypText)
            slot[j] = 0;
        else if (c->cp == 1200)
            slot[j] = (j % 2u == 0) ? 0x20 : 0x00;
        else
            slot[j] = 0x20;
    }
}

static JET_ERR set_fixed(rec_buf *r, const rec_view *v, const rec_coldef *c, unsigned width,
                         const void *data, size_t cb, size_t max_len)
{
    unsigned colid = (unsigned)c->colid;
    unsigned have = rec_fixed_width(v, colid);

    if (data != NULL) {
        if (rec_fixed_size(c->coltyp) != 0 ? cb != width : cb > width)
            return JET_errInvalidBufferSize;
    }
    if (have != 0 && have != width)
        return JET_errDatabaseCorrupted;     /* the slot does not match the schema */

    unsigned i = colid - 1u;
    if (have != 0) {
        /* The slot exists: change it in place. */
        uint8_t *slot = r->data + rec_fixed_offset(v, colid);
        uint8_t *bits = r->data + v->bitmap + i / 8u;
        if (data == NULL) {
            memset(slot, 0, width);
            *bits = (uint8_t)(*bits | (1u << (i % 8u)));
        } else {
            fill_slot(slot, width, c, data, cb);
            *bits = (uint8_t)(*bits & ~(1u << (i % 8u)));
        }
        return JET_errSuccess;
    }
    if (data == NULL)
        return JET_errSuccess;               /* no slot: already NULL */

    /* Create the slot: the width table and bitmap may grow, and the new
     * slot's bytes go in between the existing ones. */
    unsigned nfixed = colid > v->nfixed ? colid : v->nfixed;
    size_t bitmap_len = (nfixed + 7u) / 8u;
    size_t old_bitmap_len = (v->nfixed + 7u) / 8u;
    size_t tail = v->len == 0 ? 0 : v->len - v->vartab;   /* variable + tagged sections */
    size_t n = REC_HDR_SIZE + nfixed + bitmap_len + v->fixlen + width + tail;
    if (n > max_len)
        return JET_errRecordTooBig;
    size_t nbcap;
    uint8_t *nb = buf_fresh(r, n, &nbcap);
    if (nb == NULL)
        return JET_errOutOfMemory;

    nb[0] = (uint8_t)nfixed;
    nb[1] = (uint8_t)v->nvar;
    rec_wr16(nb + 2, v->ntag);
    uint8_t *widths = nb + REC_HDR_SIZE;
    uint8_t *bits = widths + nfixed;
    uint8_t *fix = bits + bitmap_len;
    if (v->nfixed > 0)
        memcpy(widths, v->p + v->widths, v->nfixed);
    memset(widths + v->nfixed, 0, nfixed - v->nfixed);
    widths[i] = (uint8_t)width;
    memset(bits, 0, bitmap_len);
    if (old_bitmap_len > 0)
        memcpy(bits, v->p + v->bitmap, old_bitmap_len);
    for (unsigned j = v->nfixed; j < nfixed; j++)
        bits[j / 8u] = (uint8_t)(bits[j / 8u] | (1u << (j % 8u)));
    bits[i / 8u] = (uint8_t)(bits[i / 8u] & ~(1u << (i % 8u)));

    size_t before = rec_fixed_offset(v, colid) - v->fixdata;
    if (before > 0)
        memcpy(fix, v->p + v->fixdata, before);
    fill_slot(fix + before, width, c, data, cb);
    if (v->fixlen > before)
        memcpy(fix + before + width, v->p + v->fixdata + before, v->fixlen - before);
    if (tail > 0)
        memcpy(fix + v->fixlen + width, v->p + v->vartab, tail);
    buf_replace(r, nb, n, nbcap);
    return JET_errSuccess;
}

/* ---- variable columns ---------------------------------------------------- */

static JET_ERR set_var(rec_buf *r, const rec_view *v, const rec_coldef *c, uint32_t limit,
                       const void *data, size_t cb, size_t max_len)
{
    JET_ERR warn = JET_errSuccess;
    unsigned idx = (unsigned)c->colid - REC_VAR_FIRST;

    if (data != NULL && cb > limit) {
        /* ESE keeps the first cbMax bytes and warns. */
        cb = limit;
        warn = JET_wrnColumnMaxTruncated;
    }
    if (data == NULL) {
        if (idx >= v->nvar || (rec_rd16(v->p + v->vartab + 2u * (size_t)idx) & REC_VAR_NULL))
            return JET_errSuccess;           /* already NULL */
    }

    /* The new column table: (start, length, null) per column, the change
     * applied, trailing NULL columns trimmed. */
    unsigned nvar = idx + 1u > v->nvar ? idx + 1u : v->nvar;
    size_t start[REC_VAR_COUNT], len[REC_VAR_COUNT];
    bool isnull[REC_VAR_COUNT];
    unsigned prev = 0;
    for (unsigned i = 0; i < nvar; i++) {
        if (i < v->nvar) {
            unsigned raw = rec_rd16(v->p + v->vartab + 2u * (size_t)i);
            unsigned end = raw & REC_VAR_OFF_MASK;
            if (end < prev || end > v->varlen)
                return JET_errDatabaseCorrupted;
            start[i] = prev;
            len[i] = end - prev;
            isnull[i] = (raw & REC_VAR_NULL) != 0;
            prev = end;
        } else {
            start[i] = prev;
            len[i] = 0;
            isnull[i] = true;
        }
    }
    isnull[idx] = data == NULL;
    len[idx] = data == NULL ? 0 : cb;
    while (nvar > 0 && isnull[nvar - 1u])
        nvar--;

    size_t varlen = 0;
    for (unsigned i = 0; i < nvar; i++)
        varlen += len[i];
    size_t head = v->len == 0 ? REC_HDR_SIZE : v->vartab;    /* header + fixed section */
    size_t tail = v->len == 0 ? 0 : v->len - v->tagdir;      /* tagged section */
    size_t n = head + 2u * (size_t)nvar + varlen + tail;
    if (n > max_len)
        return JET_errRecordTooBig;
    size_t nbcap;
    uint8_t *nb = buf_fresh(r, n, &nbcap);
    if (nb == NULL)
        return JET_errOutOfMemory;

    if (v->len == 0)
        memset(nb, 0, REC_HDR_SIZE);
    else
        memcpy(nb, v->p, head);
    nb[1] = (uint8_t)nvar;
    uint8_t *tab = nb + head;
    uint8_t *dst = tab + 2u * (size_t)nvar;
    size_t end = 0;
    for (unsigned i = 0; i < nvar; i++) {
        if (i == idx)
            put_value(dst + end, c, data, len[i]);
        else if (len[i] > 0)
            memcpy(dst + end, v->p + v->vardata + start[i], len[i]);
        end += len[i];
        rec_wr16(tab + 2u * (size_t)i, end | (isnull[i] ? REC_VAR_NULL : 0u));
    }
    if (tail > 0)
        memcpy(dst + end, v->p + v->tagdir, tail);
    buf_replace(r, nb, n, nbcap);
    return warn;
}

/* ---- tagged columns ------------------------------------------------------ */

/* How a tagged column's values change. */
enum tag_op { TAG_NONE, TAG_APPEND, TAG_REPLACE, TAG_DELETE };

/* Build the column's new blob (NULL / 0 when the column loses its last
 * value) into a malloc'd buffer. */
static JET_ERR build_blob(const rec_blob *old, enum tag_op op, unsigned at, const rec_coldef *c,
                          const void *data, size_t cb, unsigned vflags, uint8_t **out, size_t *outlen)
{
    unsigned nold = old != NULL ? old->nvals : 0;
    unsigned nvals = op == TAG_APPEND ? nold + 1u : op == TAG_DELETE ? nold - 1u : nold;
    *out = NULL;
    *outlen = 0;
    if (nvals == 0)
        return JET_errSuccess;

    size_t datalen = 0;
    for (unsigned i = 0; i < nold; i++) {
        size_t off, n;
        unsigned f;
        if (!rec_blob_value(old, i, &off, &n, &f))
            return JET_errDatabaseCorrupted;
        if (i != at || op == TAG_APPEND)
            datalen += n;
    }
    if (op == TAG_APPEND || op == TAG_REPLACE)
        datalen += cb;
    size_t n = 2u + 3u * (size_t)nvals + datalen;
    if (n > REC_LEN_MAX)
        return JET_errRecordTooBig;
    uint8_t *b = malloc(n);
    if (b == NULL)
        return JET_errOutOfMemory;

    rec_wr16(b, nvals);
    uint8_t *ends = b + 2;
    uint8_t *flags = ends + 2u * (size_t)nvals;
    uint8_t *dst = flags + nvals;
    size_t end = 0;
    unsigned j = 0;
    for (unsigned i = 0; i <= nold; i++) {
        bool is_new = (op == TAG_APPEND && i == nold) || (op == TAG_REPLACE && i == at);
        if (is_new) {
            put_value(dst + end, c, data, cb);
            end += cb;
            flags[j] = (uint8_t)vflags;
        } else if (i < nold && !(op == TAG_DELETE && i == at)) {
            size_t off, len;
            unsigned f;
            (void)rec_blob_value(old, i, &off, &len, &f);
            if (len > 0)
                memcpy(dst + end, old->p + off, len);
            end += len;
            flags[j] = (uint8_t)f;
        } else {
            continue;
        }
        rec_wr16(ends + 2u * (size_t)j, end);
        j++;
    }
    *out = b;
    *outlen = n;
    return JET_errSuccess;
}

/* Rebuild the directory with column colid's entry changed: present →
 * its blob becomes blob[0..bloblen) (bloblen 0: an explicit-NULL marker),
 * otherwise the entry goes.  The sections before the directory are kept
 * byte for byte. */
static JET_ERR put_entry(rec_buf *r, const rec_view *v, unsigned colid, bool present,
                         const uint8_t *blob, size_t bloblen, size_t max_len)
{
    unsigned k = rec_tag_find(v, colid);
    bool exists = k < v->ntag && rec_tag_colid(v, k) == colid;
    size_t s = 0, e = 0;
    if (exists && !rec_tag_span(v, k, &s, &e))
        return JET_errDatabaseCorrupted;
    if (!exists && !present)
        return JET_errSuccess;
    if (!present)
        bloblen = 0;

    unsigned ntag = v->ntag + (exists ? 0u : 1u) - (present ? 0u : 1u);
    size_t head = v->len == 0 ? REC_HDR_SIZE : v->tagdir;   /* header, fixed and variable sections */
    size_t taglen = v->taglen - (e - s) + bloblen;
    size_t n = head + REC_TAG_ENTRY * (size_t)ntag + taglen;
    if (n > max_len || taglen > REC_LEN_MAX || ntag > REC_TAGGED_LAST)
        return JET_errRecordTooBig;
    size_t nbcap;
    uint8_t *nb = buf_fresh(r, n, &nbcap);
    if (nb == NULL)
        return JET_errOutOfMemory;
    if (v->len == 0)
        memset(nb, 0, REC_HDR_SIZE);
    else
        memcpy(nb, v->p, head);
    rec_wr16(nb + 2, ntag);

    uint8_t *dir = nb + head;
    uint8_t *dst = dir + REC_TAG_ENTRY * (size_t)ntag;
    size_t end = 0;
    unsigned j = 0;
    /* Entries before k keep their bytes, then the changed column, then
     * the rest. */
    for (unsigned i = 0; i <= v->ntag; i++) {
        if (i == k) {
            if (present) {
                if (bloblen > 0)
                    memcpy(dst + end, blob, bloblen);
                end += bloblen;
                rec_wr16(dir + REC_TAG_ENTRY * (size_t)j, colid);
                rec_wr16(dir + REC_TAG_ENTRY * (size_t)j + 2u, end);
                j++;
            }
            if (exists)
                continue;
        }
        if (i == v->ntag)
            break;
        size_t is, ie;
        if (!rec_tag_span(v, i, &is, &ie)) {
            buf_unfresh(r, nb, nbcap);
            return JET_errDatabaseCorrupted;
        }
        if (ie > is)
            memcpy(dst + end, v->p + v->tagdata + is, ie - is);
        end += ie - is;
        rec_wr16(dir + REC_TAG_ENTRY * (size_t)j, rec_tag_colid(v, i));
        rec_wr16(dir + REC_TAG_ENTRY * (size_t)j + 2u, end);
        j++;
    }
    buf_replace(r, nb, n, nbcap);
    return JET_errSuccess;
}

static JET_ERR set_tagged(rec_buf *r, const rec_view *v, const rec_coldef *c, uint32_t itag,
                          const void *data, size_t cb, unsigned flags, size_t max_len)
{
    unsigned colid = (unsigned)c->colid;
    unsigned k = rec_tag_find(v, colid);
    bool exists = k < v->ntag && rec_tag_colid(v, k) == colid;
    bool marked = false;
    rec_blob old;
    size_t s = 0, e = 0;
    enum tag_op op = TAG_NONE;
    unsigned at = 0;

    if (exists) {
        if (!rec_tag_span(v, k, &s, &e))
            return JET_errDatabaseCorrupted;
        marked = s == e;                     /* an explicit-NULL marker: no values */
        if (!marked && !rec_blob_parse(v->p + v->tagdata + s, e - s, &old))
            return JET_errDatabaseCorrupted;
    }
    unsigned nvals = exists && !marked ? old.nvals : 0;
    bool mark = marked;                      /* the marker when no value is left */
    /* ESE's rules (any tagged column can hold several values): a value
     * past the last one, or itag 0, is appended (the first value of a
     * column without values whatever itag); NULL deletes value itag and
     * the later ones move down.  A NULL on a column without values marks
     * it (REC_SET_NULL_MARK, itag 1) or drops its marker (without). */
    if (data != NULL) {
        if (nvals == 0 || itag == 0 || itag > nvals)
            op = TAG_APPEND;
        else
            op = TAG_REPLACE, at = itag - 1u;
    } else if (nvals > 0) {
        if (itag >= 1 && itag <= nvals) {
            op = TAG_DELETE, at = itag - 1u;
            mark = (flags & REC_SET_NULL_MARK) != 0;    /* if that was the last value */
        }
    } else if (flags & REC_SET_NULL_MARK) {
        mark = marked || itag == 1;
    } else {
        mark = false;
    }
    if (op == TAG_NONE && mark == marked)
        return JET_errSuccess;

    uint8_t *blob = NULL;
    size_t bloblen = 0;
    if (op != TAG_NONE)
        CALL(build_blob(nvals > 0 ? &old : NULL, op, at, c, data, cb,
                        flags & (unsigned)REC_VAL_SEPARATED, &blob, &bloblen));
    JET_ERR err = put_entry(r, v, colid, blob != NULL || mark, blob, bloblen, max_len);
    free(blob);
    return err;
}

/* A fixed or variable column's value and marker change together: the
 * marker goes before a value is set (so the value has the room), or comes
 * after the column was made NULL; both steps work on a copy, so a failure
 * leaves r as it was. */
static JET_ERR set_plain(rec_buf *r, const rec_view *v, const rec_coldef *c, enum col_kind kind,
                         uint32_t limit, const void *data, size_t cb, unsigned flags,
                         size_t max_len)
{
    unsigned colid = (unsigned)c->colid;
    bool marked = rec_view_marked(v, colid);
    bool mark = data == NULL && (flags & REC_SET_NULL_MARK);
    if (marked == mark) {
        return kind == KIND_FIXED ? set_fixed(r, v, c, limit, data, cb, max_len)
                                  : set_var(r, v, c, limit, data, cb, max_len);
    }
    rec_buf t;
    rec_buf_init(&t);
    JET_ERR err = rec_buf_load(&t, r->data, r->len);
    JET_ERR warn = JET_errSuccess;
    rec_view tv;
    for (int step = 0; step < 2 && err >= 0; step++) {
        if (!rec_view_parse(t.data, t.len, &tv)) {
            err = JET_errDatabaseCorrupted;
            break;
        }
        if ((step == 0) == mark)             /* the value first when marking */
            err = kind == KIND_FIXED ? set_fixed(&t, &tv, c, limit, data, cb, max_len)
                                     : set_var(&t, &tv, c, limit, data, cb, max_len);
        else
            err = put_entry(&t, &tv, colid, mark, NULL, 0, max_len);
        if (err > 0) {
            warn = err;                      /* JET_wrnColumnMaxTruncated */
            err = JET_errSuccess;
        }
    }
    if (err < 0) {
        rec_buf_free(&t);
        return err;
    }
    rec_buf_free(r);
    *r = t;
    return warn;
}

/* ---- rec_set ------------------------------------------------------------- */

JET_ERR rec_set(rec_buf *r, const rec_coldef *c, uint32_t itag, const void *data, size_t cb,
                unsigned flags, size_t max_len)
{
    enum col_kind kind;
    uint32_t limit = 0;

    if (r == NULL || c == NULL || (data == NULL && cb != 0) ||
        (flags & ~(unsigned)(REC_VAL_SEPARATED | REC_SET_NULL_MARK)))
        return JET_errInvalidParameter;
    CALL(col_classify(c, &kind, &limit));
    if ((flags & REC_VAL_SEPARATED) && (kind != KIND_TAGGED || !coltyp_long(c->coltyp)))
        return JET_errInvalidParameter;
    if (data == NULL && (c->grbit & JET_bitColumnNotNULL))
        return JET_errColumnIllegalNull;
    if (data == NULL)
        flags &= (unsigned)REC_SET_NULL_MARK;
    else
        flags &= (unsigned)REC_VAL_SEPARATED;

    if (kind == KIND_TAGGED && data != NULL && !(flags & REC_VAL_SEPARATED)) {
        /* ESE's order: too long for cbMax first, then the exact size of a
         * fixed-size type (a zero-length value is allowed). */
        if (limit != 0 && cb > limit)
            return JET_errColumnTooBig;
        uint32_t size = rec_fixed_size(c->coltyp);
        if (size != 0 && cb != 0 && cb != size)
            return JET_errInvalidBufferSize;
    }

    rec_view v;
    if (!rec_view_parse(r->data, r->len, &v))
        return JET_errDatabaseCorrupted;
    if (max_len > REC_LEN_MAX)
        max_len = REC_LEN_MAX;

    if (kind == KIND_TAGGED)
        return set_tagged(r, &v, c, itag, data, cb, flags, max_len);
    return set_plain(r, &v, c, kind, limit, data, cb, flags, max_len);
}
