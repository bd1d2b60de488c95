/*
 * rec_view.c: locating the sections of a stored record and checking its
 * structure.  Everything here treats the bytes as untrusted: every offset
 * is checked against the record length before it is used, so a damaged
 * record is reported, never read past.
 */
#include "record/rec_int.h"

/* rec_view_parse --
 *     Locate the sections; see rec_int.h. */
bool rec_view_parse(const void *rec, size_t len, rec_view *v)
{
    const uint8_t *p = rec;

    *v = (rec_view){.p = p, .len = len};
    if (len == 0)
        return true;                 /* the empty record */
    if (p == NULL || len < REC_HDR_SIZE || len > REC_LEN_MAX)
        return false;
    v->nfixed = p[0];
    v->nvar = p[1];
    v->ntag = rec_rd16(p + 2);
    /* (ntag is bounded by its 16 bits: markers of fixed and variable
     * columns share the directory with the tagged columns.) */
    if (v->nfixed > REC_FIXED_COUNT || v->nvar > REC_VAR_COUNT)
        return false;

    v->widths = REC_HDR_SIZE;
    v->bitmap = v->widths + v->nfixed;
    v->fixdata = v->bitmap + (v->nfixed + 7u) / 8u;
    if (v->fixdata > len)
        return false;
    for (unsigned i = 0; i < v->nfixed; i++)
        v->fixlen += p[v->widths + i];

    v->vartab = v->fixdata + v->fixlen;
    v->vardata = v->vartab + 2u * (size_t)v->nvar;
    if (v->vardata > len)
        return false;
    if (v->nvar > 0)
        v->varlen = rec_rd16(p + v->vartab + 2u * (v->nvar - 1u)) & REC_VAR_OFF_MASK;

    v->tagdir = v->vardata + v->varlen;
    if (v->tagdir > len)
        return false;
    v->tagdata = v->tagdir + REC_TAG_ENTRY * (size_t)v->ntag;
    if (v->tagdata > len)
        return false;
    if (v->ntag > 0)
        v->taglen = rec_rd16(p + v->tagdir + REC_TAG_ENTRY * (v->ntag - 1u) + 2u);
    /* The record ends exactly where its last tagged column ends. */
    return v->tagdata + v->taglen == len;
}

unsigned rec_fixed_width(const rec_view *v, unsigned colid)
{
    if (colid < REC_FIXED_FIRST || colid > v->nfixed)
        return 0;
    return v->p[v->widths + colid - 1u];
}

bool rec_fixed_isnull(const rec_view *v, unsigned colid)
{
    if (colid < REC_FIXED_FIRST || colid > v->nfixed)
        return true;
    unsigned i = colid - 1u;
    return (v->p[v->bitmap + i / 8u] >> (i % 8u)) & 1u;
}

size_t rec_fixed_offset(const rec_view *v, unsigned colid)
{
    size_t off = v->fixdata;
    for (unsigned i = 0; i + 1u < colid && i < v->nfixed; i++)
        off += v->p[v->widths + i];
    return off;
}

unsigned rec_tag_colid(const rec_view *v, unsigned i)
{
    return rec_rd16(v->p + v->tagdir + REC_TAG_ENTRY * (size_t)i);
}

/* rec_tag_find --
 *     Binary search of the tagged directory (sorted by colid in a sound
 *     record; in a damaged one the answer is merely wrong, never unsafe). */
unsigned rec_tag_find(const rec_view *v, unsigned colid)
{
    unsigned lo = 0, hi = v->ntag;
    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2u;
        if (rec_tag_colid(v, mid) < colid)
            lo = mid + 1u;
        else
            hi = mid;
    }
    return lo;
}

bool rec_tag_span(const rec_view *v, unsigned i, size_t *start, size_t *end)
{
    size_t s = 0;
    if (i > 0)
        s = rec_rd16(v->p + v->tagdir + REC_TAG_ENTRY * (size_t)(i - 1u) + 2u);
    size_t e = rec_rd16(v->p + v->tagdir + REC_TAG_ENTRY * (size_t)i + 2u);
    if (s > e || e > v->taglen)
        return false;
    *start = s;
    *end = e;
    return true;
}

bool rec_view_marked(const rec_view *v, unsigned colid)
{
    unsigned k = rec_tag_find(v, colid);
    size_t s, e;
    return k < v->ntag && rec_tag_colid(v, k) == colid && rec_tag_span(v, k, &s, &e) && s == e;
}

bool rec_blob_parse(const uint8_t *p, size_t len, rec_blob *b)
{
    *b = (rec_blob){.p = p, .len = len};
    if (len < 2u)
        return false;
    b->nvals = rec_rd16(p);
    if (b->nvals == 0)
        return false;
    b->ends = 2u;
    b->flags = b->ends + 2u * (size_t)b->nvals;
    b->data = b->flags + b->nvals;
    if (b->data > len)
        return false;
    /* The last value ends where the blob ends. */
    return rec_rd16(p + b->ends + 2u * (b->nvals - 1u)) == len - b->data;
}

bool rec_blob_value(const rec_blob *b, unsigned i, size_t *off, size_t *cb, unsigned *flags)
{
    size_t s = i == 0 ? 0 : rec_rd16(b->p + b->ends + 2u * (size_t)(i - 1u));
    size_t e = rec_rd16(b->p + b->ends + 2u * (size_t)i);
    if (s > e || b->data + e > b->len)
        return false;
    *off = b->data + s;
    *cb = e - s;
    *flags = b->p[b->flags + i];
    return true;
}

/* Fixed section: a slot without bytes must be NULL, the bitmap's unused
 * bits are clear, and the last slot has bytes (slots are created only by
 * setting a value). */
static bool check_fixed(const rec_view *v)
{
    for (unsigned c = 1; c <= v->nfixed; c++) {
        if (rec_fixed_width(v, c) == 0 && !rec_fixed_isnull(v, c))
            return false;
    }
    if (v->nfixed % 8u != 0) {
        unsigned last = v->p[v->bitmap + v->nfixed / 8u];
        if (last >> (v->nfixed % 8u))
            return false;
    }
    return v->nfixed == 0 || rec_fixed_width(v, v->nfixed) != 0;
}

/* Variable section: end offsets never decrease, a NULL column has no
 * bytes, and trailing NULL columns are trimmed. */
static bool check_var(const rec_view *v)
{
    unsigned prev = 0;
    for (unsigned i = 0; i < v->nvar; i++) {
        unsigned raw = rec_rd16(v->p + v->vartab + 2u * (size_t)i);
        unsigned end = raw & REC_VAR_OFF_MASK;
        if (end < prev || end - prev > REC_VAR_MAX)
            return false;
        if ((raw & REC_VAR_NULL) && end != prev)
            return false;
        if (i + 1u == v->nvar && (raw & REC_VAR_NULL))
            return false;
        prev = end;
    }
    return true;
}

/* Whether a fixed or variable column has a value in v. */
static bool has_plain_value(const rec_view *v, unsigned colid)
{
    if (colid <= REC_FIXED_LAST)
        return rec_fixed_width(v, colid) != 0 && !rec_fixed_isnull(v, colid);
    unsigned i = colid - REC_VAR_FIRST;
    return i < v->nvar && !(rec_rd16(v->p + v->vartab + 2u * (size_t)i) & REC_VAR_NULL);
}

/* Tagged section: colids strictly increasing, spans in order, every blob
 * well formed with known flags and ordered value offsets.  An empty blob
 * is an explicit-NULL marker: the only entry a fixed or variable column
 * may have, and only while that column has no value. */
static bool check_tagged(const rec_view *v)
{
    unsigned prev_colid = 0;
    for (unsigned i = 0; i < v->ntag; i++) {
        unsigned colid = rec_tag_colid(v, i);
        if (colid < REC_FIXED_FIRST || colid <= prev_colid)
            return false;
        prev_colid = colid;
        size_t s, e;
        rec_blob b;
        if (!rec_tag_span(v, i, &s, &e))
            return false;
        if (s == e) {
            if (colid < REC_TAGGED_FIRST && has_plain_value(v, colid))
                return false;
            continue;
        }
        if (colid < REC_TAGGED_FIRST || !rec_blob_parse(v->p + v->tagdata + s, e - s, &b))
            return false;
        for (unsigned j = 0; j < b.nvals; j++) {
            size_t off, cb;
            unsigned flags;
            if (!rec_blob_value(&b, j, &off, &cb, &flags) || (flags & ~(unsigned)REC_VAL_SEPARATED))
                return false;
        }
    }
    return true;
}

bool rec_view_check(const rec_view *v)
{
    return check_fixed(v) && check_var(v) && check_tagged(v);
}
