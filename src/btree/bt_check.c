/*
 * bt_check.c: full verification of a tree (tests, and later jetutil /g).
 *
 * A depth-first walk under the shared lock, holding the S latches of the
 * current path so that the key bounds handed down (pointers into parent
 * pages) stay valid.  Checked: every page is a node of this tree with a
 * sound structure, is reached once, non-root pages are not empty, keys
 * increase strictly within a page and lie inside the bounds the parent's
 * separators give, slot 0 of an internal page has an empty key, all leaves
 * are at one depth and chained left to right by prev/next, internal pages
 * have no sibling links, long-value chains are well formed and owned by
 * exactly one record.
 */
#include "btree/bt_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct chk {
    bt_tree *t;
    bt_check_stats *st;
    uint32_t *seen;          /* open-addressing set of pgnos, 0 = empty */
    size_t seen_cap, seen_n;
    uint32_t *leaves;        /* leaves in key order */
    size_t nleaves, leaves_cap;
    uint32_t leaf_depth;
} chk;

typedef struct bound {
    const uint8_t *key;
    uint16_t len;
    bool set;
} bound;

/* Record the first problem and return JET_errDatabaseCorrupted. */
static JET_ERR fail(chk *k, const char *fmt, ...)
{
    if (k->st->why[0] == '\0') {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(k->st->why, sizeof k->st->why, fmt, ap);
        va_end(ap);
    }
    return JET_errDatabaseCorrupted;
}

/* Add pgno to the seen set; false when it was already there. */
static JET_ERR see(chk *k, uint32_t pgno)
{
    if ((k->seen_n + 1) * 2 > k->seen_cap) {
        size_t cap = k->seen_cap ? k->seen_cap * 2 : 1024;
        uint32_t *s = calloc(cap, sizeof *s);
        if (s == NULL)
            return JET_errOutOfMemory;
        for (size_t i = 0; i < k->seen_cap; i++) {
            uint32_t v = k->seen[i];
            if (v == 0)
                continue;
            size_t h = (v * 2654435761u) & (cap - 1);
            while (s[h])
                h = (h + 1) & (cap - 1);
            s[h] = v;
        }
        free(k->seen);
        k->seen = s;
        k->seen_cap = cap;
    }
    size_t h = (pgno * 2654435761u) & (k->seen_cap - 1);
    while (k->seen[h]) {
        if (k->seen[h] == pgno)
            return fail(k, "page %u reached twice", pgno);
        h = (h + 1) & (k->seen_cap - 1);
    }
    k->seen[h] = pgno;
    k->seen_n++;
    return JET_errSuccess;
}

/* Walk one long-value chain. */
static JET_ERR check_lv(chk *k, uint32_t first, uint32_t total)
{
    bt_tree *t = k->t;
    uint32_t chunk = bt_lv_chunk(t->env.page_size);
    uint64_t seen = 0;
    for (uint32_t pgno = first; pgno;) {
        CALL(see(k, pgno));
        bf *b;
        CALL(cache_get(t->env.cf, pgno, CACHE_S, 0, &b));
        const void *page = bf_page(b);
        const pg_hdr *h = pg_header_c(page);
        uint32_t next = h->next;
        JET_ERR err = JET_errSuccess;
        if (h->flags != PG_F_LONGVALUE || h->objid != t->objid || h->pgno != pgno ||
            pg_nslots(page) != 1 || pg_check_structure(page, t->env.page_size) < 0) {
            err = fail(k, "long-value page %u malformed", pgno);
        } else {
            const uint8_t *d;
            uint16_t dl;
            pg_get(page, 0, &d, &dl);
            if (dl == 0 || (dl != chunk && next != 0))
                err = fail(k, "long-value page %u holds %u bytes", pgno, dl);
            seen += dl;
        }
        cache_release(b);
        CALL(err);
        k->st->lv_pages++;
        pgno = next;
    }
    if (seen != total)
        return fail(k, "long value of %u bytes has %llu in its chain", total,
                    (unsigned long long)seen);
    k->st->lv_values++;
    return JET_errSuccess;
}

/* Is key inside [lo, hi)? */
static bool in_bounds(const uint8_t *key, uint16_t len, const bound *lo, const bound *hi)
{
    if (lo->set && bt_keycmp(key, len, lo->key, lo->len) < 0)
        return false;
    if (hi->set && bt_keycmp(key, len, hi->key, hi->len) >= 0)
        return false;
    return true;
}

/* Check the subtree at pgno, whose keys must lie in [lo, hi). */
static JET_ERR walk(chk *k, uint32_t pgno, uint32_t depth, bound lo, bound hi)
{
    bt_tree *t = k->t;
    uint32_t ps = t->env.page_size;
    if (depth > BT_MAX_DEPTH)
        return fail(k, "tree deeper than %u", BT_MAX_DEPTH);
    CALL(see(k, pgno));
    bf *b;
    CALL(cache_get(t->env.cf, pgno, CACHE_S, 0, &b));
    const void *page = bf_page(b);
    const pg_hdr *h = pg_header_c(page);
    JET_ERR err = JET_errSuccess;
    if (bt_node_verify(t, page, pgno) < 0) {
        err = fail(k, "page %u is not a sound node of object %u (flags %#x objid %u)", pgno,
                   t->objid, h->flags, h->objid);
        goto done;
    }
    uint16_t n = pg_nslots(page);
    if (n == 0 && pgno != t->root) {
        err = fail(k, "non-root page %u is empty", pgno);
        goto done;
    }
    bool leaf = (h->flags & PG_F_LEAF) != 0;
    const uint8_t *prev = NULL;
    uint16_t prevlen = 0;
    for (uint16_t i = 0; i < n; i++) {
        const uint8_t *key;
        uint16_t kl;
        bt_slot_key(page, i, &key, &kl);
        if (!leaf && i == 0) {
            if (kl != 0) {
                err = fail(k, "internal page %u: slot 0 has a key", pgno);
                goto done;
            }
            continue;
        }
        if (prev && bt_keycmp(prev, prevlen, key, kl) >= 0) {
            err = fail(k, "page %u: keys out of order at slot %u", pgno, i);
            goto done;
        }
        if (!in_bounds(key, kl, &lo, &hi)) {
            err = fail(k, "page %u: slot %u outside its parent's separators", pgno, i);
            goto done;
        }
        prev = key;
        prevlen = kl;
    }
    if (leaf) {
        if (k->leaf_depth == 0)
            k->leaf_depth = depth;
        if (depth != k->leaf_depth) {
            err = fail(k, "leaf %u at depth %u, others at %u", pgno, depth, k->leaf_depth);
            goto done;
        }
        if (k->nleaves == k->leaves_cap) {
            size_t cap = k->leaves_cap ? k->leaves_cap * 2 : 256;
            uint32_t *l = realloc(k->leaves, sizeof *l * cap);
            if (l == NULL) {
                err = JET_errOutOfMemory;
                goto done;
            }
            k->leaves = l;
            k->leaves_cap = cap;
        }
        k->leaves[k->nleaves++] = pgno;
        k->st->leaf_pages++;
        for (uint16_t i = 0; i < n; i++) {
            const uint8_t *rec;
            uint16_t len;
            bt_leafrec r;
            pg_get(page, i, &rec, &len);
            bt_leaf_decode(rec, len, &r);
            k->st->records++;
            k->st->key_bytes += r.klen;
            k->st->value_bytes += r.vlen;
            if (r.vkind == BT_V_LONG) {
                if (r.vlen <= bt_inline_max(ps, r.klen)) {
                    err = fail(k, "page %u slot %u: short value stored long", pgno, i);
                    goto done;
                }
                CHECK(check_lv(k, r.lv_first, r.vlen));
            } else if (r.vlen > bt_inline_max(ps, r.klen)) {
                err = fail(k, "page %u slot %u: long value stored inline", pgno, i);
                goto done;
            }
        }
        goto done;
    }
    if (h->prev || h->next) {
        err = fail(k, "internal page %u has sibling links", pgno);
        goto done;
    }
    k->st->internal_pages++;
    for (uint16_t i = 0; i < n; i++) {
        const uint8_t *rec, *key;
        uint16_t len, kl;
        uint32_t child;
        pg_get(page, i, &rec, &len);
        bt_int_decode(rec, len, &child, &key, &kl);
        bound clo = lo, chi = hi;
        if (i > 0)
            clo = (bound){ key, kl, true };
        if (i + 1 < n) {
            const uint8_t *nrec, *nkey;
            uint16_t nlen, nkl;
            uint32_t nchild;
            pg_get(page, (uint16_t)(i + 1), &nrec, &nlen);
            bt_int_decode(nrec, nlen, &nchild, &nkey, &nkl);
            chi = (bound){ nkey, nkl, true };
        }
        CHECK(walk(k, child, depth + 1, clo, chi));
    }
done:
    cache_release(b);
    return err;
}

/* Leaves must be chained in the order the walk met them. */
static JET_ERR check_chain(chk *k)
{
    bt_tree *t = k->t;
    for (size_t i = 0; i < k->nleaves; i++) {
        bf *b;
        CALL(cache_get(t->env.cf, k->leaves[i], CACHE_S, 0, &b));
        const pg_hdr *h = pg_header_c(bf_page(b));
        uint32_t want_prev = i ? k->leaves[i - 1] : 0;
        uint32_t want_next = i + 1 < k->nleaves ? k->leaves[i + 1] : 0;
        uint32_t prev = h->prev, next = h->next;
        cache_release(b);
        if (prev != want_prev || next != want_next)
            return fail(k, "leaf %u links prev %u next %u, expected %u/%u", k->leaves[i],
                        prev, next, want_prev, want_next);
    }
    return JET_errSuccess;
}

JET_ERR bt_check(bt_tree *t, bt_check_stats *st)
{
    bt_check_stats local;
    if (st == NULL)
        st = &local;
    memset(st, 0, sizeof *st);
    chk k;
    memset(&k, 0, sizeof k);
    k.t = t;
    k.st = st;
    pthread_rwlock_rdlock(&t->lock);
    bound none = { NULL, 0, false };
    JET_ERR err = walk(&k, t->root, 1, none, none);
    if (err >= 0)
        err = check_chain(&k);
    pthread_rwlock_unlock(&t->lock);
    st->depth = k.leaf_depth;
    free(k.seen);
    free(k.leaves);
    return err;
}
