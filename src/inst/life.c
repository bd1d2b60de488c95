/*
 * life.c: JetInit / JetTerm / JetStopService* / JetStopBackupInstance for
 * one instance — state transitions, folders, the log-stream lock, events.
 *
 * JetInit at this stage prepares the instance's folders and takes the lock
 * on its log stream; the storage core (log files, checkpoint, recovery)
 * hooks in between the folder checks and "running".
 */
#include "inst/inst.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backup/backup.h"
#include "event/event.h"
#include "inst/param.h"
#include "os/os.h"
#include "txn/ver.h"
#include "util/err.h"

/* Extension of the per-log-stream lock file, <log folder>/<base>.jlk. */
#define INST_LOCK_EXT ".jlk"

/* The instance's name as events show it (ESE's %4 of 102..105). */
static const char *inst_label(const inst *in)
{
    return in->name != NULL ? in->name : "";
}

void inst_event_source(inst *in, ev_source *src, char *name_buf, size_t cb)
{
    memset(src, 0, sizeof *src);
    src->instance = in->handle;
    name_buf[0] = '\0';
    if (in->display_name != NULL)
        snprintf(name_buf, cb, "%s", in->display_name);
    else if (in->name != NULL)
        snprintf(name_buf, cb, "%s", in->name);
    src->instance_name = name_buf;
    src->no_information = par_num(in, JET_paramNoInformationEvent) != 0;
    src->logging_level = (uint32_t)par_num(in, JET_paramEventLoggingLevel);
    /* The source string lives in the caller's buffer tail. */
    src->source = NULL;
}

/* Emit an instance event; strings are ESE's %4, %5, ... */
static void inst_event(inst *in, uint32_t id, uint32_t type, uint32_t n,
                       const char *const *strings)
{
    ev_source src;
    char name[256], source[260];
    inst_event_source(in, &src, name, sizeof name);
    par_str(in, JET_paramEventSource, source, sizeof source);
    src.source = source;
    ev_emit(&src, EV_CAT_GENERAL, id, type, JET_EventLoggingLevelMin, n, strings);
}

/* Make sure a folder exists: create it when JET_paramCreatePathIfNotExist
 * is set, else fail as ESE's file layer does for a missing folder. */
static JET_ERR ensure_folder(inst *in, const char *path)
{
    if (os_is_dir(path))
        return JET_errSuccess;
    if (os_exists(path) || par_num(in, JET_paramCreatePathIfNotExist) == 0)
        return JET_errInvalidPath;
    return os_mkdir_p(path);
}

/* Absolute path of a folder parameter. */
static JET_ERR folder_param(inst *in, uint32_t id, char **out)
{
    char raw[1024];
    par_str(in, id, raw, sizeof raw);
    return os_path_absolute(raw[0] ? raw : ".", out);
}

/* Resolve the instance's paths, create/check folders, take the lock. */
static JET_ERR prepare_files(inst *in)
{
    JET_ERR err;
    char *sys = NULL, *log = NULL, *tmp = NULL, *tmp_dir = NULL, *lock_path = NULL;
    char raw[1024], lock_name[32];
    os_file *lock = NULL;

    par_str(in, JET_paramBaseName, in->base_name, sizeof in->base_name);
    CHECK(folder_param(in, JET_paramSystemPath, &sys));
    CHECK(folder_param(in, JET_paramLogFilePath, &log));

    /* JET_paramTempPath names the temporary database file; a value ending
     * in a separator names a folder that receives tmp.edb. */
    par_str(in, JET_paramTempPath, raw, sizeof raw);
    size_t n = strlen(raw);
    if (n == 0 || raw[n - 1] == '/') {
        char *dir = NULL;
        CHECK(os_path_absolute(n ? raw : ".", &dir));
        err = os_path_join(dir, "tmp.edb", &tmp);
        free(dir);
        CHECK(err);
    } else {
        CHECK(os_path_absolute(raw, &tmp));
    }
    CHECK(os_path_parent(tmp, &tmp_dir));

    CHECK(ensure_folder(in, sys));
    CHECK(ensure_folder(in, log));
    CHECK(ensure_folder(in, tmp_dir));

    /* Publish the paths first so that a concurrent JetInit of another
     * instance sees them in inst_path_in_use. */
    pthread_mutex_lock(&in->mu);
    in->system_path = sys;
    in->log_path = log;
    in->temp_path = tmp;
    pthread_mutex_unlock(&in->mu);
    sys = log = tmp = NULL;
    CHECK(inst_path_in_use(in, in->log_path, in->system_path, in->temp_path));

    /* Another process (or a handle this check missed) holding the same log
     * stream must fail here, never share the files. */
    snprintf(lock_name, sizeof lock_name, "%s%s", in->base_name, INST_LOCK_EXT);
    CHECK(os_path_join(in->log_path, lock_name, &lock_path));
    CHECK(os_lock_exclusive(lock_path, &lock));
    in->log_lock = lock;
    err = JET_errSuccess;
done:
    free(sys);
    free(log);
    free(tmp);
    free(tmp_dir);
    free(lock_path);
    return err;
}

/* Undo prepare_files after a failed JetInit or at JetTerm. */
static void release_files(inst *in)
{
    pthread_mutex_lock(&in->mu);
    os_file *lock = in->log_lock;
    char *sys = in->system_path, *log = in->log_path, *tmp = in->temp_path;
    in->log_lock = NULL;
    in->system_path = in->log_path = in->temp_path = NULL;
    pthread_mutex_unlock(&in->mu);
    os_unlock(lock);
    free(sys);
    free(log);
    free(tmp);
}

JET_ERR inst_files_prepare(inst *in)
{
    JET_ERR err = prepare_files(in);
    if (err < 0)
        release_files(in);
    return err;
}

void inst_files_release(inst *in)
{
    release_files(in);
}

JET_ERR inst_lock_error(inst_state state)
{
    switch (state) {
    case INST_INITIALIZING:
        return JET_errNotInitialized;   /* ESE: the API is locked by the init */
    case INST_TERMINATING:
        return JET_errTermInProgress;
    case INST_RESTORING:
        return JET_errRestoreInProgress;
    case INST_CREATED:
    case INST_RUNNING:
        break;
    }
    return JET_errSuccess;
}

JET_ERR inst_claim_created(inst *in, inst_state to)
{
    pthread_mutex_lock(&in->mu);
    JET_ERR err = JET_errSuccess;
    if (in->state == INST_CREATED)
        in->state = to;
    else if (in->state == INST_RUNNING)
        err = JET_errAlreadyInitialized;
    else
        err = inst_lock_error(in->state);
    pthread_mutex_unlock(&in->mu);
    return err;
}

JET_ERR inst_init(JET_INSTANCE *pinstance, const JET_RSTINFO_A *rstinfo, JET_GRBIT grbit)
{
    (void)rstinfo;   /* relocation maps for soft recovery: see compatibility.md */
    inst *in;
    CALL(inst_resolve_for_init(pinstance, &in));

    JET_ERR err = inst_claim_created(in, INST_INITIALIZING);
    if (err < 0) {
        inst_release(in);
        return err;
    }

    in->init_started_ns = os_time_mono_ns();
    char version[4][16];
    snprintf(version[0], 16, "%d", JETDB_VERSION_MAJOR);
    snprintf(version[1], 16, "%d", JETDB_VERSION_MINOR);
    snprintf(version[2], 16, "%d", JETDB_VERSION_PATCH);
    snprintf(version[3], 16, "%d", 0);
    const char *start[] = { inst_label(in), version[0], version[1], version[2], version[3] };
    inst_event(in, EV_START_INSTANCE, JETDB_EVENT_INFORMATION, 5, start);

    err = prepare_files(in);
    if (err >= 0)
        err = inst_storage_start(in, grbit);

    pthread_mutex_lock(&in->mu);
    /* A failed instance stays INITIALIZING until it is out of the table, so
     * a racing JetInit or JetTerm on its handle cannot claim it meanwhile. */
    if (err >= 0) {
        in->state = INST_RUNNING;
        in->backup_allowed = true;
        inst_gate_sync_locked(in);
    }
    pthread_mutex_unlock(&in->mu);

    if (err < 0) {
        release_files(in);
        char code[16];
        snprintf(code, sizeof code, "%d", (int)err);
        const char *failed[] = { inst_label(in), code };
        inst_event(in, EV_STOP_INSTANCE_WITH_ERROR, JETDB_EVENT_ERROR, 2, failed);
        /* As in ESE, an instance whose JetInit failed is freed, also one
         * that came from JetCreateInstance; the caller gets 0 back. */
        inst_discard(in);
        inst_release(in);
        if (pinstance != NULL)
            *pinstance = 0;
        return err;
    }

    char secs[32];
    snprintf(secs, sizeof secs, "%.3f", (double)(os_time_mono_ns() - in->init_started_ns) / 1e9);
    const char *started[] = { inst_label(in), secs };
    inst_event(in, EV_START_INSTANCE_DONE, JETDB_EVENT_INFORMATION, 2, started);
    if (pinstance != NULL)
        *pinstance = in->handle;
    inst_release(in);
    return JET_errSuccess;
}

JET_ERR inst_term(JET_INSTANCE handle, JET_GRBIT grbit)
{
    inst *in;
    CALL(inst_acquire(handle, true, &in));

    /* Backup hook (src/backup, ese-backup-semantics.md §4.3): a running
     * backup is stopped only by JET_bitTermStopBackup or an abrupt
     * termination (plain JetTerm); JetTerm2 with 0 / JET_bitTermComplete
     * refuses and the instance stays up.  (Dirty terms do not wait either.) */
    if (!(grbit & (JET_bitTermStopBackup | JET_bitTermAbrupt | JET_bitTermDirty)) &&
        bk_term_in_progress(in)) {
        inst_release(in);
        return JET_errBackupInProgress;
    }

    JET_ERR err = JET_errSuccess;
    bool was_running = false;
    pthread_mutex_lock(&in->mu);
    switch (in->state) {
    case INST_CREATED:
        /* Never initialised: claim it (a racing JetInit or JetTerm now sees
         * a termination in progress), then free it. */
        in->state = INST_TERMINATING;
        break;
    case INST_INITIALIZING:
    case INST_TERMINATING:
    case INST_RESTORING:
        err = inst_lock_error(in->state);
        break;
    case INST_RUNNING:
        was_running = true;
        in->state = INST_TERMINATING;
        in->backup_allowed = false;
        inst_gate_sync_locked(in);
        /* Wait for every API call inside the instance to leave; the gate
         * refuses new ones from now on. */
        while (inst_gate_calls_locked(in) > 0 || sess_any_claimed(in))
            pthread_cond_wait(&in->cond, &in->mu);
        /* Open sessions are ended implicitly, but open transactions make
         * a termination other than a dirty one fail with
         * JET_errTooManyActiveUsers, leaving the instance running (ESE). */
        if (!(grbit & JET_bitTermDirty) && vs_active_count(in->vs) > 0) {
            in->state = INST_RUNNING;
            in->backup_allowed = true;
            inst_gate_sync_locked(in);
            was_running = false;
            err = JET_errTooManyActiveUsers;
        }
        break;
    }
    pthread_mutex_unlock(&in->mu);
    if (err < 0) {
        inst_release(in);
        return err;
    }

    JET_ERR term_err = JET_errSuccess;
    if (was_running) {
        /* Backup hook: end a streaming backup as stopped by the server and
         * free the backup state (every API call has left by now). */
        bk_term(in);
        if (grbit & JET_bitTermDirty)
            vs_set_dirty_term(in->vs);   /* open transactions are thrown away */
        sess_end_all(in);
        term_err = inst_storage_stop(in, !(grbit & JET_bitTermDirty));
        release_files(in);
        const char *stopped[] = { inst_label(in), (grbit & JET_bitTermDirty) ? "1" : "0" };
        inst_event(in, EV_STOP_INSTANCE, JETDB_EVENT_INFORMATION, 2, stopped);
    }
    inst_discard(in);
    inst_release(in);
    if (term_err < 0)
        return term_err;   /* the instance is gone; recovery will finish the job */
    /* ESE reports a dirty termination with a (successful) error code. */
    return was_running && (grbit & JET_bitTermDirty) ? JET_errDirtyShutdown : JET_errSuccess;
}

JET_ERR inst_stop_service(inst *in, JET_GRBIT grbit, bool old_form)
{
    const JET_GRBIT resumable = JET_bitStopServiceBackgroundUserTasks |
                                JET_bitStopServiceQuiesceCaches;
    JET_ERR err = JET_errSuccess;
    pthread_mutex_lock(&in->mu);
    if (old_form) {
        in->stop_service = true;
        inst_gate_sync_locked(in);
    } else if (grbit & JET_bitStopServiceResume) {
        /* A full stop cannot be undone; resuming what is not stopped is
         * harmless. */
        JET_GRBIT which = grbit & resumable;
        if (in->stop_service)
            err = JET_errClientRequestToStopJetService;
        else
            in->stop_bits &= ~(which ? which : resumable);
    } else if (grbit == JET_bitStopServiceAll) {
        /* ESE would touch engine parts an uninitialised instance lacks. */
        if (in->state != INST_RUNNING)
            err = JET_errNotInitialized;
        else {
            in->stop_service = true;
            in->stop_bits |= resumable;
            inst_gate_sync_locked(in);
        }
    } else {
        in->stop_bits |= grbit & resumable;
    }
    pthread_mutex_unlock(&in->mu);
    return err;
}

JET_ERR inst_stop_backup(inst *in)
{
    JET_ERR err = JET_errSuccess;
    pthread_mutex_lock(&in->mu);
    if (in->state == INST_RUNNING)
        in->stop_backup = true;
    else
        err = JET_errInvalidParameter;  /* not a running instance (seed page) */
    pthread_mutex_unlock(&in->mu);
    return err;
}
