/*
 * api_restore.c: exported restore entry points — JetRestore, JetRestore2,
 * JetRestoreInstance, JetExternalRestore, JetExternalRestore2, A and W (+
 * the `_u16` twins).  Argument checks and conversion to UTF-8 only;
 * src/restore does the work.
 */
#include "api/api.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "api/api_w16.h"
#include "restore/restore.h"

/* ESE refuses more map entries than twice its database id range. */
#define RSTMAP_MAX 12

/* ---- JetRestore / JetRestore2 / JetRestoreInstance ------------------------- */

JETDB_EXPORT JET_ERR JetRestoreA(JET_PCSTR szSource, JET_PFNSTATUS pfn)
{
    return rst_restore_legacy(szSource, NULL, pfn);
}

JETDB_EXPORT JET_ERR JetRestore2A(JET_PCSTR sz, JET_PCSTR szDest, JET_PFNSTATUS pfn)
{
    return rst_restore_legacy(sz, szDest, pfn);
}

JETDB_EXPORT JET_ERR JetRestoreInstanceA(JET_INSTANCE instance, JET_PCSTR sz, JET_PCSTR szDest,
                                         JET_PFNSTATUS pfn)
{
    return rst_restore_instance(instance, sz, szDest, pfn);
}

/* The W forms for either wchar_t width; legacy = JetRestore(2). */
static JET_ERR restore_w(bool legacy, JET_INSTANCE instance, const void *src, const void *dest,
                         JET_PFNSTATUS pfn, size_t width)
{
    char *a_src = NULL, *a_dest = NULL;
    JET_ERR err;
    CHECK(api_wide_arg(src, width, &a_src));
    CHECK(api_wide_arg(dest, width, &a_dest));
    err = legacy ? rst_restore_legacy(a_src, a_dest, pfn)
                 : rst_restore_instance(instance, a_src, a_dest, pfn);
done:
    free(a_src);
    free(a_dest);
    return err;
}

JETDB_EXPORT JET_ERR JetRestoreW(JET_PCWSTR szSource, JET_PFNSTATUS pfn)
{
    return restore_w(true, 0, szSource, NULL, pfn, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetRestoreW_u16(JET_PCWSTR szSource, JET_PFNSTATUS pfn)
{
    return restore_w(true, 0, szSource, NULL, pfn, API_WIDE16);
}

JETDB_EXPORT JET_ERR JetRestore2W(JET_PCWSTR sz, JET_PCWSTR szDest, JET_PFNSTATUS pfn)
{
    return restore_w(true, 0, sz, szDest, pfn, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetRestore2W_u16(JET_PCWSTR sz, JET_PCWSTR szDest, JET_PFNSTATUS pfn)
{
    return restore_w(true, 0, sz, szDest, pfn, API_WIDE16);
}

JETDB_EXPORT JET_ERR JetRestoreInstanceW(JET_INSTANCE instance, JET_PCWSTR sz,
                                         JET_PCWSTR szDest, JET_PFNSTATUS pfn)
{
    return restore_w(false, instance, sz, szDest, pfn, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetRestoreInstanceW_u16(JET_INSTANCE instance, JET_PCWSTR sz,
                                             JET_PCWSTR szDest, JET_PFNSTATUS pfn)
{
    return restore_w(false, instance, sz, szDest, pfn, API_WIDE16);
}

/* ---- JetExternalRestore / JetExternalRestore2 ------------------------------ */

/* The caller's arguments, any width (0 = A), before conversion. */
typedef struct ext_in {
    const void *ckpt, *log, *backup, *target_name, *target_log, *target_ckpt;
    const void *map;            /* JET_RSTMAP_A or _W array */
    int32_t nmap;
    int32_t gen_low, gen_high;
    const void *loginfo;        /* JET_LOGINFO_A/_W (Restore2) or NULL */
    bool restore2;
    JET_PFNSTATUS pfn;
} ext_in;

/* A string argument in UTF-8 (A: as is, copied). */
static JET_ERR str_arg(const void *s, size_t width, char **out)
{
    if (width != 0)
        return api_wide_arg(s, width, out);
    *out = NULL;
    if (s == NULL)
        return JET_errSuccess;
    *out = strdup(s);
    return *out != NULL ? JET_errSuccess : JET_errOutOfMemory;
}

/* JET_LOGINFO: cbSize must be the caller's structure size; returns the
 * range and the base name (UTF-8, empty = the instance's). */
static JET_ERR loginfo_arg(const void *li, size_t width, uint32_t *lo, uint32_t *hi,
                           char base[8])
{
    const uint8_t *p = li;
    size_t unit = width ? width : 1;
    uint32_t cb;
    if (p == NULL)
        return JET_errInvalidParameter;
    memcpy(&cb, p, 4);
    if (cb != 12 + (JET_BASE_NAME_LENGTH + 1) * unit)
        return JET_errInvalidParameter;
    memcpy(lo, p + 4, 4);
    memcpy(hi, p + 8, 4);
    for (size_t i = 0; i <= JET_BASE_NAME_LENGTH; i++) {
        uint32_t c = 0;
        memcpy(&c, p + 12 + i * unit, unit);
        if (c > 0x7F)
            return JET_errInvalidParameter;   /* base names are ASCII */
        base[i] = (char)c;
    }
    base[JET_BASE_NAME_LENGTH] = '\0';
    return JET_errSuccess;
}

/* Convert, check and run an external restore. */
static JET_ERR external(const ext_in *x, size_t width)
{
    if (x->nmap < 0 || x->nmap > RSTMAP_MAX || (x->map == NULL) != (x->nmap == 0))
        return JET_errInvalidParameter;
    if (x->gen_low < 0 || x->gen_high < 0)
        return JET_errInvalidParameter;
    rst_ext_args a;
    memset(&a, 0, sizeof a);
    char base[8] = "";
    rst_map *map = NULL;
    char *s[6] = { NULL };
    JET_ERR err = JET_errSuccess;
    if (x->restore2) {
        uint32_t lo = 0, hi = 0;
        CALL(loginfo_arg(x->loginfo, width, &lo, &hi, base));
        a.gen_low = lo;
        a.gen_high = hi;
        a.base = base[0] ? base : NULL;
    } else {
        a.gen_low = (uint32_t)x->gen_low;
        a.gen_high = (uint32_t)x->gen_high;
    }
    CHECK(str_arg(x->ckpt, width, &s[0]));
    CHECK(str_arg(x->log, width, &s[1]));
    CHECK(str_arg(x->backup, width, &s[2]));
    CHECK(str_arg(x->target_name, width, &s[3]));
    CHECK(str_arg(x->target_log, width, &s[4]));
    CHECK(str_arg(x->target_ckpt, width, &s[5]));
    map = calloc((size_t)x->nmap + 1, sizeof *map);
    if (map == NULL) {
        err = JET_errOutOfMemory;
        goto done;
    }
    for (int32_t i = 0; i < x->nmap; i++) {
        const void *from, *to;
        if (width == 0) {
            from = ((const JET_RSTMAP_A *)x->map)[i].szDatabaseName;
            to = ((const JET_RSTMAP_A *)x->map)[i].szNewDatabaseName;
        } else {
            from = ((const JET_RSTMAP_W *)x->map)[i].szDatabaseName;
            to = ((const JET_RSTMAP_W *)x->map)[i].szNewDatabaseName;
        }
        if (from == NULL || to == NULL) {
            err = JET_errInvalidParameter;
            goto done;
        }
        char *f = NULL, *t = NULL;
        CHECK(str_arg(from, width, &f));
        map[i].from = f;
        CHECK(str_arg(to, width, &t));
        map[i].to = t;
    }
    a.ckpt_path = s[0];
    a.log_path = s[1];
    a.backup_path = s[2];
    a.target_name = s[3];
    a.target_log = s[4];
    a.target_ckpt = s[5];
    a.map = map;
    a.nmap = (size_t)x->nmap;
    a.pfn = x->pfn;
    err = rst_external(&a);
done:
    for (int32_t i = 0; map != NULL && i < x->nmap; i++) {
        free((char *)map[i].from);
        free((char *)map[i].to);
    }
    free(map);
    for (int i = 0; i < 6; i++)
        free(s[i]);
    return err;
}

/* JetExternalRestore, any width. */
static JET_ERR external1(const void *ckpt, const void *log, const void *map, int32_t n,
                         const void *backup, int32_t lo, int32_t hi, JET_PFNSTATUS pfn,
                         size_t width)
{
    ext_in x = { ckpt, log, backup, NULL, NULL, NULL, map, n, lo, hi, NULL, false, pfn };
    return external(&x, width);
}

/* JetExternalRestore2, any width. */
static JET_ERR external2(const void *ckpt, const void *log, const void *map, int32_t n,
                         const void *backup, const void *li, const void *tname,
                         const void *tlog, const void *tckpt, JET_PFNSTATUS pfn, size_t width)
{
    ext_in x = { ckpt, log, backup, tname, tlog, tckpt, map, n, 0, 0, li, true, pfn };
    return external(&x, width);
}

JETDB_EXPORT JET_ERR JetExternalRestoreA(JET_PSTR szCheckpointFilePath, JET_PSTR szLogPath,
                                         JET_RSTMAP_A *rgrstmap, int32_t crstfilemap,
                                         JET_PSTR szBackupLogPath, int32_t genLow,
                                         int32_t genHigh, JET_PFNSTATUS pfn)
{
    return external1(szCheckpointFilePath, szLogPath, rgrstmap, crstfilemap, szBackupLogPath,
                     genLow, genHigh, pfn, 0);
}

JETDB_EXPORT JET_ERR JetExternalRestoreW(JET_PWSTR szCheckpointFilePath, JET_PWSTR szLogPath,
                                         JET_RSTMAP_W *rgrstmap, int32_t crstfilemap,
                                         JET_PWSTR szBackupLogPath, int32_t genLow,
                                         int32_t genHigh, JET_PFNSTATUS pfn)
{
    return external1(szCheckpointFilePath, szLogPath, rgrstmap, crstfilemap, szBackupLogPath,
                     genLow, genHigh, pfn, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetExternalRestoreW_u16(JET_PWSTR szCheckpointFilePath, JET_PWSTR szLogPath,
                                             JET_RSTMAP_W *rgrstmap, int32_t crstfilemap,
                                             JET_PWSTR szBackupLogPath, int32_t genLow,
                                             int32_t genHigh, JET_PFNSTATUS pfn)
{
    return external1(szCheckpointFilePath, szLogPath, rgrstmap, crstfilemap, szBackupLogPath,
                     genLow, genHigh, pfn, API_WIDE16);
}

JETDB_EXPORT JET_ERR JetExternalRestore2A(JET_PSTR szCheckpointFilePath, JET_PSTR szLogPath,
                                          JET_RSTMAP_A *rgrstmap, int32_t crstfilemap,
                                          JET_PSTR szBackupLogPath, JET_LOGINFO_A *pLogInfo,
                                          JET_PSTR szTargetInstanceName,
                                          JET_PSTR szTargetInstanceLogPath,
                                          JET_PSTR szTargetInstanceCheckpointPath,
                                          JET_PFNSTATUS pfn)
{
    return external2(szCheckpointFilePath, szLogPath, rgrstmap, crstfilemap, szBackupLogPath,
                     pLogInfo, szTargetInstanceName, szTargetInstanceLogPath,
                     szTargetInstanceCheckpointPath, pfn, 0);
}

JETDB_EXPORT JET_ERR JetExternalRestore2W(JET_PWSTR szCheckpointFilePath, JET_PWSTR szLogPath,
                                          JET_RSTMAP_W *rgrstmap, int32_t crstfilemap,
                                          JET_PWSTR szBackupLogPath, JET_LOGINFO_W *pLogInfo,
                                          JET_PWSTR szTargetInstanceName,
                                          JET_PWSTR szTargetInstanceLogPath,
                                          JET_PWSTR szTargetInstanceCheckpointPath,
                                          JET_PFNSTATUS pfn)
{
    return external2(szCheckpointFilePath, szLogPath, rgrstmap, crstfilemap, szBackupLogPath,
                     pLogInfo, szTargetInstanceName, szTargetInstanceLogPath,
                     szTargetInstanceCheckpointPath, pfn, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetExternalRestore2W_u16(JET_PWSTR szCheckpointFilePath, JET_PWSTR szLogPath,
                                              JET_RSTMAP_W *rgrstmap, int32_t crstfilemap,
                                              JET_PWSTR szBackupLogPath, JET_LOGINFO_W *pLogInfo,
                                              JET_PWSTR szTargetInstanceName,
                                              JET_PWSTR szTargetInstanceLogPath,
                                              JET_PWSTR szTargetInstanceCheckpointPath,
                                              JET_PFNSTATUS pfn)
{
    return external2(szCheckpointFilePath, szLogPath, rgrstmap, crstfilemap, szBackupLogPath,
                     pLogInfo, szTargetInstanceName, szTargetInstanceLogPath,
                     szTargetInstanceCheckpointPath, pfn, API_WIDE16);
}
