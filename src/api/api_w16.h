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

/* cursors (api_isam.c) */
JETDB_EXPORT JET_ERR JetSetCurrentIndexW_u16(JET_SESID sesid, JET_TABLEID tableid,
                                             JET_PCWSTR szIndexName);
JETDB_EXPORT JET_ERR JetSetCurrentIndex2W_u16(JET_SESID sesid, JET_TABLEID tableid,
                                              JET_PCWSTR szIndexName, JET_GRBIT grbit);
JETDB_EXPORT JET_ERR JetSetCurrentIndex3W_u16(JET_SESID sesid, JET_TABLEID tableid,
                                              JET_PCWSTR szIndexName, JET_GRBIT grbit,
                                              uint32_t itagSequence);
JETDB_EXPORT JET_ERR JetSetCurrentIndex4W_u16(JET_SESID sesid, JET_TABLEID tableid,
                                              JET_PCWSTR szIndexName, JET_INDEXID *pindexid,
                                              JET_GRBIT grbit, uint32_t itagSequence);
JETDB_EXPORT JET_ERR JetGetCurrentIndexW_u16(JET_SESID sesid, JET_TABLEID tableid,
                                             JET_PWSTR szIndexName, uint32_t cbIndexName);

/* schema (api_ddl.c) */
JETDB_EXPORT JET_ERR JetCreateTableW_u16(JET_SESID sesid, JET_DBID dbid, JET_PCWSTR szTableName,
                                         uint32_t lPages, uint32_t lDensity,
                                         JET_TABLEID *ptableid);
JETDB_EXPORT JET_ERR JetCreateTableColumnIndexW_u16(JET_SESID sesid, JET_DBID dbid,
                                                    JET_TABLECREATE_W *ptablecreate);
JETDB_EXPORT JET_ERR JetCreateTableColumnIndex2W_u16(JET_SESID sesid, JET_DBID dbid,
                                                     JET_TABLECREATE2_W *ptablecreate);
JETDB_EXPORT JET_ERR JetCreateTableColumnIndex3W_u16(JET_SESID sesid, JET_DBID dbid,
                                                     JET_TABLECREATE3_W *ptablecreate);
JETDB_EXPORT JET_ERR JetCreateTableColumnIndex4W_u16(JET_SESID sesid, JET_DBID dbid,
                                                     JET_TABLECREATE4_W *ptablecreate);
JETDB_EXPORT JET_ERR JetOpenTableW_u16(JET_SESID sesid, JET_DBID dbid, JET_PCWSTR szTableName,
                                       const void *pvParameters, uint32_t cbParameters,
                                       JET_GRBIT grbit, JET_TABLEID *ptableid);
JETDB_EXPORT JET_ERR JetDeleteTableW_u16(JET_SESID sesid, JET_DBID dbid,
                                         JET_PCWSTR szTableName);
JETDB_EXPORT JET_ERR JetRenameTableW_u16(JET_SESID sesid, JET_DBID dbid, JET_PCWSTR szName,
                                         JET_PCWSTR szNameNew);
JETDB_EXPORT JET_ERR JetAddColumnW_u16(JET_SESID sesid, JET_TABLEID tableid,
                                       JET_PCWSTR szColumnName, const JET_COLUMNDEF *pcolumndef,
                                       const void *pvDefault, uint32_t cbDefault,
                                       JET_COLUMNID *pcolumnid);
JETDB_EXPORT JET_ERR JetDeleteColumnW_u16(JET_SESID sesid, JET_TABLEID tableid,
                                          JET_PCWSTR szColumnName);
JETDB_EXPORT JET_ERR JetDeleteColumn2W_u16(JET_SESID sesid, JET_TABLEID tableid,
                                           JET_PCWSTR szColumnName, const JET_GRBIT grbit);
JETDB_EXPORT JET_ERR JetRenameColumnW_u16(JET_SESID sesid, JET_TABLEID tableid,
                                          JET_PCWSTR szName, JET_PCWSTR szNameNew,
                                          JET_GRBIT grbit);
JETDB_EXPORT JET_ERR JetSetColumnDefaultValueW_u16(JET_SESID sesid, JET_DBID dbid,
                                                   JET_PCWSTR szTableName,
                                                   JET_PCWSTR szColumnName, const void *pvData,
                                                   const uint32_t cbData,
                                                   const JET_GRBIT grbit);
JETDB_EXPORT JET_ERR JetCreateIndexW_u16(JET_SESID sesid, JET_TABLEID tableid,
                                         JET_PCWSTR szIndexName, JET_GRBIT grbit,
                                         const WCHAR *szKey, uint32_t cbKey, uint32_t lDensity);
JETDB_EXPORT JET_ERR JetCreateIndex2W_u16(JET_SESID sesid, JET_TABLEID tableid,
                                          JET_INDEXCREATE_W *pindexcreate,
                                          uint32_t cIndexCreate);
JETDB_EXPORT JET_ERR JetCreateIndex3W_u16(JET_SESID sesid, JET_TABLEID tableid,
                                          JET_INDEXCREATE2_W *pindexcreate,
                                          uint32_t cIndexCreate);
JETDB_EXPORT JET_ERR JetCreateIndex4W_u16(JET_SESID sesid, JET_TABLEID tableid,
                                          JET_INDEXCREATE3_W *pindexcreate,
                                          uint32_t cIndexCreate);
JETDB_EXPORT JET_ERR JetDeleteIndexW_u16(JET_SESID sesid, JET_TABLEID tableid,
                                         JET_PCWSTR szIndexName);

/* schema information (api_info.c) */
JETDB_EXPORT JET_ERR JetGetTableColumnInfoW_u16(JET_SESID sesid, JET_TABLEID tableid,
                                                JET_PCWSTR szColumnName, void *pvResult,
                                                uint32_t cbMax, uint32_t InfoLevel);
JETDB_EXPORT JET_ERR JetGetColumnInfoW_u16(JET_SESID sesid, JET_DBID dbid,
                                           JET_PCWSTR szTableName, JET_PCWSTR pColumnNameOrId,
                                           void *pvResult, uint32_t cbMax, uint32_t InfoLevel);
JETDB_EXPORT JET_ERR JetGetTableIndexInfoW_u16(JET_SESID sesid, JET_TABLEID tableid,
                                               JET_PCWSTR szIndexName, void *pvResult,
                                               uint32_t cbResult, uint32_t InfoLevel);
JETDB_EXPORT JET_ERR JetGetIndexInfoW_u16(JET_SESID sesid, JET_DBID dbid,
                                          JET_PCWSTR szTableName, JET_PCWSTR szIndexName,
                                          void *pvResult, uint32_t cbResult,
                                          uint32_t InfoLevel);
JETDB_EXPORT JET_ERR JetGetTableInfoW_u16(JET_SESID sesid, JET_TABLEID tableid, void *pvResult,
                                          uint32_t cbMax, uint32_t InfoLevel);
JETDB_EXPORT JET_ERR JetGetObjectInfoW_u16(JET_SESID sesid, JET_DBID dbid, JET_OBJTYP objtyp,
                                           JET_PCWSTR szContainerName,
                                           JET_PCWSTR szObjectName, void *pvResult,
                                           uint32_t cbMax, uint32_t InfoLevel);

#endif
