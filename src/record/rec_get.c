/*
 * rec_get.c: reading stored records — one value (rec_get), the number of
 * values of a column (rec_count), the columns present (rec_next_present)
 * and the structural check (rec_check).  Nothing here writes; every read
 * is bounded by the record length (rec_view.c).
 */
#include "record/rec_int.h"

/* rec_fixed_size --
 *     The size of a fixed-size coltyp's value; 0 for the variable-size
 *     types (and for unknown ones). */
uint32_t rec_fixed_size(JET_COLTYP coltyp)
{
    switch (coltyp) {
    case JET_coltypBit:
    case JET_coltypUnsignedByte:
        return 1;
    case JET_coltypShort:
    case JET_coltypUnsignedShort:
        return 2;
    case JET_coltypLong:
    case JET_coltypUnsignedLong:
    case JET_coltypIEEESingle:
        return 4;
    case JET_coltypCurrency:
    case JET_coltypIEEEDouble:
    case JET_coltypDateTime:
    case JET_coltypLongLong:
    case JET_coltypUnsignedLongLong:
        return 8;
    case JET_coltypGUID:
        return 16;
    default:
        return 0;
    }
}

JET_ERR rec_check(const void *rec, size_t len)
{
    rec_view v;
    if (!rec_view_parse(rec, len, &v) || !rec_view_check(&v))
        return JET_errDatabaseCorrupted;
    return JET_errSuccess;
}

/* The width a fixed column's slot must have: its type's size, or cbMax
 * (255 when 0) for a fixed Text/Binary column; 0 when the definition is
 * not one of a fixed column. */
static unsigned fixed_slot_width(const rec_coldef *c)
{
    uint32_t size = rec_fixed_size(c->coltyp);
    if (size != 0)
        return size;
    if (c->coltyp == JET_coltypText || c->coltyp == JET_coltypBinary) {
        if (c->cbMax == 0)
            return JET_cbColumnMost;
        return c->cbMax <= JET_cbColumnMost ? c->cbMax : 0;
    }
    return 0;
}

/* One fixed column value; the slot must have the width the column's
 * definition implies, or the record does not belong to the schema. */
static JET_ERR get_fixed(const rec_view *v, const rec_coldef *c, const void **data, size_t *cb)
{
    unsigned colid = (unsigned)c->colid;
    unsigned width = rec_fixed_width(v, colid);
    if (width == 0 || rec_fixed_isnull(v, colid))
        return JET_wrnColumnNull;
    unsigned want = fixed_slot_width(c);
    if (want == 0)
        return JET_errInvalidParameter;
    if (width != want)
        return JET_errDatabaseCorrupted;
    *data = v->p + rec_fixed_offset(v, colid);
    *cb = width;
    return JET_errSuccess;
}

static JET_ERR get_var(const rec_view *v, unsigned colid, const void **data, size_t *cb)
{
    unsigned i = colid - REC_VAR_FIRST;
    if (i >= v->nvar)
        return JET_wrnColumnNull;
    unsigned raw = rec_rd16(v->p + v->vartab + 2u * (size_t)i);
    if (raw & REC_VAR_NULL)
        return JET_wrnColumnNull;
    size_t start = i == 0 ? 0 : rec_rd16(v->p + v->vartab + 2u * (size_t)(i - 1u)) & REC_VAR_OFF_MASK;
    size_t end = raw & REC_VAR_OFF_MASK;
    if (start > end || end > v->varlen)
        return JET_errDatabaseCorrupted;
    *data = v->p + v->vardata + start;
    *cb = end - start;
    return JET_errSuccess;
}

/* Locate tagged column colid's blob; JET_wrnColumnNull when absent or
 * marked NULL (an empty blob). */
static JET_ERR find_blob(const rec_view *v, unsigned colid, rec_blob *b, size_t *base)
{
    unsigned k = rec_tag_find(v, colid);
    if (k >= v->ntag || rec_tag_colid(v, k) != colid)
        return JET_wrnColumnNull;
    size_t s, e;
    if (!rec_tag_span(v, k, &s, &e))
        return JET_errDatabaseCorrupted;
    if (s == e)
        return JET_wrnColumnNull;
    if (!rec_blob_parse(v->p + v->tagdata + s, e - s, b))
        return JET_errDatabaseCorrupted;
    *base = v->tagdata + s;
    return JET_errSuccess;
}

static JET_ERR get_tagged(const rec_view *v, unsigned colid, uint32_t itag, const void **data,
                          size_t *cb, unsigned *flags)
{
    rec_blob b;
    size_t base;
    JET_ERR err = find_blob(v, colid, &b, &base);
    if (err != JET_errSuccess)
        return err;
    if (itag > b.nvals)
        return JET_wrnColumnNull;
    size_t off, n;
    unsigned f;
    if (!rec_blob_value(&b, itag - 1u, &off, &n, &f))
        return JET_errDatabaseCorrupted;
    *data = v->p + base + off;
    *cb = n;
    *flags = f;
    return JET_errSuccess;
}

JET_ERR rec_get(const void *rec, size_t len, const rec_coldef *c, uint32_t itag,
                const void **data, size_t *cb, unsigned *flags)
{
    unsigned dummy;
    if (c == NULL || data == NULL || cb == NULL || (rec == NULL && len != 0))
        return JET_errInvalidParameter;
    if (flags == NULL)
        flags = &dummy;
    *data = NULL;
    *cb = 0;
    *flags = 0;
    if (c->colid < REC_FIXED_FIRST || c->colid > REC_TAGGED_LAST)
        return JET_errBadColumnId;
    rec_view v;
    if (!rec_view_parse(rec, len, &v))
        return JET_errDatabaseCorrupted;
    if (itag == 0)
        itag = 1;

    unsigned colid = (unsigned)c->colid;
    if (colid >= REC_TAGGED_FIRST)
        return get_tagged(&v, colid, itag, data, cb, flags);
    /* A fixed or variable column holds one value at most. */
    if (itag > 1)
        return JET_wrnColumnNull;
    JET_ERR err = colid <= REC_FIXED_LAST ? get_fixed(&v, c, data, cb) : get_var(&v, colid, data, cb);
    if (err != JET_errSuccess) {
        *data = NULL;
        *cb = 0;
    }
    return err;
}

uint32_t rec_count(const void *rec, size_t len, const rec_coldef *c)
{
    rec_view v;
    if (c == NULL || c->colid < REC_FIXED_FIRST || c->colid > REC_TAGGED_LAST ||
        !rec_view_parse(rec, len, &v))
        return 0;
    unsigned colid = (unsigned)c->colid;
    if (colid >= REC_TAGGED_FIRST) {
        rec_blob b;
        size_t base;
        return find_blob(&v, colid, &b, &base) == JET_errSuccess ? b.nvals : 0;
    }
    const void *data;
    size_t cb;
    JET_ERR err = colid <= REC_FIXED_LAST ? get_fixed(&v, c, &data, &cb) : get_var(&v, colid, &data, &cb);
    return err == JET_errSuccess ? 1u : 0u;
}

JET_COLUMNID rec_next_present(const void *rec, size_t len, JET_COLUMNID after)
{
    rec_view v;
    if (after >= REC_TAGGED_LAST || !rec_view_parse(rec, len, &v))
        return 0;
    unsigned next = (unsigned)after + 1u;
    for (unsigned c = next; c <= v.nfixed; c++) {
        if (rec_fixed_width(&v, c) != 0 && !rec_fixed_isnull(&v, c))
            return c;
    }
    for (unsigned i = next > REC_VAR_FIRST ? next - REC_VAR_FIRST : 0; i < v.nvar; i++) {
        if (!(rec_rd16(v.p + v.vartab + 2u * (size_t)i) & REC_VAR_NULL))
            return REC_VAR_FIRST + i;
    }
    /* Tagged columns; explicit-NULL markers (empty blobs) hold no value. */
    unsigned lo = next > REC_TAGGED_FIRST ? next : REC_TAGGED_FIRST;
    for (unsigned k = rec_tag_find(&v, lo); k < v.ntag; k++) {
        unsigned colid = rec_tag_colid(&v, k);
        size_t s, e;
        if (colid < lo)
            return 0;                        /* out of order: damaged */
        if (!rec_tag_span(&v, k, &s, &e) || s != e)
            return colid;
    }
    return 0;
}

bool rec_null_marked(const void *rec, size_t len, JET_COLUMNID colid)
{
    rec_view v;
    if (colid < REC_FIXED_FIRST || colid > REC_TAGGED_LAST || !rec_view_parse(rec, len, &v))
        return false;
    return rec_view_marked(&v, (unsigned)colid);
}

JET_COLUMNID rec_next_null_marked(const void *rec, size_t len, JET_COLUMNID after)
{
    rec_view v;
    if (after >= REC_TAGGED_LAST || !rec_view_parse(rec, len, &v))
        return 0;
    unsigned prev = 0;
    for (unsigned k = rec_tag_find(&v, (unsigned)after + 1u); k < v.ntag; k++) {
        unsigned colid = rec_tag_colid(&v, k);
        size_t s, e;
        if (colid <= prev || colid <= after)
            return 0;                        /* out of order: damaged */
        prev = colid;
        if (rec_tag_span(&v, k, &s, &e) && s == e)
            return colid;
    }
    return 0;
}
