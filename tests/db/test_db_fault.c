/*
 * test_db_fault.c: every write, fsync, open and size change of create,
 * attach and detach made to fail in turn (and torn header writes): the
 * call returns an error, and the file is either absent or still has a
 * valid header in a state a later attach/detach can deal with.
 */
#include "dbtest.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"

static JET_INSTANCE g_inst;
static JET_SESID g_ses;

static int setup(void **state)
{
    (void)state;
    dt_setup_dir("dbfault");
    g_inst = dt_instance("fault");
    assert_jet_ok(JetSetSystemParameterA(&g_inst, 0, JET_paramEnableAdvanced, 1, NULL));
    assert_jet_ok(JetSetSystemParameterA(&g_inst, 0, JET_paramDbExtensionSize, 8, NULL));
    g_ses = dt_session(g_inst);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    JetDbFaultDisarmAll();
    dt_end_session(g_ses);
    dt_term(g_inst, true);
    dt_teardown_dir();
    return 0;
}

static const JETDB_FAULT_OP g_ops[] = {
    JETDB_faultopOpen, JETDB_faultopWrite, JETDB_faultopFsync, JETDB_faultopTruncate,
    JETDB_faultopUnlink,
};

/* State of a file after a failed operation: absent, or a header. */
static int file_state(const char *p)
{
    if (!tu_exists(p))
        return 0;
    JET_DBINFOMISC4 m;
    JET_ERR err = JetGetDatabaseFileInfoA(p, &m, sizeof m, JET_DbInfoMisc);
    assert_jet_ok(err);
    return (int)m.dbstate;
}

static void test_create_faults(void **state)
{
    (void)state;
    char *p = dt_path("c.edb");
    for (size_t o = 0; o < sizeof g_ops / sizeof g_ops[0]; o++) {
        JETDB_FAULT_OP op = g_ops[o];
        /* Count the calls a successful create makes. */
        assert_jet_ok(JetDbFaultArm(op, 0, 0, 0, ".edb"));
        JET_DBID dbid;
        assert_jet_ok(JetCreateDatabaseA(g_ses, p, NULL, &dbid, 0));
        uint64_t n = JetDbFaultCount(op);
        JetDbFaultDisarm(op);
        /* space page, two header writes of two copies; their syncs */
        if (op == JETDB_faultopWrite)
            assert_true(n >= 5);
        if (op == JETDB_faultopFsync)
            assert_true(n >= 5);
        assert_jet_ok(JetCloseDatabase(g_ses, dbid, 0));
        assert_jet_ok(JetDetachDatabaseA(g_ses, p));
        remove(p);
        for (uint64_t k = 1; k <= n; k++) {
            for (int torn = 0; torn < (op == JETDB_faultopWrite ? 2 : 1); torn++) {
                assert_jet_ok(JetDbFaultArm(op, k, EIO, torn ? JETDB_bitFaultShortWrite : 0,
                                            ".edb"));
                JET_ERR err = JetCreateDatabaseA(g_ses, p, NULL, &dbid, 0);
                uint64_t fired = JetDbFaultFired(op);
                JetDbFaultDisarm(op);
                if (op == JETDB_faultopUnlink) {
                    /* create unlinks nothing: no fault can fire */
                    assert_int_equal(0, fired);
                    assert_jet_ok(err);
                    assert_jet_ok(JetCloseDatabase(g_ses, dbid, 0));
                    assert_jet_ok(JetDetachDatabaseA(g_ses, p));
                    remove(p);
                    continue;
                }
                assert_int_equal(1, fired);
                assert_true(err < 0);
                /* The failed create left nothing behind and nothing attached. */
                assert_int_equal(0, file_state(p));
                assert_jet(JET_errDatabaseNotFound, JetDetachDatabaseA(g_ses, p));
                /* and the instance still works */
                assert_jet_ok(JetCreateDatabaseA(g_ses, p, NULL, &dbid, 0));
                assert_jet_ok(JetCloseDatabase(g_ses, dbid, 0));
                assert_jet_ok(JetDetachDatabaseA(g_ses, p));
                remove(p);
            }
        }
    }
    free(p);
}

static void test_attach_detach_faults(void **state)
{
    (void)state;
    char *p = dt_path("ad.edb");
    JET_DBID dbid;
    assert_jet_ok(JetCreateDatabaseA(g_ses, p, NULL, &dbid, 0));
    assert_jet_ok(JetCloseDatabase(g_ses, dbid, 0));
    assert_jet_ok(JetDetachDatabaseA(g_ses, p));
    for (size_t o = 0; o < sizeof g_ops / sizeof g_ops[0]; o++) {
        JETDB_FAULT_OP op = g_ops[o];
        assert_jet_ok(JetDbFaultArm(op, 0, 0, 0, ".edb"));
        assert_jet_ok(JetAttachDatabaseA(g_ses, p, 0));
        uint64_t na = JetDbFaultCount(op);
        assert_jet_ok(JetDbFaultArm(op, 0, 0, 0, ".edb"));
        assert_jet_ok(JetDetachDatabaseA(g_ses, p));
        uint64_t nd = JetDbFaultCount(op);
        JetDbFaultDisarm(op);
        if (op == JETDB_faultopWrite || op == JETDB_faultopFsync)
            assert_true(na >= 2 && nd >= 2);

        for (uint64_t k = 1; k <= na; k++) {
            for (int torn = 0; torn < (op == JETDB_faultopWrite ? 2 : 1); torn++) {
                assert_jet_ok(JetDbFaultArm(op, k, EIO, torn ? JETDB_bitFaultShortWrite : 0,
                                            ".edb"));
                JET_ERR err = JetAttachDatabaseA(g_ses, p, 0);
                JetDbFaultDisarm(op);
                assert_true(err < 0);
                /* Not attached; the header is valid (clean, or dirty when
                 * the primary already said so). */
                int st = file_state(p);
                assert_true(st == JET_dbstateCleanShutdown || st == JET_dbstateDirtyShutdown);
                assert_jet(JET_errDatabaseNotFound, JetDetachDatabaseA(g_ses, p));
                if (st == JET_dbstateDirtyShutdown) {
                    /* Recovery would fix it; the test restores a clean header. */
                    assert_jet(JET_errDatabaseDirtyShutdown, JetAttachDatabaseA(g_ses, p, 0));
                    unsigned char page[4096];
                    db_hdr h;
                    dt_read(p, page, 4096, 4096);
                    if (db_hdr_decode(page, 4096, &h) < 0 || h.dbstate != JET_dbstateCleanShutdown)
                        dt_read(p, page, 4096, 0);
                    assert_jet_ok(db_hdr_decode(page, 4096, &h));
                    h.dbstate = JET_dbstateCleanShutdown;
                    db_hdr_encode(&h, page, 4096);
                    dt_write(p, page, 4096, 0);
                    dt_write(p, page, 4096, 4096);
                }
            }
        }
        for (uint64_t k = 1; k <= nd; k++) {
            for (int torn = 0; torn < (op == JETDB_faultopWrite ? 2 : 1); torn++) {
                assert_jet_ok(JetAttachDatabaseA(g_ses, p, 0));
                assert_jet_ok(JetDbFaultArm(op, k, EIO, torn ? JETDB_bitFaultShortWrite : 0,
                                            ".edb"));
                JET_ERR err = JetDetachDatabaseA(g_ses, p);
                JetDbFaultDisarm(op);
                assert_true(err < 0);
                /* Still attached and usable; the file has a valid header. */
                int st = file_state(p);
                assert_true(st == JET_dbstateCleanShutdown || st == JET_dbstateDirtyShutdown);
                assert_jet(JET_wrnDatabaseAttached, JetAttachDatabaseA(g_ses, p, 0));
                assert_jet_ok(JetDetachDatabaseA(g_ses, p));
                assert_int_equal(JET_dbstateCleanShutdown, file_state(p));
            }
        }
    }
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_create_faults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_attach_detach_faults, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
