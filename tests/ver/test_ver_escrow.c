/*
 * test_ver_escrow.c: escrow deltas (vt_delta) and read locks
 * (vt_read_lock) in the version store, through ver.h.
 *
 * Rows hold "head" + a 4-byte counter at offset 4 + an 8-byte counter at
 * offset 8 + "tail".  Deltas of several transactions on one row do not
 * conflict; each transaction sees the committed value as of its snapshot
 * plus its own deltas; rollbacks (whole and savepoints) drop only their own
 * deltas; JET_bitEscrowNoRollback's deltas are everyone's at once and stay;
 * changes, write locks, read locks and deltas of the other width conflict
 * with pending deltas as in ESE; read locks are shared; threads adding to
 * the same counters end with exact sums.
 */
#include "ver_util.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "inst/inst.h"
#include "txn/ver_int.h"

static char *g_dir;
static ver_env g_env;

#define OFF32 4u
#define OFF64 8u
#define ROWLEN 20u

static int setup(void **state)
{
    (void)state;
    g_dir = tu_mkdtemp("vesc");
    ve_open(&g_env, g_dir, true, 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ve_close(&g_env, 0);
    tu_rmtree(g_dir);
    free(g_dir);
    return 0;
}

static void make_row(uint8_t *b, int32_t c32, int64_t c64)
{
    memcpy(b, "head", 4);
    memcpy(b + OFF32, &c32, 4);
    memcpy(b + OFF64, &c64, 8);
    memcpy(b + 16, "tail", 4);
}

static void seed_row(ver_env *v, const char *key, int32_t c32, int64_t c64)
{
    uint8_t b[ROWLEN];
    make_row(b, c32, c64);
    ve_begin(v, 0);
    assert_jet_ok(vt_insert(ve_x(v, 0), v->t, key, strlen(key), b, sizeof b));
    ve_commit(v, 0);
}

/* The locate callback: the field is given by ctx (an offset; the width
 * follows from it).  ctx NULL: "no such integer" (a warning). */
static JET_ERR locate(void *ctx, const uint8_t *val, size_t len, uint32_t *off,
                      uint32_t *width)
{
    if (ctx == NULL)
        return JET_wrnColumnNull;
    if (len != ROWLEN || memcmp(val, "head", 4) != 0)
        return JET_errDatabaseCorrupted;
    *off = *(const uint32_t *)ctx;
    *width = *off == OFF32 ? 4u : 8u;
    return JET_errSuccess;
}

static uint32_t g_off32 = OFF32, g_off64 = OFF64;

static JET_ERR add32(vtx *x, const char *key, int32_t d, unsigned flags, vt_escrow *out)
{
    vt_escrow dummy;
    return vt_delta(x, g_env.t, key, strlen(key), locate, &g_off32, d, flags,
                    out != NULL ? out : &dummy);
}

static JET_ERR add64(vtx *x, const char *key, int64_t d, vt_escrow *out)
{
    vt_escrow dummy;
    return vt_delta(x, g_env.t, key, strlen(key), locate, &g_off64, d, 0,
                    out != NULL ? out : &dummy);
}

/* What x sees of the counters (and that the rest of the row is intact). */
static int32_t c32_of(vtx *x, const char *key)
{
    uint8_t b[ROWLEN];
    size_t actual = 0;
    assert_jet_ok(vt_get(x, g_env.t, key, strlen(key), 0, b, sizeof b, &actual));
    assert_int_equal(actual, ROWLEN);
    assert_memory_equal(b, "head", 4);
    assert_memory_equal(b + 16, "tail", 4);
    int32_t c;
    memcpy(&c, b + OFF32, 4);
    return c;
}

static int64_t c64_of(vtx *x, const char *key)
{
    uint8_t b[ROWLEN];
    size_t actual = 0;
    assert_jet_ok(vt_get(x, g_env.t, key, strlen(key), 0, b, sizeof b, &actual));
    int64_t c;
    memcpy(&c, b + OFF64, 8);
    return c;
}

/* The counter as stored in the tree (flag byte first). */
static int32_t raw32(const char *key)
{
    uint8_t b[ROWLEN + 1];
    size_t actual = 0;
    assert_jet_ok(bt_get(g_env.t, key, strlen(key), 0, b, sizeof b, &actual));
    int32_t c;
    memcpy(&c, b + 1 + OFF32, 4);
    return c;
}

static void expect_no_versions(ver_env *v)
{
    vs_cleanup(v->in->vs);
    vs_stats st;
    vs_get_stats(v->in->vs, &st);
    assert_int_equal(st.versions, 0);
    assert_int_equal(st.rows, 0);
}

static void test_concurrent_deltas(void **state)
{
    (void)state;
    ver_env *v = &g_env;
    seed_row(v, "r", 100, 1000);

    ve_begin(v, 2);                             /* an old snapshot */
    vtx *r = ve_x(v, 2);
    ve_begin(v, 0);
    ve_begin(v, 1);
    vtx *a = ve_x(v, 0), *b = ve_x(v, 1);
    vt_escrow ea, eb;
    assert_jet_ok(add32(a, "r", 5, 0, &ea));
    assert_int_equal(ea.stored, 100);
    assert_int_equal(ea.seen, 105);
    assert_false(ea.shared);
    /* b's delta of the same counter does not conflict; ESE's pvOld is the
     * stored integer with every pending delta (a's included). */
    assert_jet_ok(add32(b, "r", 7, 0, &eb));
    assert_int_equal(eb.stored, 105);
    assert_int_equal(eb.seen, 107);
    assert_true(eb.shared);
    assert_jet_ok(add32(a, "r", 1, 0, &ea));
    assert_int_equal(ea.stored, 112);
    assert_int_equal(ea.seen, 106);
    /* A delta of the other width conflicts, whatever the integer (ESE). */
    assert_jet(JET_errWriteConflict, add64(b, "r", -1000, NULL));
    /* Each sees the committed value plus its own deltas. */
    assert_int_equal(c32_of(a, "r"), 106);
    assert_int_equal(c32_of(b, "r"), 107);
    assert_int_equal(c64_of(a, "r"), 1000);
    assert_int_equal(c32_of(r, "r"), 100);
    assert_int_equal(c32_of(NULL, "r"), 100);
    assert_int_equal(raw32("r"), 100);          /* pending deltas are not in the tree */

    ve_commit(v, 0);
    assert_int_equal(raw32("r"), 106);
    assert_int_equal(c32_of(NULL, "r"), 106);
    assert_int_equal(c32_of(b, "r"), 107);      /* a committed after b's snapshot */
    assert_int_equal(c32_of(r, "r"), 100);
    ve_commit(v, 1);
    assert_int_equal(c32_of(NULL, "r"), 113);
    assert_int_equal(c32_of(r, "r"), 100);      /* the old snapshot does not move */
    /* 64-bit deltas, alone on the row now. */
    ve_begin(v, 0);
    ve_begin(v, 1);
    a = ve_x(v, 0);
    b = ve_x(v, 1);
    assert_jet_ok(add64(a, "r", -1000, &ea));
    assert_jet_ok(add64(b, "r", 5000000000, &eb));
    assert_int_equal(eb.stored, 0);
    assert_int_equal(eb.seen, 5000001000);
    assert_int_equal(c64_of(a, "r"), 0);
    assert_int_equal(c64_of(b, "r"), 5000001000);
    ve_commit(v, 1);
    ve_commit(v, 0);
    assert_int_equal(c64_of(NULL, "r"), 5000000000);
    assert_int_equal(c64_of(r, "r"), 1000);
    assert_int_equal(c32_of(NULL, "r"), 113);
    ve_begin(v, 3);
    assert_int_equal(c32_of(ve_x(v, 3), "r"), 113);
    ve_commit(v, 3);
    ve_commit(v, 2);
    assert_int_equal(raw32("r"), 113);
    expect_no_versions(v);
}

static void test_rollbacks(void **state)
{
    (void)state;
    ver_env *v = &g_env;
    seed_row(v, "r", 0, 0);
    ve_begin(v, 0);
    ve_begin(v, 1);
    vtx *a = ve_x(v, 0), *b = ve_x(v, 1);
    assert_jet_ok(add32(a, "r", 5, 0, NULL));
    assert_jet_ok(add32(b, "r", 7, 0, NULL));
    ve_rollback(v, 0);                          /* undoes only a's delta */
    assert_int_equal(c32_of(b, "r"), 7);
    ve_commit(v, 1);
    assert_int_equal(c32_of(NULL, "r"), 7);

    /* Savepoints: a level's deltas go with it. */
    ve_begin(v, 0);
    a = ve_x(v, 0);
    assert_jet_ok(add32(a, "r", 1, 0, NULL));
    ve_begin(v, 0);
    assert_jet_ok(add32(a, "r", 10, 0, NULL));
    assert_jet_ok(add32(a, "r", 10, 0, NULL));
    assert_int_equal(c32_of(a, "r"), 28);
    ve_rollback(v, 0);
    assert_int_equal(c32_of(a, "r"), 8);
    ve_begin(v, 0);
    assert_jet_ok(add32(a, "r", 100, 0, NULL));
    ve_commit(v, 0);                            /* into level 1 */
    assert_int_equal(c32_of(a, "r"), 108);
    ve_commit(v, 0);
    assert_int_equal(c32_of(NULL, "r"), 108);

    /* JET_bitEscrowNoRollback: everyone's at once, and it stays. */
    ve_begin(v, 0);
    ve_begin(v, 1);
    a = ve_x(v, 0);
    b = ve_x(v, 1);
    assert_jet_ok(add32(b, "r", 2, 0, NULL));
    vt_escrow e;
    assert_jet_ok(add32(a, "r", 3, VT_DELTA_NO_ROLLBACK, &e));
    assert_int_equal(e.stored, 110);
    assert_int_equal(c32_of(NULL, "r"), 111);
    assert_int_equal(c32_of(b, "r"), 113);
    ve_rollback(v, 0);
    assert_int_equal(c32_of(NULL, "r"), 111);
    ve_commit(v, 1);
    assert_int_equal(c32_of(NULL, "r"), 113);
    expect_no_versions(v);
}

static void test_conflicts(void **state)
{
    (void)state;
    ver_env *v = &g_env;
    seed_row(v, "r", 0, 0);
    seed_row(v, "s", 0, 0);
    uint8_t other[ROWLEN];
    make_row(other, 42, 42);

    ve_begin(v, 0);
    ve_begin(v, 1);
    vtx *a = ve_x(v, 0), *b = ve_x(v, 1);
    assert_jet_ok(add32(a, "r", 1, 0, NULL));
    /* Another transaction's pending delta keeps every other kind of write
     * out, and deltas of the other width (ESE's two operations). */
    assert_jet(JET_errWriteConflict, vt_replace(b, v->t, "r", 1, other, sizeof other));
    assert_jet(JET_errWriteConflict, vt_delete(b, v->t, "r", 1));
    assert_jet(JET_errWriteConflict, vt_lock(b, v->t, "r", 1));
    assert_jet(JET_errWriteConflict, vt_read_lock(b, v->t, "r", 1));
    assert_jet(JET_errWriteConflict, add64(b, "r", 1, NULL));
    assert_jet_ok(add32(b, "r", 1, 0, NULL));
    /* ... and a's own change too, while b has a delta there. */
    assert_jet(JET_errWriteConflict, vt_replace(a, v->t, "r", 1, other, sizeof other));
    ve_rollback(v, 1);
    /* Alone again: a's replace covers a's delta (its bytes came from a's
     * view), so the commit does not add the delta a second time. */
    assert_jet_ok(vt_replace(a, v->t, "r", 1, other, sizeof other));
    assert_jet_ok(add32(a, "r", 8, 0, NULL));
    assert_int_equal(c32_of(a, "r"), 50);
    assert_int_equal(c32_of(NULL, "r"), 0);
    ve_commit(v, 0);
    assert_int_equal(c32_of(NULL, "r"), 50);
    assert_int_equal(c64_of(NULL, "r"), 42);

    /* A pending change keeps deltas out; a change committed after the
     * snapshot too. */
    ve_begin(v, 0);
    ve_begin(v, 1);
    a = ve_x(v, 0);
    b = ve_x(v, 1);
    assert_jet_ok(vt_replace(a, v->t, "s", 1, other, sizeof other));
    assert_jet(JET_errWriteConflict, add32(b, "s", 1, 0, NULL));
    ve_commit(v, 0);
    assert_jet(JET_errWriteConflict, add32(b, "s", 1, 0, NULL));
    ve_rollback(v, 1);
    /* A write lock keeps deltas out. */
    ve_begin(v, 0);
    ve_begin(v, 1);
    a = ve_x(v, 0);
    b = ve_x(v, 1);
    assert_jet_ok(vt_lock(a, v->t, "s", 1));
    assert_jet(JET_errWriteConflict, add32(b, "s", 1, 0, NULL));
    /* a's own delta after its lock, then its own write lock again. */
    assert_jet_ok(add32(a, "s", 1, 0, NULL));
    assert_jet_ok(vt_lock(a, v->t, "s", 1));
    ve_commit(v, 0);
    ve_rollback(v, 1);
    assert_int_equal(c32_of(NULL, "s"), 43);

    /* Errors: no row, no transaction, read-only, the locate warning. */
    ve_begin(v, 0);
    a = ve_x(v, 0);
    assert_jet(JET_errRecordNotFound, add32(a, "zz", 1, 0, NULL));
    vt_escrow e;
    assert_jet(JET_wrnColumnNull, vt_delta(a, v->t, "s", 1, locate, NULL, 1, 0, &e));
    assert_jet(JET_errInvalidParameter, vt_delta(a, v->t, "s", 1, locate, &g_off32, 1, 0x10, &e));
    assert_jet_ok(vt_delete(a, v->t, "s", 1));
    assert_jet(JET_errRecordNotFound, add32(a, "s", 1, 0, NULL));
    ve_rollback(v, 0);
    assert_jet(JET_errNotInTransaction, add32(NULL, "s", 1, 0, NULL));
    assert_jet_ok(vtx_begin(v->s[0], JET_bitTransactionReadOnly));
    assert_jet(JET_errTransReadOnly, add32(ve_x(v, 0), "s", 1, 0, NULL));
    ve_rollback(v, 0);
    assert_int_equal(c32_of(NULL, "s"), 43);
    expect_no_versions(v);
}

/* A transaction's own delete after its delta; a row inserted and counted
 * in the same transaction. */
static void test_own_changes(void **state)
{
    (void)state;
    ver_env *v = &g_env;
    seed_row(v, "r", 5, 5);
    ve_begin(v, 0);
    vtx *a = ve_x(v, 0);
    assert_jet_ok(add32(a, "r", 5, 0, NULL));
    ve_begin(v, 0);
    assert_jet_ok(vt_delete(a, v->t, "r", 1));
    ve_expect(a, v->t, "r", NULL);
    ve_rollback(v, 0);                          /* the delete goes, the delta stays */
    assert_int_equal(c32_of(a, "r"), 10);
    uint8_t b[ROWLEN];
    make_row(b, 1, 1);
    assert_jet_ok(vt_insert(a, v->t, "n", 1, b, sizeof b));
    assert_jet_ok(add32(a, "n", 1, 0, NULL));
    assert_int_equal(c32_of(a, "n"), 2);
    ve_expect(NULL, v->t, "n", NULL);
    ve_commit(v, 0);
    assert_int_equal(c32_of(NULL, "r"), 10);
    assert_int_equal(c32_of(NULL, "n"), 2);
    expect_no_versions(v);
}

/* Cursors and partial reads see the deltas too. */
static void test_cursor_reads(void **state)
{
    (void)state;
    ver_env *v = &g_env;
    seed_row(v, "r", 0x01020304, 0);
    ve_begin(v, 0);
    vtx *a = ve_x(v, 0);
    assert_jet_ok(add32(a, "r", 0x01010101, 0, NULL));
    vt_cursor *c;
    assert_jet_ok(vt_cursor_open(v->t, &c));
    assert_jet_ok(vt_cursor_first(a, c));
    uint8_t buf[ROWLEN];
    size_t actual = 0;
    assert_jet_ok(vt_cursor_value(a, c, 0, buf, sizeof buf, &actual));
    int32_t n;
    memcpy(&n, buf + OFF32, 4);
    assert_int_equal(n, 0x02030405);
    const uint8_t *k, *val;
    size_t klen, vgot, vfull;
    assert_jet_ok(vt_cursor_landed(c, &k, &klen, &val, &vgot, &vfull));
    memcpy(&n, val + OFF32, 4);
    assert_int_equal(n, 0x02030405);
    /* Two bytes straddling the start of the counter, then its last byte. */
    assert_jet(JET_wrnBufferTruncated, vt_cursor_value(a, c, OFF32 - 1, buf, 2, &actual));
    assert_int_equal(buf[0], 'd');
    assert_int_equal(buf[1], 0x05);
    assert_jet(JET_wrnBufferTruncated, vt_get(a, v->t, "r", 1, OFF32 + 3, buf, 1, &actual));
    assert_int_equal(buf[0], 0x02);
    /* Other readers see the committed value. */
    assert_jet_ok(vt_cursor_first(NULL, c));
    assert_jet(JET_wrnBufferTruncated, vt_cursor_value(NULL, c, OFF32, buf, 4, &actual));
    memcpy(&n, buf, 4);
    assert_int_equal(n, 0x01020304);
    vt_cursor_close(c);
    ve_commit(v, 0);
    expect_no_versions(v);
}

static void test_read_locks(void **state)
{
    (void)state;
    ver_env *v = &g_env;
    seed_row(v, "r", 0, 0);
    uint8_t other[ROWLEN];
    make_row(other, 9, 9);

    ve_begin(v, 0);
    ve_begin(v, 1);
    vtx *a = ve_x(v, 0), *b = ve_x(v, 1);
    assert_jet_ok(vt_read_lock(a, v->t, "r", 1));
    assert_jet_ok(vt_read_lock(b, v->t, "r", 1));   /* shared */
    assert_jet_ok(vt_read_lock(a, v->t, "r", 1));   /* again */
    /* A write lock or change needs every other read lock gone. */
    assert_jet(JET_errWriteConflict, vt_lock(a, v->t, "r", 1));
    assert_jet(JET_errWriteConflict, vt_replace(b, v->t, "r", 1, other, sizeof other));
    assert_jet(JET_errWriteConflict, add32(a, "r", 1, 0, NULL));
    assert_int_equal(c32_of(a, "r"), 0);
    ve_rollback(v, 1);
    /* Alone: a upgrades its read lock. */
    assert_jet_ok(vt_replace(a, v->t, "r", 1, other, sizeof other));
    ve_begin(v, 1);
    b = ve_x(v, 1);
    assert_jet(JET_errWriteConflict, vt_read_lock(b, v->t, "r", 1));
    ve_commit(v, 0);
    /* a committed after b's snapshot: b still may not lock (ESE). */
    assert_jet(JET_errWriteConflict, vt_read_lock(b, v->t, "r", 1));
    ve_rollback(v, 1);

    /* A read lock of a committed transaction does not hold anything back
     * from transactions that began after it committed. */
    ve_begin(v, 0);
    assert_jet_ok(vt_read_lock(ve_x(v, 0), v->t, "r", 1));
    ve_commit(v, 0);
    ve_begin(v, 1);
    assert_jet_ok(vt_lock(ve_x(v, 1), v->t, "r", 1));
    ve_commit(v, 1);

    /* Savepoints: a rolled-back level's read lock goes with it. */
    ve_begin(v, 0);
    ve_begin(v, 0);
    assert_jet_ok(vt_read_lock(ve_x(v, 0), v->t, "r", 1));
    ve_begin(v, 1);
    assert_jet(JET_errWriteConflict, vt_lock(ve_x(v, 1), v->t, "r", 1));
    ve_rollback(v, 0);
    assert_jet_ok(vt_lock(ve_x(v, 1), v->t, "r", 1));
    ve_rollback(v, 1);
    ve_rollback(v, 0);

    /* A read-only transaction may read-lock; no row; no transaction. */
    assert_jet_ok(vtx_begin(v->s[0], JET_bitTransactionReadOnly));
    assert_jet_ok(vt_read_lock(ve_x(v, 0), v->t, "r", 1));
    assert_jet(JET_errRecordNotFound, vt_read_lock(ve_x(v, 0), v->t, "zz", 2));
    ve_begin(v, 1);
    assert_jet(JET_errWriteConflict, vt_delete(ve_x(v, 1), v->t, "r", 1));
    ve_rollback(v, 1);
    ve_commit(v, 0);
    assert_jet(JET_errNotInTransaction, vt_read_lock(NULL, v->t, "r", 1));
    expect_no_versions(v);
}

/* Threads add to the same counters in transactions, some rolled back,
 * some with savepoints; readers check that a snapshot never moves.  The
 * sums are exact. */
#define T_THREADS 3
#define T_ROUNDS 300
#define T_ROWS 3

typedef struct worker {
    int idx;
    int64_t committed[T_ROWS];
    int conflicts;
    int failed_line;             /* first failed check (0: none) */
    JET_ERR failed_err;
} worker;

/* Checks in worker threads record the first failure (cmocka's asserts
 * belong to the main thread). */
#define WCHK(wk, cond, e)                                                    \
    do {                                                                     \
        if (!(cond)) {                                                       \
            (wk)->failed_line = __LINE__;                                    \
            (wk)->failed_err = (e);                                          \
            return NULL;                                                     \
        }                                                                    \
    } while (0)

static JET_ERR read32(vtx *x, const char *key, int32_t *out)
{
    uint8_t b[ROWLEN];
    size_t actual = 0;
    JET_ERR err = vt_get(x, g_env.t, key, strlen(key), 0, b, sizeof b, &actual);
    if (err >= 0 && actual != ROWLEN)
        err = JET_errDatabaseCorrupted;
    memcpy(out, b + OFF32, 4);
    return err;
}

static void *work(void *arg)
{
    worker *wk = arg;
    ver_env *v = &g_env;
    sess *s = v->s[wk->idx];
    uint32_t seed = (uint32_t)wk->idx * 7919u + 1;
    JET_ERR err;
    for (int i = 0; i < T_ROUNDS; i++) {
        WCHK(wk, (err = vtx_begin(s, 0)) >= 0, err);
        vtx *x = vtx_current(s);
        seed = seed * 1103515245u + 12345u;
        int row = (int)((seed >> 16) % T_ROWS);
        char key[8];
        snprintf(key, sizeof key, "k%d", row);
        int32_t before = 0, after = 0;
        WCHK(wk, (err = read32(x, key, &before)) >= 0, err);
        int32_t d = (int32_t)((seed >> 8) % 7) - 2;
        err = add32(x, key, d, 0, NULL);
        if (err == JET_errWriteConflict) {
            wk->conflicts++;
            WCHK(wk, (err = vtx_rollback(s, 0)) >= 0, err);
            continue;
        }
        WCHK(wk, err >= 0, err);
        /* A savepoint that is rolled back. */
        WCHK(wk, (err = vtx_begin(s, 0)) >= 0, err);
        WCHK(wk, (err = add32(x, key, 1000, 0, NULL)) >= 0, err);
        WCHK(wk, (err = vtx_rollback(s, 0)) >= 0, err);
        /* The snapshot plus own deltas: others' commits do not show. */
        WCHK(wk, (err = read32(x, key, &after)) >= 0, err);
        WCHK(wk, after == before + d, after);
        if ((seed >> 4) % 5 == 0) {
            WCHK(wk, (err = vtx_rollback(s, 0)) >= 0, err);
        } else {
            WCHK(wk, (err = vtx_commit(s, 0)) >= 0, err);
            wk->committed[row] += d;
        }
    }
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    ver_env *v = &g_env;
    for (int r = 0; r < T_ROWS; r++) {
        char key[8];
        snprintf(key, sizeof key, "k%d", r);
        seed_row(v, key, 0, 0);
    }
    /* Session 0 is the test's own: workers use sessions 1..3, each pinned
     * by the fixture for this thread's use. */
    pthread_t th[T_THREADS];
    worker wk[T_THREADS];
    memset(wk, 0, sizeof wk);
    for (int i = 0; i < T_THREADS; i++) {
        wk[i].idx = i + 1;
        assert_int_equal(pthread_create(&th[i], NULL, work, &wk[i]), 0);
    }
    for (int i = 0; i < T_THREADS; i++)
        pthread_join(th[i], NULL);
    for (int i = 0; i < T_THREADS; i++)
        if (wk[i].failed_line != 0)
            fail_msg("worker %d: check at line %d failed (%d)", i, wk[i].failed_line,
                     (int)wk[i].failed_err);
    for (int r = 0; r < T_ROWS; r++) {
        char key[8];
        snprintf(key, sizeof key, "k%d", r);
        int64_t sum = 0;
        for (int i = 0; i < T_THREADS; i++)
            sum += wk[i].committed[r];
        assert_int_equal(c32_of(NULL, key), sum);
        assert_int_equal(raw32(key), sum);
    }
    for (int i = 0; i < T_THREADS; i++)
        assert_int_equal(wk[i].conflicts, 0);     /* deltas never conflict */
    expect_no_versions(v);
}

/* The version-store row of key (NULL: none). */
static const vrow *row_of(const char *key)
{
    uint64_t h = vr_hash(g_env.t, key, strlen(key));
    vshard *sh = &vs_shards[vr_shard_of(h)];
    pthread_mutex_lock(&sh->mu);
    const vrow *r = vr_find(sh, g_env.t, h, key, strlen(key));
    pthread_mutex_unlock(&sh->mu);
    return r;
}

/* Set or clear the stored deletion flag of a row behind the version
 * store's back (a damaged row for the commit to trip on). */
static void set_raw_flag(const char *key, bool flagged)
{
    uint8_t b[ROWLEN + 1];
    size_t actual = 0;
    assert_jet_ok(bt_get(g_env.t, key, strlen(key), 0, b, sizeof b, &actual));
    assert_int_equal(actual, ROWLEN + 1);
    b[0] = flagged ? (uint8_t)(b[0] | VT_ROW_DELETED) : (uint8_t)(b[0] & ~VT_ROW_DELETED);
    assert_jet_ok(bt_replace(g_env.t, 0, key, strlen(key), b, sizeof b));
}

/* A level-1 commit whose deltas cannot all be applied (here: one row's
 * stored value is damaged) fails and leaves the transaction open with the
 * tree as before.  What it had applied to other rows is compensated for
 * good: neither its rollback nor a crash recovery may later restore those
 * rows' old images over the changes other transactions committed since. */
static void test_failed_commit_compensates(void **state)
{
    (void)state;
    ver_env *v = &g_env;
    for (int crash = 0; crash < 2; crash++) {
        const char *ka = crash ? "ca" : "ra", *kb = crash ? "cb" : "rb";
        seed_row(v, ka, 100, 0);
        seed_row(v, kb, 200, 0);
        ve_begin(v, 0);
        vtx *a = ve_x(v, 0);
        assert_jet_ok(add32(a, ka, 5, 0, NULL));
        assert_jet_ok(add32(a, kb, 6, 0, NULL));
        /* The commit applies rows in the order of their version-store
         * rows: damage the later one, so the earlier one is applied first. */
        const char *good = ka, *bad = kb;
        if ((uintptr_t)row_of(ka) > (uintptr_t)row_of(kb)) {
            good = kb;
            bad = ka;
        }
        int32_t good0 = raw32(good);
        set_raw_flag(bad, true);
        assert_jet(JET_errDatabaseCorrupted, vtx_commit(v->s[0], 0));
        assert_int_equal(vtx_level(v->s[0]), 1);
        assert_int_equal(raw32(good), good0);
        set_raw_flag(bad, false);
        /* Another transaction adds to the good row and commits. */
        ve_begin(v, 1);
        assert_jet_ok(add32(ve_x(v, 1), good, 1000, 0, NULL));
        ve_commit(v, 1);
        assert_int_equal(raw32(good), good0 + 1000);
        if (!crash) {
            ve_rollback(v, 0);
        } else {
            uint32_t objid = v->objid;
            ve_close(v, JET_bitTermDirty);
            ve_open(v, g_dir, false, objid);    /* recovery undoes a's work */
        }
        assert_int_equal(raw32(good), good0 + 1000);
        assert_int_equal(c32_of(NULL, good), good0 + 1000);
        assert_int_equal(c32_of(NULL, bad), strcmp(bad, ka) == 0 ? 100 : 200);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_concurrent_deltas, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rollbacks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_conflicts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_own_changes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cursor_reads, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_locks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_threads, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_commit_compensates, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
