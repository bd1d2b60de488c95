/*
 * jetdb.h - jetdb extensions to the ESE API.
 *
 * Everything declared here is specific to jetdb and not part of the
 * Windows esent.h API.
 */
#ifndef JETDB_H_INCLUDED
#define JETDB_H_INCLUDED

#include "esent.h"

#if defined(__cplusplus)
extern "C" {
#endif

/* jetdb extensions to the ESE API */

/* JETDB_EXPORT marks the functions of this header that the shared library
 * exports (it is built with -fvisibility=hidden and -DJETDB_BUILDING). */
#ifndef JETDB_EXPORT
#if defined(JETDB_BUILDING)
#define JETDB_EXPORT __attribute__((visibility("default")))
#else
#define JETDB_EXPORT
#endif
#endif

/* ---- version ---- */
/* jetdb's own version (JetGetVersion reports it in ESE's format). */
#define JETDB_VERSION_MAJOR 0
#define JETDB_VERSION_MINOR 1
#define JETDB_VERSION_PATCH 0

/* ---- events ---- */
/*
 * ESE reports significant steps to the Windows event log; jetdb sends the
 * same events (same ids, categories, insertion strings) to syslog and to a
 * callback the application installs.  The callback runs on the thread that
 * raised the event and must not call the engine.
 */
#define JETDB_EVENT_ERROR       1u   /* same values as Windows' event types */
#define JETDB_EVENT_WARNING     2u
#define JETDB_EVENT_INFORMATION 4u

typedef struct JETDB_EVENT {
    uint32_t cbStruct;               /* sizeof(JETDB_EVENT) */
    uint32_t eventId;                /* ESE event id, e.g. 102, 213 */
    uint32_t category;               /* ESE category, e.g. 1 General, 3 Logging/Recovery */
    uint32_t type;                   /* JETDB_EVENT_ERROR / WARNING / INFORMATION */
    uint32_t level;                  /* JET_EventLoggingLevel* the event needs */
    JET_INSTANCE instance;           /* the instance it concerns, or 0 */
    const char *szSource;            /* JET_paramEventSource, or "ESENT" */
    const char *szInstanceName;      /* display name or name of the instance, or "" */
    uint32_t cStrings;               /* number of insertion strings */
    const char *const *rgszStrings;  /* ESE's %4, %5, ... */
    const char *szMessage;           /* the event as one line of text */
} JETDB_EVENT;

typedef void (*JETDB_PFNEVENT)(const JETDB_EVENT *pevent, void *pvContext);

/* Do not also send events to syslog. */
#define JETDB_bitEventNoSyslog 0x00000001u

/* Install (pfn) or remove (NULL) the event callback for the whole process.
 * When it returns, no thread is still inside the previous callback. */
JETDB_EXPORT JET_ERR JetDbSetEventCallback(JETDB_PFNEVENT pfn, void *pvContext,
                                           JET_GRBIT grbit);
/* ---- end of events ---- */

/* ---- fault injection (tests) ---- */
/*
 * Make the engine's file operations fail on purpose, to test error paths,
 * torn writes and full disks.  Always compiled in; costs one relaxed atomic
 * load per I/O call while nothing is armed.
 *
 * Each operation class has one slot.  JetDbFaultArm(op, nth, errnum, grbit,
 * szPathSubstring) resets the slot's counters, then counts every call of op
 * (whose path contains szPathSubstring, when given; a rename matches on
 * either name) and makes the nth counted call (1-based) fail with errnum,
 * as if the system call had: errno is set and the call returns the mapped
 * JET_err (EIO -> JET_errDiskIO, ENOSPC -> JET_errDiskFull, ...).
 *   nth == 0                  count only, never fail (to learn how many
 *                             calls a scenario makes, then fail each one);
 *   JETDB_bitFaultPersistent  every counted call from the nth on fails;
 *   JETDB_bitFaultShortWrite  (write only) the failing write first stores
 *                             the first half of its buffer (a torn write).
 * Arming is thread-safe and may happen while other threads do I/O.
 *
 * The environment variable JETDB_FAULT arms faults when the library loads
 * (for crash tests that run a child process), with the syntax of
 * JetDbFaultArmSpec: "op:nth:errno[:persist|short][:pathsubstring]",
 * several separated by ';'.  op is one of open, read, write, fsync, rename,
 * unlink, mkdir, truncate; errno is a name (EIO, ENOSPC, EACCES, ...) or a
 * number; the path substring is the rest of the text (it may hold ':').
 * Example: JETDB_FAULT="write:3:ENOSPC:persist:/backup/".
 */
typedef enum JETDB_FAULT_OP {
    JETDB_faultopOpen = 0,      /* opening or creating a file, taking a lock */
    JETDB_faultopRead = 1,      /* one positional read of a file */
    JETDB_faultopWrite = 2,     /* one positional write of a file */
    JETDB_faultopFsync = 3,     /* fsync, fdatasync, range sync, folder fsync */
    JETDB_faultopRename = 4,    /* rename */
    JETDB_faultopUnlink = 5,    /* removing a file or an empty folder */
    JETDB_faultopMkdir = 6,     /* creating one folder */
    JETDB_faultopTruncate = 7,  /* setting a file's size, preallocating */
    JETDB_faultopMax = 8        /* number of operation classes */
} JETDB_FAULT_OP;

#define JETDB_bitFaultPersistent 0x00000001u
#define JETDB_bitFaultShortWrite 0x00000002u

/* Arm (or re-arm) the fault slot of op; JET_errInvalidParameter on a bad
 * op, grbit, errnum (must be > 0 when nth > 0) or an over-long substring. */
JETDB_EXPORT JET_ERR JetDbFaultArm(JETDB_FAULT_OP op, uint64_t nth, int errnum,
                                   JET_GRBIT grbit, const char *szPathSubstring);
/* Arm from a specification string (the JETDB_FAULT syntax); a malformed
 * string arms nothing and returns JET_errInvalidParameter. */
JETDB_EXPORT JET_ERR JetDbFaultArmSpec(const char *szSpec);
/* Stop counting and failing op; its counters keep their last values. */
JETDB_EXPORT void JetDbFaultDisarm(JETDB_FAULT_OP op);
/* Disarm every operation class. */
JETDB_EXPORT void JetDbFaultDisarmAll(void);
/* Calls of op counted since it was last armed (0 for a bad op). */
JETDB_EXPORT uint64_t JetDbFaultCount(JETDB_FAULT_OP op);
/* Calls of op made to fail since it was last armed (0 for a bad op). */
JETDB_EXPORT uint64_t JetDbFaultFired(JETDB_FAULT_OP op);
/* ---- end of fault injection ---- */

#if defined(__cplusplus)
}
#endif

#endif /* JETDB_H_INCLUDED */
