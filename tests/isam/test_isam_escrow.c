/*
 * test_isam_escrow.c: JetEscrowUpdate and JetGetLock through esent.h, as
 * ESE behaves.
 *
 * - Escrow updates of one record by several sessions do not conflict: each
 *   transaction sees the committed value (as of its snapshot) plus its own
 *   deltas; pvOld is the value as stored, versions ignored (the committed
 *   value plus every session's pending deltas); a rollback undoes only that
 *   transaction's deltas (savepoints too); JET_bitEscrowNoRollback's delta
 *   stays through a rollback.  A replace, delete or lock of another session
 *   conflicts with a pending delta and the other way round.
 * - Threads incrementing the same counters end with exact sums.
 * - Read locks are shared; a write lock, an update or an escrow update of
 *   another session conflicts with them (JET_errWriteConflict) and the
 *   other way round.
 * - JET_bitColumnDeleteOnZero: a count reaching zero deletes the record.
 * - A SIGKILL in the middle of concurrent escrow transactions: after
 *   recovery every counter equals the sum of the deltas of exactly the
 *   transactions that committed (their journal rows say which).
 */
#include "isam_tu.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static tu_env env;
static JET_TABLEID tab;
static JET_COLUMNID c[4];
static const int32_t zero32 = 0;
static const int64_t zero64 = 0;

enum { C_ID, C_N, C_BIG, C_NOTE };

static const tu_col cols[] = {
    {"id", JET_coltypLong, 0, 0, 0, NULL, 0},
    {"n", JET_coltypLong, 0, JET_bitColumnEscrowUpdate, 0, &zero32, 4},
    {"big", JET_coltypLongLong, 0, JET_bitColumnEscrowUpdate, 0, &zero64, 8},
    {"note", JET_coltypText, 0, 0, 0, NULL, 0},
};
static const tu_idx idx[] = {{"pk", "+id\0", sizeof "+id\0", JET_bitIndexPrimary, 0, NULL, 0}};

static int setup(void **state)
{
    (void)state;
    tu_open(&env, "isam_escrow");
    tu_table(&env, "t", cols, 4, idx, 1, &tab, c);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_close(&env);
    return 0;
}

/* Insert record id (escrow columns left to their defaults). */
static void insert(JET_SESID s, JET_TABLEID t, int32_t id)
{
    assert_jet_ok(JetPrepareUpdate(s, t, JET_prepInsert));
    tu_set_long(s, t, c[C_ID], id);
    tu_set_str(s, t, c[C_NOTE], "note");
    assert_jet_ok(JetUpdate(s, t, NULL, 0, NULL));
}

static void go(JET_SESID s, JET_TABLEID t, int32_t id)
{
    tu_seek_long(s, t, id, JET_bitSeekEQ, JET_errSuccess);
}

static int32_t get_n(JET_SESID s, JET_TABLEID t)
{
    return tu_get_long(s, t, c[C_N]);
}

static int64_t get_big(JET_SESID s, JET_TABLEID t)
{
    int64_t v = 0;
    uint32_t actual = 0;
    assert_jet_ok(JetRetrieveColumn(s, t, c[C_BIG], &v, sizeof v, &actual, 0, NULL));
    assert_int_equal(actual, 8);
    return v;
}

static JET_ERR add_n(JET_SESID s, JET_TABLEID t, int32_t d, int32_t *old, JET_GRBIT grbit)
{
    uint32_t actual = 0;
    return JetEscrowUpdate(s, t, c[C_N], &d, 4, old, old != NULL ? 4 : 0, &actual, grbit);
}

static void test_two_sessions(void **state)
{
    (void)state;
    JET_SESID a = env.ses, b = tu_session(&env), r = tu_session(&env);
    JET_TABLEID ta = tab, tb = tu_open_table(&env, b, "t", 0), tr = tu_open_table(&env, r, "t", 0);
    insert(a, ta, 1);
    go(a, ta, 1);
    go(b, tb, 1);
    go(r, tr, 1);

    assert_jet_ok(JetBeginTransaction(r));     /* an old snapshot */
    assert_jet_ok(JetBeginTransaction(a));
    assert_jet_ok(JetBeginTransaction(b));
    int32_t old = -1;
    assert_jet_ok(add_n(a, ta, 5, &old, 0));
    assert_int_equal(old, 0);
    assert_jet_ok(add_n(b, tb, 7, &old, 0));   /* no conflict */
    assert_int_equal(old, 5);                  /* as stored: a's pending delta counts */
    assert_jet_ok(add_n(a, ta, 1, &old, 0));
    assert_int_equal(old, 12);
    assert_int_equal(get_n(a, ta), 6);         /* committed + own */
    assert_int_equal(get_n(b, tb), 7);
    assert_int_equal(get_n(r, tr), 0);
    /* The other session's replace, delete and write lock conflict... */
    assert_jet(JET_errWriteConflict, JetPrepareUpdate(b, tb, JET_prepReplace));
    assert_jet(JET_errWriteConflict, JetDelete(b, tb));
    assert_jet(JET_errWriteConflict, JetGetLock(b, tb, JET_bitWriteLock));
    /* ... and so do 64-bit deltas against 32-bit ones (ESE's two kinds). */
    int64_t big = 3000000000;
    assert_jet(JET_errWriteConflict, JetEscrowUpdate(b, tb, c[C_BIG], &big, 8, NULL, 0, NULL, 0));

    assert_jet_ok(JetCommitTransaction(a, 0));
    assert_int_equal(get_n(b, tb), 7);         /* a committed after b's snapshot */
    assert_int_equal(get_n(r, tr), 0);
    assert_jet_ok(add_n(b, tb, 100, &old, 0));
    assert_int_equal(old, 13);
    assert_jet_ok(JetRollback(b, 0));          /* only b's deltas go */
    assert_int_equal(get_n(b, tb), 6);         /* outside a transaction: latest committed */
    assert_int_equal(get_n(r, tr), 0);
    assert_jet_ok(JetCommitTransaction(r, 0));
    assert_int_equal(get_n(r, tr), 6);
    /* 64-bit deltas of two sessions. */
    assert_jet_ok(JetBeginTransaction(a));
    assert_jet_ok(JetBeginTransaction(b));
    assert_jet_ok(JetEscrowUpdate(a, ta, c[C_BIG], &big, 8, NULL, 0, NULL, 0));
    int64_t oldbig = -1;
    assert_jet_ok(JetEscrowUpdate(b, tb, c[C_BIG], &big, 8, &oldbig, 8, NULL, 0));
    assert_int_equal(oldbig, 3000000000);
    assert_int_equal(get_big(a, ta), 3000000000);
    assert_jet_ok(JetCommitTransaction(b, 0));
    assert_jet_ok(JetCommitTransaction(a, 0));
    assert_int_equal(get_big(r, tr), 6000000000);
    char note[16];
    assert_jet_ok(tu_get_str(r, tr, c[C_NOTE], note, sizeof note));
    assert_string_equal(note, "note");

    /* Savepoints. */
    assert_jet_ok(JetBeginTransaction(a));
    assert_jet_ok(add_n(a, ta, 1, NULL, 0));
    assert_jet_ok(JetBeginTransaction(a));
    assert_jet_ok(add_n(a, ta, 50, NULL, 0));
    assert_int_equal(get_n(a, ta), 57);
    assert_jet_ok(JetRollback(a, 0));
    assert_int_equal(get_n(a, ta), 7);
    assert_jet_ok(JetCommitTransaction(a, 0));
    assert_int_equal(get_n(b, tb), 7);

    /* JET_bitEscrowNoRollback: seen by all at once, kept through a rollback. */
    assert_jet_ok(JetBeginTransaction(a));
    assert_jet_ok(JetBeginTransaction(b));
    assert_jet_ok(add_n(b, tb, 2, NULL, 0));
    assert_jet_ok(add_n(a, ta, 3, NULL, JET_bitEscrowNoRollback));
    assert_int_equal(get_n(r, tr), 10);
    assert_jet_ok(JetRollback(a, 0));
    assert_jet_ok(JetCommitTransaction(b, 0));
    assert_int_equal(get_n(r, tr), 12);

    /* A session's own replace after its delta keeps both. */
    assert_jet_ok(JetBeginTransaction(a));
    assert_jet_ok(add_n(a, ta, 8, NULL, 0));
    assert_jet_ok(JetPrepareUpdate(a, ta, JET_prepReplace));
    tu_set_str(a, ta, c[C_NOTE], "changed");
    assert_jet_ok(JetUpdate(a, ta, NULL, 0, NULL));
    assert_jet_ok(add_n(a, ta, 1, NULL, 0));
    assert_int_equal(get_n(a, ta), 21);
    assert_jet_ok(JetBeginTransaction(b));
    assert_jet(JET_errWriteConflict, add_n(b, tb, 1, NULL, 0));   /* a's pending replace */
    assert_jet_ok(JetRollback(b, 0));
    assert_jet_ok(JetCommitTransaction(a, 0));
    assert_int_equal(get_n(r, tr), 21);
    assert_jet_ok(tu_get_str(r, tr, c[C_NOTE], note, sizeof note));
    assert_string_equal(note, "changed");

    assert_jet_ok(JetCloseTable(b, tb));
    assert_jet_ok(JetCloseTable(r, tr));
    assert_jet_ok(JetEndSession(b, 0));
    assert_jet_ok(JetEndSession(r, 0));
}

static void test_errors(void **state)
{
    (void)state;
    JET_SESID s = env.ses;
    insert(s, tab, 1);
    go(s, tab, 1);
    int32_t d = 1, old = 0;
    uint32_t actual = 0;
    assert_jet(JET_errNotInTransaction, add_n(s, tab, 1, NULL, 0));
    assert_jet_ok(JetBeginTransaction(s));
    /* pvOld, when given, takes the whole value */
    assert_jet(JET_errInvalidBufferSize,
               JetEscrowUpdate(s, tab, c[C_N], &d, 4, &old, 2, &actual, 0));
    assert_jet(JET_errInvalidBufferSize, JetEscrowUpdate(s, tab, c[C_N], &d, 8, NULL, 0, NULL, 0));
    assert_jet(JET_errInvalidBufferSize, JetEscrowUpdate(s, tab, c[C_BIG], &d, 4, NULL, 0, NULL, 0));
    assert_jet(JET_errInvalidGrbit, JetEscrowUpdate(s, tab, c[C_N], &d, 4, NULL, 0, NULL, 0x2));
    assert_jet(JET_errColumnNotFound, JetEscrowUpdate(s, tab, 77, &d, 4, NULL, 0, NULL, 0));
    assert_jet_ok(JetPrepareUpdate(s, tab, JET_prepReplace));
    assert_jet(JET_errAlreadyPrepared, add_n(s, tab, 1, NULL, 0));
    assert_jet_ok(JetPrepareUpdate(s, tab, JET_prepCancel));
    assert_jet_ok(JetEscrowUpdate(s, tab, c[C_N], &d, 4, &old, 8, &actual, 0));
    assert_int_equal(old, 0);
    assert_int_equal(actual, 4);
    assert_jet_ok(JetCommitTransaction(s, 0));
    /* A read-only transaction cannot escrow-update. */
    assert_jet_ok(JetBeginTransaction2(s, JET_bitTransactionReadOnly));
    assert_jet(JET_errTransReadOnly, add_n(s, tab, 1, NULL, 0));
    assert_jet_ok(JetCommitTransaction(s, 0));
    /* A record deleted under the cursor. */
    assert_jet_ok(JetBeginTransaction(s));
    assert_jet_ok(JetDelete(s, tab));
    assert_jet(JET_errRecordDeleted, add_n(s, tab, 1, NULL, 0));
    assert_jet_ok(JetRollback(s, 0));
    assert_int_equal(get_n(s, tab), 1);
}

/* A record whose escrow column was explicitly set to NULL holds no
 * integer: the update writes the record as a whole. */
static void test_null_column(void **state)
{
    (void)state;
    JET_SESID s = env.ses;
    assert_jet_ok(JetPrepareUpdate(s, tab, JET_prepInsert));
    tu_set_long(s, tab, c[C_ID], 9);
    assert_jet_ok(JetSetColumn(s, tab, c[C_N], NULL, 0, 0, NULL));
    assert_jet_ok(JetUpdate(s, tab, NULL, 0, NULL));
    go(s, tab, 9);
    assert_jet_ok(JetBeginTransaction(s));
    int32_t old = -1;
    assert_jet_ok(add_n(s, tab, 4, &old, 0));
    assert_int_equal(old, 0);
    assert_jet_ok(add_n(s, tab, 4, &old, 0));
    assert_int_equal(old, 4);
    assert_jet_ok(JetCommitTransaction(s, 0));
    assert_int_equal(get_n(s, tab), 8);
}

static void test_read_locks(void **state)
{
    (void)state;
    JET_SESID a = env.ses, b = tu_session(&env);
    JET_TABLEID ta = tab, tb = tu_open_table(&env, b, "t", 0);
    insert(a, ta, 1);
    go(a, ta, 1);
    go(b, tb, 1);
    assert_jet_ok(JetBeginTransaction(a));
    assert_jet_ok(JetBeginTransaction(b));
    assert_jet_ok(JetGetLock(a, ta, JET_bitReadLock));
    assert_jet_ok(JetGetLock(b, tb, JET_bitReadLock));    /* shared */
    /* Writes of either session conflict with the other's read lock. */
    assert_jet(JET_errWriteConflict, JetGetLock(a, ta, JET_bitWriteLock));
    assert_jet(JET_errWriteConflict, JetPrepareUpdate(b, tb, JET_prepReplace));
    assert_jet(JET_errWriteConflict, JetDelete(b, tb));
    assert_jet(JET_errWriteConflict, add_n(a, ta, 1, NULL, 0));
    assert_int_equal(get_n(a, ta), 0);                    /* reading is fine */
    assert_jet_ok(JetRollback(b, 0));
    /* Alone now: a's read lock lets a write. */
    assert_jet_ok(JetGetLock(a, ta, JET_bitWriteLock));
    assert_jet_ok(JetBeginTransaction(b));
    assert_jet(JET_errWriteConflict, JetGetLock(b, tb, JET_bitReadLock));
    assert_jet_ok(JetRollback(b, 0));
    assert_jet_ok(JetCommitTransaction(a, 0));

    /* A read lock against another session's update. */
    assert_jet_ok(JetBeginTransaction(a));
    assert_jet_ok(JetPrepareUpdate(a, ta, JET_prepReplace));
    tu_set_str(a, ta, c[C_NOTE], "a");
    assert_jet_ok(JetUpdate(a, ta, NULL, 0, NULL));
    assert_jet_ok(JetBeginTransaction(b));
    assert_jet(JET_errWriteConflict, JetGetLock(b, tb, JET_bitReadLock));
    assert_jet_ok(JetCommitTransaction(a, 0));
    assert_jet_ok(JetRollback(b, 0));
    /* A read lock in a read-only transaction and on a read-only cursor. */
    JET_TABLEID ro = tu_open_table(&env, b, "t", JET_bitTableReadOnly);
    go(b, ro, 1);
    assert_jet_ok(JetBeginTransaction2(b, JET_bitTransactionReadOnly));
    assert_jet_ok(JetGetLock(b, ro, JET_bitReadLock));
    assert_jet(JET_errPermissionDenied, JetGetLock(b, ro, JET_bitWriteLock));
    assert_jet(JET_errTransReadOnly, JetGetLock(b, tb, JET_bitWriteLock));
    assert_jet_ok(JetBeginTransaction(a));
    assert_jet(JET_errWriteConflict, JetDelete(a, ta));
    assert_jet_ok(JetRollback(a, 0));
    assert_jet_ok(JetCommitTransaction(b, 0));
    /* Errors. */
    assert_jet(JET_errNotInTransaction, JetGetLock(b, tb, JET_bitReadLock));
    assert_jet_ok(JetBeginTransaction(b));
    assert_jet(JET_errInvalidGrbit, JetGetLock(b, tb, 0));
    assert_jet_ok(JetMove(b, tb, JET_MoveLast, 0));
    assert_jet(JET_errNoCurrentRecord, JetMove(b, tb, JET_MoveNext, 0));
    assert_jet(JET_errNoCurrentRecord, JetGetLock(b, tb, JET_bitReadLock));
    assert_jet_ok(JetCommitTransaction(b, 0));
    assert_jet_ok(JetCloseTable(b, ro));
    assert_jet_ok(JetCloseTable(b, tb));
    assert_jet_ok(JetEndSession(b, 0));
}

static void test_delete_on_zero(void **state)
{
    (void)state;
    static const int32_t one = 1;
    static const tu_col rc[] = {
        {"id", JET_coltypLong, 0, 0, 0, NULL, 0},
        {"refs", JET_coltypLong, 0, JET_bitColumnEscrowUpdate | JET_bitColumnDeleteOnZero, 0,
         &one, 4},
    };
    JET_TABLEID t;
    JET_COLUMNID rcid[2];
    tu_table(&env, "refs", rc, 2, idx, 1, &t, rcid);
    JET_SESID a = env.ses, b = tu_session(&env);
    JET_TABLEID tb = tu_open_table(&env, b, "refs", 0);
    for (int32_t id = 1; id <= 2; id++) {
        assert_jet_ok(JetPrepareUpdate(a, t, JET_prepInsert));
        tu_set_long(a, t, rcid[0], id);
        assert_jet_ok(JetUpdate(a, t, NULL, 0, NULL));
    }
    int32_t plus = 1, minus = -1;
    /* Record 1: up to 2 and down to 0 again: gone. */
    tu_seek_long(a, t, 1, JET_bitSeekEQ, JET_errSuccess);
    assert_jet_ok(JetBeginTransaction(a));
    assert_jet_ok(JetEscrowUpdate(a, t, rcid[1], &plus, 4, NULL, 0, NULL, 0));
    assert_jet_ok(JetCommitTransaction(a, 0));
    assert_jet_ok(JetBeginTransaction(a));
    assert_jet_ok(JetEscrowUpdate(a, t, rcid[1], &minus, 4, NULL, 0, NULL, 0));
    assert_jet_ok(JetEscrowUpdate(a, t, rcid[1], &minus, 4, NULL, 0, NULL, 0));
    assert_jet_ok(JetCommitTransaction(a, 0));
    tu_seek_long(a, t, 1, JET_bitSeekEQ, JET_errRecordNotFound);
    /* Record 2: another session holds a delta: the record stays. */
    tu_seek_long(a, t, 2, JET_bitSeekEQ, JET_errSuccess);
    tu_seek_long(b, tb, 2, JET_bitSeekEQ, JET_errSuccess);
    assert_jet_ok(JetBeginTransaction(b));
    assert_jet_ok(JetEscrowUpdate(b, tb, rcid[1], &plus, 4, NULL, 0, NULL, 0));
    assert_jet_ok(JetBeginTransaction(a));
    assert_jet_ok(JetEscrowUpdate(a, t, rcid[1], &minus, 4, NULL, 0, NULL, 0));
    assert_jet_ok(JetCommitTransaction(a, 0));
    assert_jet_ok(JetCommitTransaction(b, 0));
    tu_seek_long(a, t, 2, JET_bitSeekEQ, JET_errSuccess);
    assert_int_equal(tu_get_long(a, t, rcid[1]), 1);
    assert_jet_ok(JetCloseTable(a, t));
    assert_jet_ok(JetCloseTable(b, tb));
    assert_jet_ok(JetEndSession(b, 0));
}

/* ---- threads ---------------------------------------------------------------------- */

#define THREADS 4
#define ROUNDS 150
#define COUNTERS 3

typedef struct worker {
    int idx;
    JET_SESID ses;
    JET_ERR err;
    int line;
    int64_t sum[COUNTERS];
} worker;

#define WCHK(w, expr)                                                                  \
    do {                                                                               \
        JET_ERR e_ = (expr);                                                           \
        if (e_ < 0) {                                                                  \
            (w)->err = e_;                                                             \
            (w)->line = __LINE__;                                                      \
            goto out;                                                                  \
        }                                                                              \
    } while (0)

static void *counter_worker(void *arg)
{
    worker *w = arg;
    JET_SESID s = w->ses;
    JET_TABLEID t = 0;
    WCHK(w, tu_try_open_table(&env, s, "t", 0, &t));
    uint32_t x = (uint32_t)w->idx * 2654435761u + 1;
    for (int i = 0; i < ROUNDS; i++) {
        x = x * 1103515245u + 12345u;
        int32_t id = (int32_t)((x >> 16) % COUNTERS) + 1;
        int32_t d = (int32_t)((x >> 8) % 9) - 3;
        WCHK(w, JetMakeKey(s, t, &id, 4, JET_bitNewKey));
        WCHK(w, JetSeek(s, t, JET_bitSeekEQ));
        WCHK(w, JetBeginTransaction(s));
        int32_t before = 0, after = 0;
        WCHK(w, JetRetrieveColumn(s, t, c[C_N], &before, 4, NULL, 0, NULL));
        WCHK(w, JetEscrowUpdate(s, t, c[C_N], &d, 4, NULL, 0, NULL, 0));
        /* 64-bit deltas on other records: ESE tells the two widths apart,
         * and a pending delta of one width conflicts with the other. */
        int64_t big = (int64_t)d * 1000000000;
        int32_t id64 = id + COUNTERS;
        WCHK(w, JetMakeKey(s, t, &id64, 4, JET_bitNewKey));
        WCHK(w, JetSeek(s, t, JET_bitSeekEQ));
        WCHK(w, JetEscrowUpdate(s, t, c[C_BIG], &big, 8, NULL, 0, NULL, 0));
        WCHK(w, JetMakeKey(s, t, &id, 4, JET_bitNewKey));
        WCHK(w, JetSeek(s, t, JET_bitSeekEQ));
        /* a savepoint rolled back */
        WCHK(w, JetBeginTransaction(s));
        int32_t lots = 1000;
        WCHK(w, JetEscrowUpdate(s, t, c[C_N], &lots, 4, NULL, 0, NULL, 0));
        WCHK(w, JetRollback(s, 0));
        WCHK(w, JetRetrieveColumn(s, t, c[C_N], &after, 4, NULL, 0, NULL));
        if (after != before + d)
            WCHK(w, JET_errInternalError);      /* snapshot + own delta */
        if ((x >> 4) % 4 == 0) {
            WCHK(w, JetRollback(s, 0));
        } else {
            WCHK(w, JetCommitTransaction(s, (x & 1) ? JET_bitCommitLazyFlush : 0));
            w->sum[id - 1] += d;
        }
    }
out:
    if (t != 0)
        JetCloseTable(s, t);
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    JET_SESID s = env.ses;
    for (int32_t id = 1; id <= 2 * COUNTERS; id++)
        insert(s, tab, id);
    worker w[THREADS];
    pthread_t th[THREADS];
    memset(w, 0, sizeof w);
    for (int i = 0; i < THREADS; i++) {
        w[i].idx = i;
        w[i].ses = tu_session(&env);
        assert_int_equal(pthread_create(&th[i], NULL, counter_worker, &w[i]), 0);
    }
    for (int i = 0; i < THREADS; i++)
        pthread_join(th[i], NULL);
    for (int i = 0; i < THREADS; i++) {
        if (w[i].err < 0)
            fail_msg("worker %d: error %d at line %d", i, (int)w[i].err, w[i].line);
        assert_jet_ok(JetEndSession(w[i].ses, 0));
    }
    for (int32_t id = 1; id <= COUNTERS; id++) {
        int64_t want = 0;
        for (int i = 0; i < THREADS; i++)
            want += w[i].sum[id - 1];
        go(s, tab, id);
        assert_int_equal(get_n(s, tab), want);
        go(s, tab, id + COUNTERS);
        assert_int_equal(get_big(s, tab), want * 1000000000);
    }
}

/* ---- crash ---------------------------------------------------------------------------- */

/* A child process: CTHREADS sessions run transactions that add to the
 * COUNTERS counters of table "ctr" (both widths) and insert a journal row
 * (round, thread, n) in the same transaction; some are rolled back, each
 * has a savepoint rolled back.  Deltas are a function of (round, thread, n,
 * counter), so the journal tells what every counter must hold.  The
 * parent kills the child, recovers and checks. */
#define CTHREADS 4

static char *g_dir;
static int g_pipe = -1;
static pthread_mutex_t g_pipe_mu = PTHREAD_MUTEX_INITIALIZER;

static int32_t delta_of(int32_t jid, int k)
{
    uint32_t h = (uint32_t)jid * 2654435761u + (uint32_t)k * 40503u;
    h ^= h >> 13;
    h *= 0x5bd1e995u;
    h ^= h >> 15;
    return (int32_t)(h % 21) - 7;
}

static JET_ERR cstart(JET_INSTANCE *inst, JET_SESID *ses, JET_DBID *db, bool create)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/", g_dir);
    JET_ERR err = JetCreateInstanceA(inst, "escrowcrash");
    if (err < 0)
        return err;
    JetSetSystemParameterA(inst, 0, JET_paramLogFilePath, 0, path);
    JetSetSystemParameterA(inst, 0, JET_paramSystemPath, 0, path);
    JetSetSystemParameterA(inst, 0, JET_paramTempPath, 0, path);
    if ((err = JetInit(inst)) < 0)
        return err;
    if ((err = JetBeginSessionA(*inst, ses, NULL, NULL)) < 0)
        return err;
    snprintf(path, sizeof(path), "%s/escrow.edb", g_dir);
    if (create)
        return JetCreateDatabaseA(*ses, path, NULL, db, 0);
    if ((err = JetAttachDatabaseA(*ses, path, 0)) < 0)
        return err;
    return JetOpenDatabaseA(*ses, path, NULL, db, 0);
}

static void ccolumns(JET_SESID ses, JET_DBID db, JET_COLUMNID *n, JET_COLUMNID *big,
                     JET_COLUMNID *cid, JET_COLUMNID *jid)
{
    JET_COLUMNDEF def = {.cbStruct = sizeof(def)};
    assert_jet_ok(JetGetColumnInfoA(ses, db, "ctr", "n", &def, sizeof def, JET_ColInfo));
    *n = def.columnid;
    assert_jet_ok(JetGetColumnInfoA(ses, db, "ctr", "big", &def, sizeof def, JET_ColInfo));
    *big = def.columnid;
    assert_jet_ok(JetGetColumnInfoA(ses, db, "ctr", "id", &def, sizeof def, JET_ColInfo));
    *cid = def.columnid;
    assert_jet_ok(JetGetColumnInfoA(ses, db, "journal", "id", &def, sizeof def, JET_ColInfo));
    *jid = def.columnid;
}

static void create_counters(void)
{
    JET_INSTANCE inst;
    JET_SESID ses;
    JET_DBID db;
    assert_jet_ok(cstart(&inst, &ses, &db, true));
    int32_t z32 = 0;
    int64_t z64 = 0;
    JET_COLUMNCREATE_A ccols[] = {
        {sizeof(JET_COLUMNCREATE_A), "id", JET_coltypLong, 0, JET_bitColumnNotNULL, NULL, 0,
         0, 0, 0},
        {sizeof(JET_COLUMNCREATE_A), "n", JET_coltypLong, 0, JET_bitColumnEscrowUpdate, &z32, 4,
         0, 0, 0},
        {sizeof(JET_COLUMNCREATE_A), "big", JET_coltypLongLong, 0, JET_bitColumnEscrowUpdate,
         &z64, 8, 0, 0, 0},
    };
    char pk[] = "+id\0";
    JET_INDEXCREATE_A ix = {.cbStruct = sizeof(JET_INDEXCREATE_A), .szIndexName = "pk",
                            .szKey = pk, .cbKey = sizeof(pk), .grbit = JET_bitIndexPrimary,
                            .ulDensity = 100};
    JET_TABLECREATE_A ct = {sizeof(JET_TABLECREATE_A), "ctr", NULL, 1, 100, ccols, 3, &ix, 1,
                            0, 0, 0};
    assert_jet_ok(JetCreateTableColumnIndexA(ses, db, &ct));
    JET_COLUMNCREATE_A jcols[] = {
        {sizeof(JET_COLUMNCREATE_A), "id", JET_coltypLong, 0, JET_bitColumnNotNULL, NULL, 0,
         0, 0, 0},
    };
    JET_INDEXCREATE_A jx = ix;
    JET_TABLECREATE_A jt = {sizeof(JET_TABLECREATE_A), "journal", NULL, 1, 100, jcols, 1, &jx,
                            1, 0, 0, 0};
    assert_jet_ok(JetCreateTableColumnIndexA(ses, db, &jt));
    assert_jet_ok(JetCloseTable(ses, jt.tableid));
    assert_jet_ok(JetBeginTransaction(ses));
    for (int32_t i = 0; i < 2 * COUNTERS; i++) {
        assert_jet_ok(JetPrepareUpdate(ses, ct.tableid, JET_prepInsert));
        assert_jet_ok(JetSetColumn(ses, ct.tableid, ccols[0].columnid, &i, 4, 0, NULL));
        assert_jet_ok(JetUpdate(ses, ct.tableid, NULL, 0, NULL));
    }
    assert_jet_ok(JetCommitTransaction(ses, 0));
    assert_jet_ok(JetCloseTable(ses, ct.tableid));
    assert_jet_ok(JetCloseDatabase(ses, db, 0));
    assert_jet_ok(JetEndSession(ses, 0));
    assert_jet_ok(JetTerm(inst));
}

typedef struct cworker {
    JET_INSTANCE inst;
    int round, thread;
    uint32_t seed;
} cworker;

#define CHILD(expr, code)                                                              \
    do {                                                                               \
        if ((expr) < 0)                                                                \
            _exit(code);                                                               \
    } while (0)

static void *crash_worker(void *p)
{
    cworker *w = p;
    JET_SESID ses;
    JET_DBID db;
    JET_TABLEID ctr, jour;
    char path[1024];
    snprintf(path, sizeof(path), "%s/escrow.edb", g_dir);
    CHILD(JetBeginSessionA(w->inst, &ses, NULL, NULL), 10);
    CHILD(JetOpenDatabaseA(ses, path, NULL, &db, 0), 11);
    CHILD(JetOpenTableA(ses, db, "ctr", NULL, 0, JET_bitTableUpdatable, &ctr), 12);
    CHILD(JetOpenTableA(ses, db, "journal", NULL, 0, JET_bitTableUpdatable, &jour), 13);
    JET_COLUMNID cn, cbig, cid, jid;
    ccolumns(ses, db, &cn, &cbig, &cid, &jid);
    uint32_t x = w->seed;
    for (int32_t n = 0; n < 1000000; n++) {
        x = x * 1103515245u + 12345u;
        int32_t id = w->round * 10000000 + w->thread * 1000000 + n;
        CHILD(JetBeginTransaction(ses), 14);
        for (int k = 0; k < COUNTERS; k++) {
            int32_t d = delta_of(id, k);
            int64_t big = (int64_t)d * 8589934592;
            CHILD(JetMakeKey(ses, ctr, &k, 4, JET_bitNewKey), 15);
            CHILD(JetSeek(ses, ctr, JET_bitSeekEQ), 16);
            CHILD(JetEscrowUpdate(ses, ctr, cn, &d, 4, NULL, 0, NULL, 0), 17);
            if (k == 1) {
                CHILD(JetBeginTransaction(ses), 19);
                int32_t lots = 100000;
                CHILD(JetEscrowUpdate(ses, ctr, cn, &lots, 4, NULL, 0, NULL, 0), 20);
                CHILD(JetRollback(ses, 0), 21);
            }
            /* 64-bit deltas on record k + COUNTERS (a record takes deltas
             * of one width at a time, as in ESE). */
            int32_t k64 = k + COUNTERS;
            CHILD(JetMakeKey(ses, ctr, &k64, 4, JET_bitNewKey), 15);
            CHILD(JetSeek(ses, ctr, JET_bitSeekEQ), 16);
            CHILD(JetEscrowUpdate(ses, ctr, cbig, &big, 8, NULL, 0, NULL, 0), 18);
        }
        CHILD(JetPrepareUpdate(ses, jour, JET_prepInsert), 22);
        CHILD(JetSetColumn(ses, jour, jid, &id, 4, 0, NULL), 23);
        CHILD(JetUpdate(ses, jour, NULL, 0, NULL), 24);
        if ((x >> 8) % 6 == 0) {
            CHILD(JetRollback(ses, 0), 25);
            continue;
        }
        CHILD(JetCommitTransaction(ses, 0), 26);
        pthread_mutex_lock(&g_pipe_mu);
        if (write(g_pipe, &id, sizeof id) != (ssize_t)sizeof id)
            _exit(27);
        pthread_mutex_unlock(&g_pipe_mu);
    }
    return NULL;
}

static void crash_child(int fd, int round, uint32_t seed)
{
    g_pipe = fd;
    JET_INSTANCE inst;
    JET_SESID ses;
    JET_DBID db;
    CHILD(cstart(&inst, &ses, &db, false), 2);
    cworker w[CTHREADS];
    pthread_t th[CTHREADS];
    for (int i = 0; i < CTHREADS; i++) {
        w[i] = (cworker){inst, round, i, seed * 31u + (uint32_t)i};
        if (pthread_create(&th[i], NULL, crash_worker, &w[i]) != 0)
            _exit(3);
    }
    for (int i = 0; i < CTHREADS; i++)
        pthread_join(th[i], NULL);
    _exit(0);
}

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return x < y ? -1 : x > y;
}

static void check_counters(const int32_t *acks, size_t nacks, size_t *journal_rows)
{
    JET_INSTANCE inst;
    JET_SESID ses;
    JET_DBID db;
    assert_jet_ok(cstart(&inst, &ses, &db, false));
    JET_COLUMNID cn, cbig, cid, jid;
    ccolumns(ses, db, &cn, &cbig, &cid, &jid);
    JET_TABLEID ctr, jour;
    assert_jet_ok(JetOpenTableA(ses, db, "ctr", NULL, 0, JET_bitTableReadOnly, &ctr));
    assert_jet_ok(JetOpenTableA(ses, db, "journal", NULL, 0, JET_bitTableReadOnly, &jour));
    int64_t want32[COUNTERS] = {0}, want64[COUNTERS] = {0};
    size_t rows = 0, cap = 1024;
    int32_t *ids = malloc(cap * sizeof *ids);
    assert_non_null(ids);
    for (JET_ERR err = JetMove(ses, jour, JET_MoveFirst, 0); err >= 0;
         err = JetMove(ses, jour, JET_MoveNext, 0)) {
        int32_t id;
        assert_jet_ok(JetRetrieveColumn(ses, jour, jid, &id, 4, NULL, 0, NULL));
        for (int k = 0; k < COUNTERS; k++) {
            want32[k] += delta_of(id, k);
            want64[k] += (int64_t)delta_of(id, k) * 8589934592;
        }
        if (rows == cap) {
            cap *= 2;
            ids = realloc(ids, cap * sizeof *ids);
            assert_non_null(ids);
        }
        ids[rows++] = id;
    }
    for (int32_t k = 0; k < COUNTERS; k++) {
        assert_jet_ok(JetMakeKey(ses, ctr, &k, 4, JET_bitNewKey));
        assert_jet_ok(JetSeek(ses, ctr, JET_bitSeekEQ));
        int32_t v32 = 0, k64 = k + COUNTERS;
        int64_t v64 = 0;
        assert_jet_ok(JetRetrieveColumn(ses, ctr, cn, &v32, 4, NULL, 0, NULL));
        assert_jet_ok(JetMakeKey(ses, ctr, &k64, 4, JET_bitNewKey));
        assert_jet_ok(JetSeek(ses, ctr, JET_bitSeekEQ));
        assert_jet_ok(JetRetrieveColumn(ses, ctr, cbig, &v64, 8, NULL, 0, NULL));
        if (v32 != (int32_t)want32[k] || v64 != want64[k])
            fail_msg("counter %d: %d / %lld, the journal says %lld / %lld", k, v32,
                     (long long)v64, (long long)want32[k], (long long)want64[k]);
    }
    /* Every acknowledged transaction is in the journal. */
    qsort(ids, rows, sizeof *ids, cmp_i32);
    for (size_t i = 0; i < nacks; i++)
        assert_non_null(bsearch(&acks[i], ids, rows, sizeof *ids, cmp_i32));
    *journal_rows = rows;
    free(ids);
    assert_jet_ok(JetCloseTable(ses, ctr));
    assert_jet_ok(JetCloseTable(ses, jour));
    assert_jet_ok(JetCloseDatabase(ses, db, 0));
    assert_jet_ok(JetEndSession(ses, 0));
    assert_jet_ok(JetTerm(inst));
}

static void test_kill_counters(void **state)
{
    (void)state;
    g_dir = tu_mkdtemp("escrowcrash");
    create_counters();
    int rounds = getenv("JETDB_LONG_TESTS") ? 60 : 5;
    srand((unsigned)time(NULL));
    int32_t *acks = NULL;
    size_t nacks = 0, cap = 0, rows = 0;
    for (int r = 0; r < rounds; r++) {
        int fds[2];
        assert_int_equal(pipe(fds), 0);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            close(fds[0]);
            crash_child(fds[1], r, (uint32_t)rand());
        }
        close(fds[1]);
        usleep((useconds_t)(100000 + rand() % 300000));
        kill(pid, SIGKILL);
        int32_t id;
        while (read(fds[0], &id, sizeof id) == (ssize_t)sizeof id) {
            if (nacks == cap) {
                cap = cap ? 2 * cap : 256;
                acks = realloc(acks, cap * sizeof *acks);
                assert_non_null(acks);
            }
            acks[nacks++] = id;
        }
        close(fds[0]);
        int status;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        if (!WIFSIGNALED(status))
            fail_msg("child exited with %d before the kill", WEXITSTATUS(status));
        check_counters(acks, nacks, &rows);
    }
    print_message("%zu acknowledged escrow transactions, %zu committed, over %d rounds\n",
                  nacks, rows, rounds);
    assert_true(nacks > 0);
    free(acks);
    tu_rmtree(g_dir);
    free(g_dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_two_sessions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_null_column, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_locks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_delete_on_zero, setup, teardown),
        cmocka_unit_test_setup_teardown(test_threads, setup, teardown),
        cmocka_unit_test(test_kill_counters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
