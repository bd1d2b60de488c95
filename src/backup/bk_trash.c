/*
 * bk_trash.c: removal of a stopped JetBackup's staging folder in the
 * background, so that JetStopBackupInstance makes a running JetBackup
 * return within milliseconds whatever it had already copied.
 *
 * Removing a partly written copy of a large database takes time that
 * grows with the copy (ext4 frees every extent and waits for write-back
 * in flight: 0.2-0.7 s for 1 GiB on the reference VM, bench/README.md).
 * So a stopped backup only renames `<P>/temp` to a hidden
 * `<P>/.jetdb-trash-<pid>-<n>` — one rename inside P, which touches no
 * data and is not made durable — and queues that folder here, with the
 * backup's abandoned writer thread (bk_sink.c), which may still be inside
 * a write into it; one thread per instance joins that writer and removes
 * the queued folders, oldest first.
 *
 * When the removal counts (docs/backup.md, "Stop and termination"): the
 * folder is gone when its removal ends, at the latest when JetTerm returns
 * (bk_trash_shutdown finishes the queue before the thread is joined) or
 * when the next JetBackup into P has prepared P (bk_trash_clear waits for
 * P's queued removals and removes whatever trash is still there).  A crash
 * before the removal ends leaves the hidden folder (or `<P>/temp`, if the
 * rename never reached the disk); the next JetBackup into P removes both
 * before it writes anything.  Restore and `jetutil verify-backup` ignore
 * sub-folders of a backup folder, so the trash never confuses them.
 *
 * Locking: t->mu guards the queue and is never held across file-system
 * calls; it is a leaf below bk->mu (bk_stage_prepare runs without bk->mu).
 */
#include "backup/bk_int.h"
#include "backup/bk_sink.h"
#include "backup/bk_stage.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "os/os.h"
#include "util/err.h"

/* Pause between two looks at the stop flag while a backup waits for the
 * removal of an earlier trash folder of its destination. */
#define BK_TRASH_POLL_MS 5

/* Sequence number of the trash names of this process. */
static atomic_uint g_trash_seq;

/*
 * bk_trash_init --
 *     An empty queue, no thread yet.
 */
void bk_trash_init(bk_trash *t)
{
    memset(t, 0, sizeof *t);
    pthread_mutex_init(&t->mu, NULL);
    pthread_cond_init(&t->work, NULL);
    /* bk_trash_clear's timed waits use the monotonic clock. */
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&t->idle, &ca);
    pthread_condattr_destroy(&ca);
}

/*
 * bk_trash_main --
 *     The removal thread: take the oldest queued folder, remove it, until
 *     JetTerm asks to quit and nothing is left.
 */
static void *bk_trash_main(void *arg)
{
    bk_trash *t = arg;
    pthread_mutex_lock(&t->mu);
    for (;;) {
        while (t->nqueue == 0 && !t->quit)
            pthread_cond_wait(&t->work, &t->mu);
        if (t->nqueue == 0)
            break;
        bk_trash_job job = t->queue[0];
        t->busy = job.path;
        t->nqueue--;
        memmove(t->queue, t->queue + 1, t->nqueue * sizeof *t->queue);
        pthread_mutex_unlock(&t->mu);
        /* The stopped backup's writer may still be inside a write or a
         * write-back of a file in the folder: let it end first. */
        if (job.sink != NULL)
            bk_sink_join_free(job.sink);
        /* A failure leaves (part of) the folder; the next backup into the
         * same destination tries again (bk_trash_clear). */
        JET_ERR err = bk_remove_tree(t->busy);
        pthread_mutex_lock(&t->mu);
        if (err < 0)
            t->failed++;
        else
            t->removed++;
        free(t->busy);
        t->busy = NULL;
        pthread_cond_broadcast(&t->idle);
    }
    pthread_mutex_unlock(&t->mu);
    return NULL;
}

/*
 * bk_trash_shutdown --
 *     JetTerm: let the thread empty the queue, join it, free everything.
 */
void bk_trash_shutdown(bk_trash *t)
{
    pthread_mutex_lock(&t->mu);
    t->quit = true;
    bool started = t->started;
    pthread_cond_broadcast(&t->work);
    pthread_mutex_unlock(&t->mu);
    if (started)
        pthread_join(t->th, NULL);
    /* Without a thread (it could not be started) the queue is empty:
     * bk_trash_move removes synchronously then. */
    for (size_t i = 0; i < t->nqueue; i++) {
        if (t->queue[i].sink != NULL)
            bk_sink_join_free(t->queue[i].sink);
        (void)bk_remove_tree(t->queue[i].path);
        free(t->queue[i].path);
    }
    free(t->queue);
    pthread_cond_destroy(&t->idle);
    pthread_cond_destroy(&t->work);
    pthread_mutex_destroy(&t->mu);
    memset(t, 0, sizeof *t);
}

/*
 * bk_trash_name --
 *     Does name have the form bk_trash_move gives?
 */
bool bk_trash_name(const char *name)
{
    return strncmp(name, BK_TRASH_PREFIX, sizeof BK_TRASH_PREFIX - 1) == 0;
}

/*
 * bk_trash_queue --
 *     Append path and sink (taken over) to the queue, starting the thread
 *     if needed; false when neither is possible (the caller keeps both).
 */
static bool bk_trash_queue(bk_trash *t, char *path, bk_sink *sink)
{
    bool ok = false;
    pthread_mutex_lock(&t->mu);
    if (!t->quit && t->nqueue == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 4;
        bk_trash_job *q = realloc(t->queue, cap * sizeof *q);
        if (q != NULL) {
            t->queue = q;
            t->cap = cap;
        }
    }
    if (!t->quit && t->nqueue < t->cap) {
        if (!t->started)
            t->started = pthread_create(&t->th, NULL, bk_trash_main, t) == 0;
        if (t->started) {
            t->queue[t->nqueue].path = path;
            t->queue[t->nqueue].sink = sink;
            t->nqueue++;
            pthread_cond_signal(&t->work);
            ok = true;
        }
    }
    pthread_mutex_unlock(&t->mu);
    return ok;
}

/*
 * bk_trash_move --
 *     Rename dir to a fresh trash name inside root and queue its removal.
 */
JET_ERR bk_trash_move(bk_trash *t, const char *root, const char *dir, bk_sink *sink)
{
    char name[64];
    char *to = NULL;
    JET_ERR err = JET_errSuccess;
    /* A name left by a crashed process with the same pid is skipped. */
    for (int tries = 0; tries < 16; tries++) {
        snprintf(name, sizeof name, "%s%ld-%u", BK_TRASH_PREFIX, (long)getpid(),
                 atomic_fetch_add(&g_trash_seq, 1u));
        free(to);
        to = NULL;
        CALL(os_path_join(root, name, &to));
        if (!os_exists(to))
            break;
    }
    /* Not durable on purpose: after a crash either name is cleaned up by
     * the next backup into root, and an fsync here could wait for the
     * journal to write the partial copy's metadata. */
    CHECK(os_rename(dir, to));
    if (bk_trash_queue(t, to, sink))
        return JET_errSuccess;
    if (sink != NULL)
        bk_sink_join_free(sink);
    (void)bk_remove_tree(to);
done:
    free(to);
    return err;
}

/* true when path lies inside the folder root. */
static bool bk_inside(const char *path, const char *root, size_t n)
{
    return path != NULL && strncmp(path, root, n) == 0 && path[n] == '/';
}

/*
 * bk_trash_busy_locked --
 *     Is a trash folder of root queued or being removed?  t->mu held.
 */
static bool bk_trash_busy_locked(bk_trash *t, const char *root)
{
    size_t n = strlen(root);
    while (n > 1 && root[n - 1] == '/')
        n--;
    if (bk_inside(t->busy, root, n))
        return true;
    for (size_t i = 0; i < t->nqueue; i++)
        if (bk_inside(t->queue[i].path, root, n))
            return true;
    return false;
}

/*
 * bk_trash_clear --
 *     Wait for root's queued removals, then remove any trash left in root.
 */
JET_ERR bk_trash_clear(bk_trash *t, inst *in, const char *root)
{
    JET_ERR err = JET_errSuccess;
    pthread_mutex_lock(&t->mu);
    while (bk_trash_busy_locked(t, root)) {
        pthread_mutex_unlock(&t->mu);
        /* The wait is short (one removal), but a stop must not wait for it. */
        CALL(bk_check_interrupt(in));
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        ts.tv_nsec += BK_TRASH_POLL_MS * 1000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_mutex_lock(&t->mu);
        if (bk_trash_busy_locked(t, root))
            (void)pthread_cond_timedwait(&t->idle, &t->mu, &ts);
    }
    pthread_mutex_unlock(&t->mu);

    char **names = NULL;
    size_t n = 0;
    if (!os_is_dir(root))
        return JET_errSuccess;
    CALL(os_list_dir(root, &names, &n));
    for (size_t i = 0; i < n && err >= 0; i++) {
        if (!bk_trash_name(names[i]))
            continue;
        char *p = NULL;
        err = os_path_join(root, names[i], &p);
        if (err >= 0 && bk_remove_tree(p) < 0)
            err = JET_errDeleteBackupFileFail;
        free(p);
    }
    os_list_free(names, n);
    return err;
}

/*
 * bk_trash_pending --
 *     Folders queued or being removed.
 */
uint32_t bk_trash_pending(bk_trash *t)
{
    pthread_mutex_lock(&t->mu);
    uint32_t n = (uint32_t)t->nqueue + (t->busy != NULL);
    pthread_mutex_unlock(&t->mu);
    return n;
}
