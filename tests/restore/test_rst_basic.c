/*
 * test_rst_basic.c: what a restore gives back — a full backup restored
 * into a fresh instance folder (exactly the rows committed before the
 * backup), roll-forward with the live log folder (every committed row,
 * nothing uncommitted), full + incremental chains (atomic and not), the
 * temporary "Restore" instance and the instance rules, JetRestore2 in
 * single-instance mode, the streaming API's files, relocation with
 * JetExternalRestore(2), status callbacks and events.
 */
#include "rst_tu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "log/log.h"
#include "os/os.h"

static char *g_dir;
static char g_live[600], g_bk[600], g_new[600];

static int setup(void **state)
{
    (void)state;
    g_dir = tu_mkdtemp("rstbasic");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_rmtree(g_dir);
    free(g_dir);
    return 0;
}

/* Fresh folders: live (the instance), bk (backups), new (restore target). */
static void fresh(void)
{
    tu_rmtree(g_dir);
    assert_int_equal(os_mkdir_p(g_dir), 0);
    rtu_join(g_live, sizeof g_live, g_dir, "live");
    rtu_join(g_bk, sizeof g_bk, g_dir, "bk");
    rtu_join(g_new, sizeof g_new, g_dir, "new");
    assert_int_equal(os_mkdir_p(g_live), 0);
}

/* Full backup, more writes; restore into a fresh folder → exactly the
 * rows of the backup; the database is clean without backup history. */
static void test_full_fresh_folder(void **state)
{
    (void)state;
    fresh();
    bkt e;
    bkt_open(&e, g_live, true);
    for (int i = 0; i < 6; i++)
        bkt_write(&e, 300);
    assert_jet_ok(JetBackupInstanceA(e.c.inst, g_bk, 0, NULL));
    uint64_t at_backup = e.next_row;
    bkt_write(&e, 500);
    bkt_close(&e);

    memset(&g_rtu_status, 0, sizeof g_rtu_status);
    bkt_events_start();
    assert_jet_ok(rtu_restore(g_new, g_bk, g_new, rtu_status_cb));
    assert_true(bkt_event_seen(204) && bkt_event_seen(205));
    assert_false(bkt_event_seen(454));
    bkt_events_stop();
    assert_int_equal(g_rtu_status.begins, 1);
    assert_int_equal(g_rtu_status.completes, 1);
    assert_true(g_rtu_status.progress >= 1);
    assert_int_equal(g_rtu_status.non_monotone, 0);
    assert_int_equal(g_rtu_status.last_pct, 100);

    char dbp[700];
    rtu_join(dbp, sizeof dbp, g_new, "core.edb");
    rtu_check_clean(dbp);
    rtu_check_rows(g_new, at_backup, at_backup + 500);
    /* The backup folder is untouched and restores again (idempotent). */
    assert_jet_ok(rtu_restore(g_new, g_bk, g_new, NULL));
    rtu_check_rows(g_new, at_backup, at_backup + 500);
    /* The restored database takes new writes and survives a restart. */
    bkt_open(&e, g_new, false);
    e.next_row = at_backup;
    bkt_write(&e, 100);
    bkt_close(&e);
    rtu_check_rows(g_new, at_backup + 100, at_backup + 500);
}

/* A crash after the backup, the database file lost: restoring into the
 * live folder (original path) rolls forward through the live logs to the
 * last committed transaction; the open transaction is undone. */
static void test_roll_forward(void **state)
{
    (void)state;
    fresh();
    bkt e;
    bkt_open(&e, g_live, true);
    for (int i = 0; i < 4; i++)
        bkt_write(&e, 300);
    assert_jet_ok(JetBackupInstanceA(e.c.inst, g_bk, 0, NULL));
    for (int i = 0; i < 8; i++)
        bkt_write(&e, 250);
    uint64_t committed = e.next_row;
    /* An uncommitted transaction whose records reach the disk. */
    bt_tree *t;
    assert_jet_ok(st_tree_open(e.c.st, e.objid, &t));
    txn *x;
    assert_jet_ok(txn_begin(e.c.log, &x));
    assert_jet_ok(core_insert_rows(t, txn_id(x), committed, 50));
    assert_jet_ok(log_flush(e.c.log, LOG_LSN_ALL));
    core_close(&e.c, JET_bitTermDirty);
    txn_forget(x);

    /* The disk holding the database is lost. */
    char dbp[700];
    rtu_join(dbp, sizeof dbp, g_live, "core.edb");
    assert_int_equal(os_unlink(dbp), 0);
    assert_jet_ok(rtu_restore(g_live, g_bk, NULL, NULL));
    rtu_check_clean(dbp);
    rtu_check_rows(g_live, committed, committed + 50);
}

/* Full + incrementals in one folder, then the same atomically: the restore
 * reaches the last incremental; later commits are not there. */
static void chain(JET_GRBIT atomic)
{
    fresh();
    bkt e;
    bkt_open(&e, g_live, true);
    bkt_write(&e, 400);
    assert_jet_ok(JetBackupInstanceA(e.c.inst, g_bk, atomic, NULL));
    for (int k = 0; k < 3; k++) {
        for (int i = 0; i < 3; i++)
            bkt_write(&e, 200);
        assert_jet_ok(JetBackupInstanceA(e.c.inst, g_bk, atomic | JET_bitBackupIncremental, NULL));
    }
    uint64_t at_last = e.next_row;
    bkt_write(&e, 300);
    bkt_close(&e);
    assert_jet_ok(rtu_restore(g_new, g_bk, g_new, NULL));
    rtu_check_rows(g_new, at_last, at_last + 300);
}

static void test_incremental_chain(void **state)
{
    (void)state;
    chain(0);
}

static void test_incremental_chain_atomic(void **state)
{
    (void)state;
    chain(JET_bitBackupAtomic);
    /* An atomic folder whose new/ vanished (crash between the renames):
     * old/ is used. */
    char n[700], o[700];
    rtu_join(n, sizeof n, g_bk, "new");
    rtu_join(o, sizeof o, g_bk, "old");
    assert_int_equal(os_rename(n, o), 0);
    tu_rmtree(g_new);
    assert_jet_ok(rtu_restore(g_new, g_bk, g_new, NULL));
}

/* Instance rules: temporary instance, initialised instance, the API lock
 * seen from a status callback, JetRestore in multi-instance mode. */
static JET_INSTANCE g_locked;
static JET_ERR g_seen_init, g_seen_term;
static JET_ERR JET_API lock_cb(JET_SESID sesid, JET_SNP snp, JET_SNT snt, void *pv)
{
    (void)sesid;
    (void)snp;
    (void)pv;
    if (snt == JET_sntBegin) {
        JET_INSTANCE i = g_locked;
        g_seen_init = JetInit(&i);
        JET_SESID s;
        g_seen_term = JetBeginSessionA(g_locked, &s, NULL, NULL);
    }
    return JET_errSuccess;
}

static void test_instance_rules(void **state)
{
    (void)state;
    fresh();
    bkt e;
    bkt_open(&e, g_live, true);
    bkt_write(&e, 300);
    assert_jet_ok(JetBackupInstanceA(e.c.inst, g_bk, 0, NULL));
    /* An initialised instance refuses; the legacy form in multi mode too. */
    assert_jet(JET_errAlreadyInitialized, JetRestoreInstanceA(e.c.inst, g_bk, g_new, NULL));
    assert_jet(JET_errRunningInMultiInstanceMode, JetRestoreA(g_bk, NULL));
    assert_jet(JET_errRunningInMultiInstanceMode, JetRestore2A(g_bk, g_new, NULL));
    bkt_close(&e);

    /* The restoring instance is locked for everything else. */
    JET_INSTANCE ri = rtu_instance(g_new);
    g_locked = ri;
    assert_jet_ok(JetRestoreInstanceA(ri, g_bk, g_new, lock_cb));
    assert_jet(JET_errRestoreInProgress, g_seen_init);
    assert_jet(JET_errRestoreInProgress, g_seen_term);
    /* Afterwards it is uninitialised: JetInit works and the database
     * attaches. */
    assert_jet_ok(JetInit(&ri));
    JET_SESID s;
    assert_jet_ok(JetBeginSessionA(ri, &s, NULL, NULL));
    char dbp[700];
    rtu_join(dbp, sizeof dbp, g_new, "core.edb");
    assert_jet_ok(JetAttachDatabaseA(s, dbp, 0));
    assert_jet_ok(JetEndSession(s, 0));
    assert_jet_ok(JetTerm(ri));

    /* NULL instance: a temporary one named "Restore" on the global
     * parameters; bad arguments. */
    tu_rmtree(g_new);
    char folder[700];
    snprintf(folder, sizeof folder, "%s/", g_new);
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramSystemPath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramLogFilePath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramTempPath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramCreatePathIfNotExist, 1, NULL));
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramLogFileSize, 128, NULL));
    assert_jet_ok(JetRestoreInstanceA(0, g_bk, g_new, NULL));
    assert_jet(JET_errInvalidParameter, JetRestoreInstanceW(JET_instanceNil, NULL, NULL, NULL));
    char longp[300];
    memset(longp, 'a', sizeof longp - 1);
    longp[sizeof longp - 1] = '\0';
    assert_jet(JET_errInvalidPath, JetRestoreInstanceA(0, longp, NULL, NULL));
    assert_jet(JET_errFileNotFound, JetRestoreInstanceA(0, g_dir, g_new, NULL));
    assert_jet(JET_errInvalidInstance, JetRestoreInstanceA((JET_INSTANCE)0x12345, g_bk, NULL, NULL));
    rtu_check_rows(g_new, 300, 400);
    /* Single-instance mode: JetRestore2 uses (or creates) the one instance. */
    tu_rmtree(g_new);
    assert_jet_ok(JetRestore2A(g_bk, g_new, NULL));
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramSystemPath, 0, "./"));
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramLogFilePath, 0, "./"));
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramTempPath, 0, "./"));
    rtu_check_rows(g_new, 300, 400);
}

/* The W forms (UTF-32 strings). */
static void test_wide(void **state)
{
    (void)state;
    fresh();
    bkt e;
    bkt_open(&e, g_live, true);
    bkt_write(&e, 200);
    assert_jet_ok(JetBackupInstanceA(e.c.inst, g_bk, 0, NULL));
    bkt_close(&e);
    wchar_t wsrc[700], wdst[700];
    swprintf(wsrc, 700, L"%s", g_bk);
    swprintf(wdst, 700, L"%s", g_new);
    JET_INSTANCE ri = rtu_instance(g_new);
    assert_jet_ok(JetRestoreInstanceW(ri, wsrc, wdst, NULL));
    assert_jet_ok(JetTerm(ri));
    rtu_check_rows(g_new, 200, 300);
}

/* Read one file through the streaming API into dst. */
static void stream_file(JET_INSTANCE ji, const char *path, const char *dst)
{
    char *data = aligned_alloc(4096, 1 << 16);
    assert_non_null(data);
    JET_HANDLE h;
    uint32_t lo, hi;
    assert_jet_ok(JetOpenFileInstanceA(ji, path, &h, &lo, &hi));
    os_file *f;
    assert_jet_ok(os_open(dst, OS_OPEN_RDWR | OS_OPEN_CREATE | OS_OPEN_TRUNC, &f));
    uint64_t off = 0;
    for (;;) {
        uint32_t got = 0;
        assert_jet_ok(JetReadFileInstance(ji, h, data, 1 << 16, &got));
        if (got == 0)
            break;
        assert_jet_ok(os_pwrite(f, data, got, off));
        off += got;
    }
    assert_jet_ok(os_close(f));
    assert_jet_ok(JetCloseFileInstance(ji, h));
    free(data);
}

/* Stream a backup with the external API into folder bk (database, logs,
 * a .pat marker written by the application). */
static void stream_backup(bkt *e, const char *bk, bool incremental)
{
    assert_int_equal(os_mkdir_p(bk), 0);
    JET_INSTANCE ji = e->c.inst;
    assert_jet_ok(JetBeginExternalBackupInstance(ji, incremental ? JET_bitBackupIncremental : 0));
    char buf[4096], dst[800];
    uint32_t cb = 0;
    if (!incremental) {
        assert_jet_ok(JetGetAttachInfoInstanceA(ji, buf, sizeof buf, &cb));
        for (char *p = buf; *p; p += strlen(p) + 1) {
            rtu_join(dst, sizeof dst, bk, strrchr(p, '/') + 1);
            stream_file(ji, p, dst);
            rtu_join(dst, sizeof dst, bk, "core.pat");
            os_file *f;
            assert_jet_ok(os_open(dst, OS_OPEN_RDWR | OS_OPEN_CREATE, &f));
            assert_jet_ok(os_close(f));
        }
    }
    assert_jet_ok(JetGetLogInfoInstanceA(ji, buf, sizeof buf, &cb));
    for (char *p = buf; *p; p += strlen(p) + 1) {
        rtu_join(dst, sizeof dst, bk, strrchr(p, '/') + 1);
        stream_file(ji, p, dst);
    }
    assert_jet_ok(JetTruncateLogInstance(ji));
    assert_jet_ok(JetEndExternalBackupInstance(ji));
}

/* The streaming API's files restore with JetRestoreInstance, and with
 * JetExternalRestore to another place (JET_RSTMAP relocation). */
static void test_streaming_and_external(void **state)
{
    (void)state;
    fresh();
    bkt e;
    bkt_open(&e, g_live, true);
    bkt_write(&e, 700);
    stream_backup(&e, g_bk, false);
    bkt_write(&e, 300);
    stream_backup(&e, g_bk, true);
    uint64_t at_inc = e.next_row;
    bkt_write(&e, 300);
    bkt_close(&e);
    assert_jet_ok(rtu_restore(g_new, g_bk, g_new, NULL));
    rtu_check_rows(g_new, at_inc, at_inc + 300);

    /* External: the application puts the copy where it wants it. */
    char other[700], moved[800], orig[800], src[800];
    rtu_join(other, sizeof other, g_dir, "other");
    assert_int_equal(os_mkdir_p(other), 0);
    rtu_join(moved, sizeof moved, other, "core.edb");
    rtu_join(orig, sizeof orig, g_live, "core.edb");
    rtu_join(src, sizeof src, g_bk, "core.edb");
    rtu_copy(src, moved);
    JET_RSTMAP_A map = { orig, moved };
    char folder[800];
    snprintf(folder, sizeof folder, "%s/", other);
    /* Argument checks first. */
    assert_jet(JET_errInvalidParameter,
               JetExternalRestoreA(folder, folder, NULL, 1, g_bk, 0, 0, NULL));
    assert_jet(JET_errInvalidParameter,
               JetExternalRestoreA(folder, folder, &map, 0, g_bk, 0, 0, NULL));
    JET_LOGINFO_A li;
    memset(&li, 0, sizeof li);
    li.cbSize = sizeof li - 1;
    assert_jet(JET_errInvalidParameter,
               JetExternalRestore2A(folder, folder, &map, 1, g_bk, &li, NULL, NULL, NULL, NULL));
    assert_jet(JET_errInvalidParameter,
               JetExternalRestore2A(folder, folder, &map, 1, g_bk, NULL, NULL, NULL, NULL, NULL));
    assert_jet(JET_errBadRestoreTargetInstance,
               JetExternalRestore2A(folder, folder, &map, 1, g_bk, (li.cbSize = sizeof li, &li),
                                    "nobody", NULL, NULL, NULL));
    memset(&g_rtu_status, 0, sizeof g_rtu_status);
    assert_jet_ok(JetExternalRestoreA(folder, folder, &map, 1, g_bk, 0, 0, rtu_status_cb));
    assert_int_equal(g_rtu_status.completes, 1);
    rtu_check_clean(moved);
    rtu_check_rows(other, at_inc, at_inc + 300);

    /* JetExternalRestore2 with the explicit range of the full backup only
     * and a target given by its folders (used as documented). */
    char third[700], t3[800];
    rtu_join(third, sizeof third, g_dir, "third");
    assert_int_equal(os_mkdir_p(third), 0);
    rtu_join(t3, sizeof t3, third, "core.edb");
    rtu_copy(src, t3);
    uint32_t lo, hi;
    bkt_gen_range(g_bk, &lo, &hi);
    JET_RSTMAP_A map3 = { orig, t3 };
    JET_LOGINFO_A li2 = { sizeof li2, lo, hi, "edb" };
    char f3[800];
    snprintf(f3, sizeof f3, "%s/", third);
    assert_jet_ok(JetExternalRestore2A(g_dir, g_dir, &map3, 1, g_bk, &li2, NULL, f3, f3, NULL));
    rtu_check_rows(third, at_inc, at_inc + 300);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_fresh_folder),
        cmocka_unit_test(test_roll_forward),
        cmocka_unit_test(test_incremental_chain),
        cmocka_unit_test(test_incremental_chain_atomic),
        cmocka_unit_test(test_instance_rules),
        cmocka_unit_test(test_wide),
        cmocka_unit_test(test_streaming_and_external),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
