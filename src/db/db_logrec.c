/*
 * db_logrec.c: the log records of database create / attach / detach, kept
 * in this one small file so that src/db depends on src/log in one place.
 *
 * An instance whose inst->log is NULL (recovery off, or JetInit not wired
 * to the log yet) runs without log records: positions and the log
 * signature are zero.  Otherwise each record {common header: type
 * CREATEDB / ATTACHDB / DETACHDB, dbid = the log-stream dbid, txid 0;
 * u32 page size; database signature; absolute path + NUL} is appended and
 * flushed before the header that names its position is written.  Built
 * without src/log (a tree that lacks it), the same code logs nothing.
 */
#include "db/db.h"

#include <stdlib.h>
#include <string.h>

#include "inst/inst.h"

#if defined(__has_include)
#if __has_include("log/log.h")
#include "log/log.h"
#define DB_HAVE_LOG 1
#endif
#endif

#ifndef DB_HAVE_LOG
enum { LOG_REC_CREATEDB = 14, LOG_REC_ATTACHDB = 15, LOG_REC_DETACHDB = 16 };
#endif

bool db_log_enabled(struct inst *in)
{
#ifdef DB_HAVE_LOG
    return in != NULL && in->log != NULL;
#else
    (void)in;
    return false;
#endif
}

void db_log_signature(struct inst *in, JET_SIGNATURE *sign_log)
{
    memset(sign_log, 0, sizeof *sign_log);
#ifdef DB_HAVE_LOG
    if (db_log_enabled(in))
        log_signature(in->log, sign_log);
#else
    (void)in;
#endif
}

/* One create/attach/detach record, flushed; *pos = its position (zero
 * without a log).  Body: u32 page size, the database signature, the
 * absolute path with its NUL. */
static JET_ERR log_tach(struct inst *in, db *d, uint8_t type, JET_LGPOS *pos)
{
    memset(pos, 0, sizeof *pos);
#ifdef DB_HAVE_LOG
    if (!db_log_enabled(in) || !d->logged)
        return JET_errSuccess;     /* recovery off for this database */
    size_t plen = strlen(d->path) + 1;
    size_t len = LOG_REC_HDR_SIZE + 4 + sizeof(JET_SIGNATURE) + plen;
    if (len > LOG_REC_MAX)
        return JET_errDatabaseInvalidPath;
    uint8_t *rec = calloc(1, len);
    if (rec == NULL)
        return JET_errOutOfMemory;
    log_rec_hdr h;
    log_rec_init(&h, type, (uint32_t)len, (uint16_t)d->hdr.dbid, 0);
    memcpy(rec, &h, LOG_REC_HDR_SIZE);
    memcpy(rec + LOG_REC_HDR_SIZE, &d->page_size, 4);
    memcpy(rec + LOG_REC_HDR_SIZE + 4, &d->hdr.sign_db, sizeof(JET_SIGNATURE));
    memcpy(rec + LOG_REC_HDR_SIZE + 4 + sizeof(JET_SIGNATURE), d->path, plen);
    log_lsn lsn = 0;
    /* A detach finishes work (it is part of a clean shutdown): it may use a
     * reserved log when the log disk is full; create and attach start new
     * work and are refused then. */
    JET_ERR err = type == LOG_REC_DETACHDB ? log_append_finish(in->log, rec, len, &lsn)
                                           : log_append(in->log, rec, len, &lsn);
    free(rec);
    /* Durable before the header names the position. */
    if (err >= 0)
        err = log_flush(in->log, lsn);
    if (err >= 0)
        log_lsn_to_lgpos(lsn, pos);
    return err;
#else
    (void)in;
    (void)d;
    (void)type;
    return JET_errSuccess;
#endif
}


JET_ERR db_log_create(struct inst *in, db *d, JET_LGPOS *pos)
{
    return log_tach(in, d, LOG_REC_CREATEDB, pos);
}

JET_ERR db_log_attach(struct inst *in, db *d, JET_LGPOS *pos)
{
    return log_tach(in, d, LOG_REC_ATTACHDB, pos);
}

JET_ERR db_log_detach(struct inst *in, db *d, JET_LGPOS *pos)
{
    return log_tach(in, d, LOG_REC_DETACHDB, pos);
}

/* Byte offsets of the record (common header: len u32 @0, type u8 @4,
 * flags u8 @5, dbid u16 @6, 16 more bytes; then the body). */
#define REC_HDR 24u
#define REC_BODY_MIN (REC_HDR + 4u + (uint32_t)sizeof(JET_SIGNATURE) + 1u)

JET_ERR db_logrec_parse(const void *rec, size_t len, db_logrec_info *info)
{
    const uint8_t *p = rec;
    if (rec == NULL || len < REC_BODY_MIN)
        return JET_errLogFileCorrupt;
    uint32_t stored;
    memcpy(&stored, p, 4);
    if (stored != len)
        return JET_errLogFileCorrupt;
    memset(info, 0, sizeof *info);
    info->type = p[4];
    if (info->type != LOG_REC_CREATEDB && info->type != LOG_REC_ATTACHDB &&
        info->type != LOG_REC_DETACHDB)
        return JET_errLogFileCorrupt;
    memcpy(&info->dbid, p + 6, 2);
    memcpy(&info->page_size, p + REC_HDR, 4);
    memcpy(&info->sign_db, p + REC_HDR + 4, sizeof info->sign_db);
    const char *path = (const char *)p + REC_HDR + 4 + sizeof(JET_SIGNATURE);
    size_t room = len - (REC_HDR + 4 + sizeof(JET_SIGNATURE));
    /* The path must end with its NUL exactly at the end of the record. */
    if (memchr(path, 0, room) != path + room - 1 || path[0] == '\0')
        return JET_errLogFileCorrupt;
    info->path = path;
    return JET_errSuccess;
}
