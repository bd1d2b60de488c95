/*
 * inst.c: the process-wide instance table, the single/multi-instance mode
 * and the life cycle of an instance (create, init, term, stop-service).
 *
 * Locking order: g_mu (table and mode) before inst->mu; never the reverse.
 * An instance is freed only when it is out of the table and its last pin
 * (inst_release) is gone, so a handle looked up under g_mu stays valid for
 * as long as the caller holds its pin.
 */
#include "inst/inst.h"
#include "util/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inst/param.h"
#include "os/os.h"

/* Handle = (generation << INST_GEN_SHIFT) | (slot + 1): never 0, never ~0.
 * Bits INST_SLOT_BITS..INST_GEN_SHIFT-1 are always 0 in an instance handle;
 * bit 20 is the type tag that every session handle has set (sess.c), so a
 * JET_SESID passed as a JET_INSTANCE (or the reverse) can never name a live
 * object of the other kind. */
#define INST_SLOT_BITS 16
#define INST_GEN_SHIFT 21
#define INST_SLOTS 10240          /* ESE's cMaxInstances */

static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static inst_mode g_mode = INST_MODE_NONE;
static inst *g_table[INST_SLOTS];
static uint32_t g_live;           /* instances in the table */
static uint64_t g_next_gen = 1;
static struct par_store *g_params;
static inst *g_one;               /* single-instance mode: the instance */

inst_mode inst_get_mode(void)
{
    pthread_mutex_lock(&g_mu);
    inst_mode m = g_mode;
    pthread_mutex_unlock(&g_mu);
    return m;
}

/* Check/set the mode; caller holds g_mu. */
static JET_ERR require_mode_locked(inst_mode want)
{
    if (g_mode == INST_MODE_NONE) {
        g_mode = want;
        return JET_errSuccess;
    }
    if (g_mode == want)
        return JET_errSuccess;
    return g_mode == INST_MODE_ONE ? JET_errRunningInOneInstanceMode
                                   : JET_errRunningInMultiInstanceMode;
}

JET_ERR inst_require_mode(inst_mode want)
{
    pthread_mutex_lock(&g_mu);
    JET_ERR err = require_mode_locked(want);
    pthread_mutex_unlock(&g_mu);
    return err;
}

struct par_store *inst_global_params(void)
{
    pthread_mutex_lock(&g_mu);
    if (g_params == NULL) {
        /* Out of memory here leaves g_params NULL; callers treat a NULL
         * store as "defaults" through par_num/par_str. */
        (void)par_store_new(NULL, &g_params);
    }
    struct par_store *ps = g_params;
    pthread_mutex_unlock(&g_mu);
    return ps;
}

/* Free an instance whose last pin is gone. */
static void inst_free(inst *in)
{
    par_store_free(in->params);
    os_unlock(in->log_lock);
    free(in->name);
    free(in->display_name);
    free(in->log_path);
    free(in->system_path);
    free(in->temp_path);
    pthread_cond_destroy(&in->cond);
    pthread_cond_destroy(&in->ckpt_cond);
    pthread_rwlock_destroy(&in->op_lock);
    pthread_mutex_destroy(&in->mu);
    free(in);
}

void inst_release(inst *in)
{
    if (in != NULL && atomic_fetch_sub(&in->refs, 1) == 1)
        inst_free(in);
}

/* The live instance a handle encodes, or NULL; caller holds g_mu. */
static inst *live_locked(JET_INSTANCE handle)
{
    uintptr_t low = handle & ((1u << INST_SLOT_BITS) - 1);
    if (handle == 0 || handle == JET_instanceNil || low == 0 || low > INST_SLOTS)
        return NULL;
    inst *in = g_table[low - 1];
    return in != NULL && in->handle == handle ? in : NULL;
}

/* ESE's instance lookup (ErrFindPinst): legacy mode ignores the handle and
 * answers with its one instance; multi-instance mode needs a live handle;
 * no mode yet finds nothing.  Caller holds g_mu. */
static inst *find_locked(JET_INSTANCE handle)
{
    switch (g_mode) {
    case INST_MODE_ONE:
        return g_one;
    case INST_MODE_MULTI:
        return live_locked(handle);
    case INST_MODE_NONE:
        break;
    }
    return NULL;
}

JET_ERR inst_acquire(JET_INSTANCE handle, bool validate, inst **out)
{
    JET_ERR err = JET_errSuccess;
    inst *in = NULL;
    pthread_mutex_lock(&g_mu);
    /* esent.dll first rejects a handle that looks real but names no live
     * instance (garbage or stale) with JET_errInvalidInstance; 0 and
     * JET_instanceNil pass on to the lookup because legacy mode accepts them. */
    if (validate && handle != 0 && handle != JET_instanceNil && live_locked(handle) == NULL)
        err = JET_errInvalidInstance;
    else if ((in = find_locked(handle)) == NULL)
        err = JET_errInvalidParameter;
    else
        atomic_fetch_add(&in->refs, 1);
    pthread_mutex_unlock(&g_mu);
    *out = in;
    return err;
}

/* Allocate an instance, put it in the table; caller holds g_mu. */
static JET_ERR create_locked(const char *name, const char *display, inst **out)
{
    JET_API_PTR max = par_num(NULL, JET_paramMaxInstances);
    if (g_live >= max || g_live >= INST_SLOTS)
        return JET_errTooManyInstances;
    for (uint32_t i = 0; i < INST_SLOTS; i++) {
        inst *o = g_table[i];
        if (o == NULL)
            continue;
        if ((o->name == NULL && name == NULL) ||
            (o->name != NULL && name != NULL && strcmp(o->name, name) == 0))
            return JET_errInstanceNameInUse;
    }
    uint32_t slot = 0;
    while (g_table[slot] != NULL)
        slot++;

    inst *in = calloc(1, sizeof *in);
    if (in == NULL)
        return JET_errOutOfMemory;
    if ((name && (in->name = strdup(name)) == NULL) ||
        (display && (in->display_name = strdup(display)) == NULL)) {
        free(in->name);
        free(in);
        return JET_errOutOfMemory;
    }
    if (g_params == NULL)
        (void)par_store_new(NULL, &g_params);
    JET_ERR err = par_store_new(g_params, &in->params);
    if (err < 0) {
        free(in->name);
        free(in->display_name);
        free(in);
        return err;
    }
    pthread_mutex_init(&in->mu, NULL);
    pthread_cond_init(&in->cond, NULL);
    pthread_cond_init(&in->ckpt_cond, NULL);
    pthread_rwlock_init(&in->op_lock, NULL);
    in->slot = slot;
    in->handle = (JET_INSTANCE)((g_next_gen++ << INST_GEN_SHIFT) | (slot + 1));
    in->state = INST_CREATED;
    atomic_init(&in->refs, 1); /* the table's pin */
    atomic_init(&in->gate, 0);  /* closed until JetInit succeeds */
    g_table[slot] = in;
    g_live++;
    *out = in;
    return JET_errSuccess;
}

/* Take an instance out of the table (its handle dies); caller holds g_mu.
 * Returns false when it was out of the table already. */
static bool remove_locked(inst *in)
{
    if (g_table[in->slot] != in)
        return false;
    g_table[in->slot] = NULL;
    g_live--;
    if (g_one == in)
        g_one = NULL;
    /* With no instance left the process may choose a mode again, as ESE
     * does once its last instance is gone. */
    if (g_live == 0)
        g_mode = INST_MODE_NONE;
    return true;
}

JET_ERR inst_create(const char *name, const char *display, JET_INSTANCE *out)
{
    pthread_mutex_lock(&g_mu);
    JET_ERR err = require_mode_locked(INST_MODE_MULTI);
    inst *in = NULL;
    if (err >= 0) {
        bool set_mode_now = g_live == 0;
        err = create_locked(name, display, &in);
        if (err < 0 && set_mode_now)
            g_mode = INST_MODE_NONE;  /* a failed create chooses nothing */
    }
    pthread_mutex_unlock(&g_mu);
    if (err >= 0)
        *out = in->handle;
    return err;
}

JET_ERR inst_create_temp(const char *prefix, inst **out)
{
    char name[64];
    pthread_mutex_lock(&g_mu);
    bool set_mode_now = g_mode == INST_MODE_NONE;
    if (set_mode_now)
        g_mode = INST_MODE_MULTI;
    JET_ERR err = JET_errInstanceNameInUse;
    inst *in = NULL;
    for (unsigned k = 0; k <= 9999 && err == JET_errInstanceNameInUse; k++) {
        if (k == 0)
            snprintf(name, sizeof name, "%s", prefix);
        else
            snprintf(name, sizeof name, "%s%04u", prefix, k);
        err = create_locked(name, NULL, &in);
    }
    if (err >= 0)
        atomic_fetch_add(&in->refs, 1);
    else if (set_mode_now)
        g_mode = INST_MODE_NONE;
    pthread_mutex_unlock(&g_mu);
    *out = err >= 0 ? in : NULL;
    return err;
}

void inst_discard(inst *in)
{
    /* Two callers may race to discard one instance (two JetTerm calls on a
     * created instance, or JetTerm and a failing JetInit): only the one
     * that takes it out of the table drops the table's pin. */
    pthread_mutex_lock(&g_mu);
    bool removed = remove_locked(in);
    pthread_mutex_unlock(&g_mu);
    if (removed)
        inst_release(in); /* the table's pin */
}

JET_ERR inst_resolve_for_init(JET_INSTANCE *pinstance, inst **out)
{
    *out = NULL;
    bool allocate = pinstance == NULL || *pinstance == 0 || *pinstance == JET_instanceNil;
    if (allocate && pinstance != NULL)
        *pinstance = JET_instanceNil;

    pthread_mutex_lock(&g_mu);
    JET_ERR err = JET_errSuccess;
    inst *in = NULL;
    if (g_mode == INST_MODE_MULTI && pinstance == NULL) {
        err = JET_errRunningInMultiInstanceMode;
    } else if (g_mode == INST_MODE_ONE && g_one != NULL) {
        err = JET_errAlreadyInitialized;   /* one instance per process */
    } else if (g_mode == INST_MODE_MULTI && !allocate) {
        in = live_locked(*pinstance);
        if (in == NULL)
            err = JET_errInvalidParameter;
    } else {
        /* An implicit JetInit in no mode means legacy mode; in either mode
         * it allocates a new unnamed instance. */
        bool was_none = g_mode == INST_MODE_NONE;
        if (was_none)
            g_mode = INST_MODE_ONE;
        err = create_locked(NULL, NULL, &in);
        if (err < 0) {
            if (was_none)
                g_mode = INST_MODE_NONE;
        } else if (g_mode == INST_MODE_ONE) {
            g_one = in;
        }
    }
    if (err >= 0) {
        atomic_fetch_add(&in->refs, 1);
        *out = in;
    }
    pthread_mutex_unlock(&g_mu);
    return err;
}

JET_ERR inst_legacy_acquire(inst **out)
{
    pthread_mutex_lock(&g_mu);
    JET_ERR err = JET_errSuccess;
    if (g_mode == INST_MODE_MULTI)
        err = JET_errRunningInMultiInstanceMode;
    else if (g_mode == INST_MODE_NONE || g_one == NULL)
        err = JET_errInvalidParameter;
    else
        atomic_fetch_add(&g_one->refs, 1);
    *out = err >= 0 ? g_one : NULL;
    pthread_mutex_unlock(&g_mu);
    return err;
}

JET_ERR inst_snapshot(inst ***out, size_t *count)
{
    pthread_mutex_lock(&g_mu);
    inst **list = calloc(g_live ? g_live : 1, sizeof *list);
    size_t n = 0;
    if (list != NULL) {
        for (uint32_t i = 0; i < INST_SLOTS && n < g_live; i++) {
            if (g_table[i] != NULL) {
                atomic_fetch_add(&g_table[i]->refs, 1);
                list[n++] = g_table[i];
            }
        }
    }
    pthread_mutex_unlock(&g_mu);
    if (list == NULL)
        return JET_errOutOfMemory;
    *out = list;
    *count = n;
    return JET_errSuccess;
}

void inst_snapshot_free(inst **list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        inst_release(list[i]);
    free(list);
}

JET_ERR inst_path_in_use(const inst *self, const char *log_path, const char *system_path,
                         const char *temp_path)
{
    JET_ERR err = JET_errSuccess;
    pthread_mutex_lock(&g_mu);
    for (uint32_t i = 0; i < INST_SLOTS && err >= 0; i++) {
        inst *o = g_table[i];
        if (o == NULL || o == self)
            continue;
        /* ESE compares against initialised instances only, temp database
         * first, then system path, then log path (full paths). */
        pthread_mutex_lock(&o->mu);
        if (o->state == INST_RUNNING && o->log_path != NULL) {
            if (strcmp(o->temp_path, temp_path) == 0)
                err = JET_errTempPathInUse;
            else if (strcmp(o->system_path, system_path) == 0)
                err = JET_errSystemPathInUse;
            else if (strcmp(o->log_path, log_path) == 0)
                err = JET_errLogFilePathInUse;
        }
        pthread_mutex_unlock(&o->mu);
    }
    pthread_mutex_unlock(&g_mu);
    return err;
}
