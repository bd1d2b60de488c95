/*
 * ju_db.c: offline database file modes — /mh (header dump), info (short
 * summary) and /k (checksum every page) — plus the pieces verify-backup
 * shares: header probing of both copies, the page scan and the backup
 * trailer check.  Files are read directly (src/db, src/page decode them);
 * no instance is started, so a database in use can be inspected too.
 */
#include "ju.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/db.h"
#include "page/page.h"
#include "util/crc32c.h"
#include "util/logtime.h"

/* Magic numbers of the engine's other files, to name a file given to the
 * wrong mode (docs/formats-log.md, docs/backup.md). */
#define LOG_FILE_MAGIC 0x474F4C4Au   /* "JLOG" */
#define CKPT_FILE_MAGIC 0x504B434Au  /* "JCKP" */
#define TRAILER_MAGIC 0x544B424Au    /* "JBKT" */
#define TRAILER_VERSION 1u

/* How many bad pages are listed one by one before only counting. */
#define BAD_PAGES_LISTED 100u
/* Read size of the page scan: large sequential reads keep the disk (or the
 * page cache) streaming and amortise the system call. */
#define SCAN_CHUNK (8u << 20)

/* Little-endian u32 at p. */
static uint32_t rd32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

/* What a file with a valid-looking magic at offset 4 is, for messages. */
static const char *foreign_kind(uint32_t magic)
{
    switch (magic) {
    case LOG_FILE_MAGIC: return "a jetdb log file (use /ml)";
    case CKPT_FILE_MAGIC: return "a jetdb checkpoint file (use /mk)";
    default: return NULL;
    }
}

int ju_db_probe(ju *u, const char *path, db_hdr *hdr, ju_dbfile *f)
{
    memset(f, 0, sizeof *f);
    f->fd = ju_open_read(u, path);
    if (f->fd < 0)
        return -1;
    struct stat st;
    if (fstat(f->fd, &st) != 0) {
        int e = errno;
        ju_problem(u, JU_EXIT_IO, path, ju_err_of_errno(e), "cannot stat: %s", strerror(e));
        goto fail;
    }
    f->size = (uint64_t)st.st_size;
    /* Both copies of the largest page size fit in 64 KiB. */
    size_t cbuf = 2 * PG_SIZE_MAX;
    uint8_t *buf = calloc(1, cbuf);
    if (buf == NULL) {
        ju_problem(u, JU_EXIT_IO, path, JET_errOutOfMemory, "out of memory");
        goto fail;
    }
    size_t got = 0;
    if (ju_pread_full(f->fd, buf, cbuf, 0, &got) != 0) {
        int e = errno;
        ju_problem(u, JU_EXIT_IO, path, ju_err_of_errno(e), "cannot read the header: %s",
                   strerror(e));
        free(buf);
        goto fail;
    }
    db_hdr h2;
    JET_ERR first_err = JET_errSuccess;
    for (uint32_t cb = PG_SIZE_MIN; cb <= PG_SIZE_MAX && f->page_size == 0; cb *= 2) {
        if (got < cb)
            break;
        JET_ERR e = db_hdr_decode(buf, cb, hdr);
        if (e >= 0) {
            f->page_size = cb;
            f->primary_ok = true;
        } else if (e != JET_errReadVerifyFailure && first_err == JET_errSuccess) {
            /* A checksummed copy that is still wrong says more than a bad
             * checksum at some page size. */
            first_err = e;
        }
    }
    if (f->primary_ok) {
        uint32_t cb = f->page_size;
        if (got >= 2ull * cb && db_hdr_decode(buf + cb, cb, &h2) >= 0) {
            f->shadow_ok = true;
            f->identical = memcmp(buf, buf + cb, cb) == 0;
        }
    } else {
        for (uint32_t cb = PG_SIZE_MIN; cb <= PG_SIZE_MAX && f->page_size == 0; cb *= 2) {
            if (got < 2ull * cb)
                break;
            JET_ERR e = db_hdr_decode(buf + cb, cb, hdr);
            if (e >= 0) {
                f->page_size = cb;
                f->shadow_ok = true;
                f->shown_shadow = true;
            } else if (e != JET_errReadVerifyFailure && first_err == JET_errSuccess) {
                first_err = e;
            }
        }
    }
    if (f->page_size == 0) {
        uint32_t magic = got >= 8 ? rd32(buf + 4) : 0;
        const char *kind = foreign_kind(magic);
        if (kind != NULL) {
            f->err = JET_errFileInvalidType;
            ju_problem(u, JU_EXIT_CORRUPT, path, f->err, "not a database: this is %s", kind);
        } else if (got < 2 * PG_SIZE_MIN) {
            f->err = JET_errInvalidDatabase;
            ju_problem(u, JU_EXIT_CORRUPT, path, f->err,
                       "file too short (%zu bytes) to hold a database header and its shadow",
                       got);
        } else if (magic != DB_MAGIC && rd32(buf + PG_SIZE_MIN + 4) != DB_MAGIC &&
                   (got < 2 * 8192 || rd32(buf + 8192 + 4) != DB_MAGIC)) {
            f->err = JET_errInvalidDatabase;
            ju_problem(u, JU_EXIT_CORRUPT, path, f->err,
                       "not a jetdb database (magic 0x%08x, expected 0x%08x)", magic, DB_MAGIC);
        } else {
            f->err = first_err != JET_errSuccess ? first_err : JET_errDatabaseCorrupted;
            ju_problem(u, JU_EXIT_CORRUPT, path, f->err,
                       "neither the header nor its shadow copy is valid");
        }
        free(buf);
        goto fail;
    }
    const uint8_t *shown = buf + (f->shown_shadow ? f->page_size : 0);
    f->stored_sum = rd32(shown);
    f->actual_sum = crc32c(0, shown + 4, f->page_size - 4);
    free(buf);
    return 0;
fail:
    close(f->fd);
    f->fd = -1;
    return -1;
}

/* esentutl's wording of a database state (tools parse it: keep it). */
static const char *state_name(uint32_t s)
{
    switch (s) {
    case 1: return "Just Created";
    case 2: return "Dirty Shutdown";
    case 3: return "Clean Shutdown";
    case 4: return "Being Converted";
    case 6: return "Incremental Reseed In Progress";
    case 7: return "Dirty and Patched Shutdown";
    case 8: return "Database Revert in Progress";
    default: return "Illegal";
    }
}

/* Machine-friendly state name for JSON. */
static const char *state_key(uint32_t s)
{
    switch (s) {
    case 1: return "just_created";
    case 2: return "dirty_shutdown";
    case 3: return "clean_shutdown";
    default: return "other";
    }
}

/* One backup block of /mh: "Log Gen", "Mark" (position), "Mark" (time). */
static void dump_bkinfo(ju *u, const char *key, const char *title, const JET_BKINFO *bk,
                        int type)
{
    static const char *const types[] = {"", " - OSSnapshot", " - Snapshot"};
    const char *suffix = type < 0 ? "" : type <= 2 ? types[type] : " - UNKNOWN";
    ju_obj(u, key, title);
    if (u->json) {
        ju_u64(u, "gen_low", NULL, bk->genLow);
        ju_u64(u, "gen_high", NULL, bk->genHigh);
        if (type >= 0)
            ju_u64(u, "type", NULL, (uint64_t)type);
        ju_lgpos(u, "mark", NULL, &bk->lgposMark, &bk->logtimeMark);
    } else {
        ju_strf(u, NULL, "Log Gen", "%u-%u (0x%x-0x%x)%s", bk->genLow, bk->genHigh,
                bk->genLow, bk->genHigh, suffix);
        ju_lgpos(u, NULL, "Mark", &bk->lgposMark, NULL);
        ju_logtime(u, NULL, "Mark", &bk->logtimeMark);
    }
    ju_end(u);
}

/* Count + date + old count of one of the header's event counters. */
static void dump_counter(ju *u, const char *key, const char *label, uint32_t n,
                         const JET_LOGTIME *lt, uint32_t old)
{
    char l[64];
    if (u->json) {
        ju_obj(u, key, NULL);
        ju_u64(u, "count", NULL, n);
        ju_logtime(u, "date", NULL, lt);
        ju_u64(u, "old", NULL, old);
        ju_end(u);
        return;
    }
    snprintf(l, sizeof l, "%s Count", label);
    if (n == 0)
        ju_str(u, NULL, l, "none");
    else
        ju_strf(u, NULL, l, "found (%u)", n);
    snprintf(l, sizeof l, "Last %s Date", label);
    ju_logtime(u, NULL, l, lt);
    snprintf(l, sizeof l, "Old %s Count", label);
    ju_u64(u, NULL, l, old);
}

/* The fields of a decoded header, in esentutl /mh order. */
static void dump_header_fields(ju *u, const db_hdr *h, const ju_dbfile *f)
{
    ju_str(u, "file_type", "File Type", h->filetype == JET_filetypeDatabase ? "Database"
                                                                           : "UNKNOWN");
    ju_strf(u, NULL, "Checksum", "0x%08x", f->stored_sum);
    ju_json_u64(u, "checksum", f->stored_sum);
    ju_strf(u, NULL, "Format ulMagic", "0x%08x", h->magic);
    ju_json_u64(u, "magic", h->magic);
    ju_strf(u, NULL, "Engine ulMagic", "0x%08x", DB_MAGIC);
    ju_strf(u, "format_version", "Format ulVersion", "0x%x,%u,%u", h->version, h->update_major,
            h->update_minor);
    ju_strf(u, "engine_version", "Engine ulVersion", "0x%x,%u,%u", DB_ESE_VERSION,
            DB_ESE_UPDATE_MAJOR, DB_ESE_UPDATE_MINOR);
    ju_strf(u, "created_version", "Created ulVersion", "0x%x,%u", h->create_version,
            h->create_update);
    ju_u64(u, "jetdb_format", "jetdb Format", h->format);
    ju_sig(u, "db_signature", "DB Signature", &h->sign_db);
    ju_u64(u, "page_size", "cbDbPage", h->page_size);
    ju_u64x(u, "dbtime", "dbtime", h->dbtime);
    ju_str(u, NULL, "State", state_name(h->dbstate));
    ju_json_str(u, "state", state_key(h->dbstate));
    ju_json_u64(u, "state_code", h->dbstate);
    if (u->json) {
        ju_obj(u, "log_required", NULL);
        ju_u64(u, "min", NULL, h->gen_min_required);
        ju_u64(u, "max", NULL, h->gen_max_required);
        ju_end(u);
        ju_u64(u, "log_committed", NULL, h->gen_max_committed);
    } else {
        ju_strf(u, NULL, "Log Required", "%u-%u (0x%x-0x%x)", h->gen_min_required,
                h->gen_max_required, h->gen_min_required, h->gen_max_required);
    }
    ju_logtime(u, "gen_max_required_created", "Gen. Max. Req. Creation Time",
               &h->logtime_gen_max_required);
    if (!u->json)
        ju_strf(u, NULL, "Log Committed", "0-%u (0x0-0x%x)", h->gen_max_committed,
                h->gen_max_committed);
    ju_logtime(u, "gen_max_committed_created", "Gen. Max. Com. Creation Time",
               &h->logtime_gen_max_create);
    ju_bool(u, "shadowed", "Shadowed", !h->shadowing_disabled, "Yes", "No");
    ju_u64(u, "last_objid", "Last Objid", h->objid_last);
    ju_u64(u, "repair_count", "Repair Count", h->repair_count);
    ju_logtime(u, "repair_date", "Repair Date", &h->logtime_repair);
    ju_u64(u, "old_repair_count", "Old Repair Count", h->repair_count_old);
    ju_lgpos(u, "last_consistent", "Last Consistent", &h->lgpos_consistent,
             &h->logtime_consistent);
    ju_lgpos(u, "last_attach", "Last Attach", &h->lgpos_attach, &h->logtime_attach);
    ju_lgpos(u, "last_detach", "Last Detach", &h->lgpos_detach, &h->logtime_detach);
    ju_u64(u, "dbid", "Dbid", h->dbid);
    ju_sig(u, "log_signature", "Log Signature", &h->sign_log);
    ju_strf(u, "os_version", "OS Version", "(%u.%u.%u SP %u)", h->os_major, h->os_minor,
            h->os_build, h->os_sp);
    ju_u64(u, "data_pages", "Data Pages (pgnoLast)", h->pgno_last);

    ju_obj(u, "backups", NULL);
    dump_bkinfo(u, "previous_full", "Previous Full Backup:", &h->bk[DB_BK_FULL_PREV],
                (int)h->bk_type[0]);
    dump_bkinfo(u, "previous_incremental", "Previous Incremental Backup:",
                &h->bk[DB_BK_INC_PREV], (int)h->bk_type[1]);
    dump_bkinfo(u, "previous_copy", "Previous Copy Backup:", &h->bk[DB_BK_COPY_PREV],
                (int)h->bk_type[2]);
    dump_bkinfo(u, "previous_differential", "Previous Differential Backup:",
                &h->bk[DB_BK_DIFF_PREV], (int)h->bk_type[3]);
    dump_bkinfo(u, "current_full", "Current Full Backup:", &h->bk[DB_BK_FULL_CUR], -1);
    dump_bkinfo(u, "current_snapshot", "Current Shadow copy backup:",
                &h->bk[DB_BK_SNAPSHOT_CUR], -1);
    ju_end(u);
    ju_text(u, "\n");
    dump_counter(u, "ecc_fix_success", "ECC Fix Success", h->ecc_fix_ok, &h->logtime_ecc_fix_ok,
                 h->ecc_fix_ok_old);
    dump_counter(u, "ecc_fix_error", "ECC Fix Error", h->ecc_fix_fail, &h->logtime_ecc_fix_fail,
                 h->ecc_fix_fail_old);
    dump_counter(u, "bad_checksum_error", "Bad Checksum Error", h->bad_checksum,
                 &h->logtime_bad_checksum, h->bad_checksum_old);
}

int ju_mode_mh(ju *u, const ju_opts *o)
{
    ju_begin(u, "mh", "Initiating FILE DUMP mode...");
    u->label_width = 28;
    ju_text(u, "%*s: %s\n", u->label_width, "Database", o->file);
    ju_json_str(u, "file", o->file);
    db_hdr h;
    ju_dbfile f;
    if (ju_db_probe(u, o->file, &h, &f) != 0)
        return ju_finish(u, f.err);
    ju_text(u, "\n%s:\n", f.shown_shadow ? "DATABASE SHADOW HEADER" : "DATABASE HEADER");
    ju_text(u, "Checksum Information:\n");
    ju_text(u, "Expected Checksum: 0x%08x\n", f.stored_sum);
    ju_text(u, "  Actual Checksum: 0x%08x\n\nFields:\n", f.actual_sum);
    if (u->json) {
        ju_str(u, "header_used", NULL, f.shown_shadow ? "shadow" : "primary");
        ju_bool(u, "primary_ok", NULL, f.primary_ok, "", "");
        ju_bool(u, "shadow_ok", NULL, f.shadow_ok, "", "");
        ju_obj(u, "header", NULL);
    }
    dump_header_fields(u, &h, &f);
    ju_end(u);
    if (!f.primary_ok)
        ju_warn(u, "the primary header is damaged; the shadow copy was shown");
    else if (!f.shadow_ok && !h.shadowing_disabled)
        ju_warn(u, "the shadow header copy is damaged");
    else if (f.shadow_ok && !f.identical)
        ju_warn(u, "the header and its shadow copy are not identical");
    close(f.fd);
    return ju_finish(u, JET_errSuccess);
}

int ju_mode_info(ju *u, const ju_opts *o)
{
    ju_begin(u, "info", NULL);
    u->label_width = 20;
    db_hdr h;
    ju_dbfile f;
    ju_str(u, "file", "Database", o->file);
    if (ju_db_probe(u, o->file, &h, &f) != 0)
        return ju_finish(u, f.err);
    close(f.fd);
    bool copy = h.bk[DB_BK_FULL_CUR].genLow != 0;
    ju_str(u, NULL, "State", state_name(h.dbstate));
    ju_json_str(u, "state", state_key(h.dbstate));
    ju_u64(u, "page_size", "Page size", h.page_size);
    uint64_t pages = f.size / h.page_size;
    uint64_t data = pages >= 2 + (copy ? 1u : 0u) ? pages - 2 - (copy ? 1u : 0u) : 0;
    ju_u64(u, "data_pages", "Data pages", data);
    ju_u64(u, "file_size", "File size (bytes)", f.size);
    ju_u64(u, "dbtime", "dbtime", h.dbtime);
    ju_bool(u, "backup_copy", "Backup copy", copy, "yes (made by a full backup)", "no");
    ju_bool(u, "logged", "Logged", !signature_is_zero(&h.sign_log), "yes", "no (no log stream)");
    if (h.dbstate != 3)
        ju_strf(u, NULL, "Logs required", "%u-%u", h.gen_min_required, h.gen_max_required);
    if (u->json) {
        ju_u64(u, "gen_min_required", NULL, h.gen_min_required);
        ju_u64(u, "gen_max_required", NULL, h.gen_max_required);
    }
    char t[64];
    const JET_BKINFO *fb = &h.bk[DB_BK_FULL_PREV], *ib = &h.bk[DB_BK_INC_PREV];
    if (fb->genLow != 0) {
        ju_fmt_logtime(&fb->logtimeMark, t, sizeof t);
        ju_strf(u, NULL, "Last full backup", "%s (logs %u-%u)", t, fb->genLow, fb->genHigh);
    } else {
        ju_str(u, NULL, "Last full backup", "never");
    }
    if (ib->genLow != 0) {
        ju_fmt_logtime(&ib->logtimeMark, t, sizeof t);
        ju_strf(u, NULL, "Last incr. backup", "%s (logs %u-%u)", t, ib->genLow, ib->genHigh);
    }
    if (u->json) {
        dump_bkinfo(u, "last_full_backup", NULL, fb, (int)h.bk_type[0]);
        dump_bkinfo(u, "last_incremental_backup", NULL, ib, (int)h.bk_type[1]);
    }
    if (!f.primary_ok || (!f.shadow_ok && !h.shadowing_disabled))
        ju_warn(u, "one header copy is damaged (see /mh)");
    if (copy)
        ju_text(u, "This is a backup copy: restore it together with its logs.\n");
    else if (h.dbstate == 2)
        ju_warn(u, "the database was not shut down cleanly: run soft recovery (/r) first");
    return ju_finish(u, JET_errSuccess);
}

/* ---- page scan -------------------------------------------------------------------- */

void ju_db_scan(ju *u, const char *path, const ju_dbfile *f, uint32_t npages, ju_scan *st,
                bool list_bad)
{
    memset(st, 0, sizeof *st);
    uint32_t cb = f->page_size;
    size_t chunk = SCAN_CHUNK - SCAN_CHUNK % cb;
    uint8_t *buf = aligned_alloc(4096, chunk);
    if (buf == NULL) {
        ju_problem(u, JU_EXIT_IO, path, JET_errOutOfMemory, "out of memory");
        return;
    }
    /* The kernel may read ahead harder for a sequential scan. */
    (void)posix_fadvise(f->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    uint64_t total = (uint64_t)npages * cb;
    ju_progress_start(u, "Checksum", total);
    uint32_t pgno = 1;
    while (pgno <= npages) {
        uint32_t n = (uint32_t)(chunk / cb);
        if (n > npages - pgno + 1)
            n = npages - pgno + 1;
        uint64_t off = ((uint64_t)pgno + 1) * cb;
        size_t got = 0;
        int rc = ju_pread_full(f->fd, buf, (size_t)n * cb, off, &got);
        uint32_t whole = (uint32_t)(got / cb);
        if (rc != 0 || whole < n) {
            /* Fall back to page-sized reads so a bad sector costs one page. */
            for (uint32_t i = whole; i < n; i++) {
                size_t g1 = 0;
                if (ju_pread_full(f->fd, buf + (size_t)i * cb, cb, off + (uint64_t)i * cb,
                                  &g1) != 0 ||
                    g1 < cb) {
                    int e = g1 < cb && errno == 0 ? 0 : errno;
                    st->io_errors++;
                    st->bad++;
                    ju_problem(u, e ? JU_EXIT_IO : JU_EXIT_CORRUPT, path,
                               e ? ju_err_of_errno(e) : JET_errFileIOBeyondEOF,
                               "page %u: cannot be read%s%s", pgno + i, e ? ": " : "",
                               e ? strerror(e) : " (file too short)");
                    memset(buf + (size_t)i * cb, 0xff, cb);
                }
            }
        }
        for (uint32_t i = 0; i < n; i++) {
            const uint8_t *page = buf + (size_t)i * cb;
            uint32_t p = pgno + i;
            st->pages++;
            JET_ERR err = pg_verify(page, cb, p);
            if (err == JET_errPageNotInitialized) {
                st->zero++;
                continue;
            }
            if (err == JET_errSuccess)
                err = pg_check_structure(page, cb);
            if (err == JET_errSuccess) {
                const pg_hdr *ph = pg_header_c(page);
                if (ph->dbtime > st->max_dbtime) {
                    st->max_dbtime = ph->dbtime;
                    st->max_dbtime_pgno = p;
                }
                continue;
            }
            const char *what;
            if (err == JET_errReadPgnoVerifyFailure) {
                st->wrong_pgno++;
                what = "holds another page (wrong page number)";
            } else if (err == JET_errDatabaseCorrupted) {
                st->bad_structure++;
                what = "checksum is good but the page structure is broken";
            } else {
                what = "checksum failed";
            }
            st->bad++;
            if (list_bad && st->bad <= BAD_PAGES_LISTED)
                ju_problem(u, JU_EXIT_CORRUPT, path, err, "page %u: %s", p, what);
            else
                u->exit_code = u->exit_code ? u->exit_code : JU_EXIT_CORRUPT;
        }
        st->bytes += (uint64_t)n * cb;
        ju_progress(u, st->bytes);
        pgno += n;
    }
    ju_progress_end(u);
    if (list_bad && st->bad > BAD_PAGES_LISTED)
        ju_problem(u, JU_EXIT_CORRUPT, path, JET_errReadVerifyFailure,
                   "%llu more bad pages not listed", (unsigned long long)(st->bad -
                                                                          BAD_PAGES_LISTED));
    free(buf);
}

/* ---- backup trailer --------------------------------------------------------------- */

int ju_trailer_read(ju *u, const char *path, const ju_dbfile *f, const db_hdr *h,
                    ju_trailer *t)
{
    memset(t, 0, sizeof *t);
    uint32_t cb = f->page_size;
    uint8_t *p = aligned_alloc(4096, cb);
    if (p == NULL) {
        ju_problem(u, JU_EXIT_IO, path, JET_errOutOfMemory, "out of memory");
        return -1;
    }
    size_t got = 0;
    int rc = -1;
    if (f->size < 3ull * cb || ju_pread_full(f->fd, p, cb, f->size - cb, &got) != 0 ||
        got < cb) {
        ju_problem(u, JU_EXIT_CORRUPT, path, JET_errBadBackupDatabaseSize,
                   "backup copy: cannot read the trailer page");
        goto done;
    }
    if (rd32(p + 4) != TRAILER_MAGIC) {
        ju_problem(u, JU_EXIT_CORRUPT, path, JET_errBadBackupDatabaseSize,
                   "backup copy: the last page is not a backup trailer (magic 0x%08x); "
                   "the copy is truncated or incomplete",
                   rd32(p + 4));
        goto done;
    }
    if (rd32(p) != crc32c(0, p + 4, cb - 4)) {
        ju_problem(u, JU_EXIT_CORRUPT, path, JET_errReadVerifyFailure,
                   "backup copy: trailer checksum failed");
        goto done;
    }
    if (rd32(p + 8) != TRAILER_VERSION || rd32(p + 12) != cb) {
        ju_problem(u, JU_EXIT_CORRUPT, path, JET_errDatabaseCorrupted,
                   "backup copy: trailer version %u / page size %u unexpected", rd32(p + 8),
                   rd32(p + 12));
        goto done;
    }
    t->pgno_last = rd32(p + 16);
    memcpy(&t->bk, p + 24, sizeof t->bk);
    memcpy(&t->sign_db, p + 48, sizeof t->sign_db);
    memcpy(&t->sign_log, p + 76, sizeof t->sign_log);
    t->gen_min_required = rd32(p + 104);
    t->gen_max_required = rd32(p + 108);
    t->gen_max_committed = rd32(p + 112);
    memcpy(&t->dbtime, p + 132, sizeof t->dbtime);
    rc = 0;
    if (!signature_equal(&t->sign_db, &h->sign_db)) {
        ju_problem(u, JU_EXIT_INCONSISTENT, path, JET_errBadDbSignature,
                   "backup copy: trailer belongs to another database");
        rc = -1;
    }
    if (!signature_equal(&t->sign_log, &h->sign_log)) {
        ju_problem(u, JU_EXIT_INCONSISTENT, path, JET_errBadLogSignature,
                   "backup copy: trailer names another log stream than the header");
        rc = -1;
    }
done:
    free(p);
    return rc;
}

/* ---- /k ------------------------------------------------------------------------------ */

/* Statistics lines shared by /k and verify-backup. */
static void print_scan(ju *u, const ju_scan *st, double secs)
{
    ju_u64(u, "pages", "pages", st->pages);
    ju_u64(u, "bad_checksums", "bad checksums", st->bad - st->wrong_pgno - st->bad_structure);
    ju_u64(u, "wrong_page_numbers", "wrong page numbers", st->wrong_pgno);
    ju_u64(u, "bad_structure", "bad page structure", st->bad_structure);
    ju_u64(u, "uninitialized", "uninitialized pages", st->zero);
    if (u->json) {
        ju_u64(u, "highest_dbtime", NULL, st->max_dbtime);
        ju_u64(u, "highest_dbtime_page", NULL, st->max_dbtime_pgno);
    } else {
        ju_strf(u, NULL, "highest dbtime", "%llu (0x%llx) on page %u",
                (unsigned long long)st->max_dbtime, (unsigned long long)st->max_dbtime, st->max_dbtime_pgno);
    }
    ju_dbl(u, "mb_read", "MB read", (double)st->bytes / 1e6, NULL);
    ju_dbl(u, "seconds", "seconds", secs, NULL);
    ju_dbl(u, "pages_per_second", "pages/s", secs > 0 ? (double)st->pages / secs : 0, NULL);
    ju_dbl(u, "mib_per_second", "MiB/s",
           secs > 0 ? (double)st->bytes / (1024.0 * 1024.0) / secs : 0, NULL);
}

int ju_mode_k(ju *u, const ju_opts *o)
{
    ju_begin(u, "k", "Initiating CHECKSUM mode...");
    u->label_width = 20;
    ju_str(u, "file", "Database", o->file);
    db_hdr h;
    ju_dbfile f;
    if (ju_db_probe(u, o->file, &h, &f) != 0)
        return ju_finish(u, f.err);
    uint32_t cb = f.page_size;
    bool copy = h.bk[DB_BK_FULL_CUR].genLow != 0;
    uint64_t pages = f.size / cb;
    uint32_t reserved = 2 + (copy ? 1u : 0u);
    uint32_t npages = pages > reserved ? (uint32_t)(pages - reserved) : 0;
    ju_bool(u, "backup_copy", "backup copy", copy, "yes (trailer page checked)", "no");
    if (!f.primary_ok || (!f.shadow_ok && !h.shadowing_disabled))
        ju_problem(u, JU_EXIT_CORRUPT, o->file, JET_errReadVerifyFailure,
                   "%s header copy is damaged", f.primary_ok ? "the shadow" : "the primary");
    if (f.size % cb != 0)
        ju_problem(u, JU_EXIT_CORRUPT, o->file, JET_errDatabaseCorrupted,
                   "file size %llu is not a whole number of %u-byte pages (truncated?)",
                   (unsigned long long)f.size, cb);
    if ((copy && h.pgno_last != npages) || (!copy && h.pgno_last > npages))
        ju_problem(u, JU_EXIT_CORRUPT, o->file, JET_errDatabaseCorrupted,
                   "the header records %u data pages but the file holds %u (truncated?)",
                   h.pgno_last, npages);
    if (copy) {
        ju_trailer t;
        if (ju_trailer_read(u, o->file, &f, &h, &t) == 0 && t.pgno_last != npages)
            ju_problem(u, JU_EXIT_CORRUPT, o->file, JET_errBadBackupDatabaseSize,
                       "the trailer records %u data pages but the copy holds %u", t.pgno_last,
                       npages);
    }
    ju_text(u, "\nChecksumming %u pages of %u bytes...\n\n", npages, cb);
    ju_scan st;
    uint64_t t0 = ju_now_ns();
    ju_db_scan(u, o->file, &f, npages, &st, true);
    double secs = (double)(ju_now_ns() - t0) / 1e9;
    close(f.fd);
    ju_obj(u, "statistics", NULL);
    print_scan(u, &st, secs);
    ju_end(u);
    return ju_finish(u, JET_errSuccess);
}

void ju_scan_print(ju *u, const ju_scan *st, double secs)
{
    print_scan(u, st, secs);
}
