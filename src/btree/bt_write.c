/*
 * bt_write.c: insert, replace and delete, with the structural changes
 * they cause — leaf and internal splits, root growth (the root pgno stays
 * put: its content moves to a new child), merges of under-filled siblings
 * under the same parent, freeing of empty pages and root shrink.
 *
 * Every call runs under the tree's exclusive lock as one bt_op: all pages
 * it touches stay X-latched until the op commits, so the op is atomic in
 * memory (abort restores the before images) and in the log (FIRST..LAST).
 * Long values are written to their chains before the op and freed after
 * it, each chain page as its own small op: a chain is unreachable until
 * the leaf op that references it commits.
 */
#include "btree/bt_int.h"

#include <stdlib.h>

typedef struct path_ent {
    uint32_t pgno;
    uint8_t *page;
    uint16_t idx;   /* child slot taken (internal) or search position (leaf) */
} path_ent;

typedef struct bt_path {
    path_ent e[BT_MAX_DEPTH + 1];
    unsigned n;     /* e[0] is the root, e[n-1] the leaf */
} bt_path;

/* One record while a page is being redistributed. */
typedef struct item {
    const uint8_t *data;
    uint16_t len;
} item;

static JET_ERR insert_at(bt_op *op, bt_path *path, unsigned level, uint16_t pos,
                         const uint8_t *rec, uint16_t len);

/* Usable bytes of a page (records, their length prefixes and slots). */
static uint32_t usable(uint32_t ps)
{
    return ps - PG_HDR_SIZE;
}

/* Descend from the root to the leaf for key, X-latching the path.  Only
 * the leaf gets its before image: the pages above are peeked at, and a
 * structural change (split, root growth, merge, freeing, root shrink)
 * takes their images first (bt_op_image_all) — most changes touch the
 * leaf alone, and an image costs a page copy now and a page compare at
 * commit. */
static JET_ERR descend(bt_op *op, const void *key, size_t klen, bt_path *path, bool *found)
{
    bt_tree *t = op->t;
    uint32_t pgno = t->root;
    path->n = 0;
    for (;;) {
        uint8_t *page;
        CALL(bt_op_peek(op, pgno, &page));
        CALL(bt_node_trust(t, page, pgno));
        if (path->n > BT_MAX_DEPTH)
            return JET_errDatabaseCorrupted;
        path_ent *e = &path->e[path->n++];
        e->pgno = pgno;
        e->page = page;
        if (pg_header(page)->flags & PG_F_LEAF) {
            CALL(bt_op_get(op, pgno, &page));   /* the leaf will change */
            e->idx = bt_leaf_search(page, key, klen, found);
            return JET_errSuccess;
        }
        e->idx = bt_int_search(page, key, klen);
        const uint8_t *rec, *k;
        uint16_t len, kl;
        pg_get(page, e->idx, &rec, &len);
        bt_int_decode(rec, len, &pgno, &k, &kl);
    }
}

/* Reformat a page in place keeping its identity and links, then fill it
 * with items[from, to).  When empty_first, the first item is an internal
 * record whose key is dropped (slot 0 of an internal page). */
static void rebuild(uint8_t *page, uint32_t ps, const item *items, unsigned from, unsigned to,
                    bool empty_first)
{
    pg_hdr save = *pg_header(page);
    pg_init(page, ps, save.pgno, save.objid, save.flags);
    pg_hdr *h = pg_header(page);
    h->dbtime = save.dbtime;
    h->prev = save.prev;
    h->next = save.next;
    for (unsigned i = from; i < to; i++) {
        uint16_t len = (i == from && empty_first) ? 4 : items[i].len;
        pg_insert(page, ps, (uint16_t)(i - from), items[i].data, len);
    }
}

/* Make root room: move its content into a new child and turn the root into
 * an internal page with that single child, so the root pgno never changes.
 * The path gains a level. */
static JET_ERR grow_root(bt_op *op, bt_path *path)
{
    uint32_t ps = op->t->env.page_size;
    uint8_t *root = path->e[0].page;
    if (path->n > BT_MAX_DEPTH)
        return JET_errDatabaseCorrupted;
    CALL(bt_op_image_all(op));
    uint32_t cpgno;
    uint8_t *child;
    CALL(bt_op_new(op, pg_header(root)->flags & ~(uint32_t)PG_F_ROOT, &cpgno, &child));
    uint16_t n = pg_nslots(root);
    for (uint16_t i = 0; i < n; i++) {
        const uint8_t *d;
        uint16_t l;
        pg_get(root, i, &d, &l);
        pg_insert(child, ps, i, d, l);
    }
    uint64_t dbtime = pg_header(root)->dbtime;
    pg_init(root, ps, op->t->root, op->t->objid, PG_F_ROOT | PG_F_INTERNAL);
    pg_header(root)->dbtime = dbtime;
    uint8_t rec[4];
    bt_wr32(rec, cpgno);
    pg_insert(root, ps, 0, rec, 4);
    memmove(&path->e[1], &path->e[0], sizeof path->e[0] * path->n);
    path->n++;
    path->e[0].idx = 0;
    path->e[1].pgno = cpgno;
    path->e[1].page = child;
    return JET_errSuccess;
}

/* Is the page at this level the last one of its level (every ancestor
 * took its last child)?  Appends to such a page split unevenly. */
static bool is_rightmost(const bt_path *path, unsigned level)
{
    for (unsigned l = 0; l < level; l++)
        if (path->e[l].idx + 1u != pg_nslots(path->e[l].page))
            return false;
    return true;
}

/* Length of the shortest key s with left < s <= right (left < right). */
static uint16_t short_sep(const uint8_t *left, uint16_t llen, const uint8_t *right,
                          uint16_t rlen)
{
    uint16_t c = 0;
    while (c < llen && c < rlen && left[c] == right[c])
        c++;
    return (uint16_t)(c + 1);
}

/* Split the full page at `level` while inserting rec at pos: the items are
 * shared by bytes (or, for an append to the rightmost page, the new item
 * goes alone to the right), the upper part moves to a new right sibling,
 * and the parent gets a separator for it. */
static JET_ERR split(bt_op *op, bt_path *path, unsigned level, uint16_t pos,
                     const uint8_t *rec, uint16_t len)
{
    uint32_t ps = op->t->env.page_size;
    uint32_t U = usable(ps);
    uint8_t *page = path->e[level].page;
    bool leaf = (pg_header(page)->flags & PG_F_LEAF) != 0;
    unsigned n = pg_nslots(page);
    CALL(bt_op_image_all(op));   /* the path above changes too */
    JET_ERR err = JET_errSuccess;
    uint8_t *copy = bt_img_take(op->t);
    item *items = malloc(sizeof *items * (n + 1));
    if (copy == NULL || items == NULL) {
        err = JET_errOutOfMemory;
        goto done;
    }
    memcpy(copy, page, ps);
    for (unsigned i = 0, j = 0; i <= n; i++) {
        if (i == pos) {
            items[i] = (item){ rec, len };
        } else {
            pg_get(copy, (uint16_t)j++, &items[i].data, &items[i].len);
        }
    }
    /* Choose k: items [0,k) stay, [k,n] move right.  Every item is at most
     * about U/2 (see bt_inline_max), so a k with both sides fitting exists. */
    uint64_t total = 0;
    for (unsigned i = 0; i <= n; i++)
        total += items[i].len + 4u;
    unsigned k = 0;
    if (pos == n && is_rightmost(path, level) && n > 0) {
        k = n;
    } else {
        uint64_t left = 0, best = UINT64_MAX;
        for (unsigned i = 1; i <= n; i++) {
            left += items[i - 1].len + 4u;
            uint64_t right = total - left;
            if (!leaf)
                right -= items[i].len - 4u;   /* its key is dropped */
            if (left > U || right > U)
                continue;
            uint64_t d = left > right ? left - right : right - left;
            if (d < best) {
                best = d;
                k = i;
            }
        }
    }
    if (k == 0) {
        err = JET_errDatabaseCorrupted;
        goto done;
    }
    uint32_t rpgno;
    uint8_t *right;
    CHECK(bt_op_new(op, pg_header(page)->flags & ~(uint32_t)PG_F_ROOT, &rpgno, &right));
    rebuild(page, ps, items, 0, k, false);
    rebuild(right, ps, items, k, n + 1, !leaf);

    /* The separator: for leaves the shortest key above the left half's
     * last key; for internal pages the key the right half's first child
     * had (now implied by the parent). */
    const uint8_t *sk;
    uint16_t sl;
    uint8_t sep[4 + BT_KEY_MAX];
    if (leaf) {
        bt_leafrec a, b;
        bt_leaf_decode(items[k - 1].data, items[k - 1].len, &a);
        bt_leaf_decode(items[k].data, items[k].len, &b);
        sk = b.key;
        sl = short_sep(a.key, a.klen, b.key, b.klen);
        pg_hdr *lh = pg_header(page), *rh = pg_header(right);
        rh->prev = path->e[level].pgno;
        rh->next = lh->next;
        if (lh->next) {
            uint8_t *nx;
            CHECK(bt_op_get(op, lh->next, &nx));
            pg_header(nx)->prev = rpgno;
        }
        lh->next = rpgno;
    } else {
        uint32_t child;
        bt_int_decode(items[k].data, items[k].len, &child, &sk, &sl);
    }
    bt_wr32(sep, rpgno);
    memcpy(sep + 4, sk, sl);
    CHECK(insert_at(op, path, level - 1, (uint16_t)(path->e[level - 1].idx + 1), sep,
                    (uint16_t)(4u + sl)));
done:
    bt_img_give(op->t, copy);
    free(items);
    return err;
}

/* Put a record into the page at `level`, splitting (and growing the root)
 * as needed. */
static JET_ERR insert_at(bt_op *op, bt_path *path, unsigned level, uint16_t pos,
                         const uint8_t *rec, uint16_t len)
{
    uint32_t ps = op->t->env.page_size;
    uint8_t *page = path->e[level].page;
    if (pg_fits(page, ps, len)) {
        pg_insert(page, ps, pos, rec, len);
        return JET_errSuccess;
    }
    if (level == 0) {
        CALL(grow_root(op, path));
        level = 1;
    }
    return split(op, path, level, pos, rec, len);
}

/* Give slot 0 of an internal page an empty key (it stands for -inf). */
static void drop_first_key(uint8_t *page, uint32_t ps)
{
    const uint8_t *rec;
    uint16_t len;
    pg_get(page, 0, &rec, &len);
    if (len > 4) {
        uint8_t child[4];
        memcpy(child, rec, 4);
        pg_replace(page, ps, 0, child, 4);
    }
}

/* While the root is an internal page with a single child, pull the child's
 * content up into the root (the tree loses a level); an internal root left
 * without children becomes an empty leaf. */
static JET_ERR shrink_root(bt_op *op, bt_path *path)
{
    bt_tree *t = op->t;
    uint32_t ps = t->env.page_size;
    uint8_t *root = path->e[0].page;
    for (;;) {
        pg_hdr *h = pg_header(root);
        if (h->flags & PG_F_LEAF)
            return JET_errSuccess;
        uint16_t n = pg_nslots(root);
        uint64_t dbtime = h->dbtime;
        if (n <= 1)
            CALL(bt_op_image_all(op));
        if (n == 0) {
            pg_init(root, ps, t->root, t->objid, PG_F_ROOT | PG_F_LEAF);
            pg_header(root)->dbtime = dbtime;
            return JET_errSuccess;
        }
        if (n > 1)
            return JET_errSuccess;
        const uint8_t *rec, *k;
        uint16_t len, kl;
        uint32_t cpgno;
        pg_get(root, 0, &rec, &len);
        bt_int_decode(rec, len, &cpgno, &k, &kl);
        uint8_t *child;
        CALL(bt_op_get(op, cpgno, &child));
        CALL(bt_node_trust(t, child, cpgno));
        uint32_t kind = pg_header(child)->flags & (PG_F_LEAF | PG_F_INTERNAL);
        pg_init(root, ps, t->root, t->objid, PG_F_ROOT | kind);
        pg_header(root)->dbtime = dbtime;
        uint16_t cn = pg_nslots(child);
        for (uint16_t i = 0; i < cn; i++) {
            const uint8_t *d;
            uint16_t l;
            pg_get(child, i, &d, &l);
            pg_insert(root, ps, i, d, l);
        }
        CALL(bt_op_free(op, cpgno));
    }
}

/* Child pgno of slot i of an internal page. */
static uint32_t child_at(const uint8_t *page, uint16_t i)
{
    const uint8_t *rec, *k;
    uint16_t len, kl;
    uint32_t c = 0;
    pg_get(page, i, &rec, &len);
    bt_int_decode(rec, len, &c, &k, &kl);
    return c;
}

/* Unhook a leaf from its siblings before it is freed or merged away. */
static JET_ERR unlink_leaf(bt_op *op, uint8_t *page)
{
    pg_hdr *h = pg_header(page);
    if (!(h->flags & PG_F_LEAF))
        return JET_errSuccess;
    uint8_t *s;
    if (h->prev) {
        CALL(bt_op_get(op, h->prev, &s));
        pg_header(s)->next = h->next;
    }
    if (h->next) {
        CALL(bt_op_get(op, h->next, &s));
        pg_header(s)->prev = h->prev;
    }
    return JET_errSuccess;
}

/* After a removal at `level`: free the page if empty, or merge it with an
 * adjacent sibling under the same parent when it is under a quarter full
 * and both fit comfortably in one page; then continue with the parent.
 * Merging only within one parent keeps every separator above valid. */
static JET_ERR rebalance(bt_op *op, bt_path *path, unsigned level)
{
    bt_tree *t = op->t;
    uint32_t ps = t->env.page_size;
    uint32_t U = usable(ps);
    for (; level > 0; level--) {
        path_ent *e = &path->e[level], *pe = &path->e[level - 1];
        uint8_t *page = e->page, *parent = pe->page;
        if (pg_nslots(page) == 0) {
            CALL(bt_op_image_all(op));
            CALL(unlink_leaf(op, page));
            CALL(bt_op_free(op, e->pgno));
            pg_delete(parent, ps, pe->idx);
            if (pe->idx == 0 && pg_nslots(parent) > 0)
                drop_first_key(parent, ps);
            continue;
        }
        if (pg_used_bytes(page, ps) >= U / 4)
            return JET_errSuccess;
        uint16_t pn = pg_nslots(parent);
        uint16_t li;   /* parent slot of the left page of the pair */
        if (pe->idx + 1u < pn)
            li = pe->idx;
        else if (pe->idx > 0)
            li = (uint16_t)(pe->idx - 1);
        else
            return JET_errSuccess;       /* an only child: nothing to merge with */
        uint32_t lpgno = child_at(parent, li), rpgno = child_at(parent, (uint16_t)(li + 1));
        uint8_t *lp, *rp;
        CALL(bt_op_get(op, lpgno, &lp));
        CALL(bt_op_get(op, rpgno, &rp));
        CALL(bt_node_trust(t, lp, lpgno));
        CALL(bt_node_trust(t, rp, rpgno));
        bool leaf = (pg_header(lp)->flags & PG_F_LEAF) != 0;
        /* An internal right page's first child takes the parent's
         * separator as its key. */
        const uint8_t *prec;
        uint16_t plen;
        pg_get(parent, (uint16_t)(li + 1), &prec, &plen);
        uint32_t extra = leaf ? 0 : plen - 4u;
        if (pg_used_bytes(lp, ps) + pg_used_bytes(rp, ps) + extra > U * 3 / 4)
            return JET_errSuccess;
        CALL(bt_op_image_all(op));
        uint16_t ln = pg_nslots(lp), rn = pg_nslots(rp);
        for (uint16_t i = 0; i < rn; i++) {
            const uint8_t *d;
            uint16_t l;
            pg_get(rp, i, &d, &l);
            if (i == 0 && !leaf) {
                uint8_t rec[4 + BT_KEY_MAX];
                memcpy(rec, d, 4);
                memcpy(rec + 4, prec + 4, plen - 4u);
                pg_insert(lp, ps, (uint16_t)(ln + i), rec, plen);
            } else {
                pg_insert(lp, ps, (uint16_t)(ln + i), d, l);
            }
        }
        if (leaf) {
            pg_hdr *rh = pg_header(rp);
            pg_header(lp)->next = rh->next;
            if (rh->next) {
                uint8_t *nx;
                CALL(bt_op_get(op, rh->next, &nx));
                pg_header(nx)->prev = lpgno;
            }
        }
        CALL(bt_op_free(op, rpgno));
        pg_delete(parent, ps, (uint16_t)(li + 1));
    }
    return shrink_root(op, path);
}

/* Build the undo payload of a change: op, objid, key, old value. */
static JET_ERR set_undo(bt_op *op, uint8_t kind, const void *key, size_t klen,
                        const bt_leafrec *old)
{
    if (op->txid == 0 || (op->lflags & BT_LOGF_CLR))
        return JET_errSuccess;          /* nobody will ever roll it back */
    uint32_t vlen = old ? old->vlen : 0;
    size_t total = 12u + klen + vlen;
    if (total > UINT32_MAX)
        return JET_errInvalidParameter;
    bool inl = total <= sizeof op->undo_inl && op->undo != op->undo_inl;
    uint8_t *u = inl ? op->undo_inl : malloc(total);
    if (u == NULL)
        return JET_errOutOfMemory;
    u[0] = kind;
    u[1] = 0;
    bt_wr16(u + 2, (uint16_t)klen);
    bt_wr32(u + 4, op->t->objid);
    bt_wr32(u + 8, vlen);
    memcpy(u + 12, key, klen);
    JET_ERR err = JET_errSuccess;
    if (vlen) {
        if (old->vkind == BT_V_INLINE)
            memcpy(u + 12 + klen, old->val, vlen);
        else
            err = bt_lv_read(op->t, old->lv_first, vlen, 0, u + 12 + klen, vlen);
    }
    if (err >= 0) {
        if (op->undo != op->undo_inl)
            free(op->undo);
        op->undo = u;
        op->undo_len = (uint32_t)total;
    } else if (!inl) {
        free(u);
    }
    return err;
}

/* Room a caller gives make_leafrec for small records. */
#define LEAFREC_BUF 512u

/* A leaf record for key+value, writing a long-value chain when the value
 * does not stay inline.  *rec is buf (LEAFREC_BUF bytes) when it fits,
 * else malloc'd (free it when it is not buf); *lv the new chain or 0. */
static JET_ERR make_leafrec(bt_tree *t, uint64_t txid, const void *key, size_t klen,
                            const void *val, size_t vlen, uint8_t *buf, uint8_t **rec,
                            uint16_t *len, uint32_t *lv)
{
    *lv = 0;
    bool inl = vlen <= bt_inline_max(t->env.page_size, klen);
    size_t total = 3u + klen + (inl ? vlen : BT_LVREF_SIZE);
    uint8_t *r = total <= LEAFREC_BUF ? buf : malloc(total);
    if (r == NULL)
        return JET_errOutOfMemory;
    bt_wr16(r, (uint16_t)klen);
    memcpy(r + 2, key, klen);
    r[2 + klen] = inl ? BT_V_INLINE : BT_V_LONG;
    if (inl) {
        if (vlen)
            memcpy(r + 3 + klen, val, vlen);
    } else {
        JET_ERR err = bt_lv_write(t, txid, val, vlen, lv);
        if (err < 0) {
            if (r != buf)
                free(r);
            return err;
        }
        bt_wr32(r + 3 + klen, (uint32_t)vlen);
        bt_wr32(r + 7 + klen, *lv);
    }
    *rec = r;
    *len = (uint16_t)total;
    return JET_errSuccess;
}

/* Argument checks shared by the modifying calls. */
static JET_ERR check_args(const void *key, size_t klen, const void *val, size_t vlen)
{
    if (klen > BT_KEY_MAX)
        return JET_errKeyTooBig;
    if ((klen && key == NULL) || vlen > BT_VALUE_MAX || (vlen && val == NULL))
        return JET_errInvalidParameter;
    return JET_errSuccess;
}

JET_ERR bt_insert_op(bt_tree *t, uint64_t txid, uint8_t lflags, const void *key, size_t klen,
                     const void *val, size_t vlen)
{
    CALL(check_args(key, klen, val, vlen));
    uint8_t *rec = NULL;
    uint16_t len;
    uint32_t lv;
    uint8_t recbuf[LEAFREC_BUF];
    CALL(make_leafrec(t, txid, key, klen, val, vlen, recbuf, &rec, &len, &lv));
    bt_op op;
    bt_path path;
    bool found;
    JET_ERR err;
    pthread_rwlock_wrlock(&t->lock);
    bt_op_begin(&op, t, txid, lflags);
    CHECK(descend(&op, key, klen, &path, &found));
    if (found) {
        err = JET_errKeyDuplicate;
        goto done;
    }
    CHECK(set_undo(&op, BT_UNDO_INSERT, key, klen, NULL));
    CHECK(insert_at(&op, &path, path.n - 1, path.e[path.n - 1].idx, rec, len));
    err = bt_op_commit(&op);
    pthread_rwlock_unlock(&t->lock);
    goto out;
done:
    bt_op_abort(&op);
    pthread_rwlock_unlock(&t->lock);
out:
    if (err < 0 && lv)
        KEEP(err, bt_lv_free(t, txid, lv));
    if (rec != recbuf)
        free(rec);
    return err;
}

JET_ERR bt_replace_op(bt_tree *t, uint64_t txid, uint8_t lflags, const void *key,
                      size_t klen, const void *val, size_t vlen)
{
    CALL(check_args(key, klen, val, vlen));
    uint8_t *rec = NULL;
    uint16_t len;
    uint32_t lv, oldlv = 0;
    uint8_t recbuf[LEAFREC_BUF];
    CALL(make_leafrec(t, txid, key, klen, val, vlen, recbuf, &rec, &len, &lv));
    uint32_t ps = t->env.page_size;
    bt_op op;
    bt_path path;
    bool found;
    JET_ERR err;
    pthread_rwlock_wrlock(&t->lock);
    bt_op_begin(&op, t, txid, lflags);
    CHECK(descend(&op, key, klen, &path, &found));
    if (!found) {
        err = JET_errRecordNotFound;
        goto done;
    }
    path_ent *leaf = &path.e[path.n - 1];
    const uint8_t *cur;
    uint16_t curlen;
    bt_leafrec old;
    pg_get(leaf->page, leaf->idx, &cur, &curlen);
    bt_leaf_decode(cur, curlen, &old);
    CHECK(set_undo(&op, BT_UNDO_REPLACE, key, klen, &old));
    if (old.vkind == BT_V_LONG)
        oldlv = old.lv_first;
    if (pg_fits_replace(leaf->page, ps, leaf->idx, len)) {
        pg_replace(leaf->page, ps, leaf->idx, rec, len);
        CHECK(rebalance(&op, &path, path.n - 1));
    } else {
        pg_delete(leaf->page, ps, leaf->idx);
        CHECK(insert_at(&op, &path, path.n - 1, leaf->idx, rec, len));
    }
    err = bt_op_commit(&op);
    pthread_rwlock_unlock(&t->lock);
    goto out;
done:
    bt_op_abort(&op);
    pthread_rwlock_unlock(&t->lock);
out:
    if (err < 0 && lv)
        KEEP(err, bt_lv_free(t, txid, lv));
    /* The old chain is unreachable now; nobody can be reading it (readers
     * hold the shared lock for a whole read). */
    if (err >= 0 && oldlv)
        KEEP(err, bt_lv_free(t, txid, oldlv));
    if (rec != recbuf)
        free(rec);
    return err;
}

JET_ERR bt_delete_op(bt_tree *t, uint64_t txid, uint8_t lflags, const void *key, size_t klen)
{
    CALL(check_args(key, klen, NULL, 0));
    uint32_t ps = t->env.page_size;
    uint32_t oldlv = 0;
    bt_op op;
    bt_path path;
    bool found;
    JET_ERR err;
    pthread_rwlock_wrlock(&t->lock);
    bt_op_begin(&op, t, txid, lflags);
    CHECK(descend(&op, key, klen, &path, &found));
    if (!found) {
        err = JET_errRecordNotFound;
        goto done;
    }
    path_ent *leaf = &path.e[path.n - 1];
    const uint8_t *cur;
    uint16_t curlen;
    bt_leafrec old;
    pg_get(leaf->page, leaf->idx, &cur, &curlen);
    bt_leaf_decode(cur, curlen, &old);
    CHECK(set_undo(&op, BT_UNDO_DELETE, key, klen, &old));
    if (old.vkind == BT_V_LONG)
        oldlv = old.lv_first;
    pg_delete(leaf->page, ps, leaf->idx);
    CHECK(rebalance(&op, &path, path.n - 1));
    err = bt_op_commit(&op);
    pthread_rwlock_unlock(&t->lock);
    if (err >= 0 && oldlv)
        KEEP(err, bt_lv_free(t, txid, oldlv));
    return err;
done:
    bt_op_abort(&op);
    pthread_rwlock_unlock(&t->lock);
    return err;
}

JET_ERR bt_insert(bt_tree *t, uint64_t txid, const void *key, size_t klen, const void *val,
                  size_t vlen)
{
    return bt_insert_op(t, txid, 0, key, klen, val, vlen);
}

JET_ERR bt_replace(bt_tree *t, uint64_t txid, const void *key, size_t klen, const void *val,
                   size_t vlen)
{
    return bt_replace_op(t, txid, 0, key, klen, val, vlen);
}

JET_ERR bt_delete(bt_tree *t, uint64_t txid, const void *key, size_t klen)
{
    return bt_delete_op(t, txid, 0, key, klen);
}
