/*
 * api_db.c: exported database entry points — JetCreateDatabase(2),
 * JetAttachDatabase(2), JetDetachDatabase(2), JetOpenDatabase,
 * JetCloseDatabase, JetGetDatabaseInfo, JetGetDatabaseFileInfo, in their
 * A, W and W_u16 forms.  Validation and dispatch only; src/db does the work.
 */
#include "api/api.h"

#include <stdlib.h>

#include "api/api_w16.h"
#include "db/db.h"
#include "inst/inst.h"
#include "isam/isam.h"

/* grbits each call accepts (esent.h); anything else → JET_errInvalidGrbit. */
#define API_DB_CREATE_BITS                                                              \
    (JET_bitDbRecoveryOff | JET_bitDbShadowingOff | JET_bitDbOverwriteExisting |        \
     JET_bitDbEnableBackgroundMaintenance)
#define API_DB_ATTACH_BITS                                                              \
    (JET_bitDbReadOnly | JET_bitDbDeleteCorruptIndexes | JET_bitDbDeleteUnicodeIndexes | \
     JET_bitDbUpgrade | JET_bitDbEnableBackgroundMaintenance | JET_bitDbPurgeCacheOnAttach)
#define API_DB_OPEN_BITS (JET_bitDbReadOnly | JET_bitDbExclusive)
#define API_DB_DETACH_BITS (JET_bitForceDetach | JET_bitForceCloseAndDetach)

/* ---- JetCreateDatabase ------------------------------------------------------------ */

JETDB_EXPORT JET_ERR JetCreateDatabase2A(JET_SESID sesid, JET_PCSTR szFilename,
                                         const uint32_t cpgDatabaseSizeMax, JET_DBID *pdbid,
                                         JET_GRBIT grbit)
{
    sess *s;
    CALL(sess_gate_enter(sesid, 0, &s));
    JET_ERR err;
    if (pdbid == NULL)
        err = JET_errInvalidParameter;
    else if (grbit & ~(JET_GRBIT)API_DB_CREATE_BITS)
        err = JET_errInvalidGrbit;
    else if (szFilename == NULL || szFilename[0] == '\0')
        err = JET_errDatabaseInvalidPath;
    else
        err = db_create(s, szFilename, cpgDatabaseSizeMax, grbit, pdbid);
    sess_gate_leave(s);
    return err;
}

JETDB_EXPORT JET_ERR JetCreateDatabaseA(JET_SESID sesid, JET_PCSTR szFilename,
                                        JET_PCSTR szConnect, JET_DBID *pdbid, JET_GRBIT grbit)
{
    (void)szConnect;    /* ESE ignores the connect string */
    return JetCreateDatabase2A(sesid, szFilename, 0, pdbid, grbit);
}

/* W forms of JetCreateDatabase2 for either wchar_t width. */
static JET_ERR create_w(JET_SESID sesid, const void *name, uint32_t cpgmax, JET_DBID *pdbid,
                        JET_GRBIT grbit, size_t width)
{
    char *a = NULL;
    JET_ERR err = api_wide_arg(name, width, &a);
    if (err >= 0)
        err = JetCreateDatabase2A(sesid, a, cpgmax, pdbid, grbit);
    free(a);
    return err;
}

JETDB_EXPORT JET_ERR JetCreateDatabaseW(JET_SESID sesid, JET_PCWSTR szFilename,
                                        JET_PCWSTR szConnect, JET_DBID *pdbid, JET_GRBIT grbit)
{
    (void)szConnect;
    return create_w(sesid, szFilename, 0, pdbid, grbit, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetCreateDatabaseW_u16(JET_SESID sesid, JET_PCWSTR szFilename,
                                            JET_PCWSTR szConnect, JET_DBID *pdbid,
                                            JET_GRBIT grbit)
{
    (void)szConnect;
    return create_w(sesid, szFilename, 0, pdbid, grbit, API_WIDE16);
}

JETDB_EXPORT JET_ERR JetCreateDatabase2W(JET_SESID sesid, JET_PCWSTR szFilename,
                                         const uint32_t cpgDatabaseSizeMax, JET_DBID *pdbid,
                                         JET_GRBIT grbit)
{
    return create_w(sesid, szFilename, cpgDatabaseSizeMax, pdbid, grbit, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetCreateDatabase2W_u16(JET_SESID sesid, JET_PCWSTR szFilename,
                                             const uint32_t cpgDatabaseSizeMax, JET_DBID *pdbid,
                                             JET_GRBIT grbit)
{
    return create_w(sesid, szFilename, cpgDatabaseSizeMax, pdbid, grbit, API_WIDE16);
}

/* ---- JetAttachDatabase ------------------------------------------------------------ */

JETDB_EXPORT JET_ERR JetAttachDatabase2A(JET_SESID sesid, JET_PCSTR szFilename,
                                         const uint32_t cpgDatabaseSizeMax, JET_GRBIT grbit)
{
    sess *s;
    CALL(sess_gate_enter(sesid, 0, &s));
    JET_ERR err;
    if (grbit & ~(JET_GRBIT)API_DB_ATTACH_BITS)
        err = JET_errInvalidGrbit;
    else if (szFilename == NULL || szFilename[0] == '\0')
        err = JET_errDatabaseInvalidPath;
    else
        err = db_attach(s, szFilename, cpgDatabaseSizeMax, grbit);
    sess_gate_leave(s);
    return err;
}

JETDB_EXPORT JET_ERR JetAttachDatabaseA(JET_SESID sesid, JET_PCSTR szFilename, JET_GRBIT grbit)
{
    return JetAttachDatabase2A(sesid, szFilename, 0, grbit);
}

static JET_ERR attach_w(JET_SESID sesid, const void *name, uint32_t cpgmax, JET_GRBIT grbit,
                        size_t width)
{
    char *a = NULL;
    JET_ERR err = api_wide_arg(name, width, &a);
    if (err >= 0)
        err = JetAttachDatabase2A(sesid, a, cpgmax, grbit);
    free(a);
    return err;
}

JETDB_EXPORT JET_ERR JetAttachDatabaseW(JET_SESID sesid, JET_PCWSTR szFilename, JET_GRBIT grbit)
{
    return attach_w(sesid, szFilename, 0, grbit, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetAttachDatabaseW_u16(JET_SESID sesid, JET_PCWSTR szFilename,
                                            JET_GRBIT grbit)
{
    return attach_w(sesid, szFilename, 0, grbit, API_WIDE16);
}

JETDB_EXPORT JET_ERR JetAttachDatabase2W(JET_SESID sesid, JET_PCWSTR szFilename,
                                         const uint32_t cpgDatabaseSizeMax, JET_GRBIT grbit)
{
    return attach_w(sesid, szFilename, cpgDatabaseSizeMax, grbit, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetAttachDatabase2W_u16(JET_SESID sesid, JET_PCWSTR szFilename,
                                             const uint32_t cpgDatabaseSizeMax, JET_GRBIT grbit)
{
    return attach_w(sesid, szFilename, cpgDatabaseSizeMax, grbit, API_WIDE16);
}

/* ---- JetDetachDatabase ------------------------------------------------------------ */

JETDB_EXPORT JET_ERR JetDetachDatabase2A(JET_SESID sesid, JET_PCSTR szFilename, JET_GRBIT grbit)
{
    sess *s;
    /* Detaching still works after JetStopService (ESE). */
    CALL(sess_gate_enter(sesid, GATE_IGNORE_STOP_SERVICE, &s));
    JET_ERR err;
    if (grbit & ~(JET_GRBIT)API_DB_DETACH_BITS)
        err = JET_errInvalidGrbit;
    else
        err = db_detach(s, szFilename, grbit);   /* NULL / "" = all */
    sess_gate_leave(s);
    return err;
}

JETDB_EXPORT JET_ERR JetDetachDatabaseA(JET_SESID sesid, JET_PCSTR szFilename)
{
    return JetDetachDatabase2A(sesid, szFilename, 0);
}

static JET_ERR detach_w(JET_SESID sesid, const void *name, JET_GRBIT grbit, size_t width)
{
    char *a = NULL;
    JET_ERR err = api_wide_arg(name, width, &a);
    if (err >= 0)
        err = JetDetachDatabase2A(sesid, a, grbit);
    free(a);
    return err;
}

JETDB_EXPORT JET_ERR JetDetachDatabaseW(JET_SESID sesid, JET_PCWSTR szFilename)
{
    return detach_w(sesid, szFilename, 0, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetDetachDatabaseW_u16(JET_SESID sesid, JET_PCWSTR szFilename)
{
    return detach_w(sesid, szFilename, 0, API_WIDE16);
}

JETDB_EXPORT JET_ERR JetDetachDatabase2W(JET_SESID sesid, JET_PCWSTR szFilename,
                                         JET_GRBIT grbit)
{
    return detach_w(sesid, szFilename, grbit, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetDetachDatabase2W_u16(JET_SESID sesid, JET_PCWSTR szFilename,
                                             JET_GRBIT grbit)
{
    return detach_w(sesid, szFilename, grbit, API_WIDE16);
}

/* ---- JetOpenDatabase / JetCloseDatabase ------------------------------------------- */

JETDB_EXPORT JET_ERR JetOpenDatabaseA(JET_SESID sesid, JET_PCSTR szFilename,
                                      JET_PCSTR szConnect, JET_DBID *pdbid, JET_GRBIT grbit)
{
    (void)szConnect;
    sess *s;
    CALL(sess_gate_enter(sesid, 0, &s));
    JET_ERR err;
    if (pdbid == NULL)
        err = JET_errInvalidParameter;
    else if (grbit & ~(JET_GRBIT)API_DB_OPEN_BITS)
        err = JET_errInvalidGrbit;
    else if (szFilename == NULL || szFilename[0] == '\0')
        err = JET_errDatabaseInvalidPath;
    else
        err = db_open(s, szFilename, grbit, pdbid);
    sess_gate_leave(s);
    return err;
}

static JET_ERR open_w(JET_SESID sesid, const void *name, JET_DBID *pdbid, JET_GRBIT grbit,
                      size_t width)
{
    char *a = NULL;
    JET_ERR err = api_wide_arg(name, width, &a);
    if (err >= 0)
        err = JetOpenDatabaseA(sesid, a, NULL, pdbid, grbit);
    free(a);
    return err;
}

JETDB_EXPORT JET_ERR JetOpenDatabaseW(JET_SESID sesid, JET_PCWSTR szFilename,
                                      JET_PCWSTR szConnect, JET_DBID *pdbid, JET_GRBIT grbit)
{
    (void)szConnect;
    return open_w(sesid, szFilename, pdbid, grbit, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetOpenDatabaseW_u16(JET_SESID sesid, JET_PCWSTR szFilename,
                                          JET_PCWSTR szConnect, JET_DBID *pdbid,
                                          JET_GRBIT grbit)
{
    (void)szConnect;
    return open_w(sesid, szFilename, pdbid, grbit, API_WIDE16);
}

JETDB_EXPORT JET_ERR JetCloseDatabase(JET_SESID sesid, JET_DBID dbid, JET_GRBIT grbit)
{
    sess *s;
    /* Closing still works after JetStopService (ESE). */
    CALL(sess_gate_enter(sesid, GATE_IGNORE_STOP_SERVICE, &s));
    JET_ERR err = grbit != 0 ? JET_errInvalidGrbit : isam_db_close(s, dbid, grbit);
    sess_gate_leave(s);
    return err;
}

/* ---- JetGetDatabaseInfo / JetGetDatabaseFileInfo ------------------------------------ */

/* JetGetDatabaseInfo for A (width 0) and both W widths. */
static JET_ERR get_info(JET_SESID sesid, JET_DBID dbid, void *pv, uint32_t cb, uint32_t level,
                        size_t width)
{
    sess *s;
    CALL(sess_gate_enter(sesid, 0, &s));
    JET_ERR err = pv == NULL && cb != 0 ? JET_errInvalidParameter
                                        : db_get_info(s, dbid, pv, cb, level, width);
    sess_gate_leave(s);
    return err;
}

JETDB_EXPORT JET_ERR JetGetDatabaseInfoA(JET_SESID sesid, JET_DBID dbid, void *pvResult,
                                         uint32_t cbMax, uint32_t InfoLevel)
{
    return get_info(sesid, dbid, pvResult, cbMax, InfoLevel, 0);
}

JETDB_EXPORT JET_ERR JetGetDatabaseInfoW(JET_SESID sesid, JET_DBID dbid, void *pvResult,
                                         uint32_t cbMax, uint32_t InfoLevel)
{
    return get_info(sesid, dbid, pvResult, cbMax, InfoLevel, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetGetDatabaseInfoW_u16(JET_SESID sesid, JET_DBID dbid, void *pvResult,
                                             uint32_t cbMax, uint32_t InfoLevel)
{
    return get_info(sesid, dbid, pvResult, cbMax, InfoLevel, API_WIDE16);
}

JETDB_EXPORT JET_ERR JetGetDatabaseFileInfoA(JET_PCSTR szDatabaseName, void *pvResult,
                                             uint32_t cbMax, uint32_t InfoLevel)
{
    if (pvResult == NULL && cbMax != 0)
        return JET_errInvalidParameter;
    if (szDatabaseName == NULL || szDatabaseName[0] == '\0')
        return JET_errDatabaseInvalidPath;
    return db_get_file_info(szDatabaseName, pvResult, cbMax, InfoLevel, 0);
}

static JET_ERR file_info_w(const void *name, void *pv, uint32_t cb, uint32_t level,
                           size_t width)
{
    char *a = NULL;
    JET_ERR err = api_wide_arg(name, width, &a);
    if (err >= 0)
        err = JetGetDatabaseFileInfoA(a, pv, cb, level);
    free(a);
    return err;
}

JETDB_EXPORT JET_ERR JetGetDatabaseFileInfoW(JET_PCWSTR szDatabaseName, void *pvResult,
                                             uint32_t cbMax, uint32_t InfoLevel)
{
    return file_info_w(szDatabaseName, pvResult, cbMax, InfoLevel, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetGetDatabaseFileInfoW_u16(JET_PCWSTR szDatabaseName, void *pvResult,
                                                 uint32_t cbMax, uint32_t InfoLevel)
{
    return file_info_w(szDatabaseName, pvResult, cbMax, InfoLevel, API_WIDE16);
}
