/*
 * test_log_fault.c: I/O fault injection on every open, write, fsync,
 * rename and preallocation of a workload that appends, flushes, rolls (by
 * size and forced), writes checkpoints and closes cleanly: each fault makes
 * a call fail (never a crash or a hang), nothing acknowledged is lost and
 * the stream reopens.  Then a full disk: a roll falls back to a reserved log
 * and the log refuses new work with JET_errLogDiskFull, still takes what
 * finishes work (compensations, ROLLBACK, COMMIT, DETACHDB, page-space
 * bookkeeping), and closes cleanly.
 */
#include "log_tu.h"

#define LEG (LOG_LEGACY_ESE98 | LOG_LEGACY_8DOT3)
#define NREC 150

/* The workload; *acked and *appended tell how far it got. */
static JET_ERR workload(log_t **plog, uint64_t *acked, uint64_t *appended)
{
    log_t *log = *plog;
    JET_ERR err;
    log_lsn l = 0;
    for (uint64_t i = 0; i < NREC; i++) {
        CALL(tl_append(log, i, tl_size(i) + 600, &l));
        *appended = i + 1;
        if (i % 3 == 2) {
            CALL(log_flush(log, l));
            *acked = i + 1;
        }
        if (i % 50 == 25) {
            log_checkpoint cp;
            log_checkpoint_get(log, &cp);
            cp.lsn = log_flushed_lsn(log);
            CALL(log_checkpoint_write(log, &cp));
        }
        if (i == 70) {
            CALL(log_roll(log));
            *acked = i + 1;
        }
    }
    *plog = NULL;
    err = log_close(log, true);
    if (err >= 0)
        *acked = NREC;
    return err;
}

/* Run the workload with op's nth call failing; check the aftermath. */
static JET_ERR run_one(JETDB_FAULT_OP op, uint64_t nth, int errnum, JET_GRBIT grbit,
                       uint64_t *count)
{
    tl_env e;
    log_t *log;
    log_open_result res;
    uint64_t acked = 0, appended = 0;

    tl_env_init(&e, "logfault");
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    assert_jet_ok(JetDbFaultArm(op, nth, errnum, grbit, NULL));
    JET_ERR err = workload(&log, &acked, &appended);
    if (count)
        *count = JetDbFaultCount(op);
    uint64_t fired = JetDbFaultFired(op);
    JetDbFaultDisarmAll();
    if (nth > 0 && fired == 0)
        assert_jet_ok(err);
    if (log != NULL)
        assert_jet_ok(log_close(log, false));

    /* Whatever failed, the stream opens and holds everything acknowledged. */
    JET_ERR oerr = log_open(&e.cfg, &log, &res);
    if (oerr < 0)
        print_message("op %d nth %llu: workload %d, reopen %d\n", (int)op,
                      (unsigned long long)nth, (int)err, (int)oerr);
    assert_jet_ok(oerr);
    assert_jet_ok(log_close(log, true));
    tl_read rd;
    tl_read_all(e.logdir, LEG, 0, &rd);
    assert_jet_ok(rd.err);
    if (rd.n < acked || rd.n > appended)
        print_message("op %d nth %llu: read %llu, acked %llu, appended %llu\n", (int)op,
                      (unsigned long long)nth, (unsigned long long)rd.n,
                      (unsigned long long)acked, (unsigned long long)appended);
    assert_true(rd.n >= acked);
    assert_true(rd.n <= appended);
    for (uint64_t i = 0; i < rd.n; i++)
        assert_int_equal(rd.seqs[i], i);
    tl_read_free(&rd);
    tl_env_free(&e);
    return err;
}

static void sweep(JETDB_FAULT_OP op, int errnum, JET_GRBIT grbit, bool must_fail)
{
    uint64_t count = 0;
    assert_jet_ok(run_one(op, 0, 0, 0, &count));
    assert_true(count > 0);
    /* Every call when there are few, a spread when there are many. */
    uint64_t step = count / 120 + 1;
    unsigned failed = 0;
    for (uint64_t nth = 1; nth <= count; nth += step)
        failed += run_one(op, nth, errnum, grbit, NULL) < 0;
    print_message("op %d: %llu calls, %u runs failed\n", (int)op, (unsigned long long)count,
                  failed);
    if (must_fail)
        assert_true(failed > 0);
}

static void test_fault_write(void **state)
{
    (void)state;
    sweep(JETDB_faultopWrite, 5 /* EIO */, 0, true);
}

static void test_fault_short_write(void **state)
{
    (void)state;
    sweep(JETDB_faultopWrite, 5, JETDB_bitFaultShortWrite, true);
}

static void test_fault_fsync(void **state)
{
    (void)state;
    sweep(JETDB_faultopFsync, 5, 0, true);
}

static void test_fault_rename(void **state)
{
    (void)state;
    sweep(JETDB_faultopRename, 5, 0, true);
}

static void test_fault_open(void **state)
{
    (void)state;
    sweep(JETDB_faultopOpen, 5, 0, true);
}

static void test_fault_prealloc(void **state)
{
    (void)state;
    /* A single failed pre-creation is absorbed: the next roll retries. */
    sweep(JETDB_faultopTruncate, 28 /* ENOSPC */, 0, false);
}

static void test_disk_full_reserve(void **state)
{
    (void)state;
    tl_env e;
    log_t *log;
    log_open_result res;

    tl_env_init(&e, "logfull");
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    log_lsn l;
    assert_jet_ok(tl_append(log, 0, 500, &l));
    assert_jet_ok(JetDbFaultArm(JETDB_faultopTruncate, 1, 28, JETDB_bitFaultPersistent, NULL));
    /* Btmp was ready: this roll works, but the next Btmp cannot be made. */
    assert_jet_ok(log_roll(log));
    char *tmp = tl_log_file(&e, "edbtmp.log");
    char *res1 = tl_log_file(&e, "edbres00001.jrs");
    char *res2 = tl_log_file(&e, "edbres00002.jrs");
    assert_false(tu_exists(tmp));
    assert_jet_ok(tl_append(log, 1, 500, &l));
    assert_jet_ok(log_flush(log, l));
    /* The next roll takes a reserved log. */
    assert_jet(JET_errLogDiskFull, log_roll(log));
    assert_int_equal(log_generation(log), 3);
    assert_false(tu_exists(res1));
    assert_true(tu_exists(res2));
    assert_jet(JET_errLogDiskFull, tl_append(log, 2, 500, &l));
    assert_jet(JET_errLogDiskFull, log_roll(log));
    assert_jet_ok(log_flush(log, LOG_LSN_ALL));
    /* ... but a clean shutdown can still be logged. */
    assert_jet_ok(log_close(log, true));
    JetDbFaultDisarmAll();
    char *cur = tl_log_file(&e, "edb.log");
    log_file_hdr h;
    assert_jet_ok(log_read_header(cur, &h));
    assert_true(h.flags & LOG_FILEF_RESERVE);

    assert_jet_ok(log_open(&e.cfg, &log, &res));
    assert_true(res.clean);
    assert_true(tu_exists(res1));
    assert_true(tu_exists(tmp));
    assert_jet_ok(tl_append(log, 2, 500, &l));
    assert_jet_ok(log_close(log, true));
    tl_read rd;
    tl_read_all(e.logdir, LEG, 0, &rd);
    assert_jet_ok(rd.err);
    assert_int_equal(rd.n, 3);
    tl_read_free(&rd);

    /* No reserved log left: the roll fails and changes nothing. */
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    assert_int_equal(unlink(res1), 0);
    assert_int_equal(unlink(res2), 0);
    assert_int_equal(unlink(tmp), 0);
    assert_jet_ok(JetDbFaultArm(JETDB_faultopTruncate, 1, 28, JETDB_bitFaultPersistent, NULL));
    uint32_t g = log_generation(log);
    assert_jet(JET_errLogDiskFull, log_roll(log));
    assert_int_equal(log_generation(log), g);
    assert_jet_ok(tl_append(log, 3, 100, &l));      /* fits in the current file */
    assert_jet_ok(log_close(log, true));
    JetDbFaultDisarmAll();
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    assert_true(res.clean);
    assert_jet_ok(log_close(log, false));

    /* A full disk on a log write: the log stops with JET_errLogDiskFull. */
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    assert_jet_ok(tl_append(log, 4, 100, &l));
    assert_jet_ok(JetDbFaultArm(JETDB_faultopWrite, 1, 28, 0, "edb.log"));
    assert_jet(JET_errLogDiskFull, log_flush(log, l));
    JetDbFaultDisarmAll();
    assert_jet(JET_errLogDiskFull, tl_append(log, 5, 100, &l));
    assert_jet(JET_errLogDiskFull, log_close(log, true));
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    assert_true(res.clean);     /* record 4 never reached the disk: TERM is still last */
    assert_jet_ok(log_close(log, false));

    free(cur);
    free(tmp);
    free(res1);
    free(res2);
    tl_env_free(&e);
}

/* A record of type type for transaction txid (flags: the layer's byte). */
static JET_ERR append_kind(log_t *log, uint8_t type, uint8_t flags, uint64_t txid, bool finish,
                           log_lsn *lsn)
{
    uint8_t rec[200];
    log_rec_hdr h;
    log_rec_init(&h, type, sizeof rec, 1, txid);
    h.flags = flags;
    memset(rec, 0x33, sizeof rec);
    memcpy(rec, &h, sizeof h);
    return finish ? log_append_finish(log, rec, sizeof rec, lsn)
                  : log_append(log, rec, sizeof rec, lsn);
}

/* On a reserved log new work is refused and what finishes work goes in:
 * ESE keeps the reserved logs so that open transactions can be rolled
 * back, databases detached and a clean shutdown logged. */
static void test_disk_full_finish(void **state)
{
    (void)state;
    tl_env e;
    log_t *log;
    log_open_result res;

    tl_env_init(&e, "logfullfin");
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    log_lsn l;
    assert_jet_ok(tl_append(log, 0, 500, &l));
    assert_jet_ok(JetDbFaultArm(JETDB_faultopTruncate, 1, 28, JETDB_bitFaultPersistent, NULL));
    assert_jet_ok(log_roll(log));
    assert_jet(JET_errLogDiskFull, log_roll(log));      /* onto edbres00001.jrs */
    uint32_t g = log_generation(log);

    /* New work: a new transaction, a change that carries undo. */
    assert_jet(JET_errLogDiskFull, append_kind(log, LOG_REC_BEGIN, 0, 0, false, &l));
    assert_jet(JET_errLogDiskFull, tl_append(log, 77, 300, &l));
    assert_jet(JET_errLogDiskFull, append_kind(log, LOG_REC_ATTACHDB, 0, 0, false, &l));
    assert_jet(JET_errLogDiskFull, append_kind(log, LOG_REC_TRACE, 0, 0, false, &l));
    /* Finishing work: compensation, ROLLBACK, DETACHDB (log_append_finish);
     * COMMIT, and the page-space bookkeeping of no transaction. */
    uint8_t clr[300];
    tl_make(clr, 1, sizeof clr);
    assert_jet_ok(log_append_finish(log, clr, sizeof clr, &l));
    assert_jet_ok(append_kind(log, LOG_REC_ROLLBACK, 0, 77, true, &l));
    assert_jet_ok(append_kind(log, LOG_REC_DETACHDB, 0, 0, true, &l));
    assert_jet_ok(append_kind(log, LOG_REC_COMMIT, 0, 78, false, &l));
    assert_jet_ok(tl_append(log, 0, 300, &l));      /* txid 0: no transaction */
    assert_jet_ok(log_flush(log, l));
    assert_int_equal(log_generation(log), g);

    /* Finishing records may make the roll onto the next reserved log
     * (each flush takes a segment: fill the file) ... */
    uint32_t rolled_at = 0;
    for (unsigned i = 0; i < 40 && rolled_at == 0; i++) {
        assert_jet_ok(append_kind(log, LOG_REC_ROLLBACK, 0, 100 + i, true, &l));
        assert_jet_ok(log_flush(log, l));
        if (log_generation(log) != g)
            rolled_at = i;
    }
    assert_true(rolled_at > 0);
    assert_int_equal(log_generation(log), g + 1);
    char *res2 = tl_log_file(&e, "edbres00002.jrs");
    assert_false(tu_exists(res2));
    /* ... still refusing new work there ... */
    assert_jet(JET_errLogDiskFull, append_kind(log, LOG_REC_BEGIN, 0, 0, false, &l));
    /* ... until no reserved log is left: then they are refused too, with
     * no roll (the generation stays) and the log still usable. */
    JET_ERR err = JET_errSuccess;
    for (unsigned i = 0; i < 40 && err >= 0; i++) {
        err = append_kind(log, LOG_REC_ROLLBACK, 0, 200 + i, true, &l);
        if (err >= 0)
            assert_jet_ok(log_flush(log, l));
    }
    assert_jet(JET_errLogDiskFull, err);
    assert_int_equal(log_generation(log), g + 1);
    assert_jet_ok(log_flush(log, LOG_LSN_ALL));
    /* The TERM cannot fit either: not a clean close, but nothing lost. */
    assert_jet(JET_errLogDiskFull, log_close(log, true));
    JetDbFaultDisarmAll();
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    assert_false(res.clean);
    assert_jet_ok(log_close(log, true));
    tl_read rd;
    tl_read_all(e.logdir, LEG, 0, &rd);
    assert_jet_ok(rd.err);
    assert_int_equal(rd.n, 3);   /* record 0, the compensation and the space record */
    assert_int_equal(rd.last_type, LOG_REC_TERM);
    tl_read_free(&rd);
    free(res2);
    tl_env_free(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fault_write),
        cmocka_unit_test(test_fault_short_write),
        cmocka_unit_test(test_fault_fsync),
        cmocka_unit_test(test_fault_rename),
        cmocka_unit_test(test_fault_open),
        cmocka_unit_test(test_fault_prealloc),
        cmocka_unit_test(test_disk_full_reserve),
        cmocka_unit_test(test_disk_full_finish),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
