/*
 * test_isam_crash.c: table-level durability and atomicity proven by
 * killing a process, through esent.h only.
 *
 * A child process runs THREADS sessions that move money between accounts
 * (table "acct": id primary key, balance, a secondary index on balance)
 * in transactions: read two balances, write both, insert a journal row
 * (table "journal": autoincrement id, from, to, amount; a long-binary
 * note on some), commit durably, report the journal id through a pipe.
 * Write conflicts are rolled back and retried; some transactions are
 * rolled back on purpose.  The parent kills the child with SIGKILL at a
 * random moment, restarts the instance (soft recovery) and checks:
 *   - the sum of all balances is unchanged (no half transfer survived);
 *   - every acknowledged journal row is present with its note intact;
 *   - the balance index holds exactly one entry per account, in order,
 *     each matching its record;
 *   - the journal's net effect per account equals its balance change.
 * The same database goes through every round.  JETDB_LONG_TESTS=1: more
 * rounds.
 */
#include "testutil.h"

#include <esent.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define THREADS 4
#define ACCOUNTS 64
#define START_BALANCE 1000
#define NOTE_BYTES 9000   /* long enough to leave the record */

static char *g_dir;
static int g_pipe = -1;
static pthread_mutex_t g_pipe_mu = PTHREAD_MUTEX_INITIALIZER;

typedef struct cols {
    JET_COLUMNID acct_id, acct_bal;
    JET_COLUMNID j_id, j_from, j_to, j_amount, j_note;
} cols;

static void note_bytes(int32_t jid, uint8_t *out, size_t n)
{
    uint32_t x = (uint32_t)jid * 2654435761u + 7;
    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        out[i] = (uint8_t)(x >> 16);
    }
}

static JET_ERR start(JET_INSTANCE *inst, JET_SESID *ses, JET_DBID *db, bool create)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/", g_dir);
    JET_ERR err = JetCreateInstanceA(inst, "crash");
    if (err < 0)
        return err;
    JetSetSystemParameterA(inst, 0, JET_paramLogFilePath, 0, path);
    JetSetSystemParameterA(inst, 0, JET_paramSystemPath, 0, path);
    JetSetSystemParameterA(inst, 0, JET_paramTempPath, 0, path);
    JetSetSystemParameterA(inst, 0, JET_paramCheckpointDepthMax, 256 * 1024, NULL);
    if ((err = JetInit(inst)) < 0)
        return err;
    if ((err = JetBeginSessionA(*inst, ses, NULL, NULL)) < 0)
        return err;
    snprintf(path, sizeof(path), "%s/bank.edb", g_dir);
    if (create)
        return JetCreateDatabaseA(*ses, path, NULL, db, 0);
    if ((err = JetAttachDatabaseA(*ses, path, 0)) < 0)
        return err;
    return JetOpenDatabaseA(*ses, path, NULL, db, 0);
}

static void column_ids(JET_SESID ses, JET_DBID db, cols *c)
{
    JET_COLUMNDEF def = {.cbStruct = sizeof(def)};
    const struct {
        const char *table, *name;
        JET_COLUMNID *id;
    } want[] = {
        {"acct", "id", &c->acct_id},        {"acct", "balance", &c->acct_bal},
        {"journal", "id", &c->j_id},        {"journal", "from", &c->j_from},
        {"journal", "to", &c->j_to},        {"journal", "amount", &c->j_amount},
        {"journal", "note", &c->j_note},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        assert_jet_ok(JetGetColumnInfoA(ses, db, want[i].table, want[i].name, &def,
                                        sizeof(def), JET_ColInfo));
        *want[i].id = def.columnid;
    }
}

static void create_bank(void)
{
    JET_INSTANCE inst;
    JET_SESID ses;
    JET_DBID db;
    assert_jet_ok(start(&inst, &ses, &db, true));
    JET_COLUMNCREATE_A acols[] = {
        {sizeof(JET_COLUMNCREATE_A), "id", JET_coltypLong, 0, JET_bitColumnNotNULL, NULL, 0,
         0, 0, 0},
        {sizeof(JET_COLUMNCREATE_A), "balance", JET_coltypLongLong, 0, JET_bitColumnNotNULL,
         NULL, 0, 0, 0, 0},
    };
    char pk[] = "+id\0";
    char bal[] = "+balance\0";
    JET_INDEXCREATE_A aidx[] = {
        {.cbStruct = sizeof(JET_INDEXCREATE_A), .szIndexName = "pk", .szKey = pk,
         .cbKey = sizeof(pk), .grbit = JET_bitIndexPrimary, .ulDensity = 100},
        {.cbStruct = sizeof(JET_INDEXCREATE_A), .szIndexName = "by_balance", .szKey = bal,
         .cbKey = sizeof(bal), .grbit = 0, .ulDensity = 100},
    };
    JET_TABLECREATE_A at = {sizeof(JET_TABLECREATE_A), "acct", NULL, 1, 100, acols, 2, aidx,
                            2, 0, 0, 0};
    assert_jet_ok(JetCreateTableColumnIndexA(ses, db, &at));
    JET_COLUMNCREATE_A jcols[] = {
        {sizeof(JET_COLUMNCREATE_A), "id", JET_coltypLong, 0, JET_bitColumnAutoincrement, NULL,
         0, 0, 0, 0},
        {sizeof(JET_COLUMNCREATE_A), "from", JET_coltypLong, 0, 0, NULL, 0, 0, 0, 0},
        {sizeof(JET_COLUMNCREATE_A), "to", JET_coltypLong, 0, 0, NULL, 0, 0, 0, 0},
        {sizeof(JET_COLUMNCREATE_A), "amount", JET_coltypLongLong, 0, 0, NULL, 0, 0, 0, 0},
        {sizeof(JET_COLUMNCREATE_A), "note", JET_coltypLongBinary, 0, 0, NULL, 0, 0, 0, 0},
    };
    JET_INDEXCREATE_A jidx = {.cbStruct = sizeof(JET_INDEXCREATE_A), .szIndexName = "pk",
                              .szKey = pk, .cbKey = sizeof(pk), .grbit = JET_bitIndexPrimary,
                              .ulDensity = 100};
    JET_TABLECREATE_A jt = {sizeof(JET_TABLECREATE_A), "journal", NULL, 1, 100, jcols, 5,
                            &jidx, 1, 0, 0, 0};
    assert_jet_ok(JetCreateTableColumnIndexA(ses, db, &jt));
    assert_jet_ok(JetCloseTable(ses, jt.tableid));
    assert_jet_ok(JetBeginTransaction(ses));
    for (int32_t i = 0; i < ACCOUNTS; i++) {
        int64_t b = START_BALANCE;
        assert_jet_ok(JetPrepareUpdate(ses, at.tableid, JET_prepInsert));
        assert_jet_ok(JetSetColumn(ses, at.tableid, acols[0].columnid, &i, sizeof(i), 0, NULL));
        assert_jet_ok(JetSetColumn(ses, at.tableid, acols[1].columnid, &b, sizeof(b), 0, NULL));
        assert_jet_ok(JetUpdate(ses, at.tableid, NULL, 0, NULL));
    }
    assert_jet_ok(JetCommitTransaction(ses, 0));
    assert_jet_ok(JetCloseTable(ses, at.tableid));
    assert_jet_ok(JetCloseDatabase(ses, db, 0));
    assert_jet_ok(JetEndSession(ses, 0));
    assert_jet_ok(JetTerm(inst));
}

/* ---- the child ------------------------------------------------------------------ */

typedef struct worker_arg {
    JET_INSTANCE inst;
    unsigned thread;
    uint32_t seed;
    cols c;
} worker_arg;

#define CHILD(expr, code)                                                              \
    do {                                                                               \
        if ((expr) < 0)                                                                \
            _exit(code);                                                               \
    } while (0)

static JET_ERR seek_acct(JET_SESID ses, JET_TABLEID t, int32_t id)
{
    JET_ERR err = JetMakeKey(ses, t, &id, sizeof(id), JET_bitNewKey);
    return err < 0 ? err : JetSeek(ses, t, JET_bitSeekEQ);
}

/* One transfer; JET_errWriteConflict comes back to be retried. */
static JET_ERR transfer(JET_SESID ses, JET_TABLEID acct, JET_TABLEID jour, const cols *c,
                        int32_t from, int32_t to, int64_t amount, bool with_note,
                        int32_t *jid)
{
    JET_ERR err;
    int32_t ids[2] = {from, to};
    int64_t delta[2] = {-amount, amount};
    for (int k = 0; k < 2; k++) {
        int64_t bal;
        if ((err = seek_acct(ses, acct, ids[k])) < 0 ||
            (err = JetRetrieveColumn(ses, acct, c->acct_bal, &bal, sizeof(bal), NULL, 0,
                                     NULL)) < 0 ||
            (err = JetPrepareUpdate(ses, acct, JET_prepReplace)) < 0)
            return err;
        bal += delta[k];
        if ((err = JetSetColumn(ses, acct, c->acct_bal, &bal, sizeof(bal), 0, NULL)) < 0 ||
            (err = JetUpdate(ses, acct, NULL, 0, NULL)) < 0) {
            JetPrepareUpdate(ses, acct, JET_prepCancel);
            return err;
        }
    }
    if ((err = JetPrepareUpdate(ses, jour, JET_prepInsert)) < 0)
        return err;
    uint32_t cb;
    if ((err = JetRetrieveColumn(ses, jour, c->j_id, jid, sizeof(*jid), &cb,
                                 JET_bitRetrieveCopy, NULL)) < 0 ||
        (err = JetSetColumn(ses, jour, c->j_from, &from, sizeof(from), 0, NULL)) < 0 ||
        (err = JetSetColumn(ses, jour, c->j_to, &to, sizeof(to), 0, NULL)) < 0 ||
        (err = JetSetColumn(ses, jour, c->j_amount, &amount, sizeof(amount), 0, NULL)) < 0)
        return err;
    if (with_note) {
        static __thread uint8_t note[NOTE_BYTES];
        note_bytes(*jid, note, NOTE_BYTES);
        if ((err = JetSetColumn(ses, jour, c->j_note, note, NOTE_BYTES, 0, NULL)) < 0)
            return err;
    }
    return JetUpdate(ses, jour, NULL, 0, NULL);
}

static void *worker(void *p)
{
    worker_arg *w = p;
    JET_SESID ses;
    JET_DBID db;
    JET_TABLEID acct, jour;
    char path[1024];
    snprintf(path, sizeof(path), "%s/bank.edb", g_dir);
    CHILD(JetBeginSessionA(w->inst, &ses, NULL, NULL), 10);
    CHILD(JetOpenDatabaseA(ses, path, NULL, &db, 0), 11);
    CHILD(JetOpenTableA(ses, db, "acct", NULL, 0, JET_bitTableUpdatable, &acct), 12);
    CHILD(JetOpenTableA(ses, db, "journal", NULL, 0, JET_bitTableUpdatable, &jour), 13);
    uint32_t x = w->seed;
    for (;;) {
        x = x * 1103515245u + 12345u;
        int32_t from = (int32_t)((x >> 8) % ACCOUNTS);
        int32_t to = (int32_t)((x >> 20) % ACCOUNTS);
        if (from == to)
            continue;
        int64_t amount = (int64_t)(x % 50) + 1;
        bool note = (x & 0x700) == 0;
        bool abort_on_purpose = (x & 0x3000) == 0x3000 && (x & 1);
        int32_t jid = 0;
        CHILD(JetBeginTransaction(ses), 14);
        JET_ERR err = transfer(ses, acct, jour, &w->c, from, to, amount, note, &jid);
        if (err == JET_errWriteConflict || abort_on_purpose) {
            CHILD(JetRollback(ses, 0), 15);
            continue;
        }
        CHILD(err, 16);
        CHILD(JetCommitTransaction(ses, 0), 17);
        uint8_t msg[5];
        memcpy(msg, &jid, 4);
        msg[4] = note;
        pthread_mutex_lock(&g_pipe_mu);
        if (write(g_pipe, msg, sizeof msg) != (ssize_t)sizeof msg)
            _exit(18);
        pthread_mutex_unlock(&g_pipe_mu);
    }
    return NULL;
}

static void child(int fd, uint32_t seed)
{
    g_pipe = fd;
    JET_INSTANCE inst;
    JET_SESID ses;
    JET_DBID db;
    CHILD(start(&inst, &ses, &db, false), 2);
    cols c;
    column_ids(ses, db, &c);
    worker_arg w[THREADS];
    pthread_t th[THREADS];
    for (unsigned i = 0; i < THREADS; i++) {
        w[i] = (worker_arg){inst, i, seed * 31 + i, c};
        if (pthread_create(&th[i], NULL, worker, &w[i]) != 0)
            _exit(3);
    }
    for (unsigned i = 0; i < THREADS; i++)
        pthread_join(th[i], NULL);
    _exit(0);
}

/* ---- the parent's checks ------------------------------------------------------------ */

typedef struct acked {
    int32_t jid;
    uint8_t note;
} acked;

static void check_bank(const acked *acks, size_t nacks)
{
    JET_INSTANCE inst;
    JET_SESID ses;
    JET_DBID db;
    assert_jet_ok(start(&inst, &ses, &db, false));
    cols c;
    column_ids(ses, db, &c);
    JET_TABLEID acct, jour;
    assert_jet_ok(JetOpenTableA(ses, db, "acct", NULL, 0, JET_bitTableReadOnly, &acct));
    assert_jet_ok(JetOpenTableA(ses, db, "journal", NULL, 0, JET_bitTableReadOnly, &jour));

    /* Balances: sum unchanged; remember each for the journal check. */
    int64_t bal[ACCOUNTS];
    int64_t sum = 0;
    int n = 0;
    for (JET_ERR err = JetMove(ses, acct, JET_MoveFirst, 0); err >= 0;
         err = JetMove(ses, acct, JET_MoveNext, 0)) {
        int32_t id;
        int64_t b;
        assert_jet_ok(JetRetrieveColumn(ses, acct, c.acct_id, &id, sizeof(id), NULL, 0, NULL));
        assert_jet_ok(JetRetrieveColumn(ses, acct, c.acct_bal, &b, sizeof(b), NULL, 0, NULL));
        assert_int_equal(id, n);
        bal[n++] = b;
        sum += b;
    }
    assert_int_equal(n, ACCOUNTS);
    assert_true(sum == (int64_t)ACCOUNTS * START_BALANCE);

    /* The balance index: one entry per account, ascending, matching. */
    assert_jet_ok(JetSetCurrentIndexA(ses, acct, "by_balance"));
    int entries = 0;
    int64_t prev = INT64_MIN;
    for (JET_ERR err = JetMove(ses, acct, JET_MoveFirst, 0); err >= 0;
         err = JetMove(ses, acct, JET_MoveNext, 0)) {
        int32_t id;
        int64_t b;
        assert_jet_ok(JetRetrieveColumn(ses, acct, c.acct_id, &id, sizeof(id), NULL, 0, NULL));
        assert_jet_ok(JetRetrieveColumn(ses, acct, c.acct_bal, &b, sizeof(b), NULL, 0, NULL));
        assert_true(b >= prev);
        assert_true(id >= 0 && id < ACCOUNTS && bal[id] == b);
        prev = b;
        entries++;
    }
    assert_int_equal(entries, ACCOUNTS);

    /* The journal explains every balance; acknowledged rows are present. */
    int64_t net[ACCOUNTS] = {0};
    for (JET_ERR err = JetMove(ses, jour, JET_MoveFirst, 0); err >= 0;
         err = JetMove(ses, jour, JET_MoveNext, 0)) {
        int32_t from, to;
        int64_t amount;
        assert_jet_ok(JetRetrieveColumn(ses, jour, c.j_from, &from, sizeof(from), NULL, 0, NULL));
        assert_jet_ok(JetRetrieveColumn(ses, jour, c.j_to, &to, sizeof(to), NULL, 0, NULL));
        assert_jet_ok(
            JetRetrieveColumn(ses, jour, c.j_amount, &amount, sizeof(amount), NULL, 0, NULL));
        net[from] -= amount;
        net[to] += amount;
    }
    for (int i = 0; i < ACCOUNTS; i++)
        assert_true(bal[i] == START_BALANCE + net[i]);
    static uint8_t note[NOTE_BYTES], want[NOTE_BYTES];
    for (size_t i = 0; i < nacks; i++) {
        int32_t jid = acks[i].jid;
        assert_jet_ok(JetMakeKey(ses, jour, &jid, sizeof(jid), JET_bitNewKey));
        assert_jet_ok(JetSeek(ses, jour, JET_bitSeekEQ));
        uint32_t cb = 0;
        JET_ERR err = JetRetrieveColumn(ses, jour, c.j_note, note, sizeof(note), &cb, 0, NULL);
        if (acks[i].note) {
            assert_jet_ok(err);
            assert_int_equal(cb, NOTE_BYTES);
            note_bytes(jid, want, NOTE_BYTES);
            assert_memory_equal(note, want, NOTE_BYTES);
        } else {
            assert_int_equal(err, JET_wrnColumnNull);
        }
    }
    assert_jet_ok(JetCloseTable(ses, acct));
    assert_jet_ok(JetCloseTable(ses, jour));
    assert_jet_ok(JetCloseDatabase(ses, db, 0));
    assert_jet_ok(JetEndSession(ses, 0));
    assert_jet_ok(JetTerm(inst));
}

static void test_kill_transfers(void **state)
{
    (void)state;
    g_dir = tu_mkdtemp("isamcrash");
    create_bank();
    int rounds = getenv("JETDB_LONG_TESTS") ? 100 : 8;
    srand((unsigned)time(NULL));
    acked *acks = NULL;
    size_t nacks = 0, cap = 0;
    for (int r = 0; r < rounds; r++) {
        int fds[2];
        assert_int_equal(pipe(fds), 0);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            close(fds[0]);
            child(fds[1], (uint32_t)rand());
        }
        close(fds[1]);
        usleep((useconds_t)(100000 + rand() % 300000));
        kill(pid, SIGKILL);
        uint8_t msg[5];
        while (read(fds[0], msg, sizeof msg) == (ssize_t)sizeof msg) {
            if (nacks == cap) {
                cap = cap ? 2 * cap : 256;
                acks = realloc(acks, cap * sizeof *acks);
                assert_non_null(acks);
            }
            memcpy(&acks[nacks].jid, msg, 4);
            acks[nacks++].note = msg[4];
        }
        close(fds[0]);
        int status;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        /* Killed by us, not an earlier failure exit. */
        if (!WIFSIGNALED(status))
            fail_msg("child exited with %d before the kill", WEXITSTATUS(status));
        check_bank(acks, nacks);
    }
    print_message("%zu acknowledged transfers over %d rounds\n", nacks, rounds);
    assert_true(nacks > 0);
    free(acks);
    tu_rmtree(g_dir);
    free(g_dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kill_transfers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
