/*
 * esent_expected.h - expected values and layouts of the public esent.h
 * API, generated from the tables of the esent.h fact reference
 * (esent-api-reference.md): every public constant, structure size and
 * field offset, and every A/W name mapping.
 * Included by the header tests; do not include it twice in one file.
 *
 * Every table entry is guarded by the JET_VERSION / JET_UNICODE
 * condition the reference gives for it, so the tests can be built with
 * any JET_VERSION.
 */
#ifndef JET_TEST_ESENT_EXPECTED_H
#define JET_TEST_ESENT_EXPECTED_H

#include <stddef.h>
#include <stdint.h>
#include "esent.h"

#if defined(__cplusplus)
#define JET_STATIC_ASSERT(cond, msg) static_assert(cond, msg)
#else
#define JET_STATIC_ASSERT(cond, msg) _Static_assert(cond, msg)
#endif
/* x64 offsets hold wherever pointers are 64-bit */
#define JET_TEST_LP64 (UINTPTR_MAX == UINT64_MAX)
/* W structures embedding WCHAR arrays match Windows only with a 16-bit wchar_t */
#if defined(__SIZEOF_WCHAR_T__) && __SIZEOF_WCHAR_T__ == 2
#define JET_TEST_WCHAR16 1
#else
#define JET_TEST_WCHAR16 0
#endif

typedef struct {
    const char *name;
    int64_t actual;
    int64_t expected;
} jet_expected_const;

typedef struct {
    const char *group;
    const jet_expected_const *entries;
    size_t count;
} jet_expected_group;

#define JET_XC(name, value) { #name, (int64_t)(name), (int64_t)(value) }

/* 3.1 Nil handles and limits */
static const jet_expected_const jet_xc_nil_handles_and_limits[] = {
    JET_XC(JET_dbidNil, 4294967295),
    JET_XC(JET_bitNil, 0),
    JET_XC(JET_cbBookmarkMost, 256),
#if JET_VERSION >= 0x0601
    JET_XC(JET_cbBookmarkMostMost, 2000),
#endif
    JET_XC(JET_cbColumnLVPageOverhead, 82),
    JET_XC(JET_cbLVDefaultValueMost, 255),
    JET_XC(JET_cbColumnMost, 255),
    JET_XC(JET_cbLVColumnMost, 0x7FFFFFFF),
#if JET_VERSION >= 0x0601
    JET_XC(JET_cbKeyMostMost, 2000),
    JET_XC(JET_cbKeyMost32KBytePage, 2000),
    JET_XC(JET_cbKeyMost16KBytePage, 2000),
#endif
#if JET_VERSION >= 0x0600
    JET_XC(JET_cbKeyMost8KBytePage, 2000),
    JET_XC(JET_cbKeyMost4KBytePage, 1000),
    JET_XC(JET_cbKeyMost2KBytePage, 500),
    JET_XC(JET_cbKeyMostMin, 255),
#endif
    JET_XC(JET_cbKeyMost, 255),
    JET_XC(JET_cbLimitKeyMost, 256),
    JET_XC(JET_cbPrimaryKeyMost, 255),
    JET_XC(JET_cbSecondaryKeyMost, 255),
#if JET_VERSION >= 0x0600
    JET_XC(JET_ccolKeyMost, 16),
#endif
#if JET_VERSION < 0x0600
    JET_XC(JET_ccolKeyMost, 12),
#endif
#if JET_VERSION >= 0x0501
    JET_XC(JET_ccolMost, 0x0000fee0),
#endif
#if JET_VERSION < 0x0501
    JET_XC(JET_ccolMost, 0x00007ffe),
#endif
    JET_XC(JET_ccolFixedMost, 0x0000007f),
    JET_XC(JET_ccolVarMost, 0x00000080),
    JET_XC(JET_ccolTaggedMost, 64993),
    JET_XC(JET_MAX_COMPUTERNAME_LENGTH, 15),
#if JET_VERSION >= 0x0501
    JET_XC(JET_BASE_NAME_LENGTH, 3),
#endif
    { NULL, 0, 0 }
};

/* 3.2 Column types (JET_coltyp*) */
static const jet_expected_const jet_xc_column_types_jet_coltyp[] = {
    JET_XC(JET_coltypNil, 0),
    JET_XC(JET_coltypBit, 1),
    JET_XC(JET_coltypUnsignedByte, 2),
    JET_XC(JET_coltypShort, 3),
    JET_XC(JET_coltypLong, 4),
    JET_XC(JET_coltypCurrency, 5),
    JET_XC(JET_coltypIEEESingle, 6),
    JET_XC(JET_coltypIEEEDouble, 7),
    JET_XC(JET_coltypDateTime, 8),
    JET_XC(JET_coltypBinary, 9),
    JET_XC(JET_coltypText, 10),
    JET_XC(JET_coltypLongBinary, 11),
    JET_XC(JET_coltypLongText, 12),
#if JET_VERSION < 0x0501
    JET_XC(JET_coltypMax, 13),
#endif
#if JET_VERSION >= 0x0501
    JET_XC(JET_coltypSLV, 13),
#endif
#if JET_VERSION >= 0x0501 && JET_VERSION < 0x0600
    JET_XC(JET_coltypMax, 14),
#endif
#if JET_VERSION >= 0x0600
    JET_XC(JET_coltypUnsignedLong, 14),
    JET_XC(JET_coltypLongLong, 15),
    JET_XC(JET_coltypGUID, 16),
    JET_XC(JET_coltypUnsignedShort, 17),
#endif
#if JET_VERSION >= 0x0600 && JET_VERSION <= 0x0603
    JET_XC(JET_coltypMax, 18),
#endif
#if JET_VERSION >= 0x0A00
    JET_XC(JET_coltypUnsignedLongLong, 18),
    JET_XC(JET_coltypMax, 19),
#endif
    { NULL, 0, 0 }
};

/* 5.1 Status-notification processes (JET_snp*) - snp argument of JET_PFNSTATUS */
static const jet_expected_const jet_xc_status_notification_processes_jet_snp_snp_argument_of_jet_pf[] = {
    JET_XC(JET_snpRepair, 2),
    JET_XC(JET_snpCompact, 4),
    JET_XC(JET_snpRestore, 8),
    JET_XC(JET_snpBackup, 9),
    JET_XC(JET_snpUpgrade, 10),
#if JET_VERSION >= 0x0501
    JET_XC(JET_snpScrub, 11),
    JET_XC(JET_snpUpgradeRecordFormat, 12),
#endif
    { NULL, 0, 0 }
};

/* 5.2 Status-notification types (JET_snt*) - snt argument */
static const jet_expected_const jet_xc_status_notification_types_jet_snt_snt_argument[] = {
    JET_XC(JET_sntBegin, 5),
    JET_XC(JET_sntRequirements, 7),
    JET_XC(JET_sntProgress, 0),
    JET_XC(JET_sntComplete, 6),
    JET_XC(JET_sntFail, 3),
    { NULL, 0, 0 }
};

/* 5.3 Callback types (JET_cbtyp*) for JET_CALLBACK / JetRegisterCallback */
static const jet_expected_const jet_xc_callback_types_jet_cbtyp_for_jet_callback_jetregistercallbac[] = {
#if JET_VERSION >= 0x0501
    JET_XC(JET_cbtypNull, 0x00000000),
    JET_XC(JET_cbtypFinalize, 0x00000001),
    JET_XC(JET_cbtypBeforeInsert, 0x00000002),
    JET_XC(JET_cbtypAfterInsert, 0x00000004),
    JET_XC(JET_cbtypBeforeReplace, 0x00000008),
    JET_XC(JET_cbtypAfterReplace, 0x00000010),
    JET_XC(JET_cbtypBeforeDelete, 0x00000020),
    JET_XC(JET_cbtypAfterDelete, 0x00000040),
    JET_XC(JET_cbtypUserDefinedDefaultValue, 0x00000080),
    JET_XC(JET_cbtypOnlineDefragCompleted, 0x00000100),
    JET_XC(JET_cbtypFreeCursorLS, 0x00000200),
    JET_XC(JET_cbtypFreeTableLS, 0x00000400),
#endif
    { NULL, 0, 0 }
};

/* 6.1 SUCCESS */
static const jet_expected_const jet_xc_success[] = {
    JET_XC(JET_errSuccess, 0),
    { NULL, 0, 0 }
};

/* 6.2 ERRORS (generic) */
static const jet_expected_const jet_xc_errors_generic[] = {
    JET_XC(JET_wrnNyi, -1),
    { NULL, 0, 0 }
};

/* 6.3 SYSTEM errors */
static const jet_expected_const jet_xc_system_errors[] = {
    JET_XC(JET_errRfsFailure, -100),
    JET_XC(JET_errRfsNotArmed, -101),
    JET_XC(JET_errFileClose, -102),
    JET_XC(JET_errOutOfThreads, -103),
    JET_XC(JET_errTooManyIO, -105),
    JET_XC(JET_errTaskDropped, -106),
    JET_XC(JET_errInternalError, -107),
    JET_XC(JET_errDisabledFunctionality, -112),
    JET_XC(JET_errUnloadableOSFunctionality, -113),
    { NULL, 0, 0 }
};

/* 6.4 BUFFER MANAGER errors */
static const jet_expected_const jet_xc_buffer_manager_errors[] = {
    JET_XC(JET_errDatabaseBufferDependenciesCorrupted, -255),
    { NULL, 0, 0 }
};

/* 6.5 DIRECTORY MANAGER errors */
static const jet_expected_const jet_xc_directory_manager_errors[] = {
    JET_XC(JET_wrnRemainingVersions, 321),
    JET_XC(JET_errPreviousVersion, -322),
    JET_XC(JET_errPageBoundary, -323),
    JET_XC(JET_errKeyBoundary, -324),
    JET_XC(JET_errBadPageLink, -327),
    JET_XC(JET_errBadBookmark, -328),
    JET_XC(JET_errNTSystemCallFailed, -334),
    JET_XC(JET_errBadParentPageLink, -338),
    JET_XC(JET_errSPAvailExtCacheOutOfSync, -340),
    JET_XC(JET_errSPAvailExtCorrupted, -341),
    JET_XC(JET_errSPAvailExtCacheOutOfMemory, -342),
    JET_XC(JET_errSPOwnExtCorrupted, -343),
    JET_XC(JET_errDbTimeCorrupted, -344),
    JET_XC(JET_wrnUniqueKey, 345),
    JET_XC(JET_errKeyTruncated, -346),
    JET_XC(JET_errDatabaseLeakInSpace, -348),
    JET_XC(JET_errBadEmptyPage, -351),
    JET_XC(JET_errBadLineCount, -354),
    JET_XC(JET_errPageTagCorrupted, -357),
    JET_XC(JET_errNodeCorrupted, -358),
    { NULL, 0, 0 }
};

/* 6.6 RECORD MANAGER errors */
static const jet_expected_const jet_xc_record_manager_errors[] = {
    JET_XC(JET_wrnSeparateLongValue, 406),
    JET_XC(JET_wrnRecordFoundGreater, 1039),
    JET_XC(JET_wrnRecordFoundLess, 1039),
    JET_XC(JET_errColumnIllegalNull, -1504),
    JET_XC(JET_errKeyTooBig, -408),
    JET_XC(JET_errCannotSeparateIntrinsicLV, -416),
    JET_XC(JET_errSeparatedLongValue, -421),
    JET_XC(JET_errMustBeSeparateLongValue, -423),
    JET_XC(JET_errInvalidPreread, -424),
    { NULL, 0, 0 }
};

/* 6.7 LOGGING/RECOVERY errors */
static const jet_expected_const jet_xc_logging_recovery_errors[] = {
    JET_XC(JET_errInvalidLoggedOperation, -500),
    JET_XC(JET_errLogFileCorrupt, -501),
    JET_XC(JET_errNoBackupDirectory, -503),
    JET_XC(JET_errBackupDirectoryNotEmpty, -504),
    JET_XC(JET_errBackupInProgress, -505),
    JET_XC(JET_errRestoreInProgress, -506),
    JET_XC(JET_errMissingPreviousLogFile, -509),
    JET_XC(JET_errLogWriteFail, -510),
    JET_XC(JET_errLogDisabledDueToRecoveryFailure, -511),
    JET_XC(JET_errCannotLogDuringRecoveryRedo, -512),
    JET_XC(JET_errLogGenerationMismatch, -513),
    JET_XC(JET_errBadLogVersion, -514),
    JET_XC(JET_errInvalidLogSequence, -515),
    JET_XC(JET_errLoggingDisabled, -516),
    JET_XC(JET_errLogBufferTooSmall, -517),
    JET_XC(JET_errLogSequenceEnd, -519),
    JET_XC(JET_errNoBackup, -520),
    JET_XC(JET_errInvalidBackupSequence, -521),
    JET_XC(JET_errBackupNotAllowedYet, -523),
    JET_XC(JET_errDeleteBackupFileFail, -524),
    JET_XC(JET_errMakeBackupDirectoryFail, -525),
    JET_XC(JET_errInvalidBackup, -526),
    JET_XC(JET_errRecoveredWithErrors, -527),
    JET_XC(JET_errMissingLogFile, -528),
    JET_XC(JET_errLogDiskFull, -529),
    JET_XC(JET_errBadLogSignature, -530),
    JET_XC(JET_errBadDbSignature, -531),
    JET_XC(JET_errBadCheckpointSignature, -532),
    JET_XC(JET_errCheckpointCorrupt, -533),
    JET_XC(JET_errMissingPatchPage, -534),
    JET_XC(JET_errBadPatchPage, -535),
    JET_XC(JET_errRedoAbruptEnded, -536),
    JET_XC(JET_errPatchFileMissing, -538),
    JET_XC(JET_errDatabaseLogSetMismatch, -539),
    JET_XC(JET_errDatabaseStreamingFileMismatch, -540),
    JET_XC(JET_errLogFileSizeMismatch, -541),
    JET_XC(JET_errCheckpointFileNotFound, -542),
    JET_XC(JET_errRequiredLogFilesMissing, -543),
    JET_XC(JET_errSoftRecoveryOnBackupDatabase, -544),
    JET_XC(JET_errLogFileSizeMismatchDatabasesConsistent, -545),
    JET_XC(JET_errLogSectorSizeMismatch, -546),
    JET_XC(JET_errLogSectorSizeMismatchDatabasesConsistent, -547),
    JET_XC(JET_errLogSequenceEndDatabasesConsistent, -548),
    JET_XC(JET_errStreamingDataNotLogged, -549),
    JET_XC(JET_errDatabaseDirtyShutdown, -550),
    JET_XC(JET_errDatabaseInconsistent, -550),
    JET_XC(JET_errConsistentTimeMismatch, -551),
    JET_XC(JET_errDatabasePatchFileMismatch, -552),
    JET_XC(JET_errEndingRestoreLogTooLow, -553),
    JET_XC(JET_errStartingRestoreLogTooHigh, -554),
    JET_XC(JET_errGivenLogFileHasBadSignature, -555),
    JET_XC(JET_errGivenLogFileIsNotContiguous, -556),
    JET_XC(JET_errMissingRestoreLogFiles, -557),
    JET_XC(JET_wrnExistingLogFileHasBadSignature, 558),
    JET_XC(JET_wrnExistingLogFileIsNotContiguous, 559),
    JET_XC(JET_errMissingFullBackup, -560),
    JET_XC(JET_errBadBackupDatabaseSize, -561),
    JET_XC(JET_errDatabaseAlreadyUpgraded, -562),
    JET_XC(JET_errDatabaseIncompleteUpgrade, -563),
    JET_XC(JET_wrnSkipThisRecord, 564),
    JET_XC(JET_errMissingCurrentLogFiles, -565),
    JET_XC(JET_errDbTimeTooOld, -566),
    JET_XC(JET_errDbTimeTooNew, -567),
    JET_XC(JET_errMissingFileToBackup, -569),
    JET_XC(JET_errLogTornWriteDuringHardRestore, -570),
    JET_XC(JET_errLogTornWriteDuringHardRecovery, -571),
    JET_XC(JET_errLogCorruptDuringHardRestore, -573),
    JET_XC(JET_errLogCorruptDuringHardRecovery, -574),
    JET_XC(JET_errMustDisableLoggingForDbUpgrade, -575),
    JET_XC(JET_errBadRestoreTargetInstance, -577),
    JET_XC(JET_wrnTargetInstanceRunning, 578),
    JET_XC(JET_errRecoveredWithoutUndo, -579),
    JET_XC(JET_errDatabasesNotFromSameSnapshot, -580),
    JET_XC(JET_errSoftRecoveryOnSnapshot, -581),
    JET_XC(JET_errCommittedLogFilesMissing, -582),
    JET_XC(JET_errSectorSizeNotSupported, -583),
    JET_XC(JET_errRecoveredWithoutUndoDatabasesConsistent, -584),
    JET_XC(JET_wrnCommittedLogFilesLost, 585),
    JET_XC(JET_errCommittedLogFileCorrupt, -586),
    JET_XC(JET_wrnCommittedLogFilesRemoved, 587),
    JET_XC(JET_wrnFinishWithUndo, 588),
    JET_XC(JET_errLogSequenceChecksumMismatch, -590),
    JET_XC(JET_wrnDatabaseRepaired, 595),
    JET_XC(JET_errPageInitializedMismatch, -596),
    JET_XC(JET_errUnicodeTranslationBufferTooSmall, -601),
    JET_XC(JET_errUnicodeTranslationFail, -602),
    JET_XC(JET_errUnicodeNormalizationNotSupported, -603),
    JET_XC(JET_errUnicodeLanguageValidationFailure, -604),
    JET_XC(JET_errExistingLogFileHasBadSignature, -610),
    JET_XC(JET_errExistingLogFileIsNotContiguous, -611),
    JET_XC(JET_errLogReadVerifyFailure, -612),
    JET_XC(JET_errCheckpointDepthTooDeep, -614),
    JET_XC(JET_errRestoreOfNonBackupDatabase, -615),
    JET_XC(JET_errLogFileNotCopied, -616),
    JET_XC(JET_errTransactionTooLong, -618),
    JET_XC(JET_errEngineFormatVersionNoLongerSupportedTooLow, -619),
    JET_XC(JET_errEngineFormatVersionNotYetImplementedTooHigh, -620),
    JET_XC(JET_errEngineFormatVersionParamTooLowForRequestedFeature, -621),
    JET_XC(JET_errEngineFormatVersionSpecifiedTooLowForLogVersion, -622),
    JET_XC(JET_errEngineFormatVersionSpecifiedTooLowForDatabaseVersion, -623),
    JET_XC(JET_errDbTimeBeyondMaxRequired, -625),
    JET_XC(JET_errLogOperationInconsistentWithDatabase, -626),
    JET_XC(JET_errBackupAbortByServer, -801),
    JET_XC(JET_errInvalidGrbit, -900),
    JET_XC(JET_errTermInProgress, -1000),
    JET_XC(JET_errFeatureNotAvailable, -1001),
    JET_XC(JET_errInvalidName, -1002),
    JET_XC(JET_errInvalidParameter, -1003),
    JET_XC(JET_wrnColumnNull, 1004),
    JET_XC(JET_wrnBufferTruncated, 1006),
    JET_XC(JET_wrnDatabaseAttached, 1007),
    JET_XC(JET_errDatabaseFileReadOnly, -1008),
    JET_XC(JET_wrnSortOverflow, 1009),
    JET_XC(JET_errInvalidDatabaseId, -1010),
    JET_XC(JET_errOutOfMemory, -1011),
    JET_XC(JET_errOutOfDatabaseSpace, -1012),
    JET_XC(JET_errOutOfCursors, -1013),
    JET_XC(JET_errOutOfBuffers, -1014),
    JET_XC(JET_errTooManyIndexes, -1015),
    JET_XC(JET_errTooManyKeys, -1016),
    JET_XC(JET_errRecordDeleted, -1017),
    JET_XC(JET_errReadVerifyFailure, -1018),
    JET_XC(JET_errPageNotInitialized, -1019),
    JET_XC(JET_errOutOfFileHandles, -1020),
    JET_XC(JET_errDiskReadVerificationFailure, -1021),
    JET_XC(JET_errDiskIO, -1022),
    JET_XC(JET_errInvalidPath, -1023),
    JET_XC(JET_errInvalidSystemPath, -1024),
    JET_XC(JET_errInvalidLogDirectory, -1025),
    JET_XC(JET_errRecordTooBig, -1026),
    JET_XC(JET_errTooManyOpenDatabases, -1027),
    JET_XC(JET_errInvalidDatabase, -1028),
    JET_XC(JET_errNotInitialized, -1029),
    JET_XC(JET_errAlreadyInitialized, -1030),
    JET_XC(JET_errInitInProgress, -1031),
    JET_XC(JET_errFileAccessDenied, -1032),
    JET_XC(JET_errBufferTooSmall, -1038),
    JET_XC(JET_wrnSeekNotEqual, 1039),
    JET_XC(JET_errTooManyColumns, -1040),
    JET_XC(JET_errContainerNotEmpty, -1043),
    JET_XC(JET_errInvalidFilename, -1044),
    JET_XC(JET_errInvalidBookmark, -1045),
    JET_XC(JET_errColumnInUse, -1046),
    JET_XC(JET_errInvalidBufferSize, -1047),
    JET_XC(JET_errColumnNotUpdatable, -1048),
    JET_XC(JET_errIndexInUse, -1051),
    JET_XC(JET_errLinkNotSupported, -1052),
    JET_XC(JET_errNullKeyDisallowed, -1053),
    JET_XC(JET_errNotInTransaction, -1054),
    JET_XC(JET_wrnNoErrorInfo, 1055),
    JET_XC(JET_errMustRollback, -1057),
    JET_XC(JET_wrnNoIdleActivity, 1058),
    JET_XC(JET_errTooManyActiveUsers, -1059),
    JET_XC(JET_errInvalidCountry, -1061),
    JET_XC(JET_errInvalidLanguageId, -1062),
    JET_XC(JET_errInvalidCodePage, -1063),
    JET_XC(JET_errInvalidLCMapStringFlags, -1064),
    JET_XC(JET_errVersionStoreEntryTooBig, -1065),
    JET_XC(JET_errVersionStoreOutOfMemoryAndCleanupTimedOut, -1066),
    JET_XC(JET_wrnNoWriteLock, 1067),
    JET_XC(JET_wrnColumnSetNull, 1068),
    JET_XC(JET_errVersionStoreOutOfMemory, -1069),
    JET_XC(JET_errCannotIndex, -1071),
    JET_XC(JET_errRecordNotDeleted, -1072),
    JET_XC(JET_errTooManyMempoolEntries, -1073),
    JET_XC(JET_errOutOfObjectIDs, -1074),
    JET_XC(JET_errOutOfLongValueIDs, -1075),
    JET_XC(JET_errOutOfAutoincrementValues, -1076),
    JET_XC(JET_errOutOfDbtimeValues, -1077),
    JET_XC(JET_errOutOfSequentialIndexValues, -1078),
    JET_XC(JET_errRunningInOneInstanceMode, -1080),
    JET_XC(JET_errRunningInMultiInstanceMode, -1081),
    JET_XC(JET_errSystemParamsAlreadySet, -1082),
    JET_XC(JET_errSystemPathInUse, -1083),
    JET_XC(JET_errLogFilePathInUse, -1084),
    JET_XC(JET_errTempPathInUse, -1085),
    JET_XC(JET_errInstanceNameInUse, -1086),
    JET_XC(JET_errSystemParameterConflict, -1087),
    JET_XC(JET_errInstanceUnavailable, -1090),
    JET_XC(JET_errDatabaseUnavailable, -1091),
    JET_XC(JET_errInstanceUnavailableDueToFatalLogDiskFull, -1092),
    JET_XC(JET_errInvalidSesparamId, -1093),
    JET_XC(JET_errTooManyRecords, -1094),
    JET_XC(JET_errInvalidDbparamId, -1095),
    JET_XC(JET_errOutOfSessions, -1101),
    JET_XC(JET_errWriteConflict, -1102),
    JET_XC(JET_errTransTooDeep, -1103),
    JET_XC(JET_errInvalidSesid, -1104),
    JET_XC(JET_errWriteConflictPrimaryIndex, -1105),
    JET_XC(JET_errInTransaction, -1108),
    JET_XC(JET_errRollbackRequired, -1109),
    JET_XC(JET_errTransReadOnly, -1110),
    JET_XC(JET_errSessionWriteConflict, -1111),
    JET_XC(JET_errRecordTooBigForBackwardCompatibility, -1112),
    JET_XC(JET_errCannotMaterializeForwardOnlySort, -1113),
    JET_XC(JET_errSesidTableIdMismatch, -1114),
    JET_XC(JET_errInvalidInstance, -1115),
    JET_XC(JET_errDirtyShutdown, -1116),
    JET_XC(JET_errReadPgnoVerifyFailure, -1118),
    JET_XC(JET_errReadLostFlushVerifyFailure, -1119),
    JET_XC(JET_errFileSystemCorruption, -1121),
    JET_XC(JET_wrnShrinkNotPossible, 1122),
    JET_XC(JET_errRecoveryVerifyFailure, -1123),
    JET_XC(JET_errFilteredMoveNotSupported, -1124),
    JET_XC(JET_errDatabaseDuplicate, -1201),
    JET_XC(JET_errDatabaseInUse, -1202),
    JET_XC(JET_errDatabaseNotFound, -1203),
    JET_XC(JET_errDatabaseInvalidName, -1204),
    JET_XC(JET_errDatabaseInvalidPages, -1205),
    JET_XC(JET_errDatabaseCorrupted, -1206),
    JET_XC(JET_errDatabaseLocked, -1207),
    JET_XC(JET_errCannotDisableVersioning, -1208),
    JET_XC(JET_errInvalidDatabaseVersion, -1209),
    { NULL, 0, 0 }
};

/* 6.8 NT-client database-format errors (returned by JetInit when JET_paramCheckFormatWhenOpenFail is set) */
static const jet_expected_const jet_xc_nt_client_database_format_errors_returned_by_jetinit_when_je[] = {
    JET_XC(JET_errDatabase200Format, -1210),
    JET_XC(JET_errDatabase400Format, -1211),
    JET_XC(JET_errDatabase500Format, -1212),
    JET_XC(JET_errPageSizeMismatch, -1213),
    JET_XC(JET_errTooManyInstances, -1214),
    JET_XC(JET_errDatabaseSharingViolation, -1215),
    JET_XC(JET_errAttachedDatabaseMismatch, -1216),
    JET_XC(JET_errDatabaseInvalidPath, -1217),
    JET_XC(JET_errDatabaseIdInUse, -1218),
    JET_XC(JET_errForceDetachNotAllowed, -1219),
    JET_XC(JET_errCatalogCorrupted, -1220),
    JET_XC(JET_errPartiallyAttachedDB, -1221),
    JET_XC(JET_errDatabaseSignInUse, -1222),
    JET_XC(JET_errDatabaseCorruptedNoRepair, -1224),
    JET_XC(JET_errInvalidCreateDbVersion, -1225),
    JET_XC(JET_errDatabaseNotReady, -1230),
    JET_XC(JET_errDatabaseAttachedForRecovery, -1231),
    JET_XC(JET_errTransactionsNotReadyDuringRecovery, -1232),
    JET_XC(JET_wrnTableEmpty, 1301),
    JET_XC(JET_errTableLocked, -1302),
    JET_XC(JET_errTableDuplicate, -1303),
    JET_XC(JET_errTableInUse, -1304),
    JET_XC(JET_errObjectNotFound, -1305),
    JET_XC(JET_errDensityInvalid, -1307),
    JET_XC(JET_errTableNotEmpty, -1308),
    JET_XC(JET_errInvalidTableId, -1310),
    JET_XC(JET_errTooManyOpenTables, -1311),
    JET_XC(JET_errIllegalOperation, -1312),
    JET_XC(JET_errTooManyOpenTablesAndCleanupTimedOut, -1313),
    JET_XC(JET_errObjectDuplicate, -1314),
    JET_XC(JET_errInvalidObject, -1316),
    JET_XC(JET_errCannotDeleteTempTable, -1317),
    JET_XC(JET_errCannotDeleteSystemTable, -1318),
    JET_XC(JET_errCannotDeleteTemplateTable, -1319),
    JET_XC(JET_errExclusiveTableLockRequired, -1322),
    JET_XC(JET_errFixedDDL, -1323),
    JET_XC(JET_errFixedInheritedDDL, -1324),
    JET_XC(JET_errCannotNestDDL, -1325),
    JET_XC(JET_errDDLNotInheritable, -1326),
    JET_XC(JET_wrnTableInUseBySystem, 1327),
    JET_XC(JET_errInvalidSettings, -1328),
    JET_XC(JET_errClientRequestToStopJetService, -1329),
    JET_XC(JET_errCannotAddFixedVarColumnToDerivedTable, -1330),
    { NULL, 0, 0 }
};

/* 6.9 DDL errors */
static const jet_expected_const jet_xc_ddl_errors[] = {
    JET_XC(JET_errIndexCantBuild, -1401),
    JET_XC(JET_errIndexHasPrimary, -1402),
    JET_XC(JET_errIndexDuplicate, -1403),
    JET_XC(JET_errIndexNotFound, -1404),
    JET_XC(JET_errIndexMustStay, -1405),
    JET_XC(JET_errIndexInvalidDef, -1406),
    JET_XC(JET_errInvalidCreateIndex, -1409),
    JET_XC(JET_errTooManyOpenIndexes, -1410),
    JET_XC(JET_errMultiValuedIndexViolation, -1411),
    JET_XC(JET_errIndexBuildCorrupted, -1412),
    JET_XC(JET_errPrimaryIndexCorrupted, -1413),
    JET_XC(JET_errSecondaryIndexCorrupted, -1414),
    JET_XC(JET_wrnCorruptIndexDeleted, 1415),
    JET_XC(JET_errInvalidIndexId, -1416),
    JET_XC(JET_wrnPrimaryIndexOutOfDate, 1417),
    JET_XC(JET_wrnSecondaryIndexOutOfDate, 1418),
    JET_XC(JET_errIndexTuplesSecondaryIndexOnly, -1430),
    JET_XC(JET_errIndexTuplesTooManyColumns, -1431),
    JET_XC(JET_errIndexTuplesOneColumnOnly, -1431),
    JET_XC(JET_errIndexTuplesNonUniqueOnly, -1432),
    JET_XC(JET_errIndexTuplesTextBinaryColumnsOnly, -1433),
    JET_XC(JET_errIndexTuplesTextColumnsOnly, -1433),
    JET_XC(JET_errIndexTuplesVarSegMacNotAllowed, -1434),
    JET_XC(JET_errIndexTuplesInvalidLimits, -1435),
    JET_XC(JET_errIndexTuplesCannotRetrieveFromIndex, -1436),
    JET_XC(JET_errIndexTuplesKeyTooSmall, -1437),
    JET_XC(JET_errInvalidLVChunkSize, -1438),
    JET_XC(JET_errColumnCannotBeEncrypted, -1439),
    JET_XC(JET_errCannotIndexOnEncryptedColumn, -1440),
    { NULL, 0, 0 }
};

/* 6.10 DML errors */
static const jet_expected_const jet_xc_dml_errors[] = {
    JET_XC(JET_errColumnLong, -1501),
    JET_XC(JET_errColumnNoChunk, -1502),
    JET_XC(JET_errColumnDoesNotFit, -1503),
    JET_XC(JET_errNullInvalid, -1504),
    JET_XC(JET_errColumnIndexed, -1505),
    JET_XC(JET_errColumnTooBig, -1506),
    JET_XC(JET_errColumnNotFound, -1507),
    JET_XC(JET_errColumnDuplicate, -1508),
    JET_XC(JET_errMultiValuedColumnMustBeTagged, -1509),
    JET_XC(JET_errColumnRedundant, -1510),
    JET_XC(JET_errInvalidColumnType, -1511),
    JET_XC(JET_wrnColumnMaxTruncated, 1512),
    JET_XC(JET_errTaggedNotNULL, -1514),
    JET_XC(JET_errNoCurrentIndex, -1515),
    JET_XC(JET_errKeyIsMade, -1516),
    JET_XC(JET_errBadColumnId, -1517),
    JET_XC(JET_errBadItagSequence, -1518),
    JET_XC(JET_errColumnInRelationship, -1519),
    JET_XC(JET_wrnCopyLongValue, 1520),
    JET_XC(JET_errCannotBeTagged, -1521),
    JET_XC(JET_errDefaultValueTooBig, -1524),
    JET_XC(JET_errMultiValuedDuplicate, -1525),
    JET_XC(JET_errLVCorrupted, -1526),
    JET_XC(JET_errMultiValuedDuplicateAfterTruncation, -1528),
    JET_XC(JET_errDerivedColumnCorruption, -1529),
    JET_XC(JET_errInvalidPlaceholderColumn, -1530),
    JET_XC(JET_wrnColumnSkipped, 1531),
    JET_XC(JET_wrnColumnNotLocal, 1532),
    JET_XC(JET_wrnColumnMoreTags, 1533),
    JET_XC(JET_wrnColumnTruncated, 1534),
    JET_XC(JET_wrnColumnPresent, 1535),
    JET_XC(JET_wrnColumnSingleValue, 1536),
    JET_XC(JET_wrnColumnDefault, 1537),
    JET_XC(JET_errColumnCannotBeCompressed, -1538),
    JET_XC(JET_wrnColumnNotInRecord, 1539),
    JET_XC(JET_errColumnNoEncryptionKey, -1540),
    JET_XC(JET_wrnColumnReference, 1541),
    JET_XC(JET_errRecordNotFound, -1601),
    JET_XC(JET_errRecordNoCopy, -1602),
    JET_XC(JET_errNoCurrentRecord, -1603),
    JET_XC(JET_errRecordPrimaryChanged, -1604),
    JET_XC(JET_errKeyDuplicate, -1605),
    JET_XC(JET_errAlreadyPrepared, -1607),
    JET_XC(JET_errKeyNotMade, -1608),
    JET_XC(JET_errUpdateNotPrepared, -1609),
    JET_XC(JET_wrnDataHasChanged, 1610),
    JET_XC(JET_errDataHasChanged, -1611),
    JET_XC(JET_wrnKeyChanged, 1618),
    JET_XC(JET_errLanguageNotSupported, -1619),
    JET_XC(JET_errDecompressionFailed, -1620),
    JET_XC(JET_errUpdateMustVersion, -1621),
    JET_XC(JET_errDecryptionFailed, -1622),
    JET_XC(JET_errEncryptionBadItag, -1623),
    JET_XC(JET_errSetAutoIncrementTooHigh, -1624),
    JET_XC(JET_errAutoIncrementNotSet, -1625),
    { NULL, 0, 0 }
};

/* 6.11 Sort Table errors */
static const jet_expected_const jet_xc_sort_table_errors[] = {
    JET_XC(JET_errTooManySorts, -1701),
    JET_XC(JET_errInvalidOnSort, -1702),
    { NULL, 0, 0 }
};

/* 6.12 Other errors */
static const jet_expected_const jet_xc_other_errors[] = {
    JET_XC(JET_errTempFileOpenError, -1803),
    JET_XC(JET_errTooManyAttachedDatabases, -1805),
    JET_XC(JET_errDiskFull, -1808),
    JET_XC(JET_errPermissionDenied, -1809),
    JET_XC(JET_errFileNotFound, -1811),
    JET_XC(JET_errFileInvalidType, -1812),
    JET_XC(JET_wrnFileOpenReadOnly, 1813),
    JET_XC(JET_errFileAlreadyExists, -1814),
    JET_XC(JET_errAfterInitialization, -1850),
    JET_XC(JET_errLogCorrupted, -1852),
    JET_XC(JET_errInvalidOperation, -1906),
    JET_XC(JET_errAccessDenied, -1907),
    JET_XC(JET_wrnIdleFull, 1908),
    JET_XC(JET_errTooManySplits, -1909),
    JET_XC(JET_errSessionSharingViolation, -1910),
    JET_XC(JET_errEntryPointNotFound, -1911),
    JET_XC(JET_errSessionContextAlreadySet, -1912),
    JET_XC(JET_errSessionContextNotSetByThisThread, -1913),
    JET_XC(JET_errSessionInUse, -1914),
    JET_XC(JET_errRecordFormatConversionFailed, -1915),
    JET_XC(JET_errOneDatabasePerSession, -1916),
    JET_XC(JET_errRollbackError, -1917),
    JET_XC(JET_errFlushMapVersionUnsupported, -1918),
    JET_XC(JET_errFlushMapDatabaseMismatch, -1919),
    JET_XC(JET_errFlushMapUnrecoverable, -1920),
    JET_XC(JET_wrnDefragAlreadyRunning, 2000),
    JET_XC(JET_wrnDefragNotRunning, 2001),
    JET_XC(JET_errDatabaseAlreadyRunningMaintenance, -2004),
    JET_XC(JET_wrnCallbackNotRegistered, 2100),
    JET_XC(JET_errCallbackFailed, -2101),
    JET_XC(JET_errCallbackNotResolved, -2102),
    JET_XC(JET_errSpaceHintsInvalid, -2103),
    JET_XC(JET_errOSSnapshotInvalidSequence, -2401),
    JET_XC(JET_errOSSnapshotTimeOut, -2402),
    JET_XC(JET_errOSSnapshotNotAllowed, -2403),
    JET_XC(JET_errOSSnapshotInvalidSnapId, -2404),
    { NULL, 0, 0 }
};

/* 6.15 KVP errors section (contains the Local Storage JET_errLS* codes) */
static const jet_expected_const jet_xc_kvp_errors_section_contains_the_local_storage_jet_errls_code[] = {
    JET_XC(JET_errLSCallbackNotSpecified, -3000),
    JET_XC(JET_errLSAlreadySet, -3001),
    JET_XC(JET_errLSNotSet, -3002),
    { NULL, 0, 0 }
};

/* 6.16 FILE and DISK errors */
static const jet_expected_const jet_xc_file_and_disk_errors[] = {
    JET_XC(JET_errFileIOSparse, -4000),
    JET_XC(JET_errFileIOBeyondEOF, -4001),
    JET_XC(JET_errFileIOAbort, -4002),
    JET_XC(JET_errFileIORetry, -4003),
    JET_XC(JET_errFileIOFail, -4004),
    JET_XC(JET_errFileCompressed, -4005),
    { NULL, 0, 0 }
};

/* 6.17 CLIENT RESERVED error space */
static const jet_expected_const jet_xc_client_reserved_error_space[] = {
    JET_XC(JET_errClientSpaceBegin, -10000),
    JET_XC(JET_errClientSpaceEnd, -11999),
    { NULL, 0, 0 }
};

/* 7. System parameters (JET_param*) */
static const jet_expected_const jet_xc_system_parameters_jet_param[] = {
    JET_XC(JET_paramSystemPath, 0),
    JET_XC(JET_paramTempPath, 1),
    JET_XC(JET_paramLogFilePath, 2),
    JET_XC(JET_paramBaseName, 3),
    JET_XC(JET_paramEventSource, 4),
    JET_XC(JET_paramMaxSessions, 5),
    JET_XC(JET_paramMaxOpenTables, 6),
    JET_XC(JET_paramPreferredMaxOpenTables, 7),
    JET_XC(JET_paramMaxCursors, 8),
    JET_XC(JET_paramMaxVerPages, 9),
    JET_XC(JET_paramMaxTemporaryTables, 10),
    JET_XC(JET_paramLogFileSize, 11),
    JET_XC(JET_paramLogBuffers, 12),
    JET_XC(JET_paramWaitLogFlush, 13),
    JET_XC(JET_paramLogCheckpointPeriod, 14),
    JET_XC(JET_paramLogWaitingUserMax, 15),
    JET_XC(JET_paramCommitDefault, 16),
    JET_XC(JET_paramCircularLog, 17),
    JET_XC(JET_paramDbExtensionSize, 18),
    JET_XC(JET_paramPageTempDBMin, 19),
    JET_XC(JET_paramPageFragment, 20),
    JET_XC(JET_paramBatchIOBufferMax, 22),
    JET_XC(JET_paramCacheSizeMax, 23),
    JET_XC(JET_paramCheckpointDepthMax, 24),
    JET_XC(JET_paramLRUKCorrInterval, 25),
    JET_XC(JET_paramLRUKHistoryMax, 26),
    JET_XC(JET_paramLRUKPolicy, 27),
    JET_XC(JET_paramLRUKTimeout, 28),
    JET_XC(JET_paramLRUKTrxCorrInterval, 29),
    JET_XC(JET_paramOutstandingIOMax, 30),
    JET_XC(JET_paramStartFlushThreshold, 31),
    JET_XC(JET_paramStopFlushThreshold, 32),
    JET_XC(JET_paramRecovery, 34),
    JET_XC(JET_paramEnableOnlineDefrag, 35),
    JET_XC(JET_paramCacheSize, 41),
    JET_XC(JET_paramCheckFormatWhenOpenFail, 44),
    JET_XC(JET_paramEnableIndexChecking, 45),
    JET_XC(JET_paramEnableTempTableVersioning, 46),
    JET_XC(JET_paramIgnoreLogVersion, 47),
    JET_XC(JET_paramDeleteOldLogs, 48),
    JET_XC(JET_paramEventSourceKey, 49),
    JET_XC(JET_paramNoInformationEvent, 50),
#if JET_VERSION >= 0x0501
    JET_XC(JET_paramEventLoggingLevel, 51),
    JET_XC(JET_paramDeleteOutOfRangeLogs, 52),
    JET_XC(JET_paramAccessDeniedRetryPeriod, 53),
#endif
#if JET_VERSION >= 0x0502
    JET_XC(JET_paramEnableIndexCleanup, 54),
#endif
    JET_XC(JET_paramCacheSizeMin, 60),
    JET_XC(JET_paramPreferredVerPages, 63),
    JET_XC(JET_paramDatabasePageSize, 64),
#if JET_VERSION >= 0x0501
    JET_XC(JET_paramDisableCallbacks, 65),
    JET_XC(JET_paramLogFileCreateAsynch, 69),
#endif
    JET_XC(JET_paramErrorToString, 70),
#if JET_VERSION >= 0x0501
    JET_XC(JET_paramZeroDatabaseDuringBackup, 71),
#endif
    JET_XC(JET_paramUnicodeIndexDefault, 72),
#if JET_VERSION >= 0x0501
    JET_XC(JET_paramRuntimeCallback, 73),
#endif
    JET_XC(JET_paramCleanupMismatchedLogFiles, 77),
#if JET_VERSION >= 0x0501
    JET_XC(JET_paramRecordUpgradeDirtyLevel, 78),
    JET_XC(JET_paramGlobalMinVerPages, 81),
    JET_XC(JET_paramOSSnapshotTimeout, 82),
#endif
    JET_XC(JET_paramExceptionAction, 98),
    JET_XC(JET_paramEventLogCache, 99),
#if JET_VERSION >= 0x0501
    JET_XC(JET_paramCreatePathIfNotExist, 100),
    JET_XC(JET_paramPageHintCacheSize, 101),
    JET_XC(JET_paramOneDatabasePerSession, 102),
    JET_XC(JET_paramMaxInstances, 104),
    JET_XC(JET_paramVersionStoreTaskQueueMax, 105),
    JET_XC(JET_paramDisablePerfmon, 107),
    JET_XC(JET_paramIndexTuplesLengthMin, 110),
    JET_XC(JET_paramIndexTuplesLengthMax, 111),
    JET_XC(JET_paramIndexTuplesToIndexMax, 112),
#endif
#if JET_VERSION >= 0x0502
    JET_XC(JET_paramAlternateDatabaseRecoveryPath, 113),
#endif
#if JET_VERSION >= 0x0600
    JET_XC(JET_paramCachedClosedTables, 125),
    JET_XC(JET_paramEnableFileCache, 126),
    JET_XC(JET_paramEnableViewCache, 127),
    JET_XC(JET_paramVerPageSize, 128),
    JET_XC(JET_paramConfiguration, 129),
    JET_XC(JET_paramEnableAdvanced, 130),
    JET_XC(JET_paramMaxColtyp, 131),
    JET_XC(JET_paramIndexTupleIncrement, 132),
    JET_XC(JET_paramIndexTupleStart, 133),
    JET_XC(JET_paramKeyMost, 134),
    JET_XC(JET_paramCheckpointIOMax, 135),
    JET_XC(JET_paramLegacyFileNames, 136),
    JET_XC(JET_paramTableClass1Name, 137),
    JET_XC(JET_paramTableClass2Name, 138),
    JET_XC(JET_paramTableClass3Name, 139),
    JET_XC(JET_paramTableClass4Name, 140),
    JET_XC(JET_paramTableClass5Name, 141),
    JET_XC(JET_paramTableClass6Name, 142),
    JET_XC(JET_paramTableClass7Name, 143),
    JET_XC(JET_paramTableClass8Name, 144),
    JET_XC(JET_paramTableClass9Name, 145),
    JET_XC(JET_paramTableClass10Name, 146),
    JET_XC(JET_paramTableClass11Name, 147),
    JET_XC(JET_paramTableClass12Name, 148),
    JET_XC(JET_paramTableClass13Name, 149),
    JET_XC(JET_paramTableClass14Name, 150),
    JET_XC(JET_paramTableClass15Name, 151),
#endif
    JET_XC(JET_paramIOPriority, 152),
#if JET_VERSION >= 0x0601
    JET_XC(JET_paramWaypointLatency, 153),
#endif
#if JET_VERSION >= 0x0600
    JET_XC(JET_paramEnablePersistedCallbacks, 156),
#endif
#if JET_VERSION >= 0x0601
    JET_XC(JET_paramDefragmentSequentialBTrees, 160),
    JET_XC(JET_paramDefragmentSequentialBTreesDensityCheckFrequency, 161),
    JET_XC(JET_paramIOThrottlingTimeQuanta, 162),
    JET_XC(JET_paramLVChunkSizeMost, 163),
    JET_XC(JET_paramMaxCoalesceReadSize, 164),
    JET_XC(JET_paramMaxCoalesceWriteSize, 165),
    JET_XC(JET_paramMaxCoalesceReadGapSize, 166),
    JET_XC(JET_paramMaxCoalesceWriteGapSize, 167),
    JET_XC(JET_paramEnableDBScanInRecovery, 169),
    JET_XC(JET_paramDbScanThrottle, 170),
    JET_XC(JET_paramDbScanIntervalMinSec, 171),
    JET_XC(JET_paramDbScanIntervalMaxSec, 172),
#endif
#if JET_VERSION >= 0x0602
    JET_XC(JET_paramCachePriority, 177),
    JET_XC(JET_paramMaxTransactionSize, 178),
    JET_XC(JET_paramPrereadIOMax, 179),
    JET_XC(JET_paramEnableDBScanSerialization, 180),
    JET_XC(JET_paramHungIOThreshold, 181),
    JET_XC(JET_paramHungIOActions, 182),
    JET_XC(JET_paramMinDataForXpress, 183),
#endif
#if JET_VERSION >= 0x0603
    JET_XC(JET_paramEnableShrinkDatabase, 184),
#endif
#if JET_VERSION >= 0x0602
    JET_XC(JET_paramProcessFriendlyName, 186),
    JET_XC(JET_paramDurableCommitCallback, 187),
#endif
#if JET_VERSION >= 0x0603
    JET_XC(JET_paramEnableSqm, 188),
#endif
#if JET_VERSION >= 0x0A00
    JET_XC(JET_paramConfigStoreSpec, 189),
#endif
#if JET_VERSION >= 0x0A01
    JET_XC(JET_paramUseFlushForWriteDurability, 214),
    JET_XC(JET_paramEnableRBS, 215),
    JET_XC(JET_paramRBSFilePath, 216),
    JET_XC(JET_paramPerfmonRefreshInterval, 217),
    JET_XC(JET_paramEnableBlockCache, 218),
#endif
    JET_XC(JET_paramEnableBlockCacheDetach, 220),
    JET_XC(JET_paramMaxValueInvalid, 221),
    { NULL, 0, 0 }
};

/* 7.1 Session parameters (JET_sesparam*, for JetSetSessionParameter/JetGetSessionParameter) */
static const jet_expected_const jet_xc_session_parameters_jet_sesparam_for_jetsetsessionparameter_j[] = {
    JET_XC(JET_sesparamCommitDefault, 4097),
#if JET_VERSION >= 0x0A00
    JET_XC(JET_sesparamTransactionLevel, 4099),
    JET_XC(JET_sesparamOperationContext, 4100),
    JET_XC(JET_sesparamCorrelationID, 4101),
    JET_XC(JET_sesparamMaxValueInvalid, 4111),
#endif
    { NULL, 0, 0 }
};

/* JET_paramEventLoggingLevel values */
static const jet_expected_const jet_xc_jet_parameventlogginglevel_values[] = {
#if JET_VERSION >= 0x0501
    JET_XC(JET_EventLoggingDisable, 0),
#endif
#if JET_VERSION >= 0x0601
    JET_XC(JET_EventLoggingLevelMin, 1),
    JET_XC(JET_EventLoggingLevelLow, 25),
    JET_XC(JET_EventLoggingLevelMedium, 50),
    JET_XC(JET_EventLoggingLevelHigh, 75),
#endif
#if JET_VERSION >= 0x0501
    JET_XC(JET_EventLoggingLevelMax, 100),
#endif
    { NULL, 0, 0 }
};

/* JET_paramIOPriority / JET_sesparamIOPriority values */
static const jet_expected_const jet_xc_jet_paramiopriority_jet_sesparamiopriority_values[] = {
#if JET_VERSION >= 0x0600
    JET_XC(JET_IOPriorityNormal, 0x0),
    JET_XC(JET_IOPriorityLow, 0x1),
#endif
    { NULL, 0, 0 }
};

/* JET_paramConfiguration values */
static const jet_expected_const jet_xc_jet_paramconfiguration_values[] = {
#if JET_VERSION >= 0x0602
    JET_XC(JET_configDefault, 0x0001),
    JET_XC(JET_configRemoveQuotas, 0x0002),
    JET_XC(JET_configLowDiskFootprint, 0x0004),
    JET_XC(JET_configMediumDiskFootprint, 0x0008),
    JET_XC(JET_configLowMemory, 0x0010),
    JET_XC(JET_configDynamicMediumMemory, 0x0020),
    JET_XC(JET_configLowPower, 0x0040),
    JET_XC(JET_configSSDProfileIO, 0x0080),
    JET_XC(JET_configRunSilent, 0x0100),
#endif
#if JET_VERSION >= 0x0A00
    JET_XC(JET_configUnthrottledMemory, 0x0200),
    JET_XC(JET_configHighConcurrencyScaling, 0x0400),
#endif
    { NULL, 0, 0 }
};

/* JET_paramLegacyFileNames bits */
static const jet_expected_const jet_xc_jet_paramlegacyfilenames_bits[] = {
#if JET_VERSION >= 0x0600
    JET_XC(JET_bitESE98FileNames, 0x00000001),
    JET_XC(JET_bitEightDotThreeSoftCompat, 0x00000002),
#endif
    { NULL, 0, 0 }
};

/* JET_paramHungIOActions bits */
static const jet_expected_const jet_xc_jet_paramhungioactions_bits[] = {
    JET_XC(JET_bitHungIOEvent, 0x00000001),
    { NULL, 0, 0 }
};

/* JET_paramEnableShrinkDatabase values */
static const jet_expected_const jet_xc_jet_paramenableshrinkdatabase_values[] = {
#if JET_VERSION >= 0x0603
    JET_XC(JET_bitShrinkDatabaseOff, 0x0),
    JET_XC(JET_bitShrinkDatabaseOn, 0x1),
    JET_XC(JET_bitShrinkDatabaseRealtime, 0x2),
    JET_XC(JET_bitShrinkDatabaseTrim, 0x1),
#endif
    { NULL, 0, 0 }
};

/* JET_paramEnableSqm values (parameter deprecated/ignored) */
static const jet_expected_const jet_xc_jet_paramenablesqm_values_parameter_deprecated_ignored[] = {
#if JET_VERSION >= 0x0603
    JET_XC(JET_sqmDisable, 0),
    JET_XC(JET_sqmEnable, 1),
    JET_XC(JET_sqmFromCEIP, 2),
#endif
    { NULL, 0, 0 }
};

/* JET_paramExceptionAction values */
static const jet_expected_const jet_xc_jet_paramexceptionaction_values[] = {
    JET_XC(JET_ExceptionMsgBox, 0x0001),
    JET_XC(JET_ExceptionNone, 0x0002),
    JET_XC(JET_ExceptionFailFast, 0x0004),
    { NULL, 0, 0 }
};

/* JET_paramEnableOnlineDefrag values */
static const jet_expected_const jet_xc_jet_paramenableonlinedefrag_values[] = {
#if JET_VERSION >= 0x0501
    JET_XC(JET_OnlineDefragDisable, 0x0000),
    JET_XC(JET_OnlineDefragAllOBSOLETE, 0x0001),
    JET_XC(JET_OnlineDefragDatabases, 0x0002),
    JET_XC(JET_OnlineDefragSpaceTrees, 0x0004),
    JET_XC(JET_OnlineDefragAll, 0xffff),
#endif
    { NULL, 0, 0 }
};

/* JetInit2 / JetInit3 / JetInit4 grbits */
static const jet_expected_const jet_xc_jetinit2_jetinit3_jetinit4_grbits[] = {
#if JET_VERSION >= 0x0501
    JET_XC(JET_bitReplayIgnoreMissingDB, 0x00000004),
#endif
#if JET_VERSION >= 0x0600
    JET_XC(JET_bitRecoveryWithoutUndo, 0x00000008),
    JET_XC(JET_bitTruncateLogsAfterRecovery, 0x00000010),
    JET_XC(JET_bitReplayMissingMapEntryDB, 0x00000020),
    JET_XC(JET_bitLogStreamMustExist, 0x00000040),
#endif
#if JET_VERSION >= 0x0601
    JET_XC(JET_bitReplayIgnoreLostLogs, 0x00000080),
#endif
#if JET_VERSION >= 0x0602
    JET_XC(JET_bitKeepDbAttachedAtEndOfRecovery, 0x00001000),
#endif
    { NULL, 0, 0 }
};

/* JetTerm2 grbits */
static const jet_expected_const jet_xc_jetterm2_grbits[] = {
    JET_XC(JET_bitTermComplete, 0x00000001),
    JET_XC(JET_bitTermAbrupt, 0x00000002),
    JET_XC(JET_bitTermStopBackup, 0x00000004),
#if JET_VERSION >= 0x0601
    JET_XC(JET_bitTermDirty, 0x00000008),
#endif
    { NULL, 0, 0 }
};

/* JetStopServiceInstance2 grbits */
static const jet_expected_const jet_xc_jetstopserviceinstance2_grbits[] = {
#if JET_VERSION >= 0x0602
    JET_XC(JET_bitStopServiceAll, 0x00000000),
    JET_XC(JET_bitStopServiceBackgroundUserTasks, 0x00000002),
    JET_XC(JET_bitStopServiceQuiesceCaches, 0x00000004),
    JET_XC(JET_bitStopServiceResume, 0x80000000),
#endif
    { NULL, 0, 0 }
};

/* JetIdle grbits */
static const jet_expected_const jet_xc_jetidle_grbits[] = {
    JET_XC(JET_bitIdleFlushBuffers, 0x00000001),
    JET_XC(JET_bitIdleCompact, 0x00000002),
    JET_XC(JET_bitIdleStatus, 0x00000004),
    { NULL, 0, 0 }
};

/* JetAttachDatabase / JetOpenDatabase grbits */
static const jet_expected_const jet_xc_jetattachdatabase_jetopendatabase_grbits[] = {
    JET_XC(JET_bitDbReadOnly, 0x00000001),
    JET_XC(JET_bitDbExclusive, 0x00000002),
    JET_XC(JET_bitDbDeleteCorruptIndexes, 0x00000010),
#if JET_VERSION >= 0x0502
    JET_XC(JET_bitDbDeleteUnicodeIndexes, 0x00000400),
#endif
#if JET_VERSION >= 0x0501
    JET_XC(JET_bitDbUpgrade, 0x00000200),
#endif
#if JET_VERSION >= 0x0601
    JET_XC(JET_bitDbEnableBackgroundMaintenance, 0x00000800),
#endif
#if JET_VERSION >= 0x0602
    JET_XC(JET_bitDbPurgeCacheOnAttach, 0x00001000),
#endif
    { NULL, 0, 0 }
};

/* JetDetachDatabase2 grbits */
static const jet_expected_const jet_xc_jetdetachdatabase2_grbits[] = {
#if JET_VERSION >= 0x0501
    JET_XC(JET_bitForceDetach, 0x00000001),
    JET_XC(JET_bitForceCloseAndDetach, 0x00000003),
#endif
    { NULL, 0, 0 }
};

/* JetCreateDatabase grbits */
static const jet_expected_const jet_xc_jetcreatedatabase_grbits[] = {
    JET_XC(JET_bitDbRecoveryOff, 0x00000008),
    JET_XC(JET_bitDbShadowingOff, 0x00000080),
#if JET_VERSION >= 0x0501
    JET_XC(JET_bitDbOverwriteExisting, 0x00000200),
#endif
    { NULL, 0, 0 }
};

/* JetBackup / JetBackupInstance / JetBeginExternalBackup(Instance) grbits */
static const jet_expected_const jet_xc_jetbackup_jetbackupinstance_jetbeginexternalbackup_instance[] = {
    JET_XC(JET_bitBackupIncremental, 0x00000001),
    JET_XC(JET_bitBackupAtomic, 0x00000004),
#if JET_VERSION >= 0x0501
    JET_XC(JET_bitBackupSnapshot, 0x00000010),
#endif
    { NULL, 0, 0 }
};

/* JetEndExternalBackupInstance2 grbits */
static const jet_expected_const jet_xc_jetendexternalbackupinstance2_grbits[] = {
#if JET_VERSION >= 0x0501
    JET_XC(JET_bitBackupEndNormal, 0x0001),
    JET_XC(JET_bitBackupEndAbort, 0x0002),
#endif
#if JET_VERSION >= 0x0600
    JET_XC(JET_bitBackupTruncateDone, 0x0100),
#endif
    { NULL, 0, 0 }
};

/* JetCreateTableColumnIndex* (JET_TABLECREATE*.grbit) */
static const jet_expected_const jet_xc_jetcreatetablecolumnindex_jet_tablecreate_grbit[] = {
    JET_XC(JET_bitTableCreateFixedDDL, 0x00000001),
    JET_XC(JET_bitTableCreateTemplateTable, 0x00000002),
#if JET_VERSION >= 0x0501
    JET_XC(JET_bitTableCreateNoFixedVarColumnsInDerivedTables, 0x00000004),
#endif
#if JET_VERSION >= 0x0A00
    JET_XC(JET_bitTableCreateImmutableStructure, 0x00000008),
#endif
    { NULL, 0, 0 }
};

/* Column grbits (JetAddColumn, JET_COLUMNDEF/JET_COLUMNCREATE.grbit, JetOpenTempTable) */
static const jet_expected_const jet_xc_column_grbits_jetaddcolumn_jet_columndef_jet_columncreate_gr[] = {
    JET_XC(JET_bitColumnFixed, 0x00000001),
    JET_XC(JET_bitColumnTagged, 0x00000002),
    JET_XC(JET_bitColumnNotNULL, 0x00000004),
    JET_XC(JET_bitColumnVersion, 0x00000008),
    JET_XC(JET_bitColumnAutoincrement, 0x00000010),
    JET_XC(JET_bitColumnUpdatable, 0x00000020),
    JET_XC(JET_bitColumnTTKey, 0x00000040),
    JET_XC(JET_bitColumnTTDescending, 0x00000080),
    JET_XC(JET_bitColumnMultiValued, 0x00000400),
    JET_XC(JET_bitColumnEscrowUpdate, 0x00000800),
    JET_XC(JET_bitColumnUnversioned, 0x00001000),
#if JET_VERSION >= 0x0501
    JET_XC(JET_bitColumnMaybeNull, 0x00002000),
    JET_XC(JET_bitColumnFinalize, 0x00004000),
    JET_XC(JET_bitColumnUserDefinedDefault, 0x00008000),
#endif
#if JET_VERSION >= 0x0502
    JET_XC(JET_bitColumnDeleteOnZero, 0x00020000),
#endif
#if JET_VERSION >= 0x0601
    JET_XC(JET_bitColumnCompressed, 0x00080000),
#endif
    { NULL, 0, 0 }
};

/* JetDeleteColumn2 grbits */
static const jet_expected_const jet_xc_jetdeletecolumn2_grbits[] = {
#if JET_VERSION >= 0x0501
    JET_XC(JET_bitDeleteColumnIgnoreTemplateColumns, 0x00000001),
#endif
    { NULL, 0, 0 }
};

/* JetSetCurrentIndex2/3/4 grbits */
static const jet_expected_const jet_xc_jetsetcurrentindex2_3_4_grbits[] = {
    JET_XC(JET_bitMoveFirst, 0x00000000),
    JET_XC(JET_bitNoMove, 0x00000002),
    { NULL, 0, 0 }
};

/* JetMakeKey grbits */
static const jet_expected_const jet_xc_jetmakekey_grbits[] = {
    JET_XC(JET_bitNewKey, 0x00000001),
    JET_XC(JET_bitStrLimit, 0x00000002),
    JET_XC(JET_bitSubStrLimit, 0x00000004),
    JET_XC(JET_bitNormalizedKey, 0x00000008),
    JET_XC(JET_bitKeyDataZeroLength, 0x00000010),
#if JET_VERSION >= 0x0501
    JET_XC(JET_bitFullColumnStartLimit, 0x00000100),
    JET_XC(JET_bitFullColumnEndLimit, 0x00000200),
    JET_XC(JET_bitPartialColumnStartLimit, 0x00000400),
    JET_XC(JET_bitPartialColumnEndLimit, 0x00000800),
#endif
    { NULL, 0, 0 }
};

/* JetSetIndexRange grbits */
static const jet_expected_const jet_xc_jetsetindexrange_grbits[] = {
    JET_XC(JET_bitRangeInclusive, 0x00000001),
    JET_XC(JET_bitRangeUpperLimit, 0x00000002),
    JET_XC(JET_bitRangeInstantDuration, 0x00000004),
    JET_XC(JET_bitRangeRemove, 0x00000008),
    { NULL, 0, 0 }
};

/* JetGetLock grbits */
static const jet_expected_const jet_xc_jetgetlock_grbits[] = {
    JET_XC(JET_bitReadLock, 0x00000001),
    JET_XC(JET_bitWriteLock, 0x00000002),
    { NULL, 0, 0 }
};

/* JetMove cRow constants */
static const jet_expected_const jet_xc_jetmove_crow_constants[] = {
    JET_XC(JET_MoveFirst, (-0x7fffffff - 1)),
    JET_XC(JET_MovePrevious, (-1)),
    JET_XC(JET_MoveNext, (+1)),
    JET_XC(JET_MoveLast, (0x7fffffff)),
    { NULL, 0, 0 }
};

/* JetMove grbits */
static const jet_expected_const jet_xc_jetmove_grbits[] = {
    JET_XC(JET_bitMoveKeyNE, 0x00000001),
    { NULL, 0, 0 }
};

/* JetSeek grbits */
static const jet_expected_const jet_xc_jetseek_grbits[] = {
    JET_XC(JET_bitSeekEQ, 0x00000001),
    JET_XC(JET_bitSeekLT, 0x00000002),
    JET_XC(JET_bitSeekLE, 0x00000004),
    JET_XC(JET_bitSeekGE, 0x00000008),
    JET_XC(JET_bitSeekGT, 0x00000010),
    JET_XC(JET_bitSetIndexRange, 0x00000020),
#if JET_VERSION >= 0x0502
    JET_XC(JET_bitCheckUniqueness, 0x00000040),
#endif
    { NULL, 0, 0 }
};

/* JetGotoSecondaryIndexBookmark grbits */
static const jet_expected_const jet_xc_jetgotosecondaryindexbookmark_grbits[] = {
#if JET_VERSION >= 0x0501
    JET_XC(JET_bitBookmarkPermitVirtualCurrency, 0x00000001),
#endif
    { NULL, 0, 0 }
};

/* JET_CONDITIONALCOLUMN.grbit */
static const jet_expected_const jet_xc_jet_conditionalcolumn_grbit[] = {
    JET_XC(JET_bitIndexColumnMustBeNull, 0x00000001),
    JET_XC(JET_bitIndexColumnMustBeNonNull, 0x00000002),
    { NULL, 0, 0 }
};

/* JET_INDEXRANGE.grbit */
static const jet_expected_const jet_xc_jet_indexrange_grbit[] = {
    JET_XC(JET_bitRecordInIndex, 0x00000001),
    JET_XC(JET_bitRecordNotInIndex, 0x00000002),
    { NULL, 0, 0 }
};

/* JetCreateIndex* grbits (JET_INDEXCREATE*.grbit) */
static const jet_expected_const jet_xc_jetcreateindex_grbits_jet_indexcreate_grbit[] = {
    JET_XC(JET_bitIndexUnique, 0x00000001),
    JET_XC(JET_bitIndexPrimary, 0x00000002),
    JET_XC(JET_bitIndexDisallowNull, 0x00000004),
    JET_XC(JET_bitIndexIgnoreNull, 0x00000008),
    JET_XC(JET_bitIndexIgnoreAnyNull, 0x00000020),
    JET_XC(JET_bitIndexIgnoreFirstNull, 0x00000040),
    JET_XC(JET_bitIndexLazyFlush, 0x00000080),
    JET_XC(JET_bitIndexEmpty, 0x00000100),
    JET_XC(JET_bitIndexUnversioned, 0x00000200),
    JET_XC(JET_bitIndexSortNullsHigh, 0x00000400),
    JET_XC(JET_bitIndexUnicode, 0x00000800),
#if JET_VERSION >= 0x0501
    JET_XC(JET_bitIndexTuples, 0x00001000),
#endif
#if JET_VERSION >= 0x0502
    JET_XC(JET_bitIndexTupleLimits, 0x00002000),
#endif
#if JET_VERSION >= 0x0600
    JET_XC(JET_bitIndexCrossProduct, 0x00004000),
    JET_XC(JET_bitIndexKeyMost, 0x00008000),
    JET_XC(JET_bitIndexDisallowTruncation, 0x00010000),
    JET_XC(JET_bitIndexNestedTable, 0x00020000),
#endif
#if JET_VERSION >= 0x0602
    JET_XC(JET_bitIndexDotNetGuid, 0x00040000),
#endif
#if JET_VERSION >= 0x0A00
    JET_XC(JET_bitIndexImmutableStructure, 0x00080000),
#endif
    { NULL, 0, 0 }
};

/* Index key definition prefix bits */
static const jet_expected_const jet_xc_index_key_definition_prefix_bits[] = {
    JET_XC(JET_bitKeyAscending, 0x00000000),
    JET_XC(JET_bitKeyDescending, 0x00000001),
    { NULL, 0, 0 }
};

/* JetOpenTable grbits (incl. table stats classes) */
static const jet_expected_const jet_xc_jetopentable_grbits_incl_table_stats_classes[] = {
    JET_XC(JET_bitTableDenyWrite, 0x00000001),
    JET_XC(JET_bitTableDenyRead, 0x00000002),
    JET_XC(JET_bitTableReadOnly, 0x00000004),
    JET_XC(JET_bitTableUpdatable, 0x00000008),
    JET_XC(JET_bitTablePermitDDL, 0x00000010),
    JET_XC(JET_bitTableNoCache, 0x00000020),
    JET_XC(JET_bitTablePreread, 0x00000040),
    JET_XC(JET_bitTableOpportuneRead, 0x00000080),
    JET_XC(JET_bitTableSequential, 0x00008000),
    JET_XC(JET_bitTableClassMask, 0x001F0000),
    JET_XC(JET_bitTableClassNone, 0x00000000),
    JET_XC(JET_bitTableClass1, 0x00010000),
    JET_XC(JET_bitTableClass2, 0x00020000),
    JET_XC(JET_bitTableClass3, 0x00030000),
    JET_XC(JET_bitTableClass4, 0x00040000),
    JET_XC(JET_bitTableClass5, 0x00050000),
    JET_XC(JET_bitTableClass6, 0x00060000),
    JET_XC(JET_bitTableClass7, 0x00070000),
    JET_XC(JET_bitTableClass8, 0x00080000),
    JET_XC(JET_bitTableClass9, 0x00090000),
    JET_XC(JET_bitTableClass10, 0x000A0000),
    JET_XC(JET_bitTableClass11, 0x000B0000),
    JET_XC(JET_bitTableClass12, 0x000C0000),
    JET_XC(JET_bitTableClass13, 0x000D0000),
    JET_XC(JET_bitTableClass14, 0x000E0000),
    JET_XC(JET_bitTableClass15, 0x000F0000),
    { NULL, 0, 0 }
};

/* Local-storage grbits (JetSetLS/JetGetLS) */
static const jet_expected_const jet_xc_local_storage_grbits_jetsetls_jetgetls[] = {
#if JET_VERSION >= 0x0501
    JET_XC(JET_bitLSReset, 0x00000001),
    JET_XC(JET_bitLSCursor, 0x00000002),
    JET_XC(JET_bitLSTable, 0x00000004),
#endif
    { NULL, 0, 0 }
};

/* JetSetTableSequential / JetResetTableSequential / JetPrereadIndexRanges grbits */
static const jet_expected_const jet_xc_jetsettablesequential_jetresettablesequential_jetprereadinde[] = {
#if JET_VERSION >= 0x0601
    JET_XC(JET_bitPrereadForward, 0x00000001),
    JET_XC(JET_bitPrereadBackward, 0x00000002),
#endif
#if JET_VERSION >= 0x0602
    JET_XC(JET_bitPrereadFirstPage, 0x00000004),
    JET_XC(JET_bitPrereadNormalizedKey, 0x00000008),
#endif
    { NULL, 0, 0 }
};

/* JetOpenTempTable grbits */
static const jet_expected_const jet_xc_jetopentemptable_grbits[] = {
    JET_XC(JET_bitTTIndexed, 0x00000001),
    JET_XC(JET_bitTTUnique, 0x00000002),
    JET_XC(JET_bitTTUpdatable, 0x00000004),
    JET_XC(JET_bitTTScrollable, 0x00000008),
    JET_XC(JET_bitTTSortNullsHigh, 0x00000010),
    JET_XC(JET_bitTTForceMaterialization, 0x00000020),
#if JET_VERSION >= 0x0501
    JET_XC(JET_bitTTErrorOnDuplicateInsertion, 0x00000020),
#endif
#if JET_VERSION >= 0x0502
    JET_XC(JET_bitTTForwardOnly, 0x00000040),
#endif
#if JET_VERSION >= 0x0601
    JET_XC(JET_bitTTIntrinsicLVsOnly, 0x00000080),
#endif
#if JET_VERSION >= 0x0602
    JET_XC(JET_bitTTDotNetGuid, 0x00000100),
#endif
    { NULL, 0, 0 }
};

/* JetSetColumn / JET_SETCOLUMN.grbit */
static const jet_expected_const jet_xc_jetsetcolumn_jet_setcolumn_grbit[] = {
    JET_XC(JET_bitSetAppendLV, 0x00000001),
    JET_XC(JET_bitSetOverwriteLV, 0x00000004),
    JET_XC(JET_bitSetSizeLV, 0x00000008),
    JET_XC(JET_bitSetZeroLength, 0x00000020),
    JET_XC(JET_bitSetSeparateLV, 0x00000040),
    JET_XC(JET_bitSetUniqueMultiValues, 0x00000080),
    JET_XC(JET_bitSetUniqueNormalizedMultiValues, 0x00000100),
#if JET_VERSION >= 0x0501
    JET_XC(JET_bitSetRevertToDefaultValue, 0x00000200),
    JET_XC(JET_bitSetIntrinsicLV, 0x00000400),
#endif
#if JET_VERSION >= 0x0601
    JET_XC(JET_bitSetUncompressed, 0x00010000),
    JET_XC(JET_bitSetCompressed, 0x00020000),
#endif
#if JET_VERSION >= 0x0A01
    JET_XC(JET_bitSetContiguousLV, 0x00040000),
#endif
    { NULL, 0, 0 }
};

/* JET_SPACEHINTS.grbit */
static const jet_expected_const jet_xc_jet_spacehints_grbit[] = {
#if JET_VERSION >= 0x0601
    JET_XC(JET_bitSpaceHintsUtilizeParentSpace, 0x00000001),
    JET_XC(JET_bitCreateHintAppendSequential, 0x00000002),
    JET_XC(JET_bitCreateHintHotpointSequential, 0x00000004),
    JET_XC(JET_bitRetrieveHintReserve1, 0x00000008),
    JET_XC(JET_bitRetrieveHintTableScanForward, 0x00000010),
    JET_XC(JET_bitRetrieveHintTableScanBackward, 0x00000020),
    JET_XC(JET_bitRetrieveHintReserve2, 0x00000040),
    JET_XC(JET_bitRetrieveHintReserve3, 0x00000080),
    JET_XC(JET_bitDeleteHintTableSequential, 0x00000100),
#endif
    { NULL, 0, 0 }
};

/* JetPrepareUpdate options (JET_prep*) */
static const jet_expected_const jet_xc_jetprepareupdate_options_jet_prep[] = {
    JET_XC(JET_prepInsert, 0),
    JET_XC(JET_prepReplace, 2),
    JET_XC(JET_prepCancel, 3),
    JET_XC(JET_prepReplaceNoLock, 4),
    JET_XC(JET_prepInsertCopy, 5),
#if JET_VERSION >= 0x0501
    JET_XC(JET_prepInsertCopyDeleteOriginal, 7),
#endif
#if JET_VERSION >= 0x0603
    JET_XC(JET_prepInsertCopyReplaceOriginal, 9),
#endif
    { NULL, 0, 0 }
};

/* JetUpdate2 grbits */
static const jet_expected_const jet_xc_jetupdate2_grbits[] = {
#if JET_VERSION >= 0x0502
    JET_XC(JET_bitUpdateCheckESE97Compatibility, 0x00000001),
#endif
    { NULL, 0, 0 }
};

/* JetEscrowUpdate grbits */
static const jet_expected_const jet_xc_jetescrowupdate_grbits[] = {
    JET_XC(JET_bitEscrowNoRollback, 0x0001),
    { NULL, 0, 0 }
};

/* JetRetrieveColumn / JET_RETRIEVECOLUMN.grbit */
static const jet_expected_const jet_xc_jetretrievecolumn_jet_retrievecolumn_grbit[] = {
    JET_XC(JET_bitRetrieveCopy, 0x00000001),
    JET_XC(JET_bitRetrieveFromIndex, 0x00000002),
    JET_XC(JET_bitRetrieveFromPrimaryBookmark, 0x00000004),
    JET_XC(JET_bitRetrieveTag, 0x00000008),
    JET_XC(JET_bitRetrieveNull, 0x00000010),
    JET_XC(JET_bitRetrieveIgnoreDefault, 0x00000020),
#if JET_VERSION >= 0x0600
    JET_XC(JET_bitRetrieveTuple, 0x00000800),
#endif
    { NULL, 0, 0 }
};

/* JET_INDEX_COLUMN.grbit */
static const jet_expected_const jet_xc_jet_index_column_grbit[] = {
#if JET_VERSION >= 0x0602
    JET_XC(JET_bitZeroLength, 0x00000001),
#endif
    { NULL, 0, 0 }
};

/* JetEnumerateColumns grbits */
static const jet_expected_const jet_xc_jetenumeratecolumns_grbits[] = {
#if JET_VERSION >= 0x0501
    JET_XC(JET_bitEnumerateCopy, 0x00000001),
    JET_XC(JET_bitEnumerateIgnoreDefault, 0x00000020),
    JET_XC(JET_bitEnumeratePresenceOnly, 0x00020000),
    JET_XC(JET_bitEnumerateTaggedOnly, 0x00040000),
    JET_XC(JET_bitEnumerateCompressOutput, 0x00080000),
#endif
#if JET_VERSION >= 0x0502
    JET_XC(JET_bitEnumerateIgnoreUserDefinedDefault, 0x00100000),
#endif
#if JET_VERSION >= 0x0601
    JET_XC(JET_bitEnumerateInRecordOnly, 0x00200000),
#endif
    { NULL, 0, 0 }
};

/* JetGetRecordSize grbits */
static const jet_expected_const jet_xc_jetgetrecordsize_grbits[] = {
#if JET_VERSION >= 0x0600
    JET_XC(JET_bitRecordSizeInCopyBuffer, 0x00000001),
    JET_XC(JET_bitRecordSizeRunningTotal, 0x00000002),
    JET_XC(JET_bitRecordSizeLocal, 0x00000004),
#endif
    { NULL, 0, 0 }
};

/* JetBeginTransaction2/3 grbits */
static const jet_expected_const jet_xc_jetbegintransaction2_3_grbits[] = {
#if JET_VERSION >= 0x0501
    JET_XC(JET_bitTransactionReadOnly, 0x00000001),
#endif
    { NULL, 0, 0 }
};

/* JetCommitTransaction / JetCommitTransaction2 grbits */
static const jet_expected_const jet_xc_jetcommittransaction_jetcommittransaction2_grbits[] = {
    JET_XC(JET_bitCommitLazyFlush, 0x00000001),
    JET_XC(JET_bitWaitLastLevel0Commit, 0x00000002),
#if JET_VERSION >= 0x0502
    JET_XC(JET_bitWaitAllLevel0Commit, 0x00000008),
#endif
#if JET_VERSION >= 0x0601
    JET_XC(JET_bitForceNewLog, 0x00000010),
#endif
    { NULL, 0, 0 }
};

/* JetRollback grbits */
static const jet_expected_const jet_xc_jetrollback_grbits[] = {
    JET_XC(JET_bitRollbackAll, 0x00000001),
    { NULL, 0, 0 }
};

/* JetOSSnapshotPrepare grbits */
static const jet_expected_const jet_xc_jetossnapshotprepare_grbits[] = {
#if JET_VERSION >= 0x0600
    JET_XC(JET_bitIncrementalSnapshot, 0x00000001),
    JET_XC(JET_bitCopySnapshot, 0x00000002),
    JET_XC(JET_bitContinueAfterThaw, 0x00000004),
#endif
#if JET_VERSION >= 0x0601
    JET_XC(JET_bitExplicitPrepare, 0x00000008),
#endif
    { NULL, 0, 0 }
};

/* JetOSSnapshotTruncateLog / TruncateLogInstance grbits */
static const jet_expected_const jet_xc_jetossnapshottruncatelog_truncateloginstance_grbits[] = {
#if JET_VERSION >= 0x0600
    JET_XC(JET_bitAllDatabasesSnapshot, 0x00000001),
#endif
    { NULL, 0, 0 }
};

/* JetOSSnapshotEnd grbits */
static const jet_expected_const jet_xc_jetossnapshotend_grbits[] = {
#if JET_VERSION >= 0x0600
    JET_XC(JET_bitAbortSnapshot, 0x00000001),
#endif
    { NULL, 0, 0 }
};

/* JetDefragment / JetDefragment2 grbits */
static const jet_expected_const jet_xc_jetdefragment_jetdefragment2_grbits[] = {
    JET_XC(JET_bitDefragmentBatchStart, 0x00000001),
    JET_XC(JET_bitDefragmentBatchStop, 0x00000002),
#if JET_VERSION >= 0x0501
    JET_XC(JET_bitDefragmentAvailSpaceTreesOnly, 0x00000040),
#endif
#if JET_VERSION >= 0x0601
    JET_XC(JET_bitDefragmentNoPartialMerges, 0x00000080),
    JET_XC(JET_bitDefragmentBTree, 0x00000100),
#endif
    { NULL, 0, 0 }
};

/* JetCompact grbits */
static const jet_expected_const jet_xc_jetcompact_grbits[] = {
    JET_XC(JET_bitCompactStats, 0x00000020),
    JET_XC(JET_bitCompactRepair, 0x00000040),
    { NULL, 0, 0 }
};

/* JetResizeDatabase grbits */
static const jet_expected_const jet_xc_jetresizedatabase_grbits[] = {
#if JET_VERSION >= 0x0602
    JET_XC(JET_bitResizeDatabaseOnlyGrow, 0x00000001),
#endif
#if JET_VERSION >= 0x0603
    JET_XC(JET_bitResizeDatabaseOnlyShrink, 0x00000002),
#endif
    { NULL, 0, 0 }
};

/* JET_OBJECTINFO.grbit / .flags */
static const jet_expected_const jet_xc_jet_objectinfo_grbit_flags[] = {
    JET_XC(JET_bitTableInfoUpdatable, 0x00000001),
    JET_XC(JET_bitTableInfoBookmark, 0x00000002),
    JET_XC(JET_bitTableInfoRollback, 0x00000004),
    JET_XC(JET_bitObjectSystem, 0x80000000),
    JET_XC(JET_bitObjectTableFixedDDL, 0x40000000),
    JET_XC(JET_bitObjectTableTemplate, 0x20000000),
    JET_XC(JET_bitObjectTableDerived, 0x10000000),
#if JET_VERSION >= 0x0501
    JET_XC(JET_bitObjectTableNoFixedVarColumnsInDerivedTables, 0x04000000),
#endif
    { NULL, 0, 0 }
};

/* JET_PFNDURABLECOMMITCALLBACK grbit */
static const jet_expected_const jet_xc_jet_pfndurablecommitcallback_grbit[] = {
#if JET_VERSION >= 0x0A00
    JET_XC(JET_bitDurableCommitCallbackLogUnavailable, 0x00000001),
#endif
    { NULL, 0, 0 }
};

/* JetConfigureProcessForCrashDump grbits */
static const jet_expected_const jet_xc_jetconfigureprocessforcrashdump_grbits[] = {
#if JET_VERSION >= 0x0601
    JET_XC(JET_bitDumpMinimum, 0x00000001),
    JET_XC(JET_bitDumpMaximum, 0x00000002),
    JET_XC(JET_bitDumpCacheMinimum, 0x00000004),
    JET_XC(JET_bitDumpCacheMaximum, 0x00000008),
    JET_XC(JET_bitDumpCacheIncludeDirtyPages, 0x00000010),
    JET_XC(JET_bitDumpCacheIncludeCachedPages, 0x00000020),
    JET_XC(JET_bitDumpCacheIncludeCorruptedPages, 0x00000040),
    JET_XC(JET_bitDumpCacheNoDecommit, 0x00000080),
#endif
    { NULL, 0, 0 }
};

/* JetGetDatabaseInfo / JetGetDatabaseFileInfo info levels (JET_DbInfo*) */
static const jet_expected_const jet_xc_jetgetdatabaseinfo_jetgetdatabasefileinfo_info_levels_jet_db[] = {
    JET_XC(JET_DbInfoFilename, 0),
    JET_XC(JET_DbInfoConnect, 1),
    JET_XC(JET_DbInfoCountry, 2),
#if JET_VERSION >= 0x0501
    JET_XC(JET_DbInfoLCID, 3),
#endif
    JET_XC(JET_DbInfoLangid, 3),
    JET_XC(JET_DbInfoCp, 4),
    JET_XC(JET_DbInfoCollate, 5),
    JET_XC(JET_DbInfoOptions, 6),
    JET_XC(JET_DbInfoTransactions, 7),
    JET_XC(JET_DbInfoVersion, 8),
    JET_XC(JET_DbInfoIsam, 9),
    JET_XC(JET_DbInfoFilesize, 10),
    JET_XC(JET_DbInfoSpaceOwned, 11),
    JET_XC(JET_DbInfoSpaceAvailable, 12),
    JET_XC(JET_DbInfoUpgrade, 13),
    JET_XC(JET_DbInfoMisc, 14),
#if JET_VERSION >= 0x0501
    JET_XC(JET_DbInfoDBInUse, 15),
    JET_XC(JET_DbInfoPageSize, 17),
#endif
#if JET_VERSION >= 0x0600
    JET_XC(JET_DbInfoFileType, 19),
#endif
#if JET_VERSION >= 0x0603
    JET_XC(JET_DbInfoFilesizeOnDisk, 21),
#endif
    { NULL, 0, 0 }
};

/* Database states (JET_dbstate*, in JET_DBINFOMISC.dbstate) */
static const jet_expected_const jet_xc_database_states_jet_dbstate_in_jet_dbinfomisc_dbstate[] = {
    JET_XC(JET_dbstateJustCreated, 1),
    JET_XC(JET_dbstateDirtyShutdown, 2),
    JET_XC(JET_dbstateCleanShutdown, 3),
    JET_XC(JET_dbstateBeingConverted, 4),
#if JET_VERSION >= 0x0501
    JET_XC(JET_dbstateForceDetach, 5),
#endif
    { NULL, 0, 0 }
};

/* File types (JET_DbInfoFileType result) */
static const jet_expected_const jet_xc_file_types_jet_dbinfofiletype_result[] = {
#if JET_VERSION >= 0x0600
    JET_XC(JET_filetypeUnknown, 0),
    JET_XC(JET_filetypeDatabase, 1),
    JET_XC(JET_filetypeLog, 3),
    JET_XC(JET_filetypeCheckpoint, 4),
    JET_XC(JET_filetypeTempDatabase, 5),
    JET_XC(JET_filetypeFlushMap, 7),
#endif
    { NULL, 0, 0 }
};

/* JetGetObjectInfo info levels (JET_ObjInfo*) */
static const jet_expected_const jet_xc_jetgetobjectinfo_info_levels_jet_objinfo[] = {
    JET_XC(JET_ObjInfo, 0U),
    JET_XC(JET_ObjInfoListNoStats, 1U),
    JET_XC(JET_ObjInfoList, 2U),
    JET_XC(JET_ObjInfoSysTabCursor, 3U),
    JET_XC(JET_ObjInfoListACM, 4U),
    JET_XC(JET_ObjInfoNoStats, 5U),
    JET_XC(JET_ObjInfoSysTabReadOnly, 6U),
    JET_XC(JET_ObjInfoRulesLoaded, 7U),
    JET_XC(JET_ObjInfoMax, 8U),
    { NULL, 0, 0 }
};

/* JetGetTableInfo / JetSetTableInfo info levels (JET_TblInfo*) */
static const jet_expected_const jet_xc_jetgettableinfo_jetsettableinfo_info_levels_jet_tblinfo[] = {
    JET_XC(JET_TblInfo, 0U),
    JET_XC(JET_TblInfoName, 1U),
    JET_XC(JET_TblInfoDbid, 2U),
    JET_XC(JET_TblInfoMostMany, 3U),
    JET_XC(JET_TblInfoRvt, 4U),
    JET_XC(JET_TblInfoOLC, 5U),
    JET_XC(JET_TblInfoResetOLC, 6U),
    JET_XC(JET_TblInfoSpaceUsage, 7U),
    JET_XC(JET_TblInfoDumpTable, 8U),
    JET_XC(JET_TblInfoSpaceAlloc, 9U),
    JET_XC(JET_TblInfoSpaceOwned, 10U),
    JET_XC(JET_TblInfoSpaceAvailable, 11U),
    JET_XC(JET_TblInfoTemplateTableName, 12U),
#if JET_VERSION >= 0x0A01
    JET_XC(JET_TblInfoSpaceOwnedLV, 17U),
    JET_XC(JET_TblInfoSpaceAvailableLV, 18U),
#endif
    { NULL, 0, 0 }
};

/* JetGetIndexInfo / JetGetTableIndexInfo info levels (JET_IdxInfo*) */
static const jet_expected_const jet_xc_jetgetindexinfo_jetgettableindexinfo_info_levels_jet_idxinfo[] = {
    JET_XC(JET_IdxInfo, 0U),
    JET_XC(JET_IdxInfoList, 1U),
    JET_XC(JET_IdxInfoSysTabCursor, 2U),
    JET_XC(JET_IdxInfoOLC, 3U),
    JET_XC(JET_IdxInfoResetOLC, 4U),
    JET_XC(JET_IdxInfoSpaceAlloc, 5U),
#if JET_VERSION >= 0x0501
    JET_XC(JET_IdxInfoLCID, 6U),
#endif
    JET_XC(JET_IdxInfoLangid, 6U),
    JET_XC(JET_IdxInfoCount, 7U),
    JET_XC(JET_IdxInfoVarSegMac, 8U),
    JET_XC(JET_IdxInfoIndexId, 9U),
#if JET_VERSION >= 0x0600
    JET_XC(JET_IdxInfoKeyMost, 10U),
#endif
#if JET_VERSION >= 0x0601
    JET_XC(JET_IdxInfoCreateIndex, 11U),
    JET_XC(JET_IdxInfoCreateIndex2, 12U),
#endif
#if JET_VERSION >= 0x0602
    JET_XC(JET_IdxInfoCreateIndex3, 13U),
    JET_XC(JET_IdxInfoLocaleName, 14U),
#endif
#if JET_VERSION >= 0x0A01
    JET_XC(JET_IdxInfoSpaceOwned, 18U),
    JET_XC(JET_IdxInfoSpaceAvailable, 19U),
#endif
    { NULL, 0, 0 }
};

/* JetGetColumnInfo / JetGetTableColumnInfo info levels (JET_ColInfo*) */
static const jet_expected_const jet_xc_jetgetcolumninfo_jetgettablecolumninfo_info_levels_jet_colin[] = {
    JET_XC(JET_ColInfo, 0U),
    JET_XC(JET_ColInfoList, 1U),
    JET_XC(JET_ColInfoSysTabCursor, 3U),
    JET_XC(JET_ColInfoBase, 4U),
    JET_XC(JET_ColInfoListCompact, 5U),
#if JET_VERSION >= 0x0501
    JET_XC(JET_ColInfoByColid, 6U),
    JET_XC(JET_ColInfoListSortColumnid, 7U),
#endif
#if JET_VERSION >= 0x0600
    JET_XC(JET_ColInfoBaseByColid, 8U),
#endif
    { NULL, 0, 0 }
};

/* Column-info grbits ORed into the InfoLevel argument */
static const jet_expected_const jet_xc_column_info_grbits_ored_into_the_infolevel_argument[] = {
#if JET_VERSION >= 0x0600
    JET_XC(JET_ColInfoGrbitNonDerivedColumnsOnly, 0x80000000),
    JET_XC(JET_ColInfoGrbitMinimalInfo, 0x40000000),
    JET_XC(JET_ColInfoGrbitSortByColumnid, 0x20000000),
#endif
    { NULL, 0, 0 }
};

/* JetGetInstanceMiscInfo info levels (JET_InstanceMiscInfo*) */
static const jet_expected_const jet_xc_jetgetinstancemiscinfo_info_levels_jet_instancemiscinfo[] = {
#if JET_VERSION >= 0x0600
    JET_XC(JET_InstanceMiscInfoLogSignature, 0U),
#endif
#if JET_VERSION >= 0x0A01
    JET_XC(JET_InstanceMiscInfoRBS, 2U),
#endif
    { NULL, 0, 0 }
};

/* JetGetErrorInfo info level */
static const jet_expected_const jet_xc_jetgeterrorinfo_info_level[] = {
#if JET_VERSION >= 0x0602
    JET_XC(JET_ErrorInfoSpecificErr, 1U),
#endif
    { NULL, 0, 0 }
};

/* Object types (JET_objtyp*) */
static const jet_expected_const jet_xc_object_types_jet_objtyp[] = {
    JET_XC(JET_objtypNil, 0),
    JET_XC(JET_objtypTable, 1),
    { NULL, 0, 0 }
};

#define JET_XG(title, arr) { title, arr, sizeof(arr) / sizeof(arr[0]) - 1 }
static const jet_expected_group jet_expected_groups[] = {
    JET_XG("3.1 Nil handles and limits", jet_xc_nil_handles_and_limits),
    JET_XG("3.2 Column types (JET_coltyp*)", jet_xc_column_types_jet_coltyp),
    JET_XG("5.1 Status-notification processes (JET_snp*) - snp argument of JET_PFNSTATUS", jet_xc_status_notification_processes_jet_snp_snp_argument_of_jet_pf),
    JET_XG("5.2 Status-notification types (JET_snt*) - snt argument", jet_xc_status_notification_types_jet_snt_snt_argument),
    JET_XG("5.3 Callback types (JET_cbtyp*) for JET_CALLBACK / JetRegisterCallback", jet_xc_callback_types_jet_cbtyp_for_jet_callback_jetregistercallbac),
    JET_XG("6.1 SUCCESS", jet_xc_success),
    JET_XG("6.2 ERRORS (generic)", jet_xc_errors_generic),
    JET_XG("6.3 SYSTEM errors", jet_xc_system_errors),
    JET_XG("6.4 BUFFER MANAGER errors", jet_xc_buffer_manager_errors),
    JET_XG("6.5 DIRECTORY MANAGER errors", jet_xc_directory_manager_errors),
    JET_XG("6.6 RECORD MANAGER errors", jet_xc_record_manager_errors),
    JET_XG("6.7 LOGGING/RECOVERY errors", jet_xc_logging_recovery_errors),
    JET_XG("6.8 NT-client database-format errors (returned by JetInit when JET_paramCheckFormatWhenOpenFail is set)", jet_xc_nt_client_database_format_errors_returned_by_jetinit_when_je),
    JET_XG("6.9 DDL errors", jet_xc_ddl_errors),
    JET_XG("6.10 DML errors", jet_xc_dml_errors),
    JET_XG("6.11 Sort Table errors", jet_xc_sort_table_errors),
    JET_XG("6.12 Other errors", jet_xc_other_errors),
    JET_XG("6.15 KVP errors section (contains the Local Storage JET_errLS* codes)", jet_xc_kvp_errors_section_contains_the_local_storage_jet_errls_code),
    JET_XG("6.16 FILE and DISK errors", jet_xc_file_and_disk_errors),
    JET_XG("6.17 CLIENT RESERVED error space", jet_xc_client_reserved_error_space),
    JET_XG("7. System parameters (JET_param*)", jet_xc_system_parameters_jet_param),
    JET_XG("7.1 Session parameters (JET_sesparam*, for JetSetSessionParameter/JetGetSessionParameter)", jet_xc_session_parameters_jet_sesparam_for_jetsetsessionparameter_j),
    JET_XG("JET_paramEventLoggingLevel values", jet_xc_jet_parameventlogginglevel_values),
    JET_XG("JET_paramIOPriority / JET_sesparamIOPriority values", jet_xc_jet_paramiopriority_jet_sesparamiopriority_values),
    JET_XG("JET_paramConfiguration values", jet_xc_jet_paramconfiguration_values),
    JET_XG("JET_paramLegacyFileNames bits", jet_xc_jet_paramlegacyfilenames_bits),
    JET_XG("JET_paramHungIOActions bits", jet_xc_jet_paramhungioactions_bits),
    JET_XG("JET_paramEnableShrinkDatabase values", jet_xc_jet_paramenableshrinkdatabase_values),
    JET_XG("JET_paramEnableSqm values (parameter deprecated/ignored)", jet_xc_jet_paramenablesqm_values_parameter_deprecated_ignored),
    JET_XG("JET_paramExceptionAction values", jet_xc_jet_paramexceptionaction_values),
    JET_XG("JET_paramEnableOnlineDefrag values", jet_xc_jet_paramenableonlinedefrag_values),
    JET_XG("JetInit2 / JetInit3 / JetInit4 grbits", jet_xc_jetinit2_jetinit3_jetinit4_grbits),
    JET_XG("JetTerm2 grbits", jet_xc_jetterm2_grbits),
    JET_XG("JetStopServiceInstance2 grbits", jet_xc_jetstopserviceinstance2_grbits),
    JET_XG("JetIdle grbits", jet_xc_jetidle_grbits),
    JET_XG("JetAttachDatabase / JetOpenDatabase grbits", jet_xc_jetattachdatabase_jetopendatabase_grbits),
    JET_XG("JetDetachDatabase2 grbits", jet_xc_jetdetachdatabase2_grbits),
    JET_XG("JetCreateDatabase grbits", jet_xc_jetcreatedatabase_grbits),
    JET_XG("JetBackup / JetBackupInstance / JetBeginExternalBackup(Instance) grbits", jet_xc_jetbackup_jetbackupinstance_jetbeginexternalbackup_instance),
    JET_XG("JetEndExternalBackupInstance2 grbits", jet_xc_jetendexternalbackupinstance2_grbits),
    JET_XG("JetCreateTableColumnIndex* (JET_TABLECREATE*.grbit)", jet_xc_jetcreatetablecolumnindex_jet_tablecreate_grbit),
    JET_XG("Column grbits (JetAddColumn, JET_COLUMNDEF/JET_COLUMNCREATE.grbit, JetOpenTempTable)", jet_xc_column_grbits_jetaddcolumn_jet_columndef_jet_columncreate_gr),
    JET_XG("JetDeleteColumn2 grbits", jet_xc_jetdeletecolumn2_grbits),
    JET_XG("JetSetCurrentIndex2/3/4 grbits", jet_xc_jetsetcurrentindex2_3_4_grbits),
    JET_XG("JetMakeKey grbits", jet_xc_jetmakekey_grbits),
    JET_XG("JetSetIndexRange grbits", jet_xc_jetsetindexrange_grbits),
    JET_XG("JetGetLock grbits", jet_xc_jetgetlock_grbits),
    JET_XG("JetMove cRow constants", jet_xc_jetmove_crow_constants),
    JET_XG("JetMove grbits", jet_xc_jetmove_grbits),
    JET_XG("JetSeek grbits", jet_xc_jetseek_grbits),
    JET_XG("JetGotoSecondaryIndexBookmark grbits", jet_xc_jetgotosecondaryindexbookmark_grbits),
    JET_XG("JET_CONDITIONALCOLUMN.grbit", jet_xc_jet_conditionalcolumn_grbit),
    JET_XG("JET_INDEXRANGE.grbit", jet_xc_jet_indexrange_grbit),
    JET_XG("JetCreateIndex* grbits (JET_INDEXCREATE*.grbit)", jet_xc_jetcreateindex_grbits_jet_indexcreate_grbit),
    JET_XG("Index key definition prefix bits", jet_xc_index_key_definition_prefix_bits),
    JET_XG("JetOpenTable grbits (incl. table stats classes)", jet_xc_jetopentable_grbits_incl_table_stats_classes),
    JET_XG("Local-storage grbits (JetSetLS/JetGetLS)", jet_xc_local_storage_grbits_jetsetls_jetgetls),
    JET_XG("JetSetTableSequential / JetResetTableSequential / JetPrereadIndexRanges grbits", jet_xc_jetsettablesequential_jetresettablesequential_jetprereadinde),
    JET_XG("JetOpenTempTable grbits", jet_xc_jetopentemptable_grbits),
    JET_XG("JetSetColumn / JET_SETCOLUMN.grbit", jet_xc_jetsetcolumn_jet_setcolumn_grbit),
    JET_XG("JET_SPACEHINTS.grbit", jet_xc_jet_spacehints_grbit),
    JET_XG("JetPrepareUpdate options (JET_prep*)", jet_xc_jetprepareupdate_options_jet_prep),
    JET_XG("JetUpdate2 grbits", jet_xc_jetupdate2_grbits),
    JET_XG("JetEscrowUpdate grbits", jet_xc_jetescrowupdate_grbits),
    JET_XG("JetRetrieveColumn / JET_RETRIEVECOLUMN.grbit", jet_xc_jetretrievecolumn_jet_retrievecolumn_grbit),
    JET_XG("JET_INDEX_COLUMN.grbit", jet_xc_jet_index_column_grbit),
    JET_XG("JetEnumerateColumns grbits", jet_xc_jetenumeratecolumns_grbits),
    JET_XG("JetGetRecordSize grbits", jet_xc_jetgetrecordsize_grbits),
    JET_XG("JetBeginTransaction2/3 grbits", jet_xc_jetbegintransaction2_3_grbits),
    JET_XG("JetCommitTransaction / JetCommitTransaction2 grbits", jet_xc_jetcommittransaction_jetcommittransaction2_grbits),
    JET_XG("JetRollback grbits", jet_xc_jetrollback_grbits),
    JET_XG("JetOSSnapshotPrepare grbits", jet_xc_jetossnapshotprepare_grbits),
    JET_XG("JetOSSnapshotTruncateLog / TruncateLogInstance grbits", jet_xc_jetossnapshottruncatelog_truncateloginstance_grbits),
    JET_XG("JetOSSnapshotEnd grbits", jet_xc_jetossnapshotend_grbits),
    JET_XG("JetDefragment / JetDefragment2 grbits", jet_xc_jetdefragment_jetdefragment2_grbits),
    JET_XG("JetCompact grbits", jet_xc_jetcompact_grbits),
    JET_XG("JetResizeDatabase grbits", jet_xc_jetresizedatabase_grbits),
    JET_XG("JET_OBJECTINFO.grbit / .flags", jet_xc_jet_objectinfo_grbit_flags),
    JET_XG("JET_PFNDURABLECOMMITCALLBACK grbit", jet_xc_jet_pfndurablecommitcallback_grbit),
    JET_XG("JetConfigureProcessForCrashDump grbits", jet_xc_jetconfigureprocessforcrashdump_grbits),
    JET_XG("JetGetDatabaseInfo / JetGetDatabaseFileInfo info levels (JET_DbInfo*)", jet_xc_jetgetdatabaseinfo_jetgetdatabasefileinfo_info_levels_jet_db),
    JET_XG("Database states (JET_dbstate*, in JET_DBINFOMISC.dbstate)", jet_xc_database_states_jet_dbstate_in_jet_dbinfomisc_dbstate),
    JET_XG("File types (JET_DbInfoFileType result)", jet_xc_file_types_jet_dbinfofiletype_result),
    JET_XG("JetGetObjectInfo info levels (JET_ObjInfo*)", jet_xc_jetgetobjectinfo_info_levels_jet_objinfo),
    JET_XG("JetGetTableInfo / JetSetTableInfo info levels (JET_TblInfo*)", jet_xc_jetgettableinfo_jetsettableinfo_info_levels_jet_tblinfo),
    JET_XG("JetGetIndexInfo / JetGetTableIndexInfo info levels (JET_IdxInfo*)", jet_xc_jetgetindexinfo_jetgettableindexinfo_info_levels_jet_idxinfo),
    JET_XG("JetGetColumnInfo / JetGetTableColumnInfo info levels (JET_ColInfo*)", jet_xc_jetgetcolumninfo_jetgettablecolumninfo_info_levels_jet_colin),
    JET_XG("Column-info grbits ORed into the InfoLevel argument", jet_xc_column_info_grbits_ored_into_the_infolevel_argument),
    JET_XG("JetGetInstanceMiscInfo info levels (JET_InstanceMiscInfo*)", jet_xc_jetgetinstancemiscinfo_info_levels_jet_instancemiscinfo),
    JET_XG("JetGetErrorInfo info level", jet_xc_jetgeterrorinfo_info_level),
    JET_XG("Object types (JET_objtyp*)", jet_xc_object_types_jet_objtyp),
};
#define JET_EXPECTED_GROUP_COUNT (sizeof(jet_expected_groups) / sizeof(jet_expected_groups[0]))

/* public JET_err* / JET_wrn* codes in the reference (none is version-guarded) */
#define JET_EXPECTED_ERROR_COUNT 430
/* public JET_param* ids in the reference at the current JET_VERSION */
#define JET_EXPECTED_PARAM_COUNT ((1 ? 53 : 0) + ((JET_VERSION >= 0x0501) ? 19 : 0) + ((JET_VERSION >= 0x0502) ? 2 : 0) + ((JET_VERSION >= 0x0600) ? 28 : 0) + ((JET_VERSION >= 0x0601) ? 13 : 0) + ((JET_VERSION >= 0x0602) ? 9 : 0) + ((JET_VERSION >= 0x0603) ? 2 : 0) + ((JET_VERSION >= 0x0A00) ? 1 : 0) + ((JET_VERSION >= 0x0A01) ? 5 : 0))

/* ---- structure layouts (x64 offsets from the reference; the same on LP64 Linux) ---- */

typedef struct {
    const char *name;
    size_t actual;
    size_t expected;
} jet_expected_size;

#if 1
JET_STATIC_ASSERT(offsetof(JET_SIGNATURE, ulRandom) == 0, "JET_SIGNATURE.ulRandom offset");
JET_STATIC_ASSERT(offsetof(JET_SIGNATURE, logtimeCreate) == 4, "JET_SIGNATURE.logtimeCreate offset");
JET_STATIC_ASSERT(offsetof(JET_SIGNATURE, szComputerName) == 12, "JET_SIGNATURE.szComputerName offset");
JET_STATIC_ASSERT(sizeof(JET_SIGNATURE) == 28, "sizeof(JET_SIGNATURE)");
#endif
#if 1
JET_STATIC_ASSERT(offsetof(JET_LOGTIME, bSeconds) == 0, "JET_LOGTIME.bSeconds offset");
JET_STATIC_ASSERT(offsetof(JET_LOGTIME, bMinutes) == 1, "JET_LOGTIME.bMinutes offset");
JET_STATIC_ASSERT(offsetof(JET_LOGTIME, bHours) == 2, "JET_LOGTIME.bHours offset");
JET_STATIC_ASSERT(offsetof(JET_LOGTIME, bDay) == 3, "JET_LOGTIME.bDay offset");
JET_STATIC_ASSERT(offsetof(JET_LOGTIME, bMonth) == 4, "JET_LOGTIME.bMonth offset");
JET_STATIC_ASSERT(offsetof(JET_LOGTIME, bYear) == 5, "JET_LOGTIME.bYear offset");
JET_STATIC_ASSERT(offsetof(JET_LOGTIME, bFiller1) == 6, "JET_LOGTIME.bFiller1 offset");
JET_STATIC_ASSERT(offsetof(JET_LOGTIME, bFiller2) == 7, "JET_LOGTIME.bFiller2 offset");
JET_STATIC_ASSERT(sizeof(JET_LOGTIME) == 8, "sizeof(JET_LOGTIME)");
#endif
#if JET_VERSION >= 0x0600
JET_STATIC_ASSERT(offsetof(JET_BKLOGTIME, bSeconds) == 0, "JET_BKLOGTIME.bSeconds offset");
JET_STATIC_ASSERT(offsetof(JET_BKLOGTIME, bMinutes) == 1, "JET_BKLOGTIME.bMinutes offset");
JET_STATIC_ASSERT(offsetof(JET_BKLOGTIME, bHours) == 2, "JET_BKLOGTIME.bHours offset");
JET_STATIC_ASSERT(offsetof(JET_BKLOGTIME, bDay) == 3, "JET_BKLOGTIME.bDay offset");
JET_STATIC_ASSERT(offsetof(JET_BKLOGTIME, bMonth) == 4, "JET_BKLOGTIME.bMonth offset");
JET_STATIC_ASSERT(offsetof(JET_BKLOGTIME, bYear) == 5, "JET_BKLOGTIME.bYear offset");
JET_STATIC_ASSERT(offsetof(JET_BKLOGTIME, bFiller1) == 6, "JET_BKLOGTIME.bFiller1 offset");
JET_STATIC_ASSERT(offsetof(JET_BKLOGTIME, bFiller2) == 7, "JET_BKLOGTIME.bFiller2 offset");
JET_STATIC_ASSERT(sizeof(JET_BKLOGTIME) == 8, "sizeof(JET_BKLOGTIME)");
#endif
#if 1
JET_STATIC_ASSERT(offsetof(JET_LGPOS, ib) == 0, "JET_LGPOS.ib offset");
JET_STATIC_ASSERT(offsetof(JET_LGPOS, isec) == 2, "JET_LGPOS.isec offset");
JET_STATIC_ASSERT(offsetof(JET_LGPOS, lGeneration) == 4, "JET_LGPOS.lGeneration offset");
JET_STATIC_ASSERT(sizeof(JET_LGPOS) == 8, "sizeof(JET_LGPOS)");
#endif
#if 1
JET_STATIC_ASSERT(offsetof(JET_BKINFO, lgposMark) == 0, "JET_BKINFO.lgposMark offset");
JET_STATIC_ASSERT(offsetof(JET_BKINFO, logtimeMark) == 8, "JET_BKINFO.logtimeMark offset");
#if JET_VERSION >= 0x0600
JET_STATIC_ASSERT(offsetof(JET_BKINFO, bklogtimeMark) == 8, "JET_BKINFO.bklogtimeMark offset");
#endif
JET_STATIC_ASSERT(offsetof(JET_BKINFO, genLow) == 16, "JET_BKINFO.genLow offset");
JET_STATIC_ASSERT(offsetof(JET_BKINFO, genHigh) == 20, "JET_BKINFO.genHigh offset");
#if JET_VERSION >= 0x0600
JET_STATIC_ASSERT(sizeof(JET_BKINFO) == 24, "sizeof(JET_BKINFO)");
#endif
#endif
#if JET_VERSION >= 0x0501 && JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_LOGINFO_A, cbSize) == 0, "JET_LOGINFO_A.cbSize offset");
JET_STATIC_ASSERT(offsetof(JET_LOGINFO_A, ulGenLow) == 4, "JET_LOGINFO_A.ulGenLow offset");
JET_STATIC_ASSERT(offsetof(JET_LOGINFO_A, ulGenHigh) == 8, "JET_LOGINFO_A.ulGenHigh offset");
JET_STATIC_ASSERT(offsetof(JET_LOGINFO_A, szBaseName) == 12, "JET_LOGINFO_A.szBaseName offset");
JET_STATIC_ASSERT(sizeof(JET_LOGINFO_A) == 16, "sizeof(JET_LOGINFO_A)");
#endif
#if JET_VERSION >= 0x0501 && JET_TEST_LP64 && JET_TEST_WCHAR16
JET_STATIC_ASSERT(offsetof(JET_LOGINFO_W, cbSize) == 0, "JET_LOGINFO_W.cbSize offset");
JET_STATIC_ASSERT(offsetof(JET_LOGINFO_W, ulGenLow) == 4, "JET_LOGINFO_W.ulGenLow offset");
JET_STATIC_ASSERT(offsetof(JET_LOGINFO_W, ulGenHigh) == 8, "JET_LOGINFO_W.ulGenHigh offset");
JET_STATIC_ASSERT(offsetof(JET_LOGINFO_W, szBaseName) == 12, "JET_LOGINFO_W.szBaseName offset");
JET_STATIC_ASSERT(sizeof(JET_LOGINFO_W) == 20, "sizeof(JET_LOGINFO_W)");
#endif
#if JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_RSTMAP_A, szDatabaseName) == 0, "JET_RSTMAP_A.szDatabaseName offset");
JET_STATIC_ASSERT(offsetof(JET_RSTMAP_A, szNewDatabaseName) == 8, "JET_RSTMAP_A.szNewDatabaseName offset");
JET_STATIC_ASSERT(sizeof(JET_RSTMAP_A) == 16, "sizeof(JET_RSTMAP_A)");
#endif
#if JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_RSTMAP_W, szDatabaseName) == 0, "JET_RSTMAP_W.szDatabaseName offset");
JET_STATIC_ASSERT(offsetof(JET_RSTMAP_W, szNewDatabaseName) == 8, "JET_RSTMAP_W.szNewDatabaseName offset");
JET_STATIC_ASSERT(sizeof(JET_RSTMAP_W) == 16, "sizeof(JET_RSTMAP_W)");
#endif
#if JET_VERSION >= 0x0600 && JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_RSTINFO_A, cbStruct) == 0, "JET_RSTINFO_A.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_RSTINFO_A, rgrstmap) == 8, "JET_RSTINFO_A.rgrstmap offset");
JET_STATIC_ASSERT(offsetof(JET_RSTINFO_A, crstmap) == 16, "JET_RSTINFO_A.crstmap offset");
JET_STATIC_ASSERT(offsetof(JET_RSTINFO_A, lgposStop) == 20, "JET_RSTINFO_A.lgposStop offset");
JET_STATIC_ASSERT(offsetof(JET_RSTINFO_A, logtimeStop) == 28, "JET_RSTINFO_A.logtimeStop offset");
JET_STATIC_ASSERT(offsetof(JET_RSTINFO_A, pfnStatus) == 40, "JET_RSTINFO_A.pfnStatus offset");
JET_STATIC_ASSERT(sizeof(JET_RSTINFO_A) == 48, "sizeof(JET_RSTINFO_A)");
#endif
#if JET_VERSION >= 0x0600 && JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_RSTINFO_W, cbStruct) == 0, "JET_RSTINFO_W.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_RSTINFO_W, rgrstmap) == 8, "JET_RSTINFO_W.rgrstmap offset");
JET_STATIC_ASSERT(offsetof(JET_RSTINFO_W, crstmap) == 16, "JET_RSTINFO_W.crstmap offset");
JET_STATIC_ASSERT(offsetof(JET_RSTINFO_W, lgposStop) == 20, "JET_RSTINFO_W.lgposStop offset");
JET_STATIC_ASSERT(offsetof(JET_RSTINFO_W, logtimeStop) == 28, "JET_RSTINFO_W.logtimeStop offset");
JET_STATIC_ASSERT(offsetof(JET_RSTINFO_W, pfnStatus) == 40, "JET_RSTINFO_W.pfnStatus offset");
JET_STATIC_ASSERT(sizeof(JET_RSTINFO_W) == 48, "sizeof(JET_RSTINFO_W)");
#endif
#if 1
JET_STATIC_ASSERT(offsetof(JET_SNPROG, cbStruct) == 0, "JET_SNPROG.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_SNPROG, cunitDone) == 4, "JET_SNPROG.cunitDone offset");
JET_STATIC_ASSERT(offsetof(JET_SNPROG, cunitTotal) == 8, "JET_SNPROG.cunitTotal offset");
JET_STATIC_ASSERT(sizeof(JET_SNPROG) == 12, "sizeof(JET_SNPROG)");
#endif
#if JET_VERSION >= 0x0501 && JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_INSTANCE_INFO_A, hInstanceId) == 0, "JET_INSTANCE_INFO_A.hInstanceId offset");
JET_STATIC_ASSERT(offsetof(JET_INSTANCE_INFO_A, szInstanceName) == 8, "JET_INSTANCE_INFO_A.szInstanceName offset");
JET_STATIC_ASSERT(offsetof(JET_INSTANCE_INFO_A, cDatabases) == 16, "JET_INSTANCE_INFO_A.cDatabases offset");
JET_STATIC_ASSERT(offsetof(JET_INSTANCE_INFO_A, szDatabaseFileName) == 24, "JET_INSTANCE_INFO_A.szDatabaseFileName offset");
JET_STATIC_ASSERT(offsetof(JET_INSTANCE_INFO_A, szDatabaseDisplayName) == 32, "JET_INSTANCE_INFO_A.szDatabaseDisplayName offset");
JET_STATIC_ASSERT(offsetof(JET_INSTANCE_INFO_A, szDatabaseSLVFileName_Obsolete) == 40, "JET_INSTANCE_INFO_A.szDatabaseSLVFileName_Obsolete offset");
JET_STATIC_ASSERT(sizeof(JET_INSTANCE_INFO_A) == 48, "sizeof(JET_INSTANCE_INFO_A)");
#endif
#if JET_VERSION >= 0x0501 && JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_INSTANCE_INFO_W, hInstanceId) == 0, "JET_INSTANCE_INFO_W.hInstanceId offset");
JET_STATIC_ASSERT(offsetof(JET_INSTANCE_INFO_W, szInstanceName) == 8, "JET_INSTANCE_INFO_W.szInstanceName offset");
JET_STATIC_ASSERT(offsetof(JET_INSTANCE_INFO_W, cDatabases) == 16, "JET_INSTANCE_INFO_W.cDatabases offset");
JET_STATIC_ASSERT(offsetof(JET_INSTANCE_INFO_W, szDatabaseFileName) == 24, "JET_INSTANCE_INFO_W.szDatabaseFileName offset");
JET_STATIC_ASSERT(offsetof(JET_INSTANCE_INFO_W, szDatabaseDisplayName) == 32, "JET_INSTANCE_INFO_W.szDatabaseDisplayName offset");
JET_STATIC_ASSERT(offsetof(JET_INSTANCE_INFO_W, szDatabaseSLVFileName_Obsolete) == 40, "JET_INSTANCE_INFO_W.szDatabaseSLVFileName_Obsolete offset");
JET_STATIC_ASSERT(sizeof(JET_INSTANCE_INFO_W) == 48, "sizeof(JET_INSTANCE_INFO_W)");
#endif
#if JET_VERSION >= 0x0501 && JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_SETSYSPARAM_A, paramid) == 0, "JET_SETSYSPARAM_A.paramid offset");
JET_STATIC_ASSERT(offsetof(JET_SETSYSPARAM_A, lParam) == 8, "JET_SETSYSPARAM_A.lParam offset");
JET_STATIC_ASSERT(offsetof(JET_SETSYSPARAM_A, sz) == 16, "JET_SETSYSPARAM_A.sz offset");
JET_STATIC_ASSERT(offsetof(JET_SETSYSPARAM_A, err) == 24, "JET_SETSYSPARAM_A.err offset");
JET_STATIC_ASSERT(sizeof(JET_SETSYSPARAM_A) == 32, "sizeof(JET_SETSYSPARAM_A)");
#endif
#if JET_VERSION >= 0x0501 && JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_SETSYSPARAM_W, paramid) == 0, "JET_SETSYSPARAM_W.paramid offset");
JET_STATIC_ASSERT(offsetof(JET_SETSYSPARAM_W, lParam) == 8, "JET_SETSYSPARAM_W.lParam offset");
JET_STATIC_ASSERT(offsetof(JET_SETSYSPARAM_W, sz) == 16, "JET_SETSYSPARAM_W.sz offset");
JET_STATIC_ASSERT(offsetof(JET_SETSYSPARAM_W, err) == 24, "JET_SETSYSPARAM_W.err offset");
JET_STATIC_ASSERT(sizeof(JET_SETSYSPARAM_W) == 32, "sizeof(JET_SETSYSPARAM_W)");
#endif
#if JET_VERSION >= 0x0602
JET_STATIC_ASSERT(offsetof(JET_COMMIT_ID, signLog) == 0, "JET_COMMIT_ID.signLog offset");
JET_STATIC_ASSERT(offsetof(JET_COMMIT_ID, reserved) == 28, "JET_COMMIT_ID.reserved offset");
JET_STATIC_ASSERT(offsetof(JET_COMMIT_ID, commitId) == 32, "JET_COMMIT_ID.commitId offset");
JET_STATIC_ASSERT(sizeof(JET_COMMIT_ID) == 40, "sizeof(JET_COMMIT_ID)");
#endif
#if JET_VERSION >= 0x0A00
JET_STATIC_ASSERT(offsetof(JET_OPERATIONCONTEXT, ulUserID) == 0, "JET_OPERATIONCONTEXT.ulUserID offset");
JET_STATIC_ASSERT(offsetof(JET_OPERATIONCONTEXT, nOperationID) == 4, "JET_OPERATIONCONTEXT.nOperationID offset");
JET_STATIC_ASSERT(offsetof(JET_OPERATIONCONTEXT, nOperationType) == 5, "JET_OPERATIONCONTEXT.nOperationType offset");
JET_STATIC_ASSERT(offsetof(JET_OPERATIONCONTEXT, nClientType) == 6, "JET_OPERATIONCONTEXT.nClientType offset");
JET_STATIC_ASSERT(offsetof(JET_OPERATIONCONTEXT, fFlags) == 7, "JET_OPERATIONCONTEXT.fFlags offset");
JET_STATIC_ASSERT(sizeof(JET_OPERATIONCONTEXT) == 8, "sizeof(JET_OPERATIONCONTEXT)");
#endif
#if 1
JET_STATIC_ASSERT(offsetof(JET_COLUMNDEF, cbStruct) == 0, "JET_COLUMNDEF.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNDEF, columnid) == 4, "JET_COLUMNDEF.columnid offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNDEF, coltyp) == 8, "JET_COLUMNDEF.coltyp offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNDEF, wCountry) == 12, "JET_COLUMNDEF.wCountry offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNDEF, langid) == 14, "JET_COLUMNDEF.langid offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNDEF, cp) == 16, "JET_COLUMNDEF.cp offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNDEF, wCollate) == 18, "JET_COLUMNDEF.wCollate offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNDEF, cbMax) == 20, "JET_COLUMNDEF.cbMax offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNDEF, grbit) == 24, "JET_COLUMNDEF.grbit offset");
JET_STATIC_ASSERT(sizeof(JET_COLUMNDEF) == 28, "sizeof(JET_COLUMNDEF)");
#endif
#if 1
JET_STATIC_ASSERT(offsetof(JET_COLUMNBASE_A, cbStruct) == 0, "JET_COLUMNBASE_A.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNBASE_A, columnid) == 4, "JET_COLUMNBASE_A.columnid offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNBASE_A, coltyp) == 8, "JET_COLUMNBASE_A.coltyp offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNBASE_A, wCountry) == 12, "JET_COLUMNBASE_A.wCountry offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNBASE_A, langid) == 14, "JET_COLUMNBASE_A.langid offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNBASE_A, cp) == 16, "JET_COLUMNBASE_A.cp offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNBASE_A, wFiller) == 18, "JET_COLUMNBASE_A.wFiller offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNBASE_A, cbMax) == 20, "JET_COLUMNBASE_A.cbMax offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNBASE_A, grbit) == 24, "JET_COLUMNBASE_A.grbit offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNBASE_A, szBaseTableName) == 28, "JET_COLUMNBASE_A.szBaseTableName offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNBASE_A, szBaseColumnName) == 284, "JET_COLUMNBASE_A.szBaseColumnName offset");
JET_STATIC_ASSERT(sizeof(JET_COLUMNBASE_A) == 540, "sizeof(JET_COLUMNBASE_A)");
#endif
#if JET_TEST_LP64 && JET_TEST_WCHAR16
JET_STATIC_ASSERT(offsetof(JET_COLUMNBASE_W, cbStruct) == 0, "JET_COLUMNBASE_W.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNBASE_W, columnid) == 4, "JET_COLUMNBASE_W.columnid offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNBASE_W, coltyp) == 8, "JET_COLUMNBASE_W.coltyp offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNBASE_W, wCountry) == 12, "JET_COLUMNBASE_W.wCountry offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNBASE_W, langid) == 14, "JET_COLUMNBASE_W.langid offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNBASE_W, cp) == 16, "JET_COLUMNBASE_W.cp offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNBASE_W, wFiller) == 18, "JET_COLUMNBASE_W.wFiller offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNBASE_W, cbMax) == 20, "JET_COLUMNBASE_W.cbMax offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNBASE_W, grbit) == 24, "JET_COLUMNBASE_W.grbit offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNBASE_W, szBaseTableName) == 28, "JET_COLUMNBASE_W.szBaseTableName offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNBASE_W, szBaseColumnName) == 540, "JET_COLUMNBASE_W.szBaseColumnName offset");
JET_STATIC_ASSERT(sizeof(JET_COLUMNBASE_W) == 1052, "sizeof(JET_COLUMNBASE_W)");
#endif
#if JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_COLUMNCREATE_A, cbStruct) == 0, "JET_COLUMNCREATE_A.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNCREATE_A, szColumnName) == 8, "JET_COLUMNCREATE_A.szColumnName offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNCREATE_A, coltyp) == 16, "JET_COLUMNCREATE_A.coltyp offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNCREATE_A, cbMax) == 20, "JET_COLUMNCREATE_A.cbMax offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNCREATE_A, grbit) == 24, "JET_COLUMNCREATE_A.grbit offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNCREATE_A, pvDefault) == 32, "JET_COLUMNCREATE_A.pvDefault offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNCREATE_A, cbDefault) == 40, "JET_COLUMNCREATE_A.cbDefault offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNCREATE_A, cp) == 44, "JET_COLUMNCREATE_A.cp offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNCREATE_A, columnid) == 48, "JET_COLUMNCREATE_A.columnid offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNCREATE_A, err) == 52, "JET_COLUMNCREATE_A.err offset");
JET_STATIC_ASSERT(sizeof(JET_COLUMNCREATE_A) == 56, "sizeof(JET_COLUMNCREATE_A)");
#endif
#if JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_COLUMNCREATE_W, cbStruct) == 0, "JET_COLUMNCREATE_W.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNCREATE_W, szColumnName) == 8, "JET_COLUMNCREATE_W.szColumnName offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNCREATE_W, coltyp) == 16, "JET_COLUMNCREATE_W.coltyp offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNCREATE_W, cbMax) == 20, "JET_COLUMNCREATE_W.cbMax offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNCREATE_W, grbit) == 24, "JET_COLUMNCREATE_W.grbit offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNCREATE_W, pvDefault) == 32, "JET_COLUMNCREATE_W.pvDefault offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNCREATE_W, cbDefault) == 40, "JET_COLUMNCREATE_W.cbDefault offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNCREATE_W, cp) == 44, "JET_COLUMNCREATE_W.cp offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNCREATE_W, columnid) == 48, "JET_COLUMNCREATE_W.columnid offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNCREATE_W, err) == 52, "JET_COLUMNCREATE_W.err offset");
JET_STATIC_ASSERT(sizeof(JET_COLUMNCREATE_W) == 56, "sizeof(JET_COLUMNCREATE_W)");
#endif
#if JET_VERSION >= 0x0501 && JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_USERDEFINEDDEFAULT_A, szCallback) == 0, "JET_USERDEFINEDDEFAULT_A.szCallback offset");
JET_STATIC_ASSERT(offsetof(JET_USERDEFINEDDEFAULT_A, pbUserData) == 8, "JET_USERDEFINEDDEFAULT_A.pbUserData offset");
JET_STATIC_ASSERT(offsetof(JET_USERDEFINEDDEFAULT_A, cbUserData) == 16, "JET_USERDEFINEDDEFAULT_A.cbUserData offset");
JET_STATIC_ASSERT(offsetof(JET_USERDEFINEDDEFAULT_A, szDependantColumns) == 24, "JET_USERDEFINEDDEFAULT_A.szDependantColumns offset");
JET_STATIC_ASSERT(sizeof(JET_USERDEFINEDDEFAULT_A) == 32, "sizeof(JET_USERDEFINEDDEFAULT_A)");
#endif
#if JET_VERSION >= 0x0501 && JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_USERDEFINEDDEFAULT_W, szCallback) == 0, "JET_USERDEFINEDDEFAULT_W.szCallback offset");
JET_STATIC_ASSERT(offsetof(JET_USERDEFINEDDEFAULT_W, pbUserData) == 8, "JET_USERDEFINEDDEFAULT_W.pbUserData offset");
JET_STATIC_ASSERT(offsetof(JET_USERDEFINEDDEFAULT_W, cbUserData) == 16, "JET_USERDEFINEDDEFAULT_W.cbUserData offset");
JET_STATIC_ASSERT(offsetof(JET_USERDEFINEDDEFAULT_W, szDependantColumns) == 24, "JET_USERDEFINEDDEFAULT_W.szDependantColumns offset");
JET_STATIC_ASSERT(sizeof(JET_USERDEFINEDDEFAULT_W) == 32, "sizeof(JET_USERDEFINEDDEFAULT_W)");
#endif
#if JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_CONDITIONALCOLUMN_A, cbStruct) == 0, "JET_CONDITIONALCOLUMN_A.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_CONDITIONALCOLUMN_A, szColumnName) == 8, "JET_CONDITIONALCOLUMN_A.szColumnName offset");
JET_STATIC_ASSERT(offsetof(JET_CONDITIONALCOLUMN_A, grbit) == 16, "JET_CONDITIONALCOLUMN_A.grbit offset");
JET_STATIC_ASSERT(sizeof(JET_CONDITIONALCOLUMN_A) == 24, "sizeof(JET_CONDITIONALCOLUMN_A)");
#endif
#if JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_CONDITIONALCOLUMN_W, cbStruct) == 0, "JET_CONDITIONALCOLUMN_W.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_CONDITIONALCOLUMN_W, szColumnName) == 8, "JET_CONDITIONALCOLUMN_W.szColumnName offset");
JET_STATIC_ASSERT(offsetof(JET_CONDITIONALCOLUMN_W, grbit) == 16, "JET_CONDITIONALCOLUMN_W.grbit offset");
JET_STATIC_ASSERT(sizeof(JET_CONDITIONALCOLUMN_W) == 24, "sizeof(JET_CONDITIONALCOLUMN_W)");
#endif
#if 1
JET_STATIC_ASSERT(offsetof(JET_UNICODEINDEX, lcid) == 0, "JET_UNICODEINDEX.lcid offset");
JET_STATIC_ASSERT(offsetof(JET_UNICODEINDEX, dwMapFlags) == 4, "JET_UNICODEINDEX.dwMapFlags offset");
JET_STATIC_ASSERT(sizeof(JET_UNICODEINDEX) == 8, "sizeof(JET_UNICODEINDEX)");
#endif
#if JET_VERSION >= 0x0602 && JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_UNICODEINDEX2, szLocaleName) == 0, "JET_UNICODEINDEX2.szLocaleName offset");
JET_STATIC_ASSERT(offsetof(JET_UNICODEINDEX2, dwMapFlags) == 8, "JET_UNICODEINDEX2.dwMapFlags offset");
JET_STATIC_ASSERT(sizeof(JET_UNICODEINDEX2) == 16, "sizeof(JET_UNICODEINDEX2)");
#endif
#if JET_VERSION >= 0x0502
JET_STATIC_ASSERT(offsetof(JET_TUPLELIMITS, chLengthMin) == 0, "JET_TUPLELIMITS.chLengthMin offset");
JET_STATIC_ASSERT(offsetof(JET_TUPLELIMITS, chLengthMax) == 4, "JET_TUPLELIMITS.chLengthMax offset");
JET_STATIC_ASSERT(offsetof(JET_TUPLELIMITS, chToIndexMax) == 8, "JET_TUPLELIMITS.chToIndexMax offset");
#if JET_VERSION >= 0x0600
JET_STATIC_ASSERT(offsetof(JET_TUPLELIMITS, cchIncrement) == 12, "JET_TUPLELIMITS.cchIncrement offset");
#endif
#if JET_VERSION >= 0x0600
JET_STATIC_ASSERT(offsetof(JET_TUPLELIMITS, ichStart) == 16, "JET_TUPLELIMITS.ichStart offset");
#endif
#if JET_VERSION >= 0x0600
JET_STATIC_ASSERT(sizeof(JET_TUPLELIMITS) == 20, "sizeof(JET_TUPLELIMITS)");
#endif
#endif
#if JET_VERSION >= 0x0601
JET_STATIC_ASSERT(offsetof(JET_SPACEHINTS, cbStruct) == 0, "JET_SPACEHINTS.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_SPACEHINTS, ulInitialDensity) == 4, "JET_SPACEHINTS.ulInitialDensity offset");
JET_STATIC_ASSERT(offsetof(JET_SPACEHINTS, cbInitial) == 8, "JET_SPACEHINTS.cbInitial offset");
JET_STATIC_ASSERT(offsetof(JET_SPACEHINTS, grbit) == 12, "JET_SPACEHINTS.grbit offset");
JET_STATIC_ASSERT(offsetof(JET_SPACEHINTS, ulMaintDensity) == 16, "JET_SPACEHINTS.ulMaintDensity offset");
JET_STATIC_ASSERT(offsetof(JET_SPACEHINTS, ulGrowth) == 20, "JET_SPACEHINTS.ulGrowth offset");
JET_STATIC_ASSERT(offsetof(JET_SPACEHINTS, cbMinExtent) == 24, "JET_SPACEHINTS.cbMinExtent offset");
JET_STATIC_ASSERT(offsetof(JET_SPACEHINTS, cbMaxExtent) == 28, "JET_SPACEHINTS.cbMaxExtent offset");
JET_STATIC_ASSERT(sizeof(JET_SPACEHINTS) == 32, "sizeof(JET_SPACEHINTS)");
#endif
#if JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE_A, cbStruct) == 0, "JET_INDEXCREATE_A.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE_A, szIndexName) == 8, "JET_INDEXCREATE_A.szIndexName offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE_A, szKey) == 16, "JET_INDEXCREATE_A.szKey offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE_A, cbKey) == 24, "JET_INDEXCREATE_A.cbKey offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE_A, grbit) == 28, "JET_INDEXCREATE_A.grbit offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE_A, ulDensity) == 32, "JET_INDEXCREATE_A.ulDensity offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE_A, lcid) == 40, "JET_INDEXCREATE_A.lcid offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE_A, pidxunicode) == 40, "JET_INDEXCREATE_A.pidxunicode offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE_A, cbVarSegMac) == 48, "JET_INDEXCREATE_A.cbVarSegMac offset");
#if JET_VERSION >= 0x0502
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE_A, ptuplelimits) == 48, "JET_INDEXCREATE_A.ptuplelimits offset");
#endif
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE_A, rgconditionalcolumn) == 56, "JET_INDEXCREATE_A.rgconditionalcolumn offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE_A, cConditionalColumn) == 64, "JET_INDEXCREATE_A.cConditionalColumn offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE_A, err) == 68, "JET_INDEXCREATE_A.err offset");
#if JET_VERSION >= 0x0600
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE_A, cbKeyMost) == 72, "JET_INDEXCREATE_A.cbKeyMost offset");
#endif
#if JET_VERSION >= 0x0600
JET_STATIC_ASSERT(sizeof(JET_INDEXCREATE_A) == 80, "sizeof(JET_INDEXCREATE_A)");
#endif
#endif
#if JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE_W, cbStruct) == 0, "JET_INDEXCREATE_W.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE_W, szIndexName) == 8, "JET_INDEXCREATE_W.szIndexName offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE_W, szKey) == 16, "JET_INDEXCREATE_W.szKey offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE_W, cbKey) == 24, "JET_INDEXCREATE_W.cbKey offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE_W, grbit) == 28, "JET_INDEXCREATE_W.grbit offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE_W, ulDensity) == 32, "JET_INDEXCREATE_W.ulDensity offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE_W, lcid) == 40, "JET_INDEXCREATE_W.lcid offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE_W, pidxunicode) == 40, "JET_INDEXCREATE_W.pidxunicode offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE_W, cbVarSegMac) == 48, "JET_INDEXCREATE_W.cbVarSegMac offset");
#if JET_VERSION >= 0x0502
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE_W, ptuplelimits) == 48, "JET_INDEXCREATE_W.ptuplelimits offset");
#endif
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE_W, rgconditionalcolumn) == 56, "JET_INDEXCREATE_W.rgconditionalcolumn offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE_W, cConditionalColumn) == 64, "JET_INDEXCREATE_W.cConditionalColumn offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE_W, err) == 68, "JET_INDEXCREATE_W.err offset");
#if JET_VERSION >= 0x0600
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE_W, cbKeyMost) == 72, "JET_INDEXCREATE_W.cbKeyMost offset");
#endif
#if JET_VERSION >= 0x0600
JET_STATIC_ASSERT(sizeof(JET_INDEXCREATE_W) == 80, "sizeof(JET_INDEXCREATE_W)");
#endif
#endif
#if JET_VERSION >= 0x0601 && JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE2_A, cbStruct) == 0, "JET_INDEXCREATE2_A.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE2_A, szIndexName) == 8, "JET_INDEXCREATE2_A.szIndexName offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE2_A, szKey) == 16, "JET_INDEXCREATE2_A.szKey offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE2_A, cbKey) == 24, "JET_INDEXCREATE2_A.cbKey offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE2_A, grbit) == 28, "JET_INDEXCREATE2_A.grbit offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE2_A, ulDensity) == 32, "JET_INDEXCREATE2_A.ulDensity offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE2_A, lcid) == 40, "JET_INDEXCREATE2_A.lcid offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE2_A, pidxunicode) == 40, "JET_INDEXCREATE2_A.pidxunicode offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE2_A, cbVarSegMac) == 48, "JET_INDEXCREATE2_A.cbVarSegMac offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE2_A, ptuplelimits) == 48, "JET_INDEXCREATE2_A.ptuplelimits offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE2_A, rgconditionalcolumn) == 56, "JET_INDEXCREATE2_A.rgconditionalcolumn offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE2_A, cConditionalColumn) == 64, "JET_INDEXCREATE2_A.cConditionalColumn offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE2_A, err) == 68, "JET_INDEXCREATE2_A.err offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE2_A, cbKeyMost) == 72, "JET_INDEXCREATE2_A.cbKeyMost offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE2_A, pSpacehints) == 80, "JET_INDEXCREATE2_A.pSpacehints offset");
JET_STATIC_ASSERT(sizeof(JET_INDEXCREATE2_A) == 88, "sizeof(JET_INDEXCREATE2_A)");
#endif
#if JET_VERSION >= 0x0601 && JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE2_W, cbStruct) == 0, "JET_INDEXCREATE2_W.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE2_W, szIndexName) == 8, "JET_INDEXCREATE2_W.szIndexName offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE2_W, szKey) == 16, "JET_INDEXCREATE2_W.szKey offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE2_W, cbKey) == 24, "JET_INDEXCREATE2_W.cbKey offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE2_W, grbit) == 28, "JET_INDEXCREATE2_W.grbit offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE2_W, ulDensity) == 32, "JET_INDEXCREATE2_W.ulDensity offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE2_W, lcid) == 40, "JET_INDEXCREATE2_W.lcid offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE2_W, pidxunicode) == 40, "JET_INDEXCREATE2_W.pidxunicode offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE2_W, cbVarSegMac) == 48, "JET_INDEXCREATE2_W.cbVarSegMac offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE2_W, ptuplelimits) == 48, "JET_INDEXCREATE2_W.ptuplelimits offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE2_W, rgconditionalcolumn) == 56, "JET_INDEXCREATE2_W.rgconditionalcolumn offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE2_W, cConditionalColumn) == 64, "JET_INDEXCREATE2_W.cConditionalColumn offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE2_W, err) == 68, "JET_INDEXCREATE2_W.err offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE2_W, cbKeyMost) == 72, "JET_INDEXCREATE2_W.cbKeyMost offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE2_W, pSpacehints) == 80, "JET_INDEXCREATE2_W.pSpacehints offset");
JET_STATIC_ASSERT(sizeof(JET_INDEXCREATE2_W) == 88, "sizeof(JET_INDEXCREATE2_W)");
#endif
#if JET_VERSION >= 0x0602 && JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE3_A, cbStruct) == 0, "JET_INDEXCREATE3_A.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE3_A, szIndexName) == 8, "JET_INDEXCREATE3_A.szIndexName offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE3_A, szKey) == 16, "JET_INDEXCREATE3_A.szKey offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE3_A, cbKey) == 24, "JET_INDEXCREATE3_A.cbKey offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE3_A, grbit) == 28, "JET_INDEXCREATE3_A.grbit offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE3_A, ulDensity) == 32, "JET_INDEXCREATE3_A.ulDensity offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE3_A, pidxunicode) == 40, "JET_INDEXCREATE3_A.pidxunicode offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE3_A, cbVarSegMac) == 48, "JET_INDEXCREATE3_A.cbVarSegMac offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE3_A, ptuplelimits) == 48, "JET_INDEXCREATE3_A.ptuplelimits offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE3_A, rgconditionalcolumn) == 56, "JET_INDEXCREATE3_A.rgconditionalcolumn offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE3_A, cConditionalColumn) == 64, "JET_INDEXCREATE3_A.cConditionalColumn offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE3_A, err) == 68, "JET_INDEXCREATE3_A.err offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE3_A, cbKeyMost) == 72, "JET_INDEXCREATE3_A.cbKeyMost offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE3_A, pSpacehints) == 80, "JET_INDEXCREATE3_A.pSpacehints offset");
JET_STATIC_ASSERT(sizeof(JET_INDEXCREATE3_A) == 88, "sizeof(JET_INDEXCREATE3_A)");
#endif
#if JET_VERSION >= 0x0602 && JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE3_W, cbStruct) == 0, "JET_INDEXCREATE3_W.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE3_W, szIndexName) == 8, "JET_INDEXCREATE3_W.szIndexName offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE3_W, szKey) == 16, "JET_INDEXCREATE3_W.szKey offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE3_W, cbKey) == 24, "JET_INDEXCREATE3_W.cbKey offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE3_W, grbit) == 28, "JET_INDEXCREATE3_W.grbit offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE3_W, ulDensity) == 32, "JET_INDEXCREATE3_W.ulDensity offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE3_W, pidxunicode) == 40, "JET_INDEXCREATE3_W.pidxunicode offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE3_W, cbVarSegMac) == 48, "JET_INDEXCREATE3_W.cbVarSegMac offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE3_W, ptuplelimits) == 48, "JET_INDEXCREATE3_W.ptuplelimits offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE3_W, rgconditionalcolumn) == 56, "JET_INDEXCREATE3_W.rgconditionalcolumn offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE3_W, cConditionalColumn) == 64, "JET_INDEXCREATE3_W.cConditionalColumn offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE3_W, err) == 68, "JET_INDEXCREATE3_W.err offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE3_W, cbKeyMost) == 72, "JET_INDEXCREATE3_W.cbKeyMost offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXCREATE3_W, pSpacehints) == 80, "JET_INDEXCREATE3_W.pSpacehints offset");
JET_STATIC_ASSERT(sizeof(JET_INDEXCREATE3_W) == 88, "sizeof(JET_INDEXCREATE3_W)");
#endif
#if JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE_A, cbStruct) == 0, "JET_TABLECREATE_A.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE_A, szTableName) == 8, "JET_TABLECREATE_A.szTableName offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE_A, szTemplateTableName) == 16, "JET_TABLECREATE_A.szTemplateTableName offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE_A, ulPages) == 24, "JET_TABLECREATE_A.ulPages offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE_A, ulDensity) == 28, "JET_TABLECREATE_A.ulDensity offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE_A, rgcolumncreate) == 32, "JET_TABLECREATE_A.rgcolumncreate offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE_A, cColumns) == 40, "JET_TABLECREATE_A.cColumns offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE_A, rgindexcreate) == 48, "JET_TABLECREATE_A.rgindexcreate offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE_A, cIndexes) == 56, "JET_TABLECREATE_A.cIndexes offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE_A, grbit) == 60, "JET_TABLECREATE_A.grbit offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE_A, tableid) == 64, "JET_TABLECREATE_A.tableid offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE_A, cCreated) == 72, "JET_TABLECREATE_A.cCreated offset");
JET_STATIC_ASSERT(sizeof(JET_TABLECREATE_A) == 80, "sizeof(JET_TABLECREATE_A)");
#endif
#if JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE_W, cbStruct) == 0, "JET_TABLECREATE_W.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE_W, szTableName) == 8, "JET_TABLECREATE_W.szTableName offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE_W, szTemplateTableName) == 16, "JET_TABLECREATE_W.szTemplateTableName offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE_W, ulPages) == 24, "JET_TABLECREATE_W.ulPages offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE_W, ulDensity) == 28, "JET_TABLECREATE_W.ulDensity offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE_W, rgcolumncreate) == 32, "JET_TABLECREATE_W.rgcolumncreate offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE_W, cColumns) == 40, "JET_TABLECREATE_W.cColumns offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE_W, rgindexcreate) == 48, "JET_TABLECREATE_W.rgindexcreate offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE_W, cIndexes) == 56, "JET_TABLECREATE_W.cIndexes offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE_W, grbit) == 60, "JET_TABLECREATE_W.grbit offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE_W, tableid) == 64, "JET_TABLECREATE_W.tableid offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE_W, cCreated) == 72, "JET_TABLECREATE_W.cCreated offset");
JET_STATIC_ASSERT(sizeof(JET_TABLECREATE_W) == 80, "sizeof(JET_TABLECREATE_W)");
#endif
#if JET_VERSION >= 0x0501 && JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE2_A, cbStruct) == 0, "JET_TABLECREATE2_A.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE2_A, szTableName) == 8, "JET_TABLECREATE2_A.szTableName offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE2_A, szTemplateTableName) == 16, "JET_TABLECREATE2_A.szTemplateTableName offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE2_A, ulPages) == 24, "JET_TABLECREATE2_A.ulPages offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE2_A, ulDensity) == 28, "JET_TABLECREATE2_A.ulDensity offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE2_A, rgcolumncreate) == 32, "JET_TABLECREATE2_A.rgcolumncreate offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE2_A, cColumns) == 40, "JET_TABLECREATE2_A.cColumns offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE2_A, rgindexcreate) == 48, "JET_TABLECREATE2_A.rgindexcreate offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE2_A, cIndexes) == 56, "JET_TABLECREATE2_A.cIndexes offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE2_A, szCallback) == 64, "JET_TABLECREATE2_A.szCallback offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE2_A, cbtyp) == 72, "JET_TABLECREATE2_A.cbtyp offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE2_A, grbit) == 76, "JET_TABLECREATE2_A.grbit offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE2_A, tableid) == 80, "JET_TABLECREATE2_A.tableid offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE2_A, cCreated) == 88, "JET_TABLECREATE2_A.cCreated offset");
JET_STATIC_ASSERT(sizeof(JET_TABLECREATE2_A) == 96, "sizeof(JET_TABLECREATE2_A)");
#endif
#if JET_VERSION >= 0x0501 && JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE2_W, cbStruct) == 0, "JET_TABLECREATE2_W.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE2_W, szTableName) == 8, "JET_TABLECREATE2_W.szTableName offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE2_W, szTemplateTableName) == 16, "JET_TABLECREATE2_W.szTemplateTableName offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE2_W, ulPages) == 24, "JET_TABLECREATE2_W.ulPages offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE2_W, ulDensity) == 28, "JET_TABLECREATE2_W.ulDensity offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE2_W, rgcolumncreate) == 32, "JET_TABLECREATE2_W.rgcolumncreate offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE2_W, cColumns) == 40, "JET_TABLECREATE2_W.cColumns offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE2_W, rgindexcreate) == 48, "JET_TABLECREATE2_W.rgindexcreate offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE2_W, cIndexes) == 56, "JET_TABLECREATE2_W.cIndexes offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE2_W, szCallback) == 64, "JET_TABLECREATE2_W.szCallback offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE2_W, cbtyp) == 72, "JET_TABLECREATE2_W.cbtyp offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE2_W, grbit) == 76, "JET_TABLECREATE2_W.grbit offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE2_W, tableid) == 80, "JET_TABLECREATE2_W.tableid offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE2_W, cCreated) == 88, "JET_TABLECREATE2_W.cCreated offset");
JET_STATIC_ASSERT(sizeof(JET_TABLECREATE2_W) == 96, "sizeof(JET_TABLECREATE2_W)");
#endif
#if JET_VERSION >= 0x0601 && JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_A, cbStruct) == 0, "JET_TABLECREATE3_A.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_A, szTableName) == 8, "JET_TABLECREATE3_A.szTableName offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_A, szTemplateTableName) == 16, "JET_TABLECREATE3_A.szTemplateTableName offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_A, ulPages) == 24, "JET_TABLECREATE3_A.ulPages offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_A, ulDensity) == 28, "JET_TABLECREATE3_A.ulDensity offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_A, rgcolumncreate) == 32, "JET_TABLECREATE3_A.rgcolumncreate offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_A, cColumns) == 40, "JET_TABLECREATE3_A.cColumns offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_A, rgindexcreate) == 48, "JET_TABLECREATE3_A.rgindexcreate offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_A, cIndexes) == 56, "JET_TABLECREATE3_A.cIndexes offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_A, szCallback) == 64, "JET_TABLECREATE3_A.szCallback offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_A, cbtyp) == 72, "JET_TABLECREATE3_A.cbtyp offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_A, grbit) == 76, "JET_TABLECREATE3_A.grbit offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_A, pSeqSpacehints) == 80, "JET_TABLECREATE3_A.pSeqSpacehints offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_A, pLVSpacehints) == 88, "JET_TABLECREATE3_A.pLVSpacehints offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_A, cbSeparateLV) == 96, "JET_TABLECREATE3_A.cbSeparateLV offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_A, tableid) == 104, "JET_TABLECREATE3_A.tableid offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_A, cCreated) == 112, "JET_TABLECREATE3_A.cCreated offset");
JET_STATIC_ASSERT(sizeof(JET_TABLECREATE3_A) == 120, "sizeof(JET_TABLECREATE3_A)");
#endif
#if JET_VERSION >= 0x0601 && JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_W, cbStruct) == 0, "JET_TABLECREATE3_W.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_W, szTableName) == 8, "JET_TABLECREATE3_W.szTableName offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_W, szTemplateTableName) == 16, "JET_TABLECREATE3_W.szTemplateTableName offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_W, ulPages) == 24, "JET_TABLECREATE3_W.ulPages offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_W, ulDensity) == 28, "JET_TABLECREATE3_W.ulDensity offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_W, rgcolumncreate) == 32, "JET_TABLECREATE3_W.rgcolumncreate offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_W, cColumns) == 40, "JET_TABLECREATE3_W.cColumns offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_W, rgindexcreate) == 48, "JET_TABLECREATE3_W.rgindexcreate offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_W, cIndexes) == 56, "JET_TABLECREATE3_W.cIndexes offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_W, szCallback) == 64, "JET_TABLECREATE3_W.szCallback offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_W, cbtyp) == 72, "JET_TABLECREATE3_W.cbtyp offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_W, grbit) == 76, "JET_TABLECREATE3_W.grbit offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_W, pSeqSpacehints) == 80, "JET_TABLECREATE3_W.pSeqSpacehints offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_W, pLVSpacehints) == 88, "JET_TABLECREATE3_W.pLVSpacehints offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_W, cbSeparateLV) == 96, "JET_TABLECREATE3_W.cbSeparateLV offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_W, tableid) == 104, "JET_TABLECREATE3_W.tableid offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE3_W, cCreated) == 112, "JET_TABLECREATE3_W.cCreated offset");
JET_STATIC_ASSERT(sizeof(JET_TABLECREATE3_W) == 120, "sizeof(JET_TABLECREATE3_W)");
#endif
#if JET_VERSION >= 0x0602 && JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_A, cbStruct) == 0, "JET_TABLECREATE4_A.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_A, szTableName) == 8, "JET_TABLECREATE4_A.szTableName offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_A, szTemplateTableName) == 16, "JET_TABLECREATE4_A.szTemplateTableName offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_A, ulPages) == 24, "JET_TABLECREATE4_A.ulPages offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_A, ulDensity) == 28, "JET_TABLECREATE4_A.ulDensity offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_A, rgcolumncreate) == 32, "JET_TABLECREATE4_A.rgcolumncreate offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_A, cColumns) == 40, "JET_TABLECREATE4_A.cColumns offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_A, rgindexcreate) == 48, "JET_TABLECREATE4_A.rgindexcreate offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_A, cIndexes) == 56, "JET_TABLECREATE4_A.cIndexes offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_A, szCallback) == 64, "JET_TABLECREATE4_A.szCallback offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_A, cbtyp) == 72, "JET_TABLECREATE4_A.cbtyp offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_A, grbit) == 76, "JET_TABLECREATE4_A.grbit offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_A, pSeqSpacehints) == 80, "JET_TABLECREATE4_A.pSeqSpacehints offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_A, pLVSpacehints) == 88, "JET_TABLECREATE4_A.pLVSpacehints offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_A, cbSeparateLV) == 96, "JET_TABLECREATE4_A.cbSeparateLV offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_A, tableid) == 104, "JET_TABLECREATE4_A.tableid offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_A, cCreated) == 112, "JET_TABLECREATE4_A.cCreated offset");
JET_STATIC_ASSERT(sizeof(JET_TABLECREATE4_A) == 120, "sizeof(JET_TABLECREATE4_A)");
#endif
#if JET_VERSION >= 0x0602 && JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_W, cbStruct) == 0, "JET_TABLECREATE4_W.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_W, szTableName) == 8, "JET_TABLECREATE4_W.szTableName offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_W, szTemplateTableName) == 16, "JET_TABLECREATE4_W.szTemplateTableName offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_W, ulPages) == 24, "JET_TABLECREATE4_W.ulPages offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_W, ulDensity) == 28, "JET_TABLECREATE4_W.ulDensity offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_W, rgcolumncreate) == 32, "JET_TABLECREATE4_W.rgcolumncreate offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_W, cColumns) == 40, "JET_TABLECREATE4_W.cColumns offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_W, rgindexcreate) == 48, "JET_TABLECREATE4_W.rgindexcreate offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_W, cIndexes) == 56, "JET_TABLECREATE4_W.cIndexes offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_W, szCallback) == 64, "JET_TABLECREATE4_W.szCallback offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_W, cbtyp) == 72, "JET_TABLECREATE4_W.cbtyp offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_W, grbit) == 76, "JET_TABLECREATE4_W.grbit offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_W, pSeqSpacehints) == 80, "JET_TABLECREATE4_W.pSeqSpacehints offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_W, pLVSpacehints) == 88, "JET_TABLECREATE4_W.pLVSpacehints offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_W, cbSeparateLV) == 96, "JET_TABLECREATE4_W.cbSeparateLV offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_W, tableid) == 104, "JET_TABLECREATE4_W.tableid offset");
JET_STATIC_ASSERT(offsetof(JET_TABLECREATE4_W, cCreated) == 112, "JET_TABLECREATE4_W.cCreated offset");
JET_STATIC_ASSERT(sizeof(JET_TABLECREATE4_W) == 120, "sizeof(JET_TABLECREATE4_W)");
#endif
#if JET_VERSION >= 0x0600 && JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_OPENTEMPORARYTABLE, cbStruct) == 0, "JET_OPENTEMPORARYTABLE.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_OPENTEMPORARYTABLE, prgcolumndef) == 8, "JET_OPENTEMPORARYTABLE.prgcolumndef offset");
JET_STATIC_ASSERT(offsetof(JET_OPENTEMPORARYTABLE, ccolumn) == 16, "JET_OPENTEMPORARYTABLE.ccolumn offset");
JET_STATIC_ASSERT(offsetof(JET_OPENTEMPORARYTABLE, pidxunicode) == 24, "JET_OPENTEMPORARYTABLE.pidxunicode offset");
JET_STATIC_ASSERT(offsetof(JET_OPENTEMPORARYTABLE, grbit) == 32, "JET_OPENTEMPORARYTABLE.grbit offset");
JET_STATIC_ASSERT(offsetof(JET_OPENTEMPORARYTABLE, prgcolumnid) == 40, "JET_OPENTEMPORARYTABLE.prgcolumnid offset");
JET_STATIC_ASSERT(offsetof(JET_OPENTEMPORARYTABLE, cbKeyMost) == 48, "JET_OPENTEMPORARYTABLE.cbKeyMost offset");
JET_STATIC_ASSERT(offsetof(JET_OPENTEMPORARYTABLE, cbVarSegMac) == 52, "JET_OPENTEMPORARYTABLE.cbVarSegMac offset");
JET_STATIC_ASSERT(offsetof(JET_OPENTEMPORARYTABLE, tableid) == 56, "JET_OPENTEMPORARYTABLE.tableid offset");
JET_STATIC_ASSERT(sizeof(JET_OPENTEMPORARYTABLE) == 64, "sizeof(JET_OPENTEMPORARYTABLE)");
#endif
#if JET_VERSION >= 0x0602 && JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_OPENTEMPORARYTABLE2, cbStruct) == 0, "JET_OPENTEMPORARYTABLE2.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_OPENTEMPORARYTABLE2, prgcolumndef) == 8, "JET_OPENTEMPORARYTABLE2.prgcolumndef offset");
JET_STATIC_ASSERT(offsetof(JET_OPENTEMPORARYTABLE2, ccolumn) == 16, "JET_OPENTEMPORARYTABLE2.ccolumn offset");
JET_STATIC_ASSERT(offsetof(JET_OPENTEMPORARYTABLE2, pidxunicode) == 24, "JET_OPENTEMPORARYTABLE2.pidxunicode offset");
JET_STATIC_ASSERT(offsetof(JET_OPENTEMPORARYTABLE2, grbit) == 32, "JET_OPENTEMPORARYTABLE2.grbit offset");
JET_STATIC_ASSERT(offsetof(JET_OPENTEMPORARYTABLE2, prgcolumnid) == 40, "JET_OPENTEMPORARYTABLE2.prgcolumnid offset");
JET_STATIC_ASSERT(offsetof(JET_OPENTEMPORARYTABLE2, cbKeyMost) == 48, "JET_OPENTEMPORARYTABLE2.cbKeyMost offset");
JET_STATIC_ASSERT(offsetof(JET_OPENTEMPORARYTABLE2, cbVarSegMac) == 52, "JET_OPENTEMPORARYTABLE2.cbVarSegMac offset");
JET_STATIC_ASSERT(offsetof(JET_OPENTEMPORARYTABLE2, tableid) == 56, "JET_OPENTEMPORARYTABLE2.tableid offset");
JET_STATIC_ASSERT(sizeof(JET_OPENTEMPORARYTABLE2) == 64, "sizeof(JET_OPENTEMPORARYTABLE2)");
#endif
#if JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_SETCOLUMN, columnid) == 0, "JET_SETCOLUMN.columnid offset");
JET_STATIC_ASSERT(offsetof(JET_SETCOLUMN, pvData) == 8, "JET_SETCOLUMN.pvData offset");
JET_STATIC_ASSERT(offsetof(JET_SETCOLUMN, cbData) == 16, "JET_SETCOLUMN.cbData offset");
JET_STATIC_ASSERT(offsetof(JET_SETCOLUMN, grbit) == 20, "JET_SETCOLUMN.grbit offset");
JET_STATIC_ASSERT(offsetof(JET_SETCOLUMN, ibLongValue) == 24, "JET_SETCOLUMN.ibLongValue offset");
JET_STATIC_ASSERT(offsetof(JET_SETCOLUMN, itagSequence) == 28, "JET_SETCOLUMN.itagSequence offset");
JET_STATIC_ASSERT(offsetof(JET_SETCOLUMN, err) == 32, "JET_SETCOLUMN.err offset");
JET_STATIC_ASSERT(sizeof(JET_SETCOLUMN) == 40, "sizeof(JET_SETCOLUMN)");
#endif
#if JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_RETRIEVECOLUMN, columnid) == 0, "JET_RETRIEVECOLUMN.columnid offset");
JET_STATIC_ASSERT(offsetof(JET_RETRIEVECOLUMN, pvData) == 8, "JET_RETRIEVECOLUMN.pvData offset");
JET_STATIC_ASSERT(offsetof(JET_RETRIEVECOLUMN, cbData) == 16, "JET_RETRIEVECOLUMN.cbData offset");
JET_STATIC_ASSERT(offsetof(JET_RETRIEVECOLUMN, cbActual) == 20, "JET_RETRIEVECOLUMN.cbActual offset");
JET_STATIC_ASSERT(offsetof(JET_RETRIEVECOLUMN, grbit) == 24, "JET_RETRIEVECOLUMN.grbit offset");
JET_STATIC_ASSERT(offsetof(JET_RETRIEVECOLUMN, ibLongValue) == 28, "JET_RETRIEVECOLUMN.ibLongValue offset");
JET_STATIC_ASSERT(offsetof(JET_RETRIEVECOLUMN, itagSequence) == 32, "JET_RETRIEVECOLUMN.itagSequence offset");
JET_STATIC_ASSERT(offsetof(JET_RETRIEVECOLUMN, columnidNextTagged) == 36, "JET_RETRIEVECOLUMN.columnidNextTagged offset");
JET_STATIC_ASSERT(offsetof(JET_RETRIEVECOLUMN, err) == 40, "JET_RETRIEVECOLUMN.err offset");
JET_STATIC_ASSERT(sizeof(JET_RETRIEVECOLUMN) == 48, "sizeof(JET_RETRIEVECOLUMN)");
#endif
#if 1
JET_STATIC_ASSERT(offsetof(JET_SETINFO, cbStruct) == 0, "JET_SETINFO.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_SETINFO, ibLongValue) == 4, "JET_SETINFO.ibLongValue offset");
JET_STATIC_ASSERT(offsetof(JET_SETINFO, itagSequence) == 8, "JET_SETINFO.itagSequence offset");
JET_STATIC_ASSERT(sizeof(JET_SETINFO) == 12, "sizeof(JET_SETINFO)");
#endif
#if 1
JET_STATIC_ASSERT(offsetof(JET_RETINFO, cbStruct) == 0, "JET_RETINFO.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_RETINFO, ibLongValue) == 4, "JET_RETINFO.ibLongValue offset");
JET_STATIC_ASSERT(offsetof(JET_RETINFO, itagSequence) == 8, "JET_RETINFO.itagSequence offset");
JET_STATIC_ASSERT(offsetof(JET_RETINFO, columnidNextTagged) == 12, "JET_RETINFO.columnidNextTagged offset");
JET_STATIC_ASSERT(sizeof(JET_RETINFO) == 16, "sizeof(JET_RETINFO)");
#endif
#if JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_INDEXRANGE, cbStruct) == 0, "JET_INDEXRANGE.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXRANGE, tableid) == 8, "JET_INDEXRANGE.tableid offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXRANGE, grbit) == 16, "JET_INDEXRANGE.grbit offset");
JET_STATIC_ASSERT(sizeof(JET_INDEXRANGE) == 24, "sizeof(JET_INDEXRANGE)");
#endif
#if 1
JET_STATIC_ASSERT(offsetof(JET_RECPOS, cbStruct) == 0, "JET_RECPOS.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_RECPOS, centriesLT) == 4, "JET_RECPOS.centriesLT offset");
JET_STATIC_ASSERT(offsetof(JET_RECPOS, centriesInRange) == 8, "JET_RECPOS.centriesInRange offset");
JET_STATIC_ASSERT(offsetof(JET_RECPOS, centriesTotal) == 12, "JET_RECPOS.centriesTotal offset");
JET_STATIC_ASSERT(sizeof(JET_RECPOS) == 16, "sizeof(JET_RECPOS)");
#endif
#if 1
JET_STATIC_ASSERT(offsetof(JET_RECPOS2, cbStruct) == 0, "JET_RECPOS2.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_RECPOS2, centriesLTDeprecated) == 4, "JET_RECPOS2.centriesLTDeprecated offset");
JET_STATIC_ASSERT(offsetof(JET_RECPOS2, centriesInRangeDeprecated) == 8, "JET_RECPOS2.centriesInRangeDeprecated offset");
JET_STATIC_ASSERT(offsetof(JET_RECPOS2, centriesTotalDeprecated) == 12, "JET_RECPOS2.centriesTotalDeprecated offset");
JET_STATIC_ASSERT(offsetof(JET_RECPOS2, centriesLT) == 16, "JET_RECPOS2.centriesLT offset");
JET_STATIC_ASSERT(offsetof(JET_RECPOS2, centriesTotal) == 24, "JET_RECPOS2.centriesTotal offset");
JET_STATIC_ASSERT(sizeof(JET_RECPOS2) == 32, "sizeof(JET_RECPOS2)");
#endif
#if JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_INDEXID, cbStruct) == 0, "JET_INDEXID.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXID, rgbIndexId) == 4, "JET_INDEXID.rgbIndexId offset");
JET_STATIC_ASSERT(sizeof(JET_INDEXID) == 20, "sizeof(JET_INDEXID)");
#endif
#if JET_VERSION >= 0x0501 && JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_ENUMCOLUMNID, columnid) == 0, "JET_ENUMCOLUMNID.columnid offset");
JET_STATIC_ASSERT(offsetof(JET_ENUMCOLUMNID, ctagSequence) == 4, "JET_ENUMCOLUMNID.ctagSequence offset");
JET_STATIC_ASSERT(offsetof(JET_ENUMCOLUMNID, rgtagSequence) == 8, "JET_ENUMCOLUMNID.rgtagSequence offset");
JET_STATIC_ASSERT(sizeof(JET_ENUMCOLUMNID) == 16, "sizeof(JET_ENUMCOLUMNID)");
#endif
#if JET_VERSION >= 0x0501 && JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_ENUMCOLUMNVALUE, itagSequence) == 0, "JET_ENUMCOLUMNVALUE.itagSequence offset");
JET_STATIC_ASSERT(offsetof(JET_ENUMCOLUMNVALUE, err) == 4, "JET_ENUMCOLUMNVALUE.err offset");
JET_STATIC_ASSERT(offsetof(JET_ENUMCOLUMNVALUE, cbData) == 8, "JET_ENUMCOLUMNVALUE.cbData offset");
JET_STATIC_ASSERT(offsetof(JET_ENUMCOLUMNVALUE, pvData) == 16, "JET_ENUMCOLUMNVALUE.pvData offset");
JET_STATIC_ASSERT(sizeof(JET_ENUMCOLUMNVALUE) == 24, "sizeof(JET_ENUMCOLUMNVALUE)");
#endif
#if JET_VERSION >= 0x0501 && JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_ENUMCOLUMN, columnid) == 0, "JET_ENUMCOLUMN.columnid offset");
JET_STATIC_ASSERT(offsetof(JET_ENUMCOLUMN, err) == 4, "JET_ENUMCOLUMN.err offset");
JET_STATIC_ASSERT(offsetof(JET_ENUMCOLUMN, cEnumColumnValue) == 8, "JET_ENUMCOLUMN.cEnumColumnValue offset");
JET_STATIC_ASSERT(offsetof(JET_ENUMCOLUMN, rgEnumColumnValue) == 16, "JET_ENUMCOLUMN.rgEnumColumnValue offset");
JET_STATIC_ASSERT(offsetof(JET_ENUMCOLUMN, cbData) == 8, "JET_ENUMCOLUMN.cbData offset");
JET_STATIC_ASSERT(offsetof(JET_ENUMCOLUMN, pvData) == 16, "JET_ENUMCOLUMN.pvData offset");
JET_STATIC_ASSERT(sizeof(JET_ENUMCOLUMN) == 24, "sizeof(JET_ENUMCOLUMN)");
#endif
#if JET_VERSION >= 0x0600
JET_STATIC_ASSERT(offsetof(JET_RECSIZE, cbData) == 0, "JET_RECSIZE.cbData offset");
JET_STATIC_ASSERT(offsetof(JET_RECSIZE, cbLongValueData) == 8, "JET_RECSIZE.cbLongValueData offset");
JET_STATIC_ASSERT(offsetof(JET_RECSIZE, cbOverhead) == 16, "JET_RECSIZE.cbOverhead offset");
JET_STATIC_ASSERT(offsetof(JET_RECSIZE, cbLongValueOverhead) == 24, "JET_RECSIZE.cbLongValueOverhead offset");
JET_STATIC_ASSERT(offsetof(JET_RECSIZE, cNonTaggedColumns) == 32, "JET_RECSIZE.cNonTaggedColumns offset");
JET_STATIC_ASSERT(offsetof(JET_RECSIZE, cTaggedColumns) == 40, "JET_RECSIZE.cTaggedColumns offset");
JET_STATIC_ASSERT(offsetof(JET_RECSIZE, cLongValues) == 48, "JET_RECSIZE.cLongValues offset");
JET_STATIC_ASSERT(offsetof(JET_RECSIZE, cMultiValues) == 56, "JET_RECSIZE.cMultiValues offset");
JET_STATIC_ASSERT(sizeof(JET_RECSIZE) == 64, "sizeof(JET_RECSIZE)");
#endif
#if JET_VERSION >= 0x0601
JET_STATIC_ASSERT(offsetof(JET_RECSIZE2, cbData) == 0, "JET_RECSIZE2.cbData offset");
JET_STATIC_ASSERT(offsetof(JET_RECSIZE2, cbLongValueData) == 8, "JET_RECSIZE2.cbLongValueData offset");
JET_STATIC_ASSERT(offsetof(JET_RECSIZE2, cbOverhead) == 16, "JET_RECSIZE2.cbOverhead offset");
JET_STATIC_ASSERT(offsetof(JET_RECSIZE2, cbLongValueOverhead) == 24, "JET_RECSIZE2.cbLongValueOverhead offset");
JET_STATIC_ASSERT(offsetof(JET_RECSIZE2, cNonTaggedColumns) == 32, "JET_RECSIZE2.cNonTaggedColumns offset");
JET_STATIC_ASSERT(offsetof(JET_RECSIZE2, cTaggedColumns) == 40, "JET_RECSIZE2.cTaggedColumns offset");
JET_STATIC_ASSERT(offsetof(JET_RECSIZE2, cLongValues) == 48, "JET_RECSIZE2.cLongValues offset");
JET_STATIC_ASSERT(offsetof(JET_RECSIZE2, cMultiValues) == 56, "JET_RECSIZE2.cMultiValues offset");
JET_STATIC_ASSERT(offsetof(JET_RECSIZE2, cCompressedColumns) == 64, "JET_RECSIZE2.cCompressedColumns offset");
JET_STATIC_ASSERT(offsetof(JET_RECSIZE2, cbDataCompressed) == 72, "JET_RECSIZE2.cbDataCompressed offset");
JET_STATIC_ASSERT(offsetof(JET_RECSIZE2, cbLongValueDataCompressed) == 80, "JET_RECSIZE2.cbLongValueDataCompressed offset");
JET_STATIC_ASSERT(sizeof(JET_RECSIZE2) == 88, "sizeof(JET_RECSIZE2)");
#endif
#if JET_VERSION >= 0x0602 && JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_INDEX_COLUMN, columnid) == 0, "JET_INDEX_COLUMN.columnid offset");
JET_STATIC_ASSERT(offsetof(JET_INDEX_COLUMN, relop) == 4, "JET_INDEX_COLUMN.relop offset");
JET_STATIC_ASSERT(offsetof(JET_INDEX_COLUMN, pv) == 8, "JET_INDEX_COLUMN.pv offset");
JET_STATIC_ASSERT(offsetof(JET_INDEX_COLUMN, cb) == 16, "JET_INDEX_COLUMN.cb offset");
JET_STATIC_ASSERT(offsetof(JET_INDEX_COLUMN, grbit) == 20, "JET_INDEX_COLUMN.grbit offset");
JET_STATIC_ASSERT(sizeof(JET_INDEX_COLUMN) == 24, "sizeof(JET_INDEX_COLUMN)");
#endif
#if JET_VERSION >= 0x0602 && JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_INDEX_RANGE, rgStartColumns) == 0, "JET_INDEX_RANGE.rgStartColumns offset");
JET_STATIC_ASSERT(offsetof(JET_INDEX_RANGE, cStartColumns) == 8, "JET_INDEX_RANGE.cStartColumns offset");
JET_STATIC_ASSERT(offsetof(JET_INDEX_RANGE, rgEndColumns) == 16, "JET_INDEX_RANGE.rgEndColumns offset");
JET_STATIC_ASSERT(offsetof(JET_INDEX_RANGE, cEndColumns) == 24, "JET_INDEX_RANGE.cEndColumns offset");
JET_STATIC_ASSERT(sizeof(JET_INDEX_RANGE) == 32, "sizeof(JET_INDEX_RANGE)");
#endif
#if 1
JET_STATIC_ASSERT(offsetof(JET_OBJECTINFO, cbStruct) == 0, "JET_OBJECTINFO.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_OBJECTINFO, objtyp) == 4, "JET_OBJECTINFO.objtyp offset");
JET_STATIC_ASSERT(offsetof(JET_OBJECTINFO, dtCreate) == 8, "JET_OBJECTINFO.dtCreate offset");
JET_STATIC_ASSERT(offsetof(JET_OBJECTINFO, dtUpdate) == 16, "JET_OBJECTINFO.dtUpdate offset");
JET_STATIC_ASSERT(offsetof(JET_OBJECTINFO, grbit) == 24, "JET_OBJECTINFO.grbit offset");
JET_STATIC_ASSERT(offsetof(JET_OBJECTINFO, flags) == 28, "JET_OBJECTINFO.flags offset");
JET_STATIC_ASSERT(offsetof(JET_OBJECTINFO, cRecord) == 32, "JET_OBJECTINFO.cRecord offset");
JET_STATIC_ASSERT(offsetof(JET_OBJECTINFO, cPage) == 36, "JET_OBJECTINFO.cPage offset");
JET_STATIC_ASSERT(sizeof(JET_OBJECTINFO) == 40, "sizeof(JET_OBJECTINFO)");
#endif
#if JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_OBJECTLIST, cbStruct) == 0, "JET_OBJECTLIST.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_OBJECTLIST, tableid) == 8, "JET_OBJECTLIST.tableid offset");
JET_STATIC_ASSERT(offsetof(JET_OBJECTLIST, cRecord) == 16, "JET_OBJECTLIST.cRecord offset");
JET_STATIC_ASSERT(offsetof(JET_OBJECTLIST, columnidcontainername) == 20, "JET_OBJECTLIST.columnidcontainername offset");
JET_STATIC_ASSERT(offsetof(JET_OBJECTLIST, columnidobjectname) == 24, "JET_OBJECTLIST.columnidobjectname offset");
JET_STATIC_ASSERT(offsetof(JET_OBJECTLIST, columnidobjtyp) == 28, "JET_OBJECTLIST.columnidobjtyp offset");
JET_STATIC_ASSERT(offsetof(JET_OBJECTLIST, columniddtCreate) == 32, "JET_OBJECTLIST.columniddtCreate offset");
JET_STATIC_ASSERT(offsetof(JET_OBJECTLIST, columniddtUpdate) == 36, "JET_OBJECTLIST.columniddtUpdate offset");
JET_STATIC_ASSERT(offsetof(JET_OBJECTLIST, columnidgrbit) == 40, "JET_OBJECTLIST.columnidgrbit offset");
JET_STATIC_ASSERT(offsetof(JET_OBJECTLIST, columnidflags) == 44, "JET_OBJECTLIST.columnidflags offset");
JET_STATIC_ASSERT(offsetof(JET_OBJECTLIST, columnidcRecord) == 48, "JET_OBJECTLIST.columnidcRecord offset");
JET_STATIC_ASSERT(offsetof(JET_OBJECTLIST, columnidcPage) == 52, "JET_OBJECTLIST.columnidcPage offset");
JET_STATIC_ASSERT(sizeof(JET_OBJECTLIST) == 56, "sizeof(JET_OBJECTLIST)");
#endif
#if JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_COLUMNLIST, cbStruct) == 0, "JET_COLUMNLIST.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNLIST, tableid) == 8, "JET_COLUMNLIST.tableid offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNLIST, cRecord) == 16, "JET_COLUMNLIST.cRecord offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNLIST, columnidPresentationOrder) == 20, "JET_COLUMNLIST.columnidPresentationOrder offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNLIST, columnidcolumnname) == 24, "JET_COLUMNLIST.columnidcolumnname offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNLIST, columnidcolumnid) == 28, "JET_COLUMNLIST.columnidcolumnid offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNLIST, columnidcoltyp) == 32, "JET_COLUMNLIST.columnidcoltyp offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNLIST, columnidCountry) == 36, "JET_COLUMNLIST.columnidCountry offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNLIST, columnidLangid) == 40, "JET_COLUMNLIST.columnidLangid offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNLIST, columnidCp) == 44, "JET_COLUMNLIST.columnidCp offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNLIST, columnidCollate) == 48, "JET_COLUMNLIST.columnidCollate offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNLIST, columnidcbMax) == 52, "JET_COLUMNLIST.columnidcbMax offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNLIST, columnidgrbit) == 56, "JET_COLUMNLIST.columnidgrbit offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNLIST, columnidDefault) == 60, "JET_COLUMNLIST.columnidDefault offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNLIST, columnidBaseTableName) == 64, "JET_COLUMNLIST.columnidBaseTableName offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNLIST, columnidBaseColumnName) == 68, "JET_COLUMNLIST.columnidBaseColumnName offset");
JET_STATIC_ASSERT(offsetof(JET_COLUMNLIST, columnidDefinitionName) == 72, "JET_COLUMNLIST.columnidDefinitionName offset");
JET_STATIC_ASSERT(sizeof(JET_COLUMNLIST) == 80, "sizeof(JET_COLUMNLIST)");
#endif
#if JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_INDEXLIST, cbStruct) == 0, "JET_INDEXLIST.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXLIST, tableid) == 8, "JET_INDEXLIST.tableid offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXLIST, cRecord) == 16, "JET_INDEXLIST.cRecord offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXLIST, columnidindexname) == 20, "JET_INDEXLIST.columnidindexname offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXLIST, columnidgrbitIndex) == 24, "JET_INDEXLIST.columnidgrbitIndex offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXLIST, columnidcKey) == 28, "JET_INDEXLIST.columnidcKey offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXLIST, columnidcEntry) == 32, "JET_INDEXLIST.columnidcEntry offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXLIST, columnidcPage) == 36, "JET_INDEXLIST.columnidcPage offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXLIST, columnidcColumn) == 40, "JET_INDEXLIST.columnidcColumn offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXLIST, columnidiColumn) == 44, "JET_INDEXLIST.columnidiColumn offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXLIST, columnidcolumnid) == 48, "JET_INDEXLIST.columnidcolumnid offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXLIST, columnidcoltyp) == 52, "JET_INDEXLIST.columnidcoltyp offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXLIST, columnidCountry) == 56, "JET_INDEXLIST.columnidCountry offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXLIST, columnidLangid) == 60, "JET_INDEXLIST.columnidLangid offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXLIST, columnidCp) == 64, "JET_INDEXLIST.columnidCp offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXLIST, columnidCollate) == 68, "JET_INDEXLIST.columnidCollate offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXLIST, columnidgrbitColumn) == 72, "JET_INDEXLIST.columnidgrbitColumn offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXLIST, columnidcolumnname) == 76, "JET_INDEXLIST.columnidcolumnname offset");
JET_STATIC_ASSERT(offsetof(JET_INDEXLIST, columnidLCMapFlags) == 80, "JET_INDEXLIST.columnidLCMapFlags offset");
JET_STATIC_ASSERT(sizeof(JET_INDEXLIST) == 88, "sizeof(JET_INDEXLIST)");
#endif
#if JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_RECORDLIST, cbStruct) == 0, "JET_RECORDLIST.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_RECORDLIST, tableid) == 8, "JET_RECORDLIST.tableid offset");
JET_STATIC_ASSERT(offsetof(JET_RECORDLIST, cRecord) == 16, "JET_RECORDLIST.cRecord offset");
JET_STATIC_ASSERT(offsetof(JET_RECORDLIST, columnidBookmark) == 20, "JET_RECORDLIST.columnidBookmark offset");
JET_STATIC_ASSERT(sizeof(JET_RECORDLIST) == 24, "sizeof(JET_RECORDLIST)");
#endif
#if 1
JET_STATIC_ASSERT(offsetof(JET_DBINFOUPGRADE, cbStruct) == 0, "JET_DBINFOUPGRADE.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOUPGRADE, cbFilesizeLow) == 4, "JET_DBINFOUPGRADE.cbFilesizeLow offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOUPGRADE, cbFilesizeHigh) == 8, "JET_DBINFOUPGRADE.cbFilesizeHigh offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOUPGRADE, cbFreeSpaceRequiredLow) == 12, "JET_DBINFOUPGRADE.cbFreeSpaceRequiredLow offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOUPGRADE, cbFreeSpaceRequiredHigh) == 16, "JET_DBINFOUPGRADE.cbFreeSpaceRequiredHigh offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOUPGRADE, csecToUpgrade) == 20, "JET_DBINFOUPGRADE.csecToUpgrade offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOUPGRADE, ulFlags) == 24, "JET_DBINFOUPGRADE.ulFlags offset");
JET_STATIC_ASSERT(sizeof(JET_DBINFOUPGRADE) == 28, "sizeof(JET_DBINFOUPGRADE)");
#endif
#if JET_VERSION >= 0x0602 && JET_TEST_LP64 && JET_TEST_WCHAR16
JET_STATIC_ASSERT(offsetof(JET_ERRINFOBASIC_W, cbStruct) == 0, "JET_ERRINFOBASIC_W.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_ERRINFOBASIC_W, errValue) == 4, "JET_ERRINFOBASIC_W.errValue offset");
JET_STATIC_ASSERT(offsetof(JET_ERRINFOBASIC_W, errcatMostSpecific) == 8, "JET_ERRINFOBASIC_W.errcatMostSpecific offset");
JET_STATIC_ASSERT(offsetof(JET_ERRINFOBASIC_W, rgCategoricalHierarchy) == 12, "JET_ERRINFOBASIC_W.rgCategoricalHierarchy offset");
JET_STATIC_ASSERT(offsetof(JET_ERRINFOBASIC_W, lSourceLine) == 20, "JET_ERRINFOBASIC_W.lSourceLine offset");
JET_STATIC_ASSERT(offsetof(JET_ERRINFOBASIC_W, rgszSourceFile) == 24, "JET_ERRINFOBASIC_W.rgszSourceFile offset");
JET_STATIC_ASSERT(sizeof(JET_ERRINFOBASIC_W) == 152, "sizeof(JET_ERRINFOBASIC_W)");
#endif
#if JET_VERSION >= 0x0600
JET_STATIC_ASSERT(offsetof(JET_THREADSTATS, cbStruct) == 0, "JET_THREADSTATS.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_THREADSTATS, cPageReferenced) == 4, "JET_THREADSTATS.cPageReferenced offset");
JET_STATIC_ASSERT(offsetof(JET_THREADSTATS, cPageRead) == 8, "JET_THREADSTATS.cPageRead offset");
JET_STATIC_ASSERT(offsetof(JET_THREADSTATS, cPagePreread) == 12, "JET_THREADSTATS.cPagePreread offset");
JET_STATIC_ASSERT(offsetof(JET_THREADSTATS, cPageDirtied) == 16, "JET_THREADSTATS.cPageDirtied offset");
JET_STATIC_ASSERT(offsetof(JET_THREADSTATS, cPageRedirtied) == 20, "JET_THREADSTATS.cPageRedirtied offset");
JET_STATIC_ASSERT(offsetof(JET_THREADSTATS, cLogRecord) == 24, "JET_THREADSTATS.cLogRecord offset");
JET_STATIC_ASSERT(offsetof(JET_THREADSTATS, cbLogRecord) == 28, "JET_THREADSTATS.cbLogRecord offset");
JET_STATIC_ASSERT(sizeof(JET_THREADSTATS) == 32, "sizeof(JET_THREADSTATS)");
#endif
#if JET_VERSION >= 0x0A00 && JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_THREADSTATS2, cbStruct) == 0, "JET_THREADSTATS2.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_THREADSTATS2, cPageReferenced) == 4, "JET_THREADSTATS2.cPageReferenced offset");
JET_STATIC_ASSERT(offsetof(JET_THREADSTATS2, cPageRead) == 8, "JET_THREADSTATS2.cPageRead offset");
JET_STATIC_ASSERT(offsetof(JET_THREADSTATS2, cPagePreread) == 12, "JET_THREADSTATS2.cPagePreread offset");
JET_STATIC_ASSERT(offsetof(JET_THREADSTATS2, cPageDirtied) == 16, "JET_THREADSTATS2.cPageDirtied offset");
JET_STATIC_ASSERT(offsetof(JET_THREADSTATS2, cPageRedirtied) == 20, "JET_THREADSTATS2.cPageRedirtied offset");
JET_STATIC_ASSERT(offsetof(JET_THREADSTATS2, cLogRecord) == 24, "JET_THREADSTATS2.cLogRecord offset");
JET_STATIC_ASSERT(offsetof(JET_THREADSTATS2, cbLogRecord) == 28, "JET_THREADSTATS2.cbLogRecord offset");
JET_STATIC_ASSERT(offsetof(JET_THREADSTATS2, cusecPageCacheMiss) == 32, "JET_THREADSTATS2.cusecPageCacheMiss offset");
JET_STATIC_ASSERT(offsetof(JET_THREADSTATS2, cPageCacheMiss) == 40, "JET_THREADSTATS2.cPageCacheMiss offset");
JET_STATIC_ASSERT(sizeof(JET_THREADSTATS2) == 48, "sizeof(JET_THREADSTATS2)");
#endif
#if JET_VERSION >= 0x0A01 && JET_TEST_LP64
JET_STATIC_ASSERT(offsetof(JET_THREADSTATS3, cbStruct) == 0, "JET_THREADSTATS3.cbStruct offset");
JET_STATIC_ASSERT(offsetof(JET_THREADSTATS3, cPageReferenced) == 4, "JET_THREADSTATS3.cPageReferenced offset");
JET_STATIC_ASSERT(offsetof(JET_THREADSTATS3, cPageRead) == 8, "JET_THREADSTATS3.cPageRead offset");
JET_STATIC_ASSERT(offsetof(JET_THREADSTATS3, cPagePreread) == 12, "JET_THREADSTATS3.cPagePreread offset");
JET_STATIC_ASSERT(offsetof(JET_THREADSTATS3, cPageDirtied) == 16, "JET_THREADSTATS3.cPageDirtied offset");
JET_STATIC_ASSERT(offsetof(JET_THREADSTATS3, cPageRedirtied) == 20, "JET_THREADSTATS3.cPageRedirtied offset");
JET_STATIC_ASSERT(offsetof(JET_THREADSTATS3, cLogRecord) == 24, "JET_THREADSTATS3.cLogRecord offset");
JET_STATIC_ASSERT(offsetof(JET_THREADSTATS3, cbLogRecord) == 28, "JET_THREADSTATS3.cbLogRecord offset");
JET_STATIC_ASSERT(offsetof(JET_THREADSTATS3, cusecPageCacheMiss) == 32, "JET_THREADSTATS3.cusecPageCacheMiss offset");
JET_STATIC_ASSERT(offsetof(JET_THREADSTATS3, cPageCacheMiss) == 40, "JET_THREADSTATS3.cPageCacheMiss offset");
JET_STATIC_ASSERT(offsetof(JET_THREADSTATS3, cSeparatedLongValueRead) == 44, "JET_THREADSTATS3.cSeparatedLongValueRead offset");
JET_STATIC_ASSERT(offsetof(JET_THREADSTATS3, cusecLongValuePageCacheMiss) == 48, "JET_THREADSTATS3.cusecLongValuePageCacheMiss offset");
JET_STATIC_ASSERT(offsetof(JET_THREADSTATS3, cLongValuePageCacheMiss) == 56, "JET_THREADSTATS3.cLongValuePageCacheMiss offset");
JET_STATIC_ASSERT(sizeof(JET_THREADSTATS3) == 64, "sizeof(JET_THREADSTATS3)");
#endif
#if 1
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC, ulVersion) == 0, "JET_DBINFOMISC.ulVersion offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC, ulUpdate) == 4, "JET_DBINFOMISC.ulUpdate offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC, signDb) == 8, "JET_DBINFOMISC.signDb offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC, dbstate) == 36, "JET_DBINFOMISC.dbstate offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC, lgposConsistent) == 40, "JET_DBINFOMISC.lgposConsistent offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC, logtimeConsistent) == 48, "JET_DBINFOMISC.logtimeConsistent offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC, logtimeAttach) == 56, "JET_DBINFOMISC.logtimeAttach offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC, lgposAttach) == 64, "JET_DBINFOMISC.lgposAttach offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC, logtimeDetach) == 72, "JET_DBINFOMISC.logtimeDetach offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC, lgposDetach) == 80, "JET_DBINFOMISC.lgposDetach offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC, signLog) == 88, "JET_DBINFOMISC.signLog offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC, bkinfoFullPrev) == 116, "JET_DBINFOMISC.bkinfoFullPrev offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC, bkinfoIncPrev) == 140, "JET_DBINFOMISC.bkinfoIncPrev offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC, bkinfoFullCur) == 164, "JET_DBINFOMISC.bkinfoFullCur offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC, fShadowingDisabled) == 188, "JET_DBINFOMISC.fShadowingDisabled offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC, fUpgradeDb) == 192, "JET_DBINFOMISC.fUpgradeDb offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC, dwMajorVersion) == 196, "JET_DBINFOMISC.dwMajorVersion offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC, dwMinorVersion) == 200, "JET_DBINFOMISC.dwMinorVersion offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC, dwBuildNumber) == 204, "JET_DBINFOMISC.dwBuildNumber offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC, lSPNumber) == 208, "JET_DBINFOMISC.lSPNumber offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC, cbPageSize) == 212, "JET_DBINFOMISC.cbPageSize offset");
JET_STATIC_ASSERT(sizeof(JET_DBINFOMISC) == 216, "sizeof(JET_DBINFOMISC)");
#endif
#if JET_VERSION >= 0x0600
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, ulVersion) == 0, "JET_DBINFOMISC2.ulVersion offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, ulUpdate) == 4, "JET_DBINFOMISC2.ulUpdate offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, signDb) == 8, "JET_DBINFOMISC2.signDb offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, dbstate) == 36, "JET_DBINFOMISC2.dbstate offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, lgposConsistent) == 40, "JET_DBINFOMISC2.lgposConsistent offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, logtimeConsistent) == 48, "JET_DBINFOMISC2.logtimeConsistent offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, logtimeAttach) == 56, "JET_DBINFOMISC2.logtimeAttach offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, lgposAttach) == 64, "JET_DBINFOMISC2.lgposAttach offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, logtimeDetach) == 72, "JET_DBINFOMISC2.logtimeDetach offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, lgposDetach) == 80, "JET_DBINFOMISC2.lgposDetach offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, signLog) == 88, "JET_DBINFOMISC2.signLog offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, bkinfoFullPrev) == 116, "JET_DBINFOMISC2.bkinfoFullPrev offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, bkinfoIncPrev) == 140, "JET_DBINFOMISC2.bkinfoIncPrev offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, bkinfoFullCur) == 164, "JET_DBINFOMISC2.bkinfoFullCur offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, fShadowingDisabled) == 188, "JET_DBINFOMISC2.fShadowingDisabled offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, fUpgradeDb) == 192, "JET_DBINFOMISC2.fUpgradeDb offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, dwMajorVersion) == 196, "JET_DBINFOMISC2.dwMajorVersion offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, dwMinorVersion) == 200, "JET_DBINFOMISC2.dwMinorVersion offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, dwBuildNumber) == 204, "JET_DBINFOMISC2.dwBuildNumber offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, lSPNumber) == 208, "JET_DBINFOMISC2.lSPNumber offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, cbPageSize) == 212, "JET_DBINFOMISC2.cbPageSize offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, genMinRequired) == 216, "JET_DBINFOMISC2.genMinRequired offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, genMaxRequired) == 220, "JET_DBINFOMISC2.genMaxRequired offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, logtimeGenMaxCreate) == 224, "JET_DBINFOMISC2.logtimeGenMaxCreate offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, ulRepairCount) == 232, "JET_DBINFOMISC2.ulRepairCount offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, logtimeRepair) == 236, "JET_DBINFOMISC2.logtimeRepair offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, ulRepairCountOld) == 244, "JET_DBINFOMISC2.ulRepairCountOld offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, ulECCFixSuccess) == 248, "JET_DBINFOMISC2.ulECCFixSuccess offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, logtimeECCFixSuccess) == 252, "JET_DBINFOMISC2.logtimeECCFixSuccess offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, ulECCFixSuccessOld) == 260, "JET_DBINFOMISC2.ulECCFixSuccessOld offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, ulECCFixFail) == 264, "JET_DBINFOMISC2.ulECCFixFail offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, logtimeECCFixFail) == 268, "JET_DBINFOMISC2.logtimeECCFixFail offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, ulECCFixFailOld) == 276, "JET_DBINFOMISC2.ulECCFixFailOld offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, ulBadChecksum) == 280, "JET_DBINFOMISC2.ulBadChecksum offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, logtimeBadChecksum) == 284, "JET_DBINFOMISC2.logtimeBadChecksum offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC2, ulBadChecksumOld) == 292, "JET_DBINFOMISC2.ulBadChecksumOld offset");
JET_STATIC_ASSERT(sizeof(JET_DBINFOMISC2) == 296, "sizeof(JET_DBINFOMISC2)");
#endif
#if JET_VERSION >= 0x0601
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, ulVersion) == 0, "JET_DBINFOMISC3.ulVersion offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, ulUpdate) == 4, "JET_DBINFOMISC3.ulUpdate offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, signDb) == 8, "JET_DBINFOMISC3.signDb offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, dbstate) == 36, "JET_DBINFOMISC3.dbstate offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, lgposConsistent) == 40, "JET_DBINFOMISC3.lgposConsistent offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, logtimeConsistent) == 48, "JET_DBINFOMISC3.logtimeConsistent offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, logtimeAttach) == 56, "JET_DBINFOMISC3.logtimeAttach offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, lgposAttach) == 64, "JET_DBINFOMISC3.lgposAttach offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, logtimeDetach) == 72, "JET_DBINFOMISC3.logtimeDetach offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, lgposDetach) == 80, "JET_DBINFOMISC3.lgposDetach offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, signLog) == 88, "JET_DBINFOMISC3.signLog offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, bkinfoFullPrev) == 116, "JET_DBINFOMISC3.bkinfoFullPrev offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, bkinfoIncPrev) == 140, "JET_DBINFOMISC3.bkinfoIncPrev offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, bkinfoFullCur) == 164, "JET_DBINFOMISC3.bkinfoFullCur offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, fShadowingDisabled) == 188, "JET_DBINFOMISC3.fShadowingDisabled offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, fUpgradeDb) == 192, "JET_DBINFOMISC3.fUpgradeDb offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, dwMajorVersion) == 196, "JET_DBINFOMISC3.dwMajorVersion offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, dwMinorVersion) == 200, "JET_DBINFOMISC3.dwMinorVersion offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, dwBuildNumber) == 204, "JET_DBINFOMISC3.dwBuildNumber offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, lSPNumber) == 208, "JET_DBINFOMISC3.lSPNumber offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, cbPageSize) == 212, "JET_DBINFOMISC3.cbPageSize offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, genMinRequired) == 216, "JET_DBINFOMISC3.genMinRequired offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, genMaxRequired) == 220, "JET_DBINFOMISC3.genMaxRequired offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, logtimeGenMaxCreate) == 224, "JET_DBINFOMISC3.logtimeGenMaxCreate offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, ulRepairCount) == 232, "JET_DBINFOMISC3.ulRepairCount offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, logtimeRepair) == 236, "JET_DBINFOMISC3.logtimeRepair offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, ulRepairCountOld) == 244, "JET_DBINFOMISC3.ulRepairCountOld offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, ulECCFixSuccess) == 248, "JET_DBINFOMISC3.ulECCFixSuccess offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, logtimeECCFixSuccess) == 252, "JET_DBINFOMISC3.logtimeECCFixSuccess offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, ulECCFixSuccessOld) == 260, "JET_DBINFOMISC3.ulECCFixSuccessOld offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, ulECCFixFail) == 264, "JET_DBINFOMISC3.ulECCFixFail offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, logtimeECCFixFail) == 268, "JET_DBINFOMISC3.logtimeECCFixFail offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, ulECCFixFailOld) == 276, "JET_DBINFOMISC3.ulECCFixFailOld offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, ulBadChecksum) == 280, "JET_DBINFOMISC3.ulBadChecksum offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, logtimeBadChecksum) == 284, "JET_DBINFOMISC3.logtimeBadChecksum offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, ulBadChecksumOld) == 292, "JET_DBINFOMISC3.ulBadChecksumOld offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC3, genCommitted) == 296, "JET_DBINFOMISC3.genCommitted offset");
JET_STATIC_ASSERT(sizeof(JET_DBINFOMISC3) == 300, "sizeof(JET_DBINFOMISC3)");
#endif
#if JET_VERSION >= 0x0601
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, ulVersion) == 0, "JET_DBINFOMISC4.ulVersion offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, ulUpdate) == 4, "JET_DBINFOMISC4.ulUpdate offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, signDb) == 8, "JET_DBINFOMISC4.signDb offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, dbstate) == 36, "JET_DBINFOMISC4.dbstate offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, lgposConsistent) == 40, "JET_DBINFOMISC4.lgposConsistent offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, logtimeConsistent) == 48, "JET_DBINFOMISC4.logtimeConsistent offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, logtimeAttach) == 56, "JET_DBINFOMISC4.logtimeAttach offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, lgposAttach) == 64, "JET_DBINFOMISC4.lgposAttach offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, logtimeDetach) == 72, "JET_DBINFOMISC4.logtimeDetach offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, lgposDetach) == 80, "JET_DBINFOMISC4.lgposDetach offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, signLog) == 88, "JET_DBINFOMISC4.signLog offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, bkinfoFullPrev) == 116, "JET_DBINFOMISC4.bkinfoFullPrev offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, bkinfoIncPrev) == 140, "JET_DBINFOMISC4.bkinfoIncPrev offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, bkinfoFullCur) == 164, "JET_DBINFOMISC4.bkinfoFullCur offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, fShadowingDisabled) == 188, "JET_DBINFOMISC4.fShadowingDisabled offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, fUpgradeDb) == 192, "JET_DBINFOMISC4.fUpgradeDb offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, dwMajorVersion) == 196, "JET_DBINFOMISC4.dwMajorVersion offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, dwMinorVersion) == 200, "JET_DBINFOMISC4.dwMinorVersion offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, dwBuildNumber) == 204, "JET_DBINFOMISC4.dwBuildNumber offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, lSPNumber) == 208, "JET_DBINFOMISC4.lSPNumber offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, cbPageSize) == 212, "JET_DBINFOMISC4.cbPageSize offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, genMinRequired) == 216, "JET_DBINFOMISC4.genMinRequired offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, genMaxRequired) == 220, "JET_DBINFOMISC4.genMaxRequired offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, logtimeGenMaxCreate) == 224, "JET_DBINFOMISC4.logtimeGenMaxCreate offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, ulRepairCount) == 232, "JET_DBINFOMISC4.ulRepairCount offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, logtimeRepair) == 236, "JET_DBINFOMISC4.logtimeRepair offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, ulRepairCountOld) == 244, "JET_DBINFOMISC4.ulRepairCountOld offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, ulECCFixSuccess) == 248, "JET_DBINFOMISC4.ulECCFixSuccess offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, logtimeECCFixSuccess) == 252, "JET_DBINFOMISC4.logtimeECCFixSuccess offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, ulECCFixSuccessOld) == 260, "JET_DBINFOMISC4.ulECCFixSuccessOld offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, ulECCFixFail) == 264, "JET_DBINFOMISC4.ulECCFixFail offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, logtimeECCFixFail) == 268, "JET_DBINFOMISC4.logtimeECCFixFail offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, ulECCFixFailOld) == 276, "JET_DBINFOMISC4.ulECCFixFailOld offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, ulBadChecksum) == 280, "JET_DBINFOMISC4.ulBadChecksum offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, logtimeBadChecksum) == 284, "JET_DBINFOMISC4.logtimeBadChecksum offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, ulBadChecksumOld) == 292, "JET_DBINFOMISC4.ulBadChecksumOld offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, genCommitted) == 296, "JET_DBINFOMISC4.genCommitted offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, bkinfoCopyPrev) == 300, "JET_DBINFOMISC4.bkinfoCopyPrev offset");
JET_STATIC_ASSERT(offsetof(JET_DBINFOMISC4, bkinfoDiffPrev) == 324, "JET_DBINFOMISC4.bkinfoDiffPrev offset");
JET_STATIC_ASSERT(sizeof(JET_DBINFOMISC4) == 348, "sizeof(JET_DBINFOMISC4)");
#endif

/* the same sizes, checked again at run time */
static const jet_expected_size jet_expected_sizes[] = {
    { "JET_SIGNATURE", sizeof(JET_SIGNATURE), 28 },
    { "JET_LOGTIME", sizeof(JET_LOGTIME), 8 },
#if JET_VERSION >= 0x0600
    { "JET_BKLOGTIME", sizeof(JET_BKLOGTIME), 8 },
#endif
    { "JET_LGPOS", sizeof(JET_LGPOS), 8 },
#if JET_VERSION >= 0x0600
    { "JET_BKINFO", sizeof(JET_BKINFO), 24 },
#endif
#if JET_VERSION >= 0x0501 && JET_TEST_LP64
    { "JET_LOGINFO_A", sizeof(JET_LOGINFO_A), 16 },
#endif
#if JET_VERSION >= 0x0501 && JET_TEST_LP64 && JET_TEST_WCHAR16
    { "JET_LOGINFO_W", sizeof(JET_LOGINFO_W), 20 },
#endif
#if JET_TEST_LP64
    { "JET_RSTMAP_A", sizeof(JET_RSTMAP_A), 16 },
#endif
#if JET_TEST_LP64
    { "JET_RSTMAP_W", sizeof(JET_RSTMAP_W), 16 },
#endif
#if JET_VERSION >= 0x0600 && JET_TEST_LP64
    { "JET_RSTINFO_A", sizeof(JET_RSTINFO_A), 48 },
#endif
#if JET_VERSION >= 0x0600 && JET_TEST_LP64
    { "JET_RSTINFO_W", sizeof(JET_RSTINFO_W), 48 },
#endif
    { "JET_SNPROG", sizeof(JET_SNPROG), 12 },
#if JET_VERSION >= 0x0501 && JET_TEST_LP64
    { "JET_INSTANCE_INFO_A", sizeof(JET_INSTANCE_INFO_A), 48 },
#endif
#if JET_VERSION >= 0x0501 && JET_TEST_LP64
    { "JET_INSTANCE_INFO_W", sizeof(JET_INSTANCE_INFO_W), 48 },
#endif
#if JET_VERSION >= 0x0501 && JET_TEST_LP64
    { "JET_SETSYSPARAM_A", sizeof(JET_SETSYSPARAM_A), 32 },
#endif
#if JET_VERSION >= 0x0501 && JET_TEST_LP64
    { "JET_SETSYSPARAM_W", sizeof(JET_SETSYSPARAM_W), 32 },
#endif
#if JET_VERSION >= 0x0602
    { "JET_COMMIT_ID", sizeof(JET_COMMIT_ID), 40 },
#endif
#if JET_VERSION >= 0x0A00
    { "JET_OPERATIONCONTEXT", sizeof(JET_OPERATIONCONTEXT), 8 },
#endif
    { "JET_COLUMNDEF", sizeof(JET_COLUMNDEF), 28 },
    { "JET_COLUMNBASE_A", sizeof(JET_COLUMNBASE_A), 540 },
#if JET_TEST_LP64 && JET_TEST_WCHAR16
    { "JET_COLUMNBASE_W", sizeof(JET_COLUMNBASE_W), 1052 },
#endif
#if JET_TEST_LP64
    { "JET_COLUMNCREATE_A", sizeof(JET_COLUMNCREATE_A), 56 },
#endif
#if JET_TEST_LP64
    { "JET_COLUMNCREATE_W", sizeof(JET_COLUMNCREATE_W), 56 },
#endif
#if JET_VERSION >= 0x0501 && JET_TEST_LP64
    { "JET_USERDEFINEDDEFAULT_A", sizeof(JET_USERDEFINEDDEFAULT_A), 32 },
#endif
#if JET_VERSION >= 0x0501 && JET_TEST_LP64
    { "JET_USERDEFINEDDEFAULT_W", sizeof(JET_USERDEFINEDDEFAULT_W), 32 },
#endif
#if JET_TEST_LP64
    { "JET_CONDITIONALCOLUMN_A", sizeof(JET_CONDITIONALCOLUMN_A), 24 },
#endif
#if JET_TEST_LP64
    { "JET_CONDITIONALCOLUMN_W", sizeof(JET_CONDITIONALCOLUMN_W), 24 },
#endif
    { "JET_UNICODEINDEX", sizeof(JET_UNICODEINDEX), 8 },
#if JET_VERSION >= 0x0602 && JET_TEST_LP64
    { "JET_UNICODEINDEX2", sizeof(JET_UNICODEINDEX2), 16 },
#endif
#if JET_VERSION >= 0x0502 && JET_VERSION >= 0x0600
    { "JET_TUPLELIMITS", sizeof(JET_TUPLELIMITS), 20 },
#endif
#if JET_VERSION >= 0x0601
    { "JET_SPACEHINTS", sizeof(JET_SPACEHINTS), 32 },
#endif
#if JET_TEST_LP64 && JET_VERSION >= 0x0600
    { "JET_INDEXCREATE_A", sizeof(JET_INDEXCREATE_A), 80 },
#endif
#if JET_TEST_LP64 && JET_VERSION >= 0x0600
    { "JET_INDEXCREATE_W", sizeof(JET_INDEXCREATE_W), 80 },
#endif
#if JET_VERSION >= 0x0601 && JET_TEST_LP64
    { "JET_INDEXCREATE2_A", sizeof(JET_INDEXCREATE2_A), 88 },
#endif
#if JET_VERSION >= 0x0601 && JET_TEST_LP64
    { "JET_INDEXCREATE2_W", sizeof(JET_INDEXCREATE2_W), 88 },
#endif
#if JET_VERSION >= 0x0602 && JET_TEST_LP64
    { "JET_INDEXCREATE3_A", sizeof(JET_INDEXCREATE3_A), 88 },
#endif
#if JET_VERSION >= 0x0602 && JET_TEST_LP64
    { "JET_INDEXCREATE3_W", sizeof(JET_INDEXCREATE3_W), 88 },
#endif
#if JET_TEST_LP64
    { "JET_TABLECREATE_A", sizeof(JET_TABLECREATE_A), 80 },
#endif
#if JET_TEST_LP64
    { "JET_TABLECREATE_W", sizeof(JET_TABLECREATE_W), 80 },
#endif
#if JET_VERSION >= 0x0501 && JET_TEST_LP64
    { "JET_TABLECREATE2_A", sizeof(JET_TABLECREATE2_A), 96 },
#endif
#if JET_VERSION >= 0x0501 && JET_TEST_LP64
    { "JET_TABLECREATE2_W", sizeof(JET_TABLECREATE2_W), 96 },
#endif
#if JET_VERSION >= 0x0601 && JET_TEST_LP64
    { "JET_TABLECREATE3_A", sizeof(JET_TABLECREATE3_A), 120 },
#endif
#if JET_VERSION >= 0x0601 && JET_TEST_LP64
    { "JET_TABLECREATE3_W", sizeof(JET_TABLECREATE3_W), 120 },
#endif
#if JET_VERSION >= 0x0602 && JET_TEST_LP64
    { "JET_TABLECREATE4_A", sizeof(JET_TABLECREATE4_A), 120 },
#endif
#if JET_VERSION >= 0x0602 && JET_TEST_LP64
    { "JET_TABLECREATE4_W", sizeof(JET_TABLECREATE4_W), 120 },
#endif
#if JET_VERSION >= 0x0600 && JET_TEST_LP64
    { "JET_OPENTEMPORARYTABLE", sizeof(JET_OPENTEMPORARYTABLE), 64 },
#endif
#if JET_VERSION >= 0x0602 && JET_TEST_LP64
    { "JET_OPENTEMPORARYTABLE2", sizeof(JET_OPENTEMPORARYTABLE2), 64 },
#endif
#if JET_TEST_LP64
    { "JET_SETCOLUMN", sizeof(JET_SETCOLUMN), 40 },
#endif
#if JET_TEST_LP64
    { "JET_RETRIEVECOLUMN", sizeof(JET_RETRIEVECOLUMN), 48 },
#endif
    { "JET_SETINFO", sizeof(JET_SETINFO), 12 },
    { "JET_RETINFO", sizeof(JET_RETINFO), 16 },
#if JET_TEST_LP64
    { "JET_INDEXRANGE", sizeof(JET_INDEXRANGE), 24 },
#endif
    { "JET_RECPOS", sizeof(JET_RECPOS), 16 },
    { "JET_RECPOS2", sizeof(JET_RECPOS2), 32 },
#if JET_TEST_LP64
    { "JET_INDEXID", sizeof(JET_INDEXID), 20 },
#endif
#if JET_VERSION >= 0x0501 && JET_TEST_LP64
    { "JET_ENUMCOLUMNID", sizeof(JET_ENUMCOLUMNID), 16 },
#endif
#if JET_VERSION >= 0x0501 && JET_TEST_LP64
    { "JET_ENUMCOLUMNVALUE", sizeof(JET_ENUMCOLUMNVALUE), 24 },
#endif
#if JET_VERSION >= 0x0501 && JET_TEST_LP64
    { "JET_ENUMCOLUMN", sizeof(JET_ENUMCOLUMN), 24 },
#endif
#if JET_VERSION >= 0x0600
    { "JET_RECSIZE", sizeof(JET_RECSIZE), 64 },
#endif
#if JET_VERSION >= 0x0601
    { "JET_RECSIZE2", sizeof(JET_RECSIZE2), 88 },
#endif
#if JET_VERSION >= 0x0602 && JET_TEST_LP64
    { "JET_INDEX_COLUMN", sizeof(JET_INDEX_COLUMN), 24 },
#endif
#if JET_VERSION >= 0x0602 && JET_TEST_LP64
    { "JET_INDEX_RANGE", sizeof(JET_INDEX_RANGE), 32 },
#endif
    { "JET_OBJECTINFO", sizeof(JET_OBJECTINFO), 40 },
#if JET_TEST_LP64
    { "JET_OBJECTLIST", sizeof(JET_OBJECTLIST), 56 },
#endif
#if JET_TEST_LP64
    { "JET_COLUMNLIST", sizeof(JET_COLUMNLIST), 80 },
#endif
#if JET_TEST_LP64
    { "JET_INDEXLIST", sizeof(JET_INDEXLIST), 88 },
#endif
#if JET_TEST_LP64
    { "JET_RECORDLIST", sizeof(JET_RECORDLIST), 24 },
#endif
    { "JET_DBINFOUPGRADE", sizeof(JET_DBINFOUPGRADE), 28 },
#if JET_VERSION >= 0x0602 && JET_TEST_LP64 && JET_TEST_WCHAR16
    { "JET_ERRINFOBASIC_W", sizeof(JET_ERRINFOBASIC_W), 152 },
#endif
#if JET_VERSION >= 0x0600
    { "JET_THREADSTATS", sizeof(JET_THREADSTATS), 32 },
#endif
#if JET_VERSION >= 0x0A00 && JET_TEST_LP64
    { "JET_THREADSTATS2", sizeof(JET_THREADSTATS2), 48 },
#endif
#if JET_VERSION >= 0x0A01 && JET_TEST_LP64
    { "JET_THREADSTATS3", sizeof(JET_THREADSTATS3), 64 },
#endif
    { "JET_DBINFOMISC", sizeof(JET_DBINFOMISC), 216 },
#if JET_VERSION >= 0x0600
    { "JET_DBINFOMISC2", sizeof(JET_DBINFOMISC2), 296 },
#endif
#if JET_VERSION >= 0x0601
    { "JET_DBINFOMISC3", sizeof(JET_DBINFOMISC3), 300 },
#endif
#if JET_VERSION >= 0x0601
    { "JET_DBINFOMISC4", sizeof(JET_DBINFOMISC4), 348 },
#endif
    { NULL, 0, 0 }
};
#define JET_EXPECTED_STRUCT_COUNT 76 /* public structures in the reference */

/* ---- plain-name mapping of A/W functions and structures ---- */

#define JET_TEST_STR2(x) #x
#define JET_TEST_STR(x) JET_TEST_STR2(x)

typedef struct {
    const char *plain;     /* the plain name */
    const char *expanded;  /* what the plain name expands to here */
} jet_expected_map;

static const jet_expected_map jet_expected_function_map[] = {
#if JET_VERSION >= 0x0600
    { "JetCreateInstance", JET_TEST_STR(JetCreateInstance) },
#endif
#if JET_VERSION >= 0x0600
    { "JetCreateInstance2", JET_TEST_STR(JetCreateInstance2) },
#endif
#if JET_VERSION >= 0x0600
    { "JetInit3", JET_TEST_STR(JetInit3) },
#endif
#if JET_VERSION >= 0x0600
    { "JetSetSystemParameter", JET_TEST_STR(JetSetSystemParameter) },
#endif
#if JET_VERSION >= 0x0600
    { "JetGetSystemParameter", JET_TEST_STR(JetGetSystemParameter) },
#endif
#if JET_VERSION >= 0x0600
    { "JetEnableMultiInstance", JET_TEST_STR(JetEnableMultiInstance) },
#endif
#if JET_VERSION >= 0x0600
    { "JetGetInstanceInfo", JET_TEST_STR(JetGetInstanceInfo) },
#endif
#if JET_VERSION >= 0x0600
    { "JetBeginSession", JET_TEST_STR(JetBeginSession) },
#endif
#if JET_VERSION >= 0x0600
    { "JetCreateDatabase", JET_TEST_STR(JetCreateDatabase) },
#endif
#if JET_VERSION >= 0x0600
    { "JetCreateDatabase2", JET_TEST_STR(JetCreateDatabase2) },
#endif
#if JET_VERSION >= 0x0600
    { "JetAttachDatabase", JET_TEST_STR(JetAttachDatabase) },
#endif
#if JET_VERSION >= 0x0600
    { "JetAttachDatabase2", JET_TEST_STR(JetAttachDatabase2) },
#endif
#if JET_VERSION >= 0x0600
    { "JetDetachDatabase", JET_TEST_STR(JetDetachDatabase) },
#endif
#if JET_VERSION >= 0x0600
    { "JetDetachDatabase2", JET_TEST_STR(JetDetachDatabase2) },
#endif
#if JET_VERSION >= 0x0600
    { "JetOpenDatabase", JET_TEST_STR(JetOpenDatabase) },
#endif
#if JET_VERSION >= 0x0600
    { "JetGetDatabaseInfo", JET_TEST_STR(JetGetDatabaseInfo) },
#endif
#if JET_VERSION >= 0x0600
    { "JetGetDatabaseFileInfo", JET_TEST_STR(JetGetDatabaseFileInfo) },
#endif
#if JET_VERSION >= 0x0600
    { "JetCreateTable", JET_TEST_STR(JetCreateTable) },
#endif
#if JET_VERSION >= 0x0600
    { "JetCreateTableColumnIndex", JET_TEST_STR(JetCreateTableColumnIndex) },
#endif
#if JET_VERSION >= 0x0600
    { "JetCreateTableColumnIndex2", JET_TEST_STR(JetCreateTableColumnIndex2) },
#endif
#if JET_VERSION >= 0x0601
    { "JetCreateTableColumnIndex3", JET_TEST_STR(JetCreateTableColumnIndex3) },
#endif
#if JET_VERSION >= 0x0602
    { "JetCreateTableColumnIndex4", JET_TEST_STR(JetCreateTableColumnIndex4) },
#endif
#if JET_VERSION >= 0x0600
    { "JetOpenTable", JET_TEST_STR(JetOpenTable) },
#endif
#if JET_VERSION >= 0x0600
    { "JetDeleteTable", JET_TEST_STR(JetDeleteTable) },
#endif
#if JET_VERSION >= 0x0600
    { "JetAddColumn", JET_TEST_STR(JetAddColumn) },
#endif
#if JET_VERSION >= 0x0600
    { "JetDeleteColumn", JET_TEST_STR(JetDeleteColumn) },
#endif
#if JET_VERSION >= 0x0600
    { "JetDeleteColumn2", JET_TEST_STR(JetDeleteColumn2) },
#endif
#if JET_VERSION >= 0x0600
    { "JetGetTableColumnInfo", JET_TEST_STR(JetGetTableColumnInfo) },
#endif
#if JET_VERSION >= 0x0600
    { "JetGetColumnInfo", JET_TEST_STR(JetGetColumnInfo) },
#endif
#if JET_VERSION >= 0x0600
    { "JetCreateIndex", JET_TEST_STR(JetCreateIndex) },
#endif
#if JET_VERSION >= 0x0600
    { "JetCreateIndex2", JET_TEST_STR(JetCreateIndex2) },
#endif
#if JET_VERSION >= 0x0601
    { "JetCreateIndex3", JET_TEST_STR(JetCreateIndex3) },
#endif
#if JET_VERSION >= 0x0602
    { "JetCreateIndex4", JET_TEST_STR(JetCreateIndex4) },
#endif
#if JET_VERSION >= 0x0600
    { "JetDeleteIndex", JET_TEST_STR(JetDeleteIndex) },
#endif
#if JET_VERSION >= 0x0600
    { "JetGetTableIndexInfo", JET_TEST_STR(JetGetTableIndexInfo) },
#endif
#if JET_VERSION >= 0x0600
    { "JetGetIndexInfo", JET_TEST_STR(JetGetIndexInfo) },
#endif
#if JET_VERSION >= 0x0600
    { "JetGetTableInfo", JET_TEST_STR(JetGetTableInfo) },
#endif
#if JET_VERSION >= 0x0600
    { "JetSetCurrentIndex", JET_TEST_STR(JetSetCurrentIndex) },
#endif
#if JET_VERSION >= 0x0600
    { "JetSetCurrentIndex2", JET_TEST_STR(JetSetCurrentIndex2) },
#endif
#if JET_VERSION >= 0x0600
    { "JetSetCurrentIndex3", JET_TEST_STR(JetSetCurrentIndex3) },
#endif
#if JET_VERSION >= 0x0600
    { "JetSetCurrentIndex4", JET_TEST_STR(JetSetCurrentIndex4) },
#endif
#if JET_VERSION >= 0x0600
    { "JetGetCurrentIndex", JET_TEST_STR(JetGetCurrentIndex) },
#endif
#if JET_VERSION >= 0x0600
    { "JetBackup", JET_TEST_STR(JetBackup) },
#endif
#if JET_VERSION >= 0x0600
    { "JetBackupInstance", JET_TEST_STR(JetBackupInstance) },
#endif
#if JET_VERSION >= 0x0600
    { "JetGetAttachInfo", JET_TEST_STR(JetGetAttachInfo) },
#endif
#if JET_VERSION >= 0x0600
    { "JetGetAttachInfoInstance", JET_TEST_STR(JetGetAttachInfoInstance) },
#endif
#if JET_VERSION >= 0x0600
    { "JetOpenFile", JET_TEST_STR(JetOpenFile) },
#endif
#if JET_VERSION >= 0x0600
    { "JetOpenFileInstance", JET_TEST_STR(JetOpenFileInstance) },
#endif
#if JET_VERSION >= 0x0600
    { "JetGetLogInfo", JET_TEST_STR(JetGetLogInfo) },
#endif
#if JET_VERSION >= 0x0600
    { "JetGetLogInfoInstance", JET_TEST_STR(JetGetLogInfoInstance) },
#endif
#if JET_VERSION >= 0x0600
    { "JetGetLogInfoInstance2", JET_TEST_STR(JetGetLogInfoInstance2) },
#endif
#if JET_VERSION >= 0x0600
    { "JetGetTruncateLogInfoInstance", JET_TEST_STR(JetGetTruncateLogInfoInstance) },
#endif
#if JET_VERSION >= 0x0600
    { "JetRestore", JET_TEST_STR(JetRestore) },
#endif
#if JET_VERSION >= 0x0600
    { "JetRestore2", JET_TEST_STR(JetRestore2) },
#endif
#if JET_VERSION >= 0x0600
    { "JetRestoreInstance", JET_TEST_STR(JetRestoreInstance) },
#endif
#if JET_VERSION >= 0x0600
    { "JetExternalRestore", JET_TEST_STR(JetExternalRestore) },
#endif
#if JET_VERSION >= 0x0600
    { "JetExternalRestore2", JET_TEST_STR(JetExternalRestore2) },
#endif
#if JET_VERSION >= 0x0600
    { "JetOSSnapshotFreeze", JET_TEST_STR(JetOSSnapshotFreeze) },
#endif
#if JET_VERSION >= 0x0600
    { "JetOSSnapshotGetFreezeInfo", JET_TEST_STR(JetOSSnapshotGetFreezeInfo) },
#endif
#if JET_VERSION >= 0x0600
    { "JetGetObjectInfo", JET_TEST_STR(JetGetObjectInfo) },
#endif
#if JET_VERSION >= 0x0600
    { "JetRenameTable", JET_TEST_STR(JetRenameTable) },
#endif
#if JET_VERSION >= 0x0600
    { "JetRenameColumn", JET_TEST_STR(JetRenameColumn) },
#endif
#if JET_VERSION >= 0x0600
    { "JetSetColumnDefaultValue", JET_TEST_STR(JetSetColumnDefaultValue) },
#endif
#if JET_VERSION >= 0x0600
    { "JetCompact", JET_TEST_STR(JetCompact) },
#endif
#if JET_VERSION >= 0x0600
    { "JetDefragment", JET_TEST_STR(JetDefragment) },
#endif
#if JET_VERSION >= 0x0600
    { "JetDefragment2", JET_TEST_STR(JetDefragment2) },
#endif
#if JET_VERSION >= 0x0600
    { "JetDefragment3", JET_TEST_STR(JetDefragment3) },
#endif
#if JET_VERSION >= 0x0600
    { "JetSetDatabaseSize", JET_TEST_STR(JetSetDatabaseSize) },
#endif
#if JET_VERSION >= 0x0602
    { "JetGetErrorInfo", JET_TEST_STR(JetGetErrorInfo) },
#endif
    { NULL, NULL }
};
#define JET_EXPECTED_AW_FUNCTIONS 69

/* legacy (JET_VERSION < 0x0600) names: JetFooA is JetFoo */
static const jet_expected_map jet_expected_legacy_map[] = {
#if JET_VERSION < 0x0600
    { "JetAddColumnA", JET_TEST_STR(JetAddColumnA) },
    { "JetAttachDatabase2A", JET_TEST_STR(JetAttachDatabase2A) },
    { "JetAttachDatabaseA", JET_TEST_STR(JetAttachDatabaseA) },
    { "JetBackupA", JET_TEST_STR(JetBackupA) },
    { "JetBackupInstanceA", JET_TEST_STR(JetBackupInstanceA) },
    { "JetBeginSessionA", JET_TEST_STR(JetBeginSessionA) },
    { "JetCompactA", JET_TEST_STR(JetCompactA) },
    { "JetCreateDatabase2A", JET_TEST_STR(JetCreateDatabase2A) },
    { "JetCreateDatabaseA", JET_TEST_STR(JetCreateDatabaseA) },
    { "JetCreateIndex2A", JET_TEST_STR(JetCreateIndex2A) },
    { "JetCreateIndexA", JET_TEST_STR(JetCreateIndexA) },
    { "JetCreateInstance2A", JET_TEST_STR(JetCreateInstance2A) },
    { "JetCreateInstanceA", JET_TEST_STR(JetCreateInstanceA) },
    { "JetCreateTableA", JET_TEST_STR(JetCreateTableA) },
    { "JetCreateTableColumnIndex2A", JET_TEST_STR(JetCreateTableColumnIndex2A) },
    { "JetCreateTableColumnIndexA", JET_TEST_STR(JetCreateTableColumnIndexA) },
    { "JetDefragment2A", JET_TEST_STR(JetDefragment2A) },
    { "JetDefragment3A", JET_TEST_STR(JetDefragment3A) },
    { "JetDefragmentA", JET_TEST_STR(JetDefragmentA) },
    { "JetDeleteColumn2A", JET_TEST_STR(JetDeleteColumn2A) },
    { "JetDeleteColumnA", JET_TEST_STR(JetDeleteColumnA) },
    { "JetDeleteIndexA", JET_TEST_STR(JetDeleteIndexA) },
    { "JetDeleteTableA", JET_TEST_STR(JetDeleteTableA) },
    { "JetDetachDatabase2A", JET_TEST_STR(JetDetachDatabase2A) },
    { "JetDetachDatabaseA", JET_TEST_STR(JetDetachDatabaseA) },
    { "JetEnableMultiInstanceA", JET_TEST_STR(JetEnableMultiInstanceA) },
    { "JetExternalRestore2A", JET_TEST_STR(JetExternalRestore2A) },
    { "JetExternalRestoreA", JET_TEST_STR(JetExternalRestoreA) },
    { "JetGetAttachInfoA", JET_TEST_STR(JetGetAttachInfoA) },
    { "JetGetAttachInfoInstanceA", JET_TEST_STR(JetGetAttachInfoInstanceA) },
    { "JetGetColumnInfoA", JET_TEST_STR(JetGetColumnInfoA) },
    { "JetGetCurrentIndexA", JET_TEST_STR(JetGetCurrentIndexA) },
    { "JetGetDatabaseFileInfoA", JET_TEST_STR(JetGetDatabaseFileInfoA) },
    { "JetGetDatabaseInfoA", JET_TEST_STR(JetGetDatabaseInfoA) },
    { "JetGetIndexInfoA", JET_TEST_STR(JetGetIndexInfoA) },
    { "JetGetInstanceInfoA", JET_TEST_STR(JetGetInstanceInfoA) },
    { "JetGetLogInfoA", JET_TEST_STR(JetGetLogInfoA) },
    { "JetGetLogInfoInstance2A", JET_TEST_STR(JetGetLogInfoInstance2A) },
    { "JetGetLogInfoInstanceA", JET_TEST_STR(JetGetLogInfoInstanceA) },
    { "JetGetObjectInfoA", JET_TEST_STR(JetGetObjectInfoA) },
    { "JetGetSystemParameterA", JET_TEST_STR(JetGetSystemParameterA) },
    { "JetGetTableColumnInfoA", JET_TEST_STR(JetGetTableColumnInfoA) },
    { "JetGetTableIndexInfoA", JET_TEST_STR(JetGetTableIndexInfoA) },
    { "JetGetTableInfoA", JET_TEST_STR(JetGetTableInfoA) },
    { "JetGetTruncateLogInfoInstanceA", JET_TEST_STR(JetGetTruncateLogInfoInstanceA) },
    { "JetInit3A", JET_TEST_STR(JetInit3A) },
    { "JetOSSnapshotFreezeA", JET_TEST_STR(JetOSSnapshotFreezeA) },
    { "JetOSSnapshotGetFreezeInfoA", JET_TEST_STR(JetOSSnapshotGetFreezeInfoA) },
    { "JetOpenDatabaseA", JET_TEST_STR(JetOpenDatabaseA) },
    { "JetOpenFileA", JET_TEST_STR(JetOpenFileA) },
    { "JetOpenFileInstanceA", JET_TEST_STR(JetOpenFileInstanceA) },
    { "JetOpenTableA", JET_TEST_STR(JetOpenTableA) },
    { "JetRenameColumnA", JET_TEST_STR(JetRenameColumnA) },
    { "JetRenameTableA", JET_TEST_STR(JetRenameTableA) },
    { "JetRestore2A", JET_TEST_STR(JetRestore2A) },
    { "JetRestoreA", JET_TEST_STR(JetRestoreA) },
    { "JetRestoreInstanceA", JET_TEST_STR(JetRestoreInstanceA) },
    { "JetSetColumnDefaultValueA", JET_TEST_STR(JetSetColumnDefaultValueA) },
    { "JetSetCurrentIndex2A", JET_TEST_STR(JetSetCurrentIndex2A) },
    { "JetSetCurrentIndex3A", JET_TEST_STR(JetSetCurrentIndex3A) },
    { "JetSetCurrentIndex4A", JET_TEST_STR(JetSetCurrentIndex4A) },
    { "JetSetCurrentIndexA", JET_TEST_STR(JetSetCurrentIndexA) },
    { "JetSetDatabaseSizeA", JET_TEST_STR(JetSetDatabaseSizeA) },
    { "JetSetSystemParameterA", JET_TEST_STR(JetSetSystemParameterA) },
#endif
    { NULL, NULL }
};

#if !defined(__cplusplus)
/* 'A' or 'W': which variant a plain structure name is */
#define JET_TEST_AW(plain) _Generic((plain *)0, plain##_A *: 'A', plain##_W *: 'W', default: '?')
typedef struct {
    const char *plain;
    char variant;
} jet_expected_struct_map;
static const jet_expected_struct_map jet_expected_struct_map_table[] = {
#if JET_VERSION >= 0x0501
    { "JET_LOGINFO", JET_TEST_AW(JET_LOGINFO) },
#endif
    { "JET_RSTMAP", JET_TEST_AW(JET_RSTMAP) },
#if JET_VERSION >= 0x0600
    { "JET_RSTINFO", JET_TEST_AW(JET_RSTINFO) },
#endif
#if JET_VERSION >= 0x0501
    { "JET_INSTANCE_INFO", JET_TEST_AW(JET_INSTANCE_INFO) },
#endif
#if JET_VERSION >= 0x0501
    { "JET_SETSYSPARAM", JET_TEST_AW(JET_SETSYSPARAM) },
#endif
    { "JET_COLUMNBASE", JET_TEST_AW(JET_COLUMNBASE) },
    { "JET_COLUMNCREATE", JET_TEST_AW(JET_COLUMNCREATE) },
#if JET_VERSION >= 0x0501
    { "JET_USERDEFINEDDEFAULT", JET_TEST_AW(JET_USERDEFINEDDEFAULT) },
#endif
    { "JET_CONDITIONALCOLUMN", JET_TEST_AW(JET_CONDITIONALCOLUMN) },
    { "JET_INDEXCREATE", JET_TEST_AW(JET_INDEXCREATE) },
#if JET_VERSION >= 0x0601
    { "JET_INDEXCREATE2", JET_TEST_AW(JET_INDEXCREATE2) },
#endif
#if JET_VERSION >= 0x0602
    { "JET_INDEXCREATE3", JET_TEST_AW(JET_INDEXCREATE3) },
#endif
    { "JET_TABLECREATE", JET_TEST_AW(JET_TABLECREATE) },
#if JET_VERSION >= 0x0501
    { "JET_TABLECREATE2", JET_TEST_AW(JET_TABLECREATE2) },
#endif
#if JET_VERSION >= 0x0601
    { "JET_TABLECREATE3", JET_TEST_AW(JET_TABLECREATE3) },
#endif
#if JET_VERSION >= 0x0602
    { "JET_TABLECREATE4", JET_TEST_AW(JET_TABLECREATE4) },
#endif
    { "JET_CONVERT", JET_TEST_AW(JET_CONVERT) },
    { NULL, 0 }
};
#endif
#define JET_EXPECTED_AW_STRUCTS 17 /* A/W structure pairs with a plain name */

#endif /* JET_TEST_ESENT_EXPECTED_H */
