/*
 * test_core_crash.c: durability proven by killing a process.
 *
 * A child process runs several threads that each commit durable
 * transactions (a batch of rows per transaction, some rolled back on
 * purpose) and report every acknowledged commit through a pipe; the
 * parent kills it with SIGKILL at a random moment, runs recovery
 * (JetInit) and checks: every acknowledged transaction is complete, no
 * rolled-back or unfinished transaction left a single row, and the tree is
 * well-formed.  The same database goes through every iteration, so later
 * rounds recover on top of earlier recoveries.
 *
 * JETDB_LONG_TESTS=1 runs many more iterations.
 */
#include "core_util.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define THREADS 4
#define ROWS_PER_TXN 8
/* Row numbers: round * 10^8 + thread * 10^7 + txn * ROWS_PER_TXN + j. */
#define ROUND_SPAN 100000000ull
#define THREAD_SPAN 10000000ull

typedef struct ack {
    uint32_t round, thread, txn;
    uint8_t committed;   /* 1 = acknowledged commit, 0 = rolled back */
} ack;

static int g_pipe = -1;
static pthread_mutex_t g_pipe_mu = PTHREAD_MUTEX_INITIALIZER;

struct worker_arg {
    core_env *e;
    uint32_t objid, round, thread;
};

/* Child thread: commit transactions until killed. */
static void *worker(void *p)
{
    struct worker_arg *w = p;
    bt_tree *t;
    if (st_tree_open(w->e->st, w->objid, &t) < 0)
        _exit(3);
    for (uint32_t n = 0;; n++) {
        txn *x;
        if (txn_begin(w->e->log, &x) < 0)
            _exit(4);
        uint64_t first = w->round * ROUND_SPAN + w->thread * THREAD_SPAN +
                         (uint64_t)n * ROWS_PER_TXN;
        if (core_insert_rows(t, txn_id(x), first, ROWS_PER_TXN) < 0)
            _exit(5);
        ack a = { w->round, w->thread, n, 1 };
        if (n % 5 == 4) {
            if (core_rollback(x) < 0)
                _exit(6);
            a.committed = 0;
        } else if (txn_commit(x, false, NULL) < 0) {
            _exit(7);
        }
        pthread_mutex_lock(&g_pipe_mu);
        ssize_t wr = write(g_pipe, &a, sizeof a);
        pthread_mutex_unlock(&g_pipe_mu);
        if (wr != (ssize_t)sizeof a)
            _exit(8);
    }
    return NULL;
}

/* The child: open, start the writers, wait to be killed. */
static void child(const char *dir, uint32_t round, uint32_t objid, int fd)
{
    g_pipe = fd;
    core_env e;
    if (core_try_open(&e, dir, false) < 0)
        _exit(2);
    pthread_t th[THREADS];
    struct worker_arg args[THREADS];
    for (uint32_t i = 0; i < THREADS; i++) {
        args[i] = (struct worker_arg){ &e, objid, round, i };
        pthread_create(&th[i], NULL, worker, &args[i]);
    }
    for (;;)
        pause();
}

/* Rows of one transaction all present (1), all absent (0), or torn (-1). */
static int txn_state(bt_tree *t, uint32_t round, uint32_t thread, uint32_t n)
{
    uint64_t first = round * ROUND_SPAN + thread * THREAD_SPAN + (uint64_t)n * ROWS_PER_TXN;
    int present = 0;
    for (uint64_t j = 0; j < ROWS_PER_TXN; j++)
        present += core_row_state(t, first + j);
    return present == ROWS_PER_TXN ? 1 : present == 0 ? 0 : -1;
}

static void test_sigkill_recovery(void **state)
{
    (void)state;
    char *dir = tu_mkdtemp("crash");
    const char *longrun = getenv("JETDB_LONG_TESTS");
    int rounds = longrun && *longrun == '1' ? 300 : 30;
    srand((unsigned)time(NULL));

    /* The database and its tree. */
    core_env e;
    core_open(&e, dir, true);
    txn *x;
    assert_jet_ok(txn_begin(e.log, &x));
    uint32_t objid;
    assert_jet_ok(st_tree_create(e.st, txn_id(x), &objid));
    assert_jet_ok(txn_commit(x, false, NULL));
    core_close(&e, 0);

    uint64_t total_acked = 0;
    for (int round = 1; round <= rounds; round++) {
        int fds[2];
        assert_int_equal(pipe(fds), 0);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            close(fds[0]);
            child(dir, (uint32_t)round, objid, fds[1]);
        }
        close(fds[1]);
        /* Let it run 30..400 ms, then kill it mid-flight. */
        usleep((useconds_t)(30000 + rand() % 370000));
        kill(pid, SIGKILL);
        int status;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

        /* What it acknowledged before dying. */
        size_t cap = 1024, n = 0;
        ack *acks = malloc(cap * sizeof *acks);
        ack a;
        while (read(fds[0], &a, sizeof a) == (ssize_t)sizeof a) {
            if (n == cap)
                acks = realloc(acks, (cap *= 2) * sizeof *acks);
            acks[n++] = a;
        }
        close(fds[0]);

        core_open(&e, dir, false);
        bt_tree *t;
        assert_jet_ok(st_tree_open(e.st, objid, &t));
        uint32_t highest[THREADS] = { 0 };
        for (size_t i = 0; i < n; i++) {
            int s = txn_state(t, acks[i].round, acks[i].thread, acks[i].txn);
            if (acks[i].committed && s != 1)
                fail_msg("round %d: acknowledged txn %u/%u lost (state %d)", round,
                         acks[i].thread, acks[i].txn, s);
            if (!acks[i].committed && s != 0)
                fail_msg("round %d: rolled-back txn %u/%u visible", round, acks[i].thread,
                         acks[i].txn);
            if (acks[i].txn + 1 > highest[acks[i].thread])
                highest[acks[i].thread] = acks[i].txn + 1;
        }
        /* Unacknowledged transactions: each one whole or absent; and none
         * far beyond what was acknowledged (at most the one in flight). */
        for (uint32_t th = 0; th < THREADS; th++) {
            for (uint32_t k = highest[th]; k < highest[th] + 3; k++) {
                int s = txn_state(t, (uint32_t)round, th, k);
                assert_true(s == 0 || s == 1);
                if (k > highest[th])
                    assert_int_equal(s, 0);
            }
        }
        bt_check_stats cs;
        assert_jet_ok(bt_check(t, &cs));
        total_acked += n;
        free(acks);
        core_close(&e, 0);
    }
    assert_true(total_acked > 0);
    print_message("crash test: %d rounds, %llu acknowledged transactions checked\n", rounds,
                  (unsigned long long)total_acked);
    tu_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sigkill_recovery),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
