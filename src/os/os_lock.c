/*
 * os_lock.c: exclusive locks on folders and files, so that two instances
 * never share a log folder or a database file.
 *
 * The lock is an open-file-description (OFD) write lock on a lock file.
 * Unlike classic POSIX record locks (F_SETLK), an OFD lock belongs to the
 * open file, not to the process: two instances in one process conflict as
 * two processes do, and closing some other descriptor of the same file
 * (which the engine does all the time) does not silently drop the lock.
 * The lock file is left in place on unlock: removing it would let a third
 * party lock a new file of the same name while a second one still holds
 * the old, unlinked one.
 */
#include "os/os.h"
#include "util/err.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/file.h>

/*
 * os_lock_fd --
 *     Put a non-blocking exclusive lock on a whole open file.
 */
static JET_ERR os_lock_fd(int fd)
{
    struct flock fl = {
        .l_type = F_WRLCK,
        .l_whence = SEEK_SET,
        .l_start = 0,
        .l_len = 0,         /* to the end, however far the file grows */
        .l_pid = 0,         /* required by F_OFD_SETLK */
    };
    int rc;
    do
        rc = fcntl(fd, F_OFD_SETLK, &fl);
    while (rc != 0 && errno == EINTR);
    if (rc == 0)
        return JET_errSuccess;
    if (errno == EAGAIN || errno == EACCES)
        return OS_ERR_LOCKED;
    if (errno != EINVAL)
        return os_map_errno(errno, NULL);

    /* Kernels before 3.15 lack OFD locks; flock has the same per-open-file
     * ownership (only not over old NFS), so it is the next best thing. */
    do
        rc = flock(fd, LOCK_EX | LOCK_NB);
    while (rc != 0 && errno == EINTR);
    if (rc == 0)
        return JET_errSuccess;
    return errno == EWOULDBLOCK ? OS_ERR_LOCKED : os_map_errno(errno, NULL);
}

/*
 * os_lock_exclusive --
 *     Take an exclusive lock on a folder or a file without waiting.
 *
 * A forked child shares the parent's open file and so its lock (until both
 * close it); O_CLOEXEC keeps it from leaking into exec'd programs.
 */
JET_ERR os_lock_exclusive(const char *path, os_file **lock)
{
    if (path == NULL || lock == NULL || *path == '\0')
        return JET_errInvalidParameter;
    *lock = NULL;

    JET_ERR err = JET_errSuccess;
    char *file = NULL;
    os_file *f = NULL;
    if (os_is_dir(path))
        CHECK(os_path_join(path, OS_LOCK_FILE_NAME, &file));
    CHECK(os_open(file ? file : path, OS_OPEN_RDWR | OS_OPEN_CREATE, &f));
    CHECK(os_lock_fd(os_file_fd(f)));
    *lock = f;
    f = NULL;
done:
    (void)os_close(f);
    free(file);
    return err;
}

/*
 * os_unlock --
 *     Release a lock taken by os_lock_exclusive (NULL is accepted).
 */
void os_unlock(os_file *lock)
{
    /* Closing the only descriptor of the open file releases the lock; a
     * close error cannot keep it held, so there is nothing to report. */
    (void)os_close(lock);
}
