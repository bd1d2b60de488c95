/*
 * ver.c: the version store of an instance — commit timestamps and the
 * list of open transactions, the JET_paramMaxVerPages budget, version
 * cleanup (and the physical removal of flagged rows), the hooks for
 * database detach and dropped trees, and the background flush behind
 * JetCommitTransaction2's cmsecDurableCommit.  See ver_int.h.
 */
#include "txn/ver.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "inst/inst.h"
#include "inst/param.h"
#include "log/log.h"
#include "os/os.h"
#include "store/store.h"
#include "txn/ver_int.h"
#include "util/err.h"

/* ---- budget ---------------------------------------------------------------- */

bool vs_charge(vs *v, size_t bytes)
{
    if (bytes == 0)
        return true;
    uint64_t cur = atomic_load(&v->used);
    do {
        if (cur + bytes > v->max_bytes)
            return false;
    } while (!atomic_compare_exchange_weak(&v->used, &cur, cur + bytes));
    return true;
}

void vs_release(vs *v, size_t bytes)
{
    if (bytes != 0)
        atomic_fetch_sub(&v->used, bytes);
}

void vs_ver_free(vs *v, ver *w)
{
    vs_release(v, w->charge);
    free(w->before);
    free(w);
    atomic_fetch_sub(&v->nversions, 1);
}

struct log *vs_log(vs *v)
{
    return v->in != NULL ? v->in->log : NULL;
}

uint64_t vs_floor_locked(vs *v)
{
    uint64_t floor = v->last_cts;
    for (vtx *x = v->active; x != NULL; x = x->anext)
        if (x->snap < floor)
            floor = x->snap;
    return floor;
}

void vs_zombie(vs *v, vts *ts, ver **vers, size_t n)
{
    vcommit *e = calloc(1, sizeof *e);
    pthread_mutex_lock(&v->tx_mu);
    if (e != NULL) {
        e->ts = ts;
        e->vers = vers;
        e->n = n;
        e->next = v->zombies;
        v->zombies = e;
    }
    pthread_mutex_unlock(&v->tx_mu);
    if (e == NULL) {
        /* Cannot even remember them: unlink them (readers then see the
         * tree as it is, the best that is left). */
        for (size_t i = 0; i < n; i++) {
            ver *w = vers[i];
            if (w->kind != V_DEFER) {
                vshard *sh = &vs_shards[w->shard];
                pthread_mutex_lock(&sh->mu);
                vr_unlink(v, sh, w);
                pthread_mutex_unlock(&sh->mu);
            }
            vs_ver_free(v, w);
        }
        free(vers);
        free(ts);
    }
}

/* ---- create / destroy ---------------------------------------------------------- */

static void install_hooks(void);

JET_ERR vs_create(struct inst *in, uint64_t max_ver_pages, vs **out)
{
    static pthread_once_t hooks = PTHREAD_ONCE_INIT;
    pthread_once(&hooks, install_hooks);
    vs *v = calloc(1, sizeof *v);
    if (v == NULL)
        return JET_errOutOfMemory;
    uint64_t page = in != NULL ? (uint64_t)par_num(in, JET_paramVerPageSize) : VS_PAGE_SIZE;
    if (page == 0)
        page = VS_PAGE_SIZE;
    v->in = in;
    v->max_bytes = max_ver_pages > UINT64_MAX / page ? UINT64_MAX : max_ver_pages * page;
    pthread_mutex_init(&v->tx_mu, NULL);
    pthread_mutex_init(&v->clean_mu, NULL);
    pthread_mutex_init(&v->fl_mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&v->fl_cond, &ca);
    pthread_condattr_destroy(&ca);
    *out = v;
    return JET_errSuccess;
}

/* Free a list of vcommits; their deferred work runs (committed = they are
 * permanent) unless it was told already. */
static void free_commits(vs *v, vcommit *e, bool run_deferred)
{
    while (e != NULL) {
        vcommit *next = e->next;
        for (size_t i = 0; i < e->n; i++) {
            ver *w = e->vers[i];
            if (w->kind == V_DEFER && w->fn != NULL && run_deferred)
                w->fn(w->ctx, true);
            vs_ver_free(v, w);
        }
        free(e->vers);
        free(e->ts);
        free(e);
        e = next;
    }
}

static void flusher_stop(vs *v);

void vs_destroy(vs *v)
{
    if (v == NULL)
        return;
    flusher_stop(v);
    /* Take every row of this store out of the process-wide table; the
     * versions themselves are freed with their owners below. */
    for (uint32_t i = 0; i < VS_SHARDS; i++) {
        vshard *sh = &vs_shards[i];
        pthread_mutex_lock(&sh->mu);
        for (size_t b = 0; b < sh->nbuckets; b++) {
            vrow **pp = &sh->buckets[b];
            while (*pp != NULL) {
                vrow *r = *pp;
                if (r->v != v) {
                    pp = &r->hnext;
                    continue;
                }
                *pp = r->hnext;
                sh->nrows--;
                for (ver *w = r->head; w != NULL; w = w->older)
                    w->row = NULL;
                vs_release(v, r->charge);
                free(r);
            }
        }
        pthread_mutex_unlock(&sh->mu);
    }
    free_commits(v, v->q_head, true);
    free_commits(v, v->zombies, false);
    pthread_cond_destroy(&v->fl_cond);
    pthread_mutex_destroy(&v->fl_mu);
    pthread_mutex_destroy(&v->clean_mu);
    pthread_mutex_destroy(&v->tx_mu);
    free(v);
}

/* ---- cleanup ---------------------------------------------------------------------- */

/* Unlink the versions of a commit every snapshot sees.  They sit at the
 * tails of their chains (older commits were cleaned first); a row left
 * without versions whose tree value is flagged is deleted for good (txid
 * 0: a logged change of no transaction, redone by recovery, never undone).
 * Returns e reduced to its deferred work (NULL when there is none): that
 * runs once no version-store lock is held. */
static vcommit *clean_commit(vs *v, vcommit *e)
{
    size_t keep = 0;
    for (size_t i = 0; i < e->n; i++) {
        ver *w = e->vers[i];
        if (w->kind == V_DEFER) {
            e->vers[keep++] = w;
            continue;
        }
        vshard *sh = &vs_shards[w->shard];
        pthread_mutex_lock(&sh->mu);
        vrow *r = w->row;
        /* Only a deletion (or a rollback) can leave the value flagged. */
        if (r != NULL && r->head == w && w->older == NULL && r->may_flag) {
            uint8_t flag = 0;
            size_t total = 0;
            if (bt_get(r->t, r->key, r->klen, 0, &flag, 1, &total) >= 0 && total > 0 &&
                (flag & VT_ROW_DELETED)) {
                if (bt_delete(r->t, 0, r->key, r->klen) >= 0)
                    atomic_fetch_add(&v->rows_removed, 1);
                /* A failed delete leaves the row flagged and invisible;
                 * an insert may overwrite it later. */
            }
        }
        vr_unlink(v, sh, w);
        pthread_mutex_unlock(&sh->mu);
        vs_ver_free(v, w);
    }
    free(e->ts);       /* no version refers to it any more */
    e->ts = NULL;
    e->n = keep;
    if (keep == 0) {
        free(e->vers);
        free(e);
        return NULL;
    }
    return e;
}

/* One cleaning pass; caller holds clean_mu.  Deferred work is chained on
 * *later. */
static void clean_run(vs *v, vcommit **later)
{
    for (;;) {
        pthread_mutex_lock(&v->tx_mu);
        uint64_t floor = vs_floor_locked(v);
        vcommit *e = v->q_head;
        if (e != NULL && e->cts <= floor) {
            v->q_head = e->next;
            if (v->q_head == NULL)
                v->q_tail = NULL;
            v->npending--;
        } else {
            e = NULL;
        }
        pthread_mutex_unlock(&v->tx_mu);
        if (e == NULL)
            return;
        e->next = NULL;
        e = clean_commit(v, e);
        if (e != NULL) {
            e->next = *later;
            *later = e;
        }
    }
}

/* Run deferred work (no lock held). */
static void run_later(vs *v, vcommit *e)
{
    free_commits(v, e, true);
}

void vs_cleanup(vs *v)
{
    if (v == NULL)
        return;
    vcommit *later = NULL;
    for (;;) {
        if (pthread_mutex_trylock(&v->clean_mu) != 0) {
            /* A cleaner is at work: ask it to go round once more. */
            atomic_store(&v->clean_again, true);
            if (pthread_mutex_trylock(&v->clean_mu) != 0)
                break;
        }
        atomic_store(&v->clean_again, false);
        clean_run(v, &later);
        pthread_mutex_unlock(&v->clean_mu);
        if (!atomic_load(&v->clean_again))
            break;
    }
    run_later(v, later);
}

void vs_cleanup_wait(vs *v)
{
    vcommit *later = NULL;
    pthread_mutex_lock(&v->clean_mu);
    clean_run(v, &later);
    pthread_mutex_unlock(&v->clean_mu);
    run_later(v, later);
}

/* ---- queries ------------------------------------------------------------------------ */

uint32_t vs_active_count(vs *v)
{
    if (v == NULL)
        return 0;
    pthread_mutex_lock(&v->tx_mu);
    uint32_t n = v->nactive;
    pthread_mutex_unlock(&v->tx_mu);
    return n;
}

void vs_set_dirty_term(vs *v)
{
    if (v != NULL)
        atomic_store(&v->dirty_term, true);
}

void vs_get_stats(vs *v, vs_stats *st)
{
    memset(st, 0, sizeof *st);
    st->bytes_used = atomic_load(&v->used);
    st->bytes_max = v->max_bytes;
    st->versions = atomic_load(&v->nversions);
    st->rows_removed = atomic_load(&v->rows_removed);
    pthread_mutex_lock(&v->tx_mu);
    st->active = v->nactive;
    st->commits_pending = v->npending;
    pthread_mutex_unlock(&v->tx_mu);
    for (uint32_t i = 0; i < VS_SHARDS; i++) {
        vshard *sh = &vs_shards[i];
        pthread_mutex_lock(&sh->mu);
        for (size_t b = 0; b < sh->nbuckets; b++)
            for (vrow *r = sh->buckets[b]; r != NULL; r = r->hnext)
                if (r->v == v)
                    st->rows++;
        pthread_mutex_unlock(&sh->mu);
    }
}

/* ---- trees going away ------------------------------------------------------------ */

static bool tree_in(bt_tree *const *set, size_t n, const bt_tree *t)
{
    for (size_t i = 0; i < n; i++)
        if (set[i] == t)
            return true;
    return false;
}

/* Take the rows of the trees in set (of store v; any store when v is
 * NULL) out of shard sh (locked): with purge, flagged rows are deleted
 * from their trees first.  The rows' versions stay with their owners,
 * unlinked. */
static void forget_rows(vs *v, vshard *sh, bt_tree *const *set, size_t n, bool purge)
{
    for (size_t b = 0; b < sh->nbuckets; b++) {
        vrow **pp = &sh->buckets[b];
        while (*pp != NULL) {
            vrow *r = *pp;
            if ((v != NULL && r->v != v) || !tree_in(set, n, r->t)) {
                pp = &r->hnext;
                continue;
            }
            if (purge) {
                uint8_t flag = 0;
                size_t total = 0;
                if (bt_get(r->t, r->key, r->klen, 0, &flag, 1, &total) >= 0 && total > 0 &&
                    (flag & VT_ROW_DELETED) && bt_delete(r->t, 0, r->key, r->klen) >= 0)
                    atomic_fetch_add(&r->v->rows_removed, 1);
            }
            *pp = r->hnext;
            sh->nrows--;
            atomic_fetch_sub(&bt_client(r->t)[VT_C_ROWS], 1);   /* the tree is still open */
            for (ver *w = r->head; w != NULL;) {
                ver *older = w->older;
                w->row = NULL;
                w->older = NULL;
                w = older;
            }
            vs_release(r->v, r->charge);
            free(r);
        }
    }
}

/* st_tree_drop's hook: the tree handle is about to be freed. */
static void tree_gone(bt_tree *t)
{
    for (uint32_t i = 0; i < VS_SHARDS; i++) {
        vshard *sh = &vs_shards[i];
        pthread_mutex_lock(&sh->mu);
        forget_rows(NULL, sh, &t, 1, false);
        pthread_mutex_unlock(&sh->mu);
    }
}

static void install_hooks(void)
{
    st_tree_drop_hook = tree_gone;
}

/* Whether shard sh (locked) holds an uncommitted version of a tree in set. */
static bool uncommitted_in(vs *v, vshard *sh, bt_tree *const *set, size_t n)
{
    for (size_t b = 0; b < sh->nbuckets; b++)
        for (vrow *r = sh->buckets[b]; r != NULL; r = r->hnext)
            if (r->v == v && tree_in(set, n, r->t))
                for (ver *w = r->head; w != NULL; w = w->older)
                    if (atomic_load(&w->ts->cts) == 0)
                        return true;
    return false;
}

JET_ERR vs_db_detach(vs *v, struct st_db *store)
{
    if (v == NULL || store == NULL)
        return JET_errSuccess;
    pthread_mutex_lock(&store->trees_mu);
    size_t n = store->ntrees + 1;
    bt_tree **set = malloc(n * sizeof *set);
    if (set != NULL) {
        for (size_t i = 0; i < store->ntrees; i++)
            set[i] = store->trees[i].tree;
        set[n - 1] = store->dir;
    }
    pthread_mutex_unlock(&store->trees_mu);
    if (set == NULL)
        return JET_errOutOfMemory;

    /* Nobody has the database open any more (src/db checks), so no new
     * version can appear in it between the two passes. */
    JET_ERR err = JET_errSuccess;
    for (uint32_t i = 0; i < VS_SHARDS && err >= 0; i++) {
        vshard *sh = &vs_shards[i];
        pthread_mutex_lock(&sh->mu);
        if (uncommitted_in(v, sh, set, n))
            err = JET_errDatabaseInUse;
        pthread_mutex_unlock(&sh->mu);
    }
    for (uint32_t i = 0; i < VS_SHARDS && err >= 0; i++) {
        vshard *sh = &vs_shards[i];
        pthread_mutex_lock(&sh->mu);
        forget_rows(v, sh, set, n, true);
        pthread_mutex_unlock(&sh->mu);
    }
    free(set);
    return err;
}

void vs_tree_forget(vs *v, bt_tree *t)
{
    (void)v;   /* a tree's rows belong to its instance's store anyway */
    if (t != NULL)
        tree_gone(t);
}

/* ---- durable within N milliseconds --------------------------------------------- */

static void *flusher_main(void *arg)
{
    vs *v = arg;
    pthread_mutex_lock(&v->fl_mu);
    while (!v->fl_stop) {
        if (v->fl_deadline_ns == 0) {
            pthread_cond_wait(&v->fl_cond, &v->fl_mu);
            continue;
        }
        uint64_t now = os_time_mono_ns();
        if (now < v->fl_deadline_ns) {
            struct timespec ts = { (time_t)(v->fl_deadline_ns / 1000000000u),
                                   (long)(v->fl_deadline_ns % 1000000000u) };
            pthread_cond_timedwait(&v->fl_cond, &v->fl_mu, &ts);
            continue;
        }
        uint64_t upto = v->fl_upto;
        v->fl_deadline_ns = 0;
        pthread_mutex_unlock(&v->fl_mu);
        struct log *log = vs_log(v);
        if (log != NULL)
            (void)log_flush(log, upto);   /* a failure is the next commit's to report */
        pthread_mutex_lock(&v->fl_mu);
    }
    pthread_mutex_unlock(&v->fl_mu);
    return NULL;
}

void vs_flush_within(vs *v, uint64_t lsn, uint32_t ms)
{
    uint64_t deadline = os_time_mono_ns() + (uint64_t)ms * 1000000u;
    pthread_mutex_lock(&v->fl_mu);
    if (!v->fl_running && !v->fl_stop)
        v->fl_running = pthread_create(&v->fl_thread, NULL, flusher_main, v) == 0;
    if (!v->fl_running) {
        pthread_mutex_unlock(&v->fl_mu);
        struct log *log = vs_log(v);
        if (log != NULL)
            (void)log_flush(log, lsn);   /* no thread: durable now is within the bound */
        return;
    }
    if (v->fl_deadline_ns == 0 || deadline < v->fl_deadline_ns)
        v->fl_deadline_ns = deadline;
    if (lsn > v->fl_upto)
        v->fl_upto = lsn;
    pthread_cond_signal(&v->fl_cond);
    pthread_mutex_unlock(&v->fl_mu);
}

static void flusher_stop(vs *v)
{
    pthread_mutex_lock(&v->fl_mu);
    bool running = v->fl_running;
    v->fl_stop = true;
    pthread_cond_signal(&v->fl_cond);
    pthread_mutex_unlock(&v->fl_mu);
    if (running)
        pthread_join(v->fl_thread, NULL);
}
