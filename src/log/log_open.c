/*
 * log_open.c: opening a log stream (creating a new one, finishing an
 * interrupted roll, validating the generations recovery needs, finding the
 * end of the log) and closing it.
 *
 * Open is where every crash is sorted out.  The writer's invariants make it
 * simple: durable segments are never rewritten, so the end of the log is the
 * last segment of B.log that verifies and chains to its predecessor (unless
 * a later flush follows the first bad segment: then it is damage and open
 * fails with JET_errLogFileCorrupt before changing anything); a roll
 * renames B.log away only after the next generation's header is durable in
 * Btmp, so a missing B.log with a matching Btmp is a roll to finish.
 */
#include "log/log_int.h"
#include "util/err.h"
#include "util/logtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>

/*
 * log_free --
 *     Release a log's memory and files (no I/O beyond closing).
 */
static void log_free(log_t *log)
{
    if (log == NULL)
        return;
    (void)os_close(log->file);
    free(log->ring);
    free(log->slot_used);
    free(log->slot_flags);
    free(log->log_path);
    free(log->system_path);
    free(log->cur_path);
    free(log->tmp_path);
    free(log->chk_path);
    pthread_mutex_destroy(&log->mu);
    pthread_cond_destroy(&log->cv);
    pthread_mutex_destroy(&log->arch_mu);
    pthread_mutex_destroy(&log->ckpt_mu);
    free(log);
}

/*
 * log_alloc --
 *     A log_t for cfg, with names and buffer, nothing opened.
 */
static JET_ERR log_alloc(const log_config *cfg, log_t **out)
{
    JET_ERR err = JET_errSuccess;
    char name[LOG_NAME_MAX];
    log_t *log;

    if (cfg == NULL || cfg->log_path == NULL || cfg->system_path == NULL || cfg->base == NULL ||
        strlen(cfg->base) != 3 || cfg->file_size_bytes % LOG_SEG_SIZE != 0 ||
        cfg->file_size_bytes < LOG_FILE_SIZE_MIN || cfg->file_size_bytes > LOG_FILE_SIZE_MAX)
        return JET_errInvalidParameter;
    log = calloc(1, sizeof *log);
    if (log == NULL)
        return JET_errOutOfMemory;
    pthread_mutex_init(&log->mu, NULL);
    pthread_cond_init(&log->cv, NULL);
    pthread_mutex_init(&log->arch_mu, NULL);
    pthread_mutex_init(&log->ckpt_mu, NULL);
    strcpy(log->base, cfg->base);
    log->legacy = cfg->legacy_names;
    log->file_size = cfg->file_size_bytes;
    log->nseg = (uint32_t)(cfg->file_size_bytes / LOG_SEG_SIZE);
    log->page_size = cfg->page_size;
    log->circular = cfg->circular;
    log->ev = cfg->ev;
    log->log_path = strdup(cfg->log_path);
    log->system_path = strdup(cfg->system_path);
    if (log->log_path == NULL || log->system_path == NULL)
        CHECK(JET_errOutOfMemory);
    CHECK(log_name_current(log->base, log->legacy, name, sizeof name));
    CHECK(log_path_of(log->log_path, name, &log->cur_path));
    CHECK(log_name_tmp(log->base, log->legacy, name, sizeof name));
    CHECK(log_path_of(log->log_path, name, &log->tmp_path));
    CHECK(log_name_checkpoint(log->base, log->legacy, name, sizeof name));
    CHECK(log_path_of(log->system_path, name, &log->chk_path));

    /* The buffer must hold the largest record plus the segment being
     * written, whatever JET_paramLogBuffers says. */
    uint32_t nring = (uint32_t)(cfg->log_buffer_bytes / LOG_SEG_SIZE);
    uint32_t need = (LOG_REC_MAX + LOG_SEG_PAYLOAD - 1) / LOG_SEG_PAYLOAD + 4;
    if (nring < need)
        nring = need;
    if (nring > 4096)
        nring = 4096;
    log->nring = nring;
    log->ring = malloc((size_t)nring * LOG_SEG_SIZE);
    log->slot_used = calloc(nring, sizeof *log->slot_used);
    log->slot_flags = calloc(nring, sizeof *log->slot_flags);
    if (log->ring == NULL || log->slot_used == NULL || log->slot_flags == NULL)
        CHECK(JET_errOutOfMemory);
    if (getrandom(&log->open_id, sizeof log->open_id, 0) != (ssize_t)sizeof log->open_id)
        log->open_id = (uint32_t)os_time_mono_ns();
done:
    if (err < 0) {
        log_free(log);
        return err;
    }
    *out = log;
    return err;
}

/*
 * log_create_stream --
 *     Create a new stream: reserved logs, generation 1, checkpoint, Btmp.
 */
static JET_ERR log_create_stream(log_t *log)
{
    JET_ERR err = JET_errSuccess;
    os_file *f = NULL;
    uint8_t *seg = malloc(LOG_SEG_SIZE);
    log_file_hdr hdr;

    if (seg == NULL)
        return JET_errOutOfMemory;
    signature_new(&log->sign);
    CHECK(log_make_reserves(log));

    /* Build generation 1 under the temporary name and rename it into place
     * last: a crash before that leaves no B.log, i.e. no stream, and the
     * next open simply starts over. */
    memset(&hdr, 0, sizeof hdr);
    hdr.version_major = LOG_FORMAT_MAJOR;
    hdr.version_minor = LOG_FORMAT_MINOR;
    hdr.gen = 1;
    hdr.nseg = log->nseg;
    hdr.page_size = log->page_size;
    hdr.flags = log->circular ? LOG_FILEF_CIRCULAR : 0;
    logtime_now(&hdr.tm_create);
    hdr.sign_log = log->sign;
    hdr.ckpt_at_create = log_lsn_make(1, LOG_SEG_SIZE + LOG_SEG_HDR_SIZE);
    err = log_file_create(log->tmp_path, log->file_size);
    if (err == JET_errDiskFull)
        err = JET_errLogDiskFull;
    CHECK(err);
    log_hdr_encode(&hdr, seg);
    CHECK(os_open(log->tmp_path, OS_OPEN_RDWR, &f));
    CHECK(os_pwrite(f, seg, LOG_SEG_SIZE, 0));
    CHECK(os_fdatasync(f));
    CHECK(os_close(f));
    f = NULL;

    /* The checkpoint before B.log: a leftover checkpoint of an older stream
     * must never sit next to the new B.log. */
    memset(&log->ckpt, 0, sizeof log->ckpt);
    log->ckpt.lsn = hdr.ckpt_at_create;
    log->ckpt_seq = 0;
    CHECK(log_ckpt_store(log, &log->ckpt));
    CHECK(os_rename_durable(log->tmp_path, log->cur_path));
    CHECK(os_open(log->cur_path, OS_OPEN_RDWR, &log->file));

    log->gen = 1;
    log->tm_create = hdr.tm_create;
    log->cur_seg = log->flush_seg = 1;
    log->prev_crc = hdr.crc;
    log->fseq = 1;
    log->end_lsn = log->flushed_lsn = hdr.ckpt_at_create;
done:
    KEEP(err, os_close(f));
    free(seg);
    return err;
}

/*
 * log_finish_roll --
 *     B.log is missing but archived generations exist: complete the roll
 *     when Btmp holds the next generation's header, else fail.
 */
static JET_ERR log_finish_roll(log_t *log, uint32_t gen_max)
{
    log_file_hdr tmp, prev;
    char *arch = NULL;
    JET_ERR err = JET_errSuccess;

    CHECK(log_archived_path(log, gen_max, &arch));
    CHECK(log_read_header(arch, &prev));
    if (!os_exists(log->tmp_path) || log_read_header(log->tmp_path, &tmp) < 0 ||
        tmp.gen != gen_max + 1 || !signature_equal(&tmp.sign_log, &prev.sign_log) ||
        !logtime_equal(&tmp.tm_prev, &prev.tm_create)) {
        err = JET_errMissingLogFile;
        goto done;
    }
    CHECK(os_rename_durable(log->tmp_path, log->cur_path));
done:
    free(arch);
    return err;
}

/*
 * log_check_link --
 *     Check that file hdr continues the file before it (prev, prev_accum).
 */
static JET_ERR log_check_link(const log_file_hdr *prev, uint32_t prev_accum,
                              const log_file_hdr *hdr)
{
    if (!signature_equal(&hdr->sign_log, &prev->sign_log))
        return JET_errBadLogSignature;
    if (!logtime_equal(&hdr->tm_prev, &prev->tm_create))
        return JET_errInvalidLogSequence;
    if (hdr->prev_accum != prev_accum)
        return JET_errLogSequenceChecksumMismatch;
    return JET_errSuccess;
}

/*
 * log_open_existing --
 *     Validate an existing stream and position the writer after its end.
 */
static JET_ERR log_open_existing(log_t *log, uint32_t gen_min, log_open_result *res)
{
    JET_ERR err = JET_errSuccess;
    log_file_info cur, prev;
    uint32_t last_crc = 0;
    char *bad = NULL;
    bool have_prev = false;

    memset(&prev, 0, sizeof prev);
    CHECK(os_open(log->cur_path, OS_OPEN_RDWR, &log->file));
    bad = log->cur_path;
    CHECK(log_scan_file(log->file, true, &cur, &last_crc));
    bad = NULL;
    log->sign = cur.hdr.sign_log;
    log->gen = cur.hdr.gen;
    /* An existing stream keeps its own file size: every generation must be
     * equal, and the reserved logs are sized like it. */
    log->nseg = cur.hdr.nseg;
    log->file_size = (uint64_t)cur.hdr.nseg * LOG_SEG_SIZE;
    if (gen_min == 0 || gen_min > log->gen)
        gen_min = log->gen;

    /* The checkpoint says where redo starts; without one, at the oldest log. */
    uint64_t seq = 0;
    err = log_checkpoint_read_seq(log->system_path, log->base, log->legacy, &log->ckpt, &seq);
    if (err == JET_errCheckpointFileNotFound) {
        memset(&log->ckpt, 0, sizeof log->ckpt);
        log->ckpt.lsn = log_lsn_make(gen_min, LOG_SEG_SIZE + LOG_SEG_HDR_SIZE);
        log->ckpt.sign_log = log->sign;
        res->checkpoint_found = false;
        err = JET_errSuccess;
    } else {
        CHECK(err);
        if (!signature_equal(&log->ckpt.sign_log, &log->sign)) {
            err = JET_errBadCheckpointSignature;
            goto done;
        }
        log->ckpt_seq = seq;
        log->ckpt_durable = log->ckpt.lsn;
        res->checkpoint_found = true;
    }
    uint32_t cg = log_lsn_gen(log->ckpt.lsn);
    if (cg == 0 || cg > log->gen || log->ckpt.lsn > cur.end) {
        err = JET_errCheckpointCorrupt;
        goto done;
    }

    /* Every generation redo needs must be there, intact and linked. */
    for (uint32_t g = cg; g < log->gen; g++) {
        char *path = NULL;
        log_file_info info;
        CHECK(log_archived_path(log, g, &path));
        if (!os_exists(path)) {
            free(path);
            err = JET_errMissingLogFile;
            goto done;
        }
        /* Header and links first (the precise error), then every segment. */
        log_file_hdr h;
        err = log_read_header(path, &h);
        if (err >= 0 && h.gen != g)
            err = JET_errLogGenerationMismatch;
        if (err >= 0 && have_prev)
            err = log_check_link(&prev.hdr, prev.accum, &h);
        if (err >= 0)
            err = log_verify_file(path, false, &info);
        if (err < 0) {
            log_event(log, LOG_EV_LOG_FILE_CORRUPTED, JETDB_EVENT_ERROR, path, NULL);
            free(path);
            goto done;
        }
        free(path);
        prev = info;
        have_prev = true;
    }
    if (have_prev)
        CHECK(log_check_link(&prev.hdr, prev.accum, &cur.hdr));

    /* Clean when the stream's last record is TERM.  The current file is
     * empty right after a roll: then the last record is in the previous one. */
    if (cur.records > 0) {
        res->clean = cur.last_type == LOG_REC_TERM;
    } else if (log->gen == 1) {
        res->clean = true;
    } else {
        if (!have_prev || prev.hdr.gen != log->gen - 1) {
            char *path = NULL;
            CHECK(log_archived_path(log, log->gen - 1, &path));
            JET_ERR perr = os_exists(path) ? log_verify_file(path, false, &prev) : -1;
            free(path);
            have_prev = perr >= 0;
        }
        res->clean = have_prev && prev.records > 0 && prev.last_type == LOG_REC_TERM;
    }

    /* Resume after the last valid segment: everything beyond it was never
     * acknowledged and is overwritten from here on. */
    log->tm_create = cur.hdr.tm_create;
    log->cur_seg = log->flush_seg = cur.segs_valid + 1;
    log->cur_off = 0;
    log->gen_closed = cur.closed && cur.segs_valid + 1 < log->nseg;
    if (log->cur_seg >= log->nseg)
        log->cur_seg = log->flush_seg = log->nseg;
    log->prev_crc = last_crc;
    log->accum = cur.accum;
    /* The next flush gets a number above every flush that wrote a valid
     * segment; whatever an older open left beyond the end carries numbers
     * not above it (see log_seg_tail_check). */
    log->fseq = cur.last_fseq + 1;
    log->end_lsn = log->flushed_lsn = cur.end;
    res->tail_discarded = cur.torn_tail;
    res->page_size = cur.hdr.page_size;
    res->gen_min = gen_min;
done:
    if (err < 0 && bad)
        log_event(log, LOG_EV_LOG_FILE_CORRUPTED, JETDB_EVENT_ERROR, bad, NULL);
    return err;
}

/*
 * log_open --
 *     Open (or create) the log stream described by cfg.
 */
JET_ERR log_open(const log_config *cfg, log_t **out, log_open_result *res)
{
    JET_ERR err = JET_errSuccess;
    log_t *log = NULL;
    log_open_result r;
    uint32_t lo = 0, hi = 0;

    if (out == NULL)
        return JET_errInvalidParameter;
    *out = NULL;
    memset(&r, 0, sizeof r);
    CALL(log_alloc(cfg, &log));
    CHECK(log_gen_range(log->log_path, log->base, log->legacy, &lo, &hi));
    if (cfg->gen_first > lo && os_exists(log->cur_path))
        lo = cfg->gen_first;   /* older files: another folder's part of the stream */
    if (!os_exists(log->cur_path)) {
        if (hi == 0) {
            CHECK(log_create_stream(log));
            r.created = true;
            r.clean = true;
            r.checkpoint_found = true;
            r.gen_min = 1;
            log->ckpt_durable = log->ckpt.lsn;
        } else {
            CHECK(log_finish_roll(log, hi));
            r.roll_finished = true;
        }
    }
    if (!r.created) {
        CHECK(log_open_existing(log, lo, &r));
        /* Make the spare files whole again: a roll may have consumed a
         * reserved log, a crash may have left Btmp half-created. */
        err = log_make_reserves(log);
        if (err < 0 && err != JET_errLogDiskFull)
            goto done;
        err = JET_errSuccess;
    }
    log_after_roll(log);

    r.gen_current = log->gen;
    r.checkpoint = log->ckpt.lsn;
    r.end = log->end_lsn;
    r.sign_log = log->sign;
    r.file_size_bytes = log->file_size;
    if (r.created)
        r.page_size = log->page_size;
done:
    if (err < 0) {
        log_free(log);
        return err;
    }
    if (res)
        *res = r;
    *out = log;
    return err;
}

/*
 * log_close --
 *     Close the log; clean: TERM, flush, checkpoint.
 */
JET_ERR log_close(log_t *log, bool clean)
{
    JET_ERR err = JET_errSuccess;
    if (log == NULL)
        return JET_errSuccess;
    if (clean) {
        log_rec_hdr term;
        log_rec_init(&term, LOG_REC_TERM, sizeof term, 0, 0);
        CHECK(log_append_int(log, &term, sizeof term, NULL, true));
        CHECK(log_flush(log, LOG_LSN_ALL));
        pthread_mutex_lock(&log->ckpt_mu);
        log_checkpoint cp = log->ckpt;
        err = log_ckpt_store(log, &cp);
        pthread_mutex_unlock(&log->ckpt_mu);
    }
done:
    log_free(log);
    return err;
}
