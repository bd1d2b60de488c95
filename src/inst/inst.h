/*
 * inst.h: instances, sessions, the process-wide instance mode and the
 * instance API gate.
 *
 * An instance (struct inst) owns one log stream and the databases attached
 * to it; a session (struct sess) is a caller's context inside an instance.
 * Public handles (JET_INSTANCE, JET_SESID) are never pointers: they encode a
 * slot of a process-wide table plus a generation, so a bogus or stale handle
 * is recognised and answered with ESE's error instead of being dereferenced.
 *
 * Lifetime: inst_acquire()/sess_acquire() pin the object (a reference count
 * taken under the table lock); the object is freed only when it has been
 * removed from its table AND the last reference is released.  JetTerm waits
 * for every API call inside the instance to leave before tearing it down.
 */
#ifndef JETDB_INST_INST_H
#define JETDB_INST_INST_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "esent.h"
#include "event/event.h"

struct par_store;      /* system parameter values, see param.h */
struct os_file;
struct db_set;         /* the instance's attached databases (src/db) */
struct db_sess;        /* a session's open databases (src/db) */
struct log;            /* the instance's log stream (src/log) */
struct bk_state;       /* the instance's backup state (src/backup) */
struct vs;             /* the instance's version store (src/txn/ver.h) */

/* The process-wide mode, decided by the first API call that needs one. */
typedef enum inst_mode {
    INST_MODE_NONE = 0,   /* nothing has chosen yet */
    INST_MODE_ONE,        /* legacy single-instance (Windows 2000) mode */
    INST_MODE_MULTI,      /* JetCreateInstance / JetEnableMultiInstance */
} inst_mode;

/* Life cycle of an instance.  Transitions happen under inst->mu. */
typedef enum inst_state {
    INST_CREATED = 0,     /* allocated; only parameters may be set */
    INST_INITIALIZING,    /* inside JetInit (API locked) */
    INST_RUNNING,         /* JetInit succeeded */
    INST_TERMINATING,     /* inside JetTerm (API locked) */
    INST_RESTORING,       /* inside a restore (API locked) */
} inst_state;

typedef struct inst {
    JET_INSTANCE handle;          /* the public handle of this instance */
    uint32_t slot;                /* index in the instance table */
    atomic_int refs;              /* pins: table entry + API calls in flight */

    pthread_mutex_t mu;           /* guards everything below */
    pthread_cond_t cond;          /* signalled when refs / gate calls drop */
    inst_state state;
    char *name;                   /* unique per process; NULL is one valid name */
    char *display_name;           /* as given, or NULL */
    bool stop_service;            /* JetStopService(Instance): gate refuses */
    JET_GRBIT stop_bits;          /* resumable JetStopServiceInstance2 bits in force */
    JET_ERR unavailable;          /* fatal error that made it unusable, or 0 */
    bool backup_allowed;          /* set when JetInit has fully succeeded */
    bool stop_backup;             /* JetStopBackup(Instance) requested */
    /* The gate (gate.c): INST_GATE_OPEN while the instance is running and
     * not stopped (set by inst_gate_sync_locked under mu), low bits = API
     * calls inside the gate.  Lock-free on the open path. */
    atomic_uint_least64_t gate;
    int sessions;                 /* open sessions */
    struct par_store *params;     /* per-instance system parameters */
    struct os_file *log_lock;     /* exclusive lock on the log stream's files */
    char *log_path;               /* absolute folders/file, fixed by JetInit */
    char *system_path;
    char *temp_path;
    struct db *temp_db;           /* temporary database (src/catalog/cat_tempdb.c), made
                                     at the first temporary table, gone at JetTerm */
    char base_name[8];            /* JET_paramBaseName at JetInit */
    uint64_t init_started_ns;     /* for the "started in N seconds" event */
    struct log *log;              /* NULL until JetInit, and with recovery off */
    struct db_set *dbs;           /* attached databases, created by JetInit */
    struct bk_state *bk;          /* backup state (src/backup owns it) */
    struct vs *vs;                /* version store: JetInit .. JetTerm (storage.c) */
    ev_source ev;                 /* event source of the log (lives with the instance) */
    char ev_name[256], ev_source_name[260];
    pthread_t ckpt_thread;        /* the checkpointer (storage.c) */
    bool ckpt_running;            /* ckpt_thread exists; guarded by mu */
    bool ckpt_stop;               /* asks it to exit; guarded by mu */
    pthread_cond_t ckpt_cond;     /* wakes it early (stop, log roll) */
    pthread_rwlock_t op_lock;     /* shared: an operation logging + dirtying;
                                     exclusive: the checkpoint reading the log end */
} inst;

#define INST_GATE_OPEN ((uint_least64_t)1 << 63)
#define INST_GATE_CALLS (INST_GATE_OPEN - 1)

/* Session objects are never freed: a released one is reset and kept for
 * the next JetBeginSession (sess.c), so a lookup may pin one without a
 * lock and then check its handle. */
typedef struct sess {
    _Atomic JET_SESID handle;
    uint32_t slot;
    atomic_int refs;              /* 0: free (in the pool) */
    struct sess *next_free;       /* pool link; guarded by the session table lock */
    inst *owner;                  /* pinned for the session's lifetime */
    atomic_ullong thread;         /* thread using the session now (0 = none) */
    atomic_int depth;             /* nested entries by that thread */
    atomic_uintptr_t context;     /* JetSetSessionContext value, 0 = none */
    atomic_ullong context_thread; /* thread that set the context */
    char *user;                   /* JetBeginSession user name (unused by ESENT) */
    struct db_sess *dbs;          /* databases this session opened (src/db) */
    struct vtx *vtx;              /* ISAM transaction (src/txn/ver.c), NULL = none */
} sess;

/* ---- process-wide mode ------------------------------------------------- */
inst_mode inst_get_mode(void);
/* Set the mode when none is set; JET_errRunningInOneInstanceMode /
 * JET_errRunningInMultiInstanceMode when the other one is already in force. */
JET_ERR inst_require_mode(inst_mode want);
/* The process-wide (global) parameter store: defaults for new instances and
 * the values of global-scope parameters. */
struct par_store *inst_global_params(void);

/* Pin the one instance of single-instance mode (legacy, instance-less
 * APIs): JET_errRunningInMultiInstanceMode in multi-instance mode,
 * JET_errInvalidParameter when no mode is chosen or no instance exists. */
JET_ERR inst_legacy_acquire(inst **out);

/* ---- life cycle ---------------------------------------------------------- */
/* JetCreateInstance2: sets multi-instance mode, checks name uniqueness and
 * JET_paramMaxInstances, returns the new handle. */
JET_ERR inst_create(const char *name, const char *display, JET_INSTANCE *out);
/* Take an instance out of the table and drop the table's pin. */
void inst_discard(inst *in);
/* JetInit's instance (ESE's JetInitEx rules): a new unnamed instance when
 * pinstance is NULL/0/nil (legacy mode is chosen when no mode is set), else
 * the live instance *pinstance names.  Pinned. */
JET_ERR inst_resolve_for_init(JET_INSTANCE *pinstance, inst **out);
/* Pin every instance in the table (JetGetInstanceInfo). */
JET_ERR inst_snapshot(inst ***out, size_t *count);
void inst_snapshot_free(inst **list, size_t count);
/* ESE's in-process path checks: another active instance already uses the
 * same log stream, system path or temp database. */
JET_ERR inst_path_in_use(const inst *self, const char *log_path, const char *system_path,
                         const char *temp_path);

/* JetGetInstanceInfo: every allocated instance, in one block for
 * JetFreeBuffer; names in UTF-8 (width 0) or wide (2 or 4). */
JET_ERR inst_get_info(uint32_t *pcount, JET_INSTANCE_INFO_A **pinfo, size_t width);

/* Describe an instance as an event source for ev_emit (name_buf receives
 * its display name or name). */
struct ev_source;
void inst_event_source(inst *in, struct ev_source *src, char *name_buf, size_t cb);

/* Storage side of JetInit / JetTerm (storage.c): open the log, recover,
 * start the checkpointer; and the reverse.  storage_stop's clean = the
 * databases get clean headers and the log its TERM record. */
JET_ERR inst_storage_start(inst *in, JET_GRBIT grbit);
JET_ERR inst_storage_stop(inst *in, bool clean);
/* The log_config of an instance's log stream, from its paths and
 * parameters (JetInit; restore overrides the base name and name style). */
struct log_config;
void inst_log_config(inst *in, struct log_config *cfg);
/* Give the process-wide cache the budget of in's JET_paramCacheSizeMin/Max
 * (the maximum capped at a quarter of physical memory); JetInit and
 * restore call it before they use the cache. */
void inst_set_cache_budget(inst *in);
/* Advance the checkpoint now: write the pages the log no longer needs to
 * protect, update database headers, rewrite the checkpoint file. */
JET_ERR inst_checkpoint(inst *in);

/* Restore (src/restore) runs on a created, uninitialised instance: it
 * resolves the instance's folders and takes its log-stream lock exactly as
 * JetInit does (life.c), and releases them again when it is done. */
JET_ERR inst_files_prepare(inst *in);
void inst_files_release(inst *in);
/* A temporary instance for a restore (ESE's "Restore" instance): named
 * prefix, or prefix + a 4-digit counter when that name is taken; sets
 * multi-instance mode when no mode is chosen yet.  Returned pinned; free it
 * with inst_discard + inst_release. */
JET_ERR inst_create_temp(const char *prefix, inst **out);

/* ESE's error for an instance whose API is locked (init, term, restore in
 * progress); JET_errSuccess for the other states. */
JET_ERR inst_lock_error(inst_state state);
/* Claim a created, uninitialised instance for JetInit or a restore (state
 * becomes `to`); JET_errAlreadyInitialized or the lock error otherwise. */
JET_ERR inst_claim_created(inst *in, inst_state to);

/* JetInit3 after argument checks (life.c). */
JET_ERR inst_init(JET_INSTANCE *pinstance, const JET_RSTINFO_A *rstinfo, JET_GRBIT grbit);
/* JetTerm2 after argument checks. */
JET_ERR inst_term(JET_INSTANCE handle, JET_GRBIT grbit);
/* JetStopServiceInstance (legacy = the old form) / JetStopServiceInstance2. */
JET_ERR inst_stop_service(inst *in, JET_GRBIT grbit, bool old_form);
/* JetStopBackupInstance: raise the stop flag a running backup checks;
 * JET_errInvalidParameter when the instance is not running. */
JET_ERR inst_stop_backup(inst *in);

/* ---- handles ------------------------------------------------------------ */
/* Pin the instance behind a handle, with no state check (ESE's lookup).
 * validate: a handle other than 0/JET_instanceNil that names no live
 * instance → JET_errInvalidInstance (esent.dll's handle validation).  Then:
 * single-instance mode ignores the handle and returns the one instance;
 * multi-instance mode needs a live handle; otherwise → JET_errInvalidParameter. */
JET_ERR inst_acquire(JET_INSTANCE handle, bool validate, inst **out);
void inst_release(inst *in);
/* The instance API gate of ese-backup-semantics.md §4.4: lookup, stop-service,
 * unavailable, API locked (term/restore/init), not initialised.  On success
 * the instance is pinned and counted as "API call in flight" until
 * inst_gate_leave(). */
JET_ERR inst_gate_enter(JET_INSTANCE handle, inst **out);
void inst_gate_leave(inst *in);

/* Pin a session; JET_errInvalidSesid for anything that is not a live session. */
JET_ERR sess_acquire(JET_SESID handle, sess **out);
void sess_release(sess *s);
/* Claim the session for the calling thread: JET_errSessionSharingViolation if
 * another thread is using it right now.  Pair with sess_exit(). */
JET_ERR sess_enter(sess *s);
void sess_exit(sess *s);

/* What a session API needs in one step: pin the session, pass the instance
 * gate (flags below) and claim the session for this thread. */
enum {
    GATE_IGNORE_STOP_SERVICE = 0x1,  /* APIs that still work after a stop */
    GATE_WITHOUT_INIT = 0x2,         /* also admits a created, uninitialised
                                        instance (system parameters) */
};
/* The gate for an instance the caller has pinned already; pair with
 * inst_gate_leave_pinned(). */
JET_ERR inst_gate_enter_pinned(inst *in, unsigned flags);
/* Open or close the gate's lock-free path to match state / stop_service /
 * unavailable; call under mu after changing any of them. */
void inst_gate_sync_locked(inst *in);
/* Instance-level API calls inside the gate now (JetTerm waits, under mu,
 * for 0 and for no session to be claimed). */
uint64_t inst_gate_calls_locked(inst *in);
void inst_gate_leave_pinned(inst *in);
JET_ERR sess_gate_enter(JET_SESID handle, unsigned flags, sess **out);
/* Whether a session of in is claimed by a thread now (inside an API call). */
bool sess_any_claimed(const inst *in);
void sess_gate_leave(sess *s);

/* JetBeginSession / JetDupSession / JetEndSession after argument checks. */
JET_ERR sess_begin(inst *in, const char *user, JET_SESID *out);
JET_ERR sess_end(sess *s);
/* JetSetSessionContext / JetResetSessionContext. */
JET_ERR sess_set_context(sess *s, JET_API_PTR context);
JET_ERR sess_reset_context(sess *s);
/* Force-end every session of an instance (abrupt JetTerm). */
void sess_end_all(inst *in);

#endif
