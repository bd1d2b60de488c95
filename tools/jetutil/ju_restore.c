/*
 * ju_restore.c: `jetutil restore BACKUP DEST` and esentutl's `/c BACKUP
 * DEST` — restore a backup folder (JetBackupInstance's, `jetutil backup`'s,
 * or an extracted `jetutil stream-backup` tar) into a new instance folder
 * with the public restore API (JetRestoreInstance; docs/restore.md).
 *
 * DEST ends up as an instance folder: the database copies (restored and
 * brought up to the end of the backup's logs, Clean Shutdown), and the log
 * stream continued there (edb.log, the checkpoint), i.e. what
 * `jetutil backup --instance-dir DEST` or an application's JetInit (log,
 * system and temp folder = DEST) + JetAttachDatabase expects.  --log-path
 * puts the log folder elsewhere; a log folder that already holds the
 * backup's stream (the live logs) makes the restore roll forward through
 * them.
 *
 * The tool reads the backup folder's logs itself (base name, page size, log
 * file size: the restore instance must match them), refuses a destination
 * that is not empty, and after a failure explains it with the files
 * concerned (a missing generation, the range a copy needs) and empties the
 * destination again.
 */
#include "ju.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/db.h"
#include "jetdb.h"
#include "log/log.h"
#include "util/logtime.h"

/* The context of the status callback (the engine passes no user pointer). */
static ju *g_ru;
static uint64_t g_rbytes;      /* bytes of the backup set: the bar's 100% */

/* JetRestoreInstance's status callback: percentages to the progress bar. */
static JET_ERR JET_API restore_status(JET_SESID ses, JET_SNP snp, JET_SNT snt, void *pv)
{
    (void)ses;
    if (g_ru == NULL || snp != JET_snpRestore || pv == NULL)
        return JET_errSuccess;
    const JET_SNPROG *p = pv;
    uint64_t total = p->cunitTotal ? p->cunitTotal : 100;
    if (snt == JET_sntBegin && g_ru->pr_title == NULL)
        ju_progress_start(g_ru, "Restore", g_rbytes ? g_rbytes : total);
    if (g_ru->pr_title != NULL)
        ju_progress(g_ru, (g_rbytes ? g_rbytes : total) * p->cunitDone / total);
    return JET_errSuccess;
}

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

/* Entries of a folder other than . and .. (0 when it does not exist). */
static size_t count_entries(const char *dir)
{
    size_t n = 0;
    char **names = ju_list_dir(dir, &n);
    ju_list_free(names, n);
    return names ? n : 0;
}

/* Size of a file (0 when it cannot be read). */
static uint64_t file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (uint64_t)st.st_size : 0;
}

/* What the tool learnt about the backup folder before the restore. */
typedef struct rbk {
    char *set_dir;             /* the folder holding the backup set (src, new/, old/) */
    const char *layout;        /* "flat", "atomic (new/)", "atomic (old/)" */
    char base[16];
    unsigned legacy;
    uint32_t lo, hi;           /* archived generations present */
    uint32_t page_size;        /* from the newest log's header */
    uint64_t log_size;         /* bytes of one log file */
    JET_SIGNATURE sign_log;
    char **dbs;                /* database copy names (with a .pat marker) */
    size_t ndbs;
    uint64_t bytes;            /* copies + logs */
} rbk;

static void rbk_free(rbk *b)
{
    free(b->set_dir);
    for (size_t i = 0; i < b->ndbs; i++)
        free(b->dbs[i]);
    free(b->dbs);
}

/* Find the backup set in src (flat, new/, old/) and read what the restore
 * instance must match.  Problems reported; false when unusable. */
static bool scan_backup(ju *u, const char *src, rbk *b)
{
    memset(b, 0, sizeof *b);
    static const char *const subs[] = {NULL, "new", "old"};
    static const char *const layouts[] = {"flat", "atomic (new/)", "atomic (old/)"};
    for (int i = 0; i < 3 && b->set_dir == NULL; i++) {
        char *d = subs[i] ? ju_path(src, subs[i]) : strdup(src);
        if (d != NULL && ju_is_dir(d) && ju_log_detect(d, NULL, b->base, &b->legacy)) {
            b->set_dir = d;
            b->layout = layouts[i];
        } else {
            free(d);
        }
    }
    if (b->set_dir == NULL) {
        ju_problem(u, JU_EXIT_IO, src, JET_errFileNotFound,
                   "not a backup folder: no log files in it (nor in new/ or old/)");
        return false;
    }
    if (log_gen_range(b->set_dir, b->base, b->legacy, &b->lo, &b->hi) < 0 || b->hi == 0) {
        ju_problem(u, JU_EXIT_INCONSISTENT, b->set_dir, JET_errMissingRestoreLogFiles,
                   "no archived log generation in the backup folder");
        return false;
    }
    /* The newest log gives the page size and the file size (a damaged one
     * is left for the engine to name; the next older is tried). */
    for (uint32_t g = b->hi; g >= b->lo && g > 0 && b->page_size == 0; g--) {
        char name[LOG_NAME_MAX];
        log_file_hdr h;
        if (log_name_archived(b->base, b->legacy, g, name, sizeof name) < 0)
            break;
        char *p = ju_path(b->set_dir, name);
        if (p != NULL && log_read_header(p, &h) >= 0) {
            b->page_size = h.page_size;
            b->log_size = file_size(p);
            b->sign_log = h.sign_log;
        }
        free(p);
    }
    /* Database copies: every <stem>.pat names the copy <stem>.<ext>. */
    size_t n = 0;
    char **names = ju_list_dir(b->set_dir, &n);
    b->dbs = calloc(n + 1, sizeof *b->dbs);
    for (size_t i = 0; names && b->dbs && i < n; i++) {
        char *p = ju_path(b->set_dir, names[i]);
        if (p != NULL)
            b->bytes += file_size(p);
        free(p);
        const char *dot = strrchr(names[i], '.');
        if (dot == NULL || strcasecmp(dot, ".pat") == 0 || strcasecmp(dot, ".log") == 0 ||
            strcasecmp(dot, ".jtx") == 0 || strcasecmp(dot, ".chk") == 0 ||
            strcasecmp(dot, ".jcp") == 0)
            continue;
        size_t stem = (size_t)(dot - names[i]);
        for (size_t k = 0; k < n; k++) {
            const char *d2 = strrchr(names[k], '.');
            if (d2 != NULL && strcasecmp(d2, ".pat") == 0 && (size_t)(d2 - names[k]) == stem &&
                strncmp(names[k], names[i], stem) == 0) {
                b->dbs[b->ndbs++] = strdup(names[i]);
                break;
            }
        }
    }
    ju_list_free(names, n);
    return true;
}

/* After a failure: name the files behind the engine's error. */
static void explain(ju *u, const rbk *b, const char *logdir, JET_ERR err)
{
    char name[LOG_NAME_MAX];
    switch (err) {
    case JET_errMissingRestoreLogFiles:
        for (uint32_t g = b->lo; g <= b->hi; g++) {
            if (log_name_archived(b->base, b->legacy, g, name, sizeof name) < 0)
                break;
            char *p = ju_path(b->set_dir, name);
            if (p != NULL && !ju_is_file(p))
                ju_problem(u, JU_EXIT_INCONSISTENT, p, JET_errMissingRestoreLogFiles,
                           "missing log file: the backup holds generations %u-%u without "
                           "generation %u",
                           b->lo, b->hi, g);
            free(p);
        }
        break;
    case JET_errStartingRestoreLogTooHigh:
    case JET_errEndingRestoreLogTooLow:
    case JET_errDatabasePatchFileMismatch:
    case JET_errBadPatchPage:
        for (size_t i = 0; i < b->ndbs; i++) {
            char *p = ju_path(b->set_dir, b->dbs[i]);
            ju q;
            ju_init(&q, false, true, false);
            q.quiet = true;
            db_hdr h;
            ju_dbfile f;
            ju_trailer t;
            if (p != NULL && ju_db_probe(&q, p, &h, &f) == 0) {
                if (ju_trailer_read(&q, p, &f, &h, &t) == 0)
                    ju_problem(u, ju_class_of(err), p, err,
                               "the copy needs log generations %u-%u, the backup folder holds "
                               "%u-%u",
                               t.bk.genLow, t.bk.genHigh, b->lo, b->hi);
                close(f.fd);
            }
            free(p);
        }
        break;
    case JET_errLogCorruptDuringHardRestore:
    case JET_errLogFileCorrupt:
    case JET_errLogFileSizeMismatch:
    case JET_errBadLogVersion:
    case JET_errLogGenerationMismatch:
    case JET_errGivenLogFileIsNotContiguous:
    case JET_errBadLogSignature: {
        /* Verify each generation of the set: name the damaged or foreign
         * ones (the first good file's signature is the reference). */
        JET_SIGNATURE ref;
        bool have_ref = false;
        for (uint32_t g = b->lo; g <= b->hi; g++) {
            if (log_name_archived(b->base, b->legacy, g, name, sizeof name) < 0)
                break;
            char *p = ju_path(b->set_dir, name);
            log_file_info fi;
            JET_ERR ve = p != NULL && ju_is_file(p) ? log_verify_file(p, false, &fi)
                                                    : JET_errSuccess;
            if (p != NULL && ju_is_file(p)) {
                if (ve < 0)
                    ju_problem(u, JU_EXIT_CORRUPT, p, ve, "this log of the backup does not verify");
                else if (have_ref && !signature_equal(&fi.hdr.sign_log, &ref))
                    ju_problem(u, JU_EXIT_INCONSISTENT, p, JET_errBadLogSignature,
                               "this log belongs to another log stream");
                else if (fi.hdr.gen != g)
                    ju_problem(u, JU_EXIT_INCONSISTENT, p, JET_errLogGenerationMismatch,
                               "the file holds generation %u", fi.hdr.gen);
                if (ve >= 0 && !have_ref) {
                    ref = fi.hdr.sign_log;
                    have_ref = true;
                }
            }
            free(p);
        }
        break;
    }
    case JET_errExistingLogFileHasBadSignature:
    case JET_errExistingLogFileIsNotContiguous:
    case JET_errMissingCurrentLogFiles:
    case JET_errLogCorruptDuringHardRecovery:
    case JET_errInvalidLogSequence:
        if (logdir == NULL)
            break;
        if (err == JET_errExistingLogFileHasBadSignature)
            ju_problem(u, ju_class_of(err), logdir, err,
                       "the log folder holds logs of another stream than the backup's");
        else
            ju_problem(u, ju_class_of(err), logdir, err,
                       "the logs of the log folder do not continue the backup's generations "
                       "%u-%u",
                       b->lo, b->hi);
        break;
    default:
        break;
    }
}

/* Remove what a failed restore left in a destination that was empty (or
 * absent) before: the files at its top level; the folder itself when the
 * tool created it. */
static void clean_dest(const char *dest, bool created)
{
    size_t n = 0;
    char **names = ju_list_dir(dest, &n);
    for (size_t i = 0; names && i < n; i++) {
        char *p = ju_path(dest, names[i]);
        if (p != NULL && ju_is_file(p))
            unlink(p);
        free(p);
    }
    ju_list_free(names, n);
    if (created)
        rmdir(dest);
}

/* The restore itself; mode is "restore" or "c". */
static int do_restore(ju *u, const ju_opts *o, const char *mode)
{
    const char *src = o->file, *dest = o->file2;
    ju_begin(u, mode, "Initiating RESTORE mode...");
    u->label_width = 16;
    /* esentutl's /c: /t<instance folder> or /f<log folder> names the logs
     * to roll forward after the backup's; the stream continues there. */
    const char *fwd = o->target_dir ? o->target_dir : o->forward_dir;
    const char *logdir = fwd ? fwd : o->log_path ? o->log_path : dest;
    const char *sysdir = o->system_path ? o->system_path : logdir;
    ju_str(u, "backup", "Backup", src);
    ju_str(u, "destination", "Destination", dest ? dest : "");
    ju_str(u, "log_path", "Log folder", logdir ? logdir : "");
    ju_str(u, "system_path", "System folder", sysdir ? sysdir : "");
    if (dest == NULL || *dest == '\0') {
        ju_problem(u, JU_EXIT_USAGE, NULL, JET_errInvalidParameter, "a destination is required");
        return ju_finish(u, JET_errInvalidParameter);
    }
    if ((o->target_dir != NULL || o->target_none) && o->forward_dir != NULL) {
        ju_problem(u, JU_EXIT_USAGE, NULL, JET_errInvalidParameter,
                   "/f does not work with /t (as in esentutl): /t names the instance folder, "
                   "/f the log folder to roll forward");
        return ju_finish(u, JET_errInvalidParameter);
    }
    if (fwd != NULL && o->log_path != NULL) {
        ju_problem(u, JU_EXIT_USAGE, NULL, JET_errInvalidParameter,
                   "/%c already names the log folder: drop /l",
                   o->target_dir != NULL ? 't' : 'f');
        return ju_finish(u, JET_errInvalidParameter);
    }
    if (fwd != NULL && !ju_is_dir(fwd)) {
        ju_problem(u, JU_EXIT_IO, fwd, JET_errInvalidPath,
                   "no such folder (/%c names the folder holding the logs to roll forward)",
                   o->target_dir != NULL ? 't' : 'f');
        return ju_finish(u, JET_errInvalidPath);
    }
    if (!ju_is_dir(src)) {
        JET_ERR e = ju_is_file(src) ? JET_errInvalidPath : JET_errFileNotFound;
        ju_problem(u, JU_EXIT_IO, src, e,
                   ju_is_file(src) ? "not a backup folder (a file)" : "no such backup folder");
        return ju_finish(u, e);
    }
    /* The destination: absent (created) or an empty folder. */
    bool created = false;
    struct stat st;
    if (stat(dest, &st) == 0) {
        if (!S_ISDIR(st.st_mode)) {
            ju_problem(u, JU_EXIT_IO, dest, JET_errInvalidPath,
                       "the destination exists and is not a folder");
            return ju_finish(u, JET_errInvalidPath);
        }
        if (count_entries(dest) != 0) {
            ju_problem(u, JU_EXIT_ENGINE, dest, JET_errFileAlreadyExists,
                       "the destination folder is not empty: restore writes a new instance "
                       "folder (databases, logs, checkpoint) and replaces nothing");
            return ju_finish(u, JET_errFileAlreadyExists);
        }
    } else if (errno != ENOENT) {
        int e = errno;
        ju_problem(u, JU_EXIT_IO, dest, ju_err_of_errno(e), "cannot use the destination: %s",
                   strerror(e));
        return ju_finish(u, ju_err_of_errno(e));
    } else {
        created = true;
    }
    rbk b;
    if (!scan_backup(u, src, &b)) {
        rbk_free(&b);
        return ju_finish(u, JET_errFileNotFound);
    }
    ju_str(u, "layout", "Layout", b.layout);
    ju_str(u, "base_name", "Base name", b.base);
    ju_strf(u, NULL, "Logs", "generations %u-%u (0x%x-0x%x)", b.lo, b.hi, b.lo, b.hi);
    ju_json_u64(u, "gen_low", b.lo);
    ju_json_u64(u, "gen_high", b.hi);
    /* Roll forward happens when the log folder already holds a stream with
     * the backup's base name (the engine checks that it is the same one). */
    char lbase[16];
    unsigned llegacy;
    bool rollfwd = logdir != NULL && ju_is_dir(logdir) &&
                   ju_log_detect(logdir, b.base, lbase, &llegacy);
    ju_str(u, NULL, "Roll forward",
           rollfwd ? "through the logs of the log folder" : "no (the backup's logs only)");
    ju_json_bool(u, "roll_forward", rollfwd);
    if (o->keep_logs)
        ju_str(u, NULL, "Keep logs", "yes (a restore never deletes the logs it replays)");
    if (fwd != NULL && !rollfwd) {
        ju_problem(u, JU_EXIT_INCONSISTENT, fwd, JET_errMissingLogFile,
                   "no log files with base name %s to roll forward in this folder", b.base);
        rbk_free(&b);
        return ju_finish(u, JET_errMissingLogFile);
    }
    if (o->target_none && rollfwd) {
        ju_problem(u, JU_EXIT_USAGE, logdir, JET_errInvalidParameter,
                   "a bare /t replays only the backup's logs, but the log folder holds a %s "
                   "stream that the restore would roll forward through",
                   b.base);
        rbk_free(&b);
        return ju_finish(u, JET_errInvalidParameter);
    }
    if (b.ndbs == 0) {
        char cur[LOG_NAME_MAX];
        char *cp = log_name_current(b.base, b.legacy, cur, sizeof cur) >= 0
                       ? ju_path(b.set_dir, cur) : NULL;
        if (cp != NULL && ju_is_file(cp))
            ju_problem(u, JU_EXIT_INCONSISTENT, b.set_dir, JET_errPatchFileMissing,
                       "not a backup folder: it holds a live log stream (%s) and no database "
                       "copy with a .pat marker (an instance folder?)", cur);
        else
            ju_problem(u, JU_EXIT_INCONSISTENT, b.set_dir, JET_errPatchFileMissing,
                       "no database copy with its .pat marker: the backup is incomplete");
        free(cp);
        rbk_free(&b);
        return ju_finish(u, JET_errPatchFileMissing);
    }

    /* The restore instance: its folders, and the backup's base name, page
     * size and log size. */
    JetDbSetEventCallback(NULL, NULL, JETDB_bitEventNoSyslog);
    JET_INSTANCE in = 0;
    char *lp = folder_param(logdir), *sp = folder_param(sysdir);
    JET_ERR err = lp && sp ? JET_errSuccess : JET_errOutOfMemory;
    if (err >= 0 && b.page_size != 0)
        err = JetSetSystemParameterA(NULL, 0, JET_paramDatabasePageSize, b.page_size, NULL);
    if (err >= 0)
        err = JetCreateInstanceA(&in, "jetutil-restore");
    if (err >= 0 && !(b.legacy & LOG_LEGACY_ESE98))
        err = JetSetSystemParameterA(&in, 0, JET_paramLegacyFileNames, 0, NULL);
    if (err >= 0)
        err = JetSetSystemParameterA(&in, 0, JET_paramLogFilePath, 0, lp);
    if (err >= 0)
        err = JetSetSystemParameterA(&in, 0, JET_paramSystemPath, 0, sp);
    if (err >= 0)
        err = JetSetSystemParameterA(&in, 0, JET_paramTempPath, 0, sp);
    if (err >= 0)
        err = JetSetSystemParameterA(&in, 0, JET_paramBaseName, 0, b.base);
    if (err >= 0)
        err = JetSetSystemParameterA(&in, 0, JET_paramCreatePathIfNotExist, 1, NULL);
    if (err >= 0 && b.log_size >= 64 * 1024 && b.log_size % 1024 == 0)
        err = JetSetSystemParameterA(&in, 0, JET_paramLogFileSize,
                                     (JET_API_PTR)(b.log_size / 1024), NULL);
    if (err < 0) {
        ju_problem(u, 0, NULL, err, "cannot set up the restore instance");
        goto done;
    }
    ju_text(u, "\nRestoring %zu database%s from %s...\n", b.ndbs, b.ndbs == 1 ? "" : "s",
            b.set_dir);
    uint64_t t0 = ju_now_ns();
    g_ru = u;
    g_rbytes = b.bytes;
    err = JetRestoreInstanceA(in, src, dest, restore_status);
    g_ru = NULL;
    ju_progress_end(u);
    double secs = (double)(ju_now_ns() - t0) / 1e9;
    if (err < 0) {
        ju_problem(u, 0, src, err, "JetRestoreInstance failed");
        explain(u, &b, logdir, err);
        goto done;
    }
    ju_text(u, "\n");
    ju_arr(u, "databases");
    for (size_t i = 0; i < b.ndbs; i++) {
        char *p = ju_path(dest, b.dbs[i]);
        ju_item(u);
        ju_str(u, "file", "Database", p ? p : b.dbs[i]);
        ju q;
        ju_init(&q, false, true, false);
        q.quiet = true;
        db_hdr h;
        ju_dbfile f;
        if (p != NULL && ju_db_probe(&q, p, &h, &f) == 0) {
            close(f.fd);
            ju_strf(u, NULL, "Restored", "%llu bytes, %s", (unsigned long long)f.size,
                    h.dbstate == 3 ? "Clean Shutdown" : "NOT clean");
            ju_json_u64(u, "bytes", f.size);
            ju_json_bool(u, "clean", h.dbstate == 3);
            if (h.dbstate != 3)
                ju_problem(u, JU_EXIT_ENGINE, p, JET_errDatabaseInconsistent,
                           "the restored database is not in Clean Shutdown");
        } else {
            ju_problem(u, JU_EXIT_ENGINE, p ? p : b.dbs[i], JET_errFileNotFound,
                       "the restore reported success but the database is not there");
        }
        ju_end(u);
        free(p);
    }
    ju_arr_end(u);
    ju_text(u, "\n");
    ju_u64(u, "bytes_read", "Backup size", b.bytes);
    ju_dbl(u, "seconds", "Time", secs, "s");
    ju_dbl(u, "mib_per_s", "Throughput",
           secs > 0 ? (double)b.bytes / (1024.0 * 1024.0) / secs : 0.0, "MiB/s");
    if (u->exit_code == 0)
        ju_text(u, "\nThe databases are in Clean Shutdown and the log stream continues in %s:\n"
                   "start an instance with its log and system folder there (e.g. `jetutil "
                   "backup --instance-dir %s ...`) and attach them.\n",
                logdir, logdir);
done:
    if (in != 0)
        (void)JetTerm(in);
    if (err < 0) {
        /* DEST was absent or empty: whatever is in it now is this attempt's
         * (a log folder given with --log-path is left to the engine). */
        clean_dest(dest, created);
        ju_text(u, "\nThe destination was left as it was before the restore.\n");
    }
    free(lp);
    free(sp);
    rbk_free(&b);
    return ju_finish(u, err);
}

int ju_mode_restore(ju *u, const ju_opts *o)
{
    return do_restore(u, o, "restore");
}

int ju_mode_c(ju *u, const ju_opts *o)
{
    return do_restore(u, o, "c");
}
