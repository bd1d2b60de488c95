/*
 * api_txn.c: exported transaction entry points — JetBeginTransaction(2,3),
 * JetCommitTransaction(2), JetRollback.  Validation and dispatch only; the
 * version store (src/txn/ver.h) does the work, and src/isam adjusts the
 * session's cursors afterwards (a rollback closes the cursors its levels
 * opened).
 */
#include "api/api.h"

#include "inst/inst.h"
#include "isam/isam.h"
#include "txn/ver.h"

/* grbits each call accepts (esent.h); anything else → JET_errInvalidGrbit. */
#define API_BEGIN_BITS JET_bitTransactionReadOnly
/* ESE's commit mask also has 0x20 (JET_bitCommitRedoCallback, not in the
 * public header): accepted and ignored, as there are no redo callbacks. */
#define API_COMMIT_REDO_CALLBACK 0x20u
#define API_COMMIT_BITS                                                             \
    (JET_bitCommitLazyFlush | JET_bitWaitLastLevel0Commit | JET_bitWaitAllLevel0Commit | \
     JET_bitForceNewLog | API_COMMIT_REDO_CALLBACK)
#define API_ROLLBACK_BITS JET_bitRollbackAll

/* ---- JetBeginTransaction ------------------------------------------------------ */

JETDB_EXPORT JET_ERR JetBeginTransaction3(JET_SESID sesid, int64_t trxid, JET_GRBIT grbit)
{
    (void)trxid;   /* the caller's own label for the transaction; ESE only traces it */
    sess *s;
    CALL(sess_gate_enter(sesid, 0, &s));
    JET_ERR err;
    if (grbit & ~(JET_GRBIT)API_BEGIN_BITS)
        err = JET_errInvalidGrbit;
    else
        err = vtx_begin(s, grbit);
    sess_gate_leave(s);
    return err;
}

JETDB_EXPORT JET_ERR JetBeginTransaction2(JET_SESID sesid, JET_GRBIT grbit)
{
    return JetBeginTransaction3(sesid, 0, grbit);
}

JETDB_EXPORT JET_ERR JetBeginTransaction(JET_SESID sesid)
{
    return JetBeginTransaction3(sesid, 0, 0);
}

/* ---- JetCommitTransaction ----------------------------------------------------- */

JETDB_EXPORT JET_ERR JetCommitTransaction2(JET_SESID sesid, JET_GRBIT grbit,
                                           uint32_t cmsecDurableCommit, JET_COMMIT_ID *pCommitId)
{
    sess *s;
    CALL(sess_gate_enter(sesid, 0, &s));
    JET_ERR err = JET_errSuccess;
    /* ForceNewLog and the two waits must stand alone (ESE's order). */
    if (grbit & ~(JET_GRBIT)API_COMMIT_BITS)
        err = JET_errInvalidGrbit;
    else if ((grbit & JET_bitForceNewLog) && grbit != JET_bitForceNewLog)
        err = JET_errInvalidGrbit;
    else if ((grbit & JET_bitWaitAllLevel0Commit) && grbit != JET_bitWaitAllLevel0Commit)
        err = JET_errInvalidGrbit;
    else if ((grbit & JET_bitWaitLastLevel0Commit) && grbit != JET_bitWaitLastLevel0Commit)
        err = JET_errInvalidGrbit;
    else {
        uint32_t level = vtx_level(s);
        err = vtx_commit2(s, grbit & ~(JET_GRBIT)API_COMMIT_REDO_CALLBACK, cmsecDurableCommit,
                          pCommitId);
        if (vtx_level(s) < level)
            isam_txn_end(s);   /* cursors of the committed level join its parent */
    }
    sess_gate_leave(s);
    return err;
}

JETDB_EXPORT JET_ERR JetCommitTransaction(JET_SESID sesid, JET_GRBIT grbit)
{
    return JetCommitTransaction2(sesid, grbit, 0, NULL);
}

/* ---- JetRollback ---------------------------------------------------------------- */

JETDB_EXPORT JET_ERR JetRollback(JET_SESID sesid, JET_GRBIT grbit)
{
    sess *s;
    /* ESE lets a rollback through after JetStopService. */
    CALL(sess_gate_enter(sesid, GATE_IGNORE_STOP_SERVICE, &s));
    JET_ERR err;
    if (grbit & ~(JET_GRBIT)API_ROLLBACK_BITS)
        err = JET_errInvalidGrbit;
    else {
        uint32_t level = vtx_level(s);
        err = vtx_rollback(s, grbit);
        if (vtx_level(s) < level)
            isam_txn_rollback(s);   /* closes what the rolled-back levels opened */
    }
    sess_gate_leave(s);
    return err;
}
