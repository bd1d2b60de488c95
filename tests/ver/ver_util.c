/* ver_util.c: see ver_util.h. */
#include "ver_util.h"

#include <string.h>

#include "util/err.h"

JET_ERR ve_try_open(ver_env *v, const char *dir, bool create, uint32_t objid)
{
    memset(v, 0, sizeof *v);
    CALL(core_try_open(&v->e, dir, create));
    v->in = core_inst(&v->e);
    v->ses[0] = v->e.ses;
    for (int i = 1; i < VE_SESSIONS; i++)
        CALL(JetBeginSessionA(v->e.inst, &v->ses[i], NULL, NULL));
    for (int i = 0; i < VE_SESSIONS; i++)
        CALL(sess_acquire(v->ses[i], &v->s[i]));
    if (create) {
        uint64_t txid;
        CALL(vtx_begin(v->s[0], 0));
        CALL(vtx_txid(vtx_current(v->s[0]), &txid));
        CALL(st_tree_create(v->e.st, txid, &objid));
        CALL(vtx_commit(v->s[0], 0));
    }
    v->objid = objid;
    return st_tree_open(v->e.st, objid, &v->t);
}

void ve_open(ver_env *v, const char *dir, bool create, uint32_t objid)
{
    assert_jet_ok(ve_try_open(v, dir, create, objid));
}

void ve_close(ver_env *v, JET_GRBIT term)
{
    if (!(term & JET_bitTermDirty))
        for (int i = 1; i < VE_SESSIONS; i++)
            assert_jet_ok(JetEndSession(v->ses[i], 0));
    for (int i = 0; i < VE_SESSIONS; i++)
        sess_release(v->s[i]);
    core_close(&v->e, term);
}

vtx *ve_x(ver_env *v, int i)
{
    return vtx_current(v->s[i]);
}

void ve_begin(ver_env *v, int i)
{
    assert_jet_ok(vtx_begin(v->s[i], 0));
}

void ve_commit(ver_env *v, int i)
{
    assert_jet_ok(vtx_commit(v->s[i], 0));
}

void ve_rollback(ver_env *v, int i)
{
    assert_jet_ok(vtx_rollback(v->s[i], 0));
}

JET_ERR ve_ins(vtx *x, bt_tree *t, const char *key, const char *val)
{
    return vt_insert(x, t, key, strlen(key), val, strlen(val));
}

JET_ERR ve_rep(vtx *x, bt_tree *t, const char *key, const char *val)
{
    return vt_replace(x, t, key, strlen(key), val, strlen(val));
}

JET_ERR ve_del(vtx *x, bt_tree *t, const char *key)
{
    return vt_delete(x, t, key, strlen(key));
}

void ve_expect(vtx *x, bt_tree *t, const char *key, const char *val)
{
    char buf[256];
    size_t actual = 0;
    JET_ERR err = vt_get(x, t, key, strlen(key), 0, buf, sizeof buf, &actual);
    if (val == NULL) {
        if (err != JET_errRecordNotFound)
            fail_msg("key %s: expected no row, got err %d value '%.*s'", key, (int)err,
                     (int)actual, buf);
        return;
    }
    if (err != JET_errSuccess)
        fail_msg("key %s: expected '%s', got err %d", key, val, (int)err);
    if (actual != strlen(val) || memcmp(buf, val, actual) != 0)
        fail_msg("key %s: expected '%s', got '%.*s'", key, val, (int)actual, buf);
}

int ve_raw(bt_tree *t, const char *key)
{
    uint8_t flag = 0;
    size_t actual = 0;
    JET_ERR err = bt_get(t, key, strlen(key), 0, &flag, 1, &actual);
    if (err == JET_errRecordNotFound)
        return 0;
    assert_true(err >= 0);
    return (flag & VT_ROW_DELETED) ? 2 : 1;
}
