/*
 * api_w16.h: the UTF-16 twins of the W functions.
 *
 * A program compiled with -fshort-wchar calls JetFooW, but esent.h binds
 * that call to the symbol JetFooW_u16 (JET_WSYM).  The library itself is
 * built with a 32-bit wchar_t, so it declares the twins here with the same
 * parameter types; their wide strings are read as UTF-16 code units.
 * Keep this list in step with every W function of esent.h that jetdb
 * implements.
 */
#ifndef JETDB_API_W16_H
#define JETDB_API_W16_H

#include "jetdb.h"

/* instances and sessions (api_inst.c, api_sess.c) */
JETDB_EXPORT JET_ERR JetCreateInstanceW_u16(JET_INSTANCE *pinstance, JET_PCWSTR szInstanceName);
JETDB_EXPORT JET_ERR JetCreateInstance2W_u16(JET_INSTANCE *pinstance, JET_PCWSTR szInstanceName,
                                             JET_PCWSTR szDisplayName, JET_GRBIT grbit);
JETDB_EXPORT JET_ERR JetInit3W_u16(JET_INSTANCE *pinstance, JET_RSTINFO_W *prstInfo,
                                   JET_GRBIT grbit);
JETDB_EXPORT JET_ERR JetGetInstanceInfoW_u16(uint32_t *pcInstanceInfo,
                                             JET_INSTANCE_INFO_W **paInstanceInfo);
JETDB_EXPORT JET_ERR JetBeginSessionW_u16(JET_INSTANCE instance, JET_SESID *psesid,
                                          JET_PCWSTR szUserName, JET_PCWSTR szPassword);

/* system parameters (api_param.c) */
JETDB_EXPORT JET_ERR JetSetSystemParameterW_u16(JET_INSTANCE *pinstance, JET_SESID sesid,
                                                uint32_t paramid, JET_API_PTR lParam,
                                                JET_PCWSTR szParam);
JETDB_EXPORT JET_ERR JetGetSystemParameterW_u16(JET_INSTANCE instance, JET_SESID sesid,
                                                uint32_t paramid, JET_API_PTR *plParam,
                                                JET_PWSTR szParam, uint32_t cbMax);
JETDB_EXPORT JET_ERR JetEnableMultiInstanceW_u16(JET_SETSYSPARAM_W *psetsysparam,
                                                 uint32_t csetsysparam, uint32_t *pcsetsucceed);

/* databases (api_db.c) */
JETDB_EXPORT JET_ERR JetCreateDatabaseW_u16(JET_SESID sesid, JET_PCWSTR szFilename,
                                            JET_PCWSTR szConnect, JET_DBID *pdbid,
                                            JET_GRBIT grbit);
JETDB_EXPORT JET_ERR JetCreateDatabase2W_u16(JET_SESID sesid, JET_PCWSTR szFilename,
                                             const uint32_t cpgDatabaseSizeMax, JET_DBID *pdbid,
                                             JET_GRBIT grbit);
JETDB_EXPORT JET_ERR JetAttachDatabaseW_u16(JET_SESID sesid, JET_PCWSTR szFilename,
                                            JET_GRBIT grbit);
JETDB_EXPORT JET_ERR JetAttachDatabase2W_u16(JET_SESID sesid, JET_PCWSTR szFilename,
                                             const uint32_t cpgDatabaseSizeMax, JET_GRBIT grbit);
JETDB_EXPORT JET_ERR JetDetachDatabaseW_u16(JET_SESID sesid, JET_PCWSTR szFilename);
JETDB_EXPORT JET_ERR JetDetachDatabase2W_u16(JET_SESID sesid, JET_PCWSTR szFilename,
                                             JET_GRBIT grbit);
JETDB_EXPORT JET_ERR JetOpenDatabaseW_u16(JET_SESID sesid, JET_PCWSTR szFilename,
                                          JET_PCWSTR szConnect, JET_DBID *pdbid,
                                          JET_GRBIT grbit);
JETDB_EXPORT JET_ERR JetGetDatabaseInfoW_u16(JET_SESID sesid, JET_DBID dbid, void *pvResult,
                                             uint32_t cbMax, uint32_t InfoLevel);
JETDB_EXPORT JET_ERR JetGetDatabaseFileInfoW_u16(JET_PCWSTR szDatabaseName, void *pvResult,
                                                 uint32_t cbMax, uint32_t InfoLevel);

/* backup (api_backup.c) */
JETDB_EXPORT JET_ERR JetBackupW_u16(JET_PCWSTR szBackupPath, JET_GRBIT grbit,
                                    JET_PFNSTATUS pfnStatus);
JETDB_EXPORT JET_ERR JetBackupInstanceW_u16(JET_INSTANCE instance, JET_PCWSTR szBackupPath,
                                            JET_GRBIT grbit, JET_PFNSTATUS pfnStatus);
JETDB_EXPORT JET_ERR JetGetAttachInfoW_u16(JET_PWSTR szzDatabases, uint32_t cbMax,
                                           uint32_t *pcbActual);
JETDB_EXPORT JET_ERR JetGetAttachInfoInstanceW_u16(JET_INSTANCE instance, JET_PWSTR szzDatabases,
                                                   uint32_t cbMax, uint32_t *pcbActual);
JETDB_EXPORT JET_ERR JetOpenFileW_u16(JET_PCWSTR szFileName, JET_HANDLE *phfFile,
                                      uint32_t *pulFileSizeLow, uint32_t *pulFileSizeHigh);
JETDB_EXPORT JET_ERR JetOpenFileInstanceW_u16(JET_INSTANCE instance, JET_PCWSTR szFileName,
                                              JET_HANDLE *phfFile, uint32_t *pulFileSizeLow,
                                              uint32_t *pulFileSizeHigh);
JETDB_EXPORT JET_ERR JetGetLogInfoW_u16(JET_PWSTR szzLogs, uint32_t cbMax, uint32_t *pcbActual);
JETDB_EXPORT JET_ERR JetGetLogInfoInstanceW_u16(JET_INSTANCE instance, JET_PWSTR szzLogs,
                                                uint32_t cbMax, uint32_t *pcbActual);
JETDB_EXPORT JET_ERR JetGetLogInfoInstance2W_u16(JET_INSTANCE instance, JET_PWSTR szzLogs,
                                                 uint32_t cbMax, uint32_t *pcbActual,
                                                 JET_LOGINFO_W *pLogInfo);
JETDB_EXPORT JET_ERR JetGetTruncateLogInfoInstanceW_u16(JET_INSTANCE instance, JET_PWSTR szzLogs,
                                                        uint32_t cbMax, uint32_t *pcbActual);

/* restore (api_restore.c) */
JETDB_EXPORT JET_ERR JetRestoreW_u16(JET_PCWSTR szSource, JET_PFNSTATUS pfn);
JETDB_EXPORT JET_ERR JetRestore2W_u16(JET_PCWSTR sz, JET_PCWSTR szDest, JET_PFNSTATUS pfn);
JETDB_EXPORT JET_ERR JetRestoreInstanceW_u16(JET_INSTANCE instance, JET_PCWSTR sz,
                                             JET_PCWSTR szDest, JET_PFNSTATUS pfn);
JETDB_EXPORT JET_ERR JetExternalRestoreW_u16(JET_PWSTR szCheckpointFilePath, JET_PWSTR szLogPath,
                                             JET_RSTMAP_W *rgrstmap, int32_t crstfilemap,
                                             JET_PWSTR szBackupLogPath, int32_t genLow,
                                             int32_t genHigh, JET_PFNSTATUS pfn);
JETDB_EXPORT JET_ERR JetExternalRestore2W_u16(JET_PWSTR szCheckpointFilePath, JET_PWSTR szLogPath,
                                              JET_RSTMAP_W *rgrstmap, int32_t crstfilemap,
                                              JET_PWSTR szBackupLogPath, JET_LOGINFO_W *pLogInfo,
                                              JET_PWSTR szTargetInstanceName,
                                              JET_PWSTR szTargetInstanceLogPath,
                                              JET_PWSTR szTargetInstanceCheckpointPath,
                                              JET_PFNSTATUS pfn);

#endif
