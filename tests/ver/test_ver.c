/*
 * test_ver.c: the version store through ver.h — snapshot isolation, write
 * conflicts, nesting and savepoints, cursors, cleanup of flagged rows,
 * the JET_paramMaxVerPages budget, unlogged rollback, deferred work.
 */
#include "ver_util.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "inst/inst.h"

static char *g_dir;
static ver_env g_env;

static int setup(void **state)
{
    (void)state;
    g_dir = tu_mkdtemp("ver");
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

/* Commit rows key=val outside any test transaction. */
static void seed(ver_env *v, const char *const *kv, size_t n)
{
    ve_begin(v, 0);
    for (size_t i = 0; i + 1 < n; i += 2)
        assert_jet_ok(ve_ins(ve_x(v, 0), v->t, kv[i], kv[i + 1]));
    ve_commit(v, 0);
}

static void test_snapshot_isolation(void **state)
{
    (void)state;
    ver_env *v = &g_env;
    const char *rows[] = { "a1", "one", "a2", "two" };
    seed(v, rows, 4);

    ve_begin(v, 1);                     /* the reader's snapshot starts here */
    vtx *r = ve_x(v, 1);
    ve_begin(v, 0);
    vtx *w = ve_x(v, 0);
    assert_jet_ok(ve_rep(w, v->t, "a1", "ONE"));
    assert_jet_ok(ve_del(w, v->t, "a2"));
    assert_jet_ok(ve_ins(w, v->t, "a3", "three"));

    /* The writer sees its own changes. */
    ve_expect(w, v->t, "a1", "ONE");
    ve_expect(w, v->t, "a2", NULL);
    ve_expect(w, v->t, "a3", "three");
    /* Others see committed data only. */
    ve_expect(r, v->t, "a1", "one");
    ve_expect(r, v->t, "a2", "two");
    ve_expect(r, v->t, "a3", NULL);
    ve_expect(NULL, v->t, "a1", "one");
    ve_expect(NULL, v->t, "a2", "two");
    ve_expect(NULL, v->t, "a3", NULL);

    ve_commit(v, 0);
    /* The old snapshot does not move ... */
    ve_expect(r, v->t, "a1", "one");
    ve_expect(r, v->t, "a2", "two");
    ve_expect(r, v->t, "a3", NULL);
    /* ... while outside a transaction and in new ones the commit shows. */
    ve_expect(NULL, v->t, "a1", "ONE");
    ve_expect(NULL, v->t, "a2", NULL);
    ve_expect(NULL, v->t, "a3", "three");
    ve_begin(v, 2);
    ve_expect(ve_x(v, 2), v->t, "a1", "ONE");
    ve_expect(ve_x(v, 2), v->t, "a2", NULL);
    ve_commit(v, 2);

    /* The deleted row is still in the tree (flagged) for the old snapshot. */
    assert_int_equal(ve_raw(v->t, "a2"), 2);
    ve_commit(v, 1);
    /* Nobody can see it any more: cleanup removed it. */
    assert_int_equal(ve_raw(v->t, "a2"), 0);
    ve_expect(NULL, v->t, "a2", NULL);

    /* A partial read with an offset. */
    char buf[2];
    size_t actual = 0;
    assert_jet(JET_wrnBufferTruncated, vt_get(NULL, v->t, "a3", 2, 1, buf, 2, &actual));
    assert_int_equal(actual, 5);
    assert_memory_equal(buf, "hr", 2);
    assert_jet_ok(vt_get(NULL, v->t, "a3", 2, 3, buf, 2, &actual));
    assert_memory_equal(buf, "ee", 2);
    assert_jet_ok(vt_get(NULL, v->t, "a3", 2, 9, buf, 2, &actual));
    assert_jet(JET_wrnBufferTruncated, vt_get(NULL, v->t, "a3", 2, 0, NULL, 0, &actual));
    assert_int_equal(actual, 5);
}

static void test_conflict_uncommitted(void **state)
{
    (void)state;
    ver_env *v = &g_env;
    const char *rows[] = { "b1", "x", "b2", "y" };
    seed(v, rows, 4);

    ve_begin(v, 0);
    ve_begin(v, 1);
    vtx *a = ve_x(v, 0), *b = ve_x(v, 1);
    assert_jet_ok(ve_rep(a, v->t, "b1", "a-was-here"));
    assert_jet_ok(ve_ins(a, v->t, "b3", "new"));
    assert_jet_ok(vt_lock(a, v->t, "b2", 2));

    /* The second writer fails at once, whatever it tries. */
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_jet(JET_errWriteConflict, ve_rep(b, v->t, "b1", "b"));
    assert_jet(JET_errWriteConflict, ve_del(b, v->t, "b1"));
    assert_jet(JET_errWriteConflict, vt_lock(b, v->t, "b1", 2));
    assert_jet(JET_errWriteConflict, ve_ins(b, v->t, "b1", "dup"));
    assert_jet(JET_errWriteConflict, ve_ins(b, v->t, "b3", "mine"));
    assert_jet(JET_errWriteConflict, ve_rep(b, v->t, "b2", "locked"));
    assert_jet(JET_errWriteConflict, ve_del(b, v->t, "b2"));
    clock_gettime(CLOCK_MONOTONIC, &t1);
    assert_true(t1.tv_sec - t0.tv_sec < 2);   /* nobody waited */
    /* b cannot see a's insert: nothing to replace there. */
    assert_jet(JET_errRecordNotFound, ve_rep(b, v->t, "b3", "z"));
    /* Reads never conflict. */
    ve_expect(b, v->t, "b1", "x");
    ve_expect(b, v->t, "b2", "y");

    /* a commits after b's snapshot: still a conflict for b. */
    ve_commit(v, 0);
    assert_jet(JET_errWriteConflict, ve_rep(b, v->t, "b1", "b"));
    assert_jet(JET_errWriteConflict, ve_rep(b, v->t, "b2", "b"));
    ve_expect(b, v->t, "b1", "x");
    ve_rollback(v, 1);

    /* A fresh transaction may write. */
    ve_begin(v, 1);
    assert_jet_ok(ve_rep(ve_x(v, 1), v->t, "b1", "b"));
    assert_jet_ok(ve_rep(ve_x(v, 1), v->t, "b2", "b"));
    ve_commit(v, 1);
    ve_expect(NULL, v->t, "b1", "b");
}

static void test_conflict_committed_after_snapshot(void **state)
{
    (void)state;
    ver_env *v = &g_env;
    const char *rows[] = { "c1", "x", "c2", "y" };
    seed(v, rows, 4);

    ve_begin(v, 1);
    vtx *b = ve_x(v, 1);
    ve_expect(b, v->t, "c1", "x");
    /* Another session changes and commits meanwhile. */
    ve_begin(v, 0);
    assert_jet_ok(ve_rep(ve_x(v, 0), v->t, "c1", "changed"));
    assert_jet_ok(ve_del(ve_x(v, 0), v->t, "c2"));
    assert_jet_ok(ve_ins(ve_x(v, 0), v->t, "c3", "born"));
    ve_commit(v, 0);

    ve_expect(b, v->t, "c1", "x");
    ve_expect(b, v->t, "c2", "y");
    ve_expect(b, v->t, "c3", NULL);
    assert_jet(JET_errWriteConflict, ve_rep(b, v->t, "c1", "b"));
    assert_jet(JET_errWriteConflict, ve_del(b, v->t, "c1"));
    assert_jet(JET_errWriteConflict, vt_lock(b, v->t, "c1", 2));
    assert_jet(JET_errWriteConflict, ve_rep(b, v->t, "c2", "b"));
    assert_jet(JET_errWriteConflict, ve_ins(b, v->t, "c2", "b"));
    assert_jet(JET_errWriteConflict, ve_ins(b, v->t, "c3", "b"));
    ve_commit(v, 1);

    /* Later transactions see the new state and may reuse the deleted key. */
    ve_begin(v, 1);
    assert_jet(JET_errKeyDuplicate, ve_ins(ve_x(v, 1), v->t, "c3", "again"));
    assert_jet_ok(ve_ins(ve_x(v, 1), v->t, "c2", "reborn"));
    ve_commit(v, 1);
    ve_expect(NULL, v->t, "c2", "reborn");
}

static void test_lock(void **state)
{
    (void)state;
    ver_env *v = &g_env;
    const char *rows[] = { "d1", "x" };
    seed(v, rows, 2);

    ve_begin(v, 0);
    vtx *a = ve_x(v, 0);
    assert_jet(JET_errRecordNotFound, vt_lock(a, v->t, "zz", 2));
    assert_jet_ok(vt_lock(a, v->t, "d1", 2));
    assert_jet_ok(vt_lock(a, v->t, "d1", 2));          /* again: no-op */
    assert_jet_ok(ve_rep(a, v->t, "d1", "mine"));      /* the lock upgrades */
    ve_begin(v, 1);
    assert_jet(JET_errWriteConflict, ve_rep(ve_x(v, 1), v->t, "d1", "b"));
    ve_rollback(v, 1);
    ve_rollback(v, 0);
    ve_expect(NULL, v->t, "d1", "x");

    /* A lock alone, then released by the rollback of its level. */
    ve_begin(v, 0);
    ve_begin(v, 0);
    assert_jet_ok(vt_lock(ve_x(v, 0), v->t, "d1", 2));
    ve_rollback(v, 0);
    ve_begin(v, 1);
    assert_jet_ok(ve_rep(ve_x(v, 1), v->t, "d1", "b"));
    ve_commit(v, 1);
    ve_commit(v, 0);
    ve_expect(NULL, v->t, "d1", "b");

    /* No transaction, or a read-only one: no writes. */
    assert_jet(JET_errNotInTransaction, vt_lock(NULL, v->t, "d1", 2));
    assert_jet(JET_errNotInTransaction, ve_ins(NULL, v->t, "d9", "x"));
    assert_jet_ok(vtx_begin(v->s[0], JET_bitTransactionReadOnly));
    assert_jet(JET_errTransReadOnly, ve_ins(ve_x(v, 0), v->t, "d9", "x"));
    assert_jet(JET_errTransReadOnly, vt_lock(ve_x(v, 0), v->t, "d1", 2));
    uint64_t txid;
    assert_jet(JET_errTransReadOnly, vtx_txid(ve_x(v, 0), &txid));
    ve_expect(ve_x(v, 0), v->t, "d1", "b");
    ve_commit(v, 0);
}

static void test_duplicates_and_missing(void **state)
{
    (void)state;
    ver_env *v = &g_env;
    const char *rows[] = { "e1", "x" };
    seed(v, rows, 2);
    ve_begin(v, 0);
    vtx *a = ve_x(v, 0);
    assert_jet(JET_errKeyDuplicate, ve_ins(a, v->t, "e1", "y"));
    assert_jet(JET_errRecordNotFound, ve_rep(a, v->t, "e2", "y"));
    assert_jet(JET_errRecordNotFound, ve_del(a, v->t, "e2"));
    assert_jet_ok(ve_del(a, v->t, "e1"));
    assert_jet(JET_errRecordNotFound, ve_del(a, v->t, "e1"));
    assert_jet(JET_errRecordNotFound, ve_rep(a, v->t, "e1", "y"));
    assert_jet_ok(ve_ins(a, v->t, "e1", "again"));      /* over its own deletion */
    ve_expect(a, v->t, "e1", "again");
    /* An insert and a delete at the same level leave no row behind. */
    assert_jet_ok(ve_ins(a, v->t, "e3", "brief"));
    assert_jet_ok(ve_del(a, v->t, "e3"));
    assert_int_equal(ve_raw(v->t, "e3"), 0);
    ve_expect(a, v->t, "e3", NULL);
    ve_commit(v, 0);
    ve_expect(NULL, v->t, "e1", "again");
    ve_expect(NULL, v->t, "e3", NULL);

    /* Keys and values at the limits. */
    ve_begin(v, 0);
    a = ve_x(v, 0);
    char big[BT_KEY_MAX + 1];
    memset(big, 'k', sizeof big);
    assert_jet(JET_errKeyTooBig, vt_insert(a, v->t, big, sizeof big, "v", 1));
    assert_jet_ok(vt_insert(a, v->t, big, BT_KEY_MAX, "", 0));
    size_t actual = 9;
    assert_jet_ok(vt_get(a, v->t, big, BT_KEY_MAX, 0, NULL, 0, &actual));
    assert_int_equal(actual, 0);
    ve_commit(v, 0);
}

static void test_nesting(void **state)
{
    (void)state;
    ver_env *v = &g_env;
    sess *s = v->s[0];
    for (uint32_t l = 1; l <= VT_LEVEL_MAX; l++) {
        assert_jet_ok(vtx_begin(s, 0));
        assert_int_equal(vtx_level(s), l);
    }
    assert_jet(JET_errTransTooDeep, vtx_begin(s, 0));
    assert_int_equal(vtx_level(s), VT_LEVEL_MAX);
    /* The engine's own savepoints may still nest (up to 10, as ESE). */
    vtx *ax;
    for (uint32_t l = VT_LEVEL_MAX + 1; l <= VT_LEVEL_INTERNAL_MAX; l++) {
        assert_jet_ok(vtx_auto_begin(s, &ax));
        assert_int_equal(vtx_level(s), l);
    }
    assert_jet(JET_errTransTooDeep, vtx_auto_begin(s, &ax));
    assert_jet_ok(ve_ins(ax, v->t, "f0", "deep"));
    assert_jet(JET_errKeyDuplicate, vtx_auto_end(s, ax, JET_errKeyDuplicate));
    assert_int_equal(vtx_level(s), VT_LEVEL_INTERNAL_MAX - 1);
    ve_expect(ax, v->t, "f0", NULL);              /* the failed operation left nothing */
    assert_jet_ok(vtx_auto_begin(s, &ax));
    assert_jet_ok(ve_ins(ax, v->t, "f0", "deep"));
    assert_jet_ok(vtx_auto_end(s, ax, JET_errSuccess));
    ve_expect(ax, v->t, "f0", "deep");
    assert_jet_ok(vtx_rollback(s, JET_bitRollbackAll));
    ve_expect(NULL, v->t, "f0", NULL);
    assert_int_equal(vtx_level(s), 0);
    assert_null(vtx_current(s));
    assert_jet(JET_errNotInTransaction, vtx_rollback(s, 0));
    assert_jet(JET_errNotInTransaction, vtx_commit(s, 0));

    /* Rolling back an inner level keeps the outer level's changes. */
    const char *rows[] = { "f1", "base", "f2", "keep" };
    seed(v, rows, 4);
    ve_begin(v, 0);
    assert_jet_ok(ve_ins(ve_x(v, 0), v->t, "f3", "outer"));
    assert_jet_ok(ve_rep(ve_x(v, 0), v->t, "f1", "outer"));
    ve_begin(v, 0);
    assert_jet_ok(ve_ins(ve_x(v, 0), v->t, "f4", "inner"));
    assert_jet_ok(ve_rep(ve_x(v, 0), v->t, "f1", "inner"));
    assert_jet_ok(ve_rep(ve_x(v, 0), v->t, "f3", "inner"));
    assert_jet_ok(ve_del(ve_x(v, 0), v->t, "f2"));
    ve_begin(v, 0);
    assert_jet_ok(ve_ins(ve_x(v, 0), v->t, "f2", "innermost"));   /* over the deletion */
    ve_expect(ve_x(v, 0), v->t, "f2", "innermost");
    ve_rollback(v, 0);                                            /* level 3 */
    ve_expect(ve_x(v, 0), v->t, "f2", NULL);
    ve_rollback(v, 0);                                            /* level 2 */
    assert_int_equal(vtx_level(s), 1);
    ve_expect(ve_x(v, 0), v->t, "f1", "outer");
    ve_expect(ve_x(v, 0), v->t, "f2", "keep");
    ve_expect(ve_x(v, 0), v->t, "f3", "outer");
    ve_expect(ve_x(v, 0), v->t, "f4", NULL);
    assert_int_equal(ve_raw(v->t, "f4"), 0);
    assert_int_equal(ve_raw(v->t, "f2"), 1);
    ve_commit(v, 0);
    ve_expect(NULL, v->t, "f1", "outer");
    ve_expect(NULL, v->t, "f3", "outer");
    ve_expect(NULL, v->t, "f4", NULL);

    /* Committing an inner level merges it; rolling back the outer one
     * then removes everything. */
    ve_begin(v, 0);
    assert_jet_ok(ve_ins(ve_x(v, 0), v->t, "f5", "outer"));
    ve_begin(v, 0);
    assert_jet_ok(ve_ins(ve_x(v, 0), v->t, "f6", "inner"));
    assert_jet_ok(ve_rep(ve_x(v, 0), v->t, "f1", "inner"));
    assert_jet_ok(ve_del(ve_x(v, 0), v->t, "f2"));
    ve_commit(v, 0);
    assert_int_equal(vtx_level(s), 1);
    ve_expect(ve_x(v, 0), v->t, "f6", "inner");
    /* Still the session's own changes: others conflict. */
    ve_begin(v, 1);
    assert_jet(JET_errWriteConflict, ve_rep(ve_x(v, 1), v->t, "f1", "b"));
    ve_rollback(v, 1);
    ve_rollback(v, 0);
    ve_expect(NULL, v->t, "f1", "outer");
    ve_expect(NULL, v->t, "f2", "keep");
    ve_expect(NULL, v->t, "f5", NULL);
    ve_expect(NULL, v->t, "f6", NULL);
    assert_int_equal(ve_raw(v->t, "f5"), 0);
    assert_int_equal(ve_raw(v->t, "f6"), 0);

    /* JET_bitRollbackAll from level 3, and commit of every level. */
    ve_begin(v, 0);
    assert_jet_ok(ve_ins(ve_x(v, 0), v->t, "f7", "1"));
    ve_begin(v, 0);
    assert_jet_ok(ve_rep(ve_x(v, 0), v->t, "f7", "2"));
    ve_begin(v, 0);
    assert_jet_ok(ve_rep(ve_x(v, 0), v->t, "f7", "3"));
    assert_jet_ok(vtx_rollback(s, JET_bitRollbackAll));
    ve_expect(NULL, v->t, "f7", NULL);
    ve_begin(v, 0);
    ve_begin(v, 0);
    assert_jet_ok(ve_ins(ve_x(v, 0), v->t, "f7", "x"));
    ve_commit(v, 0);
    ve_expect(NULL, v->t, "f7", NULL);      /* not visible before level 0 commits */
    ve_commit(v, 0);
    ve_expect(NULL, v->t, "f7", "x");
}

/* Walk with a cursor and return the keys seen, "k=v,..." */
static void walk(vtx *x, bt_tree *t, bool forward, char *out, size_t cb)
{
    vt_cursor *c;
    assert_jet_ok(vt_cursor_open(t, &c));
    out[0] = '\0';
    JET_ERR err = forward ? vt_cursor_first(x, c) : vt_cursor_last(x, c);
    while (err >= 0) {
        char k[64], val[64];
        size_t kl = 0, vl = 0;
        assert_jet_ok(vt_cursor_key(x, c, k, sizeof k, &kl));
        assert_jet_ok(vt_cursor_value(x, c, 0, val, sizeof val, &vl));
        if (kl >= 1 && k[0] == 'g') {
            size_t n = strlen(out);
            snprintf(out + n, cb - n, "%.*s=%.*s,", (int)kl, k, (int)vl, val);
        }
        err = forward ? vt_cursor_next(x, c) : vt_cursor_prev(x, c);
    }
    assert_jet(JET_errNoCurrentRecord, err);
    vt_cursor_close(c);
}

static void test_cursor(void **state)
{
    (void)state;
    ver_env *v = &g_env;
    const char *rows[] = { "g1", "1", "g2", "2", "g3", "3", "g4", "4", "g5", "5" };
    seed(v, rows, 10);
    ve_begin(v, 1);
    vtx *r = ve_x(v, 1);
    ve_begin(v, 0);
    vtx *w = ve_x(v, 0);
    assert_jet_ok(ve_del(w, v->t, "g1"));
    assert_jet_ok(ve_del(w, v->t, "g3"));
    assert_jet_ok(ve_rep(w, v->t, "g4", "four"));
    assert_jet_ok(ve_ins(w, v->t, "g25", "x"));
    assert_jet_ok(ve_del(w, v->t, "g5"));

    char buf[256];
    walk(r, v->t, true, buf, sizeof buf);
    assert_string_equal(buf, "g1=1,g2=2,g3=3,g4=4,g5=5,");
    walk(r, v->t, false, buf, sizeof buf);
    assert_string_equal(buf, "g5=5,g4=4,g3=3,g2=2,g1=1,");
    walk(w, v->t, true, buf, sizeof buf);
    assert_string_equal(buf, "g2=2,g25=x,g4=four,");
    walk(w, v->t, false, buf, sizeof buf);
    assert_string_equal(buf, "g4=four,g25=x,g2=2,");
    walk(NULL, v->t, true, buf, sizeof buf);
    assert_string_equal(buf, "g1=1,g2=2,g3=3,g4=4,g5=5,");

    /* Seeks skip what the transaction cannot see. */
    vt_cursor *c;
    char k[16];
    size_t kl;
    assert_jet_ok(vt_cursor_open(v->t, &c));
    assert_jet(JET_errRecordNotFound, vt_cursor_seek(w, c, BT_SEEK_EQ, "g3", 2));
    assert_jet(JET_errNoCurrentRecord, vt_cursor_next(w, c));
    assert_jet(JET_errNoCurrentRecord, vt_cursor_key(w, c, k, sizeof k, &kl));
    assert_jet_ok(vt_cursor_seek(w, c, BT_SEEK_GE, "g3", 2));
    assert_jet_ok(vt_cursor_key(w, c, k, sizeof k, &kl));
    assert_int_equal(kl, 2);
    assert_memory_equal(k, "g4", 2);
    assert_jet_ok(vt_cursor_seek(w, c, BT_SEEK_LE, "g3", 2));
    assert_jet_ok(vt_cursor_key(w, c, k, sizeof k, &kl));
    assert_memory_equal(k, "g25", 3);
    assert_jet_ok(vt_cursor_seek(w, c, BT_SEEK_LT, "g25", 3));
    assert_jet_ok(vt_cursor_key(w, c, k, sizeof k, &kl));
    assert_memory_equal(k, "g2", 2);
    assert_jet_ok(vt_cursor_seek(r, c, BT_SEEK_GT, "g2", 2));
    assert_jet_ok(vt_cursor_key(r, c, k, sizeof k, &kl));
    assert_memory_equal(k, "g3", 2);
    assert_jet(JET_errRecordNotFound, vt_cursor_seek(w, c, BT_SEEK_GE, "g41", 3));
    assert_jet_ok(vt_cursor_seek(r, c, BT_SEEK_GE, "g41", 3));
    assert_jet_ok(vt_cursor_key(r, c, k, sizeof k, &kl));
    assert_memory_equal(k, "g5", 2);
    /* The row under the cursor vanishes for its transaction. */
    assert_jet_ok(vt_cursor_seek(w, c, BT_SEEK_EQ, "g2", 2));
    assert_jet_ok(ve_del(w, v->t, "g2"));
    assert_jet(JET_errRecordDeleted, vt_cursor_key(w, c, k, sizeof k, &kl));
    assert_jet(JET_errRecordDeleted, vt_cursor_value(w, c, 0, NULL, 0, &kl));
    assert_jet_ok(vt_cursor_key(r, c, k, sizeof k, &kl));   /* still there for r */
    assert_jet_ok(vt_cursor_next(w, c));
    assert_jet_ok(vt_cursor_key(w, c, k, sizeof k, &kl));
    assert_memory_equal(k, "g25", 3);
    vt_cursor_close(c);

    ve_commit(v, 0);
    walk(r, v->t, true, buf, sizeof buf);
    assert_string_equal(buf, "g1=1,g2=2,g3=3,g4=4,g5=5,");
    walk(NULL, v->t, true, buf, sizeof buf);
    assert_string_equal(buf, "g25=x,g4=four,");
    ve_commit(v, 1);
    walk(NULL, v->t, false, buf, sizeof buf);
    assert_string_equal(buf, "g4=four,g25=x,");
}

static void test_cleanup(void **state)
{
    (void)state;
    ver_env *v = &g_env;
    char key[16];
    ve_begin(v, 0);
    for (int i = 0; i < 200; i++) {
        snprintf(key, sizeof key, "h%03d", i);
        assert_jet_ok(ve_ins(ve_x(v, 0), v->t, key, "value"));
    }
    ve_commit(v, 0);
    vs_stats st;
    vs_get_stats(v->in->vs, &st);
    assert_int_equal(st.versions, 0);
    assert_int_equal(st.rows, 0);
    assert_int_equal(st.commits_pending, 0);

    ve_begin(v, 1);                  /* an old snapshot */
    ve_begin(v, 2);                  /* another one, a bit younger */
    ve_begin(v, 0);
    for (int i = 0; i < 200; i += 2) {
        snprintf(key, sizeof key, "h%03d", i);
        assert_jet_ok(ve_del(ve_x(v, 0), v->t, key));
    }
    ve_commit(v, 0);
    vs_get_stats(v->in->vs, &st);
    assert_int_equal(st.versions, 100);
    assert_int_equal(st.commits_pending, 1);
    assert_true(st.bytes_used > 0);
    assert_int_equal(ve_raw(v->t, "h000"), 2);
    ve_expect(ve_x(v, 1), v->t, "h000", "value");
    ve_expect(NULL, v->t, "h000", NULL);

    ve_commit(v, 1);
    assert_int_equal(ve_raw(v->t, "h000"), 2);   /* session 2 still sees it */
    ve_expect(ve_x(v, 2), v->t, "h198", "value");
    uint64_t removed_before = st.rows_removed;
    ve_rollback(v, 2);
    for (int i = 0; i < 200; i++) {
        snprintf(key, sizeof key, "h%03d", i);
        assert_int_equal(ve_raw(v->t, key), i % 2 ? 1 : 0);
    }
    vs_get_stats(v->in->vs, &st);
    assert_int_equal(st.versions, 0);
    assert_int_equal(st.rows, 0);
    assert_int_equal(st.bytes_used, 0);
    assert_int_equal(st.commits_pending, 0);
    assert_int_equal(st.rows_removed - removed_before, 100);
    bt_check_stats cs;
    assert_jet_ok(bt_check(v->t, &cs));

    /* A flagged row without versions (as after a crash) is invisible and
     * an insert takes its place. */
    ve_begin(v, 0);
    assert_jet_ok(vt_delete(ve_x(v, 0), v->t, "h001", 4));
    ve_commit(v, 0);
    assert_int_equal(ve_raw(v->t, "h001"), 0);   /* nobody else: removed at once */
    uint8_t flagged[] = { VT_ROW_DELETED, 'o', 'l', 'd' };
    assert_jet_ok(bt_insert(v->t, 0, "h001", 4, flagged, sizeof flagged));
    ve_expect(NULL, v->t, "h001", NULL);
    ve_begin(v, 0);
    ve_expect(ve_x(v, 0), v->t, "h001", NULL);
    assert_jet(JET_errRecordNotFound, ve_rep(ve_x(v, 0), v->t, "h001", "x"));
    assert_jet_ok(ve_ins(ve_x(v, 0), v->t, "h001", "new"));
    ve_rollback(v, 0);
    assert_int_equal(ve_raw(v->t, "h001"), 2);
    ve_begin(v, 0);
    assert_jet_ok(ve_ins(ve_x(v, 0), v->t, "h001", "new"));
    ve_commit(v, 0);
    ve_expect(NULL, v->t, "h001", "new");
}

/* Deferred work. */
static int g_defer_calls[2];
static void defer_fn(void *ctx, bool committed)
{
    (void)ctx;
    g_defer_calls[committed ? 1 : 0]++;
}

static void test_defer(void **state)
{
    (void)state;
    ver_env *v = &g_env;
    memset(g_defer_calls, 0, sizeof g_defer_calls);
    assert_jet(JET_errNotInTransaction, vtx_defer(NULL, defer_fn, NULL));
    ve_begin(v, 0);
    ve_begin(v, 0);
    assert_jet_ok(vtx_defer(ve_x(v, 0), defer_fn, NULL));
    ve_rollback(v, 0);
    assert_int_equal(g_defer_calls[0], 1);
    assert_jet_ok(vtx_defer(ve_x(v, 0), defer_fn, NULL));
    ve_begin(v, 1);                       /* an older snapshot holds it back */
    ve_commit(v, 0);
    assert_int_equal(g_defer_calls[1], 0);
    ve_commit(v, 1);
    assert_int_equal(g_defer_calls[1], 1);
    assert_int_equal(g_defer_calls[0], 1);
}

static void test_detach_hook(void **state)
{
    (void)state;
    ver_env *v = &g_env;
    const char *rows[] = { "i1", "x" };
    seed(v, rows, 2);
    ve_begin(v, 1);
    ve_begin(v, 0);
    assert_jet_ok(ve_del(ve_x(v, 0), v->t, "i1"));
    assert_jet(JET_errDatabaseInUse, vs_db_detach(v->in->vs, v->e.st));
    ve_commit(v, 0);
    assert_int_equal(ve_raw(v->t, "i1"), 2);
    assert_jet_ok(vs_db_detach(v->in->vs, v->e.st));
    assert_int_equal(ve_raw(v->t, "i1"), 0);
    vs_stats st;
    vs_get_stats(v->in->vs, &st);
    assert_int_equal(st.rows, 0);
    ve_commit(v, 1);
    vs_get_stats(v->in->vs, &st);
    assert_int_equal(st.versions, 0);

    /* Forgetting a tree drops its rows. */
    ve_begin(v, 1);
    ve_begin(v, 0);
    assert_jet_ok(ve_ins(ve_x(v, 0), v->t, "i2", "y"));
    ve_commit(v, 0);
    vs_get_stats(v->in->vs, &st);
    assert_int_equal(st.rows, 1);
    vs_tree_forget(v->in->vs, v->t);
    vs_get_stats(v->in->vs, &st);
    assert_int_equal(st.rows, 0);
    ve_commit(v, 1);
}

/* ---- the version-store budget --------------------------------------------- */

static void small_store(JET_INSTANCE in)
{
    assert_jet_ok(JetSetSystemParameterA(&in, 0, JET_paramEnableAdvanced, 1, NULL));
    assert_jet_ok(JetSetSystemParameterA(&in, 0, JET_paramMaxVerPages, 4, NULL));
}

static void test_max_ver_pages(void **state)
{
    (void)state;
    char *dir = tu_mkdtemp("vermax");
    core_params_hook = small_store;
    ver_env v;
    ve_open(&v, dir, true, 0);
    core_params_hook = NULL;
    vs_stats st;
    vs_get_stats(v.in->vs, &st);
    assert_int_equal(st.bytes_max, 4ull * 32768u);   /* 4 pages of JET_paramVerPageSize */

    char key[16], val[1000];
    memset(val, 'v', sizeof val);
    ve_begin(&v, 0);
    for (int i = 0; i < 300; i++) {
        snprintf(key, sizeof key, "m%03d", i);
        assert_jet_ok(vt_insert(ve_x(&v, 0), v.t, key, 4, val, sizeof val));
    }
    ve_commit(&v, 0);

    /* Replacing keeps before images: the store fills up. */
    ve_begin(&v, 0);
    JET_ERR err = JET_errSuccess;
    int done = 0;
    for (; done < 300; done++) {
        snprintf(key, sizeof key, "m%03d", done);
        val[0] = 'w';
        err = vt_replace(ve_x(&v, 0), v.t, key, 4, val, sizeof val);
        if (err < 0)
            break;
    }
    assert_jet(JET_errVersionStoreOutOfMemory, err);
    assert_true(done > 50 && done < 300);
    /* The failed change left nothing behind. */
    size_t actual;
    char got[1000];
    snprintf(key, sizeof key, "m%03d", done);
    assert_jet_ok(vt_get(ve_x(&v, 0), v.t, key, 4, 0, got, sizeof got, &actual));
    assert_int_equal(got[0], 'v');
    /* Rows already versioned at this level may still change. */
    assert_jet_ok(vt_replace(ve_x(&v, 0), v.t, "m000", 4, val, 10));
    ve_rollback(&v, 0);
    vs_get_stats(v.in->vs, &st);
    assert_int_equal(st.bytes_used, 0);
    assert_jet_ok(vt_get(NULL, v.t, "m000", 4, 0, got, sizeof got, &actual));
    assert_int_equal(actual, sizeof val);
    assert_int_equal(got[0], 'v');

    /* After the rollback, work fits again; committed batches are cleaned up
     * as they go, so many small transactions never run out. */
    for (int i = 0; i < 300; i++) {
        ve_begin(&v, 0);
        snprintf(key, sizeof key, "m%03d", i);
        assert_jet_ok(vt_replace(ve_x(&v, 0), v.t, key, 4, val, sizeof val));
        ve_commit(&v, 0);
    }
    /* An old snapshot holds versions: the store fills, then recovers when
     * the snapshot ends (cleanup runs before the error is returned). */
    ve_begin(&v, 1);
    int n = 0;
    for (;; n++) {
        ve_begin(&v, 0);
        snprintf(key, sizeof key, "m%03d", n % 300);
        err = vt_replace(ve_x(&v, 0), v.t, key, 4, val, sizeof val);
        if (err < 0) {
            ve_rollback(&v, 0);
            break;
        }
        ve_commit(&v, 0);
    }
    assert_jet(JET_errVersionStoreOutOfMemory, err);
    ve_commit(&v, 1);
    ve_begin(&v, 0);
    assert_jet_ok(vt_replace(ve_x(&v, 0), v.t, "m000", 4, val, sizeof val));
    ve_commit(&v, 0);
    vs_get_stats(v.in->vs, &st);
    assert_int_equal(st.bytes_used, 0);
    ve_close(&v, 0);
    tu_rmtree(dir);
    free(dir);
}

/* ---- recovery off: rollback from the before images -------------------------- */

static void recovery_off(JET_INSTANCE in)
{
    assert_jet_ok(JetSetSystemParameterA(&in, 0, JET_paramRecovery, 0, "Off"));
}

static void test_unlogged_rollback(void **state)
{
    (void)state;
    char *dir = tu_mkdtemp("verunlogged");
    core_params_hook = recovery_off;
    ver_env v;
    ve_open(&v, dir, true, 0);
    core_params_hook = NULL;
    assert_null(v.e.log);
    const char *rows[] = { "u1", "one", "u2", "two", "u3", "three" };
    seed(&v, rows, 6);

    ve_begin(&v, 0);
    assert_jet_ok(ve_rep(ve_x(&v, 0), v.t, "u1", "ONE"));
    assert_jet_ok(ve_del(ve_x(&v, 0), v.t, "u2"));
    assert_jet_ok(ve_ins(ve_x(&v, 0), v.t, "u4", "four"));
    ve_begin(&v, 0);
    assert_jet_ok(ve_rep(ve_x(&v, 0), v.t, "u1", "uno"));
    assert_jet_ok(ve_ins(ve_x(&v, 0), v.t, "u2", "dos"));
    assert_jet_ok(ve_del(ve_x(&v, 0), v.t, "u3"));
    assert_jet_ok(ve_del(ve_x(&v, 0), v.t, "u4"));
    ve_rollback(&v, 0);
    ve_expect(ve_x(&v, 0), v.t, "u1", "ONE");
    ve_expect(ve_x(&v, 0), v.t, "u2", NULL);
    ve_expect(ve_x(&v, 0), v.t, "u3", "three");
    ve_expect(ve_x(&v, 0), v.t, "u4", "four");
    ve_rollback(&v, 0);
    ve_expect(NULL, v.t, "u1", "one");
    ve_expect(NULL, v.t, "u2", "two");
    ve_expect(NULL, v.t, "u3", "three");
    ve_expect(NULL, v.t, "u4", NULL);
    assert_int_equal(ve_raw(v.t, "u2"), 1);
    assert_int_equal(ve_raw(v.t, "u4"), 0);
    ve_close(&v, 0);
    tu_rmtree(dir);
    free(dir);
}

/* Tree stamps (vt_tree_stamp) and the lock-free read path they guard:
 * 0 while any row of the tree has versions, a new value after every
 * write, and reads that never see what a snapshot must not. */
static void test_quiet_stamps(void **state)
{
    (void)state;
    ver_env *v = &g_env;
    const char *rows[] = { "q1", "a", "q2", "b", "q3", "c" };
    seed(v, rows, 6);
    uint64_t s0 = vt_tree_stamp(v->t);
    assert_true(s0 != 0);
    assert_int_equal(vt_tree_stamp(v->t), s0);
    ve_expect(NULL, v->t, "q2", "b");
    assert_int_equal(vt_tree_stamp(v->t), s0);     /* reads change nothing */

    /* An uncommitted change: stamp 0, readers still see the old value. */
    ve_begin(v, 1);                                 /* a snapshot from before */
    ve_begin(v, 0);
    assert_jet_ok(ve_rep(ve_x(v, 0), v->t, "q2", "dirty"));
    assert_int_equal(vt_tree_stamp(v->t), 0);
    ve_expect(NULL, v->t, "q2", "b");
    ve_expect(ve_x(v, 1), v->t, "q2", "b");
    ve_expect(ve_x(v, 0), v->t, "q2", "dirty");
    ve_rollback(v, 0);
    /* the old snapshot holds nothing back: the rollback left no version */
    uint64_t s1 = vt_tree_stamp(v->t);
    assert_true(s1 != 0 && s1 != s0);
    ve_expect(NULL, v->t, "q2", "b");

    /* A commit an open snapshot predates keeps its versions: stamp 0. */
    ve_begin(v, 0);
    assert_jet_ok(ve_rep(ve_x(v, 0), v->t, "q3", "new"));
    ve_commit(v, 0);
    assert_int_equal(vt_tree_stamp(v->t), 0);
    ve_expect(ve_x(v, 1), v->t, "q3", "c");
    ve_expect(NULL, v->t, "q3", "new");
    ve_commit(v, 1);                                /* cleanup can run now */
    uint64_t s2 = vt_tree_stamp(v->t);
    assert_true(s2 != 0 && s2 != s1);
    ve_expect(NULL, v->t, "q3", "new");
    vs_stats st;
    vs_get_stats(v->in->vs, &st);
    assert_int_equal(st.rows, 0);
    assert_int_equal(st.versions, 0);
}

/* Cleanup removes a committed deletion's row whatever way the deletion
 * was made, and nothing else. */
static void test_cleanup_flag_paths(void **state)
{
    (void)state;
    ver_env *v = &g_env;
    const char *rows[] = { "f1", "a", "f2", "b", "f3", "c", "f4", "d", "f5", "e" };
    seed(v, rows, 10);
    vs_stats st;
    vs_get_stats(v->in->vs, &st);
    uint64_t removed = st.rows_removed;

    ve_begin(v, 0);
    vtx *x = ve_x(v, 0);
    assert_jet_ok(ve_rep(x, v->t, "f1", "a2"));      /* replace, then delete */
    assert_jet_ok(ve_del(x, v->t, "f1"));
    assert_jet_ok(vt_lock(x, v->t, "f2", 2));         /* lock, then delete */
    assert_jet_ok(ve_del(x, v->t, "f2"));
    assert_jet_ok(ve_ins(x, v->t, "f25", "n"));       /* insert, then delete */
    assert_jet_ok(ve_del(x, v->t, "f25"));
    assert_jet_ok(ve_rep(x, v->t, "f3", "c2"));       /* a plain replace */
    ve_begin(v, 0);                                    /* a deletion rolled back */
    assert_jet_ok(ve_del(ve_x(v, 0), v->t, "f4"));
    ve_rollback(v, 0);
    ve_commit(v, 0);

    assert_int_equal(ve_raw(v->t, "f1"), 0);
    assert_int_equal(ve_raw(v->t, "f2"), 0);
    assert_int_equal(ve_raw(v->t, "f25"), 0);
    assert_int_equal(ve_raw(v->t, "f3"), 1);
    assert_int_equal(ve_raw(v->t, "f4"), 1);
    assert_int_equal(ve_raw(v->t, "f5"), 1);
    ve_expect(NULL, v->t, "f3", "c2");
    ve_expect(NULL, v->t, "f4", "d");
    vs_get_stats(v->in->vs, &st);
    assert_int_equal(st.rows_removed - removed, 2);   /* f25 went at once */
    assert_int_equal(st.rows, 0);

    /* An insert over a flagged row (as after a crash), rolled back: the
     * flag is back; a later deletion's cleanup finds it. */
    uint8_t flagged[] = { VT_ROW_DELETED, 'o', 'l', 'd' };
    assert_jet_ok(bt_insert(v->t, 0, "f6", 2, flagged, sizeof flagged));
    ve_begin(v, 0);
    assert_jet_ok(ve_ins(ve_x(v, 0), v->t, "f6", "x"));
    ve_rollback(v, 0);
    assert_int_equal(ve_raw(v->t, "f6"), 2);
    ve_expect(NULL, v->t, "f6", NULL);
    bt_check_stats cs;
    assert_jet_ok(bt_check(v->t, &cs));
}

/* What a vt cursor keeps of its landing, and when it may be used as the
 * current value (vt_cursor_fresh_value). */
static void test_cursor_landing(void **state)
{
    (void)state;
    ver_env *v = &g_env;
    const char *rows[] = { "l1", "one", "l2", "two", "l3", "three" };
    seed(v, rows, 6);
    vt_cursor *c;
    assert_jet_ok(vt_cursor_open(v->t, &c));
    const uint8_t *k, *val;
    size_t kl, got, full, n;
    assert_jet(JET_errNoCurrentRecord, vt_cursor_landed(c, &k, &kl, &val, &got, &full));
    assert_false(vt_cursor_fresh_value(c, &val, &n));

    assert_jet_ok(vt_cursor_seek(NULL, c, BT_SEEK_EQ, "l2", 2));
    assert_jet_ok(vt_cursor_landed(c, &k, &kl, &val, &got, &full));
    assert_int_equal(kl, 2);
    assert_memory_equal(k, "l2", 2);
    assert_int_equal(full, 3);
    assert_int_equal(got, 3);
    assert_memory_equal(val, "two", 3);
    assert_true(vt_cursor_is_on(c, "l2", 2));
    assert_false(vt_cursor_is_on(c, "l3", 2));
    assert_true(vt_cursor_fresh_value(c, &val, &n));
    assert_int_equal(n, 3);
    assert_memory_equal(val, "two", 3);

    /* Another transaction changes the row: no longer fresh; what each
     * reader sees comes from a new read. */
    ve_begin(v, 0);
    assert_jet_ok(ve_rep(ve_x(v, 0), v->t, "l2", "TWO"));
    assert_false(vt_cursor_fresh_value(c, &val, &n));
    char buf[16];
    assert_jet_ok(vt_cursor_value(NULL, c, 0, buf, sizeof buf, &n));
    assert_memory_equal(buf, "two", 3);
    assert_jet_ok(vt_cursor_value(ve_x(v, 0), c, 0, buf, sizeof buf, &n));
    assert_memory_equal(buf, "TWO", 3);
    ve_commit(v, 0);
    /* all versions cleaned, but the tree was written since the landing */
    assert_true(vt_tree_stamp(v->t) != 0);
    assert_false(vt_cursor_fresh_value(c, &val, &n));
    assert_jet_ok(vt_cursor_value(NULL, c, 0, buf, sizeof buf, &n));
    assert_memory_equal(buf, "TWO", 3);

    /* A move lands afresh; moves over rows a reader cannot see skip them
     * and keep no landing from them. */
    assert_jet_ok(vt_cursor_next(NULL, c));
    assert_true(vt_cursor_fresh_value(c, &val, &n));
    assert_memory_equal(val, "three", 5);
    ve_begin(v, 0);
    assert_jet_ok(ve_ins(ve_x(v, 0), v->t, "l25", "hidden"));
    assert_jet_ok(vt_cursor_seek(NULL, c, BT_SEEK_GT, "l2", 2));
    assert_jet_ok(vt_cursor_landed(c, &k, &kl, &val, &got, &full));
    assert_memory_equal(k, "l3", 2);
    assert_false(vt_cursor_fresh_value(c, &val, &n));   /* versions exist */
    assert_jet_ok(vt_cursor_seek(ve_x(v, 0), c, BT_SEEK_GT, "l2", 2));
    assert_jet_ok(vt_cursor_landed(c, &k, &kl, &val, &got, &full));
    assert_memory_equal(k, "l25", 3);
    ve_rollback(v, 0);
    assert_jet(JET_errRecordNotFound, vt_cursor_seek(NULL, c, BT_SEEK_GT, "l3", 2));
    assert_jet(JET_errNoCurrentRecord, vt_cursor_landed(c, &k, &kl, &val, &got, &full));
    assert_false(vt_cursor_fresh_value(c, &val, &n));
    vt_cursor_close(c);
}

/* A replace by the bytes the row already holds, at a later level than
 * the change that put them there, then a rollback of everything: the row
 * must come back as it was before the transaction (the no-op replace
 * leaves no undo record and must not pass for an unlogged change). */
static void test_same_bytes_rollback(void **state)
{
    (void)state;
    ver_env *v = &g_env;
    const char *rows[] = { "s1", "orig", "s2", "orig" };
    seed(v, rows, 4);
    ve_begin(v, 0);
    assert_jet_ok(ve_rep(ve_x(v, 0), v->t, "s1", "new"));
    ve_begin(v, 0);                                   /* level 2 */
    assert_jet_ok(ve_rep(ve_x(v, 0), v->t, "s1", "new"));
    ve_commit(v, 0);                                  /* into level 1 */
    assert_jet_ok(vt_lock(ve_x(v, 0), v->t, "s2", 2));
    ve_begin(v, 0);
    assert_jet_ok(ve_rep(ve_x(v, 0), v->t, "s2", "orig"));
    ve_commit(v, 0);
    ve_expect(ve_x(v, 0), v->t, "s1", "new");
    ve_expect(NULL, v->t, "s1", "orig");
    ve_rollback(v, 0);
    ve_expect(NULL, v->t, "s1", "orig");
    ve_expect(NULL, v->t, "s2", "orig");
    vs_stats st;
    vs_get_stats(v->in->vs, &st);
    assert_int_equal(st.versions, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_snapshot_isolation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_conflict_uncommitted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_conflict_committed_after_snapshot, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lock, setup, teardown),
        cmocka_unit_test_setup_teardown(test_duplicates_and_missing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nesting, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cursor, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cleanup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_defer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_detach_hook, setup, teardown),
        cmocka_unit_test(test_max_ver_pages),
        cmocka_unit_test(test_unlogged_rollback),
        cmocka_unit_test_setup_teardown(test_quiet_stamps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cleanup_flag_paths, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cursor_landing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_same_bytes_rollback, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
