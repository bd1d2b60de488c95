/*
 * build.c: filling a new secondary index from the rows of its table
 * (JetCreateIndex on a table that has records), for the catalog layer,
 * numbering the rows for a new autoincrement column (JetAddColumn), and
 * counting a tree's entries, keys and pages (JetComputeStats).
 */
#include "isam/isam_int.h"

#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "store/store.h"
#include "util/err.h"

JET_ERR isam_index_build(struct vtx *x, struct db *d, const cat_table *t,
                         const cat_index *ix)
{
    if (x == NULL || d == NULL || t == NULL || ix == NULL)
        return JET_errInvalidParameter;
    if (ix->primary)
        return JET_errInvalidParameter;
    /* A private cursor-like context: the helpers read long values and
     * columns through it, always as x sees them. */
    isam_cursor c;
    memset(&c, 0, sizeof c);
    c.d = d;
    c.t = (cat_table *)t;
    c.xo = x;
    c.ix = -1;
    bt_tree *it;
    CALL(st_tree_open(d->store, t->objid, &c.data));
    CALL(st_tree_open(d->store, ix->objid, &it));
    vt_cursor *vc;
    CALL(vt_cursor_open(c.data, &vc));
    uint8_t *rec = NULL, *bm = NULL;
    size_t cap = 0, bmcap = 0;
    JET_ERR err = vt_cursor_first(x, vc);
    while (err >= 0) {
        size_t len = 0, bmlen = 0;
        err = vt_cursor_key(x, vc, bm, bmcap, &bmlen);
        if (err >= 0 && bmlen > bmcap) {
            uint8_t *n = realloc(bm, bmlen);
            if (n == NULL) {
                err = JET_errOutOfMemory;
                break;
            }
            bm = n;
            bmcap = bmlen;
            err = vt_cursor_key(x, vc, bm, bmcap, &bmlen);
        }
        if (err >= 0)
            err = vt_cursor_value(x, vc, 0, rec, cap, &len);
        if (err >= 0 && len > cap) {
            uint8_t *n = realloc(rec, len);
            if (n == NULL) {
                err = JET_errOutOfMemory;
                break;
            }
            rec = n;
            cap = len;
            err = vt_cursor_value(x, vc, 0, rec, cap, &len);
        }
        if (err < 0)
            break;
        isam_keys ks;
        err = isam_record_keys(&c, ix, rec, len, &ks);
        for (size_t i = 0; i < ks.n && err >= 0; i++) {
            uint8_t ek[BT_KEY_MAX];
            size_t eklen;
            err = isam_entry_key(ix, ks.k[i], ks.len[i], bm, bmlen, ek, &eklen);
            if (err >= 0)
                err = vt_insert(x, it, ek, eklen, bm, bmlen);
        }
        isam_keys_free(&ks);
        if (err >= 0)
            err = vt_cursor_next(x, vc);
    }
    if (err == JET_errNoCurrentRecord || err == JET_errRecordNotFound)
        err = JET_errSuccess;
    free(rec);
    free(bm);
    vt_cursor_close(vc);
    return err;
}

/* Store value v in autoincrement column col of the copy buffer. */
static JET_ERR set_autoinc(isam_cursor *c, const cat_column *col, int64_t v)
{
    uint8_t b[8];
    size_t n = rec_fixed_size(col->def.coltyp);
    if (n == 4) {
        if (v > INT32_MAX)
            return JET_errOutOfAutoincrementValues;
        int32_t w = (int32_t)v;
        memcpy(b, &w, 4);
    } else {
        memcpy(b, &v, 8);
        n = 8;
    }
    return rec_set(&c->rb, &col->def, 1, b, n, 0, isam_rec_max(c));
}

JET_ERR isam_autoinc_fill(struct sess *s, JET_TABLEID tableid, JET_COLUMNID colid)
{
    isam_cursor *c;
    CALL(isam_cursor_get(s, tableid, &c));   /* adopts the schema with the column */
    const cat_column *col = cat_column_by_id(c->t, colid);
    JET_ERR err = JET_errSuccess;
    if (col == NULL || !(col->def.grbit & JET_bitColumnAutoincrement)) {
        err = JET_errColumnNotFound;
        goto done;
    }
    /* Whatever this process remembered of a column with this id (one a
     * rolled-back JetAddColumn made) is stale: count from the table again. */
    pthread_mutex_lock(&c->ts->mu);
    for (size_t i = 0; i < c->ts->nai; i++)
        if (c->ts->ai[i].colid == colid)
            c->ts->ai[i].init = false;
    pthread_mutex_unlock(&c->ts->mu);
    /* ESE walks the caller's cursor from its first entry, replacing each
     * record it meets with the next number (the column is not yet an
     * autoincrement column for that walk, so the update may set it). */
    int64_t next = 1;
    err = isam_move(c, JET_MoveFirst, 0);
    while (err >= 0) {
        err = isam_prepare(c, JET_prepReplaceNoLock);
        if (err >= 0)
            err = set_autoinc(c, col, next);
        if (err >= 0)
            err = isam_update(c, NULL, 0, NULL, 0);
        if (err < 0)
            break;
        next++;
        err = isam_move(c, 1, 0);
    }
    if (err == JET_errNoCurrentRecord) {
        err = JET_errSuccess;
        isam_pos_reset(c, POS_AFTER);
    }
done:
    if (c->prep != PREP_NONE)
        isam_prep_reset(c);
    isam_cursor_put(c);
    return err;
}

JET_ERR isam_tree_stats(struct vtx *x, struct db *d, const cat_table *t, const cat_index *ix,
                        uint32_t *items, uint32_t *keys, uint32_t *pages)
{
    if (d == NULL || t == NULL || items == NULL || keys == NULL || pages == NULL)
        return JET_errInvalidParameter;
    *items = *keys = *pages = 0;
    bt_tree *tree;
    CALL(st_tree_open(d->store, ix != NULL ? ix->objid : t->objid, &tree));
    /* Keys repeat only in a non-unique secondary index, where the stored
     * key is the index key followed by the record's bookmark. */
    bool dups = ix != NULL && !ix->primary && !ix->unique;
    vt_cursor *vc;
    CALL(vt_cursor_open(tree, &vc));
    uint8_t *k = malloc(2 * (size_t)BT_KEY_MAX);
    JET_ERR err = k == NULL ? JET_errOutOfMemory : vt_cursor_first(x, vc);
    uint8_t *prev = k != NULL ? k + BT_KEY_MAX : NULL;
    size_t prevlen = 0;
    uint64_t ni = 0, nk = 0;
    while (err >= 0) {
        ni++;
        if (!dups) {
            nk++;
        } else {
            size_t klen = 0, bmlen = 0;
            err = vt_cursor_key(x, vc, k, BT_KEY_MAX, &klen);
            if (err >= 0)
                err = vt_cursor_value(x, vc, 0, NULL, 0, &bmlen);
            if (err == JET_wrnBufferTruncated)
                err = JET_errSuccess;
            if (err < 0)
                break;
            size_t sl = isam_entry_seclen(ix, klen > BT_KEY_MAX ? BT_KEY_MAX : klen, bmlen);
            if (ni == 1 || sl != prevlen || memcmp(k, prev, sl) != 0)
                nk++;
            memcpy(prev, k, sl);
            prevlen = sl;
        }
        err = vt_cursor_next(x, vc);
    }
    vt_cursor_close(vc);
    free(k);
    if (err != JET_errNoCurrentRecord && err != JET_errRecordNotFound)
        CALL(err);
    bt_check_stats st;
    CALL(bt_check(tree, &st));
    uint64_t np = st.leaf_pages + st.lv_pages;
    *items = ni > UINT32_MAX ? UINT32_MAX : (uint32_t)ni;
    *keys = nk > UINT32_MAX ? UINT32_MAX : (uint32_t)nk;
    *pages = np > UINT32_MAX ? UINT32_MAX : (uint32_t)np;
    return JET_errSuccess;
}
