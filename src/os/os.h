/*
 * os.h: the operating-system layer of jetdb (files, folders, locks, time,
 * fault injection).
 *
 * Every byte the engine reads or writes, every fsync, rename and unlink
 * goes through these functions, so that (1) errno is turned into a JET_err
 * in one place (os_map_errno) and (2) the fault-injection hook
 * (os_fault.c, controlled through JetDbFault* in jetdb.h) sees every I/O.
 * No other layer calls open/pread/pwrite/fsync/rename directly.
 *
 * All functions return JET_ERR (0 success, < 0 error) unless stated.
 * Paths are UTF-8 char strings, used as given (no case folding).
 */
#ifndef JETDB_OS_H
#define JETDB_OS_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "esent.h"

/*
 * The error returned when a lock is held by someone else (another process
 * or another instance in this process).  ESE's Windows file layer maps a
 * sharing or lock violation to JET_errFileAccessDenied (-1032), which is
 * what a second process sees when it opens files an instance holds open.
 * The instance layer may translate it (e.g. to JET_errLogFilePathInUse,
 * ESE's in-process "path already used by another instance" check).
 */
#define OS_ERR_LOCKED JET_errFileAccessDenied

/* Name of the lock file created inside a folder by os_lock_exclusive. */
#define OS_LOCK_FILE_NAME "jetdb.lock"

/* ---- errors ---------------------------------------------------------- */

/* Map an errno value to a JET_err; path (may be NULL) refines ENOENT. */
JET_ERR os_map_errno(int err, const char *path);

/* ---- files ----------------------------------------------------------- */

/* An open file.  Several threads may read and write one os_file at once
 * (all I/O is positional: there is no shared file offset); closing it while
 * another thread still uses it is the caller's bug. */
typedef struct os_file os_file;

/* Flags of os_open. */
enum os_open_flags {
    OS_OPEN_READ = 0x0,     /* read-only (the default) */
    OS_OPEN_RDWR = 0x1,     /* read-write */
    OS_OPEN_CREATE = 0x2,   /* create when missing (mode 0644 & ~umask) */
    OS_OPEN_EXCL = 0x4,     /* with CREATE: an existing file is an error */
    OS_OPEN_TRUNC = 0x8,    /* truncate to 0 bytes (needs RDWR) */
};

/* Open (or create) a file; *out receives the handle. */
JET_ERR os_open(const char *path, unsigned flags, os_file **out);
/* Close a handle (NULL is accepted); reports a close error. */
JET_ERR os_close(os_file *f);
/* The path the handle was opened with. */
const char *os_file_path(const os_file *f);
/* The file descriptor (for tests and for the rare caller that needs it). */
int os_file_fd(const os_file *f);

/* Read exactly len bytes at off; a read that reaches EOF first fails with
 * JET_errFileIOBeyondEOF (the bytes before EOF are in buf). */
JET_ERR os_pread(os_file *f, void *buf, size_t len, uint64_t off);
/* Read up to len bytes at off, stopping early only at EOF; *got = bytes read. */
JET_ERR os_pread_upto(os_file *f, void *buf, size_t len, uint64_t off, size_t *got);
/* Write exactly len bytes at off. */
JET_ERR os_pwrite(os_file *f, const void *buf, size_t len, uint64_t off);

/* Flush data and metadata to stable storage. */
JET_ERR os_fsync(os_file *f);
/* Flush data (and the metadata needed to read it back) to stable storage. */
JET_ERR os_fdatasync(os_file *f);
/* Tell the kernel the written (and synced) range will not be read back
 * soon: drop it from the page cache.  Backups use it so a copy does not
 * push the database's own pages out, and so removing an aborted copy does
 * not have to free a page cache full of it. */
void os_drop_cache(os_file *f, uint64_t off, uint64_t len);
/* Start (wait=false) or complete (wait=true) write-back of a byte range. */
JET_ERR os_sync_range(os_file *f, uint64_t off, uint64_t len, bool wait);
/* Advice: the file will be read sequentially (larger kernel read-ahead). */
void os_advise_sequential(os_file *f);
/* Advice: start reading [off, off+len) into the page cache in the
 * background (len 0 = to EOF), so that the reads that follow find it. */
void os_prefetch(os_file *f, uint64_t off, uint64_t len);

/* Set the file size (grow with zeros or shrink). */
JET_ERR os_ftruncate(os_file *f, uint64_t size);
/* Current size of an open file. */
JET_ERR os_file_size(os_file *f, uint64_t *size);
/* Reserve disk blocks for [off, off+len) so later writes cannot hit ENOSPC. */
JET_ERR os_preallocate(os_file *f, uint64_t off, uint64_t len);
/* os_preallocate's fallback (zero-fill past EOF); exposed for the tests. */
JET_ERR os_preallocate_by_writing(os_file *f, uint64_t off, uint64_t len);

/* ---- folders and names ------------------------------------------------ */

/* Create one folder; an existing entry is JET_errFileAlreadyExists. */
JET_ERR os_mkdir(const char *path);
/* Create a folder and any missing parents; an existing folder is success. */
JET_ERR os_mkdir_p(const char *path);
/* Remove an empty folder. */
JET_ERR os_rmdir(const char *path);
/* fsync a folder so that entries created/renamed/removed in it are durable. */
JET_ERR os_fsync_dir(const char *path);
/* Rename (atomically replacing an existing target). */
JET_ERR os_rename(const char *from, const char *to);
/* Rename, then fsync the target's folder (and the source's if different). */
JET_ERR os_rename_durable(const char *from, const char *to);
/* Remove a file. */
JET_ERR os_unlink(const char *path);
/* Remove a file, then fsync its folder. */
JET_ERR os_unlink_durable(const char *path);

/* true when path names an existing entry (symlinks followed). */
bool os_exists(const char *path);
/* true when path names an existing folder. */
bool os_is_dir(const char *path);
/* Size in bytes of the file at path. */
JET_ERR os_path_size(const char *path, uint64_t *size);

/* List a folder's entry names (no "." / ".."), sorted bytewise; free with
 * os_list_free. */
JET_ERR os_list_dir(const char *path, char ***names, size_t *count);
/* Free a list returned by os_list_dir. */
void os_list_free(char **names, size_t count);

/* dir + "/" + name, malloc'd; an absolute name or an empty dir gives name. */
JET_ERR os_path_join(const char *dir, const char *name, char **out);
/* The folder that contains path, malloc'd ("." for a bare name). */
JET_ERR os_path_parent(const char *path, char **out);
/* Absolute, lexically normalised form of path, malloc'd (path need not exist). */
JET_ERR os_path_absolute(const char *path, char **out);

/* ---- locks ------------------------------------------------------------ */

/* Take an exclusive lock on a folder (through <path>/OS_LOCK_FILE_NAME) or a
 * file (the file itself, created when missing) without waiting; OS_ERR_LOCKED
 * when it is held elsewhere.  Release with os_unlock. */
JET_ERR os_lock_exclusive(const char *path, os_file **lock);
/* Release a lock taken by os_lock_exclusive (NULL is accepted). */
void os_unlock(os_file *lock);

/* ---- time ------------------------------------------------------------- */

/* Wall-clock time, milliseconds since 1970-01-01 UTC. */
uint64_t os_time_wall_ms(void);
/* Wall-clock time, microseconds since 1970-01-01 UTC. */
uint64_t os_time_wall_us(void);
/* Monotonic clock in nanoseconds (arbitrary origin; for intervals only). */
uint64_t os_time_mono_ns(void);
/* Sleep for ms milliseconds (resumes after signals). */
void os_sleep_ms(uint32_t ms);

/* ---- fault injection (internal side; the control API is in jetdb.h) --- */

/* Operation classes the fault hook counts; same values as JETDB_FAULT_OP. */
enum os_fault_op {
    OS_FAULT_OPEN = 0,
    OS_FAULT_READ,
    OS_FAULT_WRITE,
    OS_FAULT_FSYNC,
    OS_FAULT_RENAME,
    OS_FAULT_UNLINK,
    OS_FAULT_MKDIR,
    OS_FAULT_TRUNCATE,
    OS_FAULT_NOPS
};

/* Outcome of os_fault_check. */
typedef struct os_fault_hit {
    int err;        /* errno to fail with; 0 = no fault */
    bool shorten;   /* a write should store half its buffer first */
} os_fault_hit;

/* Bit (1u << op) is set while op is armed; read relaxed on every I/O call. */
extern atomic_uint os_fault_mask;

/* Count one call of op on path (path2 may be NULL); tell whether it fails. */
os_fault_hit os_fault_check_slow(enum os_fault_op op, const char *path,
                                 const char *path2);

/* The hook every os_ function calls first: one relaxed load when disarmed. */
static inline os_fault_hit os_fault_check(enum os_fault_op op, const char *path,
                                          const char *path2)
{
    if (!(atomic_load_explicit(&os_fault_mask, memory_order_relaxed) & (1u << op))) {
        os_fault_hit none = { 0, false };
        return none;
    }
    return os_fault_check_slow(op, path, path2);
}

#endif
