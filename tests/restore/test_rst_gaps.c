/*
 * test_rst_gaps.c: two ESE behaviours at the edge of restore —
 *  - JetInit refuses to crash-recover a database that is an unrestored
 *    backup copy (bkinfoFullCur.genLow set, genHigh not):
 *    JET_errSoftRecoveryOnBackupDatabase with event 619, nothing changed;
 *    a restore then brings it back;
 *  - a log folder holding archived logs but no current log: the replay
 *    stops after the last archived log and the stream continues with a new
 *    current log after it (ese-backup-semantics.md §5.4); a folder whose
 *    archived logs end before the backup set does is refused
 *    (JET_errMissingLogFile, docs/compatibility.md).
 */
#include "rst_tu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "os/os.h"

static char *g_dir;
static char g_live[600], g_bk[600], g_bkdb[700], g_livedb[700], g_cur[700];
static uint64_t g_at_backup, g_rows;
static uint32_t g_lo, g_hi;

static int setup(void **state)
{
    (void)state;
    g_dir = tu_mkdtemp("rstgaps");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_rmtree(g_dir);
    free(g_dir);
    return 0;
}

/* A live folder with a full backup in bk and committed rows after it
 * (several live generations past the backup); crash = stop dirty. */
static void make(bool crash)
{
    tu_rmtree(g_dir);
    assert_int_equal(os_mkdir_p(g_dir), 0);
    rtu_join(g_live, sizeof g_live, g_dir, "live");
    rtu_join(g_bk, sizeof g_bk, g_dir, "bk");
    rtu_join(g_bkdb, sizeof g_bkdb, g_bk, "core.edb");
    rtu_join(g_livedb, sizeof g_livedb, g_live, "core.edb");
    rtu_join(g_cur, sizeof g_cur, g_live, "edb.log");
    assert_int_equal(os_mkdir_p(g_live), 0);
    bkt e;
    bkt_open(&e, g_live, true);
    for (int i = 0; i < 4; i++)
        bkt_write(&e, 300);
    assert_jet_ok(JetBackupInstanceA(e.c.inst, g_bk, 0, NULL));
    g_at_backup = e.next_row;
    for (int i = 0; i < 6; i++)
        bkt_write(&e, 400);
    g_rows = e.next_row;
    if (crash)
        core_close(&e.c, JET_bitTermDirty);
    else
        bkt_close(&e);
    bkt_gen_range(g_bk, &g_lo, &g_hi);
}

/* crc-free fingerprint of a folder: names and sizes, plus a file's bytes. */
static uint64_t file_sum(const char *path)
{
    uint64_t size = 0;
    assert_jet_ok(os_path_size(path, &size));
    uint8_t *b = malloc(size ? size : 1);
    assert_non_null(b);
    os_file *f;
    assert_jet_ok(os_open(path, OS_OPEN_READ, &f));
    assert_jet_ok(os_pread(f, b, size, 0));
    assert_jet_ok(os_close(f));
    uint64_t h = 1469598103934665603ull;
    for (uint64_t i = 0; i < size; i++)
        h = (h ^ b[i]) * 1099511628211ull;
    free(b);
    return h ^ size;
}

static uint64_t folder_sum(const char *dir)
{
    char **names = NULL;
    size_t n = 0;
    assert_jet_ok(os_list_dir(dir, &names, &n));
    uint64_t h = n;
    for (size_t i = 0; i < n; i++) {
        char p[900];
        rtu_join(p, sizeof p, dir, names[i]);
        uint64_t x = 0;
        for (const char *c = names[i]; *c; c++)
            x = x * 131u + (uint8_t)*c;
        h ^= x * 31u + (os_is_dir(p) ? 0 : file_sum(p));
    }
    os_list_free(names, n);
    return h;
}

/* core_try_open resets the event callback; record again just before JetInit. */
static void events_hook(JET_INSTANCE instance)
{
    (void)instance;
    bkt_events_start();
}

/* (a) An unrestored backup copy where crash recovery expects the
 * database: JetInit fails with JET_errSoftRecoveryOnBackupDatabase and
 * event 619, and changes nothing; the restore of that backup then rolls
 * forward through the live logs to every committed row. */
static void test_soft_recovery_on_backup_copy(void **state)
{
    (void)state;
    make(true);
    rtu_copy(g_bkdb, g_livedb);   /* the copy as JetBackup wrote it (trailer included) */
    JET_DBINFOMISC4 m;
    bkt_misc(g_livedb, &m);
    assert_true(m.bkinfoFullCur.genLow != 0);
    assert_int_equal(m.bkinfoFullCur.genHigh, 0);

    uint64_t before = folder_sum(g_live);
    core_env c;
    /* (a failed JetInit frees its instance) */
    core_params_hook = events_hook;
    JET_ERR err = core_try_open(&c, g_live, false);
    core_params_hook = NULL;
    assert_jet(JET_errSoftRecoveryOnBackupDatabase, err);
    assert_true(bkt_event_seen(619));
    bkt_events_stop();
    assert_true(folder_sum(g_live) == before);
    /* Twice: the refusal is stable. */
    assert_jet(JET_errSoftRecoveryOnBackupDatabase, core_try_open(&c, g_live, false));

    /* The way out is a restore: the copy is replayed with the backup set
     * and the live logs. */
    assert_jet_ok(rtu_restore(g_live, g_bk, NULL, NULL));
    rtu_check_clean(g_livedb);
    rtu_check_rows(g_live, g_rows, g_rows + 100);
}

/* (a) A copy that a restore already prepared (genHigh set, e.g. left by a
 * restore that failed in its replay) is not refused: it is a database in
 * hard recovery, and a failed restore is retried by restoring again.  A
 * live database with backup history (FullPrev set) is recovered normally. */
static void test_soft_recovery_live_db_with_history(void **state)
{
    (void)state;
    make(true);
    JET_DBINFOMISC4 m;
    bkt_misc(g_livedb, &m);
    assert_true(m.bkinfoFullPrev.genLow != 0);
    assert_int_equal(m.bkinfoFullCur.genLow, 0);
    rtu_check_rows(g_live, g_rows, g_rows + 100);   /* JetInit recovers it */
}

/* (b) Archived logs but no current log in the log folder: the restore
 * replays the backup set and the archived logs, stops there (success), and
 * the stream continues with a new current log after the last one. */
static void test_archived_without_current(void **state)
{
    (void)state;
    make(true);
    uint32_t llo, lhi;
    bkt_gen_range(g_live, &llo, &lhi);
    assert_true(lhi > g_hi);
    assert_int_equal(os_unlink(g_cur), 0);
    assert_int_equal(os_unlink(g_livedb), 0);

    memset(&g_rtu_status, 0, sizeof g_rtu_status);
    assert_jet_ok(rtu_restore(g_live, g_bk, NULL, rtu_status_cb));
    assert_int_equal(g_rtu_status.completes, 1);
    assert_int_equal(g_rtu_status.non_monotone, 0);
    rtu_check_clean(g_livedb);
    /* Everything up to the last archived log is back, without a gap; what
     * only the lost current log held is not. */
    uint64_t n = rtu_prefix(g_live, g_rows + 100);
    assert_true(n >= g_at_backup && n <= g_rows);
    /* The new current log follows the last archived one. */
    log_file_hdr h;
    assert_jet_ok(log_read_header(g_cur, &h));
    assert_true(h.gen > lhi);
    uint32_t nlo, nhi;
    bkt_gen_range(g_live, &nlo, &nhi);
    assert_int_equal(nlo, llo);
    /* The instance starts on it and takes new writes. */
    bkt e;
    bkt_open(&e, g_live, false);
    e.next_row = n;
    bkt_write(&e, 50);
    bkt_close(&e);
    rtu_check_rows(g_live, n + 50, n + 150);
}

/* (b) The same when the log folder's archived logs end exactly with the
 * backup set (the lost current log was the generation after it). */
static void test_archived_up_to_backup_end(void **state)
{
    (void)state;
    make(true);
    uint32_t llo, lhi;
    bkt_gen_range(g_live, &llo, &lhi);
    assert_true(llo <= g_hi);
    for (uint32_t g = g_hi + 1; g <= lhi; g++) {
        char p[700];
        rtu_log(p, sizeof p, g_live, g);
        assert_int_equal(os_unlink(p), 0);
    }
    assert_int_equal(os_unlink(g_cur), 0);
    assert_int_equal(os_unlink(g_livedb), 0);
    assert_jet_ok(rtu_restore(g_live, g_bk, NULL, NULL));
    rtu_check_clean(g_livedb);
    rtu_check_rows(g_live, g_at_backup, g_rows);
    log_file_hdr h;
    assert_jet_ok(log_read_header(g_cur, &h));
    assert_int_equal(h.gen, g_hi + 1);
}

/* (b) Archived logs that end before the backup set, no current log: the
 * new current log could not follow them; refused before anything is
 * written (JET_errMissingLogFile, event 450). */
static void test_archived_older_than_backup(void **state)
{
    (void)state;
    make(true);
    uint32_t llo, lhi;
    bkt_gen_range(g_live, &llo, &lhi);
    if (llo >= g_hi)
        skip();   /* the backup truncated every generation below hi */
    for (uint32_t g = g_hi; g <= lhi; g++) {
        char p[700];
        rtu_log(p, sizeof p, g_live, g);
        assert_int_equal(os_unlink(p), 0);
    }
    assert_int_equal(os_unlink(g_cur), 0);
    uint64_t before = folder_sum(g_live);
    bkt_events_start();
    assert_jet(JET_errMissingLogFile, rtu_restore(g_live, g_bk, NULL, NULL));
    assert_true(bkt_event_seen(450));
    bkt_events_stop();
    assert_true(folder_sum(g_live) == before);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_soft_recovery_on_backup_copy),
        cmocka_unit_test(test_soft_recovery_live_db_with_history),
        cmocka_unit_test(test_archived_without_current),
        cmocka_unit_test(test_archived_up_to_backup_end),
        cmocka_unit_test(test_archived_older_than_backup),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
