/*
 * bt_read.c: everything that reads a tree — exact lookups and cursors.
 *
 * Readers run under the tree's shared lock and S-latch pages top-down
 * (parent held while the child is latched, then released).  A cursor keeps
 * between calls only the key it stands on plus a hint (leaf pgno, slot,
 * the leaf's dbtime): when the leaf's dbtime is unchanged the hint is
 * exact, because every change to a page stamps a new dbtime; otherwise the
 * cursor seeks its key again.  If that key is gone the cursor stands "on a
 * deleted record": reads fail with JET_errRecordDeleted and moves go to
 * the neighbours by key.
 */
#include "btree/bt_int.h"

#include <stdlib.h>

enum cur_state { CUR_NONE, CUR_BEFORE, CUR_AFTER, CUR_ON };

struct bt_cursor {
    bt_tree *t;
    enum cur_state state;
    uint16_t klen;
    uint16_t slot;          /* hint: slot in the leaf */
    uint32_t pgno;          /* hint: leaf page */
    uint64_t dbtime;        /* hint: leaf dbtime when the hint was taken */
    uint32_t vtotal;        /* landing: the value's length */
    uint16_t vgot;          /* landing: bytes of it in val */
    uint8_t key[BT_KEY_MAX];
    uint8_t val[BT_CURSOR_CAPTURE];   /* landing: the value's first bytes */
    /* A private copy of leaf lpgno, taken (latched) when the tree's mods
     * was lmods: while it still is, the leaf is unchanged and next / prev
     * within it read the copy without lock or latch.  Made by moves, so
     * scans pay one page copy per leaf and seeks none. */
    uint8_t *leaf;
    uint32_t lpgno;
    uint64_t lmods;
    bool lvalid;
};

/* ---- trees ---------------------------------------------------------- */

JET_ERR bt_open(const bt_env *env, uint32_t root, uint32_t objid, bt_tree **out)
{
    if (env == NULL || env->cf == NULL || !pg_size_valid(env->page_size) || root == 0 ||
        env->alloc_page == NULL || env->free_page == NULL || env->next_dbtime == NULL)
        return JET_errInvalidParameter;
    bt_tree *t = calloc(1, sizeof *t);
    if (t == NULL)
        return JET_errOutOfMemory;
    t->trusted = calloc(BT_TRUST_SLOTS, sizeof *t->trusted);
    if (t->trusted == NULL) {
        free(t);
        return JET_errOutOfMemory;
    }
    t->env = *env;
    t->root = root;
    t->objid = objid;
    /* Writers first: a steady stream of readers (cursor scans) must not
     * starve updates. */
    pthread_rwlockattr_t attr;
    pthread_rwlockattr_init(&attr);
    pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
    int rc = pthread_rwlock_init(&t->lock, &attr);
    pthread_rwlockattr_destroy(&attr);
    if (rc != 0) {
        free(t->trusted);
        free(t);
        return JET_errOutOfMemory;
    }
    *out = t;
    return JET_errSuccess;
}

void bt_close(bt_tree *t)
{
    if (t == NULL)
        return;
    pthread_rwlock_destroy(&t->lock);
    bt_img_pool_drain(t);
    free(t->trusted);
    free(t);
}

uint32_t bt_root(const bt_tree *t)
{
    return t->root;
}

uint32_t bt_objid(const bt_tree *t)
{
    return t->objid;
}

_Atomic uint64_t *bt_client(bt_tree *t)
{
    return t->client;
}

JET_ERR bt_create(const bt_env *env, uint32_t objid, uint64_t txid, uint32_t *root)
{
    if (env == NULL || env->cf == NULL || !pg_size_valid(env->page_size) || root == NULL)
        return JET_errInvalidParameter;
    /* A provisional handle: bt_op needs the env and the objid. */
    bt_tree tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.env = *env;
    tmp.objid = objid;
    bt_op op;
    bt_op_begin(&op, &tmp, txid, 0);
    uint32_t pgno;
    uint8_t *page;
    JET_ERR err = bt_op_new(&op, PG_F_ROOT | PG_F_LEAF, &pgno, &page);
    if (err < 0) {
        bt_op_abort(&op);
        bt_img_pool_drain(&tmp);
        return err;
    }
    err = bt_op_commit(&op);
    bt_img_pool_drain(&tmp);   /* the provisional handle goes away */
    CALL(err);
    *root = pgno;
    return JET_errSuccess;
}

/* ---- descents ------------------------------------------------------- */

/* S-latched leaf for key, the search position in it, and whether the key
 * is there. */
static JET_ERR seek_leaf(bt_tree *t, const void *key, size_t klen, bf **out, uint16_t *pos,
                         bool *found)
{
    bf *b;
    CALL(bt_read_node(t, t->root, &b));
    for (unsigned depth = 0;; depth++) {
        const void *page = bf_page(b);
        if (pg_header_c(page)->flags & PG_F_LEAF) {
            *pos = bt_leaf_search(page, key, klen, found);
            *out = b;
            return JET_errSuccess;
        }
        uint16_t idx = bt_int_search(page, key, klen);
        const uint8_t *rec, *k;
        uint16_t len, kl;
        uint32_t child;
        pg_get(page, idx, &rec, &len);
        bt_int_decode(rec, len, &child, &k, &kl);
        bf *nb;
        JET_ERR err = depth >= BT_MAX_DEPTH ? JET_errDatabaseCorrupted
                                            : bt_read_node(t, child, &nb);
        cache_release(b);
        if (err < 0)
            return err;
        b = nb;
    }
}

/* S-latched first (dir > 0) or last (dir < 0) leaf of the tree. */
static JET_ERR edge_leaf(bt_tree *t, int dir, bf **out)
{
    bf *b;
    CALL(bt_read_node(t, t->root, &b));
    for (unsigned depth = 0;; depth++) {
        const void *page = bf_page(b);
        if (pg_header_c(page)->flags & PG_F_LEAF) {
            *out = b;
            return JET_errSuccess;
        }
        uint16_t idx = dir > 0 ? 0 : (uint16_t)(pg_nslots(page) - 1);
        const uint8_t *rec, *k;
        uint16_t len, kl;
        uint32_t child;
        pg_get(page, idx, &rec, &len);
        bt_int_decode(rec, len, &child, &k, &kl);
        bf *nb;
        JET_ERR err = depth >= BT_MAX_DEPTH ? JET_errDatabaseCorrupted
                                            : bt_read_node(t, child, &nb);
        cache_release(b);
        if (err < 0)
            return err;
        b = nb;
    }
}

/* ---- value copy-out ---------------------------------------------------- */

JET_ERR bt_copy_value(bt_tree *t, const bt_leafrec *r, uint64_t off, void *buf, size_t cb,
                      size_t *actual)
{
    if (actual)
        *actual = r->vlen;
    uint64_t avail = off < r->vlen ? r->vlen - off : 0;
    size_t n = avail < cb ? (size_t)avail : cb;
    if (n) {
        if (r->vkind == BT_V_INLINE)
            memcpy(buf, r->val + off, n);
        else
            CALL(bt_lv_read(t, r->lv_first, r->vlen, off, buf, n));
    }
    return n < avail ? JET_wrnBufferTruncated : JET_errSuccess;
}

/* Copy a record's value; the leaf latch is let go before a long value's
 * chain is read (the shared tree lock keeps the chain alive). */
static JET_ERR read_value(bt_tree *t, bf *b, uint16_t slot, uint64_t off, void *buf, size_t cb,
                          size_t *actual)
{
    const uint8_t *rec;
    uint16_t len;
    bt_leafrec r;
    pg_get(bf_page(b), slot, &rec, &len);
    bt_leaf_decode(rec, len, &r);
    if (r.vkind == BT_V_INLINE) {
        JET_ERR err = bt_copy_value(t, &r, off, buf, cb, actual);
        cache_release(b);
        return err;
    }
    cache_release(b);
    return bt_copy_value(t, &r, off, buf, cb, actual);
}

JET_ERR bt_get(bt_tree *t, const void *key, size_t klen, uint64_t off, void *buf, size_t cb,
               size_t *actual)
{
    if (klen > BT_KEY_MAX)
        return JET_errKeyTooBig;
    pthread_rwlock_rdlock(&t->lock);
    bf *b;
    uint16_t pos;
    bool found;
    JET_ERR err = seek_leaf(t, key, klen, &b, &pos, &found);
    if (err >= 0) {
        if (found) {
            err = read_value(t, b, pos, off, buf, cb, actual);
        } else {
            cache_release(b);
            err = JET_errRecordNotFound;
        }
    }
    pthread_rwlock_unlock(&t->lock);
    return err;
}

/* ---- cursors -------------------------------------------------------- */

JET_ERR bt_cursor_open(bt_tree *t, bt_cursor **out)
{
    bt_cursor *c = malloc(sizeof *c);
    if (c == NULL)
        return JET_errOutOfMemory;
    c->t = t;
    c->state = CUR_BEFORE;
    c->klen = 0;
    c->slot = 0;
    c->pgno = 0;
    c->dbtime = 0;
    c->vgot = 0;
    c->vtotal = 0;
    c->leaf = NULL;
    c->lpgno = 0;
    c->lmods = 0;
    c->lvalid = false;
    *out = c;
    return JET_errSuccess;
}

void bt_cursor_close(bt_cursor *c)
{
    if (c != NULL)
        free(c->leaf);
    free(c);
}

/* Remember the record at slot of leaf page pgno (latched, or the
 * cursor's unchanged copy of it) as the cursor's position. */
static void remember_page(bt_cursor *c, const void *page, uint32_t pgno, uint16_t slot)
{
    /* The leaf was verified: its records decode. */
    const uint8_t *rec;
    uint16_t len;
    bt_leafrec r;
    pg_get(page, slot, &rec, &len);
    c->vgot = 0;
    c->vtotal = 0;
    c->klen = 0;
    if (bt_leaf_decode(rec, len, &r)) {
        memcpy(c->key, r.key, r.klen);
        c->klen = r.klen;
        /* Keep the first bytes of an inline value (bt_cursor_landed_value). */
        c->vtotal = r.vlen;
        if (r.vkind == BT_V_INLINE) {
            c->vgot = (uint16_t)(r.vlen < sizeof c->val ? r.vlen : sizeof c->val);
            if (c->vgot)
                memcpy(c->val, r.val, c->vgot);
        }
    }
    c->slot = slot;
    c->pgno = pgno;
    c->dbtime = pg_header_c(page)->dbtime;
    c->state = CUR_ON;
}

static void remember(bt_cursor *c, bf *b, uint16_t slot)
{
    remember_page(c, bf_page(b), bf_pgno(b), slot);
}

/* Keep a copy of the latched leaf b (see bt_cursor.leaf); caller holds the
 * tree's shared lock, so no operation of the tree is under way. */
static void keep_leaf(bt_cursor *c, bf *b)
{
    uint32_t ps = c->t->env.page_size;
    if (c->leaf == NULL) {
        c->leaf = malloc(ps);
        if (c->leaf == NULL)
            return;           /* no copy: moves latch the page as before */
    }
    memcpy(c->leaf, bf_page(b), ps);
    c->lpgno = bf_pgno(b);
    c->lmods = atomic_load_explicit(&c->t->mods, memory_order_acquire);
    c->lvalid = true;
}

/* Step to a real record from a position that may be past either end of
 * leaf b: slot (as a signed index) is the wanted record, dir the way to
 * walk along the leaf chain.  Takes over b's latch.  *ok false when the
 * walk fell off the tree's end. */
static JET_ERR settle(bt_cursor *c, bf *b, long slot, int dir, bool keep, bool *ok)
{
    bt_tree *t = c->t;
    *ok = false;
    for (unsigned hops = 0;; hops++) {
        const void *page = bf_page(b);
        long n = pg_nslots(page);
        if (slot >= 0 && slot < n) {
            remember(c, b, (uint16_t)slot);
            if (keep)
                keep_leaf(c, b);
            cache_release(b);
            *ok = true;
            return JET_errSuccess;
        }
        uint32_t sib = dir > 0 ? pg_header_c(page)->next : pg_header_c(page)->prev;
        cache_release(b);
        if (sib == 0)
            return JET_errSuccess;
        /* Latching a left sibling after letting go of the right one is
         * safe: writers are shut out by the tree lock. */
        CALL(bt_read_node(t, sib, &b));
        if (!(pg_header_c(bf_page(b))->flags & PG_F_LEAF)) {
            cache_release(b);
            return JET_errDatabaseCorrupted;
        }
        slot = dir > 0 ? 0 : (long)pg_nslots(bf_page(b)) - 1;
    }
}

/* Find the cursor's record: the hinted leaf when unchanged, else a seek by
 * key.  Returns the latched leaf, the slot (or search position) and
 * whether the record still exists. */
static JET_ERR locate(bt_cursor *c, bf **out, uint16_t *slot, bool *exists)
{
    bt_tree *t = c->t;
    bf *b;
    if (cache_get(t->env.cf, c->pgno, CACHE_S, 0, &b) >= 0) {
        const void *page = bf_page(b);
        const pg_hdr *h = pg_header_c(page);
        if (h->dbtime == c->dbtime && h->objid == t->objid && h->pgno == c->pgno &&
            (h->flags & PG_F_LEAF) && c->slot < h->nslots) {
            *out = b;
            *slot = c->slot;
            *exists = true;
            return JET_errSuccess;
        }
        cache_release(b);
    }
    CALL(seek_leaf(t, c->key, c->klen, out, slot, exists));
    if (*exists) {
        c->pgno = bf_pgno(*out);
        c->slot = *slot;
        c->dbtime = pg_header_c(bf_page(*out))->dbtime;
    }
    return JET_errSuccess;
}

JET_ERR bt_cursor_seek(bt_cursor *c, bt_seek op, const void *key, size_t klen)
{
    if (klen > BT_KEY_MAX)
        return JET_errKeyTooBig;
    if (op < BT_SEEK_EQ || op > BT_SEEK_LT)
        return JET_errInvalidParameter;
    bt_tree *t = c->t;
    pthread_rwlock_rdlock(&t->lock);
    bf *b;
    uint16_t pos;
    bool found, ok = false;
    c->state = CUR_NONE;
    JET_ERR err = seek_leaf(t, key, klen, &b, &pos, &found);
    if (err >= 0) {
        long slot = pos;
        int dir = 1;
        switch (op) {
        case BT_SEEK_EQ:
            if (!found)
                slot = -1, dir = 0;
            break;
        case BT_SEEK_GE:
            break;
        case BT_SEEK_GT:
            slot = found ? pos + 1 : pos;
            break;
        case BT_SEEK_LE:
            slot = found ? pos : pos - 1;
            dir = -1;
            break;
        case BT_SEEK_LT:
            slot = pos - 1;
            dir = -1;
            break;
        }
        if (dir == 0)
            cache_release(b);
        else
            err = settle(c, b, slot, dir, false, &ok);
    }
    pthread_rwlock_unlock(&t->lock);
    if (err >= 0 && !ok)
        err = JET_errRecordNotFound;
    return err;
}

/* First or last record. */
static JET_ERR move_edge(bt_cursor *c, int dir)
{
    bt_tree *t = c->t;
    pthread_rwlock_rdlock(&t->lock);
    bf *b;
    bool ok = false;
    JET_ERR err = edge_leaf(t, dir, &b);
    if (err >= 0)
        err = settle(c, b, dir > 0 ? 0 : (long)pg_nslots(bf_page(b)) - 1, dir, false, &ok);
    pthread_rwlock_unlock(&t->lock);
    if (err >= 0 && !ok) {
        c->state = dir > 0 ? CUR_AFTER : CUR_BEFORE;
        err = JET_errNoCurrentRecord;
    }
    return err;
}

JET_ERR bt_cursor_first(bt_cursor *c)
{
    return move_edge(c, 1);
}

JET_ERR bt_cursor_last(bt_cursor *c)
{
    return move_edge(c, -1);
}

/* Move one record forward (dir > 0) or back. */
static JET_ERR move(bt_cursor *c, int dir)
{
    if (c->state == CUR_NONE)
        return JET_errNoCurrentRecord;
    if ((c->state == CUR_BEFORE && dir > 0) || (c->state == CUR_AFTER && dir < 0)) {
        JET_ERR err = move_edge(c, dir);
        if (err == JET_errNoCurrentRecord)
            c->state = dir > 0 ? CUR_AFTER : CUR_BEFORE;
        return err;
    }
    if (c->state != CUR_ON)
        return JET_errNoCurrentRecord;   /* already past that end */
    bt_tree *t = c->t;
    /* Within the leaf the cursor keeps a copy of, while no operation
     * changed the tree since the copy: step in the copy. */
    if (c->lvalid && c->lpgno == c->pgno &&
        atomic_load_explicit(&t->mods, memory_order_acquire) == c->lmods) {
        long target = (long)c->slot + dir;
        if (target >= 0 && target < (long)pg_nslots(c->leaf)) {
            remember_page(c, c->leaf, c->lpgno, (uint16_t)target);
            return JET_errSuccess;
        }
    }
    pthread_rwlock_rdlock(&t->lock);
    bf *b;
    uint16_t slot;
    bool exists, ok = false;
    JET_ERR err = locate(c, &b, &slot, &exists);
    if (err >= 0) {
        /* A vanished record's search position is its successor's slot. */
        long target = dir > 0 ? (exists ? slot + 1 : slot) : (long)slot - 1;
        err = settle(c, b, target, dir, true, &ok);
    }
    pthread_rwlock_unlock(&t->lock);
    if (err >= 0 && !ok) {
        c->state = dir > 0 ? CUR_AFTER : CUR_BEFORE;
        err = JET_errNoCurrentRecord;
    }
    return err;
}

JET_ERR bt_cursor_next(bt_cursor *c)
{
    return move(c, 1);
}

JET_ERR bt_cursor_prev(bt_cursor *c)
{
    return move(c, -1);
}

JET_ERR bt_cursor_key(bt_cursor *c, void *buf, size_t cb, size_t *actual)
{
    if (c->state != CUR_ON)
        return JET_errNoCurrentRecord;
    bt_tree *t = c->t;
    pthread_rwlock_rdlock(&t->lock);
    bf *b;
    uint16_t slot;
    bool exists;
    JET_ERR err = locate(c, &b, &slot, &exists);
    if (err >= 0) {
        cache_release(b);
        if (!exists) {
            err = JET_errRecordDeleted;
        } else {
            size_t n = c->klen < cb ? c->klen : cb;
            if (n)
                memcpy(buf, c->key, n);
            if (actual)
                *actual = c->klen;
            err = n < c->klen ? JET_wrnBufferTruncated : JET_errSuccess;
        }
    }
    pthread_rwlock_unlock(&t->lock);
    return err;
}

JET_ERR bt_cursor_value(bt_cursor *c, uint64_t off, void *buf, size_t cb, size_t *actual)
{
    if (c->state != CUR_ON)
        return JET_errNoCurrentRecord;
    bt_tree *t = c->t;
    pthread_rwlock_rdlock(&t->lock);
    bf *b;
    uint16_t slot;
    bool exists;
    JET_ERR err = locate(c, &b, &slot, &exists);
    if (err >= 0) {
        if (!exists) {
            cache_release(b);
            err = JET_errRecordDeleted;
        } else {
            err = read_value(t, b, slot, off, buf, cb, actual);
        }
    }
    pthread_rwlock_unlock(&t->lock);
    return err;
}

JET_ERR bt_cursor_saved_key(const bt_cursor *c, const uint8_t **key, size_t *klen)
{
    if (c->state != CUR_ON)
        return JET_errNoCurrentRecord;
    *key = c->key;
    *klen = c->klen;
    return JET_errSuccess;
}

JET_ERR bt_cursor_landed_value(const bt_cursor *c, const uint8_t **val, size_t *got,
                               size_t *total)
{
    if (c->state != CUR_ON)
        return JET_errNoCurrentRecord;
    *val = c->val;
    *got = c->vgot;
    *total = c->vtotal;
    return JET_errSuccess;
}
