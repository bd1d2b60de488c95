/*
 * os_path.c: path strings: join, parent folder, absolute form.
 *
 * Purely lexical, like Windows' GetFullPathName that ESE relies on: ".."
 * removes the previous component without looking at symlinks, and the
 * path does not have to exist (a backup target is named before it is made).
 */
#include "os/os.h"
#include "util/err.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * os_path_join --
 *     dir + "/" + name, malloc'd; an absolute name or an empty dir gives name.
 */
JET_ERR os_path_join(const char *dir, const char *name, char **out)
{
    *out = NULL;
    if (dir == NULL || name == NULL)
        return JET_errInvalidParameter;
    const char *src = NULL;
    if (name[0] == '/' || dir[0] == '\0')
        src = name;
    else if (name[0] == '\0')
        src = dir;
    if (src != NULL) {
        *out = strdup(src);
        return *out ? JET_errSuccess : JET_errOutOfMemory;
    }

    size_t ld = strlen(dir), ln = strlen(name);
    bool slash = dir[ld - 1] != '/';
    char *p = malloc(ld + (slash ? 1 : 0) + ln + 1);
    if (p == NULL)
        return JET_errOutOfMemory;
    memcpy(p, dir, ld);
    if (slash)
        p[ld++] = '/';
    memcpy(p + ld, name, ln + 1);
    *out = p;
    return JET_errSuccess;
}

/*
 * os_path_parent --
 *     The folder that contains path, malloc'd ("." for a bare name).
 */
JET_ERR os_path_parent(const char *path, char **out)
{
    *out = NULL;
    if (path == NULL || *path == '\0')
        return JET_errInvalidParameter;
    size_t n = strlen(path);
    /* "dir/" names dir itself, so trailing slashes do not count. */
    while (n > 1 && path[n - 1] == '/')
        n--;
    while (n > 0 && path[n - 1] != '/')
        n--;
    if (n == 0) {
        *out = strdup(".");
    } else {
        /* Drop the separator(s) before the last component, keeping "/". */
        while (n > 1 && path[n - 1] == '/')
            n--;
        *out = strndup(path, n);
    }
    return *out ? JET_errSuccess : JET_errOutOfMemory;
}

/*
 * os_path_absolute --
 *     Absolute, lexically normalised form of path, malloc'd.
 */
JET_ERR os_path_absolute(const char *path, char **out)
{
    *out = NULL;
    if (path == NULL)
        return JET_errInvalidParameter;

    char *cwd = NULL;
    if (path[0] != '/') {
        cwd = getcwd(NULL, 0);
        if (cwd == NULL)
            return os_map_errno(errno, NULL);
    }
    size_t lc = cwd ? strlen(cwd) : 0, lp = strlen(path);
    /* The result is never longer than cwd + "/" + path (+ "/" for root). */
    char *res = malloc(lc + lp + 3);
    char *work = malloc(lc + lp + 2);
    if (res == NULL || work == NULL) {
        free(cwd);
        free(res);
        free(work);
        return JET_errOutOfMemory;
    }
    work[0] = '\0';
    if (cwd) {
        memcpy(work, cwd, lc);
        work[lc] = '/';
        work[lc + 1] = '\0';
    }
    strcat(work, path);
    free(cwd);

    /* res holds "/a/b" built component by component; ".." pops one. */
    size_t len = 0;
    char *save = NULL;
    for (char *comp = strtok_r(work, "/", &save); comp != NULL;
         comp = strtok_r(NULL, "/", &save)) {
        if (strcmp(comp, ".") == 0)
            continue;
        if (strcmp(comp, "..") == 0) {
            while (len > 0 && res[len - 1] != '/')
                len--;
            if (len > 0)
                len--;      /* the separator itself; "/.." stays "/" */
            continue;
        }
        size_t lcomp = strlen(comp);
        res[len++] = '/';
        memcpy(res + len, comp, lcomp);
        len += lcomp;
    }
    if (len == 0)
        res[len++] = '/';
    res[len] = '\0';
    free(work);
    *out = res;
    return JET_errSuccess;
}
