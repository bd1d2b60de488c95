/*
 * update.c: changing records — JetPrepareUpdate, JetSetColumn(s),
 * JetUpdate, JetDelete, JetGetLock and JetEscrowUpdate.
 *
 * A prepared update works on a copy of the record (the copy buffer, a
 * rec_buf).  Long values that grow past the intrinsic limit are "pending":
 * the copy holds a reference to an in-memory overlay (lv.c) that JetUpdate
 * writes.  JetUpdate, JetDelete and JetEscrowUpdate are each one atomic
 * operation (vtx_auto_begin / vtx_auto_end): the data row, every secondary
 * index entry and the long-value chunks change together or not at all.
 */
#include "isam/isam_int.h"

#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "inst/inst.h"
#include "util/err.h"

#define SET_BITS                                                                        \
    (JET_bitSetAppendLV | JET_bitSetOverwriteLV | JET_bitSetSizeLV |                   \
     JET_bitSetZeroLength | JET_bitSetSeparateLV | JET_bitSetUniqueMultiValues |       \
     JET_bitSetUniqueNormalizedMultiValues | JET_bitSetRevertToDefaultValue |          \
     JET_bitSetIntrinsicLV | JET_bitSetUncompressed | JET_bitSetCompressed)

#define LV_OPS (JET_bitSetAppendLV | JET_bitSetOverwriteLV | JET_bitSetSizeLV)

/* Default LCMapString flags used to compare Unicode multi-values. */
#define NORM_MAP_FLAGS 0x00030401u
#define NORM_LCID 0x409u

void isam_prep_reset(isam_cursor *c)
{
    c->prep = PREP_NONE;
    c->delete_original = false;
    c->nolock = false;
    rec_buf_clear(&c->rb);      /* the buffers serve the next update (freed on close) */
    free(c->ubm);
    c->ubm = NULL;
    c->ubmlen = 0;
    free(c->orig);
    c->orig = NULL;
    c->origlen = 0;
    isam_plv_free_all(c);
}

static bool is_tagged(const cat_column *col)
{
    return col->def.colid >= REC_TAGGED_FIRST;
}

/* ---- JetPrepareUpdate ------------------------------------------------------------ */

/* Set the autoincrement columns of the copy buffer to fresh values. */
static JET_ERR assign_autoinc(isam_cursor *c)
{
    for (size_t i = 0; i < c->t->ncols; i++) {
        const cat_column *col = &c->t->cols[i];
        if (!(col->def.grbit & JET_bitColumnAutoincrement))
            continue;
        int64_t v;
        CALL(isam_next_autoinc(c, col, &v));
        uint8_t b[8];
        size_t n = rec_fixed_size(col->def.coltyp);
        if (n == 4) {
            int32_t w = (int32_t)v;
            memcpy(b, &w, 4);
        } else {
            memcpy(b, &v, 8);
            n = 8;
        }
        CALL(rec_set(&c->rb, &col->def, 1, b, n, 0, isam_rec_max(c)));
    }
    return JET_errSuccess;
}

/* Bump the version columns of the copy buffer (JET_prepReplace). */
static JET_ERR bump_version(isam_cursor *c)
{
    for (size_t i = 0; i < c->t->ncols; i++) {
        const cat_column *col = &c->t->cols[i];
        if (!(col->def.grbit & JET_bitColumnVersion))
            continue;
        isam_val v;
        JET_ERR err;
        CALL(err = isam_get_val(c->rb.data, c->rb.len, col, 1, true, &v));
        int32_t n = 0;
        if (err == JET_errSuccess && v.cb == 4)
            memcpy(&n, v.data, 4);
        n = (int32_t)((uint32_t)n + 1u);
        CALL(rec_set(&c->rb, &col->def, 1, &n, 4, 0, isam_rec_max(c)));
    }
    return JET_errSuccess;
}

JET_ERR isam_prepare(isam_cursor *c, uint32_t prep)
{
    switch (prep) {
    case JET_prepCancel:
        if (c->prep == PREP_NONE)
            return JET_errUpdateNotPrepared;
        isam_prep_reset(c);
        return JET_errSuccess;
    case JET_prepInsert:
    case JET_prepInsertCopy:
    case JET_prepInsertCopyDeleteOriginal:
    case JET_prepInsertCopyReplaceOriginal:
    case JET_prepReplace:
    case JET_prepReplaceNoLock:
        break;
    default:
        return JET_errInvalidParameter;
    }
    if (c->readonly)
        return JET_errPermissionDenied;
    if (c->prep != PREP_NONE)
        return JET_errAlreadyPrepared;

    JET_ERR err = JET_errSuccess;
    uint8_t *rec = NULL;
    size_t len = 0;
    if (prep != JET_prepInsert) {
        CALL(isam_current(c, &rec, &len));
    }
    switch (prep) {
    case JET_prepInsert:
        c->prep = PREP_INSERT;
        CHECK(assign_autoinc(c));
        break;
    case JET_prepInsertCopy:
    case JET_prepInsertCopyDeleteOriginal:
    case JET_prepInsertCopyReplaceOriginal:
        CHECK(rec_buf_load(&c->rb, rec, len));
        c->prep = PREP_INSERT_COPY;
        c->delete_original = prep != JET_prepInsertCopy;
        CHECK(isam_buf_set(&c->ubm, &(size_t){0}, &c->ubmlen, c->bm, c->bmlen));
        if (!c->delete_original)
            CHECK(assign_autoinc(c));
        break;
    default: {
        vtx *x = isam_x(c);
        c->nolock = prep == JET_prepReplaceNoLock || x == NULL;
        if (!c->nolock)
            CHECK(vt_lock(x, c->data, c->bm, c->bmlen));
        CHECK(rec_buf_load(&c->rb, rec, len));
        c->prep = PREP_REPLACE;
        CHECK(isam_buf_set(&c->ubm, &(size_t){0}, &c->ubmlen, c->bm, c->bmlen));
        c->orig = rec;
        c->origlen = len;
        rec = NULL;
        CHECK(bump_version(c));
        break;
    }
    }
done:
    free(rec);
    if (err < 0)
        isam_prep_reset(c);
    return err;
}

/* ---- JetSetColumn ------------------------------------------------------------------- */

/* Move intrinsic long values out of the copy buffer (it grew too big). */
static JET_ERR separate_all(isam_cursor *c)
{
    for (size_t i = 0; i < c->t->ncols; i++) {
        const cat_column *col = &c->t->cols[i];
        if (!isam_is_lv(col->def.coltyp))
            continue;
        uint32_t n = rec_count(c->rb.data, c->rb.len, &col->def);
        for (uint32_t itag = 1; itag <= n; itag++) {
            isam_val v;
            JET_ERR err;
            CALL(err = isam_get_val(c->rb.data, c->rb.len, col, itag, false, &v));
            if (err != JET_errSuccess || v.sep || v.cb <= ISAM_LV_REF_LEN)
                continue;
            uint64_t pid;
            CALL(isam_plv_new(c, 0, 0, &pid));
            isam_plv *p = isam_plv_of(c, pid);
            CALL(isam_plv_write(c, p, 0, v.data, v.cb));
            uint8_t ref[ISAM_LV_REF_LEN];
            isam_lv_ref_encode(ref, pid, p->size);
            CALL(rec_set(&c->rb, &col->def, itag, ref, sizeof ref, REC_VAL_SEPARATED,
                         isam_rec_max(c)));
        }
    }
    return JET_errSuccess;
}

/* rec_set on the copy buffer, separating long values once when the record
 * would be too big. */
static JET_ERR set_value(isam_cursor *c, const cat_column *col, uint32_t itag, const void *data,
                         size_t cb, unsigned flags)
{
    JET_ERR err = rec_set(&c->rb, &col->def, itag, data, cb, flags, isam_rec_max(c));
    if (err == JET_errRecordTooBig) {
        CALL(separate_all(c));
        err = rec_set(&c->rb, &col->def, itag, data, cb, flags, isam_rec_max(c));
    }
    return err;
}

/* The rec_set flags of setting column col to NULL: a column with a
 * default keeps an explicit-NULL marker, so it reads NULL (as ESE), not
 * the default. */
static unsigned null_flags(const cat_column *col)
{
    return col->dflt != NULL ? REC_SET_NULL_MARK : 0u;
}

/* Where a tagged value goes: itag 0 or past the last value appends. */
static uint32_t target_itag(isam_cursor *c, const cat_column *col, uint32_t itag)
{
    if (!is_tagged(col))
        return 1;
    uint32_t n = rec_count(c->rb.data, c->rb.len, &col->def);
    if (itag == 0 || itag > n)
        return n + 1;
    return itag;
}

/* JET_bitSetUniqueMultiValues: no other value of the column may equal the
 * new one (normalised: compare as an index would). */
static JET_ERR check_unique_mv(isam_cursor *c, const cat_column *col, uint32_t itag,
                               const void *data, size_t cb, bool normalized)
{
    uint32_t n = rec_count(c->rb.data, c->rb.len, &col->def);
    key_seg seg = {.coltyp = col->def.coltyp, .cp = col->def.cp, .lcid = NORM_LCID,
                   .map_flags = NORM_MAP_FLAGS};
    uint8_t a[ISAM_KEY_MAX], b[ISAM_KEY_MAX];
    size_t alen = 0;
    bool atrunc = false;
    if (normalized) {
        JET_ERR err = key_append(a, sizeof a, &alen, &seg, data, cb, 0);
        CALL(err);
        atrunc = err == KEY_TRUNCATED;
    }
    uint8_t *tmp = NULL;
    JET_ERR err = JET_errSuccess;
    for (uint32_t i = 1; i <= n && err >= 0; i++) {
        if (i == itag)
            continue;
        isam_val v;
        JET_ERR e;
        if ((e = isam_get_val(c->rb.data, c->rb.len, col, i, false, &v)) != JET_errSuccess) {
            err = e < 0 ? e : err;
            continue;
        }
        const void *vd = v.data;
        size_t vcb = v.cb;
        if (v.sep) {
            size_t want = v.lvsize > ISAM_KEY_MAX && normalized ? ISAM_KEY_MAX
                                                                : (size_t)v.lvsize;
            if (!normalized && v.lvsize != cb)
                continue;
            free(tmp);
            tmp = malloc(want ? want : 1);
            if (tmp == NULL)
                return JET_errOutOfMemory;
            uint64_t total;
            err = isam_read_val(c, &v, 0, tmp, want, &total);
            vd = tmp;
            vcb = want;
        }
        if (err < 0)
            break;
        if (normalized) {
            size_t blen = 0;
            JET_ERR e2 = key_append(b, sizeof b, &blen, &seg, vd, vcb, 0);
            if (e2 < 0) {
                err = e2;
                break;
            }
            if (alen == blen && memcmp(a, b, alen) == 0)
                err = atrunc || e2 == KEY_TRUNCATED ? JET_errMultiValuedDuplicateAfterTruncation
                                                    : JET_errMultiValuedDuplicate;
        } else if (vcb == cb && (cb == 0 || memcmp(vd, data, cb) == 0)) {
            err = JET_errMultiValuedDuplicate;
        }
    }
    free(tmp);
    return err;
}

/* Set a long-value column: replace, append, overwrite or resize value itag. */
static JET_ERR set_lv(isam_cursor *c, const cat_column *col, uint32_t itag, const void *data,
                      size_t cb, JET_GRBIT grbit, uint64_t ib)
{
    if (c->prep == PREP_INSERT_COPY && c->delete_original)
        return JET_errColumnNotUpdatable;
    uint32_t n = rec_count(c->rb.data, c->rb.len, &col->def);
    uint32_t at = is_tagged(col) ? (itag == 0 || itag > n ? n + 1 : itag) : 1;
    isam_val old;
    JET_ERR err = JET_wrnColumnNull;
    if (at <= n || !is_tagged(col))
        CALL(err = isam_get_val(c->rb.data, c->rb.len, col, at, false, &old));
    bool has_old = err == JET_errSuccess;
    uint64_t oldsize = !has_old ? 0 : old.sep ? old.lvsize : old.cb;

    bool append = (grbit & JET_bitSetAppendLV) != 0;
    bool over = (grbit & JET_bitSetOverwriteLV) != 0;
    bool size_op = (grbit & JET_bitSetSizeLV) != 0;
    uint64_t newsize;
    if (over) {
        if (ib > oldsize)
            return JET_errColumnNoChunk;
        newsize = size_op ? ib + cb : (ib + cb > oldsize ? ib + cb : oldsize);
    } else if (size_op) {
        newsize = cb;         /* the new size; pvData is not read */
    } else if (append) {
        newsize = oldsize + cb;
    } else {
        newsize = cb;
    }
    if (newsize > JET_cbLVColumnMost || (col->def.cbMax > 0 && newsize > col->def.cbMax))
        return JET_errColumnTooBig;

    /* Setting NULL (no data, no zero-length, not a size change to > 0). */
    bool to_null = !(grbit & JET_bitSetZeroLength) && newsize == 0 && !(append && has_old) &&
                   !(over && has_old);
    if (to_null) {
        if (col->def.grbit & JET_bitColumnNotNULL)
            return JET_errNullInvalid;
        /* The codec applies ESE's itag rules (and the marker) itself. */
        return set_value(c, col, is_tagged(col) ? itag : 1, NULL, 0, null_flags(col));
    }

    /* Decide where the value lives after the change. */
    uint64_t pid = 0;
    if (has_old && old.sep) {
        if (old.lvid & ISAM_LV_PENDING)
            pid = old.lvid;
        else
            CALL(isam_plv_new(c, old.lvid, old.lvsize, &pid));
    } else if (!(grbit & JET_bitSetIntrinsicLV) &&
               (newsize > ISAM_LV_INTRINSIC_MAX || (grbit & JET_bitSetSeparateLV))) {
        CALL(isam_plv_new(c, 0, 0, &pid));
        if (has_old && old.cb > 0 && (append || over || size_op))
            CALL(isam_plv_write(c, isam_plv_of(c, pid), 0, old.data, old.cb));
    }

    if (pid != 0) {
        isam_plv *p = isam_plv_of(c, pid);
        if (over) {
            CALL(isam_plv_write(c, p, ib, data, cb));
            if (size_op)
                CALL(isam_plv_resize(c, p, ib + cb));
        } else if (size_op) {
            CALL(isam_plv_resize(c, p, newsize));
        } else if (append) {
            CALL(isam_plv_write(c, p, p->size, data, cb));
        } else {
            CALL(isam_plv_resize(c, p, 0));
            p->base_valid = 0;
            CALL(isam_plv_write(c, p, 0, data, cb));
        }
        uint8_t ref[ISAM_LV_REF_LEN];
        isam_lv_ref_encode(ref, pid, p->size);
        return set_value(c, col, at, ref, sizeof ref, REC_VAL_SEPARATED);
    }

    /* Intrinsic: build the new bytes. */
    uint8_t *buf = malloc(newsize ? (size_t)newsize : 1);
    if (buf == NULL)
        return JET_errOutOfMemory;
    memset(buf, 0, (size_t)newsize);
    if (has_old && (append || over || size_op)) {
        size_t keep = old.cb < newsize ? old.cb : (size_t)newsize;
        memcpy(buf, old.data, keep);
    }
    if (over)
        memcpy(buf + ib, data, cb);
    else if (append)
        memcpy(buf + oldsize, data, cb);
    else if (!size_op && cb > 0)
        memcpy(buf, data, cb);
    err = rec_set(&c->rb, &col->def, at, buf, (size_t)newsize, 0, isam_rec_max(c));
    if (err == JET_errRecordTooBig && !(grbit & JET_bitSetIntrinsicLV)) {
        err = separate_all(c);
        if (err >= 0) {
            /* this value goes out of the record too */
            err = isam_plv_new(c, 0, 0, &pid);
            if (err >= 0) {
                isam_plv *p = isam_plv_of(c, pid);
                err = isam_plv_write(c, p, 0, buf, (size_t)newsize);
                if (err >= 0) {
                    uint8_t ref[ISAM_LV_REF_LEN];
                    isam_lv_ref_encode(ref, pid, p->size);
                    err = set_value(c, col, at, ref, sizeof ref, REC_VAL_SEPARATED);
                }
            }
        }
    }
    free(buf);
    return err;
}

JET_ERR isam_set_column(isam_cursor *c, JET_COLUMNID colid, const void *data, uint32_t cb,
                        JET_GRBIT grbit, uint32_t itag, uint32_t ib)
{
    if (c->readonly)
        return JET_errPermissionDenied;
    if (c->prep == PREP_NONE)
        return JET_errUpdateNotPrepared;
    if (grbit & ~(JET_GRBIT)SET_BITS)
        return JET_errInvalidGrbit;
    const cat_column *col = cat_column_by_id(c->t, colid);
    if (col == NULL)
        return JET_errColumnNotFound;
    if (col->def.grbit & JET_bitColumnAutoincrement)
        return JET_errInvalidColumnType;
    if ((col->def.grbit & JET_bitColumnVersion) && c->prep == PREP_REPLACE)
        return JET_errInvalidColumnType;
    if (data == NULL && !(grbit & JET_bitSetSizeLV))
        cb = 0;
    if ((grbit & (JET_bitSetUniqueMultiValues | JET_bitSetUniqueNormalizedMultiValues)) &&
        (grbit & LV_OPS))
        return JET_errInvalidGrbit;

    /* The bit only changes what a NULL set does: with a value (or a
     * zero-length one) ESE ignores it and sets the value. */
    if (cb > 0 || (grbit & JET_bitSetZeroLength))
        grbit &= ~(JET_GRBIT)JET_bitSetRevertToDefaultValue;
    if (grbit & JET_bitSetRevertToDefaultValue) {
        /* Drop the stored values and the explicit-NULL marker: the column
         * is "never set" again and its default shows through.  (A NotNULL
         * column without a default then fails at JetUpdate.) */
        rec_coldef d = col->def;
        d.grbit &= ~(JET_GRBIT)JET_bitColumnNotNULL;
        uint32_t n = rec_count(c->rb.data, c->rb.len, &d);
        while (n-- > 0)
            CALL(rec_set(&c->rb, &d, 1, NULL, 0, 0, isam_rec_max(c)));
        return rec_set(&c->rb, &d, 1, NULL, 0, 0, isam_rec_max(c));
    }

    bool unique = (grbit & (JET_bitSetUniqueMultiValues |
                            JET_bitSetUniqueNormalizedMultiValues)) &&
                  (cb > 0 || (grbit & JET_bitSetZeroLength));
    uint32_t at = target_itag(c, col, itag);
    if (unique)
        CALL(check_unique_mv(c, col, at, data, cb,
                             (grbit & JET_bitSetUniqueNormalizedMultiValues) != 0));

    if (isam_is_lv(col->def.coltyp))
        return set_lv(c, col, itag, data, cb, grbit, ib);

    if (cb == 0 && !(grbit & JET_bitSetZeroLength)) {
        /* NULL: the codec applies ESE's rules — NotNULL refused, value
         * itag deleted, nothing to delete a no-op, and a column with a
         * default keeps an explicit-NULL marker (itag 1 of a column
         * without values). */
        return set_value(c, col, is_tagged(col) ? itag : 1, NULL, 0, null_flags(col));
    }
    /* Size rules are the codec's (JetSetColumn's): ColumnTooBig,
     * InvalidBufferSize, a variable value cut at cbMax with a warning. */
    return set_value(c, col, at, cb == 0 ? "" : data, cb, 0);
}

/* ---- writing records ------------------------------------------------------------------ */

/* Every separated long value a record references. */
typedef struct lvref {
    uint64_t lvid, size;
} lvref;

static JET_ERR record_lvs(const void *rec, size_t len, lvref **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    /* Walk the values the record holds, not the table's columns: a value
     * of a deleted column still owns its long value.  Long values are
     * always tagged, so every tagged value is read as a long binary one. */
    JET_COLUMNID id = REC_TAGGED_FIRST - 1u;
    while ((id = rec_next_present(rec, len, id)) != 0) {
        rec_coldef def = {.colid = id, .coltyp = JET_coltypLongBinary,
                          .grbit = JET_bitColumnTagged};
        uint32_t cnt = rec_count(rec, len, &def);
        for (uint32_t itag = 1; itag <= cnt; itag++) {
            const void *data;
            size_t cb;
            unsigned flags = 0;
            JET_ERR err = rec_get(rec, len, &def, itag, &data, &cb, &flags);
            if (err < 0 || (err == JET_errSuccess && (flags & REC_VAL_SEPARATED) &&
                            cb != ISAM_LV_REF_LEN)) {
                free(*out);
                *out = NULL;
                *n = 0;
                return err < 0 ? err : JET_errLVCorrupted;
            }
            if (err != JET_errSuccess || !(flags & REC_VAL_SEPARATED))
                continue;
            uint64_t lvid, size;
            isam_lv_ref_decode(data, &lvid, &size);
            if (lvid & ISAM_LV_PENDING)
                continue;
            if (*n == cap) {
                cap = cap ? cap * 2 : 4;
                lvref *r = realloc(*out, cap * sizeof *r);
                if (r == NULL) {
                    free(*out);
                    *out = NULL;
                    *n = 0;
                    return JET_errOutOfMemory;
                }
                *out = r;
            }
            (*out)[(*n)++] = (lvref){lvid, size};
        }
    }
    return JET_errSuccess;
}

static bool has_lvid(const lvref *a, size_t n, uint64_t lvid)
{
    for (size_t i = 0; i < n; i++)
        if (a[i].lvid == lvid)
            return true;
    return false;
}

/* Turn the copy buffer into the record to store: pending long values are
 * written (in place over their base for a replace), separated values of a
 * copied record are copied (each long value belongs to one record). */
static JET_ERR finalize_lvs(isam_cursor *c, vtx *x, rec_buf *fin)
{
    /* A copy leaves out the tagged values of deleted columns: nobody can
     * read them, and a long value must not be shared by two records. */
    if (c->prep == PREP_INSERT_COPY && !c->delete_original) {
        JET_COLUMNID id = REC_TAGGED_FIRST - 1u;
        while ((id = rec_next_present(fin->data, fin->len, id)) != 0) {
            if (cat_column_by_id(c->t, id) != NULL)
                continue;
            rec_coldef def = {.colid = id, .coltyp = JET_coltypLongBinary,
                              .grbit = JET_bitColumnTagged};
            for (uint32_t cnt = rec_count(fin->data, fin->len, &def); cnt > 0; cnt--)
                CALL(rec_set(fin, &def, cnt, NULL, 0, 0, isam_rec_max(c)));
        }
    }
    for (size_t i = 0; i < c->t->ncols; i++) {
        const cat_column *col = &c->t->cols[i];
        if (!isam_is_lv(col->def.coltyp))
            continue;
        uint32_t cnt = rec_count(fin->data, fin->len, &col->def);
        for (uint32_t itag = 1; itag <= cnt; itag++) {
            isam_val v;
            JET_ERR err;
            CALL(err = isam_get_val(fin->data, fin->len, col, itag, false, &v));
            if (err != JET_errSuccess || !v.sep)
                continue;
            uint64_t id;
            uint64_t size = v.lvsize;
            if (v.lvid & ISAM_LV_PENDING) {
                isam_plv *p = isam_plv_of(c, v.lvid);
                if (p == NULL)
                    return JET_errLVCorrupted;
                bool in_place = c->prep == PREP_REPLACE && p->base != 0;
                CALL(isam_plv_flush(c, x, p, in_place, &id));
                size = p->size;
            } else if (c->prep == PREP_INSERT_COPY && !c->delete_original) {
                CALL(isam_lv_copy(c, x, v.lvid, v.lvsize, &id));
            } else {
                continue;
            }
            uint8_t ref[ISAM_LV_REF_LEN];
            isam_lv_ref_encode(ref, id, size);
            CALL(rec_set(fin, &col->def, itag, ref, sizeof ref, REC_VAL_SEPARATED,
                         isam_rec_max(c)));
        }
    }
    return JET_errSuccess;
}

/* Apply the secondary-index changes of one record: entries of oldrec that
 * newrec does not produce go, new ones come (either record may be NULL). */
static JET_ERR maintain_indexes(isam_cursor *c, vtx *x, const uint8_t *bm, size_t bmlen,
                                const void *oldrec, size_t oldlen, const void *newrec,
                                size_t newlen)
{
    JET_ERR err = JET_errSuccess;
    for (size_t i = 0; i < c->t->nidx && err >= 0; i++) {
        const cat_index *ix = &c->t->idx[i];
        if (ix->primary)
            continue;
        isam_keys ko = {0}, kn = {0};
        if (oldrec != NULL)
            CHECK(isam_record_keys(c, ix, oldrec, oldlen, &ko));
        if (newrec != NULL)
            CHECK(isam_record_keys(c, ix, newrec, newlen, &kn));
        bt_tree *it;
        CHECK(isam_index_tree(c, ix, &it));
        uint8_t ek[BT_KEY_MAX];
        size_t eklen;
        for (size_t a = 0; a < ko.n; a++) {
            bool keep = false;
            for (size_t b = 0; b < kn.n && !keep; b++)
                keep = ko.len[a] == kn.len[b] && memcmp(ko.k[a], kn.k[b], ko.len[a]) == 0;
            if (keep)
                continue;
            CHECK(isam_entry_key(ix, ko.k[a], ko.len[a], bm, bmlen, ek, &eklen));
            err = vt_delete(x, it, ek, eklen);
            if (err == JET_errRecordNotFound)
                err = JET_errSuccess;
            CHECK(err);
        }
        for (size_t b = 0; b < kn.n; b++) {
            bool had = false;
            for (size_t a = 0; a < ko.n && !had; a++)
                had = ko.len[a] == kn.len[b] && memcmp(ko.k[a], kn.k[b], kn.len[b]) == 0;
            if (had)
                continue;
            CHECK(isam_entry_key(ix, kn.k[b], kn.len[b], bm, bmlen, ek, &eklen));
            CHECK(vt_insert(x, it, ek, eklen, bm, bmlen));
        }
    done:
        isam_keys_free(&ko);
        isam_keys_free(&kn);
    }
    return err;
}

JET_ERR isam_index_insert_all(isam_cursor *c, vtx *x, const void *rec, size_t len,
                              const uint8_t *bm, size_t bmlen)
{
    return maintain_indexes(c, x, bm, bmlen, NULL, 0, rec, len);
}

/* Delete a record with its index entries and long values. */
static JET_ERR delete_record(isam_cursor *c, vtx *x, const uint8_t *bm, size_t bmlen,
                             const uint8_t *rec, size_t len, const lvref *keep, size_t nkeep)
{
    CALL(maintain_indexes(c, x, bm, bmlen, rec, len, NULL, 0));
    lvref *lvs;
    size_t n;
    CALL(record_lvs(rec, len, &lvs, &n));
    JET_ERR err = JET_errSuccess;
    for (size_t i = 0; i < n && err >= 0; i++)
        if (!has_lvid(keep, nkeep, lvs[i].lvid))
            err = isam_lv_delete(c, x, lvs[i].lvid, lvs[i].size);
    free(lvs);
    CALL(err);
    return vt_delete(x, c->data, bm, bmlen);
}

/* Replace a record: indexes, long values the new one no longer uses, row. */
static JET_ERR replace_record(isam_cursor *c, vtx *x, const uint8_t *bm, size_t bmlen,
                              const uint8_t *oldrec, size_t oldlen, const uint8_t *newrec,
                              size_t newlen)
{
    CALL(maintain_indexes(c, x, bm, bmlen, oldrec, oldlen, newrec, newlen));
    lvref *olds, *news;
    size_t nold, nnew;
    CALL(record_lvs(oldrec, oldlen, &olds, &nold));
    JET_ERR err = record_lvs(newrec, newlen, &news, &nnew);
    if (err < 0) {
        free(olds);
        return err;
    }
    for (size_t i = 0; i < nold && err >= 0; i++)
        if (!has_lvid(news, nnew, olds[i].lvid))
            err = isam_lv_delete(c, x, olds[i].lvid, olds[i].size);
    free(olds);
    free(news);
    CALL(err);
    return vt_replace(x, c->data, bm, bmlen, newrec, newlen);
}

/* The values every record must have (NotNULL) and the version column of a
 * new record. */
static JET_ERR check_columns(isam_cursor *c, rec_buf *fin)
{
    for (size_t i = 0; i < c->t->ncols; i++) {
        const cat_column *col = &c->t->cols[i];
        if ((col->def.grbit & JET_bitColumnVersion) && c->prep != PREP_REPLACE &&
            rec_count(fin->data, fin->len, &col->def) == 0) {
            int32_t zero = 0;
            CALL(rec_set(fin, &col->def, 1, &zero, 4, 0, isam_rec_max(c)));
        }
        /* An escrow column is in every new record (its default stored), as
         * in ESE: JetEscrowUpdate then adds to the stored integer. */
        if ((col->def.grbit & JET_bitColumnEscrowUpdate) && c->prep != PREP_REPLACE &&
            col->dflt != NULL && col->cbdflt == rec_fixed_size(col->def.coltyp) &&
            rec_count(fin->data, fin->len, &col->def) == 0 &&
            !rec_null_marked(fin->data, fin->len, col->def.colid))
            CALL(rec_set(fin, &col->def, 1, col->dflt, col->cbdflt, 0, isam_rec_max(c)));
        if ((col->def.grbit & JET_bitColumnNotNULL) &&
            isam_count_vals(fin->data, fin->len, col, true) == 0)
            return JET_errNullInvalid;
    }
    return JET_errSuccess;
}

JET_ERR isam_update(isam_cursor *c, void *bmout, uint32_t cbbm, uint32_t *actual,
                    JET_GRBIT grbit)
{
    if (c->readonly)
        return JET_errPermissionDenied;
    if (c->prep == PREP_NONE)
        return JET_errUpdateNotPrepared;
    if (grbit & ~(JET_GRBIT)JET_bitUpdateCheckESE97Compatibility)
        return JET_errInvalidGrbit;

    rec_buf fin;
    rec_buf_init(&fin);
    JET_ERR err;
    CHECK(rec_buf_load(&fin, c->rb.data, c->rb.len));
    CHECK(check_columns(c, &fin));

    /* The record's bookmark. */
    uint8_t bm[BT_KEY_MAX];
    size_t bmlen = 0;
    if (c->prep == PREP_REPLACE) {
        memcpy(bm, c->ubm, c->ubmlen);
        bmlen = c->ubmlen;
        if (c->t->primary >= 0) {
            uint8_t k[BT_KEY_MAX];
            size_t klen;
            CHECK(isam_primary_key(c, fin.data, fin.len, k, &klen));
            size_t cmplen = isam_primary_dups(c->t) ? bmlen - ISAM_SEQ_KEY_LEN : bmlen;
            if (klen != cmplen || memcmp(k, bm, klen) != 0) {
                err = JET_errRecordPrimaryChanged;
                goto done;
            }
        }
    } else if (c->t->primary >= 0) {
        CHECK(isam_primary_key(c, fin.data, fin.len, bm, &bmlen));
        if (isam_primary_dups(c->t)) {
            uint64_t seq;
            CHECK(isam_next_seq(c, &seq));
            if (bmlen + ISAM_SEQ_KEY_LEN > BT_KEY_MAX)
                bmlen = BT_KEY_MAX - ISAM_SEQ_KEY_LEN;
            isam_put_be64(bm + bmlen, seq);
            bmlen += ISAM_SEQ_KEY_LEN;
        }
    } else {
        uint64_t seq;
        CHECK(isam_next_seq(c, &seq));
        isam_put_be64(bm, seq);
        bmlen = ISAM_SEQ_KEY_LEN;
    }
    if (actual != NULL)
        *actual = (uint32_t)bmlen;
    if (bmout != NULL && cbbm < bmlen) {
        err = JET_errBufferTooSmall;
        goto done;
    }
    /* Deny-write locks of other sessions. */
    if (isam_write_denied(c)) {
        err = JET_errTableLocked;
        goto done;
    }

    vtx *x;
    CHECK(vtx_auto_begin(c->s, &x));
    uint8_t *old = NULL;
    size_t oldlen = 0;
    if (c->prep == PREP_REPLACE || (c->prep == PREP_INSERT_COPY && c->delete_original)) {
        err = isam_load_record(c, c->ubm, c->ubmlen, &old, &oldlen);
        if (err == JET_errRecordNotFound)
            err = JET_errRecordDeleted;
        if (err >= 0 && c->prep == PREP_REPLACE && c->nolock &&
            (oldlen != c->origlen || memcmp(old, c->orig, oldlen) != 0))
            err = JET_errWriteConflict;   /* changed since JetPrepareUpdate */
    }
    if (err >= 0)
        err = finalize_lvs(c, x, &fin);
    if (err >= 0) {
        if (c->prep == PREP_REPLACE) {
            err = replace_record(c, x, bm, bmlen, old, oldlen, fin.data, fin.len);
        } else {
            if (c->delete_original) {
                lvref *keep;
                size_t nkeep;
                err = record_lvs(fin.data, fin.len, &keep, &nkeep);
                if (err >= 0) {
                    err = delete_record(c, x, c->ubm, c->ubmlen, old, oldlen, keep, nkeep);
                    free(keep);
                }
            }
            if (err >= 0)
                err = vt_insert(x, c->data, bm, bmlen, fin.data, fin.len);
            if (err >= 0)
                err = maintain_indexes(c, x, bm, bmlen, NULL, 0, fin.data, fin.len);
        }
    }
    free(old);
    err = vtx_auto_end(c->s, x, err);
    if (err < 0)
        goto done;

    if (bmout != NULL)
        memcpy(bmout, bm, bmlen);
    bool replaced = c->prep == PREP_REPLACE;
    bool moved = c->prep == PREP_INSERT_COPY && c->delete_original;
    isam_prep_reset(c);
    /* A replaced record keeps its cursor, whose index entry may have moved;
     * a record re-inserted under a new key takes the cursor along. */
    if ((replaced || moved) && c->pos == POS_ON && c->ix >= 0) {
        JET_ERR e2 = isam_goto_record_entry(c, bm, bmlen, 1);
        (void)e2;
    } else if (moved && c->pos == POS_ON) {
        (void)isam_pos_set(c, bm, bmlen);
    }
done:
    rec_buf_free(&fin);
    return err;
}

JET_ERR isam_delete(isam_cursor *c)
{
    if (c->readonly)
        return JET_errPermissionDenied;
    if (c->prep != PREP_NONE)
        isam_prep_reset(c);
    uint8_t *rec;
    size_t len;
    CALL(isam_current(c, &rec, &len));
    if (isam_write_denied(c)) {
        free(rec);
        return JET_errTableLocked;
    }
    vtx *x;
    JET_ERR err = vtx_auto_begin(c->s, &x);
    if (err >= 0) {
        err = delete_record(c, x, c->bm, c->bmlen, rec, len, NULL, 0);
        err = vtx_auto_end(c->s, x, err);
    }
    free(rec);
    return err;
}

JET_ERR isam_get_lock(isam_cursor *c, JET_GRBIT grbit)
{
    if (vtx_level(c->s) == 0)
        return JET_errNotInTransaction;
    if (grbit != JET_bitReadLock && grbit != JET_bitWriteLock)
        return JET_errInvalidGrbit;
    if (grbit == JET_bitWriteLock && c->readonly)
        return JET_errPermissionDenied;
    CALL(isam_current(c, NULL, NULL));
    /* A read lock is shared with other sessions' read locks (ESE); either
     * kind conflicts with another session's write lock or change. */
    if (grbit == JET_bitReadLock)
        return vt_read_lock(isam_x(c), c->data, c->bm, c->bmlen);
    return vt_lock(isam_x(c), c->data, c->bm, c->bmlen);
}

/* Where JetEscrowUpdate's integer is in the record as the session sees it
 * (vt_delta's locate): the column's fixed slot.  JET_wrnColumnNull when
 * the record holds no value for it (the default shows, or NULL). */
typedef struct escrow_loc {
    const cat_column *col;
    uint32_t size;
} escrow_loc;

static JET_ERR escrow_locate(void *ctx, const uint8_t *val, size_t len, uint32_t *off,
                             uint32_t *width)
{
    const escrow_loc *l = ctx;
    const void *data = NULL;
    size_t cb = 0;
    JET_ERR err = rec_get(val, len, &l->col->def, 1, &data, &cb, NULL);
    if (err < 0)
        return err;
    if (err == JET_wrnColumnNull || data == NULL || cb != l->size ||
        (const uint8_t *)data < val || (const uint8_t *)data + cb > val + len)
        return JET_wrnColumnNull;
    *off = (uint32_t)((const uint8_t *)data - val);
    *width = l->size;
    return JET_errSuccess;
}

static int64_t escrow_int(const void *p, size_t size)
{
    if (size == 4) {
        int32_t w;
        memcpy(&w, p, 4);
        return w;
    }
    int64_t v;
    memcpy(&v, p, 8);
    return v;
}

/* The record has no value of the escrow column (its default shows, or it
 * is NULL): write the sum into the record as an ordinary replace. */
static JET_ERR escrow_by_replace(isam_cursor *c, vtx *x, const cat_column *col, size_t size,
                                 int64_t d, vt_escrow *res)
{
    uint8_t *rec = NULL;
    size_t len = 0;
    JET_ERR err = isam_load_record(c, c->bm, c->bmlen, &rec, &len);
    if (err == JET_errRecordNotFound)
        err = JET_errRecordDeleted;
    CALL(err);
    int64_t oldv = 0;
    isam_val v;
    err = isam_get_val(rec, len, col, 1, true, &v);
    if (err == JET_errSuccess && v.cb == size)
        oldv = escrow_int(v.data, size);
    if (err > 0)
        err = JET_errSuccess;
    int64_t newv = size == 4 ? (int64_t)(int32_t)(uint32_t)((uint64_t)oldv + (uint64_t)d)
                             : (int64_t)((uint64_t)oldv + (uint64_t)d);
    *res = (vt_escrow){ oldv, newv, false };
    rec_buf nb;
    rec_buf_init(&nb);
    if (err >= 0 && newv == 0 && (col->def.grbit & JET_bitColumnDeleteOnZero)) {
        err = delete_record(c, x, c->bm, c->bmlen, rec, len, NULL, 0);
    } else if (err >= 0) {
        err = rec_buf_load(&nb, rec, len);
        if (err >= 0) {
            uint8_t b[8];
            if (size == 4) {
                int32_t w = (int32_t)newv;
                memcpy(b, &w, 4);
            } else {
                memcpy(b, &newv, 8);
            }
            err = rec_set(&nb, &col->def, 1, b, size, 0, isam_rec_max(c));
        }
        if (err >= 0)
            err = replace_record(c, x, c->bm, c->bmlen, rec, len, nb.data, nb.len);
    }
    free(rec);
    rec_buf_free(&nb);
    return err;
}

JET_ERR isam_escrow_update(isam_cursor *c, JET_COLUMNID colid, const void *delta, uint32_t cb,
                           void *oldbuf, uint32_t cbold, uint32_t *oldactual, JET_GRBIT grbit)
{
    if (grbit & ~(JET_GRBIT)JET_bitEscrowNoRollback)
        return JET_errInvalidGrbit;
    if (c->readonly)
        return JET_errPermissionDenied;
    if (vtx_level(c->s) == 0)
        return JET_errNotInTransaction;
    const cat_column *col = cat_column_by_id(c->t, colid);
    if (col == NULL)
        return JET_errColumnNotFound;
    if (!(col->def.grbit & JET_bitColumnEscrowUpdate))
        return JET_errInvalidOperation;   /* not an escrow column (ESE's answer) */
    size_t size = rec_fixed_size(col->def.coltyp);
    if ((size != 4 && size != 8) || cb != size || delta == NULL)
        return JET_errInvalidBufferSize;
    /* ESE: an old-value buffer, when given, holds the whole integer. */
    if (oldbuf != NULL && cbold != 0 && cbold < size)
        return JET_errInvalidBufferSize;
    if (c->prep != PREP_NONE)
        return JET_errAlreadyPrepared;
    CALL(isam_current(c, NULL, NULL));

    int64_t d = escrow_int(delta, size);
    vtx *x;
    CALL(vtx_auto_begin(c->s, &x));
    /* A delta of the record's stored integer: other sessions' deltas of
     * the same record do not conflict with it (ESE). */
    escrow_loc loc = { col, (uint32_t)size };
    vt_escrow res;
    JET_ERR err = vt_delta(x, c->data, c->bm, c->bmlen, escrow_locate, &loc, d,
                           (grbit & JET_bitEscrowNoRollback) ? VT_DELTA_NO_ROLLBACK : 0, &res);
    if (err == JET_errRecordNotFound)
        err = JET_errRecordDeleted;
    if (err == JET_wrnColumnNull) {
        err = escrow_by_replace(c, x, col, size, d, &res);
    } else if (err >= 0 && res.seen == 0 && (col->def.grbit & JET_bitColumnDeleteOnZero) &&
               !res.shared) {
        /* Zero as this session sees it, and no other session has the
         * record: it goes (see docs/compatibility.md). */
        uint8_t *rec = NULL;
        size_t len = 0;
        err = isam_load_record(c, c->bm, c->bmlen, &rec, &len);
        if (err >= 0)
            err = delete_record(c, x, c->bm, c->bmlen, rec, len, NULL, 0);
        free(rec);
    }
    err = vtx_auto_end(c->s, x, err);
    CALL(err);
    if (oldactual != NULL)
        *oldactual = (uint32_t)size;
    if (oldbuf != NULL && cbold > 0) {
        if (size == 4) {
            int32_t w = (int32_t)res.stored;
            memcpy(oldbuf, &w, 4);
        } else {
            memcpy(oldbuf, &res.stored, 8);
        }
    }
    return JET_errSuccess;
}
