/*
 * rst_logs.c: finding the backup set's logs and checking, before anything
 * is copied, that they and the logs already in the instance's log folder
 * form one unbroken stream (ese-backup-semantics.md §5.2 step 5, §5.4).
 *
 * Every log that hard recovery will read is checked completely here
 * (header, chain, every segment), so that a damaged or foreign log is
 * reported before the restore has touched any live file.  Unlike ESE,
 * whose scan keeps only its last pending result, the first problem found
 * is the one returned (docs/compatibility.md, "Restore").
 */
#include "restore/rst_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inst/param.h"
#include "os/os.h"
#include "util/err.h"
#include "util/logtime.h"

/* Report a generation-numbered event (%4 = the file, %5 = a second one). */
static void ev_files(rst_job *j, uint32_t id, uint32_t type, const char *a, const char *b)
{
    const char *s[] = { a, b };
    rst_event(j, id, type, b != NULL ? 2 : 1, s);
}

JET_ERR rst_log_path(rst_job *j, const char *folder, uint32_t gen, char **out)
{
    char name[LOG_NAME_MAX];
    CALL(log_name_archived(j->base, j->legacy, gen, name, sizeof name));
    return os_path_join(folder, name, out);
}

/* Path of the current log B.log in folder. */
static JET_ERR current_path(rst_job *j, const char *folder, char **out)
{
    char name[LOG_NAME_MAX];
    CALL(log_name_current(j->base, j->legacy, name, sizeof name));
    return os_path_join(folder, name, out);
}

/* Archived range of a folder; a folder that is not there has none. */
static JET_ERR range_of(rst_job *j, const char *folder, uint32_t *lo, uint32_t *hi)
{
    *lo = *hi = 0;
    if (!os_is_dir(folder))
        return JET_errSuccess;
    return log_gen_range(folder, j->base, j->legacy, lo, hi);
}

JET_ERR rst_find_logs(rst_job *j, const char *src)
{
    char *abs = NULL, *sub = NULL;
    JET_ERR err = JET_errSuccess;
    uint32_t lo = 0, hi = 0;
    CHECK(os_path_absolute(src, &abs));
    CHECK(range_of(j, abs, &lo, &hi));
    /* An atomic backup folder keeps the latest complete backup in new/,
     * and, after a crash between two renames, only in old/. */
    static const char *const subs[] = { "new", "old" };
    for (size_t i = 0; i < 2 && lo == 0; i++) {
        CHECK(os_path_join(abs, subs[i], &sub));
        if (os_is_dir(sub)) {
            CHECK(range_of(j, sub, &lo, &hi));
            if (lo != 0) {
                free(abs);
                abs = sub;
                sub = NULL;
            }
        }
        free(sub);
        sub = NULL;
    }
    if (lo == 0) {
        ev_files(j, RST_EV_FILE_NOT_FOUND, JETDB_EVENT_ERROR, abs, NULL);
        err = JET_errFileNotFound;
        goto done;
    }
    j->R = abs;
    abs = NULL;
    j->lo = lo;
    j->hi = hi;
done:
    free(abs);
    free(sub);
    return err;
}


/* Keep what a failing log check means for the caller: the reader's
 * framing and segment errors are damage of a backup-set log. */
static JET_ERR header_error(JET_ERR err)
{
    if (err == JET_errFileNotFound || err == JET_errOutOfMemory || err == JET_errDiskIO ||
        err == JET_errLogFileSizeMismatch || err == JET_errBadLogVersion)
        return err;
    return JET_errLogFileCorrupt;
}

JET_ERR rst_check_backup_logs(rst_job *j)
{
    JET_ERR err = JET_errSuccess;
    char *path = NULL;
    log_file_info prev;
    uint32_t ps = (uint32_t)par_num(j->in, JET_paramDatabasePageSize);
    memset(&prev, 0, sizeof prev);
    for (uint32_t g = j->lo; g <= j->hi; g++) {
        free(path);
        path = NULL;
        CHECK(rst_log_path(j, j->R, g, &path));
        if (!os_exists(path)) {
            /* ESE reaches JET_errFileNotFound here; the dedicated code is
             * what its unreachable branch intends (compatibility.md). */
            ev_files(j, RST_EV_LOG_MISSING, JETDB_EVENT_ERROR, path, NULL);
            err = JET_errMissingRestoreLogFiles;
            goto done;
        }
        log_file_hdr h;
        err = log_read_header(path, &h);
        if (err < 0) {
            err = header_error(err);
            goto done;
        }
        if (h.gen != g) {
            err = JET_errLogGenerationMismatch;
            goto done;
        }
        if (ps != 0 && h.page_size != ps) {
            err = JET_errPageSizeMismatch;
            goto done;
        }
        if (g > j->lo) {
            if (h.nseg != prev.hdr.nseg) {
                err = JET_errLogFileSizeMismatch;
                goto done;
            }
            if (!signature_equal(&h.sign_log, &prev.hdr.sign_log)) {
                err = JET_errBadLogSignature;
                goto done;
            }
            if (!logtime_equal(&h.tm_prev, &prev.hdr.tm_create) ||
                h.prev_accum != prev.accum) {
                ev_files(j, RST_EV_NOT_CONTIGUOUS, JETDB_EVENT_ERROR, path, NULL);
                err = JET_errGivenLogFileIsNotContiguous;
                goto done;
            }
        }
        log_file_info info;
        err = log_verify_file(path, false, &info);
        if (err < 0) {
            ev_files(j, RST_EV_CORRUPT_RESTORE, JETDB_EVENT_ERROR, path, NULL);
            err = JET_errLogCorruptDuringHardRestore;
            goto done;
        }
        if (g == j->lo)
            j->lo_hdr = info.hdr;
        prev = info;
    }
    j->hi_info = prev;
done:
    free(path);
    return err;
}

/* Compare one log of the log folder with the backup set (generation g,
 * header h); prev = the log folder's generation g - 1 when it is there. */
static JET_ERR check_live_one(rst_job *j, uint32_t g, const log_file_hdr *h,
                              const log_file_hdr *prev, const char *path, const char *prev_path)
{
    JET_ERR err = JET_errSuccess;
    char *rpath = NULL;
    if (!signature_equal(&h->sign_log, &j->hi_info.hdr.sign_log)) {
        ev_files(j, RST_EV_EXIST_BAD_SIGN, JETDB_EVENT_ERROR, path, NULL);
        return JET_errExistingLogFileHasBadSignature;
    }
    bool chained = true;
    if (prev != NULL && !logtime_equal(&h->tm_prev, &prev->tm_create))
        chained = false;
    if (g + 1 == j->lo && !logtime_equal(&h->tm_create, &j->lo_hdr.tm_prev))
        chained = false;
    if (g == j->hi + 1 && !logtime_equal(&h->tm_prev, &j->hi_info.hdr.tm_create))
        chained = false;
    if (g >= j->lo && g <= j->hi) {
        /* The same generation in both places must be the same file. */
        log_file_hdr rh;
        CHECK(rst_log_path(j, j->R, g, &rpath));
        CHECK(log_read_header(rpath, &rh));
        if (!logtime_equal(&h->tm_create, &rh.tm_create))
            chained = false;
    }
    if (!chained) {
        ev_files(j, RST_EV_EXIST_NOT_CONTIG, JETDB_EVENT_ERROR,
                 prev_path != NULL ? prev_path : path, path);
        err = JET_errExistingLogFileIsNotContiguous;
    }
done:
    free(rpath);
    return err;
}

JET_ERR rst_check_live_logs(rst_job *j)
{
    JET_ERR err = JET_errSuccess;
    char *cur = NULL, *path = NULL, *prev_path = NULL;
    uint32_t loL = 0, hiL = 0;
    bool same = strcmp(j->R, j->L) == 0;

    /* Phase B: a current log inside the backup folder belongs to no backup
     * set (ESE deletes it; the archived logs are left alone). */
    if (!same) {
        CHECK(current_path(j, j->R, &cur));
        if (os_exists(cur))
            CHECK(os_unlink(cur));
        free(cur);
        cur = NULL;
    }

    /* Phase C: what the log folder holds must continue the backup set. */
    CHECK(range_of(j, j->L, &loL, &hiL));
    CHECK(current_path(j, j->L, &cur));
    j->l_stream = false;
    j->l_archived = false;
    bool have_cur = !j->target && os_exists(cur);
    if (!have_cur && !j->target && (loL == 0 || same))
        goto done;   /* an empty log folder: the stream continues there */
    log_file_hdr ch;
    uint32_t G;
    if (j->target) {
        /* A running target: its archived logs up to T (the generation
         * before the one its restore record opened) continue the backup
         * set; its current log is never read.  A target whose current log
         * is not past the backup set is not its continuation. */
        if (j->T < j->hi) {
            err = JET_errInvalidLogSequence;
            goto done;
        }
        G = j->T + 1;
    } else if (have_cur) {
        CHECK(log_read_header(cur, &ch));
        G = ch.gen;
        j->l_stream = true;
        j->l_cur = G;
        if (!signature_equal(&ch.sign_log, &j->hi_info.hdr.sign_log)) {
            ev_files(j, RST_EV_EXIST_BAD_SIGN, JETDB_EVENT_ERROR, cur, NULL);
            err = JET_errExistingLogFileHasBadSignature;
            goto done;
        }
        if (G <= j->hi) {
            /* The log folder's stream ends inside the backup set: it is older
             * than the backup (see docs/restore.md). */
            err = JET_errInvalidLogSequence;
            goto done;
        }
    } else {
        /* Archived logs without a current log: as ESE, the replay stops
         * after the last archived log and the stream continues with a new
         * current log after it (§5.4: "missing B.log at the end → stop,
         * success").  The new log is opened like any stream, from the
         * folder's oldest archived log (no checkpoint is kept): those
         * logs must all be there, whole, up to the backup set's end. */
        G = hiL + 1;
        if (hiL < j->hi) {
            char *want = NULL;
            CHECK(rst_log_path(j, j->L, hiL + 1, &want));
            ev_files(j, RST_EV_CURRENT_MISSING, JETDB_EVENT_ERROR, want, NULL);
            free(want);
            err = JET_errMissingLogFile;
            goto done;
        }
    }
    uint32_t first = loL != 0 ? loL : G;
    if (first > j->hi + 1)
        first = j->hi + 1;
    log_file_hdr prev;
    bool have_prev = false;
    for (uint32_t g = first; g < G; g++) {
        free(path);
        path = NULL;
        CHECK(rst_log_path(j, j->L, g, &path));
        /* Only the target's logs past the backup set are replayed; the
         * others are compared with it but need not be there. */
        bool own = have_cur || j->target;
        if (!os_exists(path)) {
            have_prev = false;
            if (g <= j->hi && !same && own)
                continue;   /* the backup set has it */
            ev_files(j, g <= j->hi && own ? RST_EV_LOG_MISSING : RST_EV_CURRENT_MISSING,
                     JETDB_EVENT_ERROR, path, NULL);
            err = g > j->hi ? JET_errMissingCurrentLogFiles
                            : own ? JET_errMissingRestoreLogFiles : JET_errMissingLogFile;
            goto done;
        }
        log_file_hdr h;
        err = log_read_header(path, &h);
        if (err < 0) {
            err = header_error(err);
            goto done;
        }
        CHECK(check_live_one(j, g, &h, have_prev ? &prev : NULL, path, prev_path));
        if (g > j->hi || !own) {
            log_file_info info;
            if (log_verify_file(path, false, &info) < 0) {
                ev_files(j, RST_EV_CORRUPT_RECOVERY, JETDB_EVENT_ERROR, path, NULL);
                err = JET_errLogCorruptDuringHardRecovery;
                goto done;
            }
            if (!have_cur && g > j->hi) {
                j->l_archived = true;
                j->l_last = info;
            }
        }
        prev = h;
        have_prev = true;
        free(prev_path);
        prev_path = path;
        path = NULL;
    }
    if (!have_cur)
        goto done;
    CHECK(check_live_one(j, G, &ch, have_prev ? &prev : NULL, cur, prev_path));
    log_file_info info;
    if (log_verify_file(cur, true, &info) < 0) {
        ev_files(j, RST_EV_CORRUPT_RECOVERY, JETDB_EVENT_ERROR, cur, NULL);
        err = JET_errLogCorruptDuringHardRecovery;
        goto done;
    }
done:
    free(cur);
    free(path);
    free(prev_path);
    return err;
}

JET_ERR rst_check_out_folder(rst_job *j)
{
    JET_ERR err = JET_errSuccess;
    char *cur = NULL, *path = NULL;
    uint32_t lo = 0, hi = 0;
    const char *out = j->in->log_path;
    CHECK(current_path(j, out, &cur));
    CHECK(range_of(j, out, &lo, &hi));
    if (os_exists(cur)) {
        path = cur;
        cur = NULL;
    } else if (hi > j->T) {
        CHECK(rst_log_path(j, out, hi, &path));
    }
    if (path != NULL) {
        /* The new generation T + 1 (and what follows it) would meet a log
         * of some other history there. */
        ev_files(j, RST_EV_EXIST_NOT_CONTIG, JETDB_EVENT_ERROR, path, NULL);
        err = JET_errExistingLogFileIsNotContiguous;
    }
done:
    free(cur);
    free(path);
    return err;
}
