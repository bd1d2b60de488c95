/*
 * ver_tx.c: a session's transaction — levels (savepoints), begin, commit,
 * rollback, the implicit transactions of single operations, and the end
 * of a session.
 *
 * Level L remembers where it began: how many versions x had (x->lv[L].nvers)
 * and how many undo entries its storage transaction had
 * (x->lv[L].nundo).  Committing L > 1 just forgets those marks, so L's
 * changes now belong to L - 1.  Rolling L back undoes the storage
 * transaction down to its mark (logged compensations), restores unlogged
 * trees from the before images, and unlinks the versions made since.
 */
#include <stdlib.h>
#include <string.h>

#include "inst/inst.h"
#include "inst/param.h"
#include "log/log.h"
#include "store/store.h"
#include "txn/txn.h"
#include "txn/ver_int.h"
#include "util/err.h"

/* ---- helpers --------------------------------------------------------------- */

JET_ERR vtx_reserve(vtx *x)
{
    if (x->nvers < x->capvers)
        return JET_errSuccess;
    size_t cap = x->capvers ? x->capvers * 2 : 16;
    ver **a = realloc(x->vers, cap * sizeof *a);
    if (a == NULL)
        return JET_errOutOfMemory;
    x->vers = a;
    x->capvers = cap;
    return JET_errSuccess;
}

void vtx_push(vtx *x, ver *w)
{
    w->seq = x->nvers;
    x->vers[x->nvers++] = w;
}

JET_ERR vtx_storage(vtx *x, struct txn **t)
{
    if (x->t == NULL)
        CALL(txn_begin(vs_log(x->v), &x->t));
    *t = x->t;
    return JET_errSuccess;
}

/* Who owns a transaction begun now: the session context when one is set
 * (ok = it was set by the calling thread), else the calling thread. */
static void owner_now(sess *s, bool *ctx, uint64_t *who, bool *ok)
{
    uintptr_t c = atomic_load(&s->context);
    uint64_t me = atomic_load(&s->thread);
    *ctx = c != 0;
    *who = c != 0 ? (uint64_t)c : me;
    *ok = c == 0 || atomic_load(&s->context_thread) == me;
}

/* Whether the calling thread (or session context) owns x's open
 * transaction: ESE refuses a nested begin, a commit or a rollback from
 * anyone else with JET_errSessionSharingViolation. */
static bool owner_ok(vtx *x)
{
    bool ctx, ok;
    uint64_t who;
    owner_now(x->s, &ctx, &who, &ok);
    /* Thread 0 = a call from inside the engine (or a test) that did not go
     * through the API gate: no thread to compare, in either role. */
    if ((!x->own_ctx && x->owner == 0) || (!ctx && who == 0))
        return true;
    return ok && ctx == x->own_ctx && who == x->owner;
}

/* The lazy-flush bit of the instance's JET_paramCommitDefault. */
static JET_GRBIT commit_default(sess *s)
{
    return s->owner != NULL
               ? (JET_GRBIT)par_num(s->owner, JET_paramCommitDefault) & JET_bitCommitLazyFlush
               : 0;
}

/* Take x off the list of open transactions. */
static void deactivate(vtx *x)
{
    vs *v = x->v;
    pthread_mutex_lock(&v->tx_mu);
    if (x->active) {
        if (x->aprev)
            x->aprev->anext = x->anext;
        else
            v->active = x->anext;
        if (x->anext)
            x->anext->aprev = x->aprev;
        x->anext = x->aprev = NULL;
        x->active = false;
        v->nactive--;
    }
    pthread_mutex_unlock(&v->tx_mu);
}

/* Back to level 0 once the versions are gone or handed over. */
static void finish(vtx *x, bool free_ts)
{
    deactivate(x);
    if (free_ts)
        free(x->ts);
    x->ts = NULL;
    x->level = 0;
    x->nvers = 0;
    x->read_only = false;
}

/* Unlink and free x's versions from index `from` up, newest first (the
 * level's changes are undone already).  Deferred work is told. */
static void drop_versions(vtx *x, size_t from)
{
    while (x->nvers > from) {
        ver *w = x->vers[--x->nvers];
        if (w->kind == V_DEFER) {
            w->fn(w->ctx, false);
        } else {
            vshard *sh = &vs_shards[w->shard];
            pthread_mutex_lock(&sh->mu);
            if (w->row != NULL)
                w->row->may_flag = true;   /* the undo may have restored a flag */
            vr_unlink(x->v, sh, w);
            pthread_mutex_unlock(&sh->mu);
        }
        vs_ver_free(x->v, w);
    }
}

/* Restore the unlogged trees from the before images, newest first. */
static JET_ERR undo_images(vtx *x, size_t from)
{
    for (size_t i = x->nvers; i > from; i--) {
        ver *w = x->vers[i - 1];
        if (!w->self_undo || w->row == NULL)
            continue;
        vshard *sh = &vs_shards[w->shard];
        pthread_mutex_lock(&sh->mu);
        JET_ERR err = vr_undo_image(w, 0);
        pthread_mutex_unlock(&sh->mu);
        CALL(err);
    }
    return JET_errSuccess;
}

/* A rollback failed half way: the tree may hold part of x's changes.  Its
 * versions stay for good (readers see the before images, writers conflict),
 * the storage transaction is left to recovery, and x ends. */
static void abandon(vtx *x)
{
    if (x->t != NULL) {
        (void)txn_rollback(x->t, st_undo_lookup);   /* as far as it goes */
        x->t = NULL;
    }
    for (size_t i = x->nvers; i > 0; i--) {
        ver *w = x->vers[i - 1];
        if (w->kind == V_DEFER) {
            w->fn(w->ctx, false);
            w->fn = NULL;
        }
    }
    deactivate(x);
    vs_zombie(x->v, x->ts, x->vers, x->nvers);
    x->vers = NULL;
    x->capvers = 0;
    x->ts = NULL;
    x->level = 0;
    x->nvers = 0;
    x->read_only = false;
}

/* Roll back the current level. */
static JET_ERR rollback_level(vtx *x)
{
    uint32_t l = x->level;
    size_t from = x->lv[l].nvers;
    JET_ERR err = JET_errSuccess;
    if (x->t != NULL) {
        if (l == 1) {
            err = txn_rollback(x->t, st_undo_lookup);
            x->t = NULL;   /* freed (or kept for recovery after a failure) */
        } else {
            err = txn_rollback_to(x->t, x->lv[l].nundo, st_undo_lookup);
        }
    }
    if (err >= 0)
        err = undo_images(x, l == 1 ? 0 : from);
    if (err < 0) {
        abandon(x);
        vs_cleanup(x->v);
        return err;
    }
    drop_versions(x, from);
    x->level--;
    if (x->level == 0) {
        finish(x, true);
        vs_cleanup(x->v);
    }
    return JET_errSuccess;
}

static JET_ERR session_vtx(sess *s, vtx **out)
{
    if (s->vtx != NULL) {
        *out = s->vtx;
        return JET_errSuccess;
    }
    vs *v = s->owner != NULL ? s->owner->vs : NULL;
    if (v == NULL)
        return JET_errNotInitialized;
    vtx *x = calloc(1, sizeof *x);
    if (x == NULL)
        return JET_errOutOfMemory;
    x->s = s;
    x->v = v;
    s->vtx = x;
    *out = x;
    return JET_errSuccess;
}

/* ---- escrow deltas at commit ------------------------------------------------- */

/* Release the shards a commit held (bit i of *ctx = shard i); idempotent. */
static void unlock_held(void *ctx)
{
    uint64_t *mask = ctx;
    for (uint32_t i = 0; i < VS_SHARDS; i++)
        if (*mask & (1ull << i))
            pthread_mutex_unlock(&vs_shards[i].mu);
    *mask = 0;
}

static int by_row(const void *a, const void *b)
{
    const ver *p = *(ver *const *)a, *q = *(ver *const *)b;
    uintptr_t rp = (uintptr_t)p->row, rq = (uintptr_t)q->row;
    if (rp != rq)
        return rp < rq ? -1 : 1;
    return p->seq < q->seq ? -1 : p->seq > q->seq;
}

/* The whole stored value of a row (flag byte included); *val malloc'd. */
static JET_ERR tree_value(const vrow *r, uint8_t **val, size_t *len)
{
    uint8_t flag = 0;
    size_t total = 0;
    CALL(bt_get(r->t, r->key, r->klen, 0, &flag, 1, &total));
    if (total == 0 || (flag & VT_ROW_DELETED))
        return JET_errDatabaseCorrupted;   /* a pending delta's row is live */
    uint8_t *b = malloc(total);
    if (b == NULL)
        return JET_errOutOfMemory;
    size_t again = 0;
    JET_ERR err = bt_get(r->t, r->key, r->klen, 0, b, total, &again);
    if (err >= 0 && again != total)
        err = JET_errDatabaseCorrupted;
    if (err < 0) {
        free(b);
        return err;
    }
    *val = b;
    *len = total;
    return JET_errSuccess;
}

typedef struct applied_row {
    vrow *row;
    uint8_t *before;
    size_t len;
    bool logged;                 /* the replace left an undo record */
} applied_row;

/* A level-1 commit adds x's pending deltas to the tree values of their
 * rows, logged under x's storage transaction, before COMMIT.  The shards
 * of those rows stay locked (*held, see unlock_held) until COMMIT is
 * appended: no other change of the rows may reach the log in between, or
 * a crash keeping that change but not x's COMMIT would undo x's delta with
 * its before image and take the later change away with it.  Deltas a later
 * change of x covers are in the tree already.  On failure the tree is as
 * before, nothing is held and x is still in its transaction. */
static JET_ERR apply_deltas(vtx *x, uint64_t *held)
{
    *held = 0;
    size_t n = 0;
    for (size_t i = 0; i < x->nvers; i++)
        if (x->vers[i]->kind == V_DELTA && !x->vers[i]->applied)
            n++;
    if (n == 0)
        return JET_errSuccess;
    ver **d = malloc(n * sizeof *d);
    applied_row *done = calloc(n, sizeof *done);
    struct txn *st = NULL;
    JET_ERR err = d == NULL || done == NULL ? JET_errOutOfMemory : vtx_storage(x, &st);
    if (err < 0) {
        free(d);
        free(done);
        return err;
    }
    uint64_t txid = txn_id(st);
    size_t undo0 = txn_undo_count(st);
    uint64_t mask = 0;
    n = 0;
    for (size_t i = 0; i < x->nvers; i++) {
        ver *w = x->vers[i];
        if (w->kind == V_DELTA && !w->applied) {
            d[n++] = w;
            mask |= 1ull << w->shard;
        }
    }
    for (uint32_t i = 0; i < VS_SHARDS; i++)
        if (mask & (1ull << i))
            pthread_mutex_lock(&vs_shards[i].mu);
    *held = mask;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (d[i]->row != NULL && !vr_delta_covered(d[i]))
            d[m++] = d[i];
    qsort(d, m, sizeof *d, by_row);
    size_t ndone = 0;
    for (size_t i = 0; i < m && err >= 0;) {
        vrow *r = d[i]->row;
        size_t j = i;
        while (j < m && d[j]->row == r)
            j++;
        uint8_t *b = NULL, *before = NULL;
        size_t len = 0;
        err = tree_value(r, &b, &len);
        if (err >= 0) {
            before = malloc(len);
            if (before == NULL)
                err = JET_errOutOfMemory;
            else
                memcpy(before, b, len);
        }
        for (size_t k = i; k < j && err >= 0; k++) {
            if (d[k]->doff > len - 1 || len - 1 - d[k]->doff < d[k]->dwidth)
                err = JET_errDatabaseCorrupted;
            else
                vr_add_le(b + 1 + d[k]->doff, d[k]->dwidth, d[k]->delta);
        }
        bool logged = false;
        if (err >= 0) {
            size_t u = txn_undo_count(st);
            atomic_fetch_add(&bt_client(r->t)[VT_C_GEN], 1);
            err = bt_replace(r->t, txid, r->key, r->klen, b, len);
            logged = txn_undo_count(st) != u;
        }
        if (err >= 0) {
            done[ndone++] = (applied_row){ r, before, len, logged };
            before = NULL;
            for (size_t k = i; k < j; k++)
                d[k]->applied = true;
        }
        free(b);
        free(before);
        i = j;
    }
    if (err < 0) {
        /* Put back what was added, newest first: rows of unlogged trees
         * by hand, logged ones by compensation (CLRs, and their undo
         * records dropped), so that neither x's rollback nor a recovery
         * restores these images again later, over what other transactions
         * change in the rows once the shards are let go. */
        for (size_t k = ndone; k > 0; k--) {
            applied_row *a = &done[k - 1];
            atomic_fetch_add(&bt_client(a->row->t)[VT_C_GEN], 1);
            if (!a->logged)
                (void)bt_replace(a->row->t, txid, a->row->key, a->row->klen, a->before,
                                 a->len);
        }
        (void)txn_rollback_to(st, undo0, st_undo_lookup);
        for (size_t i = 0; i < m; i++)
            d[i]->applied = false;
        unlock_held(held);
    }
    for (size_t k = 0; k < ndone; k++)
        free(done[k].before);
    free(done);
    free(d);
    return err;
}

/* ---- begin / commit / rollback ----------------------------------------------- */

/* Raise the level, up to `most`. */
static JET_ERR begin_level(sess *s, JET_GRBIT grbit, uint32_t most)
{
    vtx *x;
    CALL(session_vtx(s, &x));
    bool ctx, ok;
    uint64_t who;
    owner_now(s, &ctx, &who, &ok);
    if (x->level > 0 && !owner_ok(x))
        return JET_errSessionSharingViolation;
    if (x->level >= most)
        return JET_errTransTooDeep;
    if (x->level == 0) {
        vts *ts = calloc(1, sizeof *ts);
        if (ts == NULL)
            return JET_errOutOfMemory;
        vs *v = x->v;
        x->ts = ts;
        x->read_only = (grbit & JET_bitTransactionReadOnly) != 0;
        x->own_ctx = ctx;
        x->owner = who;
        x->nvers = 0;
        x->t = NULL;
        pthread_mutex_lock(&v->tx_mu);
        x->snap = v->last_cts;
        x->aprev = NULL;
        x->anext = v->active;
        if (v->active)
            v->active->aprev = x;
        v->active = x;
        x->active = true;
        v->nactive++;
        pthread_mutex_unlock(&v->tx_mu);
    }
    x->level++;
    x->lv[x->level].nvers = x->nvers;
    x->lv[x->level].nundo = x->t != NULL ? txn_undo_count(x->t) : 0;
    return JET_errSuccess;
}

JET_ERR vtx_begin(sess *s, JET_GRBIT grbit)
{
    return begin_level(s, grbit, VT_LEVEL_MAX);
}

/* Pack a log position the way ESE's JET_COMMIT_ID carries it. */
static int64_t commit_id_of(uint64_t lsn)
{
    if (lsn == 0)
        return 0;
    JET_LGPOS pos;
    log_lsn_to_lgpos(lsn, &pos);
    return (int64_t)(((uint64_t)(uint32_t)pos.lGeneration << 32) |
                     ((uint64_t)pos.isec << 16) | pos.ib);
}

JET_ERR vtx_commit2(sess *s, JET_GRBIT grbit, uint32_t cmsec_durable, JET_COMMIT_ID *id)
{
    vtx *x = s->vtx;
    vs *v = s->owner != NULL ? s->owner->vs : NULL;
    struct log *log = v != NULL ? vs_log(v) : NULL;
    if (id != NULL) {
        memset(id, 0, sizeof *id);
        if (log != NULL)
            log_signature(log, &id->signLog);
    }
    /* ForceNewLog and the two "wait" forms flush and commit nothing, at
     * any level. */
    if (grbit & JET_bitForceNewLog) {
        if (log == NULL)
            return JET_errSuccess;
        CALL(log_roll(log));
        return log_flush(log, LOG_LSN_ALL);
    }
    if (grbit & JET_bitWaitAllLevel0Commit)
        return log != NULL ? log_flush(log, LOG_LSN_ALL) : JET_errSuccess;
    if (grbit & JET_bitWaitLastLevel0Commit) {
        if (log == NULL || x == NULL || x->last_commit_lsn == 0)
            return JET_errSuccess;
        return log_flush(log, x->last_commit_lsn);
    }
    if (x == NULL || x->level == 0)
        return JET_errNotInTransaction;
    grbit |= commit_default(s);
    if (cmsec_durable != 0 && !(grbit & JET_bitCommitLazyFlush))
        return JET_errInvalidParameter;   /* only a lazy commit has a durability delay */
    if (!owner_ok(x))
        return JET_errSessionSharingViolation;
    if (x->level > 1) {
        x->level--;          /* the level's changes now belong to its parent */
        return JET_errSuccess;
    }

    /* Level 1: durable first (unless lazy), then visible. */
    v = x->v;
    vcommit *e = NULL;
    if (x->nvers > 0) {
        e = calloc(1, sizeof *e);
        if (e == NULL)
            return JET_errOutOfMemory;   /* nothing happened: still in the transaction */
    }
    /* Escrow deltas into the tree (their rows' shards held until COMMIT
     * is appended). */
    uint64_t held = 0;
    JET_ERR err = apply_deltas(x, &held);
    if (err < 0) {
        free(e);
        return err;                      /* nothing happened: still in the transaction */
    }
    bool lazy = (grbit & JET_bitCommitLazyFlush) != 0;
    uint64_t lsn = 0;
    if (x->t != NULL) {
        /* The storage transaction is over whatever happens: a failed
         * flush leaves a COMMIT that may or may not survive a crash, and
         * the changes are in the pages, so they are made visible too. */
        err = txn_commit_ex(x->t, lazy, &lsn, unlock_held, &held);
        x->t = NULL;
        if (lsn != 0)
            x->last_commit_lsn = lsn;
    }
    unlock_held(&held);
    if (err >= 0 && lsn != 0 && cmsec_durable > 0)
        vs_flush_within(v, lsn, cmsec_durable);

    pthread_mutex_lock(&v->tx_mu);
    uint64_t cts = ++v->last_cts;
    atomic_store_explicit(&x->ts->cts, cts, memory_order_release);
    if (e != NULL) {
        e->ts = x->ts;
        e->cts = cts;
        e->vers = x->vers;
        e->n = x->nvers;
        if (v->q_tail)
            v->q_tail->next = e;
        else
            v->q_head = e;
        v->q_tail = e;
        v->npending++;
    }
    pthread_mutex_unlock(&v->tx_mu);
    if (e != NULL) {
        x->vers = NULL;
        x->capvers = 0;
    }
    finish(x, e == NULL);

    if (id != NULL)
        id->commitId = commit_id_of(lsn);
    vs_cleanup(v);
    return err;
}

JET_ERR vtx_commit(sess *s, JET_GRBIT grbit)
{
    return vtx_commit2(s, grbit, 0, NULL);
}

/* Roll back one level, or all of them. */
static JET_ERR rollback(vtx *x, JET_GRBIT grbit)
{
    JET_ERR err = JET_errSuccess;
    do
        KEEP(err, rollback_level(x));
    while ((grbit & JET_bitRollbackAll) && x->level > 0);
    return err;
}

JET_ERR vtx_rollback(sess *s, JET_GRBIT grbit)
{
    vtx *x = s->vtx;
    if (x == NULL || x->level == 0)
        return JET_errNotInTransaction;
    if (!owner_ok(x))
        return JET_errSessionSharingViolation;
    return rollback(x, grbit);
}

uint32_t vtx_level(sess *s)
{
    return s->vtx == NULL ? 0 : s->vtx->level;
}

vtx *vtx_current(sess *s)
{
    return s->vtx != NULL && s->vtx->level > 0 ? s->vtx : NULL;
}

JET_ERR vtx_txid(vtx *x, uint64_t *txid)
{
    if (x == NULL || x->level == 0)
        return JET_errNotInTransaction;
    if (x->read_only)
        return JET_errTransReadOnly;
    struct txn *t;
    CALL(vtx_storage(x, &t));
    *txid = txn_id(t);
    return JET_errSuccess;
}

JET_ERR vtx_defer(vtx *x, void (*fn)(void *ctx, bool committed), void *ctx)
{
    if (x == NULL || x->level == 0)
        return JET_errNotInTransaction;
    if (fn == NULL)
        return JET_errInvalidParameter;
    CALL(vtx_reserve(x));
    ver *w = calloc(1, sizeof *w);
    if (w == NULL)
        return JET_errOutOfMemory;
    w->kind = V_DEFER;
    w->ts = x->ts;
    w->fn = fn;
    w->ctx = ctx;
    vtx_push(x, w);
    atomic_fetch_add(&x->v->nversions, 1);
    return JET_errSuccess;
}

void vtx_session_end(sess *s)
{
    vtx *x = s->vtx;
    if (x == NULL)
        return;
    if (x->level > 0) {
        if (atomic_load(&x->v->dirty_term)) {
            /* Thrown away, as ESE does on a dirty termination: nothing is
             * logged; the next recovery undoes the storage transaction. */
            if (x->t != NULL)
                txn_forget(x->t);
            x->t = NULL;
            drop_versions(x, 0);
            finish(x, true);
        } else {
            (void)rollback(x, JET_bitRollbackAll);   /* whichever thread ends it */
        }
    }
    free(x->vers);
    free(x);
    s->vtx = NULL;
}

/* ---- implicit transactions ---------------------------------------------------- */

JET_ERR vtx_auto_begin(sess *s, vtx **x)
{
    /* The engine's own savepoints may go past the user's 7 levels. */
    CALL(begin_level(s, 0, VT_LEVEL_INTERNAL_MAX));
    *x = s->vtx;
    return JET_errSuccess;
}

JET_ERR vtx_auto_end(sess *s, vtx *x, JET_ERR err)
{
    if (x == NULL || s->vtx != x || x->level == 0)
        return err >= 0 ? JET_errNotInTransaction : err;
    if (err >= 0) {
        /* Durable unless JET_paramCommitDefault says lazy, as ESE's own
         * transactions for single operations. */
        JET_ERR c = vtx_commit(s, 0);
        return c < 0 ? c : err;
    }
    (void)vtx_rollback(s, 0);
    return err;
}
