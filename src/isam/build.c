/*
 * build.c: filling a new secondary index from the rows of its table
 * (JetCreateIndex on a table that has records), for the catalog layer.
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
