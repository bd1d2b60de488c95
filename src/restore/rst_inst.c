/*
 * rst_inst.c: the instance side of a restore (ese-backup-semantics.md §5.1,
 * §5.8) — which instance restores (a temporary "Restore" instance, the
 * caller's created instance, or single-instance mode's one), the API lock
 * (the instance is INST_RESTORING, so every other call on it answers
 * JET_errRestoreInProgress), its folders and log-stream lock (as JetInit
 * takes them), events 204/205/454 and the JET_snpRestore notifications.
 */
#include "restore/rst_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inst/param.h"
#include "os/os.h"
#include "util/err.h"

/* ESE's length limit of a backup path (characters, with the NUL). */
#define RST_PATH_MAX 259u

void rst_event(rst_job *j, uint32_t id, uint32_t type, uint32_t n, const char *const *s)
{
    ev_emit(&j->in->ev, EV_CAT_LOGGING_RECOVERY, id, type, JET_EventLoggingLevelMin, n, s);
}

void rst_status(rst_job *j, JET_SNT snt, uint32_t pct)
{
    if (j->pfn == NULL)
        return;
    JET_SNPROG p = { sizeof p, pct, 100 };
    /* ESE ignores what the callback returns for JET_snpRestore. */
    (void)j->pfn(JET_sesidNil, JET_snpRestore, snt, &p);
}

void rst_progress(rst_job *j, uint64_t units)
{
    j->units_done += units;
    if (j->units_done > j->units_total)
        j->units_done = j->units_total;
    uint32_t pct = j->units_total ? (uint32_t)(j->units_done * 100 / j->units_total) : 100;
    if (pct > j->pct) {
        j->pct = pct;
        rst_status(j, JET_sntProgress, pct);
    }
}

/* Lock the instance's API for the restore: only a created, uninitialised
 * instance may restore. */
static JET_ERR begin_restoring(inst *in)
{
    return inst_claim_created(in, INST_RESTORING);
}

/* The instance is uninitialised again: JetInit is the next step. */
static void end_restoring(inst *in)
{
    pthread_mutex_lock(&in->mu);
    in->state = INST_CREATED;
    pthread_cond_broadcast(&in->cond);
    pthread_mutex_unlock(&in->mu);
}

/* Give the instance its event source (JetInit does the same). */
static void event_source(inst *in)
{
    inst_event_source(in, &in->ev, in->ev_name, sizeof in->ev_name);
    par_str(in, JET_paramEventSource, in->ev_source_name, sizeof in->ev_source_name);
    in->ev.source = in->ev_source_name;
}

/* Run a restore on a pinned instance: lock, folders, the procedure, events. */
static JET_ERR restore_on(inst *in, rst_job *j, const char *src)
{
    CALL(begin_restoring(in));
    event_source(in);
    j->in = in;
    JET_ERR err = inst_files_prepare(in);
    if (err >= 0) {
        memcpy(j->base, in->base_name, sizeof j->base);
        j->legacy = (unsigned)par_num(in, JET_paramLegacyFileNames);
        err = rst_run(j, src);
        if (err < 0) {
            char code[16];
            snprintf(code, sizeof code, "%d", (int)err);
            const char *s[] = { code };
            rst_event(j, RST_EV_FAILED, JETDB_EVENT_ERROR, 1, s);
        }
        rst_event(j, RST_EV_STOP, JETDB_EVENT_INFORMATION, 0, NULL);
        if (in->log != NULL) {
            (void)log_close(in->log, false);
            in->log = NULL;
        }
        inst_files_release(in);
    }
    end_restoring(in);
    return err;
}

/* Free what a job owns. */
static void job_free(rst_job *j)
{
    rst_dbs_free(j);
    free(j->R);
    free(j->dest);
    free(j->tgt_log);
}

/* JetRestore(2)'s destination: made absolute, created when allowed. */
static JET_ERR resolve_dest(inst *in, const char *dest, char **out)
{
    *out = NULL;
    if (dest == NULL)
        return JET_errSuccess;
    CALL(os_path_absolute(dest, out));
    JET_ERR err = JET_errSuccess;
    if (!os_is_dir(*out)) {
        if (par_num(in, JET_paramCreatePathIfNotExist) != 0 && !os_exists(*out))
            err = os_mkdir_p(*out);
        else
            err = JET_errInvalidPath;
    }
    if (err < 0) {
        free(*out);
        *out = NULL;
    }
    return err;
}

/* JetRestore(2)/JetRestoreInstance on one pinned instance. */
static JET_ERR restore_folder(inst *in, const char *src, const char *dest, JET_PFNSTATUS pfn)
{
    rst_job j;
    memset(&j, 0, sizeof j);
    j.pfn = pfn;
    /* The instance's own checks come first (JET_errAlreadyInitialized). */
    pthread_mutex_lock(&in->mu);
    inst_state st = in->state;
    pthread_mutex_unlock(&in->mu);
    if (st == INST_RUNNING)
        return JET_errAlreadyInitialized;
    if (src == NULL)
        return JET_errInvalidParameter;
    if (strlen(src) >= RST_PATH_MAX)
        return JET_errInvalidPath;
    JET_ERR err = resolve_dest(in, dest, &j.dest);
    if (err >= 0)
        err = restore_on(in, &j, src);
    job_free(&j);
    return err;
}

/* A temporary instance restores, then disappears. */
static JET_ERR restore_temp(const char *src, const char *dest, JET_PFNSTATUS pfn)
{
    inst *in;
    CALL(inst_create_temp("Restore", &in));
    JET_ERR err = restore_folder(in, src, dest, pfn);
    inst_discard(in);
    inst_release(in);
    return err;
}

JET_ERR rst_restore_instance(JET_INSTANCE instance, const char *src, const char *dest,
                             JET_PFNSTATUS pfn)
{
    if (instance == 0 || instance == JET_instanceNil)
        return restore_temp(src, dest, pfn);
    inst *in;
    CALL(inst_acquire(instance, true, &in));
    JET_ERR err = restore_folder(in, src, dest, pfn);
    inst_release(in);
    return err;
}

JET_ERR rst_restore_legacy(const char *src, const char *dest, JET_PFNSTATUS pfn)
{
    CALL(inst_require_mode(INST_MODE_ONE));
    inst *in;
    if (inst_legacy_acquire(&in) < 0)
        return restore_temp(src, dest, pfn);
    JET_ERR err = restore_folder(in, src, dest, pfn);
    inst_release(in);
    return err;
}

/* JetExternalRestore2's target (§5.8 step 3): the instance of this
 * process named target_name, or the one whose log folder is target_log;
 * *out is it, pinned, when it is running, else NULL.  A name that names no
 * running instance → JET_errBadRestoreTargetInstance. */
static JET_ERR find_target(const rst_ext_args *a, inst **out)
{
    *out = NULL;
    if (a->target_name == NULL && a->target_log == NULL)
        return JET_errSuccess;
    char *abs = NULL;
    if (a->target_log != NULL)
        CALL(os_path_absolute(a->target_log, &abs));
    inst **list = NULL;
    size_t n = 0;
    JET_ERR err = inst_snapshot(&list, &n);
    for (size_t i = 0; i < n && err >= 0 && *out == NULL; i++) {
        inst *o = list[i];
        pthread_mutex_lock(&o->mu);
        bool match = a->target_name != NULL
                         ? o->name != NULL && strcmp(o->name, a->target_name) == 0
                         : o->log_path != NULL && strcmp(o->log_path, abs) == 0;
        if (match && o->state == INST_RUNNING) {
            atomic_fetch_add(&o->refs, 1);   /* pinned by the snapshot already */
            *out = o;
        }
        pthread_mutex_unlock(&o->mu);
    }
    inst_snapshot_free(list, n);
    free(abs);
    CALL(err);
    if (*out == NULL && a->target_name != NULL)
        return JET_errBadRestoreTargetInstance;
    return JET_errSuccess;
}

/* The restore's record in a running target: a forced roll, then a record
 * that opens the new generation; everything the target logged before it
 * is in generations up to *T, which are complete and archived.  The
 * target must use the restore's base name (JET_errBadRestoreTargetInstance)
 * and is ignored (*used false, nothing logged) when it keeps no logs to
 * replay (circular logging, or recovery off).  *log_path: its log folder. */
static JET_ERR mark_target(inst *t, const char *base, bool *used, uint32_t *T, char **log_path)
{
    *used = false;
    *log_path = NULL;
    /* A target that is stopping or failed is no target. */
    if (inst_gate_enter_pinned(t, GATE_IGNORE_STOP_SERVICE) < 0)
        return JET_errBadRestoreTargetInstance;
    JET_ERR err = JET_errSuccess;
    if (strcmp(t->base_name, base) != 0) {
        err = JET_errBadRestoreTargetInstance;
        goto done;
    }
    if (t->log == NULL || par_num(t, JET_paramCircularLog) != 0)
        goto done;
    *log_path = strdup(t->log_path);
    if (*log_path == NULL) {
        err = JET_errOutOfMemory;
        goto done;
    }
    static const char text[] = "external restore into this instance";
    uint8_t rec[LOG_REC_HDR_SIZE + sizeof text];
    log_rec_hdr h;
    log_rec_init(&h, LOG_REC_TRACE, (uint32_t)sizeof rec, 0, 0);
    memcpy(rec, &h, LOG_REC_HDR_SIZE);
    memcpy(rec + LOG_REC_HDR_SIZE, text, sizeof text);
    log_lsn lsn = 0;
    CHECK(log_roll(t->log));
    CHECK(log_append(t->log, rec, sizeof rec, &lsn));
    CHECK(log_flush(t->log, lsn));
    *T = log_lsn_gen(lsn) - 1;
    *used = true;
done:
    inst_gate_leave_pinned(t);
    if (!*used) {
        free(*log_path);
        *log_path = NULL;
    }
    return err;
}

/* Set a folder parameter of the temporary instance (with a trailing '/'). */
static JET_ERR set_folder(inst *in, uint32_t id, const char *path)
{
    char *abs = NULL;
    CALL(os_path_absolute(path, &abs));
    size_t n = strlen(abs);
    char *v = malloc(n + 2);
    if (v == NULL) {
        free(abs);
        return JET_errOutOfMemory;
    }
    snprintf(v, n + 2, "%s/", abs);
    free(abs);
    JET_ERR err = par_force(in, id, 0, v);
    free(v);
    return err;
}

/* Fill the job of an external restore from the caller's arguments. */
static JET_ERR external_job(const rst_ext_args *a, rst_job *j)
{
    CALL(os_path_absolute(a->backup_path, &j->R));
    j->dbs = calloc(a->nmap ? a->nmap : 1, sizeof *j->dbs);
    if (j->dbs == NULL)
        return JET_errOutOfMemory;
    for (size_t i = 0; i < a->nmap; i++) {
        rst_db *d = &j->dbs[j->ndbs++];
        if (a->map[i].from == NULL || a->map[i].to == NULL)
            return JET_errInvalidParameter;
        d->from = strdup(a->map[i].from);
        if (d->from == NULL)
            return JET_errOutOfMemory;
        CALL(os_path_absolute(a->map[i].to, &d->dst));
        CALL(rst_generic_of(a->map[i].from, &d->generic));
    }
    return JET_errSuccess;
}

/* The generation range of an external restore: as given, 0 = found. */
static JET_ERR external_range(rst_job *j, const rst_ext_args *a)
{
    uint32_t lo = 0, hi = 0;
    if (os_is_dir(j->R))
        CALL(log_gen_range(j->R, j->base, j->legacy, &lo, &hi));
    if (a->gen_low != 0)
        lo = a->gen_low;
    if (a->gen_high != 0)
        hi = a->gen_high;
    if (lo == 0 || hi == 0) {
        const char *s[] = { j->R };
        rst_event(j, RST_EV_FILE_NOT_FOUND, JETDB_EVENT_ERROR, 1, s);
        return JET_errFileNotFound;
    }
    if (lo > hi)
        return JET_errInvalidParameter;
    j->lo = lo;
    j->hi = hi;
    return JET_errSuccess;
}

/* The external restore on its temporary instance; t: a running target
 * (pinned) or NULL. */
static JET_ERR external_on(inst *in, const rst_ext_args *a, inst *t, bool *into_target)
{
    *into_target = false;
    const char *sys = a->ckpt_path, *log = a->log_path;
    if (a->target_log != NULL && t == NULL) {
        /* A target given by its folders, not running: the restore runs in
         * them (as documented; ESE swaps the two internally). */
        sys = a->target_ckpt;
        log = a->target_log;
    }
    if (sys == NULL || log == NULL || a->backup_path == NULL)
        return JET_errInvalidParameter;
    if (a->base != NULL)
        CALL(par_force(in, JET_paramBaseName, 0, a->base));

    rst_job j;
    memset(&j, 0, sizeof j);
    j.external = true;
    j.pfn = a->pfn;
    j.in = in;
    JET_ERR err = JET_errSuccess;
    char base[8];
    par_str(in, JET_paramBaseName, base, sizeof base);
    if (t != NULL) {
        err = mark_target(t, base, &j.target, &j.T, &j.tgt_log);
        /* Its logs are read with its own file names. */
        if (err >= 0 && j.target)
            err = par_force(in, JET_paramLegacyFileNames,
                            par_num(t, JET_paramLegacyFileNames), NULL);
    }
    if (err >= 0)
        err = set_folder(in, JET_paramSystemPath, sys);
    if (err >= 0)
        err = set_folder(in, JET_paramLogFilePath, log);
    if (err >= 0)
        err = set_folder(in, JET_paramTempPath, sys);
    if (err >= 0)
        err = par_force(in, JET_paramCreatePathIfNotExist, 1, NULL);
    if (err >= 0)
        err = external_job(a, &j);
    if (err >= 0) {
        /* The range needs the base name and file-name style of the instance. */
        memcpy(j.base, base, sizeof j.base);
        j.legacy = (unsigned)par_num(in, JET_paramLegacyFileNames);
        event_source(in);
        err = external_range(&j, a);
    }
    if (err >= 0)
        err = restore_on(in, &j, NULL);
    *into_target = j.target;
    job_free(&j);
    return err;
}

JET_ERR rst_external(const rst_ext_args *a)
{
    if ((a->target_log == NULL) != (a->target_ckpt == NULL))
        return JET_errInvalidParameter;
    if (a->target_name != NULL && a->target_log != NULL)
        return JET_errInvalidParameter;
    CALL(inst_require_mode(INST_MODE_MULTI));
    inst *t;
    CALL(find_target(a, &t));
    /* ESE names the restore instance after a running target. */
    char prefix[48] = "Restore";
    if (t != NULL) {
        pthread_mutex_lock(&t->mu);
        const char *tn = t->display_name != NULL ? t->display_name : t->name;
        if (tn != NULL)
            snprintf(prefix, sizeof prefix, "%.30s - Restore", tn);
        pthread_mutex_unlock(&t->mu);
    }
    inst *in;
    JET_ERR err = inst_create_temp(prefix, &in);
    bool into_target = false;
    if (err >= 0) {
        err = external_on(in, a, t, &into_target);
        inst_discard(in);
        inst_release(in);
    }
    if (t != NULL)
        inst_release(t);
    if (err >= 0 && into_target)
        err = JET_wrnTargetInstanceRunning;
    return err;
}
