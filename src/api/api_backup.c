/*
 * api_backup.c: exported backup entry points — JetBackup(Instance) and the
 * streaming (external) backup family, legacy (instance-less) and Instance
 * forms, A and W (+ the `_u16` twins).  Validation, the instance gate, and
 * the A/W buffer semantics of the list functions; src/backup does the work.
 *
 * List buffers (ese-backup-semantics.md §3.3, §3.7): the W forms never fail
 * for a small buffer — they copy what fits; JetGetAttachInfo reports the
 * size needed, the log-list calls the bytes copied.  The A forms return
 * JET_errBufferTooSmall for a non-empty buffer that is too small, and the
 * size needed when no buffer is given.
 */
#include "api/api.h"

#include <stdlib.h>
#include <string.h>

#include "api/api_w16.h"
#include "backup/backup.h"
#include "inst/inst.h"
#include "util/utf.h"

/* Which list function a buffer belongs to (they report sizes differently). */
typedef enum list_kind {
    LIST_ATTACH,        /* *pcbActual = bytes needed (W) */
    LIST_LOGS,          /* *pcbActual = bytes copied (W, with a buffer) */
} list_kind;

/*
 * enter --
 *     Pass the instance gate: the named instance, or (legacy) the one
 *     instance of single-instance mode.
 */
static JET_ERR enter(JET_INSTANCE instance, bool legacy, inst **out)
{
    if (!legacy)
        return inst_gate_enter(instance, out);
    inst *in;
    CALL(inst_legacy_acquire(&in));
    JET_ERR err = inst_gate_enter_pinned(in, 0);
    if (err < 0) {
        inst_release(in);
        return err;
    }
    *out = in;
    return JET_errSuccess;
}

/* JET_errBackupNotAllowedYet until JetInit has fully succeeded. */
static JET_ERR backup_allowed(inst *in)
{
    pthread_mutex_lock(&in->mu);
    bool ok = in->backup_allowed;
    pthread_mutex_unlock(&in->mu);
    return ok ? JET_errSuccess : JET_errBackupNotAllowedYet;
}

/*
 * put_list --
 *     Write a NUL-separated, double-NUL-terminated list in the caller's
 *     encoding (width 0 = A / UTF-8, 2 or 4 = W).
 */
static JET_ERR put_list(char *const *names, size_t n, void *szz, uint32_t cb_max,
                        uint32_t *pcb_actual, size_t width, list_kind kind)
{
    size_t unit = width ? width : 1, need = unit;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(names[i]) + 1;
        if (width) {
            size_t cb = 0;
            (void)utf_utf8_to_wide(names[i], NULL, 0, width, &cb);
            len = cb / width;
        }
        need += len * unit;
    }
    if (need > UINT32_MAX)
        return JET_errOutOfMemory;
    uint8_t *buf = calloc(1, need);
    if (buf == NULL)
        return JET_errOutOfMemory;
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        size_t cb = 0;
        if (width) {
            JET_ERR err = utf_utf8_to_wide(names[i], buf + at, need - at, width, &cb);
            if (err < 0) {
                free(buf);
                return err;
            }
        } else {
            cb = strlen(names[i]) + 1;
            memcpy(buf + at, names[i], cb);
        }
        at += cb;
    }
    JET_ERR err = JET_errSuccess;
    uint32_t actual = (uint32_t)need;
    if (!width) {
        if (szz != NULL && cb_max != 0) {
            if (cb_max < need)
                err = JET_errBufferTooSmall;
            else
                memcpy(szz, buf, need);
        }
    } else if (szz != NULL) {
        uint32_t copy = cb_max < need ? cb_max : (uint32_t)need;
        memcpy(szz, buf, copy);
        if (kind == LIST_LOGS)
            actual = copy;
    }
    if (pcb_actual != NULL && err >= 0)
        *pcb_actual = actual;
    free(buf);
    return err;
}

/* ---- JetBackup / JetBackupInstance ---------------------------------------- */

/* JetBackup(Instance) for a UTF-8 path. */
static JET_ERR backup_a(JET_INSTANCE instance, bool legacy, const char *path, JET_GRBIT grbit,
                        JET_PFNSTATUS pfn)
{
    inst *in;
    CALL(enter(instance, legacy, &in));
    JET_ERR err = backup_allowed(in);
    if (err >= 0)
        err = bk_backup(in, path, grbit, pfn);
    inst_gate_leave(in);
    return err;
}

/* JetBackup(Instance)W for either wchar_t width. */
static JET_ERR backup_w(JET_INSTANCE instance, bool legacy, const void *path, JET_GRBIT grbit,
                        JET_PFNSTATUS pfn, size_t width)
{
    char *a = NULL;
    CALL(api_wide_arg(path, width, &a));
    JET_ERR err = backup_a(instance, legacy, a, grbit, pfn);
    free(a);
    return err;
}

JETDB_EXPORT JET_ERR JetBackupA(JET_PCSTR szBackupPath, JET_GRBIT grbit, JET_PFNSTATUS pfnStatus)
{
    return backup_a(0, true, szBackupPath, grbit, pfnStatus);
}

JETDB_EXPORT JET_ERR JetBackupW(JET_PCWSTR szBackupPath, JET_GRBIT grbit, JET_PFNSTATUS pfnStatus)
{
    return backup_w(0, true, szBackupPath, grbit, pfnStatus, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetBackupW_u16(JET_PCWSTR szBackupPath, JET_GRBIT grbit,
                                    JET_PFNSTATUS pfnStatus)
{
    return backup_w(0, true, szBackupPath, grbit, pfnStatus, API_WIDE16);
}

JETDB_EXPORT JET_ERR JetBackupInstanceA(JET_INSTANCE instance, JET_PCSTR szBackupPath,
                                        JET_GRBIT grbit, JET_PFNSTATUS pfnStatus)
{
    return backup_a(instance, false, szBackupPath, grbit, pfnStatus);
}

JETDB_EXPORT JET_ERR JetBackupInstanceW(JET_INSTANCE instance, JET_PCWSTR szBackupPath,
                                        JET_GRBIT grbit, JET_PFNSTATUS pfnStatus)
{
    return backup_w(instance, false, szBackupPath, grbit, pfnStatus, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetBackupInstanceW_u16(JET_INSTANCE instance, JET_PCWSTR szBackupPath,
                                            JET_GRBIT grbit, JET_PFNSTATUS pfnStatus)
{
    return backup_w(instance, false, szBackupPath, grbit, pfnStatus, API_WIDE16);
}

/* ---- JetBeginExternalBackup ------------------------------------------------- */

/* Begin, either form. */
static JET_ERR begin(JET_INSTANCE instance, bool legacy, JET_GRBIT grbit)
{
    inst *in;
    CALL(enter(instance, legacy, &in));
    JET_ERR err = backup_allowed(in);
    if (err >= 0)
        err = bk_begin(in, grbit);
    inst_gate_leave(in);
    return err;
}

JETDB_EXPORT JET_ERR JetBeginExternalBackup(JET_GRBIT grbit)
{
    return begin(0, true, grbit);
}

JETDB_EXPORT JET_ERR JetBeginExternalBackupInstance(JET_INSTANCE instance, JET_GRBIT grbit)
{
    return begin(instance, false, grbit);
}

/* ---- JetGetAttachInfo ------------------------------------------------------------ */

/* GetAttachInfo, any form and width. */
static JET_ERR attach_info(JET_INSTANCE instance, bool legacy, void *szz, uint32_t cb_max,
                           uint32_t *pcb_actual, size_t width)
{
    inst *in;
    CALL(enter(instance, legacy, &in));
    char **names = NULL;
    size_t n = 0;
    JET_ERR err = bk_get_attach_info(in, &names, &n);
    inst_gate_leave(in);
    if (err >= 0)
        err = put_list(names, n, szz, cb_max, pcb_actual, width, LIST_ATTACH);
    bk_list_free(names, n);
    return err;
}

JETDB_EXPORT JET_ERR JetGetAttachInfoA(JET_PSTR szzDatabases, uint32_t cbMax, uint32_t *pcbActual)
{
    return attach_info(0, true, szzDatabases, cbMax, pcbActual, 0);
}

JETDB_EXPORT JET_ERR JetGetAttachInfoW(JET_PWSTR szzDatabases, uint32_t cbMax, uint32_t *pcbActual)
{
    return attach_info(0, true, szzDatabases, cbMax, pcbActual, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetGetAttachInfoW_u16(JET_PWSTR szzDatabases, uint32_t cbMax,
                                           uint32_t *pcbActual)
{
    return attach_info(0, true, szzDatabases, cbMax, pcbActual, API_WIDE16);
}

JETDB_EXPORT JET_ERR JetGetAttachInfoInstanceA(JET_INSTANCE instance, JET_PSTR szzDatabases,
                                               uint32_t cbMax, uint32_t *pcbActual)
{
    return attach_info(instance, false, szzDatabases, cbMax, pcbActual, 0);
}

JETDB_EXPORT JET_ERR JetGetAttachInfoInstanceW(JET_INSTANCE instance, JET_PWSTR szzDatabases,
                                               uint32_t cbMax, uint32_t *pcbActual)
{
    return attach_info(instance, false, szzDatabases, cbMax, pcbActual, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetGetAttachInfoInstanceW_u16(JET_INSTANCE instance, JET_PWSTR szzDatabases,
                                                   uint32_t cbMax, uint32_t *pcbActual)
{
    return attach_info(instance, false, szzDatabases, cbMax, pcbActual, API_WIDE16);
}

/* ---- JetOpenFile / JetReadFile / JetCloseFile ---------------------------------------- */

/* OpenFile for a UTF-8 name, either form. */
static JET_ERR open_file_a(JET_INSTANCE instance, bool legacy, const char *name, JET_HANDLE *phf,
                           uint32_t *plow, uint32_t *phigh)
{
    if (phf == NULL || plow == NULL || phigh == NULL)
        return JET_errInvalidParameter;    /* ESE crashes; we refuse */
    inst *in;
    CALL(enter(instance, legacy, &in));
    uint64_t size = 0;
    JET_HANDLE hf = 0;
    JET_ERR err = bk_open_file(in, name, &hf, &size);
    inst_gate_leave(in);
    if (err >= 0) {
        *phf = hf;
        *plow = (uint32_t)size;
        *phigh = (uint32_t)(size >> 32);
    }
    return err;
}

/* OpenFile for a wide name. */
static JET_ERR open_file_w(JET_INSTANCE instance, bool legacy, const void *name, JET_HANDLE *phf,
                           uint32_t *plow, uint32_t *phigh, size_t width)
{
    char *a = NULL;
    CALL(api_wide_arg(name, width, &a));
    JET_ERR err = open_file_a(instance, legacy, a, phf, plow, phigh);
    free(a);
    return err;
}

JETDB_EXPORT JET_ERR JetOpenFileA(JET_PCSTR szFileName, JET_HANDLE *phfFile,
                                  uint32_t *pulFileSizeLow, uint32_t *pulFileSizeHigh)
{
    return open_file_a(0, true, szFileName, phfFile, pulFileSizeLow, pulFileSizeHigh);
}

JETDB_EXPORT JET_ERR JetOpenFileW(JET_PCWSTR szFileName, JET_HANDLE *phfFile,
                                  uint32_t *pulFileSizeLow, uint32_t *pulFileSizeHigh)
{
    return open_file_w(0, true, szFileName, phfFile, pulFileSizeLow, pulFileSizeHigh,
                       API_WIDE32);
}

JETDB_EXPORT JET_ERR JetOpenFileW_u16(JET_PCWSTR szFileName, JET_HANDLE *phfFile,
                                      uint32_t *pulFileSizeLow, uint32_t *pulFileSizeHigh)
{
    return open_file_w(0, true, szFileName, phfFile, pulFileSizeLow, pulFileSizeHigh,
                       API_WIDE16);
}

JETDB_EXPORT JET_ERR JetOpenFileInstanceA(JET_INSTANCE instance, JET_PCSTR szFileName,
                                          JET_HANDLE *phfFile, uint32_t *pulFileSizeLow,
                                          uint32_t *pulFileSizeHigh)
{
    return open_file_a(instance, false, szFileName, phfFile, pulFileSizeLow, pulFileSizeHigh);
}

JETDB_EXPORT JET_ERR JetOpenFileInstanceW(JET_INSTANCE instance, JET_PCWSTR szFileName,
                                          JET_HANDLE *phfFile, uint32_t *pulFileSizeLow,
                                          uint32_t *pulFileSizeHigh)
{
    return open_file_w(instance, false, szFileName, phfFile, pulFileSizeLow, pulFileSizeHigh,
                       API_WIDE32);
}

JETDB_EXPORT JET_ERR JetOpenFileInstanceW_u16(JET_INSTANCE instance, JET_PCWSTR szFileName,
                                              JET_HANDLE *phfFile, uint32_t *pulFileSizeLow,
                                              uint32_t *pulFileSizeHigh)
{
    return open_file_w(instance, false, szFileName, phfFile, pulFileSizeLow, pulFileSizeHigh,
                       API_WIDE16);
}

/* ReadFile, either form. */
static JET_ERR read_file(JET_INSTANCE instance, bool legacy, JET_HANDLE hf, void *pv, uint32_t cb,
                         uint32_t *pcb_actual)
{
    inst *in;
    CALL(enter(instance, legacy, &in));
    uint32_t got = 0;
    JET_ERR err = bk_read_file(in, hf, pv, cb, &got);
    inst_gate_leave(in);
    if (pcb_actual != NULL)
        *pcb_actual = got;
    return err;
}

JETDB_EXPORT JET_ERR JetReadFile(JET_HANDLE hfFile, void *pv, uint32_t cb, uint32_t *pcbActual)
{
    return read_file(0, true, hfFile, pv, cb, pcbActual);
}

JETDB_EXPORT JET_ERR JetReadFileInstance(JET_INSTANCE instance, JET_HANDLE hfFile, void *pv,
                                         uint32_t cb, uint32_t *pcbActual)
{
    return read_file(instance, false, hfFile, pv, cb, pcbActual);
}

/* CloseFile, either form. */
static JET_ERR close_file(JET_INSTANCE instance, bool legacy, JET_HANDLE hf)
{
    inst *in;
    CALL(enter(instance, legacy, &in));
    JET_ERR err = bk_close_file(in, hf);
    inst_gate_leave(in);
    return err;
}

JETDB_EXPORT JET_ERR JetCloseFile(JET_HANDLE hfFile)
{
    return close_file(0, true, hfFile);
}

JETDB_EXPORT JET_ERR JetCloseFileInstance(JET_INSTANCE instance, JET_HANDLE hfFile)
{
    return close_file(instance, false, hfFile);
}

/* ---- JetGetLogInfo / JetGetLogInfoInstance2 / JetGetTruncateLogInfoInstance ---- */

/* Fill a JET_LOGINFO_A or _W (width 2 or 4) from info. */
static void put_loginfo(void *pli, const bk_log_info *info, size_t width)
{
    uint8_t *p = pli;
    /* cbSize is the caller's; the three numbers follow it. */
    memcpy(p + 4, &info->gen_low, 4);
    memcpy(p + 8, &info->gen_high, 4);
    for (size_t i = 0; i < 4; i++) {
        uint32_t c = (uint8_t)info->base[i];
        if (width == 0)
            p[12 + i] = (uint8_t)c;
        else if (width == 2) {
            uint16_t c16 = (uint16_t)c;
            memcpy(p + 12 + 2 * i, &c16, 2);
        } else {
            memcpy(p + 12 + 4 * i, &c, 4);
        }
    }
}

/* Any log-list call: truncate = JetGetTruncateLogInfoInstance. */
static JET_ERR log_info(JET_INSTANCE instance, bool legacy, bool truncate, void *szz,
                        uint32_t cb_max, uint32_t *pcb_actual, void *pli, size_t width)
{
    /* The A structure's size is checked (ESE); the W one is not. */
    if (pli != NULL && width == 0 && ((JET_LOGINFO_A *)pli)->cbSize != sizeof(JET_LOGINFO_A))
        return JET_errInvalidParameter;
    inst *in;
    CALL(enter(instance, legacy, &in));
    char **names = NULL;
    size_t n = 0;
    bk_log_info info;
    JET_ERR err = bk_get_log_info(in, truncate, &names, &n, &info);
    inst_gate_leave(in);
    if (err >= 0)
        err = put_list(names, n, szz, cb_max, pcb_actual, width, LIST_LOGS);
    if (err >= 0 && pli != NULL)
        put_loginfo(pli, &info, width);
    bk_list_free(names, n);
    return err;
}

JETDB_EXPORT JET_ERR JetGetLogInfoA(JET_PSTR szzLogs, uint32_t cbMax, uint32_t *pcbActual)
{
    return log_info(0, true, false, szzLogs, cbMax, pcbActual, NULL, 0);
}

JETDB_EXPORT JET_ERR JetGetLogInfoW(JET_PWSTR szzLogs, uint32_t cbMax, uint32_t *pcbActual)
{
    return log_info(0, true, false, szzLogs, cbMax, pcbActual, NULL, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetGetLogInfoW_u16(JET_PWSTR szzLogs, uint32_t cbMax, uint32_t *pcbActual)
{
    return log_info(0, true, false, szzLogs, cbMax, pcbActual, NULL, API_WIDE16);
}

JETDB_EXPORT JET_ERR JetGetLogInfoInstanceA(JET_INSTANCE instance, JET_PSTR szzLogs,
                                            uint32_t cbMax, uint32_t *pcbActual)
{
    return log_info(instance, false, false, szzLogs, cbMax, pcbActual, NULL, 0);
}

JETDB_EXPORT JET_ERR JetGetLogInfoInstanceW(JET_INSTANCE instance, JET_PWSTR szzLogs,
                                            uint32_t cbMax, uint32_t *pcbActual)
{
    return log_info(instance, false, false, szzLogs, cbMax, pcbActual, NULL, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetGetLogInfoInstanceW_u16(JET_INSTANCE instance, JET_PWSTR szzLogs,
                                                uint32_t cbMax, uint32_t *pcbActual)
{
    return log_info(instance, false, false, szzLogs, cbMax, pcbActual, NULL, API_WIDE16);
}

JETDB_EXPORT JET_ERR JetGetLogInfoInstance2A(JET_INSTANCE instance, JET_PSTR szzLogs,
                                             uint32_t cbMax, uint32_t *pcbActual,
                                             JET_LOGINFO_A *pLogInfo)
{
    return log_info(instance, false, false, szzLogs, cbMax, pcbActual, pLogInfo, 0);
}

JETDB_EXPORT JET_ERR JetGetLogInfoInstance2W(JET_INSTANCE instance, JET_PWSTR szzLogs,
                                             uint32_t cbMax, uint32_t *pcbActual,
                                             JET_LOGINFO_W *pLogInfo)
{
    return log_info(instance, false, false, szzLogs, cbMax, pcbActual, pLogInfo, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetGetLogInfoInstance2W_u16(JET_INSTANCE instance, JET_PWSTR szzLogs,
                                                 uint32_t cbMax, uint32_t *pcbActual,
                                                 JET_LOGINFO_W *pLogInfo)
{
    return log_info(instance, false, false, szzLogs, cbMax, pcbActual, pLogInfo, API_WIDE16);
}

JETDB_EXPORT JET_ERR JetGetTruncateLogInfoInstanceA(JET_INSTANCE instance, JET_PSTR szzLogs,
                                                    uint32_t cbMax, uint32_t *pcbActual)
{
    return log_info(instance, false, true, szzLogs, cbMax, pcbActual, NULL, 0);
}

JETDB_EXPORT JET_ERR JetGetTruncateLogInfoInstanceW(JET_INSTANCE instance, JET_PWSTR szzLogs,
                                                    uint32_t cbMax, uint32_t *pcbActual)
{
    return log_info(instance, false, true, szzLogs, cbMax, pcbActual, NULL, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetGetTruncateLogInfoInstanceW_u16(JET_INSTANCE instance, JET_PWSTR szzLogs,
                                                        uint32_t cbMax, uint32_t *pcbActual)
{
    return log_info(instance, false, true, szzLogs, cbMax, pcbActual, NULL, API_WIDE16);
}

/* ---- JetTruncateLog / JetEndExternalBackup ------------------------------------------- */

/* TruncateLog, either form. */
static JET_ERR truncate_log(JET_INSTANCE instance, bool legacy)
{
    inst *in;
    CALL(enter(instance, legacy, &in));
    JET_ERR err = bk_truncate_log(in);
    inst_gate_leave(in);
    return err;
}

JETDB_EXPORT JET_ERR JetTruncateLog(void)
{
    return truncate_log(0, true);
}

JETDB_EXPORT JET_ERR JetTruncateLogInstance(JET_INSTANCE instance)
{
    return truncate_log(instance, false);
}

/* EndExternalBackup, either form. */
static JET_ERR end_backup(JET_INSTANCE instance, bool legacy, JET_GRBIT grbit)
{
    inst *in;
    CALL(enter(instance, legacy, &in));
    JET_ERR err = bk_end(in, grbit);
    inst_gate_leave(in);
    return err;
}

JETDB_EXPORT JET_ERR JetEndExternalBackup(void)
{
    return end_backup(0, true, JET_bitBackupEndNormal);
}

JETDB_EXPORT JET_ERR JetEndExternalBackupInstance(JET_INSTANCE instance)
{
    return end_backup(instance, false, JET_bitBackupEndNormal);
}

JETDB_EXPORT JET_ERR JetEndExternalBackupInstance2(JET_INSTANCE instance, JET_GRBIT grbit)
{
    return end_backup(instance, false, grbit);
}
