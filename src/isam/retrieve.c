/*
 * retrieve.c: reading column values — JetRetrieveColumn(s) (copy buffer
 * or current record, defaults, multi-values, long values at offsets, the
 * scan of all tagged values with columnid 0) and JetEnumerateColumns.
 */
#include "isam/isam_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/err.h"

#define RETRIEVE_BITS                                                                   \
    (JET_bitRetrieveCopy | JET_bitRetrieveFromIndex | JET_bitRetrieveFromPrimaryBookmark | \
     JET_bitRetrieveTag | JET_bitRetrieveNull | JET_bitRetrieveIgnoreDefault |         \
     JET_bitRetrieveTuple)

/* The record to read: the copy buffer (RetrieveCopy with an update
 * prepared) or the current record — in the cursor's record buffer when
 * curbuf (*own NULL), else malloc'd into *own. */
static JET_ERR source_record(isam_cursor *c, bool copy, bool curbuf, const uint8_t **rec,
                             size_t *len, uint8_t **own)
{
    *own = NULL;
    if (copy && c->prep != PREP_NONE) {
        *rec = c->rb.data;
        *len = c->rb.len;
        return JET_errSuccess;
    }
    if (curbuf)
        return isam_current_rec(c, rec, len);
    CALL(isam_current(c, own, len));
    *rec = *own;
    return JET_errSuccess;
}

/* Copy value v from offset ib into buf. */
static JET_ERR deliver(isam_cursor *c, const cat_column *col, const isam_val *v, void *buf,
                       uint32_t cb, uint32_t *actual, uint32_t ib)
{
    uint64_t off = col != NULL && isam_is_lv(col->def.coltyp) ? ib : 0;
    uint64_t total = v->sep ? v->lvsize : v->cb;
    uint64_t avail = off < total ? total - off : 0;
    if (actual != NULL)
        *actual = avail > UINT32_MAX ? UINT32_MAX : (uint32_t)avail;
    size_t n = avail < cb ? (size_t)avail : cb;
    if (n > 0) {
        if (buf == NULL)
            return JET_errInvalidParameter;
        uint64_t t;
        CALL(isam_read_val(c, v, off, buf, n, &t));
    }
    return avail > cb ? JET_wrnBufferTruncated : JET_errSuccess;
}

static bool index_has_column(const cat_index *ix, JET_COLUMNID colid)
{
    for (uint32_t i = 0; i < ix->nseg; i++)
        if (ix->seg[i].colid == colid)
            return true;
    return false;
}

/* JET_bitRetrieveFromIndex / FromPrimaryBookmark: which value of column
 * col the current index entry (or the primary key behind it) holds.  ESE
 * takes the value from the entry's key when the key can give it back and
 * otherwise from the record, at the value number that made the entry;
 * normalised keys are not always reversible (text, truncation), so jetdb
 * always reads the record at that number — the same value.  A column the
 * index does not contain is JET_errColumnNotFound, as in ESE. */
static JET_ERR index_value_itag(isam_cursor *c, const cat_column *col, JET_GRBIT grbit,
                                uint32_t *itag)
{
    const cat_table *t = c->t;
    *itag = 1;
    if (c->ix < 0) {
        /* On the primary index: a table without one (sequential), a
         * temporary table or a cursor that is not on an entry reads the
         * record (ESE's fallback); otherwise the key must hold the column. */
        if (t->primary < 0 || t->temp || c->pos != POS_ON)
            return JET_errSuccess;
        return index_has_column(&t->idx[t->primary], col->def.colid) ? JET_errSuccess
                                                                       : JET_errColumnNotFound;
    }
    const cat_index *ix;
    if (grbit & JET_bitRetrieveFromPrimaryBookmark) {
        if (t->primary < 0)
            return JET_errColumnNotFound;   /* a sequential table has no key columns */
        ix = &t->idx[t->primary];
    } else {
        ix = &t->idx[c->ix];
    }
    if (!index_has_column(ix, col->def.colid))
        return JET_errColumnNotFound;
    if ((grbit & JET_bitRetrieveFromPrimaryBookmark) ||
        !(col->def.grbit & JET_bitColumnMultiValued))
        return JET_errSuccess;
    const uint8_t *rec;
    size_t len;
    CALL(isam_current_rec(c, &rec, &len));
    return isam_entry_itag(c, ix, rec, len, col->def.colid, itag);
}

/* columnid 0: the seq-th value among all tagged columns, in column id
 * order.  A column with no stored value and a default counts as one value
 * (its default) unless JET_bitRetrieveIgnoreDefault; one that is
 * explicitly NULL over its default counts only with JET_bitRetrieveNull
 * (JET_wrnColumnSetNull), as in ESE's scan.  *col receives the column,
 * *setnull whether it is such a NULL; JET_wrnColumnNull past the last. */
static JET_ERR scan_tagged(isam_cursor *c, const uint8_t *rec, size_t len, JET_GRBIT grbit,
                           uint32_t seq, const cat_column **col, uint32_t *itag,
                           bool *setnull, isam_val *v)
{
    bool use_default = !(grbit & JET_bitRetrieveIgnoreDefault);
    bool nulls = (grbit & JET_bitRetrieveNull) != 0;
    uint32_t left = seq;
    *setnull = false;
    for (size_t i = 0; i < c->t->ncols; i++) {
        const cat_column *tc = &c->t->cols[i];
        if (tc->def.colid < REC_TAGGED_FIRST)
            continue;
        uint32_t n = rec_count(rec, len, &tc->def);
        if (n == 0) {
            if (tc->dflt == NULL)
                continue;
            isam_val dv;
            JET_ERR e;
            CALL(e = isam_get_val(rec, len, tc, 1, true, &dv));
            bool isnull = e == JET_wrnColumnNull;
            if (isnull ? !nulls : !use_default)
                continue;
            if (left == 1) {
                *col = tc;
                *itag = 1;
                *setnull = isnull;
                *v = dv;
                return JET_errSuccess;
            }
            left--;
            continue;
        }
        if (left <= n) {
            *col = tc;
            *itag = left;
            return isam_get_val(rec, len, tc, left, false, v);
        }
        left -= n;
    }
    return JET_wrnColumnNull;
}

JET_ERR isam_retrieve_column(isam_cursor *c, JET_COLUMNID colid, void *buf, uint32_t cb,
                             uint32_t *actual, JET_GRBIT grbit, uint32_t ib, uint32_t *itag,
                             JET_COLUMNID *next_tagged)
{
    if (grbit & ~(JET_GRBIT)RETRIEVE_BITS)
        return JET_errInvalidGrbit;
    if ((grbit & JET_bitRetrieveFromIndex) && (grbit & JET_bitRetrieveFromPrimaryBookmark))
        return JET_errInvalidGrbit;
    if ((grbit & JET_bitRetrieveTuple) && !(grbit & JET_bitRetrieveFromIndex))
        return JET_errInvalidGrbit;
    const cat_column *col = NULL;
    if (colid != 0) {
        col = cat_column_by_id(c->t, colid);
        if (col == NULL)
            return JET_errColumnNotFound;
    }
    uint32_t seq = itag != NULL ? *itag : 1;
    if (grbit & (JET_bitRetrieveFromIndex | JET_bitRetrieveFromPrimaryBookmark)) {
        if (colid == 0)
            return JET_errBadColumnId;
        CALL(index_value_itag(c, col, grbit, &seq));
        if (itag != NULL && (grbit & JET_bitRetrieveTag))
            *itag = seq;   /* the value number of the current entry */
    }
    if ((colid == 0 || col->def.colid >= REC_TAGGED_FIRST) && seq == 0)
        return JET_errBadItagSequence;

    const uint8_t *rec;
    size_t len;
    uint8_t *own;
    CALL(source_record(c, (grbit & JET_bitRetrieveCopy) != 0, true, &rec, &len, &own));
    JET_ERR err;
    isam_val v;
    if (colid == 0) {
        uint32_t got = 0;
        bool setnull = false;
        err = scan_tagged(c, rec, len, grbit, seq, &col, &got, &setnull, &v);
        if (err == JET_wrnColumnNull || setnull) {
            if (actual != NULL)
                *actual = 0;
            if (next_tagged != NULL)
                *next_tagged = setnull ? col->def.colid : 0;
            if (itag != NULL && setnull)
                *itag = got;
            free(own);
            return setnull ? JET_wrnColumnSetNull : JET_wrnColumnNull;
        }
        if (err >= 0 && itag != NULL)
            *itag = got;
    } else {
        bool tagged = col->def.colid >= REC_TAGGED_FIRST;
        err = isam_get_val(rec, len, col, tagged ? seq : 1,
                           !(grbit & JET_bitRetrieveIgnoreDefault), &v);
    }
    if (err == JET_wrnColumnNull) {
        if (actual != NULL)
            *actual = 0;
        if (next_tagged != NULL)
            *next_tagged = colid;
        free(own);
        return JET_wrnColumnNull;
    }
    if (err >= 0)
        err = deliver(c, col, &v, buf, cb, actual, ib);
    if (err >= 0 && next_tagged != NULL)
        *next_tagged = col->def.colid;
    free(own);
    return err;
}

JET_ERR isam_count_column(isam_cursor *c, JET_COLUMNID colid, JET_GRBIT grbit, uint32_t *n)
{
    if (grbit & ~(JET_GRBIT)RETRIEVE_BITS)
        return JET_errInvalidGrbit;
    const cat_column *col = cat_column_by_id(c->t, colid);
    if (col == NULL)
        return JET_errColumnNotFound;
    const uint8_t *rec;
    size_t len;
    uint8_t *own;
    CALL(source_record(c, (grbit & JET_bitRetrieveCopy) != 0, true, &rec, &len, &own));
    *n = isam_count_vals(rec, len, col, !(grbit & JET_bitRetrieveIgnoreDefault));
    free(own);
    return JET_errSuccess;
}

/* ---- JetEnumerateColumns ------------------------------------------------------------- */

#define ENUM_BITS                                                                       \
    (JET_bitEnumerateCopy | JET_bitEnumerateIgnoreDefault | JET_bitEnumeratePresenceOnly | \
     JET_bitEnumerateTaggedOnly | JET_bitEnumerateCompressOutput |                     \
     JET_bitEnumerateIgnoreUserDefinedDefault | JET_bitEnumerateInRecordOnly)

typedef struct enum_ctx {
    isam_cursor *c;
    JET_PFNREALLOC pfn;
    void *ctx;
    uint32_t cbmost;
    JET_GRBIT grbit;
    const uint8_t *rec;
    size_t len;
} enum_ctx;

static void *ealloc(enum_ctx *e, size_t n)
{
    if (n > UINT32_MAX)
        return NULL;
    return e->pfn(e->ctx, NULL, (uint32_t)(n ? n : 1));
}

static void efree(enum_ctx *e, void *p)
{
    if (p != NULL)
        (void)e->pfn(e->ctx, p, 0);
}

/* Fill one value: data (cut at cbDataMost) or presence only. */
static JET_ERR enum_value(enum_ctx *e, const cat_column *col, const isam_val *v,
                          JET_ERR *verr, uint32_t *cbout, void **pvout)
{
    *verr = JET_errSuccess;
    *cbout = 0;
    *pvout = NULL;
    uint64_t total = v->sep ? v->lvsize : v->cb;
    if (e->grbit & JET_bitEnumeratePresenceOnly) {
        *verr = JET_wrnColumnPresent;
        return JET_errSuccess;
    }
    uint64_t n = total;
    if (e->cbmost > 0 && isam_is_lv(col->def.coltyp) && n > e->cbmost) {
        n = e->cbmost;
        *verr = JET_wrnColumnTruncated;
    }
    if (n > UINT32_MAX)
        return JET_errOutOfMemory;
    void *p = ealloc(e, (size_t)n);
    if (p == NULL)
        return JET_errOutOfMemory;
    uint64_t t;
    JET_ERR err = isam_read_val(e->c, v, 0, p, (size_t)n, &t);
    if (err < 0) {
        efree(e, p);
        return err;
    }
    *cbout = (uint32_t)n;
    *pvout = p;
    return JET_errSuccess;
}

/* Fill the JET_ENUMCOLUMN of one column (tags NULL = every value). */
static JET_ERR enum_column(enum_ctx *e, const cat_column *col, uint32_t ntags,
                           const uint32_t *tags, JET_ENUMCOLUMN *out)
{
    memset(out, 0, sizeof *out);
    out->columnid = col->def.colid;
    bool use_default = !(e->grbit & (JET_bitEnumerateIgnoreDefault |
                                     JET_bitEnumerateInRecordOnly));
    uint32_t count = isam_count_vals(e->rec, e->len, col, use_default);
    if (tags == NULL && count == 0) {
        out->err = JET_wrnColumnNull;
        return JET_errSuccess;
    }
    uint32_t nvals = tags == NULL ? count : ntags;
    isam_val v;
    if ((e->grbit & JET_bitEnumerateCompressOutput) && tags == NULL && count == 1) {
        JET_ERR err;
        CALL(err = isam_get_val(e->rec, e->len, col, 1, use_default, &v));
        JET_ERR verr;
        CALL(enum_value(e, col, &v, &verr, &out->cbData, &out->pvData));
        out->err = verr == JET_errSuccess ? JET_wrnColumnSingleValue : verr;
        if (verr == JET_wrnColumnPresent)
            out->err = JET_wrnColumnPresent;
        return JET_errSuccess;
    }
    JET_ENUMCOLUMNVALUE *vals = ealloc(e, (size_t)nvals * sizeof *vals);
    if (vals == NULL)
        return JET_errOutOfMemory;
    memset(vals, 0, (size_t)nvals * sizeof *vals);
    JET_ERR err = JET_errSuccess;
    for (uint32_t i = 0; i < nvals && err >= 0; i++) {
        uint32_t it = tags == NULL ? i + 1 : tags[i];
        vals[i].itagSequence = it;
        if (it == 0) {
            vals[i].err = JET_errBadItagSequence;
            continue;
        }
        err = isam_get_val(e->rec, e->len, col, it, use_default, &v);
        if (err == JET_wrnColumnNull) {
            vals[i].err = JET_wrnColumnNull;
            err = JET_errSuccess;
            continue;
        }
        if (err >= 0)
            err = enum_value(e, col, &v, &vals[i].err, &vals[i].cbData, &vals[i].pvData);
    }
    if (err < 0) {
        /* give back what this column got so far */
        for (uint32_t i = 0; i < nvals; i++)
            efree(e, vals[i].pvData);
        efree(e, vals);
        return err;
    }
    out->cEnumColumnValue = nvals;
    out->rgEnumColumnValue = vals;
    out->err = JET_errSuccess;
    return JET_errSuccess;
}

/* Free what enum_column allocated. */
static void enum_free_column(enum_ctx *e, JET_ENUMCOLUMN *col)
{
    if (col->err == JET_wrnColumnSingleValue) {
        efree(e, col->pvData);
        return;
    }
    if (col->err != JET_errSuccess)
        return;
    for (uint32_t i = 0; i < col->cEnumColumnValue; i++)
        efree(e, col->rgEnumColumnValue[i].pvData);
    efree(e, col->rgEnumColumnValue);
}

JET_ERR isam_enumerate_columns(isam_cursor *c, uint32_t cid, const JET_ENUMCOLUMNID *ids,
                               uint32_t *pcenum, JET_ENUMCOLUMN **penum, JET_PFNREALLOC pfn,
                               void *ctx, uint32_t cbmost, JET_GRBIT grbit)
{
    if (grbit & ~(JET_GRBIT)ENUM_BITS)
        return JET_errInvalidGrbit;
    enum_ctx e = {.c = c, .pfn = pfn, .ctx = ctx, .cbmost = cbmost, .grbit = grbit};
    uint8_t *own;
    CALL(source_record(c, (grbit & JET_bitEnumerateCopy) != 0, false, &e.rec, &e.len, &own));
    *pcenum = 0;
    *penum = NULL;
    /* Which columns: the given ones, or every column with a value. */
    size_t n = 0;
    const cat_column **cols = malloc((cid ? cid : c->t->ncols + 1) * sizeof *cols);
    JET_ERR err = cols == NULL ? JET_errOutOfMemory : JET_errSuccess;
    if (err >= 0 && cid > 0) {
        for (uint32_t i = 0; i < cid && err >= 0; i++) {
            cols[n] = cat_column_by_id(c->t, ids[i].columnid);
            if (cols[n] == NULL)
                err = JET_errColumnNotFound;
            n++;
        }
    } else if (err >= 0) {
        bool use_default = !(grbit & (JET_bitEnumerateIgnoreDefault |
                                      JET_bitEnumerateInRecordOnly));
        for (size_t i = 0; i < c->t->ncols; i++) {
            const cat_column *col = &c->t->cols[i];
            if ((grbit & JET_bitEnumerateTaggedOnly) && col->def.colid < REC_TAGGED_FIRST)
                continue;
            if (isam_count_vals(e.rec, e.len, col, use_default) > 0)
                cols[n++] = col;
        }
        /* column id order */
        for (size_t i = 1; i < n; i++)
            for (size_t j = i; j > 0 && cols[j - 1]->def.colid > cols[j]->def.colid; j--) {
                const cat_column *t = cols[j];
                cols[j] = cols[j - 1];
                cols[j - 1] = t;
            }
    }
    JET_ENUMCOLUMN *out = NULL;
    size_t done = 0;
    if (err >= 0 && n > 0) {
        out = ealloc(&e, n * sizeof *out);
        if (out == NULL)
            err = JET_errOutOfMemory;
    }
    for (size_t i = 0; i < n && err >= 0; i++, done++) {
        uint32_t ntags = 0;
        const uint32_t *tags = NULL;
        if (cid > 0 && ids[i].ctagSequence > 0) {
            ntags = ids[i].ctagSequence;
            tags = ids[i].rgtagSequence;
            if (tags == NULL)
                err = JET_errInvalidParameter;
        }
        if (err >= 0)
            err = enum_column(&e, cols[i], ntags, tags, &out[i]);
    }
    if (err < 0) {
        for (size_t i = 0; i < done && out != NULL; i++)
            enum_free_column(&e, &out[i]);
        efree(&e, out);
    } else {
        *pcenum = (uint32_t)n;
        *penum = out;
    }
    free(cols);
    free(own);
    return err;
}
