/*
 * api_sess.c: exported session entry points — JetBeginSession*,
 * JetEndSession, JetDupSession, JetSetSessionContext,
 * JetResetSessionContext, JetGetVersion.  Validation and dispatch only.
 */
#include "api/api.h"

#include <stdlib.h>

#include "api/api_w16.h"
#include "inst/inst.h"

/* The version JetGetVersion reports, in ESENT's layout: major (4 bits),
 * minor (4 bits), build (16 bits), service pack (8 bits).  jetdb reports
 * the Windows 10 ESENT it follows, so applications that enable features by
 * version take the modern paths. */
#define API_ESE_MAJOR 10u
#define API_ESE_MINOR 0u
#define API_ESE_BUILD 19041u
#define API_ESE_SP 0u

JETDB_EXPORT JET_ERR JetBeginSessionA(JET_INSTANCE instance, JET_SESID *psesid,
                                      JET_PCSTR szUserName, JET_PCSTR szPassword)
{
    (void)szPassword;   /* ESE ignores user name and password */
    if (psesid == NULL)
        return JET_errInvalidParameter;
    inst *in;
    CALL(inst_gate_enter(instance, &in));
    JET_ERR err = sess_begin(in, szUserName, psesid);
    inst_gate_leave(in);
    return err;
}

/* JetBeginSessionW for either wchar_t width. */
static JET_ERR begin_session_w(JET_INSTANCE instance, JET_SESID *psesid, const void *user,
                               const void *password, size_t width)
{
    char *a_user = NULL, *a_password = NULL;
    JET_ERR err;
    CHECK(api_wide_arg(user, width, &a_user));
    CHECK(api_wide_arg(password, width, &a_password));
    err = JetBeginSessionA(instance, psesid, a_user, a_password);
done:
    free(a_user);
    free(a_password);
    return err;
}

JETDB_EXPORT JET_ERR JetBeginSessionW(JET_INSTANCE instance, JET_SESID *psesid,
                                      JET_PCWSTR szUserName, JET_PCWSTR szPassword)
{
    return begin_session_w(instance, psesid, szUserName, szPassword, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetBeginSessionW_u16(JET_INSTANCE instance, JET_SESID *psesid,
                                          JET_PCWSTR szUserName, JET_PCWSTR szPassword)
{
    return begin_session_w(instance, psesid, szUserName, szPassword, API_WIDE16);
}

JETDB_EXPORT JET_ERR JetDupSession(JET_SESID sesid, JET_SESID *psesid)
{
    if (psesid == NULL)
        return JET_errInvalidParameter;
    sess *s;
    CALL(sess_gate_enter(sesid, 0, &s));
    /* ESE: a plain new session of the same instance; nothing is copied. */
    JET_ERR err = sess_begin(s->owner, s->user, psesid);
    sess_gate_leave(s);
    return err;
}

JETDB_EXPORT JET_ERR JetEndSession(JET_SESID sesid, JET_GRBIT grbit)
{
    sess *s;
    CALL(sess_gate_enter(sesid, GATE_IGNORE_STOP_SERVICE, &s));
    JET_ERR err = grbit != 0 ? JET_errInvalidGrbit : sess_end(s);
    sess_gate_leave(s);
    return err;
}

JETDB_EXPORT JET_ERR JetSetSessionContext(JET_SESID sesid, JET_API_PTR ulContext)
{
    sess *s;
    CALL(sess_gate_enter(sesid, 0, &s));
    JET_ERR err = sess_set_context(s, ulContext);
    sess_gate_leave(s);
    return err;
}

JETDB_EXPORT JET_ERR JetResetSessionContext(JET_SESID sesid)
{
    sess *s;
    CALL(sess_gate_enter(sesid, GATE_IGNORE_STOP_SERVICE, &s));
    JET_ERR err = sess_reset_context(s);
    sess_gate_leave(s);
    return err;
}

JETDB_EXPORT JET_ERR JetGetVersion(JET_SESID sesid, uint32_t *pwVersion)
{
    sess *s;
    CALL(sess_gate_enter(sesid, 0, &s));
    JET_ERR err = JET_errSuccess;
    if (pwVersion == NULL)
        err = JET_errInvalidParameter;
    else
        *pwVersion = (API_ESE_MAJOR << 28) | (API_ESE_MINOR << 24) | (API_ESE_BUILD << 8) |
                     API_ESE_SP;
    sess_gate_leave(s);
    return err;
}
