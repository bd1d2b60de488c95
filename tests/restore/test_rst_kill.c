/*
 * test_rst_kill.c: end to end with a process killed by SIGKILL.
 *
 * A child process commits batches of rows on a writer thread while its
 * main thread takes a full backup (copied aside as it is then), lets more
 * commits happen, takes an incremental backup into the same folder, and
 * then waits to be killed at a random moment.  Shared memory tells the
 * parent how many rows were acknowledged at each point.  The parent then
 * restores (a) the full backup alone, (b) the full + incremental folder
 * into fresh folders, and (c) the same folder into the dead process's own
 * folder, rolling forward through its logs.  Every result must be exactly
 * a prefix of whole transactions: (a) and (b) between the rows committed
 * when the backup began and when it returned, (c) every acknowledged row.
 */
#include "rst_tu.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "os/os.h"

#define BATCH 25u
#define ROUNDS 3

typedef struct shared {
    atomic_ullong committed;        /* rows acknowledged so far */
    atomic_ullong full_begin, full_end, inc_begin, inc_end;
    atomic_int phase;               /* 2: both backups done */
} shared;

static char *g_dir;
static shared *g_sh;
static bkt g_env;

static int setup(void **state)
{
    (void)state;
    g_dir = tu_mkdtemp("rstkill");
    g_sh = mmap(NULL, sizeof *g_sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    return g_sh == MAP_FAILED ? -1 : 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_rmtree(g_dir);
    free(g_dir);
    munmap(g_sh, sizeof *g_sh);
    return 0;
}

/* Child writer: one durable transaction of BATCH rows after another. */
static void *writer(void *p)
{
    bkt *e = p;
    bt_tree *t;
    if (st_tree_open(e->c.st, e->objid, &t) < 0)
        _exit(3);
    for (uint64_t next = 0;; next += BATCH) {
        txn *x;
        if (txn_begin(e->c.log, &x) < 0 || core_insert_rows(t, txn_id(x), next, BATCH) < 0 ||
            txn_commit(x, false, NULL) < 0)
            _exit(4);
        atomic_store(&g_sh->committed, next + BATCH);
    }
    return NULL;
}

/* Wait until at least n rows are acknowledged. */
static void wait_rows(uint64_t n)
{
    while (atomic_load(&g_sh->committed) < n)
        usleep(1000);
}

/* Copy every file of a folder into another (a snapshot of a backup). */
static void copy_folder(const char *from, const char *to)
{
    char **names = NULL;
    size_t n = 0;
    if (os_mkdir_p(to) < 0 || os_list_dir(from, &names, &n) < 0)
        _exit(6);
    for (size_t i = 0; i < n; i++) {
        char a[900], b[900];
        rtu_join(a, sizeof a, from, names[i]);
        rtu_join(b, sizeof b, to, names[i]);
        rtu_copy(a, b);
    }
    os_list_free(names, n);
}

/* The child: writer running; full backup; more writes; incremental. */
static void child(const char *live, const char *bk, const char *bkfull)
{
    bkt_open(&g_env, live, true);
    pthread_t th;
    if (pthread_create(&th, NULL, writer, &g_env) != 0)
        _exit(2);
    wait_rows(1500);
    atomic_store(&g_sh->full_begin, atomic_load(&g_sh->committed));
    if (JetBackupInstanceA(g_env.c.inst, bk, 0, NULL) < 0)
        _exit(7);
    atomic_store(&g_sh->full_end, atomic_load(&g_sh->committed));
    copy_folder(bk, bkfull);
    wait_rows(atomic_load(&g_sh->full_end) + 1500);
    atomic_store(&g_sh->inc_begin, atomic_load(&g_sh->committed));
    if (JetBackupInstanceA(g_env.c.inst, bk, JET_bitBackupIncremental, NULL) < 0)
        _exit(8);
    atomic_store(&g_sh->inc_end, atomic_load(&g_sh->committed));
    atomic_store(&g_sh->phase, 2);
    for (;;)
        pause();
}

/* The restored prefix lies in [lo, hi + BATCH] and is whole transactions. */
static void check_between(const char *dir, uint64_t lo, uint64_t hi)
{
    uint64_t k = rtu_prefix(dir, hi + 4 * BATCH);
    if (k < lo || k > hi + BATCH || k % BATCH != 0)
        fail_msg("%s: %llu rows, expected %llu..%llu", dir, (unsigned long long)k,
                 (unsigned long long)lo, (unsigned long long)(hi + BATCH));
    char p[900];
    rtu_join(p, sizeof p, dir, "core.edb");
    rtu_check_clean(p);
}

static void test_kill_restore(void **state)
{
    (void)state;
    srand((unsigned)time(NULL));
    for (int round = 0; round < ROUNDS; round++) {
        tu_rmtree(g_dir);
        assert_int_equal(os_mkdir_p(g_dir), 0);
        char live[700], bk[700], bkfull[700], f0[700], f1[700];
        rtu_join(live, sizeof live, g_dir, "live");
        rtu_join(bk, sizeof bk, g_dir, "bk");
        rtu_join(bkfull, sizeof bkfull, g_dir, "bkfull");
        rtu_join(f0, sizeof f0, g_dir, "f0");
        rtu_join(f1, sizeof f1, g_dir, "f1");
        assert_int_equal(os_mkdir_p(live), 0);
        memset(g_sh, 0, sizeof *g_sh);

        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0)
            child(live, bk, bkfull);
        while (atomic_load(&g_sh->phase) != 2) {
            int st;
            if (waitpid(pid, &st, WNOHANG) == pid)
                fail_msg("child died early (status %d)", st);
            usleep(2000);
        }
        usleep((useconds_t)(rand() % 300000));
        kill(pid, SIGKILL);
        int st;
        waitpid(pid, &st, 0);
        uint64_t acked = atomic_load(&g_sh->committed);

        /* (a) the full backup alone, (b) full + incremental. */
        assert_jet_ok(rtu_restore(f0, bkfull, f0, NULL));
        check_between(f0, atomic_load(&g_sh->full_begin), atomic_load(&g_sh->full_end));
        assert_jet_ok(rtu_restore(f1, bk, f1, NULL));
        check_between(f1, atomic_load(&g_sh->inc_begin), atomic_load(&g_sh->inc_end));
        /* (c) into the killed instance's folder: roll forward to the last
         * acknowledged commit (the database file itself is replaced). */
        assert_jet_ok(rtu_restore(live, bk, NULL, NULL));
        check_between(live, acked, acked);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kill_restore),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
