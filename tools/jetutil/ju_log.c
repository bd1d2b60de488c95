/*
 * ju_log.c: offline log modes — /ml (dump and verify one log file, or
 * verify a whole log set: every file, generations contiguous, one stream
 * signature, the creation-time and accumulated-checksum chain) and /mk
 * (checkpoint dump).  The per-file verification is the engine's own
 * (log_verify_file); the cross-file chain is checked here because the
 * engine only checks it while opening a live stream.
 */
#include "ju.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "btree/btree.h"
#include "db/db.h"
#include "log/log.h"
#include "util/crc32c.h"
#include "util/errtext.h"
#include "util/logtime.h"

#define CKPT_MAGIC 0x504B434Au   /* "JCKP" (docs/formats-log.md) */
#define CKPT_COPY_SIZE 4096u

/* Little-endian u32 at p. */
static uint32_t rd32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

/* The JET_LGPOS text of an LSN. */
static void lsn_pos(log_lsn lsn, JET_LGPOS *pos)
{
    memset(pos, 0, sizeof *pos);
    if (lsn != 0)
        log_lsn_to_lgpos(lsn, pos);
}

/* The log-name flavour of an extension: ESE98 (.log) or jetdb's (.jtx);
 * -1 when ext is neither.  Both digit counts are always accepted. */
static int legacy_of_ext(const char *ext)
{
    if (strcasecmp(ext, ".log") == 0)
        return (int)(LOG_LEGACY_ESE98 | LOG_LEGACY_8DOT3);
    if (strcasecmp(ext, ".jtx") == 0)
        return (int)LOG_LEGACY_8DOT3;
    return -1;
}

/* True when s (n chars) is all hex digits. */
static bool all_hex(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isxdigit((unsigned char)s[i]))
            return false;
    return n > 0;
}

bool ju_log_detect(const char *dir, const char *base_hint, char base[16], unsigned *legacy)
{
    size_t n = 0;
    char **names = ju_list_dir(dir, &n);
    bool found = false, archived = false;
    for (size_t i = 0; names != NULL && i < n && !archived; i++) {
        const char *dot = strrchr(names[i], '.');
        if (dot == NULL)
            continue;
        int lg = legacy_of_ext(dot);
        if (lg < 0)
            continue;
        size_t stem = (size_t)(dot - names[i]);
        size_t nb = base_hint ? strlen(base_hint) : 3;
        if (stem < nb || nb >= 16 ||
            (base_hint && strncasecmp(names[i], base_hint, nb) != 0))
            continue;
        bool is_arch = (stem == nb + 5 || stem == nb + 8) && all_hex(names[i] + nb, stem - nb);
        if (!is_arch && stem != nb)
            continue;
        /* An archived name fixes the flavour best; the current log alone
         * is accepted when nothing else is there. */
        if (!found || is_arch) {
            memcpy(base, names[i], nb);
            base[nb] = '\0';
            *legacy = (unsigned)lg;
            found = true;
            archived = is_arch;
        }
    }
    ju_list_free(names, n);
    return found;
}

/* Ascending u32 comparator. */
static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Print one file's line of a set check and its JSON entry. */
static void file_line(ju *u, const char *path, uint32_t gen, JET_ERR err, const char *note,
                      const log_file_info *info)
{
    if (!u->json) {
        if (err < 0)
            printf("      Log file: %s - ERROR %d%s%s\n", path, (int)err, note ? ", " : "",
                   note ? note : "");
        else
            printf("      Log file: %s - OK%s%s\n", path, note ? " " : "", note ? note : "");
        return;
    }
    ju_item(u);
    ju_str(u, "file", NULL, path);
    ju_u64(u, "generation", NULL, gen);
    ju_str(u, "status", NULL, err < 0 ? "error" : "ok");
    if (err < 0)
        ju_i64(u, "error", NULL, err);
    if (note != NULL)
        ju_str(u, "note", NULL, note);
    if (info != NULL && err >= 0) {
        ju_u64(u, "segments", NULL, info->segs_valid);
        ju_u64(u, "records", NULL, info->records);
    }
    ju_end(u);
}

/* Check that `cur` continues `prev` (the previous generation). */
static void check_chain(ju *u, const char *path, const log_file_info *prev,
                        const log_file_info *cur)
{
    if (!logtime_equal(&cur->hdr.tm_prev, &prev->hdr.tm_create)) {
        char a[64], b[64];
        ju_fmt_logtime(&cur->hdr.tm_prev, a, sizeof a);
        ju_fmt_logtime(&prev->hdr.tm_create, b, sizeof b);
        ju_problem(u, JU_EXIT_INCONSISTENT, path, JET_errInvalidLogSequence,
                   "does not continue generation %u: previous-generation time %s, but that "
                   "file was created %s",
                   prev->hdr.gen, a, b);
    }
    if (cur->hdr.prev_accum != prev->accum)
        ju_problem(u, JU_EXIT_INCONSISTENT, path, JET_errLogSequenceChecksumMismatch,
                   "accumulated checksum of generation %u is 0x%08x, this file expects 0x%08x",
                   prev->hdr.gen, prev->accum, cur->hdr.prev_accum);
}

void ju_logset_check(ju *u, const char *dir, const char *base, unsigned legacy,
                     bool include_current, ju_logset *res)
{
    memset(res, 0, sizeof *res);
    snprintf(res->base, sizeof res->base, "%s", base);
    res->legacy = legacy;
    size_t n = 0;
    char **names = ju_list_dir(dir, &n);
    if (names == NULL) {
        int e = errno;
        ju_problem(u, JU_EXIT_IO, dir, ju_err_of_errno(e), "cannot list the folder: %s",
                   strerror(e));
        return;
    }
    uint32_t *gens = calloc(n + 1, sizeof *gens);
    size_t ng = 0;
    for (size_t i = 0; gens != NULL && i < n; i++) {
        uint32_t g;
        if (log_name_parse(names[i], base, legacy, &g) >= 0)
            gens[ng++] = g;
    }
    ju_list_free(names, n);
    if (gens == NULL) {
        ju_problem(u, JU_EXIT_IO, dir, JET_errOutOfMemory, "out of memory");
        return;
    }
    qsort(gens, ng, sizeof *gens, cmp_u32);
    ju_arr(u, "files");
    log_file_info prev, info;
    bool prev_ok = false;
    uint32_t prev_gen = 0;
    for (size_t i = 0; i < ng; i++) {
        uint32_t g = gens[i];
        if (i > 0 && g == gens[i - 1]) {
            ju_problem(u, JU_EXIT_INCONSISTENT, dir, JET_errLogGenerationMismatch,
                       "generation %u is present under two names", g);
            continue;
        }
        if (i > 0 && g != prev_gen + 1) {
            res->missing += g - prev_gen - 1;
            ju_problem(u, JU_EXIT_INCONSISTENT, dir, JET_errMissingLogFile,
                       "missing log file(s): generation%s %u%s%.0u", g - prev_gen > 2 ? "s" : "",
                       prev_gen + 1, g - prev_gen > 2 ? " to " : "",
                       g - prev_gen > 2 ? g - 1 : 0);
            prev_ok = false;
        }
        if (res->lo == 0)
            res->lo = g;
        res->hi = g;
        prev_gen = g;
        char name[LOG_NAME_MAX];
        /* Rebuild the name the engine would use; a 5-digit name in an
         * 8-digit folder is found by the listing above but named here. */
        (void)log_name_archived(base, legacy, g, name, sizeof name);
        char *path = ju_path(dir, name);
        if (path == NULL || access(path, F_OK) != 0) {
            free(path);
            /* the 8-digit spelling */
            (void)log_name_archived(base, legacy & ~LOG_LEGACY_8DOT3, g, name, sizeof name);
            path = ju_path(dir, name);
        }
        if (path == NULL)
            break;
        res->files++;
        ju_progress(u, res->bytes);
        JET_ERR err = log_verify_file(path, false, &info);
        if (err >= 0 && info.hdr.gen != g) {
            err = JET_errLogGenerationMismatch;
            ju_problem(u, JU_EXIT_INCONSISTENT, path, err,
                       "the file holds generation %u, its name says %u", info.hdr.gen, g);
        } else if (err < 0) {
            ju_problem(u, 0, path, err, "log file damaged (unusable)");
        }
        if (err >= 0) {
            res->bytes += (uint64_t)info.hdr.nseg * LOG_SEG_SIZE;
            if (!res->sign_known) {
                res->sign_log = info.hdr.sign_log;
                res->sign_known = true;
            } else if (!signature_equal(&info.hdr.sign_log, &res->sign_log)) {
                err = JET_errBadLogSignature;
                ju_problem(u, JU_EXIT_INCONSISTENT, path, err,
                           "belongs to another log stream (signature differs)");
            }
            if (err >= 0 && prev_ok)
                check_chain(u, path, &prev, &info);
        }
        if (err < 0)
            res->bad++;
        file_line(u, path, g, err, NULL, &info);
        prev_ok = err >= 0;
        if (prev_ok)
            prev = info;
        free(path);
    }
    free(gens);
    if (include_current) {
        char name[LOG_NAME_MAX];
        (void)log_name_current(base, legacy, name, sizeof name);
        char *path = ju_path(dir, name);
        if (path != NULL && access(path, F_OK) == 0) {
            res->has_current = true;
            res->files++;
            JET_ERR err = log_verify_file(path, true, &info);
            const char *note = NULL;
            if (err < 0) {
                ju_problem(u, 0, path, err, "current log file damaged (unusable)");
            } else {
                res->current_gen = info.hdr.gen;
                res->bytes += (uint64_t)info.hdr.nseg * LOG_SEG_SIZE;
                if (res->hi != 0 && info.hdr.gen != res->hi + 1) {
                    err = info.hdr.gen <= res->hi ? JET_errLogGenerationMismatch
                                                  : JET_errMissingLogFile;
                    ju_problem(u, JU_EXIT_INCONSISTENT, path, err,
                               "current log is generation %u, expected %u", info.hdr.gen,
                               res->hi + 1);
                } else if (res->sign_known &&
                           !signature_equal(&info.hdr.sign_log, &res->sign_log)) {
                    err = JET_errBadLogSignature;
                    ju_problem(u, JU_EXIT_INCONSISTENT, path, err,
                               "belongs to another log stream (signature differs)");
                } else if (prev_ok && res->hi + 1 == info.hdr.gen) {
                    check_chain(u, path, &prev, &info);
                }
                if (!res->sign_known) {
                    res->sign_log = info.hdr.sign_log;
                    res->sign_known = true;
                }
                if (info.torn_tail)
                    note = "(torn tail: soft recovery ends the log there)";
            }
            if (err < 0)
                res->bad++;
            file_line(u, path, info.hdr.gen, err, note, &info);
        }
        free(path);
    }
    ju_arr_end(u);
}

/* The checkpoint LSN of the stream in dir, when its checkpoint file is
 * readable (for the single-file dump's "Checkpoint" line). */
static bool checkpoint_of(const char *dir, const char *base, unsigned legacy, log_lsn *lsn)
{
    log_checkpoint cp;
    if (log_checkpoint_read(dir, base, legacy, &cp) < 0)
        return false;
    *lsn = cp.lsn;
    return true;
}

/* Split path into a malloc'd folder and a pointer to the file name. */
static char *dir_of(const char *path, const char **name)
{
    const char *slash = strrchr(path, '/');
    if (slash == NULL) {
        *name = path;
        return strdup(".");
    }
    *name = slash + 1;
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

/* ---- /ml /v: the records of one file ------------------------------------------------ */

/* Record type names (ESE's lrtyp names where jetdb reuses the number). */
static const char *rec_type_name(uint8_t t, char *buf, size_t cb)
{
    switch (t) {
    case LOG_REC_NOP: return "NOP";
    case LOG_REC_INIT: return "INIT";
    case LOG_REC_TERM: return "TERM";
    case LOG_REC_BEGIN: return "BEGIN";
    case LOG_REC_COMMIT: return "COMMIT";
    case LOG_REC_ROLLBACK: return "ROLLBACK";
    case LOG_REC_CREATEDB: return "CREATEDB";
    case LOG_REC_ATTACHDB: return "ATTACHDB";
    case LOG_REC_DETACHDB: return "DETACHDB";
    case LOG_REC_TRACE: return "TRACE";
    case LOG_REC_CLR: return "CLR";
    case LOG_REC_BACKUP: return "BACKUP";
    case LOG_REC_NEWPAGE: return "NEWPAGE";
    case LOG_REC_PAGE: return "PAGE";
    default:
        snprintf(buf, cb, "TYPE%u", t);
        return buf;
    }
}

/* Phases of a BACKUP record (its flags byte; docs/backup.md). */
static const char *backup_phase(uint8_t ph)
{
    static const char *const names[] = {"?", "begin", "prepare-logs", "truncate",
                                        "update", "abort", "stop"};
    return ph < sizeof names / sizeof names[0] ? names[ph] : "?";
}

/* The flag names of a PAGE record ("FIRST|LAST", "-" for none). */
static void page_flags(uint8_t f, char *buf, size_t cb)
{
    static const struct { uint8_t bit; const char *name; } fl[] = {
        {BT_LOGF_FIRST, "FIRST"}, {BT_LOGF_LAST, "LAST"}, {BT_LOGF_CLR, "CLR"},
        {BT_LOGF_NEWPAGE, "NEWPAGE"},
    };
    size_t n = 0;
    buf[0] = '\0';
    uint8_t rest = f;
    for (size_t i = 0; i < sizeof fl / sizeof fl[0]; i++) {
        if (f & fl[i].bit) {
            n += (size_t)snprintf(buf + n, n < cb ? cb - n : 0, "%s%s", n ? "|" : "", fl[i].name);
            rest = (uint8_t)(rest & ~fl[i].bit);
        }
    }
    if (rest != 0 && n < cb)
        n += (size_t)snprintf(buf + n, cb - n, "%s0x%02x", n ? "|" : "", rest);
    if (n == 0)
        snprintf(buf, cb, "-");
}

/* Per-type counters of the summary. */
typedef struct rec_sum {
    uint64_t count[256], bytes[256];
} rec_sum;

/* One record: text line or JSON object. */
static void dump_record(ju *u, const uint8_t *rec, size_t len, log_lsn lsn, uint32_t page_size)
{
    log_rec_hdr h;
    memcpy(&h, rec, sizeof h);
    JET_LGPOS pos;
    lsn_pos(lsn, &pos);
    char ps[48], tn[16], detail[700];
    ju_fmt_lgpos(&pos, ps, sizeof ps);
    const char *name = rec_type_name(h.type, tn, sizeof tn);
    size_t n = 0;
    detail[0] = '\0';
#define DET(...)                                                                               \
    do {                                                                                       \
        if (n < sizeof detail)                                                                 \
            n += (size_t)snprintf(detail + n, sizeof detail - n, __VA_ARGS__);                 \
    } while (0)
    ju_item(u);
    ju_lgpos(u, "position", NULL, &pos, NULL);
    ju_json_u64(u, "offset", log_lsn_off(lsn));
    ju_json_u64(u, "type", h.type);
    ju_json_str(u, "type_name", name);
    ju_json_u64(u, "length", len);
    ju_json_u64(u, "flags", h.flags);
    ju_json_u64(u, "dbid", h.dbid);
    ju_json_u64(u, "txid", h.txid);
    if (h.dbid != 0)
        DET(" dbid %u", h.dbid);
    if (h.txid != 0)
        DET(" txid 0x%llx", (unsigned long long)h.txid);
    switch (h.type) {
    case LOG_REC_BEGIN:
        /* a transaction's id is the position of its BEGIN record */
        if (h.txid == 0) {
            DET(" txid 0x%llx", (unsigned long long)lsn);
            ju_json_u64(u, "begins_txid", lsn);
        }
        break;
    case LOG_REC_PAGE: {
        bt_logrec lr;
        JET_ERR e = bt_logrec_decode(rec, len, page_size, &lr);
        if (e < 0) {
            DET(" MALFORMED (%s)", errtext_name(e));
            ju_json_str(u, "malformed", errtext_name(e));
            break;
        }
        char fl[64];
        page_flags(lr.flags, fl, sizeof fl);
        DET(" pgno %u objid %u flags %s dbtime 0x%llx->0x%llx opid 0x%llx undo %u ranges %u",
            lr.pgno, lr.objid, fl, (unsigned long long)lr.dbtime_before,
            (unsigned long long)lr.dbtime_after, (unsigned long long)lr.opid, lr.undo_len,
            lr.nranges);
        ju_json_u64(u, "pgno", lr.pgno);
        ju_json_u64(u, "objid", lr.objid);
        ju_json_str(u, "flag_names", fl);
        ju_json_u64(u, "opid", lr.opid);
        ju_json_u64(u, "dbtime_before", lr.dbtime_before);
        ju_json_u64(u, "dbtime_after", lr.dbtime_after);
        ju_json_u64(u, "undo_length", lr.undo_len);
        ju_json_u64(u, "ranges", lr.nranges);
        break;
    }
    case LOG_REC_CREATEDB:
    case LOG_REC_ATTACHDB:
    case LOG_REC_DETACHDB: {
        db_logrec_info info;
        JET_ERR e = db_logrec_parse(rec, len, &info);
        if (e < 0) {
            DET(" MALFORMED (%s)", errtext_name(e));
            ju_json_str(u, "malformed", errtext_name(e));
            break;
        }
        DET(" page size %u rand %u path %s", info.page_size, info.sign_db.ulRandom, info.path);
        ju_json_str(u, "path", info.path);
        ju_json_u64(u, "page_size", info.page_size);
        ju_sig(u, "db_signature", NULL, &info.sign_db);
        break;
    }
    case LOG_REC_INIT:
        if (len >= LOG_REC_HDR_SIZE + sizeof(JET_SIGNATURE)) {
            JET_SIGNATURE sig;
            memcpy(&sig, rec + LOG_REC_HDR_SIZE, sizeof sig);
            DET(" log signature rand %u", sig.ulRandom);
            ju_sig(u, "log_signature", NULL, &sig);
        }
        break;
    case LOG_REC_BACKUP:
        DET(" phase %s", backup_phase(h.flags));
        ju_json_str(u, "phase", backup_phase(h.flags));
        if (len >= LOG_REC_HDR_SIZE + 8 + sizeof(JET_BKINFO)) {
            JET_BKINFO bk;
            memcpy(&bk, rec + LOG_REC_HDR_SIZE + 8, sizeof bk);
            DET(" gen %u-%u", (unsigned)bk.genLow, (unsigned)bk.genHigh);
            ju_json_u64(u, "gen_low", bk.genLow);
            ju_json_u64(u, "gen_high", bk.genHigh);
        }
        break;
    case LOG_REC_TRACE: {
        /* free text: printable bytes, at most 120 of them */
        char t[128];
        size_t k = 0;
        for (size_t i = LOG_REC_HDR_SIZE; i < len && k + 1 < sizeof t && k < 120; i++) {
            if (rec[i] == '\0')
                break;
            t[k++] = rec[i] >= 0x20 && rec[i] < 0x7f ? (char)rec[i] : '.';
        }
        t[k] = '\0';
        DET(" \"%s\"", t);
        ju_json_str(u, "text", t);
        break;
    }
    default:
        if (h.flags != 0)
            DET(" flags 0x%02x", h.flags);
        break;
    }
#undef DET
    ju_text(u, "  %-16s %6zu %-9s%s\n", ps, len, name, detail);
    ju_end(u);
}

/* /ml /v: every record of the log file at path (generation hdr->gen),
 * through the engine's reader, up to the end or the first damage.  The
 * reader finds files by name in a folder, so it is given a private
 * folder where a symbolic link carries the name it expects. */
static void dump_records(ju *u, const char *path, const log_file_hdr *hdr, bool is_current,
                         JET_ERR verify_err)
{
    const char *tmp_root = getenv("TMPDIR");
    char tmpdir[512];
    snprintf(tmpdir, sizeof tmpdir, "%s/jetutil-ml-XXXXXX",
             tmp_root && *tmp_root ? tmp_root : "/tmp");
    char name[LOG_NAME_MAX];
    char *abs = realpath(path, NULL);
    char *link = NULL;
    bool made = false;
    JET_ERR err = JET_errSuccess;
    if (abs == NULL || mkdtemp(tmpdir) == NULL) {
        err = JET_errDiskIO;
    } else {
        made = true;
        err = is_current ? log_name_current("dmp", 0, name, sizeof name)
                         : log_name_archived("dmp", 0, hdr->gen, name, sizeof name);
        if (err >= 0) {
            link = ju_path(tmpdir, name);
            if (link == NULL || symlink(abs, link) != 0)
                err = JET_errDiskIO;
        }
    }
    free(abs);
    if (err < 0) {
        ju_problem(u, JU_EXIT_IO, path, err, "cannot prepare a temporary folder for the dump");
        goto done;
    }
    rec_sum *sum = calloc(1, sizeof *sum);
    log_reader *r = NULL;
    if (sum == NULL) {
        err = JET_errOutOfMemory;
    } else {
        err = log_reader_open(tmpdir, "dmp", 0, log_lsn_make(hdr->gen, 0), &r);
    }
    ju_text(u, "\nLog records (position, length, type, fields):\n");
    ju_arr(u, "log_records");
    uint64_t nrec = 0;
    while (err >= 0) {
        const void *rec;
        size_t len;
        log_lsn lsn;
        err = log_reader_next(r, &rec, &len, &lsn);
        if (err < 0 || rec == NULL || log_lsn_gen(lsn) != hdr->gen)
            break;
        dump_record(u, rec, len, lsn, hdr->page_size);
        const log_rec_hdr *h = rec;
        sum->count[h->type]++;
        sum->bytes[h->type] += len;
        nrec++;
    }
    ju_arr_end(u);
    log_reader_close(r);
    if (err < 0) {
        /* The damage verification already reported, or a new problem. */
        if (verify_err < 0)
            ju_text(u, "  (the dump stops at the damage: error %d, %s)\n", (int)err,
                    errtext_name(err));
        else
            ju_problem(u, 0, path, err, "reading the records failed");
        ju_json_str(u, "dump_stopped_by", errtext_name(err));
    }
    ju_text(u, "\nRecord summary:\n");
    ju_arr(u, "record_summary");
    for (unsigned t = 0; sum != NULL && t < 256; t++) {
        if (sum->count[t] == 0)
            continue;
        char tn[16];
        const char *nm = rec_type_name((uint8_t)t, tn, sizeof tn);
        ju_item(u);
        ju_json_u64(u, "type", t);
        ju_json_str(u, "type_name", nm);
        ju_json_u64(u, "count", sum->count[t]);
        ju_json_u64(u, "bytes", sum->bytes[t]);
        ju_text(u, "  %-9s %10llu records %12llu bytes\n", nm,
                (unsigned long long)sum->count[t], (unsigned long long)sum->bytes[t]);
        ju_end(u);
    }
    ju_arr_end(u);
    ju_text(u, "  %-9s %10llu records\n", "total", (unsigned long long)nrec);
    ju_json_u64(u, "records_dumped", nrec);
    free(sum);
done:
    if (link != NULL)
        unlink(link);
    free(link);
    if (made)
        rmdir(tmpdir);
}

/* /ml on one file: header fields, then the verification result. */
static void dump_one_log(ju *u, const char *path)
{
    const char *name;
    char *dir = dir_of(path, &name);
    const char *dot = strrchr(name, '.');
    int lg = dot ? legacy_of_ext(dot) : -1;
    char base[16] = "edb";
    size_t stem = dot ? (size_t)(dot - name) : strlen(name);
    if (stem >= 3 && stem < sizeof base) {
        memcpy(base, name, 3);
        base[3] = '\0';
    }
    bool is_current = stem == 3;
    ju_str(u, "base_name", "Base name", base);
    ju_str(u, "file", "Log file", path);
    log_file_info info;
    JET_ERR err = log_verify_file(path, is_current, &info);
    log_file_hdr hdr;
    JET_ERR herr = err >= 0 ? JET_errSuccess : log_read_header(path, &hdr);
    if (err >= 0)
        hdr = info.hdr;
    if (herr < 0) {
        ju_problem(u, 0, path, herr, "cannot read a valid log file header");
        free(dir);
        return;
    }
    ju_u64x(u, "generation", "lGeneration", hdr.gen);
    log_lsn ck = 0;
    JET_LGPOS pos;
    if (lg >= 0 && checkpoint_of(dir, base, (unsigned)lg, &ck)) {
        lsn_pos(ck, &pos);
        ju_lgpos(u, "checkpoint", "Checkpoint", &pos, NULL);
    } else {
        ju_str(u, "checkpoint", "Checkpoint", "NOT AVAILABLE");
    }
    ju_logtime(u, "creation_time", "creation time", &hdr.tm_create);
    ju_logtime(u, "prev_gen_time", "prev gen time", &hdr.tm_prev);
    ju_strf(u, NULL, "prev gen accumulated segment checksum", "0x%08x", hdr.prev_accum);
    ju_json_u64(u, "prev_gen_accumulated_checksum", hdr.prev_accum);
    ju_strf(u, "format_version", "Format LGVersion", "(%u.%u)", hdr.version_major,
            hdr.version_minor);
    ju_sig(u, "signature", "Signature", &hdr.sign_log);
    ju_u64(u, "segments", "Log Segments (4096 bytes)", hdr.nseg);
    ju_u64(u, "db_page_size", "DB Page Size", hdr.page_size);
    ju_bool(u, "circular", "Circular Logging Flag", (hdr.flags & LOG_FILEF_CIRCULAR) != 0, "ON",
            "OFF");
    ju_bool(u, "reserved_log", "Using Reserved Log File", (hdr.flags & LOG_FILEF_RESERVE) != 0,
            "true", "false");
    lsn_pos(hdr.ckpt_at_create, &pos);
    ju_lgpos(u, "checkpoint_at_creation", "Checkpoint at log creation time", &pos, NULL);
    ju_text(u, "\n");
    if (err < 0) {
        ju_problem(u, 0, path, err, "Log damaged (unusable)");
        if (u->verbose)
            dump_records(u, path, &hdr, is_current, err);
        free(dir);
        return;
    }
    lsn_pos(info.last, &pos);
    ju_lgpos(u, "last_lgpos", "Last Lgpos", &pos, NULL);
    ju_u64(u, "records", "Records", info.records);
    ju_u64(u, "valid_segments", "Valid data segments", info.segs_valid);
    ju_strf(u, NULL, "Accumulated segment checksum", "0x%08x", info.accum);
    ju_json_u64(u, "accumulated_checksum", info.accum);
    ju_bool(u, "closed", "Generation closed", info.closed, "yes", "no (current log)");
    if (info.torn_tail)
        ju_warn(u, "Log damaged (PATCHABLE) -- the current log ends in a torn segment; soft "
                   "recovery will fix this");
    ju_json_bool(u, "torn_tail", info.torn_tail);
    if (u->verbose)
        dump_records(u, path, &hdr, is_current, err);
    ju_text(u, "\nIntegrity check passed for log file: %s\n", path);
    free(dir);
}

int ju_mode_ml(ju *u, const ju_opts *o)
{
    ju_begin(u, "ml", "Initiating FILE DUMP mode...");
    u->label_width = 38;
    const char *arg = o->file;
    if (ju_is_file(arg)) {
        dump_one_log(u, arg);
        return ju_finish(u, JET_errSuccess);
    }
    /* A folder, or "folder/base" naming a set by its base name as
     * esentutl's "/ml edb" does. */
    char *dir;
    const char *hint = o->base;
    if (ju_is_dir(arg)) {
        dir = strdup(arg);
    } else {
        const char *name;
        dir = dir_of(arg, &name);
        hint = name;
        if (!ju_is_dir(dir)) {
            ju_problem(u, JU_EXIT_IO, arg, JET_errFileNotFound, "no such log file or folder");
            free(dir);
            return ju_finish(u, JET_errFileNotFound);
        }
    }
    char base[16];
    unsigned legacy;
    if (!ju_log_detect(dir, hint, base, &legacy)) {
        ju_problem(u, JU_EXIT_IO, arg, JET_errFileNotFound, "no log files found");
        free(dir);
        return ju_finish(u, JET_errFileNotFound);
    }
    if (u->verbose) {
        char cur[LOG_NAME_MAX];
        (void)log_name_current(base, legacy, cur, sizeof cur);
        ju_warn(u, "/v dumps the records of one log file: give the file (e.g. %s/%s)", dir,
                cur);
    }
    ju_text(u, "\nVerifying log files...\n");
    ju_str(u, "folder", "Folder", dir);
    ju_str(u, "base_name", "Base name", base);
    ju_logset res;
    ju_progress_start(u, "Verify", 0);
    ju_logset_check(u, dir, base, legacy, true, &res);
    ju_progress_end(u);
    ju_text(u, "\n");
    ju_obj(u, "summary", NULL);
    ju_strf(u, NULL, "Generations", "%u-%u (0x%x-0x%x)%s", res.lo, res.hi, res.lo, res.hi,
            res.has_current ? " + current" : "");
    ju_json_u64(u, "gen_low", res.lo);
    ju_json_u64(u, "gen_high", res.hi);
    ju_json_u64(u, "current_generation", res.current_gen);
    ju_u64(u, "files", "Files", res.files);
    ju_u64(u, "damaged", "Damaged", res.bad);
    ju_u64(u, "missing", "Missing generations", res.missing);
    if (res.sign_known)
        ju_sig(u, "signature", "Signature", &res.sign_log);
    ju_end(u);
    if (u->exit_code == 0)
        ju_text(u, "\nNo damaged log files were found.\n");
    free(dir);
    return ju_finish(u, JET_errSuccess);
}

/* ---- /mk ---------------------------------------------------------------------------- */

/* Status of one checkpoint copy at b (4096 bytes): valid and its sequence. */
static bool ckpt_copy_ok(const uint8_t *b, uint64_t *seq)
{
    if (rd32(b + 4) != CKPT_MAGIC || rd32(b) != crc32c(0, b + 4, CKPT_COPY_SIZE - 4))
        return false;
    memcpy(seq, b + 16, sizeof *seq);
    return true;
}

int ju_mode_mk(ju *u, const ju_opts *o)
{
    ju_begin(u, "mk", "Initiating FILE DUMP mode...");
    u->label_width = 26;
    ju_str(u, "file", "Checkpoint file", o->file);
    int fd = ju_open_read(u, o->file);
    if (fd < 0)
        return ju_finish(u, JET_errFileNotFound);
    uint8_t b[2 * CKPT_COPY_SIZE];
    memset(b, 0, sizeof b);
    size_t got = 0;
    (void)ju_pread_full(fd, b, sizeof b, 0, &got);
    close(fd);
    uint64_t sa = 0, sb = 0;
    bool va = got >= CKPT_COPY_SIZE && ckpt_copy_ok(b, &sa);
    bool vb = got >= 2 * CKPT_COPY_SIZE && ckpt_copy_ok(b + CKPT_COPY_SIZE, &sb);
    if (va)
        ju_strf(u, NULL, "Copy A", "valid, sequence %llu", (unsigned long long)sa);
    else
        ju_str(u, NULL, "Copy A", "DAMAGED");
    if (vb)
        ju_strf(u, NULL, "Copy B", "valid, sequence %llu", (unsigned long long)sb);
    else
        ju_str(u, NULL, "Copy B", "DAMAGED");
    ju_json_bool(u, "copy_a_ok", va);
    ju_json_bool(u, "copy_b_ok", vb);
    if (!va && !vb) {
        JET_ERR err = JET_errCheckpointCorrupt;
        if (got >= 8 && rd32(b + 4) != CKPT_MAGIC)
            ju_problem(u, JU_EXIT_CORRUPT, o->file, err,
                       "not a jetdb checkpoint file (magic 0x%08x)", rd32(b + 4));
        else
            ju_problem(u, JU_EXIT_CORRUPT, o->file, err,
                       "neither copy of the checkpoint is valid");
        return ju_finish(u, err);
    }
    if (!va || !vb)
        ju_warn(u, "one copy of the checkpoint is damaged; the other one is used");
    /* The engine's reader decodes the content; it wants "<base>.chk" in a
     * folder, so give it the file under that shape when the name differs. */
    const char *name;
    char *dir = dir_of(o->file, &name);
    const char *dot = strrchr(name, '.');
    unsigned legacy = 0;
    char base[64] = "";
    bool direct = false;
    if (dot != NULL && (size_t)(dot - name) < sizeof base && dot != name) {
        memcpy(base, name, (size_t)(dot - name));
        base[dot - name] = '\0';
        if (strcasecmp(dot, ".chk") == 0) {
            legacy = LOG_LEGACY_ESE98;
            direct = true;
        } else if (strcasecmp(dot, ".jcp") == 0) {
            direct = true;
        }
    }
    char tmpdir[] = "/tmp/jetutil-mk-XXXXXX";
    char *link = NULL;
    if (!direct) {
        char *abs = realpath(o->file, NULL);
        if (abs == NULL || mkdtemp(tmpdir) == NULL) {
            free(abs);
            free(dir);
            ju_problem(u, JU_EXIT_IO, o->file, JET_errDiskIO, "cannot prepare a temporary folder");
            return ju_finish(u, JET_errDiskIO);
        }
        link = ju_path(tmpdir, "ckp.jcp");
        if (link == NULL || symlink(abs, link) != 0) {
            free(abs);
            free(link);
            free(dir);
            rmdir(tmpdir);
            ju_problem(u, JU_EXIT_IO, o->file, JET_errDiskIO, "cannot prepare a temporary folder");
            return ju_finish(u, JET_errDiskIO);
        }
        free(abs);
        free(dir);
        dir = strdup(tmpdir);
        snprintf(base, sizeof base, "ckp");
        legacy = 0;
    }
    log_checkpoint cp;
    JET_ERR err = log_checkpoint_read(dir, base, legacy, &cp);
    if (link != NULL) {
        unlink(link);
        rmdir(tmpdir);
        free(link);
    }
    free(dir);
    if (err < 0) {
        ju_problem(u, 0, o->file, err, "cannot decode the checkpoint");
        return ju_finish(u, err);
    }
    JET_LGPOS pos;
    lsn_pos(cp.lsn, &pos);
    ju_lgpos(u, "checkpoint", "Checkpoint", &pos, NULL);
    lsn_pos(cp.full_backup_lsn, &pos);
    ju_lgpos(u, "full_backup", "FullBackup", &pos, NULL);
    ju_logtime(u, "full_backup_time", "FullBackup time", &cp.full_backup_time);
    lsn_pos(cp.inc_backup_lsn, &pos);
    ju_lgpos(u, "inc_backup", "IncBackup", &pos, NULL);
    ju_logtime(u, "inc_backup_time", "IncBackup time", &cp.inc_backup_time);
    ju_sig(u, "signature", "Signature", &cp.sign_log);
    ju_u64(u, "attached_count", "Attached databases", cp.nattach);
    ju_arr(u, "attached");
    for (uint32_t i = 0; i < cp.nattach && i < LOG_ATTACH_MAX; i++) {
        const log_attach *a = &cp.attach[i];
        ju_item(u);
        ju_text(u, "%*s  %u %s\n", u->label_width, "", a->dbid, a->path);
        ju_json_u64(u, "dbid", a->dbid);
        ju_json_str(u, "path", a->path);
        ju_sig(u, "signature", "Signature", &a->sign_db);
        lsn_pos(a->lsn_attach, &pos);
        ju_lgpos(u, "last_attach", "Last Attach", &pos, NULL);
        ju_end(u);
    }
    ju_arr_end(u);
    return ju_finish(u, JET_errSuccess);
}
