/*
 * test_core_corrupt.c: corruption is detected, never returned as data; and
 * JET_paramRecovery "off".
 *
 *  - A byte flipped in any page of core.edb after a clean JetTerm: the
 *    attach, the tree lookup or the read that needs the page fails with
 *    JET_errReadVerifyFailure (JET_errReadPgnoVerifyFailure when the page
 *    number itself was hit); every read that succeeds returns the right
 *    value; pages the tree does not use change nothing.
 *  - A byte flipped in an archived log generation that recovery needs
 *    after a dirty termination: JetInit fails with
 *    JET_errLogReadVerifyFailure / JET_errLogFileCorrupt and changes no
 *    file; with the byte restored, the next JetInit recovers everything.
 *  - A byte flipped in the middle of the current log, with acknowledged
 *    commits after it: that is corruption, not a torn tail; JetInit fails
 *    with JET_errLogFileCorrupt instead of silently dropping the commits
 *    that follow, and changes no file.
 *  - JET_paramRecovery "off": no log files at all, data flushed at
 *    JetTerm survives, and a dirty JetTerm + JetInit does not pretend to
 *    recover (the database stays dirty and attach refuses it).
 */
#include "core_util.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log/log.h"

#define NTXN 120
#define ROWS 6

static bool g_recovery_off;

static void params(JET_INSTANCE instance)
{
    if (g_recovery_off)
        assert_jet_ok(JetSetSystemParameterA(&instance, 0, JET_paramRecovery, 0, "off"));
}

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

static void insert_rows(bt_tree *t, uint64_t txid, unsigned tx)
{
    for (unsigned r = 0; r < ROWS; r++) {
        char key[16];
        uint8_t val[1400];
        row_key(tx, r, key);
        size_t len = row_value(tx, r, val);
        assert_jet_ok(bt_insert(t, txid, key, 8, val, len));
    }
}

/* Create the database, a tree and NTXN committed transactions (plus an
 * open one, when hold is set, that keeps the checkpoint at the start). */
static uint32_t build(core_env *e, const char *dir, bool hold)
{
    core_open(e, dir, true);
    txn *x, *lx = NULL;
    uint32_t objid;
    assert_jet_ok(txn_begin(e->log, &x));
    assert_jet_ok(st_tree_create(e->st, txn_id(x), &objid));
    assert_jet_ok(txn_commit(x, false, NULL));
    bt_tree *t;
    assert_jet_ok(st_tree_open(e->st, objid, &t));
    if (hold)
        assert_jet_ok(txn_begin(e->log, &lx));
    for (unsigned i = 0; i < NTXN; i++) {
        assert_jet_ok(txn_begin(e->log, &x));
        insert_rows(t, txn_id(x), i);
        assert_jet_ok(txn_commit(x, false, NULL));
    }
    if (lx != NULL) {
        assert_jet_ok(log_flush(e->log, LOG_LSN_ALL));
        txn_forget(lx);
    }
    return objid;
}

/* Read every row: counts of right values and of verification failures;
 * a wrong value or any other error fails the test. */
static unsigned g_missing;   /* rows read_all found absent (when allowed) */
static bool g_allow_missing;

static void read_all(bt_tree *t, unsigned *ok, unsigned *verify_fail, const char *ctx)
{
    for (unsigned i = 0; i < NTXN; i++) {
        for (unsigned r = 0; r < ROWS; r++) {
            char key[16];
            uint8_t want[1400], got[1400];
            row_key(i, r, key);
            size_t len = row_value(i, r, want), actual = 0;
            JET_ERR err = bt_get(t, key, 8, 0, got, sizeof got, &actual);
            if (err == JET_errReadVerifyFailure || err == JET_errReadPgnoVerifyFailure) {
                (*verify_fail)++;
                continue;
            }
            if (err == JET_errRecordNotFound && g_allow_missing) {
                g_missing++;
                continue;
            }
            if (err < 0)
                fail_msg("%s: row %u/%u: error %d", ctx, i, r, (int)err);
            if (actual != len || memcmp(got, want, len) != 0)
                fail_msg("%s: row %u/%u: WRONG DATA returned", ctx, i, r);
            (*ok)++;
        }
    }
}

static void *read_file_all(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        *len = 0;
        return NULL;
    }
    struct stat sb;
    assert_int_equal(fstat(fd, &sb), 0);
    *len = (size_t)sb.st_size;
    void *buf = malloc(*len + 1);
    assert_int_equal(pread(fd, buf, *len, 0), (ssize_t)*len);
    close(fd);
    return buf;
}

static void write_file_all(const char *path, const void *buf, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(fd >= 0);
    assert_int_equal(pwrite(fd, buf, len, 0), (ssize_t)len);
    close(fd);
}

static void flip_byte(const char *path, uint64_t off)
{
    int fd = open(path, O_RDWR);
    assert_true(fd >= 0);
    uint8_t b;
    assert_int_equal(pread(fd, &b, 1, (off_t)off), 1);
    b ^= 0x5a;
    assert_int_equal(pwrite(fd, &b, 1, (off_t)off), 1);
    close(fd);
}

/* ---- database pages ------------------------------------------------------------ */

static void test_flipped_page_byte(void **state)
{
    (void)state;
    char *dir = tu_mkdtemp("corrupt");
    core_env e;
    uint32_t objid = build(&e, dir, false);
    uint32_t cb = e.d->page_size;
    bt_tree *t;
    assert_jet_ok(st_tree_open(e.st, objid, &t));
    uint32_t root = bt_root(t);
    char dbpath[600];
    snprintf(dbpath, sizeof dbpath, "%s", e.dbpath);
    core_close(&e, 0);

    size_t len;
    uint8_t *pristine = read_file_all(dbpath, &len);
    uint32_t npages = (uint32_t)(len / cb) - 2;   /* data pages (after the 2 headers) */
    unsigned detected_pages = 0, quiet_pages = 0;
    for (uint32_t pgno = 1; pgno <= npages; pgno++) {
        write_file_all(dbpath, pristine, len);
        /* A different byte of each page: header fields, data, the end. */
        uint64_t in_page = (pgno * 2654435761u) % cb;
        flip_byte(dbpath, (uint64_t)(pgno - 1 + 2) * cb + in_page);
        char ctx[96];
        snprintf(ctx, sizeof ctx, "page %u (root %u) byte %llu", pgno, root,
                 (unsigned long long)in_page);

        JET_ERR err = core_try_open(&e, dir, false);
        unsigned ok = 0, bad = 0;
        if (err >= 0) {
            err = st_tree_open(e.st, objid, &t);
            if (err >= 0) {
                read_all(t, &ok, &bad, ctx);
                bt_check_stats cs;
                JET_ERR cerr = bt_check(t, &cs);
                if (bad > 0 && cerr != JET_errReadVerifyFailure &&
                    cerr != JET_errReadPgnoVerifyFailure)
                    fail_msg("%s: bt_check said %d after failed reads", ctx, (int)cerr);
                if (pgno == root)
                    assert_true(bad > 0);
            }
            if (err < 0 && err != JET_errReadVerifyFailure && err != JET_errReadPgnoVerifyFailure)
                fail_msg("%s: opening the tree: %d", ctx, (int)err);
            if (err < 0)
                bad++;
            core_close(&e, 0);
        } else {
            /* Only the attach may fail, and only with a verification error
             * (the space page). */
            if (err != JET_errReadVerifyFailure && err != JET_errReadPgnoVerifyFailure)
                fail_msg("%s: JetInit + attach: %d", ctx, (int)err);
            bad++;
            if (e.inst != 0)
                (void)JetTerm2(e.inst, JET_bitTermDirty);
        }
        if (bad > 0)
            detected_pages++;
        else
            quiet_pages++;
    }
    print_message("%u data pages flipped: %u detected on read, %u not read by anything\n",
                  npages, detected_pages, quiet_pages);
    assert_true(detected_pages > 2);
    /* The intact file still works. */
    write_file_all(dbpath, pristine, len);
    core_open(&e, dir, false);
    assert_jet_ok(st_tree_open(e.st, objid, &t));
    unsigned ok = 0, bad = 0;
    read_all(t, &ok, &bad, "intact");
    assert_int_equal(ok, NTXN * ROWS);
    core_close(&e, 0);
    free(pristine);
    tu_rmtree(dir);
    free(dir);
}

/* ---- log files ------------------------------------------------------------------- */

/* Names and contents of every file of dir (to prove nothing changed). */
typedef struct snap {
    char names[64][256];
    void *data[64];
    size_t len[64];
    int n;
} snap;

static void snap_take(const char *dir, snap *s)
{
    memset(s, 0, sizeof *s);
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *de;
    while ((de = readdir(d)) != NULL && s->n < 64) {
        if (de->d_name[0] == '.')
            continue;
        char p[1024];
        snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
        snprintf(s->names[s->n], sizeof s->names[0], "%s", de->d_name);
        s->data[s->n] = read_file_all(p, &s->len[s->n]);
        s->n++;
    }
    closedir(d);
}

static void snap_same(const char *dir, const snap *s)
{
    snap now;
    snap_take(dir, &now);
    if (now.n != s->n)
        fail_msg("files in the folder: %d before, %d after", s->n, now.n);
    for (int i = 0; i < s->n; i++) {
        int j = 0;
        while (j < now.n && strcmp(now.names[j], s->names[i]) != 0)
            j++;
        if (j == now.n)
            fail_msg("%s disappeared", s->names[i]);
        if (now.len[j] != s->len[i] || memcmp(now.data[j], s->data[i], s->len[i]) != 0)
            fail_msg("%s changed", s->names[i]);
    }
    for (int i = 0; i < now.n; i++)
        free(now.data[i]);
}

static void snap_free(snap *s)
{
    for (int i = 0; i < s->n; i++)
        free(s->data[i]);
}

static void check_all_rows(const char *dir, uint32_t objid)
{
    core_env e;
    core_open(&e, dir, false);
    bt_tree *t;
    assert_jet_ok(st_tree_open(e.st, objid, &t));
    unsigned ok = 0, bad = 0;
    read_all(t, &ok, &bad, "recovered");
    assert_int_equal(ok, NTXN * ROWS);
    bt_check_stats cs;
    assert_jet_ok(bt_check(t, &cs));
    assert_int_equal(cs.records, NTXN * ROWS);
    core_close(&e, 0);
}

static void test_flipped_archived_log_byte(void **state)
{
    (void)state;
    char *dir = tu_mkdtemp("corruptlog");
    core_env e;
    uint32_t objid = build(&e, dir, true);
    uint32_t gen = log_generation(e.log);
    log_checkpoint cp;
    log_checkpoint_get(e.log, &cp);
    core_close(&e, JET_bitTermDirty);
    uint32_t ckgen = log_lsn_gen(cp.lsn);
    assert_true(gen > ckgen + 2);   /* recovery needs archived generations */

    /* Each archived generation from the checkpoint's on: a byte of a data
     * segment, of the header. */
    unsigned tried = 0;
    for (uint32_t g = ckgen; g < gen; g++) {
        for (int where = 0; where < 2; where++) {
            /* Whichever naming JET_paramLegacyFileNames chose. */
            char name[32], path[700];
            for (unsigned legacy = 0; legacy < 4; legacy++) {
                assert_jet_ok(log_name_archived("edb", legacy, g, name, sizeof name));
                snprintf(path, sizeof path, "%s/%s", dir, name);
                if (access(path, F_OK) == 0)
                    break;
            }
            uint64_t off = where == 0 ? LOG_SEG_SIZE * 5 + 777 : 40;
            flip_byte(path, off);
            snap before;
            snap_take(dir, &before);
            JET_ERR err = core_try_open(&e, dir, false);
            if (err >= 0)
                fail_msg("generation %u byte %llu flipped: JetInit succeeded", g,
                         (unsigned long long)off);
            if (err != JET_errLogReadVerifyFailure && err != JET_errLogFileCorrupt &&
                err != JET_errLogSequenceChecksumMismatch)
                fail_msg("generation %u byte %llu flipped: JetInit said %d", g,
                         (unsigned long long)off, (int)err);
            snap_same(dir, &before);   /* a failed JetInit changes nothing */
            snap_free(&before);
            flip_byte(path, off);      /* restore */
            tried++;
        }
    }
    print_message("%u log corruptions refused by JetInit without changing a file\n", tried);
    check_all_rows(dir, objid);
    tu_rmtree(dir);
    free(dir);
}

static void test_flipped_current_log_byte(void **state)
{
    (void)state;
    /* Damage in a segment of edb.log that acknowledged commits (later
     * flushes) follow is corruption, not the torn tail of the last flush:
     * JetInit must fail instead of silently dropping those commits
     * (src/log: every segment names the flush that wrote it). */
    char *dir = tu_mkdtemp("corruptcur");
    core_env e;
    uint32_t objid = build(&e, dir, true);
    /* Acknowledged commits fill the current log well past its 3rd segment. */
    log_lsn end = log_flushed_lsn(e.log);
    core_close(&e, JET_bitTermDirty);
    assert_true(log_lsn_off(end) > LOG_SEG_SIZE * 6);
    char path[700];
    snprintf(path, sizeof path, "%s/edb.log", dir);
    uint64_t off = LOG_SEG_SIZE * 2 + 1000;
    flip_byte(path, off);
    snap before;
    snap_take(dir, &before);
    JET_ERR err = core_try_open(&e, dir, false);
    if (err >= 0) {
        /* Accepted as a torn tail: the commits after it would be lost. */
        bt_tree *t;
        assert_jet_ok(st_tree_open(e.st, objid, &t));
        unsigned ok = 0, bad = 0;
        g_allow_missing = true;
        read_all(t, &ok, &bad, "current log flipped");
        g_allow_missing = false;
        core_close(&e, 0);
        fail_msg("a flipped byte in the middle of edb.log was taken for the end of the log: "
                 "%u of %u acknowledged rows left",
                 ok, NTXN * ROWS);
    }
    print_message("flipped byte in the current log: JetInit %d\n", (int)err);
    assert_int_equal(err, JET_errLogFileCorrupt);
    snap_same(dir, &before);
    snap_free(&before);
    /* With the byte restored, the next JetInit recovers every commit. */
    flip_byte(path, off);
    check_all_rows(dir, objid);
    tu_rmtree(dir);
    free(dir);
}

/* ---- JET_paramRecovery "off" ------------------------------------------------------- */

static unsigned count_log_files(const char *dir)
{
    unsigned n = 0;
    DIR *d = opendir(dir);
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        size_t l = strlen(de->d_name);
        if ((l > 4 && (strcmp(de->d_name + l - 4, ".log") == 0 ||
                       strcmp(de->d_name + l - 4, ".jrs") == 0 ||
                       strcmp(de->d_name + l - 4, ".chk") == 0)))
            n++;
    }
    closedir(d);
    return n;
}

static void test_recovery_off(void **state)
{
    (void)state;
    g_recovery_off = true;
    char *dir = tu_mkdtemp("recoff");
    core_env e;
    core_open(&e, dir, true);
    assert_null(e.log);
    txn *x;
    uint32_t objid;
    assert_jet_ok(txn_begin(e.log, &x));
    assert_jet_ok(st_tree_create(e.st, txn_id(x), &objid));
    assert_jet_ok(txn_commit(x, false, NULL));
    bt_tree *t;
    assert_jet_ok(st_tree_open(e.st, objid, &t));
    for (unsigned i = 0; i < NTXN; i++) {
        assert_jet_ok(txn_begin(e.log, &x));
        insert_rows(t, txn_id(x), i);
        assert_jet_ok(txn_commit(x, false, NULL));
    }
    assert_int_equal(count_log_files(dir), 0);
    core_close(&e, 0);
    assert_int_equal(count_log_files(dir), 0);

    /* Flushed at JetTerm: all there. */
    core_open(&e, dir, false);
    assert_jet_ok(st_tree_open(e.st, objid, &t));
    unsigned ok = 0, bad = 0;
    read_all(t, &ok, &bad, "recovery off");
    assert_int_equal(ok, NTXN * ROWS);
    /* More work, then a crash: nothing can recover it. */
    assert_jet_ok(txn_begin(e.log, &x));
    insert_rows(t, txn_id(x), NTXN);
    assert_jet_ok(txn_commit(x, false, NULL));
    core_close(&e, JET_bitTermDirty);
    assert_int_equal(count_log_files(dir), 0);
    JET_ERR err = core_try_open(&e, dir, false);
    print_message("recovery off, after a dirty JetTerm: JetInit + attach %d\n", (int)err);
    /* JetInit itself succeeds (there is nothing to replay) but the database
     * stays dirty: the attach refuses it instead of pretending. */
    assert_int_equal(err, JET_errDatabaseDirtyShutdown);
    if (e.inst != 0)
        (void)JetTerm2(e.inst, 0);
    assert_int_equal(count_log_files(dir), 0);
    g_recovery_off = false;
    tu_rmtree(dir);
    free(dir);
}

static int group_setup(void **state)
{
    (void)state;
    core_params_hook = params;
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_recovery_off),
        cmocka_unit_test(test_flipped_page_byte),
        cmocka_unit_test(test_flipped_archived_log_byte),
        cmocka_unit_test(test_flipped_current_log_byte),
    };
    return cmocka_run_group_tests(tests, group_setup, NULL);
}
