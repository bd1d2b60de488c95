/*
 * test_core_fault.c: durability of the storage core under I/O faults.
 *
 * A workload (durable transactions that insert, delete earlier rows and
 * sometimes roll back on purpose; enough log to roll generations with the
 * 128 KiB logs of core_util; explicit and background checkpoints; a cache
 * of a few pages so that eviction writes pages back; a clean or dirty
 * JetTerm at the end) is first run counting the calls of one operation
 * class (write, fsync, rename, open, truncate, unlink) on the test folder.
 * Then, for a spread of k, the k-th call is made to fail (EIO once, a torn
 * write, ENOSPC or EIO from then on): whatever the API answers is recorded,
 * the instance is terminated (dirty or clean, whatever it allows), the
 * fault is disarmed and the next JetInit must recover: every acknowledged
 * commit is there, nothing that never committed left a row, a transaction
 * whose commit failed is all there or all absent, and the tree checks.
 *
 * Also here: a full log disk at the instance level (JET_errLogDiskFull for
 * new work, a clean JetTerm on the reserved logs), and faults injected into
 * the JetInit that recovers (it fails; the next one recovers right).
 *
 * The default run samples about 30 calls per class and mode;
 * JETDB_LONG_TESTS=1 fails every single call.
 */
#include "core_util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cache/cache.h"
#include "log/log.h"
#include "util/err.h"

#define NTXN 64             /* transactions of the workload */
#define LONG_TXN NTXN       /* one more, open from the 3rd to the 41st: it holds
                               the checkpoint back, then lets it leap */
#define ROWS 6              /* rows each one inserts */
#define CKPT_EVERY 12       /* explicit checkpoint after every 12 transactions */
#define SAMPLES 30          /* calls failed per class and mode (default run) */

/* What the workload learned about a change (a transaction's own rows, or
 * the deletion of an earlier transaction's rows). */
enum outcome {
    O_NONE = 0,     /* never attempted */
    O_ACKED,        /* txn_commit returned success: must survive */
    O_UNKNOWN,      /* txn_commit failed: all or nothing */
    O_NEVER,        /* failed or rolled back before commit: must be absent */
};

typedef struct wl_state {
    uint8_t ins[NTXN + 1];  /* transaction i's rows */
    uint8_t del[NTXN + 1];  /* their deletion by transaction i + 2 */
    unsigned acked, failed;
    unsigned rb_failed;     /* rollbacks that failed (left to recovery) */
    JET_ERR first_err;      /* first error the workload saw */
    unsigned errs_not_full; /* errors other than JET_errLogDiskFull */
    unsigned extra_rows;    /* rows present outside transactions 0..NTXN */
    JET_ERR term_err;
} wl_state;

static bool g_long;
static bool g_circular;     /* JET_paramCircularLog for the next instances */

static void params(JET_INSTANCE instance)
{
    /* A handful of pages: eviction writes dirty pages back all the time. */
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramCacheSizeMin, 8, NULL));
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramCacheSizeMax, 16, NULL));
    /* The background checkpointer runs every 48 KiB of log too. */
    assert_jet_ok(JetSetSystemParameterA(&instance, 0, JET_paramCheckpointDepthMax, 48 * 1024,
                                         NULL));
    assert_jet_ok(JetSetSystemParameterA(&instance, 0, JET_paramCircularLog, g_circular, NULL));
}

/* ---- rows ---------------------------------------------------------------- */

static void row_key(unsigned tx, unsigned r, char key[16])
{
    snprintf(key, 16, "t%04ur%02u", tx, r);
}

static size_t row_value(unsigned tx, unsigned r, uint8_t *val)
{
    size_t len = 300 + (tx * 131u + r * 71u) % 900u;
    for (size_t j = 0; j < len; j++)
        val[j] = (uint8_t)(tx * 7u + r * 13u + j);
    return len;
}

static JET_ERR insert_rows(bt_tree *t, uint64_t txid, unsigned tx)
{
    for (unsigned r = 0; r < ROWS; r++) {
        char key[16];
        uint8_t val[1400];
        row_key(tx, r, key);
        size_t len = row_value(tx, r, val);
        CALL(bt_insert(t, txid, key, 8, val, len));
    }
    return JET_errSuccess;
}

static JET_ERR delete_rows(bt_tree *t, uint64_t txid, unsigned tx)
{
    for (unsigned r = 0; r < ROWS; r++) {
        char key[16];
        row_key(tx, r, key);
        CALL(bt_delete(t, txid, key, 8));
    }
    return JET_errSuccess;
}

/* 1: present with its value; 0: absent; fails on a wrong value or error. */
static int row_state(bt_tree *t, unsigned tx, unsigned r, const char *ctx)
{
    char key[16];
    uint8_t want[1400], got[1400];
    row_key(tx, r, key);
    size_t len = row_value(tx, r, want), actual = 0;
    JET_ERR err = bt_get(t, key, 8, 0, got, sizeof got, &actual);
    if (err == JET_errRecordNotFound)
        return 0;
    if (err < 0)
        fail_msg("%s: reading row %u/%u: %d", ctx, tx, r, (int)err);
    if (actual != len || memcmp(got, want, len) != 0)
        fail_msg("%s: row %u/%u has a wrong value", ctx, tx, r);
    return 1;
}

/* All rows of transaction txn present (1), all absent (0), torn (-1). */
static int txn_state(bt_tree *t, unsigned tx, const char *ctx)
{
    int n = 0;
    for (unsigned r = 0; r < ROWS; r++)
        n += row_state(t, tx, r, ctx);
    return n == ROWS ? 1 : n == 0 ? 0 : -1;
}

/* ---- the workload ---------------------------------------------------------- */

static void note_err(wl_state *st, JET_ERR err)
{
    if (err < 0 && st->first_err == 0)
        st->first_err = err;
    if (err < 0 && err != JET_errLogDiskFull)
        st->errs_not_full++;
}

/* Create the database and its tree (no fault armed yet). */
static uint32_t wl_setup(const char *dir)
{
    core_env e;
    core_open(&e, dir, true);
    txn *x;
    assert_jet_ok(txn_begin(e.log, &x));
    uint32_t objid;
    assert_jet_ok(st_tree_create(e.st, txn_id(x), &objid));
    assert_jet_ok(txn_commit(x, false, NULL));
    core_close(&e, 0);
    return objid;
}

/* Run the transactions on an open environment, recording every outcome. */
static void wl_run(core_env *e, uint32_t objid, wl_state *st)
{
    bt_tree *t = NULL;
    inst *in = core_inst(e);
    JET_ERR err = st_tree_open(e->st, objid, &t);
    note_err(st, err);
    if (err < 0)
        return;   /* nothing attempted: nothing to check */
    txn *lx = NULL;
    for (unsigned i = 0; i < NTXN; i++) {
        if (i == 2) {
            st->ins[LONG_TXN] = O_NEVER;
            err = txn_begin(e->log, &lx);
            if (err >= 0) {
                err = insert_rows(t, txn_id(lx), LONG_TXN);
                if (err < 0) {
                    st->rb_failed += core_rollback(lx) < 0;
                    lx = NULL;
                }
            }
            note_err(st, err);
        } else if (i == 40 && lx != NULL) {
            err = txn_commit(lx, false, NULL);
            note_err(st, err);
            st->ins[LONG_TXN] = err >= 0 ? O_ACKED : O_UNKNOWN;
            lx = NULL;
        }
        txn *x;
        err = txn_begin(e->log, &x);
        if (err < 0) {
            note_err(st, err);
            st->ins[i] = O_NEVER;
            st->failed++;
            continue;
        }
        /* Every fifth transaction also deletes the rows of the one two
         * before it (when those were acknowledged). */
        bool deleter = i % 5 == 3 && st->ins[i - 2] == O_ACKED;
        bool rollback = i % 7 == 6;
        err = insert_rows(t, txn_id(x), i);
        if (err >= 0 && deleter)
            err = delete_rows(t, txn_id(x), i - 2);
        if (err < 0 || rollback) {
            note_err(st, err);
            JET_ERR rerr = core_rollback(x);
            note_err(st, rerr);
            st->rb_failed += rerr < 0;
            st->ins[i] = O_NEVER;
            if (deleter)
                st->del[i - 2] = O_NEVER;
            if (err < 0 || rerr < 0)
                st->failed++;
            continue;
        }
        err = txn_commit(x, false, NULL);
        note_err(st, err);
        uint8_t o = err >= 0 ? O_ACKED : O_UNKNOWN;
        st->ins[i] = o;
        if (deleter)
            st->del[i - 2] = o;
        if (err >= 0)
            st->acked++;
        else
            st->failed++;
        if (i % CKPT_EVERY == CKPT_EVERY - 1)
            note_err(st, inst_checkpoint(in));
    }
}

/* Terminate: clean (close, end session, JetTerm) or dirty. */
static void wl_term(core_env *e, bool dirty, wl_state *st)
{
    db_unpin(e->d);
    e->d = NULL;
    e->st = NULL;
    if (dirty) {
        st->term_err = JetTerm2(e->inst, JET_bitTermDirty);
        if (st->term_err != JET_errDirtyShutdown)
            fail_msg("dirty JetTerm2: %d", (int)st->term_err);
        return;
    }
    (void)JetCloseDatabase(e->ses, e->dbid, 0);
    (void)JetEndSession(e->ses, 0);
    st->term_err = JetTerm2(e->inst, 0);
}

/* Recover (JetInit) and check every outcome the workload recorded. */
static void wl_verify(const char *dir, uint32_t objid, const wl_state *st, const char *ctx)
{
    core_env e;
    JET_ERR err = core_try_open(&e, dir, false);
    if (err < 0)
        fail_msg("%s: JetInit + attach after the fault: %d", ctx, (int)err);
    bt_tree *t;
    assert_jet_ok(st_tree_open(e.st, objid, &t));
    uint64_t present = 0;
    for (unsigned i = 0; i <= NTXN; i++) {
        int s = txn_state(t, i, ctx);
        if (s < 0)
            fail_msg("%s: transaction %u is half present (ins %u del %u)", ctx, i, st->ins[i],
                     st->del[i]);
        bool ok;
        switch (st->ins[i]) {
        case O_ACKED:
            if (st->del[i] == O_ACKED)
                ok = s == 0;
            else if (st->del[i] == O_UNKNOWN)
                ok = true;
            else
                ok = s == 1;
            break;
        case O_UNKNOWN:
            ok = true;
            break;
        default:   /* never committed, or never attempted */
            ok = s == 0;
            break;
        }
        if (!ok)
            fail_msg("%s: transaction %u is %s (ins %u del %u)", ctx, i,
                     s ? "present" : "absent", st->ins[i], st->del[i]);
        present += (uint64_t)s;
    }
    bt_check_stats cs;
    err = bt_check(t, &cs);
    if (err < 0)
        fail_msg("%s: bt_check: %d %s", ctx, (int)err, cs.why);
    if (cs.records != present * ROWS + st->extra_rows)
        fail_msg("%s: %llu records in the tree, %llu expected", ctx,
                 (unsigned long long)cs.records,
                 (unsigned long long)(present * ROWS + st->extra_rows));
    core_close(&e, 0);
}

/* One full run: fresh folder, setup, arm (nth == 0: count only), run,
 * terminate, disarm, recover, verify.  Returns the calls counted. */
static uint64_t run_case_on(JETDB_FAULT_OP op, uint64_t nth, int errnum, JET_GRBIT grbit,
                            bool dirty, const char *file, uint64_t *fired, wl_state *out)
{
    char *dir = tu_mkdtemp("corefault");
    uint32_t objid = wl_setup(dir);
    wl_state st;
    memset(&st, 0, sizeof st);
    char ctx[128];
    snprintf(ctx, sizeof ctx, "op %d call %llu errno %d grbit %u %s", (int)op,
             (unsigned long long)nth, errnum, (unsigned)grbit, dirty ? "dirty" : "clean");

    char filter[600];
    snprintf(filter, sizeof filter, "%s/%s", dir, file ? file : "");
    assert_jet_ok(JetDbFaultArm(op, nth, errnum, grbit, filter));
    core_env e;
    JET_ERR err = core_try_open(&e, dir, false);
    if (err >= 0) {
        wl_run(&e, objid, &st);
        wl_term(&e, dirty, &st);
    } else {
        /* JetInit or the attach failed: the instance is gone or must go. */
        st.first_err = err;
        if (e.inst != 0 && e.d != NULL)
            db_unpin(e.d);
        if (e.inst != 0)
            (void)JetTerm2(e.inst, JET_bitTermDirty);
    }
    uint64_t count = JetDbFaultCount(op);
    if (fired)
        *fired = JetDbFaultFired(op);
    JetDbFaultDisarmAll();

    wl_verify(dir, objid, &st, ctx);
    if (out)
        *out = st;
    tu_rmtree(dir);
    free(dir);
    return count;
}

static uint64_t run_case(JETDB_FAULT_OP op, uint64_t nth, int errnum, JET_GRBIT grbit,
                         bool dirty, uint64_t *fired, wl_state *out)
{
    return run_case_on(op, nth, errnum, grbit, dirty, NULL, fired, out);
}

/* The modes a class is tried with. */
typedef struct mode {
    int errnum;
    JET_GRBIT grbit;
    const char *name;
} mode;

static void sweep(JETDB_FAULT_OP op, const char *opname, const mode *modes, size_t nmodes)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    /* Count: the workload undisturbed (clean term). */
    wl_state base;
    cache_stats cs0, cs1;
    cache_get_stats(&cs0);
    uint64_t total = run_case(op, 0, 0, 0, false, NULL, &base);
    cache_get_stats(&cs1);
    print_message("%-8s workload: %u commits, %llu evictions, %llu page writes\n", opname,
                  base.acked, (unsigned long long)(cs1.evictions - cs0.evictions),
                  (unsigned long long)(cs1.writes - cs0.writes));
    assert_int_equal(base.first_err, 0);
    assert_int_equal(base.term_err, 0);
    assert_true(base.acked > 0);
    if (total == 0) {
        print_message("%s: no calls\n", opname);
        return;
    }
    unsigned runs = 0, fired_runs = 0, acked = 0;
    for (size_t m = 0; m < nmodes; m++) {
        uint64_t n = g_long || total <= SAMPLES ? total : SAMPLES;
        for (uint64_t j = 0; j < n; j++) {
            uint64_t k = n == total ? j + 1 : 1 + j * (total - 1) / (n - 1);
            uint64_t fired = 0;
            wl_state st;
            (void)run_case(op, k, modes[m].errnum, modes[m].grbit, k % 2 == 0, &fired, &st);
            runs++;
            fired_runs += fired > 0;
            acked += st.acked;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    print_message("%-8s %4llu calls, %u runs (%u with the fault hit), %u acked commits "
                  "checked, %.1f s\n",
                  opname, (unsigned long long)total, runs, fired_runs, acked,
                  (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    assert_true(fired_runs > 0);
}

/* JETDB_CF_CASE="op:k:errno:grbit:dirty" runs that one case (diagnosis). */
static bool one_case(void)
{
    const char *c = getenv("JETDB_CF_CASE");
    int op, errnum, dirty;
    unsigned long long k;
    unsigned grbit;
    if (c == NULL || sscanf(c, "%d:%llu:%d:%u:%d", &op, &k, &errnum, &grbit, &dirty) != 5)
        return false;
    uint64_t fired = 0;
    wl_state st;
    (void)run_case((JETDB_FAULT_OP)op, k, errnum, grbit, dirty != 0, &fired, &st);
    print_message("case %s: fired %llu, first error %d, term %d, %u acked, %u failed\n", c,
                  (unsigned long long)fired, (int)st.first_err, (int)st.term_err, st.acked,
                  st.failed);
    return true;
}

static void test_fault_write(void **state)
{
    (void)state;
    if (one_case())
        return;
    const mode modes[] = {
        { EIO, 0, "EIO" },
        { EIO, JETDB_bitFaultShortWrite, "short" },
        { ENOSPC, JETDB_bitFaultPersistent, "ENOSPC persistent" },
    };
    sweep(JETDB_faultopWrite, "write", modes, 3);
}

static void test_fault_fsync(void **state)
{
    (void)state;
    const mode modes[] = {
        { EIO, 0, "EIO" },
        { EIO, JETDB_bitFaultPersistent, "EIO persistent" },
    };
    sweep(JETDB_faultopFsync, "fsync", modes, 2);
}

static void test_fault_rename(void **state)
{
    (void)state;
    const mode modes[] = {
        { EIO, 0, "EIO" },
        { ENOSPC, JETDB_bitFaultPersistent, "ENOSPC persistent" },
    };
    sweep(JETDB_faultopRename, "rename", modes, 2);
}

static void test_fault_open(void **state)
{
    (void)state;
    const mode modes[] = {
        { EIO, 0, "EIO" },
        { ENOSPC, JETDB_bitFaultPersistent, "ENOSPC persistent" },
    };
    sweep(JETDB_faultopOpen, "open", modes, 2);
}

static void test_fault_truncate(void **state)
{
    (void)state;
    const mode modes[] = {
        { EIO, 0, "EIO" },
        { ENOSPC, JETDB_bitFaultPersistent, "ENOSPC persistent" },
    };
    sweep(JETDB_faultopTruncate, "truncate", modes, 2);
}

/* Circular logging: old generations are renamed into the next log or
 * deleted once the checkpoint is past them, which adds unlinks and
 * renames to the workload. */
static void test_fault_circular(void **state)
{
    (void)state;
    g_circular = true;
    const mode once[] = { { EIO, 0, "EIO" } };
    const mode both[] = {
        { EIO, 0, "EIO" },
        { EIO, JETDB_bitFaultPersistent, "EIO persistent" },
    };
    sweep(JETDB_faultopUnlink, "c-unlink", both, 2);
    sweep(JETDB_faultopRename, "c-rename", both, 2);
    sweep(JETDB_faultopWrite, "c-write", once, 1);
    sweep(JETDB_faultopFsync, "c-fsync", once, 1);
    g_circular = false;
}

/* A torn write of a database page (half the page stored, then EIO) and a
 * crash before the page is written again: recovery must still find whole
 * pages to redo on.  The workload runs undisturbed; then the k-th page
 * write of a checkpoint is torn and the instance terminates dirty. */
static void test_torn_page_then_crash(void **state)
{
    (void)state;
    for (uint64_t k = 1; k <= 6; k++) {
        char *dir = tu_mkdtemp("coretorn");
        uint32_t objid = wl_setup(dir);
        wl_state st;
        memset(&st, 0, sizeof st);
        core_env e;
        core_open(&e, dir, false);
        wl_run(&e, objid, &st);
        assert_int_equal(st.first_err, 0);
        /* More dirty pages for the checkpoint to write. */
        bt_tree *t;
        assert_jet_ok(st_tree_open(e.st, objid, &t));
        for (unsigned i = 0; i < NTXN; i += 3) {
            if (st.ins[i] != O_ACKED || st.del[i] == O_ACKED)
                continue;
            txn *x;
            assert_jet_ok(txn_begin(e.log, &x));
            assert_jet_ok(delete_rows(t, txn_id(x), i));
            assert_jet_ok(txn_commit(x, false, NULL));
            st.del[i] = O_ACKED;
        }
        char filter[600];
        snprintf(filter, sizeof filter, "%s/core.edb", dir);
        assert_jet_ok(JetDbFaultArm(JETDB_faultopWrite, k, EIO, JETDB_bitFaultShortWrite,
                                    filter));
        (void)inst_checkpoint(core_inst(&e));
        assert_int_equal(JetDbFaultFired(JETDB_faultopWrite), 1);
        JetDbFaultDisarmAll();
        wl_term(&e, true, &st);
        wl_verify(dir, objid, &st, "torn page");
        tu_rmtree(dir);
        free(dir);
    }
}

/* A failed fsync of the database file is final (os_fsync): the kernel
 * may have dropped the pages it could not write, and a later fsync
 * succeeds without them.  So once a sync of core.edb failed, no later
 * checkpoint may move past the last one that was really durable, and the
 * clean JetTerm must not mark the file clean; the next JetInit replays the
 * log from that checkpoint. */
static void test_failed_fsync_is_final(void **state)
{
    (void)state;
    char *dir = tu_mkdtemp("coresync");
    uint32_t objid = wl_setup(dir);
    core_env e;
    core_open(&e, dir, false);
    inst *in = core_inst(&e);
    bt_tree *t;
    assert_jet_ok(st_tree_open(e.st, objid, &t));
    wl_state st;
    memset(&st, 0, sizeof st);
    log_checkpoint before, after;
    for (unsigned i = 0; i < 30; i++) {
        txn *x;
        assert_jet_ok(txn_begin(e.log, &x));
        assert_jet_ok(insert_rows(t, txn_id(x), i));
        assert_jet_ok(txn_commit(x, false, NULL));
        st.ins[i] = O_ACKED;
        if (i == 9)
            assert_jet_ok(inst_checkpoint(in));
        if (i == 19) {
            /* This checkpoint's sync of core.edb fails. */
            char filter[600];
            snprintf(filter, sizeof filter, "%s/core.edb", dir);
            assert_jet_ok(JetDbFaultArm(JETDB_faultopFsync, 1, EIO, 0, filter));
            log_checkpoint_get(e.log, &before);
            assert_true(inst_checkpoint(in) < 0);
            assert_int_equal(JetDbFaultFired(JETDB_faultopFsync), 1);
            JetDbFaultDisarmAll();
            log_checkpoint_get(e.log, &after);
            assert_true(after.lsn == before.lsn);
        }
    }
    /* The disk "works" again: later checkpoints (this one, the background
     * checkpointer's) still may not advance. */
    JET_ERR err = inst_checkpoint(in);
    log_checkpoint now;
    log_checkpoint_get(e.log, &now);
    print_message("checkpoint after the failed fsync: %d\n", (int)err);
    if (now.lsn != before.lsn)
        fail_msg("the checkpoint moved past a failed fsync (%llx -> %llx)",
                 (unsigned long long)before.lsn, (unsigned long long)now.lsn);
    wl_term(&e, false, &st);
    print_message("JetTerm after the failed fsync: %d\n", (int)st.term_err);
    assert_true(st.term_err < 0);
    /* The header still says dirty: JetInit must recover (and does). */
    for (unsigned i = 30; i <= NTXN; i++)
        st.ins[i] = O_NONE;
    wl_verify(dir, objid, &st, "failed fsync");
    tu_rmtree(dir);
    free(dir);
}

/* Log disk full: preallocating log files fails with ENOSPC from some point
 * on.  The pre-created next log still serves one roll; the roll after that
 * takes a reserved log and from then on new work gets JET_errLogDiskFull:
 * new transactions, and new changes of the transactions already open.
 * What finishes work still goes in on the reserved logs, as in ESE: the
 * compensations and ROLLBACK of a rollback, the COMMIT of a transaction
 * whose changes are all logged, the DETACHDB and TERM of a clean JetTerm.
 * The next JetInit finds a clean log and everything acknowledged. */
#define TX_ROLLED (NTXN + 1)    /* open across the disk full, then rolled back */
#define TX_FINISHED (NTXN + 2)  /* open across the disk full, then committed */
static void test_log_disk_full(void **state)
{
    (void)state;
    char *dir = tu_mkdtemp("corefull");
    uint32_t objid = wl_setup(dir);
    char filter[600];
    snprintf(filter, sizeof filter, "%s/edb", dir);   /* the log folder's files only */
    core_env e;
    core_open(&e, dir, false);
    bt_tree *t;
    assert_jet_ok(st_tree_open(e.st, objid, &t));
    /* Two transactions with their changes logged before the disk fills. */
    txn *xr, *xf;
    assert_jet_ok(txn_begin(e.log, &xr));
    assert_jet_ok(insert_rows(t, txn_id(xr), TX_ROLLED));
    assert_jet_ok(txn_begin(e.log, &xf));
    assert_jet_ok(insert_rows(t, txn_id(xf), TX_FINISHED));
    assert_jet_ok(JetDbFaultArm(JETDB_faultopTruncate, 1, ENOSPC, JETDB_bitFaultPersistent,
                                filter));
    wl_state st;
    memset(&st, 0, sizeof st);
    wl_run(&e, objid, &st);
    assert_true(JetDbFaultFired(JETDB_faultopTruncate) > 0);
    print_message("log disk full: %u acknowledged, %u failed, first error %d\n", st.acked,
                  st.failed, (int)st.first_err);
    /* Every failure is the full log disk; every rollback went through. */
    assert_int_equal(st.first_err, JET_errLogDiskFull);
    assert_int_equal(st.errs_not_full, 0);
    assert_int_equal(st.rb_failed, 0);
    assert_true(st.acked > 0 && st.failed > 0);
    /* New work is refused with the same error: a new transaction, and a
     * new change of a transaction that was already open. */
    txn *x;
    assert_int_equal(txn_begin(e.log, &x), JET_errLogDiskFull);
    assert_int_equal(insert_rows(t, txn_id(xr), TX_ROLLED + 100), JET_errLogDiskFull);
    /* What finishes work is not: the rollback of an open transaction (its
     * compensations, page releases and ROLLBACK) ... */
    assert_jet_ok(core_rollback(xr));
    /* ... and the commit of one whose changes are all in the log. */
    assert_jet_ok(txn_commit(xf, false, NULL));
    st.extra_rows = ROWS;
    /* A clean JetTerm: the databases are detached and TERM is logged, on
     * the reserved log. */
    wl_term(&e, false, &st);
    print_message("log disk full: JetTerm %d\n", (int)st.term_err);
    assert_int_equal(st.term_err, JET_errSuccess);
    JetDbFaultDisarmAll();
    char cur[600];
    snprintf(cur, sizeof cur, "%s/edb.log", dir);
    log_file_info info;
    assert_jet_ok(log_verify_file(cur, true, &info));
    assert_true(info.hdr.flags & LOG_FILEF_RESERVE);
    assert_true(info.records > 0);
    assert_int_equal(info.last_type, LOG_REC_TERM);
    /* The next JetInit: everything acknowledged, nothing half done. */
    wl_verify(dir, objid, &st, "log disk full");
    core_open(&e, dir, false);
    assert_jet_ok(st_tree_open(e.st, objid, &t));
    assert_int_equal(txn_state(t, TX_ROLLED, "rolled back"), 0);
    assert_int_equal(txn_state(t, TX_ROLLED + 100, "refused"), 0);
    assert_int_equal(txn_state(t, TX_FINISHED, "committed"), 1);
    core_close(&e, 0);
    tu_rmtree(dir);
    free(dir);
}

/* A rollback that fails half way (a page it must read cannot be read) has
 * undone only part of the transaction.  Nothing may make that state
 * permanent: not a later checkpoint, not a clean JetTerm.  The next
 * JetInit must finish the rollback. */
static void test_failed_rollback_not_made_durable(void **state)
{
    (void)state;
    char *dir = tu_mkdtemp("corerb");
    uint32_t objid = wl_setup(dir);
    core_env e;
    core_open(&e, dir, false);
    bt_tree *t;
    assert_jet_ok(st_tree_open(e.st, objid, &t));
    /* Committed: transactions 0..9. */
    for (unsigned i = 0; i < 10; i++) {
        txn *x;
        assert_jet_ok(txn_begin(e.log, &x));
        assert_jet_ok(insert_rows(t, txn_id(x), i));
        assert_jet_ok(txn_commit(x, false, NULL));
    }
    /* One big transaction: rows of "transactions" 100..159, far more pages
     * than the cache holds, so its first pages are evicted. */
    txn *x;
    assert_jet_ok(txn_begin(e.log, &x));
    for (unsigned i = 100; i < 160; i++)
        assert_jet_ok(insert_rows(t, txn_id(x), i));
    char filter[600];
    snprintf(filter, sizeof filter, "%s/core.edb", dir);
    assert_jet_ok(JetDbFaultArm(JETDB_faultopRead, 1, EIO, JETDB_bitFaultPersistent, filter));
    JET_ERR err = core_rollback(x);
    JetDbFaultDisarmAll();
    assert_true(err < 0);
    /* The disk is back: more work, a checkpoint, a clean termination. */
    for (unsigned i = 10; i < 20; i++) {
        assert_jet_ok(txn_begin(e.log, &x));
        assert_jet_ok(insert_rows(t, txn_id(x), i));
        assert_jet_ok(txn_commit(x, false, NULL));
    }
    (void)inst_checkpoint(core_inst(&e));
    wl_state st;
    memset(&st, 0, sizeof st);
    wl_term(&e, false, &st);
    print_message("rollback failed with %d; JetTerm: %d\n", (int)err, (int)st.term_err);

    core_open(&e, dir, false);
    assert_jet_ok(st_tree_open(e.st, objid, &t));
    for (unsigned i = 0; i < 20; i++)
        assert_int_equal(txn_state(t, i, "after"), 1);
    unsigned left = 0;
    for (unsigned i = 100; i < 160; i++)
        left += txn_state(t, i, "after") != 0;
    if (left > 0)
        fail_msg("%u of 60 groups of the rolled-back transaction survived", left);
    bt_check_stats cs;
    assert_jet_ok(bt_check(t, &cs));
    assert_int_equal(cs.records, 20 * ROWS);
    core_close(&e, 0);
    tu_rmtree(dir);
    free(dir);
}

static int group_setup(void **state)
{
    (void)state;
    const char *l = getenv("JETDB_LONG_TESTS");
    g_long = l != NULL && *l == '1';
    core_params_hook = params;
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_log_disk_full),
        cmocka_unit_test(test_failed_rollback_not_made_durable),
        cmocka_unit_test(test_failed_fsync_is_final),
        cmocka_unit_test(test_torn_page_then_crash),
        cmocka_unit_test(test_fault_write),
        cmocka_unit_test(test_fault_fsync),
        cmocka_unit_test(test_fault_rename),
        cmocka_unit_test(test_fault_open),
        cmocka_unit_test(test_fault_truncate),
        cmocka_unit_test(test_fault_circular),
    };
    return cmocka_run_group_tests(tests, group_setup, NULL);
}
