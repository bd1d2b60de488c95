/*
 * ver.c: PROVISIONAL pass-through implementation of ver.h so that the
 * layers above can be built and tested while the real version store is
 * written: no snapshots, no conflicts, no savepoints (a nested rollback
 * rolls back everything), deletes are physical.  Replaced wholesale.
 */
#include "txn/ver.h"

#include <stdlib.h>
#include <string.h>

#include "inst/inst.h"
#include "store/store.h"
#include "txn/txn.h"
#include "util/err.h"

struct vs {
    int unused;
};

struct vtx {
    sess *s;
    uint32_t level;
    txn *t;                 /* storage transaction, begun at the first change */
};

struct vt_cursor {
    bt_cursor *c;
};

JET_ERR vs_create(struct inst *in, uint64_t max_ver_pages, vs **out)
{
    (void)in;
    (void)max_ver_pages;
    vs *v = calloc(1, sizeof *v);
    if (v == NULL)
        return JET_errOutOfMemory;
    *out = v;
    return JET_errSuccess;
}

void vs_destroy(vs *v)
{
    free(v);
}

void vs_cleanup(vs *v)
{
    (void)v;
}

JET_ERR vtx_begin(sess *s, JET_GRBIT grbit)
{
    (void)grbit;
    if (s->vtx == NULL) {
        vtx *x = calloc(1, sizeof *x);
        if (x == NULL)
            return JET_errOutOfMemory;
        x->s = s;
        s->vtx = x;
    }
    if (s->vtx->level >= VT_LEVEL_MAX)
        return JET_errTransTooDeep;
    s->vtx->level++;
    return JET_errSuccess;
}

static void vtx_free(sess *s)
{
    free(s->vtx);
    s->vtx = NULL;
}

JET_ERR vtx_commit(sess *s, JET_GRBIT grbit)
{
    vtx *x = s->vtx;
    if (x == NULL || x->level == 0)
        return JET_errNotInTransaction;
    if (--x->level > 0)
        return JET_errSuccess;
    JET_ERR err = JET_errSuccess;
    if (x->t != NULL)
        err = txn_commit(x->t, (grbit & JET_bitCommitLazyFlush) != 0, NULL);
    vtx_free(s);
    return err;
}

JET_ERR vtx_rollback(sess *s, JET_GRBIT grbit)
{
    (void)grbit;
    vtx *x = s->vtx;
    if (x == NULL || x->level == 0)
        return JET_errNotInTransaction;
    JET_ERR err = JET_errSuccess;
    if (x->t != NULL)
        err = txn_rollback(x->t, st_undo_lookup);
    vtx_free(s);
    return err;
}

uint32_t vtx_level(sess *s)
{
    return s->vtx == NULL ? 0 : s->vtx->level;
}

vtx *vtx_current(sess *s)
{
    return s->vtx != NULL && s->vtx->level > 0 ? s->vtx : NULL;
}

void vtx_session_end(sess *s)
{
    if (s->vtx != NULL)
        (void)vtx_rollback(s, JET_bitRollbackAll);
}

JET_ERR vtx_auto_begin(sess *s, vtx **x)
{
    CALL(vtx_begin(s, 0));
    *x = s->vtx;
    return JET_errSuccess;
}

JET_ERR vtx_auto_end(sess *s, vtx *x, JET_ERR err)
{
    (void)x;
    if (err >= 0) {
        KEEP(err, vtx_commit(s, 0));
        return err;
    }
    (void)vtx_rollback(s, 0);
    return err;
}

JET_ERR vtx_txid(vtx *x, uint64_t *txid)
{
    if (x == NULL)
        return JET_errNotInTransaction;
    if (x->t == NULL)
        CALL(txn_begin(x->s->owner->log, &x->t));
    *txid = txn_id(x->t);
    return JET_errSuccess;
}

static JET_ERR with_flag(const void *val, size_t vlen, uint8_t **out)
{
    uint8_t *b = malloc(vlen + 1);
    if (b == NULL)
        return JET_errOutOfMemory;
    b[0] = 0;
    if (vlen > 0)
        memcpy(b + 1, val, vlen);
    *out = b;
    return JET_errSuccess;
}

JET_ERR vt_insert(vtx *x, bt_tree *t, const void *key, size_t klen, const void *val, size_t vlen)
{
    uint64_t txid;
    CALL(vtx_txid(x, &txid));
    uint8_t *b;
    CALL(with_flag(val, vlen, &b));
    JET_ERR err = bt_insert(t, txid, key, klen, b, vlen + 1);
    free(b);
    return err;
}

JET_ERR vt_replace(vtx *x, bt_tree *t, const void *key, size_t klen, const void *val,
                   size_t vlen)
{
    uint64_t txid;
    CALL(vtx_txid(x, &txid));
    uint8_t *b;
    CALL(with_flag(val, vlen, &b));
    JET_ERR err = bt_replace(t, txid, key, klen, b, vlen + 1);
    free(b);
    return err;
}

JET_ERR vt_delete(vtx *x, bt_tree *t, const void *key, size_t klen)
{
    uint64_t txid;
    CALL(vtx_txid(x, &txid));
    return bt_delete(t, txid, key, klen);
}

JET_ERR vt_lock(vtx *x, bt_tree *t, const void *key, size_t klen)
{
    if (x == NULL)
        return JET_errNotInTransaction;
    size_t actual;
    return bt_get(t, key, klen, 0, NULL, 0, &actual) < 0 ? JET_errRecordNotFound
                                                         : JET_errSuccess;
}

JET_ERR vt_get(vtx *x, bt_tree *t, const void *key, size_t klen, uint64_t off, void *buf,
               size_t cb, size_t *actual)
{
    (void)x;
    size_t full = 0;
    JET_ERR err = bt_get(t, key, klen, off + 1, buf, cb, &full);
    if (actual != NULL)
        *actual = full > 0 ? full - 1 : 0;
    return err;
}

JET_ERR vt_cursor_open(bt_tree *t, vt_cursor **out)
{
    vt_cursor *c = calloc(1, sizeof *c);
    if (c == NULL)
        return JET_errOutOfMemory;
    JET_ERR err = bt_cursor_open(t, &c->c);
    if (err < 0) {
        free(c);
        return err;
    }
    *out = c;
    return JET_errSuccess;
}

void vt_cursor_close(vt_cursor *c)
{
    if (c == NULL)
        return;
    bt_cursor_close(c->c);
    free(c);
}

JET_ERR vt_cursor_seek(vtx *x, vt_cursor *c, bt_seek op, const void *key, size_t klen)
{
    (void)x;
    return bt_cursor_seek(c->c, op, key, klen);
}

JET_ERR vt_cursor_first(vtx *x, vt_cursor *c)
{
    (void)x;
    return bt_cursor_first(c->c);
}

JET_ERR vt_cursor_last(vtx *x, vt_cursor *c)
{
    (void)x;
    return bt_cursor_last(c->c);
}

JET_ERR vt_cursor_next(vtx *x, vt_cursor *c)
{
    (void)x;
    return bt_cursor_next(c->c);
}

JET_ERR vt_cursor_prev(vtx *x, vt_cursor *c)
{
    (void)x;
    return bt_cursor_prev(c->c);
}

JET_ERR vt_cursor_key(vtx *x, vt_cursor *c, void *buf, size_t cb, size_t *actual)
{
    (void)x;
    return bt_cursor_key(c->c, buf, cb, actual);
}

JET_ERR vt_cursor_value(vtx *x, vt_cursor *c, uint64_t off, void *buf, size_t cb,
                        size_t *actual)
{
    (void)x;
    size_t full = 0;
    JET_ERR err = bt_cursor_value(c->c, off + 1, buf, cb, &full);
    if (actual != NULL)
        *actual = full > 0 ? full - 1 : 0;
    return err;
}
