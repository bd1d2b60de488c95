/*
 * test_log_ckpt.c: the checkpoint file (round trip, torn copy A or B falls
 * back to the other, both bad is an error, the newer copy wins), circular
 * logging (old generations reused/deleted, not while paused) and
 * log_delete_below.
 */
#include "log_tu.h"

#define LEG (LOG_LEGACY_ESE98 | LOG_LEGACY_8DOT3)

static void fill_cp(log_checkpoint *cp, log_lsn lsn)
{
    memset(cp, 0, sizeof *cp);
    cp->lsn = lsn;
    cp->full_backup_lsn = log_lsn_make(1, 4096 + 32);
    logtime_now(&cp->full_backup_time);
    cp->inc_backup_lsn = lsn;
    logtime_now(&cp->inc_backup_time);
    cp->nattach = LOG_ATTACH_MAX;
    for (uint32_t i = 0; i < LOG_ATTACH_MAX; i++) {
        log_attach *a = &cp->attach[i];
        a->dbid = (uint8_t)(i + 1);
        memset(a->path, 'a' + (int)i, i == 3 ? LOG_ATTACH_PATH_MAX : 10 + i);
        signature_new(&a->sign_db);
        a->lsn_attach = log_lsn_make(1, 4096 * (i + 1) + 32);
    }
    strcpy(cp->attach[0].path, "/data/db/\xc3\xa9t\xc3\xa9.edb");
}

static void assert_cp_equal(const log_checkpoint *a, const log_checkpoint *b)
{
    assert_true(a->lsn == b->lsn);
    assert_true(a->full_backup_lsn == b->full_backup_lsn);
    assert_true(logtime_equal(&a->full_backup_time, &b->full_backup_time));
    assert_true(a->inc_backup_lsn == b->inc_backup_lsn);
    assert_true(logtime_equal(&a->inc_backup_time, &b->inc_backup_time));
    assert_int_equal(a->nattach, b->nattach);
    for (uint32_t i = 0; i < a->nattach; i++) {
        assert_int_equal(a->attach[i].dbid, b->attach[i].dbid);
        assert_string_equal(a->attach[i].path, b->attach[i].path);
        assert_true(signature_equal(&a->attach[i].sign_db, &b->attach[i].sign_db));
        assert_true(a->attach[i].lsn_attach == b->attach[i].lsn_attach);
    }
}

static void test_checkpoint_file(void **state)
{
    (void)state;
    tl_env e;
    log_t *log;
    log_open_result res;
    log_checkpoint cp1, cp2, got;

    tl_env_init(&e, "logckpt");
    char *chk = tu_path(e.sysdir, "edb.chk");
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    log_lsn l1, l2;
    assert_jet_ok(tl_append(log, 0, 3000, &l1));
    assert_jet_ok(tl_append(log, 1, 3000, &l2));
    assert_true(log_flushed_lsn(log) <= l1);

    fill_cp(&cp1, l1);
    assert_jet_ok(log_checkpoint_write(log, &cp1));
    assert_true(log_flushed_lsn(log) > l1);      /* WAL: the log first */
    assert_jet_ok(log_checkpoint_read(e.sysdir, "edb", LEG, &got));
    assert_cp_equal(&cp1, &got);
    assert_true(signature_equal(&got.sign_log, &res.sign_log));
    uint8_t old_b[LOG_SEG_SIZE];
    {
        FILE *f = fopen(chk, "rb");
        assert_non_null(f);
        assert_int_equal(fseek(f, LOG_SEG_SIZE, SEEK_SET), 0);
        assert_int_equal(fread(old_b, 1, sizeof old_b, f), sizeof old_b);
        fclose(f);
    }

    fill_cp(&cp2, l2);
    cp2.nattach = 2;
    assert_jet_ok(log_checkpoint_write(log, &cp2));
    log_checkpoint_get(log, &got);
    assert_cp_equal(&cp2, &got);

    /* Bad input. */
    log_checkpoint bad = cp2;
    bad.nattach = LOG_ATTACH_MAX + 1;
    assert_jet(JET_errInvalidParameter, log_checkpoint_write(log, &bad));
    bad = cp2;
    bad.lsn = log_end_lsn(log) + 1;
    assert_jet(JET_errInvalidParameter, log_checkpoint_write(log, &bad));
    bad = cp2;
    memset(bad.attach[1].path, 'x', sizeof bad.attach[1].path);
    assert_jet(JET_errInvalidParameter, log_checkpoint_write(log, &bad));
    assert_jet_ok(log_close(log, false));

    /* Copy A torn: B has the same (newest) contents. */
    tl_flip(chk, 100);
    assert_jet_ok(log_checkpoint_read(e.sysdir, "edb", LEG, &got));
    assert_cp_equal(&cp2, &got);
    tl_flip(chk, 100);
    /* Copy B torn: A. */
    tl_flip(chk, LOG_SEG_SIZE + 3000);
    assert_jet_ok(log_checkpoint_read(e.sysdir, "edb", LEG, &got));
    assert_cp_equal(&cp2, &got);
    /* Both torn. */
    tl_flip(chk, 7);
    assert_jet(JET_errCheckpointCorrupt, log_checkpoint_read(e.sysdir, "edb", LEG, &got));
    assert_jet(JET_errCheckpointCorrupt, log_open(&e.cfg, &log, &res));
    tl_flip(chk, 7);
    tl_flip(chk, LOG_SEG_SIZE + 3000);

    /* A crash while copy B was being written: A is new, B still old. */
    int fd = open(chk, O_RDWR);
    assert_true(fd >= 0);
    assert_int_equal(pwrite(fd, old_b, sizeof old_b, LOG_SEG_SIZE), (ssize_t)sizeof old_b);
    close(fd);
    assert_jet_ok(log_checkpoint_read(e.sysdir, "edb", LEG, &got));
    assert_cp_equal(&cp2, &got);
    /* ... and while A was being written: A torn, B old. */
    tl_flip(chk, 50);
    assert_jet_ok(log_checkpoint_read(e.sysdir, "edb", LEG, &got));
    assert_cp_equal(&cp1, &got);
    tl_flip(chk, 50);

    /* A short file: only copy A. */
    assert_int_equal(truncate(chk, LOG_SEG_SIZE), 0);
    assert_jet_ok(log_checkpoint_read(e.sysdir, "edb", LEG, &got));
    assert_cp_equal(&cp2, &got);
    unlink(chk);
    assert_jet(JET_errCheckpointFileNotFound, log_checkpoint_read(e.sysdir, "edb", LEG, &got));

    /* Reopen: the checkpoint of the last clean close is the one set. */
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    assert_false(res.checkpoint_found);
    assert_jet_ok(log_set_checkpoint(log, l2));
    assert_jet(JET_errInvalidParameter, log_set_checkpoint(log, log_end_lsn(log) + 1));
    assert_jet_ok(log_close(log, true));
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    assert_true(res.checkpoint_found);
    assert_true(res.checkpoint == l2);
    assert_jet_ok(log_close(log, true));
    free(chk);
    tl_env_free(&e);
}

static uint32_t count_archived(tl_env *e, uint32_t *lo, uint32_t *hi)
{
    uint32_t n = 0;
    assert_jet_ok(log_gen_range(e->logdir, "edb", LEG, lo, hi));
    for (uint32_t g = *lo; g && g <= *hi; g++) {
        char *p = tl_arch(e, g);
        n += (uint32_t)tu_exists(p);
        free(p);
    }
    return n;
}

/* Append until the generation grows by k, moving the checkpoint to the end
 * after every record (as a cache that keeps up would). */
static void advance(log_t *log, uint32_t k, uint64_t *seq, bool write_ckpt)
{
    uint32_t target = log_generation(log) + k;
    while (log_generation(log) < target) {
        log_lsn l;
        assert_jet_ok(tl_append(log, *seq, tl_size(*seq), &l));
        (*seq)++;
        if (write_ckpt) {
            log_checkpoint cp;
            log_checkpoint_get(log, &cp);
            cp.lsn = l;
            assert_jet_ok(log_checkpoint_write(log, &cp));
        } else {
            assert_jet_ok(log_set_checkpoint(log, l));
        }
    }
}

static void test_circular(void **state)
{
    (void)state;
    tl_env e;
    log_t *log;
    log_open_result res;
    uint64_t seq = 0;
    uint32_t lo, hi;

    tl_env_init(&e, "logcirc");
    e.cfg.circular = true;
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    advance(log, 20, &seq, true);
    uint32_t g = log_generation(log);
    uint32_t n = count_archived(&e, &lo, &hi);
    /* The generations kept below the checkpoint's (K = 2) and a little slack. */
    assert_true(n <= 3);
    assert_int_equal(hi, g - 1);
    log_stats st;
    log_get_stats(log, &st);
    assert_true(st.gens_reused > 10);

    /* Paused: nothing reused or deleted while a backup needs the files. */
    log_pause_deletion(log);
    log_pause_deletion(log);
    uint32_t before = count_archived(&e, &lo, &hi);
    advance(log, 6, &seq, false);       /* the checkpoint moves with the rolls */
    assert_int_equal(count_archived(&e, &lo, &hi), before + 6);
    log_resume_deletion(log);
    advance(log, 1, &seq, false);
    assert_int_equal(count_archived(&e, &lo, &hi), before + 7);
    log_resume_deletion(log);
    advance(log, 1, &seq, false);
    assert_true(count_archived(&e, &lo, &hi) <= 3);
    /* The checkpoint reached the file before any generation was freed. */
    log_checkpoint cp;
    assert_jet_ok(log_checkpoint_read(e.sysdir, "edb", LEG, &cp));
    assert_true(log_lsn_gen(cp.lsn) >= hi);
    assert_jet_ok(log_close(log, true));

    /* Everything from the checkpoint on reads back. */
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    assert_true(res.clean);
    assert_jet_ok(log_close(log, false));
    tl_read rd;
    tl_read_all(e.logdir, LEG, cp.lsn, &rd);
    assert_jet_ok(rd.err);
    assert_true(rd.n >= 1);
    assert_int_equal(rd.seqs[rd.n - 1], seq - 1);
    tl_read_free(&rd);
    tl_env_free(&e);
}

static void test_delete_below(void **state)
{
    (void)state;
    tl_env e;
    log_t *log;
    log_open_result res;
    uint64_t seq = 0;
    uint32_t lo, hi, del = 99;

    tl_env_init(&e, "logdel");
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    advance(log, 7, &seq, false);      /* gens 1..7 archived, 8 current */
    assert_int_equal(count_archived(&e, &lo, &hi), 7);
    /* Nothing at or past the durable checkpoint (still gen 1 on disk). */
    assert_jet(JET_errInvalidParameter, log_delete_below(log, 2, &del));
    assert_int_equal(del, 0);
    assert_jet_ok(log_delete_below(log, 1, &del));
    assert_int_equal(del, 0);

    log_checkpoint cp;
    log_checkpoint_get(log, &cp);
    cp.lsn = log_lsn_make(5, LOG_SEG_SIZE + LOG_SEG_HDR_SIZE);
    assert_jet_ok(log_checkpoint_write(log, &cp));
    assert_jet_ok(log_delete_below(log, 4, &del));
    assert_int_equal(del, 3);
    assert_int_equal(count_archived(&e, &lo, &hi), 4);
    assert_int_equal(lo, 4);
    assert_jet(JET_errInvalidParameter, log_delete_below(log, 6, &del));
    assert_jet(JET_errInvalidParameter, log_delete_below(log, 9, &del));
    /* Missing generations are skipped. */
    char *p = tl_arch(&e, 4);
    unlink(p);
    free(p);
    assert_jet_ok(log_delete_below(log, 5, &del));
    assert_int_equal(del, 0);
    assert_jet_ok(log_delete_below(log, 5, NULL));
    /* Pausing circular deletion does not stop the backup's truncation. */
    log_pause_deletion(log);
    cp.lsn = log_lsn_make(7, LOG_SEG_SIZE + LOG_SEG_HDR_SIZE);
    assert_jet_ok(log_checkpoint_write(log, &cp));
    assert_jet_ok(log_delete_below(log, 7, &del));
    assert_int_equal(del, 2);
    log_resume_deletion(log);
    assert_jet_ok(log_close(log, true));
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    assert_int_equal(res.gen_min, 7);
    assert_jet_ok(log_close(log, false));
    tl_env_free(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_checkpoint_file),
        cmocka_unit_test(test_circular),
        cmocka_unit_test(test_delete_below),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
