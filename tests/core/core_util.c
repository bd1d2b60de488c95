/* core_util.c: see core_util.h. */
#include "core_util.h"

#include <stdio.h>
#include <string.h>

#include "util/err.h"

void (*core_params_hook)(JET_INSTANCE inst);

struct inst *core_inst(core_env *e)
{
    sess *s;
    if (sess_acquire(e->ses, &s) < 0)
        return NULL;
    inst *in = s->owner;
    sess_release(s);
    return in;
}

JET_ERR core_try_open(core_env *e, const char *dir, bool create)
{
    memset(e, 0, sizeof *e);
    snprintf(e->dir, sizeof e->dir, "%s", dir);
    snprintf(e->dbpath, sizeof e->dbpath, "%s/core.edb", dir);
    JetDbSetEventCallback(NULL, NULL, JETDB_bitEventNoSyslog);
    char folder[600];
    snprintf(folder, sizeof folder, "%s/", dir);
    JET_ERR err;
    CALL(JetCreateInstanceA(&e->inst, "core"));
    CALL(JetSetSystemParameterA(&e->inst, 0, JET_paramSystemPath, 0, folder));
    CALL(JetSetSystemParameterA(&e->inst, 0, JET_paramLogFilePath, 0, folder));
    CALL(JetSetSystemParameterA(&e->inst, 0, JET_paramTempPath, 0, folder));
    CALL(JetSetSystemParameterA(&e->inst, 0, JET_paramCreatePathIfNotExist, 1, NULL));
    CALL(JetSetSystemParameterA(&e->inst, 0, JET_paramMaxSessions, 64, NULL));
    /* Small logs so that tests cross generations. */
    CALL(JetSetSystemParameterA(&e->inst, 0, JET_paramLogFileSize, 128, NULL));
    if (core_params_hook != NULL)
        core_params_hook(e->inst);
    err = JetInit(&e->inst);
    if (err < 0)
        return err;
    CALL(JetBeginSessionA(e->inst, &e->ses, NULL, NULL));
    if (create) {
        CALL(JetCreateDatabaseA(e->ses, e->dbpath, NULL, &e->dbid, 0));
    } else {
        CALL(JetAttachDatabaseA(e->ses, e->dbpath, 0));
        CALL(JetOpenDatabaseA(e->ses, e->dbpath, NULL, &e->dbid, 0));
    }
    sess *s;
    CALL(sess_acquire(e->ses, &s));
    err = db_pin_opened(s, e->dbid, &e->d);
    e->log = s->owner->log;
    sess_release(s);
    CALL(err);
    e->st = e->d->store;
    return e->st != NULL ? JET_errSuccess : JET_errInternalError;
}

void core_open(core_env *e, const char *dir, bool create)
{
    assert_jet_ok(core_try_open(e, dir, create));
}

void core_close(core_env *e, JET_GRBIT term)
{
    db_unpin(e->d);
    e->d = NULL;
    e->st = NULL;
    if (!(term & JET_bitTermDirty)) {
        assert_jet_ok(JetCloseDatabase(e->ses, e->dbid, 0));
        assert_jet_ok(JetEndSession(e->ses, 0));
    }
    JET_ERR err = JetTerm2(e->inst, term);
    assert_true(err == JET_errSuccess || err == JET_errDirtyShutdown);
}

void core_key(uint64_t i, char key[16])
{
    snprintf(key, 16, "k%010llu", (unsigned long long)i);
}

/* The value of row i: a few dozen bytes that depend on i. */
static size_t row_value(uint64_t i, char *val, size_t cb)
{
    return (size_t)snprintf(val, cb, "value-of-%llu-%llu", (unsigned long long)i,
                            (unsigned long long)(i * 2654435761u));
}

JET_ERR core_insert_rows(bt_tree *t, uint64_t txid, uint64_t first, uint64_t count)
{
    for (uint64_t i = first; i < first + count; i++) {
        char key[16], val[64];
        core_key(i, key);
        size_t vlen = row_value(i, val, sizeof val);
        CALL(bt_insert(t, txid, key, 11, val, vlen));
    }
    return JET_errSuccess;
}

int core_row_state(bt_tree *t, uint64_t i)
{
    char key[16], val[64], got[64];
    core_key(i, key);
    size_t vlen = row_value(i, val, sizeof val), actual = 0;
    JET_ERR err = bt_get(t, key, 11, 0, got, sizeof got, &actual);
    if (err == JET_errRecordNotFound)
        return 0;
    assert_jet_ok(err);
    assert_int_equal(actual, vlen);
    assert_memory_equal(got, val, vlen);
    return 1;
}

JET_ERR core_rollback(txn *t)
{
    return txn_rollback(t, st_undo_lookup);
}
