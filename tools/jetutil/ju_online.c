/*
 * ju_online.c: jetutil modes that start an engine instance or copy files —
 * /r (soft recovery), backup (JetBackupInstance), stream-backup (the
 * streaming backup API written as a tar stream) and /y (file copy); /g is
 * in ju_integ.c.
 *
 * Recovery and the backups go through the public API only.
 */
#include "ju.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db/db.h"
#include "jetdb.h"
#include "log/log.h"
#include "util/logtime.h"

#define COPY_CHUNK (8u << 20)
#define STREAM_CHUNK (1u << 20)

/* The context of the status callbacks (the engine passes no user pointer). */
static ju *g_u;

/* A folder path with the trailing '/' the engine's folder parameters use. */
static char *folder_param(const char *dir)
{
    size_t n = strlen(dir);
    char *p = malloc(n + 2);
    if (p == NULL)
        return NULL;
    memcpy(p, dir, n + 1);
    if (n == 0 || p[n - 1] != '/') {
        p[n] = '/';
        p[n + 1] = '\0';
    }
    return p;
}

/* Report a failed engine call and return its error. */
static JET_ERR engine_fail(ju *u, const char *file, JET_ERR err, const char *what)
{
    ju_problem(u, 0, file, err, "%s failed", what);
    return err;
}

/* Create and start an instance on logdir/sysdir with base name base;
 * altdb (may be NULL): JET_paramAlternateDatabaseRecoveryPath. */
static JET_ERR start_instance(ju *u, const char *logdir, const char *sysdir, const char *base,
                              bool recovery, const char *altdb, JET_INSTANCE *out)
{
    JET_INSTANCE in = 0;
    JET_ERR err;
    char *lp = folder_param(logdir), *sp = folder_param(sysdir);
    /* The engine's event log would go to syslog; the tool prints its own
     * messages. */
    JetDbSetEventCallback(NULL, NULL, JETDB_bitEventNoSyslog);
    if (lp == NULL || sp == NULL) {
        err = JET_errOutOfMemory;
        goto done;
    }
    err = JetCreateInstanceA(&in, "jetutil");
    if (err < 0)
        goto done;
    char b[16];
    unsigned legacy = LOG_LEGACY_ESE98 | LOG_LEGACY_8DOT3;
    if (ju_log_detect(logdir, base, b, &legacy) && !(legacy & LOG_LEGACY_ESE98))
        (void)JetSetSystemParameterA(&in, 0, JET_paramLegacyFileNames, 0, NULL);
    if ((err = JetSetSystemParameterA(&in, 0, JET_paramLogFilePath, 0, lp)) < 0 ||
        (err = JetSetSystemParameterA(&in, 0, JET_paramSystemPath, 0, sp)) < 0 ||
        (err = JetSetSystemParameterA(&in, 0, JET_paramTempPath, 0, sp)) < 0 ||
        (err = JetSetSystemParameterA(&in, 0, JET_paramBaseName, 0, base)) < 0 ||
        /* lets JetBackupInstance create a new destination folder */
        (err = JetSetSystemParameterA(&in, 0, JET_paramCreatePathIfNotExist, 1, NULL)) < 0 ||
        (!recovery && (err = JetSetSystemParameterA(&in, 0, JET_paramRecovery, 0, "Off")) < 0) ||
        (altdb != NULL && (err = JetSetSystemParameterA(
                               &in, 0, JET_paramAlternateDatabaseRecoveryPath, 0, altdb)) < 0))
        goto done;
    err = JetInit(&in);
done:
    if (err < 0) {
        ju_problem(u, 0, logdir, err, "cannot start an instance on the log folder");
        if (in != 0)
            (void)JetTerm2(in, JET_bitTermAbrupt);
        in = 0;
    }
    free(lp);
    free(sp);
    *out = in;
    return err;
}

/* ---- /r -------------------------------------------------------------------------- */

/* A database the logs name (checkpoint attach list, CREATEDB/ATTACHDB/
 * DETACHDB records from the checkpoint on). */
typedef struct logged_db {
    char *logged;               /* the path the log recorded */
    char *path;                 /* where recovery looks for it (/d relocates) */
    bool attached;              /* attached at the end of the log */
    bool found;                 /* the file existed before recovery */
} logged_db;

typedef struct logged_set {
    logged_db *v;
    size_t n, cap;
} logged_set;

/* Note that the log names `path` (attached or not at this point). */
static void logged_note(logged_set *ls, const char *path, bool attached)
{
    for (size_t i = 0; i < ls->n; i++) {
        if (strcmp(ls->v[i].logged, path) == 0) {
            ls->v[i].attached = attached;
            return;
        }
    }
    if (ls->n == ls->cap) {
        size_t cap = ls->cap ? ls->cap * 2 : 8;
        logged_db *v = realloc(ls->v, cap * sizeof *v);
        if (v == NULL)
            return;
        ls->v = v;
        ls->cap = cap;
    }
    logged_db *d = &ls->v[ls->n];
    memset(d, 0, sizeof *d);
    d->logged = strdup(path);
    if (d->logged == NULL)
        return;
    d->attached = attached;
    ls->n++;
}

static void logged_free(logged_set *ls)
{
    for (size_t i = 0; i < ls->n; i++) {
        free(ls->v[i].logged);
        free(ls->v[i].path);
    }
    free(ls->v);
}

/* The databases recovery will look for: the checkpoint's attach list and
 * the attach records from the checkpoint to the end of the log (a log that
 * does not read is left for the engine to report). */
static void logged_collect(const char *logdir, const char *sysdir, const char *base,
                           unsigned legacy, logged_set *ls)
{
    memset(ls, 0, sizeof *ls);
    log_checkpoint cp;
    log_lsn start = 0;
    if (log_checkpoint_read(sysdir, base, legacy, &cp) >= 0) {
        start = cp.lsn;
        for (uint32_t i = 0; i < cp.nattach && i < LOG_ATTACH_MAX; i++)
            if (cp.attach[i].dbid != 0)
                logged_note(ls, cp.attach[i].path, true);
    }
    log_reader *r;
    if (log_reader_open(logdir, base, legacy, start, &r) < 0)
        return;
    for (;;) {
        const void *rec;
        size_t len;
        log_lsn lsn;
        if (log_reader_next(r, &rec, &len, &lsn) < 0 || rec == NULL)
            break;
        const log_rec_hdr *h = rec;
        if (h->type != LOG_REC_CREATEDB && h->type != LOG_REC_ATTACHDB &&
            h->type != LOG_REC_DETACHDB)
            continue;
        db_logrec_info info;
        if (db_logrec_parse(rec, len, &info) >= 0)
            logged_note(ls, info.path, h->type != LOG_REC_DETACHDB);
    }
    log_reader_close(r);
}

/* The state text and JSON name of a database file after recovery. */
static const char *state_name(uint32_t st, bool json)
{
    switch (st) {
    case JET_dbstateJustCreated: return json ? "just_created" : "Just Created";
    case JET_dbstateDirtyShutdown: return json ? "dirty_shutdown" : "Dirty Shutdown";
    case JET_dbstateCleanShutdown: return json ? "clean_shutdown" : "Clean Shutdown";
    case JET_dbstateBeingConverted: return json ? "being_converted" : "Being Converted";
    default: return json ? "illegal" : "Illegal";
    }
}

/* The databases the logs name, each with its state (after recovery when
 * recovered is true: one that is not clean then gets a warning). */
static void report_dbs(ju *u, const logged_set *ls, bool recovered)
{
    /* What became of each database the logs name. */
    ju_arr(u, "databases");
    if (ls->n > 0)
        ju_text(u, "\nDatabases named by the logs:\n");
    for (size_t i = 0; i < ls->n; i++) {
        const logged_db *d = &ls->v[i];
        const char *p = d->path ? d->path : d->logged;
        ju_item(u);
        ju_json_str(u, "logged_path", d->logged);
        ju_json_str(u, "path", p);
        ju_json_bool(u, "found", d->found);
        ju_json_bool(u, "attached", d->attached);
        ju q;
        ju_init(&q, false, true, false);
        q.quiet = true;
        db_hdr h;
        ju_dbfile f;
        if (d->found && ju_db_probe(&q, p, &h, &f) == 0) {
            close(f.fd);
            ju_text(u, "    %s: %s\n", p, state_name(h.dbstate, false));
            ju_json_str(u, "state", state_name(h.dbstate, true));
            if (recovered && h.dbstate != JET_dbstateCleanShutdown && d->attached)
                ju_warn(u, "%s is not in Clean Shutdown after recovery", p);
        } else if (d->found) {
            ju_text(u, "    %s: unreadable header\n", p);
            ju_json_str(u, "state", "unreadable");
        } else {
            ju_text(u, "    %s: not found%s\n", p,
                    d->attached ? " (not recovered)" : " (detached in the logs)");
            ju_json_str(u, "state", "missing");
            if (d->attached && recovered)
                ju_warn(u, "%s was not found and was not recovered (/i)", p);
        }
        ju_end(u);
    }
    ju_arr_end(u);
}

int ju_mode_recover(ju *u, const ju_opts *o)
{
    ju_begin(u, "r", "Initiating RECOVERY mode...");
    u->label_width = 21;
    const char *logdir = o->log_path ? o->log_path : ".";
    const char *sysdir = o->system_path ? o->system_path : logdir;
    ju_str(u, "base_name", "Logfile base name", o->file);
    /* esentutl's text for a default folder; JSON gets the path used */
    ju_str(u, NULL, "Log files", o->log_path ? logdir : "<current directory>");
    ju_json_str(u, "log_path", logdir);
    ju_str(u, NULL, "System files",
           o->system_path || o->log_path ? sysdir : "<current directory>");
    ju_json_str(u, "system_path", sysdir);
    if (o->db_path != NULL) {
        ju_str(u, NULL, "Database Directory",
               o->db_path_cwd ? "<current directory>" : o->db_path);
        ju_json_str(u, "database_path", o->db_path);
    }
    if (strlen(o->file) != 3) {
        ju_problem(u, JU_EXIT_USAGE, o->file, JET_errInvalidParameter,
                   "the log base name must have exactly 3 characters (e.g. edb)");
        return ju_finish(u, JET_errInvalidParameter);
    }
    if (!ju_is_dir(logdir)) {
        ju_problem(u, JU_EXIT_IO, logdir, JET_errInvalidPath, "no such log folder");
        return ju_finish(u, JET_errInvalidPath);
    }
    if (!ju_is_dir(sysdir)) {
        ju_problem(u, JU_EXIT_IO, sysdir, JET_errInvalidPath, "no such system folder");
        return ju_finish(u, JET_errInvalidPath);
    }
    if (o->db_path != NULL && !ju_is_dir(o->db_path)) {
        ju_problem(u, JU_EXIT_IO, o->db_path, JET_errInvalidPath,
                   "no such database folder (/d names the folder that now holds the "
                   "databases the logs name)");
        return ju_finish(u, JET_errInvalidPath);
    }
    char b[16];
    unsigned legacy;
    if (!ju_log_detect(logdir, o->file, b, &legacy)) {
        /* Without logs JetInit would silently start a new stream. */
        ju_problem(u, JU_EXIT_INCONSISTENT, logdir, JET_errMissingLogFile,
                   "no log files with base name %s", o->file);
        return ju_finish(u, JET_errMissingLogFile);
    }
    /* Where recovery will look for each database the logs name. */
    logged_set ls;
    logged_collect(logdir, sysdir, b, legacy, &ls);
    for (size_t i = 0; i < ls.n; i++) {
        logged_db *d = &ls.v[i];
        if (o->db_path != NULL) {
            const char *slash = strrchr(d->logged, '/');
            d->path = ju_path(o->db_path, slash ? slash + 1 : d->logged);
        } else {
            d->path = strdup(d->logged);
        }
        d->found = d->path != NULL && ju_is_file(d->path);
        if (o->db_path != NULL && d->path != NULL)
            ju_text(u, "%*s: %s -> %s\n", u->label_width, "Database relocated", d->logged,
                    d->path);
    }
    /* ESE refuses to recover a stream whose attached database is missing
     * (JET_errAttachedDatabaseMismatch) unless told to ignore it (/i): the
     * checkpoint would move past the logs that database needs. */
    size_t nmissing = 0;
    for (size_t i = 0; i < ls.n; i++)
        if (ls.v[i].attached && !ls.v[i].found)
            nmissing++;
    if (nmissing > 0 && !o->ignore_missing) {
        for (size_t i = 0; i < ls.n; i++)
            if (ls.v[i].attached && !ls.v[i].found)
                ju_problem(u, JU_EXIT_INCONSISTENT,
                           ls.v[i].path ? ls.v[i].path : ls.v[i].logged,
                           JET_errAttachedDatabaseMismatch,
                           "the logs name this attached database and it is not there%s",
                           o->db_path != NULL ? ""
                                              : ": if it moved, give its folder with /d");
        report_dbs(u, &ls, false);
        ju_text(u, "\nNothing was recovered: /i recovers the other databases and gives up "
                   "the missing one%s.\n",
                nmissing > 1 ? "s" : "");
        logged_free(&ls);
        return ju_finish(u, JET_errAttachedDatabaseMismatch);
    }
    ju_text(u, "\nPerforming soft recovery...\n");
    JET_INSTANCE in;
    /* The engine wants an absolute folder; "." is the current one. */
    char *alt = o->db_path != NULL ? realpath(o->db_path, NULL) : NULL;
    JET_ERR err = start_instance(u, logdir, sysdir, o->file, true, alt, &in);
    free(alt);
    if (err >= 0) {
        err = JetTerm(in);
        if (err < 0)
            ju_problem(u, 0, logdir, err, "terminating the instance after recovery");
    } else if (err == JET_errMissingLogFile || err == JET_errCommittedLogFilesMissing ||
               err == JET_errCommittedLogFileCorrupt) {
        ju_text(u, "Some logs are missing or damaged; the databases cannot be brought up to "
                   "date.\n");
    }
    report_dbs(u, &ls, err >= 0);
    logged_free(&ls);
    if (err >= 0)
        ju_text(u, "\nRecovery finished: every database replayed is in Clean Shutdown.\n");
    return ju_finish(u, err);
}

/* ---- databases of an instance folder ------------------------------------------------ */

/* The stream signature of the logs in dir (from the current log, else the
 * newest archived one). */
static bool stream_signature(const char *dir, const char *base, JET_SIGNATURE *sig)
{
    char b[16];
    unsigned legacy;
    if (!ju_log_detect(dir, base, b, &legacy))
        return false;
    char name[LOG_NAME_MAX];
    log_file_hdr h;
    (void)log_name_current(b, legacy, name, sizeof name);
    char *p = ju_path(dir, name);
    bool ok = p && log_read_header(p, &h) >= 0;
    free(p);
    if (!ok) {
        uint32_t lo, hi;
        if (log_gen_range(dir, b, legacy, &lo, &hi) < 0 || hi == 0)
            return false;
        (void)log_name_archived(b, legacy, hi, name, sizeof name);
        p = ju_path(dir, name);
        ok = p && log_read_header(p, &h) >= 0;
        free(p);
    }
    if (ok)
        *sig = h.sign_log;
    return ok;
}

/* Databases in dir tied to the stream signature sig (malloc'd paths). */
static char **find_databases(ju *u, const char *dir, const JET_SIGNATURE *sig, size_t *count)
{
    size_t n = 0, k = 0;
    char **names = ju_list_dir(dir, &n);
    char **out = calloc(n + 1, sizeof *out);
    for (size_t i = 0; names && out && i < n; i++) {
        char *p = ju_path(dir, names[i]);
        int fd = p && ju_is_file(p) ? open(p, O_RDONLY | O_CLOEXEC) : -1;
        uint32_t magic = 0;
        if (fd >= 0) {
            if (pread(fd, &magic, 4, 4) != 4)
                magic = 0;
            close(fd);
        }
        if (magic == DB_MAGIC) {
            /* A silent probe: a candidate that is not usable is skipped. */
            ju q;
            ju_init(&q, false, true, false);
            q.quiet = true;
            db_hdr h;
            ju_dbfile f;
            int rc = ju_db_probe(&q, p, &h, &f);
            if (rc == 0) {
                close(f.fd);
                if (signature_equal(&h.sign_log, sig) && h.bk[DB_BK_FULL_CUR].genLow == 0) {
                    out[k++] = p;
                    p = NULL;
                }
            }
        }
        free(p);
    }
    (void)u;
    ju_list_free(names, n);
    *count = k;
    return out;
}

/* Start an instance on o->instance_dir and attach its databases. */
static JET_ERR open_instance_dbs(ju *u, const ju_opts *o, JET_INSTANCE *pin, JET_SESID *pses,
                                 char ***pdbs, size_t *pndb)
{
    const char *dir = o->instance_dir;
    const char *base = o->base ? o->base : "edb";
    *pin = 0;
    *pses = 0;
    *pdbs = NULL;
    *pndb = 0;
    if (dir == NULL) {
        ju_problem(u, JU_EXIT_USAGE, NULL, JET_errInvalidParameter, "--instance-dir is required");
        return JET_errInvalidParameter;
    }
    if (!ju_is_dir(dir)) {
        ju_problem(u, JU_EXIT_IO, dir, JET_errInvalidPath, "no such instance folder");
        return JET_errInvalidPath;
    }
    JET_SIGNATURE sig;
    if (!stream_signature(dir, base, &sig)) {
        ju_problem(u, JU_EXIT_INCONSISTENT, dir, JET_errMissingLogFile,
                   "no log stream with base name %s in the instance folder", base);
        return JET_errMissingLogFile;
    }
    char **dbs;
    size_t ndb;
    if (o->ndatabases > 0) {
        dbs = calloc(o->ndatabases, sizeof *dbs);
        for (size_t i = 0; dbs && i < o->ndatabases; i++)
            dbs[i] = strdup(o->databases[i]);
        ndb = dbs ? o->ndatabases : 0;
    } else {
        dbs = find_databases(u, dir, &sig, &ndb);
    }
    *pdbs = dbs;
    *pndb = ndb;
    if (ndb == 0) {
        ju_problem(u, JU_EXIT_IO, dir, JET_errFileNotFound,
                   "no database of this log stream in the instance folder (use --database)");
        return JET_errFileNotFound;
    }
    JET_ERR err = start_instance(u, dir, dir, base, true, NULL, pin);
    if (err < 0)
        return err;
    err = JetBeginSessionA(*pin, pses, NULL, NULL);
    if (err < 0)
        return engine_fail(u, dir, err, "JetBeginSession");
    for (size_t i = 0; i < ndb; i++) {
        err = JetAttachDatabaseA(*pses, dbs[i], 0);
        if (err < 0)
            return engine_fail(u, dbs[i], err, "JetAttachDatabase");
    }
    return JET_errSuccess;
}

/* Detach, end the session and terminate (errors only reported). */
static void close_instance(ju *u, JET_INSTANCE in, JET_SESID ses, char **dbs, size_t ndb)
{
    for (size_t i = 0; ses != 0 && i < ndb; i++)
        (void)JetDetachDatabaseA(ses, dbs[i]);
    if (ses != 0)
        (void)JetEndSession(ses, 0);
    if (in != 0) {
        JET_ERR err = JetTerm(in);
        if (err < 0)
            ju_problem(u, 0, NULL, err, "JetTerm");
    }
    for (size_t i = 0; i < ndb; i++)
        free(dbs[i]);
    free(dbs);
}

/* ---- backup --------------------------------------------------------------------------- */

/* JetBackupInstance's status callback: drive the progress bar. */
static JET_ERR JET_API backup_status(JET_SESID ses, JET_SNP snp, JET_SNT snt, void *pv)
{
    (void)ses;
    (void)snp;
    if (g_u != NULL && snt == JET_sntProgress && pv != NULL) {
        const JET_SNPROG *p = pv;
        if (g_u->pr_title == NULL)
            ju_progress_start(g_u, "Backup", p->cunitTotal ? p->cunitTotal : 1);
        g_u->pr_total = p->cunitTotal ? p->cunitTotal : 1;
        ju_progress(g_u, p->cunitDone);
    }
    return JET_errSuccess;
}

int ju_mode_backup(ju *u, const ju_opts *o)
{
    ju_begin(u, "backup", o->incremental ? "Performing incremental backup..."
                                         : "Performing full backup...");
    u->label_width = 14;
    ju_str(u, "instance_dir", "Instance", o->instance_dir ? o->instance_dir : "");
    ju_str(u, "destination", "Destination", o->file);
    ju_str(u, "type", "Type", o->incremental ? "incremental" : "full");
    ju_bool(u, "atomic", "Atomic", o->atomic, "yes (new/ + old/)", "no");
    JET_INSTANCE in;
    JET_SESID ses;
    char **dbs;
    size_t ndb;
    JET_ERR err = open_instance_dbs(u, o, &in, &ses, &dbs, &ndb);
    if (err >= 0) {
        ju_arr(u, "databases");
        for (size_t i = 0; i < ndb; i++) {
            ju_item(u);
            ju_str(u, "file", "Database", dbs[i]);
            ju_end(u);
        }
        ju_arr_end(u);
        JET_GRBIT grbit = (o->incremental ? JET_bitBackupIncremental : 0) |
                          (o->atomic ? JET_bitBackupAtomic : 0);
        g_u = u;
        err = JetBackupInstanceA(in, o->file, grbit, backup_status);
        g_u = NULL;
        ju_progress_end(u);
        if (err < 0)
            ju_problem(u, JU_EXIT_ENGINE, o->file, err, "JetBackupInstance failed");
    }
    close_instance(u, in, ses, dbs, ndb);
    return ju_finish(u, err);
}

/* ---- stream-backup (tar) ------------------------------------------------------------------ */

/* Where stream-backup writes the tar stream (the original stdout). */
static int g_tar_fd = -1;

/* Write all of buf to the tar stream. */
static int write_all(const void *buf, size_t n)
{
    const char *p = buf;
    while (n > 0) {
        ssize_t w = write(g_tar_fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Octal field of a tar header (NUL-terminated, zero-padded); sizes past
 * 8 GiB use GNU's base-256 form, which every current tar reads. */
static void tar_num(char *field, size_t width, uint64_t v)
{
    if (width == 12 && v >= 077777777777ull) {
        memset(field, 0, width);
        field[0] = (char)0x80;
        for (size_t i = width - 1; i > 0; i--, v >>= 8)
            field[i] = (char)(v & 0xff);
        return;
    }
    snprintf(field, width, "%0*llo", (int)width - 1, (unsigned long long)v);
}

/* Write a ustar header for a regular file. */
static int tar_header(const char *name, uint64_t size)
{
    char h[512];
    memset(h, 0, sizeof h);
    snprintf(h, 100, "%s", name);
    tar_num(h + 100, 8, 0644);
    tar_num(h + 108, 8, 0);
    tar_num(h + 116, 8, 0);
    tar_num(h + 124, 12, size);
    tar_num(h + 136, 12, (uint64_t)time(NULL));
    h[156] = '0';
    memcpy(h + 257, "ustar", 6);
    memcpy(h + 263, "00", 2);
    memset(h + 148, ' ', 8);
    unsigned sum = 0;
    for (size_t i = 0; i < sizeof h; i++)
        sum += (unsigned char)h[i];
    snprintf(h + 148, 8, "%06o", sum);
    h[155] = ' ';
    return write_all(h, sizeof h);
}

/* Zero padding to the next 512-byte boundary after n bytes. */
static int tar_pad(uint64_t n)
{
    static const char zero[512];
    size_t r = (size_t)(n % 512);
    return r ? write_all(zero, 512 - r) : 0;
}

/* Split a double-NUL-terminated list into its strings (pointers into buf). */
static size_t split_szz(char *buf, char **out, size_t max)
{
    size_t n = 0;
    for (char *p = buf; *p != '\0' && n < max; p += strlen(p) + 1)
        out[n++] = p;
    return n;
}

/* Stream one file of the backup as a tar member named after its base name. */
static JET_ERR stream_one(ju *u, JET_INSTANCE in, const char *path, uint8_t *buf,
                          uint64_t *total)
{
    JET_HANDLE hf;
    uint32_t lo = 0, hi = 0;
    JET_ERR err = JetOpenFileInstanceA(in, path, &hf, &lo, &hi);
    if (err < 0)
        return engine_fail(u, path, err, "JetOpenFileInstance");
    uint64_t size = ((uint64_t)hi << 32) | lo, done = 0;
    char *copy = strdup(path);
    const char *name = copy ? basename(copy) : path;
    if (tar_header(name, size) != 0) {
        err = JET_errDiskIO;
        ju_problem(u, JU_EXIT_IO, "stdout", err, "write failed: %s", strerror(errno));
    }
    ju_progress_start(u, name, size);
    while (err >= 0 && done < size) {
        uint32_t got = 0;
        uint32_t want = size - done < STREAM_CHUNK ? (uint32_t)(size - done) : STREAM_CHUNK;
        err = JetReadFileInstance(in, hf, buf, want, &got);
        if (err < 0) {
            engine_fail(u, path, err, "JetReadFileInstance");
            break;
        }
        if (got == 0) {
            err = JET_errFileIOBeyondEOF;
            ju_problem(u, JU_EXIT_ENGINE, path, err, "stream ended before its announced size");
            break;
        }
        if (write_all(buf, got) != 0) {
            err = JET_errDiskIO;
            ju_problem(u, JU_EXIT_IO, "stdout", err, "write failed: %s", strerror(errno));
            break;
        }
        done += got;
        ju_progress(u, done);
    }
    ju_progress_end(u);
    if (err >= 0 && tar_pad(size) != 0) {
        err = JET_errDiskIO;
        ju_problem(u, JU_EXIT_IO, "stdout", err, "write failed: %s", strerror(errno));
    }
    JET_ERR e2 = JetCloseFileInstance(in, hf);
    if (err >= 0 && e2 < 0)
        err = engine_fail(u, path, e2, "JetCloseFileInstance");
    if (err >= 0)
        ju_strf(u, NULL, "Streamed", "%s (%llu bytes)", name, (unsigned long long)size);
    *total += size;
    free(copy);
    return err;
}

int ju_mode_stream_backup(ju *u, const ju_opts *o)
{
    /* The report goes to stderr: stdout carries the tar stream. */
    if (!u->json && isatty(STDOUT_FILENO)) {
        fprintf(stderr, "jetutil: stream-backup writes a tar stream: redirect stdout to a file "
                        "or a pipe\n");
        return JU_EXIT_USAGE;
    }
    if (u->json) {
        fprintf(stderr, "jetutil: stream-backup writes the tar stream on stdout; --json is not "
                        "available for it\n");
        return JU_EXIT_USAGE;
    }
    /* Text lines would corrupt the stream: the stream keeps the original
     * stdout descriptor and stdio's stdout is pointed at stderr. */
    fflush(stdout);
    g_tar_fd = dup(STDOUT_FILENO);
    if (g_tar_fd < 0 || dup2(STDERR_FILENO, STDOUT_FILENO) < 0)
        return JU_EXIT_IO;
    ju_begin(u, "stream-backup", "Performing full streaming backup...");
    u->label_width = 12;
    JET_INSTANCE in;
    JET_SESID ses;
    char **dbs;
    size_t ndb;
    uint8_t *buf = NULL;
    uint64_t total = 0;
    bool begun = false;
    JET_ERR err = open_instance_dbs(u, o, &in, &ses, &dbs, &ndb);
    if (err < 0)
        goto done;
    buf = aligned_alloc(4096, STREAM_CHUNK);
    if (buf == NULL) {
        err = JET_errOutOfMemory;
        goto done;
    }
    err = JetBeginExternalBackupInstance(in, 0);
    if (err < 0) {
        engine_fail(u, NULL, err, "JetBeginExternalBackupInstance");
        goto done;
    }
    begun = true;
    char list[16384];
    char *names[64];
    uint32_t cb = 0;
    err = JetGetAttachInfoInstanceA(in, list, sizeof list, &cb);
    if (err < 0) {
        engine_fail(u, NULL, err, "JetGetAttachInfoInstance");
        goto done;
    }
    size_t n = split_szz(list, names, 64);
    char *patnames[64];
    size_t npat = 0;
    for (size_t i = 0; i < n && err >= 0; i++) {
        err = stream_one(u, in, names[i], buf, &total);
        char *c = strdup(names[i]);
        if (c != NULL) {
            char *b = basename(c);
            char *dot = strrchr(b, '.');
            if (dot != NULL)
                *dot = '\0';
            size_t l = strlen(b);
            patnames[npat] = malloc(l + 5);
            if (patnames[npat] != NULL) {
                memcpy(patnames[npat], b, l);
                memcpy(patnames[npat] + l, ".pat", 5);
                npat++;
            }
            free(c);
        }
    }
    if (err < 0)
        goto pats;
    char logs[65536];
    err = JetGetLogInfoInstanceA(in, logs, sizeof logs, &cb);
    if (err < 0) {
        engine_fail(u, NULL, err, "JetGetLogInfoInstance");
        goto pats;
    }
    char *lnames[4096];
    size_t nl = split_szz(logs, lnames, 4096);
    for (size_t i = 0; i < nl && err >= 0; i++)
        err = stream_one(u, in, lnames[i], buf, &total);
    /* Markers last: an interrupted stream extracts to a folder without
     * them, which restore and verify-backup treat as incomplete. */
    for (size_t i = 0; i < npat && err >= 0; i++)
        if (tar_header(patnames[i], 0) != 0)
            err = JET_errDiskIO;
    static const char zero[1024];
    if (err >= 0 && write_all(zero, sizeof zero) != 0)
        err = JET_errDiskIO;
    if (err == JET_errDiskIO)
        ju_problem(u, JU_EXIT_IO, "stdout", err, "write failed");
    if (err >= 0 && o->truncate) {
        err = JetTruncateLogInstance(in);
        if (err < 0)
            engine_fail(u, NULL, err, "JetTruncateLogInstance");
    }
pats:
    for (size_t i = 0; i < npat; i++)
        free(patnames[i]);
done:
    if (begun) {
        JET_ERR e2 = JetEndExternalBackupInstance2(in, err >= 0 ? JET_bitBackupEndNormal
                                                                : JET_bitBackupEndAbort);
        if (err >= 0 && e2 < 0)
            err = engine_fail(u, NULL, e2, "JetEndExternalBackupInstance2");
    }
    free(buf);
    if (in != 0 || dbs != NULL)
        close_instance(u, in, ses, dbs, ndb);
    if (err >= 0)
        ju_strf(u, NULL, "Total", "%llu bytes", (unsigned long long)total);
    close(g_tar_fd);
    g_tar_fd = -1;
    return ju_finish(u, err);
}

/* ---- /y ---------------------------------------------------------------------------------- */

int ju_mode_copy(ju *u, const ju_opts *o)
{
    ju_begin(u, "y", "Initiating COPY FILE mode...");
    u->label_width = 18;
    char *srccopy = strdup(o->file);
    const char *bn = srccopy ? basename(srccopy) : o->file;
    char *dst = NULL;
    if (o->db_path == NULL)
        dst = strdup(bn);
    else if (ju_is_dir(o->db_path))
        dst = ju_path(o->db_path, bn);
    else
        dst = strdup(o->db_path);
    ju_str(u, "source", "Source File", o->file);
    ju_str(u, "destination", "Destination File", dst ? dst : "");
    JET_ERR err = JET_errSuccess;
    int in = ju_open_read(u, o->file), out = -1;
    uint8_t *buf = NULL;
    struct stat ss, ds;
    if (in < 0) {
        err = JET_errFileNotFound;
        goto done;
    }
    fstat(in, &ss);
    if (dst != NULL && stat(dst, &ds) == 0 && ds.st_dev == ss.st_dev && ds.st_ino == ss.st_ino) {
        err = JET_errInvalidParameter;
        ju_problem(u, JU_EXIT_USAGE, dst, err, "source and destination are the same file");
        goto done;
    }
    out = dst ? open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644) : -1;
    if (out < 0) {
        int e = errno;
        err = ju_err_of_errno(e);
        ju_problem(u, JU_EXIT_IO, dst, err, "cannot create: %s", strerror(e));
        goto done;
    }
    buf = malloc(COPY_CHUNK);
    if (buf == NULL) {
        err = JET_errOutOfMemory;
        goto done;
    }
    (void)posix_fadvise(in, 0, 0, POSIX_FADV_SEQUENTIAL);
    uint64_t done_b = 0, size = (uint64_t)ss.st_size;
    ju_progress_start(u, "File Copy", size);
    for (;;) {
        ssize_t n = read(in, buf, COPY_CHUNK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            err = ju_err_of_errno(e);
            ju_problem(u, JU_EXIT_IO, o->file, err, "read failed: %s", strerror(e));
            break;
        }
        if (n == 0)
            break;
        for (ssize_t off = 0; off < n;) {
            ssize_t w = write(out, buf + off, (size_t)(n - off));
            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0) {
                int e = errno;
                err = ju_err_of_errno(e);
                ju_problem(u, JU_EXIT_IO, dst, err, "write failed: %s", strerror(e));
                goto done;
            }
            off += w;
        }
        done_b += (uint64_t)n;
        ju_progress(u, done_b);
    }
    ju_progress_end(u);
    if (err >= 0 && fsync(out) != 0) {
        int e = errno;
        err = ju_err_of_errno(e);
        ju_problem(u, JU_EXIT_IO, dst, err, "fsync failed: %s", strerror(e));
    }
    if (err >= 0)
        ju_u64(u, "bytes", "Bytes copied", done_b);
done:
    if (in >= 0)
        close(in);
    if (out >= 0 && close(out) != 0 && err >= 0) {
        err = JET_errDiskIO;
        ju_problem(u, JU_EXIT_IO, dst, err, "close failed");
    }
    free(buf);
    free(dst);
    free(srccopy);
    return ju_finish(u, err);
}
