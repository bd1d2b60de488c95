/*
 * test_ver_crash.c: ISAM transactions across a crash.
 *
 * A child process runs threads whose transactions use every feature at
 * once: inserts, a delete of a row the previous transaction committed
 * (flag-deleted), a savepoint that is rolled back (insert, replace and
 * delete undone by logged compensations), a savepoint that is committed
 * into its parent, then a durable commit acknowledged through a pipe.  The
 * parent kills the child with SIGKILL at a random moment, recovers
 * (JetInit) and checks every thread's history: acknowledged transactions
 * are there exactly (the rolled-back savepoint left nothing, the committed
 * one is whole), the first unacknowledged one is all or nothing, rows
 * deleted by committed transactions are invisible, and a flagged row left
 * behind by the crash can be inserted over.
 */
#include "ver_util.h"

#include "util/err.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define THREADS 3
#define MAX_TXN 100000

typedef struct ack {
    uint32_t thread, txn;
} ack;

static int g_pipe = -1;
static pthread_mutex_t g_pipe_mu = PTHREAD_MUTEX_INITIALIZER;
static ver_env g_child;

static void key_of(uint32_t round, uint32_t thread, uint32_t n, const char *suffix, char *key)
{
    snprintf(key, 48, "r%02uw%un%06u%s", round, thread, n, suffix);
}

static JET_ERR ins(vtx *x, const char *key, const char *val)
{
    return ve_ins(x, g_child.t, key, val);
}

/* Transaction n of a thread (see the file comment). */
static JET_ERR one_txn(sess *s, uint32_t round, uint32_t w, uint32_t n)
{
    char a0[48], a1[48], b0[48], c0[48], pa0[48], pa1[48];
    key_of(round, w, n, "a0", a0);
    key_of(round, w, n, "a1", a1);
    key_of(round, w, n, "b0", b0);
    key_of(round, w, n, "c0", c0);
    key_of(round, w, n - 1, "a0", pa0);
    key_of(round, w, n - 1, "a1", pa1);
    bt_tree *t = g_child.t;
    CALL(vtx_begin(s, 0));
    vtx *x = vtx_current(s);
    CALL(ins(x, a0, "A"));
    CALL(ins(x, a1, "A"));
    if (n > 0)
        CALL(ve_del(x, t, pa1));
    /* A savepoint undone. */
    CALL(vtx_begin(s, 0));
    CALL(ins(x, b0, "B"));
    CALL(ve_rep(x, t, a0, "B"));
    if (n > 0)
        CALL(ve_del(x, t, pa0));
    CALL(vtx_rollback(s, 0));
    /* A savepoint kept. */
    CALL(vtx_begin(s, 0));
    CALL(ins(x, c0, "C"));
    CALL(ve_rep(x, t, a0, "AC"));
    CALL(vtx_commit(s, 0));
    return vtx_commit(s, 0);
}

struct warg {
    uint32_t round, thread;
};

static void *worker(void *p)
{
    struct warg *a = p;
    sess *s = g_child.s[a->thread + 1];
    for (uint32_t n = 0; n < MAX_TXN; n++) {
        if (one_txn(s, a->round, a->thread, n) < 0)
            _exit(4);
        ack k = { a->thread, n };
        pthread_mutex_lock(&g_pipe_mu);
        ssize_t wr = write(g_pipe, &k, sizeof k);
        pthread_mutex_unlock(&g_pipe_mu);
        if (wr != (ssize_t)sizeof k)
            _exit(5);
    }
    return NULL;
}

static void child(const char *dir, uint32_t objid, uint32_t round, int fd)
{
    g_pipe = fd;
    if (ve_try_open(&g_child, dir, false, objid) < 0)
        _exit(2);
    pthread_t th[THREADS];
    struct warg args[THREADS];
    for (uint32_t i = 0; i < THREADS; i++) {
        args[i] = (struct warg){ round, i };
        if (pthread_create(&th[i], NULL, worker, &args[i]) != 0)
            _exit(3);
    }
    for (;;)
        pause();
}

/* What the parent sees of one key (x NULL: committed state). */
static const char *seen(ver_env *v, const char *key, char *buf)
{
    size_t actual = 0;
    JET_ERR err = vt_get(NULL, v->t, key, strlen(key), 0, buf, 15, &actual);
    if (err == JET_errRecordNotFound)
        return NULL;
    assert_jet_ok(err);
    buf[actual] = '\0';
    return buf;
}

static void expect(ver_env *v, const char *key, const char *val)
{
    char buf[16];
    const char *got = seen(v, key, buf);
    if ((got == NULL) != (val == NULL) || (got && strcmp(got, val) != 0))
        fail_msg("%s: expected %s, found %s", key, val ? val : "(none)", got ? got : "(none)");
}

static void check_thread(ver_env *v, uint32_t round, uint32_t w, uint32_t acked)
{
    char k[48], buf[16];
    /* The first unacknowledged transaction: committed or not at all. */
    key_of(round, w, acked, "a0", k);
    bool last_committed = seen(v, k, buf) != NULL;
    uint32_t committed = acked + (last_committed ? 1 : 0);
    for (uint32_t n = 0; n <= acked; n++) {
        bool mine = n < committed;
        key_of(round, w, n, "a0", k);
        expect(v, k, mine ? "AC" : NULL);
        key_of(round, w, n, "c0", k);
        expect(v, k, mine ? "C" : NULL);
        key_of(round, w, n, "b0", k);
        expect(v, k, NULL);
        assert_int_equal(ve_raw(v->t, k), 0);
        /* a1 is deleted by the next committed transaction. */
        key_of(round, w, n, "a1", k);
        expect(v, k, mine && n + 1 >= committed ? "A" : NULL);
        if (mine && n + 1 < committed)
            assert_true(ve_raw(v->t, k) != 1);   /* gone or flagged */
    }
    key_of(round, w, acked + 1, "a0", k);
    expect(v, k, NULL);
}

static void test_sigkill(void **state)
{
    (void)state;
    char *dir = tu_mkdtemp("vercrash");
    const char *longrun = getenv("JETDB_LONG_TESTS");
    int rounds = longrun && *longrun == '1' ? 60 : 6;
    srand((unsigned)time(NULL));

    ver_env v;
    ve_open(&v, dir, true, 0);
    uint32_t objid = v.objid;
    ve_close(&v, 0);

    for (int round = 0; round < rounds; round++) {
        int fds[2];
        assert_int_equal(pipe(fds), 0);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            close(fds[0]);
            child(dir, objid, (uint32_t)round, fds[1]);
        }
        close(fds[1]);
        usleep((useconds_t)(150000 + rand() % 350000));
        kill(pid, SIGKILL);
        int status;
        waitpid(pid, &status, 0);
        assert_true(WIFSIGNALED(status));
        uint32_t acked[THREADS] = { 0 };
        ack a;
        while (read(fds[0], &a, sizeof a) == (ssize_t)sizeof a) {
            assert_true(a.thread < THREADS);
            assert_int_equal(a.txn, acked[a.thread]);   /* in order */
            acked[a.thread]++;
        }
        close(fds[0]);

        ve_open(&v, dir, false, objid);
        uint32_t total = 0;
        for (uint32_t w = 0; w < THREADS; w++) {
            check_thread(&v, (uint32_t)round, w, acked[w]);
            total += acked[w];
        }
        /* A row flagged before the crash (or already cleaned) can be
         * inserted over by a new transaction. */
        if (acked[0] >= 2) {
            char k[48];
            key_of((uint32_t)round, 0, 0, "a1", k);
            ve_begin(&v, 0);
            assert_jet_ok(ve_ins(ve_x(&v, 0), v.t, k, "again"));
            ve_commit(&v, 0);
            expect(&v, k, "again");
        }
        bt_check_stats cs;
        assert_jet_ok(bt_check(v.t, &cs));
        print_message("round %d: %u transactions acknowledged\n", round, total);
        ve_close(&v, 0);
    }
    tu_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sigkill),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
