/*
 * gate.c: the instance API gate (ese-backup-semantics.md §4.4), shared by
 * every instance-level and session-level API.
 *
 * Entering the gate counts an "API call in flight" on the instance; JetTerm
 * marks the instance terminating (so the gate refuses new callers) and then
 * waits for the count to reach zero before it tears anything down.
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

/* Pass the gate for an instance already pinned by the caller. */
static JET_ERR gate_enter_pinned(inst *in, unsigned flags)
{
    pthread_mutex_lock(&in->mu);
    JET_ERR err = gate_check_locked(in, flags);
    if (err >= 0)
        in->api_calls++;
    pthread_mutex_unlock(&in->mu);
    return err;
}

/* Leave the gate: the last caller out wakes a waiting JetTerm. */
static void gate_leave_pinned(inst *in)
{
    pthread_mutex_lock(&in->mu);
    if (--in->api_calls == 0)
        pthread_cond_broadcast(&in->cond);
    pthread_mutex_unlock(&in->mu);
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

JET_ERR sess_gate_enter(JET_SESID handle, unsigned flags, sess **out)
{
    sess *s;
    CALL(sess_acquire(handle, &s));
    JET_ERR err = gate_enter_pinned(s->owner, flags);
    if (err >= 0) {
        err = sess_enter(s);
        if (err < 0)
            gate_leave_pinned(s->owner);
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
    sess_exit(s);
    gate_leave_pinned(s->owner);
    sess_release(s);
}
