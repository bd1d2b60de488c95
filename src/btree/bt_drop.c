/*
 * bt_drop.c: freeing a whole tree (a dropped table or index).
 *
 * The pages are gathered by a walk under the exclusive lock, then freed
 * one logged operation each, children and long-value chains before their
 * parents, the root last.  A drop interrupted by a crash leaves a tree
 * with dangling child entries: the layer above must finish the drop at
 * recovery (as ESE does) and never open such a tree again.
 */
#include "btree/bt_int.h"

#include <stdlib.h>

typedef struct pglist {
    uint32_t *v;
    size_t n, cap;
} pglist;

/* Append a pgno. */
static JET_ERR push(pglist *l, uint32_t pgno)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        uint32_t *v = realloc(l->v, sizeof *v * cap);
        if (v == NULL)
            return JET_errOutOfMemory;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = pgno;
    return JET_errSuccess;
}

/* Gather the subtree at pgno in post-order (children, chains, then it). */
static JET_ERR gather(bt_tree *t, uint32_t pgno, unsigned depth, pglist *l)
{
    if (depth > BT_MAX_DEPTH)
        return JET_errDatabaseCorrupted;
    bf *b;
    CALL(bt_read_node(t, pgno, &b));
    const void *page = bf_page(b);
    bool leaf = (pg_header_c(page)->flags & PG_F_LEAF) != 0;
    JET_ERR err = JET_errSuccess;
    for (uint16_t i = 0; i < pg_nslots(page); i++) {
        const uint8_t *rec;
        uint16_t len;
        pg_get(page, i, &rec, &len);
        if (leaf) {
            bt_leafrec r;
            bt_leaf_decode(rec, len, &r);
            for (uint32_t p = r.vkind == BT_V_LONG ? r.lv_first : 0; p;) {
                bf *lb;
                CHECK(cache_get(t->env.cf, p, CACHE_S, 0, &lb));
                uint32_t next = pg_header_c(bf_page(lb))->next;
                uint32_t fl = pg_header_c(bf_page(lb))->flags;
                cache_release(lb);
                if (fl != PG_F_LONGVALUE || l->n > UINT32_MAX) {
                    err = JET_errDatabaseCorrupted;
                    goto done;
                }
                CHECK(push(l, p));
                p = next;
            }
        } else {
            const uint8_t *k;
            uint16_t kl;
            uint32_t child;
            bt_int_decode(rec, len, &child, &k, &kl);
            CHECK(gather(t, child, depth + 1, l));
        }
    }
    err = push(l, pgno);
done:
    cache_release(b);
    return err;
}

JET_ERR bt_destroy(bt_tree *t, uint64_t txid)
{
    pglist l = { NULL, 0, 0 };
    pthread_rwlock_wrlock(&t->lock);
    JET_ERR err = gather(t, t->root, 0, &l);
    for (size_t i = 0; err >= 0 && i < l.n; i++) {
        bt_op op;
        bt_op_begin(&op, t, txid, 0);
        err = bt_op_free(&op, l.v[i]);
        if (err < 0) {
            bt_op_abort(&op);
            break;
        }
        err = bt_op_commit(&op);
    }
    pthread_rwlock_unlock(&t->lock);
    free(l.v);
    if (err >= 0)
        bt_close(t);
    return err;
}
