/*
 * os_err.c: the single errno -> JET_err mapping of jetdb.
 *
 * The table follows what ESE's Windows file layer does with the equivalent
 * Win32 errors, so an application sees the same codes on both systems.
 */
#include "os/os.h"

#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>

/*
 * os_parent_missing --
 *     true when the folder that should contain path does not exist.
 */
static bool os_parent_missing(const char *path)
{
    char parent[PATH_MAX];
    size_t n = strlen(path);

    /* A path too long to copy cannot be refined; report the plain error. */
    if (n == 0 || n >= sizeof parent)
        return false;
    memcpy(parent, path, n + 1);
    while (n > 1 && parent[n - 1] == '/')
        parent[--n] = '\0';
    char *slash = strrchr(parent, '/');
    if (slash == NULL)
        return false;   /* relative bare name: its folder is the cwd */
    if (slash == parent)
        return false;   /* "/name": the root always exists */
    *slash = '\0';

    struct stat st;
    return stat(parent, &st) != 0 || !S_ISDIR(st.st_mode);
}

/*
 * os_map_errno --
 *     Map an errno value to a JET_err; path (may be NULL) refines ENOENT.
 */
JET_ERR os_map_errno(int err, const char *path)
{
    switch (err) {
    case 0:
        return JET_errSuccess;
    case ENOENT:
        /*
         * Windows tells "file not found" from "path not found" and ESE maps
         * the second to JET_errInvalidPath (e.g. a backup into a folder that
         * does not exist); Linux says ENOENT for both, so look at the folder.
         */
        if (path != NULL && os_parent_missing(path))
            return JET_errInvalidPath;
        return JET_errFileNotFound;
    case ENOTDIR:
    case ENAMETOOLONG:
    case ELOOP:
        return JET_errInvalidPath;
    case EACCES:
    case EPERM:
    case EROFS:
    case EBUSY:
    case ETXTBSY:
    case EISDIR:
    case EBADF:
        /* Windows reports a sharing violation, a read-only medium, a folder
         * opened as a file and a write through a read-only handle as access
         * denied; ESE keeps that. */
        return JET_errFileAccessDenied;
    case ENOSPC:
    case EDQUOT:
        return JET_errDiskFull;
    case EMFILE:
    case ENFILE:
        return JET_errOutOfFileHandles;
    case ENOMEM:
        return JET_errOutOfMemory;
    case EEXIST:
        /* Callers that create databases turn this into their own code
         * (e.g. JET_errDatabaseDuplicate) where ESE does. */
        return JET_errFileAlreadyExists;
    case EINVAL:
        return JET_errInvalidParameter;
    default:
        return JET_errDiskIO;
    }
}
