/*
 * ju_vbk.c: `jetutil verify-backup BACKUP` — offline check of a backup
 * folder written by JetBackupInstance or `jetutil backup` (layout in
 * docs/backup.md): every database copy (both headers, every page's
 * checksum, the trailer page), every log (checksums, generations
 * contiguous, one signature, the creation-time/checksum chain), the
 * database-to-log signatures, the trailer's marks against the logs present
 * and the full -> incremental chain.  A restore needs all of this, so a
 * folder that passes here is one restore can use.
 *
 * Speed: database copies are read in 8 MiB sequential chunks and each page
 * checksummed once (CRC-32C in hardware), so the check runs at memory or
 * disk speed rather than page-at-a-time system-call speed.
 */
#include "ju.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "db/db.h"
#include "log/log.h"
#include "util/logtime.h"

/* What the per-database pass keeps for the cross checks with the logs. */
typedef struct vdb {
    char *name;
    bool ok;                  /* header and trailer usable */
    db_hdr h;
    ju_trailer t;
} vdb;

/* True for the names that are never database copies in a backup folder. */
static bool not_a_db_name(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (dot == NULL)
        return false;
    return strcasecmp(dot, ".pat") == 0 || strcasecmp(dot, ".log") == 0 ||
           strcasecmp(dot, ".jtx") == 0 || strcasecmp(dot, ".chk") == 0 ||
           strcasecmp(dot, ".jcp") == 0 || strcasecmp(dot, ".jrs") == 0;
}

/* "<stem>.pat" for a database file name (malloc'd). */
static char *pat_name(const char *dbname)
{
    const char *dot = strrchr(dbname, '.');
    size_t stem = dot ? (size_t)(dot - dbname) : strlen(dbname);
    char *p = malloc(stem + 5);
    if (p != NULL) {
        memcpy(p, dbname, stem);
        memcpy(p + stem, ".pat", 5);
    }
    return p;
}

/* Check one database copy; fills v. */
static void check_db(ju *u, const char *dir, vdb *v, uint64_t *bytes)
{
    char *path = ju_path(dir, v->name);
    if (path == NULL)
        return;
    ju_dbfile f;
    ju_item(u);
    ju_str(u, "file", "Database", path);
    if (ju_db_probe(u, path, &v->h, &f) != 0) {
        ju_end(u);
        free(path);
        return;
    }
    const db_hdr *h = &v->h;
    uint32_t cb = f.page_size;
    if (!f.primary_ok || !f.shadow_ok || !f.identical)
        ju_problem(u, JU_EXIT_CORRUPT, path, JET_errReadVerifyFailure,
                   "the header copies of the backup are not both valid and identical");
    bool copy = h->bk[DB_BK_FULL_CUR].genLow != 0;
    if (!copy) {
        ju_problem(u, JU_EXIT_INCONSISTENT, path, JET_errDatabaseCorrupted,
                   "not a backup copy (Current Full Backup is empty): a live database was "
                   "placed in the backup folder");
        close(f.fd);
        ju_end(u);
        free(path);
        return;
    }
    if (f.size % cb != 0)
        ju_problem(u, JU_EXIT_CORRUPT, path, JET_errBadBackupDatabaseSize,
                   "size %llu is not a whole number of %u-byte pages (truncated?)",
                   (unsigned long long)f.size, cb);
    uint64_t pages = f.size / cb;
    uint32_t npages = pages > 3 ? (uint32_t)(pages - 3) : 0;
    if (h->pgno_last != npages)
        ju_problem(u, JU_EXIT_CORRUPT, path, JET_errBadBackupDatabaseSize,
                   "the header records %u data pages but the copy holds %u (truncated?)",
                   h->pgno_last, npages);
    bool trailer_ok = ju_trailer_read(u, path, &f, h, &v->t) == 0;
    if (trailer_ok && v->t.pgno_last != h->pgno_last)
        ju_problem(u, JU_EXIT_CORRUPT, path, JET_errBadBackupDatabaseSize,
                   "the trailer records %u data pages, the header %u", v->t.pgno_last,
                   h->pgno_last);
    if (trailer_ok && (v->t.bk.genLow != h->bk[DB_BK_FULL_CUR].genLow ||
                       memcmp(&v->t.bk.lgposMark, &h->bk[DB_BK_FULL_CUR].lgposMark,
                              sizeof v->t.bk.lgposMark) != 0)) {
        ju_problem(u, JU_EXIT_INCONSISTENT, path, JET_errDatabaseCorrupted,
                   "trailer and header disagree on the backup's mark or first log");
        trailer_ok = false;
    }
    ju_scan st;
    uint64_t t0 = ju_now_ns();
    ju_db_scan(u, path, &f, npages < h->pgno_last ? npages : h->pgno_last, &st, true);
    double secs = (double)(ju_now_ns() - t0) / 1e9;
    *bytes += f.size;
    close(f.fd);
    v->ok = trailer_ok && st.bad == 0;
    u->label_width = 22;
    ju_u64(u, "page_size", "page size", cb);
    ju_sig(u, "db_signature", "DB Signature", &h->sign_db);
    ju_obj(u, "backup", NULL);
    const JET_BKINFO *bk = &h->bk[DB_BK_FULL_CUR];
    ju_lgpos(u, "mark", "Mark", &bk->lgposMark, &bk->logtimeMark);
    ju_u64(u, "first_log", "first log (CopyMic)", bk->genLow);
    if (trailer_ok) {
        ju_u64(u, "last_log_at_copy_end", "gen at copy end", v->t.bk.genHigh);
        ju_u64(u, "gen_max_required", "gen max required", v->t.gen_max_required);
    }
    ju_end(u);
    ju_obj(u, "pages", NULL);
    ju_scan_print(u, &st, secs);
    ju_end(u);
    ju_end(u);
    free(path);
}

int ju_mode_verify_backup(ju *u, const ju_opts *o)
{
    ju_begin(u, "verify-backup", "Initiating BACKUP VERIFICATION mode...");
    u->label_width = 22;
    ju_str(u, "backup", "Backup", o->file);
    if (!ju_is_dir(o->file)) {
        JET_ERR e = access(o->file, F_OK) == 0 ? JET_errInvalidPath : JET_errFileNotFound;
        ju_problem(u, JU_EXIT_IO, o->file, e, "not a backup folder");
        return ju_finish(u, e);
    }
    /* An atomic backup keeps the complete set in new/ (old/ only while a
     * new one is promoted; a crash there leaves old/ as the valid one). */
    char *dir_new = ju_path(o->file, "new"), *dir_old = ju_path(o->file, "old");
    char *dir_tmp = ju_path(o->file, "temp");
    char *dir = NULL;
    if (dir_new && ju_is_dir(dir_new)) {
        dir = strdup(dir_new);
        ju_str(u, "layout", "Layout", "atomic (new/)");
    } else if (dir_old && ju_is_dir(dir_old)) {
        dir = strdup(dir_old);
        ju_str(u, "layout", "Layout", "atomic (old/: a promotion was interrupted)");
        ju_warn(u, "only old/ exists: the last atomic backup was interrupted; old/ is checked");
    } else {
        dir = strdup(o->file);
        ju_str(u, "layout", "Layout", "flat");
    }
    if (dir_tmp && ju_is_dir(dir_tmp))
        ju_warn(u, "temp/ holds an unfinished backup attempt; it is ignored");
    free(dir_new);
    free(dir_old);
    free(dir_tmp);

    uint64_t t0 = ju_now_ns(), bytes = 0;
    size_t n = 0;
    char **names = ju_list_dir(dir, &n);
    if (names == NULL) {
        int e = errno;
        ju_problem(u, JU_EXIT_IO, dir, ju_err_of_errno(e), "cannot list: %s", strerror(e));
        free(dir);
        return ju_finish(u, JET_errFileNotFound);
    }
    /* Databases: every regular file that is neither a log, a checkpoint nor
     * a marker.  A stray foreign file is only a warning unless a .pat
     * marker claims it. */
    vdb *dbs = calloc(n + 1, sizeof *dbs);
    size_t ndb = 0;
    ju_arr(u, "databases");
    for (size_t i = 0; dbs != NULL && i < n; i++) {
        char *p = ju_path(dir, names[i]);
        bool cand = p && ju_is_file(p) && !not_a_db_name(names[i]);
        if (cand) {
            /* A quick look at the magic decides whether this is ours. */
            int fd = ju_open_read(u, p);
            uint32_t magic = 0;
            if (fd >= 0) {
                size_t got = 0;
                (void)ju_pread_full(fd, &magic, sizeof magic, 4, &got);
                close(fd);
            }
            char *pat = pat_name(names[i]);
            char *patp = pat ? ju_path(dir, pat) : NULL;
            bool claimed = patp && access(patp, F_OK) == 0;
            free(pat);
            free(patp);
            if (magic != DB_MAGIC && !claimed) {
                ju_warn(u, "%s: not a jetdb database, ignored", p);
            } else {
                dbs[ndb].name = strdup(names[i]);
                check_db(u, dir, &dbs[ndb], &bytes);
                ndb++;
            }
        }
        free(p);
    }
    ju_arr_end(u);
    /* Every marker names a database that must be there; every database
     * needs its marker (promotion writes markers last). */
    for (size_t i = 0; i < n; i++) {
        const char *dot = strrchr(names[i], '.');
        if (dot == NULL || strcasecmp(dot, ".pat") != 0)
            continue;
        bool found = false;
        for (size_t k = 0; k < ndb && !found; k++) {
            char *pat = pat_name(dbs[k].name);
            found = pat && strcmp(pat, names[i]) == 0;
            free(pat);
        }
        if (!found)
            ju_problem(u, JU_EXIT_INCONSISTENT, dir, JET_errFileNotFound,
                       "marker %s names a database copy that is missing", names[i]);
    }
    for (size_t k = 0; k < ndb; k++) {
        char *pat = pat_name(dbs[k].name);
        char *patp = pat ? ju_path(dir, pat) : NULL;
        if (patp && access(patp, F_OK) != 0)
            ju_problem(u, JU_EXIT_INCONSISTENT, dir, JET_errFileNotFound,
                       "%s has no %s marker: the backup was not completed", dbs[k].name, pat);
        free(pat);
        free(patp);
    }
    ju_list_free(names, n);
    if (ndb == 0)
        ju_problem(u, JU_EXIT_INCONSISTENT, dir, JET_errFileNotFound,
                   "no database copy in the backup folder");

    /* Logs. */
    char base[16];
    unsigned legacy = 0;
    ju_logset ls;
    memset(&ls, 0, sizeof ls);
    ju_obj(u, "logs", "Logs:");
    if (ju_log_detect(dir, o->base, base, &legacy)) {
        ju_progress_start(u, "Logs", 0);
        ju_logset_check(u, dir, base, legacy, false, &ls);
        ju_progress_end(u);
        bytes += ls.bytes;
        ju_str(u, "base_name", "Base name", base);
        ju_u64(u, "gen_low", "first generation", ls.lo);
        ju_u64(u, "gen_high", "last generation", ls.hi);
        ju_u64(u, "files", "files", ls.files);
        ju_u64(u, "damaged", "damaged", ls.bad);
        ju_u64(u, "missing", "missing", ls.missing);
    } else {
        ju_problem(u, JU_EXIT_INCONSISTENT, dir, JET_errMissingLogFile,
                   "no log files in the backup folder");
    }
    ju_end(u);

    /* Cross checks: each database against the logs present. */
    uint32_t full_high = 0;
    for (size_t k = 0; k < ndb; k++) {
        vdb *v = &dbs[k];
        if (!v->ok || ls.lo == 0)
            continue;
        char *path = ju_path(dir, v->name);
        const JET_BKINFO *bk = &v->h.bk[DB_BK_FULL_CUR];
        if (ls.sign_known && !signature_equal(&v->h.sign_log, &ls.sign_log))
            ju_problem(u, JU_EXIT_INCONSISTENT, path, JET_errDatabaseLogSetMismatch,
                       "the database belongs to another log stream than the logs present");
        if (ls.lo > bk->genLow)
            ju_problem(u, JU_EXIT_INCONSISTENT, path, JET_errMissingLogFile,
                       "the copy needs logs from generation %u, the oldest present is %u",
                       bk->genLow, ls.lo);
        uint32_t need = v->t.bk.genHigh;
        if (v->t.gen_max_required > need)
            need = v->t.gen_max_required;
        if (ls.hi < need)
            ju_problem(u, JU_EXIT_INCONSISTENT, path, JET_errMissingLogFile,
                       "the copy needs logs up to generation %u, the newest present is %u",
                       need, ls.hi);
        uint32_t mg = (uint32_t)bk->lgposMark.lGeneration;
        if (mg < ls.lo || mg > ls.hi)
            ju_problem(u, JU_EXIT_INCONSISTENT, path, JET_errMissingLogFile,
                       "the backup mark is in generation %u, outside the logs present (%u-%u)",
                       mg, ls.lo, ls.hi);
        if (need > full_high)
            full_high = need;
        free(path);
    }
    for (size_t a = 0; a < ndb; a++)
        for (size_t b = a + 1; b < ndb; b++)
            if (dbs[a].ok && dbs[b].ok &&
                !signature_equal(&dbs[a].h.sign_log, &dbs[b].h.sign_log))
                ju_problem(u, JU_EXIT_INCONSISTENT, dir, JET_errDatabaseLogSetMismatch,
                           "%s and %s belong to different log streams", dbs[a].name,
                           dbs[b].name);

    double secs = (double)(ju_now_ns() - t0) / 1e9;
    ju_obj(u, "summary", "Summary:");
    ju_u64(u, "databases", "databases", ndb);
    if (ls.lo != 0 && full_high != 0) {
        /* Logs past what the full copy needed came from incremental
         * backups (or from the full's own roll); the chain is continuous
         * when the set check above found no gap. */
        ju_strf(u, NULL, "logs the copy needs", "%u-%u", ls.lo,
                full_high < ls.hi ? full_high : ls.hi);
        if (ls.hi > full_high)
            ju_strf(u, NULL, "later logs", "%u-%u (the full's roll, incrementals)",
                    full_high + 1, ls.hi);
        else
            ju_str(u, NULL, "later logs", "none");
        ju_json_u64(u, "full_gen_high", full_high);
        ju_json_u64(u, "incremental_gens", ls.hi > full_high ? ls.hi - full_high : 0);
    }
    ju_u64(u, "bytes", "bytes checked", bytes);
    ju_dbl(u, "seconds", "seconds", secs, NULL);
    ju_dbl(u, "mib_per_second", "MiB/s", secs > 0 ? (double)bytes / 1048576.0 / secs : 0, NULL);
    ju_end(u);
    if (u->exit_code == 0)
        ju_text(u, "\nThe backup is complete and consistent.\n");
    for (size_t k = 0; k < ndb; k++)
        free(dbs[k].name);
    free(dbs);
    free(dir);
    return ju_finish(u, JET_errSuccess);
}
