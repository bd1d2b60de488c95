/*
 * log_read.c: reading a log stream record by record, across generations.
 *
 * The reader walks generation after generation: the archived file when it
 * exists, else B.log if its header carries that generation.  Every segment
 * is verified (log_seg_iter) and every file is checked against the one
 * before it (same signature, tmPrevGen chain, accumulated checksum), so redo,
 * backup and jetutil all get the same guarantees.  A bad segment in an
 * archived file is JET_errLogReadVerifyFailure; in B.log it is the torn tail,
 * i.e. the end of the log, unless a later flush follows it
 * (JET_errLogFileCorrupt, see log_seg_iter).  A folder holding only archived
 * files (a backup set) simply ends after the last one.
 */
#include "log/log_int.h"
#include "util/err.h"
#include "util/logtime.h"

#include <stdlib.h>

/* A reader: position, open file, and what the previous file ended with. */
struct log_reader {
    char *folder;
    char base[8];
    unsigned legacy;
    log_lsn start;
    uint32_t gen;               /* generation being read (or to open next) */
    os_file *f;
    bool is_current;
    bool have_iter;
    log_seg_iter it;
    log_rec_parser p;
    bool have_prev;             /* prev_hdr/prev_accum describe gen - 1 */
    log_file_hdr prev_hdr;
    uint32_t prev_accum;
    bool at_end;
    uint32_t last_gen;          /* 0, or the last generation to read */
    JET_ERR err;                /* sticky: once failed, always failed */
};

/*
 * log_reader_open_gen --
 *     Open generation r->gen; sets at_end when the stream ends before it.
 */
static JET_ERR log_reader_open_gen(log_reader *r, bool first)
{
    char name[LOG_NAME_MAX];
    char *path = NULL;
    JET_ERR err = JET_errSuccess;
    log_file_hdr cur;

    CALL(log_name_archived(r->base, r->legacy, r->gen, name, sizeof name));
    CALL(log_path_of(r->folder, name, &path));
    r->is_current = false;
    if (!os_exists(path)) {
        free(path);
        path = NULL;
        CALL(log_name_current(r->base, r->legacy, name, sizeof name));
        CALL(log_path_of(r->folder, name, &path));
        if (!os_exists(path)) {
            err = first ? JET_errMissingLogFile : JET_errSuccess;
            r->at_end = true;
            goto done;
        }
        CHECK(log_read_header(path, &cur));
        if (cur.gen < r->gen && !first) {
            r->at_end = true;
            goto done;
        }
        if (cur.gen != r->gen) {
            err = JET_errMissingLogFile;
            goto done;
        }
        r->is_current = true;
    }
    CHECK(os_open(path, OS_OPEN_READ, &r->f));
    /* The file is read from start to end: ask for the whole of it at once,
     * so the disk reads ahead while the records are replayed. */
    os_advise_sequential(r->f);
    os_prefetch(r->f, 0, 0);
    CHECK(log_seg_iter_init(&r->it, r->f, r->is_current));
    r->have_iter = true;
    if (r->it.hdr.gen != r->gen) {
        err = JET_errLogGenerationMismatch;
        goto done;
    }
    if (r->have_prev) {
        if (!signature_equal(&r->it.hdr.sign_log, &r->prev_hdr.sign_log))
            CHECK(JET_errBadLogSignature);
        if (!logtime_equal(&r->it.hdr.tm_prev, &r->prev_hdr.tm_create))
            CHECK(JET_errInvalidLogSequence);
        if (r->it.hdr.prev_accum != r->prev_accum)
            CHECK(JET_errLogSequenceChecksumMismatch);
    }
done:
    free(path);
    return err;
}

/*
 * log_reader_close_file --
 *     Close the file being read.
 */
static void log_reader_close_file(log_reader *r)
{
    if (r->have_iter)
        log_seg_iter_free(&r->it);
    r->have_iter = false;
    (void)os_close(r->f);
    r->f = NULL;
}

/*
 * log_reader_open --
 *     Open a reader positioned at the first record at or after start.
 */
JET_ERR log_reader_open(const char *folder, const char *base, unsigned legacy, log_lsn start,
                        log_reader **out)
{
    JET_ERR err = JET_errSuccess;
    log_reader *r = NULL;

    if (folder == NULL || base == NULL || out == NULL || strlen(base) >= sizeof r->base)
        return JET_errInvalidParameter;
    *out = NULL;
    r = calloc(1, sizeof *r);
    if (r == NULL)
        return JET_errOutOfMemory;
    r->folder = strdup(folder);
    if (r->folder == NULL) {
        err = JET_errOutOfMemory;
        goto done;
    }
    strcpy(r->base, base);
    r->legacy = legacy;
    r->start = start;
    CHECK(log_parser_init(&r->p));
    r->gen = log_lsn_gen(start);
    if (r->gen == 0) {
        uint32_t lo, hi;
        CHECK(log_gen_range(folder, base, legacy, &lo, &hi));
        if (lo == 0) {
            char name[LOG_NAME_MAX];
            char *path = NULL;
            log_file_hdr h;
            CHECK(log_name_current(base, legacy, name, sizeof name));
            CHECK(log_path_of(folder, name, &path));
            err = log_read_header(path, &h);
            free(path);
            if (err == JET_errFileNotFound)
                err = JET_errMissingLogFile;
            CHECK(err);
            lo = h.gen;
        }
        r->gen = lo;
    }
    CHECK(log_reader_open_gen(r, true));
    *out = r;
    r = NULL;
done:
    log_reader_close(r);
    return err;
}

/*
 * log_reader_next --
 *     The next record, or *rec = NULL at the end of the log.
 */
JET_ERR log_reader_next(log_reader *r, const void **rec, size_t *len, log_lsn *lsn)
{
    if (r == NULL || rec == NULL)
        return JET_errInvalidParameter;
    *rec = NULL;
    while (r->err >= 0 && !r->at_end) {
        if (r->f == NULL) {
            r->err = log_reader_open_gen(r, false);
            continue;
        }
        const uint8_t *p;
        uint32_t n;
        log_lsn at;
        r->err = log_parser_next(&r->p, &p, &n, &at);
        if (r->err < 0)
            break;
        if (p != NULL) {
            if (at < r->start)
                continue;
            *rec = p;
            if (len)
                *len = n;
            if (lsn)
                *lsn = at;
            return JET_errSuccess;
        }
        const uint8_t *seg;
        r->err = log_seg_iter_next(&r->it, &seg);
        if (r->err < 0)
            break;
        if (seg != NULL) {
            r->err = log_parser_feed(&r->p, seg, r->gen, r->it.next - 1);
            continue;
        }
        /* End of this file.  A record still open here is the torn end of
         * the current log, or damage in an archived one. */
        if (r->p.have > 0 && !r->is_current) {
            r->err = JET_errLogFileCorrupt;
            break;
        }
        r->p.have = 0;
        if (r->is_current || (r->last_gen != 0 && r->gen >= r->last_gen)) {
            r->at_end = true;
            break;
        }
        r->prev_hdr = r->it.hdr;
        r->prev_accum = r->it.accum;
        r->have_prev = true;
        log_reader_close_file(r);
        r->gen++;
    }
    return r->err;
}

/*
 * log_reader_set_last --
 *     Stop after generation gen (0: read to the end of the stream).
 */
void log_reader_set_last(log_reader *r, uint32_t gen)
{
    if (r != NULL)
        r->last_gen = gen;
}

/*
 * log_reader_close --
 *     Free a reader.
 */
void log_reader_close(log_reader *r)
{
    if (r == NULL)
        return;
    log_reader_close_file(r);
    log_parser_free(&r->p);
    free(r->folder);
    free(r);
}
