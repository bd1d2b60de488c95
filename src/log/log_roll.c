/*
 * log_roll.c: starting a new generation (the log roll), the pre-created
 * Btmp, reserved logs for a full disk, circular logging, and the deletion
 * of archived generations (circular logging's and the backup's).
 *
 * The roll follows ESE's order so that a crash at any point leaves files
 * log_open can finish from:
 *   1. Btmp exists at full size (pre-created after the previous roll;
 *      circular logging renames an old generation into it; on a full disk a
 *      reserved log is renamed into it);
 *   2. everything appended is written with the end mark in the last segment,
 *      fdatasync (the old generation is now closed);
 *   3. the new header (generation + 1, tmPrevGen = old tmCreate) is written
 *      into Btmp, fdatasync;
 *   4. B.log is renamed to its archived name, durably;
 *   5. Btmp is renamed to B.log, durably;
 *   6. the next Btmp is prepared (outside the I/O token, so commits go on).
 * A crash after 4 and before 5 leaves no B.log but a valid Btmp whose header
 * continues the newest archived file: log_open completes the roll.
 */
#include "log/log_int.h"
#include "util/err.h"
#include "util/logtime.h"

#include <stdio.h>
#include <stdlib.h>

/*
 * log_reserve_path --
 *     Path of reserved log k, malloc'd.
 */
static JET_ERR log_reserve_path(const log_t *log, unsigned k, char **out)
{
    char name[LOG_NAME_MAX];
    CALL(log_name_reserve(log->base, k, name, sizeof name));
    return log_path_of(log->log_path, name, out);
}

/*
 * log_file_has_size --
 *     true when path exists with exactly size bytes.
 */
static bool log_file_has_size(const char *path, uint64_t size)
{
    uint64_t have;
    return os_path_size(path, &have) >= 0 && have == size;
}

/*
 * log_make_reserves --
 *     Create the reserved logs that are missing (or have the wrong size).
 */
JET_ERR log_make_reserves(log_t *log)
{
    JET_ERR err = JET_errSuccess;
    for (unsigned k = 1; k <= LOG_NRESERVE && err >= 0; k++) {
        char *path = NULL;
        CALL(log_reserve_path(log, k, &path));
        if (!log_file_has_size(path, log->file_size))
            err = log_file_create(path, log->file_size);
        free(path);
    }
    return err == JET_errDiskFull ? JET_errLogDiskFull : err;
}

/*
 * log_prepare_tmp --
 *     Make sure Btmp exists at full size; arch_mu held.
 */
JET_ERR log_prepare_tmp(log_t *log, bool allow_reserve, bool *reserve)
{
    *reserve = false;
    /* Whatever an existing Btmp holds is harmless: its header is rewritten
     * and its old segments fail the generation/chain checks. */
    if (log_file_has_size(log->tmp_path, log->file_size))
        return JET_errSuccess;
    JET_ERR err = log_file_create(log->tmp_path, log->file_size);
    if (err >= 0)
        return err;
    if (err != JET_errDiskFull)
        return err;
    (void)os_unlink(log->tmp_path);
    if (!allow_reserve)
        return JET_errLogDiskFull;
    /* The disk is full: the reserved logs were allocated for exactly this,
     * so that the engine can still log a clean shutdown. */
    for (unsigned k = 1; k <= LOG_NRESERVE; k++) {
        char *path = NULL;
        CALL(log_reserve_path(log, k, &path));
        JET_ERR rerr = JET_errFileNotFound;
        if (log_file_has_size(path, log->file_size))
            rerr = os_rename_durable(path, log->tmp_path);
        free(path);
        if (rerr >= 0) {
            *reserve = true;
            return JET_errSuccess;
        }
    }
    return JET_errLogDiskFull;
}

/*
 * log_new_time --
 *     A creation time for the next generation, different from prev so that
 *     the tmPrevGen chain links exactly one file to the next.
 */
static void log_new_time(const JET_LOGTIME *prev, JET_LOGTIME *out)
{
    logtime_now(out);
    for (int i = 0; i < 50 && logtime_equal(out, prev); i++) {
        os_sleep_ms(1);
        logtime_now(out);
    }
}

/*
 * log_switch_files --
 *     Steps 3-5 of the roll plus opening the new B.log (no lock held).
 */
static JET_ERR log_switch_files(log_t *log, log_file_hdr *hdr, os_file **newf)
{
    JET_ERR err = JET_errSuccess;
    os_file *f = NULL;
    char *arch = NULL;
    uint8_t *seg = malloc(LOG_SEG_SIZE);

    if (seg == NULL)
        return JET_errOutOfMemory;
    log_hdr_encode(hdr, seg);
    CHECK(os_open(log->tmp_path, OS_OPEN_RDWR, &f));
    CHECK(os_pwrite(f, seg, LOG_SEG_SIZE, 0));
    CHECK(os_fdatasync(f));
    CHECK(os_close(f));
    f = NULL;
    CHECK(log_archived_path(log, hdr->gen - 1, &arch));
    CHECK(os_rename_durable(log->cur_path, arch));
    CHECK(os_rename_durable(log->tmp_path, log->cur_path));
    CHECK(os_open(log->cur_path, OS_OPEN_RDWR, newf));
done:
    KEEP(err, os_close(f));
    free(arch);
    free(seg);
    return err;
}

/*
 * log_roll_locked --
 *     Roll to the next generation; mu held, the I/O token free.
 */
JET_ERR log_roll_locked(log_t *log)
{
    JET_ERR err;
    bool reserve = false;

    if (log->fatal < 0)
        return log->fatal;
    if (log->gen >= LOG_GEN_MAX)
        return JET_errLogSequenceEnd;
    log->io_busy = true;
    log->rolling = true;
    pthread_mutex_unlock(&log->mu);

    /* 1. Btmp.  Nothing has changed yet if this fails. */
    pthread_mutex_lock(&log->arch_mu);
    err = log_prepare_tmp(log, true, &reserve);
    pthread_mutex_unlock(&log->arch_mu);
    if (err < 0) {
        char num[16];
        snprintf(num, sizeof num, "%d", (int)err);
        log_event(log, LOG_EV_NEW_LOG_ERROR, JETDB_EVENT_ERROR, num, NULL);
        if (err == JET_errLogDiskFull)
            log_event(log, LOG_EV_LOG_DISK_FULL, JETDB_EVENT_ERROR, NULL, NULL);
        pthread_mutex_lock(&log->mu);
        goto out;
    }

    /* 2. Close the old generation. */
    pthread_mutex_lock(&log->mu);
    if (!log->gen_closed) {
        err = log_write_locked(log, true);
        if (err < 0)
            goto out;
    }
    log_file_hdr hdr;
    memset(&hdr, 0, sizeof hdr);
    hdr.version_major = LOG_FORMAT_MAJOR;
    hdr.version_minor = LOG_FORMAT_MINOR;
    hdr.gen = log->gen + 1;
    hdr.nseg = log->nseg;
    hdr.page_size = log->page_size;
    hdr.flags = (log->circular ? LOG_FILEF_CIRCULAR : 0) | (reserve ? LOG_FILEF_RESERVE : 0);
    hdr.tm_prev = log->tm_create;
    hdr.sign_log = log->sign;
    hdr.prev_accum = log->accum;
    os_file *oldf = log->file;
    pthread_mutex_unlock(&log->mu);

    pthread_mutex_lock(&log->ckpt_mu);
    hdr.ckpt_at_create = log->ckpt_durable;
    pthread_mutex_unlock(&log->ckpt_mu);
    log_new_time(&hdr.tm_prev, &hdr.tm_create);

    /* 3-5. From here on a failure leaves the files in a state only log_open
     * sorts out (it finishes or ignores the half-done roll), so the log
     * stops accepting work. */
    os_file *newf = NULL;
    err = log_switch_files(log, &hdr, &newf);

    pthread_mutex_lock(&log->mu);
    if (err < 0) {
        char num[16];
        snprintf(num, sizeof num, "%d", (int)err);
        log_event(log, LOG_EV_LOG_WRITE_ERROR, JETDB_EVENT_ERROR, log->cur_path, num);
        log->fatal = log_fatal_code(err);
        err = log->fatal;
        goto out;
    }
    log->gen = hdr.gen;
    log->file = newf;
    log->tm_create = hdr.tm_create;
    log->gen_closed = false;
    log->cur_seg = 1;
    log->cur_off = 0;
    log->flush_seg = 1;
    log->prev_crc = hdr.crc;
    log->accum = 0;
    log->fseq = 1;
    log->end_lsn = log->flushed_lsn = log_lsn_make(hdr.gen, LOG_SEG_SIZE + LOG_SEG_HDR_SIZE);
    log->stats.rolls++;
    if (reserve && !log->disk_full) {
        log->disk_full = true;
        log_event(log, LOG_EV_LOG_DISK_FULL, JETDB_EVENT_ERROR, NULL, NULL);
    }
    log->rolling = false;
    log->io_busy = false;
    pthread_cond_broadcast(&log->cv);
    pthread_mutex_unlock(&log->mu);

    (void)os_close(oldf);
    /* 6. Prepare the next Btmp now, while commits already use the new file. */
    log_after_roll(log);

    pthread_mutex_lock(&log->mu);
    return reserve ? JET_errLogDiskFull : JET_errSuccess;

out:
    log->rolling = false;
    log->io_busy = false;
    pthread_cond_broadcast(&log->cv);
    return err;
}

/*
 * log_roll --
 *     Forced roll: close the current generation now.
 */
JET_ERR log_roll(log_t *log)
{
    JET_ERR err;
    if (log == NULL)
        return JET_errInvalidParameter;
    pthread_mutex_lock(&log->mu);
    while ((log->io_busy || log->rolling) && log->fatal >= 0)
        pthread_cond_wait(&log->cv, &log->mu);
    if (log->disk_full)
        err = JET_errLogDiskFull;
    else
        err = log_roll_locked(log);
    pthread_mutex_unlock(&log->mu);
    return err;
}

/*
 * log_circular_locked --
 *     Circular logging after a roll: reuse the oldest generation below the
 *     checkpoint as Btmp, delete the older ones; arch_mu held.
 */
static void log_circular_locked(log_t *log)
{
    uint32_t cg, lo, hi;

    pthread_mutex_lock(&log->mu);
    bool paused = log->pause > 0;
    pthread_mutex_unlock(&log->mu);
    if (paused)
        return;

    /* Only a checkpoint that is on disk may free generations: after a crash
     * redo starts from the file, not from memory. */
    pthread_mutex_lock(&log->mu);
    log_lsn flushed = log->flushed_lsn;
    pthread_mutex_unlock(&log->mu);
    pthread_mutex_lock(&log->ckpt_mu);
    /* A checkpoint not yet backed by durable log waits for a later roll
     * (flushing here would invert the lock order: I/O token before arch_mu). */
    if (log->ckpt.lsn > log->ckpt_durable && log->ckpt.lsn <= flushed)
        (void)log_ckpt_store(log, &log->ckpt);
    cg = log_lsn_gen(log->ckpt_durable);
    pthread_mutex_unlock(&log->ckpt_mu);
    if (cg == 0 || log_gen_range(log->log_path, log->base, log->legacy, &lo, &hi) < 0 || lo == 0)
        return;

    if (lo < cg && !os_exists(log->tmp_path)) {
        char *path = NULL;
        if (log_archived_path(log, lo, &path) >= 0 && log_file_has_size(path, log->file_size) &&
            os_rename_durable(path, log->tmp_path) >= 0) {
            pthread_mutex_lock(&log->mu);
            log->stats.gens_reused++;
            pthread_mutex_unlock(&log->mu);
            lo++;
        }
        free(path);
    }
    for (uint32_t g = lo; g + LOG_CIRCULAR_KEEP < cg; g++) {
        char *path = NULL;
        if (log_archived_path(log, g, &path) < 0)
            break;
        bool present = os_exists(path);
        JET_ERR err = present ? os_unlink_durable(path) : JET_errSuccess;
        free(path);
        if (err < 0)
            break;          /* ESE stops at the first failure too */
        if (present) {
            pthread_mutex_lock(&log->mu);
            log->stats.gens_deleted++;
            pthread_mutex_unlock(&log->mu);
        }
    }
}

/*
 * log_after_roll --
 *     Circular logging's reuse/deletion and pre-creation of the next Btmp.
 */
void log_after_roll(log_t *log)
{
    pthread_mutex_lock(&log->arch_mu);
    if (log->circular)
        log_circular_locked(log);
    if (!os_exists(log->tmp_path)) {
        /* A failure here is not an error yet: the next roll tries again and
         * falls back to a reserved log if the disk is full. */
        if (log_file_create(log->tmp_path, log->file_size) < 0)
            (void)os_unlink(log->tmp_path);
    }
    pthread_mutex_unlock(&log->arch_mu);
}

/*
 * log_pause_deletion --
 *     Stop circular logging from reusing or deleting generations.
 */
void log_pause_deletion(log_t *log)
{
    pthread_mutex_lock(&log->mu);
    log->pause++;
    pthread_mutex_unlock(&log->mu);
}

/*
 * log_resume_deletion --
 *     Undo one log_pause_deletion.
 */
void log_resume_deletion(log_t *log)
{
    pthread_mutex_lock(&log->mu);
    if (log->pause > 0)
        log->pause--;
    pthread_mutex_unlock(&log->mu);
}

/*
 * log_delete_below --
 *     Delete the archived generations below gen, oldest first, durably.
 */
JET_ERR log_delete_below(log_t *log, uint32_t gen, uint32_t *deleted)
{
    JET_ERR err = JET_errSuccess;
    uint32_t n = 0, lo, hi;

    if (deleted)
        *deleted = 0;
    if (log == NULL)
        return JET_errInvalidParameter;
    pthread_mutex_lock(&log->arch_mu);
    pthread_mutex_lock(&log->ckpt_mu);
    uint32_t cg = log_lsn_gen(log->ckpt_durable);
    pthread_mutex_unlock(&log->ckpt_mu);
    /* Generations at or after the durable checkpoint are needed by crash
     * recovery; the current one is always among them. */
    if (gen > cg) {
        err = JET_errInvalidParameter;
        goto done;
    }
    CHECK(log_gen_range(log->log_path, log->base, log->legacy, &lo, &hi));
    for (uint32_t g = lo; lo != 0 && g < gen; g++) {
        char *path = NULL;
        CHECK(log_archived_path(log, g, &path));
        if (!os_exists(path)) {
            free(path);
            continue;
        }
        /* One at a time and durable, oldest first: a crash in the middle
         * leaves a contiguous range, never a hole. */
        err = os_unlink_durable(path);
        free(path);
        CHECK(err);
        n++;
    }
done:
    pthread_mutex_lock(&log->mu);
    log->stats.gens_deleted += n;
    pthread_mutex_unlock(&log->mu);
    pthread_mutex_unlock(&log->arch_mu);
    if (deleted)
        *deleted = n;
    return err;
}
