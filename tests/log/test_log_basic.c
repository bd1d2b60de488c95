/*
 * test_log_basic.c: creating a stream, appending records of many sizes,
 * flushing, closing, reopening and reading everything back with the right
 * LSNs; rolls by size and forced (names, headers, tmPrevGen chain); a clean
 * and a dirty close.
 */
#include "log_tu.h"

static void test_create(void **state)
{
    (void)state;
    tl_env e;
    log_t *log = NULL;
    log_open_result res;

    tl_env_init(&e, "logcreate");
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    assert_true(res.created);
    assert_true(res.clean);
    assert_int_equal(res.gen_current, 1);
    assert_true(res.checkpoint == log_lsn_make(1, LOG_SEG_SIZE + LOG_SEG_HDR_SIZE));
    assert_true(res.end == res.checkpoint);
    assert_false(signature_is_zero(&res.sign_log));
    assert_int_equal(log_generation(log), 1);

    static const char *const names[] = { "edb.log", "edbtmp.log", "edbres00001.jrs",
                                         "edbres00002.jrs" };
    for (size_t i = 0; i < JET_ARRAY_LEN(names); i++) {
        char *p = tl_log_file(&e, names[i]);
        uint64_t size = 0;
        assert_jet_ok(os_path_size(p, &size));
        assert_int_equal(size, 64 * 1024);
        free(p);
    }
    char *chk = tu_path(e.sysdir, "edb.chk");
    assert_true(tu_exists(chk));
    free(chk);

    log_checkpoint cp;
    assert_jet_ok(log_checkpoint_read(e.sysdir, "edb", e.cfg.legacy_names, &cp));
    assert_true(signature_equal(&cp.sign_log, &res.sign_log));
    assert_true(cp.lsn == res.checkpoint);

    char *cur = tl_log_file(&e, "edb.log");
    log_file_hdr h;
    assert_jet_ok(log_read_header(cur, &h));
    assert_int_equal(h.gen, 1);
    assert_int_equal(h.nseg, 16);
    assert_int_equal(h.page_size, 8192);
    assert_true(signature_equal(&h.sign_log, &res.sign_log));
    free(cur);
    assert_jet_ok(log_close(log, true));

    /* .jtx names without the legacy bit. */
    tl_env e2;
    tl_env_init(&e2, "logcreate2");
    e2.cfg.legacy_names = 0;
    assert_jet_ok(log_open(&e2.cfg, &log, &res));
    assert_jet_ok(log_close(log, true));
    char *p = tl_log_file(&e2, "edb.jtx");
    assert_true(tu_exists(p));
    free(p);
    p = tu_path(e2.sysdir, "edb.jcp");
    assert_true(tu_exists(p));
    free(p);

    /* Bad configurations. */
    e2.cfg.file_size_bytes = 12 * 1024;
    assert_jet(JET_errInvalidParameter, log_open(&e2.cfg, &log, &res));
    e2.cfg.file_size_bytes = 64 * 1024 + 100;
    assert_jet(JET_errInvalidParameter, log_open(&e2.cfg, &log, &res));
    e2.cfg.file_size_bytes = 64 * 1024;
    e2.cfg.base = "edbx";
    assert_jet(JET_errInvalidParameter, log_open(&e2.cfg, &log, &res));
    tl_env_free(&e2);
    tl_env_free(&e);
}

/* Append n records of sizes from sizefn, flushing now and then; check the
 * LSNs are increasing and that appending rejects what it must. */
static log_lsn *append_many(log_t *log, uint64_t n, size_t (*sizefn)(uint64_t))
{
    log_lsn *lsns = malloc(n * sizeof *lsns);
    log_lsn prev = 0;
    for (uint64_t i = 0; i < n; i++) {
        assert_jet_ok(tl_append(log, i, sizefn(i), &lsns[i]));
        assert_true(lsns[i] > prev);
        assert_true(log_end_lsn(log) > lsns[i]);
        prev = lsns[i];
        if (i % 7 == 3) {
            assert_jet_ok(log_flush(log, lsns[i]));
            assert_true(log_flushed_lsn(log) > lsns[i]);
        }
    }
    return lsns;
}

static size_t edge_size(uint64_t i)
{
    static const size_t sizes[] = {
        LOG_REC_HDR_SIZE, LOG_REC_HDR_SIZE + 1, 100, LOG_SEG_PAYLOAD - 1, LOG_SEG_PAYLOAD,
        LOG_SEG_PAYLOAD + 1, 4096, 2 * LOG_SEG_PAYLOAD, 2 * LOG_SEG_PAYLOAD + 5, 10000,
        20000, 40000, LOG_REC_MAX, 33, 4000, 4100,
    };
    return sizes[i % JET_ARRAY_LEN(sizes)];
}

static void check_read(const char *logdir, uint64_t n, const log_lsn *lsns, bool term)
{
    tl_read rd;
    tl_read_all(logdir, LOG_LEGACY_ESE98 | LOG_LEGACY_8DOT3, 0, &rd);
    assert_jet_ok(rd.err);
    assert_int_equal(rd.n, n);
    for (uint64_t i = 0; i < n; i++) {
        assert_int_equal(rd.seqs[i], i);
        assert_true(rd.lsns[i] == lsns[i]);
    }
    if (term)
        assert_int_equal(rd.last_type, LOG_REC_TERM);
    tl_read_free(&rd);
}

static void test_append_reopen(void **state)
{
    (void)state;
    tl_env e;
    log_t *log = NULL;
    log_open_result res;

    tl_env_init(&e, "logappend");
    e.cfg.file_size_bytes = 4 * 1024 * 1024;
    assert_jet_ok(log_open(&e.cfg, &log, &res));

    /* Malformed records. */
    uint8_t buf[64];
    tl_make(buf, 1, 64);
    assert_jet(JET_errInvalidParameter, log_append(log, buf, 63, NULL));
    assert_jet(JET_errInvalidParameter, log_append(log, buf, 10, NULL));
    assert_jet(JET_errInvalidParameter, log_append(log, NULL, 64, NULL));
    uint8_t *big = malloc(LOG_REC_MAX + 1);
    tl_make(big, 1, LOG_REC_MAX + 1);
    assert_jet(JET_errInvalidParameter, log_append(log, big, LOG_REC_MAX + 1, NULL));
    free(big);

    const uint64_t n = 300;
    log_lsn *lsns = append_many(log, n, edge_size);
    assert_int_equal(log_generation(log), 1);
    /* A record is placed right after its predecessor unless a flush sealed
     * the segment in between. */
    assert_true(log_lsn_off(lsns[0]) == LOG_SEG_SIZE + LOG_SEG_HDR_SIZE);
    assert_true(log_lsn_off(lsns[1]) == LOG_SEG_SIZE + LOG_SEG_HDR_SIZE + LOG_REC_HDR_SIZE);
    log_lsn end = log_end_lsn(log);
    assert_jet_ok(log_set_checkpoint(log, end));
    assert_jet_ok(log_close(log, true));

    check_read(e.logdir, n, lsns, true);

    assert_jet_ok(log_open(&e.cfg, &log, &res));
    assert_false(res.created);
    assert_true(res.clean);
    assert_true(res.checkpoint == end);
    assert_true(res.end > end);     /* the TERM */
    assert_int_equal(res.gen_current, 1);

    /* Appending resumes at a fresh segment after the end. */
    log_lsn l;
    assert_jet_ok(tl_append(log, n, 50, &l));
    assert_true(l > res.end);
    assert_int_equal(log_lsn_off(l) % LOG_SEG_SIZE, LOG_SEG_HDR_SIZE);
    assert_jet_ok(log_flush(log, l));
    /* Reading from a position in the middle starts there. */
    tl_read rd;
    tl_read_all(e.logdir, e.cfg.legacy_names, lsns[100], &rd);
    assert_jet_ok(rd.err);
    assert_int_equal(rd.n, n - 100 + 1);
    assert_int_equal(rd.seqs[0], 100);
    assert_int_equal(rd.seqs[rd.n - 1], n);
    tl_read_free(&rd);
    assert_jet_ok(log_close(log, false));

    /* Dirty close: reopen says so. */
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    assert_false(res.clean);
    assert_jet_ok(log_close(log, false));

    free(lsns);
    tl_env_free(&e);
}

static void check_chain(tl_env *e, uint32_t gmax, const JET_SIGNATURE *sign)
{
    log_file_hdr prev, h;
    memset(&prev, 0, sizeof prev);
    for (uint32_t g = 1; g <= gmax; g++) {
        char *p = g == gmax ? tl_log_file(e, "edb.log") : tl_arch(e, g);
        assert_jet_ok(log_read_header(p, &h));
        assert_int_equal(h.gen, g);
        assert_true(signature_equal(&h.sign_log, sign));
        if (g == 1) {
            JET_LOGTIME zero;
            memset(&zero, 0, sizeof zero);
            assert_true(logtime_equal(&h.tm_prev, &zero));
        } else {
            assert_true(logtime_equal(&h.tm_prev, &prev.tm_create));
            assert_false(logtime_equal(&h.tm_create, &prev.tm_create));
        }
        if (g < gmax) {
            log_file_info info;
            assert_jet_ok(log_verify_file(p, false, &info));
            assert_true(info.closed);
            assert_false(info.torn_tail);
        }
        free(p);
        prev = h;
    }
}

static void test_roll(void **state)
{
    (void)state;
    tl_env e;
    log_t *log = NULL;
    log_open_result res;

    tl_env_init(&e, "logroll");
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    const uint64_t n = 400;
    log_lsn *lsns = append_many(log, n, tl_size);
    uint32_t g = log_generation(log);
    assert_true(g > 5);
    /* Records never span generations. */
    for (uint64_t i = 0; i + 1 < n; i++)
        if (log_lsn_gen(lsns[i + 1]) != log_lsn_gen(lsns[i]))
            assert_int_equal(log_lsn_off(lsns[i + 1]), LOG_SEG_SIZE + LOG_SEG_HDR_SIZE);

    /* Forced rolls, one of them with nothing pending, one right after another. */
    assert_jet_ok(log_flush(log, LOG_LSN_ALL));
    assert_jet_ok(log_roll(log));
    assert_int_equal(log_generation(log), g + 1);
    assert_jet_ok(log_roll(log));
    assert_int_equal(log_generation(log), g + 2);
    log_lsn extra;
    assert_jet_ok(tl_append(log, n, 300, &extra));
    assert_int_equal(log_lsn_gen(extra), g + 2);
    assert_jet_ok(log_roll(log));        /* the pending record is written first */
    assert_int_equal(log_generation(log), g + 3);
    log_stats st;
    log_get_stats(log, &st);
    assert_true(st.rolls >= g + 2);
    assert_jet_ok(log_close(log, true));

    JET_SIGNATURE sign = res.sign_log;
    check_chain(&e, g + 3, &sign);
    char *p = tl_log_file(&e, "edbtmp.log");
    assert_true(tu_exists(p));
    free(p);

    log_lsn *all = malloc((n + 1) * sizeof *all);
    memcpy(all, lsns, n * sizeof *lsns);
    all[n] = extra;
    check_read(e.logdir, n + 1, all, true);

    assert_jet_ok(log_open(&e.cfg, &log, &res));
    assert_true(res.clean);
    assert_int_equal(res.gen_current, g + 3);
    assert_int_equal(res.gen_min, 1);
    assert_jet_ok(log_close(log, false));

    /* An existing stream keeps its file size whatever the configuration says. */
    e.cfg.file_size_bytes = 128 * 1024;
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    assert_int_equal(res.file_size_bytes, 64 * 1024);
    assert_jet_ok(log_roll(log));
    assert_jet_ok(log_close(log, true));
    p = tl_arch(&e, g + 3);
    uint64_t size;
    assert_jet_ok(os_path_size(p, &size));
    assert_int_equal(size, 64 * 1024);
    free(p);

    free(all);
    free(lsns);
    tl_env_free(&e);
}

static void test_records_exact_fill(void **state)
{
    (void)state;
    tl_env e;
    log_t *log = NULL;
    log_open_result res;

    /* Records that exactly fill the file's 15 data segments, then one more:
     * the roll happens at the boundary, and reading handles a full file. */
    tl_env_init(&e, "logfill");
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    log_lsn lsns[40];
    for (uint64_t i = 0; i < 30; i++) {
        assert_jet_ok(tl_append(log, i, LOG_SEG_PAYLOAD / 2, &lsns[i]));
        assert_int_equal(log_lsn_gen(lsns[i]), 1);
    }
    assert_jet_ok(tl_append(log, 30, LOG_REC_HDR_SIZE, &lsns[30]));
    assert_int_equal(log_lsn_gen(lsns[30]), 2);
    assert_jet_ok(log_close(log, true));
    char *p = tl_arch(&e, 1);
    log_file_info info;
    assert_jet_ok(log_verify_file(p, false, &info));
    assert_int_equal(info.segs_valid, 15);
    assert_int_equal(info.records, 30);
    assert_true(info.closed);
    free(p);
    check_read(e.logdir, 31, lsns, true);
    tl_env_free(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create),
        cmocka_unit_test(test_append_reopen),
        cmocka_unit_test(test_roll),
        cmocka_unit_test(test_records_exact_fill),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
