/*
 * bt_node.c: the records inside B-tree pages — key order, leaf and
 * internal record decoding, binary search within a page, and the checks a
 * page must pass before a tree walk trusts it.
 */
#include "btree/bt_int.h"

/* memcmp order, a proper prefix sorting first. */
int bt_keycmp(const void *a, size_t alen, const void *b, size_t blen)
{
    size_t n = alen < blen ? alen : blen;
    int c = n ? memcmp(a, b, n) : 0;
    if (c != 0)
        return c;
    return alen < blen ? -1 : alen > blen ? 1 : 0;
}

/* Split a leaf record into key and value parts; false when malformed. */
bool bt_leaf_decode(const uint8_t *rec, uint16_t len, bt_leafrec *out)
{
    if (len < 3)
        return false;
    uint16_t klen = bt_rd16(rec);
    if ((uint32_t)klen + 3u > len || klen > BT_KEY_MAX)
        return false;
    out->key = rec + 2;
    out->klen = klen;
    out->vkind = rec[2 + klen];
    const uint8_t *v = rec + 3 + klen;
    uint32_t rest = (uint32_t)len - 3u - klen;
    if (out->vkind == BT_V_INLINE) {
        out->val = v;
        out->vlen = rest;
        out->lv_first = 0;
        return true;
    }
    if (out->vkind != BT_V_LONG || rest != BT_LVREF_SIZE)
        return false;
    out->val = NULL;
    out->vlen = bt_rd32(v);
    out->lv_first = bt_rd32(v + 4);
    return out->vlen <= BT_VALUE_MAX && out->lv_first != 0;
}

/* Split an internal record into child pgno and separator key. */
bool bt_int_decode(const uint8_t *rec, uint16_t len, uint32_t *child, const uint8_t **key,
                   uint16_t *klen)
{
    if (len < 4 || len - 4u > BT_KEY_MAX)
        return false;
    *child = bt_rd32(rec);
    *key = rec + 4;
    *klen = (uint16_t)(len - 4u);
    return *child != 0;
}

/* Key of slot i whatever the page type; false when malformed. */
bool bt_slot_key(const void *page, uint16_t i, const uint8_t **key, uint16_t *klen)
{
    const uint8_t *rec;
    uint16_t len;
    pg_get(page, i, &rec, &len);
    if (pg_header_c(page)->flags & PG_F_LEAF) {
        bt_leafrec r;
        if (!bt_leaf_decode(rec, len, &r))
            return false;
        *key = r.key;
        *klen = r.klen;
        return true;
    }
    uint32_t child;
    return bt_int_decode(rec, len, &child, key, klen);
}

/* Binary search of a leaf: first slot with key >= the search key.  Slots
 * were verified by bt_node_verify, so decoding cannot fail here. */
uint16_t bt_leaf_search(const void *page, const void *key, size_t klen, bool *found)
{
    uint32_t lo = 0, hi = pg_nslots(page);
    *found = false;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        const uint8_t *k = NULL;
        uint16_t kl = 0;
        bt_slot_key(page, (uint16_t)mid, &k, &kl);
        int c = bt_keycmp(k, kl, key, klen);
        if (c < 0) {
            lo = mid + 1;
        } else {
            if (c == 0)
                *found = true;
            hi = mid;
        }
    }
    return (uint16_t)lo;
}

/* Last slot whose separator is <= key, slot 0 counting as minus infinity. */
uint16_t bt_int_search(const void *page, const void *key, size_t klen)
{
    uint32_t lo = 1, hi = pg_nslots(page);
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        const uint8_t *k = NULL;
        uint16_t kl = 0;
        bt_slot_key(page, (uint16_t)mid, &k, &kl);
        if (bt_keycmp(k, kl, key, klen) <= 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (uint16_t)(lo - 1);
}

/* A page reached by a tree walk must belong to the tree, be a leaf or an
 * internal page (never both), and have sound slots and records: the
 * searches above trust every record they decode. */
/* The O(1) part of bt_node_verify: the header names this page of t, a
 * leaf or an internal page, root flag where the root is. */
static JET_ERR node_header_ok(const bt_tree *t, const void *page, uint32_t pgno)
{
    const pg_hdr *h = pg_header_c(page);
    uint32_t kind = h->flags & (PG_F_LEAF | PG_F_INTERNAL);
    if (h->pgno != pgno || h->objid != t->objid || (kind != PG_F_LEAF && kind != PG_F_INTERNAL))
        return JET_errDatabaseCorrupted;
    if (((h->flags & PG_F_ROOT) != 0) != (pgno == t->root))
        return JET_errDatabaseCorrupted;
    return JET_errSuccess;
}

JET_ERR bt_node_verify(const bt_tree *t, const void *page, uint32_t pgno)
{
    CALL(node_header_ok(t, page, pgno));
    const pg_hdr *h = pg_header_c(page);
    uint32_t kind = h->flags & (PG_F_LEAF | PG_F_INTERNAL);
    CALL(pg_check_structure(page, t->env.page_size));
    uint16_t n = pg_nslots(page);
    if (kind == PG_F_INTERNAL && n == 0)
        return JET_errDatabaseCorrupted;
    for (uint16_t i = 0; i < n; i++) {
        const uint8_t *k;
        uint16_t kl;
        if (!bt_slot_key(page, i, &k, &kl))
            return JET_errDatabaseCorrupted;
    }
    return JET_errSuccess;
}

void bt_node_learn(bt_tree *t, uint32_t pgno, uint64_t dbtime)
{
    if (t->trusted != NULL && dbtime != 0)
        atomic_store_explicit(&t->trusted[pgno % BT_TRUST_SLOTS], dbtime, memory_order_relaxed);
}

JET_ERR bt_node_trust(bt_tree *t, const void *page, uint32_t pgno)
{
    CALL(node_header_ok(t, page, pgno));
    uint64_t dbtime = pg_header_c(page)->dbtime;
    if (t->trusted != NULL && dbtime != 0 &&
        atomic_load_explicit(&t->trusted[pgno % BT_TRUST_SLOTS], memory_order_relaxed) == dbtime)
        return JET_errSuccess;
    CALL(bt_node_verify(t, page, pgno));
    bt_node_learn(t, pgno, dbtime);
    return JET_errSuccess;
}

/* Values up to a quarter page (with their key) stay in the leaf, and so do
 * values no longer than the long-value reference that would replace them.
 * The largest leaf record is then 3 + BT_KEY_MAX + 8 bytes, and two of
 * those fit in a 4 KiB page — what the split rule needs. */
uint32_t bt_inline_max(uint32_t page_size, size_t klen)
{
    uint32_t quarter = page_size / 4;
    uint32_t over = 3u + (uint32_t)klen;
    uint32_t m = quarter > over ? quarter - over : 0;
    return m > BT_LVREF_SIZE ? m : BT_LVREF_SIZE;
}

/* S-latch a page on a reader's walk and verify it. */
JET_ERR bt_read_node(bt_tree *t, uint32_t pgno, bf **out)
{
    bf *b;
    CALL(cache_get(t->env.cf, pgno, CACHE_S, 0, &b));
    JET_ERR err = bt_node_trust(t, bf_page(b), pgno);
    if (err < 0) {
        cache_release(b);
        return err;
    }
    *out = b;
    return JET_errSuccess;
}
