/*
 * rec_hard.c: hard recovery — the replay of a restore, whose log stream is
 * spread over several folders: the backup set's generations first (read in
 * place from the backup folder), then, continuing without a gap, the
 * generations of the instance's log folder up to its current log.
 *
 * The records go through the same redo/undo as soft recovery (rec_replay);
 * this file only provides the record source that walks the folders and
 * checks, at each change of folder, that the first generation read from
 * the new folder continues the last one of the previous folder exactly as
 * the log reader checks consecutive files inside one folder.
 */
#include "recovery/recovery.h"

#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "os/os.h"
#include "util/err.h"
#include "util/logtime.h"

/* The walk over the stretches. */
typedef struct hard_src {
    const rec_folder *f;
    size_t n, i;
    const char *base;
    unsigned legacy;
    log_reader *rd;
    uint32_t gen;               /* generation of the last record returned (0: none) */
    uint32_t last_gen_read;     /* last generation of the previous stretch */
    void (*on_gen)(void *ctx, uint32_t gen);
    void *gen_ctx;
} hard_src;

/* Path of generation gen in folder: the archived file, else the current log
 * when its header carries gen; NULL (JET_errMissingLogFile) otherwise. */
static JET_ERR gen_path(const char *folder, const char *base, unsigned legacy, uint32_t gen,
                        char **out, bool *is_current)
{
    char name[LOG_NAME_MAX];
    char *path = NULL;
    *out = NULL;
    *is_current = false;
    CALL(log_name_archived(base, legacy, gen, name, sizeof name));
    CALL(os_path_join(folder, name, &path));
    if (os_exists(path)) {
        *out = path;
        return JET_errSuccess;
    }
    free(path);
    CALL(log_name_current(base, legacy, name, sizeof name));
    CALL(os_path_join(folder, name, &path));
    log_file_hdr h;
    if (os_exists(path) && log_read_header(path, &h) >= 0 && h.gen == gen) {
        *out = path;
        *is_current = true;
        return JET_errSuccess;
    }
    free(path);
    return JET_errMissingLogFile;
}

/* The first generation of stretch i must continue generation gen_lo - 1 of
 * stretch i - 1: same stream, tmPrevGen and accumulated checksum chained. */
static JET_ERR check_join(hard_src *s)
{
    const rec_folder *prev = &s->f[s->i - 1], *cur = &s->f[s->i];
    if (cur->gen_lo == 0 || cur->gen_lo - 1 != s->last_gen_read)
        return JET_errInvalidLogSequence;
    char *ppath = NULL, *cpath = NULL;
    bool pcur, ccur;
    JET_ERR err = JET_errSuccess;
    log_file_info pinfo;
    log_file_hdr ch;
    CHECK(gen_path(prev->path, s->base, s->legacy, cur->gen_lo - 1, &ppath, &pcur));
    CHECK(gen_path(cur->path, s->base, s->legacy, cur->gen_lo, &cpath, &ccur));
    CHECK(log_verify_file(ppath, pcur, &pinfo));
    CHECK(log_read_header(cpath, &ch));
    if (!signature_equal(&ch.sign_log, &pinfo.hdr.sign_log))
        err = JET_errBadLogSignature;
    else if (!logtime_equal(&ch.tm_prev, &pinfo.hdr.tm_create))
        err = JET_errInvalidLogSequence;
    else if (ch.prev_accum != pinfo.accum)
        err = JET_errLogSequenceChecksumMismatch;
done:
    free(ppath);
    free(cpath);
    return err;
}

/* Damage found while reading a stretch, in the stretch's own terms. */
static JET_ERR map_damage(const rec_folder *f, JET_ERR err)
{
    if (f->corrupt_err != 0 &&
        (err == JET_errLogReadVerifyFailure || err == JET_errLogFileCorrupt))
        return f->corrupt_err;
    return err;
}

/* Tell the caller a generation has been replayed completely. */
static void gen_done(hard_src *s, uint32_t gen)
{
    if (gen != 0 && s->on_gen != NULL)
        s->on_gen(s->gen_ctx, gen);
}

/* The next record: from the open stretch, else from the next one. */
static JET_ERR hard_next(void *ctx, const void **rec, size_t *len, uint64_t *lsn)
{
    hard_src *s = ctx;
    *rec = NULL;
    while (s->i < s->n) {
        const rec_folder *f = &s->f[s->i];
        if (s->rd == NULL) {
            if (s->i > 0)
                CALL(check_join(s));
            JET_ERR err = log_reader_open(f->path, s->base, s->legacy,
                                          log_lsn_make(f->gen_lo, 0), &s->rd);
            CALL(map_damage(f, err));
            /* Never look past the stretch: its next file may be another
             * stream's or a running instance's current log. */
            log_reader_set_last(s->rd, f->gen_hi);
        }
        log_lsn at = 0;
        JET_ERR err = log_reader_next(s->rd, rec, len, &at);
        if (err < 0)
            return map_damage(f, err);
        uint32_t g = *rec != NULL ? log_lsn_gen(at) : 0;
        if (*rec == NULL || (f->gen_hi != 0 && g > f->gen_hi)) {
            /* This stretch is done: its last generation is the one the
             * next stretch must continue. */
            *rec = NULL;
            log_reader_close(s->rd);
            s->rd = NULL;
            s->last_gen_read = f->gen_hi != 0 ? f->gen_hi : (s->gen > f->gen_lo ? s->gen : f->gen_lo);
            s->i++;
            continue;
        }
        if (g != s->gen) {
            gen_done(s, s->gen);
            s->gen = g;
        }
        if (lsn != NULL)
            *lsn = at;
        return JET_errSuccess;
    }
    gen_done(s, s->gen);
    s->gen = 0;
    return JET_errSuccess;
}

JET_ERR rec_hard_recover(struct log *log, const char *base, unsigned legacy,
                         const rec_folder *folders, size_t nfolders,
                         const struct log_checkpoint *cp, const rec_ops *ops,
                         void (*on_gen)(void *ctx, uint32_t gen), void *gen_ctx,
                         rec_stats *st)
{
    if (log == NULL || base == NULL || folders == NULL || nfolders == 0 || ops == NULL)
        return JET_errInvalidParameter;
    for (size_t i = 0; i < nfolders; i++)
        if (folders[i].path == NULL || folders[i].gen_lo == 0)
            return JET_errInvalidParameter;
    hard_src s;
    memset(&s, 0, sizeof s);
    s.f = folders;
    s.n = nfolders;
    s.base = base;
    s.legacy = legacy;
    s.on_gen = on_gen;
    s.gen_ctx = gen_ctx;
    rec_source src = { &s, hard_next };
    JET_ERR err = rec_replay(log, &src, cp, ops, st);
    log_reader_close(s.rd);
    return err;
}
