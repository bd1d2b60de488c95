/*
 * test_rst_e2e.c: backup and restore end to end through the public API only
 * (esent.h, plus jetdb.h's fault injection) — no internal header.
 *
 * A child process owns an instance with one database and a table "acct"
 * (Long primary key, a Long, a Text column with a secondary index, a long
 * binary column of which some values are kilobytes long).  A writer thread
 * commits batches: batch b inserts BATCH rows, rewrites one older row and
 * sets a counter row to b + 1, all in one transaction.  Meanwhile the main
 * thread takes a full backup with JetBackupInstance, lets more batches
 * commit, takes an incremental backup into the same folder, then a full and
 * an incremental backup through the streaming API
 * (JetBeginExternalBackupInstance ...) into a second folder, and then waits to be killed with SIGKILL at a
 * random moment.  Shared memory tells the parent how many batches were
 * committed when each backup began and returned, and how many were
 * acknowledged before the kill.
 *
 * The parent then restores and compares every row (key, columns, long
 * value, index entries) with the state after k batches, where k must lie
 * in the backup's window:
 *   - the file backup (full + incremental) into a fresh folder;
 *   - the streamed backups (full + incremental) into a fresh folder;
 *   - the file backup with JetExternalRestore to a relocated database;
 *   - a copy whose data page or log is damaged: the right error, and the
 *     dead process's folder is left byte for byte as it was;
 *   - failing writes / ENOSPC injected into a restore: an error, and the
 *     second attempt succeeds;
 *   - finally into the dead process's own folder, rolling forward through
 *     its logs: exactly every acknowledged batch (or one more, whose
 *     commit was under way at the kill).
 */
#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "esent.h"
#include "jetdb.h"

#define BATCH 40
#define PAGE 4096          /* the default database page size */
#define BODY_MAX 9600

typedef struct shared {
    atomic_int committed;           /* batches acknowledged */
    atomic_int full_begin, full_end, inc_begin, inc_end, st_begin, st_end, sti_begin, sti_end;
    atomic_int phase;               /* 1: every backup done */
    atomic_int failed;              /* the child hit an error */
} shared;

static char *g_dir;
static shared *g_sh;
static char g_live[600], g_bkf[600], g_bks[600];

static void join(char *buf, size_t cb, const char *dir, const char *name)
{
    snprintf(buf, cb, "%s/%s", dir, name);
}

/* ---- the data model ---------------------------------------------------------------- */

/* The row rewritten by batch b (b >= 1): one of the rows before it. */
static int32_t rewritten(int b)
{
    return (int32_t)(((int64_t)b * 7919) % ((int64_t)b * BATCH));
}

static uint32_t body_len(int32_t id)
{
    return id % 13 == 0 ? 9000u + (uint32_t)(id % 500) : 20u + (uint32_t)(id % 200);
}

static void body_fill(uint8_t *p, int32_t id, int gen)
{
    uint32_t n = body_len(id);
    for (uint32_t j = 0; j < n; j++)
        p[j] = (uint8_t)((uint32_t)id * 31u + (uint32_t)gen * 17u + j * 7u);
}

static void tag_of(char *buf, size_t cb, int32_t id)
{
    snprintf(buf, cb, "t%d", (int)(id % 7));
}

/* ---- the table ----------------------------------------------------------------------- */

typedef struct cols {
    JET_COLUMNID id, gen, tag, body;
} cols;

static JET_ERR add_col(JET_SESID s, JET_TABLEID t, const char *name, JET_COLTYP typ,
                       uint32_t cbmax, JET_GRBIT grbit, JET_COLUMNID *out)
{
    JET_COLUMNDEF d;
    memset(&d, 0, sizeof d);
    d.cbStruct = sizeof d;
    d.coltyp = typ;
    d.cbMax = cbmax;
    d.grbit = grbit;
    d.cp = typ == JET_coltypText ? 1252 : 0;
    return JetAddColumnA(s, t, name, &d, NULL, 0, out);
}

static void get_cols(JET_SESID s, JET_TABLEID t, cols *c)
{
    JET_COLUMNDEF d;
    static const char *names[] = {"id", "gen", "tag", "body"};
    JET_COLUMNID *ids[] = {&c->id, &c->gen, &c->tag, &c->body};
    for (int i = 0; i < 4; i++) {
        assert_jet_ok(JetGetTableColumnInfoA(s, t, names[i], &d, sizeof d, JET_ColInfo));
        *ids[i] = d.columnid;
    }
}

static JET_ERR set_row(JET_SESID s, JET_TABLEID t, const cols *c, int32_t id, int32_t gen,
                       bool insert)
{
    static _Thread_local uint8_t body[BODY_MAX];
    char tag[16];
    JET_ERR err = JetPrepareUpdate(s, t, insert ? JET_prepInsert : JET_prepReplace);
    if (err < 0)
        return err;
    if (insert && (err = JetSetColumn(s, t, c->id, &id, sizeof id, 0, NULL)) < 0)
        return err;
    if ((err = JetSetColumn(s, t, c->gen, &gen, sizeof gen, 0, NULL)) < 0)
        return err;
    if (id >= 0) {
        tag_of(tag, sizeof tag, id);
        body_fill(body, id, gen);
        if ((err = JetSetColumn(s, t, c->tag, tag, (uint32_t)strlen(tag), 0, NULL)) < 0 ||
            (err = JetSetColumn(s, t, c->body, body, body_len(id), 0, NULL)) < 0)
            return err;
    } else if (insert) {
        if ((err = JetSetColumn(s, t, c->tag, "counter", 7, 0, NULL)) < 0)
            return err;
    }
    return JetUpdate(s, t, NULL, 0, NULL);
}

static JET_ERR seek_id(JET_SESID s, JET_TABLEID t, int32_t id)
{
    JET_ERR err = JetMakeKey(s, t, &id, sizeof id, JET_bitNewKey);
    return err < 0 ? err : JetSeek(s, t, JET_bitSeekEQ);
}

/* ---- the child: writer, backups, then wait for SIGKILL ------------------------------- */

static JET_INSTANCE g_ci;

#define CHILD_OK(expr)                                                                         \
    do {                                                                                       \
        JET_ERR e_ = (expr);                                                                   \
        if (e_ < 0) {                                                                          \
            fprintf(stderr, "child: %s -> %ld (line %d)\n", #expr, (long)e_, __LINE__);        \
            atomic_store(&g_sh->failed, 1);                                                    \
            _exit(3);                                                                          \
        }                                                                                      \
    } while (0)

static void set_paths(JET_INSTANCE *pi, const char *dir)
{
    char folder[700];
    snprintf(folder, sizeof folder, "%s/", dir);
    CHILD_OK(JetSetSystemParameterA(pi, 0, JET_paramSystemPath, 0, folder));
    CHILD_OK(JetSetSystemParameterA(pi, 0, JET_paramLogFilePath, 0, folder));
    CHILD_OK(JetSetSystemParameterA(pi, 0, JET_paramTempPath, 0, folder));
    CHILD_OK(JetSetSystemParameterA(pi, 0, JET_paramCreatePathIfNotExist, 1, NULL));
    CHILD_OK(JetSetSystemParameterA(pi, 0, JET_paramLogFileSize, 256, NULL));
}

static void *writer(void *arg)
{
    (void)arg;
    JET_SESID s;
    JET_DBID db;
    JET_TABLEID t;
    cols c;
    char path[700];
    join(path, sizeof path, g_live, "app.edb");
    CHILD_OK(JetBeginSessionA(g_ci, &s, NULL, NULL));
    CHILD_OK(JetOpenDatabaseA(s, path, NULL, &db, 0));
    CHILD_OK(JetOpenTableA(s, db, "acct", NULL, 0, 0, &t));
    get_cols(s, t, &c);
    for (int b = 0;; b++) {
        CHILD_OK(JetBeginTransaction(s));
        for (int i = 0; i < BATCH; i++)
            CHILD_OK(set_row(s, t, &c, b * BATCH + i, b, true));
        if (b > 0) {
            CHILD_OK(seek_id(s, t, rewritten(b)));
            CHILD_OK(set_row(s, t, &c, rewritten(b), b, false));
        }
        CHILD_OK(seek_id(s, t, -1));
        CHILD_OK(set_row(s, t, &c, -1, b + 1, false));
        CHILD_OK(JetCommitTransaction(s, 0));      /* durable */
        atomic_store(&g_sh->committed, b + 1);
        if (atomic_load(&g_sh->phase) == 0)
            usleep(2000);                           /* let the backups overlap many batches */
    }
    return NULL;
}

static void wait_batches(int n)
{
    while (atomic_load(&g_sh->committed) < n)
        usleep(1000);
}

/* Copy one file through the streaming API into dst. */
static void stream_file(const char *src, const char *dst)
{
    static _Alignas(4096) uint8_t buf[1 << 16];   /* the API wants aligned buffers */
    JET_HANDLE h;
    uint32_t lo = 0, hi = 0;
    CHILD_OK(JetOpenFileInstanceA(g_ci, src, &h, &lo, &hi));
    int fd = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        CHILD_OK(JET_errDiskIO);
    for (;;) {
        uint32_t got = 0;
        CHILD_OK(JetReadFileInstance(g_ci, h, buf, sizeof buf, &got));
        if (got == 0)
            break;
        if (write(fd, buf, got) != (ssize_t)got)
            CHILD_OK(JET_errDiskIO);
    }
    if (fsync(fd) != 0 || close(fd) != 0)
        CHILD_OK(JET_errDiskIO);
    CHILD_OK(JetCloseFileInstance(g_ci, h));
}

/* A full (database + logs) or incremental (logs) backup through the
 * streaming API into g_bks. */
static void stream_backup(bool incremental)
{
    char buf[8192], dst[800];
    uint32_t cb = 0;
    mkdir(g_bks, 0755);
    CHILD_OK(JetBeginExternalBackupInstance(g_ci, incremental ? JET_bitBackupIncremental : 0));
    if (!incremental) {
        CHILD_OK(JetGetAttachInfoInstanceA(g_ci, buf, sizeof buf, &cb));
        for (char *p = buf; *p; p += strlen(p) + 1) {
            join(dst, sizeof dst, g_bks, strrchr(p, '/') + 1);
            stream_file(p, dst);
        }
        /* The application's marker that the copy needs its logs (ESE's .pat). */
        join(dst, sizeof dst, g_bks, "app.pat");
        int fd = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || close(fd) != 0)
            CHILD_OK(JET_errDiskIO);
    }
    CHILD_OK(JetGetLogInfoInstanceA(g_ci, buf, sizeof buf, &cb));
    for (char *p = buf; *p; p += strlen(p) + 1) {
        join(dst, sizeof dst, g_bks, strrchr(p, '/') + 1);
        stream_file(p, dst);
    }
    CHILD_OK(JetEndExternalBackupInstance(g_ci));
}

static void child(void)
{
    char path[700];
    join(path, sizeof path, g_live, "app.edb");
    CHILD_OK(JetCreateInstanceA(&g_ci, "live"));
    set_paths(&g_ci, g_live);
    CHILD_OK(JetInit(&g_ci));
    JET_SESID s;
    JET_DBID db;
    JET_TABLEID t;
    cols c;
    CHILD_OK(JetBeginSessionA(g_ci, &s, NULL, NULL));
    CHILD_OK(JetCreateDatabaseA(s, path, NULL, &db, 0));
    CHILD_OK(JetBeginTransaction(s));
    CHILD_OK(JetCreateTableA(s, db, "acct", 0, 100, &t));
    CHILD_OK(add_col(s, t, "id", JET_coltypLong, 0, JET_bitColumnFixed | JET_bitColumnNotNULL,
                     &c.id));
    CHILD_OK(add_col(s, t, "gen", JET_coltypLong, 0, JET_bitColumnFixed, &c.gen));
    CHILD_OK(add_col(s, t, "tag", JET_coltypText, 32, 0, &c.tag));
    CHILD_OK(add_col(s, t, "body", JET_coltypLongBinary, 0, 0, &c.body));
    CHILD_OK(JetCreateIndexA(s, t, "pk", JET_bitIndexPrimary, "+id\0", 5, 100));
    CHILD_OK(JetCreateIndexA(s, t, "itag", 0, "+tag\0", 6, 100));
    CHILD_OK(set_row(s, t, &c, -1, 0, true));
    CHILD_OK(JetCommitTransaction(s, 0));
    CHILD_OK(JetCloseTable(s, t));

    pthread_t th;
    if (pthread_create(&th, NULL, writer, NULL) != 0)
        CHILD_OK(JET_errOutOfThreads);
    wait_batches(3);
    atomic_store(&g_sh->full_begin, atomic_load(&g_sh->committed));
    CHILD_OK(JetBackupInstanceA(g_ci, g_bkf, 0, NULL));
    atomic_store(&g_sh->full_end, atomic_load(&g_sh->committed));
    wait_batches(atomic_load(&g_sh->full_end) + 5);
    atomic_store(&g_sh->inc_begin, atomic_load(&g_sh->committed));
    CHILD_OK(JetBackupInstanceA(g_ci, g_bkf, JET_bitBackupIncremental, NULL));
    atomic_store(&g_sh->inc_end, atomic_load(&g_sh->committed));
    wait_batches(atomic_load(&g_sh->inc_end) + 3);
    atomic_store(&g_sh->st_begin, atomic_load(&g_sh->committed));
    stream_backup(false);
    atomic_store(&g_sh->st_end, atomic_load(&g_sh->committed));
    wait_batches(atomic_load(&g_sh->st_end) + 4);
    atomic_store(&g_sh->sti_begin, atomic_load(&g_sh->committed));
    stream_backup(true);
    atomic_store(&g_sh->sti_end, atomic_load(&g_sh->committed));
    atomic_store(&g_sh->phase, 1);
    for (;;)
        pause();                                    /* the parent kills us */
}

/* ---- the parent's checks ------------------------------------------------------------ */

static int32_t g_gen[1 << 16];

/* Expected gen of every row after k batches (g_gen[0 .. k*BATCH)). */
static void model(int k)
{
    assert_true(k * BATCH <= (int)(sizeof g_gen / sizeof g_gen[0]));
    for (int32_t id = 0; id < k * BATCH; id++)
        g_gen[id] = id / BATCH;
    for (int b = 1; b < k; b++)
        g_gen[rewritten(b)] = b;
}

static JET_INSTANCE open_instance(const char *dir)
{
    JET_INSTANCE ri = 0;
    assert_jet_ok(JetCreateInstanceA(&ri, "check"));
    char folder[700];
    snprintf(folder, sizeof folder, "%s/", dir);
    assert_jet_ok(JetSetSystemParameterA(&ri, 0, JET_paramSystemPath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(&ri, 0, JET_paramLogFilePath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(&ri, 0, JET_paramTempPath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(&ri, 0, JET_paramCreatePathIfNotExist, 1, NULL));
    assert_jet_ok(JetSetSystemParameterA(&ri, 0, JET_paramLogFileSize, 256, NULL));
    return ri;
}

/* Open the database at dbpath in an instance on dir and compare every row
 * with the model; k (batches in it) must be in [lo, hi].  Returns k. */
static int check_db(const char *dir, const char *dbpath, int lo, int hi)
{
    JET_INSTANCE ri = open_instance(dir);
    assert_jet_ok(JetInit(&ri));
    JET_SESID s;
    JET_DBID db;
    JET_TABLEID t;
    cols c;
    assert_jet_ok(JetBeginSessionA(ri, &s, NULL, NULL));
    assert_jet_ok(JetAttachDatabaseA(s, dbpath, 0));
    assert_jet_ok(JetOpenDatabaseA(s, dbpath, NULL, &db, 0));
    assert_jet_ok(JetOpenTableA(s, db, "acct", NULL, 0, JET_bitTableReadOnly, &t));
    get_cols(s, t, &c);

    int32_t id, gen;
    uint32_t got;
    assert_jet_ok(JetMove(s, t, JET_MoveFirst, 0));
    assert_jet_ok(JetRetrieveColumn(s, t, c.id, &id, sizeof id, &got, 0, NULL));
    assert_int_equal(id, -1);
    assert_jet_ok(JetRetrieveColumn(s, t, c.gen, &gen, sizeof gen, &got, 0, NULL));
    int k = gen;
    if (k < lo || k > hi)
        fail_msg("restored %d batches, expected %d..%d", k, lo, hi);
    model(k);
    static uint8_t body[BODY_MAX], want[BODY_MAX];
    char tag[40], wtag[16];
    for (int32_t r = 0; r < k * BATCH; r++) {
        assert_jet_ok(JetMove(s, t, JET_MoveNext, 0));
        assert_jet_ok(JetRetrieveColumn(s, t, c.id, &id, sizeof id, &got, 0, NULL));
        assert_int_equal(id, r);
        assert_jet_ok(JetRetrieveColumn(s, t, c.gen, &gen, sizeof gen, &got, 0, NULL));
        assert_int_equal(gen, g_gen[r]);
        assert_jet_ok(JetRetrieveColumn(s, t, c.tag, tag, sizeof tag, &got, 0, NULL));
        tag_of(wtag, sizeof wtag, r);
        assert_int_equal(got, strlen(wtag));
        assert_memory_equal(tag, wtag, got);
        assert_jet_ok(JetRetrieveColumn(s, t, c.body, body, sizeof body, &got, 0, NULL));
        assert_int_equal(got, body_len(r));
        body_fill(want, r, g_gen[r]);
        assert_memory_equal(body, want, got);
    }
    assert_jet(JET_errNoCurrentRecord, JetMove(s, t, JET_MoveNext, 0));

    /* The secondary index has one entry per row, in tag order. */
    assert_jet_ok(JetSetCurrentIndexA(s, t, "itag"));
    uint32_t n = 0;
    assert_jet_ok(JetIndexRecordCount(s, t, &n, 0));
    assert_int_equal(n, (uint32_t)k * BATCH + 1);
    for (int v = 0; v < 7; v++) {
        snprintf(wtag, sizeof wtag, "t%d", v);
        assert_jet_ok(JetMakeKey(s, t, wtag, (uint32_t)strlen(wtag), JET_bitNewKey));
        JET_ERR e = JetSeek(s, t, JET_bitSeekEQ | JET_bitSetIndexRange);
        uint32_t cnt = 0;
        if (e >= 0)
            assert_jet_ok(JetIndexRecordCount(s, t, &cnt, 0));
        uint32_t expect = 0;
        for (int32_t r = 0; r < k * BATCH; r++)
            expect += r % 7 == v;
        assert_int_equal(cnt, expect);
    }
    assert_jet_ok(JetCloseTable(s, t));
    assert_jet_ok(JetCloseDatabase(s, db, 0));
    assert_jet_ok(JetDetachDatabaseA(s, dbpath));
    assert_jet_ok(JetEndSession(s, 0));
    assert_jet_ok(JetTerm(ri));
    return k;
}

static JET_ERR restore_into(const char *dir, const char *from, const char *dest)
{
    JET_INSTANCE ri = open_instance(dir);
    JET_ERR err = JetRestoreInstanceA(ri, from, dest, NULL);
    assert_jet_ok(JetTerm(ri));
    return err;
}

static void copy_file(const char *from, const char *to)
{
    int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(in >= 0 && out >= 0);
    static char buf[1 << 16];
    ssize_t n;
    while ((n = read(in, buf, sizeof buf)) > 0)
        assert_int_equal(write(out, buf, (size_t)n), n);
    assert_int_equal(n, 0);
    close(in);
    close(out);
}

static void copy_dir(const char *from, const char *to)
{
    mkdir(to, 0755);
    DIR *d = opendir(from);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char a[900], b[900];
        struct stat st;
        join(a, sizeof a, from, e->d_name);
        join(b, sizeof b, to, e->d_name);
        if (e->d_name[0] != '.' && stat(a, &st) == 0 && S_ISREG(st.st_mode))
            copy_file(a, b);
    }
    closedir(d);
}

/* FNV-1a over the names and bytes of every file of a folder (sorted). */
static uint64_t folder_hash(const char *dir)
{
    struct dirent **list;
    int n = scandir(dir, &list, NULL, alphasort);
    assert_true(n >= 0);
    uint64_t h = 1469598103934665603ull;
    for (int i = 0; i < n; i++) {
        char p[900];
        struct stat st;
        join(p, sizeof p, dir, list[i]->d_name);
        for (const char *q = list[i]->d_name; *q; q++)
            h = (h ^ (uint8_t)*q) * 1099511628211ull;
        if (list[i]->d_name[0] != '.' && stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
            int fd = open(p, O_RDONLY);
            assert_true(fd >= 0);
            static uint8_t buf[1 << 16];
            ssize_t r;
            while ((r = read(fd, buf, sizeof buf)) > 0)
                for (ssize_t j = 0; j < r; j++)
                    h = (h ^ buf[j]) * 1099511628211ull;
            close(fd);
        }
        free(list[i]);
    }
    free(list);
    return h;
}

static void flip(const char *path, off_t off)
{
    int fd = open(path, O_RDWR);
    assert_true(fd >= 0);
    uint8_t b;
    assert_int_equal(pread(fd, &b, 1, off), 1);
    b ^= 0x5a;
    assert_int_equal(pwrite(fd, &b, 1, off), 1);
    close(fd);
}

/* The lowest archived log generation of a folder. */
static unsigned lowest_log(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    unsigned lo = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        unsigned g;
        char ext[8];
        if (sscanf(e->d_name, "edb%5x.%3s", &g, ext) == 2 && strcmp(ext, "log") == 0 &&
            (lo == 0 || g < lo))
            lo = g;
    }
    closedir(d);
    return lo;
}

static void one_round(void)
{
    g_dir = tu_mkdtemp("rste2e");
    join(g_live, sizeof g_live, g_dir, "live");
    join(g_bkf, sizeof g_bkf, g_dir, "bk-file");
    join(g_bks, sizeof g_bks, g_dir, "bk-stream");
    g_sh = mmap(NULL, sizeof *g_sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    assert_true(g_sh != MAP_FAILED);
    memset(g_sh, 0, sizeof *g_sh);
    mkdir(g_live, 0755);

    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        child();
    while (atomic_load(&g_sh->phase) == 0) {
        int st;
        if (waitpid(pid, &st, WNOHANG) == pid)
            fail_msg("the child died before its backups were done (status %d)", st);
        usleep(2000);
    }
    usleep(20000 + (useconds_t)(rand() % 200) * 1000);
    assert_int_equal(kill(pid, SIGKILL), 0);
    int st;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
    assert_int_equal(atomic_load(&g_sh->failed), 0);
    int acked = atomic_load(&g_sh->committed);
    print_message("batches: full %d..%d, incremental %d..%d, stream %d..%d + %d..%d, "
                  "acked %d\n", g_sh->full_begin, g_sh->full_end, g_sh->inc_begin,
                  g_sh->inc_end, g_sh->st_begin, g_sh->st_end, g_sh->sti_begin, g_sh->sti_end,
                  acked);

    char dir[700], db[800], live_db[800];
    join(live_db, sizeof live_db, g_live, "app.edb");

    /* File backup (full + incremental) into a fresh folder. */
    join(dir, sizeof dir, g_dir, "r-file");
    assert_jet_ok(restore_into(dir, g_bkf, dir));
    join(db, sizeof db, dir, "app.edb");
    check_db(dir, db, g_sh->inc_begin, g_sh->inc_end);

    /* Streamed backups (full + incremental) into a fresh folder. */
    join(dir, sizeof dir, g_dir, "r-stream");
    assert_jet_ok(restore_into(dir, g_bks, dir));
    join(db, sizeof db, dir, "app.edb");
    check_db(dir, db, g_sh->sti_begin, g_sh->sti_end);

    /* Relocation: JetExternalRestore with the copy somewhere else. */
    join(dir, sizeof dir, g_dir, "r-moved");
    mkdir(dir, 0755);
    join(db, sizeof db, dir, "moved.edb");
    char src[800], folder[800];
    join(src, sizeof src, g_bkf, "app.edb");
    copy_file(src, db);
    JET_RSTMAP_A map = {live_db, db};
    snprintf(folder, sizeof folder, "%s/", dir);
    assert_jet_ok(JetExternalRestoreA(folder, folder, &map, 1, g_bkf, 0, 0, NULL));
    check_db(dir, db, g_sh->inc_begin, g_sh->inc_end);

    /* Damaged copies fail with the right error and leave the dead
     * process's folder as it was. */
    uint64_t live_before = folder_hash(g_live);
    char bad[700], p[800];
    join(bad, sizeof bad, g_dir, "bk-bad-page");
    copy_dir(g_bkf, bad);
    join(p, sizeof p, bad, "app.edb");
    flip(p, 6 * PAGE + 300);
    assert_jet(JET_errReadVerifyFailure, restore_into(g_live, bad, NULL));
    assert_true(folder_hash(g_live) == live_before);
    join(bad, sizeof bad, g_dir, "bk-bad-log");
    copy_dir(g_bkf, bad);
    snprintf(p, sizeof p, "%s/edb%05X.log", bad, lowest_log(bad) + 1);
    flip(p, 4096 + 100);
    assert_jet(JET_errLogCorruptDuringHardRestore, restore_into(g_live, bad, NULL));
    assert_true(folder_hash(g_live) == live_before);

    /* Faults during a restore: an error, then a second attempt succeeds. */
    join(dir, sizeof dir, g_dir, "r-fault");
    static const int errs[] = {EIO, ENOSPC};
    assert_jet_ok(JetDbFaultArm(JETDB_faultopWrite, 0, 0, 0, "r-fault"));
    assert_jet_ok(restore_into(dir, g_bkf, dir));
    uint64_t writes = JetDbFaultCount(JETDB_faultopWrite);
    JetDbFaultDisarmAll();
    tu_rmtree(dir);
    assert_true(writes >= 2);
    for (int i = 0; i < 2; i++) {
        assert_jet_ok(JetDbFaultArm(JETDB_faultopWrite, 1 + (uint64_t)i * (writes - 1), errs[i],
                                    JETDB_bitFaultPersistent, "r-fault"));
        JET_ERR err = restore_into(dir, g_bkf, dir);
        uint64_t fired = JetDbFaultFired(JETDB_faultopWrite);
        JetDbFaultDisarmAll();
        assert_true(fired > 0);
        assert_true(err < 0);
        assert_jet_ok(restore_into(dir, g_bkf, dir));
        join(db, sizeof db, dir, "app.edb");
        check_db(dir, db, g_sh->inc_begin, g_sh->inc_end);
        tu_rmtree(dir);
    }

    /* Into the dead process's own folder: roll forward through its logs
     * to every acknowledged batch (one more may have become durable
     * without its acknowledgement). */
    assert_jet_ok(restore_into(g_live, g_bkf, NULL));
    check_db(g_live, live_db, acked, acked + 1);

    munmap(g_sh, sizeof *g_sh);
    tu_rmtree(g_dir);
    free(g_dir);
}

/* Rounds with different kill moments (JETDB_LONG_TESTS=1: many more). */
static void test_end_to_end(void **state)
{
    (void)state;
    const char *lng = getenv("JETDB_LONG_TESTS");
    int rounds = lng != NULL && strcmp(lng, "1") == 0 ? 40 : 4;
    srand((unsigned)time(NULL));
    for (int r = 0; r < rounds; r++)
        one_round();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_end_to_end),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
