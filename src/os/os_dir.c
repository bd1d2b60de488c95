/*
 * os_dir.c: folders and names: create, remove, rename, list, and the
 * folder fsyncs that make those changes survive a crash.
 *
 * On Linux a new, renamed or removed name is durable only once its folder
 * has been fsync'd; the *_durable helpers and os_mkdir_p do that so the
 * log and backup code cannot forget it.
 */
#include "os/os.h"
#include "util/err.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * os_fault_fail_path --
 *     Set errno to an injected error and return its JET_err.
 */
static JET_ERR os_fault_fail_path(int err, const char *path)
{
    errno = err;
    return os_map_errno(err, path);
}

/*
 * os_mkdir --
 *     Create one folder; an existing entry is JET_errFileAlreadyExists.
 */
JET_ERR os_mkdir(const char *path)
{
    if (path == NULL || *path == '\0')
        return JET_errInvalidParameter;
    os_fault_hit hit = os_fault_check(OS_FAULT_MKDIR, path, NULL);
    if (hit.err)
        return os_fault_fail_path(hit.err, path);
    if (mkdir(path, 0755) != 0)
        return os_map_errno(errno, path);
    return JET_errSuccess;
}

/*
 * os_mkdir_p --
 *     Create a folder and any missing parents; an existing folder is success.
 *
 * Each folder it creates is made durable (its parent is fsync'd), because
 * the engine creates log files in it next and an fsync of those files does
 * not persist the folder's own name.
 */
JET_ERR os_mkdir_p(const char *path)
{
    if (path == NULL || *path == '\0')
        return JET_errInvalidParameter;
    if (os_is_dir(path))
        return JET_errSuccess;

    JET_ERR err = JET_errSuccess;
    char *parent = NULL;
    CHECK(os_path_parent(path, &parent));
    /* The parent of "a" is "." and of "/" is "/": both exist, ending the
     * recursion. */
    if (strcmp(parent, path) != 0 && !os_is_dir(parent))
        CHECK(os_mkdir_p(parent));

    err = os_mkdir(path);
    if (err == JET_errFileAlreadyExists) {
        /* Lost a race with another creator, or a file is in the way. */
        err = os_is_dir(path) ? JET_errSuccess : JET_errInvalidPath;
        goto done;
    }
    CHECK(err);
    CHECK(os_fsync_dir(parent));
done:
    free(parent);
    return err;
}

/*
 * os_rmdir --
 *     Remove an empty folder (counted as an unlink by the fault hook).
 */
JET_ERR os_rmdir(const char *path)
{
    os_fault_hit hit = os_fault_check(OS_FAULT_UNLINK, path, NULL);
    if (hit.err)
        return os_fault_fail_path(hit.err, path);
    if (rmdir(path) != 0)
        return os_map_errno(errno, path);
    return JET_errSuccess;
}

/*
 * os_fsync_dir --
 *     fsync a folder so that entries created/renamed/removed in it are durable.
 */
JET_ERR os_fsync_dir(const char *path)
{
    os_fault_hit hit = os_fault_check(OS_FAULT_FSYNC, path, NULL);
    if (hit.err)
        return os_fault_fail_path(hit.err, path);

    int fd;
    do
        fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return os_map_errno(errno, path);
    int rc;
    do
        rc = fsync(fd);
    while (rc != 0 && errno == EINTR);
    int e = errno;
    close(fd);
    /* Some file systems cannot fsync a folder and say so with EINVAL; their
     * metadata is then synchronous or not ours to force, so it is not an
     * error for us. */
    if (rc != 0 && e != EINVAL)
        return os_map_errno(e, path);
    return JET_errSuccess;
}

/*
 * os_rename --
 *     Rename (atomically replacing an existing target).
 */
JET_ERR os_rename(const char *from, const char *to)
{
    os_fault_hit hit = os_fault_check(OS_FAULT_RENAME, from, to);
    if (hit.err)
        return os_fault_fail_path(hit.err, from);
    if (rename(from, to) != 0) {
        int e = errno;
        /* ENOENT may be about either name; a missing target folder is the
         * "path not found" case. */
        if (e == ENOENT && os_exists(from))
            return os_map_errno(e, to);
        return os_map_errno(e, from);
    }
    return JET_errSuccess;
}

/*
 * os_rename_durable --
 *     Rename, then fsync the target's folder (and the source's if different).
 *
 * When the rename succeeds but an fsync fails, the error is returned: the
 * new name is visible but may not survive a crash.
 */
JET_ERR os_rename_durable(const char *from, const char *to)
{
    JET_ERR err = JET_errSuccess;
    char *dir_to = NULL, *dir_from = NULL;

    CHECK(os_path_parent(to, &dir_to));
    CHECK(os_path_parent(from, &dir_from));
    CHECK(os_rename(from, to));
    /* The new name first: once it is durable a crash leaves at worst both
     * names, never neither. */
    CHECK(os_fsync_dir(dir_to));
    if (strcmp(dir_to, dir_from) != 0)
        CHECK(os_fsync_dir(dir_from));
done:
    free(dir_to);
    free(dir_from);
    return err;
}

/*
 * os_unlink --
 *     Remove a file.
 */
JET_ERR os_unlink(const char *path)
{
    os_fault_hit hit = os_fault_check(OS_FAULT_UNLINK, path, NULL);
    if (hit.err)
        return os_fault_fail_path(hit.err, path);
    if (unlink(path) != 0)
        return os_map_errno(errno, path);
    return JET_errSuccess;
}

/*
 * os_unlink_durable --
 *     Remove a file, then fsync its folder.
 */
JET_ERR os_unlink_durable(const char *path)
{
    JET_ERR err = JET_errSuccess;
    char *dir = NULL;

    CHECK(os_path_parent(path, &dir));
    CHECK(os_unlink(path));
    CHECK(os_fsync_dir(dir));
done:
    free(dir);
    return err;
}

/*
 * os_exists --
 *     true when path names an existing entry (symlinks followed).
 */
bool os_exists(const char *path)
{
    struct stat st;
    return path != NULL && stat(path, &st) == 0;
}

/*
 * os_is_dir --
 *     true when path names an existing folder.
 */
bool os_is_dir(const char *path)
{
    struct stat st;
    return path != NULL && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * os_path_size --
 *     Size in bytes of the file at path.
 */
JET_ERR os_path_size(const char *path, uint64_t *size)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return os_map_errno(errno, path);
    /* Same answer os_open gives for a folder. */
    if (S_ISDIR(st.st_mode))
        return JET_errFileAccessDenied;
    *size = (uint64_t)st.st_size;
    return JET_errSuccess;
}

/*
 * os_name_cmp --
 *     qsort comparator: bytewise order of two names.
 */
static int os_name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * os_list_free --
 *     Free a list returned by os_list_dir.
 */
void os_list_free(char **names, size_t count)
{
    if (names == NULL)
        return;
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
}

/*
 * os_list_dir --
 *     List a folder's entry names (no "." / ".."), sorted bytewise.
 *
 * Sorted so that callers scanning log generations or backup folders see a
 * stable order whatever the file system's hash order is.
 */
JET_ERR os_list_dir(const char *path, char ***names, size_t *count)
{
    *names = NULL;
    *count = 0;

    DIR *d = opendir(path);     /* glibc opens it O_CLOEXEC */
    if (d == NULL)
        return os_map_errno(errno, path);

    JET_ERR err = JET_errSuccess;
    char **list = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        errno = 0;
        struct dirent *ent = readdir(d);
        if (ent == NULL) {
            if (errno != 0)
                err = os_map_errno(errno, path);
            break;
        }
        if (strcmp(ent->d_name, ".") == 0 || strcmp(ent->d_name, "..") == 0)
            continue;
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            char **grown = realloc(list, ncap * sizeof *grown);
            if (grown == NULL) {
                err = JET_errOutOfMemory;
                break;
            }
            list = grown;
            cap = ncap;
        }
        if ((list[n] = strdup(ent->d_name)) == NULL) {
            err = JET_errOutOfMemory;
            break;
        }
        n++;
    }
    closedir(d);
    if (err < 0) {
        os_list_free(list, n);
        return err;
    }
    if (n > 1)
        qsort(list, n, sizeof *list, os_name_cmp);
    *names = list;
    *count = n;
    return JET_errSuccess;
}
