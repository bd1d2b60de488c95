/*
 * ju_mkdata.c: makes the real files jetutil's tests run against, through
 * the engine (public API + tests/core's helpers for data):
 *
 *   ju_mkdata backup DIR   DIR/inst: an instance folder (logs, checkpoint,
 *                          core.edb) shut down cleanly, with a full backup
 *                          in DIR/bk, more writes, an incremental into
 *                          DIR/bk, and an atomic full backup in DIR/abk;
 *                          DIR/rows: the rows a restore of bk and of abk
 *                          must hold, and the rows of the live database
 *   ju_mkdata dirty DIR    DIR/inst: an instance terminated dirty (a crash
 *                          as far as the files are concerned)
 *   ju_mkdata big DIR MB   DIR/inst + a full backup in DIR/bk whose
 *                          database holds about MB MiB (throughput check)
 *   ju_mkdata isam DIR [DAMAGE]   DIR/inst/isam.edb: a table with indexes
 *                          and long values, damaged as DAMAGE says
 *                          (ju_mkisam.c)
 */
#include "core_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os/os.h"

void mk_isam(const char *dir, const char *damage);

/* Rows [*next, *next + n) in one committed transaction of tree objid. */
static void write_rows(core_env *e, uint32_t objid, uint64_t *next, uint64_t n)
{
    bt_tree *bt;
    assert_jet_ok(st_tree_open(e->st, objid, &bt));
    txn *t;
    assert_jet_ok(txn_begin(e->log, &t));
    assert_jet_ok(core_insert_rows(bt, txn_id(t), *next, n));
    assert_jet_ok(txn_commit(t, false, NULL));
    *next += n;
}

/* A fresh instance with one database and one tree. */
static uint32_t make_env(core_env *e, const char *idir)
{
    assert_int_equal(os_mkdir_p(idir), 0);
    core_open(e, idir, true);
    txn *t;
    uint32_t objid;
    assert_jet_ok(txn_begin(e->log, &t));
    assert_jet_ok(st_tree_create(e->st, txn_id(t), &objid));
    assert_jet_ok(txn_commit(t, false, NULL));
    return objid;
}

/* The scenario named by argv; cmocka's assert macros abort on failure. */
static void run(void **state)
{
    char **argv = *state;
    const char *what = argv[1], *dir = argv[2];
    if (strcmp(what, "isam") == 0) {
        mk_isam(dir, argv[3] != NULL ? argv[3] : "none");
        return;
    }
    char idir[600], bk[600], abk[600];
    snprintf(idir, sizeof idir, "%s/inst", dir);
    snprintf(bk, sizeof bk, "%s/bk", dir);
    snprintf(abk, sizeof abk, "%s/abk", dir);
    core_env e;
    uint64_t next = 0;
    uint32_t objid = make_env(&e, idir);
    if (strcmp(what, "backup") == 0) {
        for (int i = 0; i < 5; i++)
            write_rows(&e, objid, &next, 300);
        assert_jet_ok(JetBackupInstanceA(e.inst, bk, 0, NULL));
        for (int i = 0; i < 3; i++)
            write_rows(&e, objid, &next, 400);
        assert_jet_ok(JetBackupInstanceA(e.inst, bk, JET_bitBackupIncremental, NULL));
        uint64_t bk_rows = next;
        write_rows(&e, objid, &next, 200);
        assert_jet_ok(JetBackupInstanceA(e.inst, abk, JET_bitBackupAtomic, NULL));
        uint64_t abk_rows = next;
        write_rows(&e, objid, &next, 100);
        core_close(&e, 0);
        /* What a restore of each backup must give back, and the live rows
         * (a restore rolled forward through the instance's logs). */
        char rp[600];
        snprintf(rp, sizeof rp, "%s/rows", dir);
        FILE *f = fopen(rp, "w");
        assert_non_null(f);
        fprintf(f, "%llu %llu %llu\n", (unsigned long long)bk_rows, (unsigned long long)abk_rows,
                (unsigned long long)next);
        assert_int_equal(fclose(f), 0);
    } else if (strcmp(what, "dirty") == 0) {
        for (int i = 0; i < 4; i++)
            write_rows(&e, objid, &next, 300);
        core_close(&e, JET_bitTermDirty);
    } else if (strcmp(what, "big") == 0) {
        uint64_t mb = strtoull(argv[3], NULL, 10);
        /* Rows are about 60 bytes with their keys: batches of 20000. */
        uint64_t rows = mb * 1024 * 1024 / 60;
        while (next < rows)
            write_rows(&e, objid, &next, 20000);
        assert_jet_ok(JetBackupInstanceA(e.inst, bk, 0, NULL));
        core_close(&e, 0);
    } else {
        fail_msg("unknown scenario %s", what);
    }
}

int main(int argc, char **argv)
{
    if (argc < 3 || (strcmp(argv[1], "big") == 0 && argc < 4)) {
        fprintf(stderr, "usage: ju_mkdata backup|dirty DIR | big DIR MB | isam DIR [DAMAGE]\n");
        return 2;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_prestate(run, argv),
    };
    return cmocka_run_group_tests_name("ju_mkdata", tests, NULL, NULL);
}
