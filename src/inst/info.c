/*
 * info.c: JetGetInstanceInfo's result — one heap block holding the array
 * of JET_INSTANCE_INFO and every string it points to, so that a single
 * JetFreeBuffer releases it (as in ESE).
 */
#include "inst/inst.h"

#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "util/utf.h"

_Static_assert(sizeof(JET_INSTANCE_INFO_A) == sizeof(JET_INSTANCE_INFO_W),
               "A and W instance info share one layout");

/* Bytes a name takes in the block in the caller's encoding (0 = UTF-8). */
static JET_ERR name_size(const char *name, size_t width, size_t *cb)
{
    if (name == NULL) {
        *cb = 0;
        return JET_errSuccess;
    }
    if (width == 0) {
        *cb = strlen(name) + 1;
        return JET_errSuccess;
    }
    JET_ERR err = utf_utf8_to_wide(name, NULL, 0, width, cb);
    return err == JET_errBufferTooSmall ? JET_errSuccess : err;
}

JET_ERR inst_get_info(uint32_t *pcount, JET_INSTANCE_INFO_A **pinfo, size_t width)
{
    inst **list;
    size_t n;
    CALL(inst_snapshot(&list, &n));

    JET_ERR err = JET_errSuccess;
    JET_INSTANCE_INFO_A *info = NULL;
    size_t total = n * sizeof *info;
    for (size_t i = 0; i < n && err >= 0; i++) {
        size_t cb;
        err = name_size(list[i]->name, width, &cb);
        total += cb;
    }
    if (err >= 0 && n > 0) {
        info = calloc(1, total);
        if (info == NULL)
            err = JET_errOutOfMemory;
    }
    char *strings = info != NULL ? (char *)(info + n) : NULL;
    for (size_t i = 0; i < n && err >= 0; i++) {
        const char *name = list[i]->name;
        info[i].hInstanceId = list[i]->handle;
        info[i].cDatabases = 0;   /* attached databases arrive with the storage core */
        if (name == NULL)
            continue;
        size_t cb;
        err = name_size(name, width, &cb);
        if (err < 0)
            break;
        if (width == 0)
            memcpy(strings, name, cb);
        else
            err = utf_utf8_to_wide(name, strings, cb, width, NULL);
        info[i].szInstanceName = strings;
        strings += cb;
    }
    inst_snapshot_free(list, n);
    if (err < 0) {
        free(info);
        return err;
    }
    *pcount = (uint32_t)n;
    *pinfo = info;
    return JET_errSuccess;
}
