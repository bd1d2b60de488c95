/*
 * recovery.c: redo and undo over the log (see recovery.h).
 */
#include "recovery/recovery.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "btree/btree.h"
#include "cache/cache.h"
#include "db/db.h"
#include "log/log.h"
#include "page/page.h"
#include "store/store.h"
#include "txn/txn.h"
#include "util/err.h"

#define REC_DBID_MAX 256

/* Log replayed between two background write-backs (rec_set_flush_interval). */
#define REC_FLUSH_EVERY_DEFAULT (64ull << 20)
static _Atomic uint64_t rec_flush_every = REC_FLUSH_EVERY_DEFAULT;
static _Atomic uint64_t rec_bg_count;   /* writers started, process-wide */

void rec_set_flush_interval(uint64_t bytes)
{
    atomic_store(&rec_flush_every, bytes != 0 ? bytes : REC_FLUSH_EVERY_DEFAULT);
}

uint64_t rec_background_flushes(void)
{
    return atomic_load(&rec_bg_count);
}

/* A database being replayed. */
typedef struct rdb {
    st_db *store;          /* NULL: not open (never attached, or detached) */
    uint64_t max_dbtime;
    uint32_t max_pgno;     /* highest page redo touched (the file must hold it) */
    bool missing;          /* its file is gone: skip its records */
} rdb;

/* One background write-back: the databases open when it started, the page
 * each file must reach, and the LSN of the last record redone then. */
typedef struct rec_bg {
    pthread_t th;
    bool running;          /* started and not joined (replay thread only) */
    atomic_bool done;      /* set by the writer as its last step */
    JET_ERR err;           /* the writer's first error (read after join) */
    uint64_t lsn;          /* pages first dirtied at or before it are written */
    size_t n;
    st_db *dbs[REC_DBID_MAX];
    uint32_t max_pgno[REC_DBID_MAX];
} rec_bg;

/* The records of one operation, kept until its LAST record arrives. */
typedef struct pending {
    uint16_t dbid;
    uint64_t opid;
    size_t n, cap;
    uint8_t **recs;
    size_t *lens;
    uint64_t *lsns;
} pending;

typedef struct rctx {
    struct log *log;
    const rec_ops *ops;
    rec_stats *st;
    rdb dbs[REC_DBID_MAX];
    pending *pend;
    size_t npend, cappend;
    txn **open;            /* transactions without COMMIT/ROLLBACK so far */
    size_t nopen, capopen;
    rec_bg bg;             /* background write-back of the pages redo dirtied */
    uint64_t since_bg;     /* bytes of records replayed since the last one began */
} rctx;

/*
 * Background write-back.  Redo only dirties pages in the cache; left alone,
 * all of them would be written by the final flush of each database, after
 * the last record, with the disk idle until then.  Every
 * rec_set_flush_interval bytes of log, a writer thread flushes the open
 * databases (cache_flush_below the next record: the pages redo dirtied so
 * far, in runs of adjacent pages, WAL obeyed — every replayed record is
 * already durable — then a sync) while redo goes on, as a checkpointer
 * would: the cache is made for concurrent flushes and changes.  Before a
 * file is flushed its size is raised once to the highest page those
 * records touched, instead of growing it extension by extension as the
 * pages are written.  A writer is joined before any database closes and
 * before undo; its error fails the replay.
 */

/* Grow the file of r's database to hold page max_pgno (one extension). */
static JET_ERR rec_extend(st_db *s, uint32_t max_pgno)
{
    pthread_mutex_lock(&s->d->mu);
    uint32_t last = s->d->pgno_file_last;
    pthread_mutex_unlock(&s->d->mu);
    return max_pgno > last ? db_extend(s->d, max_pgno - last) : JET_errSuccess;
}

static void *rec_bg_main(void *p)
{
    rec_bg *bg = p;
    JET_ERR err = JET_errSuccess;
    for (size_t i = 0; i < bg->n && err >= 0; i++) {
        err = rec_extend(bg->dbs[i], bg->max_pgno[i]);
        if (err >= 0)
            err = cache_flush_below(bg->dbs[i]->cf, bg->lsn + 1);
    }
    bg->err = err;
    atomic_store(&bg->done, true);
    return NULL;
}

/* Wait for the writer, if one runs; its error, if any. */
static JET_ERR rec_bg_join(rctx *rc)
{
    if (!rc->bg.running)
        return JET_errSuccess;
    pthread_join(rc->bg.th, NULL);
    rc->bg.running = false;
    return rc->bg.err;
}

/* After the record at lsn (len bytes) was redone: start a writer when one
 * is due and none is running (one that finished is joined first). */
static JET_ERR rec_bg_tick(rctx *rc, size_t len, uint64_t lsn)
{
    rc->since_bg += len;
    if (rc->since_bg < atomic_load_explicit(&rec_flush_every, memory_order_relaxed))
        return JET_errSuccess;
    if (rc->bg.running) {
        if (!atomic_load(&rc->bg.done))
            return JET_errSuccess;   /* still writing: try again later */
        CALL(rec_bg_join(rc));
    }
    rc->since_bg = 0;
    rc->bg.lsn = lsn;
    rc->bg.n = 0;
    for (int i = 0; i < REC_DBID_MAX; i++) {
        if (rc->dbs[i].store != NULL) {
            rc->bg.dbs[rc->bg.n] = rc->dbs[i].store;
            rc->bg.max_pgno[rc->bg.n++] = rc->dbs[i].max_pgno;
        }
    }
    if (rc->bg.n == 0)
        return JET_errSuccess;
    rc->bg.err = JET_errSuccess;
    atomic_store(&rc->bg.done, false);
    /* Without a thread, the final flushes simply do all the work. */
    rc->bg.running = pthread_create(&rc->bg.th, NULL, rec_bg_main, &rc->bg) == 0;
    if (rc->bg.running)
        atomic_fetch_add(&rec_bg_count, 1);
    return JET_errSuccess;
}

/* Data pages the database file holds now. */
static uint32_t file_pages(st_db *s)
{
    pthread_mutex_lock(&s->d->mu);
    uint32_t last = s->d->pgno_file_last;
    pthread_mutex_unlock(&s->d->mu);
    return last;
}

/* Whether a page is all zeros. */
static bool page_is_zero(const void *page, uint32_t cb)
{
    const uint64_t *w = page;
    for (size_t i = 0; i < cb / sizeof *w; i++)
        if (w[i] != 0)
            return false;
    return true;
}

/*
 * Get page pgno X-latched for redo: as it is cached or on disk, or zeros
 * when it was never written or lies past the end of the file.
 *
 * A page past the end of the file is not read (CACHE_NOREAD: a miss is
 * zero-filled).  That is exact as long as the file did not grow to hold it
 * meanwhile: a page is written only after the file was extended to hold it
 * (cb_write), and only from its cache frame, which the page table keeps
 * unique — so if the size still does not cover pgno after the get, no copy
 * of it was ever on disk.  If it does and the frame is zeros (a miss, most
 * likely), the frame is dropped and the page read as any other.
 */
static JET_ERR get_for_redo(st_db *s, uint32_t pgno, bf **out)
{
    if (pgno > file_pages(s)) {
        CALL(cache_get(s->cf, pgno, CACHE_X, CACHE_NOREAD, out));
        if (pgno <= file_pages(s) && page_is_zero(bf_page(*out), s->env.page_size))
            (void)cache_discard(*out);   /* released either way */
        else
            return JET_errSuccess;
    }
    JET_ERR err = cache_get(s->cf, pgno, CACHE_X, 0, out);
    if (err == JET_errPageNotInitialized || err == JET_errFileIOBeyondEOF)
        err = cache_get(s->cf, pgno, CACHE_X, CACHE_NEW, out);
    return err;
}

/* Apply one page record to its page (read it, or start from zeros when it
 * was never written or lies past the end of the file). */
static JET_ERR apply_page(rctx *rc, rdb *r, const bt_logrec *lr, const void *rec, size_t len,
                          uint64_t lsn)
{
    st_db *s = r->store;
    bf *b;
    /* The record was read from the log on disk: the change it redoes needs
     * no log flush before its page is written. */
    cache_log_durable(s->cf, lsn);
    if (lr->pgno > r->max_pgno)
        r->max_pgno = lr->pgno;
    CALL(get_for_redo(s, lr->pgno, &b));
    bool applied = false;
    JET_ERR err = bt_redo_page(bf_page(b), s->env.page_size, lr->pgno, rec, len, &applied);
    if (err >= 0 && applied) {
        bf_dirty(b, lsn);
        rc->st->applied++;
    } else if (err >= 0) {
        rc->st->skipped++;
    }
    cache_release(b);
    if (lr->dbtime_after > r->max_dbtime)
        r->max_dbtime = lr->dbtime_after;
    /* Undo (and everything after recovery) must stamp newer times. */
    st_raise_dbtime(s, lr->dbtime_after);
    CALL(err);
    /* Transactions: remember what to undo, forget what was compensated. */
    if (lr->txid != 0) {
        txn *t = txn_find(rc->log, lr->txid);
        if (t != NULL) {
            if (lr->flags & BT_LOGF_CLR) {
                if (lr->flags & BT_LOGF_LAST)
                    txn_drop_last_undo(t);
            } else if (lr->undo_len > 0) {
                CALL(txn_note_record(rc->log, s, rec, len, lsn));
            }
        }
    }
    return JET_errSuccess;
}

/* Find (or make) the pending operation (dbid, opid). */
static JET_ERR pending_of(rctx *rc, uint16_t dbid, uint64_t opid, pending **out)
{
    for (size_t i = 0; i < rc->npend; i++) {
        if (rc->pend[i].dbid == dbid && rc->pend[i].opid == opid) {
            *out = &rc->pend[i];
            return JET_errSuccess;
        }
    }
    if (rc->npend == rc->cappend) {
        size_t cap = rc->cappend ? rc->cappend * 2 : 8;
        pending *p = realloc(rc->pend, cap * sizeof *p);
        if (p == NULL)
            return JET_errOutOfMemory;
        rc->pend = p;
        rc->cappend = cap;
    }
    pending *p = &rc->pend[rc->npend++];
    memset(p, 0, sizeof *p);
    p->dbid = dbid;
    p->opid = opid;
    *out = p;
    return JET_errSuccess;
}

/* Keep a copy of one record of an unfinished operation. */
static JET_ERR pending_add(pending *p, const void *rec, size_t len, uint64_t lsn)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 4;
        uint8_t **r = realloc(p->recs, cap * sizeof *r);
        if (r == NULL)
            return JET_errOutOfMemory;
        p->recs = r;
        size_t *l = realloc(p->lens, cap * sizeof *l);
        if (l == NULL)
            return JET_errOutOfMemory;
        p->lens = l;
        uint64_t *s = realloc(p->lsns, cap * sizeof *s);
        if (s == NULL)
            return JET_errOutOfMemory;
        p->lsns = s;
        p->cap = cap;
    }
    uint8_t *copy = malloc(len);
    if (copy == NULL)
        return JET_errOutOfMemory;
    memcpy(copy, rec, len);
    p->recs[p->n] = copy;
    p->lens[p->n] = len;
    p->lsns[p->n] = lsn;
    p->n++;
    return JET_errSuccess;
}

/* Free a pending operation and remove it from the list. */
static void pending_drop(rctx *rc, pending *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->recs[i]);
    free(p->recs);
    free(p->lens);
    free(p->lsns);
    *p = rc->pend[--rc->npend];
}

/* A page record: apply it (single-record operation) or collect it until
 * its operation is complete. */
static JET_ERR redo_page_record(rctx *rc, const void *rec, size_t len, uint64_t lsn)
{
    bt_logrec lr;
    CALL(bt_logrec_decode(rec, len, 0, &lr));
    rc->st->page_records++;
    rdb *r = &rc->dbs[lr.dbid % REC_DBID_MAX];
    if (r->store == NULL)
        return JET_errSuccess;   /* database not attached here: nothing to do */
    if ((lr.flags & BT_LOGF_FIRST) && (lr.flags & BT_LOGF_LAST))
        return apply_page(rc, r, &lr, rec, len, lsn);
    pending *p;
    CALL(pending_of(rc, lr.dbid, lr.opid, &p));
    CALL(pending_add(p, rec, len, lsn));
    if (!(lr.flags & BT_LOGF_LAST))
        return JET_errSuccess;
    JET_ERR err = JET_errSuccess;
    for (size_t i = 0; i < p->n && err >= 0; i++) {
        bt_logrec one;
        err = bt_logrec_decode(p->recs[i], p->lens[i], 0, &one);
        if (err >= 0)
            err = apply_page(rc, r, &one, p->recs[i], p->lens[i], p->lsns[i]);
    }
    pending_drop(rc, p);
    return err;
}

/* CREATEDB / ATTACHDB: open the database for replay. */
static JET_ERR redo_attach(rctx *rc, const void *rec, size_t len)
{
    db_logrec_info info;
    CALL(db_logrec_parse(rec, len, &info));
    rdb *r = &rc->dbs[info.dbid % REC_DBID_MAX];
    if (r->store != NULL || r->missing)
        return JET_errSuccess;   /* already open (checkpoint's attach list) */
    void *store = NULL;
    JET_ERR err = rc->ops->open_db(rc->ops->ctx, info.path, info.dbid, 0, &store);
    if (err == JET_errFileNotFound || err == JET_errInvalidPath) {
        /* ESE replays only the databases it can find; the others are
         * reported when the application attaches them. */
        r->missing = true;
        return JET_errSuccess;
    }
    CALL(err);
    r->store = store;
    r->max_dbtime = 0;
    r->max_pgno = 0;
    return JET_errSuccess;
}

/* DETACHDB: the database left the stream cleanly; flush and close it. */
static JET_ERR redo_detach(rctx *rc, const void *rec, size_t len)
{
    db_logrec_info info;
    CALL(db_logrec_parse(rec, len, &info));
    rdb *r = &rc->dbs[info.dbid % REC_DBID_MAX];
    JET_ERR err = JET_errSuccess;
    if (r->store == NULL) {
        r->missing = false;
        return JET_errSuccess;
    }
    CALL(rec_bg_join(rc));   /* it may be writing this database */
    err = rec_extend(r->store, r->max_pgno);
    KEEP(err, rc->ops->close_db(rc->ops->ctx, r->store, r->max_dbtime, err >= 0));
    r->store = NULL;
    r->missing = false;
    return err;
}

/* One record of the redo pass. */
static JET_ERR redo_record(rctx *rc, const void *rec, size_t len, uint64_t lsn)
{
    const log_rec_hdr *h = rec;
    switch (h->type) {
    case LOG_REC_BEGIN: {
        if (rc->nopen == rc->capopen) {
            size_t cap = rc->capopen ? rc->capopen * 2 : 16;
            txn **o = realloc(rc->open, cap * sizeof *o);
            if (o == NULL)
                return JET_errOutOfMemory;
            rc->open = o;
            rc->capopen = cap;
        }
        return txn_adopt(rc->log, lsn, &rc->open[rc->nopen++]);
    }
    case LOG_REC_COMMIT:
    case LOG_REC_ROLLBACK:
        for (size_t i = 0; i < rc->nopen; i++) {
            if (txn_id(rc->open[i]) == h->txid) {
                txn_forget(rc->open[i]);
                rc->open[i] = rc->open[--rc->nopen];
                break;
            }
        }
        return JET_errSuccess;
    case LOG_REC_CREATEDB:
    case LOG_REC_ATTACHDB:
        return redo_attach(rc, rec, len);
    case LOG_REC_DETACHDB:
        return redo_detach(rc, rec, len);
    case LOG_REC_PAGE:
        return redo_page_record(rc, rec, len, lsn);
    default:
        return JET_errSuccess;   /* INIT, TERM, TRACE, NOP, BACKUP ... */
    }
}

/* Open the databases the checkpoint says were attached. */
static JET_ERR open_checkpoint_dbs(rctx *rc, const log_checkpoint *cp)
{
    for (uint32_t i = 0; i < cp->nattach && i < LOG_ATTACH_MAX; i++) {
        const log_attach *a = &cp->attach[i];
        rdb *r = &rc->dbs[a->dbid % REC_DBID_MAX];
        if (a->dbid == 0 || r->store != NULL)
            continue;
        void *store = NULL;
        JET_ERR err = rc->ops->open_db(rc->ops->ctx, a->path, a->dbid, 0, &store);
        if (err == JET_errFileNotFound || err == JET_errInvalidPath) {
            r->missing = true;
            continue;
        }
        CALL(err);
        r->store = store;
    }
    return JET_errSuccess;
}

JET_ERR rec_replay(struct log *log, const rec_source *src, const log_checkpoint *cp,
                   const rec_ops *ops, rec_stats *st)
{
    rctx *rc = calloc(1, sizeof *rc);
    if (rc == NULL)
        return JET_errOutOfMemory;
    rec_stats local;
    memset(&local, 0, sizeof local);
    rc->log = log;
    rc->ops = ops;
    rc->st = st ? st : &local;
    memset(rc->st, 0, sizeof *rc->st);

    JET_ERR err;
    if (cp != NULL)
        CHECK(open_checkpoint_dbs(rc, cp));
    for (;;) {
        const void *rec;
        size_t len;
        uint64_t lsn;
        CHECK(src->next(src->ctx, &rec, &len, &lsn));
        if (rec == NULL)
            break;
        rc->st->records++;
        rc->st->bytes += len;
        CHECK(redo_record(rc, rec, len, lsn));
        CHECK(rec_bg_tick(rc, len, lsn));
    }
    CHECK(rec_bg_join(rc));
    /* Operations whose LAST record never became durable did not happen. */
    rc->st->ops_dropped = rc->npend;
    while (rc->npend > 0)
        pending_drop(rc, &rc->pend[0]);

    /* Undo: roll back what never committed, newest transaction first is
     * not required — their changes touch disjoint records (write conflicts
     * prevent anything else). */
    while (rc->nopen > 0) {
        txn *t = rc->open[--rc->nopen];
        rc->st->txns_undone++;
        CHECK(txn_rollback(t, st_undo_lookup));
    }
    CHECK(log_flush(log, LOG_LSN_ALL));
    err = JET_errSuccess;
done:
    KEEP(err, rec_bg_join(rc));   /* before any database closes */
    while (rc->npend > 0)
        pending_drop(rc, &rc->pend[0]);
    free(rc->pend);
    /* Transactions still registered (an error stopped us) are forgotten:
     * the next recovery finds them in the log again. */
    while (rc->nopen > 0)
        txn_forget(rc->open[--rc->nopen]);
    txn_forget_failed(log);   /* an undo that failed: also the next recovery's */
    free(rc->open);
    for (int i = 0; i < REC_DBID_MAX; i++) {
        rdb *r = &rc->dbs[i];
        if (r->store == NULL)
            continue;
        /* The final flush writes into a file already big enough. */
        if (err >= 0)
            KEEP(err, rec_extend(r->store, r->max_pgno));
        KEEP(err, ops->close_db(ops->ctx, r->store, r->max_dbtime, err >= 0));
    }
    free(rc);
    return err;
}

/* Soft recovery's record source: one folder, its reader opened on the first
 * call (after the checkpoint's databases, as before the split). */
typedef struct soft_src {
    const char *path, *base;
    unsigned legacy;
    uint64_t start;
    log_reader *rd;
} soft_src;

/* Next record of the folder's stream. */
static JET_ERR soft_next(void *ctx, const void **rec, size_t *len, uint64_t *lsn)
{
    soft_src *s = ctx;
    if (s->rd == NULL)
        CALL(log_reader_open(s->path, s->base, s->legacy, s->start, &s->rd));
    return log_reader_next(s->rd, rec, len, lsn);
}

JET_ERR rec_soft_recover(struct log *log, const char *log_path, const char *base,
                         unsigned legacy, uint64_t start, const log_checkpoint *cp,
                         const rec_ops *ops, rec_stats *st)
{
    soft_src s = { log_path, base, legacy, start, NULL };
    rec_source src = { &s, soft_next };
    JET_ERR err = rec_replay(log, &src, cp, ops, st);
    log_reader_close(s.rd);
    return err;
}
