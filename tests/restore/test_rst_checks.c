/*
 * test_rst_checks.c: a restore that cannot give back the whole history
 * fails with ESE's error and touches nothing live — missing, foreign or
 * damaged logs in the backup set or in the log folder, a damaged page,
 * trailer or marker of the database copy, a copy that is no backup, a
 * range that does not cover the copy; and I/O faults (EIO, ENOSPC) during
 * a restore, after which a second attempt succeeds.
 */
#include "rst_tu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "os/os.h"
#include "util/crc32c.h"

static char *g_dir;
static char g_live[600], g_bk[600], g_new[600], g_bkdb[700], g_livedb[700];
static uint64_t g_at_backup, g_rows;
static uint32_t g_lo, g_hi;

static int setup(void **state)
{
    (void)state;
    g_dir = tu_mkdtemp("rstchecks");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_rmtree(g_dir);
    free(g_dir);
    return 0;
}

/* A live folder with a full + one incremental backup in bk and more
 * committed rows after it (several live generations past the backup). */
static void make(void)
{
    tu_rmtree(g_dir);
    assert_int_equal(os_mkdir_p(g_dir), 0);
    rtu_join(g_live, sizeof g_live, g_dir, "live");
    rtu_join(g_bk, sizeof g_bk, g_dir, "bk");
    rtu_join(g_new, sizeof g_new, g_dir, "new");
    rtu_join(g_bkdb, sizeof g_bkdb, g_bk, "core.edb");
    rtu_join(g_livedb, sizeof g_livedb, g_live, "core.edb");
    assert_int_equal(os_mkdir_p(g_live), 0);
    bkt e;
    bkt_open(&e, g_live, true);
    for (int i = 0; i < 4; i++)
        bkt_write(&e, 300);
    assert_jet_ok(JetBackupInstanceA(e.c.inst, g_bk, 0, NULL));
    bkt_write(&e, 600);
    assert_jet_ok(JetBackupInstanceA(e.c.inst, g_bk, JET_bitBackupIncremental, NULL));
    g_at_backup = e.next_row;
    for (int i = 0; i < 6; i++)
        bkt_write(&e, 400);
    g_rows = e.next_row;
    bkt_close(&e);
    bkt_gen_range(g_bk, &g_lo, &g_hi);
    assert_true(g_hi > g_lo + 1);
}

/* crc of a whole file (to prove it did not change). */
static uint32_t file_crc(const char *path)
{
    uint64_t size = 0;
    if (os_path_size(path, &size) < 0)
        return 0;
    uint8_t *b = malloc(size ? size : 1);
    assert_non_null(b);
    os_file *f;
    assert_jet_ok(os_open(path, OS_OPEN_READ, &f));
    assert_jet_ok(os_pread(f, b, size, 0));
    assert_jet_ok(os_close(f));
    uint32_t c = crc32c(0, b, size);
    free(b);
    return c;
}

/* crc over every file of a folder (names and contents). */
static uint32_t folder_crc(const char *dir)
{
    char **names = NULL;
    size_t n = 0;
    assert_jet_ok(os_list_dir(dir, &names, &n));
    uint32_t c = 0;
    for (size_t i = 0; i < n; i++) {
        char p[900];
        rtu_join(p, sizeof p, dir, names[i]);
        c ^= crc32c(0, names[i], strlen(names[i])) * 31u + (os_is_dir(p) ? 0 : file_crc(p));
    }
    os_list_free(names, n);
    return c;
}

/* A restore into a fresh folder fails with err and creates no database. */
static void fails_fresh(JET_ERR err)
{
    tu_rmtree(g_new);
    assert_jet(err, rtu_restore(g_new, g_bk, g_new, NULL));
    char p[700];
    rtu_join(p, sizeof p, g_new, "core.edb");
    assert_false(os_exists(p));
}

/* A restore into the live folder fails with err and changes nothing there. */
static void fails_live(JET_ERR err)
{
    uint32_t before = folder_crc(g_live);
    assert_jet(err, rtu_restore(g_live, g_bk, NULL, NULL));
    assert_int_equal(folder_crc(g_live), before);
}

static void test_missing_backup_log(void **state)
{
    (void)state;
    make();
    char p[700];
    rtu_log(p, sizeof p, g_bk, g_lo + 1);
    assert_int_equal(os_unlink(p), 0);
    bkt_events_start();
    fails_fresh(JET_errMissingRestoreLogFiles);
    assert_true(bkt_event_seen(435) && bkt_event_seen(454));
    bkt_events_stop();
    fails_live(JET_errMissingRestoreLogFiles);
}

/* A log of another stream with the right generation number. */
static void test_foreign_backup_log(void **state)
{
    (void)state;
    make();
    char other[700], obk[700];
    rtu_join(other, sizeof other, g_dir, "other");
    rtu_join(obk, sizeof obk, g_dir, "obk");
    assert_int_equal(os_mkdir_p(other), 0);
    bkt e;
    bkt_open(&e, other, true);
    uint32_t lo = 0, hi = 0;
    for (int i = 0; i < 40 && hi < g_hi; i++) {
        bkt_write(&e, 300);
        bkt_gen_range(other, &lo, &hi);
    }
    bkt_close(&e);
    assert_true(hi >= g_hi);
    char from[700], to[700];
    rtu_log(from, sizeof from, other, g_hi);
    rtu_log(to, sizeof to, g_bk, g_hi);
    if (!os_exists(from))
        fail_msg("other stream lacks generation %u", g_hi);
    rtu_copy(from, to);
    fails_fresh(JET_errBadLogSignature);
    fails_live(JET_errBadLogSignature);
}

static void test_flipped_log_byte(void **state)
{
    (void)state;
    make();
    char p[700];
    rtu_log(p, sizeof p, g_bk, g_lo + 1);
    rtu_flip(p, 4096 + 100);
    fails_fresh(JET_errLogCorruptDuringHardRestore);
    fails_live(JET_errLogCorruptDuringHardRestore);
    /* A damaged header is an unusable log file. */
    make();
    rtu_log(p, sizeof p, g_bk, g_hi);
    rtu_flip(p, 40);
    fails_fresh(JET_errLogFileCorrupt);
}

/* Page size of the backup copy. */
static uint32_t copy_page_size(void)
{
    JET_DBINFOMISC4 m;
    bkt_misc(g_bkdb, &m);
    return m.cbPageSize;
}

static void test_corrupt_copy(void **state)
{
    (void)state;
    make();
    uint32_t ps = copy_page_size();
    /* A data page (page 2: the first tree's root). */
    rtu_flip(g_bkdb, 3ull * ps + 200);
    fails_fresh(JET_errReadVerifyFailure);
    fails_live(JET_errReadVerifyFailure);

    /* The trailer page. */
    make();
    uint64_t size = 0;
    assert_jet_ok(os_path_size(g_bkdb, &size));
    rtu_flip(g_bkdb, size - ps + 60);
    fails_fresh(JET_errBadPatchPage);
    fails_live(JET_errBadPatchPage);

    /* Both header copies. */
    make();
    rtu_flip(g_bkdb, 30);
    rtu_flip(g_bkdb, ps + 30);
    fails_fresh(JET_errDatabaseCorrupted);

    /* No marker, no database. */
    make();
    char p[700];
    rtu_join(p, sizeof p, g_bk, "core.pat");
    assert_int_equal(os_unlink(p), 0);
    fails_fresh(JET_errPatchFileMissing);
    fails_live(JET_errPatchFileMissing);

    /* A live database is no backup copy. */
    make();
    rtu_copy(g_livedb, g_bkdb);
    fails_fresh(JET_errRestoreOfNonBackupDatabase);
}

/* The copy's trailer says which logs it needs. */
static void test_range(void **state)
{
    (void)state;
    make();
    char p[700];
    rtu_log(p, sizeof p, g_bk, g_lo);
    assert_int_equal(os_unlink(p), 0);
    bkt_events_start();
    fails_fresh(JET_errStartingRestoreLogTooHigh);
    assert_true(bkt_event_seen(431));
    bkt_events_stop();

    /* Keep only logs below the trailer's genHigh. */
    make();
    uint32_t ps = copy_page_size();
    uint64_t size = 0;
    assert_jet_ok(os_path_size(g_bkdb, &size));
    os_file *f;
    uint32_t high = 0;
    assert_jet_ok(os_open(g_bkdb, OS_OPEN_READ, &f));
    assert_jet_ok(os_pread(f, &high, 4, size - ps + 24 + 20));
    assert_jet_ok(os_close(f));
    assert_true(high > g_lo && high <= g_hi);
    for (uint32_t g = high; g <= g_hi; g++) {
        rtu_log(p, sizeof p, g_bk, g);
        assert_int_equal(os_unlink(p), 0);
    }
    fails_fresh(JET_errEndingRestoreLogTooLow);
}

/* The log folder must continue the backup set without a gap. */
static void test_live_logs(void **state)
{
    (void)state;
    make();
    uint32_t llo, lhi;
    bkt_gen_range(g_live, &llo, &lhi);
    assert_true(lhi >= g_hi + 2);
    char p[700];
    rtu_log(p, sizeof p, g_live, g_hi + 2);
    assert_int_equal(os_unlink(p), 0);
    bkt_events_start();
    fails_live(JET_errMissingCurrentLogFiles);
    assert_true(bkt_event_seen(450));
    bkt_events_stop();

    /* A current log of another stream. */
    make();
    char other[700], from[700], to[700];
    rtu_join(other, sizeof other, g_dir, "other");
    assert_int_equal(os_mkdir_p(other), 0);
    bkt e;
    bkt_open(&e, other, true);
    bkt_write(&e, 10);
    core_close(&e.c, JET_bitTermDirty);
    rtu_join(from, sizeof from, other, "edb.log");
    rtu_join(to, sizeof to, g_live, "edb.log");
    rtu_copy(from, to);
    fails_live(JET_errExistingLogFileHasBadSignature);

    /* A foreign archived log right after the backup set. */
    make();
    assert_jet_ok(os_mkdir_p(other));
    tu_rmtree(other);
    assert_int_equal(os_mkdir_p(other), 0);
    bkt_open(&e, other, true);
    uint32_t olo = 0, ohi = 0;
    for (int i = 0; i < 60 && ohi < g_hi + 1; i++) {
        bkt_write(&e, 300);
        bkt_gen_range(other, &olo, &ohi);
    }
    bkt_close(&e);
    rtu_log(from, sizeof from, other, g_hi + 1);
    rtu_log(to, sizeof to, g_live, g_hi + 1);
    assert_true(os_exists(from) && os_exists(to));
    rtu_copy(from, to);
    fails_live(JET_errExistingLogFileHasBadSignature);
}

/* EIO / ENOSPC during the restore (copy, new log, replay, headers): an
 * error, and then a successful second attempt. */
static void test_faults(void **state)
{
    (void)state;
    make();
    static const JETDB_FAULT_OP ops[] = { JETDB_faultopWrite, JETDB_faultopFsync,
                                          JETDB_faultopRename, JETDB_faultopOpen,
                                          JETDB_faultopTruncate };
    static const int errs[] = { 5 /* EIO */, 28 /* ENOSPC */ };
    int failures = 0;
    for (size_t o = 0; o < sizeof ops / sizeof ops[0]; o++) {
        /* Learn how many calls a restore into new/ makes. */
        tu_rmtree(g_new);
        assert_jet_ok(JetDbFaultArm(ops[o], 0, 0, 0, g_new));
        assert_jet_ok(rtu_restore(g_new, g_bk, g_new, NULL));
        uint64_t calls = JetDbFaultCount(ops[o]);
        JetDbFaultDisarmAll();
        uint64_t step = calls / 6 + 1;
        for (uint64_t nth = 1; nth <= calls; nth += step) {
            int en = errs[nth % 2];
            tu_rmtree(g_new);
            assert_jet_ok(JetDbFaultArm(ops[o], nth, en, 0, g_new));
            JET_ERR err = rtu_restore(g_new, g_bk, g_new, NULL);
            uint64_t fired = JetDbFaultFired(ops[o]);
            JetDbFaultDisarmAll();
            if (fired > 0 && err < 0)
                failures++;
            if (err >= 0) {
                /* A fault the engine may absorb (a spare log that cannot be
                 * preallocated on a full disk): the result must be whole. */
                rtu_check_rows(g_new, g_at_backup, g_at_backup + 100);
            }
            /* The second attempt (same folder, leftovers and all) works. */
            assert_jet_ok(rtu_restore(g_new, g_bk, g_new, NULL));
            rtu_check_rows(g_new, g_at_backup, g_at_backup + 100);
        }
    }
    assert_true(failures > 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_missing_backup_log),
        cmocka_unit_test(test_foreign_backup_log),
        cmocka_unit_test(test_flipped_log_byte),
        cmocka_unit_test(test_corrupt_copy),
        cmocka_unit_test(test_range),
        cmocka_unit_test(test_live_logs),
        cmocka_unit_test(test_faults),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
