/*
 * space.c: logged page allocation for the trees of a database.
 *
 * The space page (pgno 1, formatted by src/db at creation) holds one
 * db_space_rec; a free page is PG_F_FREE with header.next = the next free
 * page.  Every change
 * to these pages goes through st_change_page, i.e. the cache and a logged
 * page record, so recovery redoes space changes like any other page change.
 */
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "log/log.h"
#include "page/page.h"
#include "util/err.h"


JET_ERR st_change_page(st_db *s, uint32_t pgno, bool isnew, st_page_fn fn, void *arg)
{
    if (s->d->read_only)
        return JET_errDatabaseFileReadOnly;
    uint32_t cb = s->env.page_size;
    uint8_t *before = malloc(cb);
    if (before == NULL)
        return JET_errOutOfMemory;
    bf *b;
    JET_ERR err = cache_get(s->cf, pgno, CACHE_X, isnew ? CACHE_NEW : 0, &b);
    if (err < 0) {
        free(before);
        return err;
    }
    uint8_t *page = bf_page(b);
    memcpy(before, page, cb);
    CHECK(fn(page, cb, arg));
    uint64_t dbtime_before = isnew ? 0 : pg_header_c(before)->dbtime;
    uint64_t dbtime_after = db_next_dbtime(s->d);
    pg_header(page)->dbtime = dbtime_after;
    uint64_t lsn = 0;
    if (s->op_lock != NULL)
        pthread_rwlock_rdlock(s->op_lock);
    if (s->log != NULL) {
        uint8_t *rec;
        size_t len;
        uint8_t flags = BT_LOGF_FIRST | BT_LOGF_LAST | (isnew ? BT_LOGF_NEWPAGE : 0);
        err = bt_logrec_encode(&s->env, 0, flags, pgno, 0, dbtime_after, dbtime_before,
                               dbtime_after, isnew ? NULL : before, page, NULL, 0, &rec, &len);
        if (err >= 0) {
            err = log_append(s->log, rec, len, &lsn);
            free(rec);
        }
        if (err < 0)
            memcpy(page, before, cb);   /* nothing happened */
    }
    if (err >= 0)
        bf_dirty(b, lsn);
    if (s->op_lock != NULL)
        pthread_rwlock_unlock(s->op_lock);
done:
    if (err < 0)
        memcpy(page, before, cb);   /* fn may have started changing it */
    cache_release(b);
    free(before);
    return err;
}

struct alloc_arg {
    st_db *s;
    uint32_t pgno;
};

/* Pop the free list or raise the high-water mark. */
static JET_ERR do_alloc(void *page, uint32_t cb, void *p)
{
    struct alloc_arg *a = p;
    db_space_rec sr;
    CALL(db_space_decode(page, &sr));
    if (sr.free_head != 0) {
        if (sr.free_count == 0)
            return JET_errDatabaseCorrupted;
        bf *fb;
        CALL(cache_get(a->s->cf, sr.free_head, CACHE_S, 0, &fb));
        const pg_hdr *fh = pg_header_c(bf_page(fb));
        JET_ERR err = (fh->flags & PG_F_FREE) ? JET_errSuccess : JET_errDatabaseCorrupted;
        uint32_t next = fh->next;
        cache_release(fb);
        CALL(err);
        a->pgno = sr.free_head;
        sr.free_head = next;
        sr.free_count--;
    } else {
        if (sr.hwm >= UINT32_MAX - 4)
            return JET_errOutOfDatabaseSpace;
        a->pgno = ++sr.hwm;
    }
    pg_replace(page, cb, 0, &sr, (uint16_t)sizeof sr);
    return JET_errSuccess;
}

JET_ERR st_alloc_page(st_db *s, uint32_t *pgno)
{
    struct alloc_arg a = { s, 0 };
    pthread_mutex_lock(&s->space_mu);
    JET_ERR err = st_change_page(s, ST_SPACE_PGNO, false, do_alloc, &a);
    pthread_mutex_unlock(&s->space_mu);
    if (err < 0)
        return err;
    /* Grow the file now so that running out of disk shows up here, not
     * when the cache writes the page back. */
    pthread_mutex_lock(&s->d->mu);
    uint32_t last = s->d->pgno_file_last;
    pthread_mutex_unlock(&s->d->mu);
    if (a.pgno > last)
        CALL(db_extend(s->d, a.pgno - last));
    *pgno = a.pgno;
    return JET_errSuccess;
}

struct free_arg {
    uint32_t pgno;
    uint32_t head;   /* free-list head before the push */
};

static JET_ERR do_push(void *page, uint32_t cb, void *p)
{
    struct free_arg *a = p;
    db_space_rec sr;
    CALL(db_space_decode(page, &sr));
    if (a->pgno <= ST_SPACE_PGNO || a->pgno > sr.hwm)
        return JET_errInvalidParameter;
    a->head = sr.free_head;
    sr.free_head = a->pgno;
    sr.free_count++;
    pg_replace(page, cb, 0, &sr, (uint16_t)sizeof sr);
    return JET_errSuccess;
}

static JET_ERR do_mark_free(void *page, uint32_t cb, void *p)
{
    struct free_arg *a = p;
    pg_init(page, cb, a->pgno, 0, PG_F_FREE);
    pg_header(page)->next = a->head;
    return JET_errSuccess;
}

/* Peek at the space record (no change). */
static JET_ERR read_space(st_db *s, db_space_rec *sr)
{
    bf *b;
    CALL(cache_get(s->cf, ST_SPACE_PGNO, CACHE_S, 0, &b));
    JET_ERR err = db_space_decode(bf_page(b), sr);
    cache_release(b);
    return err;
}

JET_ERR st_free_page(st_db *s, uint32_t pgno)
{
    pthread_mutex_lock(&s->space_mu);
    db_space_rec sr;
    JET_ERR err;
    CHECK(read_space(s, &sr));
    if (pgno <= ST_SPACE_PGNO || pgno > sr.hwm) {
        err = JET_errInvalidParameter;
        goto done;
    }
    /* Link the page into the list first, then publish it in the space
     * record: a crash in between leaks the page rather than losing the
     * rest of the list. */
    struct free_arg a = { pgno, sr.free_head };
    CHECK(st_change_page(s, pgno, true, do_mark_free, &a));
    CHECK(st_change_page(s, ST_SPACE_PGNO, false, do_push, &a));
done:
    pthread_mutex_unlock(&s->space_mu);
    return err;
}

JET_ERR st_space_info(st_db *s, uint32_t *owned, uint32_t *available)
{
    db_space_rec sr;
    pthread_mutex_lock(&s->space_mu);
    JET_ERR err = read_space(s, &sr);
    pthread_mutex_unlock(&s->space_mu);
    if (err >= 0)
        db_space_counts(s->d, &sr, owned, available);
    return err;
}
