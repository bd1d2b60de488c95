/*
 * test_ver_stress.c: sessions on threads racing through conflicting
 * transactions.
 *
 * Transfer threads move money between accounts (read two balances,
 * replace both; a write conflict rolls back and retries); token threads
 * move tokens between slots (delete one row, insert another: flagged rows,
 * inserts over them, cleanup).  Auditor threads take snapshots and check
 * that every snapshot sees the same total and the same number of tokens,
 * by point reads and by cursor walks in both directions.  Savepoints are
 * mixed in: part of each transfer happens at a nested level that is
 * sometimes rolled back.  At the end everything is committed, cleaned up
 * and the tree verified.
 */
#include "ver_util.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define ACCOUNTS 32
#define START_BALANCE 1000
#define SLOTS 64
#define TOKENS 16
#define WORKERS 3            /* sessions 1..3; session 0 audits */
#define RUN_MS 1500

static ver_env g_env;
static atomic_bool g_stop;
static atomic_ulong g_commits, g_conflicts, g_audits;
static atomic_int g_error;           /* first unexpected error of a worker */

static void acct_key(int i, char key[8])
{
    snprintf(key, 8, "a%02d", i);
}

static void slot_key(int i, char key[8])
{
    snprintf(key, 8, "s%02d", i);
}

static unsigned rnd(unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return (*seed >> 8) & 0xffffff;
}

static JET_ERR read_balance(vtx *x, int i, int64_t *bal)
{
    char key[8];
    acct_key(i, key);
    size_t actual = 0;
    JET_ERR err = vt_get(x, g_env.t, key, 3, 0, bal, sizeof *bal, &actual);
    if (err >= 0 && actual != sizeof *bal)
        err = JET_errDatabaseCorrupted;
    return err;
}

static JET_ERR write_balance(vtx *x, int i, int64_t bal)
{
    char key[8];
    acct_key(i, key);
    return vt_replace(x, g_env.t, key, 3, &bal, sizeof bal);
}

/* One transfer; conflicts roll everything back. */
static JET_ERR transfer(sess *s, unsigned *seed)
{
    int from = (int)(rnd(seed) % ACCOUNTS), to = (int)(rnd(seed) % ACCOUNTS);
    int64_t amount = (int64_t)(rnd(seed) % 50), a, b;
    JET_ERR err;
    if ((err = vtx_begin(s, 0)) < 0)
        return err;
    vtx *x = vtx_current(s);
    if ((err = read_balance(x, from, &a)) < 0 || (err = write_balance(x, from, a - amount)) < 0)
        goto fail;
    /* The credit happens at a savepoint; sometimes a bogus extra credit is
     * made there and rolled back. */
    if ((err = vtx_begin(s, 0)) < 0)
        goto fail;
    if ((err = read_balance(x, to, &b)) < 0 || (err = write_balance(x, to, b + amount)) < 0)
        goto fail;
    if (rnd(seed) % 4 == 0) {
        if ((err = vtx_begin(s, 0)) < 0)
            goto fail;
        int other = (int)(rnd(seed) % ACCOUNTS);
        int64_t c;
        if ((err = read_balance(x, other, &c)) < 0 || (err = write_balance(x, other, c + 999)) < 0)
            goto fail;
        if ((err = vtx_rollback(s, 0)) < 0)
            goto fail;
    }
    if ((err = vtx_commit(s, 0)) < 0)
        goto fail;
    return vtx_commit(s, rnd(seed) % 2 ? JET_bitCommitLazyFlush : 0);
fail:
    (void)vtx_rollback(s, JET_bitRollbackAll);
    return err;
}

/* Move a token from an occupied slot to a free one. */
static JET_ERR move_token(sess *s, unsigned *seed)
{
    JET_ERR err;
    if ((err = vtx_begin(s, 0)) < 0)
        return err;
    vtx *x = vtx_current(s);
    int from = (int)(rnd(seed) % SLOTS), to = (int)(rnd(seed) % SLOTS);
    char kf[8], kt[8];
    slot_key(from, kf);
    slot_key(to, kt);
    char tok[8];
    size_t actual;
    err = vt_get(x, g_env.t, kf, 3, 0, tok, sizeof tok, &actual);
    if (err == JET_errRecordNotFound || from == to) {
        err = JET_errSuccess;    /* nothing to move */
        goto fail;
    }
    if (err < 0)
        goto fail;
    if ((err = vt_delete(x, g_env.t, kf, 3)) < 0)
        goto fail;
    err = vt_insert(x, g_env.t, kt, 3, tok, actual);
    if (err == JET_errKeyDuplicate) {
        err = JET_errSuccess;    /* occupied: give up */
        goto fail;
    }
    if (err < 0)
        goto fail;
    return vtx_commit(s, JET_bitCommitLazyFlush);
fail:
    (void)vtx_rollback(s, JET_bitRollbackAll);
    return err;
}

static void *worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    sess *s = g_env.s[id];
    unsigned seed = (unsigned)id * 7919u + 1;
    while (!atomic_load(&g_stop)) {
        JET_ERR err = rnd(&seed) % 3 ? transfer(s, &seed) : move_token(s, &seed);
        if (err == JET_errWriteConflict)
            atomic_fetch_add(&g_conflicts, 1);
        else if (err < 0) {
            int none = 0;
            atomic_compare_exchange_strong(&g_error, &none, (int)err);
            break;
        } else
            atomic_fetch_add(&g_commits, 1);
    }
    return NULL;
}

/* Sum of balances and number of tokens as x sees them, by cursor. */
static void audit_cursor(vtx *x, bool forward, int64_t *sum, int *tokens, int *accounts)
{
    vt_cursor *c;
    assert_jet_ok(vt_cursor_open(g_env.t, &c));
    *sum = 0;
    *tokens = *accounts = 0;
    JET_ERR err = forward ? vt_cursor_first(x, c) : vt_cursor_last(x, c);
    while (err >= 0) {
        char key[8];
        size_t kl = 0, vl = 0;
        assert_jet_ok(vt_cursor_key(x, c, key, sizeof key, &kl));
        if (key[0] == 'a') {
            int64_t bal;
            assert_jet_ok(vt_cursor_value(x, c, 0, &bal, sizeof bal, &vl));
            *sum += bal;
            (*accounts)++;
        } else {
            (*tokens)++;
        }
        err = forward ? vt_cursor_next(x, c) : vt_cursor_prev(x, c);
    }
    assert_jet(JET_errNoCurrentRecord, err);
    vt_cursor_close(c);
}

static void audit_once(sess *s, bool forward)
{
    assert_jet_ok(vtx_begin(s, 0));
    vtx *x = vtx_current(s);
    int64_t sum = 0, csum;
    for (int i = 0; i < ACCOUNTS; i++) {
        int64_t b;
        assert_jet_ok(read_balance(x, i, &b));
        sum += b;
    }
    int tokens, accounts;
    audit_cursor(x, forward, &csum, &tokens, &accounts);
    assert_int_equal(sum, (int64_t)ACCOUNTS * START_BALANCE);
    assert_int_equal(csum, sum);
    assert_int_equal(accounts, ACCOUNTS);
    assert_int_equal(tokens, TOKENS);
    assert_jet_ok(vtx_commit(s, 0));
    atomic_fetch_add(&g_audits, 1);
}

static void test_transfers(void **state)
{
    (void)state;
    char *dir = tu_mkdtemp("verstress");
    ve_open(&g_env, dir, true, 0);
    sess *s0 = g_env.s[0];
    assert_jet_ok(vtx_begin(s0, 0));
    for (int i = 0; i < ACCOUNTS; i++) {
        char key[8];
        acct_key(i, key);
        int64_t bal = START_BALANCE;
        assert_jet_ok(vt_insert(vtx_current(s0), g_env.t, key, 3, &bal, sizeof bal));
    }
    for (int i = 0; i < TOKENS; i++) {
        char key[8], tok[8];
        slot_key(i * (SLOTS / TOKENS), key);
        snprintf(tok, sizeof tok, "t%d", i);
        assert_jet_ok(vt_insert(vtx_current(s0), g_env.t, key, 3, tok, strlen(tok)));
    }
    assert_jet_ok(vtx_commit(s0, 0));

    pthread_t th[WORKERS];
    for (int i = 0; i < WORKERS; i++)
        assert_int_equal(pthread_create(&th[i], NULL, worker, (void *)(intptr_t)(i + 1)), 0);
    struct timespec t0, now;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    bool forward = true;
    do {
        if (atomic_load(&g_error) != 0)
            break;
        audit_once(s0, forward);
        forward = !forward;
        clock_gettime(CLOCK_MONOTONIC, &now);
    } while ((now.tv_sec - t0.tv_sec) * 1000 + (now.tv_nsec - t0.tv_nsec) / 1000000 < RUN_MS);
    atomic_store(&g_stop, true);
    for (int i = 0; i < WORKERS; i++)
        pthread_join(th[i], NULL);
    assert_jet_ok(atomic_load(&g_error));
    audit_once(s0, true);
    print_message("commits %lu, conflicts %lu, audits %lu\n", atomic_load(&g_commits),
                  atomic_load(&g_conflicts), atomic_load(&g_audits));
    assert_true(atomic_load(&g_commits) > 100);
    assert_true(atomic_load(&g_conflicts) > 0);

    /* Everything committed and seen: the store drains completely. */
    vs_cleanup(g_env.in->vs);
    vs_stats st;
    vs_get_stats(g_env.in->vs, &st);
    assert_int_equal(st.versions, 0);
    assert_int_equal(st.rows, 0);
    assert_int_equal(st.bytes_used, 0);
    assert_int_equal(st.active, 0);
    bt_check_stats cs;
    assert_jet_ok(bt_check(g_env.t, &cs));
    assert_int_equal(cs.records, ACCOUNTS + TOKENS);   /* no flagged row left */
    ve_close(&g_env, 0);

    /* And the committed state survives a restart. */
    ve_open(&g_env, dir, false, g_env.objid);
    audit_once(g_env.s[0], false);
    ve_close(&g_env, 0);
    tu_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_transfers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
