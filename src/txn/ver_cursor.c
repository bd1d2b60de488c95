/*
 * ver_cursor.c: cursors over the rows a transaction sees.
 *
 * A vt_cursor is a bt_cursor plus visibility: every move lands on tree
 * records and skips those the caller's transaction cannot see (flagged
 * rows, rows inserted after its snapshot, other transactions' uncommitted
 * inserts).  A row x sees is always physically in the tree (deletions only
 * flag rows; cleanup removes a flagged row once nobody can see it), so
 * walking the tree's records visits every visible row.  Each visibility
 * check runs under the row's shard lock, re-reading the tree value there.
 */
#include <stdlib.h>
#include <string.h>

#include "txn/ver_int.h"
#include "util/err.h"

struct vt_cursor {
    bt_tree *t;
    bt_cursor *c;
    bool unpos;                  /* a failed seek left it nowhere */
    bool landed;                 /* key/val hold what the last move landed on */
    size_t klen;
    size_t vgot, vfull;          /* bytes of val kept / the value's length */
    uint64_t lgen;               /* vt_quiet_gen the landing was judged under
                                    (UINT64_MAX: judged under the shard lock) */
    uint8_t key[BT_KEY_MAX];     /* key of the record under the cursor */
    uint8_t val[VT_CURSOR_VAL];  /* first bytes of its value (landed) */
};

JET_ERR vt_cursor_open(bt_tree *t, vt_cursor **out)
{
    if (t == NULL || out == NULL)
        return JET_errInvalidParameter;
    vt_cursor *c = calloc(1, sizeof *c);
    if (c == NULL)
        return JET_errOutOfMemory;
    JET_ERR err = bt_cursor_open(t, &c->c);
    if (err < 0) {
        free(c);
        return err;
    }
    c->t = t;
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

static const vtx *reader(const vtx *x)
{
    return x != NULL && x->level > 0 ? x : NULL;
}

/* Read the current record of the bt cursor through x's eyes: its key is
 * the bt cursor's saved key (copied into c->key), then (shard locked) the
 * view and the bytes.  JET_errRecordNotFound when x cannot see it (also
 * when the record left the tree); JET_errNoCurrentRecord from the bt
 * cursor passes through. */
static JET_ERR view_current(const vtx *x, vt_cursor *c, uint64_t off, void *buf, size_t cb,
                            size_t *full)
{
    const uint8_t *k;
    size_t klen = 0;
    CALL(bt_cursor_saved_key(c->c, &k, &klen));
    if (k != c->key)
        memcpy(c->key, k, klen);
    c->klen = klen;
    size_t dummy;
    if (full == NULL)
        full = &dummy;
    JET_ERR err;
    /* No row of the tree has versions: read the tree as it is (see
     * vt_quiet_gen), unless a write began meanwhile. */
    uint64_t g = vt_quiet_gen(c->t);
    if (g != UINT64_MAX) {
        err = vr_read(c->t, c->c, c->key, klen, (vr_view){ .src = VR_TREE }, off, buf,
                      cb, full);
        if (vt_gen_now(c->t) == g)
            return err;
    }
    uint64_t h = vr_hash(c->t, c->key, klen);
    vshard *sh = &vs_shards[vr_shard_of(h)];
    pthread_mutex_lock(&sh->mu);
    vr_view vw = vr_resolve(vr_find(sh, c->t, h, c->key, klen), reader(x));
    err = vr_read(c->t, c->c, c->key, klen, vw, off, buf, cb, full);
    pthread_mutex_unlock(&sh->mu);
    return err;
}

/* Whether x sees the current record (errors other than "not visible" and
 * "gone" are returned).  A visible record's first bytes are kept (landed). */
static JET_ERR visible_now(const vtx *x, vt_cursor *c, bool *vis)
{
    size_t full = 0;
    JET_ERR err = view_current(x, c, 0, c->val, sizeof c->val, &full);
    *vis = err >= 0;
    c->landed = err >= 0;
    c->lgen = UINT64_MAX;
    if (err >= 0) {
        c->vfull = full;
        c->vgot = full < sizeof c->val ? full : sizeof c->val;
    }
    if (err == JET_errRecordNotFound || err == JET_errRecordDeleted)
        err = JET_errSuccess;
    return err < 0 ? err : JET_errSuccess;
}

/* x's verdict on the record the bt cursor just landed on, from the value
 * the landing saw, when no row of the tree had versions from before the
 * move (g: vt_quiet_gen taken then) until now: the tree is then what every
 * reader sees.  False when that cannot be told this way. */
static bool landed_quiet(vt_cursor *c, uint64_t g, bool *vis)
{
    const uint8_t *v, *k;
    size_t got, total, klen;
    if (g == UINT64_MAX || bt_cursor_landed_value(c->c, &v, &got, &total) < 0 || got == 0 ||
        bt_cursor_saved_key(c->c, &k, &klen) < 0)
        return false;
    size_t want = total - 1 < sizeof c->val ? total - 1 : sizeof c->val;
    if (got - 1 < want || vt_gen_now(c->t) != g)
        return false;
    memcpy(c->key, k, klen);
    c->klen = klen;
    *vis = !(v[0] & VT_ROW_DELETED);
    c->landed = *vis;
    c->lgen = g;
    if (*vis) {
        c->vfull = total - 1;
        c->vgot = want;
        memcpy(c->val, v + 1, want);
    }
    return true;
}

/* Whether x sees the record the bt cursor just landed on (g as above). */
static JET_ERR visible_landed(const vtx *x, vt_cursor *c, uint64_t g, bool *vis)
{
    if (landed_quiet(c, g, vis))
        return JET_errSuccess;
    return visible_now(x, c, vis);
}

/* From the current bt position, move in direction dir until a visible
 * record (success) or the end (JET_errNoCurrentRecord).  check_first: the
 * current record itself, where the bt cursor landed with g as above, may
 * be the answer. */
static JET_ERR settle(const vtx *x, vt_cursor *c, int dir, bool check_first, uint64_t g)
{
    c->landed = false;
    if (check_first) {
        bool vis;
        CALL(visible_landed(x, c, g, &vis));
        if (vis)
            return JET_errSuccess;
    }
    for (;;) {
        g = vt_quiet_gen(c->t);
        CALL(dir > 0 ? bt_cursor_next(c->c) : bt_cursor_prev(c->c));
        bool vis;
        CALL(visible_landed(x, c, g, &vis));
        if (vis)
            return JET_errSuccess;
    }
}

JET_ERR vt_cursor_seek(vtx *x, vt_cursor *c, bt_seek op, const void *key, size_t klen)
{
    if (c == NULL || (key == NULL && klen > 0))
        return JET_errInvalidParameter;
    c->landed = false;
    uint64_t g = vt_quiet_gen(c->t);
    JET_ERR err = bt_cursor_seek(c->c, op, key, klen);
    if (err >= 0) {
        switch (op) {
        case BT_SEEK_EQ: {
            bool vis;
            err = visible_landed(x, c, g, &vis);
            if (err >= 0 && !vis)
                err = JET_errRecordNotFound;
            break;
        }
        case BT_SEEK_GE:
        case BT_SEEK_GT:
            err = settle(x, c, 1, true, g);
            break;
        default:
            err = settle(x, c, -1, true, g);
            break;
        }
        if (err == JET_errNoCurrentRecord)
            err = JET_errRecordNotFound;
    }
    c->unpos = err < 0;
    return err;
}

JET_ERR vt_cursor_first(vtx *x, vt_cursor *c)
{
    if (c == NULL)
        return JET_errInvalidParameter;
    c->unpos = false;
    c->landed = false;
    uint64_t g = vt_quiet_gen(c->t);
    JET_ERR err = bt_cursor_first(c->c);
    return err < 0 ? err : settle(x, c, 1, true, g);
}

JET_ERR vt_cursor_last(vtx *x, vt_cursor *c)
{
    if (c == NULL)
        return JET_errInvalidParameter;
    c->unpos = false;
    c->landed = false;
    uint64_t g = vt_quiet_gen(c->t);
    JET_ERR err = bt_cursor_last(c->c);
    return err < 0 ? err : settle(x, c, -1, true, g);
}

JET_ERR vt_cursor_next(vtx *x, vt_cursor *c)
{
    if (c == NULL)
        return JET_errInvalidParameter;
    if (c->unpos) {
        c->landed = false;
        return JET_errNoCurrentRecord;
    }
    return settle(x, c, 1, false, UINT64_MAX);
}

JET_ERR vt_cursor_prev(vtx *x, vt_cursor *c)
{
    if (c == NULL)
        return JET_errInvalidParameter;
    if (c->unpos) {
        c->landed = false;
        return JET_errNoCurrentRecord;
    }
    return settle(x, c, -1, false, UINT64_MAX);
}

/* The row under the cursor is no longer visible → JET_errRecordDeleted. */
static JET_ERR current(const vtx *x, vt_cursor *c, uint64_t off, void *buf, size_t cb,
                       size_t *full)
{
    if (c->unpos)
        return JET_errNoCurrentRecord;
    JET_ERR err = view_current(x, c, off, buf, cb, full);
    return err == JET_errRecordNotFound ? JET_errRecordDeleted : err;
}

JET_ERR vt_cursor_key(vtx *x, vt_cursor *c, void *buf, size_t cb, size_t *actual)
{
    if (c == NULL || (buf == NULL && cb > 0))
        return JET_errInvalidParameter;
    size_t full;
    CALL(current(x, c, 0, NULL, 0, &full));
    size_t n = c->klen < cb ? c->klen : cb;
    if (n)
        memcpy(buf, c->key, n);
    if (actual != NULL)
        *actual = c->klen;
    return n < c->klen ? JET_wrnBufferTruncated : JET_errSuccess;
}

JET_ERR vt_cursor_value(vtx *x, vt_cursor *c, uint64_t off, void *buf, size_t cb,
                        size_t *actual)
{
    if (c == NULL || (buf == NULL && cb > 0))
        return JET_errInvalidParameter;
    size_t full = 0;
    JET_ERR err = current(x, c, off, buf, cb, &full);
    if (err >= 0 && actual != NULL)
        *actual = full;
    return err;
}

JET_ERR vt_cursor_landed(const vt_cursor *c, const uint8_t **key, size_t *klen,
                         const uint8_t **val, size_t *vgot, size_t *vfull)
{
    if (c == NULL || !c->landed || c->unpos)
        return JET_errNoCurrentRecord;
    *key = c->key;
    *klen = c->klen;
    *val = c->val;
    *vgot = c->vgot;
    *vfull = c->vfull;
    return JET_errSuccess;
}

bool vt_cursor_is_on(const vt_cursor *c, const void *key, size_t klen)
{
    const uint8_t *k;
    size_t kl;
    if (c == NULL || c->unpos || bt_cursor_saved_key(c->c, &k, &kl) < 0)
        return false;
    return kl == klen && (klen == 0 || memcmp(k, key, klen) == 0);
}

bool vt_cursor_fresh_value(const vt_cursor *c, const uint8_t **val, size_t *len)
{
    if (c == NULL || !c->landed || c->unpos || c->lgen == UINT64_MAX || c->vgot != c->vfull ||
        vt_quiet_gen(c->t) != c->lgen)
        return false;
    *val = c->val;
    *len = c->vfull;
    return true;
}
