/*
 * db_set.c: attached databases — the process-wide registry (API dbids,
 * one entry per attached file), each instance's set, each session's open
 * table, and the create / attach / detach / open / close operations with
 * their header state transitions:
 *
 *   create: JustCreated (first durable header) → DirtyShutdown (attached)
 *   attach: CleanShutdown → DirtyShutdown (read-only attach: no write)
 *   detach / clean JetTerm: DirtyShutdown → CleanShutdown, with
 *           lgposConsistent = lgposDetach, times set, required/committed
 *           generations cleared
 *   dirty JetTerm: files closed, headers stay DirtyShutdown
 *
 * Every header write is primary, fdatasync, shadow, fdatasync (db_hdr.c),
 * preceded by an fdatasync of the data pages.
 */
#include "db/db.h"

#include "backup/backup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>

#include "event/event.h"
#include "inst/inst.h"
#include "inst/param.h"
#include "os/os.h"
#include "page/page.h"
#include "util/err.h"
#include "util/logtime.h"
#include "util/utf.h"
#include "store/store.h"
#include "txn/ver.h"

/* ESE event ids (jetmsg.mc), category General. */
#define EV_DB_CREATE_DONE 325u
#define EV_DB_ATTACH_DONE 326u
#define EV_DB_DETACH_DONE 327u
#define EV_DB_PARTIALLY_DETACHED 473u

/* API dbids are slots of one process-wide table (ESE's ifmp); 0 is never
 * handed out. */
#define DB_SLOTS 1024u

static pthread_mutex_t g_reg_mu = PTHREAD_MUTEX_INITIALIZER;
static db *g_slots[DB_SLOTS];

struct db_set {
    pthread_mutex_t mu;           /* serialises tachment; guards open tables */
    struct db_sess *sessions;     /* open tables of this instance's sessions */
};

typedef struct db_open_ent {
    JET_DBID dbid;
    int count;                    /* JetOpenDatabase calls not yet closed */
    bool exclusive;
} db_open_ent;

struct db_sess {
    struct db_sess *next, *prev;  /* in the set's list */
    struct db_set *set;
    db_open_ent *ents;
    size_t n, cap;
};

/* ---- registry ------------------------------------------------------------------ */

void db_unpin(db *d)
{
    if (d == NULL || atomic_fetch_sub(&d->pins, 1) != 1)
        return;
    pthread_mutex_destroy(&d->mu);
    free(d->path);
    free(d);
}

/* The entry for path, any instance; caller holds g_reg_mu. */
static db *find_path_locked(const char *path)
{
    for (uint32_t i = 1; i < DB_SLOTS; i++)
        if (g_slots[i] != NULL && strcmp(g_slots[i]->path, path) == 0)
            return g_slots[i];
    return NULL;
}

/* Reserve a slot for a new attachment of path to in (state ATTACHING).
 * *dup receives JET_wrnDatabaseAttached when this instance has it already. */
static JET_ERR reserve(inst *in, const char *path, db **out)
{
    JET_ERR err = JET_errSuccess;
    pthread_mutex_lock(&g_reg_mu);
    db *other = find_path_locked(path);
    uint32_t mine = 0, slot = 0;
    for (uint32_t i = 1; i < DB_SLOTS; i++) {
        if (g_slots[i] != NULL && g_slots[i]->owner == in)
            mine++;
        else if (g_slots[i] == NULL && slot == 0)
            slot = i;
    }
    if (other != NULL)
        err = other->owner == in ? JET_wrnDatabaseAttached : JET_errDatabaseSharingViolation;
    else if (mine >= DB_MAX_USER_DBS || slot == 0)
        err = JET_errTooManyAttachedDatabases;
    if (err != JET_errSuccess) {
        pthread_mutex_unlock(&g_reg_mu);
        return err;
    }
    db *d = calloc(1, sizeof *d);
    char *p = strdup(path);
    if (d == NULL || p == NULL) {
        pthread_mutex_unlock(&g_reg_mu);
        free(d);
        free(p);
        return JET_errOutOfMemory;
    }
    atomic_init(&d->pins, 1);
    pthread_mutex_init(&d->mu, NULL);
    d->path = p;
    d->owner = in;
    d->dbid = slot;
    d->state = DB_ATTACHING;
    /* The log-stream dbid (1..6): the smallest one this instance does not use. */
    uint32_t used = 0;
    for (uint32_t i = 1; i < DB_SLOTS; i++)
        if (g_slots[i] != NULL && g_slots[i]->owner == in)
            used |= 1u << g_slots[i]->hdr.dbid;
    for (uint32_t k = 1; k <= DB_MAX_USER_DBS; k++)
        if (!(used & (1u << k))) {
            d->hdr.dbid = k;
            break;
        }
    g_slots[slot] = d;
    pthread_mutex_unlock(&g_reg_mu);
    *out = d;
    return JET_errSuccess;
}

/* Take d out of the registry and drop the registry's pin. */
static void unregister(db *d)
{
    pthread_mutex_lock(&g_reg_mu);
    if (d->dbid < DB_SLOTS && g_slots[d->dbid] == d)
        g_slots[d->dbid] = NULL;
    pthread_mutex_unlock(&g_reg_mu);
    db_unpin(d);
}

static void set_state(db *d, db_state st)
{
    pthread_mutex_lock(&g_reg_mu);
    d->state = st;
    pthread_mutex_unlock(&g_reg_mu);
}

/* The attached database of in named path (absolute), pinned. */
static JET_ERR find_attached(inst *in, const char *path, db **out)
{
    pthread_mutex_lock(&g_reg_mu);
    db *d = find_path_locked(path);
    if (d != NULL && (d->owner != in || d->state != DB_ATTACHED))
        d = NULL;
    if (d != NULL)
        atomic_fetch_add(&d->pins, 1);
    pthread_mutex_unlock(&g_reg_mu);
    *out = d;
    return d != NULL ? JET_errSuccess : JET_errDatabaseNotFound;
}

JET_ERR db_pin_attached(inst *in, JET_DBID dbid, db **out)
{
    *out = NULL;
    pthread_mutex_lock(&g_reg_mu);
    db *d = dbid > 0 && dbid < DB_SLOTS ? g_slots[dbid] : NULL;
    if (d != NULL && (d->owner != in || d->state != DB_ATTACHED))
        d = NULL;
    if (d != NULL)
        atomic_fetch_add(&d->pins, 1);
    pthread_mutex_unlock(&g_reg_mu);
    *out = d;
    return d != NULL ? JET_errSuccess : JET_errInvalidDatabaseId;
}

JET_ERR db_list_attached(inst *in, db ***out, size_t *count)
{
    *out = NULL;
    *count = 0;
    db **list = calloc(DB_MAX_USER_DBS, sizeof *list);
    if (list == NULL)
        return JET_errOutOfMemory;
    size_t n = 0;
    pthread_mutex_lock(&g_reg_mu);
    for (uint32_t i = 1; i < DB_SLOTS && n < DB_MAX_USER_DBS; i++) {
        db *d = g_slots[i];
        if (d != NULL && d->owner == in && d->state == DB_ATTACHED) {
            atomic_fetch_add(&d->pins, 1);
            list[n++] = d;
        }
    }
    pthread_mutex_unlock(&g_reg_mu);
    *out = list;
    *count = n;
    return JET_errSuccess;
}

void db_list_free(db **list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        db_unpin(list[i]);
    free(list);
}

/* true when some instance of this process has path attached. */
static bool path_attached(const char *path)
{
    pthread_mutex_lock(&g_reg_mu);
    bool found = find_path_locked(path) != NULL;
    pthread_mutex_unlock(&g_reg_mu);
    return found;
}

/* ---- instance set ---------------------------------------------------------------- */

JET_ERR db_set_create(inst *in)
{
    JET_ERR err = JET_errSuccess;
    pthread_mutex_lock(&in->mu);
    if (in->dbs == NULL) {
        struct db_set *set = calloc(1, sizeof *set);
        if (set == NULL)
            err = JET_errOutOfMemory;
        else {
            pthread_mutex_init(&set->mu, NULL);
            in->dbs = set;
        }
    }
    pthread_mutex_unlock(&in->mu);
    return err;
}

/* The instance's set, created on first use when JetInit did not (the
 * instance layer calls db_set_create from JetInit once wired). */
static JET_ERR set_of(inst *in, struct db_set **out)
{
    CALL(db_set_create(in));
    pthread_mutex_lock(&in->mu);
    *out = in->dbs;
    pthread_mutex_unlock(&in->mu);
    return JET_errSuccess;
}

/* Emit a General-category event about a database of in. */
static void db_event(inst *in, uint32_t id, uint32_t type, uint32_t n, const char *const *strings)
{
    ev_source src;
    char name[256], source[260];
    memset(&src, 0, sizeof src);
    if (in != NULL) {
        inst_event_source(in, &src, name, sizeof name);
        par_str(in, JET_paramEventSource, source, sizeof source);
        src.source = source;
    }
    ev_emit(&src, EV_CAT_GENERAL, id, type, JET_EventLoggingLevelMin, n, strings);
}

/* Create/attach/detach done (ESE: %4 id, %5 name, %6 seconds, %7 timings,
 * %8 cache, %9 additional data). */
static void tach_event(db *d, uint32_t id, uint64_t t0)
{
    char dbid[16], secs[32];
    snprintf(dbid, sizeof dbid, "%u", d->dbid);
    snprintf(secs, sizeof secs, "%llu",
             (unsigned long long)((os_time_mono_ns() - t0) / 1000000000u));
    const char *strings[] = { dbid, d->path, secs, "", "0 0", "" };
    db_event(d->owner, id, JETDB_EVENT_INFORMATION, 6, strings);
}

/* ---- file open / close ---------------------------------------------------------------- */

/* Close d's file and lock (d is no longer reachable by other threads). */
static JET_ERR close_files(db *d)
{
    JET_ERR err = os_close(d->file);
    d->file = NULL;
    os_unlock(d->lock);
    d->lock = NULL;
    return err;
}

/* Data pages the file holds. */
static JET_ERR file_pages(db *d, uint32_t *pages)
{
    uint64_t size;
    CALL(os_file_size(d->file, &size));
    uint64_t n = size / d->page_size;
    if (n < DB_HDR_PAGES + 1)
        return JET_errDatabaseCorrupted;   /* no space page */
    n -= DB_HDR_PAGES;
    *pages = n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
    return JET_errSuccess;
}

/* OS version fields recorded in the header (the kernel's release). */
static void os_version(db_hdr *h)
{
    struct utsname u;
    unsigned a = 0, b = 0, c = 0;
    if (uname(&u) == 0)
        (void)sscanf(u.release, "%u.%u.%u", &a, &b, &c);
    h->os_major = a;
    h->os_minor = b;
    h->os_build = c;
    h->os_sp = 0;
}

/* ---- create ------------------------------------------------------------------------ */

/* Absolute form of an API path. */
static JET_ERR abs_path(const char *path, char **out)
{
    *out = NULL;
    if (path == NULL || path[0] == '\0')
        return JET_errDatabaseInvalidPath;
    JET_ERR err = os_path_absolute(path, out);
    return err == JET_errInvalidParameter ? JET_errDatabaseInvalidPath : err;
}

/* Record in the session's table that it opened d (set->mu held). */
static JET_ERR sess_add_open(struct db_set *set, sess *s, db *d, bool exclusive)
{
    struct db_sess *ds = s->dbs;
    if (ds == NULL) {
        ds = calloc(1, sizeof *ds);
        if (ds == NULL)
            return JET_errOutOfMemory;
        ds->set = set;
        ds->next = set->sessions;
        if (set->sessions != NULL)
            set->sessions->prev = ds;
        set->sessions = ds;
        s->dbs = ds;
    }
    for (size_t i = 0; i < ds->n; i++)
        if (ds->ents[i].dbid == d->dbid) {
            ds->ents[i].count++;
            ds->ents[i].exclusive |= exclusive;
            d->opens++;
            d->exclusive |= exclusive;
            return JET_errSuccess;
        }
    if (ds->n == ds->cap) {
        size_t cap = ds->cap ? ds->cap * 2 : 4;
        db_open_ent *e = realloc(ds->ents, cap * sizeof *e);
        if (e == NULL)
            return JET_errOutOfMemory;
        ds->ents = e;
        ds->cap = cap;
    }
    ds->ents[ds->n++] = (db_open_ent){ d->dbid, 1, exclusive };
    d->opens++;
    d->exclusive |= exclusive;
    return JET_errSuccess;
}

/* The session's entry for dbid, or NULL (set->mu held). */
static db_open_ent *sess_find(sess *s, JET_DBID dbid)
{
    struct db_sess *ds = s->dbs;
    for (size_t i = 0; ds != NULL && i < ds->n; i++)
        if (ds->ents[i].dbid == dbid)
            return &ds->ents[i];
    return NULL;
}

/* Remove `count` opens of entry e of ds (set->mu held). */
static void sess_drop(struct db_sess *ds, db_open_ent *e, int count)
{
    pthread_mutex_lock(&g_reg_mu);
    db *d = e->dbid < DB_SLOTS ? g_slots[e->dbid] : NULL;
    if (d != NULL) {
        d->opens -= count;
        if (e->exclusive && count >= e->count)
            d->exclusive = false;
    }
    pthread_mutex_unlock(&g_reg_mu);
    e->count -= count;
    if (e->count <= 0) {
        *e = ds->ents[ds->n - 1];
        ds->n--;
    }
}

/* Undo a failed create: close and remove the file, free the slot. */
static void create_rollback(db *d, bool file_created)
{
    if (d->store != NULL)
        (void)st_db_close(d->store, false);
    d->store = NULL;
    close_files(d);
    if (file_created)
        (void)os_unlink_durable(d->path);
    unregister(d);
}

/* Backup hook (src/backup) around attach, create and detach: refused with
 * JET_errBackupInProgress while a backup of the instance runs; one that is
 * admitted counts as in flight until it returns, and a backup that begins
 * meanwhile waits for it (as ESE does), so no attachment changes during a
 * backup. */
static JET_ERR create_db(sess *s, const char *path, uint32_t cpg_max, JET_GRBIT grbit,
                         JET_DBID *pdbid);

JET_ERR db_create(sess *s, const char *path, uint32_t cpg_max, JET_GRBIT grbit, JET_DBID *pdbid)
{
    CALL(bk_tach_enter(s->owner));
    JET_ERR err = create_db(s, path, cpg_max, grbit, pdbid);
    bk_tach_leave(s->owner);
    return err;
}

static JET_ERR create_db(sess *s, const char *path, uint32_t cpg_max, JET_GRBIT grbit,
                         JET_DBID *pdbid)
{
    inst *in = s->owner;
    struct db_set *set;
    char *full = NULL, *parent = NULL;
    db *d = NULL;
    bool created = false;
    uint64_t t0 = os_time_mono_ns();
    JET_ERR err;

    CALL(set_of(in, &set));
    CALL(abs_path(path, &full));
    pthread_mutex_lock(&set->mu);
    err = reserve(in, full, &d);
    if (err == JET_wrnDatabaseAttached)
        err = JET_errDatabaseDuplicate;    /* ESE maps "already attached" so */
    if (err != JET_errSuccess) {
        d = NULL;
        goto done;
    }
    d->cpg_max = cpg_max;
    d->page_size = (uint32_t)par_num(in, JET_paramDatabasePageSize);
    d->logged = db_log_enabled(in) && !(grbit & JET_bitDbRecoveryOff);

    err = os_path_parent(full, &parent);
    if (err < 0)
        goto fail;
    if (!os_is_dir(parent)) {
        if (par_num(in, JET_paramCreatePathIfNotExist) == 0) {
            err = JET_errInvalidPath;
            goto fail;
        }
        err = os_mkdir_p(parent);
        if (err < 0)
            goto fail;
    }
    if (os_exists(full)) {
        if (!(grbit & JET_bitDbOverwriteExisting)) {
            err = JET_errDatabaseDuplicate;
            goto fail;
        }
        err = os_unlink(full);
        if (err < 0)
            goto fail;
    }
    err = os_open(full, OS_OPEN_RDWR | OS_OPEN_CREATE | OS_OPEN_EXCL, &d->file);
    if (err == JET_errFileAlreadyExists)
        err = JET_errDatabaseDuplicate;
    if (err < 0)
        goto fail;
    created = true;
    err = os_lock_exclusive(full, &d->lock);
    if (err < 0)
        goto fail;

    db_hdr *h = &d->hdr;
    h->magic = DB_MAGIC;
    h->version = h->create_version = DB_ESE_VERSION;
    h->update_major = h->create_update = DB_ESE_UPDATE_MAJOR;
    h->update_minor = DB_ESE_UPDATE_MINOR;
    h->format = DB_FORMAT_VERSION;
    h->filetype = JET_filetypeDatabase;
    h->page_size = d->page_size;
    h->dbstate = JET_dbstateJustCreated;
    h->shadowing_disabled = (grbit & JET_bitDbShadowingOff) != 0;
    h->objid_last = 1;   /* the space page's object */
    signature_new(&h->sign_db);
    if (d->logged)
        db_log_signature(in, &h->sign_log);
    else
        memset(&h->sign_log, 0, sizeof h->sign_log);
    os_version(h);
    atomic_store(&d->dbtime, 1);

    /* Log first: the header then names a position the log really has. */
    err = db_log_create(in, d, &h->lgpos_attach);
    if (err < 0)
        goto fail;
    logtime_now(&h->logtime_attach);
    h->gen_min_required = h->gen_max_required = h->gen_max_committed =
        (uint32_t)h->lgpos_attach.lGeneration;

    /* Space first, header last: a file without a valid header is never
     * mistaken for a database. */
    err = db_extend(d, 1);
    if (err >= 0)
        err = db_space_init(d);
    if (err >= 0)
        err = db_flush(d);
    if (err >= 0) {
        pthread_mutex_lock(&d->mu);
        err = db_write_header_locked(d);
        pthread_mutex_unlock(&d->mu);
    }
    if (err >= 0)
        err = os_fsync_dir(parent);
    if (err < 0)
        goto fail;

    /* Created: now attached, so dirty until detached cleanly. */
    pthread_mutex_lock(&d->mu);
    h->dbstate = JET_dbstateDirtyShutdown;
    err = db_write_header_locked(d);
    pthread_mutex_unlock(&d->mu);
    if (err < 0)
        goto fail;

    err = st_db_open(d, d->logged ? in->log : NULL, &in->op_lock, (uint16_t)h->dbid, true,
                     &d->store);
    if (err < 0)
        goto fail;
    err = sess_add_open(set, s, d, false);
    if (err < 0)
        goto fail;
    set_state(d, DB_ATTACHED);
    *pdbid = d->dbid;
    tach_event(d, EV_DB_CREATE_DONE, t0);
    err = JET_errSuccess;
    goto done;

fail:
    create_rollback(d, created);
done:
    pthread_mutex_unlock(&set->mu);
    free(full);
    free(parent);
    return err;
}

/* ---- attach ------------------------------------------------------------------------- */

/* Open the file of an attachment and check its header. */
static JET_ERR attach_open(inst *in, db *d)
{
    JET_ERR err;
    if (d->read_only) {
        CALL(os_open(d->path, OS_OPEN_READ, &d->file));
    } else {
        err = os_open(d->path, OS_OPEN_RDWR, &d->file);
        if (err == JET_errFileAccessDenied) {
            /* Readable but not writable: ESE's "file is read-only". */
            os_file *probe = NULL;
            if (os_open(d->path, OS_OPEN_READ, &probe) >= 0) {
                os_close(probe);
                err = JET_errDatabaseFileReadOnly;
            }
        }
        CALL(err);
        CALL(os_lock_exclusive(d->path, &d->lock));
    }
    db_hdr_src src;
    uint32_t dbid = d->hdr.dbid;
    CALL(db_hdr_read(d->file, &d->hdr, &src));
    if (d->hdr.page_size != (uint32_t)par_num(in, JET_paramDatabasePageSize))
        return JET_errPageSizeMismatch;
    if (d->hdr.dbstate != JET_dbstateCleanShutdown)
        return JET_errDatabaseDirtyShutdown;   /* needs recovery */
    d->page_size = d->hdr.page_size;
    d->hdr.dbid = dbid;
    CALL(file_pages(d, &d->pgno_file_last));
    atomic_store(&d->dbtime, d->hdr.dbtime + 1);

    /* The space page must be readable before anyone trusts the file. */
    void *page = aligned_alloc(4096, d->page_size);
    if (page == NULL)
        return JET_errOutOfMemory;
    err = db_read_page(d, DB_PGNO_SPACE, page);
    free(page);
    return err;
}

static JET_ERR attach_db(sess *s, const char *path, uint32_t cpg_max, JET_GRBIT grbit);

JET_ERR db_attach(sess *s, const char *path, uint32_t cpg_max, JET_GRBIT grbit)
{
    CALL(bk_tach_enter(s->owner));    /* backup hook, see db_create */
    JET_ERR err = attach_db(s, path, cpg_max, grbit);
    bk_tach_leave(s->owner);
    return err;
}

static JET_ERR attach_db(sess *s, const char *path, uint32_t cpg_max, JET_GRBIT grbit)
{
    inst *in = s->owner;
    struct db_set *set;
    char *full = NULL;
    db *d = NULL;
    uint64_t t0 = os_time_mono_ns();
    JET_ERR err;

    CALL(set_of(in, &set));
    CALL(abs_path(path, &full));
    pthread_mutex_lock(&set->mu);
    err = reserve(in, full, &d);
    if (err != JET_errSuccess)
        goto done;     /* includes JET_wrnDatabaseAttached */
    d->cpg_max = cpg_max;
    d->read_only = (grbit & JET_bitDbReadOnly) != 0;
    d->logged = db_log_enabled(in) && !d->read_only;
    err = attach_open(in, d);
    if (err >= 0 && !d->read_only) {
        db_hdr *h = &d->hdr;
        err = db_log_attach(in, d, &h->lgpos_attach);
        if (err >= 0) {
            logtime_now(&h->logtime_attach);
            if (d->logged)
                db_log_signature(in, &h->sign_log);
            else
                memset(&h->sign_log, 0, sizeof h->sign_log);
            h->dbstate = JET_dbstateDirtyShutdown;
            memset(&h->lgpos_consistent, 0, sizeof h->lgpos_consistent);
            h->gen_min_required = h->gen_max_required = h->gen_max_committed =
                (uint32_t)h->lgpos_attach.lGeneration;
            pthread_mutex_lock(&d->mu);
            err = db_write_header_locked(d);
            pthread_mutex_unlock(&d->mu);
        }
    }
    if (err >= 0)
        err = st_db_open(d, d->logged ? in->log : NULL, &in->op_lock, (uint16_t)d->hdr.dbid,
                         false, &d->store);
    if (err < 0) {
        close_files(d);
        unregister(d);
        goto done;
    }
    set_state(d, DB_ATTACHED);
    tach_event(d, EV_DB_ATTACH_DONE, t0);
    err = JET_errSuccess;
done:
    pthread_mutex_unlock(&set->mu);
    free(full);
    return err;
}

/* ---- detach ------------------------------------------------------------------------- */

/* Write the clean-shutdown header (read-write attachments). */
static JET_ERR write_clean_header(db *d)
{
    if (d->read_only)
        return JET_errSuccess;
    CALL(db_flush(d));
    JET_LGPOS pos;
    CALL(db_log_detach(d->owner, d, &pos));
    pthread_mutex_lock(&d->mu);
    db_hdr saved = d->hdr, *h = &d->hdr;
    JET_LOGTIME now;
    logtime_now(&now);
    h->dbstate = JET_dbstateCleanShutdown;
    h->lgpos_consistent = h->lgpos_detach = pos;
    h->logtime_consistent = h->logtime_detach = now;
    h->gen_min_required = h->gen_max_required = h->gen_max_committed = 0;
    memset(&h->logtime_gen_max_create, 0, sizeof h->logtime_gen_max_create);
    memset(&h->logtime_gen_max_required, 0, sizeof h->logtime_gen_max_required);
    JET_ERR err = db_write_header_locked(d);
    if (err < 0)
        d->hdr = saved;    /* still attached and dirty; the caller may retry */
    pthread_mutex_unlock(&d->mu);
    return err;
}

/* Close every session's opens of d (JET_bitForceCloseAndDetach); set->mu held. */
static void force_close(struct db_set *set, db *d)
{
    for (struct db_sess *ds = set->sessions; ds != NULL; ds = ds->next)
        for (size_t i = 0; i < ds->n; i++)
            if (ds->ents[i].dbid == d->dbid) {
                sess_drop(ds, &ds->ents[i], ds->ents[i].count);
                break;
            }
}

/* Detach one pinned database of the set (set->mu held).  clean = false
 * leaves the header dirty (JetTerm with JET_bitTermDirty). */
static JET_ERR detach_one(struct db_set *set, db *d, JET_GRBIT grbit, bool clean)
{
    uint64_t t0 = os_time_mono_ns();
    if (d->opens > 0) {
        if (!(grbit & (JET_bitForceCloseAndDetach & ~JET_bitForceDetach)))
            return JET_errDatabaseInUse;
        force_close(set, d);
    }
    /* Version store hook: versions of this database's trees go now (and
     * its flagged rows with them); refused while a transaction has
     * uncommitted changes in it. */
    if (d->store != NULL && d->owner != NULL)
        CALL(vs_db_detach(d->owner->vs, d->store));
    set_state(d, DB_DETACHING);
    /* Every dirty page reaches the file before the header says "clean";
     * a dirty termination drops them (the log has them). */
    JET_ERR err = JET_errSuccess;
    if (clean && d->store != NULL)
        err = st_db_flush(d->store);
    if (err >= 0 && clean)
        err = write_clean_header(d);
    if (err >= 0 && d->store != NULL) {
        err = st_db_close(d->store, false);
        d->store = NULL;
    }
    if (err < 0) {
        char code[16];
        snprintf(code, sizeof code, "%d", (int)err);
        const char *strings[] = { d->path, code };
        db_event(d->owner, EV_DB_PARTIALLY_DETACHED, JETDB_EVENT_ERROR, 2, strings);
        set_state(d, DB_ATTACHED);
        return err;
    }
    KEEP(err, close_files(d));
    if (clean)
        tach_event(d, EV_DB_DETACH_DONE, t0);
    unregister(d);
    return err;
}

static JET_ERR detach_db(sess *s, const char *path, JET_GRBIT grbit);

JET_ERR db_detach(sess *s, const char *path, JET_GRBIT grbit)
{
    CALL(bk_tach_enter(s->owner));    /* backup hook, see db_create */
    JET_ERR err = detach_db(s, path, grbit);
    bk_tach_leave(s->owner);
    return err;
}

static JET_ERR detach_db(sess *s, const char *path, JET_GRBIT grbit)
{
    inst *in = s->owner;
    struct db_set *set;
    JET_ERR err = JET_errSuccess;
    CALL(set_of(in, &set));
    if (path == NULL || path[0] == '\0') {
        /* Detach all: each one, keeping the first error. */
        db **list;
        size_t n;
        pthread_mutex_lock(&set->mu);
        err = db_list_attached(in, &list, &n);
        for (size_t i = 0; err >= 0 && i < n; i++)
            KEEP(err, detach_one(set, list[i], grbit, true));
        if (list != NULL)
            db_list_free(list, n);
        pthread_mutex_unlock(&set->mu);
        return err;
    }
    char *full;
    CALL(abs_path(path, &full));
    db *d;
    pthread_mutex_lock(&set->mu);
    err = find_attached(in, full, &d);
    if (err >= 0) {
        err = detach_one(set, d, grbit, true);
        db_unpin(d);
    }
    pthread_mutex_unlock(&set->mu);
    free(full);
    return err;
}

JET_ERR db_set_destroy(inst *in, bool clean)
{
    pthread_mutex_lock(&in->mu);
    struct db_set *set = in->dbs;
    in->dbs = NULL;
    pthread_mutex_unlock(&in->mu);
    if (set == NULL)
        return JET_errSuccess;

    JET_ERR err = JET_errSuccess;
    pthread_mutex_lock(&set->mu);
    db **list = NULL;
    size_t n = 0;
    KEEP(err, db_list_attached(in, &list, &n));
    for (size_t i = 0; i < n; i++) {
        db *d = list[i];
        /* Sessions are gone by now; whatever they left open is closed. */
        force_close(set, d);
        JET_ERR e = detach_one(set, d, JET_bitForceCloseAndDetach, clean);
        if (e < 0) {
            /* The header could not be made clean: release the file anyway,
             * it stays dirty and recovery deals with it. */
            KEEP(err, e);
            set_state(d, DB_DETACHING);
            if (d->store != NULL)
                (void)st_db_close(d->store, false);
            d->store = NULL;
            close_files(d);
            unregister(d);
        }
    }
    if (list != NULL)
        db_list_free(list, n);
    /* Open tables of sessions that were never ended through
     * db_session_end: unlink them from the set (their sessions still point
     * at them and free them in db_session_end). */
    for (struct db_sess *ds = set->sessions; ds != NULL; ds = ds->next)
        ds->set = NULL;
    set->sessions = NULL;
    pthread_mutex_unlock(&set->mu);
    pthread_mutex_destroy(&set->mu);
    free(set);
    return err;
}

/* ---- open / close / session end ---------------------------------------------------- */

JET_ERR db_open(sess *s, const char *path, JET_GRBIT grbit, JET_DBID *pdbid)
{
    inst *in = s->owner;
    struct db_set *set;
    char *full;
    db *d;
    CALL(set_of(in, &set));
    CALL(abs_path(path, &full));
    pthread_mutex_lock(&set->mu);
    JET_ERR err = find_attached(in, full, &d);
    if (err < 0)
        goto done;
    bool exclusive = (grbit & JET_bitDbExclusive) != 0;
    db_open_ent *mine = sess_find(s, d->dbid);
    int my_count = mine != NULL ? mine->count : 0;
    if (d->exclusive && (mine == NULL || !mine->exclusive))
        err = JET_errDatabaseLocked;      /* someone else holds it exclusively */
    else if (exclusive && d->opens > my_count)
        err = JET_errDatabaseLocked;      /* others have it open */
    else if (mine == NULL && s->dbs != NULL && s->dbs->n > 0 &&
             par_num(in, JET_paramOneDatabasePerSession) != 0)
        err = JET_errOneDatabasePerSession;
    if (err >= 0)
        err = sess_add_open(set, s, d, exclusive);
    if (err >= 0) {
        *pdbid = d->dbid;
        /* A read-only attachment opened for writing still opens, read-only. */
        err = d->read_only && !(grbit & JET_bitDbReadOnly) ? JET_wrnFileOpenReadOnly
                                                           : JET_errSuccess;
    }
    db_unpin(d);
done:
    pthread_mutex_unlock(&set->mu);
    free(full);
    return err;
}

JET_ERR db_close(sess *s, JET_DBID dbid, JET_GRBIT grbit)
{
    (void)grbit;
    struct db_set *set;
    CALL(set_of(s->owner, &set));
    pthread_mutex_lock(&set->mu);
    db_open_ent *e = sess_find(s, dbid);
    JET_ERR err = JET_errInvalidDatabaseId;
    if (e != NULL) {
        sess_drop(s->dbs, e, 1);
        err = JET_errSuccess;
    }
    pthread_mutex_unlock(&set->mu);
    return err;
}

void db_session_end(sess *s)
{
    struct db_sess *ds = s->dbs;
    if (ds == NULL)
        return;
    struct db_set *set = NULL;
    pthread_mutex_lock(&s->owner->mu);
    set = s->owner->dbs;
    pthread_mutex_unlock(&s->owner->mu);
    if (set != NULL && set == ds->set) {
        pthread_mutex_lock(&set->mu);
        while (ds->n > 0)
            sess_drop(ds, &ds->ents[0], ds->ents[0].count);
        if (ds->prev != NULL)
            ds->prev->next = ds->next;
        else
            set->sessions = ds->next;
        if (ds->next != NULL)
            ds->next->prev = ds->prev;
        pthread_mutex_unlock(&set->mu);
    }
    s->dbs = NULL;
    free(ds->ents);
    free(ds);
}

JET_ERR db_pin_opened(sess *s, JET_DBID dbid, db **out)
{
    *out = NULL;
    struct db_set *set;
    CALL(set_of(s->owner, &set));
    pthread_mutex_lock(&set->mu);
    JET_ERR err = JET_errInvalidDatabaseId;
    if (sess_find(s, dbid) != NULL)
        err = db_pin_attached(s->owner, dbid, out);
    pthread_mutex_unlock(&set->mu);
    return err;
}

/* ---- information ------------------------------------------------------------------- */

/* Bytes the file occupies on disk (allocated blocks).  A metadata query
 * the os layer has no wrapper for; fstat is not an I/O the fault hook
 * counts. */
static JET_ERR size_on_disk(os_file *f, uint64_t *size)
{
    struct stat st;
    if (fstat(os_file_fd(f), &st) != 0)
        return JET_errDiskIO;
    *size = (uint64_t)st.st_blocks * 512u;
    return JET_errSuccess;
}

/* ESE's fixed answers for the legacy info levels. */
#define DB_INFO_COUNTRY 1         /* countryDefault */
#define DB_INFO_LCID 0x409        /* en-US, the default locale */
#define DB_INFO_CP 1252           /* usEnglishCodePage */
#define DB_INFO_TRANSACTIONS 7    /* levelUserMost */

/* Copy a UTF-8 string as A (width 0) or W text; JET_errBufferTooSmall when
 * it does not fit. */
static JET_ERR put_string(const char *str, void *pv, uint32_t cb, size_t width)
{
    if (width == 0) {
        size_t n = strlen(str) + 1;
        if (n > cb)
            return JET_errBufferTooSmall;
        memcpy(pv, str, n);
        return JET_errSuccess;
    }
    return utf_utf8_to_wide(str, pv, cb, width, NULL);
}

static JET_ERR put_u32(void *pv, uint32_t cb, uint32_t v, JET_ERR size_err)
{
    if (cb != sizeof v)
        return size_err;
    memcpy(pv, &v, sizeof v);
    return JET_errSuccess;
}

JET_ERR db_get_info(sess *s, JET_DBID dbid, void *pv, uint32_t cb, uint32_t level, size_t width)
{
    db *d;
    CALL(db_pin_opened(s, dbid, &d));
    JET_ERR err = JET_errSuccess;
    uint64_t size;
    switch (level) {
    case JET_DbInfoFilename:
        err = put_string(d->path, pv, cb, width);
        break;
    case JET_DbInfoConnect:
        if (cb < (width ? width : 1))
            err = JET_errBufferTooSmall;
        else
            memset(pv, 0, width ? width : 1);
        break;
    case JET_DbInfoCountry:
        err = put_u32(pv, cb, DB_INFO_COUNTRY, JET_errInvalidBufferSize);
        break;
    case JET_DbInfoLCID:
        err = put_u32(pv, cb, DB_INFO_LCID, JET_errInvalidBufferSize);
        break;
    case JET_DbInfoCp:
        err = put_u32(pv, cb, DB_INFO_CP, JET_errInvalidBufferSize);
        break;
    case JET_DbInfoCollate:
        err = put_u32(pv, cb, 0, JET_errInvalidBufferSize);
        break;
    case JET_DbInfoOptions: {
        struct db_set *set;
        bool excl = false;
        err = set_of(s->owner, &set);
        if (err >= 0) {
            pthread_mutex_lock(&set->mu);
            db_open_ent *e = sess_find(s, dbid);
            excl = e != NULL && e->exclusive;
            pthread_mutex_unlock(&set->mu);
            err = put_u32(pv, cb, excl ? JET_bitDbExclusive : 0, JET_errInvalidBufferSize);
        }
        break;
    }
    case JET_DbInfoTransactions:
        err = put_u32(pv, cb, DB_INFO_TRANSACTIONS, JET_errInvalidBufferSize);
        break;
    case JET_DbInfoVersion:
        err = put_u32(pv, cb, DB_ESE_VERSION, JET_errInvalidBufferSize);
        break;
    case JET_DbInfoIsam:
        err = JET_errFeatureNotAvailable;
        break;
    case JET_DbInfoFilesize:
    case JET_DbInfoFilesizeOnDisk:
        /* Pages, header pages included (ESE: the file's size in pages). */
        if (cb < sizeof(uint32_t)) {
            err = JET_errInvalidBufferSize;
            break;
        }
        err = level == JET_DbInfoFilesize ? os_file_size(d->file, &size)
                                          : size_on_disk(d->file, &size);
        if (err >= 0) {
            uint64_t pages = size / d->page_size;
            uint32_t v = pages > UINT32_MAX ? UINT32_MAX : (uint32_t)pages;
            memcpy(pv, &v, sizeof v);
        }
        break;
    case JET_DbInfoSpaceOwned:
    case JET_DbInfoSpaceAvailable: {
        uint32_t owned = 0, avail = 0;
        if (cb != sizeof(uint32_t)) {
            err = JET_errInvalidBufferSize;
            break;
        }
        err = d->store != NULL ? st_space_info(d->store, &owned, &avail)
                               : db_space_info(d, &owned, &avail);
        if (err >= 0)
            memcpy(pv, level == JET_DbInfoSpaceOwned ? &owned : &avail, sizeof owned);
        break;
    }
    case JET_DbInfoMisc:
        if (!db_misc_size_ok(cb)) {
            err = JET_errInvalidBufferSize;
            break;
        }
        pthread_mutex_lock(&d->mu);
        db_hdr_to_misc(&d->hdr, pv, cb);
        pthread_mutex_unlock(&d->mu);
        break;
    case JET_DbInfoPageSize:
        err = put_u32(pv, cb, d->page_size, JET_errBufferTooSmall);
        break;
    default:
        err = JET_errInvalidParameter;
        break;
    }
    db_unpin(d);
    return err;
}

JET_ERR db_get_file_info(const char *path, void *pv, uint32_t cb, uint32_t level, size_t width)
{
    (void)width;
    char *full;
    CALL(abs_path(path, &full));
    os_file *f = NULL;
    db_hdr h;
    db_hdr_src src;
    uint64_t size = 0;
    JET_ERR err = JET_errSuccess;

    /* Check the buffer before touching the file (ESE's order). */
    switch (level) {
    case JET_DbInfoMisc:
        if (!db_misc_size_ok(cb))
            err = JET_errInvalidBufferSize;
        break;
    case JET_DbInfoPageSize:
        if (cb != sizeof(uint32_t))
            err = JET_errBufferTooSmall;
        break;
    case JET_DbInfoFilesize:
    case JET_DbInfoFilesizeOnDisk:
        if (cb != sizeof(uint64_t))
            err = JET_errInvalidBufferSize;
        break;
    case JET_DbInfoDBInUse:
    case JET_DbInfoFileType:
        if (cb != sizeof(uint32_t))
            err = JET_errInvalidBufferSize;
        break;
    case JET_DbInfoUpgrade:
        if (cb != sizeof(JET_DBINFOUPGRADE))
            err = JET_errInvalidBufferSize;
        break;
    default:
        err = JET_errInvalidParameter;
        break;
    }
    if (err < 0)
        goto done;
    if (level == JET_DbInfoDBInUse) {
        uint32_t v = path_attached(full);
        memcpy(pv, &v, sizeof v);
        goto done;
    }
    CHECK(os_open(full, OS_OPEN_READ, &f));
    switch (level) {
    case JET_DbInfoFilesize:
        CHECK(os_file_size(f, &size));
        memcpy(pv, &size, sizeof size);
        break;
    case JET_DbInfoFilesizeOnDisk:
        CHECK(size_on_disk(f, &size));
        memcpy(pv, &size, sizeof size);
        break;
    default:
        CHECK(db_hdr_read(f, &h, &src));
        if (level == JET_DbInfoMisc) {
            db_hdr_to_misc(&h, pv, cb);
        } else if (level == JET_DbInfoPageSize || level == JET_DbInfoFileType) {
            uint32_t v = level == JET_DbInfoPageSize ? h.page_size : h.filetype;
            memcpy(pv, &v, sizeof v);
        } else {
            JET_DBINFOUPGRADE up;
            memset(&up, 0, sizeof up);
            CHECK(os_file_size(f, &size));
            up.cbStruct = sizeof up;
            up.cbFilesizeLow = (uint32_t)size;
            up.cbFilesizeHigh = (uint32_t)(size >> 32);
            up.fAlreadyUpgraded = 1;    /* jetdb has one format */
            memcpy(pv, &up, sizeof up);
        }
        break;
    }
done:
    if (f != NULL)
        os_close(f);
    free(full);
    return err;
}

/* ---- replay ---------------------------------------------------------------------------- */

JET_ERR db_open_for_redo(inst *in, const char *path, uint16_t dbid, db **out)
{
    db *d = calloc(1, sizeof *d);
    if (d == NULL || (d->path = strdup(path)) == NULL) {
        free(d);
        return JET_errOutOfMemory;
    }
    atomic_init(&d->pins, 1);
    pthread_mutex_init(&d->mu, NULL);
    d->owner = in;
    d->logged = true;
    d->state = DB_ATTACHING;
    JET_ERR err;
    if (!os_exists(path)) {
        err = JET_errFileNotFound;
        goto fail;
    }
    CHECK(os_open(path, OS_OPEN_RDWR, &d->file));
    CHECK(os_lock_exclusive(path, &d->lock));
    db_hdr_src src;
    CHECK(db_hdr_read(d->file, &d->hdr, &src));
    JET_SIGNATURE sign_log;
    db_log_signature(in, &sign_log);
    if (!signature_is_zero(&d->hdr.sign_log) && !signature_equal(&d->hdr.sign_log, &sign_log)) {
        err = JET_errDatabaseLogSetMismatch;
        goto fail;
    }
    d->page_size = d->hdr.page_size;
    d->hdr.dbid = dbid;
    CHECK(file_pages(d, &d->pgno_file_last));
    atomic_store(&d->dbtime, d->hdr.dbtime + 1);
    *out = d;
    return JET_errSuccess;
done:
fail:
    close_files(d);
    db_unpin(d);
    return err;
}

JET_ERR db_close_after_redo(db *d, uint64_t max_dbtime, bool ok, const JET_LGPOS *consistent)
{
    JET_ERR err = JET_errSuccess;
    if (ok) {
        err = db_flush(d);
        pthread_mutex_lock(&d->mu);
        uint64_t next = atomic_load(&d->dbtime);
        if (max_dbtime + 1 > next)
            atomic_store(&d->dbtime, max_dbtime + 1);
        db_hdr *h = &d->hdr;
        JET_LOGTIME now;
        logtime_now(&now);
        h->dbstate = JET_dbstateCleanShutdown;
        h->lgpos_consistent = h->lgpos_detach = *consistent;
        h->logtime_consistent = h->logtime_detach = now;
        h->gen_min_required = h->gen_max_required = h->gen_max_committed = 0;
        if (err >= 0)
            err = db_write_header_locked(d);
        pthread_mutex_unlock(&d->mu);
    }
    KEEP(err, close_files(d));
    db_unpin(d);
    return err;
}
