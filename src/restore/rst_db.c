/*
 * rst_db.c: the databases of a restore — discovery through the `.pat`
 * markers of a backup folder, the checks of a database copy
 * (ese-backup-semantics.md §5.5: header, trailer page, signatures, the
 * generation range, and here also every data page), where each copy goes,
 * and the copy itself.
 *
 * The header, trailer, signature and range checks run on the copy in the
 * backup folder before anything is written.  The page checks of a copy run
 * while it is copied (one read of the copy: each page is verified in the
 * buffer that is then written), into a temporary name that is renamed over
 * its destination only once every copy of the restore is complete,
 * verified and durable: a failing restore leaves the destination as it was.
 * An external restore has no copy to make: its files are checked page by
 * page, in place, before anything is written.
 */
#include "restore/rst_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "os/os.h"
#include "page/page.h"
#include "util/crc32c.h"
#include "util/err.h"
#include "util/logtime.h"

/* Pages read or written per I/O while checking and copying. */
#define RST_RUN_BYTES (1024u * 1024u)
/* Suffix of a copy being written. */
#define RST_TMP_SUFFIX ".restoring"

/* Little-endian loads from the trailer page. */
static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static uint64_t get64(const uint8_t *p)
{
    return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32;
}

/* ESE's generic name of a database: its file name without folder and
 * extension. */
static JET_ERR generic_of(const char *path, char **out)
{
    const char *b = strrchr(path, '/');
    b = b != NULL ? b + 1 : path;
    const char *dot = strrchr(b, '.');
    size_t n = dot != NULL && dot != b ? (size_t)(dot - b) : strlen(b);
    char *s = strndup(b, n);
    if (s == NULL)
        return JET_errOutOfMemory;
    *out = s;
    return JET_errSuccess;
}

/* true when name ends with ext (case-insensitive). */
static bool has_ext(const char *name, const char *ext)
{
    size_t n = strlen(name), e = strlen(ext);
    return n > e && strcasecmp(name + n - e, ext) == 0;
}

JET_ERR rst_find_dbs(rst_job *j)
{
    char **names = NULL;
    size_t n = 0, npat = 0;
    JET_ERR err = JET_errSuccess;
    char *generic = NULL, *path = NULL;
    CHECK(os_list_dir(j->R, &names, &n));
    for (size_t i = 0; i < n; i++) {
        if (!has_ext(names[i], ".pat"))
            continue;
        npat++;
        free(generic);
        CHECK(generic_of(names[i], &generic));
        /* The copy is the other file with the same generic name. */
        for (size_t k = 0; k < n; k++) {
            if (k == i || has_ext(names[k], ".pat"))
                continue;
            char *g = NULL;
            CHECK(generic_of(names[k], &g));
            bool match = strcmp(g, generic) == 0;
            free(g);
            if (!match)
                continue;
            free(path);
            path = NULL;
            CHECK(os_path_join(j->R, names[k], &path));
            if (os_is_dir(path))
                continue;
            rst_db *d = realloc(j->dbs, (j->ndbs + 1) * sizeof *d);
            if (d == NULL) {
                err = JET_errOutOfMemory;
                goto done;
            }
            j->dbs = d;
            d = &j->dbs[j->ndbs++];
            memset(d, 0, sizeof *d);
            d->src = path;
            path = NULL;
            d->generic = generic;
            generic = NULL;
            break;
        }
    }
    if (npat == 0)
        err = JET_errPatchFileMissing;
    else if (j->ndbs == 0)
        err = JET_errFileNotFound;   /* markers, but no database copy */
done:
    free(generic);
    free(path);
    os_list_free(names, n);
    return err;
}

/* Decode the trailer page p (cb bytes); false when it is no valid trailer. */
static bool trailer_decode(const uint8_t *p, uint32_t cb, rst_trailer *t)
{
    if (get32(p + 4) != RST_TRAILER_MAGIC || get32(p) != crc32c(0, p + 4, cb - 4))
        return false;
    t->version = get32(p + 8);
    t->page_size = get32(p + 12);
    t->pgno_last = get32(p + 16);
    memcpy(&t->bk, p + 24, sizeof t->bk);
    memcpy(&t->sign_db, p + 48, sizeof t->sign_db);
    memcpy(&t->sign_log, p + 76, sizeof t->sign_log);
    t->gen_min_required = get32(p + 104);
    t->gen_max_required = get32(p + 108);
    t->gen_max_committed = get32(p + 112);
    memcpy(&t->logtime_gen_max_required, p + 116, 8);
    memcpy(&t->logtime_gen_max_create, p + 124, 8);
    t->dbtime = get64(p + 132);
    return t->version == 1 && t->page_size == cb;
}

/* Same log position (JET_LGPOS) in two marks. */
static bool lgpos_equal(const JET_LGPOS *a, const JET_LGPOS *b)
{
    return a->lGeneration == b->lGeneration && a->isec == b->isec && a->ib == b->ib;
}

/* Event 430: the database and its patch (trailer) do not match. */
static JET_ERR mismatch(rst_job *j, const char *path)
{
    const char *s[] = { path };
    rst_event(j, RST_EV_PATCH_MISMATCH, JETDB_EVENT_ERROR, 1, s);
    return JET_errDatabasePatchFileMismatch;
}

/* The k data pages in buf, the first being pgno, verify (or were never
 * written). */
static JET_ERR verify_run(const uint8_t *buf, uint32_t ps, uint32_t pgno, uint32_t k)
{
    for (uint32_t i = 0; i < k; i++) {
        JET_ERR e = pg_verify(buf + (size_t)i * ps, ps, pgno + i);
        if (e < 0 && e != JET_errPageNotInitialized)
            return e;
    }
    return JET_errSuccess;
}

/* Every data page of the file verifies (or was never written). */
static JET_ERR verify_pages(os_file *f, uint32_t ps, uint32_t npages)
{
    size_t per = RST_RUN_BYTES / ps;
    uint8_t *buf = aligned_alloc(4096, per * ps);
    if (buf == NULL)
        return JET_errOutOfMemory;
    JET_ERR err = JET_errSuccess;
    for (uint32_t pg = 1; pg <= npages && err >= 0; pg += (uint32_t)per) {
        uint32_t k = npages - pg + 1 < per ? npages - pg + 1 : (uint32_t)per;
        err = os_pread(f, buf, (size_t)k * ps, ((uint64_t)pg + DB_HDR_PAGES - 1) * ps);
        if (err >= 0)
            err = verify_run(buf, ps, pg, k);
    }
    free(buf);
    return err;
}

JET_ERR rst_check_db(rst_job *j, rst_db *d, const char *path)
{
    os_file *f = NULL;
    uint8_t *page = NULL;
    JET_ERR err = JET_errSuccess;
    uint64_t size = 0;
    db_hdr_src hs;
    const JET_SIGNATURE *stream = &j->hi_info.hdr.sign_log;

    if (!os_exists(path)) {
        const char *s[] = { path };
        rst_event(j, RST_EV_FILE_NOT_FOUND, JETDB_EVENT_ERROR, 1, s);
        return JET_errFileNotFound;
    }
    CHECK(os_open(path, OS_OPEN_READ, &f));
    CHECK(os_file_size(f, &size));
    err = db_hdr_read(f, &d->hdr, &hs);
    if (err < 0) {
        if (err != JET_errOutOfMemory && err != JET_errDiskIO)
            err = JET_errDatabaseCorrupted;
        goto done;
    }
    uint32_t ps = d->hdr.page_size;
    if (!pg_size_valid(ps) || size % ps != 0 || size < 2ull * ps) {
        err = JET_errDatabaseCorrupted;
        goto done;
    }
    JET_BKINFO cur;
    uint32_t type;
    db_hdr_get_bkinfo(&d->hdr, DB_BK_FULL_CUR, &cur, &type);
    if (cur.genLow == 0) {
        err = JET_errRestoreOfNonBackupDatabase;
        goto done;
    }
    uint32_t low = cur.genLow, high = cur.genHigh;
    uint64_t pages = size / ps - DB_HDR_PAGES;
    if (high == 0) {
        /* Not restored before: the trailer page says where the copy ends. */
        page = aligned_alloc(4096, ps);
        if (page == NULL) {
            err = JET_errOutOfMemory;
            goto done;
        }
        if (size < 3ull * ps) {
            err = JET_errBadPatchPage;
            goto done;
        }
        CHECK(os_pread(f, page, ps, size - ps));
        if (!trailer_decode(page, ps, &d->tr)) {
            err = JET_errBadPatchPage;
            goto done;
        }
        d->have_tr = true;
        pages--;
        if (!signature_equal(&d->hdr.sign_db, &d->tr.sign_db) ||
            !signature_equal(&d->hdr.sign_log, stream) ||
            !signature_equal(&d->tr.sign_log, stream) ||
            !lgpos_equal(&cur.lgposMark, &d->tr.bk.lgposMark) || d->tr.pgno_last != pages) {
            err = mismatch(j, path);
            goto done;
        }
        low = d->tr.bk.genLow;
        high = d->tr.bk.genHigh;
    } else if (!signature_equal(&d->hdr.sign_log, stream)) {
        err = mismatch(j, path);
        goto done;
    }
    if (pages > UINT32_MAX - DB_HDR_PAGES) {
        err = JET_errDatabaseCorrupted;
        goto done;
    }
    d->data_pages = (uint32_t)pages;
    /* jetdb returns the two range errors ESE computes and then loses
     * (behaviour-policy.md): a shorter replay would silently lose data. */
    if (low < j->lo) {
        char a[16], b[16];
        snprintf(a, sizeof a, "%u", j->lo);
        snprintf(b, sizeof b, "%u", low);
        const char *s[] = { a, b };
        rst_event(j, RST_EV_START_TOO_HIGH, JETDB_EVENT_ERROR, 2, s);
        err = JET_errStartingRestoreLogTooHigh;
        goto done;
    }
    if (high > j->hi) {
        char a[16], b[16];
        snprintf(a, sizeof a, "%u", j->hi);
        snprintf(b, sizeof b, "%u", high);
        const char *s[] = { a, b };
        rst_event(j, RST_EV_END_TOO_LOW, JETDB_EVENT_ERROR, 2, s);
        err = JET_errEndingRestoreLogTooLow;
        goto done;
    }
    /* A copy's pages are verified as they are copied (rst_copy_db); a file
     * restored in place is verified now, since it is changed next. */
    if (j->external)
        CHECK(verify_pages(f, ps, d->data_pages));
done:
    free(page);
    KEEP(err, os_close(f));
    return err;
}

/* Original paths from the checkpoint of the instance's stream: an attach
 * entry with the copy's database signature. */
static void targets_from_checkpoint(rst_job *j)
{
    log_checkpoint cp;
    if (j->in->system_path == NULL ||
        log_checkpoint_read(j->in->system_path, j->base, j->legacy, &cp) < 0 ||
        !signature_equal(&cp.sign_log, &j->hi_info.hdr.sign_log))
        return;
    for (size_t i = 0; i < j->ndbs; i++) {
        rst_db *d = &j->dbs[i];
        for (uint32_t k = 0; k < cp.nattach && k < LOG_ATTACH_MAX && d->dst == NULL; k++)
            if (signature_equal(&cp.attach[k].sign_db, &d->hdr.sign_db))
                d->dst = strdup(cp.attach[k].path);
    }
}

/* Original paths from the create/attach records of the backup set. */
static JET_ERR targets_from_logs(rst_job *j)
{
    log_reader *rd = NULL;
    JET_ERR err;
    CHECK(log_reader_open(j->R, j->base, j->legacy, log_lsn_make(j->lo, 0), &rd));
    for (;;) {
        const void *rec;
        size_t len;
        log_lsn lsn;
        CHECK(log_reader_next(rd, &rec, &len, &lsn));
        if (rec == NULL || log_lsn_gen(lsn) > j->hi)
            break;
        const log_rec_hdr *h = rec;
        if (h->type != LOG_REC_CREATEDB && h->type != LOG_REC_ATTACHDB)
            continue;
        db_logrec_info info;
        if (db_logrec_parse(rec, len, &info) < 0)
            continue;
        for (size_t i = 0; i < j->ndbs; i++) {
            rst_db *d = &j->dbs[i];
            if (d->dst == NULL && signature_equal(&info.sign_db, &d->hdr.sign_db))
                d->dst = strdup(info.path);
        }
    }
done:
    log_reader_close(rd);
    return err;
}

JET_ERR rst_resolve_targets(rst_job *j)
{
    if (j->dest != NULL) {
        for (size_t i = 0; i < j->ndbs; i++) {
            const char *b = strrchr(j->dbs[i].src, '/');
            CALL(os_path_join(j->dest, b != NULL ? b + 1 : j->dbs[i].src, &j->dbs[i].dst));
        }
        return JET_errSuccess;
    }
    /* The original path: jetdb's log headers carry no attach table, so it
     * comes from the stream's checkpoint, else from the backup set's own
     * create/attach records (docs/restore.md). */
    targets_from_checkpoint(j);
    bool missing = false;
    for (size_t i = 0; i < j->ndbs; i++)
        missing |= j->dbs[i].dst == NULL;
    if (missing)
        CALL(targets_from_logs(j));
    for (size_t i = 0; i < j->ndbs; i++) {
        if (j->dbs[i].dst == NULL) {
            const char *s[] = { j->dbs[i].src };
            rst_event(j, RST_EV_FILE_NOT_FOUND, JETDB_EVENT_ERROR, 1, s);
            return JET_errFileNotFound;
        }
    }
    return JET_errSuccess;
}

/* The header a restored copy starts hard recovery with (§5.5 step 7). */
static void restore_header(const rst_job *j, const rst_db *d, db_hdr *h)
{
    *h = d->hdr;
    JET_BKINFO cur;
    uint32_t type;
    db_hdr_get_bkinfo(h, DB_BK_FULL_CUR, &cur, &type);
    cur.genHigh = j->hi;
    db_hdr_set_bkinfo(h, DB_BK_FULL_CUR, &cur, type);
    if (j->hi > h->gen_max_committed) {
        h->gen_max_committed = j->hi;
        memset(&h->logtime_gen_max_create, 0, sizeof h->logtime_gen_max_create);
    }
    if (j->hi > h->gen_max_required) {
        h->gen_max_required = j->hi;
        memset(&h->logtime_gen_max_required, 0, sizeof h->logtime_gen_max_required);
    }
    /* Pages copied after the header snapshot may carry newer times. */
    if (d->have_tr && d->tr.dbtime > h->dbtime)
        h->dbtime = d->tr.dbtime;
    h->pgno_last = d->data_pages;
}

JET_ERR rst_copy_db(rst_job *j, rst_db *d)
{
    os_file *in = NULL, *out = NULL;
    char *tmp = NULL, *dir = NULL;
    uint8_t *buf = NULL;
    JET_ERR err = JET_errSuccess;
    uint32_t ps = d->hdr.page_size;
    size_t cb = strlen(d->dst) + sizeof RST_TMP_SUFFIX;
    size_t per = RST_RUN_BYTES / ps;

    tmp = malloc(cb);
    buf = aligned_alloc(4096, per * ps);
    if (tmp == NULL || buf == NULL) {
        err = JET_errOutOfMemory;
        goto done;
    }
    snprintf(tmp, cb, "%s%s", d->dst, RST_TMP_SUFFIX);
    CHECK(os_path_parent(d->dst, &dir));
    if (!os_is_dir(dir))
        CHECK(os_mkdir_p(dir));
    CHECK(os_open(d->src, OS_OPEN_READ, &in));
    os_advise_sequential(in);
    CHECK(os_open(tmp, OS_OPEN_RDWR | OS_OPEN_CREATE | OS_OPEN_TRUNC, &out));
    d->tmp = tmp;   /* from now on removed by rst_remove_copies on failure */
    tmp = NULL;
    /* One read of the copy: each run of pages is verified in the buffer it
     * is written from, and its write-back is started at once, so the disk
     * works while the copy goes on and the fdatasync below finds little
     * left to write. */
    for (uint32_t pg = 1; pg <= d->data_pages; pg += (uint32_t)per) {
        uint32_t k = d->data_pages - pg + 1 < per ? d->data_pages - pg + 1 : (uint32_t)per;
        uint64_t off = ((uint64_t)pg + DB_HDR_PAGES - 1) * ps;
        size_t n = (size_t)k * ps;
        CHECK(os_pread(in, buf, n, off));
        CHECK(verify_run(buf, ps, pg, k));
        CHECK(os_pwrite(out, buf, n, off));
        CHECK(os_sync_range(out, off, n, false));
    }
    uint64_t end = ((uint64_t)d->data_pages + DB_HDR_PAGES) * ps;
    if (d->data_pages == 0)
        CHECK(os_ftruncate(out, end));
    /* Data first, then the header and its shadow (db_hdr_write syncs). */
    CHECK(os_fdatasync(out));
    db_hdr h;
    restore_header(j, d, &h);
    CHECK(db_hdr_write(out, &h));
    CHECK(os_fsync(out));
    CHECK(os_close(out));
    out = NULL;
done:
    KEEP(err, os_close(out));
    KEEP(err, os_close(in));
    free(buf);
    free(tmp);
    free(dir);
    return err;
}

JET_ERR rst_install_db(rst_db *d)
{
    os_file *lock = NULL;
    JET_ERR err = JET_errSuccess;
    /* A database another instance has attached is never replaced. */
    if (os_exists(d->dst))
        CHECK(os_lock_exclusive(d->dst, &lock));
    CHECK(os_rename_durable(d->tmp, d->dst));
    free(d->tmp);
    d->tmp = NULL;
done:
    os_unlock(lock);
    return err;
}

void rst_remove_copies(rst_job *j)
{
    for (size_t i = 0; i < j->ndbs; i++) {
        rst_db *d = &j->dbs[i];
        if (d->tmp != NULL && os_exists(d->tmp))
            (void)os_unlink(d->tmp);
        free(d->tmp);
        d->tmp = NULL;
    }
}

JET_ERR rst_prepare_in_place(rst_job *j, rst_db *d)
{
    os_file *f = NULL;
    JET_ERR err = JET_errSuccess;
    CHECK(os_open(d->dst, OS_OPEN_RDWR, &f));
    db_hdr h;
    restore_header(j, d, &h);
    CHECK(db_hdr_write(f, &h));
    /* ESE zeroes the trailer; jetdb drops it: the file size is the page
     * count (docs/formats-db.md). */
    if (d->have_tr)
        CHECK(os_ftruncate(f, ((uint64_t)d->data_pages + DB_HDR_PAGES) * d->hdr.page_size));
    CHECK(os_fsync(f));
done:
    KEEP(err, os_close(f));
    return err;
}

void rst_dbs_free(rst_job *j)
{
    for (size_t i = 0; i < j->ndbs; i++) {
        free(j->dbs[i].src);
        free(j->dbs[i].generic);
        free(j->dbs[i].from);
        free(j->dbs[i].dst);
        free(j->dbs[i].tmp);
    }
    free(j->dbs);
    j->dbs = NULL;
    j->ndbs = 0;
}

JET_ERR rst_generic_of(const char *path, char **out)
{
    return generic_of(path, out);
}
