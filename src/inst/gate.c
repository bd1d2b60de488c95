/*
 * gate.c: the instance API gate (ese-backup-semantics.md §4.4), shared by
 * every instance-level and session-level API.
 *
 * Entering the gate makes an API call "in flight" on the instance: counted
 * for instance-level calls, the session's claim for session calls.  JetTerm
 * marks the instance terminating (so the gate refuses new callers) and then
 * waits until nothing is in flight before it tears anything down.  The count
 * and an "open" bit share one atomic word (inst.gate), so a call into a
 * running instance passes without taking the instance's mutex; a session
 * call touches no shared word but the session table's read lock.
 */
#include "inst/inst.h"
#include "util/err.h"

/* The gate's checks, in ESE's order; caller holds in->mu. */
static JET_ERR gate_check_locked(const inst *in, unsigned flags)
{
    if (in->stop_service && !(flags & GATE_IGNORE_STOP_SERVICE))
        return JET_errClientRequestToStopJetService;
    if (in->unavailable < 0)
        return in->unavailable;
    switch (in->state) {
    case INST_TERMINATING:
        return JET_errTermInProgress;
    case INST_RESTORING:
        return JET_errRestoreInProgress;
    case INST_INITIALIZING:
        /* ESE's "enter without init" (system parameters) names the lock;
         * the ordinary gate reports an instance not yet usable. */
        return (flags & GATE_WITHOUT_INIT) ? JET_errInitInProgress : JET_errNotInitialized;
    case INST_CREATED:
        return (flags & GATE_WITHOUT_INIT) ? JET_errSuccess : JET_errNotInitialized;
    case INST_RUNNING:
        break;
    }
    return JET_errSuccess;
}

void inst_gate_sync_locked(inst *in)
{
    if (in->state == INST_RUNNING && !in->stop_service && in->unavailable >= 0)
        atomic_fetch_or(&in->gate, INST_GATE_OPEN);
    else
        atomic_fetch_and(&in->gate, INST_GATE_CALLS);
}

uint64_t inst_gate_calls_locked(inst *in)
{
    return (uint64_t)(atomic_load(&in->gate) & INST_GATE_CALLS);
}

/* Leave the gate: the last caller out of a closed gate wakes a waiting
 * JetTerm.  (A JetTerm closes the gate, then reads the count under mu: a
 * caller that left before the close is not counted, one that leaves after
 * it sees the gate closed and signals under mu, so no wake-up is lost.) */
static void gate_leave_pinned(inst *in)
{
    uint_least64_t old = atomic_fetch_sub(&in->gate, 1);
    if ((old & INST_GATE_CALLS) == 1 && !(old & INST_GATE_OPEN)) {
        pthread_mutex_lock(&in->mu);
        pthread_cond_broadcast(&in->cond);
        pthread_mutex_unlock(&in->mu);
    }
}

/* Pass the gate for an instance already pinned by the caller.  Counted
 * first: while the gate is open that is all; otherwise the checks run
 * under mu (the count keeps a JetTerm waiting meanwhile). */
static JET_ERR gate_enter_pinned(inst *in, unsigned flags)
{
    uint_least64_t old = atomic_fetch_add(&in->gate, 1);
    if (old & INST_GATE_OPEN)
        return JET_errSuccess;
    pthread_mutex_lock(&in->mu);
    JET_ERR err = gate_check_locked(in, flags);
    pthread_mutex_unlock(&in->mu);
    if (err < 0)
        gate_leave_pinned(in);
    return err;
}

JET_ERR inst_gate_enter_pinned(inst *in, unsigned flags)
{
    return gate_enter_pinned(in, flags);
}

void inst_gate_leave_pinned(inst *in)
{
    gate_leave_pinned(in);
}

JET_ERR inst_gate_enter(JET_INSTANCE handle, inst **out)
{
    inst *in;
    CALL(inst_acquire(handle, true, &in));
    JET_ERR err = gate_enter_pinned(in, 0);
    if (err < 0) {
        inst_release(in);
        return err;
    }
    *out = in;
    return JET_errSuccess;
}

void inst_gate_leave(inst *in)
{
    gate_leave_pinned(in);
    inst_release(in);
}

/* Session APIs are not counted: the session's claim (sess_enter) is what
 * a JetTerm waits for (sess_any_claimed).  The claim is made before the
 * gate is looked at, and JetTerm closes the gate before it looks at the
 * claims, so one of the two sees the other. */
static void sess_unclaim(sess *s)
{
    sess_exit(s);
    if (!(atomic_load(&s->owner->gate) & INST_GATE_OPEN)) {
        pthread_mutex_lock(&s->owner->mu);
        pthread_cond_broadcast(&s->owner->cond);
        pthread_mutex_unlock(&s->owner->mu);
    }
}

/* The gate's verdict for an uncounted caller. */
static JET_ERR gate_peek(inst *in, unsigned flags)
{
    if (atomic_load(&in->gate) & INST_GATE_OPEN)
        return JET_errSuccess;
    pthread_mutex_lock(&in->mu);
    JET_ERR err = gate_check_locked(in, flags);
    pthread_mutex_unlock(&in->mu);
    return err;
}

JET_ERR sess_gate_enter(JET_SESID handle, unsigned flags, sess **out)
{
    sess *s;
    CALL(sess_acquire(handle, &s));
    JET_ERR err = sess_enter(s);
    if (err >= 0) {
        err = gate_peek(s->owner, flags);
        if (err < 0)
            sess_unclaim(s);
    } else {
        /* The gate's errors come before a sharing violation. */
        JET_ERR gate = gate_peek(s->owner, flags);
        if (gate < 0)
            err = gate;
    }
    if (err < 0) {
        sess_release(s);
        return err;
    }
    *out = s;
    return JET_errSuccess;
}

void sess_gate_leave(sess *s)
{
    sess_unclaim(s);
    sess_release(s);
}
