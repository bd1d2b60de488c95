/*
 * sess.c: sessions — the process-wide session table, begin/end, the
 * one-thread-at-a-time rule (JET_errSessionSharingViolation) and session
 * contexts (JetSetSessionContext / JetResetSessionContext).
 */
#include "inst/inst.h"
#include "txn/ver.h"

#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "inst/param.h"
#include "isam/isam.h"
#include "util/err.h"

/* Handle = (generation << SESS_GEN_SHIFT) | SESS_TAG | (slot + 1): never 0,
 * never ~0.  SESS_TAG (bit 20) is always set in a session handle and always
 * clear in an instance handle (inst.c), so one kind of handle passed as the
 * other is rejected instead of naming a live object of the wrong kind. */
#define SESS_SLOT_BITS 20
#define SESS_SLOTS_MAX ((1u << SESS_SLOT_BITS) - 1)
#define SESS_TAG ((uintptr_t)1 << SESS_SLOT_BITS)
#define SESS_GEN_SHIFT (SESS_SLOT_BITS + 1)

/* Guards the table: API calls look sessions up under the read side. */
static pthread_rwlock_t g_mu = PTHREAD_RWLOCK_INITIALIZER;
static sess **g_table;
static uint32_t g_cap;
static uint64_t g_next_gen = 1;

/* A process-unique, never-zero id for the calling thread. */
static uint64_t thread_id(void)
{
    static atomic_ullong next = 1;
    static _Thread_local uint64_t id;
    if (id == 0)
        id = atomic_fetch_add(&next, 1);
    return id;
}

/* Free a session whose last pin is gone; drops its pin on the instance. */
static void sess_free(sess *s)
{
    inst *in = s->owner;
    free(s->user);
    free(s);
    inst_release(in);
}

void sess_release(sess *s)
{
    if (s != NULL && atomic_fetch_sub(&s->refs, 1) == 1)
        sess_free(s);
}

JET_ERR sess_acquire(JET_SESID handle, sess **out)
{
    *out = NULL;
    uintptr_t low = handle & SESS_SLOTS_MAX;
    if (handle == 0 || handle == JET_sesidNil || low == 0 || !(handle & SESS_TAG))
        return JET_errInvalidSesid;
    pthread_rwlock_rdlock(&g_mu);
    sess *s = low <= g_cap ? g_table[low - 1] : NULL;
    if (s != NULL && s->handle == handle)
        atomic_fetch_add(&s->refs, 1);
    else
        s = NULL;
    pthread_rwlock_unlock(&g_mu);
    *out = s;
    return s != NULL ? JET_errSuccess : JET_errInvalidSesid;
}

JET_ERR sess_enter(sess *s)
{
    unsigned long long me = thread_id(), cur = 0;
    if (atomic_compare_exchange_strong(&s->thread, &cur, me)) {
        atomic_store(&s->depth, 1);
        return JET_errSuccess;
    }
    if (cur == me) {               /* an API called from a callback */
        atomic_fetch_add(&s->depth, 1);
        return JET_errSuccess;
    }
    return JET_errSessionSharingViolation;
}

void sess_exit(sess *s)
{
    if (atomic_fetch_sub(&s->depth, 1) == 1)
        atomic_store(&s->thread, 0);
}

/* Put a session in a free slot; caller holds g_mu. */
static JET_ERR insert_locked(sess *s)
{
    uint32_t slot = 0;
    while (slot < g_cap && g_table[slot] != NULL)
        slot++;
    if (slot == g_cap) {
        if (g_cap >= SESS_SLOTS_MAX)
            return JET_errOutOfSessions;
        uint32_t cap = g_cap ? g_cap * 2 : 64;
        if (cap > SESS_SLOTS_MAX)
            cap = SESS_SLOTS_MAX;
        sess **t = realloc(g_table, cap * sizeof *t);
        if (t == NULL)
            return JET_errOutOfMemory;
        memset(t + g_cap, 0, (cap - g_cap) * sizeof *t);
        g_table = t;
        g_cap = cap;
    }
    s->slot = slot;
    s->handle = (JET_SESID)((g_next_gen++ << SESS_GEN_SHIFT) | SESS_TAG | (slot + 1));
    g_table[slot] = s;
    return JET_errSuccess;
}

JET_ERR sess_begin(inst *in, const char *user, JET_SESID *out)
{
    sess *s = calloc(1, sizeof *s);
    if (s == NULL)
        return JET_errOutOfMemory;
    if (user != NULL && (s->user = strdup(user)) == NULL) {
        free(s);
        return JET_errOutOfMemory;
    }
    atomic_init(&s->refs, 1); /* the table's pin */

    /* Count the session against JET_paramMaxSessions under the instance
     * lock, so racing JetBeginSession calls cannot overshoot the limit. */
    JET_API_PTR max = par_num(in, JET_paramMaxSessions);
    pthread_mutex_lock(&in->mu);
    JET_ERR err = (JET_API_PTR)in->sessions >= max ? JET_errOutOfSessions : JET_errSuccess;
    if (err >= 0)
        in->sessions++;
    pthread_mutex_unlock(&in->mu);
    if (err < 0) {
        free(s->user);
        free(s);
        return err;
    }

    atomic_fetch_add(&in->refs, 1);
    s->owner = in;
    pthread_rwlock_wrlock(&g_mu);
    err = insert_locked(s);
    pthread_rwlock_unlock(&g_mu);
    if (err < 0) {
        pthread_mutex_lock(&in->mu);
        in->sessions--;
        pthread_mutex_unlock(&in->mu);
        sess_free(s);
        return err;
    }
    *out = s->handle;
    return JET_errSuccess;
}

/* Take a session out of the table; returns false when it was gone already.
 * Caller holds g_mu. */
static bool remove_locked(sess *s)
{
    if (s->slot < g_cap && g_table[s->slot] == s) {
        g_table[s->slot] = NULL;
        return true;
    }
    return false;
}

/* Account for a removed session and drop the table's pin. */
static void retire(sess *s)
{
    inst *in = s->owner;
    pthread_mutex_lock(&in->mu);
    in->sessions--;
    pthread_mutex_unlock(&in->mu);
    sess_release(s);
}

JET_ERR sess_end(sess *s)
{
    /* A session lent out through a context cannot be ended under its user. */
    if (atomic_load(&s->context) != 0)
        return JET_errSessionInUse;
    isam_session_end(s);      /* cursors first: they read through the transaction */
    vtx_session_end(s);
    db_session_end(s);
    pthread_rwlock_wrlock(&g_mu);
    bool removed = remove_locked(s);
    pthread_rwlock_unlock(&g_mu);
    if (!removed)
        return JET_errInvalidSesid;
    retire(s);
    return JET_errSuccess;
}

void sess_end_all(inst *in)
{
    for (;;) {
        sess *victim = NULL;
        pthread_rwlock_wrlock(&g_mu);
        for (uint32_t i = 0; i < g_cap && victim == NULL; i++)
            if (g_table[i] != NULL && g_table[i]->owner == in)
                victim = g_table[i];
        if (victim != NULL)
            remove_locked(victim);
        pthread_rwlock_unlock(&g_mu);
        if (victim == NULL)
            return;
        isam_session_end(victim);
        vtx_session_end(victim);
        db_session_end(victim);
        retire(victim);
    }
}

bool sess_any_claimed(const inst *in)
{
    bool busy = false;
    pthread_rwlock_rdlock(&g_mu);
    for (uint32_t i = 0; i < g_cap && !busy; i++)
        busy = g_table[i] != NULL && g_table[i]->owner == in && atomic_load(&g_table[i]->thread) != 0;
    pthread_rwlock_unlock(&g_mu);
    return busy;
}

JET_ERR sess_set_context(sess *s, JET_API_PTR context)
{
    if (context == 0 || context == (JET_API_PTR)~(JET_API_PTR)0)
        return JET_errInvalidParameter;     /* values ESE reserves */
    uintptr_t none = 0;
    if (!atomic_compare_exchange_strong(&s->context, &none, context))
        return JET_errSessionContextAlreadySet;
    atomic_store(&s->context_thread, thread_id());
    return JET_errSuccess;
}

JET_ERR sess_reset_context(sess *s)
{
    if (atomic_load(&s->context) == 0 || atomic_load(&s->context_thread) != thread_id())
        return JET_errSessionContextNotSetByThisThread;
    atomic_store(&s->context_thread, 0);
    atomic_store(&s->context, 0);
    return JET_errSuccess;
}
