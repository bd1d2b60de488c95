/*
 * os_file.c: open files and the I/O on them (positional read/write, flush,
 * size changes, preallocation).
 *
 * Reads and writes always move the whole buffer: short transfers and EINTR
 * are retried here so no caller ever handles a partial page.  Every entry
 * point first asks the fault hook (os_fault.c) whether this call must fail.
 */
#include "os/os.h"
#include "util/err.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* An open file: the descriptor and the path it was opened with (kept for
 * the fault hook's path filter and for messages). */
struct os_file {
    int fd;
    char *path;
};

/* Largest single transfer handed to the kernel (Linux caps at 0x7ffff000). */
#define OS_IO_CHUNK ((size_t)1 << 30)

/* Bytes of zeros written per call by the preallocation fallback. */
#define OS_ZERO_CHUNK ((size_t)64 << 10)

/*
 * os_fault_fail --
 *     Set errno to an injected error and return its JET_err.
 */
static JET_ERR os_fault_fail(int err, const char *path)
{
    errno = err;
    return os_map_errno(err, path);
}

/*
 * os_range_ok --
 *     true when [off, off+len) fits in off_t, so the casts below are exact.
 */
static bool os_range_ok(uint64_t off, uint64_t len)
{
    return off <= (uint64_t)INT64_MAX && len <= (uint64_t)INT64_MAX - off;
}

/*
 * os_open --
 *     Open (or create) a file; *out receives the handle.
 */
JET_ERR os_open(const char *path, unsigned flags, os_file **out)
{
    if (path == NULL || out == NULL || *path == '\0')
        return JET_errInvalidParameter;
    *out = NULL;
    if ((flags & OS_OPEN_TRUNC) && !(flags & OS_OPEN_RDWR))
        return JET_errInvalidParameter;     /* O_RDONLY|O_TRUNC is undefined */

    os_fault_hit hit = os_fault_check(OS_FAULT_OPEN, path, NULL);
    if (hit.err)
        return os_fault_fail(hit.err, path);

    int oflags = O_CLOEXEC | ((flags & OS_OPEN_RDWR) ? O_RDWR : O_RDONLY);
    if (flags & (OS_OPEN_CREATE | OS_OPEN_EXCL))
        oflags |= O_CREAT;
    if (flags & OS_OPEN_EXCL)
        oflags |= O_EXCL;
    if (flags & OS_OPEN_TRUNC)
        oflags |= O_TRUNC;

    os_file *f = malloc(sizeof *f);
    char *copy = strdup(path);
    if (f == NULL || copy == NULL) {
        free(f);
        free(copy);
        return JET_errOutOfMemory;
    }

    int fd;
    do
        fd = open(path, oflags, 0644);
    while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        int e = errno;
        free(f);
        free(copy);
        return os_map_errno(e, path);
    }

    /* Linux lets a folder be opened read-only; ESE (CreateFile) refuses, and
     * a later "is a directory" read error would be far from the cause. */
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        free(f);
        free(copy);
        return JET_errFileAccessDenied;
    }

    f->fd = fd;
    f->path = copy;
    *out = f;
    return JET_errSuccess;
}

/*
 * os_close --
 *     Close a handle (NULL is accepted); reports a close error.
 */
JET_ERR os_close(os_file *f)
{
    if (f == NULL)
        return JET_errSuccess;
    /* close() is never retried: on Linux the descriptor is gone even when
     * it reports EINTR, and a retry could close someone else's new file. */
    int rc = close(f->fd);
    int e = errno;
    free(f->path);
    free(f);
    if (rc != 0 && e != EINTR)
        return os_map_errno(e, NULL);
    return JET_errSuccess;
}

/*
 * os_file_path --
 *     The path the handle was opened with.
 */
const char *os_file_path(const os_file *f)
{
    return f->path;
}

/*
 * os_file_fd --
 *     The file descriptor of the handle.
 */
int os_file_fd(const os_file *f)
{
    return f->fd;
}

/*
 * os_read_loop --
 *     pread until len bytes arrived or EOF; *got = bytes read.
 */
static JET_ERR os_read_loop(int fd, void *buf, size_t len, uint64_t off, size_t *got)
{
    size_t done = 0;
    while (done < len) {
        size_t chunk = len - done < OS_IO_CHUNK ? len - done : OS_IO_CHUNK;
        ssize_t n = pread(fd, (char *)buf + done, chunk, (off_t)(off + done));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            *got = done;
            return os_map_errno(errno, NULL);
        }
        if (n == 0)
            break;
        done += (size_t)n;
    }
    *got = done;
    return JET_errSuccess;
}

/*
 * os_write_loop --
 *     pwrite until all len bytes are stored.
 */
static JET_ERR os_write_loop(int fd, const void *buf, size_t len, uint64_t off)
{
    size_t done = 0;
    while (done < len) {
        size_t chunk = len - done < OS_IO_CHUNK ? len - done : OS_IO_CHUNK;
        ssize_t n = pwrite(fd, (const char *)buf + done, chunk, (off_t)(off + done));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return os_map_errno(errno, NULL);
        }
        /* A regular file never accepts 0 bytes of a non-empty write unless
         * something is badly wrong; looping would spin forever. */
        if (n == 0)
            return JET_errDiskIO;
        done += (size_t)n;
    }
    return JET_errSuccess;
}

/*
 * os_pread_upto --
 *     Read up to len bytes at off, stopping early only at EOF.
 */
JET_ERR os_pread_upto(os_file *f, void *buf, size_t len, uint64_t off, size_t *got)
{
    *got = 0;
    if (!os_range_ok(off, len))
        return JET_errInvalidParameter;
    os_fault_hit hit = os_fault_check(OS_FAULT_READ, f->path, NULL);
    if (hit.err)
        return os_fault_fail(hit.err, NULL);
    return os_read_loop(f->fd, buf, len, off, got);
}

/*
 * os_pread --
 *     Read exactly len bytes at off.
 */
JET_ERR os_pread(os_file *f, void *buf, size_t len, uint64_t off)
{
    size_t got;
    CALL(os_pread_upto(f, buf, len, off, &got));
    /* ESE reports a read past the end of a file as JET_errFileIOBeyondEOF
     * (its mapping of ERROR_HANDLE_EOF); callers that expect a short tail
     * (a growing log, a torn file) use os_pread_upto instead. */
    return got == len ? JET_errSuccess : JET_errFileIOBeyondEOF;
}

/*
 * os_pwrite --
 *     Write exactly len bytes at off.
 */
JET_ERR os_pwrite(os_file *f, const void *buf, size_t len, uint64_t off)
{
    if (!os_range_ok(off, len))
        return JET_errInvalidParameter;
    os_fault_hit hit = os_fault_check(OS_FAULT_WRITE, f->path, NULL);
    if (hit.err) {
        /* A torn write: the first half reaches the file, then the device
         * "fails", as a crash or a full disk in the middle of a write would. */
        if (hit.shorten && len / 2 > 0) {
            JET_ERR err = os_write_loop(f->fd, buf, len / 2, off);
            if (err < 0)
                return err;
        }
        return os_fault_fail(hit.err, NULL);
    }
    return os_write_loop(f->fd, buf, len, off);
}

/*
 * os_fsync --
 *     Flush data and metadata to stable storage.
 */
JET_ERR os_fsync(os_file *f)
{
    os_fault_hit hit = os_fault_check(OS_FAULT_FSYNC, f->path, NULL);
    if (hit.err)
        return os_fault_fail(hit.err, NULL);
    /*
     * A failed fsync is final.  Linux may drop the dirty pages it could not
     * write and a second fsync then "succeeds" without the data on disk, so
     * callers must never retry an fsync error and treat success as durable.
     */
    int rc;
    do
        rc = fsync(f->fd);
    while (rc != 0 && errno == EINTR);
    return rc == 0 ? JET_errSuccess : os_map_errno(errno, NULL);
}

/*
 * os_fdatasync --
 *     Flush data (and the metadata needed to read it back) to stable storage.
 */
JET_ERR os_fdatasync(os_file *f)
{
    os_fault_hit hit = os_fault_check(OS_FAULT_FSYNC, f->path, NULL);
    if (hit.err)
        return os_fault_fail(hit.err, NULL);
    int rc;
    do
        rc = fdatasync(f->fd);
    while (rc != 0 && errno == EINTR);
    return rc == 0 ? JET_errSuccess : os_map_errno(errno, NULL);
}

/*
 * os_drop_cache --
 *     Advice: drop [off, off+len) from the page cache.
 */
void os_drop_cache(os_file *f, uint64_t off, uint64_t len)
{
    /* Only advice: the data is already on its way to the disk. */
    if (os_range_ok(off, len))
        (void)posix_fadvise(f->fd, (off_t)off, (off_t)len, POSIX_FADV_DONTNEED);
}

/*
 * os_advise_sequential --
 *     Advice: the file will be read sequentially.
 */
void os_advise_sequential(os_file *f)
{
    (void)posix_fadvise(f->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
}

/*
 * os_prefetch --
 *     Advice: start reading [off, off+len) into the page cache now.
 */
void os_prefetch(os_file *f, uint64_t off, uint64_t len)
{
    if (os_range_ok(off, len))
        (void)posix_fadvise(f->fd, (off_t)off, (off_t)len, POSIX_FADV_WILLNEED);
}

/*
 * os_sync_range --
 *     Start (wait=false) or complete (wait=true) write-back of a byte range.
 *
 * This paces large sequential writers (backup copies) so the page cache
 * never holds gigabytes of dirty data that a later fsync must write at
 * once.  It is not a durability barrier: it neither writes metadata nor
 * flushes the device cache; use os_fdatasync for that.  len 0 = to EOF.
 */
JET_ERR os_sync_range(os_file *f, uint64_t off, uint64_t len, bool wait)
{
    if (!os_range_ok(off, len))
        return JET_errInvalidParameter;
    os_fault_hit hit = os_fault_check(OS_FAULT_FSYNC, f->path, NULL);
    if (hit.err)
        return os_fault_fail(hit.err, NULL);

    unsigned int how = SYNC_FILE_RANGE_WRITE;
    if (wait)
        how |= SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WAIT_AFTER;
    int rc;
    do
        rc = sync_file_range(f->fd, (off_t)off, (off_t)len, how);
    while (rc != 0 && errno == EINTR);
    if (rc == 0)
        return JET_errSuccess;

    /* Not supported by this kernel or file system: fdatasync does at least
     * as much, only less selectively. */
    if (errno == ENOSYS || errno == EINVAL || errno == ESPIPE || errno == EOPNOTSUPP) {
        do
            rc = fdatasync(f->fd);
        while (rc != 0 && errno == EINTR);
        if (rc == 0)
            return JET_errSuccess;
    }
    return os_map_errno(errno, NULL);
}

/*
 * os_ftruncate --
 *     Set the file size (grow with zeros or shrink).
 */
JET_ERR os_ftruncate(os_file *f, uint64_t size)
{
    if (size > (uint64_t)INT64_MAX)
        return JET_errInvalidParameter;
    os_fault_hit hit = os_fault_check(OS_FAULT_TRUNCATE, f->path, NULL);
    if (hit.err)
        return os_fault_fail(hit.err, NULL);
    int rc;
    do
        rc = ftruncate(f->fd, (off_t)size);
    while (rc != 0 && errno == EINTR);
    return rc == 0 ? JET_errSuccess : os_map_errno(errno, NULL);
}

/*
 * os_file_size --
 *     Current size of an open file.
 */
JET_ERR os_file_size(os_file *f, uint64_t *size)
{
    struct stat st;
    if (fstat(f->fd, &st) != 0)
        return os_map_errno(errno, NULL);
    *size = (uint64_t)st.st_size;
    return JET_errSuccess;
}

/*
 * os_zero_fill --
 *     Write zeros over [from, to) (no fault check: the caller made it).
 */
static JET_ERR os_zero_fill(int fd, uint64_t from, uint64_t to)
{
    static const char zeros[OS_ZERO_CHUNK];
    while (from < to) {
        size_t n = to - from < OS_ZERO_CHUNK ? (size_t)(to - from) : OS_ZERO_CHUNK;
        CALL(os_write_loop(fd, zeros, n, from));
        from += n;
    }
    return JET_errSuccess;
}

/*
 * os_preallocate_by_writing --
 *     Zero-fill the part of [off, off+len) that lies past EOF.
 *
 * Unlike ftruncate (which leaves a hole), written zeros own real blocks, so
 * a later write into the range cannot fail with ENOSPC.  Bytes before EOF
 * are left alone (they may hold data), holes there included.
 */
JET_ERR os_preallocate_by_writing(os_file *f, uint64_t off, uint64_t len)
{
    if (!os_range_ok(off, len))
        return JET_errInvalidParameter;
    uint64_t size;
    CALL(os_file_size(f, &size));
    /* When off lies past EOF the gap is filled too, so no hole is left. */
    return size < off + len ? os_zero_fill(f->fd, size, off + len) : JET_errSuccess;
}

/*
 * os_preallocate --
 *     Reserve disk blocks for [off, off+len); the file grows if needed.
 */
JET_ERR os_preallocate(os_file *f, uint64_t off, uint64_t len)
{
    if (!os_range_ok(off, len))
        return JET_errInvalidParameter;
    if (len == 0)
        return JET_errSuccess;      /* posix_fallocate rejects len 0 */
    os_fault_hit hit = os_fault_check(OS_FAULT_TRUNCATE, f->path, NULL);
    if (hit.err)
        return os_fault_fail(hit.err, NULL);

    int rc;
    do
        rc = posix_fallocate(f->fd, (off_t)off, (off_t)len);
    while (rc == EINTR);
    if (rc == 0)
        return JET_errSuccess;
    /* File systems without fallocate support (some FUSE and network ones):
     * write the zeros ourselves. */
    if (rc == EOPNOTSUPP || rc == ENOSYS || rc == EINVAL)
        return os_preallocate_by_writing(f, off, len);
    return os_map_errno(rc, NULL);
}
