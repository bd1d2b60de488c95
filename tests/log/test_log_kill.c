/*
 * test_log_kill.c: real crashes.  A forked child opens the stream and
 * appends + flushes records on several threads, reporting every
 * acknowledged record (sequence number and LSN) through a pipe; the parent
 * kills it with SIGKILL at a random moment (sometimes in the middle of a
 * roll: the files are small), reopens the stream and checks that every
 * acknowledged record is there, intact, at its LSN, and that each thread's
 * records form a gap-free prefix.  The same stream lives through all the
 * crashes.  20 rounds by default, 200 with JETDB_LONG_TESTS=1.
 */
#include "log_tu.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>

#define NTHR 4
#define SEQ(round, tid, i) ((uint64_t)(round) * 100000000u + (uint64_t)(tid) * 1000000u + (i))

struct ack {
    uint64_t seq;
    log_lsn lsn;
};

struct child_thr {
    log_t *log;
    int fd;
    unsigned round;
    unsigned tid;
};

static void *child_thread(void *arg)
{
    struct child_thr *c = arg;
    for (uint64_t i = 0; i < 999999; i++) {
        struct ack a;
        a.seq = SEQ(c->round, c->tid, i);
        if (tl_append(c->log, a.seq, tl_size(a.seq), &a.lsn) < 0 || log_flush(c->log, a.lsn) < 0)
            _exit(3);
        /* 16 bytes < PIPE_BUF: each report arrives whole. */
        if (write(c->fd, &a, sizeof a) != (ssize_t)sizeof a)
            _exit(4);
    }
    return NULL;
}

static void child_main(const log_config *cfg, int fd, unsigned round)
{
    log_t *log;
    log_open_result res;
    if (log_open(cfg, &log, &res) < 0)
        _exit(2);
    struct child_thr c[NTHR];
    pthread_t t[NTHR];
    for (unsigned i = 0; i < NTHR; i++) {
        c[i] = (struct child_thr){ log, fd, round, i };
        pthread_create(&t[i], NULL, child_thread, &c[i]);
    }
    for (unsigned i = 0; i < NTHR; i++)
        pthread_join(t[i], NULL);
    _exit(0);
}

static int cmp_seq(const void *a, const void *b)
{
    uint64_t x = ((const struct ack *)a)->seq, y = ((const struct ack *)b)->seq;
    return x < y ? -1 : x > y;
}

static void test_kill(void **state)
{
    (void)state;
    tl_env e;
    const char *lt = getenv("JETDB_LONG_TESTS");
    unsigned rounds = lt && *lt && strcmp(lt, "0") != 0 ? 200 : 20;
    size_t nacks = 0, cap = 4096;
    struct ack *acks = malloc(cap * sizeof *acks);
    unsigned seed = (unsigned)getpid();

    tl_env_init(&e, "logkill");
    for (unsigned round = 0; round < rounds; round++) {
        int p[2];
        assert_int_equal(pipe(p), 0);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            close(p[0]);
            child_main(&e.cfg, p[1], round);
        }
        close(p[1]);
        usleep((useconds_t)(3000 + rand_r(&seed) % 40000));
        kill(pid, SIGKILL);
        int status;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        assert_true(WIFSIGNALED(status));
        size_t got = 0;
        for (;;) {
            if (nacks == cap) {
                cap *= 2;
                acks = realloc(acks, cap * sizeof *acks);
            }
            ssize_t n = read(p[0], &acks[nacks], sizeof *acks);
            if (n == 0)
                break;
            if (n < 0 && errno == EINTR)
                continue;
            assert_int_equal(n, (ssize_t)sizeof *acks);
            nacks++;
            got++;
        }
        close(p[0]);

        /* Recovery: open (finishing whatever the kill interrupted), read all. */
        log_t *log;
        log_open_result res;
        assert_jet_ok(log_open(&e.cfg, &log, &res));
        if (nacks > 0)
            assert_false(res.created);     /* the stream survived the crash */
        assert_jet_ok(log_close(log, false));
        tl_read rd;
        tl_read_all(e.logdir, LOG_LEGACY_ESE98 | LOG_LEGACY_8DOT3, 0, &rd);
        assert_jet_ok(rd.err);
        struct ack *found = malloc((rd.n + 1) * sizeof *found);
        for (uint64_t i = 0; i < rd.n; i++)
            found[i] = (struct ack){ rd.seqs[i], rd.lsns[i] };
        qsort(found, rd.n, sizeof *found, cmp_seq);
        for (size_t i = 0; i < nacks; i++) {
            struct ack *f = bsearch(&acks[i], found, rd.n, sizeof *found, cmp_seq);
            if (f == NULL)
                print_message("round %u: acknowledged record %llu lost\n", round,
                              (unsigned long long)acks[i].seq);
            assert_non_null(f);
            assert_true(f->lsn == acks[i].lsn);
        }
        /* Per thread and round, no holes: record i+1 was appended only after
         * record i was durable. */
        for (uint64_t i = 0; i < rd.n; i++) {
            uint64_t k = found[i].seq % 1000000u;
            if (k > 0)
                assert_true(i > 0 && found[i - 1].seq == found[i].seq - 1);
        }
        free(found);
        tl_read_free(&rd);
        if (round % 5 == 0)
            print_message("round %u: %zu acknowledged this round, %zu in all\n", round, got,
                          nacks);
    }
    free(acks);
    tl_env_free(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kill),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
