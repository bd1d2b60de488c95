/*
 * store.c: binding a database file to the cache, the log and its trees —
 * cache callbacks, the bt_env of the database, the directory of trees.
 */
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "log/log.h"
#include "page/page.h"
#include "txn/txn.h"
#include "util/err.h"

/* ---- cache callbacks ------------------------------------------------- */

/* Read and verify a page.  A page beyond the file or never written is
 * reported as such; recovery treats both as "older than any record". */
static JET_ERR cb_read(void *ctx, uint32_t pgno, void *buf)
{
    st_db *s = ctx;
    return db_read_page(s->d, pgno, buf);
}

/* Write a page the cache sealed; grow the file first when redo or an
 * allocation reached past its end. */
static JET_ERR cb_write(void *ctx, uint32_t pgno, const void *buf)
{
    st_db *s = ctx;
    pthread_mutex_lock(&s->d->mu);
    uint32_t last = s->d->pgno_file_last;
    pthread_mutex_unlock(&s->d->mu);
    if (pgno > last)
        CALL(db_extend(s->d, pgno - last));
    /* db_write_page seals in place; the cache hands us its private copy. */
    JET_ERR err = db_write_page(s->d, pgno, (void *)buf);
    if (err < 0 && err != JET_errInvalidParameter && err != JET_errDatabaseFileReadOnly) {
        /* A failed write may have stored part of the page (a torn page):
         * redo cannot start from one, so a crash before the cache's next
         * attempt would make recovery fail with JET_errReadVerifyFailure.
         * Try again at once, so that a transient error leaves the page
         * whole; a persistent one is reported and the page stays dirty. */
        err = db_write_page(s->d, pgno, (void *)buf);
    }
    if (err >= 0)
        atomic_fetch_add(&s->unsynced, 1);
    return err;
}

/* Write a run of adjacent pages the cache sealed (one I/O); grow the file
 * first when the run reaches past its end.  Retried once like cb_write. */
static JET_ERR cb_write_pages(void *ctx, uint32_t pgno, uint32_t n, const void *buf)
{
    st_db *s = ctx;
    if (n == 0 || pgno > UINT32_MAX - (n - 1))
        return JET_errInvalidParameter;
    uint32_t end = pgno + (n - 1);
    pthread_mutex_lock(&s->d->mu);
    uint32_t last = s->d->pgno_file_last;
    pthread_mutex_unlock(&s->d->mu);
    if (end > last)
        CALL(db_extend(s->d, end - last));
    JET_ERR err = db_write_pages(s->d, pgno, n, buf);
    if (err < 0 && err != JET_errInvalidParameter && err != JET_errDatabaseFileReadOnly)
        err = db_write_pages(s->d, pgno, n, buf);
    if (err >= 0)
        atomic_fetch_add(&s->unsynced, n);
    return err;
}

static JET_ERR cb_flush_log(void *ctx, cache_lsn lsn)
{
    st_db *s = ctx;
    return s->log ? log_flush(s->log, lsn) : JET_errSuccess;
}

void st_db_sync_failed(st_db *s, JET_ERR err)
{
    int32_t none = 0;
    if (s != NULL && err < 0 && atomic_load(&s->unsynced) > 0)
        (void)atomic_compare_exchange_strong(&s->sync_err, &none, err);
}

static JET_ERR cb_sync(void *ctx)
{
    st_db *s = ctx;
    JET_ERR err = atomic_load(&s->sync_err);
    if (err < 0)
        return err;   /* see st_db_sync_failed: a failed sync is final */
    uint64_t written = atomic_load(&s->unsynced);
    err = db_flush(s->d);
    if (err >= 0)
        atomic_fetch_sub(&s->unsynced, written);
    else
        st_db_sync_failed(s, err);
    return err;
}

static const cache_file_ops st_cache_ops = {
    .read_page = cb_read,
    .write_page = cb_write,
    .flush_log = cb_flush_log,
    .sync = cb_sync,
};

/* ---- bt_env callbacks -------------------------------------------------- */

static JET_ERR env_alloc(void *ctx, uint32_t *pgno)
{
    return st_alloc_page(ctx, pgno);
}

static JET_ERR env_free(void *ctx, uint32_t pgno)
{
    return st_free_page(ctx, pgno);
}

static uint64_t env_dbtime(void *ctx)
{
    st_db *s = ctx;
    return db_next_dbtime(s->d);
}

/* The first record of a multi-record operation (the one carrying the undo),
 * held back from the transaction until the operation's LAST record is in
 * the log.  An operation logs its records from one thread, one after the
 * other, so one slot per thread is enough. */
static _Thread_local struct {
    uint8_t *rec;
    size_t len;
    uint64_t lsn;
    st_db *s;
} env_first;

static void env_first_drop(void)
{
    free(env_first.rec);
    env_first.rec = NULL;
    env_first.s = NULL;
}

/* Append a page record; the transaction it belongs to keeps its undo once
 * the whole operation is logged.  If a later record of the operation is
 * refused, the operation is aborted (its pages go back to their before
 * images, recovery drops records without LAST), so its undo must not stay
 * with the transaction: a rollback would compensate a change that never
 * happened.
 *
 * Once the log runs on a reserved log (disk full) only new work is
 * refused, i.e. a record that carries an undo payload: a change some
 * rollback would have to undo.  Everything else finishes or cleans up work
 * already under way and goes through log_append_finish: a compensation
 * (BT_LOGF_CLR), the later records of an operation whose first record is
 * in, the long-value pages a compensation writes or releases. */
static JET_ERR env_log(void *ctx, const void *rec, size_t len, uint64_t *lsn)
{
    st_db *s = ctx;
    const log_rec_hdr *h = rec;
    bt_logrec lr;
    CALL(bt_logrec_decode(rec, len, 0, &lr));
    uint8_t fl = h->flags;
    if (fl & BT_LOGF_FIRST)
        env_first_drop();   /* what an aborted operation left */
    bool finish = (fl & BT_LOGF_CLR) || lr.undo_len == 0;
    JET_ERR err = finish ? log_append_finish(s->log, rec, len, lsn)
                         : log_append(s->log, rec, len, lsn);
    if (err < 0) {
        env_first_drop();
        return err;
    }
    if ((fl & BT_LOGF_FIRST) && !(fl & BT_LOGF_LAST)) {
        /* Nothing to undo (compensations never are): nothing to hold back. */
        if (h->txid == 0 || (fl & BT_LOGF_CLR) || lr.undo_len == 0)
            return JET_errSuccess;
        env_first.rec = malloc(len);
        if (env_first.rec == NULL)
            return JET_errOutOfMemory;
        memcpy(env_first.rec, rec, len);
        env_first.len = len;
        env_first.lsn = *lsn;
        env_first.s = s;
        return JET_errSuccess;
    }
    if (!(fl & BT_LOGF_FIRST) && (fl & BT_LOGF_LAST)) {
        if (env_first.rec == NULL || env_first.s != s)
            return JET_errSuccess;
        err = txn_note_record(s->log, s, env_first.rec, env_first.len, env_first.lsn);
        env_first_drop();
        return err;
    }
    if (!(fl & BT_LOGF_FIRST))
        return JET_errSuccess;   /* a middle record: its undo, if any, is the first's */
    return txn_note_record(s->log, s, rec, len, *lsn);
}

/* ---- open / close ------------------------------------------------------ */

/* Directory keys are big-endian object ids so they sort numerically. */
static void dir_key(uint32_t objid, uint8_t key[4])
{
    key[0] = (uint8_t)(objid >> 24);
    key[1] = (uint8_t)(objid >> 16);
    key[2] = (uint8_t)(objid >> 8);
    key[3] = (uint8_t)objid;
}

/* The checkpoint's exclusion window (see bt_env.op_enter). */
static void env_op_enter(void *ctx)
{
    st_db *s = ctx;
    pthread_rwlock_rdlock(s->op_lock);
}

static void env_op_leave(void *ctx)
{
    st_db *s = ctx;
    pthread_rwlock_unlock(s->op_lock);
}

JET_ERR st_db_open(struct db *d, struct log *log, pthread_rwlock_t *op_lock, uint16_t dbid,
                   bool create, st_db **out)
{
    st_db *s = calloc(1, sizeof *s);
    if (s == NULL)
        return JET_errOutOfMemory;
    s->d = d;
    s->log = log;
    s->op_lock = op_lock;
    s->dbid = dbid;
    pthread_mutex_init(&s->space_mu, NULL);
    pthread_mutex_init(&s->trees_mu, NULL);
    JET_ERR err = cache_file_open(&st_cache_ops, s, d->page_size, &s->cf);
    if (err < 0) {
        pthread_mutex_destroy(&s->space_mu);
        pthread_mutex_destroy(&s->trees_mu);
        free(s);
        return err;
    }
    cache_file_set_write_pages(s->cf, cb_write_pages);
    s->env = (bt_env){
        .cf = s->cf,
        .page_size = d->page_size,
        .dbid = dbid,
        .ctx = s,
        .alloc_page = env_alloc,
        .free_page = env_free,
        .next_dbtime = env_dbtime,
        .log_record = log ? env_log : NULL,
        .op_enter = op_lock ? env_op_enter : NULL,
        .op_leave = op_lock ? env_op_leave : NULL,
    };
    if (create) {
        uint32_t root;
        CHECK(bt_create(&s->env, ST_DIR_OBJID, 0, &root));
        if (root != ST_DIR_ROOT) {
            err = JET_errDatabaseCorrupted;   /* a new file must start empty */
            goto done;
        }
    }
    CHECK(bt_open(&s->env, ST_DIR_ROOT, ST_DIR_OBJID, &s->dir));
    *out = s;
    return JET_errSuccess;
done:
    cache_file_close(s->cf);
    pthread_mutex_destroy(&s->space_mu);
    pthread_mutex_destroy(&s->trees_mu);
    free(s);
    return err;
}

JET_ERR st_db_flush(st_db *s)
{
    return cache_flush_file(s->cf);
}

JET_ERR st_db_close(st_db *s, bool flush)
{
    JET_ERR err = JET_errSuccess;
    if (flush)
        err = cache_flush_file(s->cf);
    if (s->ext != NULL && s->ext_free != NULL)
        s->ext_free(s->ext);
    for (size_t i = 0; i < s->ntrees; i++)
        bt_close(s->trees[i].tree);
    if (s->dir)
        bt_close(s->dir);
    cache_file_close(s->cf);
    pthread_mutex_destroy(&s->space_mu);
    pthread_mutex_destroy(&s->trees_mu);
    free(s->trees);
    free(s);
    return err;
}

/* ---- trees ----------------------------------------------------------- */

/* Remember an open tree handle; caller holds trees_mu. */
static JET_ERR remember_locked(st_db *s, uint32_t objid, bt_tree *t)
{
    if (s->ntrees == s->captrees) {
        size_t cap = s->captrees ? s->captrees * 2 : 8;
        st_tree_ref *r = realloc(s->trees, cap * sizeof *r);
        if (r == NULL)
            return JET_errOutOfMemory;
        s->trees = r;
        s->captrees = cap;
    }
    s->trees[s->ntrees++] = (st_tree_ref){ objid, t };
    return JET_errSuccess;
}

JET_ERR st_tree_open(st_db *s, uint32_t objid, bt_tree **out)
{
    if (objid == ST_DIR_OBJID) {
        *out = s->dir;
        return JET_errSuccess;
    }
    pthread_mutex_lock(&s->trees_mu);
    JET_ERR err = JET_errSuccess;
    for (size_t i = 0; i < s->ntrees; i++) {
        if (s->trees[i].objid == objid) {
            *out = s->trees[i].tree;
            goto done;
        }
    }
    uint8_t key[4], val[4];
    size_t actual = 0;
    dir_key(objid, key);
    err = bt_get(s->dir, key, sizeof key, 0, val, sizeof val, &actual);
    if (err == JET_errRecordNotFound)
        err = JET_errObjectNotFound;
    if (err < 0)
        goto done;
    if (actual != sizeof val) {
        err = JET_errDatabaseCorrupted;
        goto done;
    }
    uint32_t root;
    memcpy(&root, val, sizeof root);
    bt_tree *t;
    CHECK(bt_open(&s->env, root, objid, &t));
    err = remember_locked(s, objid, t);
    if (err < 0)
        bt_close(t);
    else
        *out = t;
done:
    pthread_mutex_unlock(&s->trees_mu);
    return err;
}

/* Format a root for objid and enter it in the directory; trees_mu held. */
static JET_ERR create_locked(st_db *s, uint64_t txid, uint32_t objid)
{
    uint8_t key[4];
    dir_key(objid, key);
    size_t actual = 0;
    JET_ERR err = bt_get(s->dir, key, sizeof key, 0, NULL, 0, &actual);
    if (err >= 0)
        return JET_errKeyDuplicate;
    if (err != JET_errRecordNotFound)
        return err;
    uint32_t root;
    CALL(bt_create(&s->env, objid, txid, &root));
    CALL(bt_insert(s->dir, txid, key, sizeof key, &root, sizeof root));
    /* The header's "last objid" (esentutl /mh) follows the directory; it
     * reaches the disk with the next header write. */
    pthread_mutex_lock(&s->d->mu);
    if (objid > s->d->hdr.objid_last)
        s->d->hdr.objid_last = objid;
    pthread_mutex_unlock(&s->d->mu);
    return JET_errSuccess;
}

JET_ERR st_tree_create_fixed(st_db *s, uint64_t txid, uint32_t objid)
{
    if (objid <= ST_DIR_OBJID)
        return JET_errInvalidParameter;
    pthread_mutex_lock(&s->trees_mu);
    JET_ERR err = create_locked(s, txid, objid);
    pthread_mutex_unlock(&s->trees_mu);
    return err;
}

void (*st_tree_drop_hook)(bt_tree *t);

JET_ERR st_tree_drop(st_db *s, uint32_t objid)
{
    if (objid <= ST_DIR_OBJID)
        return JET_errInvalidParameter;
    bt_tree *t = NULL;
    CALL(st_tree_open(s, objid, &t));
    pthread_mutex_lock(&s->trees_mu);
    uint8_t key[4];
    dir_key(objid, key);
    /* Out of the directory first: a crash after this point leaks pages,
     * never leaves a directory entry pointing at freed ones. */
    JET_ERR err = bt_delete(s->dir, 0, key, sizeof key);
    if (err >= 0) {
        for (size_t i = 0; i < s->ntrees; i++) {
            if (s->trees[i].objid == objid) {
                s->trees[i] = s->trees[--s->ntrees];
                break;
            }
        }
    }
    pthread_mutex_unlock(&s->trees_mu);
    CALL(err);
    if (st_tree_drop_hook != NULL)
        st_tree_drop_hook(t);
    return bt_destroy(t, 0);
}

void *st_db_ext(st_db *s, void *(*create)(void), void (*destroy)(void *))
{
    pthread_mutex_lock(&s->trees_mu);
    if (s->ext == NULL) {
        s->ext = create();
        s->ext_free = s->ext != NULL ? destroy : NULL;
    }
    void *ext = s->ext;
    pthread_mutex_unlock(&s->trees_mu);
    return ext;
}

JET_ERR st_tree_create(st_db *s, uint64_t txid, uint32_t *objid)
{
    pthread_mutex_lock(&s->trees_mu);
    JET_ERR err;
    /* The next object id follows the largest one in the directory; ids up
     * to the catalog's are reserved (a plain tree is never taken for the
     * catalog, even in a database that has no catalog yet). */
    uint32_t next = ST_CAT_OBJID + 1;
    bt_cursor *c = NULL;
    CHECK(bt_cursor_open(s->dir, &c));
    err = bt_cursor_last(c);
    if (err >= 0) {
        uint8_t key[4];
        size_t klen = 0;
        CHECK(bt_cursor_key(c, key, sizeof key, &klen));
        next = ((uint32_t)key[0] << 24 | (uint32_t)key[1] << 16 | (uint32_t)key[2] << 8 |
                key[3]) + 1;
    } else if (err != JET_errNoCurrentRecord) {
        goto done;
    }
    /* Never hand out an id a dropped tree had (st_tree_drop) while the
     * header remembers it: a table's id stays unique for its lifetime. */
    pthread_mutex_lock(&s->d->mu);
    if (s->d->hdr.objid_last >= next)
        next = s->d->hdr.objid_last + 1;
    pthread_mutex_unlock(&s->d->mu);
    CHECK(create_locked(s, txid, next));
    *objid = next;
    err = JET_errSuccess;
done:
    if (c != NULL)
        bt_cursor_close(c);
    pthread_mutex_unlock(&s->trees_mu);
    return err;
}

JET_ERR st_undo_lookup(void *ctx, uint32_t objid, bt_tree **out)
{
    return st_tree_open(ctx, objid, out);
}

void st_raise_dbtime(st_db *s, uint64_t t)
{
    unsigned long long cur = atomic_load(&s->d->dbtime);
    while (cur <= t && !atomic_compare_exchange_weak(&s->d->dbtime, &cur, t + 1))
        ;
}
