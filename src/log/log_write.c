/*
 * log_write.c: the log buffer, appending records, and flushing with group
 * commit.
 *
 * Appenders copy records into a ring of segment images that mirrors the
 * current file (see struct log).  A flush is done by one thread at a time,
 * the holder of the I/O token: it "seals" everything appended so far (the
 * next record will start in a fresh segment), drops the mutex, stamps and
 * writes the sealed segments with one pwrite run and one fdatasync, and
 * publishes the new durable position.  Threads that call log_flush while a
 * write is in progress wait on the condition variable; when it ends, one of
 * them becomes the next leader and writes everything that accumulated in
 * the meantime, so N concurrent commits cost far fewer than N fdatasyncs.
 *
 * Torn-write safety: a segment that holds durable data is never written
 * again.  The price is that a flush of a few bytes consumes a whole 4 KiB
 * segment (the rest is padding), so a commit-per-flush workload fills
 * generations faster; group commit is what keeps the waste small under
 * load.  A failed write or fdatasync is final (the kernel may have dropped
 * the dirty pages): the log refuses all further work and only log_open can
 * tell what reached the disk.
 */
#include "log/log_int.h"
#include "util/err.h"

#include <stdio.h>

/*
 * log_fatal_code --
 *     What callers are told after a failed log write.
 */
JET_ERR log_fatal_code(JET_ERR err)
{
    return err == JET_errDiskFull ? JET_errLogDiskFull : JET_errLogWriteFail;
}

/*
 * log_event --
 *     Emit one logging/recovery event (nothing without an event source).
 */
void log_event(const log_t *log, uint32_t id, uint32_t type, const char *s1, const char *s2)
{
    if (log->ev == NULL)
        return;
    const char *strings[2] = { s1, s2 };
    uint32_t n = s2 ? 2u : s1 ? 1u : 0u;
    ev_emit(log->ev, EV_CAT_LOGGING_RECOVERY, id, type, JET_EventLoggingLevelMin, n, strings);
}

/*
 * log_slot --
 *     The ring slot holding segment s of the current generation.
 */
static inline uint8_t *log_slot(log_t *log, uint32_t s)
{
    return log->ring + (size_t)(s % log->nring) * LOG_SEG_SIZE;
}

/*
 * log_write_locked --
 *     Write and fdatasync everything appended (the caller holds mu and the
 *     I/O token, and gives the token back); with close_gen also write the
 *     generation's end mark.
 */
JET_ERR log_write_locked(log_t *log, bool close_gen)
{
    JET_ERR err = JET_errSuccess;
    uint32_t first = log->flush_seg, last;

    /* Seal: records appended from now on go to the next segment, so the
     * segments written below are never touched again. */
    if (log->cur_off > 0) {
        last = log->cur_seg;
        log->cur_seg++;
        log->cur_off = 0;
    } else {
        last = log->cur_seg - 1;
    }
    if (close_gen) {
        if (last + 1 > first) {
            log->slot_flags[last % log->nring] |= LOG_SEGF_LAST;
        } else if (log->cur_seg < log->nseg) {
            /* Nothing pending: an empty segment carries the mark, so that a
             * reader of the archived file knows the data ends here. */
            uint32_t s = log->cur_seg++;
            memset(log_slot(log, s), 0, LOG_SEG_SIZE);
            log->slot_used[s % log->nring] = 0;
            log->slot_flags[s % log->nring] = LOG_SEGF_LAST;
            first = last = s;
        }
        /* else the file is full: its last segment is the end. */
    }
    if (last + 1 <= first) {
        if (close_gen)
            log->gen_closed = true;
        goto publish;
    }

    log_lsn snap_end = log->end_lsn;
    uint32_t gen = log->gen, prev = log->prev_crc, accum = log->accum, fseq = log->fseq;
    os_file *f = log->file;
    pthread_mutex_unlock(&log->mu);

    /* Every segment of this flush carries its number, the last one FEND:
     * log_open tells the torn tail of the last flush from damage by them. */
    for (uint32_t s = first; s <= last; s++) {
        uint32_t i = s % log->nring;
        uint16_t fl = (uint16_t)(log->slot_flags[i] | (s == last ? LOG_SEGF_FEND : 0u));
        uint32_t crc = log_seg_seal(log_slot(log, s), gen, s, prev, log->slot_used[i], fl,
                                    log->open_id, fseq);
        accum = log_accum_add(accum, crc);
        prev = crc;
    }
    /* The ring may wrap: at most two contiguous runs. */
    uint32_t s = first;
    while (err >= 0 && s <= last) {
        uint32_t i = s % log->nring;
        uint32_t run = last - s + 1;
        if (run > log->nring - i)
            run = log->nring - i;
        err = os_pwrite(f, log_slot(log, s), (size_t)run * LOG_SEG_SIZE,
                        (uint64_t)s * LOG_SEG_SIZE);
        s += run;
    }
    if (err >= 0)
        err = os_fdatasync(f);

    pthread_mutex_lock(&log->mu);
    log->stats.flushes++;
    log->stats.bytes_written += (uint64_t)(last - first + 1) * LOG_SEG_SIZE;
    if (err < 0) {
        char num[16];
        snprintf(num, sizeof num, "%d", (int)err);
        log->fatal = log_fatal_code(err);
        log_event(log, LOG_EV_LOG_WRITE_ERROR, JETDB_EVENT_ERROR, log->cur_path, num);
        if (err == JET_errDiskFull)
            log_event(log, LOG_EV_LOG_DISK_FULL, JETDB_EVENT_ERROR, NULL, NULL);
        err = log->fatal;
        goto publish;
    }
    log->flush_seg = last + 1;
    log->flushed_lsn = snap_end;
    log->prev_crc = prev;
    log->accum = accum;
    log->fseq = fseq + 1;
    if (close_gen)
        log->gen_closed = true;
publish:
    pthread_cond_broadcast(&log->cv);
    return err;
}

/*
 * log_write_once --
 *     Take the I/O token (free, mu held), write everything appended, give
 *     the token back.
 */
static JET_ERR log_write_once(log_t *log)
{
    log->io_busy = true;
    JET_ERR err = log_write_locked(log, false);
    log->io_busy = false;
    pthread_cond_broadcast(&log->cv);
    return err;
}

/*
 * log_copy_locked --
 *     Copy a record into the ring at (s0, off0); mu held, room checked.
 */
static log_lsn log_copy_locked(log_t *log, const uint8_t *src, uint32_t len, uint32_t s0,
                               uint32_t off0)
{
    log_lsn lsn = log_lsn_make(log->gen, s0 * LOG_SEG_SIZE + LOG_SEG_HDR_SIZE + off0);
    uint32_t s = s0, off = off0;
    bool first = true;

    while (len > 0) {
        uint32_t i = s % log->nring;
        if (off == 0) {
            memset(log_slot(log, s), 0, LOG_SEG_SIZE);
            log->slot_used[i] = 0;
            log->slot_flags[i] = (uint16_t)(first ? 0u : LOG_SEGF_CONT);
        }
        uint32_t take = LOG_SEG_PAYLOAD - off;
        if (take > len)
            take = len;
        memcpy(log_slot(log, s) + LOG_SEG_HDR_SIZE + off, src, take);
        off += take;
        log->slot_used[i] = (uint16_t)off;
        src += take;
        len -= take;
        if (len > 0) {
            s++;
            off = 0;
            first = false;
        }
    }
    log->cur_seg = s;
    log->cur_off = off;
    log->end_lsn = log_lsn_make(log->gen, s * LOG_SEG_SIZE + LOG_SEG_HDR_SIZE + off);
    log->stats.appends++;
    return lsn;
}

/*
 * log_append_int --
 *     log_append; allow_full lets a record that finishes or undoes work (a
 *     compensation, ROLLBACK, DETACHDB, the TERM of a clean close) through
 *     when the log runs on a reserved file.
 */
JET_ERR log_append_int(log_t *log, const void *rec, size_t len, log_lsn *lsn, bool allow_full)
{
    JET_ERR err = JET_errSuccess;
    log_lsn at = 0;

    if (log == NULL || rec == NULL || len < LOG_REC_HDR_SIZE || len > LOG_REC_MAX)
        return JET_errInvalidParameter;
    const uint8_t *src = rec;
    if (log_get32(src) != (uint32_t)len)
        return JET_errInvalidParameter;
    /* A record never spans generations, so it must fit in an empty file. */
    if (len > (size_t)(log->nseg - 1) * LOG_SEG_PAYLOAD)
        return JET_errInvalidParameter;

    pthread_mutex_lock(&log->mu);
    for (;;) {
        if (log->fatal < 0) {
            err = log->fatal;
            break;
        }
        if (log->disk_full && !allow_full) {
            err = JET_errLogDiskFull;
            break;
        }
        if (log->rolling) {
            pthread_cond_wait(&log->cv, &log->mu);
            continue;
        }
        uint32_t s0 = log->cur_seg, off0 = log->cur_off;
        if (off0 == LOG_SEG_PAYLOAD) {
            s0++;
            off0 = 0;
        }
        uint32_t nsegs = (off0 + (uint32_t)len + LOG_SEG_PAYLOAD - 1) / LOG_SEG_PAYLOAD;
        if (log->gen_closed || s0 + nsegs > log->nseg) {
            if (log->io_busy) {
                pthread_cond_wait(&log->cv, &log->mu);
                continue;
            }
            uint32_t gen0 = log->gen;
            err = log_roll_locked(log);
            /* A roll onto a reserved log reports a full disk although it
             * happened (the generation changed): only records that finish
             * work may use that file.  When no reserved log was left the
             * roll did not happen and the record is refused. */
            if (err == JET_errLogDiskFull && allow_full && log->disk_full && log->gen != gen0)
                err = JET_errSuccess;
            if (err < 0)
                break;
            continue;
        }
        if (s0 + nsegs - 1 - log->flush_seg >= log->nring) {
            /* The buffer is full: write it (or wait for whoever is). */
            if (log->io_busy) {
                pthread_cond_wait(&log->cv, &log->mu);
                continue;
            }
            err = log_write_once(log);
            if (err < 0)
                break;
            continue;
        }
        at = log_copy_locked(log, src, (uint32_t)len, s0, off0);
        break;
    }
    pthread_mutex_unlock(&log->mu);
    if (err >= 0 && lsn)
        *lsn = at;
    return err;
}

/*
 * log_append --
 *     Copy a record into the log buffer.
 */
JET_ERR log_append(log_t *log, const void *rec, size_t len, log_lsn *lsn)
{
    /* On a reserved log (disk full) ESE refuses new transactions only; what
     * is already under way may finish.  Two kinds of records that reach
     * plain log_append finish work and are let through:
     *  - COMMIT: the transaction's changes are all in the log already; the
     *    commit only closes it (refused, the transaction could neither be
     *    committed nor, once its handle is gone, rolled back);
     *  - a page record of no transaction: the page-space bookkeeping
     *    (allocation, release) of the operation under way, e.g. a
     *    compensation that splits or empties a page, or an aborted
     *    operation giving its new page back.
     * New work gains nothing from them: BEGIN, create/attach and the page
     * records that carry a transaction's undo payload are refused (the
     * store sends the other page records of a transaction, which finish
     * work under way, through log_append_finish). */
    const uint8_t *h = rec;
    bool finish = h != NULL && len >= LOG_REC_HDR_SIZE &&
                  (h[4] == LOG_REC_COMMIT || (h[4] == LOG_REC_PAGE && log_get64(h + 16) == 0));
    return log_append_int(log, rec, len, lsn, finish);
}

/*
 * log_append_finish --
 *     Copy a record that finishes or undoes work into the log buffer; also
 *     accepted on a reserved log (disk full).
 */
JET_ERR log_append_finish(log_t *log, const void *rec, size_t len, log_lsn *lsn)
{
    return log_append_int(log, rec, len, lsn, true);
}

/*
 * log_flush --
 *     Make every record at or before upto durable (group commit).
 */
JET_ERR log_flush(log_t *log, log_lsn upto)
{
    JET_ERR err = JET_errSuccess;
    bool waited = false;

    if (log == NULL)
        return JET_errInvalidParameter;
    pthread_mutex_lock(&log->mu);
    for (;;) {
        /* A record at upto is durable once the durable end is past it; the
         * end of the log is the limit for upto == LOG_LSN_ALL. */
        if (log->flushed_lsn > upto || log->flushed_lsn >= log->end_lsn)
            break;
        if (log->fatal < 0) {
            err = log->fatal;
            break;
        }
        if (log->io_busy) {
            waited = true;
            pthread_cond_wait(&log->cv, &log->mu);
            continue;
        }
        err = log_write_once(log);
        if (err < 0)
            break;
    }
    if (waited)
        log->stats.flush_waits++;
    pthread_mutex_unlock(&log->mu);
    return err;
}

/*
 * log_flushed_lsn --
 *     Everything before this LSN is durable.
 */
log_lsn log_flushed_lsn(log_t *log)
{
    pthread_mutex_lock(&log->mu);
    log_lsn v = log->flushed_lsn;
    pthread_mutex_unlock(&log->mu);
    return v;
}

/*
 * log_end_lsn --
 *     Just past the last appended record.
 */
log_lsn log_end_lsn(log_t *log)
{
    pthread_mutex_lock(&log->mu);
    log_lsn v = log->end_lsn;
    pthread_mutex_unlock(&log->mu);
    return v;
}

/*
 * log_generation --
 *     Generation of the current log file.
 */
uint32_t log_generation(log_t *log)
{
    pthread_mutex_lock(&log->mu);
    uint32_t g = log->gen;
    pthread_mutex_unlock(&log->mu);
    return g;
}

/*
 * log_signature --
 *     The stream's signature (fixed at open).
 */
void log_signature(log_t *log, JET_SIGNATURE *sign)
{
    *sign = log->sign;
}

/*
 * log_get_stats --
 *     Copy the counters.
 */
void log_get_stats(log_t *log, log_stats *st)
{
    pthread_mutex_lock(&log->mu);
    *st = log->stats;
    pthread_mutex_unlock(&log->mu);
}
