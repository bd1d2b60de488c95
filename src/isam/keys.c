/*
 * keys.c: the index keys of a record — one key per value of a multi-valued
 * key column (every combination with JET_bitIndexCrossProduct), conditional
 * columns, the IgnoreNull family and DisallowNull, truncation at cbKeyMost
 * and cbVarSegMac — and the stored form of secondary index entries.
 */
#include "isam/isam_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/err.h"

void isam_keys_free(isam_keys *ks)
{
    for (size_t i = 0; i < ks->n; i++)
        free(ks->k[i]);
    free(ks->k);
    free(ks->len);
    memset(ks, 0, sizeof *ks);
}

/* Add a key unless an equal one is there already. */
static JET_ERR keys_add(isam_keys *ks, const uint8_t *k, size_t len)
{
    for (size_t i = 0; i < ks->n; i++)
        if (ks->len[i] == len && memcmp(ks->k[i], k, len) == 0)
            return JET_errSuccess;
    if (ks->n == ks->cap) {
        size_t cap = ks->cap ? ks->cap * 2 : 4;
        uint8_t **nk = realloc(ks->k, cap * sizeof *nk);
        if (nk == NULL)
            return JET_errOutOfMemory;
        ks->k = nk;
        size_t *nl = realloc(ks->len, cap * sizeof *nl);
        if (nl == NULL)
            return JET_errOutOfMemory;
        ks->len = nl;
        ks->cap = cap;
    }
    uint8_t *copy = malloc(len ? len : 1);
    if (copy == NULL)
        return JET_errOutOfMemory;
    if (len > 0)
        memcpy(copy, k, len);
    ks->k[ks->n] = copy;
    ks->len[ks->n] = len;
    ks->n++;
    return JET_errSuccess;
}

unsigned isam_key_flags(const cat_index *ix)
{
    unsigned f = 0;
    if (ix->grbit & JET_bitIndexSortNullsHigh)
        f |= KEY_NORM_NULLS_HIGH;
    if (ix->grbit & JET_bitIndexDotNetGuid)
        f |= KEY_NORM_DOTNET_GUID;
    return f;
}

static bool is_var_type(JET_COLTYP t)
{
    return t == JET_coltypText || t == JET_coltypBinary || t == JET_coltypLongText ||
           t == JET_coltypLongBinary;
}

/* Index key length limit of ix. */
static size_t key_cap(const cat_index *ix)
{
    size_t cap = ix->cbKeyMost ? ix->cbKeyMost : JET_cbKeyMost;
    return cap > ISAM_KEY_MAX ? ISAM_KEY_MAX : cap;
}

/* Per-segment state while building the keys of one record. */
typedef struct seg_state {
    const cat_column *col;
    uint32_t nvals;          /* values to iterate (>= 1: NULL counts as one) */
    bool expand;             /* every value yields its own key */
} seg_state;

/* Append value itag of segment i (NULL when the column has none). */
static JET_ERR append_seg(isam_cursor *c, const cat_index *ix, uint32_t i, const seg_state *st,
                          const void *rec, size_t len, uint32_t itag, uint8_t *key,
                          size_t cap, size_t *klen, bool *is_null, bool *trunc)
{
    const cat_column *col = st->col;
    isam_val v;
    JET_ERR err = JET_wrnColumnNull;
    if (col != NULL)
        CALL(err = isam_get_val(rec, len, col, itag, true, &v));
    const key_seg *seg = &ix->seg[i].seg;
    uint8_t *scratch = NULL;
    const void *data = NULL;
    size_t cb = 0;
    unsigned flags = 0;
    if (err == JET_wrnColumnNull) {
        *is_null = true;
        flags = KEY_NORM_NULL;
    } else {
        *is_null = false;
        data = v.data;
        cb = v.cb;
        if (v.sep) {
            /* A long value contributes its first bytes (as many as any key
             * can hold); Unicode text keeps whole code units. */
            size_t want = v.lvsize < ISAM_KEY_MAX ? (size_t)v.lvsize : ISAM_KEY_MAX;
            if (seg->cp == 1200)
                want &= ~(size_t)1;
            scratch = malloc(want ? want : 1);
            if (scratch == NULL)
                return JET_errOutOfMemory;
            uint64_t total;
            err = isam_read_val(c, &v, 0, scratch, want, &total);
            if (err < 0) {
                free(scratch);
                return err;
            }
            data = scratch;
            cb = want;
        }
    }
    size_t segcap = cap;
    if (ix->cbVarSegMac > 0 && col != NULL && is_var_type(col->def.coltyp) &&
        *klen + ix->cbVarSegMac < cap)
        segcap = *klen + ix->cbVarSegMac;
    err = key_append(key, segcap, klen, seg, data, cb, flags | isam_key_flags(ix));
    free(scratch);
    CALL(err);
    if (err == KEY_TRUNCATED && segcap == cap)
        *trunc = true;
    return JET_errSuccess;
}

/* Whether the conditional columns of ix admit the record. */
static JET_ERR conditions_hold(const cat_table *t, const cat_index *ix, const void *rec,
                               size_t len, bool *ok)
{
    *ok = true;
    for (uint32_t i = 0; i < ix->ncond && *ok; i++) {
        const cat_column *col = cat_column_by_id(t, ix->cond[i].colid);
        bool null = true;
        if (col != NULL) {
            isam_val v;
            JET_ERR err;
            CALL(err = isam_get_val(rec, len, col, 1, true, &v));
            null = err == JET_wrnColumnNull;
        }
        if ((ix->cond[i].grbit & JET_bitIndexColumnMustBeNull) && !null)
            *ok = false;
        if ((ix->cond[i].grbit & JET_bitIndexColumnMustBeNonNull) && null)
            *ok = false;
    }
    return JET_errSuccess;
}

/* Called for every key a record gives an index, with the value number of
 * each segment's column that made it; a positive return stops the walk. */
typedef JET_ERR (*key_visit)(void *ctx, const uint8_t *key, size_t klen, bool trunc,
                             const uint32_t *itag);

/* Enumerate the keys of a record in index ix (the rules of isam_record_keys). */
static JET_ERR walk_keys(isam_cursor *c, const cat_index *ix, const void *rec, size_t len,
                         key_visit visit, void *ctx)
{
    const cat_table *t = c->t;
    bool ok;
    CALL(conditions_hold(t, ix, rec, len, &ok));
    if (!ok)
        return JET_errSuccess;

    seg_state st[JET_ccolKeyMost];
    uint32_t nseg = ix->nseg < JET_ccolKeyMost ? ix->nseg : JET_ccolKeyMost;
    bool expanded = false;
    for (uint32_t i = 0; i < nseg; i++) {
        st[i].col = cat_column_by_id(t, ix->seg[i].colid);
        st[i].nvals = 1;
        st[i].expand = false;
        if (st[i].col != NULL && (st[i].col->def.grbit & JET_bitColumnMultiValued) &&
            (!expanded || (ix->grbit & JET_bitIndexCrossProduct))) {
            uint32_t n = isam_count_vals(rec, len, st[i].col, true);
            if (n > 1) {
                st[i].nvals = n;
                st[i].expand = true;
            }
            expanded = true;   /* only the first multi-valued column expands */
        }
    }

    size_t cap = key_cap(ix);   /* <= ISAM_KEY_MAX */
    uint8_t key[ISAM_KEY_MAX + 1];
    uint32_t itag[JET_ccolKeyMost];
    for (uint32_t i = 0; i < nseg; i++)
        itag[i] = 1;
    JET_ERR err = JET_errSuccess;
    for (;;) {
        size_t klen = 0;
        bool trunc = false, any_null = false, all_null = true, first_null = false;
        for (uint32_t i = 0; i < nseg && !trunc; i++) {
            bool null;
            CHECK(append_seg(c, ix, i, &st[i], rec, len, itag[i], key, cap, &klen, &null,
                             &trunc));
            any_null |= null;
            all_null &= null;
            if (i == 0)
                first_null = null;
        }
        if (nseg == 0)
            all_null = false;
        bool skip = ((ix->grbit & JET_bitIndexIgnoreNull) && all_null) ||
                    ((ix->grbit & JET_bitIndexIgnoreAnyNull) && any_null) ||
                    ((ix->grbit & JET_bitIndexIgnoreFirstNull) && first_null);
        if (!skip) {
            if ((ix->grbit & JET_bitIndexDisallowNull) && any_null) {
                err = JET_errNullKeyDisallowed;
                goto done;
            }
            if (trunc && (ix->grbit & JET_bitIndexDisallowTruncation)) {
                err = JET_errKeyTruncated;
                goto done;
            }
            CHECK(visit(ctx, key, klen, trunc, itag));
            if (err > 0) {
                err = JET_errSuccess;   /* the visitor has what it wanted */
                goto done;
            }
        }
        /* next combination of values */
        int i = (int)nseg - 1;
        while (i >= 0) {
            if (st[i].expand && itag[i] < st[i].nvals) {
                itag[i]++;
                break;
            }
            itag[i] = 1;
            i--;
        }
        if (i < 0)
            break;
    }
done:
    return err;
}

static JET_ERR add_key(void *ctx, const uint8_t *key, size_t klen, bool trunc,
                       const uint32_t *itag)
{
    (void)itag;
    isam_keys *out = ctx;
    if (trunc)
        out->truncated = true;
    return keys_add(out, key, klen);
}

JET_ERR isam_record_keys(isam_cursor *c, const cat_index *ix, const void *rec, size_t len,
                         isam_keys *out)
{
    memset(out, 0, sizeof *out);
    JET_ERR err = walk_keys(c, ix, rec, len, add_key, out);
    if (err < 0)
        isam_keys_free(out);
    return err;
}

/* Looking for the key combination that made a stored entry. */
typedef struct itag_find {
    const cat_index *ix;
    const uint8_t *bm, *ekey;
    size_t bmlen, eklen;
    uint32_t seg;                 /* segment of the column asked about */
    uint32_t itag;                /* out: its value number, 0 = not found */
} itag_find;

static JET_ERR match_entry(void *ctx, const uint8_t *key, size_t klen, bool trunc,
                           const uint32_t *itag)
{
    (void)trunc;
    itag_find *f = ctx;
    uint8_t ek[BT_KEY_MAX];
    size_t eklen;
    CALL(isam_entry_key(f->ix, key, klen, f->bm, f->bmlen, ek, &eklen));
    if (eklen != f->eklen || memcmp(ek, f->ekey, eklen) != 0)
        return JET_errSuccess;
    f->itag = itag[f->seg];
    return 1;
}

JET_ERR isam_entry_itag(isam_cursor *c, const cat_index *ix, const void *rec, size_t len,
                        JET_COLUMNID colid, uint32_t *itag)
{
    itag_find f = { .ix = ix, .bm = c->bm, .bmlen = c->bmlen, .ekey = c->ekey,
                    .eklen = c->eklen };
    uint32_t nseg = ix->nseg < JET_ccolKeyMost ? ix->nseg : JET_ccolKeyMost;
    while (f.seg < nseg && ix->seg[f.seg].colid != colid)
        f.seg++;
    if (f.seg == nseg)
        return JET_errColumnNotFound;
    CALL(walk_keys(c, ix, rec, len, match_entry, &f));
    if (f.itag == 0)
        return JET_errSecondaryIndexCorrupted;   /* no value of the record makes it */
    *itag = f.itag;
    return JET_errSuccess;
}

/* The first key of a walk, copied out (isam_primary_key). */
typedef struct first_key {
    uint8_t *key;
    size_t *klen;
    bool got;
} first_key;

static JET_ERR keep_first(void *ctx, const uint8_t *key, size_t klen, bool trunc,
                          const uint32_t *itag)
{
    (void)trunc;
    (void)itag;
    first_key *f = ctx;
    if (!f->got) {
        if (klen > 0)
            memcpy(f->key, key, klen);
        *f->klen = klen;
        f->got = true;
    }
    return JET_errSuccess;
}

JET_ERR isam_primary_key(isam_cursor *c, const void *rec, size_t len, uint8_t *key,
                         size_t *klen)
{
    const cat_table *t = c->t;
    if (t->primary < 0)
        return JET_errInvalidParameter;
    const cat_index *ix = &t->idx[t->primary];
    /* The first key the record makes (every combination is still walked,
     * for the errors a later one may raise), without building the list. */
    first_key fk = { key, klen, false };
    CALL(walk_keys(c, ix, rec, len, keep_first, &fk));
    return fk.got ? JET_errSuccess : JET_errNullKeyDisallowed;
}

JET_ERR isam_entry_key(const cat_index *ix, const uint8_t *k, size_t klen, const uint8_t *bm,
                       size_t bmlen, uint8_t *out, size_t *outlen)
{
    if (ix->unique) {
        memcpy(out, k, klen);
        *outlen = klen;
        return JET_errSuccess;
    }
    /* Non-unique: the bookmark follows the key so that entries stay
     * distinct; the key part is cut when both would not fit. */
    if (bmlen >= BT_KEY_MAX)
        return JET_errKeyTruncated;
    size_t take = klen + bmlen > BT_KEY_MAX ? BT_KEY_MAX - bmlen : klen;
    memcpy(out, k, take);
    memcpy(out + take, bm, bmlen);
    *outlen = take + bmlen;
    return JET_errSuccess;
}

size_t isam_entry_seclen(const cat_index *ix, size_t klen, size_t bmlen)
{
    if (ix->unique || bmlen > klen)
        return klen;
    return klen - bmlen;
}
