/*
 * test_bk_fault.c: failures during JetBackupInstance — EIO/ENOSPC at every
 * write, fsync and rename (and mkdir) on the destination leave no partial
 * backup, truncate no log, change no header and keep the previous atomic
 * backup intact; a flipped byte in a used database page fails the backup
 * with JET_errReadVerifyFailure, one in an archived log with
 * JET_errLogReadVerifyFailure, both leaving nothing behind.
 */
#include "bk_tu.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "os/os.h"
#include "page/page.h"

static char *g_dir;
static char g_dest[600];

static int setup(void **state)
{
    (void)state;
    g_dir = tu_mkdtemp("bkfault");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    JetDbFaultDisarmAll();
    tu_rmtree(g_dir);
    free(g_dir);
    return 0;
}

static void env(bkt *e)
{
    tu_rmtree(g_dir);
    assert_int_equal(os_mkdir_p(g_dir), 0);
    bkt_open(e, g_dir, true);
    for (int i = 0; i < 4; i++)
        bkt_write(e, 400);
    snprintf(g_dest, sizeof g_dest, "%s/dest/", g_dir);
}

/* Names and sizes of a folder's files, as one string. */
static void listing(const char *dir, char *out, size_t cb)
{
    char **names = NULL;
    size_t n = 0;
    out[0] = '\0';
    if (!os_is_dir(dir))
        return;
    assert_jet_ok(os_list_dir(dir, &names, &n));
    size_t at = 0;
    for (size_t i = 0; i < n && at < cb; i++) {
        char p[1200];
        uint64_t sz = 0;
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        (void)os_path_size(p, &sz);
        at += (size_t)snprintf(out + at, cb - at, "%s:%llu;", names[i], (unsigned long long)sz);
    }
    os_list_free(names, n);
}

/* Fail the nth op on the destination, for every n, until a backup runs
 * through without the fault firing. */
static void fault_every(JETDB_FAULT_OP op, int errnum, bool atomic)
{
    bkt e;
    env(&e);
    JET_GRBIT g = atomic ? JET_bitBackupAtomic : 0;
    char newdir[700], prev[8192], now[8192];
    snprintf(newdir, sizeof newdir, "%snew", g_dest);
    if (atomic) {
        assert_jet_ok(JetBackupInstanceA(e.c.inst, g_dest, g, NULL));
        bkt_write(&e, 400);
    }
    listing(newdir, prev, sizeof prev);
    JET_DBINFOMISC4 m0, m;
    bkt_misc(e.c.dbpath, &m0);
    int failures = 0;
    for (uint64_t n = 1;; n++) {
        uint32_t lo0, hi0, lo, hi;
        bkt_gen_range(g_dir, &lo0, &hi0);
        assert_jet_ok(JetDbFaultArm(op, n, errnum, 0, g_dest));
        JET_ERR err = JetBackupInstanceA(e.c.inst, g_dest, g, NULL);
        uint64_t fired = JetDbFaultFired(op);
        JetDbFaultDisarm(op);
        if (fired == 0) {
            assert_jet_ok(err);
            break;
        }
        failures++;
        if (err >= 0)
            fail_msg("op %d call %llu failed but the backup succeeded", (int)op,
                     (unsigned long long)n);
        /* Nothing new in the destination, no truncation, no header change. */
        char tmp[700];
        snprintf(tmp, sizeof tmp, "%stemp", g_dest);
        assert_false(os_exists(tmp));
        if (atomic) {
            listing(newdir, now, sizeof now);
            assert_string_equal(now, prev);
            assert_int_equal(bkt_count_entries(g_dest), 1);
        } else {
            assert_int_equal(bkt_count_entries(g_dest), 0);
        }
        bkt_gen_range(g_dir, &lo, &hi);
        assert_int_equal(lo, lo0);
        bkt_misc(e.c.dbpath, &m);
        assert_memory_equal(&m.bkinfoFullPrev, &m0.bkinfoFullPrev, sizeof m.bkinfoFullPrev);
        assert_true(n < 2000);
    }
    print_message("op %d errno %d atomic %d: %d failing runs, all clean\n", (int)op, errnum,
                  (int)atomic, failures);
    assert_true(failures > 0);
    bkt_close(&e);
}

static void test_write_eio(void **state)
{
    (void)state;
    fault_every(JETDB_faultopWrite, EIO, false);
    fault_every(JETDB_faultopWrite, EIO, true);
}

static void test_write_enospc(void **state)
{
    (void)state;
    fault_every(JETDB_faultopWrite, ENOSPC, false);
    fault_every(JETDB_faultopWrite, ENOSPC, true);
}

static void test_fsync_eio(void **state)
{
    (void)state;
    fault_every(JETDB_faultopFsync, EIO, false);
    fault_every(JETDB_faultopFsync, EIO, true);
}

static void test_rename_eio(void **state)
{
    (void)state;
    fault_every(JETDB_faultopRename, EIO, false);
    fault_every(JETDB_faultopRename, EIO, true);
}

static void test_open_mkdir_enospc(void **state)
{
    (void)state;
    fault_every(JETDB_faultopOpen, ENOSPC, false);
    fault_every(JETDB_faultopMkdir, ENOSPC, true);
}

/* A flipped byte in a used page: JET_errReadVerifyFailure, nothing left. */
static void test_corrupt_page(void **state)
{
    (void)state;
    bkt e;
    env(&e);
    bkt_close(&e);
    /* The last page that holds data (a leaf written by the last splits). */
    char path[700];
    snprintf(path, sizeof path, "%s/core.edb", g_dir);
    os_file *f;
    assert_jet_ok(os_open(path, OS_OPEN_RDWR, &f));
    db_hdr h;
    db_hdr_src src;
    assert_jet_ok(db_hdr_read(f, &h, &src));
    uint32_t ps = h.page_size;
    uint64_t size;
    assert_jet_ok(os_file_size(f, &size));
    uint8_t *page = aligned_alloc(4096, ps);
    uint32_t victim = 0;
    for (uint32_t pgno = (uint32_t)(size / ps) - 2; pgno > 1 && victim == 0; pgno--) {
        assert_jet_ok(os_pread(f, page, ps, ((uint64_t)pgno + 1) * ps));
        if (pg_verify(page, ps, pgno) >= 0)
            victim = pgno;
    }
    assert_true(victim > 1);
    page[ps / 2] ^= 0x5A;
    assert_jet_ok(os_pwrite(f, page, ps, ((uint64_t)victim + 1) * ps));
    assert_jet_ok(os_fsync(f));
    (void)os_close(f);
    free(page);

    bkt_open(&e, g_dir, false);
    uint32_t lo, hi, lo2, hi2;
    bkt_gen_range(g_dir, &lo, &hi);
    bkt_events_start();
    assert_jet(JET_errReadVerifyFailure, JetBackupInstanceA(e.c.inst, g_dest, 0, NULL));
    assert_true(bkt_event_seen(474));
    assert_int_equal(bkt_count_entries(g_dest), 0);
    assert_jet(JET_errReadVerifyFailure,
               JetBackupInstanceA(e.c.inst, g_dest, JET_bitBackupAtomic, NULL));
    assert_int_equal(bkt_count_entries(g_dest), 0);
    bkt_gen_range(g_dir, &lo2, &hi2);
    assert_int_equal(lo2, lo);
    /* The streaming API drops the database (its handle closes itself). */
    JET_HANDLE hf;
    uint32_t slo, shi, got;
    uint8_t *buf = aligned_alloc(4096, 256u * ps);
    assert_jet_ok(JetBeginExternalBackupInstance(e.c.inst, 0));
    assert_jet_ok(JetOpenFileInstanceA(e.c.inst, e.c.dbpath, &hf, &slo, &shi));
    JET_ERR err;
    do
        err = JetReadFileInstance(e.c.inst, hf, buf, 256u * ps, &got);
    while (err >= 0 && got > 0);
    assert_jet(JET_errReadVerifyFailure, err);
    assert_jet(JET_errInvalidParameter, JetCloseFileInstance(e.c.inst, hf));
    assert_jet_ok(JetEndExternalBackupInstance2(e.c.inst, JET_bitBackupEndAbort));
    free(buf);
    bkt_close(&e);
}

/* A flipped byte in an archived log the backup needs. */
static void test_corrupt_log(void **state)
{
    (void)state;
    bkt e;
    env(&e);
    /* An open transaction holds the checkpoint back, so the generations
     * written after it are archived but still inside the copy range. */
    txn *hold;
    assert_jet_ok(txn_begin(e.c.log, &hold));
    uint32_t g0 = log_generation(e.c.log);
    for (int i = 0; i < 6; i++)
        bkt_write(&e, 500);
    assert_jet_ok(inst_checkpoint(e.in));
    uint32_t lo, hi;
    bkt_gen_range(g_dir, &lo, &hi);
    assert_true(hi > g0);
    char name[LOG_NAME_MAX], path[800];
    assert_jet_ok(log_name_archived("edb", 3, g0 + 1, name, sizeof name));
    snprintf(path, sizeof path, "%s/%s", g_dir, name);
    os_file *f;
    assert_jet_ok(os_open(path, OS_OPEN_RDWR, &f));
    uint8_t b;
    assert_jet_ok(os_pread(f, &b, 1, 4096 + 200));
    b ^= 0x33;
    assert_jet_ok(os_pwrite(f, &b, 1, 4096 + 200));
    (void)os_close(f);

    bkt_events_start();
    assert_jet(JET_errLogReadVerifyFailure, JetBackupInstanceA(e.c.inst, g_dest, 0, NULL));
    assert_true(bkt_event_seen(218));
    assert_int_equal(bkt_count_entries(g_dest), 0);
    assert_jet(JET_errLogReadVerifyFailure,
               JetBackupInstanceA(e.c.inst, g_dest, JET_bitBackupAtomic, NULL));
    assert_int_equal(bkt_count_entries(g_dest), 0);
    uint32_t lo2, hi2;
    bkt_gen_range(g_dir, &lo2, &hi2);
    assert_int_equal(lo2, lo);
    JET_DBINFOMISC4 m;
    bkt_misc(e.c.dbpath, &m);
    assert_int_equal(m.bkinfoFullPrev.genLow, 0);
    assert_jet_ok(core_rollback(hold));
    bkt_close(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_write_eio),
        cmocka_unit_test(test_write_enospc),
        cmocka_unit_test(test_fsync_eio),
        cmocka_unit_test(test_rename_eio),
        cmocka_unit_test(test_open_mkdir_enospc),
        cmocka_unit_test(test_corrupt_page),
        cmocka_unit_test(test_corrupt_log),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
