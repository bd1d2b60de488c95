/*
 * test_esent_h.c - checks the public header esent.h without the library:
 * every public constant against the reference value, every public
 * structure's size and field offsets, the A/W name mapping and a set of
 * hand-written checks of the most used values.
 *
 * The same source is built several times with different JET_VERSION
 * values (see CMakeLists.txt); every check is guarded like the header.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <wchar.h>

#include <cmocka.h>

#include "esent.h"
#include "jetdb.h"
#include "esent_expected.h"

/* ---- basic types ---- */

JET_STATIC_ASSERT(sizeof(JET_ERR) == 4, "JET_ERR is 32-bit");
JET_STATIC_ASSERT((JET_ERR)-1 < 0, "JET_ERR is signed");
JET_STATIC_ASSERT(sizeof(JET_GRBIT) == 4 && (JET_GRBIT)-1 > 0, "JET_GRBIT is uint32");
JET_STATIC_ASSERT(sizeof(JET_COLUMNID) == 4 && (JET_COLUMNID)-1 > 0, "JET_COLUMNID");
JET_STATIC_ASSERT(sizeof(JET_DBID) == 4 && (JET_DBID)-1 > 0, "JET_DBID");
JET_STATIC_ASSERT(sizeof(JET_OBJTYP) == 4 && sizeof(JET_COLTYP) == 4, "JET_OBJTYP/COLTYP");
JET_STATIC_ASSERT(sizeof(JET_SNP) == 4 && sizeof(JET_SNT) == 4, "JET_SNP/SNT");
JET_STATIC_ASSERT(sizeof(JET_API_PTR) == sizeof(void *), "JET_API_PTR is pointer-sized");
JET_STATIC_ASSERT((JET_API_PTR)-1 > 0, "JET_API_PTR is unsigned");
JET_STATIC_ASSERT(sizeof(JET_INSTANCE) == sizeof(void *), "JET_INSTANCE");
JET_STATIC_ASSERT(sizeof(JET_SESID) == sizeof(void *), "JET_SESID");
JET_STATIC_ASSERT(sizeof(JET_TABLEID) == sizeof(void *), "JET_TABLEID");
JET_STATIC_ASSERT(sizeof(JET_HANDLE) == sizeof(void *), "JET_HANDLE");
JET_STATIC_ASSERT(sizeof(JET_DATESERIAL) == 8, "JET_DATESERIAL");
JET_STATIC_ASSERT(sizeof(WCHAR) == sizeof(wchar_t), "WCHAR is wchar_t");
JET_STATIC_ASSERT(_Generic((JET_PCWSTR)0, const wchar_t *: 1, default: 0), "JET_PCWSTR");
JET_STATIC_ASSERT(_Generic((JET_PWSTR)0, wchar_t *: 1, default: 0), "JET_PWSTR");
JET_STATIC_ASSERT(_Generic((JET_PCSTR)0, const char *: 1, default: 0), "JET_PCSTR");
JET_STATIC_ASSERT(_Generic((JET_PSTR)0, char *: 1, default: 0), "JET_PSTR");
#if JET_VERSION >= 0x0501
JET_STATIC_ASSERT(sizeof(JET_LS) == sizeof(void *), "JET_LS");
JET_STATIC_ASSERT(sizeof(JET_OSSNAPID) == sizeof(void *), "JET_OSSNAPID");
JET_STATIC_ASSERT(sizeof(JET_CBTYP) == 4, "JET_CBTYP");
#endif
#if JET_VERSION >= 0x0602
JET_STATIC_ASSERT(sizeof(JET_ERRCAT) == 4 && sizeof(JET_RELOP) == 4, "enums");
#endif

/* ---- the log/backup structures (byte-packed, layout of Windows) ---- */

JET_STATIC_ASSERT(sizeof(JET_SIGNATURE) == 28, "JET_SIGNATURE");
JET_STATIC_ASSERT(sizeof(JET_LGPOS) == 8, "JET_LGPOS");
JET_STATIC_ASSERT(sizeof(JET_LOGTIME) == 8, "JET_LOGTIME");
JET_STATIC_ASSERT(sizeof(JET_BKINFO) == 24, "JET_BKINFO");
JET_STATIC_ASSERT(_Alignof(JET_SIGNATURE) == 1 && _Alignof(JET_LGPOS) == 1, "packed");
JET_STATIC_ASSERT(_Alignof(JET_LOGTIME) == 1 && _Alignof(JET_BKINFO) == 1, "packed");
JET_STATIC_ASSERT(sizeof(JET_DBINFOMISC) == 216, "JET_DBINFOMISC");
#if JET_VERSION >= 0x0600
JET_STATIC_ASSERT(sizeof(JET_BKLOGTIME) == 8, "JET_BKLOGTIME");
JET_STATIC_ASSERT(sizeof(JET_DBINFOMISC2) == 296, "JET_DBINFOMISC2");
#endif
#if JET_VERSION >= 0x0601
JET_STATIC_ASSERT(sizeof(JET_DBINFOMISC3) == 300, "JET_DBINFOMISC3");
JET_STATIC_ASSERT(sizeof(JET_DBINFOMISC4) == 348, "JET_DBINFOMISC4");
#endif
#if JET_VERSION >= 0x0602
JET_STATIC_ASSERT(sizeof(JET_COMMIT_ID) == 40, "JET_COMMIT_ID");
JET_STATIC_ASSERT(offsetof(JET_COMMIT_ID, commitId) == 32, "JET_COMMIT_ID.commitId");
#endif

/* W structures with WCHAR arrays: with a 32-bit wchar_t they are larger
 * than on Windows (the tables in esent_expected.h check the 16-bit case) */
#if !JET_TEST_WCHAR16
JET_STATIC_ASSERT(sizeof(wchar_t) == 4, "wchar_t");
JET_STATIC_ASSERT(offsetof(JET_COLUMNBASE_W, szBaseTableName) == 28, "COLUMNBASE_W");
JET_STATIC_ASSERT(offsetof(JET_COLUMNBASE_W, szBaseColumnName) == 28 + 256 * 4, "COLUMNBASE_W");
JET_STATIC_ASSERT(sizeof(JET_COLUMNBASE_W) == 28 + 2 * 256 * 4, "COLUMNBASE_W");
#if JET_VERSION >= 0x0501
JET_STATIC_ASSERT(offsetof(JET_LOGINFO_W, szBaseName) == 12, "LOGINFO_W");
JET_STATIC_ASSERT(sizeof(JET_LOGINFO_W) == 12 + (JET_BASE_NAME_LENGTH + 1) * 4, "LOGINFO_W");
#endif
#if JET_VERSION >= 0x0602
JET_STATIC_ASSERT(offsetof(JET_ERRINFOBASIC_W, rgszSourceFile) == 24, "ERRINFOBASIC_W");
JET_STATIC_ASSERT(sizeof(JET_ERRINFOBASIC_W) == 24 + 64 * 4, "ERRINFOBASIC_W");
#endif
#endif

/* ---- callback types ---- */

static JET_ERR status_cb(JET_SESID sesid, JET_SNP snp, JET_SNT snt, void *pv)
{
    (void)sesid;
    (void)pv;
    return (JET_ERR)(snp + snt);
}
static const JET_PFNSTATUS status_ptr = status_cb;

#if JET_VERSION >= 0x0501
static JET_ERR table_cb(JET_SESID sesid, JET_DBID dbid, JET_TABLEID tableid, JET_CBTYP cbtyp,
                        void *pvArg1, void *pvArg2, void *pvContext, JET_API_PTR ulUnused)
{
    (void)sesid, (void)dbid, (void)tableid, (void)pvArg1, (void)pvArg2, (void)pvContext;
    (void)ulUnused;
    return (JET_ERR)cbtyp;
}
static const JET_CALLBACK table_ptr = table_cb;

static void *realloc_cb(void *pvContext, void *pv, uint32_t cb)
{
    (void)pvContext, (void)cb;
    return pv;
}
static const JET_PFNREALLOC realloc_ptr = realloc_cb;
#endif

#if JET_VERSION >= 0x0602
static JET_ERR durable_cb(JET_INSTANCE instance, JET_COMMIT_ID *pCommitIdSeen, JET_GRBIT grbit)
{
    (void)instance;
    return (JET_ERR)(pCommitIdSeen->commitId + (int64_t)grbit);
}
static const JET_PFNDURABLECOMMITCALLBACK durable_ptr = durable_cb;
#endif

/* ---- prototypes: types of a few functions (not called: no library) ---- */

JET_STATIC_ASSERT(_Generic(&JetTerm2, JET_ERR (*)(JET_INSTANCE, JET_GRBIT): 1, default: 0),
                  "JetTerm2");
JET_STATIC_ASSERT(_Generic(&JetStopService, JET_ERR (*)(void): 1, default: 0), "JetStopService");
JET_STATIC_ASSERT(_Generic(&JetStopBackup, JET_ERR (*)(void): 1, default: 0), "JetStopBackup");
JET_STATIC_ASSERT(_Generic(&JetMove, JET_ERR (*)(JET_SESID, JET_TABLEID, int32_t, JET_GRBIT): 1,
                           default: 0), "JetMove");
JET_STATIC_ASSERT(_Generic(&JetRetrieveColumn,
                           JET_ERR (*)(JET_SESID, JET_TABLEID, JET_COLUMNID, void *, uint32_t,
                                       uint32_t *, JET_GRBIT, JET_RETINFO *): 1,
                           default: 0), "JetRetrieveColumn");
JET_STATIC_ASSERT(_Generic(&JetBackupInstanceA,
                           JET_ERR (*)(JET_INSTANCE, JET_PCSTR, JET_GRBIT, JET_PFNSTATUS): 1,
                           default: 0), "JetBackupInstanceA");
JET_STATIC_ASSERT(_Generic(&JetOpenFileInstanceA,
                           JET_ERR (*)(JET_INSTANCE, JET_PCSTR, JET_HANDLE *, uint32_t *,
                                       uint32_t *): 1,
                           default: 0), "JetOpenFileInstanceA");
JET_STATIC_ASSERT(_Generic(&JetFreeBuffer, JET_ERR (*)(char *): 1, default: 0), "JetFreeBuffer");
#if JET_VERSION >= 0x0600
JET_STATIC_ASSERT(_Generic(&JetInit3W, JET_ERR (*)(JET_INSTANCE *, JET_RSTINFO_W *, JET_GRBIT): 1,
                           default: 0), "JetInit3W");
JET_STATIC_ASSERT(_Generic(&JetBackupInstanceW,
                           JET_ERR (*)(JET_INSTANCE, JET_PCWSTR, JET_GRBIT, JET_PFNSTATUS): 1,
                           default: 0), "JetBackupInstanceW");
JET_STATIC_ASSERT(_Generic(&JetCreateIndexW,
                           JET_ERR (*)(JET_SESID, JET_TABLEID, JET_PCWSTR, JET_GRBIT,
                                       const WCHAR *, uint32_t, uint32_t): 1,
                           default: 0), "JetCreateIndexW");
JET_STATIC_ASSERT(_Generic(&JetExternalRestore2W,
                           JET_ERR (*)(JET_PWSTR, JET_PWSTR, JET_RSTMAP_W *, int32_t, JET_PWSTR,
                                       JET_LOGINFO_W *, JET_PWSTR, JET_PWSTR, JET_PWSTR,
                                       JET_PFNSTATUS): 1,
                           default: 0), "JetExternalRestore2W");
#endif
#if JET_VERSION >= 0x0602
JET_STATIC_ASSERT(_Generic(&JetBeginTransaction3, JET_ERR (*)(JET_SESID, int64_t, JET_GRBIT): 1,
                           default: 0), "JetBeginTransaction3");
JET_STATIC_ASSERT(_Generic(&JetCommitTransaction2,
                           JET_ERR (*)(JET_SESID, JET_GRBIT, uint32_t, JET_COMMIT_ID *): 1,
                           default: 0), "JetCommitTransaction2");
#endif

/* ====================================================================== */

static void test_generated_constants(void **state)
{
    (void)state;
    size_t checked = 0;
    for (size_t g = 0; g < JET_EXPECTED_GROUP_COUNT; g++) {
        const jet_expected_group *grp = &jet_expected_groups[g];
        for (size_t i = 0; i < grp->count; i++) {
            const jet_expected_const *c = &grp->entries[i];
            if (c->actual != c->expected)
                print_error("%s: %s is %lld, reference says %lld\n", grp->group, c->name,
                            (long long)c->actual, (long long)c->expected);
            assert_int_equal(c->actual, c->expected);
            checked++;
        }
    }
    print_message("checked %zu constants in %zu groups (JET_VERSION 0x%04X)\n", checked,
                  (size_t)JET_EXPECTED_GROUP_COUNT, (unsigned)JET_VERSION);
    assert_true(checked > 300);
}

/* counts: every public error/warning and every public parameter id is in
 * the generated tables, and the header has nothing extra with a
 * different value (a duplicate name would not compile) */
static size_t count_prefix(const char *prefix1, const char *prefix2)
{
    size_t n = 0;
    for (size_t g = 0; g < JET_EXPECTED_GROUP_COUNT; g++)
        for (size_t i = 0; i < jet_expected_groups[g].count; i++) {
            const char *nm = jet_expected_groups[g].entries[i].name;
            if (strncmp(nm, prefix1, strlen(prefix1)) == 0 ||
                (prefix2 && strncmp(nm, prefix2, strlen(prefix2)) == 0))
                n++;
        }
    return n;
}

static void test_all_errors_and_params_listed(void **state)
{
    (void)state;
    assert_int_equal(count_prefix("JET_err", "JET_wrn"), JET_EXPECTED_ERROR_COUNT);
    assert_int_equal(JET_EXPECTED_ERROR_COUNT, 430);
    assert_int_equal(count_prefix("JET_param", NULL), JET_EXPECTED_PARAM_COUNT);
#if JET_VERSION >= 0x0A01
    assert_int_equal(JET_EXPECTED_PARAM_COUNT, 132);
#elif JET_VERSION == 0x0A00
    assert_int_equal(JET_EXPECTED_PARAM_COUNT, 127);
#endif
}

static void test_struct_sizes(void **state)
{
    (void)state;
    size_t n = 0;
    for (const jet_expected_size *s = jet_expected_sizes; s->name; s++, n++) {
        if (s->actual != s->expected)
            print_error("sizeof(%s) is %zu, reference says %zu\n", s->name, s->actual,
                        s->expected);
        assert_int_equal(s->actual, s->expected);
    }
    print_message("checked the size of %zu of %d structures\n", n, JET_EXPECTED_STRUCT_COUNT);
#if JET_VERSION >= 0x0A01
    if (JET_TEST_LP64 && JET_TEST_WCHAR16)
        assert_int_equal(n, JET_EXPECTED_STRUCT_COUNT);
#endif
}

static void test_name_mapping(void **state)
{
    (void)state;
    size_t n = 0;
    for (const jet_expected_map *m = jet_expected_function_map; m->plain; m++, n++) {
        char want[128];
        size_t len = strlen(m->plain);
        assert_true(len + 2 <= sizeof(want));
        memcpy(want, m->plain, len);
#if defined(JET_UNICODE)
        want[len] = 'W';
#else
        want[len] = 'A';
#endif
        want[len + 1] = '\0';
        /* W-only functions map their A name to a deliberately undeclared
         * JetFooA_DoesNotExist_... symbol: compare the JetFooA/W prefix */
        if (strncmp(m->expanded, want, len + 1) != 0)
            print_error("%s expands to %s\n", m->plain, m->expanded);
        assert_int_equal(strncmp(m->expanded, want, len + 1), 0);
    }
#if JET_VERSION >= 0x0602
    assert_int_equal(n, JET_EXPECTED_AW_FUNCTIONS);
#endif
    for (const jet_expected_map *m = jet_expected_legacy_map; m->plain; m++) {
        size_t len = strlen(m->plain);
        assert_int_equal(strlen(m->expanded), len - 1);
        assert_memory_equal(m->expanded, m->plain, len - 1);
    }
    for (const jet_expected_struct_map *m = jet_expected_struct_map_table; m->plain; m++) {
#if defined(JET_UNICODE)
        if (m->variant != 'W')
            print_error("%s is not the W structure\n", m->plain);
        assert_int_equal(m->variant, 'W');
#else
        if (m->variant != 'A')
            print_error("%s is not the A structure\n", m->plain);
        assert_int_equal(m->variant, 'A');
#endif
    }
#if !defined(JET_UNICODE)
    assert_int_equal(JET_cbNameMost, 64);
    assert_int_equal(JET_cbFullNameMost, 255);
#endif
}

static void test_nil_handles(void **state)
{
    (void)state;
    assert_true(JET_sesidNil == (JET_SESID)UINTPTR_MAX);
    assert_true(JET_tableidNil == (JET_TABLEID)UINTPTR_MAX);
#if JET_VERSION >= 0x0501
    assert_true(JET_instanceNil == (JET_INSTANCE)UINTPTR_MAX);
    assert_true(JET_LSNil == (JET_LS)UINTPTR_MAX);
#endif
    assert_true(JET_dbidNil == (JET_DBID)0xFFFFFFFFu);
    assert_true(JET_bitNil == 0);
}

/* hand-written checks, independent of the generated tables */
static void test_backup_restore_errors(void **state)
{
    (void)state;
    assert_int_equal(JET_errSuccess, 0);
    assert_int_equal(JET_wrnNyi, -1);
    assert_int_equal(JET_errNoBackupDirectory, -503);
    assert_int_equal(JET_errBackupDirectoryNotEmpty, -504);
    assert_int_equal(JET_errBackupInProgress, -505);
    assert_int_equal(JET_errRestoreInProgress, -506);
    assert_int_equal(JET_errMissingPreviousLogFile, -509);
    assert_int_equal(JET_errLogWriteFail, -510);
    assert_int_equal(JET_errNoBackup, -520);
    assert_int_equal(JET_errInvalidBackupSequence, -521);
    assert_int_equal(JET_errBackupNotAllowedYet, -523);
    assert_int_equal(JET_errDeleteBackupFileFail, -524);
    assert_int_equal(JET_errMakeBackupDirectoryFail, -525);
    assert_int_equal(JET_errInvalidBackup, -526);
    assert_int_equal(JET_errRecoveredWithErrors, -527);
    assert_int_equal(JET_errDatabaseDirtyShutdown, -550);
    assert_int_equal(JET_errDatabaseInconsistent, JET_errDatabaseDirtyShutdown);
    assert_int_equal(JET_errBackupAbortByServer, -801);
    assert_int_equal(JET_errRunningInMultiInstanceMode, -1081);
    assert_int_equal(JET_errFileNotFound, -1811);
    assert_int_equal(JET_errDiskFull, -1808);
    assert_int_equal(JET_errOSSnapshotInvalidSequence, -2401);
    assert_int_equal(JET_errOSSnapshotInvalidSnapId, -2404);
    assert_int_equal(JET_errClientSpaceBegin, -10000);
    assert_int_equal(JET_errClientSpaceEnd, -11999);
    assert_int_equal(JET_wrnSeekNotEqual, 1039);
    assert_int_equal(JET_wrnRecordFoundGreater, JET_wrnSeekNotEqual);
    assert_int_equal(JET_errColumnIllegalNull, JET_errNullInvalid);
    assert_int_equal(JET_errNullInvalid, -1504);
}

static void test_backup_grbits(void **state)
{
    (void)state;
    assert_int_equal(JET_bitBackupIncremental, 0x1);
    assert_int_equal(JET_bitBackupAtomic, 0x4);
    assert_int_equal(JET_bitTermComplete, 0x1);
    assert_int_equal(JET_bitTermAbrupt, 0x2);
    assert_int_equal(JET_bitTermStopBackup, 0x4);
#if JET_VERSION >= 0x0501
    assert_int_equal(JET_bitBackupSnapshot, 0x10);
    assert_int_equal(JET_bitBackupEndNormal, 0x1);
    assert_int_equal(JET_bitBackupEndAbort, 0x2);
    assert_int_equal(JET_bitReplayIgnoreMissingDB, 0x4);
    assert_int_equal(JET_snpScrub, 11);
    assert_int_equal(JET_snpUpgradeRecordFormat, 12);
    assert_int_equal(JET_cbtypFreeTableLS, 0x400);
#endif
#if JET_VERSION >= 0x0600
    assert_int_equal(JET_bitBackupTruncateDone, 0x100);
    assert_int_equal(JET_bitRecoveryWithoutUndo, 0x8);
    assert_int_equal(JET_bitTruncateLogsAfterRecovery, 0x10);
    assert_int_equal(JET_bitReplayMissingMapEntryDB, 0x20);
    assert_int_equal(JET_bitLogStreamMustExist, 0x40);
#endif
#if JET_VERSION >= 0x0601
    assert_int_equal(JET_bitTermDirty, 0x8);
    assert_int_equal(JET_bitReplayIgnoreLostLogs, 0x80);
#endif
#if JET_VERSION >= 0x0602
    assert_int_equal(JET_bitStopServiceAll, 0x0);
    assert_int_equal(JET_bitStopServiceBackgroundUserTasks, 0x2);
    assert_int_equal(JET_bitStopServiceQuiesceCaches, 0x4);
    assert_true(JET_bitStopServiceResume == 0x80000000u);
    assert_int_equal(JET_bitKeepDbAttachedAtEndOfRecovery, 0x1000);
#endif
    assert_int_equal(JET_snpRepair, 2);
    assert_int_equal(JET_snpCompact, 4);
    assert_int_equal(JET_snpRestore, 8);
    assert_int_equal(JET_snpBackup, 9);
    assert_int_equal(JET_snpUpgrade, 10);
    assert_int_equal(JET_sntProgress, 0);
    assert_int_equal(JET_sntFail, 3);
    assert_int_equal(JET_sntBegin, 5);
    assert_int_equal(JET_sntComplete, 6);
    assert_int_equal(JET_sntRequirements, 7);
}

static void test_info_levels_and_states(void **state)
{
    (void)state;
    assert_int_equal(JET_DbInfoFilename, 0);
    assert_int_equal(JET_DbInfoMisc, 14);
    assert_int_equal(JET_DbInfoLangid, 3);
    assert_int_equal(JET_dbstateJustCreated, 1);
    assert_int_equal(JET_dbstateDirtyShutdown, 2);
    assert_int_equal(JET_dbstateCleanShutdown, 3);
    assert_int_equal(JET_dbstateBeingConverted, 4);
#if JET_VERSION >= 0x0501
    assert_int_equal(JET_dbstateForceDetach, 5);
    assert_int_equal(JET_DbInfoLCID, 3);
    assert_int_equal(JET_DbInfoPageSize, 17);
    assert_int_equal(JET_paramEventLoggingLevel, 51);
#endif
#if JET_VERSION >= 0x0600
    assert_int_equal(JET_DbInfoFileType, 19);
    assert_int_equal(JET_filetypeCheckpoint, 4);
    assert_int_equal(JET_paramLegacyFileNames, 136);
#endif
#if JET_VERSION >= 0x0603
    assert_int_equal(JET_DbInfoFilesizeOnDisk, 21);
#endif
    assert_int_equal(JET_paramSystemPath, 0);
    assert_int_equal(JET_paramLogFilePath, 2);
    assert_int_equal(JET_paramBaseName, 3);
    assert_int_equal(JET_paramCircularLog, 17);
    assert_int_equal(JET_paramEnableOnlineDefrag, 35);
    assert_int_equal(JET_paramDatabasePageSize, 64);
    assert_int_equal(JET_paramMaxValueInvalid, 221);
    assert_int_equal(JET_MoveNext, 1);
    assert_int_equal(JET_MovePrevious, -1);
    assert_int_equal(JET_MoveLast, 0x7fffffff);
    assert_int_equal(JET_MoveFirst, INT32_MIN);
    assert_true((uint32_t)JET_MoveFirst == 0x80000000u);
}

static void test_callbacks_and_struct_use(void **state)
{
    (void)state;
    assert_int_equal(status_ptr(0, JET_snpBackup, JET_sntProgress, NULL), 9);
#if JET_VERSION >= 0x0501
    assert_int_equal(table_ptr(0, 0, 0, JET_cbtypAfterInsert, NULL, NULL, NULL, 0), 4);
    int x = 0;
    assert_ptr_equal(realloc_ptr(NULL, &x, 4), &x);
#endif
#if JET_VERSION >= 0x0602
    JET_COMMIT_ID cid;
    memset(&cid, 0, sizeof(cid));
    cid.commitId = 40;
    assert_int_equal(durable_ptr(0, &cid, 2), 42);
#endif
    /* anonymous members and bit-fields are reachable by name */
    JET_LOGTIME lt;
    memset(&lt, 0, sizeof(lt));
    lt.fTimeIsUTC = 1;
    lt.bMillisecondsLow = 0x7f;
    assert_int_equal((unsigned char)lt.bFiller1, 0xff);
    lt.bMillisecondsHigh = 7;
    assert_int_equal((unsigned char)lt.bFiller2, 0x0e);
    JET_BKINFO bk;
    memset(&bk, 0, sizeof(bk));
    bk.logtimeMark.bYear = 125;
#if JET_VERSION >= 0x0600
    assert_int_equal(bk.bklogtimeMark.bYear, 125);
#endif
    JET_DBINFOUPGRADE up;
    memset(&up, 0, sizeof(up));
    up.fAlreadyUpgraded = 1;
    assert_int_equal(up.ulFlags, 2);
    JET_INDEXCREATE_A ic;
    memset(&ic, 0, sizeof(ic));
    ic.lcid = 1033;
    ic.cbVarSegMac = 8;
    assert_int_equal(ic.lcid, 1033);
    JET_SIGNATURE sig;
    assert_int_equal(sizeof(sig.szComputerName), JET_MAX_COMPUTERNAME_LENGTH + 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_generated_constants),
        cmocka_unit_test(test_all_errors_and_params_listed),
        cmocka_unit_test(test_struct_sizes),
        cmocka_unit_test(test_name_mapping),
        cmocka_unit_test(test_nil_handles),
        cmocka_unit_test(test_backup_restore_errors),
        cmocka_unit_test(test_backup_grbits),
        cmocka_unit_test(test_info_levels_and_states),
        cmocka_unit_test(test_callbacks_and_struct_use),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
