/*
 * log_ckpt.c: the checkpoint file (B.chk / B.jcp in the system path).
 *
 * The file holds two 4 KiB copies of the same record, written one after the
 * other, each followed by an fdatasync: a crash can tear at most one of
 * them, and the reader takes the valid copy with the higher sequence number
 * (LMDB's two meta pages, ESE's shadowed header).  The checkpoint LSN is the
 * redo start; the backup marks and the attach table are carried for the
 * backup layer and the storage core, which own their meaning.
 */
#include "log/log_int.h"
#include "util/crc32c.h"
#include "util/err.h"

#include <stdlib.h>

/* Offsets inside one copy (docs/formats-log.md). */
#define CK_ATTACH_OFF 128u
#define CK_ATTACH_SIZE 320u
#define CK_PATH_OFF 48u

_Static_assert(CK_ATTACH_OFF + LOG_ATTACH_MAX * CK_ATTACH_SIZE <= LOG_SEG_SIZE,
               "attach table fits in one copy");
_Static_assert(CK_PATH_OFF + LOG_ATTACH_PATH_MAX + 1 <= CK_ATTACH_SIZE, "path fits");

/*
 * log_ckpt_valid_input --
 *     Check the parts of a checkpoint a caller fills.
 */
static JET_ERR log_ckpt_valid_input(const log_checkpoint *cp)
{
    if (cp->nattach > LOG_ATTACH_MAX)
        return JET_errInvalidParameter;
    for (uint32_t i = 0; i < cp->nattach; i++)
        if (memchr(cp->attach[i].path, '\0', LOG_ATTACH_PATH_MAX + 1) == NULL)
            return JET_errInvalidParameter;
    return JET_errSuccess;
}

/*
 * log_ckpt_encode --
 *     Encode copy `copy` (0 = A, 1 = B) of a checkpoint into 4096 bytes.
 */
static void log_ckpt_encode(const log_checkpoint *cp, uint64_t seq, uint16_t copy, uint8_t *b)
{
    memset(b, 0, LOG_SEG_SIZE);
    log_put32(b + 4, LOG_CKPT_MAGIC);
    log_put16(b + 8, LOG_CKPT_VERSION);
    log_put16(b + 10, copy);
    log_put64(b + 16, seq);
    log_put64(b + 24, cp->lsn);
    memcpy(b + 32, &cp->sign_log, 28);
    log_put64(b + 64, cp->full_backup_lsn);
    memcpy(b + 72, &cp->full_backup_time, 8);
    log_put64(b + 80, cp->inc_backup_lsn);
    memcpy(b + 88, &cp->inc_backup_time, 8);
    log_put32(b + 96, cp->nattach);
    for (uint32_t i = 0; i < cp->nattach; i++) {
        const log_attach *a = &cp->attach[i];
        uint8_t *e = b + CK_ATTACH_OFF + i * CK_ATTACH_SIZE;
        size_t n = strlen(a->path);
        e[0] = a->dbid;
        log_put16(e + 2, (uint16_t)n);
        log_put64(e + 8, a->lsn_attach);
        memcpy(e + 16, &a->sign_db, 28);
        memcpy(e + CK_PATH_OFF, a->path, n);
    }
    log_put32(b, crc32c(0, b + 4, LOG_SEG_SIZE - 4));
}

/*
 * log_ckpt_decode --
 *     Decode one copy; false when it is not valid.
 */
static bool log_ckpt_decode(const uint8_t *b, log_checkpoint *cp, uint64_t *seq)
{
    if (log_get32(b + 4) != LOG_CKPT_MAGIC || log_get16(b + 8) != LOG_CKPT_VERSION ||
        crc32c(0, b + 4, LOG_SEG_SIZE - 4) != log_get32(b))
        return false;
    memset(cp, 0, sizeof *cp);
    *seq = log_get64(b + 16);
    cp->lsn = log_get64(b + 24);
    memcpy(&cp->sign_log, b + 32, 28);
    cp->full_backup_lsn = log_get64(b + 64);
    memcpy(&cp->full_backup_time, b + 72, 8);
    cp->inc_backup_lsn = log_get64(b + 80);
    memcpy(&cp->inc_backup_time, b + 88, 8);
    cp->nattach = log_get32(b + 96);
    if (cp->nattach > LOG_ATTACH_MAX)
        return false;
    for (uint32_t i = 0; i < cp->nattach; i++) {
        log_attach *a = &cp->attach[i];
        const uint8_t *e = b + CK_ATTACH_OFF + i * CK_ATTACH_SIZE;
        uint16_t n = log_get16(e + 2);
        if (n > LOG_ATTACH_PATH_MAX)
            return false;
        a->dbid = e[0];
        a->lsn_attach = log_get64(e + 8);
        memcpy(&a->sign_db, e + 16, 28);
        memcpy(a->path, e + CK_PATH_OFF, n);
        a->path[n] = '\0';
    }
    return true;
}

/*
 * log_ckpt_store --
 *     Write cp to the checkpoint file (copy A, fdatasync, copy B,
 *     fdatasync); ckpt_mu held.
 */
JET_ERR log_ckpt_store(log_t *log, const log_checkpoint *cp)
{
    JET_ERR err = JET_errSuccess;
    os_file *f = NULL;
    log_checkpoint c = *cp;
    uint8_t *b = malloc(LOG_SEG_SIZE);

    if (b == NULL)
        return JET_errOutOfMemory;
    c.sign_log = log->sign;
    bool fresh = !os_exists(log->chk_path);
    uint64_t seq = log->ckpt_seq + 1;
    CHECK(os_open(log->chk_path, OS_OPEN_RDWR | OS_OPEN_CREATE, &f));
    /* Strictly one copy at a time: while one is being written the other is
     * intact on disk. */
    log_ckpt_encode(&c, seq, 0, b);
    CHECK(os_pwrite(f, b, LOG_SEG_SIZE, 0));
    CHECK(os_fdatasync(f));
    log_ckpt_encode(&c, seq, 1, b);
    CHECK(os_pwrite(f, b, LOG_SEG_SIZE, LOG_SEG_SIZE));
    CHECK(os_fdatasync(f));
    if (fresh)
        CHECK(os_fsync_dir(log->system_path));
    log->ckpt_seq = seq;
    log->ckpt = c;
    log->ckpt_durable = c.lsn;
done:
    KEEP(err, os_close(f));
    free(b);
    return err;
}

/*
 * log_checkpoint_write --
 *     Write the checkpoint file after making the log durable up to cp->lsn.
 */
JET_ERR log_checkpoint_write(log_t *log, const log_checkpoint *cp)
{
    if (log == NULL || cp == NULL || cp->lsn == 0)
        return JET_errInvalidParameter;
    CALL(log_ckpt_valid_input(cp));
    if (cp->lsn > log_end_lsn(log))
        return JET_errInvalidParameter;
    /* Redo must find every record before the checkpoint: flush first, and
     * never while holding ckpt_mu (a roll holds the I/O token and then
     * takes ckpt_mu). */
    CALL(log_flush(log, cp->lsn));
    pthread_mutex_lock(&log->ckpt_mu);
    JET_ERR err = log_ckpt_store(log, cp);
    pthread_mutex_unlock(&log->ckpt_mu);
    return err;
}

/*
 * log_checkpoint_get --
 *     The current checkpoint contents.
 */
void log_checkpoint_get(log_t *log, log_checkpoint *cp)
{
    pthread_mutex_lock(&log->ckpt_mu);
    *cp = log->ckpt;
    pthread_mutex_unlock(&log->ckpt_mu);
}

/*
 * log_set_checkpoint --
 *     Set the checkpoint LSN the next checkpoint write stores.
 */
JET_ERR log_set_checkpoint(log_t *log, log_lsn lsn)
{
    if (log == NULL || lsn == 0 || lsn > log_end_lsn(log))
        return JET_errInvalidParameter;
    pthread_mutex_lock(&log->ckpt_mu);
    log->ckpt.lsn = lsn;
    pthread_mutex_unlock(&log->ckpt_mu);
    return JET_errSuccess;
}

/*
 * log_checkpoint_read_seq --
 *     log_checkpoint_read, also returning the sequence number.
 */
JET_ERR log_checkpoint_read_seq(const char *system_path, const char *base, unsigned legacy,
                                log_checkpoint *out, uint64_t *seq_out)
{
    char name[LOG_NAME_MAX];
    char *path = NULL;
    os_file *f = NULL;
    uint8_t *b = NULL;
    size_t got = 0;
    JET_ERR err;

    if (system_path == NULL || out == NULL)
        return JET_errInvalidParameter;
    CALL(log_name_checkpoint(base, legacy, name, sizeof name));
    CALL(log_path_of(system_path, name, &path));
    b = calloc(2, LOG_SEG_SIZE);
    if (b == NULL) {
        err = JET_errOutOfMemory;
        goto done;
    }
    err = os_open(path, OS_OPEN_READ, &f);
    if (err == JET_errFileNotFound || err == JET_errInvalidPath) {
        err = JET_errCheckpointFileNotFound;
        goto done;
    }
    CHECK(err);
    CHECK(os_pread_upto(f, b, 2 * LOG_SEG_SIZE, 0, &got));
    log_checkpoint ca, cb;
    uint64_t sa = 0, sb = 0;
    bool va = got >= LOG_SEG_SIZE && log_ckpt_decode(b, &ca, &sa);
    bool vb = got >= 2 * LOG_SEG_SIZE && log_ckpt_decode(b + LOG_SEG_SIZE, &cb, &sb);
    if (!va && !vb) {
        err = JET_errCheckpointCorrupt;
        goto done;
    }
    if (va && (!vb || sa >= sb)) {
        *out = ca;
        if (seq_out)
            *seq_out = sa;
    } else {
        *out = cb;
        if (seq_out)
            *seq_out = sb;
    }
    err = JET_errSuccess;
done:
    KEEP(err, os_close(f));
    free(b);
    free(path);
    return err;
}

/*
 * log_checkpoint_read --
 *     Read the checkpoint file: the newer valid copy.
 */
JET_ERR log_checkpoint_read(const char *system_path, const char *base, unsigned legacy,
                            log_checkpoint *out)
{
    return log_checkpoint_read_seq(system_path, base, legacy, out, NULL);
}
