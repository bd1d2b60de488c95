/*
 * test_log_limits.c: the reader's limits used by restore — a reader that
 * ends after a given generation (never opens the next file, which may be a
 * running instance's current log), and log_open of a folder whose stream
 * continues another folder's (log_config.gen_first).
 */
#include "log_tu.h"

#include <stdio.h>

/* Records of 124..1023 bytes: 40 of them fit one 64 KiB generation. */
static size_t rec_size(uint64_t seq)
{
    return LOG_REC_HDR_SIZE + 100 + (size_t)(seq * 37 % 900);
}

/* A stream of 5 generations (4 archived + the current one), records
 * 1..n_out; closed cleanly. */
static void five_gens(tl_env *e, uint64_t *n_out)
{
    log_t *log = NULL;
    log_open_result res;
    assert_jet_ok(log_open(&e->cfg, &log, &res));
    uint64_t seq = 1;
    for (int g = 0; g < 4; g++) {
        for (int i = 0; i < 40; i++, seq++)
            assert_jet_ok(tl_append(log, seq, rec_size(seq), NULL));
        assert_jet_ok(log_roll(log));
    }
    for (int i = 0; i < 10; i++, seq++)
        assert_jet_ok(tl_append(log, seq, rec_size(seq), NULL));
    assert_jet_ok(log_close(log, true));
    *n_out = seq - 1;
}

/* Read every record with reader r; returns the error it ended with and
 * the number of tl_make records (checked in order from 1). */
static JET_ERR read_with(log_reader *r, uint64_t *n, uint32_t *max_gen)
{
    *n = 0;
    *max_gen = 0;
    for (;;) {
        const void *rec;
        size_t len;
        log_lsn lsn;
        JET_ERR err = log_reader_next(r, &rec, &len, &lsn);
        if (err < 0 || rec == NULL)
            return err;
        if (log_lsn_gen(lsn) > *max_gen)
            *max_gen = log_lsn_gen(lsn);
        const log_rec_hdr *h = rec;
        if (h->type != LOG_REC_PAGE)
            continue;
        uint64_t seq = 0;
        assert_true(tl_check(rec, len, &seq));
        assert_int_equal(seq, *n + 1);
        (*n)++;
    }
}

static void test_last_gen(void **state)
{
    (void)state;
    tl_env e;
    tl_env_init(&e, "logver_last");
    uint64_t total;
    five_gens(&e, &total);
    log_reader *r;
    uint64_t n;
    uint32_t gmax;
    /* Up to generation 3: the records of 1..3, a clean end. */
    assert_jet_ok(log_reader_open(e.logdir, "edb", e.cfg.legacy_names, 0, &r));
    log_reader_set_last(r, 3);
    assert_jet_ok(read_with(r, &n, &gmax));
    assert_int_equal(n, 120);
    assert_int_equal(gmax, 3);
    log_reader_close(r);
    /* Generation 4 is never opened: garbage there does not matter. */
    char *p4 = tl_arch(&e, 4);
    char *keep = tu_path(e.dir, "g4");
    tl_copy_file(p4, keep);
    FILE *f = fopen(p4, "wb");
    assert_non_null(f);
    fputs("not a log", f);
    fclose(f);
    assert_jet_ok(log_reader_open(e.logdir, "edb", e.cfg.legacy_names, 0, &r));
    log_reader_set_last(r, 3);
    assert_jet_ok(read_with(r, &n, &gmax));
    assert_int_equal(n, 120);
    log_reader_close(r);
    /* Without the limit the damage is found. */
    assert_jet_ok(log_reader_open(e.logdir, "edb", e.cfg.legacy_names, 0, &r));
    assert_true(read_with(r, &n, &gmax) < 0);
    log_reader_close(r);
    tl_copy_file(keep, p4);
    free(p4);
    free(keep);
    /* 0 = no limit: everything, the current log included. */
    assert_jet_ok(log_reader_open(e.logdir, "edb", e.cfg.legacy_names, 0, &r));
    log_reader_set_last(r, 0);
    assert_jet_ok(read_with(r, &n, &gmax));
    assert_int_equal(n, total);
    assert_int_equal(gmax, 5);
    log_reader_close(r);
    tl_env_free(&e);
}

/* A folder continuing another folder's stream: older archived files of
 * the stream lie there, but not the generations in between. */
static void test_gen_first(void **state)
{
    (void)state;
    tl_env e;
    tl_env_init(&e, "logver_first");
    uint64_t total;
    five_gens(&e, &total);
    char *other = tu_path(e.dir, "other");
    assert_int_equal(mkdir(other, 0755), 0);
    for (uint32_t g = 1; g <= 2; g++) {
        char name[LOG_NAME_MAX];
        assert_jet_ok(log_name_archived("edb", e.cfg.legacy_names, g, name, sizeof name));
        char *from = tl_arch(&e, g);
        char *to = tu_path(other, name);
        tl_copy_file(from, to);
        free(from);
        free(to);
    }
    char *p4 = tl_arch(&e, 4);
    log_file_info i4;
    assert_jet_ok(log_verify_file(p4, false, &i4));
    free(p4);
    assert_jet_ok(log_create_successor(other, "edb", e.cfg.legacy_names, &i4));
    log_config cfg = e.cfg;
    cfg.log_path = other;
    cfg.system_path = other;
    log_t *log = NULL;
    log_open_result res;
    assert_jet(JET_errMissingLogFile, log_open(&cfg, &log, &res));
    cfg.gen_first = 5;
    assert_jet_ok(log_open(&cfg, &log, &res));
    assert_int_equal(res.gen_current, 5);
    assert_jet_ok(tl_append(log, total + 1, 100, NULL));
    assert_jet_ok(log_close(log, true));
    /* Reopened from its checkpoint, no gen_first needed any more. */
    cfg.gen_first = 0;
    assert_jet_ok(log_open(&cfg, &log, &res));
    assert_true(res.clean);
    assert_jet_ok(log_close(log, true));
    free(other);
    tl_env_free(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_last_gen),
        cmocka_unit_test(test_gen_first),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
