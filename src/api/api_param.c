/*
 * api_param.c: exported JetSetSystemParameter{A,W}, JetGetSystemParameter{A,W},
 * JetEnableMultiInstance{A,W} and the _u16 twins of the W forms.
 *
 * Handle resolution follows ESE's JetSetSystemParameterEx /
 * JetGetSystemParameterEx (jetapi.cxx):
 *   - no mode yet: the instance and session arguments are ignored and the
 *     global value is used (even a bogus handle is not an error);
 *   - single-instance mode: an instance-scope parameter addresses the one
 *     instance (if there is one), whatever handle is passed; a global-scope
 *     parameter the global value;
 *   - multi-instance mode: a session (not 0, not JET_sesidNil) names its
 *     instance (JET_errInvalidSesid when it is not a live session); else an
 *     instance (not 0, not JET_instanceNil) names itself
 *     (JET_errInvalidInstance when unknown); else the global value.
 * With an instance, the call passes ESE's "enter without init" gate (stop
 * service, unavailable, term/restore/init in progress) before the
 * parameter layer applies its rules (src/inst/param.c).
 */
#include "api/api.h"

#include <stdlib.h>
#include <string.h>

#include "api/api_w16.h"
#include "inst/inst.h"
#include "inst/param.h"
#include "util/utf.h"

/* ---- instance resolution and the gate ------------------------------------- */

/*
 * resolve_instance --
 *     The instance a parameter call addresses (pinned), or NULL for the
 *     global value; see the file comment for ESE's rules.
 */
static JET_ERR resolve_instance(JET_INSTANCE handle, JET_SESID sesid, uint32_t paramid,
                                inst **out)
{
    *out = NULL;
    const par_def *def = par_def_of(paramid);
    inst *in = NULL;

    switch (inst_get_mode()) {
    case INST_MODE_NONE:
        return JET_errSuccess;
    case INST_MODE_ONE:
        /* inst_acquire ignores the handle in this mode and gives the one
         * instance; none yet means the global value. */
        if (def != NULL && !(def->flags & PAR_F_GLOBAL) && inst_acquire(0, false, &in) >= 0)
            *out = in;
        return JET_errSuccess;
    case INST_MODE_MULTI:
        break;
    }

    if (sesid != 0 && sesid != JET_sesidNil) {
        sess *s;
        CALL(sess_acquire(sesid, &s));
        JET_ERR err = inst_acquire(s->owner->handle, false, &in);
        sess_release(s);
        if (err < 0)
            return JET_errInvalidSesid;
    } else if (handle != 0 && handle != JET_instanceNil) {
        if (inst_acquire(handle, true, &in) < 0)
            return JET_errInvalidInstance;
    }
    *out = in;
    return JET_errSuccess;
}

/* true when the parameter takes a string (so a W call converts it). */
static bool takes_string(uint32_t paramid)
{
    const par_def *def = par_def_of(paramid);
    return def != NULL &&
           (def->type == PAR_STRING || def->type == PAR_FOLDER || def->type == PAR_PATH);
}

/* ---- JetSetSystemParameter ------------------------------------------------------ */

/* The set, once the string is UTF-8. */
static JET_ERR set_param(JET_INSTANCE *pinstance, JET_SESID sesid, uint32_t paramid,
                         JET_API_PTR lParam, const char *sz)
{
    inst *in;
    CALL(resolve_instance(pinstance != NULL ? *pinstance : 0, sesid, paramid, &in));
    if (in == NULL)
        return par_set(NULL, paramid, lParam, sz);
    JET_ERR err = inst_gate_enter_pinned(in, GATE_WITHOUT_INIT);
    if (err >= 0) {
        err = par_set(in, paramid, lParam, sz);
        inst_gate_leave_pinned(in);
    }
    inst_release(in);
    return err;
}

JETDB_EXPORT JET_ERR JetSetSystemParameterA(JET_INSTANCE *pinstance, JET_SESID sesid,
                                            uint32_t paramid, JET_API_PTR lParam,
                                            JET_PCSTR szParam)
{
    return set_param(pinstance, sesid, paramid, lParam, szParam);
}

/* JetSetSystemParameterW for either wchar_t width. */
static JET_ERR set_param_w(JET_INSTANCE *pinstance, JET_SESID sesid, uint32_t paramid,
                           JET_API_PTR lParam, const void *szParam, size_t width)
{
    char *sz = NULL;
    if (takes_string(paramid))
        CALL(api_wide_arg(szParam, width, &sz));
    JET_ERR err = set_param(pinstance, sesid, paramid, lParam, sz);
    free(sz);
    return err;
}

JETDB_EXPORT JET_ERR JetSetSystemParameterW(JET_INSTANCE *pinstance, JET_SESID sesid,
                                            uint32_t paramid, JET_API_PTR lParam,
                                            JET_PCWSTR szParam)
{
    return set_param_w(pinstance, sesid, paramid, lParam, szParam, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetSetSystemParameterW_u16(JET_INSTANCE *pinstance, JET_SESID sesid,
                                                uint32_t paramid, JET_API_PTR lParam,
                                                JET_PCWSTR szParam)
{
    return set_param_w(pinstance, sesid, paramid, lParam, szParam, API_WIDE16);
}

/* ---- JetGetSystemParameter ------------------------------------------------------ */

/* The get into a UTF-8 buffer (sz may be NULL). */
static JET_ERR get_param(JET_INSTANCE instance, JET_SESID sesid, uint32_t paramid,
                         JET_API_PTR *plParam, char *sz, size_t cbMax, size_t *pcbNeeded)
{
    inst *in;
    CALL(resolve_instance(instance, sesid, paramid, &in));
    if (in == NULL)
        return par_get(NULL, paramid, plParam, sz, cbMax, pcbNeeded);
    JET_ERR err = inst_gate_enter_pinned(in, GATE_WITHOUT_INIT);
    if (err >= 0) {
        err = par_get(in, paramid, plParam, sz, cbMax, pcbNeeded);
        inst_gate_leave_pinned(in);
    }
    inst_release(in);
    return err;
}

JETDB_EXPORT JET_ERR JetGetSystemParameterA(JET_INSTANCE instance, JET_SESID sesid,
                                            uint32_t paramid, JET_API_PTR *plParam,
                                            JET_PSTR szParam, uint32_t cbMax)
{
    /* ESE passes no string buffer on when either part is missing. */
    if (szParam == NULL || cbMax == 0)
        return get_param(instance, sesid, paramid, plParam, NULL, cbMax, NULL);
    return get_param(instance, sesid, paramid, plParam, szParam, cbMax, NULL);
}

/*
 * give_wide --
 *     Convert a UTF-8 result into the caller's wide buffer of cbMax bytes.
 *     Too small: copy what fits (whole characters), terminate, and return
 *     JET_errBufferTooSmall, as ESE's string copy does.
 */
static JET_ERR give_wide(const char *s, void *dst, size_t cbMax, size_t width)
{
    size_t need = 0;
    JET_ERR err = utf_utf8_to_wide(s, dst, cbMax, width, &need);
    if (err != JET_errBufferTooSmall)
        return err;
    if (cbMax < width)
        return JET_errBufferTooSmall;
    void *full = malloc(need);
    if (full == NULL)
        return JET_errOutOfMemory;
    err = utf_utf8_to_wide(s, full, need, width, NULL);
    if (err < 0) {
        free(full);
        return err;
    }
    size_t units = cbMax / width - 1;
    if (width == API_WIDE16 && units > 0) {
        uint16_t last;
        memcpy(&last, (char *)full + (units - 1) * width, sizeof last);
        if (last >= 0xD800 && last <= 0xDBFF)
            units--;            /* do not keep half of a surrogate pair */
    }
    memcpy(dst, full, units * width);
    memset((char *)dst + units * width, 0, width);
    free(full);
    return JET_errBufferTooSmall;
}

/* JetGetSystemParameterW for either wchar_t width. */
static JET_ERR get_param_w(JET_INSTANCE instance, JET_SESID sesid, uint32_t paramid,
                           JET_API_PTR *plParam, void *szParam, uint32_t cbMax, size_t width)
{
    if (!takes_string(paramid) && paramid != JET_paramErrorToString)
        return get_param(instance, sesid, paramid, plParam, NULL, cbMax, NULL);
    if (szParam == NULL || cbMax == 0)
        return get_param(instance, sesid, paramid, plParam, NULL, 0, NULL);

    /* Fetch the UTF-8 value whole (retry once with the size it needs). */
    char small[512];
    char *buf = small;
    size_t need = 0;
    JET_ERR err = get_param(instance, sesid, paramid, plParam, buf, sizeof small, &need);
    if (err == JET_errBufferTooSmall && need > sizeof small) {
        buf = malloc(need);
        if (buf == NULL)
            return JET_errOutOfMemory;
        err = get_param(instance, sesid, paramid, plParam, buf, need, &need);
    }
    if (err >= 0)
        err = give_wide(buf, szParam, cbMax, width);
    if (buf != small)
        free(buf);
    return err;
}

JETDB_EXPORT JET_ERR JetGetSystemParameterW(JET_INSTANCE instance, JET_SESID sesid,
                                            uint32_t paramid, JET_API_PTR *plParam,
                                            JET_PWSTR szParam, uint32_t cbMax)
{
    return get_param_w(instance, sesid, paramid, plParam, szParam, cbMax, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetGetSystemParameterW_u16(JET_INSTANCE instance, JET_SESID sesid,
                                                uint32_t paramid, JET_API_PTR *plParam,
                                                JET_PWSTR szParam, uint32_t cbMax)
{
    return get_param_w(instance, sesid, paramid, plParam, szParam, cbMax, API_WIDE16);
}

/* ---- JetEnableMultiInstance ------------------------------------------------------ */

/* Run par_enable_multi over a converted array and report back. */
static JET_ERR enable_multi(par_setting *set, uint32_t count, uint32_t *pcsetsucceed)
{
    size_t ok = 0;
    JET_ERR err = par_enable_multi(set, count, &ok);
    if (pcsetsucceed != NULL)
        *pcsetsucceed = (uint32_t)ok;
    return err;
}

JETDB_EXPORT JET_ERR JetEnableMultiInstanceA(JET_SETSYSPARAM_A *psetsysparam,
                                             uint32_t csetsysparam, uint32_t *pcsetsucceed)
{
    /* ESE's A form refuses an array without a count and a count without an
     * array before anything else (pcsetsucceed is left alone). */
    if ((psetsysparam == NULL) != (csetsysparam == 0))
        return JET_errInvalidParameter;
    par_setting *set = NULL;
    if (csetsysparam > 0) {
        set = calloc(csetsysparam, sizeof *set);
        if (set == NULL)
            return JET_errOutOfMemory;
    }
    for (uint32_t i = 0; i < csetsysparam; i++) {
        set[i].paramid = psetsysparam[i].paramid;
        set[i].lparam = psetsysparam[i].lParam;
        set[i].sz = psetsysparam[i].sz;
        set[i].err = psetsysparam[i].err;
    }
    JET_ERR err = enable_multi(set, csetsysparam, pcsetsucceed);
    for (uint32_t i = 0; i < csetsysparam; i++)
        psetsysparam[i].err = set[i].err;
    free(set);
    return err;
}

/* JetEnableMultiInstanceW for either wchar_t width. */
static JET_ERR enable_multi_w(JET_SETSYSPARAM_W *psetsysparam, uint32_t csetsysparam,
                              uint32_t *pcsetsucceed, size_t width)
{
    if (csetsysparam > 0 && psetsysparam == NULL) {
        if (pcsetsucceed != NULL)
            *pcsetsucceed = 0;
        return JET_errInvalidParameter;
    }
    par_setting *set = NULL;
    char **strs = NULL;
    JET_ERR err = JET_errSuccess;
    if (csetsysparam > 0) {
        set = calloc(csetsysparam, sizeof *set);
        strs = calloc(csetsysparam, sizeof *strs);
        if (set == NULL || strs == NULL) {
            err = JET_errOutOfMemory;
            goto done;
        }
    }
    for (uint32_t i = 0; i < csetsysparam; i++) {
        /* Convert up front: a malformed string fails the whole call before
         * anything is set (ESE's W form has no conversion step). */
        if (takes_string(psetsysparam[i].paramid))
            CHECK(api_wide_arg(psetsysparam[i].sz, width, &strs[i]));
        set[i].paramid = psetsysparam[i].paramid;
        set[i].lparam = psetsysparam[i].lParam;
        set[i].sz = strs[i];
        set[i].err = psetsysparam[i].err;
    }
    err = enable_multi(set, csetsysparam, pcsetsucceed);
    for (uint32_t i = 0; i < csetsysparam; i++)
        psetsysparam[i].err = set[i].err;
    for (uint32_t i = 0; i < csetsysparam; i++)
        free(strs[i]);
    free(strs);
    free(set);
    return err;

done:
    if (pcsetsucceed != NULL)
        *pcsetsucceed = 0;
    for (uint32_t i = 0; strs != NULL && i < csetsysparam; i++)
        free(strs[i]);
    free(strs);
    free(set);
    return err;
}

JETDB_EXPORT JET_ERR JetEnableMultiInstanceW(JET_SETSYSPARAM_W *psetsysparam,
                                             uint32_t csetsysparam, uint32_t *pcsetsucceed)
{
    return enable_multi_w(psetsysparam, csetsysparam, pcsetsucceed, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetEnableMultiInstanceW_u16(JET_SETSYSPARAM_W *psetsysparam,
                                                 uint32_t csetsysparam, uint32_t *pcsetsucceed)
{
    return enable_multi_w(psetsysparam, csetsysparam, pcsetsucceed, API_WIDE16);
}
