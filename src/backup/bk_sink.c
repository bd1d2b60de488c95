/*
 * bk_sink.c: the writer thread of JetBackup's staged copies.
 *
 * Why a thread: a stop must make JetBackup return within milliseconds,
 * and a thread blocked in a system call cannot look at the stop flag.  The
 * destination's calls are the ones that block long: starting write-back
 * of one 1 MiB buffer was seen to take 350-450 ms while durable commits
 * ran (the kernel's write-back throttling holds background writes back so
 * that the commits' flushes go first), an fsync can wait for a journal
 * commit, and dirty-page throttling can stall a write.  So JetBackup's own
 * thread only reads the source into the sink's buffers (BK_SINK_BUFS of
 * them, so reading and writing overlap) and waits for buffers and for the
 * end of each file with a look at the stop flag every BK_SINK_POLL_NS;
 * this thread does every write, write-back, fsync and close of the staged
 * files.  After a stop the reading side returns at once; this thread
 * finishes the call it is in, drops what is queued, closes the files and
 * ends, and the trash thread (bk_trash.c) joins it before it removes the
 * staging folder.
 *
 * Write pacing (src/backup/README.md): each buffer's write-back is started
 * as soon as it is written and awaited BK_PACE_BUFFERS buffers later, so
 * dirty data stays bounded and the final fsync is short; while durable
 * commits run (the log's flush count moved since the previous buffer) the
 * writer keeps one buffer in flight and then leaves the disk idle
 * BK_IDLE_FACTOR times as long as that buffer took (at most 100 ms).
 *
 * Locking: s->mu guards the queue, the buffers' states, the error and the
 * counters; the writer holds it only between calls, never across I/O.  It
 * is a leaf lock (bk_check_interrupt's inst->mu is taken with it released).
 */
#include "backup/bk_sink.h"
#include "backup/bk_int.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "os/os.h"
#include "util/err.h"

/* Copy buffers per sink: one being read, one being written, one spare. */
#define BK_SINK_BUFS 3u
/* Queue slots: a write per buffer plus the end of a file (and one more
 * end of a file queued without waiting after a stop). */
#define BK_SINK_OPS (BK_SINK_BUFS + 2u)
/* Buffers whose write-back may be in flight before the oldest is awaited. */
#define BK_PACE_BUFFERS 4u
/* While durable commits run, the disk is left idle this many times as long
 * as each buffer took to write (bk_sink_idle). */
#define BK_IDLE_FACTOR 3
/* How often a waiting side looks at the stop flag (reader) or at the
 * abandon flag (writer, during pacing pauses and the final write-back). */
#define BK_SINK_POLL_NS 5000000L
/* The end of a file waits for its write-back in slices of this size. */
#define BK_FLUSH_SLICE (8ull << 20)

/* One queued operation. */
typedef struct bk_sink_op {
    bool close;             /* end of a file (else a write) */
    bool flush;             /* close: write-back and fsync first */
    unsigned buf;           /* write: the buffer */
    uint32_t len;           /* write: bytes */
    uint64_t off;           /* write: offset in the file */
    os_file *f;
} bk_sink_op;

struct bk_sink {
    pthread_mutex_t mu;
    pthread_cond_t work;            /* an op was queued, or quit / abandon */
    pthread_cond_t done;            /* a buffer came free, a file ended, an error */
    pthread_t th;
    inst *in;
    uint32_t cbuf;
    bool pace;
    uint8_t *bufs[BK_SINK_BUFS];
    bool busy[BK_SINK_BUFS];        /* handed out or queued */
    int handed;                     /* buffer bk_sink_buffer gave out, or -1 */
    bk_sink_op ops[BK_SINK_OPS];    /* FIFO */
    unsigned head, nops;
    bool quit;                      /* end when the queue is empty */
    atomic_bool abandon;            /* stopped: drop writes, close, end */
    JET_ERR err;                    /* the writer's first error (sticky) */
    uint64_t closes_queued, closes_done;
    JET_ERR close_err;              /* result of the latest end of a file */
    /* The writer's own state (no lock): the file being written, how far
     * its write-back is complete, how far it is written, the log's flush
     * count at the previous buffer. */
    os_file *cur;
    uint64_t synced, end;
    uint64_t flushes;
};

/*
 * bk_sink_commits_active --
 *     true when the log was flushed since the previous buffer (durable
 *     commits are running).
 */
static bool bk_sink_commits_active(bk_sink *s)
{
    log_stats ls;
    log_get_stats(s->in->log, &ls);
    bool active = ls.flushes != s->flushes;
    s->flushes = ls.flushes;
    return active;
}

/*
 * bk_sink_idle --
 *     Sleep BK_IDLE_FACTOR times as long as has passed since *t0 (at most
 *     100 ms), in slices with a look at the abandon flag between them.
 */
static JET_ERR bk_sink_idle(bk_sink *s, const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    int64_t ns = (int64_t)(t1.tv_sec - t0->tv_sec) * 1000000000 + (t1.tv_nsec - t0->tv_nsec);
    ns *= BK_IDLE_FACTOR;
    if (ns > 100000000)
        ns = 100000000;
    while (ns > 0) {
        if (atomic_load(&s->abandon))
            return JET_errBackupAbortByServer;
        int64_t slice = ns < BK_SINK_POLL_NS ? ns : BK_SINK_POLL_NS;
        struct timespec d = { 0, (long)slice };
        while (nanosleep(&d, &d) != 0)
            ;
        ns -= slice;
    }
    return JET_errSuccess;
}

/*
 * bk_sink_settle --
 *     Wait for the write-back of f up to `upto` and drop that range from
 *     the page cache (nobody reads it back).
 */
static JET_ERR bk_sink_settle(bk_sink *s, os_file *f, uint64_t upto)
{
    if (upto <= s->synced)
        return JET_errSuccess;
    CALL(os_sync_range(f, s->synced, upto - s->synced, true));
    os_drop_cache(f, s->synced, upto - s->synced);
    s->synced = upto;
    return JET_errSuccess;
}

/*
 * bk_sink_do_write --
 *     Write one buffer and pace its write-back.
 */
static JET_ERR bk_sink_do_write(bk_sink *s, const bk_sink_op *op)
{
    if (s->cur != op->f) {
        s->cur = op->f;
        s->synced = s->end = 0;
    }
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    CALL(os_pwrite(op->f, s->bufs[op->buf], op->len, op->off));
    if (op->off + op->len > s->end)
        s->end = op->off + op->len;
    if (!s->pace)
        return JET_errSuccess;
    CALL(os_sync_range(op->f, op->off, op->len, false));
    if (!atomic_load(&s->abandon) && bk_sink_commits_active(s)) {
        /* Durable commits are flushing the log: their flushes come first.
         * Keep one buffer in flight and leave the disk idle three times as
         * long as this buffer took, so a commit's flush waits for at most
         * one buffer of backup data, never for a queue of them. */
        CALL(bk_sink_settle(s, op->f, s->end));
        CALL(bk_sink_idle(s, &t0));
    }
    uint64_t window = (uint64_t)BK_PACE_BUFFERS * s->cbuf;
    if (s->end - s->synced > window)
        CALL(bk_sink_settle(s, op->f, s->end - window));
    return JET_errSuccess;
}

/*
 * bk_sink_do_flush --
 *     Make a complete file durable: its write-back in slices (with a look
 *     at the abandon flag between them), then fsync.  Unpaced, most of the
 *     file may still be dirty here.
 */
static JET_ERR bk_sink_do_flush(bk_sink *s, os_file *f)
{
    if (s->cur != f) {
        s->cur = f;
        s->synced = s->end = 0;
    }
    while (s->synced < s->end) {
        if (atomic_load(&s->abandon))
            return JET_errBackupAbortByServer;
        uint64_t n = s->end - s->synced;
        if (n > BK_FLUSH_SLICE)
            n = BK_FLUSH_SLICE;
        CALL(os_sync_range(f, s->synced, n, true));
        s->synced += n;
    }
    return os_fsync(f);
}

/*
 * bk_sink_main --
 *     The writer: run the queued operations in order until told to end.
 *     After an error or an abandon, writes are dropped but every file is
 *     still closed.
 */
static void *bk_sink_main(void *arg)
{
    bk_sink *s = arg;
    pthread_mutex_lock(&s->mu);
    for (;;) {
        while (s->nops == 0 && !s->quit && !atomic_load(&s->abandon))
            pthread_cond_wait(&s->work, &s->mu);
        if (s->nops == 0)
            break;
        bk_sink_op op = s->ops[s->head];
        s->head = (s->head + 1) % BK_SINK_OPS;
        s->nops--;
        bool drop = s->err < 0 || atomic_load(&s->abandon);
        pthread_mutex_unlock(&s->mu);

        JET_ERR err = JET_errSuccess;
        if (!op.close) {
            if (!drop)
                err = bk_sink_do_write(s, &op);
        } else {
            if (op.flush && !drop)
                err = bk_sink_do_flush(s, op.f);
            KEEP(err, os_close(op.f));
            if (s->cur == op.f)
                s->cur = NULL;
        }

        pthread_mutex_lock(&s->mu);
        if (err < 0 && s->err >= 0 && !atomic_load(&s->abandon))
            s->err = err;
        if (op.close) {
            s->close_err = err < 0 ? err : s->err;
            s->closes_done++;
        } else {
            s->busy[op.buf] = false;
        }
        pthread_cond_broadcast(&s->done);
    }
    pthread_mutex_unlock(&s->mu);
    return NULL;
}

/*
 * bk_sink_free --
 *     Free a sink whose thread has ended (or never started).
 */
static void bk_sink_free(bk_sink *s)
{
    for (unsigned i = 0; i < BK_SINK_BUFS; i++)
        free(s->bufs[i]);
    pthread_cond_destroy(&s->done);
    pthread_cond_destroy(&s->work);
    pthread_mutex_destroy(&s->mu);
    free(s);
}

/*
 * bk_sink_start --
 *     Allocate the buffers and start the writer thread.
 */
JET_ERR bk_sink_start(inst *in, uint32_t cbuf, bool pace, bk_sink **out)
{
    bk_sink *s = calloc(1, sizeof *s);
    if (s == NULL)
        return JET_errOutOfMemory;
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->work, NULL);
    /* Timed waits on `done` use the monotonic clock: a change of the wall
     * clock must not stretch a 5 ms wait. */
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&s->done, &ca);
    pthread_condattr_destroy(&ca);
    atomic_init(&s->abandon, false);
    s->in = in;
    s->cbuf = cbuf;
    s->pace = pace;
    s->handed = -1;
    if (in->log != NULL) {
        log_stats ls;
        log_get_stats(in->log, &ls);
        s->flushes = ls.flushes;
    }
    for (unsigned i = 0; i < BK_SINK_BUFS; i++) {
        s->bufs[i] = aligned_alloc(4096, cbuf);
        if (s->bufs[i] == NULL) {
            bk_sink_free(s);
            return JET_errOutOfMemory;
        }
    }
    if (pthread_create(&s->th, NULL, bk_sink_main, s) != 0) {
        bk_sink_free(s);
        return JET_errOutOfMemory;
    }
    *out = s;
    return JET_errSuccess;
}

/*
 * bk_sink_wait --
 *     Wait for s->done for at most BK_SINK_POLL_NS, then look at the stop
 *     flag.  s->mu is held on entry and on return.
 */
static JET_ERR bk_sink_wait(bk_sink *s)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    ts.tv_nsec += BK_SINK_POLL_NS;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    (void)pthread_cond_timedwait(&s->done, &s->mu, &ts);
    pthread_mutex_unlock(&s->mu);
    JET_ERR err = bk_check_interrupt(s->in);
    pthread_mutex_lock(&s->mu);
    return err;
}

/*
 * bk_sink_buffer --
 *     A free buffer to fill.
 */
JET_ERR bk_sink_buffer(bk_sink *s, uint8_t **buf)
{
    JET_ERR err = JET_errSuccess;
    pthread_mutex_lock(&s->mu);
    for (;;) {
        if (s->err < 0) {
            err = s->err;
            break;
        }
        unsigned i = 0;
        while (i < BK_SINK_BUFS && s->busy[i])
            i++;
        if (i < BK_SINK_BUFS) {
            s->busy[i] = true;
            s->handed = (int)i;
            *buf = s->bufs[i];
            break;
        }
        err = bk_sink_wait(s);
        if (err < 0)
            break;
    }
    pthread_mutex_unlock(&s->mu);
    return err;
}

/*
 * bk_sink_push_locked --
 *     Append an op (a slot is always free: writes are bounded by the
 *     buffers, ends of files by the callers' waits).  s->mu held.
 */
static void bk_sink_push_locked(bk_sink *s, const bk_sink_op *op)
{
    s->ops[(s->head + s->nops) % BK_SINK_OPS] = *op;
    s->nops++;
    pthread_cond_signal(&s->work);
}

/*
 * bk_sink_write --
 *     Queue the handed-out buffer.
 */
JET_ERR bk_sink_write(bk_sink *s, os_file *f, uint32_t len, uint64_t off)
{
    JET_ERR err = JET_errSuccess;
    pthread_mutex_lock(&s->mu);
    int b = s->handed;
    s->handed = -1;
    if (b < 0) {
        err = JET_errInvalidParameter;   /* no buffer was handed out */
    } else if (s->err < 0) {
        s->busy[b] = false;
        err = s->err;
    } else {
        bk_sink_op op = { false, false, (unsigned)b, len, off, f };
        bk_sink_push_locked(s, &op);
    }
    pthread_mutex_unlock(&s->mu);
    return err;
}

/*
 * bk_sink_close --
 *     Queue the end of f; optionally wait for it.
 */
JET_ERR bk_sink_close(bk_sink *s, os_file *f, bool flush, bool wait)
{
    JET_ERR err = JET_errSuccess;
    pthread_mutex_lock(&s->mu);
    if (s->handed >= 0) {
        /* A buffer was taken but nothing was read into it (end of the
         * stream, or a failed read). */
        s->busy[s->handed] = false;
        s->handed = -1;
    }
    bk_sink_op op = { true, flush, 0, 0, 0, f };
    bk_sink_push_locked(s, &op);
    uint64_t mine = ++s->closes_queued;
    while (wait && s->closes_done < mine) {
        err = bk_sink_wait(s);
        if (err < 0)
            break;
    }
    if (wait && err >= 0)
        err = s->close_err;
    pthread_mutex_unlock(&s->mu);
    return err;
}

/*
 * bk_sink_finish --
 *     End the writer after its queue and free the sink.
 */
void bk_sink_finish(bk_sink *s)
{
    pthread_mutex_lock(&s->mu);
    s->quit = true;
    pthread_cond_signal(&s->work);
    pthread_mutex_unlock(&s->mu);
    pthread_join(s->th, NULL);
    bk_sink_free(s);
}

/*
 * bk_sink_abandon --
 *     The backup stopped: the writer drops what is queued (closing files)
 *     and ends after the call it is in.
 */
void bk_sink_abandon(bk_sink *s)
{
    atomic_store(&s->abandon, true);
    pthread_mutex_lock(&s->mu);
    pthread_cond_signal(&s->work);
    pthread_mutex_unlock(&s->mu);
}

/*
 * bk_sink_join_free --
 *     Wait for an abandoned writer to end; free the sink.
 */
void bk_sink_join_free(bk_sink *s)
{
    pthread_join(s->th, NULL);
    bk_sink_free(s);
}
