/*
 * test_os.c: tests of src/os (files, folders, paths, locks, time, errno
 * mapping).  Fault injection has its own program, test_os_fault.c.
 */
#include "testutil.h"

#include "os/os.h"
#include "util/err.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Each test gets a fresh folder, removed afterwards. */
static int setup_dir(void **state)
{
    *state = tu_mkdtemp("os");
    return 0;
}

/* Remove the folder made by setup_dir. */
static int teardown_dir(void **state)
{
    tu_rmtree(*state);
    free(*state);
    return 0;
}

/* Create path with the given bytes through plain libc (test fixture). */
static void put_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

/* ---- errno mapping ---- */

static void test_map_errno(void **state)
{
    (void)state;
    assert_jet(JET_errSuccess, os_map_errno(0, NULL));
    assert_jet(JET_errFileNotFound, os_map_errno(ENOENT, NULL));
    assert_jet(JET_errInvalidPath, os_map_errno(ENOTDIR, NULL));
    assert_jet(JET_errInvalidPath, os_map_errno(ENAMETOOLONG, NULL));
    assert_jet(JET_errInvalidPath, os_map_errno(ELOOP, NULL));
    assert_jet(JET_errFileAccessDenied, os_map_errno(EACCES, NULL));
    assert_jet(JET_errFileAccessDenied, os_map_errno(EPERM, NULL));
    assert_jet(JET_errFileAccessDenied, os_map_errno(EROFS, NULL));
    assert_jet(JET_errFileAccessDenied, os_map_errno(EBADF, NULL));
    assert_jet(JET_errDiskFull, os_map_errno(ENOSPC, NULL));
    assert_jet(JET_errDiskFull, os_map_errno(EDQUOT, NULL));
    assert_jet(JET_errOutOfFileHandles, os_map_errno(EMFILE, NULL));
    assert_jet(JET_errOutOfFileHandles, os_map_errno(ENFILE, NULL));
    assert_jet(JET_errOutOfMemory, os_map_errno(ENOMEM, NULL));
    assert_jet(JET_errFileAlreadyExists, os_map_errno(EEXIST, NULL));
    assert_jet(JET_errInvalidParameter, os_map_errno(EINVAL, NULL));
    assert_jet(JET_errDiskIO, os_map_errno(EIO, NULL));
    assert_jet(JET_errDiskIO, os_map_errno(EXDEV, NULL));
    /* ENOENT with a path: a missing folder is "invalid path". */
    assert_jet(JET_errInvalidPath, os_map_errno(ENOENT, "/nonexistent-jetdb-dir/x"));
    assert_jet(JET_errFileNotFound, os_map_errno(ENOENT, "/tmp/nonexistent-jetdb-file"));
    assert_jet(JET_errFileNotFound, os_map_errno(ENOENT, "bare-name"));
    assert_jet(OS_ERR_LOCKED, JET_errFileAccessDenied);
}

/* ---- files ---- */

static void test_open_errors(void **state)
{
    const char *dir = *state;
    char *missing = tu_path(dir, "missing.edb");
    char *nodir = tu_path(dir, "nodir/x.edb");
    char *existing = tu_path(dir, "exists.edb");
    os_file *f = NULL;

    assert_jet(JET_errFileNotFound, os_open(missing, OS_OPEN_READ, &f));
    assert_null(f);
    assert_jet(JET_errFileNotFound, os_open(missing, OS_OPEN_RDWR, &f));
    assert_jet(JET_errInvalidPath, os_open(nodir, OS_OPEN_RDWR | OS_OPEN_CREATE, &f));
    assert_jet(JET_errInvalidParameter, os_open("", OS_OPEN_READ, &f));
    assert_jet(JET_errInvalidParameter, os_open(NULL, OS_OPEN_READ, &f));
    assert_jet(JET_errInvalidParameter, os_open(missing, OS_OPEN_TRUNC, &f));

    put_file(existing, "abc");
    assert_jet(JET_errFileAlreadyExists,
               os_open(existing, OS_OPEN_RDWR | OS_OPEN_CREATE | OS_OPEN_EXCL, &f));
    /* EXCL alone implies CREATE. */
    assert_jet(JET_errFileAlreadyExists, os_open(existing, OS_OPEN_RDWR | OS_OPEN_EXCL, &f));
    /* A folder is not a file, even read-only. */
    assert_jet(JET_errFileAccessDenied, os_open(dir, OS_OPEN_READ, &f));
    assert_jet(JET_errFileAccessDenied, os_open(dir, OS_OPEN_RDWR, &f));
    /* A file used as a folder. */
    char *under_file = tu_path(existing, "x");
    assert_jet(JET_errInvalidPath, os_open(under_file, OS_OPEN_READ, &f));

    /* Permission checks do not apply to root. */
    if (geteuid() != 0) {
        assert_int_equal(0, chmod(existing, 0));
        assert_jet(JET_errFileAccessDenied, os_open(existing, OS_OPEN_READ, &f));
        assert_int_equal(0, chmod(existing, 0644));
    }
    assert_jet_ok(os_close(NULL));
    free(under_file);
    free(missing);
    free(nodir);
    free(existing);
}

/* Open flags: create, exclusive, read-only, truncate; O_CLOEXEC always set. */
static void test_open_modes(void **state)
{
    const char *dir = *state;
    char *path = tu_path(dir, "f.dat");
    os_file *f = NULL;
    uint64_t size = 99;

    assert_jet_ok(os_open(path, OS_OPEN_RDWR | OS_OPEN_CREATE | OS_OPEN_EXCL, &f));
    assert_string_equal(path, os_file_path(f));
    /* O_CLOEXEC always. */
    int fdflags = fcntl(os_file_fd(f), F_GETFD);
    assert_true(fdflags & FD_CLOEXEC);
    assert_jet_ok(os_pwrite(f, "hello", 5, 0));
    assert_jet_ok(os_close(f));

    /* Reopen read-only: data there, writes refused. */
    assert_jet_ok(os_open(path, OS_OPEN_READ, &f));
    char buf[8] = { 0 };
    assert_jet_ok(os_pread(f, buf, 5, 0));
    assert_memory_equal("hello", buf, 5);
    assert_jet(JET_errFileAccessDenied, os_pwrite(f, "x", 1, 0));
    assert_jet_ok(os_close(f));

    /* CREATE on an existing file keeps its data; TRUNC empties it. */
    assert_jet_ok(os_open(path, OS_OPEN_RDWR | OS_OPEN_CREATE, &f));
    assert_jet_ok(os_file_size(f, &size));
    assert_int_equal(5, size);
    assert_jet_ok(os_close(f));
    assert_jet_ok(os_open(path, OS_OPEN_RDWR | OS_OPEN_TRUNC, &f));
    assert_jet_ok(os_file_size(f, &size));
    assert_int_equal(0, size);
    assert_jet_ok(os_close(f));
    free(path);
}

/* Whole-buffer reads and writes, EOF handling, flush calls. */
static void test_read_write(void **state)
{
    const char *dir = *state;
    char *path = tu_path(dir, "rw.dat");
    os_file *f = NULL;
    size_t n = 3 * 1024 * 1024 + 17;     /* several MiB, odd length */
    unsigned char *out = malloc(n), *in = malloc(n);
    assert_non_null(out);
    assert_non_null(in);
    for (size_t i = 0; i < n; i++)
        out[i] = (unsigned char)(i * 7 + 3);

    assert_jet_ok(os_open(path, OS_OPEN_RDWR | OS_OPEN_CREATE, &f));
    assert_jet_ok(os_pwrite(f, out, n, 100));
    uint64_t size;
    assert_jet_ok(os_file_size(f, &size));
    assert_int_equal(n + 100, size);
    assert_jet_ok(os_pread(f, in, n, 100));
    assert_memory_equal(out, in, n);

    /* The hole before offset 100 reads as zeros. */
    assert_jet_ok(os_pread(f, in, 100, 0));
    for (int i = 0; i < 100; i++)
        assert_int_equal(0, in[i]);

    /* Past EOF: os_pread fails, os_pread_upto reports the short count. */
    size_t got = 1;
    assert_jet(JET_errFileIOBeyondEOF, os_pread(f, in, 64, n + 100 - 10));
    assert_memory_equal(out + n - 10, in, 10);
    assert_jet_ok(os_pread_upto(f, in, 64, n + 100 - 10, &got));
    assert_int_equal(10, got);
    assert_jet_ok(os_pread_upto(f, in, 64, n + 1000, &got));
    assert_int_equal(0, got);
    assert_jet(JET_errFileIOBeyondEOF, os_pread(f, in, 1, n + 1000));
    /* Zero-length transfers are fine anywhere. */
    assert_jet_ok(os_pread(f, in, 0, 0));
    assert_jet_ok(os_pwrite(f, out, 0, 5));

    /* Offsets that do not fit in off_t. */
    assert_jet(JET_errInvalidParameter, os_pread(f, in, 1, UINT64_MAX));
    assert_jet(JET_errInvalidParameter, os_pwrite(f, out, 2, (uint64_t)INT64_MAX));

    assert_jet_ok(os_fsync(f));
    assert_jet_ok(os_fdatasync(f));
    assert_jet_ok(os_sync_range(f, 0, 4096, false));
    assert_jet_ok(os_sync_range(f, 0, 0, true));
    assert_jet(JET_errInvalidParameter, os_sync_range(f, UINT64_MAX, 1, true));
    assert_jet_ok(os_close(f));
    free(out);
    free(in);
    free(path);
}

/* Read advice (os_advise_sequential, os_prefetch, os_drop_cache) changes
 * no byte, needs no write access, and ignores ranges it cannot express. */
static void test_read_advice(void **state)
{
    const char *dir = *state;
    char *path = tu_path(dir, "adv.dat");
    os_file *f = NULL;
    uint8_t out[3 * 4096], in[3 * 4096];
    for (size_t i = 0; i < sizeof out; i++)
        out[i] = (uint8_t)(i * 31u + 7u);
    assert_jet_ok(os_open(path, OS_OPEN_RDWR | OS_OPEN_CREATE | OS_OPEN_TRUNC, &f));
    assert_jet_ok(os_pwrite(f, out, sizeof out, 0));
    assert_jet_ok(os_fdatasync(f));
    assert_jet_ok(os_close(f));
    assert_jet_ok(os_open(path, OS_OPEN_READ, &f));
    os_advise_sequential(f);
    os_prefetch(f, 0, 0);
    os_prefetch(f, 4096, 4096);
    os_prefetch(f, UINT64_MAX, 1);          /* past off_t: ignored */
    os_drop_cache(f, 0, sizeof out);
    assert_jet_ok(os_pread(f, in, sizeof in, 0));
    assert_memory_equal(out, in, sizeof out);
    assert_jet_ok(os_close(f));
    free(path);
}

/* Size changes, fallocate, and the zero-writing fallback. */
static void test_truncate_preallocate(void **state)
{
    const char *dir = *state;
    char *path = tu_path(dir, "size.dat");
    os_file *f = NULL;
    uint64_t size;
    struct stat st;

    assert_jet_ok(os_open(path, OS_OPEN_RDWR | OS_OPEN_CREATE, &f));
    assert_jet_ok(os_ftruncate(f, 10000));
    assert_jet_ok(os_file_size(f, &size));
    assert_int_equal(10000, size);
    assert_jet_ok(os_ftruncate(f, 10));
    assert_jet_ok(os_file_size(f, &size));
    assert_int_equal(10, size);
    assert_jet(JET_errInvalidParameter, os_ftruncate(f, UINT64_MAX));

    /* Preallocation grows the file and owns real blocks. */
    assert_jet_ok(os_preallocate(f, 0, 1 << 20));
    assert_jet_ok(os_file_size(f, &size));
    assert_int_equal(1 << 20, size);
    assert_int_equal(0, fstat(os_file_fd(f), &st));
    assert_true((uint64_t)st.st_blocks * 512 >= (1u << 20));
    /* Never shrinks; len 0 is a no-op. */
    assert_jet_ok(os_preallocate(f, 0, 100));
    assert_jet_ok(os_preallocate(f, 5u << 20, 0));
    assert_jet_ok(os_file_size(f, &size));
    assert_int_equal(1 << 20, size);
    assert_jet_ok(os_close(f));

    /* The zero-writing fallback: keeps existing bytes, fills the gap. */
    assert_jet_ok(os_open(path, OS_OPEN_RDWR | OS_OPEN_TRUNC, &f));
    assert_jet_ok(os_pwrite(f, "data", 4, 0));
    assert_jet_ok(os_preallocate_by_writing(f, 100000, 50000));
    assert_jet_ok(os_file_size(f, &size));
    assert_int_equal(150000, size);
    assert_int_equal(0, fstat(os_file_fd(f), &st));
    assert_true((uint64_t)st.st_blocks * 512 >= 150000 - 4096);
    char buf[4];
    assert_jet_ok(os_pread(f, buf, 4, 0));
    assert_memory_equal("data", buf, 4);
    unsigned char z[1000];
    assert_jet_ok(os_pread(f, z, sizeof z, 149000));
    for (size_t i = 0; i < sizeof z; i++)
        assert_int_equal(0, z[i]);
    /* A range entirely before EOF changes nothing. */
    assert_jet_ok(os_preallocate_by_writing(f, 0, 10));
    assert_jet_ok(os_file_size(f, &size));
    assert_int_equal(150000, size);
    assert_jet_ok(os_pread(f, buf, 4, 0));
    assert_memory_equal("data", buf, 4);
    assert_jet_ok(os_close(f));
    free(path);
}

/* ---- folders and names ---- */

static void test_mkdir_rmdir(void **state)
{
    const char *dir = *state;
    char *a = tu_path(dir, "a");
    char *abc = tu_path(dir, "a/b/c");
    char *xyz = tu_path(dir, "x/y/z/");
    char *missing_parent = tu_path(dir, "nope/child");
    char *file = tu_path(dir, "file");
    char *under_file = tu_path(dir, "file/sub");

    assert_jet_ok(os_mkdir(a));
    assert_true(os_is_dir(a));
    assert_jet(JET_errFileAlreadyExists, os_mkdir(a));
    assert_jet(JET_errInvalidPath, os_mkdir(missing_parent));
    assert_jet(JET_errInvalidParameter, os_mkdir(""));

    assert_jet_ok(os_mkdir_p(abc));
    assert_true(os_is_dir(abc));
    assert_jet_ok(os_mkdir_p(abc));             /* idempotent */
    assert_jet_ok(os_mkdir_p(xyz));             /* trailing slash */
    assert_true(os_is_dir(xyz));
    assert_jet_ok(os_mkdir_p("."));
    assert_jet_ok(os_mkdir_p("/"));

    put_file(file, "x");
    assert_jet(JET_errInvalidPath, os_mkdir_p(file));
    assert_jet(JET_errInvalidPath, os_mkdir_p(under_file));

    /* Not empty: ESE (RemoveDirectory) has no finer code than DiskIO. */
    assert_jet(JET_errDiskIO, os_rmdir(a));
    assert_jet_ok(os_rmdir(abc));
    assert_false(os_exists(abc));
    assert_jet(JET_errFileNotFound, os_rmdir(abc));

    assert_jet_ok(os_fsync_dir(dir));
    assert_jet(JET_errFileNotFound, os_fsync_dir(abc));
    assert_jet(JET_errInvalidPath, os_fsync_dir(file));

    free(a);
    free(abc);
    free(xyz);
    free(missing_parent);
    free(file);
    free(under_file);
}

/* Plain and durable rename/unlink, including their error paths. */
static void test_rename_unlink(void **state)
{
    const char *dir = *state;
    char *src = tu_path(dir, "src.log");
    char *dst = tu_path(dir, "dst.log");
    char *sub = tu_path(dir, "sub");
    char *moved = tu_path(dir, "sub/moved.log");
    char *nodir = tu_path(dir, "nodir/x.log");

    put_file(src, "1");
    put_file(dst, "22");
    assert_jet_ok(os_rename(src, dst));         /* replaces dst */
    assert_false(os_exists(src));
    uint64_t size;
    assert_jet_ok(os_path_size(dst, &size));
    assert_int_equal(1, size);
    assert_jet(JET_errFileNotFound, os_rename(src, dst));
    assert_jet(JET_errInvalidPath, os_rename(dst, nodir));
    assert_true(os_exists(dst));

    /* Durable rename across folders. */
    assert_jet_ok(os_mkdir(sub));
    assert_jet_ok(os_rename_durable(dst, moved));
    assert_false(os_exists(dst));
    assert_true(os_exists(moved));
    /* And within one folder. */
    char *moved2 = tu_path(dir, "sub/moved2.log");
    assert_jet_ok(os_rename_durable(moved, moved2));
    assert_true(os_exists(moved2));
    assert_jet(JET_errFileNotFound, os_rename_durable(moved, moved2));

    assert_jet_ok(os_unlink_durable(moved2));
    assert_false(os_exists(moved2));
    assert_jet(JET_errFileNotFound, os_unlink(moved2));
    assert_jet(JET_errFileNotFound, os_unlink_durable(moved2));
    put_file(src, "x");
    assert_jet_ok(os_unlink(src));
    assert_false(os_exists(src));
    assert_jet(JET_errInvalidPath, os_unlink(nodir));

    free(src);
    free(dst);
    free(sub);
    free(moved);
    free(moved2);
    free(nodir);
}

/* exists/is_dir/size by path and the sorted folder listing. */
static void test_stat_and_list(void **state)
{
    const char *dir = *state;
    char *f = tu_path(dir, "b.dat");
    uint64_t size = 0;
    char **names = NULL;
    size_t count = 99;

    assert_jet_ok(os_list_dir(dir, &names, &count));
    assert_int_equal(0, count);
    os_list_free(names, count);

    put_file(f, "12345");
    assert_true(os_exists(f));
    assert_false(os_is_dir(f));
    assert_true(os_is_dir(dir));
    assert_false(os_exists(NULL));
    assert_jet_ok(os_path_size(f, &size));
    assert_int_equal(5, size);
    assert_jet(JET_errFileAccessDenied, os_path_size(dir, &size));

    const char *want[] = { "A", "a.log", "b.dat", "edb00001.log", "edb0000A.log", "z" };
    for (size_t i = 0; i < JET_ARRAY_LEN(want); i++) {
        if (strcmp(want[i], "b.dat") == 0)
            continue;
        char *p = tu_path(dir, want[i]);
        if (strcmp(want[i], "z") == 0)
            assert_jet_ok(os_mkdir(p));
        else
            put_file(p, "");
        free(p);
    }
    assert_jet_ok(os_list_dir(dir, &names, &count));
    assert_int_equal(JET_ARRAY_LEN(want), count);
    for (size_t i = 0; i < count; i++)
        assert_string_equal(want[i], names[i]);
    os_list_free(names, count);
    os_list_free(NULL, 0);

    char *missing = tu_path(dir, "missing");
    assert_jet(JET_errFileNotFound, os_list_dir(missing, &names, &count));
    assert_null(names);
    assert_int_equal(0, count);
    assert_jet(JET_errFileNotFound, os_path_size(missing, &size));
    assert_jet(JET_errInvalidPath, os_list_dir(f, &names, &count));
    free(missing);
    free(f);
}

/* Check one path-string result (*got, set by the call that produced err)
 * and free it. */
static void expect_str(const char *want, JET_ERR err, char **got)
{
    assert_jet_ok(err);
    assert_non_null(*got);
    assert_string_equal(want, *got);
    free(*got);
    *got = NULL;
}

/* Lexical join, parent and absolute-path rules. */
static void test_paths(void **state)
{
    (void)state;
    char *s = NULL;

    expect_str("a/b", os_path_join("a", "b", &s), &s);
    expect_str("a/b", os_path_join("a/", "b", &s), &s);
    expect_str("/b", os_path_join("a", "/b", &s), &s);
    expect_str("b", os_path_join("", "b", &s), &s);
    expect_str("a", os_path_join("a", "", &s), &s);
    expect_str("/x", os_path_join("/", "x", &s), &s);
    assert_jet(JET_errInvalidParameter, os_path_join(NULL, "b", &s));

    expect_str("a/b", os_path_parent("a/b/c", &s), &s);
    expect_str("a/b", os_path_parent("a/b/c/", &s), &s);
    expect_str("a", os_path_parent("a//b", &s), &s);
    expect_str(".", os_path_parent("c", &s), &s);
    expect_str("/", os_path_parent("/c", &s), &s);
    expect_str("/", os_path_parent("/", &s), &s);
    expect_str("/", os_path_parent("//", &s), &s);
    expect_str("/a", os_path_parent("/a/b", &s), &s);
    assert_jet(JET_errInvalidParameter, os_path_parent("", &s));

    expect_str("/a/b", os_path_absolute("/a/./b/", &s), &s);
    expect_str("/a/c", os_path_absolute("/a/b/../c", &s), &s);
    expect_str("/", os_path_absolute("/..", &s), &s);
    expect_str("/", os_path_absolute("/a/..", &s), &s);
    expect_str("/x", os_path_absolute("//x//", &s), &s);

    char cwd[4096];
    assert_non_null(getcwd(cwd, sizeof cwd));
    char want[4200];
    snprintf(want, sizeof want, "%s/rel/file", strcmp(cwd, "/") == 0 ? "" : cwd);
    expect_str(want, os_path_absolute("rel/./sub/../file", &s), &s);
    expect_str(cwd, os_path_absolute("", &s), &s);
    expect_str(cwd, os_path_absolute(".", &s), &s);
}

/* ---- locks ---- */

/* In a forked child: try the lock, exit 0 when the result is `want`. */
static void child_try_lock(const char *path, JET_ERR want)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        os_file *l = NULL;
        JET_ERR err = os_lock_exclusive(path, &l);
        os_unlock(l);
        _exit(err == want ? 0 : 1);
    }
    int status = 0;
    assert_int_equal(pid, waitpid(pid, &status, 0));
    assert_true(WIFEXITED(status));
    assert_int_equal(0, WEXITSTATUS(status));
}

/* A folder lock conflicts in-process and across processes, and survives a stray close. */
static void test_lock_folder(void **state)
{
    const char *dir = *state;
    os_file *l1 = NULL, *l2 = NULL;

    assert_jet_ok(os_lock_exclusive(dir, &l1));
    char *lockfile = tu_path(dir, OS_LOCK_FILE_NAME);
    assert_true(tu_exists(lockfile));

    /* A second instance in this process, and another process. */
    assert_jet(OS_ERR_LOCKED, os_lock_exclusive(dir, &l2));
    assert_null(l2);
    child_try_lock(dir, OS_ERR_LOCKED);

    /* Opening and closing the lock file elsewhere must not drop the lock
     * (the classic POSIX record-lock pitfall). */
    int fd = open(lockfile, O_RDWR);
    assert_true(fd >= 0);
    close(fd);
    assert_jet(OS_ERR_LOCKED, os_lock_exclusive(dir, &l2));

    os_unlock(l1);
    assert_jet_ok(os_lock_exclusive(dir, &l2));
    os_unlock(l2);
    child_try_lock(dir, JET_errSuccess);
    os_unlock(NULL);
    free(lockfile);
}

/* A file lock held by a child is released when the child exits. */
static void test_lock_file_and_holder_exit(void **state)
{
    const char *dir = *state;
    char *path = tu_path(dir, "edb.chk");
    os_file *l = NULL;
    int to_parent[2], to_child[2];
    assert_int_equal(0, pipe(to_parent));
    assert_int_equal(0, pipe(to_child));

    /* The child holds the lock until told to exit. */
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        os_file *cl = NULL;
        char c = os_lock_exclusive(path, &cl) == JET_errSuccess ? 'y' : 'n';
        if (write(to_parent[1], &c, 1) != 1)
            _exit(2);
        if (read(to_child[0], &c, 1) != 1)
            _exit(3);
        _exit(0);           /* exiting releases the lock without unlock */
    }
    char c = 0;
    assert_int_equal(1, read(to_parent[0], &c, 1));
    assert_int_equal('y', c);
    assert_true(tu_exists(path));              /* the file itself was created */
    assert_jet(OS_ERR_LOCKED, os_lock_exclusive(path, &l));
    assert_int_equal(1, write(to_child[1], "x", 1));
    int status;
    assert_int_equal(pid, waitpid(pid, &status, 0));
    assert_jet_ok(os_lock_exclusive(path, &l));
    os_unlock(l);

    /* Errors that are not lock conflicts. */
    char *nodir = tu_path(dir, "nodir/x.lock");
    assert_jet(JET_errInvalidPath, os_lock_exclusive(nodir, &l));
    assert_jet(JET_errInvalidParameter, os_lock_exclusive("", &l));
    close(to_parent[0]);
    close(to_parent[1]);
    close(to_child[0]);
    close(to_child[1]);
    free(nodir);
    free(path);
}

/* ---- time ---- */

static void test_time(void **state)
{
    (void)state;
    uint64_t now_s = (uint64_t)time(NULL);
    uint64_t ms = os_time_wall_ms(), us = os_time_wall_us();
    assert_true(ms / 1000 >= now_s && ms / 1000 <= now_s + 2);
    assert_true(us / 1000 >= ms && us / 1000 <= ms + 2000);

    uint64_t t0 = os_time_mono_ns();
    os_sleep_ms(30);
    uint64_t t1 = os_time_mono_ns();
    assert_true(t1 - t0 >= 30u * 1000000u);
    assert_true(t1 - t0 < 5000u * 1000000u);
    os_sleep_ms(0);
    assert_true(os_time_mono_ns() >= t1);
}

/* Run the os tests. */
int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_map_errno),
        cmocka_unit_test_setup_teardown(test_open_errors, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_open_modes, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_read_write, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_read_advice, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_truncate_preallocate, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_mkdir_rmdir, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_rename_unlink, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_stat_and_list, setup_dir, teardown_dir),
        cmocka_unit_test(test_paths),
        cmocka_unit_test_setup_teardown(test_lock_folder, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_lock_file_and_holder_exit, setup_dir, teardown_dir),
        cmocka_unit_test(test_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
