/*
 * bk_file.c: the backup's one file handle — JetOpenFile, JetReadFile and
 * JetCloseFile (ese-backup-semantics.md §3.4-§3.6): classification of a
 * name as database / log / patch file, the read-size and alignment rules,
 * which failures drop one database and which cancel the whole backup, and
 * the bookkeeping truncation relies on (databases and logs read completely).
 *
 * The handle value is always 0, as in ESE (there is only one slot); any
 * other value, or 0 with nothing open, is JET_errInvalidParameter.
 */
#include "backup/bk_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "inst/param.h"
#include "os/os.h"
#include "util/err.h"

/* Buffers handed to JetReadFile must be aligned like this (ESE: the OS
 * memory-commit granularity). */
#define BK_READ_ALIGN 4096u

/* "N Mb" above 1 MiB, else "N Kb" (event 220's size string). */
static void size_text(uint64_t size, char *buf, size_t cb)
{
    if (size > 1024u * 1024u)
        snprintf(buf, cb, "%llu Mb", (unsigned long long)(size >> 20));
    else
        snprintf(buf, cb, "%llu Kb", (unsigned long long)(size >> 10));
}

/* The attached database entry whose path is abs, or -1. */
static int find_db(struct bk_state *bk, const char *abs)
{
    for (size_t i = 0; i < bk->ndbs; i++)
        if (strcmp(bk->dbs[i].d->path, abs) == 0)
            return (int)i;
    return -1;
}

/* true when name ends with the active log extension (case-insensitive). */
static bool has_log_ext(inst *in, const char *name)
{
    const char *ext = log_name_ext((unsigned)par_num(in, JET_paramLegacyFileNames));
    size_t n = strlen(name), e = strlen(ext);
    return n >= e && strcasecmp(name + n - e, ext) == 0;
}

/*
 * bk_open_db --
 *     Open the stream of database entry ent.
 */
static JET_ERR bk_open_db(inst *in, struct bk_state *bk, int ent, uint64_t *size)
{
    if (!bk->full || bk->phase != BK_PHASE_DB) {
        /* Databases can no longer be opened once the logs were listed:
         * the copy would be newer than the log range. */
        bk_end_locked(in, bk, BK_END_ERROR, JET_errInvalidBackupSequence, false);
        return JET_errInvalidBackupSequence;
    }
    JET_ERR err = bk_db_open(in, bk, ent, size);
    if (err < 0) {
        bk_event_err(in, BK_EV_DB_ERROR, err, bk->dbs[ent].d->path);
        return err;
    }
    bk->h_open = true;
    bk->dbs[ent].in_session = true;
    bk->dbs[ent].copied = false;
    char sz[32];
    size_text(*size, sz, sizeof sz);
    const char *s[] = { bk->h.path, sz };
    bk_event(in, BK_EV_DB_OPEN, JETDB_EVENT_INFORMATION, 2, s);
    return JET_errSuccess;
}

/*
 * bk_open_other --
 *     Open a log or patch file (only once the logs were listed).
 */
static JET_ERR bk_open_other(inst *in, struct bk_state *bk, const char *abs, uint64_t *size)
{
    JET_ERR err;
    if (bk->phase == BK_PHASE_DB) {
        /* Not a database of the instance: a per-database failure. */
        bk_event_err(in, BK_EV_DB_ERROR, JET_errDatabaseNotFound, abs);
        return JET_errDatabaseNotFound;
    }
    bk_hkind kind = BK_H_PATCH;
    uint32_t gen = 0;
    if (has_log_ext(in, abs)) {
        const char *slash = strrchr(abs, '/');
        const char *base = slash != NULL ? slash + 1 : abs;
        err = log_name_parse(base, in->base_name, (unsigned)par_num(in, JET_paramLegacyFileNames),
                             &gen);
        if (err < 0) {
            bk_end_locked(in, bk, BK_END_ERROR, err, false);
            return err;
        }
        kind = BK_H_LOG;
    }
    os_file *f = NULL;
    err = os_open(abs, OS_OPEN_READ, &f);
    if (err == JET_errFileNotFound || err == JET_errInvalidPath) {
        const char *s[] = { abs };
        bk_event(in, BK_EV_FILE_MISSING, JETDB_EVENT_ERROR, 1, s);
        err = JET_errMissingFileToBackup;
    }
    uint64_t sz = 0;
    if (err >= 0)
        err = os_file_size(f, &sz);
    char *path = err >= 0 ? strdup(abs) : NULL;
    if (err >= 0 && path == NULL)
        err = JET_errOutOfMemory;
    if (err < 0) {
        (void)os_close(f);
        bk_event_err(in, BK_EV_LOG_ERROR, err, abs);
        bk_end_locked(in, bk, BK_END_ERROR, err, false);
        return err;
    }
    memset(&bk->h, 0, sizeof bk->h);
    bk->h.kind = kind;
    bk->h.f = f;
    bk->h.path = path;
    bk->h.size = sz;
    bk->h.gen = gen;
    bk->h_open = true;
    *size = sz;
    return JET_errSuccess;
}

/*
 * bk_open_locked --
 *     JetOpenFile: early checks, then database or log/patch.
 */
JET_ERR bk_open_locked(inst *in, struct bk_state *bk, const char *name, uint64_t *size)
{
    CALL(bk_check_stop(in));
    if (name == NULL || name[0] == '\0')
        return JET_errInvalidParameter;
    if (bk->h_open)
        return JET_errOutOfMemory;      /* ESE: the only handle is taken */
    char *abs = NULL;
    CALL(os_path_absolute(name, &abs));
    int ent = find_db(bk, abs);
    JET_ERR err = ent >= 0 ? bk_open_db(in, bk, ent, size) : bk_open_other(in, bk, abs, size);
    free(abs);
    return err;
}

/*
 * bk_read_log --
 *     Next bytes of a log or patch file; a log is verified before its first
 *     byte goes out.
 */
static JET_ERR bk_read_log(inst *in, struct bk_state *bk, uint8_t *pv, uint32_t cb, uint32_t *got)
{
    bk_handle *h = &bk->h;
    JET_ERR err = JET_errSuccess;
    if (h->kind == BK_H_LOG && !h->verified) {
        /* Header, every segment checksum, the chain and the end mark. */
        log_file_info info;
        err = log_verify_file(h->path, false, &info);
        if (err >= 0 && info.hdr.gen != h->gen)
            err = JET_errLogReadVerifyFailure;
        if (err >= 0)
            h->verified = true;
    }
    uint64_t n = h->size - h->off;
    if (n > cb)
        n = cb;
    if (err >= 0 && n > 0)
        err = os_pread(h->f, pv, (size_t)n, h->off);
    if (err < 0) {
        /* A log that cannot be copied intact ends the whole backup. */
        bk_event_err(in, BK_EV_LOG_ERROR, err, h->path);
        bk_end_locked(in, bk, BK_END_ERROR, err, false);
        return err;
    }
    h->off += n;
    bk->stats.log_bytes += n;
    *got = (uint32_t)n;
    return JET_errSuccess;
}

/*
 * bk_read_locked --
 *     JetReadFile: early checks, then the handle's stream.
 */
JET_ERR bk_read_locked(inst *in, struct bk_state *bk, void *pv, uint32_t cb, uint32_t *got)
{
    CALL(bk_check_stop(in));
    *got = 0;
    uint32_t ps = (uint32_t)par_num(in, JET_paramDatabasePageSize);
    if (pv == NULL || ((uintptr_t)pv % BK_READ_ALIGN) != 0 || ps == 0 || cb % ps != 0)
        return JET_errInvalidParameter;
    if (!bk->h_open)
        return JET_errInvalidParameter;
    if (bk->h.kind != BK_H_DB) {
        if (bk->h.off == 0 && cb < 2 * ps)
            return JET_errInvalidParameter;
        return bk_read_log(in, bk, pv, cb, got);
    }
    if (bk->h.off == 0 && cb < 3 * bk->h.page_size)
        return JET_errInvalidParameter;
    if (cb % bk->h.page_size != 0)
        return JET_errInvalidParameter;
    JET_ERR err = bk_db_read(in, bk, pv, cb, got);
    if (err < 0) {
        /* The database drops out of this backup; its handle closes itself
         * (ESE), the backup goes on with the others. */
        int ent = bk->h.ent;
        bk_event_err(in, BK_EV_DB_ERROR, err, bk->h.path);
        bk->dbs[ent].in_session = false;
        bk->dbs[ent].copied = false;
        bk_handle_release(bk);
        *got = 0;
    }
    return err;
}

/*
 * bk_close_locked --
 *     JetCloseFile: credit a completely read database or log.
 */
JET_ERR bk_close_locked(inst *in, struct bk_state *bk)
{
    if (!bk->h_open)
        return JET_errInvalidParameter;
    bk_handle *h = &bk->h;
    bool complete = h->off >= h->size;
    if (h->kind == BK_H_DB) {
        if (h->retried) {
            const char *s[] = { h->path };
            bk_event(in, BK_EV_READ_RETRIED, JETDB_EVENT_WARNING, 1, s);
        }
        if (complete) {
            bk->dbs[h->ent].copied = true;
            const char *s[] = { h->path };
            bk_event(in, BK_EV_DB_CLOSED, JETDB_EVENT_INFORMATION, 1, s);
        }
    } else if (h->kind == BK_H_LOG && complete && bk->gen_copied != NULL &&
               h->gen >= bk->copy_mic && h->gen < bk->copy_mac) {
        bk->gen_copied[h->gen - bk->copy_mic] = 1;
    }
    if (!complete) {
        char done[24], total[24];
        snprintf(done, sizeof done, "%llu", (unsigned long long)h->off);
        snprintf(total, sizeof total, "%llu", (unsigned long long)h->size);
        const char *s[] = { h->path, done, total };
        bk_event(in, BK_EV_FILE_PARTIAL, JETDB_EVENT_WARNING, 3, s);
    }
    bk_handle_release(bk);
    return JET_errSuccess;
}
