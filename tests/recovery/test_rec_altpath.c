/*
 * test_rec_altpath.c: JET_paramAlternateDatabaseRecoveryPath — soft
 * recovery of a crashed log stream whose database was moved to another
 * folder (what `esentutl /r edb /d<folder>` and `jetutil /r` rely on).
 *
 * ESE looks for every database the log names only in the alternate folder,
 * under the file name the log recorded; without the parameter the original
 * path is used and a database that is not there is skipped.
 */
#include "core_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "log/log.h"

#define ROWS 1200u

typedef struct fixture {
    char *root;
    char *inst;     /* the log stream and the original database folder */
    char *moved;    /* where the database is moved after the crash */
    char *orig_db, *moved_db;
    uint32_t objid;
} fixture;

/* A crashed instance in root/inst with ROWS committed rows in core.edb. */
static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->root = tu_mkdtemp("rec_altpath");
    f->inst = tu_path(f->root, "inst");
    f->moved = tu_path(f->root, "moved");
    f->orig_db = tu_path(f->inst, "core.edb");
    f->moved_db = tu_path(f->moved, "core.edb");
    assert_int_equal(mkdir(f->inst, 0755), 0);
    assert_int_equal(mkdir(f->moved, 0755), 0);
    core_env e;
    core_open(&e, f->inst, true);
    txn *t;
    assert_jet_ok(txn_begin(e.log, &t));
    assert_jet_ok(st_tree_create(e.st, txn_id(t), &f->objid));
    assert_jet_ok(txn_commit(t, false, NULL));
    bt_tree *bt;
    assert_jet_ok(st_tree_open(e.st, f->objid, &bt));
    for (uint64_t next = 0; next < ROWS; next += 300) {
        assert_jet_ok(txn_begin(e.log, &t));
        assert_jet_ok(core_insert_rows(bt, txn_id(t), next, 300));
        assert_jet_ok(txn_commit(t, false, NULL));
    }
    assert_jet_ok(log_flush(e.log, LOG_LSN_ALL));
    core_close(&e, JET_bitTermDirty);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    tu_rmtree(f->root);
    free(f->root);
    free(f->inst);
    free(f->moved);
    free(f->orig_db);
    free(f->moved_db);
    free(f);
    return 0;
}

/* The dbstate in the header of the database at path. */
static uint32_t file_dbstate(const char *path)
{
    JET_DBINFOMISC m;
    memset(&m, 0, sizeof m);
    assert_jet_ok(JetGetDatabaseFileInfoA(path, &m, sizeof m, JET_DbInfoMisc));
    return m.dbstate;
}

/* JetInit + JetTerm on the stream in f->inst (soft recovery), with the
 * alternate folder alt (NULL: parameter not set). */
static JET_ERR recover(const fixture *f, const char *alt)
{
    char folder[600];
    snprintf(folder, sizeof folder, "%s/", f->inst);
    JET_INSTANCE in = 0;
    JetDbSetEventCallback(NULL, NULL, JETDB_bitEventNoSyslog);
    JET_ERR err = JetCreateInstanceA(&in, "altpath");
    if (err >= 0)
        err = JetSetSystemParameterA(&in, 0, JET_paramSystemPath, 0, folder);
    if (err >= 0)
        err = JetSetSystemParameterA(&in, 0, JET_paramLogFilePath, 0, folder);
    if (err >= 0)
        err = JetSetSystemParameterA(&in, 0, JET_paramTempPath, 0, folder);
    if (err >= 0)
        err = JetSetSystemParameterA(&in, 0, JET_paramLogFileSize, 128, NULL);
    if (err >= 0 && alt != NULL)
        err = JetSetSystemParameterA(&in, 0, JET_paramAlternateDatabaseRecoveryPath, 0, alt);
    if (err >= 0)
        err = JetInit(&in);
    if (err >= 0) {
        /* set once JetInit ran: refused, the value stays */
        assert_jet(JET_errAlreadyInitialized,
                   JetSetSystemParameterA(&in, 0, JET_paramAlternateDatabaseRecoveryPath, 0,
                                          "/tmp"));
        err = JetTerm(in);
    }
    return err;
}

/* Every committed row is in the (clean) database at f->orig_db. */
static void check_rows(const fixture *f)
{
    core_env e;
    core_open(&e, f->inst, false);
    bt_tree *bt;
    assert_jet_ok(st_tree_open(e.st, f->objid, &bt));
    for (uint64_t i = 0; i < ROWS; i++)
        assert_int_equal(core_row_state(bt, i), 1);
    assert_int_equal(core_row_state(bt, ROWS), 0);
    core_close(&e, 0);
}

/* The database moved after the crash: recovery finds it in the alternate
 * folder, replays it to Clean Shutdown, and it attaches with every row. */
static void test_moved_db_recovered(void **state)
{
    fixture *f = *state;
    assert_int_equal(file_dbstate(f->orig_db), JET_dbstateDirtyShutdown);
    assert_int_equal(rename(f->orig_db, f->moved_db), 0);
    /* the folder given with or without its final '/' */
    char alt[600];
    snprintf(alt, sizeof alt, "%s", f->moved);
    assert_jet_ok(recover(f, alt));
    assert_int_equal(file_dbstate(f->moved_db), JET_dbstateCleanShutdown);
    assert_false(tu_exists(f->orig_db));
    /* back at its place, it attaches to the stream with every row */
    assert_int_equal(rename(f->moved_db, f->orig_db), 0);
    check_rows(f);
}

/* Without the parameter the database is looked for at the path the log
 * names: a moved database is skipped and stays dirty. */
static void test_moved_db_skipped_without_param(void **state)
{
    fixture *f = *state;
    assert_int_equal(rename(f->orig_db, f->moved_db), 0);
    assert_jet_ok(recover(f, NULL));
    assert_int_equal(file_dbstate(f->moved_db), JET_dbstateDirtyShutdown);
}

/* With the parameter the original place is not looked at: a database that
 * did not move, with an alternate folder that does not hold it, is skipped. */
static void test_alt_folder_only(void **state)
{
    fixture *f = *state;
    char alt[600];
    snprintf(alt, sizeof alt, "%s/", f->moved);
    assert_jet_ok(recover(f, alt));
    assert_int_equal(file_dbstate(f->orig_db), JET_dbstateDirtyShutdown);
    assert_false(tu_exists(f->moved_db));
}

/* A trailing-slash-free folder given with the parameter reads back as a
 * folder (with its '/'), as every folder parameter does. */
static void test_param_reads_back(void **state)
{
    (void)state;
    JET_INSTANCE in = 0;
    assert_jet_ok(JetCreateInstanceA(&in, "altpath-get"));
    assert_jet_ok(JetSetSystemParameterA(&in, 0, JET_paramAlternateDatabaseRecoveryPath, 0,
                                         "/srv/dbs"));
    char buf[256] = "";
    JET_API_PTR num = 0;
    assert_jet_ok(JetGetSystemParameterA(in, 0, JET_paramAlternateDatabaseRecoveryPath, &num,
                                         buf, sizeof buf));
    assert_string_equal(buf, "/srv/dbs/");
    assert_jet_ok(JetTerm(in));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_moved_db_recovered, setup, teardown),
        cmocka_unit_test_setup_teardown(test_moved_db_skipped_without_param, setup, teardown),
        cmocka_unit_test_setup_teardown(test_alt_folder_only, setup, teardown),
        cmocka_unit_test(test_param_reads_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
