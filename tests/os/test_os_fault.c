/*
 * test_os_fault.c: tests of the I/O fault-injection hook (JetDbFault* in
 * jetdb.h, src/os/os_fault.c): each operation class, path filter,
 * persistent and torn-write modes, counting, specification strings,
 * arming through JETDB_FAULT in a child process, and arming while
 * threads write.
 *
 * Run with "--env-child <dir>" the program is the child of the
 * environment test instead (see test_env_arming).
 */
#include "testutil.h"

#include "jetdb.h"
#include "os/os.h"
#include "util/err.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Disarm everything and make a fresh folder for one test. */
static int setup_dir(void **state)
{
    JetDbFaultDisarmAll();
    *state = tu_mkdtemp("osfault");
    return 0;
}

/* Disarm everything and remove the folder. */
static int teardown_dir(void **state)
{
    JetDbFaultDisarmAll();
    tu_rmtree(*state);
    free(*state);
    return 0;
}

/* Open (create) dir/name read-write. */
static os_file *open_rw(const char *dir, const char *name)
{
    char *p = tu_path(dir, name);
    os_file *f = NULL;
    assert_jet_ok(os_open(p, OS_OPEN_RDWR | OS_OPEN_CREATE, &f));
    free(p);
    return f;
}

/* ---- one test per operation class: the 2nd call fails with EIO ---- */

/* The results of three calls of op: ok, the injected error, ok. */
static void expect_second_fails(JETDB_FAULT_OP op, JET_ERR r1, JET_ERR r2, JET_ERR r3,
                                JET_ERR want)
{
    assert_jet_ok(r1);
    assert_jet(want, r2);
    assert_jet_ok(r3);
    assert_int_equal(3, JetDbFaultCount(op));
    assert_int_equal(1, JetDbFaultFired(op));
    JetDbFaultDisarm(op);
}

/* Every operation class: the 2nd counted call fails, the others succeed. */
static void test_fault_each_op(void **state)
{
    const char *dir = *state;
    char *p[3], *q[3];
    char name[32];
    for (int i = 0; i < 3; i++) {
        snprintf(name, sizeof name, "p%d", i);
        p[i] = tu_path(dir, name);
        snprintf(name, sizeof name, "q%d", i);
        q[i] = tu_path(dir, name);
    }
    os_file *f = open_rw(dir, "data");
    os_file *g[3] = { NULL, NULL, NULL };
    char buf[16] = "0123456789abcdef";
    JET_ERR r[3];

    /* open */
    assert_jet_ok(JetDbFaultArm(JETDB_faultopOpen, 2, EIO, 0, NULL));
    for (int i = 0; i < 3; i++)
        r[i] = os_open(p[i], OS_OPEN_RDWR | OS_OPEN_CREATE, &g[i]);
    expect_second_fails(JETDB_faultopOpen, r[0], r[1], r[2], JET_errDiskIO);
    assert_null(g[1]);
    assert_false(tu_exists(p[1]));      /* the failed open created nothing */
    for (int i = 0; i < 3; i++)
        assert_jet_ok(os_close(g[i]));

    /* write: the failing call sets errno too */
    assert_jet_ok(JetDbFaultArm(JETDB_faultopWrite, 2, EIO, 0, NULL));
    r[0] = os_pwrite(f, buf, 16, 0);
    errno = 0;
    r[1] = os_pwrite(f, buf, 16, 16);
    assert_int_equal(EIO, errno);
    r[2] = os_pwrite(f, buf, 16, 32);
    expect_second_fails(JETDB_faultopWrite, r[0], r[1], r[2], JET_errDiskIO);

    /* read: both os_pread and os_pread_upto count */
    size_t got;
    assert_jet_ok(JetDbFaultArm(JETDB_faultopRead, 2, EIO, 0, NULL));
    r[0] = os_pread(f, buf, 16, 0);
    r[1] = os_pread_upto(f, buf, 16, 0, &got);
    r[2] = os_pread(f, buf, 16, 0);
    expect_second_fails(JETDB_faultopRead, r[0], r[1], r[2], JET_errDiskIO);

    /* fsync: fsync, fdatasync, sync_range and folder fsync are one class */
    assert_jet_ok(JetDbFaultArm(JETDB_faultopFsync, 2, EIO, 0, NULL));
    r[0] = os_fsync(f);
    r[1] = os_fdatasync(f);
    r[2] = os_sync_range(f, 0, 0, true);
    expect_second_fails(JETDB_faultopFsync, r[0], r[1], r[2], JET_errDiskIO);
    assert_jet_ok(JetDbFaultArm(JETDB_faultopFsync, 1, EIO, 0, NULL));
    assert_jet(JET_errDiskIO, os_fsync_dir(dir));
    assert_jet_ok(JetDbFaultArm(JETDB_faultopFsync, 3, EIO, 0, NULL));
    r[0] = os_fsync_dir(dir);
    r[1] = os_sync_range(f, 0, 16, false);
    r[2] = os_fsync(f);
    assert_jet_ok(r[0]);
    assert_jet_ok(r[1]);
    assert_jet(JET_errDiskIO, r[2]);
    JetDbFaultDisarm(JETDB_faultopFsync);

    /* rename: the failing rename leaves both names as they were */
    for (int i = 0; i < 3; i++)
        fclose(fopen(p[i], "w"));
    assert_jet_ok(JetDbFaultArm(JETDB_faultopRename, 2, EIO, 0, NULL));
    for (int i = 0; i < 3; i++)
        r[i] = os_rename(p[i], q[i]);
    expect_second_fails(JETDB_faultopRename, r[0], r[1], r[2], JET_errDiskIO);
    assert_true(tu_exists(p[1]));
    assert_false(tu_exists(q[1]));

    /* unlink (and rmdir, same class) */
    assert_jet_ok(JetDbFaultArm(JETDB_faultopUnlink, 2, EIO, 0, NULL));
    r[0] = os_unlink(q[0]);
    r[1] = os_unlink(p[1]);
    r[2] = os_unlink(q[2]);
    expect_second_fails(JETDB_faultopUnlink, r[0], r[1], r[2], JET_errDiskIO);
    assert_true(tu_exists(p[1]));

    /* mkdir: counts each folder os_mkdir_p creates */
    assert_jet_ok(JetDbFaultArm(JETDB_faultopMkdir, 2, EIO, 0, NULL));
    char *deep = tu_path(dir, "m1/m2/m3");
    assert_jet(JET_errDiskIO, os_mkdir_p(deep));
    assert_int_equal(2, JetDbFaultCount(JETDB_faultopMkdir));
    assert_jet_ok(os_mkdir_p(deep));        /* 3rd call on: fine again */
    assert_true(os_is_dir(deep));
    assert_int_equal(4, JetDbFaultCount(JETDB_faultopMkdir));
    JetDbFaultDisarm(JETDB_faultopMkdir);
    free(deep);

    /* truncate: ftruncate and preallocate */
    assert_jet_ok(JetDbFaultArm(JETDB_faultopTruncate, 2, EIO, 0, NULL));
    r[0] = os_ftruncate(f, 100);
    r[1] = os_preallocate(f, 0, 4096);
    r[2] = os_preallocate(f, 0, 8192);
    expect_second_fails(JETDB_faultopTruncate, r[0], r[1], r[2], JET_errDiskIO);

    assert_jet_ok(os_close(f));
    for (int i = 0; i < 3; i++) {
        free(p[i]);
        free(q[i]);
    }
}

/* The injected errno goes through the normal mapping. */
static void test_fault_errno_mapping(void **state)
{
    const char *dir = *state;
    os_file *f = open_rw(dir, "m");
    char b[4] = "abc";
    const struct { int e; JET_ERR want; } cases[] = {
        { ENOSPC, JET_errDiskFull }, { EDQUOT, JET_errDiskFull },
        { EIO, JET_errDiskIO }, { EACCES, JET_errFileAccessDenied },
        { EROFS, JET_errFileAccessDenied }, { ENOMEM, JET_errOutOfMemory },
    };
    for (size_t i = 0; i < JET_ARRAY_LEN(cases); i++) {
        assert_jet_ok(JetDbFaultArm(JETDB_faultopWrite, 1, cases[i].e, 0, NULL));
        assert_jet(cases[i].want, os_pwrite(f, b, 3, 0));
    }
    /* A failed open of a missing file in an existing folder: FileNotFound;
     * EMFILE: out of handles. */
    char *p = tu_path(dir, "x");
    os_file *g = NULL;
    assert_jet_ok(JetDbFaultArm(JETDB_faultopOpen, 1, ENOENT, 0, NULL));
    assert_jet(JET_errFileNotFound, os_open(p, OS_OPEN_READ, &g));
    assert_jet_ok(JetDbFaultArm(JETDB_faultopOpen, 1, EMFILE, 0, NULL));
    assert_jet(JET_errOutOfFileHandles, os_open(p, OS_OPEN_READ, &g));
    free(p);
    assert_jet_ok(os_close(f));
}

/* Only calls on paths holding the substring are counted and failed. */
static void test_fault_path_filter(void **state)
{
    const char *dir = *state;
    char *src = tu_path(dir, "src");
    char *dst = tu_path(dir, "backup-dest");
    assert_jet_ok(os_mkdir(src));
    assert_jet_ok(os_mkdir(dst));
    os_file *fs = open_rw(src, "edb.edb");
    os_file *fd = open_rw(dst, "edb.edb");
    char b[8] = "pagedat";

    /* Only writes under backup-dest count; the 2nd of those fails. */
    assert_jet_ok(JetDbFaultArm(JETDB_faultopWrite, 2, ENOSPC, 0, "/backup-dest/"));
    assert_jet_ok(os_pwrite(fs, b, 8, 0));
    assert_jet_ok(os_pwrite(fd, b, 8, 0));
    assert_jet_ok(os_pwrite(fs, b, 8, 8));
    assert_jet_ok(os_pwrite(fs, b, 8, 16));
    assert_int_equal(1, JetDbFaultCount(JETDB_faultopWrite));
    assert_jet(JET_errDiskFull, os_pwrite(fd, b, 8, 8));
    assert_jet_ok(os_pwrite(fs, b, 8, 24));
    assert_int_equal(2, JetDbFaultCount(JETDB_faultopWrite));
    assert_int_equal(1, JetDbFaultFired(JETDB_faultopWrite));

    /* A rename matches on either name. */
    char *a = tu_path(src, "a"), *b2 = tu_path(dst, "a"), *c = tu_path(src, "c");
    fclose(fopen(a, "w"));
    assert_jet_ok(JetDbFaultArm(JETDB_faultopRename, 1, EIO, 0, "backup-dest"));
    assert_jet_ok(os_rename(a, c));                     /* not counted */
    assert_int_equal(0, JetDbFaultCount(JETDB_faultopRename));
    assert_jet(JET_errDiskIO, os_rename(c, b2));        /* into the filter */
    assert_true(tu_exists(c));
    assert_jet_ok(JetDbFaultArm(JETDB_faultopRename, 1, EIO, 0, "backup-dest"));
    JetDbFaultDisarm(JETDB_faultopRename);
    assert_jet_ok(os_rename(c, b2));
    assert_jet_ok(JetDbFaultArm(JETDB_faultopRename, 1, EIO, 0, "backup-dest"));
    assert_jet(JET_errDiskIO, os_rename(b2, a));        /* out of it */
    /* The folder fsync of a durable rename is filtered by folder path. */
    assert_jet_ok(JetDbFaultArm(JETDB_faultopFsync, 1, EIO, 0, "backup-dest"));
    assert_jet(JET_errDiskIO, os_rename_durable(b2, c));
    assert_true(tu_exists(c));          /* renamed, but not made durable */

    assert_jet_ok(os_close(fs));
    assert_jet_ok(os_close(fd));
    free(a);
    free(b2);
    free(c);
    free(src);
    free(dst);
}

/* Persistent mode fails every call from the nth on; disarm and re-arm semantics. */
static void test_fault_persistent(void **state)
{
    const char *dir = *state;
    os_file *f = open_rw(dir, "full");
    char b[4] = "abc";

    /* Like a disk that fills up after two writes. */
    assert_jet_ok(JetDbFaultArm(JETDB_faultopWrite, 3, ENOSPC, JETDB_bitFaultPersistent, NULL));
    assert_jet_ok(os_pwrite(f, b, 3, 0));
    assert_jet_ok(os_pwrite(f, b, 3, 3));
    for (int i = 0; i < 5; i++)
        assert_jet(JET_errDiskFull, os_pwrite(f, b, 3, 6));
    assert_int_equal(7, JetDbFaultCount(JETDB_faultopWrite));
    assert_int_equal(5, JetDbFaultFired(JETDB_faultopWrite));

    /* Disarm stops failing and counting; counters keep their values. */
    JetDbFaultDisarm(JETDB_faultopWrite);
    assert_jet_ok(os_pwrite(f, b, 3, 6));
    assert_int_equal(7, JetDbFaultCount(JETDB_faultopWrite));
    assert_int_equal(5, JetDbFaultFired(JETDB_faultopWrite));
    /* Re-arming resets them. */
    assert_jet_ok(JetDbFaultArm(JETDB_faultopWrite, 0, 0, 0, NULL));
    assert_int_equal(0, JetDbFaultCount(JETDB_faultopWrite));
    assert_int_equal(0, JetDbFaultFired(JETDB_faultopWrite));
    assert_jet_ok(os_close(f));
}

/* A short (torn) write stores exactly the first half of the buffer. */
static void test_fault_short_write(void **state)
{
    const char *dir = *state;
    os_file *f = open_rw(dir, "torn");
    unsigned char page[4096], back[4096];
    for (size_t i = 0; i < sizeof page; i++)
        page[i] = (unsigned char)(i % 251 + 1);

    assert_jet_ok(JetDbFaultArm(JETDB_faultopWrite, 1, EIO, JETDB_bitFaultShortWrite, NULL));
    assert_jet(JET_errDiskIO, os_pwrite(f, page, sizeof page, 8192));
    uint64_t size;
    assert_jet_ok(os_file_size(f, &size));
    assert_int_equal(8192 + 2048, size);    /* exactly half arrived */
    size_t got;
    assert_jet_ok(os_pread_upto(f, back, sizeof back, 8192, &got));
    assert_int_equal(2048, got);
    assert_memory_equal(page, back, 2048);

    /* Over existing data: the first half is new, the second half old. */
    unsigned char old[4096];
    memset(old, 0xEE, sizeof old);
    assert_jet_ok(os_pwrite(f, old, sizeof old, 0));
    assert_jet_ok(JetDbFaultArm(JETDB_faultopWrite, 1, EIO, JETDB_bitFaultShortWrite, NULL));
    assert_jet(JET_errDiskIO, os_pwrite(f, page, sizeof page, 0));
    assert_jet_ok(os_pread(f, back, sizeof back, 0));
    assert_memory_equal(page, back, 2048);
    assert_memory_equal(old + 2048, back + 2048, 2048);

    /* One byte: half is nothing. */
    assert_jet_ok(JetDbFaultArm(JETDB_faultopWrite, 1, EIO, JETDB_bitFaultShortWrite, NULL));
    assert_jet(JET_errDiskIO, os_pwrite(f, page, 1, 20000));
    assert_jet_ok(os_file_size(f, &size));
    assert_int_equal(8192 + 2048, size);
    assert_jet_ok(os_close(f));
}

/* A small scenario: create a file, write 3 pages, fsync, rename durably. */
static JET_ERR scenario(const char *dir)
{
    char *tmp = tu_path(dir, "edbtmp.log"), *fin = tu_path(dir, "edb.log");
    char page[512];
    memset(page, 'L', sizeof page);
    JET_ERR err = JET_errSuccess;
    os_file *f = NULL;
    CHECK(os_open(tmp, OS_OPEN_RDWR | OS_OPEN_CREATE | OS_OPEN_TRUNC, &f));
    for (int i = 0; i < 3; i++)
        CHECK(os_pwrite(f, page, sizeof page, (uint64_t)i * sizeof page));
    CHECK(os_fsync(f));
    CHECK(os_rename_durable(tmp, fin));
done:
    KEEP(err, os_close(f));
    free(tmp);
    free(fin);
    return err;
}

/* Count a scenario's calls, then fail each one in turn. */
static void test_fault_count_then_fail_each(void **state)
{
    const char *dir = *state;
    const JETDB_FAULT_OP ops[] = { JETDB_faultopOpen, JETDB_faultopWrite,
                                   JETDB_faultopFsync, JETDB_faultopRename };
    const uint64_t expected[] = { 1, 3, 2, 1 };   /* fsync: file + folder */

    for (size_t k = 0; k < JET_ARRAY_LEN(ops); k++) {
        /* First learn how many calls the scenario makes... */
        assert_jet_ok(JetDbFaultArm(ops[k], 0, 0, 0, NULL));
        assert_jet_ok(scenario(dir));
        uint64_t n = JetDbFaultCount(ops[k]);
        assert_int_equal(expected[k], n);
        assert_int_equal(0, JetDbFaultFired(ops[k]));
        /* ...then make each one fail in turn. */
        for (uint64_t i = 1; i <= n; i++) {
            assert_jet_ok(JetDbFaultArm(ops[k], i, EIO, 0, NULL));
            assert_jet(JET_errDiskIO, scenario(dir));
            assert_int_equal(1, JetDbFaultFired(ops[k]));
            assert_int_equal(i, JetDbFaultCount(ops[k]));
        }
        JetDbFaultDisarm(ops[k]);
    }
}

/* Invalid arguments to the control API arm nothing. */
static void test_fault_arm_errors(void **state)
{
    (void)state;
    char longpath[2000];
    memset(longpath, 'x', sizeof longpath - 1);
    longpath[sizeof longpath - 1] = '\0';

    assert_jet(JET_errInvalidParameter, JetDbFaultArm(JETDB_faultopMax, 1, EIO, 0, NULL));
    assert_jet(JET_errInvalidParameter, JetDbFaultArm((JETDB_FAULT_OP)-1, 1, EIO, 0, NULL));
    assert_jet(JET_errInvalidParameter, JetDbFaultArm(JETDB_faultopWrite, 1, 0, 0, NULL));
    assert_jet(JET_errInvalidParameter, JetDbFaultArm(JETDB_faultopWrite, 1, -5, 0, NULL));
    assert_jet(JET_errInvalidGrbit, JetDbFaultArm(JETDB_faultopWrite, 1, EIO, 0x100, NULL));
    assert_jet(JET_errInvalidParameter,
               JetDbFaultArm(JETDB_faultopRead, 1, EIO, JETDB_bitFaultShortWrite, NULL));
    assert_jet(JET_errInvalidParameter, JetDbFaultArm(JETDB_faultopWrite, 1, EIO, 0, longpath));
    assert_int_equal(0, JetDbFaultCount(JETDB_faultopMax));
    assert_int_equal(0, JetDbFaultFired((JETDB_FAULT_OP)99));
    JetDbFaultDisarm(JETDB_faultopMax);      /* ignored */
    /* Nothing above armed anything. */
    assert_int_equal(0, atomic_load(&os_fault_mask));
}

/* The JETDB_FAULT specification syntax, good and malformed. */
static void test_fault_spec(void **state)
{
    const char *dir = *state;
    os_file *f = open_rw(dir, "s:1");
    char b[2] = "x";

    /* Name errno, flag, a path filter containing ':'. */
    assert_jet_ok(JetDbFaultArmSpec("write:2:ENOSPC:persist:/s:1"));
    assert_jet_ok(os_pwrite(f, b, 1, 0));
    assert_jet(JET_errDiskFull, os_pwrite(f, b, 1, 0));
    assert_jet(JET_errDiskFull, os_pwrite(f, b, 1, 0));
    JetDbFaultDisarmAll();

    /* Numeric errno, no flag, path straight after the errno field. */
    assert_jet_ok(JetDbFaultArmSpec("write:1:5:s:1"));
    assert_jet(JET_errDiskIO, os_pwrite(f, b, 1, 0));
    assert_jet_ok(JetDbFaultArmSpec("write:1:EIO:nomatch"));
    assert_jet_ok(os_pwrite(f, b, 1, 0));
    assert_int_equal(0, JetDbFaultCount(JETDB_faultopWrite));

    /* Empty flag field, several items. */
    assert_jet_ok(JetDbFaultArmSpec("read:1:EIO::s:1;fsync:2:EIO;write:1:EIO:short"));
    assert_int_equal((1u << OS_FAULT_READ) | (1u << OS_FAULT_FSYNC) | (1u << OS_FAULT_WRITE),
                     atomic_load(&os_fault_mask));
    assert_jet(JET_errDiskIO, os_pread_upto(f, b, 1, 0, &(size_t){ 0 }));
    assert_jet_ok(os_fsync(f));
    assert_jet(JET_errDiskIO, os_fsync(f));
    JetDbFaultDisarmAll();

    /* Malformed: nothing gets armed, not even the valid first item. */
    const char *bad[] = {
        "", ";", "write", "write:1", "write:x:EIO", "write:1:EBOGUS", "bogus:1:EIO",
        "write:-1:EIO", "read:1:EIO:short", "write:1:0", "open:1:EIO;write:1",
        "write:1:99999",
    };
    for (size_t i = 0; i < JET_ARRAY_LEN(bad); i++) {
        assert_jet(JET_errInvalidParameter, JetDbFaultArmSpec(bad[i]));
        assert_int_equal(0, atomic_load(&os_fault_mask));
    }
    assert_jet(JET_errInvalidParameter, JetDbFaultArmSpec(NULL));
    assert_jet_ok(os_close(f));
}

/* ---- arming from the environment (a child process) ---- */

/* The child: JETDB_FAULT="write:2:ENOSPC::<dir>" was read at load time. */
static int env_child(const char *dir)
{
    char *p = tu_path(dir, "child.dat");
    os_file *f = NULL;
    if (os_open(p, OS_OPEN_RDWR | OS_OPEN_CREATE, &f) < 0)
        return 10;
    free(p);
    JET_ERR r1 = os_pwrite(f, "a", 1, 0);
    JET_ERR r2 = os_pwrite(f, "b", 1, 1);
    JET_ERR r3 = os_pwrite(f, "c", 1, 2);
    (void)os_close(f);
    if (getenv("JETDB_FAULT_EXPECT_NONE") != NULL)
        return r1 == 0 && r2 == 0 && r3 == 0 ? 0 : 11;
    if (r1 != 0 || r2 != JET_errDiskFull || r3 != 0)
        return 12;
    return JetDbFaultFired(JETDB_faultopWrite) == 1 ? 0 : 13;
}

/* Run this program as env_child with JETDB_FAULT=spec; return its status. */
static int run_env_child(const char *dir, const char *spec, bool expect_none)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        setenv("JETDB_FAULT", spec, 1);
        if (expect_none)
            setenv("JETDB_FAULT_EXPECT_NONE", "1", 1);
        /* Keep the child's malformed-spec warning out of the test log. */
        if (expect_none && freopen("/dev/null", "w", stderr) == NULL)
            _exit(20);
        execl("/proc/self/exe", "test_os_fault", "--env-child", dir, (char *)NULL);
        _exit(21);
    }
    int status = 0;
    assert_int_equal(pid, waitpid(pid, &status, 0));
    assert_true(WIFEXITED(status));
    return WEXITSTATUS(status);
}

/* JETDB_FAULT arms a child process at load time. */
static void test_env_arming(void **state)
{
    const char *dir = *state;
    char spec[4200];
    snprintf(spec, sizeof spec, "write:2:ENOSPC::%s", dir);
    assert_int_equal(0, run_env_child(dir, spec, false));
    /* A filter that matches nothing, and a malformed value: no faults. */
    assert_int_equal(0, run_env_child(dir, "write:1:EIO::/no/such/place/", true));
    assert_int_equal(0, run_env_child(dir, "write:one:EIO", true));
}

/* ---- arming while threads write ---- */

#define NTHREADS 4
#define NWRITES 400

struct writer {
    os_file *f;
    int failures;
    int unexpected;
};

/* Writer thread: NWRITES writes, tallying injected failures. */
static void *writer_main(void *arg)
{
    struct writer *w = arg;
    char b[64];
    memset(b, 'w', sizeof b);
    for (int i = 0; i < NWRITES; i++) {
        JET_ERR err = os_pwrite(w->f, b, sizeof b, (uint64_t)i * sizeof b);
        if (err == JET_errDiskIO || err == JET_errDiskFull)
            w->failures++;
        else if (err != JET_errSuccess)
            w->unexpected++;
    }
    return NULL;
}

/* Start NTHREADS writers, optionally re-arm in a loop meanwhile, join. */
static int run_writers(const char *dir, bool rearm_meanwhile, int *unexpected)
{
    pthread_t t[NTHREADS];
    struct writer w[NTHREADS];
    for (int i = 0; i < NTHREADS; i++) {
        char name[32];
        snprintf(name, sizeof name, "w%d", i);
        w[i] = (struct writer){ open_rw(dir, name), 0, 0 };
        assert_int_equal(0, pthread_create(&t[i], NULL, writer_main, &w[i]));
    }
    for (int k = 0; rearm_meanwhile && k < 200; k++) {
        assert_jet_ok(JetDbFaultArm(JETDB_faultopWrite, (uint64_t)(k % 7 + 1),
                                    k % 2 ? EIO : ENOSPC,
                                    k % 3 ? JETDB_bitFaultPersistent : 0,
                                    k % 5 ? NULL : "/w"));
        (void)JetDbFaultCount(JETDB_faultopWrite);
        if (k % 4 == 0)
            JetDbFaultDisarm(JETDB_faultopWrite);
    }
    int failures = 0;
    *unexpected = 0;
    for (int i = 0; i < NTHREADS; i++) {
        assert_int_equal(0, pthread_join(t[i], NULL));
        failures += w[i].failures;
        *unexpected += w[i].unexpected;
        assert_jet_ok(os_close(w[i].f));
    }
    return failures;
}

/* Exact counts across 4 writer threads, and re-arming while they run. */
static void test_fault_threads(void **state)
{
    const char *dir = *state;
    int unexpected;

    /* Exact counts across threads. */
    assert_jet_ok(JetDbFaultArm(JETDB_faultopWrite, 0, 0, 0, NULL));
    assert_int_equal(0, run_writers(dir, false, &unexpected));
    assert_int_equal(0, unexpected);
    assert_int_equal(NTHREADS * NWRITES, JetDbFaultCount(JETDB_faultopWrite));

    /* Persistent from the middle on: exactly the second half fails. */
    uint64_t half = NTHREADS * NWRITES / 2;
    assert_jet_ok(JetDbFaultArm(JETDB_faultopWrite, half + 1, EIO, JETDB_bitFaultPersistent, NULL));
    assert_int_equal((int)half, run_writers(dir, false, &unexpected));
    assert_int_equal(0, unexpected);
    assert_int_equal(half, JetDbFaultFired(JETDB_faultopWrite));

    /* Re-arming and disarming while the writers run (for TSan). */
    JetDbFaultDisarmAll();
    (void)run_writers(dir, true, &unexpected);
    assert_int_equal(0, unexpected);
}

/* Run the fault tests, or act as the environment test's child. */
int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--env-child") == 0)
        return env_child(argv[2]);

    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_fault_each_op, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_fault_errno_mapping, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_fault_path_filter, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_fault_persistent, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_fault_short_write, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_fault_count_then_fail_each, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_fault_arm_errors, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_fault_spec, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_env_arming, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_fault_threads, setup_dir, teardown_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
