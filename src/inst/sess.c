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

/* The table is chunks of slots, allocated as needed and never freed or
 * moved, so API calls look a session up without a lock (sess_acquire).
 * g_mu guards changes (begin / end), the scans and the pool of released
 * session objects; those objects are never freed either (type-stable
 * memory: a lookup racing with an end can only pin a live session or fail
 * to pin a free one, then compares the handle). */
#define SESS_CHUNK_BITS 10
#define SESS_CHUNK (1u << SESS_CHUNK_BITS)
#define SESS_NCHUNKS ((SESS_SLOTS_MAX >> SESS_CHUNK_BITS) + 1u)

static pthread_rwlock_t g_mu = PTHREAD_RWLOCK_INITIALIZER;
static _Atomic(_Atomic(sess *) *) g_chunks[SESS_NCHUNKS];
static uint32_t g_cap;                /* slots in allocated chunks */
static uint64_t g_next_gen = 1;
static sess *g_pool;                  /* released session objects */

/* The slot, in an allocated chunk (slot < g_cap). */
static _Atomic(sess *) *slot_at(uint32_t slot)
{
    _Atomic(sess *) *chunk = atomic_load_explicit(&g_chunks[slot >> SESS_CHUNK_BITS],
                                                  memory_order_acquire);
    return &chunk[slot & (SESS_CHUNK - 1u)];
}

/* A process-unique, never-zero id for the calling thread. */
static uint64_t thread_id(void)
{
    static atomic_ullong next = 1;
    static _Thread_local uint64_t id;
    if (id == 0)
        id = atomic_fetch_add(&next, 1);
    return id;
}

/* Put a session object whose last pin is gone (or that never got one)
 * back in the pool, reset; drops its pin on the instance (if any). */
static void sess_free(sess *s)
{
    inst *in = s->owner;
    free(s->user);
    s->user = NULL;
    s->owner = NULL;
    s->dbs = NULL;
    s->vtx = NULL;
    atomic_store(&s->thread, 0);
    atomic_store(&s->depth, 0);
    atomic_store(&s->context, 0);
    atomic_store(&s->context_thread, 0);
    pthread_rwlock_wrlock(&g_mu);
    s->next_free = g_pool;
    g_pool = s;
    pthread_rwlock_unlock(&g_mu);
    if (in != NULL)
        inst_release(in);
}

/* A session object with refs 0, from the pool or new. */
static sess *sess_alloc(void)
{
    pthread_rwlock_wrlock(&g_mu);
    sess *s = g_pool;
    if (s != NULL)
        g_pool = s->next_free;
    pthread_rwlock_unlock(&g_mu);
    if (s == NULL && (s = calloc(1, sizeof *s)) != NULL) {
        atomic_init(&s->handle, 0);
        atomic_init(&s->refs, 0);
    }
    return s;
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
    uint32_t slot = (uint32_t)(low - 1);
    _Atomic(sess *) *chunk = atomic_load_explicit(&g_chunks[slot >> SESS_CHUNK_BITS],
                                                  memory_order_acquire);
    if (chunk == NULL)
        return JET_errInvalidSesid;
    sess *s = atomic_load_explicit(&chunk[slot & (SESS_CHUNK - 1u)], memory_order_acquire);
    if (s == NULL)
        return JET_errInvalidSesid;
    /* Pin it unless it is free, then make sure it is this handle's. */
    int r = atomic_load_explicit(&s->refs, memory_order_relaxed);
    do {
        if (r <= 0)
            return JET_errInvalidSesid;
    } while (!atomic_compare_exchange_weak_explicit(&s->refs, &r, r + 1, memory_order_acquire,
                                                    memory_order_relaxed));
    if (atomic_load_explicit(&s->handle, memory_order_acquire) != handle) {
        sess_release(s);
        return JET_errInvalidSesid;
    }
    *out = s;
    return JET_errSuccess;
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

/* Put a session in a free slot and publish it with the table's pin;
 * caller holds g_mu. */
static JET_ERR insert_locked(sess *s)
{
    uint32_t slot = 0;
    while (slot < g_cap && atomic_load_explicit(slot_at(slot), memory_order_relaxed) != NULL)
        slot++;
    if (slot == g_cap) {
        /* Slot numbers end at SESS_SLOTS_MAX - 1 (the handle holds slot + 1). */
        if (g_cap >= SESS_SLOTS_MAX)
            return JET_errOutOfSessions;
        _Atomic(sess *) *chunk = calloc(SESS_CHUNK, sizeof *chunk);
        if (chunk == NULL)
            return JET_errOutOfMemory;
        for (uint32_t i = 0; i < SESS_CHUNK; i++)
            atomic_init(&chunk[i], NULL);
        atomic_store_explicit(&g_chunks[g_cap >> SESS_CHUNK_BITS], chunk, memory_order_release);
        g_cap = g_cap + SESS_CHUNK > SESS_SLOTS_MAX ? SESS_SLOTS_MAX : g_cap + SESS_CHUNK;
    }
    s->slot = slot;
    /* Handle first, then the pin: a lookup that pins this object sees the
     * handle it now has. */
    atomic_store_explicit(&s->handle,
                          (JET_SESID)((g_next_gen++ << SESS_GEN_SHIFT) | SESS_TAG | (slot + 1)),
                          memory_order_release);
    atomic_store_explicit(&s->refs, 1, memory_order_release);    /* the table's pin */
    atomic_store_explicit(slot_at(slot), s, memory_order_release);
    return JET_errSuccess;
}

JET_ERR sess_begin(inst *in, const char *user, JET_SESID *out)
{
    sess *s = sess_alloc();
    if (s == NULL)
        return JET_errOutOfMemory;
    if (user != NULL && (s->user = strdup(user)) == NULL) {
        sess_free(s);
        return JET_errOutOfMemory;
    }

    /* Count the session against JET_paramMaxSessions under the instance
     * lock, so racing JetBeginSession calls cannot overshoot the limit. */
    JET_API_PTR max = par_num(in, JET_paramMaxSessions);
    pthread_mutex_lock(&in->mu);
    JET_ERR err = (JET_API_PTR)in->sessions >= max ? JET_errOutOfSessions : JET_errSuccess;
    if (err >= 0)
        in->sessions++;
    pthread_mutex_unlock(&in->mu);
    if (err < 0) {
        sess_free(s);
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
        sess_free(s);           /* never published: refs is still 0 */
        return err;
    }
    *out = atomic_load(&s->handle);
    return JET_errSuccess;
}

/* Take a session out of the table; returns false when it was gone already.
 * Caller holds g_mu. */
static bool remove_locked(sess *s)
{
    if (s->slot < g_cap && atomic_load_explicit(slot_at(s->slot), memory_order_relaxed) == s) {
        atomic_store_explicit(slot_at(s->slot), NULL, memory_order_release);
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
        for (uint32_t i = 0; i < g_cap && victim == NULL; i++) {
            sess *t = atomic_load_explicit(slot_at(i), memory_order_relaxed);
            if (t != NULL && t->owner == in)
                victim = t;
        }
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
    for (uint32_t i = 0; i < g_cap && !busy; i++) {
        sess *t = atomic_load_explicit(slot_at(i), memory_order_relaxed);
        busy = t != NULL && t->owner == in && atomic_load(&t->thread) != 0;
    }
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
