/*
 * api_inst.c: exported instance-level entry points — JetCreateInstance*,
 * JetInit*, JetTerm*, JetStopService*, JetStopBackup*, JetGetInstanceInfo*,
 * JetFreeBuffer.  Validation and dispatch only; src/inst does the work.
 */
#include "api/api.h"

#include <stdlib.h>

#include "api/api_w16.h"
#include "inst/inst.h"

/* Every JetInit grbit esent.h defines; others are refused. */
#define INIT_GRBITS                                                              \
    (JET_bitReplayIgnoreMissingDB | JET_bitRecoveryWithoutUndo |                 \
     JET_bitTruncateLogsAfterRecovery | JET_bitReplayMissingMapEntryDB |         \
     JET_bitLogStreamMustExist | JET_bitReplayIgnoreLostLogs |                   \
     JET_bitKeepDbAttachedAtEndOfRecovery)

#define TERM_GRBITS                                                              \
    (JET_bitTermComplete | JET_bitTermAbrupt | JET_bitTermStopBackup | JET_bitTermDirty)

#define STOP_SERVICE_GRBITS                                                      \
    (JET_bitStopServiceBackgroundUserTasks | JET_bitStopServiceQuiesceCaches |   \
     JET_bitStopServiceResume)

/* ---- JetCreateInstance ---------------------------------------------------- */

JETDB_EXPORT JET_ERR JetCreateInstance2A(JET_INSTANCE *pinstance, JET_PCSTR szInstanceName,
                                         JET_PCSTR szDisplayName, JET_GRBIT grbit)
{
    if (pinstance == NULL)
        return JET_errInvalidParameter;
    if (grbit != 0)
        return JET_errInvalidGrbit;   /* reserved; ESE ignores it, we refuse */
    *pinstance = JET_instanceNil;
    return inst_create(szInstanceName, szDisplayName, pinstance);
}

JETDB_EXPORT JET_ERR JetCreateInstanceA(JET_INSTANCE *pinstance, JET_PCSTR szInstanceName)
{
    return JetCreateInstance2A(pinstance, szInstanceName, NULL, 0);
}

/* JetCreateInstance2W for either wchar_t width. */
static JET_ERR create_instance_w(JET_INSTANCE *pinstance, const void *name, const void *display,
                                 JET_GRBIT grbit, size_t width)
{
    char *a_name = NULL, *a_display = NULL;
    JET_ERR err;
    CHECK(api_wide_arg(name, width, &a_name));
    CHECK(api_wide_arg(display, width, &a_display));
    err = JetCreateInstance2A(pinstance, a_name, a_display, grbit);
done:
    free(a_name);
    free(a_display);
    return err;
}

JETDB_EXPORT JET_ERR JetCreateInstance2W(JET_INSTANCE *pinstance, JET_PCWSTR szInstanceName,
                                         JET_PCWSTR szDisplayName, JET_GRBIT grbit)
{
    return create_instance_w(pinstance, szInstanceName, szDisplayName, grbit, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetCreateInstance2W_u16(JET_INSTANCE *pinstance, JET_PCWSTR szInstanceName,
                                             JET_PCWSTR szDisplayName, JET_GRBIT grbit)
{
    return create_instance_w(pinstance, szInstanceName, szDisplayName, grbit, API_WIDE16);
}

JETDB_EXPORT JET_ERR JetCreateInstanceW(JET_INSTANCE *pinstance, JET_PCWSTR szInstanceName)
{
    return create_instance_w(pinstance, szInstanceName, NULL, 0, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetCreateInstanceW_u16(JET_INSTANCE *pinstance, JET_PCWSTR szInstanceName)
{
    return create_instance_w(pinstance, szInstanceName, NULL, 0, API_WIDE16);
}

/* ---- JetInit -------------------------------------------------------------- */

/* Check a JET_RSTINFO's shape (the A and W forms share it). */
static JET_ERR check_rstinfo(uint32_t cbStruct, size_t cbExpected, const void *rgrstmap,
                             int32_t crstmap)
{
    if (cbStruct != cbExpected || crstmap < 0)
        return JET_errInvalidParameter;
    if ((rgrstmap == NULL) != (crstmap == 0))
        return JET_errInvalidParameter;
    return JET_errSuccess;
}

JETDB_EXPORT JET_ERR JetInit3A(JET_INSTANCE *pinstance, JET_RSTINFO_A *prstInfo, JET_GRBIT grbit)
{
    if (grbit & ~(JET_GRBIT)INIT_GRBITS)
        return JET_errInvalidGrbit;
    if (prstInfo != NULL) {
        CALL(check_rstinfo(prstInfo->cbStruct, sizeof *prstInfo, prstInfo->rgrstmap,
                           prstInfo->crstmap));
        for (int32_t i = 0; i < prstInfo->crstmap; i++)
            if (prstInfo->rgrstmap[i].szDatabaseName == NULL)
                return JET_errInvalidParameter;
    }
    return inst_init(pinstance, prstInfo, grbit);
}

JETDB_EXPORT JET_ERR JetInit2(JET_INSTANCE *pinstance, JET_GRBIT grbit)
{
    return JetInit3A(pinstance, NULL, grbit);
}

JETDB_EXPORT JET_ERR JetInit(JET_INSTANCE *pinstance)
{
    return JetInit3A(pinstance, NULL, 0);
}

/* JetInit3W for either wchar_t width: convert the restore map, then JetInit3A. */
static JET_ERR init3_w(JET_INSTANCE *pinstance, JET_RSTINFO_W *prstInfo, JET_GRBIT grbit,
                       size_t width)
{
    if (prstInfo == NULL)
        return JetInit3A(pinstance, NULL, grbit);
    CALL(check_rstinfo(prstInfo->cbStruct, sizeof *prstInfo, prstInfo->rgrstmap,
                       prstInfo->crstmap));

    JET_RSTINFO_A a = {
        .cbStruct = sizeof a,
        .rgrstmap = NULL,
        .crstmap = prstInfo->crstmap,
        .lgposStop = prstInfo->lgposStop,
        .logtimeStop = prstInfo->logtimeStop,
        .pfnStatus = prstInfo->pfnStatus,
    };
    JET_ERR err = JET_errSuccess;
    int32_t done_maps = 0;
    if (prstInfo->crstmap > 0) {
        a.rgrstmap = calloc((size_t)prstInfo->crstmap, sizeof *a.rgrstmap);
        if (a.rgrstmap == NULL)
            return JET_errOutOfMemory;
    }
    for (; done_maps < prstInfo->crstmap; done_maps++) {
        const JET_RSTMAP_W *m = &prstInfo->rgrstmap[done_maps];
        CHECK(api_wide_arg(m->szDatabaseName, width, &a.rgrstmap[done_maps].szDatabaseName));
        CHECK(api_wide_arg(m->szNewDatabaseName, width,
                           &a.rgrstmap[done_maps].szNewDatabaseName));
    }
    err = JetInit3A(pinstance, &a, grbit);
done:
    for (int32_t i = 0; i < prstInfo->crstmap && a.rgrstmap != NULL; i++) {
        free(a.rgrstmap[i].szDatabaseName);
        free(a.rgrstmap[i].szNewDatabaseName);
    }
    free(a.rgrstmap);
    return err;
}

JETDB_EXPORT JET_ERR JetInit3W(JET_INSTANCE *pinstance, JET_RSTINFO_W *prstInfo, JET_GRBIT grbit)
{
    return init3_w(pinstance, prstInfo, grbit, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetInit3W_u16(JET_INSTANCE *pinstance, JET_RSTINFO_W *prstInfo,
                                   JET_GRBIT grbit)
{
    return init3_w(pinstance, prstInfo, grbit, API_WIDE16);
}

/* ---- JetTerm -------------------------------------------------------------- */

JETDB_EXPORT JET_ERR JetTerm2(JET_INSTANCE instance, JET_GRBIT grbit)
{
    if (grbit & ~(JET_GRBIT)TERM_GRBITS)
        return JET_errInvalidGrbit;
    return inst_term(instance, grbit);
}

JETDB_EXPORT JET_ERR JetTerm(JET_INSTANCE instance)
{
    /* ESE: JetTerm is an abrupt termination (it also stops a backup). */
    return inst_term(instance, JET_bitTermAbrupt);
}

/* ---- JetStopService / JetStopBackup --------------------------------------- */

JETDB_EXPORT JET_ERR JetStopServiceInstance(JET_INSTANCE instance)
{
    inst *in;
    CALL(inst_acquire(instance, true, &in));
    JET_ERR err = inst_stop_service(in, JET_bitStopServiceAll, true);
    inst_release(in);
    return err;
}

JETDB_EXPORT JET_ERR JetStopServiceInstance2(JET_INSTANCE instance, const JET_GRBIT grbit)
{
    inst *in;
    CALL(inst_acquire(instance, true, &in));
    JET_ERR err = (grbit & ~(JET_GRBIT)STOP_SERVICE_GRBITS) ? JET_errInvalidGrbit
                                                             : inst_stop_service(in, grbit, false);
    inst_release(in);
    return err;
}

JETDB_EXPORT JET_ERR JetStopService(void)
{
    inst *in;
    CALL(inst_legacy_acquire(&in));
    JET_ERR err = inst_stop_service(in, JET_bitStopServiceAll, true);
    inst_release(in);
    return err;
}

JETDB_EXPORT JET_ERR JetStopBackupInstance(JET_INSTANCE instance)
{
    /* The seed page promises JET_errInvalidParameter for anything that is
     * not a running instance, garbage handles included. */
    inst *in;
    JET_ERR err = inst_acquire(instance, false, &in);
    if (err < 0)
        return JET_errInvalidParameter;
    err = inst_stop_backup(in);
    inst_release(in);
    return err;
}

JETDB_EXPORT JET_ERR JetStopBackup(void)
{
    inst *in;
    CALL(inst_legacy_acquire(&in));
    JET_ERR err = inst_stop_backup(in);
    inst_release(in);
    return err;
}

/* ---- JetGetInstanceInfo / JetFreeBuffer ----------------------------------- */

JETDB_EXPORT JET_ERR JetGetInstanceInfoA(uint32_t *pcInstanceInfo,
                                         JET_INSTANCE_INFO_A **paInstanceInfo)
{
    if (pcInstanceInfo == NULL || paInstanceInfo == NULL)
        return JET_errInvalidParameter;
    return inst_get_info(pcInstanceInfo, paInstanceInfo, 0);
}

/* JetGetInstanceInfoW for either wchar_t width. */
static JET_ERR get_instance_info_w(uint32_t *pc, JET_INSTANCE_INFO_W **pa, size_t width)
{
    if (pc == NULL || pa == NULL)
        return JET_errInvalidParameter;
    JET_INSTANCE_INFO_A *a;
    CALL(inst_get_info(pc, &a, width));
    *pa = (JET_INSTANCE_INFO_W *)(void *)a;   /* same layout, wide strings */
    return JET_errSuccess;
}

JETDB_EXPORT JET_ERR JetGetInstanceInfoW(uint32_t *pcInstanceInfo,
                                         JET_INSTANCE_INFO_W **paInstanceInfo)
{
    return get_instance_info_w(pcInstanceInfo, paInstanceInfo, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetGetInstanceInfoW_u16(uint32_t *pcInstanceInfo,
                                             JET_INSTANCE_INFO_W **paInstanceInfo)
{
    return get_instance_info_w(pcInstanceInfo, paInstanceInfo, API_WIDE16);
}

JETDB_EXPORT JET_ERR JetFreeBuffer(char *pbBuf)
{
    free(pbBuf);   /* ESE: always succeeds, NULL included */
    return JET_errSuccess;
}
