/*
 * test_log_group.c: group commit.  16 threads append and flush (commit)
 * concurrently across log rolls, with a checkpoint writer and a forced-roll
 * thread alongside; every record is read back in per-thread order, and the
 * number of fsyncs is far below the number of commits.
 */
#include "log_tu.h"

#include <pthread.h>
#include <stdatomic.h>

#define NTHREADS 16
#define NCOMMITS 250

struct ctx {
    log_t *log;
    int id;
    atomic_int *stop;
};

/* Each thread's records carry seq = id * 1000000 + i. */
static void *committer(void *arg)
{
    struct ctx *c = arg;
    for (uint64_t i = 0; i < NCOMMITS; i++) {
        uint64_t seq = (uint64_t)c->id * 1000000u + i;
        log_lsn l;
        assert_jet_ok(tl_append(c->log, seq, tl_size(seq), &l));
        assert_jet_ok(log_flush(c->log, l));
        assert_true(log_flushed_lsn(c->log) > l);
    }
    return NULL;
}

/* Moves the checkpoint and forces rolls while the committers run. */
static void *disturber(void *arg)
{
    struct ctx *c = arg;
    for (int k = 0; !atomic_load(c->stop); k++) {
        log_checkpoint cp;
        log_checkpoint_get(c->log, &cp);
        cp.lsn = log_flushed_lsn(c->log);
        assert_jet_ok(log_checkpoint_write(c->log, &cp));
        if (k % 4 == 0)
            assert_jet_ok(log_roll(c->log));
        usleep(2000);
    }
    return NULL;
}

static void run(bool circular, bool disturb)
{
    tl_env e;
    log_t *log;
    log_open_result res;
    pthread_t t[NTHREADS], d;
    struct ctx c[NTHREADS], dc;
    atomic_int stop = 0;

    tl_env_init(&e, "loggroup");
    e.cfg.file_size_bytes = 256 * 1024;
    e.cfg.circular = circular;
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    assert_jet_ok(JetDbFaultArm(JETDB_faultopFsync, 0, 0, 0, NULL));
    dc.log = log;
    dc.stop = &stop;
    if (disturb)
        assert_int_equal(pthread_create(&d, NULL, disturber, &dc), 0);
    for (int i = 0; i < NTHREADS; i++) {
        c[i].log = log;
        c[i].id = i;
        c[i].stop = &stop;
        assert_int_equal(pthread_create(&t[i], NULL, committer, &c[i]), 0);
    }
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(t[i], NULL);
    atomic_store(&stop, 1);
    if (disturb)
        pthread_join(d, NULL);
    uint64_t fsyncs = JetDbFaultCount(JETDB_faultopFsync);
    JetDbFaultDisarmAll();
    log_stats st;
    log_get_stats(log, &st);
    print_message("commits %d, fsyncs %llu, log writes %llu, waits %llu, rolls %llu\n",
                  NTHREADS * NCOMMITS, (unsigned long long)fsyncs,
                  (unsigned long long)st.flushes, (unsigned long long)st.flush_waits,
                  (unsigned long long)st.rolls);
    assert_int_equal(st.appends, NTHREADS * NCOMMITS);
    if (!disturb) {
        /* Rolls and folder syncs are included: still far below one per commit. */
        assert_true(fsyncs * 2 < NTHREADS * NCOMMITS);
        assert_true(st.flushes * 2 < NTHREADS * NCOMMITS);
    }
    assert_jet_ok(log_close(log, true));

    if (!circular) {
        tl_read rd;
        tl_read_all(e.logdir, LOG_LEGACY_ESE98 | LOG_LEGACY_8DOT3, 0, &rd);
        assert_jet_ok(rd.err);
        assert_int_equal(rd.n, NTHREADS * NCOMMITS);
        uint64_t next[NTHREADS] = { 0 };
        for (uint64_t i = 0; i < rd.n; i++) {
            uint64_t id = rd.seqs[i] / 1000000u, k = rd.seqs[i] % 1000000u;
            assert_true(id < NTHREADS);
            assert_int_equal(k, next[id]);
            next[id]++;
        }
        tl_read_free(&rd);
    }
    tl_env_free(&e);
}

static void test_group_commit(void **state)
{
    (void)state;
    run(false, false);
}

static void test_group_commit_with_rolls(void **state)
{
    (void)state;
    run(false, true);
    run(true, true);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_group_commit),
        cmocka_unit_test(test_group_commit_with_rolls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
