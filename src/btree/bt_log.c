/*
 * bt_log.c: how B-tree page changes reach the log — the PAGE record
 * (byte-range diff of a page + optional logical undo), its redo, and the
 * operation context every modifying path uses.
 *
 * An operation X-latches each page it touches once, keeping a before
 * image.  At commit every page that changed gets a new dbtime and one PAGE
 * record; the records are appended in order, the first flagged FIRST and
 * the last LAST.  Each page is dirtied with the FIRST record's LSN (so the
 * checkpoint never passes the start of the operation) and then with the
 * LAST record's LSN (so, by the WAL rule, no page of the operation reaches
 * disk before the whole operation is durable).  Recovery can therefore
 * drop an operation whose LAST record is missing: none of its pages can be
 * on disk.  Only then are the latches released.
 */
#include "btree/bt_int.h"

#include <assert.h>
#include <limits.h>
#include <stdlib.h>

/* ---- records --------------------------------------------------------- */

/* Equal stretches are skipped this many bytes at a time (memcmp is
 * vectorised); a NULL before image compares with zeros. */
#define DIFF_BLOCK 256u
static const uint8_t diff_zero[DIFF_BLOCK];

/* Changed byte ranges of after vs before (NULL = zeros), bytes [4, cb):
 * the checksum is sealed by the cache on write and is no part of a change.
 * Ranges closer than the 4-byte range header are merged. */
typedef struct bt_range {
    uint16_t off, len;
} bt_range;

static inline uint64_t ld64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

/* Larger equal stretches (the free middle of a page) are skipped this many
 * bytes at a time first. */
#define DIFF_BIG 2048u

/* The first offset >= i where after differs from before (NULL = zeros), or
 * cb.  Equal big blocks, then equal blocks, are skipped with memcmp; the
 * differing byte is then found 8 bytes at a time (little-endian host:
 * the lowest set byte of the XOR is the first differing byte). */
static uint32_t next_diff(const uint8_t *before, const uint8_t *after, uint32_t i, uint32_t cb)
{
    /* Differences often come close together (header, slot array): look at
     * the next few words before calling memcmp. */
    for (unsigned w = 0; w < 4 && i + 8 <= cb; w++, i += 8) {
        uint64_t x = ld64(after + i) ^ (before ? ld64(before + i) : 0);
        if (x != 0)
            return i + (uint32_t)__builtin_ctzll(x) / 8u;
    }
    /* (The last block of a stage is whatever is left of the page, so the
     * word scan below only runs inside a block that differs.) */
    if (before != NULL) {
        while (i < cb) {
            uint32_t n = cb - i < DIFF_BIG ? cb - i : DIFF_BIG;
            if (memcmp(after + i, before + i, n) != 0)
                break;
            i += n;
        }
    }
    while (i < cb) {
        uint32_t n = cb - i < DIFF_BLOCK ? cb - i : DIFF_BLOCK;
        if (memcmp(after + i, before ? before + i : diff_zero, n) != 0)
            break;
        i += n;
    }
    for (; i + 8 <= cb; i += 8) {
        uint64_t x = ld64(after + i) ^ (before ? ld64(before + i) : 0);
        if (x != 0)
            return i + (uint32_t)__builtin_ctzll(x) / 8u;
    }
    for (; i < cb; i++)
        if ((before ? before[i] : 0) != after[i])
            return i;
    return cb;
}

/* Fill r[] (room for max) with the changed ranges; returns how many, or
 * UINT_MAX when more than max are needed. */
static unsigned diff_ranges(const uint8_t *before, const uint8_t *after, uint32_t cb,
                            bt_range *r, unsigned max)
{
    unsigned n = 0;
    uint32_t i = 4;
    while (i < cb) {
        /* Most of a page is unchanged: find the next differing byte. */
        i = next_diff(before, after, i, cb);
        if (i >= cb)
            break;
        uint32_t start = i, end = i + 1;
        /* Extend while differences keep coming within 4 bytes: the next
         * differing byte at most 4 bytes past the end joins the range. */
        while (end < cb) {
            if (end + 8 <= cb) {
                uint64_t x = ld64(after + end) ^ (before ? ld64(before + end) : 0);
                if (x == 0)
                    break;                       /* 8 equal bytes */
                const uint64_t lo = 0x0101010101010101ull, hi = 0x8080808080808080ull;
                if (((x - lo) & ~x & hi) == 0) {
                    end += 8;                    /* all 8 bytes differ */
                    continue;
                }
                unsigned k = (unsigned)__builtin_ctzll(x) / 8u;
                if (k > 4)
                    break;
                end += k + 1;
                continue;
            }
            uint32_t j = end;
            while (j < cb && j < end + 5 && (before ? before[j] : 0) == after[j])
                j++;
            if (j >= cb || j >= end + 5)
                break;
            end = j + 1;
        }
        if (n == max)
            return UINT_MAX;
        r[n].off = (uint16_t)start;
        r[n].len = (uint16_t)(end - start);
        n++;
        i = end;
    }
    return n;
}

/* bt_logrec_encode into buf (cap bytes) when the record fits, else into a
 * malloc'd buffer: *out is buf or must be freed. */
static JET_ERR logrec_encode_into(const bt_env *env, uint64_t txid, uint8_t flags,
                                  uint32_t pgno, uint32_t objid, uint64_t opid,
                                  uint64_t dbtime_before, uint64_t dbtime_after,
                                  const void *before, const void *after, const void *undo,
                                  uint32_t undo_len, uint8_t *buf, size_t cap, uint8_t **out,
                                  size_t *outlen)
{
    uint32_t cb = env->page_size;
    /* A few ranges usually; at most one per 5 bytes of page. */
    bt_range few[64];
    bt_range *r = few;
    unsigned n = diff_ranges(before, after, cb, r, 64);
    if (n == UINT_MAX) {
        unsigned max = cb / 5 + 2;
        r = malloc(sizeof *r * max);
        if (r == NULL)
            return JET_errOutOfMemory;
        n = diff_ranges(before, after, cb, r, max);
    }
    size_t total = BT_LOGREC_HDR + BT_LOGREC_BODY + (size_t)undo_len;
    for (unsigned i = 0; i < n; i++)
        total += 4u + r[i].len;
    if (total > UINT32_MAX || n > UINT16_MAX) {
        if (r != few)
            free(r);
        return JET_errInvalidParameter;
    }
    uint8_t *p = total <= cap ? buf : malloc(total);
    if (p == NULL) {
        if (r != few)
            free(r);
        return JET_errOutOfMemory;
    }
    log_rec_hdr h;
    log_rec_init(&h, BT_LOGREC_PAGE, (uint32_t)total, env->dbid, txid);
    h.flags = flags;
    memcpy(p, &h, sizeof h);
    uint8_t *b = p + BT_LOGREC_HDR;
    bt_wr32(b, pgno);
    bt_wr32(b + 4, objid);
    bt_wr64(b + 8, opid);
    bt_wr64(b + 16, dbtime_before);
    bt_wr64(b + 24, dbtime_after);
    bt_wr32(b + 32, undo_len);
    bt_wr16(b + 36, (uint16_t)n);
    bt_wr16(b + 38, 0);
    uint8_t *q = b + BT_LOGREC_BODY;
    if (undo_len) {
        memcpy(q, undo, undo_len);
        q += undo_len;
    }
    for (unsigned i = 0; i < n; i++) {
        bt_wr16(q, r[i].off);
        bt_wr16(q + 2, r[i].len);
        memcpy(q + 4, (const uint8_t *)after + r[i].off, r[i].len);
        q += 4u + r[i].len;
    }
    if (r != few)
        free(r);
    *out = p;
    *outlen = total;
    return JET_errSuccess;
}

JET_ERR bt_logrec_encode(const bt_env *env, uint64_t txid, uint8_t flags, uint32_t pgno,
                         uint32_t objid, uint64_t opid, uint64_t dbtime_before,
                         uint64_t dbtime_after, const void *before, const void *after,
                         const void *undo, uint32_t undo_len, uint8_t **out, size_t *outlen)
{
    return logrec_encode_into(env, txid, flags, pgno, objid, opid, dbtime_before,
                              dbtime_after, before, after, undo, undo_len, NULL, 0, out,
                              outlen);
}

JET_ERR bt_logrec_decode(const void *rec, size_t len, uint32_t page_size, bt_logrec *out)
{
    const uint8_t *p = rec;
    if (len < BT_LOGREC_HDR + BT_LOGREC_BODY || bt_rd32(p) != len || p[4] != BT_LOGREC_PAGE)
        return JET_errLogCorrupted;
    log_rec_hdr h;
    memcpy(&h, p, sizeof h);
    memset(out, 0, sizeof *out);
    out->len = (uint32_t)len;
    out->type = h.type;
    out->flags = h.flags;
    out->dbid = h.dbid;
    out->txid = h.txid;
    const uint8_t *b = p + BT_LOGREC_HDR;
    out->pgno = bt_rd32(b);
    out->objid = bt_rd32(b + 4);
    out->opid = bt_rd64(b + 8);
    out->dbtime_before = bt_rd64(b + 16);
    out->dbtime_after = bt_rd64(b + 24);
    out->undo_len = bt_rd32(b + 32);
    out->nranges = bt_rd16(b + 36);
    size_t rest = len - BT_LOGREC_HDR - BT_LOGREC_BODY;
    if (out->undo_len > rest || out->dbtime_after <= out->dbtime_before)
        return JET_errLogCorrupted;
    const uint8_t *q = b + BT_LOGREC_BODY;
    out->undo = out->undo_len ? q : NULL;
    q += out->undo_len;
    rest -= out->undo_len;
    out->ranges = q;
    out->ranges_len = rest;
    /* Every range must lie inside the record and inside the page. */
    for (uint16_t i = 0; i < out->nranges; i++) {
        if (rest < 4)
            return JET_errLogCorrupted;
        uint32_t off = bt_rd16(q), rl = bt_rd16(q + 2);
        if (rest - 4 < rl || (page_size && off + rl > page_size) || off < 4)
            return JET_errLogCorrupted;
        q += 4u + rl;
        rest -= 4u + rl;
    }
    if (rest != 0)
        return JET_errLogCorrupted;
    return JET_errSuccess;
}

JET_ERR bt_redo_page(void *page, uint32_t page_size, uint32_t pgno, const void *rec,
                     size_t len, bool *applied)
{
    bt_logrec lr;
    *applied = false;
    CALL(bt_logrec_decode(rec, len, page_size, &lr));
    if (lr.pgno != pgno)
        return JET_errInvalidParameter;
    uint8_t *pg = page;
    uint64_t cur = pg_header(page)->dbtime;
    if (cur >= lr.dbtime_after)
        return JET_errSuccess;           /* already there: redo is idempotent */
    if (lr.flags & BT_LOGF_NEWPAGE) {
        /* A (re)formatted page owes nothing to its former content. */
        memset(pg, 0, page_size);
    } else if (cur != lr.dbtime_before) {
        /* A page never written reads as zeros, dbtime 0: "too old" too. */
        return cur < lr.dbtime_before ? JET_errDbTimeTooOld : JET_errDbTimeTooNew;
    }
    const uint8_t *q = lr.ranges;
    for (uint16_t i = 0; i < lr.nranges; i++) {
        uint16_t off = bt_rd16(q), rl = bt_rd16(q + 2);
        memcpy(pg + off, q + 4, rl);
        q += 4u + rl;
    }
    /* The ranges carry the new dbtime already; setting it again keeps a
     * hand-built record without it from breaking the chain. */
    pg_header(page)->dbtime = lr.dbtime_after;
    *applied = true;
    return JET_errSuccess;
}

/* ---- operations ----------------------------------------------------- */

void bt_op_begin(bt_op *op, bt_tree *t, uint64_t txid, uint8_t lflags)
{
    memset(op, 0, sizeof *op);
    op->t = t;
    op->txid = txid;
    op->lflags = lflags;
}

/* Room for one more held page: the op's inline array first. */
static JET_ERR op_grow(bt_op *op)
{
    if (op->pg == NULL) {
        op->pg = op->inl;
        op->cap = BT_OP_INLINE;
    }
    if (op->npg < op->cap)
        return JET_errSuccess;
    unsigned cap = op->cap * 2;
    bt_opage *pg = malloc(sizeof *pg * cap);
    if (pg == NULL)
        return JET_errOutOfMemory;
    memcpy(pg, op->pg, sizeof *pg * op->npg);
    if (op->pg != op->inl)
        free(op->pg);
    op->pg = pg;
    op->cap = cap;
    return JET_errSuccess;
}

/* A page-size buffer for a before image: a spare one of the tree, or a new
 * one. */
uint8_t *bt_img_take(bt_tree *t)
{
    for (unsigned i = 0; i < BT_IMG_POOL; i++) {
        if (atomic_load_explicit(&t->imgs[i], memory_order_relaxed) == NULL)
            continue;
        uint8_t *b = atomic_exchange_explicit(&t->imgs[i], NULL, memory_order_acquire);
        if (b != NULL)
            return b;
    }
    return malloc(t->env.page_size);
}

/* Give a before-image buffer back: kept as a spare when there is room. */
void bt_img_give(bt_tree *t, uint8_t *b)
{
    if (b == NULL)
        return;
    for (unsigned i = 0; i < BT_IMG_POOL; i++) {
        uint8_t *expect = NULL;
        if (atomic_load_explicit(&t->imgs[i], memory_order_relaxed) == NULL &&
            atomic_compare_exchange_strong_explicit(&t->imgs[i], &expect, b,
                                                    memory_order_release,
                                                    memory_order_relaxed))
            return;
    }
    free(b);
}

void bt_img_pool_drain(bt_tree *t)
{
    for (unsigned i = 0; i < BT_IMG_POOL; i++)
        free(atomic_exchange_explicit(&t->imgs[i], NULL, memory_order_acquire));
}

/* Take the before image of held page p (it has not changed since it was
 * latched). */
static JET_ERR op_image(bt_op *op, bt_opage *p)
{
    if (p->before != NULL || p->isnew)
        return JET_errSuccess;
#ifndef NDEBUG
    if (p->shadow != NULL)
        assert(memcmp(p->shadow, p->page, op->t->env.page_size) == 0);
#endif
    uint8_t *before = bt_img_take(op->t);
    if (before == NULL)
        return JET_errOutOfMemory;
    memcpy(before, p->page, op->t->env.page_size);
    p->before = before;
    return JET_errSuccess;
}

/* Latch page pgno for the op (once), with or without its before image. */
static JET_ERR op_latch(bt_op *op, uint32_t pgno, bool image, uint8_t **page)
{
    for (unsigned i = 0; i < op->npg; i++) {
        if (op->pg[i].pgno == pgno) {
            if (image)
                CALL(op_image(op, &op->pg[i]));
            *page = op->pg[i].page;
            return JET_errSuccess;
        }
    }
    CALL(op_grow(op));
    bf *b;
    CALL(cache_get(op->t->env.cf, pgno, CACHE_X, 0, &b));
    bt_opage *p = &op->pg[op->npg];
    *p = (bt_opage){ .b = b, .page = bf_page(b), .pgno = pgno };
    JET_ERR err = JET_errSuccess;
    if (image) {
        err = op_image(op, p);
    } else {
#ifndef NDEBUG
        p->shadow = malloc(op->t->env.page_size);
        if (p->shadow == NULL)
            err = JET_errOutOfMemory;
        else
            memcpy(p->shadow, p->page, op->t->env.page_size);
#endif
    }
    if (err < 0) {
        cache_release(b);
        return err;
    }
    op->npg++;
    *page = p->page;
    return JET_errSuccess;
}

JET_ERR bt_op_get(bt_op *op, uint32_t pgno, uint8_t **page)
{
    return op_latch(op, pgno, true, page);
}

JET_ERR bt_op_peek(bt_op *op, uint32_t pgno, uint8_t **page)
{
    return op_latch(op, pgno, false, page);
}

JET_ERR bt_op_image_all(bt_op *op)
{
    for (unsigned i = 0; i < op->npg; i++)
        CALL(op_image(op, &op->pg[i]));
    return JET_errSuccess;
}

JET_ERR bt_op_new(bt_op *op, uint32_t flags, uint32_t *pgno, uint8_t **page)
{
    CALL(op_grow(op));
    const bt_env *env = &op->t->env;
    uint32_t pn;
    CALL(env->alloc_page(env->ctx, &pn));
    bf *b;
    JET_ERR err = cache_get(env->cf, pn, CACHE_X, CACHE_NEW, &b);
    if (err < 0) {
        KEEP(err, env->free_page(env->ctx, pn));
        return err;
    }
    pg_init(bf_page(b), env->page_size, pn, op->t->objid, flags);
    op->pg[op->npg++] = (bt_opage){ .b = b, .page = bf_page(b), .pgno = pn, .isnew = true };
    *pgno = pn;
    *page = bf_page(b);
    return JET_errSuccess;
}

JET_ERR bt_op_free(bt_op *op, uint32_t pgno)
{
    uint8_t *page;
    CALL(bt_op_get(op, pgno, &page));
    if (op->nfreed == op->capfreed) {
        unsigned cap = op->capfreed ? op->capfreed * 2 : 8;
        uint32_t *f = realloc(op->freed, sizeof *f * cap);
        if (f == NULL)
            return JET_errOutOfMemory;
        op->freed = f;
        op->capfreed = cap;
    }
    /* Only the header changes: a small record, and a cursor that still
     * remembers the page sees at once that it is no longer the tree's. */
    pg_hdr *h = pg_header(page);
    h->flags = PG_F_FREE;
    h->objid = 0;
    h->prev = h->next = 0;
    op->freed[op->nfreed++] = pgno;
    return JET_errSuccess;
}

JET_ERR bt_op_set_undo(bt_op *op, const void *undo, uint32_t len)
{
    uint8_t *u = len <= sizeof op->undo_inl && op->undo != op->undo_inl ? op->undo_inl
                                                                        : malloc(len ? len : 1);
    if (u == NULL)
        return JET_errOutOfMemory;
    if (len > 0)
        memcpy(u, undo, len);
    if (op->undo != op->undo_inl)
        free(op->undo);
    op->undo = u;
    op->undo_len = len;
    return JET_errSuccess;
}

/* A page held without a before image must be as it was latched (debug
 * builds keep a shadow copy to check it). */
static void op_check_peeked(const bt_op *op, const bt_opage *p)
{
#ifndef NDEBUG
    if (p->shadow != NULL && p->before == NULL && !p->isnew)
        assert(memcmp(p->shadow, p->page, op->t->env.page_size) == 0);
#else
    (void)op;
    (void)p;
#endif
}

/* Forget the op's bookkeeping (latches already released). */
static void op_cleanup(bt_op *op)
{
    for (unsigned i = 0; i < op->npg; i++) {
        bt_img_give(op->t, op->pg[i].before);
#ifndef NDEBUG
        free(op->pg[i].shadow);
#endif
    }
    if (op->pg != op->inl)
        free(op->pg);
    free(op->freed);
    if (op->undo != op->undo_inl)
        free(op->undo);
    op->pg = NULL;
    op->freed = NULL;
    op->undo = NULL;
    op->npg = op->nfreed = 0;
}

void bt_op_abort(bt_op *op)
{
    const bt_env *env = &op->t->env;
    for (unsigned i = 0; i < op->npg; i++) {
        bt_opage *p = &op->pg[i];
        if (p->before)
            memcpy(p->page, p->before, env->page_size);
        else
            op_check_peeked(op, p);
        cache_release(p->b);
    }
    /* New pages hold nothing anyone can reach: give them back. */
    for (unsigned i = 0; i < op->npg; i++)
        if (op->pg[i].isnew)
            (void)env->free_page(env->ctx, op->pg[i].pgno);
    op_cleanup(op);
}

/* Did the op change this page?  (A page only peeked at did not.) */
static bool page_changed(const bt_op *op, const bt_opage *p, uint32_t cb)
{
    if (p->isnew)
        return true;
    if (p->before == NULL) {
        op_check_peeked(op, p);
        return false;
    }
    return memcmp(p->before, p->page, cb) != 0;
}

JET_ERR bt_op_commit(bt_op *op)
{
    const bt_env *env = &op->t->env;
    uint32_t cb = env->page_size;
    JET_ERR err = JET_errSuccess;
    unsigned last = op->npg;
    for (unsigned i = 0; i < op->npg; i++) {
        op->pg[i].changed = page_changed(op, &op->pg[i], cb);
        if (op->pg[i].changed)
            last = i;
    }
    uint64_t first_lsn = 0, last_lsn = 0, opid = 0;
    bool first = true;
    uint8_t recbuf[2048];   /* most records fit: no allocation */
    if (env->op_enter)
        env->op_enter(env->ctx);
    for (unsigned i = 0; last != op->npg && i <= last; i++) {
        bt_opage *p = &op->pg[i];
        if (!p->changed)
            continue;
        pg_hdr *h = pg_header(p->page);
        /* The page's own header may have been rebuilt: take the old
         * dbtime from the before image. */
        uint64_t before = p->isnew ? 0 : pg_header_c(p->before)->dbtime;
        uint64_t after = env->next_dbtime(env->ctx);
        h->dbtime = after;
        if (first)
            opid = after;
        uint8_t fl = op->lflags;
        if (first)
            fl |= BT_LOGF_FIRST;
        if (i == last)
            fl |= BT_LOGF_LAST;
        if (p->isnew)
            fl |= BT_LOGF_NEWPAGE;
        if (env->log_record) {
            uint8_t *rec;
            size_t len;
            CHECK(logrec_encode_into(env, op->txid, fl, p->pgno, op->t->objid, opid, before,
                                     after, p->before, p->page, first ? op->undo : NULL,
                                     first ? op->undo_len : 0, recbuf, sizeof recbuf, &rec,
                                     &len));
            uint64_t lsn = 0;
            err = env->log_record(env->ctx, rec, len, &lsn);
            if (rec != recbuf)
                free(rec);
            if (err < 0)
                goto done;
            if (first)
                first_lsn = lsn;
            last_lsn = lsn;
        }
        first = false;
    }
    if (last != op->npg)
        atomic_fetch_add(&op->t->mods, 1);   /* before the pages are let go */
    for (unsigned i = 0; i < op->npg; i++) {
        bt_opage *p = &op->pg[i];
        if (p->changed) {
            bf_dirty(p->b, first_lsn);
            bf_dirty(p->b, last_lsn);
            /* The new image is this op's own work on sound pages: a node
             * of the tree needs no full check when a walk meets it. */
            const pg_hdr *h = pg_header_c(p->page);
            if (h->objid == op->t->objid && (h->flags & (PG_F_LEAF | PG_F_INTERNAL)) != 0)
                bt_node_learn(op->t, p->pgno, h->dbtime);
        }
        cache_release(p->b);
    }
    if (env->op_leave)
        env->op_leave(env->ctx);
    for (unsigned i = 0; i < op->nfreed; i++)
        KEEP(err, env->free_page(env->ctx, op->freed[i]));
    op_cleanup(op);
    return err;
done:
    if (env->op_leave)
        env->op_leave(env->ctx);
    /* Records already appended have no LAST: recovery drops them, and
     * the pages go back to their before images, so nothing happened. */
    bt_op_abort(op);
    return err;
}
